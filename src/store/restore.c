/* restore.c - a verified backup copied into the database in place.
 *
 * Never a rename over the file: other terminals hold it open, and their
 * -wal and -shm would then describe a file that is no longer there (the
 * way to corrupt a SQLite database).  The backup is copied in through
 * SQLite's backup API instead, which writes the pages under the
 * database's own write lock, so every other connection sees the old
 * content or the new, whole.  While that lock is held (nobody can
 * commit), the file as it was, with its -wal, is copied aside byte for
 * byte: damaged or not, nothing of it is lost. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static const char SQL_VERSION[] = "PRAGMA user_version";
static const char SQL_COUNTS[] =
	"SELECT (SELECT count(*) FROM contact), (SELECT coalesce(max(id), 0) FROM audit)";

/* Copy the file src to dst (created with mode, never over another). */
static int
copy_file(const char *src, const char *dst, unsigned mode, struct cs_err *err)
{
	char buf[65536];
	ssize_t n = 0, w;
	int in = open(src, O_RDONLY | O_CLOEXEC), out = -1, e = 0;

	if (in < 0)
		return errno == ENOENT ? CS_OK : cs_err_set(err, CS_IOERR, "cannot read %s: %s",
		                                            src, strerror(errno));
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t)mode);
	if (out < 0)
		e = errno;
	while (e == 0 && (n = read(in, buf, sizeof buf)) > 0) {
		for (w = 0; e == 0 && w < n; ) {
			ssize_t k = write(out, buf + w, (size_t)(n - w));
			if (k < 0)
				e = errno;
			else
				w += k;
		}
	}
	if (e == 0 && n < 0)
		e = errno;
	if (e == 0 && fsync(out) != 0)
		e = errno;
	close(in);
	if (out >= 0 && close(out) != 0 && e == 0)
		e = errno;
	if (e == 0)
		return CS_OK;
	if (out >= 0)
		unlink(dst);
	return cs_err_set(err, e == ENOSPC || e == EFBIG ? CS_IOERR : CS_CANTCREAT,
	                  "cannot keep the database aside in %s: %s", dst, strerror(e));
}

/* The file as it is, and its -wal, to aside (and aside-wal). */
static int
keep_aside(struct store *st, const char *aside, struct cs_err *err)
{
	char *wal = files_name(st->path, "-wal"), *awal = files_name(aside, "-wal");
	int rc = wal != NULL && awal != NULL ? CS_OK : cs_err_set(err, CS_OSERR, "out of memory");
	struct stat sb;
	unsigned mode = stat(st->path, &sb) == 0 ? (unsigned)sb.st_mode & 0777 : STORE_MODE;

	if (rc == CS_OK)
		rc = copy_file(st->path, aside, mode, err);
	if (rc == CS_OK && (rc = copy_file(wal, awal, mode, err)) != CS_OK)
		unlink(aside);
	free(wal);
	free(awal);
	return rc;
}

static int
counts(struct store *st, int64_t *contacts, int64_t *events, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_COUNTS, err);
	bool row = false;
	int rc;

	*contacts = *events = 0;
	if (s == NULL)
		return err_code(err);
	rc = stmt_row(st, s, &row, "cannot read the database", err);
	if (rc == CS_OK && row) {
		*contacts = sqlite3_column_int64(s, 0);
		*events = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc;
}

/* The backup, opened as it is (never upgraded, never written), and
 * verified. */
static int
open_backup(struct store *st, const char *backup, struct store **src,
            struct store_restore_result *res, struct cs_err *err)
{
	struct cs_err why = { 0 };
	int64_t version = 0;
	int rc;

	rc = files_refuse_own(st->path, backup, "restore takes a backup kept elsewhere", err);
	if (rc == CS_OK)
		rc = store_open(backup, STORE_READONLY | STORE_EXISTING | STORE_FALLBACK_RO, src,
		                err);
	if (rc != CS_OK)
		return rc;
	rc = stmt_int64(*src, SQL_VERSION, 0, &version, NULL, "cannot read the backup", err);
	if (rc == CS_OK && version != SCHEMA_VERSION)
		rc = cs_err_set(err, CS_DATAERR, "%s is a version %lld database and this one is"
		                " version %d: restore takes a backup of the same version", backup,
		                (long long)version, SCHEMA_VERSION);
	if (rc == CS_OK)
		rc = store_verify(*src, NULL, NULL, &res->verified, &why);
	if (rc == CS_OK && !res->verified.ok)
		rc = CS_DATAERR;
	if (rc != CS_OK && why.msg[0] != '\0')
		rc = cs_err_set(err, rc, "%s does not verify, so it is not restored: %s", backup,
		                res->verified.why[0] ? res->verified.why : why.msg);
	if (rc == CS_OK)
		rc = counts(*src, &res->contacts, &res->events, err);
	if (rc != CS_OK) {
		store_close(*src);
		*src = NULL;
	}
	return rc;
}

int
store_restore(struct store *st, const char *backup, const char *aside,
              struct store_restore_result *res, struct cs_err *err)
{
	struct store *src = NULL;
	sqlite3_backup *b;
	int rc;

	memset(res, 0, sizeof *res);
	if (st->flags & STORE_READONLY)
		return cs_err_set(err, CS_CANTCREAT, "nothing can be written to %s: %s", st->path,
		                  st->medium.why);
	if (st->in_tx || st->bulk)
		return cs_err_set(err, CS_SOFTWARE, "restore inside a transaction");
	if ((rc = open_backup(st, backup, &src, res, err)) != CS_OK)
		return rc;
	if ((rc = counts(st, &res->old_contacts, &res->old_events, err)) != CS_OK) {
		/* a damaged file may not even count: restore it all the same */
		res->old_contacts = res->old_events = -1;
		cs_err_clear(err);
	}
	b = sqlite3_backup_init(st->db, "main", src->db, "main");
	if (b == NULL) {
		rc = sql_fail(st, sqlite3_errcode(st->db), "nothing was restored", err);
		store_close(src);
		return rc;
	}
	/* No page yet: this takes the database's write lock, held to the end. */
	rc = sqlite3_backup_step(b, 0);
	if (rc == SQLITE_OK && keep_aside(st, aside, err) != CS_OK)
		rc = -1;
	if (rc == SQLITE_OK && (rc = sqlite3_backup_step(b, -1)) == SQLITE_OK)
		rc = SQLITE_ERROR;   /* all pages were asked for: not done is a failure */
	if (rc == SQLITE_DONE)
		rc = sqlite3_backup_finish(b);   /* commits: SQLITE_OK */
	else
		sqlite3_backup_finish(b);        /* rolls back */
	if (rc > 0)
		rc = sql_fail(st, rc, "nothing was restored", err);
	else if (rc < 0)
		rc = err_code(err);
	st->head_valid = false;
	store_close(src);
	return rc;
}
