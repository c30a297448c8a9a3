/* main.c - entry point: hand the arguments to the command line. */
#include "cslog/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
