/* privacy.c - cslog redact ID and cslog purge: removing protected
 * customer data, by hand or by the policies' retention rules. */
#include <stdio.h>
#include <string.h>

#include "cli_cmd.h"

enum { O_REASON = 1, O_DRY, O_POLICY };

static const struct cli_opt redact_opts[] = {
	{ "reason", O_REASON, CLI_VALUE, "TEXT", "why the data is removed (required)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt purge_opts[] = {
	{ "dry-run", O_DRY, CLI_FLAG, NULL, "list what would be redacted; change nothing" },
	{ "policy", O_POLICY, CLI_VALUE, "ID", "only this policy's contacts" },
	{ NULL, 0, 0, NULL, NULL },
};

static int
run_redact(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	int64_t id;
	int rc = cli_arg_id(k, 0, "one contact", &id);

	if (rc != 0)
		return rc;
	if (!cli_has(k, O_REASON))
		return cli_usage("redact", "say why: --reason TEXT");
	if (app_redact(&c->app, &k->who, id, k->val[O_REASON], &err) != CS_OK)
		return cli_fail(&err);
	fprintf(c->out, "contact %lld: protected data removed\n", (long long)id);
	return 0;
}

static void
print_reached(void *ctx, const char *policy_id, long days, int64_t id)
{
	fprintf(ctx, "%lld\t%s\t%ld days\n", (long long)id, policy_id, days);
}

static int
run_purge(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	bool dry = cli_has(k, O_DRY);
	size_t n = 0;

	if (app_purge(&c->app, &k->who, k->val[O_POLICY], dry, print_reached, c->out, &n,
	              &err) != CS_OK)
		return cli_fail(&err);
	fprintf(stderr, "cslog: %zu contact%s %s\n", n, n == 1 ? "" : "s",
	        dry ? "would be redacted (dry run: nothing changed)" : "redacted");
	return 0;
}

const struct cli_cmd cli_cmd_redact = {
	"redact", "ID", 1, 1, "remove a contact's protected customer data (supervisors)",
	"Remove contact ID's protected customer data (name, phone, address,\n"
	"e-mail) for good.  The contact itself stays, marked [redacted] with who\n"
	"and when; the reason is kept in the audit trail.\n",
	redact_opts, NULL, WHO_SIGNED_IN, APP_REDACT, false, true, run_redact,
};

const struct cli_cmd cli_cmd_purge = {
	"purge", NULL, 0, 0, "redact contacts older than the policy's retention",
	"Apply each policy's retention rule (privacy: retention-days): the\n"
	"protected customer data of contacts older than that is redacted, in one\n"
	"transaction, each audited with the rule as its reason.  Run it with\n"
	"--dry-run first: that lists the contacts it would reach and changes\n"
	"nothing.\n",
	purge_opts, NULL, WHO_SIGNED_IN, APP_REDACT, false, true, run_purge,
};
