// SPDX-License-Identifier: GPL-2.0
/*
 * mmio.c on the host: device registration by range, and how an MMIO exit's
 * data bytes (little-endian, 1 to 8 of them) become a device's value and
 * back.
 */
#include <string.h>

#include "unit.h"
#include "../mmio.h"
#include "../vcpu.h"

/* A device that records its last access and reads back @val. */
struct probe {
	struct mmio_dev dev;
	u64 offset;
	u64 val;
	u32 len;
	struct vcpu *vcpu;	/* whose access it was */
	int reads;
	int writes;
};

#define to_probe(d)	((struct probe *)(d))

/* The vCPU every access here is made by, unless a case says otherwise. */
static struct vcpu cpu0 = { .index = 0, .fd = -1 };
static struct vcpu cpu3 = { .index = 3, .fd = -1 };

static u64 probe_read(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
		      u32 len)
{
	struct probe *p = to_probe(dev);

	p->vcpu = vcpu;
	p->offset = offset;
	p->len = len;
	p->reads++;
	return p->val;
}

static void probe_write(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
			u64 val, u32 len)
{
	struct probe *p = to_probe(dev);

	p->vcpu = vcpu;
	p->offset = offset;
	p->len = len;
	p->val = val;
	p->writes++;
}

#define PROBE(n, b, s) { .dev = { .name = (n), .base = (b), .size = (s), \
				  .read = probe_read, .write = probe_write } }

static struct probe a = PROBE("a", 0x1000, 0x100);
static struct probe b = PROBE("b", 0x1100, 0x10);	/* right after a */
static struct probe wo = { .dev = { .name = "write-only", .base = 0x2000,
				    .size = 8, .write = probe_write } };

static void setup(void)
{
	if (mmio_register(&a.dev) || mmio_register(&b.dev) ||
	    mmio_register(&wo.dev))
		unit_fail(__FILE__, __LINE__, "mmio_register: %s",
			  unit_last_error);
}

static void test_register_errors(void)
{
	struct mmio_dev empty = { .name = "empty", .base = 0x3000 };
	struct mmio_dev wraps = { .name = "wraps", .base = ~0ULL - 0xf,
				  .size = 0x20 };
	struct mmio_dev over = { .name = "over", .base = 0x10f0,
				 .size = 0x20 };
	struct mmio_dev inside = { .name = "inside", .base = 0x1004,
				   .size = 4 };
	struct mmio_dev around = { .name = "around", .base = 0x800,
				   .size = 0x2000 };
	struct mmio_dev below = { .name = "below", .base = 0xf00,
				  .size = 0x100 };
	struct mmio_dev top = { .name = "top", .base = ~0ULL - 0xf,
				.size = 0x10 };
	struct mmio_dev high = { .name = "high", .base = ~0ULL - 0x1f,
				 .size = 0x10 };

	EXPECT_EQ(mmio_register(&empty), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "MMIO empty: bad range");
	EXPECT_EQ(mmio_register(&wraps), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "MMIO wraps: bad range");
	EXPECT_EQ(mmio_register(&over), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "MMIO over overlaps");
	EXPECT_EQ(mmio_register(&inside), STATUS_SETUP);
	EXPECT_SUBSTR(unit_last_error, "MMIO inside overlaps a");
	EXPECT_EQ(mmio_register(&around), STATUS_SETUP);
	/* base + size must not wrap, even to 0. */
	EXPECT_EQ(mmio_register(&top), STATUS_SETUP);
	EXPECT_EQ(unit_nr_errors, 6);
	/* Touching, not overlapping. */
	EXPECT_EQ(mmio_register(&below), 0);
	EXPECT_EQ(mmio_register(&high), 0);
	EXPECT_EQ(unit_nr_errors, 6);
}

static void test_dispatch(void)
{
	u8 data[8];

	/* Offsets are relative to the device that holds the address. */
	memset(data, 0, sizeof(data));
	data[0] = 0x12;
	mmio_access(&cpu0, 0x1000, data, 1, true);
	EXPECT_EQ(a.writes, 1);
	EXPECT_EQ(a.offset, 0);
	EXPECT_EQ(a.val, 0x12);
	mmio_access(&cpu0, 0x10ff, data, 1, true);
	EXPECT_EQ(a.offset, 0xff);
	EXPECT_EQ(b.writes, 0);
	mmio_access(&cpu0, 0x1100, data, 1, true);
	EXPECT_EQ(b.writes, 1);
	EXPECT_EQ(b.offset, 0);
	mmio_access(&cpu0, 0x110f, data, 1, false);
	EXPECT_EQ(b.reads, 1);
	EXPECT_EQ(b.offset, 0xf);
	EXPECT(b.vcpu == &cpu0);
	/* Just past b: nobody's. */
	mmio_access(&cpu0, 0x1110, data, 1, true);
	mmio_access(&cpu0, 0xfff, data, 1, true);
	EXPECT_EQ(a.writes + b.writes, 3);
	EXPECT_EQ(a.reads + b.reads, 1);
	/* The device is told which vCPU accesses it. */
	mmio_access(&cpu3, 0x1001, data, 1, true);
	EXPECT(a.vcpu == &cpu3);
	mmio_access(&cpu3, 0x1100, data, 1, false);
	EXPECT(b.vcpu == &cpu3);
}

static void test_write_widths(void)
{
	static const u8 bytes[8] = { 0x11, 0x22, 0x33, 0x44,
				     0x55, 0x66, 0x77, 0x88 };
	u8 data[8];

	memcpy(data, bytes, sizeof(data));
	mmio_access(&cpu0, 0x1010, data, 1, true);
	EXPECT_EQ(a.val, 0x11);
	EXPECT_EQ(a.len, 1);
	mmio_access(&cpu0, 0x1010, data, 2, true);
	EXPECT_EQ(a.val, 0x2211);
	EXPECT_EQ(a.len, 2);
	mmio_access(&cpu0, 0x1010, data, 4, true);
	EXPECT_EQ(a.val, 0x44332211);
	mmio_access(&cpu0, 0x1010, data, 8, true);
	EXPECT_EQ(a.val, 0x8877665544332211ULL);
	EXPECT_EQ(a.len, 8);
	/* Writes leave the data buffer alone. */
	EXPECT_MEMEQ(data, bytes, sizeof(data));
}

static void test_read_widths(void)
{
	static const u8 want8[8] = { 0xef, 0xcd, 0xab, 0x89,
				     0x67, 0x45, 0x23, 0x01 };
	static const u8 want2[8] = { 0xef, 0xcd };
	static const u8 want4[8] = { 0xef, 0xcd, 0xab, 0x89 };
	u8 data[8];

	a.val = 0x0123456789abcdefULL;
	/* Only @len bytes of the value; the rest of the buffer zeroed. */
	memset(data, 0xaa, sizeof(data));
	mmio_access(&cpu0, 0x1020, data, 2, false);
	EXPECT_MEMEQ(data, want2, sizeof(data));
	EXPECT_EQ(a.len, 2);
	EXPECT_EQ(a.offset, 0x20);
	memset(data, 0xaa, sizeof(data));
	mmio_access(&cpu0, 0x1020, data, 4, false);
	EXPECT_MEMEQ(data, want4, sizeof(data));
	memset(data, 0xaa, sizeof(data));
	mmio_access(&cpu0, 0x1020, data, 8, false);
	EXPECT_MEMEQ(data, want8, sizeof(data));
	memset(data, 0xaa, sizeof(data));
	mmio_access(&cpu0, 0x1020, data, 1, false);
	EXPECT_EQ(data[0], 0xef);
	EXPECT_EQ(data[1], 0);
	EXPECT_EQ(data[7], 0);
}

static void test_unclaimed(void)
{
	static const u8 zero[8];
	u8 data[8];

	/*
	 * Nobody's access is the caller's to refuse (a data abort): false,
	 * the data left alone, nothing logged.
	 */
	memset(data, 0xaa, sizeof(data));
	EXPECT_EQ(mmio_access(&cpu0, 0x5000, data, 4, false), false);
	EXPECT_EQ(mmio_access(&cpu0, 0x5000, data, 4, true), false);
	EXPECT_EQ(mmio_access(&cpu0, 0x0fff, data, 1, false), false);
	EXPECT_EQ(mmio_access(&cpu0, 0x1110, data, 8, true), false);
	EXPECT_EQ(mmio_access(&cpu0, ~0ULL, data, 1, false), false);
	EXPECT_EQ(data[0], 0xaa);
	EXPECT_EQ(data[7], 0xaa);
	EXPECT_EQ(unit_nr_infos, 0);
	EXPECT_EQ(unit_nr_errors, 0);
	/* A device's access is done; one without read reads 0. */
	EXPECT_EQ(mmio_access(&cpu0, 0x1000, data, 4, false), true);
	memset(data, 0xaa, sizeof(data));
	EXPECT_EQ(mmio_access(&cpu0, 0x2000, data, 8, false), true);
	EXPECT_MEMEQ(data, zero, sizeof(data));
}

static const struct unit_case cases[] = {
	{ "register_errors", test_register_errors },
	{ "dispatch_by_range", test_dispatch },
	{ "write_le_widths", test_write_widths },
	{ "read_le_widths", test_read_widths },
	{ "unclaimed_is_refused", test_unclaimed },
};

int main(void)
{
	return unit_main("mmio", setup, cases, ARRAY_SIZE(cases));
}
