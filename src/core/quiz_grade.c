/* quiz_grade.c - grading a typed quiz answer: lenient about spelling,
 * case, word order and filler, never about a fact (see quiz.h). */
#include "cslog/quiz.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORD_MAX 48
#define WORDS_MAX 200

struct words {
	char w[WORDS_MAX][WORD_MAX];
	size_t n;
};

/* Words that carry no fact, and filler. */
static const char *const small_words[] = {
	"a", "an", "the", "of", "to", "and", "or", "in", "on", "for", "with", "is", "are",
	"was", "were", "be", "been", "being", "it", "its", "that", "this", "these", "those",
	"we", "our", "ours", "us", "you", "your", "yours", "i", "my", "me", "mine", "they",
	"their", "theirs", "them", "he", "she", "his", "her", "him", "as", "at", "by", "from",
	"will", "would", "shall", "should", "could", "may", "might", "must", "do",
	"does", "did", "when", "what", "which", "who", "whom", "whose", "how", "if", "then",
	"than", "so", "such", "there", "here", "into", "onto", "about", "also", "all", "any",
	"each", "every", "some", "within", "have", "has", "had", "get", "gets", "im",
	"um", "uh", "er", "erm", "hmm", "well", "like", "basically", "maybe", "probably",
	"perhaps", "think", "guess", "say", "answer", "ok", "okay", "please", "really",
	"actually", "sure", "yeah", "etc", "eg", "ie",
};

static const char *const negations[] = {
	"not", "no", "never", "dont", "doesnt", "didnt", "cant", "cannot", "wont", "isnt",
	"arent", "wasnt", "without", "nor", "neither", "none", "nobody", "nothing",
};

static const char *const ones[] = {
	"zero", "", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen",
};
static const char *const tens[] = {
	"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
};

static bool
in_list(const char *w, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

#define IN(w, list) in_list((w), (list), sizeof (list) / sizeof (list)[0])

static bool
is_number(const char *w)
{
	return *w != '\0' && strspn(w, "0123456789") == strlen(w);
}

static bool
is_negation(const char *w)
{
	return IN(w, negations);
}

/* The value of a number word ("one" is left a word: it is a pronoun as
 * often), or -1. */
static int
word_value(const char *w, bool tens_only)
{
	int i;

	for (i = 2; i < 10; i++)
		if (strcmp(w, tens[i]) == 0)
			return i * 10;
	for (i = 0; !tens_only && i < 20; i++)
		if (*ones[i] != '\0' && strcmp(w, ones[i]) == 0)
			return i;
	return -1;
}

static void
push(struct words *out, const char *w)
{
	if (out->n < WORDS_MAX && *w != '\0')
		snprintf(out->w[out->n++], WORD_MAX, "%s", w);
}

/* Push w unless it is there already. */
static void
push_new(struct words *out, const char *w)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		if (strcmp(out->w[i], w) == 0)
			return;
	push(out, w);
}

/* Split s into lower-case words (apostrophes dropped: "department's" is
 * "departments"); numbers in words become digits; with content, the
 * small words are left out. */
static void
split(const char *s, bool content, struct words *out)
{
	struct words raw;
	const unsigned char *p = (const unsigned char *)s;
	char w[WORD_MAX];
	size_t n = 0, i;
	int v, u;

	raw.n = 0;
	out->n = 0;
	for (;; p++) {
		if (*p == '\'' || (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99))) {
			p += *p == '\'' ? 0 : 2;
			continue;
		}
		if (isalnum(*p) || *p >= 0x80) {
			if (n + 1 < sizeof w)
				w[n++] = (char)tolower(*p);
			continue;
		}
		w[n] = '\0';
		push(&raw, w);
		n = 0;
		if (*p == '\0')
			break;
	}
	for (i = 0; i < raw.n; i++) {
		if ((v = word_value(raw.w[i], true)) > 0 && i + 1 < raw.n &&
		    (u = word_value(raw.w[i + 1], false)) > 0 && u < 10) {
			snprintf(w, sizeof w, "%d", v + u);   /* twenty four, twenty-four */
			i++;
		} else if ((v = word_value(raw.w[i], false)) >= 0) {
			snprintf(w, sizeof w, "%d", v);
		} else {
			snprintf(w, sizeof w, "%s", raw.w[i]);
		}
		if (!content || !(IN(w, small_words) || (w[1] == '\0' && !isdigit((unsigned char)w[0]))))
			push(out, w);
	}
}

/* "services" is "service", "abilities" "ability", "ended" "end". */
static void
base(const char *w, char *out, size_t len)
{
	size_t n = strlen(w);

	snprintf(out, len, "%s", w);
	if (n > 4 && strcmp(w + n - 3, "ies") == 0)
		snprintf(out + n - 3, len - (n - 3), "y");
	else if (n > 5 && strcmp(w + n - 3, "ing") == 0)
		out[n - 3] = '\0';
	else if (n > 4 && strcmp(w + n - 2, "ed") == 0)
		out[n - 2] = '\0';
	else if (n > 4 && strcmp(w + n - 2, "es") == 0 && strchr("sxzh", w[n - 3]) != NULL)
		out[n - 2] = '\0';
	else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
		out[n - 1] = '\0';
}

static size_t
allowed_typos(size_t len)
{
	if (len < 5)
		return 0;
	if (len <= 12)
		return 1;
	return 1 + (len - 12) / 8;
}

/* Is typed word t the word w (forgiving spelling, not numbers)? */
static bool
same_word(const char *w, const char *t)
{
	char bw[WORD_MAX], bt[WORD_MAX];
	size_t lw = strlen(w), lt = strlen(t), cap;

	if (strcmp(w, t) == 0)
		return true;
	if (is_number(w) || is_number(t))
		return false;
	base(w, bw, sizeof bw);
	base(t, bt, sizeof bt);
	if (strcmp(bw, bt) == 0)
		return true;
	cap = allowed_typos(lw < lt ? lw : lt);
	return cap > 0 && quiz_distance(w, t, cap) <= cap;
}

static bool
has_word(const struct words *ws, const char *w)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		if (same_word(ws->w[i], w))
			return true;
	return false;
}

/* Append word w to a comma list in buf. */
static void
list_add(char *buf, size_t len, const char *w)
{
	size_t n = strlen(buf);

	if (n + 1 < len)
		snprintf(buf + n, len - n, "%s%s", n ? ", " : "", w);
}

/* The key terms of candidate c of q: 0 the answer (its key-terms when
 * given), else accept[c - 1]. */
/* The key terms of candidate c of q: 0 the answer (every word of its
 * key-terms when given), else accept[c - 1]; each once. */
static void
keys_of(const struct policy_quiz *q, int c, struct words *out)
{
	struct words *one = malloc(sizeof *one);
	size_t i, k;

	out->n = 0;
	if (one == NULL)
		return;
	if (c == 0 && q->key_terms.n > 0) {
		for (i = 0; i < q->key_terms.n; i++) {
			split(q->key_terms.v[i], false, one);
			for (k = 0; k < one->n; k++)
				push_new(out, one->w[k]);
		}
	} else {
		split(c == 0 ? q->answer : q->accept[c - 1], true, one);
		for (k = 0; k < one->n; k++)
			push_new(out, one->w[k]);
	}
	free(one);
}

/* How candidate keys fit typed words t: missing key terms and words of
 * t not among the item's known words, each listed in buf. */
static size_t
missing(const struct words *keys, const struct words *t, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < keys->n; i++) {
		if (!has_word(t, keys->w[i])) {
			list_add(buf, len, keys->w[i]);
			n++;
		}
	}
	return n;
}

static size_t
extras(const struct words *t, const struct words *known, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < t->n; i++) {
		if (!has_word(known, t->w[i])) {
			list_add(buf, len, t->w[i]);
			n++;
		}
	}
	return n;
}

static size_t
extras_allowed(size_t keys)
{
	return keys / 3 > 2 ? keys / 3 : 2;
}

/* Does typed t hold every word of the rejected answer s? */
static bool
holds_rejected(const struct words *t, const char *s)
{
	struct words *k = malloc(sizeof *k);
	char buf[QUIZ_DETAIL_MAX];
	bool yes;

	if (k == NULL)
		return false;
	split(s, true, k);
	yes = k->n > 0 && missing(k, t, buf, sizeof buf) == 0;
	free(k);
	return yes;
}

struct work {
	struct words t, keys, known;
};

/* Every word the item's answers hold (the answer, its key terms, the
 * accepted ones). */
static void
known_words(const struct policy_quiz *q, struct words *known)
{
	struct words one;
	size_t i, k;

	split(q->answer, true, known);
	for (i = 0; i < q->key_terms.n + q->n_accept; i++) {
		split(i < q->key_terms.n ? q->key_terms.v[i] : q->accept[i - q->key_terms.n],
		      i >= q->key_terms.n, &one);
		for (k = 0; k < one.n; k++)
			if (!has_word(known, one.w[k]))
				push(known, one.w[k]);
	}
}

/* Numbers and negations: the facts no candidate may lack. */
static bool
check_facts(const struct work *x, struct quiz_grade *g)
{
	size_t i;

	for (i = 0; i < x->t.n; i++) {
		if (is_number(x->t.w[i]) && !has_word(&x->known, x->t.w[i])) {
			g->why = QUIZ_NUMBER;
			list_add(g->detail, sizeof g->detail, x->t.w[i]);
		}
	}
	for (i = 0; g->why == QUIZ_RIGHT && i < x->t.n; i++) {
		if (is_negation(x->t.w[i]) && !has_word(&x->known, x->t.w[i])) {
			g->why = QUIZ_NEGATION;
			list_add(g->detail, sizeof g->detail, x->t.w[i]);
		}
	}
	return g->why == QUIZ_RIGHT;
}

static void
grade_candidates(const struct policy_quiz *q, struct work *x, struct quiz_grade *g)
{
	char miss[QUIZ_DETAIL_MAX], extra[QUIZ_DETAIL_MAX];
	size_t m, e, best = (size_t)-1;
	int c;

	for (c = 0; c <= (int)q->n_accept; c++) {
		keys_of(q, c, &x->keys);
		if (x->keys.n == 0)
			continue;
		m = missing(&x->keys, &x->t, miss, sizeof miss);
		e = extras(&x->t, &x->known, extra, sizeof extra);
		if (m == 0 && e <= extras_allowed(x->keys.n)) {
			g->right = true;
			g->why = QUIZ_RIGHT;
			g->candidate = c;
			snprintf(g->detail, sizeof g->detail, "%s", extra);
			return;
		}
		/* the closest: fewest missing, as a share of its key terms */
		if (m * 1000 / x->keys.n < best) {
			best = m * 1000 / x->keys.n;
			g->candidate = c;
			g->why = m == 0 ? QUIZ_EXTRA : QUIZ_MISSING;
			snprintf(g->detail, sizeof g->detail, "%s", m == 0 ? extra : miss);
		}
	}
}

void
quiz_grade(const struct policy_quiz *q, const char *typed, struct quiz_grade *g)
{
	struct work *x = malloc(sizeof *x);
	size_t i;

	memset(g, 0, sizeof *g);
	g->candidate = -1;
	if (x == NULL) {
		g->why = QUIZ_EMPTY;
		return;
	}
	split(typed != NULL ? typed : "", true, &x->t);
	if (x->t.n == 0) {
		g->why = QUIZ_EMPTY;
		free(x);
		return;
	}
	for (i = 0; i < q->reject.n; i++) {
		if (holds_rejected(&x->t, q->reject.v[i])) {
			g->why = QUIZ_REJECTED;
			g->candidate = (int)i;
			free(x);
			return;
		}
	}
	known_words(q, &x->known);
	if (check_facts(x, g))
		grade_candidates(q, x, g);
	free(x);
}

bool
quiz_matches(const struct policy_quiz *q, const char *typed)
{
	struct quiz_grade g;

	quiz_grade(q, typed, &g);
	return g.right;
}

void
quiz_key_terms(const struct policy_quiz *q, char *buf, size_t len)
{
	struct words *k = malloc(sizeof *k);
	size_t i;

	if (len > 0)
		buf[0] = '\0';
	if (k == NULL)
		return;
	keys_of(q, 0, k);
	for (i = 0; i < k->n; i++)
		list_add(buf, len, k->w[i]);
	free(k);
}

/* buf = before + "(\"" + quoted + "\")" + after.  The quoted text is
 * whole when buf holds it; when it does not, it is cut at a word's end and
 * ends in an ellipsis (never mid-word, never silently). */
static void
quote(char *buf, size_t len, const char *before, const char *quoted, const char *after)
{
	static const char ellipsis[] = "\xe2\x80\xa6";   /* U+2026 */
	size_t fixed = strlen(before) + strlen(" (\"\")") + strlen(after), n = strlen(quoted);
	size_t room = len > fixed ? len - fixed - 1 : 0, cut;

	if (len == 0)
		return;
	if (n <= room) {
		snprintf(buf, len, "%s (\"%s\")%s", before, quoted, after);
		return;
	}
	cut = room > sizeof ellipsis - 1 ? room - (sizeof ellipsis - 1) : 0;
	while (cut > 0 && quoted[cut] != ' ')   /* back to a word's end */
		cut--;
	while (cut > 0 && (quoted[cut - 1] == ' ' || quoted[cut - 1] == ',' ||
	                   quoted[cut - 1] == ';'))
		cut--;
	snprintf(buf, len, "%s (\"%.*s%s\")%s", before, (int)cut, quoted, ellipsis, after);
}

void
quiz_grade_text(const struct policy_quiz *q, const struct quiz_grade *g, char *buf,
                size_t len)
{
	const char *cand = g->candidate > 0 && (size_t)g->candidate <= q->n_accept ?
	                   q->accept[g->candidate - 1] : q->answer;
	char before[QUIZ_DETAIL_MAX + 128];

	switch (g->why) {
	case QUIZ_RIGHT:
		if (g->candidate > 0)
			quote(buf, len, "right: it matches an accepted answer", cand, "");
		else
			snprintf(buf, len, "right: it holds the answer's key terms");
		if (g->detail[0] != '\0') {
			size_t n = strlen(buf);

			snprintf(buf + n, len - n, "; words of its own forgiven: %s", g->detail);
		}
		break;
	case QUIZ_EMPTY:
		snprintf(buf, len, "not right: no answer (nothing that carries a fact)");
		break;
	case QUIZ_REJECTED:
		quote(buf, len, "not right: that is a rejected answer", q->reject.v[g->candidate],
		      ", not the document's");
		break;
	case QUIZ_NUMBER:
		snprintf(before, sizeof before, "not right: it gives %s, a number the document's"
		         " answer does not", g->detail);
		quote(buf, len, before, q->answer, "");
		break;
	case QUIZ_NEGATION:
		snprintf(buf, len, "not right: it says '%s' where the document's answer does not",
		         g->detail);
		break;
	case QUIZ_MISSING:
		snprintf(before, sizeof before, "not right: it misses the key term%s %s",
		         strchr(g->detail, ',') ? "s" : "", g->detail);
		quote(buf, len, before, cand, "");
		break;
	case QUIZ_EXTRA:
		snprintf(buf, len, "not right: too much the document's answer does not say: %s",
		         g->detail);
		break;
	}
}
