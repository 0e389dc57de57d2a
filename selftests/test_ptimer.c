// SPDX-License-Identifier: GPL-2.0
/*
 * The EL1 physical timer, emulated by the module: CNTP_CTL/CVAL/TVAL
 * semantics (ISTATUS, IMASK, ENABLE, TVAL's sign), the physical counter
 * being the host's (the virtual one is offset per VM), the timer's output
 * reported in irq_level (AVCPU_IRQ_LEVEL_PTIMER) while the guest spins
 * and while it sleeps in WFI, ONE_REG save and restore into a fresh vCPU,
 * reset, and a guest under avcpu-run that takes the timer's interrupt,
 * PPI 30, from the VMM's GIC.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <sys/wait.h>
#include <time.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/vmm_console.h"

#define CTL_ENABLE	1
#define CTL_IMASK	2
#define CTL_ISTATUS	4

static double now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t cntfrq(void)
{
	uint64_t f;

	asm volatile("mrs %0, cntfrq_el0" : "=r" (f));
	return f;
}

static int set_line(int fd, uint32_t line, uint32_t level)
{
	struct avcpu_irq_line l = { .line = line, .level = level };

	return ioctl(fd, AVCPU_IRQ_LINE, &l);
}

TEST(feature_is_advertised)
{
	struct avcpu_caps caps;
	int sys = open("/dev/avcpu", O_RDWR | O_CLOEXEC);

	char line[1024];
	bool ecv = false;
	FILE *f;

	ASSERT_LE(0, sys);
	ASSERT_EQ(0, ioctl(sys, AVCPU_GET_CAPS, &caps));
	ASSERT_TRUE(caps.features & AVCPU_FEAT_PTIMER);
	close(sys);
	/* For the record: does this CPU have FEAT_ECV (CNTPOFF_EL2)? */
	f = fopen("/proc/cpuinfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Features", 8) && strstr(line, " ecv"))
			ecv = true;
	if (f)
		fclose(f);
	TH_LOG("host FEAT_ECV: %s", ecv ? "yes" : "no");
}

/*
 * Counters and register semantics, no trap reaching the VMM:
 *   x2 CNTVCT, x3 CNTPCT, x4 CNTVCT, x5 a second CNTPCT; x6 CTL of an armed timer 2^28 ticks ahead, x7 its
 *   TVAL; then TVAL = -100: x8 the counter before, x9 CTL, x10 TVAL,
 *   x11 CVAL; IMASK: x12 CTL; disabled: x13 CTL.  hvc #1.
 */
AVCPU_GUEST(g_regs,
	"	mrs	x2, cntvct_el0\n"
	"	isb\n"
	"	mrs	x3, cntpct_el0\n"
	"	isb\n"
	"	mrs	x4, cntvct_el0\n"
	"	isb\n"
	"	mrs	x5, cntpct_el0\n"
	"	mov	x0, #0x10000000\n"
	"	add	x0, x0, x5\n"
	"	msr	cntp_cval_el0, x0\n"
	"	mov	x0, #1\n"
	"	msr	cntp_ctl_el0, x0\n"
	"	mrs	x6, cntp_ctl_el0\n"
	"	mrs	x7, cntp_tval_el0\n"
	"	mrs	x8, cntpct_el0\n"
	"	mov	x0, #-100\n"
	"	msr	cntp_tval_el0, x0\n"
	"	mrs	x9, cntp_ctl_el0\n"
	"	mrs	x10, cntp_tval_el0\n"
	"	mrs	x11, cntp_cval_el0\n"
	"	mov	x0, #3\n"
	"	msr	cntp_ctl_el0, x0\n"
	"	mrs	x12, cntp_ctl_el0\n"
	"	msr	cntp_ctl_el0, xzr\n"
	"	mrs	x13, cntp_ctl_el0\n"
	"	hvc	#1\n");

TEST(registers_and_counter)
{
	uint64_t levels[4], tval, cval, before, h0, h1;
	__u64 *x;
	struct avcpu_guest g;
	int n = 0;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_regs_start,
					g_regs_end));
	/* The host's view of the same counter (its CNTVOFF is 0). */
	asm volatile("isb; mrs %0, cntvct_el0" : "=r" (h0));
	for (;;) {
		ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
		if (g.run->exit_reason != AVCPU_EXIT_IRQ_LEVEL)
			break;
		ASSERT_LT(n, 4);
		levels[n++] = g.run->irq_level;
	}
	asm volatile("isb; mrs %0, cntvct_el0" : "=r" (h1));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(1, g.run->hypercall.imm);
	x = g.run->hypercall.x;
	/* x0-x7 come in the exit, the rest through ONE_REG. */
	TH_LOG("CNTVCT %llu CNTPCT %llu CNTVCT %llu CNTPCT %llu",
	       (unsigned long long)x[2], (unsigned long long)x[3],
	       (unsigned long long)x[4], (unsigned long long)x[5]);
	/* CNTPCT is the host's counter, monotonic. */
	ASSERT_LE(h0, x[3]);
	ASSERT_LE(x[3], x[5]);
	ASSERT_LE(x[5], h1);
	/*
	 * CNTVCT: the same clock less the VM's offset, the counter when the
	 * VM was created: it started near zero (well under a minute ago),
	 * while the host's counts from boot.
	 */
	ASSERT_LE(x[2], x[4]);
	ASSERT_LT(x[4], cntfrq() * 60);
	ASSERT_LT(x[2], x[3]);
	/* Armed, in the future: ENABLE, no ISTATUS; TVAL counts down. */
	ASSERT_EQ(CTL_ENABLE, x[6]);
	ASSERT_GT(x[7], 0);
	ASSERT_LE(x[7], 0x10000000);

	/* TVAL = -100: expired at once, the level rose, then IMASK. */
	ASSERT_EQ(2, n);
	ASSERT_EQ(AVCPU_IRQ_LEVEL_PTIMER, levels[0]);
	ASSERT_EQ(0, levels[1]);
	ASSERT_EQ(0, g.run->irq_level);
	ASSERT_EQ(CTL_ENABLE | CTL_ISTATUS, avcpu_reg(g.vcpu, AVCPU_REG_X(9)));
	/* TVAL reads (CVAL - count)[31:0]: negative, upper half zero. */
	tval = avcpu_reg(g.vcpu, AVCPU_REG_X(10));
	ASSERT_EQ(0, tval >> 32);
	ASSERT_LE((int32_t)tval, -100);
	ASSERT_GT((int32_t)tval, -100 - (int64_t)cntfrq());
	/* CVAL = the counter at the write - 100. */
	cval = avcpu_reg(g.vcpu, AVCPU_REG_X(11));
	before = avcpu_reg(g.vcpu, AVCPU_REG_X(8));
	ASSERT_GE(cval, before - 100);
	ASSERT_LT(cval, before - 100 + cntfrq());
	/* IMASK keeps ISTATUS; a disabled timer shows none. */
	ASSERT_EQ(CTL_ENABLE | CTL_IMASK | CTL_ISTATUS,
		  avcpu_reg(g.vcpu, AVCPU_REG_X(12)));
	ASSERT_EQ(0, avcpu_reg(g.vcpu, AVCPU_REG_X(13)));
	avcpu_guest_destroy(&g);
}

/* Timer 50 ms ahead by TVAL, IRQs masked, WFI; x0 = ticks slept, x5 CTL. */
AVCPU_GUEST(g_wfi,
	"	mrs	x1, cntfrq_el0\n"
	"	mov	x2, #20\n"
	"	udiv	x1, x1, x2\n"
	"	mrs	x3, cntpct_el0\n"
	"	msr	cntp_tval_el0, x1\n"
	"	mov	x0, #1\n"
	"	msr	cntp_ctl_el0, x0\n"
	"	wfi\n"
	"	mrs	x4, cntpct_el0\n"
	"	sub	x0, x4, x3\n"
	"	mrs	x5, cntp_ctl_el0\n"
	"	hvc	#1\n");

TEST(wfi_sleeps_until_the_ptimer)
{
	double wall, level_wall, cpu, w0, c0;
	uint64_t freq = cntfrq(), ticks;
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_wfi_start,
					g_wfi_end));
	w0 = now(CLOCK_MONOTONIC);
	c0 = now(CLOCK_THREAD_CPUTIME_ID);
	/* Nothing comes back before the deadline but the level itself. */
	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	level_wall = now(CLOCK_MONOTONIC) - w0;
	ASSERT_EQ(AVCPU_EXIT_IRQ_LEVEL, g.run->exit_reason);
	ASSERT_EQ(AVCPU_IRQ_LEVEL_PTIMER, g.run->irq_level);
	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	wall = now(CLOCK_MONOTONIC) - w0;
	cpu = now(CLOCK_THREAD_CPUTIME_ID) - c0;
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ticks = g.run->hypercall.x[0];
	TH_LOG("level after %.1f ms; WFI took %.1f ms wall, %.1f ms CPU, %llu ticks at %llu Hz",
	       level_wall * 1e3, wall * 1e3, cpu * 1e3,
	       (unsigned long long)ticks, (unsigned long long)freq);
	ASSERT_GE(ticks, freq / 20);
	ASSERT_GE(level_wall, 0.050);
	/*
	 * Asleep, not spinning: at least 40 of the timer's 50 ms not on
	 * a CPU.  (Not cpu < wall / 4: a TCG guest has no steal clock, so
	 * the host preempting QEMU while this thread runs charges the
	 * stolen time to its CPU time; wall - cpu stays the same.)
	 */
	ASSERT_GE(wall - cpu, 0.040);
	ASSERT_EQ(CTL_ENABLE | CTL_ISTATUS, g.run->hypercall.x[5]);
	/* Still high: reported once, not again. */
	ASSERT_EQ(AVCPU_IRQ_LEVEL_PTIMER, g.run->irq_level);
	avcpu_guest_destroy(&g);
}

/*
 * Timer ~10 ms ahead by CVAL, IRQs unmasked, spin without trapping: the
 * hrtimer must pull the vCPU out.  The IRQ vector (VBAR + 0x280) records
 * CNTP_CTL_EL0 (x4), masks the timer and reports with hvc #0x1e.
 */
AVCPU_GUEST(g_spin,
	"	adr	x0, g_spin_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	mrs	x1, cntfrq_el0\n"
	"	mov	x2, #100\n"
	"	udiv	x1, x1, x2\n"
	"	mrs	x2, cntpct_el0\n"
	"	add	x2, x2, x1\n"
	"	msr	cntp_cval_el0, x2\n"
	"	mov	x3, #1\n"
	"	msr	cntp_ctl_el0, x3\n"
	"	msr	daifclr, #2\n"
	"1:	b	1b\n"
	"	.org	g_spin_start + 0xa80\n"
	"	mrs	x4, cntp_ctl_el0\n"
	"	mov	x5, #3\n"
	"	msr	cntp_ctl_el0, x5\n"
	"	hvc	#0x1e\n");

TEST(ptimer_fires_while_the_guest_spins)
{
	struct avcpu_guest g;
	double w0, wall;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_spin_start,
					g_spin_end));
	w0 = now(CLOCK_MONOTONIC);
	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	wall = now(CLOCK_MONOTONIC) - w0;
	TH_LOG("level exit after %.1f ms", wall * 1e3);
	ASSERT_EQ(AVCPU_EXIT_IRQ_LEVEL, g.run->exit_reason);
	ASSERT_EQ(AVCPU_IRQ_LEVEL_PTIMER, g.run->irq_level);
	ASSERT_GE(wall, 0.010);
	/* 11 ms is usual; a loaded lab host may starve QEMU for a while. */
	ASSERT_LT(wall, 10.0);
	ASSERT_EQ(0, set_line(g.vcpu, AVCPU_LINE_IRQ, 1));
	/*
	 * The guest masks its timer (a trapped write): the level falls and
	 * the VMM hears of it at once, so it can lower the line before EOI.
	 */
	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	ASSERT_EQ(AVCPU_EXIT_IRQ_LEVEL, g.run->exit_reason);
	ASSERT_EQ(0, g.run->irq_level);
	ASSERT_EQ(0, set_line(g.vcpu, AVCPU_LINE_IRQ, 0));
	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0x1e, g.run->hypercall.imm);
	ASSERT_EQ(CTL_ENABLE | CTL_ISTATUS, g.run->hypercall.x[4]);
	ASSERT_EQ(0, g.run->irq_level);
	avcpu_guest_destroy(&g);
}

/* Arm the timer 2^28 ticks ahead, masked; x0 = CVAL.  hvc #1. */
AVCPU_GUEST(g_save,
	"	mrs	x0, cntpct_el0\n"
	"	mov	x1, #0x10000000\n"
	"	add	x0, x0, x1\n"
	"	msr	cntp_cval_el0, x0\n"
	"	mov	x1, #3\n"
	"	msr	cntp_ctl_el0, x1\n"
	"	hvc	#1\n");

/* Read the timer back: x0 = CTL, x1 = CVAL.  hvc #2. */
AVCPU_GUEST(g_restore,
	"	mrs	x0, cntp_ctl_el0\n"
	"	mrs	x1, cntp_cval_el0\n"
	"	hvc	#2\n");

TEST(one_reg_save_restore_and_reset)
{
	struct avcpu_reg_list *l;
	struct avcpu_guest a, b;
	uint64_t cval, v;
	unsigned int i, found = 0;

	ASSERT_EQ(0, avcpu_guest_create(&a, 1 << 20, g_save_start,
					g_save_end));
	ASSERT_EQ(0, avcpu_run_fd(a.vcpu, a.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, a.run->exit_reason);
	cval = a.run->hypercall.x[0];
	ASSERT_EQ(CTL_ENABLE | CTL_IMASK,
		  avcpu_reg(a.vcpu, AVCPU_REG_CNTP_CTL_EL0));
	ASSERT_EQ(cval, avcpu_reg(a.vcpu, AVCPU_REG_CNTP_CVAL_EL0));

	l = calloc(1, sizeof(*l) + 400 * sizeof(uint64_t));
	ASSERT_NE(NULL, l);
	l->n = 400;
	ASSERT_EQ(0, ioctl(a.vcpu, AVCPU_GET_REG_LIST, l));
	for (i = 0; i < l->n; i++)
		found += l->reg[i] == AVCPU_REG_CNTP_CTL_EL0 ||
			 l->reg[i] == AVCPU_REG_CNTP_CVAL_EL0;
	free(l);
	ASSERT_EQ(2, found);

	/* Into a fresh vCPU; ISTATUS written is ignored. */
	ASSERT_EQ(0, avcpu_guest_create(&b, 1 << 20, g_restore_start,
					g_restore_end));
	ASSERT_EQ(0, avcpu_set_reg(b.vcpu, AVCPU_REG_CNTP_CVAL_EL0, cval));
	ASSERT_EQ(0, avcpu_set_reg(b.vcpu, AVCPU_REG_CNTP_CTL_EL0,
				   CTL_ENABLE | CTL_IMASK | CTL_ISTATUS));
	ASSERT_EQ(CTL_ENABLE | CTL_IMASK,
		  avcpu_reg(b.vcpu, AVCPU_REG_CNTP_CTL_EL0));
	ASSERT_EQ(0, avcpu_run_fd(b.vcpu, b.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, b.run->exit_reason);
	ASSERT_EQ(2, b.run->hypercall.imm);
	ASSERT_EQ(CTL_ENABLE | CTL_IMASK, b.run->hypercall.x[0]);
	ASSERT_EQ(cval, b.run->hypercall.x[1]);

	/* An expired deadline shows ISTATUS through ONE_REG too. */
	ASSERT_EQ(0, avcpu_set_reg(b.vcpu, AVCPU_REG_CNTP_CVAL_EL0, 0));
	ASSERT_EQ(CTL_ENABLE | CTL_IMASK | CTL_ISTATUS,
		  avcpu_reg(b.vcpu, AVCPU_REG_CNTP_CTL_EL0));

	/* Reset: the timer is off again. */
	ASSERT_EQ(0, ioctl(a.vcpu, AVCPU_VCPU_RESET, 0));
	v = ~0ULL;
	ASSERT_EQ(0, avcpu_get_reg(a.vcpu, AVCPU_REG_CNTP_CTL_EL0, &v));
	ASSERT_EQ(0, v);
	ASSERT_EQ(0, avcpu_reg(a.vcpu, AVCPU_REG_CNTP_CVAL_EL0));
	avcpu_guest_destroy(&b);
	avcpu_guest_destroy(&a);
}

/*
 * A bare-metal guest for avcpu-run, position independent: enables the
 * GICv2 distributor and CPU interface and PPI 30, programs the physical
 * timer 50 ms ahead, unmasks IRQs and sleeps in WFI until its interrupt
 * handler (VBAR + 0x280) has acknowledged INTID 30, disabled the timer
 * and signalled EOI.  It prints one verdict line on the PL011 and powers
 * off (PSCI SYSTEM_OFF).  x19 start count, x20 interrupt taken, x21 WFI
 * count, x22 INTID, x23 count at the interrupt, x6 ticks.
 */
AVCPU_GUEST(g_vmm,
	"	adr	x0, g_vmm_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	movz	x1, #0x0800, lsl #16\n"		/* GICD */
	"	mov	w2, #1\n"
	"	str	w2, [x1]\n"			/* GICD_CTLR */
	"	mov	w2, #(1 << 30)\n"
	"	str	w2, [x1, #0x100]\n"		/* GICD_ISENABLER0 */
	"	movz	x5, #0x0801, lsl #16\n"		/* GICC */
	"	mov	w2, #0xff\n"
	"	str	w2, [x5, #4]\n"			/* GICC_PMR */
	"	mov	w2, #1\n"
	"	str	w2, [x5]\n"			/* GICC_CTLR */
	"	mrs	x6, cntfrq_el0\n"
	"	mov	x7, #20\n"
	"	udiv	x6, x6, x7\n"
	"	mov	x20, #0\n"
	"	mov	x21, #0\n"
	"	mrs	x19, cntpct_el0\n"
	"	msr	cntp_tval_el0, x6\n"
	"	mov	x2, #1\n"
	"	msr	cntp_ctl_el0, x2\n"
	"	msr	daifclr, #2\n"
	"1:	wfi\n"
	"	add	x21, x21, #1\n"
	"	cbz	x20, 1b\n"
	"	msr	daifset, #2\n"
	"	adr	x2, 10f\n"
	"	sub	x3, x23, x19\n"
	"	cmp	x3, x6\n"
	"	b.lo	3f\n"
	"	adr	x2, 11f\n"
	"	cmp	x22, #30\n"
	"	b.ne	3f\n"
	"	adr	x2, 12f\n"
	"	cmp	x21, #8\n"
	"	b.hi	3f\n"
	"	adr	x2, 13f\n"
	"3:	movz	x1, #0x0900, lsl #16\n"		/* PL011 */
	"4:	ldrb	w3, [x2], #1\n"
	"	cbz	w3, 6f\n"
	"5:	ldr	w4, [x1, #0x18]\n"		/* UARTFR.TXFF */
	"	tbnz	w4, #5, 5b\n"
	"	strb	w3, [x1]\n"
	"	b	4b\n"
	"6:	movz	x0, #0x0008\n"
	"	movk	x0, #0x8400, lsl #16\n"		/* SYSTEM_OFF */
	"	hvc	#0\n"
	"	b	.\n"
	"10:	.asciz	\"ptimer: EARLY\\n\"\n"
	"11:	.asciz	\"ptimer: WRONG INTID\\n\"\n"
	"12:	.asciz	\"ptimer: NOT ASLEEP\\n\"\n"
	"13:	.asciz	\"ptimer: interrupt 30 after WFI\\n\"\n"
	"	.org	g_vmm_start + 0xa80\n"
	"	ldr	w22, [x5, #0xc]\n"		/* GICC_IAR */
	"	mrs	x23, cntpct_el0\n"
	"	msr	cntp_ctl_el0, xzr\n"
	"	str	w22, [x5, #0x10]\n"		/* GICC_EOIR */
	"	mov	x20, #1\n"
	"	eret\n");

TEST(avcpu_run_guest_takes_ppi_30)
{
	const char *img = "/tmp/avcpu-ptimer-guest.bin";
	char cmd[256], out[4096];
	double w0, wall;
	FILE *f;
	int st;

	if (access("/avcpu-run/avcpu-run", X_OK))
		SKIP(return, "no /avcpu-run/avcpu-run in this image");
	f = fopen(img, "w");
	ASSERT_NE(NULL, f);
	ASSERT_EQ(1, fwrite(g_vmm_start, g_vmm_end - g_vmm_start, 1, f));
	ASSERT_EQ(0, fclose(f));
	/* The guest is written for avcpu-run's own GICv2. */
	snprintf(cmd, sizeof(cmd),
		 "/avcpu-run/avcpu-run --irqchip=user-gicv2 %s </dev/null 2>&1",
		 img);
	w0 = now(CLOCK_MONOTONIC);
	st = vmm_run_capture(cmd, out, sizeof(out));
	wall = now(CLOCK_MONOTONIC) - w0;
	unlink(img);
	TH_LOG("avcpu-run took %.1f ms: %s", wall * 1e3, out);
	ASSERT_EQ(0, st);
	ASSERT_NE(NULL, strstr(out, "ptimer: interrupt 30 after WFI"));
	ASSERT_GE(wall, 0.050);
}

TEST_HARNESS_MAIN
