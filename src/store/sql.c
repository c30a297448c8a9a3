/* sql.c - prepared statements kept per store, binding, and the mapping
 * of SQLite results to cslog's status codes and messages. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "internal.h"

static size_t
slot_of(const char *sql)
{
	uintptr_t p = (uintptr_t)sql;

	p ^= p >> 17;
	p *= 0x9e3779b97f4a7c15u;
	return (size_t)(p >> 24) % STMT_SLOTS;
}

/* Find a free instance of sql (a cached one that no caller is
 * walking), or prepare one in an empty slot.  Several instances of one
 * text can be cached: a callback may run the statement its caller is
 * still stepping through (store_review_list inside store_review_list),
 * and each walk holds its own. */
static sqlite3_stmt *
lookup(struct store *st, const char *sql, bool hold, struct cs_err *err)
{
	size_t i = slot_of(sql), n;
	struct stmt_slot *s = NULL;
	int rc;

	for (n = 0; n < STMT_SLOTS; n++, i = (i + 1) % STMT_SLOTS) {
		s = &st->stmts[i];
		if (s->sql == sql && !s->held) {
			sqlite3_reset(s->stmt);
			sqlite3_clear_bindings(s->stmt);
			s->held = hold;
			return s->stmt;
		}
		if (s->sql == NULL)
			break;
	}
	if (n == STMT_SLOTS) {
		cs_err_set(err, CS_SOFTWARE, "too many statements");
		return NULL;
	}
	rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt, NULL);
	if (rc != SQLITE_OK) {
		sql_fail(st, rc, "the database cannot be read", err);
		s->stmt = NULL;
		return NULL;
	}
	s->sql = sql;
	s->held = hold;
	return s->stmt;
}

sqlite3_stmt *
stmt_get(struct store *st, const char *sql, struct cs_err *err)
{
	return lookup(st, sql, false, err);
}

sqlite3_stmt *
stmt_hold(struct store *st, const char *sql, struct cs_err *err)
{
	return lookup(st, sql, true, err);
}

void
stmt_release(struct store *st, sqlite3_stmt *stmt)
{
	size_t i;

	if (stmt == NULL)
		return;
	sqlite3_reset(stmt);
	for (i = 0; i < STMT_SLOTS; i++) {
		if (st->stmts[i].stmt == stmt) {
			st->stmts[i].held = false;
			return;
		}
	}
}

void
stmt_cache_free(struct store *st)
{
	size_t i;

	for (i = 0; i < STMT_SLOTS; i++) {
		sqlite3_finalize(st->stmts[i].stmt);
		st->stmts[i].stmt = NULL;
		st->stmts[i].sql = NULL;
		st->stmts[i].held = false;
	}
}

/* Is a file-size limit (ulimit -f) set, and has the database or its
 * write-ahead log reached it (within a page or two)?  SQLite does not
 * always keep the EFBIG of the write that failed. */
static bool
at_size_limit(const char *path)
{
	struct rlimit rl;
	struct stat sb;
	char *wal;
	bool at;

	if (getrlimit(RLIMIT_FSIZE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return false;
	at = stat(path, &sb) == 0 && (rlim_t)sb.st_size + 65536 >= rl.rlim_cur;
	if (!at && (wal = files_name(path, "-wal")) != NULL) {
		at = stat(wal, &sb) == 0 && (rlim_t)sb.st_size + 65536 >= rl.rlim_cur;
		free(wal);
	}
	return at;
}

/* An input/output error: a full disk or a file-size limit (ulimit -f)
 * said as such, what is lost said in every case. */
static int
io_fail(struct store *st, const char *path, const char *what, struct cs_err *err)
{
	int e = st != NULL && st->db != NULL ? sqlite3_system_errno(st->db) : 0;

	if (e == 0 && st != NULL && st->path != NULL && at_size_limit(st->path))
		e = EFBIG;
	if (e == ENOSPC || e == EDQUOT)
		return cs_err_set(err, CS_IOERR, "the disk is full (%s): %s", strerror(e), what);
	if (e == EFBIG)
		return cs_err_set(err, CS_IOERR, "%s has reached the largest file this process may"
		                  " write (the file-size limit, ulimit -f): %s", path, what);
	return cs_err_set(err, CS_IOERR, "input/output error on %s%s%s: %s", path,
	                  e != 0 ? ": " : "", e != 0 ? strerror(e) : "", what);
}

int
sql_fail(struct store *st, int rc, const char *what, struct cs_err *err)
{
	const char *path = st != NULL && st->path != NULL ? st->path : "the database";
	const char *msg = st != NULL && st->db != NULL ? sqlite3_errmsg(st->db) : "";

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return cs_err_set(err, CS_TEMPFAIL,
		                  "the database is busy (another terminal is writing): %s", what);
	case SQLITE_FULL:
		return cs_err_set(err, CS_IOERR, "the disk is full: %s", what);
	case SQLITE_IOERR:
		return io_fail(st, path, what, err);
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return cs_err_set(err, CS_CANTCREAT, "cannot write %s (%s): %s", path, msg, what);
	case SQLITE_NOTADB:
		return cs_err_set(err, CS_DATAERR, "%s is not a cslog database (not an SQLite file)",
		                  path);
	case SQLITE_CORRUPT:
		return cs_err_set(err, CS_DATAERR,
		                  "%s is damaged (%s): restore a backup; %s", path, msg, what);
	case SQLITE_NOMEM:
		return cs_err_set(err, CS_OSERR, "out of memory: %s", what);
	case SQLITE_CONSTRAINT:
		return cs_err_set(err, CS_DATAERR, "%s: %s", what, msg);
	case SQLITE_TOOBIG:
		return cs_err_set(err, CS_DATAERR, "too big: %s", what);
	case SQLITE_ERROR:   /* a table or column missing: not the schema cslog made */
		return cs_err_set(err, CS_IOERR, "%s cannot be read as cslog made it (%s): %s",
		                  path, msg, what);
	default:
		return cs_err_set(err, CS_SOFTWARE, "database error (%s): %s", msg, what);
	}
}

int
stmt_done(struct store *st, sqlite3_stmt *s, const char *what, struct cs_err *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(s);
		return CS_OK;
	}
	rc = sql_fail(st, rc, what, err);
	sqlite3_reset(s);
	return rc;
}

int
stmt_row(struct store *st, sqlite3_stmt *s, bool *row, const char *what,
         struct cs_err *err)
{
	int rc = sqlite3_step(s);

	*row = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return CS_OK;
	rc = sql_fail(st, rc, what, err);
	sqlite3_reset(s);
	return rc;
}

int
stmt_int64(struct store *st, const char *sql, int64_t arg, int64_t *v, bool *found,
           const char *what, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, sql, err);
	bool row = false;
	int rc;

	*v = 0;
	if (found != NULL)
		*found = false;
	if (s == NULL)
		return err_code(err);
	if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_int64(s, 1, arg);
	rc = stmt_row(st, s, &row, what, err);
	if (rc == CS_OK && row)
		*v = sqlite3_column_int64(s, 0);
	if (found != NULL)
		*found = row;
	sqlite3_reset(s);
	return rc;
}

int
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

int
bind_id(sqlite3_stmt *s, int i, int64_t v)
{
	if (v == 0)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int64(s, i, v);
}

int
bind_tri(sqlite3_stmt *s, int i, enum record_tri v)
{
	if (v == TRI_UNKNOWN)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int(s, i, v == TRI_YES);
}

enum record_tri
col_tri(sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return TRI_UNKNOWN;
	return sqlite3_column_int(s, i) ? TRI_YES : TRI_NO;
}

const char *
col_dup(struct record_mem **m, sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	if (t == NULL)
		return NULL;
	return mem_strndup(m, (const char *)t, (size_t)sqlite3_column_bytes(s, i));
}

int
sql_exec(struct store *st, const char *sql, const char *what, struct cs_err *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return sql_fail(st, rc, what, err);
	return CS_OK;
}

int
sql_exec_raw(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int
sql_prepare_raw(sqlite3 *db, const char *sql, sqlite3_stmt **s)
{
	return sqlite3_prepare_v2(db, sql, -1, s, NULL);
}

void
str_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (size == 0)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

size_t
int_text(int64_t v, char out[24])
{
	char tmp[24];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t n = 0, i = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		out[i++] = '-';
	while (n > 0)
		out[i++] = tmp[--n];
	out[i] = '\0';
	return i;
}
