/* main.c - entry point: the command line, or the full-screen program
 * when no command is given.  The two front ends know nothing of each
 * other; this is where they meet. */
#include <signal.h>

#include "cslog/cli.h"
#include "cslog/tui.h"

int
main(int argc, char **argv)
{
	struct cli_screens s;
	struct tui_options o;
	int rc;

	/* Past a file-size limit (ulimit -f) a write fails with EFBIG, which
	 * is reported like a full disk, saying whether anything was saved;
	 * the default, dying of SIGXFSZ, could kill cslog after a commit and
	 * before it said so, and a retry would log the contact twice. */
	signal(SIGXFSZ, SIG_IGN);
	rc = cli_main(argc, argv, &s);

	if (rc != CLI_SCREENS)
		return rc;
	o.idle_lock = s.idle_lock;
	o.demo = s.demo;
	o.started = s.started;
	rc = tui_main(s.app, &o);
	cli_finish();
	return rc;
}
