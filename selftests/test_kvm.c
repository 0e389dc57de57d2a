// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu and KVM in one kernel: KVM guests run before, between and after
 * avcpu guests and each sees only its own memory.  Where KVM is absent
 * (kvm-arm.mode=none) the tests skip and say why; where avcpu refused to
 * load, the KVM-only test still shows KVM working.
 */
#include <stddef.h>
#include <linux/kvm.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"

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
	struct kvm_userspace_memory_region mr = { 0 };
	struct kvm_vcpu_init init;
	struct kvm_one_reg reg;
	struct kvm_run *run;
	int kvm, vm, vcpu, sz;
	uint64_t pc = GUEST_RAM_BASE, data = 0;
	int64_t ret = -EINVAL;
	void *ram;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		snprintf(why, whylen, "KVM not available: /dev/kvm: %s",
			 strerror(errno));
		return -ENODEV;
	}
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0) {
		snprintf(why, whylen, "KVM not available: KVM_CREATE_VM: %s",
			 strerror(errno));
		close(kvm);
		return -ENODEV;
	}
	ram = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memcpy(ram, g_kvm_start, g_kvm_end - g_kvm_start);
	*(uint64_t *)((char *)ram + 0x1000) = value;
	mr.guest_phys_addr = GUEST_RAM_BASE;
	mr.memory_size = 1 << 20;
	mr.userspace_addr = (uintptr_t)ram;
	vcpu = -1;
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &mr) ||
	    ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init))
		goto out;
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0 || ioctl(vcpu, KVM_ARM_VCPU_INIT, &init))
		goto out;
	reg.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |
		 (offsetof(struct kvm_regs, regs.pc) / 4);
	reg.addr = (uintptr_t)&pc;
	if (ioctl(vcpu, KVM_SET_ONE_REG, &reg))
		goto out;
	sz = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	run = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		goto out;
	if (!ioctl(vcpu, KVM_RUN, 0) && run->exit_reason == KVM_EXIT_MMIO &&
	    run->mmio.phys_addr == KVM_MMIO_ADDR && run->mmio.is_write &&
	    run->mmio.len == 8) {
		memcpy(&data, run->mmio.data, 8);
		ret = (int64_t)data;
	} else {
		snprintf(why, whylen, "KVM_RUN: exit %u", run->exit_reason);
	}
	munmap(run, sz);
out:
	if (ret == -EINVAL && !why[0])
		snprintf(why, whylen, "KVM setup failed: %s", strerror(errno));
	if (vcpu >= 0)
		close(vcpu);
	munmap(ram, 1 << 20);
	close(vm);
	close(kvm);
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
		SKIP(return, "%s", why);
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
		SKIP(return, "%s", why);
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
