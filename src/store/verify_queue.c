/* verify_queue.c - the queues recomputed from the records, by ordered
 * scans.
 *
 * The queues (unreviewed, debrief due) hold nothing of their own.  A
 * contact belongs in the unreviewed queue when no sign-off of it was
 * recorded; in the debrief queue when it is current, the event that
 * logged it (or the upgrade to v6, 'baseline') says a debrief is due,
 * and no debrief of it was recorded.  Asked per contact, that is four
 * look-ups for each (the queues, its reviews, its logging event with
 * its detail parsed).  Here each source is read once, in contact id
 * order, and stepped on as the contacts go by: the contacts by rowid,
 * the queues by their keys, the signed-off and debriefed contacts and
 * the events that said a debrief is due each as one ordered list.  The
 * first contact whose place in a queue is wrong is named, the
 * unreviewed queue's before the debrief queue's, as before.
 *
 * The events that said a debrief is due are the walk's to give when
 * verify walks the chain first (it reads every event's detail anyway:
 * verify.c keeps the contact ids, verify_seen.c); otherwise they are
 * read here (SQL_SAID_DUE). */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

static const char SQL_CONTACTS[] = "SELECT id, superseded_by IS NULL FROM contact ORDER BY id";
static const char SQL_UNREVIEWED[] = "SELECT contact_id FROM unreviewed ORDER BY contact_id";
static const char SQL_SIGNED[] =
	"SELECT DISTINCT contact_id FROM review WHERE kind = 'sign-off' ORDER BY contact_id";
static const char SQL_DEBRIEF_Q[] = "SELECT contact_id FROM debrief_due ORDER BY contact_id";
static const char SQL_DEBRIEFED[] =
	"SELECT DISTINCT contact_id FROM review WHERE kind = 'debrief' ORDER BY contact_id";
static const char SQL_SAID_DUE[] =
	"SELECT DISTINCT entity_id FROM audit WHERE entity = 'contact'"
	" AND action IN ('contact.insert', 'contact.amend', 'baseline')"
	" AND json_extract(detail, '$.debrief') = 1 ORDER BY entity_id";

enum { S_UNREVIEWED, S_SIGNED, S_DEBRIEF_Q, S_DEBRIEFED, S_SAID_DUE, N_SIDES };

/* One ordered list of contact ids, a statement's or ids given (v, n),
 * and where it stands (INT64_MAX at its end; a NULL id reads as 0,
 * which no contact has). */
struct list {
	sqlite3_stmt *s;
	const int64_t *v;
	size_t n, i;
	int64_t at;
};

static int
list_step(struct store *st, struct list *l, struct cs_err *err)
{
	bool row;
	int rc;

	if (l->s == NULL) {
		l->at = l->i < l->n ? l->v[l->i++] : INT64_MAX;
		return CS_OK;
	}
	rc = stmt_row(st, l->s, &row, "cannot verify", err);
	l->at = rc == CS_OK && row ? sqlite3_column_int64(l->s, 0) : INT64_MAX;
	return rc;
}

/* Does list l hold id?  (ids asked in ascending order) */
static int
list_has(struct store *st, struct list *l, int64_t id, bool *has, struct cs_err *err)
{
	int rc = CS_OK;

	while (rc == CS_OK && l->at < id)
		rc = list_step(st, l, err);
	*has = l->at == id;
	return rc;
}

struct wrong {
	int64_t id;   /* 0: none yet */
	bool in;      /* is it in the queue */
};

/* Contact id (current or not) against both queues. */
static int
check_one(struct store *st, struct list l[N_SIDES], int64_t id, bool current,
          struct wrong *u, struct wrong *d, struct cs_err *err)
{
	bool in_u, signed_off, in_d = false, debriefed = false, said = false;
	int rc = list_has(st, &l[S_UNREVIEWED], id, &in_u, err);

	if (rc == CS_OK)
		rc = list_has(st, &l[S_SIGNED], id, &signed_off, err);
	if (rc == CS_OK && u->id == 0 && in_u == signed_off)
		*u = (struct wrong){ id, in_u };
	if (rc == CS_OK && d->id == 0)
		rc = list_has(st, &l[S_DEBRIEF_Q], id, &in_d, err);
	if (rc == CS_OK && d->id == 0 && current)
		rc = list_has(st, &l[S_DEBRIEFED], id, &debriefed, err);
	if (rc == CS_OK && d->id == 0 && current && !debriefed)
		rc = list_has(st, &l[S_SAID_DUE], id, &said, err);
	if (rc == CS_OK && d->id == 0 && in_d != (current && !debriefed && said))
		*d = (struct wrong){ id, in_d };
	return rc;
}

static int
fail(struct store_verify_result *res, struct cs_err *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct store_verify_result *res, struct cs_err *err, const char *fmt, ...)
{
	char why[sizeof res->why];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	return verify_broken(res, 0, 0, why, err);
}

static int
scan(struct store *st, sqlite3_stmt *c, struct list l[N_SIDES], const struct verify_seen *due,
     struct wrong *u, struct wrong *d, struct cs_err *err)
{
	static const char *const sql[N_SIDES] = { SQL_UNREVIEWED, SQL_SIGNED, SQL_DEBRIEF_Q,
	                                          SQL_DEBRIEFED, SQL_SAID_DUE };
	bool row = true;
	int i, rc = CS_OK;

	for (i = 0; rc == CS_OK && i < N_SIDES; i++) {
		if (i == S_SAID_DUE && due != NULL) {
			l[i].v = due->v;
			l[i].n = due->n;
		} else if ((l[i].s = stmt_hold(st, sql[i], err)) == NULL) {
			rc = err_code(err);
		}
		if (rc == CS_OK)
			rc = list_step(st, &l[i], err);
	}
	/* the unreviewed queue's first wrong contact is named first: once
	 * found, nothing after it can be */
	while (rc == CS_OK && u->id == 0 &&
	       (rc = stmt_row(st, c, &row, "cannot verify", err)) == CS_OK && row)
		rc = check_one(st, l, sqlite3_column_int64(c, 0), sqlite3_column_int(c, 1) != 0,
		               u, d, err);
	return rc;
}

int
verify_queues(struct store *st, const struct verify_seen *due, struct store_verify_result *res,
              struct cs_err *err)
{
	struct list l[N_SIDES] = { { 0 } };
	struct wrong u = { 0 }, d = { 0 };
	sqlite3_stmt *c = stmt_hold(st, SQL_CONTACTS, err);
	int i, rc = c == NULL ? err_code(err) : scan(st, c, l, due, &u, &d, err);

	for (i = 0; i < N_SIDES; i++) {
		if (l[i].s != NULL)
			stmt_release(st, l[i].s);
	}
	if (c != NULL)
		stmt_release(st, c);
	if (rc == CS_OK && u.id != 0)
		return fail(res, err, u.in ? "contact %lld is signed off but still in the"
		            " unreviewed queue (table unreviewed)" : "contact %lld is not signed"
		            " off but was taken out of the unreviewed queue behind cslog's back"
		            " (table unreviewed)", (long long)u.id);
	if (rc == CS_OK && d.id != 0)
		return fail(res, err, d.in ? "contact %lld is in the debrief queue, but its"
		            " records say no debrief is due (table debrief_due)" : "contact %lld"
		            " waits for a debrief but was taken out of the debrief queue behind"
		            " cslog's back (table debrief_due)", (long long)d.id);
	return rc;
}
