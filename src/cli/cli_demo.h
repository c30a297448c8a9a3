/* cli_demo.h - cslog --demo: a throw-away database filled with sample
 * data (cli layer). */
#ifndef CSLOG_CLI_DEMO_H
#define CSLOG_CLI_DEMO_H

#include <stdbool.h>

#include "cli_cmd.h"

struct cli_demo {
	char dir[1024];     /* the temporary directory, "" when none */
	char db[1100];      /* dir/cslog.db */
};

/* Make a directory $TMPDIR/cslog-demo.XXXXXX (TMPDIR unset: /tmp), point
 * c->app at a database in it, fill it with generate.h's demo data
 * (progress on stderr), and say on stderr where it is and who to sign
 * in as.  Until cli_demo_end, SIGINT, SIGTERM and SIGHUP remove the
 * directory before they end the program.  Returns 0 or an exit status
 * (message printed; d is then already cleaned up). */
int cli_demo_start(struct cli *c, struct cli_demo *d);

/* Before the full-screen program starts: give the signals back to their
 * defaults (so that ncurses puts its own in place, which restore the
 * terminal); once it has, chain ours before them: the files go first. */
void cli_demo_release_signals(void);
void cli_demo_chain_signals(void);

/* Close the store and remove the directory with everything in it. */
void cli_demo_end(struct cli *c, struct cli_demo *d);

#endif
