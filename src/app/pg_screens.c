/* pg_screens.c - what the full-screen program needs on either store:
 * which use cases this store runs (the screens offer nothing else), the
 * sign-in by badge, a contact logged with its idempotency key, and, on
 * a server, the member's drafts and saved views (pg_schema_drafts.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "cslog/app_screens.h"
#include "cslog/app_time.h"
#include "cslog/pgstore.h"

/* The use cases written for a server so far (docs/postgresql.md): the
 * one list of them, for the commands (cli.c asks app_available before
 * running one) and the screens (which offer nothing else).  A use case
 * brought to the server is marked here; one that runs on a server only
 * in part refuses the rest itself (survey import: app_survey_import). */
static const bool on_server[APP_OP_COUNT] = {
	[APP_LOG] = true, [APP_LOG_FOR] = true, [APP_READ] = true,
	[APP_READ_PROTECTED] = true, [APP_BULK_PROTECTED] = true, [APP_AMEND] = true,
	[APP_REVIEW] = true, [APP_FOLLOWUP] = true, [APP_REPORT] = true,
	[APP_REPORT_BY_MEMBER] = true, [APP_EXPORT] = true, [APP_IMPORT] = true,
	[APP_VERIFY] = true, [APP_MEMBER_LIST] = true, [APP_MEMBER_ADD] = true,
	[APP_MEMBER_PIN] = true, [APP_VIEWS] = true, [APP_REDACT] = true, [APP_CLOCK] = true,
	[APP_DRILL_READ] = true, [APP_DRILL_RUN] = true, [APP_SHOPPER_ADD] = true,
	[APP_SHOPPER_READ] = true, [APP_SURVEY_ADD] = true, [APP_SURVEY_READ] = true,
	[APP_SURVEY_COMMENT] = true, [APP_RECOGNITION_ADD] = true,
	[APP_RECOGNITION_READ] = true, [APP_MEETING] = true,
};

bool
app_is_server(struct app *a)
{
	return app_db_is_server(a) && !a->demo;
}

bool
app_available(struct app *a, int op)
{
	if (op < 0 || !app_is_server(a))
		return true;
	return op < APP_OP_COUNT && on_server[op];
}

/* ---- sign-in ------------------------------------------------------------ */

/* A server lists no member to a terminal nobody signed in on: the
 * sign-in screen's "search" is the whole badge, said to exist (and
 * whether it has a PIN) by the server. */
int
app_pg_member_search(struct app *a, const char *text,
                     int (*cb)(void *ctx, const struct member *m), void *ctx,
                     struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	struct member m = { 0 };
	bool needs = true;
	int rc;

	if (pg == NULL)
		return app_err(err);
	if (text == NULL || *text == '\0')
		return CS_OK;
	rc = pgstore_sign_in_needs_pin(pg, text, &needs, err);
	if (rc == CS_NOUSER)
		return CS_OK;
	if (rc != CS_OK)
		return rc;
	m.badge = text;   /* borrowed, as records handed to callbacks are */
	m.name = "";
	m.has_pin = needs;
	cb(ctx, &m);
	return CS_OK;
}

int
app_sign_in_badge(struct app *a, const char *badge, const char *pin, struct app_actor *out,
                  struct pin_result *res, struct cs_err *err)
{
	struct member m = { 0 };
	struct store *st;
	struct pgstore *pg;
	int rc;

	memset(out, 0, sizeof *out);
	memset(res, 0, sizeof *res);
	if (!app_db_is_server(a)) {
		if ((st = app_store(a, err)) == NULL)
			return app_err(err);
		rc = store_member_find(st, badge, &m, err);
		if (rc == CS_OK)
			rc = app_sign_in(a, m.id, pin, out, res, err);
		record_member_clear(&m);
		return rc == CS_NOUSER ? cs_err_set(err, CS_NOPERM, "no member has the badge"
		                                    " '%.40s'", badge) : rc;
	}
	/* A new connection for each sign-in: closing the last one signs its
	 * member out on the server. */
	pgstore_close(a->pg);
	a->pg = NULL;
	if ((pg = app_pg(a, err)) == NULL)
		return app_err(err);
	rc = pgstore_sign_in(pg, badge, pin, &m, res, err);
	return app_pg_sign_in_judge(badge, rc, res, &m, out, err);
}

/* ---- a contact with its key ------------------------------------------- */

int
app_contact_log_keyed(struct app *a, const struct app_actor *who, struct contact *c,
                      const char *key, const char *draft_slot, int64_t *id,
                      struct cs_err *err)
{
	if (!app_db_is_server(a))
		return app_contact_log(a, who, c, draft_slot, id, err);
	return app_pg_contact_log(a, who, c, key, draft_slot, id, err);
}

/* ---- drafts and saved views ------------------------------------------- */

int
app_pg_draft_save(struct app *a, const char *slot, const char *body, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_draft_save(pg, slot, body, err);
}

int
app_pg_draft_delete(struct app *a, const char *slot, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_draft_delete(pg, slot, err);
}

int
app_pg_draft_list(struct app *a, const char *prefix,
                  int (*cb)(void *ctx, const char *slot, const char *body, int64_t at),
                  void *ctx, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_draft_list(pg, prefix, NULL, cb, ctx, err);
}

struct one {
	char *body;
	int64_t at;
	bool found, failed;
};

static int
take_one(void *ctx, const char *slot, const char *body, int64_t at)
{
	struct one *o = ctx;

	(void)slot;
	o->found = true;
	o->at = at;
	o->failed = (o->body = strdup(body != NULL ? body : "")) == NULL;
	return 1;
}

int
app_pg_draft_load(struct app *a, const char *slot, char **body, int64_t *updated_at,
                  struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	struct one o = { NULL, 0, false, false };
	int rc;

	if (pg == NULL)
		return app_err(err);
	if ((rc = pgstore_draft_list(pg, NULL, slot, take_one, &o, err)) != CS_OK)
		return rc;
	if (o.failed)
		return cs_err_set(err, CS_OSERR, "out of memory");
	if (!o.found)
		return cs_err_set(err, CS_NOINPUT, "no draft");
	*body = o.body;
	if (updated_at != NULL)
		*updated_at = o.at;
	return CS_OK;
}

int
app_pg_view_save(struct app *a, int slot, const char *name, const char *filter,
                 struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	if (pg == NULL)
		return app_err(err);
	if (slot < 1 || slot > STORE_VIEW_SLOTS)
		return cs_err_set(err, CS_USAGE, "a view is kept under a key from 1 to %d",
		                  STORE_VIEW_SLOTS);
	return pgstore_view_save(pg, slot, name, filter, err);
}

int
app_pg_view_list(struct app *a,
                 int (*cb)(void *ctx, int slot, const char *name, const char *filter),
                 void *ctx, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_view_list(pg, cb, ctx, err);
}
