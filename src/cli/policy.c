/* policy.c - cslog policy list|show|check. */
#include <stdio.h>
#include <string.h>

#include "cli_cmd.h"
#include "cslog/policy_load.h"
#include "cslog/text.h"

static int
policy_list(struct cli *c, struct cli_call *k)
{
	size_t i;
	const struct policy *p;

	(void)k;
	fprintf(c->out, "%-12s %-10s %s\n", "ID", "VERSION", "NAME");
	for (i = 0; i < c->app.policies.n; i++) {
		p = c->app.policies.items[i];
		fprintf(c->out, "%-12s %-10s ", p->id, p->version);
		cli_put(c->out, p->name, TEXT_ONE_LINE);
		fputs("  (", c->out);
		cli_put(c->out, p->file, TEXT_ONE_LINE);
		fputs(")\n", c->out);
	}
	return 0;
}

static void
put_field(FILE *f, const char *label, const char *value)
{
	if (value == NULL)
		return;
	fprintf(f, "%s", label);
	cli_put(f, value, TEXT_ONE_LINE);
	fputc('\n', f);
}

static void
put_source(FILE *f, const char *source)
{
	if (source == NULL)
		return;
	fputs(" [", f);
	cli_put(f, source, TEXT_ONE_LINE);
	fputc(']', f);
}

/* In words, as the documents write them: "24 hours", not "1d". */
static void
put_duration(FILE *f, long minutes)
{
	long n = minutes, day = 24 * 60;
	const char *unit = "minute";

	if (minutes == POLICY_SAME_DAY) {
		fputs("same day", f);
		return;
	}
	if (minutes % day == 0 && minutes >= 3 * day) {
		n = minutes / day;
		unit = "day";
	} else if (minutes % 60 == 0) {
		n = minutes / 60;
		unit = "hour";
	}
	fprintf(f, "%ld %s%s", n, unit, n == 1 ? "" : "s");
}

static void
show_items(FILE *f, const char *title, const struct policy_item *it, size_t n)
{
	size_t i;

	fprintf(f, "\n%s\n", title);
	for (i = 0; i < n; i++) {
		fprintf(f, "  %-14s ", it[i].id);
		cli_put(f, it[i].text ? it[i].text : it[i].label, TEXT_ONE_LINE);
		put_source(f, it[i].source);
		fputc('\n', f);
	}
}

static void
show_empowerment(FILE *f, const struct policy *p)
{
	size_t i;

	fputs("\nEmpowerment check (all yes: empowered)", f);
	put_source(f, p->empower_source);
	fputc('\n', f);
	if (p->adopted_from != NULL)
		put_field(f, "  adopted: ", p->adopted_from);
	for (i = 0; i < p->n_questions; i++) {
		fprintf(f, "  %zu. %-12s ", i + 1, p->questions[i].id);
		cli_put(f, p->questions[i].text, TEXT_ONE_LINE);
		fputc('\n', f);
	}
	put_field(f, "  empowered:     ", p->msg_empowered);
	put_field(f, "  not empowered: ", p->msg_not_empowered);
}

static void
show_standards(FILE *f, const struct policy *p)
{
	size_t i;

	fputs("\nStandards confirmed when logging\n", f);
	for (i = 0; i < p->n_standards; i++) {
		fprintf(f, "  %-22s ", p->standards[i].id);
		cli_put(f, p->standards[i].text, TEXT_ONE_LINE);
		put_source(f, p->standards[i].source);
		fputc('\n', f);
	}
	if (p->n_followups > 0)
		fputs("\nFollow-up rules\n", f);
	for (i = 0; i < p->n_followups; i++) {
		fprintf(f, "  %-14s target ", p->followups[i].channel);
		put_duration(f, p->followups[i].target_minutes);
		if (p->followups[i].limit_minutes > 0) {
			fputs(", at most ", f);
			put_duration(f, p->followups[i].limit_minutes);
		}
		put_source(f, p->followups[i].source);
		fputc('\n', f);
	}
}

static void
show_outcomes(FILE *f, const struct policy *p)
{
	static const char *req[] = { "", " (referral)", " (appeal information)" };
	size_t i;

	fputs("\nOutcomes\n", f);
	for (i = 0; i < p->n_outcomes; i++) {
		fprintf(f, "  %-22s ", p->outcomes[i].id);
		cli_put(f, p->outcomes[i].label, TEXT_ONE_LINE);
		fprintf(f, "%s%s", req[p->outcomes[i].requires],
		    p->outcomes[i].negative ? " (negative: debrief)" : "");
		fputc('\n', f);
	}
}

static void
show_drills(FILE *f, const struct policy *p)
{
	size_t i, q, no;

	fprintf(f, "\nDrill scenarios (%zu)\n", p->n_scenarios);
	for (i = 0; i < p->n_scenarios; i++) {
		for (q = 0, no = 0; q < p->n_questions; q++)
			no += p->scenarios[i].expected[q] == ANSWER_NO;
		fprintf(f, "  %-24s ", p->scenarios[i].id);
		cli_put(f, p->scenarios[i].title, TEXT_ONE_LINE);
		fprintf(f, " — %s\n", no ? "not empowered" : "empowered");
	}
	fprintf(f, "\nQuiz items: %zu\n", p->n_quiz);
}

/* Each protected customer field's privacy class (protected by default). */
static void
show_privacy(FILE *f, const struct policy *p)
{
	int i;

	if (p->privacy_notice != NULL)
		put_field(f, "\nPrivacy: ", p->privacy_notice);
	fputs("\nProtected customer fields (privacy class)\n", f);
	for (i = 0; i < PF_COUNT; i++)
		fprintf(f, "  %-22s %s\n", policy_field_key((enum protected_field)i),
		    policy_class_name(policy_field_class(p, (enum protected_field)i)));
}

static int
policy_show(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	const struct policy *p;

	p = app_policy(&c->app, k->args[0], &err);
	if (p == NULL)
		return cli_fail(&err);
	put_field(c->out, "", p->name);
	fprintf(c->out, "id %s, version %s, file ", p->id, p->version);
	cli_put(c->out, p->file, TEXT_ONE_LINE);
	fputc('\n', c->out);
	put_field(c->out, "source: ", p->source_title);
	put_field(c->out, "revision: ", p->source_revision);
	show_items(c->out, "Customer kinds", p->kinds, p->n_kinds);
	show_items(c->out, "Channels", p->channels, p->n_channels);
	show_empowerment(c->out, p);
	show_standards(c->out, p);
	show_outcomes(c->out, p);
	show_privacy(c->out, p);
	show_drills(c->out, p);
	return 0;
}

static int
policy_check(struct cli *c, struct cli_call *call)
{
	int n = call->n_args;
	char **files = call->args;
	struct policy_diags diags = { 0 };
	struct policy *p;
	char line[CS_ERR_MAX + 512];
	size_t i, before;
	int k, bad = 0;

	for (k = 0; k < n; k++) {
		before = diags.n;
		p = policy_load_file(files[k], &diags);
		for (i = before; i < diags.n; i++) {
			policy_diag_format(&diags.items[i], line, sizeof line);
			cli_put(stderr, line, 0);
			fputc('\n', stderr);
		}
		if (p == NULL) {
			bad++;
			continue;
		}
		cli_put(c->out, files[k], TEXT_ONE_LINE);
		fprintf(c->out, ": ok (%s %s: %zu questions, %zu standards, %zu scenarios, %zu quiz items)\n",
		    p->id, p->version, p->n_questions, p->n_standards, p->n_scenarios, p->n_quiz);
		policy_free(p);
	}
	policy_diags_free(&diags);
	return bad ? CS_DATAERR : 0;
}

static const char where[] =
"Policies are read from --policies DIR, else CSLOG_POLICY_PATH (a\n"
"colon-separated list), ~/.config/cslog/policies, the installed share\n"
"directory, and ./policies in the source tree.  The format is described\n"
"in docs/policy-format.md.\n";

const struct cli_cmd cli_cmd_policy_list = {
	"policy list", NULL, 0, 0, "the policies found, with version and file", where,
	NULL, NULL, WHO_NOBODY, -1, false, true, policy_list,
};
const struct cli_cmd cli_cmd_policy_show = {
	"policy show", "ID", 1, 1,
	"a policy in readable text: kinds, channels, the check, standards, drills",
	"A policy in readable text: customer kinds, channels, the empowerment\n"
	"check, standards, follow-up rules, outcomes, privacy classes, drills.\n",
	NULL, NULL, WHO_NOBODY, -1, false, true, policy_show,
};
const struct cli_cmd cli_cmd_policy_check = {
	"policy check", "FILE...", 1, -1, "validate policy files",
	"Validate policy files; prints every problem as FILE:LINE:COLUMN: what\n"
	"is wrong, and exits 65 if there is one.\n",
	NULL, NULL, WHO_NOBODY, -1, false, false, policy_check,
};
