/* survey.c - citizen satisfaction survey responses: keeping one (its
 * answers held to the policy's questions, its comment to the policy's
 * privacy class for comments), reading them within who's scope, and
 * every read of a comment audited: one event per response shown, one
 * per list (its filter, count and a hash of the ids, written before the
 * first is read, and the list then bounded by it). */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_measures.h"
#include "cslog/contact_check.h"

#include "app_int.h"

#define DAY 86400

const struct survey_question *
app_survey_question(struct app *a, const char *policy_id, const char *question)
{
	const struct policy *p = policy_set_find(&a->policies, policy_id);

	return p != NULL ? policy_survey_question(p, question) : NULL;
}

const char *
app_survey_headline(struct app *a, const char *policy_id)
{
	const struct survey_question *q, *best = NULL;
	size_t i, j, n, most = 0;

	if (policy_id != NULL) {
		const struct policy *p = policy_set_find(&a->policies, policy_id);

		q = p != NULL ? policy_survey_headline(p) : NULL;
		return q != NULL ? q->id : NULL;
	}
	for (i = 0; i < a->policies.n; i++) {
		if ((q = policy_survey_headline(a->policies.items[i])) == NULL)
			continue;
		for (n = 0, j = 0; j < a->policies.n; j++) {
			const struct survey_question *o = policy_survey_headline(a->policies.items[j]);

			n += o != NULL && strcmp(o->id, q->id) == 0;
		}
		if (n > most) {
			most = n;
			best = q;
		}
	}
	return best != NULL ? best->id : NULL;
}

/* Each answer against the policy's questions; its scale set. */
static int
check_answers(const struct policy *p, struct survey_response *r, struct cs_err *err)
{
	const struct survey_question *q;
	size_t i, j;

	if (r->n_answers == 0)
		return cs_err_set(err, CS_USAGE, "a response answers at least one question");
	for (i = 0; i < r->n_answers; i++) {
		q = policy_survey_question(p, r->answers[i].question);
		if (q == NULL)
			return cs_err_set(err, CS_DATAERR, "'%.40s' is not a survey question of "
			                  "policy %s", r->answers[i].question, p->id);
		for (j = 0; j < i; j++)
			if (strcmp(r->answers[j].question, q->id) == 0)
				return cs_err_set(err, CS_DATAERR, "question %s is answered twice", q->id);
		r->answers[i].question = q->id;
		r->answers[i].scale = q->scale;
		if (q->scale == SCALE_1_5 && (r->answers[i].score < 1 || r->answers[i].score > 5))
			return cs_err_set(err, CS_DATAERR, "question %s takes 1 to 5, not %d", q->id,
			                  r->answers[i].score);
		if (q->scale == SCALE_YES_NO && (r->answers[i].score < 0 || r->answers[i].score > 1))
			return cs_err_set(err, CS_DATAERR, "question %s takes yes or no", q->id);
	}
	return CS_OK;
}

int
app_survey_add(struct app *a, const struct app_actor *who, struct survey_response *r,
               int64_t *id, struct cs_err *err)
{
	const struct policy *p = NULL;
	struct contact c = { 0 };
	struct store *st = NULL;
	bool server = app_db_is_server(a);   /* the server stamps the time logged */
	int rc = app_may(who, APP_SURVEY_ADD, 0, err);

	if (rc == CS_OK && !server)
		rc = app_begin(a, "the response was not saved", &st, err);
	if (rc != CS_OK)
		return rc;
	if (r->contact_id != 0) {
		rc = server ? app_pg_contact_get(a, who, r->contact_id, false, &c, err)
		            : store_contact_get(st, r->contact_id, 0, a->now, &c, err);
		if (rc == CS_OK && (r->policy_id == NULL || *r->policy_id == '\0'))
			r->policy_id = policy_set_find(&a->policies, c.policy_id) != NULL ?
			               policy_set_find(&a->policies, c.policy_id)->id : NULL;
		if (rc == CS_OK && r->policy_id == NULL)
			rc = cs_err_set(err, CS_DATAERR, "contact %lld is under policy %s, which is "
			                "not loaded: say which policy the response is under",
			                (long long)r->contact_id, c.policy_id);
	}
	if (rc == CS_OK && (r->policy_id == NULL || *r->policy_id == '\0'))
		rc = cs_err_set(err, CS_USAGE, "say which policy the response is under (or the "
		                "contact it is about)");
	if (rc == CS_OK && (p = app_policy(a, r->policy_id, err)) == NULL)
		rc = app_err(err);
	if (rc == CS_OK)
		rc = check_answers(p, r, err);
	/* The texts' bounds, said the same whichever store keeps them (a
	 * server would name its check constraint). */
	if (rc == CS_OK)
		rc = contact_check_text("the comment", r->comment, SURVEY_COMMENT_MAX, false, err);
	if (rc == CS_OK)
		rc = contact_check_text("the response's reference", r->ref, SURVEY_REF_MAX, false,
		                        err);
	if (rc == CS_OK && r->comment != NULL && r->comment[0] != '\0' &&
	    p->comment_class == PRIVACY_NOT_KEPT)
		rc = cs_err_set(err, CS_DATAERR, "survey comment: policy %s does not keep it "
		                "(privacy class not-kept)", p->id);
	if (rc == CS_OK && server) {
		r->policy_id = p->id;
		r->policy_version = p->version;
		rc = app_pg_survey_add(a, r, id, err);
		record_contact_clear(&c);
		return rc;
	}
	if (rc == CS_OK && !server) {
		r->policy_id = p->id;
		r->policy_version = p->version;
		if (r->at == 0)
			r->at = a->now;
		if (r->at > a->now + DAY)
			rc = cs_err_set(err, CS_DATAERR, "the response's time is more than a day "
			                "ahead");
	}
	if (rc == CS_OK)
		rc = store_survey_add(st, who->id, r, a->now, id, err);
	record_contact_clear(&c);
	return server ? rc : app_end(a, rc, err);
}

int
app_survey_get(struct app *a, const struct app_actor *who, int64_t id, bool comment,
               struct survey_response *out, struct cs_err *err)
{
	struct store *st;
	int rc;

	memset(out, 0, sizeof *out);
	if (app_db_is_server(a)) {   /* a comment's read recorded by the server */
		rc = app_pg_survey_get(a, id, comment, out, err);
		if (rc == CS_OK)
			rc = app_may(who, APP_SURVEY_READ, out->member_id, err);
		if (rc == CS_OK && comment)
			rc = app_may(who, APP_SURVEY_COMMENT, out->member_id, err);
		if (rc != CS_OK)
			record_survey_clear(out);
		return rc;
	}
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	if (!comment) {
		rc = store_survey_get(st, id, false, out, err);
		if (rc == CS_OK)
			rc = app_may(who, APP_SURVEY_READ, out->member_id, err);
		if (rc != CS_OK)
			record_survey_clear(out);
		return rc;
	}
	/* The read and its audit event are one transaction. */
	if ((rc = app_begin(a, "the comment was not read", &st, err)) != CS_OK)
		return rc;
	rc = store_survey_get(st, id, true, out, err);
	if (rc == CS_OK)
		rc = app_may(who, APP_SURVEY_READ, out->member_id, err);
	if (rc == CS_OK)
		rc = app_may(who, APP_SURVEY_COMMENT, out->member_id, err);
	if (rc == CS_OK && out->has_comment)
		rc = store_audit_note(st, who->id, "read.comment", "survey", id, NULL, a->now, err);
	rc = app_end(a, rc, err);
	if (rc != CS_OK)
		record_survey_clear(out);
	return rc;
}

/* ---- a list with comments: counted and hashed first ------------------ */

struct idsum {
	crypto_generichash_state h;
	int64_t n;
};

static int
sum_id(void *ctx, const struct survey_response *r)
{
	struct idsum *s = ctx;
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%lld,", (long long)r->id);

	if (!r->has_comment)
		return 0;
	crypto_generichash_update(&s->h, (const unsigned char *)buf, (size_t)n);
	s->n++;
	return 0;
}

static char *
bulk_detail(const struct measure_filter *f, int64_t n, const unsigned char *h)
{
	char hex[2 * crypto_generichash_BYTES + 1];
	json_t *o = json_object();
	char *text;

	sodium_bin2hex(hex, sizeof hex, h, crypto_generichash_BYTES);
	json_object_set_new(o, "count", json_integer(n));
	json_object_set_new(o, "ids_blake2b", json_string(hex));
	json_object_set_new(o, "max_id", json_integer(f->max_id));
	if (f->since)
		json_object_set_new(o, "since", json_integer(f->since));
	if (f->until)
		json_object_set_new(o, "until", json_integer(f->until));
	if (f->member_id)
		json_object_set_new(o, "member_id", json_integer(f->member_id));
	if (f->policy_id != NULL)
		json_object_set_new(o, "policy", json_string(f->policy_id));
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

static int
audit_bulk(struct app *a, struct store *st, const struct app_actor *who,
           struct measure_filter *f, struct cs_err *err)
{
	unsigned char h[crypto_generichash_BYTES];
	struct idsum sum;
	char *detail;
	int rc = store_survey_max_id(st, &f->max_id, err);

	if (rc != CS_OK)
		return rc;
	if (f->max_id == 0)
		f->max_id = 1;   /* nothing yet: nothing may be read later either */
	crypto_generichash_init(&sum.h, NULL, 0, sizeof h);
	sum.n = 0;
	if ((rc = store_survey_list(st, f, false, sum_id, &sum, err)) != CS_OK)
		return rc;
	crypto_generichash_final(&sum.h, h, sizeof h);
	if ((detail = bulk_detail(f, sum.n, h)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	if ((rc = app_begin(a, "the comments were not read", &st, err)) == CS_OK)
		rc = app_end(a, store_audit_note(st, who->id, "read.comment-bulk", "survey", 0,
		                                 detail, a->now, err), err);
	free(detail);
	return rc;
}

/* Comments that may not leave cslog in bulk are left out. */
struct screened {
	struct app *a;
	int (*cb)(void *ctx, const struct survey_response *r);
	void *ctx;
	size_t withheld;
};

static int
screen(void *ctx, const struct survey_response *r)
{
	struct screened *s = ctx;
	const struct policy *p = policy_set_find(&s->a->policies, r->policy_id);
	struct survey_response copy;

	if (r->comment == NULL || (p != NULL && p->comment_class == PRIVACY_PROTECTED))
		return s->cb(s->ctx, r);
	copy = *r;
	copy.comment = NULL;
	s->withheld++;
	return s->cb(s->ctx, &copy);
}

int
app_survey_list(struct app *a, const struct app_actor *who, struct measure_filter *f,
                bool comments, int (*cb)(void *ctx, const struct survey_response *r),
                void *ctx, size_t *withheld, struct cs_err *err)
{
	struct screened s = { a, cb, ctx, 0 };
	struct store *st;
	int rc;

	if (withheld != NULL)
		*withheld = 0;
	if (app_scope_of(who, APP_SURVEY_READ) == SCOPE_OWN && f->member_id == 0)
		f->member_id = who->id;
	if ((rc = app_may(who, APP_SURVEY_READ, f->member_id, err)) != CS_OK)
		return rc;
	if (comments && (rc = app_may(who, APP_SURVEY_COMMENT, f->member_id, err)) != CS_OK)
		return rc;
	if (app_db_is_server(a)) {   /* the bulk read recorded by the server */
		rc = app_pg_survey_list(a, f, comments, screen, &s, err);
		if (withheld != NULL)
			*withheld = s.withheld;
		return rc;
	}
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	if (comments && (rc = audit_bulk(a, st, who, f, err)) != CS_OK)
		return rc;
	rc = store_survey_list(st, f, comments, screen, &s, err);
	if (withheld != NULL)
		*withheld = s.withheld;
	return rc;
}
