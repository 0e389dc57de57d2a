/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bare-metal guest for avcpu-run --dirty-stats: EL1, MMU off, position
 * independent, one vCPU.
 *
 * It prints "dirty: writing", then for SECONDS seconds of the virtual
 * counter writes one word in every 4 KiB of the 4 MiB at REGION, over
 * and over (each pass writes the pass number), prints "dirty: done" and
 * calls PSCI SYSTEM_OFF.  It writes nothing else in RAM: each one-second
 * dirty log taken while it runs holds exactly REGION's pages, and all of
 * them (selftests/test_vmm.c counts on both).
 *
 * REGION is RAM_BASE + 4 MiB, between where avcpu-run loads a raw image
 * (RAM_BASE + 512 KiB) and the DTB (at RAM_BASE + 64 MiB, or higher, with
 * the default 128 MiB or more and no initrd).
 */
#define UART_BASE	0x09000000
#define UARTDR		0x000
#define UARTFR		0x018
#define UARTFR_TXFF	5		/* bit: transmit FIFO full */

#define REGION		0x40400000
#define REGION_END	0x40800000	/* 4 MiB: 1024 pages of 4 KiB */
#define SECONDS		3

#define PSCI_SYSTEM_OFF	0x84000008

	.text
	.globl	_start
_start:
	adr	x2, start_msg
	bl	puts

	/* x6 = the counter value at which to stop */
	mrs	x6, cntfrq_el0
	mov	x7, #SECONDS
	mul	x6, x6, x7
	isb
	mrs	x7, cntvct_el0
	add	x6, x6, x7
	mov	x8, #0			/* the pass */

1:	movz	x4, #(REGION >> 16), lsl #16
	movz	x5, #(REGION_END >> 16), lsl #16
2:	str	x8, [x4]
	add	x4, x4, #4096
	cmp	x4, x5
	b.lo	2b
	add	x8, x8, #1
	isb
	mrs	x7, cntvct_el0
	cmp	x7, x6
	b.lo	1b

	adr	x2, done_msg
	bl	puts
	movz	x0, #(PSCI_SYSTEM_OFF & 0xffff)
	movk	x0, #(PSCI_SYSTEM_OFF >> 16), lsl #16
	hvc	#0
3:	wfi				/* SYSTEM_OFF does not return */
	b	3b

/* Print the NUL-terminated string at x2; clobbers x1-x4. */
puts:
	mov	x1, #UART_BASE
1:	ldrb	w3, [x2], #1		/* next byte, 0 ends */
	cbz	w3, 3f
2:	ldr	w4, [x1, #UARTFR]	/* wait while TXFF */
	tbnz	w4, #UARTFR_TXFF, 2b
	strb	w3, [x1, #UARTDR]
	b	1b
3:	ret

start_msg:
	.asciz	"dirty: writing\n"
done_msg:
	.asciz	"dirty: done\n"
