// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run on KVM (--accel=kvm): the same machine on /dev/kvm, so that
 * the same VMM, devices and guest can be compared across the two.
 *
 * The VM takes its IPA size from KVM_CAP_ARM_VM_IPA_SIZE; each vCPU is
 * KVM_ARM_PREFERRED_TARGET with PSCI 0.2 (KVM answers PSCI and SMCCC
 * calls, SYSTEM_OFF and SYSTEM_RESET come back as
 * KVM_EXIT_SYSTEM_EVENT), vCPUs 1.. powered off until the guest's
 * CPU_ON, vCPU 0 at the entry point with x0 = the DTB.  KVM's MPIDR for
 * vCPU id n below 16 is Aff0 = n, as avcpu-run's.
 *
 * Each KVM exit is handed to vcpu.c as the struct avcpu_run exit it
 * stands for: MMIO (the read's data goes back into kvm_run before the
 * next KVM_RUN), system events, MMIO KVM cannot decode (with
 * KVM_CAP_ARM_NISV_TO_USER).  An EINTR from KVM_RUN, a signal's or
 * user-irqchip's (KVM_EXIT_INTR: the timers' levels changed), is an
 * AVCPU_EXIT_IRQ_LEVEL exit, the levels being in
 * kvm_run->s.regs.device_irq_level.  Guest faults the VMM gives back
 * are an external data abort (KVM_SET_VCPU_EVENTS, ext_dabt_pending);
 * KVM answers unknown hypercalls and system registers itself.
 *
 * --irqchip=gicv3 is KVM's vGICv3 (KVM_DEV_TYPE_ARM_VGIC_V3) at the same
 * addresses with 32 SPIs, raised with KVM_IRQ_LINE or a KVM_IRQFD with
 * a resample fd; --irqchip=user-gicv2 is KVM_CAP_ARM_USER_IRQ, the vCPU's
 * IRQ line through KVM_IRQ_LINE (KVM_ARM_IRQ_TYPE_CPU).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "accel.h"
#include "log.h"
#include "vcpu.h"
#include "vm.h"

#define KVM_DEV		"/dev/kvm"
#define KVM_API		12
#define IPA_BITS	40
#define IPA_BITS_MIN	32

static int kvm_cap(struct vm *vm, int fd, long cap)
{
	int r = ioctl(fd < 0 ? vm->sys_fd : fd, KVM_CHECK_EXTENSION, cap);

	return r < 0 ? 0 : r;
}

/* Whether this KVM creates a vGICv3: ask it with a throwaway VM. */
static bool kvm_has_gicv3(struct vm *vm)
{
	struct kvm_create_device dev = {
		.type = KVM_DEV_TYPE_ARM_VGIC_V3,
		.flags = KVM_CREATE_DEVICE_TEST,
	};
	bool ok;
	int fd;

	fd = ioctl(vm->sys_fd, KVM_CREATE_VM, 0);
	if (fd < 0)
		return false;
	ok = !ioctl(fd, KVM_CREATE_DEVICE, &dev);
	close(fd);
	return ok;
}

static int kvm_open(struct vm *vm)
{
	struct avcpu_caps *caps = &vm->caps;
	int version, n;

	vm->sys_fd = open(KVM_DEV, O_RDWR | O_CLOEXEC);
	if (vm->sys_fd < 0) {
		if (errno == ENOENT)
			return error(STATUS_SETUP,
				     "--accel=kvm: %s: %s (no KVM on this host: kernel not at EL2, kvm-arm.mode=none, or KVM not built)",
				     KVM_DEV, strerror(errno));
		return error(STATUS_SETUP, "--accel=kvm: %s: %s", KVM_DEV,
			     strerror(errno));
	}
	version = ioctl(vm->sys_fd, KVM_GET_API_VERSION, 0);
	if (version != KVM_API)
		return error(STATUS_SETUP, "%s: API version %d, want %d",
			     KVM_DEV, version, KVM_API);
	if (!kvm_cap(vm, -1, KVM_CAP_ARM_PSCI_0_2))
		return error(STATUS_SETUP, "%s has no in-kernel PSCI 0.2",
			     KVM_DEV);
	vm->kvm_run_size = ioctl(vm->sys_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (vm->kvm_run_size < (int)sizeof(struct kvm_run))
		return ioctl_error("KVM_GET_VCPU_MMAP_SIZE");

	memset(caps, 0, sizeof(*caps));
	caps->api_version = AVCPU_API_VERSION;
	caps->features = AVCPU_FEAT_PSCI | AVCPU_FEAT_RESET |
			 AVCPU_FEAT_FPSIMD;
	if (kvm_cap(vm, -1, KVM_CAP_IMMEDIATE_EXIT))
		caps->features |= AVCPU_FEAT_IMMEDIATE_EXIT;
	if (kvm_cap(vm, -1, KVM_CAP_ARM_USER_IRQ))
		caps->features |= AVCPU_FEAT_IRQ_LINE;
	if (kvm_cap(vm, -1, KVM_CAP_READONLY_MEM))
		caps->features |= AVCPU_FEAT_READONLY_MEM;
	if (kvm_cap(vm, -1, KVM_CAP_ARM_INJECT_EXT_DABT))
		caps->features |= AVCPU_FEAT_INJECT;
	if (kvm_has_gicv3(vm))
		caps->features |= AVCPU_FEAT_GICV3;
	/* Without the cap, every VM has 40 bits. */
	vm->kvm_ipa_max = kvm_cap(vm, -1, KVM_CAP_ARM_VM_IPA_SIZE);
	caps->min_ipa_bits = vm->kvm_ipa_max ? IPA_BITS_MIN : IPA_BITS;
	caps->max_ipa_bits = vm->kvm_ipa_max ? vm->kvm_ipa_max : IPA_BITS;
	n = kvm_cap(vm, -1, KVM_CAP_MAX_VCPUS);
	caps->max_vcpus = n ? n : kvm_cap(vm, -1, KVM_CAP_NR_VCPUS);
	n = kvm_cap(vm, -1, KVM_CAP_NR_MEMSLOTS);
	caps->max_mem_slots = n ? n : 32;
	caps->run_size = sizeof(struct avcpu_run);
	if (vm->verbose)
		info("KVM: IPA up to %u bits, %u vCPUs, %u slots, feat %#llx",
		     caps->max_ipa_bits, caps->max_vcpus, caps->max_mem_slots,
		     caps->features);
	if (caps->max_vcpus < 1)
		return error(STATUS_SETUP, "%s offers no vCPU", KVM_DEV);
	return 0;
}

static int kvm_create_vm(struct vm *vm, u64 ipa_top)
{
	u32 ipa_bits = IPA_BITS;
	unsigned long type = 0;

	if (ipa_bits > vm->caps.max_ipa_bits)
		ipa_bits = vm->caps.max_ipa_bits;
	if (ipa_top > (1ULL << ipa_bits))
		return error(STATUS_SETUP,
			     "RAM up to 0x%llx does not fit a %u-bit IPA space",
			     ipa_top, ipa_bits);
	if (vm->kvm_ipa_max)
		type = KVM_VM_TYPE_ARM_IPA_SIZE(ipa_bits);
	vm->vm_fd = ioctl(vm->sys_fd, KVM_CREATE_VM, type);
	if (vm->vm_fd < 0)
		return ioctl_error("KVM_CREATE_VM");
	/* MMIO KVM cannot decode comes to us, as AVCPU_EXIT_MMIO_NISV. */
	if (kvm_cap(vm, vm->vm_fd, KVM_CAP_ARM_NISV_TO_USER)) {
		struct kvm_enable_cap cap = {
			.cap = KVM_CAP_ARM_NISV_TO_USER,
		};

		if (ioctl(vm->vm_fd, KVM_ENABLE_CAP, &cap) < 0)
			return ioctl_error("KVM_ENABLE_CAP(NISV_TO_USER)");
	}
	return 0;
}

static int kvm_map(struct vm *vm, u32 slot, u64 gpa, void *mem, u64 size,
		   u32 flags)
{
	struct kvm_userspace_memory_region region = {
		.slot = slot,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = (unsigned long)mem,
	};

	/* AVCPU_MEM_PINNED has no KVM meaning: its memory is unpinned. */
	if (flags & AVCPU_MEM_READONLY)
		region.flags |= KVM_MEM_READONLY;
	if (flags & AVCPU_MEM_LOG_DIRTY)
		region.flags |= KVM_MEM_LOG_DIRTY_PAGES;
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		return ioctl_error("KVM_SET_USER_MEMORY_REGION");
	return 0;
}

static int kvm_set_reg(struct vcpu *vcpu, u64 id, u64 val)
{
	struct kvm_one_reg reg = {
		.id = id,
		.addr = (u64)(unsigned long)&val,
	};

	if (ioctl(vcpu->fd, KVM_SET_ONE_REG, &reg) < 0)
		return ioctl_error("KVM_SET_ONE_REG");
	return 0;
}

/* KVM_ARM_VCPU_INIT, then vCPU 0's entry: at creation and reset. */
static int kvm_vcpu_init(struct vcpu *vcpu)
{
	struct kvm_vcpu_init init;
	int status;

	memset(&init, 0, sizeof(init));
	if (ioctl(vcpu->vm->vm_fd, KVM_ARM_PREFERRED_TARGET, &init) < 0)
		return ioctl_error("KVM_ARM_PREFERRED_TARGET");
	init.features[0] |= 1U << KVM_ARM_VCPU_PSCI_0_2;
	if (vcpu->index)
		init.features[0] |= 1U << KVM_ARM_VCPU_POWER_OFF;
	if (ioctl(vcpu->fd, KVM_ARM_VCPU_INIT, &init) < 0)
		return ioctl_error("KVM_ARM_VCPU_INIT");
	if (vcpu->index)
		return 0;
	status = kvm_set_reg(vcpu, AVCPU_REG_PC, vcpu->entry);
	if (!status)
		status = kvm_set_reg(vcpu, AVCPU_REG_X(0), vcpu->x0);
	return status;
}

static int kvm_vcpu_create(struct vcpu *vcpu, u64 x0, u64 entry)
{
	struct vm *vm = vcpu->vm;
	void *kr;

	vcpu->x0 = x0;
	vcpu->entry = entry;
	vcpu->fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, vcpu->index);
	if (vcpu->fd < 0)
		return ioctl_error("KVM_CREATE_VCPU");
	kr = mmap(NULL, vm->kvm_run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		  vcpu->fd, 0);
	if (kr == MAP_FAILED)
		return error(STATUS_IOCTL, "mmap of kvm_run: %s",
			     strerror(errno));
	vcpu->kvm_run = kr;
	vcpu->run_size = sizeof(struct avcpu_run);
	vcpu->run = calloc(1, sizeof(struct avcpu_run));
	if (!vcpu->run)
		return error(STATUS_SETUP, "out of memory");
	return kvm_vcpu_init(vcpu);
}

static int kvm_vcpu_reset(struct vcpu *vcpu)
{
	vcpu->kvm_mmio_read = false;
	return kvm_vcpu_init(vcpu);
}

static void kvm_vcpu_close(struct vcpu *vcpu)
{
	if (vcpu->kvm_run)
		munmap(vcpu->kvm_run, vcpu->vm->kvm_run_size);
	vcpu->kvm_run = NULL;
	free(vcpu->run);
	vcpu->run = NULL;
	close_fd(&vcpu->fd);
}

static void kvm_set_immediate_exit(struct vcpu *vcpu, bool on)
{
	struct kvm_run *kr = vcpu->kvm_run;

	__atomic_store_n(&vcpu->run->immediate_exit, on, __ATOMIC_SEQ_CST);
	if (kr)
		__atomic_store_n(&kr->immediate_exit, on, __ATOMIC_SEQ_CST);
}

static int kvm_system_event(struct avcpu_run *run, struct kvm_run *kr)
{
	switch (kr->system_event.type) {
	case KVM_SYSTEM_EVENT_SHUTDOWN:
		run->system_event.type = AVCPU_SYSTEM_OFF;
		return 0;
	case KVM_SYSTEM_EVENT_RESET:
		run->system_event.type = AVCPU_SYSTEM_RESET;
		return 0;
	default:
		error(STATUS_IOCTL, "KVM_RUN: system event %u",
		      kr->system_event.type);
		errno = EIO;
		return -1;
	}
}

static int kvm_vcpu_run(struct vcpu *vcpu)
{
	struct kvm_run *kr = vcpu->kvm_run;
	struct avcpu_run *run = vcpu->run;
	u64 irqs;
	int ret;

	/* A read the VMM answered: KVM loads the register from here. */
	if (vcpu->kvm_mmio_read) {
		memcpy(kr->mmio.data, run->mmio.data, sizeof(kr->mmio.data));
		vcpu->kvm_mmio_read = false;
	}
	ret = ioctl(vcpu->fd, KVM_RUN, 0);

	irqs = kr->s.regs.device_irq_level;
	run->irq_level = 0;
	if (irqs & KVM_ARM_DEV_EL1_VTIMER)
		run->irq_level |= AVCPU_IRQ_LEVEL_VTIMER;
	if (irqs & KVM_ARM_DEV_EL1_PTIMER)
		run->irq_level |= AVCPU_IRQ_LEVEL_PTIMER;
	if (ret < 0) {
		/* A signal, or the timers' levels changed (user irqchip). */
		if (errno == EINTR) {
			run->exit_reason = AVCPU_EXIT_IRQ_LEVEL;
			return 0;
		}
		return ret;
	}

	switch (kr->exit_reason) {
	case KVM_EXIT_MMIO:
		run->exit_reason = AVCPU_EXIT_MMIO;
		run->mmio.phys_addr = kr->mmio.phys_addr;
		run->mmio.len = kr->mmio.len;
		run->mmio.is_write = kr->mmio.is_write;
		memcpy(run->mmio.data, kr->mmio.data, sizeof(run->mmio.data));
		vcpu->kvm_mmio_read = !kr->mmio.is_write;
		return 0;
	case KVM_EXIT_SYSTEM_EVENT:
		run->exit_reason = AVCPU_EXIT_SYSTEM_EVENT;
		return kvm_system_event(run, kr);
	case KVM_EXIT_ARM_NISV:
		run->exit_reason = AVCPU_EXIT_MMIO_NISV;
		memset(&run->exception, 0, sizeof(run->exception));
		run->exception.esr = kr->arm_nisv.esr_iss;
		run->exception.ipa = kr->arm_nisv.fault_ipa;
		run->exception.far = kr->arm_nisv.fault_ipa;
		return 0;
	case KVM_EXIT_INTR:
		run->exit_reason = AVCPU_EXIT_IRQ_LEVEL;
		return 0;
	default:
		error(STATUS_IOCTL, "KVM_RUN: vCPU %d: exit reason %u",
		      vcpu->index, kr->exit_reason);
		errno = EIO;
		return -1;
	}
}

static int kvm_get_reg(struct vcpu *vcpu, u64 id, u64 *val)
{
	struct kvm_one_reg reg = {
		.id = id,
		.addr = (u64)(unsigned long)val,
	};

	if (ioctl(vcpu->fd, KVM_GET_ONE_REG, &reg) < 0)
		return ioctl_error("KVM_GET_ONE_REG");
	return 0;
}

/* Only the external data abort: KVM handles the rest itself. */
static int kvm_inject(struct vcpu *vcpu, u32 type)
{
	struct kvm_vcpu_events ev;

	if (type != AVCPU_INJECT_DABT ||
	    !(vcpu->vm->caps.features & AVCPU_FEAT_INJECT))
		return error(STATUS_IOCTL,
			     "vCPU %d: KVM cannot be given exception type %u",
			     vcpu->index, type);
	memset(&ev, 0, sizeof(ev));
	ev.exception.ext_dabt_pending = 1;
	if (ioctl(vcpu->fd, KVM_SET_VCPU_EVENTS, &ev) < 0)
		return ioctl_error("KVM_SET_VCPU_EVENTS");
	return 0;
}

static int kvm_irq_line(struct vcpu *vcpu, bool level)
{
	struct kvm_irq_level irq = {
		.irq = KVM_ARM_IRQ_TYPE_CPU << KVM_ARM_IRQ_TYPE_SHIFT |
		       (u32)vcpu->index << KVM_ARM_IRQ_VCPU_SHIFT |
		       KVM_ARM_IRQ_CPU_IRQ,
		.level = level,
	};

	return ioctl(vcpu->vm->vm_fd, KVM_IRQ_LINE, &irq);
}

static int vgic_attr(struct vm *vm, u32 group, u64 attr, void *val,
		     const char *what)
{
	struct kvm_device_attr a = {
		.group = group,
		.attr = attr,
		.addr = (u64)(unsigned long)val,
	};

	if (ioctl(vm->irqchip_fd, KVM_SET_DEVICE_ATTR, &a) < 0)
		return ioctl_error(what);
	return 0;
}

/* KVM's vGICv3 at QEMU virt's addresses, once every vCPU exists. */
static int kvm_irqchip_create(struct vm *vm, int nr_cpus)
{
	struct kvm_create_device dev = { .type = KVM_DEV_TYPE_ARM_VGIC_V3 };
	u64 dist = GICV3_DIST_BASE, redist = GICV3_REDIST_BASE;
	u32 nr_irqs = 32 + GICV3_NR_SPIS;
	int status;

	(void)nr_cpus;	/* KVM counts them itself */
	if (ioctl(vm->vm_fd, KVM_CREATE_DEVICE, &dev) < 0)
		return ioctl_error("KVM_CREATE_DEVICE(VGIC_V3)");
	vm->irqchip_fd = dev.fd;
	status = vgic_attr(vm, KVM_DEV_ARM_VGIC_GRP_ADDR,
			   KVM_VGIC_V3_ADDR_TYPE_DIST, &dist,
			   "vGICv3 distributor address");
	if (!status)
		status = vgic_attr(vm, KVM_DEV_ARM_VGIC_GRP_ADDR,
				   KVM_VGIC_V3_ADDR_TYPE_REDIST, &redist,
				   "vGICv3 redistributor address");
	if (!status)
		status = vgic_attr(vm, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0,
				   &nr_irqs, "vGICv3 NR_IRQS");
	if (!status)
		status = vgic_attr(vm, KVM_DEV_ARM_VGIC_GRP_CTRL,
				   KVM_DEV_ARM_VGIC_CTRL_INIT, NULL,
				   "vGICv3 CTRL_INIT");
	return status;
}

static int kvm_irqchip_line(struct vm *vm, u32 intid, bool level)
{
	struct kvm_irq_level irq = {
		.irq = KVM_ARM_IRQ_TYPE_SPI << KVM_ARM_IRQ_TYPE_SHIFT | intid,
		.level = level,
	};

	return ioctl(vm->vm_fd, KVM_IRQ_LINE, &irq);
}

/*
 * KVM's irqfd GSI for an SPI is its INTID - 32; a level-triggered one
 * needs KVM_CAP_IRQFD_RESAMPLE (no resample before Linux 6.4 on arm64).
 */
static int kvm_irqfd(struct vm *vm, int fd, int resamplefd, u32 intid)
{
	struct kvm_irqfd irqfd = {
		.fd = fd,
		.gsi = intid - 32,
		.flags = KVM_IRQFD_FLAG_RESAMPLE,
		.resamplefd = resamplefd,
	};

	if (!kvm_cap(vm, vm->vm_fd, KVM_CAP_IRQFD_RESAMPLE)) {
		errno = EOPNOTSUPP;
		return STATUS_SETUP;
	}
	if (ioctl(vm->vm_fd, KVM_IRQFD, &irqfd) < 0)
		return ioctl_error("KVM_IRQFD");
	return 0;
}

static int kvm_stats_fd(struct vcpu *vcpu)
{
	return ioctl(vcpu->fd, KVM_GET_STATS_FD, 0);
}

static void kvm_close(struct vm *vm)
{
	close_fd(&vm->irqchip_fd);
	close_fd(&vm->vm_fd);
	close_fd(&vm->sys_fd);
}

const struct accel accel_kvm = {
	.name = "kvm",
	.open = kvm_open,
	.create_vm = kvm_create_vm,
	.map = kvm_map,
	.vcpu_create = kvm_vcpu_create,
	.vcpu_reset = kvm_vcpu_reset,
	.vcpu_run = kvm_vcpu_run,
	.vcpu_close = kvm_vcpu_close,
	.set_immediate_exit = kvm_set_immediate_exit,
	.get_reg = kvm_get_reg,
	.inject = kvm_inject,
	.irq_line = kvm_irq_line,
	.irqchip_create = kvm_irqchip_create,
	.irqchip_line = kvm_irqchip_line,
	.irqfd = kvm_irqfd,
	.stats_fd = kvm_stats_fd,
	.close = kvm_close,
};
