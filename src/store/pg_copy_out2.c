/* pg_copy_out2.c - a server's drill and quiz results, recognitions,
 * secret-shopper evaluations and survey responses (their comments as
 * the protected data they are, salt and all: the read is the copy's
 * 'copy.out' event, no read event per comment) into the file a copy is
 * writing (pg_copy_out.c), in its transaction:
 * each row as it stands on the server (its id, its member's and its
 * time), then each with its event in the file's chain, the row hashed
 * as the file's own code hashes it (ROW_DRILL, ROW_RECOGNITION,
 * ROW_SHOPPER, ROW_SURVEY), so that verify passes on the file.  A
 * redacted contact (written by pg_copy_out.c without customer data, the
 * server holding none) is redacted in the file too: its stub at the
 * server's time and by the server's supervisor, a contact.redact event
 * with the server's reason.  A survey reference two stations share is
 * written STATION:REFERENCE (REF_OUT). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "pg_int.h"

#define SECS(x) "floor(extract(epoch FROM " x "))::bigint"
/* A response's reference as the file keeps it.  A server keeps one per
 * station (part survey-ref), a file one in all: a station's response
 * whose reference another response on the server has too is written
 * STATION:REFERENCE; every other as it is. */
#define STATION_OF(id) "(SELECT r.station FROM cslog.station_record r" \
	" WHERE r.kind = 'survey' AND r.server_id = " id ")"
#define REF_OUT "CASE WHEN s.ref IS NOT NULL AND " STATION_OF("s.id") " IS NOT NULL" \
	" AND EXISTS (SELECT 1 FROM cslog.survey o WHERE o.ref = s.ref AND o.id <> s.id)" \
	" THEN " STATION_OF("s.id") " || ':' || s.ref ELSE s.ref END"

static const char PG_DRILLS[] =
	"DECLARE copy_out2 NO SCROLL CURSOR FOR SELECT id, member_id, trainer_id, policy_id,"
	" policy_version, kind, item_id, " SECS("at") ", session_id, quiz_answer, correct,"
	" total FROM cslog.drill ORDER BY id";
static const char PG_ANSWERS[] =
	"DECLARE copy_out2 NO SCROLL CURSOR FOR SELECT drill_id, ord, question_id, given,"
	" expected FROM cslog.drill_answer ORDER BY drill_id, ord";
static const char PG_RECOGNITIONS[] =
	"DECLARE copy_out2 NO SCROLL CURSOR FOR SELECT id, member_id, by_id,"
	" " SECS("logged_at") ", kind, reason, since, until FROM cslog.recognition ORDER BY id";
static const char PG_SHOPPERS[] =
	"DECLARE copy_out2 NO SCROLL CURSOR FOR SELECT id, evaluator_id, " SECS("logged_at") ","
	" " SECS("at") ", policy_id, policy_version, channel, member_id, unit, met, scored, note"
	" FROM cslog.shopper ORDER BY id";
static const char PG_SHOPPER_ITEMS[] =
	"DECLARE copy_out2 NO SCROLL CURSOR FOR SELECT shopper_id, ord, item_id, measured::int,"
	" result, value FROM cslog.shopper_item ORDER BY shopper_id, ord";
static const char PG_SURVEYS[] =
	"DECLARE copy_out2 NO SCROLL CURSOR FOR SELECT id, entered_by, " SECS("logged_at") ","
	" " SECS("at") ", policy_id, policy_version, source, contact_id, " REF_OUT
	" FROM cslog.survey s ORDER BY id";
static const char PG_SURVEY_ANSWERS[] =
	"DECLARE copy_out2 NO SCROLL CURSOR FOR SELECT survey_id, ord, question_id, scale, score"
	" FROM cslog.survey_answer ORDER BY survey_id, ord";
static const char PG_SURVEY_COMMENTS[] =
	"DECLARE copy_out2 NO SCROLL CURSOR FOR SELECT survey_id, encode(salt, 'hex'), comment"
	" FROM cslog.survey_comment ORDER BY survey_id";
static const char PG_REDACTIONS[] =
	"DECLARE copy_out2 NO SCROLL CURSOR FOR SELECT p.contact_id, " SECS("p.redacted_at") ","
	" p.redacted_by, (SELECT x.detail::jsonb ->> 'reason' FROM cslog.audit x"
	" WHERE x.entity = 'contact' AND x.entity_id = p.contact_id"
	" AND x.action = 'contact.redact' ORDER BY x.id DESC LIMIT 1)"
	" FROM cslog.contact_private p WHERE p.redacted_at IS NOT NULL ORDER BY p.contact_id";

static const char SQL_DRILL[] =
	"INSERT INTO drill (id, member_id, trainer_id, policy_id, policy_version, kind,"
	" item_id, at, session_id, quiz_answer, correct, total)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char SQL_ANSWER[] =
	"INSERT INTO drill_answer (drill_id, ord, question_id, given, expected)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_RECOGNITION[] =
	"INSERT INTO recognition (id, member_id, by_id, logged_at, kind, reason, since, until)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_SHOPPER[] =
	"INSERT INTO shopper (id, evaluator_id, logged_at, at, policy_id, policy_version,"
	" channel, member_id, unit, met, scored, note)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char SQL_SHOPPER_ITEM[] =
	"INSERT INTO shopper_item (shopper_id, ord, item_id, measured, result, value)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_SURVEY[] =
	"INSERT INTO survey (id, entered_by, logged_at, at, policy_id, policy_version, source,"
	" contact_id, ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_SURVEY_ANSWER[] =
	"INSERT INTO survey_answer (survey_id, ord, question_id, scale, score)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_SURVEY_COMMENT[] =
	"INSERT INTO survey_comment (survey_id, salt, comment) VALUES (?1, ?2, ?3)";
/* As read.c redacts: the data emptied, or a stub when there was none. */
static const char SQL_REDACT[] =
	"UPDATE contact_private SET salt = NULL, customer_name = NULL,"
	" customer_phone = NULL, customer_address = NULL, customer_email = NULL,"
	" redacted_at = ?2, redacted_by = ?3 WHERE contact_id = ?1 AND redacted_at IS NULL";
static const char SQL_REDACT_STUB[] =
	"INSERT INTO contact_private (contact_id, redacted_at, redacted_by) VALUES (?1, ?2, ?3)";
static const char SQL_REDACT_DETAIL[] =
	"SELECT json_object('reason', ?1, 'copied', 1, 'row', (SELECT " ROW_PRIVATE
	" FROM contact_private WHERE contact_private.contact_id = ?2))";
/* The events, once every row (answers too) is written; details as
 * drill.c and recognition.c write them, with 'copied'. */
static const char SQL_DRILL_IDS[] = "SELECT id FROM drill ORDER BY id";
static const char SQL_DRILL_DETAIL[] =
	"SELECT json_object('member', member_id, 'item', item_id, 'correct', correct,"
	" 'total', total, 'copied', 1, 'row', " ROW_DRILL ") FROM drill WHERE drill.id = ?1";
static const char SQL_SHOPPER_IDS[] = "SELECT id FROM shopper ORDER BY id";
static const char SQL_SHOPPER_DETAIL[] =
	"SELECT json_object('member', member_id, 'copied', 1, 'row', " ROW_SHOPPER ")"
	" FROM shopper WHERE shopper.id = ?1";
static const char SQL_SURVEY_IDS[] = "SELECT id FROM survey ORDER BY id";
static const char SQL_SURVEY_DETAIL[] =
	"SELECT json_object('contact', contact_id, 'comment', EXISTS (SELECT 1 FROM"
	" survey_comment k WHERE k.survey_id = survey.id), 'copied', 1, 'row', " ROW_SURVEY ")"
	" FROM survey WHERE survey.id = ?1";
static const char SQL_RECOGNITION_IDS[] = "SELECT id FROM recognition ORDER BY id";
static const char SQL_RECOGNITION_DETAIL[] =
	"SELECT json_object('member', member_id, 'kind', kind, 'copied', 1,"
	" 'row', " ROW_RECOGNITION ") FROM recognition WHERE recognition.id = ?1";

struct out2 {
	struct pgstore *pg;
	struct store *st;
	int64_t (*map)(void *ctx, int64_t server_member);
	void *ctx;
	int64_t n;
};

/* Column col of row i bound at ?k: a member mapped to the file's (NULL
 * when none), a number, or a text. */
enum how { AS_TEXT, AS_INT, AS_MEMBER, AS_HEX };

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A salt sent as hex, bound as the blob it is (NULL when not hex). */
static void
bind_hex(sqlite3_stmt *s, int k, const char *v)
{
	size_t n = strlen(v) / 2, i;
	unsigned char *b = n > 0 && strlen(v) % 2 == 0 ? malloc(n) : NULL;

	for (i = 0; b != NULL && i < n; i++) {
		int hi = hexval(v[2 * i]), lo = hexval(v[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			free(b);
			b = NULL;
		} else {
			b[i] = (unsigned char)(hi << 4 | lo);
		}
	}
	if (b == NULL)
		sqlite3_bind_null(s, k);
	else
		sqlite3_bind_blob(s, k, b, (int)n, free);
}

static void
bind_col(struct out2 *o, sqlite3_stmt *s, int k, const PGresult *r, int i, int col,
         enum how how)
{
	const char *v = pgstore_val(r, i, col);

	if (v == NULL)
		sqlite3_bind_null(s, k);
	else if (how == AS_MEMBER)
		bind_id(s, k, o->map(o->ctx, pgstore_int(r, i, col)));
	else if (how == AS_HEX)
		bind_hex(s, k, v);
	else if (how == AS_INT)
		sqlite3_bind_int64(s, k, pgstore_int(r, i, col));
	else
		bind_text(s, k, v);
}

/* Every row of the server's cursor declare inserted by sql, its columns
 * bound as hows says (ncols of them). */
static int
rows(struct out2 *o, const char *declare, const char *sql, const enum how *hows, int ncols,
     struct cs_err *err)
{
	PGresult *r = pgstore_exec(o->pg, declare, 0, NULL, err);
	int rc = r != NULL ? CS_OK : pgstore_code(err), n = 2000, i, c;

	PQclear(r);
	while (rc == CS_OK && n == 2000) {
		if ((r = pgstore_exec(o->pg, "FETCH 2000 FROM copy_out2", 0, NULL, err)) == NULL)
			return pgstore_code(err);
		n = PQntuples(r);
		for (i = 0; i < n && rc == CS_OK; i++) {
			sqlite3_stmt *s = stmt_get(o->st, sql, err);

			if (s == NULL) {
				rc = err_code(err);
				break;
			}
			for (c = 0; c < ncols; c++)
				bind_col(o, s, c + 1, r, i, c, hows[c]);
			rc = stmt_done(o->st, s, "nothing was copied", err);
		}
		PQclear(r);
	}
	if (rc == CS_OK && (r = pgstore_exec(o->pg, "CLOSE copy_out2", 0, NULL, err)) == NULL)
		rc = pgstore_code(err);
	else
		PQclear(r);
	return rc;
}

/* Each row of ids_sql its event, detail from detail_sql. */
static int
events(struct out2 *o, const char *ids_sql, const char *detail_sql, const char *action,
       const char *entity, int64_t now, struct cs_err *err)
{
	sqlite3_stmt *ids = stmt_get(o->st, ids_sql, err);
	bool row = true;
	int rc = ids != NULL ? CS_OK : err_code(err);
	int64_t id;

	o->n = 0;
	while (rc == CS_OK && (rc = stmt_row(o->st, ids, &row, "nothing was copied", err)) ==
	       CS_OK && row) {
		sqlite3_stmt *d = stmt_get(o->st, detail_sql, err);

		id = sqlite3_column_int64(ids, 0);
		if (d == NULL) {
			rc = err_code(err);
			break;
		}
		sqlite3_bind_int64(d, 1, id);
		rc = audit_append(o->st, 0, action, entity, id, now, d, err);
		o->n++;
	}
	if (ids != NULL)
		sqlite3_reset(ids);
	return rc;
}

/* One redaction of the server's (row i of r) done in the file. */
static int
redact(struct out2 *o, const PGresult *r, int i, int64_t now, struct cs_err *err)
{
	int64_t id = pgstore_int(r, i, 0);
	const char *reason = pgstore_val(r, i, 3);
	sqlite3_stmt *s = stmt_get(o->st, SQL_REDACT, err);
	int rc, k;

	for (k = 0; k < 2; k++) {
		if (s == NULL)
			return err_code(err);
		sqlite3_bind_int64(s, 1, id);
		bind_col(o, s, 2, r, i, 1, AS_INT);
		bind_col(o, s, 3, r, i, 2, AS_MEMBER);
		if ((rc = stmt_done(o->st, s, "nothing was copied", err)) != CS_OK)
			return rc;
		if (sqlite3_changes(o->st->db) > 0)
			break;
		s = stmt_get(o->st, SQL_REDACT_STUB, err);
	}
	if ((s = stmt_get(o->st, SQL_REDACT_DETAIL, err)) == NULL)
		return err_code(err);
	bind_text(s, 1, reason != NULL ? reason : "redacted on the server");
	sqlite3_bind_int64(s, 2, id);
	return audit_append(o->st, 0, "contact.redact", "contact", id, now, s, err);
}

static int
redactions(struct out2 *o, int64_t now, struct pg_copy_result *res, struct cs_err *err)
{
	PGresult *r = pgstore_exec(o->pg, PG_REDACTIONS, 0, NULL, err);
	int rc = r != NULL ? CS_OK : pgstore_code(err), n = 2000, i;

	PQclear(r);
	while (rc == CS_OK && n == 2000) {
		if ((r = pgstore_exec(o->pg, "FETCH 2000 FROM copy_out2", 0, NULL, err)) == NULL)
			return pgstore_code(err);
		n = PQntuples(r);
		for (i = 0; i < n && rc == CS_OK; i++, res->redactions++)
			rc = redact(o, r, i, now, err);
		PQclear(r);
	}
	if (rc == CS_OK && (r = pgstore_exec(o->pg, "CLOSE copy_out2", 0, NULL, err)) == NULL)
		rc = pgstore_code(err);
	else
		PQclear(r);
	return rc;
}

/* How many responses REF_OUT wrote as STATION:REFERENCE. */
static int
shared_refs(struct pgstore *pg, struct pg_copy_result *res, struct cs_err *err)
{
	PGresult *r = pgstore_exec(pg, "SELECT count(*) FROM cslog.survey s WHERE s.ref IS"
	                           " DISTINCT FROM (" REF_OUT ")", 0, NULL, err);

	if (r == NULL)
		return pgstore_code(err);
	res->surveys_shared = pgstore_int(r, 0, 0);
	PQclear(r);
	return CS_OK;
}

int
pg_copy_out_measures(struct pgstore *pg, struct store *st,
                     int64_t (*map)(void *ctx, int64_t server_member), void *ctx,
                     int64_t now, struct pg_copy_result *res, struct cs_err *err)
{
	static const enum how drill[] = { AS_INT, AS_MEMBER, AS_MEMBER, AS_TEXT, AS_TEXT,
	                                  AS_TEXT, AS_TEXT, AS_INT, AS_TEXT, AS_TEXT, AS_INT,
	                                  AS_INT };
	static const enum how answer[] = { AS_INT, AS_INT, AS_TEXT, AS_TEXT, AS_TEXT };
	static const enum how recog[] = { AS_INT, AS_MEMBER, AS_MEMBER, AS_INT, AS_TEXT,
	                                  AS_TEXT, AS_INT, AS_INT };
	static const enum how shopper[] = { AS_INT, AS_MEMBER, AS_INT, AS_INT, AS_TEXT,
	                                    AS_TEXT, AS_TEXT, AS_MEMBER, AS_TEXT, AS_INT,
	                                    AS_INT, AS_TEXT };
	static const enum how item[] = { AS_INT, AS_INT, AS_TEXT, AS_INT, AS_TEXT, AS_INT };
	static const enum how survey[] = { AS_INT, AS_MEMBER, AS_INT, AS_INT, AS_TEXT,
	                                   AS_TEXT, AS_TEXT, AS_INT, AS_TEXT };
	static const enum how sanswer[] = { AS_INT, AS_INT, AS_TEXT, AS_TEXT, AS_INT };
	static const enum how comment[] = { AS_INT, AS_HEX, AS_TEXT };
	struct out2 o = { pg, st, map, ctx, 0 };
	int rc;

	rc = rows(&o, PG_DRILLS, SQL_DRILL, drill, 12, err);
	if (rc == CS_OK)
		rc = rows(&o, PG_ANSWERS, SQL_ANSWER, answer, 5, err);
	if (rc == CS_OK)
		rc = events(&o, SQL_DRILL_IDS, SQL_DRILL_DETAIL, "drill.add", "drill", now, err);
	res->drills = o.n;
	if (rc == CS_OK)
		rc = rows(&o, PG_RECOGNITIONS, SQL_RECOGNITION, recog, 8, err);
	if (rc == CS_OK)
		rc = events(&o, SQL_RECOGNITION_IDS, SQL_RECOGNITION_DETAIL, "recognition.add",
		            "recognition", now, err);
	res->recognitions = o.n;
	if (rc == CS_OK)
		rc = rows(&o, PG_SHOPPERS, SQL_SHOPPER, shopper, 12, err);
	if (rc == CS_OK)
		rc = rows(&o, PG_SHOPPER_ITEMS, SQL_SHOPPER_ITEM, item, 6, err);
	if (rc == CS_OK)
		rc = events(&o, SQL_SHOPPER_IDS, SQL_SHOPPER_DETAIL, "shopper.add", "shopper", now,
		            err);
	res->evaluations = o.n;
	if (rc == CS_OK)
		rc = rows(&o, PG_SURVEYS, SQL_SURVEY, survey, 9, err);
	if (rc == CS_OK)
		rc = rows(&o, PG_SURVEY_ANSWERS, SQL_SURVEY_ANSWER, sanswer, 5, err);
	if (rc == CS_OK)
		rc = rows(&o, PG_SURVEY_COMMENTS, SQL_SURVEY_COMMENT, comment, 3, err);
	if (rc == CS_OK)
		rc = events(&o, SQL_SURVEY_IDS, SQL_SURVEY_DETAIL, "survey.add", "survey", now, err);
	res->surveys = o.n;
	if (rc == CS_OK)
		rc = shared_refs(pg, res, err);
	if (rc == CS_OK)
		rc = redactions(&o, now, res, err);
	return rc;
}
