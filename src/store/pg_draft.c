/* pg_draft.c - the signed-in member's drafts and saved views on a
 * server (cslog.draft_*, cslog.view_*: pg_schema_drafts.c).  On a hot
 * standby they go to the primary, as the sign-in does (reads too: one's
 * own draft is read where it was written); a standby whose string names
 * no primary that answers refuses them, saying so. */
#include <stdio.h>
#include <stdlib.h>

#include "pg_int.h"

int
pgstore_draft_save(struct pgstore *pg, const char *slot, const char *body,
                   struct cs_err *err)
{
	const char *v[] = { pg->token, slot, body };
	PGresult *r = pgstore_exec_primary(pg, "saving a draft",
	                                 "SELECT cslog.draft_save($1, $2, $3)", 3, v, err);

	if (r == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

int
pgstore_draft_delete(struct pgstore *pg, const char *slot, struct cs_err *err)
{
	const char *v[] = { pg->token, slot };
	PGresult *r = pgstore_exec_primary(pg, "removing a draft",
	                                 "SELECT cslog.draft_delete($1, $2)", 2, v, err);

	if (r == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

int
pgstore_draft_list(struct pgstore *pg, const char *prefix, const char *slot,
                   int (*cb)(void *ctx, const char *slot, const char *body, int64_t at),
                   void *ctx, struct cs_err *err)
{
	const char *v[] = { pg->token, prefix, slot };
	PGresult *r = pgstore_exec_primary(pg, "reading the drafts", "SELECT slot, body,"
	                                   " updated_at FROM cslog.draft_list($1, $2, $3)", 3, v,
	                                   err);
	int i;

	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r); i++) {
		if (cb(ctx, pgstore_val(r, i, 0), pgstore_val(r, i, 1), pgstore_int(r, i, 2)) != 0)
			break;
	}
	PQclear(r);
	return CS_OK;
}

int
pgstore_view_save(struct pgstore *pg, int slot, const char *name, const char *filter,
                  struct cs_err *err)
{
	char s[16];
	const char *v[] = { pg->token, s, name, filter };
	PGresult *r;

	snprintf(s, sizeof s, "%d", slot);
	r = pgstore_exec_primary(pg, "saving a view", "SELECT cslog.view_save($1, $2, $3, $4)",
	                         4, v, err);
	if (r == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

int
pgstore_view_list(struct pgstore *pg,
                  int (*cb)(void *ctx, int slot, const char *name, const char *filter),
                  void *ctx, struct cs_err *err)
{
	const char *v[] = { pg->token };
	PGresult *r = pgstore_exec_primary(pg, "reading the saved views", "SELECT slot, name,"
	                                   " filter FROM cslog.view_list($1)", 1, v, err);
	int i;

	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r); i++) {
		if (cb(ctx, (int)pgstore_int(r, i, 0), pgstore_val(r, i, 1), pgstore_val(r, i, 2)) != 0)
			break;
	}
	PQclear(r);
	return CS_OK;
}
