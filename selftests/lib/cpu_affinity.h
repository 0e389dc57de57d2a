/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Moving a test's threads between CPUs (sched_setaffinity): the tests
 * that check what avcpu keeps in a CPU while its thread migrates.  The
 * test defines _GNU_SOURCE before its first include.
 */
#ifndef CPU_AFFINITY_H
#define CPU_AFFINITY_H

#include <sched.h>
#include <sys/types.h>

/* Thread @tid (0: this one) on CPU @cpu only; sched_setaffinity()'s. */
static inline int avcpu_pin_to(pid_t tid, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(tid, sizeof(set), &set);
}

/* This thread on any CPU again. */
static inline void avcpu_unpin(void)
{
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	for (i = 0; i < CPU_SETSIZE; i++)
		CPU_SET(i, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

#endif /* CPU_AFFINITY_H */
