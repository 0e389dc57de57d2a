// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: image loading, as QEMU's virt board does it for an AArch64
 * guest (hw/arm/boot.c), so that a guest built for
 * "qemu-system-aarch64 -M virt -kernel/-initrd/-dtb/-bios" finds its
 * pieces where it expects them.  RAM starts at RAM_BASE (0x40000000).
 *
 * --kernel IMAGE (or IMAGE), by its first bytes:
 *
 *   an AArch64 ELF   each PT_LOAD segment at its physical address (in
 *                    RAM), entered at e_entry with x0 = 0: the Linux boot
 *                    protocol is not used.  The DTB goes to RAM_BASE if
 *                    it fits below the lowest segment (else nowhere); an
 *                    ELF that starts at RAM_BASE gets it at 0, in flash
 *                    bank 0.  No initrd is loaded (QEMU ignores -initrd
 *                    for an ELF).
 *   an arm64 Image   ("ARM\x64" at 0x38) at RAM_BASE + text_offset, or
 *                    RAM_BASE + 0x80000 if image_size is 0 (before Linux
 *                    3.17); a text_offset below 4 KiB, where QEMU keeps
 *                    its boot code, is moved up by 2 MiB.  It takes
 *                    image_size bytes (or the file's size).
 *   anything else    a raw kernel at RAM_BASE + 0x80000 (QEMU's
 *                    KERNEL64_LOAD_ADDR), its size the file's.
 *
 * The last two follow the Linux boot protocol: the initrd at RAM_BASE +
 * min(RAM / 2, 128 MiB), or right after the image if that is higher,
 * 4 KiB aligned; the DTB at the next 2 MiB boundary after the initrd
 * (or after where it would be); x0 = the DTB, x1 = x2 = x3 = 0, entry
 * at the image's first byte.
 *
 * --bios FILE is firmware in flash bank 0 (at 0, up to 64 MiB), entered
 * at 0 with x0 = 0; the DTB at RAM_BASE.  There is no kernel or initrd:
 * QEMU hands those to firmware through fw_cfg, which this machine lacks.
 *
 * Every vCPU starts at EL1h, DAIF masked, MMU and caches off; vCPUs
 * other than 0 start powered off and wait for PSCI CPU_ON.
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

#define ELF_HDR_SIZE		64
#define ELF_PHDR_SIZE		56
#define ELF_CLASS64		2
#define ELF_DATA_LE		1
#define ELF_EM_AARCH64		183
#define ELF_PT_LOAD		1
#define ELF_MAX_PHDRS		64

/* @x rounded up to @a, a power of two */
static u64 align_up(u64 x, u64 a)
{
	return (x + a - 1) & ~(a - 1);
}

static u64 get_le(const u8 *p, int len)
{
	u64 val = 0;
	int i;

	for (i = len - 1; i >= 0; i--)
		val = (val << 8) | p[i];
	return val;
}

/* One segment for the whole file at @addr, taking @size bytes of RAM. */
static int place_flat(struct image *img, u64 addr, u64 size, u64 ram_size)
{
	if (size < img->file_size)
		size = img->file_size;
	if (addr - RAM_BASE >= ram_size || size > ram_size - (addr - RAM_BASE))
		return error(STATUS_SETUP,
			     "%s: %llu bytes at 0x%llx do not fit in %llu MiB of RAM",
			     img->path, size, addr, ram_size / SZ_1M);
	img->seg[0] = (struct image_seg){
		.addr = addr, .filesz = img->file_size, .memsz = size,
	};
	img->nr_segs = 1;
	img->load_addr = addr;
	img->end = addr + size;
	img->entry = addr;
	return 0;
}

static int probe_linux(struct image *img, const u8 *hdr, u64 ram_size)
{
	u64 text_offset = get_le(hdr + ARM64_HDR_TEXT_OFFSET, 8);
	u64 image_size = get_le(hdr + ARM64_HDR_IMAGE_SIZE, 8);
	u64 flags = get_le(hdr + ARM64_HDR_FLAGS, 8);

	if (!image_size) {
		/* Before 3.17: no flags, and text_offset is 0x80000. */
		text_offset = KERNEL64_LOAD_OFFSET;
	} else if (flags & ARM64_FLAG_BE) {
		return error(STATUS_SETUP, "%s: big-endian kernel", img->path);
	} else if (text_offset < BOOT_STUB_SIZE) {
		text_offset += IMAGE_ALIGN;
	}
	if (text_offset & 3)
		return error(STATUS_SETUP,
			     "%s: text_offset 0x%llx is unaligned",
			     img->path, text_offset);
	if (text_offset >= ram_size)
		return error(STATUS_SETUP,
			     "%s: text_offset 0x%llx is outside %llu MiB of RAM",
			     img->path, text_offset, ram_size / SZ_1M);
	img->kind = IMAGE_LINUX;
	return place_flat(img, RAM_BASE + text_offset, image_size, ram_size);
}

static int probe_elf(struct image *img, const u8 *hdr, u64 ram_size)
{
	u64 phoff = get_le(hdr + 32, 8), low = ~0ULL, high = 0;
	u16 machine = get_le(hdr + 18, 2), phentsize = get_le(hdr + 54, 2);
	u16 phnum = get_le(hdr + 56, 2), i;
	u8 ph[ELF_PHDR_SIZE];
	int status;

	if (hdr[4] != ELF_CLASS64 || hdr[5] != ELF_DATA_LE ||
	    machine != ELF_EM_AARCH64)
		return error(STATUS_SETUP,
			     "%s: not a little-endian 64-bit AArch64 ELF",
			     img->path);
	if (phentsize != ELF_PHDR_SIZE || !phnum || phnum > ELF_MAX_PHDRS)
		return error(STATUS_SETUP, "%s: bad ELF program headers",
			     img->path);
	img->kind = IMAGE_ELF;
	img->nr_segs = 0;
	for (i = 0; i < phnum; i++) {
		struct image_seg s;

		status = loader_read_file(img->fd, img->path,
					  phoff + (u64)i * ELF_PHDR_SIZE, ph,
					  sizeof(ph));
		if (status)
			return status;
		if (get_le(ph, 4) != ELF_PT_LOAD || !get_le(ph + 40, 8))
			continue;
		s.offset = get_le(ph + 8, 8);
		s.addr = get_le(ph + 24, 8);		/* p_paddr */
		s.filesz = get_le(ph + 32, 8);
		s.memsz = get_le(ph + 40, 8);
		if (s.filesz > s.memsz || s.offset > img->file_size ||
		    s.filesz > img->file_size - s.offset)
			return error(STATUS_SETUP,
				     "%s: ELF segment %u is larger than the file",
				     img->path, i);
		if (s.addr < RAM_BASE || s.addr - RAM_BASE >= ram_size ||
		    s.memsz > ram_size - (s.addr - RAM_BASE))
			return error(STATUS_SETUP,
				     "%s: ELF segment at 0x%llx..0x%llx is outside RAM (0x%llx..0x%llx)",
				     img->path, s.addr, s.addr + s.memsz,
				     RAM_BASE, RAM_BASE + ram_size);
		if (img->nr_segs == IMAGE_MAX_SEGS)
			return error(STATUS_SETUP,
				     "%s: more than %d loadable ELF segments",
				     img->path, IMAGE_MAX_SEGS);
		img->seg[img->nr_segs++] = s;
		if (s.addr < low)
			low = s.addr;
		if (s.addr + s.memsz > high)
			high = s.addr + s.memsz;
	}
	if (!img->nr_segs)
		return error(STATUS_SETUP, "%s: no loadable ELF segment",
			     img->path);
	img->load_addr = low;
	img->end = high;
	img->entry = get_le(hdr + 24, 8);
	if (img->entry & 3)
		return error(STATUS_SETUP, "%s: entry 0x%llx is unaligned",
			     img->path, img->entry);
	return 0;
}

static int open_regular(const char *path, int *fd, u64 *size)
{
	struct stat st;

	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return error(STATUS_SETUP, "%s: %s", path, strerror(errno));
	if (fstat(*fd, &st))
		return error(STATUS_SETUP, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return error(STATUS_SETUP, "%s: not a regular file", path);
	if (!st.st_size)
		return error(STATUS_SETUP, "%s: empty file", path);
	*size = st.st_size;
	return 0;
}

int loader_probe(struct image *img, const char *path, u64 ram_size)
{
	u8 hdr[ARM64_HDR_SIZE] = { 0 };
	ssize_t n;
	int status;

	img->path = path;
	status = open_regular(path, &img->fd, &img->file_size);
	if (status)
		return status;

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

	if (n == ELF_HDR_SIZE && !memcmp(hdr, "\177ELF", 4))
		return probe_elf(img, hdr, ram_size);
	if (n == ARM64_HDR_SIZE &&
	    get_le(hdr + ARM64_HDR_MAGIC, 4) == ARM64_IMAGE_MAGIC)
		return probe_linux(img, hdr, ram_size);
	img->kind = IMAGE_RAW;
	return place_flat(img, RAM_BASE + KERNEL64_LOAD_OFFSET, 0, ram_size);
}

/* Firmware for flash bank 0, entered at its first byte. */
int loader_probe_bios(struct image *img, const char *path)
{
	int status;

	img->bios_path = path;
	status = open_regular(path, &img->bios_fd, &img->bios_size);
	if (status)
		return status;
	if (img->bios_size > FLASH_BANK_SIZE)
		return error(STATUS_SETUP,
			     "%s: %llu bytes do not fit in the 64 MiB flash bank",
			     path, img->bios_size);
	img->kind = IMAGE_NONE;
	img->entry = FLASH0_BASE;
	return 0;
}

/* After loader_probe(): the initrd goes where QEMU puts it. */
int loader_probe_initrd(struct image *img, const char *path, u64 ram_size)
{
	u64 ram_end = RAM_BASE + ram_size;
	u64 start, size;
	int status;

	start = RAM_BASE + (ram_size / 2 < INITRD_OFFSET_MAX ?
			    ram_size / 2 : INITRD_OFFSET_MAX);
	if (img->end > start)
		start = img->end;
	img->initrd_addr = align_up(start, GUEST_PAGE_SIZE);
	if (!path)
		return 0;

	img->initrd_path = path;
	status = open_regular(path, &img->initrd_fd, &size);
	if (status)
		return status;
	if (img->initrd_addr >= ram_end)
		return error(STATUS_SETUP,
			     "%s: no room after the kernel for the initrd (more --mem?)",
			     path);
	if (size > ram_end - img->initrd_addr)
		return error(STATUS_SETUP,
			     "%s: %llu bytes at 0x%llx do not fit below 0x%llx (more --mem?)",
			     path, size, img->initrd_addr, ram_end);
	img->initrd_size = size;
	return 0;
}

int loader_read_file(int fd, const char *path, u64 offset, u8 *dst,
		     u64 size)
{
	u64 done = 0;
	ssize_t n;

	while (done < size) {
		n = pread(fd, dst + done, size - done, offset + done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return error(STATUS_SETUP, "%s: %s", path,
				     n ? strerror(errno) : "file shrank");
		done += n;
	}
	return 0;
}

/*
 * After loader_probe_initrd() (with or without a file).  Sets dtb_addr,
 * dtb_size (0 if there is no room, as QEMU) and x0.
 */
int loader_place_dtb(struct image *img, u64 dtb_size, u64 ram_size)
{
	u64 ram_end = RAM_BASE + ram_size, addr;

	img->dtb_in_flash = false;
	img->dtb_size = dtb_size;
	img->x0 = 0;
	switch (img->kind) {
	case IMAGE_NONE:
		img->dtb_addr = RAM_BASE;
		break;
	case IMAGE_ELF:
		img->dtb_addr = RAM_BASE;
		if (img->load_addr == RAM_BASE) {
			/* QEMU's dtb_start stays 0: flash bank 0 */
			img->dtb_addr = FLASH0_BASE;
			img->dtb_in_flash = true;
			if (dtb_size > FLASH_BANK_SIZE)
				img->dtb_size = 0;
		} else if (dtb_size > img->load_addr - RAM_BASE) {
			img->dtb_size = 0;	/* not loaded */
		}
		return 0;
	default:
		addr = align_up(img->initrd_addr + img->initrd_size,
				DTB_ALIGN);
		if (addr >= ram_end)
			return error(STATUS_SETUP,
				     "no room for the DTB after the kernel and initrd (more --mem?)");
		img->dtb_addr = addr;
		img->x0 = addr;
		break;
	}
	if (dtb_size > ram_end - img->dtb_addr)
		return error(STATUS_SETUP,
			     "device tree of %llu bytes at 0x%llx does not fit in RAM",
			     dtb_size, img->dtb_addr);
	return 0;
}

/*
 * Fill guest RAM: the image's segments (their bss zeroed), the initrd,
 * and the DTB when it goes to RAM.  Called again on --reboot=restart.
 */
int loader_load(struct image *img, struct vm *vm, const void *dtb)
{
	int status, i;

	for (i = 0; i < img->nr_segs; i++) {
		const struct image_seg *s = &img->seg[i];
		u8 *at = vm->ram + (s->addr - vm->ram_base);

		status = loader_read_file(img->fd, img->path, s->offset, at,
					  s->filesz);
		if (status)
			return status;
		memset(at + s->filesz, 0, s->memsz - s->filesz);
	}
	if (img->initrd_size) {
		status = loader_read_file(img->initrd_fd, img->initrd_path, 0,
					  vm->ram + (img->initrd_addr -
						     vm->ram_base),
					  img->initrd_size);
		if (status)
			return status;
	}
	if (img->dtb_size && !img->dtb_in_flash)
		memcpy(vm->ram + (img->dtb_addr - vm->ram_base), dtb,
		       img->dtb_size);
	return 0;
}
