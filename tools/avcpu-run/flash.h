/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: the flash banks of QEMU's virt board (flash.c). */
#ifndef AVCPU_RUN_FLASH_H
#define AVCPU_RUN_FLASH_H

#include "vm.h"

/*
 * Claims both banks for MMIO; backs the first @bank0_size bytes of
 * bank 0 (up to 64 MiB, may be 0) with @bank0 (firmware or a DTB) and
 * the start of bank 1 with zeros, read-only.
 */
int flash_init(struct vm *vm, const void *bank0, u64 bank0_size);
void flash_exit(void);

#endif /* AVCPU_RUN_FLASH_H */
