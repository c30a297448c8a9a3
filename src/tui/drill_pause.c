/* drill_pause.c - a drill paused and resumed later: the session (policy,
 * mode, trainees, the order of items, where it stopped and the scores so
 * far) kept as JSON in the trainer's "drill" draft.  A scenario that was
 * being answered starts again from its first question. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_drill.h"

#define SLOT "drill"

int
dr_pause(struct tui *t, const struct drill_ui *d)
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
	if (body != NULL && app_draft_save(t->app, &t->me, SLOT, body, &err) == CS_OK)
		rc = 0;
	else
		tui_say(t, true, "The drill could not be paused: %s", err.msg);
	free(body);
	return rc;
}

static json_t *
load(struct tui *t)
{
	struct cs_err err = { 0 };
	char *body = NULL;
	json_t *o = NULL;

	if (app_draft_load(t->app, &t->me, SLOT, &body, NULL, &err) == CS_OK)
		o = json_loads(body, 0, NULL);
	free(body);
	return o;
}

/* "bsofr drill of 3 (M1, M2, M3), stopped before scenario 2 of 9." */
static void
describe(struct drill_ui *d, const char *policy, bool quiz, json_t *tr, size_t pos, size_t n)
{
	char who[200] = "";
	const char *badge;
	size_t i, len = 0;
	json_t *v;

	json_array_foreach(tr, i, v)
		if (json_unpack(v, "{s:s}", "badge", &badge) == 0 && len < sizeof who)
			len += (size_t)snprintf(who + len, sizeof who - len, "%s%s", i ? ", " : "", badge);
	snprintf(d->paused_what, sizeof d->paused_what,
	         "%s %s of %zu (%s), stopped before %s %zu of %zu.", policy, quiz ? "quiz" : "drill",
	         json_array_size(tr), who, quiz ? "quiz item" : "scenario", pos + 1, n);
}

bool
dr_paused(struct tui *t, struct drill_ui *d)
{
	json_t *o = load(t);
	const char *policy = NULL;
	json_int_t pos = 0;
	int quiz = 0;
	json_t *tr = NULL, *order = NULL;

	if (o == NULL)
		return false;
	if (json_unpack(o, "{s:s, s:b, s:I, s:o, s:o}", "policy", &policy, "quiz", &quiz, "pos",
	                &pos, "trainees", &tr, "order", &order) == 0)
		describe(d, policy, quiz != 0, tr, (size_t)pos, json_array_size(order));
	json_decref(o);
	return d->paused_what[0] != '\0';
}

void
dr_drop_paused(struct tui *t)
{
	struct cs_err err = { 0 };

	if (app_draft_delete(t->app, &t->me, SLOT, &err) != CS_OK)
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
dr_resume(struct tui *t, struct drill_ui *d)
{
	json_t *o = load(t), *tr = NULL, *order = NULL, *v;
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
	dr_drop_paused(t);
	return rc;
}
