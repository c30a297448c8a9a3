/* srctext_doc.c - a source document read as items (entries and
 * sentences), and the time spans a text names (see srctext.h). */
#include "srctext.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/policy.h"

/* A block: an entry (bullet or number) or a paragraph, being read. */
struct block {
	char *text;          /* raw, lines joined with a space */
	size_t len, cap;
	int *line;           /* the document line of each byte */
	bool entry;
};

struct reader {
	struct srctext_doc *d;
	struct block b;
	bool oom;
};

static void
block_add(struct reader *r, const char *s, size_t n, int line)
{
	struct block *b = &r->b;
	size_t need = b->len + n + 2, i;
	char *t;
	int *l;

	if (need > b->cap) {
		b->cap = need * 2;
		t = realloc(b->text, b->cap);
		if (t != NULL)
			b->text = t;
		l = realloc(b->line, b->cap * sizeof *l);
		if (l != NULL)
			b->line = l;
		if (t == NULL || l == NULL) {
			r->oom = true;
			return;
		}
	}
	if (b->len > 0) {
		b->line[b->len] = line;
		b->text[b->len++] = ' ';
	}
	for (i = 0; i < n; i++) {
		b->line[b->len] = line;
		b->text[b->len++] = s[i];
	}
	b->text[b->len] = '\0';
}

/* Keep sentence text[from..to) of the current block in item `item`. */
static void
keep(struct reader *r, size_t from, size_t to, size_t item)
{
	struct srctext_doc *d = r->d;
	struct srctext_sentence *v;
	char *raw, *norm;

	while (from < to && isspace((unsigned char)r->b.text[from]))
		from++;
	if (from >= to)
		return;
	raw = strndup(r->b.text + from, to - from);
	norm = raw != NULL ? srctext_norm(raw) : NULL;
	free(raw);
	if (norm == NULL || *norm == '\0') {
		r->oom |= norm == NULL;
		free(norm);
		return;
	}
	v = realloc(d->s, (d->n + 1) * sizeof *v);
	if (v == NULL) {
		free(norm);
		r->oom = true;
		return;
	}
	d->s = v;
	d->s[d->n].text = norm;
	d->s[d->n].line = r->b.line[from];
	d->s[d->n].item = item;
	d->s[d->n].entry = r->b.entry;
	d->s[d->n].at = 0;
	d->n++;
}

/* "Respect: Treating all people ..." - a short heading before a colon at
 * a block's start: its length, else 0. */
static size_t
label_len(const char *s)
{
	size_t i, words = 1;

	if (!isupper((unsigned char)s[0]))
		return 0;
	for (i = 0; s[i] != '\0' && s[i] != ':' && i < 48; i++) {
		if (strchr(".?!;,(", s[i]) != NULL)
			return 0;
		words += s[i] == ' ';
	}
	if (s[i] != ':' || words > 4)
		return 0;
	return s[i + 1] == ' ' || ((unsigned char)s[i + 1] == 0xc2 && (unsigned char)s[i + 2] == 0xa0)
	       ? i : 0;
}

/* Does a sentence end at text[i]: . ? or ! before a space and a capital
 * letter or a quotation mark (not "e.g., " nor "M.P. 201")? */
static bool
sentence_end(const char *t, size_t i)
{
	unsigned char next;

	if (strchr(".?!", t[i]) == NULL || t[i + 1] != ' ')
		return false;
	next = (unsigned char)t[i + 2];
	return isupper(next) || next == '"' || next == 0xe2;
}

/* Split the finished block into sentences, as one item (an entry) or an
 * item each (a paragraph). */
static void
flush(struct reader *r)
{
	struct block *b = &r->b;
	size_t i, from = 0, lab;

	if (b->len == 0)
		return;
	if ((lab = label_len(b->text)) > 0) {
		keep(r, 0, lab, r->d->items++);
		from = lab + 1;
	}
	for (i = from; i < b->len; i++) {
		if (sentence_end(b->text, i)) {
			keep(r, from, i + 1, r->d->items);
			if (!b->entry)
				r->d->items++;
			from = i + 1;
		}
	}
	keep(r, from, b->len, r->d->items);
	r->d->items++;
	b->len = 0;
	b->entry = false;
}

/* The bytes of a bullet or number ("•", "*", "-", "1.", "a.", "IV.")
 * at the start of s, with the space after it; 0 when there is none. */
static size_t
marker_len(const char *s, size_t n)
{
	size_t i = 0;

	if (n >= 3 && (memcmp(s, "\xe2\x80\xa2", 3) == 0 || memcmp(s, "\xef\x82\xa7", 3) == 0)) {
		i = 3;
	} else if (n >= 2 && memcmp(s, "\xc2\xb7", 2) == 0) {
		i = 2;
	} else if (s[0] == '*' || s[0] == '-') {
		i = 1;
	} else {
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		if (i == 0)
			while (i < n && strchr("IVX", s[i]) != NULL)
				i++;
		if (i == 0 && isalpha((unsigned char)s[0]))
			i = 1;
		if (i == 0 || i >= n || s[i] != '.')
			return 0;
		i++;
	}
	if (i < n && s[i] != ' ' && s[i] != '\t')
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* A line with its white space (no-break spaces too) trimmed. */
static void
trim(const char **s, size_t *n)
{
	for (;;) {
		if (*n > 0 && isspace((unsigned char)**s)) {
			(*s)++;
			(*n)--;
		} else if (*n > 1 && (unsigned char)(*s)[0] == 0xc2 && (unsigned char)(*s)[1] == 0xa0) {
			*s += 2;
			*n -= 2;
		} else {
			break;
		}
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Does a line go on the paragraph before it: the paragraph has not ended
 * a sentence and the line starts in lower case, a digit or a bracket? */
static bool
continues(const struct block *b, const char *s)
{
	char last;

	if (b->len == 0)
		return false;
	last = b->text[b->len - 1];
	if (strchr(".?!:", last) != NULL)
		return false;
	return islower((unsigned char)s[0]) || isdigit((unsigned char)s[0]) || s[0] == '(';
}

static void
read_line(struct reader *r, const char *s, size_t n, int line)
{
	size_t m;

	trim(&s, &n);
	if (n == 0) {
		flush(r);
		return;
	}
	if ((m = marker_len(s, n)) > 0) {
		flush(r);
		if (m >= n)
			return;    /* a number alone: its text is elsewhere */
		r->b.entry = true;
		block_add(r, s + m, n - m, line);
		return;
	}
	if (!continues(&r->b, s))
		flush(r);
	block_add(r, s, n, line);
}

/* Where each sentence is in the normalised document, in order. */
static void
locate(struct srctext_doc *d)
{
	size_t i, from = 0;
	long at;

	for (i = 0; i < d->n; i++) {
		at = srctext_find(d->norm, d->s[i].text, from, NULL);
		if (at < 0)
			at = srctext_find(d->norm, d->s[i].text, 0, NULL);
		d->s[i].at = at >= 0 ? (size_t)at : from;
		from = d->s[i].at;
	}
}

int
srctext_doc_read(const char *text, size_t len, struct srctext_doc *d)
{
	struct reader r;
	const char *p = text, *end = text + len, *nl;
	char *whole;
	int line = 1;

	memset(d, 0, sizeof *d);
	memset(&r, 0, sizeof r);
	r.d = d;
	while (p < end && !r.oom) {
		nl = memchr(p, '\n', (size_t)(end - p));
		read_line(&r, p, (size_t)((nl != NULL ? nl : end) - p), line++);
		p = nl != NULL ? nl + 1 : end;
	}
	flush(&r);
	free(r.b.text);
	free(r.b.line);
	whole = r.oom ? NULL : strndup(text, len);
	d->norm = whole != NULL ? srctext_norm(whole) : NULL;
	free(whole);
	if (d->norm == NULL) {
		srctext_doc_free(d);
		return -1;
	}
	locate(d);
	return 0;
}

void
srctext_doc_free(struct srctext_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->s[i].text);
	free(d->s);
	free(d->norm);
	memset(d, 0, sizeof *d);
}

/* ---- time spans ---------------------------------------------------------- */

static const char *const small[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen",
};
static const char *const tens[] = {
	"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
};

/* A number in digits or words at the start of words[i..]: its value and
 * the words it took (*used), or -1. */
static long
number_at(char **w, size_t n, size_t i, size_t *used)
{
	long v = -1, u;
	size_t k;
	char *dash;

	*used = 1;
	if (isdigit((unsigned char)w[i][0]))
		return strspn(w[i], "0123456789") == strlen(w[i]) ? strtol(w[i], NULL, 10) : -1;
	for (k = 0; k < 20; k++)
		if (strcmp(w[i], small[k]) == 0)
			return (long)k;
	dash = strchr(w[i], '-');
	for (k = 2; k < 10; k++) {
		size_t tl = strlen(tens[k]);

		if (strncmp(w[i], tens[k], tl) != 0)
			continue;
		v = (long)k * 10;
		if (w[i][tl] == '\0' && i + 1 < n) {   /* "twenty four" */
			for (u = 1; u < 10; u++)
				if (strcmp(w[i + 1], small[u]) == 0) {
					*used = 2;
					return v + u;
				}
			return v;
		}
		if (dash == w[i] + tl)                  /* "twenty-four" */
			for (u = 1; u < 10; u++)
				if (strcmp(dash + 1, small[u]) == 0)
					return v + u;
		return w[i][tl] == '\0' ? v : -1;
	}
	return -1;
}

static long
unit_minutes(const char *w)
{
	static const struct { const char *name; long minutes; } units[] = {
		{ "minute", 1 }, { "minutes", 1 }, { "hour", 60 }, { "hours", 60 },
		{ "day", 1440 }, { "days", 1440 }, { "week", 10080 }, { "weeks", 10080 },
	};
	size_t i;

	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(w, units[i].name) == 0)
			return units[i].minutes;
	return 0;
}

size_t
srctext_clocks(const char *s, long *out, size_t max)
{
	char *low = strdup(s), *w[256], *p, *save = NULL;
	size_t n = 0, i, used, got = 0;
	long v, unit;

	if (low == NULL)
		return 0;
	for (p = low; *p != '\0'; p++)
		*p = isalnum((unsigned char)*p) || *p == '-' ? (char)tolower((unsigned char)*p) : ' ';
	for (p = strtok_r(low, " ", &save); p != NULL && n < 256; p = strtok_r(NULL, " ", &save))
		w[n++] = p;
	for (i = 0; i < n && got < max; i++) {
		if ((strcmp(w[i], "same") == 0 && i + 1 < n && strcmp(w[i + 1], "day") == 0) ||
		    strcmp(w[i], "same-day") == 0) {
			out[got++] = POLICY_SAME_DAY;
			continue;
		}
		if ((v = number_at(w, n, i, &used)) < 0 || i + used >= n)
			continue;
		if ((unit = unit_minutes(w[i + used])) > 0)
			out[got++] = v * unit;
	}
	free(low);
	return got;
}
