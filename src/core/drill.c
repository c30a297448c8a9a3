/* drill.c - drill scoring, the order items come back in, and item
 * analysis (see drill.h for the rules). */
#include <stdlib.h>
#include <string.h>

#include "cslog/drill.h"

int
drill_next_box(int box, bool right)
{
	if (!right)
		return 0;
	return box >= DRILL_BOX_MAX ? DRILL_BOX_MAX : box + 1;
}

static int
by_due(const void *pa, const void *pb)
{
	const struct drill_due *a = pa, *b = pb;

	if (a->box != b->box)
		return a->box < b->box ? -1 : 1;
	if (a->last_at != b->last_at)
		return a->last_at < b->last_at ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

void
drill_order(struct drill_due *items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof *items, by_due);
}

int
drill_score(const struct policy_scenario *s, const enum answer *given, size_t n_questions)
{
	size_t i;
	int right = 0;

	for (i = 0; i < n_questions && i < POLICY_MAX_QUESTIONS; i++)
		right += given[i] != ANSWER_UNSET && given[i] == s->expected[i];
	return right;
}

bool
drill_expects_empowered(const struct policy_scenario *s, size_t n_questions)
{
	size_t i;

	for (i = 0; i < n_questions && i < POLICY_MAX_QUESTIONS; i++)
		if (s->expected[i] != ANSWER_YES)
			return false;
	return true;
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

/* Per member: right and tried over all items (for the rest-score). */
struct member_total {
	int64_t id;
	size_t right, tried;
};

static size_t
member_at(const struct member_total *m, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n && m[i].id != id; i++)
		;
	return i;   /* n: not there */
}

/* Point-biserial correlation of "right on item" with the member's share
 * right on the other items, over the members who tried the item (their
 * latest attempt counts once per attempt row). */
static double
discrimination(const struct drill_score_row *rows, size_t n_rows, size_t item,
               const struct member_total *m, size_t n_m)
{
	double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, x, y, n = 0, cov, vx, vy;
	const struct member_total *t;
	size_t i, j;

	for (i = 0; i < n_rows; i++) {
		if (rows[i].item != item)
			continue;
		j = member_at(m, n_m, rows[i].member_id);
		if (j == n_m || m[j].tried <= 1)
			continue;
		t = &m[j];
		x = rows[i].right ? 1.0 : 0.0;
		y = (double)(t->right - (rows[i].right ? 1 : 0)) / (double)(t->tried - 1);
		sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; n += 1;
	}
	if (n < 2)
		return 0;
	cov = sxy / n - (sx / n) * (sy / n);
	vx = sxx / n - (sx / n) * (sx / n);
	vy = syy / n - (sy / n) * (sy / n);
	if (vx <= 1e-12 || vy <= 1e-12)
		return 0;
	return cov / root(vx * vy);
}

static void
flag(struct drill_item_stats *s)
{
	s->flag = NULL;
	if (!s->enough)
		return;
	if (s->difficulty < 0.2)
		s->flag = "almost always missed: is the expected answer right?";
	else if (s->difficulty > 0.95)
		s->flag = "almost always right: too easy to teach much";
	else if (s->discrimination < 0.2)
		s->flag = "does not separate strong from weak: is it misleading?";
}

static size_t
count_members(const struct drill_score_row *rows, size_t n_rows, size_t item)
{
	size_t i, j, n = 0;

	for (i = 0; i < n_rows; i++) {
		if (rows[i].item != item)
			continue;
		for (j = 0; j < i; j++)
			if (rows[j].item == item && rows[j].member_id == rows[i].member_id)
				break;
		n += j == i;
	}
	return n;
}

int
drill_item_analysis(const struct drill_score_row *rows, size_t n_rows, size_t n_items,
                    struct drill_item_stats *out)
{
	struct member_total *m = calloc(n_rows + 1, sizeof *m), *t;
	size_t i, n_m = 0;

	if (m == NULL)
		return -1;
	memset(out, 0, n_items * sizeof *out);
	for (i = 0; i < n_rows; i++) {
		t = &m[member_at(m, n_m, rows[i].member_id)];
		if (t == &m[n_m])
			t = &m[n_m++];
		t->id = rows[i].member_id;
		t->tried++;
		t->right += rows[i].right;
		if (rows[i].item < n_items) {
			out[rows[i].item].attempts++;
			out[rows[i].item].right += rows[i].right;
		}
	}
	for (i = 0; i < n_items; i++) {
		out[i].members = count_members(rows, n_rows, i);
		out[i].enough = out[i].members >= DRILL_MIN_MEMBERS;
		out[i].difficulty = out[i].attempts ? (double)out[i].right / (double)out[i].attempts : 0;
		out[i].discrimination = discrimination(rows, n_rows, i, m, n_m);
		flag(&out[i]);
	}
	free(m);
	return 0;
}
