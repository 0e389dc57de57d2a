// SPDX-License-Identifier: GPL-2.0
/*
 * Unpinned guest memory (the default) against AVCPU_MEM_PINNED: what is
 * charged to RLIMIT_MEMLOCK, what the guest sees when the VMM unmaps,
 * remaps, protects or discards a slot's backing, the memory-fault exit
 * (RUN -1 EFAULT, AVCPU_EXIT_MEMORY_FAULT) and the guest continuing once
 * the memory is back, RUN and SET_MEMORY_REGION from a forked child
 * (EIO), and no long-term page pins for unpinned slots.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/host_mm.h"

#define U_GPA		0x80000000ULL	/* unpinned slot */
#define P_GPA		0x90000000ULL	/* pinned slot */
#define NPAGES		8

/*
 * One access per hvc: x0 = 1 reads [x1] into x2, x0 = 2 stores x2 to
 * [x1], anything else does nothing; then hvc #1 again, which shows the
 * VMM x2.  The VMM puts the next order in hypercall.x[].
 */
AVCPU_GUEST(g_ops,
	"0:	hvc	#1\n"
	"	cmp	x0, #1\n"
	"	b.eq	1f\n"
	"	cmp	x0, #2\n"
	"	b.eq	2f\n"
	"	b	0b\n"
	"1:	ldr	x2, [x1]\n"
	"	b	0b\n"
	"2:	str	x2, [x1]\n"
	"	b	0b\n");

#define OP_READ		1
#define OP_WRITE	2
#define LDR_AT		24	/* offsets of the accesses in g_ops */
#define STR_AT		32

static size_t pg(void)
{
	return getpagesize();
}

static void guest_start(struct __test_metadata *_metadata,
			struct avcpu_guest *g)
{
	ASSERT_EQ(0, avcpu_guest_create(g, 1 << 20, g_ops_start, g_ops_end));
	ASSERT_EQ(0, avcpu_run_fd(g->vcpu, g->run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g->run->exit_reason);
}

/* Give the guest an order and RUN; returns RUN's result. */
static int order(struct avcpu_guest *g, uint64_t op, uint64_t addr,
		 uint64_t val)
{
	g->run->hypercall.x[0] = op;
	g->run->hypercall.x[1] = addr;
	g->run->hypercall.x[2] = val;
	return avcpu_run_fd(g->vcpu, g->run);
}

/* RUN again after a memory fault: the access completes; returns x2. */
static uint64_t resume(struct __test_metadata *_metadata,
		       struct avcpu_guest *g)
{
	EXPECT_EQ(0, avcpu_run_fd(g->vcpu, g->run));
	EXPECT_EQ(AVCPU_EXIT_HYPERCALL, g->run->exit_reason);
	return g->run->hypercall.x[2];
}

static uint64_t guest_read(struct __test_metadata *_metadata,
			   struct avcpu_guest *g, uint64_t addr)
{
	EXPECT_EQ(0, order(g, OP_READ, addr, 0));
	EXPECT_EQ(AVCPU_EXIT_HYPERCALL, g->run->exit_reason);
	return g->run->hypercall.x[2];
}

static void guest_write(struct __test_metadata *_metadata,
			struct avcpu_guest *g, uint64_t addr, uint64_t val)
{
	ASSERT_EQ(0, order(g, OP_WRITE, addr, val));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g->run->exit_reason);
}

/*
 * The RUN that just returned reports a memory fault at the page of
 * @addr, with the guest stopped at the access at @pc_off.
 */
#define ASSERT_MEMORY_FAULT(g, ret, addr, pc_off) do {			\
	ASSERT_EQ(-1, (ret));						\
	ASSERT_EQ(EFAULT, errno);					\
	ASSERT_EQ(AVCPU_EXIT_MEMORY_FAULT, (g)->run->exit_reason);	\
	ASSERT_EQ((addr) & ~(uint64_t)(pg() - 1),			\
		  (g)->run->memory_fault.gpa);				\
	ASSERT_EQ(pg(), (g)->run->memory_fault.size);			\
	ASSERT_EQ(0, (g)->run->memory_fault.flags);			\
	ASSERT_EQ((g)->entry + (pc_off), avcpu_reg((g)->vcpu, AVCPU_REG_PC)); \
} while (0)

static char *map_pages(size_t n, int prot)
{
	void *p = mmap(NULL, n * pg(), prot, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Map anonymous memory at @p again (MAP_FIXED), filled with @fill. */
static int remap(char *p, size_t n, int fill)
{
	void *q = mmap(p, n * pg(), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (q != p)
		return -1;
	memset(p, fill, n * pg());
	return 0;
}

static int add_slot(struct avcpu_guest *g, uint32_t slot, uint32_t flags,
		    uint64_t gpa, void *mem, size_t n)
{
	struct avcpu_memory_region r = {
		.slot = slot, .flags = flags, .guest_phys_addr = gpa,
		.memory_size = n * pg(), .userspace_addr = (uintptr_t)mem,
	};

	return ioctl(g->vm, AVCPU_SET_MEMORY_REGION, &r);
}

static uint64_t *word(char *mem, size_t page, size_t off)
{
	return (uint64_t *)(mem + page * pg() + off);
}

/* NPAGES of anonymous memory filled with @fill, as slot @slot at @gpa. */
static char *filled_slot(struct __test_metadata *_metadata,
			 struct avcpu_guest *g, uint32_t slot, uint32_t flags,
			 uint64_t gpa, int fill)
{
	char *mem;

	ASSERT_NE(NULL, mem = map_pages(NPAGES, PROT_READ | PROT_WRITE));
	memset(mem, fill, NPAGES * pg());
	ASSERT_EQ(0, add_slot(g, slot, flags, gpa, mem, NPAGES));
	return mem;
}

/* Most tests' start: the guest, and unpinned slot 1 at U_GPA of 0x11s. */
static char *guest_start_slot(struct __test_metadata *_metadata,
			      struct avcpu_guest *g)
{
	guest_start(_metadata, g);
	return filled_slot(_metadata, g, 1, 0, U_GPA, 0x11);
}

TEST(features_reported)
{
	struct avcpu_caps caps;
	int fd = open("/dev/avcpu", O_RDWR | O_CLOEXEC);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ioctl(fd, AVCPU_GET_CAPS, &caps));
	TH_LOG("features %#llx", (unsigned long long)caps.features);
	ASSERT_TRUE(caps.features & AVCPU_FEAT_UNPINNED_MEM);
	ASSERT_TRUE(caps.features & AVCPU_FEAT_DIRTY_LOG);
	close(fd);
}

/* A "Key: N kB" line of /proc/self/status. */
static long status_kb(const char *key)
{
	return proc_kb("/proc/self/status", key);
}

/* Drop CAP_IPC_LOCK (the harness runs each test in its own process). */
static int drop_ipc_lock(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective &= ~(1U << CAP_IPC_LOCK);
	d[0].permitted &= ~(1U << CAP_IPC_LOCK);
	return syscall(SYS_capset, &h, d) ? -1 : 0;
}

/*
 * Under a 1 MiB RLIMIT_MEMLOCK without CAP_IPC_LOCK: a 16 MiB unpinned
 * slot registers and the guest uses it, VmLck stays 0; a pinned slot is
 * charged (ENOMEM as soon as it would pass the limit, as today).
 */
TEST(unpinned_slot_not_charged_to_memlock)
{
	const size_t big = (16 << 20) / pg(), half = (512 << 10) / pg();
	struct rlimit rl = { 1 << 20, 1 << 20 };
	struct avcpu_guest g;
	char *u, *p1, *p2, *p3;
	size_t i;

	ASSERT_EQ(0, drop_ipc_lock());
	ASSERT_EQ(0, setrlimit(RLIMIT_MEMLOCK, &rl));
	guest_start(_metadata, &g);
	ASSERT_NE(NULL, u = map_pages(big, PROT_READ | PROT_WRITE));
	ASSERT_NE(NULL, p1 = map_pages(big, PROT_READ | PROT_WRITE));
	ASSERT_NE(NULL, p2 = map_pages(half, PROT_READ | PROT_WRITE));
	ASSERT_NE(NULL, p3 = map_pages(half + half / 2,
				       PROT_READ | PROT_WRITE));

	ASSERT_EQ(0, add_slot(&g, 1, 0, U_GPA, u, big));
	for (i = 0; i < big; i += big / 16) {
		*word(u, i, 8) = i;
		ASSERT_EQ(i, guest_read(_metadata, &g, U_GPA + i * pg() + 8));
		guest_write(_metadata, &g, U_GPA + i * pg(), i + 1);
		ASSERT_EQ(i + 1, *word(u, i, 0));
	}
	ASSERT_EQ(0, status_kb("VmLck"));

	errno = 0;
	ASSERT_EQ(-1, add_slot(&g, 2, AVCPU_MEM_PINNED, P_GPA, p1, big));
	ASSERT_EQ(ENOMEM, errno);
	ASSERT_EQ(0, status_kb("VmLck"));
	ASSERT_EQ(0, add_slot(&g, 2, AVCPU_MEM_PINNED, P_GPA, p2, half));
	ASSERT_EQ(512, status_kb("VmLck"));
	errno = 0;
	ASSERT_EQ(-1, add_slot(&g, 3, AVCPU_MEM_PINNED, P_GPA + (16 << 20),
			       p3, half + half / 2));
	ASSERT_EQ(ENOMEM, errno);
	ASSERT_EQ(512, status_kb("VmLck"));
	/* Another unpinned one still fits. */
	ASSERT_EQ(0, add_slot(&g, 3, 0, P_GPA + (16 << 20), p3,
			      half + half / 2));
	ASSERT_EQ(512, status_kb("VmLck"));
	avcpu_guest_destroy(&g);
	ASSERT_EQ(0, status_kb("VmLck"));
	munmap(u, big * pg());
	munmap(p1, big * pg());
	munmap(p2, half * pg());
	munmap(p3, (half + half / 2) * pg());
}

/*
 * The VMM replaces both slots' backing (munmap, then new memory at the
 * same address with other content): the pinned slot keeps the pages
 * the guest had (its writes go there, out of the VMM's sight); the
 * unpinned slot shows the new memory, its writes land in it.
 */
TEST(pinned_keeps_its_pages_unpinned_follows_the_mapping)
{
	struct avcpu_guest g;
	char *u, *p;
	size_t i;

	u = guest_start_slot(_metadata, &g);
	p = filled_slot(_metadata, &g, 2, AVCPU_MEM_PINNED, P_GPA, 0x22);
	for (i = 0; i < NPAGES; i++) {
		ASSERT_EQ(0x1111111111111111ULL,
			  guest_read(_metadata, &g, U_GPA + i * pg()));
		ASSERT_EQ(0x2222222222222222ULL,
			  guest_read(_metadata, &g, P_GPA + i * pg() + 8));
	}

	ASSERT_EQ(0, munmap(u, NPAGES * pg()));
	ASSERT_EQ(0, munmap(p, NPAGES * pg()));
	ASSERT_EQ(0, remap(u, NPAGES, 0x33));
	ASSERT_EQ(0, remap(p, NPAGES, 0x44));
	for (i = 0; i < NPAGES; i++) {
		ASSERT_EQ(0x3333333333333333ULL,
			  guest_read(_metadata, &g, U_GPA + i * pg() + 16));
		ASSERT_EQ(0x2222222222222222ULL,
			  guest_read(_metadata, &g, P_GPA + i * pg() + 16));
	}
	guest_write(_metadata, &g, U_GPA + 3 * pg(), 0x55);
	guest_write(_metadata, &g, P_GPA + 3 * pg(), 0x66);
	ASSERT_EQ(0x55, *word(u, 3, 0));
	ASSERT_EQ(0x4444444444444444ULL, *word(p, 3, 0));
	ASSERT_EQ(0x66, guest_read(_metadata, &g, P_GPA + 3 * pg()));
	avcpu_guest_destroy(&g);
	munmap(u, NPAGES * pg());
	munmap(p, NPAGES * pg());
}

/*
 * munmap of an unpinned slot's page the guest had mapped: its next read
 * there is a memory fault at that page (again on every RUN until the
 * VMM maps memory there), and once it does, RUN continues the read,
 * which sees the new memory.  The same for a write, and for the whole
 * slot unmapped.
 */
TEST(munmap_memory_fault_then_remap_continues)
{
	const uint64_t a = U_GPA + 5 * pg() + 0x18, b = U_GPA + 2 * pg() + 8;
	struct avcpu_guest g;
	char *u;
	int ret;

	u = guest_start_slot(_metadata, &g);
	ASSERT_EQ(0x1111111111111111ULL, guest_read(_metadata, &g, a));

	/* One page away: reads. */
	ASSERT_EQ(0, munmap(u + 5 * pg(), pg()));
	ret = order(&g, OP_READ, a, 0);
	ASSERT_MEMORY_FAULT(&g, ret, a, LDR_AT);
	ret = avcpu_run_fd(g.vcpu, g.run);
	ASSERT_MEMORY_FAULT(&g, ret, a, LDR_AT);
	/* Other pages are still there. */
	ASSERT_EQ(0, remap(u + 5 * pg(), 1, 0x77));
	ASSERT_EQ(0x7777777777777777ULL, resume(_metadata, &g));
	ASSERT_EQ(0x1111111111111111ULL,
		  guest_read(_metadata, &g, U_GPA + 4 * pg()));

	/* Writes. */
	guest_write(_metadata, &g, b, 0xabc);
	ASSERT_EQ(0xabc, *word(u, 2, 8));
	ASSERT_EQ(0, munmap(u + 2 * pg(), pg()));
	ret = order(&g, OP_WRITE, b, 0xdef);
	ASSERT_MEMORY_FAULT(&g, ret, b, STR_AT);
	ASSERT_EQ(0, remap(u + 2 * pg(), 1, 0));
	resume(_metadata, &g);
	ASSERT_EQ(0xdef, *word(u, 2, 8));
	ASSERT_EQ(0, *word(u, 2, 0));

	/* The whole slot. */
	ASSERT_EQ(0, munmap(u, NPAGES * pg()));
	ret = order(&g, OP_READ, U_GPA + (NPAGES - 1) * pg(), 0);
	ASSERT_MEMORY_FAULT(&g, ret, U_GPA + (NPAGES - 1) * pg(), LDR_AT);
	ASSERT_EQ(0, remap(u, NPAGES, 0x99));
	ASSERT_EQ(0x9999999999999999ULL, resume(_metadata, &g));
	ASSERT_EQ(0x9999999999999999ULL, guest_read(_metadata, &g, U_GPA));
	avcpu_guest_destroy(&g);
	munmap(u, NPAGES * pg());
}

/*
 * The guest's own code page taken away (PROT_NONE) between two of its
 * instructions: the fetch is a memory fault at the code's page with
 * the PC at the next instruction; given back, the guest runs on from
 * there, with the order the VMM gave it at the hvc.
 */
TEST(code_page_away_memory_fault_on_fetch)
{
	struct avcpu_guest g;
	char *code;
	int ret;

	guest_start(_metadata, &g);
	*word(g.ram, 2, 0) = 0x4242;
	code = (char *)g.ram + ((g.entry - GUEST_RAM_BASE) & ~(pg() - 1));
	ASSERT_EQ(0, mprotect(code, pg(), PROT_NONE));
	ret = order(&g, OP_READ, GUEST_RAM_BASE + 2 * pg(), 0);
	ASSERT_MEMORY_FAULT(&g, ret, g.entry, 4);
	ASSERT_EQ(0, mprotect(code, pg(), PROT_READ | PROT_WRITE));
	ASSERT_EQ(0x4242, resume(_metadata, &g));
	avcpu_guest_destroy(&g);
}

/*
 * PROT_NONE: a memory fault for reads and writes; PROT_READ|PROT_WRITE
 * again and the guest continues with the data the page kept.
 */
TEST(prot_none_memory_fault_then_continues)
{
	const uint64_t a = U_GPA + 6 * pg() + 0x40;
	struct avcpu_guest g;
	char *u;
	int ret;

	u = guest_start_slot(_metadata, &g);
	guest_write(_metadata, &g, a, 0x1234);

	ASSERT_EQ(0, mprotect(u + 6 * pg(), pg(), PROT_NONE));
	ret = order(&g, OP_READ, a, 0);
	ASSERT_MEMORY_FAULT(&g, ret, a, LDR_AT);
	ASSERT_EQ(0, mprotect(u + 6 * pg(), pg(), PROT_READ | PROT_WRITE));
	ASSERT_EQ(0x1234, resume(_metadata, &g));

	ASSERT_EQ(0, mprotect(u + 6 * pg(), pg(), PROT_NONE));
	ret = order(&g, OP_WRITE, a + 8, 0x5678);
	ASSERT_MEMORY_FAULT(&g, ret, a + 8, STR_AT);
	ASSERT_EQ(0, mprotect(u + 6 * pg(), pg(), PROT_READ | PROT_WRITE));
	resume(_metadata, &g);
	ASSERT_EQ(0x1234, *word(u, 6, 0x40));
	ASSERT_EQ(0x5678, *word(u, 6, 0x48));
	avcpu_guest_destroy(&g);
	munmap(u, NPAGES * pg());
}

/*
 * A read-only slot on a PROT_READ mapping: the guest reads it; its
 * writes are MMIO exits as for any read-only slot, memory unchanged.
 */
TEST(readonly_slot_on_prot_read_mapping)
{
	const uint64_t a = U_GPA + 3 * pg() + 0x20;
	struct avcpu_guest g;
	char *u;

	guest_start(_metadata, &g);
	ASSERT_NE(NULL, u = map_pages(NPAGES, PROT_READ | PROT_WRITE));
	memset(u, 0x5c, NPAGES * pg());
	ASSERT_EQ(0, mprotect(u, NPAGES * pg(), PROT_READ));
	ASSERT_EQ(0, add_slot(&g, 1, AVCPU_MEM_READONLY, U_GPA, u, NPAGES));
	ASSERT_EQ(0x5c5c5c5c5c5c5c5cULL, guest_read(_metadata, &g, a));
	ASSERT_EQ(0x5c5c5c5c5c5c5c5cULL,
		  guest_read(_metadata, &g, U_GPA + (NPAGES - 1) * pg()));
	ASSERT_EQ(0, order(&g, OP_WRITE, a, 0x1));
	ASSERT_EQ(AVCPU_EXIT_MMIO, g.run->exit_reason);
	ASSERT_EQ(a, g.run->mmio.phys_addr);
	ASSERT_EQ(1, g.run->mmio.is_write);
	ASSERT_EQ(8, g.run->mmio.len);
	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0x5c5c5c5c5c5c5c5cULL, *word(u, 3, 0x20));
	ASSERT_EQ(0x5c5c5c5c5c5c5c5cULL, guest_read(_metadata, &g, a));
	avcpu_guest_destroy(&g);
	munmap(u, NPAGES * pg());
}

/*
 * A writable slot whose mapping the VMM makes PROT_READ: reads work,
 * a write is a memory fault (also for a page the guest had already
 * written through stage 2), PROT_WRITE again and the write completes.
 */
TEST(write_to_prot_read_mapping_memory_fault)
{
	const uint64_t a = U_GPA + pg() + 0x30, b = U_GPA + 4 * pg();
	struct avcpu_guest g;
	char *u;
	int ret;

	u = guest_start_slot(_metadata, &g);
	guest_write(_metadata, &g, a, 0xaaa);

	ASSERT_EQ(0, mprotect(u, NPAGES * pg(), PROT_READ));
	ASSERT_EQ(0xaaa, guest_read(_metadata, &g, a));
	ASSERT_EQ(0x1111111111111111ULL, guest_read(_metadata, &g, b));
	ret = order(&g, OP_WRITE, a, 0xbbb);
	ASSERT_MEMORY_FAULT(&g, ret, a, STR_AT);
	ASSERT_EQ(0, mprotect(u, NPAGES * pg(), PROT_READ | PROT_WRITE));
	resume(_metadata, &g);
	ASSERT_EQ(0xbbb, *word(u, 1, 0x30));

	/* A page the guest only read before. */
	ASSERT_EQ(0, mprotect(u, NPAGES * pg(), PROT_READ));
	ret = order(&g, OP_WRITE, b, 0xccc);
	ASSERT_MEMORY_FAULT(&g, ret, b, STR_AT);
	ASSERT_EQ(0, mprotect(u, NPAGES * pg(), PROT_READ | PROT_WRITE));
	resume(_metadata, &g);
	ASSERT_EQ(0xccc, *word(u, 4, 0));
	avcpu_guest_destroy(&g);
	munmap(u, NPAGES * pg());
}

/*
 * MADV_DONTNEED: the unpinned slot's page is a new zero page for the
 * guest too; the pinned slot keeps its page.
 */
TEST(madv_dontneed_unpinned_zero_pinned_kept)
{
	struct avcpu_guest g;
	char *u, *p;

	u = guest_start_slot(_metadata, &g);
	p = filled_slot(_metadata, &g, 2, AVCPU_MEM_PINNED, P_GPA, 0x22);
	guest_write(_metadata, &g, U_GPA + 2 * pg(), 0x1);
	guest_write(_metadata, &g, P_GPA + 2 * pg(), 0x2);
	ASSERT_EQ(0, madvise(u, NPAGES * pg(), MADV_DONTNEED));
	ASSERT_EQ(0, madvise(p, NPAGES * pg(), MADV_DONTNEED));
	ASSERT_EQ(0, guest_read(_metadata, &g, U_GPA + 2 * pg()));
	ASSERT_EQ(0, guest_read(_metadata, &g, U_GPA + 7 * pg() + 8));
	ASSERT_EQ(0x2, guest_read(_metadata, &g, P_GPA + 2 * pg()));
	ASSERT_EQ(0x2222222222222222ULL,
		  guest_read(_metadata, &g, P_GPA + 7 * pg() + 8));
	/* The guest's next write is the VMM's to see. */
	guest_write(_metadata, &g, U_GPA + 2 * pg() + 8, 0x3);
	ASSERT_EQ(0x3, *word(u, 2, 8));
	avcpu_guest_destroy(&g);
	munmap(u, NPAGES * pg());
	munmap(p, NPAGES * pg());
}

/*
 * A slot on a shared memfd mapping: the guest's writes are seen through
 * a second mapping of the file and the VMM's writes there by the guest;
 * a page the file no longer has (ftruncate) is a memory fault, and the
 * guest goes on once the file is long enough again.
 */
TEST(memfd_slot_shared_truncated_and_back)
{
	const uint64_t a = U_GPA + 3 * pg() + 0x10;
	struct avcpu_guest g;
	char *u, *v;
	int fd, ret;

	guest_start(_metadata, &g);
	fd = memfd_create("avcpu-unpinned", MFD_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, 4 * pg()));
	u = mmap(NULL, 4 * pg(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	v = mmap(NULL, 4 * pg(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, u);
	ASSERT_NE(MAP_FAILED, v);
	ASSERT_EQ(0, add_slot(&g, 1, 0, U_GPA, u, 4));
	guest_write(_metadata, &g, U_GPA + pg(), 0x1234);
	ASSERT_EQ(0x1234, *word(v, 1, 0));
	*word(v, 2, 8) = 0x5678;
	ASSERT_EQ(0x5678, guest_read(_metadata, &g, U_GPA + 2 * pg() + 8));
	guest_write(_metadata, &g, a, 0x9abc);

	ASSERT_EQ(0, ftruncate(fd, 2 * pg()));
	ASSERT_EQ(0x1234, guest_read(_metadata, &g, U_GPA + pg()));
	ret = order(&g, OP_READ, a, 0);
	ASSERT_MEMORY_FAULT(&g, ret, a, LDR_AT);
	ret = avcpu_run_fd(g.vcpu, g.run);
	ASSERT_MEMORY_FAULT(&g, ret, a, LDR_AT);
	ASSERT_EQ(0, ftruncate(fd, 4 * pg()));
	ASSERT_EQ(0, resume(_metadata, &g));

	ASSERT_EQ(0, ftruncate(fd, 3 * pg()));
	ret = order(&g, OP_WRITE, a, 0xdef);
	ASSERT_MEMORY_FAULT(&g, ret, a, STR_AT);
	ASSERT_EQ(0, ftruncate(fd, 4 * pg()));
	resume(_metadata, &g);
	ASSERT_EQ(0xdef, *word(v, 3, 0x10));
	avcpu_guest_destroy(&g);
	munmap(u, 4 * pg());
	munmap(v, 4 * pg());
	close(fd);
}

/*
 * Pages the guest reads before anyone wrote them (the zero page): a
 * later write by the VMM is what the guest reads next, a guest write is
 * what the VMM sees.
 */
TEST(zero_page_then_writes_on_either_side)
{
	struct avcpu_guest g;
	char *u;

	guest_start(_metadata, &g);
	ASSERT_NE(NULL, u = map_pages(NPAGES, PROT_READ | PROT_WRITE));
	madvise(u, NPAGES * pg(), MADV_NOHUGEPAGE);
	ASSERT_EQ(0, add_slot(&g, 1, 0, U_GPA, u, NPAGES));
	ASSERT_EQ(0, guest_read(_metadata, &g, U_GPA));
	ASSERT_EQ(0, guest_read(_metadata, &g, U_GPA + pg()));
	*word(u, 0, 0) = 0x77;
	ASSERT_EQ(0x77, guest_read(_metadata, &g, U_GPA));
	guest_write(_metadata, &g, U_GPA + pg() + 8, 0x88);
	ASSERT_EQ(0x88, *word(u, 1, 8));
	ASSERT_EQ(0, *word(u, 1, 0));
	avcpu_guest_destroy(&g);
	munmap(u, NPAGES * pg());
}

/*
 * fork() makes the VMM's slot memory copy-on-write: the guest's next
 * write must land in the VMM's own copy, never in the page the child
 * now shares (it still sees what was there at the fork).
 */
TEST(fork_copy_on_write_keeps_the_child_s_copy)
{
	struct avcpu_guest g;
	int go[2], back[2], st;
	uint64_t seen[2];
	char *u;
	pid_t pid;

	u = guest_start_slot(_metadata, &g);
	guest_write(_metadata, &g, U_GPA, 0xaaa);
	ASSERT_EQ(0x1111111111111111ULL,
		  guest_read(_metadata, &g, U_GPA + pg()));
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(back));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		char c;

		if (read(go[0], &c, 1) != 1)
			_exit(1);
		seen[0] = *word(u, 0, 0);
		seen[1] = *word(u, 1, 0);
		_exit(write(back[1], seen, sizeof(seen)) == sizeof(seen) ?
		      0 : 2);
	}
	guest_write(_metadata, &g, U_GPA, 0xbbb);
	guest_write(_metadata, &g, U_GPA + pg(), 0xccc);
	ASSERT_EQ(0xbbb, *word(u, 0, 0));
	ASSERT_EQ(0xccc, *word(u, 1, 0));
	ASSERT_EQ(1, write(go[1], "x", 1));
	ASSERT_EQ(sizeof(seen), read(back[0], seen, sizeof(seen)));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_EQ(0, st);
	ASSERT_EQ(0xaaa, seen[0]);
	ASSERT_EQ(0x1111111111111111ULL, seen[1]);
	ASSERT_EQ(0xbbb, guest_read(_metadata, &g, U_GPA));
	avcpu_guest_destroy(&g);
	munmap(u, NPAGES * pg());
}

/*
 * Inside a huge page the guest reached through a 2 MiB stage-2 block:
 * one host page unmapped is a memory fault at exactly that page while
 * its neighbours keep their data; one discarded (MADV_DONTNEED) reads
 * zero.  A block left in stage 2 after the host split the huge page
 * would show the freed page's old data instead.
 */
TEST(unmap_and_discard_inside_a_huge_page)
{
	const size_t huge = thp_size(), n = huge / pg();
	const uint64_t mid = U_GPA + (n / 2) * pg(), d = U_GPA + 5 * pg();
	struct avcpu_guest g;
	char *raw, *u;
	int ret;

	guest_start(_metadata, &g);
	raw = mmap(NULL, 2 * huge, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, raw);
	u = (char *)(((uintptr_t)raw + huge - 1) & ~(uintptr_t)(huge - 1));
	madvise(u, huge, MADV_HUGEPAGE);
	memset(u, 0x11, huge);
	ASSERT_EQ(0, add_slot(&g, 1, 0, U_GPA, u, n));
	ASSERT_EQ(0x1111111111111111ULL, guest_read(_metadata, &g, U_GPA));
	ASSERT_EQ(0x1111111111111111ULL, guest_read(_metadata, &g, mid));
	ASSERT_EQ(0x1111111111111111ULL, guest_read(_metadata, &g, d));

	ASSERT_EQ(0, munmap(u + (n / 2) * pg(), pg()));
	ASSERT_EQ(0, madvise(u + 5 * pg(), pg(), MADV_DONTNEED));
	ASSERT_EQ(0x1111111111111111ULL,
		  guest_read(_metadata, &g, mid - pg()));
	ASSERT_EQ(0x1111111111111111ULL,
		  guest_read(_metadata, &g, mid + pg() + 8));
	ASSERT_EQ(0, guest_read(_metadata, &g, d + 8));
	ASSERT_EQ(0x1111111111111111ULL, guest_read(_metadata, &g, d - 8));
	ret = order(&g, OP_READ, mid + 16, 0);
	ASSERT_MEMORY_FAULT(&g, ret, mid + 16, LDR_AT);
	ASSERT_EQ(0, remap(u + (n / 2) * pg(), 1, 0x22));
	ASSERT_EQ(0x2222222222222222ULL, resume(_metadata, &g));
	guest_write(_metadata, &g, mid + 8, 0x33);
	ASSERT_EQ(0x33, *word(u, n / 2, 8));
	avcpu_guest_destroy(&g);
	munmap(raw, 2 * huge);
}

/*
 * A forked child shares the fds but is not the VM's creator: RUN and
 * SET_MEMORY_REGION (add or delete) fail with EIO.  The parent's VM is
 * untouched.
 */
TEST(forked_child_run_and_set_memory_region_eio)
{
	struct avcpu_guest g;
	char *u, *v;
	pid_t pid;
	int st;

	u = guest_start_slot(_metadata, &g);
	ASSERT_NE(NULL, v = map_pages(NPAGES, PROT_READ | PROT_WRITE));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct avcpu_memory_region del = { .slot = 1 };

		g.run->hypercall.x[0] = 0;
		if (ioctl(g.vcpu, AVCPU_RUN, 0) != -1 || errno != EIO)
			_exit(10);
		if (add_slot(&g, 2, 0, P_GPA, v, NPAGES) != -1 ||
		    errno != EIO)
			_exit(11);
		if (add_slot(&g, 2, AVCPU_MEM_PINNED, P_GPA, v, NPAGES) != -1 ||
		    errno != EIO)
			_exit(12);
		if (ioctl(g.vm, AVCPU_SET_MEMORY_REGION, &del) != -1 ||
		    errno != EIO)
			_exit(13);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	ASSERT_EQ(0, WEXITSTATUS(st));
	/* Slot 1 still there, slot 2 never was. */
	ASSERT_EQ(0x1111111111111111ULL, guest_read(_metadata, &g, U_GPA));
	ASSERT_EQ(0, order(&g, OP_READ, P_GPA, 0));
	ASSERT_EQ(AVCPU_EXIT_MMIO, g.run->exit_reason);
	avcpu_guest_destroy(&g);
	munmap(u, NPAGES * pg());
	munmap(v, NPAGES * pg());
}

/* Pins held now: nr_foll_pin_acquired - nr_foll_pin_released. */
static long long pins_held(void)
{
	long long acq, rel;

	return vmstat_pins(&acq, &rel) ? acq - rel : LLONG_MIN;
}

/*
 * After the guest touched every page of a 4 MiB unpinned slot (reads
 * and writes), nothing is pinned and nothing locked: no pins in
 * /proc/vmstat beyond what was there before, VmLck and VmPin 0.  A
 * pinned slot of the same size holds one pin per page and its size in
 * VmLck, until it is deleted.
 */
TEST(no_long_term_pins_for_unpinned_slots)
{
	const size_t n = (4 << 20) / pg();
	struct avcpu_memory_region del = { .slot = 2 };
	struct avcpu_guest g;
	long long base;
	char *u, *p;
	size_t i;

	guest_start(_metadata, &g);
	ASSERT_NE(NULL, u = map_pages(n, PROT_READ | PROT_WRITE));
	ASSERT_NE(NULL, p = map_pages(n, PROT_READ | PROT_WRITE));
	memset(p, 1, n * pg());
	base = pins_held();
	TH_LOG("pins held before: %lld", base);
	ASSERT_LE(0, base);

	ASSERT_EQ(0, add_slot(&g, 1, 0, U_GPA, u, n));
	for (i = 0; i < n; i++) {
		if (i % 2)
			guest_write(_metadata, &g, U_GPA + i * pg(), i);
		else
			ASSERT_EQ(0, guest_read(_metadata, &g,
						U_GPA + i * pg()));
	}
	ASSERT_EQ(base, pins_held());
	ASSERT_EQ(0, status_kb("VmLck"));
	ASSERT_EQ(0, status_kb("VmPin"));

	ASSERT_EQ(0, add_slot(&g, 2, AVCPU_MEM_PINNED, P_GPA, p, n));
	ASSERT_EQ(base + (long long)n, pins_held());
	ASSERT_EQ((long)(n * pg() >> 10), status_kb("VmLck"));
	ASSERT_EQ(0x0101010101010101ULL,
		  guest_read(_metadata, &g, P_GPA + (n - 1) * pg()));
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_SET_MEMORY_REGION, &del));
	ASSERT_EQ(base, pins_held());
	ASSERT_EQ(0, status_kb("VmLck"));
	avcpu_guest_destroy(&g);
	ASSERT_EQ(base, pins_held());
	munmap(u, n * pg());
	munmap(p, n * pg());
}

TEST_HARNESS_MAIN
