/* keyread.c - the terminal as the loop (tui.c) reads it: whether its
 * type is known at all, and one key from it, what it sends as a sequence
 * coming as one key or none, never as Esc and then characters. */
#include "tui_core.h"

#include <curses.h>
#include <term.h>
#include <unistd.h>

#define CTRL_C 3
#define SEQ_MAX 4096     /* the longest sequence swallowed whole */

/* The next key of a sequence: ncurses' own push-back first, then what the
 * terminal sends within its escape delay.  ERR: the sequence has ended. */
static int
seq_next(wint_t *c)
{
	int r;

	timeout(get_escdelay() > 0 ? get_escdelay() : 25);
	r = get_wch(c);
	timeout(TUI_TICK_MS);
	return r;
}

/* A key read inside a sequence that is not part of it: a resize, Ctrl-C
 * (leaving always works) or a new Esc.  It is given back for the loop. */
static bool
seq_gives_back(int r, wint_t c)
{
	if (r == KEY_CODE_YES && c == KEY_RESIZE) {
		ungetch(KEY_RESIZE);
		return true;
	}
	if (r == OK && (c == CTRL_C || c == TUI_ESC)) {
		unget_wch(c);
		return true;
	}
	return false;
}

/* The rest of a CSI (ESC [): parameters and intermediates up to a final
 * byte, 0x40-0x7E. */
static void
swallow_csi(void)
{
	wint_t c;
	int i, r;

	for (i = 0; i < SEQ_MAX && (r = seq_next(&c)) != ERR; i++) {
		if (seq_gives_back(r, c))
			return;
		if (r == OK && c >= 0x40 && c <= 0x7e)
			return;
		if (r == OK && (c < 0x20 || c > 0x7e))
			return;   /* not a CSI after all: what it was is dropped */
	}
}

/* The rest of a string sequence (OSC ESC ], DCS ESC P, SOS ESC X, PM ESC ^,
 * APC ESC _): up to BEL, ST (ESC \) or the 8-bit ST. */
static void
swallow_string(void)
{
	wint_t c;
	int i, r;

	for (i = 0; i < SEQ_MAX && (r = seq_next(&c)) != ERR; i++) {
		if (r == OK && c == TUI_ESC) {
			/* ESC \ ends it; ESC and anything else ends it too and
			 * starts what follows, read again (the last given back is
			 * the first read). */
			if ((r = seq_next(&c)) == OK && c == '\\')
				return;
			if (r == OK)
				unget_wch(c);
			else if (r == KEY_CODE_YES)
				ungetch((int)c);
			unget_wch(TUI_ESC);
			return;
		}
		if (seq_gives_back(r, c))
			return;
		if (r == OK && (c == 7 || c == 0x9c))
			return;
	}
}

/* ncurses gave an Esc.  A sequence the terminal type does not define
 * (Home as ESC [ 1 ~ under xterm-256color) or one pasted (an OSC title,
 * a colour) comes as Esc and then its bytes, which went back a step and
 * then chose and typed: read such a sequence whole and drop it.  Nothing
 * else waiting: a lone Esc (ncurses has already waited ESCDELAY for
 * more).  Returns whether the Esc is one. */
static bool
lone_esc(void)
{
	wint_t c;
	int r;

	timeout(0);
	r = get_wch(&c);
	timeout(TUI_TICK_MS);
	if (r == ERR)
		return true;
	if (seq_gives_back(r, c))
		return true;   /* Esc Esc: two; Esc then Ctrl-C: back, then leave */
	if (r == OK && c == '[') {
		swallow_csi();
	} else if (r == OK && c == 'O') {   /* SS3: one more, unless Ctrl-C, Esc... */
		if ((r = seq_next(&c)) != ERR)
			(void)seq_gives_back(r, c);
	} else if (r == OK && (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')) {
		swallow_string();
	}
	/* else ESC x: Alt-x (or Alt with a function key), not a key here */
	return false;
}

/* Waiting for a key, the program lets go of the group it may run with
 * (set-group-id, the group deployment), and takes it back for the key's
 * work: the database is touched only then. */
int
tui_read_key(int *ch)
{
	wint_t wch[1];
	int r;

	do {
		app_group_release();
		r = get_wch(wch);
		app_group_hold();
	} while (r == OK && *wch == TUI_ESC && !lone_esc());

	if (r == ERR)
		return ERR;
	*ch = (int)wch[0];
	return r == KEY_CODE_YES ? 1 : 0;
}

bool
tui_term_known(void)
{
	int err = 0;

	/* setupterm with err: told, not printed and exited on (nor does it
	 * keep the memory newterm's failure keeps); its entry let go, since
	 * newterm reads its own. */
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return false;
	del_curterm(cur_term);
	return true;
}

