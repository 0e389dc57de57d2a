// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding of the A64 loads and stores avcpu emulates on MMIO when the
 * data abort's syndrome does not describe the access (ESR_ELx.ISV = 0).
 * A pure function of the instruction word: no guest state is read here.
 *
 * Emulated (Arm ARM C4.1, "Loads and Stores"):
 *   - register pair: STP/LDP (W, X), LDPSW, STNP/LDNP, and their SIMD&FP
 *     forms (S, D, Q); signed offset, pre- and post-index;
 *   - single register: STR/LDR of every size, LDRSB/LDRSH to W and X,
 *     LDRSW, and the SIMD&FP forms of B, H, S, D, Q; unsigned offset,
 *     unscaled (LDUR/STUR), pre- and post-index, register offset;
 *   - load literal: LDR W/X, LDRSW, LDR S/D/Q.
 * Everything else (exclusives, acquire/release, atomics, unprivileged,
 * pointer-authenticated loads, structure loads, STGP, PRFM, system
 * instructions such as DC ZVA) is refused.
 */
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include "avcpu.h"

#define LDST_RT		GENMASK(4, 0)
#define LDST_RN		GENMASK(9, 5)
#define LDST_RT2	GENMASK(14, 10)
#define LDST_RM		GENMASK(20, 16)
#define LDST_SIZE	GENMASK(31, 30)
#define LDST_V		BIT(26)
#define LDST_OPC	GENMASK(23, 22)
#define LDST_IMM12	GENMASK(21, 10)
#define LDST_IMM9	GENMASK(20, 12)
#define LDST_IMM7	GENMASK(21, 15)
#define LDST_IMM19	GENMASK(23, 5)
#define LDST_IDX9	GENMASK(11, 10)		/* imm9 forms: addressing */
#define LDST_OPTION	GENMASK(15, 13)		/* register offset: extend */
#define LDST_S		BIT(12)			/* register offset: scaled */
#define LDST_PAIR_IDX	GENMASK(25, 23)
#define LDST_PAIR_L	BIT(22)

/* Bits [29:27] and [25:24] pick the group (C4.1.4). */
#define LDST_CLASS(insn)	(((insn) >> 27) & 7)
#define LDST_CLASS_LITERAL	3	/* 011 */
#define LDST_CLASS_PAIR		5	/* 101 */
#define LDST_CLASS_REG		7	/* 111 */

/* Size, load/store and extension of a single-register access. */
static int decode_single(u32 insn, struct avcpu_ldst *op)
{
	unsigned int size = FIELD_GET(LDST_SIZE, insn);
	unsigned int opc = FIELD_GET(LDST_OPC, insn);

	if (insn & LDST_V) {
		op->simd = true;
		if (opc & 2) {
			if (size)
				return -EINVAL;
			op->esize = 16;
		} else {
			op->esize = 1 << size;
		}
		op->load = opc & 1;
		return 0;
	}
	op->esize = 1 << size;
	switch (opc) {
	case 0:				/* STRB, STRH, STR */
		return 0;
	case 1:				/* LDRB, LDRH, LDR: zero-extended */
		op->load = true;
		op->dst64 = size == 3;
		return 0;
	case 2:				/* LDRSB/LDRSH/LDRSW to X; PRFM */
		if (size == 3)
			return -EINVAL;
		op->load = true;
		op->sign = true;
		op->dst64 = true;
		return 0;
	default:			/* LDRSB/LDRSH to W */
		if (size >= 2)
			return -EINVAL;
		op->load = true;
		op->sign = true;
		return 0;
	}
}

static int decode_reg(u32 insn, struct avcpu_ldst *op)
{
	int ret = decode_single(insn, op);

	if (ret)
		return ret;
	op->rn = FIELD_GET(LDST_RN, insn);
	if (insn & BIT(24)) {			/* unsigned offset */
		op->imm = (s64)FIELD_GET(LDST_IMM12, insn) * op->esize;
		return 0;
	}
	if (insn & BIT(21)) {
		/* Register offset; [11:10] = 00 are the atomics, x1 LDRAA. */
		if (FIELD_GET(LDST_IDX9, insn) != 2)
			return -EINVAL;
		op->option = FIELD_GET(LDST_OPTION, insn);
		if (!(op->option & 2))		/* UXTB/UXTH/SXTB/SXTH */
			return -EINVAL;
		op->reg_offset = true;
		op->rm = FIELD_GET(LDST_RM, insn);
		op->shift = (insn & LDST_S) ? ilog2(op->esize) : 0;
		return 0;
	}
	op->imm = sign_extend64(FIELD_GET(LDST_IMM9, insn), 8);
	switch (FIELD_GET(LDST_IDX9, insn)) {
	case 0:					/* unscaled: LDUR, STUR */
		return 0;
	case 1:
		op->wback = true;
		op->postindex = true;
		return 0;
	case 3:
		op->wback = true;
		return 0;
	}
	return -EINVAL;				/* unprivileged: LDTR, STTR */
}

static int decode_pair(u32 insn, struct avcpu_ldst *op)
{
	unsigned int opc = FIELD_GET(LDST_SIZE, insn);
	unsigned int idx = FIELD_GET(LDST_PAIR_IDX, insn);

	op->load = insn & LDST_PAIR_L;
	if (insn & LDST_V) {
		if (opc == 3)
			return -EINVAL;
		op->simd = true;
		op->esize = 4 << opc;
	} else {
		switch (opc) {
		case 0:
			op->esize = 4;
			break;
		case 1:			/* LDPSW; STGP and opc 01 LDNP are not */
			if (!op->load || !idx)
				return -EINVAL;
			op->esize = 4;
			op->sign = true;
			op->dst64 = true;
			break;
		case 2:
			op->esize = 8;
			op->dst64 = true;
			break;
		default:
			return -EINVAL;
		}
	}
	switch (idx) {
	case 0:				/* no-allocate: STNP, LDNP */
	case 2:				/* signed offset */
		break;
	case 1:
		op->wback = true;
		op->postindex = true;
		break;
	case 3:
		op->wback = true;
		break;
	default:
		return -EINVAL;
	}
	op->nelem = 2;
	op->rt2 = FIELD_GET(LDST_RT2, insn);
	op->rn = FIELD_GET(LDST_RN, insn);
	op->imm = sign_extend64(FIELD_GET(LDST_IMM7, insn), 6) * op->esize;
	return 0;
}

static int decode_literal(u32 insn, struct avcpu_ldst *op)
{
	unsigned int opc = FIELD_GET(LDST_SIZE, insn);

	if (opc == 3)				/* PRFM; SIMD: unallocated */
		return -EINVAL;
	op->load = true;
	op->literal = true;
	if (insn & LDST_V) {
		op->simd = true;
		op->esize = 4 << opc;
	} else {
		op->esize = opc == 1 ? 8 : 4;
		op->dst64 = opc != 0;
		op->sign = opc == 2;		/* LDRSW */
	}
	op->imm = sign_extend64(FIELD_GET(LDST_IMM19, insn), 18) * 4;
	return 0;
}

/* Decode @insn into @op; -EINVAL for anything not emulated. */
int avcpu_ldst_decode(u32 insn, struct avcpu_ldst *op)
{
	*op = (struct avcpu_ldst) { .rt = FIELD_GET(LDST_RT, insn),
				    .nelem = 1 };

	/* Loads and stores: op0 = x1x0, that is bit 27 set, bit 25 clear. */
	if (!(insn & BIT(27)) || (insn & BIT(25) &&
				  LDST_CLASS(insn) != LDST_CLASS_PAIR))
		return -EINVAL;
	switch (LDST_CLASS(insn)) {
	case LDST_CLASS_REG:
		return decode_reg(insn, op);
	case LDST_CLASS_PAIR:
		return decode_pair(insn, op);
	case LDST_CLASS_LITERAL:
		if (insn & GENMASK(25, 24))
			return -EINVAL;
		return decode_literal(insn, op);
	}
	return -EINVAL;
}
