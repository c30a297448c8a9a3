/* tui.h - the full-screen program (ncursesw).
 *
 * Screens are small modules: each declares its keys once (the key bar,
 * the help overlay and the dispatch come from that table) and draws
 * itself from the use-case layer; one loop in tui.c reads keys, handles
 * Ctrl-C, '?' and Esc for every screen, and acts on the reactions
 * (redraw, back, quit).  No screen holds SQL. */
#ifndef CSLOG_TUI_H
#define CSLOG_TUI_H

#include <stdbool.h>

#include "cslog/app.h"

struct tui_options {
	int idle_lock;        /* seconds before the terminal locks; 0: never */
	bool demo;            /* --demo: a throw-away database with samples */
	void (*started)(void); /* optional: called once the terminal is taken
	                          (ncurses' signal handlers are in place) */
};

/* Run the full-screen program on a's open store; returns the exit status. */
int tui_main(struct app *a, const struct tui_options *opt);

#endif
