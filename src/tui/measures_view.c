/* measures_view.c - the measures' results under reports: secret-shopper
 * standards met, satisfaction by question and by month, and whether
 * contacts with added value and an empowered check are rated higher;
 * the same figures as `cslog report --by shopper` and the others, with
 * their 95 % intervals and "too few responses" below 30.  The chosen
 * row is said whole in words under the table. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_measures.h"
#include "cslog/app_time.h"
#include "cslog/text.h"
#include "tui_measures.h"
#include "tui_screens.h"

#define DAY 86400

struct mv {
	enum mreport_by by;
	int days;            /* 0: all time */
	struct mreport r;
	size_t sel, top;
	size_t fit;          /* rows the table had room for, last drawn */
};

static const struct { int key; enum mreport_by by; const char *name; } views[] = {
	{ 'h', MREPORT_SHOPPER, "secret shopper: standards met" },
	{ 'c', MREPORT_SHOPPER_CHANNEL, "secret shopper: by channel" },
	{ 'u', MREPORT_SATISFACTION, "satisfaction by question" },
	{ 'm', MREPORT_SATISFACTION_MONTH, "satisfaction by month" },
	{ 'g', MREPORT_SATISFACTION_DOCTRINE, "added value and empowered: rated higher?" },
	{ 'r', MREPORT_RESPONSE_RATE, "survey responses per contact" },
};
#define N_VIEWS (sizeof views / sizeof views[0])

static void
mv_load(struct tui *t, struct mv *s)
{
	struct cs_err err = { 0 };
	char since[16];

	mreport_free(&s->r);
	if (s->days > 0)
		app_time_day(app_now(t->app) - (int64_t)(s->days - 1) * DAY, since, sizeof since);
	if (mreport_run(t->app, &t->me, s->by, s->days > 0 ? since : NULL, NULL, NULL, &s->r,
	                &err) != CS_OK)
		tui_say(t, true, "The report cannot be made: %s", err.msg);
	s->sel = s->top = 0;
}

/* The label column: as wide as the longest label (22 at least), as far
 * as it leaves the figures and a bar of 10 columns; the bars take what
 * is left. */
static int
label_width(const struct mreport *r)
{
	int w = 22, lw, room = COLS - 2 - 37 - 1 - 10;
	size_t i;

	for (i = 0; i < r->n; i++) {
		lw = text_width(r->rows[i].value[0] ? r->rows[i].value : "(none)");
		w = lw > w ? lw : w;
	}
	return w < room ? w : room > 22 ? room : 22;
}

static void
draw_row(struct tui *t, int y, const struct mreport *r, const struct mreport_row *row,
         bool chosen, int lw)
{
	const struct stat_share *sh = &row->share;
	bool sat = !mreport_is_shopper(r->by) && r->by != MREPORT_RESPONSE_RATE;
	char nums[96];
	int x = lw + 2, bx = x + 37, bw = COLS - bx - 1, len, i;
	int a = chosen ? tui_attr(t, PAIR_SELECT) : 0;

	if (chosen) {
		attron(a);
		mvhline(y, 0, ' ', lw + 1);
		attroff(a);
	}
	tui_text(y, 1, lw, row->value[0] ? row->value : "(none)", a);
	if (sh->n == 0)
		snprintf(nums, sizeof nums, "%6lld of %-6lld", (long long)sh->k, (long long)sh->n);
	else if (r->by == MREPORT_RESPONSE_RATE)
		snprintf(nums, sizeof nums, "%6lld of %-6lld %5.1f per 100", (long long)sh->k,
		         (long long)sh->n, stats_pct(sh->p));
	else
		snprintf(nums, sizeof nums, "%6lld of %-6lld %5.1f%% %5.1f-%-5.1f", (long long)sh->k,
		         (long long)sh->n, stats_pct(sh->p), stats_pct(sh->lo), stats_pct(sh->hi));
	tui_text(y, x, 36, nums, sat && sh->few ? tui_attr(t, PAIR_DIM) : 0);
	if (sat && sh->few) {
		tui_text(y, bx, bw, "too few responses", tui_attr(t, PAIR_DIM));
		return;
	}
	len = r->by == MREPORT_RESPONSE_RATE ? 0 : (int)(sh->p * bw);
	attron(tui_attr(t, PAIR_OK));
	for (i = 0; i < len; i++)
		mvaddstr(y, bx + i, "█");
	attroff(tui_attr(t, PAIR_OK));
}

/* The chosen row in words: what it is, and its figures. */
static void
row_words(const struct mreport *r, const struct mreport_row *row, char *buf, size_t len)
{
	const struct stat_share *sh = &row->share;
	char what[200], mean[96] = "";

	snprintf(what, sizeof what, "%s%s%s", row->value[0] ? row->value : "(none)",
	         row->words != NULL && row->words[0] ? ": " : "", row->words != NULL ?
	         row->words : "");
	if (!mreport_is_shopper(r->by) && row->mean.n > 0)
		snprintf(mean, sizeof mean, "; mean %.2f of 5 (95 %% CI %.2f to %.2f)",
		         row->mean.mean, row->mean.lo, row->mean.hi);
	if (sh->n == 0)
		snprintf(buf, len, "%s — none in this period.", what);
	else if (r->by == MREPORT_RESPONSE_RATE)
		snprintf(buf, len, "%s — %lld responses for %lld contacts, %.1f per 100.", what,
		         (long long)sh->k, (long long)sh->n, stats_pct(sh->p));
	else
		snprintf(buf, len, "%s — %lld of %lld %s, %.1f %% (95 %% CI %.1f to %.1f)%s%s.",
		         what, (long long)sh->k, (long long)sh->n, mreport_is_shopper(r->by) ?
		         "items met" : "answers satisfied (4 or 5, or yes)", stats_pct(sh->p),
		         stats_pct(sh->lo), stats_pct(sh->hi), mean,
		         sh->few && !mreport_is_shopper(r->by) ? "; too few responses" : "");
}

static void
mv_draw(struct tui *t)
{
	struct mv *s = tui_state(t);
	char title[128], period[32], line[200], words[600] = "";
	size_t i, rows;
	int wrows = 0, lw = label_width(&s->r);

	for (i = 0; i < N_VIEWS; i++)
		if (views[i].by == s->by)
			snprintf(title, sizeof title, "cslog — %s", views[i].name);
	snprintf(period, sizeof period, s->days ? "last %d days" : "all time", s->days);
	tui_title(t, title, period);
	if (s->r.question != NULL && !mreport_is_shopper(s->by) && s->by != MREPORT_SATISFACTION) {
		snprintf(line, sizeof line, "The question: %s", s->r.question);
		tui_text(1, 1, COLS - 2, line, tui_attr(t, PAIR_DIM));
	}
	snprintf(line, sizeof line, "%*s%s", lw + 2, "", mreport_is_shopper(s->by) ?
	         "items met of scored    %    95 % CI" : s->by == MREPORT_RESPONSE_RATE ?
	         "responses of contacts" : "satisfied of answers  %    95 % CI");
	tui_text(2, 1, COLS - 2, line, A_UNDERLINE);
	if (s->r.n > 0) {
		if (s->sel >= s->r.n)
			s->sel = s->r.n - 1;
		row_words(&s->r, &s->r.rows[s->sel], words, sizeof words);
		wrows = tui_wrap_rows(COLS - 2, words);
		wrows = wrows > 3 ? 3 : wrows;
	}
	rows = (size_t)(LINES - 6 - wrows - (s->r.has_diff ? 1 : 0));
	tui_mscroll(s->r.n, rows, &s->sel, &s->top);
	s->fit = rows;
	for (i = s->top; i < s->r.n && i < s->top + rows; i++)
		draw_row(t, 3 + (int)(i - s->top), &s->r, &s->r.rows[i], i == s->sel, lw);
	if (s->r.n == 0)
		tui_text(4, 1, COLS - 2, "Nothing in this period.", 0);
	else
		tui_wrap(LINES - 2 - wrows, 1, COLS - 2, wrows, words, 0);
	if (s->r.has_diff) {
		snprintf(line, sizeof line, "Difference: %+.1f points (95 %% CI %.1f to %.1f)%s",
		         stats_pct(s->r.diff.d), stats_pct(s->r.diff.lo), stats_pct(s->r.diff.hi),
		         s->r.diff.few ? ": too few responses to tell" : "");
		tui_text(LINES - 3 - wrows, 1, COLS - 2, line, A_BOLD);
	}
	tui_keybar(t);
}

static int
k_view(struct tui *t, int ch)
{
	struct mv *s = tui_state(t);
	size_t i;

	for (i = 0; i < N_VIEWS; i++)
		if (views[i].key == ch)
			s->by = views[i].by;
	mv_load(t, s);
	return TUI_REDRAW;
}

static int
k_period(struct tui *t, int ch)
{
	struct mv *s = tui_state(t);

	s->days = ch == '3' ? 30 : ch == '9' ? 90 : ch == 'y' ? 365 : 0;
	mv_load(t, s);
	return TUI_REDRAW;
}

static int
k_scroll(struct tui *t, int ch)
{
	struct mv *s = tui_state(t);

	if ((ch == KEY_DOWN || ch == 'j') && s->sel + 1 < s->r.n)
		s->sel++;
	else if ((ch == KEY_UP || ch == 'k') && s->sel > 0)
		s->sel--;
	return TUI_REDRAW;
}

static int
k_back(struct tui *t, int ch)
{
	(void)t;
	(void)ch;
	return TUI_BACK;
}

/* The key bar says when the table has more rows than it shows. */
static void
rows_label(struct tui *t, char *buf, size_t len)
{
	struct mv *s = tui_state(t);
	size_t last = s->top + s->fit < s->r.n ? s->top + s->fit : s->r.n;

	if (s->fit > 0 && s->r.n > s->fit)
		snprintf(buf, len, "rows %zu-%zu of %zu", s->top + 1, last, s->r.n);
	else
		snprintf(buf, len, "choose");
}

/* Up/Down first: its label ("rows 1-15 of 30") is the last the bar
 * drops on a narrow terminal, for rows below the fold must be said. */
static const struct tui_key mv_keys[] = {
	{ TUI_FKEY(KEY_DOWN), 'j', "Up/Down", "choose", "choose a row: it is said whole, in"
	  " words, under the table; the key bar says which rows show when not all fit", -1,
	  NULL, k_scroll, rows_label },
	{ TUI_FKEY(KEY_UP), 'k', "Up", NULL, NULL, -1, NULL, k_scroll, NULL },
	{ 'h', 0, "h c", "shopper", "secret-shopper evaluations: standards met (h), by channel"
	  " (c)", APP_SHOPPER_READ, NULL, k_view, NULL },
	{ 'c', 0, "c", NULL, NULL, APP_SHOPPER_READ, NULL, k_view, NULL },
	{ 'u', 0, "u m g r", "surveys", "satisfaction by question (u), by month (m); rated higher"
	  " after added value and an empowered check (g); responses per contact (r)",
	  APP_SURVEY_READ, NULL, k_view, NULL },
	{ 'm', 0, "m", NULL, NULL, APP_SURVEY_READ, NULL, k_view, NULL },
	{ 'g', 0, "g", NULL, NULL, APP_SURVEY_READ, NULL, k_view, NULL },
	{ 'r', 0, "r", NULL, NULL, APP_SURVEY_READ, NULL, k_view, NULL },
	{ '3', 0, "3 9 y 0", "period", "the last 30, 90, 365 days; 0: all time", -1, NULL,
	  k_period, NULL },
	{ '9', 0, "9", NULL, NULL, -1, NULL, k_period, NULL },
	{ 'y', 0, "y", NULL, NULL, -1, NULL, k_period, NULL },
	{ '0', 0, "0", NULL, NULL, -1, NULL, k_period, NULL },
	{ 'q', 0, "Esc", "back", "back to the reports (q too)", -1, NULL, k_back, NULL },
	{ .name = NULL },
};

static void
mv_leave(struct tui *t)
{
	struct mv *s = tui_state(t);

	mreport_free(&s->r);
	free(s);
}

static const struct tui_screen mv_screen = {
	.title = "Secret shopper and surveys", .keys = mv_keys, .draw = mv_draw,
	.leave = mv_leave,
};

void
tui_open_measures(struct tui *t)
{
	struct mv *s = calloc(1, sizeof *s);

	if (s == NULL)
		return;
	s->by = app_scope_of(&t->me, APP_SHOPPER_READ) != SCOPE_NONE ? MREPORT_SHOPPER :
	        MREPORT_SATISFACTION;
	s->days = 90;
	tui_push(t, &mv_screen, s);
	mv_load(t, s);
}
