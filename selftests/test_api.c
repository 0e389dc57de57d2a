// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctl ABI: version and capabilities, every documented errno for bad
 * input, RUN's interruption rules (signals, immediate_exit, concurrent
 * RUN), and object lifetime (closing in any order, killing a VMM mid-run,
 * many run/exit cycles) without leaking memory.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"

AVCPU_GUEST(g_hvc_loop, "0:	hvc	#1\n	b	0b\n");
AVCPU_GUEST(g_spin,
	"	movz	x1, #0x4000, lsl #16\n"
	"	mov	x2, #1\n"
	"	str	x2, [x1, #0x1000]\n"
	"0:	b	0b\n");

static long mem_available_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f;

	/* Let freed pages settle before measuring. */
	sync();
	f = fopen("/proc/sys/vm/drop_caches", "w");
	if (f) {
		fputs("3", f);
		fclose(f);
	}
	f = fopen("/proc/meminfo", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/*
 * A KASAN kernel keeps freed objects in its quarantine (up to 1/32 of RAM)
 * before they count as available again, so there MemAvailable only falls.
 * The lab's debug kernel, the one with kmemleak, checks for leaks with
 * kmemleak after rmmod instead (kmemleak_clean in tools/lab/init).
 */
static bool memavailable_is_meaningless(void)
{
	return avcpu_debug_kernel();
}

/*
 * Run @round twice and measure MemAvailable around each.  Per-CPU page
 * lists and slab caches make a single delta noisy by a few MiB on SMP; a
 * real leak grows every round, so it must exceed @tol_kb in both.  On
 * the debug kernel the rounds still run (under KASAN and lockdep), and
 * kmemleak judges the leaks after rmmod.
 */
#define ASSERT_NO_LEAK(tol_kb, round) do {				\
	long m0, m1, m2;						\
									\
	if (memavailable_is_meaningless()) {				\
		round;							\
		TH_LOG("debug kernel: leaks are kmemleak_clean's");	\
		break;							\
	}								\
	m0 = mem_available_kb();					\
	round;								\
	m1 = mem_available_kb();					\
	round;								\
	m2 = mem_available_kb();					\
	TH_LOG("MemAvailable %ld -> %ld -> %ld kB", m0, m1, m2);	\
	ASSERT_TRUE(m0 - m1 < (tol_kb) || m1 - m2 < (tol_kb));		\
} while (0)

static void noop_handler(int sig)
{
}

static void install_handler(int sig)
{
	struct sigaction sa = { .sa_handler = noop_handler };

	/* No SA_RESTART: RUN must come back with EINTR. */
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

TEST(api_version_and_caps)
{
	struct avcpu_caps caps;
	int sys = open("/dev/avcpu", O_RDWR);
	unsigned int i;

	ASSERT_GE(sys, 0);
	ASSERT_EQ(AVCPU_API_VERSION, ioctl(sys, AVCPU_GET_API_VERSION));
	memset(&caps, 0xff, sizeof(caps));
	ASSERT_EQ(0, ioctl(sys, AVCPU_GET_CAPS, &caps));
	ASSERT_EQ(AVCPU_API_VERSION, caps.api_version);
	ASSERT_TRUE(caps.host_mode == AVCPU_HOST_VHE ||
		    caps.host_mode == AVCPU_HOST_NVHE);
	ASSERT_GE(caps.min_ipa_bits, 32);
	ASSERT_LE(caps.min_ipa_bits, caps.max_ipa_bits);
	ASSERT_LE(caps.max_ipa_bits, 48);
	ASSERT_GE(caps.max_vcpus, 1);
	ASSERT_GE(caps.max_mem_slots, 1);
	ASSERT_TRUE(caps.vmid_bits == 8 || caps.vmid_bits == 16);
	ASSERT_GE(caps.run_size, sizeof(struct avcpu_run));
	ASSERT_EQ(0, caps.run_size % getpagesize());
	ASSERT_EQ(AVCPU_FEAT_READONLY_MEM | AVCPU_FEAT_SMCCC_FILTER |
		  AVCPU_FEAT_MMIO_NISV | AVCPU_FEAT_IMMEDIATE_EXIT,
		  caps.features & (AVCPU_FEAT_READONLY_MEM |
				   AVCPU_FEAT_SMCCC_FILTER |
				   AVCPU_FEAT_MMIO_NISV |
				   AVCPU_FEAT_IMMEDIATE_EXIT));
	for (i = 0; i < 8; i++)
		ASSERT_EQ(0, caps.reserved[i]);
	close(sys);
}

#define EXPECT_ERRNO(err, call) do {			\
	errno = 0;					\
	EXPECT_EQ(-1, (call));				\
	EXPECT_EQ(err, errno);				\
} while (0)

/* One pass over every kind of bad argument; returns normally. */
static void bad_arguments(struct __test_metadata *_metadata)
{
	struct avcpu_vm_create vc = { 0 };
	struct avcpu_vcpu_create cc = { 0 };
	struct avcpu_memory_region r = { 0 };
	struct avcpu_vcpu_attach a = { 0 };
	struct avcpu_entry e = { 0 };
	struct avcpu_smccc_filter f = { 0 };
	struct avcpu_one_reg one = { 0 };
	struct avcpu_caps caps;
	struct {
		struct avcpu_reg_list l;
		__u64 ids[200];
	} list;
	/* Slots are made of whole host pages: 4 KiB or 16 KiB here. */
	uint64_t v = 0, pg = getpagesize();
	int sys, vm, vcpu, vcpu2, null;
	void *mem;

	sys = open("/dev/avcpu", O_RDWR);
	ASSERT_GE(sys, 0);
	ASSERT_EQ(0, ioctl(sys, AVCPU_GET_CAPS, &caps));
	null = open("/dev/null", O_RDWR);
	ASSERT_GE(null, 0);

	/* System handle. */
	EXPECT_ERRNO(ENOTTY, ioctl(sys, _IO(AVCPUIO, 0xff)));
	EXPECT_ERRNO(ENOTTY, ioctl(sys, AVCPU_RUN));
	EXPECT_ERRNO(EFAULT, ioctl(sys, AVCPU_GET_CAPS, NULL));
	EXPECT_ERRNO(EFAULT, ioctl(sys, AVCPU_CREATE_VM, NULL));
	EXPECT_ERRNO(EFAULT, ioctl(sys, AVCPU_CREATE_VCPU, (void *)8));
	vc.flags = 1;
	EXPECT_ERRNO(EINVAL, ioctl(sys, AVCPU_CREATE_VM, &vc));
	vc.flags = 0;
	vc.reserved[2] = 1;
	EXPECT_ERRNO(EINVAL, ioctl(sys, AVCPU_CREATE_VM, &vc));
	vc.reserved[2] = 0;
	vc.ipa_bits = caps.max_ipa_bits + 1;
	EXPECT_ERRNO(EINVAL, ioctl(sys, AVCPU_CREATE_VM, &vc));
	vc.ipa_bits = caps.min_ipa_bits - 1;
	EXPECT_ERRNO(EINVAL, ioctl(sys, AVCPU_CREATE_VM, &vc));
	vc.ipa_bits = 40;
	cc.mpidr = 1ULL << 24;		/* MT bit: not an affinity field */
	EXPECT_ERRNO(EINVAL, ioctl(sys, AVCPU_CREATE_VCPU, &cc));
	cc.mpidr = 0;
	cc.pad = 1;
	EXPECT_ERRNO(EINVAL, ioctl(sys, AVCPU_CREATE_VCPU, &cc));
	cc.pad = 0;
	cc.reserved[3] = 1;
	EXPECT_ERRNO(EINVAL, ioctl(sys, AVCPU_CREATE_VCPU, &cc));
	cc.reserved[3] = 0;

	vm = ioctl(sys, AVCPU_CREATE_VM, &vc);
	ASSERT_GE(vm, 0);
	vcpu = ioctl(sys, AVCPU_CREATE_VCPU, &cc);
	ASSERT_GE(vcpu, 0);
	vcpu2 = ioctl(sys, AVCPU_CREATE_VCPU, &cc);
	ASSERT_GE(vcpu2, 0);

	/* VM fd. */
	EXPECT_ERRNO(ENOTTY, ioctl(vm, _IO(AVCPUIO, 0xff)));
	EXPECT_ERRNO(ENOTTY, ioctl(vm, AVCPU_RUN));
	EXPECT_ERRNO(EFAULT, ioctl(vm, AVCPU_SET_MEMORY_REGION, NULL));
	mem = mmap(NULL, 0x20000, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, mem);
	r.guest_phys_addr = 0x40000000;
	r.memory_size = 0x10000;
	r.userspace_addr = (uintptr_t)mem;
	r.flags = AVCPU_MEM_LOG_DIRTY << 1;	/* the first unknown flag */
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.flags = 0;
	r.reserved[1] = 1;
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.reserved[1] = 0;
	r.slot = caps.max_mem_slots;
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.slot = 0;
	r.guest_phys_addr += 8;
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.guest_phys_addr -= 8;
	r.memory_size += 8;
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.memory_size -= 8;
	r.userspace_addr += 8;
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.userspace_addr -= 8;
	if (pg > 0x1000) {
		/* 4 KiB aligned is not enough on a 16 KiB host. */
		r.guest_phys_addr += 0x1000;
		EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
		r.guest_phys_addr -= 0x1000;
		r.memory_size -= 0x1000;
		EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
		r.memory_size += 0x1000;
	}
	r.guest_phys_addr = -pg;
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.guest_phys_addr = 1ULL << 40;
	EXPECT_ERRNO(ERANGE, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.guest_phys_addr = 0x40000000;
	r.userspace_addr = pg;		/* nothing mapped there */
	r.flags = AVCPU_MEM_PINNED;	/* unpinned: found out at RUN */
	EXPECT_ERRNO(EFAULT, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.flags = 0;
	r.userspace_addr = (uintptr_t)mem;
	ASSERT_EQ(0, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	/* The same slot again: only AVCPU_MEM_LOG_DIRTY may change. */
	EXPECT_EQ(0, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.flags = AVCPU_MEM_READONLY;
	EXPECT_ERRNO(EEXIST, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.flags = 0;
	r.memory_size -= pg;
	EXPECT_ERRNO(EEXIST, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.memory_size += pg;
	r.slot = 1;
	r.guest_phys_addr = 0x40010000 - pg;	/* slot 0's last page */
	r.userspace_addr = (uintptr_t)mem + 0x10000;
	EXPECT_ERRNO(EEXIST, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	/* Size 0 deletes; the range is free again. */
	r.slot = 0;
	r.memory_size = 0;
	ASSERT_EQ(0, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));
	r.slot = 1;
	r.memory_size = 0x10000;
	ASSERT_EQ(0, ioctl(vm, AVCPU_SET_MEMORY_REGION, &r));

	f.base = 0x84000000;
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_SMCCC_FILTER, &f));
	f.nr_functions = 0x10;
	f.action = 3;
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_SMCCC_FILTER, &f));
	f.action = AVCPU_SMCCC_EXIT;
	f.pad[3] = 1;
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_SMCCC_FILTER, &f));
	f.pad[3] = 0;
	f.base = 0xfffffff8;
	EXPECT_ERRNO(EINVAL, ioctl(vm, AVCPU_SET_SMCCC_FILTER, &f));
	f.base = 0x84000000;
	ASSERT_EQ(0, ioctl(vm, AVCPU_SET_SMCCC_FILTER, &f));
	f.base = 0x8400000f;
	EXPECT_ERRNO(EEXIST, ioctl(vm, AVCPU_SET_SMCCC_FILTER, &f));
	f.action = AVCPU_SMCCC_DEFAULT;
	EXPECT_ERRNO(ENOENT, ioctl(vm, AVCPU_SET_SMCCC_FILTER, &f));
	f.base = 0x84000000;
	ASSERT_EQ(0, ioctl(vm, AVCPU_SET_SMCCC_FILTER, &f));

	/* vCPU fd. */
	EXPECT_ERRNO(ENOTTY, ioctl(vcpu, _IO(AVCPUIO, 0xff)));
	EXPECT_ERRNO(ENOTTY, ioctl(vcpu, AVCPU_SET_MEMORY_REGION, &r));
	EXPECT_ERRNO(ENXIO, ioctl(vcpu, AVCPU_RUN));
	EXPECT_ERRNO(EFAULT, ioctl(vcpu, AVCPU_SET_VM, NULL));
	a.vm_fd = -1;
	EXPECT_ERRNO(EBADF, ioctl(vcpu, AVCPU_SET_VM, &a));
	a.vm_fd = null;
	EXPECT_ERRNO(EINVAL, ioctl(vcpu, AVCPU_SET_VM, &a));
	a.vm_fd = vcpu2;
	EXPECT_ERRNO(EINVAL, ioctl(vcpu, AVCPU_SET_VM, &a));
	a.vm_fd = vm;
	a.flags = 1;
	EXPECT_ERRNO(EINVAL, ioctl(vcpu, AVCPU_SET_VM, &a));
	a.flags = 0;
	ASSERT_EQ(0, ioctl(vcpu, AVCPU_SET_VM, &a));
	EXPECT_ERRNO(EBUSY, ioctl(vcpu, AVCPU_SET_VM, &a));
	EXPECT_ERRNO(EEXIST, ioctl(vcpu2, AVCPU_SET_VM, &a));

	EXPECT_ERRNO(EFAULT, ioctl(vcpu, AVCPU_SET_ENTRY, NULL));
	e.pc = 0x40000002;
	EXPECT_ERRNO(EINVAL, ioctl(vcpu, AVCPU_SET_ENTRY, &e));
	e.pc = 0x40000000;
	e.reserved[0] = 1;
	EXPECT_ERRNO(EINVAL, ioctl(vcpu, AVCPU_SET_ENTRY, &e));

	one.id = AVCPU_REG_PC;
	EXPECT_ERRNO(EFAULT, ioctl(vcpu, AVCPU_GET_ONE_REG, &one));
	EXPECT_ERRNO(EFAULT, ioctl(vcpu, AVCPU_GET_ONE_REG, NULL));
	one.addr = (uintptr_t)&v;
	one.reserved = 1;
	EXPECT_ERRNO(EINVAL, ioctl(vcpu, AVCPU_GET_ONE_REG, &one));
	one.reserved = 0;
	one.id = AVCPU_REG_SYS(3, 7, 15, 15, 7);
	EXPECT_ERRNO(ENOENT, ioctl(vcpu, AVCPU_GET_ONE_REG, &one));
	one.id = AVCPU_REG_PSTATE;
	v = 0x3c9;			/* EL2h: never reachable by a guest */
	EXPECT_ERRNO(EINVAL, ioctl(vcpu, AVCPU_SET_ONE_REG, &one));
	v = 0x3d0;			/* AArch32 */
	EXPECT_ERRNO(EINVAL, ioctl(vcpu, AVCPU_SET_ONE_REG, &one));
	one.id = AVCPU_REG_MPIDR_EL1;
	v = 1;
	EXPECT_ERRNO(EBUSY, ioctl(vcpu, AVCPU_SET_ONE_REG, &one));

	memset(&list, 0, sizeof(list));
	list.l.n = 1;
	EXPECT_ERRNO(E2BIG, ioctl(vcpu, AVCPU_GET_REG_LIST, &list));
	EXPECT_GT(list.l.n, 40);
	ASSERT_LE(list.l.n, 200);
	ASSERT_EQ(0, ioctl(vcpu, AVCPU_GET_REG_LIST, &list));
	for (v = 0; v < list.l.n && list.l.reg[v] != AVCPU_REG_PC; v++)
		;
	EXPECT_LT(v, list.l.n);

	close(vcpu2);
	close(vcpu);
	close(vm);
	close(null);
	close(sys);
	munmap(mem, 0x20000);
}

TEST(bad_arguments_get_their_errno)
{
	bad_arguments(_metadata);
}

TEST(bad_arguments_leak_nothing)
{
	int i;

	bad_arguments(_metadata);
	/* A leak of one page per pass would be 1.2 MiB a round. */
	ASSERT_NO_LEAK(1024, for (i = 0; i < 300; i++)
				     bad_arguments(_metadata));
}

TEST(immediate_exit_does_not_enter)
{
	struct avcpu_guest g;
	volatile uint64_t *flag;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_spin_start,
					g_spin_end));
	flag = (uint64_t *)((char *)g.ram + 0x1000);
	g.run->immediate_exit = 1;
	errno = 0;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_RUN, 0));
	ASSERT_EQ(EINTR, errno);
	ASSERT_EQ(AVCPU_EXIT_INTR, g.run->exit_reason);
	ASSERT_EQ(0, *flag);
	avcpu_guest_destroy(&g);
}

TEST(signal_interrupts_infinite_loop)
{
	struct itimerval it = { .it_value = { .tv_usec = 200000 } };
	struct timespec a, b;
	struct avcpu_guest g;
	double secs;
	int ret;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_spin_start,
					g_spin_end));
	install_handler(SIGALRM);
	clock_gettime(CLOCK_MONOTONIC, &a);
	ASSERT_EQ(0, setitimer(ITIMER_REAL, &it, NULL));
	ret = ioctl(g.vcpu, AVCPU_RUN, 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	secs = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	TH_LOG("RUN returned after %.3f s", secs);
	ASSERT_EQ(-1, ret);
	ASSERT_EQ(EINTR, errno);
	ASSERT_EQ(AVCPU_EXIT_INTR, g.run->exit_reason);
	/* 0.2 s is usual; a loaded lab host may starve QEMU for a while. */
	ASSERT_LT(secs, 10.0);
	/* The guest did run: it set its flag before spinning. */
	ASSERT_EQ(1, *(uint64_t *)((char *)g.ram + 0x1000));
	avcpu_guest_destroy(&g);
}

struct runner {
	struct avcpu_guest *g;
	volatile int started;
	int ret, err;
};

static void *run_thread(void *p)
{
	struct runner *r = p;

	r->started = 1;
	r->ret = ioctl(r->g->vcpu, AVCPU_RUN, 0);
	r->err = errno;
	return NULL;
}

TEST(concurrent_run_is_ebusy)
{
	struct runner r = { 0 };
	struct avcpu_guest g;
	volatile uint64_t *flag;
	pthread_t th;
	int i;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_spin_start,
					g_spin_end));
	flag = (uint64_t *)((char *)g.ram + 0x1000);
	install_handler(SIGUSR1);
	r.g = &g;
	ASSERT_EQ(0, pthread_create(&th, NULL, run_thread, &r));
	for (i = 0; i < 2000 && !*flag; i++)
		usleep(1000);
	ASSERT_EQ(1, *flag);		/* the first RUN is in the guest */
	errno = 0;
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_RUN, 0));
	ASSERT_EQ(EBUSY, errno);
	pthread_kill(th, SIGUSR1);
	pthread_join(th, NULL);
	ASSERT_EQ(-1, r.ret);
	ASSERT_EQ(EINTR, r.err);
	avcpu_guest_destroy(&g);
}

TEST(run_exit_10000_cycles_no_leak)
{
	struct avcpu_guest g;
	int i;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_hvc_loop_start,
					g_hvc_loop_end));
	ASSERT_EQ(0, ioctl(g.vcpu, AVCPU_RUN, 0));
	/* 10,000 cycles a round: 100 bytes an exit would be 1 MiB. */
	ASSERT_NO_LEAK(1024, for (i = 0; i < 10000; i++) {
		ASSERT_EQ(0, ioctl(g.vcpu, AVCPU_RUN, 0));
		ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	});
	avcpu_guest_destroy(&g);
}

/* Close the three fds and the run mapping in the given order. */
static void close_in_order(struct __test_metadata *_metadata,
			   const char *order)
{
	struct avcpu_guest g;
	__u32 reason;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_hvc_loop_start,
					g_hvc_loop_end));
	for (; *order; order++) {
		switch (*order) {
		case 's':
			close(g.sys);
			g.sys = -1;
			break;
		case 'm':
			close(g.vm);
			g.vm = -1;
			break;
		case 'c':
			close(g.vcpu);
			g.vcpu = -1;
			break;
		case 'r':
			/* The mapping outlives the fd: still readable. */
			ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
			munmap(g.run, 4096);
			g.run = NULL;
			break;
		case 'x':
			/* Whatever is closed, a live vCPU fd still runs. */
			ASSERT_EQ(0, avcpu_run_to_hvc(&g, &reason));
			break;
		}
	}
	avcpu_guest_destroy(&g);
}

TEST(close_in_every_order)
{
	static const char * const orders[] = {
		"xsmcr", "xmscr", "xmxscr", "xcmsr", "xcrms", "xrcsm",
		"xsxmxcr", "xcsmr",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(orders); i++)
		close_in_order(_metadata, orders[i]);
}

static void kill_mid_run(struct __test_metadata *_metadata)
{
	pid_t pid;
	int st;

	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		struct avcpu_guest g;

		if (avcpu_guest_create(&g, 16 << 20, g_spin_start,
				       g_spin_end))
			_exit(2);
		ioctl(g.vcpu, AVCPU_RUN, 0);
		_exit(3);
	}
	usleep(200000);
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_TRUE(WIFSIGNALED(st));
}

TEST(kill_vmm_mid_run)
{
	int i;

	kill_mid_run(_metadata);
	/* Each killed VMM pinned 16 MiB: a leak would be 64 MiB a round. */
	ASSERT_NO_LEAK(8192, for (i = 0; i < 4; i++)
				     kill_mid_run(_metadata));
	/* The host is fine: a new guest runs. */
	close_in_order(_metadata, "x");
}

TEST_HARNESS_MAIN
