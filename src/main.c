/* main.c - entry point: the command line, or the full-screen program
 * when no command is given.  The two front ends know nothing of each
 * other; this is where they meet. */
#include "cslog/cli.h"
#include "cslog/tui.h"

int
main(int argc, char **argv)
{
	struct cli_screens s;
	struct tui_options o;
	int rc = cli_main(argc, argv, &s);

	if (rc != CLI_SCREENS)
		return rc;
	o.idle_lock = s.idle_lock;
	o.demo = s.demo;
	o.started = s.started;
	rc = tui_main(s.app, &o);
	cli_finish();
	return rc;
}
