/* tui.c - the terminal, the main loop, and the help overlay. */
#include "cslog/tui_core.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cslog/text.h"
#include "cslog/tui_screens.h"

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

void
tui_keybar(struct tui *t, const char *keys)
{
	move(LINES - 1, 0);
	clrtoeol();
	tui_text(LINES - 1, 0, COLS, keys, tui_attr(t, PAIR_DIM));
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
	tui_text(0, 0, COLS, msg, A_BOLD);
	tui_text(1, 0, COLS, "Make the window larger: nothing typed is lost.", 0);
	tui_text(2, 0, COLS, "Ctrl-C leaves.", 0);
	refresh();
}

static void
draw_help(struct tui *t)
{
	const struct tui_screen *s = t->stack[t->depth - 1];
	const struct tui_help_line *h = s->help;
	int n = 0, y, w = 64, top, left, i;

	while (h != NULL && h[n].keys != NULL)
		n++;
	top = (LINES - (n + 6)) / 2;
	left = (COLS - w) / 2;
	if (top < 1)
		top = 1;
	attron(A_REVERSE);
	for (y = top; y < top + n + 6 && y < LINES - 1; y++)
		mvhline(y, left, ' ', w);
	attroff(A_REVERSE);
	tui_text(top + 1, left + 2, w - 4, "Help: ", A_REVERSE | A_BOLD);
	tui_text(top + 1, left + 8, w - 10, s->title, A_REVERSE | A_BOLD);
	for (i = 0; i < n && top + 3 + i < LINES - 2; i++) {
		tui_text(top + 3 + i, left + 2, 14, h[i].keys, A_REVERSE | A_BOLD);
		tui_text(top + 3 + i, left + 17, w - 19, h[i].what, A_REVERSE);
	}
	tui_text(top + n + 4, left + 2, w - 4, "Any key closes this help.", A_REVERSE);
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

static int
read_key(wint_t *wch)
{
	int r = get_wch(wch);

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
	t->stack[t->depth - 1]->draw(t);
	draw_status(t);
	refresh();
}

/* A shared terminal locks back to sign-in after idle time.  Drafts are
 * saved as they are typed, so nothing is lost. */
static bool
idle_locked(struct tui *t)
{
	int64_t now = app_tick(t->app);

	if (t->me_id == 0 || t->opt->idle_lock <= 0 || now - t->last_key_at < t->opt->idle_lock)
		return false;
	tui_pop_all(t);
	tui_open_signin(t);
	tui_say(t, false, "Locked after %d s idle.  Sign in again: any draft is kept.",
	    t->opt->idle_lock);
	return true;
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
		if (kind == 1 && ch == KEY_RESIZE) {
			redraw(t);
			if (help && !too_small())
				draw_help(t);
			continue;
		}
		t->last_key_at = app_tick(t->app);
		if (too_small())
			continue;
		if (help) {
			help = false;
			redraw(t);
			continue;
		}
		if (kind == 0 && ch == '?' && t->stack[t->depth - 1]->help != NULL) {
			help = true;
			draw_help(t);
			continue;
		}
		t->status[0] = '\0';
		r = t->stack[t->depth - 1]->key(t, (int)ch, kind == 1);
		if (r & TUI_QUIT)
			break;
		if (r & TUI_BACK) {
			pop(t);
			if (t->depth > 0 && t->stack[t->depth - 1]->resume != NULL)
				t->stack[t->depth - 1]->resume(t);
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
	t.last_key_at = app_tick(a);
	tui_screens_start(&t);
	loop(&t);
	endwin();
	return 0;
}
