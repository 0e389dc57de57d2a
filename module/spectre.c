// SPDX-License-Identifier: GPL-2.0
/*
 * Branch-predictor hardening on the guest-exit path, and what the guest
 * is told about it.
 *
 * A guest controls the branch history and predictor state the host runs
 * with right after an exit.  The kernel applies its own mitigations on
 * its exception vectors, but a guest exit enters avcpu's EL2 vectors, so
 * avcpu repeats them there, before the host's first indirect branch
 * (module/hyp/entry.S, __avcpu_guest_exit).  The kernel exports no
 * mitigation state; its CPU capability bits say whether some CPU is
 * affected, and each CPU's own ID registers, MIDR and firmware answers
 * say which mechanism that CPU needs (Arm's Spectre-BHB guidance,
 * CVE-2022-23960):
 *  - Spectre-BHB: nothing where the CPU has ECBHB or CSV2.3 or is a part
 *    known to be safe; else CLRBHB
 *    where it implements it; else the branch loop with the count its
 *    part needs (below); else the firmware's ARCH_WORKAROUND_3.
 *  - Spectre-v2: the firmware's ARCH_WORKAROUND_1 (or _3, which does
 *    both) where the firmware says the CPU needs it.
 *
 * All of it is decided per CPU, on that CPU: firmware answers
 * SMCCC_ARCH_FEATURES for the CPU that asks, and on a big.LITTLE system
 * the big cores may need a workaround the little ones do not.  Every CPU
 * is probed when avcpu loads and whenever one comes online (cpuhp, on
 * the CPU itself, before the scheduler may run tasks there), and the
 * world switch takes the settings of the CPU it enters from
 * (avcpu_spectre_load(), with interrupts masked).
 *
 * The guest's SMCCC_ARCH_FEATURES answers follow from what is done on
 * every CPU, since a vCPU may run on any of them: 1 (no CPU is
 * affected), 0 (every affected CPU is mitigated: calling it helps) or -1
 * (some affected CPU has no mitigation).
 */
#include <linux/arm-smccc.h>
#include <linux/cpuhotplug.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <asm/cpufeature.h>
#include <asm/cputype.h>
#include <asm/sysreg.h>
#include "avcpu.h"

/*
 * What the kernel's own tables (arch/arm64/kernel/proton-pack.c) know of
 * CPU parts, from Arm's Spectre-BHB guidance: the branch-loop iterations
 * that clear a part's history (k), and the parts that neither Spectre-v2
 * nor Spectre-BHB reach.  Keep it in step with the kernel.
 */
struct bp_part {
	u16 implementer;
	u16 part;
	u16 k;
	u8 v2_safe;
	u8 bhb_safe;
};

#define IMP_ARM		ARM_CPU_IMP_ARM
#define IMP_BRCM	0x42
#define IMP_HISI	0x48
#define IMP_QCOM	0x51
#define IMP_AMPERE	0xc0

static const struct bp_part bp_parts[] = {
	{ IMP_ARM, 0xd4e, 132 },		/* Cortex-X3 */
	{ IMP_ARM, 0xd4f, 132 },		/* Neoverse-V2 */
	{ IMP_ARM, 0xd4d, 38 },			/* Cortex-A715 */
	{ IMP_ARM, 0xd81, 38 },			/* Cortex-A720 */
	{ IMP_ARM, 0xd89, 38 },			/* Cortex-A720AE */
	{ IMP_ARM, 0xd40, 32 },			/* Neoverse-V1 */
	{ IMP_ARM, 0xd41, 32 },			/* Cortex-A78 */
	{ IMP_ARM, 0xd42, 32 },			/* Cortex-A78AE */
	{ IMP_ARM, 0xd44, 32 },			/* Cortex-X1 */
	{ IMP_ARM, 0xd47, 32 },			/* Cortex-A710 */
	{ IMP_ARM, 0xd48, 32 },			/* Cortex-X2 */
	{ IMP_ARM, 0xd49, 32 },			/* Neoverse-N2 */
	{ IMP_ARM, 0xd4b, 32 },			/* Cortex-A78C */
	{ IMP_ARM, 0xd4c, 32 },			/* Cortex-X1C */
	{ IMP_HISI, 0xd01, 32, 1 },		/* HiSilicon TSV110 */
	{ IMP_ARM, 0xd0b, 24 },			/* Cortex-A76 */
	{ IMP_ARM, 0xd0c, 24 },			/* Neoverse-N1 */
	{ IMP_ARM, 0xd0d, 24 },			/* Cortex-A77 */
	{ IMP_ARM, 0xd0e, 24 },			/* Cortex-A76AE */
	{ IMP_QCOM, 0x804, 24 },		/* Kryo 4xx Gold */
	{ IMP_HISI, 0xd02, 24 },		/* HiSilicon HIP09 */
	{ IMP_AMPERE, 0xac3, 11 },		/* Ampere-1 */
	{ IMP_ARM, 0xd07, 8 },			/* Cortex-A57 */
	{ IMP_ARM, 0xd08, 8 },			/* Cortex-A72 */
	{ IMP_ARM, 0xd04, 0, 1, 1 },		/* Cortex-A35 */
	{ IMP_ARM, 0xd03, 0, 1, 1 },		/* Cortex-A53 */
	{ IMP_ARM, 0xd05, 0, 1, 1 },		/* Cortex-A55 */
	{ IMP_ARM, 0xd46, 0, 0, 1 },		/* Cortex-A510 */
	{ IMP_ARM, 0xd80, 0, 0, 1 },		/* Cortex-A520 */
	{ IMP_BRCM, 0x100, 0, 1, 1 },		/* Brahma-B53 */
	{ IMP_QCOM, 0x801, 0, 1, 1 },		/* Kryo 2xx Silver */
	{ IMP_QCOM, 0x803, 0, 1, 1 },		/* Kryo 3xx Silver */
	{ IMP_QCOM, 0x805, 0, 1, 1 },		/* Kryo 4xx Silver */
};

/* What one CPU does at each guest exit, and why. */
struct avcpu_bp_cpu {
	u32 bhb_loop;		/* branch-loop iterations, or 0 */
	u32 bhb_clear;		/* 1: CLRBHB */
	u32 bp_wa_func;		/* SMCCC workaround to call, or 0 */
	u32 midr;
	unsigned int probes;	/* times this CPU was probed (online) */
	unsigned int probed_on;	/* the CPU the last probe ran on */
	bool v2_affected;
	bool v2_gap;		/* affected by Spectre-v2, nothing helps */
	bool bhb_affected;
	bool bhb_gap;		/* affected by Spectre-BHB, nothing helps */
};

static DEFINE_PER_CPU(struct avcpu_bp_cpu, bp_cpu);
static DEFINE_SPINLOCK(answers_lock);
static long answers[3];		/* ARCH_WORKAROUND_1, _2, _3 */
static int spectre_hp_state;

static const struct bp_part *find_part(u32 midr)
{
	static const struct bp_part none;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bp_parts); i++)
		if (MIDR_IMPLEMENTOR(midr) == bp_parts[i].implementer &&
		    MIDR_PARTNUM(midr) == bp_parts[i].part)
			return &bp_parts[i];
	return &none;
}

/* What the firmware says of @func for the calling CPU (SMCCC 1.1). */
static long firmware_answer(u32 func)
{
	struct arm_smccc_res res;

	/* At EL2 (VHE) only an SMC conduit reaches a firmware. */
	if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_SMC)
		return SMCCC_RET_NOT_SUPPORTED;
	arm_smccc_1_1_smc(ARM_SMCCC_ARCH_FEATURES_FUNC_ID, func, &res);
	return (long)res.a0;
}

/* Decide this CPU's exit-path hardening, on this CPU. */
static void probe_this_cpu(struct avcpu_bp_cpu *c)
{
	bool v2 = cpus_have_cap(ARM64_SPECTRE_V2);
	bool bhb = cpus_have_cap(ARM64_SPECTRE_BHB);
	u64 pfr0 = read_sysreg_s(SYS_ID_AA64PFR0_EL1);
	u64 mmfr1 = read_sysreg_s(SYS_ID_AA64MMFR1_EL1);
	u64 isar2 = read_sysreg_s(SYS_ID_AA64ISAR2_EL1);
	unsigned int csv2 = cpuid_feature_extract_unsigned_field(pfr0,
					ID_AA64PFR0_EL1_CSV2_SHIFT);
	/* Only asked where the kernel says some CPU is affected. */
	long fw1 = v2 ? firmware_answer(ARM_SMCCC_ARCH_WORKAROUND_1) :
			SMCCC_RET_NOT_SUPPORTED;
	long fw3 = v2 || bhb ? firmware_answer(ARM_SMCCC_ARCH_WORKAROUND_3) :
			       SMCCC_RET_NOT_SUPPORTED;
	bool clrbhb = cpuid_feature_extract_unsigned_field(isar2,
					ID_AA64ISAR2_EL1_CLRBHB_SHIFT);
	const struct bp_part *part;
	u32 k;

	c->midr = read_cpuid_id();
	c->bhb_loop = 0;
	c->bhb_clear = 0;
	c->bp_wa_func = 0;
	part = find_part(c->midr);
	k = part->k;

	/*
	 * CSV2.3 and ECBHB: the branch history cannot steer the host; nor
	 * where the firmware says WORKAROUND_3 is not required on this PE
	 * (1, DEN0028) and no loop is known for the part.  Any other part
	 * not known to be safe is taken as affected.
	 */
	c->bhb_affected = bhb && csv2 < 3 && !part->bhb_safe &&
			  !cpuid_feature_extract_unsigned_field(mmfr1,
					ID_AA64MMFR1_EL1_ECBHB_SHIFT) &&
			  (k || fw3 != SMCCC_ARCH_WORKAROUND_RET_UNAFFECTED);
	c->bhb_gap = false;
	if (c->bhb_affected) {
		if (clrbhb)
			c->bhb_clear = 1;
		else if (k)
			c->bhb_loop = k;
		else if (fw3 == SMCCC_RET_SUCCESS)
			c->bp_wa_func = ARM_SMCCC_ARCH_WORKAROUND_3;
		else
			c->bhb_gap = true;
	}

	/*
	 * Spectre-v2: the firmware knows whether this CPU needs it: 1 is
	 * "not required on this PE" (DEN0028); CSV2 says it does not either.
	 * WORKAROUND_3 also does WORKAROUND_1's job (DEN0028 v1.4).
	 */
	c->v2_affected = v2 && !csv2 && !part->v2_safe &&
			 fw1 != SMCCC_ARCH_WORKAROUND_RET_UNAFFECTED;
	c->v2_gap = false;
	if (c->v2_affected && c->bp_wa_func != ARM_SMCCC_ARCH_WORKAROUND_3) {
		if (fw1 == SMCCC_RET_SUCCESS)
			c->bp_wa_func = ARM_SMCCC_ARCH_WORKAROUND_1;
		else if (fw3 == SMCCC_RET_SUCCESS)
			c->bp_wa_func = ARM_SMCCC_ARCH_WORKAROUND_3;
		else
			c->v2_gap = true;
	}
	c->probed_on = raw_smp_processor_id();
	c->probes++;
}

/* The guest's answers: the worst over every CPU probed so far. */
static void update_answers(void)
{
	bool v2 = false, v2_gap = false, bhb = false, bhb_gap = false;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct avcpu_bp_cpu *c = per_cpu_ptr(&bp_cpu, cpu);

		if (!c->probes)
			continue;
		v2 |= c->v2_affected;
		v2_gap |= c->v2_gap;
		bhb |= c->bhb_affected;
		bhb_gap |= c->bhb_gap;
	}
	if (!v2)
		answers[0] = SMCCC_ARCH_WORKAROUND_RET_UNAFFECTED;
	else
		answers[0] = v2_gap ? SMCCC_RET_NOT_SUPPORTED :
				      SMCCC_RET_SUCCESS;
	/* Speculative store bypass: no dynamic mitigation is offered. */
	answers[1] = cpus_have_cap(ARM64_SPECTRE_V4) ?
		     SMCCC_RET_NOT_SUPPORTED : SMCCC_RET_NOT_REQUIRED;
	if (!bhb)
		answers[2] = SMCCC_ARCH_WORKAROUND_RET_UNAFFECTED;
	else
		answers[2] = bhb_gap ? SMCCC_RET_NOT_SUPPORTED :
				       SMCCC_RET_SUCCESS;
}

static int spectre_cpu_online(unsigned int cpu)
{
	struct avcpu_bp_cpu *c = this_cpu_ptr(&bp_cpu);

	/* cpuhp runs this on @cpu itself, pinned there. */
	probe_this_cpu(c);
	spin_lock(&answers_lock);
	update_answers();
	spin_unlock(&answers_lock);
	return 0;
}

int avcpu_spectre_init(void)
{
	int ret;

	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "avcpu/spectre:online",
				spectre_cpu_online, NULL);
	if (ret < 0)
		return ret;
	spectre_hp_state = ret;
	return 0;
}

void avcpu_spectre_exit(void)
{
	cpuhp_remove_state(spectre_hp_state);
}

/*
 * Give @hv the exit-path hardening of the CPU it is about to run on.
 * Interrupts are masked, so the vCPU cannot move before the exit.
 */
void avcpu_spectre_load(struct avcpu_hyp_vcpu *hv)
{
	const struct avcpu_bp_cpu *c = this_cpu_ptr(&bp_cpu);

	hv->bhb_loop = c->bhb_loop;
	hv->bhb_clear = c->bhb_clear;
	hv->bp_wa_func = c->bp_wa_func;
}

long avcpu_spectre_answer(u32 func)
{
	long ret = SMCCC_RET_NOT_SUPPORTED;

	spin_lock(&answers_lock);
	switch (func) {
	case ARM_SMCCC_ARCH_WORKAROUND_1:
		ret = answers[0];
		break;
	case ARM_SMCCC_ARCH_WORKAROUND_2:
		ret = answers[1];
		break;
	case ARM_SMCCC_ARCH_WORKAROUND_3:
		ret = answers[2];
		break;
	}
	spin_unlock(&answers_lock);
	return ret;
}

/* debugfs "bp_hardening": one line per online CPU. */
int avcpu_spectre_show(struct seq_file *m, void *unused)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		const struct avcpu_bp_cpu *c = per_cpu_ptr(&bp_cpu, cpu);

		seq_printf(m, "cpu%u midr=%#010x probes=%u on=%u clrbhb=%u loop=%u wa=%#x v2=%s bhb=%s\n",
			   cpu, c->midr, c->probes, c->probed_on, c->bhb_clear,
			   c->bhb_loop,
			   c->bp_wa_func,
			   c->v2_gap ? "unmitigated" :
			   c->v2_affected ? "mitigated" : "unaffected",
			   c->bhb_gap ? "unmitigated" :
			   c->bhb_affected ? "mitigated" : "unaffected");
	}
	return 0;
}
