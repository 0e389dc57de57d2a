// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 distributor and redistributors as the guest (and the
 * attribute ioctls) see them: Arm IHI 0069, one security state
 * (GICD_CTLR.DS = 1), affinity routing always on (ARE = 1, RAO/WI), no
 * LPIs, no ITS, no message-based SPIs.
 *
 * Every access is cut into the 32-bit registers it covers, each handled
 * with a byte-lane mask: byte accesses to GICD_IPRIORITYR, 32- and 64-bit
 * ones to GICD_IROUTER and GICR_TYPER all reduce to that.  Offsets the
 * architecture reserves, registers of what is not emulated and
 * misaligned accesses read as zero and ignore writes: whatever the guest
 * does there, it stays in the kernel and touches only its own VM's
 * interrupt state.
 */
#include <linux/bitfield.h>
#include <linux/sizes.h>
#include <linux/uaccess.h>
#include <linux/irqchip/arm-gic-v3.h>
#include "avcpu.h"

/*
 * The GICD_* and GICR_* offsets and bits come from the kernel's header;
 * these few it does not name.
 */
#define AVCPU_GICR_SGI_BASE		SZ_64K	/* SGI_base frame in a redist */
#define AVCPU_GICD_TYPER_IDBITS		GENMASK(23, 19)
#define AVCPU_GICD_TYPER_A3V		BIT(24)
#define AVCPU_GICR_TYPER_PROC_NUM	GENMASK(23, 8)

/* ArchRev 3, JEP106 code used, JEP106 identity bits of Arm. */
#define AVCPU_GIC_PIDR2		0x3b
/* Implementer Arm (0x43b) as QEMU and KVM report, product 'v' for avcpu. */
#define AVCPU_GIC_IIDR		(0x76U << 24 | 0x43b)

#define PRIO_MASK	GENMASK(7, 8 - AVCPU_VGIC_PRIO_BITS)

/* One access: whose registers, and who asks. */
struct gic_ctx {
	struct avcpu_vm *vm;
	struct avcpu_vcpu *vcpu;	/* the redistributor's vCPU, or NULL */
	u32 index;			/* the redistributor's frame */
	bool user;			/* attribute ioctl, not the guest */
};

enum gic_bits {
	GIC_GROUP,
	GIC_ENABLE,
	GIC_PENDING,
	GIC_ACTIVE,
};

static struct avcpu_vgic_irq *ctx_irq(struct gic_ctx *c, u32 intid)
{
	return avcpu_vgic_get_irq(c->vm, c->vcpu, intid);
}

/*
 * The INTIDs of a 32-bit register that starts at @first, @bits of it per
 * INTID, in order: reg_next() gives the next one that exists and whose
 * field has a bit in the byte lanes @mask, its place in the register in
 * @i.
 */
struct reg_iter {
	struct gic_ctx *c;
	u32 first;
	u32 bits;
	u32 mask;
	u32 next;			/* the next place to look at */
	u32 i;
};

#define REG_ITER(ctx, first_intid, bits_each, byte_mask)		\
	((struct reg_iter){ .c = (ctx), .first = (first_intid),	\
			    .bits = (bits_each), .mask = (byte_mask) })

static struct avcpu_vgic_irq *reg_next(struct reg_iter *it)
{
	while (it->next < 32 / it->bits) {
		u32 i = it->next++;
		struct avcpu_vgic_irq *irq;

		if (!(it->mask & GENMASK(it->bits - 1, 0) << (it->bits * i)))
			continue;
		irq = ctx_irq(it->c, it->first + i);
		if (irq) {
			it->i = i;
			return irq;
		}
	}
	return NULL;
}

static bool irq_bit(struct avcpu_vgic_irq *irq, enum gic_bits what)
{
	switch (what) {
	case GIC_GROUP:
		return irq->group1;
	case GIC_ENABLE:
		return irq->enabled;
	case GIC_PENDING:
		return avcpu_vgic_irq_pending(irq);
	case GIC_ACTIVE:
		return irq->active;
	}
	return false;
}

static void set_irq_bit(struct avcpu_vgic_irq *irq, enum gic_bits what,
			bool v)
{
	switch (what) {
	case GIC_GROUP:
		irq->group1 = v;
		break;
	case GIC_ENABLE:
		irq->enabled = v;
		break;
	case GIC_PENDING:
		/* The latch; a level-sensitive line stays as it is. */
		avcpu_vgic_set_latch(irq, v);
		break;
	case GIC_ACTIVE:
		avcpu_vgic_set_active(irq, v);
		break;
	}
}

/* One bit per INTID, 32 from @first. */
static u32 bits_read(struct gic_ctx *c, u32 first, enum gic_bits what)
{
	struct reg_iter it = REG_ITER(c, first, 1, ~0U);
	struct avcpu_vgic_irq *irq;
	unsigned long flags;
	u32 val = 0;

	while ((irq = reg_next(&it))) {
		raw_spin_lock_irqsave(&irq->lock, flags);
		if (irq_bit(irq, what))
			val |= BIT(it.i);
		raw_spin_unlock_irqrestore(&irq->lock, flags);
	}
	return val;
}

/*
 * The guest's set (@set) or clear register: a one sets or clears that
 * INTID's bit, a zero does nothing.  @exact (IGROUPR, and the set
 * registers written through the attribute ioctl): the bit becomes the
 * value written.
 */
static void bits_write(struct gic_ctx *c, u32 first, enum gic_bits what,
		       u32 val, u32 mask, bool set, bool exact)
{
	struct reg_iter it = REG_ITER(c, first, 1, mask);
	struct avcpu_vgic_irq *irq;
	unsigned long flags;

	while ((irq = reg_next(&it))) {
		bool v = val & BIT(it.i);

		if (!exact && !v)
			continue;
		raw_spin_lock_irqsave(&irq->lock, flags);
		set_irq_bit(irq, what, exact ? v : set);
		avcpu_vgic_queue_unlock(c->vm, irq, flags);
	}
}

/* Four priority bytes from @first. */
static u32 prio_read(struct gic_ctx *c, u32 first)
{
	struct reg_iter it = REG_ITER(c, first, 8, ~0U);
	struct avcpu_vgic_irq *irq;
	unsigned long flags;
	u32 val = 0;

	while ((irq = reg_next(&it))) {
		raw_spin_lock_irqsave(&irq->lock, flags);
		val |= (u32)irq->priority << (8 * it.i);
		raw_spin_unlock_irqrestore(&irq->lock, flags);
	}
	return val;
}

static void prio_write(struct gic_ctx *c, u32 first, u32 val, u32 mask)
{
	struct reg_iter it = REG_ITER(c, first, 8, mask);
	struct avcpu_vgic_irq *irq;
	unsigned long flags;

	while ((irq = reg_next(&it))) {
		raw_spin_lock_irqsave(&irq->lock, flags);
		irq->priority = (val >> (8 * it.i)) & PRIO_MASK;
		avcpu_vgic_queue_unlock(c->vm, irq, flags);
	}
}

/* Two bits per INTID, 16 from @first: Int_config[1] set = edge. */
static u32 cfg_read(struct gic_ctx *c, u32 first)
{
	struct reg_iter it = REG_ITER(c, first, 2, ~0U);
	struct avcpu_vgic_irq *irq;
	unsigned long flags;
	u32 val = 0;

	while ((irq = reg_next(&it))) {
		raw_spin_lock_irqsave(&irq->lock, flags);
		if (!irq->level)
			val |= BIT(2 * it.i + 1);
		raw_spin_unlock_irqrestore(&irq->lock, flags);
	}
	return val;
}

static void cfg_write(struct gic_ctx *c, u32 first, u32 val, u32 mask)
{
	struct reg_iter it = REG_ITER(c, first, 2, mask);
	struct avcpu_vgic_irq *irq;
	unsigned long flags;

	while ((irq = reg_next(&it))) {
		/* SGIs are always edge-triggered (RO). */
		if (first + it.i < AVCPU_VGIC_NR_SGIS)
			continue;
		raw_spin_lock_irqsave(&irq->lock, flags);
		irq->level = !(val & BIT(2 * it.i + 1));
		avcpu_vgic_queue_unlock(c->vm, irq, flags);
	}
}

/* GICD_IROUTER<n>, one of its two halves (@hi). */
static u32 router_read(struct gic_ctx *c, u32 intid, bool hi)
{
	struct avcpu_vgic_irq *irq = ctx_irq(c, intid);
	unsigned long flags;
	u64 v;

	if (!irq || intid < AVCPU_VGIC_NR_PRIVATE)
		return 0;
	raw_spin_lock_irqsave(&irq->lock, flags);
	v = irq->mpidr | (irq->route_any ? GICD_IROUTER_SPI_MODE_ANY : 0);
	raw_spin_unlock_irqrestore(&irq->lock, flags);
	return hi ? v >> 32 : (u32)v;
}

static void router_write(struct gic_ctx *c, u32 intid, bool hi, u32 val,
			 u32 mask)
{
	struct avcpu_vgic_irq *irq = ctx_irq(c, intid);
	unsigned long flags;
	u64 v, m;

	if (!irq || intid < AVCPU_VGIC_NR_PRIVATE)
		return;
	raw_spin_lock_irqsave(&irq->lock, flags);
	v = irq->mpidr | (irq->route_any ? GICD_IROUTER_SPI_MODE_ANY : 0);
	m = hi ? (u64)mask << 32 : mask;
	v = (v & ~m) | ((hi ? (u64)val << 32 : val) & m);
	irq->mpidr = v & AVCPU_MPIDR_AFF_MASK;
	irq->route_any = v & GICD_IROUTER_SPI_MODE_ANY;
	avcpu_vgic_spi_retarget(c->vm, irq);
	avcpu_vgic_queue_unlock(c->vm, irq, flags);
}

/*
 * The bitmap, priority and configuration registers, distributor
 * (@first_ok: the first INTID they may name, 32 with ARE = 1) and
 * SGI_base frame alike.  Returns false for any other offset.
 */
static bool irq_regs(struct gic_ctx *c, u32 off, bool write, u32 *val,
		     u32 mask, u32 first_ok, u32 limit)
{
	enum gic_bits what;
	bool set = false;
	u32 intid;

	if (off >= GICD_IGROUPR && off < GICD_IPRIORITYR) {
		intid = (off & 0x7f) * 8;
		switch (off & ~0x7f) {
		case GICD_IGROUPR:
			what = GIC_GROUP;
			break;
		case GICD_ISENABLER:
			set = true;
			fallthrough;
		case GICD_ICENABLER:
			what = GIC_ENABLE;
			break;
		case GICD_ISPENDR:
			set = true;
			fallthrough;
		case GICD_ICPENDR:
			what = GIC_PENDING;
			break;
		case GICD_ISACTIVER:
			set = true;
			fallthrough;
		default:
			what = GIC_ACTIVE;
			break;
		}
		if (intid < first_ok || intid >= limit)
			return true;
		if (!write)
			*val = bits_read(c, intid, what);
		else
			bits_write(c, intid, what, *val, mask, set,
				   what == GIC_GROUP || (c->user && set));
		return true;
	}
	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400) {
		intid = off - GICD_IPRIORITYR;
		if (intid < first_ok || intid >= limit)
			return true;
		if (!write)
			*val = prio_read(c, intid);
		else
			prio_write(c, intid, *val, mask);
		return true;
	}
	if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
		intid = (off - GICD_ICFGR) * 4;
		if (intid < first_ok || intid >= limit)
			return true;
		if (!write)
			*val = cfg_read(c, intid);
		else
			cfg_write(c, intid, *val, mask);
		return true;
	}
	return false;
}

/* One 32-bit distributor register, @mask the bytes accessed. */
static void dist_word(struct gic_ctx *c, u32 off, bool write, u32 *val,
		      u32 mask)
{
	struct avcpu_vgic *vgic = &c->vm->vgic;
	u32 limit = AVCPU_VGIC_NR_PRIVATE + vgic->nr_spis;

	if (!write)
		*val = 0;
	if (irq_regs(c, off, write, val, mask, AVCPU_VGIC_NR_PRIVATE, limit))
		return;
	if (off >= GICD_IROUTER + 8 * AVCPU_VGIC_NR_PRIVATE &&
	    off < GICD_IROUTER + 8 * limit) {
		u32 intid = (off - GICD_IROUTER) / 8;

		if (!write)
			*val = router_read(c, intid, off & 4);
		else
			router_write(c, intid, off & 4, *val, mask);
		return;
	}
	switch (off) {
	case GICD_CTLR:
		if (!write) {
			*val = READ_ONCE(vgic->gicd_ctlr);
		} else {
			u32 en = AVCPU_GICD_CTLR_EN_G0 |
				 AVCPU_GICD_CTLR_EN_G1;
			u32 old = vgic->gicd_ctlr;
			u32 new = (old & ~(mask & en)) | (*val & mask & en);

			WRITE_ONCE(vgic->gicd_ctlr, new);
			if (new != old)
				avcpu_vgic_requeue_spis(c->vm, false);
		}
		break;
	case GICD_TYPER:
		if (!write)
			*val = vgic->nr_spis / 32 |
			       FIELD_PREP(AVCPU_GICD_TYPER_IDBITS, 9) |
			       AVCPU_GICD_TYPER_A3V;
		break;
	case GICD_IIDR:
		if (!write)
			*val = AVCPU_GIC_IIDR;
		break;
	case GICD_PIDR2:
		if (!write)
			*val = AVCPU_GIC_PIDR2;
		break;
	/* GICD_TYPER2, IGRPMODR, everything else: RAZ/WI */
	}
}

static void redist_word(struct gic_ctx *c, u32 off, bool write, u32 *val,
			u32 mask)
{
	struct avcpu_vgic_cpu *vc = c->vcpu ? &c->vcpu->vgic : NULL;
	u64 typer, mpidr;

	if (!write)
		*val = 0;
	if (off >= AVCPU_GICR_SGI_BASE) {
		/* No vCPU behind the frame: its private interrupts RAZ/WI. */
		if (!vc)
			return;
		irq_regs(c, off - AVCPU_GICR_SGI_BASE, write, val, mask, 0,
			 AVCPU_VGIC_NR_PRIVATE);
		return;
	}
	switch (off) {
	case GICR_IIDR:
		if (!write)
			*val = AVCPU_GIC_IIDR;
		break;
	case GICR_TYPER:
	case GICR_TYPER + 4:
		if (write)
			break;
		/*
		 * A frame with no vCPU behind it (none attached yet, or
		 * closed) still describes the one that would be: the
		 * affinity VMMs give the vCPU of that index (Aff0 = index).
		 */
		mpidr = c->vcpu ? c->vcpu->mpidr : c->index;
		typer = FIELD_PREP(AVCPU_GICR_TYPER_PROC_NUM, c->index);
		if (c->index == c->vm->vgic.nr_redists - 1)
			typer |= GICR_TYPER_LAST;
		typer |= (mpidr & GENMASK_ULL(23, 0)) << 32;
		typer |= ((mpidr >> 32) & 0xff) << 56;
		*val = off == GICR_TYPER ? (u32)typer : typer >> 32;
		break;
	case GICR_WAKER:
		if (!vc) {
			/* Asleep, as at reset; nothing to wake. */
			if (!write)
				*val = AVCPU_GICR_WAKER_PS |
				       AVCPU_GICR_WAKER_CA;
		} else if (!write) {
			*val = READ_ONCE(vc->gicr_waker);
		} else if (mask & AVCPU_GICR_WAKER_PS) {
			/* The children sleep exactly when the processor does. */
			WRITE_ONCE(vc->gicr_waker, *val & AVCPU_GICR_WAKER_PS ?
				   AVCPU_GICR_WAKER_PS | AVCPU_GICR_WAKER_CA :
				   0);
		}
		break;
	case GICR_PIDR2:
		if (!write)
			*val = AVCPU_GIC_PIDR2;
		break;
	/* GICR_CTLR (no LPIs: all RES0 or 0), STATUSR, ...: RAZ/WI */
	}
}

/*
 * An access of @len bytes at @off in the distributor (@c->vcpu NULL) or a
 * redistributor's 128 KiB.  @data is the value as the bus carries it
 * (little-endian).  Caller holds vm->lock.
 */
static void gic_access(struct gic_ctx *c, bool redist, u32 off, bool write,
		       unsigned int len, u64 *data)
{
	unsigned int i, words = len == 8 ? 2 : 1;
	u64 result = 0;

	if (off & (len - 1)) {
		if (!write)
			*data = 0;
		return;
	}
	for (i = 0; i < words; i++) {
		u32 woff = (off & ~3U) + 4 * i;
		unsigned int shift = len < 4 ? (off & 3) * 8 : 0;
		u32 mask = len < 4 ? GENMASK(len * 8 - 1, 0) << shift : ~0U;
		u32 v = write ? (u32)(*data >> (32 * i)) << shift : 0;

		if (redist)
			redist_word(c, woff, write, &v, mask);
		else
			dist_word(c, woff, write, &v, mask);
		result |= (u64)((v & mask) >> shift) << (32 * i);
	}
	if (!write)
		*data = result;
}

/* Whether @ipa is in a GIC region of @vm. */
bool avcpu_vgic_in_regions(struct avcpu_vm *vm, u64 ipa)
{
	struct avcpu_vgic *vgic = &vm->vgic;

	/* created after the layout; pairs with vgic_create(). */
	if (!smp_load_acquire(&vgic->created))
		return false;
	return ipa - vgic->dist_base < AVCPU_GICV3_DIST_SIZE ||
	       ipa - vgic->redist_base <
	       (u64)vgic->nr_redists * AVCPU_GICV3_REDIST_SIZE;
}

bool avcpu_vgic_mmio(struct avcpu_vcpu *vcpu, u64 ipa, bool is_write,
		     unsigned int len, u64 *data)
{
	struct avcpu_vm *vm = vcpu->vm;
	struct avcpu_vgic *vgic = &vm->vgic;
	struct gic_ctx c = { .vm = vm };
	bool redist;
	u32 index;
	u64 off;

	if (!avcpu_vgic_in_regions(vm, ipa))
		return false;
	if (len != 1 && len != 2 && len != 4 && len != 8)
		len = 1;	/* never from mmio.c; keeps the masks sane */
	mutex_lock(&vm->lock);
	redist = ipa - vgic->dist_base >= AVCPU_GICV3_DIST_SIZE;
	if (redist) {
		off = ipa - vgic->redist_base;
		index = off / AVCPU_GICV3_REDIST_SIZE;
		c.vcpu = avcpu_vgic_vcpu_by_index(vm, index);
		c.index = index;
		off %= AVCPU_GICV3_REDIST_SIZE;
	} else {
		off = ipa - vgic->dist_base;
	}
	gic_access(&c, redist, off, is_write, len, data);
	mutex_unlock(&vm->lock);
	return true;
}

/* --- AVCPU_IRQCHIP_GET_ATTR / SET_ATTR -------------------------------- */

static bool vcpu_in_run(struct avcpu_vm *vm)
{
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus; i++)
		if (atomic_read(&vm->vcpus[i]->running))
			return true;
	return false;
}

/* LEVEL_INFO: the input lines of 32 INTIDs from @first. */
static int level_info(struct gic_ctx *c, u32 first, bool set, u64 *val)
{
	struct reg_iter it = REG_ITER(c, first, 1, ~0U);
	struct avcpu_vgic_irq *irq;
	unsigned long flags;

	if (first % 32 || first < AVCPU_VGIC_NR_PRIVATE ||
	    !ctx_irq(c, first))
		return -EINVAL;
	if (!set)
		*val = 0;
	while ((irq = reg_next(&it))) {
		raw_spin_lock_irqsave(&irq->lock, flags);
		if (!set) {
			if (irq->line_level)
				*val |= BIT(it.i);
			raw_spin_unlock_irqrestore(&irq->lock, flags);
			continue;
		}
		irq->line_level = *val & BIT(it.i);
		avcpu_vgic_queue_unlock(c->vm, irq, flags);
	}
	return 0;
}

/* 64-bit registers: both halves in one attribute. */
static bool reg_is_64(bool redist, u32 off)
{
	if (redist)
		return off == GICR_TYPER;
	return off >= GICD_IROUTER && off < GICD_IROUTER + 8 * 1024;
}

long avcpu_vgic_attr(struct avcpu_vm *vm, void __user *uarg, bool set)
{
	u64 __user *uval;
	struct avcpu_irqchip_attr a;
	struct gic_ctx c = { .vm = vm, .user = true };
	bool redist = false;
	u32 off;
	u64 val = 0;
	int ret;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.flags || a.reserved)
		return -EINVAL;
	if (!avcpu_vgic_on(&vm->vgic))
		return -ENXIO;
	uval = u64_to_user_ptr(a.addr);
	if (set && get_user(val, uval))
		return -EFAULT;
	off = (u32)a.attr;

	mutex_lock(&vm->lock);
	ret = -EBUSY;
	if (vcpu_in_run(vm))
		goto out;
	ret = -EINVAL;
	switch (a.group) {
	case AVCPU_GIC_GRP_DIST_REGS:
		if (a.attr >> 32 || off >= AVCPU_GICV3_DIST_SIZE || off & 3)
			goto out;
		break;
	case AVCPU_GIC_GRP_LEVEL_INFO:
		/* SPIs only: the lines of private ones are the timers'. */
		if (a.attr >> 32)
			goto out;
		ret = level_info(&c, off, set, &val);
		goto done;
	case AVCPU_GIC_GRP_REDIST_REGS:
		c.vcpu = avcpu_vgic_vcpu_by_index(vm, a.attr >> 32);
		if (!c.vcpu)
			goto out;
		c.index = c.vcpu->vgic.index;
		if (off >= AVCPU_GICV3_REDIST_SIZE || off & 3)
			goto out;
		redist = true;
		break;
	case AVCPU_GIC_GRP_CPU_SYSREGS:
		c.vcpu = avcpu_vgic_vcpu_by_index(vm, a.attr >> 32);
		if (!c.vcpu || a.attr & GENMASK_ULL(31, 16))
			goto out;
		/*
		 * The ICC_* state is in the vCPU's hyp context, which its RUN
		 * loads and saves without vm->lock: hold the vCPU's own lock,
		 * which RUN keeps from before its first entry to after its
		 * last exit.  A RUN that has just passed vcpu_in_run() holds
		 * it or waits for it.  Never wait here (RUN takes vm->lock
		 * inside its own): busy.
		 */
		ret = -EBUSY;
		if (!mutex_trylock(&c.vcpu->lock))
			goto out;
		ret = avcpu_vgic_cpu_sysreg(c.vcpu, off, set, &val);
		mutex_unlock(&c.vcpu->lock);
		goto done;
	default:
		goto out;
	}
	if (reg_is_64(redist, off) && off & 7)
		goto out;
	gic_access(&c, redist, off, set, reg_is_64(redist, off) ? 8 : 4, &val);
	ret = 0;
done:
	if (!ret && !set && put_user(val, uval))
		ret = -EFAULT;
out:
	mutex_unlock(&vm->lock);
	return ret;
}
