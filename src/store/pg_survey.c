/* pg_survey.c - citizen satisfaction survey responses on a PostgreSQL
 * server (cslog.survey_add, survey_get, survey_list, survey_tally,
 * survey_count: pg_schema_survey.c), as a file's store_survey_*
 * (survey.c).  A comment leaves the server only with the read recorded
 * there, in the same transaction (one event per response shown, one
 * per list). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/measures.h"
#include "cslog/pgstore_measures.h"

#include "internal.h"
#include "pg_int.h"

static const char *
el_question(const void *ctx, size_t i, char *buf)
{
	(void)buf;
	return ((const struct survey_answer *)ctx)[i].question;
}

static const char *
el_scale(const void *ctx, size_t i, char *buf)
{
	(void)buf;
	return survey_scale_name(((const struct survey_answer *)ctx)[i].scale);
}

static const char *
el_score(const void *ctx, size_t i, char *buf)
{
	snprintf(buf, 32, "%d", ((const struct survey_answer *)ctx)[i].score);
	return buf;
}

int
pgstore_survey_add(struct pgstore *pg, const struct survey_response *r, int64_t *id,
                   struct cs_err *err)
{
	char at[24], contact[24], *arr[3];
	const char *(*const el[3])(const void *, size_t, char *) = { el_question, el_scale,
	                                                             el_score };
	PGresult *res = NULL;
	size_t i;
	int rc = CS_OK;

	*id = 0;
	for (i = 0; i < 3; i++)
		arr[i] = pgstore_array_lit(el[i], r->answers, r->n_answers);
	snprintf(at, sizeof at, "%lld", (long long)r->at);
	snprintf(contact, sizeof contact, "%lld", (long long)r->contact_id);
	if (arr[0] == NULL || arr[1] == NULL || arr[2] == NULL) {
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	} else {
		const char *v[] = { pg->token, r->at != 0 ? at : NULL, r->policy_id,
		                    r->policy_version, record_survey_source_name(r->source),
		                    r->contact_id != 0 ? contact : NULL, opt(r->ref),
		                    opt(r->comment), arr[0], arr[1], arr[2] };

		res = pgstore_exec_write(pg, "keeping a survey response",
		                         "SELECT cslog.survey_add($1, $2, $3, $4, $5, $6, $7, $8, $9,"
		                         " $10, $11)", 11, v, err);
		if (res == NULL)
			rc = pgstore_code(err);
		else
			*id = pgstore_int(res, 0, 0);
	}
	PQclear(res);
	for (i = 0; i < 3; i++)
		free(arr[i]);
	return rc;
}

/* "question US scale US score RS ..." into r's answers (text in m). */
static int
answers_from(const char *text, struct survey_response *r, struct record_mem **m)
{
	char *buf, *one, *next, *sc, *score;
	size_t len;

	if (text == NULL)
		return 0;
	len = strlen(text) + 1;
	if ((buf = mem_alloc(m, len)) == NULL)
		return -1;
	memcpy(buf, text, len);
	for (next = buf; next != NULL && *next != '\0' && r->n_answers < SURVEY_ANSWERS_MAX;) {
		one = next;
		if ((next = strchr(one, '\x1e')) != NULL)
			*next++ = '\0';
		if ((sc = strchr(one, '\x1f')) == NULL || (score = strchr(sc + 1, '\x1f')) == NULL)
			continue;
		*sc++ = '\0';
		*score++ = '\0';
		r->answers[r->n_answers].question = one;
		r->answers[r->n_answers].scale = survey_scale_parse(sc) == SCALE_YES_NO ?
		                                 SCALE_YES_NO : SCALE_1_5;
		r->answers[r->n_answers++].score = (int)strtol(score, NULL, 10);
	}
	return 0;
}

/* Row i of survey_get or survey_list into *r (owned: record_survey_clear). */
static int
response_from(const PGresult *res, int i, struct survey_response *r, struct cs_err *err)
{
	struct record_mem *m = NULL;
	int src, bad;

	memset(r, 0, sizeof *r);
	r->id = pgstore_int(res, i, 0);
	r->entered_by = pgstore_int(res, i, 1);
	r->logged_at = pgstore_int(res, i, 2);
	r->at = pgstore_int(res, i, 3);
	r->policy_id = mem_strdup(&m, pgstore_val(res, i, 4));
	r->policy_version = mem_strdup(&m, pgstore_val(res, i, 5));
	src = record_survey_source_parse(pgstore_val(res, i, 6) != NULL ? pgstore_val(res, i, 6)
	                                                                 : "");
	r->source = src < 0 ? SURVEY_SCRIPT : (enum survey_source)src;
	r->contact_id = pgstore_int(res, i, 7);
	r->ref = mem_strdup(&m, pgstore_val(res, i, 8));
	r->has_comment = pgstore_tri(res, i, 9) == TRI_YES;
	r->member_id = pgstore_int(res, i, 10);
	r->member_badge = mem_strdup(&m, pgstore_val(res, i, 11));
	r->kind = mem_strdup(&m, pgstore_val(res, i, 12));
	r->channel = mem_strdup(&m, pgstore_val(res, i, 13));
	r->outcome = mem_strdup(&m, pgstore_val(res, i, 14));
	r->added_value = pgstore_tri(res, i, 15) == TRI_YES;
	r->empowered = pgstore_tri(res, i, 16);
	bad = answers_from(pgstore_val(res, i, 17), r, &m);
	r->comment = mem_strdup(&m, pgstore_val(res, i, 18));
	r->mem = m;
	if (bad || r->policy_id == NULL || r->policy_version == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	return CS_OK;
}

int
pgstore_survey_get(struct pgstore *pg, int64_t id, bool comment, struct survey_response *out,
                   struct cs_err *err)
{
	char ids[24];
	const char *v[] = { pg->token, ids, comment ? "true" : "false" };
	const char *sql = "SELECT * FROM cslog.survey_get($1, $2, $3)";
	PGresult *r;
	int rc;

	memset(out, 0, sizeof *out);
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	r = comment ? pgstore_exec_write(pg, "reading a survey comment", sql, 3, v, err)
	            : pgstore_exec(pg, sql, 3, v, err);
	if (r == NULL)
		return pgstore_code(err);
	rc = PQntuples(r) == 1 ? response_from(r, 0, out, err)
	                       : cs_err_set(err, CS_NOINPUT, "no survey response %lld",
	                                    (long long)id);
	PQclear(r);
	if (rc != CS_OK)
		record_survey_clear(out);
	return rc;
}

struct filter_text {
	char since[24], until[24], member[24];
};

static void
filter_text(const struct measure_filter *f, struct filter_text *t, const char **v)
{
	snprintf(t->since, sizeof t->since, "%lld", (long long)f->since);
	snprintf(t->until, sizeof t->until, "%lld", (long long)f->until);
	snprintf(t->member, sizeof t->member, "%lld", (long long)f->member_id);
	v[0] = f->since != 0 ? t->since : NULL;
	v[1] = f->until != 0 ? t->until : NULL;
	v[2] = opt(f->policy_id);
	v[3] = f->member_id != 0 ? t->member : NULL;
}

int
pgstore_survey_list(struct pgstore *pg, const struct measure_filter *f, bool comments,
                    int (*cb)(void *ctx, const struct survey_response *r), void *ctx,
                    struct cs_err *err)
{
	struct filter_text t;
	const char *v[6] = { pg->token };
	const char *sql = "SELECT * FROM cslog.survey_list($1, $2, $3, $4, $5, $6)";
	struct survey_response s;
	PGresult *r;
	int i, stop = 0, rc = CS_OK;

	filter_text(f, &t, v + 1);
	v[5] = comments ? "true" : "false";
	r = comments ? pgstore_exec_write(pg, "reading survey comments", sql, 6, v, err)
	             : pgstore_exec(pg, sql, 6, v, err);
	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r) && !stop && rc == CS_OK; i++) {
		if ((rc = response_from(r, i, &s, err)) == CS_OK)
			stop = cb(ctx, &s);
		record_survey_clear(&s);
	}
	PQclear(r);
	return rc;
}

int
pgstore_survey_tally(struct pgstore *pg, const struct measure_filter *f, enum survey_by by,
                     const char *question,
                     int (*cb)(void *ctx, const struct survey_tally *t), void *ctx,
                     struct cs_err *err)
{
	static const char *const names[] = { "question", "kind", "channel", "outcome", "member",
	                                     "month", "doctrine", "all" };
	struct filter_text ft;
	const char *v[7] = { pg->token };
	struct survey_tally t;
	PGresult *r;
	int i;

	if ((unsigned)by > SURVEY_BY_ALL || (by != SURVEY_BY_QUESTION && question == NULL))
		return cs_err_set(err, CS_SOFTWARE, "no such count of responses");
	v[1] = names[by];
	v[2] = by != SURVEY_BY_QUESTION ? question : NULL;
	filter_text(f, &ft, v + 3);
	r = pgstore_exec(pg, "SELECT value, n, satisfied, n_scale, sum, sumsq"
	                 " FROM cslog.survey_tally($1, $2, $3, $4, $5, $6, $7)", 7, v, err);
	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r); i++) {
		t.value = pgstore_val(r, i, 0) != NULL ? pgstore_val(r, i, 0) : "";
		t.n = pgstore_int(r, i, 1);
		t.satisfied = pgstore_int(r, i, 2);
		t.n_scale = pgstore_int(r, i, 3);
		t.sum = (double)pgstore_int(r, i, 4);     /* whole: sums of scores */
		t.sumsq = (double)pgstore_int(r, i, 5);
		if (cb(ctx, &t) != 0)
			break;
	}
	PQclear(r);
	return CS_OK;
}

int
pgstore_survey_count(struct pgstore *pg, const struct measure_filter *f, int64_t *responses,
                     int64_t *linked, struct cs_err *err)
{
	struct filter_text ft;
	const char *v[5] = { pg->token };
	PGresult *r;

	*responses = *linked = 0;
	filter_text(f, &ft, v + 1);
	r = pgstore_exec(pg, "SELECT responses, linked FROM cslog.survey_count($1, $2, $3, $4,"
	                 " $5)", 5, v, err);
	if (r == NULL)
		return pgstore_code(err);
	if (PQntuples(r) == 1) {
		*responses = pgstore_int(r, 0, 0);
		*linked = pgstore_int(r, 0, 1);
	}
	PQclear(r);
	return CS_OK;
}
