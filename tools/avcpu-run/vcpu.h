/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: the vCPUs and their run loops (vcpu.c). */
#ifndef AVCPU_RUN_VCPU_H
#define AVCPU_RUN_VCPU_H

#include <pthread.h>

#include "vm.h"

struct vcpu {
	int index;		/* MPIDR Aff0; 0 boots, the others wait */
	int fd;
	struct avcpu_run *run;
	size_t run_size;
	struct vm *vm;
	pthread_t thread;
	bool started;		/* @thread exists */
	bool exited;		/* @thread left its run loop (atomic) */
	bool vtimer_level;	/* timer PPI level last given to the GIC */
	bool ptimer_level;	/* the same for the physical timer */
	/* accel-kvm.c: vCPU 0's entry and x0, struct kvm_run, a read due */
	u64 entry;
	u64 x0;
	void *kvm_run;
	bool kvm_mmio_read;
	/* The interrupt controller's PPI input, for the timer's output. */
	void (*set_ppi)(int cpu, u32 intid, bool level);
};

int vcpu_create(struct vcpu *vcpu, struct vm *vm, int index, u64 dtb_addr,
		u64 entry);
int vcpus_run(struct vcpu *vcpus, int nr_vcpus);
int vcpus_reset(struct vcpu *vcpus, int nr_vcpus);
void vcpu_close(struct vcpu *vcpu);
int signals_init(void);
int vcpu_irq_line(struct vcpu *vcpu, bool level);

#endif /* AVCPU_RUN_VCPU_H */
