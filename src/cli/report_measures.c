/* report_measures.c - cslog report --by shopper..., satisfaction...,
 * response-rate; and the staff-meeting report (report --format
 * json|html|pdf without --by). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli_measures.h"
#include "cli_pdf.h"
#include "cslog/meeting.h"
#include "cslog/text.h"

/* The table: its first column as wide as its longest value (24 at
 * least), the standards' words last and whole: never cut, for the
 * command line is not bounded by a screen. */
static void
print_table(FILE *f, const struct mreport *r)
{
	bool sat = !mreport_is_shopper(r->by) && r->by != MREPORT_RESPONSE_RATE;
	size_t i;
	int w = 24, vw;

	for (i = 0; i < r->n; i++) {
		vw = cli_cell_width(r->rows[i].value[0] ? r->rows[i].value : "(none)");
		w = vw > w ? vw : w;
	}
	if (r->question != NULL && sat && r->by != MREPORT_SATISFACTION)
		fprintf(f, "The question: %s\n", r->question);
	if (r->by == MREPORT_RESPONSE_RATE)
		fprintf(f, "%-*s %9s %9s %6s\n", w, "", "RESPONSES", "CONTACTS", "PER 100");
	else if (sat)
		fprintf(f, "%-*s %7s %9s %6s %11s %5s %11s\n", w, mreport_by_name(r->by), "ANSWERS",
		        "SATISFIED", "%", "95 % CI", "MEAN", "95 % CI");
	else
		fprintf(f, "%-*s %5s %5s %6s %6s %11s\n", w, mreport_by_name(r->by), "EVALS", "MET",
		        "SCORED", "%", "95 % CI");
	for (i = 0; i < r->n; i++) {
		const struct mreport_row *row = &r->rows[i];
		const struct stat_share *s = &row->share;

		cli_cell(f, row->value[0] ? row->value : "(none)", w);
		if (r->by == MREPORT_RESPONSE_RATE)
			fprintf(f, " %9lld %9lld", (long long)s->k, (long long)s->n);
		else if (sat)
			fprintf(f, " %7lld %9lld", (long long)s->n, (long long)s->k);
		else
			fprintf(f, " %5lld %5lld %6lld", (long long)row->evaluations, (long long)s->k,
			        (long long)s->n);
		if (s->n > 0 && r->by == MREPORT_RESPONSE_RATE)
			fprintf(f, " %6.1f", stats_pct(s->p));
		else if (s->n > 0)
			fprintf(f, " %6.1f %5.1f-%-5.1f", stats_pct(s->p), stats_pct(s->lo),
			        stats_pct(s->hi));
		else
			fprintf(f, " %6s %11s", "-", "");
		if (sat && row->mean.n > 0)
			fprintf(f, " %5.2f %5.2f-%-5.2f", stats_round2(row->mean.mean),
			        stats_round2(row->mean.lo), stats_round2(row->mean.hi));
		if (sat && s->few)
			fputs("  too few responses", f);
		if (!sat && row->words[0] != '\0' && r->by == MREPORT_SHOPPER) {
			fputs("  ", f);
			cli_cell(f, row->words, 0);
		}
		fputc('\n', f);
	}
	if (r->has_diff)
		fprintf(f, "difference: %+.1f points (95 %% CI %.1f to %.1f)%s\n",
		        stats_pct(r->diff.d), stats_pct(r->diff.lo), stats_pct(r->diff.hi),
		        r->diff.few ? ", too few responses to tell" : "");
	if (r->n == 0)
		fputs("Nothing in this period.\n", f);
}

static void
print_csv(FILE *f, const struct mreport *r)
{
	bool sat = !mreport_is_shopper(r->by) && r->by != MREPORT_RESPONSE_RATE;
	char num[64];
	size_t i;

	fprintf(f, "%s,n,of,pct,lo,hi%s\r\n", mreport_by_name(r->by),
	        sat ? ",mean,mean_lo,mean_hi,too_few" : "");
	for (i = 0; i < r->n; i++) {
		const struct mreport_row *row = &r->rows[i];
		const struct stat_share *s = &row->share;

		cli_csv(f, row->value, false);
		snprintf(num, sizeof num, "%lld,%lld,", (long long)s->k, (long long)s->n);
		fputs(num, f);
		if (s->n > 0)
			fprintf(f, "%.1f,%.1f,%.1f", stats_pct(s->p), stats_pct(s->lo),
			        stats_pct(s->hi));
		else
			fputs(",,", f);
		if (sat && row->mean.n > 0)
			fprintf(f, ",%.2f,%.2f,%.2f", stats_round2(row->mean.mean),
			        stats_round2(row->mean.lo), stats_round2(row->mean.hi));
		else if (sat)
			fputs(",,,", f);
		if (sat)
			fprintf(f, ",%s", s->few ? "yes" : "no");
		fputs("\r\n", f);
	}
}

int
cli_report_measures(struct cli *c, struct cli_call *k, enum mreport_by by, const char *since,
                    const char *until, const char *policy, int format)
{
	struct cs_err err = { 0 };
	struct mreport r;
	json_t *o;

	(void)k;
	if (mreport_run(&c->app, &k->who, by, since, until, policy, &r, &err) != CS_OK)
		return cli_fail(&err);
	if (format == FORMAT_JSON) {
		o = mreport_json(&r);
		json_dumpf(o, c->out, JSON_INDENT(2) | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10));
		fputc('\n', c->out);
		json_decref(o);
	} else if (format == FORMAT_CSV) {
		print_csv(c->out, &r);
	} else {
		print_table(c->out, &r);
	}
	mreport_free(&r);
	return 0;
}

int
cli_report_meeting(struct cli *c, struct cli_call *k, const char *format, const char *since,
                   const char *until, const char *policy, const char *output,
                   const char *paper)
{
	struct cs_err err = { 0 };
	struct meeting m;
	FILE *f = c->out;
	bool pdf = strcmp(format, "pdf") == 0;
	int rc = 0;

	if (pdf && output == NULL)
		return cli_usage("report", "--format pdf writes a file: give --output FILE");
	if (pdf && (rc = cli_pdf_check()) != 0)
		return rc;
	if (meeting_make(&c->app, &k->who, since, until, policy, &m, &err) != CS_OK)
		return cli_fail(&err);
	if (pdf) {
		rc = cli_pdf(&m, paper, output);
		meeting_free(&m);
		return rc;
	}
	if (output != NULL && (f = fopen(output, "w")) == NULL) {
		meeting_free(&m);
		return cli_error(CS_CANTCREAT, "cannot write %s", output);
	}
	if ((strcmp(format, "json") == 0 ? meeting_json(&m, f) :
	     meeting_html(&m, paper, f)) != 0)
		rc = cli_error(CS_IOERR, "cannot write the report");
	if (f != c->out && fclose(f) != 0 && rc == 0)
		rc = cli_error(CS_IOERR, "cannot write %s", output);
	meeting_free(&m);
	return rc;
}
