/* tmpdir.h - each store test's own temporary directory (its database
 * and backups live there), made in setup and removed with all it holds
 * in teardown.  Included by one test program each: static functions. */
#ifndef CSLOG_TEST_TMPDIR_H
#define CSLOG_TEST_TMPDIR_H

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static int
tmpdir_rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* Make /tmp/cslog-NAME-XXXXXX in dir (64 bytes) and its "cslog.db" path
 * in path (128 bytes); NULL when the directory cannot be made. */
static char *
tmpdir_make(char dir[64], char path[128], const char *name)
{
	snprintf(dir, 64, "/tmp/cslog-%s-XXXXXX", name);
	if (mkdtemp(dir) == NULL)
		return NULL;
	snprintf(path, 128, "%s/cslog.db", dir);
	return dir;
}

/* Remove dir and everything in it. */
static void
tmpdir_remove(const char *dir)
{
	nftw(dir, tmpdir_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A stamp in time order, as the store requires of every event: t, or a
 * second after the last one given when t is earlier. */
static int64_t mono_last;

static inline int64_t
mono(int64_t t)
{
	mono_last = t > mono_last ? t : mono_last + 1;
	return mono_last;
}

#endif
