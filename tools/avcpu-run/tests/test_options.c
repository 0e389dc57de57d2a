// SPDX-License-Identifier: GPL-2.0
/*
 * options.c on the host: --accel and --irqchip, their words and their
 * refusals.
 */
#include "unit.h"
#include "../options.h"

/* The accelerators, by address only. */
const struct accel accel_avcpu = { .name = "avcpu" };
const struct accel accel_kvm = { .name = "kvm" };

static void test_accel(void)
{
	const struct accel *a = NULL;

	EXPECT_EQ(parse_accel("avcpu", &a), 0);
	EXPECT(a == &accel_avcpu);
	EXPECT_EQ(parse_accel("kvm", &a), 0);
	EXPECT(a == &accel_kvm);
	EXPECT_EQ(unit_nr_errors, 0);
	EXPECT_EQ(parse_accel("KVM", &a), STATUS_SETUP);
	EXPECT(a == &accel_kvm);		/* unchanged */
	EXPECT_SUBSTR(unit_last_error, "--accel 'KVM': want avcpu or kvm");
	EXPECT_EQ(parse_accel("", &a), STATUS_SETUP);
	EXPECT_EQ(parse_accel("kvmx", &a), STATUS_SETUP);
}

static void test_irqchip(void)
{
	enum irqchip_mode m = IRQCHIP_DEFAULT;

	EXPECT_EQ(parse_irqchip("gicv3", &m), 0);
	EXPECT_EQ(m, IRQCHIP_GICV3);
	EXPECT_EQ(parse_irqchip("user-gicv2", &m), 0);
	EXPECT_EQ(m, IRQCHIP_USER_GICV2);
	EXPECT_EQ(unit_nr_errors, 0);
	EXPECT_EQ(parse_irqchip("gicv2", &m), STATUS_SETUP);
	EXPECT_EQ(m, IRQCHIP_USER_GICV2);
	EXPECT_SUBSTR(unit_last_error,
		      "--irqchip 'gicv2': want gicv3 or user-gicv2");
	EXPECT_EQ(parse_irqchip("", &m), STATUS_SETUP);
	EXPECT_EQ(parse_irqchip("gicv3 ", &m), STATUS_SETUP);
}

static const struct unit_case cases[] = {
	{ "accel_words", test_accel },
	{ "irqchip_words", test_irqchip },
};

int main(void)
{
	return unit_main("options", NULL, cases, ARRAY_SIZE(cases));
}
