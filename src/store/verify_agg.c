/* verify_agg.c - the report counts recounted from the records by ordered
 * scans, for verify and for rebuilding them.
 *
 * agg_contact reads one contact's sources with three look-ups (its row,
 * its answers, its follow-ups and debrief); over every contact that is
 * three index searches per contact, the largest part of a full verify
 * after the chain walk.  Here the same sources are read forward, each
 * table once in contact id order: the current contacts by rowid, the
 * answers by their primary key (contact_id, ord), the follow-ups
 * grouped by contact through their contact index, and the debrief queue
 * by its key.  The three side scans are stepped on to each contact's id
 * as the contacts go by (rows of contacts that are superseded or gone
 * are passed over, as the look-ups never read them).  Each contact is
 * then counted by agg_add exactly as agg_contact counts it, the limits
 * of its open follow-ups (few contacts have any) by their own look-up.
 * tests/unit/store_report.c checks, through verify, that this recount
 * equals the counts kept as its random contacts were written. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char SQL_CONTACTS[] =
	"SELECT id, policy_id, at, kind, channel, outcome, member_id, empowered,"
	" added_value IS NOT NULL, needs_met FROM contact WHERE superseded_by IS NULL"
	" ORDER BY id";
static const char SQL_ANSWERS[] =
	"SELECT contact_id, question_id, answer FROM contact_answer ORDER BY contact_id, ord";
static const char SQL_FOLLOWUPS[] =
	"SELECT contact_id, count(*) FILTER (WHERE state = 2 AND done_grade = 0),"
	" count(*) FILTER (WHERE state = 2 AND done_grade = 1),"
	" count(*) FILTER (WHERE state = 2 AND done_grade = 2),"
	" count(*) FILTER (WHERE state < 2)"
	" FROM followup GROUP BY contact_id ORDER BY contact_id";
static const char SQL_DEBRIEFS[] = "SELECT contact_id FROM debrief_due ORDER BY contact_id";

/* A side scan: its statement and the contact id of its current row
 * (INT64_MAX once it has no more). */
struct side {
	sqlite3_stmt *s;
	int64_t at;
};

static int
side_step(struct store *st, struct side *d, struct cs_err *err)
{
	bool row;
	int rc = stmt_row(st, d->s, &row, "cannot count", err);

	d->at = rc == CS_OK && row ? sqlite3_column_int64(d->s, 0) : INT64_MAX;
	return rc;
}

/* Step d on to the first row of contact id or after it. */
static int
side_seek(struct store *st, struct side *d, int64_t id, struct cs_err *err)
{
	int rc = CS_OK;

	while (rc == CS_OK && d->at < id)
		rc = side_step(st, d, err);
	return rc;
}

/* The question ids of one contact, copied out of the answer scan (its
 * texts last only until it steps). */
struct qbuf {
	char *b;
	size_t used, cap;
	size_t off[POLICY_MAX_QUESTIONS];
};

static int
qbuf_put(struct qbuf *q, size_t i, const unsigned char *t, int len)
{
	size_t need = q->used + (size_t)len + 1;
	char *nb;

	if (need > q->cap) {
		nb = realloc(q->b, need * 2);
		if (nb == NULL)
			return -1;
		q->b = nb;
		q->cap = need * 2;
	}
	memcpy(q->b + q->used, t, (size_t)len);
	q->b[q->used + (size_t)len] = '\0';
	q->off[i] = q->used;
	q->used = need;
	return 0;
}

/* The answers of contact id into src (at most POLICY_MAX_QUESTIONS, in
 * their order, as agg_contact reads them). */
static int
take_answers(struct store *st, struct side *a, int64_t id, struct agg_src *src,
             struct qbuf *q, struct cs_err *err)
{
	const unsigned char *t;
	size_t i;
	int rc = side_seek(st, a, id, err);

	q->used = 0;
	while (rc == CS_OK && a->at == id) {
		if (src->n < POLICY_MAX_QUESTIONS) {
			t = sqlite3_column_text(a->s, 1);
			if (t == NULL || qbuf_put(q, src->n, t, sqlite3_column_bytes(a->s, 1)) != 0)
				return cs_err_set(err, CS_OSERR, "out of memory");
			t = sqlite3_column_text(a->s, 2);
			src->failed[src->n] = t != NULL && strcmp((const char *)t, "no") == 0;
			src->n++;
		}
		rc = side_step(st, a, err);
	}
	for (i = 0; i < src->n; i++)
		src->question[i] = q->b + q->off[i];
	return rc;
}

static int
take_followups(struct store *st, struct side *f, int64_t id, struct agg_src *src,
               struct cs_err *err)
{
	int rc = side_seek(st, f, id, err);

	if (rc == CS_OK && f->at == id) {
		src->fu_done[DEADLINE_ON_TARGET] = sqlite3_column_int64(f->s, 1);
		src->fu_done[DEADLINE_WITHIN_LIMIT] = sqlite3_column_int64(f->s, 2);
		src->fu_done[DEADLINE_LATE] = sqlite3_column_int64(f->s, 3);
		src->fu_open = sqlite3_column_int64(f->s, 4);
	}
	return rc;
}

/* Count the contact at the scan's row. */
static int
count_one(struct store *st, sqlite3_stmt *c, struct side sides[3], struct qbuf *q,
          struct cs_err *err)
{
	struct agg_src src;
	int64_t id = sqlite3_column_int64(c, 0);
	int rc;

	memset(&src, 0, sizeof src);
	src.policy = (const char *)sqlite3_column_text(c, 1);
	src.at = sqlite3_column_int64(c, 2);
	src.kind = (const char *)sqlite3_column_text(c, 3);
	src.channel = (const char *)sqlite3_column_text(c, 4);
	src.outcome = (const char *)sqlite3_column_text(c, 5);
	src.member_id = sqlite3_column_int64(c, 6);
	src.empowered = col_tri(c, 7);
	src.added_value = sqlite3_column_int(c, 8) != 0;
	src.needs_met = col_tri(c, 9);
	if (src.policy == NULL || src.kind == NULL || src.channel == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");   /* as agg_contact */
	rc = take_answers(st, &sides[0], id, &src, q, err);
	if (rc == CS_OK)
		rc = take_followups(st, &sides[1], id, &src, err);
	if (rc == CS_OK)
		rc = side_seek(st, &sides[2], id, err);
	if (rc != CS_OK)
		return rc;
	src.debrief_due = sides[2].at == id;
	rc = agg_add(st, &src, +1, err);
	if (rc == CS_OK && src.fu_open > 0)
		rc = agg_count_contact_limits(st, id, src.policy, src.at, +1, err);
	return rc;
}

int
agg_count_all(struct store *st, struct cs_err *err)
{
	static const char *const side_sql[3] = { SQL_ANSWERS, SQL_FOLLOWUPS, SQL_DEBRIEFS };
	struct side sides[3] = { { 0 } };
	struct qbuf q = { 0 };
	sqlite3_stmt *c = stmt_hold(st, SQL_CONTACTS, err);
	bool row = true;
	int i, rc = c == NULL ? err_code(err) : CS_OK;

	for (i = 0; rc == CS_OK && i < 3; i++) {
		sides[i].s = stmt_hold(st, side_sql[i], err);
		rc = sides[i].s == NULL ? err_code(err) : side_step(st, &sides[i], err);
	}
	while (rc == CS_OK && (rc = stmt_row(st, c, &row, "cannot count", err)) == CS_OK && row)
		rc = count_one(st, c, sides, &q, err);
	for (i = 0; i < 3; i++) {
		if (sides[i].s != NULL)
			stmt_release(st, sides[i].s);
	}
	if (c != NULL)
		stmt_release(st, c);
	free(q.b);
	return rc;
}
