// SPDX-License-Identifier: GPL-2.0
/*
 * The probe guest (tools/avcpu-run/guests/probe.S) under tools/avcpu-run:
 * what a guest sees when it does what the machine does not implement.
 * Each case prints one line, the values its exception handler saw; this
 * test holds the expected line of every case (probe_cases[]), and checks
 * that avcpu-run goes on (exit status 0, "probe done"), lists the first
 * faults when it stops, says each kind once with --verbose, and with
 * --strict stops at the first fault, naming it, with status 3.
 *
 * Each variant loads the guest another way (FIXTURE_VARIANT_ADD below):
 * the guest is position independent and writes none of its own memory.
 *
 * Adding a case: add it to probe.S (see there), and its line here, in
 * the guest's order; "skip_if" names a CPU feature without which the
 * guest prints "skipped" instead.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include "kselftest_harness.h"
#include "lib/vmm_console.h"

#define VMM		"/avcpu-run/avcpu-run"
#define PROBE		"/avcpu-run/probe.bin"
#define PROBE_ELF	"/avcpu-run/probe.elf"
#define OUT_MAX		(64 * 1024)
#define STRICT_LINE	": hvc #0x1234, x0 0x84000000: x0 = NOT_SUPPORTED\n"

#ifndef HWCAP_ATOMICS
#define HWCAP_ATOMICS	0x100
#endif

enum needs { ALWAYS, ATOMICS, DC_ZVA };

struct probe_case {
	const char *name;
	const char *line;	/* what follows "probe <name>: " */
	enum needs needs;
};

#define NONE		" exc=none"
#define M1		"ffffffffffffffff"	/* SMCCC NOT_SUPPORTED */
#define ZERO		"0000000000000000"
#define MARK		"0000000000005a5a"	/* x0 before the case */
#define UNDEF		" esr=02000000 far=- elr=insn"	/* EC 0, IL */
/* An abort: x0 after it, ESR_EL1, FAR_EL1, ELR_EL1 ("insn": the case's). */
#define ABT(x0, esr, far, elr)	"x0=" x0 " esr=" esr " far=" far " elr=" elr

/*
 * ESR_EL1 of a synchronous external abort taken from EL1: EC 0x21
 * (instruction) or 0x25 (data), IL 1, FSC 0x10, bit 6 WnR.
 */
/* Designated: the rest zero, with no warning. */
#define CASE(n, l)		{ .name = (n), .line = (l) }
#define CASE_IF(f, n, l)	{ .name = (n), .line = (l), .needs = (f) }
#define LOG(l)			{ .name = "", .line = (l) }
#define LOG_IF(f, l)		{ .name = "", .line = (l), .needs = (f) }

static const struct probe_case probe_cases[] = {
	CASE("hvc_imm", "x0=" M1 NONE),
	CASE("smc_imm", "x0=" M1 NONE),
	CASE("hvc0_psci_version", "x0=0000000000010000" NONE),	/* 1.0 */
	CASE("hvc0_unknown_fn", "x0=" M1 NONE),
	/* FAR and ELR the target; the handler returned through the LR. */
	CASE("blr_unbacked", ABT(ZERO, "86000010", "0000000010000000", "0000000010000000")),
	/* x0 was 0x5a5a: the aborted load does not write it. */
	CASE("ldr_unclaimed", ABT(MARK, "96000010", "000000000c000000", "insn")),
	CASE("str_unclaimed", ABT(ZERO, "96000050", "000000000c000010", "insn")),
	CASE("ldxr_mmio", ABT(MARK, "96000010", "0000000008000000", "insn")),
	/*
	 * WnR as the CPU reported it to EL2: QEMU says read with one CPU
	 * and write with several (its atomics then take another path);
	 * the Arm ARM allows either for an atomic.  '?': any character.
	 */
	CASE_IF(ATOMICS, "ldadd_mmio",
		ABT(MARK, "960000?0", "0000000008000000", "insn")),
	CASE_IF(DC_ZVA, "dczva_mmio",
		ABT(ZERO, "96000050", "0000000008000000", "insn")),
	CASE("ldp_mmio", "x0=0000000000000001" NONE),
	CASE("ldr_post_mmio", "x0=0000000000000001" NONE),
	CASE("stp_unclaimed", ABT(ZERO, "96000050", "000000000c000020", "insn")),
	CASE("cntp_ctl", "x0=0000000000000007" NONE),
	CASE("mrs_impdef", "x0=" ZERO UNDEF),
	CASE("mrs_pmcr", "x0=" ZERO UNDEF),
	CASE("msr_icc_sgi1r", "x0=" ZERO UNDEF),
};

/*
 * What avcpu-run lists at the end, in order: one per fault the VMM
 * handled (the module answers hvc #0, and UNDEFs the implementation
 * defined and PMU registers itself).
 */
static const struct probe_case log_lines[] = {
	LOG("hvc #0x1234, x0 0x84000000: x0 = NOT_SUPPORTED"),
	LOG("smc #0x1, x0 0x84000000: x0 = NOT_SUPPORTED"),
	LOG("fetch from 0x10000000 (IPA 0x10000000), no memory, ESR 0x8"),
	LOG("8-byte read at IPA 0xc000000, no device: data abort"),
	LOG("8-byte write at IPA 0xc000010, no device: data abort"),
	LOG("undecoded read at 0x8000000 (IPA 0x8000000), ESR 0x9"),
	LOG_IF(ATOMICS, " at 0x8000000 (IPA 0x8000000), ESR 0x920000"),
	LOG_IF(DC_ZVA, "undecoded write at 0x8000000 (IPA 0x8000000), ESR 0x9"),
	LOG("8-byte write at IPA 0xc000020, no device: data abort"),
	LOG("msr S3_0_C12_C11_5, x31: UNDEF"),
};

/* The first line of @out from @at on that is @want, '?' matching any byte. */
static const char *find_line(const char *at, const char *want)
{
	for (; *at; at++) {
		const char *p = at, *w = want;

		while (*w && *p && *p != '\n' && (*w == '?' || *w == *p)) {
			p++;
			w++;
		}
		if (*w == '\n' && *p == '\n')
			return at;
	}
	return NULL;
}

static bool has(enum needs n)
{
	unsigned long dczid;

	switch (n) {
	case ATOMICS:
		return getauxval(AT_HWCAP) & HWCAP_ATOMICS;
	case DC_ZVA:
		asm volatile("mrs %0, dczid_el0" : "=r" (dczid));
		return !(dczid & (1 << 4));	/* DZP */
	default:
		return true;
	}
}

/* Run the VMM on the probe; its stdout and stderr in @out. */
static int run_probe(const char *args, char *out, size_t len)
{
	char cmd[512];

	/* The probe is written for avcpu-run's own GICv2. */
	snprintf(cmd, sizeof(cmd), "%s --irqchip=user-gicv2 %s 2>&1 </dev/null",
		 VMM, args);
	return vmm_run_capture(cmd, out, len);
}

FIXTURE(probe) {
	char *out;
	char args[256];
};

FIXTURE_VARIANT(probe) {
	const char *load;	/* how avcpu-run is given the guest */
};

/* As QEMU's -kernel takes a raw AArch64 binary. */
FIXTURE_VARIANT_ADD(probe, kernel) {
	.load = PROBE,
};

/* As -kernel takes an ELF: at its load address, 0x40400000. */
FIXTURE_VARIANT_ADD(probe, elf) {
	.load = PROBE_ELF,
};

/* As -bios: from read-only flash at 0. */
FIXTURE_VARIANT_ADD(probe, bios) {
	.load = "--bios " PROBE,
};

FIXTURE_SETUP(probe)
{
	self->out = calloc(1, OUT_MAX);
	ASSERT_NE(NULL, self->out);
	ASSERT_EQ(0, access(VMM, X_OK));
	ASSERT_EQ(0, access(PROBE, R_OK));
	ASSERT_EQ(0, access(PROBE_ELF, R_OK));
	snprintf(self->args, sizeof(self->args), "%s", variant->load);
}

FIXTURE_TEARDOWN(probe)
{
	free(self->out);
}

/* Every case's line, in order, and each as expected. */
TEST_F_TIMEOUT(probe, each_case, 60)
{
	const char *at;
	char want[256];
	size_t i;

	ASSERT_EQ(0, run_probe(self->args, self->out, OUT_MAX)) {
		TH_LOG("output:\n%s", self->out);
	}
	at = self->out;
	for (i = 0; i < ARRAY_SIZE(probe_cases); i++) {
		const struct probe_case *c = &probe_cases[i];
		const char *line;

		snprintf(want, sizeof(want), "probe %s: %s\n", c->name,
			 has(c->needs) ? c->line : "skipped");
		line = find_line(at, want);
		EXPECT_NE(NULL, line) {
			snprintf(want, sizeof(want), "probe %s: ", c->name);
			line = strstr(self->out, want);
			TH_LOG("want  \"probe %s: %s\"", c->name,
			       has(c->needs) ? c->line : "skipped");
			TH_LOG("got   \"%.*s\"", line ? (int)strcspn(line, "\n") :
			       4, line ? line : "none");
		}
		if (line)
			at = line;
	}
	EXPECT_NE(NULL, strstr(at, "probe done\n"));
	EXPECT_EQ(NULL, strstr(self->out, "probe unexpected"));
}

/* The log avcpu-run prints at the end: the first faults, in order. */
TEST_F_TIMEOUT(probe, fault_log, 60)
{
	unsigned int i, n = 0;
	const char *at;
	char want[128];

	ASSERT_EQ(0, run_probe(self->args, self->out, OUT_MAX));
	for (i = 0; i < ARRAY_SIZE(log_lines); i++)
		n += has(log_lines[i].needs);
	if (n > 8)
		snprintf(want, sizeof(want),
			 "avcpu-run: the guest took %u faults, the first 8:\n",
			 n);
	else
		snprintf(want, sizeof(want),
			 "avcpu-run: the guest took %u faults:\n", n);
	at = strstr(self->out, want);
	ASSERT_NE(NULL, at) {
		TH_LOG("no \"%s\" in:\n%s", want, self->out);
	}
	/* After the guest's last line. */
	ASSERT_NE(NULL, strstr(self->out, "probe done\n"));
	ASSERT_LT(strstr(self->out, "probe done\n"), at);
	for (i = 0, n = 0; i < ARRAY_SIZE(log_lines) && n < 8; i++) {
		const char *line;

		if (!has(log_lines[i].needs))
			continue;
		n++;
		line = strstr(at, "avcpu-run:   vCPU 0 pc 0x");
		ASSERT_NE(NULL, line);
		at = line + 1;
		line += strlen("avcpu-run:   ");
		EXPECT_NE(NULL, memmem(line, strcspn(line, "\n"),
				       log_lines[i].line,
				       strlen(log_lines[i].line))) {
			TH_LOG("log line %u: want \"%s\", got \"%.*s\"", n,
			       log_lines[i].line, (int)strcspn(line, "\n"),
			       line);
		}
	}
}

/* --verbose: each kind of fault said once, as it happens. */
TEST_F_TIMEOUT(probe, verbose_once_per_kind, 60)
{
	static const char * const kinds[] = {
		"hvc #0x1234", "fetch from", "no device: data abort",
		"undecoded read", "msr S3_0_C12_C11_5",
	};
	char args[300];
	const char *p;
	size_t i;
	int n = 0;

	snprintf(args, sizeof(args), "--verbose %s", self->args);
	ASSERT_EQ(0, run_probe(args, self->out, OUT_MAX));
	for (p = self->out; (p = strstr(p, "avcpu-run: guest fault: ")); p++)
		n++;
	EXPECT_EQ(ARRAY_SIZE(kinds), n);
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		p = strstr(self->out, "avcpu-run: guest fault: ");
		while (p && !memmem(p, strcspn(p, "\n"), kinds[i],
				    strlen(kinds[i])))
			p = strstr(p + 1, "avcpu-run: guest fault: ");
		EXPECT_NE(NULL, p) {
			TH_LOG("no --verbose line for \"%s\"", kinds[i]);
		}
	}
}

/* --strict: the first fault (hvc #0x1234) stops it, named, status 3. */
TEST_F_TIMEOUT(probe, strict_stops_at_first_fault, 60)
{
	char args[300];
	const char *line;

	snprintf(args, sizeof(args), "--strict %s", self->args);
	ASSERT_EQ(3, run_probe(args, self->out, OUT_MAX)) {
		TH_LOG("output:\n%s", self->out);
	}
	line = strstr(self->out, "avcpu-run: --strict: vCPU 0 pc 0x");
	ASSERT_NE(NULL, line) {
		TH_LOG("output:\n%s", self->out);
	}
	EXPECT_NE(NULL, strstr(line, STRICT_LINE));
	EXPECT_EQ(NULL, strstr(self->out, "probe hvc_imm"));
	EXPECT_EQ(NULL, strstr(self->out, "probe done"));
	/* The one fault was named; no log after it. */
	EXPECT_EQ(NULL, strstr(self->out, "the guest took"));
}

TEST_HARNESS_MAIN
