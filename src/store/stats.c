/* stats.c - figures for the report summary that are not counts of
 * contacts by one dimension: follow-ups kept on time and negative calls
 * still waiting for their debrief.  Follow-ups done and open and the
 * debriefs due come from the aggregates, and so do the overdue ones
 * (which depend on the time now): the aggregate of the open follow-ups
 * by the day of their limit gives every day before today whole, and
 * only today's are counted from the follow-ups themselves, through the
 * index of open ones by limit - a day's worth, whatever the log's size.
 * One member's figures are counted from their own follow-ups. */
#include <string.h>

#include "internal.h"

#define PERIOD " c.superseded_by IS NULL AND (?1 IS NULL OR c.at >= unixepoch(?1))" \
	" AND (?2 IS NULL OR c.at < unixepoch(?2, '+1 day'))" \
	" AND (?3 IS NULL OR c.policy_id = ?3) AND (?5 IS NULL OR c.member_id = ?5)"
/* Overdue: open, not paused, past the limit (deadline_overdue on the
 * column followup.c keeps). */
static const char SQL_OVERDUE[] =
	"SELECT count(*) FROM followup f INDEXED BY followup_overdue"
	" CROSS JOIN contact c ON c.id = f.contact_id"
	" WHERE f.state = 0 AND f.limit_eff < ?4 AND f.limit_eff >= ?6 AND" PERIOD;

struct limits {
	char today[11];
	int64_t before;   /* open, running, limit on a day before today */
};

static int
add_before(void *ctx, const char *value, int64_t n)
{
	struct limits *l = ctx;

	if (strcmp(value, l->today) < 0)
		l->before += n;
	return 0;
}

static void
bind_period(sqlite3_stmt *s, const char *since_day, const char *until_day,
            const char *policy_id)
{
	bind_text(s, 1, opt(since_day));
	bind_text(s, 2, opt(until_day));
	bind_text(s, 3, opt(policy_id));
}

int
store_followup_stats_add(void *ctx, const char *value, int64_t n)
{
	struct followup_stats *out = ctx;

	out->done += n;
	switch (deadline_grade_parse(value)) {
	case DEADLINE_ON_TARGET: out->done_on_target += n; break;
	case DEADLINE_WITHIN_LIMIT: out->done_within_limit += n; break;
	default: break;
	}
	out->done_on_time = out->done_on_target + out->done_within_limit;
	return 0;
}

int
store_count_add(void *ctx, const char *value, int64_t n)
{
	(void)value;
	*(int64_t *)ctx += n;
	return 0;
}

/* From the aggregates, or for one member's contacts from the contacts. */
static int
counts(struct store *st, enum store_dim dim, const char *since_day, const char *until_day,
       const char *policy_id, int64_t member_id, store_report_cb cb, void *ctx,
       struct cs_err *err)
{
	if (member_id != 0)
		return store_report_fullscan(st, dim, since_day, until_day, policy_id, member_id,
		                             cb, ctx, err);
	return store_report(st, dim, since_day, until_day, policy_id, cb, ctx, err);
}

int
store_followup_stats(struct store *st, const char *since_day, const char *until_day,
                     const char *policy_id, int64_t member_id, int64_t now,
                     struct followup_stats *out, struct cs_err *err)
{
	struct limits l = { "", 0 };
	int64_t from = INT64_MIN;
	sqlite3_stmt *s;
	bool row = false;
	int rc;

	memset(out, 0, sizeof *out);
	if (member_id == 0) {   /* the days before today from the aggregates */
		day_of(now, l.today);
		from = now - (now % 86400 + 86400) % 86400;
		rc = store_report(st, DIM_FOLLOWUP_LIMIT, since_day, until_day, policy_id,
		                  add_before, &l, err);
		if (rc != CS_OK)
			return rc;
	}
	rc = counts(st, DIM_FOLLOWUP_DONE, since_day, until_day, policy_id, member_id,
	            store_followup_stats_add, out, err);
	if (rc == CS_OK)
		rc = counts(st, DIM_FOLLOWUP_OPEN, since_day, until_day, policy_id, member_id,
		            store_count_add, &out->unfinished, err);
	if (rc != CS_OK)
		return rc;
	if ((s = stmt_get(st, SQL_OVERDUE, err)) == NULL)
		return err_code(err);
	bind_period(s, since_day, until_day, policy_id);
	sqlite3_bind_int64(s, 4, now);
	bind_id(s, 5, member_id);
	sqlite3_bind_int64(s, 6, from);
	rc = stmt_row(st, s, &row, "cannot count the follow-ups", err);
	if (rc == CS_OK && row)
		out->overdue = l.before + sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc;
}

int
store_debrief_pending(struct store *st, const char *since_day, const char *until_day,
                      const char *policy_id, int64_t member_id, int64_t *n, struct cs_err *err)
{
	*n = 0;
	return counts(st, DIM_DEBRIEF_DUE, since_day, until_day, policy_id, member_id,
	              store_count_add, n, err);
}
