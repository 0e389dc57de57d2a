/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The world switch, written once for every host mode.
 *
 * A mode's file (vhe.c, later nvhe.c) defines AVCPU_HYP_VHE to 1 or 0 and
 * includes this header; the only differences between the modes are the
 * AVCPU_HYP_VHE blocks below:
 *   - how the guest's EL1 registers are addressed (_EL12/_EL02 encodings
 *     while the host owns the plain EL1 names on VHE),
 *   - how the host's own traps and vectors are put back.
 *
 * Everything here runs at EL2 with DAIF masked and must not be
 * instrumented: the build gives these objects no stack protector, no
 * ftrace, no sanitizers.
 */
#ifndef __AVCPU_HYP_SWITCH_H__
#define __AVCPU_HYP_SWITCH_H__

#include <linux/arm-smccc.h>
#include <linux/compiler.h>
#include <linux/irqchip/arm-gic-v3.h>
#include <uapi/linux/psci.h>
#include <asm/barrier.h>
#include <asm/esr.h>
#include <asm/kvm_arm.h>
#include <asm/pgtable-hwdef.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include "hyp.h"

#ifndef AVCPU_HYP_VHE
#error "define AVCPU_HYP_VHE before including switch.h"
#endif

#define AVCPU_SYS_CPACR_EL12		sys_reg(3, 5, 1, 0, 2)
#define AVCPU_SYS_FAR_EL12		sys_reg(3, 5, 6, 0, 0)
#define AVCPU_SYS_CONTEXTIDR_EL12	sys_reg(3, 5, 13, 0, 1)
#define AVCPU_SYS_PSTATE_PAN		sys_reg(3, 0, 4, 2, 3)
#define AVCPU_SYS_DISR_EL1		sys_reg(3, 0, 12, 1, 1)

/* CPACR_EL1 layout, also CPTR_EL2's with E2H=1 */
#define AVCPU_CPACR_ZEN		GENMASK_ULL(17, 16)
#define AVCPU_CPACR_FPEN	GENMASK_ULL(21, 20)
#define AVCPU_CPACR_SMEN	GENMASK_ULL(25, 24)

#define AVCPU_ISR_EL1_A		BIT(8)

/*
 * CNTHCTL_EL2 bits that give EL1 (and EL0) the physical counter and
 * timer: bits 0 and 1, or 10 and 11 with E2H (the E2H layout keeps the
 * low bits for the host's own EL0).
 */
#if AVCPU_HYP_VHE
#define AVCPU_CNTHCTL_EL1PCTEN	BIT(10)
#define AVCPU_CNTHCTL_EL1PCEN	BIT(11)
#else
#define AVCPU_CNTHCTL_EL1PCTEN	BIT(0)
#define AVCPU_CNTHCTL_EL1PCEN	BIT(1)
#endif

/* The SPE and TRBE buffers' enable bits: PMBLIMITR_EL1.E, TRBLIMITR_EL1.E */
#define AVCPU_PMBLIMITR_E	BIT(0)
#define AVCPU_TRBLIMITR_E	BIT(0)

/* DISR_EL1 (and VDISR_EL2): A, IDS, and the syndrome bits below IDS. */
#define AVCPU_DISR_A		BIT(31)
#define AVCPU_DISR_IDS		BIT(24)
#define AVCPU_DISR_SYNDROME	GENMASK_ULL(23, 0)

/*
 * Guest EL1 register access.  On VHE the host kernel owns the EL1 names
 * (they are redirected to EL2), so the guest's copies are reached through
 * the EL12/EL02 aliases; registers without an alias are not redirected.
 */
#if AVCPU_HYP_VHE
#define guest_read(plain, el12)		read_sysreg_s(el12)
#define guest_write(v, plain, el12)	write_sysreg_s(v, el12)
#else
#define guest_read(plain, el12)		read_sysreg(plain)
#define guest_write(v, plain, el12)	write_sysreg(v, plain)
#endif

/*
 * The guest's EL1/EL0 context comes in two parts.
 *
 * The "lazy" part is the EL1&0 translation regime and the registers only
 * EL1 uses.  On an nVHE host they are the host kernel's own and switch at
 * every entry and exit.  On a VHE host nothing of the host lives in them
 * (its kernel runs in the EL2&0 regime, with TPIDR_EL2 for its per-CPU
 * base): they are loaded when the vCPU's thread first enters the guest
 * in a RUN and saved when it leaves the CPU or the RUN ends
 * (avcpu_hyp_vcpu_load() and avcpu_hyp_vcpu_put(), driven by
 * module/run.c), so exits handled in the kernel cost none of them.
 *
 * On a VHE host the EL0 thread registers (TPIDR_EL0, TPIDRRO_EL0,
 * TPIDR2_EL0) go with that part, and so do VMPIDR_EL2, VPIDR_EL2 and
 * CNTVOFF_EL2: the kernel between two exits never reads them (it runs
 * in the EL2&0 regime, where the virtual offset is zero and MIDR/MPIDR
 * reads are not virtualised), and no user code runs on the CPU before
 * the put, which gives the host its values back.  VTTBR_EL2 and
 * VTCR_EL2 do not: KVM's TLB maintenance, which may run in this very
 * thread (an MMU notifier), loads its own and leaves them.
 *
 * The "entry" part switches at every entry on both hosts: MDSCR_EL1
 * (the host kernel's debug state on VHE too), PAR_EL1 (any host code
 * may use AT, and the exit path does), the virtual timer, which the
 * host reads between entries and masks at every exit, and on an nVHE
 * host the EL0 thread registers.
 */
static __always_inline void el1_save_lazy(u64 *s)
{
	s[AVCPU_SCTLR_EL1] = guest_read(sctlr_el1, SYS_SCTLR_EL12);
	s[AVCPU_CPACR_EL1] = guest_read(cpacr_el1, AVCPU_SYS_CPACR_EL12);
	s[AVCPU_TTBR0_EL1] = guest_read(ttbr0_el1, SYS_TTBR0_EL12);
	s[AVCPU_TTBR1_EL1] = guest_read(ttbr1_el1, SYS_TTBR1_EL12);
	s[AVCPU_TCR_EL1] = guest_read(tcr_el1, SYS_TCR_EL12);
	s[AVCPU_ESR_EL1] = guest_read(esr_el1, SYS_ESR_EL12);
	s[AVCPU_FAR_EL1] = guest_read(far_el1, AVCPU_SYS_FAR_EL12);
	s[AVCPU_AFSR0_EL1] = guest_read(afsr0_el1, SYS_AFSR0_EL12);
	s[AVCPU_AFSR1_EL1] = guest_read(afsr1_el1, SYS_AFSR1_EL12);
	s[AVCPU_MAIR_EL1] = guest_read(mair_el1, SYS_MAIR_EL12);
	s[AVCPU_AMAIR_EL1] = guest_read(amair_el1, SYS_AMAIR_EL12);
	s[AVCPU_VBAR_EL1] = guest_read(vbar_el1, SYS_VBAR_EL12);
	s[AVCPU_CONTEXTIDR_EL1] = guest_read(contextidr_el1,
					     AVCPU_SYS_CONTEXTIDR_EL12);
	s[AVCPU_ELR_EL1] = guest_read(elr_el1, SYS_ELR_EL12);
	s[AVCPU_SPSR_EL1] = guest_read(spsr_el1, SYS_SPSR_EL12);
	s[AVCPU_CNTKCTL_EL1] = guest_read(cntkctl_el1, SYS_CNTKCTL_EL12);
	/* Not redirected by E2H: one copy per CPU. */
	s[AVCPU_ACTLR_EL1] = read_sysreg(actlr_el1);
	s[AVCPU_TPIDR_EL1] = read_sysreg(tpidr_el1);
	s[AVCPU_SP_EL1] = read_sysreg(sp_el1);
	s[AVCPU_CSSELR_EL1] = read_sysreg(csselr_el1);
}

/*
 * With @s1_ctl false, SCTLR_EL1 and TCR_EL1 are left alone for the
 * caller to write in the order the speculative-AT rules below want.
 */
static __always_inline void el1_load_lazy(const u64 *s, bool s1_ctl)
{
	if (s1_ctl) {
		guest_write(s[AVCPU_SCTLR_EL1], sctlr_el1, SYS_SCTLR_EL12);
		guest_write(s[AVCPU_TCR_EL1], tcr_el1, SYS_TCR_EL12);
	}
	guest_write(s[AVCPU_CPACR_EL1], cpacr_el1, AVCPU_SYS_CPACR_EL12);
	guest_write(s[AVCPU_TTBR0_EL1], ttbr0_el1, SYS_TTBR0_EL12);
	guest_write(s[AVCPU_TTBR1_EL1], ttbr1_el1, SYS_TTBR1_EL12);
	guest_write(s[AVCPU_ESR_EL1], esr_el1, SYS_ESR_EL12);
	guest_write(s[AVCPU_FAR_EL1], far_el1, AVCPU_SYS_FAR_EL12);
	guest_write(s[AVCPU_AFSR0_EL1], afsr0_el1, SYS_AFSR0_EL12);
	guest_write(s[AVCPU_AFSR1_EL1], afsr1_el1, SYS_AFSR1_EL12);
	guest_write(s[AVCPU_MAIR_EL1], mair_el1, SYS_MAIR_EL12);
	guest_write(s[AVCPU_AMAIR_EL1], amair_el1, SYS_AMAIR_EL12);
	guest_write(s[AVCPU_VBAR_EL1], vbar_el1, SYS_VBAR_EL12);
	guest_write(s[AVCPU_CONTEXTIDR_EL1], contextidr_el1,
		    AVCPU_SYS_CONTEXTIDR_EL12);
	guest_write(s[AVCPU_ELR_EL1], elr_el1, SYS_ELR_EL12);
	guest_write(s[AVCPU_SPSR_EL1], spsr_el1, SYS_SPSR_EL12);
	guest_write(s[AVCPU_CNTKCTL_EL1], cntkctl_el1, SYS_CNTKCTL_EL12);
	write_sysreg(s[AVCPU_ACTLR_EL1], actlr_el1);
	write_sysreg(s[AVCPU_TPIDR_EL1], tpidr_el1);
	write_sysreg(s[AVCPU_SP_EL1], sp_el1);
	write_sysreg(s[AVCPU_CSSELR_EL1], csselr_el1);
}

/*
 * TPIDR2_EL0 exists on every CPU with FEAT_SME, whether the kernel uses
 * SME or not, and no trap guards it at EL1 (HCR_EL2 has none; the fine-
 * grained trap nTPIDR2_EL0 needs FEAT_FGT, which the kernel programs for
 * itself).  Left alone, a guest would read and write the VMM thread's
 * live value, or the previous guest's: it is switched like the others.
 */
static __always_inline void sme_save(const struct avcpu_hyp_vcpu *hv, u64 *s)
{
	if (hv->hyp_flags & AVCPU_HYP_HAS_SME)
		s[AVCPU_TPIDR2_EL0] = read_sysreg_s(SYS_TPIDR2_EL0);
}

static __always_inline void sme_load(const struct avcpu_hyp_vcpu *hv,
				     const u64 *s)
{
	if (hv->hyp_flags & AVCPU_HYP_HAS_SME)
		write_sysreg_s(s[AVCPU_TPIDR2_EL0], SYS_TPIDR2_EL0);
}

/* The EL0 thread registers: the host's are the VMM thread's. */
static __always_inline void tls_save(const struct avcpu_hyp_vcpu *hv, u64 *s)
{
	s[AVCPU_TPIDR_EL0] = read_sysreg(tpidr_el0);
	s[AVCPU_TPIDRRO_EL0] = read_sysreg(tpidrro_el0);
	sme_save(hv, s);
}

static __always_inline void tls_load(const struct avcpu_hyp_vcpu *hv,
				     const u64 *s)
{
	write_sysreg(s[AVCPU_TPIDR_EL0], tpidr_el0);
	write_sysreg(s[AVCPU_TPIDRRO_EL0], tpidrro_el0);
	sme_load(hv, s);
}

/* The part switched at every entry (see el1_save_lazy()). */
static __always_inline void el1_save_entry(const struct avcpu_hyp_vcpu *hv,
					   u64 *s)
{
	s[AVCPU_PAR_EL1] = read_sysreg(par_el1);
	s[AVCPU_CNTV_CVAL_EL0] = guest_read(cntv_cval_el0, SYS_CNTV_CVAL_EL02);
	s[AVCPU_CNTV_CTL_EL0] = guest_read(cntv_ctl_el0, SYS_CNTV_CTL_EL02);
	s[AVCPU_MDSCR_EL1] = read_sysreg(mdscr_el1);
	if (!AVCPU_HYP_VHE)
		tls_save(hv, s);
}

static __always_inline void el1_load_entry(const struct avcpu_hyp_vcpu *hv,
					   const u64 *s, u64 cntv_ctl_force)
{
	write_sysreg(s[AVCPU_PAR_EL1], par_el1);
	guest_write(s[AVCPU_CNTV_CVAL_EL0], cntv_cval_el0, SYS_CNTV_CVAL_EL02);
	guest_write(s[AVCPU_CNTV_CTL_EL0] | cntv_ctl_force,
		    cntv_ctl_el0, SYS_CNTV_CTL_EL02);
	write_sysreg(s[AVCPU_MDSCR_EL1], mdscr_el1);
	if (!AVCPU_HYP_VHE)
		tls_load(hv, s);
}

/*
 * The whole EL1/EL0 context, for an nVHE host's kernel (whose context
 * switches at every entry); its timer registers are the host's too.
 */
static __always_inline void el1_save(const struct avcpu_hyp_vcpu *hv, u64 *s)
{
	el1_save_lazy(s);
	el1_save_entry(hv, s);
}

static __always_inline void el1_load(const struct avcpu_hyp_vcpu *hv,
				     const u64 *s, bool s1_ctl)
{
	el1_load_lazy(s, s1_ctl);
	el1_load_entry(hv, s, 0);
}

/*
 * Speculative-AT errata on an nVHE host (Cortex-A57/A72 1319367 and
 * 1319537, and the others behind the kernel's
 * ARM64_WORKAROUND_SPECULATIVE_AT): the CPU may run a stage-1 walk
 * speculatively at any time, using whatever EL1&0 stage-1 registers and
 * stage-2 settings (HCR_EL2.VM, VTTBR_EL2) are loaded at that moment.
 * While a switch is half done, a walk could combine the host's stage 1
 * with the guest's VMID, or the guest's stage 1 with stage 2 off, and
 * leave a TLB entry that either side later hits.  The rule, for each
 * direction:
 *   - before anything is switched, stage-1 walks are disabled
 *     (TCR_EL1.EPD0/EPD1) with the stage-1 MMU on (SCTLR_EL1.M = 1: with
 *     M = 0 there is no walk to disable and translation is flat); the
 *     host's SCTLR_EL1.M is always 1, the guest's is forced on at exit;
 *   - then stage 2 and HCR_EL2 change, and an ISB completes that;
 *   - only then does the incoming side's SCTLR_EL1 come back, an ISB,
 *     and its TCR_EL1 last, which enables walks again.
 * block_s1_walks() is the first step, restore_s1_ctl() the last, in
 * __avcpu_vcpu_run() and restore_host_state().
 * On VHE the host is not in the EL1&0 regime; there the guest's EL1
 * state and stage 2 are in place before TGE is cleared and TGE is set
 * again, synchronised, before the host runs (errata 1165522/1530923).
 * None of this shows under QEMU, which has no speculative walks.
 */
static __always_inline bool spec_at(struct avcpu_hyp_vcpu *hv)
{
	return !AVCPU_HYP_VHE && (hv->hyp_flags & AVCPU_HYP_SPEC_AT);
}

/* Disable stage-1 walks with the stage-1 MMU on (nVHE, speculative AT). */
static __always_inline void block_s1_walks(void)
{
	write_sysreg(read_sysreg(tcr_el1) | TCR_EPD0_MASK | TCR_EPD1_MASK,
		     tcr_el1);
	isb();
	write_sysreg(read_sysreg(sctlr_el1) | SCTLR_ELx_M, sctlr_el1);
	isb();
}

/* Stage 2 and HCR_EL2 are in place: SCTLR, then TCR last. */
static __always_inline void restore_s1_ctl(const u64 *s)
{
	isb();
	write_sysreg(s[AVCPU_SCTLR_EL1], sctlr_el1);
	isb();
	write_sysreg(s[AVCPU_TCR_EL1], tcr_el1);
}

#include "vgic-sr.h"

/* Host state that a guest run clobbers, kept on the EL2 stack. */
struct avcpu_host_state {
	u64 hcr;
	u64 vbar;
	u64 cptr;
	u64 mdcr;
	u64 cnthctl;
	u64 vttbr;
	u64 vtcr;
	u64 cntvoff;		/* nVHE: on VHE, the vCPU load's (vhe.c) */
	u64 vmpidr;		/* nVHE */
	u64 vpidr;		/* nVHE */
	u64 daif;
	u64 pmr;		/* ICC_PMR_EL1 of a pseudo-NMI host */
	u64 vdisr;
	u64 icc_sre;		/* ICC_SRE_EL2 */
	u64 pan;
	u64 pmscr;		/* nVHE host's SPE sampling, paused */
	u64 trfcr;		/* nVHE host's trace filter, paused */
	/*
	 * EL1 context.  On VHE only MDSCR_EL1 is the host's here (the rest
	 * are the EL1&0 regime nobody runs in, and EL0's registers change
	 * at the vCPU load and put); on nVHE all of them are the host
	 * kernel's.
	 */
	u64 el1[AVCPU_NR_SYSREGS];
	struct avcpu_host_vgic vgic;	/* ICH_* (hyp/vgic-sr.h) */
};

/* SError and debug too: nothing may be taken at EL2 during a switch. */
static __always_inline void mask_all_exceptions(void)
{
	asm volatile("msr daifset, #0xf" : : : "memory");
}

/*
 * An nVHE host's statistical profiling (SPE) and trace buffer (TRBE)
 * write through the host's EL1 translation and would record the guest:
 * stop them and drain what they hold before anything is switched, and
 * restart them once the host is back (the kernel's own rule for KVM's
 * nVHE world switch).  On VHE they belong to EL2 and do not see EL1.
 */
static __always_inline void pause_host_profiling(struct avcpu_hyp_vcpu *hv,
						 struct avcpu_host_state *h)
{
	h->pmscr = 0;
	h->trfcr = 0;
	if (AVCPU_HYP_VHE)
		return;
	if ((hv->hyp_flags & AVCPU_HYP_HAS_SPE) &&
	    (read_sysreg_s(SYS_PMBLIMITR_EL1) & AVCPU_PMBLIMITR_E)) {
		h->pmscr = read_sysreg_s(SYS_PMSCR_EL1);
		write_sysreg_s(0, SYS_PMSCR_EL1);
		isb();
		asm volatile("hint #17" : : : "memory");	/* psb csync */
		dsb(nsh);
	}
	if ((hv->hyp_flags & AVCPU_HYP_HAS_TRBE) &&
	    (read_sysreg_s(SYS_TRBLIMITR_EL1) & AVCPU_TRBLIMITR_E)) {
		h->trfcr = read_sysreg_s(SYS_TRFCR_EL1);
		write_sysreg_s(0, SYS_TRFCR_EL1);
		isb();
		/* tsb csync, twice for CPUs that may miss the first */
		asm volatile("hint #18\n\thint #18" : : : "memory");
		dsb(nsh);
	}
}

static __always_inline void resume_host_profiling(struct avcpu_host_state *h)
{
	if (h->pmscr)
		write_sysreg_s(h->pmscr, SYS_PMSCR_EL1);
	if (h->trfcr)
		write_sysreg_s(h->trfcr, SYS_TRFCR_EL1);
}

static __always_inline void save_host_state(struct avcpu_hyp_vcpu *hv,
					    struct avcpu_host_state *h)
{
	u64 *s = h->el1;

	pause_host_profiling(hv, h);
	h->hcr = read_sysreg(hcr_el2);
	h->mdcr = read_sysreg(mdcr_el2);
	h->vttbr = read_sysreg(vttbr_el2);
	h->vtcr = read_sysreg(vtcr_el2);
#if AVCPU_HYP_VHE
	/* E2H redirects these EL1 names to VBAR_EL2, CPTR_EL2, CNTHCTL_EL2. */
	h->vbar = read_sysreg(vbar_el1);
	h->cptr = read_sysreg(cpacr_el1);
	h->cnthctl = read_sysreg(cntkctl_el1);
	if (hv->hyp_flags & AVCPU_HYP_HAS_PAN)
		h->pan = read_sysreg_s(AVCPU_SYS_PSTATE_PAN);
	/* The kernel's EL1 is EL2: only MDSCR (EL0's: the vCPU load). */
	s[AVCPU_MDSCR_EL1] = read_sysreg(mdscr_el1);
#else
	h->cntvoff = read_sysreg(cntvoff_el2);
	h->vmpidr = read_sysreg(vmpidr_el2);
	h->vpidr = read_sysreg(vpidr_el2);
	h->vbar = read_sysreg(vbar_el2);
	h->cptr = read_sysreg(cptr_el2);
	h->cnthctl = read_sysreg(cnthctl_el2);
	el1_save(hv, s);
#endif
}

/*
 * The guest's EL2 controls.  CNTHCTL: the guest may read the physical
 * counter but not program the physical timer (the host's own clock on an
 * nVHE host): its accesses trap and module/timer.c emulates the timer.
 * CPTR: FP/SIMD, SVE, SME, trace and AMU trap to EL2.
 */
static __always_inline void activate_guest_traps(struct avcpu_hyp_vcpu *hv,
						 struct avcpu_host_state *h)
{
	u64 mdcr;
	bool fp;

	mdcr = (h->mdcr & MDCR_EL2_HPMN_MASK) | hv->mdcr_guest;
	write_sysreg(mdcr, mdcr_el2);
	/* On VHE these three stay from the vCPU load to its put. */
	if (!AVCPU_HYP_VHE) {
		write_sysreg(hv->vmpidr, vmpidr_el2);
		write_sysreg(hv->vpidr, vpidr_el2);
		write_sysreg(hv->cntvoff, cntvoff_el2);
	}
	fp = hv->hyp_flags & AVCPU_HYP_FP_LOADED;
	/*
	 * ICC_SRE_EL1 is one register for EL1, shared by the guest and (on
	 * nVHE) the host kernel, or (on VHE) every other hypervisor's
	 * guests; where its SRE bit is writable, a guest clearing it would
	 * make the host's next interrupt acknowledge UNDEFINED.  With
	 * ICC_SRE_EL2.Enable clear, EL1 accesses to it trap to EL2 instead:
	 * see icc_sre_trap().
	 */
	if (hv->hyp_flags & AVCPU_HYP_HAS_GICV3) {
		h->icc_sre = read_sysreg_s(SYS_ICC_SRE_EL2);
		write_sysreg_s(h->icc_sre & ~ICC_SRE_EL2_ENABLE,
			       SYS_ICC_SRE_EL2);
	}
#if AVCPU_HYP_VHE
	write_sysreg((h->cnthctl | AVCPU_CNTHCTL_EL1PCTEN) &
		     ~AVCPU_CNTHCTL_EL1PCEN, cntkctl_el1);
	/*
	 * E2H layout of CPTR_EL2: ZEN, SMEN = 0 trap; FPEN = 0 traps until
	 * the host loaded the guest's FP registers, then 0b11; TTA, TAM set.
	 */
	write_sysreg((h->cptr & ~(AVCPU_CPACR_FPEN | AVCPU_CPACR_ZEN |
				  AVCPU_CPACR_SMEN)) | CPACR_EL1_TTA |
		     CPTR_EL2_TAM | (fp ? AVCPU_CPACR_FPEN : 0), cpacr_el1);
	write_sysreg((u64)__avcpu_hyp_vectors, vbar_el1);
#else
	write_sysreg((h->cnthctl | AVCPU_CNTHCTL_EL1PCTEN) &
		     ~AVCPU_CNTHCTL_EL1PCEN, cnthctl_el2);
	write_sysreg(CPTR_NVHE_EL2_RES1 | (fp ? 0 : CPTR_EL2_TFP) | CPTR_EL2_TZ |
		     CPTR_EL2_TSM | CPTR_EL2_TTA | CPTR_EL2_TAM, cptr_el2);
	write_sysreg((u64)__avcpu_hyp_vectors, vbar_el2);
#endif
}

static __always_inline void restore_host_state(struct avcpu_hyp_vcpu *hv,
					       struct avcpu_host_state *h)
{
	u64 *s = h->el1;

	write_sysreg(h->hcr, hcr_el2);
	isb();
	write_sysreg(h->mdcr, mdcr_el2);
	write_sysreg(h->vttbr, vttbr_el2);
	write_sysreg(h->vtcr, vtcr_el2);
	if (hv->hyp_flags & AVCPU_HYP_HAS_GICV3)
		write_sysreg_s(h->icc_sre, SYS_ICC_SRE_EL2);
#if AVCPU_HYP_VHE
	write_sysreg(h->cnthctl, cntkctl_el1);
	write_sysreg(h->cptr, cpacr_el1);
	write_sysreg(h->vbar, vbar_el1);
	write_sysreg(s[AVCPU_MDSCR_EL1], mdscr_el1);
	if (hv->hyp_flags & AVCPU_HYP_HAS_PAN)
		write_sysreg_s(h->pan, AVCPU_SYS_PSTATE_PAN);
#else
	write_sysreg(h->cntvoff, cntvoff_el2);
	write_sysreg(h->vmpidr, vmpidr_el2);
	write_sysreg(h->vpidr, vpidr_el2);
	write_sysreg(h->cnthctl, cnthctl_el2);
	write_sysreg(h->cptr, cptr_el2);
	write_sysreg(h->vbar, vbar_el2);
	resume_host_profiling(h);
	el1_load(hv, s, !spec_at(hv));
	if (spec_at(hv))
		restore_s1_ctl(s);
#endif
	isb();
	write_sysreg(h->daif, daif);
}

/*
 * Save the guest's EL1 context (on VHE only the part switched at every
 * entry), then mask its timer so that an armed guest timer never
 * interrupts the host.  Bits the host forced into CNTV_CTL while the
 * guest ran are not the guest's: keep its own.
 */
static __always_inline void save_guest_el1(struct avcpu_hyp_vcpu *hv)
{
	u64 *s = hv->sys;
	u64 guest_ctl = s[AVCPU_CNTV_CTL_EL0];
	u64 ctl;

	if (!AVCPU_HYP_VHE)
		el1_save_lazy(s);
	el1_save_entry(hv, s);
	ctl = s[AVCPU_CNTV_CTL_EL0];
	s[AVCPU_CNTV_CTL_EL0] = (ctl & ~hv->cntv_ctl_force) |
				(guest_ctl & hv->cntv_ctl_force);
	guest_write(ctl | CNTV_CTL_IMASK, cntv_ctl_el0, SYS_CNTV_CTL_EL02);
}

static __always_inline bool esr_is_abort(u64 esr)
{
	u64 ec = ESR_ELx_EC(esr);

	return ec == ESR_ELx_EC_DABT_LOW || ec == ESR_ELx_EC_IABT_LOW;
}

/*
 * A data abort on an unbacked IPA whose syndrome does not describe the
 * access (ISV = 0: LDP/STP, writeback and SIMD&FP forms) is emulated by
 * the host from the instruction itself (module/mmio.c, module/ldst.c).
 * The host never follows a guest pointer: the instruction's IPA is found here,
 * while the guest's stage-1 registers are still loaded, by translating
 * the PC with AT S1E1R, and the host then reads it from the VM's own
 * pinned slot memory.  S1E1R, not S1E0R, also for a guest at EL0: every
 * page EL0 may execute is readable by EL1 as far as stage 1 permissions
 * go (AT ignores PAN), and an EL0 execute-only page would fail S1E0R.
 * The guest's PAR_EL1 was saved already; the host's comes back later.
 * Only AArch64 instructions are decoded.  If the walk fails the guest's
 * tables changed since the fetch: the host re-runs the instruction.
 */
static __always_inline void translate_pc(struct avcpu_hyp_vcpu *hv, u64 trap)
{
	u64 par;

	/* ISV first: the one test on an ordinary MMIO exit. */
	if ((hv->esr & ESR_ELx_ISV) || trap != AVCPU_TRAP_SYNC ||
	    ESR_ELx_EC(hv->esr) != ESR_ELx_EC_DABT_LOW ||
	    (hv->gp.pstate & PSR_MODE32_BIT))
		return;
	asm volatile("at s1e1r, %0" : : "r" (hv->gp.pc));
	isb();
	par = read_sysreg(par_el1);
	if (par & SYS_PAR_EL1_F)
		return;
	hv->insn_ipa = (par & GENMASK_ULL(47, 12)) |
		       (hv->gp.pc & GENMASK_ULL(11, 0));
	hv->fault_flags |= AVCPU_FAULT_INSN_IPA;
}

/*
 * Work out the IPA of a stage-2 abort while the guest's stage 1 is still
 * loaded.  HPFAR_EL2 is UNKNOWN for permission faults (and always on
 * Cortex-A57 erratum 834220) unless the fault was on a stage-1 walk;
 * otherwise translate FAR through the guest's
 * stage 1 with AT S1E1R.  If that walk fails now the guest changed its
 * tables under us; the caller re-runs the instruction.  With the IPA
 * known, an ISV=0 data abort also gets its instruction's (translate_pc()).
 */
static __always_inline void decode_fault_ipa(struct avcpu_hyp_vcpu *hv,
					     u64 trap)
{
	u64 fsc = hv->esr & ESR_ELx_FSC_TYPE;
	u64 par;

	hv->fault_flags = 0;
	if (!esr_is_abort(hv->esr))
		return;
	/* HPFAR_EL2 is only defined for translation, AF and permission. */
	if (fsc != ESR_ELx_FSC_FAULT && fsc != ESR_ELx_FSC_ACCESS &&
	    fsc != ESR_ELx_FSC_PERM)
		return;
	/*
	 * A fault on the guest's own stage-1 walk (S1PTW) always has a
	 * valid HPFAR, and AT would only walk into the same fault.
	 */
	if ((hv->esr & ESR_ELx_S1PTW) ||
	    (fsc != ESR_ELx_FSC_PERM &&
	     !(hv->hyp_flags & AVCPU_HYP_AT_ALWAYS))) {
		hv->fault_ipa = ((hv->hpfar & HPFAR_MASK) << 8) |
				(hv->far & GENMASK_ULL(11, 0));
		hv->fault_flags = AVCPU_FAULT_IPA_VALID;
		translate_pc(hv, trap);
		return;
	}
	/* The guest's PAR_EL1 was saved already; the host's comes back later. */
	asm volatile("at s1e1r, %0" : : "r" (hv->far));
	isb();
	par = read_sysreg(par_el1);
	if (par & SYS_PAR_EL1_F) {
		hv->fault_flags = AVCPU_FAULT_RETRY;
		return;
	}
	hv->fault_ipa = (par & GENMASK_ULL(47, 12)) |
			(hv->far & GENMASK_ULL(11, 0));
	hv->fault_flags = AVCPU_FAULT_IPA_VALID;
	translate_pc(hv, trap);
}

/*
 * Local TLB invalidation of the VMID now in VTTBR_EL2 (TGE must be 0),
 * where another hypervisor (KVM on a VHE host) uses the same VMIDs:
 * see module/vmid.c.
 */
static __always_inline void flush_loaded_vmid_local(struct avcpu_hyp_vcpu *hv)
{
	if (!(hv->hyp_flags & AVCPU_HYP_FLUSH_VMID))
		return;
	asm volatile("tlbi vmalls12e1" : : : "memory");
	dsb(nsh);
}

/*
 * At entry: the same, and once after a stage-2 permission fault, whose
 * entry the fault path relaxed without a broadcast TLBI (module/mmu.c):
 * this CPU's TLB may still hold the entry that faulted.
 */
static __always_inline void flush_stale_vmid_local(struct avcpu_hyp_vcpu *hv)
{
	if (!(hv->hyp_flags & (AVCPU_HYP_FLUSH_VMID | AVCPU_HYP_FLUSH_LOCAL)))
		return;
	hv->hyp_flags &= ~AVCPU_HYP_FLUSH_LOCAL;
	asm volatile("tlbi vmalls12e1" : : : "memory");
	dsb(nsh);
}

/*
 * SMCCC calls whose answer never changes, answered here and the guest
 * resumed at once, without switching back to the host: PSCI_VERSION,
 * SMCCC_VERSION, and ARCH_WORKAROUND_1/3, whose work the exit path has
 * just done (module/spectre.c; when the host needs nothing, returning is
 * all the call does).  Only when no VMM filter range claims them
 * (hv->fast_smccc).  Host interrupts still end the run: they are taken
 * at EL2 from the guest like any other.
 */
static __always_inline bool fast_smccc(struct avcpu_hyp_vcpu *hv, u64 esr)
{
	u64 *x0 = &hv->gp.regs[0];

	if (!hv->fast_smccc || ESR_ELx_EC(esr) != ESR_ELx_EC_HVC64 ||
	    (esr & ESR_ELx_xVC_IMM_MASK))
		return false;
	switch ((u32)*x0) {
	/* The same answers as module/psci.c gives. */
	case PSCI_0_2_FN_PSCI_VERSION:
		*x0 = PSCI_VERSION(1, 0);
		return true;
	case ARM_SMCCC_VERSION_FUNC_ID:
		*x0 = ARM_SMCCC_VERSION_1_1;
		return true;
	case ARM_SMCCC_ARCH_WORKAROUND_1:
	case ARM_SMCCC_ARCH_WORKAROUND_3:
		*x0 = SMCCC_RET_SUCCESS;
		return true;
	}
	return false;
}

/*
 * A guest access to ICC_SRE_EL1, trapped by ICC_SRE_EL2.Enable = 0:
 * RAO/WI, as on a GIC whose system-register interface is always on and
 * has no IRQ/FIQ bypass (SRE, DFB, DIB read as one, writes ignored).
 * Answered here, the guest resumed without a world switch.
 */
static __always_inline bool icc_sre_trap(struct avcpu_hyp_vcpu *hv, u64 esr)
{
	unsigned int rt;

	if (!(hv->hyp_flags & AVCPU_HYP_HAS_GICV3) ||
	    ESR_ELx_EC(esr) != ESR_ELx_EC_SYS64 ||
	    (esr & ESR_ELx_SYS64_ISS_SYS_MASK) !=
	    ESR_ELx_SYS64_ISS_SYS_VAL(3, 0, 5, 12, 12))
		return false;
	if ((esr & ESR_ELx_SYS64_ISS_DIR_MASK) == ESR_ELx_SYS64_ISS_DIR_READ) {
		rt = (esr & ESR_ELx_SYS64_ISS_RT_MASK) >>
		     ESR_ELx_SYS64_ISS_RT_SHIFT;
		if (rt != 31)
			hv->gp.regs[rt] = ICC_SRE_EL1_SRE | ICC_SRE_EL1_DFB |
					  ICC_SRE_EL1_DIB;
	}
	hv->gp.pc += 4;
	return true;
}

/* Exits answered at EL2: true to resume the guest at once. */
static __always_inline bool handled_at_el2(struct avcpu_hyp_vcpu *hv,
					   u64 trap)
{
	u64 esr;

	if (trap != AVCPU_TRAP_SYNC)
		return false;
	esr = read_sysreg(esr_el2);
	return fast_smccc(hv, esr) || icc_sre_trap(hv, esr);
}

/*
 * Pseudo-NMI hosts (CONFIG_ARM64_PSEUDO_NMI with irqchip.gicv3_pseudo_nmi=1)
 * mask interrupts by raising the GIC's priority mask, ICC_PMR_EL1, and
 * leave PSTATE.I clear: the RUN path's local_irq_disable() writes the
 * "IRQs off" priority.  A physical interrupt routed to EL2 while the
 * guest runs (HCR_EL2.IMO) is still filtered by that mask, so a guest
 * that never traps (a `b .` loop) would never leave: no timer tick, no
 * kick, no signal.  With every DAIF bit set (nothing can be taken here)
 * the mask is opened for the guest's run and put back before the host's
 * DAIF comes back.  After opening it, DSB SY makes sure the CPU
 * interface has seen the new priority before the guest starts: some GIC
 * implementations need it (the kernel's pmr_sync()); it costs nothing
 * worth counting on the others.  Closing needs no barrier: a PMR write
 * stops lower-priority interrupts from being signalled from then on.
 */
static __always_inline void open_irq_prio(struct avcpu_hyp_vcpu *hv,
					  struct avcpu_host_state *h)
{
	if (!(hv->hyp_flags & AVCPU_HYP_IRQ_PRIO))
		return;
	h->pmr = read_sysreg_s(SYS_ICC_PMR_EL1);
	/* "IRQs on", noting that PSTATE.I is set (the kernel's encoding). */
	write_sysreg_s(GIC_PRIO_IRQON | GIC_PRIO_PSR_I_SET, SYS_ICC_PMR_EL1);
	dsb(sy);
}

static __always_inline void close_irq_prio(struct avcpu_hyp_vcpu *hv,
					   struct avcpu_host_state *h)
{
	if (hv->hyp_flags & AVCPU_HYP_IRQ_PRIO)
		write_sysreg_s(h->pmr, SYS_ICC_PMR_EL1);
}

/*
 * The ESR an SError deferred into DISR_EL1 by ESB would have had, had it
 * been taken (Arm ARM, DISR_EL1 and "ISS encoding for an SError
 * interrupt"): EC 0x2F, IL set, and the ISS from DISR: IDS, then either
 * AET/EA/DFSC (IDS = 0) or an IMPLEMENTATION DEFINED syndrome (IDS = 1);
 * the bits DISR keeps RES0 are RES0 in the ISS too.  DISR.A (bit 31) is
 * not part of it: reported raw, it read as EC 0x20.
 */
static __always_inline u64 disr_to_esr(u64 disr)
{
	return ((u64)ESR_ELx_EC_SERROR << ESR_ELx_EC_SHIFT) | ESR_ELx_IL |
	       (disr & (AVCPU_DISR_IDS | AVCPU_DISR_SYNDROME));
}

/*
 * The guest's virtual deferred-error register (RAS): with HCR_EL2.AMO set
 * the guest's DISR_EL1 is VDISR_EL2, which its ESB fills when a virtual
 * SError is pending and masked.  It is the vCPU's, not the CPU's:
 * switched like an EL1 register, the host's value kept.
 */
static __always_inline void load_guest_vdisr(struct avcpu_hyp_vcpu *hv,
					     struct avcpu_host_state *h)
{
	if (!(hv->hyp_flags & AVCPU_HYP_HAS_RAS))
		return;
	h->vdisr = read_sysreg_s(SYS_VDISR_EL2);
	write_sysreg_s(hv->sys[AVCPU_DISR_EL1], SYS_VDISR_EL2);
}

static __always_inline void save_guest_vdisr(struct avcpu_hyp_vcpu *hv,
					     struct avcpu_host_state *h)
{
	if (!(hv->hyp_flags & AVCPU_HYP_HAS_RAS))
		return;
	hv->sys[AVCPU_DISR_EL1] = read_sysreg_s(SYS_VDISR_EL2);
	write_sysreg_s(h->vdisr, SYS_VDISR_EL2);
}

/*
 * An SError the guest caused is consumed at exit, never by the host: with
 * RAS the exit vector's ESB deferred it into DISR_EL1; without, it may
 * still be on its way, so the guest's accesses complete first and a
 * pending one is taken in __avcpu_serror_window.  hv->serror is the ESR.
 */
static __always_inline void consume_guest_serror(struct avcpu_hyp_vcpu *hv)
{
	u64 disr;

	hv->serror = 0;
	if (hv->hyp_flags & AVCPU_HYP_HAS_RAS) {
		disr = read_sysreg_s(AVCPU_SYS_DISR_EL1);
		if (disr & AVCPU_DISR_A) {
			write_sysreg_s(0, AVCPU_SYS_DISR_EL1);
			hv->serror = disr_to_esr(disr);
		}
		return;
	}
	dsb(sy);
	isb();
	if (read_sysreg(isr_el1) & AVCPU_ISR_EL1_A)
		hv->serror = __avcpu_serror_window();
}

static __always_inline u32 __avcpu_vcpu_run(struct avcpu_hyp_vcpu *hv)
{
	struct avcpu_host_state host;
	u64 trap;

	host.daif = read_sysreg(daif);
	mask_all_exceptions();
	/*
	 * An SError already pending for the host is the host's: entering the
	 * guest now would have it taken from the guest (HCR_EL2.AMO) or
	 * deferred by the exit's ESB, and blamed on the guest.  Give the
	 * host its DAIF back, which takes it, and let the caller retry.
	 */
	if (read_sysreg(isr_el1) & AVCPU_ISR_EL1_A) {
		write_sysreg(host.daif, daif);
		return AVCPU_TRAP_NONE;
	}
	save_host_state(hv, &host);
	/* Speculative AT (nVHE): the host's walks stop before the switch. */
	if (spec_at(hv))
		block_s1_walks();

	/*
	 * Errata 1165522/1530923 (VHE): the guest's stage-1 EL1 registers
	 * and its stage 2 must be in place before TGE is cleared.  On VHE
	 * the host loaded the former before this call (avcpu_hyp_vcpu_load()).
	 */
	if (!AVCPU_HYP_VHE)
		el1_load_lazy(hv->sys, !spec_at(hv));
	el1_load_entry(hv, hv->sys, hv->cntv_ctl_force);
	write_sysreg(hv->vtcr, vtcr_el2);
	write_sysreg(hv->vttbr, vttbr_el2);
	if ((hv->hcr & HCR_VSE) && (hv->hyp_flags & AVCPU_HYP_HAS_RAS))
		write_sysreg_s(hv->vsesr, SYS_VSESR_EL2);
	load_guest_vdisr(hv, &host);
	activate_guest_traps(hv, &host);
	vgic_restore(hv, &host.vgic);
	isb();
	write_sysreg(hv->hcr, hcr_el2);
	/* Speculative AT (nVHE): stage 2 is on; the guest's SCTLR, TCR. */
	if (spec_at(hv))
		restore_s1_ctl(hv->sys);
	isb();

	/*
	 * Another hypervisor on this CPU (KVM on a VHE host) may use the same
	 * VMID: start from a clean slate and leave one behind.
	 */
	flush_stale_vmid_local(hv);
	open_irq_prio(hv, &host);
	isb();

	do {
		trap = __avcpu_guest_enter(&hv->gp);
	} while (handled_at_el2(hv, trap));
	close_irq_prio(hv, &host);
	vgic_save(hv, &host.vgic);

	hv->esr = read_sysreg(esr_el2);
	hv->far = read_sysreg(far_el2);
	hv->hpfar = read_sysreg(hpfar_el2);
	hv->trap = trap;
	consume_guest_serror(hv);
	save_guest_vdisr(hv, &host);

	/*
	 * A virtual SError taken by the guest, or deferred into VDISR_EL2 by
	 * its ESB, clears HCR_EL2.VSE.
	 */
	if (hv->hcr & HCR_VSE)
		hv->hcr = read_sysreg(hcr_el2);

	save_guest_el1(hv);
	decode_fault_ipa(hv, trap);
	/*
	 * Speculative AT (nVHE): the guest's walks stop, with its stage-1
	 * MMU forced on, before stage 2 and HCR_EL2 go back to the host's.
	 */
	if (spec_at(hv))
		block_s1_walks();
	flush_loaded_vmid_local(hv);

	restore_host_state(hv, &host);
	return trap;
}

#endif /* __AVCPU_HYP_SWITCH_H__ */
