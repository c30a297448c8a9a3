/* measures.h - what cslog measures besides the log (core: no I/O): the
 * items a secret shopper scores and the questions of a citizen
 * satisfaction survey.
 *
 * None of this comes from an agency's document.  cslog's own defaults
 * are a file of their own beside the policies (policies/measures.yaml,
 * whose first key is `measures: 1`); a policy may replace them or add
 * to them (`evaluation:`, `survey:`; docs/policy-format.md).  The
 * loader combines the two (measures_apply), so that every reader finds
 * a policy's evaluation items and survey questions in effect in
 * p->eval and p->survey.
 *
 * An evaluation of one test contact is a form (eval_form): each of the
 * policy's standards that can apply on the contact's channel, met / not
 * met / not observed, and the measurable items.  A measure tied to a
 * standard (`standard: four-rings`) takes that standard's place on the
 * form, judged from the value the evaluator gives (3 rings: met, at most
 * 4); a measure whose standard the policy does not have is asked only
 * when it says `alone: yes`. */
#ifndef CSLOG_MEASURES_H
#define CSLOG_MEASURES_H

#include <stdbool.h>
#include <stddef.h>

#include "cslog/policy.h"

enum measure_type {
	MEASURE_YES_NO = 0,   /* met when yes */
	MEASURE_COUNT,        /* a whole number: met when at most at_most */
	MEASURE_HOURS,        /* hours (kept in minutes): met when at most at_most */
};

/* at_most of a count or hours: a number, or the policy's follow-up
 * limit for the channel (BES voice mail: 24 hours). */
#define MEASURE_AT_MOST_LIMIT (-2L)
#define MEASURE_NO_TARGET (-1L)
/* The largest value a count or hours item takes (hours in minutes). */
#define MEASURE_VALUE_MAX 1000000L

struct measure_item {
	char *id;
	char *label;          /* the evaluator's question */
	enum measure_type type;
	long at_most;         /* count: at most this many; hours: minutes;
	                         MEASURE_AT_MOST_LIMIT; yes-no: MEASURE_NO_TARGET */
	char *standard;       /* the standard it measures (optional) */
	bool alone;           /* asked where the policy has no such standard */
	struct policy_list channels;  /* asked only on these (empty: on every one) */
	char *note;           /* optional */
	struct policy_at at;
};

enum survey_scale {
	SCALE_1_5 = 0,        /* 1 (very dissatisfied) .. 5 (very satisfied) */
	SCALE_YES_NO,         /* kept as 1 yes, 0 no */
};

struct survey_question {
	char *id;
	char *text;           /* as the survey asks it */
	enum survey_scale scale;
	bool headline;        /* THE satisfaction question (at most one) */
	char *note;           /* optional */
	struct policy_at at;
};

/* cslog's defaults (the measures file), owned by the policy set. */
struct measures {
	char *file;
	struct measure_item *items;
	size_t n_items;
	struct survey_question *questions;
	size_t n_questions;
};

void measures_free(struct measures *m);
void measure_items_free(struct measure_item *v, size_t n);
void survey_questions_free(struct survey_question *v, size_t n);

/* "yes-no", "count", "hours"; "1-5", "yes-no"; and back (-1 unknown). */
const char *measure_type_name(enum measure_type t);
int measure_type_parse(const char *s);
const char *survey_scale_name(enum survey_scale s);
int survey_scale_parse(const char *s);

/* Set p->eval and p->survey: the defaults d (NULL: none) that p does not
 * replace, with p's own items after them (an own item of a default's id
 * takes its place).  0, or -1 out of memory. */
int measures_apply(const struct measures *d, struct policy *p);

/* A survey question of p in effect, by id; NULL when none. */
const struct survey_question *policy_survey_question(const struct policy *p, const char *id);
/* The headline question: the one marked (the policy's own before the
 * defaults'), else the first 1-5 question, else NULL. */
const struct survey_question *policy_survey_headline(const struct policy *p);

/* ---- the evaluation form -------------------------------------------- */

enum eval_result {
	EVAL_NOT_OBSERVED = 0,
	EVAL_MET = 1,
	EVAL_NOT_MET = 2,
};
/* "not-observed", "met", "not-met"; and back (-1). */
const char *eval_result_name(enum eval_result r);
int eval_result_parse(const char *s);

/* One item of an evaluation form. */
struct eval_slot {
	const char *id;                          /* kept: the standard's id, or the
	                                            measure's when it stands alone */
	const struct policy_standard *standard;  /* NULL: a measure alone */
	const struct measure_item *measure;      /* NULL: met / not met by eye */
	long at_most;                            /* the target resolved for this
	                                            policy and channel (minutes
	                                            for hours); -1: none */
};

/* The form of an evaluation of a test contact on `channel` under p,
 * in the policy's order of standards, then the measures standing alone.
 * Writes at most cap slots to out; returns how many the form has. */
size_t eval_form(const struct policy *p, const char *channel, struct eval_slot *out,
                 size_t cap);
/* The most slots any form of p can have. */
size_t eval_form_max(const struct policy *p);

/* The result of a slot from what was seen: a measured slot from its
 * value (yes-no: 1 yes, 0 no; a count; minutes), others as given. */
enum eval_result eval_judge(const struct eval_slot *s, long value);

/* Does slot s take a value (a measure) rather than met / not met? */
bool eval_measured(const struct eval_slot *s);

#endif
