/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nVHE only: EL2 vectors installed while the host kernel runs at EL1.
 * They serve the host's HVCs: the kernel's hyp-stub ABI, and avcpu's own
 * calls (nvhe-abi.h), which run C on this CPU's EL2 stack.
 */
#include <linux/linkage.h>
#include <asm/assembler.h>
#include <asm/esr.h>
#include <asm/sysreg.h>
#include "hyp.h"
#include "nvhe-abi.h"

#define SCTLR_EL2_MMU_BITS	(SCTLR_ELx_M | SCTLR_ELx_C | SCTLR_ELx_I)

	.section .avcpu.hyp.text, "ax"

.macro avcpu_host_slot label
	.align 7
.Lhslot_\label:
.endm

.macro avcpu_host_slot_end label
	.org .Lhslot_\label + 0x80
.endm

.macro avcpu_host_bad label
	avcpu_host_slot \label
0:	wfe
	b	0b
	avcpu_host_slot_end \label
.endm

	.align 11
SYM_CODE_START(__avcpu_nvhe_host_vectors)
	avcpu_host_bad	cur_sp0_sync
	avcpu_host_bad	cur_sp0_irq
	avcpu_host_bad	cur_sp0_fiq
	avcpu_host_bad	cur_sp0_serror
	avcpu_host_bad	cur_spx_sync
	avcpu_host_bad	cur_spx_irq
	avcpu_host_bad	cur_spx_fiq
	avcpu_host_bad	cur_spx_serror
	/* Lower EL, AArch64: the host kernel's HVCs. */
	avcpu_host_slot	a64_sync
	b	__avcpu_nvhe_host_hvc
	avcpu_host_slot_end a64_sync
	avcpu_host_bad	a64_irq
	avcpu_host_bad	a64_fiq
	avcpu_host_bad	a64_serror
	avcpu_host_bad	a32_sync
	avcpu_host_bad	a32_irq
	avcpu_host_bad	a32_fiq
	avcpu_host_bad	a32_serror
SYM_CODE_END(__avcpu_nvhe_host_vectors)
/* EL2 runs a copy of these; the module's own must not be probed either. */
NOKPROBE(__avcpu_nvhe_host_vectors)

/*
 * In:  x0 = function, x1-x3 = arguments (nvhe-abi.h); ESR_EL2 says HVC.
 * Out: eret to the host with x0 = result.
 */
SYM_CODE_START_LOCAL(__avcpu_nvhe_host_hvc)
	mrs	x9, esr_el2
	lsr	x9, x9, #ESR_ELx_EC_SHIFT
	cmp	x9, #ESR_ELx_EC_HVC64
	b.ne	.Lbad_call

	cmp	x0, #AVCPU_STUB_SOFT_RESTART
	b.eq	.Lsoft_restart
	cmp	x0, #AVCPU_STUB_RESET_VECTORS
	b.eq	.Lreset_vectors
	mov_q	x9, AVCPU_HVC_INIT
	cmp	x0, x9
	b.eq	.Linit
	sub	x9, x0, x9
	cmp	x9, #(AVCPU_HVC_LAST - AVCPU_HVC_INIT)
	b.hi	.Lbad_call

	/*
	 * avcpu's C calls, on this CPU's EL2 stack (set by INIT).  A guest
	 * run reuses ELR_EL2/SPSR_EL2: keep the host's return state.
	 */
	mrs	x9, elr_el2
	mrs	x10, spsr_el2
	stp	x9, x10, [sp, #-32]!
	stp	x29, x30, [sp, #16]
	bl	avcpu_nvhe_host_call
	ldp	x29, x30, [sp, #16]
	ldp	x9, x10, [sp], #32
	msr	elr_el2, x9
	msr	spsr_el2, x10
	eret

.Lbad_call:
	/* HVC_SET_VECTORS included: EL2 is taken while avcpu holds it. */
	mov_q	x0, AVCPU_STUB_ERR
	eret

/*
 * INIT, entered with the EL2 MMU off: x1 = PA of the init parameters.
 * Turns on an identity-mapped EL2 stage 1 with caches, the same memory
 * attributes as the kernel's linear map, and sets the EL2 stack.
 */
.Linit:
	/* The parameters are not mapped at EL2: read them all first. */
	ldr	x4, [x1, #AVCPU_INIT_SP]
	ldr	x2, [x1, #AVCPU_INIT_MAIR]
	msr	mair_el2, x2
	ldr	x2, [x1, #AVCPU_INIT_TCR]
	msr	tcr_el2, x2
	ldr	x2, [x1, #AVCPU_INIT_TTBR0]
	msr	ttbr0_el2, x2
	isb
	tlbi	alle2
	dsb	nsh
	mrs	x2, sctlr_el2
	mov_q	x3, SCTLR_EL2_MMU_BITS
	orr	x2, x2, x3
	msr	sctlr_el2, x2
	isb
	ic	iallu
	dsb	nsh
	isb
	mov	sp, x4
	mov	x0, #0
	eret

/* Give EL2 back to the kernel's stub: MMU off, its vectors again. */
.macro avcpu_release_el2
	mrs	x9, sctlr_el2
	mov_q	x10, SCTLR_EL2_MMU_BITS
	bic	x9, x9, x10
	msr	sctlr_el2, x9
	isb
	tlbi	alle2
	dsb	nsh
	ldr	x9, __avcpu_nvhe_stub_vbar
	msr	vbar_el2, x9
	isb
.endm

.Lreset_vectors:
	avcpu_release_el2
	mov	x0, #0
	eret

/* kexec: jump to x1 at EL2 with x0-x2 = x2-x4, as the stub does. */
.Lsoft_restart:
	avcpu_release_el2
	mov	x9, x1
	mov	x0, x2
	mov	x1, x3
	mov	x2, x4
	br	x9
SYM_CODE_END(__avcpu_nvhe_host_hvc)
NOKPROBE(__avcpu_nvhe_host_hvc)

/*
 * Reached through the stub's HVC_SOFT_RESTART, MMU off, before avcpu owns
 * EL2: hand the stub's VBAR_EL2 back in x0.  The stub left ELR_EL2 and
 * SPSR_EL2 pointing after the host's HVC.
 */
SYM_CODE_START(__avcpu_nvhe_capture)
	mrs	x0, vbar_el2
	eret
SYM_CODE_END(__avcpu_nvhe_capture)
NOKPROBE(__avcpu_nvhe_capture)

	.balign 8
SYM_DATA_START(__avcpu_nvhe_stub_vbar)
	.quad	0
SYM_DATA_END(__avcpu_nvhe_stub_vbar)
