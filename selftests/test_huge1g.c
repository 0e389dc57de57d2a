// SPDX-License-Identifier: GPL-2.0
/*
 * 1 GiB stage-2 blocks for slots backed by hugetlbfs gigantic pages
 * (MAP_HUGETLB | MAP_HUGE_1GB), on hosts with 4 KiB pages: the guest
 * reads and writes every page of the GiB after one stage-2 fault that
 * mapped 1 GiB (the VM's s2_faults and s2_mapped_bytes); dirty logging
 * on that slot reports exactly the pages written and the block comes
 * back once logging stops; munmap of the region while the VM lives
 * ends RUN with EFAULT and the IPA, and the guest goes on once the VMM
 * maps memory again; nothing is left held after the VM is closed.
 *
 * The lab gives the 4 KiB-page loading boots one gigantic page
 * (hugepagesz=1G hugepages=1 and 1 GiB more RAM, tools/lab/configs);
 * elsewhere the tests skip, saying why.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/mount.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"

#ifndef MAP_HUGE_1GB
#define MAP_HUGE_1GB	(30 << 26)	/* log2(1 GiB) << MAP_HUGE_SHIFT */
#endif

#define GIB		(1ULL << 30)
#define HUGE_GPA	(4 * GIB)	/* the slot: 1 GiB aligned */
#define HUGE_SLOT	1
#define GPAGE		4096ULL		/* host pages here (4 KiB hosts only) */
#define NPAGES		(GIB / GPAGE)
#define SEED_VMM	0x5eed0000aa55ULL
#define HP_DIR		"/sys/kernel/mm/hugepages/hugepages-1048576kB/"
#define PAGES_HELD	"/sys/kernel/debug/avcpu/pages_held"

/*
 * Orders through hvc #1's results: x0 = op, x1 = base, x2 = bytes,
 * x3 = seed, x4 = stride.  OP_READ loads the first word of each stride
 * and counts those that are not (address ^ seed); OP_WRITE stores
 * (address ^ seed) there.  The count (or 0) goes back in x0.
 */
AVCPU_GUEST(g_sweep,
	"0:	hvc	#1\n"
	"	add	x2, x1, x2\n"
	"	mov	x5, #0\n"
	"	cmp	x0, #1\n"
	"	b.eq	1f\n"
	"	cmp	x0, #2\n"
	"	b.eq	2f\n"
	"	mov	x0, #0\n"
	"	b	0b\n"
	"1:	cmp	x1, x2\n"
	"	b.hs	3f\n"
	"	ldr	x6, [x1]\n"
	"	eor	x6, x6, x1\n"
	"	cmp	x6, x3\n"
	"	cinc	x5, x5, ne\n"
	"	add	x1, x1, x4\n"
	"	b	1b\n"
	"2:	cmp	x1, x2\n"
	"	b.hs	3f\n"
	"	eor	x6, x1, x3\n"
	"	str	x6, [x1]\n"
	"	add	x1, x1, x4\n"
	"	b	2b\n"
	"3:	mov	x0, x5\n"
	"	b	0b\n");

#define OP_READ		1
#define OP_WRITE	2
#define LDR_AT		44	/* offset of the ldr in g_sweep */

/* A guest with the gigantic page as slot HUGE_SLOT at HUGE_GPA. */
struct huge {
	struct avcpu_guest g;
	char *mem;		/* the VMM's 1 GiB */
	int vm_stats;		/* the VM's stats fd */
};

/* The number a sysfs or debugfs file holds, or -1. */
static long read_long(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? strtol(buf, NULL, 10) : -1;
}

static long pages_held(void)
{
	if (access(PAGES_HELD, F_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	return read_long(PAGES_HELD);
}

/* 1 GiB of gigantic page, or NULL with the reason in @why. */
static char *map_gigantic(char *why, size_t n)
{
	void *p;

	if (getpagesize() != GPAGE) {
		snprintf(why, n, "%d-byte host pages: stage 2 maps gigantic pages with 2 MiB blocks on such hosts (1 GiB blocks need 4 KiB pages)",
			 getpagesize());
		return NULL;
	}
	p = mmap(NULL, GIB, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_1GB,
		 -1, 0);
	if (p == MAP_FAILED) {
		snprintf(why, n, "no 1 GiB huge page (mmap MAP_HUGE_1GB: %s; nr_hugepages %ld, free_hugepages %ld: the kernel needs hugepagesz=1G hugepages=1 and the memory for it)",
			 strerror(errno), read_long(HP_DIR "nr_hugepages"),
			 read_long(HP_DIR "free_hugepages"));
		return NULL;
	}
	return p;
}

/* The value of VM counter @name (KVM's binary stats layout), or ~0. */
static uint64_t vm_stat(int fd, const char *name)
{
	struct avcpu_stats_header h;
	char buf[sizeof(struct avcpu_stats_desc) + 256];
	struct avcpu_stats_desc *d = (void *)buf;
	uint64_t v;
	size_t dsz;
	unsigned int i;

	if (pread(fd, &h, sizeof(h), 0) != sizeof(h) || h.name_size > 256)
		return ~0ULL;
	dsz = sizeof(*d) + h.name_size;
	for (i = 0; i < h.num_desc; i++) {
		if (pread(fd, buf, dsz, h.desc_offset + i * dsz) != (ssize_t)dsz)
			return ~0ULL;
		if (strncmp(buf + sizeof(*d), name, h.name_size))
			continue;
		if (pread(fd, &v, 8, h.data_offset + d->offset) != 8)
			return ~0ULL;
		return v;
	}
	return ~0ULL;
}

static int set_slot(struct huge *h, uint32_t flags)
{
	struct avcpu_memory_region r = {
		.slot = HUGE_SLOT, .flags = flags, .guest_phys_addr = HUGE_GPA,
		.memory_size = GIB, .userspace_addr = (uintptr_t)h->mem,
	};

	return ioctl(h->g.vm, AVCPU_SET_MEMORY_REGION, &r);
}

/*
 * The VMM writes (address ^ SEED_VMM) at the first word of every page,
 * which also faults the gigantic page in, writable and dirty.
 */
static void vmm_fill(char *mem)
{
	uint64_t i;

	for (i = 0; i < NPAGES; i++)
		*(uint64_t *)(mem + i * GPAGE) = (HUGE_GPA + i * GPAGE) ^ SEED_VMM;
}

/* Pages of [0, NPAGES) whose first word is not (address ^ @seed). */
static uint64_t vmm_check(const char *mem, uint64_t seed)
{
	uint64_t i, bad = 0;

	for (i = 0; i < NPAGES; i++)
		bad += *(const uint64_t *)(mem + i * GPAGE) !=
		       ((HUGE_GPA + i * GPAGE) ^ seed);
	return bad;
}

/* Give the guest an order; RUN's result (the count in run->hypercall.x[0]). */
static int order(struct huge *h, uint64_t op, uint64_t base, uint64_t bytes,
		 uint64_t seed, uint64_t stride)
{
	struct avcpu_run *run = h->g.run;

	run->hypercall.x[0] = op;
	run->hypercall.x[1] = base;
	run->hypercall.x[2] = bytes;
	run->hypercall.x[3] = seed;
	run->hypercall.x[4] = stride;
	return avcpu_run_fd(h->g.vcpu, run);
}

/* The order ran to its hvc; its count. */
#define SWEEP(h, op, base, bytes, seed, stride) ({			\
	ASSERT_EQ(0, order((h), (op), (base), (bytes), (seed), (stride))); \
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, (h)->g.run->exit_reason);	\
	(h)->g.run->hypercall.x[0];					\
})

/* Stage-2 faults and bytes the VM mapped so far. */
#define FAULTS(h)	vm_stat((h)->vm_stats, "s2_faults")
#define MAPPED(h)	vm_stat((h)->vm_stats, "s2_mapped_bytes")

static void huge_create(struct __test_metadata *_metadata, struct huge *h,
			char *why, size_t n)
{
	memset(h, 0, sizeof(*h));
	h->vm_stats = -1;
	h->mem = map_gigantic(why, n);
	if (!h->mem)
		return;
	vmm_fill(h->mem);
	ASSERT_EQ(0, avcpu_guest_create(&h->g, 1 << 20, g_sweep_start,
					g_sweep_end));
	ASSERT_EQ(0, set_slot(h, 0));
	h->vm_stats = ioctl(h->g.vm, AVCPU_GET_STATS_FD, 0);
	ASSERT_LE(0, h->vm_stats);
	/* To the first hvc: the code page is mapped. */
	ASSERT_EQ(0, avcpu_run_fd(h->g.vcpu, h->g.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, h->g.run->exit_reason);
}

static void huge_destroy(struct huge *h)
{
	if (h->vm_stats >= 0)
		close(h->vm_stats);
	avcpu_guest_destroy(&h->g);
	if (h->mem)
		munmap(h->mem, GIB);
}

/*
 * Since @f0 and @m0 (the VM's s2_faults and s2_mapped_bytes): one
 * stage-2 fault, which mapped 1 GiB.
 */
static void one_gib_fault_since(struct __test_metadata *_metadata,
				struct huge *h, uint64_t f0, uint64_t m0)
{
	uint64_t f = FAULTS(h), m = MAPPED(h);

	TH_LOG("stage-2 faults %llu -> %llu, bytes mapped %llu -> %llu",
	       (unsigned long long)f0, (unsigned long long)f,
	       (unsigned long long)m0, (unsigned long long)m);
	EXPECT_EQ(1, f - f0);
	EXPECT_EQ(GIB, m - m0);
}

/*
 * The guest reads all of the GiB (the VMM's pattern), then writes it all
 * and reads it back; the VMM sees every write.
 */
static void sweep_gib(struct __test_metadata *_metadata, struct huge *h,
		      uint64_t seed)
{
	ASSERT_EQ(0, SWEEP(h, OP_READ, HUGE_GPA, GIB, SEED_VMM, GPAGE));
	ASSERT_EQ(0, SWEEP(h, OP_WRITE, HUGE_GPA, GIB, seed, GPAGE));
	ASSERT_EQ(0, SWEEP(h, OP_READ, HUGE_GPA, GIB, seed, GPAGE));
	ASSERT_EQ(0, vmm_check(h->mem, seed));
}

/*
 * With nothing of the GiB mapped in stage 2: all of it read and written
 * after one stage-2 fault, which mapped 1 GiB, writable (the host has
 * the page writable, so the writes take no fault).
 */
static void whole_gib_one_fault(struct __test_metadata *_metadata,
				struct huge *h, uint64_t seed)
{
	uint64_t f0, m0;

	vmm_fill(h->mem);
	f0 = FAULTS(h);
	m0 = MAPPED(h);
	sweep_gib(_metadata, h, seed);
	one_gib_fault_since(_metadata, h, f0, m0);
}

TEST(gigantic_page_maps_one_gib_block)
{
	char why[256];
	struct huge h;

	huge_create(_metadata, &h, why, sizeof(why));
	if (!h.mem)
		SKIP(return, "%s", why);
	whole_gib_one_fault(_metadata, &h, 0x1111);
	huge_destroy(&h);
}

/*
 * The same GiB registered at an IPA whose 1 GiB alignment differs from
 * the VMM's address (2 MiB aligned, so 2 MiB blocks still fit): no
 * 1 GiB block; sweeping it takes one fault per 2 MiB.
 */
TEST(misaligned_slot_gets_2m_blocks)
{
	struct avcpu_memory_region r = {
		.slot = HUGE_SLOT + 1, .guest_phys_addr = 8 * GIB + (2 << 20),
		.memory_size = GIB - (2 << 20),
	};
	char why[256];
	struct huge h;
	uint64_t f0, m0;

	huge_create(_metadata, &h, why, sizeof(why));
	if (!h.mem)
		SKIP(return, "%s", why);
	r.userspace_addr = (uintptr_t)h.mem;
	ASSERT_EQ(0, ioctl(h.g.vm, AVCPU_SET_MEMORY_REGION, &r));
	f0 = FAULTS(&h);
	m0 = MAPPED(&h);
	ASSERT_EQ(0, SWEEP(&h, OP_WRITE, r.guest_phys_addr, r.memory_size,
			   0x2222, 2 << 20));
	EXPECT_EQ(r.memory_size >> 21, FAULTS(&h) - f0);
	EXPECT_EQ(r.memory_size, MAPPED(&h) - m0);
	huge_destroy(&h);
}

/* Bitmap helpers for the slot's NPAGES pages. */
#define LOG_WORDS	(NPAGES / 64)

static int get_log(struct huge *h, uint64_t *bm)
{
	struct avcpu_dirty_log d = {
		.slot = HUGE_SLOT, .first_page = 0, .num_pages = NPAGES,
		.bitmap = (uintptr_t)bm,
	};

	return ioctl(h->g.vm, AVCPU_GET_DIRTY_LOG, &d);
}

/*
 * Dirty logging on the 1 GiB slot, turned on with the block mapped
 * writable: the guest writes every @stride-th page from page @first,
 * and reads all of the GiB; the log shows exactly the pages written,
 * round after round.  Then logging stops and the block comes back: one
 * fault maps the GiB again.
 */
TEST(dirty_log_on_gib_block_then_block_again)
{
	static uint64_t bm[LOG_WORDS];
	static const struct { uint64_t first, stride; } rounds[] = {
		{ 0, 4099 }, { 17, 65536 }, { NPAGES - 1, 1 }, { 5, 511 },
	};
	char why[256];
	struct huge h;
	unsigned int r;
	uint64_t i, seed, bad, n;

	huge_create(_metadata, &h, why, sizeof(why));
	if (!h.mem)
		SKIP(return, "%s", why);
	whole_gib_one_fault(_metadata, &h, 0x3333);
	ASSERT_EQ(0, set_slot(&h, AVCPU_MEM_LOG_DIRTY));
	/* Nothing written since logging began. */
	ASSERT_EQ(0, get_log(&h, bm));
	for (i = 0, n = 0; i < LOG_WORDS; i++)
		n += __builtin_popcountll(bm[i]);
	ASSERT_EQ(0, n);
	for (r = 0; r < ARRAY_SIZE(rounds); r++) {
		seed = 0x4000 + r;
		ASSERT_EQ(0, SWEEP(&h, OP_WRITE,
				   HUGE_GPA + rounds[r].first * GPAGE,
				   (NPAGES - rounds[r].first) * GPAGE, seed,
				   rounds[r].stride * GPAGE));
		/* Reads all over the GiB: never in the log. */
		(void)SWEEP(&h, OP_READ, HUGE_GPA, GIB, 0, 64 * GPAGE);
		ASSERT_EQ(0, get_log(&h, bm));
		for (i = 0, bad = 0, n = 0; i < NPAGES; i++) {
			bool got = bm[i / 64] >> (i % 64) & 1;
			bool want = i >= rounds[r].first &&
				    (i - rounds[r].first) % rounds[r].stride == 0;

			n += want;
			if (got != want && bad++ < 4)
				TH_LOG("round %u page %llu: log %d, written %d",
				       r, (unsigned long long)i, got, want);
			if (want)
				ASSERT_EQ((HUGE_GPA + i * GPAGE) ^ seed,
					  *(uint64_t *)(h.mem + i * GPAGE));
		}
		TH_LOG("round %u: %llu pages written and logged", r,
		       (unsigned long long)n);
		ASSERT_EQ(0, bad);
	}
	/* Logging off: the next fault maps the whole GiB again. */
	ASSERT_EQ(0, set_slot(&h, 0));
	whole_gib_one_fault(_metadata, &h, 0x5555);
	huge_destroy(&h);
}

/*
 * munmap of the gigantic page while the VM lives: the guest's next
 * access ends RUN with EFAULT and the IPA of its page; once the VMM maps
 * a gigantic page there again, the guest goes on and sees its content,
 * through one 1 GiB block again.  After the VM is closed and the memory
 * unmapped, the huge page is free again and the module holds no more
 * pages than before.
 */
TEST(munmap_gives_efault_then_guest_goes_on)
{
	uint64_t addr = HUGE_GPA + 12345 * GPAGE;
	long held0 = pages_held(), free0;
	uint64_t f0, m0;
	char why[256];
	struct huge h;
	int ret;
	void *p;

	free0 = read_long(HP_DIR "free_hugepages");
	huge_create(_metadata, &h, why, sizeof(why));
	if (!h.mem)
		SKIP(return, "%s", why);
	whole_gib_one_fault(_metadata, &h, 0x6666);
	ASSERT_EQ(0, munmap(h.mem, GIB));
	ret = order(&h, OP_READ, addr, 8, 0x6666, GPAGE);
	ASSERT_EQ(-1, ret);
	ASSERT_EQ(EFAULT, errno);
	ASSERT_EQ(AVCPU_EXIT_MEMORY_FAULT, h.g.run->exit_reason);
	ASSERT_EQ(addr, h.g.run->memory_fault.gpa);
	ASSERT_EQ(GPAGE, h.g.run->memory_fault.size);
	ASSERT_EQ(h.g.entry + LDR_AT, avcpu_reg(h.g.vcpu, AVCPU_REG_PC));
	/* The page came back to the pool: no reference kept on it. */
	EXPECT_EQ(free0, read_long(HP_DIR "free_hugepages"));

	p = mmap(h.mem, GIB, PROT_READ | PROT_WRITE, MAP_PRIVATE |
		 MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_1GB | MAP_FIXED, -1, 0);
	ASSERT_EQ(h.mem, p);
	vmm_fill(h.mem);
	f0 = FAULTS(&h);
	m0 = MAPPED(&h);
	/* RUN again: the interrupted read completes, then the next orders. */
	ASSERT_EQ(0, avcpu_run_fd(h.g.vcpu, h.g.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, h.g.run->exit_reason);
	/* It read the VMM's new pattern, not the guest's old writes. */
	ASSERT_EQ(1, h.g.run->hypercall.x[0]);
	sweep_gib(_metadata, &h, 0x7777);
	one_gib_fault_since(_metadata, &h, f0, m0);
	huge_destroy(&h);
	EXPECT_EQ(free0, read_long(HP_DIR "free_hugepages"));
	if (held0 >= 0)
		EXPECT_EQ(held0, pages_held());
}

TEST_HARNESS_MAIN
