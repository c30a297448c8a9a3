/* tui_keybar.h - a key bar that gives every key its word (keybar.c). */
#ifndef CSLOG_TUI_KEYBAR_H
#define CSLOG_TUI_KEYBAR_H

#include "tui_core.h"

/* A shorter word for a key of the table, by its shown name ("s"). */
struct tui_brief {
	const char *name;
	const char *word;
};

/* The key bar from the screen's key table, as htop's function bar:
 * every key offered with its word; when that is wider than the
 * terminal, the brief words (brief, ending with { NULL }), the last
 * keys' first, as many as it takes; when even
 * those do not fit, the last keys go (the first are the most used) and
 * the bar ends with "? all keys".  A key is never shown without its
 * word.  Keys whose label is NULL are in the help only, as for
 * tui_keybar. */
void tui_keybar_fit(struct tui *t, const struct tui_brief *brief);

#endif
