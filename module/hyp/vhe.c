// SPDX-License-Identifier: GPL-2.0
/*
 * The world switch on a VHE host: the kernel already runs at EL2 with
 * E2H=1, so running a guest is a plain call with interrupts masked.
 */
#include <linux/kprobes.h>

#define AVCPU_HYP_VHE 1
#include "switch.h"

/* No ftrace, no kprobe: a breakpoint here would hit with guest state. */
u32 notrace
avcpu_hyp_vcpu_run(struct avcpu_hyp_vcpu *hv)
{
	return __avcpu_vcpu_run(hv);
}

NOKPROBE_SYMBOL(avcpu_hyp_vcpu_run);

static __always_inline void flush_vmid(u64 vttbr)
{
	u64 daif = read_sysreg(daif);
	u64 hcr, old;

	/* EL1&0 TLB maintenance acts on the EL1&0 regime only with TGE=0. */
	mask_all_exceptions();
	hcr = read_sysreg(hcr_el2);
	old = read_sysreg(vttbr_el2);
	write_sysreg(vttbr, vttbr_el2);
	write_sysreg(hcr & ~HCR_TGE, hcr_el2);
	isb();
	asm volatile("tlbi vmalls12e1is" : : : "memory");
	dsb(ish);
	write_sysreg(hcr, hcr_el2);
	write_sysreg(old, vttbr_el2);
	isb();
	write_sysreg(daif, daif);
}

void notrace avcpu_hyp_flush_vmid(u64 vttbr)
{
	flush_vmid(vttbr);
}

NOKPROBE_SYMBOL(avcpu_hyp_flush_vmid);
