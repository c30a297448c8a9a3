/* pg_drill.c - drills and quizzes on a PostgreSQL server: the attempts
 * kept and read through the server's functions (pgstore_drill_add,
 * pgstore_drill_query) where a file's store is used, so that drill.c,
 * drill_stats.c, drill_regrade.c and report_drills.c decide the same on
 * both.  The server decides again who may keep and see whose attempts,
 * and stamps the time itself. */
#include <stdio.h>
#include <string.h>

#include "app_int.h"
#include "cslog/pgstore.h"

int
app_drill_rows(struct app *a, const struct drill_filter *f, store_drill_cb cb, void *ctx,
               struct cs_err *err)
{
	struct pgstore *pg;
	struct store *st;

	if (app_db_is_server(a)) {
		pg = app_pg(a, err);
		return pg == NULL ? app_err(err) : pgstore_drill_query(pg, f, cb, ctx, err);
	}
	st = app_store(a, err);
	return st == NULL ? app_err(err) : store_drill_query(st, f, cb, ctx, err);
}

int
app_drill_keep(struct app *a, const struct app_actor *who, const struct drill_attempt *d,
               struct cs_err *err)
{
	struct pgstore *pg;
	struct store *st;
	int64_t id;
	int rc;

	if (app_db_is_server(a)) {
		pg = app_pg(a, err);
		return pg == NULL ? app_err(err) : pgstore_drill_add(pg, d, &id, err);
	}
	if ((rc = app_begin(a, "the answers were not kept", &st, err)) != CS_OK)
		return rc;
	return app_end(a, store_drill_add(st, who->id, d, a->now, &id, err), err);
}
