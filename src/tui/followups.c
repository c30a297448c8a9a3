/* followups.c - promised follow-ups by due time, overdue ones marked.
 * Members see their own, supervisors everyone's.  Done with a note,
 * paused with a reason (the clock stops while waiting on the customer),
 * resumed. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/store.h"
#include "cslog/tui_screens.h"

#define FU_MAX 500

struct fus {
	struct followup v[FU_MAX];
	int n, sel, top;
	bool all;          /* everyone's (supervisors) */
	int64_t act_id;    /* the follow-up a prompt is about */
};

static const struct tui_help_line fu_help[] = {
	{ "Up/Down", "choose a follow-up" },
	{ "x", "done: say what was done (a note)" },
	{ "p", "pause: waiting on the customer (the clock stops)" },
	{ "r", "resume a paused follow-up" },
	{ "Enter", "open the contact it belongs to" },
	{ "Esc, q", "back to home" },
	{ NULL, NULL },
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
	struct store *st = app_store(t->app, &err);
	struct followup_filter f = { s->all ? 0 : t->me_id, false, t->app->now };

	fus_clear(s);
	if (st == NULL || store_followup_list(st, &f, FU_MAX, collect, s, &err) != CS_OK)
		tui_say(t, true, "%s", err.msg);
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
	tui_keybar(t, "x done  p pause  r resume  Enter contact  Esc back  ? help");
}

static int
act(struct tui *t, struct fus *s, int what, const char *text)
{
	struct cs_err err = { 0 };
	struct store *st = app_store(t->app, &err);
	int rc;

	if (st == NULL)
		rc = err.code;
	else if (what == 'x')
		rc = store_followup_done(st, t->me_id, s->act_id, text, t->app->now, &err);
	else if (what == 'p')
		rc = store_followup_pause(st, t->me_id, s->act_id, text, t->app->now, &err);
	else
		rc = store_followup_resume(st, t->me_id, s->act_id, t->app->now, &err);
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

static int
fu_key(struct tui *t, int ch, bool fk)
{
	static const struct tui_prompt_spec done_spec = {
		"Follow-up done", "What was done (a note for the record):", NULL, 4096, true, false,
	};
	static const struct tui_prompt_spec pause_spec = {
		"Pause the follow-up", "Why (e.g. waiting for the customer's papers):", NULL,
		1024, false, true,
	};
	struct fus *s = tui_state(t);

	if (fk && ch == KEY_DOWN && s->sel + 1 < s->n)
		s->sel++;
	else if (fk && ch == KEY_UP && s->sel > 0)
		s->sel--;
	else if (!fk && (ch == 27 || ch == 'q'))
		return TUI_BACK;
	else if (s->n == 0)
		return TUI_STAY;
	else if (tui_is_enter(ch, fk))
		tui_open_detail(t, s->v[s->sel].contact_id);
	else if (!fk && (ch == 'x' || ch == 'p')) {
		s->act_id = s->v[s->sel].id;
		tui_prompt(t, ch == 'x' ? &done_spec : &pause_spec,
		           ch == 'x' ? done_done : pause_done, s);
	} else if (!fk && ch == 'r') {
		s->act_id = s->v[s->sel].id;
		act(t, s, 'r', NULL);
		fus_load(t, s);
	}
	return TUI_REDRAW;
}

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
	"Follow-ups", fu_help, fu_draw, fu_key, fu_leave, fu_resume,
};

void
tui_open_followups(struct tui *t)
{
	struct fus *s = calloc(1, sizeof *s);

	if (s == NULL)
		return;
	s->all = t->me_role == ROLE_SUPERVISOR;
	tui_push(t, &fu_screen, s);
	fus_load(t, s);
}
