/* import_stage.c - import's checked records staged for a set-based
 * copy (cslog/import_stage.h).
 *
 * On a file (not on a server, not in the test build's old way), the
 * checking pass puts each record that passed into a stage the store
 * keeps in a private temporary database, unlinked before the first
 * record is put; under the write lock the store copies the stage into
 * the log, asking this file for each record's member (found, or made
 * in the bulk, as the row-by-row writer did) and reporting the records
 * it refuses by their lines.  No second reading of the input, no
 * second check.  When no stage can be made (no temporary directory),
 * the import goes the way it went before. */
#include <stdlib.h>

#include "import_int.h"

#include "app_int.h"

void
imp_stage_open(struct imp *im, struct app *a)
{
	const char *dir = getenv("TMPDIR");
	struct cs_err e = { 0 };
	struct store *st;

	if (imp_serial_asked() || app_db_is_server(a))
		return;
	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	/* attached to the log's connection from the start: unlinked before
	 * any record is put (store/import_stage.c) */
	if ((st = app_store(a, &e)) == NULL || store_stage_open(&im->stage, st, dir, &e) != CS_OK)
		im->stage = NULL;   /* the records kept in a file, or read again */
}

static int
member(void *ctx, const char *badge, const char *name, int64_t *id, struct cs_err *e)
{
	return imp_member(ctx, badge, name, id, e);
}

static void
refused(void *ctx, long line, const char *msg)
{
	imp_refused(ctx, line, msg);
}

void
imp_stage_copy(struct imp *im)
{
	struct store_stage_hooks h = { .ctx = im, .member = member, .refused = refused };
	size_t n = 0;
	int rc = store_stage_copy(im->st, im->stage, im->who->id, im->a->now, &h, &n, im->err);

	if (rc != CS_OK && !im->fatal)
		im->fatal = rc;
	im->stats->imported += n;
}
