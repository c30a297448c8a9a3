/* evaluate_draft.c - the secret-shopper evaluation under way, kept as
 * the evaluator's draft (JSON, slot "evaluation") at every change, and
 * brought back when the form is opened again. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_evaluate.h"

#define SLOT "evaluation"

static json_t *
draft_json(const struct ev *s)
{
	json_t *o = json_object(), *items = json_array(), *it;
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (!s->answered[i])
			continue;
		it = json_object();
		json_object_set_new(it, "id", json_string(s->slots[i].id));
		json_object_set_new(it, "result", json_string(eval_result_name(s->items[i].result)));
		json_object_set_new(it, "value", json_integer(s->items[i].value));
		json_array_append_new(items, it);
	}
	json_object_set_new(o, "policy", json_string(s->p->id));
	json_object_set_new(o, "channel", json_string(s->channel));
	json_object_set_new(o, "member", json_integer(s->member_id));
	json_object_set_new(o, "who", json_string(s->who));
	json_object_set_new(o, "unit", json_string(s->unit));
	json_object_set_new(o, "note", json_string(s->note));
	json_object_set_new(o, "at", json_integer(s->at));
	json_object_set_new(o, "items", items);
	return o;
}

void
ev_draft_save(struct tui *t, struct ev *s)
{
	struct cs_err err = { 0 };
	json_t *o;
	char *body;

	if (s->step != EV_ITEMS || s->p == NULL)
		return;
	o = draft_json(s);
	body = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;
	if (body == NULL || app_draft_save(t->app, &t->me, SLOT, body, &err) != CS_OK)
		tui_say(t, true, "The evaluation could not be kept as a draft: %s",
		        body != NULL ? err.msg : "out of memory");
	free(body);
	json_decref(o);
}

void
ev_draft_drop(struct tui *t)
{
	struct cs_err err = { 0 };

	if (app_draft_delete(t->app, &t->me, SLOT, &err) != CS_OK && err.code != CS_NOINPUT)
		tui_say(t, true, "The draft could not be removed: %s", err.msg);
}

static const char *
str(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v != NULL ? v : "";
}

/* The answers kept, onto the form's items of the same id. */
static void
restore_items(struct ev *s, json_t *items)
{
	json_t *it;
	size_t i, j;
	int r;

	json_array_foreach(items, i, it) {
		r = eval_result_parse(str(it, "result"));
		for (j = 0; r >= 0 && j < s->n; j++) {
			if (strcmp(s->slots[j].id, str(it, "id")) != 0)
				continue;
			s->items[j] = (struct shopper_item){ s->slots[j].id, false,
			    (enum eval_result)r, (long)json_integer_value(json_object_get(it, "value")) };
			s->answered[j] = true;
		}
	}
}

bool
ev_draft_load(struct tui *t, struct ev *s)
{
	struct cs_err err = { 0 };
	char *body = NULL;
	json_t *o;
	size_t i;
	bool ok = false;

	if (app_draft_load(t->app, &t->me, SLOT, &body, NULL, &err) != CS_OK)
		return false;
	o = json_loads(body, 0, NULL);
	free(body);
	s->p = o != NULL ? policy_set_find(&t->app->policies, str(o, "policy")) : NULL;
	s->channel = NULL;
	for (i = 0; s->p != NULL && i < s->p->n_channels; i++)
		if (strcmp(s->p->channels[i].id, str(o, "channel")) == 0)
			s->channel = s->p->channels[i].id;
	if (s->channel != NULL && ev_make_form(t, s)) {
		s->member_id = (int64_t)json_integer_value(json_object_get(o, "member"));
		snprintf(s->who, sizeof s->who, "%s", str(o, "who"));
		snprintf(s->unit, sizeof s->unit, "%s", str(o, "unit"));
		snprintf(s->note, sizeof s->note, "%s", str(o, "note"));
		s->at = (int64_t)json_integer_value(json_object_get(o, "at"));
		restore_items(s, json_object_get(o, "items"));
		for (s->sel = 0; s->sel + 1 < s->n && s->answered[s->sel]; s->sel++)
			;
		tui_say(t, false, "Your unfinished evaluation is back, as you left it (x drops it).");
		ok = true;
	} else {
		tui_say(t, true, "An unfinished evaluation under %s could not be brought back (its"
		        " policy or channel is no longer loaded); it is dropped.",
		        o != NULL ? str(o, "policy") : "a policy");
		ev_draft_drop(t);
		s->p = NULL;
		s->channel = NULL;
	}
	json_decref(o);
	return ok;
}
