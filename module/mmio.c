// SPDX-License-Identifier: GPL-2.0
/*
 * MMIO emulation: turn a data abort on an unbacked IPA (or a store to a
 * read-only slot) into accesses the VMM performs, and finish the
 * instruction when the VMM hands the values back.
 *
 * A syndrome with ESR_ELx.ISV set describes a single access.  Without
 * it (LDP/STP, pre/post-index writeback, SIMD&FP registers) the module
 * reads the instruction itself, decodes it (ldst.c) and splits it into
 * accesses of at most 8 bytes, each its own AVCPU_EXIT_MMIO, in address
 * order: one per register, two for a pair, two 8-byte halves for a Q
 * register.  Registers and the base are written when the RUN after the
 * last access completes the instruction, loads first, then the base:
 *
 *   - Rt == Rt2 in a load pair (CONSTRAINED UNPREDICTABLE): the register
 *     holds the first element for Wt/Xt, the second for St/Dt/Qt
 *     (Constraint_UNKNOWN, that value);
 *   - writeback with Rn == Rt or Rt2, Rn != 31 (CONSTRAINED
 *     UNPREDICTABLE): a load leaves the written-back address in Rn
 *     (Constraint_UNKNOWN, that value); a store stores the registers as
 *     they were before the writeback (Constraint_NONE).
 *
 * Those are the choices QEMU's TCG makes too, so a guest sees the same
 * on RAM and on MMIO there.  An access that crosses a 4 KiB boundary,
 * or anything the decoder refuses, is reported as AVCPU_EXIT_MMIO_NISV
 * with the instruction word and the IPA: never guessed.
 */
#include <linux/bitfield.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/esr.h>
#include <asm/ptrace.h>
#include "avcpu.h"
#include "trace.h"

/* Failed instruction fetches in a row before the access is reported. */
#define AVCPU_FETCH_RETRIES	8

#define SCTLR_EL1_E0E_BIT	BIT_ULL(24)
#define SCTLR_EL1_EE_BIT	BIT_ULL(25)

/* Whether the guest's data accesses at its current EL are big-endian. */
static __always_inline bool guest_data_big_endian(struct avcpu_vcpu *vcpu)
{
	u64 sctlr = avcpu_vcpu_sctlr(vcpu);

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

/* The access cannot be emulated: the VMM decides (AVCPU_EXIT_MMIO_NISV). */
static int nisv_exit(struct avcpu_vcpu *vcpu, u64 ipa, bool insn_valid,
		     u32 insn)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	struct avcpu_run *run = vcpu->run;

	vcpu->fetch_retries = 0;
	run->exit_reason = AVCPU_EXIT_MMIO_NISV;
	run->exception = (struct avcpu_exit_exception) {
		.esr = hv->esr, .far = hv->far, .hpfar = hv->hpfar,
		.pc = hv->gp.pc, .ipa = ipa, .kind = AVCPU_EXC_SYNC,
		.flags = AVCPU_EXC_IPA_VALID,
	};
	if (insn_valid) {
		run->exception.flags |= AVCPU_EXC_INSN_VALID;
		run->exception.insn = insn;
	}
	return 0;
}

/*
 * The instruction could not be read, or no longer matches the abort: the
 * guest's tables or code changed since it ran (another vCPU).  Run it
 * again, as the CPU would now: it faults afresh, or takes the guest's
 * own abort.  A guest that keeps its TLB and its tables out of step (no
 * TLBI after a change) could fault and fail forever: after a few tries
 * the access goes to the VMM without an instruction.
 */
static int refetch(struct avcpu_vcpu *vcpu, u64 ipa)
{
	if (++vcpu->fetch_retries < AVCPU_FETCH_RETRIES)
		return 1;
	return nisv_exit(vcpu, ipa, false, 0);
}

/*
 * Read the 4-byte instruction at @ipa from the VM's memory (A64
 * instructions are little-endian whatever SCTLR_EL1.EE says).
 */
static int fetch_insn(struct avcpu_vcpu *vcpu, u64 ipa, u32 *insn)
{
	__le32 word;
	int ret;

	if (ipa & 3)
		return -EFAULT;
	ret = avcpu_mmu_read_guest(vcpu->vm, ipa, &word, sizeof(word));
	if (!ret)
		*insn = le32_to_cpu(word);
	return ret;
}

/* The stack pointer Rn = 31 names at the guest's EL and PSTATE.SP. */
static u64 *guest_sp(struct avcpu_vcpu *vcpu)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;

	if ((hv->gp.pstate & PSR_MODE_MASK) == PSR_MODE_EL1h) {
		/* SP_EL1 may be in the CPU (run.c). */
		avcpu_vcpu_el1_sync(vcpu);
		return &hv->sys[AVCPU_SP_EL1];
	}
	return &hv->gp.sp_el0;
}

static u64 read_base(struct avcpu_vcpu *vcpu, unsigned int rn)
{
	return rn == 31 ? *guest_sp(vcpu) : vcpu->hyp->gp.regs[rn];
}

static void write_base(struct avcpu_vcpu *vcpu, unsigned int rn, u64 val)
{
	if (rn == 31)
		*guest_sp(vcpu) = val;
	else
		vcpu->hyp->gp.regs[rn] = val;
}

/* The offset of a register-offset form: Rm extended, then shifted. */
static u64 reg_offset(struct avcpu_vcpu *vcpu, const struct avcpu_ldst *op)
{
	u64 m = avcpu_get_gpr(vcpu, op->rm);

	switch (op->option) {
	case 2:					/* UXTW */
		m = (u32)m;
		break;
	case 6:					/* SXTW */
		m = (u64)(s64)(s32)m;
		break;
	}
	return m << op->shift;
}

/* Register @rt as @op's element, up to 128 bits. */
static __uint128_t read_element(struct avcpu_vcpu *vcpu,
				const struct avcpu_ldst *op, unsigned int rt)
{
	if (op->simd)
		return vcpu->fp.v[rt];
	return avcpu_get_gpr(vcpu, rt);
}

static void write_element(struct avcpu_vcpu *vcpu, const struct avcpu_ldst *op,
			  unsigned int rt, __uint128_t v)
{
	unsigned int bits = op->esize * 8;
	u64 x = (u64)v;

	if (op->simd) {
		/* A B/H/S/D load clears the rest of the V register. */
		vcpu->fp.v[rt] = v;
		return;
	}
	if (op->sign && bits < 64)
		x = (u64)sign_extend64(x, bits - 1);
	if (!op->dst64)
		x &= GENMASK_ULL(31, 0);
	avcpu_set_gpr(vcpu, rt, x);
}

/* Element @v to bytes in memory order, big- or little-endian. */
static void element_to_bytes(u8 *p, __uint128_t v, unsigned int size,
			     bool be)
{
	unsigned int i;

	for (i = 0; i < size; i++)
		p[be ? size - 1 - i : i] = (u8)(v >> (8 * i));
}

static __uint128_t bytes_to_element(const u8 *p, unsigned int size, bool be)
{
	__uint128_t v = 0;
	unsigned int i;

	for (i = 0; i < size; i++)
		v |= (__uint128_t)p[be ? size - 1 - i : i] << (8 * i);
	return v;
}

/* Hand access number m->step to the VMM. */
static void report_access(struct avcpu_vcpu *vcpu)
{
	struct avcpu_mmio_insn *m = &vcpu->mmio_insn;
	struct avcpu_run *run = vcpu->run;
	unsigned int off = m->step * m->len;
	u64 ipa = m->ipa + off, val = 0;
	unsigned int i;

	run->exit_reason = AVCPU_EXIT_MMIO;
	run->mmio.phys_addr = ipa;
	run->mmio.len = m->len;
	run->mmio.is_write = !m->op.load;
	memset(run->mmio.pad, 0, sizeof(run->mmio.pad));
	memset(run->mmio.data, 0, sizeof(run->mmio.data));
	if (m->op.load) {
		trace_avcpu_mmio(vcpu, AVCPU_MMIO_READ, ipa, m->len, 0);
		vcpu->stat.mmio_reads++;
		return;
	}
	memcpy(run->mmio.data, m->buf + off, m->len);
	for (i = 0; i < m->len; i++)
		val |= (u64)m->buf[off + i] << (8 * i);
	trace_avcpu_mmio(vcpu, AVCPU_MMIO_WRITE, ipa, m->len, val);
	vcpu->stat.mmio_writes++;
}

/* The last access of an emulated instruction is done: registers, base. */
static void insn_finish(struct avcpu_vcpu *vcpu)
{
	struct avcpu_mmio_insn *m = &vcpu->mmio_insn;
	const struct avcpu_ldst *op = &m->op;
	__uint128_t first, second;

	if (op->load) {
		first = bytes_to_element(m->buf, op->esize, m->big_endian);
		second = bytes_to_element(m->buf + op->esize, op->esize,
					  m->big_endian);
		/* Rt == Rt2: see the top of this file for which one stays. */
		if (op->nelem > 1 && !op->simd)
			write_element(vcpu, op, op->rt2, second);
		write_element(vcpu, op, op->rt, first);
		if (op->nelem > 1 && op->simd)
			write_element(vcpu, op, op->rt2, second);
	}
	if (op->wback)
		write_base(vcpu, op->rn, m->new_base);
}

/*
 * An ISV=0 access to the in-kernel GIC: every access of the instruction
 * done here, in address order, then the registers written as for the
 * VMM's.
 */
static void vgic_insn(struct avcpu_vcpu *vcpu)
{
	struct avcpu_mmio_insn *m = &vcpu->mmio_insn;
	unsigned int step, i;

	for (step = 0; step < m->nr; step++) {
		unsigned int off = step * m->len;
		u64 val = 0;

		if (!m->op.load) {
			for (i = 0; i < m->len; i++)
				val |= (u64)m->buf[off + i] << (8 * i);
		}
		avcpu_vgic_mmio(vcpu, m->ipa + off, !m->op.load, m->len, &val);
		if (m->op.load) {
			for (i = 0; i < m->len; i++)
				m->buf[off + i] = val >> (8 * i);
		}
	}
	insn_finish(vcpu);
	avcpu_skip_instr(vcpu);
}

/*
 * A single access (ISV=1) to the distributor or a redistributor: done in
 * the kernel, never an exit.
 */
static int vgic_access(struct avcpu_vcpu *vcpu, u64 ipa)
{
	u64 esr = vcpu->hyp->esr;
	unsigned int len = 1U << FIELD_GET(ESR_ELx_SAS, esr);
	unsigned int rt = FIELD_GET(ESR_ELx_SRT_MASK, esr);
	bool be = guest_data_big_endian(vcpu);
	u64 val = 0;

	if (esr & ESR_ELx_WNR) {
		val = avcpu_get_gpr(vcpu, rt);
		if (len < 8)
			val &= GENMASK_ULL(len * 8 - 1, 0);
		if (be)
			val = swap_bytes(val, len);
		avcpu_vgic_mmio(vcpu, ipa, true, len, &val);
	} else {
		avcpu_vgic_mmio(vcpu, ipa, false, len, &val);
		if (be)
			val = swap_bytes(val, len);
		if ((esr & ESR_ELx_SSE) && len < 8)
			val = (u64)sign_extend64(val, len * 8 - 1);
		if (!(esr & ESR_ELx_SF))
			val &= GENMASK_ULL(31, 0);
		avcpu_set_gpr(vcpu, rt, val);
	}
	avcpu_skip_instr(vcpu);
	return 1;
}

/*
 * ESR_ELx.ISV = 0: emulate from the instruction.  @ipa is the faulting
 * IPA, which lies in the same 4 KiB page as FAR; the transfer's own
 * address comes from the instruction and must lie in that page too.
 * Out of line: inlined, its frame (the decoded instruction, a stack
 * canary, more saved registers) would weigh on every ISV=1 exit.
 */
static noinline int emulate_insn(struct avcpu_vcpu *vcpu, u64 ipa)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	struct avcpu_mmio_insn *m = &vcpu->mmio_insn;
	struct avcpu_ldst op;
	unsigned int total;
	u64 base, offset, addr;
	u32 insn;

	if (!(hv->fault_flags & AVCPU_FAULT_INSN_IPA)) {
		/* AArch32 is not decoded; a failed walk is retried. */
		if (hv->gp.pstate & PSR_MODE32_BIT)
			return nisv_exit(vcpu, ipa, false, 0);
		return refetch(vcpu, ipa);
	}
	if (fetch_insn(vcpu, hv->insn_ipa, &insn))
		return refetch(vcpu, ipa);
	if (avcpu_ldst_decode(insn, &op))
		return nisv_exit(vcpu, ipa, true, insn);
	/* A load reported as a write (or back): the code changed. */
	if (op.load == !!(hv->esr & ESR_ELx_WNR))
		return refetch(vcpu, ipa);

	base = op.literal ? hv->gp.pc : read_base(vcpu, op.rn);
	offset = op.reg_offset ? reg_offset(vcpu, &op) : (u64)op.imm;
	addr = op.postindex ? base : base + offset;
	total = op.esize * op.nelem;
	if ((addr ^ (addr + total - 1)) & ~GENMASK_ULL(11, 0))
		return nisv_exit(vcpu, ipa, true, insn);
	/* FAR is in the transfer (tag bits aside), or the code changed. */
	if (((addr ^ hv->far) & GENMASK_ULL(55, 12)) ||
	    (hv->far & GENMASK_ULL(11, 0)) < (addr & GENMASK_ULL(11, 0)) ||
	    (hv->far & GENMASK_ULL(11, 0)) >=
	    (addr & GENMASK_ULL(11, 0)) + total)
		return refetch(vcpu, ipa);

	vcpu->fetch_retries = 0;
	m->op = op;
	m->ipa = (ipa & ~GENMASK_ULL(11, 0)) | (addr & GENMASK_ULL(11, 0));
	m->new_base = base + offset;
	m->len = min_t(unsigned int, op.esize, 8);
	m->nr = total / m->len;
	m->step = 0;
	m->big_endian = guest_data_big_endian(vcpu);
	/* A store's data are the registers as they are now. */
	if (!op.load) {
		element_to_bytes(m->buf, read_element(vcpu, &op, op.rt),
				 op.esize, m->big_endian);
		if (op.nelem > 1)
			element_to_bytes(m->buf + op.esize,
					 read_element(vcpu, &op, op.rt2),
					 op.esize, m->big_endian);
	}
	if (avcpu_vgic_in_regions(vcpu->vm, m->ipa)) {
		vgic_insn(vcpu);
		return 1;
	}
	report_access(vcpu);
	vcpu->pending = AVCPU_PENDING_MMIO_INSN;
	avcpu_skip_for_vmm(vcpu);
	return 0;
}

/*
 * The VMM performed access m->step.  Returns 0 with the next access in
 * vcpu->run, or 1 once the instruction is complete.
 */
int avcpu_mmio_insn_complete(struct avcpu_vcpu *vcpu)
{
	struct avcpu_mmio_insn *m = &vcpu->mmio_insn;
	const struct avcpu_ldst *op = &m->op;
	unsigned int off = m->step * m->len, i;
	u64 val = 0;

	if (op->load) {
		memcpy(m->buf + off, vcpu->run->mmio.data, m->len);
		for (i = 0; i < m->len; i++)
			val |= (u64)m->buf[off + i] << (8 * i);
		trace_avcpu_mmio(vcpu, AVCPU_MMIO_READ_DONE, m->ipa + off,
				 m->len, val);
	}
	if (++m->step < m->nr) {
		report_access(vcpu);
		return 0;
	}
	insn_finish(vcpu);
	return 1;
}

int avcpu_mmio_exit(struct avcpu_vcpu *vcpu, u64 ipa)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;
	struct avcpu_run *run = vcpu->run;
	struct avcpu_mmio_decode *d = &vcpu->mmio;
	u64 esr = hv->esr, val;
	__le64 data;

	BUILD_BUG_ON(sizeof(run->mmio.data) != sizeof(data));
	if (!(esr & ESR_ELx_ISV)) {
		avcpu_note_exit_abort(vcpu);
		return emulate_insn(vcpu, ipa);
	}
	if (avcpu_vgic_in_regions(vcpu->vm, ipa))
		return vgic_access(vcpu, ipa);
	avcpu_note_exit_abort(vcpu);

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

	if (run->mmio.is_write) {
		val = avcpu_get_gpr(vcpu, d->rt);
		if (d->big_endian)
			val = swap_bytes(val, d->len);
		/* The bytes in memory order, zeros after the access's. */
		if (d->len < 8)
			val &= GENMASK_ULL(8 * d->len - 1, 0);
		data = cpu_to_le64(val);
		memcpy(run->mmio.data, &data, sizeof(data));
		trace_avcpu_mmio(vcpu, AVCPU_MMIO_WRITE, ipa, d->len, val);
		vcpu->stat.mmio_writes++;
	} else {
		memset(run->mmio.data, 0, sizeof(run->mmio.data));
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
	unsigned int bits = d->len * 8;
	__le64 data;
	u64 val;

	memcpy(&data, vcpu->run->mmio.data, sizeof(data));
	val = le64_to_cpu(data);
	/* The access's bytes in memory order; the rest is not the guest's. */
	if (bits < 64)
		val &= GENMASK_ULL(bits - 1, 0);
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
