/* recognition.c - cslog recognition [add]: the recognition program.
 * Without a word, each member's evidence over a period (commendations,
 * contacts with added value, perfect secret-shopper evaluations,
 * satisfaction on their contacts, drill and quiz results) and the
 * recognitions already given; with --member, the items behind it. */
#include <jansson.h>
#include <string.h>

#include "cli_measures.h"
#include "cslog/app_time.h"
#include "cslog/text.h"

enum { O_SINCE = 1, O_UNTIL, O_MEMBER, O_FORMAT, O_KIND, O_REASON };

static const struct cli_opt list_opts[] = {
	{ "since", O_SINCE, CLI_VALUE, "DAY", "from this day (default: 30 days ago)" },
	{ "until", O_UNTIL, CLI_VALUE, "DAY", "to this day, included (default today)" },
	{ "member", O_MEMBER, CLI_VALUE, "BADGE", "one member, with the items behind it" },
	{ "format", O_FORMAT, CLI_VALUE, "table|json", "the format (default table)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt add_opts[] = {
	{ "kind", O_KIND, CLI_VALUE, "KIND", "award, letter or reinforcement (BSOFR:\n"
	  "\"Awards and rewards\", \"Recognition\",\n\"Positive reinforcement\")" },
	{ "reason", O_REASON, CLI_VALUE, "TEXT", "why (required; kept with it)" },
	{ "since", O_SINCE, CLI_VALUE, "DAY", "the period it recognizes, from" },
	{ "until", O_UNTIL, CLI_VALUE, "DAY", "to" },
	{ NULL, 0, 0, NULL, NULL },
};

#define COMMENTS_MAX 10

struct lctx {
	FILE *out;
	bool json;
	json_t *arr;
	int n;
	int64_t with_comment[COMMENTS_MAX];   /* survey responses whose comment is kept */
	size_t n_comments;
};

static void
pct(FILE *f, int64_t k, int64_t n)
{
	if (n > 0)
		fprintf(f, "%5.1f%%", stats_pct((double)k / (double)n));
	else
		fprintf(f, "%6s", "-");
}

static int
print_evidence(void *ctx, const struct evidence *e)
{
	struct lctx *x = ctx;
	json_t *o;

	x->n++;
	if (x->json) {
		o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
		    "member", e->badge, "name", e->name, "contacts", (json_int_t)e->contacts,
		    "added_value", (json_int_t)e->added_value,
		    "commendations", (json_int_t)e->commendations,
		    "evaluations", (json_int_t)e->evaluations, "perfect", (json_int_t)e->perfect,
		    "responses", (json_int_t)e->responses, "satisfied", (json_int_t)e->satisfied,
		    "drill_right", (json_int_t)e->drill_right,
		    "drill_asked", (json_int_t)e->drill_asked,
		    "recognitions", (json_int_t)e->recognitions);
		if (o != NULL)
			json_array_append_new(x->arr, o);
		return 0;
	}
	cli_cell(x->out, e->badge, 8);
	fputc(' ', x->out);
	cli_cell(x->out, e->name, 20);
	fprintf(x->out, " %6lld %4lld %4lld %4lld/%-4lld %4lld ", (long long)e->commendations,
	        (long long)e->added_value, (long long)e->contacts, (long long)e->perfect,
	        (long long)e->evaluations, (long long)e->responses);
	pct(x->out, e->satisfied, e->responses);
	fputc(' ', x->out);
	pct(x->out, e->drill_right, e->drill_asked);
	fprintf(x->out, " %4lld\n", (long long)e->recognitions);
	return 0;
}

static const char *const item_heads[] = {
	"Commendations", "Contacts with added value", "Perfect secret-shopper evaluations",
	"Survey answers about their contacts", "Recognitions",
};

static int
print_item(void *ctx, const struct evidence_item *it)
{
	struct lctx *x = ctx;
	char at[32];

	if (x->n != (int)it->kind + 1) {
		fprintf(x->out, "\n%s:\n", item_heads[it->kind]);
		x->n = (int)it->kind + 1;
	}
	app_time_local(it->at, at, sizeof at);
	fprintf(x->out, "  %s  #%-6lld ", at, (long long)it->id);
	switch (it->kind) {
	case EVIDENCE_COMMEND:
	case EVIDENCE_ADDED_VALUE:
		cli_cell(x->out, it->text, 0);
		fputs(" — ", x->out);
		cli_cell(x->out, it->text2, 60);
		break;
	case EVIDENCE_PERFECT:
		fprintf(x->out, "%d of %d items met, ", it->score, it->score);
		cli_cell(x->out, it->text, 0);
		break;
	case EVIDENCE_SURVEY:
		fprintf(x->out, "satisfaction %d of 5%s", it->score,
		        it->text != NULL ? ", with a comment" : "");
		if (it->text != NULL && x->n_comments < COMMENTS_MAX)
			x->with_comment[x->n_comments++] = it->id;
		break;
	default:
		cli_cell(x->out, it->text, 0);
		fputs(": ", x->out);
		cli_cell(x->out, it->text2, 60);
	}
	fputc('\n', x->out);
	return 0;
}

/* The comments of the survey answers shown, where who may read them:
 * each read is an audit event; a restricted one stays one at a time. */
static int
comments(struct cli *c, struct cli_call *k, const struct lctx *x)
{
	struct survey_response r;
	struct cs_err err = { 0 };
	const struct policy *p;
	size_t i;

	if (x->n_comments == 0)
		return 0;
	if (app_scope_of(&k->who, APP_SURVEY_COMMENT) == SCOPE_NONE) {
		fputs("\n(Survey comments are read by supervisors.)\n", x->out);
		return 0;
	}
	fputs("\nTheir comments (each read is recorded):\n", x->out);
	for (i = 0; i < x->n_comments; i++) {
		if (app_survey_get(&c->app, &k->who, x->with_comment[i], false, &r, &err) != CS_OK)
			return cli_fail(&err);
		p = policy_set_find(&c->app.policies, r.policy_id);
		record_survey_clear(&r);
		fprintf(x->out, "  #%-6lld ", (long long)x->with_comment[i]);
		if (p == NULL || p->comment_class != PRIVACY_PROTECTED) {
			fputs("restricted: survey show ID --include-comment\n", x->out);
			continue;
		}
		if (app_survey_get(&c->app, &k->who, x->with_comment[i], true, &r, &err) != CS_OK)
			return cli_fail(&err);
		cli_put(x->out, r.comment != NULL ? r.comment : "", TEXT_ONE_LINE);
		fputc('\n', x->out);
		record_survey_clear(&r);
	}
	return 0;
}

static int
run_list(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct measure_filter f;
	struct lctx x = { c->out, false, NULL, 0, { 0 }, 0 };
	char since[16], until[16];
	const char *fmt = k->val[O_FORMAT];
	int rc;

	if (fmt != NULL && strcmp(fmt, "json") != 0 && strcmp(fmt, "table") != 0)
		return cli_usage("recognition", "unknown format '%s' (table or json)", fmt);
	x.json = fmt != NULL && strcmp(fmt, "json") == 0;
	if ((rc = cli_period(c, k, O_SINCE, O_UNTIL, since, until, &f)) != 0)
		return rc;
	if (!cli_has(k, O_SINCE))
		f.since = app_now(&c->app) - 30 * 86400;
	if (cli_has(k, O_MEMBER) && (f.member_id = cli_member_id(c, k, k->val[O_MEMBER], &rc))
	    == 0)
		return rc;
	if (x.json)
		x.arr = json_array();
	else
		fprintf(c->out, "%-8s %-20s %6s %4s %4s %9s %4s %6s %6s %4s\n", "MEMBER", "NAME",
		        "COMMND", "ADDV", "OF", "PERFECT", "SURV", "SATISF", "DRILLS", "RECG");
	rc = app_evidence(&c->app, &k->who, &f, print_evidence, &x, &err);
	if (rc == CS_OK && x.json) {
		json_dumpf(x.arr, c->out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', c->out);
	}
	json_decref(x.arr);
	if (rc == CS_OK && !x.json && f.member_id != 0) {
		x.n = 0;
		rc = app_evidence_items(&c->app, &k->who, &f, f.member_id, 10, print_item, &x,
		                        &err);
		if (rc == CS_OK && (rc = comments(c, k, &x)) != 0)
			return rc;
	}
	if (rc == CS_OK && !x.json && f.member_id == 0 && x.n == 0)
		fputs("No evidence in this period.\n", c->out);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

static int
run_add(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct recognition r;
	char since[16], until[16];
	struct measure_filter f;
	int64_t id = 0;
	int kind, rc = 0;

	memset(&r, 0, sizeof r);
	if (!cli_has(k, O_KIND) || (kind = record_recognition_kind_parse(k->val[O_KIND])) < 0)
		return cli_usage("recognition add", "--kind is award, letter or reinforcement");
	if (!cli_has(k, O_REASON))
		return cli_usage("recognition add", "say why with --reason TEXT");
	if ((rc = cli_period(c, k, O_SINCE, O_UNTIL, since, until, &f)) != 0)
		return rc;
	if ((r.member_id = cli_member_id(c, k, k->args[0], &rc)) == 0)
		return rc;
	r.kind = (enum recognition_kind)kind;
	r.reason = k->val[O_REASON];
	r.since = f.since;
	r.until = f.until;
	if (app_recognition_add(&c->app, &k->who, &r, &id, &err) != CS_OK)
		return cli_fail(&err);
	fprintf(c->out, "%lld\n", (long long)id);
	return 0;
}

const struct cli_cmd cli_cmd_recognition = {
	"recognition", NULL, 0, 0, "each member's evidence for recognition, over a period",
	"The recognition program: for each member with any in the period, the\n"
	"evidence a supervisor weighs: commendations of their contacts\n"
	"(COMMND), contacts with added value (ADDV) of their contacts (OF),\n"
	"secret-shopper evaluations with every item met (PERFECT, of all),\n"
	"survey answers about their contacts (SURV) and the share satisfied\n"
	"(SATISF), drill and quiz answers right (DRILLS), and recognitions\n"
	"already given (RECG).  With --member, the items behind it.  Members\n"
	"see their own; supervisors everyone's.\n",
	list_opts, NULL, WHO_SIGNED_IN, APP_RECOGNITION_READ, true, true, run_list,
};
const struct cli_cmd cli_cmd_recognition_add = {
	"recognition add", "BADGE", 1, 1, "record a recognition of a member",
	"Record a recognition of a member, with its kind and reason, as BSOFR's\n"
	"document lists them: an award (\"Awards and rewards\"), a letter\n"
	"(\"Recognition\"), positive reinforcement.  It is audited, shown in the\n"
	"member's evidence and counted in the staff-meeting report.\n",
	add_opts, NULL, WHO_SIGNED_IN, APP_RECOGNITION_ADD, false, true, run_add,
};
