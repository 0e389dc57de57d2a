// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/avcpu: module load, host capability detection and the system
 * handle's ioctls (API version, capabilities, object creation).
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/topology.h>
#include <linux/uaccess.h>
#include <asm/cputype.h>
#include <asm/cpufeature.h>
#include <asm/kvm_arm.h>
#include <asm/virt.h>
#include "avcpu.h"
#include "compat.h"

struct avcpu_host avcpu_host;
struct avcpu_hyp_config avcpu_hyp_cfg;

/* PMBIDR_EL1.P: the SPE buffer belongs to a higher EL (not ours to use) */
#define AVCPU_PMBIDR_P		BIT(4)

static const u32 parange_bits[] = { 32, 36, 40, 42, 44, 48 };

static long avcpu_dev_ioctl(struct file *filp, unsigned int cmd,
			    unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case AVCPU_GET_API_VERSION:
		return AVCPU_API_VERSION;
	case AVCPU_GET_CAPS: {
		struct avcpu_caps caps = {
			.api_version = AVCPU_API_VERSION,
			.host_mode = avcpu_host.mode,
			.min_ipa_bits = AVCPU_MIN_IPA_BITS,
			.max_ipa_bits = avcpu_host.max_ipa_bits,
			.max_vcpus = AVCPU_MAX_VCPUS,
			.max_mem_slots = AVCPU_MAX_SLOTS,
			.vmid_bits = avcpu_host.vmid_bits,
			.run_size = PAGE_SIZE,
			.features = AVCPU_FEAT_READONLY_MEM |
				    AVCPU_FEAT_SMCCC_FILTER |
				    AVCPU_FEAT_MMIO_NISV |
				    AVCPU_FEAT_IMMEDIATE_EXIT |
				    AVCPU_FEAT_PSCI | AVCPU_FEAT_IRQ_LINE |
				    AVCPU_FEAT_FPSIMD |
				    AVCPU_FEAT_SYSREG_EXIT |
				    AVCPU_FEAT_INJECT | AVCPU_FEAT_RESET |
				    AVCPU_FEAT_STATS_FD |
				    AVCPU_FEAT_MMIO_EMUL |
				    AVCPU_FEAT_PTIMER |
				    AVCPU_FEAT_UNPINNED_MEM |
				    AVCPU_FEAT_DIRTY_LOG |
				    (avcpu_vgic_host_ok() ?
				     AVCPU_FEAT_GICV3 : 0),
		};

		return copy_to_user(uarg, &caps, sizeof(caps)) ? -EFAULT : 0;
	}
	case AVCPU_CREATE_VM:
		return avcpu_create_vm(uarg);
	case AVCPU_CREATE_VCPU:
		return avcpu_create_vcpu(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations avcpu_dev_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = avcpu_dev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice avcpu_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "avcpu",
	.fops = &avcpu_dev_fops,
	/*
	 * Owner and group may use the node, as /dev/kvm; the group (kvm) comes
	 * from udev (tools/udev/60-avcpu.rules): until then it is root's.
	 */
	.mode = 0660,
};

/*
 * Erratum 834220 (Cortex-A57 and others): HPFAR_EL2 may be wrong for
 * stage-2 aborts.  The kernel's capability covers every CPU, including
 * ones brought up later, not only the one loading the module.
 */
static bool hpfar_unreliable(void)
{
	return cpus_have_cap(ARM64_WORKAROUND_834220);
}

/*
 * Whether any CPU shares its core with another hardware thread, as the
 * firmware describes the topology (DT cpu-map thread nodes, ACPI PPTT).
 * Threads of one core may share a TLB: the Arm ARM lets an
 * implementation share TLB entries between PEs, and then a VMID flush on
 * one thread does not keep another thread from using entries tagged with
 * that VMID while it runs.  MPIDR_EL1.MT says nothing here: many
 * single-threaded cores (DynamIQ) set it.
 */
static bool host_has_smt(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (cpumask_weight(topology_sibling_cpumask(cpu)) > 1)
			return true;
	return false;
}

static unsigned int id_field(u64 reg, int shift)
{
	return cpuid_feature_extract_unsigned_field(reg, shift);
}

/*
 * Stage 2 uses the 4 KiB granule on every host, 16 KiB-page kernels too
 * (stage2.c).  ID_AA64MMFR0_EL1.TGran4_2 says whether stage 2 has it, or
 * (0) that stage 2 has what TGran4 says stage 1 has.
 */
static bool s2_has_4k_granule(u64 mmfr0)
{
	unsigned int s2 = id_field(mmfr0, ID_AA64MMFR0_EL1_TGRAN4_2_SHIFT);

	if (s2 == ID_AA64MMFR0_EL1_TGRAN4_2_TGRAN4)
		return cpuid_feature_extract_signed_field(mmfr0,
				ID_AA64MMFR0_EL1_TGRAN4_SHIFT) >= 0;
	return s2 >= ID_AA64MMFR0_EL1_TGRAN4_2_IMP;
}

/*
 * ID_AA64MMFR3_EL1 (not known to this kernel's feature tables; RAZ on
 * CPUs older than the register): TCR2_EL1 (TCRX), the permission
 * indirection registers PIR_EL1/PIRE0_EL1 (S1PIE) and the overlay
 * registers POR_EL0/POR_EL1 (S1POE).  avcpu does not switch them yet,
 * so on a CPU that has them a guest would share the host's and other
 * guests' values: refuse to load there.
 */
#define AVCPU_MMFR3_UNSWITCHED	(GENMASK_ULL(3, 0) |	/* TCRX */	\
				 GENMASK_ULL(11, 8) |	/* S1PIE */	\
				 GENMASK_ULL(19, 16))	/* S1POE */

static void read_mmfr3(void *any)
{
	u64 v;

	asm volatile("mrs %0, s3_0_c0_c7_3" : "=r" (v));
	if (v & AVCPU_MMFR3_UNSWITCHED)
		WRITE_ONCE(*(u64 *)any, v);
}

static int avcpu_probe_host(void)
{
	u64 pfr0 = read_sanitised_ftr_reg(SYS_ID_AA64PFR0_EL1);
	u64 mmfr0 = read_sanitised_ftr_reg(SYS_ID_AA64MMFR0_EL1);
	u64 mmfr1 = read_sanitised_ftr_reg(SYS_ID_AA64MMFR1_EL1);
	u64 mmfr2 = read_sanitised_ftr_reg(SYS_ID_AA64MMFR2_EL1);
	u64 ctr = read_sanitised_ftr_reg(SYS_CTR_EL0);
	u64 pfr1 = read_sanitised_ftr_reg(SYS_ID_AA64PFR1_EL1);
	u64 dfr0, mmfr3 = 0;
	unsigned int parange;
	bool vmid16;

	if (!id_field(pfr0, ID_AA64PFR0_EL1_EL2_SHIFT)) {
		pr_err("avcpu: this CPU has no EL2 (booted without virtualization); refusing to load\n");
		return -ENODEV;
	}
	avcpu_host.mode = is_kernel_in_hyp_mode() ? AVCPU_HOST_VHE :
						    AVCPU_HOST_NVHE;
	if (!s2_has_4k_granule(mmfr0)) {
		pr_err("avcpu: this CPU has no 4 KiB granule at stage 2 (ID_AA64MMFR0_EL1 %#llx); refusing to load\n",
		       mmfr0);
		return -ENODEV;
	}

	on_each_cpu(read_mmfr3, &mmfr3, true);
	if (mmfr3) {
		pr_err("avcpu: this CPU has TCR2/S1PIE/S1POE registers (ID_AA64MMFR3_EL1 %#llx) that avcpu does not switch yet; refusing to load\n",
		       mmfr3);
		return -ENODEV;
	}

	/* 4 KiB granule without LPA2: at most 48 bits (encoding 5). */
	parange = min(5U, id_field(mmfr0, ID_AA64MMFR0_EL1_PARANGE_SHIFT));
	avcpu_host.pa_range = parange;
	avcpu_host.max_ipa_bits = parange_bits[parange];

	vmid16 = id_field(mmfr1, ID_AA64MMFR1_EL1_VMIDBits_SHIFT) == 2;
	avcpu_host.vmid_bits = vmid16 ? 16 : 8;

	if (id_field(pfr0, ID_AA64PFR0_EL1_RAS_SHIFT))
		avcpu_hyp_cfg.flags |= AVCPU_HYP_HAS_RAS;
	if (id_field(mmfr1, ID_AA64MMFR1_EL1_PAN_SHIFT))
		avcpu_hyp_cfg.flags |= AVCPU_HYP_HAS_PAN;
	if (hpfar_unreliable())
		avcpu_hyp_cfg.flags |= AVCPU_HYP_AT_ALWAYS;
	avcpu_host.dline = 4U << cpuid_feature_extract_unsigned_field(ctr,
					CTR_EL0_DminLine_SHIFT);
	avcpu_host.fwb = id_field(mmfr2, ID_AA64MMFR2_EL1_FWB_SHIFT);

	/*
	 * KVM allocates VMIDs from the same space: see vmid.c.  Sharing it
	 * relies on each CPU's TLB being its own; on multithreaded cores
	 * a KVM guest on one thread could hit entries avcpu's guest left on
	 * the thread beside it, with the same VMID.  KVM allocates every
	 * VMID, so there is none to set aside: refuse.
	 */
	avcpu_host.kvm = avcpu_kvm_initialised();
	if (avcpu_host.mode == AVCPU_HOST_VHE && avcpu_host.kvm) {
		if (host_has_smt()) {
			pr_err("avcpu: KVM shares the VMID space and the CPUs are multithreaded (SMT siblings may share TLBs); refusing to load (boot with kvm-arm.mode=none to use avcpu)\n");
			return -EBUSY;
		}
		avcpu_hyp_cfg.flags |= AVCPU_HYP_FLUSH_VMID;
	}
	if (cpus_have_cap(ARM64_WORKAROUND_SPECULATIVE_AT))
		avcpu_hyp_cfg.flags |= AVCPU_HYP_SPEC_AT;
	/* TPIDR2_EL0 is there even when the kernel leaves SME off. */
	if (id_field(pfr1, ID_AA64PFR1_EL1_SME_SHIFT) ||
	    id_field(read_sysreg_s(SYS_ID_AA64PFR1_EL1),
		     ID_AA64PFR1_EL1_SME_SHIFT))
		avcpu_hyp_cfg.flags |= AVCPU_HYP_HAS_SME;
	/* ICC_SRE_EL1 is trapped while guests run: see hyp/switch.h. */
	if (id_field(pfr0, ID_AA64PFR0_EL1_GIC_SHIFT))
		avcpu_hyp_cfg.flags |= AVCPU_HYP_HAS_GICV3;
	/* Pseudo-NMI: the world switch opens ICC_PMR_EL1 for the guest. */
	if (system_uses_irq_prio_masking())
		avcpu_hyp_cfg.flags |= AVCPU_HYP_IRQ_PRIO;
	/* Every CPU has them (sanitised values), or they are left alone. */
	dfr0 = read_sanitised_ftr_reg(SYS_ID_AA64DFR0_EL1);
	if (id_field(dfr0, ID_AA64DFR0_EL1_PMSVer_SHIFT) &&
	    !(read_sysreg_s(SYS_PMBIDR_EL1) & AVCPU_PMBIDR_P))
		avcpu_hyp_cfg.flags |= AVCPU_HYP_HAS_SPE;
	if (id_field(dfr0, ID_AA64DFR0_EL1_TraceBuffer_SHIFT))
		avcpu_hyp_cfg.flags |= AVCPU_HYP_HAS_TRBE;

	/* PMU, debug, OS lock, ROM table, trace and SPE all trap to EL2. */
	avcpu_hyp_cfg.mdcr_guest_bits = MDCR_EL2_TPM | MDCR_EL2_TPMCR |
					MDCR_EL2_TDA | MDCR_EL2_TDOSA |
					MDCR_EL2_TDRA | MDCR_EL2_TTRF |
					MDCR_EL2_TPMS;
	return 0;
}

static int __init avcpu_init(void)
{
	int ret;

	ret = avcpu_probe_host();
	if (ret)
		return ret;

	if (avcpu_host.mode == AVCPU_HOST_NVHE) {
		ret = avcpu_el2_init();
		if (ret)
			return ret;
	}

	ret = avcpu_spectre_init();
	if (ret)
		goto fail;
	ret = avcpu_vtimer_init();
	if (ret)
		goto fail_spectre;
	ret = avcpu_vgic_cpu_init();
	if (ret)
		goto fail_vtimer;
	avcpu_run_init();
	ret = misc_register(&avcpu_misc);
	if (ret)
		goto fail_run;
	avcpu_debugfs_init();

	pr_info("avcpu: ready on a%s host, %u-bit IPA, %u-bit VMIDs%s\n",
		avcpu_host.mode == AVCPU_HOST_VHE ? " VHE" : "n nVHE",
		avcpu_host.max_ipa_bits, avcpu_host.vmid_bits,
		avcpu_host.fwb ? ", S2FWB" : "");
	return 0;
fail_run:
	avcpu_run_exit();
	avcpu_vgic_cpu_exit();
fail_vtimer:
	avcpu_vtimer_exit();
fail_spectre:
	avcpu_spectre_exit();
fail:
	if (avcpu_host.mode == AVCPU_HOST_NVHE)
		avcpu_el2_exit();
	return ret;
}

static void __exit avcpu_exit(void)
{
	avcpu_debugfs_exit();
	misc_deregister(&avcpu_misc);
	avcpu_run_exit();
	avcpu_vgic_cpu_exit();
	avcpu_vtimer_exit();
	avcpu_spectre_exit();
	if (avcpu_host.mode == AVCPU_HOST_NVHE)
		avcpu_el2_exit();
}

module_init(avcpu_init);
module_exit(avcpu_exit);

MODULE_DESCRIPTION("arm64 virtual CPUs for userspace VMMs");
MODULE_LICENSE("GPL");
MODULE_VERSION(AVCPU_VERSION);
