/* queue.c - the supervisor's review queue: the log as a table, newest
 * first, one screenful at a time.  Pages come by key from the store
 * (never by offset, never the whole log), so the millionth contact is
 * as quick to reach page by page as the first.  The filter is one line
 * of text (filter.h): quick keys add or remove its "is:" words, `/`
 * sets its search words, `f` edits it whole, and `S` keeps it as a
 * view under a number key. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/filter.h"
#include "cslog/store.h"
#include "cslog/tui_screens.h"

#define Q_ROWS_MAX 64

struct view {
	char name[64];
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
	struct view views[STORE_VIEW_SLOTS + 1];
	int64_t open_id;                 /* detail open: reselect it after */
};

static const struct tui_help_line queue_help[] = {
	{ "Up/Down, j/k", "move; past the edge turns the page" },
	{ "PgUp/PgDn", "previous / next page;  Home: the newest" },
	{ "Enter", "open the contact: answers, standards, reviews; act" },
	{ "u n d o", "only unreviewed / not empowered / debrief due / overdue" },
	{ "a", "all contacts (clear the filter)" },
	{ "/", "search summaries and notes (words, all must match)" },
	{ "f", "edit the filter line: since: until: member: policy: ..." },
	{ "1-9", "apply a saved view;  S: save this filter as a view" },
	{ "Esc, q", "back to home" },
	{ NULL, NULL },
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

static int
page_size(void)
{
	int n = LINES - 6;

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
	struct store *st = app_store(t->app, &err);
	struct store_cursor from = { 0, false }, next = { 0, false };

	rows_clear(q);
	q->size = page_size();
	if (st == NULL)
		return;
	from.last_id = q->page < q->n_starts ? q->starts[q->page] : 0;
	q->af.f.now = t->app->now;
	if (store_contact_query(st, &q->af.f, &from, (size_t)q->size, collect, q, &next,
	                        &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
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

	snprintf(q->views[slot].name, sizeof q->views[slot].name, "%s", name);
	snprintf(q->views[slot].filter, sizeof q->views[slot].filter, "%s", filter);
	q->views[slot].used = true;
	return 0;
}

static void
load_views(struct tui *t, struct queue *q)
{
	struct store *st = app_store(t->app, NULL);

	memset(q->views, 0, sizeof q->views);
	if (st != NULL)
		store_view_list(st, t->me_id, collect_view, q, NULL);
}

static void
flags(const struct contact *c, char *buf)
{
	buf[0] = c->empowered == TRI_YES ? 'E' : c->empowered == TRI_NO ? 'N' : ' ';
	buf[1] = c->signed_off ? 'R' : ' ';
	buf[2] = c->debrief_due ? 'D' : ' ';
	buf[3] = c->overdue ? '!' : c->followup_id ? 'F' : ' ';
	buf[4] = '\0';
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
	flags(c, fl);
	snprintf(id, sizeof id, "%7lld", (long long)c->id);
	tui_text(y, 0, 7, id, a);
	tui_text(y, 8, 11, when + 5, a);
	tui_text(y, 20, 8, c->member_badge, a);
	tui_text(y, 29, 8, c->policy_id, a);
	tui_text(y, 38, 16, c->outcome ? c->outcome : "", a);
	tui_text(y, 55, 4, fl, c->empowered == TRI_NO || c->overdue || c->debrief_due
	                       ? a | tui_attr(t, PAIR_BAD) : a);
	tui_text(y, 60, COLS - 60, c->summary, a);
}

static void
draw_views(struct tui *t, struct queue *q, int y)
{
	char buf[256];
	size_t off = 0;
	int i;

	for (i = 1; i <= STORE_VIEW_SLOTS && off < sizeof buf - 80; i++) {
		if (q->views[i].used)
			off += (size_t)snprintf(buf + off, sizeof buf - off, "%d %s  ", i,
			                        q->views[i].name);
	}
	if (off > 0)
		tui_text(y, 2, COLS - 4, buf, tui_attr(t, PAIR_DIM));
}

static void
queue_draw(struct tui *t)
{
	struct queue *q = tui_state(t);
	const struct contact *c;
	char right[64], line[FILTER_LINE_MAX + 16];
	int i;

	if (q->size != page_size())
		load_page(t, q);   /* the terminal was resized */
	snprintf(right, sizeof right, "page %zu%s", q->page + 1, q->more ? "" : " (last)");
	tui_title(t, "cslog — review queue", right);
	snprintf(line, sizeof line, "Filter: %s", q->line[0] ? q->line : "all contacts");
	tui_text(1, 1, COLS - 2, line, A_BOLD);
	tui_text(2, 0, COLS, "     ID WHEN        MEMBER   POLICY   OUTCOME          FLAG SUMMARY",
	         A_UNDERLINE);
	for (i = 0; i < q->n; i++)
		draw_row(t, 3 + i, &q->rows[i], i == q->sel);
	if (q->n == 0)
		tui_text(4, 2, COLS - 4, "Nothing matches.  a shows all contacts.", 0);
	if (q->n > 0) {
		c = &q->rows[q->sel];
		snprintf(line, sizeof line, "%s · %s · %s · %s", c->member_name, c->kind,
		         c->channel, c->signed_off ? "signed off" : "not signed off");
		tui_text(LINES - 3, 1, COLS - 2, line, tui_attr(t, PAIR_DIM));
	} else {
		draw_views(t, q, LINES - 3);
	}
	tui_keybar(t, "Enter open  u n d o quick  a all  / search  f filter  1-9 S views  ? help");
}

/* Quick keys add or remove one "is:" word of the line. */
static void
toggle_word(struct tui *t, struct queue *q, const char *word)
{
	char line[FILTER_LINE_MAX], *p;
	size_t n = strlen(word);

	snprintf(line, sizeof line, "%s", q->line);
	p = strstr(line, word);
	if (p != NULL && (p == line || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) {
		memmove(p, p + n + (p[n] == ' '), strlen(p + n + (p[n] == ' ')) + 1);
		n = strlen(line);
		while (n > 0 && line[n - 1] == ' ')
			line[--n] = '\0';
	} else if (strlen(line) + n + 2 < sizeof line) {
		if (line[0] != '\0')
			strcat(line, " ");
		strcat(line, word);
	}
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
	struct store *st = app_store(t->app, &err);
	const char *name = text + 1 + strspn(text + 1, " ");

	if (text[0] < '1' || text[0] > '9' || *name == '\0') {
		tui_say(t, true, "Start with the key 1-9, then a name: e.g. 2 night shift");
		return 1;
	}
	if (st == NULL || store_view_save(st, t->me_id, text[0] - '0', name, q->line,
	                                  t->app->now, &err) != CS_OK) {
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
		{ "Filter the log", "since:DATE until:DATE member:BADGE policy:ID kind:ID "
		  "channel:ID outcome:ID is:unreviewed ...", NULL, FILTER_LINE_MAX - 1, false,
		  false },
		{ "Save this view", "A key from 1 to 9, then a name (e.g. 2 night shift):",
		  NULL, 60, false, true },
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
move_key(struct tui *t, struct queue *q, int ch)
{
	switch (ch) {
	case KEY_DOWN:
		if (q->sel + 1 < q->n)
			q->sel++;
		else
			turn(t, q, +1, false);
		return TUI_REDRAW;
	case KEY_UP:
		if (q->sel > 0)
			q->sel--;
		else
			turn(t, q, -1, true);
		return TUI_REDRAW;
	case KEY_NPAGE:
		turn(t, q, +1, false);
		return TUI_REDRAW;
	case KEY_PPAGE:
		turn(t, q, -1, false);
		return TUI_REDRAW;
	case KEY_HOME:
		q->page = 0;
		q->sel = 0;
		load_page(t, q);
		return TUI_REDRAW;
	case KEY_ENTER:
		if (q->n > 0) {
			q->open_id = q->rows[q->sel].id;
			tui_open_detail(t, q->open_id);
		}
		return TUI_REDRAW;
	}
	return TUI_STAY;
}

static int
queue_key(struct tui *t, int ch, bool fk)
{
	struct queue *q = tui_state(t);
	static const char *const quick[] = { "is:unreviewed", "is:not-empowered",
	                                     "is:debrief", "is:overdue" };
	const char *k;

	if (fk || ch == '\r' || ch == '\n')
		return move_key(t, q, fk ? ch : KEY_ENTER);
	if (ch == 'j' || ch == 'k')
		return move_key(t, q, ch == 'j' ? KEY_DOWN : KEY_UP);
	if ((k = strchr("undo", ch)) != NULL && ch != 0) {
		toggle_word(t, q, quick[k - "undo"]);
		return TUI_REDRAW;
	}
	if (ch >= '1' && ch <= '9') {
		if (q->views[ch - '0'].used)
			apply(t, q, q->views[ch - '0'].filter);
		else
			tui_say(t, true, "No view on %c yet: set a filter, then S to save it.", ch);
		return TUI_REDRAW;
	}
	switch (ch) {
	case 'a': apply(t, q, ""); return TUI_REDRAW;
	case '/': ask(t, q, 0); return TUI_REDRAW;
	case 'f': ask(t, q, 1); return TUI_REDRAW;
	case 'S': ask(t, q, 2); return TUI_REDRAW;
	case 27: case 'q': return TUI_BACK;
	}
	return TUI_STAY;
}

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
	"Review queue", queue_help, queue_draw, queue_key, queue_leave, queue_resume,
};

void
tui_open_queue(struct tui *t)
{
	struct queue *q = calloc(1, sizeof *q);

	if (q == NULL)
		return;
	tui_push(t, &queue_screen, q);
	load_views(t, q);
	apply(t, q, "is:unreviewed");
}
