/* agg_limit.c - the aggregate of the follow-ups open and running by the
 * UTC day of their limit (DIM_FOLLOWUP_LIMIT), from which the summary
 * counts the overdue ones now without walking them (stats.c): kept as a
 * follow-up is added, paused, resumed or done, as its contact is counted
 * or uncounted (agg.c), and counted afresh by the migration to v8. */
#include "internal.h"

static const char SQL_FU_LIMITS[] =
	"SELECT limit_eff FROM followup WHERE contact_id = ?1 AND state = 0";
static const char SQL_FU_LIMIT_ONE[] =
	"SELECT contact_id, limit_eff FROM followup WHERE id = ?1 AND state = 0";

int
agg_followup_limit(struct store *st, int64_t id, int sign, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_FU_LIMIT_ONE, err);
	int64_t contact_id = 0, limit = 0;
	char day[11];
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot count", err);
	if (rc == CS_OK && row) {
		contact_id = sqlite3_column_int64(s, 0);
		limit = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != CS_OK || contact_id == 0)
		return rc;
	day_of(limit, day);
	return agg_contact_dim(st, contact_id, DIM_FOLLOWUP_LIMIT, day, sign, err);
}

int
agg_count_contact_limits(struct store *st, int64_t id, const char *policy, int64_t at,
                         int sign, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_FU_LIMITS, err);
	bool row = true;
	char day[11];
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	while ((rc = stmt_row(st, s, &row, "cannot count", err)) == CS_OK && row) {
		day_of(sqlite3_column_int64(s, 0), day);
		rc = agg_put(st, DIM_FOLLOWUP_LIMIT, at, policy, day, sign, err);
		if (rc != CS_OK)
			break;
	}
	sqlite3_reset(s);
	return rc;
}

static const char SQL_LIMITS_CLEAR[] = "DELETE FROM agg WHERE dim = 'followup_limit'";
static const char SQL_LIMITS_ALL[] =
	"SELECT c.policy_id, c.at, f.limit_eff FROM followup f JOIN contact c"
	" ON c.id = f.contact_id WHERE f.state = 0 AND c.superseded_by IS NULL";

int
agg_count_limits(struct store *st, struct cs_err *err)
{
	sqlite3_stmt *s;
	bool row = true;
	char day[11];
	int rc = sql_exec(st, SQL_LIMITS_CLEAR, "the report counts were not rebuilt", err);

	if (rc != CS_OK)
		return rc;
	if ((s = stmt_get(st, SQL_LIMITS_ALL, err)) == NULL)
		return err_code(err);
	while ((rc = stmt_row(st, s, &row, "cannot count", err)) == CS_OK && row) {
		day_of(sqlite3_column_int64(s, 2), day);
		rc = agg_put(st, DIM_FOLLOWUP_LIMIT, sqlite3_column_int64(s, 1),
		             (const char *)sqlite3_column_text(s, 0), day, 1, err);
		if (rc != CS_OK)
			break;
	}
	sqlite3_reset(s);
	return rc;
}

