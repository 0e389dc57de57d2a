/* SPDX-License-Identifier: GPL-2.0 */
/*
 * avcpu-run: a small VMM for /dev/avcpu.  One concept per file:
 *
 *   main.c    options and exit statuses
 *   vm.c      /dev/avcpu, capabilities, the VM and its guest RAM
 *   vcpu.c    the vCPUs, their run structures, threads and run loops
 *   mmio.c    MMIO devices by address range
 *   flash.c   the empty flash where U-Boot looks for its environment
 *   gic.c     the GICv2 interrupt controller, driving the vCPUs' IRQ lines
 *   pl011.c   the PL011 UART
 *   console.c stdin and stdout behind it (reader thread, terminal mode)
 *   fdt.c     a flattened device tree writer and the machine's tree
 *   loader.c  kernel or bare-metal image and DTB placement
 *
 * PSCI and the SMCCC calls are the module's (AVCPU_FEAT_PSCI): a guest's
 * CPU_ON, CPU_OFF or AFFINITY_INFO never leaves the kernel, and
 * SYSTEM_OFF or SYSTEM_RESET comes back as AVCPU_EXIT_SYSTEM_EVENT.
 */
#ifndef AVCPU_RUN_H
#define AVCPU_RUN_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
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

#define FLASH_BASE		0x04000000ULL	/* virt's second flash bank */
#define FLASH_SIZE		0x00200000ULL	/* empty ROM; the rest unbacked */
#define GICD_BASE		0x08000000ULL	/* GICv2 distributor */
#define GICD_SIZE		0x00010000ULL
#define GICC_BASE		0x08010000ULL	/* GICv2 CPU interface */
#define GICC_SIZE		0x00002000ULL
#define GIC_PPI_VTIMER		27		/* INTID of PPI 11 */
#define GIC_PPI_PTIMER		30		/* INTID of PPI 14 */
#define PL011_BASE		0x09000000ULL
#define PL011_SIZE		0x00001000ULL
#define PL011_SPI		1
#define PL011_CLK_HZ		24000000
#define RAM_BASE		0x40000000ULL

/*
 * Guest RAM layout (loader.c), the same for every image:
 *   RAM_BASE                    the DTB (x0), up to 2 MiB; U-Boot reads
 *                               it there whatever x0 says
 *   RAM_BASE + 2 MiB            a Linux Image's 2 MiB aligned base (the
 *                               kernel goes at + text_offset)
 *   RAM_BASE + 4 MiB            a raw binary (U-Boot, hello.bin), entered
 *                               at its first byte; U-Boot's early stack
 *                               grows down from RAM_BASE + 2 MiB
 *   after the image             --initrd, at the first 2 MiB boundary past
 *                               the image's end (its bss included), and
 *                               below RAM_BASE + 1 GiB
 */
#define DTB_OFFSET		0x00000000ULL	/* 0x40000000 */
#define LINUX_BASE_OFFSET	0x00200000ULL	/* 0x40200000 + text_offset */
#define BARE_LOAD_OFFSET	0x00400000ULL	/* 0x40400000 */
#define INITRD_ALIGN		0x00200000ULL
#define INITRD_LIMIT		0x40000000ULL	/* RAM_BASE + 1 GiB */

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
#define STATUS_GUEST_EXC	3	/* guest exception, MMIO_NISV, HVC #n */
#define STATUS_IOCTL		4	/* an ioctl failed unexpectedly */
#define STATUS_SIGNAL_BASE	128	/* + SIGINT (130) or SIGTERM (143) */
#define STATUS_CONTINUE		(-1)	/* internal: keep running */

__printf(2, 3) int error(int status, const char *fmt, ...);
int ioctl_error(const char *what);
__printf(1, 2) void info(const char *fmt, ...);

/* --- vm.c ------------------------------------------------------------ */

struct vm {
	int sys_fd;
	int vm_fd;
	struct avcpu_caps caps;
	u8 *ram;
	u64 ram_base;
	u64 ram_size;
	bool verbose;
};

/* Memory slots */
#define SLOT_RAM		0
#define SLOT_FLASH		1

int vm_open(struct vm *vm);
int vm_create(struct vm *vm, u64 ram_size);
int vm_map(struct vm *vm, u32 slot, u64 gpa, void *mem, u64 size,
	   u32 flags);
int vm_set_ram(struct vm *vm);
int vm_unset_ram(struct vm *vm);
void vm_close(struct vm *vm);

/* --- vcpu.c ---------------------------------------------------------- */

struct vcpu {
	int index;		/* MPIDR Aff0; 0 boots, the others wait */
	int fd;
	struct avcpu_run *run;
	size_t run_size;
	struct vm *vm;
	pthread_t thread;
	bool started;		/* @thread exists */
	bool exited;		/* @thread left its run loop (atomic) */
	bool vtimer_level;	/* timer PPI level last given to the GIC */
	bool ptimer_level;	/* the same for the physical timer */
};

int vcpu_create(struct vcpu *vcpu, struct vm *vm, int index, u64 dtb_addr,
		u64 entry);
int vcpus_run(struct vcpu *vcpus, int nr_vcpus);
int vcpus_reset(struct vcpu *vcpus, int nr_vcpus);
void vcpu_close(struct vcpu *vcpu);
int signals_init(void);
int vcpu_self(void);
int vcpu_irq_line(int fd, bool level);

/* --- mmio.c ---------------------------------------------------------- */

struct mmio_dev {
	const char *name;
	u64 base;
	u64 size;
	u64 (*read)(struct mmio_dev *dev, u64 offset, u32 len);
	void (*write)(struct mmio_dev *dev, u64 offset, u64 val, u32 len);
	struct mmio_dev *next;
};

int mmio_register(struct mmio_dev *dev);
void mmio_access(u64 addr, u8 *data, u32 len, bool is_write, bool verbose);

/* --- flash.c --------------------------------------------------------- */

int flash_init(struct vm *vm);
void flash_exit(void);

/* --- gic.c ---------------------------------------------------------- */

int gic_init(struct vcpu *vcpus, int nr_cpus, bool verbose);
void gic_reset(void);
void gic_set_ppi(int cpu, u32 intid, bool level);
void gic_set_spi(u32 spi, bool level);

/* --- pl011.c --------------------------------------------------------- */

int pl011_init(void);
void pl011_update_irq(void);

/* --- console.c ------------------------------------------------------- */

int console_init(void);
void console_exit(void);
unsigned int console_pending(void);
int console_getc(void);
void console_putc(u8 c);

/* --- fdt.c ----------------------------------------------------------- */

struct machine {
	u64 ram_base;
	u64 ram_size;
	const char *cmdline;
	int nr_cpus;		/* cpu@0 .. cpu@(nr_cpus - 1) */
	u64 initrd_start;	/* linux,initrd-start/-end when size != 0 */
	u64 initrd_size;
};

int fdt_build(const struct machine *m, void **blob, size_t *size);

/* --- loader.c -------------------------------------------------------- */

struct image {
	const char *path;
	int fd;
	u64 file_size;
	bool is_linux;
	u64 load_addr;		/* guest address of the first byte */
	u64 end;		/* first guest address after it (incl. bss) */
	u64 entry;
	u64 dtb_addr;
	u64 dtb_size;
	const char *initrd_path;
	int initrd_fd;
	u64 initrd_size;
	u64 initrd_addr;
};

int loader_probe(struct image *img, const char *path, u64 ram_size);
int loader_probe_initrd(struct image *img, const char *path, u64 ram_size);
int loader_place_dtb(struct image *img, u64 dtb_size, u64 ram_size);
int loader_load(struct image *img, struct vm *vm, const void *dtb);

#endif /* AVCPU_RUN_H */
