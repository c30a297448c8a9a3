/* report_summary.c - the headline figures of a report (see report.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/report.h"

#include "app_int.h"

struct figures {
	int64_t total, yes, no, met, unmet, added, negative;
	char worst[RECORD_ID_MAX + 1];
	int64_t worst_n, worst_of;
};

/* Is outcome id negative in any loaded policy (or the one asked for)? */
static bool
negative_outcome(struct app *a, const char *policy, const char *id)
{
	const struct policy_outcome *o;
	size_t i;

	for (i = 0; i < a->policies.n; i++) {
		if (policy != NULL && strcmp(a->policies.items[i]->id, policy) != 0)
			continue;
		o = policy_outcome(a->policies.items[i], id);
		if (o != NULL && o->negative)
			return true;
	}
	return false;
}

static void
count_row(struct app *a, enum report_by by, const char *policy,
          const struct report_row *row, struct figures *fg)
{
	bool yes = strcmp(row->value, "yes") == 0, no = strcmp(row->value, "no") == 0;

	switch (by) {
	case REPORT_EMPOWERED:
		fg->total += row->n;
		fg->yes += yes ? row->n : 0;
		fg->no += no ? row->n : 0;
		break;
	case REPORT_NEEDS_MET:
		fg->met += yes ? row->n : 0;
		fg->unmet += no ? row->n : 0;
		break;
	case REPORT_ADDED_VALUE:
		fg->added += yes ? row->n : 0;
		break;
	case REPORT_OUTCOME:
		fg->negative += negative_outcome(a, policy, row->value) ? row->n : 0;
		break;
	case REPORT_QUESTION:
		if (row->n > fg->worst_n) {
			snprintf(fg->worst, sizeof fg->worst, "%s", row->value);
			fg->worst_n = row->n;
			fg->worst_of = row->of;
		}
		break;
	default:
		break;
	}
}

static int
tally(struct app *a, const struct app_actor *who, enum report_by by, const char *since,
      const char *until, const char *policy, struct figures *fg, struct cs_err *err)
{
	struct report r;
	size_t i;
	int rc = report_run(a, who, by, since, until, policy, &r, err);

	if (rc != CS_OK)
		return rc;
	for (i = 0; i < r.n; i++)
		count_row(a, by, policy, &r.rows[i], fg);
	report_free(&r);
	return CS_OK;
}

static int
rows(struct report *out, const struct figures *fg, const struct followup_stats *fs,
     int64_t pending)
{
	char worst[RECORD_ID_MAX + 40];
	int r = 0;

	snprintf(worst, sizeof worst, "most failed: %s", fg->worst[0] ? fg->worst : "-");
	r |= report_add(out, "contacts", fg->total, 0);
	r |= report_add(out, "empowered", fg->yes, fg->yes + fg->no);
	r |= report_add(out, "needs met", fg->met, fg->met + fg->unmet);
	r |= report_add(out, "added value", fg->added, fg->total);
	r |= report_add(out, worst, fg->worst_n, fg->worst_of);
	r |= report_add(out, "follow-ups done on target", fs->done_on_target, fs->done);
	r |= report_add(out, "follow-ups done within the limit", fs->done_on_time, fs->done);
	r |= report_add(out, "follow-ups overdue", fs->overdue, fs->unfinished);
	r |= report_add(out, "negative calls debriefed",
	                fg->negative > pending ? fg->negative - pending : 0, fg->negative);
	out->total = fg->total;
	return r;
}

int
report_summary(struct app *a, const struct app_actor *who, const char *since,
               const char *until, const char *policy, struct report *out,
               struct cs_err *err)
{
	static const enum report_by bys[] = { REPORT_EMPOWERED, REPORT_NEEDS_MET,
	                                      REPORT_ADDED_VALUE, REPORT_OUTCOME,
	                                      REPORT_QUESTION };
	bool server = app_db_is_server(a);
	struct store *st = server ? NULL : app_store(a, err);
	struct figures fg;
	struct followup_stats fs;
	int64_t pending = 0, m = 0;
	size_t i;
	int rc = st == NULL && !server ? app_err(err) : report_scope(who, REPORT_SUMMARY, &m, err);

	memset(&fg, 0, sizeof fg);
	memset(out, 0, sizeof *out);
	for (i = 0; rc == CS_OK && i < sizeof bys / sizeof bys[0]; i++)
		rc = tally(a, who, bys[i], since, until, policy, &fg, err);
	if (rc == CS_OK && server)
		rc = app_pg_followup_stats(a, since, until, policy, m, &fs, &pending, err);
	if (rc == CS_OK && !server)
		rc = store_followup_stats(st, since, until, policy, m, app_now(a), &fs, err);
	if (rc == CS_OK && !server)
		rc = store_debrief_pending(st, since, until, policy, m, &pending, err);
	if (rc == CS_OK && rows(out, &fg, &fs, pending) != 0)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	if (rc != CS_OK)
		report_free(out);
	return rc;
}
