/* review.c - sign-offs, debriefs and commendations.  A review is a fact:
 * the database refuses to change or delete one.  A sign-off takes the
 * contact out of the unreviewed queue; notes join the search index. */
#include <string.h>

#include "internal.h"

static const char SQL_CONTACT[] = "SELECT 1 FROM contact WHERE id = ?1";
static const char SQL_REVIEWER[] = "SELECT 1 FROM member WHERE id = ?1";
static const char SQL_INSERT[] =
	"INSERT INTO review (contact_id, member_id, at, kind, note) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_DEQUEUE[] = "DELETE FROM unreviewed WHERE contact_id = ?1";
static const char SQL_DEBRIEFED[] = "DELETE FROM debrief_due WHERE contact_id = ?1";
static const char SQL_DETAIL[] =
	"SELECT json_object('contact', ?1, 'kind', ?2,"
	" 'row', (SELECT " ROW_REVIEW " FROM review WHERE review.id = ?3))";
static const char SQL_LIST[] =
	"SELECT r.id, r.contact_id, r.member_id, r.at, r.kind, r.note, m.badge, m.name"
	" FROM review r JOIN member m ON m.id = r.member_id WHERE r.contact_id = ?1"
	" ORDER BY r.id";

static int
exists(struct store *st, const char *sql, int64_t id, bool *found, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, sql, err);
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, found, "cannot read the log", err);
	sqlite3_reset(s);
	return rc;
}

static int
insert(struct store *st, int64_t actor_id, int64_t contact_id, enum review_kind kind,
       const char *note, int64_t now, int64_t *id, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_INSERT, err);
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, contact_id);
	sqlite3_bind_int64(s, 2, actor_id);
	sqlite3_bind_int64(s, 3, now);
	bind_text(s, 4, record_review_kind_name(kind));
	bind_text(s, 5, note != NULL && *note != '\0' ? note : NULL);
	rc = stmt_done(st, s, "the review was not saved", err);
	*id = sqlite3_last_insert_rowid(st->db);
	if (rc != CS_OK || kind == REVIEW_COMMEND)
		return rc;
	s = stmt_get(st, kind == REVIEW_SIGN_OFF ? SQL_DEQUEUE : SQL_DEBRIEFED, err);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, contact_id);
	rc = stmt_done(st, s, "the review was not saved", err);
	if (rc == CS_OK && kind == REVIEW_DEBRIEF && sqlite3_changes(st->db) > 0)
		rc = agg_contact_dim(st, contact_id, DIM_DEBRIEF_DUE, "due", -1, err);
	return rc;
}

static int
add(struct store *st, int64_t actor_id, int64_t contact_id, enum review_kind kind,
    const char *note, int64_t now, int64_t *id, struct cs_err *err)
{
	sqlite3_stmt *d;
	bool found;
	int rc = exists(st, SQL_REVIEWER, actor_id, &found, err);

	if (rc == CS_OK && !found)
		return cs_err_set(err, CS_NOUSER, "no member %lld", (long long)actor_id);
	if (rc == CS_OK)
		rc = exists(st, SQL_CONTACT, contact_id, &found, err);
	if (rc == CS_OK && !found)
		return cs_err_set(err, CS_NOINPUT, "no contact %lld", (long long)contact_id);
	if (rc == CS_OK)
		rc = fts_forget(st, contact_id, err);
	if (rc == CS_OK)
		rc = insert(st, actor_id, contact_id, kind, note, now, id, err);
	if (rc == CS_OK)
		rc = fts_index(st, contact_id, err);
	if (rc != CS_OK)
		return rc;
	d = stmt_get(st, SQL_DETAIL, err);
	if (d == NULL)
		return err_code(err);
	sqlite3_bind_int64(d, 1, contact_id);
	bind_text(d, 2, record_review_kind_name(kind));
	sqlite3_bind_int64(d, 3, *id);
	return audit_append(st, actor_id, "review.add", "review", *id, now, d, err);
}

int
store_review_add(struct store *st, int64_t actor_id, int64_t contact_id,
                 enum review_kind kind, const char *note, int64_t now, int64_t *id,
                 struct cs_err *err)
{
	int64_t new_id = 0;
	int rc;

	if (id != NULL)
		*id = 0;
	if ((unsigned)kind > REVIEW_COMMEND)
		return cs_err_set(err, CS_DATAERR, "no such kind of review");
	rc = check_text("the note", note, CONTACT_TEXT_MAX, kind != REVIEW_SIGN_OFF, err);
	if (rc == CS_OK)
		rc = tx_begin_for(st, "the review was not saved", err);
	if (rc != CS_OK)
		return rc;
	rc = tx_end(st, add(st, actor_id, contact_id, kind, note, now, &new_id, err), err);
	if (id != NULL)
		*id = rc == CS_OK ? new_id : 0;
	return rc;
}

static int
decode(sqlite3_stmt *s, struct review *r)
{
	struct record_mem *m = NULL;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	r->contact_id = sqlite3_column_int64(s, 1);
	r->member_id = sqlite3_column_int64(s, 2);
	r->at = sqlite3_column_int64(s, 3);
	r->kind = (enum review_kind)record_review_kind_parse(
		(const char *)sqlite3_column_text(s, 4));
	r->note = col_dup(&m, s, 5);
	r->reviewer_badge = col_dup(&m, s, 6);
	r->reviewer_name = col_dup(&m, s, 7);
	r->mem = m;
	if ((int)r->kind < 0)
		r->kind = REVIEW_DEBRIEF;
	return r->reviewer_badge != NULL && r->reviewer_name != NULL &&
	       (r->note != NULL || sqlite3_column_type(s, 5) == SQLITE_NULL) ? 0 : -1;
}

int
store_review_list(struct store *st, int64_t contact_id, store_review_cb cb, void *ctx,
                  struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_LIST, err);
	struct review r;
	bool row = true;
	int rc = CS_OK, stop = 0;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, contact_id);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the reviews", err)) == CS_OK
	       && row) {
		if (decode(s, &r) != 0) {
			record_review_clear(&r);
			rc = cs_err_set(err, CS_OSERR, "out of memory");
			break;
		}
		stop = cb(ctx, &r);
		record_review_clear(&r);
	}
	stmt_release(st, s);
	return rc;
}
