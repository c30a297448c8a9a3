/* pg_preload.c - a command on a server loads libpq while it reads the
 * policies (issue 18).  Loading libpq and the twenty libraries it pulls
 * in is 3 - 4 ms of the dynamic linker's work (their ~10,000 relocations
 * bound at load, as Debian builds them); reading the policies about 1 ms
 * more; on a second core the two overlap. */
#include "app_int.h"
#include "cslog/pgstore.h"

void
app_pg_preload(struct app *a)
{
	/* The group deployment connects before the policies (while it holds
	 * the group) and sets libpq's environment first: nothing to overlap,
	 * and the environment is not to change under a loading thread. */
	if (a->pg == NULL && !app_secure() && app_db_is_server(a))
		pgstore_preload();
}
