// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: messages on stderr, one line each, prefixed "avcpu-run: ".
 * Every thread logs, and the guest's console shares the terminal or
 * pipe: a line goes out in one write(), which a pipe keeps whole (up to
 * PIPE_BUF bytes), so no other output lands inside it.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static void vmessage(const char *fmt, va_list ap)
{
	static const char prefix[] = "avcpu-run: ";
	char line[PIPE_BUF];
	size_t len = sizeof(prefix) - 1, done = 0;
	int n, saved = errno;
	ssize_t w;

	memcpy(line, prefix, len);
	n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	if (n < 0)
		n = 0;
	/* A longer message is cut: the newline always fits. */
	len = len + n < sizeof(line) - 1 ? len + n : sizeof(line) - 2;
	line[len++] = '\n';
	while (done < len) {
		w = write(STDERR_FILENO, line + done, len - done);
		if (w > 0)
			done += w;
		else if (w == 0 || errno != EINTR)
			break;
	}
	errno = saved;
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
