/* files.c - the database's files as files: which names belong to it
 * (the file itself, SQLite's -wal, -shm and -journal, cslog's own
 * markers), whether another name is one of them, and their mode. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

/* The files beside the database that belong to it ("" is the file). */
static const char *const own_suffix[] = {
	"", "-wal", "-shm", "-journal", FILES_IMPORT_MARK, FILES_DAMAGE_MARK,
};
#define N_OWN (sizeof own_suffix / sizeof own_suffix[0])

char *
files_name(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);
	char *s = malloc(n + m + 1);

	if (s != NULL) {
		memcpy(s, path, n);
		memcpy(s + n, suffix, m + 1);
	}
	return s;
}

/* The directory of path made absolute and canonical, then its last
 * component: "/real/dir/name".  NULL when the directory cannot be
 * resolved (it does not exist) or out of memory. */
static char *
canonical(const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	char dir[PATH_MAX], *d, *out;
	size_t n;

	if (slash == path)
		d = strdup("/");
	else if (slash != NULL)
		d = strndup(path, (size_t)(slash - path));
	else
		d = strdup(".");
	if (d == NULL)
		return NULL;
	if (realpath(d, dir) == NULL) {
		free(d);
		return NULL;
	}
	free(d);
	n = strlen(dir) + strlen(base) + 2;
	if ((out = malloc(n)) != NULL)
		snprintf(out, n, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", base);
	return out;
}

bool
files_same(const char *a, const char *b)
{
	struct stat sa, sb;
	char *ca, *cb;
	bool same;

	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	/* One of them does not exist (yet): the same name is the same file. */
	ca = canonical(a);
	cb = canonical(b);
	same = ca != NULL && cb != NULL && strcmp(ca, cb) == 0;
	free(ca);
	free(cb);
	return same;
}

int
files_refuse_own(const char *db, const char *other, const char *what, struct cs_err *err)
{
	char *name;
	size_t i;
	bool same = false;

	for (i = 0; i < N_OWN; i++) {
		if ((name = files_name(db, own_suffix[i])) == NULL)
			return cs_err_set(err, CS_OSERR, "out of memory");
		same = files_same(other, name);
		free(name);
		if (same)
			break;
	}
	if (!same)
		return CS_OK;
	return cs_err_set(err, CS_USAGE, "%s is %s: %s", other, i == 0 ? "the database itself" :
	                  "one of the database's own files (-wal, -shm, -journal or a marker)",
	                  what);
}

int
store_tighten(const char *path, unsigned mode, unsigned *was, struct cs_err *err)
{
	struct stat sb;
	unsigned old;
	char *name;
	size_t i;
	int rc = CS_OK;

	*was = 0;
	mode &= 0777;
	for (i = 0; i < N_OWN && rc == CS_OK; i++) {
		if ((name = files_name(path, own_suffix[i])) == NULL)
			return cs_err_set(err, CS_OSERR, "out of memory");
		if (stat(name, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    ((old = (unsigned)sb.st_mode & 0777) & ~mode) != 0) {
			*was |= old;
			if (chmod(name, old & mode) != 0)
				rc = cs_err_set(err, CS_CANTCREAT, "%s can be read or written by"
				    " others (mode %04o), and cslog cannot take that away (%s):"
				    " as its owner, run chmod %03o %s and its -wal and -shm",
				    name, old, strerror(errno), mode, path);
		}
		free(name);
	}
	return rc;
}
