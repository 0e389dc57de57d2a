// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: options and exit statuses.
 *
 *   avcpu-run [--mem MiB] [--cpus N] [--cmdline ARGS] [--initrd FILE]
 *             [--dtb FILE] [--dtb-out FILE] [--console stdio|output]
 *             [--reboot exit|restart] [--strict] [--verbose]
 *             [--mem-pinned] [--dirty-stats] [--accel avcpu|kvm]
 *             [--irqchip gicv3|user-gicv2] [--stats]
 *             {--kernel IMAGE | IMAGE | --bios FILE}
 *
 * Exit statuses:
 *   0    the guest powered off (PSCI SYSTEM_OFF)
 *   1    usage or setup error (one line on stderr)
 *   2    the guest asked for a reset (PSCI SYSTEM_RESET) and --reboot is
 *        exit (the default); with --reboot=restart the VMM resets every
 *        vCPU, reloads the images and runs the guest again
 *   3    --strict: the guest took a fault (fault.c), named on stderr;
 *        without it, only a guest SError or a vCPU state the module
 *        cannot run (guest faults are the guest's to handle, and listed
 *        on stderr at the end)
 *   4    an ioctl failed unexpectedly (strerror on stderr)
 *   130  stopped by SIGINT, 143 stopped by SIGTERM (128 + signal number)
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "console.h"
#include "device.h"
#include "dirty.h"
#include "fault.h"
#include "fdt.h"
#include "flash.h"
#include "gic.h"
#include "gicv3.h"
#include "loader.h"
#include "options.h"
#include "log.h"
#include "pl011.h"
#include "stats.h"
#include "vcpu.h"
#include "vm.h"

#define USAGE \
	"usage: avcpu-run [--mem MiB] [--cpus N] [--cmdline ARGS] [--initrd FILE] [--dtb FILE] [--dtb-out FILE] [--console stdio|output] [--reboot exit|restart] [--strict] [--verbose] [--mem-pinned] [--dirty-stats] [--accel avcpu|kvm] [--irqchip gicv3|user-gicv2] [--stats] {--kernel IMAGE | IMAGE | --bios FILE}"

#define DTB_FILE_MAX		(16 * SZ_1M)

static void print_usage(void)
{
	printf("%s\n\n", USAGE);
	printf("Run IMAGE or firmware on avcpu vCPUs, on a subset of QEMU's virt\n");
	printf("board: RAM at 0x%llx, a GICv3 or GICv2, a PL011 UART at 0x%llx on stdin\n",
	       RAM_BASE, PL011_BASE);
	printf("and stdout, flash at 0x0.  Loaded as qemu-system-aarch64 -M virt\n");
	printf("loads -kernel, -initrd, -dtb and -bios:\n");
	printf("  an arm64 Image   at 0x%llx + text_offset (+ 2 MiB if below 4 KiB)\n",
	       RAM_BASE);
	printf("  an AArch64 ELF   at its addresses, entered at e_entry, x0 = 0,\n");
	printf("                   the DTB at 0x%llx if it fits below the image\n",
	       RAM_BASE);
	printf("  anything else    at 0x%llx, entered at its first byte\n",
	       RAM_BASE + KERNEL64_LOAD_OFFSET);
	printf("  the initrd       at 0x%llx + min(RAM / 2, 128 MiB), or after\n",
	       RAM_BASE);
	printf("                   the image if that is higher\n");
	printf("  the DTB (x0)     at the next 2 MiB boundary after the initrd\n");
	printf("  --bios FILE      in flash at 0x0, entered there; DTB at 0x%llx\n",
	       RAM_BASE);
	printf("vCPU 0 boots, the others wait for PSCI CPU_ON.\n\n");
	printf("  -m, --mem MiB        guest RAM, %d..%d (default %d)\n",
	       MEM_MIN_MIB, MEM_MAX_MIB, MEM_DEFAULT_MIB);
	printf("  -n, --cpus N         vCPUs, MPIDR 0..N-1, 1..%d (default 1)\n",
	       CPUS_MAX);
	printf("  -c, --cmdline ARGS   /chosen/bootargs (default \"%s\" with a\n",
	       DEFAULT_CMDLINE);
	printf("                       kernel and the generated DTB)\n");
	printf("  -i, --initrd FILE    initial ramdisk (a Linux or raw image)\n");
	printf("  -b, --bios FILE      firmware for flash bank 0 (no kernel)\n");
	printf("  -D, --dtb FILE       this DTB instead of the generated one\n");
	printf("                       (memory, /chosen, /psci updated)\n");
	printf("  -d, --dtb-out FILE   also write the guest's DTB to FILE\n");
	printf("  -k, --kernel IMAGE   the image (instead of the IMAGE argument)\n");
	printf("  -C, --console MODE   stdio: the UART reads stdin (a terminal in\n");
	printf("                       raw mode) and writes stdout (default);\n");
	printf("                       output: stdout only, stdin left alone\n");
	printf("  -r, --reboot MODE    PSCI SYSTEM_RESET: exit with status 2\n");
	printf("                       (exit, default) or run again (restart)\n");
	printf("  -s, --strict         stop at the first guest fault (below),\n");
	printf("                       naming it, with exit status 3\n");
	printf("  -v, --verbose        log setup, system events, the first\n");
	printf("                       guest fault of each kind\n");
	printf("  -P, --mem-pinned     pin guest RAM for the VM's life\n");
	printf("                       (AVCPU_MEM_PINNED; default: unpinned)\n");
	printf("  -L, --dirty-stats    log the guest's writes to RAM and print\n");
	printf("                       the pages it dirties per second\n");
	printf("  -A, --accel ACCEL    avcpu: /dev/avcpu (default); kvm: the\n");
	printf("                       same machine on /dev/kvm\n");
	printf("  -I, --irqchip MODE   gicv3: the accelerator's in-kernel GICv3\n");
	printf("                       (distributor 0x%llx, redistributors\n",
	       GICV3_DIST_BASE);
	printf("                       from 0x%llx); user-gicv2: avcpu-run's\n",
	       GICV3_REDIST_BASE);
	printf("                       own GICv2 (distributor 0x%llx, CPU\n",
	       GICD_BASE);
	printf("                       interface 0x%llx); default gicv3 if\n",
	       GICC_BASE);
	printf("                       the accelerator has it\n");
	printf("  -S, --stats          at the end, the vCPUs' counters (exits by\n");
	printf("                       class), summed, on stderr\n");
	printf("  -h, --help           this text\n\n");
	printf("Guest faults are given to the guest as a real machine would:\n");
	printf("an HVC/SMC nobody implements returns NOT_SUPPORTED (-1) in x0;\n");
	printf("a fetch from no memory, an access no device claims and MMIO\n");
	printf("the module cannot decode take an external abort (FSC 0x10) at\n");
	printf("FAR; a system register not emulated is UNDEF.  The first %d\n",
	       FAULT_LOG_MAX);
	printf("are listed on stderr when avcpu-run stops, one line each.\n\n");
	printf("Exit status: 0 powered off, 1 usage/setup error, 2 reset,\n");
	printf("3 --strict guest fault (or guest SError), 4 ioctl error,\n");
	printf("130/143 SIGINT/SIGTERM.\n");
}

/* The whole of @path, at most @max bytes, in a malloc()ed buffer. */
static int read_whole(const char *path, u64 max, u8 **buf, u64 *size)
{
	struct stat st;
	int fd, status;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error(STATUS_SETUP, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !st.st_size ||
	    (u64)st.st_size > max) {
		close(fd);
		return error(STATUS_SETUP,
			     "%s: not a regular file of 1 to %llu bytes", path,
			     max);
	}
	*size = st.st_size;
	*buf = malloc(*size);
	if (!*buf) {
		close(fd);
		return error(STATUS_SETUP, "%s: out of memory", path);
	}
	status = loader_read_file(fd, path, 0, *buf, *size);
	close(fd);
	return status;
}

static int parse_mem(const char *arg, u64 *ram_size)
{
	unsigned long mib;
	char *end;

	errno = 0;
	mib = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' ||
	    mib < MEM_MIN_MIB || mib > MEM_MAX_MIB)
		return error(STATUS_SETUP, "--mem '%s': want %d..%d (MiB)",
			     arg, MEM_MIN_MIB, MEM_MAX_MIB);
	*ram_size = (u64)mib * SZ_1M;
	return 0;
}

static int parse_cpus(const char *arg, int *nr_cpus)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' ||
	    n < 1 || n > CPUS_MAX)
		return error(STATUS_SETUP, "--cpus '%s': want 1..%d",
			     arg, CPUS_MAX);
	*nr_cpus = n;
	return 0;
}

static int write_file(const char *path, const void *buf, size_t size)
{
	const u8 *p = buf;
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return error(STATUS_SETUP, "%s: %s", path, strerror(errno));
	while (size) {
		n = write(fd, p, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error(STATUS_SETUP, "%s: %s", path,
			      n ? strerror(errno) : "short write");
			close(fd);
			return STATUS_SETUP;
		}
		p += n;
		size -= n;
	}
	if (close(fd))
		return error(STATUS_SETUP, "%s: %s", path, strerror(errno));
	return 0;
}

static const struct option long_options[] = {
	{ "mem",	required_argument,	NULL, 'm' },
	{ "cpus",	required_argument,	NULL, 'n' },
	{ "cmdline",	required_argument,	NULL, 'c' },
	{ "initrd",	required_argument,	NULL, 'i' },
	{ "dtb-out",	required_argument,	NULL, 'd' },
	{ "dtb",	required_argument,	NULL, 'D' },
	{ "bios",	required_argument,	NULL, 'b' },
	{ "kernel",	required_argument,	NULL, 'k' },
	{ "console",	required_argument,	NULL, 'C' },
	{ "reboot",	required_argument,	NULL, 'r' },
	{ "strict",	no_argument,		NULL, 's' },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ "mem-pinned",	no_argument,		NULL, 'P' },
	{ "dirty-stats", no_argument,		NULL, 'L' },
	{ "accel",	required_argument,	NULL, 'A' },
	{ "irqchip",	required_argument,	NULL, 'I' },
	{ "stats",	no_argument,		NULL, 'S' },
	{ "help",	no_argument,		NULL, 'h' },
	{ NULL,		0,			NULL, 0 }
};

/*
 * PSCI SYSTEM_RESET with --reboot=restart: the images back in RAM (RAM
 * leaves the guest first, so the module cleans what is written for a
 * guest that starts with caches off), every vCPU and every device reset.
 */
static int restart_guest(struct image *img, struct vm *vm, const void *dtb,
			 struct vcpu *vcpus, int nr_vcpus)
{
	int status;

	if (vm->verbose)
		info("guest reset: restarting it");
	status = vm_unset_ram(vm);
	if (!status)
		status = loader_load(img, vm, dtb);
	if (!status)
		status = vm_set_ram(vm);
	if (!status)
		status = vcpus_reset(vcpus, nr_vcpus);
	if (!status)
		devices_reset();
	return status;
}

static int run(int argc, char **argv)
{
	struct machine machine = {
		.ram_base = RAM_BASE,
		.ram_size = MEM_DEFAULT_MIB * SZ_1M,
		.cmdline = DEFAULT_CMDLINE,
		.nr_cpus = 1,
		.stdout_path = PL011_DT_PATH,
	};
	const char *dtb_out = NULL, *initrd = NULL, *kernel = NULL;
	const char *bios = NULL, *dtb_in = NULL, *why;
	bool console_input = true, restart = false, cmdline = false;
	bool stats = false;
	u8 *bios_data = NULL, *dtb_file = NULL;
	u64 dtb_file_size = 0;
	struct vcpu vcpus[CPUS_MAX];
	struct vm vm = {
		.accel = &accel_avcpu, .sys_fd = -1, .vm_fd = -1,
		.irqchip_fd = -1,
	};
	struct image img = { .fd = -1, .initrd_fd = -1, .bios_fd = -1 };
	void *dtb = NULL;
	size_t dtb_size;
	int status, c, i;

	for (i = 0; i < CPUS_MAX; i++)
		vcpus[i] = (struct vcpu){ .fd = -1 };

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:n:c:i:d:D:b:k:C:r:svPLA:I:Sh",
				long_options, NULL)) != -1) {
		switch (c) {
		case 'm':
			status = parse_mem(optarg, &machine.ram_size);
			if (status)
				return status;
			break;
		case 'n':
			status = parse_cpus(optarg, &machine.nr_cpus);
			if (status)
				return status;
			break;
		case 'c':
			if (strlen(optarg) >= CMDLINE_MAX)
				return error(STATUS_SETUP,
					     "--cmdline: longer than %d bytes",
					     CMDLINE_MAX - 1);
			machine.cmdline = optarg;
			cmdline = true;
			break;
		case 'i':
			initrd = optarg;
			break;
		case 'd':
			dtb_out = optarg;
			break;
		case 'D':
			dtb_in = optarg;
			break;
		case 'b':
			bios = optarg;
			break;
		case 'k':
			kernel = optarg;
			break;
		case 'C':
			if (strcmp(optarg, "stdio") && strcmp(optarg, "output"))
				return error(STATUS_SETUP,
					     "--console '%s': want stdio or output",
					     optarg);
			console_input = !strcmp(optarg, "stdio");
			break;
		case 'r':
			if (strcmp(optarg, "exit") && strcmp(optarg, "restart"))
				return error(STATUS_SETUP,
					     "--reboot '%s': want exit or restart",
					     optarg);
			restart = !strcmp(optarg, "restart");
			break;
		case 's':
			vm.strict = true;
			break;
		case 'v':
			vm.verbose = true;
			break;
		case 'P':
			vm.mem_pinned = true;
			break;
		case 'L':
			vm.dirty_log = true;
			break;
		case 'A':
			status = parse_accel(optarg, &vm.accel);
			if (status)
				return status;
			break;
		case 'I':
			status = parse_irqchip(optarg, &vm.irqchip);
			if (status)
				return status;
			break;
		case 'S':
			stats = true;
			break;
		case 'h':
			print_usage();
			return 0;
		case ':':
			return error(STATUS_SETUP,
				     "option '%s' needs an argument (try --help)",
				     argv[optind - 1]);
		default:
			return error(STATUS_SETUP,
				     "unknown option '%s' (try --help)",
				     argv[optind - 1]);
		}
	}
	if (!kernel && optind == argc - 1)
		kernel = argv[optind++];
	if ((!kernel && !bios) || optind != argc)
		return error(STATUS_SETUP, "%s", USAGE);
	/* QEMU hands these to firmware through fw_cfg, which we lack. */
	if (bios && (kernel || initrd))
		return error(STATUS_SETUP,
			     "--bios runs firmware alone: no kernel or --initrd");
	/* QEMU's own tree has bootargs only for a kernel, a given one as is. */
	if (!cmdline && (bios || dtb_in))
		machine.cmdline = NULL;

	/* Everything that does not need /dev/avcpu first. */
	if (bios)
		status = loader_probe_bios(&img, bios);
	else
		status = loader_probe(&img, kernel, machine.ram_size);
	if (status)
		goto out;
	if (initrd && img.kind == IMAGE_ELF)
		info("--initrd ignored: an ELF image does not get one (as with QEMU)");
	else if (initrd)
		status = loader_probe_initrd(&img, initrd, machine.ram_size);
	else
		status = loader_probe_initrd(&img, NULL, machine.ram_size);
	if (status)
		goto out;
	machine.initrd_start = img.initrd_addr;
	machine.initrd_size = img.initrd_size;
	/* Without --irqchip, the accelerator's features choose it. */
	if (vm.irqchip == IRQCHIP_DEFAULT) {
		status = vm_open(&vm);
		if (status)
			goto out;
	}
	/* The devices, before the device tree that lists them. */
	machine.gicv3 = vm.irqchip == IRQCHIP_GICV3;
	if (machine.gicv3)
		status = gicv3_init();
	else
		status = gic_init(vcpus, machine.nr_cpus, vcpu_irq_line);
	if (status)
		goto out;
	status = pl011_init();
	if (status)
		goto out;
	if (dtb_in) {
		status = read_whole(dtb_in, DTB_FILE_MAX, &dtb_file,
				    &dtb_file_size);
		if (status)
			goto out;
		if (fdt_patch(dtb_file, dtb_file_size, &machine, &dtb,
			      &dtb_size, &why)) {
			status = error(STATUS_SETUP, "%s: %s", dtb_in, why);
			goto out;
		}
	} else if (fdt_build(&machine, &dtb, &dtb_size)) {
		status = error(STATUS_SETUP, "cannot build the device tree");
		goto out;
	}
	/* The tree itself, without the free space QEMU gives it below. */
	if (dtb_out) {
		status = write_file(dtb_out, dtb, dtb_size);
		if (status)
			goto out;
	}
	if (fdt_pad(&dtb, &dtb_size, dtb_in ?
		    FDT_QEMU_GIVEN_SIZE(dtb_file_size) : FDT_QEMU_SIZE)) {
		status = error(STATUS_SETUP, "out of memory for the DTB");
		goto out;
	}
	status = loader_place_dtb(&img, dtb_size, machine.ram_size);
	if (status)
		goto out;
	if (bios) {
		status = read_whole(bios, FLASH_BANK_SIZE, &bios_data,
				    &img.bios_size);
		if (status)
			goto out;
	}
	if (vm.verbose) {
		static const char * const kinds[] = {
			[IMAGE_LINUX] = "Linux", [IMAGE_RAW] = "raw",
			[IMAGE_ELF] = "ELF",
		};

		if (bios)
			info("firmware %s at 0x%llx..0x%llx, entry 0x%llx",
			     bios, FLASH0_BASE, FLASH0_BASE + img.bios_size,
			     img.entry);
		else
			info("%s image %s at 0x%llx..0x%llx, entry 0x%llx",
			     kinds[img.kind], img.path, img.load_addr,
			     img.end, img.entry);
		if (img.dtb_size)
			info("DTB of %llu bytes at 0x%llx, x0 = 0x%llx",
			     img.dtb_size, img.dtb_addr, img.x0);
		else
			info("DTB of %zu bytes: no room below the image",
			     dtb_size);
		if (img.initrd_size)
			info("initrd %s at 0x%llx..0x%llx", img.initrd_path,
			     img.initrd_addr, img.initrd_addr + img.initrd_size);
	}

	status = vm_open(&vm);
	if (status)
		goto out;
	if ((u32)machine.nr_cpus > vm.caps.max_vcpus) {
		status = error(STATUS_SETUP,
			       "--cpus %d: %s allows %u vCPUs per VM",
			       machine.nr_cpus, vm.accel->name,
			       vm.caps.max_vcpus);
		goto out;
	}
	status = vm_create(&vm, machine.ram_size);
	if (status)
		goto out;
	/*
	 * Fill RAM before the slot exists: pinned or not, the guest's first
	 * touch of a page then maps what we wrote, cleaned to the PoC for a
	 * guest that starts with its caches off (api.rst, "Mapping and
	 * caches"); and a pinned slot pins pages that already hold it.
	 */
	status = loader_load(&img, &vm, dtb);
	if (status)
		goto out;
	status = vm_set_ram(&vm);
	if (status)
		goto out;
	if (bios)
		status = flash_init(&vm, bios_data, img.bios_size);
	else if (img.dtb_in_flash)
		status = flash_init(&vm, dtb, img.dtb_size);
	else
		status = flash_init(&vm, NULL, 0);
	if (status)
		goto out;
	/* All of them before the guest runs: its CPU_ON finds only these. */
	for (i = 0; i < machine.nr_cpus; i++) {
		status = vcpu_create(&vcpus[i], &vm, i, img.x0, img.entry);
		if (status)
			goto out;
		if (!machine.gicv3)
			vcpus[i].set_ppi = gic_set_ppi;
	}
	/* The one note of a setup that went through. */
	if (vm.irqchip_fallback)
		info("%s has no in-kernel GICv3: --irqchip=user-gicv2",
		     vm.accel->name);
	/* Until here SIGINT and SIGTERM kill with their default action. */
	status = signals_init();
	if (status)
		goto out;
	/*
	 * After signals_init(), as the next: its irqfd thread must not take
	 * SIGINT/SIGTERM.  Before the first RUN.
	 */
	if (machine.gicv3) {
		status = gicv3_start(&vm, machine.nr_cpus);
		if (status)
			goto out;
	}
	/* After signals_init(): the thread must not take SIGINT/SIGTERM. */
	if (vm.dirty_log) {
		status = dirty_stats_start(&vm);
		if (status)
			goto out;
	}
	/* Raw terminal from here; restored below and at any exit. */
	if (console_input) {
		status = console_init();
		if (status)
			goto out;
	}

	for (;;) {
		status = vcpus_run(vcpus, machine.nr_cpus);
		if (status != STATUS_RESET || !restart)
			break;
		status = restart_guest(&img, &vm, dtb, vcpus, machine.nr_cpus);
		if (status)
			break;
	}
out:
	console_exit();
	dirty_stats_stop();
	/* After the terminal is back; --strict named its one already. */
	if (!vm.strict)
		fault_log_print();
	gicv3_stop();
	if (stats)
		stats_print(vcpus, machine.nr_cpus);
	for (i = 0; i < CPUS_MAX; i++)
		vcpu_close(&vcpus[i]);
	vm_close(&vm);
	flash_exit();
	if (img.fd >= 0)
		close(img.fd);
	if (img.initrd_fd >= 0)
		close(img.initrd_fd);
	if (img.bios_fd >= 0)
		close(img.bios_fd);
	free(bios_data);
	free(dtb_file);
	free(dtb);
	return status;
}

int main(int argc, char **argv)
{
	return run(argc, argv);
}
