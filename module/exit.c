// SPDX-License-Identifier: GPL-2.0
/*
 * Exit dispatch.  Each handler returns >0 to re-enter the guest, 0 to
 * return to userspace with vcpu->run describing the exit, or <0 to fail
 * the RUN ioctl with that errno.  Anything avcpu does not handle becomes
 * an AVCPU_EXIT_EXCEPTION carrying ESR/FAR/HPFAR: never a host panic.
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <asm/esr.h>
#include "avcpu.h"
#include "trace.h"

typedef int (*avcpu_exit_fn)(struct avcpu_vcpu *vcpu);

static int exception_exit(struct avcpu_vcpu *vcpu, u32 kind)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	struct avcpu_run *run = vcpu->run;

	run->exit_reason = AVCPU_EXIT_EXCEPTION;
	run->exception = (struct avcpu_exit_exception) {
		.esr = hv->esr, .far = hv->far, .hpfar = hv->hpfar,
		.pc = hv->gp.pc, .kind = kind,
	};
	if (hv->fault_flags & AVCPU_FAULT_IPA_VALID) {
		run->exception.ipa = hv->fault_ipa;
		run->exception.flags = AVCPU_EXC_IPA_VALID;
	}
	if (kind == AVCPU_EXC_SYNC &&
	    (ESR_ELx_EC(hv->esr) == ESR_ELx_EC_IABT_LOW ||
	     ESR_ELx_EC(hv->esr) == ESR_ELx_EC_DABT_LOW))
		avcpu_note_exit_abort(vcpu);
	return 0;
}

static int handle_unknown(struct avcpu_vcpu *vcpu)
{
	return exception_exit(vcpu, AVCPU_EXC_SYNC);
}

static int handle_hvc(struct avcpu_vcpu *vcpu)
{
	return avcpu_hypercall_exit(vcpu, AVCPU_CONDUIT_HVC);
}

static int handle_smc(struct avcpu_vcpu *vcpu)
{
	return avcpu_hypercall_exit(vcpu, AVCPU_CONDUIT_SMC);
}

/*
 * AArch32 (EL0 only): the instruction size comes from ESR_EL2.IL, PC is
 * 32 bits, and in an IT block the next instruction's condition comes
 * from ITSTATE, which advances as the CPU would have (Arm ARM,
 * ITAdvance()): IT[7:2] is in SPSR[15:10], IT[1:0] in SPSR[26:25].
 */
void avcpu_skip_aarch32(struct avcpu_hyp_vcpu *hv)
{
	u64 pstate = hv->gp.pstate;
	u32 it = ((pstate >> 8) & 0xfc) | ((pstate >> 25) & 3);

	hv->gp.pc = (u32)(hv->gp.pc + ((hv->esr & ESR_ELx_IL) ? 4 : 2));
	if (!(pstate & PSR_AA32_T_BIT) || !it)
		return;
	if (!(it & 7))
		it = 0;
	else
		it = (it & 0xe0) | ((it << 1) & 0x1f);
	pstate &= ~AVCPU_SPSR_IT_MASK;
	hv->gp.pstate = pstate | ((u64)(it & 0xfc) << 8) |
			((u64)(it & 3) << 25);
}

/* Instructions of features the vCPU hides: UNDEFINED, as on such a CPU. */
static int handle_undef(struct avcpu_vcpu *vcpu)
{
	avcpu_inject_undef(vcpu);
	return 1;
}

/*
 * WFI sleeps until an interrupt line, the guest's timer, a kick or a
 * signal; WFE (the guest spins on a lock) gives the CPU to any task that
 * is waiting for it, such as the vCPU holding that lock.
 */
static int handle_wfx(struct avcpu_vcpu *vcpu)
{
	u64 ti = vcpu->hyp->esr & 3;

	/* WFIT/WFET: hidden (ID_AA64ISAR2_EL1.WFxT), so UNDEFINED. */
	if (ti & 2)
		return handle_undef(vcpu);
	avcpu_skip_instr(vcpu);
	if (ti) {
		cond_resched();
		return 1;
	}
	return avcpu_vcpu_block(vcpu);
}

static bool fsc_is_translation(u64 esr)
{
	u64 fsc = esr & ESR_ELx_FSC_TYPE;

	return fsc == ESR_ELx_FSC_FAULT || fsc == ESR_ELx_FSC_ACCESS;
}

/* Inline in each of the two handlers: the MMIO exit pays one call less. */
static __always_inline int handle_abort(struct avcpu_vcpu *vcpu,
					bool is_data)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	struct avcpu_vm *vm = vcpu->vm;
	u64 esr = hv->esr, ipa = hv->fault_ipa;
	u64 fsc = esr & ESR_ELx_FSC_TYPE;
	bool s1ptw = esr & ESR_ELx_S1PTW;
	int ret;

	if (hv->fault_flags & AVCPU_FAULT_RETRY)
		return 1;
	if (!(hv->fault_flags & AVCPU_FAULT_IPA_VALID))
		return exception_exit(vcpu, AVCPU_EXC_SYNC);

	/*
	 * Slot memory not mapped yet, aged by the host, or mapped read-only
	 * until the guest writes (copy-on-write, dirty logging).  -ENOENT:
	 * no slot there; -EROFS: a slot fault that is the guest's business
	 * (a read-only slot's permission fault, or another fault status).
	 */
	ret = avcpu_mmu_fault(vcpu, ipa, esr);
	if (ret != -ENOENT && ret != -EROFS)
		return ret;

	/* A guest's own page-table walk must hit memory, not a device. */
	if (!is_data || s1ptw)
		return exception_exit(vcpu, AVCPU_EXC_SYNC);

	if (ret == -EROFS) {
		/*
		 * DC IVAC needs write permission at stage 2, so on a read-only
		 * slot it takes a permission fault (ESR_ELx.CM set, WnR set,
		 * ISV clear: Arm ARM, "Data Abort exception ... cache
		 * maintenance").  No store happened and the guest cannot have
		 * dirtied a line of that memory.  Do it for the guest as a
		 * clean and invalidate of the page (DC IVAC may be performed
		 * as DC CIVAC) and step over it, rather than report an MMIO
		 * access the VMM cannot decode.  (KVM sends these to the VMM;
		 * real read-only memory does not fault them.)
		 */
		if (fsc == ESR_ELx_FSC_PERM && (esr & ESR_ELx_CM)) {
			avcpu_vm_clean_page(vm, ipa);
			avcpu_skip_instr(vcpu);
			return 1;
		}
		/* Only a store to a read-only slot is an MMIO access. */
		if (fsc == ESR_ELx_FSC_PERM && (esr & ESR_ELx_WNR))
			return avcpu_mmio_exit(vcpu, ipa);
		return exception_exit(vcpu, AVCPU_EXC_SYNC);
	}

	if (!fsc_is_translation(esr))
		return exception_exit(vcpu, AVCPU_EXC_SYNC);

	/* Cache maintenance by VA on an unbacked IPA has nothing to do. */
	if (esr & ESR_ELx_CM) {
		avcpu_skip_instr(vcpu);
		return 1;
	}
	return avcpu_mmio_exit(vcpu, ipa);
}

static int handle_dabt(struct avcpu_vcpu *vcpu)
{
	return handle_abort(vcpu, true);
}

static int handle_iabt(struct avcpu_vcpu *vcpu)
{
	return handle_abort(vcpu, false);
}

/* Exception classes avcpu handles; every other one is reported. */
static const avcpu_exit_fn sync_handlers[ESR_ELx_EC_MAX + 1] = {
	[ESR_ELx_EC_UNKNOWN]	= handle_undef,
	[ESR_ELx_EC_WFx]	= handle_wfx,
	[ESR_ELx_EC_FP_ASIMD]	= avcpu_handle_fp_trap,
	[ESR_ELx_EC_PAC]	= handle_undef,
	[ESR_ELx_EC_SYS64]	= avcpu_handle_sysreg,
	[ESR_ELx_EC_SVE]	= handle_undef,
	[ESR_ELx_EC_SME]	= handle_undef,
	[ESR_ELx_EC_HVC64]	= handle_hvc,
	[ESR_ELx_EC_SMC64]	= handle_smc,
	[ESR_ELx_EC_DABT_LOW]	= handle_dabt,
	[ESR_ELx_EC_IABT_LOW]	= handle_iabt,
};

/* The exit counters (stats.c): by trap, and by class for a sync one. */
static void count_exit(struct avcpu_vcpu *vcpu, u32 trap)
{
	struct avcpu_vcpu_stat *st = &vcpu->stat;

	st->exits++;
	switch (trap) {
	case AVCPU_TRAP_IRQ:
	case AVCPU_TRAP_FIQ:
		st->exit_irq++;
		return;
	case AVCPU_TRAP_SYNC:
		break;
	default:
		st->exit_serror++;
		return;
	}
	switch (ESR_ELx_EC(vcpu->hyp->esr)) {
	case ESR_ELx_EC_HVC64:
		st->exit_hvc++;
		break;
	case ESR_ELx_EC_SMC64:
		st->exit_smc++;
		break;
	case ESR_ELx_EC_DABT_LOW:
		st->exit_dabt++;
		break;
	case ESR_ELx_EC_IABT_LOW:
		st->exit_iabt++;
		break;
	case ESR_ELx_EC_SYS64:
		st->exit_sysreg++;
		break;
	case ESR_ELx_EC_WFx:
		st->exit_wfx++;
		break;
	case ESR_ELx_EC_FP_ASIMD:
		st->exit_fp++;
		break;
	default:
		st->exit_other++;
		break;
	}
}

int avcpu_handle_exit(struct avcpu_vcpu *vcpu, u32 trap)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;

	count_exit(vcpu, trap);

	/* An SError the guest caused, deferred by ESB at the exit. */
	if (hv->serror) {
		hv->esr = hv->serror;
		return exception_exit(vcpu, AVCPU_EXC_SERROR);
	}

	switch (trap) {
	case AVCPU_TRAP_IRQ:
	case AVCPU_TRAP_FIQ:
		/* Taken by the host once interrupts are enabled again. */
		return 1;
	case AVCPU_TRAP_SERROR:
		return exception_exit(vcpu, AVCPU_EXC_SERROR);
	case AVCPU_TRAP_SYNC:
		return (sync_handlers[ESR_ELx_EC(hv->esr)] ?:
			handle_unknown)(vcpu);
	}
	return exception_exit(vcpu, AVCPU_EXC_ENTRY_FAIL);
}
