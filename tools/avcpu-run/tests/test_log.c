// SPDX-License-Identifier: GPL-2.0
/*
 * log.c on the host: each message leaves in one write(), so the guest's
 * console output and other threads' messages, sharing the pipe, never
 * land inside it.  stderr is a SOCK_SEQPACKET socket here: each write()
 * is one packet, and the first packet must be the whole line.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "unit.h"

/* stderr into a packet socket; returns the reading end. */
static int capture_stderr(void)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv)) {
		unit_fail(__FILE__, __LINE__, "socketpair: %s", strerror(errno));
		return -1;
	}
	EXPECT(dup2(sv[1], STDERR_FILENO) == STDERR_FILENO);
	close(sv[1]);
	return sv[0];
}

/* The next packet, NUL-terminated; its length. */
static ssize_t packet(int fd, char *buf, size_t size)
{
	ssize_t n = recv(fd, buf, size - 1, MSG_DONTWAIT);

	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static void test_one_write_per_line(void)
{
	char buf[2 * PIPE_BUF];
	int fd = capture_stderr();

	info("dirty: %d pages in %.2f s", 1024, 1.0);
	EXPECT(packet(fd, buf, sizeof(buf)) > 0);
	EXPECT_STREQ(buf, "avcpu-run: dirty: 1024 pages in 1.00 s\n");
	EXPECT_EQ(error(7, "%s: %s", "RUN", "bad"), 7);
	EXPECT(packet(fd, buf, sizeof(buf)) > 0);
	EXPECT_STREQ(buf, "avcpu-run: RUN: bad\n");
	/* Nothing else was sent. */
	EXPECT(packet(fd, buf, sizeof(buf)) < 0);
}

/* A message longer than a pipe keeps whole is cut, its newline kept. */
static void test_long_message_is_cut(void)
{
	static char big[3 * PIPE_BUF];
	char buf[2 * PIPE_BUF];
	int fd = capture_stderr();

	memset(big, 'x', sizeof(big) - 1);
	info("%s", big);
	EXPECT_EQ(packet(fd, buf, sizeof(buf)), PIPE_BUF - 1);
	EXPECT(!strncmp(buf, "avcpu-run: xxx", 14));
	EXPECT_EQ(buf[PIPE_BUF - 2], '\n');
	EXPECT(packet(fd, buf, sizeof(buf)) < 0);
}

/* Callers print errno's text after a message: it stays as it was. */
static void test_errno_kept(void)
{
	int fd = capture_stderr();
	char buf[256];

	signal(SIGPIPE, SIG_IGN);
	close(fd);		/* the write fails: EPIPE */
	errno = ENOTTY;
	info("x");
	EXPECT_EQ(errno, ENOTTY);
	fd = capture_stderr();
	errno = EBADF;
	ioctl_error("SET_REGS");
	EXPECT_EQ(errno, EBADF);
	EXPECT(packet(fd, buf, sizeof(buf)) > 0);
	EXPECT_STREQ(buf, "avcpu-run: SET_REGS: Bad file descriptor\n");
}

static const struct unit_case cases[] = {
	{ "one_write_per_line", test_one_write_per_line },
	{ "long_message_is_cut", test_long_message_is_cut },
	{ "errno_kept", test_errno_kept },
};

int main(void)
{
	return unit_main("log", NULL, cases, ARRAY_SIZE(cases));
}
