/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel GICv3 as the selftests use it: where the tests put its
 * frames, the distributor and redistributor register offsets, the ICC_*
 * system registers by name (for guest code and for the CPU_SYSREGS
 * attributes), and the irqchip ioctls the tests share.
 */
#ifndef GIC_REGS_H
#define GIC_REGS_H

#include <stdbool.h>
#include <stdint.h>
#include "lib/avcpu_util.h"

/* Guest physical frames (QEMU virt's); guests build them with movz. */
#define GIC_DIST_BASE		0x08000000ULL
#define GIC_REDIST_BASE		0x080a0000ULL

/* Distributor registers, offsets in its frame. */
#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ICPENDR		0x0280
#define GICD_ISACTIVER		0x0300
#define GICD_ICACTIVER		0x0380
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00
#define GICD_IROUTER		0x6000
#define GICD_PIDR2		0xffe8

/* Redistributor registers; GICR_SGI is the offset of its SGI frame. */
#define GICR_CTLR		0x0000
#define GICR_TYPER		0x0008
#define GICR_WAKER		0x0014
#define GICR_SGI		0x10000

/* ICC_* system registers as guest code names them (their encodings). */
#define ICC_PMR_EL1		"s3_0_c4_c6_0"
#define ICC_IAR0_EL1		"s3_0_c12_c8_0"
#define ICC_EOIR0_EL1		"s3_0_c12_c8_1"
#define ICC_BPR0_EL1		"s3_0_c12_c8_3"
#define ICC_AP0R0_EL1		"s3_0_c12_c8_4"
#define ICC_AP1R0_EL1		"s3_0_c12_c9_0"
#define ICC_DIR_EL1		"s3_0_c12_c11_1"
#define ICC_SGI1R_EL1		"s3_0_c12_c11_5"
#define ICC_ASGI1R_EL1		"s3_0_c12_c11_6"
#define ICC_SGI0R_EL1		"s3_0_c12_c11_7"
#define ICC_IAR1_EL1		"s3_0_c12_c12_0"
#define ICC_EOIR1_EL1		"s3_0_c12_c12_1"
#define ICC_BPR1_EL1		"s3_0_c12_c12_3"
#define ICC_CTLR_EL1		"s3_0_c12_c12_4"
#define ICC_SRE_EL1		"s3_0_c12_c12_5"
#define ICC_IGRPEN0_EL1		"s3_0_c12_c12_6"
#define ICC_IGRPEN1_EL1		"s3_0_c12_c12_7"

/* AVCPU_GIC_GRP_CPU_SYSREGS's attr of an ICC_* register. */
#define GIC_ICC_ATTR(op0, op1, crn, crm, op2)				\
	((uint32_t)(AVCPU_REG_SYS(op0, op1, crn, crm, op2) & 0xffff))
#define ICC_PMR_ATTR		GIC_ICC_ATTR(3, 0, 4, 6, 0)
#define ICC_AP1R0_ATTR		GIC_ICC_ATTR(3, 0, 12, 9, 0)
#define ICC_IGRPEN1_ATTR	GIC_ICC_ATTR(3, 0, 12, 12, 7)
#define ICC_CTLR_ATTR		GIC_ICC_ATTR(3, 0, 12, 12, 4)

/* A GICv3 at GIC_DIST_BASE / GIC_REDIST_BASE, for AVCPU_CREATE_IRQCHIP. */
static inline struct avcpu_irqchip gic_irqchip(uint32_t nr_spis,
					       uint32_t nr_redists)
{
	struct avcpu_irqchip c = {
		.type = AVCPU_IRQCHIP_GICV3, .nr_spis = nr_spis,
		.dist_base = GIC_DIST_BASE, .redist_base = GIC_REDIST_BASE,
		.nr_redists = nr_redists,
	};

	return c;
}

/* AVCPU_CREATE_IRQCHIP of @c; 0 or errno. */
static inline int gic_create(int vm, struct avcpu_irqchip c)
{
	return ioctl(vm, AVCPU_CREATE_IRQCHIP, &c) ? errno : 0;
}

/* AVCPU_IRQCHIP_SET_ATTR (@set) or _GET_ATTR of *@val; 0 or errno. */
static inline int gic_attr(int vm, bool set, uint32_t group, uint64_t attr,
			   uint64_t *val)
{
	struct avcpu_irqchip_attr at = {
		.group = group, .attr = attr, .addr = (uintptr_t)val,
	};

	return ioctl(vm, set ? AVCPU_IRQCHIP_SET_ATTR : AVCPU_IRQCHIP_GET_ATTR,
		     &at) ? errno : 0;
}

/* AVCPU_IRQCHIP_LINE: SPI @intid's line to @level; 0 or errno. */
static inline int gic_line(int vm, uint32_t intid, uint32_t level)
{
	struct avcpu_irq_level l = { .intid = intid, .level = level };

	return ioctl(vm, AVCPU_IRQCHIP_LINE, &l) ? errno : 0;
}

/* Whether /dev/avcpu has the in-kernel GICv3 (AVCPU_FEAT_GICV3). */
static inline bool host_has_gicv3(void)
{
	struct avcpu_caps caps = { 0 };
	int fd = open("/dev/avcpu", O_RDWR | O_CLOEXEC);
	bool ret;

	if (fd < 0)
		return false;
	ret = !ioctl(fd, AVCPU_GET_CAPS, &caps) &&
	      (caps.features & AVCPU_FEAT_GICV3);
	close(fd);
	return ret;
}

#endif /* GIC_REGS_H */
