/* server.c - cslog admin init-server URL: make a PostgreSQL database
 * cslog's (docs/postgresql.md).  Run once, by the database's owner; and
 * cslog admin upgrade-server URL, which brings its schema up to this
 * cslog's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_cmd.h"

enum { O_BADGE = 1, O_NAME, O_PIN };

static const struct cli_opt init_opts[] = {
	{ "badge", O_BADGE, CLI_VALUE, "BADGE", "the first supervisor's badge" },
	{ "name", O_NAME, CLI_VALUE, "NAME", "the first supervisor's name" },
	{ "pin-stdin", O_PIN, CLI_FLAG, NULL, "read their PIN (4 to 64 characters) from the"
	  " first\nline of standard input (else CSLOG_PIN)" },
	{ NULL, 0, 0, NULL, NULL },
};

static int
run_init(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	const char *env = getenv("CSLOG_PIN");
	char pin[80] = "";
	int64_t id = 0;
	int rc;

	if (!cli_has(k, O_BADGE) || !cli_has(k, O_NAME))
		return cli_usage(k->cmd->name, "init-server needs the first supervisor's --badge"
		                 " and --name");
	if (cli_has(k, O_PIN)) {
		if (fgets(pin, sizeof pin, stdin) == NULL)
			return cli_error(CS_USAGE, "--pin-stdin: no PIN on standard input");
		pin[strcspn(pin, "\r\n")] = '\0';
	} else if (env != NULL) {
		snprintf(pin, sizeof pin, "%s", env);
	} else {
		return cli_usage(k->cmd->name, "the first supervisor needs a PIN: --pin-stdin or"
		                 " CSLOG_PIN");
	}
	rc = app_init_server(&c->app, k->args[0], k->val[O_BADGE], k->val[O_NAME], pin, &id,
	                     &err);
	memset(pin, 0, sizeof pin);
	if (rc != CS_OK)
		return err.code == CS_USAGE ? cli_usage(k->cmd->name, "%s", err.msg) :
		       cli_fail(&err);
	fputs("cslog: the database is cslog's: schema cslog, owned by the role cslog_owner;\n"
	      "terminals connect as cslog_terminal (give it a password or a certificate);\n"
	      "first supervisor: ", c->out);
	cli_put(c->out, k->val[O_BADGE], 0);
	fprintf(c->out, " (member %lld)\n", (long long)id);
	return 0;
}

const struct cli_cmd cli_cmd_admin_init_server = {
	"admin init-server", "URL", 1, 1, "make a PostgreSQL database cslog's (its owner, once)",
	"Run by the owner of an empty PostgreSQL database (URL: postgresql://...\n"
	"or service=NAME): create the schema cslog, owned by a role cslog_owner;\n"
	"the role cslog_terminal that station terminals connect as, which may\n"
	"only call cslog's functions (no UPDATE, DELETE, TRUNCATE or DDL, no PIN\n"
	"hash); the audit chain the server computes itself; and the first\n"
	"supervisor.  Terminals then use --db URL (or CSLOG_DB), connecting as\n"
	"cslog_terminal.  See docs/postgresql.md.\n",
	init_opts, NULL, WHO_DB_OWNER, -1, false, false, run_init,
};

/* The parts made, said once the transaction has committed. */
struct made {
	char names[1024];
	size_t off;
};

static void
made_part(void *ctx, const char *name, const char *what)
{
	struct made *m = ctx;

	if (m->off < sizeof m->names)
		m->off += (size_t)snprintf(m->names + m->off, sizeof m->names - m->off,
		                           "  %s (%s)\n", name, what);
}

static int
run_upgrade(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct made m = { "", 0 };
	int n = 0;

	if (app_upgrade_server(&c->app, k->args[0], made_part, &m, &n, &err) != CS_OK)
		return err.code == CS_USAGE ? cli_usage(k->cmd->name, "%s", err.msg) :
		       cli_fail(&err);
	if (n == 0) {
		fputs("cslog: the server's schema is up to date: nothing to do\n", c->out);
		return 0;
	}
	fprintf(c->out, "cslog: the server's schema is up to date: %d %s made\n%s", n,
	        n == 1 ? "part" : "parts", m.names);
	return 0;
}

const struct cli_cmd cli_cmd_admin_upgrade_server = {
	"admin upgrade-server", "URL", 1, 1,
	"bring a PostgreSQL database's schema up to this cslog's (its owner)",
	"Run by the owner of a database 'cslog admin init-server' made (a member\n"
	"of cslog_owner): make, in one transaction, every part of the schema\n"
	"this cslog has that the server lacks (each is recorded in\n"
	"cslog.schema_part), in order, and say which; nothing when it is up to\n"
	"date.  A server made before the parts were recorded cannot be\n"
	"upgraded: make a new one and move the log into it.  Terminals of a\n"
	"newer cslog refuse a server that lacks parts (exit 69) until it is\n"
	"upgraded.  See docs/postgresql.md.\n",
	NULL, NULL, WHO_DB_OWNER, -1, false, false, run_upgrade,
};
