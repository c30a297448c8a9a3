/* survey_entry.c - typing in a satisfaction survey response from a
 * comment card or a callback: the contact it is about (or none, then
 * the policy), how it came, each question's answer (1-5, or yes / no;
 * a question left blank was not answered), the customer's comment;
 * save.  For whom the permission table lets enter responses. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_measures.h"
#include "tui_measures.h"
#include "tui_screens.h"

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
	return TUI_REDRAW;
}

static int
k_source(struct tui *t, int ch)
{
	struct sv *s = tui_state(t);

	(void)ch;
	s->source = s->source == SURVEY_CARD ? SURVEY_CALLBACK : SURVEY_CARD;
	return TUI_REDRAW;
}

static int
comment_done(struct tui *t, void *ctx, const char *text)
{
	struct sv *s = ctx;

	(void)t;
	snprintf(s->comment, sizeof s->comment, "%s", text);
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
	tui_say(t, false, "Response %lld saved (%zu answers%s).", (long long)s->id, r.n_answers,
	        r.comment != NULL ? ", a comment" : "");
	return TUI_REDRAW;
}

static int
k_back(struct tui *t, int ch)
{
	(void)t;
	(void)ch;
	return TUI_BACK;
}

static bool
choosing(struct tui *t)
{
	return ((struct sv *)tui_state(t))->step == SV_POLICY;
}

static bool
in_form(struct tui *t)
{
	return ((struct sv *)tui_state(t))->step == SV_FORM;
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
	{ 'q', 0, "Esc", "back", "back to home (q too; an unsaved response is dropped)", -1,
	  NULL, k_back, NULL },
	{ .name = NULL },
};

static void
sv_draw(struct tui *t)
{
	struct sv *s = tui_state(t);
	size_t i, n = n_rows(t, s), rows = (size_t)(LINES - 8);
	char head[200], ans[16];

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
		snprintf(head, sizeof head, "%-7s %s", ans, q->text);
		tui_mrow(t, 2 + (int)(i - s->top), i == s->sel, head, q->id);
	}
	if (n == 0)
		tui_text(3, 1, COLS - 2, "This policy has no survey questions.", 0);
	tui_text(LINES - 5, 1, 9, "Comment:", A_BOLD);
	tui_wrap(LINES - 5, 10, COLS - 11, 2, s->comment[0] ? s->comment : "none (c to add one)",
	         0);
	tui_keybar(t);
}

static const struct tui_screen sv_screen = {
	.title = "Survey response", .keys = sv_keys, .draw = sv_draw, .key = sv_key,
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
	if (t->app->policies.n == 1)
		start_form(s, t->app->policies.items[0]);
	tui_prompt(t, &spec, contact_done, s);
}
