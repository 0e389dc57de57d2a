// SPDX-License-Identifier: GPL-2.0
/*
 * The run loop: complete what the last exit left to the VMM, then enter
 * the guest until an exit needs userspace, a signal arrives or an error
 * stops the vCPU.
 */
#include <linux/sched/signal.h>
#include <asm/kvm_arm.h>
#include "avcpu.h"
#include "trace.h"

/* HCR_EL2 for a guest on this host (see the facts sheet's trap list). */
static u64 guest_hcr(void)
{
	u64 hcr = HCR_VM | HCR_RW | HCR_TSC | HCR_IMO | HCR_FMO | HCR_AMO |
		  HCR_TWI | HCR_TWE | HCR_TACR | HCR_TIDCP | HCR_TSW | HCR_TID3 |
		  HCR_PTW | HCR_TLOR | HCR_FB | HCR_BSU_IS;

	if (avcpu_hyp_cfg.flags & AVCPU_HYP_HAS_RAS)
		hcr |= HCR_TERR | HCR_TEA;
	if (avcpu_host.mode == AVCPU_HOST_VHE)
		hcr |= HCR_E2H;
	/* Stage 2 forces write-back memory: see stage2.c. */
	if (avcpu_host.fwb)
		hcr |= HCR_FWB;
	return hcr;
}

/*
 * Finish what the last exit left to the VMM.  Returns 0 when an emulated
 * instruction has another access for the VMM (now in vcpu->run), else 1.
 */
static int complete_pending(struct avcpu_vcpu *vcpu)
{
	switch (vcpu->pending) {
	case AVCPU_PENDING_MMIO_INSN:
		if (!avcpu_mmio_insn_complete(vcpu))
			return 0;
		break;
	case AVCPU_PENDING_MMIO_READ:
		avcpu_mmio_complete(vcpu);
		break;
	case AVCPU_PENDING_HYPERCALL:
		avcpu_hypercall_complete(vcpu);
		break;
	case AVCPU_PENDING_SYSREG:
		avcpu_sysreg_complete(vcpu);
		break;
	case AVCPU_PENDING_NONE:
		break;
	}
	vcpu->pending = AVCPU_PENDING_NONE;
	vcpu->exit_advanced = false;
	return 1;
}

/* HCR_EL2 for the next entry: the base, the lines, a pending SError. */
static void update_hcr(struct avcpu_vcpu *vcpu, u64 base)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	unsigned long lines = READ_ONCE(vcpu->lines);
	u64 hcr = base | (hv->hcr & HCR_VSE);

	if (lines & BIT(AVCPU_LINE_IRQ))
		hcr |= HCR_VI;
	if (lines & BIT(AVCPU_LINE_FIQ))
		hcr |= HCR_VF;
	/* A line the guest sees rise at this entry. */
	if (hcr & ~hv->hcr & (HCR_VI | HCR_VF))
		vcpu->stat.irq_injections++;
	/* Cache toggles after a set/way op (sysreg.c, set_way_trapped()). */
	if (vcpu->trap_vm)
		hcr |= HCR_TVM;
	hv->hcr = hcr;
}

/*
 * One entry into the guest.  Returns the trap code, or AVCPU_TRAP_NONE
 * if nothing ran: a kick came in before the entry, or the host had an
 * SError pending, which it takes as the world switch gives its DAIF back.
 */
static u32 enter_guest(struct avcpu_vcpu *vcpu)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	u32 trap = AVCPU_TRAP_NONE;

	if (vcpu->fp_used)
		avcpu_fp_enter(vcpu);

	/*
	 * The guest owns this CPU's EL1 state and the stage-2 MMU from
	 * here to the exit: no interrupt, no preemption.  An interrupt
	 * arriving meanwhile exits the guest and is taken as soon as they
	 * are enabled again.
	 */
	local_irq_disable();
	WRITE_ONCE(vcpu->in_guest, smp_processor_id() + 1);
	/* in_guest before requests; pairs with avcpu_vcpu_kick(). */
	smp_mb();
	if (!READ_ONCE(vcpu->requests)) {
		/* This CPU's exit hardening; the vCPU stays here until exit. */
		avcpu_spectre_load(hv);
		/*
		 * The calls switch.h answers at EL2, unless the VMM wants
		 * them: read at every entry, so a filter set meanwhile
		 * applies from the guest's next call (the filter ioctl
		 * kicks running vCPUs).
		 */
		hv->fast_smccc = READ_ONCE(vcpu->vm->fast_smccc);
		avcpu_vtimer_mask(vcpu);
		if (hv->hyp_flags & AVCPU_HYP_VGIC)
			avcpu_vgic_flush(vcpu);
		trap = avcpu_enter_guest(hv);
		if (hv->hyp_flags & AVCPU_HYP_VGIC)
			avcpu_vgic_sync(vcpu);
		avcpu_vtimer_unmask(vcpu);
	}
	WRITE_ONCE(vcpu->in_guest, 0);
	local_irq_enable();

	avcpu_fp_exit(vcpu);
	return trap;
}

int avcpu_vcpu_run(struct avcpu_vcpu *vcpu)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	struct avcpu_run *run = vcpu->run;
	struct avcpu_vm *vm = vcpu->vm;
	u64 base_hcr;
	u32 trap;
	int ret;

	if (!vm)
		return -ENXIO;
	ret = avcpu_vm_check_mm(vm);
	if (ret)
		return ret;

	/* The next access of an emulated instruction comes first. */
	if (!complete_pending(vcpu)) {
		vcpu->stat.user_exits++;
		return 0;
	}
	vcpu->exit_abort = false;
	run->exit_reason = AVCPU_EXIT_NONE;
	if (READ_ONCE(run->immediate_exit)) {
		run->exit_reason = AVCPU_EXIT_INTR;
		return -EINTR;
	}

	base_hcr = guest_hcr();
	hv->vtcr = vm->s2.vtcr;
	hv->vttbr = vm->s2.vttbr;
	hv->cntvoff = vm->cntvoff;
	/*
	 * A local flush still pending (AVCPU_HYP_FLUSH_LOCAL) is dropped: a
	 * stale entry only faults again, and that fault asks again.
	 */
	hv->hyp_flags = avcpu_hyp_cfg.flags;
	/* The in-kernel GIC's list registers (hyp/vgic-sr.h, vgic-cpu.c). */
	if (avcpu_vgic_on(&vm->vgic) && avcpu_vgic_host_ok())
		hv->hyp_flags |= AVCPU_HYP_VGIC;
	hv->mdcr_guest = avcpu_hyp_cfg.mdcr_guest_bits;
	vcpu->fp_used = false;
	avcpu_timer_load(vcpu);

	do {
		clear_bit(0, &vcpu->requests);
		/* Then read what the request was about; pairs with the kick. */
		smp_mb__after_atomic();
		if (signal_pending(current)) {
			run->exit_reason = AVCPU_EXIT_INTR;
			vcpu->stat.signal_exits++;
			ret = -EINTR;
			break;
		}
		ret = avcpu_vcpu_wait_power(vcpu);
		if (ret <= 0)
			break;
		/*
		 * A timer level that changed since the last look (in the
		 * VMM, while the vCPU slept, or at an exit handled here) is
		 * reported before the guest runs again.
		 */
		if (avcpu_timer_update_levels(vcpu)) {
			run->exit_reason = AVCPU_EXIT_IRQ_LEVEL;
			vcpu->stat.irq_level_exits++;
			ret = 0;
			goto out;
		}
		cond_resched();
		update_hcr(vcpu, base_hcr);

		trace_avcpu_entry(vcpu);
		trap = enter_guest(vcpu);
		if (!trap) {
			ret = 1;
			continue;
		}
		trace_avcpu_exit(vcpu, trap);
		ret = avcpu_handle_exit(vcpu, trap);
	} while (ret > 0);
	/* Whatever the exit is, the VMM gets the levels as of now. */
	avcpu_timer_update_levels(vcpu);
out:
	avcpu_timer_put(vcpu);

	if (!ret)
		vcpu->stat.user_exits++;
	return ret;
}
