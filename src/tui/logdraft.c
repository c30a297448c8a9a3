/* logdraft.c - the contact form saved as the member's draft, as JSON. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "tui_log.h"

static json_t *
draft_json(const struct logform *lf)
{
	json_t *o = json_object(), *hist = json_array(), *std = json_array();
	char ans[POLICY_MAX_QUESTIONS + 1];
	size_t i;

	for (i = 0; i < (size_t)lf->n_hist; i++)
		json_array_append_new(hist, json_integer(lf->hist[i]));
	for (i = 0; i < lf->p->n_standards && i < LOG_STD_MAX; i++) {
		if (lf->std_on[i])
			json_array_append_new(std, json_string(lf->p->standards[i].id));
	}
	for (i = 0; i < lf->p->n_questions; i++)
		ans[i] = lf->ans[i] == ANSWER_YES ? 'y' : lf->ans[i] == ANSWER_NO ? 'n' : '-';
	ans[i] = '\0';
	json_object_set_new(o, "step", json_integer(lf->step));
	json_object_set_new(o, "hist", hist);
	json_object_set_new(o, "q", json_integer((json_int_t)lf->q));
	json_object_set_new(o, "policy", json_string(lf->p->id));
	json_object_set_new(o, "kind", json_string(lf->p->kinds[lf->kind].id));
	json_object_set_new(o, "channel", json_string(lf->p->channels[lf->chan].id));
	json_object_set_new(o, "outcome", json_string(lf->p->outcomes[lf->out].id));
	json_object_set_new(o, "summary", json_string(lf->summary.text));
	json_object_set_new(o, "added", json_string(lf->added.text));
	json_object_set_new(o, "due", json_string(lf->due.text));
	json_object_set_new(o, "referral", json_string(lf->referral.text));
	json_object_set_new(o, "decision", json_string(lf->decision.text));
	json_object_set_new(o, "appeal", json_string(lf->appeal.text));
	json_object_set_new(o, "promise", json_string(lf->promise.text));
	json_object_set_new(o, "callback", json_string(lf->callback.text));
	json_object_set_new(o, "needs", json_integer(lf->needs));
	json_object_set_new(o, "contacted", json_integer(lf->contacted));
	json_object_set_new(o, "has_added", json_boolean(lf->has_added));
	json_object_set_new(o, "has_followup", json_boolean(lf->has_followup));
	json_object_set_new(o, "answers", json_string(ans));
	json_object_set_new(o, "standards", std);
	json_object_set_new(o, "call", json_string(lf->call_ref));
	return o;
}

void
log_draft_save(struct tui *t, struct logform *lf)
{
	struct cs_err err = { 0 };
	json_t *o = draft_json(lf);
	char *body = o ? json_dumps(o, JSON_COMPACT) : NULL;

	lf->draft_dirty = false;
	if (body == NULL)
		tui_say(t, true, "The draft could not be saved: out of memory");
	else if (app_draft_save(t->app, &t->me, lf->slot, body, &err) != CS_OK) {
		/* Busy (an import writes): the form holds it; saved again soon. */
		lf->draft_dirty = err.code == CS_TEMPFAIL;
		if (lf->draft_dirty && lf->save_pending)
			;   /* the save's own message says more */
		else if (lf->draft_dirty && app_is_server(t->app))
			tui_say(t, true, "%s — the draft is kept here meanwhile (and on this"
			        " terminal if you leave the form).", err.msg);
		else if (lf->draft_dirty)
			tui_say(t, false, "The log is busy (an import?): the draft is kept here"
			        " meanwhile.");
		else
			tui_say(t, true, "The draft could not be saved: %s", err.msg);
	}
	free(body);
	json_decref(o);
}

void
log_draft_spool(struct tui *t, struct logform *lf)
{
	struct cs_err err = { 0 };
	json_t *o = draft_json(lf);
	char *body = o ? json_dumps(o, JSON_COMPACT) : NULL;

	if (body == NULL || app_spool_draft_put(t->app, &t->me, lf->slot, body, &err) != CS_OK)
		tui_say(t, true, "The unfinished contact could not be kept: %s",
		        body == NULL ? "out of memory" : err.msg);
	else
		tui_say(t, true, "The server did not answer: the unfinished contact is kept on this"
		        " terminal, and goes back to the server when it answers.");
	lf->draft_dirty = false;
	free(body);
	json_decref(o);
}

void
log_draft_drop(struct tui *t, struct logform *lf)
{
	struct cs_err err = { 0 };

	if (app_draft_delete(t->app, &t->me, lf->slot, &err) != CS_OK)
		tui_say(t, true, "The draft could not be removed: %s", err.msg);
}

/* Index of id in a list of items, or 0. */
static size_t
find_item(const struct policy_item *it, size_t n, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < n; i++) {
		if (strcmp(it[i].id, id) == 0)
			return i;
	}
	return 0;
}

static const char *
str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static void
restore_choices(struct logform *lf, json_t *o)
{
	const char *ans = str(o, "answers"), *out = str(o, "outcome");
	json_t *v;
	size_t i, j;

	lf->kind = find_item(lf->p->kinds, lf->p->n_kinds, str(o, "kind"));
	lf->chan = find_item(lf->p->channels, lf->p->n_channels, str(o, "channel"));
	for (i = 0; i < lf->p->n_outcomes; i++) {
		if (strcmp(lf->p->outcomes[i].id, out) == 0)
			lf->out = i;
	}
	for (i = 0; i < lf->p->n_questions && ans[i]; i++)
		lf->ans[i] = ans[i] == 'y' ? ANSWER_YES : ans[i] == 'n' ? ANSWER_NO : ANSWER_UNSET;
	json_array_foreach(json_object_get(o, "standards"), i, v) {
		for (j = 0; j < lf->p->n_standards && j < LOG_STD_MAX; j++) {
			if (json_is_string(v) && strcmp(json_string_value(v), lf->p->standards[j].id) == 0)
				lf->std_on[j] = true;
		}
	}
}

static bool
restore_steps(struct logform *lf, json_t *o)
{
	json_t *v;
	size_t i;
	json_int_t s = json_integer_value(json_object_get(o, "step"));

	if (s < 0 || s >= S_COUNT || s == S_SAVED)
		return false;
	lf->step = (enum log_step)s;
	lf->q = (size_t)json_integer_value(json_object_get(o, "q"));
	if (lf->q >= lf->p->n_questions)
		lf->q = 0;
	json_array_foreach(json_object_get(o, "hist"), i, v) {
		s = json_integer_value(v);
		if (lf->n_hist < LOG_HIST && s >= 0 && s < S_COUNT && s != S_SAVED)
			lf->hist[lf->n_hist++] = (enum log_step)s;
	}
	return true;
}

bool
log_draft_load(struct tui *t, struct logform *lf)
{
	struct cs_err err = { 0 };
	char *body = NULL;
	json_t *o;
	bool ok = false;

	if (app_draft_load(t->app, &t->me, lf->slot, &body, NULL, &err) != CS_OK)
		return false;
	o = json_loads(body, 0, NULL);
	free(body);
	lf->p = o ? policy_set_find(&t->app->policies, str(o, "policy")) : NULL;
	if (lf->p != NULL && restore_steps(lf, o)) {
		restore_choices(lf, o);
		tui_field_set(&lf->summary, str(o, "summary"));
		tui_field_set(&lf->added, str(o, "added"));
		tui_field_set(&lf->due, str(o, "due"));
		tui_field_set(&lf->referral, str(o, "referral"));
		tui_field_set(&lf->decision, str(o, "decision"));
		tui_field_set(&lf->appeal, str(o, "appeal"));
		tui_field_set(&lf->promise, str(o, "promise"));
		tui_field_set(&lf->callback, str(o, "callback"));
		lf->needs = (enum record_tri)json_integer_value(json_object_get(o, "needs"));
		lf->contacted = (enum record_tri)json_integer_value(json_object_get(o, "contacted"));
		lf->has_added = json_is_true(json_object_get(o, "has_added"));
		lf->has_followup = json_is_true(json_object_get(o, "has_followup"));
		snprintf(lf->call_ref, sizeof lf->call_ref, "%s", str(o, "call"));
		tui_say(t, false, "Your unfinished contact is back, as you left it.");
		ok = true;
	}
	json_decref(o);
	return ok;
}

void
log_draft_summary(const char *body, char *buf, size_t len)
{
	json_t *o = json_loads(body != NULL ? body : "", 0, NULL);

	snprintf(buf, len, "%s", o != NULL ? str(o, "summary") : "");
	json_decref(o);
}
