// SPDX-License-Identifier: GPL-2.0
/*
 * Stage-2 translation tables: 4 KiB granule, built by the module from the
 * memory userspace registered.  Leaves are 4 KiB pages, 2 MiB blocks
 * (level 2) where a huge page backs a whole window of a slot, or 1 GiB
 * blocks (level 1) where a hugetlbfs gigantic page does (4 KiB hosts),
 * filled on the guest's first access (mmu.c decides what to map) and
 * removed when the host takes the memory back.  Tables are freed with the
 * VM, or when a 1 GiB block replaces the table below its level-1 entry.
 * Everything here runs under vm->mmu_lock.
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
#define S2_GIB			BIT_ULL(30)	/* a level-1 block */

/* Address bit at which a level's index starts (4 KiB granule). */
static unsigned int level_shift(unsigned int level)
{
	return S2_SHIFT + (3 - level) * (S2_SHIFT - 3);
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
 * Tables for the next fault, allocated before vm->mmu_lock is taken: the
 * MMU notifier takes that lock from reclaim, so nothing may allocate
 * memory while holding it.  Enough for a walk from level 0 to level 3
 * plus the level-2 tables of the blocks mapped ahead.
 */
int avcpu_s2_cache_topup(struct avcpu_s2_cache *c)
{
	while (c->nr < AVCPU_S2_CACHE_PAGES) {
		u64 *t = alloc_table();

		if (!t)
			return c->nr >= AVCPU_S2_CACHE_MIN ? 0 : -ENOMEM;
		c->tables[c->nr++] = t;
	}
	return 0;
}

void avcpu_s2_cache_free(struct avcpu_s2_cache *c)
{
	while (c->nr) {
		free_page((unsigned long)c->tables[--c->nr]);
		atomic_dec(&avcpu_stats.pages_held);
	}
}

/*
 * The entry for @ipa at level @target (1, 2 or 3, not above the start
 * level), taking missing tables from @c, or NULL when a table is missing
 * and @c is NULL.  ERR_PTR(-EEXIST) when a block above @target already
 * maps @ipa, ERR_PTR(-ENOMEM) when @c ran out.  Caller holds
 * vm->mmu_lock.
 */
static u64 *s2_walk_to(struct avcpu_vm *vm, u64 ipa, unsigned int target,
		       struct avcpu_s2_cache *c)
{
	struct avcpu_stage2 *s2 = &vm->s2;
	unsigned int level = s2->start_level;
	unsigned long idx;
	u64 *table = s2->pgd;
	u64 *desc, d;

	if (target < level)
		return ERR_PTR(-EINVAL);
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

			if (!c)
				return NULL;
			if (!c->nr)
				return ERR_PTR(-ENOMEM);
			next = c->tables[--c->nr];
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
#define S2_SUB			(PAGE_SIZE / S2_GRANULE)

/* The leaf attributes for @prot: normal write-back memory, accessed. */
static u64 leaf_attrs(unsigned int prot)
{
	u64 attrs = S2_DESC_VALID | S2_SH_INNER | S2_AF | S2_AP_READ |
		    (avcpu_host.fwb ? S2_ATTR_FWB_NORMAL_WB : S2_ATTR_NORMAL_WB);

	if (prot & AVCPU_S2_WRITE)
		attrs |= S2_AP_WRITE;
	return attrs;
}

/*
 * Make new guest mappings safe to publish.  Without FEAT_S2FWB a guest
 * with its MMU off reads memory as non-cacheable: what the host wrote
 * through its cacheable alias must be cleaned to the PoC first (which
 * also makes it visible to instruction fetches).  With FWB stage 2 makes
 * every guest access write-back cacheable, coherent with the host's:
 * nothing to clean.  Callers invalidate the I-cache after the cleans and
 * before any entry becomes valid (publish()).
 */
static void clean_for_guest(void *va, size_t size)
{
	if (!avcpu_host.fwb)
		avcpu_dcache_clean_inval_poc(va, size);
}

/*
 * Order before new entries become valid: the cleans above, then the
 * I-cache.  Once an entry is valid the guest (any of its vCPUs, already
 * running) may fetch through it; an I-cache invalidation after that
 * could come too late for lines it fetched from the page's previous
 * contents (Arm ARM, instruction cache maintenance before making new
 * code executable).  The DSB completes both before the first write.
 */
static void publish(void)
{
	icache_inval_all_pou();
	dsb(ishst);
}

/*
 * Install @new at @desc, which is invalid or maps the same output with
 * fewer permissions or no access flag (the caller removed any other
 * mapping first).  Gaining a permission needs no broadcast TLB
 * invalidation: a CPU whose TLB still holds the old entry takes the
 * permission fault again, and the fault path then invalidates that
 * CPU's TLB (module/mmu.c, AVCPU_HYP_FLUSH_LOCAL).  An entry without
 * the access flag is never held by a TLB.
 */
static void set_leaf(u64 *desc, u64 new)
{
	u64 old = READ_ONCE(*desc);

	if (!(old & S2_DESC_VALID))
		WRITE_ONCE(*desc, new);
	else if ((old | new) != old)
		WRITE_ONCE(*desc, old | new);
}

/* The host address of page @i of a mapping: @pages, or from @pa on. */
static phys_addr_t page_pa(struct page **pages, phys_addr_t pa,
			   unsigned int i)
{
	return pages ? page_to_phys(pages[i]) : pa + (phys_addr_t)i * PAGE_SIZE;
}

/*
 * Map @n host pages at @ipa, all in one 2 MiB window, as level-3 pages:
 * @pages, or the contiguous memory at @pa.  Entries mapping something
 * else are removed first; entries already mapping the same page keep it
 * and gain @prot.  Caller holds vm->mmu_lock.
 */
static int map_range(struct avcpu_vm *vm, struct avcpu_s2_cache *c, u64 ipa,
		     struct page **pages, phys_addr_t pa, unsigned int n,
		     unsigned int prot)
{
	u64 attrs = leaf_attrs(prot) | S2_DESC_TABLE, *pte, *p, d;
	unsigned int i, j, fresh = 0;

	pte = s2_walk_to(vm, ipa, 3, c);
	if (PTR_ERR_OR_ZERO(pte) == -EEXIST) {
		/* A block maps the window: pages replace it. */
		avcpu_s2_unmap_range(vm, ALIGN_DOWN(ipa, S2_FAULT_AROUND),
				     S2_FAULT_AROUND);
		pte = s2_walk_to(vm, ipa, 3, c);
	}
	if (IS_ERR(pte))
		return PTR_ERR(pte);

	for (i = 0, p = pte; i < n; i++) {
		for (j = 0; j < S2_SUB; j++, p++) {
			d = READ_ONCE(*p);
			if (!(d & S2_DESC_VALID)) {
				fresh++;
				continue;
			}
			if ((d & S2_ADDR_MASK) != page_pa(pages, pa, i) +
						  j * S2_GRANULE) {
				/* The host moved it: break before make. */
				avcpu_s2_unmap_range(vm, ipa, (u64)n *
						     PAGE_SIZE);
				fresh = n * S2_SUB;
				goto clean;
			}
		}
	}
clean:
	for (i = 0, p = pte; fresh && i < n; i++, p += S2_SUB)
		if (!(READ_ONCE(*p) & S2_DESC_VALID))
			clean_for_guest(phys_to_virt(page_pa(pages, pa, i)),
					PAGE_SIZE);
	if (fresh)
		publish();
	for (i = 0, p = pte; i < n; i++)
		for (j = 0; j < S2_SUB; j++, p++)
			set_leaf(p, (page_pa(pages, pa, i) + j * S2_GRANULE) |
				 attrs);
	return 0;
}

int avcpu_s2_map_pages(struct avcpu_vm *vm, struct avcpu_s2_cache *c,
		       u64 ipa, struct page **pages, unsigned int n,
		       unsigned int prot)
{
	return map_range(vm, c, ipa, pages, 0, n, prot);
}

/* Whether 1 GiB blocks can map this VM's memory (avcpu_s2_map_block()). */
bool avcpu_s2_gib_blocks(struct avcpu_vm *vm)
{
	/*
	 * A level-1 entry exists in stage 2 when the walk starts at level 0
	 * or 1.  The hosts whose pages are 4 KiB map gigantic pages with a
	 * PUD of 1 GiB; on 16 KiB and 64 KiB hosts the huge pages a VMM can
	 * have are mapped at most 2 MiB at a time, as before.
	 */
	return IS_ENABLED(CONFIG_ARM64_4K_PAGES) && vm->s2.start_level <= 1;
}

/*
 * Clean to the PoC what the leaves of the detached @table (entries at
 * @level) map outside [keep, keep + keep_size), which the caller cleans
 * anyway: lines the guest wrote through a non-cacheable view of its own.
 */
static void clean_table(u64 *table, unsigned int level, phys_addr_t keep,
			u64 keep_size)
{
	u64 size = BIT_ULL(level_shift(level)), d;
	phys_addr_t pa;
	unsigned int i;

	for (i = 0; i < S2_PTRS; i++) {
		d = READ_ONCE(table[i]);
		if (!(d & S2_DESC_VALID))
			continue;
		if (level < 3 && is_table(d)) {
			clean_table(table_va(d), level + 1, keep, keep_size);
			continue;
		}
		pa = d & S2_ADDR_MASK;
		if (pa >= keep && pa - keep < keep_size)
			continue;
		avcpu_dcache_clean_inval_poc(phys_to_virt(pa), size);
	}
}

/*
 * Replace the table that @desc (at @level) links with nothing, so that a
 * block can take its place, and free it: break before make.  Once the
 * entry is invalid, the TLB invalidation of the VMID on every CPU (which
 * takes the walk caches with it) leaves no CPU walking the old table or
 * holding a translation through it; only then may its leaves' memory be
 * cleaned (no vCPU can dirty a line any more) and its pages freed.  The
 * caller cleans [keep, keep + keep_size), the block's memory.
 */
static void drop_table(struct avcpu_vm *vm, u64 *desc, unsigned int level,
		       phys_addr_t keep, u64 keep_size)
{
	u64 *table = table_va(READ_ONCE(*desc));

	WRITE_ONCE(*desc, 0);
	avcpu_flush_vmid(&vm->s2);
	if (!avcpu_host.fwb)
		clean_table(table, level + 1, keep, keep_size);
	free_table(table, level + 1);
}

/*
 * Map the @size (2 MiB or 1 GiB) at @ipa (aligned) to the contiguous,
 * aligned memory at @pa with one block, at level 2 or 1.  Where earlier
 * faults built a level-3 table for a 2 MiB window, fill that instead;
 * a table under a level-1 entry (pages or 2 MiB blocks faulted in while
 * the slot logged dirty pages, or before the VMM's gigantic page was
 * there) is replaced by the block.  A larger block mapping something
 * else is removed first.  Caller holds vm->mmu_lock and, for 1 GiB,
 * checked avcpu_s2_gib_blocks().
 */
int avcpu_s2_map_block(struct avcpu_vm *vm, struct avcpu_s2_cache *c,
		       u64 ipa, phys_addr_t pa, u64 size, unsigned int prot)
{
	unsigned int level = size == S2_GIB ? 1 : 2;
	u64 *desc = s2_walk_to(vm, ipa, level, c), d;

	if (PTR_ERR_OR_ZERO(desc) == -EEXIST) {
		avcpu_s2_unmap_range(vm, ipa, size);
		desc = s2_walk_to(vm, ipa, level, c);
	}
	if (IS_ERR(desc))
		return PTR_ERR(desc);
	d = READ_ONCE(*desc);
	if (is_table(d) && level == 2)
		return map_range(vm, c, ipa, NULL, pa, S2_WINDOW_PAGES, prot);
	if (is_table(d)) {
		drop_table(vm, desc, level, pa, size);
		d = 0;
	}
	if ((d & S2_DESC_VALID) && (d & S2_ADDR_MASK) != pa) {
		avcpu_s2_unmap_range(vm, ipa, size);
		d = 0;
	}
	if (!(d & S2_DESC_VALID)) {
		clean_for_guest(phys_to_virt(pa), size);
		publish();
	}
	set_leaf(desc, pa | leaf_attrs(prot));
	return 0;
}

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

/* Whether a level-2 entry (block or table) already exists at @a. */
static bool window_mapped(struct avcpu_vm *vm, u64 a)
{
	u64 *pmd = s2_walk_to(vm, a, 2, NULL);

	return IS_ERR(pmd) || (pmd && (READ_ONCE(*pmd) & S2_DESC_VALID));
}

/*
 * Fault in a pinned slot (AVCPU_MEM_PINNED), whose pages never change:
 * map the 2 MiB window holding @ipa, and up to S2_BLOCKS_AHEAD windows
 * after it while each is backed by a huge page and not mapped yet, with
 * level-2 blocks where the window is a contiguous 2 MiB: a guest
 * touching its memory in order takes one fault per 16 MiB.  While the
 * slot logs dirty pages, only the faulting page, writable if @prot says
 * so.  *mapped: the bytes mapped.  Caller holds vm->mmu_lock.
 */
int avcpu_s2_map_pinned(struct avcpu_vm *vm, struct avcpu_s2_cache *c,
			struct avcpu_memslot *slot, u64 ipa, unsigned int prot,
			u64 *mapped)
{
	u64 win = ALIGN_DOWN(ipa, S2_FAULT_AROUND), a, start, end;
	struct page *first;
	unsigned int n;
	int ret;

	*mapped = 0;
	if (slot->dirty) {
		a = ALIGN_DOWN(ipa, PAGE_SIZE);
		ret = map_range(vm, c, a, &slot->pages[(a - slot->gpa) >>
						       PAGE_SHIFT], 0, 1, prot);
		*mapped = ret ? 0 : PAGE_SIZE;
		return ret;
	}
	for (n = 0, a = win; n <= S2_BLOCKS_AHEAD; n++, a += S2_FAULT_AROUND) {
		if (!window_in_slot(slot, a) || !window_is_huge(slot, a))
			break;
		if (n && window_mapped(vm, a))
			break;
		first = slot->pages[(a - slot->gpa) >> PAGE_SHIFT];
		ret = avcpu_s2_map_block(vm, c, a, page_to_phys(first),
					 S2_FAULT_AROUND, prot);
		if (ret)
			return n ? 0 : ret;
		*mapped += S2_FAULT_AROUND;
	}
	if (n)
		return 0;
	start = max(win, slot->gpa);
	end = min(win + S2_FAULT_AROUND, slot->gpa + slot->size);
	ret = map_range(vm, c, start, &slot->pages[(start - slot->gpa) >>
						   PAGE_SHIFT], 0,
			(end - start) >> PAGE_SHIFT, prot);
	if (!ret)
		*mapped = end - start;
	return ret;
}

/*
 * The leaf entry for @ipa: a level-1 or level-2 block or a level-3 page,
 * valid or not, or NULL if only a level-0 entry reaches that far.
 * *size is what the entry covers (a missing level-0 table's 512 GiB
 * too), *len the size from @ipa to the end of it.
 */
static u64 *s2_leaf(struct avcpu_vm *vm, u64 ipa, u64 *len, u64 *size)
{
	struct avcpu_stage2 *s2 = &vm->s2;
	unsigned int level = s2->start_level;
	u64 *table = s2->pgd, *desc, d;
	unsigned long idx;

	idx = (ipa >> level_shift(level)) & ((S2_PTRS << s2->pgd_order) - 1);
	for (;;) {
		desc = &table[idx];
		d = READ_ONCE(*desc);
		if (level == 3 || !is_table(d))
			break;
		table = table_va(d);
		level++;
		idx = (ipa >> level_shift(level)) & (S2_PTRS - 1);
	}
	*size = BIT_ULL(level_shift(level));
	*len = *size - (ipa & (*size - 1));
	return level ? desc : NULL;
}

/*
 * The first level-3 entry of the host page at @ipa if it is valid, else
 * NULL.  Caller holds vm->mmu_lock.
 */
u64 *avcpu_s2_page(struct avcpu_vm *vm, u64 ipa)
{
	u64 *pte = s2_walk_to(vm, ALIGN_DOWN(ipa, PAGE_SIZE), 3, NULL);

	if (IS_ERR_OR_NULL(pte) || !(READ_ONCE(*pte) & S2_DESC_VALID))
		return NULL;
	return pte;
}

/* The host address @entry (from avcpu_s2_page()) maps. */
phys_addr_t avcpu_s2_pa(u64 *entry)
{
	return READ_ONCE(*entry) & S2_ADDR_MASK;
}

/*
 * Give write permission to the host page whose first entry is @entry
 * (avcpu_s2_page()); no TLB invalidation (set_leaf()).  Caller holds
 * vm->mmu_lock.
 */
void avcpu_s2_relax_write(u64 *entry)
{
	unsigned int j;

	for (j = 0; j < S2_SUB; j++)
		set_leaf(&entry[j], READ_ONCE(entry[j]) | S2_AP_WRITE | S2_AF);
}

/*
 * avcpu_s2_wrprotect() of the host pages @mask selects, bit i for the
 * page at @ipa + i * PAGE_SIZE: one walk per 2 MiB window, not per page.
 */
bool avcpu_s2_wrprotect_mask(struct avcpu_vm *vm, u64 ipa, u64 mask)
{
	u64 a, win = 0, *pte = NULL, *p, d;
	bool flush = false;
	unsigned int i, j;

	while (mask) {
		i = __ffs64(mask);
		mask &= mask - 1;
		a = ipa + ((u64)i << PAGE_SHIFT);
		if (!pte || ALIGN_DOWN(a, S2_FAULT_AROUND) != win) {
			win = ALIGN_DOWN(a, S2_FAULT_AROUND);
			pte = s2_walk_to(vm, win, 3, NULL);
			if (IS_ERR(pte)) {
				/* A block: taken apart by the general case. */
				flush |= avcpu_s2_wrprotect(vm, a, PAGE_SIZE);
				pte = NULL;
				continue;
			}
			if (!pte)
				continue;
		}
		p = pte + ((a - win) >> S2_SHIFT);
		for (j = 0; j < S2_SUB; j++) {
			d = READ_ONCE(p[j]);
			if ((d & S2_DESC_VALID) && (d & S2_AP_WRITE)) {
				WRITE_ONCE(p[j], d & ~S2_AP_WRITE);
				flush = true;
			}
		}
	}
	return flush;
}

/* Whether a valid leaf maps @ipa.  Caller holds vm->mmu_lock. */
bool avcpu_s2_mapped(struct avcpu_vm *vm, u64 ipa)
{
	u64 len, size, *desc = s2_leaf(vm, ipa, &len, &size);

	return desc && (READ_ONCE(*desc) & S2_DESC_VALID);
}

/*
 * Remove every leaf in [ipa, ipa + size), and the whole of any block
 * that overlaps it, and invalidate the VMID on all CPUs, so the pages
 * may be released afterwards.  Caller holds vm->mmu_lock.
 *
 * The guest may have written its pages through a non-cacheable mapping
 * of its own (MMU off, device attributes): those pages are cleaned and
 * invalidated to the PoC so the host's cacheable view finds no stale
 * line.  Only after the TLB invalidation: until it completes, a vCPU
 * still holding the old translation can allocate and dirty lines again.
 * So the first pass only clears the valid bit (hardware ignores the rest
 * of an invalid descriptor, Arm ARM "Translation table descriptor
 * formats", and keeps the output address here), the second, after the
 * TLBI, cleans and zeroes.  vm->mmu_lock keeps anyone else from seeing
 * the half-removed entries, and the host from freeing the pages before
 * this returns.
 */
void avcpu_s2_unmap_range(struct avcpu_vm *vm, u64 ipa, u64 size)
{
	u64 a, end = ipa + size, *desc, d, len, leaf_size;
	bool any = false;

	for (a = ipa; a < end; a += len) {
		desc = s2_leaf(vm, a, &len, &leaf_size);
		if (!desc)
			continue;
		d = READ_ONCE(*desc);
		if (!(d & S2_DESC_VALID))
			continue;
		WRITE_ONCE(*desc, d & ~S2_DESC_VALID);
		any = true;
	}
	if (!any)
		return;
	dsb(ishst);
	avcpu_flush_vmid(&vm->s2);

	for (a = ipa; a < end; a += len) {
		desc = s2_leaf(vm, a, &len, &leaf_size);
		d = desc ? READ_ONCE(*desc) : 0;
		if (!d)
			continue;
		/*
		 * Read-only now does not mean never written: dirty logging
		 * takes write permission from pages the guest wrote.
		 */
		if (!avcpu_host.fwb)
			avcpu_dcache_clean_inval_poc(table_va(d), leaf_size);
		WRITE_ONCE(*desc, 0);
	}
}

/*
 * Take write permission away from [ipa, ipa + size) for dirty logging:
 * pages lose it, blocks overlapping the range are removed (the guest
 * faults pages back in, each tracked on its own).  True when the caller
 * must invalidate the VMID's TLB entries (after a batch of these).
 * Caller holds vm->mmu_lock.
 */
bool avcpu_s2_wrprotect(struct avcpu_vm *vm, u64 ipa, u64 size)
{
	u64 a, end = ipa + size, *desc, d, len, leaf_size;
	bool flush = false;

	for (a = ipa; a < end; a += len) {
		desc = s2_leaf(vm, a, &len, &leaf_size);
		if (!desc)
			continue;
		d = READ_ONCE(*desc);
		if (!(d & S2_DESC_VALID) || !(d & S2_AP_WRITE))
			continue;
		if (leaf_size > S2_GRANULE) {
			avcpu_s2_unmap_range(vm, ALIGN_DOWN(a, leaf_size),
					     leaf_size);
			continue;
		}
		WRITE_ONCE(*desc, d & ~S2_AP_WRITE);
		flush = true;
	}
	return flush;
}

/*
 * The access flags of the leaves in [ipa, ipa + size): whether any is
 * set, clearing them if @clear.  A cleared entry stays valid and the
 * guest's next access through it takes an access flag fault, which maps
 * it again (mmu.c): how the host's reclaim learns that the guest uses a
 * page.  Caller holds vm->mmu_lock and invalidates the TLB if it wants
 * the next access seen at once.
 */
bool avcpu_s2_age(struct avcpu_vm *vm, u64 ipa, u64 size, bool clear)
{
	u64 a, end = ipa + size, *desc, d, len, leaf_size;
	bool young = false;

	for (a = ipa; a < end; a += len) {
		desc = s2_leaf(vm, a, &len, &leaf_size);
		if (!desc)
			continue;
		d = READ_ONCE(*desc);
		if (!(d & S2_DESC_VALID) || !(d & S2_AF))
			continue;
		young = true;
		if (!clear)
			break;
		WRITE_ONCE(*desc, d & ~S2_AF);
	}
	return young;
}

/*
 * Clean and invalidate to PoC the page mapped at @ipa, if any: the
 * guest's cache maintenance by VA on memory it may not write (exit.c).
 * A page not mapped has no line the guest allocated through stage 2.
 * With FEAT_S2FWB the guest's view is always cacheable: nothing to do.
 * Caller holds vm->mmu_lock.
 */
void avcpu_s2_clean_page(struct avcpu_vm *vm, u64 ipa)
{
	u64 *desc, d, len, leaf_size;

	if (avcpu_host.fwb)
		return;
	desc = s2_leaf(vm, ipa, &len, &leaf_size);
	d = desc ? READ_ONCE(*desc) : 0;
	if (!(d & S2_DESC_VALID))
		return;
	avcpu_dcache_clean_inval_poc(table_va(d) + (ipa & (leaf_size - 1) &
						     ~(S2_GRANULE - 1)),
				     S2_GRANULE);
}

/*
 * Clean and invalidate every page the guest has mapped to the Point of
 * Coherency: what a guest's set/way maintenance and cache toggles need
 * (sysreg.c).  Pages not mapped yet are cleaned when they are.  Caller
 * holds vm->lock, which keeps the slots, but not vm->mmu_lock: this may
 * take long and reschedules.  vm->mmu_lock is taken for each leaf, and
 * for at most 2 MiB of a block at a time: a table walked without it could
 * be freed under the walk (a 1 GiB block replacing it).
 */
void avcpu_s2_flush(struct avcpu_vm *vm)
{
	u64 a, end, *desc, d, len, leaf_size;
	unsigned int i;

	for (i = 0; i < AVCPU_MAX_SLOTS; i++) {
		struct avcpu_memslot *slot = &vm->slots[i];

		end = slot->gpa + slot->size;
		for (a = slot->gpa; slot->size && a < end; a += len) {
			spin_lock(&vm->mmu_lock);
			desc = s2_leaf(vm, a, &len, &leaf_size);
			d = desc ? READ_ONCE(*desc) : 0;
			if (d & S2_DESC_VALID) {
				len = min_t(u64, len, S2_FAULT_AROUND -
					    (a & (S2_FAULT_AROUND - 1)));
				avcpu_dcache_clean_inval_poc(table_va(d) +
						(a & (leaf_size - 1)), len);
			}
			spin_unlock(&vm->mmu_lock);
			if (IS_ALIGNED(a + len, S2_FAULT_AROUND))
				cond_resched();
		}
	}
}
