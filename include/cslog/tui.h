/* tui.h - the full-screen program (ncursesw).
 *
 * Screens are small modules: each draws itself from the use-case layer
 * and turns keys into reactions; one loop in tui.c acts on the reactions
 * (redraw, back, quit).  No screen holds SQL. */
#ifndef CSLOG_TUI_H
#define CSLOG_TUI_H

#include "cslog/app.h"

struct tui_options {
	const char *script;   /* --script FILE: keys to feed (tests), or NULL */
	int idle_lock;        /* seconds before the terminal locks; 0: never */
	int demo;             /* --demo: a throw-away database with samples */
};

/* Run the full-screen program; returns the exit status. */
int tui_main(struct app *a, const struct tui_options *opt);

#endif
