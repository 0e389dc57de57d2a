/* SPDX-License-Identifier: GPL-2.0 */
/*
 * avcpu-run: the accelerator that runs the machine (accel-avcpu.c,
 * accel-kvm.c).
 *
 * The rest of avcpu-run speaks /dev/avcpu's ABI: an accelerator fills
 * vm->caps with what it offers, and its vcpu_run() leaves each exit in
 * vcpu->run as struct avcpu_run, so that the vCPU loop, the devices and
 * the machine's layout are the same on both.  Register ids are KVM's
 * ONE_REG encoding on both.
 */
#ifndef AVCPU_RUN_ACCEL_H
#define AVCPU_RUN_ACCEL_H

#include "avcpu-run.h"

struct vm;
struct vcpu;

/* --irqchip, as chosen by main.c (IRQCHIP_DEFAULT: not given). */
enum irqchip_mode {
	IRQCHIP_DEFAULT,
	IRQCHIP_GICV3,		/* the accelerator's in-kernel GICv3 */
	IRQCHIP_USER_GICV2,	/* gic.c, the vCPUs' IRQ lines */
};

enum accel_kind {
	ACCEL_AVCPU,
	ACCEL_KVM,
};

/*
 * Every call returns 0 or an exit status (avcpu-run.h) after printing
 * why, except vcpu_run(), irq_line() and irqchip_line(), which return
 * ioctl()'s result with errno set, and the void ones.
 *
 * @open:         the device; fills vm->caps (features: AVCPU_FEAT_PSCI,
 *                _IMMEDIATE_EXIT, _GICV3, ... as this accelerator has
 *                them; max_vcpus)
 * @create_vm:    the VM, with an IPA space that holds @ipa_top
 * @map:          a memory slot (AVCPU_MEM_* flags; size 0 removes it)
 * @vcpu_create:  vCPU @vcpu->index, powered on at @entry with x0 = @x0
 *                if index 0, powered off (waiting for PSCI CPU_ON)
 *                otherwise; sets vcpu->run
 * @vcpu_reset:   back to its vcpu_create() state
 * @vcpu_run:     run until the next exit, as AVCPU_RUN
 * @vcpu_close:   release what vcpu_create() took
 * @set_immediate_exit: the next RUN returns EINTR at once (or not)
 * @get_reg:      a ONE_REG register
 * @inject:       AVCPU_INJECT_* for the last exit's access
 * @irq_line:     the vCPU's IRQ line, for user-gicv2
 * @irqchip_create: the in-kernel GICv3 for @nr_cpus vCPUs, after every
 *                vCPU exists and before any runs
 * @irqchip_line: an SPI's level, @intid 32..
 * @irqfd:        bind eventfd @fd to SPI @intid, level-triggered with
 *                @resamplefd
 * @stats_fd:     a new stats fd of the vCPU (KVM's binary layout), or
 *                -1 with errno set
 * @close:        the VM and the device
 */
struct accel {
	const char *name;
	int (*open)(struct vm *vm);
	int (*create_vm)(struct vm *vm, u64 ipa_top);
	int (*map)(struct vm *vm, u32 slot, u64 gpa, void *mem, u64 size,
		   u32 flags);
	int (*vcpu_create)(struct vcpu *vcpu, u64 x0, u64 entry);
	int (*vcpu_reset)(struct vcpu *vcpu);
	int (*vcpu_run)(struct vcpu *vcpu);
	void (*vcpu_close)(struct vcpu *vcpu);
	void (*set_immediate_exit)(struct vcpu *vcpu, bool on);
	int (*get_reg)(struct vcpu *vcpu, u64 id, u64 *val);
	int (*inject)(struct vcpu *vcpu, u32 type);
	int (*irq_line)(struct vcpu *vcpu, bool level);
	int (*irqchip_create)(struct vm *vm, int nr_cpus);
	int (*irqchip_line)(struct vm *vm, u32 intid, bool level);
	int (*irqfd)(struct vm *vm, int fd, int resamplefd, u32 intid);
	int (*stats_fd)(struct vcpu *vcpu);
	void (*close)(struct vm *vm);
};

extern const struct accel accel_avcpu;
extern const struct accel accel_kvm;

#endif /* AVCPU_RUN_ACCEL_H */
