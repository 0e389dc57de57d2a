// SPDX-License-Identifier: GPL-2.0
/*
 * AVCPU_IRQFD: an eventfd bound to an SPI of the in-kernel GIC.  A write
 * to the eventfd wakes its wait queue, whose callback here (any context,
 * the eventfd's wait-queue lock held, interrupts off) raises the SPI: no
 * call into the vCPU's thread, no sleeping.
 *
 * Without AVCPU_IRQFD_RESAMPLE each write latches the SPI pending (an
 * edge).  With it the write drives the SPI's line high; the line stays
 * high until the guest ends the interrupt (avcpu_vgic_notify_eoi(), from
 * the CPU half), which lowers it and signals the resamplefd, so that the
 * device can raise it again while it still needs service.
 *
 * Lifetime: an irqfd is on vgic.irqfds from its assignment until one of
 * three things takes it off, under irqfds_lock: AVCPU_IRQFD_DEASSIGN,
 * the eventfd's last close (EPOLLHUP in the callback), or the VM going
 * away.  Whoever takes it off queues its shutdown on the VM's workqueue,
 * which waits for RCU readers (notify_eoi), unhooks it from the eventfd's
 * wait queue (after which no callback can run) and frees it.  The VM
 * drains that workqueue before it frees anything a callback touches.
 */
#include <linux/eventfd.h>
#include <linux/file.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include "avcpu.h"
#include "compat.h"

struct avcpu_vgic_irqfd {
	struct avcpu_vm *vm;
	struct avcpu_vgic_irq *irq;
	struct eventfd_ctx *eventfd;
	struct eventfd_ctx *resamplefd;	/* AVCPU_IRQFD_RESAMPLE, or NULL */
	struct list_head list;		/* vgic.irqfds (RCU for readers) */
	bool on_list;			/* under irqfds_lock */
	wait_queue_entry_t wait;
	poll_table pt;
	struct work_struct shutdown;
};

/* The eventfd was written: raise the SPI.  Any context. */
static void irqfd_fire(struct avcpu_vgic_irqfd *f)
{
	if (f->resamplefd)
		avcpu_vgic_inject(f->vm, NULL, f->irq->intid, true);
	else
		avcpu_vgic_latch(f->vm, f->irq);
}

/* Caller holds irqfds_lock and saw f->on_list. */
static void irqfd_deactivate(struct avcpu_vgic_irqfd *f)
{
	list_del_rcu(&f->list);
	f->on_list = false;
	queue_work(f->vm->vgic.irqfd_wq, &f->shutdown);
}

static void irqfd_shutdown(struct work_struct *work)
{
	struct avcpu_vgic_irqfd *f = container_of(work,
						  struct avcpu_vgic_irqfd,
						  shutdown);
	struct avcpu_vgic_irq *irq = f->irq;
	unsigned long flags;
	u64 cnt;

	/* notify_eoi() may still walk past it. */
	synchronize_rcu();
	/* After this no wake-up callback runs for it. */
	eventfd_ctx_remove_wait_queue(f->eventfd, &f->wait, &cnt);
	if (f->resamplefd) {
		raw_spin_lock_irqsave(&irq->lock, flags);
		if (!WARN_ON_ONCE(!irq->resample) && !--irq->resample)
			irq->line_level = false;
		avcpu_vgic_queue_unlock(f->vm, irq, flags);
		eventfd_ctx_put(f->resamplefd);
	}
	eventfd_ctx_put(f->eventfd);
	kfree(f);
}

static int irqfd_wakeup(wait_queue_entry_t *wait, unsigned int mode,
			int sync, void *key)
{
	struct avcpu_vgic_irqfd *f = container_of(wait,
						  struct avcpu_vgic_irqfd,
						  wait);
	struct avcpu_vgic *vgic = &f->vm->vgic;
	__poll_t events = key_to_poll(key);
	unsigned long flags;
	u64 cnt;

	if (events & EPOLLIN) {
		/* The wait-queue lock is held: consume the count here. */
		eventfd_ctx_do_read(f->eventfd, &cnt);
		irqfd_fire(f);
	}
	if (events & EPOLLHUP) {
		/* The eventfd's last close: the binding goes with it. */
		spin_lock_irqsave(&vgic->irqfds_lock, flags);
		if (f->on_list)
			irqfd_deactivate(f);
		spin_unlock_irqrestore(&vgic->irqfds_lock, flags);
	}
	return 0;
}

static void irqfd_ptable_queue(struct file *file, wait_queue_head_t *wqh,
			       poll_table *pt)
{
	struct avcpu_vgic_irqfd *f = container_of(pt, struct avcpu_vgic_irqfd,
						  pt);

	add_wait_queue(wqh, &f->wait);
}

/* Caller holds vm->lock: assignments and deassignments one at a time. */
static int irqfd_assign(struct avcpu_vm *vm, const struct avcpu_irqfd *a,
			struct avcpu_vgic_irq *irq)
{
	struct avcpu_vgic *vgic = &vm->vgic;
	struct eventfd_ctx *eventfd, *resamplefd = NULL;
	struct avcpu_vgic_irqfd *f, *o;
	unsigned long flags;
	struct fd fd;
	__poll_t events;
	int ret;

	fd = fdget(a->fd);
	if (!avcpu_fd_file(fd))
		return -EBADF;
	eventfd = eventfd_ctx_fileget(avcpu_fd_file(fd));
	if (IS_ERR(eventfd)) {
		ret = PTR_ERR(eventfd);
		goto out_fd;
	}
	if (a->flags & AVCPU_IRQFD_RESAMPLE) {
		resamplefd = eventfd_ctx_fdget(a->resamplefd);
		if (IS_ERR(resamplefd)) {
			ret = PTR_ERR(resamplefd);
			goto out_ctx;
		}
	}
	ret = -ENOMEM;
	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		goto out_resample;
	f->vm = vm;
	f->irq = irq;
	f->eventfd = eventfd;
	f->resamplefd = resamplefd;
	INIT_WORK(&f->shutdown, irqfd_shutdown);
	init_waitqueue_func_entry(&f->wait, irqfd_wakeup);
	init_poll_funcptr(&f->pt, irqfd_ptable_queue);

	spin_lock_irqsave(&vgic->irqfds_lock, flags);
	list_for_each_entry(o, &vgic->irqfds, list) {
		if (o->eventfd == eventfd) {
			spin_unlock_irqrestore(&vgic->irqfds_lock, flags);
			ret = -EBUSY;
			kfree(f);
			goto out_resample;
		}
	}
	list_add_tail_rcu(&f->list, &vgic->irqfds);
	f->on_list = true;
	spin_unlock_irqrestore(&vgic->irqfds_lock, flags);

	if (resamplefd) {
		raw_spin_lock_irqsave(&irq->lock, flags);
		irq->resample++;
		raw_spin_unlock_irqrestore(&irq->lock, flags);
	}

	/*
	 * Hook into the eventfd's wait queue.  Our file reference keeps it
	 * open meanwhile, so no EPOLLHUP can take the irqfd away first.
	 */
	events = vfs_poll(avcpu_fd_file(fd), &f->pt);
	if (events & EPOLLIN)
		irqfd_fire(f);
	fdput(fd);
	return 0;

out_resample:
	if (resamplefd)
		eventfd_ctx_put(resamplefd);
out_ctx:
	eventfd_ctx_put(eventfd);
out_fd:
	fdput(fd);
	return ret;
}

static int irqfd_deassign(struct avcpu_vm *vm, const struct avcpu_irqfd *a)
{
	struct avcpu_vgic *vgic = &vm->vgic;
	struct avcpu_vgic_irqfd *f;
	struct eventfd_ctx *eventfd;
	unsigned long flags;
	int ret = -ENOENT;

	eventfd = eventfd_ctx_fdget(a->fd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);
	spin_lock_irqsave(&vgic->irqfds_lock, flags);
	list_for_each_entry(f, &vgic->irqfds, list) {
		if (f->eventfd == eventfd && f->irq->intid == a->intid) {
			irqfd_deactivate(f);
			ret = 0;
			break;
		}
	}
	spin_unlock_irqrestore(&vgic->irqfds_lock, flags);
	eventfd_ctx_put(eventfd);
	/* Gone for good when the call returns: no injection after it. */
	flush_workqueue(vgic->irqfd_wq);
	return ret;
}

#define AVCPU_IRQFD_FLAGS	(AVCPU_IRQFD_DEASSIGN | AVCPU_IRQFD_RESAMPLE)

long avcpu_irqfd_ioctl(struct avcpu_vm *vm, void __user *uarg)
{
	struct avcpu_vgic_irq *irq;
	struct avcpu_irqfd a;
	long ret;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.flags & ~AVCPU_IRQFD_FLAGS ||
	    a.flags == AVCPU_IRQFD_FLAGS ||
	    (!a.flags && a.resamplefd) ||
	    !mem_is_zero(a.reserved, sizeof(a.reserved)))
		return -EINVAL;
	if (!avcpu_vgic_on(&vm->vgic))
		return -ENXIO;
	irq = avcpu_vgic_get_irq(vm, NULL, a.intid);
	if (!irq || a.intid < AVCPU_VGIC_NR_PRIVATE)
		return -EINVAL;
	if (a.fd < 0)
		return -EBADF;

	mutex_lock(&vm->lock);
	if (a.flags & AVCPU_IRQFD_DEASSIGN)
		ret = irqfd_deassign(vm, &a);
	else
		ret = irqfd_assign(vm, &a, irq);
	mutex_unlock(&vm->lock);
	return ret;
}

/*
 * The guest ended level-sensitive @intid: lower the line resampled
 * irqfds hold up and tell their devices.  Any context.
 */
void avcpu_vgic_notify_eoi(struct avcpu_vm *vm, u32 intid)
{
	struct avcpu_vgic_irq *irq = avcpu_vgic_get_irq(vm, NULL, intid);
	struct avcpu_vgic_irqfd *f;
	unsigned long flags;
	bool resampled;

	if (!irq || intid < AVCPU_VGIC_NR_PRIVATE)
		return;
	raw_spin_lock_irqsave(&irq->lock, flags);
	resampled = irq->resample;
	if (resampled)
		irq->line_level = false;
	avcpu_vgic_queue_unlock(vm, irq, flags);
	if (!resampled)
		return;
	rcu_read_lock();
	list_for_each_entry_rcu(f, &vm->vgic.irqfds, list)
		if (f->irq == irq && f->resamplefd)
			avcpu_eventfd_signal(f->resamplefd);
	rcu_read_unlock();
}

/* AVCPU_CREATE_IRQCHIP, vm->lock held. */
int avcpu_irqfd_init(struct avcpu_vm *vm)
{
	struct avcpu_vgic *vgic = &vm->vgic;

	spin_lock_init(&vgic->irqfds_lock);
	INIT_LIST_HEAD(&vgic->irqfds);
	INIT_LIST_HEAD(&vgic->resamplers);
	vgic->irqfd_wq = alloc_workqueue("avcpu-irqfd", 0, 0);
	return vgic->irqfd_wq ? 0 : -ENOMEM;
}

/*
 * The VM is going away (no ioctl can come any more): take every irqfd
 * off, and wait until each is unhooked from its eventfd and freed.  An
 * eventfd closing meanwhile takes its irqfd off itself; either way its
 * shutdown is queued once, and drained here.
 */
void avcpu_irqfd_destroy(struct avcpu_vm *vm)
{
	struct avcpu_vgic *vgic = &vm->vgic;
	struct avcpu_vgic_irqfd *f, *tmp;
	unsigned long flags;

	if (!vgic->irqfd_wq)
		return;
	spin_lock_irqsave(&vgic->irqfds_lock, flags);
	list_for_each_entry_safe(f, tmp, &vgic->irqfds, list)
		irqfd_deactivate(f);
	spin_unlock_irqrestore(&vgic->irqfds_lock, flags);
	destroy_workqueue(vgic->irqfd_wq);
	vgic->irqfd_wq = NULL;
}
