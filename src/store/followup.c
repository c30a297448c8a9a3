/* followup.c - follow-ups and their clocks.
 *
 * A follow-up is due by its target (due_at) and overdue only past its
 * limit (limit_at); the clock stops while it waits on the customer.  The
 * rules are core's (deadline.h), and this file follows them: due_eff and
 * limit_eff (the target and limit plus every finished pause) and
 * done_grade are computed by deadline.h's functions whenever a
 * follow-up is written, and kept as columns so that the open ones can be
 * walked by due time and "overdue" is one index range: "state = 0 AND
 * limit_eff < now" is deadline_overdue() on those columns.  Everything
 * decoded (overdue, the clock's state) is decided by deadline.h. */
#include <string.h>

#include "cslog/deadline.h"

#include "internal.h"

#define FOLLOWUP_SELECT "SELECT f.id, f.contact_id, c.member_id, f.created_at, f.due_at," \
	" f.due_eff, f.state, f.paused_at, f.pause_reason, f.paused_seconds, f.done_at," \
	" f.done_by, f.note, f.done_note, f.limit_at, f.limit_eff, f.done_grade "
#define FOLLOWUP_COLS FOLLOWUP_SELECT "FROM followup f JOIN contact c ON c.id = f.contact_id "
/* The unfinished ones (?2: only overdue at ?3, deadline_overdue), soonest
 * due first, ?4 at most. */
#define SQL_OPEN_ONES "f.state < 2 AND (?2 = 0 OR (f.state = 0 AND f.limit_eff < ?3))" \
	" ORDER BY f.due_eff, f.id LIMIT ?4"
static const char SQL_GET[] = FOLLOWUP_COLS "WHERE f.id = ?1";
static const char SQL_OF_CONTACT[] = FOLLOWUP_COLS "WHERE f.contact_id = ?1 ORDER BY f.id";
static const char SQL_LIST[] = FOLLOWUP_COLS "WHERE " SQL_OPEN_ONES;
/* One member's (?1): from their contacts (an index of member ids) to
 * their open follow-ups (a small index of the open ones by contact),
 * sorted after.  Walking everyone's open follow-ups in due order and
 * looking up each one's contact read thousands of contact rows at 1M
 * contacts, most of them for a supervisor who has logged none. */
static const char SQL_LIST_MEMBER[] = FOLLOWUP_SELECT
	"FROM contact c CROSS JOIN followup f INDEXED BY followup_open_contact"
	" ON f.contact_id = c.id WHERE c.member_id = ?1 AND " SQL_OPEN_ONES;
/* The done ones (?1: one member's, 0 everyone's), the latest promised
 * first, ?4 at most: a walk down the follow-ups' own key. */
static const char SQL_LIST_DONE[] = FOLLOWUP_COLS
	"WHERE f.state = 2 AND (?1 = 0 OR c.member_id = ?1)"
	" ORDER BY f.id DESC LIMIT ?4";
static const char SQL_CONTACT[] = "SELECT 1 FROM contact WHERE id = ?1";
static const char SQL_INSERT[] =
	"INSERT INTO followup (contact_id, created_at, due_at, due_eff, limit_at, limit_eff, note)"
	" VALUES (?1, ?2, ?3, ?3, ?4, ?4, ?5)";
#define FOLLOWUP_ROW_OF(n) "'row', (SELECT " ROW_FOLLOWUP " FROM followup WHERE followup.id = " n ")"
static const char SQL_ADD_DETAIL[] =
	"SELECT json_object('contact', ?1, 'due', ?2, 'limit', ?3, " FOLLOWUP_ROW_OF("?4") ")";
static const char SQL_STATE[] =
	"SELECT contact_id, state, paused_at, due_at, limit_at, paused_seconds"
	" FROM followup WHERE id = ?1";
static const char SQL_PAUSE[] =
	"UPDATE followup SET state = 1, paused_at = ?2, pause_reason = ?3 WHERE id = ?1";
static const char SQL_RESUME[] =
	"UPDATE followup SET state = 0, paused_at = NULL,"
	" paused_seconds = ?2, due_eff = ?3, limit_eff = ?4 WHERE id = ?1";
static const char SQL_DONE[] =
	"UPDATE followup SET state = 2, paused_at = NULL,"
	" paused_seconds = ?2, due_eff = ?3, limit_eff = ?4, done_grade = ?5,"
	" done_at = ?6, done_by = ?7, done_note = ?8 WHERE id = ?1";
static const char SQL_CHANGE_DETAIL[] =
	"SELECT json_object('contact', ?1, 'reason', ?2, 'paused_seconds', ?3, "
	FOLLOWUP_ROW_OF("?4") ")";

int
followup_decode(sqlite3_stmt *s, int64_t now, struct followup *f)
{
	struct record_mem *m = NULL;

	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(s, 0);
	f->contact_id = sqlite3_column_int64(s, 1);
	f->member_id = sqlite3_column_int64(s, 2);
	f->created_at = sqlite3_column_int64(s, 3);
	f->due_at = sqlite3_column_int64(s, 4);
	f->due_eff = sqlite3_column_int64(s, 5);
	f->state = (enum followup_state)sqlite3_column_int(s, 6);
	f->paused_at = sqlite3_column_int64(s, 7);
	f->pause_reason = col_dup(&m, s, 8);
	f->paused_seconds = sqlite3_column_int64(s, 9);
	f->done_at = sqlite3_column_int64(s, 10);
	f->done_by = sqlite3_column_int64(s, 11);
	f->note = col_dup(&m, s, 12);
	f->done_note = col_dup(&m, s, 13);
	f->limit_at = sqlite3_column_int64(s, 14);
	f->limit_eff = sqlite3_column_int64(s, 15);
	f->grade = (enum deadline_grade)sqlite3_column_int(s, 16);
	f->overdue = deadline_overdue(f->limit_at, f->paused_seconds,
	    f->state == FOLLOWUP_PAUSED ? f->paused_at : 0, f->state == FOLLOWUP_DONE, now);
	f->clock = deadline_state(f->due_at, f->limit_at, f->paused_seconds,
	    f->state == FOLLOWUP_PAUSED ? f->paused_at : 0,
	    f->state == FOLLOWUP_DONE ? (f->done_at ? f->done_at : 1) : 0, now);
	f->mem = m;
	if ((f->pause_reason == NULL && sqlite3_column_type(s, 8) != SQLITE_NULL) ||
	    (f->note == NULL && sqlite3_column_type(s, 12) != SQLITE_NULL) ||
	    (f->done_note == NULL && sqlite3_column_type(s, 13) != SQLITE_NULL)) {
		record_followup_clear(f);
		return -1;
	}
	return 0;
}

static int
audit_change(struct store *st, int64_t actor_id, const char *action, int64_t id,
             int64_t contact_id, const char *reason, int64_t paused, int64_t now,
             struct cs_err *err)
{
	sqlite3_stmt *d = stmt_get(st, SQL_CHANGE_DETAIL, err);

	if (d == NULL)
		return err_code(err);
	sqlite3_bind_int64(d, 1, contact_id);
	bind_text(d, 2, reason);
	sqlite3_bind_int64(d, 3, paused);
	sqlite3_bind_int64(d, 4, id);
	return audit_append(st, actor_id, action, "followup", id, now, d, err);
}

static int
insert(struct store *st, int64_t actor_id, int64_t contact_id, int64_t due_at,
       int64_t limit_at, const char *note, int64_t now, int64_t *id, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_INSERT, err), *d;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, contact_id);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int64(s, 3, due_at);
	sqlite3_bind_int64(s, 4, limit_at);
	bind_text(s, 5, note != NULL && *note != '\0' ? note : NULL);
	rc = stmt_done(st, s, "the follow-up was not saved", err);
	if (rc != CS_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	d = stmt_get(st, SQL_ADD_DETAIL, err);
	if (d == NULL)
		return err_code(err);
	sqlite3_bind_int64(d, 1, contact_id);
	sqlite3_bind_int64(d, 2, due_at);
	sqlite3_bind_int64(d, 3, limit_at);
	sqlite3_bind_int64(d, 4, *id);
	return audit_append(st, actor_id, "followup.add", "followup", *id, now, d, err);
}

int
followup_insert(struct store *st, int64_t actor_id, int64_t contact_id, int64_t due_at,
                int64_t limit_at, const char *note, int64_t now, bool refresh_fts,
                int64_t *id, struct cs_err *err)
{
	int rc = refresh_fts ? fts_forget(st, contact_id, err) : CS_OK;

	if (limit_at < due_at)   /* no limit: it is the target */
		limit_at = due_at;
	if (rc == CS_OK)
		rc = insert(st, actor_id, contact_id, due_at, limit_at, note, now, id, err);
	if (rc == CS_OK && refresh_fts)
		rc = fts_index(st, contact_id, err);
	return rc;
}

static int
contact_exists(struct store *st, int64_t id, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_CONTACT, err);
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot read the log", err);
	sqlite3_reset(s);
	if (rc == CS_OK && !row)
		rc = cs_err_set(err, CS_NOINPUT, "no contact %lld", (long long)id);
	return rc;
}

int
store_followup_add(struct store *st, int64_t actor_id, int64_t contact_id, int64_t due_at,
                   const char *note, int64_t now, int64_t *id, struct cs_err *err)
{
	return store_followup_add_clock(st, actor_id, contact_id, due_at, 0, note, now, id,
	                                err);
}

int
store_followup_add_clock(struct store *st, int64_t actor_id, int64_t contact_id,
                         int64_t due_at, int64_t limit_at, const char *note, int64_t now,
                         int64_t *id, struct cs_err *err)
{
	int64_t new_id = 0;
	int rc = check_time("due time", due_at, true, err);

	if (id != NULL)
		*id = 0;
	if (rc == CS_OK && limit_at != 0 && limit_at < due_at)
		rc = cs_err_set(err, CS_DATAERR, "the follow-up's limit is before its target");
	if (rc == CS_OK)
		rc = check_text("follow-up note", note, CONTACT_TEXT_MAX, false, err);
	if (rc == CS_OK)
		rc = tx_begin_for(st, "the follow-up was not saved", err);
	if (rc != CS_OK)
		return rc;
	rc = contact_exists(st, contact_id, err);
	if (rc == CS_OK)
		rc = followup_insert(st, actor_id, contact_id, due_at, limit_at, note, now, true,
		                     &new_id, err);
	if (rc == CS_OK)
		rc = agg_contact_dim(st, contact_id, DIM_FOLLOWUP_OPEN, "open", 1, err);
	if (rc == CS_OK)
		rc = agg_followup_limit(st, new_id, +1, err);
	rc = tx_end(st, rc, err);
	if (id != NULL)
		*id = rc == CS_OK ? new_id : 0;
	return rc;
}

struct fstate {
	int64_t contact_id;
	int state;
	int64_t paused_at;
	int64_t due_at, limit_at, paused_seconds;
};

/* The clock after the current pause ends at now (deadline.h): its total
 * paused seconds, target and limit after pauses. */
static void
stop_pause(const struct fstate *fs, int64_t now, int64_t *paused, int64_t *due_eff,
           int64_t *limit_eff)
{
	int64_t at = fs->state == FOLLOWUP_PAUSED ? fs->paused_at : 0;

	*due_eff = deadline_effective(fs->due_at, fs->paused_seconds, at, now);
	*limit_eff = deadline_effective(fs->limit_at, fs->paused_seconds, at, now);
	*paused = *due_eff - fs->due_at;
}

/* Read the state; CS_DATAERR unless it is one of the allowed (bits) and
 * the row is as its newest event left it. */
static int
read_state(struct store *st, int64_t id, unsigned allowed, struct fstate *fs,
           struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_STATE, err);
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot read the follow-ups", err);
	if (rc == CS_OK && row) {
		fs->contact_id = sqlite3_column_int64(s, 0);
		fs->state = sqlite3_column_int(s, 1);
		fs->paused_at = sqlite3_column_int64(s, 2);
		fs->due_at = sqlite3_column_int64(s, 3);
		fs->limit_at = sqlite3_column_int64(s, 4);
		fs->paused_seconds = sqlite3_column_int64(s, 5);
	}
	sqlite3_reset(s);
	if (rc == CS_OK && !row)
		return cs_err_set(err, CS_NOINPUT, "no follow-up %lld", (long long)id);
	if (rc == CS_OK && !(allowed & (1u << fs->state)))
		return cs_err_set(err, CS_DATAERR, "follow-up %lld is %s", (long long)id,
		                  record_followup_state_name((enum followup_state)fs->state));
	/* A change keeps the rest of the row: never vouch for an edit made
	 * behind cslog's back (a later due time, say). */
	return rc == CS_OK ? attest_followup(st, id, err) : rc;
}

static int
fu_pause(struct store *st, int64_t actor_id, int64_t id, const char *reason, int64_t now,
      struct cs_err *err)
{
	struct fstate fs;
	sqlite3_stmt *s;
	int rc = read_state(st, id, 1u << FOLLOWUP_OPEN, &fs, err);

	if (rc == CS_OK)   /* no longer running: its limit waits */
		rc = agg_followup_limit(st, id, -1, err);
	if (rc != CS_OK)
		return rc;
	s = stmt_get(st, SQL_PAUSE, err);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	bind_text(s, 3, reason);
	rc = stmt_done(st, s, "the follow-up was not paused", err);
	return rc == CS_OK ? audit_change(st, actor_id, "followup.pause", id, fs.contact_id,
	                                  reason, 0, now, err) : rc;
}

int
store_followup_pause(struct store *st, int64_t actor_id, int64_t id, const char *reason,
                     int64_t now, struct cs_err *err)
{
	int rc = check_text("the reason for the pause", reason, CONTACT_TEXT_MAX, true, err);

	if (rc == CS_OK)
		rc = tx_begin_for(st, "the follow-up was not saved", err);
	if (rc != CS_OK)
		return rc;
	return tx_end(st, fu_pause(st, actor_id, id, reason, now, err), err);
}

static int
fu_resume(struct store *st, int64_t actor_id, int64_t id, int64_t now, struct cs_err *err)
{
	struct fstate fs;
	sqlite3_stmt *s;
	int64_t paused, due_eff, limit_eff;
	int rc = read_state(st, id, 1u << FOLLOWUP_PAUSED, &fs, err);

	if (rc != CS_OK)
		return rc;
	stop_pause(&fs, now, &paused, &due_eff, &limit_eff);
	s = stmt_get(st, SQL_RESUME, err);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, paused);
	sqlite3_bind_int64(s, 3, due_eff);
	sqlite3_bind_int64(s, 4, limit_eff);
	rc = stmt_done(st, s, "the follow-up was not resumed", err);
	if (rc == CS_OK)   /* running again, to its limit moved by the pause */
		rc = agg_followup_limit(st, id, +1, err);
	return rc == CS_OK ? audit_change(st, actor_id, "followup.resume", id, fs.contact_id,
	                                  NULL, paused - fs.paused_seconds, now, err) : rc;
}

int
store_followup_resume(struct store *st, int64_t actor_id, int64_t id, int64_t now,
                      struct cs_err *err)
{
	int rc = tx_begin_for(st, "the follow-up was not saved", err);

	if (rc != CS_OK)
		return rc;
	return tx_end(st, fu_resume(st, actor_id, id, now, err), err);
}

static int
fu_done(struct store *st, int64_t actor_id, int64_t id, const char *note, int64_t now,
     struct cs_err *err)
{
	struct fstate fs;
	sqlite3_stmt *s;
	int64_t paused, due_eff, limit_eff;
	int rc = read_state(st, id, 1u << FOLLOWUP_OPEN | 1u << FOLLOWUP_PAUSED, &fs, err);

	if (rc == CS_OK)
		rc = fts_forget(st, fs.contact_id, err);
	if (rc == CS_OK)   /* when it was running */
		rc = agg_followup_limit(st, id, -1, err);
	if (rc != CS_OK)
		return rc;
	stop_pause(&fs, now, &paused, &due_eff, &limit_eff);
	s = stmt_get(st, SQL_DONE, err);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, paused);
	sqlite3_bind_int64(s, 3, due_eff);
	sqlite3_bind_int64(s, 4, limit_eff);
	sqlite3_bind_int(s, 5, (int)deadline_grade(due_eff, limit_eff, now));
	sqlite3_bind_int64(s, 6, now);
	bind_id(s, 7, actor_id);
	bind_text(s, 8, note != NULL && *note != '\0' ? note : NULL);
	rc = stmt_done(st, s, "the follow-up was not closed", err);
	if (rc == CS_OK)
		rc = agg_followup_done(st, id, err);
	if (rc == CS_OK)
		rc = fts_index(st, fs.contact_id, err);
	return rc == CS_OK ? audit_change(st, actor_id, "followup.done", id, fs.contact_id,
	                                  NULL, paused - fs.paused_seconds, now, err) : rc;
}

int
store_followup_done(struct store *st, int64_t actor_id, int64_t id, const char *note,
                    int64_t now, struct cs_err *err)
{
	int rc = check_text("follow-up note", note, CONTACT_TEXT_MAX, false, err);

	if (rc == CS_OK)
		rc = tx_begin_for(st, "the follow-up was not saved", err);
	if (rc != CS_OK)
		return rc;
	return tx_end(st, fu_done(st, actor_id, id, note, now, err), err);
}

static int
each(struct store *st, sqlite3_stmt *s, int64_t now, store_followup_cb cb, void *ctx,
     struct cs_err *err)
{
	struct followup f;
	bool row = true;
	int rc = CS_OK, stop = 0;

	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the follow-ups", err)) == CS_OK
	       && row) {
		if (followup_decode(s, now, &f) != 0) {
			rc = cs_err_set(err, CS_OSERR, "out of memory");
			break;
		}
		stop = cb(ctx, &f);
		record_followup_clear(&f);
	}
	stmt_release(st, s);
	return rc;
}

struct one {
	struct followup *out;
	int rc;
};

static int
keep_one(void *ctx, const struct followup *f)
{
	struct one *o = ctx;

	o->rc = record_followup_copy(o->out, f) == 0 ? CS_OK : CS_OSERR;
	return 1;
}

int
store_followup_get(struct store *st, int64_t id, int64_t now, struct followup *out,
                   struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_GET, err);
	struct one o = { out, CS_NOINPUT };
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = each(st, s, now, keep_one, &o, err);
	if (rc == CS_OK && o.rc == CS_NOINPUT)
		return cs_err_set(err, CS_NOINPUT, "no follow-up %lld", (long long)id);
	if (rc == CS_OK && o.rc != CS_OK)
		return cs_err_set(err, o.rc, "out of memory");
	return rc;
}

int
store_followup_list(struct store *st, const struct followup_filter *f, size_t limit,
                    store_followup_cb cb, void *ctx, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, f->done ? SQL_LIST_DONE : f->member_id != 0 ?
	                            SQL_LIST_MEMBER : SQL_LIST, err);

	if (s == NULL)
		return err_code(err);
	if (f->member_id != 0 || f->done)
		sqlite3_bind_int64(s, 1, f->member_id);
	sqlite3_bind_int(s, 2, f->overdue_only);
	sqlite3_bind_int64(s, 3, f->now);
	sqlite3_bind_int64(s, 4, limit > 0 ? (int64_t)limit : -1);
	return each(st, s, f->now, cb, ctx, err);
}

int
store_followup_of_contact(struct store *st, int64_t contact_id, int64_t now,
                          store_followup_cb cb, void *ctx, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_OF_CONTACT, err);

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, contact_id);
	return each(st, s, now, cb, ctx, err);
}
