// SPDX-License-Identifier: GPL-2.0
/*
 * The demo VMM loads images where QEMU's virt board does (hw/arm/boot.c):
 * tools/avcpu-run/guests/layout.c, a bare-metal program built for
 * "qemu-system-aarch64 -M virt -kernel", in each form -kernel takes (raw,
 * arm64 Image, ELF), with and without --initrd and with a given --dtb,
 * prints where it finds itself, x0..x3, the DTB, the RAM, /chosen and
 * the initrd (whose first and last bytes it checks).  The test asserts
 * each address against QEMU's rules, written out here once more:
 *
 *   raw image     0x40080000, Linux boot protocol
 *   arm64 Image   0x40000000 + text_offset (+ 2 MiB below 4 KiB)
 *   initrd        0x40000000 + min(RAM / 2, 128 MiB), or after the image
 *   DTB = x0      next 2 MiB boundary after the initrd (or its place)
 *   ELF           its addresses, x0 = 0, DTB at 0x40000000 below it, or
 *                 at 0 (flash) when it starts at 0x40000000; no initrd
 *
 * The same images print the same lines under QEMU itself (Documentation/
 * avcpu-run.rst, "Images").  The lab's initramfs carries them at
 * /avcpu-run.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/wait.h>
#include "kselftest_harness.h"
#include "lib/vmm_console.h"

#define VMM		"/avcpu-run/avcpu-run"
#define DIR		"/avcpu-run/"
#define RD		"/tmp/test_layout.rd"
#define DTB		"/tmp/test_layout.dtb"
#define BIG_DTB		"/tmp/test_layout-big.dtb"
#define RD_HEAD		"avcpu-layout-rd\n"
#define RD_TAIL		"avcpu-layout-nd\n"
#define RD_FILL		4000
#define RD_SIZE		(16 + RD_FILL + 16)
#define RAM		0x40000000ULL
#define MIB		0x100000ULL
#define OUT_MAX		16384

static uint64_t align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

/* Where QEMU puts the initrd for a small image and @mib MiB of RAM. */
static uint64_t initrd_at(uint64_t mib)
{
	uint64_t half = mib * MIB / 2;

	return RAM + (half < 128 * MIB ? half : 128 * MIB);
}

static int make_initrd(void)
{
	char fill[RD_FILL];
	int fd, ok;

	memset(fill, 'x', sizeof(fill));
	fd = open(RD, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	ok = write(fd, RD_HEAD, 16) == 16 &&
	     write(fd, fill, sizeof(fill)) == sizeof(fill) &&
	     write(fd, RD_TAIL, 16) == 16;
	return close(fd) || !ok ? -1 : 0;
}

/* `avcpu-run @args`, stdout and stderr in @out; its exit status. */
static int run_vmm(const char *args, char *out, size_t len)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "%s %s </dev/null 2>&1", VMM, args);
	return vmm_run_capture(cmd, out, len);
}

/* The value after " @key " on a "layout:" line, or ~0 if there is none. */
static uint64_t fact(const char *out, const char *key)
{
	char pat[32];
	const char *p = out;

	snprintf(pat, sizeof(pat), " %s 0x", key);
	while ((p = strstr(p, pat))) {
		const char *line = p;

		while (line > out && line[-1] != '\n')
			line--;
		if (!strncmp(line, "layout:", 7))
			return strtoull(p + strlen(pat), NULL, 16);
		p++;
	}
	return ~0ULL;
}

FIXTURE(layout) {
	char out[OUT_MAX];
};

FIXTURE_SETUP(layout)
{
	ASSERT_EQ(0, access(VMM, X_OK));
	ASSERT_EQ(0, access(DIR "layout.bin", R_OK));
	ASSERT_EQ(0, make_initrd());
}

FIXTURE_TEARDOWN(layout)
{
	unlink(RD);
	unlink(DTB);
	unlink(BIG_DTB);
}

/* Run, expect status 0 and every check of the guest passed. */
#define RUN(args) do {							\
	int __st = run_vmm(args, self->out, sizeof(self->out));	\
									\
	TH_LOG("avcpu-run %s:\n%s", args, self->out);			\
	ASSERT_EQ(0, __st);						\
	ASSERT_NE(NULL, strstr(self->out, "layout: done, ok\n"));	\
	ASSERT_EQ(NULL, strstr(self->out, "FAIL"));			\
} while (0)

/* The Linux boot protocol's facts, with or without an initrd. */
static void expect_linux(struct __test_metadata *_metadata,
			 const char *out, uint64_t image, uint64_t mib,
			 bool initrd)
{
	uint64_t rd = initrd_at(mib);
	uint64_t dtb = align_up(rd + (initrd ? RD_SIZE : 0), 2 * MIB);

	EXPECT_EQ(image, fact(out, "image"));
	EXPECT_EQ(dtb, fact(out, "x0"));
	EXPECT_EQ(dtb, fact(out, "dtb"));
	EXPECT_EQ(0, fact(out, "x1"));
	EXPECT_EQ(1, fact(out, "el"));
	EXPECT_EQ(RAM, fact(out, "memory"));
	EXPECT_EQ(mib * MIB, fact(out, "size"));
	if (initrd) {
		EXPECT_EQ(rd, fact(out, "initrd"));
		EXPECT_EQ(rd + RD_SIZE, fact(out, "initrd-end"));
		EXPECT_NE(NULL, strstr(out, "layout: ok initrd content"));
	} else {
		EXPECT_NE(NULL, strstr(out, "layout: initrd none\n"));
	}
}

TEST_F(layout, raw)
{
	RUN(DIR "layout.bin");
	expect_linux(_metadata, self->out, 0x40080000, 128, false);
	EXPECT_NE(NULL, strstr(self->out,
			       "layout: bootargs \"console=ttyAMA0 earlycon\""));
	RUN("--mem 512 --initrd " RD " " DIR "layout.bin");
	expect_linux(_metadata, self->out, 0x40080000, 512, true);
}

TEST_F(layout, arm64_image)
{
	/* text_offset 0: 2 MiB up, past QEMU's boot code. */
	RUN("--initrd " RD " --kernel " DIR "layout-image.bin");
	expect_linux(_metadata, self->out, 0x40200000, 128, true);
	RUN("--mem 64 " DIR "layout-image.bin");
	expect_linux(_metadata, self->out, 0x40200000, 64, false);
	/* 384 MiB, in the lab's 1 GiB: 128 MiB up, not halfway. */
	RUN("--mem 384 --initrd " RD " " DIR "layout-image.bin");
	expect_linux(_metadata, self->out, 0x40200000, 384, true);
}

TEST_F(layout, elf)
{
	/* Bare metal: x0 = 0, the DTB at the start of RAM, no initrd. */
	RUN(DIR "layout.elf");
	EXPECT_EQ(0x40100000, fact(self->out, "image"));
	EXPECT_EQ(0, fact(self->out, "x0"));
	EXPECT_EQ(RAM, fact(self->out, "dtb"));
	EXPECT_EQ(128 * MIB, fact(self->out, "size"));
	EXPECT_NE(NULL, strstr(self->out, "layout: initrd none\n"));
	RUN("--initrd " RD " " DIR "layout.elf");
	EXPECT_NE(NULL, strstr(self->out, "--initrd ignored"));
	EXPECT_NE(NULL, strstr(self->out, "layout: initrd none\n"));
	EXPECT_EQ(RAM, fact(self->out, "dtb"));

	/* Starting at 0x40000000 itself: the DTB is at 0, in flash. */
	RUN(DIR "layout-ram0.elf");
	EXPECT_EQ(RAM, fact(self->out, "image"));
	EXPECT_EQ(0, fact(self->out, "x0"));
	EXPECT_EQ(0, fact(self->out, "dtb"));
	EXPECT_EQ(RAM, fact(self->out, "memory"));
}

TEST_F(layout, given_dtb)
{
	/* A tree of another run, given back: RAM, initrd, bootargs patched. */
	RUN("--dtb-out " DTB " --cmdline first " DIR "layout.bin");
	RUN("--mem 512 --dtb " DTB " --initrd " RD " " DIR "layout-image.bin");
	expect_linux(_metadata, self->out, 0x40200000, 512, true);
	EXPECT_NE(NULL, strstr(self->out, "layout: bootargs \"first\""));
	RUN("--dtb " DTB " --cmdline second " DIR "layout.elf");
	EXPECT_EQ(RAM, fact(self->out, "dtb"));
	EXPECT_EQ(128 * MIB, fact(self->out, "size"));
	EXPECT_NE(NULL, strstr(self->out, "layout: bootargs \"second\""));
}

/* @src with 1 MiB of free space (its totalsize), as QEMU dumps its own. */
static int grow_dtb(const char *src, const char *dst)
{
	static unsigned char buf[0x100000];
	ssize_t n;
	int fd;

	fd = open(src, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 40)
		return -1;
	buf[4] = 0x00;
	buf[5] = 0x10;
	buf[6] = 0x00;
	buf[7] = 0x00;
	fd = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	n = write(fd, buf, sizeof(buf));
	return close(fd) || n != sizeof(buf) ? -1 : 0;
}

/*
 * In guest memory QEMU gives a -dtb tree twice its size plus 10000 bytes
 * (its own takes 1 MiB): a 1 MiB tree does not fit below an ELF at
 * 0x40100000, and the guest finds none.
 */
TEST_F(layout, given_dtb_too_big_for_elf)
{
	RUN("--dtb-out " DTB " " DIR "layout.bin");
	ASSERT_EQ(0, grow_dtb(DTB, BIG_DTB));
	RUN("--dtb " BIG_DTB " " DIR "layout-image.bin");
	expect_linux(_metadata, self->out, 0x40200000, 128, false);
	ASSERT_EQ(0, run_vmm("--dtb " BIG_DTB " " DIR "layout.elf", self->out,
			     sizeof(self->out)));
	TH_LOG("%s", self->out);
	EXPECT_NE(NULL, strstr(self->out, "layout: dtb none\n"));
	EXPECT_EQ(0, fact(self->out, "x0"));
	EXPECT_NE(NULL, strstr(self->out,
			       "layout: FAIL device tree found and readable"));
}

TEST_HARNESS_MAIN
