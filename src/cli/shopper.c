/* shopper.c - cslog shopper add|list|show|form: secret-shopper
 * evaluations of test contacts made by a mystery caller or visitor. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_measures.h"
#include "cslog/app_time.h"
#include "cslog/text.h"

enum { O_POLICY = 1, O_CHANNEL, O_AT, O_MEMBER, O_UNIT, O_ITEM, O_NOTE, O_SINCE, O_UNTIL,
       O_FORMAT, O_REST };

static const struct cli_opt add_opts[] = {
	{ "policy", O_POLICY, CLI_VALUE, "ID", "the policy the contact is held to" },
	{ "channel", O_CHANNEL, CLI_VALUE, "ID", "how the test contact was made (phone, ...)" },
	{ "at", O_AT, CLI_VALUE, "TIME", "when it was made (default now)" },
	{ "member", O_MEMBER, CLI_VALUE, "BADGE", "the member evaluated, when known" },
	{ "unit", O_UNIT, CLI_VALUE, "TEXT", "else the unit or station evaluated" },
	{ "item", O_ITEM, CLI_VALUE | CLI_REPEAT, "ID=RESULT",
	  "one item of the form (cslog shopper form): met, not-met\n"
	  "or not-observed; a measured one its value: yes or no,\n"
	  "a count, hours (3.5); once per item, every item" },
	{ "rest", O_REST, CLI_VALUE, "RESULT", "every item not given with --item: met, not-met\n"
	  "or not-observed (say it: none is assumed)" },
	{ "note", O_NOTE, CLI_VALUE, "TEXT", "what the evaluator saw" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt list_opts[] = {
	{ "since", O_SINCE, CLI_VALUE, "DAY", "from this day (YYYY-MM-DD, -30d ...)" },
	{ "until", O_UNTIL, CLI_VALUE, "DAY", "to this day, included" },
	{ "member", O_MEMBER, CLI_VALUE, "BADGE", "evaluations of one member" },
	{ "policy", O_POLICY, CLI_VALUE, "ID", "evaluations under one policy" },
	{ "format", O_FORMAT, CLI_VALUE, "table|csv|json", "the format (default table)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt form_opts[] = {
	{ "policy", O_POLICY, CLI_VALUE, "ID", "the policy" },
	{ "channel", O_CHANNEL, CLI_VALUE, "ID", "the channel of the test contact" },
	{ NULL, 0, 0, NULL, NULL },
};

/* ---- the form ------------------------------------------------------------ */

static const char *
slot_kind(const struct eval_slot *s)
{
	return !eval_measured(s) ? "met/not-met" : measure_type_name(s->measure->type);
}

/* "at most 4", "at most 24 h", "" */
static void
target_words(const struct eval_slot *s, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!eval_measured(s) || s->at_most < 0)
		return;
	if (s->measure->type == MEASURE_HOURS)
		snprintf(buf, len, "at most %g h", (double)s->at_most / 60.0);
	else
		snprintf(buf, len, "at most %ld", s->at_most);
}

static int
load_form(struct cli *c, const char *policy, const char *channel, const struct policy **p,
          struct eval_slot **slots, size_t *n)
{
	struct cs_err err = { 0 };
	const struct policy *pp = policy != NULL ? app_policy(&c->app, policy, &err) : NULL;
	size_t cap;

	*slots = NULL;
	if (policy == NULL || channel == NULL)
		return cli_usage(NULL, "say which --policy and --channel");
	if (pp == NULL)
		return cli_fail(&err);
	cap = eval_form_max(pp) + 1;
	if ((*slots = calloc(cap, sizeof **slots)) == NULL)
		return cli_error(CS_OSERR, "out of memory");
	if (app_shopper_form(&c->app, policy, channel, p, *slots, cap, n, &err) != CS_OK) {
		free(*slots);
		*slots = NULL;
		return cli_fail(&err);
	}
	return 0;
}

static int
run_form(struct cli *c, struct cli_call *k)
{
	const struct policy *p;
	struct eval_slot *slots;
	char target[64];
	size_t n, i;
	int rc = load_form(c, k->val[O_POLICY], k->val[O_CHANNEL], &p, &slots, &n);

	if (rc != 0)
		return rc;
	fprintf(c->out, "%-22s %-11s %-14s %s\n", "ITEM", "ANSWER", "HELD TO", "WHAT");
	for (i = 0; i < n; i++) {
		target_words(&slots[i], target, sizeof target);
		cli_cell(c->out, slots[i].id, 22);
		fprintf(c->out, " %-11s %-14s ", slot_kind(&slots[i]), target);
		cli_put(c->out, slots[i].measure != NULL ? slots[i].measure->label :
		        slots[i].standard->text, TEXT_ONE_LINE);
		fputc('\n', c->out);
	}
	free(slots);
	return 0;
}

/* ---- add ----------------------------------------------------------------- */

/* One "id=value" of --item against the form into *it. */
static int
parse_item(char *spec, const struct eval_slot *slots, size_t n, struct shopper_item *it)
{
	char *eq = strchr(spec, '='), *v, *end = NULL;
	const struct eval_slot *s = NULL;
	double hours;
	size_t i;
	int r;

	if (eq == NULL)
		return cli_usage("shopper add", "--item takes ID=RESULT, not '%s'", spec);
	*eq = '\0';
	v = eq + 1;
	for (i = 0; i < n && s == NULL; i++)
		if (strcmp(slots[i].id, spec) == 0)
			s = &slots[i];
	it->item_id = spec;
	it->value = -1;
	it->result = EVAL_NOT_OBSERVED;
	if (s == NULL || (r = eval_result_parse(v)) == EVAL_NOT_OBSERVED)
		return 0;   /* an unknown item: the use case names it */
	if (!eval_measured(s)) {
		if (r < 0)
			return cli_usage("shopper add", "item %s is met, not-met or not-observed, not "
			                 "'%s'", spec, v);
		it->result = (enum eval_result)r;
		return 0;
	}
	if (s->measure->type == MEASURE_YES_NO && (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)) {
		it->value = strcmp(v, "yes") == 0;
		return 0;
	}
	hours = strtod(v, &end);
	if (s->measure->type != MEASURE_YES_NO && end != v && *end == '\0' && hours >= 0 &&
	    hours <= MEASURE_VALUE_MAX && (s->measure->type == MEASURE_HOURS ||
	                                   hours == floor(hours))) {
		it->value = s->measure->type == MEASURE_HOURS ? lround(hours * 60.0) : (long)hours;
		return 0;
	}
	return cli_usage("shopper add", "item %s is measured: it takes %s, not '%s'", spec,
	                 s->measure->type == MEASURE_YES_NO ? "yes, no or not-observed" :
	                 s->measure->type == MEASURE_COUNT ? "a whole count or not-observed" :
	                 "hours (3.5) or not-observed", v);
}

/* --rest: every slot not given yet, as result. */
static int
rest(const char *result, const struct eval_slot *slots, size_t n, struct shopper_item **items,
     size_t *n_items)
{
	int r = eval_result_parse(result);
	size_t i, j, given = *n_items;

	if (r < 0)
		return cli_usage("shopper add", "--rest is met, not-met or not-observed");
	for (i = 0; i < n; i++) {
		for (j = 0; j < given && strcmp((*items)[j].item_id, slots[i].id) != 0; j++)
			;
		if (j < given)
			continue;
		if (eval_measured(&slots[i]) && r != EVAL_NOT_OBSERVED)
			return cli_usage("shopper add", "item %s is measured: give its value with "
			                 "--item (--rest %s is for items judged by eye)", slots[i].id,
			                 result);
		(*items)[(*n_items)++] = (struct shopper_item){ slots[i].id, false,
		                                                 (enum eval_result)r, -1 };
	}
	return 0;
}

static int
run_add(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct shopper_eval e;
	struct shopper_item *items = NULL;
	struct eval_slot *slots;
	const struct policy *p;
	char *specs = NULL, *tok, *save = NULL;
	size_t n, n_items = 0;
	int64_t id = 0;
	int rc = load_form(c, k->val[O_POLICY], k->val[O_CHANNEL], &p, &slots, &n);

	if (rc != 0)
		return rc;
	memset(&e, 0, sizeof e);
	e.policy_id = p->id;
	e.channel = k->val[O_CHANNEL];
	e.unit = k->val[O_UNIT];
	e.note = k->val[O_NOTE];
	if (cli_has(k, O_AT))
		rc = cli_time(c, "--at", k->val[O_AT], 0, &e.at);
	if (rc == 0 && cli_has(k, O_MEMBER) && (e.member_id = cli_member_id(c, k,
	    k->val[O_MEMBER], &rc)) == 0 && rc == 0)
		rc = CS_SOFTWARE;
	if (rc == 0 && !cli_has(k, O_ITEM) && !cli_has(k, O_REST))
		rc = cli_usage("shopper add", "give each item of the form with --item ID=RESULT "
		               "(cslog shopper form --policy %s --channel %s)", p->id, e.channel);
	if (rc == 0 && ((specs = strdup(cli_has(k, O_ITEM) ? k->val[O_ITEM] : "")) == NULL ||
	                (items = calloc(strlen(specs) / 2 + 2 + n, sizeof *items)) == NULL))
		rc = cli_error(CS_OSERR, "out of memory");
	for (tok = rc == 0 ? strtok_r(specs, ",", &save) : NULL; rc == 0 && tok != NULL;
	     tok = strtok_r(NULL, ",", &save))
		rc = parse_item(tok, slots, n, &items[n_items++]);
	if (rc == 0 && cli_has(k, O_REST))
		rc = rest(k->val[O_REST], slots, n, &items, &n_items);
	e.items = items;
	e.n_items = n_items;
	if (rc == 0 && app_shopper_add(&c->app, &k->who, &e, &id, &err) != CS_OK)
		rc = cli_fail(&err);
	if (rc == 0)
		fprintf(c->out, "%lld\n", (long long)id);
	free(items);
	free(specs);
	free(slots);
	return rc;
}

/* ---- list and show ------------------------------------------------------- */

struct lctx {
	FILE *out;
	int format;
	json_t *arr;
};

static void
score_text(const struct shopper_eval *e, char *buf, size_t len)
{
	if (e->scored > 0)
		snprintf(buf, len, "%d of %d (%.1f %%)", e->met, e->scored,
		         stats_pct((double)e->met / e->scored));
	else
		snprintf(buf, len, "nothing scored");
}

static int
print_one(void *ctx, const struct shopper_eval *e)
{
	struct lctx *x = ctx;
	char at[32], score[64];
	json_t *o;

	if (x->format == FORMAT_JSON) {
		app_time_iso(e->at, at, sizeof at);
		o = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?, s:s, s:i, s:i}", "id",
		    (json_int_t)e->id, "at", at, "policy", e->policy_id, "channel", e->channel,
		    "member", e->member_badge, "unit", e->unit, "evaluator", e->evaluator_badge,
		    "met", e->met, "scored", e->scored);
		if (o != NULL)
			json_array_append_new(x->arr, o);
		return 0;
	}
	if (x->format == FORMAT_CSV) {
		app_time_iso(e->at, at, sizeof at);
		fprintf(x->out, "%lld,%s,", (long long)e->id, at);
		cli_csv(x->out, e->policy_id, false);
		cli_csv(x->out, e->channel, false);
		cli_csv(x->out, e->member_badge, false);
		cli_csv(x->out, e->unit, false);
		cli_csv(x->out, e->evaluator_badge, false);
		fprintf(x->out, "%d,%d\r\n", e->met, e->scored);
		return 0;
	}
	app_time_local(e->at, at, sizeof at);
	score_text(e, score, sizeof score);
	fprintf(x->out, "%6lld %s ", (long long)e->id, at);
	cli_cell(x->out, e->policy_id, 10);
	fputc(' ', x->out);
	cli_cell(x->out, e->channel, 12);
	fputc(' ', x->out);
	cli_cell(x->out, e->member_badge != NULL ? e->member_badge : e->unit != NULL ? e->unit :
	         "-", 10);
	fputc(' ', x->out);
	cli_cell(x->out, e->evaluator_badge, 8);
	fprintf(x->out, " %s\n", score);
	return 0;
}

static int
run_list(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct measure_filter f;
	struct lctx x = { c->out, cli_format(k, O_FORMAT, FORMAT_TABLE), NULL };
	char since[16], until[16];
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
		fputs("id,at,policy,channel,member,unit,evaluator,met,scored\r\n", c->out);
	else
		fprintf(c->out, "%6s %-16s %-10s %-12s %-10s %-8s %s\n", "ID", "WHEN", "POLICY",
		        "CHANNEL", "EVALUATED", "BY", "ITEMS MET");
	rc = app_shopper_list(&c->app, &k->who, &f, print_one, &x, &err);
	if (rc == CS_OK && x.format == FORMAT_JSON) {
		json_dumpf(x.arr, c->out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', c->out);
	}
	json_decref(x.arr);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

/* What was measured, in words: "3", "yes", "2.5 h". */
static void
value_words(const struct policy *p, const struct shopper_item *it, char *buf, size_t len)
{
	const struct measure_item *m = NULL;
	size_t i;

	buf[0] = '\0';
	if (!it->measured || it->value < 0)
		return;
	for (i = 0; p != NULL && i < p->n_eval && m == NULL; i++)
		if (strcmp(p->eval[i]->id, it->item_id) == 0 ||
		    (p->eval[i]->standard != NULL && strcmp(p->eval[i]->standard, it->item_id) == 0))
			m = p->eval[i];
	if (m != NULL && m->type == MEASURE_YES_NO)
		snprintf(buf, len, "%s", it->value ? "yes" : "no");
	else if (m != NULL && m->type == MEASURE_HOURS)
		snprintf(buf, len, "%g h", (double)it->value / 60.0);
	else
		snprintf(buf, len, "%ld", it->value);
}

static int
run_show(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct shopper_eval e;
	const struct policy *p;
	char at[32], logged[32], score[64], val[32];
	int64_t id;
	size_t i;
	int rc = cli_arg_id(k, 0, "one evaluation", &id);

	if (rc != 0)
		return rc;
	if (app_shopper_get(&c->app, &k->who, id, &e, &err) != CS_OK)
		return cli_fail(&err);
	p = policy_set_find(&c->app.policies, e.policy_id);
	app_time_local(e.at, at, sizeof at);
	app_time_local(e.logged_at, logged, sizeof logged);
	score_text(&e, score, sizeof score);
	fprintf(c->out, "Evaluation %lld: %s\nTest contact: %s, %s under %s %s\n",
	        (long long)e.id, score, at, e.channel, e.policy_id, e.policy_version);
	fputs("Evaluated:    ", c->out);
	cli_put(c->out, e.member_badge != NULL ? e.member_badge : e.unit != NULL ? e.unit :
	        "not known", TEXT_ONE_LINE);
	fprintf(c->out, "\nRecorded:     %s by %s\n\n", logged, e.evaluator_badge);
	for (i = 0; i < e.n_items; i++) {
		value_words(p, &e.items[i], val, sizeof val);
		fprintf(c->out, "  %-13s %-8s ", eval_result_name(e.items[i].result), val);
		cli_put(c->out, app_shopper_item_words(p, e.items[i].item_id), TEXT_ONE_LINE);
		fputc('\n', c->out);
	}
	if (e.note != NULL) {
		fputs("\nNote: ", c->out);
		cli_put(c->out, e.note, TEXT_KEEP_LAYOUT);
		fputc('\n', c->out);
	}
	record_shopper_clear(&e);
	return 0;
}

static const char about[] =
"Secret-shopper evaluations: a test contact made by a mystery caller or\n"
"visitor, held to the policy's standards that apply on its channel (met,\n"
"not met or not observed) and to the measurable items cslog adds\n"
"(policies/measures.yaml: rings before answer, hours to the voice-mail\n"
"call back, whether the needs-met question was asked, appeal information\n"
"with a no).  A measured item is judged from its value, not by eye.  The\n"
"score is the items met of those met or not met.  A member sees the\n"
"evaluations of them, an evaluator those they entered, supervisors and\n"
"trainers all.\n";

const struct cli_cmd cli_cmd_shopper_add = {
	"shopper add", NULL, 0, 0, "record a secret-shopper evaluation", about,
	add_opts, NULL, WHO_SIGNED_IN, APP_SHOPPER_ADD, false, true, run_add,
};
const struct cli_cmd cli_cmd_shopper_list = {
	"shopper list", NULL, 0, 0, "secret-shopper evaluations, newest first", about,
	list_opts, NULL, WHO_SIGNED_IN, APP_SHOPPER_READ, true, true, run_list,
};
const struct cli_cmd cli_cmd_shopper_show = {
	"shopper show", "ID", 1, 1, "one evaluation, item by item", about,
	NULL, NULL, WHO_SIGNED_IN, APP_SHOPPER_READ, true, true, run_show,
};
const struct cli_cmd cli_cmd_shopper_form = {
	"shopper form", NULL, 0, 0, "the items of an evaluation under a policy and channel",
	"The form an evaluator fills in for a test contact under a policy and\n"
	"channel: each item, what it takes, and what a measured one is held to.\n",
	form_opts, NULL, WHO_NOBODY, -1, false, true, run_form,
};
