// SPDX-License-Identifier: GPL-2.0
/*
 * MMIO accesses whose syndrome does not describe them (ESR_EL2.ISV = 0)
 * are emulated by the module: LDP/STP/LDPSW, pre- and post-index forms,
 * SIMD&FP registers, PC-relative literals.  Each case of the table runs
 * its one instruction twice, in two VMs with the same code and the same
 * registers: once where the data is RAM, once where it is MMIO served by
 * this test's own RUN loop as if it were RAM.  Every general-purpose and
 * SIMD register, both stack pointers, the PC and the data must come out
 * identical, and the MMIO run must take exactly the number of exits the
 * documented split gives (one per register, two per Q register).
 *
 * The table runs at EL1h little- and big-endian (SCTLR_EL1.EE), and the
 * cases marked EL0 also at EL0 (SCTLR_EL1.E0E both ways) and at EL1t,
 * where SP is SP_EL0.  The guest's MMU is off: its data accesses are
 * Device-nGnRnE, so every case keeps its accesses aligned.
 */
#include <stdbool.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"

#define RAM_SIZE	(1ULL << 20)
/* Data right above RAM: within reach of a PC-relative literal load. */
#define DATA_IPA	(GUEST_RAM_BASE + RAM_SIZE)
#define DATA_SIZE	0x1000ULL
#define BASE_OFF	0x200ULL	/* x0 */
#define SP1_OFF		0x400ULL	/* SP_EL1 */
#define SP0_OFF		0x600ULL	/* SP_EL0 */
#define CASE_OFF	0x800ULL	/* first case, after the vectors */

#define SCTLR_E0E	(1ULL << 24)
#define SCTLR_EE	(1ULL << 25)
#define CPACR_FPEN	(3ULL << 20)
#define PSTATE_EL0t	0x3c0ULL
#define PSTATE_EL1t	0x3c4ULL
#define PSTATE_EL1h	0x3c5ULL

#define F_EL0		1	/* also at EL0 and EL1t */
#define F_LIT		2	/* @text is replaced by a literal load */

struct mmio_case {
	const char *text;
	unsigned int exits;	/* MMIO exits of the emulated run */
	unsigned int flags;
	uint32_t lit;		/* F_LIT: encoding without imm19 */
};

/*
 * Each case is "instruction; hvc #1", 8 bytes.  The CONSTRAINED
 * UNPREDICTABLE overlaps are written as .inst (the assembler warns).
 */
#define CASES(X)							\
	/* single general-purpose register, no writeback */		\
	X("ldrb w1, [x0, #1]", 1, F_EL0, 0)				\
	X("ldrsb w1, [x0, #3]", 1, 0, 0)				\
	X("ldrsb x1, [x0, #5]", 1, 0, 0)				\
	X("ldrh w1, [x0, #2]", 1, 0, 0)					\
	X("ldrsh w1, [x0, #6]", 1, 0, 0)				\
	X("ldrsh x1, [x0, #10]", 1, 0, 0)				\
	X("ldr w1, [x0, #4]", 1, 0, 0)					\
	X("ldrsw x1, [x0, #12]", 1, 0, 0)				\
	X("ldr x1, [x0, #8]", 1, F_EL0, 0)				\
	X("strb w1, [x0, #1]", 1, 0, 0)					\
	X("strh w1, [x0, #2]", 1, 0, 0)					\
	X("str w1, [x0, #4]", 1, 0, 0)					\
	X("str x1, [x0, #8]", 1, F_EL0, 0)				\
	X("ldur x1, [x0, #-8]", 1, 0, 0)				\
	X("stur w1, [x0, #-4]", 1, 0, 0)				\
	X("ldr x1, [x0, x9]", 1, 0, 0)					\
	X("ldr w1, [x0, w10, sxtw]", 1, 0, 0)				\
	X("ldr x1, [x0, w9, uxtw #3]", 1, 0, 0)				\
	X("ldrsh x1, [x0, x9, lsl #1]", 1, 0, 0)			\
	X("str x1, [x0, x10, sxtx]", 1, 0, 0)				\
	X("ldrb w1, [x0, x9]", 1, 0, 0)					\
	/* single general-purpose register, writeback */		\
	X("ldr x1, [x0, #8]!", 1, F_EL0, 0)				\
	X("ldr x1, [x0], #8", 1, F_EL0, 0)				\
	X("ldr w1, [x0, #-4]!", 1, 0, 0)				\
	X("ldrsb x1, [x0], #1", 1, 0, 0)				\
	X("ldrsb w1, [x0, #3]!", 1, 0, 0)				\
	X("ldrsh w1, [x0, #2]!", 1, 0, 0)				\
	X("ldrsh x1, [x0], #-6", 1, 0, 0)				\
	X("ldrsw x1, [x0], #-4", 1, F_EL0, 0)				\
	X("ldrb w1, [x0, #3]!", 1, 0, 0)				\
	X("ldrh w1, [x0], #2", 1, 0, 0)					\
	X("str x1, [x0, #-8]!", 1, F_EL0, 0)				\
	X("str w1, [x0], #4", 1, 0, 0)					\
	X("strb w1, [x0, #1]!", 1, 0, 0)				\
	X("strh w1, [x0], #-2", 1, 0, 0)				\
	/* XZR */							\
	X("ldr xzr, [x0, #8]!", 1, 0, 0)				\
	X("str xzr, [x0], #8", 1, 0, 0)					\
	X("stp xzr, xzr, [x0, #16]", 2, 0, 0)				\
	X("ldp xzr, x1, [x0]", 2, 0, 0)					\
	X("strb wzr, [x0, #7]!", 1, 0, 0)				\
	/* SP as the base */						\
	X("ldr x1, [sp, #8]", 1, F_EL0, 0)				\
	X("ldr x1, [sp, #16]!", 1, F_EL0, 0)				\
	X("str x1, [sp], #-16", 1, F_EL0, 0)				\
	X("ldp x1, x2, [sp, #32]!", 2, F_EL0, 0)			\
	X("stp x1, x2, [sp, #-16]!", 2, F_EL0, 0)			\
	X("ldr q1, [sp], #16", 2, F_EL0, 0)				\
	X("stp s3, s4, [sp, #-8]!", 2, F_EL0, 0)			\
	/* general-purpose pairs */					\
	X("ldp x1, x2, [x0]", 2, F_EL0, 0)				\
	X("ldp w1, w2, [x0, #8]", 2, 0, 0)				\
	X("ldp x1, x2, [x0, #-16]!", 2, 0, 0)				\
	X("ldp x1, x2, [x0], #16", 2, F_EL0, 0)				\
	X("ldp w3, w4, [x0, #-8]!", 2, 0, 0)				\
	X("ldp w3, w4, [x0], #-8", 2, 0, 0)				\
	X("ldpsw x1, x2, [x0, #8]", 2, F_EL0, 0)			\
	X("ldpsw x1, x2, [x0], #-8", 2, 0, 0)				\
	X("ldpsw x1, x2, [x0, #16]!", 2, 0, 0)				\
	X("stp x1, x2, [x0]", 2, F_EL0, 0)				\
	X("stp w1, w2, [x0, #4]", 2, 0, 0)				\
	X("stp x1, x2, [x0, #16]!", 2, 0, 0)				\
	X("stp w1, w2, [x0], #-8", 2, 0, 0)				\
	X("ldnp x1, x2, [x0, #16]", 2, 0, 0)				\
	X("stnp w1, w2, [x0, #8]", 2, 0, 0)				\
	/* SIMD&FP single register */					\
	X("ldr b1, [x0, #3]", 1, 0, 0)					\
	X("ldr h1, [x0, #2]", 1, 0, 0)					\
	X("ldr s1, [x0, #4]", 1, 0, 0)					\
	X("ldr d1, [x0, #8]", 1, F_EL0, 0)				\
	X("ldr q1, [x0, #16]", 2, F_EL0, 0)				\
	X("str b1, [x0, #3]", 1, 0, 0)					\
	X("str h1, [x0, #2]", 1, 0, 0)					\
	X("str s1, [x0, #4]", 1, 0, 0)					\
	X("str d1, [x0, #8]", 1, 0, 0)					\
	X("str q1, [x0, #16]", 2, F_EL0, 0)				\
	X("ldur q1, [x0, #-16]", 2, 0, 0)				\
	X("ldr q1, [x0, #16]!", 2, 0, 0)				\
	X("ldr d1, [x0], #8", 1, 0, 0)					\
	X("str q1, [x0], #-32", 2, 0, 0)				\
	X("str s1, [x0, #4]!", 1, 0, 0)					\
	X("ldr b1, [x0], #1", 1, 0, 0)					\
	X("str h1, [x0, #-2]!", 1, 0, 0)				\
	X("ldr q5, [x0, x9, lsl #4]", 2, 0, 0)				\
	X("str d5, [x0, w10, sxtw]", 1, 0, 0)				\
	/* SIMD&FP pairs */						\
	X("ldp s1, s2, [x0]", 2, 0, 0)					\
	X("ldp d1, d2, [x0, #16]", 2, 0, 0)				\
	X("ldp q1, q2, [x0, #32]", 4, F_EL0, 0)				\
	X("stp s1, s2, [x0, #8]!", 2, 0, 0)				\
	X("stp d1, d2, [x0], #-16", 2, 0, 0)				\
	X("stp q1, q2, [x0, #-32]!", 4, F_EL0, 0)			\
	X("ldp q1, q2, [x0], #32", 4, 0, 0)				\
	X("ldnp q3, q4, [x0]", 4, 0, 0)					\
	X("stnp d3, d4, [x0, #8]", 2, 0, 0)				\
	/* PC-relative literals, patched over the nop at run time */		\
	X("nop // ldr w1, literal", 1, F_LIT, 0x18000001)			\
	X("nop // ldr x1, literal", 1, F_LIT, 0x58000001)			\
	X("nop // ldrsw x1, literal", 1, F_LIT, 0x98000001)			\
	X("nop // ldr s1, literal", 1, F_LIT, 0x1c000001)			\
	X("nop // ldr d1, literal", 1, F_LIT, 0x5c000001)			\
	X("nop // ldr q1, literal", 2, F_LIT, 0x9c000001)			\
	/* CONSTRAINED UNPREDICTABLE overlaps (mmio.c's choices) */	\
	X(".inst 0xf8408c00 // ldr x0, [x0, #8]!", 1, F_EL0, 0)		\
	X(".inst 0xf8408400 // ldr x0, [x0], #8", 1, 0, 0)		\
	X(".inst 0x38401400 // ldrb w0, [x0], #1", 1, 0, 0)		\
	X(".inst 0xb89fcc00 // ldrsw x0, [x0, #-4]!", 1, 0, 0)		\
	X(".inst 0xa9c10400 // ldp x0, x1, [x0, #16]!", 2, F_EL0, 0)	\
	X(".inst 0xa8c10001 // ldp x1, x0, [x0], #16", 2, 0, 0)		\
	X(".inst 0x68c10400 // ldpsw x0, x1, [x0], #8", 2, 0, 0)	\
	X(".inst 0xa9400401 // ldp x1, x1, [x0]", 2, 0, 0)		\
	X(".inst 0x29410802 // ldp w2, w2, [x0, #8]", 2, 0, 0)		\
	X(".inst 0x2d400401 // ldp s1, s1, [x0]", 2, 0, 0)		\
	X(".inst 0xf8008c00 // str x0, [x0, #8]!", 1, F_EL0, 0)		\
	X(".inst 0xf81f8400 // str x0, [x0], #-8", 1, 0, 0)		\
	X(".inst 0x78002c00 // strh w0, [x0, #2]!", 1, 0, 0)		\
	X(".inst 0xa9bf0400 // stp x0, x1, [x0, #-16]!", 2, F_EL0, 0)	\
	X(".inst 0xa8810001 // stp x1, x0, [x0], #16", 2, 0, 0)

#define CASE_ASM(text, exits, flags, lit)	text "\n\thvc #1\n"
#define CASE_ROW(text, exits, flags, lit)	{ text, exits, flags, lit },

/*
 * At offset 0, the guest's vector table: each entry `hvc #(0x10 + n)`,
 * so an exception the guest takes shows which; the one from a lower EL
 * (0x400, where EL0's `hvc #1` goes as UNDEFINED) is `hvc #4`.
 */
#define VEC(n)	"\thvc #" #n "\n\t.skip 0x7c\n"
AVCPU_GUEST(g_cases,
	VEC(0x10) VEC(0x11) VEC(0x12) VEC(0x13)
	VEC(0x14) VEC(0x15) VEC(0x16) VEC(0x17)
	VEC(4) VEC(0x19) VEC(0x1a) VEC(0x1b)
	VEC(0x1c) VEC(0x1d) VEC(0x1e) VEC(0x1f)
	CASES(CASE_ASM));

static const struct mmio_case cases[] = { CASES(CASE_ROW) };

TEST(isv0_emulation_announced)
{
	struct avcpu_caps caps;
	int sys = open("/dev/avcpu", O_RDWR | O_CLOEXEC);

	ASSERT_GE(sys, 0);
	ASSERT_EQ(0, ioctl(sys, AVCPU_GET_CAPS, &caps));
	ASSERT_TRUE(caps.features & AVCPU_FEAT_MMIO_EMUL);
	ASSERT_TRUE(caps.features & AVCPU_FEAT_MMIO_NISV);
	close(sys);
}

struct mode {
	const char *name;
	uint64_t pstate;
	uint64_t sctlr_bits;
	bool el0_only;		/* only F_EL0 cases */
	uint32_t imm;		/* the hvc that ends a case */
};

static const struct mode modes[] = {
	{ "EL1h LE", PSTATE_EL1h, 0, false, 1 },
	{ "EL1h BE", PSTATE_EL1h, SCTLR_EE, false, 1 },
	{ "EL1t LE", PSTATE_EL1t, 0, true, 1 },
	{ "EL0 LE", PSTATE_EL0t, 0, true, 4 },
	{ "EL0 BE", PSTATE_EL0t, SCTLR_E0E, true, 4 },
	/* EE alone does not make EL0 big-endian */
	{ "EL0 EE", PSTATE_EL0t, SCTLR_EE, true, 4 },
};

/* What a case leaves behind. */
struct state {
	uint64_t x[31];
	uint64_t sp_el0, sp_el1, pc;
	__uint128_t v[32];
	uint8_t data[DATA_SIZE];
};

struct vm {
	struct avcpu_guest g;
	uint8_t *data;		/* slot memory, or the test's MMIO "RAM" */
	bool mmio;
	uint64_t sctlr;		/* reset value */
};

static void fill_data(uint8_t *p)
{
	unsigned int i;

	for (i = 0; i < DATA_SIZE; i++)
		p[i] = (uint8_t)(i * 37 + 0x81);
}

static int set_v(int fd, unsigned int n, __uint128_t v)
{
	struct avcpu_one_reg r = { .id = AVCPU_REG_V(n),
				   .addr = (uintptr_t)&v };

	return ioctl(fd, AVCPU_SET_ONE_REG, &r);
}

static int get_v(int fd, unsigned int n, __uint128_t *v)
{
	struct avcpu_one_reg r = { .id = AVCPU_REG_V(n), .addr = (uintptr_t)v };

	return ioctl(fd, AVCPU_GET_ONE_REG, &r);
}

static int vm_create(struct vm *vm, bool mmio)
{
	struct avcpu_memory_region r = { .slot = 1 };
	long page = sysconf(_SC_PAGESIZE);
	size_t size = DATA_SIZE > (size_t)page ? DATA_SIZE : (size_t)page;

	memset(vm, 0, sizeof(*vm));
	vm->mmio = mmio;
	if (avcpu_guest_create(&vm->g, RAM_SIZE, g_cases_start, g_cases_end))
		return -1;
	vm->data = mmap(NULL, size, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (vm->data == MAP_FAILED)
		return -1;
	if (!mmio) {
		r.guest_phys_addr = DATA_IPA;
		r.memory_size = size;
		r.userspace_addr = (uintptr_t)vm->data;
		if (ioctl(vm->g.vm, AVCPU_SET_MEMORY_REGION, &r))
			return -1;
	}
	if (avcpu_get_reg(vm->g.vcpu, AVCPU_REG_SCTLR_EL1, &vm->sctlr) ||
	    avcpu_set_reg(vm->g.vcpu, AVCPU_REG_CPACR_EL1, CPACR_FPEN) ||
	    avcpu_set_reg(vm->g.vcpu, AVCPU_REG_VBAR_EL1, vm->g.entry))
		return -1;
	return 0;
}

/* The literal load of case @i, reaching DATA_IPA + BASE_OFF. */
static void patch_literal(struct vm *vm, unsigned int i)
{
	uint64_t off = avcpu_code_offset() + CASE_OFF + 8 * i;
	int64_t delta = (int64_t)(DATA_IPA + BASE_OFF) -
			(int64_t)(GUEST_RAM_BASE + off);
	uint32_t insn = cases[i].lit | (((uint32_t)(delta / 4) & 0x7ffff) << 5);

	memcpy((char *)vm->g.ram + off, &insn, 4);
}

/* Registers every case starts from: x0 is the base, x9/x10 offsets. */
static int set_regs(struct vm *vm, const struct mode *m, unsigned int i)
{
	int fd = vm->g.vcpu;
	unsigned int n;
	int err = 0;

	for (n = 1; n < 31; n++)
		err |= avcpu_set_reg(fd, AVCPU_REG_X(n),
				     0x8877665544332211ULL +
				     n * 0x0101010101010101ULL);
	err |= avcpu_set_reg(fd, AVCPU_REG_X(0), DATA_IPA + BASE_OFF);
	err |= avcpu_set_reg(fd, AVCPU_REG_X(9), 0x18);
	err |= avcpu_set_reg(fd, AVCPU_REG_X(10), -16ULL);
	err |= avcpu_set_reg(fd, AVCPU_REG_SP_EL0, DATA_IPA + SP0_OFF);
	err |= avcpu_set_reg(fd, AVCPU_REG_SP_EL1, DATA_IPA + SP1_OFF);
	for (n = 0; n < 32; n++)
		err |= set_v(fd, n, ((__uint128_t)(0xf0e0d0c0b0a09080ULL +
						   n) << 64) |
				    (0x7766554433221100ULL ^ (n * 0x1111)));
	err |= avcpu_set_reg(fd, AVCPU_REG_SCTLR_EL1,
			     vm->sctlr | m->sctlr_bits);
	err |= avcpu_set_reg(fd, AVCPU_REG_PSTATE, m->pstate);
	err |= avcpu_set_reg(fd, AVCPU_REG_PC,
			     vm->g.entry + CASE_OFF + 8 * i);
	return err ? -1 : 0;
}

/*
 * Run one case to its hvc, serving MMIO from vm->data; returns the
 * number of MMIO exits, or -1 with a line on stderr.
 */
static int run_case(struct vm *vm, uint32_t imm)
{
	struct avcpu_run *run = vm->g.run;
	int exits = 0;

	for (;;) {
		if (avcpu_run_fd(vm->g.vcpu, run))
			return -1;
		if (run->exit_reason == AVCPU_EXIT_HYPERCALL) {
			if (run->hypercall.imm == imm)
				return exits;
			fprintf(stderr, "# hvc #%#x, not #%u\n",
				run->hypercall.imm, imm);
			return -1;
		}
		if (run->exit_reason != AVCPU_EXIT_MMIO || !vm->mmio ||
		    run->mmio.phys_addr < DATA_IPA ||
		    run->mmio.phys_addr + run->mmio.len > DATA_IPA + DATA_SIZE ||
		    !run->mmio.len || run->mmio.len > 8) {
			fprintf(stderr, "# unexpected exit %u at %#llx\n",
				run->exit_reason,
				(unsigned long long)run->mmio.phys_addr);
			return -1;
		}
		if (run->mmio.is_write)
			memcpy(vm->data + run->mmio.phys_addr - DATA_IPA,
			       run->mmio.data, run->mmio.len);
		else
			memcpy(run->mmio.data,
			       vm->data + run->mmio.phys_addr - DATA_IPA,
			       run->mmio.len);
		exits++;
	}
}

static int get_state(struct vm *vm, struct state *s)
{
	int fd = vm->g.vcpu;
	unsigned int n;
	int err = 0;

	for (n = 0; n < 31; n++)
		err |= avcpu_get_reg(fd, AVCPU_REG_X(n), &s->x[n]);
	err |= avcpu_get_reg(fd, AVCPU_REG_SP_EL0, &s->sp_el0);
	err |= avcpu_get_reg(fd, AVCPU_REG_SP_EL1, &s->sp_el1);
	err |= avcpu_get_reg(fd, AVCPU_REG_PC, &s->pc);
	for (n = 0; n < 32; n++)
		err |= get_v(fd, n, &s->v[n]);
	memcpy(s->data, vm->data, DATA_SIZE);
	return err ? -1 : 0;
}

/* Differences between the two runs, each on a line; their number. */
static int compare(const char *what, const struct state *a,
		   const struct state *b)
{
	int bad = 0;
	unsigned int n;

	for (n = 0; n < 31; n++)
		if (a->x[n] != b->x[n]) {
			fprintf(stderr, "# %s: x%u ram %#llx mmio %#llx\n",
				what, n, (unsigned long long)a->x[n],
				(unsigned long long)b->x[n]);
			bad++;
		}
	if (a->sp_el0 != b->sp_el0 || a->sp_el1 != b->sp_el1 ||
	    a->pc != b->pc) {
		fprintf(stderr, "# %s: sp_el0/sp_el1/pc ram %#llx %#llx %#llx mmio %#llx %#llx %#llx\n",
			what, (unsigned long long)a->sp_el0,
			(unsigned long long)a->sp_el1,
			(unsigned long long)a->pc,
			(unsigned long long)b->sp_el0,
			(unsigned long long)b->sp_el1,
			(unsigned long long)b->pc);
		bad++;
	}
	for (n = 0; n < 32; n++)
		if (a->v[n] != b->v[n]) {
			fprintf(stderr, "# %s: v%u ram %#llx:%016llx mmio %#llx:%016llx\n",
				what, n, (unsigned long long)(a->v[n] >> 64),
				(unsigned long long)a->v[n],
				(unsigned long long)(b->v[n] >> 64),
				(unsigned long long)b->v[n]);
			bad++;
		}
	for (n = 0; n < DATA_SIZE; n++)
		if (a->data[n] != b->data[n]) {
			fprintf(stderr, "# %s: data +%#x ram %#x mmio %#x\n",
				what, n, a->data[n], b->data[n]);
			bad++;
			break;
		}
	return bad;
}

static struct state ram_state, mmio_state;

TEST(isv0_forms_match_ram)
{
	struct vm ram, mmio;
	unsigned int i, k, runs = 0;
	int bad = 0, exits;
	char what[128];

	ASSERT_EQ(0, vm_create(&ram, false));
	ASSERT_EQ(0, vm_create(&mmio, true));
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (cases[i].flags & F_LIT) {
			patch_literal(&ram, i);
			patch_literal(&mmio, i);
		}
	}
	for (k = 0; k < ARRAY_SIZE(modes); k++) {
		const struct mode *m = &modes[k];

		for (i = 0; i < ARRAY_SIZE(cases); i++) {
			const struct mmio_case *c = &cases[i];

			if (m->el0_only && !(c->flags & F_EL0))
				continue;
			snprintf(what, sizeof(what), "%s, %s", m->name,
				 c->text);
			fill_data(ram.data);
			fill_data(mmio.data);
			ASSERT_EQ(0, set_regs(&ram, m, i));
			ASSERT_EQ(0, set_regs(&mmio, m, i));
			exits = run_case(&ram, m->imm);
			if (exits != 0) {
				fprintf(stderr, "# %s: RAM run failed (%d)\n",
					what, exits);
				bad++;
				continue;
			}
			exits = run_case(&mmio, m->imm);
			if (exits != (int)c->exits) {
				fprintf(stderr, "# %s: %d MMIO exits, not %u\n",
					what, exits, c->exits);
				bad++;
				continue;
			}
			ASSERT_EQ(0, get_state(&ram, &ram_state));
			ASSERT_EQ(0, get_state(&mmio, &mmio_state));
			bad += compare(what, &ram_state, &mmio_state);
			runs++;
		}
	}
	TH_LOG("%u runs compared, %d differences", runs, bad);
	ASSERT_EQ(0, bad);
	avcpu_guest_destroy(&ram.g);
	avcpu_guest_destroy(&mmio.g);
}

/*
 * An abort the VMM injects after the first access of a pair abandons the
 * instruction: the guest's handler sees it at the LDP, with no register
 * changed (base included); the next RUN completes nothing.
 */
TEST(isv0_inject_between_accesses)
{
	static const struct mode el1 = { "EL1h LE", PSTATE_EL1h, 0, false, 1 };
	struct avcpu_inject in = { .type = AVCPU_INJECT_DABT };
	struct vm vm;
	unsigned int i;
	uint64_t pc;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (!strcmp(cases[i].text, "ldp x1, x2, [x0], #16"))
			break;
	ASSERT_LT(i, ARRAY_SIZE(cases));
	ASSERT_EQ(0, vm_create(&vm, true));
	ASSERT_EQ(0, set_regs(&vm, &el1, i));
	pc = vm.g.entry + CASE_OFF + 8 * i;
	ASSERT_EQ(0, get_state(&vm, &ram_state));
	ASSERT_EQ(0, avcpu_run_fd(vm.g.vcpu, vm.g.run));
	ASSERT_EQ(AVCPU_EXIT_MMIO, vm.g.run->exit_reason);
	ASSERT_EQ(DATA_IPA + BASE_OFF, vm.g.run->mmio.phys_addr);
	in.far = DATA_IPA + BASE_OFF;
	ASSERT_EQ(0, ioctl(vm.g.vcpu, AVCPU_INJECT_EXCEPTION, &in));
	ASSERT_EQ(0, avcpu_run_fd(vm.g.vcpu, vm.g.run));
	/* Current EL with SP_ELx, synchronous: VBAR_EL1 + 0x200. */
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, vm.g.run->exit_reason);
	ASSERT_EQ(0x14, vm.g.run->hypercall.imm);
	ASSERT_EQ(pc, avcpu_reg(vm.g.vcpu, AVCPU_REG_ELR_EL1));
	ASSERT_EQ(0, get_state(&vm, &mmio_state));
	for (i = 0; i < 31; i++)
		ASSERT_EQ(ram_state.x[i], mmio_state.x[i]);
	avcpu_guest_destroy(&vm.g);
}

/*
 * What the module does not emulate exits AVCPU_EXIT_MMIO_NISV with the
 * instruction word and the IPA: an exclusive, an atomic (FEAT_LSE), DC
 * ZVA, and a pair that crosses into the next 4 KiB page, each on MMIO;
 * the VMM steps over each.
 */
AVCPU_GUEST(g_nisv,
	"	ldxr	x1, [x0]\n"
	"	.inst	0xf8210002	// ldadd x1, x2, [x0]\n"
	"	dc	zva, x0\n"
	"	ldp	x1, x2, [x3]\n"
	"	ldp	x1, x2, [x0, #16]\n"
	"	hvc	#1\n");

TEST(isv0_unemulated_reported_with_insn)
{
	static const uint32_t words[] = {
		0xc85f7c01, 0xf8210002, 0xd50b7420, 0xa9400861,
	};
	struct avcpu_guest g;
	unsigned int i;
	uint64_t pc;

	ASSERT_EQ(0, avcpu_guest_create(&g, RAM_SIZE, g_nisv_start,
					g_nisv_end));
	ASSERT_EQ(0, avcpu_set_reg(g.vcpu, AVCPU_REG_X(0),
				   DATA_IPA + BASE_OFF));
	ASSERT_EQ(0, avcpu_set_reg(g.vcpu, AVCPU_REG_X(3),
				   DATA_IPA + BASE_OFF + 0xdf8));
	for (i = 0; i < ARRAY_SIZE(words); i++) {
		pc = g.entry + 4 * i;
		if (i == 1 && !(getauxval(AT_HWCAP) & HWCAP_ATOMICS)) {
			TH_LOG("no FEAT_LSE: ldadd not tried");
			ASSERT_EQ(0, avcpu_set_reg(g.vcpu, AVCPU_REG_PC,
						   pc + 4));
			continue;
		}
		ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
		ASSERT_EQ(AVCPU_EXIT_MMIO_NISV, g.run->exit_reason);
		ASSERT_EQ(0, g.run->exception.esr & (1ULL << 24));
		ASSERT_EQ(AVCPU_EXC_IPA_VALID | AVCPU_EXC_INSN_VALID,
			  g.run->exception.flags);
		ASSERT_EQ(words[i], g.run->exception.insn);
		ASSERT_EQ(0, memcmp(&words[i], g_nisv_start + 4 * i, 4));
		ASSERT_EQ(0, g.run->exception.pad);
		ASSERT_EQ(pc, g.run->exception.pc);
		/* DC ZVA: an address in its block; the pair: one half. */
		if (i < 3) {
			ASSERT_EQ(DATA_IPA + BASE_OFF,
				  g.run->exception.ipa & ~(uint64_t)0xff);
		} else {
			ASSERT_TRUE(g.run->exception.ipa ==
				    DATA_IPA + 0xff8 ||
				    g.run->exception.ipa == DATA_IPA + 0x1000);
		}
		ASSERT_EQ(0, avcpu_set_reg(g.vcpu, AVCPU_REG_PC, pc + 4));
	}
	/* And an emulated one after them: two reads, then the hvc. */
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
		ASSERT_EQ(AVCPU_EXIT_MMIO, g.run->exit_reason);
		ASSERT_EQ(DATA_IPA + BASE_OFF + 16 + 8 * i,
			  g.run->mmio.phys_addr);
		ASSERT_EQ(8, g.run->mmio.len);
		ASSERT_EQ(0, g.run->mmio.is_write);
		memset(g.run->mmio.data, 0x11 * (i + 1), 8);
	}
	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0x1111111111111111ULL, avcpu_reg(g.vcpu, AVCPU_REG_X(1)));
	ASSERT_EQ(0x2222222222222222ULL, avcpu_reg(g.vcpu, AVCPU_REG_X(2)));
	avcpu_guest_destroy(&g);
}

TEST_HARNESS_MAIN
