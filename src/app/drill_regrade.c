/* drill_regrade.c - the attempts kept, graded again under the policy as
 * it is loaded now.  A kept grade is a record of fact and never changes;
 * a trainer sees the grade now beside it where the two differ (an
 * expected answer changed, a quiz answer corrected, a stricter grader). */
#include <stdio.h>
#include <string.h>

#include "cslog/app_drill.h"

#include "app_int.h"

struct regrade {
	struct app *a;
	const struct app_actor *who;
	const struct policy *p;
	enum drill_kind kind;
	int (*cb)(void *ctx, const struct drill_regrade *r);
	void *ctx;
};

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
	struct member m = { 0 };
	enum answer given[POLICY_MAX_QUESTIONS];

	if (d->kind != x->kind)
		return 0;
	memset(&r, 0, sizeof r);
	r.d = d;
	app_drill_member(x->a, x->who, d->member_id, &m, NULL);
	snprintf(r.member, sizeof r.member, "%s", m.badge != NULL ? m.badge : "?");
	record_member_clear(&m);
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
	struct regrade x = { a, who, p, kind, cb, ctx };
	int rc;

	if (app_scope_of(who, APP_DRILL_READ) == SCOPE_OWN && f.member_id == 0)
		f.member_id = who->id;
	if ((rc = app_may(who, APP_DRILL_READ, f.member_id, err)) != CS_OK)
		return rc;
	return app_drill_rows(a, &f, one, &x, err);
}
