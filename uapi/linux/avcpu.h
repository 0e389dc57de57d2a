/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * avcpu: arm64 virtual CPUs for userspace VMMs, through /dev/avcpu.
 *
 * Objects, each a file descriptor:
 *   /dev/avcpu   system handle: API version, capabilities, object creation
 *   VM           the guest physical address space (stage 2) and what the
 *                vCPUs attached to it share
 *   vCPU         one virtual CPU; its run structure is mmap()ed from its fd
 *
 * Every structure carries flags and reserved fields; a non-zero reserved
 * field or an unknown flag is refused with -EINVAL.  Unknown ioctls return
 * -ENOTTY.  The API reference, one section per ioctl, is
 * Documentation/api.rst.
 */
#ifndef _UAPI_LINUX_AVCPU_H
#define _UAPI_LINUX_AVCPU_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

#define AVCPU_API_VERSION	1

/* 0xAF 0x00-0x1F belongs to fsl_hypervisor; avcpu uses 0x80-0xBF. */
#define AVCPUIO			0xAF

/* --- /dev/avcpu ---------------------------------------------------- */

#define AVCPU_HOST_VHE		1	/* kernel at EL2, E2H=1 */
#define AVCPU_HOST_NVHE		2	/* kernel at EL1, module owns EL2 */

/* avcpu_caps.features */
#define AVCPU_FEAT_READONLY_MEM	_BITULL(0)	/* AVCPU_MEM_READONLY */
#define AVCPU_FEAT_SMCCC_FILTER	_BITULL(1)	/* AVCPU_SET_SMCCC_FILTER */
#define AVCPU_FEAT_MMIO_NISV	_BITULL(2)	/* AVCPU_EXIT_MMIO_NISV */
#define AVCPU_FEAT_IMMEDIATE_EXIT _BITULL(3)	/* avcpu_run.immediate_exit */
#define AVCPU_FEAT_PSCI		_BITULL(4)	/* in-kernel PSCI 1.0, SMCCC 1.1 */
#define AVCPU_FEAT_IRQ_LINE	_BITULL(5)	/* AVCPU_IRQ_LINE, irq_level */
#define AVCPU_FEAT_FPSIMD	_BITULL(6)	/* V0-V31/FPSR/FPCR per vCPU */
#define AVCPU_FEAT_SYSREG_EXIT	_BITULL(7)	/* AVCPU_EXIT_SYSREG */
#define AVCPU_FEAT_INJECT	_BITULL(8)	/* AVCPU_INJECT_EXCEPTION */
#define AVCPU_FEAT_RESET	_BITULL(9)	/* AVCPU_VCPU_RESET */
#define AVCPU_FEAT_STATS_FD	_BITULL(10)	/* AVCPU_GET_STATS_FD */
#define AVCPU_FEAT_MMIO_EMUL	_BITULL(11)	/* ISV=0 accesses emulated */
#define AVCPU_FEAT_PTIMER	_BITULL(12)	/* EL1 physical timer emulated */
#define AVCPU_FEAT_UNPINNED_MEM	_BITULL(13)	/* slots unpinned, AVCPU_MEM_PINNED */
#define AVCPU_FEAT_DIRTY_LOG	_BITULL(14)	/* AVCPU_MEM_LOG_DIRTY */
#define AVCPU_FEAT_GICV3	_BITULL(15)	/* AVCPU_CREATE_IRQCHIP GICv3 */

/**
 * struct avcpu_caps - what this host offers (AVCPU_GET_CAPS)
 * @api_version:   AVCPU_API_VERSION of the module
 * @host_mode:     AVCPU_HOST_VHE or AVCPU_HOST_NVHE
 * @min_ipa_bits:  smallest IPA size AVCPU_CREATE_VM accepts
 * @max_ipa_bits:  largest IPA size (PARange, capped at 48)
 * @max_vcpus:     vCPUs one VM can have attached
 * @max_mem_slots: memory slots per VM (slot ids 0 .. max_mem_slots - 1)
 * @vmid_bits:     8 or 16
 * @run_size:      bytes to mmap() from a vCPU fd at offset 0
 * @features:      AVCPU_FEAT_* bits
 * @reserved:      zero
 */
struct avcpu_caps {
	__u32 api_version;
	__u32 host_mode;
	__u32 min_ipa_bits;
	__u32 max_ipa_bits;
	__u32 max_vcpus;
	__u32 max_mem_slots;
	__u32 vmid_bits;
	__u32 run_size;
	__u64 features;
	__u64 reserved[8];
};

/**
 * struct avcpu_vm_create - AVCPU_CREATE_VM argument
 * @ipa_bits: guest physical address size, min_ipa_bits..max_ipa_bits;
 *            0 selects 40
 * @flags:    zero
 * @reserved: zero
 */
struct avcpu_vm_create {
	__u32 ipa_bits;
	__u32 flags;
	__u64 reserved[3];
};

/**
 * struct avcpu_vcpu_create - AVCPU_CREATE_VCPU argument
 * @mpidr:    MPIDR_EL1 the guest reads; only Aff0-Aff3 may be set
 * @dtb_addr: value of x0 at the first entry (the DTB's guest address)
 * @flags:    AVCPU_VCPU_* bits
 * @pad:      zero
 * @reserved: zero
 *
 * The new vCPU starts at EL1h with DAIF masked, SCTLR_EL1 at its reset
 * value (MMU and caches off), PC 0, x0 = @dtb_addr, other registers zero.
 * With AVCPU_VCPU_POWER_OFF it starts powered off: RUN sleeps until
 * another vCPU of its VM starts it with PSCI CPU_ON.
 */
#define AVCPU_VCPU_POWER_OFF	_BITUL(0)

struct avcpu_vcpu_create {
	__u64 mpidr;
	__u64 dtb_addr;
	__u32 flags;
	__u32 pad;
	__u64 reserved[4];
};

#define AVCPU_GET_API_VERSION	_IO(AVCPUIO, 0x80)
#define AVCPU_GET_CAPS		_IOR(AVCPUIO, 0x81, struct avcpu_caps)
#define AVCPU_CREATE_VM		_IOW(AVCPUIO, 0x82, struct avcpu_vm_create)
#define AVCPU_CREATE_VCPU	_IOW(AVCPUIO, 0x83, struct avcpu_vcpu_create)

/* --- VM fd ---------------------------------------------------------- */

#define AVCPU_MEM_READONLY	_BITUL(0)	/* guest writes exit as MMIO */
#define AVCPU_MEM_PINNED	_BITUL(1)	/* pin for the slot's life */
#define AVCPU_MEM_LOG_DIRTY	_BITUL(2)	/* record guest writes */

/**
 * struct avcpu_memory_region - AVCPU_SET_MEMORY_REGION argument
 * @slot:            0 .. max_mem_slots - 1
 * @flags:           AVCPU_MEM_* bits
 * @guest_phys_addr: page aligned IPA of the first byte
 * @memory_size:     page aligned size; 0 deletes the slot
 * @userspace_addr:  page aligned address of the VMM's backing memory
 * @reserved:        zero
 *
 * By default the slot follows the VMM's mapping of @userspace_addr, as
 * KVM's memory slots do: stage 2 maps a page when the guest first
 * touches it, holds no reference to it afterwards, and drops the mapping
 * whenever the host unmaps, moves, swaps out, merges or write-protects
 * the page (MMU notifiers); the guest then faults in whatever the VMM's
 * mapping holds at that moment.  With AVCPU_MEM_PINNED the pages are
 * pinned at registration for the slot's lifetime instead (charged to
 * RLIMIT_MEMLOCK), so the guest never waits for the host's memory
 * management.  AVCPU_MEM_LOG_DIRTY records the pages the guest writes
 * (AVCPU_GET_DIRTY_LOG); it may be turned on and off by calling again
 * with the same slot, addresses and size and only that flag changed.
 * Only the VMM process that created the VM may register memory or run
 * its vCPUs (-EIO otherwise).
 */
struct avcpu_memory_region {
	__u32 slot;
	__u32 flags;
	__u64 guest_phys_addr;
	__u64 memory_size;
	__u64 userspace_addr;
	__u64 reserved[2];
};

/* avcpu_smccc_filter.action */
#define AVCPU_SMCCC_DEFAULT	0	/* in-kernel if implemented, else -1 */
#define AVCPU_SMCCC_EXIT	1	/* always an AVCPU_EXIT_HYPERCALL */
#define AVCPU_SMCCC_DENY	2	/* answer NOT_SUPPORTED (-1), no exit */

/**
 * struct avcpu_smccc_filter - AVCPU_SET_SMCCC_FILTER argument
 * @base:         first SMCCC function ID of the range
 * @nr_functions: length of the range, at least 1, no wrap past 2^32
 * @action:       AVCPU_SMCCC_*; DEFAULT removes the range exactly
 * @pad:          zero
 * @reserved:     zero
 *
 * Ranges do not overlap (-EEXIST).  A function ID outside every range
 * gets the DEFAULT action: the module answers PSCI 1.0 (0x84000000 -
 * 0x8400001f and their SMC64 twins), SMCCC_VERSION, SMCCC_ARCH_FEATURES
 * and ARCH_WORKAROUND_1/2/3 itself and NOT_SUPPORTED (-1) to every other
 * ID.  An EXIT range takes precedence over the module's own functions,
 * so a VMM may implement PSCI itself.  HVC/SMC immediates other than 0
 * are not SMCCC calls and always exit.
 */
struct avcpu_smccc_filter {
	__u32 base;
	__u32 nr_functions;
	__u8 action;
	__u8 pad[7];
	__u64 reserved[2];
};

#define AVCPU_SET_MEMORY_REGION	_IOW(AVCPUIO, 0x90, struct avcpu_memory_region)
#define AVCPU_SET_SMCCC_FILTER	_IOW(AVCPUIO, 0x91, struct avcpu_smccc_filter)

/* avcpu_dirty_log.flags */
#define AVCPU_DIRTY_LOG_KEEP	_BITUL(0)	/* GET: report, do not clear */

/**
 * struct avcpu_dirty_log - AVCPU_GET_DIRTY_LOG / AVCPU_CLEAR_DIRTY_LOG
 * @slot:       a slot with AVCPU_MEM_LOG_DIRTY
 * @flags:      AVCPU_DIRTY_LOG_KEEP (GET only), else zero
 * @first_page: first page of the range, in host pages (the host's page
 *              size, which is also avcpu_caps.run_size) from the start
 *              of the slot; a multiple of 64
 * @num_pages:  pages in the range: a multiple of 64, or up to the end of
 *              the slot; not 0
 * @bitmap:     user address of a bitmap of @num_pages bits rounded up
 *              to whole __u64s (the module reads and writes whole
 *              words), bit i (bit i % 64 of the i / 64th __u64) for page
 *              @first_page + i
 * @reserved:   zero
 *
 * AVCPU_GET_DIRTY_LOG fills @bitmap with the pages of the range the guest
 * wrote since they were last cleared, and clears exactly those (write
 * protecting them again in stage 2), unless AVCPU_DIRTY_LOG_KEEP.
 * AVCPU_CLEAR_DIRTY_LOG clears the pages whose bits are set in @bitmap:
 * with KEEP, a VMM gets the log, copies the pages, then clears what it
 * copied, as with KVM's manual dirty-log protection.
 */
struct avcpu_dirty_log {
	__u32 slot;
	__u32 flags;
	__u64 first_page;
	__u64 num_pages;
	__u64 bitmap;
	__u64 reserved[2];
};

#define AVCPU_GET_DIRTY_LOG	_IOW(AVCPUIO, 0x92, struct avcpu_dirty_log)
#define AVCPU_CLEAR_DIRTY_LOG	_IOW(AVCPUIO, 0x93, struct avcpu_dirty_log)

/* --- in-kernel interrupt controller (VM fd) ------------------------- */

#define AVCPU_IRQCHIP_GICV3	1

/* GICv3 frame sizes: one distributor, two 64 KiB frames per redistributor */
#define AVCPU_GICV3_DIST_SIZE	0x10000ULL
#define AVCPU_GICV3_REDIST_SIZE	0x20000ULL

/**
 * struct avcpu_irqchip - AVCPU_CREATE_IRQCHIP argument
 * @type:        AVCPU_IRQCHIP_GICV3 (needs AVCPU_FEAT_GICV3)
 * @nr_spis:     SPIs (INTIDs 32 .. 32 + @nr_spis - 1): a multiple of 32,
 *               32 .. 960
 * @dist_base:   guest address of the distributor (GICD_*), 64 KiB
 *               aligned, AVCPU_GICV3_DIST_SIZE long
 * @redist_base: guest address of the first redistributor (GICR_*), 64 KiB
 *               aligned; redistributor i (the vCPU attached i-th to the
 *               VM) is at @redist_base + i * AVCPU_GICV3_REDIST_SIZE
 * @nr_redists:  redistributors in that region, 1 .. max_vcpus; the last
 *               one reports GICR_TYPER.Last
 * @flags:       zero
 * @reserved:    zero
 *
 * Once per VM, before any of its vCPUs ran.  Both regions must fit the
 * VM's IPA size and overlap neither each other nor a memory slot.  From
 * then on the regions are emulated in the kernel (no MMIO exit), the
 * guest's ICC_* registers are a GICv3 CPU interface run through the list
 * registers, SGIs between vCPUs and the timers' PPIs (virtual 27,
 * physical 30) are delivered in the kernel, AVCPU_IRQ_LINE is refused
 * (EBUSY) and no AVCPU_EXIT_IRQ_LEVEL exit happens.  LPIs and the ITS
 * are not emulated (GICD_TYPER.LPIS = 0).
 */
struct avcpu_irqchip {
	__u32 type;
	__u32 nr_spis;
	__u64 dist_base;
	__u64 redist_base;
	__u32 nr_redists;
	__u32 flags;
	__u64 reserved[4];
};

/**
 * struct avcpu_irq_level - AVCPU_IRQCHIP_LINE argument
 * @intid:    an SPI, 32 .. 32 + nr_spis - 1
 * @level:    1 raise, 0 lower (an edge-triggered SPI becomes pending on
 *            a rising level)
 * @reserved: zero
 */
struct avcpu_irq_level {
	__u32 intid;
	__u32 level;
	__u64 reserved;
};

/* avcpu_irqfd.flags */
#define AVCPU_IRQFD_DEASSIGN	_BITUL(0)	/* unbind @fd from @intid */
#define AVCPU_IRQFD_RESAMPLE	_BITUL(1)	/* level-triggered, @resamplefd */

/**
 * struct avcpu_irqfd - AVCPU_IRQFD argument
 * @fd:         an eventfd; each write to it raises @intid (an edge), with
 *              no call into the vCPU's thread
 * @intid:      an SPI
 * @flags:      AVCPU_IRQFD_* bits
 * @resamplefd: with AVCPU_IRQFD_RESAMPLE: the line stays high after a
 *              write to @fd until the guest ends the interrupt; the line
 *              is then lowered and @resamplefd signalled, so the device
 *              can raise it again if it still needs service
 * @reserved:   zero
 */
struct avcpu_irqfd {
	__s32 fd;
	__u32 intid;
	__u32 flags;
	__s32 resamplefd;
	__u64 reserved[2];
};

/*
 * avcpu_irqchip_attr.group, and what its attr is (index: the vCPU's
 * attach order, as for its redistributor):
 *   DIST_REGS    the GICD_* register's offset
 *   REDIST_REGS  index << 32 | the GICR_* offset in the 128 KiB
 *   CPU_SYSREGS  index << 32 | the ICC_* register's AVCPU_REG_SYS() low
 *                16 bits
 *   LEVEL_INFO   an SPI INTID (multiple of 32), bits 63:32 zero: the
 *                line levels of the 32 from there, as bits
 */
#define AVCPU_GIC_GRP_DIST_REGS		1
#define AVCPU_GIC_GRP_REDIST_REGS	2
#define AVCPU_GIC_GRP_CPU_SYSREGS	3
#define AVCPU_GIC_GRP_LEVEL_INFO	4

/**
 * struct avcpu_irqchip_attr - AVCPU_IRQCHIP_GET_ATTR / _SET_ATTR argument
 * @group:    AVCPU_GIC_GRP_*
 * @flags:    zero
 * @attr:     which register (see the groups)
 * @addr:     user pointer to a __u64 holding the value (32-bit registers
 *            in its low half)
 * @reserved: zero
 *
 * Saves and restores the irqchip's state into another VM with the same
 * layout: the VMM sets the distributor, then each redistributor and
 * CPU interface, with no vCPU running.  Registers read as the guest would
 * read them; pending bits read as pending (latch or level) and write
 * the latch.
 */
struct avcpu_irqchip_attr {
	__u32 group;
	__u32 flags;
	__u64 attr;
	__u64 addr;
	__u64 reserved;
};

#define AVCPU_CREATE_IRQCHIP	_IOW(AVCPUIO, 0x94, struct avcpu_irqchip)
#define AVCPU_IRQCHIP_LINE	_IOW(AVCPUIO, 0x95, struct avcpu_irq_level)
#define AVCPU_IRQFD		_IOW(AVCPUIO, 0x96, struct avcpu_irqfd)
#define AVCPU_IRQCHIP_GET_ATTR	_IOW(AVCPUIO, 0x97, struct avcpu_irqchip_attr)
#define AVCPU_IRQCHIP_SET_ATTR	_IOW(AVCPUIO, 0x98, struct avcpu_irqchip_attr)

/* --- vCPU fd -------------------------------------------------------- */

/**
 * struct avcpu_vcpu_attach - AVCPU_SET_VM argument (set the stage-2 root)
 * @vm_fd:    a VM fd from AVCPU_CREATE_VM
 * @flags:    zero
 * @reserved: zero
 */
struct avcpu_vcpu_attach {
	__s32 vm_fd;
	__u32 flags;
	__u64 reserved[2];
};

/**
 * struct avcpu_entry - AVCPU_SET_ENTRY argument
 * @pc:       guest address of the next instruction, 4-byte aligned
 * @flags:    zero
 * @pad:      zero
 * @reserved: zero
 */
struct avcpu_entry {
	__u64 pc;
	__u32 flags;
	__u32 pad;
	__u64 reserved[2];
};

/**
 * struct avcpu_one_reg - AVCPU_GET_ONE_REG / AVCPU_SET_ONE_REG argument
 * @id:       register id, KVM's arm64 ONE_REG encoding (AVCPU_REG_*)
 * @addr:     user pointer to the value (its size is encoded in @id)
 * @flags:    zero
 * @pad:      zero
 * @reserved: zero
 */
struct avcpu_one_reg {
	__u64 id;
	__u64 addr;
	__u32 flags;
	__u32 pad;
	__u64 reserved;
};

/**
 * struct avcpu_reg_list - AVCPU_GET_REG_LIST argument
 * @n:     in: room in @reg; out: number of ids (-E2BIG if it did not fit)
 * @flags: zero
 * @pad:   zero
 * @reg:   the ids
 */
struct avcpu_reg_list {
	__u64 n;
	__u32 flags;
	__u32 pad;
	__u64 reg[];
};

#define AVCPU_SET_VM		_IOW(AVCPUIO, 0xa0, struct avcpu_vcpu_attach)
#define AVCPU_SET_ENTRY		_IOW(AVCPUIO, 0xa1, struct avcpu_entry)
#define AVCPU_GET_ONE_REG	_IOW(AVCPUIO, 0xa2, struct avcpu_one_reg)
#define AVCPU_SET_ONE_REG	_IOW(AVCPUIO, 0xa3, struct avcpu_one_reg)
#define AVCPU_GET_REG_LIST	_IOWR(AVCPUIO, 0xa4, struct avcpu_reg_list)
#define AVCPU_RUN		_IO(AVCPUIO, 0xa5)

/* avcpu_irq_line.line */
#define AVCPU_LINE_IRQ		0	/* HCR_EL2.VI */
#define AVCPU_LINE_FIQ		1	/* HCR_EL2.VF */

/**
 * struct avcpu_irq_line - AVCPU_IRQ_LINE argument
 * @line:     AVCPU_LINE_IRQ or AVCPU_LINE_FIQ
 * @level:    1 raises the line, 0 lowers it
 * @reserved: zero
 *
 * Callable from any thread while the vCPU runs: a running vCPU is kicked
 * out of the guest to see the new level, a vCPU sleeping in WFI wakes.
 * The line is a level: it stays raised until the VMM lowers it.
 */
struct avcpu_irq_line {
	__u32 line;
	__u32 level;
	__u64 reserved[2];
};

/* avcpu_inject.type */
#define AVCPU_INJECT_UNDEF	1	/* Unknown reason (EC 0x00), IL=1 */
#define AVCPU_INJECT_DABT	2	/* external data abort at @far */
#define AVCPU_INJECT_IABT	3	/* external instruction abort at @far */
#define AVCPU_INJECT_SERROR	4	/* virtual SError (HCR_EL2.VSE) */

/* avcpu_inject.flags */
#define AVCPU_INJECT_EXIT_ABORT	_BITUL(0)	/* DABT/IABT of the last exit */

/**
 * struct avcpu_inject - AVCPU_INJECT_EXCEPTION argument
 * @type:     AVCPU_INJECT_*
 * @flags:    AVCPU_INJECT_EXIT_ABORT or zero
 * @far:      faulting address for DABT/IABT, zero otherwise
 * @reserved: zero
 *
 * The exception is taken at the guest's current PC, before any exit
 * that is still pending (an MMIO read or system-register access the VMM
 * rejects is not completed); the guest's vector at VBAR_EL1 sees it with
 * ESR_EL1, FAR_EL1, ELR_EL1 and SPSR_EL1 as a real CPU would set them.
 * With AVCPU_INJECT_EXIT_ABORT (and @far zero) a DABT or IABT is for the
 * abort the last exit reported: FAR_EL1 is its virtual address, WnR and
 * FnV come from its syndrome.
 */
struct avcpu_inject {
	__u32 type;
	__u32 flags;
	__u64 far;
	__u64 reserved[2];
};

#define AVCPU_IRQ_LINE		_IOW(AVCPUIO, 0xa6, struct avcpu_irq_line)
#define AVCPU_INJECT_EXCEPTION	_IOW(AVCPUIO, 0xa7, struct avcpu_inject)
#define AVCPU_VCPU_RESET	_IO(AVCPUIO, 0xa8)

/*
 * Register ids: the same numbers as KVM's arm64 ONE_REG ids, so a VMM's
 * knowledge carries over.  Core registers are indexed by their 32-bit word
 * offset in KVM's struct kvm_regs; system registers by op0:op1:CRn:CRm:op2.
 */
#define AVCPU_REG_ARM64		0x6000000000000000ULL
#define AVCPU_REG_SIZE_U64	0x0030000000000000ULL
#define AVCPU_REG_CORE		(0x0010ULL << 16)
#define AVCPU_REG_SYSREG	(0x0013ULL << 16)

#define AVCPU_REG_SIZE_U32	0x0020000000000000ULL
#define AVCPU_REG_SIZE_U128	0x0040000000000000ULL

#define AVCPU_REG_CORE_ID(word) \
	(AVCPU_REG_ARM64 | AVCPU_REG_SIZE_U64 | AVCPU_REG_CORE | (word))
#define AVCPU_REG_X(n)		AVCPU_REG_CORE_ID((n) * 2)	/* x0-x30 */
#define AVCPU_REG_SP_EL0	AVCPU_REG_CORE_ID(62)
#define AVCPU_REG_PC		AVCPU_REG_CORE_ID(64)
#define AVCPU_REG_PSTATE	AVCPU_REG_CORE_ID(66)
#define AVCPU_REG_SP_EL1	AVCPU_REG_CORE_ID(68)
#define AVCPU_REG_ELR_EL1	AVCPU_REG_CORE_ID(70)
#define AVCPU_REG_SPSR_EL1	AVCPU_REG_CORE_ID(72)
/* FP/SIMD: V0-V31 are 128-bit, FPSR and FPCR 32-bit (KVM's ids). */
#define AVCPU_REG_V(n)		(AVCPU_REG_ARM64 | AVCPU_REG_SIZE_U128 | \
				 AVCPU_REG_CORE | (84 + (n) * 4))
#define AVCPU_REG_FPSR		(AVCPU_REG_ARM64 | AVCPU_REG_SIZE_U32 | \
				 AVCPU_REG_CORE | 212)
#define AVCPU_REG_FPCR		(AVCPU_REG_ARM64 | AVCPU_REG_SIZE_U32 | \
				 AVCPU_REG_CORE | 213)

#define AVCPU_REG_SYS(op0, op1, crn, crm, op2)				\
	(AVCPU_REG_ARM64 | AVCPU_REG_SIZE_U64 | AVCPU_REG_SYSREG |	\
	 ((__u64)(op0) << 14) | ((__u64)(op1) << 11) |			\
	 ((__u64)(crn) << 7) | ((__u64)(crm) << 3) | (__u64)(op2))

#define AVCPU_REG_MPIDR_EL1	AVCPU_REG_SYS(3, 0, 0, 0, 5)
#define AVCPU_REG_SCTLR_EL1	AVCPU_REG_SYS(3, 0, 1, 0, 0)
#define AVCPU_REG_ACTLR_EL1	AVCPU_REG_SYS(3, 0, 1, 0, 1)
#define AVCPU_REG_CPACR_EL1	AVCPU_REG_SYS(3, 0, 1, 0, 2)
#define AVCPU_REG_TTBR0_EL1	AVCPU_REG_SYS(3, 0, 2, 0, 0)
#define AVCPU_REG_TTBR1_EL1	AVCPU_REG_SYS(3, 0, 2, 0, 1)
#define AVCPU_REG_TCR_EL1	AVCPU_REG_SYS(3, 0, 2, 0, 2)
#define AVCPU_REG_AFSR0_EL1	AVCPU_REG_SYS(3, 0, 5, 1, 0)
#define AVCPU_REG_AFSR1_EL1	AVCPU_REG_SYS(3, 0, 5, 1, 1)
#define AVCPU_REG_ESR_EL1	AVCPU_REG_SYS(3, 0, 5, 2, 0)
#define AVCPU_REG_FAR_EL1	AVCPU_REG_SYS(3, 0, 6, 0, 0)
#define AVCPU_REG_PAR_EL1	AVCPU_REG_SYS(3, 0, 7, 4, 0)
#define AVCPU_REG_MAIR_EL1	AVCPU_REG_SYS(3, 0, 10, 2, 0)
#define AVCPU_REG_AMAIR_EL1	AVCPU_REG_SYS(3, 0, 10, 3, 0)
#define AVCPU_REG_VBAR_EL1	AVCPU_REG_SYS(3, 0, 12, 0, 0)
#define AVCPU_REG_CONTEXTIDR_EL1 AVCPU_REG_SYS(3, 0, 13, 0, 1)
#define AVCPU_REG_TPIDR_EL1	AVCPU_REG_SYS(3, 0, 13, 0, 4)
#define AVCPU_REG_CNTKCTL_EL1	AVCPU_REG_SYS(3, 0, 14, 1, 0)
#define AVCPU_REG_CSSELR_EL1	AVCPU_REG_SYS(3, 2, 0, 0, 0)
#define AVCPU_REG_TPIDR_EL0	AVCPU_REG_SYS(3, 3, 13, 0, 2)
#define AVCPU_REG_TPIDRRO_EL0	AVCPU_REG_SYS(3, 3, 13, 0, 3)
#define AVCPU_REG_CNTV_CTL_EL0	AVCPU_REG_SYS(3, 3, 14, 3, 1)
#define AVCPU_REG_CNTV_CVAL_EL0	AVCPU_REG_SYS(3, 3, 14, 3, 2)
#define AVCPU_REG_CNTP_CTL_EL0	AVCPU_REG_SYS(3, 3, 14, 2, 1)
#define AVCPU_REG_CNTP_CVAL_EL0	AVCPU_REG_SYS(3, 3, 14, 2, 2)
#define AVCPU_REG_MDSCR_EL1	AVCPU_REG_SYS(2, 0, 0, 2, 2)

/* --- the run structure (mmap of a vCPU fd) --------------------------- */

#define AVCPU_EXIT_NONE		0
#define AVCPU_EXIT_HYPERCALL	1	/* guest HVC or SMC: .hypercall */
#define AVCPU_EXIT_MMIO		2	/* access to unbacked IPA: .mmio */
#define AVCPU_EXIT_MMIO_NISV	3	/* access the module cannot emulate:
					 * .exception
					 */
#define AVCPU_EXIT_EXCEPTION	4	/* any other guest trap: .exception */
#define AVCPU_EXIT_INTR		5	/* RUN returned -EINTR (signal or
					 * immediate_exit); no payload
					 */
#define AVCPU_EXIT_SYSTEM_EVENT	6	/* PSCI SYSTEM_OFF/RESET: .system_event */
#define AVCPU_EXIT_IRQ_LEVEL	7	/* avcpu_run.irq_level changed */
#define AVCPU_EXIT_SYSREG	8	/* unhandled MSR/MRS: .sysreg */
#define AVCPU_EXIT_MEMORY_FAULT	9	/* RUN returned -EFAULT: .memory_fault */

#define AVCPU_CONDUIT_HVC	1
#define AVCPU_CONDUIT_SMC	2

/**
 * struct avcpu_exit_hypercall - guest HVC or SMC
 * @x:       x0-x7 at the call (x0 holds the SMCCC function ID).  The next
 *           RUN loads x0-x7 back from here, so the VMM writes its results
 *           (x0-x3 for SMCCC) into this array.
 * @conduit: AVCPU_CONDUIT_HVC or AVCPU_CONDUIT_SMC
 * @imm:     the instruction's 16-bit immediate
 * @reserved: zero
 *
 * The PC is already past the instruction (also for SMC).
 */
struct avcpu_exit_hypercall {
	__u64 x[8];
	__u32 conduit;
	__u32 imm;
	__u64 reserved[2];
};

/**
 * struct avcpu_exit_mmio - data access to an IPA no memory slot backs,
 *                          or a write to a read-only slot
 * @phys_addr: IPA of the access
 * @data:      the bytes in memory order (@data[0] at @phys_addr); written
 *             for a write, to be filled by the VMM for a read (the next
 *             RUN loads them into the target register, zero- or
 *             sign-extended as the instruction says)
 *
 * When RUN returns, the PC is already past the access.  An exception the
 * VMM injects before the next RUN is taken at the access itself.  An
 * instruction the module emulates (AVCPU_FEAT_MMIO_EMUL: LDP, STP,
 * writeback and SIMD&FP forms) exits once per access, in address order:
 * two for a pair, two 8-byte ones for a Q register; its registers and
 * base are updated when the RUN after the last access completes it.
 * @len:       1, 2, 4 or 8
 * @is_write:  1 for a store
 * @pad:       zero
 */
struct avcpu_exit_mmio {
	__u64 phys_addr;
	__u8 data[8];
	__u32 len;
	__u8 is_write;
	__u8 pad[3];
};

#define AVCPU_EXC_IPA_VALID	_BITUL(0)	/* @ipa holds the fault IPA */
#define AVCPU_EXC_INSN_VALID	_BITUL(1)	/* @insn holds the instruction */

/* avcpu_exit_exception.kind */
#define AVCPU_EXC_SYNC		1	/* synchronous trap, ESR_EL2 valid */
#define AVCPU_EXC_SERROR	2	/* SError taken from the guest */
#define AVCPU_EXC_ENTRY_FAIL	3	/* the vCPU state could not be run */

/**
 * struct avcpu_exit_exception - a guest exception the module does not handle
 * @esr:   ESR_EL2 at the exit
 * @far:   FAR_EL2 (valid for aborts)
 * @hpfar: HPFAR_EL2 (valid for stage-2 aborts)
 * @pc:    guest PC of the faulting instruction
 * @ipa:   faulting IPA, when AVCPU_EXC_IPA_VALID
 * @kind:  AVCPU_EXC_*
 * @flags: AVCPU_EXC_IPA_VALID, AVCPU_EXC_INSN_VALID
 * @insn:  the A64 instruction at @pc, when AVCPU_EXC_INSN_VALID
 *         (AVCPU_EXIT_MMIO_NISV: the access the module did not emulate)
 * @pad:   zero
 *
 * The PC is not advanced: the VMM moves it (AVCPU_SET_ONE_REG) or stops.
 */
struct avcpu_exit_exception {
	__u64 esr;
	__u64 far;
	__u64 hpfar;
	__u64 pc;
	__u64 ipa;
	__u32 kind;
	__u32 flags;
	__u32 insn;
	__u32 pad;
};

/* avcpu_exit_system_event.type */
#define AVCPU_SYSTEM_OFF	1
#define AVCPU_SYSTEM_RESET	2

/**
 * struct avcpu_exit_system_event - the guest asked to stop or reset
 * @type:     AVCPU_SYSTEM_OFF or AVCPU_SYSTEM_RESET
 * @flags:    zero
 * @reserved: zero
 *
 * Every vCPU of the VM is out of the guest and powered off when the
 * calling vCPU's RUN returns this; the VM's other vCPUs return the same
 * exit from their RUN.  They stay stopped until AVCPU_VCPU_RESET.
 */
struct avcpu_exit_system_event {
	__u32 type;
	__u32 flags;
	__u64 reserved[3];
};

/**
 * struct avcpu_exit_sysreg - a system-register access the module does
 *                            not handle
 * @id:       AVCPU_REG_SYS(op0, op1, CRn, CRm, op2) of the register
 * @value:    written value (MSR); for MRS the VMM stores the value here
 *            and the next RUN loads it into the target register
 * @is_write: 1 for MSR, 0 for MRS
 * @rt:       the general-purpose register (31: xzr)
 * @pad:      zero
 *
 * When RUN returns, the PC is already past the instruction; the next RUN
 * completes an MRS.  An exception the VMM injects first
 * (AVCPU_INJECT_UNDEF) is taken at the instruction itself, as if it had
 * never executed.
 */
struct avcpu_exit_sysreg {
	__u64 id;
	__u64 value;
	__u8 is_write;
	__u8 rt;
	__u8 pad[6];
};

/**
 * struct avcpu_exit_memory_fault - AVCPU_EXIT_MEMORY_FAULT payload
 * @gpa:   the IPA the guest accessed, page aligned
 * @size:  bytes from @gpa that the fault concerns (a page)
 * @flags: zero in this version
 * @pad:   zero
 *
 * Reported with RUN's -EFAULT when a slot's backing could not be had from
 * the VMM's mapping (unmapped, or mapped without the access the guest
 * needs).  The guest did not run the access: mapping memory there again
 * and calling RUN continues it.
 */
struct avcpu_exit_memory_fault {
	__u64 gpa;
	__u64 size;
	__u32 flags;
	__u32 pad;
};

/* avcpu_run.irq_level bits: output levels of the vCPU's devices */
#define AVCPU_IRQ_LEVEL_VTIMER	_BITULL(0)	/* virtual timer (PPI 27) */
#define AVCPU_IRQ_LEVEL_PTIMER	_BITULL(1)	/* EL1 physical timer (PPI 30) */

/**
 * struct avcpu_run - shared between the module and the VMM
 * @immediate_exit: in: non-zero makes RUN return -EINTR before entering
 * @pad:            zero
 * @exit_reason:    out: AVCPU_EXIT_*
 * @flags:          out: zero in this version
 * @irq_level:      out: AVCPU_IRQ_LEVEL_* levels as of the last exit;
 *                  a change of level is reported by AVCPU_EXIT_IRQ_LEVEL
 *                  (each timer's output: enabled, not masked and
 *                  expired), so that a VMM emulating the interrupt
 *                  controller can drive AVCPU_IRQ_LINE from it
 * @reserved:       zero
 */
struct avcpu_run {
	__u8 immediate_exit;
	__u8 pad[7];
	__u32 exit_reason;
	__u32 flags;
	__u64 irq_level;
	__u64 reserved[5];
	union {
		struct avcpu_exit_hypercall hypercall;
		struct avcpu_exit_mmio mmio;
		struct avcpu_exit_exception exception;
		struct avcpu_exit_system_event system_event;
		struct avcpu_exit_sysreg sysreg;
		struct avcpu_exit_memory_fault memory_fault;
		__u8 padding[256];
	};
};

/* --- Statistics: VM and vCPU fds ---------------------------------- */

/*
 * AVCPU_GET_STATS_FD (argument 0) on a VM fd or a vCPU fd returns a new,
 * read-only fd with that object's counters, laid out as KVM's binary
 * statistics (KVM_GET_STATS_FD): a header, the object's id string, one
 * descriptor per counter, then the data, each found at the header's
 * offsets.  Read it with pread(2) at any offset; only the data changes
 * between reads.  The fd keeps the VM or vCPU alive until it is closed.
 * See Documentation/tracing.rst.
 */

/**
 * struct avcpu_stats_header - at offset 0 of a stats fd
 * @flags:       zero in this version
 * @name_size:   bytes of the id string and of each descriptor's name,
 *               NUL included (AVCPU_STATS_NAME_SIZE)
 * @num_desc:    number of descriptors
 * @id_offset:   file offset of the id string: "avcpu-PID" for a VM,
 *               "avcpu-PID/vcpu-MPIDR" (hex) for a vCPU, PID being the
 *               process that created the object
 * @desc_offset: file offset of the first descriptor; each takes
 *               sizeof(struct avcpu_stats_desc) + @name_size bytes
 * @data_offset: file offset of the data: __u64 values, located by each
 *               descriptor's @offset
 */
struct avcpu_stats_header {
	__u32 flags;
	__u32 name_size;
	__u32 num_desc;
	__u32 id_offset;
	__u32 desc_offset;
	__u32 data_offset;
};

#define AVCPU_STATS_NAME_SIZE		48

/* avcpu_stats_desc.flags: type, unit and base of the value */
#define AVCPU_STATS_TYPE_SHIFT		0
#define AVCPU_STATS_TYPE_MASK		(0xF << AVCPU_STATS_TYPE_SHIFT)
#define AVCPU_STATS_TYPE_CUMULATIVE	(0x0 << AVCPU_STATS_TYPE_SHIFT)
#define AVCPU_STATS_TYPE_INSTANT	(0x1 << AVCPU_STATS_TYPE_SHIFT)
#define AVCPU_STATS_TYPE_PEAK		(0x2 << AVCPU_STATS_TYPE_SHIFT)
#define AVCPU_STATS_TYPE_LINEAR_HIST	(0x3 << AVCPU_STATS_TYPE_SHIFT)
#define AVCPU_STATS_TYPE_LOG_HIST	(0x4 << AVCPU_STATS_TYPE_SHIFT)
#define AVCPU_STATS_TYPE_MAX		AVCPU_STATS_TYPE_LOG_HIST

#define AVCPU_STATS_UNIT_SHIFT		4
#define AVCPU_STATS_UNIT_MASK		(0xF << AVCPU_STATS_UNIT_SHIFT)
#define AVCPU_STATS_UNIT_NONE		(0x0 << AVCPU_STATS_UNIT_SHIFT)
#define AVCPU_STATS_UNIT_BYTES		(0x1 << AVCPU_STATS_UNIT_SHIFT)
#define AVCPU_STATS_UNIT_SECONDS	(0x2 << AVCPU_STATS_UNIT_SHIFT)
#define AVCPU_STATS_UNIT_CYCLES		(0x3 << AVCPU_STATS_UNIT_SHIFT)
#define AVCPU_STATS_UNIT_BOOLEAN	(0x4 << AVCPU_STATS_UNIT_SHIFT)
#define AVCPU_STATS_UNIT_MAX		AVCPU_STATS_UNIT_BOOLEAN

#define AVCPU_STATS_BASE_SHIFT		8
#define AVCPU_STATS_BASE_MASK		(0xF << AVCPU_STATS_BASE_SHIFT)
#define AVCPU_STATS_BASE_POW10		(0x0 << AVCPU_STATS_BASE_SHIFT)
#define AVCPU_STATS_BASE_POW2		(0x1 << AVCPU_STATS_BASE_SHIFT)
#define AVCPU_STATS_BASE_MAX		AVCPU_STATS_BASE_POW2

/**
 * struct avcpu_stats_desc - one counter
 * @flags:       AVCPU_STATS_TYPE_* | AVCPU_STATS_UNIT_* | AVCPU_STATS_BASE_*
 * @exponent:    the value is in unit * base^exponent (bytes: 2^0)
 * @size:        number of __u64 values (1 for every avcpu counter)
 * @offset:      byte offset of the values from the header's @data_offset
 * @bucket_size: bucket width of a linear histogram, else zero
 * @name:        NUL-terminated, in a field of the header's @name_size
 */
struct avcpu_stats_desc {
	__u32 flags;
	__s16 exponent;
	__u16 size;
	__u32 offset;
	__u32 bucket_size;
	char name[];
};

#define AVCPU_GET_STATS_FD	_IO(AVCPUIO, 0xb0)

#endif /* _UAPI_LINUX_AVCPU_H */
