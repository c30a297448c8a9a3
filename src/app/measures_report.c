/* measures_report.c - the reports of the measures: standards met in
 * secret-shopper evaluations (by standard, channel, member, month) and
 * satisfaction (by question, kind, channel, outcome, member, month,
 * added value with an empowered check or not), and responses per
 * contact; each share with the number it is of and its 95 % interval
 * (stats.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cslog/app_measures.h"
#include "cslog/app_time.h"
#include "cslog/report.h"

#include "app_int.h"

static const char *const names[MREPORT_COUNT] = {
	"shopper", "shopper-channel", "shopper-member", "shopper-month",
	"satisfaction", "satisfaction-kind", "satisfaction-channel", "satisfaction-outcome",
	"satisfaction-member", "satisfaction-month", "satisfaction-doctrine", "response-rate",
};

int
mreport_parse_by(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < MREPORT_COUNT; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *
mreport_by_name(enum mreport_by by)
{
	return (unsigned)by < MREPORT_COUNT ? names[by] : "?";
}

bool
mreport_is_shopper(enum mreport_by by)
{
	return by <= MREPORT_SHOPPER_MONTH;
}

void
mreport_free(struct mreport *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->rows[i].value);
		free(r->rows[i].words);
	}
	free(r->rows);
	memset(r, 0, sizeof *r);
}

/* "YYYY-MM-DD" as unix seconds at 00:00 UTC; 0 when it is not one. */
static int64_t
day_start(const char *day)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (day == NULL || strlen(day) != 10 ||
	    sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm);
}

void
app_day_bounds(const char *since_day, const char *until_day, int64_t *since, int64_t *until)
{
	int64_t u = day_start(until_day);

	*since = day_start(since_day);
	*until = u != 0 ? u + 86399 : 0;
}

static struct mreport_row *
add_row(struct mreport *r, const char *value, const char *words)
{
	struct mreport_row *v = realloc(r->rows, (r->n + 1) * sizeof *v);

	if (v == NULL)
		return NULL;
	r->rows = v;
	v = &r->rows[r->n];
	memset(v, 0, sizeof *v);
	v->value = strdup(value != NULL ? value : "");
	v->words = strdup(words != NULL ? words : "");
	if (v->value == NULL || v->words == NULL) {
		free(v->value);
		free(v->words);
		return NULL;
	}
	r->n++;
	return v;
}

struct fill {
	struct app *a;
	struct mreport *r;
	const char *policy;
	bool oom;
};

static const char *
item_words(struct app *a, const char *policy, const char *id)
{
	size_t i;
	const char *w;

	if (policy != NULL)
		return app_shopper_item_words(policy_set_find(&a->policies, policy), id);
	for (i = 0; i < a->policies.n; i++)
		if ((w = app_shopper_item_words(a->policies.items[i], id)) != id)
			return w;
	return "";
}

static int
shopper_row(void *ctx, const struct shopper_tally *t)
{
	struct fill *f = ctx;
	struct mreport_row *row = add_row(f->r, t->value, f->r->by == MREPORT_SHOPPER ?
	                                  item_words(f->a, f->policy, t->value) : NULL);

	if (row == NULL) {
		f->oom = true;
		return 1;
	}
	row->evaluations = t->evaluations;
	row->perfect = t->perfect;
	stats_share(t->met, t->scored, &row->share);
	return 0;
}

/* Standards met, worst first: the share met ascending, the standard
 * scored more often first among equals, then by id (either store gives
 * them by id); a standard never scored (nothing to judge) last. */
static int
worst_first(const void *a, const void *b)
{
	const struct mreport_row *x = a, *y = b;

	if ((x->share.n == 0) != (y->share.n == 0))
		return x->share.n == 0 ? 1 : -1;
	if (x->share.p != y->share.p)
		return x->share.p < y->share.p ? -1 : 1;
	if (x->share.n != y->share.n)
		return x->share.n > y->share.n ? -1 : 1;
	return strcmp(x->value, y->value);
}

static int
survey_row(void *ctx, const struct survey_tally *t)
{
	struct fill *f = ctx;
	const struct survey_question *q = f->r->by == MREPORT_SATISFACTION ?
		app_survey_question(f->a, f->policy != NULL ? f->policy :
		                    f->a->policies.n > 0 ? f->a->policies.items[0]->id : "",
		                    t->value) : NULL;
	struct mreport_row *row = add_row(f->r, t->value, q != NULL ? q->text : NULL);

	if (row == NULL) {
		f->oom = true;
		return 1;
	}
	stats_share(t->satisfied, t->n, &row->share);
	stats_mean(t->n_scale, t->sum, t->sumsq, &row->mean);
	return 0;
}

/* Whose records the report counts, and whether who may see it. */
static int
scope(const struct app_actor *who, enum mreport_by by, struct measure_filter *f,
      struct cs_err *err)
{
	enum app_op op = mreport_is_shopper(by) ? APP_SHOPPER_READ : APP_SURVEY_READ;
	int rc;

	if (by == MREPORT_SHOPPER_MEMBER || by == MREPORT_SATISFACTION_MEMBER) {
		if ((rc = app_may(who, APP_REPORT_BY_MEMBER, 0, err)) != CS_OK)
			return rc;
		return app_may(who, op, 0, err);
	}
	if (app_scope_of(who, op) == SCOPE_OWN) {
		if (who->role == ROLE_EVALUATOR && op == APP_SHOPPER_READ)
			f->evaluator_id = who->id;
		else
			f->member_id = who->id;
	}
	return app_may(who, op, who->role == ROLE_EVALUATOR ? f->evaluator_id : f->member_id,
	               err);
}

/* A rate, not a share of a sample (a contact may have several
 * responses): no interval, lo and hi are the rate itself. */
static void
rate(int64_t k, int64_t n, struct stat_share *out)
{
	out->k = k;
	out->n = n;
	out->p = out->lo = out->hi = n > 0 ? (double)k / (double)n : 0;
	out->few = false;
}

/* Responses per contact: every response of the period, of the contacts
 * logged in it (a member's: those about their contacts, of theirs). */
static int
response_rate(struct app *a, const struct app_actor *who, const char *since,
              const char *until, const char *policy, struct measure_filter *f,
              struct mreport *out, struct cs_err *err)
{
	struct mreport_row *row;
	struct report r;
	int64_t responses, linked;
	int rc = app_survey_count_rows(a, f, &responses, &linked, err);

	if (rc == CS_OK)
		rc = report_run(a, who, REPORT_SUMMARY, since, until, policy, &r, err);
	if (rc != CS_OK)
		return rc;
	if ((row = add_row(out, "responses", "responses per contact logged")) != NULL)
		rate(responses, r.total, &row->share);
	if (row != NULL && (row = add_row(out, "linked", "responses about a logged contact,"
	                                  " per contact")) != NULL)
		rate(linked, r.total, &row->share);
	report_free(&r);
	return row != NULL ? CS_OK : cs_err_set(err, CS_OSERR, "out of memory");
}

int
mreport_run(struct app *a, const struct app_actor *who, enum mreport_by by,
            const char *since_day, const char *until_day, const char *policy,
            struct mreport *out, struct cs_err *err)
{
	static const enum survey_by sby[] = {
		[MREPORT_SATISFACTION] = SURVEY_BY_QUESTION,
		[MREPORT_SATISFACTION_KIND] = SURVEY_BY_KIND,
		[MREPORT_SATISFACTION_CHANNEL] = SURVEY_BY_CHANNEL,
		[MREPORT_SATISFACTION_OUTCOME] = SURVEY_BY_OUTCOME,
		[MREPORT_SATISFACTION_MEMBER] = SURVEY_BY_MEMBER,
		[MREPORT_SATISFACTION_MONTH] = SURVEY_BY_MONTH,
		[MREPORT_SATISFACTION_DOCTRINE] = SURVEY_BY_DOCTRINE,
	};
	struct measure_filter f;
	struct fill fl = { a, out, policy, false };
	int rc;

	memset(out, 0, sizeof *out);
	memset(&f, 0, sizeof f);
	out->by = by;
	if ((unsigned)by >= MREPORT_COUNT)
		return cs_err_set(err, CS_USAGE, "no such report");
	if (policy != NULL && app_policy(a, policy, err) == NULL)
		return app_err(err);
	app_day_bounds(since_day, until_day, &f.since, &f.until);
	f.policy_id = policy;
	if ((rc = scope(who, by, &f, err)) != CS_OK)
		return rc;
	if (by == MREPORT_RESPONSE_RATE)
		rc = response_rate(a, who, since_day, until_day, policy, &f, out, err);
	else if (mreport_is_shopper(by))
		rc = app_shopper_tally_rows(a, &f, (enum shopper_by)(by - MREPORT_SHOPPER),
		                            shopper_row, &fl, err);
	else if ((out->question = app_survey_headline(a, policy)) == NULL &&
	         by != MREPORT_SATISFACTION)
		rc = cs_err_set(err, CS_CONFIG, "no policy has a survey question to report on");
	else
		rc = app_survey_tally_rows(a, &f, sby[by], by == MREPORT_SATISFACTION ? NULL :
		                           out->question, survey_row, &fl, err);
	if (rc == CS_OK && fl.oom)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	if (rc == CS_OK && by == MREPORT_SHOPPER && out->n > 1)
		qsort(out->rows, out->n, sizeof *out->rows, worst_first);
	if (rc == CS_OK && by == MREPORT_SATISFACTION_DOCTRINE && out->n == 2) {
		out->has_diff = true;   /* rows by value: added-value-empowered, other */
		stats_diff(&out->rows[0].share, &out->rows[1].share, &out->diff);
	}
	if (rc != CS_OK)
		mreport_free(out);
	return rc;
}
