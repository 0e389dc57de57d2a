// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory: slots that start or end anywhere in a 2 MiB stage-2
 * window, slots backed by huge pages (mapped with 2 MiB blocks and
 * ahead of the guest), slots next to each other; the cache maintenance
 * done for guests running with their MMU and caches off (set/way
 * operations, cache toggles, reset after an image reload).
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/mount.h>
#include <linux/memfd.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/host_mm.h"

#define SZ_2M		(2ULL << 20)
#define MAILBOX		0x1000		/* RAM offset: count, then addresses */
#define RESULTS		0x2000		/* RAM offset: what the guest read */
#define MAX_PROBES	64
#define GUEST_XOR	0xff00ff00ff00ff00ULL

/*
 * The probe guest: for each address in the mailbox, read the word there
 * into the results, then store (address ^ GUEST_XOR) to it; hvc #1.
 */
AVCPU_GUEST(g_probe,
	"	movz	x10, #0x4000, lsl #16\n"
	"	add	x11, x10, #0x1000\n"
	"	add	x12, x10, #0x2000\n"
	"	ldr	x13, [x11]\n"
	"	add	x11, x11, #8\n"
	"	mov	x14, #0\n"
	"1:	cmp	x14, x13\n"
	"	b.eq	2f\n"
	"	ldr	x16, [x11, x14, lsl #3]\n"
	"	ldr	x17, [x16]\n"
	"	str	x17, [x12, x14, lsl #3]\n"
	"	eor	x17, x16, #0xff00ff00ff00ff00\n"
	"	str	x17, [x16]\n"
	"	add	x14, x14, #1\n"
	"	b	1b\n"
	"2:	hvc	#1\n");

struct slot {
	uint64_t gpa;
	uint64_t size;
	char *mem;		/* the VMM's view */
};

/* The VMM's value for guest address @a. */
static uint64_t vmm_value(uint64_t a)
{
	return a * 3 + 0x1111;
}

static uint64_t *word(const struct slot *s, uint64_t a)
{
	return (uint64_t *)(s->mem + (a - s->gpa));
}

static const struct slot *slot_of(const struct slot *s, int n, uint64_t a)
{
	int i;

	for (i = 0; i < n; i++)
		if (a >= s[i].gpa && a - s[i].gpa < s[i].size)
			return &s[i];
	return NULL;
}

/*
 * Register @n slots (ids from 1), have the VMM write vmm_value() at each
 * probe address, run the probe guest over @addr in order, then check the
 * guest read the VMM's values and its stores reached the right backing.
 */
static void probe(struct __test_metadata *_metadata, struct avcpu_guest *g,
		  const struct slot *s, int n, const uint64_t *addr, int na)
{
	uint64_t *box = (uint64_t *)((char *)g->ram + MAILBOX);
	uint64_t *res = (uint64_t *)((char *)g->ram + RESULTS);
	int i;

	ASSERT_LE(na, MAX_PROBES);
	for (i = 0; i < n; i++) {
		struct avcpu_memory_region r = {
			.slot = 1 + i, .guest_phys_addr = s[i].gpa,
			.memory_size = s[i].size,
			.userspace_addr = (uintptr_t)s[i].mem,
		};

		ASSERT_EQ(0, ioctl(g->vm, AVCPU_SET_MEMORY_REGION, &r));
	}
	box[0] = na;
	for (i = 0; i < na; i++) {
		ASSERT_NE(NULL, slot_of(s, n, addr[i]));
		box[1 + i] = addr[i];
		*word(slot_of(s, n, addr[i]), addr[i]) = vmm_value(addr[i]);
	}
	ASSERT_EQ(0, avcpu_run_fd(g->vcpu, g->run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g->run->exit_reason);
	ASSERT_EQ(1, g->run->hypercall.imm);
	for (i = 0; i < na; i++) {
		TH_LOG("%#llx: guest read %#llx", (unsigned long long)addr[i],
		       (unsigned long long)res[i]);
		ASSERT_EQ(vmm_value(addr[i]), res[i]);
		ASSERT_EQ(addr[i] ^ GUEST_XOR,
			  *word(slot_of(s, n, addr[i]), addr[i]));
	}
}

static char *map_anon(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Anonymous memory of @r's size, at @r's userspace_addr. */
static uint64_t *region_memory(struct __test_metadata *_metadata,
			       struct avcpu_memory_region *r)
{
	char *p = map_anon(r->memory_size);

	ASSERT_NE(NULL, p);
	r->userspace_addr = (uintptr_t)p;
	return (uint64_t *)p;
}

/*
 * Slots are page aligned, not 2 MiB aligned: one starting in the middle
 * of a window (the first fault's window begins before the slot), one
 * ending in the middle, one crossing a window boundary, and two sharing
 * a window.  The guest touches the first and the last page of each.
 * Before the fix the first touch of the first slot (0x50001000 on a
 * 4 KiB host) read slot->pages[-1] and oopsed the host.  Pages are the
 * host's (16 KiB on a 16 KiB kernel, whose pages stage 2 maps as four
 * 4 KiB entries): the first slot is also touched in its middle.
 */
TEST(unaligned_slots_first_and_last_pages)
{
	const uint64_t p = getpagesize(), w = 0x50600000;
	struct slot s[] = {
		{ .gpa = 0x50000000 + p, .size = p },	/* starts mid-window */
		{ .gpa = 0x50000000 + 2 * p, .size = 2 * p },	/* same window */
		{ .gpa = 0x50400000, .size = 3 * p },	/* ends mid-window */
		{ .gpa = w - 2 * p, .size = 4 * p },	/* crosses a window */
	};
	const uint64_t addr[] = {
		s[0].gpa, s[0].gpa + p - 8, s[1].gpa + 2 * p - 8, s[1].gpa,
		s[2].gpa + 3 * p - 8, s[2].gpa, w + 2 * p - 8, w - 2 * p,
		w, w - 8, s[0].gpa + p / 2 - 8, s[0].gpa + p / 2,
	};
	struct avcpu_guest g;
	unsigned int i;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_probe_start,
					g_probe_end));
	for (i = 0; i < ARRAY_SIZE(s); i++)
		ASSERT_NE(NULL, s[i].mem = map_anon(s[i].size));
	probe(_metadata, &g, s, ARRAY_SIZE(s), addr, ARRAY_SIZE(addr));
	avcpu_guest_destroy(&g);
	for (i = 0; i < ARRAY_SIZE(s); i++)
		munmap(s[i].mem, s[i].size);
}

/*
 * @size bytes of anonymous memory backed by transparent huge pages (the
 * lab kernel has THP=always; madvise asks anyway), aligned to a huge
 * page and rounded up to whole huge pages (any 2 MiB window of one is
 * physically contiguous), every page faulted in.  *raw and *raw_size are
 * what to munmap.
 */
static char *map_thp(struct __test_metadata *_metadata, size_t size,
		     char **raw, size_t *raw_size)
{
	size_t huge = thp_size(), i;
	char *mem;

	size = (size + huge - 1) & ~(huge - 1);
	*raw_size = size + huge;
	*raw = map_anon(*raw_size);
	if (!*raw)
		return NULL;
	mem = (char *)(((uintptr_t)*raw + huge - 1) & ~(uintptr_t)(huge - 1));
	madvise(mem, size, MADV_HUGEPAGE);
	for (i = 0; i < size; i += 4096)
		mem[i] = 1;
	TH_LOG("THP mapping %p: %ld kB AnonHugePages of %zu kB", mem,
	       anon_huge_kb(mem), size >> 10);
	return mem;
}

/*
 * Huge-page-backed slots are mapped with 2 MiB blocks and ahead of the
 * fault, up to the slot's end.  Slot 1 (4 MiB) is touched in its last
 * window first (the map-ahead loop must not look at the window past the
 * slot: before the fix it read slot->pages[npages]), then in its first;
 * slot 2 starts at the very next 2 MiB and holds other memory, which the
 * guest must see there, not slot 1's pages.
 */
TEST(huge_slots_last_window_first_window_and_neighbour)
{
	struct slot s[2] = {
		{ .gpa = 0x80000000, .size = 2 * SZ_2M },
		{ .gpa = 0x80000000 + 2 * SZ_2M, .size = SZ_2M },
	};
	const uint64_t addr[] = {
		0x803ffff8, 0x80200000, 0x80000000, 0x801ffff8,
		0x80400000, 0x805ffff8, 0x80500000,
	};
	size_t raw_size[2];
	struct avcpu_guest g;
	char *raw[2];
	int i;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_probe_start,
					g_probe_end));
	for (i = 0; i < 2; i++) {
		s[i].mem = map_thp(_metadata, s[i].size, &raw[i], &raw_size[i]);
		ASSERT_NE(NULL, s[i].mem);
		ASSERT_LE(s[i].size >> 10, anon_huge_kb(s[i].mem));
	}
	probe(_metadata, &g, s, 2, addr, ARRAY_SIZE(addr));
	avcpu_guest_destroy(&g);
	for (i = 0; i < 2; i++)
		munmap(raw[i], raw_size[i]);
}

static int write_long(const char *path, long v)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fprintf(f, "%ld\n", v) > 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/*
 * The second oops, in a 1 GiB machine: a 3 GiB slot has 6 MiB of
 * page pointers (4 KiB pages), too many for kmalloc, so its array is
 * vmalloc'ed and the entry past its end lies in the unmapped guard page.
 * One 2 MiB hugetlb page (asked for by size: not the default one with
 * 16 KiB pages) mapped 1536 times over backs the whole slot, and every
 * window of it is physically contiguous, so the guest's touch of the
 * last window maps a block and the map-ahead loop asks about the window
 * after it.
 */
TEST(huge_slot_3g_last_window)
{
	const char *nr_path =
		"/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages";
	const uint64_t gpa = 0x100000000ULL, size = 3ULL << 30;
	const uint64_t addr[] = { gpa + size - 8, gpa };
	struct slot s = { .gpa = gpa, .size = size };
	long nr_old = 0, nr;
	struct avcpu_guest g;
	size_t raw_size = size + SZ_2M;
	char *raw, *mem;
	uint64_t off;
	int fd;

	if (read_long(nr_path, &nr_old))
		SKIP(return, "no hugetlb support (%s)", nr_path);
	if (nr_old < 1 && (write_long(nr_path, nr_old + 1) ||
			   read_long(nr_path, &nr) || nr < 1))
		SKIP(return, "no 2 MiB hugetlb page available");
	fd = memfd_create("avcpu-huge", MFD_HUGETLB | MFD_HUGE_2MB);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, SZ_2M));
	raw = mmap(NULL, raw_size, PROT_NONE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	ASSERT_NE(MAP_FAILED, raw);
	mem = (char *)(((uintptr_t)raw + SZ_2M - 1) & ~(uintptr_t)(SZ_2M - 1));
	for (off = 0; off < size; off += SZ_2M)
		ASSERT_EQ(mem + off, mmap(mem + off, SZ_2M,
					  PROT_READ | PROT_WRITE,
					  MAP_SHARED | MAP_FIXED, fd, 0));
	s.mem = mem;
	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_probe_start,
					g_probe_end));
	probe(_metadata, &g, &s, 1, addr, ARRAY_SIZE(addr));
	avcpu_guest_destroy(&g);
	munmap(raw, raw_size);
	close(fd);
	if (nr_old < 1)
		write_long(nr_path, nr_old);
}

/* --- Caches for guests with their MMU and caches off (no FWB) --- */

#define CACHE_DIR	"/sys/kernel/debug/avcpu/cache/"

struct cache_stats {
	long sw_flushes, vm_reg_traps, cache_toggles, reset_unmaps;
};

/* Whether the host has FEAT_S2FWB (debugfs), or -1. */
static int host_fwb(void)
{
	char c = 0;
	FILE *f;

	if (access(CACHE_DIR "s2fwb", R_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	f = fopen(CACHE_DIR "s2fwb", "r");
	if (!f)
		return -1;
	if (fscanf(f, " %c", &c) != 1)
		c = 0;
	fclose(f);
	return c == 'Y' ? 1 : c == 'N' ? 0 : -1;
}

static int cache_stats(struct cache_stats *st)
{
	return read_long(CACHE_DIR "set_way_flushes", &st->sw_flushes) ||
	       read_long(CACHE_DIR "vm_reg_traps", &st->vm_reg_traps) ||
	       read_long(CACHE_DIR "cache_toggles", &st->cache_toggles) ||
	       read_long(CACHE_DIR "reset_unmaps", &st->reset_unmaps) ? -1 : 0;
}

/* Counters since @base, each scaled by @no_fwb (0: none expected). */
#define ASSERT_STATS(base, no_fwb, sw, traps, toggles, resets) do {	\
	struct cache_stats __n;						\
									\
	ASSERT_EQ(0, cache_stats(&__n));				\
	ASSERT_EQ((sw) * (no_fwb), __n.sw_flushes - (base).sw_flushes);	\
	ASSERT_EQ((traps) * (no_fwb),					\
		  __n.vm_reg_traps - (base).vm_reg_traps);		\
	ASSERT_EQ((toggles) * (no_fwb),					\
		  __n.cache_toggles - (base).cache_toggles);		\
	ASSERT_EQ((resets) * (no_fwb),					\
		  __n.reset_unmaps - (base).reset_unmaps);		\
} while (0)

#define SCTLR_RESET	0x30c50830ULL
#define SCTLR_SA	(1ULL << 3)
#define SCTLR_MCI	0x1005ULL		/* M, C, I */
#define TCR_VAL		0x803520ULL	/* T0SZ 32, WBWA, inner, EPD1 */
#define TTBR0_VAL	0x40003000ULL	/* RAM + 0x3000: the table */
#define TTBR1_VAL	0x5000ULL

/*
 * Set/way operations, then a write to every VM register (trapped by
 * HCR_EL2.TVM where there is no FWB) and their values read back (hvc #1);
 * MMU and caches on, identity-mapped through the table at RAM + 0x3000
 * (hvc #2); CONTEXTIDR written with the caches on, another set/way op,
 * caches off and on again (hvc #3).
 */
AVCPU_GUEST(g_toggle,
	"	dc	cisw, xzr\n"
	"	dc	csw, xzr\n"
	"	dc	isw, xzr\n"
	"	mov	x0, #0xff\n"
	"	msr	mair_el1, x0\n"
	"	movz	x0, #0x3520\n"
	"	movk	x0, #0x80, lsl #16\n"
	"	msr	tcr_el1, x0\n"
	"	movz	x0, #0x4000, lsl #16\n"
	"	add	x0, x0, #0x3000\n"
	"	msr	ttbr0_el1, x0\n"
	"	movz	x0, #0x5000\n"
	"	msr	ttbr1_el1, x0\n"
	"	movz	x0, #0x1234\n"
	"	msr	esr_el1, x0\n"
	"	movz	x0, #0x5678\n"
	"	msr	far_el1, x0\n"
	"	msr	afsr0_el1, xzr\n"
	"	msr	afsr1_el1, xzr\n"
	"	msr	amair_el1, xzr\n"
	"	mov	x0, #0x42\n"
	"	msr	contextidr_el1, x0\n"
	"	mrs	x0, sctlr_el1\n"
	"	orr	x0, x0, #8\n"
	"	msr	sctlr_el1, x0\n"
	"	isb\n"
	"	mrs	x0, mair_el1\n"
	"	mrs	x1, tcr_el1\n"
	"	mrs	x2, ttbr0_el1\n"
	"	mrs	x3, ttbr1_el1\n"
	"	mrs	x4, esr_el1\n"
	"	mrs	x5, far_el1\n"
	"	mrs	x6, contextidr_el1\n"
	"	mrs	x7, sctlr_el1\n"
	"	hvc	#1\n"
	"	mrs	x0, sctlr_el1\n"
	"	mov	x1, #0x1005\n"
	"	orr	x0, x0, x1\n"
	"	msr	sctlr_el1, x0\n"
	"	isb\n"
	"	mrs	x0, sctlr_el1\n"
	"	hvc	#2\n"
	"	mov	x0, #0x43\n"
	"	msr	contextidr_el1, x0\n"
	"	dc	cisw, xzr\n"
	"	mrs	x0, sctlr_el1\n"
	"	mov	x1, #0x1005\n"
	"	bic	x0, x0, x1\n"
	"	msr	sctlr_el1, x0\n"
	"	isb\n"
	"	orr	x0, x0, x1\n"
	"	msr	sctlr_el1, x0\n"
	"	isb\n"
	"	mrs	x0, sctlr_el1\n"
	"	mrs	x1, contextidr_el1\n"
	"	hvc	#3\n");

/*
 * Without FEAT_S2FWB (cortex-a57 in the lab), the first set/way op cleans
 * the guest's memory once and turns on HCR_EL2.TVM; every VM-register
 * write is then emulated without an exit to the VMM; each SCTLR_EL1.M/C
 * toggle cleans again; with the MMU and caches on the trap is gone (the
 * CONTEXTIDR write is not counted) until the next set/way op, which
 * flushes again at once (no rate limit).  With FWB (-cpu max) none of
 * this is needed and nothing is counted.  Either way the guest sees no
 * difference and the VMM no exit, and the registers read back right in
 * the guest and through ONE_REG.  That the lines really reach memory
 * QEMU cannot show (it has no caches): the counters show the paths ran.
 */
TEST(set_way_then_cache_toggles_trapped_and_emulated)
{
	static const struct {
		uint64_t id, val;
	} regs[] = {
		{ AVCPU_REG_MAIR_EL1, 0xff },
		{ AVCPU_REG_TCR_EL1, TCR_VAL },
		{ AVCPU_REG_TTBR0_EL1, TTBR0_VAL },
		{ AVCPU_REG_TTBR1_EL1, TTBR1_VAL },
		{ AVCPU_REG_ESR_EL1, 0x1234 },
		{ AVCPU_REG_FAR_EL1, 0x5678 },
		{ AVCPU_REG_CONTEXTIDR_EL1, 0x42 },
		{ AVCPU_REG_SCTLR_EL1, SCTLR_RESET | SCTLR_SA },
		{ AVCPU_REG_AFSR0_EL1, 0 },
		{ AVCPU_REG_AFSR1_EL1, 0 },
		{ AVCPU_REG_AMAIR_EL1, 0 },
	};
	struct cache_stats st;
	struct avcpu_guest g;
	uint64_t *table;
	unsigned int i;
	int fwb = host_fwb();

	ASSERT_LE(0, fwb);
	TH_LOG("host %s FEAT_S2FWB", fwb ? "has" : "lacks");
	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_toggle_start,
					g_toggle_end));
	/* Level 1: 0x40000000-0x7fffffff, a block of normal memory. */
	table = (uint64_t *)((char *)g.ram + 0x3000);
	table[1] = 0x40000000ULL | 0x701;
	ASSERT_EQ(0, cache_stats(&st));

	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(1, g.run->hypercall.imm);
	for (i = 0; i < 8; i++)
		ASSERT_EQ(regs[i].val, g.run->hypercall.x[i]);
	for (i = 0; i < ARRAY_SIZE(regs); i++)
		ASSERT_EQ(regs[i].val, avcpu_reg(g.vcpu, regs[i].id));
	ASSERT_STATS(st, !fwb, 1, 11, 0, 0);

	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(2, g.run->hypercall.imm);
	ASSERT_EQ(SCTLR_RESET | SCTLR_SA | SCTLR_MCI, g.run->hypercall.x[0]);
	ASSERT_EQ(SCTLR_RESET | SCTLR_SA | SCTLR_MCI,
		  avcpu_reg(g.vcpu, AVCPU_REG_SCTLR_EL1));
	ASSERT_STATS(st, !fwb, 1, 12, 1, 0);

	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(3, g.run->hypercall.imm);
	ASSERT_EQ(SCTLR_RESET | SCTLR_SA | SCTLR_MCI, g.run->hypercall.x[0]);
	ASSERT_EQ(0x43, g.run->hypercall.x[1]);
	ASSERT_EQ(0x43, avcpu_reg(g.vcpu, AVCPU_REG_CONTEXTIDR_EL1));
	ASSERT_STATS(st, !fwb, 2, 14, 3, 0);
	avcpu_guest_destroy(&g);
}

/* Report the immediate of the mov at +0 (1 or 2) with hvc #1. */
AVCPU_GUEST(g_image1, "	mov	x0, #1\n	hvc	#1\n");
AVCPU_GUEST(g_image2, "	mov	x0, #2\n	hvc	#1\n");

/*
 * AVCPU_VCPU_RESET after the VMM rewrote the guest's image runs the new
 * code.  Without FWB the reset unmaps stage 2 so that the guest's first
 * (MMU off, non-cacheable) fetches come after a clean of what the VMM
 * wrote; with FWB nothing is unmapped.  Run twice: the second reset of a
 * guest whose memory is mapped again unmaps again.
 */
TEST(reset_after_image_reload_runs_new_code)
{
	struct cache_stats st;
	struct avcpu_guest g;
	char *code;
	int fwb = host_fwb(), i;

	ASSERT_LE(0, fwb);
	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_image1_start,
					g_image1_end));
	code = (char *)g.ram + (g.entry - GUEST_RAM_BASE);
	ASSERT_EQ(0, cache_stats(&st));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
		ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
		ASSERT_EQ(1, g.run->hypercall.x[0]);
		memcpy(code, g_image2_start, g_image2_end - g_image2_start);
		ASSERT_EQ(0, ioctl(g.vcpu, AVCPU_VCPU_RESET, 0));
		ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
		ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
		ASSERT_EQ(2, g.run->hypercall.x[0]);
		memcpy(code, g_image1_start, g_image1_end - g_image1_start);
		ASSERT_EQ(0, ioctl(g.vcpu, AVCPU_VCPU_RESET, 0));
	}
	ASSERT_STATS(st, !fwb, 0, 0, 0, 4);
	avcpu_guest_destroy(&g);
}

/*
 * Cache maintenance by VA on a read-only slot, before and after the
 * guest's first read of it, then the read: hvc #1 with the value.
 */
AVCPU_GUEST(g_dc_rom,
	"	movz	x1, #0x5000, lsl #16\n"
	"	dc	ivac, x1\n"
	"	dc	civac, x1\n"
	"	dc	cvac, x1\n"
	"	ldr	x0, [x1, #8]\n"
	"	dc	ivac, x1\n"
	"	dc	civac, x1\n"
	"	dc	cvac, x1\n"
	"	hvc	#1\n");

/*
 * DC IVAC needs write permission at stage 2: on a read-only slot it takes
 * a permission fault with ESR.CM set (and WnR, as for a store), which is
 * no MMIO access; the module skips it, as KVM does.  QEMU TCG implements
 * data-cache maintenance by VA as a no-op that never faults, so here the
 * test shows only that the guest runs through without an exit; on
 * hardware it fails without the fix (AVCPU_EXIT_MMIO_NISV at the DC).
 */
TEST(dc_ivac_on_readonly_slot_is_skipped)
{
	struct avcpu_memory_region r = {
		.slot = 1, .flags = AVCPU_MEM_READONLY,
		.guest_phys_addr = 0x50000000, .memory_size = 0x10000,
	};
	struct avcpu_guest g;
	uint64_t *rom;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_dc_rom_start,
					g_dc_rom_end));
	rom = region_memory(_metadata, &r);
	rom[1] = 0x0123456789abcdefULL;
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_SET_MEMORY_REGION, &r));
	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(1, g.run->hypercall.imm);
	ASSERT_EQ(0x0123456789abcdefULL, g.run->hypercall.x[0]);
	avcpu_guest_destroy(&g);
	munmap(rom, r.memory_size);
}

/* Load the word at 0x50000000 into x0, hvc #1, again and again. */
AVCPU_GUEST(g_load_loop,
	"	movz	x2, #0x5000, lsl #16\n"
	"1:	ldr	x0, [x2]\n"
	"	hvc	#1\n"
	"	b	1b\n");

/* One pass of g_load_loop: the load, an MMIO exit if @mmio, the hvc. */
static uint64_t load_pass(struct __test_metadata *_metadata,
			  struct avcpu_guest *g, bool mmio, uint64_t answer)
{
	ASSERT_EQ(0, avcpu_run_fd(g->vcpu, g->run));
	if (mmio) {
		ASSERT_EQ(AVCPU_EXIT_MMIO, g->run->exit_reason);
		ASSERT_EQ(0x50000000ULL, g->run->mmio.phys_addr);
		ASSERT_EQ(0, g->run->mmio.is_write);
		memcpy(g->run->mmio.data, &answer, sizeof(answer));
		ASSERT_EQ(0, avcpu_run_fd(g->vcpu, g->run));
	}
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g->run->exit_reason);
	ASSERT_EQ(1, g->run->hypercall.imm);
	return g->run->hypercall.x[0];
}

/*
 * A page that took MMIO exits becomes memory as soon as a slot covers
 * it, and MMIO again when the slot goes; a slot elsewhere changes
 * nothing.  The module remembers the last page no slot backed, which
 * the slot changes must forget.
 */
TEST(mmio_page_becomes_memory_and_mmio_again)
{
	struct avcpu_memory_region r = {
		.slot = 1, .guest_phys_addr = 0x50000000, .memory_size = 0x10000,
	};
	struct avcpu_guest g;
	uint64_t *mem;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_load_loop_start,
					g_load_loop_end));
	mem = region_memory(_metadata, &r);
	mem[0] = 0x1111222233334444ULL;

	EXPECT_EQ(0xa1, load_pass(_metadata, &g, true, 0xa1));
	EXPECT_EQ(0xa2, load_pass(_metadata, &g, true, 0xa2));
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_SET_MEMORY_REGION, &r));
	EXPECT_EQ(0x1111222233334444ULL, load_pass(_metadata, &g, false, 0));
	EXPECT_EQ(0x1111222233334444ULL, load_pass(_metadata, &g, false, 0));
	r.memory_size = 0;
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_SET_MEMORY_REGION, &r));
	EXPECT_EQ(0xa3, load_pass(_metadata, &g, true, 0xa3));
	r.guest_phys_addr = 0x50010000;
	r.memory_size = 0x10000;
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_SET_MEMORY_REGION, &r));
	EXPECT_EQ(0xa4, load_pass(_metadata, &g, true, 0xa4));
	EXPECT_EQ(0xa5, load_pass(_metadata, &g, true, 0xa5));
	r.guest_phys_addr = 0x50000000;
	r.slot = 2;
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_SET_MEMORY_REGION, &r));
	EXPECT_EQ(0x1111222233334444ULL, load_pass(_metadata, &g, false, 0));
	avcpu_guest_destroy(&g);
	munmap(mem, 0x10000);
}

TEST_HARNESS_MAIN
