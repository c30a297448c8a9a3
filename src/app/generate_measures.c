/* generate_measures.c - the demo's measures: an evaluator (E1) makes
 * secret-shopper test contacts every few days; customers answer the
 * satisfaction survey about one contact in four (on a comment card or a
 * callback a supervisor types in), more satisfied when their needs were
 * met and when the member added value with an empowered check, less
 * after a negative call; a supervisor recognizes a member or two each
 * month.  Their random numbers come from a stream of their own, so the
 * contacts are the same with or without them. */
#include <stdio.h>
#include <string.h>

#include "cslog/app_measures.h"
#include "generate_int.h"

#define HOUR 3600
#define DAY 86400

#define EVALUATOR_BADGE "E1"

/* What a survey event carries in t1: the contact's circumstances. */
enum { SV_NEEDS_MET = 1, SV_NEEDS_UNMET = 2, SV_ADDED = 4, SV_NEGATIVE = 8 };

static const char *const comments[] = {
	"Thank you for coming so quickly.",
	"%s explained everything and called back as promised.",
	"Nobody told me how long it would take.",
	"%s was patient with my mother and made sure she was comfortable.",
	"I had to call three times before anyone answered.",
	"Very professional crew, thank you.",
	"%s went out of the way to help us find a place to stay.",
	"The phone message said to call back but no one returned my call.",
};
#define N_COMMENTS (sizeof comments / sizeof comments[0])

static const char *const reasons[] = {
	"Commended by a customer and by the crew for added value on several calls this month",
	"Every secret-shopper evaluation this month met every standard",
	"High satisfaction on the callbacks about their contacts",
	"Stayed with a stranded family until housing was found",
};
#define N_REASONS (sizeof reasons / sizeof reasons[0])

/* tpl with its "%s" (if any) replaced by name. */
static void
with_name(const char *tpl, const char *name, char *out, size_t len)
{
	const char *at = strstr(tpl, "%s");

	if (at == NULL)
		snprintf(out, len, "%s", tpl);
	else
		snprintf(out, len, "%.*s%s%s", (int)(at - tpl), tpl, name, at + 2);
}

static size_t
member_index(struct gen *g, int64_t id)
{
	size_t i;

	for (i = 0; i < g->n_members; i++)
		if (g->members[i].id == id)
			return i;
	return 0;
}

/* ---- planning -------------------------------------------------------------- */

int
gen_plan_measures(struct gen *g, struct cs_err *err)
{
	struct gen_event e;
	struct app_actor who;
	int64_t t, month;
	int rc;

	if (!g->o->measures)
		return CS_OK;
	gen_seed(&g->mrng, g->o->seed ^ UINT64_C(0x5ec7e75a0b7e1234));
	gen_clock(g, g->start - 29 * DAY);
	rc = gen_who(g, g->members[0].id, &who, err);
	if (rc == CS_OK)
		rc = app_member_add(g->a, &who, EVALUATOR_BADGE, "Evan Evaluator", ROLE_EVALUATOR,
		    g->o->pin, &g->evaluator, err);
	if (rc != CS_OK)
		return rc;
	memset(&e, 0, sizeof e);
	for (t = g->start + gen_range(&g->mrng, HOUR, 3 * DAY); t < g->end;
	     t += gen_range(&g->mrng, 2 * DAY, 6 * DAY)) {
		e.kind = EV_SHOPPER;
		e.at = t;
		e.actor = g->evaluator;
		e.target = (int64_t)gen_below(&g->mrng, g->n_members);
		e.t1 = (int64_t)gen_next(&g->mrng);
		if (gen_push(g, &e) != CS_OK)
			return cs_err_set(err, CS_OSERR, "out of memory");
	}
	for (month = g->start + 30 * DAY; month < g->end; month += 30 * DAY) {
		e.kind = EV_RECOGNITION;
		e.at = month + gen_range(&g->mrng, 0, 3 * DAY);
		e.actor = g->members[g->sups[gen_below(&g->mrng, g->n_sups)]].id;
		e.target = (int64_t)gen_below(&g->mrng, g->n_members);
		e.t1 = (int64_t)gen_below(&g->mrng, 1 + gen_below(&g->mrng, 2)) + 1;
		if (gen_push(g, &e) != CS_OK)
			return cs_err_set(err, CS_OSERR, "out of memory");
	}
	return CS_OK;
}

/* The index of policy id among the generator's. */
static size_t
policy_index(struct gen *g, const char *id)
{
	size_t i;

	for (i = 0; i < g->n_pols; i++)
		if (strcmp(g->pols[i].p->id, id) == 0)
			return i;
	return 0;
}

int
gen_plan_survey(struct gen *g, int64_t contact_id, const struct contact *c)
{
	struct gen_event e;
	size_t pol = policy_index(g, c->policy_id);

	/* Customers served beyond their request answer more often. */
	if (!g->o->measures || !gen_chance(&g->mrng, c->added_value != NULL ? 600 : 240) ||
	    g->pols[pol].p->n_survey == 0)
		return CS_OK;
	memset(&e, 0, sizeof e);
	e.kind = EV_SURVEY;
	e.at = c->logged_at + gen_range(&g->mrng, 2 * HOUR, 12 * DAY);
	e.target = contact_id;
	e.actor = g->members[g->sups[gen_below(&g->mrng, g->n_sups)]].id;
	e.t1 = (c->needs_met == TRI_YES ? SV_NEEDS_MET : c->needs_met == TRI_NO ? SV_NEEDS_UNMET :
	        0) | (c->added_value != NULL && c->empowered == TRI_YES ? SV_ADDED : 0) |
	       (c->negative ? SV_NEGATIVE : 0) | (int64_t)pol << 8;
	e.t2 = (int64_t)member_index(g, c->member_id);
	return gen_push(g, &e);
}

/* ---- a test contact, scored -------------------------------------------------- */

static bool
by_phone_or_visit(const char *channel)
{
	enum gen_chan ch = gen_chan_of(channel);

	return ch == CH_PHONE || ch == CH_VOICE || ch == CH_PERSON;
}

static void
score_slot(struct gen *g, const struct eval_slot *s, double skill, struct shopper_item *it)
{
	struct gen_rng *r = &g->mrng;
	bool good = gen_unit(r) < skill;

	it->item_id = s->id;
	it->value = -1;
	it->result = EVAL_NOT_OBSERVED;
	if (s->standard != NULL && (s->standard->when & ~(unsigned)(WHEN_ALWAYS | WHEN_CHANNEL))
	    && !(s->standard->when & WHEN_ALWAYS) && gen_chance(r, 800))
		return;   /* the circumstance did not arise in the test */
	if (!eval_measured(s)) {
		it->result = good ? EVAL_MET : EVAL_NOT_MET;
		return;
	}
	if (s->measure->type == MEASURE_YES_NO)
		it->value = good;
	else if (s->measure->type == MEASURE_COUNT)
		it->value = good ? gen_range(r, 1, s->at_most > 0 ? s->at_most : 1) :
		            s->at_most + gen_range(r, 1, 4);
	else
		it->value = good ? gen_range(r, 30, s->at_most > 30 ? s->at_most : 30) :
		            s->at_most + gen_range(r, 60, 24 * 60);
}

static int
shopper(struct gen *g, const struct gen_event *e, struct cs_err *err)
{
	struct gen_member *m = &g->members[e->target];
	const struct policy *p = g->pols[m->home].p;
	struct eval_slot slots[SHOPPER_ITEMS_MAX];
	struct shopper_item items[SHOPPER_ITEMS_MAX];
	struct shopper_eval ev;
	struct app_actor who;
	const char *channel = NULL;
	size_t i, n, tries;
	int rc;

	for (tries = 0; tries < 8 && channel == NULL; tries++) {
		channel = p->channels[gen_below(&g->mrng, p->n_channels)].id;
		if (!by_phone_or_visit(channel))
			channel = NULL;
	}
	if (channel == NULL || m->role != ROLE_MEMBER)
		return CS_OK;   /* test contacts are calls and visits to members */
	n = eval_form(p, channel, slots, SHOPPER_ITEMS_MAX);
	if (n == 0 || n > SHOPPER_ITEMS_MAX)
		return CS_OK;
	for (i = 0; i < n; i++)
		score_slot(g, &slots[i], m->skill + 0.08, &items[i]);
	memset(&ev, 0, sizeof ev);
	ev.policy_id = p->id;
	ev.channel = channel;
	ev.member_id = m->id;
	ev.at = e->at - gen_range(&g->mrng, HOUR, 2 * DAY);
	ev.items = items;
	ev.n_items = n;
	ev.note = gen_chance(&g->mrng, 400) ? "Test call from a pay phone; the member did not "
	          "know it was a test." : NULL;
	gen_clock(g, e->at);
	rc = gen_who(g, e->actor, &who, err);
	if (rc == CS_OK)
		rc = app_shopper_add(g->a, &who, &ev, NULL, err);
	g->stats->evaluations += rc == CS_OK;
	return rc;
}

/* ---- a survey response -------------------------------------------------------- */

static int
score(struct gen *g, double p_sat)
{
	double u = gen_unit(&g->mrng);

	if (u < p_sat)
		return gen_chance(&g->mrng, 600) ? 5 : 4;
	return 1 + (int)gen_below(&g->mrng, 3);
}

static int
survey(struct gen *g, const struct gen_event *e, struct cs_err *err)
{
	struct survey_response r;
	struct app_actor who;
	const struct policy *p = g->pols[(size_t)(e->t1 >> 8) % g->n_pols].p;
	const struct survey_question *head = policy_survey_headline(p);
	char comment[300], name[MEMBER_NAME_MAX], *space;
	double p_sat = 0.62;
	size_t i;
	int rc;

	p_sat += (e->t1 & SV_NEEDS_MET) ? 0.2 : (e->t1 & SV_NEEDS_UNMET) ? -0.35 : 0;
	p_sat += (e->t1 & SV_ADDED) ? 0.12 : 0;
	p_sat -= (e->t1 & SV_NEGATIVE) ? 0.3 : 0;
	memset(&r, 0, sizeof r);
	r.contact_id = e->target;
	r.source = gen_chance(&g->mrng, 400) ? SURVEY_CARD : SURVEY_CALLBACK;
	r.at = e->at - gen_range(&g->mrng, 0, 2 * HOUR);
	for (i = 0; i < p->n_survey && r.n_answers < SURVEY_ANSWERS_MAX; i++) {
		const struct survey_question *q = p->survey[i];

		if (q != head && gen_chance(&g->mrng, 250))
			continue;   /* a question the customer left blank */
		if (q->scale == SCALE_YES_NO)
			r.answers[r.n_answers++] = (struct survey_answer){ q->id, q->scale,
				(e->t1 & SV_NEEDS_UNMET) ? 0 : gen_unit(&g->mrng) < p_sat + 0.15 };
		else
			r.answers[r.n_answers++] = (struct survey_answer){ q->id, q->scale,
				score(g, p_sat + (q == head ? 0 : 0.1 - 0.05 * (double)(i % 4))) };
	}
	if (p->comment_class != PRIVACY_NOT_KEPT && gen_chance(&g->mrng, 300)) {
		gen_member_name((size_t)e->t2, name, sizeof name);
		if ((space = strchr(name, ' ')) != NULL)
			*space = '\0';   /* the first name, as customers write */
		with_name(comments[gen_below(&g->mrng, N_COMMENTS)], name, comment, sizeof comment);
		r.comment = comment;
	}
	gen_clock(g, e->at);
	rc = gen_who(g, e->actor, &who, err);
	if (rc == CS_OK)
		rc = app_survey_add(g->a, &who, &r, NULL, err);
	g->stats->surveys += rc == CS_OK;
	return rc;
}

static int
recognition(struct gen *g, const struct gen_event *e, struct cs_err *err)
{
	struct recognition r;
	struct app_actor who;
	int64_t k;
	int rc = CS_OK;

	for (k = 0; rc == CS_OK && k < e->t1; k++) {
		struct gen_member *m = &g->members[((size_t)e->target + (size_t)k * 7) % g->n_members];

		memset(&r, 0, sizeof r);
		r.member_id = m->id;
		r.kind = (enum recognition_kind)gen_below(&g->mrng, 3);
		r.reason = reasons[gen_below(&g->mrng, N_REASONS)];
		r.since = e->at - 30 * DAY;
		r.until = e->at - DAY;
		gen_clock(g, e->at + k);
		rc = gen_who(g, e->actor, &who, err);
		if (rc == CS_OK)
			rc = app_recognition_add(g->a, &who, &r, NULL, err);
		g->stats->recognitions += rc == CS_OK;
	}
	return rc;
}

int
gen_apply_measure(struct gen *g, const struct gen_event *e, struct cs_err *err)
{
	switch (e->kind) {
	case EV_SHOPPER:
		return shopper(g, e, err);
	case EV_SURVEY:
		return survey(g, e, err);
	case EV_RECOGNITION:
		return recognition(g, e, err);
	default:
		return cs_err_set(err, CS_SOFTWARE, "generate: unknown event");
	}
}
