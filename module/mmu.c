// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory as the host's memory management sees it.
 *
 * An unpinned slot (the default) is a window on the VMM's address space.
 * A stage-2 fault looks up the VMM's page with a short-lived reference,
 * maps it under vm->mmu_lock if no invalidation ran meanwhile, and drops
 * the reference: the host stays free to swap, migrate, merge, split or
 * free the page, and tells us first through the VM's MMU notifier, which
 * takes the stage-2 entries away before the page changes hands.  Pinned
 * slots (AVCPU_MEM_PINNED) keep their pages for their lifetime and are
 * not followed.  Dirty-page logging lives here too: it is a stage-2
 * permission the fault path gives back one page at a time.
 *
 * Locking: vm->lock (slot changes, may allocate and touch user memory)
 * is taken before vm->mmu_lock (stage 2, slot contents, dirty bitmaps),
 * a spinlock: the notifier takes it from reclaim and from the OOM
 * reaper, where it may not sleep and may not fail.  Nothing allocates
 * memory, faults user pages or sleeps while holding it.
 * vm->mmu_seq_lock orders the notifier's counters with the fault path's
 * check.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/pgtable.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/esr.h>
#include "avcpu.h"
#include "trace.h"

/* Host pages faulted around a fault in an unpinned slot: 64 KiB. */
#if PAGE_SHIFT < 16
#define GROUP_BYTES	SZ_64K
#else
#define GROUP_BYTES	PAGE_SIZE
#endif
#define GROUP_PAGES	(GROUP_BYTES / PAGE_SIZE)

static struct avcpu_vm *mn_vm(struct mmu_notifier *mn)
{
	return container_of(mn, struct avcpu_vm, mn);
}

/*
 * The IPA range of unpinned @slot that the VMM's [start, end) backs, page
 * aligned.  Pinned slots keep their pages whatever the VMM's mapping does.
 */
static bool slot_hva_range(struct avcpu_memslot *slot, unsigned long start,
			   unsigned long end, u64 *ipa, u64 *size)
{
	unsigned long lo, hi;

	if (!slot->size || slot->pages)
		return false;
	lo = max_t(unsigned long, ALIGN_DOWN(start, PAGE_SIZE), slot->uaddr);
	hi = min_t(unsigned long, ALIGN(end, PAGE_SIZE),
		   slot->uaddr + slot->size);
	if (lo >= hi)
		return false;
	*ipa = slot->gpa + (lo - slot->uaddr);
	*size = hi - lo;
	return true;
}

/*
 * The host is about to change [start, end) of the VMM's address space:
 * no guest access may reach the old pages once this returns.  Count the
 * invalidation first, so that a fault that looked the page up before
 * does not map it after.
 */
static int avcpu_mn_invalidate_start(struct mmu_notifier *mn,
				     const struct mmu_notifier_range *range)
{
	struct avcpu_vm *vm = mn_vm(mn);
	unsigned int i;
	u64 ipa, size;

	/*
	 * Never fails, even where it may not block (the OOM reaper): a
	 * notifier with an invalidate_range_end must not, and the lock is
	 * only ever held for stage-2 work that does not wait.
	 */
	spin_lock(&vm->mmu_lock);
	spin_lock(&vm->mmu_seq_lock);
	vm->mmu_invalidating++;
	spin_unlock(&vm->mmu_seq_lock);
	for (i = 0; i < AVCPU_MAX_SLOTS; i++)
		if (slot_hva_range(&vm->slots[i], range->start, range->end,
				   &ipa, &size))
			avcpu_s2_unmap_range(vm, ipa, size);
	spin_unlock(&vm->mmu_lock);
	return 0;
}

/* The change is done: faults may map what the VMM's mapping now holds. */
static void avcpu_mn_invalidate_end(struct mmu_notifier *mn,
				    const struct mmu_notifier_range *range)
{
	struct avcpu_vm *vm = mn_vm(mn);

	spin_lock(&vm->mmu_seq_lock);
	vm->mmu_seq++;
	vm->mmu_invalidating--;
	spin_unlock(&vm->mmu_seq_lock);
}

/*
 * Access flags for the host's reclaim: whether the guest used a page of
 * [start, end) since the last look, clearing the flags if @clear.
 * Called under the host's page-table lock, which nothing takes while
 * holding vm->mmu_lock.
 */
static int mn_age(struct mmu_notifier *mn, unsigned long start,
		  unsigned long end, bool clear, bool flush)
{
	struct avcpu_vm *vm = mn_vm(mn);
	bool young = false;
	unsigned int i;
	u64 ipa, size;

	spin_lock(&vm->mmu_lock);
	for (i = 0; i < AVCPU_MAX_SLOTS; i++)
		if (slot_hva_range(&vm->slots[i], start, end, &ipa, &size))
			young |= avcpu_s2_age(vm, ipa, size, clear);
	if (young && clear && flush)
		avcpu_flush_vmid(&vm->s2);
	spin_unlock(&vm->mmu_lock);
	return young;
}

static int avcpu_mn_clear_flush_young(struct mmu_notifier *mn,
				      struct mm_struct *mm,
				      unsigned long start, unsigned long end)
{
	return mn_age(mn, start, end, true, true);
}

static int avcpu_mn_clear_young(struct mmu_notifier *mn,
				struct mm_struct *mm,
				unsigned long start, unsigned long end)
{
	return mn_age(mn, start, end, true, false);
}

static int avcpu_mn_test_young(struct mmu_notifier *mn,
			       struct mm_struct *mm, unsigned long address)
{
	return mn_age(mn, address, address + PAGE_SIZE, false, false);
}

/*
 * The VMM's address space is going away (exit, or the VM's last
 * reference): nothing of it may stay mapped.
 */
static void avcpu_mn_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct avcpu_vm *vm = mn_vm(mn);
	unsigned int i;
	u64 ipa, size;

	spin_lock(&vm->mmu_lock);
	for (i = 0; i < AVCPU_MAX_SLOTS; i++)
		if (slot_hva_range(&vm->slots[i], 0, TASK_SIZE, &ipa, &size))
			avcpu_s2_unmap_range(vm, ipa, size);
	spin_unlock(&vm->mmu_lock);
}

/*
 * No change_pte: where the kernel still calls it (KSM replacing a page),
 * it does so between invalidate_range_start and _end, which have already
 * removed the entry; the guest's next access maps the new page.
 */
static const struct mmu_notifier_ops avcpu_mn_ops = {
	.invalidate_range_start	= avcpu_mn_invalidate_start,
	.invalidate_range_end	= avcpu_mn_invalidate_end,
	.clear_flush_young	= avcpu_mn_clear_flush_young,
	.clear_young		= avcpu_mn_clear_young,
	.test_young		= avcpu_mn_test_young,
	.release		= avcpu_mn_release,
};

int avcpu_mmu_init(struct avcpu_vm *vm)
{
	int ret;

	spin_lock_init(&vm->mmu_lock);
	spin_lock_init(&vm->mmu_seq_lock);
	if (!current->mm)
		return -EINVAL;
	vm->mn.ops = &avcpu_mn_ops;
	/* Holds a reference on the mm until avcpu_mmu_destroy(). */
	ret = mmu_notifier_register(&vm->mn, current->mm);
	if (!ret)
		vm->mm = current->mm;
	return ret;
}

void avcpu_mmu_destroy(struct avcpu_vm *vm)
{
	if (vm->mm)
		mmu_notifier_unregister(&vm->mn, vm->mm);
	vm->mm = NULL;
}

/* Whether an invalidation ran or runs since the fault read @seq. */
static bool mmu_changed(struct avcpu_vm *vm, unsigned long seq)
{
	bool changed;

	spin_lock(&vm->mmu_seq_lock);
	changed = vm->mmu_invalidating || vm->mmu_seq != seq;
	spin_unlock(&vm->mmu_seq_lock);
	return changed;
}

/*
 * The VMM's mapping at @hva: its size (a page, or a PMD or PUD block:
 * transparent huge page, hugetlbfs; 0 when not even a table of pages
 * is there) and, for a page, its PTE (else none).  Walked without the
 * host's locks, as the lockless get_user_pages path does, with
 * interrupts off so no table is freed under us.  Under vm->mmu_lock
 * the answer holds until the lock is dropped: any change to the mapping
 * first waits for the lock in the MMU notifier, then removes what
 * stage 2 maps from it.  Without the lock it is only a hint.
 */
static unsigned long host_mapping(struct mm_struct *mm, unsigned long hva,
				  pte_t *ptep)
{
	unsigned long flags, size = 0;
	p4d_t *p4dp;
	pud_t *pudp, pud;
	pmd_t *pmdp, pmd;
	pgd_t *pgdp;

	*ptep = __pte(0);
	local_irq_save(flags);
	pgdp = pgd_offset(mm, hva);
	if (pgd_none(READ_ONCE(*pgdp)))
		goto out;
	p4dp = p4d_offset(pgdp, hva);
	if (p4d_none(READ_ONCE(*p4dp)))
		goto out;
	pudp = pud_offset(p4dp, hva);
	pud = READ_ONCE(*pudp);
	if (pud_none(pud))
		goto out;
	size = PAGE_SIZE;
	if (!pud_present(pud))
		goto out;
	if (pud_leaf(pud)) {
		size = PUD_SIZE;
		goto out;
	}
	pmdp = pmd_offset(pudp, hva);
	pmd = READ_ONCE(*pmdp);
	if (pmd_none(pmd)) {
		size = 0;
		goto out;
	}
	if (!pmd_present(pmd))
		goto out;
	if (pmd_leaf(pmd)) {
		size = PMD_SIZE;
		goto out;
	}
	*ptep = READ_ONCE(*((pte_t *)__va(pmd_page_paddr(pmd)) +
			    pte_index(hva)));
out:
	local_irq_restore(flags);
	return size;
}

static unsigned long host_map_size(struct mm_struct *mm, unsigned long hva)
{
	pte_t pte;

	return host_mapping(mm, hva, &pte);
}

/*
 * Whether the VMM's mapping has nothing at @hva yet: a guest write there
 * may fault in its neighbours too.  A write to a page the host has
 * read-only (KSM, zero or copy-on-write page) breaks that page alone.
 * @no_table: not even a table of pages, so the host's fault may give a
 * huge page.
 */
static bool host_has_none(unsigned long hva, bool *no_table)
{
	unsigned long size;
	pte_t pte;

	size = host_mapping(current->mm, hva, &pte);
	*no_table = !size;
	return !size || (size == PAGE_SIZE && pte_none(pte));
}

/*
 * A guest write to a page stage 2 maps read-only (dirty logging, or
 * mapped by a read) that the host has writable and dirty: give stage 2
 * write permission in place, without taking the page again.  The host
 * PTE being dirty already, the host writes the page back or keeps it
 * when it unmaps it, as with a write of its own.  Caller holds
 * vm->mmu_lock.
 */
static bool relax_in_place(struct avcpu_vm *vm, struct avcpu_memslot *slot,
			   u64 ipa)
{
	unsigned long hva = slot->uaddr + (ipa - slot->gpa);
	u64 *entry = avcpu_s2_page(vm, ipa);
	pte_t pte;

	if (!entry)
		return false;
	host_mapping(vm->mm, hva, &pte);
	if (!pte_present(pte) || !pte_write(pte) || !pte_dirty(pte) ||
	    pte_special(pte) || PFN_PHYS(pte_pfn(pte)) != avcpu_s2_pa(entry))
		return false;
	avcpu_s2_relax_write(entry);
	return true;
}

/* RUN's -EFAULT: the VMM's mapping cannot give the guest this page. */
static int memory_fault_exit(struct avcpu_vcpu *vcpu, u64 ipa)
{
	struct avcpu_run *run = vcpu->run;

	run->exit_reason = AVCPU_EXIT_MEMORY_FAULT;
	run->memory_fault = (struct avcpu_exit_memory_fault) {
		.gpa = ALIGN_DOWN(ipa, PAGE_SIZE), .size = PAGE_SIZE,
	};
	return -EFAULT;
}

static void release_pages_dirty(struct page **pages, unsigned int n,
				bool dirty)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		/* The guest may write through stage 2 behind the host's PTE. */
		if (dirty && !PageDirty(pages[i]))
			set_page_dirty_lock(pages[i]);
		put_page(pages[i]);
	}
}

/*
 * Whether a block of @block bytes (2 MiB or 1 GiB) may map the range
 * holding @ipa: the range lies in the slot, and the VMM's address for it
 * has the same alignment.
 */
static bool block_fits(u64 ipa, u64 gpa, u64 size, unsigned long uaddr,
		       u64 block)
{
	u64 win = ALIGN_DOWN(ipa, block);

	return win >= gpa && win + block <= gpa + size &&
	       IS_ALIGNED(uaddr - gpa, block);
}

/* Host pages in a 2 MiB stage-2 window. */
#define WINDOW_PAGES	(SZ_2M / PAGE_SIZE)

/* What a fault in an unpinned slot found, between the two lock holds. */
struct uslot_fault {
	u64 ipa;		/* the faulting page */
	u64 first;		/* IPA of pages[0] */
	unsigned long hva;	/* of the faulting page */
	unsigned int n;		/* pages[] held */
	unsigned int idx;	/* the faulting page in pages[] */
	bool writable;		/* pages[] may be mapped for writing */
	struct page **pages;	/* WINDOW_PAGES entries (vcpu->fault_pages) */
};

/* The lockless path only: pages present and writable in the host. */
static bool get_present(unsigned long hva, unsigned int n,
			struct page **pages)
{
	int got = get_user_pages_fast_only(hva, n, FOLL_WRITE, pages);

	if (got == n)
		return true;
	if (got > 0)
		release_pages_dirty(pages, got, false);
	return false;
}

/*
 * Take references on the VMM's pages for a fault at @f->ipa.
 *  - @around (the guest already has a neighbouring page: it walks its
 *    memory): the 64 KiB group around it when the host has all of it
 *    present and writable (lockless, no fault), then the rest of its
 *    2 MiB window too if that is also present: memory the VMM wrote maps
 *    2 MiB at a time, as pinned memory did.  A first touch maps its page
 *    alone, so scattered accesses pay for nothing they do not use.
 *  - A guest write to memory the host does not have faults the group
 *    in, writable, as the host's own fault-around would populate it,
 *    unless that fault brings a huge page for a block; a write to a
 *    page it has read-only breaks that page alone.
 *  - A guest read takes only its page: read-only unless the host has it
 *    writable, so copy-on-write, KSM and zero pages stay shared until
 *    the guest writes (which faults again and breaks them).
 * While the slot logs dirty pages, only the faulting page.
 */
static int get_pages(struct uslot_fault *f, u64 gpa, u64 size,
		     unsigned long uaddr, bool ro_slot, bool logging,
		     bool write, bool around)
{
	u64 win = max(ALIGN_DOWN(f->ipa, SZ_2M), gpa);
	u64 wend = min(ALIGN_DOWN(f->ipa, SZ_2M) + SZ_2M, gpa + size);
	u64 gfirst = max(ALIGN_DOWN(f->ipa, GROUP_BYTES), gpa);
	u64 gend = min(ALIGN_DOWN(f->ipa, GROUP_BYTES) + GROUP_BYTES,
		       gpa + size);
	unsigned int gn = (gend - gfirst) >> PAGE_SHIFT, head, tail;
	struct page **gp = f->pages + ((gfirst - win) >> PAGE_SHIFT);
	bool no_table;
	long got;

	f->hva = uaddr + (f->ipa - gpa);
	f->writable = true;
	/*
	 * A huge page the host has writable: its page alone, for a block.
	 * Only a hint; the block is decided again under vm->mmu_lock.
	 */
	if (!ro_slot && !logging &&
	    block_fits(f->ipa, gpa, size, uaddr, SZ_2M) &&
	    host_map_size(current->mm, f->hva) >= SZ_2M &&
	    get_present(f->hva, 1, f->pages)) {
		f->first = f->ipa;
		f->n = 1;
		f->idx = 0;
		return 0;
	}
	if (!ro_slot && !logging && around &&
	    get_present(uaddr + (gfirst - gpa), gn, gp)) {
		/* The group is there: try the rest of the window. */
		f->first = gfirst;
		f->n = gn;
		head = (gfirst - win) >> PAGE_SHIFT;
		tail = (wend - gend) >> PAGE_SHIFT;
		if (head && get_present(uaddr + (win - gpa), head, f->pages)) {
			f->first = win;
			f->n += head;
		}
		if (tail && get_present(uaddr + (gend - gpa), tail,
					gp + gn)) {
			f->n += tail;
		}
		if (f->first != win)
			memmove(f->pages, gp, f->n * sizeof(*gp));
		f->idx = (f->ipa - f->first) >> PAGE_SHIFT;
		return 0;
	}
	f->first = f->ipa;
	f->n = 1;
	f->idx = 0;
	/* Present and writable: the page alone, without the host's locks. */
	if (!ro_slot && get_present(f->hva, 1, f->pages))
		return 0;
	if (write && !logging && host_has_none(f->hva, &no_table)) {
		/*
		 * Where a block could map it, the host's fault may bring a
		 * huge page: fault the page alone first, and the block then
		 * needs no reference on the rest of the group.
		 */
		if (no_table && gn > 1 &&
		    block_fits(f->ipa, gpa, size, uaddr, SZ_2M)) {
			got = get_user_pages_unlocked(f->hva, 1, f->pages,
						      FOLL_WRITE);
			if (got == 1 &&
			    host_map_size(current->mm, f->hva) >= SZ_2M)
				return 0;
			if (got == 1)
				release_pages_dirty(f->pages, 1, false);
		}
		got = get_user_pages_unlocked(uaddr + (gfirst - gpa), gn,
					      f->pages, FOLL_WRITE);
		if (got == gn) {
			f->first = gfirst;
			f->n = gn;
			f->idx = (f->ipa - gfirst) >> PAGE_SHIFT;
			return 0;
		}
		if (got > 0)
			release_pages_dirty(f->pages, got, false);
	}
	f->first = f->ipa;
	f->n = 1;
	f->idx = 0;
	f->writable = write;
	got = get_user_pages_unlocked(f->hva, 1, f->pages,
				      write ? FOLL_WRITE : 0);
	if (got == 1)
		return 0;
	return got < 0 ? got : -EFAULT;
}

/* Stage-2 fault statistics and trace, under vm->mmu_lock. */
static void count_fault(struct avcpu_vcpu *vcpu, u64 ipa, u64 mapped)
{
	trace_avcpu_s2_fault(vcpu, ipa, mapped);
	vcpu->stat.s2_faults++;
	vcpu->stat.s2_mapped_bytes += mapped;
	vcpu->vm->stat.s2_faults++;
	vcpu->vm->stat.s2_mapped_bytes += mapped;
}

static int fault_pinned(struct avcpu_vcpu *vcpu, struct avcpu_memslot *slot,
			u64 ipa, bool write)
{
	struct avcpu_vm *vm = vcpu->vm;
	unsigned int prot = AVCPU_S2_WRITE;
	u64 mapped;
	int ret;

	if ((slot->flags & AVCPU_MEM_READONLY) || (slot->dirty && !write))
		prot = 0;
	ret = avcpu_s2_map_pinned(vm, &vcpu->s2_cache, slot, ipa, prot,
				  &mapped);
	if (ret)
		return ret;
	if (slot->dirty && prot)
		__set_bit((ipa - slot->gpa) >> PAGE_SHIFT, slot->dirty);
	count_fault(vcpu, ipa, mapped);
	return 1;
}

static noinline int slot_fault(struct avcpu_vcpu *vcpu,
			       struct avcpu_memslot *slot, u64 ipa, u64 esr);

/* avcpu_mmu_fault() past its inline check (avcpu.h): look at the slots. */
int avcpu_mmu_fault_slots(struct avcpu_vcpu *vcpu, u64 ipa, u64 esr)
{
	struct avcpu_vm *vm = vcpu->vm;
	struct avcpu_memslot *slot;
	int ret;

	do {
		spin_lock(&vm->mmu_lock);
		slot = avcpu_vm_find_slot(vm, ipa);
		if (!slot) {
			vcpu->nomem_pfn = (ipa >> PAGE_SHIFT) + 1;
			vcpu->nomem_gen = vm->slots_gen;
			spin_unlock(&vm->mmu_lock);
			return -ENOENT;
		}
		ret = slot_fault(vcpu, slot, ipa, esr);
	} while (ret == -EAGAIN && !fatal_signal_pending(current));
	return ret == -EAGAIN ? -EINTR : ret;
}

/*
 * avcpu_mmu_fault() for @slot, with vm->mmu_lock held, which this drops.
 * -EAGAIN: memory was set aside without the lock; look the slot up again.
 */
static noinline int slot_fault(struct avcpu_vcpu *vcpu,
			       struct avcpu_memslot *slot, u64 ipa, u64 esr)
{
	bool exec = ESR_ELx_EC(esr) == ESR_ELx_EC_IABT_LOW;
	/* A stage-1 walk may update its tables' access and dirty flags. */
	bool write = (esr & ESR_ELx_S1PTW) || (!exec && (esr & ESR_ELx_WNR));
	u64 fsc = esr & ESR_ELx_FSC_TYPE;
	struct avcpu_vm *vm = vcpu->vm;
	struct uslot_fault f = { .pages = vcpu->fault_pages };
	unsigned long seq, gen, win_hva, host_size;
	unsigned int prot;
	bool ro, logging, around;
	u64 gpa, size, block = 0, mapped;
	int ret;

	f.ipa = ALIGN_DOWN(ipa, PAGE_SIZE);
	ro = slot->flags & AVCPU_MEM_READONLY;
	if (!(fsc == ESR_ELx_FSC_FAULT || fsc == ESR_ELx_FSC_ACCESS ||
	      (fsc == ESR_ELx_FSC_PERM && !ro))) {
		spin_unlock(&vm->mmu_lock);
		return -EROFS;
	}
	/* Memory for what this maps, taken without the lock. */
	if (vcpu->s2_cache.nr < AVCPU_S2_CACHE_MIN || !vcpu->fault_pages) {
		spin_unlock(&vm->mmu_lock);
		ret = avcpu_s2_cache_topup(&vcpu->s2_cache);
		if (ret)
			return ret;
		if (!vcpu->fault_pages)
			vcpu->fault_pages = kmalloc_array(WINDOW_PAGES,
							  sizeof(struct page *),
							  GFP_KERNEL_ACCOUNT);
		if (!vcpu->fault_pages)
			return -ENOMEM;
		return -EAGAIN;
	}
	/* Whatever this maps, this CPU may hold the entry that faulted. */
	if (fsc == ESR_ELx_FSC_PERM)
		vcpu->hyp->hyp_flags |= AVCPU_HYP_FLUSH_LOCAL;
	if (ro)
		write = false;
	if (slot->pages) {
		ret = fault_pinned(vcpu, slot, ipa, write);
		spin_unlock(&vm->mmu_lock);
		return ret;
	}
	if (fsc == ESR_ELx_FSC_PERM && write &&
	    relax_in_place(vm, slot, f.ipa)) {
		if (slot->dirty)
			__set_bit((f.ipa - slot->gpa) >> PAGE_SHIFT,
				  slot->dirty);
		count_fault(vcpu, ipa, 0);
		spin_unlock(&vm->mmu_lock);
		return 1;
	}
	gpa = slot->gpa;
	size = slot->size;
	logging = slot->dirty;
	around = !logging &&
		 ((f.ipa > gpa && avcpu_s2_mapped(vm, f.ipa - PAGE_SIZE)) ||
		  (f.ipa + PAGE_SIZE < gpa + size &&
		   avcpu_s2_mapped(vm, f.ipa + PAGE_SIZE)));
	win_hva = slot->uaddr;
	gen = vm->slots_gen;
	spin_lock(&vm->mmu_seq_lock);
	seq = vm->mmu_seq;
	spin_unlock(&vm->mmu_seq_lock);
	spin_unlock(&vm->mmu_lock);

	ret = get_pages(&f, gpa, size, win_hva, ro, logging, write, around);
	if (ret == -ENOMEM)
		return ret;
	if (ret && fatal_signal_pending(current)) {
		vcpu->run->exit_reason = AVCPU_EXIT_INTR;
		return -EINTR;
	}
	if (ret)
		return memory_fault_exit(vcpu, ipa);

	prot = f.writable && (!logging || write) ? AVCPU_S2_WRITE : 0;
	spin_lock(&vm->mmu_lock);
	if (gen != vm->slots_gen || mmu_changed(vm, seq)) {
		/* The host or the VMM changed it meanwhile: fault again. */
		spin_unlock(&vm->mmu_lock);
		release_pages_dirty(f.pages, f.n, false);
		return 1;
	}
	if (!logging && block_fits(ipa, gpa, size, win_hva, SZ_2M)) {
		/*
		 * A huge page backs the whole range: one block, 1 GiB for a
		 * gigantic page (a PUD) that covers a 1 GiB range of the slot
		 * with the same alignment, else 2 MiB.
		 */
		host_size = host_map_size(vm->mm, f.hva);
		if (host_size >= SZ_1G && avcpu_s2_gib_blocks(vm) &&
		    block_fits(ipa, gpa, size, win_hva, SZ_1G))
			block = SZ_1G;
		else if (host_size >= SZ_2M)
			block = SZ_2M;
	}
	if (block) {
		ret = avcpu_s2_map_block(vm, &vcpu->s2_cache,
					 ALIGN_DOWN(ipa, block),
					 page_to_phys(f.pages[f.idx]) -
					 (f.hva & (block - 1)), block, prot);
		mapped = block;
	} else {
		ret = avcpu_s2_map_pages(vm, &vcpu->s2_cache, f.first,
					 f.pages, f.n, prot);
		mapped = (u64)f.n * PAGE_SIZE;
	}
	if (!ret) {
		if (logging && prot)
			__set_bit((f.ipa - gpa) >> PAGE_SHIFT, slot->dirty);
		count_fault(vcpu, ipa, mapped);
	}
	spin_unlock(&vm->mmu_lock);
	release_pages_dirty(f.pages, f.n, prot && !ret);
	return ret ? ret : 1;
}

/*
 * Read @len bytes of guest memory at @ipa, within one page: from the
 * VMM's mapping for an unpinned slot (the RUN caller is the VMM), from
 * the pinned page otherwise.  -EFAULT if no slot or mapping has it.
 */
int avcpu_mmu_read_guest(struct avcpu_vm *vm, u64 ipa, void *buf, size_t len)
{
	struct avcpu_memslot *slot;
	bool user = false;
	unsigned long hva;
	void *va;
	u64 off;

	if (offset_in_page(ipa) + len > PAGE_SIZE)
		return -EFAULT;
	spin_lock(&vm->mmu_lock);
	slot = avcpu_vm_find_slot(vm, ipa);
	if (slot) {
		off = ipa - slot->gpa;
		if (slot->pages) {
			va = kmap_local_page(slot->pages[off >> PAGE_SHIFT]);
			memcpy(buf, va + offset_in_page(off), len);
			kunmap_local(va);
		} else {
			hva = slot->uaddr + off;
			user = true;
		}
	}
	spin_unlock(&vm->mmu_lock);
	if (!slot)
		return -EFAULT;
	if (user && copy_from_user(buf, (void __user *)hva, len))
		return -EFAULT;
	return 0;
}

/*
 * AVCPU_GET_DIRTY_LOG and AVCPU_CLEAR_DIRTY_LOG.  vm->lock keeps the
 * slot; the bitmap is copied to and from user memory outside
 * vm->mmu_lock, and bits a failed copy could not report are given back.
 */
long avcpu_dirty_log_ioctl(struct avcpu_vm *vm, unsigned int cmd,
			   void __user *uarg)
{
	bool clear = cmd == AVCPU_CLEAR_DIRTY_LOG;
	struct avcpu_dirty_log d;
	struct avcpu_memslot *slot;
	unsigned long first, w, words, *log;
	bool flush = false;
	u64 *buf, bits, mask;
	long ret;

	if (copy_from_user(&d, uarg, sizeof(d)))
		return -EFAULT;
	if (d.slot >= AVCPU_MAX_SLOTS || (d.flags & ~AVCPU_DIRTY_LOG_KEEP) ||
	    (clear && d.flags) || !mem_is_zero(d.reserved, sizeof(d.reserved)) ||
	    d.first_page % 64 || !d.num_pages)
		return -EINVAL;

	mutex_lock(&vm->lock);
	slot = &vm->slots[d.slot];
	ret = -ENOENT;
	if (!slot->size || !slot->dirty)
		goto out;
	ret = -EINVAL;
	if (d.first_page >= slot->npages ||
	    d.num_pages > slot->npages - d.first_page ||
	    (d.num_pages % 64 && d.first_page + d.num_pages != slot->npages))
		goto out;
	words = DIV_ROUND_UP(d.num_pages, 64);
	ret = -ENOMEM;
	buf = kvcalloc(words, sizeof(*buf), GFP_KERNEL_ACCOUNT);
	if (!buf)
		goto out;
	ret = -EFAULT;
	if (clear && copy_from_user(buf, u64_to_user_ptr(d.bitmap),
				    words * sizeof(*buf)))
		goto out_free;

	first = d.first_page / BITS_PER_LONG;
	spin_lock(&vm->mmu_lock);
	log = slot->dirty;
	for (w = 0; w < words; w++) {
		mask = ~0ULL;
		if (w == words - 1 && d.num_pages % 64)
			mask = GENMASK_ULL(d.num_pages % 64 - 1, 0);
		bits = log[first + w] & mask;
		if (clear)
			bits &= buf[w];
		else
			buf[w] = bits;
		if (!bits || (d.flags & AVCPU_DIRTY_LOG_KEEP))
			continue;
		log[first + w] &= ~bits;
		flush |= avcpu_s2_wrprotect_mask(vm, slot->gpa +
				((d.first_page + w * 64) << PAGE_SHIFT), bits);
	}
	if (flush)
		avcpu_flush_vmid(&vm->s2);
	spin_unlock(&vm->mmu_lock);

	ret = 0;
	if (!clear && copy_to_user(u64_to_user_ptr(d.bitmap), buf,
				   words * sizeof(*buf))) {
		ret = -EFAULT;
		if (!(d.flags & AVCPU_DIRTY_LOG_KEEP)) {
			spin_lock(&vm->mmu_lock);
			for (w = 0; w < words; w++)
				log[first + w] |= buf[w];
			spin_unlock(&vm->mmu_lock);
		}
	}
out_free:
	kvfree(buf);
out:
	mutex_unlock(&vm->lock);
	return ret;
}
