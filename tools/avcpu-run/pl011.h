/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: the PL011 UART on the console (pl011.c). */
#ifndef AVCPU_RUN_PL011_H
#define AVCPU_RUN_PL011_H

/* Its device tree node: /chosen/stdout-path and the serial0 alias. */
#define PL011_DT_PATH		"/pl011@9000000"

int pl011_init(void);

#endif /* AVCPU_RUN_PL011_H */
