/* policy.c - cslog policy list|show|check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_policy.h"
#include "cli_cmd.h"
#include "cslog/consistency.h"
#include "cslog/measures.h"
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

/* Problems with the document are for `policy check`: show says how much
 * of the document the file holds. */
static void
no_problem(void *ctx, struct policy_at at, const char *msg)
{
	(void)ctx;
	(void)at;
	(void)msg;
}

static int
policy_show(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct app_sources src;
	const struct policy *p;

	p = app_policy(&c->app, k->args[0], &err);
	if (p == NULL)
		return cli_fail(&err);
	if (app_policy_sources(p, app_sources_dir(), no_problem, NULL, &src, &err) != CS_OK)
		snprintf(src.why, sizeof src.why, "not compared with the document: %.200s", err.msg);
	app_policy_describe(c->out, p, &src);
	return 0;
}

/* A problem found comparing a policy with its document. */
struct src_ctx {
	const char *file;
};

static void
put_src_problem(void *ctx, struct policy_at at, const char *msg)
{
	struct src_ctx *x = ctx;
	char line[1024];

	snprintf(line, sizeof line, "%s:%d:%d: %s", x->file, at.line ? at.line : 1,
	         at.col ? at.col : 1, msg);
	cli_put(stderr, line, 0);
	fputc('\n', stderr);
}

/* Compare p with its document when CSLOG_SOURCES names the directory;
 * coverage (or why it was not compared) into buf.  0, or how many
 * problems (a document that cannot be read is one). */
static int
check_sources(const struct policy *p, const char *file, char *buf, size_t len)
{
	struct src_ctx x = { file };
	struct app_sources src;
	struct cs_err err = { 0 };
	char line[CS_ERR_MAX + 512];

	if (app_policy_sources(p, app_sources_dir(), put_src_problem, &x, &src, &err) != CS_OK) {
		snprintf(line, sizeof line, "%s:1:1: %s", file, err.msg);
		cli_put(stderr, line, 0);
		fputc('\n', stderr);
		return 1;
	}
	if (src.compared)
		srccheck_coverage_text(&src.cov, buf, len);
	else
		snprintf(buf, len, "%s", src.why);
	if (src.problems > 0) {
		snprintf(line, sizeof line, "%s: %d problems with the document: %s", file,
		         src.problems, buf);
		cli_put(stderr, line, 0);
		fputc('\n', stderr);
	}
	return src.problems;
}

/* The files of one `policy check`, loaded. */
struct checked {
	struct policy **p;   /* NULL: refused */
	char **file;
	int *problems;
	size_t n;
};

/* A scenario judged otherwise than the others of its kind. */
static void
put_inconsistent(void *ctx, const struct policy *p, const struct policy_scenario *s,
                 const char *msg)
{
	struct checked *k = ctx;
	struct src_ctx x = { p->file };
	size_t i;

	for (i = 0; i < k->n; i++)
		if (k->p[i] == p)
			k->problems[i]++;
	put_src_problem(&x, s->at, msg);
}

/* Drills a trainer can defend: the scenarios of the files checked
 * together, one kind of situation judged alike (consistency.h). */
static void
check_consistency(struct checked *k)
{
	const struct policy **v = calloc(k->n + 1, sizeof *v);
	size_t i, m = 0;

	if (v == NULL)
		return;
	for (i = 0; i < k->n; i++)
		if (k->p[i] != NULL)
			v[m++] = k->p[i];
	if (consistency_check(v, m, put_inconsistent, k) < 0)
		cli_error(CS_OSERR, "out of memory");
	free(v);
}

static int
policy_check(struct cli *c, struct cli_call *call)
{
	int n = call->n_args;
	char **files = call->args;
	struct policy_diags diags = { 0 };
	struct checked k = { calloc((size_t)n, sizeof *k.p), files,
	                     calloc((size_t)n, sizeof *k.problems), (size_t)n };
	char line[CS_ERR_MAX + 512], (*cov)[256] = calloc((size_t)n, sizeof *cov);
	struct measures *m;
	size_t i, before;
	int f, bad = 0;

	if (k.p == NULL || k.problems == NULL || cov == NULL) {
		free(k.p);
		free(k.problems);
		free(cov);
		return cli_error(CS_OSERR, "out of memory");
	}
	for (f = 0; f < n; f++) {
		before = diags.n;
		if (policy_load_any_file(files[f], &diags, &k.p[f], &m) == 0 && m != NULL) {
			/* cslog's measures: its own, held to no document */
			snprintf(cov[f], sizeof cov[f], "cslog's measures, from no agency's document:"
			         " %zu evaluation items, %zu survey questions", m->n_items,
			         m->n_questions);
			measures_free(m);
			k.problems[f] = -1;
		}
		for (i = before; i < diags.n; i++) {
			policy_diag_format(&diags.items[i], line, sizeof line);
			cli_put(stderr, line, 0);
			fputc('\n', stderr);
		}
		if (k.p[f] != NULL)
			k.problems[f] = check_sources(k.p[f], files[f], cov[f], sizeof cov[f]);
	}
	check_consistency(&k);
	for (f = 0; f < n; f++) {
		if (k.problems[f] < 0) {
			cli_put(c->out, files[f], TEXT_ONE_LINE);
			fprintf(c->out, ": ok (%s)\n", cov[f]);
		} else if (k.p[f] == NULL || k.problems[f] > 0) {
			bad++;
		} else {
			cli_put(c->out, files[f], TEXT_ONE_LINE);
			fprintf(c->out, ": ok (%s %s: %zu questions, %zu standards, %zu scenarios, "
			    "%zu quiz items; %s)\n", k.p[f]->id, k.p[f]->version, k.p[f]->n_questions,
			    k.p[f]->n_standards, k.p[f]->n_scenarios, k.p[f]->n_quiz, cov[f]);
		}
		policy_free(k.p[f]);
	}
	free(k.p);
	free(k.problems);
	free(cov);
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
	"a policy in full: kinds, channels, the check, standards, clocks, drills",
	"A policy in full: customer kinds, channels, the empowerment check,\n"
	"standards and when each is shown, follow-up clocks (target and limit),\n"
	"outcomes and why each negative one is, privacy, the document's other\n"
	"words, what is left out and why, drills and quiz; with every source and\n"
	"note, what is cslog's own said so, and how much of the document the\n"
	"file holds (CSLOG_SOURCES).\n",
	NULL, NULL, WHO_NOBODY, -1, false, true, policy_show,
};
const struct cli_cmd cli_cmd_policy_check = {
	"policy check", "FILE...", 1, -1, "validate policy files",
	"Validate policy files (and cslog's measures file, measures.yaml);\n"
	"prints every problem as FILE:LINE:COLUMN: what is wrong, and exits 65\n"
	"if there is one, else FILE: ok (...).  With\n"
	"CSLOG_SOURCES naming the directory of the source documents, each file\n"
	"is also held to its document (source.document); files checked together\n"
	"must judge drill scenarios of one kind alike.\n",
	NULL, NULL, WHO_NOBODY, -1, false, false, policy_check,
};
