/* pg_measures.c - the measures on a PostgreSQL server: secret-shopper
 * evaluations kept, read and counted through the server's functions
 * (pgstore_measures.h) where shopper.c and measures_report.c use a
 * file's store.  The decisions (the form, each measured item judged,
 * who may do what) are taken in those files first, as on a file; the
 * server takes the last ones again from the session. */
#include <string.h>

#include "app_int.h"
#include "cslog/pgstore_measures.h"

int
app_pg_shopper_add(struct app *a, const struct shopper_eval *e, int64_t *id,
                   struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int64_t got = 0;
	int rc = pg == NULL ? app_err(err) : pgstore_shopper_add(pg, e, &got, err);

	if (id != NULL)
		*id = rc == CS_OK ? got : 0;
	return rc;
}

int
app_pg_shopper_get(struct app *a, int64_t id, struct shopper_eval *out, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	memset(out, 0, sizeof *out);
	return pg == NULL ? app_err(err) : pgstore_shopper_get(pg, id, out, err);
}

int
app_pg_shopper_list(struct app *a, const struct measure_filter *f,
                    int (*cb)(void *ctx, const struct shopper_eval *e), void *ctx,
                    struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_shopper_list(pg, f, cb, ctx, err);
}

int
app_pg_shopper_tally(struct app *a, const struct measure_filter *f, enum shopper_by by,
                     int (*cb)(void *ctx, const struct shopper_tally *t), void *ctx,
                     struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_shopper_tally(pg, f, by, cb, ctx, err);
}

int
app_pg_survey_add(struct app *a, const struct survey_response *r, int64_t *id,
                  struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int64_t got = 0;
	int rc = pg == NULL ? app_err(err) : pgstore_survey_add(pg, r, &got, err);

	if (id != NULL)
		*id = rc == CS_OK ? got : 0;
	return rc;
}

int
app_pg_survey_get(struct app *a, int64_t id, bool comment, struct survey_response *out,
                  struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	memset(out, 0, sizeof *out);
	return pg == NULL ? app_err(err) : pgstore_survey_get(pg, id, comment, out, err);
}

int
app_pg_survey_list(struct app *a, const struct measure_filter *f, bool comments,
                   int (*cb)(void *ctx, const struct survey_response *r), void *ctx,
                   struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_survey_list(pg, f, comments, cb, ctx, err);
}

int
app_survey_tally_rows(struct app *a, const struct measure_filter *f, enum survey_by by,
                      const char *question,
                      int (*cb)(void *ctx, const struct survey_tally *t), void *ctx,
                      struct cs_err *err)
{
	struct pgstore *pg;
	struct store *st;

	if (app_db_is_server(a)) {
		pg = app_pg(a, err);
		return pg == NULL ? app_err(err) : pgstore_survey_tally(pg, f, by, question, cb, ctx,
		                                                        err);
	}
	st = app_store(a, err);
	return st == NULL ? app_err(err) : store_survey_tally(st, f, by, question, cb, ctx, err);
}

int
app_survey_count_rows(struct app *a, const struct measure_filter *f, int64_t *responses,
                      int64_t *linked, struct cs_err *err)
{
	struct pgstore *pg;
	struct store *st;

	*responses = *linked = 0;
	if (app_db_is_server(a)) {
		pg = app_pg(a, err);
		return pg == NULL ? app_err(err) : pgstore_survey_count(pg, f, responses, linked,
		                                                        err);
	}
	st = app_store(a, err);
	return st == NULL ? app_err(err) : store_survey_count(st, f, responses, linked, err);
}

int
app_shopper_tally_rows(struct app *a, const struct measure_filter *f, enum shopper_by by,
                       int (*cb)(void *ctx, const struct shopper_tally *t), void *ctx,
                       struct cs_err *err)
{
	struct store *st;

	if (app_db_is_server(a))
		return app_pg_shopper_tally(a, f, by, cb, ctx, err);
	st = app_store(a, err);
	return st == NULL ? app_err(err) : store_shopper_tally(st, f, by, cb, ctx, err);
}

int
app_pg_recognition_add(struct app *a, const struct recognition *r, int64_t *id,
                       struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int64_t got = 0;
	int rc = pg == NULL ? app_err(err) : pgstore_recognition_add(pg, r, &got, err);

	if (id != NULL)
		*id = rc == CS_OK ? got : 0;
	return rc;
}

int
app_pg_recognition_list(struct app *a, const struct measure_filter *f,
                        int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                        struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_recognition_list(pg, f, cb, ctx, err);
}

int
app_pg_evidence(struct app *a, const struct measure_filter *f, const char *headline,
                int (*cb)(void *ctx, const struct evidence *e), void *ctx, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_evidence(pg, f, headline, cb, ctx, err);
}

int
app_pg_evidence_items(struct app *a, const struct measure_filter *f, int64_t member_id,
                      const char *headline, size_t each,
                      int (*cb)(void *ctx, const struct evidence_item *it), void *ctx,
                      struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_evidence_items(pg, f, member_id, headline,
	                                                          each, cb, ctx, err);
}

int
app_meeting_recognitions(struct app *a, const struct measure_filter *f,
                         int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                         struct cs_err *err)
{
	struct pgstore *pg;
	struct store *st;

	if (app_db_is_server(a)) {
		pg = app_pg(a, err);
		return pg == NULL ? app_err(err) : pgstore_meeting_recognitions(pg, f, cb, ctx, err);
	}
	st = app_store(a, err);
	return st == NULL ? app_err(err) : store_recognition_list(st, f, cb, ctx, err);
}

int
app_meeting_followups(struct app *a, const char *since, const char *until, const char *policy,
                      struct followup_stats *out, struct cs_err *err)
{
	struct store *st;
	int64_t pending;

	if (app_db_is_server(a))
		return app_pg_followup_stats(a, since, until, policy, 0, out, &pending, err);
	st = app_store(a, err);
	return st == NULL ? app_err(err) : store_followup_stats(st, since, until, policy, 0,
	                                                        a->now, out, err);
}
