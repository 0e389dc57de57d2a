// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: guest faults, the events a real machine answers in the
 * guest rather than by stopping.
 *
 * What the guest sees (vcpu.c delivers it):
 *
 *   FAULT_HVC        HVC or SMC with a non-zero immediate, or an SMCCC
 *                    call neither the module nor the VMM implements:
 *                    x0 = NOT_SUPPORTED (-1), the guest goes on
 *   FAULT_IABT       instruction fetch from an IPA no memory backs:
 *                    synchronous external instruction abort at FAR
 *   FAULT_DABT       load or store no device claims: synchronous external
 *                    data abort at FAR, WnR as the access
 *   FAULT_NISV       an access to MMIO the module could not decode
 *                    (AVCPU_EXIT_MMIO_NISV: exclusives, atomics, DC ZVA,
 *                    ...): data abort, as FAULT_DABT
 *   FAULT_SYSREG     a system register the VMM does not emulate: UNDEF
 *   FAULT_EXCEPTION  any other synchronous exception the module hands
 *                    over: UNDEF
 *
 * Each one is recorded here: the first FAULT_LOG_MAX as one line each,
 * printed when the VMM stops (fault_log_print()), and a count.  With
 * --verbose the first event of each kind is also said when it happens;
 * with --strict the first event of any kind stops the VMM, naming it.
 * Formatting is pure (fault_format()), for the unit tests.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "fault.h"
#include "log.h"

static pthread_mutex_t fault_lock = PTHREAD_MUTEX_INITIALIZER;
static char fault_log[FAULT_LOG_MAX][FAULT_LINE_MAX];
static unsigned long nr_faults;
static bool kind_seen[NR_FAULT_KINDS];

static const char * const fault_answer[NR_FAULT_KINDS] = {
	[FAULT_HVC]		= "x0 = NOT_SUPPORTED",
	[FAULT_IABT]		= "instruction abort",
	[FAULT_DABT]		= "data abort",
	[FAULT_NISV]		= "data abort",
	[FAULT_SYSREG]		= "UNDEF",
	[FAULT_EXCEPTION]	= "UNDEF",
};

/* System register id (AVCPU_REG_SYS) as the assembler spells it. */
static int sysreg_name(char *buf, size_t size, u64 id)
{
	return snprintf(buf, size, "S%u_%u_C%u_C%u_%u",
			(unsigned int)(id >> 14) & 3,
			(unsigned int)(id >> 11) & 7,
			(unsigned int)(id >> 7) & 15,
			(unsigned int)(id >> 3) & 15,
			(unsigned int)id & 7);
}

/*
 * One line describing @f: where, what the guest did, what it got.
 * Returns snprintf()'s result.
 */
int fault_format(const struct fault *f, char *buf, size_t size)
{
	char what[96];

	switch (f->kind) {
	case FAULT_HVC:
		snprintf(what, sizeof(what), "%s #0x%x, x0 0x%llx",
			 f->is_smc ? "smc" : "hvc", f->imm, f->x0);
		break;
	case FAULT_IABT:
		snprintf(what, sizeof(what),
			 "fetch from 0x%llx (IPA 0x%llx), no memory, ESR 0x%llx",
			 f->addr, f->ipa, f->esr);
		break;
	case FAULT_DABT:
		if (f->esr)	/* an abort the module reported whole */
			snprintf(what, sizeof(what),
				 "%s at 0x%llx (IPA 0x%llx), ESR 0x%llx",
				 f->is_write ? "write" : "read", f->addr,
				 f->ipa, f->esr);
		else
			snprintf(what, sizeof(what),
				 "%u-byte %s at IPA 0x%llx, no device",
				 f->len, f->is_write ? "write" : "read",
				 f->ipa);
		break;
	case FAULT_NISV:
		snprintf(what, sizeof(what),
			 "undecoded %s at 0x%llx (IPA 0x%llx), ESR 0x%llx",
			 f->is_write ? "write" : "read", f->addr, f->ipa,
			 f->esr);
		break;
	case FAULT_SYSREG: {
		char reg[24];

		sysreg_name(reg, sizeof(reg), f->sysreg);
		if (f->is_write)
			snprintf(what, sizeof(what), "msr %s, x%u", reg, f->rt);
		else
			snprintf(what, sizeof(what), "mrs x%u, %s", f->rt, reg);
		break;
	}
	case FAULT_EXCEPTION:
	default:
		snprintf(what, sizeof(what), "exception ESR 0x%llx", f->esr);
		break;
	}
	return snprintf(buf, size, "vCPU %d pc 0x%llx: %s: %s", f->vcpu, f->pc,
			what, f->kind < NR_FAULT_KINDS ?
			fault_answer[f->kind] : "?");
}

/*
 * Record a fault the guest has been given (or is about to be).  Returns
 * STATUS_CONTINUE, or with @strict STATUS_GUEST_EXC after naming it.
 */
int fault_report(const struct fault *f, bool verbose, bool strict)
{
	char line[FAULT_LINE_MAX];
	bool first;

	fault_format(f, line, sizeof(line));
	pthread_mutex_lock(&fault_lock);
	if (nr_faults < FAULT_LOG_MAX)
		memcpy(fault_log[nr_faults], line, sizeof(line));
	nr_faults++;
	first = f->kind < NR_FAULT_KINDS && !kind_seen[f->kind];
	if (first)
		kind_seen[f->kind] = true;
	pthread_mutex_unlock(&fault_lock);

	if (strict)
		return error(STATUS_GUEST_EXC, "--strict: %s", line);
	if (verbose && first)
		info("guest fault: %s (the first of its kind)", line);
	return STATUS_CONTINUE;
}

unsigned long fault_count(void)
{
	unsigned long n;

	pthread_mutex_lock(&fault_lock);
	n = nr_faults;
	pthread_mutex_unlock(&fault_lock);
	return n;
}

/* The log, when the VMM stops; nothing when the guest took no fault. */
void fault_log_print(void)
{
	unsigned long i, n = fault_count();

	if (!n)
		return;
	if (n > FAULT_LOG_MAX)
		info("the guest took %lu faults, the first %d:", n,
		     FAULT_LOG_MAX);
	else
		info("the guest took %lu fault%s:", n, n == 1 ? "" : "s");
	for (i = 0; i < n && i < FAULT_LOG_MAX; i++)
		info("  %s", fault_log[i]);
}

/* A clean slate (the unit tests). */
void fault_log_reset(void)
{
	pthread_mutex_lock(&fault_lock);
	nr_faults = 0;
	memset(kind_seen, 0, sizeof(kind_seen));
	pthread_mutex_unlock(&fault_lock);
}
