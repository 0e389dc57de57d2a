/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Booting the lab's Debian kernel in avcpu-run, for test_linux*.c: the
 * kernel (/avcpu-run/vmlinuz) with the test initramfs
 * (/avcpu-run/linux-init.cpio, whose /init is
 * tools/avcpu-run/guests/linux-init.c).  The /init prints the online
 * CPUs, the kernel release, the timer and IPI counts of /proc/interrupts
 * before and after it kept each CPU busy in turn, asks for a line, echoes
 * it and powers off: the line goes in through the PL011's RX interrupt,
 * the power-off is PSCI SYSTEM_OFF, avcpu-run must exit 0.
 *
 * linux_guest_boot() asserts all of it: /init reached, the CPUs online,
 * the timer's count rising (and the IPIs' with more than one vCPU), the
 * line echoed, status 0, and nothing in the output saying the timer or
 * the interrupts failed the kernel (lockups, stalls, spurious interrupts).
 * Needs kselftest_harness.h included first.
 */
#ifndef AVCPU_LINUX_GUEST_H
#define AVCPU_LINUX_GUEST_H

#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <linux/avcpu.h>
#include "avcpu_util.h"
#include "vmm_console.h"

#define LG_VMM		"/avcpu-run/avcpu-run"
#define LG_KERNEL	"/avcpu-run/vmlinuz"
#define LG_INITRD	"/avcpu-run/linux-init.cpio"
#define LG_ASK		"avcpu-init: type a line:"
#define LG_LINE		"hello from test_linux"
#define LG_OUT_MAX	(1024 * 1024)
/*
 * The guest runs under avcpu (or KVM) under QEMU's TCG: tens of seconds
 * to /init, more with more vCPUs on the lab's one CPU.  Each test binary
 * has the lab's 120 s.
 */
#define LG_CMD_SECS	12	/* the echo and the power-off */
/*
 * The lab's debug kernel is several times slower (KASAN, lockdep; on
 * debug-pnmi two vCPU threads share the one CPU /init leaves the tests:
 * 86 s to /init where the stock kernel takes 10): a boot gets 2.5 times
 * its time there, within the debug lab's 300 s per binary.  The harness
 * limit of a test that boots in @boot seconds:
 */
#define LG_TIMEOUT(boot)	((boot) * 5 / 2 + LG_CMD_SECS + 3)
/*
 * A kernel command line with the console's messages down to warnings:
 * a fraction of the exits (each character is one), so three boots fit
 * a binary's 120 s even on a loaded nVHE lab host.  Lockups, stalls,
 * spurious interrupts and warnings still print.
 */
#define LG_QUIET	"--cmdline 'console=ttyAMA0 earlycon quiet' "

static const char * const lg_bad_news[] = {
	"soft lockup", "hard LOCKUP", "self-detected stall",
	"detected stalls", "RCU stall", "rcu_preempt detected", "unstable",
	"timer doesn't work", "not working", "No interrupt available",
	"Kernel panic", "Oops", "BUG:", "WARNING:", "Unable to mount root",
	"spurious", "Spurious", "nobody cared",
};

/* /dev/avcpu's features, 0 without it. */
static inline __u64 lg_avcpu_features(void)
{
	struct avcpu_caps caps = { 0 };
	int fd = open("/dev/avcpu", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (ioctl(fd, AVCPU_GET_CAPS, &caps) < 0)
		caps.features = 0;
	close(fd);
	return caps.features;
}

/* "avcpu-init: irqs @n timer T ipi I" after @from: false if absent. */
static inline bool lg_irqs(struct vmm_proc *v, int n, size_t from,
			   unsigned long *timer, unsigned long *ipi)
{
	char want[32];
	size_t at;

	snprintf(want, sizeof(want), "avcpu-init: irqs %d timer ", n);
	if (!vmm_wait_for(v, want, from, 0, &at))
		return false;
	return sscanf(v->buf + at + strlen(want), "%lu ipi %lu", timer,
		      ipi) == 2;
}

/*
 * How many times @needle is in @hay.
 */
static inline int lg_count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/*
 * Boot with `@args --cpus @cpus --mem 256`, within @boot_secs to the
 * /init's question; everything above asserted.  With LG_QUIET in @args
 * the kernel does not say "Run /init": the /init's first line stands
 * for it.  @known_warning, if not
 * NULL, is a kernel warning the accelerator is known to cause: each
 * "WARNING:" may be one of those (and is still printed).
 */
static inline void linux_guest_boot(struct __test_metadata *_metadata,
				    struct vmm_proc *v, const char *args,
				    int cpus, int boot_secs,
				    const char *known_warning)
{
	size_t run_init, ask, echo, at = 0;
	unsigned long t1, i1, t2, i2;
	double t0 = vmm_now();
	char cmd[400], want[64];
	size_t i;
	int st;

	if (avcpu_debug_kernel())
		boot_secs = boot_secs * 5 / 2;
	ASSERT_EQ(0, access(LG_VMM, X_OK));
	ASSERT_EQ(0, access(LG_KERNEL, R_OK)) {
		TH_LOG("%s missing: the lab copies its own kernel there",
		       LG_KERNEL);
	}
	ASSERT_EQ(0, access(LG_INITRD, R_OK));
	snprintf(cmd, sizeof(cmd), "%s --cpus %d --mem 256 --initrd %s %s",
		 args, cpus, LG_INITRD, LG_KERNEL);
	TH_LOG("avcpu-run %s", cmd);
	ASSERT_EQ(0, vmm_start(v, LG_VMM, cmd));
	ASSERT_TRUE(vmm_wait_for(v, LG_ASK, 0, boot_secs, &ask)) {
		TH_LOG("no question from /init within %d s:\n%s", boot_secs,
		       v->buf);
	}
	ASSERT_TRUE(vmm_wait_for(v, strstr(args, " quiet'") ? "avcpu-init: " :
				 "Run /init", 0, 0, &run_init));
	ASSERT_LT(run_init, ask);
	TH_LOG("Linux at /init after %.1f s", vmm_now() - t0);
	/*
	 * The guest kernel's own console messages may land in the middle
	 * of the line (a loaded lab host makes it print "hrtimer: interrupt
	 * took ..."): what follows the count only has to be no digit.
	 */
	snprintf(want, sizeof(want), "avcpu-init: online cpus %d", cpus);
	EXPECT_TRUE(vmm_wait_for(v, want, run_init, 0, &at));
	EXPECT_FALSE(isdigit((unsigned char)v->buf[at + strlen(want)]));
	EXPECT_TRUE(vmm_wait_for(v, "avcpu-init: kernel Linux ", run_init, 0,
				 NULL));
	/* The timer ticks, and with more CPUs they send each other IPIs. */
	ASSERT_TRUE(lg_irqs(v, 1, run_init, &t1, &i1) &&
		    lg_irqs(v, 2, run_init, &t2, &i2)) {
		TH_LOG("no interrupt counts from /init:\n%s",
		       v->buf + run_init);
	}
	TH_LOG("timer %lu -> %lu, IPIs %lu -> %lu", t1, t2, i1, i2);
	EXPECT_LT(t1, t2);
	if (cpus > 1)
		EXPECT_LT(i1, i2);

	ASSERT_TRUE(vmm_type(v, LG_LINE "\n"));
	ASSERT_TRUE(vmm_wait_for(v, "avcpu-init: echo [" LG_LINE "]", ask,
				 LG_CMD_SECS, &echo)) {
		TH_LOG("the line was not echoed:\n%s", v->buf + ask);
	}
	close(v->in);
	v->in = -1;
	st = vmm_wait_exit(v, LG_CMD_SECS);
	TH_LOG("avcpu-run exit status %d after %.1f s; from /init on:\n%s",
	       st, vmm_now() - t0, v->buf + run_init);
	EXPECT_TRUE(vmm_wait_for(v, "avcpu-init: power off", echo, 0, NULL));
	for (i = 0; i < ARRAY_SIZE(lg_bad_news); i++) {
		const char *bad = lg_bad_news[i];

		if (known_warning && !strcmp(bad, "WARNING:")) {
			EXPECT_LE(lg_count(v->buf, bad),
				  lg_count(v->buf, known_warning)) {
				TH_LOG("a warning besides '%s':\n%s",
				       known_warning, v->buf);
			}
			continue;
		}
		EXPECT_EQ(NULL, strstr(v->buf, bad)) {
			TH_LOG("'%s' in the output:\n%s", bad, v->buf);
		}
	}
	ASSERT_EQ(0, st);
}

#endif /* AVCPU_LINUX_GUEST_H */
