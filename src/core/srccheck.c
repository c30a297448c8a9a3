/* srccheck.c - a policy held to its source document, quotation by
 * quotation and item by item (see srccheck.h). */
#include "cslog/srccheck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srccheck_int.h"

void
srccheck_problem(struct chk *x, struct policy_at at, const char *fmt, ...)
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

/* A text that is the document's: found, in order within its list (*last
 * when not NULL), where its source says, and counted as transcribed. */
void
srccheck_quote(struct chk *x, struct policy_at at, const char *what, const char *id, const char *text,
      size_t *last, const char *src)
{
	size_t pos, from, to;

	if (text == NULL)
		return;
	if (!srctext_quote_found(x->d.norm, text, last ? *last : 0, &pos)) {
		if (last != NULL && srctext_quote_found(x->d.norm, text, 0, &pos)) {
			srccheck_problem(x, at, "%s '%s' is out of the document's order", what, id);
			cover(x, text, COVER_QUOTE);   /* the document's words all the same */
		} else {
			srccheck_problem(x, at, "%s '%s': not the document's words: \"%.200s\"", what, id,
			    text);
		}
		return;
	}
	if (last != NULL)
		*last = pos;
	cover(x, text, COVER_QUOTE);
	if (src != NULL && srccheck_region(x, src, &from, &to) &&
	    !(srctext_quote_found(x->d.norm, text, from, &pos) && pos < to))
		srccheck_problem(x, at, "%s '%s': not where its source says (%.160s)", what, id, src);
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
		srccheck_problem(x, x->at, "%s '%s': the words in quotation marks are not the document's: "
		    "\"%.200s\"", x->what, x->id, q);
	free(q);
}

/* cslog's own text: each passage in quotation marks is the document's. */
void
srccheck_passages(struct chk *x, struct policy_at at, const char *what, const char *id,
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
void
srccheck_source(struct chk *x, struct policy_at at, const char *what, const char *id, const char *s)
{
	if (s == NULL || policy_own_item(s))
		return;
	cover(x, s, COVER_CITE);
	srccheck_passages(x, at, what, id, s);
}

/* A text that is the document's unless the item or this part is own. */
static void
text(struct chk *x, struct policy_at at, const char *what, const char *id, const char *t,
     bool own, size_t *last, const char *src)
{
	if (own)
		srccheck_passages(x, at, what, id, t);
	else
		srccheck_quote(x, at, what, id, t, last, src);
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
			srccheck_problem(x, it[i].at, "%s '%s': say where the document names it (source), "
			    "or that it is cslog's (source: cslog)", what, it[i].id);
		srccheck_source(x, it[i].at, what, it[i].id, it[i].source);
		srccheck_passages(x, it[i].at, what, it[i].id, it[i].note);
	}
}

static void
check_empowerment(struct chk *x)
{
	const struct policy *p = x->p;
	size_t i, last = 0;

	for (i = 0; p->adopted_from == NULL && i < p->n_questions; i++) {
		srccheck_quote(x, p->questions[i].at, "question", p->questions[i].id, p->questions[i].text,
		      &last, p->questions[i].source);
		srccheck_source(x, p->questions[i].at, "question", p->questions[i].id,
		       p->questions[i].source);
	}
	srccheck_source(x, p->empower_at, "empowerment", "source", p->empower_source);
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
			srccheck_problem(x, s->at, "standards '%s': when is cslog's choice, not the "
			    "document's: say so (own: [when])", s->id);
		srccheck_source(x, s->at, "standards", s->id, s->source);
		srccheck_passages(x, s->at, "standards", s->id, s->note);
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
		srccheck_source(x, o->at, "outcomes", o->id, o->source);
		srccheck_passages(x, o->at, "outcomes", o->id, o->note);
		srccheck_passages(x, o->at, "outcomes", o->id, o->negative_reason);
		if (!o->negative)
			continue;
		cited = o->negative_reason != NULL && (strchr(o->negative_reason, '"') != NULL ||
		        strstr(o->negative_reason, "\xe2\x80\x9c") != NULL);
		if (o->negative_reason == NULL)
			srccheck_problem(x, o->at, "outcomes '%s' is negative (a supervisor debriefs it): "
			    "say why (negative-reason)", o->id);
		else if (!cited && !(o->own & OWN_NEGATIVE))
			srccheck_problem(x, o->at, "outcomes '%s': the reason it is negative cites no words "
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
		srccheck_problem(x, p->privacy_at, "privacy: the fields' classes are not the document's: "
		    "say so (own: [fields])");
	if (p->retention_days > 0 && !own && !(p->privacy_own & OWN_RETENTION))
		srccheck_problem(x, p->privacy_at, "privacy: retention-days is not the document's: say so "
		    "(own: [retention-days])");
	srccheck_source(x, p->privacy_at, "privacy", "source", p->privacy_source);
	srccheck_passages(x, p->privacy_at, "privacy", "note", p->privacy_note);
}

static void
check_drills(struct chk *x)
{
	const struct policy *p = x->p;
	size_t i, q, last = 0;

	for (i = 0; i < p->n_scenarios; i++) {
		const struct policy_scenario *s = &p->scenarios[i];

		srccheck_passages(x, s->at, "scenarios", s->id, s->rationale);
		srccheck_source(x, s->at, "scenarios", s->id, s->source);
		for (q = 0; q < POLICY_MAX_QUESTIONS; q++)
			srccheck_passages(x, s->at, "scenarios", s->id, s->differs[q]);
	}
	for (i = 0; i < p->n_quiz; i++) {
		const struct policy_quiz *z = &p->quiz[i];

		text(x, z->at, "quiz", z->id, z->answer,
		     policy_own_item(z->source) || (z->own & OWN_ANSWER), &last, z->source);
		srccheck_source(x, z->at, "quiz", z->id, z->source);
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
		srccheck_quote(x, p->guidance[i].at, "guidance", p->guidance[i].id, p->guidance[i].text,
		      &last, p->guidance[i].source);
		srccheck_source(x, p->guidance[i].at, "guidance", p->guidance[i].id, p->guidance[i].source);
		srccheck_passages(x, p->guidance[i].at, "guidance", p->guidance[i].id, p->guidance[i].note);
	}
	for (i = 0; i < p->n_omitted; i++) {
		if (!srctext_quote_found(x->d.norm, p->omitted[i].text, 0, NULL))
			srccheck_problem(x, p->omitted[i].at, "omitted: not the document's words: "
			    "\"%.200s\"", p->omitted[i].text);
		else
			cover_at(x, p->omitted[i].text, COVER_OMIT, p->omitted[i].at);
	}
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
	if (!srccheck_anchors(&x)) {
		srctext_doc_free(&x.d);
		return -1;
	}
	check_texts(&x);
	check_items(&x, "customer-kinds", p->kinds, p->n_kinds, true);
	check_items(&x, "channels", p->channels, p->n_channels, false);
	check_empowerment(&x);
	check_standards(&x);
	srccheck_clocks(&x);
	check_outcomes(&x);
	check_privacy(&x);
	check_drills(&x);
	if (!x.oom)
		srccheck_cover(&x, cov);
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
