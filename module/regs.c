// SPDX-License-Identifier: GPL-2.0
/*
 * vCPU register state: reset values and AVCPU_{GET,SET}_ONE_REG access
 * with KVM's arm64 register id encoding.
 */
#include <linux/uaccess.h>
#include <asm/cputype.h>
#include <asm/kvm_arm.h>
#include <asm/ptrace.h>
#include "avcpu.h"

/* SCTLR_EL1 reset: RES1 bits only, MMU, caches and alignment checks off. */
#define AVCPU_SCTLR_EL1_RESET	0x30C50830ULL

/* PSTATE bits a VMM may set; the mode must be EL0t, EL1t or EL1h. */
#define AVCPU_PSTATE_ALLOWED	(GENMASK_ULL(31, 28) | BIT(24) | BIT(23) | \
				 BIT(22) | BIT(21) | BIT(20) | BIT(12) | \
				 GENMASK_ULL(9, 6) | GENMASK_ULL(3, 0))

struct avcpu_sysreg_id {
	u64 id;
	enum avcpu_sysreg idx;
};

static const struct avcpu_sysreg_id sysreg_ids[] = {
	{ AVCPU_REG_SCTLR_EL1, AVCPU_SCTLR_EL1 },
	{ AVCPU_REG_ACTLR_EL1, AVCPU_ACTLR_EL1 },
	{ AVCPU_REG_CPACR_EL1, AVCPU_CPACR_EL1 },
	{ AVCPU_REG_TTBR0_EL1, AVCPU_TTBR0_EL1 },
	{ AVCPU_REG_TTBR1_EL1, AVCPU_TTBR1_EL1 },
	{ AVCPU_REG_TCR_EL1, AVCPU_TCR_EL1 },
	{ AVCPU_REG_AFSR0_EL1, AVCPU_AFSR0_EL1 },
	{ AVCPU_REG_AFSR1_EL1, AVCPU_AFSR1_EL1 },
	{ AVCPU_REG_ESR_EL1, AVCPU_ESR_EL1 },
	{ AVCPU_REG_FAR_EL1, AVCPU_FAR_EL1 },
	{ AVCPU_REG_PAR_EL1, AVCPU_PAR_EL1 },
	{ AVCPU_REG_MAIR_EL1, AVCPU_MAIR_EL1 },
	{ AVCPU_REG_AMAIR_EL1, AVCPU_AMAIR_EL1 },
	{ AVCPU_REG_VBAR_EL1, AVCPU_VBAR_EL1 },
	{ AVCPU_REG_CONTEXTIDR_EL1, AVCPU_CONTEXTIDR_EL1 },
	{ AVCPU_REG_TPIDR_EL1, AVCPU_TPIDR_EL1 },
	{ AVCPU_REG_CNTKCTL_EL1, AVCPU_CNTKCTL_EL1 },
	{ AVCPU_REG_CSSELR_EL1, AVCPU_CSSELR_EL1 },
	{ AVCPU_REG_TPIDR_EL0, AVCPU_TPIDR_EL0 },
	{ AVCPU_REG_TPIDRRO_EL0, AVCPU_TPIDRRO_EL0 },
	{ AVCPU_REG_CNTV_CTL_EL0, AVCPU_CNTV_CTL_EL0 },
	{ AVCPU_REG_CNTV_CVAL_EL0, AVCPU_CNTV_CVAL_EL0 },
	{ AVCPU_REG_CNTP_CTL_EL0, AVCPU_CNTP_CTL_EL0 },
	{ AVCPU_REG_CNTP_CVAL_EL0, AVCPU_CNTP_CVAL_EL0 },
	{ AVCPU_REG_MDSCR_EL1, AVCPU_MDSCR_EL1 },
	{ AVCPU_REG_SP_EL1, AVCPU_SP_EL1 },
	{ AVCPU_REG_ELR_EL1, AVCPU_ELR_EL1 },
	{ AVCPU_REG_SPSR_EL1, AVCPU_SPSR_EL1 },
};

/* Core ids without a sysreg slot, in AVCPU_GET_REG_LIST order. */
static const u64 core_ids[] = {
	AVCPU_REG_SP_EL0, AVCPU_REG_PC, AVCPU_REG_PSTATE,
};

/*
 * The architectural reset state, entered at @pc with x0 = @x0: creation,
 * PSCI CPU_ON and AVCPU_VCPU_RESET.  May run under the power spinlock.
 */
void avcpu_vcpu_reset_regs(struct avcpu_vcpu *vcpu, u64 pc, u64 x0)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;

	/* Nothing of the old state may stay in a CPU (run.c). */
	avcpu_vcpu_el1_sync(vcpu);
	memset(&hv->gp, 0, sizeof(hv->gp));
	memset(hv->sys, 0, sizeof(hv->sys));
	memset(&vcpu->fp, 0, sizeof(vcpu->fp));
	hv->hcr &= ~HCR_VSE;
	hv->gp.regs[0] = x0;
	hv->gp.pc = pc;
	hv->gp.pstate = PSR_MODE_EL1h | PSR_D_BIT | PSR_A_BIT | PSR_I_BIT |
			PSR_F_BIT;
	hv->sys[AVCPU_SCTLR_EL1] = AVCPU_SCTLR_EL1_RESET;
	/* MPIDR_EL1 bit 31 is RES1; U (bit 30) clear: a multiprocessor. */
	hv->vmpidr = vcpu->mpidr | BIT_ULL(31);
	/*
	 * The guest sees the MIDR of the CPU its vCPU was created on, the
	 * same after a reset (PSCI CPU_ON may run on another kind of CPU).
	 */
	if (!hv->vpidr)
		hv->vpidr = read_cpuid_id();
	vcpu->pending = AVCPU_PENDING_NONE;
	vcpu->exit_advanced = false;
	vcpu->exit_abort = false;
	/* Caches off again: no set/way op seen yet (sysreg.c). */
	vcpu->trap_vm = false;
}

/* Where register @id lives, or NULL if avcpu has no such register. */
static u64 *reg_slot(struct avcpu_vcpu *vcpu, u64 id)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	unsigned int i;

	for (i = 0; i < 31; i++) {
		if (id == AVCPU_REG_X(i)) {
			/* x0-x7 of a pending hypercall live in the run page. */
			if (i < 8 && vcpu->pending == AVCPU_PENDING_HYPERCALL)
				return &vcpu->run->hypercall.x[i];
			return &hv->gp.regs[i];
		}
	}
	switch (id) {
	case AVCPU_REG_SP_EL0:
		return &hv->gp.sp_el0;
	case AVCPU_REG_PC:
		return &hv->gp.pc;
	case AVCPU_REG_PSTATE:
		return &hv->gp.pstate;
	case AVCPU_REG_MPIDR_EL1:
		return &hv->vmpidr;
	}
	for (i = 0; i < ARRAY_SIZE(sysreg_ids); i++)
		if (sysreg_ids[i].id == id)
			return &hv->sys[sysreg_ids[i].idx];
	return NULL;
}

/*
 * FP/SIMD registers: V0-V31 (128-bit), FPSR and FPCR (32-bit).  Returns
 * where the value lives and its size, or NULL.
 */
static void *fp_reg(struct avcpu_vcpu *vcpu, u64 id, unsigned int *size)
{
	u64 word = id & 0xffff;

	if ((id & ~0xffffULL) == (AVCPU_REG_ARM64 | AVCPU_REG_SIZE_U128 |
				  AVCPU_REG_CORE) &&
	    word >= 84 && word < 84 + 32 * 4 && !((word - 84) % 4)) {
		*size = 16;
		return &vcpu->fp.v[(word - 84) / 4];
	}
	*size = 4;
	if (id == AVCPU_REG_FPSR)
		return &vcpu->fp.fpsr;
	if (id == AVCPU_REG_FPCR)
		return &vcpu->fp.fpcr;
	return NULL;
}

static int fp_one_reg(struct avcpu_vcpu *vcpu, const struct avcpu_one_reg *r,
		      bool set)
{
	void __user *uaddr = u64_to_user_ptr(r->addr);
	unsigned int size;
	void *p = fp_reg(vcpu, r->id, &size);

	if (!p)
		return -ENOENT;
	if (set)
		return copy_from_user(p, uaddr, size) ? -EFAULT : 0;
	return copy_to_user(uaddr, p, size) ? -EFAULT : 0;
}

/*
 * Read and check an avcpu_one_reg, once: *slot is where a 64-bit
 * register lives, or NULL for an FP/SIMD register (fp_one_reg()).
 */
static int one_reg_arg(struct avcpu_vcpu *vcpu, void __user *uarg,
		       struct avcpu_one_reg *r, u64 **slot)
{
	unsigned int size;

	if (copy_from_user(r, uarg, sizeof(*r)))
		return -EFAULT;
	if (r->flags || r->pad || r->reserved)
		return -EINVAL;
	*slot = NULL;
	if (fp_reg(vcpu, r->id, &size))
		return 0;
	*slot = reg_slot(vcpu, r->id);
	return *slot ? 0 : -ENOENT;
}

int avcpu_vcpu_get_one_reg(struct avcpu_vcpu *vcpu, void __user *uarg)
{
	struct avcpu_one_reg r;
	u64 *slot;
	int ret;

	ret = one_reg_arg(vcpu, uarg, &r, &slot);
	if (ret)
		return ret;
	if (!slot)
		return fp_one_reg(vcpu, &r, false);
	/* The emulated timer's ISTATUS is computed when read. */
	if (r.id == AVCPU_REG_CNTP_CTL_EL0)
		return put_user(avcpu_ptimer_ctl(vcpu),
				(u64 __user *)u64_to_user_ptr(r.addr));
	return put_user(*slot, (u64 __user *)u64_to_user_ptr(r.addr));
}

static bool pstate_valid(u64 v)
{
	u64 mode = v & PSR_MODE_MASK;

	if (v & ~AVCPU_PSTATE_ALLOWED)
		return false;
	return mode == PSR_MODE_EL0t || mode == PSR_MODE_EL1t ||
	       mode == PSR_MODE_EL1h;
}

int avcpu_vcpu_set_one_reg(struct avcpu_vcpu *vcpu, void __user *uarg)
{
	struct avcpu_one_reg r;
	u64 *slot, v;
	int ret;

	ret = one_reg_arg(vcpu, uarg, &r, &slot);
	if (ret)
		return ret;
	if (!slot)
		return fp_one_reg(vcpu, &r, true);
	if (get_user(v, (u64 __user *)u64_to_user_ptr(r.addr)))
		return -EFAULT;

	switch (r.id) {
	case AVCPU_REG_PSTATE:
		/* Never let a guest return to EL2 or to AArch32 state. */
		if (!pstate_valid(v))
			return -EINVAL;
		break;
	case AVCPU_REG_MPIDR_EL1:
		/* MPIDRs are unique within a VM, fixed once attached. */
		if (vcpu->vm)
			return -EBUSY;
		if ((v & ~BIT_ULL(31)) & ~AVCPU_MPIDR_AFF_MASK)
			return -EINVAL;
		vcpu->mpidr = v & ~BIT_ULL(31);
		v |= BIT_ULL(31);
		break;
	case AVCPU_REG_CNTV_CTL_EL0:
	case AVCPU_REG_CNTP_CTL_EL0:
		/* ISTATUS is read-only. */
		v &= GENMASK_ULL(1, 0);
		break;
	}
	/* A CPU may hold an older copy of the EL1 registers (run.c). */
	avcpu_vcpu_el1_sync(vcpu);
	*slot = v;
	return 0;
}

int avcpu_vcpu_get_reg_list(struct avcpu_vcpu *vcpu, void __user *uarg)
{
	struct avcpu_reg_list __user *ulist = uarg;
	u64 n, total = 31 + ARRAY_SIZE(core_ids) + 1 + ARRAY_SIZE(sysreg_ids) +
		       32 + 2;
	u64 __user *out = ulist->reg;
	unsigned int i;
	u32 flags, pad;

	if (get_user(n, &ulist->n) || get_user(flags, &ulist->flags) ||
	    get_user(pad, &ulist->pad))
		return -EFAULT;
	if (flags || pad)
		return -EINVAL;
	if (put_user(total, &ulist->n))
		return -EFAULT;
	if (n < total)
		return -E2BIG;
	for (i = 0; i < 31; i++)
		if (put_user(AVCPU_REG_X(i), out++))
			return -EFAULT;
	for (i = 0; i < ARRAY_SIZE(core_ids); i++)
		if (put_user(core_ids[i], out++))
			return -EFAULT;
	if (put_user(AVCPU_REG_MPIDR_EL1, out++))
		return -EFAULT;
	for (i = 0; i < ARRAY_SIZE(sysreg_ids); i++)
		if (put_user(sysreg_ids[i].id, out++))
			return -EFAULT;
	for (i = 0; i < 32; i++)
		if (put_user(AVCPU_REG_V(i), out++))
			return -EFAULT;
	if (put_user(AVCPU_REG_FPSR, out++) || put_user(AVCPU_REG_FPCR, out++))
		return -EFAULT;
	return 0;
}
