/* admin.c - cslog backup FILE and cslog verify. */
#include <string.h>

#include "cslog/cli_cmd.h"
#include "cslog/store.h"

static const char backup_help[] =
"Usage: cslog backup FILE\n"
"\n"
"Write a consistent copy of the whole database to FILE (mode 0600), with\n"
"SQLite's online backup: safe while other terminals are writing.\n";

static const char verify_help[] =
"Usage: cslog verify\n"
"\n"
"Check that the log is intact: the hash chain of the audit trail event\n"
"by event, every contact against the hash recorded when it was written,\n"
"and SQLite's integrity check.  Exits 65 naming the first broken spot,\n"
"for example after an edit made behind cslog's back.\n";

static int
simple_args(struct cli *c, int argc, char **argv, const char *cmd, const char *help,
            int want)
{
	static const struct option opts[] = { CLI_COMMON_OPTIONS, { NULL, 0, NULL, 0 } };
	int opt;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		if (opt == 'h')
			return cli_help(help) - 1;
		return cli_bad_option(cmd, argv, opt);
	}
	if (argc - optind != want)
		return cli_usage(cmd, "%s takes %s", cmd, want ? "one file name" : "no arguments");
	return 0;
}

int
cli_backup(struct cli *c, int argc, char **argv)
{
	struct cs_err err = { 0 };
	struct store *st;
	int rc = simple_args(c, argc, argv, "backup", backup_help, 1);

	if (rc != 0)
		return rc < 0 ? 0 : rc;
	c->app.readonly = true;
	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	if (store_backup(st, argv[optind], &err) != CS_OK)
		return cli_fail(&err);
	return 0;
}

int
cli_verify(struct cli *c, int argc, char **argv)
{
	struct cs_err err = { 0 };
	struct store_verify_result res;
	struct store *st;
	int rc = simple_args(c, argc, argv, "verify", verify_help, 0);

	if (rc != 0)
		return rc < 0 ? 0 : rc;
	c->app.readonly = true;
	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	memset(&res, 0, sizeof res);
	rc = store_verify(st, NULL, NULL, &res, &err);
	if (rc != CS_OK && res.ok)
		return cli_fail(&err);
	if (!res.ok)
		return cli_error(CS_DATAERR, "the log is NOT intact: %s", res.why);
	fprintf(c->out, "ok: %lld audit events and %lld contacts verified, integrity ok\n",
	    (long long)res.events, (long long)res.contacts);
	return 0;
}
