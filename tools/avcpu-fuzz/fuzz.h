/* SPDX-License-Identifier: GPL-2.0 */
/*
 * avcpu-fuzz: shared declarations.
 *
 * The burst controller (main.c) forks one VMM process per round; the VMM
 * (vmm.c) runs worker threads that fuzz the ioctls, build random guests
 * (guest.c) and race them against each other.  Everything the controller
 * needs to see from a VMM, even one killed with SIGKILL, lives in one
 * MAP_SHARED page set up before the first fork: counters, the per-thread
 * RUN slots the watchdog reads, and the findings.
 */
#ifndef AVCPU_FUZZ_H
#define AVCPU_FUZZ_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <sys/types.h>
#include <linux/avcpu.h>

/* proc_kb(), vmstat_pins(), ...: shared with the selftests. */
#include "lib/host_mm.h"

#define FUZZ_MAX_THREADS	16
#define FUZZ_RUN_SLOTS		64	/* VMM threads and forked VMMs */
#define FUZZ_MAX_ERRNO		140
#define FUZZ_EXIT_KINDS		11	/* AVCPU_EXIT_*, last: unknown */
#define FUZZ_NOTES		16
#define FUZZ_NOTE_LEN		200
#define FUZZ_NR_ACTIONS		11	/* vmm.c, enum action */

/* What a round is mostly about; every round does a bit of everything. */
enum fuzz_mode { MODE_IOCTLS, MODE_GUESTS, MODE_RACES, NR_MODES };

/* Findings, each one a TAP check of its own (main.c). */
enum fuzz_check {
	CHK_IOCTLS,	/* a call succeeded that the ABI says must fail */
	CHK_GUESTS,	/* a RUN result outside the ABI */
	CHK_RACES,	/* delete_module succeeded with fds open, ... */
	CHK_HANG,	/* RUN not back within the bound after a signal */
	CHK_MEM,	/* MemAvailable not back after the VMMs exited */
	CHK_PINS,	/* pinned or locked pages left behind */
	NR_CHECKS
};

/* A thread inside AVCPU_RUN, as the watchdog sees it. */
struct run_slot {
	int32_t pid;		/* 0: slot free */
	int32_t tid;
	uint64_t since_ns;	/* RUN entered (CLOCK_MONOTONIC), 0: not */
	uint64_t signal_ns;	/* first signal due (timer expiry) */
};

struct fuzz_shared {
	uint64_t calls;		/* ioctl calls, all fds */
	uint64_t runs;		/* AVCPU_RUN calls on guests we built */
	uint64_t guests;	/* random guests written and entered */
	uint64_t exits[FUZZ_EXIT_KINDS];
	uint64_t errnos[FUZZ_MAX_ERRNO];	/* [0]: calls that succeeded */
	uint64_t forks;		/* VMM processes forked by VMMs */
	uint64_t kills;		/* VMM processes killed with SIGKILL */
	uint64_t unload_tries;	/* delete_module("avcpu") with fds open */
	uint64_t unload_errno[FUZZ_MAX_ERRNO];
	uint64_t slot_ok;	/* memory slots registered */
	uint64_t unmaps;	/* slot memory unmapped/protected/truncated */
	uint64_t remaps;	/* slot memory away for a moment, then back */
	uint64_t dirty_gets;	/* GET/CLEAR_DIRTY_LOG on logged slots */
	uint64_t log_toggles;	/* LOG_DIRTY turned on or off on a slot */
	uint64_t closes;	/* objects closed under other threads */
	uint64_t stop;		/* limits reached: VMMs stop early */
	uint64_t failed[NR_CHECKS];
	uint32_t next_note;
	char notes[FUZZ_NOTES][FUZZ_NOTE_LEN];
	struct run_slot slot[FUZZ_RUN_SLOTS];
	uint32_t next_slot;
};

struct fuzz_opts {
	uint64_t seed;
	unsigned int threads;
	unsigned int seconds;
	uint64_t max_calls;	/* 0: no limit */
	uint64_t max_runs;
	unsigned int hang_ms;	/* RUN bound after its first signal */
	unsigned int verbose;
	int mode;		/* -1: rotate; else every round's enum fuzz_mode */
	bool weights_set;	/* --weights: one mix for every round */
	uint8_t weights[FUZZ_NR_ACTIONS];
};

extern struct fuzz_shared *fz;
extern struct fuzz_opts opts;

/* --- random numbers: splitmix64, one state per thread ----------------- */

struct rng {
	uint64_t s;
};

static inline uint64_t rnd64(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0. */
static inline uint64_t rnd(struct rng *r, uint64_t n)
{
	return rnd64(r) % n;
}

/* True with probability 1/n. */
static inline bool one_in(struct rng *r, unsigned int n)
{
	return rnd(r, n) == 0;
}

static inline uint64_t mix_seed(uint64_t a, uint64_t b)
{
	struct rng r = { a ^ (b * 0xd1342543de82ef95ULL) };

	return rnd64(&r);
}

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
/* A random element of array @a (a compound literal will do). */
#define PICK(r, a) ({					\
	typeof(a) *pick_a_ = &(a);			\
	(*pick_a_)[rnd(r, ARRAY_SIZE(*pick_a_))];	\
})

static inline void stat_add(uint64_t *p, uint64_t v)
{
	__atomic_fetch_add(p, v, __ATOMIC_RELAXED);
}

static inline uint64_t stat_get(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

uint64_t now_ns(void);
void fuzz_note(enum fuzz_check chk, const char *fmt, ...);
bool fuzz_limits_reached(void);

/* vmm.c: one VMM process's life; returns its exit status. */
int vmm_main(uint64_t seed, enum fuzz_mode mode, unsigned int millis);

/* --- guest.c -------------------------------------------------------- */

/* Fill @code (@n words) with a random guest program. */
void guest_gen(struct rng *r, uint32_t *code, unsigned int n,
	       const uint64_t *addrs, unsigned int naddrs);
/* A vector table: 16 entries of 32 words at @vec. */
void guest_gen_vectors(struct rng *r, uint32_t *vec, const uint64_t *addrs,
		       unsigned int naddrs);
/* The timer-register filter every generated word goes through. */
uint32_t guest_filter(uint32_t insn);
/* Bound a value written to a timer register through SET_ONE_REG. */
void guest_bound_reg(uint64_t id, void *val);

/* --- the RUN bound: a per-thread timer that signals until RUN returns -- */

struct run_timer {
	timer_t timer;
	bool armed_ok;
	struct run_slot *slot;
};

int run_timer_init(struct run_timer *t);
void run_timer_fini(struct run_timer *t);
/* ioctl(fd, AVCPU_RUN) with the timer armed; counts the call. */
int run_bounded(struct run_timer *t, struct rng *r, int fd);
void count_result(int ret, int err);

#endif /* AVCPU_FUZZ_H */
