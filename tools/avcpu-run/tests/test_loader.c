// SPDX-License-Identifier: GPL-2.0
/*
 * loader.c on the host: arm64 Image headers (text_offset, image_size,
 * flags), raw binaries, the initrd and DTB placement, loading into guest
 * RAM, and the images it refuses.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "../loader.h"

#define MIB		SZ_1M
#define LINUX_BASE	(RAM_BASE + LINUX_BASE_OFFSET)	/* 0x40200000 */
#define BARE_BASE	(RAM_BASE + BARE_LOAD_OFFSET)	/* 0x40400000 */

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
	return (struct image){ .fd = -1, .initrd_fd = -1 };
}

static void test_linux_header(void)
{
	struct image img = new_image();
	const char *path;

	/* Today's kernels: text_offset 0, image_size with the bss. */
	path = linux_image(0, 24 * MIB, 0x2 | 0x8, 4096);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT(img.is_linux);
	EXPECT_EQ(img.file_size, 4096);
	EXPECT_EQ(img.load_addr, LINUX_BASE);
	EXPECT_EQ(img.entry, LINUX_BASE);
	EXPECT_EQ(img.end, LINUX_BASE + 24 * MIB);

	/* A text_offset shifts the image from the 2 MiB aligned base. */
	img = new_image();
	path = linux_image(0x80000, 2 * MIB, 0, 8192);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT(img.is_linux);
	EXPECT_EQ(img.load_addr, LINUX_BASE + 0x80000);
	EXPECT_EQ(img.entry, LINUX_BASE + 0x80000);
	EXPECT_EQ(img.end, LINUX_BASE + 0x80000 + 2 * MIB);

	/* image_size below the file's size: the file's size counts. */
	img = new_image();
	path = linux_image(0, 0x100, 0, 0x3000);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT_EQ(img.end, LINUX_BASE + 0x3000);
	EXPECT_EQ(unit_nr_errors, 0);
}

static void test_linux_old(void)
{
	struct image img = new_image();
	const char *path;

	/* image_size 0 (before 3.17): text_offset 0x80000, flags unused. */
	path = linux_image(0x1234, 0, 1, 0x5000);
	EXPECT_EQ(loader_probe(&img, path, 64 * MIB), 0);
	EXPECT(img.is_linux);
	EXPECT_EQ(img.load_addr, LINUX_BASE + 0x80000);
	EXPECT_EQ(img.end, LINUX_BASE + 0x80000 + 0x5000);
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

	/* 16 MiB of RAM has 14 MiB above the Image's base. */
	img = new_image();
	path = linux_image(0, 14 * MIB + 1, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "does not fit in 16 MiB of RAM");
	img = new_image();
	path = linux_image(0, 14 * MIB, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), 0);
	img = new_image();
	path = linux_image(14 * MIB, 4096, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), STATUS_SETUP);
	/* A text_offset so large that adding it would wrap. */
	img = new_image();
	path = linux_image(~0ULL - 3, 4096, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), STATUS_SETUP);
	img = new_image();
	path = linux_image(0, ~0ULL - 0xfff, 0, 4096);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), STATUS_SETUP);
	EXPECT_EQ(unit_nr_errors, 6);
}

static void test_raw(void)
{
	static const char garbage[] = "\x01\x02not an Image, not gzip";
	struct image img = new_image();
	const char *path;

	path = unit_temp_file(garbage, sizeof(garbage));
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT(!img.is_linux);
	EXPECT_EQ(img.load_addr, BARE_BASE);
	EXPECT_EQ(img.entry, BARE_BASE);
	EXPECT_EQ(img.end, BARE_BASE + sizeof(garbage));

	/* A header cut short is no Image: loaded raw. */
	img = new_image();
	path = linux_image(0, 2 * MIB, 0, 128);
	resize(path, 63);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT(!img.is_linux);
	EXPECT_EQ(img.end, BARE_BASE + 63);
	/* Nor is a header with another magic. */
	img = new_image();
	path = linux_image(0, 2 * MIB, 0, 128);
	patch(path, 0x38, "ARM\x65", 4);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), 0);
	EXPECT(!img.is_linux);

	/* 16 MiB of RAM has 12 MiB from the raw load address on. */
	img = new_image();
	path = unit_temp_file(garbage, 1);
	resize(path, 12 * MIB);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), 0);
	EXPECT_EQ(img.end, RAM_BASE + 16 * MIB);
	img = new_image();
	resize(path, 12 * MIB + 1);
	EXPECT_EQ(loader_probe(&img, path, 16 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "do not fit in 16 MiB of RAM");
	EXPECT_EQ(unit_nr_errors, 1);
}

static void test_refused_files(void)
{
	static const char gzip[] = "\x1f\x8b\x08\x00 compressed";
	static const char zboot[] = "MZ\0\0zimg rest of an EFI zboot image";
	struct image img = new_image();
	const char *path;

	path = unit_temp_file(gzip, sizeof(gzip));
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "gzip-compressed");
	img = new_image();
	path = unit_temp_file(zboot, sizeof(zboot));
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "EFI zboot image");
	img = new_image();
	path = unit_temp_file("", 0);
	EXPECT_EQ(loader_probe(&img, path, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "empty image");
	img = new_image();
	EXPECT_EQ(loader_probe(&img, "/nonexistent/Image", 128 * MIB),
		  STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error,
		      "/nonexistent/Image: No such file or directory");
	img = new_image();
	EXPECT_EQ(loader_probe(&img, "/", 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "/: not a regular file");
	EXPECT_EQ(unit_nr_errors, 5);
}

static void test_initrd(void)
{
	struct image img = new_image();
	const char *kernel, *initrd;

	/* The first 2 MiB boundary at or after the image's end. */
	kernel = linux_image(0, 24 * MIB, 0, 4096);
	initrd = unit_temp_file("initrd", 6);
	EXPECT_EQ(loader_probe(&img, kernel, 128 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 128 * MIB), 0);
	EXPECT_EQ(img.initrd_addr, LINUX_BASE + 24 * MIB);
	EXPECT_EQ(img.initrd_size, 6);

	img = new_image();
	kernel = linux_image(0x80000, 0x1234567, 0, 4096);
	EXPECT_EQ(loader_probe(&img, kernel, 128 * MIB), 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 128 * MIB), 0);
	EXPECT_EQ(img.initrd_addr, 0x41600000);
	EXPECT_EQ(img.initrd_addr % (2 * MIB), 0);

	/* It must end within RAM... */
	img = new_image();
	kernel = linux_image(0, 10 * MIB, 0, 4096);
	EXPECT_EQ(loader_probe(&img, kernel, 16 * MIB), 0);
	resize(initrd, 4 * MIB);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 16 * MIB), 0);
	EXPECT_EQ(img.initrd_addr, RAM_BASE + 12 * MIB);
	resize(initrd, 4 * MIB + 1);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 16 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "do not fit below 0x41000000");
	/* ... and below RAM_BASE + 1 GiB however much RAM there is. */
	img = new_image();
	kernel = linux_image(0, 1022 * MIB - LINUX_BASE_OFFSET, 0, 4096);
	EXPECT_EQ(loader_probe(&img, kernel, 4096 * MIB), 0);
	resize(initrd, 2 * MIB);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 4096 * MIB), 0);
	EXPECT_EQ(img.initrd_addr + img.initrd_size, RAM_BASE + INITRD_LIMIT);
	resize(initrd, 2 * MIB + 1);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 4096 * MIB),
		  STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "do not fit below 0x80000000");

	/* Empty, missing, not a file. */
	resize(initrd, 0);
	EXPECT_EQ(loader_probe_initrd(&img, initrd, 128 * MIB), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "not a regular, non-empty file");
	EXPECT_EQ(loader_probe_initrd(&img, "/nonexistent", 128 * MIB),
		  STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "No such file");
	EXPECT_EQ(loader_probe_initrd(&img, "/", 128 * MIB), STATUS_SETUP);
	EXPECT_EQ(unit_nr_errors, 5);
}

static void test_place_dtb(void)
{
	struct image img = new_image();

	EXPECT_EQ(loader_place_dtb(&img, 0x1234, 128 * MIB), 0);
	EXPECT_EQ(img.dtb_addr, RAM_BASE + DTB_OFFSET);
	EXPECT_EQ(img.dtb_size, 0x1234);
	/* Up to 2 MiB, below the Linux Image's base. */
	EXPECT_EQ(loader_place_dtb(&img, 2 * MIB, 128 * MIB), 0);
	EXPECT_EQ(loader_place_dtb(&img, 2 * MIB + 1, 128 * MIB),
		  STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "too big (at most 2097152)");
	EXPECT_EQ(unit_nr_errors, 1);
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
	EXPECT_EQ(img.load_addr - RAM_BASE, 2 * MIB + 0x80000);
	EXPECT_MEMEQ(at + 0x38, "ARM\x64", 4);
	for (i = 0; i < sizeof(want); i++)
		want[i] = (0x5ff0 + i) * 7 + 1;
	EXPECT_MEMEQ(at + 0x5ff0, want, sizeof(want));
	EXPECT_EQ(at[-1], 0xee);
	EXPECT_EQ(at[0x6000], 0xee);
	EXPECT_MEMEQ(vm.ram + (img.initrd_addr - RAM_BASE),
		     "0123456789abcdef", 16);
	EXPECT_MEMEQ(vm.ram, dtb, sizeof(dtb));
	EXPECT_EQ(vm.ram[sizeof(dtb)], 0xee);
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
	{ "raw_binary", test_raw },
	{ "refused_files", test_refused_files },
	{ "initrd_placement", test_initrd },
	{ "dtb_placement", test_place_dtb },
	{ "load_into_ram", test_load },
	{ "load_truncated", test_load_truncated },
};

int main(void)
{
	return unit_main("loader", NULL, cases, ARRAY_SIZE(cases));
}
