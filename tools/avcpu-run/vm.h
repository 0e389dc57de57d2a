/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: /dev/avcpu, the VM and its guest RAM (vm.c). */
#ifndef AVCPU_RUN_VM_H
#define AVCPU_RUN_VM_H

#include "accel.h"

struct vm {
	const struct accel *accel;	/* --accel: &accel_avcpu by default */
	int sys_fd;		/* /dev/avcpu or /dev/kvm */
	int vm_fd;
	int irqchip_fd;		/* KVM's vGICv3 device, or -1 */
	struct avcpu_caps caps;	/* what the accelerator offers */
	enum irqchip_mode irqchip;	/* after vm_open(): never DEFAULT */
	bool irqchip_fallback;	/* default, no GICv3: user-gicv2 */
	int kvm_run_size;	/* KVM_GET_VCPU_MMAP_SIZE */
	int kvm_ipa_max;	/* KVM_CAP_ARM_VM_IPA_SIZE, 0: 40 bits only */
	u8 *ram;
	u64 ram_base;
	u64 ram_size;
	bool verbose;
	bool strict;		/* --strict: a guest fault stops the VMM */
	bool mem_pinned;	/* --mem-pinned: RAM with AVCPU_MEM_PINNED */
	bool dirty_log;		/* --dirty-stats: RAM with AVCPU_MEM_LOG_DIRTY */
};

/* Memory slots */
#define SLOT_RAM		0
#define SLOT_FLASH1		1	/* flash bank 1: zeros */
#define SLOT_FLASH0		2	/* flash bank 0: --bios */

int vm_open(struct vm *vm);
int vm_create(struct vm *vm, u64 ram_size);
int vm_map(struct vm *vm, u32 slot, u64 gpa, void *mem, u64 size,
	   u32 flags);
int vm_set_ram(struct vm *vm);
int vm_unset_ram(struct vm *vm);
void vm_close(struct vm *vm);

#endif /* AVCPU_RUN_VM_H */
