// SPDX-License-Identifier: GPL-2.0
/*
 * Real firmware on the demo VMM: Debian's unmodified U-Boot for QEMU's
 * virt board (u-boot-qemu, qemu_arm64/u-boot.bin) under tools/avcpu-run,
 * driven through the PL011 from a pipe.  The test waits for U-Boot's
 * prompt before it types each command (a key pressed during the autoboot
 * countdown would only stop it and be lost), runs "version", then
 * "poweroff", which is PSCI SYSTEM_OFF: avcpu-run must exit 0.
 *
 * Also: the DTB that avcpu-run writes with --dtb-out, and the one-line
 * refusals of bad options and of images that do not fit.  The lab's
 * initramfs carries the VMM and U-Boot at /avcpu-run.
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
#define UBOOT		"/avcpu-run/u-boot.bin"
#define HELLO		"/avcpu-run/hello.bin"
#define PROMPT		"=> "
#define OUT_MAX		(256 * 1024)
/* About 5 s in the lab, 2 of them U-Boot's autoboot countdown. */
#define BOOT_SECS	60	/* U-Boot to its first prompt */
#define CMD_SECS	10	/* a command to the next prompt, or the exit */
/* Within the lab's 120 s for a test binary. */
#define TEST_SECS	(BOOT_SECS + 4 * CMD_SECS)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

FIXTURE(uboot) {
	pid_t pid;
	int in;			/* the VMM's stdin */
	int out;		/* its stdout and stderr */
	bool eof;
	size_t len;
	char *buf;		/* everything it printed, '\r' dropped */
};

FIXTURE_SETUP(uboot)
{
	self->pid = -1;
	self->in = -1;
	self->out = -1;
	self->buf = calloc(1, OUT_MAX + 1);
	ASSERT_NE(NULL, self->buf);
	ASSERT_EQ(0, access(VMM, X_OK));
	ASSERT_EQ(0, access(UBOOT, R_OK)) {
		TH_LOG("%s missing: the lab copies it from u-boot-qemu", UBOOT);
	}
}

FIXTURE_TEARDOWN(uboot)
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
static int start_vmm(struct _test_data_uboot *self, const char *args)
{
	int in[2], out[2];
	char cmd[512];

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
static bool read_output(struct _test_data_uboot *self)
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
static bool wait_for(struct _test_data_uboot *self, const char *want,
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
static bool type(struct _test_data_uboot *self, const char *s)
{
	for (; *s; s++) {
		if (write(self->in, s, 1) != 1)
			return false;
		usleep(1000);
	}
	return true;
}

/* The VMM's exit status within @secs, or -1. */
static int wait_exit(struct _test_data_uboot *self, double secs)
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

TEST_F_TIMEOUT(uboot, version_and_poweroff, TEST_SECS)
{
	size_t banner, prompt, reply, next;
	double t0 = now();
	int st;

	ASSERT_EQ(0, start_vmm(self, UBOOT));
	ASSERT_TRUE(wait_for(self, PROMPT, 0, BOOT_SECS, &prompt)) {
		TH_LOG("no prompt within %d s:\n%s", BOOT_SECS, self->buf);
	}
	TH_LOG("prompt after %.1f s", now() - t0);
	ASSERT_TRUE(wait_for(self, "U-Boot 20", 0, 0, &banner));
	ASSERT_LT(banner, prompt);

	ASSERT_TRUE(type(self, "version\n"));
	ASSERT_TRUE(wait_for(self, PROMPT "version\n", prompt, CMD_SECS,
			     &reply)) {
		TH_LOG("the command was not echoed:\n%s", self->buf);
	}
	ASSERT_TRUE(wait_for(self, PROMPT, reply + 1, CMD_SECS, &next)) {
		TH_LOG("no prompt after version:\n%s", self->buf);
	}
	/* "version" prints the banner line again, then the toolchain. */
	ASSERT_NE(NULL, memmem(self->buf + reply, next - reply,
			       "\nU-Boot 20", 10)) {
		TH_LOG("no version output:\n%s", self->buf);
	}

	ASSERT_TRUE(type(self, "poweroff\n"));
	close(self->in);
	self->in = -1;
	st = wait_exit(self, CMD_SECS);
	TH_LOG("avcpu-run exit status %d after %.1f s; transcript:\n%s",
	       st, now() - t0, self->buf);
	ASSERT_NE(NULL, strstr(self->buf + next, "poweroff"));
	ASSERT_EQ(0, st);
}

/* U-Boot's device tree, as avcpu-run writes it with --dtb-out. */
/*
 * U-Boot's `reset` is PSCI SYSTEM_RESET: with --reboot=restart avcpu-run
 * resets the vCPUs, reloads U-Boot and runs it again (a second banner and
 * prompt), and `poweroff` then ends it with status 0; by default the
 * reset ends avcpu-run with status 2.
 */
TEST_F_TIMEOUT(uboot, reset_restarts_or_exits, 2 * BOOT_SECS + 4 * CMD_SECS)
{
	size_t prompt, again;
	int st;

	ASSERT_EQ(0, start_vmm(self, "--reboot=restart " UBOOT));
	ASSERT_TRUE(wait_for(self, PROMPT, 0, BOOT_SECS, &prompt));
	ASSERT_TRUE(type(self, "reset\n"));
	ASSERT_TRUE(wait_for(self, "U-Boot 20", prompt, BOOT_SECS, &again)) {
		TH_LOG("no second boot:\n%s", self->buf);
	}
	ASSERT_TRUE(wait_for(self, PROMPT, again, BOOT_SECS, &prompt));
	ASSERT_TRUE(type(self, "poweroff\n"));
	close(self->in);
	self->in = -1;
	st = wait_exit(self, CMD_SECS);
	ASSERT_EQ(0, st);
}

TEST_F_TIMEOUT(uboot, reset_exits_by_default, BOOT_SECS + 2 * CMD_SECS)
{
	size_t prompt;
	int st;

	ASSERT_EQ(0, start_vmm(self, UBOOT));
	ASSERT_TRUE(wait_for(self, PROMPT, 0, BOOT_SECS, &prompt));
	ASSERT_TRUE(type(self, "reset\n"));
	close(self->in);
	self->in = -1;
	st = wait_exit(self, CMD_SECS);
	ASSERT_EQ(2, st);
}

TEST_F(uboot, dtb_out_describes_the_machine)
{
	static const char * const want[] = {
		"linux,dummy-virt", "memory", "arm,armv8", "psci",
		"arm,psci-1.0", "hvc", "arm,armv8-timer", "fixed-clock",
		"arm,pl011", "arm,primecell", "uartclk", "apb_pclk",
		"/pl011@9000000", "stdout-path", "earlycon avcpu=test", "cpu@1",
	};
	const char *dtb = "/tmp/test_uboot.dtb";
	const char *args = "--cpus 2 --dtb-out /tmp/test_uboot.dtb --cmdline 'earlycon avcpu=test' "
			   HELLO;
	static unsigned char blob[65536];
	ssize_t n;
	size_t i;
	int fd;

	unlink(dtb);
	ASSERT_EQ(0, start_vmm(self, args));
	close(self->in);
	self->in = -1;
	ASSERT_EQ(0, wait_exit(self, CMD_SECS)) {
		TH_LOG("%s", self->buf);
	}

	fd = open(dtb, O_RDONLY);
	ASSERT_LE(0, fd);
	n = read(fd, blob, sizeof(blob));
	close(fd);
	ASSERT_LT(40, n);
	ASSERT_EQ(0, memcmp(blob, "\xd0\x0d\xfe\xed", 4));
	/* totalsize, big-endian */
	ASSERT_EQ((uint32_t)n, (uint32_t)blob[4] << 24 | blob[5] << 16 |
		  blob[6] << 8 | blob[7]);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		EXPECT_NE(NULL, memmem(blob, n, want[i], strlen(want[i]))) {
			TH_LOG("'%s' is not in the DTB", want[i]);
		}
	}
	unlink(dtb);
}

/* Exit status 1 and exactly one "avcpu-run: " line, nothing else. */
static void expect_refusal(struct __test_metadata *_metadata,
			   struct _test_data_uboot *self, const char *args)
{
	int st;

	self->len = 0;
	self->eof = false;
	memset(self->buf, 0, OUT_MAX);
	ASSERT_EQ(0, start_vmm(self, args));
	close(self->in);
	self->in = -1;
	st = wait_exit(self, CMD_SECS);
	if (self->pid > 0) {
		kill(self->pid, SIGKILL);
		waitpid(self->pid, NULL, 0);
		self->pid = -1;
	}
	close(self->out);
	self->out = -1;
	TH_LOG("%s: %s", args, self->buf);
	EXPECT_EQ(1, st);
	EXPECT_EQ(0, strncmp(self->buf, "avcpu-run: ", 11));
	EXPECT_EQ(self->buf + self->len - 1, strchr(self->buf, '\n'));
}

TEST_F(uboot, bad_options_and_images_are_refused)
{
	const char *big = "/tmp/test_uboot.big";
	const char *empty = "/tmp/test_uboot.empty";
	int fd;

	/* 13 MiB: no room above 0x40400000 in 16 MiB of RAM. */
	fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, 13 << 20));
	close(fd);
	fd = open(empty, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	close(fd);

	expect_refusal(_metadata, self, "--mem 16 /tmp/test_uboot.big");
	expect_refusal(_metadata, self, "/tmp/test_uboot.empty");
	expect_refusal(_metadata, self, "/tmp/no-such-image");
	expect_refusal(_metadata, self, "/tmp");
	expect_refusal(_metadata, self, "--mem 15 " UBOOT);
	expect_refusal(_metadata, self, "--mem 4097 " UBOOT);
	expect_refusal(_metadata, self, "--mem 1x " UBOOT);
	expect_refusal(_metadata, self, "--cpus 0 " UBOOT);
	expect_refusal(_metadata, self, "--bogus " UBOOT);
	expect_refusal(_metadata, self, "--mem");
	expect_refusal(_metadata, self, UBOOT " " UBOOT);
	expect_refusal(_metadata, self, "--dtb-out /no/such/dir/x.dtb " UBOOT);
	unlink(big);
	unlink(empty);
}

TEST_HARNESS_MAIN
