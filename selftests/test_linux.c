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
#include <ctype.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/vmm_console.h"

#define VMM		"/avcpu-run/avcpu-run"
#define KERNEL		"/avcpu-run/vmlinuz"
#define INITRD		"/avcpu-run/linux-init.cpio"
#define ASK		"avcpu-init: type a line:"
#define LINE		"hello from test_linux"
#define OUT_MAX		(1024 * 1024)
/*
 * The guest runs under avcpu under QEMU's TCG: avcpu-run's start to the
 * /init's question takes 9-13 s on the lab's stock kernels (limit 100 s,
 * within the lab's 120 s for a test binary), 26-34 s on the debug
 * kernel and up to 86 s on debug-pnmi, whose two vCPU threads share the
 * one CPU /init leaves the tests (limit 250 s, within the debug lab's
 * 300 s).
 */
#define BOOT_SECS	100
#define BOOT_SECS_DEBUG	250
#define CMD_SECS	12	/* the echo and the power-off */
#define TEST_SECS	(BOOT_SECS_DEBUG + CMD_SECS + 3)

static int boot_secs(void)
{
	return avcpu_debug_kernel() ? BOOT_SECS_DEBUG : BOOT_SECS;
}

FIXTURE(kernel) {
	struct vmm_proc v;
};

FIXTURE_SETUP(kernel)
{
	ASSERT_EQ(0, vmm_init(&self->v, OUT_MAX));
	ASSERT_EQ(0, access(VMM, X_OK));
	ASSERT_EQ(0, access(KERNEL, R_OK)) {
		TH_LOG("%s missing: the lab copies its own kernel there", KERNEL);
	}
	ASSERT_EQ(0, access(INITRD, R_OK));
}

FIXTURE_TEARDOWN(kernel)
{
	vmm_fini(&self->v);
}

/* The VMM on @self's console: lib/vmm_console.h. */
#define start_vmm(self, args)	vmm_start(&(self)->v, VMM, args)
#define wait_for(self, ...)	vmm_wait_for(&(self)->v, __VA_ARGS__)
#define type(self, s)		vmm_type(&(self)->v, s)
#define wait_exit(self, secs)	vmm_wait_exit(&(self)->v, secs)
#define now()			vmm_now()

static const char * const bad_news[] = {
	"soft lockup", "self-detected stall", "detected stalls", "RCU stall",
	"rcu_preempt detected", "unstable", "timer doesn't work",
	"not working", "No interrupt available", "Kernel panic", "Oops",
	"BUG:", "WARNING:", "Unable to mount root",
};

TEST_F_TIMEOUT(kernel, boot_echo_poweroff, TEST_SECS)
{
	size_t run_init, ask, echo, cpus = 0;
	double t0 = now(), t_init;
	size_t i;
	int st;

	ASSERT_EQ(0, start_vmm(self, "--cpus 2 --mem 256 --initrd " INITRD
			       " " KERNEL));
	ASSERT_TRUE(wait_for(self, ASK, 0, boot_secs(), &ask)) {
		TH_LOG("no question from /init within %d s:\n%s", boot_secs(),
		       self->v.buf);
	}
	ASSERT_TRUE(wait_for(self, "Run /init", 0, 0, &run_init));
	t_init = now() - t0;
	ASSERT_LT(run_init, ask);
	TH_LOG("Linux at /init after %.1f s", t_init);
	/*
	 * The guest kernel's own console messages may land in the middle
	 * of the line (a loaded lab host makes it print "hrtimer: interrupt
	 * took ..."): what follows the count only has to be no digit.
	 */
	EXPECT_TRUE(wait_for(self, "avcpu-init: online cpus 2", run_init, 0,
			     &cpus));
	EXPECT_FALSE(isdigit((unsigned char)self->v.buf[cpus + 25]));
	EXPECT_TRUE(wait_for(self, "avcpu-init: kernel Linux ", run_init, 0,
			     NULL));

	ASSERT_TRUE(type(self, LINE "\n"));
	ASSERT_TRUE(wait_for(self, "avcpu-init: echo [" LINE "]", ask,
			     CMD_SECS, &echo)) {
		TH_LOG("the line was not echoed:\n%s", self->v.buf + ask);
	}
	close(self->v.in);
	self->v.in = -1;
	st = wait_exit(self, CMD_SECS);
	TH_LOG("avcpu-run exit status %d after %.1f s; from /init on:\n%s",
	       st, now() - t0, self->v.buf + run_init);
	EXPECT_TRUE(wait_for(self, "avcpu-init: power off", echo, 0, NULL));
	for (i = 0; i < ARRAY_SIZE(bad_news); i++) {
		EXPECT_EQ(NULL, strstr(self->v.buf, bad_news[i])) {
			TH_LOG("'%s' in the output:\n%s", bad_news[i],
			       self->v.buf);
		}
	}
	ASSERT_EQ(0, st);
}

TEST_HARNESS_MAIN
