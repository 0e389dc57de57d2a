// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: a GICv2 interrupt controller, distributor and CPU interface,
 * emulated here in userspace.  Its output for each vCPU is the vCPU's
 * virtual IRQ line, which AVCPU_IRQ_LINE raises and lowers.
 *
 *   0x08000000  distributor (4 KiB used of a 64 KiB frame)
 *   0x08010000  CPU interface (8 KiB: GICC_DIR at 0x1000)
 *
 * 64 interrupts: SGIs 0-15 and PPIs 16-31 banked per vCPU, SPIs 32-63
 * (GICD_TYPER.ITLinesNumber 1).  One security state, the non-secure
 * view, no groups (IGROUPR reads 0 and ignores writes).  Priorities keep
 * their top 5 bits (32 levels), as a GIC-400 does; the CPU interface's
 * active priorities (GICC_APR0) are one bit per level, the running
 * priority the highest of them.
 *
 * An interrupt is pending while its latch is set (an edge, a write to
 * ISPENDR, an SGI) or, level-sensitive, while its input is high.
 * Acknowledging it (GICC_IAR) makes it active and clears the latch; a
 * level input still high leaves it active and pending.  GICC_EOIR drops
 * the running priority and, with GICC_CTLR.EOImodeNS clear, deactivates
 * the interrupt; with it set, GICC_DIR does.
 *
 * Every vCPU thread accesses the registers and raises inputs (its
 * virtual timer, PPI 27), the console thread raises the UART's SPI: one
 * lock covers the state, and each change is followed by an update of the
 * vCPUs' lines, issued under the lock so that they happen in order.
 * GICC registers and the private interrupts are banked by the vCPU that
 * accesses them, which the MMIO callbacks are given.  The model's only
 * contact with /dev/avcpu is the set_line callback of gic_init()
 * (vcpu_irq_line()), so that it builds and runs on its own in the host
 * unit tests (tests/test_gic.c).
 *
 * Its device tree node, intc@8000000, is "arm,cortex-a15-gic" with the
 * distributor and CPU interface ranges and phandle FDT_PHANDLE_INTC,
 * and #address-cells, #size-cells and ranges as QEMU's.
 */
#include <errno.h>
#include <string.h>

#include "device.h"
#include "fdt.h"
#include "gic.h"
#include "log.h"
#include "mmio.h"
#include "vcpu.h"

#define GIC_NR_IRQS		64
#define GIC_NR_PRIVATE		32
#define GIC_NR_SGIS		16
#define GIC_NR_SPIS		(GIC_NR_IRQS - GIC_NR_PRIVATE)
#define GIC_SPURIOUS		1023
#define GIC_PRIO_MASK		0xf8
#define GIC_PRIO_SHIFT		3
#define GIC_IDLE_PRIO		0xff

/* Distributor */
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
#define GICD_END		0x1000

#define GICD_CTLR_ENABLE	BIT(0)
#define GICD_IIDR_VALUE		0x0200043b	/* ARM, GICv2 */
#define GICD_PIDR2_VALUE	0x2b		/* ArchRev 2 */
#define GICD_SGIR_FILTER_SHIFT	24
#define GICD_SGIR_LIST		0
#define GICD_SGIR_OTHERS	1
#define GICD_SGIR_SELF		2
#define GICD_SGIR_TARGET_SHIFT	16

/* CPU interface */
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

#define GICC_CTLR_ENABLE	BIT(0)
#define GICC_CTLR_EOIMODENS	BIT(9)
#define GICC_CTLR_MASK		0x261	/* Enable, FIQBypDisGrp1, IRQ.., EOImode */
#define GICC_IIDR_VALUE		0x0002043b
#define GICC_BPR_MIN		2	/* 5 priority bits: group priority 7:3 */
#define GICC_SGI_SRC_SHIFT	10

struct gic_irq {
	u8 prio;
	u8 targets;		/* SPIs: GICD_ITARGETSR byte */
	bool enabled;
	bool latch;		/* edge, ISPENDR, SGI */
	bool level;		/* input */
	bool edge;		/* GICD_ICFGR: edge-triggered */
	bool active;
};

struct gic_cpu {
	struct gic_irq priv[GIC_NR_PRIVATE];
	u8 sgi_src[GIC_NR_SGIS];	/* pending SGIs by source vCPU */
	u32 ctlr;
	u32 pmr;
	u32 bpr;
	u32 apr;		/* active priority levels, bit prio >> 3 */
	bool line;		/* what set_line() last said */
};

static struct gic {
	pthread_mutex_t lock;
	int nr_cpus;
	struct vcpu *vcpus;
	int (*set_line)(struct vcpu *vcpu, bool level);
	u32 ctlr;
	struct gic_irq spi[GIC_NR_SPIS];
	struct gic_cpu cpu[CPUS_MAX];
} gic = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

static struct gic_irq *irq_of(int cpu, u32 intid)
{
	if (intid < GIC_NR_PRIVATE)
		return &gic.cpu[cpu].priv[intid];
	return &gic.spi[intid - GIC_NR_PRIVATE];
}

static bool irq_pending(const struct gic_irq *irq)
{
	return irq->latch || (!irq->edge && irq->level);
}

static bool irq_targets(const struct gic_irq *irq, u32 intid, int cpu)
{
	return intid < GIC_NR_PRIVATE || (irq->targets & BIT(cpu));
}

/* The running priority of @cpu: its highest active priority level. */
static u32 running_prio(int cpu)
{
	u32 apr = gic.cpu[cpu].apr;

	return apr ? (u32)__builtin_ctz(apr) << GIC_PRIO_SHIFT :
		     GIC_IDLE_PRIO;
}

/* The highest priority pending interrupt for @cpu, or GIC_SPURIOUS. */
static u32 highest_pending(int cpu)
{
	u32 best = GIC_SPURIOUS, best_prio = 0x100, intid;
	struct gic_irq *irq;

	if (!(gic.ctlr & GICD_CTLR_ENABLE))
		return GIC_SPURIOUS;
	for (intid = 0; intid < GIC_NR_IRQS; intid++) {
		irq = irq_of(cpu, intid);
		if (!irq->enabled || irq->active || !irq_pending(irq) ||
		    !irq_targets(irq, intid, cpu))
			continue;
		if (irq->prio < best_prio) {
			best = intid;
			best_prio = irq->prio;
		}
	}
	return best;
}

/* @intid can interrupt @cpu now: above the priority mask and running. */
static bool can_signal(int cpu, u32 intid)
{
	u32 prio;

	if (intid == GIC_SPURIOUS)
		return false;
	prio = irq_of(cpu, intid)->prio;
	return prio < gic.cpu[cpu].pmr && prio < running_prio(cpu);
}

/* Bring every vCPU's IRQ line in line with the state.  Holds gic.lock. */
static void gic_update(void)
{
	struct gic_cpu *c;
	bool level;
	int cpu;

	for (cpu = 0; cpu < gic.nr_cpus; cpu++) {
		c = &gic.cpu[cpu];
		level = (c->ctlr & GICC_CTLR_ENABLE) &&
			can_signal(cpu, highest_pending(cpu));
		if (level == c->line)
			continue;
		if (gic.set_line(&gic.vcpus[cpu], level) < 0) {
			info("vCPU %d: AVCPU_IRQ_LINE: %s", cpu,
			     strerror(errno));
			continue;
		}
		c->line = level;
	}
}

static void irq_input(int cpu, u32 intid, bool level)
{
	struct gic_irq *irq = irq_of(cpu, intid);

	if (irq->edge && level && !irq->level)
		irq->latch = true;
	irq->level = level;
}

void gic_set_ppi(int cpu, u32 intid, bool level)
{
	if (cpu < 0 || cpu >= gic.nr_cpus || intid < GIC_NR_SGIS ||
	    intid >= GIC_NR_PRIVATE)
		return;
	pthread_mutex_lock(&gic.lock);
	irq_input(cpu, intid, level);
	gic_update();
	pthread_mutex_unlock(&gic.lock);
}

void gic_set_spi(u32 spi, bool level)
{
	if (spi >= GIC_NR_SPIS)
		return;
	pthread_mutex_lock(&gic.lock);
	irq_input(0, spi + GIC_NR_PRIVATE, level);
	gic_update();
	pthread_mutex_unlock(&gic.lock);
}

/* --- distributor ------------------------------------------------------ */

enum bit_reg { SET_ENABLE, CLEAR_ENABLE, SET_PEND, CLEAR_PEND, SET_ACTIVE,
	       CLEAR_ACTIVE };

static u32 bits_read(int cpu, enum bit_reg reg, u32 first)
{
	struct gic_irq *irq;
	u32 val = 0, i;
	bool bit;

	for (i = 0; i < 32 && first + i < GIC_NR_IRQS; i++) {
		irq = irq_of(cpu, first + i);
		switch (reg) {
		case SET_ENABLE:
		case CLEAR_ENABLE:
			bit = irq->enabled;
			break;
		case SET_PEND:
		case CLEAR_PEND:
			bit = irq_pending(irq) ||
			      (first + i < GIC_NR_SGIS &&
			       gic.cpu[cpu].sgi_src[first + i]);
			break;
		default:
			bit = irq->active;
			break;
		}
		if (bit)
			val |= BIT(i);
	}
	return val;
}

static void bits_write(int cpu, enum bit_reg reg, u32 first, u32 val)
{
	struct gic_irq *irq;
	u32 i, intid;

	for (i = 0; i < 32 && first + i < GIC_NR_IRQS; i++) {
		if (!(val & BIT(i)))
			continue;
		intid = first + i;
		irq = irq_of(cpu, intid);
		switch (reg) {
		case SET_ENABLE:
			irq->enabled = true;
			break;
		case CLEAR_ENABLE:
			irq->enabled = false;
			break;
		case SET_PEND:
			/* SGIs are made pending through GICD_SGIR. */
			if (intid >= GIC_NR_SGIS)
				irq->latch = true;
			break;
		case CLEAR_PEND:
			if (intid >= GIC_NR_SGIS)
				irq->latch = false;
			break;
		case SET_ACTIVE:
			irq->active = true;
			break;
		case CLEAR_ACTIVE:
			irq->active = false;
			break;
		}
	}
}

/* GICD_SGIR: SGI @val & 15 from @cpu to the vCPUs the filter names. */
static void sgi_write(int cpu, u32 val)
{
	u32 sgi = val & 0xf, filter = (val >> GICD_SGIR_FILTER_SHIFT) & 3;
	u32 targets = (val >> GICD_SGIR_TARGET_SHIFT) & 0xff;
	int t;

	if (filter == GICD_SGIR_OTHERS)
		targets = 0xff & ~BIT(cpu);
	else if (filter == GICD_SGIR_SELF)
		targets = BIT(cpu);
	else if (filter != GICD_SGIR_LIST)
		return;
	for (t = 0; t < gic.nr_cpus; t++) {
		if (!(targets & BIT(t)))
			continue;
		gic.cpu[t].sgi_src[sgi] |= BIT(cpu);
		gic.cpu[t].priv[sgi].latch = true;
	}
}

/* GICD_ITARGETSR byte of @intid as @cpu reads it. */
static u8 target_read(int cpu, u32 intid)
{
	if (intid < GIC_NR_PRIVATE)
		return BIT(cpu);
	return gic.spi[intid - GIC_NR_PRIVATE].targets;
}

static u32 cfg_read(int cpu, u32 first)
{
	u32 val = 0, i;

	for (i = 0; i < 16 && first + i < GIC_NR_IRQS; i++) {
		if (first + i < GIC_NR_SGIS || irq_of(cpu, first + i)->edge)
			val |= 2U << (2 * i);
	}
	return val;
}

static void cfg_write(int cpu, u32 first, u32 val)
{
	u32 i;

	for (i = 0; i < 16 && first + i < GIC_NR_IRQS; i++) {
		if (first + i >= GIC_NR_SGIS)
			irq_of(cpu, first + i)->edge = val & (2U << (2 * i));
	}
}

/* Registers with a byte per interrupt, accessed @len bytes at once. */
static u64 bytes_read(int cpu, u64 offset, u32 len)
{
	u32 intid, i;
	u64 val = 0;
	u8 b;

	for (i = 0; i < len; i++) {
		if (offset >= GICD_IPRIORITYR && offset < GICD_ITARGETSR) {
			intid = offset - GICD_IPRIORITYR + i;
			b = intid < GIC_NR_IRQS ? irq_of(cpu, intid)->prio : 0;
		} else if (offset >= GICD_CPENDSGIR &&
			   offset < GICD_SPENDSGIR + 16) {
			intid = (offset + i) & 0xf;
			b = gic.cpu[cpu].sgi_src[intid];
		} else {
			intid = offset - GICD_ITARGETSR + i;
			b = intid < GIC_NR_IRQS ? target_read(cpu, intid) : 0;
		}
		val |= (u64)b << (8 * i);
	}
	return val;
}

static void bytes_write(int cpu, u64 offset, u64 val, u32 len)
{
	struct gic_cpu *c = &gic.cpu[cpu];
	u32 intid, i;
	u8 b;

	for (i = 0; i < len; i++) {
		b = val >> (8 * i);
		if (offset >= GICD_IPRIORITYR && offset < GICD_ITARGETSR) {
			intid = offset - GICD_IPRIORITYR + i;
			if (intid < GIC_NR_IRQS)
				irq_of(cpu, intid)->prio = b & GIC_PRIO_MASK;
		} else if (offset >= GICD_CPENDSGIR &&
			   offset < GICD_CPENDSGIR + 16) {
			intid = (offset + i) & 0xf;
			c->sgi_src[intid] &= ~b;
			c->priv[intid].latch = c->sgi_src[intid];
		} else if (offset >= GICD_SPENDSGIR &&
			   offset < GICD_SPENDSGIR + 16) {
			intid = (offset + i) & 0xf;
			c->sgi_src[intid] |= b;
			c->priv[intid].latch = c->sgi_src[intid];
		} else {
			intid = offset - GICD_ITARGETSR + i;
			if (intid >= GIC_NR_PRIVATE && intid < GIC_NR_IRQS)
				gic.spi[intid - GIC_NR_PRIVATE].targets = b;
		}
	}
}

static bool is_byte_reg(u64 offset)
{
	return (offset >= GICD_IPRIORITYR && offset < GICD_ICFGR) ||
	       (offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 16);
}

static u64 gicd_read(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
		     u32 len)
{
	int cpu = vcpu->index;
	u64 val = 0;
	u32 reg;

	(void)dev;
	pthread_mutex_lock(&gic.lock);
	if (is_byte_reg(offset)) {
		val = bytes_read(cpu, offset, len);
		goto out;
	}
	if (len != 4 || (offset & 3))
		goto out;
	reg = offset & ~0x7fULL;
	switch (reg) {
	case GICD_ISENABLER:
	case GICD_ICENABLER:
	case GICD_ISPENDR:
	case GICD_ICPENDR:
	case GICD_ISACTIVER:
	case GICD_ICACTIVER:
		val = bits_read(cpu, (reg - GICD_ISENABLER) / 0x80,
				(offset & 0x7f) * 8);
		goto out;
	}
	if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 0x100) {
		val = cfg_read(cpu, (offset - GICD_ICFGR) * 4);
		goto out;
	}
	switch (offset) {
	case GICD_CTLR:
		val = gic.ctlr;
		break;
	case GICD_TYPER:
		val = (GIC_NR_IRQS / 32 - 1) | (gic.nr_cpus - 1) << 5;
		break;
	case GICD_IIDR:
		val = GICD_IIDR_VALUE;
		break;
	case GICD_PIDR2:
		val = GICD_PIDR2_VALUE;
		break;
	default:		/* IGROUPR, reserved, SGIR (write-only) */
		break;
	}
out:
	pthread_mutex_unlock(&gic.lock);
	return val;
}

static void gicd_write(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
		       u64 val, u32 len)
{
	int cpu = vcpu->index;
	u32 reg;

	(void)dev;
	pthread_mutex_lock(&gic.lock);
	if (is_byte_reg(offset)) {
		bytes_write(cpu, offset, val, len);
		goto update;
	}
	if (len != 4 || (offset & 3))
		goto out;
	reg = offset & ~0x7fULL;
	switch (reg) {
	case GICD_ISENABLER:
	case GICD_ICENABLER:
	case GICD_ISPENDR:
	case GICD_ICPENDR:
	case GICD_ISACTIVER:
	case GICD_ICACTIVER:
		bits_write(cpu, (reg - GICD_ISENABLER) / 0x80,
			   (offset & 0x7f) * 8, val);
		goto update;
	}
	if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 0x100) {
		cfg_write(cpu, (offset - GICD_ICFGR) * 4, val);
		goto update;
	}
	switch (offset) {
	case GICD_CTLR:
		gic.ctlr = val & GICD_CTLR_ENABLE;
		break;
	case GICD_SGIR:
		sgi_write(cpu, val);
		break;
	default:		/* IGROUPR, read-only and reserved */
		goto out;
	}
update:
	gic_update();
out:
	pthread_mutex_unlock(&gic.lock);
}

/* --- CPU interface ---------------------------------------------------- */

/* GICC_IAR: acknowledge the highest priority pending interrupt. */
static u32 gicc_ack(int cpu)
{
	struct gic_cpu *c = &gic.cpu[cpu];
	u32 intid = highest_pending(cpu), src = 0;
	struct gic_irq *irq;

	if (!can_signal(cpu, intid))
		return GIC_SPURIOUS;
	irq = irq_of(cpu, intid);
	if (intid < GIC_NR_SGIS) {
		src = __builtin_ctz(c->sgi_src[intid]);
		c->sgi_src[intid] &= ~BIT(src);
		irq->latch = c->sgi_src[intid];
	} else {
		irq->latch = false;
	}
	irq->active = true;
	c->apr |= BIT(irq->prio >> GIC_PRIO_SHIFT);
	return intid | src << GICC_SGI_SRC_SHIFT;
}

static void gicc_deactivate(int cpu, u32 intid)
{
	if (intid < GIC_NR_IRQS)
		irq_of(cpu, intid)->active = false;
}

/* GICC_EOIR: drop the running priority, deactivate unless EOImodeNS. */
static void gicc_eoi(int cpu, u32 val)
{
	struct gic_cpu *c = &gic.cpu[cpu];
	u32 intid = val & 0x3ff;

	if (intid >= GIC_NR_IRQS)
		return;
	if (c->apr)
		c->apr &= c->apr - 1;	/* the highest: lowest bit */
	if (!(c->ctlr & GICC_CTLR_EOIMODENS))
		gicc_deactivate(cpu, intid);
}

static u64 gicc_read(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
		     u32 len)
{
	int cpu = vcpu->index;
	struct gic_cpu *c = &gic.cpu[cpu];
	u32 val = 0, intid;

	(void)dev;
	if (len != 4 || (offset & 3))
		return 0;
	pthread_mutex_lock(&gic.lock);
	switch (offset) {
	case GICC_CTLR:
		val = c->ctlr;
		break;
	case GICC_PMR:
		val = c->pmr;
		break;
	case GICC_BPR:
		val = c->bpr;
		break;
	case GICC_IAR:
		val = gicc_ack(cpu);
		gic_update();
		break;
	case GICC_RPR:
		val = running_prio(cpu);
		break;
	case GICC_HPPIR:
		intid = highest_pending(cpu);
		val = intid;
		if (intid < GIC_NR_SGIS)
			val |= __builtin_ctz(c->sgi_src[intid]) <<
			       GICC_SGI_SRC_SHIFT;
		break;
	case GICC_APR0:
		val = c->apr;
		break;
	case GICC_IIDR:
		val = GICC_IIDR_VALUE;
		break;
	default:
		break;
	}
	pthread_mutex_unlock(&gic.lock);
	return val;
}

static void gicc_write(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
		       u64 val, u32 len)
{
	int cpu = vcpu->index;
	struct gic_cpu *c = &gic.cpu[cpu];

	(void)dev;
	if (len != 4 || (offset & 3))
		return;
	pthread_mutex_lock(&gic.lock);
	switch (offset) {
	case GICC_CTLR:
		c->ctlr = val & GICC_CTLR_MASK;
		break;
	case GICC_PMR:
		c->pmr = val & GIC_PRIO_MASK;
		break;
	case GICC_BPR:
		c->bpr = (val & 7) < GICC_BPR_MIN ? GICC_BPR_MIN : val & 7;
		break;
	case GICC_EOIR:
		gicc_eoi(cpu, val);
		break;
	case GICC_APR0:
		c->apr = val;
		break;
	case GICC_DIR:
		gicc_deactivate(cpu, val & 0x3ff);
		break;
	default:
		goto out;
	}
	gic_update();
out:
	pthread_mutex_unlock(&gic.lock);
}

static struct mmio_dev gicd_dev = {
	.name = "gic-dist",
	.base = GICD_BASE,
	.size = GICD_SIZE,
	.read = gicd_read,
	.write = gicd_write,
};

static struct mmio_dev gicc_dev = {
	.name = "gic-cpu",
	.base = GICC_BASE,
	.size = GICC_SIZE,
	.read = gicc_read,
	.write = gicc_write,
};

/* The reset state.  Caller holds gic.lock. */
static void gic_reset_locked(void)
{
	u32 intid;
	int cpu;

	gic.ctlr = 0;
	memset(gic.spi, 0, sizeof(gic.spi));
	memset(gic.cpu, 0, sizeof(gic.cpu));
	for (cpu = 0; cpu < CPUS_MAX; cpu++) {
		struct gic_cpu *c = &gic.cpu[cpu];

		c->bpr = GICC_BPR_MIN;
		for (intid = 0; intid < GIC_NR_SGIS; intid++)
			c->priv[intid].edge = true;
	}
}

/* SYSTEM_RESET with --reboot=restart: the vCPUs' lines are reset too. */
static void gic_reset(struct device *dev)
{
	(void)dev;
	pthread_mutex_lock(&gic.lock);
	gic_reset_locked();
	pthread_mutex_unlock(&gic.lock);
}

static void gic_fdt_node(struct device *dev, struct fdt *fdt)
{
	static const u32 reg[8] = {
		GICD_BASE >> 32, (u32)GICD_BASE, 0, GICD_SIZE,
		GICC_BASE >> 32, (u32)GICC_BASE, 0, GICC_SIZE,
	};

	(void)dev;
	fdt_begin_node(fdt, "intc@8000000");
	fdt_prop_string(fdt, "compatible", "arm,cortex-a15-gic");
	fdt_prop_u32(fdt, "#interrupt-cells", 3);
	fdt_prop_empty(fdt, "interrupt-controller");
	/* As QEMU's: room for child nodes (a GICv2m frame, say). */
	fdt_prop_u32(fdt, "#address-cells", 2);
	fdt_prop_u32(fdt, "#size-cells", 2);
	fdt_prop_empty(fdt, "ranges");
	fdt_prop_cells(fdt, "reg", reg, 8);
	fdt_prop_u32(fdt, "phandle", FDT_PHANDLE_INTC);
	fdt_end_node(fdt);
}

static struct device gic_device = {
	.name = "gic",
	.fdt_node = gic_fdt_node,
	.reset = gic_reset,
};

int gic_init(struct vcpu *vcpus, int nr_cpus,
	     int (*set_line)(struct vcpu *vcpu, bool level))
{
	int err;

	gic.nr_cpus = nr_cpus;
	gic.vcpus = vcpus;
	gic.set_line = set_line;
	gic_reset_locked();
	err = mmio_register(&gicd_dev);
	if (!err)
		err = mmio_register(&gicc_dev);
	if (!err)
		device_register(&gic_device);
	return err;
}
