// SPDX-License-Identifier: GPL-2.0
/*
 * fdt.c on the host: the device tree avcpu-run gives its guest, built for
 * a few machine shapes, written to a file and read back by dtc (-I dtb
 * -O dts, $DTC, Debian package device-tree-compiler), node by node.
 */
#define _GNU_SOURCE		/* environ */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"
#include "../fdt.h"
#include "../gic.h"
#include "../pl011.h"
#include "../vcpu.h"

#define MIB			SZ_1M
#define MAX_PROPS		256
#define PL011_PATH		PL011_DT_PATH

/* One property of the decompiled tree: "/cpus/cpu@0" "reg" "<0x00>". */
struct dts_prop {
	char path[128];
	const char *name;	/* in dts.text */
	const char *value;	/* in dts.text; "" for an empty property */
};

struct dts {
	char *text;		/* dtc's output, cut into names and values */
	struct dts_prop props[MAX_PROPS];
	int nr_props;
	char nodes[64][128];
	int nr_nodes;
};

/* --- dtc ------------------------------------------------------------ */

static const char *dtc(void)
{
	const char *d = getenv("DTC");

	return d && *d ? d : "dtc";
}

static char *read_text(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return NULL;
	if (getdelim(&buf, &len, '\0', f) < 0) {
		free(buf);
		buf = strdup("");
	}
	fclose(f);
	return buf;
}

/*
 * dtc -I @from -O @to on @size bytes at @in: the output file's path, or
 * NULL with the case failed if dtc is missing, fails or warns.
 */
static const char *run_dtc(const char *from, const char *to,
			   const void *in_data, size_t size)
{
	const char *in, *out = unit_temp_path("out");
	const char *err = unit_temp_path("dtc.err");
	posix_spawn_file_actions_t fa;
	const char *argv[11];
	char *msg;
	pid_t pid;
	int st;

	in = unit_temp_file(in_data, size);
	argv[0] = dtc();
	argv[1] = "-I";
	argv[2] = from;
	argv[3] = "-O";
	argv[4] = to;
	argv[5] = "-o";
	argv[6] = out;
	argv[7] = in;
	argv[8] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err,
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	st = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
			  environ);
	posix_spawn_file_actions_destroy(&fa);
	if (st == ENOENT) {
		unit_fail(__FILE__, __LINE__,
			  "%s not found: install dtc (Debian: apt-get install device-tree-compiler) or set DTC",
			  argv[0]);
		return NULL;
	}
	if (st) {
		unit_fail(__FILE__, __LINE__, "%s: %s", argv[0], strerror(st));
		return NULL;
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	msg = read_text(err);
	/* A warning is a defect of the tree too. */
	if (!WIFEXITED(st) || WEXITSTATUS(st) || (msg && *msg)) {
		unit_fail(__FILE__, __LINE__, "%s -I %s -O %s: status 0x%x: %s",
			  argv[0], from, to, st, msg ? msg : "");
		free(msg);
		return NULL;
	}
	free(msg);
	return out;
}

/* dtc -I dtb -O dts @blob: the source text (to free()), or NULL. */
static char *decompile(const void *blob, size_t size)
{
	const char *out = run_dtc("dtb", "dts", blob, size);
	char *text;

	if (!out)
		return NULL;
	text = read_text(out);
	if (!text)
		unit_fail(__FILE__, __LINE__, "%s: no output", dtc());
	return text;
}

/* dtc -I dts -O dtb @source: the blob (to free()) and its size, or NULL. */
static void *compile(const char *source, size_t *size)
{
	const char *out = run_dtc("dts", "dtb", source, strlen(source));
	void *blob = NULL;
	FILE *f;
	long n;

	if (!out)
		return NULL;
	f = fopen(out, "rb");
	n = f && !fseek(f, 0, SEEK_END) ? ftell(f) : -1;
	if (n > 0 && !fseek(f, 0, SEEK_SET)) {
		blob = malloc(n);
		if (blob && fread(blob, 1, n, f) == (size_t)n) {
			*size = n;
		} else {
			free(blob);
			blob = NULL;
		}
	}
	if (f)
		fclose(f);
	if (!blob)
		unit_fail(__FILE__, __LINE__, "cannot read %s", out);
	return blob;
}

/* --- the decompiled source ------------------------------------------ */

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\n'))
		*--end = 0;
	return s;
}

/*
 * dtc's output has a line per node start ("name {"), node end ("};") and
 * property ("name = value;" or "name;"): enough to index it by path.
 */
static bool parse_dts(struct dts *dt)
{
	char path[128] = "";
	char *line, *save, *eq;
	struct dts_prop *p;
	size_t len;

	for (line = strtok_r(dt->text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		line = trim(line);
		len = strlen(line);
		if (!len || !strcmp(line, "/dts-v1/;"))
			continue;
		if (len >= 2 && !strcmp(line + len - 2, " {")) {
			line[len - 2] = 0;
			if (strcmp(line, "/")) {
				strncat(path, "/", sizeof(path) - strlen(path) - 1);
				strncat(path, line, sizeof(path) - strlen(path) - 1);
			}
			if (dt->nr_nodes == ARRAY_SIZE(dt->nodes))
				return false;
			snprintf(dt->nodes[dt->nr_nodes++], sizeof(dt->nodes[0]),
				 "%s", *path ? path : "/");
			continue;
		}
		if (!strcmp(line, "};")) {
			*(strrchr(path, '/') ? strrchr(path, '/') : path) = 0;
			continue;
		}
		if (line[len - 1] != ';' || dt->nr_props == MAX_PROPS)
			return false;
		line[len - 1] = 0;
		p = &dt->props[dt->nr_props++];
		snprintf(p->path, sizeof(p->path), "%s", *path ? path : "/");
		p->name = line;
		p->value = "";
		eq = strstr(line, " = ");
		if (eq) {
			*eq = 0;
			p->value = eq + 3;
		}
	}
	return true;
}

static bool has_node(const struct dts *dt, const char *path)
{
	int i;

	for (i = 0; i < dt->nr_nodes; i++) {
		if (!strcmp(dt->nodes[i], path))
			return true;
	}
	return false;
}

/* The value text of @path's @name ("" for an empty one), or NULL. */
static const char *prop(const struct dts *dt, const char *path,
			const char *name)
{
	int i;

	for (i = 0; i < dt->nr_props; i++) {
		if (!strcmp(dt->props[i].path, path) &&
		    !strcmp(dt->props[i].name, name))
			return dt->props[i].value;
	}
	return NULL;
}

/* @path's @name is the cell list @want (however dtc spells numbers). */
static void expect_cells(const struct dts *dt, const char *path,
			 const char *name, const u32 *want, int n, int line)
{
	const char *v = prop(dt, path, name);
	unsigned long cell;
	char *end;
	int i;

	if (!v || *v != '<') {
		unit_fail(__FILE__, line, "%s %s: %s, not cells", path, name,
			  v ? v : "missing");
		return;
	}
	v++;
	for (i = 0; i < n; i++) {
		errno = 0;
		cell = strtoul(v, &end, 0);
		if (end == v || errno || cell != want[i]) {
			unit_fail(__FILE__, line,
				  "%s %s: cell %d of %s is not 0x%x", path,
				  name, i, prop(dt, path, name), want[i]);
			return;
		}
		v = end;
		while (*v == ' ')
			v++;
	}
	if (strcmp(v, ">"))
		unit_fail(__FILE__, line, "%s %s: %s has more than %d cells",
			  path, name, prop(dt, path, name), n);
}

#define EXPECT_CELLS(dt, path, name, ...) do {				\
	static const u32 __want[] = { __VA_ARGS__ };			\
									\
	expect_cells((dt), (path), (name), __want,			\
		     ARRAY_SIZE(__want), __LINE__);			\
} while (0)

/* The byte of the escape after a backslash at @v; its last character. */
static const char *unescape(const char *v, u8 *c)
{
	char hex[3] = { 0 };

	switch (*v) {
	case '0':
		*c = 0;
		break;
	case 'n':
		*c = '\n';
		break;
	case 't':
		*c = '\t';
		break;
	case 'r':
		*c = '\r';
		break;
	case 'x':
		if (v[1] && v[2]) {
			memcpy(hex, v + 1, 2);
			*c = strtoul(hex, NULL, 16);
			return v + 2;
		}
		*c = 'x';
		break;
	default:		/* \\, \" */
		*c = *v;
		break;
	}
	return v;
}

/*
 * The bytes of a dts value: "strings" (each with its NUL), [bytes] and
 * <cells>, comma-separated.  Returns their number, -1 if unparsable.
 */
static int decode(const char *v, u8 *out, int cap)
{
	unsigned long num;
	int len = 0, i;
	char *end;

	while (*v) {
		if (*v == '"') {
			for (v++; *v && *v != '"'; v++) {
				if (len == cap)
					return -1;
				if (*v == '\\')
					v = unescape(v + 1, &out[len++]);
				else
					out[len++] = *v;
			}
			if (*v++ != '"' || len == cap)
				return -1;
			out[len++] = 0;
		} else if (*v == '[' || *v == '<') {
			char close = *v == '[' ? ']' : '>';
			int width = *v == '[' ? 1 : 4;

			for (v++; *v == ' '; v++)
				;
			while (*v != close) {
				num = strtoul(v, &end, width == 1 ? 16 : 0);
				if (end == v || len + width > cap)
					return -1;
				for (i = width - 1; i >= 0; i--)
					out[len++] = num >> (8 * i);
				for (v = end; *v == ' '; v++)
					;
			}
			v++;
		} else {
			return -1;
		}
		if (!strncmp(v, ", ", 2))
			v += 2;
		else if (*v)
			return -1;
	}
	return len;
}

/* @path's @name holds the @len bytes @want. */
static void expect_bytes(const struct dts *dt, const char *path,
			 const char *name, const void *want, int len, int line)
{
	const char *v = prop(dt, path, name);
	static u8 got[4096];
	int n;

	if (!v) {
		unit_fail(__FILE__, line, "%s: no %s", path, name);
		return;
	}
	n = decode(v, got, sizeof(got));
	if (n != len || memcmp(got, want, len))
		unit_fail(__FILE__, line, "%s %s: %s (%d bytes, want %d)",
			  path, name, v, n, len);
}

/* A string (list: "a\0b") literal @val, its final NUL included. */
#define EXPECT_PROP(dt, path, name, val)				\
	expect_bytes((dt), (path), (name), (val), sizeof(val), __LINE__)

/* --- machines ------------------------------------------------------- */

/* @blob (freed here) decompiled into @dt, its header checked. */
static bool parse_blob(void *blob, size_t size, struct dts *dt)
{
	const u8 *h;
	bool ok;

	/* The header's own fields, before dtc sees it. */
	h = blob;
	EXPECT_EQ(size % 8, 0);
	EXPECT_EQ((u32)h[0] << 24 | h[1] << 16 | h[2] << 8 | h[3], 0xd00dfeed);
	EXPECT_EQ((u32)h[4] << 24 | h[5] << 16 | h[6] << 8 | h[7], size);
	EXPECT_EQ(h[23], 17);		/* version */
	EXPECT_EQ(h[27], 16);		/* last_comp_version */
	dt->text = decompile(blob, size);
	free(blob);
	if (!dt->text)
		return false;
	ok = parse_dts(dt);
	if (!ok)
		unit_fail(__FILE__, __LINE__, "cannot parse dtc's output");
	return ok;
}

static bool build(const struct machine *m, struct dts *dt)
{
	void *blob = NULL;
	size_t size = 0;

	free(dt->text);
	memset(dt, 0, sizeof(*dt));
	if (!EXPECT_EQ(fdt_build(m, &blob, &size), 0))
		return false;
	return parse_blob(blob, size, dt);
}

/* fdt_patch() of @in for @m into @dt. */
static bool patch(const void *in, size_t in_size, const struct machine *m,
		  struct dts *dt)
{
	const char *why = NULL;
	void *blob = NULL;
	size_t size = 0;

	free(dt->text);
	memset(dt, 0, sizeof(*dt));
	if (!EXPECT_EQ(fdt_patch(in, in_size, m, &blob, &size, &why), 0)) {
		unit_fail(__FILE__, __LINE__, "fdt_patch: %s", why);
		return false;
	}
	return parse_blob(blob, size, dt);
}

/* What every machine of @nr_cpus vCPUs has, whatever its shape. */
static void expect_common(const struct dts *dt, u32 nr_cpus)
{
	/* GICv2 PPIs name the CPUs they reach in bits 8-15 of the flags. */
	u32 ppi = 4 | ((1U << nr_cpus) - 1) << 8;
	const u32 timer_irqs[12] = {
		1, 13, ppi, 1, 14, ppi, 1, 11, ppi, 1, 10, ppi,
	};

	EXPECT_PROP(dt, "/", "compatible", "linux,dummy-virt");
	EXPECT_PROP(dt, "/", "model", "avcpu-run");
	EXPECT_CELLS(dt, "/", "#address-cells", 2);
	EXPECT_CELLS(dt, "/", "#size-cells", 2);
	EXPECT_CELLS(dt, "/", "interrupt-parent", 1);	/* the GIC */
	EXPECT_PROP(dt, "/aliases", "serial0", PL011_PATH);
	EXPECT_PROP(dt, "/chosen", "stdout-path", PL011_PATH);

	EXPECT_CELLS(dt, "/cpus", "#address-cells", 1);
	EXPECT_CELLS(dt, "/cpus", "#size-cells", 0);
	/* As QEMU's virt board describes its PSCI, HVC here. */
	EXPECT_PROP(dt, "/psci", "compatible",
		    "arm,psci-1.0\0arm,psci-0.2\0arm,psci");
	EXPECT_PROP(dt, "/psci", "method", "hvc");
	EXPECT_CELLS(dt, "/psci", "cpu_suspend", 0xc4000001);
	EXPECT_CELLS(dt, "/psci", "cpu_off", 0x84000002);
	EXPECT_CELLS(dt, "/psci", "cpu_on", 0xc4000003);
	EXPECT_CELLS(dt, "/psci", "migrate", 0xc4000005);

	/*
	 * Secure, non-secure (INTID 30), virtual (27) and hypervisor (26)
	 * PPIs; level-high, to every CPU; as QEMU's virt with a GICv2.
	 */
	EXPECT_PROP(dt, "/timer", "compatible",
		    "arm,armv8-timer\0arm,armv7-timer");
	expect_cells(dt, "/timer", "interrupts", timer_irqs, 12, __LINE__);
	EXPECT_EQ(16 + 14, 30);		/* the EL1 physical timer's INTID */
	EXPECT(prop(dt, "/timer", "always-on") &&
	       !*prop(dt, "/timer", "always-on"));
	/* The virtual timer's PPI is the one vcpu.c feeds the GIC. */
	EXPECT_EQ(16 + 11, GIC_PPI_VTIMER);

	EXPECT_PROP(dt, "/intc@8000000", "compatible", "arm,cortex-a15-gic");
	EXPECT_CELLS(dt, "/intc@8000000", "#interrupt-cells", 3);
	EXPECT(prop(dt, "/intc@8000000", "interrupt-controller") &&
	       !*prop(dt, "/intc@8000000", "interrupt-controller"));
	EXPECT_CELLS(dt, "/intc@8000000", "#address-cells", 2);
	EXPECT_CELLS(dt, "/intc@8000000", "#size-cells", 2);
	EXPECT(prop(dt, "/intc@8000000", "ranges") &&
	       !*prop(dt, "/intc@8000000", "ranges"));
	EXPECT_CELLS(dt, "/intc@8000000", "reg",
		     0, GICD_BASE, 0, GICD_SIZE, 0, GICC_BASE, 0, GICC_SIZE);
	EXPECT_CELLS(dt, "/intc@8000000", "reg",
		     0, 0x08000000, 0, 0x10000, 0, 0x08010000, 0, 0x2000);
	EXPECT_CELLS(dt, "/intc@8000000", "phandle", 1);

	EXPECT_PROP(dt, "/apb-pclk", "compatible", "fixed-clock");
	EXPECT_CELLS(dt, "/apb-pclk", "#clock-cells", 0);
	EXPECT_CELLS(dt, "/apb-pclk", "clock-frequency", 24000000);
	EXPECT_CELLS(dt, "/apb-pclk", "phandle", 2);

	EXPECT_PROP(dt, PL011_PATH, "compatible", "arm,pl011\0arm,primecell");
	EXPECT_CELLS(dt, PL011_PATH, "reg", 0, 0x09000000, 0, 0x1000);
	EXPECT_CELLS(dt, PL011_PATH, "interrupts", 0, PL011_SPI, 4);
	EXPECT_CELLS(dt, PL011_PATH, "interrupts", 0, 1, 4);
	EXPECT_CELLS(dt, PL011_PATH, "clocks", 2, 2);
	EXPECT_PROP(dt, PL011_PATH, "clock-names", "uartclk\0apb_pclk");
	EXPECT_PROP(dt, "/apb-pclk", "clock-output-names", "clk24mhz");
}

static void expect_cpus(const struct dts *dt, int nr_cpus)
{
	char path[32];
	int i;

	for (i = 0; i < nr_cpus; i++) {
		snprintf(path, sizeof(path), "/cpus/cpu@%x", i);
		EXPECT(has_node(dt, path));
		EXPECT_PROP(dt, path, "device_type", "cpu");
		EXPECT_PROP(dt, path, "compatible", "arm,armv8");
		EXPECT_PROP(dt, path, "enable-method", "psci");
		expect_cells(dt, path, "reg", (u32 *)&i, 1, __LINE__);
	}
	snprintf(path, sizeof(path), "/cpus/cpu@%x", nr_cpus);
	EXPECT(!has_node(dt, path));
}

/* --- cases ---------------------------------------------------------- */

static struct dts dt;

static void test_one_cpu(void)
{
	struct machine m = {
		.ram_base = RAM_BASE,
		.ram_size = 128 * MIB,
		.cmdline = DEFAULT_CMDLINE,
		.nr_cpus = 1,
		.stdout_path = PL011_DT_PATH,
	};

	if (!build(&m, &dt))
		return;
	expect_common(&dt, 1);
	expect_cpus(&dt, 1);
	EXPECT(has_node(&dt, "/memory@40000000"));
	EXPECT_PROP(&dt, "/memory@40000000", "device_type", "memory");
	EXPECT_CELLS(&dt, "/memory@40000000", "reg",
		     0, 0x40000000, 0, 128 * MIB);
	EXPECT_PROP(&dt, "/chosen", "bootargs", DEFAULT_CMDLINE);
	/* No initrd: no bounds. */
	EXPECT(!prop(&dt, "/chosen", "linux,initrd-start"));
	EXPECT(!prop(&dt, "/chosen", "linux,initrd-end"));
}

static void test_four_cpus_initrd(void)
{
	struct machine m = {
		.ram_base = RAM_BASE,
		.ram_size = 512 * MIB,
		.cmdline = "console=ttyAMA0 rdinit=/init x=\"a, b\\\"",
		.nr_cpus = 4,
		.stdout_path = PL011_DT_PATH,
		.initrd_start = 0x41a00000,
		.initrd_size = 0x123457,
	};

	if (!build(&m, &dt))
		return;
	expect_common(&dt, 4);
	expect_cpus(&dt, 4);
	EXPECT_CELLS(&dt, "/memory@40000000", "reg",
		     0, 0x40000000, 0, 512 * MIB);
	EXPECT_PROP(&dt, "/chosen", "bootargs",
		    "console=ttyAMA0 rdinit=/init x=\"a, b\\\"");
	EXPECT_CELLS(&dt, "/chosen", "linux,initrd-start", 0, 0x41a00000);
	EXPECT_CELLS(&dt, "/chosen", "linux,initrd-end", 0, 0x41b23457);
}

static void test_large(void)
{
	struct machine m = {
		.ram_base = RAM_BASE,
		.ram_size = 4096 * MIB,
		.cmdline = "",
		.nr_cpus = CPUS_MAX,
		.stdout_path = PL011_DT_PATH,
		.initrd_start = 0x7fe00000,
		.initrd_size = 0x200000,
	};

	if (!build(&m, &dt))
		return;
	expect_common(&dt, CPUS_MAX);
	expect_cpus(&dt, CPUS_MAX);
	/* 4 GiB: the size's high cell. */
	EXPECT_CELLS(&dt, "/memory@40000000", "reg", 0, 0x40000000, 1, 0);
	EXPECT_PROP(&dt, "/chosen", "bootargs", "");
	EXPECT_CELLS(&dt, "/chosen", "linux,initrd-end", 0, 0x80000000);
}

static void test_long_cmdline(void)
{
	char cmdline[CMDLINE_MAX];
	struct machine m = {
		.ram_base = RAM_BASE,
		.ram_size = 16 * MIB,
		.cmdline = cmdline,
		.nr_cpus = 2,
		.stdout_path = PL011_DT_PATH,
	};
	/* The longest --cmdline main.c takes; odd length, for padding. */
	memset(cmdline, 'x', sizeof(cmdline) - 1);
	cmdline[sizeof(cmdline) - 1] = 0;
	if (!build(&m, &dt))
		return;
	expect_common(&dt, 2);
	expect_cpus(&dt, 2);
	expect_bytes(&dt, "/chosen", "bootargs", cmdline, sizeof(cmdline),
		     __LINE__);
}

/* --dtb: a generated tree given back, for another machine. */
static void test_patch_own(void)
{
	struct machine m = {
		.ram_base = RAM_BASE,
		.ram_size = 128 * MIB,
		.cmdline = "old args",
		.nr_cpus = 2,
		.stdout_path = PL011_DT_PATH,
		.initrd_start = 0x44000000,
		.initrd_size = 0x1000,
	};
	void *blob = NULL;
	size_t size = 0;

	if (!EXPECT_EQ(fdt_build(&m, &blob, &size), 0))
		return;
	m.ram_size = 256 * MIB;
	m.cmdline = "new args";
	m.initrd_start = 0x48000000;
	m.initrd_size = 0x2345;
	if (!patch(blob, size, &m, &dt))
		goto out;
	expect_common(&dt, 2);
	expect_cpus(&dt, 2);
	EXPECT_CELLS(&dt, "/memory@40000000", "reg",
		     0, 0x40000000, 0, 256 * MIB);
	EXPECT_PROP(&dt, "/chosen", "bootargs", "new args");
	EXPECT_CELLS(&dt, "/chosen", "linux,initrd-start", 0, 0x48000000);
	EXPECT_CELLS(&dt, "/chosen", "linux,initrd-end", 0, 0x48002345);

	/* No --cmdline, no initrd: the given ones stay. */
	m.cmdline = NULL;
	m.initrd_size = 0;
	if (!patch(blob, size, &m, &dt))
		goto out;
	EXPECT_PROP(&dt, "/chosen", "bootargs", "old args");
	EXPECT_CELLS(&dt, "/chosen", "linux,initrd-start", 0, 0x44000000);
	EXPECT_CELLS(&dt, "/chosen", "linux,initrd-end", 0, 0x44001000);
out:
	free(blob);
}

/* A foreign tree: one-cell addresses, its own memory and PSCI. */
static void test_patch_foreign(void)
{
	static const char source[] =
		"/dts-v1/;\n"
		"/memreserve/ 0x40001000 0x2000;\n"
		"/ {\n"
		"	#address-cells = <1>;\n"
		"	#size-cells = <1>;\n"
		"	model = \"board\";\n"
		"	memory@0 { device_type = \"memory\"; reg = <0 0x1000>; };\n"
		"	memory@2000 { device_type = \"memory\"; reg = <0x2000 0x1000>; };\n"
		"	psci { compatible = \"arm,psci\"; method = \"smc\"; };\n"
		"	soc { #address-cells = <1>; #size-cells = <1>; ranges;\n"
		"		uart@1000 { reg = <0x1000 0x100>; }; };\n"
		"};\n";
	struct machine m = {
		.ram_base = RAM_BASE,
		.ram_size = 64 * MIB,
		.cmdline = "args",
		.nr_cpus = 1,
		.initrd_start = 0x42000000,
		.initrd_size = 0x10,
	};
	static const u8 rsv[16] = {
		0, 0, 0, 0, 0x40, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x20, 0,
	};
	const char *why = NULL;
	void *in, *blob = NULL;
	size_t in_size = 0, size = 0;
	const u8 *p;

	in = compile(source, &in_size);
	if (!in)
		return;
	if (!patch(in, in_size, &m, &dt))
		goto out;
	EXPECT_PROP(&dt, "/", "model", "board");
	EXPECT(!has_node(&dt, "/memory@0"));
	EXPECT(!has_node(&dt, "/memory@2000"));
	EXPECT_CELLS(&dt, "/memory@40000000", "reg", 0x40000000, 64 * MIB);
	EXPECT_PROP(&dt, "/psci", "compatible",
		    "arm,psci-1.0\0arm,psci-0.2\0arm,psci");
	EXPECT_PROP(&dt, "/psci", "method", "hvc");
	EXPECT_CELLS(&dt, "/soc/uart@1000", "reg", 0x1000, 0x100);
	/* /chosen made, the initrd in one cell each. */
	EXPECT_PROP(&dt, "/chosen", "bootargs", "args");
	EXPECT_CELLS(&dt, "/chosen", "linux,initrd-start", 0x42000000);
	EXPECT_CELLS(&dt, "/chosen", "linux,initrd-end", 0x42000010);

	/* The reserve map is kept. */
	if (EXPECT_EQ(fdt_patch(in, in_size, &m, &blob, &size, &why), 0)) {
		p = blob;
		p += (u32)p[16] << 24 | p[17] << 16 | p[18] << 8 | p[19];
		EXPECT_MEMEQ(p, rsv, sizeof(rsv));
		EXPECT_EQ(p[16] | p[23] | p[31], 0);
	}
	free(blob);

	/* 4 GiB of RAM in one size cell cannot be said. */
	m.ram_size = 4096 * MIB;
	EXPECT_EQ(fdt_patch(in, in_size, &m, &blob, &size, &why),
		  STATUS_SETUP);
	EXPECT_SUBSTR(why, "does not fit the root's cells");
out:
	free(in);
}

static void test_patch_refused(void)
{
	struct machine m = {
		.ram_base = RAM_BASE,
		.ram_size = 64 * MIB,
		.nr_cpus = 1,
	};
	const char *why = NULL;
	void *in, *blob = NULL;
	size_t in_size = 0, size = 0;
	u8 *p;

	EXPECT_EQ(fdt_patch("not a tree", 10, &m, &blob, &size, &why),
		  STATUS_SETUP);
	EXPECT_SUBSTR(why, "not a flattened device tree");

	in = compile("/dts-v1/;\n/ { #size-cells = <2>; chosen { }; };\n",
		     &in_size);
	if (!in)
		return;
	EXPECT_EQ(fdt_patch(in, in_size, &m, &blob, &size, &why),
		  STATUS_SETUP);
	EXPECT_SUBSTR(why, "#address-cells or #size-cells missing");
	/* Cut short: totalsize beyond the file, then a broken block. */
	EXPECT_EQ(fdt_patch(in, in_size - 1, &m, &blob, &size, &why),
		  STATUS_SETUP);
	EXPECT_SUBSTR(why, "header");
	p = in;
	p[(u32)p[8] << 24 | p[9] << 16 | p[10] << 8 | p[11]] = 0x7f;
	EXPECT_EQ(fdt_patch(in, in_size, &m, &blob, &size, &why),
		  STATUS_SETUP);
	EXPECT_SUBSTR(why, "malformed structure block");
	free(in);
}

/* Free space up to QEMU's size: totalsize says so, the tree is the same. */
static void test_pad(void)
{
	struct machine m = {
		.ram_base = RAM_BASE,
		.ram_size = 128 * MIB,
		.cmdline = DEFAULT_CMDLINE,
		.nr_cpus = 1,
		.stdout_path = PL011_DT_PATH,
	};
	void *blob = NULL;
	size_t size = 0, compact;
	const u8 *h;

	if (!EXPECT_EQ(fdt_build(&m, &blob, &size), 0))
		return;
	compact = size;
	EXPECT(compact < FDT_QEMU_SIZE);
	EXPECT_EQ(fdt_pad(&blob, &size, compact - 8), 0);	/* no shrink */
	EXPECT_EQ(size, compact);
	EXPECT_EQ(fdt_pad(&blob, &size, FDT_QEMU_SIZE), 0);
	EXPECT_EQ(size, FDT_QEMU_SIZE);
	h = blob;
	EXPECT_EQ((u32)h[4] << 24 | h[5] << 16 | h[6] << 8 | h[7],
		  FDT_QEMU_SIZE);
	EXPECT_EQ(h[FDT_QEMU_SIZE - 1], 0);
	EXPECT_EQ(FDT_QEMU_GIVEN_SIZE(4000), 28000);
	if (parse_blob(blob, size, &dt))	/* frees blob */
		expect_common(&dt, 1);
}

static const struct unit_case cases[] = {
	{ "pad_to_qemu_size", test_pad },
	{ "one_cpu", test_one_cpu },
	{ "four_cpus_initrd", test_four_cpus_initrd },
	{ "eight_cpus_4gib", test_large },
	{ "long_cmdline", test_long_cmdline },
	{ "dtb_patch_own", test_patch_own },
	{ "dtb_patch_foreign", test_patch_foreign },
	{ "dtb_patch_refused", test_patch_refused },
};

/* The GIC's output: no vCPU runs here. */
static int no_line(struct vcpu *vcpu, bool level)
{
	(void)vcpu;
	(void)level;
	return 0;
}

/* The devices write their own nodes: register them as main.c does. */
static void setup(void)
{
	static struct vcpu vcpus[CPUS_MAX];

	if (gic_init(vcpus, CPUS_MAX, no_line) || pl011_init())
		unit_fail(__FILE__, __LINE__, "device init: %s",
			  unit_last_error);
}

int main(void)
{
	return unit_main("fdt", setup, cases, ARRAY_SIZE(cases));
}
