// SPDX-License-Identifier: GPL-2.0
/*
 * The in-kernel GICv3, device side: AVCPU_CREATE_IRQCHIP's checks, the
 * distributor and redistributor registers as a guest reads them (no exit
 * to the VMM), SPI lines from AVCPU_IRQCHIP_LINE and irqfds, and the
 * attribute save/restore into a fresh VM.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/gic_regs.h"

#define NR_SPIS		64

static struct avcpu_irqchip chip(uint32_t nr_redists)
{
	return gic_irqchip(NR_SPIS, nr_redists);
}

/* An attribute's value, or all ones if it cannot be read. */
static uint64_t get_attr(int vm, uint32_t group, uint64_t a)
{
	uint64_t v = ~0ULL;

	if (gic_attr(vm, 0, group, a, &v))
		return ~0ULL;
	return v;
}

static uint64_t dist(int vm, uint32_t off)
{
	return get_attr(vm, AVCPU_GIC_GRP_DIST_REGS, off);
}

static int set_dist(int vm, uint32_t off, uint64_t v)
{
	return gic_attr(vm, 1, AVCPU_GIC_GRP_DIST_REGS, off, &v);
}

static int irqfd(int vm, int fd, uint32_t intid, uint32_t flags, int rfd)
{
	struct avcpu_irqfd f = {
		.fd = fd, .intid = intid, .flags = flags, .resamplefd = rfd,
	};

	return ioctl(vm, AVCPU_IRQFD, &f) ? errno : 0;
}

/* Whether SPI @intid reads pending in GICD_ISPENDR. */
static int pending(int vm, uint32_t intid)
{
	uint64_t v = dist(vm, GICD_ISPENDR + intid / 32 * 4);

	return v == ~0ULL ? -1 : !!(v & (1U << (intid % 32)));
}

/* A guest that only calls hvc #1: for the RUN that forbids creation. */
AVCPU_GUEST(g_hvc, "	hvc	#1\n");

/*
 * Reads the GIC's identification registers, sets an SPI pending and
 * reads it back, a byte priority write, an ISV=0 pair load, IROUTER as
 * 64 bits, a reserved offset, then reports with hvc.
 */
AVCPU_GUEST(g_probe,
	"	movz	x9, #0x0800, lsl #16\n"
	"	movz	x11, #0x080a, lsl #16\n"
	"	mov	x10, #0xffe8\n"
	"	ldr	w1, [x9, #4]\n"			/* GICD_TYPER */
	"	ldr	w2, [x9, x10]\n"		/* GICD_PIDR2 */
	"	ldr	x3, [x11, #8]\n"		/* GICR_TYPER */
	"	ldr	w4, [x11, x10]\n"		/* GICR_PIDR2 */
	"	mov	w5, #2\n"
	"	str	w5, [x9, #0x204]\n"		/* ISPENDR1: SPI 33 */
	"	ldr	w6, [x9, #0x204]\n"
	"	mov	w7, #0xff\n"
	"	strb	w7, [x9, #0x421]\n"		/* IPRIORITYR, SPI 33 */
	"	ldr	w7, [x9, #0x420]\n"
	"	add	x19, x9, #0x200\n"
	"	ldp	w12, w13, [x19]\n"		/* ISV=0: ISPENDR0, 1 */
	"	movz	x14, #0x8000, lsl #16\n"
	"	movk	x14, #0x0102\n"
	"	add	x15, x9, #0x6000\n"
	"	str	x14, [x15, #0x108]\n"		/* IROUTER33: IRM | 1.2 */
	"	ldr	x16, [x15, #0x108]\n"
	"	ldr	w17, [x9, #0x3000]\n"		/* reserved: RAZ */
	"	str	w5, [x9, #0x3000]\n"		/* ... WI */
	"	ldr	w18, [x9, #0x0]\n"		/* GICD_CTLR */
	"	hvc	#1\n");

static int make_vm_with_chip(struct avcpu_guest *g, const char *s,
			     const char *e, uint32_t nr_redists)
{
	int ret = avcpu_guest_create(g, 1 << 20, s, e);

	if (ret)
		return ret;
	return gic_create(g->vm, chip(nr_redists));
}

/* Skip (not fail) on a host without the GIC CPU interface. */
#define NEED_GIC(g, s, e, n) do {					\
	int __r = make_vm_with_chip(g, s, e, n);			\
	if (__r == ENODEV) {						\
		avcpu_guest_destroy(g);					\
		SKIP(return, "no in-kernel GICv3 on this host");	\
	}								\
	ASSERT_EQ(0, __r);						\
} while (0)

static uint64_t xreg(struct avcpu_guest *g, int n)
{
	return avcpu_reg(g->vcpu, AVCPU_REG_X(n));
}

TEST(guest_reads_the_registers_in_the_kernel)
{
	struct avcpu_guest g;
	__u32 reason;

	NEED_GIC(&g, g_probe_start, g_probe_end, 1);
	/* Every GIC access completes in the kernel: the first exit is hvc. */
	avcpu_run_to_hvc(&g, &reason);
	if (reason != AVCPU_EXIT_HYPERCALL)
		TH_LOG("exit %u at pc %#llx, esr_el1 %#llx", reason,
		       (unsigned long long)avcpu_reg(g.vcpu, AVCPU_REG_PC),
		       (unsigned long long)avcpu_reg(g.vcpu,
				AVCPU_REG_SYS(3, 0, 5, 2, 0)));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, reason);
	/* ITLinesNumber 2 (64 SPIs), IDbits 9, A3V; no LPIs, no MBIS. */
	ASSERT_EQ(0x1480002, xreg(&g, 1));
	ASSERT_EQ(0x3b, xreg(&g, 2) & 0xff);
	ASSERT_EQ(3, (xreg(&g, 2) >> 4) & 0xf);
	/* Processor 0, affinity 0, and the last of its region. */
	ASSERT_EQ(0x10, xreg(&g, 3));
	ASSERT_EQ(0x3b, xreg(&g, 4));
	/* SPI 33 pending as the guest set it. */
	ASSERT_EQ(2, xreg(&g, 6));
	/* 5 priority bits kept, the byte written alone. */
	ASSERT_EQ(0xf800, xreg(&g, 7));
	/* The pair load (ISV=0): SGIs'/PPIs' word RAZ with ARE, then 33. */
	ASSERT_EQ(0, xreg(&g, 12));
	ASSERT_EQ(2, xreg(&g, 13));
	ASSERT_EQ(0x80000102, xreg(&g, 16));
	ASSERT_EQ(0, xreg(&g, 17));
	/* ARE and DS read as one. */
	ASSERT_EQ(0x50, xreg(&g, 18));
	/* The VMM sees the same through the attributes. */
	ASSERT_EQ(1, pending(g.vm, 33));
	ASSERT_EQ(0x80000102, dist(g.vm, GICD_IROUTER + 33 * 8));
	ASSERT_EQ(0, dist(g.vm, 0x3000));
	ASSERT_EQ(0, g.run->exit_reason == AVCPU_EXIT_MMIO);
	avcpu_guest_destroy(&g);
}

TEST(create_bad_input)
{
	struct avcpu_irqchip c;
	struct avcpu_guest g;
	struct avcpu_memory_region r = { 0 };
	struct avcpu_run *run2;
	void *mem;
	int fd2, r0;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_hvc_start, g_hvc_end));
	c = chip(2);
	c.type = 2;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	c = chip(2);
	c.flags = 1;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	c = chip(2);
	c.reserved[3] = 1;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	c = chip(2);
	r0 = gic_create(g.vm, c);
	if (r0 == ENODEV) {
		avcpu_guest_destroy(&g);
		SKIP(return, "no in-kernel GICv3 on this host");
	}
	ASSERT_EQ(0, r0);
	/* Created once: the second is EEXIST whatever it asks. */
	ASSERT_EQ(EEXIST, gic_create(g.vm, chip(2)));
	avcpu_guest_destroy(&g);

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_hvc_start, g_hvc_end));
	c = chip(2);
	c.nr_spis = 48;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	c.nr_spis = 0;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	c.nr_spis = 992;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	c = chip(2);
	c.dist_base += 0x1000;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	c = chip(2);
	c.redist_base += 0x8000;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	/* Beyond the default 40-bit IPA space. */
	c = chip(2);
	c.dist_base = 1ULL << 40;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	c = chip(2);
	c.redist_base = (1ULL << 40) - 0x20000;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	/* The two regions overlapping. */
	c = chip(2);
	c.redist_base = GIC_DIST_BASE - 0x10000;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	/* A region over the RAM slot. */
	c = chip(2);
	c.dist_base = GUEST_RAM_BASE + 0x10000;
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	c = chip(0);
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	c = chip(65);
	ASSERT_EQ(EINVAL, gic_create(g.vm, c));
	/* One vCPU is attached: one redistributor is enough... */
	fd2 = avcpu_guest_add_vcpu(&g, 1, 0, &run2);
	ASSERT_GE(fd2, 0);
	/* ...two attached, one redistributor: the second is refused. */
	ASSERT_EQ(ENOSPC, gic_create(g.vm, chip(1)));
	ASSERT_EQ(0, gic_create(g.vm, chip(2)));
	close(fd2);
	munmap(run2, 4096);
	/* A slot over the regions afterwards. */
	mem = mmap(NULL, 0x10000, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, mem);
	r.slot = 1;
	r.guest_phys_addr = GIC_REDIST_BASE + 0x30000;
	r.memory_size = 0x10000;
	r.userspace_addr = (uintptr_t)mem;
	ASSERT_EQ(-1, ioctl(g.vm, AVCPU_SET_MEMORY_REGION, &r));
	ASSERT_EQ(EINVAL, errno);
	r.guest_phys_addr = GIC_DIST_BASE;
	ASSERT_EQ(-1, ioctl(g.vm, AVCPU_SET_MEMORY_REGION, &r));
	ASSERT_EQ(EINVAL, errno);
	/* Next to them is fine. */
	r.guest_phys_addr = GIC_REDIST_BASE + 0x40000;
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_SET_MEMORY_REGION, &r));
	munmap(mem, 0x10000);
	avcpu_guest_destroy(&g);

	/* After a vCPU ran: too late. */
	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_hvc_start, g_hvc_end));
	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	ASSERT_EQ(EBUSY, gic_create(g.vm, chip(2)));
	avcpu_guest_destroy(&g);
}

TEST(redistributors_and_vcpus)
{
	static struct avcpu_run *run2, *run3;
	struct avcpu_guest g;
	struct avcpu_irq_line il = { .line = AVCPU_LINE_IRQ, .level = 1 };
	uint64_t v = 0;
	int fd2, fd3;

	NEED_GIC(&g, g_hvc_start, g_hvc_end, 2);
	fd2 = avcpu_guest_add_vcpu(&g, 0x100000102ULL, 0, &run2);
	ASSERT_GE(fd2, 0);
	/* More vCPUs than redistributors: the third attach is refused. */
	fd3 = avcpu_guest_add_vcpu(&g, 3, 0, &run3);
	ASSERT_EQ(-ENOSPC, fd3);
	/* Index 1: Aff3.Aff2.Aff1.Aff0 = 1.0.1.2, Processor 1, Last. */
	ASSERT_EQ(0, gic_attr(g.vm, 0, AVCPU_GIC_GRP_REDIST_REGS,
			      1ULL << 32 | GICR_TYPER, &v));
	ASSERT_EQ(0x0100010200000110ULL, v);
	ASSERT_EQ(0, gic_attr(g.vm, 0, AVCPU_GIC_GRP_REDIST_REGS,
			      0ULL << 32 | GICR_TYPER, &v));
	ASSERT_EQ(0x0ULL, v);
	/* No redistributor 2. */
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, AVCPU_GIC_GRP_REDIST_REGS,
				   2ULL << 32 | GICR_TYPER, &v));
	/* ProcessorSleep at reset, ChildrenAsleep following it. */
	ASSERT_EQ(0, gic_attr(g.vm, 0, AVCPU_GIC_GRP_REDIST_REGS, GICR_WAKER, &v));
	ASSERT_EQ(6, v);
	/* The user-level line is the GIC's now. */
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_IRQ_LINE, &il));
	ASSERT_EQ(EBUSY, errno);
	close(fd2);
	munmap(run2, 4096);
	avcpu_guest_destroy(&g);
}

TEST(spi_lines_from_the_vmm)
{
	struct avcpu_irq_level l = { 0 };
	struct avcpu_guest g;
	uint64_t v;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_hvc_start, g_hvc_end));
	/* No irqchip yet. */
	ASSERT_EQ(ENXIO, gic_line(g.vm, 40, 1));
	avcpu_guest_destroy(&g);

	NEED_GIC(&g, g_hvc_start, g_hvc_end, 1);
	ASSERT_EQ(EINVAL, gic_line(g.vm, 27, 1));
	ASSERT_EQ(EINVAL, gic_line(g.vm, 5, 1));
	ASSERT_EQ(EINVAL, gic_line(g.vm, 32 + NR_SPIS, 1));
	ASSERT_EQ(EINVAL, gic_line(g.vm, 40, 2));
	l.intid = 40;
	l.reserved = 1;
	ASSERT_EQ(-1, ioctl(g.vm, AVCPU_IRQCHIP_LINE, &l));
	ASSERT_EQ(EINVAL, errno);

	/* Level-sensitive (the reset): pending exactly while high. */
	ASSERT_EQ(0, pending(g.vm, 40));
	ASSERT_EQ(0, gic_line(g.vm, 40, 1));
	ASSERT_EQ(1, pending(g.vm, 40));
	ASSERT_EQ(0, gic_attr(g.vm, 0, AVCPU_GIC_GRP_LEVEL_INFO, 32, &v));
	ASSERT_EQ(1ULL << 8, v);
	/* ICPENDR cannot clear a line that is high. */
	ASSERT_EQ(0, set_dist(g.vm, GICD_ICPENDR + 4, 1U << 8));
	ASSERT_EQ(1, pending(g.vm, 40));
	ASSERT_EQ(0, gic_line(g.vm, 40, 0));
	ASSERT_EQ(0, pending(g.vm, 40));

	/* Edge-triggered: a rising level latches it, lowering keeps it. */
	ASSERT_EQ(0, set_dist(g.vm, GICD_ICFGR + 8, 2U << 16));
	ASSERT_EQ(2U << 16, dist(g.vm, GICD_ICFGR + 8));
	ASSERT_EQ(0, gic_line(g.vm, 40, 1));
	ASSERT_EQ(0, gic_line(g.vm, 40, 0));
	ASSERT_EQ(1, pending(g.vm, 40));
	ASSERT_EQ(0, set_dist(g.vm, GICD_ICPENDR + 4, 1U << 8));
	ASSERT_EQ(0, pending(g.vm, 40));
	/* High, high again: one edge, nothing new. */
	ASSERT_EQ(0, gic_line(g.vm, 40, 1));
	ASSERT_EQ(0, set_dist(g.vm, GICD_ICPENDR + 4, 1U << 8));
	ASSERT_EQ(0, gic_line(g.vm, 40, 1));
	ASSERT_EQ(0, pending(g.vm, 40));

	/* Active through the distributor: set, read back, clear. */
	ASSERT_EQ(0, set_dist(g.vm, GICD_ISACTIVER + 4, 1U << 9));
	ASSERT_EQ(1U << 9, dist(g.vm, GICD_ISACTIVER + 4));
	ASSERT_EQ(0, set_dist(g.vm, GICD_ICACTIVER + 4, 1U << 9));
	ASSERT_EQ(0, dist(g.vm, GICD_ISACTIVER + 4));
	avcpu_guest_destroy(&g);
}

TEST(irqfd_binds_an_spi)
{
	struct avcpu_irqfd f = { 0 };
	struct avcpu_guest g;
	uint64_t one = 1, v;
	int efd, efd2, rfd;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_hvc_start, g_hvc_end));
	efd = eventfd(0, EFD_CLOEXEC);
	ASSERT_GE(efd, 0);
	ASSERT_EQ(ENXIO, irqfd(g.vm, efd, 40, 0, 0));
	avcpu_guest_destroy(&g);

	NEED_GIC(&g, g_hvc_start, g_hvc_end, 1);
	ASSERT_EQ(EINVAL, irqfd(g.vm, efd, 20, 0, 0));
	ASSERT_EQ(EINVAL, irqfd(g.vm, efd, 32 + NR_SPIS, 0, 0));
	ASSERT_EQ(EINVAL, irqfd(g.vm, efd, 40, 4, 0));
	/* A resamplefd without AVCPU_IRQFD_RESAMPLE is a mistake. */
	ASSERT_EQ(EINVAL, irqfd(g.vm, efd, 40, 0, efd));
	ASSERT_EQ(EBADF, irqfd(g.vm, 999, 40, 0, 0));
	ASSERT_EQ(EBADF, irqfd(g.vm, -1, 40, 0, 0));
	/* Not an eventfd. */
	ASSERT_EQ(EINVAL, irqfd(g.vm, g.vm, 40, 0, 0));
	f.fd = efd;
	f.intid = 40;
	f.reserved[1] = 1;
	ASSERT_EQ(-1, ioctl(g.vm, AVCPU_IRQFD, &f));
	ASSERT_EQ(EINVAL, errno);

	ASSERT_EQ(0, irqfd(g.vm, efd, 40, 0, 0));
	ASSERT_EQ(EBUSY, irqfd(g.vm, efd, 41, 0, 0));
	ASSERT_EQ(0, pending(g.vm, 40));
	ASSERT_EQ(8, write(efd, &one, 8));
	/* An edge: latched pending, whatever the configuration. */
	ASSERT_EQ(1, pending(g.vm, 40));
	ASSERT_EQ(0, set_dist(g.vm, GICD_ICPENDR + 4, 1U << 8));
	ASSERT_EQ(0, pending(g.vm, 40));
	/* Deassigned: writes do nothing any more. */
	ASSERT_EQ(ENOENT, irqfd(g.vm, efd, 41, AVCPU_IRQFD_DEASSIGN, 0));
	ASSERT_EQ(0, irqfd(g.vm, efd, 40, AVCPU_IRQFD_DEASSIGN, 0));
	ASSERT_EQ(8, write(efd, &one, 8));
	ASSERT_EQ(0, pending(g.vm, 40));

	/* With a resamplefd: the line stays high. */
	rfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	ASSERT_GE(rfd, 0);
	ASSERT_EQ(EBADF, irqfd(g.vm, efd, 42, AVCPU_IRQFD_RESAMPLE, 999));
	ASSERT_EQ(0, irqfd(g.vm, efd, 42, AVCPU_IRQFD_RESAMPLE, rfd));
	ASSERT_EQ(8, write(efd, &one, 8));
	ASSERT_EQ(0, gic_attr(g.vm, 0, AVCPU_GIC_GRP_LEVEL_INFO, 32, &v));
	ASSERT_EQ(1ULL << 10, v);
	ASSERT_EQ(1, pending(g.vm, 42));
	/*
	 * Deassigning the last resampler lowers the line; the assignment's
	 * resamplefd, passed again, is ignored.
	 */
	ASSERT_EQ(0, irqfd(g.vm, efd, 42, AVCPU_IRQFD_DEASSIGN, rfd));
	ASSERT_EQ(0, pending(g.vm, 42));

	/* Left bound when the VM goes, and one closed first. */
	efd2 = eventfd(0, EFD_CLOEXEC);
	ASSERT_GE(efd2, 0);
	ASSERT_EQ(0, irqfd(g.vm, efd, 43, AVCPU_IRQFD_RESAMPLE, rfd));
	ASSERT_EQ(0, irqfd(g.vm, efd2, 44, 0, 0));
	close(efd2);
	/* Its binding went with it: the fd number can be bound again. */
	efd2 = eventfd(0, EFD_CLOEXEC);
	ASSERT_EQ(0, irqfd(g.vm, efd2, 44, 0, 0));
	avcpu_guest_destroy(&g);
	ASSERT_EQ(8, write(efd, &one, 8));
	ASSERT_EQ(8, write(efd2, &one, 8));
	close(efd);
	close(efd2);
	close(rfd);
}

/* Registers a save/restore carries, distributor then redistributor. */
static const uint32_t dist_regs[] = {
	GICD_CTLR, 0x84, 0x88, GICD_ISENABLER + 4, GICD_ISENABLER + 8,
	GICD_ISPENDR + 4, GICD_ISPENDR + 8, GICD_ISACTIVER + 4,
	GICD_ISACTIVER + 8, GICD_IPRIORITYR + 32, GICD_IPRIORITYR + 36,
	GICD_IPRIORITYR + 92, GICD_ICFGR + 8, GICD_ICFGR + 12,
	GICD_ICFGR + 16, GICD_ICFGR + 20,
	GICD_IROUTER + 32 * 8, GICD_IROUTER + 33 * 8, GICD_IROUTER + 95 * 8,
};

static const uint32_t redist_regs[] = {
	GICR_WAKER, GICR_SGI + 0x80, GICR_SGI + 0x100, GICR_SGI + 0x200,
	GICR_SGI + 0x300, GICR_SGI + 0x400, GICR_SGI + 0x404,
	GICR_SGI + 0x418, GICR_SGI + 0x41c, GICR_SGI + 0xc00,
	GICR_SGI + 0xc04,
};

TEST(save_restore_into_a_fresh_vm)
{
	struct avcpu_guest a, b;
	uint64_t v, w;
	unsigned int i;

	NEED_GIC(&a, g_hvc_start, g_hvc_end, 1);
	ASSERT_EQ(0, make_vm_with_chip(&b, g_hvc_start, g_hvc_end, 1));
	ASSERT_EQ(0x50, dist(a.vm, GICD_CTLR));
	ASSERT_EQ(0, set_dist(a.vm, GICD_CTLR, 2));
	ASSERT_EQ(0x52, dist(a.vm, GICD_CTLR));
	ASSERT_EQ(0, set_dist(a.vm, GICD_IGROUPR + 4, 0xffff0000));
	ASSERT_EQ(0, set_dist(a.vm, GICD_ISENABLER + 4, 0x00000a0f));
	ASSERT_EQ(0, set_dist(a.vm, GICD_ISPENDR + 8, 0x80000001));
	ASSERT_EQ(0, set_dist(a.vm, GICD_ISACTIVER + 4, 0x10));
	ASSERT_EQ(0, set_dist(a.vm, GICD_IPRIORITYR + 32, 0xa0b8c0d0));
	ASSERT_EQ(0, set_dist(a.vm, GICD_ICFGR + 12, 0xaaaa0000));
	ASSERT_EQ(0, set_dist(a.vm, GICD_IROUTER + 33 * 8, 0x80000000));
	ASSERT_EQ(0, set_dist(a.vm, GICD_IROUTER + 95 * 8, 0x100000000ULL));
	v = 0x0000ffff;
	ASSERT_EQ(0, gic_attr(a.vm, 1, AVCPU_GIC_GRP_REDIST_REGS,
			      GICR_SGI + 0x100, &v));
	v = 0x20;
	ASSERT_EQ(0, gic_attr(a.vm, 1, AVCPU_GIC_GRP_REDIST_REGS,
			      GICR_SGI + 0x200, &v));
	v = 0;
	ASSERT_EQ(0, gic_attr(a.vm, 1, AVCPU_GIC_GRP_REDIST_REGS, GICR_WAKER, &v));
	v = 0x80;
	ASSERT_EQ(0, gic_attr(a.vm, 1, AVCPU_GIC_GRP_REDIST_REGS,
			      GICR_SGI + 0x41c, &v));
	ASSERT_EQ(0, gic_line(a.vm, 50, 1));

	for (i = 0; i < sizeof(dist_regs) / sizeof(dist_regs[0]); i++) {
		v = dist(a.vm, dist_regs[i]);
		ASSERT_NE(~0ULL, v);
		ASSERT_EQ(0, set_dist(b.vm, dist_regs[i], v));
	}
	for (i = 0; i < sizeof(redist_regs) / sizeof(redist_regs[0]); i++) {
		ASSERT_EQ(0, gic_attr(a.vm, 0, AVCPU_GIC_GRP_REDIST_REGS,
				      redist_regs[i], &v));
		ASSERT_EQ(0, gic_attr(b.vm, 1, AVCPU_GIC_GRP_REDIST_REGS,
				      redist_regs[i], &v));
	}
	ASSERT_EQ(0, gic_attr(a.vm, 0, AVCPU_GIC_GRP_LEVEL_INFO, 32, &v));
	ASSERT_EQ(0, gic_attr(b.vm, 1, AVCPU_GIC_GRP_LEVEL_INFO, 32, &v));

	for (i = 0; i < sizeof(dist_regs) / sizeof(dist_regs[0]); i++) {
		v = dist(a.vm, dist_regs[i]);
		w = dist(b.vm, dist_regs[i]);
		TH_LOG("GICD %#x: %#llx %#llx", dist_regs[i],
		       (unsigned long long)v, (unsigned long long)w);
		ASSERT_EQ(v, w);
	}
	for (i = 0; i < sizeof(redist_regs) / sizeof(redist_regs[0]); i++) {
		ASSERT_EQ(0, gic_attr(a.vm, 0, AVCPU_GIC_GRP_REDIST_REGS,
				      redist_regs[i], &v));
		ASSERT_EQ(0, gic_attr(b.vm, 0, AVCPU_GIC_GRP_REDIST_REGS,
				      redist_regs[i], &w));
		ASSERT_EQ(v, w);
	}
	/* Values a guest could not tell apart, and the ones set above. */
	ASSERT_EQ(0x00000a0f, dist(b.vm, GICD_ISENABLER + 4));
	ASSERT_EQ(0x80000001, dist(b.vm, GICD_ISPENDR + 8));
	ASSERT_EQ(1U << 18, dist(b.vm, GICD_ISPENDR + 4));
	ASSERT_EQ(0xa0b8c0d0, dist(b.vm, GICD_IPRIORITYR + 32));
	ASSERT_EQ(0x80000000, dist(b.vm, GICD_IROUTER + 33 * 8));
	ASSERT_EQ(0x100000000ULL, dist(b.vm, GICD_IROUTER + 95 * 8));
	ASSERT_EQ(0, gic_attr(b.vm, 0, AVCPU_GIC_GRP_LEVEL_INFO, 32, &v));
	ASSERT_EQ(1ULL << 18, v);
	ASSERT_EQ(0, gic_attr(b.vm, 0, AVCPU_GIC_GRP_REDIST_REGS, GICR_WAKER, &v));
	ASSERT_EQ(0, v);
	avcpu_guest_destroy(&a);
	avcpu_guest_destroy(&b);
}

TEST(attr_bad_input)
{
	struct avcpu_irqchip_attr at = { 0 };
	struct avcpu_guest g;
	uint64_t v = 0;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_hvc_start, g_hvc_end));
	ASSERT_EQ(ENXIO, gic_attr(g.vm, 0, AVCPU_GIC_GRP_DIST_REGS, 0, &v));
	avcpu_guest_destroy(&g);
	NEED_GIC(&g, g_hvc_start, g_hvc_end, 1);
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, 9, 0, &v));
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, AVCPU_GIC_GRP_DIST_REGS, 2, &v));
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, AVCPU_GIC_GRP_DIST_REGS, 0x10000, &v));
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, AVCPU_GIC_GRP_DIST_REGS,
			       GICD_IROUTER + 32 * 8 + 4, &v));
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, AVCPU_GIC_GRP_REDIST_REGS, 0x20000,
			       &v));
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, AVCPU_GIC_GRP_LEVEL_INFO, 33, &v));
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, AVCPU_GIC_GRP_LEVEL_INFO, 0, &v));
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, AVCPU_GIC_GRP_LEVEL_INFO,
			       32 + NR_SPIS, &v));
	/* The attr is the INTID alone: no index above it. */
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, AVCPU_GIC_GRP_LEVEL_INFO,
			       1ULL << 32 | 32, &v));
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 1, AVCPU_GIC_GRP_LEVEL_INFO,
			       1ULL << 63 | 32, &v));
	ASSERT_EQ(EFAULT, gic_attr(g.vm, 0, AVCPU_GIC_GRP_DIST_REGS, 0, NULL));
	at.group = AVCPU_GIC_GRP_DIST_REGS;
	at.addr = (uintptr_t)&v;
	at.flags = 1;
	ASSERT_EQ(-1, ioctl(g.vm, AVCPU_IRQCHIP_GET_ATTR, &at));
	ASSERT_EQ(EINVAL, errno);
	at.flags = 0;
	at.reserved = 1;
	ASSERT_EQ(-1, ioctl(g.vm, AVCPU_IRQCHIP_SET_ATTR, &at));
	ASSERT_EQ(EINVAL, errno);
	avcpu_guest_destroy(&g);
}

/* The guest spins while another thread reads the state: EBUSY. */
AVCPU_GUEST(g_spin, "1:	b	1b\n");

struct busy_arg {
	int vm;
	int seen;
	pthread_t runner;
};

static void *poke_while_running(void *p)
{
	struct busy_arg *b = p;
	uint64_t v;
	int i;

	for (i = 0; i < 200 && !b->seen; i++) {
		usleep(5000);
		if (gic_attr(b->vm, 0, AVCPU_GIC_GRP_DIST_REGS, 0, &v) == EBUSY)
			b->seen = 1;
	}
	/* The CPU interface of the vCPU in RUN: EBUSY too. */
	if (b->seen && gic_attr(b->vm, 0, AVCPU_GIC_GRP_CPU_SYSREGS,
				ICC_PMR_ATTR, &v) == EBUSY)
		b->seen |= 4;
	b->seen |= 2;
	/* Stop the guest: a signal makes RUN return. */
	pthread_kill(b->runner, SIGUSR1);
	return NULL;
}

static void on_signal(int sig)
{
}

TEST(attr_busy_while_a_vcpu_runs)
{
	struct avcpu_guest g;
	struct busy_arg b;
	pthread_t th;

	NEED_GIC(&g, g_spin_start, g_spin_end, 1);
	b.vm = g.vm;
	b.seen = 0;
	b.runner = pthread_self();
	signal(SIGUSR1, on_signal);
	ASSERT_EQ(0, pthread_create(&th, NULL, poke_while_running, &b));
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_RUN, 0));
	ASSERT_EQ(EINTR, errno);
	pthread_join(th, NULL);
	ASSERT_EQ(7, b.seen);
	avcpu_guest_destroy(&g);
}

/*
 * End to end, with the CPU interface: the guest enables group 1 in the
 * distributor and its CPU interface, SPI x20 (group 1, enabled), says
 * it is ready (hvc #2), then polls ICC_IAR1_EL1 (bounded) and reports
 * the INTID acknowledged in x1 with GICD_ISACTIVER/ISPENDR's word of it
 * in x21/x22 (hvc #3).  If x23 is set it deactivates the interrupt
 * through GICD_ICACTIVER first (x21 read after that).  Then EOI, the
 * active word again in x24, one more ICC_IAR1_EL1 read in x25 (hvc #4).
 * With x26 set, straight from the acknowledge to the EOI, with no exit
 * between (a distributor read is one).
 */
AVCPU_GUEST(g_ack,
	"	movz	x9, #0x0800, lsl #16\n"
	"	movz	x11, #0x080a, lsl #16\n"
	"	mov	w1, #2\n"
	"	str	w1, [x9]\n"			/* GICD_CTLR.EnableGrp1 */
	"	str	wzr, [x11, #0x14]\n"		/* GICR_WAKER: awake */
	"	lsr	x12, x20, #5\n"
	"	lsl	x12, x12, #2\n"			/* the INTID's word */
	"	and	x3, x20, #31\n"
	"	mov	x4, #1\n"
	"	lsl	x4, x4, x3\n"			/* ... and bit */
	"	add	x5, x9, #0x80\n"
	"	str	w4, [x5, x12]\n"		/* IGROUPR: group 1 */
	"	add	x5, x9, #0x100\n"
	"	str	w4, [x5, x12]\n"		/* ISENABLER */
	"	mov	x6, #0xff\n"
	"	msr	" ICC_PMR_EL1 ", x6\n"
	"	mov	x6, #1\n"
	"	msr	" ICC_IGRPEN1_EL1 ", x6\n"
	"	isb\n"
	"	hvc	#2\n"
	"	movz	x7, #0x10, lsl #16\n"
	"1:	mrs	x1, " ICC_IAR1_EL1 "\n"
	"	cmp	x1, #1023\n"
	"	b.ne	2f\n"
	"	subs	x7, x7, #1\n"
	"	b.ne	1b\n"
	"2:	cbnz	x26, 4f\n"
	"	cbz	x23, 3f\n"
	"	add	x5, x9, #0x380\n"
	"	str	w4, [x5, x12]\n"		/* ICACTIVER */
	"3:	add	x5, x9, #0x300\n"
	"	ldr	w21, [x5, x12]\n"		/* ISACTIVER */
	"	add	x5, x9, #0x200\n"
	"	ldr	w22, [x5, x12]\n"		/* ISPENDR */
	"	hvc	#3\n"
	"4:	msr	" ICC_EOIR1_EL1 ", x1\n"
	"	isb\n"
	"	add	x5, x9, #0x300\n"
	"	ldr	w24, [x5, x12]\n"
	"	mrs	x25, " ICC_IAR1_EL1 "\n"
	"	hvc	#4\n");

/* Run to the next hvc; its immediate, or -1. */
static int run_hvc(struct avcpu_guest *g)
{
	if (avcpu_run_fd(g->vcpu, g->run))
		return -1;
	if (g->run->exit_reason != AVCPU_EXIT_HYPERCALL)
		return -1;
	return g->run->hypercall.imm;
}

static int start_ack_guest(struct __test_metadata *_metadata,
			   struct avcpu_guest *g, uint32_t intid, int deact)
{
	int r = make_vm_with_chip(g, g_ack_start, g_ack_end, 1);

	if (r)
		return r;
	EXPECT_EQ(0, avcpu_set_reg(g->vcpu, AVCPU_REG_X(20), intid));
	EXPECT_EQ(0, avcpu_set_reg(g->vcpu, AVCPU_REG_X(23), deact));
	EXPECT_EQ(2, run_hvc(g));
	return 0;
}

#define NEED_ACK_GUEST(g, intid, deact) do {				\
	int __r = start_ack_guest(_metadata, g, intid, deact);		\
	if (__r == ENODEV) {						\
		avcpu_guest_destroy(g);					\
		SKIP(return, "no in-kernel GICv3 on this host");	\
	}								\
	ASSERT_EQ(0, __r);						\
} while (0)

TEST(level_spi_from_the_vmm_acknowledged_by_the_guest)
{
	struct avcpu_guest g;

	NEED_ACK_GUEST(&g, 40, 0);
	ASSERT_EQ(0, gic_line(g.vm, 40, 1));
	ASSERT_EQ(3, run_hvc(&g));
	ASSERT_EQ(40, xreg(&g, 1));
	/* Acknowledged: active; the line still high: pending too. */
	ASSERT_EQ(1U << 8, xreg(&g, 21));
	ASSERT_EQ(1U << 8, xreg(&g, 22));
	ASSERT_EQ(1, pending(g.vm, 40));
	ASSERT_EQ(0, gic_line(g.vm, 40, 0));
	ASSERT_EQ(0, pending(g.vm, 40));
	ASSERT_EQ(4, run_hvc(&g));
	/* Ended: neither active nor delivered again. */
	ASSERT_EQ(0, xreg(&g, 24));
	ASSERT_EQ(1023, xreg(&g, 25));
	avcpu_guest_destroy(&g);
}

TEST(icactiver_deactivates_an_acknowledged_spi)
{
	struct avcpu_guest g;

	NEED_ACK_GUEST(&g, 41, 1);
	/* Edge-triggered this time: the guest's GICD_ICFGR as set here. */
	ASSERT_EQ(0, set_dist(g.vm, GICD_ICFGR + 8, 2U << 18));
	ASSERT_EQ(0, gic_line(g.vm, 41, 1));
	ASSERT_EQ(0, gic_line(g.vm, 41, 0));
	ASSERT_EQ(3, run_hvc(&g));
	ASSERT_EQ(41, xreg(&g, 1));
	/* The guest cleared the active state through the distributor. */
	ASSERT_EQ(0, xreg(&g, 21));
	ASSERT_EQ(0, xreg(&g, 22));
	ASSERT_EQ(4, run_hvc(&g));
	ASSERT_EQ(0, xreg(&g, 24));
	ASSERT_EQ(1023, xreg(&g, 25));
	avcpu_guest_destroy(&g);
}

TEST(irqfd_with_resample_end_to_end)
{
	struct avcpu_guest g;
	uint64_t one = 1, v = 0;
	int efd, rfd;

	NEED_ACK_GUEST(&g, 42, 0);
	ASSERT_EQ(0, avcpu_set_reg(g.vcpu, AVCPU_REG_X(26), 1));
	efd = eventfd(0, EFD_CLOEXEC);
	rfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	ASSERT_GE(efd, 0);
	ASSERT_GE(rfd, 0);
	ASSERT_EQ(0, irqfd(g.vm, efd, 42, AVCPU_IRQFD_RESAMPLE, rfd));
	ASSERT_EQ(8, write(efd, &one, 8));
	/* Held high until the guest ends it, no resample before. */
	ASSERT_EQ(0, gic_attr(g.vm, 0, AVCPU_GIC_GRP_LEVEL_INFO, 32, &v));
	ASSERT_EQ(1ULL << 10, v);
	ASSERT_EQ(-1, read(rfd, &v, 8));
	ASSERT_EQ(EAGAIN, errno);
	ASSERT_EQ(4, run_hvc(&g));
	ASSERT_EQ(42, xreg(&g, 1));
	/* The guest's EOI lowered the line and signalled the resamplefd. */
	ASSERT_EQ(0, xreg(&g, 24));
	ASSERT_EQ(1023, xreg(&g, 25));
	ASSERT_EQ(8, read(rfd, &v, 8));
	ASSERT_EQ(1, v);
	ASSERT_EQ(0, gic_attr(g.vm, 0, AVCPU_GIC_GRP_LEVEL_INFO, 32, &v));
	ASSERT_EQ(0, v);
	ASSERT_EQ(0, pending(g.vm, 42));
	avcpu_guest_destroy(&g);
	close(efd);
	close(rfd);
}

/* Polls ICC_IAR1_EL1 (bounded) with nothing set up but the entry. */
AVCPU_GUEST(g_poll,
	"	movz	x7, #0x10, lsl #16\n"
	"1:	mrs	x1, " ICC_IAR1_EL1 "\n"
	"	cmp	x1, #1023\n"
	"	b.ne	2f\n"
	"	subs	x7, x7, #1\n"
	"	b.ne	1b\n"
	"2:	hvc	#5\n");

TEST(restored_pending_interrupt_is_delivered)
{
	struct avcpu_guest a, b;
	uint64_t v;
	unsigned int i;

	NEED_GIC(&a, g_hvc_start, g_hvc_end, 1);
	ASSERT_EQ(0, make_vm_with_chip(&b, g_poll_start, g_poll_end, 1));
	/* The state of a guest that set up SPI 45 and has it pending. */
	ASSERT_EQ(0, set_dist(a.vm, GICD_CTLR, 2));
	ASSERT_EQ(0, set_dist(a.vm, GICD_IGROUPR + 4, 1U << 13));
	ASSERT_EQ(0, set_dist(a.vm, GICD_ISENABLER + 4, 1U << 13));
	ASSERT_EQ(0, set_dist(a.vm, GICD_IPRIORITYR + 44, 0xa000));
	ASSERT_EQ(0, set_dist(a.vm, GICD_ISPENDR + 4, 1U << 13));
	v = 0xf0;
	ASSERT_EQ(0, gic_attr(a.vm, 1, AVCPU_GIC_GRP_CPU_SYSREGS, ICC_PMR_ATTR,
			      &v));
	v = 1;
	ASSERT_EQ(0, gic_attr(a.vm, 1, AVCPU_GIC_GRP_CPU_SYSREGS,
			      ICC_IGRPEN1_ATTR, &v));
	for (i = 0; i < sizeof(dist_regs) / sizeof(dist_regs[0]); i++)
		ASSERT_EQ(0, set_dist(b.vm, dist_regs[i],
				      dist(a.vm, dist_regs[i])));
	ASSERT_EQ(0, gic_attr(a.vm, 0, AVCPU_GIC_GRP_CPU_SYSREGS, ICC_PMR_ATTR,
			      &v));
	ASSERT_EQ(0xf0, v);
	ASSERT_EQ(0, gic_attr(b.vm, 1, AVCPU_GIC_GRP_CPU_SYSREGS, ICC_PMR_ATTR,
			      &v));
	ASSERT_EQ(0, gic_attr(a.vm, 0, AVCPU_GIC_GRP_CPU_SYSREGS,
			      ICC_IGRPEN1_ATTR, &v));
	ASSERT_EQ(1, v);
	ASSERT_EQ(0, gic_attr(b.vm, 1, AVCPU_GIC_GRP_CPU_SYSREGS,
			      ICC_IGRPEN1_ATTR, &v));
	ASSERT_EQ(EINVAL, gic_attr(b.vm, 0, AVCPU_GIC_GRP_CPU_SYSREGS, 0x1234,
				   &v));
	/* The fresh VM's guest acknowledges it without setting up a thing. */
	ASSERT_EQ(5, run_hvc(&b));
	ASSERT_EQ(45, xreg(&b, 1));
	avcpu_guest_destroy(&a);
	avcpu_guest_destroy(&b);
}

/*
 * An SPI pending for a vCPU that goes away (its fd closed) is not lost
 * with it, nor left on its list: routed to "any" (IRM), it was queued
 * for the first redistributor's vCPU; closed, the SPI is queued for the
 * remaining one at once, whose guest acknowledges it.
 */
TEST(spi_of_a_closed_vcpu_goes_elsewhere)
{
	static struct avcpu_run *run2;
	struct avcpu_entry e = { 0 };
	struct avcpu_guest g;
	uint64_t v;
	int fd2;

	NEED_GIC(&g, g_poll_start, g_poll_end, 2);
	fd2 = avcpu_guest_add_vcpu(&g, 1, 0, &run2);
	ASSERT_GE(fd2, 0);
	e.pc = g.entry;
	ASSERT_EQ(0, ioctl(fd2, AVCPU_SET_ENTRY, &e));
	ASSERT_EQ(0, set_dist(g.vm, GICD_CTLR, 2));
	ASSERT_EQ(0, set_dist(g.vm, 0x84, 1U << 14));
	ASSERT_EQ(0, set_dist(g.vm, GICD_ISENABLER + 4, 1U << 14));
	ASSERT_EQ(0, set_dist(g.vm, GICD_IROUTER + 46 * 8, 0x80000000));
	ASSERT_EQ(0, gic_line(g.vm, 46, 1));
	v = 0xf0;
	ASSERT_EQ(0, gic_attr(g.vm, 1, AVCPU_GIC_GRP_CPU_SYSREGS,
			      1ULL << 32 | ICC_PMR_ATTR, &v));
	v = 1;
	ASSERT_EQ(0, gic_attr(g.vm, 1, AVCPU_GIC_GRP_CPU_SYSREGS,
			      1ULL << 32 | ICC_IGRPEN1_ATTR, &v));
	/* vCPU 0 had it; it goes, its redistributor with it. */
	munmap(g.run, 4096);
	close(g.vcpu);
	g.vcpu = fd2;
	g.run = run2;
	ASSERT_EQ(EINVAL, gic_attr(g.vm, 0, AVCPU_GIC_GRP_REDIST_REGS,
				   0ULL << 32 | GICR_TYPER, &v));
	ASSERT_EQ(1, pending(g.vm, 46));
	ASSERT_EQ(5, run_hvc(&g));
	ASSERT_EQ(46, xreg(&g, 1));
	avcpu_guest_destroy(&g);
}


static uint64_t redist0(int vm, uint32_t off)
{
	return get_attr(vm, AVCPU_GIC_GRP_REDIST_REGS, off);
}

static int set_redist0(int vm, uint32_t off, uint64_t v)
{
	return gic_attr(vm, 1, AVCPU_GIC_GRP_REDIST_REGS, off, &v);
}

static uint64_t icc0(int vm, uint32_t reg)
{
	return get_attr(vm, AVCPU_GIC_GRP_CPU_SYSREGS, reg);
}

/*
 * AVCPU_VCPU_RESET resets the vCPU's redistributor and CPU interface:
 * SGI 3 and PPI 20 group 1, enabled, pending, active, with a priority,
 * PPI 20 edge-triggered, the redistributor awake, PMR, IGRPEN1, EOImode
 * and an active priority set: after the reset all read as at creation.
 */
TEST(vcpu_reset_resets_its_gic_state)
{
	const uint32_t bits = 1U << 3 | 1U << 20;
	struct avcpu_guest g;
	uint64_t v;

	NEED_GIC(&g, g_hvc_start, g_hvc_end, 1);
	ASSERT_EQ(0, set_redist0(g.vm, GICR_SGI + 0x80, bits));
	ASSERT_EQ(0, set_redist0(g.vm, GICR_SGI + GICD_ISENABLER, bits));
	ASSERT_EQ(0, set_redist0(g.vm, GICR_SGI + GICD_ISPENDR, bits));
	ASSERT_EQ(0, set_redist0(g.vm, GICR_SGI + GICD_ISACTIVER, bits));
	ASSERT_EQ(0, set_redist0(g.vm, GICR_SGI + GICD_IPRIORITYR, 0x80000000));
	ASSERT_EQ(0, set_redist0(g.vm, GICR_SGI + GICD_IPRIORITYR + 20, 0x90));
	ASSERT_EQ(0, set_redist0(g.vm, GICR_SGI + GICD_ICFGR + 4, 2U << 8));
	ASSERT_EQ(0, set_redist0(g.vm, GICR_WAKER, 0));
	v = 0xf8;
	ASSERT_EQ(0, gic_attr(g.vm, 1, AVCPU_GIC_GRP_CPU_SYSREGS, ICC_PMR_ATTR, &v));
	v = 1;
	ASSERT_EQ(0, gic_attr(g.vm, 1, AVCPU_GIC_GRP_CPU_SYSREGS, ICC_IGRPEN1_ATTR,
			  &v));
	v = 2;				/* EOImode */
	ASSERT_EQ(0, gic_attr(g.vm, 1, AVCPU_GIC_GRP_CPU_SYSREGS, ICC_CTLR_ATTR,
			  &v));
	v = 1U << 4;
	ASSERT_EQ(0, gic_attr(g.vm, 1, AVCPU_GIC_GRP_CPU_SYSREGS, ICC_AP1R0_ATTR,
			  &v));
	/* All of it took. */
	ASSERT_EQ(bits, redist0(g.vm, GICR_SGI + GICD_ISPENDR));
	ASSERT_EQ(bits, redist0(g.vm, GICR_SGI + GICD_ISACTIVER));
	ASSERT_EQ(0xf8, icc0(g.vm, ICC_PMR_ATTR));
	ASSERT_EQ(1U << 4, icc0(g.vm, ICC_AP1R0_ATTR));

	ASSERT_EQ(0, ioctl(g.vcpu, AVCPU_VCPU_RESET, 0));
	ASSERT_EQ(0, redist0(g.vm, GICR_SGI + 0x80));
	ASSERT_EQ(0, redist0(g.vm, GICR_SGI + GICD_ISENABLER));
	ASSERT_EQ(0, redist0(g.vm, GICR_SGI + GICD_ISPENDR));
	ASSERT_EQ(0, redist0(g.vm, GICR_SGI + GICD_ISACTIVER));
	ASSERT_EQ(0, redist0(g.vm, GICR_SGI + GICD_IPRIORITYR));
	ASSERT_EQ(0, redist0(g.vm, GICR_SGI + GICD_IPRIORITYR + 20));
	ASSERT_EQ(0xaaaaaaaa, redist0(g.vm, GICR_SGI + GICD_ICFGR));
	ASSERT_EQ(0, redist0(g.vm, GICR_SGI + GICD_ICFGR + 4));
	ASSERT_EQ(6, redist0(g.vm, GICR_WAKER));
	ASSERT_EQ(0, redist0(g.vm, GICR_CTLR));
	ASSERT_EQ(0, icc0(g.vm, ICC_PMR_ATTR));
	ASSERT_EQ(0, icc0(g.vm, ICC_IGRPEN1_ATTR));
	ASSERT_EQ(0, icc0(g.vm, ICC_CTLR_ATTR) & 3);
	ASSERT_EQ(0, icc0(g.vm, ICC_AP1R0_ATTR));
	/* Nothing left queued: enabled again, it is still not pending. */
	ASSERT_EQ(0, set_redist0(g.vm, GICR_SGI + GICD_ISENABLER, bits));
	ASSERT_EQ(0, redist0(g.vm, GICR_SGI + GICD_ISPENDR));
	ASSERT_EQ(1, run_hvc(&g));
	avcpu_guest_destroy(&g);
}

/*
 * Redistributor frames 1 and 2 of 3 with one vCPU: GICR_TYPER (64 bits)
 * of each in x1/x2, frame 2's GICR_WAKER and GICR_CTLR in x3/x4, its
 * ISENABLER0 after a write in x5.
 */
AVCPU_GUEST(g_frames,
	"	movz	x11, #0x080c, lsl #16\n"	/* frame 1 */
	"	ldr	x1, [x11, #8]\n"
	"	movz	x12, #0x080e, lsl #16\n"	/* frame 2 */
	"	ldr	x2, [x12, #8]\n"
	"	ldr	w3, [x12, #0x14]\n"
	"	ldr	w4, [x12]\n"
	"	add	x13, x12, #0x10, lsl #12\n"
	"	mov	w6, #1\n"
	"	str	w6, [x13, #0x100]\n"
	"	ldr	w5, [x13, #0x100]\n"
	"	hvc	#1\n");

/*
 * A frame with no vCPU behind it does not read as all zero (affinity 0,
 * which the vCPU with MPIDR 0 has, and never Last): it describes the
 * vCPU that would have its index, the last frame says Last.
 */
TEST(redistributor_frames_without_a_vcpu)
{
	struct avcpu_guest g;

	NEED_GIC(&g, g_frames_start, g_frames_end, 3);
	ASSERT_EQ(1, run_hvc(&g));
	ASSERT_EQ(0x0000000100000100ULL, xreg(&g, 1));
	ASSERT_EQ(0x0000000200000210ULL, xreg(&g, 2));
	ASSERT_EQ(6, xreg(&g, 3));
	ASSERT_EQ(0, xreg(&g, 4));
	ASSERT_EQ(0, xreg(&g, 5));
	avcpu_guest_destroy(&g);
}

TEST_HARNESS_MAIN
