/* tui_core.h - what the screens share (tui layer only).
 *
 * A screen is a struct tui_screen.  It declares its keys once, as a
 * table of struct tui_key (like tig's requests and htop's function
 * bar): the key bar, the help overlay and the dispatch are all made
 * from that table, and a key the signed-in member may not use is
 * neither offered nor answered.  tui.c's loop owns the terminal: it
 * checks the size, handles Ctrl-C (leave), '?' and F1 (help) and Esc
 * (back) for every screen, and acts on the reactions in one place. */
#ifndef CSLOG_TUI_CORE_H
#define CSLOG_TUI_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cslog/app.h"
#include "cslog/app_screens.h"
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

/* A function key in a key table: TUI_FKEY(KEY_DOWN). */
#define TUI_FKEY(k) (0x1000000 | (k))
#define TUI_ESC 27

/* One key of a screen. */
struct tui_key {
	int key;            /* a character, TUI_FKEY(KEY_...); 0: the screen's key()
	                       handles it (lists, typing): the line documents it */
	int key2;           /* another key for the same; 0: none */
	const char *name;   /* as shown: "l", "Enter", "Up/Down"; NULL ends a table */
	const char *label;  /* in the key bar; NULL: in the help only */
	const char *help;   /* in the help overlay */
	int op;             /* enum app_op the one signed in must have; -1: anyone */
	bool (*when)(struct tui *t);       /* offered only when true; NULL: always */
	int (*fn)(struct tui *t, int ch);  /* the reaction (enum tui_reaction) */
	/* The key bar's label made now ("start with 3 picked"); NULL: label. */
	void (*label_now)(struct tui *t, char *buf, size_t len);
};

/* A shorter word for a key of a screen's table, by its shown name ("f"),
 * for the key bar on a narrow terminal. */
struct tui_brief {
	const char *name;
	const char *word;
};

struct tui_screen {
	const char *title;                  /* for the help overlay */
	const struct tui_key *keys;         /* ends with { .name = NULL } */
	const struct tui_brief *brief;      /* the key bar's shorter words, ending
	                                       with { NULL }; NULL: none */
	bool keys_listed;                   /* the screen itself lists every key
	                                       (the home): the bar may leave the
	                                       last out, ending "? all keys" */
	void (*draw)(struct tui *t);
	/* Keys the table does not take (list choices, text): optional. */
	int (*key)(struct tui *t, int ch, bool func_key);
	/* True while a text field has the keyboard: every key but Ctrl-C,
	 * F1 and Esc goes to key() (so '?' can be typed).  Optional. */
	bool (*typing)(struct tui *t);
	int (*esc)(struct tui *t);          /* Esc; NULL: leave the screen */
	const char *notes;                  /* optional: help text after the keys
	                                       (a legend, what the screen shows) */
	void (*leave)(struct tui *t);       /* optional: free the state */
	void (*resume)(struct tui *t);      /* optional: a screen above closed */
	/* Optional: about once a second with no key (a save that waited
	 * for an import is tried again); returns enum tui_reaction. */
	int (*tick)(struct tui *t);
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
	char status[512];                    /* one message at the bottom */
	bool status_bad;
	struct app_actor me;                 /* who is signed in (me.id 0: nobody) */
};

/* Leave every screen (used by sign-out and the idle lock), or the top
 * one only (a screen that makes way for another). */
void tui_pop_all(struct tui *t);
void tui_pop_top(struct tui *t);

/* The screen on top; is entry k offered now to the one signed in (its
 * permission and state); does a text field have the keyboard? */
const struct tui_screen *tui_top(struct tui *t);
bool tui_offered(struct tui *t, const struct tui_key *k);
bool tui_typing(struct tui *t);

/* The help overlay (help.c): every key offered on the top screen, the
 * loop's own, then the screen's notes, drawn from row *first (clamped);
 * tui_help_scroll moves *first for a scroll key and says whether it was
 * one (any other key closes the help). */
void tui_help_draw(struct tui *t, int *first);
bool tui_help_scroll(int *first, int ch, bool fk);

/* Push a screen with its state (owned by the screen: freed in leave). */
void tui_push(struct tui *t, const struct tui_screen *s, void *state);
void *tui_state(struct tui *t);

/* Set the status line (printf-style). */
void tui_say(struct tui *t, bool bad, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* May the one signed in do op (enum app_op)? */
bool tui_may(struct tui *t, int op);

/* Drawing helpers: text is neutralised and fitted to the width, a cut
 * text ending in an ellipsis (for table cells, whose whole text Enter
 * shows).  tui_wrap writes text over as many rows as it needs (at most
 * max_rows) and returns the rows used: guidance and help are never cut. */
void tui_title(struct tui *t, const char *title, const char *right);
void tui_text(int y, int x, int width, const char *s, int attr);
int tui_wrap(int y, int x, int width, int max_rows, const char *s, int attr);
/* The rows tui_wrap needs for s at this width. */
int tui_wrap_rows(int width, const char *s);
/* The key bar, from the screen's key table. */
void tui_keybar(struct tui *t);
int tui_attr(struct tui *t, enum tui_pair pair);

/* Keys as a screen gets them (ch, and whether it is a function key):
 * Enter (Return, Ctrl-J or the keypad's), and Backspace (either code). */
bool tui_is_enter(int ch, bool fk);
bool tui_is_backspace(int ch, bool fk);

/* The loop's wait for a key, in ms: a screen's tick() about once a second. */
#define TUI_TICK_MS 1000

/* One key (keyread.c): 0 a character, 1 a function key (KEY_...), ERR
 * none within TUI_TICK_MS.  An escape sequence ncurses does not know, or
 * one pasted, is read whole and dropped; Alt-x too; a lone Esc is
 * TUI_ESC.  The group the program may run with is let go meanwhile. */
int tui_read_key(int *ch);
/* Has this system a description of the terminal type TERM names? */
bool tui_term_known(void);

#endif
