/* help.c - --help, made from each command's declaration and the
 * permission table, and 'cslog help permissions'. */
#include <string.h>

#include "cli_cmd.h"

static const char usage_text[] =
"Usage: cslog [--db PATH | --demo] [--policies DIR] [--as BADGE] [COMMAND [ARGS]]\n"
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
"  --as BADGE       who is acting (default: $CSLOG_AS); a member with a\n"
"                   PIN gives it in CSLOG_PIN or is asked for it\n"
"  --demo           work on a throw-away database filled with sample\n"
"                   members and a year of contacts, deleted on exit,\n"
"                   acting as its supervisor S1 unless told otherwise\n"
"                   (S1 and trainer T1 have PIN 1234)\n"
"  --idle-lock SECS the full-screen program locks back to sign-in after\n"
"                   SECS idle (default 300; 0: never)\n"
"  -h, --help       show this help; 'cslog COMMAND --help' for a command\n"
"  --version        show the version\n"
"\n"
"Exit status: 0 ok, 64 usage error, 65 bad data, 66 no such record,\n"
"73/74 cannot write, 75 busy (try again), 77 not allowed, 78 policy error.\n"
"'cslog help permissions' shows who may do what.  See cslog(1).\n";

void
cli_help_all(FILE *f)
{
	const struct cli_cmd *const *p;

	fputs(usage_text, f);
	for (p = cli_commands; *p != NULL; p++)
		fprintf(f, "  %-17s %s\n", (*p)->name, (*p)->summary);
	fputs(options_text, f);
}

/* "  --kind KIND             the customer kind", continued lines indented. */
static void
put_opts(FILE *f, const struct cli_opt *v)
{
	char left[64];
	const char *h, *nl;

	for (; v != NULL && v->name != NULL; v++) {
		snprintf(left, sizeof left, "--%s%s%s", v->name, v->arg ? " " : "",
		         v->arg ? v->arg : "");
		fprintf(f, "  %-24s", left);
		if (strlen(left) > 22)
			fprintf(f, "\n  %-24s", "");
		for (h = v->help; (nl = strchr(h, '\n')) != NULL; h = nl + 1)
			fprintf(f, "%.*s\n  %-24s", (int)(nl - h), h, "");
		fprintf(f, "%s\n", h);
	}
}

void
cli_help_command(FILE *f, const struct cli_cmd *cmd)
{
	char rule[200];

	fprintf(f, "Usage: cslog %s%s%s%s\n\n", cmd->name, cmd->args ? " " : "",
	        cmd->args ? cmd->args : "", cmd->opts || cmd->more_opts ? " [OPTIONS]" : "");
	fputs(cmd->about, f);
	if (cmd->opts != NULL || cmd->more_opts != NULL) {
		fputs("\nOptions:\n", f);
		put_opts(f, cmd->opts);
		put_opts(f, cmd->more_opts);
	}
	if (cmd->op >= 0) {
		app_perm_words((enum app_op)cmd->op, rule, sizeof rule);
		fprintf(f, "\nWho may: %s (%s).\n", rule, app_perm((enum app_op)cmd->op)->what);
	} else if (cmd->who == WHO_DB_OWNER) {
		fputs("\nWho may: the database's owner, as the role of the connection string;\n"
		      "nobody signs in to cslog (a terminal's role is refused).\n", f);
	} else if (!CLI_SIGNS_IN(cmd)) {
		fputs("\nWho may: anyone; nobody needs to sign in.\n", f);
	}
	if (CLI_SIGNS_IN(cmd))
		fputs("Who is acting: --as BADGE (or CSLOG_AS); a PIN from CSLOG_PIN, or asked"
		      " on the terminal.\n", f);
}

/* ---- cslog help [COMMAND | permissions] -------------------------------- */

static void
permissions(FILE *f)
{
	static const char *const how[] = { "-", "own", "all" };
	char rule[200];
	int op;

	fprintf(f, "%-17s %-6s %-7s %-10s %-9s %s\n", "OPERATION", "MEMBER", "TRAINER",
	        "SUPERVISOR", "EVALUATOR", "WHAT");
	for (op = 0; op < APP_OP_COUNT; op++) {
		const struct app_perm *p = app_perm((enum app_op)op);

		app_perm_words((enum app_op)op, rule, sizeof rule);
		fprintf(f, "%-17s %-6s %-7s %-10s %-9s %s\n", p->name, how[p->scope[ROLE_MEMBER]],
		        how[p->scope[ROLE_TRAINER]], how[p->scope[ROLE_SUPERVISOR]],
		        how[p->scope[ROLE_EVALUATOR]], p->what);
	}
	fputs("\nown: their own records only; all: everyone's; -: not allowed.\n"
	      "Nobody needs to sign in for: policy list, policy show, policy check, help.\n", f);
}

static int
run_help(struct cli *c, struct cli_call *k)
{
	const struct cli_cmd *const *p;
	char name[64];

	(void)c;
	if (k->n_args == 0) {
		cli_help_all(stdout);
		return 0;
	}
	if (strcmp(k->args[0], "permissions") == 0) {
		permissions(stdout);
		return 0;
	}
	snprintf(name, sizeof name, "%s%s%s", k->args[0], k->n_args > 1 ? " " : "",
	         k->n_args > 1 ? k->args[1] : "");
	for (p = cli_commands; *p != NULL; p++) {
		if (strcmp((*p)->name, name) == 0) {
			cli_help_command(stdout, *p);
			return 0;
		}
	}
	return cli_usage("help", "no command '%s'", name);
}

const struct cli_cmd cli_cmd_help = {
	"help", "[COMMAND | permissions]", 0, 2,
	"help on a command, or who may do what",
	"Help on COMMAND (as 'cslog COMMAND --help'), or with 'permissions' the\n"
	"permission table: for each operation, what members, trainers and\n"
	"supervisors may do (their own records, everyone's, or nothing).\n",
	NULL, NULL, WHO_NOBODY, -1, false, false, run_help,
};
