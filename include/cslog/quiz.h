/* quiz.h - lenient matching of typed quiz answers (core: no I/O).
 *
 * Answers are compared after normalising both sides: letters folded to
 * lower case, punctuation dropped, the words "a", "an" and "the" dropped,
 * runs of spaces collapsed.  Then small typos are forgiven: up to one
 * edit for answers of 5-12 characters, one per 8 characters beyond. */
#ifndef CSLOG_QUIZ_H
#define CSLOG_QUIZ_H

#include <stdbool.h>
#include <stddef.h>

#include "cslog/policy.h"

/* Normalise s into buf (NUL-terminated, truncated to len). */
void quiz_normalise(const char *s, char *buf, size_t len);

/* Levenshtein distance between a and b, capped at cap+1. */
size_t quiz_distance(const char *a, const char *b, size_t cap);

/* Does typed match the item's answer or one of its accepted answers? */
bool quiz_matches(const struct policy_quiz *q, const char *typed);

#endif
