/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest entry and exit: the only code that moves general-purpose
 * registers between a vCPU context and the CPU.  Shared by every host
 * mode; it runs at EL2 with all exceptions masked.
 */
#include <linux/linkage.h>
#include <asm/assembler.h>
#include "hyp.h"

	.section .avcpu.hyp.text, "ax"

/*
 * u64 __avcpu_guest_enter(struct avcpu_gp_regs *gp)
 *
 * In:  x0 = guest register context; DAIF masked; the guest's EL1 and EL2
 *      configuration already loaded.
 * Out: x0 = AVCPU_TRAP_* of the exception that ended the run; the guest's
 *      x0-x30, SP_EL0, PC and PSTATE saved in *gp; x18-x30, SP and SP_EL0
 *      as they were at the call.
 */
SYM_FUNC_START(__avcpu_guest_enter)
	sub	sp, sp, #AVCPU_FRAME_SIZE
	mrs	x1, sp_el0
	stp	x0, x1, [sp, #AVCPU_FRAME_CTXT]
	stp	x18, x19, [sp, #AVCPU_FRAME_X18]
	stp	x20, x21, [sp, #AVCPU_FRAME_X18 + 16]
	stp	x22, x23, [sp, #AVCPU_FRAME_X18 + 32]
	stp	x24, x25, [sp, #AVCPU_FRAME_X18 + 48]
	stp	x26, x27, [sp, #AVCPU_FRAME_X18 + 64]
	stp	x28, x29, [sp, #AVCPU_FRAME_X18 + 80]
	str	x30, [sp, #AVCPU_FRAME_X18 + 96]

	ldr	x1, [x0, #AVCPU_CTXT_SP_EL0]
	msr	sp_el0, x1
	ldp	x1, x2, [x0, #AVCPU_CTXT_PC]
	msr	elr_el2, x1
	msr	spsr_el2, x2

	ldp	x2, x3, [x0, #AVCPU_CTXT_X(2)]
	ldp	x4, x5, [x0, #AVCPU_CTXT_X(4)]
	ldp	x6, x7, [x0, #AVCPU_CTXT_X(6)]
	ldp	x8, x9, [x0, #AVCPU_CTXT_X(8)]
	ldp	x10, x11, [x0, #AVCPU_CTXT_X(10)]
	ldp	x12, x13, [x0, #AVCPU_CTXT_X(12)]
	ldp	x14, x15, [x0, #AVCPU_CTXT_X(14)]
	ldp	x16, x17, [x0, #AVCPU_CTXT_X(16)]
	ldp	x18, x19, [x0, #AVCPU_CTXT_X(18)]
	ldp	x20, x21, [x0, #AVCPU_CTXT_X(20)]
	ldp	x22, x23, [x0, #AVCPU_CTXT_X(22)]
	ldp	x24, x25, [x0, #AVCPU_CTXT_X(24)]
	ldp	x26, x27, [x0, #AVCPU_CTXT_X(26)]
	ldp	x28, x29, [x0, #AVCPU_CTXT_X(28)]
	ldr	x30, [x0, #AVCPU_CTXT_X(30)]
	ldp	x0, x1, [x0, #AVCPU_CTXT_X(0)]
	eret
	/* Nothing after the ERET may execute, even speculatively. */
	dsb	nsh
	isb
SYM_FUNC_END(__avcpu_guest_enter)
/* A kprobe's BRK here would be taken at EL2 with the guest's state. */
NOKPROBE(__avcpu_guest_enter)

/*
 * Common exit, reached from a lower-EL vector slot.
 *
 * In:  x1 = AVCPU_TRAP_*; the guest's x0 and x1 pushed on the EL2 stack
 *      right above the host frame; every other register still the guest's.
 * Out: returns from __avcpu_guest_enter with x0 = the trap code.
 */
SYM_CODE_START(__avcpu_guest_exit)
	ldr	x0, [sp, #16 + AVCPU_FRAME_CTXT]
	stp	x2, x3, [x0, #AVCPU_CTXT_X(2)]
	stp	x4, x5, [x0, #AVCPU_CTXT_X(4)]
	stp	x6, x7, [x0, #AVCPU_CTXT_X(6)]
	stp	x8, x9, [x0, #AVCPU_CTXT_X(8)]
	stp	x10, x11, [x0, #AVCPU_CTXT_X(10)]
	stp	x12, x13, [x0, #AVCPU_CTXT_X(12)]
	stp	x14, x15, [x0, #AVCPU_CTXT_X(14)]
	stp	x16, x17, [x0, #AVCPU_CTXT_X(16)]
	stp	x18, x19, [x0, #AVCPU_CTXT_X(18)]
	stp	x20, x21, [x0, #AVCPU_CTXT_X(20)]
	stp	x22, x23, [x0, #AVCPU_CTXT_X(22)]
	stp	x24, x25, [x0, #AVCPU_CTXT_X(24)]
	stp	x26, x27, [x0, #AVCPU_CTXT_X(26)]
	stp	x28, x29, [x0, #AVCPU_CTXT_X(28)]
	str	x30, [x0, #AVCPU_CTXT_X(30)]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #AVCPU_CTXT_X(0)]

	mrs	x2, sp_el0
	str	x2, [x0, #AVCPU_CTXT_SP_EL0]
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x2, x3, [x0, #AVCPU_CTXT_PC]

	/*
	 * Branch-predictor hardening (module/spectre.c decides which steps
	 * this host needs), before the host's first indirect branch: the
	 * ret below.  Only direct branches until then.
	 */
	ldr	w2, [x0, #AVCPU_CTXT_BHB_CLEAR]
	cbz	w2, 1f
	hint	#22			// clrbhb
	isb
1:	ldr	w2, [x0, #AVCPU_CTXT_BHB_LOOP]
	cbz	w2, 3f
2:	b	. + 4			// one taken branch per iteration
	subs	w2, w2, #1
	b.ne	2b
	dsb	nsh
	isb
3:	ldr	w2, [x0, #AVCPU_CTXT_BP_WA]
	cbz	w2, 4f
	/* SMCCC 1.1: the workaround calls clobber x0-x3 only. */
	mov	x4, x0
	mov	x5, x1
	mov	w0, w2
	smc	#0
	mov	x0, x4
	mov	x1, x5
4:

	ldr	x2, [sp, #AVCPU_FRAME_SP_EL0]
	msr	sp_el0, x2
	mov	x0, x1
	ldp	x18, x19, [sp, #AVCPU_FRAME_X18]
	ldp	x20, x21, [sp, #AVCPU_FRAME_X18 + 16]
	ldp	x22, x23, [sp, #AVCPU_FRAME_X18 + 32]
	ldp	x24, x25, [sp, #AVCPU_FRAME_X18 + 48]
	ldp	x26, x27, [sp, #AVCPU_FRAME_X18 + 64]
	ldp	x28, x29, [sp, #AVCPU_FRAME_X18 + 80]
	ldr	x30, [sp, #AVCPU_FRAME_X18 + 96]
	add	sp, sp, #AVCPU_FRAME_SIZE
	ret
SYM_CODE_END(__avcpu_guest_exit)
NOKPROBE(__avcpu_guest_exit)

/*
 * u64 __avcpu_serror_window(void)
 *
 * For CPUs without RAS (no ESB): an SError the guest caused may still be
 * pending at exit.  Unmask SError for a moment, with avcpu's vectors in
 * VBAR_EL2, so that it is taken here rather than in the host.
 * Out: x0 = ESR_EL2 of the SError taken, or 0; SError masked again.
 * Clobbers x0 only (the vector preserves the rest).
 */
SYM_FUNC_START(__avcpu_serror_window)
	mov	x0, xzr
	dsb	sy
	isb
	msr	daifclr, #4
	isb
	nop
	msr	daifset, #4
	isb
SYM_INNER_LABEL(__avcpu_serror_window_end, SYM_L_GLOBAL)
	ret
SYM_FUNC_END(__avcpu_serror_window)
NOKPROBE(__avcpu_serror_window)
