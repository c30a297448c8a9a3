/* quiz.h - grading typed quiz answers (core: no I/O).
 *
 * Lenient about the form, never about the fact.  Both sides are read as
 * words: case, punctuation and apostrophes do not matter, numbers written
 * in words are numbers ("four" is 4, "twenty-four" 24), and the small
 * words that carry no fact (a, the, of, and, to, ...) and filler (um, I
 * think, ...) are left aside.  Then an answer is right when, for the
 * item's answer or one of its accepted answers:
 *
 *  - it holds every key term of it: the words that carry its fact,
 *    derived from it (every word but the small ones), or for the answer
 *    the item's `key-terms` when the file gives them.  A key term may be
 *    misspelt (one edit for words of 5 to 12 letters, one more per 8
 *    beyond; a plural or -ed/-ing ending is the same word), never a
 *    number;
 *  - in any word order, with at most a few words of its own (a third of
 *    the key terms, at least two) beside the words of the item's answers;
 *
 * and it is never right when it
 *
 *  - gives a number the item's answers do not (in digits or words);
 *  - says "not", "no", "never", "don't" ... where they do not;
 *  - holds every word of one of the item's `reject` answers (a wording
 *    the document sets aside, or another agency's where this one's
 *    differs).
 *
 * The decision says why, for the trainer. */
#ifndef CSLOG_QUIZ_H
#define CSLOG_QUIZ_H

#include <stdbool.h>
#include <stddef.h>

#include "cslog/policy.h"

/* Normalise s into buf (NUL-terminated, truncated to len): lower case,
 * punctuation dropped, the words "a", "an" and "the" dropped. */
void quiz_normalise(const char *s, char *buf, size_t len);

/* Levenshtein distance between a and b, capped at cap+1. */
size_t quiz_distance(const char *a, const char *b, size_t cap);

enum quiz_why {
	QUIZ_RIGHT = 0,    /* right: holds a candidate's key terms */
	QUIZ_EMPTY,        /* nothing typed that carries a fact */
	QUIZ_REJECTED,     /* matches a rejected answer */
	QUIZ_NUMBER,       /* a number the answers do not give */
	QUIZ_NEGATION,     /* a "not" the answers do not have */
	QUIZ_MISSING,      /* a key term missing */
	QUIZ_EXTRA,        /* too many words the answers do not have */
};

#define QUIZ_DETAIL_MAX 240

/* A grader's decision. */
struct quiz_grade {
	bool right;
	enum quiz_why why;
	int candidate;     /* the answer (0) or accept[candidate - 1] it matched
	                      or came closest to; -1 none; for QUIZ_REJECTED the
	                      reject list's index */
	char detail[QUIZ_DETAIL_MAX]; /* the words concerned, for the reason */
};

/* Grade typed against item q. */
void quiz_grade(const struct policy_quiz *q, const char *typed, struct quiz_grade *g);

/* The decision in words: "right: ..." or "not right: ...". */
void quiz_grade_text(const struct policy_quiz *q, const struct quiz_grade *g, char *buf,
                     size_t len);

/* The key terms of q's answer, comma-separated, into buf. */
void quiz_key_terms(const struct policy_quiz *q, char *buf, size_t len);

/* Is typed right?  (quiz_grade's verdict.) */
bool quiz_matches(const struct policy_quiz *q, const char *typed);

#endif
