/* help.c - the help overlay: every key the top screen offers now (from
 * its key table), the loop's own keys, then the screen's notes.  Texts
 * wrap, never cut; a help taller than the terminal scrolls. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "cslog/text.h"
#include "tui_core.h"

#define HELP_ROWS 256
#define KEY_W_MAX 22   /* a longer key name has a row of its own */

struct row {
	const char *key;    /* the key's name on its first row, else NULL */
	bool wide;          /* the key's name alone on its row (too long) */
	const char *text;   /* a slice of a text ... */
	size_t len;         /* ... this long */
	bool note;          /* a row of the screen's notes (full width) */
};

/* Cut text into rows of w columns from r[n]; returns the rows added. */
static int
add(struct row *r, int n, const char *key, const char *text, int w, bool note)
{
	size_t skip = 0, cut;
	int k = 0;

	do {
		cut = text_line_cut(text, w, &skip);
		r[n + k] = (struct row){ k == 0 ? key : NULL, false, text, cut, note };
		k++;
		text += skip;
	} while (n + k < HELP_ROWS && *text != '\0' && skip > 0);
	return k;
}

/* The key column: as wide as the widest name, up to KEY_W_MAX. */
static int
key_width(struct tui *t)
{
	const struct tui_key *k;
	int w = 12, kw;

	for (k = tui_top(t)->keys; k != NULL && k->name != NULL; k++) {
		kw = text_width(k->name);
		if (tui_offered(t, k) && k->help != NULL && kw > w && kw <= KEY_W_MAX)
			w = kw;
	}
	return w;
}

/* A key and its text: a name wider than the column gets a row alone. */
static int
add_key(struct row *r, int n, const char *key, const char *text, int tw, int kw)
{
	if (text_width(key) <= kw)
		return add(r, n, key, text, tw, false);
	r[n] = (struct row){ key, true, "", 0, false };
	return 1 + add(r, n + 1, NULL, text, tw, false);
}

static int
rows(struct tui *t, struct row *r, int tw, int nw, int kw)
{
	const struct tui_key *k;
	const struct tui_screen *s = tui_top(t);
	static char notes[4096];   /* the rows point into it until the next draw */
	char *p, *end;
	size_t len;
	int n = 0;

	for (k = s->keys; k != NULL && k->name != NULL && n < HELP_ROWS - 8; k++) {
		if (tui_offered(t, k) && k->help != NULL)
			n += add_key(r, n, k->name, k->help, tw, kw);
	}
	n += add_key(r, n, tui_typing(t) ? "F1" : "?, F1", "this help, on every screen", tw, kw);
	n += add_key(r, n, "Ctrl-C", "leave cslog (anything typed is kept as a draft)", tw, kw);
	/* The notes: paragraphs at each '\n', each wrapped, a blank before. */
	if (s->notes != NULL) {
		snprintf(notes, sizeof notes, "%s", s->notes);
		end = notes + strlen(notes);
		for (p = notes; p < end && n < HELP_ROWS - 2; p += len + 1) {
			len = strcspn(p, "\n");
			p[len] = '\0';
			r[n++] = (struct row){ NULL, false, "", 0, true };
			if (len > 0)
				n += add(r, n, NULL, p, nw, true);
		}
	}
	return n;
}

static void
slice(int y, int x, int w, const struct row *o, int attr)
{
	char buf[1024];
	size_t len = o->len < sizeof buf ? o->len : sizeof buf - 1;

	memcpy(buf, o->text, len);
	buf[len] = '\0';
	tui_text(y, x, w, buf, attr);
}

void
tui_help_draw(struct tui *t, int *first)
{
	static struct row r[HELP_ROWS];
	int w = COLS - 4 > 100 ? 100 : COLS - 4, left = (COLS - w) / 2, kw = key_width(t);
	int tw = w - kw - 5, n, view, top_y, y, i, a = A_REVERSE;
	char more[128];

	n = rows(t, r, tw, w - 4, kw);
	erase();   /* the help alone on the screen: nothing of the one below mixes in */
	/* The box: the title, a blank, the rows, a blank, the closing line. */
	view = n < LINES - 5 ? n : LINES - 5;
	if (view < 1)
		view = 1;
	if (*first > n - view)
		*first = n - view;
	if (*first < 0)
		*first = 0;
	top_y = (LINES - 1 - (view + 4)) / 2;
	if (top_y < 0)
		top_y = 0;
	attron(a);
	for (y = top_y; y < top_y + view + 4 && y < LINES - 1; y++)
		mvhline(y, left, ' ', w);
	attroff(a);
	tui_text(top_y, left + 2, 6, "Help: ", a | A_BOLD);
	tui_text(top_y, left + 8, w - 10, tui_top(t)->title, a | A_BOLD);
	for (i = 0; i < view && *first + i < n; i++) {
		const struct row *o = &r[*first + i];
		y = top_y + 2 + i;
		if (o->key != NULL)
			tui_text(y, left + 2, o->wide ? w - 4 : kw, o->key, a | A_BOLD);
		slice(y, o->note ? left + 2 : left + 3 + kw, o->note ? w - 4 : tw, o, a);
	}
	if (n > view)
		snprintf(more, sizeof more, "Rows %d-%d of %d.  Down/PgDn: more, Up/PgUp: back, "
		         "any other key closes.", *first + 1, *first + view, n);
	else
		snprintf(more, sizeof more, "Any key closes this help.");
	tui_wrap(top_y + view + 3 < LINES - 1 ? top_y + view + 3 : LINES - 2, left + 2, w - 4,
	         1, more, a);
	refresh();
}

bool
tui_help_scroll(int *first, int ch, bool fk)
{
	int page = LINES - 6 > 1 ? LINES - 6 : 1;

	if ((fk && ch == KEY_DOWN) || (!fk && ch == 'j'))
		*first += 1;
	else if ((fk && ch == KEY_UP) || (!fk && ch == 'k'))
		*first -= 1;
	else if ((fk && ch == KEY_NPAGE) || (!fk && ch == ' '))
		*first += page;
	else if (fk && ch == KEY_PPAGE)
		*first -= page;
	else
		return false;
	return true;
}
