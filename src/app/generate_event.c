/* generate_event.c - what happens after a contact is logged: its
 * follow-up is done (on time or late), paused and resumed, or forgotten;
 * a supervisor signs it off, debriefs a negative call, commends added
 * value; the member amends it; trainers run drill sessions.  Events wait
 * in a queue ordered by time and are written when the simulated clock
 * passes them; those after the real now never happen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/quiz.h"
#include "generate_int.h"

#define HOUR 3600
#define DAY 86400

/* ---- the queue (a binary heap on at, then seq) ---------------------- */

static bool
before(const struct gen_event *x, const struct gen_event *y)
{
	return x->at != y->at ? x->at < y->at : x->seq < y->seq;
}

static void
swap(struct gen_event *x, struct gen_event *y)
{
	struct gen_event t = *x;

	*x = *y;
	*y = t;
}

int
gen_push(struct gen *g, const struct gen_event *e)
{
	struct gen_event *v;
	size_t i, cap;

	if (e->at > g->end)
		return CS_OK;
	if (g->n_heap == g->cap_heap) {
		cap = g->cap_heap ? g->cap_heap * 2 : 1024;
		v = realloc(g->heap, cap * sizeof *v);
		if (v == NULL)
			return CS_OSERR;
		g->heap = v;
		g->cap_heap = cap;
	}
	i = g->n_heap++;
	g->heap[i] = *e;
	g->heap[i].seq = g->seq++;
	while (i > 0 && before(&g->heap[i], &g->heap[(i - 1) / 2])) {
		swap(&g->heap[i], &g->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	return CS_OK;
}

bool
gen_pop_until(struct gen *g, int64_t t, struct gen_event *out)
{
	size_t i = 0, c;

	if (g->n_heap == 0 || g->heap[0].at > t)
		return false;
	*out = g->heap[0];
	g->heap[0] = g->heap[--g->n_heap];
	for (;;) {
		c = 2 * i + 1;
		if (c >= g->n_heap)
			break;
		if (c + 1 < g->n_heap && before(&g->heap[c + 1], &g->heap[c]))
			c++;
		if (!before(&g->heap[c], &g->heap[i]))
			break;
		swap(&g->heap[i], &g->heap[c]);
		i = c;
	}
	return true;
}

static int
push(struct gen *g, int kind, int64_t at, int64_t target, int64_t actor, int64_t t1,
     int64_t t2, struct cs_err *err)
{
	struct gen_event e = { at, 0, target, actor, t1, t2, kind };

	if (gen_push(g, &e) != CS_OK)
		return cs_err_set(err, CS_OSERR, "out of memory");
	return CS_OK;
}

/* ---- planning --------------------------------------------------------- */

int64_t
gen_reviewer(struct gen *g, int64_t member_id)
{
	size_t k = (size_t)gen_below(&g->rng, g->n_sups);

	if (g->members[g->sups[k]].id == member_id && g->n_sups > 1)
		k = (k + 1) % g->n_sups;
	return g->members[g->sups[k]].id;
}

/* The fate of a follow-up: done on time (70%), late (13%), paused (11%;
 * most are resumed and done), forgotten until a week to six weeks after
 * it was due (6%: the recent ones are the overdue).  Times are fixed
 * now; those after the real now never happen. */
int
gen_plan_followup(struct gen *g, int64_t fu_id, int64_t member_id, int64_t created,
                  int64_t due, struct cs_err *err)
{
	struct gen_rng *r = &g->rng;
	int64_t span = due > created ? due - created : HOUR, p, back;
	unsigned roll = (unsigned)gen_below(r, 1000);

	if (roll < 700)
		return push(g, EV_FU_DONE, created + span / 10 + (int64_t)(gen_unit(r) * 0.85 *
		    (double)span), fu_id, member_id, 0, 0, err);
	if (roll < 830)
		return push(g, EV_FU_DONE, created + span + gen_range(r, HOUR, 3 * DAY), fu_id,
		    member_id, 0, 0, err);
	if (roll < 940) {
		p = created + span / 10 + (int64_t)(gen_unit(r) * 0.4 * (double)span);
		back = p + gen_range(r, DAY, 7 * DAY);
		if (gen_chance(r, 200))
			return push(g, EV_FU_PAUSE, p, fu_id, member_id, 0, 0, err);
		return push(g, EV_FU_PAUSE, p, fu_id, member_id, back,
		    back + (int64_t)(gen_unit(r) * (double)(due - p > HOUR ? due - p : HOUR)), err);
	}
	return push(g, EV_FU_DONE, created + span + gen_range(r, 7 * DAY, 45 * DAY), fu_id,
	    member_id, 0, 0, err);
}

/* Sign-off (78%, within hours to days), a debrief of a negative call
 * (82%), a commendation of empowered added value (10%). */
int
gen_plan_reviews(struct gen *g, int64_t id, const struct contact *c, int64_t logged)
{
	struct gen_rng *r = &g->rng;
	int64_t d1, d2, who = gen_reviewer(g, c->member_id);
	int rc = CS_OK;

	if (gen_chance(r, 780)) {
		d1 = gen_range(r, 4 * HOUR, 9 * DAY);
		d2 = gen_range(r, 4 * HOUR, 9 * DAY);
		rc = push(g, EV_SIGN_OFF, logged + (d1 < d2 ? d1 : d2), id, who, 0, 0, NULL);
	}
	if (rc == CS_OK && c->negative && gen_chance(r, 820))
		rc = push(g, EV_DEBRIEF, logged + gen_range(r, 2 * HOUR, 6 * DAY), id,
		    gen_reviewer(g, c->member_id), 0, 0, NULL);
	if (rc == CS_OK && c->empowered == TRI_YES && gen_chance(r, 100))
		rc = push(g, EV_COMMEND, logged + gen_range(r, DAY, 14 * DAY), id,
		    gen_reviewer(g, c->member_id), 0, 0, NULL);
	return rc;
}

/* ---- follow-ups -------------------------------------------------------- */

static int
fu_done(struct gen *g, const struct gen_event *e, struct cs_err *err)
{
	struct followup f = { 0 };
	int rc = store_followup_get(g->st, e->target, e->at, &f, err);

	if (rc != CS_OK)
		return rc;
	if (f.state == FOLLOWUP_DONE) {
		record_followup_clear(&f);
		return CS_OK;
	}
	g->stats->followups_late += e->at > f.limit_eff;
	record_followup_clear(&f);
	rc = store_followup_done(g->st, e->actor, e->target, gen_pick(&g->rng, L_DONE_NOTE),
	    e->at, err);
	g->stats->followups_done += rc == CS_OK;
	return rc;
}

static int
fu_pause(struct gen *g, const struct gen_event *e, struct cs_err *err)
{
	int rc = store_followup_pause(g->st, e->actor, e->target,
	    gen_pick(&g->rng, L_PAUSE), e->at, err);

	g->stats->followups_paused += rc == CS_OK;
	if (rc == CS_OK && e->t1 != 0)
		rc = push(g, EV_FU_RESUME, e->t1, e->target, e->actor, 0, e->t2, err);
	return rc;
}

static int
fu_resume(struct gen *g, const struct gen_event *e, struct cs_err *err)
{
	int rc = store_followup_resume(g->st, e->actor, e->target, e->at, err);

	if (rc == CS_OK && e->t2 != 0)
		rc = push(g, EV_FU_DONE, e->t2, e->target, e->actor, 0, 0, err);
	return rc;
}

/* ---- reviews and amendments ---------------------------------------- */

static int
review(struct gen *g, const struct gen_event *e, int kind, struct cs_err *err)
{
	static const enum gen_list note[] = { L_SIGN_OFF, L_DEBRIEF, L_COMMEND };
	size_t *count[] = { &g->stats->sign_offs, &g->stats->debriefs,
	                    &g->stats->commendations };
	struct app_actor who;
	int rc;

	gen_clock(g, e->at);
	rc = gen_who(g, e->actor, &who, err);
	if (rc == CS_OK)
		rc = app_review_add(g->a, &who, e->target, kind, gen_pick(&g->rng, note[kind]),
		    NULL, err);
	*count[kind] += rc == CS_OK;
	return rc;
}

/* Correct one thing, as members do: needs met asked afterwards, the
 * summary completed, or the channel. */
static void
correct(struct gen *g, struct contact *c, size_t why, char *buf, size_t len)
{
	const struct policy *p = policy_set_find(&g->a->policies, c->policy_id);
	const char *ch;

	if (why == 0) {
		c->needs_met = TRI_YES;
	} else if (why == 1 || p == NULL || p->n_channels < 2) {
		snprintf(buf, len, "%s Also: %s.", c->summary, gen_pick(&g->rng, L_DONE_NOTE));
		c->summary = buf;
	} else {
		ch = p->channels[gen_below(&g->rng, p->n_channels)].id;
		if (strcmp(ch, c->channel) == 0)
			ch = p->channels[(size_t)(ch == p->channels[0].id)].id;
		c->channel = ch;
	}
}

static int
amend(struct gen *g, const struct gen_event *e, struct cs_err *err)
{
	struct contact c = { 0 };
	struct app_actor who;
	char buf[1024];
	size_t why = (size_t)gen_below(&g->rng, GEN_AMEND_REASONS);
	int64_t id = 0;
	int rc = store_contact_get(g->st, e->target, STORE_PROTECTED, e->at, &c, err);

	if (rc != CS_OK)
		return rc;
	if (why == 0 && c.needs_met == TRI_YES)
		why = 1;
	correct(g, &c, why, buf, sizeof buf);
	c.logged_at = 0;
	gen_clock(g, e->at);
	rc = gen_who(g, e->actor, &who, err);
	if (rc == CS_OK)
		rc = app_contact_amend(g->a, &who, e->target, &c, gen_amend_reason(why), &id, err);
	if (rc == CS_OK) {
		g->stats->amendments++;
		rc = gen_plan_reviews(g, id, &c, e->at);
	}
	record_contact_clear(&c);
	return rc == CS_OSERR ? cs_err_set(err, rc, "out of memory") : rc;
}

/* ---- drills ------------------------------------------------------------ */

/* The trainee's chance of a right answer grows over the year. */
static bool
right(struct gen *g, const struct gen_member *m, int64_t at)
{
	double p = m->skill + 0.15 * (double)(at - g->start) / (double)(g->end - g->start + 1);

	return gen_unit(&g->rng) < (p > 0.98 ? 0.98 : p);
}

static void
scenario(struct gen *g, const struct gen_member *m, const struct policy *p,
         struct drill_attempt *d)
{
	const struct policy_scenario *s = &p->scenarios[gen_below(&g->rng, p->n_scenarios)];
	size_t i;

	d->kind = DRILL_SCENARIO;
	d->item_id = s->id;
	d->n_answers = p->n_questions;
	d->total = (int)p->n_questions;
	for (i = 0; i < p->n_questions; i++) {
		d->answers[i].question = p->questions[i].id;
		d->answers[i].expected = s->expected[i];
		d->answers[i].given = right(g, m, d->at) ? s->expected[i] :
		    s->expected[i] == ANSWER_YES ? ANSWER_NO : ANSWER_YES;
		d->correct += d->answers[i].given == d->answers[i].expected;
	}
}

static void
quiz(struct gen *g, const struct gen_member *m, const struct policy *p,
     struct drill_attempt *d)
{
	const struct policy_quiz *q = &p->quiz[gen_below(&g->rng, p->n_quiz)];

	d->kind = DRILL_QUIZ;
	d->item_id = q->id;
	d->total = 1;
	d->quiz_answer = !right(g, m, d->at) ? gen_pick(&g->rng, L_WRONG_ANSWER) :
	    q->n_accept > 0 && gen_chance(&g->rng, 500) ?
	    q->accept[gen_below(&g->rng, q->n_accept)] : q->answer;
	d->correct = quiz_matches(q, d->quiz_answer) ? 1 : 0;
}

/* A session of two to four items from the trainee's policy (or the
 * first policy that has drills). */
static int
drill(struct gen *g, const struct gen_event *e, struct cs_err *err)
{
	const struct gen_member *m = &g->members[e->target];
	const struct policy *p = g->a->policies.items[m->home];
	struct drill_attempt d;
	char session[48];
	size_t i, n = (size_t)gen_range(&g->rng, 2, 4);
	int rc = CS_OK;

	for (i = 0; p->n_scenarios + p->n_quiz == 0 && i < g->a->policies.n; i++)
		p = g->a->policies.items[i];
	if (p->n_scenarios + p->n_quiz == 0)
		return CS_OK;
	snprintf(session, sizeof session, "s%lld-%lld", (long long)m->id, (long long)e->at);
	for (i = 0; rc == CS_OK && i < n; i++) {
		memset(&d, 0, sizeof d);
		d.member_id = m->id;
		d.trainer_id = e->actor;
		d.policy_id = p->id;
		d.policy_version = p->version;
		/* The session ends at e->at: every stamp is in time order. */
		d.at = e->at - (int64_t)(n - 1 - i) * gen_range(&g->rng, 60, 600);
		d.session_id = session;
		if (p->n_quiz == 0 || (p->n_scenarios > 0 && gen_chance(&g->rng, 600)))
			scenario(g, m, p, &d);
		else
			quiz(g, m, p, &d);
		rc = store_drill_add(g->st, e->actor ? e->actor : m->id, &d, e->at, NULL, err);
		g->stats->drills += rc == CS_OK;
	}
	return rc;
}

int
gen_apply(struct gen *g, const struct gen_event *e, struct cs_err *err)
{
	switch (e->kind) {
	case EV_FU_DONE:
		return fu_done(g, e, err);
	case EV_FU_PAUSE:
		return fu_pause(g, e, err);
	case EV_FU_RESUME:
		return fu_resume(g, e, err);
	case EV_SIGN_OFF:
		return review(g, e, REVIEW_SIGN_OFF, err);
	case EV_DEBRIEF:
		return review(g, e, REVIEW_DEBRIEF, err);
	case EV_COMMEND:
		return review(g, e, REVIEW_COMMEND, err);
	case EV_AMEND:
		return amend(g, e, err);
	case EV_DRILL:
		return drill(g, e, err);
	case EV_SHOPPER: case EV_SURVEY: case EV_RECOGNITION:
		return gen_apply_measure(g, e, err);
	default:
		return cs_err_set(err, CS_SOFTWARE, "generate: unknown event");
	}
}
