/* home.c - the member's home: one key per screen, open follow-ups, draft. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "cslog/app_time.h"
#include "cslog/store.h"
#include "cslog/tui_screens.h"

#define HOME_FOLLOWUPS 8

struct home {
	struct followup fu[HOME_FOLLOWUPS];
	int n_fu;
	bool has_draft;
	int64_t draft_at;
};

static const struct tui_help_line home_help[] = {
	{ "l", "log a customer contact" },
	{ "c", "continue the unfinished contact (a saved draft)" },
	{ "f", "follow-ups: yours (supervisors: everyone's), overdue marked" },
	{ "r", "review queue (supervisors)" },
	{ "p", "reports (supervisors, trainers): empowerment rate, on time" },
	{ "d", "drills and quizzes" },
	{ "s", "sign out (the terminal goes back to sign-in)" },
	{ "q, Ctrl-C", "leave cslog" },
	{ "?", "this help, on every screen" },
	{ NULL, NULL },
};

static int
collect_fu(void *ctx, const struct followup *f)
{
	struct home *h = ctx;

	if (h->n_fu >= HOME_FOLLOWUPS || record_followup_copy(&h->fu[h->n_fu], f) != 0)
		return 1;
	h->n_fu++;
	return 0;
}

static void
home_clear(struct home *h)
{
	int i;

	for (i = 0; i < h->n_fu; i++)
		record_followup_clear(&h->fu[i]);
	h->n_fu = 0;
}

/* Read what the home screen shows; called when it is (re)opened. */
static void
home_load(struct tui *t, struct home *h)
{
	struct cs_err err = { 0 };
	struct store *st = app_store(t->app, &err);
	struct followup_filter f = { t->me_id, false, t->app->now };
	char *body = NULL;

	home_clear(h);
	h->has_draft = false;
	if (st == NULL)
		return;
	store_followup_list(st, &f, HOME_FOLLOWUPS, collect_fu, h, NULL);
	if (store_draft_load(st, t->me_id, "contact", &body, &h->draft_at, NULL) == CS_OK)
		h->has_draft = true;
	free(body);
}

static void
draw_followups(struct tui *t, struct home *h, int y)
{
	char due[32], line[256];
	int i;

	tui_text(y, 2, COLS - 4, "Your open follow-ups", A_BOLD);
	if (h->n_fu == 0)
		tui_text(y + 1, 4, COLS - 8, "None.", 0);
	for (i = 0; i < h->n_fu; i++) {
		app_time_local(h->fu[i].due_eff, due, sizeof due);
		snprintf(line, sizeof line, "%s  contact #%lld  %-7s %s", due,
		    (long long)h->fu[i].contact_id, record_followup_state_name(h->fu[i].state),
		    h->fu[i].note ? h->fu[i].note : "");
		tui_text(y + 1 + i, 4, COLS - 16, line, 0);
		if (h->fu[i].overdue)
			tui_text(y + 1 + i, COLS - 11, 9, "OVERDUE", tui_attr(t, PAIR_BAD));
	}
}

static void
home_item(struct tui *t, int y, const char *key, const char *what)
{
	tui_text(y, 2, 4, key, tui_attr(t, PAIR_KEY));
	tui_text(y, 6, 40, what, 0);
}

static void
home_draw(struct tui *t)
{
	struct home *h = tui_state(t);
	char who[300], when[32];

	snprintf(who, sizeof who, "%s (%s), %s", t->me_name, t->me_badge,
	    record_role_name((enum member_role)t->me_role));
	tui_title(t, "cslog — home", who);
	tui_text(2, 2, 4, "l", tui_attr(t, PAIR_KEY));
	tui_text(2, 6, 40, "Log a customer contact", 0);
	if (h->has_draft) {
		app_time_local(h->draft_at, when, sizeof when);
		tui_text(3, 2, 4, "c", tui_attr(t, PAIR_KEY));
		snprintf(who, sizeof who, "Continue your unfinished contact (saved %s)", when);
		tui_text(3, 6, COLS - 8, who, tui_attr(t, PAIR_BAD));
	}
	home_item(t, 4, "f", "Follow-ups");
	if (t->me_role == ROLE_SUPERVISOR)
		home_item(t, 5, "r", "Review queue");
	if (t->me_role != ROLE_MEMBER)
		home_item(t, 6, "p", "Reports");
	home_item(t, 7, "d", "Drills and quizzes");
	home_item(t, 8, "s", "Sign out");
	home_item(t, 9, "q", "Quit");
	draw_followups(t, h, 11);
	tui_keybar(t, t->me_role == ROLE_MEMBER ?
	    "l log  f follow-ups  d drills  s sign out  q quit  ? help" :
	    t->me_role == ROLE_TRAINER ?
	    "l log  f follow-ups  p reports  d drills  s sign out  q quit  ? help" :
	    "l log  r review  f follow-ups  p reports  d drills  s sign out  q quit  ? help");
}

static int
home_key(struct tui *t, int ch, bool fk)
{
	struct home *h = tui_state(t);

	if (fk)
		return TUI_STAY;
	switch (ch) {
	case 'l':
		tui_open_log(t, false);
		return TUI_REDRAW;
	case 'c':
		if (h->has_draft)
			tui_open_log(t, true);
		return TUI_REDRAW;
	case 'f':
		tui_open_followups(t);
		return TUI_REDRAW;
	case 'r':
		if (t->me_role != ROLE_SUPERVISOR) {
			tui_say(t, true, "The review queue is for supervisors.");
			return TUI_REDRAW;
		}
		tui_open_queue(t);
		return TUI_REDRAW;
	case 'p':
		tui_open_reports(t);
		return TUI_REDRAW;
	case 'd':
		tui_open_drill(t);
		return TUI_REDRAW;
	case 's':
		tui_pop_all(t);
		tui_open_signin(t);
		return TUI_REDRAW;
	case 'q': case 3:
		return TUI_QUIT;
	}
	return TUI_STAY;
}

static void
home_leave(struct tui *t)
{
	struct home *h = tui_state(t);

	home_clear(h);
	free(h);
}

static void
home_resume(struct tui *t)
{
	home_load(t, tui_state(t));
}

static const struct tui_screen home_screen = {
	"Home", home_help, home_draw, home_key, home_leave, home_resume,
};

void
tui_open_home(struct tui *t)
{
	struct home *h = calloc(1, sizeof *h);

	if (h == NULL)
		return;
	home_load(t, h);
	tui_push(t, &home_screen, h);
}
