/* followup.c - cslog followup list|done|pause|resume. */
#include <jansson.h>
#include <string.h>

#include "cli_cmd.h"
#include "cslog/app_out.h"
#include "cslog/app_time.h"
#include "cslog/deadline.h"

enum { O_MINE = 1, O_MEMBER, O_OVERDUE, O_FORMAT, O_NOTE, O_REASON, O_DONE };

static const struct cli_opt list_opts[] = {
	{ "mine", O_MINE, CLI_FLAG, NULL, "only your own (what a member always sees)" },
	{ "member", O_MEMBER, CLI_VALUE, "BADGE", "only this member's (supervisors)" },
	{ "overdue", O_OVERDUE, CLI_FLAG, NULL, "only those past due" },
	{ "done", O_DONE, CLI_FLAG, NULL, "the done ones instead, the latest promised first,\n"
	  "with how each kept its clock" },
	{ "format", O_FORMAT, CLI_VALUE, "table|csv|json", "the format (default table)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt done_opts[] = {
	{ "note", O_NOTE, CLI_VALUE, "TEXT", "what was done" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt pause_opts[] = {
	{ "reason", O_REASON, CLI_VALUE, "TEXT", "why it waits (required)" },
	{ NULL, 0, 0, NULL, NULL },
};

struct fu_ctx {
	FILE *out;
	int format;
	json_t *arr;
};

static int
print_fu(void *ctx, const struct followup *f)
{
	struct fu_ctx *x = ctx;
	const char *clock = f->state == FOLLOWUP_DONE ? deadline_grade_words(f->grade)
	                    : deadline_state_words((enum deadline_state)f->clock);
	char due[32], limit[32];
	json_t *o;

	if (x->format == FORMAT_JSON) {
		app_time_iso(f->due_eff, due, sizeof due);
		app_time_iso(f->limit_eff, limit, sizeof limit);
		o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:b, s:s?, s:s?, s:s?}", "id",
		    (json_int_t)f->id, "contact", (json_int_t)f->contact_id, "due", due, "limit",
		    limit, "state", record_followup_state_name(f->state), "clock", clock,
		    "overdue", f->overdue, "note", f->note, "pause_reason", f->pause_reason,
		    "done_note", f->done_note);
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
	fprintf(x->out, "%6lld %7lld %s %s %-7s %-21s ", (long long)f->id,
	    (long long)f->contact_id, due, limit, record_followup_state_name(f->state), clock);
	cli_cell(x->out, f->note ? f->note : "", 30);
	fputc('\n', x->out);
	return 0;
}

static int
run_list(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct followup_filter f = { 0, cli_has(k, O_OVERDUE), 0, cli_has(k, O_DONE) };
	struct fu_ctx x = { c->out, cli_format(k, O_FORMAT, FORMAT_TABLE), NULL };
	int rc = 0;

	if (x.format < 0)
		return CS_USAGE;
	if (cli_has(k, O_MINE) && cli_has(k, O_MEMBER))
		return cli_usage("followup list", "--mine or --member, not both");
	if (f.done && f.overdue_only)
		return cli_usage("followup list", "--done or --overdue, not both");
	if (cli_has(k, O_MINE))
		f.member_id = k->who.id;
	else if (cli_has(k, O_MEMBER) && (f.member_id = cli_member_id(c, k, k->val[O_MEMBER],
	                                                              &rc)) == 0)
		return rc;
	if (x.format == FORMAT_JSON)
		x.arr = json_array();
	else if (x.format == FORMAT_CSV)
		fputs("id,contact,due,limit,state,clock,overdue,note\r\n", c->out);
	else
		fprintf(c->out, "%6s %7s %-16s %-16s %-7s %-21s %s\n", "ID", "CONTACT", "DUE BY",
		    "OVERDUE AFTER", "STATE", "CLOCK", "NOTE");
	rc = app_followup_list(&c->app, &k->who, &f, 0, print_fu, &x, &err);
	if (rc == CS_OK && x.format == FORMAT_JSON) {
		app_out_json(c->out, x.arr, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	}
	json_decref(x.arr);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

static int
act(struct cli *c, struct cli_call *k, enum app_followup_act what, const char *text)
{
	struct cs_err err = { 0 };
	int64_t id;
	int rc = cli_arg_id(k, 0, "one follow-up", &id);

	if (rc != 0)
		return rc;
	if (app_followup_act(&c->app, &k->who, what, id, text, &err) != CS_OK)
		return cli_fail(&err);
	return 0;
}

static int
run_done(struct cli *c, struct cli_call *k)
{
	return act(c, k, FOLLOWUP_ACT_DONE, k->val[O_NOTE]);
}

static int
run_pause(struct cli *c, struct cli_call *k)
{
	if (!cli_has(k, O_REASON))
		return cli_usage("followup pause", "a pause needs --reason TEXT");
	return act(c, k, FOLLOWUP_ACT_PAUSE, k->val[O_REASON]);
}

static int
run_resume(struct cli *c, struct cli_call *k)
{
	return act(c, k, FOLLOWUP_ACT_RESUME, NULL);
}

static const char about[] =
"Promised follow-ups, by due time.  Each has a target (DUE BY: when it\n"
"should be done) and a limit (OVERDUE AFTER: the latest it may be, as the\n"
"policy's clock says, e.g. voice mail the same day, at the latest 24 hours\n"
"after the call); CLOCK says where it stands: due, past target (within\n"
"the limit), OVERDUE, or paused.  While a follow-up is paused (waiting on\n"
"the customer) its clock stops: resuming moves both times by the time\n"
"paused.  Members see and close their own follow-ups, supervisors\n"
"everyone's.  Done ones stay: --done lists them, CLOCK saying how each was\n"
"done (on target, within the limit, late).\n";

const struct cli_cmd cli_cmd_followup_list = {
	"followup list", NULL, 0, 0, "promised follow-ups, by due time", about,
	list_opts, NULL, WHO_SIGNED_IN, APP_FOLLOWUP, true, false, run_list,
};
const struct cli_cmd cli_cmd_followup_done = {
	"followup done", "ID", 1, 1, "close a follow-up as done", about,
	done_opts, NULL, WHO_SIGNED_IN, APP_FOLLOWUP, true, false, run_done,
};
const struct cli_cmd cli_cmd_followup_pause = {
	"followup pause", "ID", 1, 1, "pause a follow-up: its clock stops", about,
	pause_opts, NULL, WHO_SIGNED_IN, APP_FOLLOWUP, true, false, run_pause,
};
const struct cli_cmd cli_cmd_followup_resume = {
	"followup resume", "ID", 1, 1, "resume a paused follow-up", about,
	NULL, NULL, WHO_SIGNED_IN, APP_FOLLOWUP, true, false, run_resume,
};
