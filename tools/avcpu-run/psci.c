// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: PSCI 1.0 and SMCCC 1.1, as far as one vCPU needs them.
 *
 * Every HVC and SMC of the guest arrives as AVCPU_EXIT_HYPERCALL, with
 * x0-x7 in run->hypercall.x; the results go back into x[0..3] and the next
 * AVCPU_RUN loads them into the guest's registers.
 *
 *   PSCI_VERSION    0x84000000  1.0
 *   PSCI_FEATURES   0x8400000a  0 for the functions listed here
 *   SYSTEM_OFF      0x84000008  the VMM exits with status 0
 *   SYSTEM_RESET    0x84000009  the VMM exits with status 2 (no reboot)
 *   SMCCC_VERSION   0x80000000  1.1
 *   anything else               NOT_SUPPORTED (-1)
 */
#include "avcpu-run.h"

#define SMCCC_VERSION		0x80000000U
#define PSCI_VERSION		0x84000000U
#define PSCI_SYSTEM_OFF		0x84000008U
#define PSCI_SYSTEM_RESET	0x84000009U
#define PSCI_FEATURES		0x8400000aU

#define PSCI_VERSION_1_0	0x00010000ULL
#define SMCCC_VERSION_1_1	0x00010001ULL
#define PSCI_SUCCESS		0ULL
#define NOT_SUPPORTED		((u64)-1)

static bool psci_implemented(u32 fn)
{
	switch (fn) {
	case SMCCC_VERSION:
	case PSCI_VERSION:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return true;
	default:
		return false;
	}
}

static void set_result(struct avcpu_exit_hypercall *hc, u64 x0)
{
	hc->x[0] = x0;
	hc->x[1] = 0;
	hc->x[2] = 0;
	hc->x[3] = 0;
}

int psci_call(struct avcpu_exit_hypercall *hc, bool verbose)
{
	u32 fn = hc->x[0];	/* SMCCC: the function ID is w0 */

	if (verbose)
		info("%s #%u: function 0x%08x x1=0x%llx",
		     hc->conduit == AVCPU_CONDUIT_SMC ? "smc" : "hvc",
		     hc->imm, fn, hc->x[1]);

	switch (fn) {
	case PSCI_VERSION:
		set_result(hc, PSCI_VERSION_1_0);
		break;
	case PSCI_FEATURES:
		set_result(hc, psci_implemented((u32)hc->x[1]) ?
			   PSCI_SUCCESS : NOT_SUPPORTED);
		break;
	case PSCI_SYSTEM_OFF:
		if (verbose)
			info("guest powered off (PSCI SYSTEM_OFF)");
		return STATUS_POWEROFF;
	case PSCI_SYSTEM_RESET:
		if (verbose)
			info("guest asked for a reset (PSCI SYSTEM_RESET)");
		return STATUS_RESET;
	case SMCCC_VERSION:
		set_result(hc, SMCCC_VERSION_1_1);
		break;
	default:
		set_result(hc, NOT_SUPPORTED);
		break;
	}
	return STATUS_CONTINUE;
}
