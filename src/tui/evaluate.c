/* evaluate.c - the secret-shopper evaluation form: a policy, the channel
 * of the test contact, the member evaluated (or the unit), then each
 * item of the form: a standard met, not met or not observed by eye, a
 * measured one by its value (rings, hours, yes or no), which cslog
 * judges; a note; save.  For evaluators, trainers and supervisors.  The
 * form under way is kept as a draft (evaluate_draft.c): leaving it loses
 * nothing, x drops it. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/text.h"
#include "tui_evaluate.h"
#include "tui_measures.h"
#include "tui_screens.h"

void
ev_clear_form(struct ev *s)
{
	free(s->slots);
	free(s->items);
	free(s->answered);
	s->slots = NULL;
	s->items = NULL;
	s->answered = NULL;
	s->n = 0;
}

size_t
ev_list_n(struct tui *t, const struct ev *s)
{
	return s->step == EV_POLICY ? t->app->policies.n : s->step == EV_CHANNEL ?
	       s->p->n_channels : s->n;
}

bool
ev_started(const struct ev *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->answered[i])
			return true;
	return s->step == EV_ITEMS && (s->note[0] != '\0' || s->at != 0);
}

static bool
all_answered(const struct ev *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!s->answered[i])
			return false;
	return s->n > 0;
}

/* ---- choosing ---------------------------------------------------------- */

static int
member_done(struct tui *t, void *ctx, const char *text);

static int
unit_done(struct tui *t, void *ctx, const char *text)
{
	struct ev *s = ctx;

	snprintf(s->unit, sizeof s->unit, "%s", text);
	snprintf(s->who, sizeof s->who, "%s", text[0] ? text : "not known");
	ev_draft_save(t, s);
	return 0;
}

static int
member_done(struct tui *t, void *ctx, const char *text)
{
	static const struct tui_prompt_spec unit_spec = {
		"Secret-shopper evaluation", "The unit or station evaluated (may be left empty):",
		NULL, SHOPPER_UNIT_MAX, false, false,
	};
	struct ev *s = ctx;
	struct member m = { 0 };
	struct cs_err err = { 0 };

	if (text[0] == '\0') {
		s->member_id = 0;
		tui_pop_top(t);
		tui_prompt(t, &unit_spec, unit_done, s);
		return 1;   /* this prompt is closed already */
	}
	if (app_member_find(t->app, &t->me, text, &m, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return 1;
	}
	s->member_id = m.id;
	snprintf(s->who, sizeof s->who, "%s (%s)", m.badge, m.name);
	record_member_clear(&m);
	ev_draft_save(t, s);
	return 0;
}

bool
ev_make_form(struct tui *t, struct ev *s)
{
	struct cs_err err = { 0 };
	size_t cap = eval_form_max(s->p) + 1;

	ev_clear_form(s);
	s->slots = calloc(cap, sizeof *s->slots);
	s->items = calloc(cap, sizeof *s->items);
	s->answered = calloc(cap, sizeof *s->answered);
	if (s->slots == NULL || s->items == NULL || s->answered == NULL ||
	    app_shopper_form(t->app, s->p->id, s->channel, &s->p, s->slots, cap, &s->n, &err)
	    != CS_OK) {
		tui_say(t, true, "The form cannot be made: %s", err.msg[0] ? err.msg :
		        "out of memory");
		ev_clear_form(s);
		return false;
	}
	s->step = EV_ITEMS;
	s->sel = s->top = 0;
	s->member_id = 0;
	s->unit[0] = s->note[0] = s->typed[0] = '\0';
	s->at = 0;
	snprintf(s->who, sizeof s->who, "not known");
	return true;
}

static void
load_form(struct tui *t, struct ev *s)
{
	static const struct tui_prompt_spec member_spec = {
		"Secret-shopper evaluation", "Badge of the member evaluated (empty: not known):",
		NULL, MEMBER_BADGE_MAX, false, false,
	};

	if (ev_make_form(t, s))
		tui_prompt(t, &member_spec, member_done, s);
}

static int
k_move(struct tui *t, int ch)
{
	struct ev *s = tui_state(t);
	size_t n = ev_list_n(t, s);

	if ((ch == KEY_DOWN || ch == 'j') && s->sel + 1 < n)
		s->sel++;
	else if ((ch == KEY_UP || ch == 'k') && s->sel > 0)
		s->sel--;
	s->typed[0] = '\0';
	return TUI_REDRAW;
}

static int
k_choose(struct tui *t, int ch)
{
	struct ev *s = tui_state(t);

	(void)ch;
	if (s->step == EV_POLICY) {
		s->p = t->app->policies.items[s->sel];
		s->step = EV_CHANNEL;
		s->sel = s->top = 0;
	} else if (s->step == EV_CHANNEL) {
		s->channel = s->p->channels[s->sel].id;
		load_form(t, s);
	}
	return TUI_REDRAW;
}

/* ---- answering ---------------------------------------------------------- */

static void
answer(struct tui *t, struct ev *s, enum eval_result r, long value)
{
	s->items[s->sel] = (struct shopper_item){ s->slots[s->sel].id, false, r, value };
	s->answered[s->sel] = true;
	s->typed[0] = '\0';
	if (s->sel + 1 < s->n)
		s->sel++;
	ev_draft_save(t, s);
}

static int
number(struct tui *t, struct ev *s)
{
	const struct eval_slot *sl = &s->slots[s->sel];
	char *end = NULL;
	double v = strtod(s->typed, &end);

	if (s->typed[0] == '\0' || *end != '\0' || v < 0 || v > MEASURE_VALUE_MAX ||
	    (sl->measure->type == MEASURE_COUNT && v != (double)(long)v)) {
		tui_say(t, true, "%s takes %s", sl->id, sl->measure->type == MEASURE_COUNT ?
		        "a whole count" : "hours, e.g. 3.5");
		return TUI_REDRAW;
	}
	answer(t, s, EVAL_NOT_OBSERVED, sl->measure->type == MEASURE_HOURS ?
	       (long)(v * 60.0 + 0.5) : (long)v);
	return TUI_REDRAW;
}

static int
ev_key(struct tui *t, int ch, bool fk)
{
	struct ev *s = tui_state(t);
	const struct eval_slot *sl;
	size_t len = strlen(s->typed);
	bool yes_no;

	if (s->step != EV_ITEMS || s->n == 0)
		return TUI_STAY;
	if (s->confirm_drop) {   /* x asked: y drops the evaluation, n keeps it */
		if (fk || (ch != 'y' && ch != 'n'))
			return TUI_STAY;
		s->confirm_drop = false;
		if (ch == 'n')
			return TUI_REDRAW;
		ev_draft_drop(t);
		tui_say(t, false, "The evaluation was dropped.");
		return TUI_BACK;
	}
	sl = &s->slots[s->sel];
	yes_no = eval_measured(sl) && sl->measure->type == MEASURE_YES_NO;
	if (tui_is_enter(ch, fk) && eval_measured(sl) && !yes_no)
		return number(t, s);
	if (tui_is_backspace(ch, fk) && len > 0) {
		s->typed[len - 1] = '\0';
		return TUI_REDRAW;
	}
	if (fk)
		return TUI_STAY;
	if (ch == 'o') {
		answer(t, s, EVAL_NOT_OBSERVED, -1);
	} else if (!eval_measured(sl) && (ch == 'm' || ch == 'n')) {
		answer(t, s, ch == 'm' ? EVAL_MET : EVAL_NOT_MET, -1);
	} else if (yes_no && (ch == 'y' || ch == 'n')) {
		answer(t, s, EVAL_NOT_OBSERVED, ch == 'y');
	} else if (eval_measured(sl) && !yes_no && ((ch >= '0' && ch <= '9') || ch == '.') &&
	           len + 1 < sizeof s->typed) {
		s->typed[len] = (char)ch;
		s->typed[len + 1] = '\0';
	} else {
		return TUI_STAY;
	}
	return TUI_REDRAW;
}

static int
note_done(struct tui *t, void *ctx, const char *text)
{
	struct ev *s = ctx;

	snprintf(s->note, sizeof s->note, "%s", text);
	ev_draft_save(t, s);
	return 0;
}

static int
k_note(struct tui *t, int ch)
{
	static const struct tui_prompt_spec note_spec = {
		"Secret-shopper evaluation", "A note: what the evaluator saw (may be left empty):",
		NULL, SHOPPER_NOTE_MAX, true, false,
	};
	struct ev *s = tui_state(t);
	struct tui_prompt_spec sp = note_spec;

	(void)ch;
	sp.initial = s->note;
	tui_prompt(t, &sp, note_done, s);
	return TUI_REDRAW;
}

static int
when_done(struct tui *t, void *ctx, const char *text)
{
	struct ev *s = ctx;
	struct cs_err err = { 0 };
	int64_t at = 0;

	if (text[strspn(text, " ")] != '\0' &&
	    app_time_parse(text, app_now(t->app), 0, &at, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return 1;
	}
	s->at = at;
	ev_draft_save(t, s);
	return 0;
}

static int
k_when(struct tui *t, int ch)
{
	static const struct tui_prompt_spec when_spec = {
		"Secret-shopper evaluation", "When was the test contact made? (2026-09-20 14:30,"
		" -2h; empty: now)", NULL, 40, false, false,
	};
	struct ev *s = tui_state(t);

	(void)ch;
	tui_prompt(t, &when_spec, when_done, s);
	return TUI_REDRAW;
}

static int
k_save(struct tui *t, int ch)
{
	struct ev *s = tui_state(t);
	struct shopper_eval e;
	struct cs_err err = { 0 };
	size_t i;

	(void)ch;
	for (i = 0; i < s->n; i++) {
		if (!s->answered[i]) {
			s->sel = i;
			tui_say(t, true, "Item %s is not answered yet.", s->slots[i].id);
			return TUI_REDRAW;
		}
	}
	memset(&e, 0, sizeof e);
	e.policy_id = s->p->id;
	e.channel = s->channel;
	e.member_id = s->member_id;
	e.unit = s->member_id == 0 && s->unit[0] ? s->unit : NULL;
	e.note = s->note[0] ? s->note : NULL;
	e.at = s->at;
	e.items = s->items;
	e.n_items = s->n;
	if (app_shopper_add(t->app, &t->me, &e, &s->id, &err) != CS_OK) {
		tui_say(t, true, "Not saved: %s", err.msg);
		return TUI_REDRAW;
	}
	for (i = 0, s->met = s->scored = 0; i < s->n; i++) {
		enum eval_result r = eval_measured(&s->slots[i]) && s->items[i].value >= 0 ?
		                     eval_judge(&s->slots[i], s->items[i].value) : s->items[i].result;

		s->met += r == EVAL_MET;
		s->scored += r != EVAL_NOT_OBSERVED;
	}
	s->step = EV_SAVED;
	ev_draft_drop(t);
	tui_say(t, false, "Evaluation %lld saved: %d of %d items met.", (long long)s->id, s->met,
	        s->scored);
	return TUI_REDRAW;
}

/* The index of item id in a list of n (0 when it is not there). */
static size_t
index_of(const struct policy_item *v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return i;
	return 0;
}

/* Back one step: the channel to the policy, a form with nothing on it to
 * the channel; a form under way home, kept as a draft. */
static int
k_back(struct tui *t, int ch)
{
	struct ev *s = tui_state(t);
	size_t i;

	(void)ch;
	if (s->confirm_drop) {
		s->confirm_drop = false;
		return TUI_REDRAW;
	}
	if (s->step == EV_CHANNEL && t->app->policies.n > 1) {
		for (i = 0, s->sel = 0; i < t->app->policies.n; i++)
			if (t->app->policies.items[i] == s->p)
				s->sel = i;
		s->step = EV_POLICY;
		s->top = 0;
		return TUI_REDRAW;
	}
	if (s->step == EV_ITEMS && !ev_started(s)) {
		ev_draft_drop(t);
		ev_clear_form(s);
		s->sel = index_of(s->p->channels, s->p->n_channels, s->channel);
		s->step = EV_CHANNEL;
		s->top = 0;
		return TUI_REDRAW;
	}
	if (s->step == EV_ITEMS) {
		ev_draft_save(t, s);
		tui_say(t, false, "The evaluation is kept: e brings it back.");
	}
	return TUI_BACK;
}

static int
ev_esc(struct tui *t)
{
	return k_back(t, TUI_ESC);
}

static int
k_drop(struct tui *t, int ch)
{
	struct ev *s = tui_state(t);

	(void)ch;
	s->confirm_drop = true;
	return TUI_REDRAW;
}

static bool
choosing(struct tui *t)
{
	enum ev_step st = ((struct ev *)tui_state(t))->step;

	return st == EV_POLICY || st == EV_CHANNEL;
}

static bool
in_form(struct tui *t)
{
	struct ev *s = tui_state(t);

	return s->step == EV_ITEMS && !s->confirm_drop;
}

/* The item chosen takes which answer: a standard's met/not met, a
 * measured yes-no, or a measured figure (the key bar offers only its). */
enum item_takes { TAKES_STANDARD, TAKES_YES_NO, TAKES_FIGURE };

static bool
item_takes(struct tui *t, enum item_takes what)
{
	struct ev *s = tui_state(t);
	const struct eval_slot *sl;

	if (!in_form(t) || s->n == 0)
		return false;
	sl = &s->slots[s->sel];
	if (!eval_measured(sl))
		return what == TAKES_STANDARD;
	return what == (sl->measure->type == MEASURE_YES_NO ? TAKES_YES_NO : TAKES_FIGURE);
}

static bool
on_standard(struct tui *t)
{
	return item_takes(t, TAKES_STANDARD);
}

static bool
on_yes_no(struct tui *t)
{
	return item_takes(t, TAKES_YES_NO);
}

static bool
on_figure(struct tui *t)
{
	return item_takes(t, TAKES_FIGURE);
}

static bool
complete(struct tui *t)
{
	struct ev *s = tui_state(t);

	return in_form(t) && all_answered(s);
}

static bool
confirming(struct tui *t)
{
	return ((struct ev *)tui_state(t))->confirm_drop;
}

static bool
droppable(struct tui *t)
{
	return in_form(t) && ev_started(tui_state(t));
}

static const struct tui_key ev_keys[] = {
	{ TUI_FKEY(KEY_DOWN), 'j', "Up/Down", NULL, "choose (a policy, a channel, an item)",
	  -1, NULL, k_move, NULL },
	{ TUI_FKEY(KEY_UP), 'k', "Up", NULL, NULL, -1, NULL, k_move, NULL },
	{ '\r', TUI_FKEY(KEY_ENTER), "Enter", "choose", "take the policy or channel chosen",
	  -1, choosing, k_choose, NULL },
	{ 0, 0, "m n o", "met/not/unseen", "a standard met, not met, or not observed", -1,
	  on_standard, NULL, NULL },
	{ 0, 0, "y n o", "yes/no/unseen", "a yes-no item: yes, no, or not observed", -1,
	  on_yes_no, NULL, NULL },
	{ 0, 0, "0-9 Enter", "the figure", "a measured item: type the count or the hours, then"
	  " Enter (o: not observed)", -1, on_figure, NULL, NULL },
	{ 't', 0, "t", "note", "a note: what the evaluator saw", -1, in_form, k_note, NULL },
	{ 'w', 0, "w", NULL, "when the test contact was made (default: now)", -1, in_form,
	  k_when, NULL },
	{ 's', 0, "s", "save", "save the evaluation (every item answered)", APP_SHOPPER_ADD,
	  complete, k_save, NULL },
	{ 'x', 0, "x", "drop", "drop the evaluation under way (it asks first)", -1, droppable,
	  k_drop, NULL },
	{ 0, 0, "y n", "drop it / keep it", "asked whether to drop it: y drops the evaluation,"
	  " n (or Esc) keeps it", -1, confirming, NULL, NULL },
	{ 'q', 0, "Esc", "back", "back one step (q too); from a form under way, home: it is kept"
	  " as it is, and e brings it back", -1, NULL, k_back, NULL },
	{ .name = NULL },
};


static void
ev_leave(struct tui *t)
{
	struct ev *s = tui_state(t);

	ev_clear_form(s);
	free(s);
}

static const struct tui_screen ev_screen = {
	.title = "Secret-shopper evaluation", .keys = ev_keys, .draw = ev_draw, .key = ev_key,
	.esc = ev_esc, .leave = ev_leave,
};

void
tui_open_evaluate(struct tui *t)
{
	struct ev *s = calloc(1, sizeof *s);

	if (s == NULL)
		return;
	s->step = EV_POLICY;
	tui_push(t, &ev_screen, s);
	if (ev_draft_load(t, s))
		return;
	if (t->app->policies.n == 1) {
		s->p = t->app->policies.items[0];
		s->step = EV_CHANNEL;
	}
}
