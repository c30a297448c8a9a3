/* keybar.c - every screen's key bar, from its key table (htop's function
 * bar): each key offered with its word; when they do not fit, the brief
 * words the screen gives (struct tui_screen's brief), the last keys' first,
 * as many as it takes; when even those do not fit, on a screen that lists
 * its keys itself (the home) the last keys go (the first are the most
 * used) and the bar ends with a hint that ? lists them all; on any other
 * every key stays, the last keys' words going. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "cslog/text.h"
#include "tui_core.h"

/* The screen's brief word for k; NULL: none (its label stands). */
static const char *
brief_of(const struct tui_brief *b, const struct tui_key *k)
{
	for (; b != NULL && b->name != NULL; b++) {
		if (strcmp(b->name, k->name) == 0)
			return b->word;
	}
	return NULL;
}

/* The bar with the first `keys` keys offered, the brief words from
 * key `from` on, no word at all from key `bare` on; returns how many
 * keys are offered in all. */
static int
bar_text(struct tui *t, char *bar, size_t len, int from, int bare, int keys)
{
	const struct tui_key *k;
	const char *b;
	char word[128];
	size_t off = 0;
	int i = 0;

	bar[0] = '\0';
	for (k = tui_top(t)->keys; k != NULL && k->name != NULL; k++) {
		if (k->label == NULL || !tui_offered(t, k))
			continue;
		if (i++ >= keys || off >= len)
			continue;
		b = i > from ? brief_of(tui_top(t)->brief, k) : NULL;
		snprintf(word, sizeof word, "%s", i > bare ? "" : b != NULL ? b : k->label);
		if (i <= bare && b == NULL && k->label_now != NULL)
			k->label_now(t, word, sizeof word);
		off += (size_t)snprintf(bar + off, len - off, "%s%s%s%s", off ? "  " : "", k->name,
		                        word[0] ? " " : "", word);
	}
	if (off < len)
		snprintf(bar + off, len - off, "%s%s%s", off ? "  " : "",
		         tui_typing(t) ? "F1 " : "? ", keys < i ? "all keys" : "help");
	return i;
}

void
tui_keybar(struct tui *t)
{
	char bar[1024];
	int keys = bar_text(t, bar, sizeof bar, 1000, 1000, 1000), from = keys, bare = keys;

	/* The words of the last keys first: the first are the most used. */
	while (text_width(bar) > COLS && from-- > 0)
		bar_text(t, bar, sizeof bar, from, bare, keys);
	/* Then a screen that lists its keys itself lets the last go; any
	 * other keeps every key, the last keys' words going (a question's
	 * y, p and n all stay on its bar). */
	while (text_width(bar) > COLS && tui_top(t)->keys_listed && keys-- > 0)
		bar_text(t, bar, sizeof bar, 0, keys, keys);
	while (text_width(bar) > COLS && bare-- > 0)
		bar_text(t, bar, sizeof bar, 0, bare, keys);
	move(LINES - 1, 0);
	clrtoeol();
	tui_text(LINES - 1, 0, COLS, bar, tui_attr(t, PAIR_DIM));
}
