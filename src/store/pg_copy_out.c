/* pg_copy_out.c - a PostgreSQL server's whole log into a new SQLite
 * file (cslog copy --from URL --to FILE).  Read as the database's owner
 * in one REPEATABLE READ transaction, after cslog.copy_check found the
 * server's chain and rows whole, with a 'copy.out' event on the server
 * (customer data leaves it: the read is recorded).  Written into the
 * new file in one transaction, each record with its event in the
 * file's own BLAKE2b chain: members (a PIN given for those who had
 * one: a server's bcrypt hashes do not carry), contacts with their ids,
 * times and customer data (store_contact_insert, as an import), then
 * follow-ups and reviews as they stand, the queues and the report
 * counts made again.  The file is written under a temporary name and
 * verified, and only then linked to its name: a copy cut anywhere
 * leaves no file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cslog/deadline.h"

#include "internal.h"
#include "pg_int.h"

#define MAX_STANDARDS 64   /* as pg_contact.c reads them */
#define SECS(x) "floor(extract(epoch FROM " x "))::bigint"

/* Each member's last policy too, where the server keeps them (part
 * last-policy); a server without it has none to carry. */
static const char SQL_MEMBERS[] =
	"SELECT m.id, m.badge, m.name, m.role, " SECS("m.created_at") ", m.pin_hash IS NOT NULL,"
	" p.policy_id FROM cslog.member m LEFT JOIN cslog.member_policy p ON p.member_id = m.id"
	" ORDER BY m.id";
static const char SQL_MEMBERS_NO_POLICY[] =
	"SELECT id, badge, name, role, " SECS("created_at") ", pin_hash IS NOT NULL, NULL"
	" FROM cslog.member ORDER BY id";
static const char SQL_CONTACTS[] =
	"DECLARE copy_out NO SCROLL CURSOR FOR SELECT c.id, c.member_id, c.logged_by, " SECS("c.at") ", " SECS("c.logged_at") ","
	" c.policy_id, c.policy_version, c.kind, c.channel, c.outcome, c.summary, c.needs_met,"
	" c.added_value, c.empowered, c.answers, c.standards, c.referral_to,"
	" c.referee_contacted, c.decision, c.appeal_info, c.call_ref, c.negative, c.amends,"
	" c.amend_reason, p.name, p.phone, p.address, p.email"
	" FROM cslog.contact c LEFT JOIN cslog.contact_private p ON p.contact_id = c.id"
	" ORDER BY c.id";
static const char SQL_FOLLOWUPS[] =
	"DECLARE copy_out NO SCROLL CURSOR FOR SELECT id, contact_id, " SECS("created_at") ", " SECS("due_at") ", " SECS("limit_at") ","
	" note, state, " SECS("done_at") ", done_by, done_note, " SECS("paused_at") ","
	" pause_reason, paused_seconds FROM cslog.followup ORDER BY id";
static const char SQL_REVIEWS[] =
	"DECLARE copy_out NO SCROLL CURSOR FOR SELECT id, contact_id, member_id, " SECS("at") ", kind, note FROM cslog.review"
	" ORDER BY id";
static const char SQL_OUT_EVENT[] =
	"SELECT cslog.audit_append(NULL, 'copy.out', 'station', NULL,"
	" jsonb_build_object('to', $1::text, 'contacts', (SELECT count(*) FROM cslog.contact),"
	"   'protected', true)::text)";

/* The file's side: follow-ups and reviews written as they stand. */
static const char SQL_FU_INSERT[] =
	"INSERT INTO followup (id, contact_id, created_at, due_at, due_eff, state, paused_at,"
	" pause_reason, paused_seconds, done_at, done_by, note, done_note, limit_at, limit_eff,"
	" done_grade) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
	" ?16)";
static const char SQL_FU_DETAIL[] =
	"SELECT json_object('copied', 1, 'row', (SELECT " ROW_FOLLOWUP
	" FROM followup WHERE followup.id = ?1))";
static const char SQL_RV_INSERT[] =
	"INSERT INTO review (id, contact_id, member_id, at, kind, note)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_RV_DETAIL[] =
	"SELECT json_object('contact', ?2, 'kind', ?3, 'copied', 1,"
	" 'row', (SELECT " ROW_REVIEW " FROM review WHERE review.id = ?1))";
static const char SQL_DEQUEUE[] = "DELETE FROM unreviewed WHERE contact_id = ?1";
static const char SQL_DEBRIEFED[] = "DELETE FROM debrief_due WHERE contact_id = ?1";

static const char *
val(const PGresult *r, int i, int col)
{
	return pgstore_val(r, i, col);
}

static int64_t
num(const PGresult *r, int i, int col)
{
	return val(r, i, col) != NULL ? pgstore_int(r, i, col) : 0;
}

/* Server member ids to the file's. */
struct idmap {
	int64_t *from, *to;
	size_t n;
};

static int64_t
mapped(const struct idmap *m, int64_t id)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->from[i] == id)
			return m->to[i];
	return 0;
}

struct out {
	struct pgstore *pg;
	struct store *st;
	const char *pin;
	int64_t now;
	struct idmap mem;
	struct pg_copy_result *res;
};

static int64_t
member_of(void *ctx, int64_t server_member)
{
	return mapped(&((struct out *)ctx)->mem, server_member);
}

static int
members(struct out *o, const PGresult *r, struct cs_err *err)
{
	int i, n = PQntuples(r), rc = CS_OK;

	o->mem.from = calloc((size_t)n + 1, sizeof *o->mem.from);
	o->mem.to = calloc((size_t)n + 1, sizeof *o->mem.to);
	if (o->mem.from == NULL || o->mem.to == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	for (i = 0; i < n && rc == CS_OK; i++) {
		struct member m = { 0 };
		bool pin = pgstore_tri(r, i, 5) == TRI_YES;
		int64_t id = 0;

		m.badge = val(r, i, 1);
		m.name = val(r, i, 2);
		m.role = (enum member_role)record_role_parse(val(r, i, 3));
		m.created_at = num(r, i, 4);
		if (pin && (o->pin == NULL || *o->pin == '\0'))
			return cs_err_set(err, CS_USAGE, "%s has a PIN on the server, which does not"
			                  " carry into a file: give the PIN the members who had one"
			                  " start with (--pin-stdin or CSLOG_PIN)", m.badge);
		rc = store_member_add(o->st, 0, &m, pin ? o->pin : NULL, o->now, &id, err);
		if (rc == CS_OK && val(r, i, 6) != NULL &&
		    (rc = store_member_set_last_policy(o->st, id, val(r, i, 6), err)) == CS_OK)
			o->res->last_policies++;
		o->mem.from[o->mem.n] = num(r, i, 0);
		o->mem.to[o->mem.n++] = id;
	}
	o->res->members = o->res->members_new = (int64_t)o->mem.n;
	return rc;
}

/* "q1=yes;q2=no" and "a;b" as the server keeps them, into c. */
static void
split(struct contact *c, char *ans, char *std, const char **stds)
{
	char *tok, *save = NULL, *eq;

	for (tok = ans ? strtok_r(ans, ";", &save) : NULL;
	     tok != NULL && c->n_answers < POLICY_MAX_QUESTIONS; tok = strtok_r(NULL, ";", &save)) {
		if ((eq = strchr(tok, '=')) == NULL)
			continue;
		*eq = '\0';
		c->answers[c->n_answers].question = tok;
		c->answers[c->n_answers].answer = strcmp(eq + 1, "yes") == 0 ? ANSWER_YES :
		                                  ANSWER_NO;
		c->n_answers++;
	}
	save = NULL;
	for (tok = std ? strtok_r(std, ";", &save) : NULL;
	     tok != NULL && c->n_standards < MAX_STANDARDS; tok = strtok_r(NULL, ";", &save))
		stds[c->n_standards++] = tok;
	c->standards = c->n_standards > 0 ? stds : NULL;
}

static char *
text_dup(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static int
contacts(struct out *o, const PGresult *r, struct cs_err *err)
{
	int i, n = PQntuples(r), rc = CS_OK;

	for (i = 0; i < n && rc == CS_OK; i++) {
		struct contact c;
		const char *stds[MAX_STANDARDS];
		char *ans = text_dup(val(r, i, 14)), *std = text_dup(val(r, i, 15));
		int64_t id = 0;

		memset(&c, 0, sizeof c);
		if ((val(r, i, 14) != NULL && ans == NULL) || (val(r, i, 15) != NULL && std == NULL)) {
			free(ans);
			free(std);
			return cs_err_set(err, CS_OSERR, "out of memory");
		}
		split(&c, ans, std, stds);
		c.id = num(r, i, 0);
		c.member_id = mapped(&o->mem, num(r, i, 1));
		c.at = num(r, i, 3);
		c.logged_at = num(r, i, 4);
		c.policy_id = val(r, i, 5);
		c.policy_version = val(r, i, 6);
		c.kind = val(r, i, 7);
		c.channel = val(r, i, 8);
		c.outcome = val(r, i, 9);
		c.summary = val(r, i, 10);
		c.needs_met = pgstore_tri(r, i, 11);
		c.added_value = val(r, i, 12);
		c.empowered = pgstore_tri(r, i, 13);
		c.referral_to = val(r, i, 16);
		c.referee_contacted = pgstore_tri(r, i, 17);
		c.decision = val(r, i, 18);
		c.appeal_info = val(r, i, 19);
		c.call_ref = val(r, i, 20);
		c.negative = pgstore_tri(r, i, 21) == TRI_YES;
		c.amends = num(r, i, 22);
		c.amend_reason = val(r, i, 23);
		c.customer_name = val(r, i, 24);
		c.customer_phone = val(r, i, 25);
		c.customer_address = val(r, i, 26);
		c.customer_email = val(r, i, 27);
		rc = store_contact_insert(o->st, mapped(&o->mem, num(r, i, 2)), &c, o->now, &id, err);
		if (rc != CS_OK)
			cs_err_set(err, err->code, "contact %lld: %.800s", (long long)c.id, err->msg);
		free(ans);
		free(std);
		o->res->contacts++;
	}
	return rc;
}

static void
bind_opt(sqlite3_stmt *s, int i, const PGresult *r, int row, int col, bool number)
{
	if (val(r, row, col) == NULL || (number && num(r, row, col) == 0))
		sqlite3_bind_null(s, i);
	else if (number)
		sqlite3_bind_int64(s, i, num(r, row, col));
	else
		bind_text(s, i, val(r, row, col));
}

/* The event of row id (detail from sql, ?1 the id, ?2 and ?3 more). */
static int
event(struct out *o, const char *sql, int64_t actor, const char *action, const char *entity,
      int64_t id, int64_t contact, const char *kind, struct cs_err *err)
{
	sqlite3_stmt *d = stmt_get(o->st, sql, err);

	if (d == NULL)
		return err_code(err);
	sqlite3_bind_int64(d, 1, id);
	if (kind != NULL) {
		sqlite3_bind_int64(d, 2, contact);
		bind_text(d, 3, kind);
	}
	return audit_append(o->st, actor, action, entity, id, o->now, d, err);
}

static int
followups(struct out *o, const PGresult *r, struct cs_err *err)
{
	int i, n = PQntuples(r), rc = CS_OK;

	for (i = 0; i < n && rc == CS_OK; i++) {
		sqlite3_stmt *s = stmt_get(o->st, SQL_FU_INSERT, err);
		const char *state = val(r, i, 6);
		int64_t paused = num(r, i, 12), due = num(r, i, 3), limit = num(r, i, 4);
		int64_t contact = num(r, i, 1), id = num(r, i, 0);
		bool done = strcmp(state, "done") == 0;

		if (s == NULL)
			return err_code(err);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, contact);
		sqlite3_bind_int64(s, 3, num(r, i, 2));
		sqlite3_bind_int64(s, 4, due - paused);       /* as set */
		sqlite3_bind_int64(s, 5, due);                /* moved by the pauses */
		sqlite3_bind_int(s, 6, done ? 2 : strcmp(state, "paused") == 0 ? 1 : 0);
		bind_opt(s, 7, r, i, 10, true);
		bind_opt(s, 8, r, i, 11, false);
		sqlite3_bind_int64(s, 9, paused);
		bind_opt(s, 10, r, i, 7, true);
		if (mapped(&o->mem, num(r, i, 8)) != 0)
			sqlite3_bind_int64(s, 11, mapped(&o->mem, num(r, i, 8)));
		else
			sqlite3_bind_null(s, 11);
		bind_opt(s, 12, r, i, 5, false);
		bind_opt(s, 13, r, i, 9, false);
		sqlite3_bind_int64(s, 14, limit - paused);
		sqlite3_bind_int64(s, 15, limit);
		if (done)
			sqlite3_bind_int(s, 16, (int)deadline_grade(due, limit, num(r, i, 7)));
		else
			sqlite3_bind_null(s, 16);
		rc = fts_forget(o->st, contact, err);
		if (rc == CS_OK)
			rc = stmt_done(o->st, s, "nothing was copied", err);
		if (rc == CS_OK)
			rc = fts_index(o->st, contact, err);
		if (rc == CS_OK)
			rc = event(o, SQL_FU_DETAIL, 0, "followup.add", "followup", id, 0, NULL, err);
		o->res->followups++;
	}
	return rc;
}

static int
reviews(struct out *o, const PGresult *r, struct cs_err *err)
{
	int i, n = PQntuples(r), rc = CS_OK;

	for (i = 0; i < n && rc == CS_OK; i++) {
		sqlite3_stmt *s = stmt_get(o->st, SQL_RV_INSERT, err);
		const char *kind = val(r, i, 4);
		int64_t contact = num(r, i, 1), id = num(r, i, 0);
		int64_t who = mapped(&o->mem, num(r, i, 2));

		if (s == NULL)
			return err_code(err);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, contact);
		sqlite3_bind_int64(s, 3, who);
		sqlite3_bind_int64(s, 4, num(r, i, 3));
		bind_text(s, 5, kind);
		bind_opt(s, 6, r, i, 5, false);
		rc = fts_forget(o->st, contact, err);
		if (rc == CS_OK)
			rc = stmt_done(o->st, s, "nothing was copied", err);
		if (rc == CS_OK && strcmp(kind, "commend") != 0) {
			sqlite3_stmt *q = stmt_get(o->st, strcmp(kind, "sign-off") == 0 ? SQL_DEQUEUE :
			                           SQL_DEBRIEFED, err);

			if (q == NULL)
				return err_code(err);
			sqlite3_bind_int64(q, 1, contact);
			rc = stmt_done(o->st, q, "nothing was copied", err);
		}
		if (rc == CS_OK)
			rc = fts_index(o->st, contact, err);
		if (rc == CS_OK)
			rc = event(o, SQL_RV_DETAIL, who, "review.add", "review", id, contact, kind, err);
		o->res->reviews++;
	}
	return rc;
}

/* Check the server, record the read, and read its members (few); the
 * rest is read by cursor as it is written (rows_by). */
static int
read_server(struct pgstore *pg, const char *to, PGresult **members_r, struct cs_err *err)
{
	const char *v[1] = { to };
	PGresult *r;
	bool policy;
	int rc = CS_OK;

	/* The part copy2 first: it carries the measures and redactions
	 * (without it, copy_check would call a redaction a change behind
	 * cslog's back); the part last-policy, each member's last policy. */
	if ((r = pgstore_exec(pg, "SELECT EXISTS (SELECT 1 FROM cslog.schema_part"
	                      " WHERE name = 'copy2'), EXISTS (SELECT 1 FROM cslog.schema_part"
	                      " WHERE name = 'last-policy')", 0, NULL, err)) == NULL)
		return pgstore_code(err);
	policy = pgstore_tri(r, 0, 1) == TRI_YES;
	if (pgstore_tri(r, 0, 0) != TRI_YES)
		rc = cs_err_set(err, CS_UNAVAILABLE, "%s was made by an init-server older than"
		                " this 'cslog copy' (its schema has no part copy2; 'cslog admin"
		                " upgrade-server' adds it): nothing was copied", pg->where);
	PQclear(r);
	if (rc != CS_OK)
		return rc;
	if ((r = pgstore_exec(pg, "SELECT cslog.copy_check()", 0, NULL, err)) == NULL)
		return pgstore_code(err);
	if (pgstore_val(r, 0, 0) != NULL)
		rc = cs_err_set(err, CS_DATAERR, "the server's log does not verify: %.400s; nothing"
		                " was copied (a log that does not verify is never copied)",
		                PQgetvalue(r, 0, 0));
	PQclear(r);
	if (rc == CS_OK) {
		struct store_verify_result vr = { .ok = true };
		struct cs_err why = { 0 };

		if (pgstore_owner_segments(pg, &vr, &why) != CS_OK)
			rc = vr.ok ? cs_err_set(err, why.code, "%s", why.msg) :
			     cs_err_set(err, CS_DATAERR, "the server's log does not verify: %.400s;"
			                " nothing was copied", vr.why);
	}
	if (rc == CS_OK && (r = pgstore_exec(pg, SQL_OUT_EVENT, 1, v, err)) == NULL)
		rc = pgstore_code(err);
	else if (rc == CS_OK)
		PQclear(r);
	if (rc == CS_OK && (*members_r = pgstore_exec(pg, policy ? SQL_MEMBERS :
	                                              SQL_MEMBERS_NO_POLICY, 0, NULL, err)) == NULL)
		rc = pgstore_code(err);
	return rc;
}

/* sql's rows by a cursor, BATCH at a time, each batch to fn: the whole
 * log is never held in memory at once. */
#define BATCH 2000
static int
rows_by(struct out *o, const char *declare,
        int (*fn)(struct out *o, const PGresult *r, struct cs_err *err), struct cs_err *err)
{
	PGresult *r = pgstore_exec(o->pg, declare, 0, NULL, err);
	int rc = r != NULL ? CS_OK : pgstore_code(err), n = BATCH;

	PQclear(r);
	while (rc == CS_OK && n == BATCH) {
		if ((r = pgstore_exec(o->pg, "FETCH 2000 FROM copy_out", 0, NULL, err)) == NULL)
			return pgstore_code(err);
		n = PQntuples(r);
		rc = fn(o, r, err);
		PQclear(r);
	}
	if (rc == CS_OK && (r = pgstore_exec(o->pg, "CLOSE copy_out", 0, NULL, err)) == NULL)
		rc = pgstore_code(err);
	else
		PQclear(r);
	return rc;
}

/* The server's head, the copy.out event included (as the owner). */
static int
server_head(struct pgstore *pg, struct store_head *h, struct cs_err *err)
{
	PGresult *r = pgstore_exec(pg, "SELECT id, " SECS("at") ", encode(hash, 'hex')"
	                           " FROM cslog.chain_head", 0, NULL, err);

	if (r == NULL)
		return pgstore_code(err);
	h->event = pgstore_int(r, 0, 0);
	h->at = pgstore_int(r, 0, 1);
	snprintf(h->hash, sizeof h->hash, "%s", PQgetvalue(r, 0, 2));
	PQclear(r);
	return CS_OK;
}

static int
write_file(struct out *o, const PGresult *members_r, const struct store_head *from,
           struct cs_err *err)
{
	char detail[256];
	int rc;

	snprintf(detail, sizeof detail, "{\"copied_from\":\"server\",\"server_head\":"
	         "\"%lld:%s\"}", (long long)from->event, from->hash);
	rc = store_tx_begin(o->st, "nothing was copied", err);
	if (rc != CS_OK)
		return rc;
	rc = store_audit_note(o->st, 0, "copy.in", "station", 0, detail, o->now, err);
	if (rc == CS_OK)
		rc = members(o, members_r, err);
	if (rc == CS_OK)
		rc = rows_by(o, SQL_CONTACTS, contacts, err);
	if (rc == CS_OK)
		rc = rows_by(o, SQL_FOLLOWUPS, followups, err);
	if (rc == CS_OK)
		rc = rows_by(o, SQL_REVIEWS, reviews, err);
	if (rc == CS_OK)
		rc = pg_copy_out_measures(o->pg, o->st, member_of, o, o->now, o->res, err);
	if (rc == CS_OK) {
		agg_discard(o->st);   /* counted again whole: the rows above moved them */
		rc = agg_rebuild(o->st, err);
	}
	return store_tx_end(o->st, rc, err);
}

static void
remove_db(const char *path)
{
	char p[4300];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-journal", path);
	unlink(p);
}

int
pgstore_copy_to_file(struct pgstore *pg, const char *path, const char *pin, int64_t now,
                     struct pg_copy_result *res, struct cs_err *err)
{
	struct out o = { pg, NULL, pin, now, { NULL, NULL, 0 }, res };
	struct store_verify_result vr;
	struct stat sb;
	PGresult *members_r = NULL;
	char tmp[4200];
	int rc;

	memset(res, 0, sizeof *res);
	if (strlen(path) > 4000)
		return cs_err_set(err, CS_USAGE, "the file's name is too long");
	if (lstat(path, &sb) == 0)
		return cs_err_set(err, CS_CANTCREAT, "%s exists: copy never writes over a file"
		                  " (nothing was copied)", path);
	snprintf(tmp, sizeof tmp, "%s.copying", path);
	if (lstat(tmp, &sb) == 0)
		return cs_err_set(err, CS_TEMPFAIL, "%s exists: another copy to %s is under way,"
		                  " or one was cut off (remove it then)", tmp, path);
	{
		PGresult *r = pgstore_exec(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ", 0, NULL,
		                           err);

		rc = r != NULL ? CS_OK : pgstore_code(err);
		PQclear(r);
	}
	if (rc == CS_OK) {
		PGresult *r = pgstore_exec(pg, "SET LOCAL ROLE cslog_owner", 0, NULL, err);

		if (r == NULL)
			rc = cs_err_set(err, CS_NOPERM, "copying %s into a file is the database"
			                " owner's (a member of cslog_owner): %.300s", pg->where,
			                err->msg);
		PQclear(r);
	}
	if (rc == CS_OK)
		rc = read_server(pg, path, &members_r, err);
	if (rc == CS_OK)
		rc = server_head(pg, &res->server_head, err);
	if (rc == CS_OK)
		rc = store_open(tmp, 0, &o.st, err);
	if (rc == CS_OK)
		rc = write_file(&o, members_r, &res->server_head, err);
	if (rc == CS_OK && (rc = store_verify(o.st, NULL, NULL, &vr, err)) == CS_OK && !vr.ok)
		rc = cs_err_set(err, CS_SOFTWARE, "the copy did not verify (%.400s): nothing was"
		                " copied", vr.why);
	if (rc == CS_OK)
		rc = store_head(o.st, &res->segment_head, err);
	store_close(o.st);
	/* The file exists under its name only once whole; the event on the
	 * server commits with it. */
	if (rc == CS_OK && link(tmp, path) != 0)
		rc = cs_err_set(err, CS_CANTCREAT, "cannot make %s: %s (nothing was copied)", path,
		                strerror(errno));
	if (rc == CS_OK) {
		PGresult *r = pgstore_exec(pg, "COMMIT", 0, NULL, err);

		if (r == NULL) {
			rc = pgstore_code(err);
			unlink(path);
		}
		PQclear(r);
	} else {
		PQclear(PQexec(pg->conn, "ROLLBACK"));
	}
	remove_db(tmp);
	PQclear(members_r);
	free(o.mem.from);
	free(o.mem.to);
	if (rc != CS_OK)
		memset(res, 0, sizeof *res);
	return rc;
}
