/* followups.c - promised follow-ups by due time, overdue ones marked.
 * Members see their own, supervisors everyone's.  Done with a note,
 * paused with a reason (the clock stops while waiting on the customer),
 * resumed. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "tui_screens.h"

#define FU_MAX 500

struct fus {
	struct followup v[FU_MAX];
	int n, sel, top;
	bool all;          /* everyone's (supervisors) */
	int64_t act_id;    /* the follow-up a prompt is about */
};

static void
fus_clear(struct fus *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		record_followup_clear(&s->v[i]);
	s->n = 0;
}

static int
collect(void *ctx, const struct followup *f)
{
	struct fus *s = ctx;

	if (s->n >= FU_MAX || record_followup_copy(&s->v[s->n], f) != 0)
		return 1;
	s->n++;
	return 0;
}

static void
fus_load(struct tui *t, struct fus *s)
{
	struct cs_err err = { 0 };
	struct followup_filter f = { s->all ? 0 : t->me.id, false, 0 };

	fus_clear(s);
	if (app_followup_list(t->app, &t->me, &f, FU_MAX, collect, s, &err) != CS_OK)
		tui_say(t, true, "Follow-ups cannot be read: %s", err.msg);
	if (s->sel >= s->n)
		s->sel = s->n > 0 ? s->n - 1 : 0;
}

static void
draw_one(struct tui *t, int y, const struct followup *f, bool sel)
{
	char due[32], head[96];
	int a = sel ? tui_attr(t, PAIR_SELECT) : 0;

	if (sel) {
		attron(a);
		mvhline(y, 0, ' ', COLS);
		attroff(a);
	}
	app_time_local(f->due_eff, due, sizeof due);
	snprintf(head, sizeof head, "%6lld %s  #%-7lld %-6s", (long long)f->id, due,
	         (long long)f->contact_id, record_followup_state_name(f->state));
	tui_text(y, 0, 44, head, a);
	if (f->overdue)
		tui_text(y, 44, 8, "OVERDUE", a | tui_attr(t, PAIR_BAD));
	tui_text(y, 53, COLS - 54,
	         f->state == FOLLOWUP_PAUSED && f->pause_reason ? f->pause_reason
	         : f->note ? f->note : "", a);
}

static void
fu_draw(struct tui *t)
{
	struct fus *s = tui_state(t);
	int i, rows = LINES - 5;

	tui_title(t, s->all ? "cslog — follow-ups (everyone's)" : "cslog — your follow-ups",
	          NULL);
	tui_text(1, 0, COLS, "    ID DUE               CONTACT  STATE             NOTE",
	         A_UNDERLINE);
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + rows)
		s->top = s->sel - rows + 1;
	for (i = 0; i < rows && s->top + i < s->n; i++)
		draw_one(t, 2 + i, &s->v[s->top + i], s->top + i == s->sel);
	if (s->n == 0)
		tui_text(3, 2, COLS - 4, "No open follow-ups.", 0);
	tui_keybar(t);
}

static int
act(struct tui *t, struct fus *s, int what, const char *text)
{
	struct cs_err err = { 0 };
	int rc = app_followup_act(t->app, &t->me, what == 'x' ? FOLLOWUP_ACT_DONE :
	                          what == 'p' ? FOLLOWUP_ACT_PAUSE : FOLLOWUP_ACT_RESUME,
	                          s->act_id, text, &err);
	if (rc != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return 1;
	}
	tui_say(t, false, "Follow-up %lld: %s.", (long long)s->act_id,
	        what == 'x' ? "done" : what == 'p' ? "paused" : "resumed");
	return 0;
}

static int
done_done(struct tui *t, void *ctx, const char *text)
{
	return act(t, ctx, 'x', text);
}

static int
pause_done(struct tui *t, void *ctx, const char *text)
{
	return act(t, ctx, 'p', text);
}

static const struct followup *
chosen(struct tui *t)
{
	struct fus *s = tui_state(t);

	return s->n > 0 ? &s->v[s->sel] : NULL;
}

/* The one chosen, when a key that needs one was offered (it was: any). */
static int64_t
chosen_id(struct tui *t, bool contact)
{
	const struct followup *f = chosen(t);

	return f == NULL ? 0 : contact ? f->contact_id : f->id;
}

static bool
any(struct tui *t)
{
	return chosen(t) != NULL;
}

static bool
is_open(struct tui *t)
{
	const struct followup *f = chosen(t);

	return f != NULL && f->state == FOLLOWUP_OPEN;
}

static bool
is_paused(struct tui *t)
{
	const struct followup *f = chosen(t);

	return f != NULL && f->state == FOLLOWUP_PAUSED;
}

static int
k_move(struct tui *t, int ch)
{
	struct fus *s = tui_state(t);

	if ((ch == KEY_DOWN || ch == 'j') && s->sel + 1 < s->n)
		s->sel++;
	else if ((ch == KEY_UP || ch == 'k') && s->sel > 0)
		s->sel--;
	return TUI_REDRAW;
}

static int
k_open(struct tui *t, int ch)
{
	(void)ch;
	tui_open_detail(t, chosen_id(t, true));
	return TUI_REDRAW;
}

static int
k_done(struct tui *t, int ch)
{
	static const struct tui_prompt_spec done_spec = {
		"Follow-up done", "What was done (a note for the record):", NULL, 4096, true, true,
	};
	struct fus *s = tui_state(t);

	(void)ch;
	s->act_id = chosen_id(t, false);
	tui_prompt(t, &done_spec, done_done, s);
	return TUI_REDRAW;
}

static int
k_pause(struct tui *t, int ch)
{
	static const struct tui_prompt_spec pause_spec = {
		"Pause the follow-up", "Why (e.g. waiting for the customer's papers):", NULL,
		1024, false, true,
	};
	struct fus *s = tui_state(t);

	(void)ch;
	s->act_id = chosen_id(t, false);
	tui_prompt(t, &pause_spec, pause_done, s);
	return TUI_REDRAW;
}

static int
k_resume(struct tui *t, int ch)
{
	struct fus *s = tui_state(t);

	(void)ch;
	s->act_id = chosen_id(t, false);
	act(t, s, 'r', NULL);
	fus_load(t, s);
	return TUI_REDRAW;
}

static int
k_back(struct tui *t, int ch)
{
	(void)t;
	(void)ch;
	return TUI_BACK;
}

static const struct tui_key fu_keys[] = {
	{ TUI_FKEY(KEY_DOWN), 'j', "Up/Down", NULL, "choose a follow-up", -1, any, k_move, NULL },
	{ TUI_FKEY(KEY_UP), 'k', "Up", NULL, NULL, -1, any, k_move, NULL },
	{ 'x', 0, "x", "done", "done: say what was done (a note)", APP_FOLLOWUP, any, k_done, NULL },
	{ 'p', 0, "p", "pause", "pause: waiting on the customer (the clock stops)",
	  APP_FOLLOWUP, is_open, k_pause, NULL },
	{ 'r', 0, "r", "resume", "resume a paused follow-up", APP_FOLLOWUP, is_paused,
	  k_resume, NULL },
	{ '\r', TUI_FKEY(KEY_ENTER), "Enter", "contact", "open the contact it belongs to",
	  APP_READ, any, k_open, NULL },
	{ 'q', 0, "Esc", "back", "back to home (q too)", -1, NULL, k_back, NULL },
	{ .name = NULL },
};

static void
fu_leave(struct tui *t)
{
	struct fus *s = tui_state(t);

	fus_clear(s);
	free(s);
}

static void
fu_resume(struct tui *t)
{
	fus_load(t, tui_state(t));
}

static const struct tui_screen fu_screen = {
	.title = "Follow-ups", .keys = fu_keys, .draw = fu_draw, .leave = fu_leave,
	.resume = fu_resume,
};

void
tui_open_followups(struct tui *t)
{
	struct fus *s = calloc(1, sizeof *s);

	if (s == NULL)
		return;
	s->all = app_scope_of(&t->me, APP_FOLLOWUP) == SCOPE_ALL;
	tui_push(t, &fu_screen, s);
	fus_load(t, s);
}
