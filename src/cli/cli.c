/* cli.c - dispatch. */
#include "cslog/cli.h"

#include <stdio.h>
#include <string.h>

int
cli_main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("cslog %s\n", CSLOG_VERSION);
		return 0;
	}
	return 0;
}
