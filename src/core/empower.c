/* empower.c - evaluate the seven-question empowerment check. */
#include "cslog/empower.h"

#include <string.h>
#include <strings.h>

int
empower_evaluate(const struct policy *p, const enum answer *answers, size_t n,
                 struct empower_result *out, struct cs_err *err)
{
	size_t i;

	memset(out, 0, sizeof *out);
	if (n != p->n_questions)
		return cs_err_set(err, CS_DATAERR,
		    "the empowerment check of %s has %zu questions, %zu answers given",
		    p->id, p->n_questions, n);
	for (i = 0; i < n; i++) {
		if (answers[i] != ANSWER_YES && answers[i] != ANSWER_NO)
			return cs_err_set(err, CS_DATAERR,
			    "question '%s' is not answered: \"%s\"",
			    p->questions[i].id, p->questions[i].text);
	}
	for (i = 0; i < n; i++) {
		if (answers[i] == ANSWER_NO)
			out->failed[out->n_failed++] = i;
	}
	out->empowered = out->n_failed == 0;
	return CS_OK;
}

enum answer
empower_parse_answer(const char *s)
{
	if (s == NULL)
		return ANSWER_UNSET;
	if (strcasecmp(s, "yes") == 0 || strcasecmp(s, "y") == 0)
		return ANSWER_YES;
	if (strcasecmp(s, "no") == 0 || strcasecmp(s, "n") == 0)
		return ANSWER_NO;
	return ANSWER_UNSET;
}

const char *
empower_answer_name(enum answer a)
{
	switch (a) {
	case ANSWER_YES: return "yes";
	case ANSWER_NO: return "no";
	case ANSWER_UNSET: break;
	}
	return "unanswered";
}
