/* keybar.c - a key bar that gives every key its word (htop's function
 * bar): the words as the key table has them; when they do not fit, the
 * brief ones, the last keys' first, as many as it takes; when even those
 * do not fit, the last keys go and the bar ends with a hint that ? lists
 * them all.  A key is never shown bare. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "cslog/text.h"
#include "tui_keybar.h"

static const char *
brief_of(const struct tui_brief *b, const struct tui_key *k)
{
	for (; b != NULL && b->name != NULL; b++) {
		if (strcmp(b->name, k->name) == 0)
			return b->word;
	}
	return k->label;
}

/* The bar with the first `keys` keys offered, the brief words from
 * key `from` on; returns how many keys are offered in all. */
static int
bar_text(struct tui *t, char *bar, size_t len, const struct tui_brief *brief, int from,
         int keys)
{
	const struct tui_key *k;
	char word[128];
	size_t off = 0;
	int i = 0;

	bar[0] = '\0';
	for (k = tui_top(t)->keys; k != NULL && k->name != NULL; k++) {
		if (k->label == NULL || !tui_offered(t, k))
			continue;
		if (i++ >= keys || off >= len)
			continue;
		snprintf(word, sizeof word, "%s", i > from ? brief_of(brief, k) : k->label);
		if (i <= from && k->label_now != NULL)
			k->label_now(t, word, sizeof word);
		off += (size_t)snprintf(bar + off, len - off, "%s%s %s", off ? "  " : "", k->name,
		                        word);
	}
	if (off < len)
		snprintf(bar + off, len - off, "%s%s%s", off ? "  " : "",
		         tui_typing(t) ? "F1 " : "? ", keys < i ? "all keys" : "help");
	return i;
}

void
tui_keybar_fit(struct tui *t, const struct tui_brief *brief)
{
	char bar[1024];
	int keys = bar_text(t, bar, sizeof bar, brief, 1000, 1000), from = keys;

	/* The words of the last keys first: the first are the most used. */
	while (text_width(bar) > COLS && from-- > 0)
		bar_text(t, bar, sizeof bar, brief, from, keys);
	while (text_width(bar) > COLS && keys-- > 0)
		bar_text(t, bar, sizeof bar, brief, 0, keys);
	move(LINES - 1, 0);
	clrtoeol();
	tui_text(LINES - 1, 0, COLS, bar, tui_attr(t, PAIR_DIM));
}
