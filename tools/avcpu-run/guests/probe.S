/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The probe guest: what a guest sees when it does what the machine does
 * not implement.  Bare metal, EL1, one CPU, position independent, and it
 * writes no memory of its own (registers only), so that it runs from
 * RAM or from read-only flash alike.
 *
 * It installs its own exception vectors, runs each case of the table
 * below and prints one line per case on the PL011:
 *
 *   probe <name>: x0=<16 hex> exc=none
 *   probe <name>: x0=<16 hex> esr=<8 hex> far=<16 hex>|- elr=insn|<16 hex>
 *   probe <name>: skipped
 *
 * x0 is its value after the case; esr, far and elr are what the guest's
 * handler saw in ESR_EL1, FAR_EL1 (aborts only: EC 0x20 to 0x25, "-"
 * otherwise) and ELR_EL1 ("insn" when ELR_EL1 is the instruction under
 * test, the one labelled 9: in the case).  The handler skips the
 * faulting instruction, except after an instruction abort (EC 0x21),
 * where it returns to the LR: the bad address was reached by a call.
 * Then "probe done", and PSCI SYSTEM_OFF.  An exception at another
 * vector prints "probe unexpected: ..." and powers off at once.
 *
 * Adding a case: copy one, between probe_begin "<name>" and probe_end;
 * label the instruction under test 9: (labels 6 and 7 are the macros');
 * whatever it leaves in x0 is printed.  x19 (the UART) and x20-x28 are
 * the harness's.  selftests/test_probe.c holds the expected lines.
 */
#define UART_BASE	0x09000000
#define UARTDR		0x000
#define UARTFR		0x018
#define UARTFR_TXFF	5		/* bit: transmit FIFO full */

#define GICD_BASE	0x08000000	/* a device: GICv2 distributor */
#define UNCLAIMED	0x0c000000	/* no device, no memory */
#define UNBACKED	0x10000000	/* nothing to fetch there */

#define PSCI_VERSION	0x84000000
#define PSCI_SYSTEM_OFF	0x84000008
#define SIP_UNKNOWN	0xc2001234	/* SMC64 SiP call nobody has */

#define EC_IABT_CUR	0x21

/* x0 = a 32-bit function ID */
.macro	fn_id, fn
	movz	x0, #((\fn) & 0xffff)
	movk	x0, #((\fn) >> 16), lsl #16
.endm

/* Print the byte in w3; clobbers w4. */
.macro	putc
99:	ldr	w4, [x19, #UARTFR]
	tbnz	w4, #UARTFR_TXFF, 99b
	strb	w3, [x19, #UARTDR]
.endm

/* Print the string at label \s; clobbers x2-x4. */
.macro	say, s
	adr	x2, \s
	bl	puts
.endm

/* Start a case: x24 = its name, the harness registers cleared. */
.macro	probe_begin, name
	adr	x24, 7f
	b	6f
7:	.asciz	"\name"
	.balign	4
6:	adr	x23, 9f
	mov	x0, #0
	mov	x20, #0
	mov	x21, #0
	mov	x22, #0
	mov	x26, #0
.endm

.macro	probe_end
	mov	x25, x0
	bl	report
.endm

/* A case this CPU cannot run: "probe <name>: skipped". */
.macro	probe_skip, name
	adr	x24, 7f
	b	6f
7:	.asciz	"\name"
	.balign	4
6:	bl	report_skip
.endm

	.text
	.globl	_start
_start:
	mov	x19, #UART_BASE
	adr	x0, vectors
	msr	vbar_el1, x0
	isb

	/* --- the cases ----------------------------------------------- */

	/* SMCCC reserves non-zero immediates: NOT_SUPPORTED. */
	probe_begin "hvc_imm"
	fn_id	PSCI_VERSION
9:	hvc	#0x1234
	probe_end

	probe_begin "smc_imm"
	fn_id	PSCI_VERSION
9:	smc	#1
	probe_end

	/* The same call with #0: the module's PSCI answers, 1.0. */
	probe_begin "hvc0_psci_version"
	fn_id	PSCI_VERSION
9:	hvc	#0
	probe_end

	probe_begin "hvc0_unknown_fn"
	fn_id	SIP_UNKNOWN
9:	hvc	#0
	probe_end

	/* A call to nowhere: instruction abort at the target. */
	probe_begin "blr_unbacked"
	mov	x1, #UNBACKED
9:	blr	x1
	probe_end

	/* The load's destination keeps its value: the read never ends. */
	probe_begin "ldr_unclaimed"
	mov	x0, #0x5a5a
	mov	x1, #UNCLAIMED
9:	ldr	x0, [x1]
	probe_end

	probe_begin "str_unclaimed"
	mov	x1, #UNCLAIMED
	add	x1, x1, #0x10
9:	str	x1, [x1]
	probe_end

	/* Forms the module cannot decode (ISV=0) on a device. */
	probe_begin "ldxr_mmio"
	mov	x0, #0x5a5a
	mov	x1, #GICD_BASE
9:	ldxr	x0, [x1]
	probe_end

	mrs	x4, id_aa64isar0_el1
	ubfx	x4, x4, #20, #4		/* Atomic: 2 = LSE */
	cmp	x4, #2
	b.hs	1f
	probe_skip "ldadd_mmio"
	b	2f
1:	probe_begin "ldadd_mmio"
	mov	x0, #0x5a5a
	mov	x1, #GICD_BASE
	mov	x3, #1
	.arch_extension lse
9:	ldadd	x3, x0, [x1]
	probe_end
2:
	/*
	 * DC ZVA on Device memory is an alignment fault at EL1, so the
	 * device is mapped as Normal memory here: MMU on for this one
	 * instruction, the identity map of pgtable.
	 */
	mrs	x4, dczid_el0
	tbz	x4, #4, 1f		/* DZP: DC ZVA prohibited */
	probe_skip "dczva_mmio"
	b	2f
1:	probe_begin "dczva_mmio"
	mov	x1, #GICD_BASE
	bl	mmu_on
9:	dc	zva, x1
	bl	mmu_off
	probe_end
2:
	/*
	 * ISV=0 forms the module emulates (AVCPU_FEAT_MMIO_EMUL): the VMM
	 * sees ordinary MMIO exits, one per access, and the guest the
	 * values a plain load gives, with the base written back.
	 */
	probe_begin "ldp_mmio"
	mov	x1, #GICD_BASE
	ldr	w4, [x1, #4]		/* GICD_TYPER */
	ldr	w5, [x1, #8]		/* GICD_IIDR */
9:	ldp	w0, w2, [x1, #4]
	cmp	w0, w4
	ccmp	w2, w5, #0, eq
	cset	x0, eq
	probe_end

	probe_begin "ldr_post_mmio"
	mov	x1, #GICD_BASE
	add	x1, x1, #4
	ldr	w4, [x1]
9:	ldr	w0, [x1], #4
	cmp	w0, w4
	mov	x2, #GICD_BASE
	add	x2, x2, #8
	ccmp	x1, x2, #0, eq
	cset	x0, eq
	probe_end

	/* An emulated pair to no device: the VMM refuses its first access. */
	probe_begin "stp_unclaimed"
	mov	x1, #UNCLAIMED
	add	x1, x1, #0x20
9:	stp	x1, x1, [x1]
	probe_end

	/* The EL1 physical timer, emulated by the module: no exit. */
	probe_begin "cntp_ctl"
	msr	cntp_cval_el0, xzr
	mov	x3, #3			/* ENABLE | IMASK */
9:	msr	cntp_ctl_el0, x3
	isb
	mrs	x0, cntp_ctl_el0	/* + ISTATUS: CVAL 0 has passed */
	msr	cntp_ctl_el0, xzr
	probe_end

	/* Registers nobody emulates: UNDEF, from the module or the VMM. */
	probe_begin "mrs_impdef"
9:	mrs	x0, s3_0_c15_c0_0
	probe_end

	probe_begin "mrs_pmcr"
9:	mrs	x0, pmcr_el0
	probe_end

	/* ICC_SGI1R_EL1: a GICv3 register, for a GICv2 machine. */
	probe_begin "msr_icc_sgi1r"
9:	msr	s3_0_c12_c11_5, xzr
	probe_end

	/* --- end of the cases ---------------------------------------- */

	say	done_msg
	fn_id	PSCI_SYSTEM_OFF
	hvc	#0
	b	.

/* Print the NUL-terminated string at x2; clobbers x2-x4. */
puts:
1:	ldrb	w3, [x2], #1
	cbz	w3, 2f
	putc
	b	1b
2:	ret

/* Print the low x6 nibbles of x5 in hex; clobbers x3-x7. */
puthex:
1:	sub	x6, x6, #1
	lsl	x7, x6, #2
	lsr	x3, x5, x7
	and	x3, x3, #0xf
	cmp	x3, #10
	add	x4, x3, #'0'
	add	x3, x3, #('a' - 10)
	csel	x3, x4, x3, lo
	putc
	cbnz	x6, 1b
	ret

/* "probe <name>: " */
report_head:
	mov	x27, x30
	say	probe_msg
	mov	x2, x24
	bl	puts
	say	colon_msg
	ret	x27

/* The case's line, from x24 (name), x25 (x0) and x20-x23, x26. */
report:
	mov	x28, x30
	bl	report_head
	say	x0_msg
	mov	x5, x25
	mov	x6, #16
	bl	puthex
	cbnz	x22, 1f
	say	none_msg
	ret	x28
1:	say	esr_msg
	mov	x5, x20
	mov	x6, #8
	bl	puthex
	say	far_msg
	lsr	x4, x20, #26		/* EC */
	sub	x4, x4, #0x20
	cmp	x4, #5			/* 0x20..0x25: an abort */
	b.ls	2f
	say	dash_msg
	b	3f
2:	mov	x5, x21
	mov	x6, #16
	bl	puthex
3:	say	elr_msg
	cmp	x26, x23
	b.ne	4f
	say	insn_msg
	b	5f
4:	mov	x5, x26
	mov	x6, #16
	bl	puthex
5:	say	nl_msg
	ret	x28

report_skip:
	mov	x28, x30
	bl	report_head
	say	skip_msg
	ret	x28

/* MMU on with pgtable, caches off (Normal memory non-cacheable). */
mmu_on:
	mov	x4, #0x4400		/* Attr0 Device-nGnRnE, Attr1 Normal NC */
	msr	mair_el1, x4
	mov	x4, #32			/* T0SZ 32: 4 GiB, level 1 */
	orr	x4, x4, #(1 << 23)	/* EPD1: no TTBR1 walks */
	msr	tcr_el1, x4
	adr	x4, pgtable
	msr	ttbr0_el1, x4
	isb
	tlbi	vmalle1
	dsb	nsh
	mrs	x4, sctlr_el1
	orr	x4, x4, #1		/* M */
	msr	sctlr_el1, x4
	isb
	ret

mmu_off:
	mrs	x4, sctlr_el1
	bic	x4, x4, #1
	msr	sctlr_el1, x4
	isb
	ret

/* Any exception the cases do not expect. */
unexpected:
	adr	x24, unexpected_msg
	mrs	x20, esr_el1
	mrs	x21, far_el1
	mrs	x26, elr_el1
	mov	x22, #1
	mov	x23, #0
	mov	x25, x0
	bl	report
	fn_id	PSCI_SYSTEM_OFF
	hvc	#0
	b	.

probe_msg:	.asciz	"probe "
colon_msg:	.asciz	": "
x0_msg:		.asciz	"x0="
none_msg:	.asciz	" exc=none\n"
esr_msg:	.asciz	" esr="
far_msg:	.asciz	" far="
dash_msg:	.asciz	"-"
elr_msg:	.asciz	" elr="
insn_msg:	.asciz	"insn"
nl_msg:		.asciz	"\n"
skip_msg:	.asciz	"skipped\n"
done_msg:	.asciz	"probe done\n"
unexpected_msg:	.asciz	"unexpected"

/* Identity map, 1 GiB blocks: 0 and RAM, Normal NC (AttrIndx 1), AF. */
	.balign	4096
pgtable:
	.quad	0x0000000000000405
	.quad	0x0000000040000405
	.quad	0
	.quad	0

/* Synchronous exceptions from the current EL with SP_ELx: the cases'. */
	.balign	2048
vectors:
	.rept	4
	b	unexpected
	.balign	0x80
	.endr
	/* VBAR + 0x200 */
	mrs	x20, esr_el1
	mrs	x21, far_el1
	mrs	x26, elr_el1
	mov	x22, #1
	lsr	x27, x20, #26
	cmp	x27, #EC_IABT_CUR
	b.ne	1f
	msr	elr_el1, x30		/* back to the caller */
	eret
1:	add	x27, x26, #4		/* past the faulting instruction */
	msr	elr_el1, x27
	eret
	.balign	0x80
	.rept	11
	b	unexpected
	.balign	0x80
	.endr
