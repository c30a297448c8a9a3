/* generate_contact.c - one plausible contact under one policy: who made
 * it, the customer kind, channel and outcome drawn with weights that
 * suit a fire-rescue agency, the summary, needs met, added value with
 * its empowerment answers, the standards confirmed, the referral or
 * appeal the outcome needs, the customer's protected details and a
 * follow-up as the policy's rule for the channel proposes.  Only ids
 * the policy has are used, so any policy file works. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/deadline.h"
#include "generate_int.h"

#define MINUTE 60
#define DAY 86400

/* ---- weights --------------------------------------------------------- */

static const unsigned chan_w[] = {
	[CH_SCENE] = 45, [CH_PHONE] = 18, [CH_VOICE] = 9, [CH_WRITTEN] = 4,
	[CH_EMAIL] = 9, [CH_PERSON] = 10,
};
static const unsigned kind_w[] = {
	[KI_RECIPIENT] = 50, [KI_CLOSE] = 22, [KI_ENCOUNTERED] = 16, [KI_INTERNAL] = 8,
};

struct idw {
	const char *id;
	unsigned w;
};

static const struct idw outcome_w[] = {
	{ "resolved", 45 }, { "assisted", 30 }, { "referred", 7 },
	{ "declined-with-appeal", 4 }, { "could-not-reach", 5 },
	{ "refused-service", 3 }, { "complaint", 3 },
};

/* Questions that fail most often when a member is not empowered. */
static const struct idw fail_w[] = {
	{ "level", 30 }, { "department", 25 }, { "accountable", 15 }, { "safe", 12 },
	{ "legal", 8 }, { "values", 6 }, { "customer", 4 },
};

static unsigned
weight_of(const struct idw *t, size_t n, const char *id, unsigned dflt)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(t[i].id, id) == 0)
			return t[i].w;
	}
	return dflt;
}

static unsigned
outcome_weight(const struct policy_outcome *o)
{
	unsigned d = o->negative ? 3 : o->requires == REQUIRES_REFERRAL ? 7 :
	    o->requires == REQUIRES_APPEAL ? 4 : 10;

	return weight_of(outcome_w, sizeof outcome_w / sizeof outcome_w[0], o->id, d);
}

/* Index into a cumulative weight list of n. */
static size_t
pick(struct gen_rng *r, const unsigned *cum, size_t n)
{
	uint64_t x = gen_below(r, cum[n - 1]);
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (x < cum[mid])
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static void
cumulate(unsigned *w, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		w[i] += w[i - 1];
}

int
gen_policy_init(struct gen_pol *gp, const struct policy *p)
{
	size_t i;

	memset(gp, 0, sizeof *gp);
	gp->p = p;
	gp->kind = calloc(p->n_kinds + 1, sizeof *gp->kind);
	gp->chan = calloc(p->n_channels + 1, sizeof *gp->chan);
	gp->outcome = calloc(p->n_outcomes + 1, sizeof *gp->outcome);
	if (gp->kind == NULL || gp->chan == NULL || gp->outcome == NULL)
		return CS_OSERR;
	for (i = 0; i < p->n_kinds; i++)
		gp->kind[i] = kind_w[gen_kind_of(p->kinds[i].id)];
	for (i = 0; i < p->n_channels; i++)
		gp->chan[i] = chan_w[gen_chan_of(p->channels[i].id)];
	for (i = 0; i < p->n_outcomes; i++)
		gp->outcome[i] = outcome_weight(&p->outcomes[i]);
	for (i = 0; i < p->n_questions; i++)
		gp->fail[i] = weight_of(fail_w, sizeof fail_w / sizeof fail_w[0],
		    p->questions[i].id, 5);
	cumulate(gp->kind, p->n_kinds);
	cumulate(gp->chan, p->n_channels);
	cumulate(gp->outcome, p->n_outcomes);
	cumulate(gp->fail, p->n_questions);
	return CS_OK;
}

void
gen_policy_free(struct gen_pol *gp)
{
	free(gp->kind);
	free(gp->chan);
	free(gp->outcome);
}

/* ---- who and under which policy ------------------------------------ */

static size_t
pick_member(struct gen *g)
{
	double x = gen_unit(&g->rng) * g->activity[g->n_members - 1];
	size_t lo = 0, hi = g->n_members - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (x < g->activity[mid])
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Start a call, or go on with the one in progress: the contacts of one
 * incident share member, policy, on-scene channel and call reference. */
static void
who_and_where(struct gen *g, struct gen_call *call, struct gen_contact *out)
{
	struct contact *c = &out->c;
	const struct gen_pol *gp;
	size_t m;

	if (call->left > 0) {
		call->left--;
		call->at += gen_range(&g->rng, 3 * MINUTE, 12 * MINUTE);
		c->at = call->at < g->end - MINUTE ? call->at : g->end - MINUTE;
		out->member = call->member;
		out->pol = call->pol;
		c->channel = call->channel;
		out->follow_on = true;
		snprintf(out->call_ref, sizeof out->call_ref, "CAD-%06zu", call->number);
		return;
	}
	m = pick_member(g);
	out->member = m;
	out->pol = gen_chance(&g->rng, 900) ? g->members[m].home :
	    (size_t)gen_below(&g->rng, g->n_pols);
	gp = &g->pols[out->pol];
	c->channel = gp->p->channels[pick(&g->rng, gp->chan, gp->p->n_channels)].id;
	if (gen_chan_of(c->channel) != CH_SCENE)
		return;
	call->number++;
	snprintf(out->call_ref, sizeof out->call_ref, "CAD-%06zu", call->number);
	if (gen_chance(&g->rng, 300)) {
		call->left = (size_t)gen_range(&g->rng, 1, 2);
		call->member = m;
		call->pol = out->pol;
		call->channel = c->channel;
		call->at = c->at;
	}
}

/* ---- the parts of a contact ----------------------------------------- */

static void
added_value(struct gen *g, const struct gen_pol *gp, struct contact *c)
{
	const struct policy *p = gp->p;
	bool ok = gen_chance(&g->rng, 900);
	size_t i, n, k;

	c->added_value = gen_added_value(&g->rng, ok);
	c->n_answers = p->n_questions;
	for (i = 0; i < p->n_questions; i++) {
		c->answers[i].question = p->questions[i].id;
		c->answers[i].answer = ANSWER_YES;
	}
	n = ok ? 0 : (size_t)gen_range(&g->rng, 1, 3);
	for (i = 0; i < n; i++) {
		k = pick(&g->rng, gp->fail, p->n_questions);
		c->answers[k].answer = ANSWER_NO;
	}
}

static void
needs_met(struct gen *g, const struct policy_outcome *o, struct contact *c)
{
	unsigned x = (unsigned)gen_below(&g->rng, 1000);

	if (o->negative)
		c->needs_met = x < 200 ? TRI_YES : x < 750 ? TRI_NO : TRI_UNKNOWN;
	else
		c->needs_met = x < 780 ? TRI_YES : x < 840 ? TRI_NO : TRI_UNKNOWN;
}

static void
requirements(struct gen *g, const struct policy_outcome *o, struct contact *c)
{
	if (o->requires == REQUIRES_REFERRAL) {
		c->referral_to = gen_pick(&g->rng, L_REFERRAL);
		c->referee_contacted = gen_chance(&g->rng, 880) ? TRI_YES : TRI_NO;
	} else if (o->requires == REQUIRES_APPEAL) {
		c->decision = gen_pick(&g->rng, L_DECISION);
		c->appeal_info = gen_pick(&g->rng, L_APPEAL);
	}
}

static void
protected_fields(struct gen *g, struct gen_contact *out, enum gen_kind k, enum gen_chan ch)
{
	struct contact *c = &out->c;
	unsigned chance = k == KI_INTERNAL ? 0 : k == KI_ENCOUNTERED ? 100 : 450;

	if (ch == CH_EMAIL)
		chance = 900;
	if (!gen_chance(&g->rng, chance))
		return;
	gen_customer(&g->rng, out->name, out->phone, out->address, out->email,
	    sizeof out->name);
	c->customer_name = out->name;
	c->customer_phone = ch == CH_EMAIL && gen_chance(&g->rng, 500) ? NULL : out->phone;
	c->customer_address = gen_chance(&g->rng, 500) ? out->address : NULL;
	c->customer_email = ch == CH_EMAIL ? out->email : NULL;
}

/* A follow-up: as the policy's rule proposes (most contacts on a
 * channel with a rule), else after the outcomes that call for one. */
static void
followup(struct gen *g, const struct policy *p, const struct policy_outcome *o,
         struct contact *c)
{
	const struct policy_followup *rule = policy_followup_for(p, c->channel);
	unsigned chance = 50;

	if (rule != NULL)
		chance = gen_chan_of(c->channel) == CH_VOICE ? 900 : 500;
	else if (strcmp(o->id, "could-not-reach") == 0)
		chance = 600;
	else if (o->requires == REQUIRES_REFERRAL || o->negative)
		chance = 400;
	else if (o->requires == REQUIRES_APPEAL)
		chance = 200;
	if (!gen_chance(&g->rng, chance))
		return;
	c->followup_due = rule != NULL ?
	    deadline_propose(rule, c->at, app_end_of_local_day(c->at)) :
	    c->at + gen_range(&g->rng, DAY, 3 * DAY);
	c->followup_note = gen_pick(&g->rng, L_FU_NOTE);
}

static void
standards(struct gen *g, const struct policy *p, struct contact *c)
{
	struct policy_context ctx;
	size_t i, n = 0;

	memset(&ctx, 0, sizeof ctx);
	ctx.channel = c->channel;
	ctx.added_value = c->added_value != NULL;
	ctx.negative = policy_outcome(p, c->outcome)->negative;
	ctx.referral = c->referral_to != NULL;
	ctx.decision = c->decision != NULL;
	ctx.follow_up = c->followup_due != 0;
	for (i = 0; i < p->n_standards; i++) {
		if (policy_standard_applies(&p->standards[i], &ctx) &&
		    gen_chance(&g->rng, 920))
			g->standards[n++] = p->standards[i].id;
	}
	c->standards = g->standards;
	c->n_standards = n;
}

/* Fill out with a new contact happening at `at` (a call in progress may
 * move it). */
void
gen_make_contact(struct gen *g, struct gen_call *call, int64_t at, struct gen_contact *out)
{
	struct contact *c = &out->c;
	const struct gen_pol *gp;
	const struct policy_outcome *o;
	enum gen_kind k;

	memset(c, 0, sizeof *c);
	out->call_ref[0] = '\0';
	out->follow_on = false;
	c->at = at;
	who_and_where(g, call, out);
	gp = &g->pols[out->pol];
	c->member_id = g->members[out->member].id;
	c->policy_id = gp->p->id;
	c->kind = gp->p->kinds[pick(&g->rng, gp->kind, gp->p->n_kinds)].id;
	if (out->follow_on && gp->p->n_kinds > 1 && gen_kind_of(c->kind) == KI_RECIPIENT)
		c->kind = gp->p->kinds[1 + gen_below(&g->rng, gp->p->n_kinds - 1)].id;
	c->call_ref = out->call_ref[0] != '\0' ? out->call_ref : NULL;
	k = gen_kind_of(c->kind);
	o = &gp->p->outcomes[pick(&g->rng, gp->outcome, gp->p->n_outcomes)];
	c->outcome = o->id;
	gen_summary(&g->rng, gen_chan_of(c->channel), k, gen_outc_of(o), out->summary,
	    sizeof out->summary);
	c->summary = out->summary;
	needs_met(g, o, c);
	if (k != KI_INTERNAL && gen_chance(&g->rng, gen_chan_of(c->channel) == CH_SCENE ? 230 : 120))
		added_value(g, gp, c);
	requirements(g, o, c);
	protected_fields(g, out, k, gen_chan_of(c->channel));
	followup(g, gp->p, o, c);
	standards(g, gp->p, c);
	out->amend = gen_chance(&g->rng, 4);
}
