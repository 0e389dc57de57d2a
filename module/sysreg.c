// SPDX-License-Identifier: GPL-2.0
/*
 * Trapped system-register accesses (EC 0x18) and the vCPU's register
 * policy:
 *  - ID registers (HCR_EL2.TID3) read the host's sanitised values with
 *    every feature the vCPU does not virtualise hidden: EL2, SVE, SME,
 *    MTE, RAS, MPAM, AMU, GICv3 system registers, the PMU, SPE, trace,
 *    pointer authentication, LORegions, ECV, FGT, WFxT.  AArch32 and
 *    unallocated ID encodings read as zero.
 *  - Debug registers (MDCR_EL2.TDA/TDOSA/TDRA) are RAZ/WI: breakpoints
 *    and watchpoints read as disabled and stay so; MDSCR_EL1 keeps what
 *    the guest writes except MDE and KDE (the CPU's breakpoint registers
 *    hold the host's values); OSLSR_EL1 reads "OS lock implemented,
 *    unlocked"; OS double lock is reported absent.
 *  - PMU, AMU, trace, LORegion, MTE, pointer-authentication and
 *    implementation-defined registers (TIDCP) give the guest an UNDEF,
 *    as on a CPU without them.  ACTLR_EL1 (TACR) is RAZ/WI.
 *  - Set/way cache maintenance (TSW) cannot be done for the guest, as
 *    it would act on the host's caches: see set_way_op().  The writes to
 *    the VM registers HCR_EL2.TVM traps from then on are emulated here.
 *  - The EL1 physical timer (CNTHCTL_EL2 traps it) is emulated in
 *    timer.c.
 *  - With the in-kernel GIC (AVCPU_CREATE_IRQCHIP), ID_AA64PFR0_EL1.GIC
 *    reads 1 and the SGI registers the guest writes are sent by
 *    vgic-cpu.c; the rest of its ICC_* registers are the CPU's virtual
 *    interface (hyp/vgic-sr.h).  Without it they stay as they are: the
 *    GIC field reads 0 and SGI writes go to the VMM.
 *  - Anything else exits to the VMM as AVCPU_EXIT_SYSREG with the
 *    register, direction and value.
 */
#include <asm/cpufeature.h>
#include <asm/esr.h>
#include <asm/sysreg.h>
#include "avcpu.h"
#include "trace.h"

#define SR(op0, op1, crn, crm, op2) \
	(((op0) << 16) | ((op1) << 12) | ((crn) << 8) | ((crm) << 4) | (op2))

#define MDSCR_KDE		BIT(13)
#define MDSCR_MDE		BIT(15)
#define OSLSR_OSLM_IMPL		BIT(3)

struct sysreg_access {
	u32 op0, op1, crn, crm, op2;
	u32 rt;
	bool read;
};

static u64 field(u64 v, unsigned int shift, u64 val)
{
	return (v & ~(0xfULL << shift)) | (val << shift);
}

static u64 clear_fields(u64 v, const u8 *shifts, unsigned int n)
{
	while (n--)
		v = field(v, shifts[n], 0);
	return v;
}

#define CLEAR(v, ...) ({						\
	static const u8 __s[] = { __VA_ARGS__ };			\
	clear_fields(v, __s, ARRAY_SIZE(__s));				\
})

/* The value a guest reads from ID register op0=3, op1=0, CRn=0, CRm, op2. */
static u64 id_reg(struct avcpu_vcpu *vcpu, u32 crm, u32 op2)
{
	u64 v;

	switch (SR(3, 0, 0, crm, op2)) {
	case SR(3, 0, 0, 4, 0):		/* ID_AA64PFR0_EL1 */
		v = read_sanitised_ftr_reg(SYS_ID_AA64PFR0_EL1);
		/* EL0 and EL1 AArch64 only; EL2, GIC, RAS, SVE, SEL2, MPAM,
		 * AMU, RME hidden.
		 */
		v = field(v, 0, 1);
		v = field(v, 4, 1);
		v = CLEAR(v, 8, 24, 28, 32, 36, 40, 44, 52);
		/* The in-kernel GIC: a GICv3 CPU interface (ICC_*). */
		if (avcpu_vgic_on(&vcpu->vm->vgic))
			v = field(v, 24, 1);
		return v;
	case SR(3, 0, 0, 4, 1):		/* ID_AA64PFR1_EL1 */
		v = read_sanitised_ftr_reg(SYS_ID_AA64PFR1_EL1);
		/* MTE, RAS_frac, MPAM_frac, SME, NMI hidden */
		return CLEAR(v, 8, 12, 16, 24, 36);
	case SR(3, 0, 0, 5, 0):		/* ID_AA64DFR0_EL1 */
		v = read_sanitised_ftr_reg(SYS_ID_AA64DFR0_EL1);
		/* Debug v8 at most; no trace, PMU, SPE, TRBE, BRBE, MTPMU */
		if (((v & 0xf) > 6))
			v = field(v, 0, 6);
		v = CLEAR(v, 4, 8, 32, 40, 44, 48, 52, 56, 60);
		return field(v, 36, 0xf);	/* no OS double lock */
	case SR(3, 0, 0, 6, 0):		/* ID_AA64ISAR0_EL1 */
		return read_sanitised_ftr_reg(SYS_ID_AA64ISAR0_EL1);
	case SR(3, 0, 0, 6, 1):		/* ID_AA64ISAR1_EL1 */
		v = read_sanitised_ftr_reg(SYS_ID_AA64ISAR1_EL1);
		/* pointer authentication: APA, API, GPA, GPI */
		return CLEAR(v, 4, 8, 24, 28);
	case SR(3, 0, 0, 6, 2):		/* ID_AA64ISAR2_EL1 */
		v = read_sanitised_ftr_reg(SYS_ID_AA64ISAR2_EL1);
		/* WFxT, GPA3, APA3 */
		return CLEAR(v, 0, 8, 12);
	case SR(3, 0, 0, 7, 0):		/* ID_AA64MMFR0_EL1 */
		v = read_sanitised_ftr_reg(SYS_ID_AA64MMFR0_EL1);
		/* FGT, ECV */
		return CLEAR(v, 56, 60);
	case SR(3, 0, 0, 7, 1):		/* ID_AA64MMFR1_EL1 */
		v = read_sanitised_ftr_reg(SYS_ID_AA64MMFR1_EL1);
		/* VMIDBits, VH, LO, TWED, HCX, TIDCP1 */
		return CLEAR(v, 4, 8, 16, 32, 40, 52);
	case SR(3, 0, 0, 7, 2):		/* ID_AA64MMFR2_EL1 */
		v = read_sanitised_ftr_reg(SYS_ID_AA64MMFR2_EL1);
		/* NV, FWB, EVT */
		return CLEAR(v, 24, 40, 56);
	}
	/* ZFR0, SMFR0, DFR1, AFR0/1, AArch32 and unallocated: zero */
	return 0;
}

static u64 *debug_reg(struct avcpu_vcpu *vcpu, const struct sysreg_access *a,
		      u64 *scratch)
{
	*scratch = 0;
	switch (SR(a->op0, a->op1, a->crn, a->crm, a->op2)) {
	case SR(2, 0, 0, 2, 2):		/* MDSCR_EL1 */
		return &vcpu->hyp->sys[AVCPU_MDSCR_EL1];
	case SR(2, 0, 1, 1, 4):		/* OSLSR_EL1 */
		*scratch = OSLSR_OSLM_IMPL;
		break;
	}
	return scratch;
}

/* Instructions and registers that are UNDEFINED on the CPU we present. */
static bool hidden(const struct sysreg_access *a)
{
	u32 op0 = a->op0, op1 = a->op1, crn = a->crn, crm = a->crm;

	if (op0 == 2 && op1 == 1)			/* trace */
		return true;
	if (op0 != 3)
		return false;
	if (crn == 11 || crn == 15)			/* IMPLEMENTATION DEFINED */
		return true;
	if (op1 == 3 && crn == 9)			/* PMU */
		return true;
	if (op1 == 3 && crn == 14 && crm >= 8)		/* PMEVCNTR/TYPER */
		return true;
	if (op1 == 0 && crn == 9 && crm >= 9)		/* PMINTEN, PMMIR, SPE */
		return true;
	if (op1 == 3 && crn == 13 && crm >= 2)		/* AMU */
		return true;
	if (op1 == 0 && crn == 10 && crm == 4)		/* LORegions, MPAM */
		return true;
	if (op1 == 0 && crn == 2 && crm >= 1 && crm <= 3) /* pointer auth keys */
		return true;
	if (op1 == 0 && crn == 1 && crm == 0 && (a->op2 == 5 || a->op2 == 6))
		return true;				/* MTE RGSR, GCR */
	if (op1 == 0 && crn == 5 && crm == 6)		/* MTE TFSR, TFSRE0 */
		return true;
	if (op1 == 0 && crn == 5 && crm == 3)		/* RAS ERR* */
		return true;
	if (op1 == 0 && crn == 5 && crm >= 4 && crm <= 5) /* RAS ERX* */
		return true;
	return false;
}

static bool set_way_op(const struct sysreg_access *a)
{
	return a->op0 == 1 && a->op1 == 0 && a->crn == 7 && a->op2 == 2 &&
	       (a->crm == 6 || a->crm == 10 || a->crm == 14);
}

static void flush_guest_memory(struct avcpu_vm *vm)
{
	mutex_lock(&vm->lock);
	avcpu_s2_flush(vm);
	mutex_unlock(&vm->lock);
}

/*
 * Caches for a guest running with its MMU or data cache off (firmware,
 * boot code, a kernel before it enables its MMU).  Its accesses are then
 * non-cacheable and reach memory past anything the host's cacheable view
 * of the same pages keeps in the caches.  With FEAT_S2FWB stage 2 forces
 * them write-back cacheable, coherent with the host: nothing to do.
 * Without it, the guest's own maintenance cannot be trusted: set/way
 * operations act on the local CPU's caches only and on the host's lines
 * as much as the guest's, and are trapped (HCR_EL2.TSW).  Following the
 * rule KVM follows, the first set/way operation cleans and invalidates
 * the guest's memory to PoC and starts trapping writes to the VM
 * registers (HCR_EL2.TVM), which a guest turning its caches off or on
 * has to make (SCTLR_EL1); each toggle cleans again, and once the MMU
 * and the data cache are both on the trap is dropped until the next
 * set/way operation.  One flush serves a whole set/way loop (thousands
 * of operations, each trapped), and none is skipped for being recent:
 * the toggles, not a timer, bound the cost.
 */
static void set_way_trapped(struct avcpu_vcpu *vcpu)
{
	if (avcpu_host.fwb || vcpu->trap_vm)
		return;
	flush_guest_memory(vcpu->vm);
	atomic_inc(&avcpu_stats.sw_flushes);
	vcpu->trap_vm = true;
}

static bool caches_on(u64 sctlr)
{
	return (sctlr & (SCTLR_ELx_M | SCTLR_ELx_C)) ==
	       (SCTLR_ELx_M | SCTLR_ELx_C);
}

/* The registers HCR_EL2.TVM traps writes to (AArch64 EL1). */
static const struct {
	u32 enc;
	enum avcpu_sysreg idx;
} vm_regs[] = {
	{ SR(3, 0, 1, 0, 0), AVCPU_SCTLR_EL1 },
	{ SR(3, 0, 2, 0, 0), AVCPU_TTBR0_EL1 },
	{ SR(3, 0, 2, 0, 1), AVCPU_TTBR1_EL1 },
	{ SR(3, 0, 2, 0, 2), AVCPU_TCR_EL1 },
	{ SR(3, 0, 5, 1, 0), AVCPU_AFSR0_EL1 },
	{ SR(3, 0, 5, 1, 1), AVCPU_AFSR1_EL1 },
	{ SR(3, 0, 5, 2, 0), AVCPU_ESR_EL1 },
	{ SR(3, 0, 6, 0, 0), AVCPU_FAR_EL1 },
	{ SR(3, 0, 10, 2, 0), AVCPU_MAIR_EL1 },
	{ SR(3, 0, 10, 3, 0), AVCPU_AMAIR_EL1 },
	{ SR(3, 0, 13, 0, 1), AVCPU_CONTEXTIDR_EL1 },
};

/*
 * A trapped access to a VM register: the guest's copy in the saved
 * context is the register (the world switch loads it at the next entry).
 * False if @a is no VM register.
 */
static bool vm_reg_access(struct avcpu_vcpu *vcpu,
			  const struct sysreg_access *a)
{
	u32 enc = SR(a->op0, a->op1, a->crn, a->crm, a->op2);
	u64 *sys = vcpu->hyp->sys, old;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vm_regs); i++)
		if (vm_regs[i].enc == enc)
			break;
	if (i == ARRAY_SIZE(vm_regs))
		return false;
	/* The registers may be in the CPU (run.c). */
	avcpu_vcpu_el1_sync(vcpu);
	if (a->read) {
		avcpu_set_gpr(vcpu, a->rt, sys[vm_regs[i].idx]);
		avcpu_skip_instr(vcpu);
		return true;
	}
	old = sys[vm_regs[i].idx];
	sys[vm_regs[i].idx] = avcpu_get_gpr(vcpu, a->rt);
	atomic_inc(&avcpu_stats.vm_reg_traps);
	if (vm_regs[i].idx == AVCPU_SCTLR_EL1) {
		bool now = caches_on(sys[AVCPU_SCTLR_EL1]);

		/*
		 * Turning caches off: what the guest wrote cacheable must be
		 * in memory before it reads non-cacheable.  Turning them
		 * on: no line may hide what it wrote to memory meanwhile.
		 * Clean and invalidate covers both.
		 */
		if (now != caches_on(old)) {
			flush_guest_memory(vcpu->vm);
			atomic_inc(&avcpu_stats.cache_toggles);
		}
		if (now)
			vcpu->trap_vm = false;
	}
	avcpu_skip_instr(vcpu);
	return true;
}

/* The physical timer's registers (timer.c). */
static const struct {
	u32 enc;
	enum avcpu_timer_reg reg;
} timer_regs[] = {
	{ SR(3, 3, 14, 2, 0), AVCPU_TIMER_TVAL },	/* CNTP_TVAL_EL0 */
	{ SR(3, 3, 14, 2, 1), AVCPU_TIMER_CTL },	/* CNTP_CTL_EL0 */
	{ SR(3, 3, 14, 2, 2), AVCPU_TIMER_CVAL },	/* CNTP_CVAL_EL0 */
};

/* A trapped physical-timer access; false if @a is no such register. */
static bool timer_access(struct avcpu_vcpu *vcpu,
			 const struct sysreg_access *a)
{
	u32 enc = SR(a->op0, a->op1, a->crn, a->crm, a->op2);
	enum avcpu_timer_reg reg;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(timer_regs); i++)
		if (timer_regs[i].enc == enc)
			break;
	if (i == ARRAY_SIZE(timer_regs))
		return false;
	reg = timer_regs[i].reg;
	if (a->read)
		avcpu_set_gpr(vcpu, a->rt, avcpu_ptimer_read(vcpu, reg));
	else
		avcpu_ptimer_write(vcpu, reg, avcpu_get_gpr(vcpu, a->rt));
	avcpu_skip_instr(vcpu);
	return true;
}

/* The in-kernel GIC's CPU interface registers that trap to the host. */
#define SR_ICC_DIR_EL1		SR(3, 0, 12, 11, 1)
#define SR_ICC_SGI1R_EL1	SR(3, 0, 12, 11, 5)
#define SR_ICC_ASGI1R_EL1	SR(3, 0, 12, 11, 6)
#define SR_ICC_SGI0R_EL1	SR(3, 0, 12, 11, 7)

/*
 * The in-kernel GIC's write-only CPU interface registers, a read of which
 * is UNDEFINED.  SGI generation (HCR_EL2.IMO traps it): ICC_SGI1R_EL1
 * makes Group 1 SGIs pending, ICC_SGI0R_EL1 Group 0 ones, and
 * ICC_ASGI1R_EL1, for the other Security state, Group 0 ones (the GIC
 * has one Security state).  ICC_DIR_EL1, trapped by ICH_HCR_EL2.TDIR
 * while interrupts wait outside the list registers (vgic-cpu.c):
 * the interrupt it names (INTID, bits [23:0]) is deactivated.  False if
 * @a is none of them or there is no such GIC.
 */
static bool gic_access(struct avcpu_vcpu *vcpu, const struct sysreg_access *a)
{
	u32 enc = SR(a->op0, a->op1, a->crn, a->crm, a->op2);
	u64 val;

	if (enc != SR_ICC_SGI1R_EL1 && enc != SR_ICC_ASGI1R_EL1 &&
	    enc != SR_ICC_SGI0R_EL1 && enc != SR_ICC_DIR_EL1)
		return false;
	if (!avcpu_vgic_on(&vcpu->vm->vgic))
		return false;
	if (a->read) {
		avcpu_inject_undef(vcpu);
		return true;
	}
	val = avcpu_get_gpr(vcpu, a->rt);
	if (enc == SR_ICC_DIR_EL1)
		avcpu_vgic_deactivate(vcpu, val & GENMASK(23, 0));
	else
		avcpu_vgic_send_sgi(vcpu, val, enc == SR_ICC_SGI1R_EL1);
	avcpu_skip_instr(vcpu);
	return true;
}

static int sysreg_exit(struct avcpu_vcpu *vcpu, const struct sysreg_access *a)
{
	struct avcpu_run *run = vcpu->run;

	run->exit_reason = AVCPU_EXIT_SYSREG;
	vcpu->stat.sysreg_exits++;
	memset(&run->sysreg, 0, sizeof(run->sysreg));
	run->sysreg.id = AVCPU_REG_SYS(a->op0, a->op1, a->crn, a->crm, a->op2);
	run->sysreg.is_write = !a->read;
	run->sysreg.rt = a->rt;
	if (!a->read)
		run->sysreg.value = avcpu_get_gpr(vcpu, a->rt);
	else
		vcpu->pending = AVCPU_PENDING_SYSREG;
	vcpu->sysreg_rt = a->rt;
	avcpu_skip_for_vmm(vcpu);
	return 0;
}

void avcpu_sysreg_complete(struct avcpu_vcpu *vcpu)
{
	avcpu_set_gpr(vcpu, vcpu->sysreg_rt, vcpu->run->sysreg.value);
}

static int handle_sysreg(struct avcpu_vcpu *vcpu,
			 const struct sysreg_access *a)
{
	u64 scratch, *r;

	/* The hot one first: IPIs between vCPUs of the in-kernel GIC. */
	if (gic_access(vcpu, a))
		return 1;
	if (set_way_op(a)) {
		set_way_trapped(vcpu);
		avcpu_skip_instr(vcpu);
		return 1;
	}
	if (vm_reg_access(vcpu, a))
		return 1;
	if (timer_access(vcpu, a))
		return 1;

	if (a->op0 == 3 && a->op1 == 0 && a->crn == 0 && a->crm) {
		if (!a->read) {
			avcpu_inject_undef(vcpu);
			return 1;
		}
		avcpu_set_gpr(vcpu, a->rt, id_reg(vcpu, a->crm, a->op2));
		avcpu_skip_instr(vcpu);
		return 1;
	}
	if (hidden(a)) {
		avcpu_inject_undef(vcpu);
		return 1;
	}
	if (a->op0 == 2) {
		r = debug_reg(vcpu, a, &scratch);
		if (a->read)
			avcpu_set_gpr(vcpu, a->rt, *r);
		else
			*r = avcpu_get_gpr(vcpu, a->rt) & ~(MDSCR_MDE | MDSCR_KDE);
		avcpu_skip_instr(vcpu);
		return 1;
	}
	if (SR(a->op0, a->op1, a->crn, a->crm, a->op2) == SR(3, 0, 1, 0, 1)) {
		/* ACTLR_EL1 */
		if (a->read)
			avcpu_set_gpr(vcpu, a->rt, 0);
		avcpu_skip_instr(vcpu);
		return 1;
	}
	return sysreg_exit(vcpu, a);
}

int avcpu_handle_sysreg(struct avcpu_vcpu *vcpu)
{
	u64 iss = vcpu->hyp->esr & ESR_ELx_ISS_MASK;
	struct sysreg_access a = {
		.op0 = (iss >> 20) & 3, .op2 = (iss >> 17) & 7,
		.op1 = (iss >> 14) & 7, .crn = (iss >> 10) & 0xf,
		.rt = (iss >> 5) & 0x1f, .crm = (iss >> 1) & 0xf,
		.read = iss & 1,
	};
	int ret = handle_sysreg(vcpu, &a);

	/* 0: an AVCPU_EXIT_SYSREG for the VMM (sysreg_exit()). */
	trace_avcpu_sysreg(vcpu, a.op0, a.op1, a.crn, a.crm, a.op2, a.read,
			   ret == 0);
	return ret;
}
