/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: image, firmware, initrd and DTB placement (loader.c). */
#ifndef AVCPU_RUN_LOADER_H
#define AVCPU_RUN_LOADER_H

#include "vm.h"

enum image_kind {
	IMAGE_NONE,		/* no kernel: --bios */
	IMAGE_LINUX,		/* an arm64 Image ("ARM\x64" header) */
	IMAGE_RAW,		/* anything else: QEMU's raw AArch64 kernel */
	IMAGE_ELF,		/* an AArch64 ELF: its segments, its entry */
};

/* What goes where: file bytes at @offset to @addr, zeros up to @memsz. */
struct image_seg {
	u64 offset;
	u64 addr;
	u64 filesz;
	u64 memsz;
};

#define IMAGE_MAX_SEGS		16

struct image {
	const char *path;	/* the kernel, NULL with --bios */
	int fd;
	u64 file_size;
	enum image_kind kind;
	struct image_seg seg[IMAGE_MAX_SEGS];
	int nr_segs;
	u64 load_addr;		/* lowest guest address the image takes */
	u64 end;		/* first address after it (incl. bss) */
	u64 entry;		/* vCPU 0's PC */
	u64 x0;			/* vCPU 0's x0: the DTB or 0 */
	const char *bios_path;	/* --bios: flash bank 0, entered at 0 */
	int bios_fd;
	u64 bios_size;
	const char *initrd_path;
	int initrd_fd;
	u64 initrd_size;	/* 0: none loaded */
	u64 initrd_addr;	/* where QEMU would put one */
	u64 dtb_addr;
	u64 dtb_size;		/* 0: no room for it (an ELF, as QEMU) */
	bool dtb_in_flash;	/* at 0, in flash bank 0 (an ELF at RAM_BASE) */
};

int loader_probe(struct image *img, const char *path, u64 ram_size);
int loader_probe_bios(struct image *img, const char *path);
int loader_probe_initrd(struct image *img, const char *path, u64 ram_size);
int loader_place_dtb(struct image *img, u64 dtb_size, u64 ram_size);
int loader_load(struct image *img, struct vm *vm, const void *dtb);
int loader_read_file(int fd, const char *path, u64 offset, u8 *dst,
		     u64 size);

#endif /* AVCPU_RUN_LOADER_H */
