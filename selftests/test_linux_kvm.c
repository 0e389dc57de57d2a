// SPDX-License-Identifier: GPL-2.0
/*
 * The same machine on KVM (avcpu-run --accel=kvm): the lab's Debian
 * kernel with KVM's vGICv3 on 2 and 4 vCPUs, each checked as on avcpu
 * (lib/linux_guest.h); its 1-vCPU boot and avcpu-run's GICv2 on KVM's
 * user irqchip are test_linux.c's (the three KVM boots take 90 s or more
 * in the lab: more than one binary's 120 s leaves room for).  KVM exists in the lab on the VHE configurations;
 * elsewhere the boots are skipped, saying why, and --accel=kvm must fail
 * with one clear line.
 */
#include "kselftest_harness.h"
#include "lib/linux_guest.h"

#define BOOT_SECS	55	/* per boot: two in the lab's 120 s */

static const char *no_kvm(void)
{
	if (access("/dev/kvm", F_OK))
		return "no /dev/kvm on this host (kvm-arm.mode=none, or the kernel not at EL2)";
	return NULL;
}

FIXTURE(kvm) {
	struct vmm_proc v;
};

FIXTURE_SETUP(kvm)
{
	ASSERT_EQ(0, vmm_init(&self->v, LG_OUT_MAX));
}

/* A SKIP() in the fixture's setup would still run the test's body. */
static void boot(struct __test_metadata *_metadata, struct vmm_proc *v,
		 int cpus)
{
	if (no_kvm())
		SKIP(return, "%s", no_kvm());
	linux_guest_boot(_metadata, v,
			 LG_QUIET "--accel=kvm --irqchip=gicv3", cpus,
			 BOOT_SECS, NULL);
}

FIXTURE_TEARDOWN(kvm)
{
	vmm_fini(&self->v);
}

TEST_F_TIMEOUT(kvm, gicv3_2_vcpus, LG_TIMEOUT(BOOT_SECS))
{
	boot(_metadata, &self->v, 2);
}

TEST_F_TIMEOUT(kvm, gicv3_4_vcpus, LG_TIMEOUT(BOOT_SECS))
{
	boot(_metadata, &self->v, 4);
}

/* Where KVM is absent, one line says so and setup fails (status 1). */
TEST(refused_without_kvm)
{
	char out[4096];
	int st;

	if (!no_kvm())
		SKIP(return, "KVM exists here");
	st = vmm_run_capture(LG_VMM " --accel=kvm /avcpu-run/hello.bin 2>&1",
			     out, sizeof(out));
	EXPECT_EQ(1, st);
	EXPECT_NE(NULL, strstr(out, "avcpu-run: --accel=kvm: /dev/kvm: No such file or directory (no KVM on this host")) {
		TH_LOG("output: %s", out);
	}
}

TEST_HARNESS_MAIN
