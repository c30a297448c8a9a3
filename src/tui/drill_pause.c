/* drill_pause.c - drills paused and resumed later: each session (policy,
 * mode, trainees, the order of items, where it stopped and the scores so
 * far) kept as JSON in a draft of the trainer's, "drill-N" (one per
 * paused drill: a trainer running several crews keeps each; "drill",
 * from before, is read too).  A scenario that was being answered starts
 * again from its first question. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_drill.h"

#define PREFIX "drill"

int
dr_pause(struct tui *t, struct drill_ui *d)
{
	json_t *o = json_object(), *tr = json_array(), *order = json_array();
	struct cs_err err = { 0 };
	char *body;
	size_t i;
	int rc = -1, k;

	for (k = 0; k < d->n_tr; k++)
		json_array_append_new(tr, json_pack("{s:I, s:s, s:s, s:i, s:i}", "id",
		                      (json_int_t)d->tr[k].id, "badge", d->tr[k].badge, "name",
		                      d->tr[k].name, "right", d->tr[k].right, "asked", d->tr[k].asked));
	for (i = 0; i < d->n_order; i++)
		json_array_append_new(order, json_integer((json_int_t)d->order[i]));
	json_object_set_new(o, "policy", json_string(d->p->id));
	json_object_set_new(o, "quiz", json_boolean(d->quiz));
	json_object_set_new(o, "session", json_string(d->session));
	json_object_set_new(o, "pos", json_integer((json_int_t)(d->step == DR_RESULT ||
	                    d->step == DR_QUIZ_RESULT ? d->pos + 1 : d->pos)));
	json_object_set_new(o, "trainees", tr);
	json_object_set_new(o, "order", order);
	body = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (d->slot[0] == '\0' &&
	    app_draft_new_slot(t->app, &t->me, PREFIX, d->slot, sizeof d->slot, &err) != CS_OK)
		d->slot[0] = '\0';
	if (body != NULL && d->slot[0] != '\0' &&
	    app_draft_save(t->app, &t->me, d->slot, body, &err) == CS_OK)
		rc = 0;
	else
		tui_say(t, true, "The drill could not be paused: %s", err.msg);
	free(body);
	return rc;
}

static json_t *
load(struct tui *t, const char *slot)
{
	struct cs_err err = { 0 };
	char *body = NULL;
	json_t *o = NULL;

	if (app_draft_load(t->app, &t->me, slot, &body, NULL, &err) == CS_OK)
		o = json_loads(body, 0, NULL);
	free(body);
	return o;
}

/* "bsofr drill of 3 (M1, M2, M3), stopped before scenario 2 of 9." */
static void
describe(char *what, size_t len, const char *policy, bool quiz, json_t *tr, size_t pos,
         size_t n)
{
	char who[200] = "";
	const char *badge;
	size_t i, off = 0;
	json_t *v;

	json_array_foreach(tr, i, v)
		if (json_unpack(v, "{s:s}", "badge", &badge) == 0 && off < sizeof who)
			off += (size_t)snprintf(who + off, sizeof who - off, "%s%s", i ? ", " : "", badge);
	snprintf(what, len, "%s %s of %zu (%s), stopped before %s %zu of %zu.", policy,
	         quiz ? "quiz" : "drill", json_array_size(tr), who, quiz ? "quiz item" : "scenario",
	         pos + 1, n);
}

static int
keep_paused(void *ctx, const char *slot, const char *body, int64_t at)
{
	struct drill_ui *d = ctx;
	json_t *o = json_loads(body, 0, NULL), *tr = NULL, *order = NULL;
	const char *policy = NULL;
	json_int_t pos = 0;
	int quiz = 0, i = d->n_paused;

	(void)at;
	if (i < DR_PAUSED_MAX && o != NULL &&
	    json_unpack(o, "{s:s, s:b, s:I, s:o, s:o}", "policy", &policy, "quiz", &quiz, "pos",
	                &pos, "trainees", &tr, "order", &order) == 0) {
		snprintf(d->paused[i].slot, sizeof d->paused[i].slot, "%s", slot);
		describe(d->paused[i].what, sizeof d->paused[i].what, policy, quiz != 0, tr,
		         (size_t)pos, json_array_size(order));
		d->n_paused++;
	}
	json_decref(o);
	return 0;
}

bool
dr_paused(struct tui *t, struct drill_ui *d)
{
	struct cs_err err = { 0 };

	d->n_paused = 0;
	if (app_draft_list(t->app, &t->me, PREFIX, keep_paused, d, &err) != CS_OK)
		tui_say(t, true, "The paused drills cannot be read: %s", err.msg);
	if (d->psel >= d->n_paused)
		d->psel = d->n_paused > 0 ? d->n_paused - 1 : 0;
	return d->n_paused > 0;
}

void
dr_drop_paused(struct tui *t, const char *slot)
{
	struct cs_err err = { 0 };

	if (slot[0] != '\0' && app_draft_delete(t->app, &t->me, slot, &err) != CS_OK)
		tui_say(t, true, "The paused drill could not be dropped: %s", err.msg);
}

static void
take_trainee(struct dr_trainee *tr, json_t *v)
{
	const char *badge = "", *name = "";
	json_int_t id = 0;

	memset(tr, 0, sizeof *tr);
	json_unpack(v, "{s:I, s:s, s:s, s:i, s:i}", "id", &id, "badge", &badge, "name", &name,
	            "right", &tr->right, "asked", &tr->asked);
	tr->id = id;
	snprintf(tr->badge, sizeof tr->badge, "%s", badge);
	snprintf(tr->name, sizeof tr->name, "%s", name);
}

int
dr_resume(struct tui *t, struct drill_ui *d, int which)
{
	json_t *o = load(t, d->paused[which].slot), *tr = NULL, *order = NULL, *v;
	const char *policy = "", *session = "";
	json_int_t pos = 0;
	int quiz = 0, rc = -1;
	size_t i;

	if (o == NULL || json_unpack(o, "{s:s, s:b, s:s, s:I, s:o, s:o}", "policy", &policy, "quiz",
	                             &quiz, "session", &session, "pos", &pos, "trainees", &tr,
	                             "order", &order) != 0 ||
	    (d->p = policy_set_find(&t->app->policies, policy)) == NULL) {
		tui_say(t, true, "The paused drill cannot be resumed (its policy is gone).");
		json_decref(o);
		return -1;
	}
	d->quiz = quiz != 0;
	snprintf(d->session, sizeof d->session, "%s", session);
	d->n_tr = 0;
	json_array_foreach(tr, i, v)
		if (d->n_tr < DR_MAX_TRAINEES)
			take_trainee(&d->tr[d->n_tr++], v);
	d->n_order = 0;
	json_array_foreach(order, i, v)
		if (d->n_order < DR_MAX_ITEMS &&
		    (size_t)json_integer_value(v) < (d->quiz ? d->p->n_quiz : d->p->n_scenarios))
			d->order[d->n_order++] = (size_t)json_integer_value(v);
	d->pos = (size_t)pos;
	d->cur_tr = d->cur_q = 0;
	d->step = d->pos >= d->n_order ? DR_DONE : d->quiz ? DR_QUIZ : DR_ANSWER;
	if (d->n_tr > 0)
		rc = 0;
	json_decref(o);
	/* It is running again: paused again, it goes back to its own slot. */
	snprintf(d->slot, sizeof d->slot, "%s", d->paused[which].slot);
	dr_drop_paused(t, d->slot);
	return rc;
}
