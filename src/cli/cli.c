/* cli.c - cslog's entry: global options, then one command. */
#include "cslog/cli.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cslog/cli_cmd.h"
#include "cslog/cli_demo.h"
#include "cslog/tui.h"

static const struct cli_command commands[] = {
	{ "log", "log a customer contact", cli_log },
	{ "list", "the log, filtered and paged", cli_list },
	{ "show", "one contact with its check, follow-ups, reviews, history", cli_show },
	{ "amend", "correct a contact (a new version pointing at the old)", cli_amend },
	{ "review", "sign off, debrief or commend a contact (supervisors)", cli_review },
	{ "followup", "promised follow-ups: list, done, pause, resume", cli_followup },
	{ "report", "counts by kind, channel, outcome, member, day, question", cli_report },
	{ "member", "add and list members, set PINs", cli_member },
	{ "policy", "list, show and check agency policies", cli_policy },
	{ "export", "write contacts as CSV or JSON Lines", cli_export },
	{ "import", "read contacts from CSV or JSON Lines", cli_import },
	{ "backup", "a consistent copy of the database", cli_backup },
	{ "verify", "check the audit chain and the database's integrity", cli_verify },
	{ "drill", "empowerment drills and quizzes: list and results", cli_drill },
	{ "redact", "remove a contact's protected customer data (supervisors)", cli_redact },
	{ "purge", "redact contacts older than the policy's retention", cli_purge },
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const char usage_text[] =
"Usage: cslog [--db PATH | --demo] [--policies DIR] [COMMAND [ARGS]]\n"
"\n"
"Log customer contacts, run the seven-question empowerment check, and\n"
"review the log.  With no command, cslog opens the full-screen program.\n"
"\n"
"Commands:\n";

static const char options_text[] =
"\n"
"Options (also accepted after a command):\n"
"  --db PATH        the database file (default: $CSLOG_DB, else\n"
"                   $XDG_DATA_HOME/cslog/cslog.db)\n"
"  --policies DIR   read policy files from DIR only\n"
"  --demo           work on a throw-away database filled with sample\n"
"                   members and a year of contacts, deleted on exit\n"
"                   (supervisor S1 and trainer T1 have PIN 1234)\n"
"  --idle-lock SECS the full-screen program locks back to sign-in after\n"
"                   SECS idle (default 300; 0: never)\n"
"  -h, --help       show this help; 'cslog COMMAND --help' for a command\n"
"  --version        show the version\n"
"\n"
"Exit status: 0 ok, 64 usage error, 65 bad data, 66 no such record,\n"
"73/74 cannot write, 75 busy (try again), 77 not allowed, 78 policy error.\n"
"See cslog(1).\n";

static int
print_usage(FILE *f)
{
	size_t i;

	fputs(usage_text, f);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs(options_text, f);
	return 0;
}

static const struct cli_command *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	}
	return NULL;
}

/* Global options stop at the first word that is not an option. */
static int
parse_idle(const char *s, struct tui_options *topt, int *done)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || v > 86400) {
		*done = 1;
		return cli_usage(NULL, "--idle-lock takes seconds (0 to 86400), not '%s'", s);
	}
	topt->idle_lock = (int)v;
	return 0;
}

/* The full-screen program: policies and the store are opened first, so
 * their errors are printed plainly before the screen is taken over. */
static int
run_screens(struct cli *c, struct tui_options *topt)
{
	struct cs_err err = { 0 };
	int rc = cli_need_policies(c);

	if (rc != 0)
		return rc;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error(CS_USAGE, "the full-screen program needs a terminal; "
		    "see 'cslog --help' for the commands");
	if (app_store(&c->app, &err) == NULL)
		return cli_fail(&err);
	if (topt->demo)
		cli_demo_release_signals();
	return tui_main(&c->app, topt);
}

static int
parse_global(struct cli *c, int argc, char **argv, struct tui_options *topt, int *done)
{
	enum { O_IDLE = 1, O_DEMO };
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "version", no_argument, NULL, 'V' },
		{ "idle-lock", required_argument, NULL, O_IDLE },
		{ "demo", no_argument, NULL, O_DEMO },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "+:hV", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		switch (opt) {
		case 'h':
			*done = 1;
			return print_usage(stdout);
		case 'V':
			*done = 1;
			printf("cslog %s\n", CSLOG_VERSION);
			return 0;
		case O_IDLE:
			if (parse_idle(optarg, topt, done) != 0)
				return CS_USAGE;
			break;
		case O_DEMO:
			topt->demo = 1;
			break;
		default:
			*done = 1;
			return cli_bad_option(NULL, argv, opt);
		}
	}
	return 0;
}

/* The command, or the full-screen program when there is none. */
static int
run(struct cli *c, int argc, char **argv, int first, struct tui_options *topt)
{
	const struct cli_command *cmd;
	int rc;

	if (first >= argc)
		return run_screens(c, topt);
	cmd = find_command(argv[first]);
	if (cmd == NULL)
		return cli_usage(NULL, "unknown command '%s'", argv[first]);
	rc = cmd->run(c, argc - first, argv + first);
	if (fflush(stdout) != 0 && rc == 0)
		rc = cli_error(CS_IOERR, "cannot write the output");
	return rc;
}

int
cli_main(int argc, char **argv)
{
	struct cli c;
	struct cli_demo demo = { "", "" };
	struct tui_options topt = { NULL, 300, 0 };
	int done = 0, rc;

	setlocale(LC_ALL, "");
	memset(&c, 0, sizeof c);
	app_init(&c.app);
	c.out = stdout;
	rc = parse_global(&c, argc, argv, &topt, &done);
	if (!done && topt.demo && optind < argc && find_command(argv[optind]) == NULL)
		rc = cli_usage(NULL, "unknown command '%s'", argv[optind]);
	else if (!done && topt.demo)
		rc = cli_demo_start(&c, &demo);
	if (!done && rc == 0)
		rc = run(&c, argc, argv, optind, &topt);
	cli_demo_end(&c, &demo);
	app_done(&c.app);
	return rc;
}
