/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: the devices' interrupt lines (irq.c). */
#ifndef AVCPU_RUN_IRQ_H
#define AVCPU_RUN_IRQ_H

#include "avcpu-run.h"

/*
 * A device's SPI (0..31, INTID 32 + @spi) at @level, for whichever
 * interrupt controller irq_use() chose: gic.c's gic_set_spi() unless told
 * otherwise.  Called from any thread.
 */
void irq_set_spi(u32 spi, bool level);
void irq_use(void (*set_spi)(u32 spi, bool level));

#endif /* AVCPU_RUN_IRQ_H */
