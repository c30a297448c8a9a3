/* srccheck_doc.c - the document's side of the source-text check: the
 * headings the policy's sources cite and the part of the document each
 * points at, the clocks the document gives, and whether every item of
 * it is transcribed, cited or omitted (see srccheck.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "srccheck_int.h"

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
bool
srccheck_region(const struct chk *x, const char *source, size_t *from, size_t *to)
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
bool
srccheck_anchors(struct chk *x)
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

	srccheck_source(x, f->at, "follow-ups", f->channel, f->source);
	srccheck_passages(x, f->at, "follow-ups", f->channel, f->note);
	if (f->text == NULL) {
		if (!own_t || (f->limit_minutes > 0 && !own_l))
			srccheck_problem(x, f->at, "follow-ups '%s': quote the document's words that give this "
			    "clock (text), or say it is cslog's (own: [target, limit])", f->channel);
		return;
	}
	srccheck_quote(x, f->at, "follow-ups", f->channel, f->text, NULL, f->source);
	n = srctext_clocks(f->text, c, sizeof c / sizeof c[0]);
	span_words(f->target_minutes, a, sizeof a);
	if (!own_t && !gives(c, n, f->target_minutes))
		srccheck_problem(x, f->at, "follow-ups '%s': the target, %s, is not a time its text gives",
		    f->channel, a);
	span_words(f->limit_minutes, a, sizeof a);
	if (f->limit_minutes > 0 && !own_l && !gives(c, n, f->limit_minutes))
		srccheck_problem(x, f->at, "follow-ups '%s': the limit, %s, is not a time its text gives",
		    f->channel, a);
	for (k = 0; k < n; k++) {
		if (c[k] == f->target_minutes || c[k] == f->limit_minutes)
			continue;
		span_words(c[k], a, sizeof a);
		srccheck_problem(x, f->at, "follow-ups '%s': its text gives %s, which is neither its "
		    "target nor its limit", f->channel, a);
	}
}

/* Every time span the document gives is some rule's (or omitted). */
void
srccheck_clocks(struct chk *x)
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
			srccheck_problem(x, none, "document line %d gives a time that no follow-up rule "
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

void
srccheck_cover(struct chk *x, struct srccheck_coverage *cov)
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
			srccheck_problem(x, none, "document line %d is transcribed, yet listed under omitted: "
			    "\"%.120s\"", d->s[i].line, d->s[i].text);
		if (b & (1u << COVER_QUOTE | 1u << COVER_CITE))
			item[d->s[i].item] |= 1;
		else if (b & (1u << COVER_OMIT))
			item[d->s[i].item] |= 2;
		else {
			item[d->s[i].item] |= 4;
			srccheck_problem(x, none, "document line %d is neither transcribed nor omitted (list "
			    "it under omitted, with a reason): \"%.160s\"", d->s[i].line,
			    d->s[i].text);
		}
	}
	for (i = 0; i < x->n_cov; i++)
		if (x->cov[i].kind == COVER_OMIT && !omit_used[i])
			srccheck_problem(x, x->cov[i].at, "omitted: the text holds no whole item of the "
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
