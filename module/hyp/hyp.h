/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between the host side of avcpu and its EL2 code: the vCPU
 * context the world switch reads and writes, the offsets the assembly
 * uses, and the exit codes the vectors return.
 *
 * Layout rules: struct avcpu_gp_regs sits at offset 0 of struct
 * avcpu_hyp_vcpu and its offsets are fixed by the AVCPU_CTXT_* constants
 * below; BUILD_BUG_ON()s in vcpu.c pin them at build time.
 */
#ifndef __AVCPU_HYP_H__
#define __AVCPU_HYP_H__

/* Offsets into struct avcpu_gp_regs, for entry.S. */
#define AVCPU_CTXT_X(n)		((n) * 8)
#define AVCPU_CTXT_SP_EL0	248
#define AVCPU_CTXT_PC		256
#define AVCPU_CTXT_PSTATE	264
/* Exit-path hardening words, right after the GPRs (struct avcpu_hyp_vcpu). */
#define AVCPU_CTXT_BHB_LOOP	272
#define AVCPU_CTXT_BHB_CLEAR	276
#define AVCPU_CTXT_BP_WA	280

/*
 * Host frame that __avcpu_guest_enter pushes on the EL2 stack and the
 * exit path pops: the guest context pointer, the host's SP_EL0 (on a VHE
 * host it is `current`) and the callee-saved x18-x30.
 */
#define AVCPU_FRAME_CTXT	0
#define AVCPU_FRAME_SP_EL0	8
#define AVCPU_FRAME_X18		16
#define AVCPU_FRAME_SIZE	128

/* What the EL2 vectors return to the world switch. */
#define AVCPU_TRAP_NONE		0	/* the guest did not run */
#define AVCPU_TRAP_SYNC		1
#define AVCPU_TRAP_IRQ		2
#define AVCPU_TRAP_FIQ		3
#define AVCPU_TRAP_SERROR	4

#ifndef __ASSEMBLY__

#include <linux/bits.h>
#include <linux/types.h>

struct avcpu_gp_regs {
	u64 regs[31];
	u64 sp_el0;
	u64 pc;
	u64 pstate;
};

/* Guest EL1/EL0 system registers the world switch moves. */
enum avcpu_sysreg {
	AVCPU_SCTLR_EL1,
	AVCPU_ACTLR_EL1,
	AVCPU_CPACR_EL1,
	AVCPU_TTBR0_EL1,
	AVCPU_TTBR1_EL1,
	AVCPU_TCR_EL1,
	AVCPU_ESR_EL1,
	AVCPU_FAR_EL1,
	AVCPU_PAR_EL1,
	AVCPU_AFSR0_EL1,
	AVCPU_AFSR1_EL1,
	AVCPU_MAIR_EL1,
	AVCPU_AMAIR_EL1,
	AVCPU_VBAR_EL1,
	AVCPU_CONTEXTIDR_EL1,
	AVCPU_TPIDR_EL0,
	AVCPU_TPIDRRO_EL0,
	AVCPU_TPIDR_EL1,
	AVCPU_SP_EL1,
	AVCPU_ELR_EL1,
	AVCPU_SPSR_EL1,
	AVCPU_CSSELR_EL1,
	AVCPU_CNTKCTL_EL1,
	AVCPU_CNTV_CTL_EL0,
	AVCPU_CNTV_CVAL_EL0,
	AVCPU_MDSCR_EL1,
	AVCPU_DISR_EL1,		/* the guest's, in VDISR_EL2 (RAS) */
	AVCPU_TPIDR2_EL0,	/* FEAT_SME hosts */
	/*
	 * The EL1 physical timer: emulated by the host (module/timer.c),
	 * never loaded into the CPU; kept here with the others for
	 * ONE_REG and reset.
	 */
	AVCPU_CNTP_CTL_EL0,
	AVCPU_CNTP_CVAL_EL0,
	AVCPU_NR_SYSREGS
};

/* CNTV_CTL_EL0, the guest's virtual timer control */
#define CNTV_CTL_ENABLE		BIT(0)
#define CNTV_CTL_IMASK		BIT(1)
#define CNTV_CTL_ISTATUS	BIT(2)

/* avcpu_hyp_vcpu.fault_flags */
#define AVCPU_FAULT_IPA_VALID	BIT(0)		/* fault_ipa is meaningful */
#define AVCPU_FAULT_RETRY	BIT(1)		/* stage-1 walk changed: re-run */
#define AVCPU_FAULT_INSN_IPA	BIT(2)		/* insn_ipa is meaningful */

/* avcpu_hyp_config.flags: CPU features the EL2 code acts on */
#define AVCPU_HYP_HAS_RAS	BIT(0)
#define AVCPU_HYP_HAS_PAN	BIT(1)
#define AVCPU_HYP_AT_ALWAYS	BIT(2)	/* erratum 834220: HPFAR unreliable */
#define AVCPU_HYP_FP_LOADED	BIT(3)	/* guest FP/SIMD in the CPU: no trap */
#define AVCPU_HYP_SPEC_AT	BIT(4)	/* speculative-AT errata: EPD dance */
#define AVCPU_HYP_HAS_SPE	BIT(5)	/* host SPE usable at EL1 (nVHE) */
#define AVCPU_HYP_HAS_TRBE	BIT(6)	/* host trace buffer (nVHE) */
#define AVCPU_HYP_FLUSH_VMID	BIT(7)	/* KVM shares the VMID space (VHE) */
#define AVCPU_HYP_IRQ_PRIO	BIT(8)	/* host masks IRQs with ICC_PMR_EL1 */
#define AVCPU_HYP_HAS_GICV3	BIT(9)	/* GIC system registers (ICC_SRE_EL2) */
#define AVCPU_HYP_HAS_SME	BIT(10)	/* TPIDR2_EL0 exists */
#define AVCPU_HYP_FLUSH_LOCAL	BIT(11)	/* once: this CPU's TLB may hold a
					 * stage-2 entry with fewer
					 * permissions than the tables
					 */
#define AVCPU_HYP_VGIC		BIT(12)	/* this entry: the in-kernel GIC's
					 * list registers (hyp/vgic-sr.h)
					 */

#define AVCPU_HYP_MAX_LRS	16
#define AVCPU_HYP_MAX_APRS	4

/*
 * The GICv3 virtual CPU interface of a vCPU with the in-kernel GIC
 * (AVCPU_HYP_VGIC): what EL2 loads into the ICH_* registers before an
 * entry and saves after the exit.  The host fills lr[0..used_lrs) and
 * hcr (ICH_HCR_EL2; En is set at EL2); vmcr and the active-priority
 * registers are the guest's and live here between runs; hcr comes back
 * with the exit's EOIcount.  nr_lr and nr_apr are the host's, set when
 * the vCPU's GIC state is first made (vgic-cpu.c, avcpu_vgic_hyp_init()).
 */
struct avcpu_hyp_vgic {
	u64 lr[AVCPU_HYP_MAX_LRS];
	u32 ap0r[AVCPU_HYP_MAX_APRS];
	u32 ap1r[AVCPU_HYP_MAX_APRS];
	u32 vmcr;
	u32 hcr;
	u32 used_lrs;
	u32 nr_lr;		/* ICH_VTR_EL2.ListRegs + 1 */
	u32 nr_apr;		/* ICH_AP<n>R<m> registers PREbits needs */
};

/*
 * Per-vCPU state the EL2 code touches.  The host fills the configuration
 * part before a run and reads the exit part after it.
 */
struct avcpu_hyp_vcpu {
	struct avcpu_gp_regs gp;		/* must stay first */
	/* read by __avcpu_guest_exit: see module/spectre.c */
	u32 bhb_loop;		/* branch-loop iterations, or 0 */
	u32 bhb_clear;		/* 1: CLRBHB */
	u32 bp_wa_func;		/* SMCCC workaround to call at exit, or 0 */
	u32 pad;
	u64 sys[AVCPU_NR_SYSREGS];

	/* in: the guest's trap and stage-2 configuration */
	u64 hcr;
	u64 vttbr;
	u64 vtcr;
	u64 vmpidr;
	u64 vpidr;		/* MIDR_EL1 the guest reads */
	u64 cntvoff;
	u64 cntv_ctl_force;	/* bits forced into CNTV_CTL while running */
	u64 mdcr_guest;		/* MDCR_EL2 trap bits */
	u32 hyp_flags;		/* AVCPU_HYP_* */
	u32 fast_smccc;		/* answer the static SMCCC calls at EL2 */
	u64 vsesr;		/* syndrome of an injected SError (RAS) */

	/* out: why the guest stopped */
	u64 esr;
	u64 far;
	u64 hpfar;
	u64 fault_ipa;
	u64 insn_ipa;		/* IPA of the PC, for an ISV=0 data abort */
	u64 serror;		/* ESR of an SError the guest caused, or 0 */
	u32 fault_flags;
	u32 trap;

	struct avcpu_hyp_vgic vgic;	/* with AVCPU_HYP_VGIC */

	/*
	 * VHE: the host's values of the registers the vCPU load replaces
	 * until its put (vhe.c), on the CPU it was loaded on.
	 */
	struct {
		u64 tpidr_el0;
		u64 tpidrro_el0;
		u64 tpidr2_el0;
		u64 vmpidr;
		u64 vpidr;
		u64 cntvoff;
	} vhe_host;
};

/*
 * Host-wide settings, written once at module load and copied into each
 * vCPU's EL2 context: EL2 code reads no module globals, so the same
 * object runs from the module on VHE and from a copy at EL2 on nVHE.
 */
struct avcpu_hyp_config {
	u32 flags;
	u64 mdcr_guest_bits;	/* MDCR_EL2 trap bits for guests */
};

extern struct avcpu_hyp_config avcpu_hyp_cfg;

/* Entry points (module/hyp/entry.S, module/hyp/vectors.S). */
u64 __avcpu_guest_enter(struct avcpu_gp_regs *gp);
extern char __avcpu_hyp_vectors[];
u64 __avcpu_serror_window(void);

/* VHE entry points (module/hyp/vhe.c). */
/* Run a vCPU until its next exit; interrupts must be masked. */
u32 avcpu_hyp_vcpu_run(struct avcpu_hyp_vcpu *hv);
void avcpu_vhe_vgic_clear_lrs(u32 nr);
/*
 * Load the guest's EL1&0 regime registers into this CPU, or save them
 * from it: the part of the context that avcpu_hyp_vcpu_run() leaves in
 * place (module/hyp/switch.h); preemption must be disabled.  With @el1
 * false the CPU still holds the vCPU's EL1 registers from its last put
 * (module/run.c) and only TPIDR_EL1 and the rest of that part go in.
 */
void avcpu_hyp_vcpu_load(struct avcpu_hyp_vcpu *hv, bool el1);
void avcpu_hyp_vcpu_put(struct avcpu_hyp_vcpu *hv);
/*
 * Invalidate every stage-1&2 TLB entry of vttbr's VMID, all CPUs; vtcr is
 * the VM's VTCR_EL2 (its VS bit decides how wide the VMID is).
 */
void avcpu_hyp_flush_vmid(u64 vttbr, u64 vtcr);

#endif /* !__ASSEMBLY__ */
#endif /* __AVCPU_HYP_H__ */
