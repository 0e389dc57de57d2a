// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run --stats: when the VMM stops, every cumulative counter of the
 * vCPUs' stats fds (AVCPU_GET_STATS_FD, KVM_GET_STATS_FD: the same binary
 * layout), summed over the vCPUs, one line each on stderr, in the order
 * of the first vCPU's descriptors:
 *
 *   avcpu-run: stats: mmio_exit_user 1234
 *
 * so that a boot's exits can be counted by class on either accelerator
 * (tools/avcpu-bench's Linux boot rows).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "stats.h"
#include "vcpu.h"

#define STATS_MAX	128

static struct {
	char name[AVCPU_STATS_NAME_SIZE];
	u64 sum;
} counter[STATS_MAX];
static int nr_counters;

static void add(const char *name, u64 v)
{
	int i;

	for (i = 0; i < nr_counters; i++) {
		if (!strcmp(counter[i].name, name)) {
			counter[i].sum += v;
			return;
		}
	}
	if (nr_counters == STATS_MAX)
		return;
	strncpy(counter[nr_counters].name, name, AVCPU_STATS_NAME_SIZE - 1);
	counter[nr_counters++].sum = v;
}

/* Add one stats fd's cumulative counters; false if it reads wrong. */
static bool add_fd(int fd)
{
	struct avcpu_stats_header h;
	struct avcpu_stats_desc *d;
	size_t dsize;
	char *descs;
	u32 i;
	u64 v;

	if (pread(fd, &h, sizeof(h), 0) != sizeof(h) ||
	    h.name_size > AVCPU_STATS_NAME_SIZE || h.num_desc > 4096)
		return false;
	dsize = sizeof(*d) + h.name_size;
	descs = calloc(h.num_desc, dsize);
	if (!descs)
		return false;
	if (pread(fd, descs, h.num_desc * dsize, h.desc_offset) !=
	    (ssize_t)(h.num_desc * dsize)) {
		free(descs);
		return false;
	}
	for (i = 0; i < h.num_desc; i++) {
		d = (struct avcpu_stats_desc *)(descs + i * dsize);
		d->name[h.name_size - 1] = 0;
		if ((d->flags & AVCPU_STATS_TYPE_MASK) !=
		    AVCPU_STATS_TYPE_CUMULATIVE || d->size != 1)
			continue;
		if (pread(fd, &v, sizeof(v), h.data_offset + d->offset) !=
		    sizeof(v))
			continue;
		add(d->name, v);
	}
	free(descs);
	return true;
}

void stats_print(struct vcpu *vcpus, int nr_vcpus)
{
	int i, fd;

	for (i = 0; i < nr_vcpus; i++) {
		if (vcpus[i].fd < 0)
			continue;
		fd = vcpus[i].vm->accel->stats_fd(&vcpus[i]);
		if (fd < 0) {
			info("--stats: vCPU %d: no stats fd: %s", i,
			     strerror(errno));
			return;
		}
		if (!add_fd(fd))
			info("--stats: vCPU %d: unreadable stats fd", i);
		close(fd);
	}
	for (i = 0; i < nr_counters; i++) {
		if (counter[i].sum)
			info("stats: %s %llu", counter[i].name, counter[i].sum);
	}
}
