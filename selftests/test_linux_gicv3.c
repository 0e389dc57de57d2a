// SPDX-License-Identifier: GPL-2.0
/*
 * The lab's Debian kernel in avcpu-run on /dev/avcpu with the module's
 * in-kernel GICv3 (--irqchip=gicv3), on 1, 2 and 4 vCPUs: boots to
 * /init, the timer's and the IPIs' counts rise, the PL011's interrupt
 * (an irqfd) echoes a line, it powers off, nothing spurious or stuck
 * (lib/linux_guest.h).  Skipped only where the module has no GICv3
 * (AVCPU_FEAT_GICV3 absent); the one-line note of avcpu-run's default
 * is checked there instead.
 */
#include "kselftest_harness.h"
#include "lib/linux_guest.h"

#define BOOT_SECS	35	/* per boot, quiet: three in the lab's 120 s */

FIXTURE(gicv3) {
	struct vmm_proc v;
};

FIXTURE_SETUP(gicv3)
{
	ASSERT_EQ(0, vmm_init(&self->v, LG_OUT_MAX));
}

/* A SKIP() in the fixture's setup would still run the test's body. */
static void boot(struct __test_metadata *_metadata, struct vmm_proc *v,
		 int cpus)
{
	if (!(lg_avcpu_features() & AVCPU_FEAT_GICV3))
		SKIP(return, "/dev/avcpu has no in-kernel GICv3 (AVCPU_FEAT_GICV3 absent)");
	linux_guest_boot(_metadata, v, LG_QUIET "--irqchip=gicv3", cpus,
			 BOOT_SECS, NULL);
}

FIXTURE_TEARDOWN(gicv3)
{
	vmm_fini(&self->v);
}

TEST_F_TIMEOUT(gicv3, boot_1_vcpu, LG_TIMEOUT(BOOT_SECS))
{
	boot(_metadata, &self->v, 1);
}

TEST_F_TIMEOUT(gicv3, boot_2_vcpus, LG_TIMEOUT(BOOT_SECS))
{
	boot(_metadata, &self->v, 2);
}

TEST_F_TIMEOUT(gicv3, boot_4_vcpus, LG_TIMEOUT(BOOT_SECS))
{
	boot(_metadata, &self->v, 4);
}

/*
 * Without the feature: --irqchip=gicv3 is refused with the reason, and
 * the default falls back to user-gicv2 saying so in one line.
 */
TEST(no_gicv3_refused)
{
	char out[4096];
	int st;

	if (access("/dev/avcpu", R_OK | W_OK))
		SKIP(return, "no /dev/avcpu");
	if (lg_avcpu_features() & AVCPU_FEAT_GICV3)
		SKIP(return, "/dev/avcpu has the in-kernel GICv3");
	st = vmm_run_capture(LG_VMM " --irqchip=gicv3 /avcpu-run/hello.bin 2>&1",
			     out, sizeof(out));
	EXPECT_EQ(1, st);
	EXPECT_NE(NULL, strstr(out, "--irqchip=gicv3: avcpu has no in-kernel GICv3 (AVCPU_FEAT_GICV3)")) {
		TH_LOG("output: %s", out);
	}
	st = vmm_run_capture(LG_VMM " /avcpu-run/hello.bin 2>&1", out,
			     sizeof(out));
	EXPECT_EQ(0, st);
	EXPECT_NE(NULL, strstr(out, "avcpu has no in-kernel GICv3: --irqchip=user-gicv2")) {
		TH_LOG("output: %s", out);
	}
}

TEST_HARNESS_MAIN
