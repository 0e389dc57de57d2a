// SPDX-License-Identifier: GPL-2.0
/*
 * The in-kernel GICv3, device half: AVCPU_CREATE_IRQCHIP and the other
 * irqchip ioctls of the VM fd, the interrupts' state and where SPIs go,
 * the input lines (the VMM's AVCPU_IRQCHIP_LINE, irqfds, the timers).
 * The registers are in vgic-mmio.c, irqfds in irqfd.c, the list
 * registers and SGIs in vgic-cpu.c.
 */
#include <linux/bitfield.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/sysreg.h>
#include "avcpu.h"

/* --- CPU_SYSREGS: the guest's ICC_* state, in its ICH_VMCR and APRs -- */

/* An ICC_* register's AVCPU_REG_SYS() low 16 bits. */
#define ICC(op0, op1, crn, crm, op2) \
	((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

#define ICC_PMR		ICC(3, 0, 4, 6, 0)
#define ICC_BPR0	ICC(3, 0, 12, 8, 3)
#define ICC_AP0R(n)	ICC(3, 0, 12, 8, 4 + (n))
#define ICC_AP1R(n)	ICC(3, 0, 12, 9, (n))
#define ICC_BPR1	ICC(3, 0, 12, 12, 3)
#define ICC_CTLR	ICC(3, 0, 12, 12, 4)
#define ICC_SRE		ICC(3, 0, 12, 12, 5)
#define ICC_IGRPEN0	ICC(3, 0, 12, 12, 6)
#define ICC_IGRPEN1	ICC(3, 0, 12, 12, 7)

#define ICC_CTLR_CBPR		BIT(0)
#define ICC_CTLR_EOIMODE	BIT(1)
#define ICC_CTLR_PRIBITS	GENMASK(10, 8)
#define ICC_CTLR_A3V		BIT(15)
#define ICC_SRE_VALUE		0x7	/* SRE, DFB, DIB: RAO/WI */

/* One VMCR field as a register: @shift, @mask (the field, in place). */
static int vmcr_field(u32 *vmcr, u32 shift, u32 mask, bool set, u64 *val)
{
	if (!set) {
		*val = (*vmcr & mask) >> shift;
		return 0;
	}
	*vmcr = (*vmcr & ~mask) | (((u32)*val << shift) & mask);
	return 0;
}

/*
 * AVCPU_GIC_GRP_CPU_SYSREGS: the CPU interface's state as the guest's
 * ICC_* registers read, kept in the vCPU's hyp context between runs
 * (ICH_VMCR_EL2, ICH_AP0R/AP1R).  vm->lock held, no vCPU in RUN.
 */
int avcpu_vgic_cpu_sysreg(struct avcpu_vcpu *vcpu, u32 reg, bool set,
			  u64 *val)
{
	struct avcpu_hyp_vgic *hg = &vcpu->hyp->vgic;
	u32 *vmcr = &hg->vmcr;
	u32 n;

	switch (reg) {
	case ICC_PMR:
		return vmcr_field(vmcr, ICH_VMCR_PMR_SHIFT, ICH_VMCR_PMR_MASK,
				  set, val);
	case ICC_BPR0:
		return vmcr_field(vmcr, ICH_VMCR_BPR0_SHIFT,
				  ICH_VMCR_BPR0_MASK, set, val);
	case ICC_BPR1:
		return vmcr_field(vmcr, ICH_VMCR_BPR1_SHIFT,
				  ICH_VMCR_BPR1_MASK, set, val);
	case ICC_IGRPEN0:
		return vmcr_field(vmcr, ICH_VMCR_ENG0_SHIFT,
				  ICH_VMCR_ENG0_MASK, set, val);
	case ICC_IGRPEN1:
		return vmcr_field(vmcr, ICH_VMCR_ENG1_SHIFT,
				  ICH_VMCR_ENG1_MASK, set, val);
	case ICC_SRE:
		if (!set)
			*val = ICC_SRE_VALUE;
		return 0;
	case ICC_CTLR:
		if (set) {
			u64 cbpr = *val & ICC_CTLR_CBPR;
			u64 eoim = !!(*val & ICC_CTLR_EOIMODE);

			vmcr_field(vmcr, ICH_VMCR_CBPR_SHIFT,
				   ICH_VMCR_CBPR_MASK, true, &cbpr);
			vmcr_field(vmcr, ICH_VMCR_EOIM_SHIFT,
				   ICH_VMCR_EOIM_MASK, true, &eoim);
			return 0;
		}
		*val = FIELD_PREP(ICC_CTLR_PRIBITS, avcpu_vgic_pri_bits() - 1) |
		       ICC_CTLR_A3V;
		if (*vmcr & ICH_VMCR_CBPR_MASK)
			*val |= ICC_CTLR_CBPR;
		if (*vmcr & ICH_VMCR_EOIM_MASK)
			*val |= ICC_CTLR_EOIMODE;
		return 0;
	}
	for (n = 0; n < AVCPU_HYP_MAX_APRS; n++) {
		u32 *apr = reg == ICC_AP0R(n) ? &hg->ap0r[n] :
			   reg == ICC_AP1R(n) ? &hg->ap1r[n] : NULL;

		if (!apr)
			continue;
		if (set)
			*apr = *val;
		else
			*val = *apr;
		return 0;
	}
	return -EINVAL;
}

/* The state the guest sees of an interrupt, as at reset. */
static void vgic_irq_reset(struct avcpu_vgic_irq *irq)
{
	irq->mpidr = 0;
	irq->route_any = false;
	irq->priority = 0;
	/* SGIs are edge-triggered, PPIs (the timers) and SPIs level. */
	irq->level = irq->intid >= AVCPU_VGIC_NR_SGIS;
	irq->group1 = false;
	irq->enabled = false;
	irq->active = false;
	irq->pending_latch = false;
	irq->in_lr = false;
	irq->lr_pending = false;
	irq->sw_newer = 0;
}

static void vgic_irq_init(struct avcpu_vgic_irq *irq, u32 intid,
			  struct avcpu_vcpu *target)
{
	raw_spin_lock_init(&irq->lock);
	INIT_LIST_HEAD(&irq->ap_list);
	irq->vcpu = NULL;
	irq->target = target;
	irq->intid = intid;
	irq->line_level = false;
	irq->resample = 0;
	vgic_irq_reset(irq);
}

/* The vCPU with redistributor @index, or NULL.  Caller holds vm->lock. */
struct avcpu_vcpu *avcpu_vgic_vcpu_by_index(struct avcpu_vm *vm, u32 index)
{
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus; i++)
		if (vm->vcpus[i]->vgic.index == index)
			return vm->vcpus[i];
	return NULL;
}

/*
 * Where an SPI goes with its GICD_IROUTER as it is: the vCPU with that
 * affinity, or with IRM set the first redistributor's.  Caller holds
 * vm->lock and irq->lock.
 */
void avcpu_vgic_spi_retarget(struct avcpu_vm *vm, struct avcpu_vgic_irq *irq)
{
	struct avcpu_vcpu *t = NULL;
	unsigned int i;

	if (irq->route_any) {
		for (i = 0; i < vm->nr_vcpus; i++)
			if (!t || vm->vcpus[i]->vgic.index < t->vgic.index)
				t = vm->vcpus[i];
	} else {
		for (i = 0; i < vm->nr_vcpus; i++)
			if ((vm->vcpus[i]->mpidr & AVCPU_MPIDR_AFF_MASK) ==
			    irq->mpidr)
				t = vm->vcpus[i];
	}
	irq->target = t;
}

/*
 * Every SPI looked at again: after a vCPU came or went (@retarget: its
 * target too), or GICD_CTLR's enables changed.  Each vCPU concerned is
 * kicked once, at the end.  Caller holds vm->lock.
 */
void avcpu_vgic_requeue_spis(struct avcpu_vm *vm, bool retarget)
{
	struct avcpu_vgic *vgic = &vm->vgic;
	unsigned long flags;
	u64 kicks = 0;
	u32 i;

	for (i = 0; i < vgic->nr_spis; i++) {
		struct avcpu_vgic_irq *irq = &vgic->spis[i];

		raw_spin_lock_irqsave(&irq->lock, flags);
		if (retarget)
			avcpu_vgic_spi_retarget(vm, irq);
		avcpu_vgic_queue_unlock_mark(vm, irq, flags, &kicks);
	}
	avcpu_vgic_kick_marked(vm, kicks);
}

/* The vCPU's private interrupts and redistributor state, as at reset. */
static void vgic_vcpu_reset(struct avcpu_vcpu *vcpu)
{
	struct avcpu_vgic_cpu *vc = &vcpu->vgic;
	u32 i;

	for (i = 0; i < AVCPU_VGIC_NR_PRIVATE; i++)
		vgic_irq_init(&vc->private[i], i, vcpu);
	raw_spin_lock_init(&vc->ap_lock);
	INIT_LIST_HEAD(&vc->ap_list);
	vc->gicr_ctlr = 0;
	vc->gicr_waker = AVCPU_GICR_WAKER_PS | AVCPU_GICR_WAKER_CA;
	vc->used_lrs = 0;
	avcpu_vgic_hyp_init(vcpu);
}

/*
 * AVCPU_VCPU_RESET (vcpu->lock held: not in RUN, its list registers read
 * back): its redistributor's private interrupts and registers and its
 * CPU interface (ICH_VMCR, active priorities, list registers) as at
 * creation, as a CPU reset does to the hardware's.  The input lines (the
 * timers' PPIs) stay as they are, driven from outside the GIC; SPIs are
 * the distributor's and keep their state, those queued to the vCPU too.
 */
void avcpu_vgic_vcpu_reset(struct avcpu_vcpu *vcpu)
{
	struct avcpu_hyp_vgic *hv = &vcpu->hyp->vgic;
	struct avcpu_vgic_cpu *vc = &vcpu->vgic;
	struct avcpu_vm *vm = vcpu->vm;
	unsigned long flags;
	u32 i;

	mutex_lock(&vm->lock);
	raw_spin_lock_irqsave(&vc->ap_lock, flags);
	for (i = 0; i < AVCPU_VGIC_NR_PRIVATE; i++) {
		struct avcpu_vgic_irq *irq = &vc->private[i];

		raw_spin_lock(&irq->lock);
		if (irq->vcpu) {
			list_del_init(&irq->ap_list);
			irq->vcpu = NULL;
		}
		vgic_irq_reset(irq);
		raw_spin_unlock(&irq->lock);
	}
	raw_spin_unlock_irqrestore(&vc->ap_lock, flags);
	vc->gicr_ctlr = 0;
	WRITE_ONCE(vc->gicr_waker, AVCPU_GICR_WAKER_PS | AVCPU_GICR_WAKER_CA);
	vc->used_lrs = 0;
	memset(vc->lr_irq, 0, sizeof(vc->lr_irq));
	memset(hv->lr, 0, sizeof(hv->lr));
	memset(hv->ap0r, 0, sizeof(hv->ap0r));
	memset(hv->ap1r, 0, sizeof(hv->ap1r));
	WRITE_ONCE(hv->vmcr, 0);
	hv->hcr = 0;
	hv->used_lrs = 0;
	mutex_unlock(&vm->lock);
}

/*
 * AVCPU_SET_VM: @vcpu is about to join vm->vcpus (vm->lock held), its
 * state ready before anyone can find it there.  Its redistributor index
 * is the lowest one no attached vCPU has: the attach order.  With the
 * irqchip there, a vCPU past the last redistributor is refused.
 */
int avcpu_vgic_vcpu_init(struct avcpu_vcpu *vcpu)
{
	struct avcpu_vm *vm = vcpu->vm;
	u32 index = 0;

	while (index < AVCPU_MAX_VCPUS) {
		struct avcpu_vcpu *o = avcpu_vgic_vcpu_by_index(vm, index);

		if (!o || o == vcpu)
			break;
		index++;
	}
	vcpu->vgic.index = index;
	vgic_vcpu_reset(vcpu);
	if (!vm->vgic.created)
		return 0;
	if (index >= vm->vgic.nr_redists) {
		pr_info_ratelimited("avcpu: vgic: vCPU %u has no redistributor (%u)\n",
				    index, vm->vgic.nr_redists);
		return -ENOSPC;
	}
	return 0;
}

/* @vcpu is in vm->vcpus now (vm->lock held): SPIs routed to it go there. */
void avcpu_vgic_vcpu_attached(struct avcpu_vcpu *vcpu)
{
	if (vcpu->vm->vgic.created)
		avcpu_vgic_requeue_spis(vcpu->vm, true);
}

/*
 * A vCPU leaves its VM (its fd closed; vm->lock held, @vcpu already out of
 * vm->vcpus): no SPI may go to it any more, none may stay on its list.
 */
void avcpu_vgic_vcpu_destroy(struct avcpu_vcpu *vcpu)
{
	struct avcpu_vgic_cpu *vc = &vcpu->vgic;
	struct avcpu_vm *vm = vcpu->vm;
	struct avcpu_vgic_irq *irq, *tmp;
	unsigned long flags;

	if (!vm->vgic.created)
		return;
	/* No SPI goes to it from here on... */
	avcpu_vgic_requeue_spis(vm, true);
	raw_spin_lock_irqsave(&vc->ap_lock, flags);
	list_for_each_entry_safe(irq, tmp, &vc->ap_list, ap_list) {
		raw_spin_lock(&irq->lock);
		list_del_init(&irq->ap_list);
		irq->vcpu = NULL;
		raw_spin_unlock(&irq->lock);
	}
	raw_spin_unlock_irqrestore(&vc->ap_lock, flags);
	/* ...and those it had are queued to their new targets. */
	avcpu_vgic_requeue_spis(vm, true);
}

struct avcpu_vgic_irq *avcpu_vgic_get_irq(struct avcpu_vm *vm,
					  struct avcpu_vcpu *vcpu, u32 intid)
{
	struct avcpu_vgic *vgic = &vm->vgic;

	if (intid < AVCPU_VGIC_NR_PRIVATE)
		return vcpu ? &vcpu->vgic.private[intid] : NULL;
	/* created is set after spis and nr_spis: pairs with vgic_create(). */
	if (!smp_load_acquire(&vgic->created))
		return NULL;
	if (intid - AVCPU_VGIC_NR_PRIVATE < vgic->nr_spis)
		return &vgic->spis[intid - AVCPU_VGIC_NR_PRIVATE];
	return NULL;
}

/*
 * An input line changes.  Level-sensitive: the line is the pending state
 * (with any latch).  Edge-triggered: a rising level latches it pending.
 * Any context.
 */
int avcpu_vgic_inject(struct avcpu_vm *vm, struct avcpu_vcpu *vcpu,
		      u32 intid, bool level)
{
	struct avcpu_vgic_irq *irq = avcpu_vgic_get_irq(vm, vcpu, intid);
	unsigned long flags;

	if (!irq || intid < AVCPU_VGIC_NR_SGIS)
		return -EINVAL;
	raw_spin_lock_irqsave(&irq->lock, flags);
	if (!irq->level && level && !irq->line_level)
		avcpu_vgic_set_latch(irq, true);
	irq->line_level = level;
	avcpu_vgic_queue_unlock(vm, irq, flags);
	return 0;
}

/* Edge on an SPI whatever its configuration (irqfd without resample). */
void avcpu_vgic_latch(struct avcpu_vm *vm, struct avcpu_vgic_irq *irq)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&irq->lock, flags);
	avcpu_vgic_set_latch(irq, true);
	avcpu_vgic_queue_unlock(vm, irq, flags);
}

static bool ranges_overlap(u64 a, u64 asize, u64 b, u64 bsize)
{
	return a < b + bsize && b < a + asize;
}

/*
 * Whether [@gpa, @gpa + @size) meets a GIC region.  Caller holds
 * vm->lock (vm.c, AVCPU_SET_MEMORY_REGION).
 */
bool avcpu_vgic_overlaps(struct avcpu_vm *vm, u64 gpa, u64 size)
{
	struct avcpu_vgic *vgic = &vm->vgic;

	if (!vgic->created)
		return false;
	return ranges_overlap(gpa, size, vgic->dist_base,
			      AVCPU_GICV3_DIST_SIZE) ||
	       ranges_overlap(gpa, size, vgic->redist_base,
			      (u64)vgic->nr_redists * AVCPU_GICV3_REDIST_SIZE);
}

static int vgic_check_layout(struct avcpu_vm *vm, const struct avcpu_irqchip *c)
{
	u64 top = BIT_ULL(vm->ipa_bits);
	u64 rsize = (u64)c->nr_redists * AVCPU_GICV3_REDIST_SIZE;
	unsigned int i;

	if (c->nr_spis % 32 || c->nr_spis < 32 ||
	    c->nr_spis > AVCPU_VGIC_MAX_SPIS) {
		pr_info_ratelimited("avcpu: vgic: nr_spis %u: a multiple of 32, 32..960\n",
				    c->nr_spis);
		return -EINVAL;
	}
	if (!c->nr_redists || c->nr_redists > AVCPU_MAX_VCPUS) {
		pr_info_ratelimited("avcpu: vgic: nr_redists %u: 1..%u\n",
				    c->nr_redists, AVCPU_MAX_VCPUS);
		return -EINVAL;
	}
	if (!IS_ALIGNED(c->dist_base, SZ_64K) ||
	    !IS_ALIGNED(c->redist_base, SZ_64K)) {
		pr_info_ratelimited("avcpu: vgic: bases must be 64 KiB aligned\n");
		return -EINVAL;
	}
	if (c->dist_base >= top || top - c->dist_base < AVCPU_GICV3_DIST_SIZE ||
	    c->redist_base >= top || top - c->redist_base < rsize) {
		pr_info_ratelimited("avcpu: vgic: region beyond the %u-bit IPA space\n",
				    vm->ipa_bits);
		return -EINVAL;
	}
	if (ranges_overlap(c->dist_base, AVCPU_GICV3_DIST_SIZE,
			   c->redist_base, rsize)) {
		pr_info_ratelimited("avcpu: vgic: distributor and redistributors overlap\n");
		return -EINVAL;
	}
	for (i = 0; i < AVCPU_MAX_SLOTS; i++) {
		struct avcpu_memslot *s = &vm->slots[i];

		if (!s->size)
			continue;
		if (ranges_overlap(s->gpa, s->size, c->dist_base,
				   AVCPU_GICV3_DIST_SIZE) ||
		    ranges_overlap(s->gpa, s->size, c->redist_base, rsize)) {
			pr_info_ratelimited("avcpu: vgic: region overlaps memory slot %u\n",
					    i);
			return -EINVAL;
		}
	}
	return 0;
}

static int vgic_create(struct avcpu_vm *vm, void __user *uarg)
{
	struct avcpu_vgic *vgic = &vm->vgic;
	struct avcpu_vgic_irq *spis;
	struct avcpu_irqchip c;
	unsigned int i;
	int ret;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	if (c.type != AVCPU_IRQCHIP_GICV3 || c.flags ||
	    !mem_is_zero(c.reserved, sizeof(c.reserved)))
		return -EINVAL;
	if (!avcpu_vgic_host_ok())
		return -ENODEV;

	mutex_lock(&vm->lock);
	ret = -EEXIST;
	if (vgic->created)
		goto out;
	ret = -EBUSY;
	if (vgic->ran)
		goto out;
	ret = vgic_check_layout(vm, &c);
	if (ret)
		goto out;
	ret = -ENOSPC;
	if (vm->nr_vcpus > c.nr_redists) {
		pr_info_ratelimited("avcpu: vgic: %u vCPUs attached, %u redistributors\n",
				    vm->nr_vcpus, c.nr_redists);
		goto out;
	}
	ret = -ENOMEM;
	spis = kvcalloc(c.nr_spis, sizeof(*spis), GFP_KERNEL_ACCOUNT);
	if (!spis)
		goto out;
	ret = avcpu_irqfd_init(vm);
	if (ret) {
		kvfree(spis);
		goto out;
	}
	for (i = 0; i < c.nr_spis; i++)
		vgic_irq_init(&spis[i], AVCPU_VGIC_NR_PRIVATE + i, NULL);
	vgic->spis = spis;
	vgic->nr_spis = c.nr_spis;
	vgic->dist_base = c.dist_base;
	vgic->redist_base = c.redist_base;
	vgic->nr_redists = c.nr_redists;
	vgic->gicd_ctlr = AVCPU_GICD_CTLR_RAO;
	for (i = 0; i < vm->nr_vcpus; i++)
		vgic_vcpu_reset(vm->vcpus[i]);
	/* Everything above before created; pairs with avcpu_vgic_get_irq(). */
	smp_store_release(&vgic->created, true);
	avcpu_vgic_requeue_spis(vm, true);
	ret = 0;
out:
	mutex_unlock(&vm->lock);
	return ret;
}

/* avcpu_vgic_note_run() for the first time (vgic.h). */
void avcpu_vgic_mark_ran(struct avcpu_vm *vm)
{
	mutex_lock(&vm->lock);
	WRITE_ONCE(vm->vgic.ran, true);
	mutex_unlock(&vm->lock);
}

static int vgic_line(struct avcpu_vm *vm, void __user *uarg)
{
	struct avcpu_irq_level l;

	if (copy_from_user(&l, uarg, sizeof(l)))
		return -EFAULT;
	if (l.level > 1 || l.reserved)
		return -EINVAL;
	if (!avcpu_vgic_on(&vm->vgic))
		return -ENXIO;
	if (l.intid < AVCPU_VGIC_NR_PRIVATE)
		return -EINVAL;
	return avcpu_vgic_inject(vm, NULL, l.intid, l.level);
}

long avcpu_vgic_ioctl(struct avcpu_vm *vm, unsigned int cmd,
		      unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case AVCPU_CREATE_IRQCHIP:
		return vgic_create(vm, uarg);
	case AVCPU_IRQCHIP_LINE:
		return vgic_line(vm, uarg);
	case AVCPU_IRQFD:
		return avcpu_irqfd_ioctl(vm, uarg);
	case AVCPU_IRQCHIP_GET_ATTR:
	case AVCPU_IRQCHIP_SET_ATTR:
		return avcpu_vgic_attr(vm, uarg, cmd == AVCPU_IRQCHIP_SET_ATTR);
	default:
		return -ENOTTY;
	}
}

/* The VM is going away, every vCPU gone already: irqfds, then the SPIs. */
void avcpu_vgic_destroy(struct avcpu_vm *vm)
{
	struct avcpu_vgic *vgic = &vm->vgic;

	if (!vgic->created)
		return;
	avcpu_irqfd_destroy(vm);
	kvfree(vgic->spis);
	vgic->spis = NULL;
	vgic->nr_spis = 0;
}
