// SPDX-License-Identifier: GPL-2.0
/*
 * A real kernel on the demo VMM: the lab's own Debian arm64 kernel
 * (/avcpu-run/vmlinuz) under tools/avcpu-run on 2 vCPUs, with the
 * emulated GICv2, the virtual timer on PPI 11 and the PL011 on SPI 1,
 * and the test initramfs (/avcpu-run/linux-init.cpio, whose /init is
 * tools/avcpu-run/guests/linux-init.c).  The /init prints the online
 * CPUs, the kernel release and the uptime, asks for a line, echoes it
 * and powers off: the line goes in through the PL011's RX interrupt and
 * ttyAMA0, the power-off is PSCI SYSTEM_OFF, avcpu-run must exit 0.
 * Nothing in the output may say that the timer or the interrupts failed
 * the kernel: no soft lockup, no RCU stall, no unstable clocksource.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include "kselftest_harness.h"

#define VMM		"/avcpu-run/avcpu-run"
#define KERNEL		"/avcpu-run/vmlinuz"
#define INITRD		"/avcpu-run/linux-init.cpio"
#define ASK		"avcpu-init: type a line:"
#define LINE		"hello from test_linux"
#define OUT_MAX		(1024 * 1024)
/*
 * The guest runs under avcpu under QEMU's TCG: tens of seconds to /init.
 * Within the lab's 120 s for a test binary.
 */
#define BOOT_SECS	100	/* avcpu-run start to the /init's question */
#define CMD_SECS	12	/* the echo and the power-off */
#define TEST_SECS	(BOOT_SECS + CMD_SECS + 3)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

FIXTURE(kernel) {
	pid_t pid;
	int in;			/* the VMM's stdin */
	int out;		/* its stdout and stderr */
	bool eof;
	size_t len;
	char *buf;		/* everything it printed, '\r' dropped */
};

FIXTURE_SETUP(kernel)
{
	self->pid = -1;
	self->in = -1;
	self->out = -1;
	self->buf = calloc(1, OUT_MAX + 1);
	ASSERT_NE(NULL, self->buf);
	ASSERT_EQ(0, access(VMM, X_OK));
	ASSERT_EQ(0, access(KERNEL, R_OK)) {
		TH_LOG("%s missing: the lab copies its own kernel there", KERNEL);
	}
	ASSERT_EQ(0, access(INITRD, R_OK));
}

FIXTURE_TEARDOWN(kernel)
{
	if (self->pid > 0) {
		kill(self->pid, SIGKILL);
		waitpid(self->pid, NULL, 0);
	}
	if (self->in >= 0)
		close(self->in);
	if (self->out >= 0)
		close(self->out);
	free(self->buf);
}

/* Start the VMM on pipes; it dies with us whatever happens. */
static int start_vmm(struct _test_data_kernel *self, const char *args)
{
	int in[2], out[2];
	char cmd[1024];

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC))
		return -1;
	snprintf(cmd, sizeof(cmd), "exec %s %s", VMM, args);
	self->pid = fork();
	if (self->pid < 0)
		return -1;
	if (!self->pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		execl("/bin/sh", "sh", "-c", cmd, NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	self->in = in[1];
	self->out = out[0];
	return 0;
}

/* Take in what the VMM printed, for up to 100 ms; false at EOF. */
static bool read_output(struct _test_data_kernel *self)
{
	struct pollfd pfd = { .fd = self->out, .events = POLLIN };
	char chunk[4096];
	ssize_t n, i;

	if (self->eof)
		return false;
	if (poll(&pfd, 1, 100) <= 0)
		return true;
	n = read(self->out, chunk, sizeof(chunk));
	if (n < 0 && errno == EINTR)
		return true;
	if (n <= 0) {
		self->eof = true;
		return false;
	}
	for (i = 0; i < n && self->len < OUT_MAX; i++) {
		if (chunk[i] != '\r')
			self->buf[self->len++] = chunk[i];
	}
	return true;
}

/*
 * Read output until @want appears at or after @from (true, *@at is
 * where), or until EOF or @secs pass (false).
 */
static bool wait_for(struct _test_data_kernel *self, const char *want,
		     size_t from, double secs, size_t *at)
{
	double end = now() + secs;
	char *hit;

	for (;;) {
		hit = from <= self->len ? strstr(self->buf + from, want) : NULL;
		if (hit) {
			if (at)
				*at = hit - self->buf;
			return true;
		}
		if (now() >= end || !read_output(self))
			return false;
	}
}

/* Type @s as a terminal would, a byte at a time. */
static bool type(struct _test_data_kernel *self, const char *s)
{
	for (; *s; s++) {
		if (write(self->in, s, 1) != 1)
			return false;
		usleep(1000);
	}
	return true;
}

/* The VMM's exit status within @secs, or -1. */
static int wait_exit(struct _test_data_kernel *self, double secs)
{
	double end = now() + secs;
	int st;

	while (now() < end && read_output(self))
		;
	while (now() < end) {
		if (waitpid(self->pid, &st, WNOHANG) == self->pid) {
			self->pid = -1;
			return WIFEXITED(st) ? WEXITSTATUS(st) :
			       128 + WTERMSIG(st);
		}
		usleep(10000);
	}
	return -1;
}

static const char * const bad_news[] = {
	"soft lockup", "self-detected stall", "detected stalls", "RCU stall",
	"rcu_preempt detected", "unstable", "timer doesn't work",
	"not working", "No interrupt available", "Kernel panic", "Oops",
	"BUG:", "WARNING:", "Unable to mount root",
};

TEST_F_TIMEOUT(kernel, boot_echo_poweroff, TEST_SECS)
{
	size_t run_init, ask, echo;
	double t0 = now(), t_init;
	size_t i;
	int st;

	ASSERT_EQ(0, start_vmm(self, "--cpus 2 --mem 256 --initrd " INITRD
			       " " KERNEL));
	ASSERT_TRUE(wait_for(self, ASK, 0, BOOT_SECS, &ask)) {
		TH_LOG("no question from /init within %d s:\n%s", BOOT_SECS,
		       self->buf);
	}
	ASSERT_TRUE(wait_for(self, "Run /init", 0, 0, &run_init));
	t_init = now() - t0;
	ASSERT_LT(run_init, ask);
	TH_LOG("Linux at /init after %.1f s", t_init);
	EXPECT_TRUE(wait_for(self, "avcpu-init: online cpus 2\n", run_init, 0,
			     NULL));
	EXPECT_TRUE(wait_for(self, "avcpu-init: kernel Linux ", run_init, 0,
			     NULL));

	ASSERT_TRUE(type(self, LINE "\n"));
	ASSERT_TRUE(wait_for(self, "avcpu-init: echo [" LINE "]", ask,
			     CMD_SECS, &echo)) {
		TH_LOG("the line was not echoed:\n%s", self->buf + ask);
	}
	close(self->in);
	self->in = -1;
	st = wait_exit(self, CMD_SECS);
	TH_LOG("avcpu-run exit status %d after %.1f s; from /init on:\n%s",
	       st, now() - t0, self->buf + run_init);
	EXPECT_TRUE(wait_for(self, "avcpu-init: power off", echo, 0, NULL));
	for (i = 0; i < ARRAY_SIZE(bad_news); i++) {
		EXPECT_EQ(NULL, strstr(self->buf, bad_news[i])) {
			TH_LOG("'%s' in the output:\n%s", bad_news[i],
			       self->buf);
		}
	}
	ASSERT_EQ(0, st);
}

TEST_HARNESS_MAIN
