// SPDX-License-Identifier: GPL-2.0
/*
 * loader.c on the host: where QEMU's virt board (hw/arm/boot.c) puts an
 * arm64 Image (text_offset, image_size, flags), a raw image, an AArch64
 * ELF, --bios firmware, the initrd and the DTB; loading into guest RAM;
 * and the images it refuses.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "../loader.h"

#define MIB		SZ_1M
#define RAW_BASE	0x40080000ULL	/* QEMU's KERNEL64_LOAD_ADDR */

static void put_le(u8 *p, u64 val, int len)
{
	int i;

	for (i = 0; i < len; i++)
		p[i] = val >> (8 * i);
}

/*
 * A file of @file_size bytes starting with an arm64 Image header, the
 * rest a pattern: byte i is i * 7 + 1.
 */
static const char *linux_image(u64 text_offset, u64 image_size,
			       u64 flags, size_t file_size)
{
	char *data = malloc(file_size);
	const char *path;
	size_t i;

	for (i = 0; i < file_size; i++)
		data[i] = i * 7 + 1;
	if (file_size >= 64) {
		memset(data, 0, 64);
		put_le((u8 *)data + 8, text_offset, 8);
		put_le((u8 *)data + 16, image_size, 8);
		put_le((u8 *)data + 24, flags, 8);
		memcpy(data + 0x38, "ARM\x64", 4);
	}
	path = unit_temp_file(data, file_size);
	free(data);
	return path;
}

static void resize(const char *path, off_t size)
{
	if (truncate(path, size))
		unit_fail(__FILE__, __LINE__, "truncate %s", path);
}

/* Overwrite @len bytes of the file at @path at @offset. */
static void patch(const char *path, off_t offset, const void *data,
		  size_t len)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || pwrite(fd, data, len, offset) != (ssize_t)len)
		unit_fail(__FILE__, __LINE__, "cannot write %s", path);
	if (fd >= 0)
		close(fd);
}

static struct image new_image(void)
{
	return (struct image){ .fd = -1, .initrd_fd = -1, .bios_fd = -1 };
}

/* An ELF64 AArch64 file header of @phnum program headers at 64. */
static void elf_header(u8 *p, u64 entry, int phnum)
{
	memset(p, 0, 64);
	memcpy(p, "\177ELF", 4);
	p[4] = 2;			/* ELFCLASS64 */
	p[5] = 1;			/* little-endian */
	p[6] = 1;			/* EV_CURRENT */
	put_le(p + 16, 2, 2);		/* ET_EXEC */
	put_le(p + 18, 183, 2);		/* EM_AARCH64 */
	put_le(p + 20, 1, 4);
	put_le(p + 24, entry, 8);
	put_le(p + 32, 64, 8);		/* e_phoff */
	put_le(p + 52, 64, 2);		/* e_ehsize */
	put_le(p + 54, 56, 2);		/* e_phentsize */
	put_le(p + 56, phnum, 2);
}

static void elf_phdr(u8 *p, u32 type, u64 offset, u64 vaddr, u64 paddr,
		     u64 filesz, u64 memsz)
{
	memset(p, 0, 56);
	put_le(p, type, 4);
	put_le(p + 4, 5, 4);		/* R+X */
	put_le(p + 8, offset, 8);
	put_le(p + 16, vaddr, 8);
	put_le(p + 24, paddr, 8);
	put_le(p + 32, filesz, 8);
	put_le(p + 40, memsz, 8);
}

/*
 * An ELF whose code (0x100 bytes of 0x11 at file offset 0x1000) goes to
 * @base, linked at another virtual address, data (0x80 bytes of 0x22)
 * to @base + 1 MiB with 0x2000 bytes of bss, and a PT_NOTE between.
 */
static const char *elf_image(u64 base, u64 entry)
{
	static u8 data[0x1100 + 0x80];
	u8 *ph = data + 64;

	memset(data, 0, sizeof(data));
	elf_header(data, entry, 3);
	elf_phdr(ph, 1, 0x1000, 0xffff000000000000ULL, base, 0x100, 0x100);
	elf_phdr(ph + 56, 4, 0, 0, 0, 0x10, 0x10);	/* PT_NOTE */
	elf_phdr(ph + 112, 1, 0x1100, 0, base + MIB, 0x80, 0x2000);
	memset(data + 0x1000, 0x11, 0x100);
	memset(data + 0x1100, 0x22, 0x80);
	return unit_temp_file((const char *)data, sizeof(data));
}

static void test_linux_header(void)
{
	struct image img = new_image();
	const char *path;

	/* text_offset 0: 2 MiB up, QEMU's boot code is at RAM_BASE. */
	path = linux_image(0, 24 * MIB, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT_EQ(img.kind, IMAGE_LINUX);
	EXPECT_EQ(img.file_size, 4096);
	EXPECT_EQ(img.load_addr, RAM_BASE + 2 * MIB);
	EXPECT_EQ(img.entry, RAM_BASE + 2 * MIB);
	EXPECT_EQ(img.end, RAM_BASE + 26 * MIB);

	/* 0x80000 (kernels before 5.8): as it says. */
	img = new_image();
	path = linux_image(0x80000, 2 * MIB, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT_EQ(img.load_addr, RAM_BASE + 0x80000);
	EXPECT_EQ(img.end, RAM_BASE + 0x80000 + 2 * MIB);

	/* Just below 4 KiB moves, 4 KiB does not. */
	img = new_image();
	path = linux_image(0xffc, 0x1000, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT_EQ(img.load_addr, RAM_BASE + 2 * MIB + 0xffc);
	img = new_image();
	path = linux_image(0x1000, 0x1000, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT_EQ(img.load_addr, RAM_BASE + 0x1000);

	/* image_size smaller than the file: the file counts. */
	img = new_image();
	path = linux_image(0, 0x1000, 0, 0x3000);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT_EQ(img.end, RAM_BASE + 2 * MIB + 0x3000);
	EXPECT_EQ(img.nr_segs, 1);
	EXPECT_EQ(unit_nr_errors, 0);
}

static void test_linux_old(void)
{
	struct image img = new_image();
	const char *path;

	/* image_size 0: text_offset is 0x80000 whatever it says. */
	path = linux_image(0x1234, 0, 0, 0x5000);
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), 0);
	EXPECT_EQ(img.kind, IMAGE_LINUX);
	EXPECT_EQ(img.load_addr, RAM_BASE + 0x80000);
	EXPECT_EQ(img.end, RAM_BASE + 0x80000 + 0x5000);
	EXPECT_EQ(unit_nr_errors, 0);
}

static void test_linux_refused(void)
{
	struct image img = new_image();
	const char *path;

	path = linux_image(0, 2 * MIB, 1, 4096);	/* flags bit 0: BE */
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "big-endian kernel");

	img = new_image();
	path = linux_image(0x80002, 2 * MIB, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "text_offset 0x80002 is unaligned");

	/* 14 MiB at 0x40200000 fit in 16 MiB; 14 MiB + 1 do not. */
	img = new_image();
	path = linux_image(0, 14 * MIB, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), 0);
	img = new_image();
	path = linux_image(0, 14 * MIB + 1, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "do not fit in 16 MiB of RAM");
	img = new_image();
	path = linux_image(16 * MIB, 4096, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "outside 16 MiB of RAM");
	img = new_image();
	path = linux_image(~0ULL - 3, 4096, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), STATUS_SETUP);
	EXPECT_EQ(unit_nr_errors, 5);
}

static void test_raw(void)
{
	static const char garbage[] = "not a kernel, not ELF, just bytes";
	struct image img = new_image();
	const char *path;

	path = unit_temp_file(garbage, sizeof(garbage));
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT_EQ(img.kind, IMAGE_RAW);
	EXPECT_EQ(img.load_addr, RAW_BASE);
	EXPECT_EQ(img.entry, RAW_BASE);
	EXPECT_EQ(img.end, RAW_BASE + sizeof(garbage));

	/* The magic one byte short of a header: raw. */
	img = new_image();
	path = linux_image(0, 2 * MIB, 0, 63);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT_EQ(img.kind, IMAGE_RAW);
	EXPECT_EQ(img.end, RAW_BASE + 63);

	/* Up to the end of RAM, not a byte more. */
	img = new_image();
	path = unit_temp_file(garbage, sizeof(garbage));
	resize(path, 16 * MIB - 0x80000);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), 0);
	EXPECT_EQ(img.end, RAM_BASE + 16 * MIB);
	img = new_image();
	resize(path, 16 * MIB - 0x80000 + 1);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "do not fit in 16 MiB of RAM");
	EXPECT_EQ(unit_nr_errors, 1);
}

static void test_elf(void)
{
	struct image img = new_image();
	const char *path;

	path = elf_image(RAM_BASE + MIB, RAM_BASE + MIB + 0x40);
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), 0);
	EXPECT_EQ(img.kind, IMAGE_ELF);
	EXPECT_EQ(img.nr_segs, 2);
	/* Physical addresses, not virtual ones. */
	EXPECT_EQ(img.seg[0].addr, RAM_BASE + MIB);
	EXPECT_EQ(img.seg[0].offset, 0x1000);
	EXPECT_EQ(img.seg[0].filesz, 0x100);
	EXPECT_EQ(img.seg[1].addr, RAM_BASE + 2 * MIB);
	EXPECT_EQ(img.seg[1].memsz, 0x2000);
	EXPECT_EQ(img.load_addr, RAM_BASE + MIB);
	EXPECT_EQ(img.end, RAM_BASE + 2 * MIB + 0x2000);
	EXPECT_EQ(img.entry, RAM_BASE + MIB + 0x40);

	/* The DTB at RAM_BASE below it, x0 = 0 (not the boot protocol). */
	EXPECT_EQ(loader_probe_initrd(&img, NULL, 64 * MIB), 0);
	EXPECT_EQ(loader_place_dtb(&img, 0x4000, 64 * MIB), 0);
	EXPECT_EQ(img.dtb_addr, RAM_BASE);
	EXPECT_EQ(img.dtb_size, 0x4000);
	EXPECT(!img.dtb_in_flash);
	EXPECT_EQ(img.x0, 0);
	/* Exactly up to the image fits; one byte more is not loaded. */
	EXPECT_EQ(loader_place_dtb(&img, MIB, 64 * MIB), 0);
	EXPECT_EQ(img.dtb_size, MIB);
	EXPECT_EQ(loader_place_dtb(&img, MIB + 1, 64 * MIB), 0);
	EXPECT_EQ(img.dtb_size, 0);

	/* At RAM_BASE: the DTB goes to 0, flash bank 0. */
	img = new_image();
	path = elf_image(RAM_BASE, RAM_BASE);
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), 0);
	EXPECT_EQ(loader_place_dtb(&img, 0x4000, 64 * MIB), 0);
	EXPECT(img.dtb_in_flash);
	EXPECT_EQ(img.dtb_addr, 0);
	EXPECT_EQ(img.dtb_size, 0x4000);
	EXPECT_EQ(unit_nr_errors, 0);
}

static void test_elf_refused(void)
{
	struct image img = new_image();
	const char *path;
	u8 b;

	/* Below RAM, past its end. */
	path = elf_image(0x1000, 0x1000);
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "is outside RAM");
	img = new_image();
	path = elf_image(RAM_BASE + 63 * MIB, RAM_BASE + 63 * MIB);
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "is outside RAM");
	/* 32-bit, big-endian, another machine. */
	img = new_image();
	path = elf_image(RAM_BASE + MIB, RAM_BASE + MIB);
	b = 1;
	patch(path, 4, &b, 1);
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "not a little-endian 64-bit AArch64");
	img = new_image();
	path = elf_image(RAM_BASE + MIB, RAM_BASE + MIB);
	b = 62;				/* EM_X86_64 */
	patch(path, 18, &b, 1);
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), STATUS_SETUP);
	/* A segment beyond the file, no PT_LOAD, an unaligned entry. */
	img = new_image();
	path = elf_image(RAM_BASE + MIB, RAM_BASE + MIB);
	b = 0x20;
	patch(path, 64 + 8 + 1, &b, 1);	/* offset 0x2000 */
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "larger than the file");
	img = new_image();
	path = elf_image(RAM_BASE + MIB, RAM_BASE + MIB);
	b = 2;				/* PT_DYNAMIC */
	patch(path, 64, &b, 1);
	patch(path, 64 + 112, &b, 1);
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "no loadable ELF segment");
	img = new_image();
	path = elf_image(RAM_BASE + MIB, RAM_BASE + MIB + 2);
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "unaligned");
	EXPECT_EQ(unit_nr_errors, 7);
}

static void test_refused_files(void)
{
	struct image img = new_image();
	const char *path;

	path = unit_temp_file("\x1f\x8b\x08\x00", 4);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "gzip-compressed");

	path = unit_temp_file("MZ\0\0zimg", 8);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "EFI zboot image");

	path = unit_temp_file("", 0);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "empty file");

	EXPECT_EQ(loader_probe(&img, "/nonexistent/Image", 128 * MIB),
		  STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error,
		      "/nonexistent/Image: No such file or directory");

	EXPECT_EQ(loader_probe(&img, "/", 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "/: not a regular file");
	EXPECT_EQ(unit_nr_errors, 5);
}

static void test_bios(void)
{
	struct image img = new_image();
	const char *path;

	path = unit_temp_file("firmware", 8);
	EXPECT_EQ(loader_probe_bios(&img, path), 0);
	EXPECT_EQ(img.kind, IMAGE_NONE);
	EXPECT_EQ(img.bios_size, 8);
	EXPECT_EQ(img.entry, 0);
	EXPECT_EQ(img.nr_segs, 0);
	/* The DTB at the start of RAM, x0 = 0. */
	EXPECT_EQ(loader_probe_initrd(&img, NULL, 128 * MIB), 0);
	EXPECT_EQ(loader_place_dtb(&img, 0x1000, 128 * MIB), 0);
	EXPECT_EQ(img.dtb_addr, RAM_BASE);
	EXPECT_EQ(img.x0, 0);
	EXPECT(!img.dtb_in_flash);

	/* Up to the 64 MiB bank. */
	img = new_image();
	resize(path, 64 * MIB);
	EXPECT_EQ(loader_probe_bios(&img, path), 0);
	img = new_image();
	resize(path, 64 * MIB + 1);
	EXPECT_EQ(loader_probe_bios(&img, path), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "do not fit in the 64 MiB flash bank");
	EXPECT_EQ(unit_nr_errors, 1);
}

static void test_initrd(void)
{
	struct image img = new_image();
	const char *kernel, *initrd;

	/* Small RAM: halfway up, whatever the image. */
	kernel = linux_image(0, 4 * MIB, 0, 4096);
	initrd = unit_temp_file("initrd", 6);
	EXPECT_EQ(loader_probe(&img, kernel, 128 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 128 * MIB), 0);
	EXPECT_EQ(img.initrd_addr, RAM_BASE + 64 * MIB);
	EXPECT_EQ(img.initrd_size, 6);

	/* 256 MiB and more: 128 MiB up. */
	img = new_image();
	EXPECT_EQ(loader_probe(&img, kernel, 1024 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 1024 * MIB), 0);
	EXPECT_EQ(img.initrd_addr, RAM_BASE + 128 * MIB);

	/* Past a big image: right after it, 4 KiB aligned. */
	img = new_image();
	kernel = linux_image(0, 130 * MIB + 5, 0, 4096);
	EXPECT_EQ(loader_probe(&img, kernel, 512 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 512 * MIB), 0);
	EXPECT_EQ(img.initrd_addr, RAM_BASE + 132 * MIB + 0x1000);

	/* Without a file the address is still computed (for the DTB). */
	img = new_image();
	kernel = linux_image(0, 4 * MIB, 0, 4096);
	EXPECT_EQ(loader_probe(&img, kernel, 16 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, NULL, 16 * MIB), 0);
	EXPECT_EQ(img.initrd_addr, RAM_BASE + 8 * MIB);
	EXPECT_EQ(img.initrd_size, 0);

	/* Up to the end of RAM, not a byte more. */
	resize(initrd, 8 * MIB);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 16 * MIB), 0);
	resize(initrd, 8 * MIB + 1);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 16 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "do not fit below 0x41000000");
	/* An image up to the end of RAM leaves no room. */
	img = new_image();
	kernel = linux_image(0, 14 * MIB, 0, 4096);
	EXPECT_EQ(loader_probe(&img, kernel, 16 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 16 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "no room after the kernel");

	/* Empty, missing, not a file. */
	img = new_image();
	EXPECT_EQ(loader_probe(&img, linux_image(0, 4 * MIB, 0, 4096),
			       128 * MIB), 0);
	resize(initrd, 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "empty file");
	EXPECT_EQ(loader_probe_initrd(&img, "/nonexistent", 128 * MIB),
		  STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "No such file");
	EXPECT_EQ(loader_probe_initrd(&img, "/", 128 * MIB), STATUS_SETUP);
	EXPECT_EQ(unit_nr_errors, 5);
}

static void test_place_dtb(void)
{
	struct image img = new_image();
	const char *kernel, *initrd;

	/* After the initrd, at the next 2 MiB boundary; x0 points at it. */
	kernel = linux_image(0, 4 * MIB, 0, 4096);
	initrd = unit_temp_file("initrd", 6);
	EXPECT_EQ(loader_probe(&img, kernel, 128 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 128 * MIB), 0);
	EXPECT_EQ(loader_place_dtb(&img, 0x1234, 128 * MIB), 0);
	EXPECT_EQ(img.dtb_addr, RAM_BASE + 66 * MIB);
	EXPECT_EQ(img.dtb_size, 0x1234);
	EXPECT_EQ(img.x0, img.dtb_addr);
	EXPECT_EQ(img.entry, RAM_BASE + 2 * MIB);

	/* No initrd: where it would start, already 2 MiB aligned here. */
	img = new_image();
	EXPECT_EQ(loader_probe(&img, kernel, 128 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, NULL, 128 * MIB), 0);
	EXPECT_EQ(loader_place_dtb(&img, 0x1234, 128 * MIB), 0);
	EXPECT_EQ(img.dtb_addr, RAM_BASE + 64 * MIB);

	/* An initrd up to the end of RAM leaves no room. */
	img = new_image();
	resize(initrd, 64 * MIB);
	EXPECT_EQ(loader_probe(&img, kernel, 128 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 128 * MIB), 0);
	EXPECT_EQ(loader_place_dtb(&img, 0x1234, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "no room for the DTB");
	/* Room, but not for all of it. */
	img = new_image();
	resize(initrd, 62 * MIB - 1);
	EXPECT_EQ(loader_probe(&img, kernel, 128 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 128 * MIB), 0);
	EXPECT_EQ(loader_place_dtb(&img, 2 * MIB, 128 * MIB), 0);
	EXPECT_EQ(loader_place_dtb(&img, 2 * MIB + 1, 128 * MIB),
		  STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "does not fit in RAM");
	EXPECT_EQ(unit_nr_errors, 2);
}

/* Guest RAM of @mib MiB; vm.ram filled with 0xee. */
static struct vm new_vm(u64 mib)
{
	struct vm vm = { .sys_fd = -1, .vm_fd = -1, .ram_base = RAM_BASE,
			 .ram_size = mib * MIB };

	vm.ram = malloc(vm.ram_size);
	memset(vm.ram, 0xee, vm.ram_size);
	return vm;
}

static void test_load(void)
{
	static const char dtb[] = "a device tree";
	struct image img = new_image();
	struct vm vm = new_vm(32);
	u8 *at, want[16];
	const char *kernel, *initrd;
	size_t i;

	kernel = linux_image(0x80000, 4 * MIB, 0, 0x6000);
	initrd = unit_temp_file("0123456789abcdef", 16);
	EXPECT_EQ(loader_probe(&img, kernel, vm.ram_size), 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, vm.ram_size), 0);
	EXPECT_EQ(loader_place_dtb(&img, sizeof(dtb), vm.ram_size), 0);
	EXPECT_EQ(loader_load(&img, &vm, dtb), 0);

	at = vm.ram + (img.load_addr - RAM_BASE);
	EXPECT_EQ(img.load_addr - RAM_BASE, 0x80000);
	EXPECT_MEMEQ(at + 0x38, "ARM\x64", 4);
	for (i = 0; i < sizeof(want); i++)
		want[i] = (0x5ff0 + i) * 7 + 1;
	EXPECT_MEMEQ(at + 0x5ff0, want, sizeof(want));
	EXPECT_EQ(at[-1], 0xee);
	/* image_size covers the bss: zeroed. */
	EXPECT_EQ(at[0x6000], 0);
	EXPECT_EQ(at[4 * MIB - 1], 0);
	EXPECT_EQ(at[4 * MIB], 0xee);
	EXPECT_MEMEQ(vm.ram + (img.initrd_addr - RAM_BASE),
		     "0123456789abcdef", 16);
	EXPECT_MEMEQ(vm.ram + (img.dtb_addr - RAM_BASE), dtb, sizeof(dtb));
	EXPECT_EQ(vm.ram[img.dtb_addr - RAM_BASE + sizeof(dtb)], 0xee);
	free(vm.ram);
}

static void test_load_elf(void)
{
	static const char dtb[] = "a device tree";
	struct image img = new_image();
	struct vm vm = new_vm(16);
	const char *path;
	u8 *code, *data;

	path = elf_image(RAM_BASE + MIB, RAM_BASE + MIB);
	EXPECT_EQ(loader_probe(&img, path, vm.ram_size), 0);
	EXPECT_EQ(loader_probe_initrd(&img, NULL, vm.ram_size), 0);
	EXPECT_EQ(loader_place_dtb(&img, sizeof(dtb), vm.ram_size), 0);
	EXPECT_EQ(loader_load(&img, &vm, dtb), 0);
	code = vm.ram + MIB;
	data = vm.ram + 2 * MIB;
	EXPECT_EQ(code[0], 0x11);
	EXPECT_EQ(code[0xff], 0x11);
	EXPECT_EQ(code[0x100], 0xee);
	EXPECT_EQ(code[-1], 0xee);
	EXPECT_EQ(data[0], 0x22);
	EXPECT_EQ(data[0x7f], 0x22);
	EXPECT_EQ(data[0x80], 0);		/* bss */
	EXPECT_EQ(data[0x1fff], 0);
	EXPECT_EQ(data[0x2000], 0xee);
	EXPECT_MEMEQ(vm.ram, dtb, sizeof(dtb));
	free(vm.ram);
}

static void test_load_truncated(void)
{
	struct image img = new_image();
	struct vm vm = new_vm(16);
	const char *kernel;

	/* The file shrinks between probe and load (a copy in progress). */
	kernel = linux_image(0, 4 * MIB, 0, 0x4000);
	EXPECT_EQ(loader_probe(&img, kernel, vm.ram_size), 0);
	EXPECT_EQ(loader_probe_initrd(&img, NULL, vm.ram_size), 0);
	EXPECT_EQ(loader_place_dtb(&img, 8, vm.ram_size), 0);
	resize(kernel, 0x2000);
	EXPECT_EQ(loader_load(&img, &vm, "12345678"), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "file shrank");
	free(vm.ram);
}

static const struct unit_case cases[] = {
	{ "linux_image_header", test_linux_header },
	{ "linux_image_before_3_17", test_linux_old },
	{ "linux_image_refused", test_linux_refused },
	{ "raw_image", test_raw },
	{ "elf_image", test_elf },
	{ "elf_refused", test_elf_refused },
	{ "refused_files", test_refused_files },
	{ "bios", test_bios },
	{ "initrd_placement", test_initrd },
	{ "dtb_placement", test_place_dtb },
	{ "load_into_ram", test_load },
	{ "load_elf", test_load_elf },
	{ "load_truncated", test_load_truncated },
};

int main(void)
{
	return unit_main("loader", NULL, cases, ARRAY_SIZE(cases));
}
