/* tui.c - the terminal, the main loop and the key bar, read from each
 * screen's key table (the help overlay is help.c). */
#include "tui_core.h"

#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/text.h"
#include "tui_screens.h"

#define CTRL_C 3

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
tui_pop_top(struct tui *t)
{
	pop(t);
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
	/* Nor is a use case this store does not run (a server's) offered. */
	return op < 0 || (app_scope_of(&t->me, (enum app_op)op) != SCOPE_NONE &&
	                  app_available(t->app, op));
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

int
tui_wrap_rows(int width, const char *s)
{
	char *safe = text_safe(s ? s : "", TEXT_ONE_LINE);
	const char *at;
	size_t skip;
	int rows = 0;

	if (safe == NULL || width <= 0) {
		free(safe);
		return 0;
	}
	for (at = safe; *at != '\0'; at += skip, rows++) {
		text_line_cut(at, width, &skip);
		if (skip == 0) {
			rows++;
			break;
		}
	}
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

const struct tui_screen *
tui_top(struct tui *t)
{
	return t->stack[t->depth - 1];
}

/* Is entry k offered now to the one signed in? */
bool
tui_offered(struct tui *t, const struct tui_key *k)
{
	return tui_may(t, k->op) && (k->when == NULL || k->when(t));
}

bool
tui_typing(struct tui *t)
{
	return tui_top(t)->typing != NULL && tui_top(t)->typing(t);
}

/* The entry for key ch (fk: a function key), if offered. */
static const struct tui_key *
lookup(struct tui *t, int ch, bool fk)
{
	const struct tui_key *k;
	int code = fk ? TUI_FKEY(ch) : ch;

	for (k = tui_top(t)->keys; k != NULL && k->name != NULL; k++) {
		if ((k->key == code || (k->key2 != 0 && k->key2 == code)) && k->fn != NULL &&
		    tui_offered(t, k))
			return k;   /* the same key may do another thing in another state */
	}
	return NULL;
}

/* ---- the loop ----------------------------------------------------------- */

/* A closed terminal (SIGHUP): the loop ends as if Ctrl-C was pressed, so
 * that every screen leaves as it should (a drill under way is paused). */
static volatile sig_atomic_t hung_up;

static void
on_hangup(int sig)
{
	(void)sig;
	hung_up = 1;
}

static void
draw_status(struct tui *t)
{
	int rows = 1, y;

	/* A long message takes the rows above it: never cut. */
	if (t->status[0] != '\0')
		rows = tui_wrap_rows(COLS - 2, t->status);
	if (rows < 1)
		rows = 1;
	if (rows > LINES - 3)
		rows = LINES - 3;
	for (y = LINES - 1 - rows; y < LINES - 1; y++) {
		move(y, 0);
		clrtoeol();
	}
	if (t->status[0] != '\0')
		tui_wrap(LINES - 1 - rows, 1, COLS - 2, rows, t->status,
		    tui_attr(t, t->status_bad ? PAIR_BAD : PAIR_OK));
	else if (app_damage(t->app) != NULL)   /* verify found it damaged: every screen says so */
		tui_text(LINES - 2, 1, COLS - 2, "Verify found this database damaged: logging still"
		    " works; tell a supervisor.", tui_attr(t, PAIR_BAD) | A_BOLD);
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

static void
redraw(struct tui *t)
{
	int y, x;

	if (too_small()) {
		draw_too_small();
		return;
	}
	erase();
	tui_top(t)->draw(t);
	getyx(stdscr, y, x);   /* where the screen left the cursor: its field */
	draw_status(t);
	move(y, x);
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
dispatch(struct tui *t, int ch, bool fk, int *help)
{
	const struct tui_screen *s = tui_top(t);
	const struct tui_key *k;

	if (fk && ch == KEY_F(1)) {
		*help = 0;
		return TUI_STAY;
	}
	if (!fk && ch == TUI_ESC)
		return s->esc != NULL ? s->esc(t) : TUI_BACK;
	if (tui_typing(t))
		return s->key != NULL ? s->key(t, ch, fk) : TUI_STAY;
	if (!fk && ch == '?') {
		*help = 0;
		return TUI_STAY;
	}
	if ((k = lookup(t, ch, fk)) != NULL)
		return k->fn(t, ch);
	return s->key != NULL ? s->key(t, ch, fk) : TUI_STAY;
}

static void
loop(struct tui *t)
{
	int ch, kind, r;
	int help = -1;   /* the help overlay's first row; -1: closed */

	redraw(t);
	while (t->depth > 0 && !hung_up) {
		kind = tui_read_key(&ch);
		if (kind == ERR) {
			r = tui_top(t)->tick != NULL && !too_small() && help < 0 ? tui_top(t)->tick(t)
			                                                             : TUI_STAY;
			if (idle_locked(t) || (r & TUI_REDRAW))
				redraw(t);
			continue;
		}
		if (kind == 0 && ch == CTRL_C)
			break;   /* every screen, the too-small one too */
		if (kind == 1 && ch == KEY_RESIZE) {
			redraw(t);
			if (help >= 0 && !too_small())
				tui_help_draw(t, &help);
			continue;
		}
		t->last_key_at = app_now(t->app);
		if (too_small())
			continue;
		if (help >= 0) {
			/* Scroll keys move a long help; any other key closes it. */
			if (tui_help_scroll(&help, (int)ch, kind == 1)) {
				tui_help_draw(t, &help);
			} else {
				help = -1;
				redraw(t);
			}
			continue;
		}
		t->status[0] = '\0';
		r = dispatch(t, (int)ch, kind == 1, &help);
		if (help >= 0) {
			tui_help_draw(t, &help);
			continue;
		}
		if (r & TUI_QUIT)
			break;
		if (r & TUI_BACK) {
			pop(t);
			if (t->depth > 0 && tui_top(t)->resume != NULL)
				tui_top(t)->resume(t);
		}
		if (t->depth > 0)
			redraw(t);
	}
	while (t->depth > 0)
		pop(t);
}

static int
refuse_term(void)
{
	const char *term = getenv("TERM");
	char *safe = text_safe(term != NULL ? term : "", TEXT_ONE_LINE);

	fprintf(stderr, "cslog: the full-screen program cannot draw on a terminal of type"
	        " '%s' (this system has no description of it): set TERM (e.g."
	        " TERM=xterm-256color); the commands work as they are\n",
	        safe != NULL ? safe : "?");
	free(safe);
	return CS_USAGE;
}

int
tui_main(struct app *a, const struct tui_options *opt)
{
	struct tui t;
	SCREEN *scr;

	memset(&t, 0, sizeof t);
	t.app = a;
	t.opt = opt;
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	/* Not initscr(), which prints ncurses' own "Error opening terminal"
	 * and exits 1 for a type it has no entry for: the same refusal as
	 * TERM=dumb (cli.c), exit 64. */
	/* The terminal's own size, not LINES and COLUMNS left in the
	 * environment by a shell or a script (COLUMNS=20 made an 80x24
	 * terminal "too small"). */
	use_tioctl(TRUE);
	if (!tui_term_known() || (scr = newterm(NULL, stdout, stdin)) == NULL)
		return refuse_term();
	set_term(scr);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	timeout(TUI_TICK_MS);
	signal(SIGHUP, on_hangup);
	if (opt->started != NULL)
		opt->started();
	setup_colors(&t);
	t.last_key_at = app_now(a);
	tui_screens_start(&t);
	loop(&t);
	endwin();
	delscreen(scr);
	return 0;
}
