/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: the accelerator's in-kernel GICv3 (gicv3.c). */
#ifndef AVCPU_RUN_GICV3_H
#define AVCPU_RUN_GICV3_H

#include "avcpu-run.h"

struct vm;

/* Registers its DT node and takes the devices' SPIs (irq_use()). */
int gicv3_init(void);
/*
 * Creates it in @vm for @nr_cpus vCPUs (all created, none run yet) and
 * binds an irqfd to each SPI, with the thread that serves their
 * resample fds; after signals_init().
 */
int gicv3_start(struct vm *vm, int nr_cpus);
void gicv3_stop(void);
/* The SPI input, irq.h's; exported for the unit tests. */
void gicv3_set_spi(u32 spi, bool level);

#endif /* AVCPU_RUN_GICV3_H */
