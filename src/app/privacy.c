/* privacy.c - redaction of protected customer data, by hand and by the
 * policies' retention rules.  Both are a supervisor's act, audited as
 * theirs with the reason; the same code serves the command line and the
 * screens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

#define DAY 86400

int
app_redact(struct app *a, const struct app_actor *who, int64_t id, const char *reason,
           struct cs_err *err)
{
	struct store *st;
	int rc;

	if (reason == NULL || reason[strspn(reason, " \t")] == '\0')
		return cs_err_set(err, CS_USAGE, "say why the data is removed (a reason)");
	if (app_db_is_server(a))
		return app_pg_redact(a, who, id, reason, err);
	if ((rc = app_may(who, APP_REDACT, 0, err)) != CS_OK ||
	    (rc = app_begin(a, "nothing was removed", &st, err)) != CS_OK)
		return rc;
	return app_end(a, store_contact_redact(st, who->id, id, reason, a->now, err), err);
}

struct ids {
	int64_t *v;
	size_t n, cap;
};

static int
keep_id(void *ctx, int64_t id)
{
	struct ids *ids = ctx;
	int64_t *v;

	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 256;
		v = realloc(ids->v, ids->cap * sizeof *v);
		if (v == NULL)
			return 1;
		ids->v = v;
	}
	ids->v[ids->n++] = id;
	return 0;
}

/* One policy's contacts past retention: listed, then (unless dry_run)
 * redacted inside the caller's bulk. */
static int
purge_policy(struct app *a, struct store *st, int64_t actor_id, const struct policy *p,
             bool dry_run, app_purge_cb cb, void *ctx, size_t *n, struct cs_err *err)
{
	struct ids ids = { 0 };
	char reason[120];
	size_t i;
	int rc = store_private_older(st, p->id, a->now - (int64_t)p->retention_days * DAY,
	                             keep_id, &ids, err);

	snprintf(reason, sizeof reason, "retention: older than %ld days (policy %s)",
	         p->retention_days, p->id);
	for (i = 0; rc == CS_OK && i < ids.n; i++) {
		if (!dry_run)
			rc = store_contact_redact(st, actor_id, ids.v[i], reason, a->now, err);
		if (rc == CS_OK && cb != NULL)
			cb(ctx, p->id, p->retention_days, ids.v[i]);
	}
	if (rc == CS_OK)
		*n += ids.n;
	free(ids.v);
	return rc;
}

int
app_purge(struct app *a, const struct app_actor *who, const char *policy_id, bool dry_run,
          app_purge_cb cb, void *ctx, size_t *n, struct cs_err *err)
{
	struct store *st;
	const struct policy *p;
	size_t i;
	int rc = app_may(who, APP_REDACT, 0, err);

	*n = 0;
	if (app_db_is_server(a))
		return app_pg_purge(a, who, policy_id, dry_run, cb, ctx, n, err);
	if (rc != CS_OK)
		return rc;
	if (policy_id != NULL && policy_set_find(&a->policies, policy_id) == NULL)
		return cs_err_set(err, CS_USAGE, "no policy '%s' is loaded", policy_id);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	if (!dry_run && (rc = store_bulk_begin(st, err)) != CS_OK)
		return rc;
	app_now(a);   /* under the write lock */
	for (i = 0; rc == CS_OK && i < a->policies.n; i++) {
		p = a->policies.items[i];
		if (p->retention_days > 0 && (policy_id == NULL || strcmp(p->id, policy_id) == 0))
			rc = purge_policy(a, st, who->id, p, dry_run, cb, ctx, n, err);
	}
	if (dry_run)
		return rc;
	if (rc != CS_OK) {
		store_bulk_rollback(st);
		*n = 0;
		return rc;
	}
	rc = store_bulk_commit(st, err);
	if (rc == CS_OK)
		app_anchor(a);
	return rc;
}
