/* cli.h - the command line: global options, then one command. */
#ifndef CSLOG_CLI_H
#define CSLOG_CLI_H

#include <stdbool.h>

struct app;

/* What the full-screen program needs when no command is given. */
struct cli_screens {
	struct app *app;     /* policies loaded, store open */
	int idle_lock;       /* --idle-lock seconds (default 300; 0 never) */
	bool demo;           /* --demo */
	void (*started)(void); /* to call once the screens have the terminal
	                          (--demo: its database is removed on SIGHUP,
	                          SIGTERM and SIGPIPE, after ncurses' own
	                          handling); NULL: nothing */
};

#define CLI_SCREENS (-1)

/* Run cslog with these arguments; returns the process exit status.
 * With no command, when screens is not NULL and there is a terminal,
 * fills *screens and returns CLI_SCREENS: the caller runs the screens,
 * then calls cli_finish.  With screens NULL the screens are refused. */
int cli_main(int argc, char **argv, struct cli_screens *screens);

/* Close what cli_main left open for the screens (the demo database is
 * removed). */
void cli_finish(void);

#endif
