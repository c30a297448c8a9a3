/* drill_stats.c - what the stored drill attempts say: item analysis per
 * scenario, quiz item and question of a scenario, and how often a member
 * gets each question wrong (the statistics are in core drill_stats.c). */
#include <stdlib.h>

#include "cslog/app_drill.h"

#include "app_int.h"

/* Rows for the analysis, grown as attempts are read. */
struct rows {
	const struct policy *p;
	enum drill_kind kind;
	bool cells;              /* one row per question of each scenario */
	struct drill_score_row *v;
	size_t n, cap;
	bool oom;
};

static bool
push(struct rows *r, int64_t member_id, size_t item, bool right)
{
	struct drill_score_row *v;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		if ((v = realloc(r->v, r->cap * sizeof *v)) == NULL) {
			r->oom = true;
			return false;
		}
		r->v = v;
	}
	r->v[r->n++] = (struct drill_score_row){ member_id, item, right };
	return true;
}

/* Was this answer of an attempt the one the policy expects? */
static bool
answer_right(const struct drill_answer *a)
{
	return a->given != ANSWER_UNSET && a->given == a->expected;
}

/* Each question answered in a scenario attempt, as a cell row. */
static bool
push_cells(struct rows *r, const struct drill_attempt *d, size_t scenario)
{
	size_t k;
	int q;

	for (k = 0; k < d->n_answers; k++) {
		q = policy_question_index(r->p, d->answers[k].question);
		if (q >= 0 && !push(r, d->member_id, scenario * r->p->n_questions + (size_t)q,
		                    answer_right(&d->answers[k])))
			return false;
	}
	return true;
}

static int
keep_row(void *ctx, const struct drill_attempt *d)
{
	struct rows *r = ctx;
	size_t n = r->kind == DRILL_QUIZ ? r->p->n_quiz : r->p->n_scenarios;
	size_t i;

	if (d->kind != r->kind || (i = app_drill_item_index(r->p, r->kind, d->item_id)) >= n)
		return 0;   /* another kind, or an item the policy no longer has */
	if (r->cells)
		return push_cells(r, d, i) ? 0 : 1;
	return push(r, d->member_id, i, d->total > 0 && d->correct == d->total) ? 0 : 1;
}

static int
analyse(struct app *a, const struct app_actor *who, struct rows *r, int64_t since,
        size_t n_items, struct drill_item_stats *out, struct cs_err *err)
{
	struct drill_filter f = { .policy_id = r->p->id, .since = since };
	int rc, bad;

	if ((rc = app_may(who, APP_DRILL_READ, 0, err)) != CS_OK)
		return rc;
	rc = app_drill_rows(a, &f, keep_row, r, err);
	if (rc == CS_OK && !r->oom) {
		bad = r->cells ? drill_question_analysis(r->v, r->n, n_items, out)
		               : drill_item_analysis(r->v, r->n, n_items, out);
		r->oom = bad != 0;
	}
	if (rc == CS_OK && r->oom)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	free(r->v);
	r->v = NULL;
	return rc;
}

int
app_drill_analysis(struct app *a, const struct app_actor *who, const struct policy *p,
                   enum drill_kind kind, int64_t since, struct drill_item_stats *out,
                   struct cs_err *err)
{
	struct rows r = { p, kind, false, NULL, 0, 0, false };

	return analyse(a, who, &r, since, kind == DRILL_QUIZ ? p->n_quiz : p->n_scenarios, out, err);
}

int
app_drill_question_analysis(struct app *a, const struct app_actor *who, const struct policy *p,
                            int64_t since, struct drill_item_stats *out, struct cs_err *err)
{
	struct rows r = { p, DRILL_SCENARIO, true, NULL, 0, 0, false };

	return analyse(a, who, &r, since, p->n_scenarios * p->n_questions, out, err);
}

struct tally_ctx {
	const struct policy *p;
	struct drill_tally *t;
};

static int
tally_one(void *ctx, const struct drill_attempt *d)
{
	struct tally_ctx *c = ctx;
	size_t k;
	int q;

	if (d->kind != DRILL_SCENARIO)
		return 0;
	for (k = 0; k < d->n_answers; k++) {
		if ((q = policy_question_index(c->p, d->answers[k].question)) < 0)
			continue;
		c->t[q].asked++;
		c->t[q].wrong += !answer_right(&d->answers[k]);
	}
	return 0;
}

int
app_drill_tally(struct app *a, const struct app_actor *who, int64_t member_id,
                const struct policy *p, int64_t since, const char *session,
                struct drill_tally *out, struct cs_err *err)
{
	struct drill_filter f = { .member_id = member_id, .policy_id = p->id,
	                          .session_id = session, .since = since };
	struct tally_ctx c = { p, out };
	size_t i;
	int rc;

	for (i = 0; i < p->n_questions; i++)
		out[i] = (struct drill_tally){ i, 0, 0 };
	if (app_scope_of(who, APP_DRILL_READ) == SCOPE_OWN && f.member_id == 0)
		f.member_id = who->id;
	if ((rc = app_may(who, APP_DRILL_READ, f.member_id, err)) != CS_OK)
		return rc;
	rc = app_drill_rows(a, &f, tally_one, &c, err);
	if (rc == CS_OK)
		drill_weakest_first(out, p->n_questions);
	return rc;
}
