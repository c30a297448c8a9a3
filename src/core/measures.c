/* measures.c - evaluation items and survey questions: freeing them, a
 * policy's in effect, and the evaluation form (see measures.h). */
#include "cslog/measures.h"

#include <stdlib.h>
#include <string.h>

static void
free_list(struct policy_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
measure_items_free(struct measure_item *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].id);
		free(v[i].label);
		free(v[i].standard);
		free(v[i].note);
		free_list(&v[i].channels);
	}
	free(v);
}

void
survey_questions_free(struct survey_question *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].id);
		free(v[i].text);
		free(v[i].note);
	}
	free(v);
}

void
measures_free(struct measures *m)
{
	if (m == NULL)
		return;
	free(m->file);
	measure_items_free(m->items, m->n_items);
	survey_questions_free(m->questions, m->n_questions);
	free(m);
}

static int
index_of(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

static const char *const type_names[] = { "yes-no", "count", "hours" };
static const char *const scale_names[] = { "1-5", "yes-no" };
static const char *const result_names[] = { "not-observed", "met", "not-met" };

const char *
measure_type_name(enum measure_type t)
{
	return (unsigned)t < 3 ? type_names[t] : "?";
}

int
measure_type_parse(const char *s)
{
	return index_of(type_names, 3, s);
}

const char *
survey_scale_name(enum survey_scale s)
{
	return (unsigned)s < 2 ? scale_names[s] : "?";
}

int
survey_scale_parse(const char *s)
{
	return index_of(scale_names, 2, s);
}

const char *
eval_result_name(enum eval_result r)
{
	return (unsigned)r < 3 ? result_names[r] : "?";
}

int
eval_result_parse(const char *s)
{
	return index_of(result_names, 3, s);
}

/* ---- what is in effect ------------------------------------------------ */

/* Own items after the defaults kept; an own item of a default's id in
 * that default's place.  The same for items and questions: a list of
 * borrowed pointers into `defaults` (stride bytes apart) and `own`. */
static const void **
combine(const void *defaults, size_t n_def, const void *own, size_t n_own, size_t stride,
        size_t *n_out)
{
	const void **v = calloc(n_def + n_own + 1, sizeof *v);
	const char *d = defaults, *o = own;
	size_t i, j, n = 0;

	*n_out = 0;
	if (v == NULL)
		return NULL;
	for (i = 0; i < n_def; i++)
		v[n++] = d + i * stride;
	for (j = 0; j < n_own; j++) {
		const char *oid = *(char *const *)(const void *)(o + j * stride);

		for (i = 0; i < n_def; i++)
			if (oid != NULL && strcmp(*(char *const *)v[i], oid) == 0)
				break;
		if (i < n_def)
			v[i] = o + j * stride;
		else
			v[n++] = o + j * stride;
	}
	*n_out = n;
	return v;
}

int
measures_apply(const struct measures *d, struct policy *p)
{
	bool keep_eval = d != NULL && !p->eval_replace, keep_survey = d != NULL && !p->survey_replace;

	free(p->eval);
	free(p->survey);
	p->eval = (const struct measure_item **)combine(keep_eval ? d->items : NULL,
	    keep_eval ? d->n_items : 0, p->eval_own, p->n_eval_own, sizeof *p->eval_own,
	    &p->n_eval);
	p->survey = (const struct survey_question **)combine(keep_survey ? d->questions : NULL,
	    keep_survey ? d->n_questions : 0, p->survey_own, p->n_survey_own,
	    sizeof *p->survey_own, &p->n_survey);
	return p->eval != NULL && p->survey != NULL ? 0 : -1;
}

const struct survey_question *
policy_survey_question(const struct policy *p, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < p->n_survey; i++)
		if (strcmp(p->survey[i]->id, id) == 0)
			return p->survey[i];
	return NULL;
}

const struct survey_question *
policy_survey_headline(const struct policy *p)
{
	size_t i;

	for (i = p->n_survey; i > 0; i--)   /* the policy's own comes last */
		if (p->survey[i - 1]->headline)
			return p->survey[i - 1];
	for (i = 0; i < p->n_survey; i++)
		if (p->survey[i]->scale == SCALE_1_5)
			return p->survey[i];
	return NULL;
}

/* ---- the evaluation form ---------------------------------------------- */

static bool
on_channel(const struct policy_list *l, const char *channel)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], channel) == 0)
			return true;
	return l->n == 0;
}

/* Can standard s apply to a contact on this channel?  A standard shown
 * only on other channels cannot; one shown in some circumstance (a
 * referral, a negative call) can, and is "not observed" when it did
 * not arise. */
static bool
standard_can_apply(const struct policy_standard *s, const char *channel)
{
	size_t i;

	if (s->when & ~(unsigned)WHEN_CHANNEL)
		return true;
	for (i = 0; i < s->n_channels; i++)
		if (strcmp(s->channels[i], channel) == 0)
			return true;
	return false;
}

/* The target of measure m for p on channel: -1 when it has none there. */
static long
target(const struct policy *p, const struct measure_item *m, const char *channel)
{
	const struct policy_followup *r;

	if (m->type == MEASURE_YES_NO)
		return MEASURE_NO_TARGET;
	if (m->at_most != MEASURE_AT_MOST_LIMIT)
		return m->at_most;
	r = policy_followup_for(p, channel);
	if (r == NULL)
		return MEASURE_NO_TARGET;
	if (r->limit_minutes > 0)
		return r->limit_minutes;
	return r->target_minutes > 0 ? r->target_minutes : MEASURE_NO_TARGET;
}

/* The measure of p in effect that measures standard id on channel. */
static const struct measure_item *
measure_of(const struct policy *p, const char *id, const char *channel)
{
	size_t i;

	for (i = 0; i < p->n_eval; i++)
		if (p->eval[i]->standard != NULL && strcmp(p->eval[i]->standard, id) == 0 &&
		    on_channel(&p->eval[i]->channels, channel))
			return p->eval[i];
	return NULL;
}

static void
put(struct eval_slot *out, size_t cap, size_t n, const char *id,
    const struct policy_standard *s, const struct measure_item *m, long at_most)
{
	if (n >= cap)
		return;
	out[n].id = id;
	out[n].standard = s;
	out[n].measure = m;
	out[n].at_most = at_most;
}

size_t
eval_form(const struct policy *p, const char *channel, struct eval_slot *out, size_t cap)
{
	const struct measure_item *m;
	const struct policy_standard *s;
	size_t i, n = 0;
	long t;

	for (i = 0; i < p->n_standards; i++) {
		s = &p->standards[i];
		if (!standard_can_apply(s, channel))
			continue;
		m = measure_of(p, s->id, channel);
		t = m != NULL ? target(p, m, channel) : MEASURE_NO_TARGET;
		if (m != NULL && m->type != MEASURE_YES_NO && t < 0)
			m = NULL;   /* nothing to measure it against here: by eye */
		put(out, cap, n++, s->id, s, m, m != NULL ? t : MEASURE_NO_TARGET);
	}
	for (i = 0; i < p->n_eval; i++) {
		m = p->eval[i];
		if (!on_channel(&m->channels, channel))
			continue;
		if (m->standard != NULL) {
			s = policy_standard(p, m->standard);
			if (s != NULL && standard_can_apply(s, channel))
				continue;   /* it took the standard's place above */
			if (!m->alone)
				continue;
		}
		t = target(p, m, channel);
		if (m->type != MEASURE_YES_NO && t < 0)
			continue;   /* a number with nothing to hold it to */
		put(out, cap, n++, m->id, NULL, m, t);
	}
	return n;
}

size_t
eval_form_max(const struct policy *p)
{
	return p->n_standards + p->n_eval;
}

bool
eval_measured(const struct eval_slot *s)
{
	return s->measure != NULL;
}

enum eval_result
eval_judge(const struct eval_slot *s, long value)
{
	if (s->measure == NULL)
		return value != 0 ? EVAL_MET : EVAL_NOT_MET;
	if (s->measure->type == MEASURE_YES_NO)
		return value != 0 ? EVAL_MET : EVAL_NOT_MET;
	return value <= s->at_most ? EVAL_MET : EVAL_NOT_MET;
}
