/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL2 exception vectors installed while a guest runs.
 *
 * Exceptions from the guest (lower EL, AArch64 or AArch32 EL0) end the
 * run with an AVCPU_TRAP_* code.  An SError taken from EL2 inside
 * __avcpu_serror_window is the guest's, consumed on purpose.  Any other
 * exception taken from EL2 itself can only come from a defect in avcpu's
 * EL2 code, as everything there runs with DAIF masked; it parks the CPU
 * rather than run on corrupt state.
 */
#include <linux/linkage.h>
#include <asm/assembler.h>
#include "hyp.h"

	.section .avcpu.hyp.text, "ax"

/* One 128-byte slot; the .org fails the build if a slot overflows. */
.macro avcpu_vect_slot label
	.align 7
.Lslot_\label:
.endm

.macro avcpu_slot_end label
	.org .Lslot_\label + 0x80
.endm

/* A guest exception: ESB defers a pending SError into DISR_EL1 (RAS). */
.macro avcpu_guest_trap label, code
	avcpu_vect_slot \label
	hint	#16			// esb
	stp	x0, x1, [sp, #-16]!
	mov	x1, #\code
	b	__avcpu_guest_exit
	avcpu_slot_end \label
.endm

.macro avcpu_hyp_bad label
	avcpu_vect_slot \label
0:	wfe
	b	0b
	avcpu_slot_end \label
.endm

	.align 11
SYM_CODE_START(__avcpu_hyp_vectors)
	/* Current EL with SP_EL0, then with SP_ELx: not expected. */
	avcpu_hyp_bad	cur_sp0_sync
	avcpu_hyp_bad	cur_sp0_irq
	avcpu_hyp_bad	cur_sp0_fiq
	avcpu_hyp_bad	cur_sp0_serror
	avcpu_hyp_bad	cur_spx_sync
	avcpu_hyp_bad	cur_spx_irq
	avcpu_hyp_bad	cur_spx_fiq
	avcpu_vect_slot	cur_spx_serror
	stp	x2, x3, [sp, #-16]!
	mrs	x2, elr_el2
	adr	x3, __avcpu_serror_window
	cmp	x2, x3
	b.lo	0f
	adr	x3, __avcpu_serror_window_end
	cmp	x2, x3
	b.hi	0f
	/* __avcpu_serror_window returns the SError's syndrome. */
	mrs	x0, esr_el2
	ldp	x2, x3, [sp], #16
	eret
0:	wfe
	b	0b
	avcpu_slot_end	cur_spx_serror
	/* Lower EL, AArch64: the guest kernel or its EL0. */
	avcpu_guest_trap	a64_sync, AVCPU_TRAP_SYNC
	avcpu_guest_trap	a64_irq, AVCPU_TRAP_IRQ
	avcpu_guest_trap	a64_fiq, AVCPU_TRAP_FIQ
	avcpu_guest_trap	a64_serror, AVCPU_TRAP_SERROR
	/* Lower EL, AArch32: a guest's 32-bit EL0 trapping to EL2. */
	avcpu_guest_trap	a32_sync, AVCPU_TRAP_SYNC
	avcpu_guest_trap	a32_irq, AVCPU_TRAP_IRQ
	avcpu_guest_trap	a32_fiq, AVCPU_TRAP_FIQ
	avcpu_guest_trap	a32_serror, AVCPU_TRAP_SERROR
SYM_CODE_END(__avcpu_hyp_vectors)
NOKPROBE(__avcpu_hyp_vectors)
