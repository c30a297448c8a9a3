/* mark.c - the import marker: how another terminal knows that a bulk
 * write (an import, a purge) holds the log.
 *
 * A bulk holds SQLite's write lock for as long as it writes: seconds for
 * a large file, more than the busy timeout.  So that a crew member's
 * save can wait for it rather than fail, the bulk first takes an
 * exclusive flock(2) on a file beside the database, "<database>-import",
 * and writes its process id and the time it began there.  It lets go
 * after its commit or rollback, and the kernel drops the lock when the
 * process dies, however it dies.  Another process knows a bulk holds the
 * log when it cannot take a shared lock on that file; the file itself
 * stays (removing a lock file races with the next one to open it). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* Who holds the marker, from what it says. */
static void
read_holder(int fd, struct store_bulk_info *info)
{
	char buf[64];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	long long pid = 0, since = 0;

	if (n > 0) {
		buf[n] = '\0';
		if (sscanf(buf, "%lld %lld", &pid, &since) != 2)
			pid = since = 0;
	}
	info->pid = (long)pid;
	info->since = (int64_t)since;
}

int
mark_take(struct store *st, struct cs_err *err)
{
	char *name = files_name(st->path, FILES_IMPORT_MARK), buf[64];
	struct store_bulk_info other;
	struct stat sb;
	ssize_t w;
	int fd, n;

	if (name == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	          stat(st->path, &sb) == 0 ? sb.st_mode & 0777 : STORE_MODE);
	if (fd < 0) {
		cs_err_set(err, CS_CANTCREAT, "cannot write %s: %s", name, strerror(errno));
		free(name);
		return CS_CANTCREAT;
	}
	free(name);
	/* Every write looks at the marker with a shared lock held for a
	 * moment (store_bulk_holder): one of those is not an import, so it
	 * is waited out (up to a second) before another import is named. */
	for (n = 0; n < 100 && flock(fd, LOCK_EX | LOCK_NB) != 0; n++)
		nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
	if (n == 100) {
		read_holder(fd, &other);
		close(fd);
		return cs_err_set(err, CS_TEMPFAIL, "another import (process %ld) is writing the"
		                  " log", other.pid);
	}
	/* Who holds it, for the message of those who wait; the lock is what
	 * counts, so a marker that cannot say so still holds. */
	n = snprintf(buf, sizeof buf, "%ld %lld\n", (long)getpid(), (long long)time(NULL));
	w = ftruncate(fd, 0) == 0 ? pwrite(fd, buf, (size_t)n, 0) : -1;
	(void)w;
	st->mark_fd = fd;
	return CS_OK;
}

void
mark_drop(struct store *st)
{
	if (st->mark_fd < 0)
		return;
	flock(st->mark_fd, LOCK_UN);
	close(st->mark_fd);
	st->mark_fd = -1;
}

bool
store_bulk_holder(struct store *st, struct store_bulk_info *info)
{
	char *name;
	struct store_bulk_info dummy;
	bool held = false;
	int fd;

	if (info == NULL)
		info = &dummy;
	memset(info, 0, sizeof *info);
	if (st->mark_fd >= 0)   /* our own bulk */
		return false;
	if ((name = files_name(st->path, FILES_IMPORT_MARK)) == NULL)
		return false;
	fd = open(name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	free(name);
	if (fd < 0)
		return false;
	if (flock(fd, LOCK_SH | LOCK_NB) != 0) {
		held = errno == EWOULDBLOCK;
		if (held)
			read_holder(fd, info);
	} else {
		flock(fd, LOCK_UN);
	}
	close(fd);
	return held;
}
