/* show.c - cslog show ID: one contact with everything about it. */
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/cli_cmd.h"
#include "cslog/codec.h"
#include "cslog/store.h"
#include "cslog/text.h"

static const char show_help[] =
"Usage: cslog show ID [--include-protected] [--format table|json]\n"
"\n"
"One contact: every field, the empowerment answers in the policy's\n"
"words, the standards confirmed, follow-ups, reviews and amendments.\n";

static void
line(FILE *f, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	fprintf(f, "%-19s ", label);
	cli_put(f, value, TEXT_ONE_LINE);
	fputc('\n', f);
}

static void
tline(FILE *f, const char *label, int64_t t)
{
	char buf[32];

	if (t == 0)
		return;
	app_time_local(t, buf, sizeof buf);
	line(f, label, buf);
}

static const char *
tri(enum record_tri t)
{
	return t == TRI_YES ? "yes" : t == TRI_NO ? "no" : NULL;
}

static void
show_check(FILE *f, const struct contact *c, const struct policy *p)
{
	size_t i;
	int q;

	if (c->n_answers == 0)
		return;
	fprintf(f, "\nEmpowerment check: %s\n",
	    c->empowered == TRI_YES ? "EMPOWERED" : "NOT EMPOWERED");
	for (i = 0; i < c->n_answers; i++) {
		q = p ? policy_question_index(p, c->answers[i].question) : -1;
		fprintf(f, "  %-3s ", c->answers[i].answer == ANSWER_YES ? "yes" : "NO");
		cli_put(f, q >= 0 ? p->questions[q].text : c->answers[i].question, TEXT_ONE_LINE);
		fputc('\n', f);
	}
	if (p != NULL)
		line(f, "  policy says:", c->empowered == TRI_YES ? p->msg_empowered :
		    p->msg_not_empowered);
}

static void
show_standards(FILE *f, const struct contact *c, const struct policy *p)
{
	size_t i, j;
	const char *text;

	if (c->n_standards == 0)
		return;
	fputs("\nStandards confirmed\n", f);
	for (i = 0; i < c->n_standards; i++) {
		text = c->standards[i];
		for (j = 0; p != NULL && j < p->n_standards; j++) {
			if (strcmp(p->standards[j].id, c->standards[i]) == 0)
				text = p->standards[j].text;
		}
		fputs("  - ", f);
		cli_put(f, text, TEXT_ONE_LINE);
		fputc('\n', f);
	}
}

static int
print_followup(void *ctx, const struct followup *fu)
{
	FILE *f = ctx;
	char due[32];

	app_time_local(fu->due_eff, due, sizeof due);
	fprintf(f, "  #%lld due %s  %s%s", (long long)fu->id, due,
	    record_followup_state_name(fu->state), fu->overdue ? " OVERDUE" : "");
	if (fu->note) {
		fputs("  ", f);
		cli_put(f, fu->note, TEXT_ONE_LINE);
	}
	if (fu->state == FOLLOWUP_PAUSED && fu->pause_reason) {
		fputs("  (paused: ", f);
		cli_put(f, fu->pause_reason, TEXT_ONE_LINE);
		fputc(')', f);
	}
	if (fu->done_note) {
		fputs("  done: ", f);
		cli_put(f, fu->done_note, TEXT_ONE_LINE);
	}
	fputc('\n', f);
	return 0;
}

static int
print_review(void *ctx, const struct review *r)
{
	FILE *f = ctx;
	char when[32];

	app_time_local(r->at, when, sizeof when);
	fprintf(f, "  %s %-8s by ", when, record_review_kind_name(r->kind));
	cli_put(f, r->reviewer_badge, TEXT_ONE_LINE);
	if (r->note) {
		fputs(": ", f);
		cli_put(f, r->note, TEXT_ONE_LINE);
	}
	fputc('\n', f);
	return 0;
}

static int
print_amendment(void *ctx, const struct amendment *a)
{
	FILE *f = ctx;
	char when[32];

	app_time_local(a->at, when, sizeof when);
	fprintf(f, "  %s #%lld replaced #%lld: ", when, (long long)a->id,
	    (long long)a->original_id);
	cli_put(f, a->reason, TEXT_ONE_LINE);
	fputc('\n', f);
	return 0;
}

static void
show_body(struct cli *cl, struct store *st, const struct contact *c, const struct policy *p)
{
	FILE *f = cl->out;
	char buf[64];

	snprintf(buf, sizeof buf, "%lld", (long long)c->id);
	line(f, "Contact", buf);
	tline(f, "When", c->at);
	tline(f, "Logged", c->logged_at);
	line(f, "Member", c->member_badge);
	line(f, "  name", c->member_name);
	snprintf(buf, sizeof buf, "%s %s", c->policy_id, c->policy_version);
	line(f, "Policy (version)", buf);
	line(f, "Customer kind", c->kind);
	line(f, "Channel", c->channel);
	line(f, "Outcome", c->outcome);
	line(f, "Needs met", tri(c->needs_met));
	line(f, "Call", c->call_ref);
	fputs("Summary\n  ", f);
	cli_put(f, c->summary, TEXT_ONE_LINE);
	fputc('\n', f);
	line(f, "Added value", c->added_value);
	show_check(f, c, p);
	show_standards(f, c, p);
	line(f, "Referred to", c->referral_to);
	line(f, "Referee contacted", tri(c->referee_contacted));
	line(f, "Decision", c->decision);
	line(f, "Appeal information", c->appeal_info);
	line(f, "Customer name", c->customer_name);
	line(f, "Customer phone", c->customer_phone);
	line(f, "Customer address", c->customer_address);
	line(f, "Customer e-mail", c->customer_email);
	if (c->protected_hidden)
		fputs("(protected customer fields hidden: --include-protected)\n", f);
	tline(f, "Redacted", c->redacted_at);
	fputs("\nFollow-ups\n", f);
	store_followup_of_contact(st, c->id, cl->app.now, print_followup, f, NULL);
	fputs("\nReviews\n", f);
	store_review_list(st, c->id, print_review, f, NULL);
	fputs("\nAmendments\n", f);
	store_amendment_list(st, c->id, print_amendment, f, NULL);
	if (c->superseded_by)
		fprintf(f, "\nThis version was replaced by #%lld.\n", (long long)c->superseded_by);
}

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
		o = codec_contact_json(&ct, flags & STORE_PROTECTED);
		json_dumpf(o, c->out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', c->out);
		json_decref(o);
	} else {
		/* The policy's words when it loads; the ids alone otherwise. */
		if (app_load_policies(&c->app, &diags, NULL) == CS_OK)
			p = policy_set_find(&c->app.policies, ct.policy_id);
		policy_diags_free(&diags);
		show_body(c, st, &ct, p);
	}
	record_contact_clear(&ct);
	return 0;
}
