/* open.c - opening, creating and upgrading the database file. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "internal.h"

#define APPLICATION_ID 0x63736c67  /* "cslg" */

static const char SQL_USER_VERSION[] = "PRAGMA user_version";
static const char SQL_APP_ID[] = "PRAGMA application_id";
static const char SQL_SET_APP_ID[] = "PRAGMA application_id = 1668508775";
static const char SQL_OBJECTS[] = "SELECT count(*) FROM sqlite_schema";
static const char SQL_WAL[] = "PRAGMA journal_mode = WAL";
static const char SQL_PRAGMAS[] =
	"PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY";

static int
os_fail(const char *verb, const char *path, int e, struct cs_err *err)
{
	int code = e == ENOSPC || e == EIO || e == EDQUOT ? CS_IOERR : CS_CANTCREAT;

	return cs_err_set(err, code, "cannot %s %s: %s", verb, path, strerror(e));
}

/* mkdir -p the directory part of path; directories made are 0700. */
static int
make_parents(const char *path, struct cs_err *err)
{
	char *dir = strdup(path), *p;
	int rc = CS_OK;

	if (dir == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	p = strrchr(dir, '/');
	if (p != NULL && p != dir) {
		*p = '\0';
		for (p = dir + 1; rc == CS_OK; p++) {
			if (*p != '/' && *p != '\0')
				continue;
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST)
				rc = os_fail("create the directory", dir, errno, err);
			*p = c;
			if (c == '\0')
				break;
		}
	}
	free(dir);
	return rc;
}

/* Make an empty file of the mode asked (0600, or 0660 in the group
 * deployment; whatever the umask) so SQLite's -wal and -shm, which take
 * the database's mode, have it too. */
static int
make_file(const char *path, unsigned mode, struct cs_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t)mode);

	if (fd < 0)
		return errno == EEXIST ? CS_OK : os_fail("create", path, errno, err);
	if (fchmod(fd, (mode_t)mode) != 0) {
		int e = errno;
		close(fd);
		unlink(path);
		return os_fail("create", path, e, err);
	}
	close(fd);
	return CS_OK;
}

static int
int_pragma(struct store *st, const char *sql, int64_t *v, struct cs_err *err)
{
	return stmt_int64(st, sql, 0, v, NULL, "the database cannot be read", err);
}

static int
db_connect(struct store *st, struct cs_err *err)
{
	int rc = medium_connect(st, &st->medium, err), persist = 1;

	if (rc != CS_OK)
		return rc;
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	if (hash_register(st->db) != SQLITE_OK)
		return sql_fail(st, sqlite3_errcode(st->db), "cannot open the database", err);
	/* The group deployment: the -wal and -shm its administrator made stay
	 * (made again by a member, they would be the member's to open). */
	if (st->flags & STORE_SHARED)
		sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	return sql_exec(st, SQL_PRAGMAS, "cannot open the database", err);
}

static void
disconnect(struct store *st)
{
	stmt_cache_free(st);
	sqlite3_close(st->db);
	st->db = NULL;
}

/* Is this our database, and which version?  0: new and empty, which
 * only a store that may create one accepts. */
static int
identify(struct store *st, int64_t *version, struct cs_err *err)
{
	int64_t app, objects;
	int rc;

	rc = int_pragma(st, SQL_USER_VERSION, version, err);
	if (rc == CS_OK)
		rc = int_pragma(st, SQL_APP_ID, &app, err);
	if (rc == CS_OK)
		rc = int_pragma(st, SQL_OBJECTS, &objects, err);
	if (rc != CS_OK)
		return rc;
	if (*version == 0 && objects == 0 && (st->flags & (STORE_EXISTING | STORE_READONLY)))
		return cs_err_set(err, CS_DATAERR, "%s is not a cslog database: it is empty; a"
		                  " command that only reads never makes one (the first supervisor"
		                  " added, or the screens' first run, does)", st->path);
	if ((*version == 0 && objects > 0) || (*version > 0 && app != APPLICATION_ID))
		return cs_err_set(err, CS_DATAERR,
		                  "%s is an SQLite database, but not cslog's", st->path);
	if (*version > SCHEMA_VERSION)
		return cs_err_set(err, CS_DATAERR,
		                  "database %s is version %lld, this cslog knows up to %d: "
		                  "upgrade cslog", st->path, (long long)*version,
		                  SCHEMA_VERSION);
	return CS_OK;
}

/* "<path>.backup-v<old>", or with "-2", "-3" ... when taken. */
static char *
backup_name(const char *path, int64_t old)
{
	size_t n = strlen(path) + 64;
	char *name = malloc(n), num[24], *p;
	int i;
	struct stat sb;

	if (name == NULL)
		return NULL;
	for (i = 1; i < 100; i++) {
		p = stpcpy(stpcpy(name, path), ".backup-v");
		int_text(old, num);
		p = stpcpy(p, num);
		if (i > 1) {
			int_text(i, num);
			p = stpcpy(stpcpy(p, "-"), num);
		}
		if (stat(name, &sb) != 0)
			return name;
	}
	free(name);
	return NULL;
}

static int
upgrade(struct store *st, int64_t from, int to, struct cs_err *err)
{
	struct cs_err why;
	char *name;
	int rc;

	if (from > 0) {
		name = backup_name(st->path, from);
		if (name == NULL)
			return cs_err_set(err, CS_CANTCREAT, "no name free for a backup of %s",
			                  st->path);
		rc = store_backup(st, name, &why);
		if (rc != CS_OK) {
			cs_err_set(err, rc, "the database was not upgraded: "
			           "its backup to %s failed: %.600s", name, why.msg);
			free(name);
			return rc;
		}
		free(name);
	} else {
		rc = sql_exec(st, SQL_SET_APP_ID, "cannot create the database", err);
		if (rc != CS_OK)
			return rc;
	}
	return schema_migrate(st, (int)from, to, err);
}

/* Read-only but old: upgrade through a writable connection first,
 * unless nothing can be written where it lies. */
static int
upgrade_readonly(struct store *st, int64_t from, struct cs_err *err)
{
	int rc;

	if (st->flags & STORE_FALLBACK_RO || st->medium.fs_readonly)
		return cs_err_set(err, CS_CANTCREAT, "%s is a version %lld database, which this"
		                  " cslog reads only once it is upgraded, and it cannot be upgraded"
		                  " where it is (%s): copy it to a writable place", st->path,
		                  (long long)from, st->medium.why);
	disconnect(st);
	st->flags &= ~(unsigned)STORE_READONLY;
	st->medium.readonly = false;
	rc = db_connect(st, err);
	if (rc == CS_OK)
		rc = upgrade(st, from, SCHEMA_VERSION, err);
	disconnect(st);
	st->flags |= STORE_READONLY;
	st->medium.readonly = true;
	if (rc == CS_OK)
		rc = db_connect(st, err);
	return rc;
}

static int
prepare_file(const char *path, unsigned flags, unsigned mode, struct cs_err *err)
{
	struct stat sb;
	int rc;

	if (flags & (STORE_READONLY | STORE_EXISTING)) {
		if (stat(path, &sb) != 0)
			return cs_err_set(err, CS_NOINPUT, "no database at %s: %s", path,
			                  strerror(errno));
		if (!S_ISREG(sb.st_mode))
			return cs_err_set(err, CS_DATAERR, "%s is not a cslog database (not a file)",
			                  path);
		return CS_OK;
	}
	rc = make_parents(path, err);
	return rc == CS_OK ? make_file(path, mode, err) : rc;
}

/* Nobody but those mode names may read the file, its -wal and -shm:
 * taken away where it can be; refused with the fix where it cannot;
 * said where nothing can be written at all. */
static int
private_files(struct store *st, unsigned mode, struct cs_err *err)
{
	struct stat sb;
	unsigned was = 0;

	if (st->medium.fs_readonly) {
		if (stat(st->path, &sb) == 0 && (sb.st_mode & 0777 & ~mode) != 0)
			snprintf(st->notice, sizeof st->notice, "%s can be read by others (mode"
			         " %04o), and on a read-only file system that cannot be changed",
			         st->path, (unsigned)sb.st_mode & 0777);
		return CS_OK;
	}
	if (store_tighten(st->path, mode, &was, err) != CS_OK)
		return err_code(err);
	if (was != 0)
		snprintf(st->notice, sizeof st->notice, "%s could be read by others (mode %04o):"
		         " it is now %04o, with its -wal and -shm", st->path, was, was & mode);
	return CS_OK;
}

static int
open_at(const char *path, unsigned flags, unsigned mode, int target, struct store **out,
        struct cs_err *err)
{
	struct store *st;
	int64_t version;
	int rc;

	*out = NULL;
	if (flags & STORE_SHARED)
		mode = 0660;   /* the group deployment: the group's files */
	if (sodium_init() < 0)
		return cs_err_set(err, CS_SOFTWARE, "libsodium cannot start");
	rc = prepare_file(path, flags, mode, err);
	if (rc != CS_OK)
		return rc;
	st = calloc(1, sizeof *st);
	if (st == NULL || (st->path = strdup(path)) == NULL) {
		free(st);
		return cs_err_set(err, CS_OSERR, "out of memory");
	}
	st->mark_fd = -1;
	rc = medium_probe(path, flags, &st->medium, err);
	if (rc == CS_OK && st->medium.why != NULL && !st->medium.readonly)
		rc = cs_err_set(err, CS_CANTCREAT, "nothing can be written to %s: %s", path,
		                st->medium.why);
	if (st->medium.readonly)
		flags |= STORE_READONLY;
	st->flags = flags;
	if (rc == CS_OK)
		rc = private_files(st, mode, err);
	if (rc == CS_OK)
		rc = db_connect(st, err);
	if (rc == CS_OK)
		rc = identify(st, &version, err);
	if (rc == CS_OK && !(flags & STORE_READONLY))
		rc = sql_exec(st, SQL_WAL, "cannot open the database", err);
	if (rc == CS_OK && version < target && (flags & STORE_AS_IS) && version > 0)
		version = target;
	if (rc == CS_OK && version < target && (flags & STORE_NO_UPGRADE))
		rc = cs_err_set(err, CS_CANTCREAT, "database %s is version %lld and needs an"
		                " upgrade to version %d, which only its administrator can make"
		                " (run cslog once as root)", path, (long long)version, target);
	if (rc == CS_OK && version < target)
		rc = flags & STORE_READONLY ? upgrade_readonly(st, version, err)
		                            : upgrade(st, version, target, err);
	if (rc != CS_OK) {
		store_close(st);
		return rc;
	}
	*out = st;
	return CS_OK;
}

int
store_open(const char *path, unsigned flags, struct store **out, struct cs_err *err)
{
	return open_at(path, flags, STORE_MODE, SCHEMA_VERSION, out, err);
}

int
store_open_mode(const char *path, unsigned flags, unsigned mode, struct store **out,
                struct cs_err *err)
{
	return open_at(path, flags, mode != 0 ? mode & 0777 : STORE_MODE, SCHEMA_VERSION, out,
	               err);
}

int
store_create_version(const char *path, int version, struct cs_err *err)
{
	struct store *st;
	int rc;

	if (version < 1 || version > SCHEMA_VERSION)
		return cs_err_set(err, CS_USAGE, "no schema version %d", version);
	rc = open_at(path, 0, STORE_MODE, version, &st, err);
	store_close(st);
	return rc;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_bulk_rollback(st);
	mark_drop(st);
	agg_discard(st);
	free(st->agg.v);
	if (st->db != NULL)
		disconnect(st);
	free(st->path);
	free(st);
}

const char *
store_path(const struct store *st)
{
	return st->path;
}
