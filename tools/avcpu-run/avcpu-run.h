/* SPDX-License-Identifier: GPL-2.0 */
/*
 * avcpu-run: a small VMM for /dev/avcpu.  One concept per file, each with
 * its own header; a file calls only the files listed below it, so that
 * there is no circle among them (upward, only through callbacks):
 *
 *   main.c    options and exit statuses; creates and connects the rest
 *   loader.c  kernel, firmware, initrd and DTB placement
 *   pl011.c   the PL011 UART: MMIO, its DT node, its SPI
 *   irq.c     the SPI inputs of whichever interrupt controller runs
 *   gic.c     the GICv2: MMIO, its DT node, the vCPUs' IRQ lines
 *   gicv3.c   the accelerator's in-kernel GICv3: its DT node, creation,
 *             SPIs through its line ioctl or an irqfd
 *   flash.c   the flash banks of QEMU's virt board
 *   console.c stdin and stdout (reader thread, terminal mode); tells the
 *             UART about input through a callback
 *   dirty.c   --dirty-stats: the RAM slot's dirty log, once a second
 *   vcpu.c    the vCPUs, their run structures, threads and run loops;
 *             hands MMIO exits to mmio.c, timer levels to a callback,
 *             guest faults to fault.c
 *   fault.c   guest faults: their log, --verbose and --strict
 *   vm.c      the VM and its guest RAM, on the accelerator
 *   accel-avcpu.c, accel-kvm.c  the accelerators (accel.h): /dev/avcpu
 *             or /dev/kvm behind one interface
 *   fdt.c     a flattened device tree writer and the machine's tree:
 *             the CPUs' nodes, then each device's (device.c)
 *   device.c  the devices' list: DT node writers and reset hooks
 *   mmio.c    MMIO devices by address range; callbacks get the vCPU
 *   log.c     error() and info() on stderr
 *
 * A device is one file: it registers its MMIO ranges (mmio.h) and a
 * struct device (device.h) whose callbacks write its DT node and reset
 * it, and main.c calls its init function.
 *
 * PSCI and the SMCCC calls are the module's (AVCPU_FEAT_PSCI): a guest's
 * CPU_ON, CPU_OFF or AFFINITY_INFO never leaves the kernel, and
 * SYSTEM_OFF or SYSTEM_RESET comes back as AVCPU_EXIT_SYSTEM_EVENT.
 *
 * This header holds what every file shares: types, the machine map, the
 * exit statuses and close_fd().
 */
#ifndef AVCPU_RUN_H
#define AVCPU_RUN_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <unistd.h>
#include <linux/types.h>
#include <linux/avcpu.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;

/*
 * The kernel's __printf(); split so that checkpatch, which asks for
 * __printf() wherever it sees the attribute, does not ask it here too.
 */
#define __printf(a, b)		__attribute__((__format__(printf,	\
							  a, b)))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define BIT(n)			(1UL << (n))
#define BIT_ULL(n)		(1ULL << (n))

#define SZ_1M			0x00100000ULL

/* --- machine map ----------------------------------------------------- */

#define FLASH0_BASE		0x00000000ULL	/* virt's flash banks: --bios */
#define FLASH1_BASE		0x04000000ULL	/* U-Boot's environment */
#define FLASH_BANK_SIZE		0x04000000ULL	/* 64 MiB each */
#define GICD_BASE		0x08000000ULL	/* GICv2 distributor */
#define GICD_SIZE		0x00010000ULL
#define GICC_BASE		0x08010000ULL	/* GICv2 CPU interface */
#define GICC_SIZE		0x00002000ULL
#define GICV3_DIST_BASE		0x08000000ULL	/* --irqchip=gicv3 */
#define GICV3_REDIST_BASE	0x080a0000ULL	/* 128 KiB per vCPU */
#define GICV3_REDIST_REGION	0x00f60000ULL	/* QEMU's: 123 of them */
#define GICV3_NR_SPIS		32		/* INTIDs 32..63 */
#define GIC_PPI_MAINT		9		/* GICv3 maintenance, INTID 25 */
#define GIC_PPI_VTIMER		27		/* INTID of PPI 11 */
#define GIC_PPI_PTIMER		30		/* INTID of PPI 14 */
#define PL011_BASE		0x09000000ULL
#define PL011_SIZE		0x00001000ULL
#define PL011_SPI		1
#define PL011_CLK_HZ		24000000
#define RAM_BASE		0x40000000ULL

/*
 * Where QEMU's virt board puts things (hw/arm/boot.c), loader.c: see
 * Documentation/avcpu-run.rst, "Images".
 */
#define KERNEL64_LOAD_OFFSET	0x00080000ULL	/* raw, old Image */
#define IMAGE_ALIGN		0x00200000ULL	/* an Image's base */
#define BOOT_STUB_SIZE		0x00001000ULL	/* QEMU's boot code at RAM_BASE */
#define INITRD_OFFSET_MAX	0x08000000ULL	/* min(RAM / 2, 128 MiB) */
#define DTB_ALIGN		0x00200000ULL	/* after the initrd */
#define GUEST_PAGE_SIZE		0x00001000ULL	/* the initrd's alignment */

#define MEM_MIN_MIB		16
#define MEM_MAX_MIB		4096
#define MEM_DEFAULT_MIB		128
#define CPUS_MAX		8	/* MPIDR Aff0 0..7, one digit each */
#define CMDLINE_MAX		2048		/* arm64 COMMAND_LINE_SIZE */
#define DEFAULT_CMDLINE		"console=ttyAMA0 earlycon"

/* --- exit statuses (main.c) ------------------------------------------ */

#define STATUS_POWEROFF		0	/* PSCI SYSTEM_OFF */
#define STATUS_SETUP		1	/* usage or setup error */
#define STATUS_RESET		2	/* PSCI SYSTEM_RESET */
#define STATUS_GUEST_EXC	3	/* --strict: a guest fault; or a guest
					 * SError, a vCPU that cannot run
					 */
#define STATUS_IOCTL		4	/* an ioctl failed unexpectedly */
#define STATUS_SIGNAL_BASE	128	/* + SIGINT (130) or SIGTERM (143) */
#define STATUS_CONTINUE		(-1)	/* internal: keep running */

/* --- helpers --------------------------------------------------------- */

/* Close *@fd if it is open, and mark it closed (-1). */
static inline void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

#endif /* AVCPU_RUN_H */
