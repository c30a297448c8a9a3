/* list.c - cslog list: the log, filtered, paged by key. */
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/cli_cmd.h"
#include "cslog/codec.h"
#include "cslog/store.h"

static const char list_help[] =
"Usage: cslog list [FILTERS] [--format table|csv|json] [--limit N] [--after ID]\n"
"\n"
"The log, newest logged first (current versions: amended contacts show\n"
"their latest version).\n"
"\n"
"  --since TIME, --until TIME   when the contact happened (a bare date\n"
"                               counts whole days)\n"
"  --member BADGE, --policy ID, --kind ID, --channel ID, --outcome ID\n"
"  --call REF                   the contacts of one call\n"
"  --not-empowered              an empowerment check that failed\n"
"  --unreviewed                 no supervisor sign-off yet\n"
"  --needs-debrief              a negative call not yet debriefed\n"
"  --overdue                    an open follow-up is past due\n"
"  --search TEXT                words in summaries and notes (all must match)\n"
"  --include-protected          show customer name, phone, address, e-mail\n"
"                               (CSV, JSON), each where the contact's policy\n"
"                               classes it 'protected' ('restricted': empty)\n"
"  --limit N                    at most N contacts (default 50; 0: all)\n"
"  --after ID                   continue after contact ID (the next page)\n"
"\n"
"In a table, flags are E (empowered), N (not empowered), R (signed off),\n"
"D (debrief due), F (follow-up open), ! (overdue).  CSV and JSON hold every field.\n";

struct list_args {
	struct contact_filter f;
	const char *member, *since, *until;
	int format;
	long limit;
	int64_t after;
};

struct out_ctx {
	FILE *out;
	int format;
	bool protected;
	const struct policy_set *policies; /* each row's privacy classes */
	size_t n;
};

static void
flags(const struct contact *c, char *buf)
{
	int i = 0;

	buf[i++] = c->empowered == TRI_YES ? 'E' : c->empowered == TRI_NO ? 'N' : ' ';
	buf[i++] = c->signed_off ? 'R' : ' ';
	buf[i++] = c->debrief_due ? 'D' : ' ';
	buf[i++] = c->overdue ? '!' : c->followup_id ? 'F' : ' ';
	buf[i] = '\0';
}

static void
table_row(FILE *f, const struct contact *c)
{
	char when[32], fl[5];

	app_time_local(c->at, when, sizeof when);
	flags(c, fl);
	fprintf(f, "%7lld %s ", (long long)c->id, when);
	cli_cell(f, c->member_badge, 8);
	fputc(' ', f);
	cli_cell(f, c->policy_id, 9);
	fputc(' ', f);
	cli_cell(f, c->kind, 11);
	fputc(' ', f);
	cli_cell(f, c->channel, 10);
	fputc(' ', f);
	cli_cell(f, c->outcome, 20);
	fprintf(f, " %s ", fl);
	cli_cell(f, c->summary, 60);
	fputc('\n', f);
}

static int
json_row(FILE *f, const struct contact *c, bool protected, unsigned withheld)
{
	json_t *o = codec_contact_json(c, protected, withheld);

	if (o == NULL)
		return -1;
	json_dumpf(o, f, JSON_COMPACT | JSON_ENSURE_ASCII);
	fputc('\n', f);
	json_decref(o);
	return 0;
}

static int
print_contact(void *ctx, const struct contact *c)
{
	struct out_ctx *o = ctx;
	unsigned w = cli_withheld(o->policies, c, o->protected);

	o->n++;
	if (o->format == FORMAT_CSV)
		cli_csv_contact(o->out, c, o->protected, w);
	else if (o->format == FORMAT_JSON)
		return json_row(o->out, c, o->protected, w);
	else
		table_row(o->out, c);
	return 0;
}

static void
header(FILE *f, int format, bool protected)
{
	if (format == FORMAT_CSV) {
		cli_csv_contact_header(f, protected);
	} else if (format == FORMAT_TABLE) {
		fprintf(f, "%7s %-16s %-8s %-9s %-11s %-10s %-20s %-4s %s\n", "ID", "WHEN",
		    "MEMBER", "POLICY", "KIND", "CHANNEL", "OUTCOME", "", "SUMMARY");
	}
}

/* Resolve names and times into the filter. */
static int
prepare(struct cli *c, struct list_args *la, struct store *st)
{
	struct cs_err err = { 0 };
	struct member m = { 0 };

	la->f.now = c->app.now;
	if (la->since && app_time_parse(la->since, c->app.now, 0, &la->f.since, &err))
		return cli_fail(&err);
	if (la->until && app_time_parse(la->until, c->app.now, 1, &la->f.until, &err))
		return cli_fail(&err);
	if (la->member != NULL) {
		if (store_member_find(st, la->member, &m, &err) != CS_OK)
			return cli_fail(&err);
		la->f.member_id = m.id;
		record_member_clear(&m);
	}
	return 0;
}

/* Deliver pages of at most 1000 until the limit (0: all). */
static int
run_query(struct cli *c, struct list_args *la, struct store *st)
{
	struct cs_err err = { 0 };
	struct out_ctx o = { c->out, la->format, la->f.include_protected, &c->app.policies, 0 };
	struct store_cursor cur = { la->after, false }, next = { 0, false };
	size_t want, page;

	header(c->out, la->format, la->f.include_protected);
	for (;;) {
		want = la->limit > 0 ? (size_t)la->limit - o.n : 1000;
		page = want > 1000 ? 1000 : want;
		if (page == 0)
			break;
		if (store_contact_query(st, &la->f, &cur, page, print_contact, &o, &next,
		    &err) != CS_OK)
			return cli_fail(&err);
		if (!next.more)
			break;
		cur = next;
		if (la->limit > 0 && o.n >= (size_t)la->limit) {
			if (la->format == FORMAT_TABLE)
				fprintf(stderr, "(more: cslog list --after %lld)\n",
				    (long long)next.last_id);
			break;
		}
	}
	return 0;
}

enum {
	O_SINCE = 1, O_UNTIL, O_MEMBER, O_POLICY, O_KIND, O_CHANNEL, O_OUTCOME, O_CALL,
	O_NOTEMP, O_UNREV, O_DEBRIEF, O_OVERDUE, O_SEARCH, O_PROT, O_FORMAT, O_LIMIT, O_AFTER,
};

static const struct option list_opts[] = {
	CLI_COMMON_OPTIONS,
	{ "since", required_argument, NULL, O_SINCE },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "member", required_argument, NULL, O_MEMBER },
	{ "policy", required_argument, NULL, O_POLICY },
	{ "kind", required_argument, NULL, O_KIND },
	{ "channel", required_argument, NULL, O_CHANNEL },
	{ "outcome", required_argument, NULL, O_OUTCOME },
	{ "call", required_argument, NULL, O_CALL },
	{ "not-empowered", no_argument, NULL, O_NOTEMP },
	{ "unreviewed", no_argument, NULL, O_UNREV },
	{ "needs-debrief", no_argument, NULL, O_DEBRIEF },
	{ "overdue", no_argument, NULL, O_OVERDUE },
	{ "search", required_argument, NULL, O_SEARCH },
	{ "include-protected", no_argument, NULL, O_PROT },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "limit", required_argument, NULL, O_LIMIT },
	{ "after", required_argument, NULL, O_AFTER },
	{ NULL, 0, NULL, 0 },
};

static int
list_option(struct list_args *la, int opt, const char *arg)
{
	char *end = NULL;

	switch (opt) {
	case O_SINCE: la->since = arg; break;
	case O_UNTIL: la->until = arg; break;
	case O_MEMBER: la->member = arg; break;
	case O_POLICY: la->f.policy_id = arg; break;
	case O_KIND: la->f.kind = arg; break;
	case O_CHANNEL: la->f.channel = arg; break;
	case O_OUTCOME: la->f.outcome = arg; break;
	case O_CALL: la->f.call_ref = arg; break;
	case O_NOTEMP: la->f.not_empowered = true; break;
	case O_UNREV: la->f.unreviewed = true; break;
	case O_DEBRIEF: la->f.needs_debrief = true; break;
	case O_OVERDUE: la->f.overdue = true; break;
	case O_SEARCH: la->f.search = arg; break;
	case O_PROT: la->f.include_protected = true; break;
	case O_FORMAT:
		if ((la->format = cli_parse_format(arg)) < 0)
			return cli_usage("list", "unknown format '%s' (table, csv, json)", arg);
		break;
	case O_LIMIT:
		la->limit = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || la->limit < 0)
			return cli_usage("list", "--limit takes a number, not '%s'", arg);
		break;
	case O_AFTER:
		if ((la->after = cli_parse_id(arg)) == 0)
			return cli_usage("list", "--after takes a contact id, not '%s'", arg);
		break;
	default: return -1;
	}
	return 0;
}

int
cli_list(struct cli *c, int argc, char **argv)
{
	struct list_args la;
	struct store *st;
	int opt, rc = 0;

	memset(&la, 0, sizeof la);
	la.limit = 50;
	cli_getopt_reset();
	while (rc == 0 && (opt = getopt_long(argc, argv, ":h", list_opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		if (opt == 'h')
			return cli_help(list_help);
		rc = list_option(&la, opt, optarg);
		if (rc < 0)
			rc = cli_bad_option("list", argv, opt);
	}
	if (rc != 0)
		return rc;
	if (optind < argc)
		return cli_usage("list", "unexpected argument '%s'", argv[optind]);
	/* The policies say which protected fields may leave cslog. */
	if (la.f.include_protected && (rc = cli_need_policies(c)) != 0)
		return rc;
	c->app.readonly = true;
	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	if ((rc = prepare(c, &la, st)) != 0)
		return rc;
	return run_query(c, &la, st);
}
