/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel GICv3 (AVCPU_CREATE_IRQCHIP): shared by its two halves.
 *
 * vgic.c, vgic-mmio.c, irqfd.c (the device): the ioctls, the
 * distributor's and redistributors' registers, SPI lines, irqfds and
 * the attribute save/restore.  They change an interrupt's state under
 * its lock and hand it to avcpu_vgic_queue_unlock().
 *
 * vgic-cpu.c and hyp/vgic-sr.h (the CPU side): each vCPU's list of
 * interrupts that are pending or active (ap_list), the list registers
 * filled before an entry and read back after the exit, maintenance
 * interrupts, SGIs the guest sends (ICC_SGI1R_EL1 traps), the timers'
 * PPIs, and the EL2 save/restore of the ICH_* registers.
 *
 * Locks, outermost first: vm->lock (ioctls), vgic_cpu.ap_lock of a
 * vCPU (two vCPUs: lower attach index first), irq->lock.  The last two
 * are raw spinlocks taken with interrupts saved: an hrtimer or an
 * eventfd wake-up may inject.
 */
#ifndef __AVCPU_VGIC_H__
#define __AVCPU_VGIC_H__

#include <linux/bits.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct workqueue_struct;

struct avcpu_vm;
struct avcpu_vcpu;

#define AVCPU_VGIC_NR_SGIS	16
#define AVCPU_VGIC_NR_PRIVATE	32	/* SGIs and PPIs, per vCPU */
#define AVCPU_VGIC_MAX_SPIS	960
#define AVCPU_VGIC_SPURIOUS	1023
#define AVCPU_VGIC_PRIO_BITS	5	/* priority bits the distributor keeps */

#define AVCPU_VGIC_VTIMER_PPI	27
#define AVCPU_VGIC_PTIMER_PPI	30
#define AVCPU_VGIC_MAINT_PPI	25
#define AVCPU_VGIC_MAX_LRS	16	/* ICH_LR<n>_EL2 an implementation has */

/* One interrupt's state (SGI, PPI or SPI). */
struct avcpu_vgic_irq {
	raw_spinlock_t lock;
	struct list_head ap_list;	/* on vcpu's ap_list, under its ap_lock */
	struct avcpu_vcpu *vcpu;	/* whose ap_list it is on, or NULL */
	struct avcpu_vcpu *target;	/* where it goes if pending now, or
					 * NULL (SPI routed nowhere)
					 */
	u32 intid;
	u64 mpidr;			/* SPI: GICD_IROUTER's affinity */
	bool route_any;			/* SPI: GICD_IROUTER.IRM = 1 */
	u8 priority;			/* as written, low bits kept 0 */
	bool level;			/* level-sensitive (ICFGR 0) */
	bool group1;			/* IGROUPR */
	bool enabled;			/* ISENABLER */
	bool active;			/* guest acknowledged, not deactivated */
	bool pending_latch;		/* edge seen, ISPENDR, or SGI sent */
	bool line_level;		/* input line (level-sensitive) */
	bool in_lr;			/* in a list register this entry */
	bool lr_pending;		/* ... and went in pending */
	u8 sw_newer;			/* AVCPU_VGIC_NEWER_*: set in_lr */
	u32 resample;			/* irqfds with a resamplefd on it */
};

/*
 * The device half changed an interrupt's active or pending state while
 * it sat in a list register of a vCPU in its guest: at the exit, the
 * list register's (older) copy of that state must not overwrite it.
 */
#define AVCPU_VGIC_NEWER_ACTIVE		BIT(0)
#define AVCPU_VGIC_NEWER_PENDING	BIT(1)

/* The pending latch or the active state set from outside the guest. */
static inline void avcpu_vgic_set_latch(struct avcpu_vgic_irq *irq, bool v)
{
	irq->pending_latch = v;
	if (irq->in_lr)
		irq->sw_newer |= AVCPU_VGIC_NEWER_PENDING;
}

static inline void avcpu_vgic_set_active(struct avcpu_vgic_irq *irq, bool v)
{
	irq->active = v;
	if (irq->in_lr)
		irq->sw_newer |= AVCPU_VGIC_NEWER_ACTIVE;
}

/* Pending as the guest sees it (ISPENDR reads this). */
static inline bool avcpu_vgic_irq_pending(const struct avcpu_vgic_irq *irq)
{
	return irq->pending_latch || (irq->level && irq->line_level);
}

/* Per VM (avcpu_vm.vgic). */
struct avcpu_vgic {
	bool created;			/* AVCPU_CREATE_IRQCHIP done */
	bool ran;			/* a vCPU entered the guest since */
	u32 nr_spis;
	u64 dist_base;
	u64 redist_base;
	u32 nr_redists;
	u32 gicd_ctlr;			/* EnableGrp0/1, ARE_S/NS as read */
	struct avcpu_vgic_irq *spis;	/* nr_spis of them */
	spinlock_t irqfds_lock;
	struct list_head irqfds;
	struct list_head resamplers;
	struct workqueue_struct *irqfd_wq;	/* irqfd shutdowns (irqfd.c) */
};

/* Per vCPU (avcpu_vcpu.vgic). */
struct avcpu_vgic_cpu {
	struct avcpu_vgic_irq private[AVCPU_VGIC_NR_PRIVATE];
	raw_spinlock_t ap_lock;
	struct list_head ap_list;	/* pending or active interrupts */
	u32 index;			/* attach order: redistributor index */
	u32 gicr_ctlr;
	u32 gicr_waker;			/* ProcessorSleep as the guest set it */
	u32 used_lrs;			/* filled at the last entry */
	/* CPU half: what each used list register holds */
	struct avcpu_vgic_irq *lr_irq[AVCPU_VGIC_MAX_LRS];
	/* AVCPU_IRQ_LEVEL_* bits driven high into PPIs 27/30 (timer.c) */
	u32 timer_lines;
};

/* --- the device half: vgic.c, vgic-mmio.c, irqfd.c ------------------ */

/* AVCPU_CREATE_IRQCHIP and friends, from the VM fd's ioctl. */
long avcpu_vgic_ioctl(struct avcpu_vm *vm, unsigned int cmd,
		      unsigned long arg);
/* The VM is going away: irqfds, SPIs. */
void avcpu_vgic_destroy(struct avcpu_vm *vm);
/* A vCPU attaches (AVCPU_SET_VM): its private interrupts, its index. */
int avcpu_vgic_vcpu_init(struct avcpu_vcpu *vcpu);
/* INTID -> state: private ones of @vcpu, SPIs of its VM; NULL if none. */
struct avcpu_vgic_irq *avcpu_vgic_get_irq(struct avcpu_vm *vm,
					  struct avcpu_vcpu *vcpu, u32 intid);
/* Drive an input line: SPI from the VMM or irqfd, PPI from a timer. */
int avcpu_vgic_inject(struct avcpu_vm *vm, struct avcpu_vcpu *vcpu,
		      u32 intid, bool level);
/*
 * A guest data abort at @ipa: if it is the distributor or a
 * redistributor, emulate it (true) with @data in guest byte order.
 */
bool avcpu_vgic_mmio(struct avcpu_vcpu *vcpu, u64 ipa, bool is_write,
		     unsigned int len, u64 *data);
/* A level-sensitive interrupt the guest ended: lower resampled irqfds. */
void avcpu_vgic_notify_eoi(struct avcpu_vm *vm, u32 intid);

/* GICD_CTLR: EnableGrp0 and EnableGrp1; ARE and DS always read as one. */
#define AVCPU_GICD_CTLR_EN_G0	BIT(0)
#define AVCPU_GICD_CTLR_EN_G1	BIT(1)
#define AVCPU_GICD_CTLR_RAO	(BIT(4) | BIT(6))

/* GICR_WAKER bits (the guest's redistributor power handshake). */
#define AVCPU_GICR_WAKER_PS	BIT(1)	/* ProcessorSleep */
#define AVCPU_GICR_WAKER_CA	BIT(2)	/* ChildrenAsleep */

/* Device-half internals and the hooks vm.c, vcpu.c and mmio.c call. */
void avcpu_vgic_vcpu_attached(struct avcpu_vcpu *vcpu);
void avcpu_vgic_vcpu_destroy(struct avcpu_vcpu *vcpu);
void avcpu_vgic_vcpu_reset(struct avcpu_vcpu *vcpu);
void avcpu_vgic_mark_ran(struct avcpu_vm *vm);	/* avcpu.h */
bool avcpu_vgic_overlaps(struct avcpu_vm *vm, u64 gpa, u64 size);
bool avcpu_vgic_in_regions(struct avcpu_vm *vm, u64 ipa);
struct avcpu_vcpu *avcpu_vgic_vcpu_by_index(struct avcpu_vm *vm, u32 index);
void avcpu_vgic_spi_retarget(struct avcpu_vm *vm, struct avcpu_vgic_irq *irq);
void avcpu_vgic_requeue_spis(struct avcpu_vm *vm, bool retarget);
void avcpu_vgic_latch(struct avcpu_vm *vm, struct avcpu_vgic_irq *irq);
long avcpu_vgic_attr(struct avcpu_vm *vm, void __user *uarg, bool set);
/* CPU_SYSREGS attribute: ICC_* register @reg (AVCPU_REG_SYS low bits). */
int avcpu_vgic_cpu_sysreg(struct avcpu_vcpu *vcpu, u32 reg, bool set,
			  u64 *val);
int avcpu_irqfd_init(struct avcpu_vm *vm);
long avcpu_irqfd_ioctl(struct avcpu_vm *vm, void __user *uarg);
void avcpu_irqfd_destroy(struct avcpu_vm *vm);

static inline bool avcpu_vgic_on(const struct avcpu_vgic *vgic)
{
	return READ_ONCE(vgic->created);
}

/* --- the CPU half: vgic-cpu.c ---------------------------------------- */

/*
 * @irq (its lock held, interrupts saved in @flags) may have become
 * deliverable or stopped being so: put it on its target's ap_list and
 * kick that vCPU, or leave it where it is.  Drops the lock.
 */
void avcpu_vgic_queue_unlock(struct avcpu_vm *vm, struct avcpu_vgic_irq *irq,
			     unsigned long flags);
/*
 * The same, with vm->lock held, for a caller that queues many: the vCPUs
 * to kick are marked in @kicks (bits: attach index) and kicked once by
 * avcpu_vgic_kick_marked() afterwards.
 */
void avcpu_vgic_queue_unlock_mark(struct avcpu_vm *vm,
				  struct avcpu_vgic_irq *irq,
				  unsigned long flags, u64 *kicks);
void avcpu_vgic_kick_marked(struct avcpu_vm *vm, u64 kicks);
/*
 * Before an entry, interrupts masked: fill the list registers.  After the
 * exit: read them back.  The run loop calls them through
 * avcpu_vgic_flush() and avcpu_vgic_sync() (avcpu.h), which do nothing
 * more when nothing is queued, no list register was used and the exit
 * brought no EOIcount.
 */
void avcpu_vgic_flush_lrs(struct avcpu_vcpu *vcpu);
void avcpu_vgic_sync_lrs(struct avcpu_vcpu *vcpu);
/* ICH_HCR_EL2.EOIcount: EOIs that matched no list register. */
#define AVCPU_VGIC_HCR_EOICOUNT	GENMASK(31, 27)
/* The host's list register and active-priority counts for EL2. */
void avcpu_vgic_hyp_init(struct avcpu_vcpu *vcpu);
/* Does the vCPU have something to wake up for (WFI)? */
bool avcpu_vgic_pending(struct avcpu_vcpu *vcpu);
/* A trapped ICC_SGI1R_EL1 / ICC_ASGI1R_EL1 / ICC_SGI0R_EL1 write. */
void avcpu_vgic_send_sgi(struct avcpu_vcpu *vcpu, u64 val, bool group1);
/* A trapped ICC_DIR_EL1 write (EOImode 1, ICH_HCR_EL2.TDIR). */
void avcpu_vgic_deactivate(struct avcpu_vcpu *vcpu, u32 intid);
/* The host side of the maintenance interrupt: module load and unload. */
int avcpu_vgic_cpu_init(void);
void avcpu_vgic_cpu_exit(void);
/*
 * The host's GICv3 CPU interface can run guests' (ICH_VTR_EL2 read at
 * load, the maintenance interrupt found): AVCPU_FEAT_GICV3.  The number
 * of priority bits the guest's interface has (ICH_VTR_EL2.PRIbits + 1)
 * comes with it.
 */
bool avcpu_vgic_host_ok(void);
unsigned int avcpu_vgic_pri_bits(void);
struct seq_file;
void avcpu_vgic_show_hw(struct seq_file *m);	/* debugfs.c */

#endif /* __AVCPU_VGIC_H__ */
