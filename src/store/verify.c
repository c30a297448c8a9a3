/* verify.c - is the record intact?
 *
 * Checks, stopping at the first problem: SQLite's own integrity check;
 * the audit chain event by event (ids without gaps, each prev_hash the
 * hash of the event before, each hash recomputed); each contact against
 * the content hash its event recorded (and its protected fields, unless
 * they were redacted); every contact and every redaction has its event;
 * amendment links agree both ways; every other record against the row
 * hash of its newest event (verify_rows.c); the queues and the report
 * aggregates recomputed from the records (verify_rows.c, agg.c).  Each
 * message names the table and the row. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char SQL_INTEGRITY[] = "PRAGMA integrity_check";
static const char SQL_COUNT[] = "SELECT count(*) FROM audit";
static const char SQL_WALK[] =
	"SELECT id, at, actor_id, action, entity, entity_id, detail, prev_hash, hash,"
	" CASE WHEN action IN ('contact.insert', 'contact.amend') THEN"
	"  json_extract(detail, '$.content') END,"
	" CASE WHEN action IN ('contact.insert', 'contact.amend') THEN"
	"  json_extract(detail, '$.protected') END"
	" FROM audit WHERE id > ?1 ORDER BY id";
static const char SQL_HASH_OF[] = "SELECT hash FROM audit WHERE id = ?1";
static const char SQL_UNAUDITED[] =
	"SELECT c.id FROM contact c WHERE NOT EXISTS (SELECT 1 FROM audit a"
	" WHERE a.entity = 'contact' AND a.entity_id = c.id"
	" AND a.action IN ('contact.insert', 'contact.amend')) ORDER BY c.id LIMIT 1";
static const char SQL_SILENT_REDACT[] =
	"SELECT p.contact_id FROM contact_private p WHERE p.redacted_at IS NOT NULL"
	" AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'contact'"
	" AND a.entity_id = p.contact_id AND a.action = 'contact.redact')"
	" ORDER BY p.contact_id LIMIT 1";
static const char SQL_BAD_SUPERSEDED[] =
	"SELECT c.id FROM contact c WHERE c.superseded_by IS NOT NULL AND NOT EXISTS"
	" (SELECT 1 FROM contact a WHERE a.id = c.superseded_by AND a.amends = c.id)"
	" ORDER BY c.id LIMIT 1";
static const char SQL_BAD_AMENDS[] =
	"SELECT a.id, a.amends FROM contact a JOIN contact o ON o.id = a.amends"
	" WHERE o.superseded_by IS NOT a.id ORDER BY a.id LIMIT 1";
static const char SQL_CONTACTS[] = "SELECT count(*) FROM contact";

struct walk {
	struct store_verify_result *res;
	void (*progress)(void *ctx, int64_t done, int64_t total);
	void *ctx;
	int64_t total;
	unsigned char prev[HASH_BYTES];
	struct content_scan scan;   /* the contacts, read forward */
};

int
verify_broken(struct store_verify_result *res, int64_t event, int64_t contact,
              const char *why, struct cs_err *err)
{
	res->ok = false;
	res->bad_event = event;
	res->bad_contact = contact;
	str_copy(res->why, sizeof res->why, why);
	return cs_err_set(err, CS_DATAERR, "%s", why);
}

static int
first_id(struct store *st, const char *sql, int64_t *id, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, sql, err);
	bool row;
	int rc;

	*id = 0;
	if (s == NULL)
		return err_code(err);
	rc = stmt_row(st, s, &row, "cannot verify", err);
	if (rc == CS_OK && row)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc;
}

static int
integrity(struct store *st, struct store_verify_result *res, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_INTEGRITY, err);
	char why[400];
	const char *msg;
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	rc = stmt_row(st, s, &row, "cannot verify", err);
	if (rc != CS_OK && (sqlite3_errcode(st->db) & 0xff) == SQLITE_CORRUPT)
		res->damaged = true;   /* too damaged even to be checked */
	msg = row ? (const char *)sqlite3_column_text(s, 0) : NULL;
	if (rc == CS_OK && msg != NULL && strcmp(msg, "ok") != 0) {
		str_copy(why, sizeof why, "the database file is damaged: ");
		str_copy(why + strlen(why), sizeof why - strlen(why), msg);
		sqlite3_reset(s);
		res->damaged = true;
		return verify_broken(res, 0, 0, why, err);
	}
	sqlite3_reset(s);
	return rc;
}

/* SQLite's integrity check on a connection of its own, in a thread, while
 * the chain is walked on the store's (two cores: the check is a third
 * of a full verify, the walk and the recounts the rest).  Its result is
 * taken as integrity() would give it, before anything the walk found:
 * a damaged file is named as such first. */
struct integ {
	const char *path;
	pthread_t thread;
	bool started;
	int code;             /* SQLITE_OK, or the error of opening or stepping */
	char msg[400];        /* the first line of the report when not "ok" */
};

static void *
integrity_thread(void *arg)
{
	struct integ *in = arg;

	in->code = sql_first_text_ro(in->path, SQL_INTEGRITY, in->msg, sizeof in->msg);
	return NULL;
}

/* Start the check in its thread where the file is opened as usual (not
 * on a read-only medium, where the store's own connection has to do it). */
static void
integrity_start(struct store *st, struct integ *in)
{
	memset(in, 0, sizeof *in);
	in->path = st->path;
	if (st->path == NULL || store_readonly(st) != NULL)
		return;
	in->started = pthread_create(&in->thread, NULL, integrity_thread, in) == 0;
}

/* Its result, as integrity() gives it: CS_OK, or the damage named.  Not
 * started, or it could not open or read the file: on the store's
 * connection, as before. */
static int
integrity_end(struct store *st, struct integ *in, struct store_verify_result *res,
              struct cs_err *err)
{
	char why[400];

	if (!in->started)
		return integrity(st, res, err);
	pthread_join(in->thread, NULL);
	in->started = false;
	if ((in->code & 0xff) == SQLITE_CORRUPT || (in->code & 0xff) == SQLITE_NOTADB)
		return integrity(st, res, err);   /* the store's connection says it */
	if (in->code != SQLITE_OK)
		return integrity(st, res, err);
	if (in->msg[0] != '\0' && strcmp(in->msg, "ok") != 0) {
		str_copy(why, sizeof why, "the database file is damaged: ");
		str_copy(why + strlen(why), sizeof why - strlen(why), in->msg);
		res->damaged = true;
		return verify_broken(res, 0, 0, why, err);
	}
	return CS_OK;
}

static void
say(char *out, size_t n, const char *a, int64_t x, const char *b, int64_t y, const char *c)
{
	char num[24];
	size_t len;

	str_copy(out, n, a);
	len = strlen(out);
	int_text(x, num);
	str_copy(out + len, n - len, num);
	len = strlen(out);
	str_copy(out + len, n - len, b);
	len = strlen(out);
	if (y != 0 || c[0] != '\0') {
		int_text(y, num);
		str_copy(out + len, n - len, num);
		len = strlen(out);
		str_copy(out + len, n - len, c);
	}
}

/* The contact named by a contact event still has the content hashed. */
static int
verify_contact(struct store *st, sqlite3_stmt *s, struct walk *w, struct cs_err *err)
{
	int64_t event = sqlite3_column_int64(s, 0), id = sqlite3_column_int64(s, 5);
	const char *want = (const char *)sqlite3_column_text(s, 9);
	const char *want_p = (const char *)sqlite3_column_text(s, 10);
	char content[HEX_LEN + 1], prot[HEX_LEN + 1], why[256];
	bool found, redacted;
	int rc = content_scan_hash(st, &w->scan, id, &found, content, prot, &redacted, err);

	if (rc != CS_OK)
		return rc;
	if (!found) {
		say(why, sizeof why, "contact ", id, " of audit event ", event,
		    " is missing: it was deleted behind cslog's back (table contact)");
		return verify_broken(w->res, event, id, why, err);
	}
	if (want == NULL || strcmp(want, content) != 0) {
		say(why, sizeof why, "contact ", id, " was changed behind cslog's back"
		    " (table contact, with its answers in contact_answer; it no longer"
		    " matches audit event ", event, ")");
		return verify_broken(w->res, event, id, why, err);
	}
	if (!redacted && strcmp(want_p != NULL ? want_p : "", prot) != 0) {
		say(why, sizeof why, "the protected data of contact ", id,
		    " was changed behind cslog's back (table contact_private; audit event ",
		    event, ")");
		return verify_broken(w->res, event, id, why, err);
	}
	return CS_OK;
}

static int
check_event(struct store *st, sqlite3_stmt *s, struct walk *w, int64_t expect,
            struct cs_err *err)
{
	int64_t id = sqlite3_column_int64(s, 0);
	unsigned char h[HASH_BYTES];
	char why[256];
	const char *action = (const char *)sqlite3_column_text(s, 3);
	const char *entity = (const char *)sqlite3_column_text(s, 4);
	const char *detail = (const char *)sqlite3_column_text(s, 6);

	if (id != expect) {
		say(why, sizeof why, "audit event ", expect, " is missing (deleted)", 0, "");
		return verify_broken(w->res, id, 0, why, err);
	}
	if (sqlite3_column_bytes(s, 7) != HASH_BYTES || sqlite3_column_bytes(s, 8) != HASH_BYTES
	    || memcmp(sqlite3_column_blob(s, 7), w->prev, HASH_BYTES) != 0) {
		say(why, sizeof why, "audit event ", id,
		    " does not follow the event before it (an event was changed or removed)",
		    0, "");
		return verify_broken(w->res, id, 0, why, err);
	}
	audit_hash(w->prev, id, sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2),
	           action != NULL ? action : "", entity != NULL ? entity : "",
	           sqlite3_column_int64(s, 5), detail != NULL ? detail : "", h);
	if (memcmp(h, sqlite3_column_blob(s, 8), HASH_BYTES) != 0) {
		say(why, sizeof why, "audit event ", id, " was altered", 0, "");
		return verify_broken(w->res, id, 0, why, err);
	}
	memcpy(w->prev, h, HASH_BYTES);
	if (sqlite3_column_type(s, 9) != SQLITE_NULL ||
	    (action != NULL && strncmp(action, "contact.", 8) == 0 &&
	     strcmp(action, "contact.redact") != 0))
		return verify_contact(st, s, w, err);
	return CS_OK;
}

/* The events after `after` (0: all), w->prev holding the hash of event
 * `after` (zeros for none). */
static int
walk_chain(struct store *st, struct walk *w, int64_t after, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_WALK, err);
	int64_t n = 0;
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, after);
	while (rc == CS_OK && (rc = stmt_row(st, s, &row, "cannot verify", err)) == CS_OK
	       && row) {
		rc = check_event(st, s, w, after + n + 1, err);
		if (rc == CS_OK && sqlite3_column_type(s, 9) != SQLITE_NULL)
			w->res->contacts++;
		n++;
		if (w->progress != NULL && n % 10000 == 0)
			w->progress(w->ctx, n, w->total);
	}
	sqlite3_reset(s);
	content_scan_end(st, &w->scan);
	w->res->events = n;
	return rc;
}

static const char SQL_AMENDS[] = "SELECT amends FROM contact WHERE id = ?1";

/* The contact amendment id corrects (0: none). */
static int64_t
amended_by(struct store *st, int64_t id)
{
	int64_t v = 0;

	stmt_int64(st, SQL_AMENDS, id, &v, NULL, "cannot verify", NULL);
	return v;
}

static int
links(struct store *st, struct store_verify_result *res, struct cs_err *err)
{
	int64_t id;
	char why[256];
	int rc = first_id(st, SQL_UNAUDITED, &id, err);

	if (rc == CS_OK && id != 0) {
		say(why, sizeof why, "contact ", id, " has no audit event: it was written"
		    " behind cslog's back, or its event was removed (table contact)", 0, "");
		return verify_broken(res, 0, id, why, err);
	}
	if (rc == CS_OK && (rc = first_id(st, SQL_SILENT_REDACT, &id, err)) == CS_OK && id) {
		say(why, sizeof why, "contact ", id, " was redacted without an audit event"
		    " (table contact_private)", 0, "");
		return verify_broken(res, 0, id, why, err);
	}
	if (rc == CS_OK && (rc = first_id(st, SQL_BAD_SUPERSEDED, &id, err)) == CS_OK && id) {
		say(why, sizeof why, "contact ", id, " is marked superseded, but no amendment"
		    " replaced it (table contact)", 0, "");
		return verify_broken(res, 0, id, why, err);
	}
	if (rc == CS_OK && (rc = first_id(st, SQL_BAD_AMENDS, &id, err)) == CS_OK && id) {
		say(why, sizeof why, "amendment ", id, " is not recorded on contact ",
		    amended_by(st, id), ", which it corrects (table contact)");
		return verify_broken(res, 0, id, why, err);
	}
	return rc;
}

int
store_verify_since(struct store *st, int64_t after, struct store_verify_result *res,
                   struct cs_err *err)
{
	struct walk w = { .res = res };
	sqlite3_stmt *s;
	bool row = false;
	int rc;

	memset(res, 0, sizeof *res);
	res->ok = true;
	if ((s = stmt_get(st, SQL_HASH_OF, err)) == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, after);
	rc = stmt_row(st, s, &row, "cannot verify", err);
	if (rc == CS_OK && (!row || sqlite3_column_bytes(s, 0) != HASH_BYTES))
		rc = cs_err_set(err, CS_DATAERR, "audit event %lld is missing", (long long)after);
	if (rc == CS_OK)
		memcpy(w.prev, sqlite3_column_blob(s, 0), HASH_BYTES);
	sqlite3_reset(s);
	if (rc == CS_OK)
		rc = walk_chain(st, &w, after, err);
	if (rc != CS_OK && res->ok) {
		res->ok = false;
		str_copy(res->why, sizeof res->why, err != NULL ? err->msg : "cannot verify");
	}
	return rc;
}

/* The chain: every event, and the contacts they wrote. */
static int
verify_walk(struct store *st, struct walk *w, struct store_verify_result *res,
            struct cs_err *err)
{
	int rc;

	w->res = res;
	rc = first_id(st, SQL_COUNT, &w->total, err);
	if (rc == CS_OK)
		rc = walk_chain(st, w, 0, err);
	return rc;
}

/* Everything after the chain, stopping at the first problem, in two
 * parts that can run beside each other: the contacts counted, the links
 * and the other records (part 1); the queues and the report counts
 * (part 2). */
static int
verify_after(struct store *st, int part, struct store_verify_result *res, int64_t *contacts,
             struct cs_err *err)
{
	char why[512] = "";
	int rc = CS_OK;

	if (part == 1) {
		rc = first_id(st, SQL_CONTACTS, contacts, err);
		if (rc == CS_OK)
			res->contacts = *contacts;
		if (rc == CS_OK)
			rc = links(st, res, err);
		if (rc == CS_OK)
			rc = verify_rows(st, res, err);
		return rc;
	}
	rc = verify_queues(st, res, err);
	if (rc == CS_OK)
		rc = agg_verify(st, why, sizeof why, err);
	if (rc == CS_OK && why[0] != '\0')
		rc = verify_broken(res, 0, 0, why, err);
	return rc;
}

/* Each part of verify_after on a connection of its own, in a thread,
 * while the chain is walked on the store's (the walk is about a fifth
 * of a full verify's work, the integrity check a fifth, each part two
 * fifths or less; two cores).  Each check is one query or one pass of
 * its own, as on the store's connection, which holds no transaction
 * across them either.  Findings are reported in the order the checks
 * ran in when they ran one after the other: the walk's, part 1's, part
 * 2's. */
struct side {
	int part;
	struct store *st;     /* read-only, its own sqlite3 connection */
	pthread_t thread;
	bool started;
	struct store_verify_result res;
	struct cs_err err;
	int64_t contacts;     /* -1 until counted */
	int rc;
};

static void *
side_thread(void *arg)
{
	struct side *sd = arg;

	sd->rc = verify_after(sd->st, sd->part, &sd->res, &sd->contacts, &sd->err);
	return NULL;
}

static void
side_close(struct side *sd)
{
	if (sd->st == NULL)
		return;
	agg_discard(sd->st);
	stmt_cache_free(sd->st);
	sqlite3_close(sd->st->db);
	free(sd->st);
	sd->st = NULL;
}

/* Start part `part` where the integrity check runs beside too; false:
 * not started (the store's connection does it after the walk). */
static bool
side_start(struct store *st, int part, struct side *sd)
{
	struct store *o;

	memset(sd, 0, sizeof *sd);
	sd->part = part;
	sd->contacts = -1;
	sd->res.ok = true;
	if (st->path == NULL || store_readonly(st) != NULL ||
	    (o = calloc(1, sizeof *o)) == NULL)
		return false;
	o->mark_fd = -1;
	o->flags = STORE_READONLY;
	o->path = st->path;   /* borrowed: side_close does not free it */
	sd->st = o;
	if (sqlite3_open_v2(st->path, &o->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK ||
	    sqlite3_extended_result_codes(o->db, 1) != SQLITE_OK ||
	    sqlite3_busy_timeout(o->db, BUSY_TIMEOUT_MS) != SQLITE_OK ||
	    hash_register(o->db) != SQLITE_OK ||
	    sql_exec_raw(o->db, "PRAGMA temp_store = MEMORY") != SQLITE_OK ||
	    pthread_create(&sd->thread, NULL, side_thread, sd) != 0) {
		side_close(sd);
		return false;
	}
	sd->started = true;
	return true;
}

/* Wait for it; stop it early when something before it has already been
 * found (its finding would not be reported). */
static void
side_end(struct side *sd, bool stop)
{
	if (!sd->started)
		return;
	if (stop)
		sqlite3_interrupt(sd->st->db);
	pthread_join(sd->thread, NULL);
	sd->started = false;
}

/* Part `part`, run beside (sd) or now on the store's connection, its
 * finding (if none came before) into res and err. */
static int
side_take(struct store *st, struct side *sd, int rc, struct store_verify_result *res,
          struct cs_err *err)
{
	int64_t contacts = -1;

	if (!sd->st) {
		if (rc == CS_OK && res->ok)
			rc = verify_after(st, sd->part, res, &contacts, err);
		return rc;
	}
	side_end(sd, rc != CS_OK || !res->ok);
	if (rc == CS_OK && sd->contacts >= 0)
		res->contacts = sd->contacts;
	if (rc == CS_OK && res->ok && (sd->rc != CS_OK || !sd->res.ok)) {
		res->ok = false;
		res->bad_event = sd->res.bad_event;
		res->bad_contact = sd->res.bad_contact;
		str_copy(res->why, sizeof res->why, sd->res.ok ? sd->err.msg : sd->res.why);
		if (err != NULL)
			*err = sd->err;
		rc = sd->rc != CS_OK ? sd->rc : cs_err_set(err, CS_DATAERR, "%s", res->why);
	}
	side_close(sd);
	return rc;
}

/* Everything but SQLite's integrity check, stopping at the first problem
 * (the checks after the walk beside it where they can be). */
static int
verify_rest(struct store *st, struct walk *w, struct store_verify_result *res,
            struct cs_err *err)
{
	struct side one, two;
	int rc;

	side_start(st, 1, &one);
	side_start(st, 2, &two);
	rc = verify_walk(st, w, res, err);
	rc = side_take(st, &one, rc, res, err);
	rc = side_take(st, &two, rc, res, err);
	if (rc != CS_OK && res->ok) {
		res->ok = false;
		str_copy(res->why, sizeof res->why, err != NULL ? err->msg : "cannot verify");
	}
	return rc;
}

int
store_verify(struct store *st, void (*progress)(void *ctx, int64_t done, int64_t total),
             void *ctx, struct store_verify_result *res, struct cs_err *err)
{
	struct walk w = { .res = res, .progress = progress, .ctx = ctx };
	struct store_verify_result walked;
	struct cs_err werr = { 0 };
	struct integ in;
	int rc, irc;

	memset(res, 0, sizeof *res);
	res->ok = true;
	integrity_start(st, &in);
	if (in.started) {   /* the rest beside it, then its verdict first */
		memset(&walked, 0, sizeof walked);
		walked.ok = true;
		rc = verify_rest(st, &w, &walked, &werr);
		irc = integrity_end(st, &in, res, err);
		if (irc != CS_OK || !res->ok)
			return irc != CS_OK ? irc : cs_err_set(err, CS_DATAERR, "%s", res->why);
		*res = walked;
		if (rc != CS_OK && err != NULL)
			*err = werr;
	} else {
		rc = integrity(st, res, err);
		if (rc == CS_OK)
			rc = verify_rest(st, &w, res, err);
	}
	if (rc == CS_OK && progress != NULL)
		progress(ctx, w.total, w.total);
	if (rc != CS_OK && res->ok) {
		res->ok = false;
		str_copy(res->why, sizeof res->why, err != NULL ? err->msg : "cannot verify");
	}
	return rc;
}
