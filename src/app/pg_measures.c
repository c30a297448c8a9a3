/* pg_measures.c - the measures on a PostgreSQL server: secret-shopper
 * evaluations kept, read and counted through the server's functions
 * (pgstore_measures.h) where shopper.c and measures_report.c use a
 * file's store.  The decisions (the form, each measured item judged,
 * who may do what) are taken in those files first, as on a file; the
 * server takes the last ones again from the session. */
#include <string.h>

#include "app_int.h"
#include "cslog/pgstore_measures.h"

int
app_pg_shopper_add(struct app *a, const struct shopper_eval *e, int64_t *id,
                   struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int64_t got = 0;
	int rc = pg == NULL ? app_err(err) : pgstore_shopper_add(pg, e, &got, err);

	if (id != NULL)
		*id = rc == CS_OK ? got : 0;
	return rc;
}

int
app_pg_shopper_get(struct app *a, int64_t id, struct shopper_eval *out, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	memset(out, 0, sizeof *out);
	return pg == NULL ? app_err(err) : pgstore_shopper_get(pg, id, out, err);
}

int
app_pg_shopper_list(struct app *a, const struct measure_filter *f,
                    int (*cb)(void *ctx, const struct shopper_eval *e), void *ctx,
                    struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_shopper_list(pg, f, cb, ctx, err);
}

int
app_pg_shopper_tally(struct app *a, const struct measure_filter *f, enum shopper_by by,
                     int (*cb)(void *ctx, const struct shopper_tally *t), void *ctx,
                     struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_shopper_tally(pg, f, by, cb, ctx, err);
}
