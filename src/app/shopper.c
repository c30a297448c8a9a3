/* shopper.c - secret-shopper evaluations: the form of one under a
 * policy and channel, keeping one (each measured item judged by cslog
 * from its value, never by the evaluator's say), reading them within
 * who's scope. */
#include <stdlib.h>
#include <string.h>

#include "cslog/app_measures.h"

#include "app_int.h"

#define DAY 86400

int
app_shopper_form(struct app *a, const char *policy_id, const char *channel,
                 const struct policy **pp, struct eval_slot *out, size_t cap, size_t *n,
                 struct cs_err *err)
{
	const struct policy *p;

	*n = 0;
	if (policy_id == NULL || *policy_id == '\0')
		return cs_err_set(err, CS_USAGE, "say which policy the evaluation is under");
	if ((p = app_policy(a, policy_id, err)) == NULL)
		return app_err(err);
	if (channel == NULL || policy_channel(p, channel) == NULL)
		return cs_err_set(err, CS_USAGE, "policy %s has no channel '%.40s'", p->id,
		                  channel != NULL ? channel : "");
	*pp = p;
	*n = eval_form(p, policy_channel(p, channel)->id, out, cap);
	return CS_OK;
}

const char *
app_shopper_item_words(const struct policy *p, const char *id)
{
	const struct policy_standard *s = p != NULL ? policy_standard(p, id) : NULL;
	size_t i;

	if (s != NULL)
		return s->text;
	for (i = 0; p != NULL && i < p->n_eval; i++)
		if (strcmp(p->eval[i]->id, id) == 0)
			return p->eval[i]->label;
	return id;
}

/* The evaluator's answer to slot s, judged; CS_USAGE when missing.  An
 * answer is a value (>= 0: what was measured) or, value -1, a result. */
static int
judge(const struct eval_slot *s, const struct shopper_eval *e, struct shopper_item *out,
      struct cs_err *err)
{
	const struct shopper_item *given = NULL;
	size_t i;

	for (i = 0; i < e->n_items; i++) {
		if (strcmp(e->items[i].item_id, s->id) != 0)
			continue;
		if (given != NULL)
			return cs_err_set(err, CS_USAGE, "item %s is given twice", s->id);
		given = &e->items[i];
	}
	if (given == NULL)
		return cs_err_set(err, CS_USAGE, "item %s is not given (%s)", s->id,
		                  !eval_measured(s) ? "met, not-met or not-observed" :
		                  s->measure->type == MEASURE_YES_NO ? "yes, no or not-observed" :
		                  s->measure->type == MEASURE_COUNT ? "a count or not-observed" :
		                  "hours or not-observed");
	out->item_id = s->id;
	out->measured = eval_measured(s);
	out->value = -1;
	out->result = given->result;
	if (!out->measured && given->value >= 0)
		return cs_err_set(err, CS_USAGE, "item %s is met, not-met or not-observed, not a "
		                  "number", s->id);
	if (!out->measured || (given->value < 0 && given->result == EVAL_NOT_OBSERVED))
		return CS_OK;
	if (given->value < 0 || given->value > MEASURE_VALUE_MAX ||
	    (s->measure->type == MEASURE_YES_NO && given->value > 1))
		return cs_err_set(err, CS_USAGE, "item %s is measured: it takes %s", s->id,
		                  s->measure->type == MEASURE_YES_NO ? "yes, no or not-observed" :
		                  s->measure->type == MEASURE_COUNT ? "a count or not-observed" :
		                  "hours or not-observed");
	out->value = given->value;
	out->result = eval_judge(s, given->value);
	return CS_OK;
}

/* Every item given is on the form. */
static int
all_known(const struct eval_slot *slots, size_t n, const struct shopper_eval *e,
          struct cs_err *err)
{
	size_t i, j;

	for (i = 0; i < e->n_items; i++) {
		for (j = 0; j < n && strcmp(slots[j].id, e->items[i].item_id) != 0; j++)
			;
		if (j == n)
			return cs_err_set(err, CS_USAGE, "'%.40s' is not an item of this form "
			                  "(policy %s, channel %s)", e->items[i].item_id, e->policy_id,
			                  e->channel);
	}
	return CS_OK;
}

int
app_shopper_add(struct app *a, const struct app_actor *who, struct shopper_eval *e,
                int64_t *id, struct cs_err *err)
{
	const struct policy *p = NULL;
	struct eval_slot *slots = NULL;
	struct shopper_item *items = NULL;
	const struct shopper_item *given = e->items;
	size_t given_n = e->n_items, n = 0, i, cap = 0;
	struct store *st;
	int rc = app_may(who, APP_SHOPPER_ADD, 0, err);

	if (rc == CS_OK && (e->policy_id == NULL || *e->policy_id == '\0'))
		rc = cs_err_set(err, CS_USAGE, "say which policy the evaluation is under");
	if (rc == CS_OK && (p = app_policy(a, e->policy_id, err)) == NULL)
		rc = app_err(err);
	if (rc == CS_OK) {
		cap = eval_form_max(p) + 1;
		slots = calloc(cap, sizeof *slots);
		items = calloc(cap, sizeof *items);
		if (slots == NULL || items == NULL)
			rc = cs_err_set(err, CS_OSERR, "out of memory");
	}
	if (rc == CS_OK)
		rc = app_shopper_form(a, e->policy_id, e->channel, &p, slots, cap, &n, err);
	if (rc == CS_OK)
		rc = all_known(slots, n, e, err);
	for (i = 0; rc == CS_OK && i < n; i++)
		rc = judge(&slots[i], e, &items[i], err);
	if (rc == CS_OK && n == 0)
		rc = cs_err_set(err, CS_USAGE, "policy %s has nothing to evaluate on channel %s",
		                p->id, e->channel);
	if (rc == CS_OK && app_db_is_server(a)) {   /* the server stamps the time logged */
		e->channel = policy_channel(p, e->channel)->id;
		e->policy_version = p->version;
		e->items = items;
		e->n_items = n;
		rc = app_pg_shopper_add(a, e, id, err);
		e->items = given;
		e->n_items = given_n;
		free(slots);
		free(items);
		return rc;
	}
	if (rc == CS_OK)
		rc = app_begin(a, "the evaluation was not saved", &st, err);
	if (rc == CS_OK) {
		e->channel = policy_channel(p, e->channel)->id;
		e->policy_version = p->version;
		if (e->at == 0)
			e->at = a->now;
		if (e->at > a->now + DAY)
			rc = cs_err_set(err, CS_DATAERR, "the test contact is more than a day ahead:"
			                " evaluations are recorded after it");
		e->items = items;
		e->n_items = n;
		if (rc == CS_OK)
			rc = store_shopper_add(st, who->id, e, a->now, id, err);
		rc = app_end(a, rc, err);
		e->items = given;
		e->n_items = given_n;
	}
	free(slots);
	free(items);
	return rc;
}

/* Whose record an evaluation is, for who: an evaluator's own are the
 * ones they entered; anyone else's, the ones of them. */
static int64_t
owner(const struct app_actor *who, const struct shopper_eval *e)
{
	return who->role == ROLE_EVALUATOR ? e->evaluator_id : e->member_id;
}

int
app_shopper_get(struct app *a, const struct app_actor *who, int64_t id,
                struct shopper_eval *out, struct cs_err *err)
{
	struct store *st = app_db_is_server(a) ? NULL : app_store(a, err);
	int rc;

	memset(out, 0, sizeof *out);
	if (app_db_is_server(a))
		rc = app_pg_shopper_get(a, id, out, err);
	else if (st == NULL)
		return app_err(err);
	else
		rc = store_shopper_get(st, id, out, err);
	if (rc == CS_OK)
		rc = app_may(who, APP_SHOPPER_READ, owner(who, out), err);
	if (rc != CS_OK)
		record_shopper_clear(out);
	return rc;
}

int
app_shopper_list(struct app *a, const struct app_actor *who, struct measure_filter *f,
                 int (*cb)(void *ctx, const struct shopper_eval *e), void *ctx,
                 struct cs_err *err)
{
	struct store *st;
	int rc;

	if (app_scope_of(who, APP_SHOPPER_READ) == SCOPE_OWN) {
		if (who->role == ROLE_EVALUATOR && f->evaluator_id == 0)
			f->evaluator_id = who->id;
		else if (who->role != ROLE_EVALUATOR && f->member_id == 0)
			f->member_id = who->id;
	}
	rc = app_may(who, APP_SHOPPER_READ, who->role == ROLE_EVALUATOR ? f->evaluator_id :
	             f->member_id, err);
	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return app_pg_shopper_list(a, f, cb, ctx, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	return store_shopper_list(st, f, cb, ctx, err);
}
