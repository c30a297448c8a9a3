/* survey.c - cslog survey add|import|list|show: citizen satisfaction
 * survey responses.  Comments are free text from the public: they are
 * shown only with --include-comment(s), to whom the permission table
 * allows, and every such read is an audit event. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli_measures.h"
#include "cslog/app_time.h"
#include "cslog/text.h"

enum { O_POLICY = 1, O_CONTACT, O_CALL, O_AT, O_ANSWER, O_COMMENT, O_SOURCE, O_REF, O_MAP,
       O_SKIP_BAD, O_SINCE, O_UNTIL, O_MEMBER, O_COMMENTS, O_FORMAT, O_ONE_COMMENT };

static const struct cli_opt add_opts[] = {
	{ "policy", O_POLICY, CLI_VALUE, "ID", "the policy (default: the contact's)" },
	{ "contact", O_CONTACT, CLI_VALUE, "ID", "the contact the response is about" },
	{ "call", O_CALL, CLI_VALUE, "REF", "or the call (its first contact)" },
	{ "at", O_AT, CLI_VALUE, "TIME", "when the customer answered (default now)" },
	{ "answer", O_ANSWER, CLI_VALUE | CLI_REPEAT, "Q=V",
	  "an answer: question id = 1 to 5, or yes / no\n(once per question answered)" },
	{ "comment", O_COMMENT, CLI_VALUE, "TEXT", "the customer's own words" },
	{ "source", O_SOURCE, CLI_VALUE, "HOW", "card, callback or script (default script)" },
	{ "ref", O_REF, CLI_VALUE, "TEXT", "the survey's own id of the response" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt import_opts[] = {
	{ "map", O_MAP, CLI_VALUE, "FILE", "CSV 'header,question': each column's question" },
	{ "policy", O_POLICY, CLI_VALUE, "ID", "the policy (default: the only one, else\n"
	  "each row's contact's)" },
	{ "skip-bad", O_SKIP_BAD, CLI_FLAG, NULL, "keep the good rows of a file with bad ones" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt list_opts[] = {
	{ "since", O_SINCE, CLI_VALUE, "DAY", "from this day (YYYY-MM-DD, -30d ...)" },
	{ "until", O_UNTIL, CLI_VALUE, "DAY", "to this day, included" },
	{ "member", O_MEMBER, CLI_VALUE, "BADGE", "responses about one member's contacts" },
	{ "policy", O_POLICY, CLI_VALUE, "ID", "responses under one policy" },
	{ "include-comments", O_COMMENTS, CLI_FLAG, NULL,
	  "the comments too (supervisors; audited)" },
	{ "format", O_FORMAT, CLI_VALUE, "table|csv|json", "the format (default table)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt show_opts[] = {
	{ "include-comment", O_ONE_COMMENT, CLI_FLAG, NULL,
	  "the comment too (supervisors; audited)" },
	{ NULL, 0, 0, NULL, NULL },
};

/* ---- add -------------------------------------------------------------------- */

static int
parse_answer(char *spec, struct survey_answer *a)
{
	char *eq = strchr(spec, '='), *end = NULL;
	long v;

	if (eq == NULL)
		return cli_usage("survey add", "--answer takes QUESTION=VALUE, not '%s'", spec);
	*eq = '\0';
	a->question = spec;
	if (strcmp(eq + 1, "yes") == 0 || strcmp(eq + 1, "no") == 0) {
		a->score = strcmp(eq + 1, "yes") == 0;
		return 0;
	}
	v = strtol(eq + 1, &end, 10);
	if (end == eq + 1 || *end != '\0' || v < -1000 || v > 1000)
		return cli_usage("survey add", "%s: '%s' is not 1 to 5, yes or no", spec, eq + 1);
	a->score = (int)v;
	return 0;
}

static int
first_of_call(void *ctx, const struct contact *c)
{
	*(int64_t *)ctx = c->id;
	return 1;
}

static int
run_add(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct survey_response r;
	struct contact_filter f;
	char *specs = NULL, *tok, *save = NULL;
	int64_t id = 0;
	int src = SURVEY_SCRIPT, rc = 0;

	memset(&r, 0, sizeof r);
	r.policy_id = k->val[O_POLICY];
	r.comment = k->val[O_COMMENT];
	r.ref = k->val[O_REF];
	r.source = SURVEY_SCRIPT;
	if (cli_has(k, O_SOURCE) && ((src = record_survey_source_parse(k->val[O_SOURCE])) < 0 ||
	                             src == SURVEY_TOOL))
		return cli_usage("survey add", "--source is card, callback or script");
	if (cli_has(k, O_SOURCE))
		r.source = (enum survey_source)src;
	if (cli_has(k, O_CONTACT) && cli_has(k, O_CALL))
		return cli_usage("survey add", "--contact or --call, not both");
	if (cli_has(k, O_CONTACT) && (r.contact_id = cli_parse_id(k->val[O_CONTACT])) == 0)
		return cli_usage("survey add", "--contact takes a contact id");
	if (cli_has(k, O_CALL)) {
		memset(&f, 0, sizeof f);
		f.call_ref = k->val[O_CALL];
		f.oldest_first = true;
		if (app_contact_each(&c->app, &k->who, &f, NULL, 1, first_of_call, &r.contact_id,
		                     NULL, &err) != CS_OK)
			return cli_fail(&err);
		if (r.contact_id == 0)
			return cli_error(CS_NOINPUT, "no contact of call '%s' is logged", f.call_ref);
	}
	if (cli_has(k, O_AT) && (rc = cli_time(c, "--at", k->val[O_AT], 0, &r.at)) != 0)
		return rc;
	if (!cli_has(k, O_ANSWER))
		return cli_usage("survey add", "give the answers with --answer QUESTION=VALUE");
	if ((specs = strdup(k->val[O_ANSWER])) == NULL)
		return cli_error(CS_OSERR, "out of memory");
	for (tok = strtok_r(specs, ",", &save); rc == 0 && tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		if (r.n_answers == SURVEY_ANSWERS_MAX)
			rc = cli_usage("survey add", "at most %d answers", SURVEY_ANSWERS_MAX);
		else
			rc = parse_answer(tok, &r.answers[r.n_answers++]);
	}
	if (rc == 0 && app_survey_add(&c->app, &k->who, &r, &id, &err) != CS_OK)
		rc = cli_fail(&err);
	if (rc == 0)
		fprintf(c->out, "%lld\n", (long long)id);
	free(specs);
	return rc;
}

/* ---- import ------------------------------------------------------------------ */

struct ictx {
	const char *file, *map;
};

static void
on_error(void *ctx, bool in_map, long line, const char *msg)
{
	const struct ictx *x = ctx;
	char buf[CS_ERR_MAX + 1200];

	snprintf(buf, sizeof buf, "%s:%ld: %s", in_map ? x->map : x->file, line, msg);
	cli_put(stderr, buf, TEXT_ONE_LINE);
	fputc('\n', stderr);
}

static int
run_import(struct cli *c, struct cli_call *k)
{
	struct ictx x = { k->args[0], k->val[O_MAP] };
	struct survey_import_opts o = { k->val[O_POLICY], cli_has(k, O_SKIP_BAD), on_error, &x };
	struct survey_import_stats st;
	struct cs_err err = { 0 };
	FILE *in = fopen(k->args[0], "rb"), *map = NULL;
	int rc;

	if (in == NULL)
		return cli_error(CS_NOINPUT, "cannot open %s: %s", k->args[0], strerror(errno));
	if (cli_has(k, O_MAP) && (map = fopen(k->val[O_MAP], "rb")) == NULL) {
		rc = cli_error(CS_NOINPUT, "cannot open %s: %s", k->val[O_MAP], strerror(errno));
		fclose(in);
		return rc;
	}
	rc = app_survey_import(&c->app, &k->who, in, map, &o, &st, &err);
	fclose(in);
	if (map != NULL)
		fclose(map);
	if (rc == CS_OK || (rc == CS_DATAERR && st.imported > 0))
		fprintf(c->out, "%zu response%s imported\n", st.imported, st.imported == 1 ? "" : "s");
	return rc == CS_OK ? 0 : cli_fail(&err);
}

/* ---- list and show -------------------------------------------------------------- */

struct lctx {
	FILE *out;
	int format;
	bool comments;
	json_t *arr;
};

static void
answers_text(const struct survey_response *r, char *buf, size_t len)
{
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < r->n_answers && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s=%s", i ? " " : "",
		                        r->answers[i].question, r->answers[i].scale == SCALE_YES_NO ?
		                        (r->answers[i].score ? "yes" : "no") :
		                        (const char *[]){ "?", "1", "2", "3", "4", "5" }
		                        [r->answers[i].score >= 1 && r->answers[i].score <= 5 ?
		                         r->answers[i].score : 0]);
}

static int
print_one(void *ctx, const struct survey_response *r)
{
	struct lctx *x = ctx;
	char at[32], ans[1024];
	json_t *o, *a;
	size_t i;

	answers_text(r, ans, sizeof ans);
	if (x->format == FORMAT_JSON) {
		app_time_iso(r->at, at, sizeof at);
		a = json_object();
		for (i = 0; a != NULL && i < r->n_answers; i++)
			json_object_set_new(a, r->answers[i].question,
			    r->answers[i].scale == SCALE_YES_NO ? json_boolean(r->answers[i].score) :
			    json_integer(r->answers[i].score));
		o = json_pack("{s:I, s:s, s:s, s:s, s:o*, s:s?}", "id", (json_int_t)r->id, "at", at,
		    "policy", r->policy_id, "source", record_survey_source_name(r->source),
		    "answers", a, "member", r->member_badge);
		if (o != NULL && r->contact_id != 0)
			json_object_set_new(o, "contact", json_integer(r->contact_id));
		if (o != NULL && x->comments && r->comment != NULL)
			json_object_set_new(o, "comment", json_string(r->comment));
		if (o != NULL)
			json_array_append_new(x->arr, o);
		return 0;
	}
	if (x->format == FORMAT_CSV) {
		app_time_iso(r->at, at, sizeof at);
		fprintf(x->out, "%lld,%s,", (long long)r->id, at);
		cli_csv(x->out, r->policy_id, false);
		fprintf(x->out, "%s,", record_survey_source_name(r->source));
		if (r->contact_id != 0)
			fprintf(x->out, "%lld", (long long)r->contact_id);
		fputc(',', x->out);
		cli_csv(x->out, r->member_badge, false);
		cli_csv(x->out, ans, !x->comments);
		if (x->comments)
			cli_csv(x->out, r->comment, true);
		return 0;
	}
	app_time_local(r->at, at, sizeof at);
	fprintf(x->out, "%6lld %s %-8s ", (long long)r->id, at, record_survey_source_name(r->source));
	if (r->contact_id != 0)
		fprintf(x->out, "%7lld ", (long long)r->contact_id);
	else
		fprintf(x->out, "%7s ", "-");
	cli_cell(x->out, r->member_badge != NULL ? r->member_badge : "-", 8);
	fputc(' ', x->out);
	cli_cell(x->out, ans, x->comments ? 40 : 0);
	if (x->comments && r->comment != NULL) {
		fputs("  ", x->out);
		cli_cell(x->out, r->comment, 0);
	} else if (x->comments && r->has_comment) {
		fputs("  (comment withheld: restricted)", x->out);
	}
	fputc('\n', x->out);
	return 0;
}

static int
run_list(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct measure_filter f;
	struct lctx x = { c->out, cli_format(k, O_FORMAT, FORMAT_TABLE), cli_has(k, O_COMMENTS),
	                  NULL };
	char since[16], until[16];
	size_t withheld = 0;
	int rc;

	if (x.format < 0)
		return CS_USAGE;
	if ((rc = cli_period(c, k, O_SINCE, O_UNTIL, since, until, &f)) != 0)
		return rc;
	f.policy_id = k->val[O_POLICY];
	if (cli_has(k, O_MEMBER) && (f.member_id = cli_member_id(c, k, k->val[O_MEMBER], &rc))
	    == 0)
		return rc;
	if (x.format == FORMAT_JSON)
		x.arr = json_array();
	else if (x.format == FORMAT_CSV)
		fprintf(c->out, "id,at,policy,source,contact,member,answers%s\r\n",
		        x.comments ? ",comment" : "");
	else
		fprintf(c->out, "%6s %-16s %-8s %7s %-8s %s%s\n", "ID", "ANSWERED", "HOW", "CONTACT",
		        "MEMBER", "ANSWERS", x.comments ? " / COMMENT" : "");
	rc = app_survey_list(&c->app, &k->who, &f, x.comments, print_one, &x, &withheld, &err);
	if (rc == CS_OK && x.format == FORMAT_JSON) {
		json_dumpf(x.arr, c->out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', c->out);
	}
	json_decref(x.arr);
	if (rc == CS_OK && withheld > 0)
		fprintf(stderr, "cslog: %zu comment%s withheld: %s policy makes survey comments "
		        "restricted (survey show ID --include-comment, one at a time)\n", withheld,
		        withheld == 1 ? "" : "s", withheld == 1 ? "its" : "their");
	return rc == CS_OK ? 0 : cli_fail(&err);
}

static int
run_show(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct survey_response r;
	char at[32], logged[32], ans[1024];
	int64_t id;
	int rc = cli_arg_id(k, 0, "one response", &id);

	if (rc != 0)
		return rc;
	if (app_survey_get(&c->app, &k->who, id, cli_has(k, O_ONE_COMMENT), &r, &err) != CS_OK)
		return cli_fail(&err);
	app_time_local(r.at, at, sizeof at);
	app_time_local(r.logged_at, logged, sizeof logged);
	answers_text(&r, ans, sizeof ans);
	fprintf(c->out, "Response %lld, %s (%s), under %s %s\n", (long long)r.id, at,
	        record_survey_source_name(r.source), r.policy_id, r.policy_version);
	if (r.contact_id != 0) {
		fprintf(c->out, "About:    contact %lld (", (long long)r.contact_id);
		cli_put(c->out, r.member_badge, TEXT_ONE_LINE);
		fputs(")\n", c->out);
	}
	fprintf(c->out, "Answers:  %s\nEntered:  %s\n", ans, logged);
	if (r.comment != NULL) {
		fputs("Comment:  ", c->out);
		cli_put(c->out, r.comment, TEXT_KEEP_LAYOUT);
		fputc('\n', c->out);
	} else if (r.has_comment) {
		fputs("Comment:  (kept; shown with --include-comment to supervisors)\n", c->out);
	}
	record_survey_clear(&r);
	return 0;
}

static const char about[] =
"Citizen satisfaction survey responses: each answer on its question's\n"
"scale (1 very dissatisfied .. 5 very satisfied, or yes / no), the\n"
"questions being the policy's (cslog's own by default:\n"
"policies/measures.yaml), and a free comment.  A response may be about a\n"
"logged contact (--contact, --call): its member, kind, channel and outcome\n"
"then count in the reports.  Comments can name people: they have a\n"
"privacy class of their own (privacy: fields: survey-comment), are shown\n"
"to supervisors only, and every read of one is an audit event.\n";

const struct cli_cmd cli_cmd_survey_add = {
	"survey add", NULL, 0, 0, "keep one survey response", about,
	add_opts, NULL, WHO_SIGNED_IN, APP_SURVEY_ADD, false, true, run_add,
};
const struct cli_cmd cli_cmd_survey_import = {
	"survey import", "FILE", 1, 1, "import a survey tool's CSV export",
	"Import the CSV a survey tool exports: its header row holds the question\n"
	"texts, which --map FILE (a CSV 'header,question') ties to the policy's\n"
	"question ids (a header that is an id needs no line).  Columns contact or\n"
	"call link a response to the log; comment, at (when answered) and ref\n"
	"(the tool's response id: a file imported twice is refused) are read\n"
	"when there.  Every row is checked like a response added by hand; bad\n"
	"rows are named by line, and nothing is kept unless all are good (or\n"
	"--skip-bad).\n",
	import_opts, NULL, WHO_SIGNED_IN, APP_SURVEY_ADD, false, true, run_import,
};
const struct cli_cmd cli_cmd_survey_list = {
	"survey list", NULL, 0, 0, "survey responses, newest first", about,
	list_opts, NULL, WHO_SIGNED_IN, APP_SURVEY_READ, true, true, run_list,
};
const struct cli_cmd cli_cmd_survey_show = {
	"survey show", "ID", 1, 1, "one survey response", about,
	show_opts, NULL, WHO_SIGNED_IN, APP_SURVEY_READ, true, true, run_show,
};
