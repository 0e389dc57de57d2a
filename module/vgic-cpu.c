// SPDX-License-Identifier: GPL-2.0
/*
 * The in-kernel GICv3's CPU side (see vgic.h for the split): each vCPU's
 * list of interrupts it has to see (ap_list), the list registers filled
 * from it before an entry and read back after the exit, SGIs the guest
 * sends, and the host's maintenance interrupt.
 *
 * An interrupt is on a vCPU's ap_list while it is pending, enabled and
 * targets that vCPU, or active there.  Before an entry, with interrupts
 * masked, avcpu_vgic_flush_lrs() drops what is neither any more, moves an
 * SPI whose route changed, and puts the most urgent ones into the list
 * registers: active ones first (the guest must be able to end them),
 * then by priority.  When more are waiting than there are list
 * registers, ICH_HCR_EL2.UIE (and NPIE, when a pending one went in) asks
 * for a maintenance interrupt as list registers free up: the exit it
 * causes brings the vCPU back here to fill them again.  LRENPIE asks
 * for one when the guest ends an active interrupt that is in no list
 * register; ICH_HCR_EL2.EOIcount says how many, and the exit ends them.
 * A guest with EOImode 1 deactivates through ICC_DIR_EL1, whose INTID
 * EOIcount does not keep: while interrupts are left out of the list
 * registers, ICH_HCR_EL2.TDIR traps those writes, and the trap names
 * the interrupt (avcpu_vgic_deactivate()).
 *
 * Edge-triggered interrupts: the pending latch moves into the list
 * register and back at the exit if the guest has not acknowledged it, so
 * an edge that comes while the guest handles the last one makes it
 * pending and active.  Level-sensitive ones stay pending while their line
 * is high; their list register asks for an EOI maintenance interrupt,
 * and at that exit the line is looked at again (irqfd resampling, the
 * timers).
 *
 * The maintenance interrupt itself (PPI 25) only has to make the guest
 * exit: its handler does nothing.  On a VHE host KVM owns and enables it;
 * otherwise avcpu requests it, as it does the virtual-timer PPI.
 */
#include <linux/bitfield.h>
#include <linux/cpuhotplug.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/of.h>
#include <linux/of_irq.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/irqchip/arm-gic-v3.h>
#include <asm/cpufeature.h>
#include <asm/sysreg.h>
#include "avcpu.h"
#include "hyp/nvhe-abi.h"

/* The host's virtual CPU interface, from ICH_VTR_EL2 at load. */
static struct {
	u32 nr_lr;		/* 0: no usable interface */
	u32 nr_apr;
	u32 pri_bits;
	bool tds;		/* ICH_HCR_EL2.TDIR exists (ICH_VTR_EL2.TDS) */
} vgic_hw;

static unsigned int maint_irq;
static bool maint_owned;
static int maint_hp_state = -1;
static int lrs_hp_state = -1;
static DEFINE_PER_CPU(u8, maint_cookie);

#define VGIC_SGI_ID(v)		(((v) & ICC_SGI1R_SGI_ID_MASK) >> \
				 ICC_SGI1R_SGI_ID_SHIFT)
#define VGIC_SGI_IRM		BIT_ULL(ICC_SGI1R_IRQ_ROUTING_MODE_BIT)

/* ICH_HCR_EL2: EOIs that matched no list register, and an exit on them. */
#define VGIC_HCR_LRENPIE	BIT(2)
#define VGIC_VTR_TDS		BIT(19)

bool avcpu_vgic_host_ok(void)
{
	return vgic_hw.nr_lr;
}

void avcpu_vgic_hyp_init(struct avcpu_vcpu *vcpu)
{
	vcpu->hyp->vgic.nr_lr = vgic_hw.nr_lr;
	vcpu->hyp->vgic.nr_apr = vgic_hw.nr_apr;
}

unsigned int avcpu_vgic_pri_bits(void)
{
	return vgic_hw.pri_bits;
}

/* The CPU interface's list registers, and whether ICC_DIR_EL1 traps. */
void avcpu_vgic_show_hw(struct seq_file *m)
{
	seq_printf(m, "list_registers: %u\n", vgic_hw.nr_lr);
	seq_printf(m, "priority_bits: %u\n", vgic_hw.pri_bits);
	seq_printf(m, "trapped_dir: %u\n", vgic_hw.tds);
}

/*
 * An SPI's group is enabled in the distributor (GICD_CTLR.EnableGrp0/1;
 * a write there requeues every SPI).  @irq->target set.
 */
static bool irq_group_on(const struct avcpu_vgic_irq *irq)
{
	u32 ctlr;

	if (irq->intid < AVCPU_VGIC_NR_PRIVATE)
		return true;
	ctlr = READ_ONCE(irq->target->vm->vgic.gicd_ctlr);
	return ctlr & (irq->group1 ? AVCPU_GICD_CTLR_EN_G1 :
				     AVCPU_GICD_CTLR_EN_G0);
}

/*
 * Pending or active as far as delivery to @irq->target goes.  An active
 * one stays, whatever the enables: the guest must be able to end it.
 */
static __always_inline bool irq_deliverable(const struct avcpu_vgic_irq *irq)
{
	return irq->active ||
	       (avcpu_vgic_irq_pending(irq) && irq->enabled && irq->target &&
		irq_group_on(irq));
}

/*
 * Make @vcpu look at its ap_list.  From an hrtimer, an eventfd wake-up
 * or with interrupts masked, the asynchronous kick, retried while its
 * IPI is still in flight from an earlier one (which may have gone to
 * the CPU the vCPU ran on before).
 */
static void vgic_kick(struct avcpu_vcpu *vcpu)
{
	if (in_interrupt() || irqs_disabled())
		avcpu_vcpu_kick_atomic(vcpu);
	else
		avcpu_vcpu_kick(vcpu);
}

/*
 * Kick @vcpu now, or with @kicks (a caller that queues many interrupts
 * under vm->lock) mark it to be kicked once when they are all queued.
 */
static void vgic_kick_or_mark(struct avcpu_vcpu *vcpu, u64 *kicks)
{
	BUILD_BUG_ON(AVCPU_MAX_VCPUS > 64);
	if (kicks)
		*kicks |= BIT_ULL(vcpu->vgic.index);
	else
		vgic_kick(vcpu);
}

/* Kick each attached vCPU marked in @kicks, once.  vm->lock held. */
void avcpu_vgic_kick_marked(struct avcpu_vm *vm, u64 kicks)
{
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus && kicks; i++) {
		struct avcpu_vcpu *vcpu = vm->vcpus[i];

		if (kicks & BIT_ULL(vcpu->vgic.index)) {
			kicks &= ~BIT_ULL(vcpu->vgic.index);
			vgic_kick(vcpu);
		}
	}
}

/*
 * Two vCPUs' ap_locks in the order vgic.h gives (attach index; a closed
 * vCPU may share its index with a new one: then by address).
 */
static void vgic_lock_pair(struct avcpu_vcpu *a, struct avcpu_vcpu *b)
{
	if (a->vgic.index > b->vgic.index ||
	    (a->vgic.index == b->vgic.index && a > b))
		swap(a, b);
	raw_spin_lock(&a->vgic.ap_lock);
	raw_spin_lock_nested(&b->vgic.ap_lock, SINGLE_DEPTH_NESTING);
}

static void vgic_unlock_pair(struct avcpu_vcpu *a, struct avcpu_vcpu *b)
{
	raw_spin_unlock(&a->vgic.ap_lock);
	raw_spin_unlock(&b->vgic.ap_lock);
}

/*
 * An SPI on @from's list whose route now points at @to can move there
 * now: not active (the guest must end it where it took it) and in no
 * list register of @from.
 */
static bool irq_may_move(const struct avcpu_vgic_irq *irq,
			 struct avcpu_vcpu *from, struct avcpu_vcpu *to)
{
	return from && irq->vcpu == from && irq->target == to && to &&
	       to != from &&
	       !irq->active && !irq->in_lr && irq_deliverable(irq);
}

/*
 * @irq (locked, @flags) is on another vCPU's list than its target's:
 * move it to the target's, both ap_locks taken first, and kick the
 * target; its old vCPU may be paused or off and would not move it
 * before its next entry.  Returns with the lock still held if it
 * changed meanwhile (the caller starts again), dropped otherwise.
 */
static bool vgic_move_unlock(struct avcpu_vgic_irq *irq, unsigned long *flags,
			     u64 *kicks)
{
	struct avcpu_vcpu *from = irq->vcpu, *to = irq->target;

	raw_spin_unlock_irqrestore(&irq->lock, *flags);
	local_irq_save(*flags);
	vgic_lock_pair(from, to);
	raw_spin_lock(&irq->lock);
	if (!irq_may_move(irq, from, to)) {
		vgic_unlock_pair(from, to);
		return false;
	}
	list_move_tail(&irq->ap_list, &to->vgic.ap_list);
	irq->vcpu = to;
	raw_spin_unlock(&irq->lock);
	vgic_unlock_pair(from, to);
	local_irq_restore(*flags);
	vgic_kick_or_mark(to, kicks);
	return true;
}

void avcpu_vgic_queue_unlock_mark(struct avcpu_vm *vm,
				  struct avcpu_vgic_irq *irq,
				  unsigned long flags, u64 *kicks)
{
	struct avcpu_vcpu *vcpu;

retry:
	if (irq_may_move(irq, irq->vcpu, irq->target)) {
		if (vgic_move_unlock(irq, &flags, kicks))
			return;
		goto retry;
	}
	if (irq->vcpu || !irq_deliverable(irq) || !irq->target) {
		/*
		 * On a list already (its vCPU re-reads it at its next entry:
		 * kick it, the state may have changed in a list register's
		 * back, and one that holds it must take the new state now),
		 * or nothing to deliver.
		 */
		vcpu = irq_deliverable(irq) || irq->in_lr ? irq->vcpu : NULL;
		raw_spin_unlock_irqrestore(&irq->lock, flags);
		if (vcpu)
			vgic_kick_or_mark(vcpu, kicks);
		return;
	}
	vcpu = irq->target;
	raw_spin_unlock_irqrestore(&irq->lock, flags);

	/* ap_lock first, then the interrupt's; then look again. */
	raw_spin_lock_irqsave(&vcpu->vgic.ap_lock, flags);
	raw_spin_lock(&irq->lock);
	if (irq->vcpu || irq->target != vcpu || !irq_deliverable(irq)) {
		/* Changed meanwhile: start again with its lock held. */
		raw_spin_unlock(&vcpu->vgic.ap_lock);
		goto retry;
	}
	list_add_tail(&irq->ap_list, &vcpu->vgic.ap_list);
	irq->vcpu = vcpu;
	raw_spin_unlock(&irq->lock);
	raw_spin_unlock_irqrestore(&vcpu->vgic.ap_lock, flags);
	vgic_kick_or_mark(vcpu, kicks);
}

void avcpu_vgic_queue_unlock(struct avcpu_vm *vm, struct avcpu_vgic_irq *irq,
			     unsigned long flags)
{
	avcpu_vgic_queue_unlock_mark(vm, irq, flags, NULL);
}

/*
 * An SPI on @from's list whose route now points at another vCPU, not
 * active: move it there.  Both ap_locks in attach order, then the
 * interrupt's.  Interrupts are masked (flush).
 */
static void vgic_migrate(struct avcpu_vcpu *from, struct avcpu_vgic_irq *irq)
{
	struct avcpu_vcpu *to;
	bool moved;

	raw_spin_lock(&irq->lock);
	to = irq->target;
	raw_spin_unlock(&irq->lock);
	if (!to || to == from)
		return;
	vgic_lock_pair(from, to);
	raw_spin_lock(&irq->lock);
	moved = irq->vcpu == from && irq->target == to && !irq->active;
	if (moved) {
		list_move_tail(&irq->ap_list, &to->vgic.ap_list);
		irq->vcpu = to;
	}
	raw_spin_unlock(&irq->lock);
	vgic_unlock_pair(from, to);
	if (moved)
		vgic_kick(to);
}

/* Should @a go into a list register before @b? */
static bool irq_before(const struct avcpu_vgic_irq *a,
		       const struct avcpu_vgic_irq *b)
{
	if (a->active != b->active)
		return a->active;
	if (a->priority != b->priority)
		return a->priority < b->priority;
	return a->intid < b->intid;
}

/*
 * The list register for @irq (its lock held); takes an edge's latch.  A
 * level-sensitive interrupt that is active goes in active only: whether
 * its line is still high once the guest has dealt with its source is
 * known after the guest ends it, not now.
 *
 * The guest's end of a level-sensitive interrupt is an exit (the LR's
 * EOI bit, a maintenance interrupt) only when something may follow
 * from it: its line is high, an irqfd wants the resample, or a latch
 * waits behind the active state.  A pulse (an irqfd without resample,
 * an ISPENDR write) with the line low ends with nothing to do; if the
 * line rises meanwhile, the injection kicks the vCPU and the next
 * entry asks for the EOI exit.
 */
static u64 irq_to_lr(struct avcpu_vgic_irq *irq)
{
	bool pending = avcpu_vgic_irq_pending(irq) && irq->enabled;
	u64 lr = irq->intid;

	if (irq->level && (irq->line_level || irq->resample ||
			   (irq->active && irq->pending_latch)))
		lr |= ICH_LR_EOI;
	if (irq->level && irq->active)
		pending = false;

	lr |= (u64)irq->priority << ICH_LR_PRIORITY_SHIFT;
	if (irq->group1)
		lr |= ICH_LR_GROUP;
	if (irq->active)
		lr |= ICH_LR_ACTIVE_BIT;
	if (pending) {
		lr |= ICH_LR_PENDING_BIT;
		if (!irq->level)
			irq->pending_latch = false;
	}
	return lr;
}

/*
 * Walk the list: drop what is no longer deliverable, and choose the
 * interrupts for the list registers into @best (sorted, at most @nr).
 * Returns how many are deliverable in all, or -EAGAIN with *@moving set
 * to an SPI that must change lists first (ap_lock held by the caller).
 */
static int vgic_choose(struct avcpu_vcpu *vcpu, struct avcpu_vgic_irq **best,
		       unsigned int nr, unsigned int *chosen,
		       struct avcpu_vgic_irq **moving)
{
	struct avcpu_vgic_irq *irq, *tmp;
	unsigned int n = 0, i;
	int count = 0;

	list_for_each_entry_safe(irq, tmp, &vcpu->vgic.ap_list, ap_list) {
		raw_spin_lock(&irq->lock);
		if (!irq_deliverable(irq)) {
			list_del(&irq->ap_list);
			irq->vcpu = NULL;
			raw_spin_unlock(&irq->lock);
			continue;
		}
		if (!irq->active && irq->target != vcpu) {
			raw_spin_unlock(&irq->lock);
			*moving = irq;
			return -EAGAIN;
		}
		count++;
		/* Insert into the sorted best[], dropping its last if full. */
		for (i = n; i > 0 && irq_before(irq, best[i - 1]); i--)
			if (i < nr)
				best[i] = best[i - 1];
		if (i < nr) {
			best[i] = irq;
			if (n < nr)
				n++;
		}
		raw_spin_unlock(&irq->lock);
	}
	*chosen = n;
	return count;
}

void avcpu_vgic_flush_lrs(struct avcpu_vcpu *vcpu)
{
	struct avcpu_vgic_cpu *vc = &vcpu->vgic;
	/* Chosen straight into place: sync emptied it (no stack array). */
	struct avcpu_vgic_irq **best = vc->lr_irq, *moving;
	struct avcpu_hyp_vgic *hv = &vcpu->hyp->vgic;
	unsigned int n, i, nr_pending = 0;
	u32 hcr = 0;
	int count;

	for (;;) {
		raw_spin_lock(&vc->ap_lock);
		count = vgic_choose(vcpu, best, vgic_hw.nr_lr, &n, &moving);
		if (count != -EAGAIN)
			break;
		raw_spin_unlock(&vc->ap_lock);
		vgic_migrate(vcpu, moving);
	}
	for (i = 0; i < n; i++) {
		struct avcpu_vgic_irq *irq = best[i];

		raw_spin_lock(&irq->lock);
		hv->lr[i] = irq_to_lr(irq);
		if (hv->lr[i] & ICH_LR_PENDING_BIT)
			nr_pending++;
		irq->in_lr = true;
		irq->lr_pending = hv->lr[i] & ICH_LR_PENDING_BIT;
		irq->sw_newer = 0;
		raw_spin_unlock(&irq->lock);
	}
	raw_spin_unlock(&vc->ap_lock);

	/*
	 * More than fit: an exit when the list registers (nearly) empty,
	 * and, if a pending one went in, when none is pending any more
	 * (the others may be active ones the guest has not ended yet).
	 */
	if (count > n) {
		hcr |= ICH_HCR_UIE | VGIC_HCR_LRENPIE;
		if (nr_pending)
			hcr |= ICH_HCR_NPIE;
		/*
		 * Whatever EOImode is now: the guest may set it and
		 * deactivate before its next exit.
		 */
		if (vgic_hw.tds)
			hcr |= ICH_HCR_TDIR;
	}
	hv->hcr = hcr;
	hv->used_lrs = n;
	vc->used_lrs = n;
}

/*
 * The guest ended @count active interrupts that were in no list register
 * (ICH_HCR_EL2.EOIcount; more were active than fit, LRENPIE asked for
 * the exit).  An EOI drops the highest active priority: take the most
 * urgent active interrupt outside the list registers as the one it
 * ended, each time.  Used with EOImode 0, and with EOImode 1 only where
 * ICC_DIR_EL1 writes cannot be trapped (no ICH_VTR_EL2.TDS; otherwise
 * TDIR names each one, avcpu_vgic_deactivate()): the count then mixes
 * priority drops and deactivations, and the same choice holds only for
 * a guest that deactivates in priority order.
 * Those an irqfd resamples are told.  Interrupts masked, before the
 * list registers are read back (in_lr still says which ones were
 * there).  Rare: its array is kept off the path of every exit.
 */
static noinline void vgic_eoi_unlisted(struct avcpu_vcpu *vcpu, u32 count)
{
	struct avcpu_vgic_cpu *vc = &vcpu->vgic;
	struct avcpu_vgic_irq *irq, *best;
	u32 prio = 0, intid = 0, eoi[32], nr_eoi = 0, i;

	raw_spin_lock(&vc->ap_lock);
	while (count--) {
		best = NULL;
		list_for_each_entry(irq, &vc->ap_list, ap_list) {
			raw_spin_lock(&irq->lock);
			if (irq->active && !irq->in_lr &&
			    (!best || irq->priority < prio ||
			     (irq->priority == prio && irq->intid < intid))) {
				best = irq;
				prio = irq->priority;
				intid = irq->intid;
			}
			raw_spin_unlock(&irq->lock);
		}
		if (!best)
			break;
		raw_spin_lock(&best->lock);
		best->active = false;
		if (best->level && best->resample && nr_eoi < ARRAY_SIZE(eoi))
			eoi[nr_eoi++] = best->intid;
		raw_spin_unlock(&best->lock);
	}
	raw_spin_unlock(&vc->ap_lock);
	for (i = 0; i < nr_eoi; i++)
		avcpu_vgic_notify_eoi(vcpu->vm, eoi[i]);
}

/* The pending state of @irq's list register @lr, back into @irq. */
static void lr_fold_pending(struct avcpu_vgic_irq *irq, u64 lr)
{
	if (lr & ICH_LR_PENDING_BIT) {
		/* Not acknowledged: an edge's latch comes back. */
		if (!irq->level)
			irq->pending_latch = true;
	} else if (irq->level && irq->lr_pending) {
		/*
		 * Acknowledged: a latched level is consumed.  One that went
		 * in active only (ISPENDR while active) keeps its latch.
		 */
		irq->pending_latch = false;
	}
}

void avcpu_vgic_sync_lrs(struct avcpu_vcpu *vcpu)
{
	struct avcpu_vgic_cpu *vc = &vcpu->vgic;
	struct avcpu_hyp_vgic *hv = &vcpu->hyp->vgic;
	unsigned int i, n = min(vc->used_lrs, vgic_hw.nr_lr);
	u32 unlisted = FIELD_GET(AVCPU_VGIC_HCR_EOICOUNT, hv->hcr);

	/*
	 * With EOImode 1 the trapped ICC_DIR_EL1 writes deactivate (TDIR);
	 * EOIcount then says nothing this code needs (CPU interfaces such
	 * as QEMU's count priority drops of unlisted interrupts there too).
	 * The EOImode is the one at the exit: a guest that changes it in
	 * the middle of a run with interrupts outside the list registers
	 * may see the guess of the other mode.
	 */
	if (unlisted && !(vgic_hw.tds && (hv->vmcr & ICH_VMCR_EOIM_MASK)))
		vgic_eoi_unlisted(vcpu, unlisted);
	for (i = 0; i < n; i++) {
		struct avcpu_vgic_irq *irq = vc->lr_irq[i];
		u64 lr = hv->lr[i];
		bool ended;

		vc->lr_irq[i] = NULL;
		if (!irq)
			continue;
		raw_spin_lock(&irq->lock);
		irq->in_lr = false;
		/*
		 * What the device half wrote while it was in there (another
		 * vCPU's distributor access, an irqfd) is newer than the list
		 * register: keep it.
		 */
		if (!(irq->sw_newer & AVCPU_VGIC_NEWER_ACTIVE))
			irq->active = lr & ICH_LR_ACTIVE_BIT;
		if (!(irq->sw_newer & AVCPU_VGIC_NEWER_PENDING))
			lr_fold_pending(irq, lr);
		irq->sw_newer = 0;
		/* Ended (EOI maintenance): resample the line. */
		ended = (lr & ICH_LR_EOI) && !(lr & ICH_LR_STATE) &&
			irq->resample;
		raw_spin_unlock(&irq->lock);
		if (ended)
			avcpu_vgic_notify_eoi(vcpu->vm, irq->intid);
	}
	vc->used_lrs = 0;
	hv->used_lrs = 0;
}

/*
 * A trapped ICC_DIR_EL1 write (ICH_HCR_EL2.TDIR, set by the fill while
 * interrupts are left out of the list registers): deactivate @intid.
 * The list registers were read back at the exit, so the interrupt's
 * state is all here; the next entry fills them again.  With EOImode 0
 * the write does nothing (the architecture leaves it UNPREDICTABLE); an
 * INTID that is not active, or no interrupt at all, is ignored, as the
 * CPU interface does.
 */
void avcpu_vgic_deactivate(struct avcpu_vcpu *vcpu, u32 intid)
{
	struct avcpu_vgic_irq *irq;
	unsigned long flags;
	bool resample;

	if (!(READ_ONCE(vcpu->hyp->vgic.vmcr) & ICH_VMCR_EOIM_MASK))
		return;
	irq = avcpu_vgic_get_irq(vcpu->vm, vcpu, intid);
	if (!irq)
		return;
	raw_spin_lock_irqsave(&irq->lock, flags);
	if (!irq->active) {
		raw_spin_unlock_irqrestore(&irq->lock, flags);
		return;
	}
	/* It may sit in another vCPU's list register: that one keeps this. */
	avcpu_vgic_set_active(irq, false);
	resample = irq->level && irq->resample;
	/* Pending again (a level still high, a latch): back to a list. */
	avcpu_vgic_queue_unlock(vcpu->vm, irq, flags);
	if (resample)
		avcpu_vgic_notify_eoi(vcpu->vm, intid);
}

bool avcpu_vgic_pending(struct avcpu_vcpu *vcpu)
{
	struct avcpu_vgic_cpu *vc = &vcpu->vgic;
	u32 vmcr = READ_ONCE(vcpu->hyp->vgic.vmcr);
	u32 pmr = (vmcr & ICH_VMCR_PMR_MASK) >> ICH_VMCR_PMR_SHIFT;
	struct avcpu_vgic_irq *irq;
	unsigned long flags;
	bool found = false;

	/*
	 * Nothing queued: no lock needed to say so.  An interrupt queued
	 * after this look kicks the vCPU (a request, which the WFI sleep
	 * also watches), so no wake-up is lost.
	 */
	if (list_empty(&vc->ap_list))
		return false;
	raw_spin_lock_irqsave(&vc->ap_lock, flags);
	list_for_each_entry(irq, &vc->ap_list, ap_list) {
		raw_spin_lock(&irq->lock);
		found = avcpu_vgic_irq_pending(irq) && irq->enabled &&
			irq->target && irq_group_on(irq) &&
			irq->priority < pmr &&
			(vmcr & (irq->group1 ? ICH_VMCR_ENG1_MASK :
					       ICH_VMCR_ENG0_MASK));
		raw_spin_unlock(&irq->lock);
		if (found)
			break;
	}
	raw_spin_unlock_irqrestore(&vc->ap_lock, flags);
	return found;
}

/* Does @target match the affinity and target list of an SGI write? */
static bool sgi_targets(const struct avcpu_vcpu *target, u64 val)
{
	u64 mpidr = target->mpidr;
	u32 aff0 = mpidr & 0xff;

	if (((val & ICC_SGI1R_AFFINITY_1_MASK) >> ICC_SGI1R_AFFINITY_1_SHIFT) !=
	    ((mpidr >> 8) & 0xff) ||
	    ((val & ICC_SGI1R_AFFINITY_2_MASK) >> ICC_SGI1R_AFFINITY_2_SHIFT) !=
	    ((mpidr >> 16) & 0xff) ||
	    ((val & ICC_SGI1R_AFFINITY_3_MASK) >> ICC_SGI1R_AFFINITY_3_SHIFT) !=
	    ((mpidr >> 32) & 0xff))
		return false;
	/* RS selects the block of 16 Aff0 values the target list covers. */
	if (((val & ICC_SGI1R_RS_MASK) >> ICC_SGI1R_RS_SHIFT) != aff0 >> 4)
		return false;
	return val & BIT(aff0 & 0xf);
}

void avcpu_vgic_send_sgi(struct avcpu_vcpu *vcpu, u64 val, bool group1)
{
	struct avcpu_vm *vm = vcpu->vm;
	u32 sgi = VGIC_SGI_ID(val);
	unsigned int i, nr, seq;
	u64 done = 0;

	/*
	 * No vm->lock: with the in-kernel GIC a vCPU stays allocated until
	 * its VM goes (vcpu.c, vcpu_detach()), so a pointer read from
	 * vcpus[] stays good; one closed meanwhile gets an SGI nobody will
	 * take.  A detach moves the last vCPU into the freed slot: a walk
	 * it overlapped goes again, past the vCPUs it served (by attach
	 * index), so each target gets the SGI once.
	 */
	do {
		seq = read_seqcount_begin(&vm->vcpus_seq);
		/* Pairs with the attach's release: its slot is filled. */
		nr = smp_load_acquire(&vm->nr_vcpus);
		for (i = 0; i < nr; i++) {
			struct avcpu_vcpu *t = READ_ONCE(vm->vcpus[i]);
			struct avcpu_vgic_irq *irq = &t->vgic.private[sgi];
			unsigned long flags;

			if (done & BIT_ULL(t->vgic.index))
				continue;
			done |= BIT_ULL(t->vgic.index);
			if (val & VGIC_SGI_IRM) {
				if (t == vcpu)
					continue;
			} else if (!sgi_targets(t, val)) {
				continue;
			}
			raw_spin_lock_irqsave(&irq->lock, flags);
			/* SGI1R makes Group 1 SGIs pending, SGI0R Group 0. */
			if (irq->group1 != group1) {
				raw_spin_unlock_irqrestore(&irq->lock, flags);
				continue;
			}
			irq->pending_latch = true;
			avcpu_vgic_queue_unlock(vm, irq, flags);
		}
	} while (read_seqcount_retry(&vm->vcpus_seq, seq));
}

/* The exit has happened: nothing else to do. */
static irqreturn_t maint_handler(int irq, void *cookie)
{
	return IRQ_HANDLED;
}

static int maint_cpu_up(unsigned int cpu)
{
	enable_percpu_irq(maint_irq, IRQ_TYPE_NONE);
	return 0;
}

static int maint_cpu_down(unsigned int cpu)
{
	disable_percpu_irq(maint_irq);
	return 0;
}

/* This CPU's list registers emptied (hyp/vgic-sr.h); cpuhp runs it there. */
static int lrs_cpu_up(unsigned int cpu)
{
	if (avcpu_host.mode == AVCPU_HOST_VHE)
		avcpu_vhe_vgic_clear_lrs(vgic_hw.nr_lr);
	else
		avcpu_nvhe_call(AVCPU_HVC_GIC_CLEAR_LRS, vgic_hw.nr_lr);
	return 0;
}

/* The Linux irq of the GICv3's maintenance PPI, from the device tree. */
static unsigned int maint_find_irq(void)
{
	struct device_node *np;
	unsigned int irq;

	np = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (!np)
		return 0;
	irq = irq_of_parse_and_map(np, 0);
	of_node_put(np);
	return irq;
}

/* ICH_VTR_EL2, read at EL2: directly on VHE, through avcpu's EL2 on nVHE. */
static u64 read_vtr(void)
{
	u64 vtr;

	if (avcpu_host.mode == AVCPU_HOST_VHE)
		return read_sysreg_s(SYS_ICH_VTR_EL2);
	vtr = avcpu_nvhe_call(AVCPU_HVC_GIC_VTR, 0);
	return vtr == AVCPU_STUB_ERR ? 0 : vtr;
}

int avcpu_vgic_cpu_init(void)
{
	u64 vtr, pfr0 = read_sanitised_ftr_reg(SYS_ID_AA64PFR0_EL1);
	u32 pre_bits;
	int ret;

	if (!cpuid_feature_extract_unsigned_field(pfr0,
						  ID_AA64PFR0_EL1_GIC_SHIFT))
		return 0;
	vtr = read_vtr();
	pre_bits = ((vtr >> 26) & 7) + 1;
	vgic_hw.pri_bits = ((vtr & ICH_VTR_PRI_BITS_MASK) >>
			    ICH_VTR_PRI_BITS_SHIFT) + 1;
	/* At least 32 priorities and 32 preemption levels (GICv3). */
	if (!vtr || vgic_hw.pri_bits < 5 || pre_bits < 5)
		return 0;

	maint_irq = maint_find_irq();
	if (!maint_irq) {
		pr_info("avcpu: no GICv3 maintenance interrupt in the device tree; no in-kernel GIC\n");
		return 0;
	}
	/* KVM may have it already, enabled on every CPU: use it as is. */
	if (!irq_has_action(maint_irq)) {
		ret = request_percpu_irq(maint_irq, maint_handler,
					 "avcpu-vgic-maint", &maint_cookie);
		if (ret)
			return ret;
		maint_owned = true;
		ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN,
					"avcpu/vgic:online", maint_cpu_up,
					maint_cpu_down);
		if (ret < 0) {
			free_percpu_irq(maint_irq, &maint_cookie);
			maint_owned = false;
			return ret;
		}
		maint_hp_state = ret;
	}
	vgic_hw.nr_lr = min_t(u32, (vtr & 0x1f) + 1, AVCPU_VGIC_MAX_LRS);
	vgic_hw.tds = vtr & VGIC_VTR_TDS;
	vgic_hw.nr_apr = 1U << (pre_bits - 5);
	/* Now on every online CPU, later on each one coming up. */
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "avcpu/vgic-lrs:online",
				lrs_cpu_up, NULL);
	if (ret < 0) {
		vgic_hw.nr_lr = 0;
		avcpu_vgic_cpu_exit();
		return ret;
	}
	lrs_hp_state = ret;
	pr_info("avcpu: in-kernel GICv3: %u list registers, %u priority bits\n",
		vgic_hw.nr_lr, vgic_hw.pri_bits);
	return 0;
}

void avcpu_vgic_cpu_exit(void)
{
	vgic_hw.nr_lr = 0;
	if (lrs_hp_state >= 0)
		cpuhp_remove_state(lrs_hp_state);
	lrs_hp_state = -1;
	if (!maint_owned)
		return;
	cpuhp_remove_state(maint_hp_state);
	free_percpu_irq(maint_irq, &maint_cookie);
	maint_owned = false;
}
