// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: /dev/avcpu, its capabilities, the VM and its guest RAM.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "log.h"
#include "vm.h"

#define AVCPU_DEV	"/dev/avcpu"
#define IPA_BITS	40	/* what AVCPU_CREATE_VM picks for 0 */

int vm_open(struct vm *vm)
{
	struct avcpu_caps *caps = &vm->caps;
	int version;

	vm->sys_fd = open(AVCPU_DEV, O_RDWR | O_CLOEXEC);
	if (vm->sys_fd < 0) {
		if (errno == ENOENT)
			return error(STATUS_SETUP,
				     "%s: %s (is avcpu.ko loaded?)",
				     AVCPU_DEV, strerror(errno));
		return error(STATUS_SETUP, "%s: %s", AVCPU_DEV,
			     strerror(errno));
	}

	version = ioctl(vm->sys_fd, AVCPU_GET_API_VERSION, 0);
	if (version < 0)
		return ioctl_error("AVCPU_GET_API_VERSION");
	if (version != AVCPU_API_VERSION)
		return error(STATUS_SETUP,
			     "%s speaks API version %d, this VMM %d",
			     AVCPU_DEV, version, AVCPU_API_VERSION);

	memset(caps, 0, sizeof(*caps));
	if (ioctl(vm->sys_fd, AVCPU_GET_CAPS, caps) < 0)
		return ioctl_error("AVCPU_GET_CAPS");
	if (vm->verbose) {
		info("caps: api %u, %s host, IPA %u..%u bits, %u vCPUs",
		     caps->api_version,
		     caps->host_mode == AVCPU_HOST_VHE ? "VHE" : "nVHE",
		     caps->min_ipa_bits, caps->max_ipa_bits, caps->max_vcpus);
		info("caps: %u slots, %u-bit VMIDs, run_size %u, feat %#llx",
		     caps->max_mem_slots, caps->vmid_bits, caps->run_size,
		     caps->features);
	}
	if (caps->max_vcpus < 1 || caps->max_mem_slots < 1)
		return error(STATUS_SETUP,
			     "%s offers no vCPU or no memory slot", AVCPU_DEV);
	/* PSCI (CPU_ON, SYSTEM_OFF, ...) is the module's, not ours. */
	if (!(caps->features & AVCPU_FEAT_PSCI))
		return error(STATUS_SETUP, "%s has no in-kernel PSCI",
			     AVCPU_DEV);
	if (caps->run_size < sizeof(struct avcpu_run))
		return error(STATUS_SETUP,
			     "run_size %u is smaller than struct avcpu_run (%zu)",
			     caps->run_size, sizeof(struct avcpu_run));
	if (vm->dirty_log && !(caps->features & AVCPU_FEAT_DIRTY_LOG))
		return error(STATUS_SETUP,
			     "--dirty-stats: %s has no dirty logging (AVCPU_FEAT_DIRTY_LOG)",
			     AVCPU_DEV);
	/* A module from before unpinned memory pins every slot anyway. */
	if (vm->mem_pinned && !(caps->features & AVCPU_FEAT_UNPINNED_MEM)) {
		if (vm->verbose)
			info("--mem-pinned: %s pins every slot already",
			     AVCPU_DEV);
		vm->mem_pinned = false;
	}
	return 0;
}

int vm_create(struct vm *vm, u64 ram_size)
{
	struct avcpu_vm_create create = { 0 };
	u32 ipa_bits = IPA_BITS;
	void *ram;

	if (ipa_bits > vm->caps.max_ipa_bits)
		ipa_bits = vm->caps.max_ipa_bits;
	if (ipa_bits < vm->caps.min_ipa_bits)
		ipa_bits = vm->caps.min_ipa_bits;
	if (ipa_bits >= 64 || RAM_BASE + ram_size > (1ULL << ipa_bits))
		return error(STATUS_SETUP,
			     "RAM up to 0x%llx does not fit a %u-bit IPA space",
			     RAM_BASE + ram_size, ipa_bits);

	create.ipa_bits = ipa_bits;
	vm->vm_fd = ioctl(vm->sys_fd, AVCPU_CREATE_VM, &create);
	if (vm->vm_fd < 0)
		return ioctl_error("AVCPU_CREATE_VM");

	ram = mmap(NULL, ram_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ram == MAP_FAILED)
		return error(STATUS_SETUP,
			     "cannot map %llu MiB of guest RAM: %s",
			     ram_size / SZ_1M, strerror(errno));
	vm->ram = ram;
	vm->ram_base = RAM_BASE;
	vm->ram_size = ram_size;
	return 0;
}

/* Back guest addresses @gpa.. with @size bytes at @mem, in slot @slot. */
int vm_map(struct vm *vm, u32 slot, u64 gpa, void *mem, u64 size,
	   u32 flags)
{
	struct avcpu_memory_region region = {
		.slot = slot,
		.flags = flags,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = (unsigned long)mem,
	};

	if (ioctl(vm->vm_fd, AVCPU_SET_MEMORY_REGION, &region) < 0)
		return ioctl_error("AVCPU_SET_MEMORY_REGION");
	return 0;
}

/*
 * RAM follows our mapping of it (unpinned, the module's default) unless
 * --mem-pinned; with --dirty-stats the module logs the guest's writes.
 */
int vm_set_ram(struct vm *vm)
{
	u32 flags = 0;

	if (vm->mem_pinned)
		flags |= AVCPU_MEM_PINNED;
	if (vm->dirty_log)
		flags |= AVCPU_MEM_LOG_DIRTY;
	return vm_map(vm, SLOT_RAM, vm->ram_base, vm->ram, vm->ram_size,
		      flags);
}

/*
 * Take RAM out of the guest before reloading images into it: the next
 * vm_set_ram() makes the module clean what the VMM wrote, for a guest
 * that starts with its caches off.
 */
int vm_unset_ram(struct vm *vm)
{
	return vm_map(vm, SLOT_RAM, vm->ram_base, vm->ram, 0, 0);
}

void vm_close(struct vm *vm)
{
	/* The VM (and a pinned slot's pins) goes first, then the memory. */
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	vm->vm_fd = -1;
	if (vm->ram)
		munmap(vm->ram, vm->ram_size);
	vm->ram = NULL;
	if (vm->sys_fd >= 0)
		close(vm->sys_fd);
	vm->sys_fd = -1;
}
