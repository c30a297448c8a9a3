/* followup.c - cslog followup list|done|pause|resume. */
#include <jansson.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/cli_cmd.h"
#include "cslog/deadline.h"
#include "cslog/store.h"

static const char followup_help[] =
"Usage: cslog followup list [--mine | --member BADGE] [--overdue] [--format F]\n"
"       cslog followup done ID [--note TEXT] --as BADGE\n"
"       cslog followup pause ID --reason TEXT --as BADGE\n"
"       cslog followup resume ID --as BADGE\n"
"\n"
"Promised follow-ups, by due time.  Each has a target (DUE BY: when it\n"
"should be done) and a limit (OVERDUE AFTER: the latest it may be, as the\n"
"policy's clock says, e.g. voice mail the same day, at the latest 24 hours\n"
"after the call); CLOCK says where it stands: due, past target (within\n"
"the limit), OVERDUE, or paused.  While a follow-up is paused (waiting on\n"
"the customer) its clock stops: resuming moves both times by the time\n"
"paused.  Members see and close their own follow-ups, supervisors\n"
"everyone's.\n";

struct fu_ctx {
	FILE *out;
	int format;
	json_t *arr;
};

static int
print_fu(void *ctx, const struct followup *f)
{
	struct fu_ctx *x = ctx;
	const char *clock = deadline_state_words((enum deadline_state)f->clock);
	char due[32], limit[32];
	json_t *o;

	if (x->format == FORMAT_JSON) {
		app_time_iso(f->due_eff, due, sizeof due);
		app_time_iso(f->limit_eff, limit, sizeof limit);
		o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:b, s:s?}", "id", (json_int_t)f->id,
		    "contact", (json_int_t)f->contact_id, "due", due, "limit", limit,
		    "state", record_followup_state_name(f->state), "clock", clock,
		    "overdue", f->overdue, "note", f->note);
		if (o != NULL)
			json_array_append_new(x->arr, o);
		return 0;
	}
	app_time_local(f->due_eff, due, sizeof due);
	app_time_local(f->limit_eff, limit, sizeof limit);
	if (x->format == FORMAT_CSV) {
		fprintf(x->out, "%lld,%lld,%s,%s,%s,%s,%s,", (long long)f->id,
		    (long long)f->contact_id, due, limit, record_followup_state_name(f->state),
		    clock, f->overdue ? "yes" : "no");
		cli_csv(x->out, f->note, true);
		return 0;
	}
	fprintf(x->out, "%6lld %7lld %s %s %-7s %-11s ", (long long)f->id,
	    (long long)f->contact_id, due, limit, record_followup_state_name(f->state), clock);
	cli_cell(x->out, f->note ? f->note : "", 30);
	fputc('\n', x->out);
	return 0;
}

static int
fu_list(struct cli *c, const char *member, bool mine, bool overdue, int format)
{
	struct cs_err err = { 0 };
	struct followup_filter f = { 0, overdue, c->app.now };
	struct fu_ctx x = { c->out, format, NULL };
	struct member m = { 0 };
	struct store *st;
	int rc = 0;

	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	if (mine && (rc = cli_actor(c, c->as, -1, &m)) != 0)
		return rc;
	if (!mine && member != NULL && store_member_find(st, member, &m, &err) != CS_OK)
		return cli_fail(&err);
	f.member_id = m.id;
	record_member_clear(&m);
	if (format == FORMAT_JSON)
		x.arr = json_array();
	else if (format == FORMAT_CSV)
		fputs("id,contact,due,limit,state,clock,overdue,note\r\n", c->out);
	else
		fprintf(c->out, "%6s %7s %-16s %-16s %-7s %-11s %s\n", "ID", "CONTACT", "DUE BY",
		    "OVERDUE AFTER", "STATE", "CLOCK", "NOTE");
	rc = store_followup_list(st, &f, 0, print_fu, &x, &err);
	if (rc == CS_OK && format == FORMAT_JSON) {
		json_dumpf(x.arr, c->out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', c->out);
	}
	json_decref(x.arr);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

static int
act(struct store *st, const char *verb, int64_t actor, int64_t id, const char *text,
    int64_t now, struct cs_err *err)
{
	if (strcmp(verb, "done") == 0)
		return store_followup_done(st, actor, id, text, now, err);
	if (strcmp(verb, "pause") == 0)
		return store_followup_pause(st, actor, id, text, now, err);
	return store_followup_resume(st, actor, id, now, err);
}

/* Members act on their own follow-ups; supervisors on anyone's. */
static int
fu_act(struct cli *c, const char *verb, int64_t id, const char *text)
{
	struct cs_err err = { 0 };
	struct member actor = { 0 };
	struct followup f = { 0 };
	struct store *st;
	int rc = 0;

	if ((st = cli_store(c, &rc)) == NULL || (rc = cli_actor(c, c->as, -1, &actor)) != 0)
		return rc;
	if (store_followup_get(st, id, c->app.now, &f, &err) != CS_OK)
		rc = cli_fail(&err);
	else if (f.member_id != actor.id && actor.role != ROLE_SUPERVISOR)
		rc = cli_error(CS_NOPERM, "follow-up %lld is another member's", (long long)id);
	else if (act(st, verb, actor.id, id, text, c->app.now, &err) != CS_OK)
		rc = cli_fail(&err);
	record_followup_clear(&f);
	record_member_clear(&actor);
	return rc;
}

int
cli_followup(struct cli *c, int argc, char **argv)
{
	enum { O_MINE = 1, O_MEMBER, O_OVERDUE, O_FORMAT, O_NOTE, O_REASON };
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "mine", no_argument, NULL, O_MINE },
		{ "member", required_argument, NULL, O_MEMBER },
		{ "overdue", no_argument, NULL, O_OVERDUE },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "note", required_argument, NULL, O_NOTE },
		{ "reason", required_argument, NULL, O_REASON },
		{ NULL, 0, NULL, 0 },
	};
	const char *member = NULL, *note = NULL, *reason = NULL, *sub;
	bool mine = false, overdue = false;
	int opt, format = FORMAT_TABLE;
	int64_t id = 0;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		switch (opt) {
		case 'h': return cli_help(followup_help);
		case O_MINE: mine = true; break;
		case O_MEMBER: member = optarg; break;
		case O_OVERDUE: overdue = true; break;
		case O_NOTE: note = optarg; break;
		case O_REASON: reason = optarg; break;
		case O_FORMAT:
			if ((format = cli_parse_format(optarg)) < 0)
				return cli_usage("followup", "unknown format '%s'", optarg);
			break;
		default: return cli_bad_option("followup", argv, opt);
		}
	}
	if (optind >= argc)
		return cli_usage("followup", "say what to do: list, done, pause or resume");
	sub = argv[optind++];
	if (strcmp(sub, "list") == 0 && optind == argc)
		return fu_list(c, member, mine, overdue, format);
	if (optind + 1 != argc || (id = cli_parse_id(argv[optind])) == 0)
		return cli_usage("followup", "followup %s takes one follow-up id", sub);
	if (strcmp(sub, "done") == 0)
		return fu_act(c, sub, id, note);
	if (strcmp(sub, "pause") == 0) {
		if (reason == NULL)
			return cli_usage("followup", "a pause needs --reason TEXT");
		return fu_act(c, sub, id, reason);
	}
	if (strcmp(sub, "resume") == 0)
		return fu_act(c, sub, id, NULL);
	return cli_usage("followup", "unknown followup command '%s'", sub);
}
