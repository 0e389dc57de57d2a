// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: messages on stderr, one line each, prefixed "avcpu-run: ".
 * Every thread logs; a line is never interleaved with another's.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

static void vmessage(const char *fmt, va_list ap)
{
	flockfile(stderr);
	fputs("avcpu-run: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}

int error(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	return status;
}

int ioctl_error(const char *what)
{
	return error(STATUS_IOCTL, "%s: %s", what, strerror(errno));
}

void info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}
