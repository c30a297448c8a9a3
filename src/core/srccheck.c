/* srccheck.c - a policy held to its source document, quotation by
 * quotation and item by item (see srccheck.h). */
#include "cslog/srccheck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/srctext.h"

#define MSG_MAX 600

enum cover { COVER_QUOTE, COVER_CITE, COVER_OMIT };

struct covering {
	const char *text;
	enum cover kind;
	struct policy_at at;
};

struct chk {
	const struct policy *p;
	struct srctext_doc d;
	srccheck_cb cb;
	void *ctx;
	int problems;
	struct covering *cov;
	size_t n_cov, cap;
	bool oom;
	bool *anchor;            /* sentence i is a heading some source cites */
	/* the passage being checked (srctext_passages' callback) */
	struct policy_at at;
	const char *what, *id;
};

static void problem(struct chk *x, struct policy_at at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
problem(struct chk *x, struct policy_at at, const char *fmt, ...)
{
	char msg[MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	x->problems++;
	x->cb(x->ctx, at, msg);
}

static void
cover_at(struct chk *x, const char *text, enum cover kind, struct policy_at at)
{
	struct covering *v;

	if (text == NULL)
		return;
	if (x->n_cov == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 128;
		if ((v = realloc(x->cov, x->cap * sizeof *v)) == NULL) {
			x->oom = true;
			return;
		}
		x->cov = v;
	}
	x->cov[x->n_cov++] = (struct covering){ text, kind, at };
}

static void
cover(struct chk *x, const char *text, enum cover kind)
{
	struct policy_at none = { 0, 0 };

	cover_at(x, text, kind, none);
}

/* Does the source cite sentence i (a heading, or an entry it names)? */
static bool
cites(const struct chk *x, const char *source, size_t i)
{
	return source != NULL && !policy_own_item(source) &&
	       srctext_within(x->d.s[i].text, source);
}

/* ", item N" or ", items N-M" in a source: N and M (0 when none). */
static void
item_numbers(const char *source, unsigned *n, unsigned *m)
{
	const char *p = NULL, *q;

	*n = *m = 0;
	for (q = source; (q = strstr(q, ", item")) != NULL; q++)
		p = q;
	if (p == NULL)
		return;
	p += strncmp(p, ", items ", 8) == 0 ? 8 : strncmp(p, ", item ", 7) == 0 ? 7 : 0;
	if (sscanf(p, "%u-%u", n, m) < 2)
		*m = *n;
}

/* The part of the document a source points at, [*from, *to) in the
 * normalised text: from the first heading it cites to the next heading
 * any source cites after its last one, or, with ", item N", the Nth
 * entry after its last heading.  false: it cites no heading. */
static bool
region_of(const struct chk *x, const char *source, size_t *from, size_t *to)
{
	const struct srctext_doc *d = &x->d;
	size_t i, first = d->n, last = 0, item = (size_t)-1;
	unsigned n, m, k = 0;

	for (i = 0; i < d->n; i++) {
		if (cites(x, source, i)) {
			first = first < d->n ? first : i;
			last = i;
		}
	}
	if (first == d->n)
		return false;
	*from = d->s[first].at;
	*to = strlen(d->norm);
	item_numbers(source, &n, &m);
	for (i = last + 1; n > 0 && i < d->n; i++) {
		if (d->s[i].item == item || d->s[i].item == d->s[last].item)
			continue;
		item = d->s[i].item;
		if (d->s[i].entry && ++k == n)
			*from = d->s[i].at;
		if (k > m || (k == m && !d->s[i].entry)) {
			*to = d->s[i].at;
			return true;
		}
	}
	for (i = last + 1; n == 0 && i < d->n; i++) {
		if (x->anchor[i] && d->s[i].item != d->s[last].item) {
			*to = d->s[i].at;
			break;
		}
	}
	return true;
}

/* A text that is the document's: found, in order within its list (*last
 * when not NULL), where its source says, and counted as transcribed. */
static void
quote(struct chk *x, struct policy_at at, const char *what, const char *id, const char *text,
      size_t *last, const char *src)
{
	size_t pos, from, to;

	if (text == NULL)
		return;
	if (!srctext_quote_found(x->d.norm, text, last ? *last : 0, &pos)) {
		if (last != NULL && srctext_quote_found(x->d.norm, text, 0, &pos)) {
			problem(x, at, "%s '%s' is out of the document's order", what, id);
			cover(x, text, COVER_QUOTE);   /* the document's words all the same */
		} else {
			problem(x, at, "%s '%s': not the document's words: \"%.200s\"", what, id,
			    text);
		}
		return;
	}
	if (last != NULL)
		*last = pos;
	cover(x, text, COVER_QUOTE);
	if (src != NULL && region_of(x, src, &from, &to) &&
	    !(srctext_quote_found(x->d.norm, text, from, &pos) && pos < to))
		problem(x, at, "%s '%s': not where its source says (%.160s)", what, id, src);
}

static void
one_passage(void *ctx, const char *s, size_t n)
{
	struct chk *x = ctx;
	char *q = strndup(s, n);

	if (q == NULL) {
		x->oom = true;
		return;
	}
	if (!srctext_quote_found(x->d.norm, q, 0, NULL))
		problem(x, x->at, "%s '%s': the words in quotation marks are not the document's: "
		    "\"%.200s\"", x->what, x->id, q);
	free(q);
}

/* cslog's own text: each passage in quotation marks is the document's. */
static void
passages(struct chk *x, struct policy_at at, const char *what, const char *id,
         const char *text)
{
	if (text == NULL)
		return;
	x->at = at;
	x->what = what;
	x->id = id;
	srctext_passages(text, one_passage, x);
}

/* A source: where in the document (cites its headings), or "cslog". */
static void
source(struct chk *x, struct policy_at at, const char *what, const char *id, const char *s)
{
	if (s == NULL || policy_own_item(s))
		return;
	cover(x, s, COVER_CITE);
	passages(x, at, what, id, s);
}

/* A text that is the document's unless the item or this part is own. */
static void
text(struct chk *x, struct policy_at at, const char *what, const char *id, const char *t,
     bool own, size_t *last, const char *src)
{
	if (own)
		passages(x, at, what, id, t);
	else
		quote(x, at, what, id, t, last, src);
}

static void
check_items(struct chk *x, const char *what, const struct policy_item *it, size_t n,
            bool kinds)
{
	size_t i, last = 0;

	for (i = 0; it != NULL && i < n; i++) {
		bool own = policy_own_item(it[i].source) || (it[i].own & OWN_TEXT);

		if (kinds)
			text(x, it[i].at, what, it[i].id, it[i].text, own, &last, it[i].source);
		else if (it[i].source == NULL)
			problem(x, it[i].at, "%s '%s': say where the document names it (source), "
			    "or that it is cslog's (source: cslog)", what, it[i].id);
		source(x, it[i].at, what, it[i].id, it[i].source);
		passages(x, it[i].at, what, it[i].id, it[i].note);
	}
}

static void
check_empowerment(struct chk *x)
{
	const struct policy *p = x->p;
	size_t i, last = 0;

	for (i = 0; p->adopted_from == NULL && i < p->n_questions; i++) {
		quote(x, p->questions[i].at, "question", p->questions[i].id, p->questions[i].text,
		      &last, p->questions[i].source);
		source(x, p->questions[i].at, "question", p->questions[i].id,
		       p->questions[i].source);
	}
	source(x, p->empower_at, "empowerment", "source", p->empower_source);
	text(x, p->empower_at, "empowerment", "empowered", p->msg_empowered,
	     p->empower_own & OWN_EMPOWERED, NULL, NULL);
	text(x, p->empower_at, "empowerment", "not-empowered", p->msg_not_empowered,
	     p->empower_own & OWN_NOT_EMPOWERED, NULL, NULL);
}

static void
check_standards(struct chk *x)
{
	const struct policy_standard *s;
	size_t i, last = 0;

	for (i = 0; i < x->p->n_standards; i++) {
		s = &x->p->standards[i];
		text(x, s->at, "standards", s->id, s->text,
		     policy_own_item(s->source) || (s->own & OWN_TEXT), &last, s->source);
		if (s->has_when && !(s->own & OWN_WHEN) && !policy_own_item(s->source))
			problem(x, s->at, "standards '%s': when is cslog's choice, not the "
			    "document's: say so (own: [when])", s->id);
		source(x, s->at, "standards", s->id, s->source);
		passages(x, s->at, "standards", s->id, s->note);
	}
}

static void
check_outcomes(struct chk *x)
{
	const struct policy_outcome *o;
	size_t i;
	bool cited;

	for (i = 0; i < x->p->n_outcomes; i++) {
		o = &x->p->outcomes[i];
		source(x, o->at, "outcomes", o->id, o->source);
		passages(x, o->at, "outcomes", o->id, o->note);
		passages(x, o->at, "outcomes", o->id, o->negative_reason);
		if (!o->negative)
			continue;
		cited = o->negative_reason != NULL && (strchr(o->negative_reason, '"') != NULL ||
		        strstr(o->negative_reason, "\xe2\x80\x9c") != NULL);
		if (o->negative_reason == NULL)
			problem(x, o->at, "outcomes '%s' is negative (a supervisor debriefs it): "
			    "say why (negative-reason)", o->id);
		else if (!cited && !(o->own & OWN_NEGATIVE))
			problem(x, o->at, "outcomes '%s': the reason it is negative cites no words "
			    "of the document: quote them, or say it is cslog's (own: [negative])",
			    o->id);
	}
}

static void
check_privacy(struct chk *x)
{
	const struct policy *p = x->p;
	bool own = policy_own_item(p->privacy_source);

	text(x, p->privacy_at, "privacy", "notice", p->privacy_notice,
	     own || (p->privacy_own & OWN_NOTICE), NULL, p->privacy_source);
	if (p->has_privacy_fields && !own && !(p->privacy_own & OWN_FIELDS))
		problem(x, p->privacy_at, "privacy: the fields' classes are not the document's: "
		    "say so (own: [fields])");
	if (p->retention_days > 0 && !own && !(p->privacy_own & OWN_RETENTION))
		problem(x, p->privacy_at, "privacy: retention-days is not the document's: say so "
		    "(own: [retention-days])");
	source(x, p->privacy_at, "privacy", "source", p->privacy_source);
	passages(x, p->privacy_at, "privacy", "note", p->privacy_note);
}

static void
check_drills(struct chk *x)
{
	const struct policy *p = x->p;
	size_t i, q, last = 0;

	for (i = 0; i < p->n_scenarios; i++) {
		const struct policy_scenario *s = &p->scenarios[i];

		passages(x, s->at, "scenarios", s->id, s->rationale);
		source(x, s->at, "scenarios", s->id, s->source);
		for (q = 0; q < POLICY_MAX_QUESTIONS; q++)
			passages(x, s->at, "scenarios", s->id, s->differs[q]);
	}
	for (i = 0; i < p->n_quiz; i++) {
		const struct policy_quiz *z = &p->quiz[i];

		text(x, z->at, "quiz", z->id, z->answer,
		     policy_own_item(z->source) || (z->own & OWN_ANSWER), &last, z->source);
		source(x, z->at, "quiz", z->id, z->source);
	}
}

static void
check_texts(struct chk *x)
{
	const struct policy *p = x->p;
	struct policy_at none = { 0, 0 };
	size_t i, last = 0;

	text(x, none, "the policy", "name", p->name, p->own & OWN_NAME, NULL, NULL);
	text(x, none, "source", "title", p->source_title, p->own & OWN_TITLE, NULL, NULL);
	cover(x, p->source_title, COVER_CITE);
	cover(x, p->source_revision, COVER_CITE);
	cover(x, p->source_section, COVER_CITE);
	for (i = 0; i < p->n_guidance; i++) {
		quote(x, p->guidance[i].at, "guidance", p->guidance[i].id, p->guidance[i].text,
		      &last, p->guidance[i].source);
		source(x, p->guidance[i].at, "guidance", p->guidance[i].id, p->guidance[i].source);
		passages(x, p->guidance[i].at, "guidance", p->guidance[i].id, p->guidance[i].note);
	}
	for (i = 0; i < p->n_omitted; i++) {
		if (!srctext_quote_found(x->d.norm, p->omitted[i].text, 0, NULL))
			problem(x, p->omitted[i].at, "omitted: not the document's words: "
			    "\"%.200s\"", p->omitted[i].text);
		else
			cover_at(x, p->omitted[i].text, COVER_OMIT, p->omitted[i].at);
	}
}

/* ---- clocks -------------------------------------------------------------- */

static void
span_words(long minutes, char *buf, size_t len)
{
	long n = minutes;
	const char *unit = "minute";

	if (minutes == POLICY_SAME_DAY) {
		snprintf(buf, len, "same day");
		return;
	}
	if (minutes % 1440 == 0 && minutes >= 3 * 1440) {
		n = minutes / 1440;
		unit = "day";
	} else if (minutes % 60 == 0) {
		n = minutes / 60;
		unit = "hour";
	}
	snprintf(buf, len, "%ld %s%s", n, unit, n == 1 ? "" : "s");
}

static bool
gives(const long *c, size_t n, long minutes)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i] == minutes)
			return true;
	return false;
}

/* A rule's target and limit are the times its text gives, and its text
 * gives no other. */
static void
check_rule(struct chk *x, const struct policy_followup *f)
{
	bool own = policy_own_item(f->source);
	bool own_t = own || (f->own & OWN_TARGET), own_l = own || (f->own & OWN_LIMIT);
	long c[8];
	size_t n, k;
	char a[32];

	source(x, f->at, "follow-ups", f->channel, f->source);
	passages(x, f->at, "follow-ups", f->channel, f->note);
	if (f->text == NULL) {
		if (!own_t || (f->limit_minutes > 0 && !own_l))
			problem(x, f->at, "follow-ups '%s': quote the document's words that give this "
			    "clock (text), or say it is cslog's (own: [target, limit])", f->channel);
		return;
	}
	quote(x, f->at, "follow-ups", f->channel, f->text, NULL, f->source);
	n = srctext_clocks(f->text, c, sizeof c / sizeof c[0]);
	span_words(f->target_minutes, a, sizeof a);
	if (!own_t && !gives(c, n, f->target_minutes))
		problem(x, f->at, "follow-ups '%s': the target, %s, is not a time its text gives",
		    f->channel, a);
	span_words(f->limit_minutes, a, sizeof a);
	if (f->limit_minutes > 0 && !own_l && !gives(c, n, f->limit_minutes))
		problem(x, f->at, "follow-ups '%s': the limit, %s, is not a time its text gives",
		    f->channel, a);
	for (k = 0; k < n; k++) {
		if (c[k] == f->target_minutes || c[k] == f->limit_minutes)
			continue;
		span_words(c[k], a, sizeof a);
		problem(x, f->at, "follow-ups '%s': its text gives %s, which is neither its "
		    "target nor its limit", f->channel, a);
	}
}

/* Every time span the document gives is some rule's (or omitted). */
static void
check_clocks(struct chk *x)
{
	const struct policy *p = x->p;
	struct policy_at none = { 0, 0 };
	size_t i, k;
	long c[8];
	bool held;

	for (i = 0; i < p->n_followups; i++)
		check_rule(x, &p->followups[i]);
	for (i = 0; i < x->d.n; i++) {
		if (srctext_clocks(x->d.s[i].text, c, sizeof c / sizeof c[0]) == 0)
			continue;
		held = false;
		for (k = 0; !held && k < p->n_followups; k++)
			held = p->followups[k].text != NULL &&
			       srctext_within(x->d.s[i].text, p->followups[k].text);
		for (k = 0; !held && k < p->n_omitted; k++)
			held = srctext_within(x->d.s[i].text, p->omitted[k].text);
		if (!held)
			problem(x, none, "document line %d gives a time that no follow-up rule "
			    "carries (or list it under omitted): \"%.160s\"", x->d.s[i].line,
			    x->d.s[i].text);
	}
}

/* ---- coverage ---------------------------------------------------------- */

/* Which kinds of text hold the sentence; the omitted ones that do are
 * marked used. */
static unsigned
covered_by(const struct chk *x, const char *sentence, bool *omit_used)
{
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < x->n_cov; i++) {
		if ((bits & 1u << x->cov[i].kind) && x->cov[i].kind != COVER_OMIT)
			continue;
		if (srctext_within(sentence, x->cov[i].text)) {
			bits |= 1u << x->cov[i].kind;
			if (x->cov[i].kind == COVER_OMIT)
				omit_used[i] = true;
		}
	}
	return bits;
}

static void
coverage(struct chk *x, struct srccheck_coverage *cov)
{
	const struct srctext_doc *d = &x->d;
	struct policy_at none = { 0, 0 };
	unsigned *item = calloc(d->items + 1, sizeof *item), b;
	size_t i;
	bool *omit_used = calloc(x->n_cov + 1, sizeof *omit_used);

	if (item == NULL || omit_used == NULL) {
		x->oom = true;
		free(item);
		free(omit_used);
		return;
	}
	/* per item: bit 0 a sentence transcribed, 1 one omitted, 2 one neither */
	for (i = 0; i < d->n; i++) {
		b = covered_by(x, d->s[i].text, omit_used);
		if ((b & (1u << COVER_OMIT)) && (b & (1u << COVER_QUOTE | 1u << COVER_CITE)))
			problem(x, none, "document line %d is transcribed, yet listed under omitted: "
			    "\"%.120s\"", d->s[i].line, d->s[i].text);
		if (b & (1u << COVER_QUOTE | 1u << COVER_CITE))
			item[d->s[i].item] |= 1;
		else if (b & (1u << COVER_OMIT))
			item[d->s[i].item] |= 2;
		else {
			item[d->s[i].item] |= 4;
			problem(x, none, "document line %d is neither transcribed nor omitted (list "
			    "it under omitted, with a reason): \"%.160s\"", d->s[i].line,
			    d->s[i].text);
		}
	}
	for (i = 0; i < x->n_cov; i++)
		if (x->cov[i].kind == COVER_OMIT && !omit_used[i])
			problem(x, x->cov[i].at, "omitted: the text holds no whole item of the "
			    "document (an entry, or a sentence): \"%.120s\"", x->cov[i].text);
	memset(cov, 0, sizeof *cov);
	cov->items = d->items;
	for (i = 0; i < d->items; i++) {
		if (item[i] & 4)
			cov->missing++;
		else if (item[i] & 2)
			cov->omitted++;
		else
			cov->transcribed++;
	}
	free(item);
	free(omit_used);
}

static void
mark(struct chk *x, const char *source)
{
	size_t i;

	for (i = 0; source != NULL && i < x->d.n; i++)
		if (!x->anchor[i] && cites(x, source, i))
			x->anchor[i] = true;
}

/* The headings the file's sources cite: each ends the part of the
 * document the source before it points at. */
static bool
anchors(struct chk *x)
{
	const struct policy *p = x->p;
	size_t i;

	if ((x->anchor = calloc(x->d.n + 1, sizeof *x->anchor)) == NULL)
		return false;
	mark(x, p->empower_source);
	mark(x, p->privacy_source);
	for (i = 0; i < p->n_kinds; i++)
		mark(x, p->kinds[i].source);
	for (i = 0; i < p->n_channels; i++)
		mark(x, p->channels[i].source);
	for (i = 0; i < p->n_questions; i++)
		mark(x, p->questions[i].source);
	for (i = 0; i < p->n_standards; i++)
		mark(x, p->standards[i].source);
	for (i = 0; i < p->n_followups; i++)
		mark(x, p->followups[i].source);
	for (i = 0; i < p->n_outcomes; i++)
		mark(x, p->outcomes[i].source);
	for (i = 0; i < p->n_scenarios; i++)
		mark(x, p->scenarios[i].source);
	for (i = 0; i < p->n_quiz; i++)
		mark(x, p->quiz[i].source);
	for (i = 0; i < p->n_guidance; i++)
		mark(x, p->guidance[i].source);
	return true;
}

int
srccheck_run(const struct policy *p, const char *text_, size_t len, srccheck_cb cb,
             void *ctx, struct srccheck_coverage *cov)
{
	struct chk x;
	struct srccheck_coverage none;

	memset(&x, 0, sizeof x);
	x.p = p;
	x.cb = cb;
	x.ctx = ctx;
	if (cov == NULL)
		cov = &none;
	memset(cov, 0, sizeof *cov);
	if (srctext_doc_read(text_, len, &x.d) != 0)
		return -1;
	if (!anchors(&x)) {
		srctext_doc_free(&x.d);
		return -1;
	}
	check_texts(&x);
	check_items(&x, "customer-kinds", p->kinds, p->n_kinds, true);
	check_items(&x, "channels", p->channels, p->n_channels, false);
	check_empowerment(&x);
	check_standards(&x);
	check_clocks(&x);
	check_outcomes(&x);
	check_privacy(&x);
	check_drills(&x);
	if (!x.oom)
		coverage(&x, cov);
	srctext_doc_free(&x.d);
	free(x.cov);
	free(x.anchor);
	return x.oom ? -1 : x.problems;
}

void
srccheck_coverage_text(const struct srccheck_coverage *cov, char *buf, size_t len)
{
	snprintf(buf, len, "%zu of %zu items of the document; %zu omitted, with reasons",
	         cov->transcribed, cov->items, cov->omitted);
	if (cov->missing > 0) {
		size_t n = strlen(buf);

		snprintf(buf + n, len - n, "; %zu neither transcribed nor omitted", cov->missing);
	}
}
