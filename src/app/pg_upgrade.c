/* pg_upgrade.c - cslog admin upgrade-server URL: the database's owner
 * brings a server's schema up to this cslog's (pgstore_upgrade_server),
 * as init-server makes it, without a session: the owner is PostgreSQL's
 * role, not a member of the log. */
#include "app_int.h"
#include "cslog/pgstore.h"

int
app_upgrade_server(struct app *a, const char *url,
                   void (*made)(void *ctx, const char *name, const char *what), void *ctx,
                   int *n_made, struct cs_err *err)
{
	struct pgstore *pg = NULL;
	int rc;

	(void)a;
	*n_made = 0;
	if (!pgstore_is_conninfo(url))
		return cs_err_set(err, CS_USAGE, "upgrade-server takes a PostgreSQL connection"
		                  " string (postgresql://... or service=NAME), not '%.200s'", url);
	if ((rc = pgstore_open(url, &pg, err)) != CS_OK)
		return rc;
	rc = pgstore_upgrade_server(pg, made, ctx, n_made, err);
	pgstore_close(pg);
	return rc;
}
