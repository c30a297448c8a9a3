/* import_input.c - where import's input is, for its two passes: the
 * records the checking pass kept for the writing pass (import_spool.c)
 * in a private temporary file, or, when no such file can be made, the
 * regular file read again (and refused if it changed meanwhile).  The
 * test build's old way (CSLOG_TEST_IMPORT_SERIAL=1) reads the input
 * twice, spooling an input that cannot be read twice. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import_int.h"

#include "app_int.h"

/* A temporary file of this user's alone, unlinked at once. */
static FILE *
tmp_open(struct cs_err *err)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd, e;
	FILE *f;

	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof path, "%s/cslog-import.XXXXXX", dir) >= sizeof path) {
		cs_err_set(err, CS_CANTCREAT, "TMPDIR is too long");
		return NULL;
	}
	if ((fd = mkstemp(path)) < 0) {   /* 0600 */
		cs_err_set(err, CS_CANTCREAT, "cannot make a file in %s to hold the input"
		           " while it is checked: %s", dir, strerror(errno));
		return NULL;
	}
	unlink(path);
	if ((f = fdopen(fd, "w+")) == NULL) {
		e = errno;
		close(fd);
		cs_err_set(err, CS_OSERR, "cannot hold the input: %s", strerror(e));
	}
	return f;
}

/* The test build can write in one thread, reading and writing in turn,
 * as import did before the pipeline: the tests compare the two. */
bool
imp_serial_asked(void)
{
	return app_test_flag("CSLOG_TEST_IMPORT_SERIAL");
}

/* Where the checking pass keeps what the writing pass needs: the
 * records that passed, in *checked (import_spool.c).  When no such
 * file can be made, a regular file is read again as it is; so is it in
 * the test build's old way, which also copies an input that cannot be
 * read twice as it is read. */
int
imp_input_open(struct imp_input *in, FILE *f, FILE **checked, struct cs_err *err)
{
	memset(in, 0, sizeof *in);
	in->f = f;
	in->regular = fstat(fileno(f), &in->was) == 0 && S_ISREG(in->was.st_mode) &&
	              (in->start = ftell(f)) >= 0;
	if (!imp_serial_asked()) {
		if (checked == NULL)   /* staged (import_stage.c) */
			return CS_OK;
		if ((*checked = tmp_open(err)) != NULL)
			return CS_OK;
		if (!in->regular)
			return err->code;
		memset(err, 0, sizeof *err);
		return CS_OK;
	}
	if (in->regular)
		return CS_OK;
	return (in->spool = tmp_open(err)) != NULL ? CS_OK : err->code;
}

/* The input once more, from its start, for the writing pass. */
int
imp_input_again(struct imp_input *in, struct cs_err *err)
{
	FILE *f = in->spool != NULL ? in->spool : in->f;

	if (in->spool != NULL && fflush(in->spool) != 0)
		return cs_err_set(err, CS_IOERR, "cannot hold the input: %s", strerror(errno));
	clearerr(f);
	if (fseek(f, in->spool != NULL ? 0 : in->start, SEEK_SET) != 0)
		return cs_err_set(err, CS_IOERR, "cannot read the input again: %s",
		                  strerror(errno));
	return CS_OK;
}

/* The checked records could not be written: the disk is full, or the
 * temporary directory refuses them. */
int
imp_held_failed(struct imp *im, int e)
{
	return cs_err_set(im->err, e == ENOSPC || e == EFBIG ? CS_IOERR : CS_CANTCREAT,
	    "the input could not be held while it was checked (%s): nothing was imported",
	    strerror(e));
}

/* The checked records, from their start, for the writing pass. */
int
imp_checked_again(struct imp *im)
{
	clearerr(im->checked);
	if (fseek(im->checked, 0, SEEK_SET) != 0)
		return cs_err_set(im->err, CS_IOERR, "cannot read the checked records again: %s",
		                  strerror(errno));
	return CS_OK;
}

/* Is the regular file still what the first pass read? */
bool
imp_input_same(const struct imp_input *in)
{
	struct stat now;

	if (!in->regular)
		return true;
	return fstat(fileno(in->f), &now) == 0 && now.st_ino == in->was.st_ino &&
	       now.st_dev == in->was.st_dev && now.st_size == in->was.st_size &&
	       now.st_mtim.tv_sec == in->was.st_mtim.tv_sec &&
	       now.st_mtim.tv_nsec == in->was.st_mtim.tv_nsec;
}

