// SPDX-License-Identifier: GPL-2.0
/*
 * Real firmware on the demo VMM: Debian's unmodified U-Boot for QEMU's
 * virt board (u-boot-qemu, qemu_arm64/u-boot.bin) under tools/avcpu-run,
 * started the way U-Boot's QEMU documentation says, as firmware in flash
 * (--bios, QEMU's -bios), and driven through the PL011 from a pipe.  The test waits for U-Boot's
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
#include "lib/vmm_console.h"

#define VMM		"/avcpu-run/avcpu-run"
#define UBOOT		"/avcpu-run/u-boot.bin"
#define BIOS		"--bios " UBOOT
#define HELLO		"/avcpu-run/hello.bin"
#define PROMPT		"=> "
#define OUT_MAX		(256 * 1024)
/* About 5 s in the lab, 2 of them U-Boot's autoboot countdown. */
#define BOOT_SECS	60	/* U-Boot to its first prompt */
#define CMD_SECS	10	/* a command to the next prompt, or the exit */
/* Within the lab's 120 s for a test binary. */
#define TEST_SECS	(BOOT_SECS + 4 * CMD_SECS)

FIXTURE(uboot) {
	struct vmm_proc v;
};

FIXTURE_SETUP(uboot)
{
	ASSERT_EQ(0, vmm_init(&self->v, OUT_MAX));
	ASSERT_EQ(0, access(VMM, X_OK));
	ASSERT_EQ(0, access(UBOOT, R_OK)) {
		TH_LOG("%s missing: the lab copies it from u-boot-qemu", UBOOT);
	}
}

FIXTURE_TEARDOWN(uboot)
{
	vmm_fini(&self->v);
}

/* The VMM on @self's console: lib/vmm_console.h. */
#define start_vmm(self, args)	vmm_start(&(self)->v, VMM, args)
#define wait_for(self, ...)	vmm_wait_for(&(self)->v, __VA_ARGS__)
#define type(self, s)		vmm_type(&(self)->v, s)
#define wait_exit(self, secs)	vmm_wait_exit(&(self)->v, secs)
#define now()			vmm_now()

TEST_F_TIMEOUT(uboot, version_and_poweroff, TEST_SECS)
{
	size_t banner, prompt, reply, next;
	double t0 = now();
	int st;

	ASSERT_EQ(0, start_vmm(self, BIOS));
	ASSERT_TRUE(wait_for(self, PROMPT, 0, BOOT_SECS, &prompt)) {
		TH_LOG("no prompt within %d s:\n%s", BOOT_SECS, self->v.buf);
	}
	TH_LOG("prompt after %.1f s", now() - t0);
	ASSERT_TRUE(wait_for(self, "U-Boot 20", 0, 0, &banner));
	ASSERT_LT(banner, prompt);

	ASSERT_TRUE(type(self, "version\n"));
	ASSERT_TRUE(wait_for(self, PROMPT "version\n", prompt, CMD_SECS,
			     &reply)) {
		TH_LOG("the command was not echoed:\n%s", self->v.buf);
	}
	ASSERT_TRUE(wait_for(self, PROMPT, reply + 1, CMD_SECS, &next)) {
		TH_LOG("no prompt after version:\n%s", self->v.buf);
	}
	/* "version" prints the banner line again, then the toolchain. */
	ASSERT_NE(NULL, memmem(self->v.buf + reply, next - reply,
			       "\nU-Boot 20", 10)) {
		TH_LOG("no version output:\n%s", self->v.buf);
	}

	ASSERT_TRUE(type(self, "poweroff\n"));
	close(self->v.in);
	self->v.in = -1;
	st = wait_exit(self, CMD_SECS);
	TH_LOG("avcpu-run exit status %d after %.1f s; transcript:\n%s",
	       st, now() - t0, self->v.buf);
	ASSERT_NE(NULL, strstr(self->v.buf + next, "poweroff"));
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

	ASSERT_EQ(0, start_vmm(self, "--reboot=restart " BIOS));
	ASSERT_TRUE(wait_for(self, PROMPT, 0, BOOT_SECS, &prompt));
	ASSERT_TRUE(type(self, "reset\n"));
	ASSERT_TRUE(wait_for(self, "U-Boot 20", prompt, BOOT_SECS, &again)) {
		TH_LOG("no second boot:\n%s", self->v.buf);
	}
	ASSERT_TRUE(wait_for(self, PROMPT, again, BOOT_SECS, &prompt));
	ASSERT_TRUE(type(self, "poweroff\n"));
	close(self->v.in);
	self->v.in = -1;
	st = wait_exit(self, CMD_SECS);
	ASSERT_EQ(0, st);
}

TEST_F_TIMEOUT(uboot, reset_exits_by_default, BOOT_SECS + 2 * CMD_SECS)
{
	size_t prompt;
	int st;

	ASSERT_EQ(0, start_vmm(self, BIOS));
	ASSERT_TRUE(wait_for(self, PROMPT, 0, BOOT_SECS, &prompt));
	ASSERT_TRUE(type(self, "reset\n"));
	close(self->v.in);
	self->v.in = -1;
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
	close(self->v.in);
	self->v.in = -1;
	ASSERT_EQ(0, wait_exit(self, CMD_SECS)) {
		TH_LOG("%s", self->v.buf);
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

	self->v.len = 0;
	self->v.eof = false;
	memset(self->v.buf, 0, OUT_MAX);
	ASSERT_EQ(0, start_vmm(self, args));
	close(self->v.in);
	self->v.in = -1;
	st = wait_exit(self, CMD_SECS);
	if (self->v.pid > 0) {
		kill(self->v.pid, SIGKILL);
		waitpid(self->v.pid, NULL, 0);
		self->v.pid = -1;
	}
	close(self->v.out);
	self->v.out = -1;
	TH_LOG("%s: %s", args, self->v.buf);
	EXPECT_EQ(1, st);
	EXPECT_EQ(0, strncmp(self->v.buf, "avcpu-run: ", 11));
	EXPECT_EQ(self->v.buf + self->v.len - 1, strchr(self->v.buf, '\n'));
}

TEST_F(uboot, bad_options_and_images_are_refused)
{
	const char *big = "/tmp/test_uboot.big";
	const char *empty = "/tmp/test_uboot.empty";
	int fd;

	/* 16 MiB: no room above 0x40080000 in 16 MiB of RAM. */
	fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, 16 << 20));
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
	/* Firmware runs alone: a kernel or initrd would need fw_cfg. */
	expect_refusal(_metadata, self, BIOS " " HELLO);
	expect_refusal(_metadata, self, BIOS " --initrd " HELLO);
	expect_refusal(_metadata, self, "--dtb " HELLO " " HELLO);
	expect_refusal(_metadata, self, "--bios /tmp/test_uboot.empty");
	unlink(big);
	unlink(empty);
}

TEST_HARNESS_MAIN
