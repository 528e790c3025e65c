// SPDX-License-Identifier: GPL-2.0
/* Do not edit directly, auto-generated from: */
/*	synth.mapl */
/* To regenerate: ./mapl compile synth.mapl --kunit-out <linux> */

#include <kunit/test.h>

#include "synth_branches.h"

/*
 * synth, 18 cases of __synth_branches(): every possible input.
 */
struct synth_branches_case {
	const char *desc;
	bool f0;
	bool f1;
	u8 e0;
	bool f2;
	int expected;
};

static const struct synth_branches_case synth_branches_cases[] = {
	{ "r4: O1 <- !f0 !f1 e0=V0 !f2", false, false, S_E0_V0, false, 13 },
	{ "r4: O1 <- !f0 !f1 e0=V0 f2", false, false, S_E0_V0, true, 13 },
	{ "r3: O0 <- !f0 !f1 e0=V1 !f2", false, false, S_E0_V1, false, 3 },
	{ "r3: O0 <- !f0 !f1 e0=V1 f2", false, false, S_E0_V1, true, 3 },
	{ "r4: O1 <- !f0 !f1 e0=V2 !f2", false, false, S_E0_V2, false, 13 },
	{ "r4: O1 <- !f0 !f1 e0=V2 f2", false, false, S_E0_V2, true, 13 },
	{ "r4: O1 <- !f0 f1 e0=V0 !f2", false, true, S_E0_V0, false, 13 },
	{ "r4: O1 <- !f0 f1 e0=V0 f2", false, true, S_E0_V0, true, 13 },
	{ "rule at line 12: O0 <- !f0 f1 e0=V1 !f2", false, true, S_E0_V1, false, 3 },
	{ "r3: O0 <- !f0 f1 e0=V1 f2", false, true, S_E0_V1, true, 3 },
	{ "rule at line 12: O0 <- !f0 f1 e0=V2 !f2", false, true, S_E0_V2, false, 3 },
	{ "r4: O1 <- !f0 f1 e0=V2 f2", false, true, S_E0_V2, true, 13 },
	{ "r1: O1 <- f0 f1 e0=V0 !f2", true, true, S_E0_V0, false, 13 },
	{ "r4: O1 <- f0 f1 e0=V0 f2", true, true, S_E0_V0, true, 13 },
	{ "r3: O0 <- f0 f1 e0=V1 !f2", true, true, S_E0_V1, false, 3 },
	{ "r3: O0 <- f0 f1 e0=V1 f2", true, true, S_E0_V1, true, 3 },
	{ "r1: O1 <- f0 f1 e0=V2 !f2", true, true, S_E0_V2, false, 13 },
	{ "r4: O1 <- f0 f1 e0=V2 f2", true, true, S_E0_V2, true, 13 },
};

KUNIT_ARRAY_PARAM_DESC(synth_branches, synth_branches_cases, desc);

static void synth_branches_test(struct kunit *test)
{
	const struct synth_branches_case *c = test->param_value;
	int got = __synth_branches(c->f0, c->f1, c->e0, c->f2);

	KUNIT_EXPECT_EQ(test, got, c->expected);
}

/*
 * A value of @e0 that is none of its constants decides as S_E0_V2.
 */
static void synth_branches_other_values_test(struct kunit *test)
{
	const struct synth_branches_case *c = test->param_value;
	u8 e0 = 0;
	int got;
	int want;

	while (e0 == S_E0_V0 || e0 == S_E0_V1 || e0 == S_E0_V2)
		e0++;
	got = __synth_branches(c->f0, c->f1, e0, c->f2);
	want = __synth_branches(c->f0, c->f1, S_E0_V2, c->f2);
	KUNIT_EXPECT_EQ(test, got, want);
}

static struct kunit_case drivers_synth_synth_branches_test_cases[] = {
	KUNIT_CASE_PARAM(synth_branches_test, synth_branches_gen_params),
	KUNIT_CASE_PARAM(synth_branches_other_values_test, synth_branches_gen_params),
	{}
};

static struct kunit_suite drivers_synth_synth_branches_test_suite = {
	.name = "drivers_synth_synth_branches",
	.test_cases = drivers_synth_synth_branches_test_cases,
};

kunit_test_suite(drivers_synth_synth_branches_test_suite);

MODULE_DESCRIPTION("KUnit tests for drivers/synth/synth_branches.h, generated from MAPL");
MODULE_LICENSE("GPL");
