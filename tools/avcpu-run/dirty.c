// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: --dirty-stats.  The RAM slot is registered with
 * AVCPU_MEM_LOG_DIRTY (vm.c); a thread of its own takes the slot's dirty
 * log once a second with AVCPU_GET_DIRTY_LOG, which clears what it
 * reports, and prints how many pages the guest dirtied since the last
 * time, per second and in MiB/s: the rate a live-migration loop must
 * copy faster than for its rounds to converge.  At the end, a summary:
 * the mean and peak rates and how many distinct pages were ever written
 * (the guest's write working set).
 *
 * Between the deletion and the new registration of the RAM slot by
 * --reboot=restart the log does not exist (ENOENT): that second is
 * skipped.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "dirty.h"
#include "log.h"

#define DIRTY_PERIOD_NS		1000000000L

static struct {
	struct vm *vm;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;	/* dirty_stats_stop() -> the thread */
	bool started;
	bool stop;
	u64 page_size;
	u64 nr_pages;
	u64 *bitmap;		/* the last log */
	u64 *seen;		/* every page ever reported */
	double t_last;
	u64 total;		/* pages reported by the one-second rounds */
	double secs;		/* the time they covered */
	double peak;		/* pages/s, highest one-second round */
	u64 rounds;
	bool failed;
} ds = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double mib(u64 pages)
{
	return (double)pages * ds.page_size / SZ_1M;
}

/*
 * Take (and clear) the log: the pages dirtied since the last call in
 * *@pages.  Returns 0, or -errno.
 */
static int dirty_take(u64 *pages)
{
	struct avcpu_dirty_log log = {
		.slot = SLOT_RAM,
		.num_pages = ds.nr_pages,
		.bitmap = (u64)(unsigned long)ds.bitmap,
	};
	u64 i, n = 0, words = (ds.nr_pages + 63) / 64;

	if (ioctl(ds.vm->vm_fd, AVCPU_GET_DIRTY_LOG, &log) < 0)
		return -errno;
	for (i = 0; i < words; i++) {
		n += __builtin_popcountll(ds.bitmap[i]);
		ds.seen[i] |= ds.bitmap[i];
	}
	*pages = n;
	return 0;
}

/*
 * One round: take the log and count it.  A one-second round (@full)
 * prints its rate and counts towards the mean and the peak; the last,
 * shorter one at the end only towards the distinct pages.
 */
static void dirty_round(bool full)
{
	double t = now(), secs = t - ds.t_last;
	u64 pages = 0;
	int err;

	err = dirty_take(&pages);
	if (err == -ENOENT)	/* RAM between two registrations */
		return;
	if (err) {
		if (!ds.failed)
			info("--dirty-stats: AVCPU_GET_DIRTY_LOG: %s",
			     strerror(-err));
		ds.failed = true;
		return;
	}
	ds.t_last = t;
	if (!full || secs <= 0)
		return;
	ds.total += pages;
	ds.secs += secs;
	ds.rounds++;
	if (pages / secs > ds.peak)
		ds.peak = pages / secs;
	info("dirty: %llu pages in %.2f s: %.0f pages/s, %.1f MiB/s", pages,
	     secs, pages / secs, mib(pages) / secs);
}

static void *dirty_thread(void *arg)
{
	struct timespec next;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &next);
	pthread_mutex_lock(&ds.lock);
	while (!ds.stop) {
		next.tv_nsec += DIRTY_PERIOD_NS;
		while (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		while (!ds.stop &&
		       pthread_cond_timedwait(&ds.cond, &ds.lock, &next) !=
		       ETIMEDOUT)
			;
		if (ds.stop)
			break;
		pthread_mutex_unlock(&ds.lock);
		dirty_round(true);
		pthread_mutex_lock(&ds.lock);
	}
	pthread_mutex_unlock(&ds.lock);
	return NULL;
}

int dirty_stats_start(struct vm *vm)
{
	pthread_condattr_t attr;
	u64 words;
	int err;

	ds.vm = vm;
	ds.page_size = getpagesize();
	ds.nr_pages = vm->ram_size / ds.page_size;
	words = (ds.nr_pages + 63) / 64;
	ds.bitmap = calloc(words, sizeof(u64));
	ds.seen = calloc(words, sizeof(u64));
	if (!ds.bitmap || !ds.seen)
		return error(STATUS_SETUP, "--dirty-stats: out of memory");
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&ds.cond, &attr);
	pthread_condattr_destroy(&attr);
	ds.t_last = now();
	err = pthread_create(&ds.thread, NULL, dirty_thread, NULL);
	if (err)
		return error(STATUS_SETUP, "--dirty-stats: thread: %s",
			     strerror(err));
	ds.started = true;
	return 0;
}

void dirty_stats_stop(void)
{
	u64 i, seen = 0, words;

	if (!ds.started)
		return;
	pthread_mutex_lock(&ds.lock);
	ds.stop = true;
	pthread_cond_signal(&ds.cond);
	pthread_mutex_unlock(&ds.lock);
	pthread_join(ds.thread, NULL);
	ds.started = false;

	/* What the guest wrote since the last full second: distinct pages. */
	dirty_round(false);
	words = (ds.nr_pages + 63) / 64;
	for (i = 0; i < words; i++)
		seen += __builtin_popcountll(ds.seen[i]);
	if (ds.rounds)
		info("dirty: %llu rounds of 1 s: mean %.0f pages/s, %.1f MiB/s; peak %.0f pages/s",
		     ds.rounds, ds.total / ds.secs, mib(ds.total) / ds.secs,
		     ds.peak);
	else
		info("dirty: no rate: the guest ran for less than a second");
	info("dirty: %llu distinct pages written (%.1f of %.1f MiB)", seen,
	     mib(seen), mib(ds.nr_pages));
	free(ds.bitmap);
	free(ds.seen);
	ds.bitmap = NULL;
	ds.seen = NULL;
}
