/* pg_anchor.c - 'verify --anchor' on a PostgreSQL server: the chain
 * still reaches a head noted outside the server (ID:HASH written down
 * at a shift change, or an anchor file), with the hash it had then.
 * The chain alone cannot show events cut off its end by someone who
 * also set the head back; a head kept elsewhere can.  As
 * app_anchor_check (anchor.c) does for a file. */

#include "app_int.h"
#include "cslog/pgstore.h"

static int
server_event(void *ctx, int64_t id, struct store_head *at, bool *found, struct cs_err *err)
{
	return pgstore_event(ctx, id, at, found, err);
}

int
app_pg_anchor_check(struct app *a, const struct app_anchor *an,
                    struct store_verify_result *res, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	struct store_head head;
	int rc;

	if (pg == NULL)
		return app_err(err);
	if ((rc = pgstore_head(pg, &head, err)) != CS_OK)
		return rc;
	return app_anchor_judge(an, &head, "the server's head", server_event, pg, res, err);
}
