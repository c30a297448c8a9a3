/* backup.c - a consistent copy of the database while others write.
 *
 * The copy goes to a temporary file beside the destination (mkstemp:
 * 0600), is made with SQLite's online backup API in one step (one read
 * transaction, so writers in WAL mode are not held up), put in
 * rollback-journal mode, synced, and then renamed over the destination:
 * a failed backup leaves no half file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static const char SQL_ROLLBACK_MODE[] = "PRAGMA journal_mode = DELETE";

static int
copy_into(struct store *st, const char *tmp, struct cs_err *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc;

	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(dst, BUSY_TIMEOUT_MS);
		b = sqlite3_backup_init(dst, "main", st->db, "main");
		if (b == NULL) {
			rc = sqlite3_errcode(dst);
		} else {
			rc = sqlite3_backup_step(b, -1);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
			sqlite3_backup_finish(b);
		}
	}
	/* The copy takes the database's WAL mode; in rollback-journal mode
	 * it needs no -shm beside it, so it can be read and verified where
	 * nothing can be written (a write-protected stick). */
	if (rc == SQLITE_OK)
		rc = sql_exec_raw(dst, SQL_ROLLBACK_MODE);
	if (rc != SQLITE_OK) {
		sqlite3_close(dst);
		return sql_fail(st, rc, "the backup was not made", err);
	}
	rc = sqlite3_close(dst);
	if (rc != SQLITE_OK)
		return sql_fail(st, rc, "the backup was not made", err);
	return CS_OK;
}

static int
sync_file(const char *path, struct cs_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fsync(fd) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return cs_err_set(err, e == ENOSPC ? CS_IOERR : CS_CANTCREAT,
		                  "cannot write %s: %s", path, strerror(e));
	}
	close(fd);
	return CS_OK;
}

static const char SQL_READ[] = "BEGIN";
static const char SQL_END_READ[] = "COMMIT";

int
store_backup_head(struct store *st, const char *dest, struct store_head *head,
                  struct cs_err *err)
{
	int rc;

	memset(head, 0, sizeof *head);
	if (st->in_tx)
		return cs_err_set(err, CS_SOFTWARE, "a backup inside a write");
	/* One read transaction: the head read is the copy's, whatever other
	 * terminals write meanwhile (the backup step reads in it). */
	rc = sql_exec(st, SQL_READ, "the backup was not made", err);
	if (rc != CS_OK)
		return rc;
	rc = store_head(st, head, err);
	if (rc == CS_OK)
		rc = store_backup(st, dest, err);
	sql_exec(st, SQL_END_READ, "", NULL);
	return rc;
}

int
store_head_of_file(const char *path, struct store_head *h, struct cs_err *err)
{
	struct store *other = NULL;
	struct cs_err why = { 0 };
	int rc;

	memset(h, 0, sizeof *h);
	rc = store_open(path, STORE_READONLY | STORE_EXISTING | STORE_AS_IS, &other, &why);
	if (rc == CS_OK)
		rc = store_head(other, h, &why);
	store_close(other);
	if (rc != CS_OK)
		return cs_err_set(err, rc == CS_NOINPUT ? CS_NOINPUT : CS_DATAERR,
		                  "%s is not a cslog database whose head can be read: %.600s",
		                  path, why.msg);
	return CS_OK;
}

int
store_backup(struct store *st, const char *dest, struct cs_err *err)
{
	size_t n = strlen(dest);
	char *tmp = malloc(n + sizeof ".tmp-XXXXXX");
	int fd, rc;

	if (tmp == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	if ((rc = files_refuse_own(st->path, dest, "a backup goes to a file of its own",
	                           err)) != CS_OK) {
		free(tmp);
		return rc;
	}
	memcpy(tmp, dest, n);
	memcpy(tmp + n, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = cs_err_set(err, errno == ENOSPC ? CS_IOERR : CS_CANTCREAT,
		                "cannot create %s: %s", dest, strerror(errno));
		free(tmp);
		return rc;
	}
	close(fd);
	rc = copy_into(st, tmp, err);
	if (rc == CS_OK)
		rc = sync_file(tmp, err);
	if (rc == CS_OK && rename(tmp, dest) != 0)
		rc = cs_err_set(err, CS_CANTCREAT, "cannot create %s: %s", dest,
		                strerror(errno));
	if (rc != CS_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}
