/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: one-line messages on stderr (log.c). */
#ifndef AVCPU_RUN_LOG_H
#define AVCPU_RUN_LOG_H

#include "avcpu-run.h"

/* "avcpu-run: " + the message; returns @status. */
__printf(2, 3) int error(int status, const char *fmt, ...);
/* error(STATUS_IOCTL, "@what: strerror(errno)") */
int ioctl_error(const char *what);
__printf(1, 2) void info(const char *fmt, ...);

#endif /* AVCPU_RUN_LOG_H */
