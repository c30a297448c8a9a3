/* survey_entry.c - typing in a satisfaction survey response from a
 * comment card or a callback: the contact it is about (or none, then
 * the policy), how it came, each question's answer (1-5, or yes / no;
 * a question left blank was not answered), the customer's comment;
 * save.  For whom the permission table lets enter responses.  The
 * response under way is kept as a draft (slot "survey") at every
 * change: leaving it loses nothing, x drops it. */
#include <curses.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_measures.h"
#include "cslog/text.h"
#include "tui_measures.h"
#include "tui_screens.h"

#define SLOT "survey"

enum sv_step { SV_POLICY, SV_FORM, SV_SAVED };

struct sv {
	enum sv_step step;
	size_t sel, top;
	const struct policy *p;
	int64_t contact_id;
	enum survey_source source;
	int score[SURVEY_ANSWERS_MAX];    /* -1: not answered */
	char comment[SURVEY_COMMENT_MAX + 1];
	int64_t id;
	bool confirm_drop;                /* x pressed: drop the response? */
};

static size_t
n_rows(struct tui *t, const struct sv *s)
{
	return s->step == SV_POLICY ? t->app->policies.n : s->p != NULL ?
	       (s->p->n_survey < SURVEY_ANSWERS_MAX ? s->p->n_survey : SURVEY_ANSWERS_MAX) : 0;
}

static void
start_form(struct sv *s, const struct policy *p)
{
	size_t i;

	s->p = p;
	s->step = SV_FORM;
	s->sel = s->top = 0;
	for (i = 0; i < SURVEY_ANSWERS_MAX; i++)
		s->score[i] = -1;
}

/* ---- the draft ---------------------------------------------------------- */

static bool
started(const struct sv *s)
{
	size_t i;

	for (i = 0; i < SURVEY_ANSWERS_MAX; i++)
		if (s->score[i] >= 0)
			return true;
	return s->comment[0] != '\0';
}

static void
draft_save(struct tui *t, struct sv *s)
{
	struct cs_err err = { 0 };
	json_t *o = json_object(), *sc = json_array();
	char *body;
	size_t i;

	for (i = 0; i < SURVEY_ANSWERS_MAX && s->p != NULL && i < s->p->n_survey; i++)
		json_array_append_new(sc, json_pack("[s, i]", s->p->survey[i]->id, s->score[i]));
	json_object_set_new(o, "policy", json_string(s->p != NULL ? s->p->id : ""));
	json_object_set_new(o, "contact", json_integer(s->contact_id));
	json_object_set_new(o, "source", json_integer(s->source));
	json_object_set_new(o, "comment", json_string(s->comment));
	json_object_set_new(o, "scores", sc);
	body = json_dumps(o, JSON_COMPACT);
	if (body == NULL || app_draft_save(t->app, &t->me, SLOT, body, &err) != CS_OK)
		tui_say(t, true, "The response could not be kept as a draft: %s",
		        body != NULL ? err.msg : "out of memory");
	free(body);
	json_decref(o);
}

static void
draft_drop(struct tui *t)
{
	struct cs_err err = { 0 };

	if (app_draft_delete(t->app, &t->me, SLOT, &err) != CS_OK && err.code != CS_NOINPUT)
		tui_say(t, true, "The draft could not be removed: %s", err.msg);
}

static void start_form(struct sv *s, const struct policy *p);
static size_t n_rows(struct tui *t, const struct sv *s);

/* The response under way brought back (true: there was one). */
static bool
draft_load(struct tui *t, struct sv *s)
{
	struct cs_err err = { 0 };
	char *body = NULL;
	const char *id;
	json_t *o, *v;
	size_t i, j;

	if (app_draft_load(t->app, &t->me, SLOT, &body, NULL, &err) != CS_OK)
		return false;
	o = json_loads(body, 0, NULL);
	free(body);
	id = o != NULL ? json_string_value(json_object_get(o, "policy")) : NULL;
	if (id == NULL || policy_set_find(&t->app->policies, id) == NULL) {
		tui_say(t, true, "An unfinished survey response could not be brought back (its"
		        " policy is no longer loaded); it is dropped.");
		draft_drop(t);
		json_decref(o);
		return false;
	}
	start_form(s, policy_set_find(&t->app->policies, id));
	s->contact_id = (int64_t)json_integer_value(json_object_get(o, "contact"));
	s->source = json_integer_value(json_object_get(o, "source")) == SURVEY_CALLBACK ?
	            SURVEY_CALLBACK : SURVEY_CARD;
	id = json_string_value(json_object_get(o, "comment"));
	snprintf(s->comment, sizeof s->comment, "%s", id != NULL ? id : "");
	json_array_foreach(json_object_get(o, "scores"), i, v) {
		id = json_string_value(json_array_get(v, 0));
		for (j = 0; id != NULL && j < SURVEY_ANSWERS_MAX && j < s->p->n_survey; j++)
			if (strcmp(s->p->survey[j]->id, id) == 0)
				s->score[j] = (int)json_integer_value(json_array_get(v, 1));
	}
	json_decref(o);
	for (s->sel = 0; s->sel + 1 < n_rows(t, s) && s->score[s->sel] >= 0; s->sel++)
		;
	tui_say(t, false, "Your unfinished survey response is back, as you left it (x drops it).");
	return true;
}

/* ---- choosing ------------------------------------------------------------ */

/* The contact asked for first: its policy is the response's. */
static int
contact_done(struct tui *t, void *ctx, const char *text)
{
	struct sv *s = ctx;
	struct contact c = { 0 };
	struct cs_err err = { 0 };
	char *end = NULL;
	long long id;

	if (text[strspn(text, " ")] == '\0')
		return 0;   /* no contact: the policy is asked */
	id = strtoll(text, &end, 10);
	if (id <= 0 || *end != '\0') {
		tui_say(t, true, "A contact number (as in the review queue), or nothing.");
		return 1;
	}
	if (app_contact_get(t->app, &t->me, (int64_t)id, false, &c, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return 1;
	}
	s->contact_id = (int64_t)id;
	if (policy_set_find(&t->app->policies, c.policy_id) != NULL)
		start_form(s, policy_set_find(&t->app->policies, c.policy_id));
	record_contact_clear(&c);
	return 0;
}

static int
k_move(struct tui *t, int ch)
{
	struct sv *s = tui_state(t);

	if ((ch == KEY_DOWN || ch == 'j') && s->sel + 1 < n_rows(t, s))
		s->sel++;
	else if ((ch == KEY_UP || ch == 'k') && s->sel > 0)
		s->sel--;
	return TUI_REDRAW;
}

static int
k_choose(struct tui *t, int ch)
{
	struct sv *s = tui_state(t);

	(void)ch;
	start_form(s, t->app->policies.items[s->sel]);
	return TUI_REDRAW;
}

static int
sv_key(struct tui *t, int ch, bool fk)
{
	struct sv *s = tui_state(t);
	const struct survey_question *q;

	if (s->step != SV_FORM || fk || n_rows(t, s) == 0)
		return TUI_STAY;
	if (s->confirm_drop) {   /* x asked: y drops the response, n keeps it */
		if (ch != 'y' && ch != 'n')
			return TUI_STAY;
		s->confirm_drop = false;
		if (ch == 'n')
			return TUI_REDRAW;
		draft_drop(t);
		tui_say(t, false, "The survey response was dropped.");
		return TUI_BACK;
	}
	q = s->p->survey[s->sel];
	if (q->scale == SCALE_1_5 && ch >= '1' && ch <= '5')
		s->score[s->sel] = ch - '0';
	else if (q->scale == SCALE_YES_NO && (ch == 'y' || ch == 'n'))
		s->score[s->sel] = ch == 'y';
	else if (ch == '-' || ch == ' ')
		s->score[s->sel] = -1;
	else
		return TUI_STAY;
	if (ch != '-' && ch != ' ' && s->sel + 1 < n_rows(t, s))
		s->sel++;
	draft_save(t, s);
	return TUI_REDRAW;
}

static int
k_source(struct tui *t, int ch)
{
	struct sv *s = tui_state(t);

	(void)ch;
	s->source = s->source == SURVEY_CARD ? SURVEY_CALLBACK : SURVEY_CARD;
	if (started(s))
		draft_save(t, s);
	return TUI_REDRAW;
}

static int
comment_done(struct tui *t, void *ctx, const char *text)
{
	struct sv *s = ctx;

	snprintf(s->comment, sizeof s->comment, "%s", text);
	draft_save(t, s);
	return 0;
}

static int
k_comment(struct tui *t, int ch)
{
	static const struct tui_prompt_spec spec = {
		"Survey response", "The customer's comment, in their words (may be left empty):",
		NULL, SURVEY_COMMENT_MAX, true, false,
	};
	struct sv *s = tui_state(t);
	struct tui_prompt_spec sp = spec;

	(void)ch;
	sp.initial = s->comment;
	tui_prompt(t, &sp, comment_done, s);
	return TUI_REDRAW;
}

static int
k_save(struct tui *t, int ch)
{
	struct sv *s = tui_state(t);
	struct survey_response r;
	struct cs_err err = { 0 };
	size_t i;

	(void)ch;
	memset(&r, 0, sizeof r);
	r.policy_id = s->p->id;
	r.contact_id = s->contact_id;
	r.source = s->source;
	r.comment = s->comment[0] ? s->comment : NULL;
	for (i = 0; i < n_rows(t, s); i++)
		if (s->score[i] >= 0)
			r.answers[r.n_answers++] = (struct survey_answer){ s->p->survey[i]->id,
			                                                   s->p->survey[i]->scale,
			                                                   s->score[i] };
	if (r.n_answers == 0) {
		tui_say(t, true, "Answer at least one question.");
		return TUI_REDRAW;
	}
	if (app_survey_add(t->app, &t->me, &r, &s->id, &err) != CS_OK) {
		tui_say(t, true, "Not saved: %s", err.msg);
		return TUI_REDRAW;
	}
	s->step = SV_SAVED;
	draft_drop(t);
	tui_say(t, false, "Response %lld saved (%zu answers%s).", (long long)s->id, r.n_answers,
	        r.comment != NULL ? ", a comment" : "");
	return TUI_REDRAW;
}

/* Back: a response under way home, kept as a draft. */
static int
k_back(struct tui *t, int ch)
{
	struct sv *s = tui_state(t);

	(void)ch;
	if (s->confirm_drop) {
		s->confirm_drop = false;
		return TUI_REDRAW;
	}
	if (s->step == SV_FORM && started(s))
		tui_say(t, false, "The survey response is kept: u brings it back.");
	return TUI_BACK;
}

static int
sv_esc(struct tui *t)
{
	return k_back(t, TUI_ESC);
}

static int
k_drop(struct tui *t, int ch)
{
	(void)ch;
	((struct sv *)tui_state(t))->confirm_drop = true;
	return TUI_REDRAW;
}

static bool
choosing(struct tui *t)
{
	return ((struct sv *)tui_state(t))->step == SV_POLICY;
}

static bool
in_form(struct tui *t)
{
	struct sv *s = tui_state(t);

	return s->step == SV_FORM && !s->confirm_drop;
}

static bool
confirming(struct tui *t)
{
	return ((struct sv *)tui_state(t))->confirm_drop;
}

static bool
droppable(struct tui *t)
{
	return in_form(t) && started(tui_state(t));
}

static const struct tui_key sv_keys[] = {
	{ TUI_FKEY(KEY_DOWN), 'j', "Up/Down", NULL, "choose a policy or a question", -1, NULL,
	  k_move, NULL },
	{ TUI_FKEY(KEY_UP), 'k', "Up", NULL, NULL, -1, NULL, k_move, NULL },
	{ '\r', TUI_FKEY(KEY_ENTER), "Enter", "choose", "take the policy chosen", -1, choosing,
	  k_choose, NULL },
	{ 0, 0, "1-5 y n", "answer", "the answer: 1 (very dissatisfied) to 5 (very satisfied),"
	  " or y / n; - clears it (not answered)", -1, in_form, NULL, NULL },
	{ 'h', 0, "h", "card/callback", "how it came: a comment card or a callback", -1,
	  in_form, k_source, NULL },
	{ 'c', 0, "c", "comment", "the customer's comment", -1, in_form, k_comment, NULL },
	{ 's', 0, "s", "save", "save the response", APP_SURVEY_ADD, in_form, k_save, NULL },
	{ 'x', 0, "x", "drop", "drop the response under way (it asks first)", -1, droppable,
	  k_drop, NULL },
	{ 0, 0, "y n", "drop it / keep it", "asked whether to drop it: y drops the response,"
	  " n (or Esc) keeps it", -1, confirming, NULL, NULL },
	{ 'q', 0, "Esc", "back", "back to home (q too); a response under way is kept as it is,"
	  " and u brings it back", -1, NULL, k_back, NULL },
	{ .name = NULL },
};

/* The bottom of the form, up from the status line: the comment (as many
 * rows as it needs, up to COMMENT_ROWS; a longer one is said, c shows it
 * whole), the question to drop it, the question chosen, whole. */
#define COMMENT_ROWS 4

static void
draw_bottom(struct tui *t, struct sv *s, int crows, int qrows)
{
	char line[120];
	int y = LINES - 2 - crows;

	tui_text(y, 1, 9, "Comment:", A_BOLD);
	if (s->comment[0] == '\0') {
		tui_text(y, 10, COLS - 11, "none (c to add one)", 0);
	} else if (tui_wrap_rows(COLS - 11, s->comment) > COMMENT_ROWS) {
		snprintf(line, sizeof line, "%d characters, more than the screen holds: c shows it"
		         " whole", text_width(s->comment));
		tui_wrap(y, 10, COLS - 11, crows, line, tui_attr(t, PAIR_DIM));
	} else {
		tui_wrap(y, 10, COLS - 11, crows, s->comment, 0);
	}
	if (s->confirm_drop)
		tui_text(y - 1, 1, COLS - 2, "Drop this survey response?  y drops it, n keeps it.",
		         A_BOLD);
	if (qrows > 0)
		tui_wrap(y - 2 - qrows, 1, COLS - 2, qrows, s->p->survey[s->sel]->text, 0);
}

static void
sv_draw(struct tui *t)
{
	struct sv *s = tui_state(t);
	size_t i, n = n_rows(t, s), rows = (size_t)(LINES - 5);
	char head[200], ans[16];
	int qrows = 0, crows = 1;

	tui_title(t, "cslog — survey response", s->step == SV_SAVED ? "saved" : NULL);
	if (s->step == SV_POLICY) {
		tui_text(1, 1, COLS - 2, "Which policy is the response under?", A_BOLD);
		tui_mscroll(n, rows, &s->sel, &s->top);
		for (i = s->top; i < n && i < s->top + rows; i++)
			tui_mrow(t, 2 + (int)(i - s->top), i == s->sel,
			         t->app->policies.items[i]->name, t->app->policies.items[i]->id);
		tui_keybar(t);
		return;
	}
	if (n > 0) {
		s->sel = s->sel < n ? s->sel : n - 1;
		qrows = tui_wrap_rows(COLS - 2, s->p->survey[s->sel]->text);
		qrows = qrows > 3 ? 3 : qrows;
	}
	if (s->comment[0] != '\0') {
		crows = tui_wrap_rows(COLS - 11, s->comment);
		crows = crows > COMMENT_ROWS ? 1 : crows;
	}
	rows = (size_t)(LINES - 7 - crows - qrows);
	if (s->contact_id != 0)
		snprintf(head, sizeof head, "About contact #%lld · %s · from a %s",
		         (long long)s->contact_id, s->p->id, s->source == SURVEY_CARD ?
		         "comment card" : "callback");
	else
		snprintf(head, sizeof head, "No contact · %s · from a %s", s->p->id,
		         s->source == SURVEY_CARD ? "comment card" : "callback");
	tui_text(1, 1, COLS - 2, head, A_BOLD);
	tui_mscroll(n, rows, &s->sel, &s->top);
	for (i = s->top; i < n && i < s->top + rows; i++) {
		const struct survey_question *q = s->p->survey[i];

		if (s->score[i] < 0)
			snprintf(ans, sizeof ans, "·");
		else if (q->scale == SCALE_YES_NO)
			snprintf(ans, sizeof ans, "%s", s->score[i] ? "yes" : "no");
		else
			snprintf(ans, sizeof ans, "%d of 5", s->score[i]);
		/* padded by columns: "·" is one column of two bytes */
		snprintf(head, sizeof head, "%-*s %s", 7 + (int)strlen(ans) - text_width(ans), ans,
		         q->text);
		tui_mrow(t, 2 + (int)(i - s->top), i == s->sel, head, q->id);
	}
	if (n == 0)
		tui_text(3, 1, COLS - 2, "This policy has no survey questions.", 0);
	draw_bottom(t, s, crows, qrows);
	tui_keybar(t);
}

static const struct tui_screen sv_screen = {
	.title = "Survey response", .keys = sv_keys, .draw = sv_draw, .key = sv_key,
	.esc = sv_esc,
};

void
tui_open_survey_entry(struct tui *t)
{
	static const struct tui_prompt_spec spec = {
		"Survey response", "The contact the card or callback is about (its number; "
		"empty: none):", NULL, 24, false, false,
	};
	struct sv *s = calloc(1, sizeof *s);

	if (s == NULL)
		return;
	s->step = SV_POLICY;
	s->source = SURVEY_CARD;
	tui_push(t, &sv_screen, s);
	if (draft_load(t, s))
		return;
	if (t->app->policies.n == 1)
		start_form(s, t->app->policies.items[0]);
	tui_prompt(t, &spec, contact_done, s);
}
