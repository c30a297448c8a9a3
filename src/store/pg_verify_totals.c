/* pg_verify_totals.c - a full 'cslog verify' against a PostgreSQL
 * server: the reports' all-time totals (cslog.agg_total) against their
 * daily rows summed, compared on the server (cslog.verify_totals,
 * pg_schema_totals.c), which may read the aggregates the terminal role
 * may not. */
#include <stdio.h>
#include <string.h>

#include "pg_int.h"

int
pgstore_verify_totals(struct pgstore *pg, struct store_verify_result *res, struct cs_err *err)
{
	const char *v[1] = { pg->token };
	char counts[80] = "";
	PGresult *r;

	if ((r = pgstore_exec(pg, "SELECT dim, policy_id, value, total, daily"
	                      " FROM cslog.verify_totals($1)", 1, v, err)) == NULL)
		return pgstore_code(err);
	if (PQntuples(r) == 0) {
		PQclear(r);
		return CS_OK;
	}
	if (pgstore_val(r, 0, 3) != NULL)
		snprintf(counts, sizeof counts, " (%lld over all time, %lld over its days)",
		         (long long)pgstore_int(r, 0, 3), (long long)pgstore_int(r, 0, 4));
	snprintf(res->why, sizeof res->why, "the report totals were changed behind cslog's"
	         " back: %.40s '%.60s' under policy %.40s is not its days summed%s (table"
	         " agg_total; found on the server)", PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 2),
	         PQgetvalue(r, 0, 1), counts);
	PQclear(r);
	res->ok = false;
	res->bad_event = 0;
	res->bad_contact = 0;
	return cs_err_set(err, CS_DATAERR, "%s", res->why);
}
