/* report.c - cslog report --by DIMENSION. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cli_cmd.h"
#include "cli_measures.h"
#include "cslog/app_out.h"
#include "cslog/report.h"
#include "cslog/text.h"

/* Reports whose rows are "n of `of`", and what their columns are called. */
static bool
has_of(enum report_by by)
{
	return by == REPORT_QUESTION || by == REPORT_MEMBER_ADDED || by == REPORT_SUMMARY ||
	       by == REPORT_DRILLS;
}

static void
of_names(enum report_by by, const char **n, const char **of)
{
	*n = by == REPORT_QUESTION ? "no" : by == REPORT_MEMBER_ADDED ? "added" :
	     by == REPORT_DRILLS ? "right" : "count";
	*of = by == REPORT_QUESTION ? "asked" : by == REPORT_MEMBER_ADDED ? "contacts" :
	      by == REPORT_DRILLS ? "answers" : "of";
}

static void
bar(FILE *f, int64_t n, int64_t max, int width)
{
	int i, len = max > 0 ? (int)((n * width + max - 1) / max) : 0;

	for (i = 0; i < len; i++)
		fputc('#', f);
}

static bool
has_labels(const struct report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (r->rows[i].label != NULL)
			return true;
	}
	return false;
}

/* The table: its columns as wide as their longest cell (the widths they
 * had as their least), so that nothing is cut: the command line is not
 * bounded by a screen. */
static void
print_table(FILE *f, const struct report *r, enum report_by by)
{
	int64_t max = 0;
	const char *nn, *on;
	bool labels = has_labels(r);
	int w = has_of(by) ? 26 : 22, lw = 40, cw;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (r->rows[i].n > max)
			max = r->rows[i].n;
	}
	of_names(by, &nn, &on);
	/* Ids to type (--kind resolved ...), then what the crew chose from. */
	if (labels)
		w = (int)strlen(report_by_name(by));
	for (i = 0; i < r->n; i++) {
		cw = cli_cell_width(r->rows[i].value[0] ? r->rows[i].value : "(none)");
		w = cw > w ? cw : w;
		cw = labels ? cli_cell_width(report_row_label(&r->rows[i])) : 0;
		lw = cw > lw ? cw : lw;
	}
	fprintf(f, "%-*s ", w, report_by_name(by));
	if (labels)
		fprintf(f, "%-*s ", lw, "label");
	if (has_of(by))
		fprintf(f, "%8s %8s %6s\n", nn, on, "%");
	else
		fprintf(f, "%8s %6s\n", "COUNT", "%");
	for (i = 0; i < r->n; i++) {
		cli_cell(f, r->rows[i].value[0] ? r->rows[i].value : "(none)", w);
		if (labels) {
			fputc(' ', f);
			cli_cell(f, report_row_label(&r->rows[i]), lw);
		}
		if (has_of(by) && r->rows[i].of > 0)
			fprintf(f, " %8lld %8lld %5.1f%% ", (long long)r->rows[i].n,
			    (long long)r->rows[i].of,
			    100.0 * (double)r->rows[i].n / (double)r->rows[i].of);
		else if (has_of(by))
			fprintf(f, " %8lld %8s %6s ", (long long)r->rows[i].n, "", "");
		else
			fprintf(f, " %8lld %5.1f%% ", (long long)r->rows[i].n,
			    r->total ? 100.0 * (double)r->rows[i].n / (double)r->total : 0.0);
		if (has_of(by))
			bar(f, r->rows[i].n, r->rows[i].of, 20);
		else
			bar(f, r->rows[i].n, max, labels ? 20 : 30);
		fputc('\n', f);
	}
	if (!has_of(by))
		fprintf(f, "%-*s %8lld\n", labels ? w + lw + 1 : w, "total", (long long)r->total);
}

static void
print_csv(FILE *f, const struct report *r, enum report_by by)
{
	char num[64];
	const char *nn, *on;
	size_t i;

	of_names(by, &nn, &on);
	cli_csv(f, report_by_name(by), false);
	cli_csv(f, has_of(by) ? nn : "count", false);
	if (has_of(by))
		cli_csv(f, on, false);
	cli_csv(f, "label", true);
	for (i = 0; i < r->n; i++) {
		cli_csv(f, r->rows[i].value, false);
		snprintf(num, sizeof num, "%lld", (long long)r->rows[i].n);
		cli_csv(f, num, false);
		if (has_of(by)) {
			snprintf(num, sizeof num, "%lld", (long long)r->rows[i].of);
			cli_csv(f, num, false);
		}
		cli_csv(f, report_row_label(&r->rows[i]), true);
	}
}

static void
print_json(FILE *f, const struct report *r, enum report_by by)
{
	json_t *arr = json_array(), *o;
	const char *nn, *on;
	size_t i;

	of_names(by, &nn, &on);
	for (i = 0; arr != NULL && i < r->n; i++) {
		o = json_pack("{s:s, s:I}", report_by_name(by), r->rows[i].value,
		    has_of(by) ? nn : "count", (json_int_t)r->rows[i].n);
		if (o != NULL && has_of(by))
			json_object_set_new(o, on, json_integer(r->rows[i].of));
		if (o != NULL)
			json_object_set_new(o, "label", json_string(report_row_label(&r->rows[i])));
		if (o != NULL)
			json_array_append_new(arr, o);
	}
	app_out_json(f, arr, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	json_decref(arr);
}

enum { O_BY = 1, O_SINCE, O_UNTIL, O_POLICY, O_FORMAT, O_OUTPUT, O_PAPER };

static const struct cli_opt report_opts[] = {
	{ "by", O_BY, CLI_VALUE, "BY", "what to count by (below)" },
	{ "since", O_SINCE, CLI_VALUE, "DAY", "from this day (YYYY-MM-DD, today, -7d ...)" },
	{ "until", O_UNTIL, CLI_VALUE, "DAY", "to this day, included" },
	{ "policy", O_POLICY, CLI_VALUE, "ID", "contacts of one policy" },
	{ "format", O_FORMAT, CLI_VALUE, "FORMAT", "table, csv or json (default table); without\n"
	  "--by: json, html or pdf, the staff-meeting report" },
	{ "output", O_OUTPUT, CLI_VALUE, "FILE", "write the staff-meeting report to FILE" },
	{ "paper", O_PAPER, CLI_VALUE, "letter|a4", "the page size of the staff-meeting report's\n"
	  "print (html, pdf; default: the printer's, pdf letter)" },
	{ NULL, 0, 0, NULL, NULL },
};

/* A time as typed, as the UTC day reports count by. */
static int
day_of(struct cli *c, const char *opt, const char *s, int end, char out[16])
{
	int64_t t;
	int rc = s != NULL ? cli_time(c, opt, s, end, &t) : 0;

	if (rc == 0 && s != NULL)
		app_time_day(t, out, 16);
	return rc;
}

/* The head of the audit chain, for a supervisor to note: 'cslog verify
 * --anchor ID:HASH' later proves nothing up to it was cut or rewritten. */
static int
print_head(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct store_head h;
	char when[32], head[96];

	if (app_head(&c->app, &k->who, &h, &err) != CS_OK)
		return cli_fail(&err);
	if (h.event == 0)
		return 0;
	app_time_local(h.at, when, sizeof when);
	app_head_short(&h, head, sizeof head);
	fprintf(c->out, "\naudit trail head   %s  (event %lld, %s)\n"
	        "note it: 'cslog verify --anchor %s' proves later that nothing up to it\n"
	        "was cut off or rewritten\n", head, (long long)h.event, when, head);
	return 0;
}

static int
run_report(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct report r;
	char since[16] = "", until[16] = "";
	const char *fmt = k->val[O_FORMAT], *paper = k->val[O_PAPER];
	bool meeting = !cli_has(k, O_BY) && fmt != NULL && (strcmp(fmt, "json") == 0 ||
	               strcmp(fmt, "html") == 0 || strcmp(fmt, "pdf") == 0);
	int by, format, rc;

	if (paper != NULL && strcmp(paper, "letter") != 0 && strcmp(paper, "a4") != 0)
		return cli_usage("report", "--paper is letter or a4, not '%s'", paper);
	if ((rc = day_of(c, "--since", k->val[O_SINCE], 0, since)) != 0 ||
	    (rc = day_of(c, "--until", k->val[O_UNTIL], 1, until)) != 0)
		return rc;
	if (meeting)
		return cli_report_meeting(c, k, fmt, since[0] ? since : NULL,
		                          until[0] ? until : NULL, k->val[O_POLICY],
		                          k->val[O_OUTPUT], paper);
	if (cli_has(k, O_OUTPUT) || cli_has(k, O_PAPER))
		return cli_usage("report", "--output and --paper are for the staff-meeting report "
		                 "(--format json, html or pdf without --by)");
	if ((format = cli_format(k, O_FORMAT, FORMAT_TABLE)) < 0)
		return CS_USAGE;
	if (!cli_has(k, O_BY))
		return cli_usage("report", "say what to count: --by kind, channel, outcome, ...;"
		                 " or --format html for the staff-meeting report");
	if ((by = mreport_parse_by(k->val[O_BY])) >= 0)
		return cli_report_measures(c, k, (enum mreport_by)by, since[0] ? since : NULL,
		                           until[0] ? until : NULL, k->val[O_POLICY], format);
	if ((by = report_parse_by(k->val[O_BY])) < 0)
		return cli_usage("report", "unknown --by '%s'", k->val[O_BY]);
	if (report_run(&c->app, &k->who, (enum report_by)by, since[0] ? since : NULL,
	               until[0] ? until : NULL, k->val[O_POLICY], &r, &err) != CS_OK)
		return cli_fail(&err);
	if (format == FORMAT_CSV)
		print_csv(c->out, &r, (enum report_by)by);
	else if (format == FORMAT_JSON)
		print_json(c->out, &r, (enum report_by)by);
	else
		print_table(c->out, &r, (enum report_by)by);
	report_free(&r);
	if (by == REPORT_SUMMARY && format == FORMAT_TABLE)
		return print_head(c, k);
	return 0;
}

const struct cli_cmd cli_cmd_report = {
	"report", NULL, 0, 0, "counts by kind, channel, ..., the measures; the staff-meeting report",
	"Count contacts (current versions) by BY: kind, channel, outcome, member,\n"
	"day, empowered, needs-met, added-value, or question (how often each\n"
	"empowerment question was answered no, of how often it was asked);\n"
	"added-value-by-member (contacts with added value, of each member's\n"
	"contacts); or summary: contacts, the empowerment rate, needs met, added\n"
	"value, the question failed most, follow-ups done on time and overdue,\n"
	"negative calls debriefed; or drills: each member's drill and quiz answers\n"
	"right, of those given (from the drill attempts of the period).  Days are\n"
	"UTC dates.  A member's report counts their own contacts; figures member\n"
	"by member (member, added-value-by-member, drills) are for trainers and\n"
	"supervisors.  Reports read running totals kept as contacts are written,\n"
	"so they answer at once on years of data.  Rows come with what people\n"
	"read (the policy's label, a member's name, a question's text) beside\n"
	"the id to type; the largest count first, days in order.\n"
	"\n"
	"The measures: shopper (secret-shopper items met, by standard),\n"
	"shopper-channel, shopper-member, shopper-month; satisfaction (by\n"
	"question), satisfaction-kind, -channel, -outcome, -member, -month (the\n"
	"headline question's), satisfaction-doctrine (contacts with added value\n"
	"and an empowered check against the others, and the difference);\n"
	"response-rate (survey responses per contact).  Each share comes with\n"
	"its 95 % interval; survey figures of fewer than 30 answers are marked\n"
	"too few responses.\n"
	"\n"
	"Without --by, --format json, html or pdf makes the staff-meeting report\n"
	"of the period (default: the 30 days to today): the figures above with\n"
	"the measures, knowledge tests and recognitions; html is one page with\n"
	"its charts inline, to print (--paper letter or a4); pdf prints it with a\n"
	"headless Chromium (CSLOG_BROWSER, or chromium on PATH).  Every figure of\n"
	"the page is the JSON's.  It needs a supervisor or trainer.\n",
	report_opts, NULL, WHO_SIGNED_IN, APP_REPORT, true, true, run_report,
};
