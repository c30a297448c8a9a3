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

static const char SQL_MEMBERS[] = CHECK("member", ROW_MEMBER,
	LATEST_EVENT("member", "member.id"), "member.id, member.badge");
static const char SQL_REVIEWS[] = CHECK("review", ROW_REVIEW,
	LATEST_EVENT("review", "review.id"), "review.id, NULL");
static const char SQL_FOLLOWUPS[] = CHECK("followup", ROW_FOLLOWUP,
	LATEST_EVENT("followup", "followup.id"), "followup.id, NULL");
static const char SQL_DRILLS[] = CHECK("drill", ROW_DRILL,
	LATEST_EVENT("drill", "drill.id"), "drill.id, NULL");
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
#define GONE(entity, table) "SELECT a.entity_id, NULL, max(a.id) FROM audit a" \
	" WHERE a.entity = '" entity "' AND NOT EXISTS (SELECT 1 FROM " table " t" \
	" WHERE t.id = a.entity_id) GROUP BY a.entity_id ORDER BY 1 LIMIT 1"
static const char SQL_GONE_MEMBERS[] = GONE("member", "member");
static const char SQL_GONE_REVIEWS[] = GONE("review", "review");
static const char SQL_GONE_FOLLOWUPS[] = GONE("followup", "followup");
static const char SQL_GONE_DRILLS[] = GONE("drill", "drill");
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
};

static const struct table tables[] = {
	{ SQL_MEMBERS, SQL_GONE_MEMBERS, "member", "table member" },
	{ SQL_REVIEWS, SQL_GONE_REVIEWS, "review", "table review" },
	{ SQL_FOLLOWUPS, SQL_GONE_FOLLOWUPS, "follow-up", "table followup" },
	{ SQL_DRILLS, SQL_GONE_DRILLS, "drill result",
	  "table drill, with its answers in drill_answer" },
	{ SQL_VIEWS, SQL_GONE_VIEWS, "saved view", "table saved_view" },
	{ SQL_REDACTED, SQL_GONE_REDACTED, "the redaction of contact", "table contact_private" },
	{ SQL_SHOPPER, SQL_GONE_SHOPPER, "evaluation",
	  "table shopper, with its items in shopper_item" },
	{ SQL_SURVEY, SQL_GONE_SURVEY, "survey response",
	  "table survey, with its answers in survey_answer and its comment in survey_comment" },
	{ SQL_RECOGNITION, SQL_GONE_RECOGNITION, "recognition", "table recognition" },
};

/* "member 2 (S1)", "saved view 3 of member 2", "follow-up 7". */
static void
name_row(const struct table *t, sqlite3_stmt *s, char *out, size_t n)
{
	const unsigned char *label = sqlite3_column_text(s, 1);
	long long key = sqlite3_column_int64(s, 0);

	if (t->rows == SQL_VIEWS)
		snprintf(out, n, "saved view %lld of member %lld",
		         (long long)sqlite3_column_int64(s, 1), key);
	else if (label != NULL)
		snprintf(out, n, "%s %lld (%.40s)", t->noun, key, (const char *)label);
	else
		snprintf(out, n, "%s %lld", t->noun, key);
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
