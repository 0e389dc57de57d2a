/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GICv3 virtual CPU interface of a vCPU with the in-kernel GIC
 * (AVCPU_HYP_VGIC), loaded into the ICH_* registers for a run and saved
 * after it.  Included by switch.h: both host modes use it.
 *
 * Before the entry: ICH_VMCR_EL2 and the active-priority registers (the
 * guest's, kept in hv->vgic between runs), the list registers the host
 * filled (module/vgic-cpu.c) and ICH_HCR_EL2 with En set.  After the
 * exit: the same saved back (ICH_HCR_EL2 with its EOIcount), then
 * ICH_HCR_EL2 = 0 and the used list registers cleared, so a
 * maintenance interrupt the guest's state raised is no longer asserted
 * when the host takes interrupts again.
 *
 * The host's values of ICH_HCR_EL2, ICH_VMCR_EL2 and the active-priority
 * registers are put back as they were: on a VHE host KVM keeps its own
 * vCPUs' interface there between its loads (and expects ICH_HCR_EL2 = 0).
 * On a VHE host ICC_SRE_EL1 is no register of the host kernel (it uses
 * ICC_SRE_EL2); the guest's virtual interface needs its SRE bit set,
 * which is done for the run and undone after.
 */
#ifndef __AVCPU_HYP_VGIC_SR_H__
#define __AVCPU_HYP_VGIC_SR_H__

/* The host's part of the interface, kept on the EL2 stack for a run. */
struct avcpu_host_vgic {
	u64 hcr;
	u64 vmcr;
	u64 icc_sre_el1;
	u32 ap0r[AVCPU_HYP_MAX_APRS];
	u32 ap1r[AVCPU_HYP_MAX_APRS];
};

/* lr[nr-1] .. lr[0]: a chain of compares (the EL2 build has no jump tables) */
static __always_inline void vgic_load_lrs(const u64 *lr, u32 nr)
{
	switch (nr) {
	case 16:
		write_sysreg_s(lr[15], SYS_ICH_LR15_EL2);
		fallthrough;
	case 15:
		write_sysreg_s(lr[14], SYS_ICH_LR14_EL2);
		fallthrough;
	case 14:
		write_sysreg_s(lr[13], SYS_ICH_LR13_EL2);
		fallthrough;
	case 13:
		write_sysreg_s(lr[12], SYS_ICH_LR12_EL2);
		fallthrough;
	case 12:
		write_sysreg_s(lr[11], SYS_ICH_LR11_EL2);
		fallthrough;
	case 11:
		write_sysreg_s(lr[10], SYS_ICH_LR10_EL2);
		fallthrough;
	case 10:
		write_sysreg_s(lr[9], SYS_ICH_LR9_EL2);
		fallthrough;
	case 9:
		write_sysreg_s(lr[8], SYS_ICH_LR8_EL2);
		fallthrough;
	case 8:
		write_sysreg_s(lr[7], SYS_ICH_LR7_EL2);
		fallthrough;
	case 7:
		write_sysreg_s(lr[6], SYS_ICH_LR6_EL2);
		fallthrough;
	case 6:
		write_sysreg_s(lr[5], SYS_ICH_LR5_EL2);
		fallthrough;
	case 5:
		write_sysreg_s(lr[4], SYS_ICH_LR4_EL2);
		fallthrough;
	case 4:
		write_sysreg_s(lr[3], SYS_ICH_LR3_EL2);
		fallthrough;
	case 3:
		write_sysreg_s(lr[2], SYS_ICH_LR2_EL2);
		fallthrough;
	case 2:
		write_sysreg_s(lr[1], SYS_ICH_LR1_EL2);
		fallthrough;
	case 1:
		write_sysreg_s(lr[0], SYS_ICH_LR0_EL2);
	}
}

/* Read back and clear. */
static __always_inline void vgic_save_lrs(u64 *lr, u32 nr)
{
	switch (nr) {
	case 16:
		lr[15] = read_sysreg_s(SYS_ICH_LR15_EL2);
		write_sysreg_s(0, SYS_ICH_LR15_EL2);
		fallthrough;
	case 15:
		lr[14] = read_sysreg_s(SYS_ICH_LR14_EL2);
		write_sysreg_s(0, SYS_ICH_LR14_EL2);
		fallthrough;
	case 14:
		lr[13] = read_sysreg_s(SYS_ICH_LR13_EL2);
		write_sysreg_s(0, SYS_ICH_LR13_EL2);
		fallthrough;
	case 13:
		lr[12] = read_sysreg_s(SYS_ICH_LR12_EL2);
		write_sysreg_s(0, SYS_ICH_LR12_EL2);
		fallthrough;
	case 12:
		lr[11] = read_sysreg_s(SYS_ICH_LR11_EL2);
		write_sysreg_s(0, SYS_ICH_LR11_EL2);
		fallthrough;
	case 11:
		lr[10] = read_sysreg_s(SYS_ICH_LR10_EL2);
		write_sysreg_s(0, SYS_ICH_LR10_EL2);
		fallthrough;
	case 10:
		lr[9] = read_sysreg_s(SYS_ICH_LR9_EL2);
		write_sysreg_s(0, SYS_ICH_LR9_EL2);
		fallthrough;
	case 9:
		lr[8] = read_sysreg_s(SYS_ICH_LR8_EL2);
		write_sysreg_s(0, SYS_ICH_LR8_EL2);
		fallthrough;
	case 8:
		lr[7] = read_sysreg_s(SYS_ICH_LR7_EL2);
		write_sysreg_s(0, SYS_ICH_LR7_EL2);
		fallthrough;
	case 7:
		lr[6] = read_sysreg_s(SYS_ICH_LR6_EL2);
		write_sysreg_s(0, SYS_ICH_LR6_EL2);
		fallthrough;
	case 6:
		lr[5] = read_sysreg_s(SYS_ICH_LR5_EL2);
		write_sysreg_s(0, SYS_ICH_LR5_EL2);
		fallthrough;
	case 5:
		lr[4] = read_sysreg_s(SYS_ICH_LR4_EL2);
		write_sysreg_s(0, SYS_ICH_LR4_EL2);
		fallthrough;
	case 4:
		lr[3] = read_sysreg_s(SYS_ICH_LR3_EL2);
		write_sysreg_s(0, SYS_ICH_LR3_EL2);
		fallthrough;
	case 3:
		lr[2] = read_sysreg_s(SYS_ICH_LR2_EL2);
		write_sysreg_s(0, SYS_ICH_LR2_EL2);
		fallthrough;
	case 2:
		lr[1] = read_sysreg_s(SYS_ICH_LR1_EL2);
		write_sysreg_s(0, SYS_ICH_LR1_EL2);
		fallthrough;
	case 1:
		lr[0] = read_sysreg_s(SYS_ICH_LR0_EL2);
		write_sysreg_s(0, SYS_ICH_LR0_EL2);
	}
}

/*
 * All @nr list registers emptied.  Their reset values are UNKNOWN, and
 * an entry fills only the ones it uses: one past them holding a stale
 * state (an EOI request, a pending or active bit) would raise
 * maintenance interrupts or show the guest an interrupt nobody sent.
 * Once per CPU, when avcpu loads and when a CPU comes online.  The
 * active-priority registers need no such care: every entry writes all
 * of them with the guest's values.
 */
static __always_inline void vgic_clear_lrs(u32 nr)
{
	switch (nr) {
	case 16:
		write_sysreg_s(0, SYS_ICH_LR15_EL2);
		fallthrough;
	case 15:
		write_sysreg_s(0, SYS_ICH_LR14_EL2);
		fallthrough;
	case 14:
		write_sysreg_s(0, SYS_ICH_LR13_EL2);
		fallthrough;
	case 13:
		write_sysreg_s(0, SYS_ICH_LR12_EL2);
		fallthrough;
	case 12:
		write_sysreg_s(0, SYS_ICH_LR11_EL2);
		fallthrough;
	case 11:
		write_sysreg_s(0, SYS_ICH_LR10_EL2);
		fallthrough;
	case 10:
		write_sysreg_s(0, SYS_ICH_LR9_EL2);
		fallthrough;
	case 9:
		write_sysreg_s(0, SYS_ICH_LR8_EL2);
		fallthrough;
	case 8:
		write_sysreg_s(0, SYS_ICH_LR7_EL2);
		fallthrough;
	case 7:
		write_sysreg_s(0, SYS_ICH_LR6_EL2);
		fallthrough;
	case 6:
		write_sysreg_s(0, SYS_ICH_LR5_EL2);
		fallthrough;
	case 5:
		write_sysreg_s(0, SYS_ICH_LR4_EL2);
		fallthrough;
	case 4:
		write_sysreg_s(0, SYS_ICH_LR3_EL2);
		fallthrough;
	case 3:
		write_sysreg_s(0, SYS_ICH_LR2_EL2);
		fallthrough;
	case 2:
		write_sysreg_s(0, SYS_ICH_LR1_EL2);
		fallthrough;
	case 1:
		write_sysreg_s(0, SYS_ICH_LR0_EL2);
	}
}

/* The active-priority registers PREbits needs: 1, 2 or 4 of each. */
static __always_inline void vgic_read_aprs(u32 *ap0r, u32 *ap1r, u32 nr)
{
	switch (nr) {
	case 4:
		ap0r[3] = read_sysreg_s(SYS_ICH_AP0R3_EL2);
		ap1r[3] = read_sysreg_s(SYS_ICH_AP1R3_EL2);
		fallthrough;
	case 3:
		ap0r[2] = read_sysreg_s(SYS_ICH_AP0R2_EL2);
		ap1r[2] = read_sysreg_s(SYS_ICH_AP1R2_EL2);
		fallthrough;
	case 2:
		ap0r[1] = read_sysreg_s(SYS_ICH_AP0R1_EL2);
		ap1r[1] = read_sysreg_s(SYS_ICH_AP1R1_EL2);
		fallthrough;
	case 1:
		ap0r[0] = read_sysreg_s(SYS_ICH_AP0R0_EL2);
		ap1r[0] = read_sysreg_s(SYS_ICH_AP1R0_EL2);
	}
}

static __always_inline void vgic_write_aprs(const u32 *ap0r, const u32 *ap1r, u32 nr)
{
	switch (nr) {
	case 4:
		write_sysreg_s(ap0r[3], SYS_ICH_AP0R3_EL2);
		write_sysreg_s(ap1r[3], SYS_ICH_AP1R3_EL2);
		fallthrough;
	case 3:
		write_sysreg_s(ap0r[2], SYS_ICH_AP0R2_EL2);
		write_sysreg_s(ap1r[2], SYS_ICH_AP1R2_EL2);
		fallthrough;
	case 2:
		write_sysreg_s(ap0r[1], SYS_ICH_AP0R1_EL2);
		write_sysreg_s(ap1r[1], SYS_ICH_AP1R1_EL2);
		fallthrough;
	case 1:
		write_sysreg_s(ap0r[0], SYS_ICH_AP0R0_EL2);
		write_sysreg_s(ap1r[0], SYS_ICH_AP1R0_EL2);
	}
}

static __always_inline void vgic_restore(struct avcpu_hyp_vcpu *hv,
					 struct avcpu_host_vgic *h)
{
	struct avcpu_hyp_vgic *v = &hv->vgic;
	u32 nr_apr = v->nr_apr, used = v->used_lrs;

	if (!(hv->hyp_flags & AVCPU_HYP_VGIC))
		return;
	if (used > v->nr_lr)
		used = v->nr_lr;

	if (AVCPU_HYP_VHE) {
		h->icc_sre_el1 = read_sysreg_s(SYS_ICC_SRE_EL1);
		if (!(h->icc_sre_el1 & ICC_SRE_EL1_SRE)) {
			write_sysreg_s(ICC_SRE_EL1_SRE | ICC_SRE_EL1_DFB |
				       ICC_SRE_EL1_DIB, SYS_ICC_SRE_EL1);
			isb();
		}
	}
	h->hcr = read_sysreg_s(SYS_ICH_HCR_EL2);
	h->vmcr = read_sysreg_s(SYS_ICH_VMCR_EL2);
	vgic_read_aprs(h->ap0r, h->ap1r, nr_apr);

	write_sysreg_s(v->vmcr, SYS_ICH_VMCR_EL2);
	vgic_write_aprs(v->ap0r, v->ap1r, nr_apr);
	vgic_load_lrs(v->lr, used);
	write_sysreg_s(v->hcr | ICH_HCR_EN, SYS_ICH_HCR_EL2);
}

static __always_inline void vgic_save(struct avcpu_hyp_vcpu *hv,
				      struct avcpu_host_vgic *h)
{
	struct avcpu_hyp_vgic *v = &hv->vgic;
	u32 nr_apr = v->nr_apr, used = v->used_lrs;

	if (!(hv->hyp_flags & AVCPU_HYP_VGIC))
		return;
	if (used > v->nr_lr)
		used = v->nr_lr;

	v->vmcr = read_sysreg_s(SYS_ICH_VMCR_EL2);
	/* EOIcount lives in ICH_HCR_EL2: the host reads it there. */
	v->hcr = read_sysreg_s(SYS_ICH_HCR_EL2);
	write_sysreg_s(0, SYS_ICH_HCR_EL2);
	vgic_save_lrs(v->lr, used);
	vgic_read_aprs(v->ap0r, v->ap1r, nr_apr);

	vgic_write_aprs(h->ap0r, h->ap1r, nr_apr);
	write_sysreg_s(h->vmcr, SYS_ICH_VMCR_EL2);
	write_sysreg_s(h->hcr, SYS_ICH_HCR_EL2);
	if (AVCPU_HYP_VHE && !(h->icc_sre_el1 & ICC_SRE_EL1_SRE))
		write_sysreg_s(h->icc_sre_el1, SYS_ICC_SRE_EL1);
	isb();
}

#endif /* __AVCPU_HYP_VGIC_SR_H__ */
