/* privacy.c - cslog redact ID and cslog purge: removing protected
 * customer data, by hand or by the policies' retention rules. */
#include <stdio.h>
#include <string.h>

#include "cslog/app.h"
#include "cslog/cli_cmd.h"
#include "cslog/store.h"

static const char redact_help[] =
"Usage: cslog redact ID --reason TEXT --as BADGE\n"
"\n"
"Remove contact ID's protected customer data (name, phone, address,\n"
"e-mail) for good.  The contact itself stays, marked [redacted] with who\n"
"and when; the reason is kept in the audit trail.  Supervisors only, with\n"
"the PIN in CSLOG_PIN.\n";

static const char purge_help[] =
"Usage: cslog purge [--dry-run] [--policy ID] --as BADGE\n"
"\n"
"Apply each policy's retention rule (privacy: retention-days): the\n"
"protected customer data of contacts older than that is redacted, in one\n"
"transaction, each audited with the rule as its reason.  Run it with\n"
"--dry-run first: that lists the contacts it would reach and changes\n"
"nothing.  --policy limits it to one policy.  Supervisors only.\n";

int
cli_redact(struct cli *c, int argc, char **argv)
{
	enum { O_REASON = 1 };
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "reason", required_argument, NULL, O_REASON },
		{ NULL, 0, NULL, 0 },
	};
	struct cs_err err = { 0 };
	struct member actor = { 0 };
	const char *reason = NULL;
	int opt, rc = 0;
	int64_t id;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		switch (opt) {
		case 'h': return cli_help(redact_help);
		case O_REASON: reason = optarg; break;
		default: return cli_bad_option("redact", argv, opt);
		}
	}
	if (optind + 1 != argc || (id = cli_parse_id(argv[optind])) == 0)
		return cli_usage("redact", "redact takes one contact id");
	if (reason == NULL)
		return cli_usage("redact", "say why: --reason TEXT");
	if (cli_store(c, &rc) == NULL)
		return rc;
	if ((rc = cli_actor(c, c->as, ROLE_SUPERVISOR, &actor)) != 0)
		return rc;
	rc = app_redact(&c->app, actor.id, id, reason, &err);
	record_member_clear(&actor);
	if (rc != CS_OK)
		return cli_fail(&err);
	printf("contact %lld: protected data removed\n", (long long)id);
	return 0;
}

static void
print_reached(void *ctx, const char *policy_id, long days, int64_t id)
{
	(void)ctx;
	printf("%lld\t%s\t%ld days\n", (long long)id, policy_id, days);
}

int
cli_purge(struct cli *c, int argc, char **argv)
{
	enum { O_DRY = 1, O_POLICY };
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "dry-run", no_argument, NULL, O_DRY },
		{ "policy", required_argument, NULL, O_POLICY },
		{ NULL, 0, NULL, 0 },
	};
	struct cs_err err = { 0 };
	struct member actor = { 0 };
	const char *policy = NULL;
	bool dry = false;
	size_t n = 0;
	int opt, rc = 0;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		switch (opt) {
		case 'h': return cli_help(purge_help);
		case O_DRY: dry = true; break;
		case O_POLICY: policy = optarg; break;
		default: return cli_bad_option("purge", argv, opt);
		}
	}
	if (optind != argc)
		return cli_usage("purge", "purge takes no arguments");
	if ((rc = cli_need_policies(c)) != 0)
		return rc;
	if (cli_store(c, &rc) == NULL)
		return rc;
	if ((rc = cli_actor(c, c->as, ROLE_SUPERVISOR, &actor)) != 0)
		return rc;
	rc = app_purge(&c->app, actor.id, policy, dry, print_reached, NULL, &n, &err);
	record_member_clear(&actor);
	if (rc != CS_OK)
		return cli_fail(&err);
	fprintf(stderr, "cslog: %zu contact%s %s\n", n, n == 1 ? "" : "s",
	        dry ? "would be redacted (dry run: nothing changed)" : "redacted");
	return 0;
}
