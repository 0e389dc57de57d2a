// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions the host makes the guest take: UNDEF for instructions the
 * vCPU does not implement, external aborts for accesses the VMM refuses,
 * and virtual SErrors.
 *
 * Rules followed (Arm ARM D1.10, "Exception entry"): the exception goes
 * to EL1 at VBAR_EL1 + 0x000 (current EL with SP_EL0), 0x200 (current EL
 * with SP_ELx) or 0x400 (lower EL, AArch64), ELR_EL1 = the preferred
 * return address (the faulting instruction), SPSR_EL1 = PSTATE before,
 * PSTATE = EL1h with D, A, I, F masked, PAN set when SCTLR_EL1.SPAN is 0,
 * SSBS from SCTLR_EL1.DSSBS, DIT kept, BTYPE and UAO cleared; 0x600 for
 * an exception from AArch32 EL0.
 */
#include <linux/uaccess.h>
#include <asm/esr.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <asm/kvm_arm.h>
#include "avcpu.h"

#define FSC_SYNC_EXTERNAL	0x10
#define AVCPU_VSESR_IDS		BIT(24)	/* VSESR_EL2.IDS */

static void enter_el1_sync(struct avcpu_vcpu *vcpu, u64 esr)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	u64 old = hv->gp.pstate, sctlr, mode = old & PSR_MODE_MASK, off, new;

	/* The EL1 registers may be in the CPU (run.c). */
	avcpu_vcpu_el1_sync(vcpu);
	sctlr = hv->sys[AVCPU_SCTLR_EL1];

	if (old & PSR_MODE32_BIT)
		off = 0x600;		/* lower EL, AArch32 */
	else if (mode == PSR_MODE_EL1h)
		off = 0x200;
	else if (mode == PSR_MODE_EL1t)
		off = 0x0;
	else
		off = 0x400;

	new = PSR_MODE_EL1h | PSR_D_BIT | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT;
	new |= old & PSR_DIT_BIT;	/* DIT is unchanged by an exception */
	if (old & PSR_PAN_BIT)
		new |= PSR_PAN_BIT;
	if ((avcpu_hyp_cfg.flags & AVCPU_HYP_HAS_PAN) &&
	    !(sctlr & SCTLR_EL1_SPAN))
		new |= PSR_PAN_BIT;
	if (sctlr & SCTLR_ELx_DSSBS)
		new |= PSR_SSBS_BIT;

	hv->sys[AVCPU_ELR_EL1] = hv->gp.pc;
	hv->sys[AVCPU_SPSR_EL1] = old;
	hv->sys[AVCPU_ESR_EL1] = esr;
	hv->gp.pc = hv->sys[AVCPU_VBAR_EL1] + off;
	hv->gp.pstate = new;
}

/* Unknown reason, 32-bit instruction: what an unallocated encoding gives. */
void avcpu_inject_undef(struct avcpu_vcpu *vcpu)
{
	enter_el1_sync(vcpu, ((u64)ESR_ELx_EC_UNKNOWN << ESR_ELx_EC_SHIFT) |
			     ESR_ELx_IL);
}

/*
 * A synchronous external abort: IL is 1 for instruction aborts and for
 * data aborts without a valid ISS (Arm ARM, ESR_ELx.IL), which is what
 * this one reports.  @iss_bits adds WnR and FnV.
 */
static void inject_abort(struct avcpu_vcpu *vcpu, bool data, u64 far,
			 u64 iss_bits)
{
	bool from_el0 = !(vcpu->hyp->gp.pstate & PSR_MODE_MASK);
	u32 ec;

	if (data)
		ec = from_el0 ? ESR_ELx_EC_DABT_LOW : ESR_ELx_EC_DABT_CUR;
	else
		ec = from_el0 ? ESR_ELx_EC_IABT_LOW : ESR_ELx_EC_IABT_CUR;
	enter_el1_sync(vcpu, ((u64)ec << ESR_ELx_EC_SHIFT) | ESR_ELx_IL |
			     iss_bits | FSC_SYNC_EXTERNAL);
	vcpu->hyp->sys[AVCPU_FAR_EL1] = far;
}

/*
 * AVCPU_INJECT_EXIT_ABORT: the abort the last exit reported, if it is
 * of the kind injected.  FAR and WnR as the CPU gave them to EL2; with
 * FnV set there is no address to give (FAR_EL1 0).
 */
static int exit_abort(struct avcpu_vcpu *vcpu, bool data, u64 *far,
		      u64 *iss_bits)
{
	u64 esr = vcpu->hyp->esr;
	u32 ec = data ? ESR_ELx_EC_DABT_LOW : ESR_ELx_EC_IABT_LOW;

	if (!vcpu->exit_abort || ESR_ELx_EC(esr) != ec)
		return -EINVAL;
	*iss_bits = esr & ESR_ELx_FnV;
	if (data)
		*iss_bits |= esr & ESR_ELx_WNR;
	*far = (esr & ESR_ELx_FnV) ? 0 : vcpu->hyp->far;
	return 0;
}

/*
 * AVCPU_INJECT_EXCEPTION.  An access the last exit handed to the VMM
 * (MMIO, system register) is abandoned: the PC goes back to it, so the
 * guest's handler sees the instruction that faulted.
 */
int avcpu_vcpu_inject(struct avcpu_vcpu *vcpu, void __user *uarg)
{
	bool is_abort, data;
	struct avcpu_inject in;
	u64 far, iss_bits = 0;

	if (copy_from_user(&in, uarg, sizeof(in)))
		return -EFAULT;
	is_abort = in.type == AVCPU_INJECT_DABT || in.type == AVCPU_INJECT_IABT;
	data = in.type == AVCPU_INJECT_DABT;
	if ((in.flags & ~AVCPU_INJECT_EXIT_ABORT) ||
	    !mem_is_zero(in.reserved, sizeof(in.reserved)) ||
	    !in.type || in.type > AVCPU_INJECT_SERROR ||
	    (in.far && !is_abort) ||
	    (in.flags && (!is_abort || in.far)))
		return -EINVAL;
	if (!vcpu->vm)
		return -ENXIO;
	far = in.far;
	if (in.flags && exit_abort(vcpu, data, &far, &iss_bits))
		return -EINVAL;

	if (vcpu->exit_advanced) {
		struct avcpu_hyp_vcpu *hv = vcpu->hyp;

		/* Back to the refused access, IT state included (T32). */
		hv->gp.pc = vcpu->rewind_pc;
		hv->gp.pstate = (hv->gp.pstate & ~AVCPU_SPSR_IT_MASK) |
				(vcpu->rewind_pstate & AVCPU_SPSR_IT_MASK);
		vcpu->exit_advanced = false;
	}
	vcpu->pending = AVCPU_PENDING_NONE;

	switch (in.type) {
	case AVCPU_INJECT_UNDEF:
		avcpu_inject_undef(vcpu);
		break;
	case AVCPU_INJECT_DABT:
	case AVCPU_INJECT_IABT:
		inject_abort(vcpu, data, far, iss_bits);
		break;
	case AVCPU_INJECT_SERROR:
		/*
		 * Pending until the guest unmasks SErrors (PSTATE.A) or its
		 * ESB defers it.  With RAS the guest's ESR (or DISR) takes its
		 * ISS from VSESR_EL2: IDS set, an IMPLEMENTATION DEFINED
		 * syndrome of 0, so that the guest does not read it as an
		 * architected "uncategorized" error (AET/DFSC all zero).
		 */
		vcpu->hyp->hcr |= HCR_VSE;
		vcpu->hyp->vsesr = AVCPU_VSESR_IDS;
		break;
	}
	return 0;
}
