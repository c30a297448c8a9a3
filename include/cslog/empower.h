/* empower.h - the empowerment check (core: no I/O).
 *
 * Every question of the policy must be answered.  All yes: empowered
 * ("don't ask permission").  Any no: not empowered, and the failed
 * questions are listed by index so the caller can show them in the
 * policy's own words.  An unanswered question is an error, not a no. */
#ifndef CSLOG_EMPOWER_H
#define CSLOG_EMPOWER_H

#include <stdbool.h>
#include <stddef.h>

#include "cslog/error.h"
#include "cslog/policy.h"

struct empower_result {
	bool empowered;
	size_t n_failed;
	size_t failed[POLICY_MAX_QUESTIONS]; /* indexes into p->questions */
};

/* Evaluate answers[0..n) (in the policy's question order).  Returns CS_OK
 * and fills out, or CS_DATAERR when n does not match the policy or an
 * answer is missing (the message names the first unanswered question). */
int empower_evaluate(const struct policy *p, const enum answer *answers, size_t n,
                     struct empower_result *out, struct cs_err *err);

/* Parse "yes"/"no"/"y"/"n" (any case); ANSWER_UNSET for anything else. */
enum answer empower_parse_answer(const char *s);

/* "yes", "no" or "unanswered". */
const char *empower_answer_name(enum answer a);

#endif
