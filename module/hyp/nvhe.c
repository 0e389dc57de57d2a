// SPDX-License-Identifier: GPL-2.0
/*
 * The world switch on an nVHE host, and the C side of avcpu's EL2 calls.
 * This object runs from a copy of the hyp image at EL2 (identity mapped),
 * so it may reference nothing outside .avcpu.hyp.text.
 */
#include <linux/kprobes.h>

#define AVCPU_HYP_VHE 0
#include "switch.h"
#include "nvhe-abi.h"

/*
 * Invalidate one VMID's stage-1&2 entries on every CPU.  The rules:
 *
 * - TLBI VMALLS12E1IS acts on the VMID in VTTBR_EL2, whose upper byte
 *   (VMID[15:8]) counts only while VTCR_EL2.VS is 1, for tagging and for
 *   TLB maintenance alike (Arm ARM D8, "VMID size").  The VM's VTCR is
 *   loaded with its VTTBR, both synchronised by an ISB before the TLBI,
 *   and the previous values come back after it: with VS = 0 a VM with a
 *   VMID >= 256 would keep its entries and reach pages already freed.
 * - The host's EL1 regime stays loaded meanwhile: with its stage-1 walks
 *   disabled (TCR_EL1.EPD0/EPD1; its SCTLR_EL1.M is always set) no
 *   speculative walk can build an entry for that VMID from the host's
 *   tables (speculative-AT errata).  Cheap enough to do on every CPU.
 *
 * QEMU TCG flushes its TLB on every VTTBR_EL2 write, so the lab cannot
 * tell; this is written against the architecture.
 */
static __section(".avcpu.hyp.text") notrace void
nvhe_flush_vmid(u64 vttbr, u64 vtcr)
{
	u64 old_vttbr = read_sysreg(vttbr_el2);
	u64 old_vtcr = read_sysreg(vtcr_el2);
	u64 tcr = read_sysreg(tcr_el1);

	write_sysreg(tcr | TCR_EPD0_MASK | TCR_EPD1_MASK, tcr_el1);
	isb();
	write_sysreg(vtcr, vtcr_el2);
	write_sysreg(vttbr, vttbr_el2);
	isb();
	asm volatile("tlbi vmalls12e1is" : : : "memory");
	dsb(ish);
	write_sysreg(old_vttbr, vttbr_el2);
	write_sysreg(old_vtcr, vtcr_el2);
	isb();
	write_sysreg(tcr, tcr_el1);
	isb();
}

/*
 * Whether EL2 may write the page at @va: only pages the host mapped for
 * it (the image, stacks, vCPU contexts) pass.  AT reports through the
 * host's PAR_EL1, which is put back.
 */
static __section(".avcpu.hyp.text") notrace bool el2_page_writable(u64 va)
{
	u64 par = read_sysreg(par_el1);
	bool ok;

	asm volatile("at s1e2w, %0" : : "r" (va));
	isb();
	ok = !(read_sysreg(par_el1) & SYS_PAR_EL1_F);
	write_sysreg(par, par_el1);
	return ok;
}

/*
 * Called from host-vectors.S with the host's x0 and x1.  Arguments are
 * checked here: a wrong one is refused, never followed.
 */
u64 __section(".avcpu.hyp.text") notrace
avcpu_nvhe_host_call(u64 func, u64 a1, u64 a2)
{
	switch (func) {
	case AVCPU_HVC_RUN:
		/* A whole page that avcpu mapped as a vCPU context. */
		if (a1 & ~PAGE_MASK || !el2_page_writable(a1))
			return AVCPU_HVC_EINVAL;
		return __avcpu_vcpu_run((struct avcpu_hyp_vcpu *)a1);
	case AVCPU_HVC_FLUSH_VMID:
		/* VMID 0 is the host's own EL1&0 regime. */
		if (!(a1 >> 48))
			return AVCPU_HVC_EINVAL;
		nvhe_flush_vmid(a1, a2);
		return 0;
	case AVCPU_HVC_UNMAP_PAGE:
		if (a1 & (AVCPU_EL2_PAGE_SIZE - 1))
			return AVCPU_HVC_EINVAL;
		/* The host cleared the entry; no CPU may keep using it. */
		dsb(ishst);
		asm volatile("tlbi vae2is, %0" : : "r" (a1 >> 12) : "memory");
		dsb(ish);
		isb();
		return 0;
	case AVCPU_HVC_PING:
		return AVCPU_HVC_PONG;
	case AVCPU_HVC_GIC_VTR:
		/* ICH_* exist only with the system-register interface on. */
		if (!(read_sysreg_s(SYS_ICC_SRE_EL2) & ICC_SRE_EL2_SRE))
			return 0;
		return read_sysreg_s(SYS_ICH_VTR_EL2);
	case AVCPU_HVC_GIC_CLEAR_LRS:
		if (a1 > 16)
			return AVCPU_HVC_EINVAL;
		if (!(read_sysreg_s(SYS_ICC_SRE_EL2) & ICC_SRE_EL2_SRE))
			return 0;
		vgic_clear_lrs(a1);
		isb();
		return 0;
	}
	return AVCPU_STUB_ERR;
}

/* EL2 runs a copy of it; the module's own must not be probed either. */
NOKPROBE_SYMBOL(avcpu_nvhe_host_call);
