// SPDX-License-Identifier: GPL-2.0
/*
 * The vCPU object: creation, attachment to a VM (its stage-2 root), the
 * entry point, the mmap()ed run structure and the per-vCPU ioctls.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/cacheflush.h>
#include <asm/cputype.h>
#include "avcpu.h"
#include "compat.h"

static int vcpu_attach(struct avcpu_vcpu *vcpu, void __user *uarg)
{
	struct avcpu_vcpu_attach a;
	struct avcpu_vm *vm;
	unsigned int i;
	int ret;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.flags || !mem_is_zero(a.reserved, sizeof(a.reserved)))
		return -EINVAL;
	if (vcpu->vm)
		return -EBUSY;

	vm = avcpu_vm_from_fd(a.vm_fd);
	if (IS_ERR(vm))
		return PTR_ERR(vm);

	mutex_lock(&vm->lock);
	ret = -ENOSPC;
	if (vm->nr_vcpus == AVCPU_MAX_VCPUS)
		goto fail;
	ret = -EEXIST;
	for (i = 0; i < vm->nr_vcpus; i++)
		if (vm->vcpus[i]->mpidr == vcpu->mpidr)
			goto fail;
	/* Its interrupt state is ready before it is in vcpus[]. */
	vcpu->vm = vm;
	ret = avcpu_vgic_vcpu_init(vcpu);
	if (ret) {
		vcpu->vm = NULL;
		goto fail;
	}
	/*
	 * Its state before the slot: an SGI walk that read the count before
	 * a detach may reach this slot (vgic-cpu.c, READ_ONCE pairs).
	 */
	smp_store_release(&vm->vcpus[vm->nr_vcpus], vcpu);
	/* The slot before the count: a lockless reader's acquire pairs. */
	smp_store_release(&vm->nr_vcpus, vm->nr_vcpus + 1);
	avcpu_vgic_vcpu_attached(vcpu);
	mutex_unlock(&vm->lock);
	return 0;
fail:
	mutex_unlock(&vm->lock);
	avcpu_vm_put(vm);
	return ret;
}

/*
 * The vCPU's fd is closed: it leaves vcpus[].  Without the in-kernel GIC
 * nothing else can reach it and the caller frees it (true).  With it, an
 * interrupt may still name it as its target or list holder, and an SGI
 * sender, an irqfd firing in atomic context or another vCPU moving an
 * SPI may hold that pointer without vm->lock: it stays allocated, on
 * vm->closed_vcpus, until the VM itself goes (avcpu_vcpu_free_closed()).
 * Its timers stop now; it never runs again.
 */
static bool vcpu_detach(struct avcpu_vcpu *vcpu)
{
	struct avcpu_vm *vm = vcpu->vm;
	bool keep;
	unsigned int i;

	if (!vm)
		return false;
	mutex_lock(&vm->lock);
	for (i = 0; i < vm->nr_vcpus; i++) {
		if (vm->vcpus[i] == vcpu) {
			write_seqcount_begin(&vm->vcpus_seq);
			WRITE_ONCE(vm->vcpus[i], vm->vcpus[vm->nr_vcpus - 1]);
			WRITE_ONCE(vm->nr_vcpus, vm->nr_vcpus - 1);
			write_seqcount_end(&vm->vcpus_seq);
			break;
		}
	}
	keep = vm->vgic.created;
	if (keep) {
		avcpu_vcpu_irq_destroy(vcpu);
		avcpu_vgic_vcpu_destroy(vcpu);
		list_add_tail(&vcpu->closed_node, &vm->closed_vcpus);
	}
	mutex_unlock(&vm->lock);
	/* A kept vCPU holds no reference: the VM's release frees it. */
	avcpu_vm_put(vm);
	return keep;
}

static int vcpu_set_entry(struct avcpu_vcpu *vcpu, void __user *uarg)
{
	struct avcpu_entry e;

	if (copy_from_user(&e, uarg, sizeof(e)))
		return -EFAULT;
	if (e.flags || e.pad || !mem_is_zero(e.reserved, sizeof(e.reserved)) ||
	    !IS_ALIGNED(e.pc, 4))
		return -EINVAL;
	vcpu->hyp->gp.pc = e.pc;
	vcpu->entry_pc = e.pc;
	return 0;
}

/*
 * AVCPU_VCPU_RESET: registers, power state and lines as at creation, the
 * entry point as last set.  The VMM may have reloaded guest code and data
 * through its own, cacheable mapping, and the guest comes back with its
 * MMU and caches off: its accesses are non-cacheable and go to memory
 * (the Point of Coherency), past any line the VMM's writes left dirty in
 * the caches.  Without FEAT_S2FWB, unmap the guest's memory: each page is
 * cleaned to PoC again when the guest first touches it (stage2.c), as on
 * its first run, and the unmap itself cleans what it removes.  With FWB
 * stage 2 makes every guest access write-back cacheable, coherent with
 * the VMM's.  Either way instruction fetches must not hit code the
 * I-cache kept from before the reload.
 */
static int vcpu_reset(struct avcpu_vcpu *vcpu)
{
	spin_lock(&vcpu->power_lock);
	avcpu_vcpu_reset_regs(vcpu, vcpu->entry_pc, vcpu->dtb_addr);
	vcpu->power.off = vcpu->created_off;
	vcpu->power.on_pending = false;
	vcpu->power.system_event = 0;
	spin_unlock(&vcpu->power_lock);
	/* Atomic against a concurrent AVCPU_IRQ_LINE (set/clear_bit). */
	clear_bit(AVCPU_LINE_IRQ, &vcpu->lines);
	clear_bit(AVCPU_LINE_FIQ, &vcpu->lines);
	vcpu->run->irq_level = 0;
	/* Its redistributor and GIC CPU interface reset with it. */
	if (vcpu->vm && avcpu_vgic_on(&vcpu->vm->vgic))
		avcpu_vgic_vcpu_reset(vcpu);
	if (vcpu->vm && !avcpu_host.fwb) {
		avcpu_vm_unmap_all(vcpu->vm);
		atomic_inc(&avcpu_stats.reset_unmaps);
	}
	icache_inval_all_pou();
	return 0;
}

static long avcpu_vcpu_ioctl(struct file *filp, unsigned int cmd,
			     unsigned long arg)
{
	struct avcpu_vcpu *vcpu = filp->private_data;
	void __user *uarg = (void __user *)arg;
	long ret;

	if (cmd == AVCPU_RUN) {
		/* One runner at a time; a second caller is told, not queued. */
		if (atomic_cmpxchg(&vcpu->running, 0, 1))
			return -EBUSY;
		/*
		 * Uncontended, the lock is taken without might_sleep()'s
		 * voluntary reschedule: the way back to userspace has one.
		 */
		ret = -EINTR;
		if (mutex_trylock(&vcpu->lock) ||
		    !mutex_lock_interruptible(&vcpu->lock)) {
			/* From now on the VM's irqchip cannot be created. */
			if (vcpu->vm)
				avcpu_vgic_note_run(vcpu->vm);
			ret = avcpu_vcpu_run(vcpu);
			mutex_unlock(&vcpu->lock);
		}
		atomic_set(&vcpu->running, 0);
		return ret;
	}
	/* Lines may change while the vCPU runs: no lock. */
	if (cmd == AVCPU_IRQ_LINE)
		return avcpu_vcpu_irq_line(vcpu, uarg);
	/* Nor does reading its counters wait for it. */
	if (cmd == AVCPU_GET_STATS_FD)
		return avcpu_vcpu_stats_fd(vcpu, filp, arg);

	if (mutex_lock_interruptible(&vcpu->lock))
		return -EINTR;
	switch (cmd) {
	case AVCPU_SET_VM:
		ret = vcpu_attach(vcpu, uarg);
		break;
	case AVCPU_SET_ENTRY:
		ret = vcpu_set_entry(vcpu, uarg);
		break;
	case AVCPU_GET_ONE_REG:
		ret = avcpu_vcpu_get_one_reg(vcpu, uarg);
		break;
	case AVCPU_SET_ONE_REG:
		ret = avcpu_vcpu_set_one_reg(vcpu, uarg);
		break;
	case AVCPU_GET_REG_LIST:
		ret = avcpu_vcpu_get_reg_list(vcpu, uarg);
		break;
	case AVCPU_INJECT_EXCEPTION:
		ret = avcpu_vcpu_inject(vcpu, uarg);
		break;
	case AVCPU_VCPU_RESET:
		ret = vcpu_reset(vcpu);
		break;
	default:
		ret = -ENOTTY;
		break;
	}
	mutex_unlock(&vcpu->lock);
	return ret;
}

static int avcpu_vcpu_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct avcpu_vcpu *vcpu = filp->private_data;

	if (vma->vm_pgoff || vma->vm_end - vma->vm_start != PAGE_SIZE)
		return -EINVAL;
	avcpu_vm_flags_mod(vma, VM_DONTEXPAND | VM_DONTDUMP, VM_MAYEXEC);
	return vm_insert_page(vma, vma->vm_start, virt_to_page(vcpu->run));
}

static void vcpu_free(struct avcpu_vcpu *vcpu)
{
	avcpu_vcpu_irq_destroy(vcpu);
	avcpu_s2_cache_free(&vcpu->s2_cache);
	kfree(vcpu->fault_pages);
	if (vcpu->hyp)
		avcpu_el2_unmap_vcpu(vcpu->hyp);
	free_page((unsigned long)vcpu->hyp);
	/* A live mapping keeps its own reference on the run page. */
	free_page((unsigned long)vcpu->run);
	atomic_sub(!!vcpu->hyp + !!vcpu->run, &avcpu_stats.pages_held);
	kfree(vcpu);
}

static int avcpu_vcpu_release(struct inode *inode, struct file *filp)
{
	struct avcpu_vcpu *vcpu = filp->private_data;

	if (!vcpu_detach(vcpu))
		vcpu_free(vcpu);
	return 0;
}

/* The VM goes, its irqchip torn down: the vCPUs closed before it. */
void avcpu_vcpu_free_closed(struct avcpu_vm *vm)
{
	struct avcpu_vcpu *vcpu, *tmp;

	list_for_each_entry_safe(vcpu, tmp, &vm->closed_vcpus, closed_node) {
		list_del(&vcpu->closed_node);
		vcpu_free(vcpu);
	}
}

static const struct file_operations avcpu_vcpu_fops = {
	.owner = THIS_MODULE,
	.release = avcpu_vcpu_release,
	.unlocked_ioctl = avcpu_vcpu_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = avcpu_vcpu_mmap,
	.llseek = noop_llseek,
};

int avcpu_create_vcpu(struct avcpu_vcpu_create __user *uarg)
{
	struct avcpu_vcpu_create c;
	struct avcpu_vcpu *vcpu;
	int fd;

	BUILD_BUG_ON(sizeof(struct avcpu_hyp_vcpu) > PAGE_SIZE);
	/* The offsets entry.S uses. */
	BUILD_BUG_ON(offsetof(struct avcpu_hyp_vcpu, gp) != 0);
	BUILD_BUG_ON(offsetof(struct avcpu_gp_regs, sp_el0) !=
		     AVCPU_CTXT_SP_EL0);
	BUILD_BUG_ON(offsetof(struct avcpu_gp_regs, pc) != AVCPU_CTXT_PC);
	BUILD_BUG_ON(offsetof(struct avcpu_gp_regs, pstate) !=
		     AVCPU_CTXT_PSTATE);
	BUILD_BUG_ON(offsetof(struct avcpu_hyp_vcpu, bhb_loop) !=
		     AVCPU_CTXT_BHB_LOOP);
	BUILD_BUG_ON(offsetof(struct avcpu_hyp_vcpu, bhb_clear) !=
		     AVCPU_CTXT_BHB_CLEAR);
	BUILD_BUG_ON(offsetof(struct avcpu_hyp_vcpu, bp_wa_func) !=
		     AVCPU_CTXT_BP_WA);
	BUILD_BUG_ON(sizeof(struct avcpu_run) > PAGE_SIZE);

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	if (c.flags & ~AVCPU_VCPU_POWER_OFF || c.pad ||
	    !mem_is_zero(c.reserved, sizeof(c.reserved)) ||
	    c.mpidr & ~AVCPU_MPIDR_AFF_MASK)
		return -EINVAL;

	vcpu = kzalloc(sizeof(*vcpu), GFP_KERNEL_ACCOUNT);
	if (!vcpu)
		return -ENOMEM;
	avcpu_vcpu_irq_init(vcpu);
	vcpu->hyp = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	vcpu->run = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	atomic_add(!!vcpu->hyp + !!vcpu->run, &avcpu_stats.pages_held);
	if (!vcpu->hyp || !vcpu->run || avcpu_el2_map_vcpu(vcpu->hyp)) {
		vcpu_free(vcpu);
		return -ENOMEM;
	}
	mutex_init(&vcpu->lock);
	spin_lock_init(&vcpu->power_lock);
	avcpu_vcpu_el1_init(vcpu);
	vcpu->mpidr = c.mpidr;
	vcpu->pid = task_tgid_nr(current);
	vcpu->dtb_addr = c.dtb_addr;
	vcpu->created_off = c.flags & AVCPU_VCPU_POWER_OFF;
	vcpu->power.off = vcpu->created_off;
	avcpu_vcpu_reset_regs(vcpu, 0, c.dtb_addr);

	fd = anon_inode_getfd("avcpu-vcpu", &avcpu_vcpu_fops, vcpu,
			      O_RDWR | O_CLOEXEC);
	if (fd < 0)
		vcpu_free(vcpu);
	return fd;
}
