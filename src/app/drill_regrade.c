/* drill_regrade.c - the attempts kept, graded again under the policy as
 * it is loaded now.  A kept grade is a record of fact and never changes;
 * a trainer sees the grade now beside it where the two differ (an
 * expected answer changed, a quiz answer corrected, a stricter grader). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_drill.h"

#include "app_int.h"

/* The members' badges, read once (on a server, one call for all). */
struct badge {
	int64_t id;
	char badge[MEMBER_BADGE_MAX + 1];
};

struct regrade {
	const struct policy *p;
	enum drill_kind kind;
	int (*cb)(void *ctx, const struct drill_regrade *r);
	void *ctx;
	struct badge *b;
	size_t n, cap;
	bool oom;
};

static int
keep_badge(void *ctx, const struct member *m)
{
	struct regrade *x = ctx;
	struct badge *b;

	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		if ((b = realloc(x->b, x->cap * sizeof *b)) == NULL) {
			x->oom = true;
			return 1;
		}
		x->b = b;
	}
	x->b[x->n].id = m->id;
	snprintf(x->b[x->n++].badge, sizeof x->b->badge, "%s", m->badge);
	return 0;
}

/* The answers of a kept scenario attempt, in the order of p's questions
 * now (matched by question id). */
static void
given_now(const struct policy *p, const struct drill_attempt *d, enum answer *given)
{
	size_t k;
	int q;

	memset(given, 0, POLICY_MAX_QUESTIONS * sizeof *given);
	for (k = 0; k < d->n_answers; k++)
		if ((q = policy_question_index(p, d->answers[k].question)) >= 0)
			given[q] = d->answers[k].given;
}

static int
one(void *ctx, const struct drill_attempt *d)
{
	struct regrade *x = ctx;
	struct drill_regrade r;
	enum answer given[POLICY_MAX_QUESTIONS];
	size_t i;

	if (d->kind != x->kind)
		return 0;
	memset(&r, 0, sizeof r);
	r.d = d;
	for (i = 0; i < x->n && x->b[i].id != d->member_id; i++)
		;
	snprintf(r.member, sizeof r.member, "%s", i < x->n ? x->b[i].badge : "?");
	r.item = x->kind == DRILL_QUIZ ? policy_quiz_index(x->p, d->item_id)
	                               : policy_scenario_index(x->p, d->item_id);
	if (r.item >= 0 && x->kind == DRILL_QUIZ) {
		quiz_grade(&x->p->quiz[r.item], d->quiz_answer != NULL ? d->quiz_answer : "", &r.g);
		r.now_correct = r.g.right ? 1 : 0;
		r.now_total = 1;
	} else if (r.item >= 0) {
		given_now(x->p, d, given);
		r.now_correct = drill_score(&x->p->scenarios[r.item], given, x->p->n_questions);
		r.now_total = (int)x->p->n_questions;
	}
	r.differs = r.item >= 0 && (r.now_correct != d->correct || r.now_total != d->total);
	return x->cb(x->ctx, &r);
}

int
app_drill_regrade(struct app *a, const struct app_actor *who, const struct policy *p,
                  enum drill_kind kind, int64_t member_id, int64_t since,
                  int (*cb)(void *ctx, const struct drill_regrade *r), void *ctx,
                  struct cs_err *err)
{
	struct drill_filter f = { .member_id = member_id, .policy_id = p->id, .since = since };
	struct regrade x = { p, kind, cb, ctx, NULL, 0, 0, false };
	int rc;

	if (app_scope_of(who, APP_DRILL_READ) == SCOPE_OWN && f.member_id == 0)
		f.member_id = who->id;
	if ((rc = app_may(who, APP_DRILL_READ, f.member_id, err)) != CS_OK)
		return rc;
	rc = app_member_list(a, who, keep_badge, &x, err);
	if (rc == CS_OK && x.oom)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	if (rc == CS_OK)
		rc = app_drill_rows(a, &f, one, &x, err);
	free(x.b);
	return rc;
}
