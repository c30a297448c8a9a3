/* pg_owner.c - whose a contact or a follow-up is, on a server
 * (cslog.contact_owner, cslog.followup_owner: pg_schema_owner.c), for
 * the use case to decide by the permission table (src/app/pg_owner.c). */
#include <stdio.h>

#include "pg_int.h"

/* sql's one value for (token, id): a member id, or 0 for none. */
static int
owner_of(struct pgstore *pg, const char *sql, int64_t id, int64_t *owner,
         struct cs_err *err)
{
	char ids[24];
	const char *v[] = { pg->token, ids };
	PGresult *r;

	*owner = 0;
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	if ((r = pgstore_exec(pg, sql, 2, v, err)) == NULL)
		return pgstore_code(err);
	if (PQntuples(r) == 1 && pgstore_val(r, 0, 0) != NULL)
		*owner = pgstore_int(r, 0, 0);
	PQclear(r);
	return CS_OK;
}

int
pgstore_contact_owner(struct pgstore *pg, int64_t id, int64_t *owner, struct cs_err *err)
{
	return owner_of(pg, "SELECT cslog.contact_owner($1, $2)", id, owner, err);
}

int
pgstore_followup_owner(struct pgstore *pg, int64_t id, int64_t *owner, struct cs_err *err)
{
	return owner_of(pg, "SELECT cslog.followup_owner($1, $2)", id, owner, err);
}
