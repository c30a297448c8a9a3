/* drill_stats.c - item analysis of drill results: difficulty (the share
 * right) and discrimination (point-biserial correlation with the rest
 * score) per item, with dubious items flagged (see drill.h).  Sorting
 * keeps it O(n log n) in the number of attempts. */
#include <stdlib.h>
#include <string.h>

#include "cslog/drill.h"

/* Per member: right and tried over all items (for the rest-score). */
struct member_total {
	int64_t id;
	size_t right, tried;
};

/* Running sums of one item's (x, y) pairs: x right on the item, y the
 * member's share right on the other items. */
struct sums {
	double n, sx, sy, sxx, syy, sxy;
};

static int
by_member(const void *pa, const void *pb)
{
	const struct drill_score_row *a = pa, *b = pb;

	return a->member_id < b->member_id ? -1 : a->member_id > b->member_id;
}

static int
by_item_member(const void *pa, const void *pb)
{
	const struct drill_score_row *a = pa, *b = pb;

	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	return by_member(pa, pb);
}

static int
total_cmp(const void *key, const void *elem)
{
	const int64_t *id = key;
	const struct member_total *m = elem;

	return *id < m->id ? -1 : *id > m->id;
}

/* Members' totals from rows sorted by member; returns their count. */
static size_t
member_totals(const struct drill_score_row *sorted, size_t n, struct member_total *m)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (k == 0 || m[k - 1].id != sorted[i].member_id)
			m[k++] = (struct member_total){ sorted[i].member_id, 0, 0 };
		m[k - 1].tried++;
		m[k - 1].right += sorted[i].right;
	}
	return k;
}

/* Distinct members per item, from rows sorted by item then member. */
static void
count_members(const struct drill_score_row *sorted, size_t n, size_t n_items,
              struct drill_item_stats *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (sorted[i].item >= n_items)
			continue;
		if (i == 0 || sorted[i - 1].item != sorted[i].item ||
		    sorted[i - 1].member_id != sorted[i].member_id)
			out[sorted[i].item].members++;
	}
}

static void
add_pair(struct sums *s, double x, double y)
{
	s->n += 1;
	s->sx += x;
	s->sy += y;
	s->sxx += x * x;
	s->syy += y * y;
	s->sxy += x * y;
}

/* Square root by Newton's method (v > 0), to need no libm. */
static double
root(double v)
{
	double r = v > 1 ? v : 1;
	int i;

	for (i = 0; i < 60; i++)
		r = (r + v / r) / 2;
	return r;
}

static double
correlation(const struct sums *s)
{
	double cov, vx, vy;

	if (s->n < 2)
		return 0;
	cov = s->sxy / s->n - (s->sx / s->n) * (s->sy / s->n);
	vx = s->sxx / s->n - (s->sx / s->n) * (s->sx / s->n);
	vy = s->syy / s->n - (s->sy / s->n) * (s->sy / s->n);
	if (vx <= 1e-12 || vy <= 1e-12)
		return 0;
	return cov / root(vx * vy);
}

static void
flag(struct drill_item_stats *s, bool flag_easy)
{
	s->flag = NULL;
	if (!s->enough)
		return;
	if (s->difficulty < DRILL_LOW_RIGHT)
		s->flag = "almost always missed: is the expected answer right?";
	else if (s->difficulty > DRILL_HIGH_RIGHT)
		s->flag = flag_easy ? "almost always right: too easy to teach much" : NULL;
	else if (s->discrimination < DRILL_LOW_DISCRIMINATION)
		s->flag = "does not separate strong from weak: is it misleading?";
}

/* Sums per item; each attempt counts once, against its member's share
 * right on their other attempts (members with one attempt are left out:
 * they have no rest score). */
static void
accumulate(const struct drill_score_row *rows, size_t n_rows, size_t n_items,
           const struct member_total *m, size_t n_m, struct sums *acc,
           struct drill_item_stats *out)
{
	const struct member_total *t;
	double x, y;
	size_t i;

	for (i = 0; i < n_rows; i++) {
		if (rows[i].item >= n_items)
			continue;
		out[rows[i].item].attempts++;
		out[rows[i].item].right += rows[i].right;
		t = bsearch(&rows[i].member_id, m, n_m, sizeof *m, total_cmp);
		if (t == NULL || t->tried <= 1)
			continue;
		x = rows[i].right ? 1.0 : 0.0;
		y = (double)(t->right - (rows[i].right ? 1 : 0)) / (double)(t->tried - 1);
		add_pair(&acc[rows[i].item], x, y);
	}
}

static int
analyse(const struct drill_score_row *rows, size_t n_rows, size_t n_items, bool flag_easy,
        struct drill_item_stats *out)
{
	struct drill_score_row *sorted = malloc((n_rows + 1) * sizeof *sorted);
	struct member_total *m = malloc((n_rows + 1) * sizeof *m);
	struct sums *acc = calloc(n_items + 1, sizeof *acc);
	size_t i, n_m;
	int rc = -1;

	if (sorted == NULL || m == NULL || acc == NULL)
		goto out;
	memset(out, 0, n_items * sizeof *out);
	if (n_rows > 0)
		memcpy(sorted, rows, n_rows * sizeof *rows);
	qsort(sorted, n_rows, sizeof *sorted, by_member);
	n_m = member_totals(sorted, n_rows, m);
	accumulate(rows, n_rows, n_items, m, n_m, acc, out);
	qsort(sorted, n_rows, sizeof *sorted, by_item_member);
	count_members(sorted, n_rows, n_items, out);
	for (i = 0; i < n_items; i++) {
		out[i].enough = out[i].members >= DRILL_MIN_MEMBERS;
		out[i].difficulty = out[i].attempts ?
		                    (double)out[i].right / (double)out[i].attempts : 0;
		out[i].discrimination = out[i].members >= 2 ? correlation(&acc[i]) : 0;
		flag(&out[i], flag_easy);
	}
	rc = 0;
out:
	free(sorted);
	free(m);
	free(acc);
	return rc;
}

int
drill_item_analysis(const struct drill_score_row *rows, size_t n_rows, size_t n_items,
                    struct drill_item_stats *out)
{
	return analyse(rows, n_rows, n_items, true, out);
}

int
drill_question_analysis(const struct drill_score_row *rows, size_t n_rows, size_t n_items,
                        struct drill_item_stats *out)
{
	return analyse(rows, n_rows, n_items, false, out);
}
