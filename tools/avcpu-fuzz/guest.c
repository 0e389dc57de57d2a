// SPDX-License-Identifier: GPL-2.0
/*
 * Random guests: A64 instruction words, some fully random, most drawn
 * from a weighted list of the instructions that reach the hypervisor or
 * its memory handling (system registers, HVC/SMC and PSCI, loads and
 * stores of every addressing form, exclusives and atomics, cache and TLB
 * maintenance, WFx, ERET, exception-generating instructions, FP/SIMD,
 * SVE/SME, PAC and MTE).  Registers hold addresses the VMM chose (inside
 * slots, at their edges, in MMIO space, beyond the IPA size), so loads
 * and stores land where stage 2 is interesting.
 *
 * The timer rule.  QEMU 7.2 (the lab) freezes for good, its main loop
 * spinning in the generic-timer callback, when a guest enables its
 * virtual timer with CNTV_CVAL_EL0 near 2^64 (CVAL plus the counter
 * offset wraps).  Real hardware does not care, but a fuzzer that freezes
 * the lab finds nothing.  So no value the fuzzer does not bound reaches
 * a timer register:
 *   - every MSR to an op0 = 3, CRn = 14 register (CNTV_*, CNTP_*,
 *     CNTKCTL_EL1, the EL2 and EL02 timer aliases) is rewritten to take
 *     XZR (guest_filter(), applied to every word, random ones included):
 *     CVAL = 0 and TVAL = 0 fire at once, which is safe and still drives
 *     the timer paths (IRQ_LEVEL exits, WFI wake-ups);
 *   - values the VMM writes with SET_ONE_REG are bounded below 2^62 for
 *     CVAL, TVAL stays a positive 31-bit count (guest_bound_reg());
 *   - CNTKCTL_EL1 keeps EL0VTEN and EL0PTEN clear, so AArch32 or AArch64
 *     EL0 code, which an ERET with a random SPSR may reach, cannot write
 *     the timer either.
 * What remains is a guest storing a register whose low 32 bits encode
 * "MSR CNTV_CVAL_EL0, Xn" with n != 31 and then executing it, with the
 * timer enabled and Xn near 2^64: a 2^-27 chance per stored and executed
 * random word on top of the rest, never seen in the lab.
 */
#include <string.h>
#include "fuzz.h"

#define NOP		0xd503201fU
#define ERET		0xd69f03e0U

/* MSR/MRS <sysreg>, Xt; op0 is 2 or 3. */
static uint32_t sysreg_bits(unsigned int op0, unsigned int op1,
			    unsigned int crn, unsigned int crm,
			    unsigned int op2)
{
	return ((op0 & 1) << 19) | ((op1 & 7) << 16) | ((crn & 15) << 12) |
	       ((crm & 15) << 8) | ((op2 & 7) << 5);
}

static uint32_t msr(uint32_t sr, unsigned int rt)
{
	return 0xd5100000U | sr | (rt & 31);
}

static uint32_t mrs(uint32_t sr, unsigned int rt)
{
	return 0xd5300000U | sr | (rt & 31);
}

/* SYS #op1, Cn, Cm, #op2, Xt (DC, IC, AT, TLBI). */
static uint32_t sys(unsigned int op1, unsigned int crn, unsigned int crm,
		    unsigned int op2, unsigned int rt)
{
	return 0xd5080000U | ((op1 & 7) << 16) | ((crn & 15) << 12) |
	       ((crm & 15) << 8) | ((op2 & 7) << 5) | (rt & 31);
}

uint32_t guest_filter(uint32_t w)
{
	/* MSR (register), op0 = 3, CRn = 14: the timer block. */
	if ((w & 0xfff80000U) == 0xd5180000U && ((w >> 12) & 15) == 14)
		w |= 31;
	return w;
}

#define SYSREG_CLASS(id)	(((id) >> 16) & 0xfff)
#define SYSREG_ENC(id)		((id) & 0xffff)

void guest_bound_reg(uint64_t id, void *val)
{
	uint64_t v;

	if (SYSREG_CLASS(id) != 0x13 || ((SYSREG_ENC(id) >> 7) & 15) != 14)
		return;
	memcpy(&v, val, sizeof(v));
	switch (SYSREG_ENC(id) & 7) {	/* op2 */
	case 0:		/* CNTKCTL_EL1, CNTV/CNTP_TVAL, CNTFRQ */
		v &= 0x7fffffffULL & ~(3ULL << 8);
		break;
	default:	/* CVALs and the rest: below 2^62 */
		v &= (1ULL << 62) - 1;
		break;
	}
	memcpy(val, &v, sizeof(v));
}

/* System registers worth hitting more often than random encodings. */
static const uint8_t sysregs[][5] = {
	{ 3, 0, 1, 0, 0 },	/* SCTLR_EL1 */
	{ 3, 0, 1, 0, 1 },	/* ACTLR_EL1 */
	{ 3, 0, 1, 0, 2 },	/* CPACR_EL1 */
	{ 3, 0, 2, 0, 0 },	/* TTBR0_EL1 */
	{ 3, 0, 2, 0, 1 },	/* TTBR1_EL1 */
	{ 3, 0, 2, 0, 2 },	/* TCR_EL1 */
	{ 3, 0, 10, 2, 0 },	/* MAIR_EL1 */
	{ 3, 0, 12, 0, 0 },	/* VBAR_EL1 */
	{ 3, 0, 4, 0, 0 },	/* SPSR_EL1 */
	{ 3, 0, 4, 0, 1 },	/* ELR_EL1 */
	{ 3, 0, 4, 1, 0 },	/* SP_EL0 */
	{ 3, 3, 4, 2, 1 },	/* DAIF */
	{ 3, 3, 4, 2, 0 },	/* NZCV */
	{ 3, 0, 4, 2, 3 },	/* PAN */
	{ 3, 3, 14, 3, 1 },	/* CNTV_CTL_EL0 */
	{ 3, 3, 14, 3, 2 },	/* CNTV_CVAL_EL0 (filtered) */
	{ 3, 3, 14, 3, 0 },	/* CNTV_TVAL_EL0 (filtered) */
	{ 3, 3, 14, 0, 2 },	/* CNTVCT_EL0 */
	{ 3, 3, 14, 0, 1 },	/* CNTPCT_EL0 */
	{ 3, 3, 14, 2, 1 },	/* CNTP_CTL_EL0 */
	{ 3, 3, 14, 2, 2 },	/* CNTP_CVAL_EL0 (filtered) */
	{ 3, 0, 14, 1, 0 },	/* CNTKCTL_EL1 (filtered) */
	{ 2, 0, 0, 2, 2 },	/* MDSCR_EL1 */
	{ 2, 0, 1, 0, 4 },	/* OSLAR_EL1 */
	{ 2, 0, 1, 1, 4 },	/* OSLSR_EL1 */
	{ 2, 0, 1, 3, 4 },	/* OSDLR_EL1 */
	{ 2, 0, 0, 0, 4 },	/* DBGBVR0_EL1 */
	{ 2, 0, 0, 0, 5 },	/* DBGBCR0_EL1 */
	{ 2, 0, 0, 0, 7 },	/* DBGWCR0_EL1 */
	{ 3, 3, 9, 12, 0 },	/* PMCR_EL0 */
	{ 3, 3, 9, 13, 0 },	/* PMCCNTR_EL0 */
	{ 3, 3, 9, 14, 0 },	/* PMUSERENR_EL0 */
	{ 3, 0, 12, 12, 5 },	/* ICC_SRE_EL1 */
	{ 3, 0, 4, 6, 0 },	/* ICC_PMR_EL1 */
	{ 3, 0, 12, 12, 0 },	/* ICC_IAR1_EL1 */
	{ 3, 0, 12, 11, 5 },	/* ICC_SGI1R_EL1 */
	{ 3, 0, 12, 12, 7 },	/* ICC_IGRPEN1_EL1 */
	{ 3, 0, 12, 1, 1 },	/* DISR_EL1 */
	{ 3, 0, 5, 3, 1 },	/* ERRSELR_EL1 */
	{ 3, 0, 5, 4, 2 },	/* ERXSTATUS_EL1 */
	{ 3, 3, 13, 0, 5 },	/* TPIDR2_EL0 */
	{ 3, 0, 1, 2, 0 },	/* ZCR_EL1 */
	{ 3, 0, 1, 2, 6 },	/* SMCR_EL1 */
	{ 3, 3, 4, 2, 2 },	/* SVCR */
	{ 3, 0, 2, 1, 0 },	/* APIAKEYLO_EL1 */
	{ 3, 0, 1, 0, 6 },	/* GCR_EL1 */
	{ 3, 0, 5, 6, 0 },	/* TFSR_EL1 */
	{ 3, 3, 2, 4, 0 },	/* RNDR */
	{ 3, 0, 0, 4, 0 },	/* ID_AA64PFR0_EL1 */
	{ 3, 0, 0, 7, 0 },	/* ID_AA64MMFR0_EL1 */
	{ 3, 0, 0, 0, 0 },	/* MIDR_EL1 */
	{ 3, 0, 0, 0, 5 },	/* MPIDR_EL1 */
	{ 3, 3, 0, 0, 1 },	/* CTR_EL0 */
	{ 3, 3, 0, 0, 7 },	/* DCZID_EL0 */
	{ 3, 1, 0, 0, 1 },	/* CLIDR_EL1 */
	{ 3, 1, 0, 0, 0 },	/* CCSIDR_EL1 */
	{ 3, 2, 0, 0, 0 },	/* CSSELR_EL1 */
	{ 3, 0, 10, 4, 3 },	/* LORC_EL1 */
	{ 3, 0, 7, 4, 0 },	/* PAR_EL1 */
	{ 3, 3, 13, 2, 0 },	/* AMCR_EL0 */
	{ 3, 4, 1, 1, 0 },	/* HCR_EL2 */
	{ 3, 4, 12, 0, 0 },	/* VBAR_EL2 */
	{ 3, 5, 4, 0, 0 },	/* SPSR_EL12 */
	{ 3, 5, 14, 3, 1 },	/* CNTV_CTL_EL02 */
	{ 3, 0, 1, 2, 1 },	/* TRFCR_EL1 */
	{ 3, 0, 9, 9, 0 },	/* PMSCR_EL1 */
	{ 3, 0, 10, 5, 0 },	/* MPAM1_EL1 */
	{ 3, 0, 15, 0, 0 },	/* implementation defined */
	{ 3, 0, 2, 0, 3 },	/* TCR2_EL1 */
	{ 3, 0, 10, 2, 2 },	/* PIRE0_EL1 */
};

/* SMCCC and PSCI function IDs, and some neighbours. */
static const uint32_t smccc_ids[] = {
	0x84000000, 0x84000001, 0xc4000001, 0x84000002, 0x84000003,
	0xc4000003, 0x84000004, 0xc4000004, 0x84000006, 0x84000008,
	0x84000009, 0x8400000a, 0x8400000c, 0x8400001f, 0x84000020,
	0x80000000, 0x80000001, 0x80008000, 0x80007fff, 0x80003fff,
	0xc2000000, 0x86000000, 0xbf00ff01, 0xffffffff, 0x00000000,
};

struct gen {
	struct rng *r;
	uint32_t *code;
	unsigned int n, i;
	const uint64_t *addrs;
	unsigned int naddrs;
};

static void emit(struct gen *g, uint32_t w)
{
	if (g->i < g->n)
		g->code[g->i++] = w;
}

static unsigned int reg(struct gen *g)
{
	return rnd(g->r, 31);
}

/* MOVZ/MOVK Xd with a 64-bit value, 1-4 instructions. */
static void emit_mov(struct gen *g, unsigned int rd, uint64_t v)
{
	unsigned int hw;
	bool first = true;

	for (hw = 0; hw < 4; hw++) {
		uint32_t imm = (v >> (hw * 16)) & 0xffff;

		if (!imm && !(first && hw == 3))
			continue;
		emit(g, (first ? 0xd2800000U : 0xf2800000U) | (hw << 21) |
			(imm << 5) | rd);
		first = false;
	}
}

static uint64_t addr(struct gen *g)
{
	if (!g->naddrs || one_in(g->r, 8))
		return rnd64(g->r);
	return g->addrs[rnd(g->r, g->naddrs)] + (one_in(g->r, 2) ? 0 :
						 rnd(g->r, 64) * 8);
}

static void gen_sysreg(struct gen *g, bool random)
{
	uint32_t sr;

	if (random) {
		sr = sysreg_bits(2 + rnd(g->r, 2), rnd(g->r, 8), rnd(g->r, 16),
				 rnd(g->r, 16), rnd(g->r, 8));
	} else {
		const uint8_t *s = sysregs[rnd(g->r, ARRAY_SIZE(sysregs))];

		sr = sysreg_bits(s[0], s[1], s[2], s[3], s[4]);
	}
	if (one_in(g->r, 3)) {
		unsigned int rt = reg(g);

		if (one_in(g->r, 2))
			emit_mov(g, rt, one_in(g->r, 2) ? addr(g) :
				 rnd64(g->r));
		emit(g, msr(sr, rt));
	} else {
		emit(g, mrs(sr, reg(g)));
	}
}

static void gen_call(struct gen *g)
{
	uint32_t imm = one_in(g->r, 4) ? rnd(g->r, 0x10000) : 0;
	uint32_t id = one_in(g->r, 6) ? (uint32_t)rnd64(g->r) :
		      smccc_ids[rnd(g->r, ARRAY_SIZE(smccc_ids))];

	if (!one_in(g->r, 5)) {
		emit_mov(g, 0, id);
		/* CPU_ON / AFFINITY_INFO arguments: an MPIDR, an entry. */
		emit_mov(g, 1, one_in(g->r, 3) ? rnd64(g->r) : rnd(g->r, 5));
		emit_mov(g, 2, addr(g) & ~(one_in(g->r, 8) ? 0ULL : 3ULL));
		if (one_in(g->r, 2))
			emit_mov(g, 3, rnd64(g->r));
	}
	emit(g, (one_in(g->r, 3) ? 0xd4000003U : 0xd4000002U) | (imm << 5));
}

static void gen_mem(struct gen *g)
{
	unsigned int rn = reg(g), rt = reg(g), rt2 = reg(g);
	uint32_t w;

	if (one_in(g->r, 2))
		emit_mov(g, rn, addr(g));
	switch (rnd(g->r, 12)) {
	case 0:	/* LDR/STR X, W, H, B, unsigned offset */
		w = PICK(g->r, ((const uint32_t[]){
			0xf9400000, 0xf9000000, 0xb9400000, 0xb9000000,
			0x79400000, 0x79000000, 0x39400000, 0x39000000,
			0xb9800000, 0x39800000, 0x79800000 }));
		w |= (rnd(g->r, 8) << 10);
		break;
	case 1:	/* pre/post-index writeback: no ISV */
		w = PICK(g->r, ((const uint32_t[]){
			0xf8400400, 0xf8400c00, 0xf8000400, 0xf8000c00,
			0xb8400400, 0x38000c00 }));
		w |= (rnd(g->r, 512) << 12);
		break;
	case 2:	/* register offset */
		w = 0xf8606800 | (reg(g) << 16);
		break;
	case 3:	/* LDP/STP, LDPSW, STNP: no ISV, emulated by avcpu */
		w = PICK(g->r, ((const uint32_t[]){
			0xa9400000, 0xa9000000, 0x29400000, 0xa9c00000,
			0xa8c00000, 0x69400000, 0x68c00000, 0x28800000,
			0xa8000000 }));
		w |= (rnd(g->r, 128) << 15) | (rt2 << 10);
		break;
	case 4:	/* exclusives */
		w = PICK(g->r, ((const uint32_t[]){
			0xc85f7c00, 0xc85ffc00, 0x885f7c00, 0xc87f0000 }));
		if ((w & 0xffff0000) == 0xc87f0000)
			w |= rt2 << 10;
		break;
	case 5:
		w = PICK(g->r, ((const uint32_t[]){ 0xc8007c00, 0xc800fc00 }));
		w |= rt2 << 16;
		break;
	case 6:	/* LSE atomics: UNDEFINED on v8.0 */
		w = PICK(g->r, ((const uint32_t[]){
			0xf8200000, 0xf8e00000, 0xf8208000, 0xc8a07c00,
			0xb8201000, 0x38203000 }));
		w |= rt2 << 16;
		break;
	case 7:	/* FP/SIMD loads and stores (LD1/ST1; the rest emulated) */
		w = PICK(g->r, ((const uint32_t[]){
			0x4c407000, 0x4c007000, 0xfd400000, 0x3dc00000,
			0xfd000000, 0x3d800000, 0x3cc00c00, 0x3c800400,
			0x7c606800, 0x6d400000, 0xad800000, 0x2cc00000 }));
		w |= rt2 << 10;
		break;
	case 8:	/* LDTR/STTR (unprivileged), LDAR/STLR */
		w = PICK(g->r, ((const uint32_t[]){
			0xf8400800, 0xf8000800, 0xc8dffc00, 0xc89ffc00 }));
		break;
	case 9:	/* DC ZVA */
		w = sys(3, 7, 4, 1, 0);
		break;
	case 10: /* MTE tag accesses: UNDEFINED here */
		w = PICK(g->r, ((const uint32_t[]){ 0xd9200800, 0xd9600000 }));
		break;
	default: /* PAC loads */
		w = PICK(g->r, ((const uint32_t[]){ 0xf8200400, 0xf8a00400 }));
		break;
	}
	emit(g, w | (rn << 5) | rt);
}

static void gen_maint(struct gen *g)
{
	static const uint8_t ops[][4] = {
		{ 3, 7, 4, 1 }, { 0, 7, 6, 1 }, { 0, 7, 6, 2 }, { 0, 7, 10, 2 },
		{ 0, 7, 14, 2 }, { 3, 7, 10, 1 }, { 3, 7, 11, 1 },
		{ 3, 7, 14, 1 }, { 3, 7, 12, 1 }, { 3, 7, 13, 1 },
		{ 0, 7, 1, 0 }, { 0, 7, 5, 0 }, { 3, 7, 5, 1 },
		{ 0, 7, 8, 0 }, { 0, 7, 8, 1 }, { 0, 7, 8, 2 }, { 0, 7, 8, 3 },
		{ 0, 7, 9, 0 }, { 4, 7, 8, 4 }, { 4, 7, 8, 0 },
		{ 0, 8, 3, 0 }, { 0, 8, 3, 1 }, { 0, 8, 3, 2 }, { 0, 8, 3, 3 },
		{ 0, 8, 7, 0 }, { 0, 8, 7, 1 }, { 4, 8, 7, 4 }, { 4, 8, 3, 0 },
		{ 6, 8, 7, 0 }, { 0, 7, 3, 4 },
	};
	unsigned int rt = reg(g);

	if (one_in(g->r, 2))
		emit_mov(g, rt, addr(g));
	if (one_in(g->r, 6)) {
		emit(g, sys(rnd(g->r, 8), rnd(g->r, 16), rnd(g->r, 16),
			    rnd(g->r, 8), rt));
	} else {
		const uint8_t *o = ops[rnd(g->r, ARRAY_SIZE(ops))];

		emit(g, sys(o[0], o[1], o[2], o[3], rt));
	}
}

static void gen_eret(struct gen *g)
{
	static const uint64_t modes[] = { 0x0, 0x4, 0x5, 0x9, 0x1, 0xd };
	uint64_t spsr = PICK(g->r, modes) | (rnd(g->r, 16) << 6);

	if (one_in(g->r, 16))
		spsr = rnd64(g->r) & 0xffffffff;
	if (one_in(g->r, 2)) {
		emit_mov(g, 17, spsr);
		emit(g, msr(sysreg_bits(3, 0, 4, 0, 0), 17));
		emit_mov(g, 16, addr(g));
		emit(g, msr(sysreg_bits(3, 0, 4, 0, 1), 16));
	}
	emit(g, ERET);
}

static void gen_exc(struct gen *g)
{
	uint32_t imm = rnd(g->r, 0x10000);

	emit(g, PICK(g->r, ((const uint32_t[]){
		0xd4200000, 0xd4000001, 0xd4400000, 0x00000000, 0xd4a00001,
		0xd4a00002, 0xd4a00003 })) | (imm << 5));
}

static void gen_hint(struct gen *g)
{
	emit(g, PICK(g->r, ((const uint32_t[]){
		0xd503207f, 0xd503205f, 0xd503209f, 0xd50320bf, 0xd503203f,
		0xd5033fdf, 0xd5033f9f, 0xd5033bbf, 0xd5033a9f, 0xd503305f,
		0xd503201f, 0xd503221f, 0xd503229f })));
}

static void gen_pstate(struct gen *g)
{
	static const uint8_t fields[][2] = {
		{ 3, 6 }, { 3, 7 }, { 0, 5 }, { 0, 4 }, { 0, 3 }, { 3, 1 },
		{ 3, 2 }, { 3, 4 }, { 1, 0 },
	};
	const uint8_t *f = fields[rnd(g->r, ARRAY_SIZE(fields))];
	unsigned int op1 = f[0], op2 = f[1];

	if (one_in(g->r, 5)) {
		op1 = rnd(g->r, 8);
		op2 = rnd(g->r, 8);
	}
	emit(g, 0xd500401fU | (op1 << 16) | (rnd(g->r, 16) << 8) |
		(op2 << 5));
}

static void gen_ext(struct gen *g)
{
	switch (rnd(g->r, 8)) {
	case 0:	/* FMOV Dd, Xn; FADD */
		emit(g, 0x9e670000U | (reg(g) << 5) | rnd(g->r, 32));
		break;
	case 1:	/* ADD Vd.2D */
		emit(g, 0x4ee08400U | (rnd(g->r, 32) << 16) |
			(rnd(g->r, 32) << 5) | rnd(g->r, 32));
		break;
	case 2:	/* an SVE word: UNDEFINED for the guest */
		emit(g, 0x04000000U | (rnd64(g->r) & 0x01ffffff));
		break;
	case 3:	/* SMSTART, SMSTOP, ZERO {za} */
		emit(g, PICK(g->r, ((const uint32_t[]){
			0xd503477f, 0xd503467f, 0xc00800ff })));
		break;
	case 4:	/* PACIASP, AUTIASP, PACIA, XPACI */
		emit(g, PICK(g->r, ((const uint32_t[]){
			0xd503233f, 0xd50323bf, 0xdac10000, 0xdac143e0 })));
		break;
	case 5:	/* IRG, GMI, ADDG */
		emit(g, PICK(g->r, ((const uint32_t[]){
			0x9ac01000, 0x9ac01400, 0x91800000 })) |
			(reg(g) << 5) | reg(g));
		break;
	case 6:	/* FP compare, convert */
		emit(g, 0x1e602000U | (rnd(g->r, 32) << 16) |
			(rnd(g->r, 32) << 5));
		break;
	default: /* CRC32, RNDR via MRS is in sysregs */
		emit(g, 0x9ac04c00U | (reg(g) << 16) | (reg(g) << 5) | reg(g));
		break;
	}
}

static void gen_branch(struct gen *g)
{
	int off = (int)rnd(g->r, 64) - 32;

	switch (rnd(g->r, 6)) {
	case 0:
		emit(g, 0x14000000U | ((uint32_t)off & 0x3ffffff));
		break;
	case 1:
		emit(g, 0x94000000U | ((uint32_t)off & 0x3ffffff));
		break;
	case 2:
		emit(g, 0xb4000000U | (((uint32_t)off & 0x7ffff) << 5) |
			reg(g));
		break;
	case 3: {
		unsigned int rn = reg(g);

		emit_mov(g, rn, addr(g));
		emit(g, (one_in(g->r, 2) ? 0xd61f0000U : 0xd63f0000U) |
			(rn << 5));
		break;
	}
	case 4:
		emit(g, 0xd65f03c0U);
		break;
	default: /* b . : spin until a signal or an interrupt */
		emit(g, one_in(g->r, 4) ? 0x14000000U : 0x14000001U);
		break;
	}
}

static void gen_one(struct gen *g)
{
	unsigned int k = rnd(g->r, 100);

	if (k < 12)
		emit(g, (uint32_t)rnd64(g->r));
	else if (k < 22)
		gen_sysreg(g, false);
	else if (k < 27)
		gen_sysreg(g, true);
	else if (k < 34)
		gen_call(g);
	else if (k < 50)
		gen_mem(g);
	else if (k < 56)
		gen_maint(g);
	else if (k < 61)
		emit_mov(g, reg(g), addr(g));
	else if (k < 66)
		gen_hint(g);
	else if (k < 70)
		gen_eret(g);
	else if (k < 75)
		gen_exc(g);
	else if (k < 79)
		gen_pstate(g);
	else if (k < 86)
		gen_ext(g);
	else if (k < 93)
		gen_branch(g);
	else	/* data processing, immediate: ADD/SUB/logical */
		emit(g, 0x91000000U | (rnd64(g->r) & 0x7fffff) |
			(one_in(g->r, 2) ? 0x40000000U : 0));
}

void guest_gen(struct rng *r, uint32_t *code, unsigned int n,
	       const uint64_t *addrs, unsigned int naddrs)
{
	struct gen g = { .r = r, .code = code, .n = n, .addrs = addrs,
			 .naddrs = naddrs };
	unsigned int i;

	if (n < 3)
		return;
	g.n = n - 2;
	while (g.i < g.n)
		gen_one(&g);
	/* An exit, then back to the start. */
	code[n - 2] = 0xd4000002U | (0xf00dU << 5);
	code[n - 1] = 0x14000000U | ((uint32_t)-(int)(n - 1) & 0x3ffffff);
	for (i = 0; i < n; i++)
		code[i] = guest_filter(code[i]);
}

/*
 * A vector table (16 entries of 32 words): most handlers step over the
 * faulting instruction and return, some exit with an HVC first, some are
 * random code like the rest.
 */
void guest_gen_vectors(struct rng *r, uint32_t *vec, const uint64_t *addrs,
		       unsigned int naddrs)
{
	unsigned int e, i;

	for (e = 0; e < 16; e++) {
		uint32_t *v = vec + e * 32;
		unsigned int k = rnd(r, 4);

		i = 0;
		if (k == 0 || k == 1) {
			if (k == 1)
				v[i++] = 0xd4000002U | (rnd(r, 0x10000) << 5);
			v[i++] = 0xd538403eU;	/* mrs x30, elr_el1 */
			v[i++] = 0x910013deU;	/* add x30, x30, #4 */
			v[i++] = 0xd518403eU;	/* msr elr_el1, x30 */
			v[i++] = ERET;
			while (i < 32)
				v[i++] = NOP;
		} else if (k == 2) {
			v[i++] = 0xd4000002U | (rnd(r, 0x10000) << 5);
			v[i++] = ERET;
			while (i < 32)
				v[i++] = NOP;
		} else {
			guest_gen(r, v, 32, addrs, naddrs);
		}
		for (i = 0; i < 32; i++)
			v[i] = guest_filter(v[i]);
	}
}
