// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: --accel and --irqchip, words to what they choose (on their
 * own for the unit tests, tests/test_options.c).
 */
#include <string.h>

#include "log.h"
#include "options.h"

int parse_accel(const char *arg, const struct accel **accel)
{
	if (!strcmp(arg, "avcpu"))
		*accel = &accel_avcpu;
	else if (!strcmp(arg, "kvm"))
		*accel = &accel_kvm;
	else
		return error(STATUS_SETUP, "--accel '%s': want avcpu or kvm",
			     arg);
	return 0;
}

int parse_irqchip(const char *arg, enum irqchip_mode *mode)
{
	if (!strcmp(arg, "gicv3"))
		*mode = IRQCHIP_GICV3;
	else if (!strcmp(arg, "user-gicv2"))
		*mode = IRQCHIP_USER_GICV2;
	else
		return error(STATUS_SETUP,
			     "--irqchip '%s': want gicv3 or user-gicv2", arg);
	return 0;
}
