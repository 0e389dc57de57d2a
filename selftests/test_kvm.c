// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu and KVM in one kernel: KVM guests run before, between and after
 * avcpu guests and each sees only its own memory.  Where KVM is absent
 * (kvm-arm.mode=none) the tests skip and say why; where avcpu refused to
 * load, the KVM-only test still shows KVM working.
 */
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/kvm_guest.h"

#define KVM_MMIO_ADDR	0x09000000ULL

/* Store RAM word 0x1000 to MMIO, for KVM; or return it by hvc, for avcpu. */
AVCPU_GUEST(g_kvm,
	"	movz	x1, #0x4000, lsl #16\n"
	"	ldr	x2, [x1, #0x1000]\n"
	"	movz	x3, #0x0900, lsl #16\n"
	"	str	x2, [x3]\n"
	"	b	.\n");
AVCPU_GUEST(g_avcpu,
	"	movz	x1, #0x4000, lsl #16\n"
	"	ldr	x0, [x1, #0x1000]\n"
	"	hvc	#1\n");

/* One KVM guest run; returns the stored value, or a negative errno. */
static int64_t kvm_run_guest(uint64_t value, char *why, size_t whylen)
{
	struct kvm_guest k;
	struct kvm_run *run;
	int64_t ret;
	uint64_t data;

	ret = kvm_guest_create(&k, g_kvm_start, g_kvm_end, 0, why, whylen);
	if (ret) {
		kvm_guest_destroy(&k);
		return ret;
	}
	*(uint64_t *)((char *)k.ram + 0x1000) = value;
	run = k.run;
	ret = -EINVAL;
	if (!ioctl(k.vcpu, KVM_RUN, 0) && run->exit_reason == KVM_EXIT_MMIO &&
	    run->mmio.phys_addr == KVM_MMIO_ADDR && run->mmio.is_write &&
	    run->mmio.len == 8) {
		memcpy(&data, run->mmio.data, 8);
		ret = (int64_t)data;
	} else {
		snprintf(why, whylen, "KVM_RUN: exit %u", run->exit_reason);
	}
	kvm_guest_destroy(&k);
	return ret;
}

static int64_t avcpu_run_value(struct __test_metadata *_metadata,
			       uint64_t value)
{
	struct avcpu_guest g;
	__u32 reason = 0;
	int64_t ret = -1;
	int err;

	err = avcpu_guest_create(&g, 1 << 20, g_avcpu_start, g_avcpu_end);
	if (!err) {
		*(uint64_t *)((char *)g.ram + 0x1000) = value;
		ret = avcpu_run_to_hvc(&g, &reason);
		if (ret != (int64_t)value)
			TH_LOG("avcpu exit %u: esr %#llx far %#llx pc %#llx",
			       reason,
			       (unsigned long long)g.run->exception.esr,
			       (unsigned long long)g.run->exception.far,
			       (unsigned long long)g.run->exception.pc);
	} else {
		TH_LOG("avcpu guest setup: %s", strerror(-err));
	}
	avcpu_guest_destroy(&g);
	return ret;
}

/* KVM works in this boot, whether or not avcpu is loaded. */
TEST(kvm_runs_a_guest)
{
	char why[128] = "";
	int64_t r = kvm_run_guest(0x4b564d, why, sizeof(why));

	if (r == -ENODEV)
		SKIP(return, "KVM not available: %s", why);
	TH_LOG("%s", why);
	ASSERT_EQ(0x4b564d, r);
}

/* KVM, avcpu, KVM, avcpu, KVM: each guest sees its own memory. */
TEST(kvm_and_avcpu_interleaved)
{
	char why[128] = "";
	int64_t r;
	int i;

	if (access("/dev/avcpu", F_OK))
		SKIP(return, "avcpu not loaded in this configuration");
	r = kvm_run_guest(0x100, why, sizeof(why));
	if (r == -ENODEV)
		SKIP(return, "KVM not available: %s", why);
	ASSERT_EQ(0x100, r);
	for (i = 1; i <= 2; i++) {
		ASSERT_EQ(0x200 + i, avcpu_run_value(_metadata, 0x200 + i));
		why[0] = 0;
		r = kvm_run_guest(0x100 + i, why, sizeof(why));
		TH_LOG("%s", why);
		ASSERT_EQ(0x100 + i, r);
	}
}

TEST_HARNESS_MAIN
