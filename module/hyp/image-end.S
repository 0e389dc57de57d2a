/* SPDX-License-Identifier: GPL-2.0 */
/* Last object of the EL2 image (see image-start.S). */
#include <linux/linkage.h>

	.section .avcpu.hyp.text, "ax"
SYM_CODE_START(__avcpu_hyp_image_end)
SYM_CODE_END(__avcpu_hyp_image_end)
