/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: --dirty-stats, the guest's page-dirtying rate (dirty.c). */
#ifndef AVCPU_RUN_DIRTY_H
#define AVCPU_RUN_DIRTY_H

#include "vm.h"

/*
 * Start the thread that reads @vm's RAM dirty log once a second and
 * prints the rate on stderr (the slot has AVCPU_MEM_LOG_DIRTY).
 */
int dirty_stats_start(struct vm *vm);
/* Stop it, take the last log and print the summary; nothing if unstarted. */
void dirty_stats_stop(void);

#endif /* AVCPU_RUN_DIRTY_H */
