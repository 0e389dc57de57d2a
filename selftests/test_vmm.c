// SPDX-License-Identifier: GPL-2.0
/*
 * The demo VMM, tools/avcpu-run, on its demo guest: one vCPU, and four
 * vCPUs brought up by the guest through the module's PSCI (CPU_ON, each
 * secondary prints and calls CPU_OFF, CPU 0 waits with AFFINITY_INFO and
 * calls SYSTEM_OFF).  The lab's initramfs carries both at /avcpu-run.
 * Then its memory options: --mem-pinned, and --dirty-stats on the dirty
 * guest, which writes the same 4 MiB for 3 s: the per-second figures
 * must count exactly those pages.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <linux/avcpu.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/vmm_console.h"

#define VMM	"/avcpu-run/avcpu-run"
#define GUEST	"/avcpu-run/hello.bin"
#define DIRTY_GUEST	"/avcpu-run/dirty.bin"
#define DIRTY_REGION	(4UL << 20)	/* guests/dirty.S: REGION's size */
#define DIRTY_ERR	"/tmp/test_vmm-dirty.err"

/* Run the VMM on @guest, collect its stdout; returns its exit status. */
static int run_vmm_on(const char *guest, const char *args, char *out,
		      size_t len)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "%s %s %s </dev/null", VMM, args, guest);
	return vmm_run_capture(cmd, out, len);
}

static int run_vmm(const char *args, char *out, size_t len)
{
	return run_vmm_on(GUEST, args, out, len);
}

/* The module's AVCPU_FEAT_* bits, 0 if it cannot say. */
static __u64 avcpu_features(void)
{
	struct avcpu_caps caps = { 0 };
	int fd = open("/dev/avcpu", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (ioctl(fd, AVCPU_GET_CAPS, &caps))
		caps.features = 0;
	close(fd);
	return caps.features;
}

TEST(hello_on_one_cpu)
{
	char out[4096];

	ASSERT_EQ(0, access(VMM, X_OK));
	ASSERT_EQ(0, run_vmm("", out, sizeof(out)));
	TH_LOG("%s", out);
	ASSERT_NE(NULL, strstr(out, "Hello from an avcpu guest!"));
	ASSERT_EQ(NULL, strstr(out, "Hello from CPU"));
}

TEST(hello_on_four_cpus)
{
	char out[4096], line[32];
	int i;

	ASSERT_EQ(0, run_vmm("--cpus 4", out, sizeof(out)));
	TH_LOG("%s", out);
	ASSERT_NE(NULL, strstr(out, "Hello from an avcpu guest!"));
	for (i = 1; i < 4; i++) {
		snprintf(line, sizeof(line), "Hello from CPU %d\n", i);
		ASSERT_NE(NULL, strstr(out, line));
	}
	ASSERT_EQ(NULL, strstr(out, "Hello from CPU 4"));
	ASSERT_NE(NULL, strstr(out, "All 4 CPUs done"));
}

TEST(bad_cpu_count_is_refused)
{
	char out[4096];

	ASSERT_EQ(1, run_vmm("--cpus 9 2>&1", out, sizeof(out)));
	ASSERT_EQ(1, run_vmm("--cpus 0 2>&1", out, sizeof(out)));
}

/* Pinned or not (the module's default), the guest runs the same. */
TEST(hello_with_pinned_ram)
{
	char out[4096];

	ASSERT_EQ(0, run_vmm("--mem-pinned --verbose 2>&1", out, sizeof(out)));
	TH_LOG("%s", out);
	ASSERT_NE(NULL, strstr(out, "Hello from an avcpu guest!"));
}

/*
 * --dirty-stats: while the guest writes its 4 MiB, each one-second line
 * counts exactly those pages (the guest rewrites all of them many times
 * a second), never more; at the end the summary's distinct pages are
 * exactly those too.  Without AVCPU_FEAT_DIRTY_LOG avcpu-run must
 * refuse the option with status 1.  The figures are avcpu-run's own
 * lines on stderr, read apart from the guest's console on stdout: the
 * console goes out a byte at a time, and a line of the VMM's may land
 * in the middle of one of the guest's.
 */
TEST(dirty_stats_count_the_pages_written)
{
	unsigned long long pages, want = DIRTY_REGION / getpagesize();
	unsigned long long distinct = ~0ULL, rounds = 0;
	unsigned int full = 0, lines = 0;
	static const char summary[] =
		"avcpu-run: dirty: %llu rounds of 1 s: mean %lf pages/s, %*f MiB/s; peak %lf%n";
	double secs, rate, mib_s, mean = 0, peak = 0;
	static char out[65536], err[65536];
	char *p;
	int st;

	unlink(DIRTY_ERR);
	st = run_vmm_on(DIRTY_GUEST, "--dirty-stats 2>" DIRTY_ERR, out,
			sizeof(out));
	ASSERT_LE(0, avcpu_read_file(DIRTY_ERR, err, sizeof(err)));
	TH_LOG("stdout:\n%s", out);
	TH_LOG("stderr:\n%s", err);
	if (!(avcpu_features() & AVCPU_FEAT_DIRTY_LOG)) {
		ASSERT_EQ(1, st);
		ASSERT_NE(NULL, strstr(err, "no dirty logging"));
		SKIP(return, "no AVCPU_FEAT_DIRTY_LOG: refused, as it must be");
	}
	ASSERT_EQ(0, st);
	ASSERT_NE(NULL, strstr(out, "dirty: writing"));
	ASSERT_NE(NULL, strstr(out, "dirty: done"));
	/* sscanf() stores what matched: %n says the whole format did. */
	for (p = err; (p = strstr(p, "avcpu-run: dirty: ")); p++) {
		unsigned long long n1;
		double m, pk;
		int end = 0;

		if (sscanf(p, "avcpu-run: dirty: %llu pages in %lf s: %lf pages/s, %lf MiB/s%n",
			   &pages, &secs, &rate, &mib_s, &end) == 4 && end) {
			lines++;
			ASSERT_LE(pages, want);
			ASSERT_GT(secs, 0.5);
			/* The count over the interval (printed to 0.01 s). */
			ASSERT_LT(rate, pages / secs * 1.02 + 1);
			ASSERT_GT(rate, pages / secs * 0.98 - 1);
			if (pages == want) {
				full++;
				ASSERT_GT(rate, 0);
				ASSERT_GT(mib_s, 0);
			}
		}
		end = 0;
		if (sscanf(p, summary, &n1, &m, &pk, &end) == 3 && end) {
			rounds = n1;
			mean = m;
			peak = pk;
			ASSERT_EQ(lines, rounds);
			ASSERT_GT(mean, 0);
			ASSERT_LE(mean, peak + 1);
		}
		end = 0;
		if (sscanf(p, "avcpu-run: dirty: %llu distinct%n", &n1,
			   &end) == 1 && end)
			distinct = n1;
	}
	/* 3 s of writing: two whole seconds at least, one allowed to lag. */
	ASSERT_GE(lines, 2);
	ASSERT_GE(full, 1);
	ASSERT_EQ(lines, rounds);
	ASSERT_EQ(want, distinct);
}

TEST_HARNESS_MAIN
