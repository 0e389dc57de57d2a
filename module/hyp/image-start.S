/* SPDX-License-Identifier: GPL-2.0 */
/*
 * First object of the EL2 image: every object between image-start.o and
 * image-end.o in Kbuild's link order puts its EL2 code in
 * .avcpu.hyp.text, so these two symbols bracket what nVHE copies to EL2.
 * 4 KiB alignment keeps ADRP (relative to 4 KiB pages, whatever the
 * kernel's PAGE_SIZE) addressing valid in the copy.
 */
#include <linux/linkage.h>

	.section .avcpu.hyp.text, "ax"
	.align 12
SYM_CODE_START(__avcpu_hyp_image_start)
SYM_CODE_END(__avcpu_hyp_image_start)
