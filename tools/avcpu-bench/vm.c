// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-bench: one VM with one vCPU, through avcpu's or KVM's ioctls.
 *
 * KVM: KVM_CREATE_VM, KVM_SET_USER_MEMORY_REGION, KVM_ARM_PREFERRED_TARGET
 * (once per process), KVM_CREATE_VCPU, KVM_ARM_VCPU_INIT with PSCI 0.2,
 * KVM_SET_ONE_REG for the PC, KVM_RUN.  No in-kernel irqchip: the IRQ
 * line is KVM_IRQ_LINE of type KVM_ARM_IRQ_TYPE_CPU; except for row 11,
 * two vCPUs and the vgic-v3 device (avcpu: AVCPU_CREATE_IRQCHIP).
 *
 * avcpu: AVCPU_CREATE_VM, AVCPU_SET_MEMORY_REGION, AVCPU_CREATE_VCPU,
 * AVCPU_SET_VM, AVCPU_SET_ENTRY, AVCPU_RUN.
 *
 * Dirty logging: KVM_MEM_LOG_DIRTY_PAGES and KVM_GET_DIRTY_LOG (KVM's
 * manual protection left off, so GET also clears and re-protects), or
 * AVCPU_MEM_LOG_DIRTY and AVCPU_GET_DIRTY_LOG (clear-on-read).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/avcpu.h>
#include <linux/kvm.h>

#include "bench.h"

#define KVM_CORE_REG(field) \
	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
	 (offsetof(struct kvm_regs, field) / sizeof(__u32)))

const char *const hv_name[HV_NR] = {
	[HV_AVCPU] = "avcpu",
	[HV_KVM] = "kvm",
};

static const char *const dev_path[HV_NR] = {
	[HV_AVCPU] = "/dev/avcpu",
	[HV_KVM] = "/dev/kvm",
};

static struct kvm_vcpu_init kvm_init;
static bool kvm_init_done;

bool bvm_available(enum bench_hv hv, char *why, size_t len)
{
	struct bvm b;
	int err;

	if (access(dev_path[hv], F_OK)) {
		snprintf(why, len, "%s: %s", dev_path[hv], strerror(errno));
		return false;
	}
	err = bvm_create(&b, hv);
	if (err) {
		snprintf(why, len, "%s: cannot create a VM: %s", dev_path[hv],
			 strerror(-err));
		return false;
	}
	bvm_destroy(&b);
	return true;
}

int bvm_create(struct bvm *b, enum bench_hv hv)
{
	struct avcpu_vm_create vc = { 0 };

	memset(b, 0, sizeof(*b));
	b->hv = hv;
	b->vm = -1;
	b->vcpu = -1;
	b->sys = open(dev_path[hv], O_RDWR | O_CLOEXEC);
	if (b->sys < 0)
		return -errno;
	if (hv == HV_KVM)
		b->vm = ioctl(b->sys, KVM_CREATE_VM, 0);
	else
		b->vm = ioctl(b->sys, AVCPU_CREATE_VM, &vc);
	if (b->vm < 0) {
		int err = -errno;

		close(b->sys);
		b->sys = -1;
		return err;
	}
	if (hv == HV_KVM && !kvm_init_done) {
		if (ioctl(b->vm, KVM_ARM_PREFERRED_TARGET, &kvm_init)) {
			int err = -errno;

			bvm_destroy(b);
			return err;
		}
		kvm_init.features[0] |= 1U << KVM_ARM_VCPU_PSCI_0_2;
		kvm_init_done = true;
	}
	return 0;
}

int bvm_set_mem_log(struct bvm *b, int slot, uint64_t gpa, void *hva,
		    size_t size, bool log_dirty)
{
	int ret;

	if (b->hv == HV_KVM) {
		struct kvm_userspace_memory_region r = {
			.slot = slot,
			.flags = log_dirty ? KVM_MEM_LOG_DIRTY_PAGES : 0,
			.guest_phys_addr = gpa,
			.memory_size = size,
			.userspace_addr = (uintptr_t)hva,
		};

		ret = ioctl(b->vm, KVM_SET_USER_MEMORY_REGION, &r);
	} else {
		struct avcpu_memory_region r = {
			.slot = slot,
			.flags = log_dirty ? AVCPU_MEM_LOG_DIRTY : 0,
			.guest_phys_addr = gpa,
			.memory_size = size,
			.userspace_addr = (uintptr_t)hva,
		};

		ret = ioctl(b->vm, AVCPU_SET_MEMORY_REGION, &r);
	}
	return ret ? -errno : 0;
}

int bvm_set_mem(struct bvm *b, int slot, uint64_t gpa, void *hva,
		size_t size)
{
	return bvm_set_mem_log(b, slot, gpa, hva, size, false);
}

bool bvm_has_dirty_log(struct bvm *b)
{
	struct avcpu_caps caps = { 0 };

	if (b->hv == HV_KVM)
		return true;	/* KVM_MEM_LOG_DIRTY_PAGES: always there */
	if (ioctl(b->sys, AVCPU_GET_CAPS, &caps))
		return false;
	return caps.features & AVCPU_FEAT_DIRTY_LOG;
}

int bvm_get_dirty_log(struct bvm *b, int slot, uint64_t *bitmap,
		      uint64_t npages)
{
	int ret;

	if (b->hv == HV_KVM) {
		struct kvm_dirty_log l = {
			.slot = slot,
			.dirty_bitmap = bitmap,
		};

		ret = ioctl(b->vm, KVM_GET_DIRTY_LOG, &l);
	} else {
		struct avcpu_dirty_log l = {
			.slot = slot,
			.num_pages = npages,
			.bitmap = (uintptr_t)bitmap,
		};

		ret = ioctl(b->vm, AVCPU_GET_DIRTY_LOG, &l);
	}
	return ret ? -errno : 0;
}

static int kvm_set_reg(struct bvm *b, uint64_t id, uint64_t val)
{
	struct kvm_one_reg r = { .id = id, .addr = (uintptr_t)&val };

	return ioctl(b->vcpu, KVM_SET_ONE_REG, &r) ? -errno : 0;
}

static int kvm_vcpu(struct bvm *b, uint64_t pc, unsigned int id)
{
	int sz;

	b->vcpu = ioctl(b->vm, KVM_CREATE_VCPU, id);
	if (b->vcpu < 0)
		return -errno;
	if (ioctl(b->vcpu, KVM_ARM_VCPU_INIT, &kvm_init))
		return -errno;
	if (kvm_set_reg(b, KVM_CORE_REG(regs.pc), pc))
		return -errno;
	sz = ioctl(b->sys, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (sz < 0)
		return -errno;
	b->run_size = sz;
	b->run = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, b->vcpu, 0);
	if (b->run == MAP_FAILED)
		return -errno;
	b->mmio_data = ((struct kvm_run *)b->run)->mmio.data;
	return 0;
}

static int avcpu_vcpu(struct bvm *b, uint64_t pc, unsigned int id)
{
	struct avcpu_vcpu_create cc = { .mpidr = id };
	struct avcpu_vcpu_attach a = { .vm_fd = b->vm };
	struct avcpu_entry e = { .pc = pc };

	b->vcpu = ioctl(b->sys, AVCPU_CREATE_VCPU, &cc);
	if (b->vcpu < 0)
		return -errno;
	if (ioctl(b->vcpu, AVCPU_SET_VM, &a) ||
	    ioctl(b->vcpu, AVCPU_SET_ENTRY, &e))
		return -errno;
	b->run_size = sizeof(struct avcpu_run);
	b->run = mmap(NULL, b->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      b->vcpu, 0);
	if (b->run == MAP_FAILED)
		return -errno;
	b->mmio_data = ((struct avcpu_run *)b->run)->mmio.data;
	return 0;
}

static int create_vcpu(struct bvm *b, uint64_t pc, unsigned int id)
{
	int err;

	err = b->hv == HV_KVM ? kvm_vcpu(b, pc, id) : avcpu_vcpu(b, pc, id);
	if (err) {
		if (b->run == MAP_FAILED)
			b->run = NULL;
		bvm_destroy_vcpu(b);
	}
	return err;
}

int bvm_create_vcpu(struct bvm *b, uint64_t pc)
{
	return create_vcpu(b, pc, 0);
}

int bvm_create_vcpu_id(struct bvm *b, struct bvm *o, uint64_t pc,
		       unsigned int id)
{
	*o = *b;
	o->vcpu = -1;
	o->run = NULL;
	o->mmio_data = NULL;
	return create_vcpu(o, pc, id);
}

int bvm_set_x(struct bvm *b, unsigned int n, uint64_t val)
{
	struct avcpu_one_reg r = { .id = AVCPU_REG_X(n),
				   .addr = (uintptr_t)&val };

	if (b->hv == HV_KVM)
		return kvm_set_reg(b, KVM_CORE_REG(regs.regs[n]), val);
	return ioctl(b->vcpu, AVCPU_SET_ONE_REG, &r) ? -errno : 0;
}

static int kvm_gic_attr(int dev, uint32_t group, uint64_t attr, void *val)
{
	struct kvm_device_attr a = {
		.group = group,
		.attr = attr,
		.addr = (uintptr_t)val,
	};

	return ioctl(dev, KVM_SET_DEVICE_ATTR, &a) ? -errno : 0;
}

int bvm_create_gic(struct bvm *b, unsigned int nr_vcpus)
{
	uint64_t dist = GUEST_GICD, redist = GUEST_GICR;
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_ARM_VGIC_V3 };
	struct avcpu_irqchip c = {
		.type = AVCPU_IRQCHIP_GICV3,
		.nr_spis = 32,
		.dist_base = GUEST_GICD,
		.redist_base = GUEST_GICR,
		.nr_redists = nr_vcpus,
	};
	int err;

	if (b->hv == HV_AVCPU)
		return ioctl(b->vm, AVCPU_CREATE_IRQCHIP, &c) ? -errno : 0;
	if (ioctl(b->vm, KVM_CREATE_DEVICE, &cd))
		return -errno;
	err = kvm_gic_attr(cd.fd, KVM_DEV_ARM_VGIC_GRP_ADDR,
			   KVM_VGIC_V3_ADDR_TYPE_DIST, &dist);
	if (!err)
		err = kvm_gic_attr(cd.fd, KVM_DEV_ARM_VGIC_GRP_ADDR,
				   KVM_VGIC_V3_ADDR_TYPE_REDIST, &redist);
	if (!err)
		err = kvm_gic_attr(cd.fd, KVM_DEV_ARM_VGIC_GRP_CTRL,
				   KVM_DEV_ARM_VGIC_CTRL_INIT, NULL);
	/* The VM keeps the device; its fd is not needed any more. */
	close(cd.fd);
	return err;
}

void bvm_immediate_exit(struct bvm *b, bool on)
{
	if (b->hv == HV_KVM)
		__atomic_store_n(&((struct kvm_run *)b->run)->immediate_exit,
				 on, __ATOMIC_RELEASE);
	else
		__atomic_store_n(&((struct avcpu_run *)b->run)->immediate_exit,
				 on, __ATOMIC_RELEASE);
}

static int kvm_run(struct bvm *b, struct bexit *e)
{
	struct kvm_run *run = b->run;
	int ret = ioctl(b->vcpu, KVM_RUN, 0);

	e->reason = run->exit_reason;
	if (ret) {
		e->kind = errno == EINTR ? BEXIT_INTR : BEXIT_OTHER;
		return -errno;
	}
	switch (run->exit_reason) {
	case KVM_EXIT_MMIO:
		e->kind = BEXIT_MMIO;
		e->addr = run->mmio.phys_addr;
		e->is_write = run->mmio.is_write;
		break;
	case KVM_EXIT_SYSTEM_EVENT:
		e->kind = BEXIT_SYSTEM_EVENT;
		e->imm = run->system_event.type;
		break;
	default:
		e->kind = BEXIT_OTHER;
		break;
	}
	return 0;
}

static int avcpu_run(struct bvm *b, struct bexit *e)
{
	struct avcpu_run *run = b->run;
	int ret = ioctl(b->vcpu, AVCPU_RUN, 0);

	e->reason = run->exit_reason;
	if (ret) {
		e->kind = errno == EINTR ? BEXIT_INTR : BEXIT_OTHER;
		return -errno;
	}
	switch (run->exit_reason) {
	case AVCPU_EXIT_MMIO:
		e->kind = BEXIT_MMIO;
		e->addr = run->mmio.phys_addr;
		e->is_write = run->mmio.is_write;
		break;
	case AVCPU_EXIT_HYPERCALL:
		e->kind = BEXIT_HVC;
		e->imm = run->hypercall.imm;
		e->x0 = run->hypercall.x[0];
		break;
	default:
		e->kind = BEXIT_OTHER;
		break;
	}
	return 0;
}

int bvm_run(struct bvm *b, struct bexit *e)
{
	return b->hv == HV_KVM ? kvm_run(b, e) : avcpu_run(b, e);
}

int bvm_resume(struct bvm *b)
{
	struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_RUNNABLE };

	if (b->hv != HV_KVM)
		return 0;
	return ioctl(b->vcpu, KVM_SET_MP_STATE, &mp) ? -errno : 0;
}

int bvm_irq_line(struct bvm *b, int level)
{
	int ret;

	if (b->hv == HV_KVM) {
		struct kvm_irq_level l = {
			.irq = (KVM_ARM_IRQ_TYPE_CPU << KVM_ARM_IRQ_TYPE_SHIFT) |
			       (0 << KVM_ARM_IRQ_VCPU_SHIFT) |
			       (KVM_ARM_IRQ_CPU_IRQ << KVM_ARM_IRQ_NUM_SHIFT),
			.level = level,
		};

		ret = ioctl(b->vm, KVM_IRQ_LINE, &l);
	} else {
		struct avcpu_irq_line l = {
			.line = AVCPU_LINE_IRQ,
			.level = level,
		};

		ret = ioctl(b->vcpu, AVCPU_IRQ_LINE, &l);
	}
	return ret ? -errno : 0;
}

void bvm_destroy_vcpu(struct bvm *b)
{
	if (b->run)
		munmap(b->run, b->run_size);
	b->run = NULL;
	b->mmio_data = NULL;
	if (b->vcpu >= 0)
		close(b->vcpu);
	b->vcpu = -1;
}

void bvm_destroy(struct bvm *b)
{
	bvm_destroy_vcpu(b);
	if (b->vm >= 0)
		close(b->vm);
	if (b->sys >= 0)
		close(b->sys);
	b->vm = -1;
	b->sys = -1;
}
