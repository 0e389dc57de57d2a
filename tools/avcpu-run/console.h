/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: the serial console's host side, stdin and stdout (console.c). */
#ifndef AVCPU_RUN_CONSOLE_H
#define AVCPU_RUN_CONSOLE_H

#include "avcpu-run.h"

/*
 * @input_ready is called, from the reader thread and with no lock of
 * console.c held, each time new input is waiting: the UART's cue to
 * bring its interrupt up to date.  Set it before console_init().
 */
void console_set_notify(void (*input_ready)(void));
int console_init(void);
void console_exit(void);
unsigned int console_pending(void);
int console_getc(void);
void console_putc(u8 c);

#endif /* AVCPU_RUN_CONSOLE_H */
