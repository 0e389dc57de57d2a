// SPDX-License-Identifier: GPL-2.0
/*
 * A guest's EL1 registers across everything that happens to its VMM
 * thread between and during RUNs.  On a VHE host avcpu keeps them in the
 * CPU while RUN runs and puts them only when the thread leaves the CPU
 * or RUN returns (module/run.c): migration between CPUs between RUNs and
 * during a WFI sleep, two VMs' vCPUs alternating on one thread, another
 * thread running the vCPU next, KVM's vCPU loaded by the same thread,
 * AVCPU_{GET,SET}_ONE_REG between RUNs and a vCPU closed after a RUN.
 * On nVHE hosts the same tests check the per-entry switch.
 *
 * The guest reports eight EL1/EL0 registers by hypercall, then adds a
 * step to each and writes them back: every RUN checks what the previous
 * one left in the CPU, and the VMM's own thread pointer is checked after
 * each RUN.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/cpu_affinity.h"
#include "lib/kvm_guest.h"

#define NR_REGS		8
#define ROUNDS		24

static const uint64_t reg_ids[NR_REGS] = {
	AVCPU_REG_TPIDR_EL1, AVCPU_REG_CONTEXTIDR_EL1, AVCPU_REG_VBAR_EL1,
	AVCPU_REG_MAIR_EL1, AVCPU_REG_TPIDR_EL0, AVCPU_REG_TPIDRRO_EL0,
	AVCPU_REG_ELR_EL1, AVCPU_REG_FAR_EL1,
};

/* What the guest adds to each register per round (VBAR: 2 KiB aligned). */
static const uint64_t reg_step[NR_REGS] = {
	1, 1, 0x800, 0x0101010101010101ULL, 3, 5, 4, 0x1000,
};

/*
 * Report x0-x7 = the registers (hvc #1), optionally wait in WFI first,
 * then step each one.  x9 = 1 selects the WFI.
 */
#define REPORT_AND_STEP(wfi)						\
	"1:	" wfi "\n"						\
	"	mrs	x0, tpidr_el1\n"				\
	"	mrs	x1, contextidr_el1\n"				\
	"	mrs	x2, vbar_el1\n"					\
	"	mrs	x3, mair_el1\n"					\
	"	mrs	x4, tpidr_el0\n"				\
	"	mrs	x5, tpidrro_el0\n"				\
	"	mrs	x6, elr_el1\n"					\
	"	mrs	x7, far_el1\n"					\
	"	hvc	#1\n"						\
	"	mrs	x0, tpidr_el1\n"				\
	"	add	x0, x0, #1\n"					\
	"	msr	tpidr_el1, x0\n"				\
	"	mrs	x1, contextidr_el1\n"				\
	"	add	w1, w1, #1\n"					\
	"	msr	contextidr_el1, x1\n"				\
	"	mrs	x2, vbar_el1\n"					\
	"	add	x2, x2, #0x800\n"				\
	"	msr	vbar_el1, x2\n"					\
	"	mrs	x3, mair_el1\n"					\
	"	mov	x10, #0x0101010101010101\n"			\
	"	add	x3, x3, x10\n"					\
	"	msr	mair_el1, x3\n"					\
	"	mrs	x4, tpidr_el0\n"				\
	"	add	x4, x4, #3\n"					\
	"	msr	tpidr_el0, x4\n"				\
	"	mrs	x5, tpidrro_el0\n"				\
	"	add	x5, x5, #5\n"					\
	"	msr	tpidrro_el0, x5\n"				\
	"	mrs	x6, elr_el1\n"					\
	"	add	x6, x6, #4\n"					\
	"	msr	elr_el1, x6\n"					\
	"	mrs	x7, far_el1\n"					\
	"	add	x7, x7, #0x1000\n"				\
	"	msr	far_el1, x7\n"					\
	"	isb\n"							\
	"	b	1b\n"

AVCPU_GUEST(g_regs, REPORT_AND_STEP("nop"));
AVCPU_GUEST(g_regs_wfi, REPORT_AND_STEP("wfi"));

/* KVM's guest: its own EL1 values, then an MMIO store. */
AVCPU_GUEST(g_kvm_regs,
	"	mov	x0, #0x5a5a\n"
	"	msr	tpidr_el1, x0\n"
	"	msr	contextidr_el1, x0\n"
	"	msr	mair_el1, x0\n"
	"	msr	elr_el1, x0\n"
	"	msr	far_el1, x0\n"
	"	msr	tpidr_el0, x0\n"
	"	msr	tpidrro_el0, x0\n"
	"	movz	x3, #0x0900, lsl #16\n"
	"	str	x0, [x3]\n"
	"	b	.\n");

struct lazy_vcpu {
	struct avcpu_guest g;
	uint64_t want[NR_REGS];
};

static uint64_t thread_pointer(void)
{
	uint64_t tp;

	asm volatile("mrs %0, tpidr_el0" : "=r" (tp));
	return tp;
}

static int nr_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 1;
	return CPU_COUNT(&set);
}

/* A guest with distinct starting values, set through SET_ONE_REG. */
static int lazy_create(struct lazy_vcpu *v, const char *code,
		       const char *end, uint64_t seed)
{
	int i, ret;

	ret = avcpu_guest_create(&v->g, 1 << 20, code, end);
	if (ret)
		return ret;
	for (i = 0; i < NR_REGS; i++) {
		v->want[i] = (seed << 32) + 0x100000 * (i + 1);
		if (reg_ids[i] == AVCPU_REG_CONTEXTIDR_EL1)
			v->want[i] &= 0xffffffff;
		if (avcpu_set_reg(v->g.vcpu, reg_ids[i], v->want[i]))
			return -errno;
	}
	return 0;
}

/* Step the expected values as the guest does after a report. */
static void lazy_step(struct lazy_vcpu *v)
{
	int i;

	for (i = 0; i < NR_REGS; i++) {
		v->want[i] += reg_step[i];
		if (reg_ids[i] == AVCPU_REG_CONTEXTIDR_EL1)
			v->want[i] &= 0xffffffff;
	}
}

/*
 * One RUN to the guest's report: the registers it saw, the same through
 * GET_ONE_REG, and the VMM's thread pointer, all as expected.  Returns
 * the number of mismatches.
 */
static int lazy_round(struct __test_metadata *_metadata, struct lazy_vcpu *v,
		      const char *what)
{
	uint64_t tp = thread_pointer(), got;
	int i, bad = 0;

	if (avcpu_run_fd(v->g.vcpu, v->g.run) ||
	    v->g.run->exit_reason != AVCPU_EXIT_HYPERCALL) {
		TH_LOG("%s: RUN ended with exit %u", what,
		       v->g.run->exit_reason);
		return 1;
	}
	if (thread_pointer() != tp) {
		TH_LOG("%s: the VMM's TPIDR_EL0 changed: %#llx -> %#llx", what,
		       (unsigned long long)tp,
		       (unsigned long long)thread_pointer());
		bad++;
	}
	for (i = 0; i < NR_REGS; i++) {
		if (v->g.run->hypercall.x[i] != v->want[i]) {
			TH_LOG("%s: guest saw reg %d = %#llx, want %#llx", what,
			       i, (unsigned long long)v->g.run->hypercall.x[i],
			       (unsigned long long)v->want[i]);
			bad++;
		}
		got = ~0ULL;
		avcpu_get_reg(v->g.vcpu, reg_ids[i], &got);
		if (got != v->want[i]) {
			TH_LOG("%s: GET_ONE_REG reg %d = %#llx, want %#llx",
			       what, i, (unsigned long long)got,
			       (unsigned long long)v->want[i]);
			bad++;
		}
	}
	lazy_step(v);
	return bad;
}

/* The VMM thread moves to another CPU between RUNs. */
TEST(migrate_between_runs)
{
	int n = nr_cpus(), r, bad = 0;
	struct lazy_vcpu v;

	ASSERT_EQ(0, lazy_create(&v, g_regs_start, g_regs_end, 1));
	for (r = 0; r < ROUNDS; r++) {
		avcpu_pin_to(0, r % n);
		bad += lazy_round(_metadata, &v, "migrate");
		if (n > 1 && sched_getcpu() != r % n) {
			TH_LOG("round %d: on CPU %d, not %d", r, sched_getcpu(),
			       r % n);
			bad++;
		}
	}
	avcpu_unpin();
	avcpu_guest_destroy(&v.g);
	EXPECT_EQ(0, bad);
	if (n < 2)
		TH_LOG("one CPU: no migration tested");
}

struct waker {
	struct lazy_vcpu *v;
	pid_t tid;
	int cpu;
	int ms;
};

/* Move the sleeping vCPU thread to @cpu, then raise its IRQ line. */
static void *wake_after(void *arg)
{
	struct waker *w = arg;
	struct avcpu_irq_line l = { .line = AVCPU_LINE_IRQ, .level = 1 };

	usleep(w->ms * 1000);
	avcpu_pin_to(w->tid, w->cpu);
	usleep(2000);
	ioctl(w->v->g.vcpu, AVCPU_IRQ_LINE, &l);
	return NULL;
}

/* The VMM thread sleeps in the guest's WFI and wakes on another CPU. */
TEST(migrate_in_wfi)
{
	struct avcpu_irq_line low = { .line = AVCPU_LINE_IRQ, .level = 0 };
	int n = nr_cpus(), r, bad = 0;
	struct lazy_vcpu v;
	pthread_t t;

	ASSERT_EQ(0, lazy_create(&v, g_regs_wfi_start, g_regs_wfi_end, 2));
	for (r = 0; r < 8; r++) {
		struct waker w = {
			.v = &v, .tid = syscall(SYS_gettid),
			.cpu = (r + 1) % n, .ms = 20,
		};

		avcpu_pin_to(0, r % n);
		ASSERT_EQ(0, pthread_create(&t, NULL, wake_after, &w));
		bad += lazy_round(_metadata, &v, "wfi");
		pthread_join(t, NULL);
		ASSERT_EQ(0, ioctl(v.g.vcpu, AVCPU_IRQ_LINE, &low));
		if (n > 1 && sched_getcpu() != w.cpu) {
			TH_LOG("round %d: woke on CPU %d, not %d", r,
			       sched_getcpu(), w.cpu);
			bad++;
		}
	}
	avcpu_unpin();
	avcpu_guest_destroy(&v.g);
	EXPECT_EQ(0, bad);
}

/* Two VMs' vCPUs alternate on one thread, each keeping its registers. */
TEST(two_vms_one_thread)
{
	struct lazy_vcpu a, b;
	int r, bad = 0;

	ASSERT_EQ(0, lazy_create(&a, g_regs_start, g_regs_end, 3));
	ASSERT_EQ(0, lazy_create(&b, g_regs_start, g_regs_end, 4));
	for (r = 0; r < ROUNDS; r++) {
		bad += lazy_round(_metadata, &a, "vm a");
		bad += lazy_round(_metadata, &b, "vm b");
		if (r % 3 == 2)
			bad += lazy_round(_metadata, &b, "vm b again");
	}
	avcpu_guest_destroy(&a.g);
	avcpu_guest_destroy(&b.g);
	EXPECT_EQ(0, bad);
}

/* SET_ONE_REG between RUNs reaches the guest: the next RUN sees it. */
TEST(set_one_reg_between_runs)
{
	struct lazy_vcpu v;
	int r, i, bad = 0;

	ASSERT_EQ(0, lazy_create(&v, g_regs_start, g_regs_end, 5));
	for (r = 0; r < ROUNDS; r++) {
		bad += lazy_round(_metadata, &v, "set");
		/* The guest steps what it finds: set the values it steps. */
		i = r % NR_REGS;
		v.want[i] = (0x77ULL << 40) + r * 0x10000 + reg_step[i];
		if (reg_ids[i] == AVCPU_REG_CONTEXTIDR_EL1)
			v.want[i] &= 0xffffffff;
		ASSERT_EQ(0, avcpu_set_reg(v.g.vcpu, reg_ids[i],
					   v.want[i] - reg_step[i]));
		/* AVCPU_VCPU_RESET now and then: all back to zero. */
		if (r % 8 == 7) {
			ASSERT_EQ(0, ioctl(v.g.vcpu, AVCPU_VCPU_RESET, 0));
			for (i = 0; i < NR_REGS; i++)
				v.want[i] = 0;
		}
	}
	avcpu_guest_destroy(&v.g);
	EXPECT_EQ(0, bad);
}

struct runner {
	struct __test_metadata *md;
	struct lazy_vcpu *v;
	int rounds;
	int bad;
};

static void *run_rounds(void *arg)
{
	struct runner *rn = arg;
	int r;

	for (r = 0; r < rn->rounds; r++)
		rn->bad += lazy_round(rn->md, rn->v, "thread");
	return NULL;
}

/*
 * A thread runs the vCPU and exits; the next thread (and then the main
 * one) continues with its registers.  Then the vCPU is closed right
 * after a RUN and a new guest runs with its own values.
 */
TEST(other_threads_and_close)
{
	struct runner rn = { .md = _metadata, .rounds = 5 };
	struct lazy_vcpu v, w;
	int i, bad = 0;
	pthread_t t;

	ASSERT_EQ(0, lazy_create(&v, g_regs_start, g_regs_end, 6));
	rn.v = &v;
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, pthread_create(&t, NULL, run_rounds, &rn));
		pthread_join(t, NULL);
		bad += lazy_round(_metadata, &v, "main");
	}
	bad += rn.bad;
	avcpu_guest_destroy(&v.g);

	ASSERT_EQ(0, lazy_create(&w, g_regs_start, g_regs_end, 7));
	for (i = 0; i < 4; i++)
		bad += lazy_round(_metadata, &w, "after close");
	avcpu_guest_destroy(&w.g);
	EXPECT_EQ(0, bad);
}

/*
 * KVM's vCPU load writes EL1 on this CPU with no context switch when the
 * same thread calls KVM_RUN between two of avcpu's RUNs: avcpu's guest
 * must not see KVM's guest's registers.  Returns 0, or -1 and why.
 */
static int kvm_run_once(char *why, size_t whylen)
{
	struct kvm_guest k;
	int ret = -1;

	if (!kvm_guest_create(&k, g_kvm_regs_start, g_kvm_regs_end,
			      avcpu_code_offset() + 0x1000, why, whylen)) {
		if (!ioctl(k.vcpu, KVM_RUN, 0) &&
		    k.run->exit_reason == KVM_EXIT_MMIO)
			ret = 0;
		else
			snprintf(why, whylen, "KVM_RUN: exit %u",
				 k.run->exit_reason);
	}
	kvm_guest_destroy(&k);
	return ret;
}

TEST(kvm_on_the_same_thread)
{
	struct lazy_vcpu v;
	char why[128] = "";
	int r, bad = 0;

	if (avcpu_host_mode() != AVCPU_HOST_VHE)
		SKIP(return, "KVM and avcpu share a CPU only on VHE hosts");
	ASSERT_EQ(0, lazy_create(&v, g_regs_start, g_regs_end, 8));
	bad += lazy_round(_metadata, &v, "before kvm");
	for (r = 0; r < 4; r++) {
		/* No migration: the same CPU for both. */
		avcpu_pin_to(0, 0);
		if (kvm_run_once(why, sizeof(why))) {
			avcpu_unpin();
			avcpu_guest_destroy(&v.g);
			SKIP(return, "KVM not usable: %s", why);
		}
		bad += lazy_round(_metadata, &v, "after kvm");
	}
	avcpu_unpin();
	avcpu_guest_destroy(&v.g);
	EXPECT_EQ(0, bad);
}

TEST_HARNESS_MAIN
