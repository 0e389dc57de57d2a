// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: MMIO devices by address range.
 *
 * An AVCPU_EXIT_MMIO goes to the device whose range holds its address.
 * With no device there, mmio_access() says so and the caller gives the
 * guest a data abort (vcpu.c, fault.c), as a bus with nothing at an
 * address does.
 *
 * Every vCPU thread calls mmio_access(): the device list does not change
 * once the vCPUs run, and each device's read and write must be safe to
 * call from several threads.
 */
#include <string.h>

#include "log.h"
#include "mmio.h"

static struct mmio_dev *devices;

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

/*
 * Perform @vcpu's access.  Returns false if no device claims @addr (the
 * caller answers the guest), true when it is done: @data holds a read's
 * value, zero-extended to 8 bytes.
 */
bool mmio_access(struct vcpu *vcpu, u64 addr, u8 *data, u32 len,
		 bool is_write)
{
	struct mmio_dev *dev = mmio_find(addr);

	if (!dev)
		return false;
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
	return true;
}
