// SPDX-License-Identifier: GPL-2.0
/*
 * The in-kernel GICv3 as the guest's CPU sees it: guests that program
 * their redistributor and use the CPU interface through ICC_* system
 * registers.  SGIs from vCPU 0 to every other vCPU and back (2 and 4
 * vCPUs, each on its own thread), priority order and preemption, the
 * priority mask, more pending interrupts than list registers, the
 * virtual and physical timers waking a vCPU asleep in WFI with no
 * IRQ_LEVEL exit, the
 * ID and ICC_SRE_EL1 values with and without the GIC, a guest
 * writing garbage to its ICC_* registers, vCPU fds closed while SGIs
 * and an irqfd's SPI go to them, an SPI rerouted away from a vCPU
 * that does not run, GICD_CTLR's group enables gating SPIs, EOIs of
 * more active interrupts than there are list registers (by EOIcount,
 * and by a trapped ICC_DIR_EL1 that names its interrupt), distributor
 * writes to an interrupt that sits in another vCPU's list register, and
 * a level SPI pulsed, then its line raised while the guest holds it
 * active.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <sys/eventfd.h>
#include <sys/mount.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/gic_regs.h"
#include "lib/host_mm.h"

#define NR_SPIS		32
#define MAX_VCPUS	4
#define ROUNDS		50
#define ROUNDS_S	"50"		/* the same, for the guests */

/* Each vCPU's log of acknowledged INTIDs, and its stack above it. */
#define LOG_BASE	0xe0000ULL	/* RAM offset */
#define LOG_STRIDE	0x2000ULL

/*
 * Common start.  In: x0 = this vCPU's redistributor, x1 = its index,
 * x2 = number of vCPUs.  Out: x19 = distributor, x20 = SGI frame of the
 * redistributor, x24 = log cursor, x25 = log start, SP above the log;
 * the redistributor awake, SGIs and PPIs Group 1 at priority 0xa0, the
 * distributor's groups enabled (ARE), PMR open, Group 1 enabled.
 * Interrupts stay masked (PSTATE.I from reset).
 */
#define GIC_PROLOGUE(n)							\
	"	adr	x9, " #n "_start + 0x800\n"			\
	"	msr	vbar_el1, x9\n"					\
	"	movz	x24, #0x400e, lsl #16\n"			\
	"	lsl	x9, x1, #13\n"					\
	"	add	x24, x24, x9\n"					\
	"	mov	x25, x24\n"					\
	"	add	x9, x24, #0x2000\n"				\
	"	mov	sp, x9\n"					\
	"	movz	x19, #0x0800, lsl #16\n"			\
	"	mov	w9, #0x13\n"					\
	"	str	w9, [x19]\n"			/* GICD_CTLR */	\
	"	str	wzr, [x0, #0x14]\n"		/* GICR_WAKER */ \
	"	add	x20, x0, #0x10000\n"				\
	"	mov	w9, #-1\n"					\
	"	str	w9, [x20, #0x80]\n"		/* IGROUPR0 */	\
	"	movz	w9, #0xa0a0\n"					\
	"	movk	w9, #0xa0a0, lsl #16\n"				\
	"	add	x10, x20, #0x400\n"		/* IPRIORITYR */ \
	"	mov	x11, #8\n"					\
	"70:	str	w9, [x10]\n"					\
	"	add	x10, x10, #4\n"					\
	"	subs	x11, x11, #1\n"					\
	"	b.ne	70b\n"						\
	"	mov	x9, #0xf8\n"					\
	"	msr	" ICC_PMR_EL1 ", x9\n"			\
	"	mov	x9, #1\n"					\
	"	msr	" ICC_IGRPEN1_EL1 ", x9\n"			\
	"	isb\n"

/* A synchronous exception the test did not expect: report it. */
#define GIC_SYNC_VECTOR(n)						\
	"	.org	" #n "_start + 0xa00\n"				\
	"	mrs	x0, esr_el1\n"					\
	"	mrs	x1, elr_el1\n"					\
	"	hvc	#0xee\n"

/* Log the INTID of x10 (an ICC_IAR1_EL1 value). */
#define GIC_LOG_X10							\
	"	and	x11, x10, #0xffffff\n"				\
	"	str	x11, [x24], #8\n"

/* Send SGI @id to the vCPU with Aff0 = 0 (ICC_SGI1R_EL1, x12). */
#define GIC_SGI_TO_0(id)						\
	"	movz	x12, #(" #id " << 8), lsl #16\n"		\
	"	orr	x12, x12, #1\n"					\
	"	msr	" ICC_SGI1R_EL1 ", x12\n"				\
	"	isb\n"

/* Spin @cnt times on @reg. */
#define GIC_SPIN_ON(reg, cnt)						\
	"	mov	" #reg ", #" #cnt "\n"				\
	"71:	subs	" #reg ", " #reg ", #1\n"			\
	"	b.ne	71b\n"
#define GIC_SPIN(cnt)	GIC_SPIN_ON(x9, cnt)

/* SPI 32 in Group 1, routed to Aff0 = 0 and enabled; w9 = 1 after. */
#define GIC_SPI32_TO_0							\
	"	mov	w9, #1\n"					\
	"	str	w9, [x19, #0x84]\n"		/* GICD_IGROUPR1 */ \
	"	mov	x9, #0x6100\n"					\
	"	add	x10, x19, x9\n"				\
	"	str	xzr, [x10]\n"			/* GICD_IROUTER32 */ \
	"	mov	w9, #1\n"					\
	"	str	w9, [x19, #0x104]\n"		/* GICD_ISENABLER1 */

/* x1 = entries in the log */
#define GIC_LOG_COUNT							\
	"	sub	x1, x24, x25\n"					\
	"	lsr	x1, x1, #3\n"

struct gic_vm {
	struct avcpu_guest g;
	int n;
	int fd[MAX_VCPUS];
	struct avcpu_run *run[MAX_VCPUS];
};

/*
 * A VM of @n vCPUs (MPIDR Aff0 = index) running @code, with the
 * in-kernel GIC if @gic; x0-x2 as GIC_PROLOGUE wants them.
 */
static int gic_vm_create(struct gic_vm *v, int n, const char *code,
			 const char *end, bool gic)
{
	struct avcpu_entry e = { 0 };
	int i, ret;

	memset(v, 0, sizeof(*v));
	v->n = n;
	ret = avcpu_guest_create(&v->g, 1 << 20, code, end);
	if (ret)
		return ret;
	v->fd[0] = v->g.vcpu;
	v->run[0] = v->g.run;
	e.pc = v->g.entry;
	for (i = 1; i < n; i++) {
		v->fd[i] = avcpu_guest_add_vcpu(&v->g, i, 0, &v->run[i]);
		if (v->fd[i] < 0)
			return v->fd[i];
		if (ioctl(v->fd[i], AVCPU_SET_ENTRY, &e))
			return -errno;
	}
	if (gic && gic_create(v->g.vm, gic_irqchip(NR_SPIS, n)))
		return -errno;
	for (i = 0; i < n; i++) {
		if (avcpu_set_reg(v->fd[i], AVCPU_REG_X(0),
				  GIC_REDIST_BASE + i * AVCPU_GICV3_REDIST_SIZE) ||
		    avcpu_set_reg(v->fd[i], AVCPU_REG_X(1), i) ||
		    avcpu_set_reg(v->fd[i], AVCPU_REG_X(2), n))
			return -errno;
	}
	return 0;
}

static void gic_vm_destroy(struct gic_vm *v)
{
	int i;

	for (i = 1; i < v->n; i++) {
		if (v->run[i])
			munmap(v->run[i], 4096);
		if (v->fd[i] > 0)
			close(v->fd[i]);
	}
	avcpu_guest_destroy(&v->g);
}

/* The log of vCPU @i: *count INTIDs. */
static const uint64_t *gic_log(struct gic_vm *v, int i)
{
	return (const uint64_t *)((char *)v->g.ram + LOG_BASE +
				  i * LOG_STRIDE);
}

/*
 * One vCPU's thread: RUN until an exit other than a signal or an
 * IRQ_LEVEL report (counted: with the in-kernel GIC there must be none).
 */
struct runner {
	int fd;
	struct avcpu_run *run;
	int err;
	int level_exits;
	pthread_t th;
};

static void *runner_fn(void *arg)
{
	struct runner *r = arg;

	for (;;) {
		if (ioctl(r->fd, AVCPU_RUN, 0) < 0) {
			if (errno == EINTR)
				continue;
			r->err = errno;
			break;
		}
		if (r->run->exit_reason == AVCPU_EXIT_IRQ_LEVEL) {
			r->level_exits++;
			continue;
		}
		break;
	}
	return NULL;
}

/* Run every vCPU on its own thread, the others before vCPU 0. */
static void gic_vm_run_all(struct gic_vm *v, struct runner *r)
{
	int i;

	for (i = v->n - 1; i >= 0; i--) {
		r[i] = (struct runner){ .fd = v->fd[i], .run = v->run[i] };
		pthread_create(&r[i].th, NULL, runner_fn, &r[i]);
	}
	for (i = 0; i < v->n; i++)
		pthread_join(r[i].th, NULL);
}

/*
 * Ping-pong: vCPU 0 sends SGI 1 to each other vCPU in turn, ROUNDS
 * times each (once that vCPU says its redistributor is set up: an SGI
 * of a group it has not chosen yet would be dropped, as on hardware),
 * and waits (WFI) for SGI 2 back; the others answer each
 * SGI 1 with an SGI 2 to vCPU 0 and stop after ROUNDS.  x23 counts what
 * the handler received; every acknowledged INTID is logged.
 */
AVCPU_GUEST(g_pingpong,
	GIC_PROLOGUE(g_pingpong)
	"	mov	w9, #6\n"
	"	str	w9, [x20, #0x100]\n"		/* ISENABLER0: SGI 1, 2 */
	"	mov	x23, #0\n"
	"	movz	x27, #0x400f, lsl #16\n"	/* ready flags */
	"	mov	x9, #1\n"
	"	str	x9, [x27, x1, lsl #3]\n"
	"	msr	daifclr, #2\n"
	"	cbnz	x1, 20f\n"
	"	mov	x21, #1\n"			/* target */
	"2:	cmp	x21, x2\n"
	"	b.ge	10f\n"
	"1:	ldr	x9, [x27, x21, lsl #3]\n"	/* its GIC set up */
	"	cbnz	x9, 11f\n"
	"	wfe\n"
	"	b	1b\n"
	"11:\n"
	"	mov	x22, #0\n"			/* round */
	"3:	cmp	x22, #" ROUNDS_S "\n"
	"	b.ge	5f\n"
	"	mov	x26, x23\n"
	"	mov	x9, #1\n"
	"	lsl	x9, x9, x21\n"
	"	orr	x9, x9, #(1 << 24)\n"
	"	msr	" ICC_SGI1R_EL1 ", x9\n"
	"	isb\n"
	"4:	msr	daifset, #2\n"
	"	cmp	x23, x26\n"
	"	b.ne	6f\n"
	"	wfi\n"
	"6:	msr	daifclr, #2\n"
	"	b.eq	4b\n"
	"	add	x22, x22, #1\n"
	"	b	3b\n"
	"5:	add	x21, x21, #1\n"
	"	b	2b\n"
	"10:	mov	x0, x23\n"
	GIC_LOG_COUNT
	"	hvc	#1\n"
	"20:	msr	daifset, #2\n"
	"	cmp	x23, #" ROUNDS_S "\n"
	"	b.ge	21f\n"
	"	wfi\n"
	"	msr	daifclr, #2\n"
	"	b	20b\n"
	"21:	mov	x0, x23\n"
	GIC_LOG_COUNT
	"	hvc	#2\n"
	GIC_SYNC_VECTOR(g_pingpong)
	"	.org	g_pingpong_start + 0xa80\n"
	"	mrs	x10, " ICC_IAR1_EL1 "\n"
	GIC_LOG_X10
	"	msr	" ICC_EOIR1_EL1 ", x10\n"
	"	cmp	x11, #1\n"
	"	b.ne	1f\n"
	GIC_SGI_TO_0(2)
	"	add	x23, x23, #1\n"
	"	eret\n"
	"1:	cmp	x11, #2\n"
	"	b.ne	2f\n"
	"	add	x23, x23, #1\n"
	"2:	eret\n");

static void check_pingpong(struct __test_metadata *_metadata, int n)
{
	struct runner r[MAX_VCPUS];
	const uint64_t *log;
	struct gic_vm v;
	int i, j;

	ASSERT_TRUE(host_has_gicv3());
	ASSERT_EQ(0, gic_vm_create(&v, n, g_pingpong_start, g_pingpong_end,
				   true));
	gic_vm_run_all(&v, r);
	for (i = 0; i < n; i++) {
		struct avcpu_run *run = v.run[i];
		uint64_t count = run->hypercall.x[1];

		ASSERT_EQ(0, r[i].err);
		ASSERT_EQ(0, r[i].level_exits);
		ASSERT_EQ(AVCPU_EXIT_HYPERCALL, run->exit_reason) {
			avcpu_log_exit(run);
		}
		ASSERT_EQ(i ? 2 : 1, run->hypercall.imm) {
			TH_LOG("vCPU %d: esr %#llx pc %#llx", i,
			       (unsigned long long)run->hypercall.x[0],
			       (unsigned long long)run->hypercall.x[1]);
		}
		/* Every ping answered, each SGI taken exactly once. */
		ASSERT_EQ(i ? ROUNDS : ROUNDS * (n - 1), run->hypercall.x[0]);
		ASSERT_EQ(run->hypercall.x[0], count);
		log = gic_log(&v, i);
		for (j = 0; j < count; j++)
			ASSERT_EQ(i ? 1 : 2, log[j]);
	}
	gic_vm_destroy(&v);
}

TEST(sgi_ping_pong_2_vcpus)
{
	check_pingpong(_metadata, 2);
}

TEST(sgi_ping_pong_4_vcpus)
{
	check_pingpong(_metadata, 4);
}

/*
 * Priorities: SGI 3 at 0x80, SGI 4 at 0x40, SGI 5 at 0xc0, SGI 6 at
 * 0x90.  A: 3 and 4 pending while masked: 4 is taken first.  B: the
 * handler of 3 unmasks and sends 4, which preempts it, and 5, which
 * waits until 3 ended (0x33 marks its end).  C: with PMR at 0x80, SGI
 * 6 is not taken (0x66 marks the time) until PMR opens.
 */
AVCPU_GUEST(g_prio,
	GIC_PROLOGUE(g_prio)
	"	movz	w9, #0xa0a0\n"
	"	movk	w9, #0x80a0, lsl #16\n"
	"	str	w9, [x20, #0x400]\n"		/* SGI 0-3 */
	"	movz	w9, #0xc040\n"
	"	movk	w9, #0xa090, lsl #16\n"
	"	str	w9, [x20, #0x404]\n"		/* SGI 4-7 */
	"	mov	w9, #0x78\n"
	"	str	w9, [x20, #0x100]\n"		/* enable 3-6 */
	"	mov	x27, #0\n"
	GIC_SGI_TO_0(3)
	GIC_SGI_TO_0(4)
	"	msr	daifclr, #2\n"
	GIC_SPIN(100)
	"	mov	x27, #1\n"
	GIC_SGI_TO_0(3)
	GIC_SPIN(100)
	"	mov	x27, #0\n"
	"	mov	x9, #0x80\n"
	"	msr	" ICC_PMR_EL1 ", x9\n"
	"	isb\n"
	GIC_SGI_TO_0(6)
	GIC_SPIN(1000)
	"	mov	x9, #0x66\n"
	"	str	x9, [x24], #8\n"
	"	mov	x9, #0xf8\n"
	"	msr	" ICC_PMR_EL1 ", x9\n"
	"	isb\n"
	GIC_SPIN(100)
	GIC_LOG_COUNT
	"	hvc	#3\n"
	GIC_SYNC_VECTOR(g_prio)
	"	.org	g_prio_start + 0xa80\n"
	"	stp	x10, x11, [sp, #-32]!\n"
	"	str	x12, [sp, #16]\n"
	"	mrs	x10, elr_el1\n"
	"	mrs	x11, spsr_el1\n"
	"	stp	x10, x11, [sp, #-16]!\n"
	"	mrs	x10, " ICC_IAR1_EL1 "\n"
	GIC_LOG_X10
	"	cmp	x11, #3\n"
	"	b.ne	9f\n"
	"	cbz	x27, 9f\n"
	"	msr	daifclr, #2\n"
	GIC_SGI_TO_0(4)
	GIC_SGI_TO_0(5)
	GIC_SPIN_ON(x12, 200)
	"	msr	daifset, #2\n"
	"	mov	x12, #0x33\n"
	"	str	x12, [x24], #8\n"
	"9:	msr	" ICC_EOIR1_EL1 ", x10\n"
	"	ldp	x10, x11, [sp], #16\n"
	"	msr	elr_el1, x10\n"
	"	msr	spsr_el1, x11\n"
	"	ldr	x12, [sp, #16]\n"
	"	ldp	x10, x11, [sp], #32\n"
	"	eret\n");

TEST(priority_preemption_and_pmr)
{
	static const uint64_t want[] = { 4, 3, 3, 4, 0x33, 5, 0x66, 6 };
	struct runner r[1];
	const uint64_t *log;
	struct gic_vm v;
	int j;

	ASSERT_TRUE(host_has_gicv3());
	ASSERT_EQ(0, gic_vm_create(&v, 1, g_prio_start, g_prio_end, true));
	gic_vm_run_all(&v, r);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, v.run[0]->exit_reason);
	ASSERT_EQ(3, v.run[0]->hypercall.imm) {
		TH_LOG("esr %#llx pc %#llx",
		       (unsigned long long)v.run[0]->hypercall.x[0],
		       (unsigned long long)v.run[0]->hypercall.x[1]);
	}
	log = gic_log(&v, 0);
	for (j = 0; j < v.run[0]->hypercall.x[1]; j++)
		TH_LOG("log[%d] = %#llx", j, (unsigned long long)log[j]);
	ASSERT_EQ(ARRAY_SIZE(want), v.run[0]->hypercall.x[1]);
	for (j = 0; j < ARRAY_SIZE(want); j++)
		ASSERT_EQ(want[j], log[j]);
	gic_vm_destroy(&v);
}

/*
 * Twelve interrupts pending at once, more than the list registers hold:
 * SGIs 0-7, PPIs 20 and 21 (GICR_ISPENDR0), SPIs 32 and 33
 * (GICD_ISPENDR1), at twelve priorities.  Each is taken once, in
 * priority order.
 */
AVCPU_GUEST(g_many,
	GIC_PROLOGUE(g_many)
	"	movz	w9, #0x1810\n"
	"	movk	w9, #0x2820, lsl #16\n"
	"	str	w9, [x20, #0x400]\n"		/* SGI 0-3 */
	"	movz	w9, #0x3830\n"
	"	movk	w9, #0x4840, lsl #16\n"
	"	str	w9, [x20, #0x404]\n"		/* SGI 4-7 */
	"	movz	w9, #0x5850\n"
	"	movk	w9, #0xa0a0, lsl #16\n"
	"	str	w9, [x20, #0x414]\n"		/* PPI 20-23 */
	"	movz	w9, #0x00ff\n"
	"	movk	w9, #0x0030, lsl #16\n"
	"	str	w9, [x20, #0x100]\n"		/* ISENABLER0 */
	"	mov	w9, #-1\n"
	"	str	w9, [x19, #0x84]\n"		/* GICD_IGROUPR1 */
	"	movz	w9, #0x6860\n"
	"	movk	w9, #0xa0a0, lsl #16\n"
	"	str	w9, [x19, #0x420]\n"		/* IPRIORITYR 32-35 */
	"	add	x9, x19, #0x6000\n"
	"	str	xzr, [x9, #0x100]\n"		/* IROUTER32: vCPU 0 */
	"	str	xzr, [x9, #0x108]\n"		/* IROUTER33 */
	"	mov	w9, #3\n"
	"	str	w9, [x19, #0x104]\n"		/* GICD_ISENABLER1 */
	GIC_SGI_TO_0(0)
	GIC_SGI_TO_0(1)
	GIC_SGI_TO_0(2)
	GIC_SGI_TO_0(3)
	GIC_SGI_TO_0(4)
	GIC_SGI_TO_0(5)
	GIC_SGI_TO_0(6)
	GIC_SGI_TO_0(7)
	"	movz	w9, #0x0030, lsl #16\n"
	"	str	w9, [x20, #0x200]\n"		/* GICR_ISPENDR0 */
	"	mov	w9, #3\n"
	"	str	w9, [x19, #0x204]\n"		/* GICD_ISPENDR1 */
	"	msr	daifclr, #2\n"
	GIC_SPIN(2000)
	GIC_LOG_COUNT
	"	hvc	#4\n"
	GIC_SYNC_VECTOR(g_many)
	"	.org	g_many_start + 0xa80\n"
	"	mrs	x10, " ICC_IAR1_EL1 "\n"
	GIC_LOG_X10
	"	msr	" ICC_EOIR1_EL1 ", x10\n"
	"	eret\n");

TEST(more_pending_than_list_registers)
{
	static const uint64_t want[] = { 0, 1, 2, 3, 4, 5, 6, 7, 20, 21,
					 32, 33 };
	struct runner r[1];
	const uint64_t *log;
	struct gic_vm v;
	int j;

	ASSERT_TRUE(host_has_gicv3());
	ASSERT_EQ(0, gic_vm_create(&v, 1, g_many_start, g_many_end, true));
	gic_vm_run_all(&v, r);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, v.run[0]->exit_reason);
	ASSERT_EQ(4, v.run[0]->hypercall.imm) {
		TH_LOG("esr %#llx pc %#llx",
		       (unsigned long long)v.run[0]->hypercall.x[0],
		       (unsigned long long)v.run[0]->hypercall.x[1]);
	}
	log = gic_log(&v, 0);
	for (j = 0; j < v.run[0]->hypercall.x[1]; j++)
		TH_LOG("log[%d] = %llu", j, (unsigned long long)log[j]);
	ASSERT_EQ(ARRAY_SIZE(want), v.run[0]->hypercall.x[1]);
	for (j = 0; j < ARRAY_SIZE(want); j++)
		ASSERT_EQ(want[j], log[j]);
	gic_vm_destroy(&v);
}

/*
 * A timer, 20 ms ahead, five times: the guest sleeps in WFI (interrupts
 * masked, so WFI returns on the pending PPI and the handler runs once
 * they are unmasked), the handler re-arms it.  One RUN: no IRQ_LEVEL
 * exit reaches the VMM.  x0 = ticks it took.  The virtual timer (PPI 27)
 * is the CPU's; the physical one (PPI 30) is emulated by the host.
 * @hi: the PPI's GICR_ISENABLER0 bit >> 16; @cnt, @cval, @ctl: the
 * timer's registers.
 */
#define TIMER_GUEST(n, hi, ppi, cnt, cval, ctl)				\
AVCPU_GUEST(n,	\
	GIC_PROLOGUE(n)	\
	"	movz	w9, #" hi ", lsl #16\n"	\
	"	str	w9, [x20, #0x100]\n"		/* enable the PPI */	\
	"	mov	x23, #0\n"	\
	"	mrs	x21, cntfrq_el0\n"	\
	"	mov	x9, #50\n"	\
	"	udiv	x21, x21, x9\n"			/* 20 ms */	\
	"	mrs	x26, " cnt "\n"	\
	"	add	x9, x26, x21\n"	\
	"	msr	" cval ", x9\n"	\
	"	mov	x9, #1\n"	\
	"	msr	" ctl ", x9\n"	\
	"	isb\n"	\
	"1:	msr	daifset, #2\n"	\
	"	cmp	x23, #5\n"	\
	"	b.ge	2f\n"	\
	"	wfi\n"	\
	"	msr	daifclr, #2\n"	\
	"	isb\n"	\
	"	b	1b\n"	\
	"2:	mrs	x9, " cnt "\n"	\
	"	sub	x0, x9, x26\n"	\
	GIC_LOG_COUNT	\
	"	mov	x2, x23\n"	\
	"	hvc	#5\n"	\
	GIC_SYNC_VECTOR(n)	\
	"	.org	" #n "_start + 0xa80\n"	\
	"	mrs	x10, " ICC_IAR1_EL1 "\n"	\
	GIC_LOG_X10	\
	"	cmp	x11, #" ppi "\n"	\
	"	b.ne	9f\n"	\
	"	add	x23, x23, #1\n"	\
	"	mrs	x12, " cnt "\n"	\
	"	add	x12, x12, x21\n"	\
	"	msr	" cval ", x12\n"	\
	"	cmp	x23, #5\n"	\
	"	b.lt	8f\n"	\
	"	msr	" ctl ", xzr\n"	\
	"8:	isb\n"	\
	"9:	msr	" ICC_EOIR1_EL1 ", x10\n"	\
	"	eret\n")

TIMER_GUEST(g_vtimer, "0x0800", "27", "cntvct_el0", "cntv_cval_el0",
	    "cntv_ctl_el0");
TIMER_GUEST(g_ptimer, "0x4000", "30", "cntpct_el0", "cntp_cval_el0",
	    "cntp_ctl_el0");

static double now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void check_timer(struct __test_metadata *_metadata, const char *code,
			const char *end, uint64_t ppi)
{
	double wall, cpu, w0, c0;
	struct runner r = { 0 };
	const uint64_t *log;
	uint64_t freq;
	struct gic_vm v;
	int j;

	asm volatile("mrs %0, cntfrq_el0" : "=r" (freq));
	ASSERT_TRUE(host_has_gicv3());
	ASSERT_EQ(0, gic_vm_create(&v, 1, code, end, true));
	r.fd = v.fd[0];
	r.run = v.run[0];
	w0 = now(CLOCK_MONOTONIC);
	c0 = now(CLOCK_THREAD_CPUTIME_ID);
	runner_fn(&r);
	wall = now(CLOCK_MONOTONIC) - w0;
	cpu = now(CLOCK_THREAD_CPUTIME_ID) - c0;
	ASSERT_EQ(0, r.err);
	ASSERT_EQ(0, r.level_exits);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, v.run[0]->exit_reason);
	ASSERT_EQ(5, v.run[0]->hypercall.imm);
	ASSERT_EQ(0, v.run[0]->irq_level);
	TH_LOG("5 PPI %llu interrupts: %.1f ms wall, %.1f ms CPU, %llu ticks",
	       (unsigned long long)ppi, wall * 1e3, cpu * 1e3,
	       (unsigned long long)v.run[0]->hypercall.x[0]);
	ASSERT_EQ(5, v.run[0]->hypercall.x[2]);
	ASSERT_EQ(5, v.run[0]->hypercall.x[1]);
	log = gic_log(&v, 0);
	for (j = 0; j < 5; j++)
		ASSERT_EQ(ppi, log[j]);
	ASSERT_GE(v.run[0]->hypercall.x[0], 5 * (freq / 50));
	/* Asleep in WFI, not spinning. */
	ASSERT_LT(cpu, wall / 2);
	gic_vm_destroy(&v);
}

TEST(vtimer_wakes_wfi_without_irq_level_exits)
{
	check_timer(_metadata, g_vtimer_start, g_vtimer_end, 27);
}

TEST(ptimer_wakes_wfi_without_irq_level_exits)
{
	check_timer(_metadata, g_ptimer_start, g_ptimer_end, 30);
}

/* ID_AA64PFR0_EL1 and ICC_SRE_EL1 as the guest reads them. */
AVCPU_GUEST(g_ids,
	"	adr	x9, g_ids_start + 0x800\n"
	"	msr	vbar_el1, x9\n"
	"	isb\n"
	"	mrs	x0, id_aa64pfr0_el1\n"
	"	mrs	x1, " ICC_SRE_EL1 "\n"
	"	hvc	#6\n"
	GIC_SYNC_VECTOR(g_ids));

static void check_ids(struct __test_metadata *_metadata, bool gic)
{
	struct avcpu_run *run;
	struct runner r = { 0 };
	struct gic_vm v;

	ASSERT_EQ(0, gic_vm_create(&v, 1, g_ids_start, g_ids_end, gic));
	r.fd = v.fd[0];
	r.run = run = v.run[0];
	runner_fn(&r);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, run->exit_reason);
	ASSERT_EQ(6, run->hypercall.imm);
	/* ID_AA64PFR0_EL1.GIC: 1 with the in-kernel GIC, else hidden. */
	ASSERT_EQ(gic ? 1 : 0, (run->hypercall.x[0] >> 24) & 0xf);
	/* SRE, DFB, DIB read as one either way. */
	ASSERT_EQ(7, run->hypercall.x[1] & 7);
	gic_vm_destroy(&v);
}

TEST(id_and_sre_with_the_gic)
{
	ASSERT_TRUE(host_has_gicv3());
	check_ids(_metadata, true);
}

TEST(id_and_sre_without_the_gic)
{
	check_ids(_metadata, false);
}

/*
 * Garbage in every writable ICC_* register, SGIs to nobody and to
 * everybody, EOI and DIR of interrupts never taken: the guest goes on,
 * its PMR reads back as its own (5 bits), and the host too (the next
 * test runs a GIC guest on the same CPUs).
 */
AVCPU_GUEST(g_garbage,
	GIC_PROLOGUE(g_garbage)
	"	mov	x9, #-1\n"
	"	msr	" ICC_PMR_EL1 ", x9\n"
	"	msr	" ICC_BPR0_EL1 ", x9\n"
	"	msr	" ICC_BPR1_EL1 ", x9\n"
	"	msr	" ICC_CTLR_EL1 ", x9\n"
	"	msr	" ICC_IGRPEN0_EL1 ", x9\n"
	"	msr	" ICC_IGRPEN1_EL1 ", x9\n"
	"	msr	" ICC_AP0R0_EL1 ", x9\n"
	"	msr	" ICC_AP1R0_EL1 ", x9\n"
	"	msr	" ICC_EOIR1_EL1 ", x9\n"
	"	msr	" ICC_EOIR0_EL1 ", x9\n"
	"	msr	" ICC_DIR_EL1 ", x9\n"
	"	msr	" ICC_SGI1R_EL1 ", x9\n"		/* IRM */
	"	msr	" ICC_ASGI1R_EL1 ", x9\n"
	"	msr	" ICC_SGI0R_EL1 ", x9\n"
	"	movz	x9, #0x00ff, lsl #48\n"		/* Aff3 255 */
	"	msr	" ICC_SGI1R_EL1 ", x9\n"
	"	msr	" ICC_SRE_EL1 ", x9\n"
	"	isb\n"
	"	msr	" ICC_AP1R0_EL1 ", xzr\n"		/* AP1R0 back */
	"	msr	" ICC_AP0R0_EL1 ", xzr\n"
	"	msr	daifclr, #3\n"
	GIC_SPIN(100)
	"	mrs	x0, " ICC_PMR_EL1 "\n"
	"	mrs	x1, " ICC_SRE_EL1 "\n"
	"	hvc	#7\n"
	GIC_SYNC_VECTOR(g_garbage)
	"	.org	g_garbage_start + 0xa80\n"
	"	mrs	x10, " ICC_IAR1_EL1 "\n"
	GIC_LOG_X10
	"	msr	" ICC_EOIR1_EL1 ", x10\n"
	"	eret\n"
	"	.org	g_garbage_start + 0xb00\n"
	"	mrs	x10, " ICC_IAR0_EL1 "\n"
	GIC_LOG_X10
	"	msr	" ICC_EOIR0_EL1 ", x10\n"
	"	eret\n");

TEST(garbage_in_icc_registers)
{
	struct runner r = { 0 };
	struct avcpu_run *run;
	struct gic_vm v;

	ASSERT_TRUE(host_has_gicv3());
	ASSERT_EQ(0, gic_vm_create(&v, 1, g_garbage_start, g_garbage_end,
				   true));
	r.fd = v.fd[0];
	r.run = run = v.run[0];
	runner_fn(&r);
	ASSERT_EQ(0, r.err);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, run->exit_reason);
	ASSERT_EQ(7, run->hypercall.imm) {
		TH_LOG("esr %#llx pc %#llx",
		       (unsigned long long)run->hypercall.x[0],
		       (unsigned long long)run->hypercall.x[1]);
	}
	ASSERT_EQ(0xf8, run->hypercall.x[0]);
	ASSERT_EQ(7, run->hypercall.x[1] & 7);
	gic_vm_destroy(&v);
	usleep(20000);
	check_pingpong(_metadata, 2);
}

/*
 * vCPU fds closed while the GIC still reaches them.  vCPU 0 loops:
 * enable SGI 1 in redistributor 1's frame, send SGI 1 (Group 0, IRM: to
 * every other vCPU), until the host sets the stop word.  SPI 32 is
 * routed to Aff0 = 1 and an irqfd on it is signalled all the time from
 * another thread.  Meanwhile the host attaches a vCPU with Aff0 = 1 and
 * closes it, again and again: each one becomes an SGI and SPI target
 * with interrupts on its list, then goes.  The host must survive (a
 * freed vCPU reached through a stale pointer is what KASAN finds on the
 * debug kernel) and, once the VM is gone, hold no more pages than
 * before.
 */
AVCPU_GUEST(g_churn,
	GIC_PROLOGUE(g_churn)
	"	mov	w9, #1\n"
	"	str	w9, [x19, #0x84]\n"		/* GICD_IGROUPR1 */
	"	mov	x9, #0x6100\n"
	"	add	x10, x19, x9\n"
	"	mov	x9, #1\n"
	"	str	x9, [x10]\n"			/* GICD_IROUTER32 */
	"	str	w9, [x19, #0x104]\n"		/* GICD_ISENABLER1 */
	"	movz	x27, #0x400f, lsl #16\n"	/* stop word */
	"	movz	x21, #0x080d, lsl #16\n"	/* redist 1 SGI frame */
	"	mov	x23, #0\n"
	"1:	mov	w9, #2\n"
	"	str	w9, [x21, #0x100]\n"		/* its ISENABLER0 */
	"	movz	x9, #0x100, lsl #32\n"		/* IRM */
	"	orr	x9, x9, #(1 << 24)\n"		/* SGI 1 */
	"	msr	" ICC_SGI0R_EL1 ", x9\n"
	"	isb\n"
	"	add	x23, x23, #1\n"
	"	ldr	x9, [x27]\n"
	"	cbz	x9, 1b\n"
	"	mov	x0, x23\n"
	"	hvc	#1\n"
	GIC_SYNC_VECTOR(g_churn));

#define CHURN_ROUNDS	300

struct churn_writer {
	int efd;
	atomic_bool stop;
	long writes;
};

static void *churn_writer_fn(void *arg)
{
	struct churn_writer *w = arg;
	uint64_t one = 1;

	while (!atomic_load(&w->stop))
		if (write(w->efd, &one, sizeof(one)) == sizeof(one))
			w->writes++;
	return NULL;
}

TEST(vcpu_close_while_sgis_and_spis_target_it)
{
	struct avcpu_irqfd f = { .intid = 32 };
	struct churn_writer w = { 0 };
	struct runner r = { 0 };
	struct avcpu_run *run = NULL;
	struct avcpu_guest g;
	pthread_t wth;
	long held;
	int i, fd;

	ASSERT_TRUE(host_has_gicv3());
	held = avcpu_pages_held();
	ASSERT_LE(0, held);
	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_churn_start,
					g_churn_end));
	ASSERT_EQ(0, gic_create(g.vm, gic_irqchip(NR_SPIS, 2)));
	ASSERT_EQ(0, avcpu_set_reg(g.vcpu, AVCPU_REG_X(0), GIC_REDIST_BASE));
	w.efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	ASSERT_LE(0, w.efd);
	f.fd = w.efd;
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_IRQFD, &f));
	r.fd = g.vcpu;
	r.run = g.run;
	ASSERT_EQ(0, pthread_create(&r.th, NULL, runner_fn, &r));
	ASSERT_EQ(0, pthread_create(&wth, NULL, churn_writer_fn, &w));
	for (i = 0; i < CHURN_ROUNDS; i++) {
		fd = avcpu_guest_add_vcpu(&g, 1, 0, &run);
		ASSERT_LE(0, fd);
		if (i & 1)
			usleep(1000);
		munmap(run, 4096);
		close(fd);
	}
	/* One more, closed only after the VM: it holds the VM's last ref. */
	fd = avcpu_guest_add_vcpu(&g, 1, 0, &run);
	ASSERT_LE(0, fd);
	usleep(1000);
	*(volatile uint64_t *)((char *)g.ram + 0xf0000) = 1;
	pthread_join(r.th, NULL);
	atomic_store(&w.stop, true);
	pthread_join(wth, NULL);
	ASSERT_EQ(0, r.err);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason) {
		avcpu_log_exit(g.run);
	}
	ASSERT_EQ(1, g.run->hypercall.imm);
	TH_LOG("%llu SGI rounds, %ld irqfd writes",
	       (unsigned long long)g.run->hypercall.x[0], w.writes);
	ASSERT_LT(CHURN_ROUNDS, g.run->hypercall.x[0]);
	ASSERT_LT(0, w.writes);
	close(w.efd);
	avcpu_guest_destroy(&g);
	/* The VM lives on through that vCPU. */
	ASSERT_LT(held, avcpu_pages_held());
	munmap(run, 4096);
	close(fd);
	for (i = 0; i < 100 && avcpu_pages_held() != held; i++)
		usleep(10000);
	ASSERT_EQ(held, avcpu_pages_held());
}

/*
 * An SPI pending on a vCPU that never runs is routed elsewhere: it must
 * reach its new target at once, not when the old one enters next.
 * vCPU 0 routes SPI 32 to Aff0 = 1 and enables it, exits (hvc #3); the
 * host raises the line (the SPI goes on vCPU 1's list; vCPU 1 is
 * attached but never run); vCPU 0 routes it to itself, unmasks and
 * spins a while: hvc #1 with the INTID it took, or hvc #2 if none came.
 */
AVCPU_GUEST(g_reroute,
	GIC_PROLOGUE(g_reroute)
	"	mov	w9, #1\n"
	"	str	w9, [x19, #0x84]\n"		/* GICD_IGROUPR1 */
	"	mov	x9, #0x6100\n"
	"	add	x21, x19, x9\n"			/* GICD_IROUTER32 */
	"	mov	x9, #1\n"
	"	str	x9, [x21]\n"
	"	str	w9, [x19, #0x104]\n"		/* GICD_ISENABLER1 */
	"	hvc	#3\n"
	"	str	xzr, [x21]\n"			/* now to Aff0 = 0 */
	"	msr	daifclr, #2\n"
	"	movz	x9, #0x20, lsl #16\n"
	"1:	subs	x9, x9, #1\n"
	"	b.ne	1b\n"
	"	msr	daifset, #2\n"
	"	hvc	#2\n"
	GIC_SYNC_VECTOR(g_reroute)
	"	.org	g_reroute_start + 0xa80\n"
	"	mrs	x10, " ICC_IAR1_EL1 "\n"
	"	msr	" ICC_EOIR1_EL1 ", x10\n"
	"	and	x0, x10, #0xffffff\n"
	"	hvc	#1\n");

TEST(rerouted_spi_leaves_a_vcpu_that_does_not_run)
{
	struct avcpu_irq_level l = { .intid = 32, .level = 1 };
	struct avcpu_run *run;
	struct gic_vm v;

	ASSERT_TRUE(host_has_gicv3());
	ASSERT_EQ(0, gic_vm_create(&v, 2, g_reroute_start, g_reroute_end,
				   true));
	run = v.run[0];
	ASSERT_EQ(0, ioctl(v.fd[0], AVCPU_RUN, 0));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, run->exit_reason) {
		avcpu_log_exit(run);
	}
	ASSERT_EQ(3, run->hypercall.imm);
	ASSERT_EQ(0, ioctl(v.g.vm, AVCPU_IRQCHIP_LINE, &l));
	ASSERT_EQ(0, ioctl(v.fd[0], AVCPU_RUN, 0));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, run->exit_reason) {
		avcpu_log_exit(run);
	}
	ASSERT_EQ(1, run->hypercall.imm) {
		TH_LOG("SPI 32 did not follow its new route (hvc #%u)",
		       run->hypercall.imm);
	}
	ASSERT_EQ(32, run->hypercall.x[0]);
	gic_vm_destroy(&v);
}

/*
 * GICD_CTLR's group enables gate SPIs: SPI 32 (Group 1, routed to vCPU
 * 0, enabled) is made pending through GICD_ISPENDR1 with EnableGrp1
 * off; the guest unmasks and spins (x22 = 0), then sets EnableGrp1 and
 * spins again (x22 = 1).  The handler reports hvc #1 with the INTID and
 * x22: it must come in the second phase only; hvc #2 if it never did.
 */
AVCPU_GUEST(g_grpen,
	GIC_PROLOGUE(g_grpen)
	"	mov	w9, #0x10\n"
	"	str	w9, [x19]\n"			/* GICD_CTLR: ARE */
	GIC_SPI32_TO_0
	"	str	w9, [x19, #0x204]\n"		/* GICD_ISPENDR1 */
	"	mov	x22, #0\n"
	"	msr	daifclr, #2\n"
	GIC_SPIN_ON(x9, 0x40000)
	"	mov	x22, #1\n"
	"	mov	w9, #0x12\n"
	"	str	w9, [x19]\n"			/* + EnableGrp1 */
	GIC_SPIN_ON(x10, 0x40000)
	"	msr	daifset, #2\n"
	"	hvc	#2\n"
	GIC_SYNC_VECTOR(g_grpen)
	"	.org	g_grpen_start + 0xa80\n"
	"	mrs	x10, " ICC_IAR1_EL1 "\n"
	"	msr	" ICC_EOIR1_EL1 ", x10\n"
	"	and	x0, x10, #0xffffff\n"
	"	mov	x1, x22\n"
	"	hvc	#1\n");

TEST(gicd_ctlr_group_enable_gates_spis)
{
	struct avcpu_run *run;
	struct gic_vm v;

	ASSERT_TRUE(host_has_gicv3());
	ASSERT_EQ(0, gic_vm_create(&v, 1, g_grpen_start, g_grpen_end, true));
	run = v.run[0];
	ASSERT_EQ(0, ioctl(v.fd[0], AVCPU_RUN, 0));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, run->exit_reason) {
		avcpu_log_exit(run);
	}
	ASSERT_EQ(1, run->hypercall.imm);
	ASSERT_EQ(32, run->hypercall.x[0]);
	ASSERT_EQ(1, run->hypercall.x[1]) {
		TH_LOG("SPI 32 taken with EnableGrp1 off");
	}
	gic_vm_destroy(&v);
}

/*
 * More interrupts active than list registers (restored state): SPIs
 * 32-37 active at priorities 0x80, 0x88, .. 0xa8, their priorities
 * in ICC_AP1R0_EL1 (bits 16-21).  The guest, with EOImode 0, ends all
 * six in priority order (ICC_EOIR1_EL1 drops the priority and
 * deactivates): QEMU has 4 list registers, holding 32-35, so the EOIs
 * of 36 and 37 match none and only EOIcount tells.  None may stay
 * active.
 */
AVCPU_GUEST(g_eoicount,
	GIC_PROLOGUE(g_eoicount)
	"	mov	x10, #32\n"
	"1:	msr	" ICC_EOIR1_EL1 ", x10\n"
	"	isb\n"
	"	add	x10, x10, #1\n"
	"	cmp	x10, #38\n"
	"	b.ne	1b\n"
	"	hvc	#1\n"
	GIC_SYNC_VECTOR(g_eoicount));

/* gic_attr() of @val: 0 (set), the value (get), or -1. */
static int attr_val(int vm, bool set, uint32_t group, uint64_t a,
		    uint64_t val)
{
	if (gic_attr(vm, set, group, a, &val))
		return -1;
	return set ? 0 : (int)val;
}

/*
 * SPIs 32-37 Group 1, enabled and active at priorities 0x80, 0x88, ..
 * 0xa8, their priorities in ICC_AP1R0_EL1 (bits 16-21), as if the
 * guest had acknowledged them.  0, or -1.
 */
static int six_active_spis(int vm)
{
	static const struct { uint32_t group; uint64_t attr, val; } set[] = {
		{ AVCPU_GIC_GRP_DIST_REGS, GICD_IGROUPR + 4, 0x3f },
		{ AVCPU_GIC_GRP_DIST_REGS, GICD_IPRIORITYR + 0x20, 0x98908880 },
		{ AVCPU_GIC_GRP_DIST_REGS, GICD_IPRIORITYR + 0x24, 0xa8a0 },
		{ AVCPU_GIC_GRP_DIST_REGS, GICD_ISENABLER + 4, 0x3f },
		{ AVCPU_GIC_GRP_DIST_REGS, GICD_ISACTIVER + 4, 0x3f },
		{ AVCPU_GIC_GRP_CPU_SYSREGS, ICC_AP1R0_ATTR, 0x3f0000 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (attr_val(vm, 1, set[i].group, set[i].attr, set[i].val))
			return -1;
	return 0;
}

/* GICD_ISACTIVER1: which of SPIs 32-63 are active, or -1. */
static int spis_active(int vm)
{
	return attr_val(vm, 0, AVCPU_GIC_GRP_DIST_REGS, GICD_ISACTIVER + 4, 0);
}

/*
 * A one-vCPU VM running @code with six_active_spis(), until the guest's
 * hvc #1.
 */
static void run_six_active(struct __test_metadata *_metadata,
			   struct gic_vm *v, const char *code, const char *end)
{
	struct avcpu_run *run;

	ASSERT_TRUE(host_has_gicv3());
	ASSERT_EQ(0, gic_vm_create(v, 1, code, end, true));
	ASSERT_EQ(0, six_active_spis(v->g.vm));
	ASSERT_EQ(0x3f, spis_active(v->g.vm));
	run = v->run[0];
	ASSERT_EQ(0, ioctl(v->fd[0], AVCPU_RUN, 0));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, run->exit_reason) {
		avcpu_log_exit(run);
	}
	ASSERT_EQ(1, run->hypercall.imm);
}

TEST(eoi_of_active_spis_beyond_the_list_registers)
{
	struct gic_vm v;

	run_six_active(_metadata, &v, g_eoicount_start, g_eoicount_end);
	ASSERT_EQ(0, spis_active(v.g.vm)) {
		TH_LOG("still active after their EOIs");
	}
	ASSERT_EQ(0, attr_val(v.g.vm, 0, AVCPU_GIC_GRP_CPU_SYSREGS,
			      ICC_AP1R0_ATTR, 0));
	gic_vm_destroy(&v);
}

/*
 * EOImode 1 with more active interrupts than list registers: the
 * interrupt ICC_DIR_EL1 names is the one deactivated, not the most
 * urgent one outside the list registers.  SPIs 32-37 active as in
 * g_eoicount (the list registers hold 32-35); the guest drops all six
 * priorities, then deactivates 37 alone: 32-36 must stay active.  Only
 * a CPU interface that traps ICC_DIR_EL1 (ICH_VTR_EL2.TDS, in debugfs
 * avcpu/gic) lets the host see which one DIR names: skipped elsewhere.
 */
AVCPU_GUEST(g_dir_named,
	GIC_PROLOGUE(g_dir_named)
	"	mov	x9, #2\n"
	"	msr	" ICC_CTLR_EL1 ", x9\n"		/* EOImode */
	"	isb\n"
	"	mov	x10, #32\n"
	"1:	msr	" ICC_EOIR1_EL1 ", x10\n"	/* drop */
	"	isb\n"
	"	add	x10, x10, #1\n"
	"	cmp	x10, #38\n"
	"	b.ne	1b\n"
	"	mov	x10, #37\n"
	"	msr	" ICC_DIR_EL1 ", x10\n"
	"	isb\n"
	"	hvc	#1\n"
	GIC_SYNC_VECTOR(g_dir_named));

/* avcpu's debugfs "gic": trapped_dir (ICH_VTR_EL2.TDS), or -1. */
static long gic_trapped_dir(void)
{
	static const char path[] = "/sys/kernel/debug/avcpu/gic";

	if (access(path, F_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	return proc_kb(path, "trapped_dir");
}

TEST(dir_deactivates_the_interrupt_it_names)
{
	long trapped = gic_trapped_dir();
	struct gic_vm v;

	ASSERT_NE(-1, trapped) {
		TH_LOG("no trapped_dir in debugfs avcpu/gic");
	}
	if (!trapped)
		SKIP(return,
		     "ICH_VTR_EL2.TDS clear: ICC_DIR_EL1 writes do not trap, so the host cannot see which interrupt a DIR names");
	run_six_active(_metadata, &v, g_dir_named_start, g_dir_named_end);
	ASSERT_EQ(0x1f, spis_active(v.g.vm)) {
		TH_LOG("active SPIs 32-37 after DIR 37: %#x, wanted 0x1f",
		       spis_active(v.g.vm));
	}
	gic_vm_destroy(&v);
}

/*
 * A distributor write from one vCPU to an interrupt in another's list
 * register.  vCPU 0 makes SPI 32 (level-sensitive, group 1) pending
 * through GICD_ISPENDR, acknowledges it and stays in its handler,
 * reading GICD_ISACTIVER (an exit each time) until vCPU 1 says it is
 * done; then reports ISACTIVER1 in x21 and ISPENDR1 in x22 (hvc #1).
 * vCPU 1, once vCPU 0 holds it: GICD_ISPENDR, then reads ISPENDR1 50
 * times, ANDed into x21; GICD_ICACTIVER, then ISACTIVER1 50 times, ORed
 * into x22 (hvc #2), spinning long enough between reads for vCPU 0 to
 * run meanwhile even on one CPU.  Both changes must stick through vCPU
 * 0's entries and exits, with the interrupt in its list register.
 */
AVCPU_GUEST(g_lrwrite,
	GIC_PROLOGUE(g_lrwrite)
	"	movz	x27, #0x400f, lsl #16\n"
	"	add	x27, x27, #0x100\n"		/* [0] held, [8] done */
	"	mov	w9, #1\n"
	"	cbnz	x1, 10f\n"
	"	str	w9, [x19, #0x84]\n"		/* IGROUPR1 */
	"	str	w9, [x19, #0x104]\n"		/* ISENABLER1 */
	"	str	w9, [x19, #0x204]\n"		/* ISPENDR1 */
	"	movz	x7, #0x10, lsl #16\n"
	"1:	mrs	x10, s3_0_c12_c12_0\n"		/* ICC_IAR1_EL1 */
	"	cmp	x10, #32\n"
	"	b.eq	2f\n"
	"	subs	x7, x7, #1\n"
	"	b.ne	1b\n"
	"	mov	x0, x10\n"
	"	hvc	#9\n"				/* never acknowledged */
	"2:	mov	x9, #1\n"
	"	str	x9, [x27]\n"
	"	movz	x7, #0x400, lsl #16\n"
	"3:	ldr	w21, [x19, #0x304]\n"		/* an exit */
	"	ldr	x9, [x27, #8]\n"
	"	cbnz	x9, 4f\n"
	"	subs	x7, x7, #1\n"
	"	b.ne	3b\n"
	"	hvc	#8\n"				/* vCPU 1 never done */
	"4:	ldr	w21, [x19, #0x304]\n"
	"	ldr	w22, [x19, #0x204]\n"
	"	hvc	#1\n"
	"10:	movz	x7, #0x40, lsl #16\n"
	"11:	ldr	x9, [x27]\n"
	"	cbnz	x9, 12f\n"
	"	subs	x7, x7, #1\n"
	"	b.ne	11b\n"
	"	hvc	#7\n"				/* vCPU 0 never held it */
	"12:	mov	w9, #1\n"
	"	str	w9, [x19, #0x204]\n"		/* ISPENDR1 */
	"	mov	x21, #1\n"
	"	mov	x8, #50\n"
	"13:	ldr	w9, [x19, #0x204]\n"
	"	and	x21, x21, x9\n"
	"	movz	x9, #0x8, lsl #16\n"
	"14:	subs	x9, x9, #1\n"
	"	b.ne	14b\n"
	"	subs	x8, x8, #1\n"
	"	b.ne	13b\n"
	"	mov	w9, #1\n"
	"	str	w9, [x19, #0x384]\n"		/* ICACTIVER1 */
	"	mov	x22, #0\n"
	"	mov	x8, #50\n"
	"15:	ldr	w9, [x19, #0x304]\n"
	"	orr	x22, x22, x9\n"
	"	movz	x9, #0x8, lsl #16\n"
	"16:	subs	x9, x9, #1\n"
	"	b.ne	16b\n"
	"	subs	x8, x8, #1\n"
	"	b.ne	15b\n"
	"	mov	x9, #1\n"
	"	str	x9, [x27, #8]\n"
	"	hvc	#2\n"
	GIC_SYNC_VECTOR(g_lrwrite));

/*
 * vCPU 0 exits at every read while it waits for vCPU 1: on the lab's
 * debug kernel, with both vCPU threads on one CPU (debug-pnmi), that
 * takes longer than the harness's default 30 s.
 */
FIXTURE(lrwrite) {};
FIXTURE_SETUP(lrwrite) {}
FIXTURE_TEARDOWN(lrwrite) {}

TEST_F_TIMEOUT(lrwrite, distributor_write_to_an_interrupt_in_a_list_register,
	       150)
{
	struct runner r[2];
	struct gic_vm v;

	ASSERT_TRUE(host_has_gicv3());
	ASSERT_EQ(0, gic_vm_create(&v, 2, g_lrwrite_start, g_lrwrite_end,
				   true));
	gic_vm_run_all(&v, r);
	ASSERT_EQ(0, r[0].err);
	ASSERT_EQ(0, r[1].err);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, v.run[0]->exit_reason);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, v.run[1]->exit_reason);
	ASSERT_EQ(1, v.run[0]->hypercall.imm);
	ASSERT_EQ(2, v.run[1]->hypercall.imm);
	/* vCPU 1 saw its ISPENDR stay and its ICACTIVER stay. */
	EXPECT_EQ(1, avcpu_reg(v.fd[1], AVCPU_REG_X(21)) & 1) {
		TH_LOG("ISPENDR lost at vCPU 0's exit");
	}
	EXPECT_EQ(0, avcpu_reg(v.fd[1], AVCPU_REG_X(22)) & 1) {
		TH_LOG("ICACTIVER lost at vCPU 0's exit");
	}
	/* ... and so does vCPU 0, still in its handler. */
	EXPECT_EQ(0, avcpu_reg(v.fd[0], AVCPU_REG_X(21)) & 1);
	EXPECT_EQ(1, avcpu_reg(v.fd[0], AVCPU_REG_X(22)) & 1);
	gic_vm_destroy(&v);
}

/*
 * A level-sensitive SPI made pending by a pulse (GICD_ISPENDR1, the
 * line low) ends without an EOI exit; its line rising while the guest
 * holds it active in a list register must still bring it back at once
 * when the guest ends it.  The handler counts deliveries in x22.  At
 * the first it stores 1 in the word at x25 and, interrupts masked,
 * waits there until a VMM thread has raised SPI 32's line and stored
 * 2; then it ends it.  At the second it asks (hvc #6) for the line to
 * go low.  The main code gives the interrupt a short while to come
 * back, then reports the count (hvc #1): exactly two.  On a host with
 * more than one CPU the line rises while the guest runs: without the
 * injection's kick, the list register keeps no EOI request and the
 * second delivery waits for an unrelated exit.
 */
AVCPU_GUEST(g_level_pulse,
	GIC_PROLOGUE(g_level_pulse)
	"	mov	w9, #0x12\n"
	"	str	w9, [x19]\n"			/* GICD_CTLR */
	GIC_SPI32_TO_0
	"	mov	x22, #0\n"
	"	str	xzr, [x25]\n"
	"	str	w9, [x19, #0x204]\n"		/* GICD_ISPENDR1 */
	"	msr	daifclr, #2\n"
	GIC_SPIN_ON(x9, 0x40000)
	"	msr	daifset, #2\n"
	"	mov	x1, x22\n"
	"	hvc	#1\n"
	GIC_SYNC_VECTOR(g_level_pulse)
	"	.org	g_level_pulse_start + 0xa80\n"
	"	mrs	x10, " ICC_IAR1_EL1 "\n"
	"	add	x22, x22, #1\n"
	"	and	x0, x10, #0xffffff\n"
	"	cmp	x22, #1\n"
	"	b.ne	1f\n"
	"	mov	x9, #1\n"
	"	str	x9, [x25]\n"
	"3:	ldr	x9, [x25]\n"
	"	cmp	x9, #2\n"
	"	b.ne	3b\n"
	"1:	msr	" ICC_EOIR1_EL1 ", x10\n"
	"	isb\n"
	"	cmp	x22, #2\n"
	"	b.ne	2f\n"
	"	hvc	#6\n"
	"2:	eret\n");

struct line_raiser {
	volatile uint64_t *word;	/* the guest's handshake word */
	int vm;
	int err;
};

/* Once the guest holds SPI 32 active: its line up, then tell it. */
static void *raise_while_held(void *arg)
{
	struct line_raiser *r = arg;
	unsigned int ms;

	for (ms = 0; __atomic_load_n(r->word, __ATOMIC_ACQUIRE) != 1; ms++) {
		if (ms == 20000) {
			r->err = ETIMEDOUT;
			return NULL;
		}
		usleep(1000);
	}
	r->err = gic_line(r->vm, 32, 1);
	__atomic_store_n(r->word, 2, __ATOMIC_RELEASE);
	return NULL;
}

TEST(level_spi_pulse_and_line_raised_while_active)
{
	struct line_raiser r = { 0 };
	struct avcpu_run *run;
	struct gic_vm v;
	pthread_t th;

	ASSERT_TRUE(host_has_gicv3());
	ASSERT_EQ(0, gic_vm_create(&v, 1, g_level_pulse_start,
				   g_level_pulse_end, true));
	r.word = (volatile uint64_t *)((char *)v.g.ram + LOG_BASE);
	r.vm = v.g.vm;
	ASSERT_EQ(0, pthread_create(&th, NULL, raise_while_held, &r));
	run = v.run[0];
	ASSERT_EQ(0, ioctl(v.fd[0], AVCPU_RUN, 0));
	ASSERT_EQ(0, pthread_join(th, NULL));
	ASSERT_EQ(0, r.err);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, run->exit_reason) {
		avcpu_log_exit(run);
	}
	ASSERT_EQ(6, run->hypercall.imm) {
		TH_LOG("hvc #%u, x1 %llu: SPI 32 not back after its EOI",
		       run->hypercall.imm,
		       (unsigned long long)run->hypercall.x[1]);
	}
	ASSERT_EQ(32, run->hypercall.x[0]);
	ASSERT_EQ(0, gic_line(v.g.vm, 32, 0));
	ASSERT_EQ(0, ioctl(v.fd[0], AVCPU_RUN, 0));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, run->exit_reason) {
		avcpu_log_exit(run);
	}
	ASSERT_EQ(1, run->hypercall.imm);
	ASSERT_EQ(2, run->hypercall.x[1]) {
		TH_LOG("SPI 32 delivered %llu times, wanted 2",
		       (unsigned long long)run->hypercall.x[1]);
	}
	/* Nothing left pending or active. */
	ASSERT_EQ(0, attr_val(v.g.vm, 0, AVCPU_GIC_GRP_DIST_REGS,
			      GICD_ISPENDR + 4, 0));
	ASSERT_EQ(0, spis_active(v.g.vm));
	gic_vm_destroy(&v);
}

TEST_HARNESS_MAIN
