/* member.c - cslog member add|list|set-pin|role|unlock. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli_cmd.h"
#include "cslog/app_out.h"

enum { O_BADGE = 1, O_NAME, O_ROLE, O_PIN, O_CLEAR, O_FORMAT };

static const struct cli_opt add_opts[] = {
	{ "badge", O_BADGE, CLI_VALUE, "BADGE", "the member's badge (unique)" },
	{ "name", O_NAME, CLI_VALUE, "NAME", "the member's name" },
	{ "role", O_ROLE, CLI_VALUE, "ROLE",
	  "member (the default), supervisor, trainer or evaluator" },
	{ "pin-stdin", O_PIN, CLI_FLAG, NULL, "read the PIN (4 to 64 characters) from the"
	  " first\nline of standard input" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt list_opts[] = {
	{ "format", O_FORMAT, CLI_VALUE, "table|csv|json", "the format (default table)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt pin_opts[] = {
	{ "pin-stdin", O_PIN, CLI_FLAG, NULL, "read the new PIN from standard input" },
	{ "clear", O_CLEAR, CLI_FLAG, NULL, "remove the PIN (members only)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt role_opts[] = {
	{ "role", O_ROLE, CLI_VALUE, "ROLE", "member, supervisor, trainer or evaluator" },
	{ NULL, 0, 0, NULL, NULL },
};

static int
read_pin(char *buf, size_t len)
{
	struct cs_err err = { 0 };
	size_t n;

	if (fgets(buf, (int)len, stdin) == NULL)
		return cli_error(CS_USAGE, "--pin-stdin: no PIN on standard input");
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return record_pin_check(buf, &err) != CS_OK ? cli_fail(&err) : 0;
}

static int
run_add(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	const char *role = k->val[O_ROLE];
	char pin[80] = "";
	int64_t id = 0;
	int r, rc = 0;

	if (!cli_has(k, O_BADGE) || !cli_has(k, O_NAME))
		return cli_usage("member add", "member add needs --badge and --name");
	r = role ? record_role_parse(role) : ROLE_MEMBER;
	if (r < 0)
		return cli_usage("member add", "unknown role '%s' (member, supervisor, trainer, evaluator)",
		                 role);
	if (r != ROLE_MEMBER && !cli_has(k, O_PIN))
		return cli_usage("member add", "a %s must have a PIN: add --pin-stdin", role);
	if (cli_has(k, O_PIN) && (rc = read_pin(pin, sizeof pin)) != 0)
		return rc;
	rc = app_member_add(&c->app, k->who.id ? &k->who : NULL, k->val[O_BADGE],
	                    k->val[O_NAME], r, pin, &id, &err);
	memset(pin, 0, sizeof pin);
	if (rc != CS_OK)
		return cli_fail(&err);
	fprintf(c->out, "%lld\n", (long long)id);
	return 0;
}

struct list_ctx {
	FILE *out;
	int format;
	json_t *arr;
};

static int
print_member(void *ctx, const struct member *m)
{
	struct list_ctx *l = ctx;
	json_t *o;

	switch (l->format) {
	case FORMAT_CSV:
		cli_csv(l->out, m->badge, false);
		cli_csv(l->out, m->name, false);
		cli_csv(l->out, record_role_name(m->role), false);
		cli_csv(l->out, !m->has_pin ? "no" : m->pin_reset ? "reset" : "yes", true);
		break;
	case FORMAT_JSON:
		o = json_pack("{s:s, s:s, s:s, s:b, s:b}", "badge", m->badge, "name", m->name,
		    "role", record_role_name(m->role), "pin", m->has_pin, "pin_reset",
		    m->pin_reset);
		if (o != NULL)
			json_array_append_new(l->arr, o);
		break;
	default:
		cli_cell(l->out, m->badge, 10);
		fputc(' ', l->out);
		cli_cell(l->out, m->name, 32);
		fprintf(l->out, " %-10s %s\n", record_role_name(m->role),
		        !m->has_pin ? "no" : m->pin_reset ? "reset" : "yes");
	}
	return 0;
}

static int
run_list(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct list_ctx l = { c->out, cli_format(k, O_FORMAT, FORMAT_TABLE), NULL };
	int rc;

	if (l.format < 0)
		return CS_USAGE;
	if (l.format == FORMAT_CSV)
		fputs("badge,name,role,pin\r\n", c->out);
	else if (l.format == FORMAT_JSON)
		l.arr = json_array();
	else
		fprintf(c->out, "%-10s %-32s %-10s %s\n", "BADGE", "NAME", "ROLE", "PIN");
	rc = app_member_list(&c->app, &k->who, print_member, &l, &err);
	if (l.format == FORMAT_JSON && rc == CS_OK) {
		app_out_json(c->out, l.arr, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	}
	json_decref(l.arr);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

static int
run_set_pin(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	char pin[80] = "";
	int rc = 0;

	if (cli_has(k, O_PIN) == cli_has(k, O_CLEAR))
		return cli_usage("member set-pin", "set-pin needs one of --pin-stdin or --clear");
	if (cli_has(k, O_PIN) && (rc = read_pin(pin, sizeof pin)) != 0)
		return rc;
	rc = app_member_set_pin(&c->app, &k->who, k->args[0], cli_has(k, O_PIN) ? pin : NULL,
	                        &err);
	memset(pin, 0, sizeof pin);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

static int
run_role(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	int r = cli_has(k, O_ROLE) ? record_role_parse(k->val[O_ROLE]) : -1;

	if (r < 0)
		return cli_usage("member role", "say the role: --role member, supervisor, trainer or"
		                 " evaluator");
	if (app_member_set_role(&c->app, &k->who, k->args[0], r, &err) != CS_OK)
		return cli_fail(&err);
	return 0;
}

static int
run_unlock(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };

	if (app_member_unlock(&c->app, &k->who, k->args[0], &err) != CS_OK)
		return cli_fail(&err);
	return 0;
}

const struct cli_cmd cli_cmd_member_add = {
	"member add", NULL, 0, 0, "add a member",
	"Add a member.  ROLE is member (the default), supervisor, trainer or\n"
	"evaluator (who records secret-shopper evaluations and nothing else).\n"
	"All but members must have a PIN; a member's is optional.  A PIN\n"
	"is kept only as an argon2id hash.  The first member of an empty\n"
	"database must be a supervisor, and nobody acts for it.\n",
	add_opts, NULL, WHO_UNLESS_EMPTY, APP_MEMBER_ADD, false, false, run_add,
};
const struct cli_cmd cli_cmd_member_list = {
	"member list", NULL, 0, 0, "the members: badge, name, role, whether they have a PIN",
	"Every member, by name: badge, name, role, and whether they have a PIN\n"
	"(yes, no, or reset: set by a supervisor, to be changed by its member).\n",
	list_opts, NULL, WHO_SIGNED_IN, APP_MEMBER_LIST, true, false, run_list,
};
const struct cli_cmd cli_cmd_member_set_pin = {
	"member set-pin", "BADGE", 1, 1, "set or clear a member's PIN",
	"Set (--pin-stdin) or clear (--clear) BADGE's PIN; this also ends a\n"
	"lockout.  Members set their own PIN; supervisors anyone's.  A\n"
	"supervisor's, trainer's or evaluator's PIN cannot be cleared.  A PIN a\n"
	"supervisor sets for someone else is a reset: until that member sets\n"
	"their own (here, --as themselves, or at their next sign-in on the\n"
	"screens), it is all they may do.\n",
	pin_opts, NULL, WHO_SIGNED_IN, APP_MEMBER_PIN, true, false, run_set_pin,
};
const struct cli_cmd cli_cmd_member_role = {
	"member role", "BADGE", 1, 1, "change a member's role",
	"Make BADGE a member, a supervisor or a trainer (supervisors).  A\n"
	"supervisor or trainer must have a PIN: set it first.  Nobody changes\n"
	"their own role, and the last supervisor stays one.\n",
	role_opts, NULL, WHO_SIGNED_IN, APP_MEMBER_ADD, true, false, run_role,
};
const struct cli_cmd cli_cmd_member_unlock = {
	"member unlock", "BADGE", 1, 1, "end a lockout after wrong PINs",
	"End BADGE's lockout after too many wrong PINs (supervisors); the PIN\n"
	"stays as it was.\n",
	NULL, NULL, WHO_SIGNED_IN, APP_MEMBER_ADD, true, false, run_unlock,
};
