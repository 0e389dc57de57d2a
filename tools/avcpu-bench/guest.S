/* SPDX-License-Identifier: GPL-2.0 */
/*
 * avcpu-bench guest code: one blob, copied to guest RAM at
 * GUEST_RAM_BASE + GUEST_CODE_OFFSET, the same bytes for avcpu and KVM.
 * Each program has its own entry (G_* in bench.h), so that no two
 * programs ever start at the same guest PC (QEMU's TB jump cache is
 * looked up by virtual PC).  EL1h, MMU off, DAIF masked, position
 * independent.
 */
#define MMIO_HI		0x0a00		/* GUEST_MMIO >> 16 */
#define BIG_HI		0x8000		/* GUEST_BIG_BASE >> 16 */
#define BIG_SIZE_HI	0x1000		/* 256 MiB >> 16 */
#define FAULT_STRIDE_HI	0x200		/* FAULT_STRIDE >> 12 */
#define DIRTY_STRIDE_HI	0x20		/* DIRTY_STRIDE >> 12 */
#define GICD_HI		0x0800		/* GUEST_GICD >> 16 */

	.section .rodata
	.balign 4096
	.global bench_guest_start
bench_guest_start:

/* Row 1: store to an unbacked address, forever. */
	.org	bench_guest_start + 0x000
	movz	x2, #MMIO_HI, lsl #16
	mov	x1, #0
1:	add	x1, x1, #1
	str	x1, [x2]
	b	1b

/* Row 2: load from an unbacked address, forever. */
	.org	bench_guest_start + 0x100
	movz	x2, #MMIO_HI, lsl #16
1:	ldr	x1, [x2]
	b	1b

/*
 * Row 3: read a count by MMIO, make that many PSCI_VERSION calls by
 * hvc #0, report the last answer by MMIO, again.  SMCCC calls may
 * overwrite x0-x3 (KVM zeroes x1-x3): nothing lives there across one.
 */
	.org	bench_guest_start + 0x200
	movz	x9, #MMIO_HI, lsl #16
3:	ldr	x10, [x9]
	mov	x0, #0
	cbz	x10, 2f
1:	movz	x0, #0x8400, lsl #16
	hvc	#0
	subs	x10, x10, #1
	b.ne	1b
2:	str	x0, [x9]
	b	3b

/* Row 4, avcpu: hvc #1 always exits to the VMM. */
	.org	bench_guest_start + 0x300
1:	hvc	#1
	b	1b

/* Row 4, KVM: PSCI SYSTEM_OFF, KVM 6.1's only hvc that reaches userspace. */
	.org	bench_guest_start + 0x380
1:	movz	x0, #0x8400, lsl #16
	movk	x0, #0x0008
	hvc	#0
	b	1b

/* Row 5: sleep in WFI (IRQs masked), tell the VMM by MMIO, again. */
	.org	bench_guest_start + 0x400
	movz	x2, #MMIO_HI, lsl #16
1:	wfi
	str	x1, [x2]
	b	1b

/* Row 6: the first instruction reads the physical counter. */
	.org	bench_guest_start + 0x500
	mrs	x1, cntpct_el0
	movz	x2, #MMIO_HI, lsl #16
1:	str	x1, [x2]
	b	1b

/* Row 7: say ready, then write one word in every page of 256 MiB. */
	.org	bench_guest_start + 0x600
	movz	x2, #MMIO_HI, lsl #16
	str	xzr, [x2]
	movz	x4, #BIG_HI, lsl #16
	movz	x5, #BIG_SIZE_HI, lsl #16
	add	x5, x4, x5
1:	str	x4, [x4]
	add	x4, x4, #4096
	cmp	x4, x5
	b.lo	1b
2:	str	x4, [x2]
	b	2b

/*
 * Row 8: LDP then STP of two words on an unbacked address, forever.
 * Their syndrome has ISV = 0: avcpu emulates them, two exits each.
 */
	.org	bench_guest_start + 0x700
	movz	x2, #MMIO_HI, lsl #16
1:	ldp	x1, x3, [x2]
	add	x1, x1, #1
	stp	x1, x3, [x2]
	b	1b

/*
 * Row 9: read a count by MMIO, write one word at the start of that many
 * 2 MiB windows of the big slot (one stage-2 fault each: no two in the
 * same window, whatever a fault maps around it), report the end address
 * by MMIO, again.
 */
	.org	bench_guest_start + 0x800
	movz	x9, #MMIO_HI, lsl #16
3:	ldr	x10, [x9]
	movz	x4, #BIG_HI, lsl #16
	cbz	x10, 2f
1:	str	x4, [x4]
	add	x4, x4, #FAULT_STRIDE_HI, lsl #12
	subs	x10, x10, #1
	b.ne	1b
2:	str	x4, [x9]
	b	3b

/* Row 10: the same with a stride of 128 KiB, in the dirty-logged slot. */
	.org	bench_guest_start + 0x900
	movz	x9, #MMIO_HI, lsl #16
3:	ldr	x10, [x9]
	movz	x4, #BIG_HI, lsl #16
	cbz	x10, 2f
1:	str	x4, [x4]
	add	x4, x4, #DIRTY_STRIDE_HI, lsl #12
	subs	x10, x10, #1
	b.ne	1b
2:	str	x4, [x9]
	b	3b

/*
 * Row 11, two vCPUs with the in-kernel GICv3 (x0 = this vCPU's
 * redistributor, x1 = its index): each wakes its redistributor, puts
 * its SGIs in Group 1, enables SGIs 1 and 2 and its CPU interface.
 * vCPU 1 says it is ready by MMIO, then sleeps in WFI; its IRQ handler
 * answers each SGI 1 with an SGI 2 to vCPU 0.  vCPU 0 reads a count by
 * MMIO, makes that many round trips (SGI 1 to vCPU 1, WFI until SGI 2
 * came back, x23 counting them), reports x23 by MMIO, again.
 */
	.org	bench_guest_start + 0xa00
	adr	x9, bench_guest_start + 0x1000
	msr	vbar_el1, x9
	str	wzr, [x0, #0x14]		/* GICR_WAKER */
	add	x20, x0, #0x10000
	mov	w9, #-1
	str	w9, [x20, #0x80]		/* GICR_IGROUPR0 */
	mov	w9, #6
	str	w9, [x20, #0x100]		/* GICR_ISENABLER0 */
	mov	x9, #0xf0
	msr	s3_0_c4_c6_0, x9		/* ICC_PMR_EL1 */
	mov	x9, #1
	msr	s3_0_c12_c12_7, x9		/* ICC_IGRPEN1_EL1 */
	isb
	movz	x9, #MMIO_HI, lsl #16
	mov	x23, #0
	cbnz	x1, 5f
	movz	x19, #GICD_HI, lsl #16
	mov	w10, #0x13
	str	w10, [x19]			/* GICD_CTLR: ARE, groups */
1:	ldr	x10, [x9]
	mov	x23, #0
	cbz	x10, 3f
2:	mov	x26, x23
	movz	x12, #0x100, lsl #16		/* SGI 1 */
	orr	x12, x12, #2			/* to Aff0 = 1 */
	msr	s3_0_c12_c11_5, x12		/* ICC_SGI1R_EL1 */
	isb
4:	cmp	x23, x26
	b.ne	6f
	wfi
	msr	daifclr, #2
	isb
	msr	daifset, #2
	b	4b
6:	subs	x10, x10, #1
	b.ne	2b
3:	str	x23, [x9]
	b	1b
5:	str	xzr, [x9]
	msr	daifclr, #2
7:	wfi
	b	7b

/* Row 11's vectors: IRQ from the current EL (SP_ELx). */
	.org	bench_guest_start + 0x1000 + 0x280
	mrs	x13, s3_0_c12_c12_0		/* ICC_IAR1_EL1 */
	msr	s3_0_c12_c12_1, x13		/* ICC_EOIR1_EL1 */
	and	x14, x13, #0xffffff
	cmp	x14, #1
	b.ne	8f
	movz	x15, #0x200, lsl #16		/* SGI 2 */
	orr	x15, x15, #1			/* to Aff0 = 0 */
	msr	s3_0_c12_c11_5, x15
	eret
8:	cmp	x14, #2
	b.ne	9f
	add	x23, x23, #1
9:	eret

	.balign	4096
	.global bench_guest_end
bench_guest_end:
