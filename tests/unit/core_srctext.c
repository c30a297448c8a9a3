/* core_srctext.c - a document's text as a policy quotes it: what is
 * normalised (white space, curly quotes, "…", line-end hyphens) and
 * nothing else; quotations with ellipses and lists; passages in
 * quotation marks; time spans; a document read as items. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "srctext.h"

static void
normalises_only_what_extraction_changes(void **state)
{
	char *n;

	(void)state;
	n = srctext_norm("  Respect:\xc2\xa0 Treating\n\tall   people  ");
	assert_string_equal(n, "Respect: Treating all people");
	free(n);
	n = srctext_norm("the community\xe2\x80\x99s \xe2\x80\x9chigher\xe2\x80\x9d opportunity to\xe2\x80\xa6");
	assert_string_equal(n, "the community's \"higher\" opportunity to...");
	free(n);
	n = srctext_norm("Case, Spelling; and PUNCTUATION!");
	assert_string_equal(n, "Case, Spelling; and PUNCTUATION!");
	free(n);
}

static void
finds_whole_words_case_and_punctuation_kept(void **state)
{
	const char *doc = "PROCEDURES and the PROCEDURE: Respond to voice mail same day.";

	(void)state;
	assert_int_equal(srctext_find(doc, "PROCEDURE", 0, NULL), 19);
	assert_int_equal(srctext_find(doc, "procedure", 0, NULL), -1);
	assert_int_equal(srctext_find(doc, "voice mail same", 0, NULL), 41);
	assert_int_equal(srctext_find(doc, "voice-mail same", 0, NULL), -1);
	assert_int_equal(srctext_find(doc, "same day!", 0, NULL), -1);
	assert_int_equal(srctext_find(doc, "ice mail", 0, NULL), -1);   /* not a whole word */
}

static void
forgives_a_line_end_hyphen(void **state)
{
	size_t end;

	(void)state;
	assert_int_equal(srctext_find("the op-portunity to leave", "opportunity to", 0, &end), 4);
	assert_int_equal(end, 19);
	assert_true(srctext_find("the op- portunity to", "opportunity", 0, NULL) == 4);
	assert_true(srctext_find("the opportunity", "op-portunity", 0, NULL) == 4);
	assert_true(srctext_find("a long-term relationship", "long-term", 0, NULL) == 2);
	assert_true(srctext_find("Op-portunity", "Opportunity", 0, NULL) == 0);
	assert_true(srctext_find("fire/rescue", "firerescue", 0, NULL) == -1);
}

static void
quotations_with_ellipses_lists_and_lines(void **state)
{
	const char *doc = "* The actual service recipient * Anyone who knows or is closely "
	                  "related to the service recipient. (family, friends) * People we "
	                  "encounter, directly";
	size_t at;

	(void)state;
	assert_true(srctext_quote_found(doc, "The actual service recipient; Anyone who knows or is "
	                                "closely related to the service recipient...; People we "
	                                "encounter", 0, &at));
	assert_int_equal(at, 2);
	assert_true(srctext_quote_found(doc, "The actual service recipient\nPeople we encounter",
	                                0, NULL));
	assert_false(srctext_quote_found(doc, "People we encounter; The actual service recipient",
	                                 0, NULL));   /* out of order */
	assert_true(srctext_quote_found(doc, "Anyone who knows \xe2\x80\xa6 (family, friends)", 0,
	                                NULL));
	assert_false(srctext_quote_found(doc, "Anyone who knows or is related", 0, NULL));
	assert_false(srctext_quote_found(doc, "...", 0, NULL));
}

static void
sentences_within_texts(void **state)
{
	(void)state;
	assert_true(srctext_within("Explain actions", "Determine needs; Explain actions; Go"));
	assert_true(srctext_within("It is the right thing to do.", "It is the right thing to do"));
	assert_true(srctext_within("Every interaction with our customers is an opportunity to...",
	                           "Every interaction with our customers is an opportunity to..."));
	assert_false(srctext_within("Recognition gives a sense of pride.",
	                            "Recognition: ... gives a sense of pride."));
	assert_false(srctext_within("PROCEDURE", "STANDARD OPERATING PROCEDURES"));
}

struct got {
	char v[4][64];
	size_t n;
};

static void
keep(void *ctx, const char *p, size_t n)
{
	struct got *g = ctx;

	if (g->n < 4)
		snprintf(g->v[g->n++], sizeof g->v[0], "%.*s", (int)n, p);
}

static void
passages_in_quotation_marks(void **state)
{
	struct got g = { .n = 0 };

	(void)state;
	srctext_passages("He said \"Explain actions\" and \xe2\x80\x9cgoes to a \"higher "
	                 "authority\" or\xe2\x80\x9d, then \"unclosed", keep, &g);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.v[0], "Explain actions");
	assert_string_equal(g.v[1], "goes to a \"higher authority\" or");
}

static void
time_spans(void **state)
{
	long c[8];

	(void)state;
	assert_int_equal(srctext_clocks("Respond to voice mail same day or at very least 24 hours",
	                                c, 8), 2);
	assert_int_equal(c[0], -1);
	assert_int_equal(c[1], 24 * 60);
	assert_int_equal(srctext_clocks("within two days, or twenty-four hours, or 30 minutes", c,
	                                8), 3);
	assert_int_equal(c[0], 2 * 1440);
	assert_int_equal(c[1], 24 * 60);
	assert_int_equal(c[2], 30);
	assert_int_equal(srctext_clocks("within 4 rings, a thousand times", c, 8), 0);
}

static void
a_document_read_as_items(void **state)
{
	static const char doc[] =
		"What is a customer?\n\n"
		"Examples of our customers\n\n"
		"* The actual service recipient\n"
		"* Anyone who knows the recipient. (family, pets)\n\n"
		"Respect:\xc2\xa0Treating all people with respect; valuing diverse perspectives.\n"
		"1. Treat all customers with respect. We will respond quickly, and\n"
		"positively to every customer.\n"
		"d.\n\n"
		"Our mission is to deliver service (e.g., help). Our members are responsible:\n"
		"PROCEDURE\n"
		"Page 1 of 2\n";
	struct srctext_doc d;
	size_t i;

	(void)state;
	assert_int_equal(srctext_doc_read(doc, sizeof doc - 1, &d), 0);
	assert_int_equal(d.n, 12);
	assert_string_equal(d.s[0].text, "What is a customer?");
	assert_string_equal(d.s[2].text, "The actual service recipient");
	assert_true(d.s[2].entry);
	assert_string_equal(d.s[3].text, "Anyone who knows the recipient. (family, pets)");
	assert_string_equal(d.s[4].text, "Respect");               /* a heading before ':' */
	assert_int_equal(d.s[4].line, 8);
	assert_string_equal(d.s[6].text, "Treat all customers with respect.");
	assert_string_equal(d.s[7].text,                          /* a wrapped line joined */
	                    "We will respond quickly, and positively to every customer.");
	assert_int_equal(d.s[6].item, d.s[7].item);               /* one entry, two sentences */
	assert_string_equal(d.s[8].text, "Our mission is to deliver service (e.g., help).");
	assert_true(d.s[8].item != d.s[9].item);                  /* a paragraph: one each */
	assert_string_equal(d.s[10].text, "PROCEDURE");
	assert_string_equal(d.s[11].text, "Page 1 of 2");
	assert_int_equal(d.items, 11);
	for (i = 1; i < d.n; i++)
		assert_true(d.s[i].at > d.s[i - 1].at);
	srctext_doc_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalises_only_what_extraction_changes),
		cmocka_unit_test(finds_whole_words_case_and_punctuation_kept),
		cmocka_unit_test(forgives_a_line_end_hyphen),
		cmocka_unit_test(quotations_with_ellipses_lists_and_lines),
		cmocka_unit_test(sentences_within_texts),
		cmocka_unit_test(passages_in_quotation_marks),
		cmocka_unit_test(time_spans),
		cmocka_unit_test(a_document_read_as_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
