/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bare-metal avcpu guest: EL1, MMU off, position independent.
 *
 * CPU 0 prints a line on the PL011 at 0x09000000, then starts the other
 * CPUs with PSCI CPU_ON (MPIDR 1, 2, ... until one answers
 * INVALID_PARAMETERS: no such CPU), entry point "secondary", context id
 * the CPU number.  Each secondary prints "Hello from CPU <n>" when it is
 * its turn and calls CPU_OFF; CPU 0 waits with AFFINITY_INFO until all of
 * them are off, prints "All <n> CPUs done" (only when there were others)
 * and calls PSCI SYSTEM_OFF.  Every PSCI call is HVC #0.
 *
 * The turns: the word "turn" in guest memory holds the number of the CPU
 * that may print, starting at 1; a secondary waits for its number
 * (load-acquire), prints, and hands over to the next number
 * (store-release), so the lines come out whole and in order.  With the
 * MMU off every data access is Device memory: no caches, no exclusives
 * needed.
 */
#define UART_BASE	0x09000000
#define UARTDR		0x000
#define UARTFR		0x018
#define UARTFR_TXFF	5		/* bit: transmit FIFO full */

#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON		0xc4000003	/* SMC64 */
#define PSCI_AFFINITY_INFO	0xc4000004	/* SMC64 */
#define PSCI_SYSTEM_OFF		0x84000008
#define AFFINITY_ON_PENDING	2
#define MAX_CPUS		8		/* MPIDR 0..7: one digit */

/* x0 = a 32-bit PSCI function ID */
.macro	psci_fn, fn
	movz	x0, #((\fn) & 0xffff)
	movk	x0, #((\fn) >> 16), lsl #16
.endm

/* Print the byte in w3 (x1 = UART_BASE); clobbers w4. */
.macro	putc
9:	ldr	w4, [x1, #UARTFR]	/* wait while TXFF */
	tbnz	w4, #UARTFR_TXFF, 9b
	strb	w3, [x1, #UARTDR]
.endm

	.text
	.globl	_start
_start:
	adr	x2, msg
	bl	puts

	/* Start CPUs 1, 2, ...; x19 = the number of CPUs running. */
	mov	x19, #1
1:	cmp	x19, #MAX_CPUS
	b.hs	2f
	psci_fn	PSCI_CPU_ON
	mov	x1, x19			/* target MPIDR */
	adr	x2, secondary		/* entry point */
	mov	x3, x19			/* context id: its x0 */
	hvc	#0
	cbnz	x0, 2f			/* INVALID_PARAMETERS: no such CPU */
	add	x19, x19, #1
	b	1b

	/* Wait until each of them is off again. */
2:	mov	x20, #1
3:	cmp	x20, x19
	b.hs	5f
4:	psci_fn	PSCI_AFFINITY_INFO
	mov	x1, x20			/* target MPIDR */
	mov	x2, #0			/* affinity level 0: that CPU */
	hvc	#0
	cbz	x0, 4b			/* ON */
	cmp	x0, #AFFINITY_ON_PENDING
	b.eq	4b
	add	x20, x20, #1
	b	3b

5:	cmp	x19, #1			/* alone: nothing more to say */
	b.eq	6f
	adr	x2, all_msg
	bl	puts
	mov	x1, #UART_BASE
	add	w3, w19, #'0'
	putc
	adr	x2, done_msg
	bl	puts

6:	psci_fn	PSCI_SYSTEM_OFF
	hvc	#0
7:	wfi				/* SYSTEM_OFF does not return */
	b	7b

/* A secondary CPU, started by CPU_ON with x0 = its number. */
secondary:
	mov	x19, x0
	adr	x20, turn
1:	ldar	w0, [x20]		/* wait for our turn */
	cmp	w0, w19
	b.eq	2f
	wfe				/* a hint: give the CPU away */
	b	1b

2:	adr	x2, cpu_msg
	bl	puts
	mov	x1, #UART_BASE
	add	w3, w19, #'0'
	putc
	mov	w3, #'\n'
	putc

	add	w0, w19, #1		/* the next CPU's turn */
	stlr	w0, [x20]
	dsb	sy
	sev

	psci_fn	PSCI_CPU_OFF
	hvc	#0
3:	wfi				/* CPU_OFF does not return */
	b	3b

/* Print the NUL-terminated string at x2; clobbers x1-x4. */
puts:
	mov	x1, #UART_BASE
1:	ldrb	w3, [x2], #1		/* next byte, 0 ends */
	cbz	w3, 2f
	putc
	b	1b
2:	ret

msg:
	.asciz	"Hello from an avcpu guest!\n"
cpu_msg:
	.asciz	"Hello from CPU "
all_msg:
	.asciz	"All "
done_msg:
	.asciz	" CPUs done\n"

	.data
	.balign	4
turn:
	.word	1			/* the CPU that may print next */
