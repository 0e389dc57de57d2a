/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: the device tree writer and the machine's tree (fdt.c). */
#ifndef AVCPU_RUN_FDT_H
#define AVCPU_RUN_FDT_H

#include "avcpu-run.h"

struct fdt;

/* The interrupt controller's phandle: the root's interrupt-parent. */
#define FDT_PHANDLE_INTC	1

/* The three cells of an interrupt of the GIC binding. */
#define FDT_GIC_SPI		0
#define FDT_GIC_PPI		1
#define FDT_IRQ_TYPE_LEVEL_HIGH	4
#define FDT_GIC_CPU_MASK_SHIFT	8	/* GICv2 PPIs: the CPUs they reach */

/* PSCI function IDs, for the 0.1 binding's properties */
#define PSCI_FN64_CPU_SUSPEND	0xc4000001
#define PSCI_FN_CPU_OFF		0x84000002
#define PSCI_FN64_CPU_ON	0xc4000003
#define PSCI_FN64_MIGRATE	0xc4000005

/*
 * What a device's fdt_node callback (device.h) writes with.  Errors
 * (no memory, unbalanced nodes) are remembered and fail fdt_build().
 */
void fdt_begin_node(struct fdt *fdt, const char *name);
void fdt_end_node(struct fdt *fdt);
void fdt_prop(struct fdt *fdt, const char *name, const void *val,
	      size_t len);
void fdt_prop_cells(struct fdt *fdt, const char *name, const u32 *cells,
		    size_t n);
void fdt_prop_u32(struct fdt *fdt, const char *name, u32 val);
void fdt_prop_string(struct fdt *fdt, const char *name, const char *s);
void fdt_prop_empty(struct fdt *fdt, const char *name);
/* One (address, size) pair with #address-cells = #size-cells = 2. */
void fdt_prop_reg2(struct fdt *fdt, const char *name, u64 addr, u64 size);
/* A new phandle, unique in this tree (FDT_PHANDLE_INTC is taken). */
u32 fdt_phandle(struct fdt *fdt);

/* A string list from a literal with embedded NULs: "a\0b" is "a", "b". */
#define fdt_prop_strlist(fdt, name, list) \
	fdt_prop(fdt, name, list, sizeof(list))

struct machine {
	u64 ram_base;
	u64 ram_size;
	const char *cmdline;	/* bootargs, or NULL for none */
	int nr_cpus;		/* cpu@0 .. cpu@(nr_cpus - 1) */
	u64 initrd_start;	/* linux,initrd-start/-end when size != 0 */
	u64 initrd_size;
	const char *stdout_path; /* /chosen and serial0 alias, or NULL */
	bool gicv3;		/* a GICv3's timer PPIs: no CPU mask */
};

/* The whole tree: the machine's nodes, then every device's. */
int fdt_build(const struct machine *m, void **blob, size_t *size);
/*
 * The size of a tree in guest memory, free space included, as QEMU has
 * them: its own tree takes 1 MiB, a -dtb file twice its size plus 10000
 * bytes.
 */
#define FDT_QEMU_SIZE		0x100000
#define FDT_QEMU_GIVEN_SIZE(file_size)	(2 * ((file_size) + 10000))
int fdt_pad(void **blob, size_t *size, size_t total);
/* A given tree (--dtb) with the RAM, /chosen and /psci set as QEMU does. */
int fdt_patch(const void *in, size_t in_size, const struct machine *m,
	      void **blob, size_t *size, const char **why);

#endif /* AVCPU_RUN_FDT_H */
