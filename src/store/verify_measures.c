/* verify_measures.c - are the evaluations, survey responses and
 * recognitions as cslog wrote them?  Run by store_verify after the
 * audit chain (whose walk already proves the events themselves
 * unchanged): each such event's record still has the content hashed in
 * it (a survey comment, its keyed hash), and every record has its
 * event.  Stops at the first problem, as verify.c does. */
#include <stdio.h>
#include <string.h>

#include "measures_int.h"

static const char SQL_EVENTS[] =
	"SELECT id, action, entity_id, json_extract(detail, '$.content'),"
	" json_extract(detail, '$.comment') FROM audit"
	" WHERE action IN ('shopper.add', 'survey.add', 'recognition.add') ORDER BY id";
static const char SQL_UNAUDITED_SHOPPER[] =
	"SELECT s.id FROM shopper s WHERE NOT EXISTS (SELECT 1 FROM audit a"
	" WHERE a.entity = 'shopper' AND a.entity_id = s.id AND a.action = 'shopper.add')"
	" ORDER BY s.id LIMIT 1";
static const char SQL_UNAUDITED_SURVEY[] =
	"SELECT s.id FROM survey s WHERE NOT EXISTS (SELECT 1 FROM audit a"
	" WHERE a.entity = 'survey' AND a.entity_id = s.id AND a.action = 'survey.add')"
	" ORDER BY s.id LIMIT 1";
static const char SQL_UNAUDITED_RECOGNITION[] =
	"SELECT r.id FROM recognition r WHERE NOT EXISTS (SELECT 1 FROM audit a"
	" WHERE a.entity = 'recognition' AND a.entity_id = r.id"
	" AND a.action = 'recognition.add') ORDER BY r.id LIMIT 1";

static int
broken(struct store_verify_result *res, int64_t event, const char *why, struct cs_err *err)
{
	res->ok = false;
	res->bad_event = event;
	str_copy(res->why, sizeof res->why, why);
	return cs_err_set(err, CS_DATAERR, "%s", why);
}

static const char *
what_of(const char *action)
{
	return strcmp(action, "shopper.add") == 0 ? "evaluation" :
	       strcmp(action, "survey.add") == 0 ? "survey response" : "recognition";
}

/* One event: its record as hashed then. */
static int
check_one(struct store *st, sqlite3_stmt *s, struct store_verify_result *res,
          struct cs_err *err)
{
	int64_t event = sqlite3_column_int64(s, 0), id = sqlite3_column_int64(s, 2);
	const char *action = (const char *)sqlite3_column_text(s, 1);
	const char *want = (const char *)sqlite3_column_text(s, 3);
	const char *want_c = (const char *)sqlite3_column_text(s, 4);
	char hex[HEX_LEN + 1], chex[HEX_LEN + 1] = "", why[256];
	bool found;
	int rc;

	if (action == NULL)
		return CS_OK;
	if (strcmp(action, "shopper.add") == 0)
		rc = shopper_hash(st, id, &found, hex, err);
	else if (strcmp(action, "survey.add") == 0)
		rc = survey_hash(st, id, &found, hex, chex, err);
	else
		rc = recognition_hash(st, id, &found, hex, err);
	if (rc != CS_OK)
		return rc;
	if (!found) {
		snprintf(why, sizeof why, "%s %lld of audit event %lld is missing: it was "
		         "deleted behind cslog's back", what_of(action), (long long)id,
		         (long long)event);
		return broken(res, event, why, err);
	}
	if (want == NULL || strcmp(want, hex) != 0) {
		snprintf(why, sizeof why, "%s %lld was changed behind cslog's back (it no longer "
		         "matches audit event %lld)", what_of(action), (long long)id,
		         (long long)event);
		return broken(res, event, why, err);
	}
	if (strcmp(want_c != NULL ? want_c : "", chex) != 0) {
		snprintf(why, sizeof why, "the comment of survey response %lld was changed "
		         "behind cslog's back (audit event %lld)", (long long)id,
		         (long long)event);
		return broken(res, event, why, err);
	}
	return CS_OK;
}

static int
unaudited(struct store *st, const char *sql, const char *what,
          struct store_verify_result *res, struct cs_err *err)
{
	char why[256];
	int64_t id;
	bool found;
	int rc = stmt_int64(st, sql, 0, &id, &found, "cannot verify", err);

	if (rc != CS_OK || !found)
		return rc;
	snprintf(why, sizeof why, "%s %lld has no audit event: it was written behind cslog's "
	         "back, or its event was removed", what, (long long)id);
	return broken(res, 0, why, err);
}

int
verify_measures(struct store *st, struct store_verify_result *res, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_EVENTS, err);
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	while (rc == CS_OK && (rc = stmt_row(st, s, &row, "cannot verify", err)) == CS_OK && row)
		rc = check_one(st, s, res, err);
	stmt_release(st, s);
	if (rc == CS_OK)
		rc = unaudited(st, SQL_UNAUDITED_SHOPPER, "evaluation", res, err);
	if (rc == CS_OK)
		rc = unaudited(st, SQL_UNAUDITED_SURVEY, "survey response", res, err);
	if (rc == CS_OK)
		rc = unaudited(st, SQL_UNAUDITED_RECOGNITION, "recognition", res, err);
	return rc;
}
