// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's FP/SIMD registers.  A module may use the FP unit only
 * between kernel_neon_begin() and kernel_neon_end(): the first saves
 * whatever the host had live in the registers (the task's FP/SVE/SME
 * state) and the second lets the task reload it before it next runs in
 * userspace.  Neither side may sleep in between.
 *
 * So the switch is lazy per RUN: a vCPU enters with FP/SIMD trapped;
 * the guest's first FP instruction traps to EL2 and from then on, for
 * the rest of this RUN, each entry loads the guest's V0-V31/FPSR/FPCR
 * inside a kernel_neon_begin/end pair, enters with the trap off, and
 * saves them right after the exit, before anything that may sleep.
 * SVE and SME stay trapped: the guest sees neither (ID registers).
 */
#include <asm/neon.h>
#include "avcpu.h"

void avcpu_fp_enter(struct avcpu_vcpu *vcpu)
{
	kernel_neon_begin();
	avcpu_fp_load_regs(&vcpu->fp);
	vcpu->hyp->hyp_flags |= AVCPU_HYP_FP_LOADED;
}

void avcpu_fp_put(struct avcpu_vcpu *vcpu)
{
	avcpu_fp_save_regs(&vcpu->fp);
	vcpu->hyp->hyp_flags &= ~AVCPU_HYP_FP_LOADED;
	kernel_neon_end();
}

/* EC 0x07: the guest's first FP/SIMD use in this RUN. */
int avcpu_handle_fp_trap(struct avcpu_vcpu *vcpu)
{
	/* Counted as exit_fp (exit.c): one per RUN that uses FP/SIMD. */
	vcpu->fp_used = true;
	return 1;
}
