/* core_drill.c - drill scoring, what comes back first, item analysis. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cslog/drill.h"

/* Questions of the seven: customer, department, legal, safe, level,
 * accountable, values; "safe" is index 3. */
#define NQ 7

static struct policy_scenario
scenario(bool empowered)
{
	struct policy_scenario s;
	size_t i;

	memset(&s, 0, sizeof s);
	for (i = 0; i < NQ; i++)
		s.expected[i] = ANSWER_YES;
	if (!empowered)
		s.expected[3] = ANSWER_NO;
	return s;
}

static void
scores_per_question(void **state)
{
	struct policy_scenario s = scenario(false);
	enum answer all_yes[NQ], right[NQ];
	size_t i;

	(void)state;
	for (i = 0; i < NQ; i++)
		all_yes[i] = right[i] = ANSWER_YES;
	right[3] = ANSWER_NO;
	assert_int_equal(drill_score(&s, right, NQ), 7);
	assert_int_equal(drill_score(&s, all_yes, NQ), 6);
	all_yes[0] = ANSWER_UNSET;
	assert_int_equal(drill_score(&s, all_yes, NQ), 5);
	assert_false(drill_expects_empowered(&s, NQ));
	s = scenario(true);
	assert_true(drill_expects_empowered(&s, NQ));
}

static void
boxes_move(void **state)
{
	(void)state;
	assert_int_equal(drill_next_box(1, true), 2);
	assert_int_equal(drill_next_box(4, true), 5);
	assert_int_equal(drill_next_box(5, true), 5);
	assert_int_equal(drill_next_box(5, false), 0);
	assert_int_equal(drill_next_box(1, false), 0);
}

/* With a fixed clock: a member failed "safe" in scenario 2 at T+100 and
 * answered scenarios 0 and 1 right at T+50 and T+60; scenario 3 is new.
 * Scenario 2 comes first, then the new one, then the ones known. */
static void
failed_scenario_comes_first(void **state)
{
	const int64_t T = 1700000000;
	struct drill_due d[4] = {
		{ 0, 1, 0 }, { 1, 1, 0 }, { 2, 1, 0 }, { 3, 1, 0 },
	};

	(void)state;
	d[0].box = drill_next_box(d[0].box, true);  d[0].last_at = T + 50;
	d[1].box = drill_next_box(d[1].box, true);  d[1].last_at = T + 60;
	d[2].box = drill_next_box(d[2].box, false); d[2].last_at = T + 100;
	drill_order(d, 4);
	assert_int_equal(d[0].item, 2);
	assert_int_equal(d[1].item, 3);
	assert_int_equal(d[2].item, 0);  /* tried longer ago than 1 */
	assert_int_equal(d[3].item, 1);
}

static void
item_analysis(void **state)
{
	/* Six members; item 0 is got right by the strong ones (who also get
	 * items 1 and 2 right), item 3 by everybody, item 4 by nobody, item 5
	 * only by the weak: misleading. */
	struct drill_score_row rows[64];
	struct drill_item_stats st[6];
	size_t n = 0, m, i;

	(void)state;
	for (m = 1; m <= 6; m++) {
		bool strong = m <= 3;
		rows[n++] = (struct drill_score_row){ (int64_t)m, 0, strong };
		rows[n++] = (struct drill_score_row){ (int64_t)m, 1, strong };
		rows[n++] = (struct drill_score_row){ (int64_t)m, 2, strong || m == 4 };
		rows[n++] = (struct drill_score_row){ (int64_t)m, 3, true };
		rows[n++] = (struct drill_score_row){ (int64_t)m, 4, false };
		rows[n++] = (struct drill_score_row){ (int64_t)m, 5, !strong };
	}
	assert_int_equal(drill_item_analysis(rows, n, 6, st), 0);
	for (i = 0; i < 6; i++) {
		assert_int_equal(st[i].members, 6);
		assert_true(st[i].enough);
	}
	assert_true(st[0].difficulty > 0.49 && st[0].difficulty < 0.51);
	assert_true(st[0].discrimination > 0.7 && st[0].discrimination < 0.72); /* 0.707 */
	assert_null(st[0].flag);
	assert_non_null(strstr(st[3].flag, "almost always right"));
	assert_non_null(strstr(st[4].flag, "almost always missed"));
	assert_true(st[5].discrimination < 0);
	assert_non_null(strstr(st[5].flag, "does not separate"));
	/* Too few members: no flag. */
	assert_int_equal(drill_item_analysis(rows, 12, 6, st), 0);
	assert_false(st[0].enough);
	assert_null(st[4].flag);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scores_per_question),
		cmocka_unit_test(boxes_move),
		cmocka_unit_test(failed_scenario_comes_first),
		cmocka_unit_test(item_analysis),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
