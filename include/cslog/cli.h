/* cli.h - the non-interactive command line. */
#ifndef CSLOG_CLI_H
#define CSLOG_CLI_H

/* Run cslog with these arguments; returns the process exit status. */
int cli_main(int argc, char **argv);

#endif
