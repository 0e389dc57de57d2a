/* SPDX-License-Identifier: GPL-2.0 */
/* avcpu-run: guest faults, their log, --verbose and --strict (fault.c). */
#ifndef AVCPU_RUN_FAULT_H
#define AVCPU_RUN_FAULT_H

#include "avcpu-run.h"

enum fault_kind {
	FAULT_HVC,		/* unimplemented HVC/SMC: NOT_SUPPORTED */
	FAULT_IABT,		/* fetch from no memory: instruction abort */
	FAULT_DABT,		/* access no device claims: data abort */
	FAULT_NISV,		/* MMIO_NISV: data abort */
	FAULT_SYSREG,		/* register not emulated: UNDEF */
	FAULT_EXCEPTION,	/* other synchronous exception: UNDEF */
	NR_FAULT_KINDS
};

/* What fault_format() says of each; the fields its kind uses. */
struct fault {
	enum fault_kind kind;
	int vcpu;
	u64 pc;			/* the instruction */
	u64 addr;		/* guest VA: IABT, NISV, DABT with esr */
	u64 ipa;		/* IABT, DABT, NISV */
	u64 esr;		/* the module's syndrome, 0 for an MMIO exit */
	u64 x0;			/* HVC: the function id */
	u64 sysreg;		/* SYSREG: AVCPU_REG_SYS id */
	u32 imm;		/* HVC: the immediate */
	u32 len;		/* DABT of an MMIO exit: bytes */
	u32 rt;			/* SYSREG: the register */
	bool is_smc;		/* HVC: conduit SMC */
	bool is_write;		/* DABT, NISV, SYSREG */
};

#define FAULT_LOG_MAX		8	/* lines kept for the exit */
#define FAULT_LINE_MAX		192

int fault_format(const struct fault *f, char *buf, size_t size);
int fault_report(const struct fault *f, bool verbose, bool strict);
unsigned long fault_count(void);
void fault_log_print(void);
void fault_log_reset(void);

#endif /* AVCPU_RUN_FAULT_H */
