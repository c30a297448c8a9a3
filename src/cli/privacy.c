/* privacy.c - cslog redact and purge: not written yet (issue 7). */
#include "cslog/cli_cmd.h"

int
cli_redact(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	return cli_error(CS_SOFTWARE, "redact: not built yet");
}

int
cli_purge(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	return cli_error(CS_SOFTWARE, "purge: not built yet");
}
