/* stats.h - the figures of surveys and evaluations with their
 * uncertainty (core: no I/O).
 *
 * A share (k of n) comes with the Wilson score interval at 95 %, which
 * stays inside 0..1 and behaves with small n and shares near 0 or 1; a
 * mean with the normal interval (mean +- 1.96 s / sqrt n, s the sample
 * standard deviation); the difference of two shares with Newcombe's
 * hybrid score interval (method 10 of Newcombe 1998), built from the
 * two Wilson intervals.  Below STATS_FEW responses a figure is still
 * computed but is to be read as "too few responses": the front ends say
 * so, and draw no bar that looks like a finding. */
#ifndef CSLOG_STATS_H
#define CSLOG_STATS_H

#include <stdbool.h>
#include <stdint.h>

#define STATS_FEW 30
#define STATS_Z 1.959963984540054   /* the 97.5th percentile of the normal */

struct stat_share {
	int64_t k, n;
	double p, lo, hi;     /* 0..1; all 0 when n is 0 */
	bool few;             /* n < STATS_FEW */
};

struct stat_mean {
	int64_t n;
	double mean, lo, hi;  /* 0 when n is 0; lo = hi = mean when n is 1 */
	bool few;
};

struct stat_diff {
	double d, lo, hi;     /* a - b, -1..1 */
	bool few;             /* either side has too few */
};

void stats_share(int64_t k, int64_t n, struct stat_share *out);
/* From the count, the sum and the sum of squares of the values. */
void stats_mean(int64_t n, double sum, double sumsq, struct stat_mean *out);
void stats_diff(const struct stat_share *a, const struct stat_share *b, struct stat_diff *out);

/* A share as a percentage with one decimal, as every front end prints
 * it and the JSON report carries it: 83.4 (round half away from zero). */
double stats_pct(double p);
/* A mean with two decimals: 4.37. */
double stats_round2(double x);

#endif
