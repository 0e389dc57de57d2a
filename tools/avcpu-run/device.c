// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: the list of devices, for what concerns all of them at once:
 * their device tree nodes and their reset.  The list is built before the
 * vCPUs run and does not change after.
 */
#include <stddef.h>

#include "device.h"

static struct device *devices;
static struct device **tail = &devices;

void device_register(struct device *dev)
{
	dev->next = NULL;
	*tail = dev;
	tail = &dev->next;
}

void devices_fdt(struct fdt *fdt)
{
	struct device *dev;

	for (dev = devices; dev; dev = dev->next) {
		if (dev->fdt_node)
			dev->fdt_node(dev, fdt);
	}
}

void devices_reset(void)
{
	struct device *dev;

	for (dev = devices; dev; dev = dev->next) {
		if (dev->reset)
			dev->reset(dev);
	}
}
