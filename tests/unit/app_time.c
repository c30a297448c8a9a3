/* app_time.c - the one time parser: the forms ahead (+2h, +1d, tomorrow)
 * beside those of the past, and a due time's error naming forms that make
 * sense for a time ahead. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cslog/app_time.h"

#define NOW ((int64_t)1764936000)   /* 2025-12-05 12:00:00 UTC */

static void
relative_both_ways(void **state)
{
	struct cs_err err = { 0 };
	int64_t t;

	(void)state;
	assert_int_equal(app_time_parse("-7d", NOW, 0, &t, &err), CS_OK);
	assert_int_equal(t, NOW - 7 * 86400);
	assert_int_equal(app_time_parse("+2h", NOW, 0, &t, &err), CS_OK);
	assert_int_equal(t, NOW + 2 * 3600);
	assert_int_equal(app_time_parse("+1d", NOW, 0, &t, &err), CS_OK);
	assert_int_equal(t, NOW + 86400);
	assert_int_equal(app_time_parse("++1d", NOW, 0, &t, &err), CS_USAGE);
	assert_int_equal(app_time_parse("+d", NOW, 0, &t, &err), CS_USAGE);
	assert_int_equal(app_time_parse("+1w", NOW, 0, &t, &err), CS_USAGE);
}

static void
tomorrow_is_a_day(void **state)
{
	struct cs_err err = { 0 };
	int64_t t;

	(void)state;
	assert_int_equal(app_time_parse("tomorrow", NOW, 1, &t, &err), CS_OK);
	assert_int_equal(t, app_end_of_local_day(NOW + 86400));
	assert_int_equal(app_time_parse("tomorrow", NOW, 0, &t, &err), CS_OK);
	assert_int_equal(t, app_end_of_local_day(NOW + 86400) - 86399);
}

static void
due_time(void **state)
{
	struct cs_err err = { 0 };
	int64_t t;

	(void)state;
	/* a bare date is due at its end, as --follow-up takes it */
	assert_int_equal(app_time_parse_due("2025-12-07", NOW, &t, &err), CS_OK);
	assert_int_equal(t, app_end_of_local_day(NOW + 2 * 86400));
	assert_int_equal(app_time_parse_due("+1d", NOW, &t, &err), CS_OK);
	assert_int_equal(t, NOW + 86400);
	assert_int_equal(app_time_parse_due("soon", NOW, &t, &err), CS_USAGE);
	assert_non_null(strstr(err.msg, "bad due time 'soon'"));
	assert_non_null(strstr(err.msg, "+2h, +1d"));
	assert_non_null(strstr(err.msg, "tomorrow"));
	assert_null(strstr(err.msg, "yesterday"));
	assert_null(strstr(err.msg, "-7d"));
	/* the general hint is unchanged */
	assert_int_equal(app_time_parse("soon", NOW, 0, &t, &err), CS_USAGE);
	assert_non_null(strstr(err.msg, "bad time 'soon'"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(relative_both_ways),
		cmocka_unit_test(tomorrow_is_a_day),
		cmocka_unit_test(due_time),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
