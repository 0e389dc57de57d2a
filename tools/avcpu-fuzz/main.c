// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-fuzz: a seeded, multi-threaded fuzzer for /dev/avcpu.
 *
 *   avcpu-fuzz [--seed S] [--seconds N] [--threads N] [--calls N]
 *              [--runs N] [--hang-ms MS] [--round N]
 *              [--mode ioctls|guests|races] [--weights W:W:...] [--burst] [-v]
 *
 * --weights gives every round the same mix of the VMM's actions, eleven
 * numbers separated by ':' (or ',') in vmm.c's enum action order (ioctl, setup, slot, run, vcpu,
 * filter, close, memops, fork, unload, misc): a way to narrow a finding
 * down to the actions that cause it.
 *
 * The burst is a series of rounds; each round forks one VMM process
 * (vmm.c) with a seed derived from S and the round number, runs it for
 * 0.8-4 s (or kills it with SIGKILL part-way, one round in five) and,
 * once it and everything it forked are gone, checks that the host got
 * its resources back.  Rounds rotate between an ioctl-heavy, a
 * guest-heavy and a race-heavy mix.  The same seed gives the same
 * rounds, the same per-thread action sequences and the same guests;
 * what threads interleave with remains up to the scheduler, so replay
 * with --threads 1 and --round N to get closest to a finding.
 *
 * Pass criteria, each one TAP result:
 *   fuzz_ioctls    no call the ABI says must fail succeeded, unknown
 *                  ioctls fail with ENOTTY, no VMM crashed, a dirty
 *                  log never reached past its range or its bitmap
 *   fuzz_guests    guests ran, RUN results stayed inside the ABI (an
 *                  EFAULT comes with AVCPU_EXIT_MEMORY_FAULT, a
 *                  page-aligned IPA and the host's page size)
 *   fuzz_races     delete_module("avcpu") never succeeded while a VMM
 *                  had /dev/avcpu open, no VMM crashed in a race round,
 *                  a forked VMM's RUN and SET_MEMORY_REGION never
 *                  succeeded (EIO)
 *   fuzz_no_hang   every RUN came back within --hang-ms of its first
 *                  signal; every VMM exited when told or killed
 *   fuzz_mem_back  once each VMM is gone, the pages avcpu holds for VMs
 *                  and vCPUs (debugfs avcpu/pages_held) are back to the
 *                  baseline taken after the first round, exactly; and
 *                  MemAvailable (settled, per-CPU free lists counted) is
 *                  back within 1 MiB of it (4 MiB on a kmemleak kernel,
 *                  see mem_tol_kb()) within a few seconds after an RCU
 *                  grace period: not in two rounds in a row, nor at
 *                  the end
 *   fuzz_pins_back nr_foll_pin_acquired == nr_foll_pin_released in
 *                  /proc/vmstat after every round; each VMM's VmLck
 *                  and VmPin are 0 once it closed its fds; before, its
 *                  VmLck and the pins held are no more than the slots
 *                  it registered with AVCPU_MEM_PINNED (unpinned slots
 *                  hold no page between faults)
 * Kernel oopses, warnings and KASAN reports are the lab's dmesg check.
 * The module is left loaded: the lab's rmmod is the unload check.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/membarrier.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "fuzz.h"

#define MEM_TOL_KB		1024
#define MEM_TOL_DEBUG_KB	4096
#define KILL_GRACE_MS	10000

struct fuzz_shared *fz;
struct fuzz_opts opts = {
	.threads = 2,
	.seconds = 50,
	.hang_ms = 15000,
	.mode = -1,
};

static const char * const mode_name[NR_MODES] = {
	"ioctls", "guests", "races",
};

static const char * const check_name[NR_CHECKS] = {
	"fuzz_ioctls", "fuzz_guests", "fuzz_races", "fuzz_no_hang",
	"fuzz_mem_back", "fuzz_pins_back",
};

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* A finding: counted, and said at once (a host crash may follow). */
void fuzz_note(enum fuzz_check chk, const char *fmt, ...)
{
	char line[FUZZ_NOTE_LEN + 64];
	uint32_t i;
	va_list ap;
	int n;

	stat_add(&fz->failed[chk], 1);
	n = snprintf(line, sizeof(line), "# avcpu-fuzz: FINDING %s: ",
		     check_name[chk]);
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(STDOUT_FILENO, line, n) < 0)
		return;
	i = __atomic_fetch_add(&fz->next_note, 1, __ATOMIC_RELAXED);
	if (i < FUZZ_NOTES)
		snprintf(fz->notes[i], FUZZ_NOTE_LEN, "%.*s", n - 23,
			 line + 22);
}

bool fuzz_limits_reached(void)
{
	return (opts.max_calls && stat_get(&fz->calls) >= opts.max_calls) ||
	       (opts.max_runs && stat_get(&fz->runs) >= opts.max_runs);
}

/* --- host figures ---------------------------------------------------- */

/* /proc/meminfo's lines, then /proc/vmstat's nr_* counters. */
#define MEMINFO_MAX	320

struct meminfo {
	unsigned int n;
	char key[MEMINFO_MAX][40];
	long kb[MEMINFO_MAX];
};

static void meminfo_read(struct meminfo *mi)
{
	long page_kb = sysconf(_SC_PAGESIZE) / 1024;
	char line[256];
	FILE *f = fopen("/proc/meminfo", "r");

	mi->n = 0;
	while (f && mi->n < MEMINFO_MAX && fgets(line, sizeof(line), f))
		if (sscanf(line, "%39[^:]: %ld", mi->key[mi->n],
			   &mi->kb[mi->n]) == 2)
			mi->n++;
	if (f)
		fclose(f);
	/* Pages by kind, some of which meminfo does not show. */
	f = fopen("/proc/vmstat", "r");
	while (f && mi->n < MEMINFO_MAX && fgets(line, sizeof(line), f))
		if (!strncmp(line, "nr_", 3) &&
		    sscanf(line, "%39s %ld", mi->key[mi->n],
			   &mi->kb[mi->n]) == 2)
			mi->kb[mi->n++] *= page_kb;
	if (f)
		fclose(f);
}

/*
 * Where the memory went: the lines that moved by 64 kB or more (a step
 * of 1 MiB can spread over several).
 */
static void meminfo_diff(const struct meminfo *a, const struct meminfo *b)
{
	unsigned int i;

	for (i = 0; i < a->n && i < b->n; i++)
		if (!strcmp(a->key[i], b->key[i]) &&
		    labs(b->kb[i] - a->kb[i]) >= 64)
			printf("#   %s %ld -> %ld kB\n", a->key[i], a->kb[i],
			       b->kb[i]);
}

static void write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (write(fd, s, strlen(s)) < 0)
		errno = 0;	/* best effort */
	close(fd);
}

/*
 * How far below the baseline MemAvailable may settle.  On the stock
 * kernels it comes back within about 100 kB.  On the lab's debug kernel
 * (the one with kmemleak) it once settled 1.8 MiB low from one round on,
 * in one of four 50 s bursts, with kmemleak clean and no stock kernel
 * ever showing such a step: most likely the debug machinery's own
 * memory that no shrinker gives back (KASAN's stack depot keeps every
 * new allocation and free stack for good).  kmemleak_clean judges slab
 * leaks there, and the stock kernels keep the 1 MiB verdict on pages.
 */
static long mem_tol_kb(void)
{
	static long tol;

	if (!tol)
		tol = access("/sys/kernel/debug/kmemleak", F_OK) ?
		      MEM_TOL_KB : MEM_TOL_DEBUG_KB;
	return tol;
}

/*
 * MemAvailable with the noise taken out where we can: page cache and
 * reclaimable slab dropped, empty and per-CPU slabs given back, the
 * pages on the per-CPU free lists (/proc/zoneinfo) counted as free.
 */
static long settled_mem_kb(void)
{
	struct dirent *d;
	char path[300];
	DIR *dir;

	/*
	 * RCU-deferred frees (page tables of exited processes, among
	 * others, which no counter shows meanwhile): a grace period, where
	 * the kernel offers one (membarrier's GLOBAL command waits for
	 * synchronize_rcu()), then time for the callbacks.
	 */
	syscall(__NR_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0);
	usleep(200000);
	sync();
	write_file("/proc/sys/vm/drop_caches", "3");
	dir = opendir("/sys/kernel/slab");
	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink",
			 d->d_name);
		write_file(path, "1");
	}
	if (dir)
		closedir(dir);
	return proc_kb("/proc/meminfo", "MemAvailable") + pcp_free_kb();
}

/*
 * settled_mem_kb(), again for a few seconds while it is more than the
 * tolerance below @base: memory on its way back (a run of deferred
 * frees) must not count as lost, memory that stays away still does.
 */
static long mem_back_kb(long base)
{
	long mem = settled_mem_kb();
	unsigned int tries;

	for (tries = 0; tries < 5 && base - mem >= mem_tol_kb(); tries++) {
		usleep(500000);
		mem = settled_mem_kb();
	}
	return mem;
}

/* The kernel stack and state of a thread stuck in RUN. */
static void dump_task(int pid, int tid)
{
	static const char * const files[] = { "stat", "wchan", "stack" };
	char path[96], line[256];
	unsigned int i;
	FILE *f;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), "/proc/%d/task/%d/%s", pid, tid,
			 files[i]);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f))
			printf("#   %s: %s%s", files[i], line,
			       strchr(line, '\n') ? "" : "\n");
		fclose(f);
	}
	fflush(stdout);
}

/*
 * AVCPU_SET_MEMORY_REGION of a pinned slot allocates its page array
 * (vmalloc for a big slot) before it pins anything, so a slot
 * of 2^38 bytes costs a 512 MiB array for a moment, even when the call
 * then fails.  The kernel keeps the page tables that mapped it (about
 * 1 MiB), once: let them be there before the baseline, so that they are
 * not taken for a leak.  (The transient allocation itself is a finding
 * of this fuzzer about the module, reported separately.)
 */
static void vmalloc_warmup(void)
{
	struct avcpu_vm_create vc = { 0 };
	struct avcpu_memory_region r = {
		.flags = AVCPU_MEM_PINNED,
		.memory_size = 1ULL << 38, .userspace_addr = 0x10000000,
	};
	int sys = open("/dev/avcpu", O_RDWR | O_CLOEXEC), vm, i;
	void *p = mmap((void *)0x10000000, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		       -1, 0);

	vm = sys >= 0 ? ioctl(sys, AVCPU_CREATE_VM, &vc) : -1;
	for (i = 0; vm >= 0 && p != MAP_FAILED && i < 2; i++)
		ioctl(vm, AVCPU_SET_MEMORY_REGION, &r);
	if (p != MAP_FAILED)
		munmap(p, 4096);
	if (vm >= 0)
		close(vm);
	if (sys >= 0)
		close(sys);
}

/* --- the watchdog ---------------------------------------------------- */

static bool hang_reported;

/*
 * Every thread in RUN has a timer signalling it; a second signal comes
 * from here once it is a second late.  RUN still not back --hang-ms
 * after its first signal is a hang.
 */
static bool watchdog_scan(void)
{
	uint64_t now = now_ns();
	bool hung = false;
	unsigned int i;

	for (i = 0; i < FUZZ_RUN_SLOTS; i++) {
		struct run_slot *s = &fz->slot[i];
		int pid = __atomic_load_n(&s->pid, __ATOMIC_ACQUIRE);
		int tid = __atomic_load_n(&s->tid, __ATOMIC_ACQUIRE);
		uint64_t since = __atomic_load_n(&s->since_ns,
						 __ATOMIC_ACQUIRE);
		uint64_t sig = __atomic_load_n(&s->signal_ns,
					       __ATOMIC_RELAXED);

		if (!pid || !since || now < sig + 1000000000ULL)
			continue;
		if (syscall(SYS_tgkill, pid, tid, SIGUSR1) && errno == ESRCH) {
			__atomic_store_n(&s->pid, 0, __ATOMIC_RELEASE);
			continue;
		}
		if (now < sig + opts.hang_ms * 1000000ULL)
			continue;
		hung = true;
		if (hang_reported)
			continue;
		hang_reported = true;
		fuzz_note(CHK_HANG,
			  "RUN in pid %d tid %d not back %llu ms after its first signal",
			  pid, tid, (unsigned long long)((now - sig) / 1000000));
		dump_task(pid, tid);
	}
	return hung;
}

/* --- rounds ----------------------------------------------------------- */

struct figures {
	unsigned int rounds, killed, crashed, mode_rounds[NR_MODES];
	long mem_base, mem_min, mem_end;
	unsigned int mem_over;	/* rounds in a row beyond the tolerance */
	unsigned int pin_bad;
	long pages_base;	/* avcpu/pages_held after round 0, or -1 */
};

static void reap_all(void)
{
	uint64_t until = now_ns() + KILL_GRACE_MS * 1000000ULL;

	while (now_ns() < until) {
		pid_t p = waitpid(-1, NULL, WNOHANG);

		if (p < 0 && errno == ECHILD)
			return;
		if (p <= 0)
			usleep(20000);
	}
	fuzz_note(CHK_HANG, "processes forked by a VMM did not exit after SIGKILL");
}

/* One VMM process; false if the burst must stop (unkillable VMM). */
static bool run_round(unsigned int round, struct figures *fg)
{
	struct rng rr = { mix_seed(opts.seed, round) };
	enum fuzz_mode mode = opts.mode >= 0 ? (enum fuzz_mode)opts.mode :
			      round % NR_MODES;
	unsigned int millis = 800 + rnd(&rr, 3200);
	uint64_t kill_at = 0, start, deadline, killed_at = 0;
	uint64_t vseed = rnd64(&rr);
	bool we_killed = false;
	int st = 0;
	pid_t pid, got;
	long long acq, rel;
	unsigned int i, tries;
	long mem;

	if (one_in(&rr, 5))
		kill_at = 1 + rnd(&rr, millis);
	printf("# avcpu-fuzz: round %u mode %s seed %#llx ms %u%s\n", round,
	       mode_name[mode], (unsigned long long)vseed, millis,
	       kill_at ? " kill-9" : "");
	fflush(stdout);
	memset(fz->slot, 0, sizeof(fz->slot));

	pid = fork();
	if (pid < 0)
		return false;
	if (!pid) {
		setpgid(0, 0);
		write_file("/proc/self/oom_score_adj", "1000");
		_exit(vmm_main(vseed, mode, millis));
	}
	setpgid(pid, pid);
	start = now_ns();
	deadline = start + (millis + 20000ULL) * 1000000ULL;
	for (;;) {
		got = waitpid(pid, &st, WNOHANG);
		if (got == pid)
			break;
		if (watchdog_scan() && !killed_at) {
			kill(-pid, SIGKILL);
			killed_at = now_ns();
			we_killed = true;	/* reported as a hang */
		}
		if (kill_at && !killed_at &&
		    now_ns() >= start + kill_at * 1000000ULL) {
			kill(-pid, SIGKILL);
			killed_at = now_ns();
			we_killed = true;
			stat_add(&fz->kills, 1);
		}
		if (!killed_at && now_ns() > deadline) {
			fuzz_note(CHK_HANG, "VMM %d still running %u ms after its end",
				  pid, 20000);
			for (i = 0; i < FUZZ_RUN_SLOTS; i++)
				if (fz->slot[i].pid)
					dump_task(fz->slot[i].pid,
						  fz->slot[i].tid);
			kill(-pid, SIGKILL);
			killed_at = now_ns();
			we_killed = true;
		}
		if (killed_at && now_ns() > killed_at +
		    KILL_GRACE_MS * 1000000ULL) {
			fuzz_note(CHK_HANG, "VMM %d does not die after SIGKILL",
				  pid);
			return false;
		}
		usleep(50000);
	}
	/* Whatever the VMM forked goes too (they are in its group). */
	kill(-pid, SIGKILL);
	reap_all();

	fg->rounds++;
	fg->mode_rounds[mode]++;
	if (we_killed && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) {
		if (kill_at)
			fg->killed++;
	} else if (WIFSIGNALED(st)) {
		fuzz_note(mode == MODE_IOCTLS ? CHK_IOCTLS :
			  mode == MODE_GUESTS ? CHK_GUESTS : CHK_RACES,
			  "VMM of round %u died of signal %d", round,
			  WTERMSIG(st));
		fg->crashed++;
	} else if (WEXITSTATUS(st)) {
		fuzz_note(mode == MODE_IOCTLS ? CHK_IOCTLS :
			  mode == MODE_GUESTS ? CHK_GUESTS : CHK_RACES,
			  "VMM of round %u exited with status %d (no /dev/avcpu?)",
			  round, WEXITSTATUS(st));
		fg->crashed++;
	}

	/* No VMM alive: every pinned page is unpinned. */
	for (tries = 0; tries < 20; tries++) {
		if (!vmstat_pins(&acq, &rel) || acq == rel)
			break;
		usleep(100000);
	}
	if (tries == 20) {
		fuzz_note(CHK_PINS,
			  "after round %u: nr_foll_pin_acquired %lld, released %lld",
			  round, acq, rel);
		fg->pin_bad++;
	}
	/* avcpu's own pages: exact, once its releases have run. */
	if (fg->pages_base >= 0) {
		long held = -1;

		for (tries = 0; tries < 20; tries++) {
			held = avcpu_pages_held();
			if (held == fg->pages_base)
				break;
			usleep(100000);
		}
		if (tries == 20)
			fuzz_note(CHK_MEM,
				  "after round %u: avcpu holds %ld pages, baseline %ld",
				  round, held, fg->pages_base);
	}
	/* Memory back: two rounds in a row beyond it is a leak. */
	if (fg->mem_base < 0)
		return true;
	mem = mem_back_kb(fg->mem_base);
	if (mem >= 0 && (fg->mem_min < 0 || mem < fg->mem_min))
		fg->mem_min = mem;
	if (fg->mem_base - mem < mem_tol_kb()) {
		fg->mem_over = 0;
	} else if (++fg->mem_over == 2) {
		fuzz_note(CHK_MEM,
			  "after round %u: MemAvailable %ld kB, baseline %ld kB",
			  round, mem, fg->mem_base);
	}
	return true;
}

static void print_errnos(const char *what, const uint64_t *e)
{
	char line[1024];
	int n = 0, i;

	for (i = 1; i < FUZZ_MAX_ERRNO && n < (int)sizeof(line) - 40; i++) {
		const char *name;

		if (!e[i])
			continue;
		name = strerrorname_np(i);
		n += snprintf(line + n, sizeof(line) - n, " %s=%llu",
			      name ? name : "?", (unsigned long long)e[i]);
	}
	printf("# avcpu-fuzz: %s%s\n", what, n ? line : " none");
}

static void bad_args(const char *argv0)
{
	fprintf(stderr, "usage: %s [--seed S] [--seconds N] [--threads N]\n", argv0);
	fprintf(stderr, "       [--calls N] [--runs N] [--hang-ms MS] [--round N]\n");
	fprintf(stderr, "       [--mode ioctls|guests|races] [--weights W:W:...] [--burst] [-v]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "seconds", required_argument, NULL, 't' },
		{ "threads", required_argument, NULL, 'j' },
		{ "calls", required_argument, NULL, 'c' },
		{ "runs", required_argument, NULL, 'r' },
		{ "hang-ms", required_argument, NULL, 'H' },
		{ "round", required_argument, NULL, 'R' },
		{ "mode", required_argument, NULL, 'm' },
		{ "weights", required_argument, NULL, 'w' },
		{ "burst", no_argument, NULL, 'b' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char * const exit_name[FUZZ_EXIT_KINDS] = {
		"none", "hypercall", "mmio", "mmio_nisv", "exception", "intr",
		"system_event", "irq_level", "sysreg", "memory_fault",
		"unknown",
	};
	struct figures fg = {
		.mem_base = -1, .mem_min = -1, .mem_end = -1, .pages_base = -1,
	};
	static struct meminfo mi_base, mi_end;
	unsigned int round, i, nr = 0;
	int only = -1;
	bool seeded = false, failed_any = false, fail[NR_CHECKS], over;
	long long acq, rel;
	uint64_t start;
	char what[64];
	int c;

	while ((c = getopt_long(argc, argv, "v", lo, NULL)) != -1) {
		switch (c) {
		case 's':
			opts.seed = strtoull(optarg, NULL, 0);
			seeded = true;
			break;
		case 't':
			opts.seconds = strtoul(optarg, NULL, 0);
			break;
		case 'j':
			opts.threads = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			opts.max_calls = strtoull(optarg, NULL, 0);
			break;
		case 'r':
			opts.max_runs = strtoull(optarg, NULL, 0);
			break;
		case 'H':
			opts.hang_ms = strtoul(optarg, NULL, 0);
			break;
		case 'R':
			only = strtol(optarg, NULL, 0);
			break;
		case 'm':
			for (i = 0; i < NR_MODES; i++)
				if (!strcmp(optarg, mode_name[i]))
					opts.mode = i;
			if (opts.mode < 0)
				bad_args(argv[0]);
			break;
		case 'w': {
			char *p = optarg;

			for (i = 0; i < FUZZ_NR_ACTIONS; i++) {
				opts.weights[i] = strtoul(p, &p, 0);
				if (*p == ',' || *p == ':')
					p++;
			}
			opts.weights_set = true;
			break;
		}
		case 'b':
			break;
		case 'v':
			opts.verbose++;
			break;
		default:
			bad_args(argv[0]);
		}
	}
	if (optind != argc || !opts.threads ||
	    opts.threads > FUZZ_MAX_THREADS || !opts.seconds)
		bad_args(argv[0]);
	if (!seeded)
		opts.seed = mix_seed(now_ns(), getpid());

	setvbuf(stdout, NULL, _IOLBF, 0);
	fz = mmap(NULL, sizeof(*fz), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (fz == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	/* Orphans of a killed VMM come back to us, to be reaped. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	write_file("/proc/self/oom_score_adj", "-1000");

	printf("TAP version 13\n1..%d\n", NR_CHECKS);
	printf("# avcpu-fuzz: seed %#llx threads %u seconds %u calls %llu runs %llu\n",
	       (unsigned long long)opts.seed, opts.threads, opts.seconds,
	       (unsigned long long)opts.max_calls,
	       (unsigned long long)opts.max_runs);
	printf("# avcpu-fuzz: replay with --seed %#llx\n",
	       (unsigned long long)opts.seed);
	if (access("/dev/avcpu", R_OK | W_OK))
		printf("# avcpu-fuzz: /dev/avcpu: %s\n", strerror(errno));

	start = now_ns();
	for (round = only < 0 ? 0 : only; ; round++) {
		if (only < 0 && round &&
		    now_ns() - start >= opts.seconds * 1000000000ULL)
			break;
		if (stat_get(&fz->stop) || fuzz_limits_reached())
			break;
		if (!run_round(round, &fg))
			break;
		if (opts.verbose)
			printf("# avcpu-fuzz: round %u: calls %llu runs %llu MemAvailable %ld kB\n",
			       round, (unsigned long long)stat_get(&fz->calls),
			       (unsigned long long)stat_get(&fz->runs),
			       fg.mem_min);
		if (only >= 0)
			break;
		/* The baseline: the module has seen one VMM come and go. */
		if (round == 0) {
			vmalloc_warmup();
			fg.mem_base = settled_mem_kb();
			fg.pages_base = avcpu_pages_held();
			meminfo_read(&mi_base);
		}
	}

	/* At the end: back within the tolerance. */
	if (fg.mem_base >= 0)
		fg.mem_end = mem_back_kb(fg.mem_base);
	over = fg.mem_base >= 0 && fg.mem_base - fg.mem_end >= mem_tol_kb();
	if (over || stat_get(&fz->failed[CHK_MEM])) {
		if (over)
			fuzz_note(CHK_MEM,
				  "MemAvailable %ld kB at the end, baseline %ld kB",
				  fg.mem_end, fg.mem_base);
		meminfo_read(&mi_end);
		meminfo_diff(&mi_base, &mi_end);
	}
	if (vmstat_pins(&acq, &rel) && acq != rel && !fg.pin_bad)
		fuzz_note(CHK_PINS, "at the end: pins acquired %lld, released %lld",
			  acq, rel);

	for (i = 0; i < NR_CHECKS; i++)
		fail[i] = stat_get(&fz->failed[i]) != 0;
	fail[CHK_IOCTLS] |= !stat_get(&fz->calls);
	/* --weights may leave guests out on purpose. */
	fail[CHK_GUESTS] |= !stat_get(&fz->runs) && !opts.weights_set;
	/* Rounds rotate ioctls, guests, races: from the third one on. */
	fail[CHK_RACES] |= !fg.mode_rounds[MODE_RACES] && fg.rounds >= 3 &&
			   opts.mode < 0 && !opts.weights_set;
	for (i = 0; i < NR_CHECKS; i++) {
		const char *skip = "";

		if (i == CHK_MEM && fg.mem_base < 0)
			skip = " # SKIP no baseline (fewer than two rounds)";
		if (i == CHK_RACES && !fg.mode_rounds[MODE_RACES] &&
		    !fail[i])
			skip = " # SKIP no race round";
		printf("%sok %u %s%s\n", fail[i] && !*skip ? "not " : "",
		       ++nr, check_name[i], skip);
		failed_any |= fail[i] && !*skip;
	}

	printf("# avcpu-fuzz: summary seed %#llx seconds %llu rounds %u",
	       (unsigned long long)opts.seed,
	       (unsigned long long)((now_ns() - start) / 1000000000ULL),
	       fg.rounds);
	printf(" calls %llu guest-runs %llu guests %llu\n",
	       (unsigned long long)stat_get(&fz->calls),
	       (unsigned long long)stat_get(&fz->runs),
	       (unsigned long long)stat_get(&fz->guests));
	printf("# avcpu-fuzz: rounds ioctls %u guests %u races %u,",
	       fg.mode_rounds[MODE_IOCTLS], fg.mode_rounds[MODE_GUESTS],
	       fg.mode_rounds[MODE_RACES]);
	printf(" VMMs killed %u, forked VMMs %llu (killed %llu), crashed %u\n",
	       fg.killed, (unsigned long long)stat_get(&fz->forks),
	       (unsigned long long)(stat_get(&fz->kills) - fg.killed),
	       fg.crashed);
	printf("# avcpu-fuzz: slots registered %llu, slot memory unmapped or",
	       (unsigned long long)stat_get(&fz->slot_ok));
	printf(" protected %llu, objects closed %llu\n",
	       (unsigned long long)stat_get(&fz->unmaps),
	       (unsigned long long)stat_get(&fz->closes));
	printf("# avcpu-fuzz: slot memory away and back %llu, dirty-log calls",
	       (unsigned long long)stat_get(&fz->remaps));
	printf(" on logged slots %llu, logging toggled %llu\n",
	       (unsigned long long)stat_get(&fz->dirty_gets),
	       (unsigned long long)stat_get(&fz->log_toggles));
	printf("# avcpu-fuzz: exits");
	for (i = 0; i < FUZZ_EXIT_KINDS; i++)
		if (fz->exits[i])
			printf(" %s=%llu", exit_name[i],
			       (unsigned long long)fz->exits[i]);
	printf("\n# avcpu-fuzz: calls succeeded %llu\n",
	       (unsigned long long)fz->errnos[0]);
	print_errnos("errnos", fz->errnos);
	snprintf(what, sizeof(what), "delete_module tries %llu, refused:",
		 (unsigned long long)stat_get(&fz->unload_tries));
	print_errnos(what, fz->unload_errno);
	printf("# avcpu-fuzz: MemAvailable baseline %ld kB, lowest after a round",
	       fg.mem_base);
	printf(" %ld kB, end %ld kB, tolerance %ld kB\n", fg.mem_min,
	       fg.mem_end, mem_tol_kb());
	printf("# avcpu-fuzz: avcpu pages held: baseline %ld, end %ld\n",
	       fg.pages_base, avcpu_pages_held());
	if (vmstat_pins(&acq, &rel))
		printf("# avcpu-fuzz: nr_foll_pin acquired %lld released %lld\n",
		       acq, rel);
	for (i = 0; i < FUZZ_NOTES && i < fz->next_note; i++)
		printf("# avcpu-fuzz: finding %u: %s\n", i + 1, fz->notes[i]);
	return failed_any ? 1 : 0;
}
