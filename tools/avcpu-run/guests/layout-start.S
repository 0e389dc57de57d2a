/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of the layout guest (layout.c), position independent, with the
 * MMU off.  With -DARM64_IMAGE it starts with an arm64 Image header
 * (Documentation/arch/arm64/booting.rst): text_offset 0, image_size the
 * whole image with its bss and stack, flags "LE, 4 KiB pages, anywhere".
 *
 * x0..x3 as the loader left them go to layout_main() unchanged, with the
 * address the image runs at and its end (bss included); on its return PSCI SYSTEM_OFF (HVC #0, the
 * conduit of QEMU's virt board and of avcpu) ends the machine.
 */
#define PSCI_SYSTEM_OFF		0x84000008

	.section .text.entry, "ax"
	.globl	_start
_start:
#ifdef ARM64_IMAGE
	b	1f				/* code0 */
	.long	0				/* code1 */
	.quad	0				/* text_offset */
	.quad	__image_end - _start		/* image_size */
	.quad	0xa				/* flags */
	.quad	0, 0, 0				/* res2..res4 */
	.ascii	"ARM\x64"			/* magic */
	.long	0				/* res5 */
1:
#endif
	adr	x4, _start
	adr	x5, __image_end
	adr	x6, __stack_top
	mov	sp, x6
	bl	layout_main
	movz	x0, #(PSCI_SYSTEM_OFF & 0xffff)
	movk	x0, #(PSCI_SYSTEM_OFF >> 16), lsl #16
	hvc	#0
2:	wfi
	b	2b
