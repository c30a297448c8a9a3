/* tui_core.h - what the screens share (tui layer only).
 *
 * A screen is a struct tui_screen: it draws itself and turns a key into
 * a reaction.  tui.c's loop owns the terminal: it checks the size, shows
 * the help overlay on '?', and acts on reactions in one place. */
#ifndef CSLOG_TUI_CORE_H
#define CSLOG_TUI_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cslog/app.h"
#include "cslog/tui.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

enum tui_reaction {
	TUI_STAY = 0,     /* nothing changed */
	TUI_REDRAW = 1,   /* draw the screen again */
	TUI_BACK = 2,     /* leave this screen */
	TUI_QUIT = 4,     /* leave the program */
};

/* Colour pairs (all fall back to attributes without colour). */
enum tui_pair {
	PAIR_TITLE = 1,
	PAIR_KEY,
	PAIR_OK,
	PAIR_BAD,
	PAIR_DIM,
	PAIR_SELECT,
};

struct tui;

struct tui_help_line {
	const char *keys;
	const char *what;
};

struct tui_screen {
	const char *title;
	const struct tui_help_line *help;   /* ends with { NULL, NULL } */
	void (*draw)(struct tui *t);
	int (*key)(struct tui *t, int ch, bool func_key);  /* enum tui_reaction */
	void (*leave)(struct tui *t);       /* optional: free the state */
	void (*resume)(struct tui *t);      /* optional: a screen above closed */
};

#define TUI_STACK_MAX 16

struct tui {
	struct app *app;
	const struct tui_options *opt;
	bool color;
	int64_t last_key_at;
	const struct tui_screen *stack[TUI_STACK_MAX];
	void *state[TUI_STACK_MAX];          /* each screen's state, owned by it */
	int depth;
	char status[256];                    /* one-line message at the bottom */
	bool status_bad;

	/* Who is signed in (me_id 0: nobody). */
	int64_t me_id;
	char me_badge[40];
	char me_name[208];
	int me_role;
	char me_policy[40];                  /* policy last used, "" none */
};

/* Leave every screen (used by sign-out and the idle lock). */
void tui_pop_all(struct tui *t);

/* Push a screen with its state (owned by the screen: freed in leave). */
void tui_push(struct tui *t, const struct tui_screen *s, void *state);
void *tui_state(struct tui *t);

/* Set the status line (printf-style). */
void tui_say(struct tui *t, bool bad, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Drawing helpers: text is neutralised and clipped to the width, a cut
 * text ending in an ellipsis (text_fit_marked). */
void tui_title(struct tui *t, const char *title, const char *right);
void tui_text(int y, int x, int width, const char *s, int attr);
void tui_keybar(struct tui *t, const char *keys);
int tui_attr(struct tui *t, enum tui_pair pair);

/* Keys as a screen gets them (ch, and whether it is a function key):
 * Enter (Return, Ctrl-J or the keypad's), and Backspace (either code). */
bool tui_is_enter(int ch, bool fk);
bool tui_is_backspace(int ch, bool fk);

#endif
