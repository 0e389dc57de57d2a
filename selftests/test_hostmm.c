// SPDX-License-Identifier: GPL-2.0
/*
 * The host's memory management against a running guest.  A guest reads
 * (and, where the content must survive, writes) a pattern in an unpinned
 * slot while other VMM threads munmap and map the region again with new
 * content, MADV_DONTNEED it, mprotect it read-only and back, split and
 * collapse its transparent huge pages, migrate its pages (between two
 * NUMA nodes, or by compaction), and let the host swap it out (zram swap,
 * a memory cgroup smaller than the guest's working set).  Two VMs with
 * identical pages are merged by KSM and a guest write unmerges them.
 *
 * The pattern: every 64-bit word holds (generation << 48) | its own IPA,
 * so a word read from the wrong page, a stale page or a zero page shows.
 * The guest checks every word of a range against a window of generations
 * and optionally stores the next generation; it reports the number of
 * mismatches, the first one, and the highest generation it saw in a
 * mailbox, exits by an MMIO write, and finds the next range in the
 * mailbox.  After every scenario the VM is closed and the module must
 * hold no more pages than before it (debugfs avcpu/pages_held), and
 * MemAvailable must come back.
 *
 * Every test also runs on KVM (variant kvm, where the lab's host has
 * it): the reference that shows the test's expectations are what a
 * KVM-like device with MMU notifiers gives.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <time.h>
#include <stddef.h>
#include <linux/kvm.h>
#include <linux/memfd.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/host_mm.h"

#define REGION_GPA	0x80000000ULL
#define REGION_SLOT	1
#define GEN_SHIFT	48
#define ADDR_MASK	((1ULL << GEN_SHIFT) - 1)
#define SZ_1M		(1ULL << 20)
#define SZ_2M		(2ULL << 20)

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE	25
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif
#ifndef MPOL_MF_MOVE
#define MPOL_MF_MOVE	(1 << 1)
#endif

#define KSM		"/sys/kernel/mm/ksm/"
#define CGROUP		"/sys/fs/cgroup"
#define CG_TEST		CGROUP "/avcpu-hostmm"
#define LAB_KMODS	"/lib/modules/avcpu-lab/"
#define MAILBOX		0x1000		/* code RAM offset */
#define EXIT_MMIO	0x09000000ULL

/*
 * The guest.  Mailbox words 0-3: the last range's results (mismatches,
 * first bad IPA, its value, highest generation seen); then, after the
 * MMIO write to EXIT_MMIO, words 4-9: the next range (base IPA, words,
 * lowest and highest generation accepted, generation to store after
 * each check (0: read only), whether a zero word is accepted).
 */
AVCPU_GUEST(g_hostmm,
	"	mov	x0, #0\n"
	"	mov	x1, #0\n"
	"	mov	x2, #0\n"
	"	mov	x3, #0\n"
	"	movz	x16, #0x4000, lsl #16\n"
	"	add	x16, x16, #0x1000\n"
	"	movz	x17, #0x0900, lsl #16\n"
	"1:	stp	x0, x1, [x16]\n"
	"	stp	x2, x3, [x16, #16]\n"
	"	str	xzr, [x17]\n"
	"	ldp	x0, x1, [x16, #32]\n"
	"	ldp	x2, x3, [x16, #48]\n"
	"	ldp	x4, x5, [x16, #64]\n"
	"	mov	x6, #0\n"
	"	mov	x7, #0\n"
	"	mov	x8, #0\n"
	"	mov	x9, #0\n"
	"	mov	x10, x0\n"
	"	add	x11, x0, x1, lsl #3\n"
	"	mov	x12, #-1\n"
	"	lsr	x12, x12, #16\n"
	"2:	cmp	x10, x11\n"
	"	b.hs	9f\n"
	"	ldr	x13, [x10]\n"
	"	cbnz	x13, 3f\n"
	"	cbnz	x5, 6f\n"
	"	b	4f\n"
	"3:	and	x14, x13, x12\n"
	"	cmp	x14, x10\n"
	"	b.ne	4f\n"
	"	lsr	x15, x13, #48\n"
	"	cmp	x15, x2\n"
	"	b.lo	4f\n"
	"	cmp	x15, x3\n"
	"	b.hi	4f\n"
	"	cmp	x15, x9\n"
	"	csel	x9, x15, x9, hi\n"
	"	b	6f\n"
	"4:	cbnz	x6, 5f\n"
	"	mov	x7, x10\n"
	"	mov	x8, x13\n"
	"5:	add	x6, x6, #1\n"
	"6:	cbz	x4, 7f\n"
	"	orr	x14, x10, x4, lsl #48\n"
	"	str	x14, [x10]\n"
	"7:	add	x10, x10, #8\n"
	"	b	2b\n"
	"9:	mov	x0, x6\n"
	"	mov	x1, x7\n"
	"	mov	x2, x8\n"
	"	mov	x3, x9\n"
	"	b	1b\n");

/*
 * One VM: the code slot of avcpu_guest (or KVM's), and the region in
 * slot 1.
 */
struct vm {
	bool kvm;
	uint32_t flags;		/* slot 1's AVCPU_MEM_* flags */
	struct avcpu_guest g;
	char *code;		/* the code slot's RAM */
	int kvm_fd, kvm_vm, kvm_vcpu;
	struct kvm_run *krun;
	size_t krun_size;
	char *mem;		/* the VMM's mapping of the region */
	size_t size;
	char *raw;		/* what to munmap (mem aligned inside) */
	size_t raw_size;
	/* memory faults RUN reported, and any that were not as expected */
	unsigned long faults, bad_faults;
	uint64_t bad_fault_gpa, bad_fault_size;
};

struct pass {
	uint64_t mismatches, bad_ipa, bad_val, max_gen;
};

static size_t page_size(void)
{
	return getpagesize();
}

static uint64_t word_val(uint64_t gen, uint64_t ipa)
{
	return gen << GEN_SHIFT | ipa;
}

static void fill(char *mem, size_t off, size_t len, uint64_t gen)
{
	uint64_t *w = (uint64_t *)(mem + off);
	size_t i;

	for (i = 0; i < len / 8; i++)
		w[i] = word_val(gen, REGION_GPA + off + i * 8);
}

/* Words of the VMM's mapping in [off, off + len) not holding @gen. */
static uint64_t vmm_check(const char *mem, size_t off, size_t len,
			  uint64_t gen, uint64_t *first_bad)
{
	const volatile uint64_t *w = (const uint64_t *)(mem + off);
	uint64_t bad = 0;
	size_t i;

	for (i = 0; i < len / 8; i++) {
		if (w[i] == word_val(gen, REGION_GPA + off + i * 8))
			continue;
		if (!bad++ && first_bad)
			*first_bad = REGION_GPA + off + i * 8;
	}
	return bad;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static int write_long(const char *path, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	return write_str(path, buf);
}

/* A "Name: value" line of a /proc file (meminfo: kB; vmstat: count). */
static long proc_value(const char *path, const char *name)
{
	size_t n = strlen(name);
	char line[256];
	long v = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && (line[n] == ':' || line[n] == ' ')) {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* MemAvailable, with the pages on the per-CPU free lists counted free. */
static long mem_available_kb(void)
{
	long kb;

	sync();
	write_str("/proc/sys/vm/drop_caches", "3");
	kb = proc_value("/proc/meminfo", "MemAvailable");
	return kb < 0 ? kb : kb + pcp_free_kb();
}

/*
 * Anonymous private memory for the region, aligned to @align inside a
 * larger mapping, filled with generation 1.
 */
static int region_map(struct vm *v, size_t size, size_t align, int advice)
{
	v->size = size;
	v->raw_size = size + align;
	v->raw = mmap(NULL, v->raw_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (v->raw == MAP_FAILED) {
		v->raw = NULL;
		return -errno;
	}
	v->mem = (char *)(((uintptr_t)v->raw + align - 1) &
			  ~(uintptr_t)(align - 1));
	if (advice >= 0 && madvise(v->mem, size, advice))
		return -errno;
	fill(v->mem, 0, size, 1);
	return 0;
}

/* A KVM VM like avcpu_guest_create's; -ENODEV where there is no KVM. */
static int kvm_vm_create(struct vm *v)
{
	struct kvm_userspace_memory_region mr = {
		.guest_phys_addr = GUEST_RAM_BASE, .memory_size = SZ_1M,
	};
	uint64_t pc = GUEST_RAM_BASE + avcpu_code_offset();
	struct kvm_vcpu_init init;
	struct kvm_one_reg reg = {
		.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |
		      (offsetof(struct kvm_regs, regs.pc) / 4),
		.addr = (uintptr_t)&pc,
	};
	int sz;

	v->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (v->kvm_fd < 0)
		return -ENODEV;
	v->kvm_vm = ioctl(v->kvm_fd, KVM_CREATE_VM, 0);
	if (v->kvm_vm < 0)
		return -ENODEV;
	v->code = mmap(NULL, SZ_1M, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (v->code == MAP_FAILED) {
		v->code = NULL;
		return -errno;
	}
	memcpy(v->code + avcpu_code_offset(), g_hostmm_start,
	       g_hostmm_end - g_hostmm_start);
	mr.userspace_addr = (uintptr_t)v->code;
	if (ioctl(v->kvm_vm, KVM_SET_USER_MEMORY_REGION, &mr) ||
	    ioctl(v->kvm_vm, KVM_ARM_PREFERRED_TARGET, &init))
		return -errno;
	v->kvm_vcpu = ioctl(v->kvm_vm, KVM_CREATE_VCPU, 0);
	if (v->kvm_vcpu < 0 || ioctl(v->kvm_vcpu, KVM_ARM_VCPU_INIT, &init) ||
	    ioctl(v->kvm_vcpu, KVM_SET_ONE_REG, &reg))
		return -errno;
	sz = ioctl(v->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (sz <= 0)
		return -EINVAL;
	v->krun = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED,
		       v->kvm_vcpu, 0);
	if (v->krun == MAP_FAILED) {
		v->krun = NULL;
		return -errno;
	}
	v->krun_size = sz;
	mr.slot = REGION_SLOT;
	mr.guest_phys_addr = REGION_GPA;
	mr.memory_size = v->size;
	mr.userspace_addr = (uintptr_t)v->mem;
	if (ioctl(v->kvm_vm, KVM_SET_USER_MEMORY_REGION, &mr))
		return -errno;
	return 0;
}

static int vm_run(struct vm *v)
{
	return ioctl(v->kvm ? v->kvm_vcpu : v->g.vcpu,
		     v->kvm ? KVM_RUN : AVCPU_RUN, 0);
}

/* The exit was the guest's MMIO write to EXIT_MMIO. */
static bool vm_at_mailbox(const struct vm *v)
{
	if (v->kvm)
		return v->krun->exit_reason == KVM_EXIT_MMIO &&
		       v->krun->mmio.phys_addr == EXIT_MMIO &&
		       v->krun->mmio.is_write;
	return v->g.run->exit_reason == AVCPU_EXIT_MMIO &&
	       v->g.run->mmio.phys_addr == EXIT_MMIO && v->g.run->mmio.is_write;
}

/*
 * The VM (avcpu's, or KVM's for @kvm), its code slot, and slot 1 over
 * v->mem (default flags); the guest run to its first mailbox exit.
 */
static int vm_create(struct vm *v, bool kvm)
{
	struct avcpu_memory_region r = {
		.slot = REGION_SLOT, .flags = v->flags,
		.guest_phys_addr = REGION_GPA,
		.memory_size = v->size, .userspace_addr = (uintptr_t)v->mem,
	};
	int ret;

	v->kvm = kvm;
	v->kvm_fd = v->kvm_vm = v->kvm_vcpu = -1;
	if (kvm) {
		ret = kvm_vm_create(v);
		if (ret)
			return ret;
	} else {
		ret = avcpu_guest_create(&v->g, SZ_1M, g_hostmm_start,
					 g_hostmm_end);
		if (ret)
			return ret;
		v->code = v->g.ram;
		if (ioctl(v->g.vm, AVCPU_SET_MEMORY_REGION, &r))
			return -errno;
	}
	do {
		ret = vm_run(v);
	} while (ret && errno == EINTR);
	if (ret || !vm_at_mailbox(v))
		return -EIO;
	return 0;
}

static void vm_destroy(struct vm *v)
{
	if (v->kvm) {
		if (v->krun)
			munmap(v->krun, v->krun_size);
		if (v->kvm_vcpu >= 0)
			close(v->kvm_vcpu);
		if (v->kvm_vm >= 0)
			close(v->kvm_vm);
		if (v->kvm_fd >= 0)
			close(v->kvm_fd);
		if (v->code)
			munmap(v->code, SZ_1M);
		v->krun = NULL;
		v->kvm_fd = v->kvm_vm = v->kvm_vcpu = -1;
	} else {
		avcpu_guest_destroy(&v->g);
	}
	v->code = NULL;
	if (v->raw)
		munmap(v->raw, v->raw_size);
	v->raw = v->mem = NULL;
}

/* vm_create, skipping the test where KVM is not there. */
#define VM_CREATE(v, kvm) do {						\
	int ret_ = vm_create((v), (kvm));				\
									\
	if (ret_ == -ENODEV)						\
		SKIP(return, "no KVM on this host (/dev/kvm)");		\
	ASSERT_EQ(0, ret_);						\
} while (0)

/*
 * Have the guest check (and with @wgen store) the region's bytes [off,
 * off + len): accepted are words of generation @lo..@hi, and zero words
 * when @zero.  A memory fault (the VMM's mapping gone or read-only for
 * the moment) must name a page of the region (avcpu; KVM says only
 * EFAULT); RUN is repeated after a short sleep, as a VMM waiting for its
 * mapping would.  Returns 0 or -1 (an unexpected exit, on stderr).
 */
static int guest_pass(struct vm *v, size_t off, size_t len, uint64_t lo,
		      uint64_t hi, uint64_t wgen, bool zero, struct pass *p)
{
	volatile uint64_t *box = (uint64_t *)(v->code + MAILBOX);
	struct avcpu_run *run = v->g.run;
	unsigned long spins = 0;
	int ret;

	box[4] = REGION_GPA + off;
	box[5] = len / 8;
	box[6] = lo;
	box[7] = hi;
	box[8] = wgen;
	box[9] = zero;
	for (;;) {
		ret = vm_run(v);
		if (!ret && vm_at_mailbox(v))
			break;
		if (ret && errno == EINTR)
			continue;
		if (ret && errno == EFAULT && v->kvm) {
			/* KVM logs each one: wait as long as a window lasts. */
			v->faults++;
			usleep(2500);
		} else if (ret && errno == EFAULT &&
			   run->exit_reason == AVCPU_EXIT_MEMORY_FAULT) {
			uint64_t gpa = run->memory_fault.gpa;

			v->faults++;
			if (gpa < REGION_GPA || gpa >= REGION_GPA + v->size ||
			    gpa % page_size() ||
			    run->memory_fault.size != page_size()) {
				if (!v->bad_faults++) {
					v->bad_fault_gpa = gpa;
					v->bad_fault_size =
						run->memory_fault.size;
				}
			}
		} else {
			fprintf(stderr, "# RUN %d errno %d exit %u\n", ret,
				ret ? errno : 0, v->kvm ? v->krun->exit_reason :
				run->exit_reason);
			if (!v->kvm)
				avcpu_log_exit(run);
			return -1;
		}
		/* 20 s of a mapping that does not come back. */
		if (++spins > 40000) {
			fprintf(stderr, "# memory fault for 20 s\n");
			return -1;
		}
		usleep(500);
	}
	p->mismatches = box[0];
	p->bad_ipa = box[1];
	p->bad_val = box[2];
	p->max_gen = box[3];
	return 0;
}

#define ASSERT_PASS(p) do {						\
	if ((p).mismatches)						\
		TH_LOG("guest: %llu mismatches, first at %#llx: %#llx",	\
		       (unsigned long long)(p).mismatches,		\
		       (unsigned long long)(p).bad_ipa,			\
		       (unsigned long long)(p).bad_val);		\
	ASSERT_EQ(0, (p).mismatches);					\
} while (0)

/* The VMM's mapping holds generation @gen everywhere. */
#define ASSERT_VMM_VIEW(v, gen) do {					\
	uint64_t bad_ = 0, n_;						\
									\
	n_ = vmm_check((v)->mem, 0, (v)->size, (gen), &bad_);		\
	if (n_)								\
		TH_LOG("VMM view: %llu words not of generation %llu, first at %#llx", \
		       (unsigned long long)n_, (unsigned long long)(gen), \
		       (unsigned long long)bad_);			\
	ASSERT_EQ(0, n_);						\
} while (0)

#define ASSERT_FAULTS_OK(v) do {					\
	if ((v)->bad_faults)						\
		TH_LOG("%lu memory faults outside the region or not a page, first gpa %#llx size %#llx", \
		       (v)->bad_faults,					\
		       (unsigned long long)(v)->bad_fault_gpa,		\
		       (unsigned long long)(v)->bad_fault_size);	\
	ASSERT_EQ(0, (v)->bad_faults);					\
} while (0)

/* --- The VMM's other thread ----------------------------------------- */

struct op {
	struct vm *v;
	void (*fn)(struct op *o);
	atomic_bool stop;
	/* generations whose content the op started and finished writing */
	atomic_ulong started, done;
	unsigned long rounds;
	int err;		/* first errno of a failing call */
	const char *what;	/* and which call */
	unsigned long aux[4];	/* per-scenario counters */
	unsigned long usecs;	/* sleep between rounds */
};

static void op_fail(struct op *o, const char *what)
{
	if (!o->err) {
		o->err = errno ? errno : -1;
		o->what = what;
	}
}

static void *op_thread(void *arg)
{
	struct op *o = arg;

	while (!atomic_load(&o->stop)) {
		o->fn(o);
		o->rounds++;
		if (o->usecs)
			usleep(o->usecs);
	}
	return NULL;
}

/*
 * The end of a run_preserving() or run_replacing() loop: stop the op's
 * thread, say what was done, and assert that neither it nor RUN failed.
 */
static void op_stop(struct __test_metadata *_metadata, struct vm *v,
		    struct op *o, pthread_t th, int passes, double t0,
		    int run_err)
{
	atomic_store(&o->stop, true);
	pthread_join(th, NULL);
	TH_LOG("%d guest passes over %zu KiB, %lu rounds of %s, %lu memory faults, %.1f s",
	       passes, v->size >> 10, o->rounds, o->what ? o->what : "the op",
	       v->faults, now_s() - t0);
	if (o->err)
		TH_LOG("%s failed: %s", o->what, strerror(o->err));
	ASSERT_EQ(0, o->err);
	ASSERT_EQ(0, run_err);
}

/*
 * Run the preserving protocol: the guest checks the generation of its
 * last pass and stores the next one, over the whole region, while @fn
 * runs; at least @min_s seconds and @min_rounds of @fn, at most @max_s.
 * After each pass the VMM's mapping must hold the guest's stores (one
 * word per page is read; all words after the last pass).  Returns the
 * generation last stored, 0 on failure.
 */
static uint64_t run_preserving(struct __test_metadata *_metadata,
			       struct vm *v, struct op *o, double min_s,
			       unsigned long min_rounds, double max_s)
{
	uint64_t gen = 1, off, bad = 0;
	double t0 = now_s();
	struct pass p = { 0 };
	pthread_t th;
	int passes = 0, run_err = 0;

	o->v = v;
	if (pthread_create(&th, NULL, op_thread, o))
		return 0;
	for (;;) {
		run_err = guest_pass(v, 0, v->size, gen, gen, gen + 1, false,
				     &p);
		if (run_err)
			break;
		gen++;
		passes++;
		if (p.mismatches)
			break;
		for (off = 0; off < v->size; off += page_size())
			bad += vmm_check(v->mem, off, 8, gen, NULL);
		if (bad)
			break;
		if (now_s() - t0 >= max_s ||
		    (now_s() - t0 >= min_s && o->rounds >= min_rounds))
			break;
	}
	op_stop(_metadata, v, o, th, passes, t0, run_err);
	ASSERT_PASS(p);
	ASSERT_EQ(0, bad);
	ASSERT_FAULTS_OK(v);
	/* Quiet now: one more pass, then every word on both sides. */
	ASSERT_EQ(0, guest_pass(v, 0, v->size, gen, gen, gen + 1, false, &p));
	ASSERT_PASS(p);
	gen++;
	ASSERT_VMM_VIEW(v, gen);
	return gen;
}

/*
 * Run the replacing protocol: @fn gives the region new content of a
 * higher generation each round (o->started before it begins, o->done
 * once every word holds it); the guest only reads.  In a pass it must
 * see nothing older than what was done when the pass began, nothing
 * newer than what was started when it ended, and zero words only if
 * @zero.  Then, quiet, it must see exactly the last generation.
 */
static void run_replacing(struct __test_metadata *_metadata, struct vm *v,
			  struct op *o, bool zero, double min_s,
			  unsigned long min_rounds, double max_s)
{
	double t0 = now_s();
	struct pass p = { 0 };
	uint64_t lo, last;
	pthread_t th;
	int passes = 0, run_err = 0;

	o->v = v;
	atomic_store(&o->started, 1);
	atomic_store(&o->done, 1);
	ASSERT_EQ(0, pthread_create(&th, NULL, op_thread, o));
	for (;;) {
		lo = atomic_load(&o->done);
		run_err = guest_pass(v, 0, v->size, lo, 0xffff, 0, zero, &p);
		if (run_err)
			break;
		passes++;
		if (p.mismatches || p.max_gen > atomic_load(&o->started))
			break;
		if (now_s() - t0 >= max_s ||
		    (now_s() - t0 >= min_s && o->rounds >= min_rounds))
			break;
	}
	op_stop(_metadata, v, o, th, passes, t0, run_err);
	if (p.mismatches)
		TH_LOG("pass from generation %llu on", (unsigned long long)lo);
	ASSERT_PASS(p);
	ASSERT_LE(p.max_gen, atomic_load(&o->started));
	ASSERT_FAULTS_OK(v);
	last = atomic_load(&o->done);
	ASSERT_EQ(last, atomic_load(&o->started));
	ASSERT_LT(2, last);
	ASSERT_EQ(0, guest_pass(v, 0, v->size, last, last, 0, false, &p));
	ASSERT_PASS(p);
	ASSERT_EQ(last, p.max_gen);
	ASSERT_VMM_VIEW(v, last);
}

/* --- Fixture: nothing held or lost after the VMs are gone ------------ */

FIXTURE(hostmm) {
	long held;
	long avail_kb;
	bool avail_noisy;	/* MemAvailable says nothing after this test */
};

/* KVM, the reference, in shorter runs. */
FIXTURE_VARIANT(hostmm) {
	bool kvm;
	double secs;		/* least time under the other thread's op */
};

FIXTURE_VARIANT_ADD(hostmm, avcpu) {
	.kvm = false,
	.secs = 2.5,
};

FIXTURE_VARIANT_ADD(hostmm, kvm) {
	.kvm = true,
	.secs = 1,
};

FIXTURE_SETUP(hostmm)
{
	self->held = avcpu_pages_held();
	self->avail_kb = mem_available_kb();
}

/*
 * Only after a test that passed (a failed one leaves its VM open).  A
 * KASAN kernel keeps freed memory in its quarantine: MemAvailable there
 * says nothing (kmemleak judges after rmmod instead).  EXPECT, not
 * ASSERT: the harness's ASSERT jumps back into the teardown.
 */
FIXTURE_TEARDOWN(hostmm)
{
	bool judged = !avcpu_debug_kernel() && !self->avail_noisy;
	long held, avail, floor;
	int i;

	if (!_metadata->passed || _metadata->skip)
		return;
	/* A VM may be freed after its last fd (an MMU notifier's release). */
	for (i = 0; i < 40 && (held = avcpu_pages_held()) != self->held; i++)
		usleep(50000);
	/*
	 * Compaction lets khugepaged build a huge page somewhere (32 MiB
	 * with 16 KiB pages): that much may go and come back, and
	 * khugepaged and deferred THP splits give memory back late.
	 */
	floor = self->avail_kb - 16 * 1024 - 2 * (long)(thp_size() >> 10);
	for (i = 0; i < 5; i++) {
		avail = mem_available_kb();
		if (!judged || avail > floor)
			break;
		usleep(200000);
	}
	TH_LOG("pages_held %ld -> %ld, MemAvailable %ld -> %ld kB",
	       self->held, held, self->avail_kb, avail);
	if (self->held >= 0)
		EXPECT_EQ(self->held, held);
	if (judged)
		EXPECT_GT(avail, floor);
}

/* --- munmap + mmap(MAP_FIXED) with new content ---------------------- */

/*
 * Each round: a new memfd holding the next generation; the region is
 * unmapped (the guest faults with EFAULT meanwhile and RUN is repeated),
 * then the memfd mapped at the same address.  The old memfd is closed,
 * so a stage-2 entry left on one of its pages would show freed memory.
 */
static void op_remap(struct op *o)
{
	struct vm *v = o->v;
	uint64_t gen = atomic_load(&o->started) + 1;
	char *tmp;
	int fd;

	o->what = "munmap + mmap(MAP_FIXED)";
	fd = memfd_create("avcpu-hostmm", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, v->size))
		return op_fail(o, "memfd");
	tmp = mmap(NULL, v->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (tmp == MAP_FAILED) {
		close(fd);
		return op_fail(o, "mmap memfd");
	}
	fill(tmp, 0, v->size, gen);
	munmap(tmp, v->size);
	atomic_store(&o->started, gen);
	if (munmap(v->mem, v->size)) {
		close(fd);
		return op_fail(o, "munmap");
	}
	usleep(2000);
	if (mmap(v->mem, v->size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, fd, 0) != v->mem)
		op_fail(o, "mmap(MAP_FIXED)");
	close(fd);
	atomic_store(&o->done, gen);
}

TEST_F_TIMEOUT(hostmm, munmap_mmap_fixed_new_content, 60)
{
	struct op o = { .fn = op_remap, .usecs = 20000 };
	struct vm v = { 0 };

	ASSERT_EQ(0, region_map(&v, SZ_2M, page_size(), -1));
	VM_CREATE(&v, variant->kvm);
	run_replacing(_metadata, &v, &o, false, variant->secs, 10, 15);
	/* The unmapped windows were seen as memory faults. */
	ASSERT_LT(0, v.faults);
	vm_destroy(&v);
}

/* --- MADV_DONTNEED -------------------------------------------------- */

/*
 * Private anonymous memory: after MADV_DONTNEED the guest reads zeros
 * (the zero page) until the VMM writes the next generation, which it
 * must then see (the zero page's stage-2 entry replaced on the VMM's
 * copy-on-write).
 */
static void op_dontneed(struct op *o)
{
	struct vm *v = o->v;
	uint64_t gen = atomic_load(&o->started) + 1;

	o->what = "MADV_DONTNEED";
	atomic_store(&o->started, gen);
	if (madvise(v->mem, v->size, MADV_DONTNEED))
		return op_fail(o, "MADV_DONTNEED");
	usleep(2000);
	fill(v->mem, 0, v->size, gen);
	atomic_store(&o->done, gen);
}

TEST_F_TIMEOUT(hostmm, madv_dontneed_zeroes_then_new_content, 60)
{
	struct op o = { .fn = op_dontneed, .usecs = 20000 };
	struct vm v = { 0 };

	ASSERT_EQ(0, region_map(&v, SZ_2M, page_size(), MADV_NOHUGEPAGE));
	VM_CREATE(&v, variant->kvm);
	run_replacing(_metadata, &v, &o, true, variant->secs, 10, 15);
	vm_destroy(&v);
}

/* --- mprotect read-only and back ------------------------------------ */

static void op_mprotect(struct op *o)
{
	struct vm *v = o->v;

	o->what = "mprotect";
	if (mprotect(v->mem, v->size, PROT_READ))
		return op_fail(o, "mprotect(PROT_READ)");
	usleep(10000);
	if (mprotect(v->mem, v->size, PROT_READ | PROT_WRITE))
		op_fail(o, "mprotect(PROT_READ | PROT_WRITE)");
}

/*
 * The guest stores all the time: its writes while the region is
 * read-only come back as RUN -1/EFAULT with the page's IPA, and land
 * once RUN is repeated after the VMM made the region writable again.
 */
TEST_F_TIMEOUT(hostmm, mprotect_readonly_write_faults_then_lands, 60)
{
	struct op o = { .fn = op_mprotect, .usecs = 10000 };
	struct vm v = { 0 };

	ASSERT_EQ(0, region_map(&v, SZ_2M, page_size(), -1));
	VM_CREATE(&v, variant->kvm);
	ASSERT_NE(0, run_preserving(_metadata, &v, &o, variant->secs, 10, 15));
	ASSERT_LT(0, v.faults);
	vm_destroy(&v);
}

/* --- THP split and collapse ----------------------------------------- */

/*
 * Each round splits the huge pages' PMD mappings (MADV_NOHUGEPAGE on a
 * part of each: the VMA split cuts the PMD; mprotect of a part), then
 * collapses the range again with MADV_COLLAPSE, which copies into a new
 * huge page.  aux[0]: collapses done, aux[1]: collapse unsupported
 * (errno), aux[2]: the last transient failure's errno.
 */
static void op_thp(struct op *o)
{
	struct vm *v = o->v;
	size_t huge = thp_size(), part = 16 * page_size(), off;

	o->what = "THP split/collapse";
	for (off = 0; off < v->size; off += huge) {
		char *p = v->mem + off + huge / 2;

		if (madvise(p, part, MADV_NOHUGEPAGE))
			return op_fail(o, "MADV_NOHUGEPAGE");
		if (madvise(p, part, MADV_HUGEPAGE))
			return op_fail(o, "MADV_HUGEPAGE");
		if (mprotect(p + part, part, PROT_READ))
			return op_fail(o, "mprotect(PROT_READ)");
		if (mprotect(p + part, part, PROT_READ | PROT_WRITE))
			return op_fail(o, "mprotect(PROT_READ | PROT_WRITE)");
	}
	if (o->aux[1])
		return;
	if (!madvise(v->mem, v->size, MADV_COLLAPSE)) {
		o->aux[0]++;
	} else if (errno == EINVAL || errno == ENOSYS) {
		o->aux[1] = errno;
	} else if (errno != EAGAIN && errno != ENOMEM) {
		op_fail(o, "MADV_COLLAPSE");
	} else {
		o->aux[2] = errno;
	}
}

TEST_F_TIMEOUT(hostmm, thp_split_and_collapse, 60)
{
	size_t huge = thp_size(), size = huge > SZ_2M ? huge : 2 * huge;
	struct op o = { .fn = op_thp, .usecs = 20000 };
	struct vm v = { 0 };
	struct pass p;
	long kb0, kb1;
	uint64_t gen;
	int i;

	if (access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK))
		SKIP(return, "no transparent huge pages in this kernel");
	ASSERT_EQ(0, region_map(&v, size, huge, MADV_HUGEPAGE));
	kb0 = anon_huge_kb(v.mem);
	TH_LOG("region %zu KiB, %ld kB AnonHugePages", size >> 10, kb0);
	if (kb0 <= 0)
		SKIP(vm_destroy(&v); return,
		     "no huge page for the region (THP off or memory fragmented)");
	VM_CREATE(&v, variant->kvm);
	gen = run_preserving(_metadata, &v, &o, variant->secs, 5, 20);
	ASSERT_NE(0, gen);
	/*
	 * With two CPUs the last collapse may have lost a race with the
	 * guest's faults (EAGAIN): collapse again now that it is quiet, and
	 * have the guest read the collapsed copy.  A page the hypervisor
	 * kept a reference to would still fail every time.
	 */
	for (i = 0; i < 5 && !o.aux[1] &&
	     anon_huge_kb(v.mem) < (long)(size >> 10); i++)
		if (!madvise(v.mem, size, MADV_COLLAPSE))
			o.aux[0]++;
	ASSERT_EQ(0, guest_pass(&v, 0, size, gen, gen, 0, false, &p));
	ASSERT_PASS(p);
	kb1 = anon_huge_kb(v.mem);
	TH_LOG("%lu collapses (last failure: %s); %ld kB AnonHugePages after",
	       o.aux[0], o.aux[2] ? strerror(o.aux[2]) : "none", kb1);
	vm_destroy(&v);
	if (o.aux[1])
		SKIP(return, "MADV_COLLAPSE: %s (kernel without it): only splits tested",
		     strerror(o.aux[1]));
	ASSERT_LT(0, o.aux[0]);
	ASSERT_LT(0, kb1);
}

/* --- Page migration ------------------------------------------------- */

static int numa_nodes(void)
{
	char path[64];
	int n = 0;

	for (;;) {
		snprintf(path, sizeof(path),
			 "/sys/devices/system/node/node%d/meminfo", n);
		if (access(path, F_OK))
			return n;
		n++;
	}
}

static long move_pages(int count, void **pages, const int *nodes,
		       int *status, int flags)
{
	return syscall(__NR_move_pages, 0, count, pages, nodes, status,
		       flags);
}

/*
 * Each round: ask where the region's pages are, move every one to the
 * other node (MPOL_MF_MOVE), ask again.  aux[0]: pages that were on
 * the other node and are now on the target, aux[1]: pages that were on
 * the other node, aux[2]: pages the move left where they were (its
 * return value), aux[3]: pages it reported an error for.
 */
static void op_migrate(struct op *o)
{
	struct vm *v = o->v;
	int n = v->size / page_size(), i, target = o->rounds & 1 ? 0 : 1;
	void **pages = calloc(n, sizeof(*pages));
	int *nodes = calloc(n, sizeof(*nodes));
	int *before = calloc(n, sizeof(*before));
	int *status = calloc(n, sizeof(*status));
	long ret;

	o->what = "move_pages";
	if (!pages || !nodes || !before || !status) {
		op_fail(o, "calloc");
		goto out;
	}
	for (i = 0; i < n; i++) {
		pages[i] = v->mem + (size_t)i * page_size();
		nodes[i] = target;
	}
	if (move_pages(n, pages, NULL, before, 0) < 0) {
		op_fail(o, "move_pages (query)");
		goto out;
	}
	ret = move_pages(n, pages, nodes, status, MPOL_MF_MOVE);
	if (ret < 0) {
		op_fail(o, "move_pages");
		goto out;
	}
	o->aux[2] += ret;
	for (i = 0; i < n; i++)
		o->aux[3] += status[i] < 0;
	if (move_pages(n, pages, NULL, status, 0) < 0) {
		op_fail(o, "move_pages (query)");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (before[i] < 0 || before[i] == target)
			continue;
		o->aux[1]++;
		o->aux[0] += status[i] == target;
	}
out:
	free(pages);
	free(nodes);
	free(before);
	free(status);
}

/* Physical frame of the VMM's page at @p (/proc/self/pagemap), or 0. */
static uint64_t pfn_of(const void *p)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (pread(fd, &e, 8, (uintptr_t)p / page_size() * 8) != 8)
		e = 0;
	close(fd);
	return e >> 63 ? e & ((1ULL << 55) - 1) : 0;
}

/*
 * One node: the kernel's compaction trigger instead.  aux[0]: region
 * pages whose frame changed in a round, aux[1]: pages looked at.
 */
static void op_compact(struct op *o)
{
	struct vm *v = o->v;
	size_t n = v->size / page_size(), i;
	uint64_t *pfn = calloc(n, sizeof(*pfn));

	o->what = "compact_memory";
	if (!pfn)
		return op_fail(o, "calloc");
	for (i = 0; i < n; i++)
		pfn[i] = pfn_of(v->mem + i * page_size());
	if (write_str("/proc/sys/vm/compact_memory", "1"))
		op_fail(o, "compact_memory");
	for (i = 0; i < n; i++)
		o->aux[0] += pfn[i] && pfn[i] != pfn_of(v->mem + i * page_size());
	o->aux[1] += n;
	free(pfn);
}

/*
 * The VMM's pages move under the running guest (MPOL_MF_MOVE between
 * nodes 0 and 1, or compaction on a one-node lab) while the guest
 * stores; each move must unmap stage 2 so the guest follows the page.
 */
TEST_F_TIMEOUT(hostmm, page_migration, 60)
{
	struct op o = { .usecs = 20000 };
	struct vm v = { 0 };
	long mig0 = proc_value("/proc/vmstat", "pgmigrate_success"), mig1;
	long fail0 = proc_value("/proc/vmstat", "pgmigrate_fail"), fail1;
	int nodes = numa_nodes();

	o.fn = nodes >= 2 ? op_migrate : op_compact;
	TH_LOG("%d NUMA node(s): %s", nodes,
	       nodes >= 2 ? "move_pages between nodes 0 and 1" :
	       "one node, compaction (/proc/sys/vm/compact_memory)");
	if (nodes < 2 && access("/proc/sys/vm/compact_memory", F_OK))
		SKIP(return, "one NUMA node and no compaction (CONFIG_COMPACTION)");
	ASSERT_EQ(0, region_map(&v, SZ_2M, page_size(), MADV_NOHUGEPAGE));
	VM_CREATE(&v, variant->kvm);
	ASSERT_NE(0, run_preserving(_metadata, &v, &o, variant->secs, 4, 20));
	mig1 = proc_value("/proc/vmstat", "pgmigrate_success");
	fail1 = proc_value("/proc/vmstat", "pgmigrate_fail");
	TH_LOG("%lu of %lu pages %s; pgmigrate_success %ld -> %ld", o.aux[0],
	       o.aux[1], nodes >= 2 ? "moved to the other node" :
	       "at a new frame after a compaction", mig0, mig1);
	if (nodes >= 2)
		TH_LOG("move_pages: %lu pages left behind, %lu errors; pgmigrate_fail %ld -> %ld",
		       o.aux[2], o.aux[3], fail0, fail1);
	vm_destroy(&v);
	/*
	 * Between nodes the pages must really move: all of them on KVM,
	 * and a page stays behind only when someone holds a reference at
	 * that moment (a vCPU faulting it in), so most of them; pinned
	 * pages never move.  Compaction
	 * moves only what lies below its scanners' meeting point, and
	 * nothing once memory is compact (a run after another compaction
	 * moved none of the region's pages, on KVM as well): there only
	 * the guest's view is checked.
	 */
	if (nodes >= 2) {
		ASSERT_LT(0, o.aux[1]);
		ASSERT_LE(o.aux[1] / 2, o.aux[0]);
	}
}

/* --- Swap: zram and a memory cgroup --------------------------------- */

static int load_kmod(const char *name, const char *params)
{
	char path[128];
	int fd, ret;

	snprintf(path, sizeof(path), LAB_KMODS "%s.ko", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(__NR_finit_module, fd, params, 0);
	ret = ret && errno != EEXIST ? -errno : 0;
	close(fd);
	return ret;
}

/*
 * /dev/zram0 of @mb MiB as swap.  Returns 0, or a reason for skipping
 * in @why.
 */
static int zram_swap_on(long mb, char *why, size_t n)
{
	size_t pg = page_size();
	char *hdr;
	int fd, ret;

	if (access("/sys/block/zram0", F_OK)) {
		/*
		 * The lab's initramfs carries zram.ko and what it needs
		 * where the kernel has them as modules, with their order.
		 */
		FILE *f = fopen(LAB_KMODS "load-order", "r");
		char name[64];

		ret = -ENOENT;
		while (f && fscanf(f, "%63s", name) == 1)
			ret = load_kmod(name, strcmp(name, "zram") ? "" :
					"num_devices=1");
		if (f)
			fclose(f);
		if (access("/sys/block/zram0", F_OK)) {
			snprintf(why, n, "no zram (CONFIG_ZRAM; loading " LAB_KMODS "zram.ko: %s)",
				 strerror(-ret));
			return -1;
		}
	}
	swapoff("/dev/zram0");
	write_str("/sys/block/zram0/reset", "1");
	if (write_long("/sys/block/zram0/disksize", mb << 20)) {
		snprintf(why, n, "zram0: cannot set disksize: %s", strerror(errno));
		return -1;
	}
	fd = open("/dev/zram0", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, n, "/dev/zram0: %s", strerror(errno));
		return -1;
	}
	/* The swap header: version 1, last page, no bad pages, magic. */
	hdr = calloc(1, pg);
	*(uint32_t *)(hdr + 1024) = 1;
	*(uint32_t *)(hdr + 1028) = (mb << 20) / pg - 1;
	memcpy(hdr + pg - 10, "SWAPSPACE2", 10);
	ret = pwrite(fd, hdr, pg, 0) == (ssize_t)pg ? 0 : -1;
	free(hdr);
	close(fd);
	if (ret || swapon("/dev/zram0", 0)) {
		snprintf(why, n, "swapon /dev/zram0: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void zram_swap_off(void)
{
	swapoff("/dev/zram0");
	write_str("/sys/block/zram0/reset", "1");
}

/* This process into a new memory cgroup limited to @max bytes. */
static int cgroup_enter(long max, char *why, size_t n)
{
	char pid[32];

	if (access(CGROUP "/cgroup.controllers", F_OK) &&
	    mount("cgroup2", CGROUP, "cgroup2", 0, NULL)) {
		snprintf(why, n, "mount cgroup2 on " CGROUP ": %s", strerror(errno));
		return -1;
	}
	if (write_str(CGROUP "/cgroup.subtree_control", "+memory")) {
		snprintf(why, n, "no memory controller (CONFIG_MEMCG): %s",
			 strerror(errno));
		return -1;
	}
	rmdir(CG_TEST);
	if (mkdir(CG_TEST, 0755) || write_long(CG_TEST "/memory.max", max)) {
		snprintf(why, n, CG_TEST ": %s", strerror(errno));
		return -1;
	}
	snprintf(pid, sizeof(pid), "%d", getpid());
	if (write_str(CG_TEST "/cgroup.procs", pid)) {
		snprintf(why, n, CG_TEST "/cgroup.procs: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void cgroup_leave(void)
{
	char pid[32];

	snprintf(pid, sizeof(pid), "%d", getpid());
	write_str(CGROUP "/cgroup.procs", pid);
	rmdir(CG_TEST);
}

/* The other thread pushes the region out too (MADV_PAGEOUT). */
static void op_pageout(struct op *o)
{
	struct vm *v = o->v;

	o->what = "MADV_PAGEOUT";
	if (madvise(v->mem, v->size, MADV_PAGEOUT) && errno != EINVAL)
		op_fail(o, "MADV_PAGEOUT");
}

/*
 * The guest's working set (16 MiB) is larger than its memory cgroup
 * (8 MiB): every pass swaps the region out to zram and back in.  Guest
 * stores must survive the round trip, and the VMM must read them too.
 */
/* Two passes of up to 25 s each on debug-pnmi (zram under KASAN). */
TEST_F_TIMEOUT(hostmm, swap_out_under_memcg_limit, 180)
{
	const size_t size = 16 * SZ_1M;
	struct op o = { .fn = op_pageout, .usecs = 50000 };
	long out0, in0, out1, in1, sfree;
	struct vm v = { 0 };
	char why[160];

	if (variant->kvm && access("/dev/kvm", F_OK))
		SKIP(return, "no KVM on this host (/dev/kvm)");
	/*
	 * The removed memory cgroup lingers with what it charged (some
	 * 20 MiB on vhe-smp2, until a later cgroup's reclaim): only
	 * pages_held tells a leak here.
	 */
	self->avail_noisy = true;
	if (zram_swap_on(64, why, sizeof(why)))
		SKIP(return, "%s", why);
	if (cgroup_enter(8 * SZ_1M, why, sizeof(why))) {
		cgroup_leave();
		zram_swap_off();
		SKIP(return, "%s", why);
	}
	out0 = proc_value("/proc/vmstat", "pswpout");
	in0 = proc_value("/proc/vmstat", "pswpin");
	ASSERT_EQ(0, region_map(&v, size, page_size(), MADV_NOHUGEPAGE));
	VM_CREATE(&v, variant->kvm);
	ASSERT_NE(0, run_preserving(_metadata, &v, &o, variant->secs, 2, 40));
	out1 = proc_value("/proc/vmstat", "pswpout");
	in1 = proc_value("/proc/vmstat", "pswpin");
	sfree = proc_value("/proc/meminfo", "SwapFree");
	TH_LOG("pswpout %ld -> %ld, pswpin %ld -> %ld, SwapFree %ld kB", out0,
	       out1, in0, in1, sfree);
	vm_destroy(&v);
	cgroup_leave();
	zram_swap_off();
	/* The region went out and came back in, at least once over. */
	ASSERT_LE((long)(size / page_size()), out1 - out0);
	ASSERT_LE((long)(size / page_size() / 2), in1 - in0);
}

/* --- Pinned slots keep their pages ---------------------------------- */

/*
 * AVCPU_MEM_PINNED: the guest keeps the pages pinned at registration
 * whatever the VMM then does to its mapping: after munmap + mmap of new
 * content, MADV_DONTNEED and mprotect read-only it still reads and
 * writes them, without a memory fault.  (avcpu only: KVM pins nothing.)
 */
TEST_F_TIMEOUT(hostmm, pinned_slot_keeps_its_pages, 30)
{
	struct vm v = { .flags = AVCPU_MEM_PINNED };
	struct pass p;

	if (variant->kvm)
		SKIP(return, "KVM has no pinned slots");
	ASSERT_EQ(0, region_map(&v, SZ_2M, page_size(), MADV_NOHUGEPAGE));
	VM_CREATE(&v, false);
	ASSERT_EQ(0, guest_pass(&v, 0, v.size, 1, 1, 2, false, &p));
	ASSERT_PASS(p);
	ASSERT_VMM_VIEW(&v, 2);

	/* New content at the same address: the guest keeps the old pages. */
	ASSERT_EQ(0, munmap(v.mem, v.size));
	ASSERT_EQ(v.mem, mmap(v.mem, v.size, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	fill(v.mem, 0, v.size, 5);
	ASSERT_EQ(0, guest_pass(&v, 0, v.size, 2, 2, 3, false, &p));
	ASSERT_PASS(p);
	ASSERT_VMM_VIEW(&v, 5);
	ASSERT_EQ(0, madvise(v.mem, v.size, MADV_DONTNEED));
	ASSERT_EQ(0, mprotect(v.mem, v.size, PROT_READ));
	ASSERT_EQ(0, guest_pass(&v, 0, v.size, 3, 3, 4, false, &p));
	ASSERT_PASS(p);
	ASSERT_EQ(0, guest_pass(&v, 0, v.size, 4, 4, 0, false, &p));
	ASSERT_PASS(p);
	ASSERT_EQ(0, v.faults);
	vm_destroy(&v);
}

/* --- KSM ------------------------------------------------------------ */

struct ksm_saved {
	long run, pages_to_scan, sleep_millisecs;
};

static long ksm_get(const char *name)
{
	char path[96];
	long v = -1;

	snprintf(path, sizeof(path), KSM "%s", name);
	read_long(path, &v);
	return v;
}

static int ksm_set(const char *name, long v)
{
	char path[96];

	snprintf(path, sizeof(path), KSM "%s", name);
	return write_long(path, v);
}

/*
 * Two VMs whose regions hold the same content (same IPAs, same
 * generation), with stage 2 mapping every page, become MADV_MERGEABLE;
 * ksmd must merge them while the guests keep reading.  Then guest A
 * stores a new generation into some pages: A sees it, B still sees the
 * old content, and both VMMs' mappings agree with their guests.
 */
TEST_F_TIMEOUT(hostmm, ksm_merge_then_guest_write_unmerges, 90)
{
	const size_t size = SZ_1M, part = 16 * page_size();
	const long npages = size / page_size();
	struct vm a = { 0 }, b = { 0 };
	struct ksm_saved saved;
	long sharing = 0;
	struct pass p;
	double t0;

	if (access(KSM "run", F_OK))
		SKIP(return, "no KSM (CONFIG_KSM)");
	saved.run = ksm_get("run");
	saved.pages_to_scan = ksm_get("pages_to_scan");
	saved.sleep_millisecs = ksm_get("sleep_millisecs");
	ASSERT_EQ(0, region_map(&a, size, page_size(), MADV_NOHUGEPAGE));
	ASSERT_EQ(0, region_map(&b, size, page_size(), MADV_NOHUGEPAGE));
	VM_CREATE(&a, variant->kvm);
	VM_CREATE(&b, variant->kvm);
	/* Stage 2 maps every page, writable: both guests store gen 2. */
	ASSERT_EQ(0, guest_pass(&a, 0, size, 1, 1, 2, false, &p));
	ASSERT_PASS(p);
	ASSERT_EQ(0, guest_pass(&b, 0, size, 1, 1, 2, false, &p));
	ASSERT_PASS(p);
	ASSERT_EQ(0, madvise(a.mem, size, MADV_MERGEABLE));
	ASSERT_EQ(0, madvise(b.mem, size, MADV_MERGEABLE));
	ASSERT_EQ(0, ksm_set("pages_to_scan", 4096));
	ASSERT_EQ(0, ksm_set("sleep_millisecs", 10));
	ASSERT_EQ(0, ksm_set("run", 1));
	t0 = now_s();
	while (now_s() - t0 < 15) {
		ASSERT_EQ(0, guest_pass(&a, 0, size, 2, 2, 0, false, &p));
		ASSERT_PASS(p);
		ASSERT_EQ(0, guest_pass(&b, 0, size, 2, 2, 0, false, &p));
		ASSERT_PASS(p);
		sharing = ksm_get("pages_sharing");
		if (sharing >= npages * 3 / 4)
			break;
		usleep(100000);
	}
	TH_LOG("pages_sharing %ld, pages_shared %ld of %ld pages after %.1f s",
	       sharing, ksm_get("pages_shared"), npages, now_s() - t0);
	ksm_set("run", saved.run);
	ASSERT_LE(npages * 3 / 4, sharing);

	/* A's guest writes generation 3 to the first pages. */
	ASSERT_EQ(0, guest_pass(&a, 0, part, 2, 2, 3, false, &p));
	ASSERT_PASS(p);
	ASSERT_EQ(0, guest_pass(&a, 0, part, 3, 3, 0, false, &p));
	ASSERT_PASS(p);
	ASSERT_EQ(0, guest_pass(&a, part, size - part, 2, 2, 0, false, &p));
	ASSERT_PASS(p);
	ASSERT_EQ(0, guest_pass(&b, 0, size, 2, 2, 0, false, &p));
	ASSERT_PASS(p);
	ASSERT_EQ(0, vmm_check(a.mem, 0, part, 3, NULL));
	ASSERT_EQ(0, vmm_check(a.mem, part, size - part, 2, NULL));
	ASSERT_EQ(0, vmm_check(b.mem, 0, size, 2, NULL));
	/* And the VMM's write to a merged page of B reaches B's guest. */
	fill(b.mem, size - part, part, 4);
	ASSERT_EQ(0, guest_pass(&b, size - part, part, 4, 4, 0, false, &p));
	ASSERT_PASS(p);
	ASSERT_EQ(0, guest_pass(&a, size - part, part, 2, 2, 0, false, &p));
	ASSERT_PASS(p);
	/* ksmd is stopped: its counters lag behind the unmerging. */
	TH_LOG("pages_sharing %ld after the writes", ksm_get("pages_sharing"));
	vm_destroy(&a);
	vm_destroy(&b);
	ksm_set("pages_to_scan", saved.pages_to_scan);
	ksm_set("sleep_millisecs", saved.sleep_millisecs);
}

TEST_HARNESS_MAIN
