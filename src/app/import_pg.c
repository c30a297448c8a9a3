/* import_pg.c - import on a PostgreSQL server: the records are sent
 * with COPY as the checking pass passes them (one pass), or, in the test
 * build's old way, sent again and checked again in a second pass; the
 * server writes them in the same transaction, each with its audit event
 * (pgstore_import_end); as on a file, a bad record stops the whole
 * import unless --skip-bad. */
#include <string.h>

#include "cslog/pgstore.h"
#include "import_int.h"

#include "app_int.h"

int
import_pg_begin(struct imp *im)
{
	struct pgstore *pg = app_pg(im->a, im->err);
	int rc;

	if (pg == NULL)
		return app_err(im->err);
	if ((rc = pgstore_import_begin(pg, im->err)) == CS_OK)
		im->pg = pg;
	return rc;
}

int
import_pg_row(struct imp *im, const struct codec_row *r, long line)
{
	struct cs_err e = { 0 };

	if (im->fatal)
		return im->fatal;
	if (pgstore_import_row(im->pg, line, &r->c, r->member_badge, r->member_name, &e) !=
	    CS_OK)
		im->fatal = cs_err_set(im->err, e.code, "%s", e.msg);
	else
		im->stats->imported++;
	return im->fatal;
}

/* A record the server refused: reported as the checks' are. */
static void
refused_there(void *ctx, long line, const char *why)
{
	struct imp *im = ctx;

	im->stats->bad++;
	if (im->o->on_error != NULL)
		im->o->on_error(im->o->ctx, line, why != NULL ? why : "refused by the server");
}

int
import_pg_end(struct imp *im, size_t checked_bad)
{
	struct import_stats *s = im->stats;
	struct pg_import_result res;
	bool keep;
	int rc;

	if (!im->fatal && !im->header_bad && im->rebad != checked_bad)
		im->fatal = cs_err_set(im->err, CS_DATAERR, "the input changed while it was"
		    " imported (%zu bad records read the first time, %zu the second): nothing"
		    " was imported", checked_bad, im->rebad);
	keep = !im->fatal && !im->header_bad && (s->bad == 0 || im->o->skip_bad);
	rc = pgstore_import_end(im->pg, keep, im->o->skip_bad, refused_there, im, &res,
	                        im->fatal ? NULL : im->err);
	im->pg = NULL;
	s->imported = res.imported;
	s->members_created = res.members;
	if (im->fatal)
		return im->fatal;
	if (im->header_bad)
		return cs_err_set(im->err, CS_DATAERR, "nothing was imported");
	if (rc != CS_OK)
		return rc;
	if (s->bad > 0 && (!keep || res.imported == 0) && !im->o->skip_bad)
		return cs_err_set(im->err, CS_DATAERR, "%zu bad record%s: nothing was imported",
		                  s->bad, s->bad == 1 ? "" : "s");
	if (s->bad > 0)
		return cs_err_set(im->err, CS_DATAERR, "%zu bad record%s skipped", s->bad,
		                  s->bad == 1 ? " was" : "s were");
	return CS_OK;
}

/* The second pass on a server: COPY, then the server writes them. */
int
import_pg_two_passes(struct imp *im, struct imp_input *in, size_t checked_bad)
{
	int rc = im->checked != NULL ? imp_checked_again(im) : imp_input_again(in, im->err);

	if (rc == CS_OK)
		rc = import_pg_begin(im);
	if (rc != CS_OK)
		return rc;
	if (im->checked != NULL)   /* only the records that passed are there */
		im->rebad = checked_bad;
	im->pass = PASS_WRITE;
	/* One thread: the server, not this process, is the slow part. */
	imp_read_all(im, im->checked != NULL ? im->checked : in->spool != NULL ? in->spool : in->f);
	if (!im->fatal && !imp_input_same(in))
		im->fatal = cs_err_set(im->err, CS_DATAERR, "the file changed while it was"
		                       " imported: nothing was imported");
	return import_pg_end(im, checked_bad);
}

/* On a server, one pass: each record is sent as soon as it is checked
 * (COPY into the server's stage, in a transaction that holds none of
 * the log's locks), and the server writes them, under its lock, only
 * once every record was read and checked (cslog.import_commit); a bad
 * record without --skip-bad, or an input that fails, and the
 * transaction is rolled back: nothing imported, as in two passes.  The
 * server takes in the rows while this process parses the next ones.
 * CSLOG_TEST_IMPORT_SERIAL=1 keeps the two passes (import_pg_two_passes). */
int
import_pg_one_pass(struct imp *im, FILE *f)
{
	int rc = import_pg_begin(im);

	if (rc != CS_OK)
		return rc;
	imp_read_all(im, f);
	im->rebad = im->stats->bad;
	return import_pg_end(im, im->stats->bad);
}
