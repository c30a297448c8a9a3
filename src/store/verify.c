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
/* the number of events when the chain is whole (for the progress shown) */
static const char SQL_COUNT[] = "SELECT max(id) FROM audit";
static const char SQL_WALK[] =
	"SELECT id, at, actor_id, action, entity, entity_id, detail, prev_hash, hash,"
	" CASE WHEN action IN ('contact.insert', 'contact.amend') THEN"
	"  json_extract(detail, '$.content') END,"
	" CASE WHEN action IN ('contact.insert', 'contact.amend') THEN"
	"  json_extract(detail, '$.protected') END,"
	" CASE WHEN entity = 'contact' AND action IN ('contact.insert', 'contact.amend',"
	"  'baseline') THEN json_extract(detail, '$.debrief') = 1 END"
	" FROM audit WHERE id > ?1 ORDER BY id";
static const char SQL_HASH_OF[] = "SELECT hash FROM audit WHERE id = ?1";
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

struct walk {
	struct store_verify_result *res;
	void (*progress)(void *ctx, int64_t done, int64_t total);
	void *ctx;
	int64_t total;
	unsigned char prev[HASH_BYTES];
	struct content_scan scan;   /* the contacts, read forward */
	struct verify_seen *seen;   /* the contacts logged or amended (full verify) */
	struct verify_seen *due;    /* those whose events said a debrief is due (same) */
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
	if (w->seen != NULL && action != NULL && entity != NULL &&
	    sqlite3_column_type(s, 5) == SQLITE_INTEGER && strcmp(entity, "contact") == 0 &&
	    (strcmp(action, "contact.insert") == 0 || strcmp(action, "contact.amend") == 0) &&
	    verify_seen_add(w->seen, sqlite3_column_int64(s, 5)) != 0)
		return cs_err_set(err, CS_OSERR, "out of memory");
	if (w->due != NULL && sqlite3_column_int(s, 11) == 1 &&
	    verify_seen_add(w->due, sqlite3_column_int64(s, 5)) != 0)
		return cs_err_set(err, CS_OSERR, "out of memory");
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
	int rc = first_id(st, SQL_SILENT_REDACT, &id, err);

	if (rc == CS_OK && id != 0) {
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

/* The chain: every event, and the contacts they wrote; then every
 * contact has its event (verify_seen.c), the contacts counted. */
static int
verify_walk(struct store *st, struct walk *w, struct store_verify_result *res,
            struct cs_err *err)
{
	struct verify_seen seen = { 0 };
	int64_t id = 0;
	char why[256];
	int rc;

	w->res = res;
	w->seen = &seen;
	rc = first_id(st, SQL_COUNT, &w->total, err);
	if (rc == CS_OK)
		rc = walk_chain(st, w, 0, err);
	if (rc == CS_OK)
		rc = verify_unseen(st, &seen, &id, &res->contacts, err);
	if (w->due != NULL)
		verify_seen_sort(w->due);
	verify_seen_free(&seen);
	w->seen = NULL;
	if (rc == CS_OK && id != 0) {
		say(why, sizeof why, "contact ", id, " has no audit event: it was written"
		    " behind cslog's back, or its event was removed (table contact)", 0, "");
		return verify_broken(res, 0, id, why, err);
	}
	return rc;
}

/* Everything after the chain but the queues, stopping at the first
 * problem, in two parts that can run beside each other: the links
 * between contacts and the other records (part 1); the report counts
 * (part 2). */
static int
verify_after(struct store *st, int part, struct store_verify_result *res, struct cs_err *err)
{
	char why[512] = "";
	int rc = CS_OK;

	if (part == 1) {
		rc = links(st, res, err);
		if (rc == CS_OK)
			rc = verify_rows(st, res, err);
		return rc;
	}
	rc = agg_verify(st, why, sizeof why, err);
	if (rc == CS_OK && why[0] != '\0')
		rc = verify_broken(res, 0, 0, why, err);
	return rc;
}

/* The checks in four parts, each on a read-only connection of its own
 * in a thread of its own, all four reading the same state of the file
 * (verify_conn.c): SQLite's integrity check (part 0); the links and
 * other records (part 1); the report counts (part 2); and on this
 * thread the walk with every contact's event, then the queues (which
 * take from the walk the contacts whose events said a debrief is due).
 * Findings are reported in the order the checks ran in when they ran
 * one after the other: the integrity check's (a damaged file is named
 * as such first), the walk's, part 1's, the queues', part 2's; a part
 * is stopped early when something before it has been found (its
 * finding would not be reported), but for the integrity check, whose
 * verdict comes first. */
enum { R_INTEGRITY, R_WALK, R_ONE, R_TWO, N_READERS };

struct part {
	int part;             /* 0, 1, 2 */
	struct store *st;     /* its connection */
	pthread_t thread;
	bool started;
	struct store_verify_result res;
	struct cs_err err;
	int rc;
};

static int
part_run(struct store *st, int part, struct store_verify_result *res, struct cs_err *err)
{
	return part == 0 ? integrity(st, res, err) : verify_after(st, part, res, err);
}

static void *
part_thread(void *arg)
{
	struct part *p = arg;

	p->rc = part_run(p->st, p->part, &p->res, &p->err);
	return NULL;
}

static void
part_start(struct part *p, int part, struct store *rd)
{
	memset(p, 0, sizeof *p);
	p->part = part;
	p->st = rd;
	p->res.ok = true;
	p->started = pthread_create(&p->thread, NULL, part_thread, p) == 0;
}

/* Its result (run here if its thread could not be started); stopped
 * early when stop. */
static void
part_end(struct part *p, bool stop)
{
	if (!p->started) {
		if (!stop)
			p->rc = part_run(p->st, p->part, &p->res, &p->err);
		else
			p->rc = cs_err_set(&p->err, CS_TEMPFAIL, "not run");
		return;
	}
	if (stop)
		sqlite3_interrupt(p->st->db);
	pthread_join(p->thread, NULL);
	p->started = false;
}

/* A later check's outcome (prc, pres, perr) into res and err if nothing
 * came before it. */
static int
take(int rc, struct store_verify_result *res, struct cs_err *err, int prc,
     const struct store_verify_result *pres, const struct cs_err *perr)
{
	if (rc != CS_OK || !res->ok || (prc == CS_OK && pres->ok))
		return rc;
	res->ok = false;
	res->bad_event = pres->bad_event;
	res->bad_contact = pres->bad_contact;
	str_copy(res->why, sizeof res->why, pres->ok ? perr->msg : pres->why);
	if (err != NULL)
		*err = *perr;
	return prc != CS_OK ? prc : cs_err_set(err, CS_DATAERR, "%s", res->why);
}

/* Part 1 or 2's finding into res and err if none came before. */
static int
part_take(struct part *p, int rc, struct store_verify_result *res, struct cs_err *err)
{
	part_end(p, rc != CS_OK || !res->ok);
	return take(rc, res, err, p->rc, &p->res, &p->err);
}

/* The integrity check's verdict, which comes before everything else:
 * CS_OK, or the damage named in res and err.  A connection that could
 * not read the file gives its verdict on the store's connection, as
 * the check did there before (it names a file too damaged to be
 * checked). */
static int
integrity_take(struct store *st, struct part *p, struct store_verify_result *res,
               struct cs_err *err)
{
	part_end(p, false);
	if (!p->res.ok) {
		*res = p->res;
		if (err != NULL)
			*err = p->err;
		return p->rc;
	}
	if (p->rc != CS_OK)
		return integrity(st, res, err);
	return CS_OK;
}

/* Everything on the store's connection, one check after another, in one
 * read transaction. */
static int
verify_alone(struct store *st, struct walk *w, struct store_verify_result *res,
             struct cs_err *err)
{
	bool began = verify_alone_begin(st);
	int rc = integrity(st, res, err);

	if (rc == CS_OK)
		rc = verify_walk(st, w, res, err);
	if (rc == CS_OK)
		rc = verify_after(st, 1, res, err);
	if (rc == CS_OK)
		rc = verify_queues(st, w->due, res, err);
	if (rc == CS_OK)
		rc = verify_after(st, 2, res, err);
	verify_alone_end(st, began);
	return rc;
}

/* The four parts beside each other on rd, which read one state. */
static int
verify_beside(struct store *st, struct store *rd[N_READERS], struct walk *w,
              struct store_verify_result *res, struct cs_err *err)
{
	struct store_verify_result walked, queued;
	struct cs_err werr = { 0 }, qerr = { 0 };
	struct part p[3];
	int rc, qrc = CS_OK, irc;

	part_start(&p[0], 0, rd[R_INTEGRITY]);
	part_start(&p[1], 1, rd[R_ONE]);
	part_start(&p[2], 2, rd[R_TWO]);
	memset(&walked, 0, sizeof walked);
	walked.ok = true;
	queued = walked;
	rc = verify_walk(rd[R_WALK], w, &walked, &werr);
	if (rc == CS_OK && walked.ok)
		qrc = verify_queues(rd[R_WALK], w->due, &queued, &qerr);
	rc = part_take(&p[1], rc, &walked, &werr);
	rc = take(rc, &walked, &werr, qrc, &queued, &qerr);
	rc = part_take(&p[2], rc, &walked, &werr);
	if (rc != CS_OK && walked.ok) {
		walked.ok = false;
		str_copy(walked.why, sizeof walked.why, werr.msg);
	}
	irc = integrity_take(st, &p[0], res, err);
	if (irc != CS_OK || !res->ok)
		return irc != CS_OK ? irc : cs_err_set(err, CS_DATAERR, "%s", res->why);
	*res = walked;
	if (rc != CS_OK && err != NULL)
		*err = werr;
	return rc;
}

int
store_verify(struct store *st, void (*progress)(void *ctx, int64_t done, int64_t total),
             void *ctx, struct store_verify_result *res, struct cs_err *err)
{
	struct verify_seen due = { 0 };
	struct walk w = { .res = res, .progress = progress, .ctx = ctx, .due = &due };
	struct store *rd[N_READERS] = { NULL };
	bool beside = true;
	int i, rc;

	memset(res, 0, sizeof *res);
	res->ok = true;
	for (i = 0; beside && i < N_READERS; i++)
		beside = (rd[i] = verify_reader(st)) != NULL;
	beside = beside && verify_same_state(st, rd, N_READERS);
	if (beside)
		rc = verify_beside(st, rd, &w, res, err);
	for (i = 0; i < N_READERS; i++)
		verify_reader_close(rd[i]);
	if (!beside)
		rc = verify_alone(st, &w, res, err);
	verify_seen_free(&due);
	if (rc == CS_OK && progress != NULL)
		progress(ctx, w.total, w.total);
	if (rc != CS_OK && res->ok) {
		res->ok = false;
		str_copy(res->why, sizeof res->why, err != NULL ? err->msg : "cannot verify");
	}
	return rc;
}
