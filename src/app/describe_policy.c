/* describe_policy.c - a policy in full, as `cslog policy show` prints it
 * for the agency's reader: every item with its source and notes, what is
 * cslog's own said so, the clocks as target and limit, why an outcome is
 * negative, the document's other words and what is left out, and how
 * much of the document the file holds.  Every text is neutralised. */
#include <stdlib.h>
#include <string.h>

#include "cslog/app_policy.h"

void app_describe_measures(FILE *f, const struct policy *p);
#include "cslog/quiz.h"
#include "cslog/text.h"

#define WIDTH 78     /* columns of a line */
#define COL 24       /* where an item's text starts */

/* Text wrapped to WIDTH: its first line from column `first` (the caller
 * is at column `at`), the others from column `rest`. */
static void
wrap_at(FILE *f, int at, int first, int rest, const char *s)
{
	char *safe = text_safe(s != NULL ? s : "", TEXT_ONE_LINE), *p;
	int col = first;
	size_t n, skip;

	if (safe == NULL) {
		fputs("(out of memory)\n", f);
		return;
	}
	for (p = safe;; p += skip) {
		fprintf(f, "%*s", col - at, "");
		n = text_line_cut(p, WIDTH - col, &skip);
		fwrite(p, 1, n, f);
		fputc('\n', f);
		if (p[skip] == '\0' || (n == 0 && skip == 0))
			break;
		at = 0;
		col = rest;
	}
	free(safe);
}

static void
wrap(FILE *f, int at, int col, const char *s)
{
	wrap_at(f, at, col > at ? col : at, col, s);
}

/* "label: text" at the left margin, for the head of the description. */
static void
field(FILE *f, const char *label, const char *text)
{
	char line[2048];

	if (text == NULL)
		return;
	snprintf(line, sizeof line, "%s: %s", label, text);
	wrap_at(f, 0, 0, 2, line);
}

/* "label: text" on lines of its own at COL. */
static void
sub(FILE *f, const char *label, const char *text)
{
	char *line;
	size_t n;

	if (text == NULL)
		return;
	n = strlen(label) + strlen(text) + 3;
	if ((line = malloc(n)) == NULL)
		return;
	snprintf(line, n, "%s%s%s", label, *label != '\0' ? ": " : "", text);
	wrap(f, 0, COL, line);
	free(line);
}

/* An item's id, then its text from COL (the id on a line of its own
 * when it would run into the text). */
static void
head(FILE *f, const char *id, const char *text)
{
	int n = fprintf(f, "  %s", id);

	if (n >= COL - 1) {
		fputc('\n', f);
		n = 0;
	}
	wrap(f, n, COL, text);
}

static void
source_of(FILE *f, const char *source)
{
	if (source == NULL)
		sub(f, "source", "none given");
	else if (policy_own_item(source))
		sub(f, "source", "cslog: not in the document");
	else
		sub(f, "source", source);
}

static void
aliases(FILE *f, const struct policy_list *l)
{
	char buf[512] = "";
	size_t i, n = 0;

	for (i = 0; i < l->n && n < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? ", " : "", l->v[i]);
	if (l->n > 0)
		sub(f, "formerly", buf);
}

/* In words, as the documents write them: "24 hours", not "1d". */
static void
span(char *buf, size_t len, long minutes)
{
	long n = minutes, day = 24 * 60;
	const char *unit = "minute";

	if (minutes % day == 0 && minutes >= 3 * day) {
		n = minutes / day;
		unit = "day";
	} else if (minutes % 60 == 0) {
		n = minutes / 60;
		unit = "hour";
	}
	snprintf(buf, len, "%ld %s%s", n, unit, n == 1 ? "" : "s");
}

static void
show_head(FILE *f, const struct policy *p, const struct app_sources *src)
{
	char cov[256], line[1024];

	wrap_at(f, 0, 0, 2, p->name);
	if (p->own & OWN_NAME)
		fputs("  (this name is cslog's: the document does not write it)\n", f);
	snprintf(line, sizeof line, "id %s, version %s, file %s", p->id, p->version, p->file);
	wrap_at(f, 0, 0, 2, line);
	field(f, "source", p->source_title);
	if (p->own & OWN_TITLE)
		fputs("  (this title is cslog's: the document has none in these words)\n", f);
	field(f, "section", p->source_section);
	field(f, "revision", p->source_revision);
	field(f, "document", p->source_document);
	if (src != NULL && src->compared) {
		srccheck_coverage_text(&src->cov, cov, sizeof cov);
		field(f, "coverage", cov);
	} else {
		field(f, "coverage", src != NULL ? src->why : "not compared with the document");
	}
}

static void
show_items(FILE *f, const char *title, const struct policy_item *it, size_t n, bool kinds)
{
	size_t i;

	fprintf(f, "\n%s\n", title);
	for (i = 0; i < n; i++) {
		head(f, it[i].id, kinds && it[i].text != NULL ? it[i].text : it[i].label);
		if (kinds && it[i].text != NULL)
			sub(f, "label", it[i].label);
		if (kinds && (it[i].own & OWN_TEXT))
			sub(f, "", "(these words are cslog's, not the document's)");
		source_of(f, it[i].source);
		sub(f, "note", it[i].note);
		aliases(f, &it[i].aliases);
	}
}

static void
show_empowerment(FILE *f, const struct policy *p)
{
	size_t i;
	int n;

	fputs("\nEmpowerment check (all yes: empowered)\n", f);
	sub(f, "source", p->empower_source);
	sub(f, "adopted", p->adopted_from);
	sub(f, "asked", p->ask_every_contact ? "on every contact (ask: every-contact)"
	    : "when a member went beyond standard service (added value)");
	for (i = 0; i < p->n_questions; i++) {
		n = fprintf(f, "  %zu. %s", i + 1, p->questions[i].id);
		wrap(f, n, COL, p->questions[i].text);
	}
	sub(f, "empowered", p->msg_empowered);
	if (p->empower_own & OWN_EMPOWERED)
		sub(f, "", "(cslog's wording; only the words in quotation marks are the document's)");
	sub(f, "not empowered", p->msg_not_empowered);
	if (p->empower_own & OWN_NOT_EMPOWERED)
		sub(f, "", "(cslog's wording; only the words in quotation marks are the document's)");
}

/* A standard's `when`, in words. */
static void
when_text(const struct policy_standard *s, char *buf, size_t len)
{
	static const struct { unsigned bit; const char *words; } w[] = {
		{ WHEN_ADDED_VALUE, "added value" }, { WHEN_NEGATIVE, "a negative outcome" },
		{ WHEN_REFERRAL, "a referral" }, { WHEN_DECISION, "a decision" },
		{ WHEN_FOLLOW_UP, "a follow-up" },
	};
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof w / sizeof w[0] && n < len; i++)
		if (s->when & w[i].bit)
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? ", " : "", w[i].words);
	for (i = 0; (s->when & WHEN_CHANNEL) && i < s->n_channels && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%schannel %s", n ? ", " : "",
		    s->channels[i]);
}

static void
show_standards(FILE *f, const struct policy *p)
{
	const struct policy_standard *s;
	char when[512], line[600];
	size_t i;

	fputs("\nStandards confirmed when logging\n", f);
	for (i = 0; i < p->n_standards; i++) {
		s = &p->standards[i];
		head(f, s->id, s->text);
		if (s->own & OWN_TEXT)
			sub(f, "", "(these words are cslog's, not the document's)");
		if (s->has_when) {
			when_text(s, when, sizeof when);
			snprintf(line, sizeof line, "%s%s", when,
			         (s->own & OWN_WHEN) ? " (cslog's choice, not the document's)" : "");
			sub(f, "shown with", line);
		} else {
			sub(f, "shown with", "every contact");
		}
		source_of(f, s->source);
		sub(f, "note", s->note);
		aliases(f, &s->aliases);
	}
}

static void
show_clocks(FILE *f, const struct policy *p)
{
	const struct policy_followup *r;
	char t[64], l[64], line[256];
	size_t i;

	fputs("\nFollow-up clocks (due by the target; overdue only after the limit)\n", f);
	for (i = 0; i < p->n_followups; i++) {
		r = &p->followups[i];
		if (r->target_minutes == POLICY_SAME_DAY) {
			snprintf(t, sizeof t, "same day (by the end of the day of the contact)");
		} else {
			span(t, sizeof t, r->target_minutes);
			strncat(t, " after the contact", sizeof t - strlen(t) - 1);
		}
		if (r->limit_minutes > 0)
			span(l, sizeof l, r->limit_minutes);
		snprintf(line, sizeof line, "due by %s; overdue after %s%s", t,
		         r->limit_minutes > 0 ? l : "the target",
		         r->limit_minutes > 0 ? " (clock hours from the contact)" : "");
		head(f, r->channel, line);
		if (r->own & (OWN_TARGET | OWN_LIMIT))
			sub(f, "", r->own == (OWN_TARGET | OWN_LIMIT) ?
			    "(this clock is cslog's, not the document's)" :
			    (r->own & OWN_TARGET) ? "(the target is cslog's, not the document's)" :
			    "(the limit is cslog's, not the document's)");
		sub(f, "the document", r->text);
		source_of(f, r->source);
		sub(f, "note", r->note);
	}
	head(f, p->n_followups ? "other channels" : "every channel",
	     "no clock in the document: a member who promises a follow-up sets its due "
	     "time, and the screen proposes 24 hours after the contact (cslog's default, "
	     "not the document's)");
}

static void
show_outcomes(FILE *f, const struct policy *p)
{
	static const char *req[] = { NULL, "to whom the customer was referred, and whether "
	                             "they were contacted", "the decision and the appeal "
	                             "information given" };
	const struct policy_outcome *o;
	size_t i;

	fputs("\nOutcomes\n", f);
	for (i = 0; i < p->n_outcomes; i++) {
		o = &p->outcomes[i];
		head(f, o->id, o->label);
		sub(f, "asks for", req[o->requires]);
		if (o->negative) {
			sub(f, "negative", "a negative call: it waits for a supervisor's debrief");
			sub(f, "because", o->negative_reason != NULL ? o->negative_reason :
			    "(the file does not say why)");
		}
		source_of(f, o->source);
		sub(f, "note", o->note);
		aliases(f, &o->aliases);
	}
}

static void
show_privacy(FILE *f, const struct policy *p)
{
	char days[32];
	int i;

	if (p->privacy_notice != NULL || p->privacy_source != NULL) {
		fputs("\nPrivacy\n", f);
		sub(f, "notice", p->privacy_notice);
		if (p->retention_days > 0) {
			snprintf(days, sizeof days, "%ld days", p->retention_days);
			sub(f, "kept for", days);
		}
		source_of(f, p->privacy_source);
		sub(f, "note", p->privacy_note);
	}
	fputs("\nProtected customer fields (privacy class)\n", f);
	for (i = 0; i < PF_COUNT; i++)
		fprintf(f, "  %-22s %s\n", policy_field_key((enum protected_field)i),
		    policy_class_name(policy_field_class(p, (enum protected_field)i)));
	if (!p->has_privacy_fields || (p->privacy_own & OWN_FIELDS) ||
	    policy_own_item(p->privacy_source))
		fputs("  (the classes are cslog's, not the document's)\n", f);
}

static void
show_texts(FILE *f, const struct policy *p)
{
	size_t i;

	if (p->n_guidance > 0)
		fprintf(f, "\nThe document's other words (guidance, %zu)\n", p->n_guidance);
	for (i = 0; i < p->n_guidance; i++) {
		head(f, p->guidance[i].id, p->guidance[i].text);
		source_of(f, p->guidance[i].source);
		sub(f, "note", p->guidance[i].note);
	}
	if (p->n_omitted > 0)
		fprintf(f, "\nLeft out of this file, with reasons (%zu)\n", p->n_omitted);
	for (i = 0; i < p->n_omitted; i++) {
		wrap(f, 0, 2, p->omitted[i].text);
		sub(f, "why", p->omitted[i].reason);
		sub(f, "where", p->omitted[i].source);
	}
}

static void
show_drills(FILE *f, const struct policy *p)
{
	const struct policy_scenario *s;
	char kinds[512], keys[1024], line[600];
	size_t i, q, n, no;
	int k;

	fprintf(f, "\nDrill scenarios (%zu)\n", p->n_scenarios);
	for (i = 0; i < p->n_scenarios; i++) {
		s = &p->scenarios[i];
		for (q = 0, no = 0; q < p->n_questions; q++)
			no += s->expected[q] == ANSWER_NO;
		snprintf(line, sizeof line, "%s: %s", s->title, no ? "not empowered" : "empowered");
		head(f, s->id, line);
		for (k = 0, n = 0, kinds[0] = '\0'; k < POLICY_SITUATIONS && n < sizeof kinds; k++)
			if (s->situations & 1u << k)
				n += (size_t)snprintf(kinds + n, sizeof kinds - n, "%s%s", n ? "; " : "",
				    policy_situation_words[k]);
		sub(f, "situation", kinds[0] ? kinds : "(none given)");
		for (q = 0; q < p->n_questions; q++) {
			if (s->differs[q] == NULL)
				continue;
			snprintf(line, sizeof line, "%s: %s (others of its kind: %s)",
			         p->questions[q].id, s->expected[q] == ANSWER_YES ? "yes" : "no",
			         s->expected[q] == ANSWER_YES ? "no" : "yes");
			sub(f, "differs", line);
			sub(f, "because", s->differs[q]);
		}
		source_of(f, s->source);
		aliases(f, &s->aliases);
	}
	fprintf(f, "\nQuiz (%zu items)\n", p->n_quiz);
	for (i = 0; i < p->n_quiz; i++) {
		head(f, p->quiz[i].id, p->quiz[i].question);
		sub(f, "answer", p->quiz[i].answer);
		quiz_key_terms(&p->quiz[i], keys, sizeof keys);
		sub(f, p->quiz[i].key_terms.n > 0 ? "key terms (the file's)" : "key terms", keys);
		source_of(f, p->quiz[i].source);
		aliases(f, &p->quiz[i].aliases);
	}
}

void
app_policy_describe(FILE *f, const struct policy *p, const struct app_sources *src)
{
	show_head(f, p, src);
	show_items(f, "Customer kinds", p->kinds, p->n_kinds, true);
	show_items(f, "Channels", p->channels, p->n_channels, false);
	show_empowerment(f, p);
	show_standards(f, p);
	show_clocks(f, p);
	show_outcomes(f, p);
	show_privacy(f, p);
	app_describe_measures(f, p);   /* describe_measures.c */
	show_texts(f, p);
	show_drills(f, p);
}
