/* reports.c - the reports on screen: the same figures as `cslog report`,
 * from the same code (report.h), as bar charts with the policies' labels
 * and members' names, the largest first (days in order), with a per-day
 * sparkline.  A chart longer than the screen scrolls and says how many
 * rows are above and below; the row under the cursor is shown whole at
 * the bottom.  A member sees the figures of their own contacts; the
 * figures member by member are for trainers and supervisors. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/record.h"
#include "cslog/report.h"
#include "cslog/text.h"
#include "tui_measures.h"
#include "tui_screens.h"

struct reports {
	enum report_by by;
	int days;              /* the period: the last `days` days; 0 all */
	struct report r;
	struct report per_day; /* for the sparkline */
	int sel, first;        /* the row under the cursor, the first shown */
};

static const struct { int key; enum report_by by; const char *name; } views[] = {
	{ 's', REPORT_SUMMARY, "summary" },
	{ 'k', REPORT_KIND, "kind" },
	{ 'c', REPORT_CHANNEL, "channel" },
	{ 'o', REPORT_OUTCOME, "outcome" },
	{ 'm', REPORT_MEMBER, "member" },
	{ 'e', REPORT_QUESTION, "questions failed" },
	{ 'v', REPORT_MEMBER_ADDED, "added value by member" },
	{ 'y', REPORT_DAY, "day" },
	{ 'd', REPORT_DRILLS, "drill answers right, by member" },
};
#define N_VIEWS (sizeof views / sizeof views[0])

static void
since_day(struct tui *t, int days, char *buf, size_t len)
{
	app_time_day(app_now(t->app) - (int64_t)(days - 1) * 86400, buf, len);
}

static void
reports_load(struct tui *t, struct reports *s)
{
	struct cs_err err = { 0 };
	char since[16];
	const char *from = NULL;

	report_free(&s->r);
	report_free(&s->per_day);
	if (s->days > 0) {
		since_day(t, s->days, since, sizeof since);
		from = since;
	}
	if (report_run(t->app, &t->me, s->by, from, NULL, NULL, &s->r, &err) != CS_OK ||
	    report_run(t->app, &t->me, REPORT_DAY, from, NULL, NULL, &s->per_day, &err) != CS_OK)
		tui_say(t, true, "The report cannot be made: %s", err.msg);
	/* Days open on the latest; the others on the largest (the first). */
	s->sel = s->by == REPORT_DAY && s->r.n > 0 ? (int)s->r.n - 1 : 0;
	s->first = 0;
}

/* Rows of the chart on screen: between the header and the more-below
 * line, the row shown whole, the status and the key bar. */
static int
chart_rows(void)
{
	return LINES - 9 > 1 ? LINES - 9 : 1;
}

static bool
has_of(enum report_by by)
{
	return by == REPORT_QUESTION || by == REPORT_MEMBER_ADDED || by == REPORT_SUMMARY ||
	       by == REPORT_DRILLS;
}

/* Contacts per day as a line of eighth-blocks, the latest on the right. */
static void
sparkline(struct tui *t, const struct reports *s, int y)
{
	static const char *const blocks[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	char line[64 * 4 + 1] = "", day[16];
	int64_t max = 0, n;
	int w = COLS - 26 > 60 ? 60 : COLS - 26, i;
	size_t j, off = 0;

	for (j = 0; j < s->per_day.n; j++)
		max = s->per_day.rows[j].n > max ? s->per_day.rows[j].n : max;
	for (i = w - 1; i >= 0; i--) {
		app_time_day(t->app->now - (int64_t)i * 86400, day, sizeof day);  /* as loaded */
		for (n = 0, j = 0; j < s->per_day.n; j++)
			if (strcmp(s->per_day.rows[j].value, day) == 0)
				n = s->per_day.rows[j].n;
		off += (size_t)snprintf(line + off, sizeof line - off, "%s",
		                        blocks[max > 0 ? (n * 8 + max - 1) / max : 0]);
	}
	tui_text(y, 2, 22, "contacts per day", tui_attr(t, PAIR_DIM));
	mvaddstr(y, 24, line);
}

/* The label column: as wide as the longest label, leaving the figures
 * and a bar of at least 10 columns. */
static int
label_width(const struct report *r)
{
	int w = 12, lw, room = COLS - 2 - 1 - 28 - 10;
	size_t i;

	for (i = 0; i < r->n; i++) {
		lw = text_width(report_row_label(&r->rows[i]));
		w = lw > w ? lw : w;
	}
	return w < room ? w : room > 12 ? room : 12;
}

static void
draw_row(struct tui *t, int y, const struct report_row *row, int64_t max, int64_t total,
         bool of, bool sel, int lw)
{
	char nums[64];
	int64_t base = of ? row->of : max;
	int x = lw + 3, bw = COLS - x - 29, i;
	int len = base > 0 && bw > 0 ? (int)(row->n * bw / base) : 0;
	double pct = of ? (row->of ? 100.0 * (double)row->n / (double)row->of : -1)
	                : (total ? 100.0 * (double)row->n / (double)total : -1);
	int a = sel ? tui_attr(t, PAIR_SELECT) : 0;

	if (sel) {
		attron(a);
		mvhline(y, 0, ' ', COLS);
		attroff(a);
	}
	tui_text(y, 2, lw, row->value[0] ? report_row_label(row) : "(none)", a);
	if (of && row->of > 0)
		snprintf(nums, sizeof nums, "%8lld of %-8lld %5.1f%%", (long long)row->n,
		         (long long)row->of, pct);
	else if (of)
		snprintf(nums, sizeof nums, "%8lld", (long long)row->n);
	else
		snprintf(nums, sizeof nums, "%8lld             %5.1f%%", (long long)row->n, pct);
	tui_text(y, x, 27, nums, a);
	attron(tui_attr(t, PAIR_OK));
	for (i = 0; i < len; i++)
		mvaddstr(y, x + 28 + i, "█");
	attroff(tui_attr(t, PAIR_OK));
}

/* The row under the cursor, whole: its label, its id, its figures. */
static void
draw_whole(const struct reports *s, int y)
{
	const struct report_row *row = &s->r.rows[s->sel];
	char line[1024], id[160] = "";

	if (row->label != NULL && strcmp(row->label, row->value) != 0 &&
	    strstr(row->label, row->value) == NULL)
		snprintf(id, sizeof id, " (%s)", row->value);
	if (has_of(s->by) && row->of > 0)
		snprintf(line, sizeof line, "%s%s: %lld of %lld", report_row_label(row), id,
		         (long long)row->n, (long long)row->of);
	else
		snprintf(line, sizeof line, "%s%s: %lld of %lld contacts",
		         row->value[0] ? report_row_label(row) : "(none)", id,
		         (long long)row->n, (long long)s->r.total);
	tui_wrap(y, 1, COLS - 2, 2, line, A_BOLD);
}

static void
reports_draw(struct tui *t)
{
	struct reports *s = tui_state(t);
	char period[64], title[96], more[64];
	int64_t max = 0;
	size_t i;
	int rows = chart_rows(), last, lw = label_width(&s->r);

	snprintf(period, sizeof period, s->days ? "last %d days" : "all time", s->days);
	for (i = 0; i < N_VIEWS; i++)
		if (views[i].by == s->by)
			snprintf(title, sizeof title, "cslog — report: %s", views[i].name);
	tui_title(t, title, period);
	sparkline(t, s, 2);
	for (i = 0; i < s->r.n; i++)
		max = s->r.rows[i].n > max ? s->r.rows[i].n : max;
	/* Keep the cursor on screen. */
	if (s->sel < s->first)
		s->first = s->sel;
	if (s->sel >= s->first + rows)
		s->first = s->sel - rows + 1;
	if (s->first > 0) {
		snprintf(more, sizeof more, "↑ %d more above", s->first);
		tui_text(3, 2, COLS - 4, more, tui_attr(t, PAIR_DIM));
	}
	for (i = (size_t)s->first; i < s->r.n && (int)i - s->first < rows; i++)
		draw_row(t, 4 + (int)i - s->first, &s->r.rows[i], max, s->r.total, has_of(s->by),
		         (int)i == s->sel, lw);
	last = s->first + rows;
	if ((size_t)last < s->r.n) {
		snprintf(more, sizeof more, "↓ %d more below", (int)s->r.n - last);
		tui_text(4 + rows, 2, COLS - 4, more, tui_attr(t, PAIR_DIM));
	}
	if (s->r.n == 0)
		tui_text(4, 2, COLS - 4, "No contacts in this period.", 0);
	else
		draw_whole(s, LINES - 4);
	tui_keybar(t);
}

static int
k_move(struct tui *t, int ch)
{
	struct reports *s = tui_state(t);
	int n = (int)s->r.n, page = chart_rows();

	switch (ch) {
	case KEY_DOWN: case 'j': s->sel++; break;
	case KEY_UP: case 'k': s->sel--; break;
	case KEY_NPAGE: s->sel += page; break;
	case KEY_PPAGE: s->sel -= page; break;
	case KEY_HOME: s->sel = 0; break;
	case KEY_END: s->sel = n - 1; break;
	}
	if (s->sel >= n)
		s->sel = n - 1;
	if (s->sel < 0)
		s->sel = 0;
	return TUI_REDRAW;
}

static int
k_view(struct tui *t, int ch)
{
	struct reports *s = tui_state(t);
	size_t i;

	for (i = 0; i < N_VIEWS; i++)
		if (views[i].key == ch)
			s->by = views[i].by;
	reports_load(t, s);
	return TUI_REDRAW;
}

static int
k_period(struct tui *t, int ch)
{
	struct reports *s = tui_state(t);

	s->days = ch == '1' ? 7 : ch == '3' ? 30 : ch == '9' ? 90 : 0;
	reports_load(t, s);
	return TUI_REDRAW;
}

static int
k_measures(struct tui *t, int ch)
{
	(void)ch;
	tui_open_measures(t);
	return TUI_REDRAW;
}

static int
k_back(struct tui *t, int ch)
{
	(void)t;
	(void)ch;
	return TUI_BACK;
}

/* Drills' figures: where the store has drills (not yet on a server). */
static bool
drills_here(struct tui *t)
{
	return app_available(t->app, APP_DRILL_READ);
}

static bool
no_drills_here(struct tui *t)
{
	return !drills_here(t);
}

static const struct tui_key reports_keys[] = {
	{ TUI_FKEY(KEY_DOWN), 'j', "Up/Down", NULL, "move along the chart; the row under the"
	  " cursor is shown whole below it", -1, NULL, k_move, NULL },
	{ TUI_FKEY(KEY_UP), 'k', "Up", NULL, NULL, -1, NULL, k_move, NULL },
	{ TUI_FKEY(KEY_NPAGE), 0, "PgUp/PgDn", NULL, "a screenful up or down", -1, NULL,
	  k_move, NULL },
	{ TUI_FKEY(KEY_PPAGE), 0, "PgUp", NULL, NULL, -1, NULL, k_move, NULL },
	{ TUI_FKEY(KEY_HOME), 0, "Home/End", NULL, "the first / the last row", -1, NULL, k_move,
	  NULL },
	{ TUI_FKEY(KEY_END), 0, "End", NULL, NULL, -1, NULL, k_move, NULL },
	{ 's', 0, "s k c o e y", "views", "the summary (s); contacts by customer kind (k),"
	  " channel (c), outcome (o), day (y); how often each question was answered no (e)",
	  APP_REPORT, NULL, k_view, NULL },
	{ 'k', 0, "k", NULL, NULL, APP_REPORT, NULL, k_view, NULL },
	{ 'c', 0, "c", NULL, NULL, APP_REPORT, NULL, k_view, NULL },
	{ 'o', 0, "o", NULL, NULL, APP_REPORT, NULL, k_view, NULL },
	{ 'e', 0, "e", NULL, NULL, APP_REPORT, NULL, k_view, NULL },
	{ 'y', 0, "y", NULL, NULL, APP_REPORT, NULL, k_view, NULL },
	{ 'm', 0, "m v d", "by member", "member by member: contacts (m), added value of each"
	  " member's contacts (v), drill and quiz answers right (d)", APP_REPORT_BY_MEMBER,
	  drills_here, k_view, NULL },
	{ 'm', 0, "m v", "by member", "member by member: contacts (m), added value of each"
	  " member's contacts (v)", APP_REPORT_BY_MEMBER, no_drills_here, k_view, NULL },
	{ 'v', 0, "v", NULL, NULL, APP_REPORT_BY_MEMBER, NULL, k_view, NULL },
	{ 'd', 0, "d", NULL, NULL, APP_REPORT_BY_MEMBER, drills_here, k_view, NULL },
	{ '1', 0, "1 3 9 0", "period", "the last 7, 30, 90 days; 0: all time", -1, NULL,
	  k_period, NULL },
	{ '3', 0, "3", NULL, NULL, -1, NULL, k_period, NULL },
	{ '9', 0, "9", NULL, NULL, -1, NULL, k_period, NULL },
	{ '0', 0, "0", NULL, NULL, -1, NULL, k_period, NULL },
	{ 'w', 0, "w", "measures", "secret-shopper evaluations and satisfaction surveys",
	  APP_SHOPPER_READ, NULL, k_measures, NULL },
	{ 'q', 0, "Esc", "back", "back to home (q too)", -1, NULL, k_back, NULL },
	{ .name = NULL },
};

static void
reports_leave(struct tui *t)
{
	struct reports *s = tui_state(t);

	report_free(&s->r);
	report_free(&s->per_day);
	free(s);
}

static const struct tui_screen reports_screen = {
	.title = "Reports", .keys = reports_keys, .draw = reports_draw, .leave = reports_leave,
	.notes = "Rows are the policies' labels and members' names (Name (BADGE)), the"
	" largest count first; days in order, the latest last.  Where several policies"
	" give one id different labels, every label is shown.  The same figures as"
	" 'cslog report --by ...', which adds the ids to type.",
};

void
tui_open_reports(struct tui *t)
{
	struct reports *s = calloc(1, sizeof *s);

	if (s == NULL)
		return;
	s->by = REPORT_SUMMARY;
	s->days = 30;
	tui_push(t, &reports_screen, s);
	reports_load(t, s);
}
