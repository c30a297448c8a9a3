/* review.c - supervisors' reviews of contacts (sign-off, debrief note,
 * commendation) and follow-ups (listed, closed, paused, resumed). */
#include <string.h>

#include "app_int.h"

int
app_review_add(struct app *a, const struct app_actor *who, int64_t contact_id, int kind,
               const char *note, int64_t *id, struct cs_err *err)
{
	struct store *st;
	int rc = app_may(who, APP_REVIEW, 0, err);

	if (rc == CS_OK && app_db_is_server(a))
		return app_pg_review_add(a, who, contact_id, kind, note, id, err);
	if (rc != CS_OK || (rc = app_begin(a, "the review was not saved", &st, err)) != CS_OK)
		return rc;
	return app_end(a, store_review_add(st, who->id, contact_id, (enum review_kind)kind, note,
	                                   a->now, id, err), err);
}

int
app_followup_list(struct app *a, const struct app_actor *who, struct followup_filter *f,
                  size_t limit, int (*cb)(void *ctx, const struct followup *fu), void *ctx,
                  struct cs_err *err)
{
	struct store *st;
	int rc;

	if (app_scope_of(who, APP_FOLLOWUP) == SCOPE_OWN && f->member_id == 0)
		f->member_id = who->id;
	if ((rc = app_may(who, APP_FOLLOWUP, f->member_id, err)) != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return app_pg_followup_list(a, who, f, limit, cb, ctx, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	f->now = app_now(a);
	return store_followup_list(st, f, limit, cb, ctx, err);
}

int
app_followup_act(struct app *a, const struct app_actor *who, enum app_followup_act act,
                 int64_t id, const char *text, struct cs_err *err)
{
	struct store *st;
	struct followup f = { 0 };
	int rc;

	if (act == FOLLOWUP_ACT_PAUSE && (text == NULL || text[strspn(text, " \t")] == '\0'))
		return cs_err_set(err, CS_USAGE, "say why the follow-up waits (a reason)");
	if (app_db_is_server(a))
		return act == FOLLOWUP_ACT_DONE ? app_pg_followup_done(a, who, id, text, err) :
		       app_pg_followup_pause(a, who, id, act == FOLLOWUP_ACT_PAUSE ? text : NULL,
		                             err);
	if ((rc = app_begin(a, "the follow-up was not changed", &st, err)) != CS_OK)
		return rc;
	rc = store_followup_get(st, id, a->now, &f, err);
	if (rc == CS_OK)
		rc = app_may(who, APP_FOLLOWUP, f.member_id, err);
	record_followup_clear(&f);
	if (rc == CS_OK && act == FOLLOWUP_ACT_DONE)
		rc = store_followup_done(st, who->id, id, text, a->now, err);
	else if (rc == CS_OK && act == FOLLOWUP_ACT_PAUSE)
		rc = store_followup_pause(st, who->id, id, text, a->now, err);
	else if (rc == CS_OK)
		rc = store_followup_resume(st, who->id, id, a->now, err);
	return app_end(a, rc, err);
}
