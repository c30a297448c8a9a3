/* measures_ui.c - what the measures' screens share: a row of a list and
 * keeping the chosen row in view. */
#include <curses.h>

#include "cslog/text.h"
#include "tui_measures.h"

void
tui_mrow(struct tui *t, int y, bool sel, const char *left, const char *right)
{
	int a = sel ? tui_attr(t, PAIR_SELECT) : 0, rw = right != NULL ? text_width(right) : 0;

	if (sel) {
		attron(a);
		mvhline(y, 0, ' ', COLS);
		attroff(a);
	}
	rw = rw > COLS / 3 ? COLS / 3 : rw;
	tui_text(y, 1, COLS - 4 - rw, left != NULL ? left : "", a);
	if (right != NULL)
		tui_text(y, COLS - 1 - rw, rw, right, a);
}

void
tui_mscroll(size_t n, size_t rows, size_t *sel, size_t *top)
{
	if (n == 0) {
		*sel = *top = 0;
		return;
	}
	if (*sel >= n)
		*sel = n - 1;
	if (*sel < *top)
		*top = *sel;
	if (rows > 0 && *sel >= *top + rows)
		*top = *sel - rows + 1;
}
