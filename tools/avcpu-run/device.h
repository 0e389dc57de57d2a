/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: the machine's devices (device.c). */
#ifndef AVCPU_RUN_DEVICE_H
#define AVCPU_RUN_DEVICE_H

struct fdt;

/*
 * A device as the machine sees it, besides its MMIO ranges (mmio.h).
 * @fdt_node writes its nodes under the root of the device tree; @reset
 * puts it back in its reset state for --reboot=restart, with no vCPU
 * running.  Either may be NULL.
 */
struct device {
	const char *name;
	void (*fdt_node)(struct device *dev, struct fdt *fdt);
	void (*reset)(struct device *dev);
	struct device *next;
};

/* Before fdt_build(): the tree lists the devices in this order. */
void device_register(struct device *dev);
void devices_fdt(struct fdt *fdt);
void devices_reset(void);

#endif /* AVCPU_RUN_DEVICE_H */
