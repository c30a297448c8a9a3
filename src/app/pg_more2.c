/* pg_more2.c - customer data removed on a PostgreSQL server: redact and
 * purge, as privacy.c on a file; verify --since-anchor; clock-accept.  The permission table decides here
 * first; the server decides again (cslog.contact_redact, supervisors
 * only), stamps the time with its clock and judges retention by it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "cslog/pgstore.h"

int
app_pg_redact(struct app *a, const struct app_actor *who, int64_t id, const char *reason,
              struct cs_err *err)
{
	struct pgstore *pg;
	int rc = app_may(who, APP_REDACT, 0, err);

	if (rc != CS_OK)
		return rc;
	if ((pg = app_pg(a, err)) == NULL)
		return app_err(err);
	return pgstore_contact_redact(pg, id, reason, err);
}

struct reached {
	int64_t *ids;
	const char **reasons;
	size_t n, cap;
	const char *reason;   /* the policy's, for the ids added now */
};

static int
keep(void *ctx, int64_t id)
{
	struct reached *r = ctx;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		int64_t *ids = realloc(r->ids, cap * sizeof *ids);
		const char **why;

		if (ids == NULL)
			return 1;
		r->ids = ids;
		if ((why = realloc(r->reasons, cap * sizeof *why)) == NULL)
			return 1;
		r->reasons = why;
		r->cap = cap;
	}
	r->ids[r->n] = id;
	r->reasons[r->n++] = r->reason;
	return 0;
}

int
app_pg_purge(struct app *a, const struct app_actor *who, const char *policy_id, bool dry_run,
             app_purge_cb cb, void *ctx, size_t *n, struct cs_err *err)
{
	struct pgstore *pg;
	struct reached r = { 0 };
	char (*why)[120] = NULL;
	const struct policy *p;
	size_t i, j, from;
	int rc = app_may(who, APP_REDACT, 0, err);

	*n = 0;
	if (rc != CS_OK)
		return rc;
	if (policy_id != NULL && policy_set_find(&a->policies, policy_id) == NULL)
		return cs_err_set(err, CS_USAGE, "no policy '%s' is loaded", policy_id);
	if ((pg = app_pg(a, err)) == NULL)
		return app_err(err);
	if ((why = calloc(a->policies.n + 1, sizeof *why)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	for (i = 0; rc == CS_OK && i < a->policies.n; i++) {
		p = a->policies.items[i];
		if (p->retention_days <= 0 || (policy_id != NULL && strcmp(p->id, policy_id) != 0))
			continue;
		snprintf(why[i], sizeof why[i], "retention: older than %ld days (policy %s)",
		         p->retention_days, p->id);
		r.reason = why[i];
		from = r.n;
		rc = pgstore_private_older(pg, p->id, p->retention_days, keep, &r, err);
		if (rc == CS_OK && r.n < from)
			rc = cs_err_set(err, CS_OSERR, "out of memory");
		for (j = from; rc == CS_OK && cb != NULL && j < r.n; j++)
			if (dry_run)
				cb(ctx, p->id, p->retention_days, r.ids[j]);
	}
	if (rc == CS_OK && !dry_run)
		rc = pgstore_redact_many(pg, r.n, r.ids, r.reasons, err);
	/* Said once they are redacted (one transaction: all or none). */
	for (i = 0, j = 0; rc == CS_OK && !dry_run && cb != NULL && i < a->policies.n; i++) {
		p = a->policies.items[i];
		for (; j < r.n && r.reasons[j] == why[i]; j++)
			cb(ctx, p->id, p->retention_days, r.ids[j]);
	}
	if (rc == CS_OK)
		*n = r.n;
	free(r.ids);
	free(r.reasons);
	free(why);
	return rc;
}

int
app_pg_verify_since(struct app *a, int64_t after, struct store_verify_result *res,
                    struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_verify_since(pg, after, res, err);
}

int
app_pg_clock_accept(struct app *a, int64_t *head_at, int64_t *now, bool *accepted,
                    struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	*accepted = false;
	return pg == NULL ? app_err(err) : pgstore_clock_accept(pg, head_at, now, accepted, err);
}
