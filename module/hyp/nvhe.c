// SPDX-License-Identifier: GPL-2.0
/*
 * The world switch on an nVHE host, and the C side of avcpu's EL2 calls.
 * This object runs from a copy of the hyp image at EL2 (identity mapped),
 * so it may reference nothing outside .avcpu.hyp.text.
 */
#define AVCPU_HYP_VHE 0
#include "switch.h"
#include "nvhe-abi.h"

static __section(".avcpu.hyp.text") notrace void nvhe_flush_vmid(u64 vttbr)
{
	u64 old = read_sysreg(vttbr_el2);

	write_sysreg(vttbr, vttbr_el2);
	isb();
	asm volatile("tlbi vmalls12e1is" : : : "memory");
	dsb(ish);
	write_sysreg(old, vttbr_el2);
	isb();
}

/* Called from host-vectors.S with the host's x0 and x1. */
u64 __section(".avcpu.hyp.text") notrace
avcpu_nvhe_host_call(u64 func, u64 a1)
{
	switch (func) {
	case AVCPU_HVC_RUN:
		return __avcpu_vcpu_run((struct avcpu_hyp_vcpu *)a1);
	case AVCPU_HVC_FLUSH_VMID:
		nvhe_flush_vmid(a1);
		return 0;
	case AVCPU_HVC_UNMAP_PAGE:
		/* The host cleared the entry; no CPU may keep using it. */
		dsb(ishst);
		asm volatile("tlbi vae2is, %0" : : "r" (a1 >> 12) : "memory");
		dsb(ish);
		isb();
		return 0;
	case AVCPU_HVC_PING:
		return AVCPU_HVC_PONG;
	}
	return AVCPU_STUB_ERR;
}
