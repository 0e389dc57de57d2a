// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-bench: the same guest code on /dev/avcpu and on /dev/kvm, timed
 * with clock_gettime(CLOCK_MONOTONIC) around N iterations.
 *
 * Under QEMU with -icount shift=0,sleep=off one nanosecond of guest time
 * is one executed instruction, so every figure is an instruction count;
 * elsewhere it is wall-clock time.  Rows:
 *
 *   1 MMIO write exit to the VMM and re-entry
 *   2 MMIO read exit to the VMM (value returned) and re-entry
 *   3 PSCI_VERSION by hvc #0, answered in the kernel
 *   4 a hypercall that exits to the VMM (avcpu: hvc #1; KVM 6.1 has no
 *     such exit: PSCI SYSTEM_OFF, KVM_EXIT_SYSTEM_EVENT, then
 *     KVM_SET_MP_STATE(RUNNABLE) to go on)
 *   5 WFI woken by the IRQ line raised from another thread, until the
 *     guest's next exit is back in the VMM (5g: with the in-kernel
 *     GICv3, the interrupt an SPI raised by a write to an irqfd, and
 *     the guest acknowledging and ending it before it exits)
 *   6 vCPU creation to the guest's first instruction (6b: to its first
 *     exit back in the VMM)
 *   7 registering 256 MiB and the guest's first write to each page
 *     (7b: the same memory with MADV_NOHUGEPAGE)
 *   8 LDP then STP of two words on MMIO: ESR_EL2.ISV = 0, so avcpu
 *     emulates them from the instruction, four exits per iteration.
 *     KVM has no figure: its RUN fails with ENOSYS on such an access
 *     (checked, and said in the output).
 *   9 a stage-2 fault on a page the VMM's mapping already has, one per
 *     2 MiB window, 4 KiB host pages (9b: huge pages, a block each)
 *  10 a round of dirty logging: the guest writes 512 pages of a 64 MiB
 *     slot, the VMM gets and clears the log.  A hypervisor without
 *     dirty logging has no figure (said in the output).
 *  11 IPI round trip between two vCPUs, each on its own thread, with the
 *     in-kernel GICv3 (KVM's vgic-v3): vCPU 0 sends SGI 1 to vCPU 1 and
 *     waits in WFI; vCPU 1's handler answers with SGI 2.
 *  12 the lab's Linux guest booted by avcpu-run (--accel avcpu or kvm)
 *     on 1 vCPU, from avcpu-run's start to the kernel's "Run /init"
 *     (12b: 2 vCPUs); both with the in-kernel GICv3 when avcpu has one
 *     (AVCPU_FEAT_GICV3), else both with avcpu-run's GICv2
 *     (user-gicv2); same kernel, initramfs and command line.  The
 *     vCPUs' exit counters, from avcpu-run --stats (the stats fds), come
 *     as "# avcpu-bench: exits row=R hv=H NAME=VALUE" lines (rep 0).
 *     Needs /avcpu-run in the initramfs (make bench-initramfs).
 *
 * Rows 1-4, 7-11 report the mean over their iterations, rows 5 and 6
 * the median of per-iteration samples (a timer tick or deferred kernel
 * work would otherwise weigh on their few iterations).  Each result is
 * one line "# avcpu-bench: result row=R hv=H rep=N iters=I ns=X" for
 * tools/avcpu-bench/report, then a summary table.
 * With --count, each repetition of rows 1-4 runs --count-iters more
 * iterations between the marker instructions "hint #0x7e" (start) and
 * "hint #0x7f" (stop), which the lab's QEMU plugin (insn-count.c) uses
 * to count TLBI, DSB, ISB and MSR per window; rows 9-11 mark one
 * more round, and an empty one to subtract; rows 5 and 5g mark their
 * last wake-up, from the raiser's write to RUN's return (for
 * tools/avcpu-bench/tb-profile: the report's table leaves them out).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <linux/avcpu.h>
#include <linux/kvm.h>

#include "bench.h"

#define NR_ROWS		18
#define MAX_REPS	32
#define BIG_SIZE	(256ULL << 20)
#define HUGE_2M		(2ULL << 20)
#define FAULT_WINDOWS	32		/* row 9: 64 MiB, one fault per 2 MiB */
#define DIRTY_SLOT_SIZE	(64ULL << 20)	/* row 10 */
#define DIRTY_PAGES	512		/* DIRTY_SLOT_SIZE / DIRTY_STRIDE */
#define BOOT_VMM	"/avcpu-run/avcpu-run"	/* rows 12, 12b */
#define BOOT_KERNEL	"/avcpu-run/vmlinuz"
#define BOOT_INITRD	"/avcpu-run/linux-init.cpio"
#define BOOT_DONE	"Run /init"
#define BOOT_OUT_MAX	0x100000
#define BOOT_SECS	900		/* wall clock, icount boots included */

struct row {
	const char *id;		/* "1", "6b", ... */
	const char *what;
	unsigned int warmup;	/* untimed iterations first */
	unsigned int iters;	/* timed iterations per repetition */
	/* Runs one repetition; returns ns per iteration or < 0 (-errno). */
	double (*fn)(enum bench_hv hv, const struct row *r, unsigned int rep);
	int arg;
};

/* A row's function: this hypervisor has no figure (said on stdout). */
#define NO_FIGURE	(-1e9)

static unsigned int nr_reps = 3;
static double scale = 1.0;
static bool count_mode;
static unsigned int count_iters = 100;
static unsigned int window;
static char err_msg[256];

/* Results, NAN-free: a negative value is a failed repetition. */
static double results[NR_ROWS][HV_NR][MAX_REPS];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static uint64_t counter(void)
{
	uint64_t v;

	asm volatile("isb; mrs %0, cntvct_el0" : "=r" (v) : : "memory");
	return v;
}

static uint64_t counter_freq(void)
{
	uint64_t v;

	asm volatile("mrs %0, cntfrq_el0" : "=r" (v));
	return v;
}

/* The QEMU plugin's window markers: hints that execute as NOPs. */
static void marker_start(void)
{
	asm volatile("hint #0x7e" : : : "memory");
}

static void marker_stop(void)
{
	asm volatile("hint #0x7f" : : : "memory");
}

static unsigned int scaled(unsigned int n)
{
	double v = n * scale;

	return v < 1 ? 1 : (unsigned int)v;
}

static double fail(int err, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(err_msg, sizeof(err_msg), fmt, ap);
	va_end(ap);
	if (err && n > 0 && (size_t)n < sizeof(err_msg))
		snprintf(err_msg + n, sizeof(err_msg) - n, ": %s",
			 strerror(err));
	return err ? -err : -EIO;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of @n samples (sorts them). */
static double median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double bad_exit(const struct bexit *e, const char *want)
{
	return fail(0, "unexpected exit %u (kind %d, addr %#llx), wanted %s",
		    e->reason, e->kind, (unsigned long long)e->addr, want);
}

/* Guest RAM with the code blob, shared by every VM of a process. */
static void *guest_ram;

static int ram_init(void)
{
	guest_ram = mmap(NULL, GUEST_RAM_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (guest_ram == MAP_FAILED)
		return -errno;
	memcpy((char *)guest_ram + GUEST_CODE_OFFSET, bench_guest_start,
	       bench_guest_end - bench_guest_start);
	return 0;
}

/* A VM with the code slot and a vCPU entering at program @entry. */
static int guest_setup(struct bvm *b, enum bench_hv hv, uint64_t entry)
{
	int err;

	err = bvm_create(b, hv);
	if (err)
		return err;
	err = bvm_set_mem(b, 0, GUEST_RAM_BASE, guest_ram, GUEST_RAM_SIZE);
	if (!err)
		err = bvm_create_vcpu(b, GUEST_RAM_BASE + GUEST_CODE_OFFSET +
				      entry);
	if (err)
		bvm_destroy(b);
	return err;
}

/*
 * Row 5g: the guest of G_WFI_GIC with an in-kernel GICv3 and an eventfd
 * bound to its SPI in *@efd.
 */
static int gic_guest_setup(struct bvm *b, enum bench_hv hv, int *efd)
{
	int err;

	err = bvm_create(b, hv);
	if (err)
		return err;
	err = bvm_set_mem(b, 0, GUEST_RAM_BASE, guest_ram, GUEST_RAM_SIZE);
	if (!err)
		err = bvm_create_vcpu(b, GUEST_RAM_BASE + GUEST_CODE_OFFSET +
				      G_WFI_GIC);
	if (!err)
		err = bvm_create_gic(b, 1);
	if (!err) {
		*efd = eventfd(0, EFD_CLOEXEC);
		err = *efd < 0 ? -errno : bvm_irqfd(b, *efd);
	}
	if (err) {
		if (*efd >= 0)
			close(*efd);
		*efd = -1;
		bvm_destroy(b);
	}
	return err;
}

/* Run until the next MMIO exit at GUEST_MMIO of the given direction. */
static int run_mmio(struct bvm *b, struct bexit *e, bool is_write)
{
	int err = bvm_run(b, e);

	if (err)
		return err;
	if (e->kind != BEXIT_MMIO || e->addr != GUEST_MMIO ||
	    e->is_write != is_write)
		return -EPROTO;
	return 0;
}

static double run_err(int err, struct bexit *e, const char *want)
{
	if (err == -EPROTO)
		return bad_exit(e, want);
	return fail(-err, "RUN");
}

/* One iteration of rows 1, 2, 4 and 8: the guest's next exits (r->arg). */
typedef int (*iteration_fn)(struct bvm *b, struct bexit *e, unsigned int i,
			    int arg);

/*
 * Rows 1, 2, 4 and 8: r->warmup untimed iterations of @fn, then
 * scaled(r->iters) timed ones, and with --count and @windowed a window of
 * count_iters more between the plugin's markers.  Returns ns per timed
 * iteration, or @fn's first error (< 0).  Always inlined, so that each
 * row's loops call their iteration directly: the icount figures count
 * the VMM's loop too.
 */
static __always_inline double
timed_iterations(struct bvm *b, struct bexit *e, enum bench_hv hv,
		 const struct row *r, iteration_fn fn, bool windowed)
{
	unsigned int i, n = scaled(r->iters);
	int err, arg = r->arg;
	uint64_t t0, t1;

	for (i = 0; i < r->warmup; i++) {
		err = fn(b, e, i, arg);
		if (err)
			return err;
	}
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		err = fn(b, e, i, arg);
		if (err)
			return err;
	}
	t1 = now_ns();
	if (windowed && count_mode) {
		printf("# avcpu-bench: window %u row=%s hv=%s iters=%u\n",
		       window++, r->id, hv_name[hv], count_iters);
		fflush(stdout);
		marker_start();
		for (i = 0, err = 0; i < count_iters && !err; i++)
			err = fn(b, e, i, arg);
		marker_stop();
		if (err)
			return err;
	}
	return (double)(t1 - t0) / n;
}

/* Rows 1 and 2: the guest's next MMIO access (a write if @is_write). */
static int mmio_iteration(struct bvm *b, struct bexit *e, unsigned int i,
			  int is_write)
{
	int err = run_mmio(b, e, is_write);

	bvm_mmio_set(b, i);
	return err;
}

/* Rows 1 and 2: the guest loops on one MMIO access. */
static double row_mmio(enum bench_hv hv, const struct row *r,
		       unsigned int rep)
{
	bool is_write = r->arg;
	struct bvm b;
	struct bexit e;
	double ns;
	int err;

	err = guest_setup(&b, hv, is_write ? G_MMIO_WRITE : G_MMIO_READ);
	if (err)
		return fail(-err, "guest setup");
	ns = timed_iterations(&b, &e, hv, r, mmio_iteration, true);
	bvm_destroy(&b);
	if (ns < 0)
		return run_err((int)ns, &e,
			       is_write ? "MMIO write" : "MMIO read");
	return ns;
}

/* Row 8: the next access of the LDP/STP loop, at GUEST_MMIO + @off. */
static int run_pair_access(struct bvm *b, struct bexit *e, bool is_write,
			   uint64_t off)
{
	int err = bvm_run(b, e);

	if (err)
		return err;
	if (e->kind != BEXIT_MMIO || e->addr != GUEST_MMIO + off ||
	    e->is_write != is_write)
		return -EPROTO;
	return 0;
}

/* One iteration of row 8: LDP (two reads), STP (two writes). */
static int pair_iteration(struct bvm *b, struct bexit *e, unsigned int i,
			  int arg)
{
	int err;

	err = run_pair_access(b, e, false, 0);
	if (!err) {
		bvm_mmio_set(b, i);
		err = run_pair_access(b, e, false, 8);
	}
	if (!err) {
		bvm_mmio_set(b, ~(uint64_t)i);
		err = run_pair_access(b, e, true, 0);
	}
	if (!err && bvm_mmio_get(b) != (uint64_t)i + 1)
		return -EPROTO;
	if (!err)
		err = run_pair_access(b, e, true, 8);
	if (!err && bvm_mmio_get(b) != ~(uint64_t)i)
		return -EPROTO;
	return err;
}

/* Row 8: LDP + STP on MMIO, emulated by avcpu (ISV = 0). */
static double row_mmio_pair(enum bench_hv hv, const struct row *r,
			    unsigned int rep)
{
	struct bvm b;
	struct bexit e;
	double ns;
	int err;

	err = guest_setup(&b, hv, G_MMIO_PAIR);
	if (err)
		return fail(-err, "guest setup");
	if (hv == HV_KVM) {
		/* KVM 6.1: RUN fails (ENOSYS) on an ISV=0 access. */
		err = bvm_run(&b, &e);
		bvm_destroy(&b);
		if (!err)
			return fail(0, "KVM_RUN on LDP to MMIO succeeded");
		if (!rep)
			printf("# avcpu-bench: kvm row %s: no figure, KVM_RUN on ISV=0: %s\n",
			       r->id, strerror(-err));
		return NO_FIGURE;
	}
	ns = timed_iterations(&b, &e, hv, r, pair_iteration, false);
	bvm_destroy(&b);
	if (ns < 0)
		return run_err((int)ns, &e, "LDP/STP access");
	return ns;
}

/*
 * Rows 3, 9, 10 and 11: the guest waits in its MMIO read of a count.
 * Give it @n and time the RUN until its MMIO write reports (between the
 * plugin's markers if @counted).  Returns ns, or -errno (-EPROTO: not
 * that exit); the report is then in the MMIO data.
 */
static double timed_count_run(struct bvm *b, struct bexit *e, uint64_t n,
			      bool counted)
{
	uint64_t t0, t1;
	int err;

	bvm_mmio_set(b, n);
	if (counted)
		marker_start();
	t0 = now_ns();
	err = run_mmio(b, e, true);
	t1 = now_ns();
	if (counted)
		marker_stop();
	return err ? err : (double)(t1 - t0);
}

/*
 * Rows 3 and 11: one RUN of a batch of @n operations, timed, whose report
 * @check() accepts (it returns 0 or fail()'s value), then the guest back
 * in its read of the next count.  Returns ns for the RUN, or < 0.
 */
static double timed_batch(struct bvm *b, unsigned int n, bool counted,
			  double (*check)(uint64_t report, unsigned int n))
{
	struct bexit e;
	double ns, bad;
	int err;

	ns = timed_count_run(b, &e, n, counted);
	if (ns < 0)
		return run_err((int)ns, &e, "MMIO write (report)");
	bad = check(bvm_mmio_get(b), n);
	if (bad < 0)
		return bad;
	err = run_mmio(b, &e, false);
	if (err)
		return run_err(err, &e, "MMIO read (count)");
	return ns;
}

/*
 * Rows 3 and 11: --count's windows, a batch of count_iters and an empty
 * one (row R's base) to subtract.  Returns 0 or -EIO.
 */
static int batch_windows(struct bvm *b, enum bench_hv hv, const struct row *r,
			 double (*check)(uint64_t report, unsigned int n))
{
	printf("# avcpu-bench: window %u row=%s hv=%s iters=%u\n",
	       window++, r->id, hv_name[hv], count_iters);
	printf("# avcpu-bench: window %u row=%s-base hv=%s iters=0\n",
	       window++, r->id, hv_name[hv]);
	fflush(stdout);
	if (timed_batch(b, count_iters, true, check) < 0 ||
	    timed_batch(b, 0, true, check) < 0)
		return -EIO;
	return 0;
}

/* Row 3: the guest's report after @calls PSCI_VERSION calls. */
static double psci_check(uint64_t report, unsigned int calls)
{
	if (calls && (report >> 16) != 1)
		return fail(0, "PSCI_VERSION answered %#llx",
			    (unsigned long long)report);
	return 0;
}

/*
 * Row 3: one RUN in which the guest makes @calls PSCI_VERSION calls; the
 * guest reads @calls by MMIO first and reports the answer by MMIO at the
 * end.  Returns ns for the RUN, or < 0.
 */
static double psci_batch(struct bvm *b, unsigned int calls)
{
	return timed_batch(b, calls, false, psci_check);
}

/* Row 3: (RUN with N calls - RUN with none) / N. */
static double row_psci(enum bench_hv hv, const struct row *r,
		       unsigned int rep)
{
	unsigned int n = scaled(r->iters);
	double full, empty = 0;
	struct bvm b;
	struct bexit e;
	int err;

	err = guest_setup(&b, hv, G_PSCI_VERSION);
	if (err)
		return fail(-err, "guest setup");
	err = run_mmio(&b, &e, false);
	if (err) {
		bvm_destroy(&b);
		return run_err(err, &e, "MMIO read (count)");
	}
	full = psci_batch(&b, r->warmup);
	if (full >= 0)
		full = psci_batch(&b, 0);
	if (full >= 0)
		empty = psci_batch(&b, 0);
	if (full >= 0 && empty >= 0)
		full = psci_batch(&b, n);
	if (full >= 0 && empty >= 0 && count_mode &&
	    batch_windows(&b, hv, r, psci_check))
		full = -EIO;
	bvm_destroy(&b);
	if (full < 0)
		return full;
	if (empty < 0)
		return empty;
	return (full - empty) / n;
}

/* Row 4: a hypercall that ends in the VMM, and back. */
static int hvc_exit_once(struct bvm *b, struct bexit *e, unsigned int i,
			 int arg)
{
	int err = bvm_run(b, e);

	if (err)
		return err;
	if (b->hv == HV_KVM) {
		if (e->kind != BEXIT_SYSTEM_EVENT ||
		    e->imm != KVM_SYSTEM_EVENT_SHUTDOWN)
			return -EPROTO;
		return bvm_resume(b);
	}
	if (e->kind != BEXIT_HVC || e->imm != 1)
		return -EPROTO;
	return 0;
}

static double row_hvc_exit(enum bench_hv hv, const struct row *r,
			   unsigned int rep)
{
	struct bvm b;
	struct bexit e;
	double ns;
	int err;

	err = guest_setup(&b, hv, hv == HV_KVM ? G_PSCI_OFF : G_HVC_EXIT);
	if (err)
		return fail(-err, "guest setup");
	ns = timed_iterations(&b, &e, hv, r, hvc_exit_once, true);
	bvm_destroy(&b);
	if (ns < 0)
		return run_err((int)ns, &e,
			       hv == HV_KVM ? "SYSTEM_EVENT" : "HYPERCALL");
	return ns;
}

/*
 * Row 5.  The vCPU thread (this one) runs the guest, which sleeps in
 * WFI; the raiser thread waits until the vCPU thread is asleep, takes
 * the time, raises the line and waits.  The vCPU thread takes the time
 * when the guest's MMIO write comes back, lowers the line and lets the
 * raiser go on.
 */
struct wfi_ctx {
	struct bvm *b;
	int efd;		/* 5g: the irqfd, else -1 */
	pid_t vcpu_tid;
	unsigned int total;
	uint32_t seq;		/* futex: wake-ups handled */
	int raised;
	uint64_t t0;
	int err;
};

static long futex(uint32_t *uaddr, int op, uint32_t val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

/* Whether @tid sleeps (state S), i.e. the guest is in WFI. */
static int thread_state(pid_t tid)
{
	char path[64], buf[256], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : -1;
}

static void *wfi_raiser(void *arg)
{
	struct wfi_ctx *c = arg;
	unsigned int i, spins;
	int err;

	for (i = 0; i < c->total; i++) {
		for (spins = 0; thread_state(c->vcpu_tid) != 'S'; spins++) {
			if (__atomic_load_n(&c->err, __ATOMIC_ACQUIRE))
				return NULL;
			if (spins > 100)
				usleep(100);
			else
				sched_yield();
		}
		__atomic_store_n(&c->raised, 1, __ATOMIC_RELEASE);
		/* --count: the last wake-up is a window (stopped by RUN's return). */
		if (count_mode && i + 1 == c->total)
			marker_start();
		c->t0 = now_ns();
		if (c->efd >= 0) {
			uint64_t one = 1;

			err = write(c->efd, &one, 8) == 8 ? 0 : -errno;
		} else {
			err = bvm_irq_line(c->b, 1);
		}
		if (err) {
			__atomic_store_n(&c->err, err, __ATOMIC_RELEASE);
			return NULL;
		}
		while (__atomic_load_n(&c->seq, __ATOMIC_ACQUIRE) == i &&
		       !__atomic_load_n(&c->err, __ATOMIC_ACQUIRE))
			futex(&c->seq, FUTEX_WAIT_PRIVATE, i);
		if (__atomic_load_n(&c->err, __ATOMIC_ACQUIRE))
			return NULL;
	}
	return NULL;
}

static double row_wfi(enum bench_hv hv, const struct row *r,
		      unsigned int rep)
{
	unsigned int n = scaled(r->iters), done = 0, spurious = 0;
	struct wfi_ctx c = { 0 };
	double *lat, ret;
	struct bvm b;
	struct bexit e;
	pthread_t th;
	uint64_t t1;
	int err;

	lat = calloc(n, sizeof(*lat));
	if (!lat)
		return fail(ENOMEM, "samples");
	c.efd = -1;
	if (r->arg)
		err = gic_guest_setup(&b, hv, &c.efd);
	else
		err = guest_setup(&b, hv, G_WFI);
	if (err) {
		free(lat);
		return fail(-err, "guest setup");
	}
	c.b = &b;
	c.vcpu_tid = syscall(SYS_gettid);
	c.total = r->warmup + n;
	err = pthread_create(&th, NULL, wfi_raiser, &c);
	if (err) {
		bvm_destroy(&b);
		free(lat);
		return fail(err, "pthread_create");
	}
	if (count_mode) {
		printf("# avcpu-bench: window %u row=%s hv=%s iters=1\n",
		       window++, r->id, hv_name[hv]);
		fflush(stdout);
	}
	while (done < c.total) {
		err = run_mmio(&b, &e, true);
		t1 = now_ns();
		if (count_mode && done + 1 == c.total)
			marker_stop();
		if (err)
			break;
		if (!__atomic_load_n(&c.raised, __ATOMIC_ACQUIRE)) {
			/* WFI is a hint: it may complete with nothing pending. */
			spurious++;
			continue;
		}
		if (done >= r->warmup)
			lat[done - r->warmup] = t1 - c.t0;
		c.raised = 0;
		/* An irqfd is an edge: nothing to lower. */
		err = c.efd >= 0 ? 0 : bvm_irq_line(&b, 0);
		if (err)
			break;
		__atomic_store_n(&c.seq, ++done, __ATOMIC_RELEASE);
		futex(&c.seq, FUTEX_WAKE_PRIVATE, 1);
	}
	if (err) {
		__atomic_store_n(&c.err, err, __ATOMIC_RELEASE);
		futex(&c.seq, FUTEX_WAKE_PRIVATE, 1);
	}
	pthread_join(th, NULL);
	if (!err && c.err)
		err = c.err;
	bvm_destroy(&b);
	if (c.efd >= 0)
		close(c.efd);
	if (err) {
		free(lat);
		return run_err(err, &e, "MMIO write after WFI");
	}
	if (spurious)
		printf("# avcpu-bench: row %s %s: %u spurious WFI wake-ups\n",
		       r->id, hv_name[hv], spurious);
	ret = median(lat, n);
	free(lat);
	return ret;
}

/*
 * Row 6: from AVCPU_CREATE_VCPU / KVM_CREATE_VCPU (the VM and its memory
 * exist) to the guest's first instruction, which reads the physical
 * counter: the host's and the guest's CNTPCT are the same clock in both
 * hypervisors (no offset on this CPU).  r->arg: 1 measures to the first
 * exit back in the VMM instead (6b).
 */
static double row_first_insn(enum bench_hv hv, const struct row *r,
			     unsigned int rep)
{
	unsigned int i, n = scaled(r->iters);
	uint64_t freq = counter_freq();
	struct bvm b;
	struct bexit e;
	uint64_t c0 = 0, t0, t1, g = 0;
	double *v, ret;
	int err;

	v = calloc(n, sizeof(*v));
	if (!v)
		return fail(ENOMEM, "samples");
	for (i = 0; i < r->warmup + n; i++) {
		err = bvm_create(&b, hv);
		if (!err)
			err = bvm_set_mem(&b, 0, GUEST_RAM_BASE, guest_ram,
					  GUEST_RAM_SIZE);
		if (err) {
			bvm_destroy(&b);
			free(v);
			return fail(-err, "VM setup");
		}
		t0 = now_ns();
		c0 = counter();
		err = bvm_create_vcpu(&b, GUEST_RAM_BASE + GUEST_CODE_OFFSET +
				      G_FIRST_INSN);
		if (!err)
			err = run_mmio(&b, &e, true);
		t1 = now_ns();
		g = err ? 0 : bvm_mmio_get(&b);
		bvm_destroy(&b);
		if (err || g < c0 || (g - c0) > freq)
			break;
		if (i >= r->warmup)
			v[i - r->warmup] = r->arg ? (double)(t1 - t0) :
				(double)(g - c0) * 1e9 / freq;
	}
	ret = i < r->warmup + n ? -1 : median(v, n);
	free(v);
	if (err)
		return run_err(err, &e, "MMIO write (counter)");
	if (ret < 0)
		return fail(0, "guest counter %#llx, host %#llx: not one clock",
			    (unsigned long long)g, (unsigned long long)c0);
	return ret;
}

/*
 * Rows 7, 7h, 9 and 10: @size bytes of fresh anonymous memory
 * (MAP_NORESERVE), 2 MiB aligned if @align (it then maps 2 MiB more).
 * Returns them, or NULL with errno set; big_unmap(@m) unmaps them.
 */
struct big_mem {
	char *map;		/* what mmap() returned */
	size_t len;		/* and its length */
};

static char *big_map(struct big_mem *m, size_t size, bool align)
{
	m->len = align ? size + HUGE_2M : size;
	m->map = mmap(NULL, m->len, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m->map == MAP_FAILED)
		return NULL;
	if (!align)
		return m->map;
	return (char *)(((uintptr_t)m->map + HUGE_2M - 1) & ~(HUGE_2M - 1));
}

static void big_unmap(struct big_mem *m)
{
	munmap(m->map, m->len);
}

/*
 * Row 7: AVCPU_SET_MEMORY_REGION / KVM_SET_USER_MEMORY_REGION of 256 MiB
 * of fresh anonymous memory (2 MiB aligned) until the guest has written
 * to every page of it.  r->arg: MADV_NOHUGEPAGE (7b).
 */
static double row_touch(enum bench_hv hv, const struct row *r,
			unsigned int rep)
{
	uint64_t t0, t_reg, t1;
	struct big_mem m;
	struct bvm b;
	struct bexit e;
	char *big;
	int err;

	big = big_map(&m, BIG_SIZE, true);
	if (!big)
		return fail(errno, "mmap 256 MiB");
	if (r->arg && madvise(big, BIG_SIZE, MADV_NOHUGEPAGE)) {
		big_unmap(&m);
		return fail(errno, "madvise");
	}
	err = guest_setup(&b, hv, G_TOUCH);
	if (err) {
		big_unmap(&m);
		return fail(-err, "guest setup");
	}
	err = run_mmio(&b, &e, true);		/* ready */
	if (err)
		goto out;
	/* --count: the touch is a window, per 2 MiB (tb-profile). */
	if (count_mode) {
		printf("# avcpu-bench: window %u row=%s hv=%s iters=%llu\n",
		       window++, r->id, hv_name[hv], BIG_SIZE >> 21);
		fflush(stdout);
	}
	t0 = now_ns();
	err = bvm_set_mem(&b, 1, GUEST_BIG_BASE, big, BIG_SIZE);
	if (err) {
		bvm_destroy(&b);
		big_unmap(&m);
		return fail(-err, "SET_MEMORY_REGION 256 MiB");
	}
	t_reg = now_ns();
	if (count_mode)
		marker_start();
	err = run_mmio(&b, &e, true);		/* done */
	if (count_mode)
		marker_stop();
	t1 = now_ns();
	/* Where the row's cost goes: registration, then the guest's touch. */
	printf("# avcpu-bench: row %s %s split: register %llu ns, touch %llu ns\n",
	       r->id, hv_name[hv], (unsigned long long)(t_reg - t0),
	       (unsigned long long)(t1 - t_reg));
	if (!err && bvm_mmio_get(&b) != GUEST_BIG_BASE + BIG_SIZE)
		err = -EPROTO;
out:
	bvm_destroy(&b);
	big_unmap(&m);
	if (err)
		return run_err(err, &e, "MMIO write (ready/done)");
	return t1 - t0;
}

/*
 * Rows 9 and 10.  The guest waits in its MMIO read of a count: give it
 * @n, run it until it reports, by an MMIO write, the address after its
 * last store (GUEST_BIG_BASE + @n * @stride).
 */
static int touch_batch(struct bvm *b, struct bexit *e, unsigned int n,
		       uint64_t stride)
{
	int err;

	bvm_mmio_set(b, n);
	err = run_mmio(b, e, true);
	if (!err && bvm_mmio_get(b) != GUEST_BIG_BASE + n * stride)
		err = -EPROTO;
	return err;
}

/* ... and back to its read of the next count. */
static int touch_rearm(struct bvm *b, struct bexit *e)
{
	return run_mmio(b, e, false);
}

/* One batch of no stores: the RUN round trip rows 9 and 10 subtract. */
static double touch_empty(struct bvm *b, struct bexit *e, bool counted)
{
	double ns = timed_count_run(b, e, 0, counted);
	int err = ns < 0 ? (int)ns : 0;

	if (!err && bvm_mmio_get(b) != GUEST_BIG_BASE)
		err = -EPROTO;
	if (!err)
		err = touch_rearm(b, e);
	return err ? err : ns;
}

/* Rows 9 and 10: the empty batch they subtract, the second of two. */
static double touch_empty_twice(struct bvm *b, struct bexit *e)
{
	double empty = touch_empty(b, e, false);

	return empty < 0 ? empty : touch_empty(b, e, false);
}

/* Rows 9 and 10, --count: their base window, an empty batch; 0 or -EIO. */
static int touch_empty_window(struct bvm *b, struct bexit *e,
			      enum bench_hv hv, const struct row *r)
{
	printf("# avcpu-bench: window %u row=%s-base hv=%s iters=0\n",
	       window++, r->id, hv_name[hv]);
	fflush(stdout);
	return touch_empty(b, e, true) < 0 ? -EIO : 0;
}

/*
 * Row 9: stage-2 faults on pages the host already has.  Slot 1 is
 * FAULT_WINDOWS windows of 2 MiB, written by the VMM before it is
 * registered; each round registers it, the guest writes one word at the
 * start of each window (FAULT_WINDOWS faults, none of which a fault-
 * around of the one before can have served), and the slot is deleted,
 * which takes it out of stage 2 for the next round (KVM: the memslot
 * deleted and added again).  Per fault: (round - empty round) /
 * FAULT_WINDOWS; registration and deletion are not timed.  r->arg 0:
 * MADV_NOHUGEPAGE, 4 KiB host pages (row 9); 1: transparent huge pages,
 * each window one (9b).
 */
static double row_fault(enum bench_hv hv, const struct row *r,
			unsigned int rep)
{
	size_t size = FAULT_WINDOWS * FAULT_STRIDE;
	unsigned int i, rounds = (scaled(r->iters) + FAULT_WINDOWS - 1) /
				 FAULT_WINDOWS;
	double sum = 0, empty = 0;
	uint64_t t0, t1;
	struct big_mem m;
	struct bvm b;
	struct bexit e;
	char *mem;
	int err;

	mem = big_map(&m, size, true);
	if (!mem)
		return fail(errno, "mmap");
	if (madvise(mem, size, r->arg ? MADV_HUGEPAGE : MADV_NOHUGEPAGE)) {
		big_unmap(&m);
		return fail(errno, "madvise");
	}
	memset(mem, 0x5a, size);
	err = guest_setup(&b, hv, G_FAULT);
	if (err) {
		big_unmap(&m);
		return fail(-err, "guest setup");
	}
	err = touch_rearm(&b, &e);
	for (i = 0; !err && i < r->warmup + rounds; i++) {
		err = bvm_set_mem(&b, 1, GUEST_BIG_BASE, mem, size);
		if (err) {
			bvm_destroy(&b);
			big_unmap(&m);
			return fail(-err, "SET_MEMORY_REGION");
		}
		t0 = now_ns();
		err = touch_batch(&b, &e, FAULT_WINDOWS, FAULT_STRIDE);
		t1 = now_ns();
		if (!err)
			err = touch_rearm(&b, &e);
		if (!err)
			err = bvm_set_mem(&b, 1, GUEST_BIG_BASE, mem, 0);
		if (i >= r->warmup)
			sum += t1 - t0;
	}
	if (!err) {
		empty = touch_empty_twice(&b, &e);
		if (empty < 0)
			err = empty;
	}
	if (!err && count_mode) {
		printf("# avcpu-bench: window %u row=%s hv=%s iters=%u\n",
		       window++, r->id, hv_name[hv], (unsigned int)FAULT_WINDOWS);
		fflush(stdout);
		err = bvm_set_mem(&b, 1, GUEST_BIG_BASE, mem, size);
		if (!err) {
			marker_start();
			err = touch_batch(&b, &e, FAULT_WINDOWS, FAULT_STRIDE);
			marker_stop();
		}
		if (!err)
			err = touch_rearm(&b, &e);
		if (!err)
			err = bvm_set_mem(&b, 1, GUEST_BIG_BASE, mem, 0);
		if (!err)
			err = touch_empty_window(&b, &e, hv, r);
	}
	bvm_destroy(&b);
	big_unmap(&m);
	if (err)
		return run_err(err, &e, "MMIO (count, report)");
	return (sum / rounds - empty) / FAULT_WINDOWS;
}

/* Row 10: whether @bitmap has exactly the DIRTY_PAGES the guest wrote. */
static bool dirty_log_right(const uint64_t *bitmap, uint64_t npages,
			    uint64_t page_size)
{
	uint64_t i, page, words = (npages + 63) / 64, want;

	for (i = 0; i < words; i++) {
		want = 0;
		for (page = i * 64; page < i * 64 + 64 && page < npages;
		     page++) {
			if (!(page * page_size % DIRTY_STRIDE) &&
			    page * page_size / DIRTY_STRIDE < DIRTY_PAGES)
				want |= 1ULL << (page % 64);
		}
		if (bitmap[i] != want)
			return false;
	}
	return true;
}

/*
 * Row 10: one round of dirty logging.  Slot 1, DIRTY_SLOT_SIZE written by
 * the VMM before it is registered with dirty logging; a round is the
 * guest writing one word in DIRTY_PAGES pages spread over the slot (one
 * write-protection fault each), then the VMM getting and clearing the
 * log (AVCPU_GET_DIRTY_LOG; KVM_GET_DIRTY_LOG, which re-protects what it
 * reports), which must show exactly those pages.  Per round: the RUN and
 * the GET, minus an empty RUN.  The warm-up rounds map the slot.
 */
static double row_dirty(enum bench_hv hv, const struct row *r,
			unsigned int rep)
{
	uint64_t page_size = getpagesize(), npages = DIRTY_SLOT_SIZE / page_size;
	unsigned int i, rounds = scaled(r->iters);
	uint64_t *bitmap, t0, t1;
	double sum = 0, empty = 0;
	struct big_mem m;
	struct bvm b;
	struct bexit e;
	char *mem;
	int err;

	bitmap = calloc((npages + 63) / 64, sizeof(*bitmap));
	if (!bitmap)
		return fail(ENOMEM, "bitmap");
	mem = big_map(&m, DIRTY_SLOT_SIZE, false);
	if (!mem) {
		free(bitmap);
		return fail(errno, "mmap");
	}
	memset(mem, 0x5a, DIRTY_SLOT_SIZE);
	err = guest_setup(&b, hv, G_DIRTY);
	if (err) {
		big_unmap(&m);
		free(bitmap);
		return fail(-err, "guest setup");
	}
	if (!bvm_has_dirty_log(&b)) {
		bvm_destroy(&b);
		big_unmap(&m);
		free(bitmap);
		if (!rep)
			printf("# avcpu-bench: %s row %s: no figure, %s\n",
			       hv_name[hv], r->id,
			       "no dirty logging (AVCPU_FEAT_DIRTY_LOG)");
		return NO_FIGURE;
	}
	err = bvm_set_mem_log(&b, 1, GUEST_BIG_BASE, mem, DIRTY_SLOT_SIZE,
			      true);
	if (err) {
		bvm_destroy(&b);
		big_unmap(&m);
		free(bitmap);
		return fail(-err, "SET_MEMORY_REGION with dirty logging");
	}
	err = touch_rearm(&b, &e);
	for (i = 0; !err && i < r->warmup + rounds; i++) {
		bool counted = count_mode && i == r->warmup + rounds - 1;

		if (counted) {
			printf("# avcpu-bench: window %u row=%s hv=%s iters=1\n",
			       window++, r->id, hv_name[hv]);
			fflush(stdout);
			marker_start();
		}
		t0 = now_ns();
		err = touch_batch(&b, &e, DIRTY_PAGES, DIRTY_STRIDE);
		if (!err) {
			err = bvm_get_dirty_log(&b, 1, bitmap, npages);
			if (err) {
				bvm_destroy(&b);
				big_unmap(&m);
				free(bitmap);
				return fail(-err, "GET_DIRTY_LOG");
			}
		}
		t1 = now_ns();
		if (counted)
			marker_stop();
		if (!err && !dirty_log_right(bitmap, npages, page_size)) {
			bvm_destroy(&b);
			big_unmap(&m);
			free(bitmap);
			return fail(0, "round %u: the dirty log is not the %u pages written",
				    i, DIRTY_PAGES);
		}
		if (!err)
			err = touch_rearm(&b, &e);
		if (i >= r->warmup)
			sum += t1 - t0;
	}
	if (!err) {
		empty = touch_empty_twice(&b, &e);
		if (empty < 0)
			err = empty;
	}
	if (!err && count_mode)
		err = touch_empty_window(&b, &e, hv, r);
	bvm_destroy(&b);
	big_unmap(&m);
	free(bitmap);
	if (err)
		return run_err(err, &e, "MMIO (count, report)");
	return sum / rounds - empty;
}

/*
 * Row 7h: the VMM alone writes one byte to every page of 256 MiB of fresh
 * anonymous memory (THP), no VM: what the host's own faults and page
 * zeroing cost, the part of row 7 no hypervisor can save.  The same on
 * both columns; measured in each for the comparison.
 */
static double row_host_touch(enum bench_hv hv, const struct row *r,
			     unsigned int rep)
{
	struct big_mem m;
	uint64_t t0, t1;
	size_t off;
	char *big;

	big = big_map(&m, BIG_SIZE, true);
	if (!big)
		return fail(errno, "mmap 256 MiB");
	t0 = now_ns();
	for (off = 0; off < BIG_SIZE; off += 4096)
		big[off] = 1;
	/* The stores happen before the clock is read again. */
	__asm__ __volatile__("" : : "r" (big) : "memory");
	t1 = now_ns();
	big_unmap(&m);
	return t1 - t0;
}

/*
 * Row 11: two vCPUs with the in-kernel GICv3 (KVM: its vgic-v3), each on
 * its own thread.  The responder (vCPU 1) runs on a thread of its own
 * until it is stopped; this thread runs vCPU 0, whose guest makes a
 * batch of SGI round trips in one RUN: (batch of N - batch of 0) / N.
 */
struct ipi_ctx {
	struct bvm *b;
	int ready;		/* vCPU 1's guest set its GIC up */
	int stop;
	int err;
};

static void ipi_signal(int sig)
{
}

static void *ipi_responder(void *arg)
{
	struct ipi_ctx *c = arg;
	struct bexit e;
	int err;

	for (;;) {
		err = bvm_run(c->b, &e);
		if (err == -EINTR) {
			if (__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE))
				return NULL;
			continue;
		}
		if (!err && e.kind == BEXIT_MMIO && e.is_write &&
		    e.addr == GUEST_MMIO) {
			__atomic_store_n(&c->ready, 1, __ATOMIC_RELEASE);
			continue;
		}
		__atomic_store_n(&c->err, err ? err : -EPROTO,
				 __ATOMIC_RELEASE);
		return NULL;
	}
}

/* Row 11: the guest's count of SGIs back must be @trips. */
static double ipi_check(uint64_t report, unsigned int trips)
{
	if (report != trips)
		return fail(0, "%llu round trips, wanted %u",
			    (unsigned long long)report, trips);
	return 0;
}

/* One RUN of vCPU 0 with @trips round trips; ns, or < 0. */
static double ipi_batch(struct bvm *b, unsigned int trips)
{
	return timed_batch(b, trips, false, ipi_check);
}

static double row_ipi(enum bench_hv hv, const struct row *r,
		      unsigned int rep)
{
	struct sigaction sa = { .sa_handler = ipi_signal };
	unsigned int n = scaled(r->iters), i;
	struct ipi_ctx c = { 0 };
	double full = -EIO, empty = -EIO;
	struct bvm b, b1;
	struct bexit e;
	pthread_t th;
	int err;

	err = guest_setup(&b, hv, G_IPI);
	if (err)
		return fail(-err, "guest setup");
	err = bvm_create_vcpu_id(&b, &b1, GUEST_RAM_BASE + GUEST_CODE_OFFSET +
				 G_IPI, 1);
	if (err) {
		bvm_destroy(&b);
		return fail(-err, "second vCPU");
	}
	err = bvm_create_gic(&b, 2);
	for (i = 0; i < 2 && !err; i++) {
		struct bvm *v = i ? &b1 : &b;

		err = bvm_set_x(v, 0, GUEST_GICR + i * GUEST_GICR_STRIDE);
		if (!err)
			err = bvm_set_x(v, 1, i);
	}
	if (err) {
		bvm_destroy_vcpu(&b1);
		bvm_destroy(&b);
		if (err == -ENODEV || err == -ENOTTY) {
			printf("# avcpu-bench: %s row %s: no figure, no in-kernel GICv3: %s\n",
			       hv_name[hv], r->id, strerror(-err));
			return NO_FIGURE;
		}
		return fail(-err, "in-kernel GIC");
	}
	sigaction(SIGUSR1, &sa, NULL);
	c.b = &b1;
	err = pthread_create(&th, NULL, ipi_responder, &c);
	if (err) {
		bvm_destroy_vcpu(&b1);
		bvm_destroy(&b);
		return fail(err, "pthread_create");
	}
	while (!__atomic_load_n(&c.ready, __ATOMIC_ACQUIRE) &&
	       !__atomic_load_n(&c.err, __ATOMIC_ACQUIRE))
		usleep(1000);
	err = __atomic_load_n(&c.err, __ATOMIC_ACQUIRE);
	if (!err)
		err = run_mmio(&b, &e, false);
	if (!err) {
		full = ipi_batch(&b, r->warmup);
		if (full >= 0)
			empty = ipi_batch(&b, 0);
		if (empty >= 0)
			full = ipi_batch(&b, n);
		if (full >= 0 && empty >= 0 && count_mode &&
		    batch_windows(&b, hv, r, ipi_check))
			full = -EIO;
	}
	__atomic_store_n(&c.stop, 1, __ATOMIC_RELEASE);
	bvm_immediate_exit(&b1, true);
	while (pthread_tryjoin_np(th, NULL)) {
		pthread_kill(th, SIGUSR1);
		usleep(1000);
	}
	bvm_destroy_vcpu(&b1);
	bvm_destroy(&b);
	if (err)
		return run_err(err, &e, "vCPU 1 ready, MMIO read (count)");
	if (full < 0)
		return full;
	if (empty < 0)
		return empty;
	return (full - empty) / n;
}

/* Rows 12, 12b: in-kernel GICv3 on both if avcpu has one. */
static const char *boot_irqchip(void)
{
	struct avcpu_caps caps = { 0 };
	int fd = open("/dev/avcpu", O_RDWR | O_CLOEXEC);
	bool v3;

	if (fd < 0)
		return "user-gicv2";
	v3 = !ioctl(fd, AVCPU_GET_CAPS, &caps) &&
	     (caps.features & AVCPU_FEAT_GICV3);
	close(fd);
	return v3 ? "gicv3" : "user-gicv2";
}

/* avcpu-run --stats's "avcpu-run: stats: NAME VALUE" lines, reprinted. */
static void boot_exits(const struct row *r, enum bench_hv hv, char *out)
{
	static const char tag[] = "avcpu-run: stats: ";
	char *p = out, *nl, name[64];
	unsigned long long v;

	while ((p = strstr(p, tag))) {
		p += sizeof(tag) - 1;
		nl = strchr(p, '\n');
		if (sscanf(p, "%63s %llu", name, &v) == 2)
			printf("# avcpu-bench: exits row=%s hv=%s %s=%llu\n",
			       r->id, hv_name[hv], name, v);
		if (!nl)
			break;
		p = nl;
	}
}

/*
 * Rows 12, 12b: avcpu-run boots the lab's kernel on @r->arg vCPUs; ns
 * from its start to the console's "Run /init", then it is stopped
 * (SIGTERM) and its --stats lines read.
 */
static double row_boot(enum bench_hv hv, const struct row *r,
		       unsigned int rep)
{
	const char *irqchip = boot_irqchip();
	uint64_t t0, t = 0, end;
	char cpus[8], *out;
	size_t len = 0;
	int fds[2], st;
	ssize_t n;
	pid_t pid;

	if (access(BOOT_VMM, X_OK) || access(BOOT_KERNEL, R_OK))
		return fail(errno, "%s or %s", BOOT_VMM, BOOT_KERNEL);
	if (!rep)
		printf("# avcpu-bench: row %s hv=%s: --irqchip=%s\n", r->id,
		       hv_name[hv], irqchip);
	out = calloc(1, BOOT_OUT_MAX + 1);
	if (!out || pipe2(fds, O_CLOEXEC)) {
		free(out);
		return fail(ENOMEM, "boot output");
	}
	snprintf(cpus, sizeof(cpus), "%d", r->arg);
	t0 = now_ns();
	pid = fork();
	if (!pid) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		execl(BOOT_VMM, "avcpu-run", "--accel", hv_name[hv],
		      "--irqchip", irqchip, "--cpus", cpus, "--mem", "256",
		      "--console", "output", "--stats", "--initrd",
		      BOOT_INITRD, BOOT_KERNEL, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		free(out);
		return fail(errno, "fork");
	}
	end = t0 + BOOT_SECS * 1000000000ULL;
	for (;;) {
		n = read(fds[0], out + len, BOOT_OUT_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
		out[len] = 0;
		if (!t && strstr(out, BOOT_DONE)) {
			t = now_ns() - t0;
			kill(pid, SIGTERM);
		}
		if (len == BOOT_OUT_MAX || (!t && now_ns() > end))
			kill(pid, SIGKILL);
	}
	close(fds[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!t) {
		fail(0, "no \"%s\": %.200s", BOOT_DONE,
		     len > 200 ? out + len - 200 : out);
		free(out);
		return -EIO;
	}
	if (!rep)
		boot_exits(r, hv, out);
	free(out);
	return t;
}

static const struct row rows[NR_ROWS] = {
	{ "1", "MMIO write exit to VMM + re-entry", 100, 2000, row_mmio, 1 },
	{ "2", "MMIO read exit to VMM + re-entry", 100, 2000, row_mmio, 0 },
	{ "3", "PSCI_VERSION hvc, in-kernel", 100, 5000, row_psci, 0 },
	{ "4", "hypercall exit to VMM + re-entry", 100, 2000, row_hvc_exit, 0 },
	{ "5", "WFI wake-up by IRQ line from a thread", 10, 200, row_wfi, 0 },
	{ "5g", "WFI wake-up by irqfd, in-kernel GICv3", 10, 200, row_wfi,
	  1 },
	{ "6", "vCPU create -> first guest insn", 2, 30, row_first_insn, 0 },
	{ "6b", "vCPU create -> first exit in VMM", 2, 30, row_first_insn, 1 },
	{ "7", "256 MiB register + touch (THP)", 0, 1, row_touch, 0 },
	{ "7b", "256 MiB register + touch (no THP)", 0, 1, row_touch, 1 },
	{ "7h", "256 MiB touched by the VMM alone (THP)", 0, 1,
	  row_host_touch, 0 },
	{ "8", "LDP+STP on MMIO, emulated (4 exits)", 100, 1000,
	  row_mmio_pair, 0 },
	{ "9", "stage-2 fault, page present (no THP)", 1, 4 * FAULT_WINDOWS,
	  row_fault, 0 },
	{ "9b", "stage-2 fault, page present (THP)", 1, 4 * FAULT_WINDOWS,
	  row_fault, 1 },
	{ "10", "dirty-log round: 512 pages, get+clear", 2, 5, row_dirty, 0 },
	{ "11", "IPI round trip between two vCPUs (SGI)", 20, 500, row_ipi,
	  0 },
	{ "12", "Linux boot to /init, 1 vCPU (avcpu-run)", 0, 1, row_boot, 1 },
	{ "12b", "Linux boot to /init, 2 vCPUs (avcpu-run)", 0, 1, row_boot,
	  2 },
};

/* @list: row ids separated by '+' or ',' (the lab turns ',' into ' '). */
static bool row_selected(const char *list, const char *id)
{
	const char *p = list;
	size_t len = strlen(id);

	if (!list)
		return true;
	while (*p) {
		if (!strncmp(p, id, len) && (!p[len] || strchr("+,", p[len])))
			return true;
		p += strcspn(p, "+,");
		if (*p)
			p++;
	}
	return false;
}

static void summary(const bool *have, const bool *selected)
{
	double v[MAX_REPS], med[HV_NR];
	unsigned int k, rep;
	int i;

	printf("# avcpu-bench: %-4s %-40s %12s %12s %8s\n", "row", "",
	       "avcpu", "kvm", "ratio");
	for (i = 0; i < NR_ROWS; i++) {
		if (!selected[i])
			continue;
		for (k = 0; k < HV_NR; k++) {
			unsigned int m = 0;

			med[k] = -1;
			if (!have[k])
				continue;
			for (rep = 0; rep < nr_reps; rep++)
				if (results[i][k][rep] >= 0)
					v[m++] = results[i][k][rep];
			if (m == nr_reps) {
				qsort(v, m, sizeof(v[0]), cmp_double);
				med[k] = v[m / 2];
			}
		}
		printf("# avcpu-bench: %-4s %-40s", rows[i].id, rows[i].what);
		for (k = 0; k < HV_NR; k++) {
			if (med[k] >= 0)
				printf(" %12.1f", med[k]);
			else
				printf(" %12s", "-");
		}
		if (med[HV_AVCPU] >= 0 && med[HV_KVM] > 0)
			printf(" %8.2f\n", med[HV_AVCPU] / med[HV_KVM]);
		else
			printf(" %8s\n", "-");
	}
}

static void print_result(const struct row *r, enum bench_hv hv,
			 unsigned int rep, double v)
{
	printf("# avcpu-bench: result row=%s hv=%s rep=%u iters=%u ns=%.2f\n",
	       r->id, hv_name[hv], rep, scaled(r->iters), v);
}

/* Executable mappings, to tell the VMM's code from an EL2 image's. */
static void print_maps(void)
{
	char line[512], start[32], end[32], perm[8], name[256];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		name[0] = 0;
		if (sscanf(line, "%31[0-9a-f]-%31[0-9a-f] %7s %*s %*s %*s %255s",
			   start, end, perm, name) < 3 || perm[2] != 'x')
			continue;
		printf("# avcpu-bench: map 0x%s 0x%s %s\n", start, end,
		       name[0] ? name : "-");
	}
	fclose(f);
}

static void print_help(FILE *f)
{
	fprintf(f,
		"usage: avcpu-bench [--hv avcpu|kvm] [--rows 1,2,...] [--reps N]\n"
		"                   [--scale F] [--count] [--count-iters N]\n"
		"  --hv H          only this hypervisor (default: each present)\n"
		"  --rows LIST     rows to run, e.g. 1+3+6b (1 2 3 4 5 6 6b 7 7b 8 9 9b 10 11 12 12b)\n"
		"  --reps N        repetitions of each row (default 3)\n"
		"  --scale F       multiply the iteration counts by F\n"
		"  --count         rows 1-5g, 9-11: also a window between QEMU plugin markers\n"
		"  --count-iters N iterations in each marked window (default 100)\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "hv", required_argument, NULL, 'h' },
		{ "rows", required_argument, NULL, 'r' },
		{ "reps", required_argument, NULL, 'n' },
		{ "scale", required_argument, NULL, 's' },
		{ "count", no_argument, NULL, 'c' },
		{ "count-iters", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, '?' },
		{ NULL, 0, NULL, 0 },
	};
	bool want[HV_NR] = { true, true }, have[HV_NR], selected[NR_ROWS];
	const char *row_list = NULL;
	unsigned int k, rep;
	int i, opt, failed = 0;
	char why[256];

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'h':
			want[HV_AVCPU] = !strcmp(optarg, "avcpu");
			want[HV_KVM] = !strcmp(optarg, "kvm");
			break;
		case 'r':
			row_list = optarg;
			break;
		case 'n':
			nr_reps = strtoul(optarg, NULL, 0);
			if (!nr_reps || nr_reps > MAX_REPS) {
				fprintf(stderr, "avcpu-bench: --reps 1..%d\n",
					MAX_REPS);
				return 2;
			}
			break;
		case 's':
			scale = strtod(optarg, NULL);
			break;
		case 'c':
			count_mode = true;
			break;
		case 'C':
			count_iters = strtoul(optarg, NULL, 0);
			break;
		default:
			print_help(opt == '?' ? stdout : stderr);
			return opt == '?' ? 0 : 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (ram_init()) {
		perror("avcpu-bench: guest RAM");
		return 1;
	}
	printf("# avcpu-bench: counter %llu Hz, reps %u, scale %g\n",
	       (unsigned long long)counter_freq(), nr_reps, scale);
	if (count_mode)
		print_maps();
	for (k = 0; k < HV_NR; k++) {
		have[k] = want[k] && bvm_available(k, why, sizeof(why));
		if (want[k] && !have[k])
			printf("# avcpu-bench: hv %s unavailable: %s\n",
			       hv_name[k], why);
		else if (have[k])
			printf("# avcpu-bench: hv %s available\n", hv_name[k]);
	}
	if (have[HV_KVM])
		puts("# avcpu-bench: kvm row 4: PSCI SYSTEM_OFF (6.1: no hypercall exit)");
	for (i = 0; i < NR_ROWS; i++) {
		selected[i] = row_selected(row_list, rows[i].id);
		if (!selected[i])
			continue;
		for (rep = 0; rep < nr_reps; rep++) {
			for (k = 0; k < HV_NR; k++) {
				double v;

				results[i][k][rep] = -1;
				if (!have[k])
					continue;
				err_msg[0] = 0;
				v = rows[i].fn(k, &rows[i], rep);
				results[i][k][rep] = v;
				if (v == NO_FIGURE)
					continue;
				if (v < 0) {
					failed++;
					printf("# avcpu-bench: error row=%s hv=%s rep=%u: %s\n",
					       rows[i].id, hv_name[k], rep,
					       err_msg);
					continue;
				}
				print_result(&rows[i], k, rep, v);
			}
		}
	}
	summary(have, selected);
	printf("# avcpu-bench: done, %d errors\n", failed);
	return failed ? 1 : 0;
}
