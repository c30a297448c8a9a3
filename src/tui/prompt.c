/* prompt.c - a question on its own screen: one text field, Enter to
 * give the answer to the screen that asked, Esc to go back unchanged
 * (a note asked with tui_prompt_keep keeps what was typed, for when the
 * same prompt for the same record opens again).  The asking screen stays
 * below on the stack, so its state is safe. */
#define _POSIX_C_SOURCE 200809L
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
	struct tui_kept *kept;   /* where Esc leaves the text; NULL: nowhere */
	int64_t kept_id;
};

static bool
multiline(struct tui *t)
{
	return ((struct prompt *)tui_state(t))->f.multiline;
}

static bool
keeps(struct tui *t)
{
	return ((struct prompt *)tui_state(t))->kept != NULL;
}

static bool
drops(struct tui *t)
{
	return !keeps(t);
}

static const struct tui_key prompt_keys[] = {
	{ .name = "Enter", .label = "save", .help = "give this answer", .op = -1 },
	{ .name = "Ctrl-J", .help = "a new line", .op = -1, .when = multiline },
	{ .name = "Ctrl-W, Ctrl-U", .help = "delete a word, delete to the start of the line",
	  .op = -1 },
	{ .name = "Esc", .label = "back", .help = "go back without changing anything",
	  .op = -1, .when = drops },
	{ .name = "Esc", .label = "back", .help = "go back without saving; what you typed is"
	  " kept, and comes back when you open this again for the same record", .op = -1,
	  .when = keeps },
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
		if (p->kept != NULL && p->kept->id == p->kept_id)
			tui_kept_clear(p->kept);   /* saved: nothing to keep */
		return TUI_BACK;
	}
	return tui_field_key(&p->f, ch, fk) ? TUI_REDRAW : TUI_STAY;
}

/* Esc: the text kept for this record (an empty one keeps nothing). */
static int
prompt_esc(struct tui *t)
{
	struct prompt *p = tui_state(t);
	char *copy;

	if (p->kept == NULL)
		return TUI_BACK;
	if (p->f.text[strspn(p->f.text, " \t\n")] == '\0') {
		if (p->kept->id == p->kept_id)
			tui_kept_clear(p->kept);
		return TUI_BACK;
	}
	copy = strdup(p->f.text);
	if (copy == NULL) {
		tui_say(t, true, "Out of memory: the text could not be kept.  Enter saves it.");
		return TUI_REDRAW;
	}
	tui_kept_clear(p->kept);
	p->kept->id = p->kept_id;
	p->kept->text = copy;
	return TUI_BACK;
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
	.typing = prompt_typing, .esc = prompt_esc, .leave = prompt_leave,
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
tui_kept_clear(struct tui_kept *k)
{
	free(k->text);
	k->text = NULL;
	k->id = 0;
}

void
tui_prompt(struct tui *t, const struct tui_prompt_spec *spec, tui_prompt_done done,
           void *ctx)
{
	tui_prompt_keep(t, spec, done, ctx, NULL, 0);
}

void
tui_prompt_keep(struct tui *t, const struct tui_prompt_spec *spec, tui_prompt_done done,
                void *ctx, struct tui_kept *kept, int64_t id)
{
	struct prompt *p = calloc(1, sizeof *p);

	if (p == NULL)
		return;
	tui_field_init(&p->f, spec->max, spec->multiline);
	if (kept != NULL && kept->text != NULL && kept->id == id)
		tui_field_set(&p->f, kept->text);
	else if (spec->initial != NULL)
		tui_field_set(&p->f, spec->initial);
	p->kept = kept;
	p->kept_id = id;
	snprintf(p->title, sizeof p->title, "%s", spec->title);
	snprintf(p->question, sizeof p->question, "%s", spec->question);
	p->done = done;
	p->ctx = ctx;
	p->required = spec->required;
	tui_push(t, &prompt_screen, p);
}
