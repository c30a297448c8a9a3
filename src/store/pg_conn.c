/* pg_conn.c - the connection to a PostgreSQL server: opening it, running
 * a statement with bound parameters, and the server's errors as cslog's
 * exit codes.  Also 'admin init-server', which runs pg_schema.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

bool
pgstore_is_conninfo(const char *db)
{
	return db != NULL && (strncmp(db, "postgresql://", 13) == 0 ||
	                      strncmp(db, "postgres://", 11) == 0 ||
	                      strncmp(db, "service=", 8) == 0);
}

/* Notices (a NOTICE from CREATE EXTENSION IF NOT EXISTS, say) are not
 * the user's business. */
static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* The connection string for messages: libpq's own parse, the password
 * left out. */
static void
describe(const char *conninfo, char *buf, size_t len)
{
	PQconninfoOption *o = PQconninfoParse(conninfo, NULL), *p;
	size_t off = 0;

	buf[0] = '\0';
	if (o == NULL) {
		snprintf(buf, len, "(a malformed connection string)");
		return;
	}
	for (p = o; p->keyword != NULL && off < len; p++) {
		if (p->val == NULL || *p->val == '\0' || strcmp(p->keyword, "password") == 0)
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%s%s=%s", off ? " " : "",
		                        p->keyword, p->val);
	}
	PQconninfoFree(o);
	if (off == 0)
		snprintf(buf, len, "(libpq's defaults)");
}

int
pgstore_open(const char *conninfo, struct pgstore **out, struct cs_err *err)
{
	static const char *const keys[] = { "dbname", "fallback_application_name",
	                                    "client_encoding", NULL };
	const char *vals[] = { conninfo, "cslog", "UTF8", NULL };
	struct pgstore *pg;
	char *perr = NULL;
	PQconninfoOption *o;

	*out = NULL;
	if ((o = PQconninfoParse(conninfo, &perr)) == NULL) {
		cs_err_set(err, CS_USAGE, "the PostgreSQL connection string is malformed: %s",
		           perr ? perr : "out of memory");
		PQfreemem(perr);
		return CS_USAGE;
	}
	PQconninfoFree(o);
	if ((pg = calloc(1, sizeof *pg)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	describe(conninfo, pg->where, sizeof pg->where);
	pg->conn = PQconnectdbParams(keys, vals, 1);
	if (pg->conn == NULL || PQstatus(pg->conn) != CONNECTION_OK) {
		char msg[512];
		const char *m = pg->conn ? PQerrorMessage(pg->conn) : "out of memory";
		size_t n;

		snprintf(msg, sizeof msg, "%s", m);
		n = strlen(msg);
		while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		cs_err_set(err, CS_TEMPFAIL, "cannot reach the PostgreSQL server (%s): %s; try again",
		           pg->where, msg);
		PQfinish(pg->conn);
		free(pg);
		return CS_TEMPFAIL;
	}
	PQsetNoticeProcessor(pg->conn, quiet, NULL);
	if (pgstore_standby_detect(pg, conninfo, err) != CS_OK) {
		int rc = pgstore_code(err);

		pgstore_close(pg);
		return rc;
	}
	*out = pg;
	return CS_OK;
}

const char *
pgstore_where(const struct pgstore *pg)
{
	return pg->where;
}

void
pgstore_close(struct pgstore *pg)
{
	PGconn *w;

	if (pg == NULL)
		return;
	/* The session is the primary's (on a standby, its second connection). */
	w = pg->standby ? pg->primary : pg->conn;
	if (pg->token[0] != '\0' && w != NULL && PQstatus(w) == CONNECTION_OK) {
		const char *v[] = { pg->token };
		PGresult *r = PQexecParams(w, "SELECT cslog.sign_out($1)", 1, NULL, v,
		                           NULL, NULL, 0);
		PQclear(r);
	}
	memset(pg->token, 0, sizeof pg->token);
	if (pg->primary != NULL)
		PQfinish(pg->primary);
	PQfinish(pg->conn);
	free(pg->conninfo);
	free(pg);
}

/* ---- statements and errors -------------------------------------------- */

static int
code_of(const char *state)
{
	if (state == NULL)
		return CS_TEMPFAIL;   /* no SQLSTATE: the connection went */
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0 ||
	    strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "57014") == 0 ||   /* cancelled: a timeout, pg_cancel_backend */
	    strncmp(state, "53", 2) == 0)
		return CS_TEMPFAIL;
	if (strcmp(state, "42501") == 0 || strncmp(state, "28", 2) == 0)
		return CS_NOPERM;
	if (strcmp(state, "P0002") == 0)
		return CS_NOINPUT;
	if (strcmp(state, "25006") == 0)
		return CS_UNAVAILABLE;   /* a write reached a hot standby */
	if (strcmp(state, "3F000") == 0 || strcmp(state, "42883") == 0 ||
	    strcmp(state, "42P01") == 0)
		return CS_DATAERR;
	if (strncmp(state, "22", 2) == 0 || strncmp(state, "23", 2) == 0)
		return CS_DATAERR;
	return CS_SOFTWARE;
}

int
pgstore_fail(struct pgstore *pg, const PGresult *res, struct cs_err *err)
{
	return pgstore_fail_on(pg, pg->conn, res, err);
}

int
pgstore_fail_on(struct pgstore *pg, PGconn *c, const PGresult *res, struct cs_err *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	int code = code_of(state);

	if (PQstatus(c) != CONNECTION_OK)
		code = CS_TEMPFAIL;
	if (msg == NULL)
		msg = PQerrorMessage(c);
	if (code == CS_UNAVAILABLE)
		return cs_err_set(err, code, "%s is a hot standby (read-only): this writes, and"
		                  " writes go to the primary (%.200s)", pg->where, msg);
	if (code == CS_TEMPFAIL && state != NULL && strncmp(state, "40", 2) == 0)
		return cs_err_set(err, code, "the PostgreSQL server (%s) could not do this now"
		                  " (%.300s): nothing of it was written; try again", pg->where, msg);
	if (code == CS_TEMPFAIL)
		return cs_err_set(err, code, "the PostgreSQL server (%s) did not answer: %.300s;"
		                  " try again", pg->where, msg);
	if (state != NULL && (strcmp(state, "3F000") == 0 || strcmp(state, "42883") == 0 ||
	                      strcmp(state, "42P01") == 0))
		return cs_err_set(err, code, "%s is not a cslog database, or this cslog is newer"
		                  " than it (%.200s): its owner runs 'cslog admin init-server' (or"
		                  " 'cslog admin upgrade-server')",
		                  pg->where, msg);
	if (state != NULL && strcmp(state, "42501") == 0 && strstr(msg, "permission denied"))
		return cs_err_set(err, code, "the server refused: %.400s (connect as"
		                  " cslog_terminal, see docs/postgresql.md)", msg);
	return cs_err_set(err, code, "%.900s", msg);
}

PGresult *
pgstore_exec(struct pgstore *pg, const char *sql, int n, const char *const *vals,
             struct cs_err *err)
{
	return pgstore_exec_on(pg, pg->conn, sql, n, vals, err);
}

PGresult *
pgstore_exec_on(struct pgstore *pg, PGconn *c, const char *sql, int n,
                const char *const *vals, struct cs_err *err)
{
	bool *xact = c == pg->primary && c != pg->conn ? &pg->primary_xact : &pg->conn_xact;
	PGresult *r;
	ExecStatusType s;

	/* A connection the server dropped (it was restarted) is made again
	 * once: the session is the server's, and outlives it.  Not in the
	 * middle of a transaction: that one fails (the caller rolls back and
	 * stops), and only the next action connects again. */
	if (PQstatus(c) == CONNECTION_BAD && !*xact)
		PQreset(c);
	r = PQexecParams(c, sql, n, NULL, vals, NULL, NULL, 0);
	s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	*xact = PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) != PQTRANS_IDLE;

	if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK)
		return r;
	pgstore_fail_on(pg, c, r, err);
	PQclear(r);
	return NULL;
}

int
pgstore_run(struct pgstore *pg, const char *sql, struct cs_err *err)
{
	PGresult *r = pgstore_exec(pg, sql, 0, NULL, err);

	if (r == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

size_t
pgstore_copy_field(char *out, const char *v)
{
	size_t n = 0;

	if (v == NULL) {
		if (out != NULL)
			memcpy(out, "\\N", 2);
		return 2;
	}
	for (; *v != '\0'; v++) {
		const char *e = *v == '\\' ? "\\\\" : *v == '\t' ? "\\t" : *v == '\n' ? "\\n"
		                : *v == '\r' ? "\\r" : NULL;

		if (e != NULL) {
			if (out != NULL)
				memcpy(out + n, e, 2);
			n += 2;
		} else {
			if (out != NULL)
				out[n] = *v;
			n++;
		}
	}
	return n;
}

int
pgstore_xact(struct pgstore *pg, enum pg_xact what, struct cs_err *err)
{
	static const char *const sql[] = {
		[PG_BEGIN] = "BEGIN", [PG_SAVEPOINT] = "SAVEPOINT cslog_row",
		[PG_RELEASE] = "RELEASE SAVEPOINT cslog_row",
		[PG_ROLLBACK_TO] = "ROLLBACK TO SAVEPOINT cslog_row", [PG_COMMIT] = "COMMIT",
		[PG_ROLLBACK] = "ROLLBACK",
	};
	struct cs_err ignored = { 0 };
	PGresult *r = what == PG_BEGIN ?
	              pgstore_exec_write(pg, "importing", sql[what], 0, NULL, err) :
	              pgstore_exec(pg, sql[what], 0, NULL, what == PG_ROLLBACK ? &ignored : err);

	if (r == NULL)
		return what == PG_ROLLBACK ? CS_OK : pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

const char *
pgstore_val(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

int64_t
pgstore_int(const PGresult *r, int row, int col)
{
	const char *v = pgstore_val(r, row, col);

	return v != NULL ? (int64_t)strtoll(v, NULL, 10) : 0;
}

enum record_tri
pgstore_tri(const PGresult *r, int row, int col)
{
	const char *v = pgstore_val(r, row, col);

	return v == NULL ? TRI_UNKNOWN : v[0] == 't' ? TRI_YES : TRI_NO;
}

/* ---- admin init-server -------------------------------------------------- */

/* Statements of the schema, with no parameters: the pieces of one
 * constant text (kept in pieces for the compiler), joined. */
static int
run_text(struct pgstore *pg, const char *const *pieces, const char *what, struct cs_err *err)
{
	size_t n = 1, off = 0, i;
	PGresult *r;
	char *sql;
	int rc = CS_OK;

	for (i = 0; pieces[i] != NULL; i++)
		n += strlen(pieces[i]);
	if ((sql = malloc(n)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	for (i = 0; pieces[i] != NULL; i++) {
		memcpy(sql + off, pieces[i], strlen(pieces[i]));
		off += strlen(pieces[i]);
	}
	sql[off] = '\0';
	r = PQexec(pg->conn, sql);
	free(sql);

	if (r == NULL || PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = pgstore_fail(pg, r, err);
		if (rc != CS_TEMPFAIL) {
			char msg[CS_ERR_MAX];

			snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
			cs_err_set(err, rc == CS_NOPERM ? CS_NOPERM : CS_DATAERR,
			           "making the schema: %s failed: %.800s", what, msg);
			rc = rc == CS_NOPERM ? CS_NOPERM : CS_DATAERR;
		}
	}
	PQclear(r);
	return rc;
}

static int
run(struct pgstore *pg, const char *sql, const char *what, struct cs_err *err)
{
	const char *const pieces[] = { sql, NULL };

	return run_text(pg, pieces, what, err);
}

/* The parts of the schema, in the order they are made.  A part once
 * shipped is never edited: a change is a new part at the end, so that a
 * server made by an earlier cslog can be brought up to date by applying
 * the parts it lacks (each one is recorded in cslog.schema_part by the
 * transaction that makes it). */
const struct pg_schema_part pg_schema_parts[] = {
	{ "roles", pg_schema_roles, "creating the roles and the schema" },
	{ "tables", pg_schema_tables, "creating the tables" },
	{ "chain", pg_schema_chain, "creating the audit chain" },
	{ "api", pg_schema_api, "creating the functions" },
	{ "search", pg_schema_search, "creating the search and the list" },
	{ "report", pg_schema_report, "creating the report aggregates" },
	{ "io", pg_schema_io, "creating the import" },
	{ "grants", pg_schema_grants, "granting" },
	{ "query-grants", pg_schema_query_grants, "granting the list" },
	{ "report-grants", pg_schema_report_grants, "granting the reports" },
	{ "io-grants", pg_schema_io_grants, "granting the import" },
	{ "rows", pg_schema_rows, "creating verify's row checks" },
	{ "more", pg_schema_more, "creating follow-ups' pauses and members' changes" },
	{ "amend", pg_schema_amend, "creating the amendment" },
	{ "parts", pg_schema_part_table, "recording the schema's parts" },
	{ "copy", pg_schema_copy, "creating the stations copied in (cslog copy)" },
	{ "drafts", pg_schema_drafts, "creating drafts, saved views and contacts' keys" },
	{ "story", pg_schema_more2, "creating show's follow-ups, reviews and amendments" },
	{ "privacy", pg_schema_privacy, "creating the redaction of customer data" },
	{ "clock", pg_schema_clock, "creating the clock's acceptance" },
	{ "import-set", pg_schema_io2, "creating the set-based import" },
	{ "drill", pg_schema_drill, "creating the drills" },
	{ "measures", pg_schema_measures, "creating the evaluator and the evaluations" },
	{ "survey", pg_schema_survey, "creating the survey responses" },
	{ "recognition", pg_schema_recognition, "creating the recognitions" },
	{ "drafts-evaluator", pg_schema_drafts2, "letting an evaluator keep drafts" },
	{ "speed", pg_schema_speed, "speeding up the list, its search and the reports" },
	{ "import-analyze", pg_schema_analyze, "analysing the tables after a large import" },
	{ "ids", pg_schema_ids, "keeping contact numbers within 2^53 - 1" },
	{ "draft-order", pg_schema_draft_order, "listing drafts newest first" },
	{ "copy2", pg_schema_copy2, "letting cslog copy carry drills, the measures and redactions" },
	{ "totals", pg_schema_totals, "keeping the reports' all-time totals" },
	{ "last-policy", pg_schema_last_policy, "remembering each member's last policy" },
	{ "survey-ref", pg_schema_survey_ref, "keeping survey references once per station" },
	{ "log-fast", pg_schema_logfast, "counting a logged contact in the aggregates at once" },
	{ "chain-first", pg_schema_chain_first, "making every writer wait for the audit chain first" },
	{ "search-rare", pg_schema_search_rare, "finding a rare search word from its index at any size" },
	{ "import-lean", pg_schema_import_lean, "staging an import in a temporary table" },
	{ "copy-last-policy", pg_schema_copy_policy, "letting cslog copy carry each member's last policy" },
	{ "owner", pg_schema_owner, "telling whose a contact or a follow-up is" },
	{ "member-policy", pg_schema_member_policy, "reading a member's last policy for logging for them" },
	{ "empowered-rule", pg_schema_empowered, "holding each contact's empowerment flag to its answers" },
	{ "log-cold", pg_schema_logcold, "making a new connection's first log cheaper" },
	{ "badge-rule", pg_schema_badge, "refusing a badge with a space or a control character" },
	{ NULL, NULL, NULL },
};

/* Make one part and record it.  The table of parts is made by the part
 * "parts", which records itself and every part before it. */
int
pgstore_part_apply(struct pgstore *pg, const struct pg_schema_part *part, struct cs_err *err)
{
	const char *v[] = { part->name };
	PGresult *r;
	int rc = run_text(pg, part->text, part->what, err);
	size_t i;

	if (rc != CS_OK)
		return rc;
	for (i = 0; pg_schema_parts[i].text != pg_schema_part_table; i++)
		if (&pg_schema_parts[i] == part)
			return CS_OK;   /* before the table: recorded by "parts" */
	if (part->text == pg_schema_part_table)
		return CS_OK;
	r = pgstore_exec(pg, "INSERT INTO cslog.schema_part (name) VALUES ($1)", 1, v, err);
	if (r == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

/* Is there a schema cslog, or a pgcrypto outside it? */
static int
preflight(struct pgstore *pg, struct cs_err *err)
{
	PGresult *r = pgstore_exec(pg,
	    "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'cslog'),"
	    " (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
	    "   ON n.oid = e.extnamespace WHERE e.extname = 'pgcrypto'),"
	    " EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgcrypto')",
	    0, NULL, err);
	const char *ns;
	int rc = CS_OK;

	if (r == NULL)
		return pgstore_code(err);
	ns = pgstore_val(r, 0, 1);
	if (pgstore_tri(r, 0, 0) == TRI_YES)
		rc = cs_err_set(err, CS_DATAERR, "%s has a schema cslog already: init-server"
		                " runs once (drop it first to start again)", pg->where);
	else if (ns != NULL && strcmp(ns, "cslog") != 0)
		rc = cs_err_set(err, CS_DATAERR, "pgcrypto is installed in schema %s of this"
		                " database; cslog keeps its own in schema cslog (DROP EXTENSION"
		                " pgcrypto, or use another database)", ns);
	else if (pgstore_tri(r, 0, 2) != TRI_YES)
		rc = cs_err_set(err, CS_CONFIG, "the server has no pgcrypto extension (Debian:"
		                " it comes with the postgresql package's contrib modules)");
	PQclear(r);
	return rc;
}

int
pgstore_init_server(struct pgstore *pg, const char *badge, const char *name,
                    const char *pin, int64_t *member_id, struct cs_err *err)
{
	const char *v[] = { badge, name, pin };
	PGresult *r;
	size_t i;
	int rc;

	if (pg->standby)
		return cs_err_set(err, CS_UNAVAILABLE, "%s is a hot standby (read-only):"
		                  " init-server runs on the primary", pg->standby_where);
	if ((rc = preflight(pg, err)) != CS_OK)
		return rc;
	if ((rc = run(pg, "BEGIN", "starting", err)) != CS_OK)
		return rc;
	for (i = 0; rc == CS_OK && pg_schema_parts[i].name != NULL; i++)
		rc = pgstore_part_apply(pg, &pg_schema_parts[i], err);
	if (rc == CS_OK) {
		r = pgstore_exec(pg, "SELECT cslog.member_first($1, $2, $3)", 3, v, err);
		if (r == NULL)
			rc = pgstore_code(err);
		else
			*member_id = pgstore_int(r, 0, 0);
		PQclear(r);
	}
	if (rc == CS_OK)
		return run(pg, "COMMIT", "committing", err);
	PQclear(PQexec(pg->conn, "ROLLBACK"));
	return rc;
}
