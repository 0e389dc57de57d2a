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
 * mitigation state; its CPU capability bits say which CPUs are affected
 * and the ID registers and MIDRs say which mechanism each one needs
 * (Arm's Spectre-BHB guidance, CVE-2022-23960):
 *  - Spectre-BHB: CLRBHB where every CPU implements it
 *    (ID_AA64ISAR2_EL1.CLRBHB), else the branch loop with the count the
 *    CPU needs (below), else the firmware's ARCH_WORKAROUND_3.
 *  - Spectre-v2: the firmware's ARCH_WORKAROUND_1 (or _3, which does
 *    both) on CPUs the kernel marks affected.
 * The guest's SMCCC_ARCH_FEATURES answers follow from what is done:
 * 0 (call it, it helps), 1 (not affected) or -1 (nothing helps here).
 */
#include <linux/arm-smccc.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/cpufeature.h>
#include <asm/cputype.h>
#include <asm/sysreg.h>
#include "avcpu.h"

#define WA_RET_UNAFFECTED	1

/* Branch-loop iterations that clear the history, by CPU part. */
struct bhb_loop_part {
	u32 implementer;
	u32 part;
	u32 k;
};

static const struct bhb_loop_part bhb_loop_parts[] = {
	{ ARM_CPU_IMP_ARM, 0xd07, 8 },		/* Cortex-A57 */
	{ ARM_CPU_IMP_ARM, 0xd08, 8 },		/* Cortex-A72 */
	{ ARM_CPU_IMP_ARM, 0xd0b, 24 },		/* Cortex-A76 */
	{ ARM_CPU_IMP_ARM, 0xd0c, 24 },		/* Neoverse-N1 */
	{ ARM_CPU_IMP_ARM, 0xd0d, 24 },		/* Cortex-A77 */
	{ ARM_CPU_IMP_ARM, 0xd40, 32 },		/* Neoverse-V1 */
	{ ARM_CPU_IMP_ARM, 0xd41, 32 },		/* Cortex-A78 */
	{ ARM_CPU_IMP_ARM, 0xd42, 32 },		/* Cortex-A78AE */
	{ ARM_CPU_IMP_ARM, 0xd44, 32 },		/* Cortex-X1 */
	{ ARM_CPU_IMP_ARM, 0xd47, 32 },		/* Cortex-A710 */
	{ ARM_CPU_IMP_ARM, 0xd48, 32 },		/* Cortex-X2 */
	{ ARM_CPU_IMP_ARM, 0xd49, 32 },		/* Neoverse-N2 */
	{ ARM_CPU_IMP_ARM, 0xd4b, 32 },		/* Cortex-A78C */
	{ 0xc0, 0xac3, 11 },			/* Ampere-1 */
};

static long answers[3];		/* ARCH_WORKAROUND_1, _2, _3 */
static u32 loop_k;
static DEFINE_SPINLOCK(loop_k_lock);

static void probe_loop_k(void *unused)
{
	u32 midr = read_cpuid_id();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bhb_loop_parts); i++) {
		const struct bhb_loop_part *p = &bhb_loop_parts[i];

		if (MIDR_IMPLEMENTOR(midr) != p->implementer ||
		    MIDR_PARTNUM(midr) != p->part)
			continue;
		spin_lock(&loop_k_lock);
		loop_k = max(loop_k, p->k);
		spin_unlock(&loop_k_lock);
	}
}

/* Whether the firmware under this host implements @func. */
static bool firmware_has(u32 func)
{
	struct arm_smccc_res res;

	/* At EL2 (VHE) only an SMC conduit reaches a firmware. */
	if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_SMC)
		return false;
	arm_smccc_1_1_smc(ARM_SMCCC_ARCH_FEATURES_FUNC_ID, func, &res);
	return (long)res.a0 == SMCCC_RET_SUCCESS;
}

void avcpu_spectre_probe(void)
{
	bool v2 = cpus_have_cap(ARM64_SPECTRE_V2);
	bool bhb = cpus_have_cap(ARM64_SPECTRE_BHB);
	struct avcpu_hyp_config *c = &avcpu_hyp_cfg;
	u64 isar2 = read_sanitised_ftr_reg(SYS_ID_AA64ISAR2_EL1);
	bool fw_wa1 = v2 && firmware_has(ARM_SMCCC_ARCH_WORKAROUND_1);
	bool fw_wa3 = (v2 || bhb) &&
		      firmware_has(ARM_SMCCC_ARCH_WORKAROUND_3);
	bool bhb_done = false;

	if (bhb) {
		on_each_cpu(probe_loop_k, NULL, 1);
		if (cpuid_feature_extract_unsigned_field(isar2, 28)) {
			c->bhb_clear = 1;		/* CLRBHB */
			bhb_done = true;
		} else if (loop_k) {
			c->bhb_loop = loop_k;
			bhb_done = true;
		}
	}
	/* WORKAROUND_3 also does WORKAROUND_1's job (DEN0028 v1.4). */
	if ((bhb && !bhb_done && fw_wa3) || (v2 && !fw_wa1 && fw_wa3)) {
		c->bp_wa_func = ARM_SMCCC_ARCH_WORKAROUND_3;
		bhb_done = bhb;
	} else if (fw_wa1) {
		c->bp_wa_func = ARM_SMCCC_ARCH_WORKAROUND_1;
	}

	if (!v2)
		answers[0] = WA_RET_UNAFFECTED;
	else
		answers[0] = c->bp_wa_func ? SMCCC_RET_SUCCESS :
					     SMCCC_RET_NOT_SUPPORTED;
	/* Speculative store bypass: no dynamic mitigation is offered. */
	answers[1] = cpus_have_cap(ARM64_SPECTRE_V4) ?
		     SMCCC_RET_NOT_SUPPORTED : SMCCC_RET_NOT_REQUIRED;
	if (!bhb)
		answers[2] = WA_RET_UNAFFECTED;
	else
		answers[2] = bhb_done ? SMCCC_RET_SUCCESS :
					SMCCC_RET_NOT_SUPPORTED;
}

long avcpu_spectre_answer(u32 func)
{
	switch (func) {
	case ARM_SMCCC_ARCH_WORKAROUND_1:
		return answers[0];
	case ARM_SMCCC_ARCH_WORKAROUND_2:
		return answers[1];
	case ARM_SMCCC_ARCH_WORKAROUND_3:
		return answers[2];
	}
	return SMCCC_RET_NOT_SUPPORTED;
}
