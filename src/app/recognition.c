/* recognition.c - the recognition program: a supervisor records a
 * recognition (an award, a letter, positive reinforcement), and anyone
 * may weigh the evidence within their scope: their own, or, for a
 * supervisor, every member's. */
#include <string.h>

#include "cslog/app_measures.h"

#include "app_int.h"

int
app_recognition_add(struct app *a, const struct app_actor *who, struct recognition *r,
                    int64_t *id, struct cs_err *err)
{
	struct store *st;
	int rc = app_may(who, APP_RECOGNITION_ADD, r->member_id, err);

	if (rc == CS_OK && r->member_id == 0)
		rc = cs_err_set(err, CS_USAGE, "say whom the recognition is for");
	if (rc == CS_OK && (r->reason == NULL || r->reason[strspn(r->reason, " \t\n")] == '\0'))
		rc = cs_err_set(err, CS_USAGE, "say why (the reason is kept with it)");
	if (rc == CS_OK && app_db_is_server(a))   /* the server stamps the time */
		return app_pg_recognition_add(a, r, id, err);
	if (rc != CS_OK || (rc = app_begin(a, "the recognition was not saved", &st, err)) != CS_OK)
		return rc;
	return app_end(a, store_recognition_add(st, who->id, r, a->now, id, err), err);
}

/* A member's scope: their own. */
static int
scope(const struct app_actor *who, struct measure_filter *f, struct cs_err *err)
{
	if (app_scope_of(who, APP_RECOGNITION_READ) == SCOPE_OWN && f->member_id == 0)
		f->member_id = who->id;
	return app_may(who, APP_RECOGNITION_READ, f->member_id, err);
}

int
app_recognition_list(struct app *a, const struct app_actor *who, struct measure_filter *f,
                     int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                     struct cs_err *err)
{
	struct store *st;
	int rc = scope(who, f, err);

	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return app_pg_recognition_list(a, f, cb, ctx, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	return store_recognition_list(st, f, cb, ctx, err);
}

int
app_evidence(struct app *a, const struct app_actor *who, struct measure_filter *f,
             int (*cb)(void *ctx, const struct evidence *e), void *ctx, struct cs_err *err)
{
	struct store *st;
	int rc = scope(who, f, err);

	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return app_pg_evidence(a, f, app_survey_headline(a, f->policy_id), cb, ctx, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	return store_evidence(st, f, app_survey_headline(a, f->policy_id), cb, ctx, err);
}

int
app_evidence_items(struct app *a, const struct app_actor *who,
                   const struct measure_filter *f, int64_t member_id, size_t each,
                   int (*cb)(void *ctx, const struct evidence_item *it), void *ctx,
                   struct cs_err *err)
{
	struct store *st;
	int rc = app_may(who, APP_RECOGNITION_READ, member_id, err);

	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return app_pg_evidence_items(a, f, member_id, app_survey_headline(a, f->policy_id),
		                             each, cb, ctx, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	return store_evidence_items(st, f, member_id, app_survey_headline(a, f->policy_id), each,
	                            cb, ctx, err);
}
