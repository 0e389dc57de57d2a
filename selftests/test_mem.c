// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory: slots that start or end anywhere in a 2 MiB stage-2
 * window, slots backed by huge pages (mapped with 2 MiB blocks and
 * ahead of the guest), slots next to each other.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"

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

/*
 * Slots are page aligned, not 2 MiB aligned: one starting in the middle
 * of a window (the first fault's window begins before the slot), one
 * ending in the middle, one crossing a window boundary, and two sharing
 * a window.  The guest touches the first and the last page of each.
 * Before the fix the first touch of 0x50001000 read slot->pages[-1]
 * and oopsed the host.
 */
TEST(unaligned_slots_first_and_last_pages)
{
	struct slot s[] = {
		{ .gpa = 0x50001000, .size = 0x1000 },	/* starts mid-window */
		{ .gpa = 0x50002000, .size = 0x2000 },	/* same window */
		{ .gpa = 0x50400000, .size = 0x3000 },	/* ends mid-window */
		{ .gpa = 0x505fe000, .size = 0x4000 },	/* crosses a window */
	};
	const uint64_t addr[] = {
		0x50001000, 0x50001ff8, 0x50003ff8, 0x50002000,
		0x50402ff8, 0x50400000, 0x50601ff8, 0x505fe000,
		0x50600000, 0x505ffff8,
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

/* kB of AnonHugePages in the mapping holding @p (/proc/self/smaps). */
static long anon_huge_kb(const void *p)
{
	unsigned long a = (unsigned long)p, lo, hi;
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[256];
	bool in = false;
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
			in = a >= lo && a < hi;
			continue;
		}
		if (in && sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb;
}

/*
 * @size bytes of 2 MiB-aligned anonymous memory backed by transparent
 * huge pages (the lab kernel has THP=always; madvise asks anyway), every
 * page faulted in.  *raw and *raw_size are what to munmap.
 */
static char *map_thp(struct __test_metadata *_metadata, size_t size,
		     char **raw, size_t *raw_size)
{
	char *mem;
	size_t i;

	*raw_size = size + SZ_2M;
	*raw = map_anon(*raw_size);
	if (!*raw)
		return NULL;
	mem = (char *)(((uintptr_t)*raw + SZ_2M - 1) & ~(uintptr_t)(SZ_2M - 1));
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
		ASSERT_EQ(s[i].size >> 10, anon_huge_kb(s[i].mem));
	}
	probe(_metadata, &g, s, 2, addr, ARRAY_SIZE(addr));
	avcpu_guest_destroy(&g);
	for (i = 0; i < 2; i++)
		munmap(raw[i], raw_size[i]);
}

static int read_long(const char *path, long *v)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -1;
	ok = fscanf(f, "%ld", v) == 1;
	fclose(f);
	return ok ? 0 : -1;
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
 * page pointers, too many for kmalloc, so its array is vmalloc'ed and the
 * entry past its end lies in the unmapped guard page.  One 2 MiB hugetlb
 * page mapped 1536 times over backs the whole slot, and every window of
 * it is physically contiguous, so the guest's touch of the last window
 * maps a block and the map-ahead loop asks about the window after it.
 */
TEST(huge_slot_3g_last_window)
{
	const char *nr_path = "/proc/sys/vm/nr_hugepages";
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
	fd = memfd_create("avcpu-huge", MFD_HUGETLB);
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

TEST_HARNESS_MAIN
