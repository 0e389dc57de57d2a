// SPDX-License-Identifier: GPL-2.0
/*
 * gicv3.c on the host: the device tree of a machine with the in-kernel
 * GICv3 (read back by dtc, $DTC), compared with what QEMU's virt board
 * gives for gic-version=3, and the SPI inputs through a stand-in
 * accelerator: the line ioctl, and an irqfd with its resample fd.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "../fdt.h"
#include "../gicv3.h"
#include "../irq.h"
#include "../pl011.h"
#include "../vm.h"

/* --- the stand-in accelerator ---------------------------------------- */

static struct {
	int creates, nr_cpus;
	int lines;
	u32 last_intid;
	bool last_level;
	bool irqfd_ok;
	int irqfd, resamplefd;
	u32 irqfd_intid;
} fake = { .irqfd = -1, .resamplefd = -1 };

static int fake_irqchip_create(struct vm *vm, int nr_cpus)
{
	(void)vm;
	fake.creates++;
	fake.nr_cpus = nr_cpus;
	return 0;
}

static int fake_irqchip_line(struct vm *vm, u32 intid, bool level)
{
	(void)vm;
	fake.lines++;
	fake.last_intid = intid;
	fake.last_level = level;
	return 0;
}

static int fake_irqfd(struct vm *vm, int fd, int resamplefd, u32 intid)
{
	(void)vm;
	if (!fake.irqfd_ok) {
		errno = EOPNOTSUPP;
		return STATUS_SETUP;
	}
	fake.irqfd = fd;
	fake.resamplefd = resamplefd;
	fake.irqfd_intid = intid;
	return 0;
}

static const struct accel fake_accel = {
	.name = "fake",
	.irqchip_create = fake_irqchip_create,
	.irqchip_line = fake_irqchip_line,
	.irqfd = fake_irqfd,
};

static struct vm vm = { .accel = &fake_accel, .sys_fd = -1, .vm_fd = -1 };

/* --- the device tree -------------------------------------------------- */

static char *dts_of(const struct machine *m)
{
	const char *dtc = getenv("DTC");
	const char *path;
	char cmd[512], *text;
	size_t size = 0, n;
	void *blob = NULL;
	FILE *p;

	if (!EXPECT_EQ(fdt_build(m, &blob, &size), 0))
		return NULL;
	path = unit_temp_file(blob, size);
	free(blob);
	snprintf(cmd, sizeof(cmd), "%s -I dtb -O dts %s 2>&1",
		 dtc && *dtc ? dtc : "dtc", path);
	p = popen(cmd, "r");
	if (!p)
		return NULL;
	text = calloc(1, 65536);
	n = text ? fread(text, 1, 65535, p) : 0;
	pclose(p);
	if (text)
		text[n] = 0;
	return text;
}

/* The text of node @name's body, up to its first "};" (no subnodes). */
static const char *node_body(char *dts, const char *name)
{
	char *s = strstr(dts, name), *e;

	if (!s) {
		unit_fail(__FILE__, __LINE__, "%s missing from:\n%s", name, dts);
		return "";
	}
	e = strstr(s, "};");
	if (e)
		*e = 0;
	return s;
}

static void test_dt_node(void)
{
	struct machine m = {
		.ram_base = RAM_BASE,
		.ram_size = 128 * SZ_1M,
		.cmdline = DEFAULT_CMDLINE,
		.nr_cpus = 4,
		.stdout_path = PL011_DT_PATH,
		.gicv3 = true,
	};
	char *dts = dts_of(&m), *timer;
	const char *intc;

	if (!dts)
		return;
	EXPECT(!strstr(dts, "Warning"));
	EXPECT(!strstr(dts, "cortex-a15-gic"));
	timer = strdup(dts);
	intc = node_body(dts, "intc@8000000 {");
	EXPECT_SUBSTR(intc, "compatible = \"arm,gic-v3\";");
	EXPECT_SUBSTR(intc, "#interrupt-cells = <0x03>;");
	EXPECT_SUBSTR(intc, "interrupt-controller;");
	/* QEMU's distributor and its whole redistributor region. */
	EXPECT_SUBSTR(intc,
		      "reg = <0x00 0x8000000 0x00 0x10000 0x00 0x80a0000 0x00 0xf60000>;");
	EXPECT_SUBSTR(intc, "#redistributor-regions = <0x01>;");
	/* The maintenance interrupt: PPI 9, level-high. */
	EXPECT_SUBSTR(intc, "interrupts = <0x01 0x09 0x04>;");
	EXPECT_SUBSTR(intc, "phandle = <0x01>;");
	EXPECT_SUBSTR(intc, "#address-cells = <0x02>;");
	EXPECT_SUBSTR(intc, "ranges;");
	/* The timer's PPIs without a GICv2 CPU mask, as QEMU's. */
	EXPECT_SUBSTR(node_body(timer, "timer {"),
		      "interrupts = <0x01 0x0d 0x04 0x01 0x0e 0x04 0x01 0x0b 0x04 0x01 0x0a 0x04>;");
	free(timer);
	free(dts);
	EXPECT_EQ(GICV3_REDIST_BASE - GICV3_DIST_BASE, 0xa0000);
	/* Eight vCPUs' redistributors fit QEMU's region. */
	EXPECT(CPUS_MAX * AVCPU_GICV3_REDIST_SIZE <= GICV3_REDIST_REGION);
}

/* --- the SPIs ---------------------------------------------------------- */

static void test_spi_line(void)
{
	fake.irqfd_ok = false;
	EXPECT_EQ(gicv3_start(&vm, 2), 0);
	EXPECT_EQ(fake.creates, 1);
	EXPECT_EQ(fake.nr_cpus, 2);
	/* irq.c's input is ours: the UART's SPI 1 is INTID 33. */
	irq_set_spi(PL011_SPI, true);
	EXPECT_EQ(fake.lines, 1);
	EXPECT_EQ(fake.last_intid, 33);
	EXPECT_EQ(fake.last_level, true);
	irq_set_spi(PL011_SPI, true);		/* no change, no ioctl */
	EXPECT_EQ(fake.lines, 1);
	irq_set_spi(PL011_SPI, false);
	EXPECT_EQ(fake.lines, 2);
	EXPECT_EQ(fake.last_level, false);
	gicv3_set_spi(GICV3_NR_SPIS, true);	/* out of range: ignored */
	EXPECT_EQ(fake.lines, 2);
	gicv3_stop();
	irq_set_spi(PL011_SPI, true);		/* no VM any more */
	EXPECT_EQ(fake.lines, 2);
}

/* The eventfd's count, waiting up to @ms for it; 0 if none. */
static u64 count(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	u64 n = 0;

	if (poll(&p, 1, ms) == 1 && read(fd, &n, sizeof(n)) != sizeof(n))
		n = 0;
	return n;
}

static void resample(void)
{
	u64 one = 1;

	EXPECT_EQ(write(fake.resamplefd, &one, sizeof(one)), sizeof(one));
}

static void test_spi_irqfd(void)
{
	fake.irqfd_ok = true;
	EXPECT_EQ(gicv3_start(&vm, 1), 0);
	if (!EXPECT(fake.irqfd >= 0))
		return;
	EXPECT_EQ(fake.irqfd_intid, 33);
	/* A rising level writes the irqfd, and no line ioctl is made. */
	irq_set_spi(PL011_SPI, true);
	EXPECT_EQ(count(fake.irqfd, 0), 1);
	EXPECT_EQ(fake.lines, 0);
	/* Still high, or low then high, before the guest ended it: nothing. */
	irq_set_spi(PL011_SPI, true);
	irq_set_spi(PL011_SPI, false);
	irq_set_spi(PL011_SPI, true);
	EXPECT_EQ(count(fake.irqfd, 0), 0);
	/* Ended while still high: raised again by the resampler. */
	resample();
	EXPECT_EQ(count(fake.irqfd, 2000), 1);
	/* Ended once low: not raised; the next rise writes it again. */
	irq_set_spi(PL011_SPI, false);
	resample();
	EXPECT_EQ(count(fake.irqfd, 200), 0);
	irq_set_spi(PL011_SPI, true);
	EXPECT_EQ(count(fake.irqfd, 0), 1);
	EXPECT_EQ(fake.lines, 0);
	gicv3_stop();
}

static const struct unit_case cases[] = {
	{ "dt_node_as_qemu_gicv3", test_dt_node },
	{ "spi_line_ioctl", test_spi_line },
	{ "spi_irqfd_resample", test_spi_irqfd },
};

static void setup(void)
{
	if (gicv3_init() || pl011_init())
		unit_fail(__FILE__, __LINE__, "device init: %s",
			  unit_last_error);
}

int main(void)
{
	return unit_main("gicv3", setup, cases, ARRAY_SIZE(cases));
}
