/* medium.c - where the database lies: can it be written, and how to
 * open it when it cannot.
 *
 * A database on a read-only mount (a write-protected stick, a CD, a
 * snapshot), or in a directory this user may not write, can still be
 * read.  SQLite needs care there: a database in WAL mode is read through
 * its -shm index, which it must create beside the file; without it, a
 * file on a read-only file system can be read only as immutable (no
 * locks, no write-ahead log), which is right exactly when nothing can
 * change it and its -wal holds nothing.  A -wal with changes and no -shm
 * cannot be read at all: refused, never read without those changes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "internal.h"

/* The directory part of path ("." when none); malloc'd. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == path)
		return strdup("/");
	return slash != NULL ? strndup(path, (size_t)(slash - path)) : strdup(".");
}

static bool
fs_readonly(const char *path)
{
	struct statvfs v;

	return statvfs(path, &v) == 0 && (v.f_flag & ST_RDONLY) != 0;
}

/* May this process write it?  With its effective ids (AT_EACCESS): set
 * group-id, the group's files are writable though the user's own ids
 * could not write them. */
int
medium_probe(const char *path, unsigned flags, struct medium *m, struct cs_err *err)
{
	char *dir;

	memset(m, 0, sizeof *m);
	m->fs_readonly = fs_readonly(path);
	if (!m->fs_readonly) {
		if ((dir = dir_of(path)) == NULL)
			return cs_err_set(err, CS_OSERR, "out of memory");
		m->dir_readonly = faccessat(AT_FDCWD, dir, W_OK, AT_EACCESS) != 0;
		free(dir);
	}
	if (m->fs_readonly)
		m->why = "it is on a read-only file system";
	else if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0)
		m->why = "this user may not write the file";
	else if (m->dir_readonly)
		m->why = "this user may not write its directory (where SQLite keeps its -wal)";
	if (flags & STORE_READONLY) {
		m->readonly = true;
		if (m->why == NULL)
			m->why = "it was opened read-only";
	} else {
		m->readonly = m->why != NULL && (flags & STORE_FALLBACK_RO);
	}
	return CS_OK;
}

/* Is the file in WAL mode (header bytes 18 and 19 are 2)? */
static bool
wal_mode(const char *path)
{
	unsigned char h[20];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool wal = false;

	if (fd >= 0) {
		wal = read(fd, h, sizeof h) == (ssize_t)sizeof h && h[18] == 2 && h[19] == 2;
		close(fd);
	}
	return wal;
}

/* The size of path + suffix; -1 when it does not exist. */
static long long
size_of(const char *path, const char *suffix)
{
	char *name = files_name(path, suffix);
	struct stat sb;
	long long n = -1;

	if (name != NULL && stat(name, &sb) == 0)
		n = (long long)sb.st_size;
	free(name);
	return n;
}

/* "file:" + path with what a URI would read otherwise escaped. */
static char *
uri_of(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path), i, o = 0;
	char *u = malloc(3 * n + strlen(query) + 8);
	unsigned char ch;

	if (u == NULL)
		return NULL;
	o += (size_t)sprintf(u, "file:");
	for (i = 0; i < n; i++) {
		ch = (unsigned char)path[i];
		if (ch == '%' || ch == '?' || ch == '#' || ch <= ' ' || ch >= 0x7f) {
			u[o++] = '%';
			u[o++] = hex[ch >> 4];
			u[o++] = hex[ch & 15];
		} else {
			u[o++] = (char)ch;
		}
	}
	strcpy(u + o, query);
	return u;
}

int
medium_connect(struct store *st, const struct medium *m, struct cs_err *err)
{
	const char *query = "?mode=ro";
	long long wal, shm;
	char *uri;
	int rc;

	if (!m->readonly) {
		rc = sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE, NULL);
		return rc == SQLITE_OK ? CS_OK : sql_fail(st, rc, "cannot open the database", err);
	}
	if (wal_mode(st->path)) {
		wal = size_of(st->path, "-wal");
		shm = size_of(st->path, "-shm");
		if (wal > 0 && shm < 0 && m->fs_readonly)
			return cs_err_set(err, CS_CANTCREAT, "%s cannot be read here: its write-ahead"
			                  " log (%s-wal) holds changes, and on a read-only file system"
			                  " SQLite cannot read them without %s-shm; copy the database"
			                  " with its -wal to a writable place", st->path, st->path,
			                  st->path);
		if (shm < 0 && !m->fs_readonly && m->dir_readonly)
			return cs_err_set(err, CS_CANTCREAT, "%s cannot be read: this user may not"
			                  " write its directory, and SQLite must make %s-shm there to"
			                  " read a database in WAL mode", st->path, st->path);
		/* Nothing can change it and its -wal is empty: read it as is. */
		if (shm < 0 && m->fs_readonly)
			query = "?mode=ro&immutable=1";
	}
	if ((uri = uri_of(st->path, query)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return sql_fail(st, rc, "cannot open the database", err);
	return CS_OK;
}

const char *
store_readonly(const struct store *st)
{
	return st->medium.readonly ? st->medium.why : NULL;
}

const char *
store_notice(const struct store *st)
{
	return st->notice[0] != '\0' ? st->notice : NULL;
}
