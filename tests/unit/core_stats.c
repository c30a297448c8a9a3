/* core_stats.c - shares, means and differences with their 95 % intervals,
 * against published values (Newcombe 1998, Statistics in Medicine 17:
 * 873-890, tables I and II) and the edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cslog/stats.h"

#define EPS 0.0001

static void
wilson_interval(void **state)
{
	struct stat_share s;

	(void)state;
	stats_share(81, 263, &s);   /* Newcombe table I, example (c) */
	assert_float_equal(s.p, 81.0 / 263.0, EPS);
	assert_float_equal(s.lo, 0.2553, EPS);
	assert_float_equal(s.hi, 0.3662, EPS);
	assert_false(s.few);
	stats_share(1, 2, &s);
	assert_float_equal(s.lo, 0.0945, EPS);
	assert_float_equal(s.hi, 0.9055, EPS);
	assert_true(s.few);
}

static void
wilson_edges(void **state)
{
	struct stat_share s;

	(void)state;
	stats_share(0, 10, &s);   /* stays inside 0..1, unlike the normal interval */
	assert_float_equal(s.lo, 0, EPS);
	assert_float_equal(s.hi, 0.2775, EPS);
	stats_share(10, 10, &s);
	assert_float_equal(s.lo, 0.7225, EPS);
	assert_float_equal(s.hi, 1, EPS);
	stats_share(0, 0, &s);     /* nothing to divide by */
	assert_float_equal(s.p, 0, EPS);
	assert_float_equal(s.hi, 0, EPS);
	assert_true(s.few);
	stats_share(5, 3, &s);     /* not a share: no figure */
	assert_float_equal(s.p, 0, EPS);
	stats_share(29, 29, &s);
	assert_true(s.few);        /* below 30: too few responses */
	stats_share(30, 30, &s);
	assert_false(s.few);
}

static void
mean_interval(void **state)
{
	struct stat_mean m;

	(void)state;
	/* 4, 5, 3, 4, 4: mean 4, s = sqrt(0.5) */
	stats_mean(5, 20, 82, &m);
	assert_float_equal(m.mean, 4, EPS);
	assert_float_equal(m.hi - m.mean, 1.959964 * 0.707107 / 2.236068, EPS);
	assert_float_equal(m.mean - m.lo, m.hi - m.mean, EPS);
	stats_mean(1, 5, 25, &m);
	assert_float_equal(m.lo, 5, EPS);
	assert_float_equal(m.hi, 5, EPS);
	stats_mean(0, 0, 0, &m);
	assert_float_equal(m.mean, 0, EPS);
}

static void
newcombe_difference(void **state)
{
	struct stat_share a, b;
	struct stat_diff d;

	(void)state;
	stats_share(56, 70, &a);   /* Newcombe table II, example (a) */
	stats_share(48, 80, &b);
	stats_diff(&a, &b, &d);
	assert_float_equal(d.d, 0.2, EPS);
	assert_float_equal(d.lo, 0.0524, EPS);
	assert_float_equal(d.hi, 0.3339, EPS);
	assert_false(d.few);
	stats_share(9, 10, &a);
	stats_diff(&a, &b, &d);
	assert_true(d.few);
}

static void
rounding_as_printed(void **state)
{
	(void)state;
	assert_float_equal(stats_pct(0.93751), 93.8, EPS);
	assert_float_equal(stats_pct(0.8125), 81.3, EPS);   /* half away from zero */
	assert_float_equal(stats_pct(1), 100, EPS);
	assert_float_equal(stats_round2(4.2149), 4.21, EPS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wilson_interval),
		cmocka_unit_test(wilson_edges),
		cmocka_unit_test(mean_interval),
		cmocka_unit_test(newcombe_difference),
		cmocka_unit_test(rounding_as_printed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
