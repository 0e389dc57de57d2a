// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run on /dev/avcpu (--accel=avcpu, the default): the VM, its
 * memory slots, its vCPUs and, with --irqchip=gicv3, the module's
 * in-kernel GICv3 (AVCPU_CREATE_IRQCHIP).  The ABI is avcpu-run's own
 * (accel.h): every call is one ioctl.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel.h"
#include "log.h"
#include "vcpu.h"
#include "vm.h"

#define AVCPU_DEV	"/dev/avcpu"
#define IPA_BITS	40	/* what AVCPU_CREATE_VM picks for 0 */

static int avcpu_open(struct vm *vm)
{
	struct avcpu_caps *caps = &vm->caps;
	int version;

	vm->sys_fd = open(AVCPU_DEV, O_RDWR | O_CLOEXEC);
	if (vm->sys_fd < 0) {
		if (errno == ENOENT)
			return error(STATUS_SETUP,
				     "%s: %s (is avcpu.ko loaded?)",
				     AVCPU_DEV, strerror(errno));
		return error(STATUS_SETUP, "%s: %s", AVCPU_DEV,
			     strerror(errno));
	}

	version = ioctl(vm->sys_fd, AVCPU_GET_API_VERSION, 0);
	if (version < 0)
		return ioctl_error("AVCPU_GET_API_VERSION");
	if (version != AVCPU_API_VERSION)
		return error(STATUS_SETUP,
			     "%s speaks API version %d, this VMM %d",
			     AVCPU_DEV, version, AVCPU_API_VERSION);

	memset(caps, 0, sizeof(*caps));
	if (ioctl(vm->sys_fd, AVCPU_GET_CAPS, caps) < 0)
		return ioctl_error("AVCPU_GET_CAPS");
	if (vm->verbose) {
		info("caps: api %u, %s host, IPA %u..%u bits, %u vCPUs",
		     caps->api_version,
		     caps->host_mode == AVCPU_HOST_VHE ? "VHE" : "nVHE",
		     caps->min_ipa_bits, caps->max_ipa_bits, caps->max_vcpus);
		info("caps: %u slots, %u-bit VMIDs, run_size %u, feat %#llx",
		     caps->max_mem_slots, caps->vmid_bits, caps->run_size,
		     caps->features);
	}
	if (caps->max_vcpus < 1 || caps->max_mem_slots < 1)
		return error(STATUS_SETUP,
			     "%s offers no vCPU or no memory slot", AVCPU_DEV);
	/* PSCI (CPU_ON, SYSTEM_OFF, ...) is the module's, not ours. */
	if (!(caps->features & AVCPU_FEAT_PSCI))
		return error(STATUS_SETUP, "%s has no in-kernel PSCI",
			     AVCPU_DEV);
	if (caps->run_size < sizeof(struct avcpu_run))
		return error(STATUS_SETUP,
			     "run_size %u is smaller than struct avcpu_run (%zu)",
			     caps->run_size, sizeof(struct avcpu_run));
	return 0;
}

static int avcpu_create_vm(struct vm *vm, u64 ipa_top)
{
	struct avcpu_vm_create create = { 0 };
	u32 ipa_bits = IPA_BITS;

	if (ipa_bits > vm->caps.max_ipa_bits)
		ipa_bits = vm->caps.max_ipa_bits;
	if (ipa_bits < vm->caps.min_ipa_bits)
		ipa_bits = vm->caps.min_ipa_bits;
	if (ipa_bits >= 64 || ipa_top > (1ULL << ipa_bits))
		return error(STATUS_SETUP,
			     "RAM up to 0x%llx does not fit a %u-bit IPA space",
			     ipa_top, ipa_bits);

	create.ipa_bits = ipa_bits;
	vm->vm_fd = ioctl(vm->sys_fd, AVCPU_CREATE_VM, &create);
	if (vm->vm_fd < 0)
		return ioctl_error("AVCPU_CREATE_VM");
	return 0;
}

static int avcpu_map(struct vm *vm, u32 slot, u64 gpa, void *mem, u64 size,
		     u32 flags)
{
	struct avcpu_memory_region region = {
		.slot = slot,
		.flags = flags,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = (unsigned long)mem,
	};

	if (ioctl(vm->vm_fd, AVCPU_SET_MEMORY_REGION, &region) < 0)
		return ioctl_error("AVCPU_SET_MEMORY_REGION");
	return 0;
}

static int avcpu_vcpu_create(struct vcpu *vcpu, u64 x0, u64 entry)
{
	struct vm *vm = vcpu->vm;
	struct avcpu_vcpu_create create = {
		.mpidr = vcpu->index,		/* Aff0 */
		.dtb_addr = x0,
		.flags = vcpu->index ? AVCPU_VCPU_POWER_OFF : 0,
	};
	struct avcpu_vcpu_attach attach = { .vm_fd = vm->vm_fd };
	struct avcpu_entry pc = { .pc = entry };
	void *run;

	vcpu->fd = ioctl(vm->sys_fd, AVCPU_CREATE_VCPU, &create);
	if (vcpu->fd < 0)
		return ioctl_error("AVCPU_CREATE_VCPU");
	if (ioctl(vcpu->fd, AVCPU_SET_VM, &attach) < 0)
		return ioctl_error("AVCPU_SET_VM");
	/* The others get their PC (and x0) from the guest's CPU_ON. */
	if (!vcpu->index && ioctl(vcpu->fd, AVCPU_SET_ENTRY, &pc) < 0)
		return ioctl_error("AVCPU_SET_ENTRY");

	vcpu->run_size = vm->caps.run_size;
	run = mmap(NULL, vcpu->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		   vcpu->fd, 0);
	if (run == MAP_FAILED)
		return error(STATUS_IOCTL, "mmap of the vCPU run structure: %s",
			     strerror(errno));
	vcpu->run = run;
	return 0;
}

static int avcpu_vcpu_reset(struct vcpu *vcpu)
{
	if (ioctl(vcpu->fd, AVCPU_VCPU_RESET, 0) < 0)
		return ioctl_error("AVCPU_VCPU_RESET");
	return 0;
}

static int avcpu_vcpu_run(struct vcpu *vcpu)
{
	return ioctl(vcpu->fd, AVCPU_RUN, 0);
}

static void avcpu_vcpu_close(struct vcpu *vcpu)
{
	if (vcpu->run)
		munmap(vcpu->run, vcpu->run_size);
	vcpu->run = NULL;
	close_fd(&vcpu->fd);
}

static void avcpu_set_immediate_exit(struct vcpu *vcpu, bool on)
{
	if (vcpu->vm->caps.features & AVCPU_FEAT_IMMEDIATE_EXIT)
		__atomic_store_n(&vcpu->run->immediate_exit, on,
				 __ATOMIC_SEQ_CST);
}

static int avcpu_get_reg(struct vcpu *vcpu, u64 id, u64 *val)
{
	struct avcpu_one_reg reg = {
		.id = id,
		.addr = (u64)(unsigned long)val,
	};

	if (ioctl(vcpu->fd, AVCPU_GET_ONE_REG, &reg) < 0)
		return ioctl_error("AVCPU_GET_ONE_REG");
	return 0;
}

static int avcpu_inject(struct vcpu *vcpu, u32 type)
{
	struct avcpu_inject in = { .type = type };

	if (type != AVCPU_INJECT_UNDEF)
		in.flags = AVCPU_INJECT_EXIT_ABORT;
	if (ioctl(vcpu->fd, AVCPU_INJECT_EXCEPTION, &in) < 0)
		return ioctl_error("AVCPU_INJECT_EXCEPTION");
	return 0;
}

static int avcpu_irq_line(struct vcpu *vcpu, bool level)
{
	struct avcpu_irq_line line = {
		.line = AVCPU_LINE_IRQ,
		.level = level,
	};

	return ioctl(vcpu->fd, AVCPU_IRQ_LINE, &line);
}

/*
 * The module's GICv3: QEMU virt's layout, one redistributor per vCPU in
 * the order they were attached (vcpu_create(), index order).
 */
static int avcpu_irqchip_create(struct vm *vm, int nr_cpus)
{
	struct avcpu_irqchip chip = {
		.type = AVCPU_IRQCHIP_GICV3,
		.nr_spis = GICV3_NR_SPIS,
		.dist_base = GICV3_DIST_BASE,
		.redist_base = GICV3_REDIST_BASE,
		.nr_redists = nr_cpus,
	};

	if (ioctl(vm->vm_fd, AVCPU_CREATE_IRQCHIP, &chip) < 0)
		return ioctl_error("AVCPU_CREATE_IRQCHIP");
	return 0;
}

static int avcpu_irqchip_line(struct vm *vm, u32 intid, bool level)
{
	struct avcpu_irq_level line = { .intid = intid, .level = level };

	return ioctl(vm->vm_fd, AVCPU_IRQCHIP_LINE, &line);
}

static int avcpu_irqfd(struct vm *vm, int fd, int resamplefd, u32 intid)
{
	struct avcpu_irqfd irqfd = {
		.fd = fd,
		.intid = intid,
		.flags = AVCPU_IRQFD_RESAMPLE,
		.resamplefd = resamplefd,
	};

	if (ioctl(vm->vm_fd, AVCPU_IRQFD, &irqfd) < 0)
		return ioctl_error("AVCPU_IRQFD");
	return 0;
}

static int avcpu_stats_fd(struct vcpu *vcpu)
{
	return ioctl(vcpu->fd, AVCPU_GET_STATS_FD, 0);
}

static void avcpu_close(struct vm *vm)
{
	close_fd(&vm->vm_fd);
	close_fd(&vm->sys_fd);
}

const struct accel accel_avcpu = {
	.name = "avcpu",
	.open = avcpu_open,
	.create_vm = avcpu_create_vm,
	.map = avcpu_map,
	.vcpu_create = avcpu_vcpu_create,
	.vcpu_reset = avcpu_vcpu_reset,
	.vcpu_run = avcpu_vcpu_run,
	.vcpu_close = avcpu_vcpu_close,
	.set_immediate_exit = avcpu_set_immediate_exit,
	.get_reg = avcpu_get_reg,
	.inject = avcpu_inject,
	.irq_line = avcpu_irq_line,
	.irqchip_create = avcpu_irqchip_create,
	.irqchip_line = avcpu_irqchip_line,
	.irqfd = avcpu_irqfd,
	.stats_fd = avcpu_stats_fd,
	.close = avcpu_close,
};
