// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: the in-kernel GICv3 (--irqchip=gicv3), the module's
 * (AVCPU_CREATE_IRQCHIP) or KVM's vGICv3, where QEMU's virt board has
 * its GICv3:
 *
 *   0x08000000  distributor (64 KiB)
 *   0x080a0000  redistributors, 128 KiB each, vCPU 0 first
 *
 * with 32 SPIs.  The accelerator emulates all of it, the timers' PPIs
 * and the SGIs included: no MMIO exit reaches avcpu-run, and the vCPUs'
 * IRQ lines and timer levels are not ours any more.  What is left here
 * is its device tree node and the devices' SPIs.
 *
 * An SPI (level-sensitive, as the PL011's) is raised through an irqfd
 * bound with a resample fd: a write to the eventfd raises the line with
 * no ioctl, from whichever thread the device runs in (the console's for
 * the UART's input); the line stays high until the guest ends the
 * interrupt, when the accelerator lowers it and signals the resample fd.
 * The resample thread then raises it again if the device's level is
 * still high.  A device lowering its level does nothing until then: the
 * guest may find nothing to do once, as with any interrupt it took late.
 * Where the accelerator has no level-triggered irqfd (KVM before Linux
 * 6.4), each change of level is its line ioctl instead.
 *
 * The node is QEMU's for gic-version=3: "arm,gic-v3", three interrupt
 * cells, the distributor's and QEMU's whole redistributor region (the
 * guest stops at the last redistributor, GICR_TYPER.Last), one
 * redistributor region, and the maintenance interrupt, PPI 9.  No ITS.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "device.h"
#include "fdt.h"
#include "gicv3.h"
#include "irq.h"
#include "log.h"
#include "vm.h"

#define GIC_SPI_BASE		32

static struct {
	struct vm *vm;
	pthread_mutex_t lock;
	pthread_t resampler;
	bool thread;		/* @resampler runs */
	int stop_fd;		/* eventfd: tells the resampler to leave */
	struct {
		int fd;		/* irqfd, or -1: the line ioctl */
		int resample_fd;
		bool level;	/* the device's */
		bool raised;	/* written to @fd, not resampled yet */
	} spi[GICV3_NR_SPIS];
} gicv3 = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.stop_fd = -1,
};

static void kick_irqfd(int fd)
{
	u64 one = 1;

	/* Only EAGAIN can fail it (a counter at its maximum): raised. */
	if (write(fd, &one, sizeof(one)) != sizeof(one) && errno != EAGAIN)
		error(STATUS_IOCTL, "irqfd write: %s", strerror(errno));
}

void gicv3_set_spi(u32 spi, bool level)
{
	struct vm *vm = gicv3.vm;

	if (spi >= GICV3_NR_SPIS || !vm)
		return;
	pthread_mutex_lock(&gicv3.lock);
	if (gicv3.spi[spi].fd >= 0) {
		gicv3.spi[spi].level = level;
		if (level && !gicv3.spi[spi].raised) {
			gicv3.spi[spi].raised = true;
			kick_irqfd(gicv3.spi[spi].fd);
		}
	} else if (gicv3.spi[spi].level != level) {
		gicv3.spi[spi].level = level;
		if (vm->accel->irqchip_line(vm, GIC_SPI_BASE + spi, level) < 0)
			error(STATUS_IOCTL, "SPI %u: irqchip line: %s", spi,
			      strerror(errno));
	}
	pthread_mutex_unlock(&gicv3.lock);
}

/* The guest ended SPI @spi's interrupt: raise it again if still due. */
static void resample(u32 spi)
{
	u64 n;

	if (read(gicv3.spi[spi].resample_fd, &n, sizeof(n)) != sizeof(n))
		return;
	pthread_mutex_lock(&gicv3.lock);
	gicv3.spi[spi].raised = gicv3.spi[spi].level;
	if (gicv3.spi[spi].raised)
		kick_irqfd(gicv3.spi[spi].fd);
	pthread_mutex_unlock(&gicv3.lock);
}

static void *resampler(void *arg)
{
	struct pollfd pfd[GICV3_NR_SPIS + 1];
	u32 map[GICV3_NR_SPIS];
	int n = 0, i;

	(void)arg;
	pfd[n++] = (struct pollfd){ .fd = gicv3.stop_fd, .events = POLLIN };
	for (i = 0; i < GICV3_NR_SPIS; i++) {
		if (gicv3.spi[i].fd < 0)
			continue;
		map[n - 1] = i;
		pfd[n++] = (struct pollfd){
			.fd = gicv3.spi[i].resample_fd, .events = POLLIN,
		};
	}
	for (;;) {
		if (poll(pfd, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			error(STATUS_IOCTL, "irqfd resample thread: poll: %s",
			      strerror(errno));
			return NULL;
		}
		if (pfd[0].revents)
			return NULL;
		for (i = 1; i < n; i++) {
			if (pfd[i].revents & POLLIN)
				resample(map[i - 1]);
		}
	}
}

/* An irqfd for @spi, or the line ioctl if the accelerator has none. */
static void bind_irqfd(struct vm *vm, u32 spi)
{
	int fd, rfd;

	fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	rfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (fd < 0 || rfd < 0 ||
	    vm->accel->irqfd(vm, fd, rfd, GIC_SPI_BASE + spi)) {
		if (vm->verbose)
			info("SPI %u: no level-triggered irqfd, the line ioctl instead",
			     spi);
		if (fd >= 0)
			close(fd);
		if (rfd >= 0)
			close(rfd);
		return;
	}
	gicv3.spi[spi].fd = fd;
	gicv3.spi[spi].resample_fd = rfd;
}

int gicv3_start(struct vm *vm, int nr_cpus)
{
	int status, err;
	bool any = false;
	u32 spi;

	status = vm->accel->irqchip_create(vm, nr_cpus);
	if (status)
		return status;
	/* The UART's SPI: the one device thread there is. */
	bind_irqfd(vm, PL011_SPI);
	for (spi = 0; spi < GICV3_NR_SPIS; spi++)
		any |= gicv3.spi[spi].fd >= 0;
	pthread_mutex_lock(&gicv3.lock);
	gicv3.vm = vm;
	pthread_mutex_unlock(&gicv3.lock);
	if (!any)
		return 0;
	gicv3.stop_fd = eventfd(0, EFD_CLOEXEC);
	if (gicv3.stop_fd < 0)
		return error(STATUS_SETUP, "eventfd: %s", strerror(errno));
	err = pthread_create(&gicv3.resampler, NULL, resampler, NULL);
	if (err)
		return error(STATUS_SETUP, "cannot start the irqfd thread: %s",
			     strerror(err));
	gicv3.thread = true;
	return 0;
}

void gicv3_stop(void)
{
	u32 spi;

	if (gicv3.thread) {
		kick_irqfd(gicv3.stop_fd);
		pthread_join(gicv3.resampler, NULL);
		gicv3.thread = false;
	}
	pthread_mutex_lock(&gicv3.lock);
	gicv3.vm = NULL;
	pthread_mutex_unlock(&gicv3.lock);
	for (spi = 0; spi < GICV3_NR_SPIS; spi++) {
		close_fd(&gicv3.spi[spi].fd);
		close_fd(&gicv3.spi[spi].resample_fd);
	}
	close_fd(&gicv3.stop_fd);
}

static void gicv3_fdt_node(struct device *dev, struct fdt *fdt)
{
	static const u32 reg[8] = {
		GICV3_DIST_BASE >> 32, (u32)GICV3_DIST_BASE,
		0, AVCPU_GICV3_DIST_SIZE,
		GICV3_REDIST_BASE >> 32, (u32)GICV3_REDIST_BASE,
		0, GICV3_REDIST_REGION,
	};
	static const u32 maint[3] = {
		FDT_GIC_PPI, GIC_PPI_MAINT, FDT_IRQ_TYPE_LEVEL_HIGH,
	};

	(void)dev;
	fdt_begin_node(fdt, "intc@8000000");
	fdt_prop_string(fdt, "compatible", "arm,gic-v3");
	fdt_prop_u32(fdt, "#interrupt-cells", 3);
	fdt_prop_empty(fdt, "interrupt-controller");
	fdt_prop_u32(fdt, "#address-cells", 2);
	fdt_prop_u32(fdt, "#size-cells", 2);
	fdt_prop_empty(fdt, "ranges");
	fdt_prop_u32(fdt, "#redistributor-regions", 1);
	fdt_prop_cells(fdt, "reg", reg, 8);
	fdt_prop_cells(fdt, "interrupts", maint, 3);
	fdt_prop_u32(fdt, "phandle", FDT_PHANDLE_INTC);
	fdt_end_node(fdt);
}

/*
 * --reboot=restart: the accelerator keeps the GIC's state; the guest's
 * driver programs it again.  The lines start low.
 */
static void gicv3_reset(struct device *dev)
{
	u32 spi;

	(void)dev;
	for (spi = 0; spi < GICV3_NR_SPIS; spi++)
		gicv3_set_spi(spi, false);
}

static struct device gicv3_device = {
	.name = "gicv3",
	.fdt_node = gicv3_fdt_node,
	.reset = gicv3_reset,
};

int gicv3_init(void)
{
	u32 spi;

	for (spi = 0; spi < GICV3_NR_SPIS; spi++) {
		gicv3.spi[spi].fd = -1;
		gicv3.spi[spi].resample_fd = -1;
	}
	device_register(&gicv3_device);
	irq_use(gicv3_set_spi);
	return 0;
}
