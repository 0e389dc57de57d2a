// SPDX-License-Identifier: GPL-2.0
/*
 * Stage-2 translation tables: 4 KiB granule, built by the module from the
 * pages userspace registered.  Leaves are 4 KiB pages, or 2 MiB blocks
 * where a huge page backs a whole window of a slot, filled on the
 * guest's first access; tables are freed with the VM.
 *
 * The granule is 4 KiB whatever the host's PAGE_SIZE.  The guest sees the
 * same stage 2 on every host (2 MiB blocks and fault-around windows, the
 * same IPA sizes and start levels), and 4 KiB is the granule every CPU
 * avcpu loads on has at stage 2 (main.c checks).  On a 16 KiB host each
 * host page is mapped by four consecutive entries: slots are made of
 * whole host pages (PAGE_SIZE aligned in IPA, address and size, vm.c),
 * and each 4 KiB table uses the first 4 KiB of a page of its own.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <asm/cacheflush.h>
#include <asm/cpufeature.h>
#include <asm/kvm_arm.h>
#include "avcpu.h"

#define S2_DESC_VALID		BIT_ULL(0)
#define S2_DESC_TABLE		BIT_ULL(1)	/* table, or page at level 3 */
#define S2_ATTR_NORMAL_WB	(0xfULL << 2)	/* MemAttr[5:2] */
#define S2_ATTR_FWB_NORMAL_WB	(0x6ULL << 2)	/* with HCR_EL2.FWB: forced WB */
#define S2_AP_READ		BIT_ULL(6)
#define S2_AP_WRITE		BIT_ULL(7)
#define S2_SH_INNER		(3ULL << 8)
#define S2_AF			BIT_ULL(10)
#define S2_ADDR_MASK		GENMASK_ULL(47, 12)
#define S2_SHIFT		12		/* the 4 KiB granule */
#define S2_GRANULE		BIT_ULL(S2_SHIFT)
#define S2_PTRS			(S2_GRANULE / sizeof(u64))

/* Address bit at which a level's index starts (4 KiB granule). */
static unsigned int level_shift(unsigned int level)
{
	return S2_SHIFT + (3 - level) * (S2_SHIFT - 3);
}

/* The host address backing IPA @a of @slot, and its linear-map alias. */
static phys_addr_t slot_pa(struct avcpu_memslot *slot, u64 a)
{
	u64 off = a - slot->gpa;

	return page_to_phys(slot->pages[off >> PAGE_SHIFT]) +
	       (off & ~PAGE_MASK);
}

static void *slot_va(struct avcpu_memslot *slot, u64 a)
{
	return phys_to_virt(slot_pa(slot, a));
}

/* A zeroed 4 KiB table, the first 4 KiB of a page. */
static u64 *alloc_table(void)
{
	u64 *table = (u64 *)get_zeroed_page(GFP_KERNEL_ACCOUNT);

	if (table)
		atomic_inc(&avcpu_stats.pages_held);
	return table;
}

/* The page order of the root: 2^pgd_order concatenated 4 KiB tables. */
static unsigned int root_order(const struct avcpu_stage2 *s2)
{
	return get_order(S2_GRANULE << s2->pgd_order);
}

static u64 *table_va(u64 desc)
{
	return phys_to_virt(desc & S2_ADDR_MASK);
}

/*
 * Clean and invalidate to the Point of Coherency (guest MMU-off view).
 * Stride by CTR_EL0.DminLine, the smallest D-cache line in the system.
 */
void avcpu_dcache_clean_inval_poc(void *addr, size_t size)
{
	unsigned long line = avcpu_host.dline;
	unsigned long p = (unsigned long)addr & ~(line - 1);
	unsigned long end = (unsigned long)addr + size;

	for (; p < end; p += line)
		asm volatile("dc civac, %0" : : "r" (p) : "memory");
	dsb(sy);
}

/*
 * Levels and root size follow from the IPA size: up to 16 concatenated
 * tables at the start level rather than one more level of walk (Arm ARM,
 * "concatenated translation tables").
 */
int avcpu_s2_init(struct avcpu_vm *vm)
{
	struct avcpu_stage2 *s2 = &vm->s2;
	unsigned int levels = (vm->ipa_bits - 4 - 4) / (S2_SHIFT - 3);
	unsigned int root_bits, sl0;
	struct page *root;

	s2->start_level = 4 - levels;
	root_bits = vm->ipa_bits - level_shift(s2->start_level);
	/* log2 of the number of concatenated root tables */
	s2->pgd_order = root_bits > S2_SHIFT - 3 ?
			root_bits - (S2_SHIFT - 3) : 0;
	/* Pages are aligned to their size, as the concatenation needs. */
	root = alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_ZERO, root_order(s2));
	if (!root)
		return -ENOMEM;
	atomic_add(1 << root_order(s2), &avcpu_stats.pages_held);
	s2->pgd = page_address(root);

	/* SL0 for a 4 KiB granule: 0 = level 2, 1 = level 1, 2 = level 0. */
	sl0 = 2 - s2->start_level;
	s2->vtcr = VTCR_EL2_RES1 | VTCR_EL2_T0SZ(vm->ipa_bits) |
		   ((u64)sl0 << VTCR_EL2_SL0_SHIFT) |
		   VTCR_EL2_IRGN0_WBWA | VTCR_EL2_ORGN0_WBWA |
		   VTCR_EL2_SH0_INNER | VTCR_EL2_TG0_4K |
		   ((u64)avcpu_host.pa_range << VTCR_EL2_PS_SHIFT);
	if (avcpu_host.vmid_bits == 16)
		s2->vtcr |= VTCR_EL2_VS_16BIT;
	s2->vttbr = virt_to_phys(s2->pgd) | ((u64)vm->vmid << 48);
	return 0;
}

/* A table descriptor (not a block) above level 3. */
static bool is_table(u64 desc)
{
	return (desc & (S2_DESC_VALID | S2_DESC_TABLE)) ==
	       (S2_DESC_VALID | S2_DESC_TABLE);
}

static void free_table(u64 *table, unsigned int level)
{
	unsigned int i;

	if (level < 3) {
		for (i = 0; i < S2_PTRS; i++)
			if (is_table(table[i]))
				free_table(table_va(table[i]), level + 1);
	}
	free_page((unsigned long)table);
	atomic_dec(&avcpu_stats.pages_held);
}

void avcpu_s2_destroy(struct avcpu_vm *vm)
{
	struct avcpu_stage2 *s2 = &vm->s2;
	unsigned long nr = (S2_PTRS << s2->pgd_order), i;

	if (!s2->pgd)
		return;
	/* No run can be under way; make sure no walk cache remembers us. */
	avcpu_flush_vmid(s2);
	if (s2->start_level < 3) {
		for (i = 0; i < nr; i++)
			if (is_table(s2->pgd[i]))
				free_table(table_va(s2->pgd[i]),
					   s2->start_level + 1);
	}
	free_pages((unsigned long)s2->pgd, root_order(s2));
	atomic_sub(1 << root_order(s2), &avcpu_stats.pages_held);
	s2->pgd = NULL;
}

/*
 * The entry for @ipa at level @target (2 or 3), allocating tables on the
 * way if @alloc.  NULL when a table is missing and !@alloc;
 * ERR_PTR(-EEXIST) when a level-2 block already maps @ipa.
 */
static u64 *s2_walk_to(struct avcpu_vm *vm, u64 ipa, unsigned int target,
		       bool alloc)
{
	struct avcpu_stage2 *s2 = &vm->s2;
	unsigned int level = s2->start_level;
	unsigned long idx;
	u64 *table = s2->pgd;
	u64 *desc, d;

	idx = (ipa >> level_shift(level)) & ((S2_PTRS << s2->pgd_order) - 1);
	for (;;) {
		desc = &table[idx];
		if (level == target)
			return desc;
		d = READ_ONCE(*desc);
		if ((d & S2_DESC_VALID) && !is_table(d))
			return ERR_PTR(-EEXIST);
		if (!(d & S2_DESC_VALID)) {
			u64 *next;

			if (!alloc)
				return NULL;
			next = alloc_table();
			if (!next)
				return ERR_PTR(-ENOMEM);
			/* The zeroed table is visible before it is linked. */
			dsb(ishst);
			d = virt_to_phys(next) | S2_DESC_VALID | S2_DESC_TABLE;
			WRITE_ONCE(*desc, d);
		}
		table = table_va(d);
		level++;
		idx = (ipa >> level_shift(level)) & (S2_PTRS - 1);
	}
}

/* Memory mapped around a fault: one level-3 table's worth (2 MiB). */
#define S2_FAULT_AROUND		(S2_PTRS * S2_GRANULE)
#define S2_WINDOW_PAGES		(S2_FAULT_AROUND >> PAGE_SHIFT)
#define S2_BLOCKS_AHEAD		7

/*
 * Whether the 2 MiB window at @base lies wholly inside @slot.  Only then
 * are all its pages in slot->pages[]: a slot may start or end anywhere in
 * a window (it is only page aligned), and the map-ahead loop asks about
 * windows past the slot's end.  No index into pages[] before this check.
 */
static bool window_in_slot(struct avcpu_memslot *slot, u64 base)
{
	return base >= slot->gpa && base - slot->gpa <= slot->size &&
	       slot->size - (base - slot->gpa) >= S2_FAULT_AROUND;
}

/*
 * Whether the window's pages are one physically contiguous, aligned
 * 2 MiB.  The caller checked window_in_slot().
 */
static bool window_is_huge(struct avcpu_memslot *slot, u64 base)
{
	struct page **p = &slot->pages[(base - slot->gpa) >> PAGE_SHIFT];
	unsigned int i;

	if (!IS_ALIGNED(page_to_pfn(p[0]), S2_WINDOW_PAGES))
		return false;
	/* struct pages of contiguous frames are contiguous (vmemmap) */
	for (i = 1; i < S2_WINDOW_PAGES; i++)
		if (p[i] != p[0] + i)
			return false;
	return true;
}

/*
 * Make new guest mappings safe to publish.  Without FEAT_S2FWB a guest
 * with its MMU off reads memory as non-cacheable: what the VMM wrote
 * through the host's cacheable alias must be cleaned to the PoC first
 * (which also makes it visible to instruction fetches).  With FWB stage
 * 2 makes every guest access write-back cacheable, coherent with the
 * host's: nothing to clean.  Callers invalidate the I-cache after the
 * cleans and before any entry becomes valid (avcpu_s2_map_around()).
 */
static void clean_for_guest(void *va, size_t size)
{
	if (!avcpu_host.fwb)
		avcpu_dcache_clean_inval_poc(va, size);
}

/*
 * Map the window at @base, and up to S2_BLOCKS_AHEAD windows after it,
 * with level-2 blocks while each lies in the slot, is backed by a
 * transparent huge page (or any contiguous, aligned 2 MiB) and is not
 * mapped yet: one entry and one TLB entry instead of 512, and a guest
 * touching its memory in order takes one fault per 16 MiB.  Returns the
 * number of windows mapped (or found mapped by a block), 0 to map the
 * first one page by page, or -errno; *mapped: the bytes it mapped.
 */
static int map_blocks(struct avcpu_vm *vm, struct avcpu_memslot *slot,
		      u64 base, u64 attrs, u64 *mapped)
{
	u64 *pmd[S2_BLOCKS_AHEAD + 1], a, d;
	struct page *first;
	unsigned int n, i;

	for (n = 0, a = base; n <= S2_BLOCKS_AHEAD; n++, a += S2_FAULT_AROUND) {
		if (!window_in_slot(slot, a) || !window_is_huge(slot, a))
			break;
		pmd[n] = s2_walk_to(vm, a, 2, true);
		if (IS_ERR(pmd[n])) {
			if (!n)
				return PTR_ERR(pmd[n]);
			break;
		}
		d = READ_ONCE(*pmd[n]);
		if (d & S2_DESC_VALID) {
			/* A block: another vCPU's fault mapped it. */
			if (!n && !is_table(d))
				return 1;
			/* A level-3 table from earlier faults. */
			break;
		}
	}
	for (i = 0, a = base; i < n; i++, a += S2_FAULT_AROUND) {
		first = slot->pages[(a - slot->gpa) >> PAGE_SHIFT];
		clean_for_guest(page_address(first), S2_FAULT_AROUND);
	}
	if (!n)
		return 0;
	icache_inval_all_pou();
	dsb(ishst);
	for (i = 0, a = base; i < n; i++, a += S2_FAULT_AROUND) {
		first = slot->pages[(a - slot->gpa) >> PAGE_SHIFT];
		WRITE_ONCE(*pmd[i],
			   page_to_phys(first) | (attrs & ~S2_DESC_TABLE));
	}
	*mapped = (u64)n * S2_FAULT_AROUND;
	return n;
}

/*
 * Map the pages of @slot around @ipa: every page of the slot within the
 * 2 MiB-aligned window holding @ipa, in one pass over one level-3 table.
 * A guest touching its memory takes one stage-2 fault per 2 MiB, not one
 * per page (as KVM does with huge pages); the pages are pinned already,
 * so mapping them early costs nothing else.  Caller holds vm->lock.
 * Only invalid entries become valid here, so no break-before-make and no
 * TLB maintenance is needed.  *mapped: the bytes this call mapped.
 *
 * Order: clean the data (clean_for_guest()), invalidate the I-cache,
 * then publish the entries.  Once an entry is valid the guest (any of
 * its vCPUs, already running) may fetch through it; an I-cache
 * invalidation after that could come too late for lines it fetched from
 * the page's previous contents (Arm ARM, instruction cache maintenance
 * before making new code executable).  A DSB completes both before the
 * first entry is written.
 */
int avcpu_s2_map_around(struct avcpu_vm *vm, struct avcpu_memslot *slot,
			u64 ipa, u64 *mapped)
{
	u64 win = ALIGN_DOWN(ipa, S2_FAULT_AROUND);
	u64 start = max(win, slot->gpa);
	u64 end = min(win + S2_FAULT_AROUND, slot->gpa + slot->size);
	u64 attrs = S2_DESC_VALID | S2_DESC_TABLE | S2_SH_INNER | S2_AF |
		    S2_AP_READ | (avcpu_host.fwb ? S2_ATTR_FWB_NORMAL_WB :
						   S2_ATTR_NORMAL_WB);
	u64 a, *pte, *p, n = 0;
	int ret;

	*mapped = 0;
	if (!(slot->flags & AVCPU_MEM_READONLY))
		attrs |= S2_AP_WRITE;

	ret = map_blocks(vm, slot, win, attrs, mapped);
	if (ret)
		return ret < 0 ? ret : 0;

	pte = s2_walk_to(vm, start, 3, true);
	if (IS_ERR(pte))
		return PTR_ERR(pte) == -EEXIST ? 0 : PTR_ERR(pte);

	for (a = start, p = pte; a < end; a += S2_GRANULE, p++) {
		if (READ_ONCE(*p) & S2_DESC_VALID)
			continue;
		clean_for_guest(slot_va(slot, a), S2_GRANULE);
		n++;		/* vm->lock: the second pass maps the same */
	}
	if (!n)
		return 0;
	icache_inval_all_pou();
	dsb(ishst);
	for (a = start, p = pte; a < end; a += S2_GRANULE, p++) {
		if (READ_ONCE(*p) & S2_DESC_VALID)
			continue;
		WRITE_ONCE(*p, slot_pa(slot, a) | attrs);
	}
	*mapped = n * S2_GRANULE;
	return 0;
}

/*
 * The leaf entry for @ipa: a level-2 block or a level-3 page, valid or
 * not, or NULL if no table reaches that far.  *len is the size from @ipa
 * to the end of what the entry (or the missing table) covers.
 */
static u64 *s2_leaf(struct avcpu_vm *vm, u64 ipa, u64 *len)
{
	u64 *desc = s2_walk_to(vm, ipa, 2, false);

	*len = ALIGN_DOWN(ipa, S2_FAULT_AROUND) + S2_FAULT_AROUND - ipa;
	if (IS_ERR_OR_NULL(desc) || !is_table(READ_ONCE(*desc)))
		return IS_ERR(desc) ? NULL : desc;
	*len = S2_GRANULE;
	return s2_walk_to(vm, ipa, 3, false);
}

/* The output address and size of leaf @desc (a page at level 3). */
static void *leaf_va(u64 desc, size_t *size)
{
	*size = (desc & S2_DESC_TABLE) ? S2_GRANULE : S2_FAULT_AROUND;
	return table_va(desc);
}

/*
 * Remove every leaf in [ipa, ipa + size) and invalidate the VMID on all
 * CPUs, so the pages may be released afterwards.  Caller holds vm->lock.
 *
 * The guest may have written its pages through a non-cacheable mapping
 * of its own (MMU off, device attributes): those pages are cleaned and
 * invalidated to the PoC so the host's cacheable view finds no stale
 * line.  Only after the TLB invalidation: until it completes, a vCPU
 * still holding the old translation can allocate and dirty lines again.
 * So the first pass only clears the valid bit (hardware ignores the rest
 * of an invalid descriptor, Arm ARM "Translation table descriptor
 * formats", and keeps the output address here), the second, after the
 * TLBI, cleans and zeroes.  vm->lock keeps anyone else from seeing the
 * half-removed entries.  Caller holds vm->lock and may sleep.
 */
void avcpu_s2_unmap_range(struct avcpu_vm *vm, u64 ipa, u64 size)
{
	u64 a, end = ipa + size, *desc, d, len;
	size_t leaf_size;
	bool any = false;
	void *va;

	for (a = ipa; a < end; a += len) {
		desc = s2_leaf(vm, a, &len);
		if (!desc)
			continue;
		d = READ_ONCE(*desc);
		if (!(d & S2_DESC_VALID))
			continue;
		WRITE_ONCE(*desc, d & ~S2_DESC_VALID);
		any = true;
		/* Large slots: vm->lock is a mutex, let others run. */
		if (IS_ALIGNED(a + len, S2_FAULT_AROUND))
			cond_resched();
	}
	if (!any)
		return;
	dsb(ishst);
	avcpu_flush_vmid(&vm->s2);

	for (a = ipa; a < end; a += len) {
		desc = s2_leaf(vm, a, &len);
		d = desc ? READ_ONCE(*desc) : 0;
		if (!d)
			continue;
		/* Blocks only map windows wholly inside one slot. */
		va = leaf_va(d, &leaf_size);
		if ((d & S2_AP_WRITE) && !avcpu_host.fwb)
			avcpu_dcache_clean_inval_poc(va, leaf_size);
		WRITE_ONCE(*desc, 0);
		if (IS_ALIGNED(a + len, S2_FAULT_AROUND))
			cond_resched();
	}
}

/*
 * Clean and invalidate every page the guest has mapped to the Point of
 * Coherency: what a guest's set/way maintenance and cache toggles need
 * (sysreg.c).  Pages not mapped yet are cleaned when they are.  Caller
 * holds vm->lock.
 */
void avcpu_s2_flush(struct avcpu_vm *vm)
{
	u64 a, end, *desc, d, len;
	size_t leaf_size;
	unsigned int i;
	void *va;

	for (i = 0; i < AVCPU_MAX_SLOTS; i++) {
		struct avcpu_memslot *slot = &vm->slots[i];

		end = slot->gpa + slot->size;
		for (a = slot->gpa; slot->size && a < end; a += len) {
			desc = s2_leaf(vm, a, &len);
			if (!desc)
				continue;
			d = READ_ONCE(*desc);
			if (!(d & S2_DESC_VALID))
				continue;
			va = leaf_va(d, &leaf_size);
			avcpu_dcache_clean_inval_poc(va, leaf_size);
			if (IS_ALIGNED(a + len, S2_FAULT_AROUND))
				cond_resched();
		}
	}
}
