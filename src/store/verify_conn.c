/* verify_conn.c - verify's own connections, every one reading the same
 * state of the file.
 *
 * A full verify runs its checks on four read-only connections of its
 * own, one per thread (verify.c): SQLite's integrity check, the chain
 * walk, and the two parts of the checks after it.  Each connection
 * holds one read transaction from before its first check to after its
 * last, so each sees one state of the file however long it runs.  In
 * WAL mode a read transaction sees the file as of the last commit
 * before it began; so that all four see the same commit, they begin
 * while the store's own connection holds the write lock (BEGIN
 * IMMEDIATE, which writes nothing): no writer can commit between the
 * first and the last of them.  The lock is let go as soon as the last
 * has begun (the connections are opened before it is taken, so it is
 * held for the time of four reads of the schema: milliseconds); a
 * writer that comes then waits for it as for any other writer.
 *
 * Where that cannot be done (no file, a read-only medium, the store's
 * connection already in a transaction, the write lock not had within a
 * second (a long import holds it: verify does not wait for it), a
 * connection that cannot be opened or read), verify runs every check
 * one after another on the store's connection inside one read
 * transaction (verify_alone_begin), which sees one state too. */
#include <stdlib.h>

#include "internal.h"

/* Reading the schema starts the read transaction of a BEGIN. */
static const char SQL_READ[] = "SELECT count(*) FROM sqlite_schema";
/* How long to wait for another writer to let go of the lock. */
#define LOCK_WAIT_MS 1000

void
verify_reader_close(struct store *o)
{
	if (o == NULL)
		return;
	agg_discard(o);
	stmt_cache_free(o);
	sqlite3_close(o->db);   /* ends its read transaction */
	free(o);
}

struct store *
verify_reader(struct store *st)
{
	struct store *o;

	if (st->path == NULL || store_readonly(st) != NULL || (o = calloc(1, sizeof *o)) == NULL)
		return NULL;
	o->mark_fd = -1;
	o->flags = STORE_READONLY;
	o->path = st->path;   /* borrowed: verify_reader_close does not free it */
	if (sqlite3_open_v2(st->path, &o->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK ||
	    sqlite3_extended_result_codes(o->db, 1) != SQLITE_OK ||
	    sqlite3_busy_timeout(o->db, BUSY_TIMEOUT_MS) != SQLITE_OK ||
	    hash_register(o->db) != SQLITE_OK ||
	    sql_exec_raw(o->db, "PRAGMA temp_store = MEMORY") != SQLITE_OK) {
		verify_reader_close(o);
		return NULL;
	}
	return o;
}

bool
verify_same_state(struct store *st, struct store *const rd[], size_t n)
{
	size_t i;
	bool ok = true;

	if (st->in_tx || !sqlite3_get_autocommit(st->db))
		return false;
	sqlite3_busy_timeout(st->db, LOCK_WAIT_MS);
	ok = sql_exec_raw(st->db, "BEGIN IMMEDIATE") == SQLITE_OK;
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	if (!ok)
		return false;
	for (i = 0; ok && i < n; i++)
		ok = sql_exec_raw(rd[i]->db, "BEGIN") == SQLITE_OK &&
		     sql_exec_raw(rd[i]->db, SQL_READ) == SQLITE_OK;
	if (sql_exec_raw(st->db, "ROLLBACK") != SQLITE_OK)
		ok = false;   /* cannot happen with nothing written; never left held */
	return ok;
}

bool
verify_alone_begin(struct store *st)
{
	if (st->in_tx || !sqlite3_get_autocommit(st->db))
		return false;
	return sql_exec_raw(st->db, "BEGIN") == SQLITE_OK;
}

void
verify_alone_end(struct store *st, bool began)
{
	if (began && !sqlite3_get_autocommit(st->db))
		sql_exec_raw(st->db, "COMMIT");
}
