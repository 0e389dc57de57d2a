/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: --stats, the vCPUs' counters at the end (stats.c). */
#ifndef AVCPU_RUN_STATS_H
#define AVCPU_RUN_STATS_H

struct vcpu;

/* One "avcpu-run: stats: NAME VALUE" line per non-zero counter. */
void stats_print(struct vcpu *vcpus, int nr_vcpus);

#endif /* AVCPU_RUN_STATS_H */
