/* secure.c - running set-group-id (the group deployment).
 *
 * When the kernel runs cslog with more rights than the person who ran
 * it (set-group-id cslog: glibc's "secure mode", AT_SECURE), nothing in
 * the environment may redirect it: the database, the policies, the
 * anchor file and the test hooks come from the installed configuration
 * only.  Every environment variable that names a path is read through
 * app_env, which gives nothing in that mode.  root is not held to it
 * (root can do anything to the files anyway).
 *
 * And the group is held only while it is needed: a command lets it go
 * for good once the database is open (app_group_drop: what it writes
 * for the person, an export or a backup, is theirs, and what it reads
 * for them, an import or a policy file, is read with their rights); the
 * screens let it go while they wait for a key and take it back for the
 * key's work (app_group_release, app_group_hold). */
#define _GNU_SOURCE   /* getresgid, setresgid */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_int.h"

bool
app_secure(void)
{
	return getauxval(AT_SECURE) != 0 && getuid() != 0;
}

const char *
app_env(const char *name)
{
	const char *v;

	if (app_secure())
		return NULL;
	v = getenv(name);
	return v != NULL && *v != '\0' ? v : NULL;
}

int
app_group_drop(struct cs_err *err)
{
	gid_t r = getgid();

	if (getauxval(AT_SECURE) == 0 && getegid() == r)
		return CS_OK;
	if (setresgid(r, r, r) != 0 || getegid() != r)
		return cs_err_set(err, CS_OSERR, "cannot let the group go: stopping");
	return CS_OK;
}

void
app_group_release(void)
{
	gid_t r, e, s;

	if (getresgid(&r, &e, &s) == 0 && e != r && setegid(r) != 0)
		abort();   /* never go on holding what we meant to let go */
}

void
app_group_hold(void)
{
	gid_t r, e, s;

	if (getresgid(&r, &e, &s) == 0 && e != s && setegid(s) != 0)
		abort();
}

bool
app_in_group_dir(const char *path)
{
	const char *dir = app_group_dir(), *slash = strrchr(path, '/');
	size_t n;

	if (dir == NULL || slash == NULL)
		return false;
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return (size_t)(slash - path) == n && strncmp(path, dir, n) == 0;
}

/* Set-group-id: the database and its -wal and -shm must be there, made
 * by the administrator: a file this person made would be theirs to open
 * with anything (SQLite makes a missing -wal or -shm as whoever runs). */
static int
check_files(const char *path, struct cs_err *err)
{
	static const char *const suffix[3] = { "", "-wal", "-shm" };
	char name[4200];
	struct stat sb;
	int i;

	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffix[i]);
		if (lstat(name, &sb) != 0)
			return cs_err_set(err, errno == ENOENT ? CS_NOINPUT : CS_CANTCREAT,
			                  "the group deployment is not set up: %s: %s (its"
			                  " administrator runs cslog once as root; see 'make"
			                  " install-group')", name, strerror(errno));
		if (!S_ISREG(sb.st_mode) || sb.st_uid == getuid() || (sb.st_mode & 0007) != 0)
			return cs_err_set(err, CS_NOPERM, "%s is not the group deployment's to use"
			                  " (a plain file of root's, mode 0660, group cslog): its"
			                  " administrator must set it right", name);
	}
	return CS_OK;
}

int
app_store_flags(struct app *a, const char *path, unsigned *flags, struct cs_err *err)
{
	*flags = a->existing ? STORE_EXISTING : 0;
	if (app_in_group_dir(path))
		*flags |= STORE_SHARED;
	if (!app_secure() || a->demo)
		return CS_OK;
	/* Only root creates the group's files or upgrades them. */
	*flags |= STORE_EXISTING | STORE_NO_UPGRADE;
	return check_files(path, err);
}
