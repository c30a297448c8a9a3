/* member.c - cslog member add|list|set-pin. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/cli_cmd.h"
#include "cslog/store.h"

static const char member_help[] =
"Usage: cslog member add --badge BADGE --name NAME [--role ROLE] [--pin-stdin]\n"
"       cslog member list [--format table|csv|json]\n"
"       cslog member set-pin BADGE (--pin-stdin | --clear)\n"
"\n"
"ROLE is member (the default), supervisor or trainer.  Supervisors and\n"
"trainers must have a PIN; a member's is optional.  --pin-stdin reads the\n"
"PIN (4 to 64 characters) from the first line of standard input; it is\n"
"kept only as an argon2id hash.\n"
"\n"
"The first member of an empty database must be a supervisor and needs no\n"
"--as.  After that, adding members and setting others' PINs needs a\n"
"supervisor: --as BADGE (or CSLOG_AS), with that member's PIN in\n"
"CSLOG_PIN.  Members may set their own PIN.\n";

static int
read_pin(char *buf, size_t len)
{
	size_t n;

	if (fgets(buf, (int)len, stdin) == NULL)
		return cli_error(CS_USAGE, "--pin-stdin: no PIN on standard input");
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	if (n < 4 || n > 64)
		return cli_error(CS_DATAERR, "a PIN has 4 to 64 characters");
	return 0;
}

static int
member_add(struct cli *c, const char *badge, const char *name, const char *role,
           bool pin_stdin)
{
	struct cs_err err = { 0 };
	struct member actor = { 0 };
	struct store *st;
	char pin[80] = "";
	int64_t n = 0, id = 0;
	int r, rc = 0;

	if (badge == NULL || name == NULL)
		return cli_usage("member", "member add needs --badge and --name");
	r = role ? record_role_parse(role) : ROLE_MEMBER;
	if (r < 0)
		return cli_usage("member", "unknown role '%s' (member, supervisor, trainer)", role);
	if (r != ROLE_MEMBER && !pin_stdin)
		return cli_usage("member", "a %s must have a PIN: add --pin-stdin", role);
	if (pin_stdin && (rc = read_pin(pin, sizeof pin)) != 0)
		return rc;
	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	if (store_member_count(st, &n, &err) != CS_OK)
		return cli_fail(&err);
	if (n > 0 && (rc = cli_actor(c, c->as, ROLE_SUPERVISOR, &actor)) != 0)
		return rc;
	rc = app_member_add(&c->app, actor.id, badge, name, r, pin, &id, &err);
	memset(pin, 0, sizeof pin);
	record_member_clear(&actor);
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
		cli_csv(l->out, m->has_pin ? "yes" : "no", true);
		break;
	case FORMAT_JSON:
		o = json_pack("{s:s, s:s, s:s, s:b}", "badge", m->badge, "name", m->name,
		    "role", record_role_name(m->role), "pin", m->has_pin);
		if (o != NULL)
			json_array_append_new(l->arr, o);
		break;
	default:
		cli_cell(l->out, m->badge, 10);
		fputc(' ', l->out);
		cli_cell(l->out, m->name, 32);
		fprintf(l->out, " %-10s %s\n", record_role_name(m->role),
		    m->has_pin ? "PIN" : "");
	}
	return 0;
}

static int
member_list(struct cli *c, int format)
{
	struct cs_err err = { 0 };
	struct list_ctx l = { c->out, format, NULL };
	struct store *st;
	int rc = 0;

	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	if (format == FORMAT_CSV)
		fputs("badge,name,role,pin\r\n", c->out);
	else if (format == FORMAT_JSON)
		l.arr = json_array();
	else
		fprintf(c->out, "%-10s %-32s %-10s %s\n", "BADGE", "NAME", "ROLE", "");
	rc = store_member_list(st, print_member, &l, &err);
	if (format == FORMAT_JSON && rc == CS_OK) {
		json_dumpf(l.arr, c->out, JSON_INDENT(2));
		fputc('\n', c->out);
	}
	json_decref(l.arr);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

static int
member_set_pin(struct cli *c, const char *badge, bool pin_stdin, bool clear)
{
	struct cs_err err = { 0 };
	struct member m = { 0 }, actor = { 0 };
	struct store *st;
	char pin[80] = "";
	int rc = 0;

	if (pin_stdin == clear)
		return cli_usage("member", "set-pin needs one of --pin-stdin or --clear");
	if (pin_stdin && (rc = read_pin(pin, sizeof pin)) != 0)
		return rc;
	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	if (store_member_find(st, badge, &m, &err) != CS_OK)
		return cli_fail(&err);
	rc = cli_actor(c, c->as, -1, &actor);
	if (rc == 0 && actor.id != m.id && actor.role != ROLE_SUPERVISOR)
		rc = cli_error(CS_NOPERM, "only a supervisor may set another member's PIN");
	if (rc == 0 && clear && m.role != ROLE_MEMBER)
		rc = cli_error(CS_NOPERM, "a %s must keep a PIN", record_role_name(m.role));
	if (rc == 0 && store_member_set_pin(st, actor.id, m.id, pin, c->app.now, &err) != CS_OK)
		rc = cli_fail(&err);
	memset(pin, 0, sizeof pin);
	record_member_clear(&m);
	record_member_clear(&actor);
	return rc;
}

int
cli_member(struct cli *c, int argc, char **argv)
{
	enum { O_BADGE = 1, O_NAME, O_ROLE, O_PIN, O_CLEAR, O_FORMAT };
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "badge", required_argument, NULL, O_BADGE },
		{ "name", required_argument, NULL, O_NAME },
		{ "role", required_argument, NULL, O_ROLE },
		{ "pin-stdin", no_argument, NULL, O_PIN },
		{ "clear", no_argument, NULL, O_CLEAR },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 },
	};
	const char *badge = NULL, *name = NULL, *role = NULL, *sub;
	bool pin = false, clear = false;
	int opt, format = FORMAT_TABLE;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		switch (opt) {
		case 'h': return cli_help(member_help);
		case O_BADGE: badge = optarg; break;
		case O_NAME: name = optarg; break;
		case O_ROLE: role = optarg; break;
		case O_PIN: pin = true; break;
		case O_CLEAR: clear = true; break;
		case O_FORMAT:
			if ((format = cli_parse_format(optarg)) < 0)
				return cli_usage("member", "unknown format '%s'", optarg);
			break;
		default: return cli_bad_option("member", argv, opt);
		}
	}
	if (optind >= argc)
		return cli_usage("member", "say what to do: add, list or set-pin");
	sub = argv[optind++];
	if (strcmp(sub, "add") == 0 && optind == argc)
		return member_add(c, badge, name, role, pin);
	if (strcmp(sub, "list") == 0 && optind == argc) {
		c->app.readonly = true;
		return member_list(c, format);
	}
	if (strcmp(sub, "set-pin") == 0 && optind + 1 == argc)
		return member_set_pin(c, argv[optind], pin, clear);
	return cli_usage("member", "unknown or incomplete member command '%s'", sub);
}
