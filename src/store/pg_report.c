/* pg_report.c - report figures on a PostgreSQL server: counts by one
 * dimension from the server's aggregates (or a member's own contacts),
 * and the follow-ups overdue at the server's clock
 * (pg_schema_report.c). */
#include <stdio.h>

#include "pg_int.h"

static void
period(const char *since, const char *until, const char *policy, int64_t member,
       char buf[24], const char **v)
{
	snprintf(buf, 24, "%lld", (long long)member);
	v[0] = since != NULL && *since != '\0' ? since : NULL;
	v[1] = until != NULL && *until != '\0' ? until : NULL;
	v[2] = policy != NULL && *policy != '\0' ? policy : NULL;
	v[3] = member != 0 ? buf : NULL;
}

int
pgstore_report(struct pgstore *pg, const char *dim, const char *since, const char *until,
               const char *policy, int64_t member,
               int (*cb)(void *ctx, const char *value, int64_t n), void *ctx,
               struct cs_err *err)
{
	const char *v[6] = { pg->token, dim };
	char m[24];
	PGresult *r;
	int i, n;

	period(since, until, policy, member, m, v + 2);
	r = pgstore_exec(pg, "SELECT value, n FROM cslog.report_counts($1, $2, $3, $4, $5, $6)",
	                 6, v, err);
	if (r == NULL)
		return pgstore_code(err);
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		const char *value = pgstore_val(r, i, 0);

		if (cb(ctx, value != NULL ? value : "", pgstore_int(r, i, 1)) != 0)
			break;
	}
	PQclear(r);
	return CS_OK;
}

int
pgstore_report_overdue(struct pgstore *pg, const char *since, const char *until,
                       const char *policy, int64_t member, int64_t *n, struct cs_err *err)
{
	const char *v[5] = { pg->token };
	char m[24];
	PGresult *r;

	period(since, until, policy, member, m, v + 1);
	r = pgstore_exec(pg, "SELECT cslog.report_overdue($1, $2, $3, $4, $5)", 5, v, err);
	if (r == NULL)
		return pgstore_code(err);
	*n = pgstore_int(r, 0, 0);
	PQclear(r);
	return CS_OK;
}
