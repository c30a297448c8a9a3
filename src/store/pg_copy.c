/* pg_copy.c - a station's SQLite file into a PostgreSQL server
 * (cslog copy --from FILE --to URL): the file's rows read as they are
 * stored, in one read transaction, sent with COPY into temporary tables
 * of one server transaction, and written by cslog.copy_commit
 * (pg_schema_copy.c) as the database's owner, each record with its
 * event, the file's chain kept whole as the station's segment.  Nothing
 * is written on the file.  A copy cut anywhere leaves nothing: the
 * server's transaction commits last. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "pg_int.h"

/* ---- the file's side ----------------------------------------------------- */

static const char SQL_READ[] = "BEGIN";
static const char SQL_END_READ[] = "COMMIT";

/* What a server may not keep: counted, so that the copy refuses rather
 * than leave it behind (drills, recognitions and evaluators a server
 * keeps when init-server made the part copy2; members' last policies
 * when it made the part copy-last-policy). */
static const char SQL_UNCARRIED[] =
	"SELECT (SELECT count(*) FROM drill), (SELECT count(*) FROM shopper),"
	" (SELECT count(*) FROM survey), (SELECT count(*) FROM recognition),"
	" (SELECT count(*) FROM member WHERE role NOT IN ('member', 'supervisor', 'trainer')),"
	" (SELECT count(*) FROM contact_private WHERE redacted_at IS NOT NULL),"
	" (SELECT count(*) FROM member WHERE last_policy <> '')";

static const char SQL_MEMBERS[] =
	"SELECT id, badge, name, role, created_at,"
	" CASE WHEN pin_hash IS NULL THEN 'f' ELSE 't' END, nullif(last_policy, '')"
	" FROM member ORDER BY id";
/* Column 21 (negative) is the policy's to say (the caller asks it), or
 * known from the file's queue of debriefs due. */
#define TRI(x) "CASE " x " WHEN 1 THEN 't' WHEN 0 THEN 'f' END"
static const char SQL_CONTACTS[] =
	"SELECT c.id, c.member_id, c.logged_by, c.at, c.logged_at, c.policy_id,"
	" c.policy_version, c.kind, c.channel, nullif(c.outcome, ''), c.summary,"
	" " TRI("c.needs_met") ", nullif(c.added_value, ''), " TRI("c.empowered") ","
	" (SELECT group_concat(q, ';') FROM (SELECT a.question_id || '=' || a.answer AS q"
	"   FROM contact_answer a WHERE a.contact_id = c.id ORDER BY a.ord)),"
	" nullif(replace(c.standards, ' ', ';'), ''), nullif(c.referral_to, ''),"
	" " TRI("c.referee_contacted") ", nullif(c.decision, ''), nullif(c.appeal_info, ''),"
	" nullif(c.call_ref, ''),"
	" (SELECT 't' FROM debrief_due d WHERE d.contact_id = c.id), c.amends, c.amend_reason,"
	" nullif(p.customer_name, ''), nullif(p.customer_phone, ''),"
	" nullif(p.customer_address, ''), nullif(p.customer_email, '')"
	" FROM contact c LEFT JOIN contact_private p ON p.contact_id = c.id ORDER BY c.id";
#define C_POLICY 5
#define C_VERSION 6
#define C_OUTCOME 9
#define C_NEGATIVE 21
/* A file's target and limit as they now stand (moved by pauses). */
static const char SQL_FOLLOWUPS[] =
	"SELECT id, contact_id, created_at, due_eff, limit_eff, note,"
	" CASE state WHEN 0 THEN 'open' WHEN 1 THEN 'paused' ELSE 'done' END, done_at,"
	" done_by, done_note, paused_at, pause_reason, paused_seconds FROM followup ORDER BY id";
static const char SQL_REVIEWS[] =
	"SELECT id, contact_id, member_id, at, kind, note FROM review ORDER BY id";
static const char SQL_DRILLS[] =
	"SELECT id, member_id, trainer_id, policy_id, policy_version, kind, item_id, at,"
	" session_id, quiz_answer, correct, total FROM drill ORDER BY id";
static const char SQL_DRILL_ANSWERS[] =
	"SELECT drill_id, ord, question_id, given, expected FROM drill_answer"
	" ORDER BY drill_id, ord";
static const char SQL_RECOGNITIONS[] =
	"SELECT id, member_id, by_id, logged_at, kind, reason, since, until FROM recognition"
	" ORDER BY id";
static const char SQL_SHOPPERS[] =
	"SELECT id, evaluator_id, logged_at, at, policy_id, policy_version, channel, member_id,"
	" unit, met, scored, note FROM shopper ORDER BY id";
static const char SQL_SHOPPER_ITEMS[] =
	"SELECT shopper_id, ord, item_id, CASE measured WHEN 1 THEN 't' ELSE 'f' END, result,"
	" value FROM shopper_item ORDER BY shopper_id, ord";
static const char SQL_SURVEYS[] =
	"SELECT id, entered_by, logged_at, at, policy_id, policy_version, source, contact_id,"
	" ref FROM survey ORDER BY id";
static const char SQL_SURVEY_ANSWERS[] =
	"SELECT survey_id, ord, question_id, scale, score FROM survey_answer"
	" ORDER BY survey_id, ord";
/* A redaction: when, by whom, and the reason its event gave. */
static const char SQL_REDACTIONS[] =
	"SELECT p.contact_id, p.redacted_at, p.redacted_by, (SELECT json_extract(a.detail,"
	" '$.reason') FROM audit a WHERE a.entity = 'contact' AND a.entity_id = p.contact_id"
	" AND a.action = 'contact.redact' ORDER BY a.id DESC LIMIT 1) FROM contact_private p"
	" WHERE p.redacted_at IS NOT NULL ORDER BY p.contact_id";
/* The comments as the protected data they are: salt and all. */
static const char SQL_SURVEY_COMMENTS[] =
	"SELECT survey_id, lower(hex(salt)), comment FROM survey_comment ORDER BY survey_id";
static const char SQL_EVENTS[] =
	"SELECT id, at, actor_id, action, entity, entity_id, detail, lower(hex(prev_hash)),"
	" lower(hex(hash)) FROM audit ORDER BY id";

/* ---- the server's side --------------------------------------------------- */

static const char *const STAGE =
	"CREATE TEMP TABLE copy_member (id bigint, badge text, name text, role text,"
	"  created_at bigint, has_pin boolean, last_policy text) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_contact (id bigint, member_id bigint, logged_by bigint,"
	"  at bigint, logged_at bigint, policy_id text, policy_version text, kind text,"
	"  channel text, outcome text, summary text, needs_met boolean, added_value text,"
	"  empowered boolean, answers text, standards text, referral_to text,"
	"  referee_contacted boolean, decision text, appeal_info text, call_ref text,"
	"  negative boolean, amends bigint, amend_reason text, customer_name text,"
	"  customer_phone text, customer_address text, customer_email text) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_followup (id bigint, contact_id bigint, created_at bigint,"
	"  due_at bigint, limit_at bigint, note text, state text, done_at bigint,"
	"  done_by bigint, done_note text, paused_at bigint, pause_reason text,"
	"  paused_seconds bigint) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_review (id bigint, contact_id bigint, member_id bigint,"
	"  at bigint, kind text, note text) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_drill (id bigint, member_id bigint, trainer_id bigint,"
	"  policy_id text, policy_version text, kind text, item_id text, at bigint,"
	"  session_id text, quiz_answer text, correct int, total int) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_drill_answer (drill_id bigint, ord int, question_id text,"
	"  given text, expected text) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_recognition (id bigint, member_id bigint, by_id bigint,"
	"  logged_at bigint, kind text, reason text, since bigint, until bigint) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_shopper (id bigint, evaluator_id bigint, logged_at bigint,"
	"  at bigint, policy_id text, policy_version text, channel text, member_id bigint,"
	"  unit text, met int, scored int, note text) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_shopper_item (shopper_id bigint, ord int, item_id text,"
	"  measured boolean, result text, value bigint) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_survey (id bigint, entered_by bigint, logged_at bigint,"
	"  at bigint, policy_id text, policy_version text, source text, contact_id bigint,"
	"  ref text) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_survey_answer (survey_id bigint, ord int, question_id text,"
	"  scale text, score int) ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_survey_comment (survey_id bigint, salt text, comment text)"
	"  ON COMMIT DROP;"
	"CREATE TEMP TABLE copy_redaction (contact_id bigint, redacted_at bigint,"
	"  redacted_by bigint, reason text) ON COMMIT DROP;"
	/* Each drill, evaluation and response finds its own rows: without
	 * these, a scan of the whole table for each (quadratic). */
	"CREATE INDEX ON pg_temp.copy_drill_answer (drill_id);"
	"CREATE INDEX ON pg_temp.copy_shopper_item (shopper_id);"
	"CREATE INDEX ON pg_temp.copy_survey_answer (survey_id);"
	"CREATE INDEX ON pg_temp.copy_survey_comment (survey_id);"
	"CREATE TEMP TABLE copy_event (id bigint, at bigint, actor_id bigint, action text,"
	"  entity text, entity_id bigint, detail text, prev_hash text, hash text)"
	"  ON COMMIT DROP;";

static const char COPY_MEMBER[] = "COPY pg_temp.copy_member FROM STDIN";
static const char COPY_CONTACT[] = "COPY pg_temp.copy_contact FROM STDIN";
static const char COPY_FOLLOWUP[] = "COPY pg_temp.copy_followup FROM STDIN";
static const char COPY_REVIEW[] = "COPY pg_temp.copy_review FROM STDIN";
static const char COPY_EVENT[] = "COPY pg_temp.copy_event FROM STDIN";
static const char COPY_DRILL[] = "COPY pg_temp.copy_drill FROM STDIN";
static const char COPY_DRILL_ANSWER[] = "COPY pg_temp.copy_drill_answer FROM STDIN";
static const char COPY_RECOGNITION[] = "COPY pg_temp.copy_recognition FROM STDIN";
static const char COPY_SHOPPER[] = "COPY pg_temp.copy_shopper FROM STDIN";
static const char COPY_SHOPPER_ITEM[] = "COPY pg_temp.copy_shopper_item FROM STDIN";
static const char COPY_SURVEY[] = "COPY pg_temp.copy_survey FROM STDIN";
static const char COPY_SURVEY_ANSWER[] = "COPY pg_temp.copy_survey_answer FROM STDIN";
static const char COPY_SURVEY_COMMENT[] = "COPY pg_temp.copy_survey_comment FROM STDIN";
static const char COPY_REDACTION[] = "COPY pg_temp.copy_redaction FROM STDIN";

/* The measures: the file's rows and where they go, when the server has
 * the part copy2. */
static const struct {
	const char *sql, *copy;
} MEASURES[] = {
	{ SQL_DRILLS, COPY_DRILL }, { SQL_DRILL_ANSWERS, COPY_DRILL_ANSWER },
	{ SQL_RECOGNITIONS, COPY_RECOGNITION }, { SQL_SHOPPERS, COPY_SHOPPER },
	{ SQL_SHOPPER_ITEMS, COPY_SHOPPER_ITEM }, { SQL_SURVEYS, COPY_SURVEY },
	{ SQL_SURVEY_ANSWERS, COPY_SURVEY_ANSWER },
	{ SQL_SURVEY_COMMENTS, COPY_SURVEY_COMMENT }, { SQL_REDACTIONS, COPY_REDACTION },
};

/* The staging tables: several statements, so PQexec (no parameter). */
static int
stage(struct pgstore *pg, struct cs_err *err)
{
	PGresult *r = PQexec(pg->conn, STAGE);
	int rc = CS_OK;

	if (r == NULL || PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = pgstore_fail(pg, r, err);
	PQclear(r);
	return rc;
}

/* A growing line of COPY's text format. */
struct line {
	char *b;
	size_t n, cap;
};

/* Room for n more bytes and a NUL. */
static bool
grow(struct line *l, size_t n)
{
	size_t cap;
	char *b;

	if (l->n + n + 1 <= l->cap)
		return true;
	cap = (l->cap ? l->cap * 2 : 1024) + n;
	if ((b = realloc(l->b, cap)) == NULL)
		return false;
	l->b = b;
	l->cap = cap;
	return true;
}

static bool
put(struct line *l, const char *s, size_t n)
{
	if (!grow(l, n))
		return false;
	memcpy(l->b + l->n, s, n);
	l->n += n;
	return true;
}

static bool
put_field(struct line *l, const char *v)
{
	size_t n = pgstore_copy_field(NULL, v);

	if (!grow(l, n))
		return false;
	l->n += pgstore_copy_field(l->b + l->n, v);
	return true;
}

struct pipe {
	struct store *st;
	struct pgstore *pg;
	struct line l;
	pg_copy_negative_fn negative;
	void *ctx;
};

/* Every row of the file's sql sent through the server's COPY copy_sql. */
static int
pipe_rows(struct pipe *p, const char *sql, const char *copy_sql, int64_t *count,
          struct cs_err *err)
{
	sqlite3_stmt *s;
	PGresult *r = PQexec(p->pg->conn, copy_sql);
	bool row = true;
	int rc = CS_OK, i, n;

	*count = 0;
	if (r == NULL || PQresultStatus(r) != PGRES_COPY_IN) {
		rc = pgstore_fail(p->pg, r, err);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	if ((s = stmt_get(p->st, sql, err)) == NULL) {
		PQputCopyEnd(p->pg->conn, "the file could not be read");
		while ((r = PQgetResult(p->pg->conn)) != NULL)
			PQclear(r);
		return err_code(err);
	}
	n = sqlite3_column_count(s);
	while (rc == CS_OK && (rc = stmt_row(p->st, s, &row, "the file could not be read",
	                                     err)) == CS_OK && row) {
		bool ok = true;

		p->l.n = 0;
		for (i = 0; i < n && ok; i++) {
			const char *v = (const char *)sqlite3_column_text(s, i);

			if (copy_sql == COPY_CONTACT && i == C_NEGATIVE && v == NULL)
				v = p->negative(p->ctx, (const char *)sqlite3_column_text(s, C_POLICY),
				                (const char *)sqlite3_column_text(s, C_VERSION),
				                (const char *)sqlite3_column_text(s, C_OUTCOME)) ?
				    "t" : "f";
			ok = put_field(&p->l, v) && put(&p->l, i + 1 < n ? "\t" : "\n", 1);
		}
		if (!ok)
			rc = cs_err_set(err, CS_OSERR, "out of memory");
		else if (PQputCopyData(p->pg->conn, p->l.b, (int)p->l.n) != 1)
			rc = pgstore_fail(p->pg, NULL, err);
		else
			(*count)++;
	}
	sqlite3_reset(s);
	if (PQputCopyEnd(p->pg->conn, rc == CS_OK ? NULL : "the copy was given up") != 1 &&
	    rc == CS_OK)
		rc = pgstore_fail(p->pg, NULL, err);
	while ((r = PQgetResult(p->pg->conn)) != NULL) {
		if (rc == CS_OK && PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = pgstore_fail(p->pg, r, err);
		PQclear(r);
	}
	return rc;
}

/* Refuse what the server cannot keep, naming it: the counts of
 * SQL_UNCARRIED whose bit is set in which. */
#define UNCARRIED_COPY2 0x3f    /* the first six counts of SQL_UNCARRIED */
#define UNCARRIED_POLICY 0x40   /* the members' last policies */
static int
uncarried(struct store *st, unsigned which, const char *why, struct cs_err *err)
{
	static const char *const what[] = {
		"drill results", "secret-shopper evaluations", "survey responses",
		"recognitions", "evaluators", "redacted contacts", "members' last policies",
	};
	sqlite3_stmt *s = stmt_get(st, SQL_UNCARRIED, err);
	char list[512] = "";
	size_t off = 0;
	bool row;
	int rc, i;

	if (s == NULL)
		return err_code(err);
	rc = stmt_row(st, s, &row, "the file could not be read", err);
	for (i = 0; rc == CS_OK && row && i < 7 && off < sizeof list; i++) {
		long long n = sqlite3_column_int64(s, i);

		if (n > 0 && (which & (1u << i)) != 0)
			off += (size_t)snprintf(list + off, sizeof list - off, "%s%lld %s",
			                        off ? ", " : "", n, what[i]);
	}
	sqlite3_reset(s);
	if (rc == CS_OK && off > 0)
		rc = cs_err_set(err, CS_UNAVAILABLE, "the file holds %s, which %s: nothing was"
		                " copied (docs/postgresql.md, \"Moving a log\")", list, why);
	return rc;
}

static int
commit(struct pgstore *pg, const char *station, struct pg_copy_result *res,
       struct cs_err *err)
{
	const char *v[1] = { station };
	PGresult *r = pgstore_exec(pg, "SELECT members, members_new, contacts, followups,"
	                           " reviews, events, seg_head, seg_hash, merge_event,"
	                           " merge_hash, contact_offset FROM cslog.copy_commit($1)",
	                           1, v, err);

	if (r == NULL)
		return pgstore_code(err);
	res->members = pgstore_int(r, 0, 0);
	res->members_new = pgstore_int(r, 0, 1);
	res->contacts = pgstore_int(r, 0, 2);
	res->followups = pgstore_int(r, 0, 3);
	res->reviews = pgstore_int(r, 0, 4);
	res->events = pgstore_int(r, 0, 5);
	res->segment_head.event = pgstore_int(r, 0, 6);
	snprintf(res->segment_head.hash, sizeof res->segment_head.hash, "%s",
	         PQgetvalue(r, 0, 7));
	res->server_head.event = pgstore_int(r, 0, 8);
	snprintf(res->server_head.hash, sizeof res->server_head.hash, "%s",
	         PQgetvalue(r, 0, 9));
	res->contact_offset = pgstore_int(r, 0, 10);
	PQclear(r);
	return CS_OK;
}

/* Drills and recognitions, after commit(), by cslog.copy_commit2. */
static int
commit2(struct pgstore *pg, const char *station, struct pg_copy_result *res,
        struct cs_err *err)
{
	const char *v[1] = { station };
	/* The file's responses whose reference the server holds already
	 * (another station's, or its own): kept apart, with their station
	 * (part survey-ref); said, so that the owner knows. */
	PGresult *r = pgstore_exec(pg, "SELECT count(*) FROM pg_temp.copy_survey x"
	                           " WHERE x.ref IS NOT NULL AND EXISTS (SELECT 1 FROM"
	                           " cslog.survey s WHERE s.ref = x.ref)", 0, NULL, err);

	if (r == NULL)
		return pgstore_code(err);
	res->surveys_shared = pgstore_int(r, 0, 0);
	PQclear(r);
	r = pgstore_exec(pg, "SELECT drills, recognitions, evaluations, surveys,"
	                 " redactions FROM cslog.copy_commit2($1)", 1, v, err);
	if (r == NULL)
		return pgstore_code(err);
	res->drills = pgstore_int(r, 0, 0);
	res->recognitions = pgstore_int(r, 0, 1);
	res->evaluations = pgstore_int(r, 0, 2);
	res->surveys = pgstore_int(r, 0, 3);
	res->redactions = pgstore_int(r, 0, 4);
	PQclear(r);
	return CS_OK;
}

/* Each member's last policy, after commit(), by cslog.copy_commit_policy
 * (the newer of the station's and the server's). */
static int
commit_policy(struct pgstore *pg, const char *station, struct pg_copy_result *res,
              struct cs_err *err)
{
	const char *v[1] = { station };
	PGresult *r = pgstore_exec(pg, "SELECT cslog.copy_commit_policy($1)", 1, v, err);

	if (r == NULL)
		return pgstore_code(err);
	res->last_policies = pgstore_int(r, 0, 0);
	PQclear(r);
	return CS_OK;
}

/* Is there the part copy (else refused), the part copy2 (*copy2) and
 * the part copy-last-policy (*policy)? */
static int
has_part(struct pgstore *pg, bool *copy2, bool *policy, struct cs_err *err)
{
	PGresult *r = pgstore_exec(pg, "SELECT EXISTS (SELECT 1 FROM cslog.schema_part"
	                           " WHERE name = 'copy'), EXISTS (SELECT 1 FROM"
	                           " cslog.schema_part WHERE name = 'copy2'), EXISTS (SELECT 1"
	                           " FROM cslog.schema_part WHERE name = 'copy-last-policy')",
	                           0, NULL, err);
	bool yes;

	if (r == NULL)
		return pgstore_code(err);
	yes = pgstore_tri(r, 0, 0) == TRI_YES;
	*copy2 = pgstore_tri(r, 0, 1) == TRI_YES;
	*policy = pgstore_tri(r, 0, 2) == TRI_YES;
	PQclear(r);
	if (!yes)
		return cs_err_set(err, CS_UNAVAILABLE, "%s was made by an init-server older than"
		                  " 'cslog copy' (it has no cslog.station): nothing was copied",
		                  pg->where);
	return CS_OK;
}

int
pgstore_copy_from_file(struct pgstore *pg, struct store *st, const char *station,
                       int64_t verified_head, pg_copy_negative_fn negative, void *ctx,
                       struct pg_copy_result *res, struct cs_err *err)
{
	struct pipe p = { st, pg, { NULL, 0, 0 }, negative, ctx };
	int64_t head = 0, n;
	bool copy2 = false, policy = false;
	size_t i;
	int rc;

	memset(res, 0, sizeof *res);
	if ((rc = sql_exec(st, SQL_READ, "the file could not be read", err)) != CS_OK)
		return rc;
	rc = stmt_int64(st, "SELECT coalesce(max(id), 0) FROM audit", 0, &head, NULL,
	                "the file could not be read", err);
	if (rc == CS_OK && head != verified_head)
		rc = cs_err_set(err, CS_TEMPFAIL, "the file was written to after it was verified"
		                " (its chain ends at event %lld, not %lld): nothing was copied;"
		                " stop the station's terminals and try again", (long long)head,
		                (long long)verified_head);
	if (rc == CS_OK && (rc = pgstore_run(pg, "BEGIN", err)) == CS_OK) {
		if ((rc = pgstore_run(pg, "SET LOCAL ROLE cslog_owner", err)) != CS_OK)
			rc = rc == CS_NOPERM || rc == CS_SOFTWARE ?
			     cs_err_set(err, CS_NOPERM, "copying into %s is the database owner's"
			                " (a member of cslog_owner, as for init-server): %.300s",
			                pg->where, err->msg) : rc;
		if (rc == CS_OK)
			rc = has_part(pg, &copy2, &policy, err);
		if (rc == CS_OK && !copy2)
			rc = uncarried(st, UNCARRIED_COPY2, "this server's init-server is too old to"
			               " take (its schema has no part copy2)", err);
		if (rc == CS_OK && !policy)
			rc = uncarried(st, UNCARRIED_POLICY, "this server's init-server is too old to"
			               " take (its schema has no part copy-last-policy; 'cslog admin"
			               " upgrade-server' adds it)", err);
		if (rc == CS_OK)
			rc = stage(pg, err);
		if (rc == CS_OK)
			rc = pipe_rows(&p, SQL_MEMBERS, COPY_MEMBER, &n, err);
		/* An evaluator must have a PIN on a server: one nobody knows,
		 * to be set by a supervisor, as for every member who had one. */
		if (rc == CS_OK)
			rc = pgstore_run(pg, "UPDATE pg_temp.copy_member SET has_pin = true"
			         " WHERE role = 'evaluator'", err);
		if (rc == CS_OK)
			rc = pipe_rows(&p, SQL_CONTACTS, COPY_CONTACT, &n, err);
		if (rc == CS_OK)
			rc = pipe_rows(&p, SQL_FOLLOWUPS, COPY_FOLLOWUP, &n, err);
		if (rc == CS_OK)
			rc = pipe_rows(&p, SQL_REVIEWS, COPY_REVIEW, &n, err);
		for (i = 0; copy2 && rc == CS_OK && i < sizeof MEASURES / sizeof MEASURES[0]; i++)
			rc = pipe_rows(&p, MEASURES[i].sql, MEASURES[i].copy, &n, err);
		if (rc == CS_OK)
			rc = pipe_rows(&p, SQL_EVENTS, COPY_EVENT, &n, err);
		if (rc == CS_OK)
			rc = commit(pg, station, res, err);
		if (rc == CS_OK && copy2)
			rc = commit2(pg, station, res, err);
		if (rc == CS_OK && policy)
			rc = commit_policy(pg, station, res, err);
		if (rc == CS_OK)
			rc = pgstore_run(pg, "COMMIT", err);
		else
			PQclear(PQexec(pg->conn, "ROLLBACK"));
	}
	sql_exec(st, SQL_END_READ, "", NULL);
	free(p.l.b);
	if (rc != CS_OK)
		memset(res, 0, sizeof *res);
	return rc;
}
