// SPDX-License-Identifier: GPL-2.0
/*
 * The run loop: complete what the last exit left to the VMM, then enter
 * the guest until an exit needs userspace, a signal arrives or an error
 * stops the vCPU.
 */
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <asm/kvm_arm.h>
#include "avcpu.h"
#include "trace.h"

/*
 * Lazy EL1 state on a VHE host.  The host kernel runs in the EL2&0
 * regime and owns none of the guest's EL1&0 registers, so during a RUN
 * they stay in the CPU across exits the kernel handles: loaded before
 * the first entry, saved when the thread leaves the CPU (a preempt
 * notifier's sched_out: preemption, sleep in WFI, migration; it loads
 * them again at sched_in) and when RUN returns.  Another user of EL1 on
 * this CPU (another vCPU, KVM's vCPU load, a CPU that lost its state
 * in a low-power state) can therefore only come after a put, and the
 * copy in hyp->sys is the truth whenever no RUN is in progress: the VMM
 * reads and writes registers, resets or closes the vCPU with nothing to
 * take back from a CPU.  Nothing is left loaded when RUN returns: the
 * same thread may call KVM next, whose vCPU load overwrites EL1 without
 * a context switch, which no notifier would see.
 *
 * What the put leaves makes the next load cheap: the last put writes a
 * tag, unique per put and not guessable by guests, into TPIDR_EL1 (saved
 * with the rest first).  If the next load, on whatever CPU, finds that
 * tag there, nobody loaded other EL1 state since and the CPU still holds
 * this vCPU's registers: only TPIDR_EL1 is written back.  An exit to the
 * VMM and back then writes no EL1 register but that one.
 *
 * Host code that reads or writes the guest's EL1 registers in hyp->sys
 * calls avcpu_vcpu_el1_sync() first (injection, trapped VM-register
 * accesses, resets), or reads the live value (avcpu_vcpu_sctlr()).  The
 * guest's EL0 thread registers and the EL2 registers that only shape
 * what EL1 sees (VMPIDR, VPIDR, CNTVOFF) go in and out with the rest,
 * the host's own values kept meanwhile.  The registers the host needs
 * between entries (MDSCR_EL1, PAR_EL1, the virtual timer, the stage-2
 * root) are switched at every entry, as on nVHE, where everything is
 * (module/hyp/switch.h).
 */

static bool lazy_el1(void)
{
	return avcpu_host.mode == AVCPU_HOST_VHE;
}

/* Preemption disabled. */
static void el1_load(struct avcpu_vcpu *vcpu)
{
	/* The CPU still holds the vCPU's EL1 state if it has the tag. */
	bool kept = vcpu->el1_tag && read_sysreg(tpidr_el1) == vcpu->el1_tag;

	avcpu_hyp_vcpu_load(vcpu->hyp, !kept);
	WRITE_ONCE(vcpu->el1_loaded, true);
}

/* Preemption disabled; the state is loaded. */
static void el1_put(struct avcpu_vcpu *vcpu)
{
	u64 tag;

	avcpu_hyp_vcpu_put(vcpu->hyp);
	/*
	 * A new value at every put, from a random start per vCPU: another
	 * vCPU's tags collide with these once in 2^64, and no guest ever
	 * sees one (a guest's load overwrites it).
	 */
	tag = vcpu->el1_tag_key + ++vcpu->el1_tag_seq;
	write_sysreg(tag, tpidr_el1);
	vcpu->el1_tag = tag;
	WRITE_ONCE(vcpu->el1_loaded, false);
}

static void el1_sched_in(struct preempt_notifier *pn, int cpu)
{
	struct avcpu_vcpu *vcpu = container_of(pn, struct avcpu_vcpu, el1_pn);

	if (vcpu->el1_reload) {
		vcpu->el1_reload = false;
		el1_load(vcpu);
	}
}

static void el1_sched_out(struct preempt_notifier *pn,
			  struct task_struct *next)
{
	struct avcpu_vcpu *vcpu = container_of(pn, struct avcpu_vcpu, el1_pn);

	if (vcpu->el1_loaded) {
		el1_put(vcpu);
		vcpu->el1_reload = true;
	}
}

static struct preempt_ops el1_preempt_ops = {
	.sched_in = el1_sched_in,
	.sched_out = el1_sched_out,
};

/*
 * HCR_EL2 for a guest on this host (see the facts sheet's trap list),
 * worked out once at load.
 */
static u64 guest_hcr_base __ro_after_init;

static u64 __init guest_hcr(void)
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
 * Module load and unload: preempt notifiers are called only while some
 * user asks for them (KVM does too, when it initialised).
 */
void __init avcpu_run_init(void)
{
	guest_hcr_base = guest_hcr();
	if (lazy_el1())
		preempt_notifier_inc();
}

void avcpu_run_exit(void)
{
	if (lazy_el1())
		preempt_notifier_dec();
}

/* vCPU creation. */
void avcpu_vcpu_el1_init(struct avcpu_vcpu *vcpu)
{
	vcpu->el1_tag_key = get_random_u64();
	preempt_notifier_init(&vcpu->el1_pn, &el1_preempt_ops);
}

/*
 * The host is about to read or change the guest's EL1 registers in
 * hyp->sys: save them if loaded, and have the next entry load them in
 * full.  Any thread that holds the vCPU (its lock, or RUN).
 */
void avcpu_vcpu_el1_sync(struct avcpu_vcpu *vcpu)
{
	preempt_disable();
	if (vcpu->el1_loaded)
		el1_put(vcpu);
	vcpu->el1_reload = false;
	vcpu->el1_tag = 0;
	preempt_enable();
}

/* RUN begins: the state is loaded at the first entry (enter_guest()). */
static void vcpu_el1_begin(struct avcpu_vcpu *vcpu)
{
	if (!lazy_el1())
		return;
	preempt_notifier_register(&vcpu->el1_pn);
}

/* RUN ends: nothing stays in the CPU. */
static void vcpu_el1_end(struct avcpu_vcpu *vcpu)
{
	if (!lazy_el1())
		return;
	preempt_disable();
	if (vcpu->el1_loaded)
		el1_put(vcpu);
	vcpu->el1_reload = false;
	preempt_notifier_unregister(&vcpu->el1_pn);
	preempt_enable();
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
		if (vcpu->spectre_cpu != smp_processor_id() + 1) {
			avcpu_spectre_load(hv);
			vcpu->spectre_cpu = smp_processor_id() + 1;
		}
		/*
		 * The calls switch.h answers at EL2, unless the VMM wants
		 * them: read at every entry, so a filter set meanwhile
		 * applies from the guest's next call (the filter ioctl
		 * kicks running vCPUs).
		 */
		hv->fast_smccc = READ_ONCE(vcpu->vm->fast_smccc);
		/* First entry of this RUN, or the host synced the state. */
		if (lazy_el1() && !vcpu->el1_loaded)
			el1_load(vcpu);
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
	bool resched = false;
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

	base_hcr = guest_hcr_base;
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
	vcpu_el1_begin(vcpu);

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
		if (avcpu_vcpu_power_news(vcpu)) {
			ret = avcpu_vcpu_wait_power(vcpu);
			if (ret <= 0)
				break;
		}
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
		/*
		 * The way back to userspace rescheduled if needed: only
		 * passes after an exit handled here yield, unless that exit
		 * slept (WFI), which gave up the CPU already.
		 */
		if (resched && !vcpu->slept)
			cond_resched();
		resched = true;
		vcpu->slept = false;
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
	vcpu_el1_end(vcpu);
	avcpu_timer_put(vcpu);

	if (!ret)
		vcpu->stat.user_exits++;
	return ret;
}
