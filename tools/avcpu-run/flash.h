/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: the flash of QEMU's virt board (flash.c). */
#ifndef AVCPU_RUN_FLASH_H
#define AVCPU_RUN_FLASH_H

#include "vm.h"

int flash_init(struct vm *vm);
void flash_exit(void);

#endif /* AVCPU_RUN_FLASH_H */
