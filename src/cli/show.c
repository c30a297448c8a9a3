/* show.c - cslog show ID: one contact with everything about it. */
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/cli_cmd.h"
#include "cslog/codec.h"
#include "cslog/describe.h"
#include "cslog/store.h"
#include "cslog/text.h"

static const char show_help[] =
"Usage: cslog show ID [--include-protected] [--format table|json]\n"
"\n"
"One contact: every field, the empowerment answers in the policy's\n"
"words, the standards confirmed, follow-ups, reviews and amendments.\n"
"\n"
"  --include-protected    add the customer's name, phone, address, e-mail,\n"
"                         also those its policy classes 'restricted'\n"
"                         (which list and export never give)\n"
"  --format table|json    the format (default table)\n";

int
cli_show(struct cli *c, int argc, char **argv)
{
	enum { O_PROT = 1, O_FORMAT };
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "include-protected", no_argument, NULL, O_PROT },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 },
	};
	struct cs_err err = { 0 };
	struct policy_diags diags = { 0 };
	struct contact ct = { 0 };
	struct store *st;
	const struct policy *p = NULL;
	unsigned flags = 0;
	int opt, rc = 0, format = FORMAT_TABLE;
	int64_t id;
	json_t *o;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		if (opt == 'h')
			return cli_help(show_help);
		if (opt == O_PROT)
			flags |= STORE_PROTECTED;
		else if (opt == O_FORMAT && (format = cli_parse_format(optarg)) < 0)
			return cli_usage("show", "unknown format '%s'", optarg);
		else if (opt != O_FORMAT)
			return cli_bad_option("show", argv, opt);
	}
	if (optind + 1 != argc || (id = cli_parse_id(argv[optind])) == 0)
		return cli_usage("show", "show takes one contact id");
	c->app.readonly = true;
	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	if (store_contact_get(st, id, flags, c->app.now, &ct, &err) != CS_OK)
		return cli_fail(&err);
	if (format == FORMAT_JSON) {
		/* One contact at a time: every class is shown when asked for. */
		o = codec_contact_json(&ct, flags & STORE_PROTECTED, 0);
		json_dumpf(o, c->out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', c->out);
		json_decref(o);
	} else {
		/* The policy's words when it loads; the ids alone otherwise. */
		if (app_load_policies(&c->app, &diags, NULL) == CS_OK)
			p = policy_set_find(&c->app.policies, ct.policy_id);
		policy_diags_free(&diags);
		app_contact_describe(&c->app, &ct, p, c->out);
		if (ct.protected_hidden)
			fputs("(show them with --include-protected)\n", c->out);
	}
	record_contact_clear(&ct);
	return 0;
}
