/* tui.c - the terminal, the main loop, the key bar and the help overlay,
 * all of them read from each screen's key table. */
#include "tui_core.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/text.h"
#include "tui_screens.h"

#define CTRL_C 3
#define HELP_MAX 64

void
tui_push(struct tui *t, const struct tui_screen *s, void *state)
{
	if (t->depth >= TUI_STACK_MAX) {
		free(state);
		tui_say(t, true, "too many screens open");
		return;
	}
	t->stack[t->depth] = s;
	t->state[t->depth] = state;
	t->depth++;
}

void *
tui_state(struct tui *t)
{
	return t->depth > 0 ? t->state[t->depth - 1] : NULL;
}

static void
pop(struct tui *t)
{
	const struct tui_screen *s;

	if (t->depth == 0)
		return;
	s = t->stack[t->depth - 1];
	if (s->leave != NULL)
		s->leave(t);
	else
		free(t->state[t->depth - 1]);
	t->depth--;
	t->state[t->depth] = NULL;
}

void
tui_pop_all(struct tui *t)
{
	while (t->depth > 0)
		pop(t);
}

void
tui_say(struct tui *t, bool bad, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	va_end(ap);
	t->status_bad = bad;
}

bool
tui_may(struct tui *t, int op)
{
	return op < 0 || app_scope_of(&t->me, (enum app_op)op) != SCOPE_NONE;
}

int
tui_attr(struct tui *t, enum tui_pair pair)
{
	static const int mono[] = { 0, A_BOLD, A_BOLD, A_BOLD, A_BOLD | A_UNDERLINE,
	                            A_DIM, A_REVERSE };

	if (!t->color)
		return mono[pair];
	if (pair == PAIR_SELECT)
		return A_REVERSE;
	return COLOR_PAIR(pair) | (pair == PAIR_TITLE || pair == PAIR_KEY ? A_BOLD : 0);
}

void
tui_text(int y, int x, int width, const char *s, int attr)
{
	char *safe = text_safe(s ? s : "", TEXT_ONE_LINE);
	char buf[1024];

	if (safe == NULL || width <= 0) {
		free(safe);
		return;
	}
	text_fit_marked(safe, width, buf, sizeof buf);
	free(safe);
	attron(attr);
	mvaddstr(y, x, buf);
	attroff(attr);
}

int
tui_wrap(int y, int x, int width, int max_rows, const char *s, int attr)
{
	char *safe = text_safe(s ? s : "", TEXT_ONE_LINE);
	char buf[1024];
	const char *at;
	size_t cut, skip;
	int rows = 0;

	if (safe == NULL || width <= 0) {
		free(safe);
		return 0;
	}
	attron(attr);
	for (at = safe; *at != '\0' && rows < max_rows; at += skip, rows++) {
		cut = text_line_cut(at, width, &skip);
		if (cut >= sizeof buf)
			cut = sizeof buf - 1;
		memcpy(buf, at, cut);
		buf[cut] = '\0';
		if (rows == max_rows - 1 && at[skip] != '\0')
			text_fit_marked(at, width, buf, sizeof buf);  /* no room: say so */
		mvaddstr(y + rows, x, buf);
		if (skip == 0)
			break;
	}
	attroff(attr);
	free(safe);
	return rows;
}

void
tui_title(struct tui *t, const char *title, const char *right)
{
	int a = tui_attr(t, PAIR_TITLE) | A_REVERSE;

	attron(a);
	mvhline(0, 0, ' ', COLS);
	attroff(a);
	tui_text(0, 1, COLS - 2, title, a);
	if (right != NULL)
		tui_text(0, COLS - 1 - text_width(right), text_width(right), right, a);
}

bool
tui_is_enter(int ch, bool fk)
{
	return fk ? ch == KEY_ENTER : ch == '\r' || ch == '\n';
}

bool
tui_is_backspace(int ch, bool fk)
{
	return fk ? ch == KEY_BACKSPACE : ch == 127 || ch == 8;
}

/* ---- the key table --------------------------------------------------- */

static const struct tui_screen *
top(struct tui *t)
{
	return t->stack[t->depth - 1];
}

/* Is entry k offered now to the one signed in? */
static bool
offered(struct tui *t, const struct tui_key *k)
{
	return tui_may(t, k->op) && (k->when == NULL || k->when(t));
}

static bool
typing(struct tui *t)
{
	return top(t)->typing != NULL && top(t)->typing(t);
}

void
tui_keybar(struct tui *t)
{
	const struct tui_key *k;
	char bar[512], label[128];
	size_t off = 0;

	bar[0] = '\0';
	for (k = top(t)->keys; k != NULL && k->name != NULL && off < sizeof bar; k++) {
		if (k->label == NULL || !offered(t, k))
			continue;
		snprintf(label, sizeof label, "%s", k->label);
		if (k->label_now != NULL)
			k->label_now(t, label, sizeof label);
		off += (size_t)snprintf(bar + off, sizeof bar - off, "%s%s%s%s", off ? "  " : "",
		                        k->name, label[0] ? " " : "", label);
	}
	if (off < sizeof bar)
		snprintf(bar + off, sizeof bar - off, "%s%s", off ? "  " : "",
		         typing(t) ? "F1 help" : "? help");
	move(LINES - 1, 0);
	clrtoeol();
	tui_text(LINES - 1, 0, COLS, bar, tui_attr(t, PAIR_DIM));
}

/* The entry for key ch (fk: a function key), if offered. */
static const struct tui_key *
lookup(struct tui *t, int ch, bool fk)
{
	const struct tui_key *k;
	int code = fk ? TUI_FKEY(ch) : ch;

	for (k = top(t)->keys; k != NULL && k->name != NULL; k++) {
		if ((k->key == code || (k->key2 != 0 && k->key2 == code)) && k->fn != NULL)
			return offered(t, k) ? k : NULL;
	}
	return NULL;
}

/* ---- the help overlay: every key offered, then the loop's own --------- */

static int
help_lines(struct tui *t, const char *keys[HELP_MAX], const char *what[HELP_MAX])
{
	const struct tui_key *k;
	int n = 0;

	for (k = top(t)->keys; k != NULL && k->name != NULL && n < HELP_MAX - 3; k++) {
		if (offered(t, k) && k->help != NULL) {
			keys[n] = k->name;
			what[n++] = k->help;
		}
	}
	keys[n] = typing(t) ? "F1" : "?, F1";
	what[n++] = "this help, on every screen";
	keys[n] = "Ctrl-C";
	what[n++] = "leave cslog (anything typed is kept as a draft)";
	return n;
}

/* Rows line i takes, wrapped to w columns. */
static int
rows_of(const char *s, int w)
{
	size_t skip;
	int n = 0;

	while (*s != '\0' && n < 20) {
		s += text_line_cut(s, w, &skip) > 0 ? skip : strlen(s);
		n++;
		if (skip == 0)
			break;
	}
	return n > 0 ? n : 1;
}

static void
draw_help(struct tui *t)
{
	const char *keys[HELP_MAX], *what[HELP_MAX];
	int n = help_lines(t, keys, what), w = COLS - 4 > 100 ? 100 : COLS - 4;
	int kw = 16, tw = w - kw - 4, rows = 0, i, y, top_y, left = (COLS - w) / 2;

	for (i = 0; i < n; i++)
		rows += rows_of(what[i], tw);
	top_y = (LINES - (rows + 5)) / 2;
	if (top_y < 1)
		top_y = 1;
	attron(A_REVERSE);
	for (y = top_y; y < top_y + rows + 5 && y < LINES - 1; y++)
		mvhline(y, left, ' ', w);
	attroff(A_REVERSE);
	tui_text(top_y + 1, left + 2, w - 4, "Help: ", A_REVERSE | A_BOLD);
	tui_text(top_y + 1, left + 8, w - 10, top(t)->title, A_REVERSE | A_BOLD);
	y = top_y + 3;
	for (i = 0; i < n && y < LINES - 2; i++) {
		tui_text(y, left + 2, kw, keys[i], A_REVERSE | A_BOLD);
		y += tui_wrap(y, left + 2 + kw + 1, tw, LINES - 2 - y, what[i], A_REVERSE);
	}
	if (y + 1 < LINES - 1)
		tui_text(y + 1, left + 2, w - 4, "Any key closes this help.", A_REVERSE);
	refresh();
}

/* ---- the loop ----------------------------------------------------------- */

static void
draw_status(struct tui *t)
{
	move(LINES - 2, 0);
	clrtoeol();
	if (t->status[0] != '\0')
		tui_text(LINES - 2, 1, COLS - 2, t->status,
		    tui_attr(t, t->status_bad ? PAIR_BAD : PAIR_OK));
}

static void
draw_too_small(void)
{
	char msg[128];

	erase();
	snprintf(msg, sizeof msg, "The terminal is %dx%d; cslog needs %dx%d.",
	    COLS, LINES, TUI_MIN_COLS, TUI_MIN_LINES);
	tui_wrap(0, 0, COLS, 3, msg, A_BOLD);
	tui_wrap(3, 0, COLS, 4, "Make the window larger to go on.  Keys typed until then "
	         "are not used.  Ctrl-C leaves (a draft is kept).", 0);
	refresh();
}

static void
setup_colors(struct tui *t)
{
	const char *no = getenv("NO_COLOR");

	t->color = (no == NULL || *no == '\0') && has_colors();
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_CYAN, -1);
	init_pair(PAIR_KEY, COLOR_YELLOW, -1);
	init_pair(PAIR_OK, COLOR_GREEN, -1);
	init_pair(PAIR_BAD, COLOR_RED, -1);
	init_pair(PAIR_DIM, COLOR_BLUE, -1);
	init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_CYAN);
}

static bool
too_small(void)
{
	return COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
}

/* Waiting for a key, the program lets go of the group it may run with
 * (set-group-id, the group deployment), and takes it back for the key's
 * work: the database is touched only then. */
static int
read_key(wint_t *wch)
{
	int r;

	app_group_release();
	r = get_wch(wch);
	app_group_hold();

	if (r == ERR)
		return ERR;
	return r == KEY_CODE_YES ? 1 : 0;
}

static void
redraw(struct tui *t)
{
	if (too_small()) {
		draw_too_small();
		return;
	}
	erase();
	top(t)->draw(t);
	draw_status(t);
	refresh();
}

/* A shared terminal locks back to sign-in after idle time.  Drafts are
 * saved as they are typed, so nothing is lost. */
static bool
idle_locked(struct tui *t)
{
	int64_t now = app_now(t->app);

	if (t->me.id == 0 || t->opt->idle_lock <= 0 || now - t->last_key_at < t->opt->idle_lock)
		return false;
	tui_pop_all(t);
	tui_open_signin(t);
	tui_say(t, false, "Locked after %d s idle.  Sign in again: any draft is kept.",
	    t->opt->idle_lock);
	return true;
}

/* One key on the top screen: the loop's own keys, then the table, then
 * the screen's own handler. */
static int
dispatch(struct tui *t, int ch, bool fk, bool *help)
{
	const struct tui_screen *s = top(t);
	const struct tui_key *k;

	if (fk && ch == KEY_F(1)) {
		*help = true;
		return TUI_STAY;
	}
	if (!fk && ch == TUI_ESC)
		return s->esc != NULL ? s->esc(t) : TUI_BACK;
	if (typing(t))
		return s->key != NULL ? s->key(t, ch, fk) : TUI_STAY;
	if (!fk && ch == '?') {
		*help = true;
		return TUI_STAY;
	}
	if ((k = lookup(t, ch, fk)) != NULL)
		return k->fn(t, ch);
	return s->key != NULL ? s->key(t, ch, fk) : TUI_STAY;
}

static void
loop(struct tui *t)
{
	wint_t ch;
	int kind, r;
	bool help = false;

	redraw(t);
	while (t->depth > 0) {
		kind = read_key(&ch);
		if (kind == ERR) {
			if (idle_locked(t))
				redraw(t);
			continue;
		}
		if (kind == 0 && ch == CTRL_C)
			break;   /* every screen, the too-small one too */
		if (kind == 1 && ch == KEY_RESIZE) {
			redraw(t);
			if (help && !too_small())
				draw_help(t);
			continue;
		}
		t->last_key_at = app_now(t->app);
		if (too_small())
			continue;
		if (help) {
			help = false;
			redraw(t);
			continue;
		}
		t->status[0] = '\0';
		r = dispatch(t, (int)ch, kind == 1, &help);
		if (help) {
			draw_help(t);
			continue;
		}
		if (r & TUI_QUIT)
			break;
		if (r & TUI_BACK) {
			pop(t);
			if (t->depth > 0 && top(t)->resume != NULL)
				top(t)->resume(t);
		}
		if (t->depth > 0)
			redraw(t);
	}
	while (t->depth > 0)
		pop(t);
}

int
tui_main(struct app *a, const struct tui_options *opt)
{
	struct tui t;

	memset(&t, 0, sizeof t);
	t.app = a;
	t.opt = opt;
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	if (initscr() == NULL)
		return CS_SOFTWARE;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	timeout(1000);
	setup_colors(&t);
	t.last_key_at = app_now(a);
	tui_screens_start(&t);
	loop(&t);
	endwin();
	return 0;
}
