/* damage.c - damage verify found, recorded where every process sees it.
 *
 * SQLite's integrity check names each damaged spot; verify reports them
 * all (bounded), and the app records what it found in a small text file
 * beside the database, "<database>-damaged".  A file, not a table: the
 * damaged database may not take a write (or a write may spread the
 * damage), and every command and screen must see the record before it
 * reads anything.  The file is written whole or not at all (a temporary
 * file renamed over it) with the database's mode, and removed by a
 * restore or by a verify that finds the file intact again. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define DAMAGE_TEXT_MAX 2048

/* A pragma takes no bound parameter: SQLite stops after this many
 * problems, and store_integrity after max of them. */
static const char SQL_INTEGRITY_N[] = "PRAGMA integrity_check(1000)";

int
store_integrity(struct store *st, size_t max, int (*cb)(void *ctx, const char *line),
                void *ctx, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_INTEGRITY_N, err);
	const char *line;
	bool row = true;
	size_t n = 0;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	while (n < max && (rc = stmt_row(st, s, &row, "cannot check the database", err))
	       == CS_OK && row) {
		line = (const char *)sqlite3_column_text(s, 0);
		if (line == NULL || strcmp(line, "ok") == 0)
			continue;
		n++;
		if (cb(ctx, line) != 0)
			break;
	}
	sqlite3_reset(s);
	return rc;
}

int
store_damage_record(struct store *st, const char *text, struct cs_err *err)
{
	char *name = files_name(st->path, FILES_DAMAGE_MARK), *tmp = NULL;
	size_t n = strnlen(text, DAMAGE_TEXT_MAX);
	struct stat sb;
	int fd = -1, rc = CS_OK;

	if (st->flags & STORE_READONLY) {
		free(name);
		return cs_err_set(err, CS_CANTCREAT, "nothing can be written beside %s: %s",
		                  st->path, st->medium.why);
	}
	if (name == NULL || (tmp = files_name(name, ".XXXXXX")) == NULL)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	if (rc == CS_OK && (fd = mkstemp(tmp)) < 0)
		rc = cs_err_set(err, CS_CANTCREAT, "cannot write %s: %s", name, strerror(errno));
	if (rc == CS_OK && stat(st->path, &sb) == 0)
		fchmod(fd, sb.st_mode & 0777);
	if (rc == CS_OK && (write(fd, text, n) != (ssize_t)n || write(fd, "\n", 1) != 1 ||
	                    fsync(fd) != 0))
		rc = cs_err_set(err, errno == ENOSPC || errno == EFBIG ? CS_IOERR : CS_CANTCREAT,
		                "cannot write %s: %s", name, strerror(errno));
	if (fd >= 0 && close(fd) != 0 && rc == CS_OK)
		rc = cs_err_set(err, CS_IOERR, "cannot write %s: %s", name, strerror(errno));
	if (rc == CS_OK && rename(tmp, name) != 0)
		rc = cs_err_set(err, CS_CANTCREAT, "cannot write %s: %s", name, strerror(errno));
	if (rc != CS_OK && fd >= 0)
		unlink(tmp);
	free(tmp);
	free(name);
	return rc;
}

char *
store_damage_read(const struct store *st)
{
	char *name = files_name(st->path, FILES_DAMAGE_MARK), *text = NULL;
	ssize_t n = 0;
	int fd;

	if (name == NULL)
		return NULL;
	fd = open(name, O_RDONLY | O_CLOEXEC);
	free(name);
	if (fd < 0)
		return NULL;
	text = malloc(DAMAGE_TEXT_MAX + 1);
	if (text != NULL && (n = read(fd, text, DAMAGE_TEXT_MAX)) < 0)
		n = 0;
	close(fd);
	if (text == NULL)
		return NULL;
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		n--;
	text[n] = '\0';
	if (n == 0 || memchr(text, '\0', (size_t)n) != NULL)
		snprintf(text, DAMAGE_TEXT_MAX, "verify found this database damaged");
	return text;
}

int
store_damage_clear(struct store *st, struct cs_err *err)
{
	char *name = files_name(st->path, FILES_DAMAGE_MARK);
	int rc = CS_OK;

	if (name == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	if (unlink(name) != 0 && errno != ENOENT)
		rc = cs_err_set(err, CS_CANTCREAT, "cannot remove %s: %s", name, strerror(errno));
	free(name);
	return rc;
}
