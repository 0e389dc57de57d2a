// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: MMIO devices by address range.
 *
 * An AVCPU_EXIT_MMIO goes to the device whose range holds its address.
 * With no device there, a read returns 0 and a write is dropped; with
 * --verbose each such address is logged once.
 *
 * Every vCPU thread calls mmio_access(): the device list does not change
 * once the vCPUs run, the log of unbacked addresses has a lock, and each
 * device's read and write must be safe to call from several threads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "mmio.h"

#define UNBACKED_LOG_MAX	1024

static struct mmio_dev *devices;

static pthread_mutex_t unbacked_lock = PTHREAD_MUTEX_INITIALIZER;
static u64 *unbacked;
static size_t nr_unbacked;
static size_t unbacked_cap;

int mmio_register(struct mmio_dev *dev)
{
	struct mmio_dev *d;

	if (!dev->size || dev->base + dev->size < dev->base)
		return error(STATUS_SETUP, "MMIO %s: bad range", dev->name);
	for (d = devices; d; d = d->next) {
		if (dev->base < d->base + d->size &&
		    d->base < dev->base + dev->size)
			return error(STATUS_SETUP, "MMIO %s overlaps %s",
				     dev->name, d->name);
	}
	dev->next = devices;
	devices = dev;
	return 0;
}

static struct mmio_dev *mmio_find(u64 addr)
{
	struct mmio_dev *d;

	for (d = devices; d; d = d->next) {
		if (addr >= d->base && addr - d->base < d->size)
			return d;
	}
	return NULL;
}

/*
 * True the first time an address is seen (and while there is room).
 * Caller holds unbacked_lock.
 */
static bool unbacked_first(u64 addr)
{
	size_t i;
	u64 *p;

	/* Past the limit nr_unbacked no longer counts entries. */
	if (nr_unbacked > UNBACKED_LOG_MAX)
		return false;
	for (i = 0; i < nr_unbacked; i++) {
		if (unbacked[i] == addr)
			return false;
	}
	if (nr_unbacked == UNBACKED_LOG_MAX) {
		info("more than %d unbacked MMIO addresses, no longer logged",
		     UNBACKED_LOG_MAX);
		nr_unbacked++;
		return false;
	}
	if (nr_unbacked == unbacked_cap) {
		unbacked_cap = unbacked_cap ? 2 * unbacked_cap : 16;
		p = realloc(unbacked, unbacked_cap * sizeof(*p));
		if (!p)
			return false;
		unbacked = p;
	}
	unbacked[nr_unbacked++] = addr;
	return true;
}

static u64 le_to_u64(const u8 *data, u32 len)
{
	u64 val = 0;
	u32 i;

	for (i = 0; i < len; i++)
		val |= (u64)data[i] << (8 * i);
	return val;
}

static void u64_to_le(u8 *data, u32 len, u64 val)
{
	u32 i;

	memset(data, 0, 8);
	for (i = 0; i < len; i++)
		data[i] = val >> (8 * i);
}

void mmio_access(struct vcpu *vcpu, u64 addr, u8 *data, u32 len,
		 bool is_write, bool verbose)
{
	struct mmio_dev *dev = mmio_find(addr);

	if (!dev) {
		if (verbose) {
			pthread_mutex_lock(&unbacked_lock);
			if (unbacked_first(addr))
				info("unbacked MMIO %s of %u bytes at 0x%llx%s",
				     is_write ? "write" : "read", len, addr,
				     is_write ? " ignored" : " reads 0");
			pthread_mutex_unlock(&unbacked_lock);
		}
		if (!is_write)
			memset(data, 0, 8);
		return;
	}
	if (is_write) {
		if (dev->write)
			dev->write(dev, vcpu, addr - dev->base,
				   le_to_u64(data, len), len);
	} else if (dev->read) {
		u64_to_le(data, len,
			  dev->read(dev, vcpu, addr - dev->base, len));
	} else {
		memset(data, 0, 8);
	}
}
