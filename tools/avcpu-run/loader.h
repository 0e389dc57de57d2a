/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: image and DTB placement (loader.c). */
#ifndef AVCPU_RUN_LOADER_H
#define AVCPU_RUN_LOADER_H

#include "vm.h"

struct image {
	const char *path;
	int fd;
	u64 file_size;
	bool is_linux;
	u64 load_addr;		/* guest address of the first byte */
	u64 end;		/* first guest address after it (incl. bss) */
	u64 entry;
	u64 dtb_addr;
	u64 dtb_size;
	const char *initrd_path;
	int initrd_fd;
	u64 initrd_size;
	u64 initrd_addr;
};

int loader_probe(struct image *img, const char *path, u64 ram_size);
int loader_probe_initrd(struct image *img, const char *path, u64 ram_size);
int loader_place_dtb(struct image *img, u64 dtb_size, u64 ram_size);
int loader_load(struct image *img, struct vm *vm, const void *dtb);

#endif /* AVCPU_RUN_LOADER_H */
