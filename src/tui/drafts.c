/* drafts.c - the member's unfinished contacts.  A draft is never
 * overwritten or thrown away without asking: starting a new contact
 * while one is unfinished comes here first (continue it, start another
 * and keep it, or discard it, its summary shown), and a member may keep
 * several. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "tui_log.h"
#include "tui_screens.h"

#define DRAFTS_MAX 9

struct draft_row {
	char slot[48];
	char summary[256];
	int64_t at;
};

struct drafts {
	struct draft_row v[DRAFTS_MAX];
	int n, sel;
	bool starting;      /* came here to start a new contact */
	bool confirm;       /* asking whether to discard v[sel] */
};

static int
keep(void *ctx, const char *slot, const char *body, int64_t at)
{
	struct drafts *d = ctx;
	struct draft_row *r;

	if (d->n == DRAFTS_MAX)
		return 1;
	r = &d->v[d->n++];
	snprintf(r->slot, sizeof r->slot, "%s", slot);
	log_draft_summary(body, r->summary, sizeof r->summary);
	r->at = at;
	return 0;
}

static void
load(struct tui *t, struct drafts *d)
{
	struct cs_err err = { 0 };

	d->n = 0;
	if (app_draft_list(t->app, &t->me, LOG_DRAFT_PREFIX, keep, d, &err) != CS_OK)
		tui_say(t, true, "The drafts cannot be read: %s", err.msg);
	if (d->sel >= d->n)
		d->sel = d->n > 0 ? d->n - 1 : 0;
}

static struct drafts *
st(struct tui *t)
{
	return tui_state(t);
}

static void
drafts_draw(struct tui *t)
{
	struct drafts *d = st(t);
	char when[32], line[400];
	int i, y = 2;

	tui_title(t, "cslog — unfinished contacts", NULL);
	snprintf(line, sizeof line, d->n == 1 ? "You have an unfinished contact." :
	         "You have %d unfinished contacts.", d->n);
	tui_text(y, 2, COLS - 4, line, A_BOLD);
	y += 1 + tui_wrap(y + 1, 2, COLS - 4, 3, d->starting ?
	    "Continue one (its number or Enter), start another and keep them (n), or discard"
	    " one (x):" : "Continue one (its number or Enter), or discard one (x):", 0);
	for (i = 0; i < d->n; i++) {
		app_time_local(d->v[i].at, when, sizeof when);
		snprintf(line, sizeof line, "%d  saved %s  %s", i + 1, when,
		         d->v[i].summary[0] ? d->v[i].summary : "(no summary yet)");
		tui_text(y + 1 + i, 4, COLS - 8, line, i == d->sel ? tui_attr(t, PAIR_SELECT) : 0);
	}
	if (d->confirm) {
		snprintf(line, sizeof line, "Discard the unfinished contact \"%s\" for good?",
		         d->v[d->sel].summary[0] ? d->v[d->sel].summary : "(no summary yet)");
		tui_wrap(y + 3 + d->n, 2, COLS - 4, 3, line, tui_attr(t, PAIR_BAD) | A_BOLD);
	}
	tui_keybar(t);
}

static bool
asking(struct tui *t)
{
	return st(t)->confirm;
}

static bool
choosing(struct tui *t)
{
	return !st(t)->confirm;
}

static bool
can_start(struct tui *t)
{
	return choosing(t) && st(t)->starting;
}

static int
k_move(struct tui *t, int ch)
{
	struct drafts *d = st(t);

	if (ch == KEY_DOWN && d->sel + 1 < d->n)
		d->sel++;
	else if (ch == KEY_UP && d->sel > 0)
		d->sel--;
	return TUI_REDRAW;
}

/* Open the form on draft i; this screen makes way for it. */
static int
open_one(struct tui *t, int i)
{
	char slot[48];

	snprintf(slot, sizeof slot, "%s", st(t)->v[i].slot);
	tui_pop_top(t);
	tui_open_log(t, slot);
	return TUI_REDRAW;
}

static int
k_continue(struct tui *t, int ch)
{
	(void)ch;
	return st(t)->n > 0 ? open_one(t, st(t)->sel) : TUI_STAY;
}

static int
k_new(struct tui *t, int ch)
{
	(void)ch;
	tui_pop_top(t);
	tui_open_log(t, NULL);
	return TUI_REDRAW;
}

static int
k_discard(struct tui *t, int ch)
{
	(void)ch;
	st(t)->confirm = st(t)->n > 0;
	return TUI_REDRAW;
}

static int
k_yes(struct tui *t, int ch)
{
	struct drafts *d = st(t);
	struct cs_err err = { 0 };

	(void)ch;
	d->confirm = false;
	if (app_draft_delete(t->app, &t->me, d->v[d->sel].slot, &err) != CS_OK) {
		tui_say(t, true, "Not discarded: %s", err.msg);
		return TUI_REDRAW;
	}
	tui_say(t, false, "Discarded.");
	load(t, d);
	if (d->n == 0)
		return d->starting ? k_new(t, 0) : TUI_BACK;
	return TUI_REDRAW;
}

static int
k_no(struct tui *t, int ch)
{
	(void)ch;
	st(t)->confirm = false;
	return TUI_REDRAW;
}

static int
drafts_key(struct tui *t, int ch, bool fk)
{
	struct drafts *d = st(t);

	if (!fk && !d->confirm && ch >= '1' && ch < '1' + d->n)
		return open_one(t, ch - '1');
	return TUI_STAY;
}

static int
drafts_esc(struct tui *t)
{
	if (st(t)->confirm)
		return k_no(t, 0);
	return TUI_BACK;
}

static const struct tui_key drafts_keys[] = {
	{ 0, 0, "1-9", "continue", "continue that unfinished contact", -1, choosing, NULL,
	  NULL },
	{ TUI_FKEY(KEY_DOWN), 0, "Up/Down", NULL, "choose one", -1, choosing, k_move, NULL },
	{ TUI_FKEY(KEY_UP), 0, "Up", NULL, NULL, -1, choosing, k_move, NULL },
	{ '\r', TUI_FKEY(KEY_ENTER), "Enter", NULL, "continue the one chosen", -1, choosing,
	  k_continue, NULL },
	{ 'n', 0, "n", "start another", "start a new contact and keep these", -1, can_start,
	  k_new, NULL },
	{ 'x', 0, "x", "discard", "discard the one chosen (it asks first)", -1, choosing,
	  k_discard, NULL },
	{ 'y', 0, "y", "discard it", "discard it for good", -1, asking, k_yes, NULL },
	{ 'n', 0, "n", "keep it", "keep it", -1, asking, k_no, NULL },
	{ .name = "Esc", .label = "back", .help = "back, keeping every draft", .op = -1 },
	{ .name = NULL },
};

static const struct tui_screen drafts_screen = {
	.title = "Unfinished contacts", .keys = drafts_keys, .draw = drafts_draw,
	.key = drafts_key, .esc = drafts_esc,
};

void
tui_open_drafts(struct tui *t, bool starting)
{
	struct drafts *d = calloc(1, sizeof *d);

	if (d == NULL)
		return;
	d->starting = starting;
	load(t, d);
	if (d->n == 0) {          /* nothing unfinished: straight to a new one */
		free(d);
		if (starting)
			tui_open_log(t, NULL);
		return;
	}
	if (d->n == 1 && !starting) {   /* one: continue it */
		char slot[48];

		snprintf(slot, sizeof slot, "%s", d->v[0].slot);
		free(d);
		tui_open_log(t, slot);
		return;
	}
	tui_push(t, &drafts_screen, d);
}
