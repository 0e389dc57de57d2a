/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: the GICv2 interrupt controller (gic.c). */
#ifndef AVCPU_RUN_GIC_H
#define AVCPU_RUN_GIC_H

#include "avcpu-run.h"

struct vcpu;

/*
 * Registers the GIC's MMIO ranges and DT node, for @nr_cpus vCPUs at
 * @vcpus.  The GIC drives vCPU n's IRQ line with @set_line(&vcpus[n],
 * level) (vcpu_irq_line()), which returns -1 with errno set on failure;
 * it is only called once the guest runs.
 */
int gic_init(struct vcpu *vcpus, int nr_cpus,
	     int (*set_line)(struct vcpu *vcpu, bool level));
/* Inputs: a PPI (INTID 16..31) of vCPU @cpu, an SPI (0..31). */
void gic_set_ppi(int cpu, u32 intid, bool level);
void gic_set_spi(u32 spi, bool level);

#endif /* AVCPU_RUN_GIC_H */
