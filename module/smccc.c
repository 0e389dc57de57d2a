// SPDX-License-Identifier: GPL-2.0
/*
 * Guest HVC and SMC calls (SMC Calling Convention).  The VM's filter
 * decides, per function ID, between the kernel (psci.c: PSCI and the
 * SMCCC architecture calls; NOT_SUPPORTED for the rest), an exit to the
 * VMM, and NOT_SUPPORTED.  A guest SMC is trapped (HCR_EL2.TSC) and never
 * reaches the firmware.
 */
#include <linux/arm-smccc.h>
#include <asm/esr.h>
#include "avcpu.h"
#include "trace.h"

int avcpu_hypercall_exit(struct avcpu_vcpu *vcpu, u32 conduit)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	struct avcpu_run *run = vcpu->run;
	u32 imm = hv->esr & ESR_ELx_xVC_IMM_MASK;
	u8 action = AVCPU_SMCCC_EXIT;
	unsigned int i;

	/* A trapped SMC leaves the PC on the instruction; HVC does not. */
	if (conduit == AVCPU_CONDUIT_SMC)
		avcpu_skip_instr(vcpu);

	/* Only immediate 0 is an SMCCC call; others always go to the VMM. */
	if (!imm)
		action = avcpu_vm_smccc_action(vcpu->vm, (u32)hv->gp.regs[0]);
	trace_avcpu_hypercall(vcpu, conduit, imm, action);
	vcpu->stat.hypercalls++;
	if (action == AVCPU_SMCCC_DENY) {
		hv->gp.regs[0] = (u64)SMCCC_RET_NOT_SUPPORTED;
		return 1;
	}
	if (action == AVCPU_SMCCC_DEFAULT)
		return avcpu_smccc_call(vcpu);

	run->exit_reason = AVCPU_EXIT_HYPERCALL;
	vcpu->stat.hypercall_exits++;
	for (i = 0; i < 8; i++)
		run->hypercall.x[i] = hv->gp.regs[i];
	run->hypercall.conduit = conduit;
	run->hypercall.imm = imm;
	memset(run->hypercall.reserved, 0, sizeof(run->hypercall.reserved));
	vcpu->pending = AVCPU_PENDING_HYPERCALL;
	return 0;
}

void avcpu_hypercall_complete(struct avcpu_vcpu *vcpu)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		vcpu->hyp->gp.regs[i] = vcpu->run->hypercall.x[i];
}
