/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: option values with a choice of words (options.c). */
#ifndef AVCPU_RUN_OPTIONS_H
#define AVCPU_RUN_OPTIONS_H

#include "accel.h"

/* 0, or STATUS_SETUP after saying what is wanted. */
int parse_accel(const char *arg, const struct accel **accel);
int parse_irqchip(const char *arg, enum irqchip_mode *mode);

#endif /* AVCPU_RUN_OPTIONS_H */
