/* meeting_html.c - the staff-meeting report as one self-contained HTML
 * page: no script, no network, every style inline, printable on Letter
 * and A4 (the page's margins, each section kept on one page).  Every
 * chart is inline SVG with its figures in a table beside it, for a
 * reader who cannot see the chart; every figure in those tables carries
 * data-k, the path of the same figure in the JSON report, which the
 * tests compare. */
#include <stdio.h>
#include <string.h>

#include "cslog/app_time.h"
#include "meeting_int.h"

static const char style[] =
"@page { margin: 14mm 12mm; }\n"
"body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif;"
" font-size: 9.5pt; color: #111; margin: 0 auto; max-width: 186mm; }\n"
"h1 { font-size: 16pt; margin: 0 0 1mm; }\n"
"h2 { font-size: 11.5pt; margin: 0 0 2mm; border-bottom: 0.3mm solid #888; }\n"
"p { margin: 0 0 2mm; }\n"
"section { break-inside: avoid; page-break-inside: avoid; margin: 0 0 5mm; }\n"
"section.long { break-inside: auto; page-break-inside: auto; }\n"
"tr { break-inside: avoid; page-break-inside: avoid; }\n"
".fig { display: flex; gap: 4mm; align-items: flex-start; }\n"
".fig > svg { flex: 0 0 47%; width: 47%; height: auto; }\n"
".fig > table { flex: 1 1 auto; }\n"
"table { border-collapse: collapse; font-size: 8.5pt; }\n"
"th, td { padding: 0.4mm 1.4mm; text-align: right; vertical-align: top; }\n"
"td + td, th + th { white-space: nowrap; }\n"
".key { font-size: 8pt; color: #333; margin: 1mm 0 0; }\n"
"th:first-child, td:first-child { text-align: left; }\n"
"thead th { border-bottom: 0.2mm solid #888; }\n"
".few { color: #666; font-style: italic; }\n"
".note { font-size: 8pt; color: #333; }\n"
".chart text { font-size: 9px; fill: #222; }\n"
".chart .cap { font-size: 8px; fill: #666; }\n"
".chart .mark { font-size: 3px; fill: #fff; }\n"
".chart .axis { font-size: 8px; fill: #555; }\n"
".chart .grid { stroke: #ddd; stroke-width: 0.6; }\n"
".chart .ci { stroke: #222; stroke-width: 1; fill: none; }\n"
".chart .rate { stroke: #c0392b; stroke-width: 2; fill: none; }\n"
"@media print { body { max-width: none; } }\n";

/* ---- one figure, with its JSON path --------------------------------- */

static void
k_int(FILE *f, const char *key, int64_t v)
{
	fprintf(f, "<td data-k=\"%s\">%lld</td>", key, (long long)v);
}

static void
k_pct(FILE *f, const char *key, const struct stat_share *s, double v)
{
	if (s->n > 0)
		fprintf(f, "<span data-k=\"%s\">%.1f</span>", key, stats_pct(v));
	else
		fprintf(f, "<span data-k=\"%s\">–</span>", key);
}

/* n, of, pct %, 95 % interval: four cells. */
static void
k_share(FILE *f, const char *path, const struct stat_share *s)
{
	char key[160];

	snprintf(key, sizeof key, "%s.n", path);
	k_int(f, key, s->k);
	snprintf(key, sizeof key, "%s.of", path);
	k_int(f, key, s->n);
	snprintf(key, sizeof key, "%s.pct", path);
	fputs("<td>", f);
	k_pct(f, key, s, s->p);
	fputs("</td><td>", f);
	snprintf(key, sizeof key, "%s.lo", path);
	k_pct(f, key, s, s->lo);
	fputs("–", f);
	snprintf(key, sizeof key, "%s.hi", path);
	k_pct(f, key, s, s->hi);
	fputs("</td>", f);
}

static void
head(FILE *f, const char *first, const char *n, const char *of, bool mean)
{
	fprintf(f, "<table><thead><tr><th>%s</th><th>%s</th><th>of</th><th>%%</th>"
	        "<th>95 %% CI (%%)</th>%s</tr></thead><tbody>\n", first, n,
	        mean ? "<th>mean of 5</th>" : "");
	(void)of;
}

static void
section_as(FILE *f, const char *id, const char *cls, const char *title)
{
	fprintf(f, "<section id=\"%s\"%s><h2>", id, cls);
	html_put(f, title);
	fputs("</h2>\n", f);
}

static void
section(FILE *f, const char *id, const char *title)
{
	fprintf(f, "<section id=\"%s\"><h2>", id);
	html_put(f, title);
	fputs("</h2>\n", f);
}

/* ---- the summary ---------------------------------------------------------- */

static void
summary_row(FILE *f, const char *what, const char *path, const struct stat_share *s)
{
	fputs("<tr><td>", f);
	html_put(f, what);
	fputs("</td>", f);
	k_share(f, path, s);
	fputs("</tr>\n", f);
}

static void
summary(FILE *f, const struct meeting *m)
{
	section(f, "summary", "Summary");
	fputs("<table><thead><tr><th></th><th>n</th><th>of</th><th>%</th><th>95 % CI (%)</th>"
	      "</tr></thead><tbody>\n<tr><td>Contacts logged</td>", f);
	k_int(f, "contacts", m->contacts);
	fputs("<td></td><td></td><td></td></tr>\n", f);
	summary_row(f, "Empowered (of the checks run)", "empowered", &m->empowered);
	summary_row(f, "Needs met (of those asked)", "needs_met", &m->needs_met);
	summary_row(f, "Added value (of the contacts)", "added_value", &m->added_value);
	summary_row(f, "Negative calls debriefed", "debriefed", &m->debriefed);
	summary_row(f, "Knowledge tests: quiz answers right", "knowledge.quiz", &m->quiz);
	summary_row(f, "Secret shopper: items met", "shopper.items", &m->shopper);
	fputs("<tr><td>Survey responses per 100 contacts</td>", f);
	k_int(f, "responses.per_contact.n", m->response_rate.k);
	k_int(f, "responses.per_contact.of", m->response_rate.n);
	fputs("<td>", f);
	k_pct(f, "responses.per_contact.pct", &m->response_rate, m->response_rate.p);
	fputs("</td><td>(a rate)</td></tr>\n", f);
	fputs("</tbody></table>\n<p class=\"note\">The question failed most: ", f);
	html_put(f, m->most_failed[0] ? m->most_failed : "none");
	fputs(". Follow-ups done: ", f);
	fprintf(f, "<span data-k=\"followups.done\">%lld</span>, overdue now: "
	        "<span data-k=\"followups.overdue\">%lld</span>.</p>\n</section>\n",
	        (long long)m->fu_done, (long long)m->fu_overdue);
}

/* ---- the log's charts ----------------------------------------------------- */

static void
weekly(FILE *f, const struct meeting *m)
{
	char key[96];
	size_t i;

	section(f, "weekly", m->monthly ? "Contacts and the empowerment rate, per month" :
	        "Contacts and the empowerment rate, per week");
	fputs("<div class=\"fig\">", f);
	svg_buckets(f, 1, "Contacts (bars) and the share empowered (line)", m);
	fprintf(f, "<table><thead><tr><th>%s from</th><th>contacts</th><th>empowered</th>"
	        "<th>of</th><th>%%</th></tr></thead><tbody>\n", m->monthly ? "month" : "week");
	for (i = 0; i < m->n_buckets; i++) {
		const struct meeting_bucket *b = &m->buckets[i];

		fprintf(f, "<tr><td>%s</td>", b->start);
		snprintf(key, sizeof key, "buckets.%zu.contacts", i);
		k_int(f, key, b->contacts);
		snprintf(key, sizeof key, "buckets.%zu.empowered.n", i);
		k_int(f, key, b->empowered.k);
		snprintf(key, sizeof key, "buckets.%zu.empowered.of", i);
		k_int(f, key, b->empowered.n);
		snprintf(key, sizeof key, "buckets.%zu.empowered.pct", i);
		fputs("<td>", f);
		k_pct(f, key, &b->empowered, b->empowered.p);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table></div></section>\n", f);
}

static void
questions(FILE *f, const struct meeting *m)
{
	struct svg_bar b[POLICY_MAX_QUESTIONS];
	struct stat_share s[POLICY_MAX_QUESTIONS];
	char key[96];
	size_t i, n = m->questions.n < POLICY_MAX_QUESTIONS ? m->questions.n :
	              POLICY_MAX_QUESTIONS;

	section(f, "questions", "The empowerment questions answered no");
	fputs("<div class=\"fig\">", f);
	for (i = 0; i < n; i++) {
		stats_share(m->questions.rows[i].n, m->questions.rows[i].of, &s[i]);
		b[i] = (struct svg_bar){ m->questions.rows[i].value, 100 * s[i].p, 100 * s[i].lo,
		                         100 * s[i].hi, true, false,
		                         strcmp(m->questions.rows[i].value, m->most_failed) == 0 ?
		                         SVG_RED : SVG_BLUE };
	}
	svg_hbars(f, 2, "Share of checks answering each question no", b, n, 100, true);
	head(f, "question", "no", "asked", false);
	for (i = 0; i < n; i++) {
		fputs("<tr><td>", f);
		html_put(f, m->questions.rows[i].value);
		fputs(strcmp(m->questions.rows[i].value, m->most_failed) == 0 ? " (most)" : "", f);
		fputs("</td>", f);
		snprintf(key, sizeof key, "questions_failed.%zu", i);
		k_share(f, key, &s[i]);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div></section>\n", f);
}

static void
needs(FILE *f, const struct meeting *m)
{
	struct svg_bar b[2] = {
		{ "needs met", 100 * m->needs_met.p, 100 * m->needs_met.lo, 100 * m->needs_met.hi,
		  true, false, SVG_GREEN },
		{ "added value", 100 * m->added_value.p, 100 * m->added_value.lo,
		  100 * m->added_value.hi, true, false, SVG_BLUE },
	};

	section(f, "needs", "Needs met and added value");
	fputs("<div class=\"fig\">", f);
	svg_hbars(f, 3, "Share of contacts with needs met, and with added value", b, 2, 100, true);
	head(f, "", "yes", "of", false);
	summary_row(f, "needs met", "needs_met", &m->needs_met);
	summary_row(f, "added value", "added_value", &m->added_value);
	fputs("</tbody></table></div>\n<p class=\"note\">Needs met not recorded: ", f);
	fprintf(f, "<span data-k=\"needs_unknown\">%lld</span> contacts.</p></section>\n",
	        (long long)m->needs_unknown);
}

static void
followups(FILE *f, const struct meeting *m)
{
	struct svg_bar b[3] = {
		{ "on target", (double)m->fu_on_target, 0, 0, false, false, SVG_GREEN },
		{ "within the limit", (double)m->fu_within_limit, 0, 0, false, false, SVG_AMBER },
		{ "late", (double)m->fu_late, 0, 0, false, false, SVG_RED },
	};

	section(f, "followups", "Follow-ups done: on target, within the limit, late");
	fputs("<div class=\"fig\">", f);
	svg_stack(f, 4, "Follow-ups done on target, within the limit and late", b, 3);
	fputs("<table><tbody>\n<tr><td>done on target</td>", f);
	k_int(f, "followups.on_target", m->fu_on_target);
	fputs("</tr>\n<tr><td>done within the limit (after the target)</td>", f);
	k_int(f, "followups.within_limit", m->fu_within_limit);
	fputs("</tr>\n<tr><td>done late (after the limit)</td>", f);
	k_int(f, "followups.late", m->fu_late);
	fputs("</tr>\n<tr><td>still open or paused</td>", f);
	k_int(f, "followups.open", m->fu_open);
	fputs("</tr>\n</tbody></table></div></section>\n", f);
}

static void
debriefs_and_tests(FILE *f, const struct meeting *m)
{
	struct svg_bar d = { "debriefed", 100 * m->debriefed.p, 100 * m->debriefed.lo,
	                     100 * m->debriefed.hi, true, false, SVG_BLUE };
	struct svg_bar k[2] = {
		{ "drill scenarios", 100 * m->scenarios.p, 100 * m->scenarios.lo,
		  100 * m->scenarios.hi, true, false, SVG_BLUE },
		{ "quiz", 100 * m->quiz.p, 100 * m->quiz.lo, 100 * m->quiz.hi, true, false,
		  SVG_GREEN },
	};

	section(f, "debriefs", "Negative calls debriefed");
	fputs("<div class=\"fig\">", f);
	svg_hbars(f, 5, "Share of negative calls debriefed", &d, 1, 100, true);
	head(f, "", "debriefed", "of", false);
	summary_row(f, "negative calls", "debriefed", &m->debriefed);
	fputs("</tbody></table></div></section>\n", f);
	section(f, "knowledge", "Knowledge tests: drills and the quiz");
	fputs("<div class=\"fig\">", f);
	svg_hbars(f, 6, "Share of drill and quiz answers right", k, 2, 100, true);
	head(f, "", "right", "of", false);
	summary_row(f, "drill scenarios", "knowledge.scenarios", &m->scenarios);
	summary_row(f, "quiz", "knowledge.quiz", &m->quiz);
	fputs("</tbody></table></div>\n<p class=\"note\">Members tested: ", f);
	fprintf(f, "<span data-k=\"knowledge.members\">%lld</span>.</p></section>\n",
	        (long long)m->members_tested);
}

/* ---- the measures --------------------------------------------------------- */

/* Is row i of r shown?  Items never scored are left out of the page. */
static bool
shown(const struct mreport *r, size_t i, bool satisfaction)
{
	return satisfaction || r->rows[i].share.n > 0;
}

/* A measures report as bars and a table, the words of each row in a key
 * below; its rows' JSON paths under path. */
static void
mtable(FILE *f, int chart, const char *title, const char *path, const struct mreport *r,
       bool satisfaction)
{
	struct svg_bar b[64];
	char key[160];
	size_t i, n = 0;
	bool words = false;

	fputs("<div class=\"fig\">", f);
	for (i = 0; i < r->n && n < 64; i++)
		if (shown(r, i, satisfaction))
			b[n++] = (struct svg_bar){ r->rows[i].value, 100 * r->rows[i].share.p,
			                           100 * r->rows[i].share.lo, 100 * r->rows[i].share.hi,
			                           true, satisfaction && r->rows[i].share.few,
			                           SVG_BLUE };
	svg_hbars(f, chart, title, b, n, 100, true);
	head(f, "", satisfaction ? "satisfied" : "met", "of", satisfaction);
	for (i = 0; i < r->n; i++) {
		const struct mreport_row *row = &r->rows[i];

		if (!shown(r, i, satisfaction))
			continue;
		words |= row->words[0] != '\0';
		fprintf(f, "<tr%s><td>", satisfaction && row->share.few ? " class=\"few\"" : "");
		html_put(f, row->value);
		if (satisfaction && row->share.few)
			fputs("<br>too few responses", f);
		fputs("</td>", f);
		snprintf(key, sizeof key, "%s.rows.%zu", path, i);
		k_share(f, key, &row->share);
		if (satisfaction && row->mean.n > 0) {
			snprintf(key, sizeof key, "%s.rows.%zu.mean.mean", path, i);
			fprintf(f, "<td data-k=\"%s\">%.2f</td>", key, stats_round2(row->mean.mean));
		} else if (satisfaction) {
			fputs("<td></td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
	if (!words)
		return;
	fputs("<p class=\"key\">", f);
	for (i = 0; i < r->n; i++) {
		if (!shown(r, i, satisfaction) || r->rows[i].words[0] == '\0')
			continue;
		fputs("<b>", f);
		html_put(f, r->rows[i].value);
		fputs("</b>: ", f);
		html_put(f, r->rows[i].words);
		fputs(i + 1 < r->n ? " &middot; " : "", f);
	}
	fputs("</p>\n", f);
}

/* A section of many rows may break across pages. */
static const char *
long_class(const struct mreport *r, bool satisfaction)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		n += shown(r, i, satisfaction);
	return n > 12 ? " class=\"long\"" : "";
}

static void
shopper(FILE *f, const struct meeting *m)
{
	section_as(f, "shopper", long_class(&m->shopper_items, false),
	           "Secret-shopper evaluations: standards met");
	fprintf(f, "<p>Evaluations: <span data-k=\"shopper.evaluations\">%lld</span>, every item "
	        "met in <span data-k=\"shopper.perfect\">%lld</span>.</p>\n",
	        (long long)m->evaluations, (long long)m->perfect);
	mtable(f, 7, "Share of evaluations meeting each standard", "shopper.by_item",
	       &m->shopper_items, false);
	fputs("</section>\n", f);
}

static void
satisfaction(FILE *f, const struct meeting *m)
{
	const struct mreport *d = &m->doctrine;

	section(f, "satisfaction", "Citizen satisfaction, by question");
	mtable(f, 8, "Share satisfied (4 or 5 of 5, or yes), by question",
	       "satisfaction.by_question", &m->satisfaction, true);
	fputs("</section>\n", f);
	if (m->headline == NULL)
		return;
	section(f, "satisfaction-month", "Satisfaction by month");
	fputs("<p>The question: ", f);
	html_put(f, m->headline);
	fprintf(f, ". Responses: <span data-k=\"responses.responses\">%lld</span>, about a "
	        "logged contact: <span data-k=\"responses.linked\">%lld</span>.</p>\n",
	        (long long)m->responses, (long long)m->linked);
	mtable(f, 9, "Share satisfied, by month", "satisfaction.by_month", &m->sat_month, true);
	fputs("</section>\n", f);
	section(f, "doctrine", "Are contacts with added value and an empowered check rated "
	        "higher?");
	mtable(f, 10, "Share satisfied: contacts with added value and an empowered check, and "
	       "the others", "satisfaction.doctrine", d, true);
	if (d->has_diff)
		fprintf(f, "<p>Difference: <span data-k=\"satisfaction.doctrine.difference.pct\">"
		        "%.1f</span> points (95 %% CI <span data-k=\"satisfaction.doctrine.difference"
		        ".lo\">%.1f</span> to <span data-k=\"satisfaction.doctrine.difference.hi\">"
		        "%.1f</span>)%s.</p>\n", stats_pct(d->diff.d), stats_pct(d->diff.lo),
		        stats_pct(d->diff.hi), d->diff.few ? ": too few responses to tell" :
		        d->diff.lo > 0 ? ": rated higher" : d->diff.hi < 0 ? ": rated lower" :
		        ": no difference shown");
	fputs("</section>\n", f);
}

static void
recognitions(FILE *f, const struct meeting *m)
{
	static const char *const keys[3] = { "recognitions.award", "recognitions.letter",
	                                     "recognitions.reinforcement" };
	struct svg_bar b[3];
	double max = 4;
	size_t i;

	for (i = 0; i < 3; i++) {
		b[i] = (struct svg_bar){ record_recognition_kind_name((enum recognition_kind)i),
		                         (double)m->recognized[i], 0, 0, false, false, SVG_GREEN };
		max = (double)m->recognized[i] > max ? (double)m->recognized[i] : max;
	}
	section(f, "recognitions", "Recognition for exceptional customer service");
	fputs("<div class=\"fig\">", f);
	svg_hbars(f, 11, "Recognitions given, by kind", b, 3, max, false);
	fputs("<table><tbody>\n", f);
	for (i = 0; i < 3; i++) {
		fprintf(f, "<tr><td>%s</td>", b[i].label);
		k_int(f, keys[i], m->recognized[i]);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n<table><tbody>\n", f);
	for (i = 0; i < m->n_recognitions; i++) {
		fputs("<tr><td>", f);
		html_put(f, m->recognitions[i].name);
		fputs(" (", f);
		html_put(f, m->recognitions[i].badge);
		fprintf(f, ")</td><td>%s</td><td style=\"text-align:left\">",
		        record_recognition_kind_name(m->recognitions[i].kind));
		html_put(f, m->recognitions[i].reason);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table></section>\n", f);
}

int
meeting_html(const struct meeting *m, const char *paper, FILE *f)
{
	char made[32];

	app_time_local(m->made_at, made, sizeof made);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
	      "Customer service at the staff meeting</title>\n<style>\n", f);
	fputs(style, f);
	if (paper != NULL)
		fprintf(f, "@page { size: %s; }\n", strcmp(paper, "a4") == 0 ? "A4" : "letter");
	fputs("</style>\n</head>\n<body>\n<header>\n<h1>Customer service at the staff meeting"
	      "</h1>\n", f);
	fprintf(f, "<p>From <b>%s</b> to <b>%s</b> (UTC days), ", m->since, m->until);
	if (m->policy != NULL) {
		fputs("policy ", f);
		html_put(f, m->policy);
	} else {
		fputs("every policy", f);
	}
	fprintf(f, "; made %s by cslog.  Every figure here is the one <code>cslog report "
	        "--format json</code> gives for the same period; each share comes with its "
	        "95 %% interval, and survey figures of fewer than %d responses are marked "
	        "too few.</p>\n</header>\n", made, STATS_FEW);
	summary(f, m);
	weekly(f, m);
	questions(f, m);
	needs(f, m);
	followups(f, m);
	debriefs_and_tests(f, m);
	shopper(f, m);
	satisfaction(f, m);
	recognitions(f, m);
	fputs("<p class=\"note\">Intervals: Wilson's for a share, the normal one for a mean, "
	      "Newcombe's for a difference of shares (docs/measures.md).</p>\n</body>\n</html>\n",
	      f);
	return ferror(f) ? -1 : 0;
}
