/* stats.c - shares, means and differences with 95 % intervals (stats.h). */
#include "cslog/stats.h"

#include <math.h>

void
stats_share(int64_t k, int64_t n, struct stat_share *out)
{
	double p, z2 = STATS_Z * STATS_Z, den, mid, half;

	out->k = k;
	out->n = n;
	out->few = n < STATS_FEW;
	if (n <= 0 || k < 0 || k > n) {
		out->p = out->lo = out->hi = 0;
		return;
	}
	p = (double)k / (double)n;
	den = 1 + z2 / (double)n;
	mid = (p + z2 / (2.0 * (double)n)) / den;
	half = STATS_Z * sqrt(p * (1 - p) / (double)n + z2 / (4.0 * (double)n * (double)n)) / den;
	out->p = p;
	out->lo = mid - half < 0 ? 0 : mid - half;
	out->hi = mid + half > 1 ? 1 : mid + half;
	if (k == 0)
		out->lo = 0;
	if (k == n)
		out->hi = 1;
}

void
stats_mean(int64_t n, double sum, double sumsq, struct stat_mean *out)
{
	double var, half;

	out->n = n;
	out->few = n < STATS_FEW;
	if (n <= 0) {
		out->mean = out->lo = out->hi = 0;
		return;
	}
	out->mean = sum / (double)n;
	if (n == 1) {
		out->lo = out->hi = out->mean;
		return;
	}
	var = (sumsq - sum * sum / (double)n) / (double)(n - 1);
	half = STATS_Z * sqrt(var > 0 ? var : 0) / sqrt((double)n);
	out->lo = out->mean - half;
	out->hi = out->mean + half;
}

void
stats_diff(const struct stat_share *a, const struct stat_share *b, struct stat_diff *out)
{
	double da = a->p - a->lo, ua = a->hi - a->p, db = b->p - b->lo, ub = b->hi - b->p;

	out->few = a->few || b->few;
	out->d = a->p - b->p;
	if (a->n <= 0 || b->n <= 0) {
		out->d = out->lo = out->hi = 0;
		return;
	}
	out->lo = out->d - sqrt(da * da + ub * ub);
	out->hi = out->d + sqrt(ua * ua + db * db);
}

double
stats_pct(double p)
{
	return round(p * 1000.0) / 10.0;
}

double
stats_round2(double x)
{
	return round(x * 100.0) / 100.0;
}
