/* generate.c - sample data: the driver.  Members first, then contacts
 * in time order, with the events they cause written as the simulated
 * clock passes them, in bulk transactions of opts->batch contacts.
 * See generate.h. */
#include "cslog/generate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "generate_int.h"

#define MINUTE 60
#define HOUR 3600
#define DAY 86400
#define PROGRESS_EVERY 1000

void
generate_defaults(struct generate_opts *o)
{
	memset(o, 0, sizeof *o);
	o->seed = 20260401;
	o->members = 25;
	o->contacts = 2000;
	o->days = 365;
	o->pin = GENERATE_PIN;
	o->batch = 20000;
	o->drill_sessions = 4;
	o->measures = true;
}

/* The generator's own clock: it stamps a year of sample history, and
 * only ever on a fresh database of its own (setup refuses any other). */
void
gen_clock(struct gen *g, int64_t t)
{
	g->a->fixed_now = t;
	g->a->now = t;
}

int
gen_who(struct gen *g, int64_t member_id, struct app_actor *who, struct cs_err *err)
{
	return app_actor_load(g->a, member_id, who, err);
}

/* ---- when contacts happen ------------------------------------------- */

/* Relative activity by hour of the day (local time). */
static const double hour_w[24] = {
	0.25, 0.2, 0.18, 0.15, 0.15, 0.2, 0.4, 0.7, 1.1, 1.4, 1.5, 1.5,
	1.4, 1.4, 1.5, 1.5, 1.4, 1.3, 1.2, 1.0, 0.8, 0.6, 0.45, 0.3,
};

/* The span is cut into day-long slots ending at the start of the
 * current hour.  Slot weights vary by weekday, season and chance;
 * within a slot, by hour.  time_at maps [0, 1) onto the span through
 * both, increasing, so contacts come out in time order. */
struct gen_time {
	double *cum;        /* days + 1 cumulative slot weights, 0 .. 1 */
	double hour[25];    /* cumulative hour weights of a slot, 0 .. 1 */
	int days, d;
	int64_t first;      /* start of slot 0 */
};

static double
day_weight(struct gen *g, int64_t mid)
{
	int64_t day = mid / DAY;
	int dow = (int)((day + 4) % 7);    /* 0 Sunday */
	double season = (double)(day % 365) / 365.0, w;

	season = season < 0.5 ? season * 2 : (1 - season) * 2;
	w = dow == 0 ? 0.75 : dow == 6 ? 0.85 : 1.0;
	return w * (0.9 + 0.2 * season) * (0.8 + 0.4 * gen_unit(&g->rng));
}

static int
time_init(struct gen_time *tm, struct gen *g)
{
	int64_t left;
	int h, phase, d;

	memset(tm, 0, sizeof *tm);
	tm->days = g->o->days;
	tm->first = g->end - g->end % HOUR - (int64_t)tm->days * DAY;
	tm->cum = calloc((size_t)tm->days + 1, sizeof *tm->cum);
	if (tm->cum == NULL)
		return CS_OSERR;
	left = app_end_of_local_day(tm->first) - tm->first;
	phase = (int)((23 - left / HOUR + 24) % 24);
	for (h = 0; h < 24; h++)
		tm->hour[h + 1] = tm->hour[h] + hour_w[(phase + h) % 24];
	for (h = 1; h <= 24; h++)
		tm->hour[h] /= tm->hour[24];
	for (d = 0; d < tm->days; d++)
		tm->cum[d + 1] = tm->cum[d] + day_weight(g, tm->first + d * DAY + DAY / 2);
	for (d = 1; d <= tm->days; d++)
		tm->cum[d] /= tm->cum[tm->days];
	g->start = tm->first;
	return CS_OK;
}

static int64_t
time_at(struct gen_time *tm, double x)
{
	double f, w;
	int h = 0;

	while (tm->d < tm->days - 1 && x >= tm->cum[tm->d + 1])
		tm->d++;
	w = tm->cum[tm->d + 1] - tm->cum[tm->d];
	f = w > 0 ? (x - tm->cum[tm->d]) / w : 0;
	f = f < 0 ? 0 : f >= 1 ? 0.999999 : f;
	while (h < 23 && f >= tm->hour[h + 1])
		h++;
	w = tm->hour[h + 1] - tm->hour[h];
	return tm->first + (int64_t)tm->d * DAY + (int64_t)h * HOUR +
	    (int64_t)((w > 0 ? (f - tm->hour[h]) / w : 0) * (HOUR - 1));
}

/* ---- members ---------------------------------------------------------- */

static int
add_member(struct gen *g, size_t i, int role, const char *badge, struct cs_err *err)
{
	struct gen_member *m = &g->members[i];
	char name[MEMBER_NAME_MAX];
	struct app_actor who;
	int rc = i > 0 ? gen_who(g, g->members[0].id, &who, err) : CS_OK;
	double act = role == ROLE_SUPERVISOR ? 0.3 : role == ROLE_TRAINER ? 0.5 :
	    0.4 + 1.6 * gen_unit(&g->rng);

	gen_member_name(i, name, sizeof name);
	gen_clock(g, g->start - 30 * DAY + (int64_t)i * MINUTE);
	m->role = role;
	m->home = i % g->n_pols;
	m->skill = 0.6 + 0.3 * gen_unit(&g->rng);
	g->activity[i] = (i > 0 ? g->activity[i - 1] : 0) + act;
	if (role == ROLE_SUPERVISOR)
		g->sups[g->n_sups++] = i;
	else if (role == ROLE_TRAINER)
		g->trainers[g->n_trainers++] = i;
	g->stats->members++;
	g->stats->supervisors += role == ROLE_SUPERVISOR;
	g->stats->trainers += role == ROLE_TRAINER;
	if (rc != CS_OK)
		return rc;
	return app_member_add(g->a, i > 0 ? &who : NULL, badge, name, role,
	    role == ROLE_MEMBER ? NULL : g->o->pin, &m->id, err);
}

/* Supervisors S1.. (one, and one more in 12), trainers T1.. (one, and
 * one more in 25), members M101.. */
static int
add_members(struct gen *g, struct cs_err *err)
{
	size_t n = g->n_members, sups = 1 + n / 12, trs = 1 + n / 25, i;
	char badge[MEMBER_BADGE_MAX];
	int role, rc = CS_OK;

	for (i = 0; rc == CS_OK && i < n; i++) {
		if (i < sups) {
			role = ROLE_SUPERVISOR;
			snprintf(badge, sizeof badge, "S%zu", i + 1);
		} else if (i < sups + trs) {
			role = ROLE_TRAINER;
			snprintf(badge, sizeof badge, "T%zu", i - sups + 1);
		} else {
			role = ROLE_MEMBER;
			snprintf(badge, sizeof badge, "M%zu", i - sups - trs + 101);
		}
		rc = add_member(g, i, role, badge, err);
	}
	return rc;
}

/* Drill sessions for every member, by a trainer (three in four) or
 * alone, at random times over the span. */
static int
plan_drills(struct gen *g)
{
	struct gen_event e;
	size_t i, k;

	memset(&e, 0, sizeof e);
	e.kind = EV_DRILL;
	for (i = 0; i < g->n_members; i++) {
		if (g->members[i].role != ROLE_MEMBER)
			continue;
		for (k = 0; k < g->o->drill_sessions; k++) {
			e.at = gen_range(&g->rng, g->start, g->end);
			e.target = (int64_t)i;
			e.actor = gen_chance(&g->rng, 750) ?
			    g->members[g->trainers[gen_below(&g->rng, g->n_trainers)]].id : 0;
			if (gen_push(g, &e) != CS_OK)
				return CS_OSERR;
		}
	}
	return CS_OK;
}

/* ---- contacts --------------------------------------------------------- */

static int
first_followup(void *ctx, const struct followup *f)
{
	*(int64_t *)ctx = f->id;
	return 1;
}

/* After a contact is written: stats, its follow-up's fate, its reviews
 * or (if it will be corrected first) its amendment. */
static int
after_contact(struct gen *g, const struct gen_contact *gc, int64_t id, struct cs_err *err)
{
	const struct contact *c = &gc->c;
	struct gen_event e;
	int64_t fu = 0;
	int rc = CS_OK;

	g->stats->contacts++;
	g->stats->with_protected += c->customer_name != NULL;
	g->stats->added_value += c->added_value != NULL;
	g->stats->not_empowered += c->empowered == TRI_NO;
	if (c->followup_due != 0) {
		g->stats->followups++;
		rc = store_followup_of_contact(g->st, id, c->logged_at, first_followup, &fu, err);
		if (rc == CS_OK && fu != 0)
			rc = gen_plan_followup(g, fu, c->member_id, c->logged_at, c->followup_due,
			    err);
	}
	if (rc != CS_OK)
		return rc;
	if (gen_plan_survey(g, id, c) != CS_OK)
		return cs_err_set(err, CS_OSERR, "out of memory");
	if (!gc->amend)
		return gen_plan_reviews(g, id, c, c->logged_at) == CS_OK ? CS_OK :
		    cs_err_set(err, CS_OSERR, "out of memory");
	memset(&e, 0, sizeof e);
	e.kind = EV_AMEND;
	e.at = c->logged_at + gen_range(&g->rng, 20 * MINUTE, 2 * DAY);
	e.target = id;
	e.actor = c->member_id;
	return gen_push(g, &e) == CS_OK ? CS_OK : cs_err_set(err, CS_OSERR, "out of memory");
}

/* Write every event due by t. */
static int
events_until(struct gen *g, int64_t t, struct cs_err *err)
{
	struct gen_event e;
	int rc = CS_OK;

	while (rc == CS_OK && gen_pop_until(g, t, &e))
		rc = gen_apply(g, &e, err);
	return rc;
}

/* A new bulk every opts->batch contacts. */
static int
next_batch(struct gen *g, size_t done, struct cs_err *err)
{
	int rc;

	if (done % g->o->batch != 0)
		return CS_OK;
	rc = store_bulk_commit(g->st, err);
	return rc == CS_OK ? store_bulk_begin(g->st, err) : rc;
}

static int
one_contact(struct gen *g, struct gen_call *call, int64_t at, int64_t *logged,
            struct cs_err *err)
{
	struct gen_contact gc;
	struct app_actor who;
	int64_t id = 0, t;
	int rc;

	gen_make_contact(g, call, at, &gc);
	t = gc.c.at + gen_range(&g->rng, 5 * MINUTE, 90 * MINUTE);
	t = t < *logged ? *logged : t;
	*logged = t < g->end ? t : g->end;
	gc.c.logged_at = *logged;
	rc = events_until(g, *logged, err);
	if (rc != CS_OK)
		return rc;
	gen_clock(g, *logged);
	rc = gen_who(g, gc.c.member_id, &who, err);
	if (rc == CS_OK)
		rc = app_contact_log(g->a, &who, &gc.c, NULL, &id, err);
	return rc == CS_OK ? after_contact(g, &gc, id, err) : rc;
}

static int
contacts(struct gen *g, generate_progress_cb progress, void *ctx, struct cs_err *err)
{
	struct gen_time tm;
	struct gen_call call;
	size_t i, n = g->o->contacts;
	int64_t logged = 0;
	int rc = time_init(&tm, g);

	if (rc != CS_OK)
		return cs_err_set(err, rc, "out of memory");
	memset(&call, 0, sizeof call);
	rc = add_members(g, err);
	if (rc == CS_OK)
		rc = plan_drills(g) == CS_OK ? CS_OK : cs_err_set(err, CS_OSERR, "out of memory");
	if (rc == CS_OK)
		rc = gen_plan_measures(g, err);
	if (rc == CS_OK && progress != NULL)
		progress(ctx, 0, n);
	for (i = 0; rc == CS_OK && i < n; i++) {
		rc = one_contact(g, &call, time_at(&tm, ((double)i + gen_unit(&g->rng)) /
		    (double)n), &logged, err);
		if (rc == CS_OK)
			rc = next_batch(g, i + 1, err);
		if (progress != NULL && ((i + 1) % PROGRESS_EVERY == 0))
			progress(ctx, i + 1, n);
	}
	if (rc == CS_OK)
		rc = events_until(g, g->end, err);
	free(tm.cum);
	return rc;
}

/* ---- setting up ------------------------------------------------------- */

static int
check_opts(struct app *a, const struct generate_opts *o, struct cs_err *err)
{
	if (!a->policies_loaded || a->policies.n == 0)
		return cs_err_set(err, CS_CONFIG, "generate: the policies are not loaded");
	if (o->members < 3 || o->members > 100000)
		return cs_err_set(err, CS_USAGE, "generate: 3 to 100000 members");
	if (o->days < 1 || o->days > 3650)
		return cs_err_set(err, CS_USAGE, "generate: 1 to 3650 days");
	if (o->batch < 1)
		return cs_err_set(err, CS_USAGE, "generate: a batch has at least one contact");
	if (o->pin == NULL || strlen(o->pin) < 4)
		return cs_err_set(err, CS_USAGE, "generate: supervisors need a PIN of 4 or more");
	return CS_OK;
}

static int
setup(struct gen *g, struct cs_err *err)
{
	const struct policy_set *ps = &g->a->policies;
	size_t i, most = 1;
	int64_t n = 0;
	int rc;

	g->st = app_store(g->a, err);
	if (g->st == NULL)
		return err != NULL && err->code ? err->code : CS_SOFTWARE;
	if ((rc = store_member_count(g->st, &n, err)) != CS_OK)
		return rc;
	if (n > 0)
		return cs_err_set(err, CS_USAGE, "generate: the database already has members; "
		    "sample data goes into a new database");
	g->n_members = g->o->members;
	g->members = calloc(g->n_members, sizeof *g->members);
	g->sups = calloc(g->n_members, sizeof *g->sups);
	g->trainers = calloc(g->n_members, sizeof *g->trainers);
	g->activity = calloc(g->n_members, sizeof *g->activity);
	g->pols = calloc(ps->n, sizeof *g->pols);
	for (i = 0; i < ps->n; i++)
		most = ps->items[i]->n_standards > most ? ps->items[i]->n_standards : most;
	g->standards = calloc(most, sizeof *g->standards);
	if (!g->members || !g->sups || !g->trainers || !g->activity || !g->pols ||
	    !g->standards)
		return cs_err_set(err, CS_OSERR, "out of memory");
	for (i = 0; i < ps->n; i++, g->n_pols++) {
		if (gen_policy_init(&g->pols[i], ps->items[i]) != CS_OK)
			return cs_err_set(err, CS_OSERR, "out of memory");
	}
	return CS_OK;
}

static void
teardown(struct gen *g)
{
	size_t i;

	for (i = 0; i < g->n_pols; i++)
		gen_policy_free(&g->pols[i]);
	if (g->pols != NULL && g->n_pols < g->a->policies.n)
		gen_policy_free(&g->pols[g->n_pols]);
	free(g->pols);
	free(g->members);
	free(g->sups);
	free(g->trainers);
	free(g->activity);
	free(g->standards);
	free(g->heap);
}

int
generate_run(struct app *a, const struct generate_opts *o, generate_progress_cb progress,
             void *ctx, struct generate_stats *stats, struct cs_err *err)
{
	struct generate_stats local;
	struct gen g;
	int64_t now = a->fixed_now != 0 ? a->fixed_now : app_now(a);
	int rc = check_opts(a, o, err);

	if (rc != CS_OK)
		return rc;
	memset(&g, 0, sizeof g);
	g.a = a;
	g.o = o;
	g.stats = stats != NULL ? stats : &local;
	memset(g.stats, 0, sizeof *g.stats);
	g.end = now;
	gen_seed(&g.rng, o->seed);
	rc = setup(&g, err);
	if (rc == CS_OK)
		rc = store_bulk_begin(g.st, err);
	if (rc == CS_OK) {
		rc = contacts(&g, progress, ctx, err);
		if (rc == CS_OK)
			rc = store_bulk_commit(g.st, err);
		else
			store_bulk_rollback(g.st);
	}
	if (rc == CS_OK && progress != NULL && o->contacts % PROGRESS_EVERY != 0)
		progress(ctx, o->contacts, o->contacts);
	a->fixed_now = 0;
	app_now(a);
	teardown(&g);
	return rc;
}
