// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: the devices' SPIs go to the interrupt controller of the
 * machine, the userspace GICv2 (gic.c) or the in-kernel GICv3 (gicv3.c);
 * main.c picks it before any device runs.
 */
#include "gic.h"
#include "irq.h"

static void (*spi_input)(u32 spi, bool level) = gic_set_spi;

void irq_use(void (*set_spi)(u32 spi, bool level))
{
	spi_input = set_spi;
}

void irq_set_spi(u32 spi, bool level)
{
	spi_input(spi, level);
}
