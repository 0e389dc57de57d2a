/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's memory as user space sees it, for the tests that check
 * avcpu's guest memory against it and for tools/avcpu-fuzz (which
 * includes this header too): /proc and sysfs values, the transparent
 * huge page size, a mapping's AnonHugePages, the pages on the per-CPU
 * free lists, the FOLL_PIN counters and the pages avcpu holds.
 */
#ifndef HOST_MM_H
#define HOST_MM_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mount.h>

/* The number in the file at @path (sysfs, debugfs) in *@v: 0, or -1. */
static inline int read_long(const char *path, long *v)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -1;
	ok = fscanf(f, "%ld", v) == 1;
	fclose(f);
	return ok ? 0 : -1;
}

/*
 * A "Key: N" line of a /proc file (meminfo, status: N kB) or of debugfs
 * avcpu/gic: N, or -1.
 */
static inline long proc_kb(const char *path, const char *key)
{
	char line[256];
	size_t len = strlen(key);
	long kb = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, len) && line[len] == ':')
			kb = strtol(line + len + 1, NULL, 10);
	fclose(f);
	return kb;
}

/* The size of a transparent huge page: 2 MiB, 32 MiB with 16 KiB pages. */
static inline size_t thp_size(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size",
			"r");
	unsigned long v = 0;

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v ? v : 2 << 20;
}

/* kB of AnonHugePages in the mapping holding @p (/proc/self/smaps), or -1. */
static inline long anon_huge_kb(const void *p)
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
 * kB of the pages on the per-CPU free lists (/proc/zoneinfo's "count"
 * lines): free, but not in MemAvailable.
 */
static inline long pcp_free_kb(void)
{
	long n, kb = 0, page_kb = sysconf(_SC_PAGESIZE) >> 10;
	FILE *f = fopen("/proc/zoneinfo", "r");
	char line[256];

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, " count: %ld", &n) == 1)
			kb += n * page_kb;
	if (f)
		fclose(f);
	return kb;
}

/*
 * nr_foll_pin_acquired and nr_foll_pin_released of /proc/vmstat, each -1
 * if absent; whether both were read.  They are per-CPU deltas folded into
 * the totals now and then: on SMP the two differ for a while (either
 * way) unless stat_refresh folds them first, which this does.
 */
static inline bool vmstat_pins(long long *acq, long long *rel)
{
	int fd = open("/proc/sys/vm/stat_refresh", O_WRONLY | O_CLOEXEC);
	char line[256];
	FILE *f;

	if (fd >= 0) {
		if (write(fd, "1", 1) < 0)
			errno = 0;	/* best effort */
		close(fd);
	}
	*acq = -1;
	*rel = -1;
	f = fopen("/proc/vmstat", "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "nr_foll_pin_acquired %lld", acq) == 1)
			continue;
		sscanf(line, "nr_foll_pin_released %lld", rel);
	}
	fclose(f);
	return *acq >= 0 && *rel >= 0;
}

/*
 * debugfs avcpu/pages_held: the guest pages avcpu holds a reference to,
 * or -1 where it cannot be read (debugfs is mounted if nobody has).
 */
static inline long avcpu_pages_held(void)
{
	static const char path[] = "/sys/kernel/debug/avcpu/pages_held";
	long v;

	if (access(path, F_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	return read_long(path, &v) ? -1 : v;
}

#endif /* HOST_MM_H */
