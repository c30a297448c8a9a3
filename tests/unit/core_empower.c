/* core_empower.c - the empowerment rule, on a policy built in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cslog/empower.h"

static char ids[7][16] = { "customer", "department", "legal", "safe",
                             "level", "accountable", "values" };

static void
make_policy(struct policy *p)
{
	size_t i;
	static char id[] = "test";

	memset(p, 0, sizeof *p);
	p->id = id;
	for (i = 0; i < 7; i++) {
		p->questions[i].id = ids[i];
		p->questions[i].text = ids[i];
	}
	p->n_questions = 7;
}

static void
all_yes_is_empowered(void **state)
{
	struct policy p;
	enum answer a[7];
	struct empower_result r;
	size_t i;

	(void)state;
	make_policy(&p);
	for (i = 0; i < 7; i++)
		a[i] = ANSWER_YES;
	assert_int_equal(empower_evaluate(&p, a, 7, &r, NULL), CS_OK);
	assert_true(r.empowered);
	assert_int_equal(r.n_failed, 0);
}

static void
any_no_fails_and_names_the_questions(void **state)
{
	struct policy p;
	enum answer a[7];
	struct empower_result r;
	size_t i;

	(void)state;
	make_policy(&p);
	for (i = 0; i < 7; i++)
		a[i] = ANSWER_YES;
	a[3] = ANSWER_NO;  /* safe */
	a[4] = ANSWER_NO;  /* level */
	assert_int_equal(empower_evaluate(&p, a, 7, &r, NULL), CS_OK);
	assert_false(r.empowered);
	assert_int_equal(r.n_failed, 2);
	assert_int_equal(r.failed[0], 3);
	assert_int_equal(r.failed[1], 4);
}

static void
unanswered_is_an_error_not_a_no(void **state)
{
	struct policy p;
	enum answer a[7];
	struct empower_result r;
	struct cs_err err;
	size_t i;

	(void)state;
	make_policy(&p);
	for (i = 0; i < 7; i++)
		a[i] = ANSWER_NO;
	a[5] = ANSWER_UNSET;
	assert_int_equal(empower_evaluate(&p, a, 7, &r, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "'accountable' is not answered"));
	assert_false(r.empowered);
}

static void
wrong_number_of_answers_is_an_error(void **state)
{
	struct policy p;
	enum answer a[7] = { ANSWER_YES };
	struct empower_result r;
	struct cs_err err;

	(void)state;
	make_policy(&p);
	assert_int_equal(empower_evaluate(&p, a, 6, &r, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "7 questions, 6 answers"));
}

static void
parses_answers(void **state)
{
	(void)state;
	assert_int_equal(empower_parse_answer("YES"), ANSWER_YES);
	assert_int_equal(empower_parse_answer("n"), ANSWER_NO);
	assert_int_equal(empower_parse_answer("maybe"), ANSWER_UNSET);
	assert_int_equal(empower_parse_answer(NULL), ANSWER_UNSET);
	assert_string_equal(empower_answer_name(ANSWER_NO), "no");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(all_yes_is_empowered),
		cmocka_unit_test(any_no_fails_and_names_the_questions),
		cmocka_unit_test(unanswered_is_an_error_not_a_no),
		cmocka_unit_test(wrong_number_of_answers_is_an_error),
		cmocka_unit_test(parses_answers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
