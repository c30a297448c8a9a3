/* core_quiz.c - lenient quiz matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalises),
		cmocka_unit_test(distance),
		cmocka_unit_test(matches_leniently),
		cmocka_unit_test(short_answers_need_exact_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
