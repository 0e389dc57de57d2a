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

/* This CPU's list registers, all @nr of them, emptied (hyp/vgic-sr.h). */
void avcpu_vhe_vgic_clear_lrs(u32 nr)
{
	vgic_clear_lrs(nr);
	isb();
}

/*
 * The guest's EL1&0 regime registers, its EL0 thread registers and the
 * EL2 registers that only virtualise EL1 (VMPIDR, VPIDR, CNTVOFF) stay
 * in the CPU from the vCPU's load to its put (module/run.c), with
 * preemption disabled: the host (in the EL2&0 regime) neither uses nor
 * needs them meanwhile (hyp/switch.h), and the put gives it its own.
 */
void notrace avcpu_hyp_vcpu_load(struct avcpu_hyp_vcpu *hv, bool el1)
{
	u64 *s = hv->sys;

	hv->vhe_host.tpidr_el0 = read_sysreg(tpidr_el0);
	hv->vhe_host.tpidrro_el0 = read_sysreg(tpidrro_el0);
	if (hv->hyp_flags & AVCPU_HYP_HAS_SME)
		hv->vhe_host.tpidr2_el0 = read_sysreg_s(SYS_TPIDR2_EL0);
	hv->vhe_host.vmpidr = read_sysreg(vmpidr_el2);
	hv->vhe_host.vpidr = read_sysreg(vpidr_el2);
	hv->vhe_host.cntvoff = read_sysreg(cntvoff_el2);
	tls_load(hv, s);
	write_sysreg(hv->vmpidr, vmpidr_el2);
	write_sysreg(hv->vpidr, vpidr_el2);
	write_sysreg(hv->cntvoff, cntvoff_el2);
	if (el1)
		el1_load_lazy(s, true);
	else
		write_sysreg(s[AVCPU_TPIDR_EL1], tpidr_el1);
}

NOKPROBE_SYMBOL(avcpu_hyp_vcpu_load);

void notrace avcpu_hyp_vcpu_put(struct avcpu_hyp_vcpu *hv)
{
	el1_save_lazy(hv->sys);
	tls_save(hv, hv->sys);
	write_sysreg(hv->vhe_host.tpidr_el0, tpidr_el0);
	write_sysreg(hv->vhe_host.tpidrro_el0, tpidrro_el0);
	if (hv->hyp_flags & AVCPU_HYP_HAS_SME)
		write_sysreg_s(hv->vhe_host.tpidr2_el0, SYS_TPIDR2_EL0);
	write_sysreg(hv->vhe_host.vmpidr, vmpidr_el2);
	write_sysreg(hv->vhe_host.vpidr, vpidr_el2);
	write_sysreg(hv->vhe_host.cntvoff, cntvoff_el2);
}

NOKPROBE_SYMBOL(avcpu_hyp_vcpu_put);

/*
 * Invalidate one VMID's EL1&0 entries from the host, which runs in the
 * EL2&0 regime (E2H = TGE = 1).  The rules this follows:
 *
 * - EL1&0 TLB maintenance from EL2 acts on the EL1&0 regime only while
 *   HCR_EL2.TGE is 0, and on the VMID in VTTBR_EL2.
 * - VTTBR_EL2.VMID[15:8] takes part in TLB tagging and TLB maintenance
 *   only while VTCR_EL2.VS is 1 (Arm ARM D8, "VMID size"); with VS = 0
 *   the upper byte is ignored and TLBI VMALLS12E1IS would hit VMID & 0xff.
 *   The host's VTCR_EL2 is whatever was last loaded (KVM's or the
 *   reset value), so the VM's own VTCR goes in with its VTTBR, and an
 *   ISB makes both visible before the TLBI.
 * - Speculative-AT errata (1165522, 1530923): once TGE is 0 the CPU
 *   may walk the EL1&0 regime speculatively with whatever EL1 state the
 *   last guest left behind, now tagged with this VMID.  Before TGE is
 *   cleared, stage-1 walks are disabled (TCR_EL12.EPD0/EPD1) and the
 *   stage-1 MMU is on (SCTLR_EL12.M), so no walk can allocate; the EL1
 *   values come back only after TGE is set again and synchronised.
 *   Cheap enough to do on every CPU.
 *
 * QEMU TCG flushes its whole TLB on each VTTBR_EL2 write and ignores
 * these rules; they are written against the architecture.
 */
static __always_inline void flush_vmid(u64 vttbr, u64 vtcr)
{
	u64 daif = read_sysreg(daif);
	u64 hcr, old_vttbr, old_vtcr, tcr, sctlr;

	mask_all_exceptions();
	hcr = read_sysreg(hcr_el2);
	old_vttbr = read_sysreg(vttbr_el2);
	old_vtcr = read_sysreg(vtcr_el2);
	tcr = read_sysreg_s(SYS_TCR_EL12);
	sctlr = read_sysreg_s(SYS_SCTLR_EL12);

	write_sysreg_s(tcr | TCR_EPD0_MASK | TCR_EPD1_MASK, SYS_TCR_EL12);
	isb();
	write_sysreg_s(sctlr | SCTLR_ELx_M, SYS_SCTLR_EL12);
	write_sysreg(vtcr, vtcr_el2);
	write_sysreg(vttbr, vttbr_el2);
	isb();
	write_sysreg(hcr & ~HCR_TGE, hcr_el2);
	isb();
	asm volatile("tlbi vmalls12e1is" : : : "memory");
	dsb(ish);
	isb();
	write_sysreg(hcr, hcr_el2);
	isb();
	write_sysreg(old_vttbr, vttbr_el2);
	write_sysreg(old_vtcr, vtcr_el2);
	write_sysreg_s(sctlr, SYS_SCTLR_EL12);
	write_sysreg_s(tcr, SYS_TCR_EL12);
	isb();
	write_sysreg(daif, daif);
}

void notrace avcpu_hyp_flush_vmid(u64 vttbr, u64 vtcr)
{
	flush_vmid(vttbr, vtcr);
}

NOKPROBE_SYMBOL(avcpu_hyp_flush_vmid);
