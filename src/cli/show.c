/* show.c - cslog show ID and cslog review ID: one contact with
 * everything about it, and a supervisor's review of it. */
#include <string.h>

#include "cli_cmd.h"
#include "cslog/app_out.h"
#include "cslog/describe.h"

enum { O_PROT = 1, O_FORMAT };

static const struct cli_opt show_opts[] = {
	{ "include-protected", O_PROT, CLI_FLAG, NULL,
	  "add the customer's name, phone, address, e-mail,\nalso those its policy classes"
	  " 'restricted'\n(which list and export never give); recorded\nin the audit trail" },
	{ "format", O_FORMAT, CLI_VALUE, "table|json", "the format (default table)" },
	{ NULL, 0, 0, NULL, NULL },
};

static int
run_show(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct contact ct = { 0 };
	bool protected = cli_has(k, O_PROT);
	int format = cli_format(k, O_FORMAT, FORMAT_TABLE), rc;
	int64_t id;

	if (format < 0 || format == FORMAT_CSV)
		return format < 0 ? CS_USAGE : cli_usage("show", "show writes table or json");
	if ((rc = cli_arg_id(k, 0, "one contact", &id)) != 0)
		return rc;
	if (app_contact_get(&c->app, &k->who, id, protected, &ct, &err) != CS_OK)
		return cli_fail(&err);
	if (format == FORMAT_JSON) {
		if (app_json_contact(&c->app, c->out, &ct, protected, true) != 0)
			rc = cli_error(CS_IOERR, "cannot write the output");
	} else {
		/* The policy's words when it loads; the ids alone otherwise. */
		struct policy_diags diags = { 0 };
		const struct policy *p = NULL;

		if (app_load_policies(&c->app, &diags, NULL) == CS_OK)
			p = policy_set_find(&c->app.policies, ct.policy_id);
		policy_diags_free(&diags);
		rc = app_contact_describe(&c->app, &ct, p, c->out, &err);
		rc = rc == CS_OK ? 0 : cli_fail(&err);
		if (rc == 0 && ct.protected_hidden)
			fputs("(show them with --include-protected)\n", c->out);
	}
	record_contact_clear(&ct);
	return rc;
}

const struct cli_cmd cli_cmd_show = {
	"show", "ID", 1, 1, "one contact with its check, follow-ups, reviews, history",
	"One contact: every field, the empowerment answers in the policy's\n"
	"words, the standards confirmed, follow-ups, reviews and amendments.\n"
	"A member sees their own contacts, a supervisor everyone's.\n",
	show_opts, NULL, WHO_SIGNED_IN, APP_READ, true, false, run_show,
};

/* ---- review ------------------------------------------------------------- */

enum { O_SIGN = 1, O_NOTE, O_COMMEND };

static const struct cli_opt review_opts[] = {
	{ "sign-off", O_SIGN, CLI_FLAG, NULL, "sign the contact off (with --note, a note)" },
	{ "note", O_NOTE, CLI_VALUE, "TEXT", "alone: a debrief note" },
	{ "commend", O_COMMEND, CLI_VALUE, "TEXT", "a commendation (recognition)" },
	{ NULL, 0, 0, NULL, NULL },
};

static int
run_review(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	int64_t id, rid = 0;
	int rc = cli_arg_id(k, 0, "one contact", &id);

	if (rc != 0)
		return rc;
	if (!cli_has(k, O_SIGN) && !cli_has(k, O_NOTE) && !cli_has(k, O_COMMEND))
		return cli_usage("review", "say what: --sign-off, --note TEXT or --commend TEXT");
	if (cli_has(k, O_SIGN))
		rc = app_review_add(&c->app, &k->who, id, REVIEW_SIGN_OFF, k->val[O_NOTE], &rid,
		                    &err);
	else if (cli_has(k, O_NOTE))
		rc = app_review_add(&c->app, &k->who, id, REVIEW_DEBRIEF, k->val[O_NOTE], &rid,
		                    &err);
	if (rc == CS_OK && cli_has(k, O_COMMEND))
		rc = app_review_add(&c->app, &k->who, id, REVIEW_COMMEND, k->val[O_COMMEND], &rid,
		                    &err);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

const struct cli_cmd cli_cmd_review = {
	"review", "ID", 1, 1, "sign off, debrief or commend a contact (supervisors)",
	"A supervisor's review of contact ID: --sign-off (optionally with --note),\n"
	"--note TEXT alone records a debrief, --commend TEXT a commendation\n"
	"(recognition).\n",
	review_opts, NULL, WHO_SIGNED_IN, APP_REVIEW, true, false, run_review,
};
