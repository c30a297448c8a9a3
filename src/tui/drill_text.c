/* drill_text.c - scenario texts, rationales and answers wrapped to the
 * screen by display width, neutralised first (policy and database text
 * never reaches the terminal raw), and drawn with a scroll offset so a
 * long one is never cut off unseen. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/text.h"
#include "tui_drill.h"

void
dr_lines_clear(struct dr_lines *l)
{
	l->n = 0;
}

void
dr_lines_add(struct dr_lines *l, int x, int attr, const char *text)
{
	struct dr_line *ln;
	char *safe;

	if (l->n >= DR_LINES_MAX)
		return;
	ln = &l->v[l->n++];
	ln->x = x;
	ln->attr = attr;
	safe = text_safe(text != NULL ? text : "", TEXT_ONE_LINE);
	text_fit(safe != NULL ? safe : "", DR_LINE_MAX / 4, ln->text, sizeof ln->text);
	free(safe);
}

void
dr_lines_wrap(struct dr_lines *l, int x, int width, int attr, const char *text)
{
	char *safe = text_safe(text != NULL ? text : "", TEXT_ONE_LINE);
	const char *at;
	size_t cut, skip;
	struct dr_line *ln;

	if (safe == NULL || width < 1) {
		free(safe);
		return;
	}
	for (at = safe; *at == ' '; at++)
		;
	while (*at != '\0' && l->n < DR_LINES_MAX) {
		cut = text_line_cut(at, width, &skip);
		ln = &l->v[l->n++];
		ln->x = x;
		ln->attr = attr;
		if (cut >= sizeof ln->text)
			cut = sizeof ln->text - 1;
		memcpy(ln->text, at, cut);
		ln->text[cut] = '\0';
		at += skip > 0 ? skip : 1;
	}
	free(safe);
}

int
dr_lines_draw(struct tui *t, const struct dr_lines *l, int y, int h, int *scroll)
{
	int first, last, row, i;

	if (h < 1)
		return 0;
	if (*scroll > l->n - h)
		*scroll = l->n - h;
	if (*scroll < 0)
		*scroll = 0;
	first = *scroll;
	last = first + h;            /* exclusive */
	for (i = first, row = 0; i < l->n && i < last; i++, row++) {
		if ((row == 0 && first > 0) || (row == h - 1 && l->n > last))
			tui_text(y + row, l->v[i].x, COLS - l->v[i].x - 2, row == 0 && first > 0 ?
			         "-- more above: Up --" : "-- more below: Down --",
			         tui_attr(t, PAIR_KEY));
		else
			tui_text(y + row, l->v[i].x, COLS - l->v[i].x - 2, l->v[i].text,
			         l->v[i].attr);
	}
	return row;
}
