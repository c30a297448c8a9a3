/* field.c - a small UTF-8 text editor for one field. */
#include "tui_field.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cslog/text.h"
#include "tui_core.h"

#define CTRL(c) ((c) & 0x1f)

void
tui_field_init(struct tui_field *f, size_t max, bool multiline)
{
	memset(f, 0, sizeof *f);
	f->max = max;
	f->multiline = multiline;
	f->text = calloc(1, 1);
	f->cap = f->text ? 1 : 0;
}

void
tui_field_done(struct tui_field *f)
{
	free(f->text);
	memset(f, 0, sizeof *f);
}

static bool
reserve(struct tui_field *f, size_t need)
{
	size_t cap = f->cap ? f->cap : 16;
	char *p;

	if (need + 1 <= f->cap)
		return true;
	while (cap < need + 1)
		cap *= 2;
	p = realloc(f->text, cap);
	if (p == NULL)
		return false;
	f->text = p;
	f->cap = cap;
	return true;
}

bool
tui_field_set(struct tui_field *f, const char *s)
{
	size_t n = strlen(s);

	if (n > f->max)
		n = f->max;
	while (n > 0 && !text_valid_utf8(s, n))
		n--;
	if (!reserve(f, n))
		return false;
	memcpy(f->text, s, n);
	f->text[n] = '\0';
	f->len = f->cursor = n;
	return true;
}

static size_t
prev_char(const struct tui_field *f, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)f->text[at] & 0xc0) == 0x80)
		at--;
	return at;
}

static size_t
next_char(const struct tui_field *f, size_t at)
{
	if (at >= f->len)
		return f->len;
	at++;
	while (at < f->len && ((unsigned char)f->text[at] & 0xc0) == 0x80)
		at++;
	return at;
}

static void
delete_range(struct tui_field *f, size_t from, size_t to)
{
	memmove(f->text + from, f->text + to, f->len - to + 1);
	f->len -= to - from;
	f->cursor = from;
}

static bool
insert(struct tui_field *f, const char *s, size_t n)
{
	if (f->len + n > f->max || !reserve(f, f->len + n))
		return false;
	memmove(f->text + f->cursor + n, f->text + f->cursor, f->len - f->cursor + 1);
	memcpy(f->text + f->cursor, s, n);
	f->len += n;
	f->cursor += n;
	return true;
}

static bool
insert_char(struct tui_field *f, wchar_t wc)
{
	char buf[MB_LEN_MAX];
	mbstate_t st;
	size_t n;

	memset(&st, 0, sizeof st);
	n = wcrtomb(buf, wc, &st);
	if (n == (size_t)-1 || n == 0)
		return false;
	if (!text_valid_utf8(buf, n))
		return false;
	return insert(f, buf, n);
}

static size_t
line_start(const struct tui_field *f, size_t at)
{
	while (at > 0 && f->text[at - 1] != '\n')
		at--;
	return at;
}

static size_t
line_end(const struct tui_field *f, size_t at)
{
	while (at < f->len && f->text[at] != '\n')
		at++;
	return at;
}

static size_t
word_start(const struct tui_field *f, size_t at)
{
	while (at > 0 && (f->text[at - 1] == ' ' || f->text[at - 1] == '\n'))
		at--;
	while (at > 0 && f->text[at - 1] != ' ' && f->text[at - 1] != '\n')
		at--;
	return at;
}

static void lay_out_find(struct tui_field *f, int dir);

/* Move to the same column of the row above or below, as drawn; before
 * the first drawing, of the line (in characters). */
static void
vertical(struct tui_field *f, int dir)
{
	size_t start = line_start(f, f->cursor), col = 0, p, target;

	if (f->width > 0) {
		lay_out_find(f, dir);
		return;
	}

	for (p = start; p < f->cursor; p = next_char(f, p))
		col++;
	if (dir < 0) {
		if (start == 0)
			return;
		target = line_start(f, start - 1);
	} else {
		p = line_end(f, f->cursor);
		if (p >= f->len)
			return;
		target = p + 1;
	}
	while (col-- > 0 && target < f->len && f->text[target] != '\n')
		target = next_char(f, target);
	f->cursor = target;
}

static bool
func_key(struct tui_field *f, int ch)
{
	size_t old = f->cursor;

	switch (ch) {
	case KEY_LEFT: f->cursor = prev_char(f, f->cursor); break;
	case KEY_RIGHT: f->cursor = next_char(f, f->cursor); break;
	case KEY_HOME: f->cursor = line_start(f, f->cursor); break;
	case KEY_END: f->cursor = line_end(f, f->cursor); break;
	case KEY_UP: vertical(f, -1); break;
	case KEY_DOWN: vertical(f, 1); break;
	case KEY_BACKSPACE:
		if (f->cursor == 0)
			return false;
		delete_range(f, prev_char(f, f->cursor), f->cursor);
		return true;
	case KEY_DC:
		if (f->cursor >= f->len)
			return false;
		delete_range(f, f->cursor, next_char(f, f->cursor));
		return true;
	default:
		return false;
	}
	return f->cursor != old;
}

bool
tui_field_key(struct tui_field *f, int ch, bool is_func)
{
	if (is_func)
		return func_key(f, ch);
	switch (ch) {
	case 127: case CTRL('H'):
		return func_key(f, KEY_BACKSPACE);
	case CTRL('A'): return func_key(f, KEY_HOME);
	case CTRL('E'): return func_key(f, KEY_END);
	case CTRL('W'):
		delete_range(f, word_start(f, f->cursor), f->cursor);
		return true;
	case CTRL('U'):
		delete_range(f, line_start(f, f->cursor), f->cursor);
		return true;
	case CTRL('K'):
		delete_range(f, f->cursor, line_end(f, f->cursor));
		return true;
	case CTRL('J'):
		return f->multiline && insert(f, "\n", 1);
	default:
		if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
			return false;
		return insert_char(f, (wchar_t)ch);
	}
}

/* Lay out the text into visual lines of width w, whole words to a line
 * when they fit (a word longer than the line is cut where it must be);
 * draws the rows [first, first + h), and reports the cursor's row and
 * column, and (want_row >= 0) the last position on row want_row at or
 * before column want_col. */
struct layout {
	int cur_row, cur_col;
	int rows;
	int want_row, want_col;
	size_t found;
	bool got;
};

static int
char_width(unsigned cp)
{
	int cw = cp == '\n' ? 0 : wcwidth((wchar_t)cp);

	return cw < 0 ? 1 : cw;
}

/* The width of the word starting at p (up to a space or a newline). */
static int
word_width(const struct tui_field *f, size_t p)
{
	unsigned cp;
	size_t n;
	int w = 0;

	while (p < f->len && f->text[p] != ' ' && f->text[p] != '\n') {
		n = text_utf8_decode(f->text + p, f->len - p, &cp);
		if (n == 0)
			n = 1, cp = '?';
		w += char_width(cp);
		p += n;
	}
	return w;
}

static void
lay_out(const struct tui_field *f, int w, int first, int h, int attr, int y, int x,
        struct layout *lo)
{
	size_t p = 0, n;
	int row = 0, col = 0, cw, ww;
	unsigned cp;
	char buf[8];

	lo->cur_row = lo->cur_col = 0;
	lo->got = false;
	while (p <= f->len) {
		/* A word that does not fit the rest of the row starts the next. */
		if (p < f->len && f->text[p] != ' ' && f->text[p] != '\n' && col > 0 &&
		    (p == 0 || f->text[p - 1] == ' ') && (ww = word_width(f, p)) <= w &&
		    col + ww > w)
			row++, col = 0;
		if (p == f->cursor) {
			lo->cur_row = row;
			lo->cur_col = col;
		}
		if (row == lo->want_row && col <= lo->want_col)
			lo->found = p, lo->got = true;
		if (p == f->len)
			break;
		n = text_utf8_decode(f->text + p, f->len - p, &cp);
		if (n == 0)
			n = 1, cp = '?';
		if (cp == '\n') {
			row++, col = 0, p += n;
			continue;
		}
		cw = char_width(cp);
		if (col + cw > w) {
			row++, col = 0;
			if (row == lo->want_row && col <= lo->want_col)
				lo->found = p, lo->got = true;
		}
		if (row >= first && row < first + h) {
			if (f->secret)
				strcpy(buf, "*");
			else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
			    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
				strcpy(buf, "?");  /* never a raw control to the terminal */
			else
				memcpy(buf, f->text + p, n), buf[n] = '\0';
			attron(attr);
			mvaddstr(y + row - first, x + col, buf);
			attroff(attr);
		}
		col += cw;
		p += n;
	}
	lo->rows = row + 1;
}

/* Up/Down by the rows drawn: the cursor's row and column, then the
 * position on the row above or below nearest that column. */
static void
lay_out_find(struct tui_field *f, int dir)
{
	struct layout lo;

	lo.want_row = -1;
	lay_out(f, f->width, 0, 0, 0, 0, 0, &lo);
	if (lo.cur_row + dir < 0 || lo.cur_row + dir >= lo.rows)
		return;
	lo.want_row = lo.cur_row + dir;
	lo.want_col = lo.cur_col;
	lay_out(f, f->width, 0, 0, 0, 0, 0, &lo);
	if (lo.got)
		f->cursor = lo.found;
}

void
tui_field_draw(struct tui *t, struct tui_field *f, int y, int x, int h, int w)
{
	struct layout lo;
	int r;

	(void)t;
	for (r = 0; r < h; r++)
		mvhline(y + r, x, ' ', w);
	/* First pass finds the cursor's row so the view can scroll to it. */
	f->width = w;
	lo.want_row = -1;
	lay_out(f, w, 0, 0, 0, y, x, &lo);
	if (lo.cur_row < f->top)
		f->top = lo.cur_row;
	if (lo.cur_row >= f->top + h)
		f->top = lo.cur_row - h + 1;
	lay_out(f, w, f->top, h, A_UNDERLINE, y, x, &lo);
	move(y + lo.cur_row - f->top, x + lo.cur_col);
	curs_set(1);
}
