/* core_deadline.c - follow-up clocks: same day, limits, pauses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cslog/deadline.h"

#define H 3600
#define T0 1790000000  /* a fixed clock */

static void
same_day_target_with_24h_limit(void **state)
{
	struct policy_followup voice = { NULL, POLICY_SAME_DAY, 24 * 60, NULL };

	(void)state;
	/* Left at 09:00, end of day 23:59:59: due the same day. */
	assert_int_equal(deadline_propose(&voice, T0, T0 + 15 * H - 1), T0 + 15 * H - 1);
	/* A limit shorter than the rest of the day wins. */
	voice.limit_minutes = 60;
	assert_int_equal(deadline_propose(&voice, T0, T0 + 15 * H - 1), T0 + H);
}

static void
duration_target_and_no_limit(void **state)
{
	struct policy_followup r = { NULL, 4 * 60, 0, NULL };

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
		cmocka_unit_test(duration_target_and_no_limit),
		cmocka_unit_test(pausing_stops_the_clock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
