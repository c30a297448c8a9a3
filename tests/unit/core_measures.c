/* core_measures.c - the evaluation form of a policy and channel: which
 * standards can apply, a measure taking its standard's place and judged
 * by its value, one standing alone, targets from the policy's clock;
 * the defaults extended or replaced by a policy's own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cslog/measures.h"

static char *phone_only[] = { (char[]){ "phone" } };
static char *voice_only[] = { (char[]){ "voice-mail" } };

static struct policy_item channels[] = {
	{ .id = (char[]){ "phone" } }, { .id = (char[]){ "voice-mail" } },
	{ .id = (char[]){ "in-person" } },
};
static struct policy_standard standards[] = {
	{ .id = (char[]){ "listen" }, .text = (char[]){ "I will listen." }, .when = WHEN_ALWAYS },
	{ .id = (char[]){ "four-rings" }, .text = (char[]){ "Within 4 rings." }, .when = WHEN_CHANNEL,
	  .channels = phone_only, .n_channels = 1 },
	{ .id = (char[]){ "voice-mail" }, .text = (char[]){ "Same day." }, .when = WHEN_CHANNEL,
	  .channels = voice_only, .n_channels = 1 },
	{ .id = (char[]){ "refer" }, .text = (char[]){ "Refer." }, .when = WHEN_REFERRAL },
};
static struct policy_followup clocks[] = {
	{ .channel = (char[]){ "voice-mail" }, .target_minutes = POLICY_SAME_DAY,
	  .limit_minutes = 24 * 60 },
};

static struct measure_item defaults[] = {
	{ .id = (char[]){ "rings" }, .label = (char[]){ "Rings" }, .type = MEASURE_COUNT, .at_most = 4,
	  .standard = (char[]){ "four-rings" } },
	{ .id = (char[]){ "callback" }, .label = (char[]){ "Hours" }, .type = MEASURE_HOURS,
	  .at_most = MEASURE_AT_MOST_LIMIT, .standard = (char[]){ "voice-mail" } },
	{ .id = (char[]){ "needs-asked" }, .label = (char[]){ "Asked?" }, .type = MEASURE_YES_NO,
	  .at_most = MEASURE_NO_TARGET, .standard = (char[]){ "needs-met" }, .alone = true },
	{ .id = (char[]){ "greeting" }, .label = (char[]){ "Greeted?" }, .type = MEASURE_YES_NO,
	  .at_most = MEASURE_NO_TARGET, .standard = (char[]){ "greet" }, .alone = false },
};
static struct survey_question questions[] = {
	{ .id = (char[]){ "overall" }, .text = (char[]){ "Overall?" }, .scale = SCALE_1_5,
	  .headline = true },
	{ .id = (char[]){ "needs-met" }, .text = (char[]){ "Needs met?" }, .scale = SCALE_YES_NO },
};
static struct measures set = { NULL, defaults, 4, questions, 2 };

static void
fill(struct policy *p)
{
	memset(p, 0, sizeof *p);
	p->id = (char[]){ "test" };
	p->channels = channels;
	p->n_channels = 3;
	p->standards = standards;
	p->n_standards = 4;
	p->followups = clocks;
	p->n_followups = 1;
}

static const struct eval_slot *
find(const struct eval_slot *v, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return &v[i];
	return NULL;
}

/* The slot, which must be on the form. */
static const struct eval_slot *
slot(const struct eval_slot *v, size_t n, const char *id)
{
	static const struct eval_slot none;
	const struct eval_slot *s = find(v, n, id);

	if (s == NULL)
		fail_msg("%s is not on the form", id);
	return s != NULL ? s : &none;
}

static void
release(struct policy *p)
{
	free(p->eval);
	free(p->survey);
	p->eval = NULL;
	p->survey = NULL;
}

static void
form_by_channel(void **state)
{
	struct policy p;
	struct eval_slot v[16];
	size_t n;

	(void)state;
	fill(&p);
	assert_int_equal(measures_apply(&set, &p), 0);
	n = eval_form(&p, "phone", v, 16);
	/* listen, four-rings (measured: rings), refer (circumstantial), needs-asked alone */
	assert_int_equal(n, 4);
	assert_non_null(find(v, n, "listen"));
	assert_null(find(v, n, "voice-mail"));          /* another channel's */
	assert_non_null(find(v, n, "refer"));           /* not observed unless it arose */
	assert_null(find(v, n, "rings"));               /* in four-rings' place */
	assert_true(eval_measured(slot(v, n, "four-rings")));
	assert_int_equal(slot(v, n, "four-rings")->at_most, 4);
	assert_non_null(find(v, n, "needs-asked"));     /* alone: no such standard */
	assert_null(find(v, n, "greeting"));            /* not alone */
	assert_false(eval_measured(slot(v, n, "listen")));
	/* Voice mail: held to the policy's limit, 24 hours. */
	n = eval_form(&p, "voice-mail", v, 16);
	assert_int_equal(slot(v, n, "voice-mail")->at_most, 24 * 60);
	assert_null(find(v, n, "four-rings"));
	release(&p);
}

static void
judged_by_value(void **state)
{
	struct policy p;
	struct eval_slot v[16];
	const struct eval_slot *s;
	size_t n;

	(void)state;
	fill(&p);
	measures_apply(&set, &p);
	n = eval_form(&p, "phone", v, 16);
	s = slot(v, n, "four-rings");
	assert_int_equal(eval_judge(s, 4), EVAL_MET);
	assert_int_equal(eval_judge(s, 5), EVAL_NOT_MET);
	s = slot(v, n, "needs-asked");
	assert_int_equal(eval_judge(s, 1), EVAL_MET);
	assert_int_equal(eval_judge(s, 0), EVAL_NOT_MET);
	n = eval_form(&p, "voice-mail", v, 16);
	s = slot(v, n, "voice-mail");
	assert_int_equal(eval_judge(s, 24 * 60), EVAL_MET);
	assert_int_equal(eval_judge(s, 24 * 60 + 1), EVAL_NOT_MET);
	/* No clock for the channel: a number with nothing to hold it to is
	 * judged by eye instead. */
	p.n_followups = 0;
	n = eval_form(&p, "voice-mail", v, 16);
	assert_false(eval_measured(slot(v, n, "voice-mail")));
	release(&p);
}

static void
own_items_extend_or_replace(void **state)
{
	struct measure_item own[] = {
		{ .id = (char[]){ "rings" }, .label = (char[]){ "Rings (ours)" }, .type = MEASURE_COUNT,
		  .at_most = 3, .standard = (char[]){ "four-rings" } },
		{ .id = (char[]){ "smile" }, .label = (char[]){ "Smiled?" }, .type = MEASURE_YES_NO,
		  .at_most = MEASURE_NO_TARGET, .alone = true },
	};
	struct survey_question mine[] = {
		{ .id = (char[]){ "ours" }, .text = (char[]){ "Ours?" }, .scale = SCALE_1_5, .headline = true },
	};
	struct policy p;
	struct eval_slot v[16];
	size_t n;

	(void)state;
	fill(&p);
	p.eval_own = own;
	p.n_eval_own = 2;
	p.survey_own = mine;
	p.n_survey_own = 1;
	assert_int_equal(measures_apply(&set, &p), 0);
	assert_int_equal(p.n_eval, 5);                  /* 4 defaults, rings replaced, + smile */
	assert_string_equal(p.eval[0]->label, "Rings (ours)");
	n = eval_form(&p, "phone", v, 16);
	assert_int_equal(slot(v, n, "four-rings")->at_most, 3);
	assert_non_null(find(v, n, "smile"));
	/* The policy's own headline comes before the defaults'. */
	assert_string_equal(policy_survey_headline(&p)->id, "ours");
	assert_non_null(policy_survey_question(&p, "needs-met"));
	release(&p);
	p.eval_replace = p.survey_replace = true;
	assert_int_equal(measures_apply(&set, &p), 0);
	assert_int_equal(p.n_eval, 2);
	assert_int_equal(p.n_survey, 1);
	assert_null(policy_survey_question(&p, "needs-met"));
	release(&p);
	/* No defaults at all (policy check of one file). */
	p.eval_replace = p.survey_replace = false;
	assert_int_equal(measures_apply(NULL, &p), 0);
	assert_int_equal(p.n_eval, 2);
	release(&p);
}

static void
names(void **state)
{
	(void)state;
	assert_int_equal(measure_type_parse("hours"), MEASURE_HOURS);
	assert_int_equal(measure_type_parse("minutes"), -1);
	assert_int_equal(survey_scale_parse("1-5"), SCALE_1_5);
	assert_int_equal(eval_result_parse("not-met"), EVAL_NOT_MET);
	assert_string_equal(eval_result_name(EVAL_NOT_OBSERVED), "not-observed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(form_by_channel),
		cmocka_unit_test(judged_by_value),
		cmocka_unit_test(own_items_extend_or_replace),
		cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
