/* drill.c - cslog drill: not written yet (issue 6). */
#include "cslog/cli_cmd.h"

int
cli_drill(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	return cli_error(CS_SOFTWARE, "drill: not built yet");
}
