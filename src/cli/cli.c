/* cli.c - cslog's command line: the global options, then one command,
 * parsed, authenticated and run from its declaration (cli_cmd.h). */
#include "cslog/cli.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_cmd.h"
#include "cli_demo.h"
#include "cli_measures.h"

const struct cli_cmd *const cli_commands[] = {
	&cli_cmd_log, &cli_cmd_list, &cli_cmd_show, &cli_cmd_amend, &cli_cmd_review,
	&cli_cmd_followup_list, &cli_cmd_followup_done, &cli_cmd_followup_pause,
	&cli_cmd_followup_resume, &cli_cmd_report, &cli_cmd_member_add, &cli_cmd_member_list,
	&cli_cmd_member_set_pin, &cli_cmd_member_role, &cli_cmd_member_unlock,
	&cli_cmd_policy_list, &cli_cmd_policy_show, &cli_cmd_policy_check, &cli_cmd_export,
	&cli_cmd_import, &cli_cmd_backup, &cli_cmd_restore, &cli_cmd_verify, &cli_cmd_clock_accept,
	&cli_cmd_drill_list, &cli_cmd_drill_results, &cli_cmd_drill_answer, &cli_cmd_redact,
	&cli_cmd_purge, &cli_cmd_shopper_add, &cli_cmd_shopper_list, &cli_cmd_shopper_show,
	&cli_cmd_shopper_form, &cli_cmd_survey_add, &cli_cmd_survey_import, &cli_cmd_survey_list,
	&cli_cmd_survey_show, &cli_cmd_recognition_add, &cli_cmd_recognition, &cli_cmd_admin_init_server, &cli_cmd_copy, &cli_cmd_admin_upgrade_server, &cli_cmd_help,
	NULL,
};

/* Options every command takes besides its own. */
enum { G_DB = 1, G_POLICIES, G_AS, G_HELP, G_VERSION, G_IDLE, G_DEMO };
#define OWN(id) (256 + (id))

static struct {
	struct cli c;
	struct cli_demo demo;
	bool open;
} session;

/* ---- finding the command ------------------------------------------------ */

/* The command named by argv[i] (and argv[i + 1] for a group such as
 * "followup list"); *words gets how many words it took. */
static const struct cli_cmd *
find(int argc, char **argv, int i, int *words)
{
	const struct cli_cmd *const *p;
	size_t n = strlen(argv[i]);

	for (p = cli_commands; *p != NULL; p++) {
		if (strncmp((*p)->name, argv[i], n) != 0)
			continue;
		if ((*p)->name[n] == '\0') {
			*words = 1;
			return *p;
		}
		if ((*p)->name[n] == ' ' && i + 1 < argc &&
		    strcmp((*p)->name + n + 1, argv[i + 1]) == 0) {
			*words = 2;
			return *p;
		}
	}
	return NULL;
}

/* "followup" alone, or with a word it does not know: name the choices. */
static int
group_usage(const char *group, const char *word)
{
	const struct cli_cmd *const *p;
	char choices[256] = "";
	size_t n = strlen(group), off = 0;

	for (p = cli_commands; *p != NULL; p++) {
		if (strncmp((*p)->name, group, n) == 0 && (*p)->name[n] == ' ')
			off += (size_t)snprintf(choices + off, off < sizeof choices ?
			                        sizeof choices - off : 0, "%s%s", off ? ", " : "",
			                        (*p)->name + n + 1);
	}
	if (off == 0)
		return cli_usage(NULL, "unknown command '%s'", group);
	if (word != NULL && (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0)) {
		for (p = cli_commands; *p != NULL; p++) {
			if (strncmp((*p)->name, group, n) != 0 || (*p)->name[n] != ' ')
				continue;
			if (p != cli_commands && strncmp(p[-1]->name, group, n) == 0)
				fputs("\n", stdout);
			cli_help_command(stdout, *p);
		}
		return 0;
	}
	if (word == NULL || word[0] == '-')
		return cli_usage(group, "say what to do: %s", choices);
	return cli_usage(group, "unknown %s command '%s' (%s)", group, word, choices);
}

/* ---- options ---------------------------------------------------------- */

static size_t
add_opts(struct option *o, size_t n, const struct cli_opt *v)
{
	for (; v != NULL && v->name != NULL; v++, n++)
		o[n] = (struct option){ v->name, v->flags & CLI_VALUE ? required_argument :
		                        no_argument, NULL, OWN(v->id) };
	return n;
}

static const struct cli_opt *
opt_of(const struct cli_cmd *cmd, int id)
{
	const struct cli_opt *v;

	for (v = cmd->opts; v != NULL && v->name != NULL; v++)
		if (v->id == id)
			return v;
	for (v = cmd->more_opts; v != NULL && v->name != NULL; v++)
		if (v->id == id)
			return v;
	return NULL;
}

static int
keep(struct cli_call *k, const struct cli_opt *v, const char *arg)
{
	size_t old, n;
	char *p;

	if (!(v->flags & CLI_VALUE)) {
		k->val[v->id] = "";
		return 0;
	}
	if (!(v->flags & CLI_REPEAT) || k->joined[v->id] == NULL) {
		if (v->flags & CLI_REPEAT) {
			if ((k->joined[v->id] = strdup(arg)) == NULL)
				return cli_error(CS_OSERR, "out of memory");
			k->val[v->id] = k->joined[v->id];
		} else {
			k->val[v->id] = arg;
		}
		return 0;
	}
	old = strlen(k->joined[v->id]);
	n = strlen(arg);
	if ((p = realloc(k->joined[v->id], old + n + 2)) == NULL)
		return cli_error(CS_OSERR, "out of memory");
	p[old] = ',';
	memcpy(p + old + 1, arg, n + 1);
	k->joined[v->id] = p;
	k->val[v->id] = p;
	return 0;
}

static int
bad_option(const char *cmd, char **argv, int opt)
{
	const char *arg = argv[optind - 1];

	if (opt == ':')
		return cli_usage(cmd, "option '%s' needs a value", arg);
	if (optopt != 0 && arg[0] == '-' && arg[1] != '-')
		return cli_usage(cmd, "unknown option '-%c'", optopt);
	return cli_usage(cmd, "%s does not take the option '%s'", cmd, arg);
}

static bool
global(struct cli *c, int opt, const char *arg)
{
	switch (opt) {
	case G_DB: c->app.db_path = arg; return true;
	case G_POLICIES: c->app.policies_dir = arg; return true;
	case G_AS: c->as = arg; return true;
	default: return false;
	}
}

/* Parse argv (the command's words already taken) into k. */
/* The times given (options declared TIME or DAY) checked before anyone
 * signs in: a typo is a usage error whoever types it, not a PIN asked
 * first.  The command reads them again. */
static bool
check_times(struct cli *c, const struct cli_opt *opts, const struct cli_call *k)
{
	char opt[48];
	int64_t t;

	for (; opts != NULL && opts->name != NULL; opts++) {
		if (opts->arg == NULL || k->val[opts->id] == NULL ||
		    (strcmp(opts->arg, "TIME") != 0 && strcmp(opts->arg, "DAY") != 0))
			continue;
		snprintf(opt, sizeof opt, "--%s", opts->name);
		if (cli_time(c, opt, k->val[opts->id], 0, &t) != 0)
			return true;
	}
	return false;
}

static int
parse(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv, struct cli_call *k)
{
	struct option o[2 * CLI_OPT_MAX + 8];
	const struct cli_opt *v;
	size_t n = 0;
	int opt, rc = 0;

	o[n++] = (struct option){ "db", required_argument, NULL, G_DB };
	o[n++] = (struct option){ "policies", required_argument, NULL, G_POLICIES };
	o[n++] = (struct option){ "help", no_argument, NULL, G_HELP };
	if (CLI_SIGNS_IN(cmd))
		o[n++] = (struct option){ "as", required_argument, NULL, G_AS };
	n = add_opts(o, n, cmd->opts);
	n = add_opts(o, n, cmd->more_opts);
	o[n] = (struct option){ NULL, 0, NULL, 0 };
	optind = 0;
	opterr = 0;
	while (rc == 0 && (opt = getopt_long(argc, argv, ":h", o, NULL)) != -1) {
		if (global(c, opt, optarg))
			continue;
		if (opt == G_HELP || opt == 'h') {
			cli_help_command(stdout, cmd);
			return -1;
		}
		if (opt >= OWN(1) && (v = opt_of(cmd, opt - OWN(0))) != NULL)
			rc = keep(k, v, optarg);
		else
			rc = bad_option(cmd->name, argv, opt);
	}
	if (rc != 0)
		return rc;
	k->args = argv + optind;
	k->n_args = argc - optind;
	if (k->n_args < cmd->min_args || (cmd->max_args >= 0 && k->n_args > cmd->max_args)) {
		if (cmd->max_args == 0)
			return cli_usage(cmd->name, "%s takes no arguments ('%s'?)", cmd->name,
			                 k->args[0]);
		return cli_usage(cmd->name, "%s takes %s%s", cmd->name,
		                 cmd->min_args == cmd->max_args ? "" :
		                 cmd->max_args < 0 ? "one or more: " : "at most ", cmd->args);
	}
	return check_times(c, cmd->opts, k) || check_times(c, cmd->more_opts, k) ? CS_USAGE : 0;
}

/* ---- running one command ------------------------------------------------ */

/* A command whose use case does not run on a PostgreSQL store yet
 * (app_available: the one list of them) refuses there, exit 69, naming
 * the commands that do. */
static int
server_ready(struct cli *c, const struct cli_cmd *cmd)
{
	char runs[1024] = "";
	size_t i, n = 0;

	if (!CLI_SIGNS_IN(cmd) || !app_db_is_server(&c->app) || app_available(&c->app, cmd->op))
		return 0;
	if (cmd->op == APP_BACKUP || cmd->op == APP_RESTORE)
		return cli_error(CS_UNAVAILABLE, "'%s' copies a SQLite file; a PostgreSQL"
		                 " server's backups are its own: pg_dump -Fc -n cslog (as the"
		                 " database's owner), or pg_basebackup with WAL archiving, restored"
		                 " with pg_restore (see docs/postgresql.md, Backups)", cmd->name);
	for (i = 0; cli_commands[i] != NULL && n < sizeof runs; i++)
		if (CLI_SIGNS_IN(cli_commands[i]) && app_available(&c->app, cli_commands[i]->op))
			n += (size_t)snprintf(runs + n, sizeof runs - n, "%s%s", n ? ", " : "",
			                      cli_commands[i]->name);
	return cli_error(CS_UNAVAILABLE, "'%s' is not yet available on a PostgreSQL store (it"
	                 " runs: %s; see docs/postgresql.md)", cmd->name, runs);
}

/* A write waits while an import holds the log, saying so once. */
static bool
wait_bulk(void *ctx, const char *msg)
{
	(void)ctx;
	cli_error(0, "%s; waiting for it to end to go on (Ctrl-C gives up: then nothing"
	          " is saved)", msg);
	return true;
}

/* What the database's state asks to be said, whatever the command did. */
static void
note(void *ctx, const char *msg)
{
	(void)ctx;
	cli_error(0, "note: %s", msg);
}

/* Set-group-id (the group deployment): a command holds the group only
 * to open the database (and its anchor file), then lets it go for good,
 * so that what it reads and writes for the person (a policy file, an
 * import, an export, a backup) is read and written with their rights.
 * A command with no database lets it go at once. */
static int
let_group_go(struct cli *c, const struct cli_cmd *cmd)
{
	struct cs_err err = { 0 }, why = { 0 };
	int rc = 0;

	if (!app_secure())
		return 0;
	if (CLI_SIGNS_IN(cmd) && app_open(&c->app, &why) != CS_OK)
		rc = CS_SOFTWARE;   /* said below, the group let go first */
	if (app_group_drop(&err) != CS_OK)
		return cli_fail(&err);
	return rc != 0 ? cli_fail(&why) : 0;
}

static int
run(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv)
{
	struct cli_call k;
	int rc, i;

	memset(&k, 0, sizeof k);
	k.cmd = cmd;
	c->cmd = cmd->name;
	c->app.wait_bulk = wait_bulk;   /* a command waits; the screens try again */
	rc = parse(c, cmd, argc, argv, &k);
	if (rc == 0) {
		c->app.existing = cmd->existing;
		rc = server_ready(c, cmd);
	}
	if (rc == 0) {
		rc = let_group_go(c, cmd);
	}
	if (rc == 0 && cmd->policies)
		rc = cli_need_policies(c);
	if (rc == 0 && CLI_SIGNS_IN(cmd))
		rc = cli_actor(c, &k);
	if (rc == 0)
		rc = cmd->run(c, &k);
	app_notices(&c->app, note, NULL);
	for (i = 0; i < CLI_OPT_MAX; i++)
		free(k.joined[i]);
	return rc < 0 ? 0 : rc;
}

/* ---- global options and the screens -------------------------------------- */

static int
parse_idle(const char *s, int *out)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || v > 86400)
		return cli_usage(NULL, "--idle-lock takes seconds (0 to 86400), not '%s'", s);
	*out = (int)v;
	return 0;
}

/* 0 to go on, CLI_SCREENS... no: -1 when done (help, version), else an
 * exit status. */
static int
parse_global(struct cli *c, int argc, char **argv, struct cli_screens *s)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, G_DB },
		{ "policies", required_argument, NULL, G_POLICIES },
		{ "as", required_argument, NULL, G_AS },
		{ "help", no_argument, NULL, G_HELP },
		{ "version", no_argument, NULL, G_VERSION },
		{ "idle-lock", required_argument, NULL, G_IDLE },
		{ "demo", no_argument, NULL, G_DEMO },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:hV", opts, NULL)) != -1) {
		if (global(c, opt, optarg))
			continue;
		switch (opt) {
		case 'h': case G_HELP:
			cli_help_all(stdout);
			return -1;
		case 'V': case G_VERSION:
			printf("cslog %s\n", CSLOG_VERSION);
			return -1;
		case G_IDLE:
			if (parse_idle(optarg, &s->idle_lock) != 0)
				return CS_USAGE;
			break;
		case G_DEMO:
			s->demo = true;
			break;
		default:
			if (opt == ':')
				return cli_usage(NULL, "option '%s' needs a value", argv[optind - 1]);
			return cli_usage(NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	return 0;
}

/* The full-screen program: policies and the store are opened first, so
 * their errors are printed plainly before the screen is taken over. */
static int
screens(struct cli *c, struct cli_screens *s)
{
	struct cs_err err = { 0 };
	const char *term = getenv("TERM");
	int rc = cli_need_policies(c);

	if (rc != 0)
		return rc;
	if (s == NULL || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error(CS_USAGE, "the full-screen program needs a terminal; "
		                 "see 'cslog --help' for the commands");
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return cli_error(CS_USAGE, "the full-screen program cannot draw on a terminal"
		                 " of type '%s': set TERM (e.g. TERM=xterm-256color); the"
		                 " commands work as they are", term ? term : "");
	/* Like tmux: a locale that is not UTF-8 is refused, never switched
	 * behind the user's back (that garbles a real Latin-1 terminal). */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		return cli_error(CS_USAGE, "the full-screen program needs a UTF-8 locale, and"
		                 " this one's character set is %s: start it with one, e.g."
		                 " LANG=C.UTF-8 cslog (or en_US.UTF-8; 'locale -a' lists those"
		                 " installed); the commands work as they are",
		                 nl_langinfo(CODESET));
	if (app_open(&c->app, &err) != CS_OK)
		return cli_fail(&err);
	s->app = &c->app;
	return CLI_SCREENS;
}

void
cli_finish(void)
{
	if (!session.open)
		return;
	cli_demo_end(&session.c, &session.demo);
	app_done(&session.c.app);
	session.open = false;
}

int
cli_main(int argc, char **argv, struct cli_screens *scr)
{
	struct cli *c = &session.c;
	struct cli_screens local = { NULL, 300, false, NULL };
	const struct cli_cmd *cmd = NULL;
	struct cs_err err = { 0 };
	int rc, words = 0;

	setlocale(LC_ALL, "");
	memset(&session, 0, sizeof session);
	session.open = true;
	app_init(&c->app);
	c->out = stdout;
	rc = parse_global(c, argc, argv, &local);
	if (rc == 0 && optind < argc) {
		cmd = find(argc, argv, optind, &words);
		if (cmd == NULL)
			rc = group_usage(argv[optind], optind + 1 < argc ? argv[optind + 1] : NULL);
		if (cmd == NULL && rc == 0)
			rc = -1;
	}
	if (rc == 0 && local.demo && app_group_drop(&err) != CS_OK)
		rc = cli_fail(&err);   /* the demo's database is the person's own */
	if (rc == 0 && local.demo) {
		c->demo = true;
		c->app.demo = true;
		rc = cli_demo_start(c, &session.demo);
		if (rc == 0 && cmd == NULL)
			cli_demo_release_signals();
	}
	if (rc == 0 && cmd == NULL) {
		rc = screens(c, scr);
		if (rc == CLI_SCREENS) {
			*scr = (struct cli_screens){ &c->app, local.idle_lock, local.demo,
			                             local.demo ? cli_demo_chain_signals : NULL };
			return rc;
		}
	} else if (rc == 0) {
		rc = run(c, cmd, argc - optind - words + 1, argv + optind + words - 1);
		if (fflush(stdout) != 0 && rc == 0)
			rc = cli_error(CS_IOERR, "cannot write the output");
	}
	cli_finish();
	return rc < 0 ? 0 : rc;
}
