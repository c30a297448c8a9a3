/* tx.c - one transaction per use case, or one for a whole bulk.
 *
 * Writes start with BEGIN IMMEDIATE so that a second writer waits on the
 * busy timeout for the write lock up front, instead of failing with
 * SQLITE_BUSY half way through its transaction. */
#include <string.h>

#include "internal.h"

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";
/* A bulk writes many pages; a bigger cache keeps SQLite from spilling
 * them to the WAL again and again before the commit.  16 MiB: the same
 * copy of 100,000 contacts in the sqlite3 shell took 1.77 s with 2 MiB
 * and 1.84 s with 128 MiB, and an import is to stay within 64 MiB
 * whatever its size. */
static const char SQL_BIG_CACHE[] = "PRAGMA cache_size = -16384";
/* A bulk's report counts are written (added to the table, inside the
 * bulk's transaction) whenever this many are gathered, so that memory
 * does not grow with the input: about 10 MiB at most. */
#define AGG_BULK_SPILL 65536
static const char SQL_SMALL_CACHE[] = "PRAGMA cache_size = -2000";

static int
refuse_readonly(struct store *st, struct cs_err *err)
{
	return cs_err_set(err, CS_CANTCREAT, "nothing can be written to %s: %s", st->path,
	                  st->medium.why != NULL ? st->medium.why : "it was opened read-only");
}

int
tx_begin(struct store *st, struct cs_err *err)
{
	return tx_begin_for(st, "nothing was saved", err);
}

int
tx_begin_for(struct store *st, const char *what, struct cs_err *err)
{
	sqlite3_stmt *s;

	if (st->flags & STORE_READONLY)
		return refuse_readonly(st, err);
	if (st->bulk) {
		if (st->bulk_rc != CS_OK)
			return cs_err_set(err, st->bulk_rc, "%s", st->bulk_msg);
		st->bulk_changes = sqlite3_total_changes64(st->db);
		return CS_OK;
	}
	if (st->action)   /* one user action: its writes join its transaction */
		return st->action_rc == CS_OK ? CS_OK : cs_err_set(err, st->action_rc,
		    "an earlier step failed: %s", st->what != NULL ? st->what : "nothing was saved");
	s = stmt_get(st, SQL_BEGIN, err);
	if (s == NULL)
		return err_code(err);
	st->what = what;
	if (stmt_done(st, s, what, err) != CS_OK)
		return err_code(err);
	st->in_tx = true;
	st->head_valid = false;
	return CS_OK;
}

static void
rollback(struct store *st)
{
	sqlite3_stmt *s = stmt_get(st, SQL_ROLLBACK, NULL);

	if (s != NULL && !sqlite3_get_autocommit(st->db))
		stmt_done(st, s, "", NULL);
	st->in_tx = false;
	st->head_valid = false;
	agg_discard(st);
}

/* Does this failure leave the database untouched (found by a check
 * before any write)?  Then a bulk may go on. */
static bool
harmless(int rc)
{
	return rc == CS_DATAERR || rc == CS_NOUSER || rc == CS_NOINPUT;
}

/* End one write inside a bulk.  No savepoint per write: FTS5 flushes
 * its pending index at every savepoint, which made bulks ten times
 * slower.  Instead, a write that failed before changing anything (its
 * checks) leaves the bulk usable; one that failed after spoils it. */
static int
bulk_step_end(struct store *st, int rc, struct cs_err *err)
{
	bool wrote;

	if (rc == CS_OK && st->agg.used >= AGG_BULK_SPILL)
		rc = agg_flush(st, err);
	wrote = sqlite3_total_changes64(st->db) != st->bulk_changes;
	if (rc != CS_OK && (wrote || !harmless(rc)) && st->bulk_rc == CS_OK) {
		st->bulk_rc = rc;
		str_copy(st->bulk_msg, sizeof st->bulk_msg,
		         err != NULL && err->msg[0] != '\0' ? err->msg : "a write failed");
	}
	return rc;
}

int
tx_end(struct store *st, int rc, struct cs_err *err)
{
	sqlite3_stmt *s;

	if (st->bulk)
		return bulk_step_end(st, rc, err);
	if (st->action) {  /* store_tx_end decides */
		if (rc != CS_OK && st->action_rc == CS_OK)
			st->action_rc = rc;
		return rc;
	}
	if (rc == CS_OK)
		rc = agg_flush(st, err);
	if (rc != CS_OK) {
		rollback(st);
		return rc;
	}
	s = stmt_get(st, SQL_COMMIT, err);
	if (s == NULL || stmt_done(st, s, st->what != NULL ? st->what : "nothing was saved",
	                           err) != CS_OK) {
		rollback(st);
		return err_code(err);
	}
	st->in_tx = false;
	return CS_OK;
}

int
store_bulk_begin(struct store *st, struct cs_err *err)
{
	int rc;

	if (st->bulk)
		return cs_err_set(err, CS_SOFTWARE, "a bulk is already open");
	if (st->flags & STORE_READONLY)
		return refuse_readonly(st, err);
	if ((rc = mark_take(st, err)) != CS_OK)
		return rc;
	rc = tx_begin(st, err);
	if (rc != CS_OK) {
		mark_drop(st);
		return rc;
	}
	rc = store_contact_max_id(st, &st->fts_from, err);
	if (rc != CS_OK) {
		mark_drop(st);
		return tx_end(st, rc, err);
	}
	st->fts_from++;
	sql_exec(st, SQL_BIG_CACHE, "", NULL);
	st->bulk = true;
	st->bulk_rc = CS_OK;
	st->bulk_msg[0] = '\0';
	return CS_OK;
}

int
store_bulk_commit(struct store *st, struct cs_err *err)
{
	int rc;

	if (!st->bulk)
		return cs_err_set(err, CS_SOFTWARE, "no bulk is open");
	st->bulk = false;
	rc = st->bulk_rc;
	if (rc != CS_OK) {
		rollback(st);
		rc = cs_err_set(err, rc, "%s (nothing was saved)", st->bulk_msg);
	} else {
		rc = tx_end(st, fts_catch_up(st, err), err);
	}
	mark_drop(st);
	sql_exec(st, SQL_SMALL_CACHE, "", NULL);
	return rc;
}

bool
store_in_bulk(const struct store *st)
{
	return st != NULL && st->bulk;
}

void
store_bulk_rollback(struct store *st)
{
	if (st == NULL || !st->bulk)
		return;
	st->bulk = false;
	rollback(st);
	mark_drop(st);
	sql_exec(st, SQL_SMALL_CACHE, "", NULL);
}

/* ---- one user action, several writes (the use-case layer) ------------- */

int
store_tx_begin(struct store *st, const char *what, struct cs_err *err)
{
	int rc;

	if (st->bulk)      /* the program's own bulk: the action joins it */
		return st->bulk_rc == CS_OK ? CS_OK : cs_err_set(err, st->bulk_rc, "%s",
		    st->bulk_msg);
	if (st->action)
		return cs_err_set(err, CS_SOFTWARE, "a transaction is already open");
	rc = tx_begin_for(st, what, err);
	if (rc != CS_OK)
		return rc;
	st->action = true;
	st->action_rc = CS_OK;
	return CS_OK;
}

int
store_tx_end(struct store *st, int rc, struct cs_err *err)
{
	if (!st->action && st->bulk)
		return rc;   /* each write of it already told the bulk */
	if (!st->action)
		return rc != CS_OK ? rc : cs_err_set(err, CS_SOFTWARE, "no transaction is open");
	st->action = false;
	if (rc == CS_OK && st->action_rc != CS_OK)
		rc = cs_err_set(err, st->action_rc, "%s", st->what != NULL ? st->what :
		    "nothing was saved");
	return tx_end(st, rc, err);
}
