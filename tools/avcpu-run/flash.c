// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: the flash of QEMU's virt board, two 64 MiB banks at 0
 * (FLASH0_BASE) and 0x04000000 (FLASH1_BASE).
 *
 * Both banks are one MMIO device: wherever no memory backs them, reads
 * return 0 and writes are ignored, as an erased flash that takes no
 * commands.  There are no CFI commands and no node in the device tree.
 *
 * Bank 0 holds --bios firmware (or, as QEMU does, the DTB of an ELF
 * kernel that starts at RAM_BASE): a read-only memory slot
 * (AVCPU_MEM_READONLY) of the file's size rounded up to a page, which
 * the guest executes and reads without exits; its writes exit as MMIO
 * and are ignored.
 *
 * Bank 1 is where U-Boot built for QEMU (qemu_arm64) keeps its
 * environment; finding no valid copy there it uses its default one, and
 * checking costs it a CRC over 256 KiB read a byte at a time.  As MMIO,
 * each of those reads would be an exit: a quarter of a million of them,
 * most of U-Boot's start-up time when the host itself is emulated.  So
 * its first FLASH1_ROM_SIZE bytes are a read-only slot full of zeros.
 * Without AVCPU_FEAT_READONLY_MEM or enough slots bank 1 stays MMIO
 * only (slower), and firmware cannot run.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "flash.h"
#include "log.h"
#include "mmio.h"

#define FLASH1_ROM_SIZE		0x00200000ULL

static struct {
	void *mem;
	u64 size;
} rom[2];

static u64 flash_read(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
		      u32 len)
{
	(void)dev;
	(void)vcpu;
	(void)offset;
	(void)len;
	return 0;
}

static struct mmio_dev flash_dev = {
	.name = "flash",
	.base = FLASH0_BASE,
	.size = 2 * FLASH_BANK_SIZE,
	.read = flash_read,
	/* no write: ignored */
};

/* @size bytes of read-only guest memory at @gpa, filled from @data. */
static int map_rom(struct vm *vm, int bank, u32 slot, u64 gpa,
		   const void *data, u64 data_size, u64 size)
{
	void *mem;
	int status;

	/* Writable for us, so the module pins real pages, not the zero page. */
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return error(STATUS_SETUP, "cannot map the flash: %s",
			     strerror(errno));
	if (data_size)
		memcpy(mem, data, data_size);
	status = vm_map(vm, slot, gpa, mem, size, AVCPU_MEM_READONLY);
	if (status) {
		munmap(mem, size);
		return status;
	}
	rom[bank].mem = mem;
	rom[bank].size = size;
	return 0;
}

int flash_init(struct vm *vm, const void *bank0, u64 bank0_size)
{
	bool rom_ok = (vm->caps.features & AVCPU_FEAT_READONLY_MEM) &&
		      vm->caps.max_mem_slots > SLOT_FLASH0;
	u64 page = sysconf(_SC_PAGESIZE);
	int status;

	status = mmio_register(&flash_dev);
	if (status)
		return status;
	if (bank0_size) {
		if (!rom_ok)
			return error(STATUS_SETUP,
				     "firmware in flash needs read-only memory slots (AVCPU_FEAT_READONLY_MEM)");
		status = map_rom(vm, 0, SLOT_FLASH0, FLASH0_BASE, bank0,
				 bank0_size,
				 (bank0_size + page - 1) & ~(page - 1));
		if (status)
			return status;
	}
	if (!rom_ok) {
		if (vm->verbose)
			info("flash at 0x%llx left to MMIO: no read-only slot",
			     FLASH1_BASE);
		return 0;
	}
	return map_rom(vm, 1, SLOT_FLASH1, FLASH1_BASE, NULL, 0,
		       FLASH1_ROM_SIZE);
}

/* After vm_close(): the VM no longer holds the pages. */
void flash_exit(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (rom[i].mem)
			munmap(rom[i].mem, rom[i].size);
		rom[i].mem = NULL;
	}
}
