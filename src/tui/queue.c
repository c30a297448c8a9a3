/* queue.c - the supervisor's review queue: the log as a table, newest
 * first, one screenful at a time.  Pages come by key from the store
 * (never by offset, never the whole log), so the millionth contact is
 * as quick to reach page by page as the first.  The filter is one line
 * of text (filter.h), shown back in plain words: a quick key replaces
 * its "is:" words with its own, `/` sets its search words, `f` edits it
 * whole (and may combine them), and `S` keeps it as a view under a
 * number key. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_out.h"
#include "cslog/app_time.h"
#include "cslog/filter.h"
#include "cslog/text.h"
#include "tui_screens.h"

#define Q_ROWS_MAX 64

/* A view's name: at most VIEW_NAME characters (the prompt says so, and
 * a longer one is refused with a message, never cut). */
#define VIEW_NAME 60

struct view {
	char name[VIEW_NAME * 4 + 1];
	char filter[FILTER_LINE_MAX];
	bool used;
};

struct queue {
	char line[FILTER_LINE_MAX];      /* the filter as typed */
	struct app_filter af;
	struct contact rows[Q_ROWS_MAX];
	int n, sel, size;
	int64_t *starts;                 /* starts[k]: cursor before page k */
	size_t n_starts, page;
	bool more;
	struct view views[10];   /* 1..9 */
	int64_t open_id;                 /* detail open: reselect it after */
};

static void
rows_clear(struct queue *q)
{
	int i;

	for (i = 0; i < q->n; i++)
		record_contact_clear(&q->rows[i]);
	q->n = 0;
}

static int
collect(void *ctx, const struct contact *c)
{
	struct queue *q = ctx;

	if (q->n >= q->size || record_contact_copy(&q->rows[q->n], c) != 0)
		return 1;
	q->n++;
	return 0;
}

/* Rows for contacts: all but the title, the filter, the header, the
 * views (when there are any), the legend, the selected contact, the
 * status and the key bar. */
static int
page_size(const struct queue *q)
{
	int i, n = LINES - 7;

	for (i = 1; i <= 9; i++) {
		if (q->views[i].used) {
			n--;
			break;
		}
	}

	return n < 1 ? 1 : n > Q_ROWS_MAX ? Q_ROWS_MAX : n;
}

/* Keep the cursor that starts page k+1. */
static void
keep_start(struct queue *q, size_t k, int64_t last_id)
{
	int64_t *v;

	if (k < q->n_starts) {
		q->starts[k] = last_id;
		return;
	}
	v = realloc(q->starts, (k + 1) * sizeof *v);
	if (v == NULL)
		return;
	q->starts = v;
	q->starts[k] = last_id;
	q->n_starts = k + 1;
}

static void
load_page(struct tui *t, struct queue *q)
{
	struct cs_err err = { 0 };
	struct store_cursor from = { 0, false }, next = { 0, false };

	rows_clear(q);
	q->size = page_size(q);
	from.last_id = q->page < q->n_starts ? q->starts[q->page] : 0;
	if (app_contact_query(t->app, &t->me, &q->af.f, &from, (size_t)q->size, collect, q,
	                      &next, &err) != CS_OK) {
		tui_say(t, true, "The log cannot be read: %s", err.msg);
		return;
	}
	q->more = next.more;
	keep_start(q, q->page + 1, next.last_id);
	if (q->sel >= q->n)
		q->sel = q->n > 0 ? q->n - 1 : 0;
}

/* Parse the line and start again from the newest. */
static int
apply(struct tui *t, struct queue *q, const char *line)
{
	struct cs_err err = { 0 };
	struct app_filter af;

	if (app_filter_parse(t->app, line, &af, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return -1;
	}
	if (line != q->line)
		snprintf(q->line, sizeof q->line, "%s", line);
	/* The parsed filter points into its own buffer: re-parse in place. */
	app_filter_parse(t->app, q->line, &q->af, NULL);
	q->page = 0;
	q->sel = 0;
	keep_start(q, 0, 0);
	load_page(t, q);
	return 0;
}

static int
collect_view(void *ctx, int slot, const char *name, const char *filter)
{
	struct queue *q = ctx;

	if (slot < 1 || slot > 9)
		return 0;
	snprintf(q->views[slot].name, sizeof q->views[slot].name, "%s", name);
	snprintf(q->views[slot].filter, sizeof q->views[slot].filter, "%s", filter);
	q->views[slot].used = true;
	return 0;
}

static void
load_views(struct tui *t, struct queue *q)
{
	struct cs_err err = { 0 };

	memset(q->views, 0, sizeof q->views);
	if (app_view_list(t->app, &t->me, collect_view, q, &err) != CS_OK)
		tui_say(t, true, "The saved views cannot be read: %s", err.msg);
}

static void
draw_row(struct tui *t, int y, const struct contact *c, bool sel)
{
	char when[32], fl[5], id[24];
	int a = sel ? tui_attr(t, PAIR_SELECT) : 0;

	if (sel) {
		attron(a);
		mvhline(y, 0, ' ', COLS);
		attroff(a);
	}
	app_time_local(c->at, when, sizeof when);
	app_contact_flags(c, fl);
	snprintf(id, sizeof id, "%7lld", (long long)c->id);
	tui_text(y, 0, 7, id, a);
	tui_text(y, 8, 11, when + 5, a);
	tui_text(y, 20, 8, c->member_badge, a);
	tui_text(y, 29, 8, c->policy_id, a);
	tui_text(y, 38, 16, c->outcome ? app_label(t->app, c->policy_id, 'o', c->outcome) : "",
	         a);
	tui_text(y, 55, 4, fl, c->empowered == TRI_NO || c->overdue || c->debrief_due
	                       ? a | tui_attr(t, PAIR_BAD) : a);
	tui_text(y, 60, COLS - 60, c->summary, a);
}

/* The saved views' names, always on screen (the views row). */
static void
draw_views(struct tui *t, struct queue *q, int y)
{
	char buf[512];
	size_t off = 0;
	int i;

	for (i = 1; i <= 9 && off < sizeof buf - 80; i++) {
		if (q->views[i].used)
			off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%d %s",
			                        off ? "  " : "Views: ", i, q->views[i].name);
	}
	if (off > 0)
		tui_text(y, 1, COLS - 2, buf, tui_attr(t, PAIR_DIM));
}

static void
queue_draw(struct tui *t)
{
	struct queue *q = tui_state(t);
	const struct contact *c;
	char right[64], line[FILTER_LINE_MAX + 96], words[FILTER_LINE_MAX + 64];
	int i;

	if (q->size != page_size(q))
		load_page(t, q);   /* the terminal was resized */
	snprintf(right, sizeof right, "page %zu%s", q->page + 1, q->more ? "" : " (last)");
	tui_title(t, "cslog — review queue", right);
	app_filter_words(t->app, &q->af, words, sizeof words);
	snprintf(line, sizeof line, "Showing: %s", words);
	tui_text(1, 1, COLS - 2, line, A_BOLD);
	tui_text(2, 0, COLS, "     ID WHEN        MEMBER   POLICY   OUTCOME          FLAG SUMMARY",
	         A_UNDERLINE);
	for (i = 0; i < q->n; i++)
		draw_row(t, 3 + i, &q->rows[i], i == q->sel);
	if (q->n == 0)
		tui_text(4, 2, COLS - 4, "Nothing matches.  a shows all contacts.", 0);
	/* The legend is whole at 80 columns; its name comes when there is room. */
	tui_text(LINES - 4, 1, COLS - 2, COLS >= 86 ? "FLAG: " APP_FLAG_LEGEND : APP_FLAG_LEGEND,
	         tui_attr(t, PAIR_DIM));
	if (q->n > 0) {
		c = &q->rows[q->sel];
		snprintf(line, sizeof line, "%s (%s) · %s · %s · %s", c->member_name,
		         c->member_badge, app_label(t->app, c->policy_id, 'k', c->kind),
		         app_label(t->app, c->policy_id, 'c', c->channel),
		         c->signed_off ? "signed off" : "not signed off");
		tui_text(LINES - 3, 1, COLS - 2, line, tui_attr(t, PAIR_DIM));
	}
	draw_views(t, q, LINES - 5);
	tui_keybar(t);
}

/* A quick key replaces the line's "is:" words with its own. */
static void
quick(struct tui *t, struct queue *q, int which)
{
	char line[FILTER_LINE_MAX];

	if (app_filter_quick(q->line, which, line, sizeof line) != 0)
		tui_say(t, true, "The filter is too long: f edits it.");
	else
		apply(t, q, line);
}

/* `/`: the words of the line that are not key:value are the search. */
static int
search_done(struct tui *t, void *ctx, const char *text)
{
	struct queue *q = ctx;
	char line[FILTER_LINE_MAX] = "", *w, *save = NULL, copy[FILTER_LINE_MAX];
	size_t off = 0;

	snprintf(copy, sizeof copy, "%s", q->line);
	for (w = strtok_r(copy, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		if (strchr(w, ':') != NULL && off + strlen(w) + 2 < sizeof line)
			off += (size_t)snprintf(line + off, sizeof line - off, "%s%s",
			                        off ? " " : "", w);
	}
	if (*text != '\0' && off + strlen(text) + 2 < sizeof line)
		snprintf(line + off, sizeof line - off, "%s%s", off ? " " : "", text);
	return apply(t, q, line) == 0 ? 0 : 1;
}

static int
filter_done(struct tui *t, void *ctx, const char *text)
{
	return apply(t, ctx, text) == 0 ? 0 : 1;
}

static int
view_done(struct tui *t, void *ctx, const char *text)
{
	struct queue *q = ctx;
	struct cs_err err = { 0 };
	const char *name = text + 1 + strspn(text + 1, " ");

	if (text[0] < '1' || text[0] > '9' || *name == '\0') {
		tui_say(t, true, "Start with the key 1-9, then a name: e.g. 2 night shift");
		return 1;
	}
	if (text_width(name) > VIEW_NAME) {
		tui_say(t, true, "The name is %d characters; a view's name has at most %d: shorten"
		        " it.", text_width(name), VIEW_NAME);
		return 1;
	}
	if (app_view_save(t->app, &t->me, text[0] - '0', name, q->line, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return 1;
	}
	tui_say(t, false, "Saved: key %c shows \"%s\".", text[0], q->line);
	load_views(t, q);
	return 0;
}

static void
ask(struct tui *t, struct queue *q, int which)
{
	static const struct tui_prompt_spec specs[] = {
		{ "Search the log", "Words to find in summaries and notes (all must match):",
		  NULL, 200, false, false },
		{ "Filter the log", "Words such as since:2026-11-01 (or today, -7d) until:DATE "
		  "member:BADGE policy:ID kind:ID channel:ID outcome:ID call:REF is:unreviewed "
		  "is:not-empowered is:debrief is:overdue; other words are searched for.  Every "
		  "word must match.", NULL, FILTER_LINE_MAX - 1, false, false },
		{ "Save this view", "A key from 1 to 9, then a name of at most 60 characters"
		  " (e.g. 2 night shift):", NULL, 2 + 4 * 2 * VIEW_NAME, false, true },
	};
	static const tui_prompt_done done[] = { search_done, filter_done, view_done };
	struct tui_prompt_spec s = specs[which];

	s.initial = which == 1 ? q->line : which == 0 ? q->af.f.search : NULL;
	tui_prompt(t, &s, done[which], q);
}

static void
turn(struct tui *t, struct queue *q, int dir, bool to_edge)
{
	if (dir > 0 && q->more) {
		q->page++;
		load_page(t, q);
		q->sel = 0;
	} else if (dir < 0 && q->page > 0) {
		q->page--;
		load_page(t, q);
		q->sel = to_edge ? q->n - 1 : 0;
	}
}

static int
k_move(struct tui *t, int ch)
{
	struct queue *q = tui_state(t);

	switch (ch) {
	case KEY_DOWN: case 'j':
		if (q->sel + 1 < q->n)
			q->sel++;
		else
			turn(t, q, +1, false);
		break;
	case KEY_UP: case 'k':
		if (q->sel > 0)
			q->sel--;
		else
			turn(t, q, -1, true);
		break;
	case KEY_NPAGE:
		turn(t, q, +1, false);
		break;
	case KEY_PPAGE:
		turn(t, q, -1, false);
		break;
	case KEY_HOME:
		q->page = 0;
		q->sel = 0;
		load_page(t, q);
		break;
	}
	return TUI_REDRAW;
}

static int
k_open(struct tui *t, int ch)
{
	struct queue *q = tui_state(t);

	(void)ch;
	if (q->n > 0) {
		q->open_id = q->rows[q->sel].id;
		tui_open_detail(t, q->open_id);
	}
	return TUI_REDRAW;
}

static int
k_quick(struct tui *t, int ch)
{
	quick(t, tui_state(t), ch);
	return TUI_REDRAW;
}

static int
k_view(struct tui *t, int ch)
{
	struct queue *q = tui_state(t);

	if (q->views[ch - '0'].used)
		apply(t, q, q->views[ch - '0'].filter);
	else
		tui_say(t, true, "No view on %c yet: set a filter, then S to save it.", ch);
	return TUI_REDRAW;
}

static int
k_all(struct tui *t, int ch)
{
	(void)ch;
	apply(t, tui_state(t), "");
	return TUI_REDRAW;
}

static int
k_ask(struct tui *t, int ch)
{
	ask(t, tui_state(t), ch == '/' ? 0 : ch == 'f' ? 1 : 2);
	return TUI_REDRAW;
}

static int
k_back(struct tui *t, int ch)
{
	(void)t;
	(void)ch;
	return TUI_BACK;
}

#define VIEW(c) { c, 0, #c, NULL, NULL, APP_VIEWS, NULL, k_view, NULL }
static const struct tui_key queue_keys[] = {
	{ TUI_FKEY(KEY_DOWN), 'j', "Up/Down, j/k", NULL, "move; past the edge turns the page",
	  -1, NULL, k_move, NULL },
	{ TUI_FKEY(KEY_UP), 'k', "Up", NULL, NULL, -1, NULL, k_move, NULL },
	{ TUI_FKEY(KEY_NPAGE), 0, "PgUp/PgDn", NULL, "previous / next page", -1, NULL, k_move, NULL },
	{ TUI_FKEY(KEY_PPAGE), 0, "PgUp", NULL, NULL, -1, NULL, k_move, NULL },
	{ TUI_FKEY(KEY_HOME), 0, "Home", NULL, "back to the newest", -1, NULL, k_move, NULL },
	{ '\r', TUI_FKEY(KEY_ENTER), "Enter", "open", "open the contact: answers, standards,"
	  " reviews; sign off, debrief, commend, amend", APP_READ, NULL, k_open, NULL },
	{ 'u', 0, "u n d o a", "quick", "show only: waiting for sign-off (u), empowerment"
	  " check failed (n), debrief due (d), follow-up overdue (o); each replaces the"
	  " one before (f combines them); a: all contacts, the whole filter cleared", -1,
	  NULL, k_quick, NULL },
	{ 'n', 0, "n", NULL, NULL, -1, NULL, k_quick, NULL },
	{ 'd', 0, "d", NULL, NULL, -1, NULL, k_quick, NULL },
	{ 'o', 0, "o", NULL, NULL, -1, NULL, k_quick, NULL },
	{ 'a', 0, "a", NULL, NULL, -1, NULL, k_all, NULL },
	{ '/', 0, "/", "search", "search summaries and notes (words, all must match)", -1,
	  NULL, k_ask, NULL },
	{ 'f', 0, "f", "filter", "edit the filter line: since: until: member: policy: kind:"
	  " channel: outcome: is: and search words", -1, NULL, k_ask, NULL },
	{ 'S', 0, "S 1-9", "views", "S keeps this filter as a view on a key 1-9, with a name;"
	  " 1-9 applies a saved view", APP_VIEWS, NULL, k_ask, NULL },
	{ '1', 0, "1", NULL, NULL, APP_VIEWS, NULL, k_view, NULL },
	VIEW('2'), VIEW('3'), VIEW('4'), VIEW('5'), VIEW('6'), VIEW('7'), VIEW('8'), VIEW('9'),
	{ 'q', 0, "Esc", "back", "back to home (q too)", -1, NULL, k_back, NULL },
	{ .name = NULL },
};
#undef VIEW

static void
queue_leave(struct tui *t)
{
	struct queue *q = tui_state(t);

	rows_clear(q);
	free(q->starts);
	free(q);
}

/* Back from the detail (which may have signed it off) or a prompt. */
static void
queue_resume(struct tui *t)
{
	struct queue *q = tui_state(t);
	int i;

	load_page(t, q);
	for (i = 0; q->open_id != 0 && i < q->n; i++) {
		if (q->rows[i].id == q->open_id)
			q->sel = i;
	}
	q->open_id = 0;
}

static const struct tui_screen queue_screen = {
	.title = "Review queue", .keys = queue_keys, .draw = queue_draw, .leave = queue_leave,
	.resume = queue_resume,
	.notes = "The FLAG column: E the empowerment check passed, N it failed; R signed off;"
	" D a negative call's debrief is due; F a follow-up is open, ! it is overdue.\n"
	"A cut cell ends in an ellipsis: Enter shows the contact whole.",
};

void
tui_open_queue(struct tui *t)
{
	struct queue *q = calloc(1, sizeof *q);

	if (q == NULL)
		return;
	tui_push(t, &queue_screen, q);
	if (tui_may(t, APP_VIEWS))
		load_views(t, q);
	apply(t, q, "is:unreviewed");
}
