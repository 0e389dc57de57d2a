// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt lines and the virtual timer: a timer interrupt reported to
 * the VMM and delivered through the IRQ line to the guest's vector, WFI
 * that sleeps until the timer fires, a line raised from another thread
 * kicking a running vCPU, and the line ioctl's argument checks.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <time.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"

static int run_once(struct avcpu_guest *g)
{
	return avcpu_run_fd(g->vcpu, g->run);
}

static int set_line(int fd, uint32_t line, uint32_t level)
{
	struct avcpu_irq_line l = { .line = line, .level = level };

	return ioctl(fd, AVCPU_IRQ_LINE, &l);
}

static double now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Arm the timer ~1 ms ahead, unmask IRQs and spin.  The IRQ vector
 * (VBAR + 0x280) records CNTV_CTL_EL0 (x4) and ELR_EL1 (x6), masks the
 * timer and reports with hvc #0x1e.
 */
AVCPU_GUEST(g_vtimer,
	"	adr	x0, g_vtimer_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	mrs	x1, cntfrq_el0\n"
	"	lsr	x1, x1, #10\n"
	"	mrs	x2, cntvct_el0\n"
	"	add	x2, x2, x1\n"
	"	msr	cntv_cval_el0, x2\n"
	"	mov	x3, #1\n"
	"	msr	cntv_ctl_el0, x3\n"
	"	isb\n"
	"	msr	daifclr, #2\n"
	"1:	b	1b\n"
	"	.org	g_vtimer_start + 0xa80\n"
	"	mrs	x4, cntv_ctl_el0\n"
	"	mov	x5, #3\n"
	"	msr	cntv_ctl_el0, x5\n"
	"	mrs	x6, elr_el1\n"
	"	hvc	#0x1e\n");

TEST(vtimer_interrupt_through_the_line)
{
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_vtimer_start,
					g_vtimer_end));
	ASSERT_EQ(0, run_once(&g));
	/* The timer fired while the guest spun: its level went up. */
	ASSERT_EQ(AVCPU_EXIT_IRQ_LEVEL, g.run->exit_reason);
	ASSERT_EQ(AVCPU_IRQ_LEVEL_VTIMER, g.run->irq_level);
	ASSERT_EQ(0, set_line(g.vcpu, AVCPU_LINE_IRQ, 1));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0x1e, g.run->hypercall.imm);
	/* Enabled and expired, not masked: the guest's own view. */
	ASSERT_EQ(5, g.run->hypercall.x[4] & 7);
	/* Taken in the spin loop. */
	ASSERT_EQ(g.entry + 11 * 4, g.run->hypercall.x[6]);
	/* The guest masked its timer: the level is down again. */
	ASSERT_EQ(0, g.run->irq_level);
	ASSERT_EQ(0, set_line(g.vcpu, AVCPU_LINE_IRQ, 0));
	avcpu_guest_destroy(&g);
}

/* Timer 50 ms ahead, IRQs masked, WFI; report both counter values. */
AVCPU_GUEST(g_wfi_timer,
	"	mrs	x1, cntfrq_el0\n"
	"	mov	x2, #20\n"
	"	udiv	x1, x1, x2\n"
	"	mrs	x3, cntvct_el0\n"
	"	add	x2, x3, x1\n"
	"	msr	cntv_cval_el0, x2\n"
	"	mov	x0, #1\n"
	"	msr	cntv_ctl_el0, x0\n"
	"	isb\n"
	"	wfi\n"
	"	mrs	x4, cntvct_el0\n"
	"	sub	x0, x4, x3\n"
	"	hvc	#1\n");

TEST(wfi_sleeps_until_the_timer)
{
	double wall, cpu, w0, c0;
	struct avcpu_guest g;
	uint64_t freq, ticks;

	asm volatile("mrs %0, cntfrq_el0" : "=r" (freq));
	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_wfi_timer_start,
					g_wfi_timer_end));
	w0 = now(CLOCK_MONOTONIC);
	c0 = now(CLOCK_THREAD_CPUTIME_ID);
	ASSERT_EQ(0, run_once(&g));
	/* WFI completed when the timer fired: the level is reported. */
	ASSERT_EQ(AVCPU_EXIT_IRQ_LEVEL, g.run->exit_reason);
	ASSERT_EQ(0, run_once(&g));
	wall = now(CLOCK_MONOTONIC) - w0;
	cpu = now(CLOCK_THREAD_CPUTIME_ID) - c0;
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ticks = g.run->hypercall.x[0];
	TH_LOG("WFI took %.1f ms wall, %.1f ms CPU, %llu ticks at %llu Hz",
	       wall * 1e3, cpu * 1e3, (unsigned long long)ticks,
	       (unsigned long long)freq);
	ASSERT_GE(ticks, freq / 20);
	ASSERT_GE(wall, 0.050);
	/*
	 * Asleep, not spinning: at least 40 of the timer's 50 ms not on
	 * a CPU.  (Not cpu < wall / 4: a TCG guest has no steal clock, so
	 * the host preempting QEMU while this thread runs charges the
	 * stolen time to its CPU time; wall - cpu stays the same.)
	 */
	ASSERT_GE(wall - cpu, 0.040);
	avcpu_guest_destroy(&g);
}

/* IRQs unmasked, spin; the IRQ vector reports with hvc #0x1f. */
AVCPU_GUEST(g_spin_irq,
	"	adr	x0, g_spin_irq_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	msr	daifclr, #3\n"
	"1:	b	1b\n"
	"	.org	g_spin_irq_start + 0xa80\n"	/* IRQ */
	"	hvc	#0x1f\n"
	"	.org	g_spin_irq_start + 0xb00\n"	/* FIQ */
	"	hvc	#0xf1\n");

struct raiser {
	int fd;
	uint32_t line;
};

static void *raise_later(void *arg)
{
	struct raiser *r = arg;

	usleep(100 * 1000);
	set_line(r->fd, r->line, 1);
	return NULL;
}

static void check_kick(struct __test_metadata *_metadata, uint32_t line,
		       uint32_t imm)
{
	struct avcpu_guest g;
	struct raiser r;
	pthread_t th;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_spin_irq_start,
					g_spin_irq_end));
	r.fd = g.vcpu;
	r.line = line;
	ASSERT_EQ(0, pthread_create(&th, NULL, raise_later, &r));
	ASSERT_EQ(0, run_once(&g));
	pthread_join(th, NULL);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(imm, g.run->hypercall.imm);
	avcpu_guest_destroy(&g);
}

TEST(irq_line_from_another_thread_kicks_the_guest)
{
	check_kick(_metadata, AVCPU_LINE_IRQ, 0x1f);
}

TEST(fiq_line_from_another_thread_kicks_the_guest)
{
	check_kick(_metadata, AVCPU_LINE_FIQ, 0xf1);
}

TEST(irq_line_bad_arguments)
{
	struct avcpu_irq_line l = { 0 };
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_spin_irq_start,
					g_spin_irq_end));
	l.line = 2;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_IRQ_LINE, &l));
	ASSERT_EQ(EINVAL, errno);
	l.line = 0;
	l.level = 2;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_IRQ_LINE, &l));
	ASSERT_EQ(EINVAL, errno);
	l.level = 1;
	l.reserved[1] = 1;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_IRQ_LINE, &l));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_IRQ_LINE, NULL));
	ASSERT_EQ(EFAULT, errno);
	avcpu_guest_destroy(&g);
}

TEST_HARNESS_MAIN
