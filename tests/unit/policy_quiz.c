/* policy_quiz.c - the quiz grader on every item of the four shipped
 * policies: each answer, accepted and rejected answer graded as the file
 * says; then, made from each answer, a wrong number (in digits and in
 * words), each key term missing, a near miss of another word, and the
 * forgiven forms (a misspelt key term, another word order, filler).
 * Then the cases where one agency's wording is not another's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ctype.h>

#include "cslog/policy_load.h"
#include "cslog/quiz.h"

#define TEXT_MAX 4096

static struct policy *
load(const char *id)
{
	struct policy_diags d = { 0 };
	const char *src = getenv("CSLOG_SOURCE_DIR");
	char path[1024];
	struct policy *p;

	snprintf(path, sizeof path, "%s/policies/%s.yaml", src ? src : ".", id);
	p = policy_load_file(path, &d);
	if (p == NULL)
		fail_msg("%s does not load", path);
	policy_diags_free(&d);
	return p;
}

/* Grade and check the verdict; on failure, say which item and why. */
static void
expect(const struct policy *p, const struct policy_quiz *q, const char *typed, bool right,
       const char *what)
{
	struct quiz_grade g;
	char why[512];

	quiz_grade(q, typed, &g);
	quiz_grade_text(q, &g, why, sizeof why);
	if (g.right != right)
		fail_msg("%s %s, %s: \"%s\" graded %s", p->id, q->id, what, typed, why);
}

/* The words of s, lower case, apostrophes dropped, one space between. */
static void
words(const char *s, char *out, size_t len)
{
	size_t o = 0;
	bool gap = false;

	for (; *s != '\0' && o + 2 < len; s++) {
		if (*s == '\'')
			continue;
		if (strncmp(s, "\xe2\x80\x99", 3) == 0) {   /* ’ */
			s += 2;
			continue;
		}
		if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80) {
			if (gap && o > 0)
				out[o++] = ' ';
			gap = false;
			out[o++] = (char)tolower((unsigned char)*s);
		} else {
			gap = true;
		}
	}
	out[o] = '\0';
}

/* Is tok the word w, or w with a plural or -ed/-ing ending (or w tok's)? */
static bool
same_word(const char *tok, const char *w)
{
	static const char *const ends[] = { "", "s", "es", "ed", "d", "ing" };
	size_t lt = strlen(tok), lw = strlen(w), i;

	for (i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		if (lt == lw + strlen(ends[i]) && strncmp(tok, w, lw) == 0 &&
		    strcmp(tok + lw, ends[i]) == 0)
			return true;
		if (lw == lt + strlen(ends[i]) && strncmp(w, tok, lt) == 0 &&
		    strcmp(w + lt, ends[i]) == 0)
			return true;
	}
	return false;
}

/* s without the word w (every time, in any of its forms), or with it
 * replaced by `by`. */
static void
replace_word(const char *s, const char *w, const char *by, char *out, size_t len)
{
	char buf[TEXT_MAX], *tok, *save = NULL;
	size_t o = 0;

	words(s, buf, sizeof buf);
	out[0] = '\0';
	for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		const char *put = same_word(tok, w) ? by : tok;

		if (*put != '\0' && o + strlen(put) + 2 < len)
			o += (size_t)snprintf(out + o, len - o, "%s%s", o ? " " : "", put);
	}
}

/* The words of s in reverse order, after some filler. */
static void
reversed(const char *s, char *out, size_t len)
{
	char buf[TEXT_MAX], *w[512];
	size_t n = 0, o;
	char *tok, *save = NULL;

	words(s, buf, sizeof buf);
	for (tok = strtok_r(buf, " ", &save); tok != NULL && n < 512; tok = strtok_r(NULL, " ", &save))
		w[n++] = tok;
	o = (size_t)snprintf(out, len, "um, I think it is");
	while (n > 0 && o + strlen(w[n - 1]) + 2 < len)
		o += (size_t)snprintf(out + o, len - o, " %s", w[--n]);
}

/* The first number of s, or -1. */
static long
first_number(const char *s)
{
	for (; *s != '\0'; s++)
		if (isdigit((unsigned char)*s))
			return strtol(s, NULL, 10);
	return -1;
}

static void
wrong_numbers(const struct policy *p, const struct policy_quiz *q)
{
	static const char *const in_words[] = { "zero", "one", "two", "three", "four", "five",
	                                        "six", "seven", "eight", "nine", "ten" };
	char num[24], other[24], typed[TEXT_MAX];
	long n = first_number(q->answer);

	if (n < 0) {   /* no number: one added is a fact the document does not give */
		snprintf(typed, sizeof typed, "%s 97", q->answer);
		expect(p, q, typed, false, "a number added");
		snprintf(typed, sizeof typed, "%s, seven of them", q->answer);
		expect(p, q, typed, false, "a number added in words");
		return;
	}
	snprintf(num, sizeof num, "%ld", n);
	snprintf(other, sizeof other, "%ld", n * 2);
	replace_word(q->answer, num, other, typed, sizeof typed);
	expect(p, q, typed, false, "another number");
	if (n + 1 <= 10) {
		replace_word(q->answer, num, in_words[n + 1], typed, sizeof typed);
		expect(p, q, typed, false, "another number, in words");
	}
}

/* Each key term missing, or replaced by a near miss ("un" + it): never
 * right by the answer (an accepted answer without that term may be). */
static void
missing_terms(const struct policy *p, const struct policy_quiz *q)
{
	char keys[TEXT_MAX], typed[TEXT_MAX], near[128], why[512], *k, *save = NULL;
	struct quiz_grade g;

	quiz_key_terms(q, keys, sizeof keys);
	assert_true(keys[0] != '\0');
	for (k = strtok_r(keys, ", ", &save); k != NULL; k = strtok_r(NULL, ", ", &save)) {
		replace_word(q->answer, k, "", typed, sizeof typed);
		quiz_grade(q, typed, &g);
		quiz_grade_text(q, &g, why, sizeof why);
		if (g.right && g.candidate == 0)
			fail_msg("%s %s: without '%s', \"%s\" is still right by the answer", p->id,
			         q->id, k, typed);
		snprintf(near, sizeof near, "un%s", k);
		replace_word(q->answer, k, near, typed, sizeof typed);
		quiz_grade(q, typed, &g);
		if (g.right && g.candidate == 0)
			fail_msg("%s %s: with '%s' for '%s', \"%s\" is still right by the answer",
			         p->id, q->id, near, k, typed);
	}
}

/* A misspelt key term (its 2nd and 3rd letters swapped), the words in
 * another order with filler: still right. */
static void
forgiven(const struct policy *p, const struct policy_quiz *q)
{
	char keys[TEXT_MAX], typed[TEXT_MAX], longest[64] = "", typo[64], *k, *save = NULL;

	reversed(q->answer, typed, sizeof typed);
	expect(p, q, typed, true, "another word order, with filler");
	quiz_key_terms(q, keys, sizeof keys);
	for (k = strtok_r(keys, ", ", &save); k != NULL; k = strtok_r(NULL, ", ", &save))
		if (strlen(k) > strlen(longest) && !isdigit((unsigned char)k[0]))
			snprintf(longest, sizeof longest, "%s", k);
	if (strlen(longest) < 6)
		return;
	snprintf(typo, sizeof typo, "%s", longest);
	typo[1] = longest[2];
	typo[2] = longest[1];
	replace_word(q->answer, longest, typo, typed, sizeof typed);
	expect(p, q, typed, true, "a misspelt key term");
}

static void
every_item(const char *id)
{
	struct policy *p = load(id);
	size_t i, k;

	assert_true(p->n_quiz > 0);
	for (i = 0; i < p->n_quiz; i++) {
		const struct policy_quiz *q = &p->quiz[i];

		expect(p, q, q->answer, true, "the answer itself");
		for (k = 0; k < q->n_accept; k++)
			expect(p, q, q->accept[k], true, "an accepted answer");
		for (k = 0; k < q->reject.n; k++)
			expect(p, q, q->reject.v[k], false, "a rejected answer");
		expect(p, q, "", false, "nothing");
		expect(p, q, "not sure", false, "a 'not'");
		wrong_numbers(p, q);
		missing_terms(p, q);
		forgiven(p, q);
	}
	policy_free(p);
}

static void bsofr_items(void **state) { (void)state; every_item("bsofr"); }
static void phoenix_items(void **state) { (void)state; every_item("phoenix"); }
static void bes_items(void **state) { (void)state; every_item("bes"); }
static void rochester_items(void **state) { (void)state; every_item("rochester"); }

static const struct policy_quiz *
item(const struct policy *p, const char *id)
{
	int i = policy_quiz_index(p, id);

	if (i < 0)
		fail_msg("%s has no quiz item %s", p->id, id);
	return &p->quiz[i];
}

/* Where the documents differ, one agency's wording is wrong for the
 * other; and the facts the issue names. */
static void
another_agencys_wording(void **state)
{
	struct policy *b = load("bsofr"), *x = load("phoenix"), *s = load("bes"),
	              *r = load("rochester");

	(void)state;
	expect(x, item(x, "organizational-behavior"), "customer focused", false, "BSOFR's words");
	expect(x, item(x, "organizational-behavior"), "focused on the customer", false,
	       "BSOFR's answer");
	expect(x, item(x, "organizational-behavior"), "oriented toward the customer", true,
	       "its own words, reordered");
	expect(b, item(b, "organizational-behavior"), "customer oriented", false, "Phoenix's");
	expect(x, item(x, "empowerment-questions"), item(b, "empowerment-criteria")->answer,
	       false, "BSOFR's questions (no 'nice')");
	expect(b, item(b, "empowerment-criteria"), item(x, "empowerment-questions")->answer,
	       false, "Phoenix's questions ('legal, ethical, and nice')");
	expect(x, item(x, "benefits"), item(b, "benefits")->answer, false, "BSOFR's benefits");
	expect(b, item(b, "what-is-a-customer"), "one who buys goods or services", false,
	       "the dictionary's definition");
	expect(b, item(b, "what-is-a-customer"), "any person with whom one has dealings", false,
	       "the dictionary's informal definition");
	expect(s, item(s, "voice-mail-clock"), "same day or at very least 48 hours", false,
	       "48 hours");
	expect(s, item(s, "voice-mail-clock"), "within twenty-four hours", true, "24 in words");
	expect(s, item(s, "voice-mail-clock"), "within two days", false, "two days");
	expect(r, item(r, "four-rings"), "five rings", false, "five rings");
	expect(r, item(r, "four-rings"), "within four rings", true, "four in words");
	expect(r, item(r, "four-rings"), "4 rings or 5", false, "a second number");
	expect(b, item(b, "leadership-and-service"), "visible to the customer, enormously obvious",
	       false, "visible is not invisible");
	expect(b, item(b, "most-valuable-resource"), "not the membership", false, "a negation");
	policy_free(b);
	policy_free(x);
	policy_free(s);
	policy_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bsofr_items),
		cmocka_unit_test(phoenix_items),
		cmocka_unit_test(bes_items),
		cmocka_unit_test(rochester_items),
		cmocka_unit_test(another_agencys_wording),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
