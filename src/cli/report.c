/* report.c - cslog report --by DIMENSION. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/cli_cmd.h"
#include "cslog/report.h"

static const char report_help[] =
"Usage: cslog report --by BY [--since DAY] [--until DAY] [--policy ID]\n"
"                    [--format table|csv|json]\n"
"\n"
"Count contacts (current versions) by BY: kind, channel, outcome, member,\n"
"day, empowered, needs-met, added-value, or question (how often each\n"
"empowerment question was answered no, of how often it was asked);\n"
"added-value-by-member (contacts with added value, of each member's\n"
"contacts); or summary: contacts, the empowerment rate, needs met, added\n"
"value, the question failed most, follow-ups done on time and overdue,\n"
"negative calls debriefed; or drills: each member's drill and quiz answers\n"
"right, of those given (from the drill attempts of the period).\n"
"Days are UTC dates YYYY-MM-DD.  Reports read running totals kept as\n"
"contacts are written, so they answer at once on years of data.\n";

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

static void
print_table(FILE *f, const struct report *r, enum report_by by)
{
	int64_t max = 0;
	const char *nn, *on;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (r->rows[i].n > max)
			max = r->rows[i].n;
	}
	of_names(by, &nn, &on);
	if (has_of(by))
		fprintf(f, "%-26s %8s %8s %6s\n", report_by_name(by), nn, on, "%");
	else
		fprintf(f, "%-22s %8s %6s\n", report_by_name(by), "COUNT", "%");
	for (i = 0; i < r->n; i++) {
		cli_cell(f, r->rows[i].value[0] ? r->rows[i].value : "(none)", has_of(by) ? 26 : 22);
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
			bar(f, r->rows[i].n, max, 30);
		fputc('\n', f);
	}
	if (!has_of(by))
		fprintf(f, "%-22s %8lld\n", "total", (long long)r->total);
}

static void
print_csv(FILE *f, const struct report *r, enum report_by by)
{
	char num[64];
	const char *nn, *on;
	size_t i;

	of_names(by, &nn, &on);
	cli_csv(f, report_by_name(by), false);
	cli_csv(f, has_of(by) ? nn : "count", !has_of(by));
	if (has_of(by))
		cli_csv(f, on, true);
	for (i = 0; i < r->n; i++) {
		cli_csv(f, r->rows[i].value, false);
		snprintf(num, sizeof num, "%lld", (long long)r->rows[i].n);
		cli_csv(f, num, !has_of(by));
		if (has_of(by)) {
			snprintf(num, sizeof num, "%lld", (long long)r->rows[i].of);
			cli_csv(f, num, true);
		}
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
			json_array_append_new(arr, o);
	}
	json_dumpf(arr, f, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	fputc('\n', f);
	json_decref(arr);
}

static int
check_day(const char *s)
{
	int64_t t;

	return s == NULL || (strlen(s) == 10 && app_time_parse(s, 0, 0, &t, NULL) == CS_OK);
}

int
cli_report(struct cli *c, int argc, char **argv)
{
	enum { O_BY = 1, O_SINCE, O_UNTIL, O_POLICY, O_FORMAT };
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "by", required_argument, NULL, O_BY },
		{ "since", required_argument, NULL, O_SINCE },
		{ "until", required_argument, NULL, O_UNTIL },
		{ "policy", required_argument, NULL, O_POLICY },
		{ "format", required_argument, NULL, O_FORMAT },
		{ NULL, 0, NULL, 0 },
	};
	struct cs_err err = { 0 };
	struct report r;
	const char *since = NULL, *until = NULL, *policy = NULL;
	int opt, by = -1, format = FORMAT_TABLE;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		switch (opt) {
		case 'h': return cli_help(report_help);
		case O_BY:
			if ((by = report_parse_by(optarg)) < 0)
				return cli_usage("report", "unknown --by '%s'", optarg);
			break;
		case O_SINCE: since = optarg; break;
		case O_UNTIL: until = optarg; break;
		case O_POLICY: policy = optarg; break;
		case O_FORMAT:
			if ((format = cli_parse_format(optarg)) < 0)
				return cli_usage("report", "unknown format '%s'", optarg);
			break;
		default: return cli_bad_option("report", argv, opt);
		}
	}
	if (by < 0 || optind != argc)
		return cli_usage("report", "say what to count: --by kind, channel, outcome, ...");
	if (!check_day(since) || !check_day(until))
		return cli_usage("report", "--since and --until take a day, YYYY-MM-DD");
	c->app.readonly = true;
	if (by == REPORT_SUMMARY && (opt = cli_need_policies(c)) != 0)
		return opt;
	if (report_run(&c->app, (enum report_by)by, since, until, policy, &r, &err) != CS_OK)
		return cli_fail(&err);
	if (format == FORMAT_CSV)
		print_csv(c->out, &r, (enum report_by)by);
	else if (format == FORMAT_JSON)
		print_json(c->out, &r, (enum report_by)by);
	else
		print_table(c->out, &r, (enum report_by)by);
	report_free(&r);
	return 0;
}
