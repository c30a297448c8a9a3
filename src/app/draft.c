/* draft.c - what a person keeps for themselves: drafts saved as they
 * type (not audited: not records of fact) and the review queue's saved
 * views.  Only ever one's own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

int
app_draft_save(struct app *a, const struct app_actor *who, const char *slot,
               const char *body, struct cs_err *err)
{
	struct store *st;
	int rc;

	if (who == NULL || who->id == 0)
		return cs_err_set(err, CS_NOPERM, "a draft is someone's: nobody is signed in");
	if (app_db_is_server(a))
		return app_pg_draft_save(a, slot, body, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	if ((rc = app_writable(a, st, err)) != CS_OK)
		return rc;
	return store_draft_save(st, who->id, slot, body, app_now(a), err);
}

int
app_draft_load(struct app *a, const struct app_actor *who, const char *slot, char **body,
               int64_t *updated_at, struct cs_err *err)
{
	struct store *st;

	*body = NULL;
	if (who == NULL || who->id == 0)
		return cs_err_set(err, CS_NOPERM, "a draft is someone's: nobody is signed in");
	if (app_db_is_server(a))
		return app_pg_draft_load(a, slot, body, updated_at, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	return store_draft_load(st, who->id, slot, body, updated_at, err);
}

int
app_draft_delete(struct app *a, const struct app_actor *who, const char *slot,
                 struct cs_err *err)
{
	struct store *st;
	int rc;

	if (who == NULL || who->id == 0)
		return cs_err_set(err, CS_NOPERM, "a draft is someone's: nobody is signed in");
	if (app_db_is_server(a))
		return app_pg_draft_delete(a, slot, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	if ((rc = app_writable(a, st, err)) != CS_OK)
		return rc;
	return store_draft_delete(st, who->id, slot, err);
}

int
app_draft_list(struct app *a, const struct app_actor *who, const char *prefix,
               int (*cb)(void *ctx, const char *slot, const char *body, int64_t updated_at),
               void *ctx, struct cs_err *err)
{
	struct store *st;

	if (who == NULL || who->id == 0)
		return cs_err_set(err, CS_NOPERM, "a draft is someone's: nobody is signed in");
	if (app_db_is_server(a))
		return app_pg_draft_list(a, prefix, cb, ctx, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	return store_draft_list(st, who->id, prefix, cb, ctx, err);
}

struct highest {
	const char *prefix;
	long n;
};

static int
highest(void *ctx, const char *slot, const char *body, int64_t at)
{
	struct highest *h = ctx;
	long n = strtol(slot + strlen(h->prefix) + (slot[strlen(h->prefix)] == '-'), NULL, 10);

	(void)body;
	(void)at;
	if (n > h->n)
		h->n = n;
	return 0;
}

int
app_draft_new_slot(struct app *a, const struct app_actor *who, const char *prefix,
                   char *slot, size_t len, struct cs_err *err)
{
	struct highest h = { prefix, 0 };
	int rc = app_draft_list(a, who, prefix, highest, &h, err);

	if (rc == CS_OK)
		snprintf(slot, len, "%s-%ld", prefix, h.n + 1);
	return rc;
}

int
app_view_save(struct app *a, const struct app_actor *who, int slot, const char *name,
              const char *filter, struct cs_err *err)
{
	struct store *st;
	int rc = app_may(who, APP_VIEWS, who != NULL ? who->id : 0, err);

	if (rc == CS_OK && app_db_is_server(a))
		return app_pg_view_save(a, slot, name, filter, err);
	if (rc != CS_OK || (rc = app_begin(a, "the view was not saved", &st, err)) != CS_OK)
		return rc;
	return app_end(a, store_view_save(st, who->id, slot, name, filter, a->now, err), err);
}

int
app_view_list(struct app *a, const struct app_actor *who,
              int (*cb)(void *ctx, int slot, const char *name, const char *filter),
              void *ctx, struct cs_err *err)
{
	struct store *st;
	int rc = app_may(who, APP_VIEWS, who != NULL ? who->id : 0, err);

	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return app_pg_view_list(a, cb, ctx, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	return store_view_list(st, who->id, cb, ctx, err);
}
