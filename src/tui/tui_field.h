/* tui_field.h - an editable text field (UTF-8, several lines).
 *
 * The text is a byte buffer of valid UTF-8; the cursor is a byte offset
 * on a character boundary.  Keys: arrows, Home/End (line), Backspace,
 * Delete, Ctrl-W (delete word), Ctrl-U (delete to line start), Ctrl-K
 * (delete to line end), Ctrl-J (new line, when multi-line).  Enter and
 * Tab are left to the screen. */
#ifndef CSLOG_TUI_FIELD_H
#define CSLOG_TUI_FIELD_H

#include <stdbool.h>
#include <stddef.h>

struct tui;

struct tui_field {
	char *text;        /* owned, NUL-terminated */
	size_t len, cap;
	size_t cursor;     /* byte offset */
	size_t max;        /* largest length in bytes */
	bool multiline;
	bool secret;       /* draw as dots (PINs) */
	int top;           /* first visual line shown */
	int width;         /* the width it was last drawn at (Up/Down move by
	                      the rows seen); 0: not drawn yet */
};

void tui_field_init(struct tui_field *f, size_t max, bool multiline);
void tui_field_done(struct tui_field *f);
/* Replace the text (cursor to the end); false when out of memory. */
bool tui_field_set(struct tui_field *f, const char *s);

/* Handle a key; returns true when it changed the text or the cursor. */
bool tui_field_key(struct tui_field *f, int ch, bool func_key);

/* Draw in the box (y, x, height, width) and place the cursor. */
void tui_field_draw(struct tui *t, struct tui_field *f, int y, int x, int h, int w);

#endif
