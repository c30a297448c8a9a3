/* stats.c - figures for the report summary that are not counts of
 * contacts by one dimension: follow-ups kept on time and negative calls
 * still waiting for their debrief.  Follow-ups done come from the
 * aggregates (DIM_FOLLOWUP_DONE); the open ones and the debrief queue
 * are short tables, each walked and joined to the contacts of the
 * period. */
#include <string.h>

#include "internal.h"

#define PERIOD " c.superseded_by IS NULL AND (?1 IS NULL OR c.at >= unixepoch(?1))" \
	" AND (?2 IS NULL OR c.at < unixepoch(?2, '+1 day'))" \
	" AND (?3 IS NULL OR c.policy_id = ?3)"
/* f.state < 2 in the WHERE: the partial index of open follow-ups. */
static const char SQL_OPEN[] =
	"SELECT count(*), count(*) FILTER (WHERE f.state = 0 AND f.due_eff < ?4)"
	" FROM followup f CROSS JOIN contact c ON c.id = f.contact_id"
	" WHERE f.state < 2 AND" PERIOD;
/* CROSS JOIN: walk the (short) queue, not the whole log. */
static const char SQL_DEBRIEF_DUE[] =
	"SELECT count(*) FROM debrief_due d CROSS JOIN contact c ON c.id = d.contact_id"
	" WHERE" PERIOD;

static void
bind_period(sqlite3_stmt *s, const char *since_day, const char *until_day,
            const char *policy_id)
{
	bind_text(s, 1, opt(since_day));
	bind_text(s, 2, opt(until_day));
	bind_text(s, 3, opt(policy_id));
}

static int
add_done(void *ctx, const char *value, int64_t n)
{
	struct followup_stats *out = ctx;

	out->done += n;
	if (strcmp(value, "on-time") == 0)
		out->done_on_time += n;
	return 0;
}

int
store_followup_stats(struct store *st, const char *since_day, const char *until_day,
                     const char *policy_id, int64_t now, struct followup_stats *out,
                     struct cs_err *err)
{
	sqlite3_stmt *s;
	bool row = false;
	int rc;

	memset(out, 0, sizeof *out);
	rc = store_report(st, DIM_FOLLOWUP_DONE, since_day, until_day, policy_id, add_done, out,
	                  err);
	if (rc != CS_OK)
		return rc;
	if ((s = stmt_get(st, SQL_OPEN, err)) == NULL)
		return err_code(err);
	bind_period(s, since_day, until_day, policy_id);
	sqlite3_bind_int64(s, 4, now);
	rc = stmt_row(st, s, &row, "cannot count the follow-ups", err);
	if (rc == CS_OK && row) {
		out->unfinished = sqlite3_column_int64(s, 0);
		out->overdue = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc;
}

int
store_debrief_pending(struct store *st, const char *since_day, const char *until_day,
                      const char *policy_id, int64_t *n, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_DEBRIEF_DUE, err);
	bool row = false;
	int rc;

	*n = 0;
	if (s == NULL)
		return err_code(err);
	bind_period(s, since_day, until_day, policy_id);
	rc = stmt_row(st, s, &row, "cannot count the debriefs", err);
	if (rc == CS_OK && row)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc;
}
