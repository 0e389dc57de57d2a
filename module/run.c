// SPDX-License-Identifier: GPL-2.0
/*
 * The run loop: complete what the last exit left to the VMM, then enter
 * the guest until an exit needs userspace, a signal arrives or an error
 * stops the vCPU.
 */
#include <linux/sched/signal.h>
#include <asm/kvm_arm.h>
#include "avcpu.h"

#define CNTV_CTL_ENABLE		BIT(0)
#define CNTV_CTL_IMASK		BIT(1)
#define CNTV_CTL_ISTATUS	BIT(2)

/* HCR_EL2 for a guest on this host (see the facts sheet's trap list). */
static u64 guest_hcr(void)
{
	u64 hcr = HCR_VM | HCR_RW | HCR_TSC | HCR_IMO | HCR_FMO | HCR_AMO |
		  HCR_TWI | HCR_TWE | HCR_TACR | HCR_TIDCP | HCR_TSW |
		  HCR_PTW | HCR_TLOR | HCR_FB | HCR_BSU_IS;

	if (avcpu_hyp_cfg.flags & AVCPU_HYP_HAS_RAS)
		hcr |= HCR_TERR | HCR_TEA;
	if (avcpu_host.mode == AVCPU_HOST_VHE)
		hcr |= HCR_E2H;
	return hcr;
}

/*
 * Until the vCPU has an interrupt line for its timer, a guest timer that
 * has fired stays masked while the guest runs, so it cannot keep pulling
 * the CPU out of the guest; it is unmasked once the guest re-arms or
 * disables it.
 */
static void update_timer_hold(struct avcpu_vcpu *vcpu)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	u64 ctl = hv->sys[AVCPU_CNTV_CTL_EL0];
	u64 now = read_sysreg(cntpct_el0) - hv->cntvoff;
	bool firing = (ctl & CNTV_CTL_ENABLE) && !(ctl & CNTV_CTL_IMASK) &&
		      hv->sys[AVCPU_CNTV_CVAL_EL0] <= now;

	if (!firing)
		vcpu->timer_held = false;
	else if (ctl & CNTV_CTL_ISTATUS)
		vcpu->timer_held = true;
	hv->cntv_ctl_force = vcpu->timer_held ? CNTV_CTL_IMASK : 0;
}

static void complete_pending(struct avcpu_vcpu *vcpu)
{
	switch (vcpu->pending) {
	case AVCPU_PENDING_MMIO_READ:
		avcpu_mmio_complete(vcpu);
		break;
	case AVCPU_PENDING_HYPERCALL:
		avcpu_hypercall_complete(vcpu);
		break;
	case AVCPU_PENDING_NONE:
		break;
	}
	vcpu->pending = AVCPU_PENDING_NONE;
}

int avcpu_vcpu_run(struct avcpu_vcpu *vcpu)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	struct avcpu_run *run = vcpu->run;
	struct avcpu_vm *vm = vcpu->vm;
	u32 trap;
	int ret;

	if (!vm)
		return -ENXIO;

	complete_pending(vcpu);
	run->exit_reason = AVCPU_EXIT_NONE;
	if (READ_ONCE(run->immediate_exit)) {
		run->exit_reason = AVCPU_EXIT_INTR;
		return -EINTR;
	}

	hv->hcr = guest_hcr();
	hv->vtcr = vm->s2.vtcr;
	hv->vttbr = vm->s2.vttbr;
	hv->cntvoff = vm->cntvoff;
	hv->hyp_flags = avcpu_hyp_cfg.flags;
	hv->mdcr_guest = avcpu_hyp_cfg.mdcr_guest_bits;

	do {
		if (signal_pending(current)) {
			run->exit_reason = AVCPU_EXIT_INTR;
			ret = -EINTR;
			break;
		}
		cond_resched();
		update_timer_hold(vcpu);

		/*
		 * The guest owns this CPU's EL1 state and the stage-2 MMU
		 * from here to the exit: no interrupt, no preemption.  An
		 * interrupt arriving meanwhile exits the guest and is taken
		 * as soon as they are enabled again.
		 */
		local_irq_disable();
		trap = avcpu_enter_guest(hv);
		local_irq_enable();

		ret = avcpu_handle_exit(vcpu, trap);
	} while (ret > 0);

	return ret;
}
