/* pg_privacy.c - customer data removed on a PostgreSQL server: one
 * contact's (cslog.contact_redact), the contacts a retention rule
 * reaches (cslog.private_older), several redacted in one transaction,
 * and when a contact was redacted (pg_schema_privacy.c). */
#include <stdio.h>
#include <string.h>

#include "pg_int.h"

static int
redact_one(struct pgstore *pg, int64_t id, const char *reason, struct cs_err *err)
{
	char ids[24];
	const char *v[] = { pg->token, ids, reason };
	PGresult *r;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	r = pgstore_exec_write(pg, "removing customer data",
	                       "SELECT cslog.contact_redact($1, $2, $3)", 3, v, err);
	if (r == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

int
pgstore_contact_redact(struct pgstore *pg, int64_t id, const char *reason, struct cs_err *err)
{
	return redact_one(pg, id, reason, err);
}

static int
exec0(struct pgstore *pg, const char *sql, struct cs_err *err)
{
	PGresult *r = pgstore_exec(pg, sql, 0, NULL, err);

	if (r == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

int
pgstore_redact_many(struct pgstore *pg, size_t n, const int64_t *ids,
                    const char *const *reasons, struct cs_err *err)
{
	PGresult *r;
	size_t i;
	int rc = CS_OK;

	if (n == 0)
		return CS_OK;
	/* Refused on a standby before anything, as every write. */
	if ((r = pgstore_exec_write(pg, "removing customer data", "BEGIN", 0, NULL, err)) == NULL)
		return pgstore_code(err);
	PQclear(r);
	for (i = 0; rc == CS_OK && i < n; i++)
		rc = redact_one(pg, ids[i], reasons[i], err);
	if (rc == CS_OK)
		return exec0(pg, "COMMIT", err);
	PQclear(PQexec(pg->conn, "ROLLBACK"));
	return rc;
}

int
pgstore_private_older(struct pgstore *pg, const char *policy, long days,
                      int (*cb)(void *ctx, int64_t id), void *ctx, struct cs_err *err)
{
	char d[24];
	const char *v[] = { pg->token, policy, d };
	PGresult *r;
	int i;

	snprintf(d, sizeof d, "%ld", days);
	r = pgstore_exec(pg, "SELECT id FROM cslog.private_older($1, $2, $3) AS id", 3, v, err);
	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r); i++)
		if (cb(ctx, pgstore_int(r, i, 0)) != 0)
			break;
	PQclear(r);
	return CS_OK;
}

int
pgstore_contact_redacted(struct pgstore *pg, int64_t id, int64_t *at, struct cs_err *err)
{
	char ids[24];
	const char *v[] = { pg->token, ids };
	PGresult *r;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	r = pgstore_exec(pg, "SELECT cslog.contact_redacted($1, $2)", 2, v, err);
	if (r == NULL)
		return pgstore_code(err);
	*at = pgstore_int(r, 0, 0);
	PQclear(r);
	return CS_OK;
}
