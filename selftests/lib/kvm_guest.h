/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A guest on /dev/kvm, for the tests that run KVM next to avcpu: one
 * vCPU, 1 MiB of RAM at GUEST_RAM_BASE, the code of an AVCPU_GUEST()
 * blob copied in and the vCPU entering at its first instruction.
 */
#ifndef KVM_GUEST_H
#define KVM_GUEST_H

#include <stddef.h>
#include <linux/kvm.h>
#include "lib/avcpu_util.h"

#define KVM_GUEST_RAM_SIZE	0x100000

struct kvm_guest {
	int kvm;
	int vm;
	int vcpu;
	void *ram;
	struct kvm_run *run;
	int run_size;
};

/* Undo kvm_guest_create(), whatever it returned. */
static inline void kvm_guest_destroy(struct kvm_guest *k)
{
	if (k->run)
		munmap(k->run, k->run_size);
	if (k->vcpu >= 0)
		close(k->vcpu);
	if (k->ram)
		munmap(k->ram, KVM_GUEST_RAM_SIZE);
	if (k->vm >= 0)
		close(k->vm);
	if (k->kvm >= 0)
		close(k->kvm);
}

/*
 * The guest, with @code..@end at RAM offset @code_off.  Returns 0,
 * -ENODEV if this boot has no KVM (/dev/kvm or KVM_CREATE_VM failed), or
 * -EINVAL if the setup failed; then why in @why.
 */
static inline int kvm_guest_create(struct kvm_guest *k, const char *code,
				   const char *end, uint64_t code_off,
				   char *why, size_t whylen)
{
	struct kvm_userspace_memory_region mr = { 0 };
	uint64_t pc = GUEST_RAM_BASE + code_off;
	struct kvm_vcpu_init init;
	struct kvm_one_reg reg;
	void *ram;

	memset(k, 0, sizeof(*k));
	k->vm = -1;
	k->vcpu = -1;
	k->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (k->kvm < 0) {
		snprintf(why, whylen, "/dev/kvm: %s",
			 strerror(errno));
		return -ENODEV;
	}
	k->vm = ioctl(k->kvm, KVM_CREATE_VM, 0);
	if (k->vm < 0) {
		snprintf(why, whylen, "KVM_CREATE_VM: %s",
			 strerror(errno));
		return -ENODEV;
	}
	ram = mmap(NULL, KVM_GUEST_RAM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ram == MAP_FAILED)
		goto fail;
	k->ram = ram;
	memcpy((char *)ram + code_off, code, end - code);
	mr.guest_phys_addr = GUEST_RAM_BASE;
	mr.memory_size = KVM_GUEST_RAM_SIZE;
	mr.userspace_addr = (uintptr_t)ram;
	if (ioctl(k->vm, KVM_SET_USER_MEMORY_REGION, &mr) ||
	    ioctl(k->vm, KVM_ARM_PREFERRED_TARGET, &init))
		goto fail;
	k->vcpu = ioctl(k->vm, KVM_CREATE_VCPU, 0);
	if (k->vcpu < 0 || ioctl(k->vcpu, KVM_ARM_VCPU_INIT, &init))
		goto fail;
	reg.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |
		 (offsetof(struct kvm_regs, regs.pc) / 4);
	reg.addr = (uintptr_t)&pc;
	if (ioctl(k->vcpu, KVM_SET_ONE_REG, &reg))
		goto fail;
	k->run_size = ioctl(k->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	k->run = mmap(NULL, k->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      k->vcpu, 0);
	if (k->run == MAP_FAILED) {
		k->run = NULL;
		goto fail;
	}
	return 0;
fail:
	snprintf(why, whylen, "KVM setup failed: %s", strerror(errno));
	return -EINVAL;
}

#endif /* KVM_GUEST_H */
