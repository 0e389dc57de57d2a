// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: image loading and DTB placement.
 *
 * One layout for every image (avcpu-run.h), so that firmware and kernels
 * find things where QEMU's virt board puts them:
 *
 *   0x40000000  the DTB, also passed in x0.  U-Boot built for QEMU
 *               (qemu_arm64) ignores x0 and reads its device tree at the
 *               start of RAM; its early stack is at 0x40200000, below
 *               the image.
 *   0x40200000  an arm64 Linux Image (magic "ARM\x64" at offset 0x38),
 *               placed as Documentation/arm64/booting.rst asks: a 2 MiB
 *               aligned base plus its text_offset, with image_size bytes
 *               (bss included) of room; an image_size of 0 (kernels
 *               before 3.17) means text_offset 0x80000.  The DTB below
 *               it sits in a 2 MiB block of its own.
 *   0x40400000  anything else: a raw binary such as U-Boot's u-boot.bin
 *               or hello.bin, entered at its first byte.  U-Boot needs a
 *               4 KiB aligned load address and relocates itself to the
 *               top of RAM.
 *   after it    an initial ramdisk (--initrd), at the first 2 MiB
 *               boundary past the image's end (bss included), ending
 *               below RAM_BASE + 1 GiB: booting.rst wants the kernel and
 *               the initrd in one 1 GiB aligned window.  /chosen gives
 *               its bounds (linux,initrd-start and linux,initrd-end).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"
#include "log.h"

#define ARM64_IMAGE_MAGIC	0x644d5241	/* "ARM\x64" */
#define ARM64_HDR_SIZE		64
#define ARM64_HDR_TEXT_OFFSET	8
#define ARM64_HDR_IMAGE_SIZE	16
#define ARM64_HDR_FLAGS		24
#define ARM64_HDR_MAGIC		0x38
#define ARM64_FLAG_BE		BIT_ULL(0)
#define ARM64_OLD_TEXT_OFFSET	0x80000ULL
#define DTB_MAX_SIZE		(LINUX_BASE_OFFSET - DTB_OFFSET)

static u64 get_le(const u8 *p, int len)
{
	u64 val = 0;
	int i;

	for (i = len - 1; i >= 0; i--)
		val = (val << 8) | p[i];
	return val;
}

static int probe_linux(struct image *img, const u8 *hdr, u64 ram_size)
{
	u64 text_offset = get_le(hdr + ARM64_HDR_TEXT_OFFSET, 8);
	u64 image_size = get_le(hdr + ARM64_HDR_IMAGE_SIZE, 8);
	u64 flags = get_le(hdr + ARM64_HDR_FLAGS, 8);

	if (!image_size) {
		/* Before 3.17: no flags, and text_offset is 0x80000. */
		text_offset = ARM64_OLD_TEXT_OFFSET;
		image_size = img->file_size;
	} else if (flags & ARM64_FLAG_BE) {
		return error(STATUS_SETUP, "%s: big-endian kernel", img->path);
	}
	if (text_offset & 3)
		return error(STATUS_SETUP,
			     "%s: text_offset 0x%llx is unaligned",
			     img->path, text_offset);
	if (image_size < img->file_size)
		image_size = img->file_size;
	if (text_offset >= ram_size - LINUX_BASE_OFFSET ||
	    image_size > ram_size - LINUX_BASE_OFFSET - text_offset)
		return error(STATUS_SETUP,
			     "%s: kernel (text_offset 0x%llx, image_size %llu) does not fit in %llu MiB of RAM",
			     img->path, text_offset, image_size,
			     ram_size / SZ_1M);

	img->is_linux = true;
	/* RAM_BASE + LINUX_BASE_OFFSET is 2 MiB aligned. */
	img->load_addr = RAM_BASE + LINUX_BASE_OFFSET + text_offset;
	img->end = img->load_addr + image_size;
	return 0;
}

int loader_probe(struct image *img, const char *path, u64 ram_size)
{
	u8 hdr[ARM64_HDR_SIZE] = { 0 };
	struct stat st;
	ssize_t n;
	int status;

	img->path = path;
	img->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (img->fd < 0)
		return error(STATUS_SETUP, "%s: %s", path, strerror(errno));
	if (fstat(img->fd, &st))
		return error(STATUS_SETUP, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return error(STATUS_SETUP, "%s: not a regular file", path);
	if (!st.st_size)
		return error(STATUS_SETUP, "%s: empty image", path);
	img->file_size = st.st_size;

	n = pread(img->fd, hdr, sizeof(hdr), 0);
	if (n < 0)
		return error(STATUS_SETUP, "%s: %s", path, strerror(errno));

	if (n >= 2 && hdr[0] == 0x1f && hdr[1] == 0x8b)
		return error(STATUS_SETUP,
			     "%s: gzip-compressed; decompress it first (zcat vmlinuz > Image)",
			     path);
	if (n >= 8 && !memcmp(hdr, "MZ", 2) && !memcmp(hdr + 4, "zimg", 4))
		return error(STATUS_SETUP,
			     "%s: EFI zboot image; only a plain arm64 Image is supported",
			     path);

	if (n == ARM64_HDR_SIZE &&
	    get_le(hdr + ARM64_HDR_MAGIC, 4) == ARM64_IMAGE_MAGIC) {
		status = probe_linux(img, hdr, ram_size);
		if (status)
			return status;
	} else {
		if (BARE_LOAD_OFFSET + img->file_size > ram_size)
			return error(STATUS_SETUP,
				     "%s: %llu bytes at 0x%llx do not fit in %llu MiB of RAM",
				     path, img->file_size,
				     RAM_BASE + BARE_LOAD_OFFSET,
				     ram_size / SZ_1M);
		img->is_linux = false;
		img->load_addr = RAM_BASE + BARE_LOAD_OFFSET;
		img->end = img->load_addr + img->file_size;
	}
	img->entry = img->load_addr;
	return 0;
}

/* Call after loader_probe(): the initrd goes after the image. */
int loader_probe_initrd(struct image *img, const char *path, u64 ram_size)
{
	u64 start = (img->end + INITRD_ALIGN - 1) & ~(INITRD_ALIGN - 1);
	u64 limit = RAM_BASE + ram_size;
	struct stat st;

	if (limit > RAM_BASE + INITRD_LIMIT)
		limit = RAM_BASE + INITRD_LIMIT;
	img->initrd_path = path;
	img->initrd_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (img->initrd_fd < 0)
		return error(STATUS_SETUP, "%s: %s", path, strerror(errno));
	if (fstat(img->initrd_fd, &st))
		return error(STATUS_SETUP, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode) || !st.st_size)
		return error(STATUS_SETUP, "%s: not a regular, non-empty file",
			     path);
	if (start >= limit || (u64)st.st_size > limit - start)
		return error(STATUS_SETUP,
			     "%s: %llu bytes at 0x%llx do not fit below 0x%llx (more --mem?)",
			     path, (u64)st.st_size, start, limit);
	img->initrd_addr = start;
	img->initrd_size = st.st_size;
	return 0;
}

static int read_all(int fd, const char *path, u8 *dst, u64 size)
{
	u64 done = 0;
	ssize_t n;

	while (done < size) {
		n = pread(fd, dst + done, size - done, done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return error(STATUS_SETUP, "%s: %s", path,
				     n ? strerror(errno) : "file shrank");
		done += n;
	}
	return 0;
}

/* The images start at or above DTB_OFFSET + DTB_MAX_SIZE. */
int loader_place_dtb(struct image *img, u64 dtb_size, u64 ram_size)
{
	if (dtb_size > DTB_MAX_SIZE || dtb_size > ram_size - DTB_OFFSET)
		return error(STATUS_SETUP,
			     "device tree of %llu bytes too big (at most %llu)",
			     dtb_size, DTB_MAX_SIZE);
	img->dtb_addr = RAM_BASE + DTB_OFFSET;
	img->dtb_size = dtb_size;
	return 0;
}

int loader_load(struct image *img, struct vm *vm, const void *dtb)
{
	int status;

	status = read_all(img->fd, img->path,
			  vm->ram + (img->load_addr - vm->ram_base),
			  img->file_size);
	if (status)
		return status;
	if (img->initrd_size) {
		status = read_all(img->initrd_fd, img->initrd_path,
				  vm->ram + (img->initrd_addr - vm->ram_base),
				  img->initrd_size);
		if (status)
			return status;
	}
	memcpy(vm->ram + (img->dtb_addr - vm->ram_base), dtb, img->dtb_size);
	return 0;
}
