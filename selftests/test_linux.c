// SPDX-License-Identifier: GPL-2.0
/*
 * A real kernel on the demo VMM: the lab's own Debian arm64 kernel under
 * tools/avcpu-run, 2 vCPUs, with avcpu-run's own GICv2
 * (--irqchip=user-gicv2: the virtual timer on PPI 11 fed to it, the
 * PL011 on SPI 1), on /dev/avcpu and, where KVM exists (the lab's VHE
 * configurations), on KVM with its user irqchip (--accel=kvm), and on
 * KVM with its vGICv3 on 1 vCPU.  What it boots and checks:
 * lib/linux_guest.h.  The other in-kernel GICv3 boots are
 * test_linux_gicv3.c (avcpu's) and test_linux_kvm.c (KVM's, 2 and 4
 * vCPUs), one binary each for the lab's 120 s per binary.
 */
#include "kselftest_harness.h"
#include "lib/linux_guest.h"

#define BOOT_SECS	100	/* avcpu-run start to the /init's question */

FIXTURE(kernel) {
	struct vmm_proc v;
};

FIXTURE_SETUP(kernel)
{
	ASSERT_EQ(0, vmm_init(&self->v, LG_OUT_MAX));
}

FIXTURE_TEARDOWN(kernel)
{
	vmm_fini(&self->v);
}

TEST_F_TIMEOUT(kernel, boot_echo_poweroff, LG_TIMEOUT(BOOT_SECS))
{
	linux_guest_boot(_metadata, &self->v, "--irqchip=user-gicv2", 2,
			 BOOT_SECS, NULL);
}

/*
 * KVM without an in-kernel vGIC leaves a GICv3 host's ICC_SRE_EL1.SRE
 * set in its guest (the system register interface cannot be turned
 * off), and Linux's GICv2 driver warns about that once per CPU: the
 * one warning allowed here.
 */
#define KVM_SRE_WARNING	"GICv3 system registers enabled, broken firmware!"

#define NO_KVM		"no /dev/kvm on this host (kvm-arm.mode=none, or the kernel not at EL2)"

TEST_F_TIMEOUT(kernel, kvm_user_gicv2, LG_TIMEOUT(BOOT_SECS / 2))
{
	if (access("/dev/kvm", F_OK))
		SKIP(return, NO_KVM);
	linux_guest_boot(_metadata, &self->v,
			 "--accel=kvm --irqchip=user-gicv2", 2, BOOT_SECS / 2,
			 KVM_SRE_WARNING);
}

TEST_F_TIMEOUT(kernel, kvm_gicv3_1_vcpu, LG_TIMEOUT(BOOT_SECS / 2))
{
	if (access("/dev/kvm", F_OK))
		SKIP(return, NO_KVM);
	linux_guest_boot(_metadata, &self->v,
			 LG_QUIET "--accel=kvm --irqchip=gicv3", 1,
			 BOOT_SECS / 2, NULL);
}

TEST_HARNESS_MAIN
