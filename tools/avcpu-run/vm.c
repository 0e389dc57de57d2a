// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: the VM and its guest RAM, on the accelerator of --accel
 * (accel.h), and the checks of what the options need from it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "log.h"
#include "vm.h"

int vm_open(struct vm *vm)
{
	struct avcpu_caps *caps = &vm->caps;
	int status;

	if (vm->sys_fd >= 0)
		return 0;	/* main.c asked early, for --irqchip's default */
	status = vm->accel->open(vm);
	if (status)
		return status;
	if (vm->dirty_log && !(caps->features & AVCPU_FEAT_DIRTY_LOG))
		return error(STATUS_SETUP,
			     "--dirty-stats: %s has no dirty logging (AVCPU_FEAT_DIRTY_LOG)",
			     vm->accel->name);
	/* A module from before unpinned memory pins every slot anyway. */
	if (vm->mem_pinned && !(caps->features & AVCPU_FEAT_UNPINNED_MEM)) {
		if (vm->verbose)
			info("--mem-pinned: %s pins every slot already",
			     vm->accel->name);
		vm->mem_pinned = false;
	}
	if (vm->irqchip == IRQCHIP_DEFAULT) {
		if (caps->features & AVCPU_FEAT_GICV3) {
			vm->irqchip = IRQCHIP_GICV3;
		} else {
			/* Said once the setup went through (main.c). */
			vm->irqchip = IRQCHIP_USER_GICV2;
			vm->irqchip_fallback = true;
		}
	} else if (vm->irqchip == IRQCHIP_GICV3 &&
		   !(caps->features & AVCPU_FEAT_GICV3)) {
		return error(STATUS_SETUP,
			     "--irqchip=gicv3: %s has no in-kernel GICv3%s",
			     vm->accel->name, vm->accel == &accel_avcpu ?
			     " (AVCPU_FEAT_GICV3)" : "");
	} else if (vm->irqchip == IRQCHIP_USER_GICV2 &&
		   !(caps->features & AVCPU_FEAT_IRQ_LINE)) {
		return error(STATUS_SETUP,
			     "--irqchip=user-gicv2: %s has no vCPU IRQ line",
			     vm->accel->name);
	}
	return 0;
}

int vm_create(struct vm *vm, u64 ram_size)
{
	void *ram;
	int status;

	status = vm->accel->create_vm(vm, RAM_BASE + ram_size);
	if (status)
		return status;

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
	return vm->accel->map(vm, slot, gpa, mem, size, flags);
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
	if (vm->accel)
		vm->accel->close(vm);
	if (vm->ram)
		munmap(vm->ram, vm->ram_size);
	vm->ram = NULL;
}
