// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: a small flattened device tree (DTB, version 17) writer, and
 * the tree of this machine:
 *
 *   /                 "linux,dummy-virt", #address-cells = #size-cells = 2
 *   /chosen           bootargs, stdout-path = the PL011, and with
 *                     --initrd linux,initrd-start and linux,initrd-end
 *   /memory@40000000  the guest RAM
 *   /cpus/cpu@N       one per vCPU, N = 0 .. --cpus - 1: "arm,armv8",
 *                     enable-method "psci", reg N (its MPIDR, Aff0 = N)
 *   /psci             "arm,psci-1.0", "arm,psci-0.2", "arm,psci", method
 *                     "hvc" (the module answers PSCI calls)
 *   /timer            "arm,armv8-timer", "always-on", PPIs 13, 14, 11, 10
 *                     to every CPU (a GICv2's CPU mask; none with a
 *                     GICv3): the virtual timer (PPI 11, INTID 27) is
 *                     fed to the GIC (vcpu.c, or the in-kernel GICv3)
 *
 * then each device's nodes, in the order the devices registered
 * (device.c): the GIC's (phandle FDT_PHANDLE_INTC, the interrupt-parent
 * of all) and the UART's, for instance.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "fdt.h"

#define FDT_MAGIC		0xd00dfeed
#define FDT_VERSION		17
#define FDT_LAST_COMP_VERSION	16
#define FDT_HEADER_SIZE		40
#define FDT_RSV_ENTRY_SIZE	16	/* address, size */

#define FDT_BEGIN_NODE		1
#define FDT_END_NODE		2
#define FDT_PROP		3
#define FDT_NOP			4
#define FDT_END			9

struct fdt_buf {
	u8 *p;
	size_t len;
	size_t cap;
};

struct fdt {
	struct fdt_buf dt;		/* structure block */
	struct fdt_buf strings;		/* strings block */
	struct fdt_buf rsv;		/* reserve map, without the end */
	int depth;
	u32 last_phandle;
	bool failed;
};

static void buf_put(struct fdt *fdt, struct fdt_buf *b, const void *data,
		    size_t len)
{
	size_t cap;
	u8 *p;

	if (fdt->failed || !len)
		return;
	if (b->len + len > b->cap) {
		cap = b->cap ? b->cap : 1024;
		while (cap < b->len + len)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			fdt->failed = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
}

static void be32_write(u8 *p, u32 val)
{
	p[0] = val >> 24;
	p[1] = val >> 16;
	p[2] = val >> 8;
	p[3] = val;
}

static void put_u32(struct fdt *fdt, u32 val)
{
	u8 be[4];

	be32_write(be, val);
	buf_put(fdt, &fdt->dt, be, sizeof(be));
}

static void align4(struct fdt *fdt)
{
	static const u8 zero[4];

	buf_put(fdt, &fdt->dt, zero, -fdt->dt.len & 3);
}

/* Offset of @name in the strings block, added if it is not there yet. */
static u32 string_offset(struct fdt *fdt, const char *name)
{
	size_t len = strlen(name) + 1;
	size_t off = 0;

	while (off < fdt->strings.len) {
		const char *s = (const char *)fdt->strings.p + off;

		if (!strcmp(s, name))
			return off;
		off += strlen(s) + 1;
	}
	buf_put(fdt, &fdt->strings, name, len);
	return off;
}

void fdt_begin_node(struct fdt *fdt, const char *name)
{
	put_u32(fdt, FDT_BEGIN_NODE);
	buf_put(fdt, &fdt->dt, name, strlen(name) + 1);
	align4(fdt);
	fdt->depth++;
}

void fdt_end_node(struct fdt *fdt)
{
	put_u32(fdt, FDT_END_NODE);
	fdt->depth--;
}

void fdt_prop(struct fdt *fdt, const char *name, const void *val,
	      size_t len)
{
	u32 nameoff = string_offset(fdt, name);

	put_u32(fdt, FDT_PROP);
	put_u32(fdt, len);
	put_u32(fdt, nameoff);
	buf_put(fdt, &fdt->dt, val, len);
	align4(fdt);
}

void fdt_prop_cells(struct fdt *fdt, const char *name, const u32 *cells,
		    size_t n)
{
	u8 be[16 * 4];
	size_t i;

	if (n > 16) {
		fdt->failed = true;
		return;
	}
	for (i = 0; i < n; i++)
		be32_write(be + 4 * i, cells[i]);
	fdt_prop(fdt, name, be, 4 * n);
}

void fdt_prop_u32(struct fdt *fdt, const char *name, u32 val)
{
	fdt_prop_cells(fdt, name, &val, 1);
}

void fdt_prop_string(struct fdt *fdt, const char *name, const char *s)
{
	fdt_prop(fdt, name, s, strlen(s) + 1);
}

void fdt_prop_empty(struct fdt *fdt, const char *name)
{
	fdt_prop(fdt, name, NULL, 0);
}

void fdt_prop_reg2(struct fdt *fdt, const char *name, u64 addr, u64 size)
{
	u32 cells[4] = { addr >> 32, addr, size >> 32, size };

	fdt_prop_cells(fdt, name, cells, 4);
}

u32 fdt_phandle(struct fdt *fdt)
{
	if (fdt->last_phandle < FDT_PHANDLE_INTC)
		fdt->last_phandle = FDT_PHANDLE_INTC;
	return ++fdt->last_phandle;
}

static int fdt_finish(struct fdt *fdt, void **blob, size_t *size)
{
	size_t off_dt, off_strings, total;
	u8 *p;

	put_u32(fdt, FDT_END);
	if (fdt->failed || fdt->depth)
		return -1;

	off_dt = FDT_HEADER_SIZE + fdt->rsv.len + FDT_RSV_ENTRY_SIZE;
	off_strings = off_dt + fdt->dt.len;
	total = (off_strings + fdt->strings.len + 7) & ~(size_t)7;
	p = calloc(1, total);
	if (!p)
		return -1;

	be32_write(p + 0, FDT_MAGIC);
	be32_write(p + 4, total);
	be32_write(p + 8, off_dt);
	be32_write(p + 12, off_strings);
	be32_write(p + 16, FDT_HEADER_SIZE);		/* off_mem_rsvmap */
	be32_write(p + 20, FDT_VERSION);
	be32_write(p + 24, FDT_LAST_COMP_VERSION);
	be32_write(p + 28, 0);				/* boot_cpuid_phys */
	be32_write(p + 32, fdt->strings.len);
	be32_write(p + 36, fdt->dt.len);
	if (fdt->rsv.len)
		memcpy(p + FDT_HEADER_SIZE, fdt->rsv.p, fdt->rsv.len);
	memcpy(p + off_dt, fdt->dt.p, fdt->dt.len);
	memcpy(p + off_strings, fdt->strings.p, fdt->strings.len);

	*blob = p;
	*size = total;
	return 0;
}

static void fdt_free(struct fdt *fdt)
{
	free(fdt->dt.p);
	free(fdt->strings.p);
	free(fdt->rsv.p);
}

static void machine_cpus(struct fdt *fdt, int nr_cpus)
{
	char name[16];
	int i;

	fdt_begin_node(fdt, "cpus");
	fdt_prop_u32(fdt, "#address-cells", 1);
	fdt_prop_u32(fdt, "#size-cells", 0);

	for (i = 0; i < nr_cpus; i++) {
		snprintf(name, sizeof(name), "cpu@%x", i);
		fdt_begin_node(fdt, name);
		fdt_prop_string(fdt, "device_type", "cpu");
		fdt_prop_string(fdt, "compatible", "arm,armv8");
		fdt_prop_u32(fdt, "reg", i);	/* MPIDR: Aff0 = i */
		fdt_prop_string(fdt, "enable-method", "psci");
		fdt_end_node(fdt);
	}

	fdt_end_node(fdt);
}

/*
 * PSCI: the module's, through HVC, described as QEMU describes its own:
 * every compatible string from 1.0 down to 0.1, and the 0.1 binding's
 * function IDs (SMC64 CPU_SUSPEND, CPU_OFF, SMC64 CPU_ON and MIGRATE).
 */
static void machine_psci(struct fdt *fdt)
{
	fdt_begin_node(fdt, "psci");
	fdt_prop_strlist(fdt, "compatible",
			 "arm,psci-1.0\0arm,psci-0.2\0arm,psci");
	fdt_prop_string(fdt, "method", "hvc");
	fdt_prop_u32(fdt, "cpu_suspend", PSCI_FN64_CPU_SUSPEND);
	fdt_prop_u32(fdt, "cpu_off", PSCI_FN_CPU_OFF);
	fdt_prop_u32(fdt, "cpu_on", PSCI_FN64_CPU_ON);
	fdt_prop_u32(fdt, "migrate", PSCI_FN64_MIGRATE);
	fdt_end_node(fdt);
}

/* @val in @n (1 or 2) cells at @cells; false if it does not fit. */
static bool put_cells(u32 *cells, u32 n, u64 val)
{
	if (n == 1) {
		cells[0] = val;
		return val <= 0xffffffffULL;
	}
	cells[0] = val >> 32;
	cells[1] = val;
	return true;
}

/* /memory@...: the RAM, with the root's cell sizes. */
static void machine_memory(struct fdt *fdt, const struct machine *m,
			   u32 acells, u32 scells)
{
	char name[32];
	u32 reg[4];

	if (!put_cells(reg, acells, m->ram_base) ||
	    !put_cells(reg + acells, scells, m->ram_size)) {
		fdt->failed = true;
		return;
	}
	snprintf(name, sizeof(name), "memory@%llx", m->ram_base);
	fdt_begin_node(fdt, name);
	fdt_prop_string(fdt, "device_type", "memory");
	fdt_prop_cells(fdt, "reg", reg, acells + scells);
	fdt_end_node(fdt);
}

/* What /chosen gets from the command line: bootargs, the initrd. */
static void chosen_boot(struct fdt *fdt, const struct machine *m,
			u32 acells)
{
	u32 start[2], end[2];

	if (m->cmdline)
		fdt_prop_string(fdt, "bootargs", m->cmdline);
	if (!m->initrd_size)
		return;
	if (!put_cells(start, acells, m->initrd_start) ||
	    !put_cells(end, acells, m->initrd_start + m->initrd_size)) {
		fdt->failed = true;
		return;
	}
	fdt_prop_cells(fdt, "linux,initrd-start", start, acells);
	fdt_prop_cells(fdt, "linux,initrd-end", end, acells);
}

/*
 * The architected timer as QEMU's virt board has it with a GICv2: the
 * secure (PPI 13), non-secure physical (PPI 14, INTID 30), virtual
 * (PPI 11, INTID 27) and hypervisor (PPI 10, INTID 26) timers,
 * level-high, each routed to every CPU (the GICv2 binding's CPU mask in
 * bits 8-15 of the flags; a GICv3 has no such mask, the flags are the
 * level alone), and "always-on": the timers run in every power state
 * the guest can see.
 */
static void machine_timer(struct fdt *fdt, int nr_cpus, bool gicv3)
{
	static const u32 ppis[4] = { 13, 14, 11, 10 };
	u32 flags = FDT_IRQ_TYPE_LEVEL_HIGH;
	u32 irqs[12];
	int i;

	if (!gicv3)
		flags |= (BIT(nr_cpus) - 1) << FDT_GIC_CPU_MASK_SHIFT;
	for (i = 0; i < 4; i++) {
		irqs[3 * i] = FDT_GIC_PPI;
		irqs[3 * i + 1] = ppis[i];
		irqs[3 * i + 2] = flags;
	}
	fdt_begin_node(fdt, "timer");
	fdt_prop_strlist(fdt, "compatible",
			 "arm,armv8-timer\0arm,armv7-timer");
	fdt_prop_empty(fdt, "always-on");
	fdt_prop_cells(fdt, "interrupts", irqs, 12);
	fdt_end_node(fdt);
}

int fdt_build(const struct machine *m, void **blob, size_t *size)
{
	struct fdt fdt = { 0 };
	int ret;

	fdt_begin_node(&fdt, "");
	fdt_prop_string(&fdt, "compatible", "linux,dummy-virt");
	fdt_prop_string(&fdt, "model", "avcpu-run");
	fdt_prop_u32(&fdt, "#address-cells", 2);
	fdt_prop_u32(&fdt, "#size-cells", 2);
	fdt_prop_u32(&fdt, "interrupt-parent", FDT_PHANDLE_INTC);

	if (m->stdout_path) {
		fdt_begin_node(&fdt, "aliases");
		fdt_prop_string(&fdt, "serial0", m->stdout_path);
		fdt_end_node(&fdt);
	}

	fdt_begin_node(&fdt, "chosen");
	if (m->stdout_path)
		fdt_prop_string(&fdt, "stdout-path", m->stdout_path);
	chosen_boot(&fdt, m, 2);
	fdt_end_node(&fdt);

	machine_memory(&fdt, m, 2, 2);
	machine_cpus(&fdt, m->nr_cpus);
	machine_psci(&fdt);
	machine_timer(&fdt, m->nr_cpus, m->gicv3);
	devices_fdt(&fdt);

	fdt_end_node(&fdt);

	ret = fdt_finish(&fdt, blob, size);
	fdt_free(&fdt);
	return ret;
}

/* --- a given DTB (--dtb), patched as QEMU patches one ---------------- */

static u32 be32_read(const u8 *p)
{
	return (u32)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* A NUL-terminated string at @off of @len bytes, or NULL. */
static const char *str_at(const u8 *p, size_t len, size_t off)
{
	if (off >= len || !memchr(p + off, 0, len - off))
		return NULL;
	return (const char *)p + off;
}

static bool is_memory_node(const char *name)
{
	return !strcmp(name, "memory") || !strncmp(name, "memory@", 7);
}

/*
 * Copy the tree of @in, @in_size bytes, changing what QEMU's -dtb
 * changes: every /memory node gives way to one for the RAM; /chosen
 * (created if missing) gets bootargs if m->cmdline is set and the
 * initrd's bounds if there is one; /psci is replaced by the module's.
 * The rest, the reserve map included, is kept as it is.  Returns 0, or
 * STATUS_SETUP with the reason in @why.
 */
int fdt_patch(const void *in, size_t in_size, const struct machine *m,
	      void **blob, size_t *size, const char **why)
{
	const u8 *p = in, *dt, *str;
	size_t off, dt_len, str_len, rsv;
	u32 acells = 0, scells = 0;
	struct fdt fdt = { 0 };
	int depth = 0, skip = 0;
	bool chosen = false, in_chosen = false, done = false;
	int ret;

	*why = "not a flattened device tree";
	if (in_size < FDT_HEADER_SIZE || be32_read(p) != FDT_MAGIC)
		return STATUS_SETUP;
	*why = "truncated or inconsistent header";
	if (be32_read(p + 4) > in_size || be32_read(p + 20) < 16)
		return STATUS_SETUP;
	in_size = be32_read(p + 4);
	off = be32_read(p + 8);
	dt_len = in_size - (off < in_size ? off : in_size);
	if (be32_read(p + 20) >= 17 && be32_read(p + 36) <= dt_len)
		dt_len = be32_read(p + 36);
	str_len = be32_read(p + 32);
	if (off >= in_size || be32_read(p + 12) > in_size ||
	    str_len > in_size - be32_read(p + 12) ||
	    be32_read(p + 16) > in_size)
		return STATUS_SETUP;
	dt = p + off;
	str = p + be32_read(p + 12);

	/* The reserve map, up to its (0, 0) entry. */
	for (rsv = be32_read(p + 16);
	     rsv + FDT_RSV_ENTRY_SIZE <= in_size; rsv += FDT_RSV_ENTRY_SIZE) {
		static const u8 zero[FDT_RSV_ENTRY_SIZE];

		if (!memcmp(p + rsv, zero, sizeof(zero)))
			break;
		buf_put(&fdt, &fdt.rsv, p + rsv, FDT_RSV_ENTRY_SIZE);
	}

	*why = "malformed structure block";
	for (off = 0; off + 4 <= dt_len && !done;) {
		u32 token = be32_read(dt + off);
		const char *name;
		u32 len;

		off += 4;
		switch (token) {
		case FDT_BEGIN_NODE:
			name = str_at(dt, dt_len, off);
			if (!name)
				goto bad;
			off = (off + strlen(name) + 1 + 3) & ~(size_t)3;
			depth++;
			if (skip) {
				skip++;
				break;
			}
			if (depth == 2 && (is_memory_node(name) ||
					   !strcmp(name, "psci"))) {
				skip = 1;
				break;
			}
			if (depth == 2) {
				in_chosen = !strcmp(name, "chosen");
				chosen |= in_chosen;
			}
			fdt_begin_node(&fdt, name);
			break;
		case FDT_END_NODE:
			if (!depth--)
				goto bad;
			if (skip) {
				skip--;
				break;
			}
			if (in_chosen && depth == 1) {
				chosen_boot(&fdt, m, acells);
				in_chosen = false;
			}
			if (!depth) {
				if (!acells || !scells) {
					*why = "#address-cells or #size-cells missing or 0 in /";
					goto bad;
				}
				if (!chosen) {
					fdt_begin_node(&fdt, "chosen");
					chosen_boot(&fdt, m, acells);
					fdt_end_node(&fdt);
				}
				machine_memory(&fdt, m, acells, scells);
				machine_psci(&fdt);
			}
			fdt_end_node(&fdt);
			break;
		case FDT_PROP:
			if (off + 8 > dt_len)
				goto bad;
			len = be32_read(dt + off);
			name = str_at(str, str_len, be32_read(dt + off + 4));
			off += 8;
			if (!name || len > dt_len - off || !depth)
				goto bad;
			if (!skip && depth == 1 && len == 4 &&
			    !strcmp(name, "#address-cells"))
				acells = be32_read(dt + off);
			if (!skip && depth == 1 && len == 4 &&
			    !strcmp(name, "#size-cells"))
				scells = be32_read(dt + off);
			if (!skip &&
			    !(in_chosen && depth == 2 &&
			      ((m->cmdline && !strcmp(name, "bootargs")) ||
			       (m->initrd_size &&
				!strncmp(name, "linux,initrd-", 13)))))
				fdt_prop(&fdt, name, dt + off, len);
			off = (off + len + 3) & ~(size_t)3;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			done = true;
			break;
		default:
			goto bad;
		}
		if (depth == 1 && (acells > 2 || scells > 2)) {
			*why = "#address-cells or #size-cells above 2 in /";
			goto bad;
		}
	}
	if (!done || depth)
		goto bad;
	*why = "the RAM or the initrd does not fit the root's cells";
	ret = fdt_finish(&fdt, blob, size);
	fdt_free(&fdt);
	return ret ? STATUS_SETUP : 0;
bad:
	fdt_free(&fdt);
	return STATUS_SETUP;
}

/*
 * Grow the blob at *@blob to @total bytes of free space at its end (its
 * header's totalsize), as QEMU's trees are in guest memory: that size
 * decides whether a tree fits below an ELF image.
 */
int fdt_pad(void **blob, size_t *size, size_t total)
{
	u8 *p;

	if (total <= *size)
		return 0;
	p = realloc(*blob, total);
	if (!p)
		return -1;
	memset(p + *size, 0, total - *size);
	be32_write(p + 4, total);
	*blob = p;
	*size = total;
	return 0;
}
