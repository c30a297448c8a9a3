/* core_deadline.c - follow-up clocks: same day, limits, pauses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cslog/deadline.h"

#define H 3600
#define T0 1789948800  /* a fixed clock: 2026-09-21 00:00 UTC */

static void
same_day_target_with_24h_limit(void **state)
{
	struct policy_followup voice = { .target_minutes = POLICY_SAME_DAY, .limit_minutes = 24 * 60 };

	(void)state;
	/* Left at 09:00, end of day 23:59:59: due the same day. */
	assert_int_equal(deadline_propose(&voice, T0, T0 + 15 * H - 1), T0 + 15 * H - 1);
	/* A limit shorter than the rest of the day wins. */
	voice.limit_minutes = 60;
	assert_int_equal(deadline_propose(&voice, T0, T0 + 15 * H - 1), T0 + H);
}

/* BES: "Respond to voice mail same day or at very least 24 hours". */
static void
bes_voice_mail_logged_at_1630(void **state)
{
	struct policy_followup voice = { .target_minutes = POLICY_SAME_DAY, .limit_minutes = 24 * 60 };
	int64_t at = T0 + 16 * H + 30 * 60, eod = T0 + 24 * H - 1;
	struct deadline_clock k = deadline_rule_clock(&voice, at, eod);

	(void)state;
	/* T0 is a midnight (UTC): logged at 16:30, due by 23:59:59 that day... */
	assert_int_equal(k.target, eod);
	/* ...and overdue only 24 hours after the call. */
	assert_int_equal(k.limit, at + 24 * H);
	assert_int_equal(deadline_state(k.target, k.limit, 0, 0, 0, at + H), DEADLINE_DUE);
	assert_int_equal(deadline_state(k.target, k.limit, 0, 0, 0, eod), DEADLINE_DUE);
	assert_int_equal(deadline_state(k.target, k.limit, 0, 0, 0, eod + 1),
	                 DEADLINE_PAST_TARGET);
	assert_false(deadline_overdue(k.limit, 0, 0, false, eod + 60));
	assert_false(deadline_overdue(k.limit, 0, 0, false, at + 24 * H));
	assert_true(deadline_overdue(k.limit, 0, 0, false, at + 24 * H + 1));
	assert_int_equal(deadline_state(k.target, k.limit, 0, 0, 0, at + 24 * H + 1),
	                 DEADLINE_OVERDUE);
	/* Done: on target, within the limit, late. */
	assert_int_equal(deadline_grade(k.target, k.limit, eod), DEADLINE_ON_TARGET);
	assert_int_equal(deadline_grade(k.target, k.limit, eod + 3600), DEADLINE_WITHIN_LIMIT);
	assert_int_equal(deadline_grade(k.target, k.limit, at + 25 * H), DEADLINE_LATE);
	assert_string_equal(deadline_grade_name(DEADLINE_WITHIN_LIMIT), "within-limit");
	assert_int_equal(deadline_grade_parse("on-target"), DEADLINE_ON_TARGET);
	/* A message at 23:30 has a 30-minute same-day target. */
	k = deadline_rule_clock(&voice, T0 + 23 * H + 30 * 60, eod);
	assert_int_equal(k.target - (T0 + 23 * H + 30 * 60), 30 * 60 - 1);
	assert_int_equal(k.limit, T0 + 47 * H + 30 * 60);
	/* A due time the member sets keeps the rule's limit when that is
	 * later, else the limit is the due time. */
	assert_int_equal(deadline_limit_for(&voice, at, at + 2 * H), at + 24 * H);
	assert_int_equal(deadline_limit_for(&voice, at, at + 30 * H), at + 30 * H);
	assert_int_equal(deadline_limit_for(NULL, at, at + 2 * H), at + 2 * H);
	/* Paused for 5 hours: both times move. */
	assert_false(deadline_overdue(k.limit, 5 * H, 0, false, k.limit + 4 * H));
	assert_true(deadline_overdue(k.limit, 5 * H, 0, false, k.limit + 6 * H));
	assert_int_equal(deadline_state(k.target, k.limit, 0, T0, 0, k.limit + H),
	                 DEADLINE_PAUSED);
}

static void
duration_target_and_no_limit(void **state)
{
	struct policy_followup r = { .target_minutes = 4 * 60 };

	(void)state;
	assert_int_equal(deadline_propose(&r, T0, T0 + 10 * H), T0 + 4 * H);
	r.limit_minutes = 2 * 60;
	assert_int_equal(deadline_propose(&r, T0, T0 + 10 * H), T0 + 2 * H);
}

static void
pausing_stops_the_clock(void **state)
{
	int64_t due = T0 + 24 * H;

	(void)state;
	/* Paused 10 h before due, for 30 h: not overdue while paused. */
	assert_false(deadline_overdue(due, 0, T0 + 14 * H, false, T0 + 44 * H));
	assert_int_equal(deadline_effective(due, 0, T0 + 14 * H, T0 + 44 * H), due + 30 * H);
	/* Resumed with 30 h paused: due moves by 30 h. */
	assert_false(deadline_overdue(due, 30 * H, 0, false, T0 + 50 * H));
	assert_true(deadline_overdue(due, 30 * H, 0, false, T0 + 55 * H));
	/* Done is never overdue. */
	assert_false(deadline_overdue(due, 0, 0, true, T0 + 99 * H));
	assert_true(deadline_overdue(due, 0, 0, false, due + 1));
	assert_false(deadline_overdue(due, 0, 0, false, due));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_day_target_with_24h_limit),
		cmocka_unit_test(bes_voice_mail_logged_at_1630),
		cmocka_unit_test(duration_target_and_no_limit),
		cmocka_unit_test(pausing_stops_the_clock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
