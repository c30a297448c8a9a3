/* verify_rows.c - every table of records against the audit trail.
 *
 * Each write of a member, review, follow-up, drill result, saved view,
 * redaction, evaluation, survey response or recognition ends with an
 * event recording the hash of the row as written
 * (hash.c, ROW_*).  Here each row is hashed again and compared with its
 * newest event: a row changed behind cslog's back no longer matches, a
 * row written behind its back has no event, a row deleted leaves its
 * events without it.  The queues are recomputed in verify_queue.c, the
 * contacts themselves checked in verify.c. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Columns: key, a label (or NULL), the row's hash now, its newest event
 * and the hash that event recorded. */
#define CHECK(table, row, latest, order) "SELECT " order ", " row ", a.id," \
	" json_extract(a.detail, '$.row') FROM " table " LEFT JOIN audit a ON a.id = " latest \
	" ORDER BY 1, 2"

/* The tables whose rows' newest events are their entity's newest
 * (check_merged): key, label (or NULL) and the row's hash now, in key
 * order; and their entity's events, the newest per key, in key order
 * (from the audit index alone). */
#define ROWS(table, row, order) "SELECT " order ", " row " FROM " table " ORDER BY 1, 2"
#define NEWEST(entity) "SELECT entity_id, max(id) FROM audit WHERE entity = '" entity \
	"' GROUP BY entity_id ORDER BY entity_id"
static const char SQL_MEMBERS[] = ROWS("member", ROW_MEMBER, "member.id, member.badge");
static const char SQL_REVIEWS[] = ROWS("review", ROW_REVIEW, "review.id, NULL");
static const char SQL_FOLLOWUPS[] = ROWS("followup", ROW_FOLLOWUP, "followup.id, NULL");
static const char SQL_DRILLS[] = ROWS("drill", ROW_DRILL, "drill.id, NULL");
static const char SQL_NEWEST_MEMBER[] = NEWEST("member");
static const char SQL_NEWEST_REVIEW[] = NEWEST("review");
static const char SQL_NEWEST_FOLLOWUP[] = NEWEST("followup");
static const char SQL_NEWEST_DRILL[] = NEWEST("drill");
static const char SQL_ROW_OF[] = "SELECT json_extract(detail, '$.row') FROM audit WHERE id = ?1";
static const char SQL_VIEWS[] = CHECK("saved_view", ROW_VIEW,
	"(SELECT max(x.id) FROM audit x WHERE x.entity = 'saved_view'"
	" AND x.entity_id = saved_view.member_id"
	" AND json_extract(x.detail, '$.slot') = saved_view.slot)",
	"saved_view.member_id, saved_view.slot");
/* The measures are written once: their event is the one that added
 * them (a survey response's comment reads are events about it too). */
#define ADDED(entity, id) "(SELECT max(x.id) FROM audit x WHERE x.entity = '" entity \
	"' AND x.entity_id = " id " AND x.action = '" entity ".add')"
static const char SQL_SHOPPER[] = CHECK("shopper", ROW_SHOPPER,
	ADDED("shopper", "shopper.id"), "shopper.id, NULL");
static const char SQL_SURVEY[] = CHECK("survey", ROW_SURVEY,
	ADDED("survey", "survey.id"), "survey.id, survey.ref");
static const char SQL_RECOGNITION[] = CHECK("recognition", ROW_RECOGNITION,
	ADDED("recognition", "recognition.id"), "recognition.id, NULL");
static const char SQL_REDACTED[] =
	"SELECT contact_private.contact_id, NULL, " ROW_PRIVATE ", a.id,"
	" json_extract(a.detail, '$.row') FROM contact_private LEFT JOIN audit a ON a.id ="
	" (SELECT max(x.id) FROM audit x WHERE x.entity = 'contact'"
	" AND x.entity_id = contact_private.contact_id"
	" AND x.action IN ('contact.redact', 'baseline')"
	" AND json_extract(x.detail, '$.row') IS NOT NULL)"
	" WHERE contact_private.redacted_at IS NOT NULL ORDER BY 1";

/* Rows gone whose events remain: key, label (or NULL), newest event. */
#define GONE_ADDED(entity) "SELECT a.entity_id, NULL, max(a.id) FROM audit a" \
	" WHERE a.entity = '" entity "' AND a.action = '" entity ".add' AND NOT EXISTS" \
	" (SELECT 1 FROM " entity " t WHERE t.id = a.entity_id) GROUP BY a.entity_id" \
	" ORDER BY 1 LIMIT 1"
static const char SQL_GONE_SHOPPER[] = GONE_ADDED("shopper");
static const char SQL_GONE_SURVEY[] = GONE_ADDED("survey");
static const char SQL_GONE_RECOGNITION[] = GONE_ADDED("recognition");
static const char SQL_GONE_VIEWS[] =
	"SELECT a.entity_id, json_extract(a.detail, '$.slot'), a.id FROM audit a"
	" WHERE a.entity = 'saved_view' AND json_extract(a.detail, '$.row') IS NOT NULL"
	" AND a.id = (SELECT max(x.id) FROM audit x WHERE x.entity = 'saved_view'"
	" AND x.entity_id = a.entity_id"
	" AND json_extract(x.detail, '$.slot') = json_extract(a.detail, '$.slot'))"
	" AND NOT EXISTS (SELECT 1 FROM saved_view v WHERE v.member_id = a.entity_id"
	" AND v.slot = json_extract(a.detail, '$.slot')) ORDER BY 1, 2 LIMIT 1";
static const char SQL_GONE_REDACTED[] =
	"SELECT a.entity_id, NULL, max(a.id) FROM audit a WHERE a.entity = 'contact'"
	" AND (a.action = 'contact.redact'"
	" OR (a.action = 'baseline' AND json_extract(a.detail, '$.row') IS NOT NULL))"
	" AND NOT EXISTS (SELECT 1 FROM contact_private p WHERE p.contact_id = a.entity_id"
	" AND p.redacted_at IS NOT NULL) GROUP BY a.entity_id ORDER BY 1 LIMIT 1";

/* Rows that belong to nothing: the key. */
static const char SQL_LOST_ANSWERS[] =
	"SELECT contact_id FROM contact_answer WHERE contact_id NOT IN (SELECT id FROM contact)"
	" ORDER BY 1 LIMIT 1";
static const char SQL_LOST_PRIVATE[] =
	"SELECT contact_id FROM contact_private WHERE contact_id NOT IN (SELECT id FROM contact)"
	" ORDER BY 1 LIMIT 1";
static const char SQL_LOST_DRILL_ANSWERS[] =
	"SELECT drill_id FROM drill_answer WHERE drill_id NOT IN (SELECT id FROM drill)"
	" ORDER BY 1 LIMIT 1";
static const char SQL_LOST_ITEMS[] =
	"SELECT shopper_id FROM shopper_item WHERE shopper_id NOT IN (SELECT id FROM shopper)"
	" ORDER BY 1 LIMIT 1";
static const char SQL_LOST_SURVEY_ANSWERS[] =
	"SELECT survey_id FROM survey_answer WHERE survey_id NOT IN (SELECT id FROM survey)"
	" ORDER BY 1 LIMIT 1";
static const char SQL_LOST_COMMENTS[] =
	"SELECT survey_id FROM survey_comment WHERE survey_id NOT IN (SELECT id FROM survey)"
	" ORDER BY 1 LIMIT 1";
static const char SQL_LOST_UNREVIEWED[] =
	"SELECT contact_id FROM unreviewed WHERE contact_id NOT IN (SELECT id FROM contact)"
	" ORDER BY 1 LIMIT 1";
static const char SQL_LOST_DEBRIEF[] =
	"SELECT contact_id FROM debrief_due WHERE contact_id NOT IN (SELECT id FROM contact)"
	" ORDER BY 1 LIMIT 1";

struct table {
	const char *rows, *gone;
	const char *noun;     /* "review" */
	const char *where;    /* "table review" */
	const char *newest;   /* set: checked by check_merged (no gone) */
};

static const struct table tables[] = {
	{ SQL_MEMBERS, NULL, "member", "table member", SQL_NEWEST_MEMBER },
	{ SQL_REVIEWS, NULL, "review", "table review", SQL_NEWEST_REVIEW },
	{ SQL_FOLLOWUPS, NULL, "follow-up", "table followup", SQL_NEWEST_FOLLOWUP },
	{ SQL_DRILLS, NULL, "drill result", "table drill, with its answers in drill_answer",
	  SQL_NEWEST_DRILL },
	{ SQL_VIEWS, SQL_GONE_VIEWS, "saved view", "table saved_view", NULL },
	{ SQL_REDACTED, SQL_GONE_REDACTED, "the redaction of contact", "table contact_private",
	  NULL },
	{ SQL_SHOPPER, SQL_GONE_SHOPPER, "evaluation",
	  "table shopper, with its items in shopper_item", NULL },
	{ SQL_SURVEY, SQL_GONE_SURVEY, "survey response",
	  "table survey, with its answers in survey_answer and its comment in survey_comment",
	  NULL },
	{ SQL_RECOGNITION, SQL_GONE_RECOGNITION, "recognition", "table recognition", NULL },
};

/* "member 2 (S1)", "follow-up 7", from its key and label (or NULL). */
static void
name_key(const struct table *t, int64_t key, const unsigned char *label, char *out, size_t n)
{
	if (label != NULL)
		snprintf(out, n, "%s %lld (%.40s)", t->noun, (long long)key, (const char *)label);
	else
		snprintf(out, n, "%s %lld", t->noun, (long long)key);
}

/* The same from columns 0 and 1 of s; "saved view 3 of member 2". */
static void
name_row(const struct table *t, sqlite3_stmt *s, char *out, size_t n)
{
	if (t->rows == SQL_VIEWS)
		snprintf(out, n, "saved view %lld of member %lld",
		         (long long)sqlite3_column_int64(s, 1),
		         (long long)sqlite3_column_int64(s, 0));
	else
		name_key(t, sqlite3_column_int64(s, 0), sqlite3_column_text(s, 1), out, n);
}

static int
fail(struct store_verify_result *res, int64_t event, struct cs_err *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
fail(struct store_verify_result *res, int64_t event, struct cs_err *err, const char *fmt, ...)
{
	char why[sizeof res->why];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	return verify_broken(res, event, 0, why, err);
}

/* Each row of t against its newest event; the first that differs. */
static int
check_rows(struct store *st, const struct table *t, struct store_verify_result *res,
           struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, t->rows, err);
	const unsigned char *now, *then;
	char name[96];
	int64_t event;
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	while ((rc = stmt_row(st, s, &row, "cannot verify", err)) == CS_OK && row) {
		now = sqlite3_column_text(s, 2);
		event = sqlite3_column_int64(s, 3);
		then = sqlite3_column_text(s, 4);
		if (now != NULL && then != NULL && strcmp((const char *)now,
		                                          (const char *)then) == 0)
			continue;
		name_row(t, s, name, sizeof name);
		if (event == 0)
			rc = fail(res, 0, err, "%s has no audit event: it was written behind cslog's"
			          " back, or its event was removed (%s)", name, t->where);
		else
			rc = fail(res, event, err, "%s was changed behind cslog's back (%s; it no"
			          " longer matches audit event %lld)", name, t->where,
			          (long long)event);
		break;
	}
	sqlite3_reset(s);
	return rc;
}

/* A row whose events remain but which is gone. */
static int
check_gone(struct store *st, const struct table *t, struct store_verify_result *res,
           struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, t->gone, err);
	char name[96];
	int64_t event;
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	rc = stmt_row(st, s, &row, "cannot verify", err);
	if (rc == CS_OK && row) {
		event = sqlite3_column_int64(s, 2);
		name_row(t, s, name, sizeof name);
		rc = fail(res, event, err, "%s of audit event %lld is missing: it was deleted"
		          " behind cslog's back (%s)", name, (long long)event, t->where);
	}
	sqlite3_reset(s);
	return rc;
}

/* ---- the tables whose rows' events are their entity's, by one merge ----
 *
 * Asked per row, the newest event is a search of the audit index for
 * each (LATEST_EVENT), and the rows gone whose events remain another
 * pass over the index with a search of the table for each key.  Here
 * the rows (in key order) and the newest event of each key of the
 * entity (one grouped pass over the audit index, in key order) are
 * stepped on together: a row without a key among the events has no
 * event; a key among the events with no row is a row gone (the first
 * in the events' order, as the query named it: a NULL key first, which
 * names row 0).  The first row that does not match is named before any
 * row gone, as when the rows were checked before the gone. */
struct newest {
	sqlite3_stmt *s;
	bool row;
	int64_t gone_key, gone_event;   /* the first gone (event 0: none) */
};

/* The events' key sorts before row id: a NULL, or a number below it
 * (text sorts after every number, so it is passed only at the end). */
static bool
before(sqlite3_stmt *s, int64_t id)
{
	int type = sqlite3_column_type(s, 0);

	return type == SQLITE_NULL || (type == SQLITE_INTEGER && sqlite3_column_int64(s, 0) < id) ||
	       (type == SQLITE_FLOAT && sqlite3_column_double(s, 0) < (double)id);
}

/* Step the events past every key before id (INT64_MAX: past all), each
 * a row gone. */
static int
pass_gone(struct store *st, struct newest *e, int64_t id, bool all, struct cs_err *err)
{
	int rc = CS_OK;

	while (rc == CS_OK && e->row && (all || before(e->s, id))) {
		if (e->gone_event == 0) {
			e->gone_key = sqlite3_column_int64(e->s, 0);
			e->gone_event = sqlite3_column_int64(e->s, 1);
		}
		rc = stmt_row(st, e->s, &e->row, "cannot verify", err);
	}
	return rc;
}

/* The row hash event recorded (NULL: none), valid until the next call. */
static int
row_of(struct store *st, sqlite3_stmt *s, int64_t event, const unsigned char **then,
       struct cs_err *err)
{
	bool row;
	int rc;

	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, event);
	rc = stmt_row(st, s, &row, "cannot verify", err);
	*then = rc == CS_OK && row ? sqlite3_column_text(s, 0) : NULL;
	return rc;
}

static int
merged(struct store *st, const struct table *t, sqlite3_stmt *r, struct newest *e,
       sqlite3_stmt *of, struct store_verify_result *res, struct cs_err *err)
{
	const unsigned char *now, *then;
	char name[96];
	int64_t id, event;
	bool row = true;
	int rc = stmt_row(st, e->s, &e->row, "cannot verify", err);

	while (rc == CS_OK && (rc = stmt_row(st, r, &row, "cannot verify", err)) == CS_OK && row) {
		id = sqlite3_column_int64(r, 0);
		rc = pass_gone(st, e, id, false, err);
		event = 0;
		if (rc == CS_OK && e->row && sqlite3_column_type(e->s, 0) == SQLITE_INTEGER &&
		    sqlite3_column_int64(e->s, 0) == id) {
			event = sqlite3_column_int64(e->s, 1);
			rc = stmt_row(st, e->s, &e->row, "cannot verify", err);
		}
		then = NULL;
		if (rc == CS_OK && event != 0)
			rc = row_of(st, of, event, &then, err);
		now = sqlite3_column_text(r, 2);
		if (rc != CS_OK || (now != NULL && then != NULL &&
		                    strcmp((const char *)now, (const char *)then) == 0))
			continue;
		name_row(t, r, name, sizeof name);
		if (event == 0)
			return fail(res, 0, err, "%s has no audit event: it was written behind"
			            " cslog's back, or its event was removed (%s)", name, t->where);
		return fail(res, event, err, "%s was changed behind cslog's back (%s; it no"
		            " longer matches audit event %lld)", name, t->where, (long long)event);
	}
	if (rc == CS_OK)
		rc = pass_gone(st, e, 0, true, err);
	if (rc == CS_OK && e->gone_event != 0) {
		name_key(t, e->gone_key, NULL, name, sizeof name);
		rc = fail(res, e->gone_event, err, "%s of audit event %lld is missing: it was"
		          " deleted behind cslog's back (%s)", name, (long long)e->gone_event,
		          t->where);
	}
	return rc;
}

static int
check_merged(struct store *st, const struct table *t, struct store_verify_result *res,
             struct cs_err *err)
{
	struct newest e = { 0 };
	sqlite3_stmt *r = stmt_hold(st, t->rows, err), *of = NULL;
	int rc = r == NULL ? err_code(err) : CS_OK;

	if (rc == CS_OK && (e.s = stmt_hold(st, t->newest, err)) == NULL)
		rc = err_code(err);
	if (rc == CS_OK && (of = stmt_hold(st, SQL_ROW_OF, err)) == NULL)
		rc = err_code(err);
	if (rc == CS_OK)
		rc = merged(st, t, r, &e, of, res, err);
	if (of != NULL)
		stmt_release(st, of);
	if (e.s != NULL)
		stmt_release(st, e.s);
	if (r != NULL)
		stmt_release(st, r);
	return rc;
}

struct lost {
	const char *sql;
	const char *before, *after;   /* the message, around the key */
};

static const struct lost lost[] = {
	{ SQL_LOST_ANSWERS, "answers name contact ", ", which does not exist"
	  " (table contact_answer)" },
	{ SQL_LOST_PRIVATE, "protected data names contact ", ", which does not exist"
	  " (table contact_private)" },
	{ SQL_LOST_DRILL_ANSWERS, "answers name drill result ", ", which does not exist"
	  " (table drill_answer)" },
	{ SQL_LOST_ITEMS, "items name evaluation ", ", which does not exist"
	  " (table shopper_item)" },
	{ SQL_LOST_SURVEY_ANSWERS, "answers name survey response ", ", which does not exist"
	  " (table survey_answer)" },
	{ SQL_LOST_COMMENTS, "a comment names survey response ", ", which does not exist"
	  " (table survey_comment)" },
	{ SQL_LOST_UNREVIEWED, "the unreviewed queue names contact ", ", which does not"
	  " exist (table unreviewed)" },
	{ SQL_LOST_DEBRIEF, "the debrief queue names contact ", ", which does not exist"
	  " (table debrief_due)" },
};

int
verify_rows(struct store *st, struct store_verify_result *res, struct cs_err *err)
{
	int64_t key;
	size_t i;
	int rc = CS_OK;

	for (i = 0; rc == CS_OK && i < sizeof tables / sizeof tables[0]; i++) {
		if (tables[i].newest != NULL) {
			rc = check_merged(st, &tables[i], res, err);
			continue;
		}
		rc = check_rows(st, &tables[i], res, err);
		if (rc == CS_OK)
			rc = check_gone(st, &tables[i], res, err);
	}
	for (i = 0; rc == CS_OK && i < sizeof lost / sizeof lost[0]; i++) {
		rc = stmt_int64(st, lost[i].sql, 0, &key, NULL, "cannot verify", err);
		if (rc == CS_OK && key != 0)
			rc = fail(res, 0, err, "%s%lld%s", lost[i].before, (long long)key,
			          lost[i].after);
	}
	return rc;
}
