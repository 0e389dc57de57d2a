// SPDX-License-Identifier: GPL-2.0
/*
 * The demo VMM, tools/avcpu-run, on its demo guest: one vCPU, and four
 * vCPUs brought up by the guest through the module's PSCI (CPU_ON, each
 * secondary prints and calls CPU_OFF, CPU 0 waits with AFFINITY_INFO and
 * calls SYSTEM_OFF).  The lab's initramfs carries both at /avcpu-run.
 */
#define _GNU_SOURCE
#include <sys/wait.h>
#include "kselftest_harness.h"
#include "lib/vmm_console.h"

#define VMM	"/avcpu-run/avcpu-run"
#define GUEST	"/avcpu-run/hello.bin"

/* Run the VMM, collect its stdout; returns its exit status. */
static int run_vmm(const char *args, char *out, size_t len)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "%s %s %s </dev/null", VMM, args, GUEST);
	return vmm_run_capture(cmd, out, len);
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

TEST_HARNESS_MAIN
