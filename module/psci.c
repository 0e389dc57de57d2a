// SPDX-License-Identifier: GPL-2.0
/*
 * The SMCCC functions the module answers for the guest without leaving
 * the kernel: PSCI 1.0 (SMC32 and SMC64 IDs, over HVC or SMC), and the
 * SMCCC 1.1 architecture calls SMCCC_VERSION, SMCCC_ARCH_FEATURES and
 * ARCH_WORKAROUND_1/2/3.  A vCPU's power state lives here too.
 *
 * Rules followed:
 *  - PSCI 1.0 (DEN0022): CPU_ON starts the target at the entry point in
 *    AArch64 EL1h, MMU and caches off, DAIF masked, x0 = context id,
 *    with the caller's EL1 endianness (SCTLR_EL1.EE);
 *    AFFINITY_INFO answers for the vCPUs whose affinity fields match at
 *    and above the given level.
 *  - SMCCC 1.1 (DEN0028): ARCH_FEATURES of ARCH_WORKAROUND_n answers
 *    what spectre.c decided: true to what the exit path does.
 */
#include <linux/arm-smccc.h>
#include <linux/sched/signal.h>
#include <uapi/linux/psci.h>
#include "avcpu.h"

static long arch_features(u32 func)
{
	switch (func) {
	case ARM_SMCCC_VERSION_FUNC_ID:
	case ARM_SMCCC_ARCH_FEATURES_FUNC_ID:
		return SMCCC_RET_SUCCESS;
	case ARM_SMCCC_ARCH_WORKAROUND_1:
	case ARM_SMCCC_ARCH_WORKAROUND_2:
	case ARM_SMCCC_ARCH_WORKAROUND_3:
		return avcpu_spectre_answer(func);
	}
	return SMCCC_RET_NOT_SUPPORTED;
}

/* The PSCI functions implemented here (PSCI_FEATURES answers 0). */
static bool psci_implemented(u32 func)
{
	switch (func) {
	case PSCI_0_2_FN_PSCI_VERSION:
	case PSCI_0_2_FN_CPU_SUSPEND:
	case PSCI_0_2_FN64_CPU_SUSPEND:
	case PSCI_0_2_FN_CPU_OFF:
	case PSCI_0_2_FN_CPU_ON:
	case PSCI_0_2_FN64_CPU_ON:
	case PSCI_0_2_FN_AFFINITY_INFO:
	case PSCI_0_2_FN64_AFFINITY_INFO:
	case PSCI_0_2_FN_MIGRATE_INFO_TYPE:
	case PSCI_0_2_FN_SYSTEM_OFF:
	case PSCI_0_2_FN_SYSTEM_RESET:
	case PSCI_1_0_FN_PSCI_FEATURES:
	case ARM_SMCCC_VERSION_FUNC_ID:
		return true;
	}
	return false;
}

/* Caller holds vm->lock. */
static struct avcpu_vcpu *find_vcpu(struct avcpu_vm *vm, u64 mpidr)
{
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus; i++)
		if (vm->vcpus[i]->mpidr == (mpidr & AVCPU_MPIDR_AFF_MASK))
			return vm->vcpus[i];
	return NULL;
}

static long psci_cpu_on(struct avcpu_vcpu *vcpu, u64 target, u64 pc, u64 ctx)
{
	struct avcpu_vm *vm = vcpu->vm;
	struct avcpu_vcpu *t;
	long ret;

	if (target & ~AVCPU_MPIDR_AFF_MASK)
		return PSCI_RET_INVALID_PARAMS;
	if (!IS_ALIGNED(pc, 4))
		return PSCI_RET_INVALID_ADDRESS;

	mutex_lock(&vm->lock);
	t = find_vcpu(vm, target);
	if (!t) {
		mutex_unlock(&vm->lock);
		return PSCI_RET_INVALID_PARAMS;
	}
	spin_lock(&t->power_lock);
	if (t->power.system_event) {
		/*
		 * The VM is stopping (SYSTEM_OFF/RESET): DENIED is no CPU_ON
		 * answer (DEN0022, 5.6), and the caller stops too before it
		 * could look at the answer.
		 */
		ret = PSCI_RET_INTERNAL_FAILURE;
	} else if (t->power.on_pending) {
		ret = PSCI_RET_ON_PENDING;
	} else if (!t->power.off) {
		ret = PSCI_RET_ALREADY_ON;
	} else {
		t->power.on_pending = true;
		t->power.on_pc = pc;
		t->power.on_ctx = ctx;
		/* The target starts with the caller's EL1 endianness. */
		t->power.on_be = !!(avcpu_vcpu_sctlr(vcpu) & SCTLR_ELx_EE);
		t->power.off = false;
		ret = PSCI_RET_SUCCESS;
	}
	spin_unlock(&t->power_lock);
	if (ret == PSCI_RET_SUCCESS)
		avcpu_vcpu_kick(t);
	mutex_unlock(&vm->lock);
	return ret;
}

static long psci_affinity_info(struct avcpu_vcpu *vcpu, u64 target, u64 lvl)
{
	struct avcpu_vm *vm = vcpu->vm;
	u64 mask = AVCPU_MPIDR_AFF_MASK;
	bool found = false, pending = false;
	unsigned int i;

	if (lvl > 3 || target & ~AVCPU_MPIDR_AFF_MASK)
		return PSCI_RET_INVALID_PARAMS;
	/* Ignore the affinity fields below the requested level. */
	if (lvl == 3)
		mask = GENMASK_ULL(39, 32);
	else if (lvl)
		mask &= ~GENMASK_ULL(lvl * 8 - 1, 0);

	mutex_lock(&vm->lock);
	for (i = 0; i < vm->nr_vcpus; i++) {
		struct avcpu_vcpu *v = vm->vcpus[i];
		bool on;

		if ((v->mpidr & mask) != (target & mask))
			continue;
		found = true;
		spin_lock(&v->power_lock);
		on = !v->power.off && !v->power.on_pending;
		pending |= v->power.on_pending;
		spin_unlock(&v->power_lock);
		if (on) {
			mutex_unlock(&vm->lock);
			return PSCI_0_2_AFFINITY_LEVEL_ON;
		}
	}
	mutex_unlock(&vm->lock);
	if (!found)
		return PSCI_RET_INVALID_PARAMS;
	return pending ? PSCI_0_2_AFFINITY_LEVEL_ON_PENDING :
			 PSCI_0_2_AFFINITY_LEVEL_OFF;
}

static void psci_cpu_off(struct avcpu_vcpu *vcpu)
{
	spin_lock(&vcpu->power_lock);
	vcpu->power.off = true;
	spin_unlock(&vcpu->power_lock);
}

/*
 * SYSTEM_OFF and SYSTEM_RESET: stop every vCPU of the VM, wait until
 * none of them is in the guest any more, then report to the VMM.
 */
static int psci_system_event(struct avcpu_vcpu *vcpu, u32 type)
{
	struct avcpu_vm *vm = vcpu->vm;
	unsigned int i;

	mutex_lock(&vm->lock);
	/* Two vCPUs racing (OFF and RESET): the first one wins for all. */
	for (i = 0; i < vm->nr_vcpus; i++)
		type = READ_ONCE(vm->vcpus[i]->power.system_event) ?: type;
	for (i = 0; i < vm->nr_vcpus; i++) {
		struct avcpu_vcpu *v = vm->vcpus[i];

		spin_lock(&v->power_lock);
		v->power.off = true;
		v->power.on_pending = false;
		v->power.system_event = type;
		spin_unlock(&v->power_lock);
		avcpu_vcpu_kick(v);
	}
	for (i = 0; i < vm->nr_vcpus; i++)
		while (READ_ONCE(vm->vcpus[i]->in_guest))
			cpu_relax();
	mutex_unlock(&vm->lock);
	return avcpu_vcpu_wait_power(vcpu);
}

/*
 * An SMCCC call for the kernel: x0 is the function ID.  Returns >0 to
 * re-enter the guest with the result in x0 (x1-x3 as the function says),
 * 0 for an exit already described in vcpu->run, <0 for an error.
 */
int avcpu_smccc_call(struct avcpu_vcpu *vcpu)
{
	u64 *x = vcpu->hyp->gp.regs;
	u32 func = (u32)x[0];
	bool smc32 = !(func & BIT(ARM_SMCCC_CALL_CONV_SHIFT));
	long ret = PSCI_RET_NOT_SUPPORTED;
	u64 a1 = x[1], a2 = x[2], a3 = x[3];

	if (smc32) {
		a1 = (u32)a1;
		a2 = (u32)a2;
		a3 = (u32)a3;
	}

	switch (func) {
	case ARM_SMCCC_VERSION_FUNC_ID:
		ret = ARM_SMCCC_VERSION_1_1;
		break;
	case ARM_SMCCC_ARCH_FEATURES_FUNC_ID:
		ret = arch_features((u32)a1);
		break;
	case ARM_SMCCC_ARCH_WORKAROUND_1:
	case ARM_SMCCC_ARCH_WORKAROUND_3:
		/* The exit path already made the firmware call: return. */
		ret = SMCCC_RET_SUCCESS;
		break;
	case PSCI_0_2_FN_PSCI_VERSION:
		ret = PSCI_VERSION(1, 0);
		break;
	case PSCI_1_0_FN_PSCI_FEATURES:
		ret = psci_implemented((u32)a1) ? PSCI_RET_SUCCESS :
						  PSCI_RET_NOT_SUPPORTED;
		break;
	case PSCI_0_2_FN_CPU_SUSPEND:
	case PSCI_0_2_FN64_CPU_SUSPEND:
		/* Every power state is a standby: sleep as WFI would. */
		x[0] = PSCI_RET_SUCCESS;
		return avcpu_vcpu_block(vcpu);
	case PSCI_0_2_FN_CPU_OFF:
		psci_cpu_off(vcpu);
		return 1;
	case PSCI_0_2_FN_CPU_ON:
	case PSCI_0_2_FN64_CPU_ON:
		ret = psci_cpu_on(vcpu, a1, a2, a3);
		break;
	case PSCI_0_2_FN_AFFINITY_INFO:
	case PSCI_0_2_FN64_AFFINITY_INFO:
		ret = psci_affinity_info(vcpu, a1, a2);
		break;
	case PSCI_0_2_FN_MIGRATE_INFO_TYPE:
		ret = PSCI_0_2_TOS_MP;
		break;
	case PSCI_0_2_FN_SYSTEM_OFF:
		return psci_system_event(vcpu, AVCPU_SYSTEM_OFF);
	case PSCI_0_2_FN_SYSTEM_RESET:
		return psci_system_event(vcpu, AVCPU_SYSTEM_RESET);
	}
	x[0] = (u64)ret;
	return 1;
}

/*
 * Before each entry: apply a CPU_ON, report a system event, or sleep
 * while the vCPU is powered off.  Returns 1 to run the guest, 0 for an
 * exit described in vcpu->run, -EINTR for a signal.
 */
int avcpu_vcpu_wait_power(struct avcpu_vcpu *vcpu)
{
	struct avcpu_power *p = &vcpu->power;
	struct avcpu_run *run = vcpu->run;

	for (;;) {
		bool off;

		spin_lock(&vcpu->power_lock);
		if (p->system_event) {
			run->exit_reason = AVCPU_EXIT_SYSTEM_EVENT;
			memset(&run->system_event, 0, sizeof(run->system_event));
			run->system_event.type = p->system_event;
			spin_unlock(&vcpu->power_lock);
			return 0;
		}
		if (p->on_pending) {
			avcpu_vcpu_reset_regs(vcpu, p->on_pc, p->on_ctx);
			if (p->on_be)
				vcpu->hyp->sys[AVCPU_SCTLR_EL1] |= SCTLR_ELx_EE;
			p->on_pending = false;
		}
		off = p->off;
		spin_unlock(&vcpu->power_lock);
		if (!off)
			return 1;
		if (rcuwait_wait_event(&vcpu->wait,
				       !READ_ONCE(p->off) ||
				       READ_ONCE(p->system_event),
				       TASK_INTERRUPTIBLE)) {
			run->exit_reason = AVCPU_EXIT_INTR;
			return -EINTR;
		}
	}
}
