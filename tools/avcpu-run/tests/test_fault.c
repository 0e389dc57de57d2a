// SPDX-License-Identifier: GPL-2.0
/*
 * fault.c on the host: the one-line description of each guest fault, the
 * log of the first FAULT_LOG_MAX, --verbose saying each kind once and
 * --strict stopping at the first.
 */
#include <string.h>

#include "unit.h"
#include "../fault.h"

static const struct fault hvc = {
	.kind = FAULT_HVC, .vcpu = 1, .pc = 0x40400010, .imm = 0x1234,
	.x0 = 0x84000000,
};

static const struct fault dabt = {
	.kind = FAULT_DABT, .pc = 0x40400100, .ipa = 0xc000000, .len = 8,
	.is_write = true,
};

static void expect_line(const struct fault *f, const char *want)
{
	char line[FAULT_LINE_MAX];
	int n = fault_format(f, line, sizeof(line));

	EXPECT_STREQ(line, want);
	EXPECT_EQ(n, strlen(want));
}

static void test_format(void)
{
	struct fault f;

	expect_line(&hvc,
		    "vCPU 1 pc 0x40400010: hvc #0x1234, x0 0x84000000: x0 = NOT_SUPPORTED");
	f = hvc;
	f.is_smc = true;
	f.imm = 1;
	expect_line(&f,
		    "vCPU 1 pc 0x40400010: smc #0x1, x0 0x84000000: x0 = NOT_SUPPORTED");
	expect_line(&dabt,
		    "vCPU 0 pc 0x40400100: 8-byte write at IPA 0xc000000, no device: data abort");
	f = (struct fault){ .kind = FAULT_DABT, .pc = 0x1000, .addr = 0x2000,
			    .ipa = 0x3000, .esr = 0x93c08044 };
	expect_line(&f,
		    "vCPU 0 pc 0x1000: read at 0x2000 (IPA 0x3000), ESR 0x93c08044: data abort");
	f = (struct fault){ .kind = FAULT_IABT, .vcpu = 2, .pc = 0x10000000,
			    .addr = 0x10000000, .ipa = 0x10000000,
			    .esr = 0x82000006 };
	expect_line(&f,
		    "vCPU 2 pc 0x10000000: fetch from 0x10000000 (IPA 0x10000000), no memory, ESR 0x82000006: instruction abort");
	f = (struct fault){ .kind = FAULT_NISV, .pc = 0x40400200,
			    .addr = 0x8000000, .ipa = 0x8000000,
			    .esr = 0x92000046, .is_write = true };
	expect_line(&f,
		    "vCPU 0 pc 0x40400200: undecoded write at 0x8000000 (IPA 0x8000000), ESR 0x92000046: data abort");
	/* CNTP_CTL_EL0 is S3_3_C14_C2_1 */
	f = (struct fault){ .kind = FAULT_SYSREG, .pc = 0x40,
			    .sysreg = AVCPU_REG_SYS(3, 3, 14, 2, 1), .rt = 5,
			    .is_write = true };
	expect_line(&f, "vCPU 0 pc 0x40: msr S3_3_C14_C2_1, x5: UNDEF");
	f.is_write = false;
	f.rt = 30;
	expect_line(&f, "vCPU 0 pc 0x40: mrs x30, S3_3_C14_C2_1: UNDEF");
	f = (struct fault){ .kind = FAULT_EXCEPTION, .pc = 0x44,
			    .esr = 0x1e000000 };
	expect_line(&f, "vCPU 0 pc 0x44: exception ESR 0x1e000000: UNDEF");
}

static void test_truncates(void)
{
	char line[16];

	/* snprintf's contract: the full length, a terminated prefix. */
	EXPECT(fault_format(&hvc, line, sizeof(line)) > 16);
	EXPECT_STREQ(line, "vCPU 1 pc 0x404");
}

static void test_log(void)
{
	struct fault f = dabt;
	int i;

	fault_log_reset();
	fault_log_print();
	EXPECT_EQ(unit_nr_infos, 0);		/* nothing, no line */
	for (i = 0; i < FAULT_LOG_MAX + 3; i++) {
		f.pc = 0x1000 + 4 * i;
		EXPECT_EQ(fault_report(&f, false, false), STATUS_CONTINUE);
	}
	EXPECT_EQ(fault_count(), FAULT_LOG_MAX + 3);
	EXPECT_EQ(unit_nr_infos, 0);		/* quiet while running */
	fault_log_print();
	EXPECT_EQ(unit_nr_infos, 1 + FAULT_LOG_MAX);
	/* The last line kept is the FAULT_LOG_MAX-th event. */
	EXPECT_SUBSTR(unit_last_info, "  vCPU 0 pc 0x101c: 8-byte write");
	fault_log_reset();
	fault_report(&hvc, false, false);
	fault_log_print();
	EXPECT_SUBSTR(unit_last_info, "hvc #0x1234");
	EXPECT_EQ(unit_nr_infos, 1 + FAULT_LOG_MAX + 2);
}

static void test_verbose_once_per_kind(void)
{
	fault_log_reset();
	EXPECT_EQ(fault_report(&hvc, true, false), STATUS_CONTINUE);
	EXPECT_EQ(unit_nr_infos, 1);
	EXPECT_SUBSTR(unit_last_info, "guest fault: vCPU 1 pc 0x40400010: hvc");
	EXPECT_SUBSTR(unit_last_info, "(the first of its kind)");
	fault_report(&hvc, true, false);
	EXPECT_EQ(unit_nr_infos, 1);
	fault_report(&dabt, true, false);
	EXPECT_EQ(unit_nr_infos, 2);
	EXPECT_SUBSTR(unit_last_info, "no device: data abort");
	fault_report(&dabt, true, false);
	fault_report(&hvc, true, false);
	EXPECT_EQ(unit_nr_infos, 2);
	EXPECT_EQ(unit_nr_errors, 0);
}

static void test_strict(void)
{
	fault_log_reset();
	EXPECT_EQ(fault_report(&dabt, true, true), STATUS_GUEST_EXC);
	EXPECT_EQ(unit_nr_errors, 1);
	EXPECT_STREQ(unit_last_error,
		     "--strict: vCPU 0 pc 0x40400100: 8-byte write at IPA 0xc000000, no device: data abort");
	/* Named once, as an error, not also as verbose info. */
	EXPECT_EQ(unit_nr_infos, 0);
	EXPECT_EQ(fault_count(), 1);
}

static const struct unit_case cases[] = {
	{ "format_each_kind", test_format },
	{ "format_truncates", test_truncates },
	{ "log_keeps_the_first", test_log },
	{ "verbose_once_per_kind", test_verbose_once_per_kind },
	{ "strict_names_and_stops", test_strict },
};

int main(void)
{
	return unit_main("fault", NULL, cases, ARRAY_SIZE(cases));
}
