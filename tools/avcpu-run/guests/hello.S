/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bare-metal avcpu guest: EL1, MMU off, position independent.
 * Prints a line on the PL011 at 0x09000000, then PSCI SYSTEM_OFF by HVC.
 */
#define UART_BASE	0x09000000
#define UARTDR		0x000
#define UARTFR		0x018
#define UARTFR_TXFF	5		/* bit: transmit FIFO full */
#define PSCI_SYSTEM_OFF	0x84000008

	.text
	.globl	_start
_start:
	mov	x1, #UART_BASE
	adr	x2, msg
1:	ldrb	w3, [x2], #1		/* next byte, 0 ends */
	cbz	w3, 3f
2:	ldr	w4, [x1, #UARTFR]	/* wait while TXFF */
	tbnz	w4, #UARTFR_TXFF, 2b
	strb	w3, [x1, #UARTDR]
	b	1b

3:	movz	x0, #(PSCI_SYSTEM_OFF & 0xffff)
	movk	x0, #(PSCI_SYSTEM_OFF >> 16), lsl #16
	hvc	#0
4:	wfi				/* SYSTEM_OFF does not return */
	b	4b

msg:
	.asciz	"Hello from an avcpu guest!\n"
