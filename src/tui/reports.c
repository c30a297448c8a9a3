/* reports.c - the reports on screen: the same figures as `cslog report`,
 * from the same code (report.h), as bar charts, with a per-day
 * sparkline.  A member sees the figures of their own contacts; the
 * figures member by member are for trainers and supervisors. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/record.h"
#include "cslog/report.h"
#include "tui_measures.h"
#include "tui_screens.h"

struct reports {
	enum report_by by;
	int days;              /* the period: the last `days` days; 0 all */
	struct report r;
	struct report per_day; /* for the sparkline */
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

static void
draw_row(struct tui *t, int y, const struct report_row *row, int64_t max, int64_t total,
         bool of)
{
	char nums[64];
	int64_t base = of ? row->of : max;
	int bw = COLS - 58, len = base > 0 ? (int)(row->n * bw / base) : 0;
	double pct = of ? (row->of ? 100.0 * (double)row->n / (double)row->of : -1)
	                : (total ? 100.0 * (double)row->n / (double)total : -1);

	tui_text(y, 2, 26, row->value[0] ? row->value : "(none)", 0);
	if (of && row->of > 0)
		snprintf(nums, sizeof nums, "%8lld of %-8lld %5.1f%%", (long long)row->n,
		         (long long)row->of, pct);
	else if (of)
		snprintf(nums, sizeof nums, "%8lld", (long long)row->n);
	else
		snprintf(nums, sizeof nums, "%8lld             %5.1f%%", (long long)row->n, pct);
	tui_text(y, 29, 27, nums, 0);
	attron(tui_attr(t, PAIR_OK));
	mvhline(y, 57, ACS_CKBOARD, len > 0 ? len : 0);
	attroff(tui_attr(t, PAIR_OK));
}

static void
reports_draw(struct tui *t)
{
	struct reports *s = tui_state(t);
	char period[64], title[96];
	int64_t max = 0;
	size_t i, first = 0;
	int rows = LINES - 7;

	snprintf(period, sizeof period, s->days ? "last %d days" : "all time", s->days);
	for (i = 0; i < N_VIEWS; i++)
		if (views[i].by == s->by)
			snprintf(title, sizeof title, "cslog — report: %s", views[i].name);
	tui_title(t, title, period);
	sparkline(t, s, 2);
	for (i = 0; i < s->r.n; i++)
		max = s->r.rows[i].n > max ? s->r.rows[i].n : max;
	if (s->by == REPORT_DAY && s->r.n > (size_t)rows)
		first = s->r.n - (size_t)rows;   /* the latest days */
	for (i = first; i < s->r.n && (int)(i - first) < rows; i++)
		draw_row(t, 4 + (int)(i - first), &s->r.rows[i], max, s->r.total, has_of(s->by));
	if (s->r.n == 0)
		tui_text(4, 2, COLS - 4, "No contacts in this period.", 0);
	tui_keybar(t);
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

static const struct tui_key reports_keys[] = {
	{ 's', 0, "s k c o e y", "views", "the summary (s); contacts by customer kind (k),"
	  " channel (c), outcome (o), day (y); how often each question was answered no (e)",
	  APP_REPORT, NULL, k_view, NULL },
	{ 'k', 0, "k", NULL, NULL, APP_REPORT, NULL, k_view, NULL },
	{ 'c', 0, "c", NULL, NULL, APP_REPORT, NULL, k_view, NULL },
	{ 'o', 0, "o", NULL, NULL, APP_REPORT, NULL, k_view, NULL },
	{ 'e', 0, "e", NULL, NULL, APP_REPORT, NULL, k_view, NULL },
	{ 'y', 0, "y", NULL, NULL, APP_REPORT, NULL, k_view, NULL },
	{ 'm', 0, "m v d", "by member", "member by member: contacts (m), added value of each"
	  " member's contacts (v), drill and quiz answers right (d)", APP_REPORT_BY_MEMBER, NULL,
	  k_view, NULL },
	{ 'v', 0, "v", NULL, NULL, APP_REPORT_BY_MEMBER, NULL, k_view, NULL },
	{ 'd', 0, "d", NULL, NULL, APP_REPORT_BY_MEMBER, NULL, k_view, NULL },
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
