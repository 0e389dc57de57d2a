// SPDX-License-Identifier: GPL-2.0
/*
 * The VM object: a guest physical address space (stage 2), the memory
 * slots that back it, its VMID and its SMCCC routing.
 */
#include <linux/anon_inodes.h>
#include <linux/arm-smccc.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <uapi/linux/psci.h>
#include "avcpu.h"
#include "compat.h"
#include "trace.h"

static const struct file_operations avcpu_vm_fops;

/* Remove @slot from stage 2 and the VM, then let its pages go. */
static void slot_release(struct avcpu_vm *vm, struct avcpu_memslot *slot)
{
	bool dirty = !(slot->flags & AVCPU_MEM_READONLY);
	unsigned long npages = slot->npages;
	unsigned long *log = slot->dirty;
	struct page **pages = slot->pages;

	spin_lock(&vm->mmu_lock);
	avcpu_s2_unmap_range(vm, slot->gpa, slot->size);
	memset(slot, 0, sizeof(*slot));
	__clear_bit(slot - vm->slots, &vm->slots_used);
	WRITE_ONCE(vm->slots_gen, vm->slots_gen + 1);
	spin_unlock(&vm->mmu_lock);
	if (pages) {
		unpin_user_pages_dirty_lock(pages, npages, dirty);
		account_locked_vm(vm->mm, npages, false);
		kvfree(pages);
	}
	kvfree(log);
}

static void avcpu_vm_release(struct kref *kref)
{
	struct avcpu_vm *vm = container_of(kref, struct avcpu_vm, kref);
	unsigned int i;

	for (i = 0; i < AVCPU_MAX_SLOTS; i++)
		if (vm->slots[i].size)
			slot_release(vm, &vm->slots[i]);
	avcpu_mmu_destroy(vm);
	avcpu_vgic_destroy(vm);
	/* No interrupt or irqfd can reach the closed vCPUs any more. */
	avcpu_vcpu_free_closed(vm);
	/* Nothing tagged with this VMID may survive into its next VM. */
	avcpu_flush_vmid(&vm->s2);
	avcpu_s2_destroy(vm);
	trace_avcpu_vmid(vm->vmid, false);
	avcpu_vmid_free(vm->vmid);
	kfree(vm);
}

void avcpu_vm_put(struct avcpu_vm *vm)
{
	kref_put(&vm->kref, avcpu_vm_release);
}

/* A reference on the VM behind @fd: -EBADF for no file, -EINVAL for
 * a file that is not an avcpu VM.
 */
struct avcpu_vm *avcpu_vm_from_fd(int fd)
{
	struct fd f = fdget(fd);
	struct avcpu_vm *vm;

	if (!avcpu_fd_file(f))
		return ERR_PTR(-EBADF);
	if (avcpu_fd_file(f)->f_op != &avcpu_vm_fops) {
		fdput(f);
		return ERR_PTR(-EINVAL);
	}
	vm = avcpu_fd_file(f)->private_data;
	kref_get(&vm->kref);
	fdput(f);
	return vm;
}

/* Caller holds vm->lock or vm->mmu_lock. */
struct avcpu_memslot *avcpu_vm_find_slot(struct avcpu_vm *vm, u64 gpa)
{
	unsigned int i;

	BUILD_BUG_ON(AVCPU_MAX_SLOTS > BITS_PER_LONG);
	/* Only the slots in use: an MMIO exit looks at every one. */
	for_each_set_bit(i, &vm->slots_used, AVCPU_MAX_SLOTS) {
		struct avcpu_memslot *s = &vm->slots[i];

		if (gpa >= s->gpa && gpa - s->gpa < s->size)
			return s;
	}
	return NULL;
}

/*
 * Clean and invalidate to PoC the page at @ipa, for the guest's cache
 * maintenance by VA on memory it may not write (exit.c).
 */
void avcpu_vm_clean_page(struct avcpu_vm *vm, u64 ipa)
{
	spin_lock(&vm->mmu_lock);
	avcpu_s2_clean_page(vm, ipa);
	spin_unlock(&vm->mmu_lock);
}

/* Remove every stage-2 mapping; the guest faults its memory in again. */
void avcpu_vm_unmap_all(struct avcpu_vm *vm)
{
	unsigned int i;

	spin_lock(&vm->mmu_lock);
	for (i = 0; i < AVCPU_MAX_SLOTS; i++)
		if (vm->slots[i].size)
			avcpu_s2_unmap_range(vm, vm->slots[i].gpa,
					     vm->slots[i].size);
	spin_unlock(&vm->mmu_lock);
}

/*
 * Pin the backing of a AVCPU_MEM_PINNED slot for its lifetime, charged to
 * RLIMIT_MEMLOCK as with VFIO.  Returns the page array or an ERR_PTR.
 */
static struct page **pin_slot(const struct avcpu_memory_region *r,
			      unsigned long npages)
{
	struct page **pages;
	long pinned;
	int ret;

	/*
	 * Charge before allocating the page array, which is sized by the
	 * slot: a VMM over its limit must not make the host allocate for it
	 * first (found by avcpu-fuzz: 512 MiB for a moment under a 64 KiB
	 * limit).
	 */
	ret = account_locked_vm(current->mm, npages, true);
	if (ret)
		return ERR_PTR(ret);
	/* A huge slot fails with ENOMEM, not a kvmalloc() size warning. */
	pages = kvmalloc_array(npages, sizeof(*pages),
			       GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!pages) {
		account_locked_vm(current->mm, npages, false);
		return ERR_PTR(-ENOMEM);
	}

	/*
	 * Pin for writing whenever the VMM's mapping allows it, read-only
	 * slots too: a never-written page would otherwise be pinned as the
	 * shared zero page (or a page the VMM's next write copies away
	 * from), and the guest would not see what the VMM writes there
	 * later.  Fault the range in first (no page references taken):
	 * pinning present memory takes the lockless path, which records a
	 * whole huge page at once instead of walking the tables page by
	 * page.  Best effort: the pin below does any part this left out.
	 */
	get_user_pages_unlocked(r->userspace_addr, npages, NULL, FOLL_WRITE);
	pinned = pin_user_pages_fast(r->userspace_addr, npages,
				     FOLL_LONGTERM | FOLL_WRITE, pages);
	if (pinned != npages && (r->flags & AVCPU_MEM_READONLY)) {
		/* A read-only mapping: the VMM cannot write it either. */
		if (pinned > 0)
			unpin_user_pages(pages, pinned);
		pinned = pin_user_pages_fast(r->userspace_addr, npages,
					     FOLL_LONGTERM, pages);
	}
	if (pinned == npages)
		return pages;
	if (pinned > 0)
		unpin_user_pages(pages, pinned);
	account_locked_vm(current->mm, npages, false);
	kvfree(pages);
	return ERR_PTR(pinned < 0 && pinned != -EFAULT ? pinned : -EFAULT);
}

static unsigned long *alloc_dirty_log(unsigned long npages)
{
	return kvcalloc(BITS_TO_LONGS(npages), sizeof(unsigned long),
			GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
}

/*
 * Turn dirty logging of @slot on (every page write-protected in stage 2,
 * blocks taken apart) or off (stage 2 emptied, so blocks come back on the
 * next faults).  Caller holds vm->lock.
 */
static int slot_set_logging(struct avcpu_vm *vm, struct avcpu_memslot *slot,
			    bool on)
{
	unsigned long *log = NULL, *old;

	if (on == !!slot->dirty)
		return 0;
	if (on) {
		log = alloc_dirty_log(slot->npages);
		if (!log)
			return -ENOMEM;
	}
	spin_lock(&vm->mmu_lock);
	old = slot->dirty;
	slot->dirty = log;
	slot->flags ^= AVCPU_MEM_LOG_DIRTY;
	WRITE_ONCE(vm->slots_gen, vm->slots_gen + 1);
	if (!on)
		avcpu_s2_unmap_range(vm, slot->gpa, slot->size);
	else if (avcpu_s2_wrprotect(vm, slot->gpa, slot->size))
		avcpu_flush_vmid(&vm->s2);
	spin_unlock(&vm->mmu_lock);
	kvfree(old);
	return 0;
}

#define AVCPU_MEM_FLAGS	(AVCPU_MEM_READONLY | AVCPU_MEM_PINNED | \
			 AVCPU_MEM_LOG_DIRTY)

static int vm_set_memory_region(struct avcpu_vm *vm, void __user *uarg)
{
	struct avcpu_memory_region r;
	struct avcpu_memslot *slot;
	struct page **pages = NULL;
	unsigned long *log = NULL;
	unsigned long npages;
	unsigned int i;
	int ret;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.flags & ~AVCPU_MEM_FLAGS ||
	    !mem_is_zero(r.reserved, sizeof(r.reserved)) ||
	    r.slot >= AVCPU_MAX_SLOTS)
		return -EINVAL;
	ret = avcpu_vm_check_mm(vm);
	if (ret)
		return ret;

	mutex_lock(&vm->lock);
	slot = &vm->slots[r.slot];
	if (!r.memory_size) {
		if (slot->size)
			slot_release(vm, slot);
		ret = 0;
		goto out;
	}

	ret = -EINVAL;
	if (!PAGE_ALIGNED(r.guest_phys_addr) || !PAGE_ALIGNED(r.memory_size) ||
	    !PAGE_ALIGNED(r.userspace_addr))
		goto out;
	if (r.guest_phys_addr + r.memory_size < r.guest_phys_addr ||
	    r.userspace_addr + r.memory_size < r.userspace_addr)
		goto out;
	ret = -ERANGE;
	if (r.guest_phys_addr + r.memory_size > BIT_ULL(vm->ipa_bits))
		goto out;
	ret = -EEXIST;
	if (slot->size) {
		/* The same slot again: only dirty logging may change. */
		if (slot->gpa == r.guest_phys_addr &&
		    slot->size == r.memory_size &&
		    slot->uaddr == r.userspace_addr &&
		    !((slot->flags ^ r.flags) & ~AVCPU_MEM_LOG_DIRTY))
			ret = slot_set_logging(vm, slot,
					       r.flags & AVCPU_MEM_LOG_DIRTY);
		goto out;
	}
	for (i = 0; i < AVCPU_MAX_SLOTS; i++) {
		struct avcpu_memslot *s = &vm->slots[i];

		if (s->size && r.guest_phys_addr < s->gpa + s->size &&
		    s->gpa < r.guest_phys_addr + r.memory_size)
			goto out;
	}
	/* The in-kernel GIC's registers are no memory. */
	ret = -EINVAL;
	if (avcpu_vgic_overlaps(vm, r.guest_phys_addr, r.memory_size))
		goto out;

	ret = -EFAULT;
	if (r.userspace_addr + r.memory_size > TASK_SIZE)
		goto out;
	ret = -ENOMEM;
	npages = r.memory_size >> PAGE_SHIFT;
	if (npages > INT_MAX)
		goto out;
	if (r.flags & AVCPU_MEM_LOG_DIRTY) {
		log = alloc_dirty_log(npages);
		if (!log)
			goto out;
	}
	if (r.flags & AVCPU_MEM_PINNED) {
		pages = pin_slot(&r, npages);
		if (IS_ERR(pages)) {
			ret = PTR_ERR(pages);
			kvfree(log);
			goto out;
		}
	}

	spin_lock(&vm->mmu_lock);
	slot->gpa = r.guest_phys_addr;
	slot->size = r.memory_size;
	slot->uaddr = r.userspace_addr;
	slot->flags = r.flags;
	slot->npages = npages;
	slot->pages = pages;
	slot->dirty = log;
	__set_bit(slot - vm->slots, &vm->slots_used);
	WRITE_ONCE(vm->slots_gen, vm->slots_gen + 1);
	spin_unlock(&vm->mmu_lock);
	ret = 0;
out:
	mutex_unlock(&vm->lock);
	return ret;
}

/* Caller holds vm->lock or accepts a racy answer. */
u8 avcpu_vm_smccc_action(struct avcpu_vm *vm, u32 func)
{
	unsigned int i;

	for (i = 0; i < vm->nr_filters; i++) {
		struct avcpu_smccc_range *f = &vm->filters[i];

		if (func >= f->base && func - f->base < f->nr)
			return f->action;
	}
	return AVCPU_SMCCC_DEFAULT;
}

/*
 * Whether no filter range claims the SMCCC calls the EL2 fast path
 * answers (module/hyp/switch.h, fast_smccc()).  Caller holds vm->lock.
 */
static bool fast_smccc_allowed(struct avcpu_vm *vm)
{
	static const u32 ids[] = {
		ARM_SMCCC_VERSION_FUNC_ID, ARM_SMCCC_ARCH_WORKAROUND_1,
		ARM_SMCCC_ARCH_WORKAROUND_3, PSCI_0_2_FN_PSCI_VERSION,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ids); i++)
		if (avcpu_vm_smccc_action(vm, ids[i]) != AVCPU_SMCCC_DEFAULT)
			return false;
	return true;
}

static int vm_set_smccc_filter(struct avcpu_vm *vm, void __user *uarg)
{
	struct avcpu_smccc_filter f;
	unsigned int i;
	bool fast;
	int ret;

	if (copy_from_user(&f, uarg, sizeof(f)))
		return -EFAULT;
	if (!mem_is_zero(f.pad, sizeof(f.pad)) ||
	    !mem_is_zero(f.reserved, sizeof(f.reserved)) ||
	    f.action > AVCPU_SMCCC_DENY || !f.nr_functions ||
	    (u64)f.base + f.nr_functions > BIT_ULL(32))
		return -EINVAL;

	mutex_lock(&vm->lock);
	if (f.action == AVCPU_SMCCC_DEFAULT) {
		ret = -ENOENT;
		for (i = 0; i < vm->nr_filters; i++) {
			if (vm->filters[i].base == f.base &&
			    vm->filters[i].nr == f.nr_functions) {
				vm->filters[i] = vm->filters[--vm->nr_filters];
				ret = 0;
				break;
			}
		}
		goto out;
	}
	ret = -EEXIST;
	for (i = 0; i < vm->nr_filters; i++) {
		struct avcpu_smccc_range *r = &vm->filters[i];

		if ((u64)f.base < (u64)r->base + r->nr &&
		    (u64)r->base < (u64)f.base + f.nr_functions)
			goto out;
	}
	ret = -ENOSPC;
	if (vm->nr_filters == AVCPU_MAX_FILTERS)
		goto out;
	vm->filters[vm->nr_filters++] = (struct avcpu_smccc_range) {
		.base = f.base, .nr = f.nr_functions, .action = f.action,
	};
	ret = 0;
out:
	fast = fast_smccc_allowed(vm);
	if (fast != vm->fast_smccc) {
		WRITE_ONCE(vm->fast_smccc, fast);
		/* vCPUs in the guest pick it up at their next entry. */
		for (i = 0; i < vm->nr_vcpus; i++)
			avcpu_vcpu_kick(vm->vcpus[i]);
	}
	mutex_unlock(&vm->lock);
	return ret;
}

static long avcpu_vm_ioctl(struct file *filp, unsigned int cmd,
			   unsigned long arg)
{
	struct avcpu_vm *vm = filp->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case AVCPU_SET_MEMORY_REGION:
		return vm_set_memory_region(vm, uarg);
	case AVCPU_SET_SMCCC_FILTER:
		return vm_set_smccc_filter(vm, uarg);
	case AVCPU_GET_DIRTY_LOG:
	case AVCPU_CLEAR_DIRTY_LOG:
		return avcpu_dirty_log_ioctl(vm, cmd, uarg);
	case AVCPU_GET_STATS_FD:
		return avcpu_vm_stats_fd(vm, arg);
	case AVCPU_CREATE_IRQCHIP:
	case AVCPU_IRQCHIP_LINE:
	case AVCPU_IRQFD:
	case AVCPU_IRQCHIP_GET_ATTR:
	case AVCPU_IRQCHIP_SET_ATTR:
		return avcpu_vgic_ioctl(vm, cmd, arg);
	default:
		return -ENOTTY;
	}
}

static int avcpu_vm_file_release(struct inode *inode, struct file *filp)
{
	avcpu_vm_put(filp->private_data);
	return 0;
}

static const struct file_operations avcpu_vm_fops = {
	.owner = THIS_MODULE,
	.release = avcpu_vm_file_release,
	.unlocked_ioctl = avcpu_vm_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

int avcpu_create_vm(struct avcpu_vm_create __user *uarg)
{
	struct avcpu_vm_create c;
	struct avcpu_vm *vm;
	int ret, vmid;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	if (c.flags || !mem_is_zero(c.reserved, sizeof(c.reserved)))
		return -EINVAL;
	if (!c.ipa_bits)
		c.ipa_bits = min_t(u32, AVCPU_DEFAULT_IPA_BITS,
				   avcpu_host.max_ipa_bits);
	if (c.ipa_bits < AVCPU_MIN_IPA_BITS ||
	    c.ipa_bits > avcpu_host.max_ipa_bits)
		return -EINVAL;

	vm = kzalloc(sizeof(*vm), GFP_KERNEL_ACCOUNT);
	if (!vm)
		return -ENOMEM;
	kref_init(&vm->kref);
	mutex_init(&vm->lock);
	seqcount_mutex_init(&vm->vcpus_seq, &vm->lock);
	INIT_LIST_HEAD(&vm->closed_vcpus);
	vm->ipa_bits = c.ipa_bits;
	vm->pid = task_tgid_nr(current);
	/* The guest's virtual counter starts near zero. */
	vm->cntvoff = read_sysreg(cntpct_el0);

	vmid = avcpu_vmid_alloc();
	if (vmid < 0) {
		kfree(vm);
		return vmid;
	}
	vm->vmid = vmid;
	trace_avcpu_vmid(vmid, true);
	vm->fast_smccc = true;	/* no filter ranges yet */

	ret = avcpu_s2_init(vm);
	if (ret)
		goto fail;
	ret = avcpu_mmu_init(vm);
	if (ret)
		goto fail;

	ret = anon_inode_getfd("avcpu-vm", &avcpu_vm_fops, vm,
			       O_RDWR | O_CLOEXEC);
	if (ret < 0)
		goto fail;
	return ret;
fail:
	avcpu_vm_put(vm);
	return ret;
}
