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
	struct drill_due d = drill_due_new(3);

	(void)state;
	assert_int_equal(drill_next_box(1, true), 2);
	assert_int_equal(drill_next_box(4, true), 5);
	assert_int_equal(drill_next_box(5, true), 5);
	assert_int_equal(drill_next_box(5, false), 0);
	assert_int_equal(drill_next_box(1, false), 0);
	assert_int_equal(drill_next_box(0, true), 1);
	assert_int_equal(d.item, 3);
	assert_int_equal(d.box, DRILL_BOX_NEW);
	assert_int_equal(d.last_at, 0);
	assert_int_equal(d.lapses, 0);
	drill_due_record(&d, false, 10);
	drill_due_record(&d, true, 20);
	drill_due_record(&d, false, 30);
	assert_int_equal(d.box, 0);
	assert_int_equal(d.lapses, 2);
	assert_int_equal(d.last_at, 30);
}

/* The fixed clock of these tests: every attempt is at T plus seconds. */
#define T INT64_C(1700000000)

/* Score a member's answers to scenario s and record the attempt. */
static void
attempt(struct drill_due *d, const struct policy_scenario *s, const enum answer *given,
        int64_t at)
{
	drill_due_record(d, drill_score(s, given, NQ) == NQ, at);
}

/* With a fixed clock: a member answered scenarios 0 and 1 right at T+50
 * and T+60 and failed "safe" in scenario 2 at T+100; scenario 3 is new.
 * Scenario 2 comes first, then the new one, then the ones known (the
 * longest ago first). */
static void
failed_scenario_comes_first(void **state)
{
	struct policy_scenario s = scenario(true);
	enum answer all_yes[NQ], no_safe[NQ];
	struct drill_due d[4];
	size_t i;

	(void)state;
	for (i = 0; i < NQ; i++)
		all_yes[i] = no_safe[i] = ANSWER_YES;
	no_safe[3] = ANSWER_NO;
	for (i = 0; i < 4; i++)
		d[i] = drill_due_new(i);
	attempt(&d[0], &s, all_yes, T + 50);
	attempt(&d[1], &s, all_yes, T + 60);
	attempt(&d[2], &s, no_safe, T + 100);
	drill_order(d, 4);
	assert_int_equal(d[0].item, 2);
	assert_int_equal(d[1].item, 3);
	assert_int_equal(d[2].item, 0);  /* tried longer ago than 1 */
	assert_int_equal(d[3].item, 1);
}

/* Two items both got wrong last time: the one got wrong more often
 * comes first, even when it was tried more recently. */
static void
most_often_wrong_first(void **state)
{
	struct drill_due d[3];
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++)
		d[i] = drill_due_new(i);
	drill_due_record(&d[0], false, T + 10);              /* wrong once */
	drill_due_record(&d[1], false, T + 20);              /* wrong three times */
	drill_due_record(&d[1], true, T + 30);
	drill_due_record(&d[1], false, T + 40);
	drill_due_record(&d[1], false, T + 50);
	drill_due_record(&d[2], true, T + 5);                /* right */
	drill_order(d, 3);
	assert_int_equal(d[0].item, 1);
	assert_int_equal(d[1].item, 0);
	assert_int_equal(d[2].item, 2);
	/* Once answered right it is back in box 1, where a new item (never
	 * tried) comes before it; right again, it moves past the new ones. */
	d[0] = drill_due_new(0);
	d[1] = drill_due_new(1);
	drill_due_record(&d[0], false, T + 10);
	drill_due_record(&d[0], true, T + 60);
	drill_order(d, 2);
	assert_int_equal(d[0].item, 1);
	assert_int_equal(d[1].item, 0);
	assert_int_equal(d[1].box, 1);
	drill_due_record(&d[1], true, T + 70);
	assert_int_equal(d[1].box, 2);
}

/* A group: each item placed by the member who needs it most. */
static void
group_takes_the_weakest(void **state)
{
	struct drill_due group[4], ann[4], bob[4];
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++)
		ann[i] = bob[i] = drill_due_new(i);
	for (i = 0; i < 4; i++)
		drill_due_record(&ann[i], true, T + (int64_t)i);   /* Ann knows them all */
	drill_due_record(&bob[3], false, T + 100);            /* Bob failed item 3 */
	drill_due_record(&bob[0], true, T + 100);
	drill_order(ann, 4);                                  /* any order will do */
	drill_group_start(group, 4);
	drill_group_merge(group, 4, ann, 4);
	drill_group_merge(group, 4, bob, 4);
	drill_order(group, 4);
	assert_int_equal(group[0].item, 3);   /* Bob's box 0 */
	assert_int_equal(group[1].item, 1);   /* new to Bob: box 1 */
	assert_int_equal(group[2].item, 2);
	assert_int_equal(group[3].item, 0);   /* both know it */
	assert_int_equal(group[0].lapses, 1);
	/* Items past the group's end are ignored. */
	bob[0].item = 9;
	drill_group_merge(group, 4, bob, 1);
}

static void
weakest_questions_first(void **state)
{
	struct drill_tally t[4] = {
		{ 0, 10, 1 }, { 1, 4, 2 }, { 2, 0, 0 }, { 3, 8, 4 },
	};

	(void)state;
	drill_weakest_first(t, 4);
	assert_int_equal(t[0].question, 3);   /* 4 of 8 wrong: half, more of them */
	assert_int_equal(t[1].question, 1);   /* 2 of 4: half */
	assert_int_equal(t[2].question, 0);   /* 1 of 10 */
	assert_int_equal(t[3].question, 2);   /* never asked */
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

/* A slow, obvious point-biserial to check the fast one against. */
static double
naive_discrimination(const struct drill_score_row *rows, size_t n, size_t item)
{
	double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, k = 0, cov, vx, vy, x, y, r;
	size_t i, j, tried, right;

	for (i = 0; i < n; i++) {
		if (rows[i].item != item)
			continue;
		for (j = 0, tried = right = 0; j < n; j++)
			if (rows[j].member_id == rows[i].member_id) {
				tried++;
				right += rows[j].right;
			}
		if (tried <= 1)
			continue;
		x = rows[i].right;
		y = (double)(right - rows[i].right) / (double)(tried - 1);
		sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; k++;
	}
	if (k < 2)
		return 0;
	cov = sxy / k - sx / k * sy / k;
	vx = sxx / k - sx / k * sx / k;
	vy = syy / k - sy / k * sy / k;
	if (vx <= 1e-12 || vy <= 1e-12)
		return 0;
	for (r = 1, i = 0; i < 60; i++)   /* sqrt(vx * vy) */
		r = (r + vx * vy / r) / 2;
	return cov / r;
}

/* Many members and attempts in no order, repeats included: the sorted
 * computation agrees with the obvious one, and rows of unknown items are
 * left out. */
static void
analysis_agrees_with_the_obvious(void **state)
{
	static struct drill_score_row rows[3000];
	struct drill_item_stats st[9];
	unsigned seed = 12345;
	size_t i, j, n = 0, right[9] = { 0 }, att[9] = { 0 }, members[9] = { 0 };
	bool seen[9][40] = { { false } };
	double d;

	(void)state;
	for (i = 0; i < 3000; i++) {
		seed = seed * 1103515245u + 12345u;
		rows[n].member_id = (int64_t)(seed >> 8) % 40;
		rows[n].item = (seed >> 4) % 10;          /* item 9: not in the policy */
		rows[n].right = ((seed >> 16) % 100) < 30 + (unsigned)rows[n].member_id +
		                5 * (unsigned)(rows[n].item % 3);
		n++;
	}
	assert_int_equal(drill_item_analysis(rows, n, 9, st), 0);
	for (i = 0; i < n; i++)
		if (rows[i].item < 9) {
			att[rows[i].item]++;
			right[rows[i].item] += rows[i].right;
			j = (size_t)rows[i].member_id;
			members[rows[i].item] += !seen[rows[i].item][j];
			seen[rows[i].item][j] = true;
		}
	for (i = 0; i < 9; i++) {
		assert_int_equal(st[i].attempts, att[i]);
		assert_int_equal(st[i].right, right[i]);
		assert_int_equal(st[i].members, members[i]);
		assert_true(members[i] > 30);
		d = st[i].discrimination - naive_discrimination(rows, n, i);
		assert_true(d > -1e-9 && d < 1e-9);
		assert_true(st[i].discrimination > 0.05);   /* stronger members do better */
	}
	assert_int_equal(drill_item_analysis(rows, 0, 9, st), 0);   /* nothing yet */
	assert_int_equal(st[0].attempts, 0);
	assert_null(st[0].flag);
}

/* Per question of a scenario, an easy question is no fault. */
static void
questions_not_flagged_for_being_easy(void **state)
{
	struct drill_score_row rows[64];
	struct drill_item_stats st[2];
	size_t n = 0, m;

	(void)state;
	for (m = 1; m <= 6; m++) {
		rows[n++] = (struct drill_score_row){ (int64_t)m, 0, true };
		rows[n++] = (struct drill_score_row){ (int64_t)m, 1, m == 1 };
	}
	assert_int_equal(drill_question_analysis(rows, n, 2, st), 0);
	assert_null(st[0].flag);
	assert_non_null(strstr(st[1].flag, "almost always missed"));
	assert_int_equal(drill_item_analysis(rows, n, 2, st), 0);
	assert_non_null(strstr(st[0].flag, "almost always right"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scores_per_question),
		cmocka_unit_test(boxes_move),
		cmocka_unit_test(failed_scenario_comes_first),
		cmocka_unit_test(most_often_wrong_first),
		cmocka_unit_test(group_takes_the_weakest),
		cmocka_unit_test(weakest_questions_first),
		cmocka_unit_test(item_analysis),
		cmocka_unit_test(analysis_agrees_with_the_obvious),
		cmocka_unit_test(questions_not_flagged_for_being_easy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
