/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: MMIO devices by address range (mmio.c). */
#ifndef AVCPU_RUN_MMIO_H
#define AVCPU_RUN_MMIO_H

#include "avcpu-run.h"

struct vcpu;

/*
 * A device's range.  @read and @write (either may be NULL) get the vCPU
 * whose access it is, the offset in the range and the access size, 1 to
 * 8 bytes; they are called from every vCPU thread.
 */
struct mmio_dev {
	const char *name;
	u64 base;
	u64 size;
	u64 (*read)(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
		    u32 len);
	void (*write)(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
		      u64 val, u32 len);
	struct mmio_dev *next;
};

int mmio_register(struct mmio_dev *dev);
bool mmio_access(struct vcpu *vcpu, u64 addr, u8 *data, u32 len,
		 bool is_write);

#endif /* AVCPU_RUN_MMIO_H */
