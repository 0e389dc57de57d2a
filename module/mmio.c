// SPDX-License-Identifier: GPL-2.0
/*
 * MMIO emulation: decode a data abort's syndrome into an access the VMM
 * performs, and finish a read when the VMM hands the value back.  Only
 * syndromes with ESR_ELx.ISV set describe the access; the rest (LDP/STP,
 * writeback forms) are reported as their own exit, never guessed.
 */
#include <linux/bitfield.h>
#include <linux/string.h>
#include <asm/esr.h>
#include <asm/ptrace.h>
#include "avcpu.h"
#include "trace.h"

#define SCTLR_EL1_E0E_BIT	BIT_ULL(24)
#define SCTLR_EL1_EE_BIT	BIT_ULL(25)

/* Whether the guest's data accesses at its current EL are big-endian. */
static bool guest_data_big_endian(struct avcpu_vcpu *vcpu)
{
	u64 sctlr = vcpu->hyp->sys[AVCPU_SCTLR_EL1];

	if ((vcpu->hyp->gp.pstate & PSR_MODE_MASK) == PSR_MODE_EL0t)
		return sctlr & SCTLR_EL1_E0E_BIT;
	return sctlr & SCTLR_EL1_EE_BIT;
}

static u64 swap_bytes(u64 v, unsigned int len)
{
	switch (len) {
	case 2:
		return swab16(v);
	case 4:
		return swab32(v);
	case 8:
		return swab64(v);
	}
	return v;
}

int avcpu_mmio_exit(struct avcpu_vcpu *vcpu, u64 ipa)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	struct avcpu_run *run = vcpu->run;
	struct avcpu_mmio_decode *d = &vcpu->mmio;
	u64 esr = hv->esr, val;
	unsigned int i;

	avcpu_note_exit_abort(vcpu);
	if (!(esr & ESR_ELx_ISV)) {
		run->exit_reason = AVCPU_EXIT_MMIO_NISV;
		run->exception = (struct avcpu_exit_exception) {
			.esr = esr, .far = hv->far, .hpfar = hv->hpfar,
			.pc = hv->gp.pc, .ipa = ipa,
			.kind = AVCPU_EXC_SYNC, .flags = AVCPU_EXC_IPA_VALID,
		};
		return 0;
	}

	d->len = 1U << FIELD_GET(ESR_ELx_SAS, esr);
	d->rt = FIELD_GET(ESR_ELx_SRT_MASK, esr);
	d->sign_extend = esr & ESR_ELx_SSE;
	d->sixty_four = esr & ESR_ELx_SF;
	d->big_endian = guest_data_big_endian(vcpu);

	run->exit_reason = AVCPU_EXIT_MMIO;
	run->mmio.phys_addr = ipa;
	run->mmio.len = d->len;
	run->mmio.is_write = !!(esr & ESR_ELx_WNR);
	memset(run->mmio.pad, 0, sizeof(run->mmio.pad));
	memset(run->mmio.data, 0, sizeof(run->mmio.data));

	if (run->mmio.is_write) {
		val = avcpu_get_gpr(vcpu, d->rt);
		if (d->big_endian)
			val = swap_bytes(val, d->len);
		for (i = 0; i < d->len; i++)
			run->mmio.data[i] = val >> (8 * i);
		trace_avcpu_mmio(vcpu, AVCPU_MMIO_WRITE, ipa, d->len, val);
		vcpu->stat.mmio_writes++;
	} else {
		vcpu->pending = AVCPU_PENDING_MMIO_READ;
		trace_avcpu_mmio(vcpu, AVCPU_MMIO_READ, ipa, d->len, 0);
		vcpu->stat.mmio_reads++;
	}
	avcpu_skip_for_vmm(vcpu);
	return 0;
}

void avcpu_mmio_complete(struct avcpu_vcpu *vcpu)
{
	struct avcpu_mmio_decode *d = &vcpu->mmio;
	u8 *data = vcpu->run->mmio.data;
	unsigned int i, bits = d->len * 8;
	u64 val = 0;

	for (i = 0; i < d->len; i++)
		val |= (u64)data[i] << (8 * i);
	trace_avcpu_mmio(vcpu, AVCPU_MMIO_READ_DONE, vcpu->run->mmio.phys_addr,
			 d->len, val);
	if (d->big_endian)
		val = swap_bytes(val, d->len);
	if (d->sign_extend && bits < 64)
		val = (u64)sign_extend64(val, bits - 1);
	if (!d->sixty_four)
		val &= GENMASK_ULL(31, 0);
	avcpu_set_gpr(vcpu, d->rt, val);
}
