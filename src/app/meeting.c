/* meeting.c - the figures of the staff-meeting report for one period:
 * the log's (the same code as `cslog report`: report_summary and
 * report_run), knowledge tests, secret-shopper scores, satisfaction,
 * response rate, the doctrine's claim, recognitions.  See meeting.h. */
#include "cslog/meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cslog/app_drill.h"
#include "cslog/app_time.h"

#include "app_int.h"

#define DAY 86400
#define MAX_TESTED 4096
#define WEEKLY_MAX_DAYS 182

void
meeting_free(struct meeting *m)
{
	size_t i;

	free(m->policy);
	free(m->buckets);
	report_free(&m->questions);
	mreport_free(&m->shopper_items);
	mreport_free(&m->satisfaction);
	mreport_free(&m->sat_month);
	mreport_free(&m->doctrine);
	for (i = 0; i < m->n_recognitions; i++) {
		free(m->recognitions[i].name);
		free(m->recognitions[i].reason);
	}
	free(m->recognitions);
	memset(m, 0, sizeof *m);
}

/* "YYYY-MM-DD" (UTC) <-> unix seconds at its start. */
static int64_t
day_t(const char *day)
{
	int64_t since, until;

	app_day_bounds(day, NULL, &since, &until);
	return since;
}

static void
t_day(int64_t t, char out[11])
{
	app_time_day(t, out, 11);
}

/* ---- the log ------------------------------------------------------------- */

/* The row whose value is `value`, or (prefix) begins with it. */
static const struct report_row *
find(const struct report *r, const char *value, bool prefix)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (prefix ? strncmp(r->rows[i].value, value, strlen(value)) == 0 :
		    strcmp(r->rows[i].value, value) == 0)
			return &r->rows[i];
	return NULL;
}

static const struct report_row *
row_of(const struct report *r, const char *value)
{
	return find(r, value, false);
}

static void
share_of(const struct report *r, const char *prefix, struct stat_share *out)
{
	const struct report_row *row = row_of(r, prefix);

	stats_share(row != NULL ? row->n : 0, row != NULL ? row->of : 0, out);
}

static int
summary(struct app *a, const struct app_actor *who, struct meeting *m, struct cs_err *err)
{
	const struct report_row *worst;
	struct report r;
	int rc = report_summary(a, who, m->since, m->until, m->policy, &r, err);

	if (rc != CS_OK)
		return rc;
	m->contacts = r.total;
	share_of(&r, "empowered", &m->empowered);
	share_of(&r, "needs met", &m->needs_met);
	share_of(&r, "added value", &m->added_value);
	share_of(&r, "negative calls debriefed", &m->debriefed);
	if ((worst = find(&r, "most failed: ", true)) != NULL && worst->n > 0) {
		snprintf(m->most_failed, sizeof m->most_failed, "%s", worst->value + 13);
		stats_share(worst->n, worst->of, &m->most_failed_share);
	}
	report_free(&r);
	return CS_OK;
}

static int
unknown_needs(struct app *a, const struct app_actor *who, struct meeting *m,
              struct cs_err *err)
{
	const struct report_row *row;
	struct report r;
	int rc = report_run(a, who, REPORT_NEEDS_MET, m->since, m->until, m->policy, &r, err);

	if (rc == CS_OK && (row = row_of(&r, "unknown")) != NULL)
		m->needs_unknown = row->n;
	if (rc == CS_OK)
		report_free(&r);
	return rc;
}

/* Weeks (7 days from the first day of the period), or months. */
static int
buckets(struct app *a, const struct app_actor *who, struct meeting *m, struct cs_err *err)
{
	int64_t from = day_t(m->since), to = day_t(m->until), t, next;
	struct meeting_bucket *b;
	struct report r;
	struct tm tm;
	time_t tt;
	int rc = CS_OK;

	m->monthly = to - from > (int64_t)WEEKLY_MAX_DAYS * DAY;
	for (t = from; rc == CS_OK && t <= to; t = next) {
		if (m->monthly) {
			tt = (time_t)t;
			gmtime_r(&tt, &tm);
			tm.tm_mday = 1;
			tm.tm_mon++;
			next = (int64_t)timegm(&tm);
		} else {
			next = t + 7 * DAY;
		}
		if ((b = realloc(m->buckets, (m->n_buckets + 1) * sizeof *b)) == NULL)
			return cs_err_set(err, CS_OSERR, "out of memory");
		m->buckets = b;
		b = &m->buckets[m->n_buckets++];
		memset(b, 0, sizeof *b);
		t_day(t, b->start);
		t_day(next - DAY < to ? next - DAY : to, b->end);
		rc = report_run(a, who, REPORT_EMPOWERED, b->start, b->end, m->policy, &r, err);
		if (rc == CS_OK) {
			const struct report_row *yes = row_of(&r, "yes"), *no = row_of(&r, "no");
			int64_t y = yes != NULL ? yes->n : 0, n = no != NULL ? no->n : 0;

			b->contacts = r.total;
			stats_share(y, y + n, &b->empowered);
			report_free(&r);
		}
	}
	return rc;
}

static int
followups(struct app *a, struct meeting *m, struct cs_err *err)
{
	struct followup_stats fs;
	int rc = app_meeting_followups(a, m->since, m->until, m->policy, &fs, err);

	if (rc != CS_OK)
		return rc;
	m->fu_on_target = fs.done_on_target;
	m->fu_within_limit = fs.done_within_limit;
	m->fu_done = fs.done;
	m->fu_late = fs.done - fs.done_on_time;
	m->fu_open = fs.unfinished;
	m->fu_overdue = fs.overdue;
	return CS_OK;
}

/* ---- knowledge tests ------------------------------------------------------ */

struct tested {
	struct meeting *m;
	int64_t sr, sa, qr, qa;
	int64_t ids[MAX_TESTED];
	size_t n;
};

static int
count_drill(void *ctx, const struct drill_attempt *d)
{
	struct tested *t = ctx;
	size_t i;

	if (d->kind == DRILL_QUIZ) {
		t->qr += d->correct;
		t->qa += d->total;
	} else {
		t->sr += d->correct;
		t->sa += d->total;
	}
	for (i = 0; i < t->n && t->ids[i] != d->member_id; i++)
		;
	if (i == t->n && t->n < MAX_TESTED)
		t->ids[t->n++] = d->member_id;
	return 0;
}

static int
drills(struct app *a, const struct app_actor *who, struct meeting *m, struct cs_err *err)
{
	struct drill_filter f = { .policy_id = m->policy };
	struct tested *t = calloc(1, sizeof *t);
	int rc;

	if (t == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	app_day_bounds(m->since, m->until, &f.since, &f.until);
	t->m = m;
	rc = app_drill_list(a, who, &f, count_drill, t, err);
	stats_share(t->sr, t->sa, &m->scenarios);
	stats_share(t->qr, t->qa, &m->quiz);
	m->members_tested = (int64_t)t->n;
	free(t);
	return rc;
}

/* ---- the measures ---------------------------------------------------------- */

static int
shopper_all(void *ctx, const struct shopper_tally *t)
{
	struct meeting *m = ctx;

	m->evaluations = t->evaluations;
	m->perfect = t->perfect;
	stats_share(t->met, t->scored, &m->shopper);
	return 0;
}

struct keep {
	struct meeting *m;
	bool oom;
};

static int
keep_recognition(void *ctx, const struct recognition *r)
{
	struct keep *k = ctx;
	struct meeting *m = k->m;
	struct meeting_recognition *v = realloc(m->recognitions,
	                                        (m->n_recognitions + 1) * sizeof *v);

	if (v == NULL) {
		k->oom = true;
		return 1;
	}
	m->recognitions = v;
	v = &m->recognitions[m->n_recognitions];
	snprintf(v->badge, sizeof v->badge, "%s", r->member_badge);
	v->name = strdup(r->member_name);
	v->reason = strdup(r->reason);
	v->kind = r->kind;
	v->at = r->logged_at;
	if (v->name == NULL || v->reason == NULL) {
		free(v->name);
		free(v->reason);
		k->oom = true;
		return 1;
	}
	m->n_recognitions++;
	if ((unsigned)r->kind <= RECOGNITION_REINFORCEMENT)
		m->recognized[r->kind]++;
	return 0;
}

static int
measures(struct app *a, const struct app_actor *who, struct meeting *m, struct cs_err *err)
{
	struct measure_filter f;
	struct mreport rate;
	struct keep k = { m, false };
	int rc = CS_OK;

	memset(&f, 0, sizeof f);
	app_day_bounds(m->since, m->until, &f.since, &f.until);
	f.policy_id = m->policy;
	if (rc == CS_OK)
		rc = app_shopper_tally_rows(a, &f, SHOPPER_BY_ALL, shopper_all, m, err);
	if (rc == CS_OK)
		rc = mreport_run(a, who, MREPORT_SHOPPER, m->since, m->until, m->policy,
		                 &m->shopper_items, err);
	if (rc == CS_OK)
		rc = mreport_run(a, who, MREPORT_SATISFACTION, m->since, m->until, m->policy,
		                 &m->satisfaction, err);
	m->headline = app_survey_headline(a, m->policy);
	if (rc == CS_OK && m->headline != NULL)
		rc = mreport_run(a, who, MREPORT_SATISFACTION_MONTH, m->since, m->until, m->policy,
		                 &m->sat_month, err);
	if (rc == CS_OK && m->headline != NULL)
		rc = mreport_run(a, who, MREPORT_SATISFACTION_DOCTRINE, m->since, m->until,
		                 m->policy, &m->doctrine, err);
	if (rc == CS_OK && (rc = mreport_run(a, who, MREPORT_RESPONSE_RATE, m->since, m->until,
	                                     m->policy, &rate, err)) == CS_OK) {
		if (rate.n >= 2) {
			m->response_rate = rate.rows[0].share;
			m->responses = rate.rows[0].share.k;
			m->linked = rate.rows[1].share.k;
		}
		mreport_free(&rate);
	}
	if (rc == CS_OK)
		rc = app_meeting_recognitions(a, &f, keep_recognition, &k, err);
	if (rc == CS_OK && k.oom)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	return rc;
}

int
meeting_make(struct app *a, const struct app_actor *who, const char *since_day,
             const char *until_day, const char *policy, struct meeting *m,
             struct cs_err *err)
{
	int rc = app_may(who, APP_MEETING, 0, err);

	memset(m, 0, sizeof *m);
	if (rc != CS_OK)
		return rc;
	if (policy != NULL && app_policy(a, policy, err) == NULL)
		return app_err(err);
	if (app_open(a, err) != CS_OK)   /* a file or a server */
		return app_err(err);
	m->made_at = app_now(a);
	if (until_day != NULL)
		snprintf(m->until, sizeof m->until, "%.10s", until_day);
	else
		t_day(m->made_at, m->until);
	if (since_day != NULL)
		snprintf(m->since, sizeof m->since, "%.10s", since_day);
	else
		t_day(day_t(m->until) - 29 * DAY, m->since);
	if (day_t(m->since) == 0 || day_t(m->until) < day_t(m->since))
		return cs_err_set(err, CS_USAGE, "the period %s to %s is not one", m->since,
		                  m->until);
	if (policy != NULL && (m->policy = strdup(policy)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	rc = summary(a, who, m, err);
	if (rc == CS_OK)
		rc = unknown_needs(a, who, m, err);
	if (rc == CS_OK)
		rc = buckets(a, who, m, err);
	if (rc == CS_OK)
		rc = report_run(a, who, REPORT_QUESTION, m->since, m->until, m->policy,
		                &m->questions, err);
	if (rc == CS_OK)
		rc = followups(a, m, err);
	if (rc == CS_OK)
		rc = drills(a, who, m, err);
	if (rc == CS_OK)
		rc = measures(a, who, m, err);
	if (rc != CS_OK)
		meeting_free(m);
	return rc;
}
