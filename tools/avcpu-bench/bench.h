/* SPDX-License-Identifier: GPL-2.0 */
/*
 * avcpu-bench: the same guest code through /dev/avcpu and /dev/kvm.
 *
 * vm.c hides the two ioctl APIs behind struct bvm (one VM, at most one
 * vCPU, a handful of memory slots); main.c holds the measurements.
 */
#ifndef AVCPU_BENCH_H
#define AVCPU_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Guest physical layout, the same for both hypervisors. */
#define GUEST_RAM_BASE		0x40000000ULL
#define GUEST_RAM_SIZE		(2ULL << 20)
#define GUEST_CODE_OFFSET	0x10000ULL	/* the blob of guest.S */
#define GUEST_MMIO		0x0a000000ULL	/* no slot backs it */
#define GUEST_BIG_BASE		0x80000000ULL	/* rows 7, 9, 10: slot 1 */

/* Rows 9 and 10: the guest's stride (guest.S has them >> 12). */
#define FAULT_STRIDE		0x200000ULL	/* one fault per 2 MiB window */
#define DIRTY_STRIDE		0x20000ULL	/* 512 pages of 64 MiB */

/* Entry points: offsets into the blob (guest.S keeps them in step). */
#define G_MMIO_WRITE		0x000
#define G_MMIO_READ		0x100
#define G_PSCI_VERSION		0x200
#define G_HVC_EXIT		0x300
#define G_PSCI_OFF		0x380
#define G_WFI			0x400
#define G_FIRST_INSN		0x500
#define G_TOUCH			0x600
#define G_MMIO_PAIR		0x700
#define G_FAULT			0x800
#define G_DIRTY			0x900
#define G_IPI			0xa00

/* Row 11: the in-kernel GICv3's frames (guest.S has them >> 16). */
#define GUEST_GICD		0x08000000ULL
#define GUEST_GICR		0x080a0000ULL
#define GUEST_GICR_STRIDE	0x20000ULL	/* one redistributor */

extern const char bench_guest_start[], bench_guest_end[];

enum bench_hv {
	HV_AVCPU,
	HV_KVM,
	HV_NR,
};

enum bexit_kind {
	BEXIT_MMIO,
	BEXIT_HVC,		/* avcpu: AVCPU_EXIT_HYPERCALL */
	BEXIT_SYSTEM_EVENT,	/* kvm: KVM_EXIT_SYSTEM_EVENT */
	BEXIT_INTR,
	BEXIT_OTHER,
};

struct bvm {
	enum bench_hv hv;
	int sys;
	int vm;
	int vcpu;
	void *run;
	size_t run_size;
	/* Where the last exit's MMIO data lives in the run structure. */
	uint8_t *mmio_data;
};

struct bexit {
	enum bexit_kind kind;
	uint32_t reason;	/* the hypervisor's own exit_reason */
	uint64_t addr;		/* MMIO address */
	bool is_write;
	uint32_t imm;		/* hypercall immediate */
	uint64_t x0;		/* hypercall x0 */
};

extern const char *const hv_name[HV_NR];

/* Whether @hv can run guests here; else a reason in @why. */
bool bvm_available(enum bench_hv hv, char *why, size_t len);
int bvm_create(struct bvm *b, enum bench_hv hv);
int bvm_set_mem(struct bvm *b, int slot, uint64_t gpa, void *hva,
		size_t size);
/* The same with dirty logging (KVM_MEM_LOG_DIRTY_PAGES) if @log_dirty. */
int bvm_set_mem_log(struct bvm *b, int slot, uint64_t gpa, void *hva,
		    size_t size, bool log_dirty);
/* Whether the hypervisor has dirty logging (avcpu: AVCPU_FEAT_DIRTY_LOG). */
bool bvm_has_dirty_log(struct bvm *b);
/*
 * The dirty log of the whole of @slot (@npages host pages) into @bitmap,
 * cleared and write-protected again: AVCPU_GET_DIRTY_LOG with no flags,
 * KVM_GET_DIRTY_LOG without manual protection.
 */
int bvm_get_dirty_log(struct bvm *b, int slot, uint64_t *bitmap,
		      uint64_t npages);
/* The vCPU, entering at @pc (EL1h, MMU off, DAIF masked). */
int bvm_create_vcpu(struct bvm *b, uint64_t pc);
/*
 * Another vCPU of @b's VM into @o (which shares @b's VM and handles):
 * vCPU id / MPIDR Aff0 @id.
 */
int bvm_create_vcpu_id(struct bvm *b, struct bvm *o, uint64_t pc,
		       unsigned int id);
/* Set general-purpose register x@n of the vCPU. */
int bvm_set_x(struct bvm *b, unsigned int n, uint64_t val);
/*
 * An in-kernel GICv3 for @nr_vcpus vCPUs, created after them: avcpu's
 * AVCPU_CREATE_IRQCHIP, KVM's vgic-v3 device (addresses, then
 * KVM_DEV_ARM_VGIC_CTRL_INIT).
 */
int bvm_create_gic(struct bvm *b, unsigned int nr_vcpus);
/* The next or current RUN of the vCPU returns EINTR at once (signal). */
void bvm_immediate_exit(struct bvm *b, bool on);
int bvm_run(struct bvm *b, struct bexit *e);
/* KVM: PSCI SYSTEM_OFF stopped the vCPU; make it runnable again. */
int bvm_resume(struct bvm *b);
int bvm_irq_line(struct bvm *b, int level);
void bvm_destroy_vcpu(struct bvm *b);
void bvm_destroy(struct bvm *b);

static inline void bvm_mmio_set(struct bvm *b, uint64_t v)
{
	__builtin_memcpy(b->mmio_data, &v, sizeof(v));
}

static inline uint64_t bvm_mmio_get(struct bvm *b)
{
	uint64_t v;

	__builtin_memcpy(&v, b->mmio_data, sizeof(v));
	return v;
}

#endif /* AVCPU_BENCH_H */
