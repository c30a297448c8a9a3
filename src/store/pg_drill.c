/* pg_drill.c - drill and quiz attempts on a PostgreSQL server
 * (cslog.drill_add, drill_list: pg_schema_drill.c), as a file's
 * store_drill_add and store_drill_query.  The server stamps the time,
 * decides who may keep and see whose attempts, and checks a scenario's
 * score against its answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

static const char *
answer_text(enum answer a)
{
	return a == ANSWER_YES ? "yes" : a == ANSWER_NO ? "no" : NULL;
}

static const char *
el_question(const void *ctx, size_t i, char *buf)
{
	(void)buf;
	return ((const struct drill_answer *)ctx)[i].question;
}

static const char *
el_given(const void *ctx, size_t i, char *buf)
{
	(void)buf;
	return answer_text(((const struct drill_answer *)ctx)[i].given);
}

static const char *
el_expected(const void *ctx, size_t i, char *buf)
{
	(void)buf;
	return answer_text(((const struct drill_answer *)ctx)[i].expected);
}

int
pgstore_drill_add(struct pgstore *pg, const struct drill_attempt *d, int64_t *id,
                  struct cs_err *err)
{
	char member[24], correct[16], total[16], *aq, *ag, *ae;
	size_t n = d->n_answers < POLICY_MAX_QUESTIONS ? d->n_answers : POLICY_MAX_QUESTIONS;
	PGresult *r = NULL;
	int rc = CS_OK;

	*id = 0;
	aq = pgstore_array_lit(el_question, d->answers, n);
	ag = pgstore_array_lit(el_given, d->answers, n);
	ae = pgstore_array_lit(el_expected, d->answers, n);
	snprintf(member, sizeof member, "%lld", (long long)d->member_id);
	snprintf(correct, sizeof correct, "%d", d->correct);
	snprintf(total, sizeof total, "%d", d->total);
	if (aq == NULL || ag == NULL || ae == NULL) {
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	} else {
		const char *v[] = { pg->token, member, d->policy_id, d->policy_version,
		                    record_drill_kind_name(d->kind), d->item_id,
		                    d->session_id != NULL && *d->session_id != '\0' ?
		                    d->session_id : NULL, d->quiz_answer, correct, total,
		                    aq, ag, ae };

		r = pgstore_exec_write(pg, "keeping a drill's answers",
		                       "SELECT cslog.drill_add($1, $2, $3, $4, $5, $6, $7, $8, $9,"
		                       " $10, $11, $12, $13)", 13, v, err);
		if (r == NULL)
			rc = pgstore_code(err);
		else
			*id = pgstore_int(r, 0, 0);
	}
	PQclear(r);
	free(aq);
	free(ag);
	free(ae);
	return rc;
}

static enum answer
answer_of(const char *s)
{
	return strcmp(s, "yes") == 0 ? ANSWER_YES : strcmp(s, "no") == 0 ? ANSWER_NO
	                                                                 : ANSWER_UNSET;
}

/* "q=given=expected;..." into d's answers, pointing into buf (changed). */
static void
answers_from(char *buf, struct drill_attempt *d)
{
	char *one, *next = buf, *g, *e;

	while (next != NULL && *next != '\0' && d->n_answers < POLICY_MAX_QUESTIONS) {
		one = next;
		if ((next = strchr(one, ';')) != NULL)
			*next++ = '\0';
		if ((g = strchr(one, '=')) == NULL || (e = strchr(g + 1, '=')) == NULL)
			continue;
		*g++ = '\0';
		*e++ = '\0';
		d->answers[d->n_answers].question = one;
		d->answers[d->n_answers].given = answer_of(g);
		d->answers[d->n_answers++].expected = answer_of(e);
	}
}

int
pgstore_drill_query(struct pgstore *pg, const struct drill_filter *f,
                    int (*cb)(void *ctx, const struct drill_attempt *d), void *ctx,
                    struct cs_err *err)
{
	char member[24], since[24], until[24], *buf;
	const char *v[] = { pg->token, f->member_id != 0 ? member : NULL,
	                    f->policy_id != NULL && *f->policy_id != '\0' ? f->policy_id : NULL,
	                    f->session_id != NULL && *f->session_id != '\0' ? f->session_id
	                                                                     : NULL,
	                    since, f->until != 0 ? until : NULL };
	struct drill_attempt d;
	const char *kind, *ans;
	PGresult *r;
	int i, stop = 0, rc = CS_OK;

	snprintf(member, sizeof member, "%lld", (long long)f->member_id);
	snprintf(since, sizeof since, "%lld", (long long)f->since);
	snprintf(until, sizeof until, "%lld", (long long)f->until);
	r = pgstore_exec(pg, "SELECT id, member_id, trainer_id, policy_id, policy_version, kind,"
	                 " item_id, at, session_id, quiz_answer, correct, total, answers"
	                 " FROM cslog.drill_list($1, $2, $3, $4, $5, $6)", 6, v, err);
	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r) && !stop && rc == CS_OK; i++) {
		memset(&d, 0, sizeof d);
		d.id = pgstore_int(r, i, 0);
		d.member_id = pgstore_int(r, i, 1);
		d.trainer_id = pgstore_int(r, i, 2);
		d.policy_id = pgstore_val(r, i, 3);
		d.policy_version = pgstore_val(r, i, 4);
		kind = pgstore_val(r, i, 5);
		d.kind = kind != NULL && strcmp(kind, "quiz") == 0 ? DRILL_QUIZ : DRILL_SCENARIO;
		d.item_id = pgstore_val(r, i, 6);
		d.at = pgstore_int(r, i, 7);
		d.session_id = pgstore_val(r, i, 8);
		d.quiz_answer = pgstore_val(r, i, 9);
		d.correct = (int)pgstore_int(r, i, 10);
		d.total = (int)pgstore_int(r, i, 11);
		ans = pgstore_val(r, i, 12);
		buf = strdup(ans != NULL ? ans : "");
		if (buf == NULL) {
			rc = cs_err_set(err, CS_OSERR, "out of memory");
			break;
		}
		answers_from(buf, &d);
		stop = cb(ctx, &d);
		free(buf);
	}
	PQclear(r);
	return rc;
}
