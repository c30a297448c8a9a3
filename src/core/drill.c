/* drill.c - drill scoring and the order items come back in (see drill.h
 * for the rules).  Item analysis is in drill_stats.c. */
#include <stdlib.h>

#include "cslog/drill.h"

struct drill_due
drill_due_new(size_t item)
{
	struct drill_due d = { item, DRILL_BOX_NEW, 0, 0 };

	return d;
}

int
drill_next_box(int box, bool right)
{
	if (!right)
		return 0;
	return box >= DRILL_BOX_MAX ? DRILL_BOX_MAX : box + 1;
}

void
drill_due_record(struct drill_due *d, bool right, int64_t at)
{
	d->box = drill_next_box(d->box, right);
	d->lapses += !right;
	d->last_at = at;
}

/* Does a come before b in the offered order, the item aside? */
static bool
sooner(const struct drill_due *a, const struct drill_due *b)
{
	if (a->box != b->box)
		return a->box < b->box;
	if (a->box == 0 && a->lapses != b->lapses)
		return a->lapses > b->lapses;
	return a->last_at < b->last_at;
}

static int
by_due(const void *pa, const void *pb)
{
	const struct drill_due *a = pa, *b = pb;

	if (sooner(a, b))
		return -1;
	if (sooner(b, a))
		return 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

void
drill_order(struct drill_due *items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof *items, by_due);
}

void
drill_group_start(struct drill_due *group, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		group[i] = (struct drill_due){ i, DRILL_BOX_MAX + 1, INT64_MAX, 0 };
}

void
drill_group_merge(struct drill_due *group, size_t n, const struct drill_due *member,
                  size_t n_member)
{
	size_t i;
	struct drill_due *g;

	for (i = 0; i < n_member; i++) {
		if (member[i].item >= n)
			continue;
		g = &group[member[i].item];
		if (sooner(&member[i], g)) {
			g->box = member[i].box;
			g->lapses = member[i].lapses;
			g->last_at = member[i].last_at;
		}
	}
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

static int
by_weakness(const void *pa, const void *pb)
{
	const struct drill_tally *a = pa, *b = pb;
	/* Compare wrong/asked shares without division: a.w/a.n vs b.w/b.n. */
	unsigned long long l = (unsigned long long)a->wrong * b->asked;
	unsigned long long r = (unsigned long long)b->wrong * a->asked;

	if ((a->asked == 0) != (b->asked == 0))
		return a->asked == 0 ? 1 : -1;
	if (l != r)
		return l > r ? -1 : 1;
	if (a->wrong != b->wrong)
		return a->wrong > b->wrong ? -1 : 1;
	return a->question < b->question ? -1 : a->question > b->question;
}

void
drill_weakest_first(struct drill_tally *t, size_t n)
{
	if (n > 1)
		qsort(t, n, sizeof *t, by_weakness);
}
