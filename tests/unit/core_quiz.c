/* core_quiz.c - lenient quiz matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cslog/quiz.h"

static void
normalises(void **state)
{
	char buf[128];

	(void)state;
	quiz_normalise("  The Membership! ", buf, sizeof buf);
	assert_string_equal(buf, "membership");
	quiz_normalise("Focused on the customer.", buf, sizeof buf);
	assert_string_equal(buf, "focused on customer");
	quiz_normalise("an  A-team, department's", buf, sizeof buf);
	assert_string_equal(buf, "team departments");
}

static void
distance(void **state)
{
	(void)state;
	assert_int_equal(quiz_distance("kitten", "sitting", 5), 3);
	assert_int_equal(quiz_distance("same", "same", 0), 0);
	assert_int_equal(quiz_distance("membreship", "membership", 3), 1);
	assert_int_equal(quiz_distance("abc", "abcdefgh", 2), 3); /* capped */
}

static void
matches_leniently(void **state)
{
	static char answer[] = "The membership";
	static char alt[] = "our members";
	char *accept[] = { alt };
	struct policy_quiz q = { .answer = answer, .accept = accept, .n_accept = 1 };

	(void)state;
	assert_true(quiz_matches(&q, "membership"));
	assert_true(quiz_matches(&q, "the MEMBERSHIP."));
	assert_true(quiz_matches(&q, "membreship"));     /* one typo... */
	assert_true(quiz_matches(&q, "Our members!"));
	assert_false(quiz_matches(&q, "the equipment"));
	assert_false(quiz_matches(&q, "mbrshp"));        /* too far */
	assert_false(quiz_matches(&q, ""));
	assert_false(quiz_matches(&q, "the"));
}

static void
short_answers_need_exact_words(void **state)
{
	static char four[] = "4";
	struct policy_quiz q = { .answer = four };

	(void)state;
	assert_true(quiz_matches(&q, "4"));
	assert_false(quiz_matches(&q, "5"));
}

/* Each decision says why. */
static void
explains_its_decisions(void **state)
{
	static char answer[] = "within 4 rings", four[] = "4", rej[] = "five rings please";
	char *accept[] = { four };
	char *reject[] = { rej };
	struct policy_quiz q = { .answer = answer, .accept = accept, .n_accept = 1,
	                         .reject = { reject, 1 } };
	struct quiz_grade g;
	char why[512], keys[128];

	(void)state;
	quiz_key_terms(&q, keys, sizeof keys);
	assert_string_equal(keys, "4, rings");
	quiz_grade(&q, "Within FOUR rings.", &g);
	assert_true(g.right);
	assert_int_equal(g.candidate, 0);
	quiz_grade(&q, "4", &g);
	assert_true(g.right);
	quiz_grade_text(&q, &g, why, sizeof why);
	assert_string_equal(why, "right: it matches an accepted answer (\"4\")");
	quiz_grade(&q, "six rings", &g);
	assert_int_equal(g.why, QUIZ_NUMBER);
	quiz_grade_text(&q, &g, why, sizeof why);
	assert_non_null(strstr(why, "it gives 6, a number the document's answer does not"));
	quiz_grade(&q, "five rings, please", &g);
	assert_int_equal(g.why, QUIZ_REJECTED);
	quiz_grade(&q, "rings", &g);
	assert_int_equal(g.why, QUIZ_MISSING);
	quiz_grade_text(&q, &g, why, sizeof why);
	assert_non_null(strstr(why, "misses the key term 4"));
	quiz_grade(&q, "never 4 rings", &g);
	assert_int_equal(g.why, QUIZ_NEGATION);
	quiz_grade(&q, "4 rings then transfer to dispatch and log a ticket", &g);
	assert_int_equal(g.why, QUIZ_EXTRA);
	quiz_grade(&q, "the", &g);
	assert_int_equal(g.why, QUIZ_EMPTY);
}

/* The reason quotes the expected answer whole (the screen wraps it); a
 * buffer too small for it gets it cut at a word's end with an ellipsis,
 * never mid-word (it was "%.80s": "... have deali"). */
static void
quotes_the_answer_whole(void **state)
{
	static char answer[] = "any person who receives our services and anyone with whom our"
	                       " members have dealings";
	struct policy_quiz q = { .answer = answer };
	struct quiz_grade g;
	char why[512], small[160];
	const char *open;

	(void)state;
	quiz_grade(&q, "someone we serve", &g);
	assert_int_equal(g.why, QUIZ_MISSING);
	quiz_grade_text(&q, &g, why, sizeof why);
	assert_non_null(strstr(why, "(\"any person who receives our services and anyone with"
	                        " whom our members have dealings\")"));
	quiz_grade_text(&q, &g, small, sizeof small);
	assert_true(strlen(small) < sizeof small);
	open = strstr(small, "(\"any person");
	assert_non_null(open);
	/* cut after a whole word, then the ellipsis, the quote closed */
	assert_non_null(strstr(small, "\xe2\x80\xa6\")"));
	{
		size_t at = (size_t)(strstr(small, "\xe2\x80\xa6") - (open + 2));
		assert_true(at > 0 && at < strlen(answer));
		assert_true(answer[at] == ' ');   /* the word before it is whole */
		assert_memory_equal(open + 2, answer, at);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalises),
		cmocka_unit_test(distance),
		cmocka_unit_test(matches_leniently),
		cmocka_unit_test(short_answers_need_exact_words),
		cmocka_unit_test(explains_its_decisions),
		cmocka_unit_test(quotes_the_answer_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
