/* followups.c - promised follow-ups by due time, where each one's clock
 * stands (due, past target, OVERDUE, paused), what was promised, and for
 * the one chosen everything whole: the promise beside any pause reason,
 * the target and the limit, the callback number on request (an audited
 * read of a protected field).  Members see their own, supervisors
 * everyone's.  Done with a note, paused with a reason (the clock stops
 * while waiting on the customer), resumed; h shows the done ones.  What
 * was typed for one and left with Esc comes back when the same prompt
 * for the same follow-up opens again, until saved or the screen is left. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/deadline.h"
#include "tui_screens.h"

#define FU_MAX 500

struct fus {
	struct followup v[FU_MAX];
	int n, sel, top;
	bool all;          /* everyone's (supervisors) */
	bool history;      /* the done ones */
	int64_t act_id;    /* the follow-up a prompt is about */
	int64_t phone_of;  /* the contact whose callback number is shown */
	char phone[80];
	struct tui_kept done_note, pause_reason;   /* left with Esc (x, p) */
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
	struct followup_filter f = { s->all ? 0 : t->me.id, false, 0, s->history };

	fus_clear(s);
	if (app_followup_list(t->app, &t->me, &f, FU_MAX, collect, s, &err) != CS_OK)
		tui_say(t, true, "Follow-ups cannot be read: %s", err.msg);
	if (s->sel >= s->n)
		s->sel = s->n > 0 ? s->n - 1 : 0;
}

void
tui_followup_clock(const struct followup *f, char *buf, size_t len)
{
	snprintf(buf, len, "%s", f->state == FOLLOWUP_DONE ? deadline_grade_words(f->grade)
	         : deadline_state_words(f->clock));
}

void
tui_followup_words(const struct followup *f, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s", f->note ? f->note : "(what was promised was not said)",
	         f->state == FOLLOWUP_PAUSED && f->pause_reason ? " — paused: " : "",
	         f->state == FOLLOWUP_PAUSED && f->pause_reason ? f->pause_reason : "",
	         f->state == FOLLOWUP_DONE && f->done_note ? " — done: " : "");
	if (f->state == FOLLOWUP_DONE && f->done_note)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s", f->done_note);
}

static void
draw_one(struct tui *t, int y, const struct followup *f, bool sel)
{
	char when[32], head[96], clock[40], words[2048];
	int a = sel ? tui_attr(t, PAIR_SELECT) : 0;

	if (sel) {
		attron(a);
		mvhline(y, 0, ' ', COLS);
		attroff(a);
	}
	app_time_local(f->state == FOLLOWUP_DONE ? f->done_at : f->due_eff, when, sizeof when);
	tui_followup_clock(f, clock, sizeof clock);
	snprintf(head, sizeof head, "%s #%-7lld", when, (long long)f->contact_id);
	tui_text(y, 1, 26, head, a);
	tui_text(y, 27, 21, clock, f->overdue ? a | tui_attr(t, PAIR_BAD) : a);
	tui_followup_words(f, words, sizeof words);
	tui_text(y, 49, COLS - 50, words, a);
}

/* The one chosen, whole: what was promised (and any pause), its clock,
 * and the callback number when asked for. */
static void
draw_chosen(struct tui *t, const struct fus *s, int y)
{
	const struct followup *f = &s->v[s->sel];
	char line[2200], due[32], limit[32], done[32], clock[40], words[2048];

	tui_followup_words(f, words, sizeof words);
	snprintf(line, sizeof line, "Promised: %s", words);
	y += tui_wrap(y, 1, COLS - 2, 3, line, A_BOLD);
	app_time_local(f->due_eff, due, sizeof due);
	app_time_local(f->limit_eff, limit, sizeof limit);
	tui_followup_clock(f, clock, sizeof clock);
	if (f->state == FOLLOWUP_DONE) {
		app_time_local(f->done_at, done, sizeof done);
		snprintf(line, sizeof line, "Done %s, %s (due by %s%s%s).", done, clock, due,
		         f->limit_eff != f->due_eff ? ", overdue after " : "",
		         f->limit_eff != f->due_eff ? limit : "");
	} else {
		snprintf(line, sizeof line, "Due by %s%s%s: %s%s.", due,
		         f->limit_eff != f->due_eff ? ", overdue after " : " (overdue after it)",
		         f->limit_eff != f->due_eff ? limit : "", clock,
		         f->state == FOLLOWUP_PAUSED ? " (its clock stopped while it waits)" : "");
	}
	y += tui_wrap(y, 1, COLS - 2, 2, line, 0);
	if (s->phone_of == f->contact_id)
		tui_text(y, 1, COLS - 2, s->phone, tui_attr(t, PAIR_OK) | A_BOLD);
}

static void
fu_draw(struct tui *t)
{
	struct fus *s = tui_state(t);
	int i, rows = LINES - 10;

	tui_title(t, s->history ? "cslog — follow-ups done" : s->all ?
	          "cslog — follow-ups (everyone's)" : "cslog — your follow-ups",
	          s->history ? "h: the open ones" : "h: the done ones");
	tui_text(1, 0, COLS, s->history ? " DONE             CONTACT   HOW                  "
	         "PROMISED" : " DUE BY           CONTACT   CLOCK                PROMISED",
	         A_UNDERLINE);
	if (rows < 1)
		rows = 1;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + rows)
		s->top = s->sel - rows + 1;
	for (i = 0; i < rows && s->top + i < s->n; i++)
		draw_one(t, 2 + i, &s->v[s->top + i], s->top + i == s->sel);
	if (s->n == 0)
		tui_text(3, 2, COLS - 4, s->history ? "No follow-up done yet." :
		         "No open follow-ups.  h shows the done ones.", 0);
	else
		draw_chosen(t, s, LINES - 7);
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
not_done(struct tui *t)
{
	const struct followup *f = chosen(t);

	return f != NULL && f->state != FOLLOWUP_DONE;
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
	tui_prompt_keep(t, &done_spec, done_done, s, &s->done_note, s->act_id);
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
	tui_prompt_keep(t, &pause_spec, pause_done, s, &s->pause_reason, s->act_id);
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
k_history(struct tui *t, int ch)
{
	struct fus *s = tui_state(t);

	(void)ch;
	s->history = !s->history;
	s->sel = s->top = 0;
	fus_load(t, s);
	return TUI_REDRAW;
}

/* The callback number: the contact's customer phone, a protected field
 * read on purpose (and recorded in the audit trail). */
static int
k_phone(struct tui *t, int ch)
{
	struct fus *s = tui_state(t);
	struct cs_err err = { 0 };
	struct contact c = { 0 };

	(void)ch;
	s->phone_of = chosen_id(t, true);
	if (app_contact_get(t->app, &t->me, s->phone_of, true, &c, &err) != CS_OK) {
		snprintf(s->phone, sizeof s->phone, "The number cannot be read: %.40s", err.msg);
		return TUI_REDRAW;
	}
	snprintf(s->phone, sizeof s->phone, "Call back: %.60s", c.customer_phone &&
	         *c.customer_phone ? c.customer_phone : "(no number was given)");
	record_contact_clear(&c);
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
	{ 'x', 0, "x", "done", "done: say what was done (a note)", APP_FOLLOWUP, not_done, k_done,
	  NULL },
	{ 'p', 0, "p", "pause", "pause: waiting on the customer (the clock stops)",
	  APP_FOLLOWUP, is_open, k_pause, NULL },
	{ 'r', 0, "r", "resume", "resume a paused follow-up", APP_FOLLOWUP, is_paused,
	  k_resume, NULL },
	{ 'v', 0, "v", "number", "the number to call back (a protected field: the reading"
	  " is recorded)", APP_READ_PROTECTED, any, k_phone, NULL },
	{ '\r', TUI_FKEY(KEY_ENTER), "Enter", "contact", "open the contact it belongs to",
	  APP_READ, any, k_open, NULL },
	{ 'h', 0, "h", "history", "the done ones (how each kept its clock), or back to the"
	  " open ones", APP_FOLLOWUP, NULL, k_history, NULL },
	{ 'q', 0, "Esc", "back", "back to home (q too)", -1, NULL, k_back, NULL },
	{ .name = NULL },
};

static void
fu_leave(struct tui *t)
{
	struct fus *s = tui_state(t);

	fus_clear(s);
	tui_kept_clear(&s->done_note);
	tui_kept_clear(&s->pause_reason);
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
