/* pg_story.c - what show lists under a contact on a PostgreSQL server:
 * the reviews of a version and the amendments of its chain
 * (cslog.review_list, amendment_list: pg_schema_more2.c).  The server
 * reads only a contact the member may read.  And clock-accept
 * (cslog.clock_accept). */
#include <stdio.h>
#include <string.h>

#include "pg_int.h"

int
pgstore_review_list(struct pgstore *pg, int64_t id,
                    int (*cb)(void *ctx, const struct review *r), void *ctx,
                    struct cs_err *err)
{
	char ids[24];
	const char *v[] = { pg->token, ids };
	struct review rv;
	PGresult *r;
	int i, k;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	r = pgstore_exec(pg, "SELECT id, contact_id, member_id, at, kind, note, badge, name"
	                 " FROM cslog.review_list($1, $2)", 2, v, err);
	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r); i++) {
		memset(&rv, 0, sizeof rv);
		rv.id = pgstore_int(r, i, 0);
		rv.contact_id = pgstore_int(r, i, 1);
		rv.member_id = pgstore_int(r, i, 2);
		rv.at = pgstore_int(r, i, 3);
		k = record_review_kind_parse(PQgetvalue(r, i, 4));
		rv.kind = k < 0 ? REVIEW_SIGN_OFF : (enum review_kind)k;
		rv.note = pgstore_val(r, i, 5);
		rv.reviewer_badge = pgstore_val(r, i, 6);
		rv.reviewer_name = pgstore_val(r, i, 7);
		if (cb(ctx, &rv) != 0)
			break;
	}
	PQclear(r);
	return CS_OK;
}

int
pgstore_amendment_list(struct pgstore *pg, int64_t id,
                       int (*cb)(void *ctx, const struct amendment *a, const char *badge,
                                 const char *name), void *ctx, struct cs_err *err)
{
	char ids[24];
	const char *v[] = { pg->token, ids };
	struct amendment a;
	PGresult *r;
	int i;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	r = pgstore_exec(pg, "SELECT id, original_id, at, actor_id, badge, name, reason"
	                 " FROM cslog.amendment_list($1, $2)", 2, v, err);
	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r); i++) {
		memset(&a, 0, sizeof a);
		a.id = pgstore_int(r, i, 0);
		a.original_id = pgstore_int(r, i, 1);
		a.at = pgstore_int(r, i, 2);
		a.actor_id = pgstore_int(r, i, 3);
		a.reason = pgstore_val(r, i, 6);
		if (cb(ctx, &a, pgstore_val(r, i, 4), pgstore_val(r, i, 5)) != 0)
			break;
	}
	PQclear(r);
	return CS_OK;
}

int
pgstore_clock_accept(struct pgstore *pg, int64_t *head_at, int64_t *now, bool *accepted,
                     struct cs_err *err)
{
	const char *v[] = { pg->token };
	PGresult *r = pgstore_exec_write(pg, "accepting the clock",
	                                 "SELECT head_at, now, accepted FROM cslog.clock_accept($1)",
	                                 1, v, err);

	if (r == NULL)
		return pgstore_code(err);
	*head_at = pgstore_int(r, 0, 0);
	*now = pgstore_int(r, 0, 1);
	*accepted = pgstore_tri(r, 0, 2) == TRI_YES;
	PQclear(r);
	return CS_OK;
}
