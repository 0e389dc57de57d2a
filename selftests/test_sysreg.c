// SPDX-License-Identifier: GPL-2.0
/*
 * System-register policy and exception injection: the ID registers the
 * guest reads are the host's with hidden features cleared, unhandled
 * registers exit to the VMM (completed or refused with an injected
 * UNDEF), and the VMM can inject data aborts and SErrors that the
 * guest's vectors take with the right syndrome.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdbool.h>
#include <sys/auxv.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"

#define EC(esr)		(((esr) >> 26) & 0x3f)
#define FIELD(v, s)	(((v) >> (s)) & 0xf)

static int run_once(struct avcpu_guest *g)
{
	return avcpu_run_fd(g->vcpu, g->run);
}

static int inject(int fd, uint32_t type, uint64_t far)
{
	struct avcpu_inject in = { .type = type, .far = far };

	return ioctl(fd, AVCPU_INJECT_EXCEPTION, &in);
}

AVCPU_GUEST(g_ids,
	"	mrs	x0, id_aa64pfr0_el1\n"
	"	mrs	x1, id_aa64pfr1_el1\n"
	"	mrs	x2, id_aa64dfr0_el1\n"
	"	mrs	x3, id_aa64isar0_el1\n"
	"	mrs	x4, id_aa64isar1_el1\n"
	"	mrs	x5, id_aa64mmfr0_el1\n"
	"	mrs	x6, id_aa64mmfr1_el1\n"
	"	mrs	x7, id_aa64mmfr2_el1\n"
	"	mrs	x8, s3_0_c0_c1_0\n"		/* ID_PFR0_EL1 */
	"	mrs	x9, s3_0_c0_c4_4\n"		/* ID_AA64ZFR0_EL1 */
	"	mrs	x10, s3_0_c0_c3_7\n"		/* unallocated */
	"	hvc	#1\n");

/* What Linux shows userspace (its MRS emulation), for comparison. */
#define HOST_ID(name) ({ uint64_t __v;					\
	asm volatile("mrs %0, " name : "=r" (__v)); __v; })

TEST(id_registers_are_sanitised)
{
	uint64_t pfr0, pfr1, dfr0, isar0, isar1, mmfr1, mmfr2, host;
	struct avcpu_guest g;
	int s;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_ids_start, g_ids_end));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(1, g.run->hypercall.imm);
	pfr0 = g.run->hypercall.x[0];
	pfr1 = g.run->hypercall.x[1];
	dfr0 = g.run->hypercall.x[2];
	isar0 = g.run->hypercall.x[3];
	isar1 = g.run->hypercall.x[4];
	mmfr1 = g.run->hypercall.x[6];
	mmfr2 = g.run->hypercall.x[7];
	TH_LOG("PFR0 %016llx PFR1 %016llx DFR0 %016llx ISAR0 %016llx ISAR1 %016llx",
	       (unsigned long long)pfr0, (unsigned long long)pfr1,
	       (unsigned long long)dfr0, (unsigned long long)isar0,
	       (unsigned long long)isar1);

	/* PFR0: AArch64-only EL0/EL1; no EL2, GIC, RAS, SVE, SEL2, MPAM,
	 * AMU, RME; FP and AdvSIMD as the host.
	 */
	ASSERT_EQ(1, FIELD(pfr0, 0));
	ASSERT_EQ(1, FIELD(pfr0, 4));
	ASSERT_EQ(0, FIELD(pfr0, 8));
	ASSERT_EQ(0, FIELD(pfr0, 24));
	ASSERT_EQ(0, FIELD(pfr0, 28));
	ASSERT_EQ(0, FIELD(pfr0, 32));
	ASSERT_EQ(0, FIELD(pfr0, 36));
	ASSERT_EQ(0, FIELD(pfr0, 40));
	ASSERT_EQ(0, FIELD(pfr0, 44));
	ASSERT_EQ(0, FIELD(pfr0, 52));
	host = HOST_ID("id_aa64pfr0_el1");
	ASSERT_EQ(FIELD(host, 16), FIELD(pfr0, 16));
	ASSERT_EQ(FIELD(host, 20), FIELD(pfr0, 20));
	/* PFR1: no MTE, no SME. */
	ASSERT_EQ(0, FIELD(pfr1, 8));
	ASSERT_EQ(0, FIELD(pfr1, 24));
	/* DFR0: debug v8..v8.x, no trace, PMU, SPE; no OS double lock. */
	ASSERT_GE(FIELD(dfr0, 0), 6);
	ASSERT_EQ(0, FIELD(dfr0, 4));
	ASSERT_EQ(0, FIELD(dfr0, 8));
	ASSERT_EQ(0, FIELD(dfr0, 32));
	ASSERT_EQ(0xf, FIELD(dfr0, 36));
	/* ISAR0: every feature userspace sees, the guest sees. */
	host = HOST_ID("id_aa64isar0_el1");
	for (s = 0; s < 64; s += 4)
		if (FIELD(host, s))
			ASSERT_EQ(FIELD(host, s), FIELD(isar0, s));
	/* ISAR1: no pointer authentication. */
	ASSERT_EQ(0, FIELD(isar1, 4));
	ASSERT_EQ(0, FIELD(isar1, 8));
	ASSERT_EQ(0, FIELD(isar1, 24));
	ASSERT_EQ(0, FIELD(isar1, 28));
	/* MMFR1: no VHE, no LORegions; MMFR2: no NV. */
	ASSERT_EQ(0, FIELD(mmfr1, 8));
	ASSERT_EQ(0, FIELD(mmfr1, 16));
	ASSERT_EQ(0, FIELD(mmfr2, 24));
	/* AArch32, SVE and unallocated ID registers read as zero. */
	for (s = 8; s <= 10; s++) {
		host = ~0ULL;
		ASSERT_EQ(0, avcpu_get_reg(g.vcpu, AVCPU_REG_X(s), &host));
		ASSERT_EQ(0, host);
	}
	avcpu_guest_destroy(&g);
}

/*
 * A system register the module leaves to the VMM: ICC_SGI1R_EL1, which
 * HCR_EL2.IMO traps (the VMM's interrupt controller sends the SGI).  A
 * write it completes, then one it refuses with an UNDEF seen by the
 * guest's vector (x0 = ESR_EL1, x1 = ELR_EL1).  The physical timer,
 * which used to come here, is emulated in the module (test_ptimer).
 */
AVCPU_GUEST(g_sgi,
	"	adr	x0, g_sgi_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	mov	x3, #0x77\n"
	"	msr	s3_0_c12_c11_5, x3\n"		/* ICC_SGI1R_EL1 */
	"	mov	x4, #0x55\n"
	"	msr	s3_0_c12_c11_5, x4\n"
	"	b	.\n"
	"	.org	g_sgi_start + 0xa00\n"
	"	mrs	x0, esr_el1\n"
	"	mrs	x1, elr_el1\n"
	"	hvc	#0xee\n");

TEST(unhandled_sysreg_exits_to_the_vmm)
{
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_sgi_start,
					g_sgi_end));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_SYSREG, g.run->exit_reason);
	ASSERT_EQ(AVCPU_REG_SYS(3, 0, 12, 11, 5), g.run->sysreg.id);
	ASSERT_EQ(1, g.run->sysreg.is_write);
	ASSERT_EQ(3, g.run->sysreg.rt);
	ASSERT_EQ(0x77, g.run->sysreg.value);

	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_SYSREG, g.run->exit_reason);
	ASSERT_EQ(AVCPU_REG_SYS(3, 0, 12, 11, 5), g.run->sysreg.id);
	ASSERT_EQ(1, g.run->sysreg.is_write);
	ASSERT_EQ(4, g.run->sysreg.rt);
	ASSERT_EQ(0x55, g.run->sysreg.value);
	ASSERT_EQ(0, inject(g.vcpu, AVCPU_INJECT_UNDEF, 0));

	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0xee, g.run->hypercall.imm);
	ASSERT_EQ(1ULL << 25, g.run->hypercall.x[0]);	/* EC 0, IL */
	ASSERT_EQ(g.entry + 6 * 4, g.run->hypercall.x[1]);
	avcpu_guest_destroy(&g);
}

/*
 * ICC_SRE_EL1: the guest clears it, reads it back.  avcpu traps it
 * (ICC_SRE_EL2.Enable = 0 while the guest runs) and answers RAO/WI at
 * EL2: SRE stays one, no exit reaches the VMM, and the register (the
 * host kernel's own on nVHE) is untouched.  QEMU implements ICC_SRE_EL1
 * as a constant that never traps, so under QEMU this shows the guest's
 * view and that the host keeps taking interrupts, not the trap itself.
 */
AVCPU_GUEST(g_icc_sre,
	"	adr	x0, g_icc_sre_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	mrs	x1, s3_0_c12_c12_5\n"		/* ICC_SRE_EL1 */
	"	msr	s3_0_c12_c12_5, xzr\n"
	"	mov	x3, #0\n"
	"	msr	s3_0_c12_c12_5, x3\n"
	"	isb\n"
	"	mrs	x2, s3_0_c12_c12_5\n"
	"	hvc	#0x5c\n"
	"	b	.\n"
	"	.org	g_icc_sre_start + 0xa00\n"
	"	mrs	x0, esr_el1\n"
	"	mrs	x1, elr_el1\n"
	"	hvc	#0xee\n");

TEST(guest_cannot_clear_icc_sre)
{
	struct avcpu_guest g;
	int i;

	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_icc_sre_start,
						g_icc_sre_end));
		ASSERT_EQ(0, run_once(&g));
		ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
		ASSERT_EQ(0x5c, g.run->hypercall.imm);
		ASSERT_EQ(1, g.run->hypercall.x[1] & 1);	/* SRE */
		ASSERT_EQ(g.run->hypercall.x[1], g.run->hypercall.x[2]);
		avcpu_guest_destroy(&g);
		/* The host keeps taking (and acknowledging) interrupts. */
		usleep(50000);
	}
}

/* A load from MMIO the VMM rejects with a data abort. */
AVCPU_GUEST(g_dabt,
	"	adr	x0, g_dabt_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	movz	x5, #0x0900, lsl #16\n"
	"	ldr	x6, [x5, #8]\n"
	"	b	.\n"
	"	.org	g_dabt_start + 0xa00\n"
	"	mrs	x0, esr_el1\n"
	"	mrs	x1, elr_el1\n"
	"	mrs	x2, far_el1\n"
	"	mrs	x3, spsr_el1\n"
	"	hvc	#0xda\n");

TEST(vmm_injects_a_data_abort)
{
	struct avcpu_guest g;
	uint64_t esr;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_dabt_start,
					g_dabt_end));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_MMIO, g.run->exit_reason);
	ASSERT_EQ(0x09000008, g.run->mmio.phys_addr);
	ASSERT_EQ(0, inject(g.vcpu, AVCPU_INJECT_DABT, 0x09000008));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0xda, g.run->hypercall.imm);
	esr = g.run->hypercall.x[0];
	ASSERT_EQ(0x25, EC(esr));		/* data abort, same EL */
	ASSERT_EQ(0x10, esr & 0x3f);		/* synchronous external */
	ASSERT_TRUE(esr & (1ULL << 25));
	ASSERT_EQ(g.entry + 4 * 4, g.run->hypercall.x[1]);
	ASSERT_EQ(0x09000008, g.run->hypercall.x[2]);
	ASSERT_EQ(0x3c5, g.run->hypercall.x[3]);	/* EL1h, DAIF masked */
	avcpu_guest_destroy(&g);
}

/*
 * An instruction fetch from unbacked memory the VMM refuses with an
 * instruction abort: the guest branches to 0x70000000, the exception
 * exit reports it, the VMM injects an IABT there.
 */
AVCPU_GUEST(g_iabt,
	"	adr	x0, g_iabt_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	movz	x5, #0x7000, lsl #16\n"
	"	blr	x5\n"
	"	b	.\n"
	"	.org	g_iabt_start + 0xa00\n"
	"	mrs	x0, esr_el1\n"
	"	mrs	x1, elr_el1\n"
	"	mrs	x2, far_el1\n"
	"	hvc	#0x1a\n");

TEST(vmm_injects_an_instruction_abort)
{
	struct avcpu_guest g;
	uint64_t esr;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_iabt_start,
					g_iabt_end));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_EXCEPTION, g.run->exit_reason);
	ASSERT_EQ(0x20, EC(g.run->exception.esr));
	ASSERT_EQ(0x70000000, g.run->exception.pc);
	ASSERT_EQ(0, inject(g.vcpu, AVCPU_INJECT_IABT, 0x70000000));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0x1a, g.run->hypercall.imm);
	esr = g.run->hypercall.x[0];
	ASSERT_EQ(0x21, EC(esr));		/* instruction abort, same EL */
	ASSERT_EQ(0x10, esr & 0x3f);
	ASSERT_EQ(0x70000000, g.run->hypercall.x[1]);
	ASSERT_EQ(0x70000000, g.run->hypercall.x[2]);
	avcpu_guest_destroy(&g);
}

/*
 * A store to MMIO the VMM refuses with AVCPU_INJECT_EXIT_ABORT: the
 * guest's ESR has WnR from the store's syndrome, FAR its address, which
 * the MMIO exit does not carry.  Then a fetch from nowhere, answered the
 * same way with an instruction abort.
 */
AVCPU_GUEST(g_exit_abort,
	"	adr	x0, g_exit_abort_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	movz	x5, #0x0900, lsl #16\n"
	"	str	w6, [x5, #0x10]\n"
	"	b	.\n"
	"	.org	g_exit_abort_start + 0xa00\n"
	"	mrs	x0, esr_el1\n"
	"	mrs	x1, elr_el1\n"
	"	mrs	x2, far_el1\n"
	"	hvc	#0xea\n"
	"	movz	x5, #0x7000, lsl #16\n"
	"	msr	vbar_el1, xzr\n"
	"	blr	x5\n");

TEST(vmm_injects_the_abort_of_the_exit)
{
	struct avcpu_inject in = {
		.type = AVCPU_INJECT_IABT,
		.flags = AVCPU_INJECT_EXIT_ABORT,
	};
	struct avcpu_guest g;
	uint64_t esr;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_exit_abort_start,
					g_exit_abort_end));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_MMIO, g.run->exit_reason);
	ASSERT_EQ(1, g.run->mmio.is_write);
	/* Not an instruction abort; no address with the flag. */
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(EINVAL, errno);
	in.type = AVCPU_INJECT_DABT;
	in.far = 0x09000010;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(EINVAL, errno);
	in.far = 0;
	in.flags = 2;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(EINVAL, errno);
	in.flags = AVCPU_INJECT_EXIT_ABORT;
	ASSERT_EQ(0, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0xea, g.run->hypercall.imm);
	esr = g.run->hypercall.x[0];
	/* EC 0x25, IL, WnR, FSC 0x10; FnV clear */
	ASSERT_EQ(0x96000050, esr);
	ASSERT_EQ(g.entry + 4 * 4, g.run->hypercall.x[1]);
	ASSERT_EQ(0x09000010, g.run->hypercall.x[2]);
	/* Forgotten at the next RUN: a hypercall reported no abort. */
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(EINVAL, errno);

	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_EXCEPTION, g.run->exit_reason);
	ASSERT_EQ(0x20, EC(g.run->exception.esr));
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(EINVAL, errno);
	in.type = AVCPU_INJECT_IABT;
	ASSERT_EQ(0, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(0, avcpu_get_reg(g.vcpu, AVCPU_REG_ESR_EL1, &esr));
	ASSERT_EQ(0x86000010, esr);		/* EC 0x21, IL, FSC 0x10 */
	ASSERT_EQ(0, avcpu_get_reg(g.vcpu, AVCPU_REG_FAR_EL1, &esr));
	ASSERT_EQ(0x70000000, esr);
	avcpu_guest_destroy(&g);
}

/* SErrors unmasked after the vectors are set: the injected one lands. */
AVCPU_GUEST(g_serror,
	"	adr	x0, g_serror_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	msr	daifclr, #4\n"
	"	isb\n"
	"	b	.\n"
	"	.org	g_serror_start + 0xb80\n"	/* EL1h SError */
	"	mrs	x0, esr_el1\n"
	"	mrs	x1, elr_el1\n"
	"	hvc	#0x5e\n");

TEST(vmm_injects_an_serror)
{
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_serror_start,
					g_serror_end));
	ASSERT_EQ(0, inject(g.vcpu, AVCPU_INJECT_SERROR, 0));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0x5e, g.run->hypercall.imm);
	ASSERT_EQ(0x2f, EC(g.run->hypercall.x[0]));
	avcpu_guest_destroy(&g);
}

/*
 * The guest's deferred-error register is its own (RAS).  Guest A, SError
 * masked, runs ESB with a VMM-injected virtual SError pending: the CPU
 * defers it into VDISR_EL2, which A reads as DISR_EL1 with A (bit 31)
 * set.  Guest B (another VM) then reads DISR_EL1 on the same CPU and
 * must see 0; A must still see its own value afterwards.  Without RAS,
 * DISR_EL1 is UNDEFINED: the guest reports it and the test skips.
 */
AVCPU_GUEST(g_disr,
	"	adr	x0, g_disr_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	cbz	x9, 1f\n"
	"	hint	#16\n"				/* esb */
	"1:	mrs	x0, s3_0_c12_c1_1\n"		/* DISR_EL1 */
	"	hvc	#0xd1\n"
	"	mrs	x0, s3_0_c12_c1_1\n"
	"	hvc	#0xd2\n"
	"	b	.\n"
	"	.org	g_disr_start + 0xa00\n"
	"	mrs	x0, esr_el1\n"
	"	hvc	#0xee\n");

static uint64_t disr_of(struct __test_metadata *_metadata,
			struct avcpu_guest *g, unsigned int imm)
{
	EXPECT_EQ(0, run_once(g));
	EXPECT_EQ(AVCPU_EXIT_HYPERCALL, g->run->exit_reason);
	if (g->run->hypercall.imm == 0xee)
		return ~0ULL;
	EXPECT_EQ(imm, g->run->hypercall.imm);
	return g->run->hypercall.x[0];
}

TEST(deferred_serror_stays_with_its_vcpu)
{
	struct avcpu_guest a, b;
	uint64_t disr;
	cpu_set_t set;

	/* One CPU, so that B really follows A on the same VDISR_EL2. */
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	ASSERT_EQ(0, sched_setaffinity(0, sizeof(set), &set));
	ASSERT_EQ(0, avcpu_guest_create(&a, 1 << 20, g_disr_start,
					g_disr_end));
	ASSERT_EQ(0, avcpu_guest_create(&b, 1 << 20, g_disr_start,
					g_disr_end));
	ASSERT_EQ(0, avcpu_set_reg(a.vcpu, AVCPU_REG_X(9), 1));
	ASSERT_EQ(0, inject(a.vcpu, AVCPU_INJECT_SERROR, 0));
	disr = disr_of(_metadata, &a, 0xd1);
	if (disr == ~0ULL) {
		avcpu_guest_destroy(&a);
		avcpu_guest_destroy(&b);
		SKIP(return, "no RAS: DISR_EL1 is UNDEFINED");
	}
	TH_LOG("guest A: DISR_EL1 %#llx", (unsigned long long)disr);
	EXPECT_EQ(1ULL << 31, disr & (1ULL << 31));
	/* B: no ESB, nothing pending; its DISR_EL1 must be clean. */
	EXPECT_EQ(0, disr_of(_metadata, &b, 0xd1));
	EXPECT_EQ(0, disr_of(_metadata, &b, 0xd2));
	/* A's survives B's run. */
	EXPECT_EQ(disr, disr_of(_metadata, &a, 0xd2));
	avcpu_guest_destroy(&a);
	avcpu_guest_destroy(&b);
	CPU_ZERO(&set);
	for (int i = 0; i < CPU_SETSIZE; i++)
		CPU_SET(i, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/*
 * An injected SError carries an IMPLEMENTATION DEFINED syndrome (ISS.IDS
 * set) where the CPU has RAS and VSESR_EL2 gives it one; an all-zero ISS
 * would claim an architected "uncategorized" error.  Without RAS the CPU
 * makes up the ISS itself: skipped.
 */
TEST(injected_serror_syndrome_is_impdef)
{
	struct avcpu_guest g;
	uint64_t esr;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_disr_start,
					g_disr_end));
	esr = disr_of(_metadata, &g, 0xd1);
	avcpu_guest_destroy(&g);
	if (esr == ~0ULL)
		SKIP(return, "no RAS: DISR_EL1 is UNDEFINED");

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_serror_start,
					g_serror_end));
	ASSERT_EQ(0, inject(g.vcpu, AVCPU_INJECT_SERROR, 0));
	ASSERT_EQ(0, run_once(&g));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0x5e, g.run->hypercall.imm);
	esr = g.run->hypercall.x[0];
	TH_LOG("guest ESR_EL1 %#llx", (unsigned long long)esr);
	ASSERT_EQ(0x2f, EC(esr));
	ASSERT_EQ(1ULL << 24, esr & 0x1ffffff);		/* IDS, syndrome 0 */
	avcpu_guest_destroy(&g);
}

/*
 * TPIDR2_EL0 (FEAT_SME; -cpu max has it, cortex-a57 does not) is each
 * vCPU's own: a guest starts with 0 and keeps what it wrote across exits
 * and other guests' runs, and the VMM thread's own value (where the host
 * kernel lets userspace use SME) is left as it was.
 */
AVCPU_GUEST(g_tpidr2,
	"	adr	x0, g_tpidr2_start + 0x800\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	mrs	x1, s3_3_c13_c0_5\n"		/* TPIDR2_EL0 */
	"	msr	s3_3_c13_c0_5, x9\n"
	"	hvc	#0x21\n"
	"	mrs	x0, s3_3_c13_c0_5\n"
	"	hvc	#0x22\n"
	"	b	.\n"
	"	.org	g_tpidr2_start + 0xa00\n"
	"	mrs	x0, esr_el1\n"
	"	hvc	#0xee\n");

#ifndef HWCAP2_SME
#define HWCAP2_SME	(1 << 23)
#endif

static uint64_t hvc_x(struct __test_metadata *_metadata,
		      struct avcpu_guest *g, unsigned int imm, int x)
{
	EXPECT_EQ(0, run_once(g));
	EXPECT_EQ(AVCPU_EXIT_HYPERCALL, g->run->exit_reason);
	if (g->run->hypercall.imm == 0xee)
		return ~0ULL;
	EXPECT_EQ(imm, g->run->hypercall.imm);
	return g->run->hypercall.x[x];
}

TEST(tpidr2_is_per_vcpu)
{
	bool user_sme = getauxval(AT_HWCAP2) & HWCAP2_SME;
	struct avcpu_guest a, b;
	uint64_t mine = 0, v;
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	ASSERT_EQ(0, sched_setaffinity(0, sizeof(set), &set));
	if (user_sme) {
		mine = 0x7777;
		asm volatile("msr s3_3_c13_c0_5, %0" : : "r" (mine));
	}
	ASSERT_EQ(0, avcpu_guest_create(&a, 1 << 20, g_tpidr2_start,
					g_tpidr2_end));
	ASSERT_EQ(0, avcpu_guest_create(&b, 1 << 20, g_tpidr2_start,
					g_tpidr2_end));
	ASSERT_EQ(0, avcpu_set_reg(a.vcpu, AVCPU_REG_X(9), 0xaaaa));
	ASSERT_EQ(0, avcpu_set_reg(b.vcpu, AVCPU_REG_X(9), 0xbbbb));
	v = hvc_x(_metadata, &a, 0x21, 1);
	if (v == ~0ULL) {
		avcpu_guest_destroy(&a);
		avcpu_guest_destroy(&b);
		SKIP(return, "no SME: TPIDR2_EL0 is UNDEFINED");
	}
	TH_LOG("SME for userspace: %s", user_sme ? "yes" : "no");
	EXPECT_EQ(0, v);
	EXPECT_EQ(0, hvc_x(_metadata, &b, 0x21, 1));
	for (i = 0; i < 2; i++) {
		if (user_sme) {
			asm volatile("mrs %0, s3_3_c13_c0_5" : "=r" (v));
			EXPECT_EQ(mine, v);
		}
		EXPECT_EQ(0xaaaa, hvc_x(_metadata, &a, 0x22, 0));
		EXPECT_EQ(0xbbbb, hvc_x(_metadata, &b, 0x22, 0));
		ASSERT_EQ(0, avcpu_set_reg(a.vcpu, AVCPU_REG_PC,
					   a.entry + 6 * 4));
		ASSERT_EQ(0, avcpu_set_reg(b.vcpu, AVCPU_REG_PC,
					   b.entry + 6 * 4));
	}
	avcpu_guest_destroy(&a);
	avcpu_guest_destroy(&b);
	CPU_ZERO(&set);
	for (i = 0; i < CPU_SETSIZE; i++)
		CPU_SET(i, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

TEST(inject_bad_arguments)
{
	struct avcpu_inject in = { 0 };
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_serror_start,
					g_serror_end));
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(EINVAL, errno);
	in.type = AVCPU_INJECT_SERROR + 1;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(EINVAL, errno);
	in.type = AVCPU_INJECT_UNDEF;
	in.far = 0x1000;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(EINVAL, errno);
	in.far = 0;
	in.flags = 1;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(EINVAL, errno);
	in.flags = 0;
	in.reserved[0] = 1;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(EINVAL, errno);
	avcpu_guest_destroy(&g);
}

TEST_HARNESS_MAIN
