/* drill.c - drills and quizzes: scoring and keeping attempts, the
 * schedule of what comes back first, and item analysis, from the
 * stored attempts (see drill.h for the rules).  Item analysis and tallies
 * are in drill_stats.c. */
#include <stdlib.h>
#include <string.h>

#include "cslog/app_drill.h"
#include "cslog/quiz.h"

#include "app_int.h"

size_t
app_drill_item_index(const struct policy *p, enum drill_kind kind, const char *id)
{
	size_t n = kind == DRILL_QUIZ ? p->n_quiz : p->n_scenarios;
	int i = kind == DRILL_QUIZ ? policy_quiz_index(p, id) : policy_scenario_index(p, id);

	return i >= 0 ? (size_t)i : n;
}

struct history {
	const struct policy *p;
	enum drill_kind kind;
	struct drill_due *due;
	size_t n;
};

static int
replay(void *ctx, const struct drill_attempt *d)
{
	struct history *h = ctx;
	size_t i;

	if (d->kind != h->kind || (i = app_drill_item_index(h->p, h->kind, d->item_id)) >= h->n)
		return 0;   /* an item the policy no longer has */
	drill_due_record(&h->due[i], d->total > 0 && d->correct == d->total, d->at);
	return 0;
}

int
app_drill_list(struct app *a, const struct app_actor *who, struct drill_filter *f,
               int (*cb)(void *ctx, const struct drill_attempt *d), void *ctx,
               struct cs_err *err)
{
	int rc;

	if (app_scope_of(who, APP_DRILL_READ) == SCOPE_OWN && f->member_id == 0)
		f->member_id = who->id;
	if ((rc = app_may(who, APP_DRILL_READ, f->member_id, err)) != CS_OK)
		return rc;
	return app_drill_rows(a, f, cb, ctx, err);
}

struct trainees {
	int (*cb)(void *ctx, const struct member *m);
	void *ctx;
};

static int
keep_trainee(void *ctx, const struct member *m)
{
	const struct trainees *t = ctx;

	return m->role == ROLE_EVALUATOR ? 0 : t->cb(t->ctx, m);
}

/* Is member_id one a trainer may drill?  An evaluator is not (65): the
 * same rule as app_drill_trainees, for an attempt named by id (the
 * command line's --member).  One's own self-study needs no look-up. */
static int
trainee_ok(struct app *a, const struct app_actor *who, int64_t member_id,
           struct cs_err *err)
{
	struct member m = { 0 };
	struct store *st;
	int rc;

	if (who != NULL && member_id == who->id)
		return CS_OK;
	if (app_db_is_server(a))
		rc = app_pg_member_find(a, who, NULL, member_id, &m, err);
	else
		rc = (st = app_store(a, err)) == NULL ? app_err(err) :
		     store_member_get(st, member_id, &m, err);
	if (rc == CS_OK && m.role == ROLE_EVALUATOR)
		rc = cs_err_set(err, CS_DATAERR, "%.40s is an evaluator: evaluators record"
		                " secret-shopper evaluations and are not drilled", m.badge);
	record_member_clear(&m);
	return rc;
}

int
app_drill_trainees(struct app *a, const struct app_actor *who,
                   int (*cb)(void *ctx, const struct member *m), void *ctx,
                   struct cs_err *err)
{
	struct trainees t = { cb, ctx };

	return app_member_list(a, who, keep_trainee, &t, err);
}

int
app_drill_schedule(struct app *a, const struct app_actor *who, int64_t member_id,
                   const struct policy *p, enum drill_kind kind, struct drill_due *out,
                   size_t *n, struct cs_err *err)
{
	struct drill_filter f = { .member_id = member_id, .policy_id = p->id };
	struct history h = { p, kind, out, kind == DRILL_QUIZ ? p->n_quiz : p->n_scenarios };
	size_t i;
	int rc;

	*n = h.n;
	for (i = 0; i < h.n; i++)
		out[i] = drill_due_new(i);
	if ((rc = app_may(who, APP_DRILL_READ, member_id, err)) != CS_OK)
		return rc;
	rc = app_drill_rows(a, &f, replay, &h, err);
	if (rc == CS_OK)
		drill_order(out, h.n);
	return rc;
}

int
app_drill_group_order(struct app *a, const struct app_actor *who, const int64_t *members,
                      size_t n, const struct policy *p, enum drill_kind kind, size_t *out,
                      size_t *n_out, struct cs_err *err)
{
	size_t items = kind == DRILL_QUIZ ? p->n_quiz : p->n_scenarios, i, j, got = 0;
	struct drill_due *one = calloc(items + 1, sizeof *one), *all = calloc(items + 1, sizeof *all);
	int rc = one != NULL && all != NULL ? CS_OK : cs_err_set(err, CS_OSERR, "out of memory");

	if (rc == CS_OK)
		drill_group_start(all, items);
	for (j = 0; j < n && rc == CS_OK; j++) {
		rc = app_drill_schedule(a, who, members[j], p, kind, one, &got, err);
		if (rc == CS_OK)
			drill_group_merge(all, items, one, got);
	}
	if (rc == CS_OK) {
		drill_order(all, items);
		for (i = 0; i < items; i++)
			out[i] = all[i].item;
		*n_out = items;
	}
	free(one);
	free(all);
	return rc;
}

static void
attempt(struct drill_attempt *d, int64_t actor_id, int64_t member_id, const struct policy *p,
        enum drill_kind kind, const char *item, const char *session, int64_t now)
{
	memset(d, 0, sizeof *d);
	d->member_id = member_id;
	d->trainer_id = actor_id != member_id ? actor_id : 0;
	d->policy_id = p->id;
	d->policy_version = p->version;
	d->kind = kind;
	d->item_id = item;
	d->at = now;
	d->session_id = session;
}

int
app_drill_answer(struct app *a, const struct app_actor *who, int64_t member_id,
                 const struct policy *p, size_t idx, const enum answer *given,
                 const char *session, int *right_out, struct cs_err *err)
{
	const struct policy_scenario *s;
	struct drill_attempt d;
	size_t i;
	int rc;

	if (idx >= p->n_scenarios)
		return cs_err_set(err, CS_USAGE, "no such scenario");
	if ((rc = app_may(who, APP_DRILL_RUN, member_id, err)) != CS_OK ||
	    (rc = trainee_ok(a, who, member_id, err)) != CS_OK)
		return rc;
	s = &p->scenarios[idx];
	attempt(&d, who->id, member_id, p, DRILL_SCENARIO, s->id, session, app_now(a));
	for (i = 0; i < p->n_questions; i++) {
		d.answers[i].question = p->questions[i].id;
		d.answers[i].given = given[i];
		d.answers[i].expected = s->expected[i];
	}
	d.n_answers = p->n_questions;
	d.correct = drill_score(s, given, p->n_questions);
	d.total = (int)p->n_questions;
	if (right_out != NULL)
		*right_out = d.correct;
	return app_drill_keep(a, who, &d, err);
}

int
app_drill_quiz(struct app *a, const struct app_actor *who, int64_t member_id,
               const struct policy *p, size_t idx, const char *typed, const char *session,
               bool *right, struct cs_err *err)
{
	struct quiz_grade g;
	int rc = app_drill_quiz_graded(a, who, member_id, p, idx, typed, session, &g, err);

	*right = g.right;
	return rc;
}

int
app_drill_quiz_graded(struct app *a, const struct app_actor *who, int64_t member_id,
                      const struct policy *p, size_t idx, const char *typed,
                      const char *session, struct quiz_grade *g, struct cs_err *err)
{
	struct drill_attempt d;
	int rc;

	memset(g, 0, sizeof *g);
	if (idx >= p->n_quiz)
		return cs_err_set(err, CS_USAGE, "no such quiz item");
	if ((rc = app_may(who, APP_DRILL_RUN, member_id, err)) != CS_OK ||
	    (rc = trainee_ok(a, who, member_id, err)) != CS_OK)
		return rc;
	quiz_grade(&p->quiz[idx], typed, g);
	attempt(&d, who->id, member_id, p, DRILL_QUIZ, p->quiz[idx].id, session, app_now(a));
	d.quiz_answer = typed;
	d.correct = g->right ? 1 : 0;
	d.total = 1;
	return app_drill_keep(a, who, &d, err);
}
