// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: the empty flash where U-Boot looks for its environment.
 *
 * QEMU's virt board has two 64 MiB CFI flash banks, at 0 and at
 * 0x04000000.  U-Boot built for it (qemu_arm64) keeps its environment at
 * the start of the second one and, finding no valid copy there, uses its
 * default environment; checking costs it a CRC over 256 KiB read a byte
 * at a time.  Unbacked, each of those reads would be an MMIO exit: a quarter
 * of a million of them, most of U-Boot's start-up time when the host
 * itself is emulated.
 *
 * So the first FLASH_SIZE bytes of that bank are a read-only memory slot
 * (AVCPU_MEM_READONLY) full of zeros: reads cost no exit and see what an
 * unbacked read sees, 0; a write exits as MMIO and is ignored like any
 * other write to an address no device claims (mmio.c).  The rest of the
 * bank stays unbacked.  There is no flash device: nothing in the device
 * tree, no CFI commands.  Without AVCPU_FEAT_READONLY_MEM or a second
 * memory slot the window is left unbacked too, only slower.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "flash.h"
#include "log.h"

static void *flash;

int flash_init(struct vm *vm)
{
	void *mem;
	int status;

	if (!(vm->caps.features & AVCPU_FEAT_READONLY_MEM) ||
	    vm->caps.max_mem_slots <= SLOT_FLASH) {
		if (vm->verbose)
			info("flash at 0x%llx left unbacked: no read-only slot",
			     FLASH_BASE);
		return 0;
	}

	/* Writable for us, so the module pins real pages, not the zero page. */
	mem = mmap(NULL, FLASH_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return error(STATUS_SETUP, "cannot map the flash: %s",
			     strerror(errno));
	status = vm_map(vm, SLOT_FLASH, FLASH_BASE, mem, FLASH_SIZE,
			AVCPU_MEM_READONLY);
	if (status) {
		munmap(mem, FLASH_SIZE);
		return status;
	}
	flash = mem;
	return 0;
}

/* After vm_close(): the VM no longer holds the pages. */
void flash_exit(void)
{
	if (flash)
		munmap(flash, FLASH_SIZE);
	flash = NULL;
}
