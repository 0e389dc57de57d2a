// SPDX-License-Identifier: GPL-2.0
/*
 * gic.c on the host: the GICv2 distributor and CPU interface model of a
 * four-vCPU machine, driven through mmio_access() at the guest addresses
 * as the vCPU threads drive it (each access made by the vCPU it names),
 * with the GIC's set_line callback recording the vCPUs' IRQ lines.
 */
#include <string.h>

#include "unit.h"
#include "../device.h"
#include "../gic.h"
#include "../mmio.h"
#include "../vcpu.h"

#define NR_VCPUS			4

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_IIDR		0x008
#define GICD_IGROUPR		0x080
#define GICD_ISENABLER		0x100
#define GICD_ICENABLER		0x180
#define GICD_ISPENDR		0x200
#define GICD_ICPENDR		0x280
#define GICD_ISACTIVER		0x300
#define GICD_ICACTIVER		0x380
#define GICD_IPRIORITYR		0x400
#define GICD_ITARGETSR		0x800
#define GICD_ICFGR		0xc00
#define GICD_SGIR		0xf00
#define GICD_CPENDSGIR		0xf10
#define GICD_SPENDSGIR		0xf20
#define GICD_PIDR2		0xfe8

#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_BPR		0x08
#define GICC_IAR		0x0c
#define GICC_EOIR		0x10
#define GICC_RPR		0x14
#define GICC_HPPIR		0x18
#define GICC_APR0		0xd0
#define GICC_IIDR		0xfc
#define GICC_DIR		0x1000

#define GICC_CTLR_EOIMODENS	BIT(9)
#define SPURIOUS		1023
#define SGIR(filter, targets, sgi) \
	((u32)(filter) << 24 | (u32)(targets) << 16 | (sgi))

static struct vcpu vcpus[NR_VCPUS];
static int lines[NR_VCPUS];	/* last level given, -1: never */
static int nr_line_calls;

/* --- vcpu.c's side: the GIC's output -------------------------------- */

static int set_line(struct vcpu *vcpu, bool level)
{
	int cpu = vcpu - vcpus;

	if (cpu < 0 || cpu >= NR_VCPUS) {
		unit_fail(__FILE__, __LINE__, "IRQ line of an unknown vCPU");
		return -1;
	}
	if (lines[cpu] == (int)level)
		unit_fail(__FILE__, __LINE__,
			  "vCPU %d: line set to %d twice in a row", cpu, level);
	lines[cpu] = level;
	nr_line_calls++;
	return 0;
}

/* --- access helpers ------------------------------------------------- */

static u64 rd(int cpu, u64 addr, u32 len)
{
	u8 data[8];
	u64 val = 0;
	int i;

	memset(data, 0x5a, sizeof(data));
	mmio_access(&vcpus[cpu], addr, data, len, false);
	for (i = 7; i >= 0; i--)
		val = val << 8 | data[i];
	return val;
}

static void wr(int cpu, u64 addr, u32 len, u64 val)
{
	u8 data[8];
	int i;

	for (i = 0; i < 8; i++)
		data[i] = val >> (8 * i);
	mmio_access(&vcpus[cpu], addr, data, len, true);
}

static u32 gicd_rd(int cpu, u32 off)
{
	return rd(cpu, GICD_BASE + off, 4);
}

static void gicd_wr(int cpu, u32 off, u32 val)
{
	wr(cpu, GICD_BASE + off, 4, val);
}

static u32 gicc_rd(int cpu, u32 off)
{
	return rd(cpu, GICC_BASE + off, 4);
}

static void gicc_wr(int cpu, u32 off, u32 val)
{
	wr(cpu, GICC_BASE + off, 4, val);
}

/* The bit of @intid in a one-bit-per-interrupt register bank at @base. */
static void bit_wr(int cpu, u32 base, u32 intid)
{
	gicd_wr(cpu, base + intid / 32 * 4, BIT(intid % 32));
}

static bool bit_rd(int cpu, u32 base, u32 intid)
{
	return gicd_rd(cpu, base + intid / 32 * 4) & BIT(intid % 32);
}

static void prio_wr(int cpu, u32 intid, u8 prio)
{
	wr(cpu, GICD_BASE + GICD_IPRIORITYR + intid, 1, prio);
}

static void target_wr(u32 intid, u8 targets)
{
	wr(0, GICD_BASE + GICD_ITARGETSR + intid, 1, targets);
}

/* Enable @intid (banked ones for @cpu) at priority @prio. */
static void enable(int cpu, u32 intid, u8 prio)
{
	prio_wr(cpu, intid, prio);
	bit_wr(cpu, GICD_ISENABLER, intid);
}

/* Acknowledge on @cpu: GICC_IAR's value. */
static u32 ack(int cpu)
{
	return gicc_rd(cpu, GICC_IAR);
}

static void eoi(int cpu, u32 iar)
{
	gicc_wr(cpu, GICC_EOIR, iar);
}

static int line(int cpu)
{
	return lines[cpu];
}

/* Distributor and every CPU interface on, PMR letting everything in. */
static void gic_on(void)
{
	int cpu;

	gicd_wr(0, GICD_CTLR, 1);
	for (cpu = 0; cpu < NR_VCPUS; cpu++) {
		gicc_wr(cpu, GICC_PMR, 0xf8);
		gicc_wr(cpu, GICC_CTLR, 1);
	}
}

static void setup(void)
{
	int i;

	for (i = 0; i < NR_VCPUS; i++) {
		vcpus[i] = (struct vcpu){ .index = i, .fd = -1 };
		lines[i] = -1;
	}
	if (gic_init(vcpus, NR_VCPUS, set_line))
		unit_fail(__FILE__, __LINE__, "gic_init: %s", unit_last_error);
}

/* --- cases ---------------------------------------------------------- */

static void test_ids(void)
{
	/* ITLinesNumber 1 (64 interrupts), CPUNumber = vCPUs - 1. */
	EXPECT_EQ(gicd_rd(0, GICD_TYPER), 1 | (NR_VCPUS - 1) << 5);
	EXPECT_EQ(gicd_rd(0, GICD_IIDR), 0x0200043b);
	EXPECT_EQ(gicd_rd(0, GICD_PIDR2), 0x2b);
	EXPECT_EQ(gicc_rd(0, GICC_IIDR), 0x0002043b);
	/* No groups: IGROUPR reads 0 and ignores writes. */
	gicd_wr(0, GICD_IGROUPR + 4, ~0U);
	EXPECT_EQ(gicd_rd(0, GICD_IGROUPR + 4), 0);
	/* Reset values. */
	EXPECT_EQ(gicd_rd(0, GICD_CTLR), 0);
	EXPECT_EQ(gicc_rd(1, GICC_CTLR), 0);
	EXPECT_EQ(gicc_rd(1, GICC_PMR), 0);
	EXPECT_EQ(gicc_rd(1, GICC_BPR), 2);
	EXPECT_EQ(gicc_rd(1, GICC_RPR), 0xff);
	/* SGIs are edge-triggered, the rest level at reset. */
	EXPECT_EQ(gicd_rd(2, GICD_ICFGR), 0xaaaaaaaa);
	EXPECT_EQ(gicd_rd(2, GICD_ICFGR + 4), 0);
	EXPECT_EQ(gicd_rd(2, GICD_ICFGR + 8), 0);
	EXPECT_EQ(nr_line_calls, 0);
}

static void test_spurious(void)
{
	int cpu;

	gic_on();
	for (cpu = 0; cpu < NR_VCPUS; cpu++) {
		EXPECT_EQ(ack(cpu), SPURIOUS);
		EXPECT_EQ(gicc_rd(cpu, GICC_HPPIR), SPURIOUS);
		EXPECT_EQ(gicc_rd(cpu, GICC_RPR), 0xff);
		EXPECT_EQ(gicc_rd(cpu, GICC_APR0), 0);
	}
	/* A spurious EOI changes nothing. */
	eoi(0, SPURIOUS);
	EXPECT_EQ(gicc_rd(0, GICC_RPR), 0xff);
	EXPECT_EQ(nr_line_calls, 0);
}

static void test_enable_disable(void)
{
	const u32 spi = 40;

	gic_on();
	target_wr(spi, BIT(0));
	prio_wr(0, spi, 0xa0);
	bit_wr(0, GICD_ISPENDR, spi);
	/* Pending but disabled: not signalled. */
	EXPECT(bit_rd(0, GICD_ISPENDR, spi));
	EXPECT(!bit_rd(0, GICD_ISENABLER, spi));
	EXPECT_EQ(line(0), -1);
	EXPECT_EQ(ack(0), SPURIOUS);

	bit_wr(0, GICD_ISENABLER, spi);
	EXPECT(bit_rd(0, GICD_ISENABLER, spi));
	EXPECT(bit_rd(0, GICD_ICENABLER, spi));
	EXPECT_EQ(line(0), 1);
	EXPECT_EQ(gicc_rd(0, GICC_HPPIR), spi);

	bit_wr(0, GICD_ICENABLER, spi);
	EXPECT(!bit_rd(0, GICD_ISENABLER, spi));
	EXPECT_EQ(line(0), 0);
	EXPECT_EQ(ack(0), SPURIOUS);
	EXPECT(bit_rd(0, GICD_ISPENDR, spi));	/* still pending */

	/* Distributor off: nothing is forwarded. */
	bit_wr(0, GICD_ISENABLER, spi);
	EXPECT_EQ(line(0), 1);
	gicd_wr(0, GICD_CTLR, 0);
	EXPECT_EQ(line(0), 0);
	EXPECT_EQ(ack(0), SPURIOUS);
	gicd_wr(0, GICD_CTLR, 1);
	EXPECT_EQ(line(0), 1);

	/* CPU interface off: the line drops. */
	gicc_wr(0, GICC_CTLR, 0);
	EXPECT_EQ(line(0), 0);
	gicc_wr(0, GICC_CTLR, 1);
	EXPECT_EQ(line(0), 1);

	EXPECT_EQ(ack(0), spi);
	EXPECT_EQ(line(0), 0);
	/* Other vCPUs never saw it. */
	EXPECT_EQ(line(1), -1);
	EXPECT_EQ(line(3), -1);
}

static void test_pending_active(void)
{
	const u32 spi = 35;

	gic_on();
	target_wr(spi, BIT(0));
	enable(0, spi, 0x80);
	bit_wr(0, GICD_ISPENDR, spi);
	EXPECT(bit_rd(0, GICD_ISPENDR, spi));
	EXPECT(bit_rd(0, GICD_ICPENDR, spi));
	EXPECT_EQ(line(0), 1);
	bit_wr(0, GICD_ICPENDR, spi);
	EXPECT(!bit_rd(0, GICD_ISPENDR, spi));
	EXPECT_EQ(line(0), 0);

	/* Acknowledge: active, no longer pending. */
	bit_wr(0, GICD_ISPENDR, spi);
	EXPECT_EQ(ack(0), spi);
	EXPECT(bit_rd(0, GICD_ISACTIVER, spi));
	EXPECT(bit_rd(0, GICD_ICACTIVER, spi));
	EXPECT(!bit_rd(0, GICD_ISPENDR, spi));
	/* Pending again while active: not signalled until deactivated. */
	bit_wr(0, GICD_ISPENDR, spi);
	EXPECT(bit_rd(0, GICD_ISPENDR, spi));
	EXPECT_EQ(line(0), 0);
	EXPECT_EQ(gicc_rd(0, GICC_HPPIR), SPURIOUS);
	eoi(0, spi);
	EXPECT(!bit_rd(0, GICD_ISACTIVER, spi));
	EXPECT_EQ(line(0), 1);
	EXPECT_EQ(ack(0), spi);
	eoi(0, spi);
	EXPECT_EQ(line(0), 0);

	/* ISACTIVER/ICACTIVER by hand. */
	bit_wr(0, GICD_ISACTIVER, spi);
	EXPECT(bit_rd(0, GICD_ISACTIVER, spi));
	bit_wr(0, GICD_ISPENDR, spi);
	EXPECT_EQ(line(0), 0);
	bit_wr(0, GICD_ICACTIVER, spi);
	EXPECT(!bit_rd(0, GICD_ISACTIVER, spi));
	EXPECT_EQ(line(0), 1);
}

static void test_priority_order(void)
{
	gic_on();
	target_wr(40, BIT(1));
	target_wr(41, BIT(1));
	target_wr(42, BIT(1));
	target_wr(43, BIT(1));
	enable(1, 40, 0xa0);
	enable(1, 41, 0x40);
	enable(1, 42, 0x80);
	enable(1, 43, 0x80);
	/* Priorities keep their top five bits. */
	prio_wr(1, 41, 0x47);
	EXPECT_EQ(rd(1, GICD_BASE + GICD_IPRIORITYR + 41, 1), 0x40);
	gicd_wr(1, GICD_ISPENDR + 4, BIT(8) | BIT(9) | BIT(10) | BIT(11));
	EXPECT_EQ(line(1), 1);
	EXPECT_EQ(gicc_rd(1, GICC_HPPIR), 41);

	/* Highest priority first; equal priorities: lowest INTID first. */
	EXPECT_EQ(ack(1), 41);
	EXPECT_EQ(gicc_rd(1, GICC_RPR), 0x40);
	/* Nothing pending preempts 0x40: the line is low, IAR spurious. */
	EXPECT_EQ(line(1), 0);
	EXPECT_EQ(ack(1), SPURIOUS);
	eoi(1, 41);
	EXPECT_EQ(line(1), 1);
	EXPECT_EQ(ack(1), 42);
	eoi(1, 42);
	EXPECT_EQ(ack(1), 43);
	eoi(1, 43);
	EXPECT_EQ(ack(1), 40);
	eoi(1, 40);
	EXPECT_EQ(ack(1), SPURIOUS);
	EXPECT_EQ(line(1), 0);
	EXPECT_EQ(gicc_rd(1, GICC_RPR), 0xff);
}

static void test_preemption(void)
{
	u32 low = 50, high = 51, same = 52;

	gic_on();
	target_wr(low, BIT(2));
	target_wr(high, BIT(2));
	target_wr(same, BIT(2));
	enable(2, low, 0xc0);
	enable(2, high, 0x40);
	enable(2, same, 0xc0);

	bit_wr(0, GICD_ISPENDR, low);
	EXPECT_EQ(ack(2), low);
	EXPECT_EQ(gicc_rd(2, GICC_RPR), 0xc0);
	EXPECT_EQ(gicc_rd(2, GICC_APR0), BIT(0xc0 >> 3));
	/* The same priority does not preempt. */
	bit_wr(0, GICD_ISPENDR, same);
	EXPECT_EQ(line(2), 0);
	/* A higher one does: nested acknowledge. */
	bit_wr(0, GICD_ISPENDR, high);
	EXPECT_EQ(line(2), 1);
	EXPECT_EQ(ack(2), high);
	EXPECT_EQ(line(2), 0);
	EXPECT_EQ(gicc_rd(2, GICC_RPR), 0x40);
	EXPECT_EQ(gicc_rd(2, GICC_APR0),
		  BIT(0xc0 >> 3) | BIT(0x40 >> 3));
	/* EOIs in reverse order drop one level each. */
	eoi(2, high);
	EXPECT_EQ(gicc_rd(2, GICC_RPR), 0xc0);
	EXPECT(!bit_rd(2, GICD_ISACTIVER, high));
	EXPECT(bit_rd(2, GICD_ISACTIVER, low));
	EXPECT_EQ(line(2), 0);
	eoi(2, low);
	EXPECT_EQ(gicc_rd(2, GICC_RPR), 0xff);
	EXPECT_EQ(gicc_rd(2, GICC_APR0), 0);
	EXPECT(!bit_rd(2, GICD_ISACTIVER, low));
	EXPECT_EQ(line(2), 1);
	EXPECT_EQ(ack(2), same);
}

static void test_pmr(void)
{
	const u32 spi = 44;

	gic_on();
	target_wr(spi, BIT(0));
	enable(0, spi, 0x80);
	gicc_wr(0, GICC_PMR, 0x80);
	bit_wr(0, GICD_ISPENDR, spi);
	/* Priority must be strictly higher (lower value) than the mask. */
	EXPECT_EQ(line(0), -1);
	EXPECT_EQ(ack(0), SPURIOUS);
	EXPECT_EQ(gicc_rd(0, GICC_HPPIR), spi);	/* HPPIR ignores PMR */
	gicc_wr(0, GICC_PMR, 0x8f);		/* 0x88 once masked */
	EXPECT_EQ(gicc_rd(0, GICC_PMR), 0x88);
	EXPECT_EQ(line(0), 1);
	gicc_wr(0, GICC_PMR, 0);
	EXPECT_EQ(line(0), 0);
	gicc_wr(0, GICC_PMR, 0xff);
	EXPECT_EQ(gicc_rd(0, GICC_PMR), 0xf8);
	EXPECT_EQ(ack(0), spi);
}

static void test_eoimode(void)
{
	const u32 spi = 45;

	gic_on();
	target_wr(spi, BIT(3));
	enable(3, spi, 0x60);
	gicc_wr(3, GICC_CTLR, 1 | GICC_CTLR_EOIMODENS);
	EXPECT_EQ(gicc_rd(3, GICC_CTLR), 1 | GICC_CTLR_EOIMODENS);
	bit_wr(3, GICD_ISPENDR, spi);
	EXPECT_EQ(ack(3), spi);
	/* EOIR only drops the priority; the interrupt stays active. */
	eoi(3, spi);
	EXPECT_EQ(gicc_rd(3, GICC_RPR), 0xff);
	EXPECT(bit_rd(3, GICD_ISACTIVER, spi));
	bit_wr(3, GICD_ISPENDR, spi);
	EXPECT_EQ(line(3), 0);
	/* GICC_DIR deactivates it. */
	gicc_wr(3, GICC_DIR, spi);
	EXPECT(!bit_rd(3, GICD_ISACTIVER, spi));
	EXPECT_EQ(line(3), 1);

	/* EOImodeNS clear: EOIR deactivates too. */
	gicc_wr(3, GICC_CTLR, 1);
	EXPECT_EQ(ack(3), spi);
	eoi(3, spi);
	EXPECT(!bit_rd(3, GICD_ISACTIVER, spi));
	/* GICC_CTLR keeps only the bits it has. */
	gicc_wr(3, GICC_CTLR, ~0U);
	EXPECT_EQ(gicc_rd(3, GICC_CTLR), 0x261);
}

static void test_sgi_target_list(void)
{
	const u32 sgi = 5;
	int cpu;

	gic_on();
	for (cpu = 0; cpu < NR_VCPUS; cpu++)
		enable(cpu, sgi, 0x20);
	/* vCPU 0 to the list {1, 2}. */
	gicd_wr(0, GICD_SGIR, SGIR(0, BIT(1) | BIT(2), sgi));
	EXPECT_EQ(line(0), -1);
	EXPECT_EQ(line(1), 1);
	EXPECT_EQ(line(2), 1);
	EXPECT_EQ(line(3), -1);
	EXPECT(bit_rd(1, GICD_ISPENDR, sgi));
	EXPECT(!bit_rd(0, GICD_ISPENDR, sgi));
	/* The source in GICC_SPENDSGIR's byte and in IAR's bits 12:10. */
	EXPECT_EQ(rd(1, GICD_BASE + GICD_SPENDSGIR + sgi, 1), BIT(0));
	EXPECT_EQ(rd(2, GICD_BASE + GICD_CPENDSGIR + 4, 4), BIT(0) << 8);
	EXPECT_EQ(gicc_rd(1, GICC_HPPIR), sgi);
	EXPECT_EQ(ack(1), sgi);
	EXPECT_EQ(line(1), 0);
	eoi(1, sgi);
	EXPECT_EQ(ack(0), SPURIOUS);
	EXPECT_EQ(ack(3), SPURIOUS);

	/* vCPU 3 to vCPU 2: IAR names the source. */
	gicd_wr(3, GICD_SGIR, SGIR(0, BIT(2), sgi));
	EXPECT_EQ(rd(2, GICD_BASE + GICD_SPENDSGIR + sgi, 1),
		  BIT(0) | BIT(3));
	EXPECT_EQ(ack(2), sgi | 0 << 10);
	eoi(2, sgi);
	EXPECT_EQ(ack(2), sgi | 3 << 10);
	EXPECT_EQ(gicc_rd(2, GICC_HPPIR), SPURIOUS);
	eoi(2, sgi | 3 << 10);
	EXPECT_EQ(line(2), 0);
	EXPECT_EQ(ack(2), SPURIOUS);

	/* Targets beyond the vCPUs are dropped. */
	gicd_wr(0, GICD_SGIR, SGIR(0, 0xf0, sgi));
	for (cpu = 0; cpu < NR_VCPUS; cpu++)
		EXPECT(!bit_rd(cpu, GICD_ISPENDR, sgi));
}

static void test_sgi_filters(void)
{
	int cpu;

	gic_on();
	for (cpu = 0; cpu < NR_VCPUS; cpu++) {
		enable(cpu, 1, 0x20);
		enable(cpu, 2, 0x20);
		enable(cpu, 3, 0x20);
	}
	/* All but self. */
	gicd_wr(2, GICD_SGIR, SGIR(1, 0, 1));
	for (cpu = 0; cpu < NR_VCPUS; cpu++)
		EXPECT_EQ(bit_rd(cpu, GICD_ISPENDR, 1), cpu != 2);
	EXPECT_EQ(ack(0), 1 | 2 << 10);
	EXPECT_EQ(ack(3), 1 | 2 << 10);
	/* Self only; the target list is ignored. */
	gicd_wr(3, GICD_SGIR, SGIR(2, 0xff, 2));
	for (cpu = 0; cpu < NR_VCPUS; cpu++)
		EXPECT_EQ(bit_rd(cpu, GICD_ISPENDR, 2), cpu == 3);
	/* Filter 3 is reserved: nothing. */
	gicd_wr(0, GICD_SGIR, SGIR(3, 0xff, 3));
	for (cpu = 0; cpu < NR_VCPUS; cpu++)
		EXPECT(!bit_rd(cpu, GICD_ISPENDR, 3));
	/* ISPENDR/ICPENDR do not touch SGIs; SPENDSGIR/CPENDSGIR do. */
	bit_wr(1, GICD_ISPENDR, 3);
	EXPECT(!bit_rd(1, GICD_ISPENDR, 3));
	wr(1, GICD_BASE + GICD_SPENDSGIR + 3, 1, BIT(0) | BIT(2));
	EXPECT(bit_rd(1, GICD_ISPENDR, 3));
	bit_wr(1, GICD_ICPENDR, 3);
	EXPECT(bit_rd(1, GICD_ISPENDR, 3));
	wr(1, GICD_BASE + GICD_CPENDSGIR + 3, 1, BIT(0));
	EXPECT_EQ(rd(1, GICD_BASE + GICD_SPENDSGIR + 3, 1), BIT(2));
	EXPECT(bit_rd(1, GICD_ISPENDR, 3));
	wr(1, GICD_BASE + GICD_CPENDSGIR + 3, 1, BIT(2));
	EXPECT(!bit_rd(1, GICD_ISPENDR, 3));
	/* GICC_HPPIR names the source too. */
	EXPECT_EQ(gicc_rd(1, GICC_HPPIR), 1 | 2 << 10);
}

static void test_level_spi(void)
{
	const u32 spi = 3, intid = 32 + spi;

	gic_on();
	target_wr(intid, BIT(0));
	enable(0, intid, 0x80);
	/* A level that drops before anyone looked leaves nothing behind. */
	gic_set_spi(spi, true);
	EXPECT_EQ(line(0), 1);
	gic_set_spi(spi, false);
	EXPECT_EQ(line(0), 0);
	EXPECT(!bit_rd(0, GICD_ISPENDR, intid));

	gic_set_spi(spi, true);
	EXPECT_EQ(line(0), 1);
	EXPECT(bit_rd(0, GICD_ISPENDR, intid));
	EXPECT_EQ(ack(0), intid);
	/* Input still high: active and pending. */
	EXPECT(bit_rd(0, GICD_ISACTIVER, intid));
	EXPECT(bit_rd(0, GICD_ISPENDR, intid));
	EXPECT_EQ(line(0), 0);
	eoi(0, intid);
	EXPECT_EQ(line(0), 1);
	EXPECT_EQ(ack(0), intid);
	eoi(0, intid);
	/* ICPENDR cannot clear a level that is still high. */
	bit_wr(0, GICD_ICPENDR, intid);
	EXPECT(bit_rd(0, GICD_ISPENDR, intid));
	/* Input low: no longer pending. */
	gic_set_spi(spi, false);
	EXPECT(!bit_rd(0, GICD_ISPENDR, intid));
	EXPECT_EQ(line(0), 0);
	EXPECT_EQ(ack(0), SPURIOUS);
	/* Out of range SPIs are ignored. */
	gic_set_spi(32, true);
	gic_set_spi(~0U, true);
	EXPECT_EQ(gicd_rd(0, GICD_ISPENDR + 4), 0);
}

static void test_edge_spi(void)
{
	const u32 spi = 4, intid = 32 + spi;

	gic_on();
	target_wr(intid, BIT(1));
	enable(1, intid, 0x80);
	/* INTID 36 is field 4 of ICFGR2; bit 1 of a field: edge. */
	gicd_wr(0, GICD_ICFGR + 8, 2U << (2 * 4));
	EXPECT_EQ(gicd_rd(0, GICD_ICFGR + 8), 2U << (2 * 4));
	gic_set_spi(spi, true);
	gic_set_spi(spi, false);
	/* The edge is latched: pending with the input low. */
	EXPECT(bit_rd(1, GICD_ISPENDR, intid));
	EXPECT_EQ(line(1), 1);
	EXPECT_EQ(ack(1), intid);
	EXPECT(!bit_rd(1, GICD_ISPENDR, intid));
	eoi(1, intid);
	EXPECT_EQ(line(1), 0);
	/* High, then high again: one edge. */
	gic_set_spi(spi, true);
	EXPECT_EQ(ack(1), intid);
	eoi(1, intid);
	gic_set_spi(spi, true);
	EXPECT(!bit_rd(1, GICD_ISPENDR, intid));
	EXPECT_EQ(ack(1), SPURIOUS);
	/* An edge while active: pending again after EOI. */
	gic_set_spi(spi, false);
	gic_set_spi(spi, true);
	EXPECT_EQ(ack(1), intid);
	gic_set_spi(spi, false);
	gic_set_spi(spi, true);
	EXPECT_EQ(line(1), 0);
	eoi(1, intid);
	EXPECT_EQ(line(1), 1);
	/* ICPENDR clears the latch. */
	bit_wr(1, GICD_ICPENDR, intid);
	EXPECT_EQ(line(1), 0);
	/* SGIs stay edge whatever ICFGR0 is given. */
	gicd_wr(0, GICD_ICFGR, 0);
	EXPECT_EQ(gicd_rd(0, GICD_ICFGR), 0xaaaaaaaa);
}

static void test_spi_targets(void)
{
	const u32 intid = 33;

	gic_on();
	enable(0, intid, 0x80);
	target_wr(intid, BIT(2));
	EXPECT_EQ(rd(0, GICD_BASE + GICD_ITARGETSR + intid, 1), BIT(2));
	/* Private interrupts read as the reading vCPU's own bit. */
	EXPECT_EQ(rd(3, GICD_BASE + GICD_ITARGETSR + 27, 1), BIT(3));
	EXPECT_EQ(gicd_rd(1, GICD_ITARGETSR), 0x02020202);
	wr(1, GICD_BASE + GICD_ITARGETSR + 27, 1, 0xff);	/* ignored */
	EXPECT_EQ(rd(1, GICD_BASE + GICD_ITARGETSR + 27, 1), BIT(1));

	bit_wr(0, GICD_ISPENDR, intid);
	EXPECT_EQ(line(0), -1);
	EXPECT_EQ(line(2), 1);
	EXPECT_EQ(ack(0), SPURIOUS);
	EXPECT_EQ(ack(2), intid);
	eoi(2, intid);
	/* Two targets: both lines; the first to acknowledge takes it. */
	target_wr(intid, BIT(1) | BIT(3));
	bit_wr(0, GICD_ISPENDR, intid);
	EXPECT_EQ(line(1), 1);
	EXPECT_EQ(line(3), 1);
	EXPECT_EQ(ack(3), intid);
	EXPECT_EQ(line(1), 0);
	EXPECT_EQ(ack(1), SPURIOUS);
	eoi(3, intid);
	/* No target: nobody. */
	target_wr(intid, 0);
	bit_wr(0, GICD_ISPENDR, intid);
	EXPECT_EQ(line(1), 0);
	EXPECT_EQ(line(3), 0);
}

static void test_ppi_banked(void)
{
	const u32 vtimer = GIC_PPI_VTIMER;
	int cpu;

	gic_on();
	for (cpu = 0; cpu < NR_VCPUS; cpu++)
		prio_wr(cpu, vtimer, 0xa0);
	bit_wr(1, GICD_ISENABLER, vtimer);
	EXPECT(bit_rd(1, GICD_ISENABLER, vtimer));
	EXPECT(!bit_rd(0, GICD_ISENABLER, vtimer));
	gic_set_ppi(1, vtimer, true);
	EXPECT_EQ(line(1), 1);
	EXPECT_EQ(line(0), -1);
	EXPECT(bit_rd(1, GICD_ISPENDR, vtimer));
	EXPECT(!bit_rd(0, GICD_ISPENDR, vtimer));
	/* The same PPI of vCPU 0 is another interrupt. */
	gic_set_ppi(0, vtimer, true);
	EXPECT_EQ(line(0), -1);
	EXPECT(bit_rd(0, GICD_ISPENDR, vtimer));
	EXPECT_EQ(ack(1), vtimer);
	gic_set_ppi(1, vtimer, false);
	eoi(1, vtimer);
	EXPECT_EQ(line(1), 0);
	/* Priorities are banked too. */
	prio_wr(2, vtimer, 0x10);
	EXPECT_EQ(rd(1, GICD_BASE + GICD_IPRIORITYR + vtimer, 1), 0xa0);
	/* Not PPIs, or no such vCPU: ignored. */
	gic_set_ppi(2, 5, true);
	gic_set_ppi(2, 32, true);
	gic_set_ppi(NR_VCPUS, vtimer, true);
	gic_set_ppi(-1, vtimer, true);
	EXPECT_EQ(gicd_rd(2, GICD_ISPENDR), 0);
	EXPECT_EQ(gicd_rd(2, GICD_ISPENDR + 4), 0);
}

static void test_widths(void)
{
	u32 i;

	/* Byte registers: any width; the others: 32-bit aligned only. */
	gicd_wr(0, GICD_IPRIORITYR + 32, 0x10203040);
	EXPECT_EQ(gicd_rd(0, GICD_IPRIORITYR + 32), 0x10203040);
	wr(0, GICD_BASE + GICD_IPRIORITYR + 33, 1, 0x88);
	EXPECT_EQ(gicd_rd(0, GICD_IPRIORITYR + 32), 0x10208840);
	wr(0, GICD_BASE + GICD_IPRIORITYR + 34, 2, 0xfff8);
	EXPECT_EQ(rd(0, GICD_BASE + GICD_IPRIORITYR + 32, 8),
		  0xf8f88840ULL);
	EXPECT_EQ(rd(0, GICD_BASE + GICD_IPRIORITYR + 34, 2), 0xf8f8);
	wr(0, GICD_BASE + GICD_ITARGETSR + 40, 8, 0x0102040801020408ULL);
	EXPECT_EQ(rd(0, GICD_BASE + GICD_ITARGETSR + 40, 8),
		  0x0102040801020408ULL);
	EXPECT_EQ(rd(0, GICD_BASE + GICD_ITARGETSR + 44, 4), 0x01020408);
	/* Beyond interrupt 63: reads 0, writes ignored. */
	EXPECT_EQ(gicd_rd(0, GICD_IPRIORITYR + 64), 0);
	gicd_wr(0, GICD_IPRIORITYR + 64, ~0U);
	EXPECT_EQ(gicd_rd(0, GICD_IPRIORITYR + 64), 0);
	EXPECT_EQ(gicd_rd(0, GICD_ISENABLER + 8), 0);

	/* A 32-bit register at another width or unaligned: no effect. */
	wr(0, GICD_BASE + GICD_ISENABLER + 4, 1, 0xff);
	wr(0, GICD_BASE + GICD_ISENABLER + 4, 2, 0xffff);
	wr(0, GICD_BASE + GICD_ISENABLER + 4, 8, ~0ULL);
	wr(0, GICD_BASE + GICD_ISENABLER + 5, 4, 0xff);
	EXPECT_EQ(gicd_rd(0, GICD_ISENABLER + 4), 0);
	gicd_wr(0, GICD_ISENABLER + 4, 0xff);
	EXPECT_EQ(rd(0, GICD_BASE + GICD_ISENABLER + 4, 1), 0);
	EXPECT_EQ(rd(0, GICD_BASE + GICD_ISENABLER + 4, 8), 0);
	EXPECT_EQ(rd(0, GICD_BASE + GICD_ISENABLER + 6, 4), 0);
	wr(0, GICD_BASE + GICD_CTLR, 1, 1);
	EXPECT_EQ(gicd_rd(0, GICD_CTLR), 0);
	/* Write-only and reserved registers read 0. */
	EXPECT_EQ(gicd_rd(0, GICD_SGIR), 0);
	EXPECT_EQ(gicd_rd(0, 0xe00), 0);
	EXPECT_EQ(gicd_rd(0, 0x10), 0);

	/* GICC: 32-bit only; a narrow IAR read acknowledges nothing. */
	gic_on();
	target_wr(40, BIT(0));
	enable(0, 40, 0x80);
	bit_wr(0, GICD_ISPENDR, 40);
	EXPECT_EQ(rd(0, GICC_BASE + GICC_IAR, 2), 0);
	EXPECT_EQ(rd(0, GICC_BASE + GICC_IAR, 8), 0);
	EXPECT(!bit_rd(0, GICD_ISACTIVER, 40));
	wr(0, GICC_BASE + GICC_PMR, 1, 0);
	wr(0, GICC_BASE + GICC_PMR + 1, 4, 0);
	EXPECT_EQ(gicc_rd(0, GICC_PMR), 0xf8);
	EXPECT_EQ(gicc_rd(0, GICC_IAR), 40);
	/* BPR: at least 2 (five priority bits), three bits wide. */
	gicc_wr(0, GICC_BPR, 0);
	EXPECT_EQ(gicc_rd(0, GICC_BPR), 2);
	gicc_wr(0, GICC_BPR, 5);
	EXPECT_EQ(gicc_rd(0, GICC_BPR), 5);
	gicc_wr(0, GICC_BPR, 0xf);
	EXPECT_EQ(gicc_rd(0, GICC_BPR), 7);
	/* Every other 32-bit offset of the 8 KiB frame reads 0. */
	for (i = 0x20; i < 0xd0; i += 4)
		EXPECT_EQ(gicc_rd(0, i), 0);
	EXPECT_EQ(gicc_rd(0, GICC_DIR), 0);
}

static void test_reset(void)
{
	gic_on();
	target_wr(40, BIT(0));
	enable(0, 40, 0x80);
	gicd_wr(0, GICD_ICFGR + 8, ~0U);
	bit_wr(0, GICD_ISPENDR, 40);
	gicd_wr(0, GICD_SGIR, SGIR(1, 0, 7));
	EXPECT_EQ(ack(0), 40);
	devices_reset();
	EXPECT_EQ(gicd_rd(0, GICD_CTLR), 0);
	EXPECT_EQ(gicc_rd(0, GICC_CTLR), 0);
	EXPECT_EQ(gicc_rd(0, GICC_RPR), 0xff);
	EXPECT_EQ(gicc_rd(0, GICC_APR0), 0);
	EXPECT_EQ(gicc_rd(0, GICC_BPR), 2);
	EXPECT_EQ(gicd_rd(0, GICD_ISACTIVER + 4), 0);
	EXPECT_EQ(gicd_rd(0, GICD_ISPENDR + 4), 0);
	EXPECT_EQ(gicd_rd(1, GICD_ISPENDR), 0);
	EXPECT_EQ(gicd_rd(0, GICD_ISENABLER + 4), 0);
	EXPECT_EQ(gicd_rd(0, GICD_IPRIORITYR + 40), 0);
	EXPECT_EQ(gicd_rd(0, GICD_ITARGETSR + 40), 0);
	EXPECT_EQ(gicd_rd(0, GICD_ICFGR), 0xaaaaaaaa);
	EXPECT_EQ(gicd_rd(0, GICD_ICFGR + 8), 0);
	/* The lines start over from low; the state still drives them. */
	gic_on();
	enable(0, 40, 0x80);
	target_wr(40, BIT(0));
	bit_wr(0, GICD_ISPENDR, 40);
	EXPECT_EQ(ack(0), 40);
}

static const struct unit_case cases[] = {
	{ "ids_and_reset_values", test_ids },
	{ "spurious_when_idle", test_spurious },
	{ "enable_disable", test_enable_disable },
	{ "pending_active", test_pending_active },
	{ "priority_order", test_priority_order },
	{ "preemption_nesting", test_preemption },
	{ "priority_mask", test_pmr },
	{ "eoimode_dir", test_eoimode },
	{ "sgi_target_list", test_sgi_target_list },
	{ "sgi_filters_sources", test_sgi_filters },
	{ "level_spi", test_level_spi },
	{ "edge_spi", test_edge_spi },
	{ "spi_targets", test_spi_targets },
	{ "ppi_banked", test_ppi_banked },
	{ "register_widths", test_widths },
	{ "reset", test_reset },
};

int main(void)
{
	return unit_main("gic", setup, cases, ARRAY_SIZE(cases));
}
