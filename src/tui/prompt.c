/* prompt.c - a question on its own screen: one text field, Enter to
 * give the answer to the screen that asked, Esc to go back unchanged.
 * The asking screen stays below on the stack, so its state is safe. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_field.h"
#include "tui_screens.h"

struct prompt {
	struct tui_field f;
	char title[80];
	char question[480];
	tui_prompt_done done;
	void *ctx;
	bool required;
};

static bool
multiline(struct tui *t)
{
	return ((struct prompt *)tui_state(t))->f.multiline;
}

static const struct tui_key prompt_keys[] = {
	{ .name = "Enter", .label = "save", .help = "give this answer", .op = -1 },
	{ .name = "Ctrl-J", .help = "a new line", .op = -1, .when = multiline },
	{ .name = "Ctrl-W, Ctrl-U", .help = "delete a word, delete to the start of the line",
	  .op = -1 },
	{ .name = "Esc", .label = "back", .help = "go back without changing anything",
	  .op = -1 },
	{ .name = NULL },
};

static void
prompt_draw(struct tui *t)
{
	struct prompt *p = tui_state(t);
	int y, h;

	tui_title(t, p->title, NULL);
	/* The question whole, over as many rows as it needs. */
	y = 2 + tui_wrap(2, 2, COLS - 4, LINES - 8, p->question, A_BOLD);
	if (p->f.multiline)
		tui_text(y++, 2, COLS - 4, "(Ctrl-J starts a new line)", tui_attr(t, PAIR_DIM));
	h = p->f.multiline ? LINES - 4 - (y + 1) : 1;
	tui_keybar(t);
	tui_field_draw(t, &p->f, y + 1, 2, h < 1 ? 1 : h, COLS - 4);
}

static int
prompt_key(struct tui *t, int ch, bool fk)
{
	struct prompt *p = tui_state(t);
	const char *s;

	/* Return gives the answer; Ctrl-J is a new line in a note. */
	if ((!fk && ch == '\r') || (fk && ch == KEY_ENTER) || (!p->f.multiline && ch == '\n')) {
		s = p->f.text + strspn(p->f.text, " \t\n");
		if (p->required && *s == '\0') {
			tui_say(t, true, "Please write something, or Esc to go back.");
			return TUI_REDRAW;
		}
		/* The answer goes to the screen below once this one is gone. */
		if (p->done(t, p->ctx, p->f.text) != 0)
			return TUI_REDRAW;
		return TUI_BACK;
	}
	return tui_field_key(&p->f, ch, fk) ? TUI_REDRAW : TUI_STAY;
}

static void
prompt_leave(struct tui *t)
{
	struct prompt *p = tui_state(t);

	tui_field_done(&p->f);
	free(p);
}

static bool
prompt_typing(struct tui *t)
{
	(void)t;
	return true;
}

static const struct tui_screen prompt_screen = {
	.title = "Question", .keys = prompt_keys, .draw = prompt_draw, .key = prompt_key,
	.typing = prompt_typing, .leave = prompt_leave,
};

void
tui_prompt_pin(struct tui *t, const char *title, const char *question, tui_prompt_done done,
               void *ctx)
{
	struct tui_prompt_spec s = { title, question, NULL, 64, false, true };

	tui_prompt(t, &s, done, ctx);
	if (tui_top(t)->draw == prompt_draw)
		((struct prompt *)tui_state(t))->f.secret = true;   /* never echoed */
}

void
tui_prompt(struct tui *t, const struct tui_prompt_spec *spec, tui_prompt_done done,
           void *ctx)
{
	struct prompt *p = calloc(1, sizeof *p);

	if (p == NULL)
		return;
	tui_field_init(&p->f, spec->max, spec->multiline);
	if (spec->initial != NULL)
		tui_field_set(&p->f, spec->initial);
	snprintf(p->title, sizeof p->title, "%s", spec->title);
	snprintf(p->question, sizeof p->question, "%s", spec->question);
	p->done = done;
	p->ctx = ctx;
	p->required = spec->required;
	tui_push(t, &prompt_screen, p);
}
