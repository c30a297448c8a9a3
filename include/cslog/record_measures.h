/* record_measures.h - the records of the measures (ICMA's "Measuring
 * Performance for Customer Service"): secret-shopper evaluations,
 * citizen satisfaction survey responses, recognitions.  Ownership as in
 * record.h: going in, the store only reads the struct; coming out,
 * everything lives in `mem`, released by the type's clear function. */
#ifndef CSLOG_RECORD_MEASURES_H
#define CSLOG_RECORD_MEASURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cslog/measures.h"
#include "cslog/record.h"

/* ---- secret-shopper evaluations ------------------------------------- */

#define SHOPPER_ITEMS_MAX 1100    /* a policy's standards and the measures */
#define SHOPPER_NOTE_MAX (16 * 1024)
#define SHOPPER_UNIT_MAX 200

/* One item of an evaluation, as the evaluator scored it. */
struct shopper_item {
	const char *item_id;      /* a standard's id, or a measure's standing alone */
	bool measured;            /* value holds what was measured */
	enum eval_result result;
	long value;               /* a count, minutes, yes 1 / no 0; -1: none */
};

/* A test contact made by a mystery caller or visitor, scored. */
struct shopper_eval {
	int64_t id;               /* out */
	int64_t evaluator_id;     /* out: who recorded it (the actor) */
	int64_t logged_at;        /* out */
	int64_t at;               /* when the test contact was made */
	const char *policy_id;
	const char *policy_version;
	const char *channel;
	int64_t member_id;        /* the member evaluated; 0: not known */
	const char *unit;         /* else the unit or station (optional) */
	const char *note;         /* optional */
	const struct shopper_item *items;
	size_t n_items;
	int met, scored;          /* items met, of items met or not met */
	const char *member_badge;     /* out only (NULL: none) */
	const char *evaluator_badge;  /* out only */
	struct record_mem *mem;
};

void record_shopper_clear(struct shopper_eval *e);

/* ---- citizen satisfaction surveys ----------------------------------- */

#define SURVEY_ANSWERS_MAX 64
#define SURVEY_COMMENT_MAX (64 * 1024)
#define SURVEY_REF_MAX 200

/* How a response came in: typed from a comment card or a callback on
 * screen, `cslog survey add` (a script), `cslog survey import` (a survey
 * tool's export). */
enum survey_source { SURVEY_CARD = 0, SURVEY_CALLBACK, SURVEY_SCRIPT, SURVEY_TOOL };
const char *record_survey_source_name(enum survey_source s);  /* card, ... */
int record_survey_source_parse(const char *s);

struct survey_answer {
	const char *question;     /* a survey question id */
	enum survey_scale scale;  /* as the question was when answered */
	int score;                /* 1..5; yes-no: 1 yes, 0 no */
};

struct survey_response {
	int64_t id;               /* out */
	int64_t entered_by;       /* out: the actor */
	int64_t logged_at;        /* out */
	int64_t at;               /* when the customer answered */
	const char *policy_id;
	const char *policy_version;
	enum survey_source source;
	int64_t contact_id;       /* the contact it is about; 0: none */
	const char *ref;          /* the survey tool's id of the response (optional,
	                             unique: a file imported twice is refused) */
	struct survey_answer answers[SURVEY_ANSWERS_MAX];
	size_t n_answers;
	const char *comment;      /* in: optional; out: only when asked for */
	bool has_comment;         /* out: a comment is kept */
	/* Out only, from the linked contact (NULL / 0 when not linked). */
	int64_t member_id;
	const char *member_badge;
	const char *kind, *channel, *outcome;
	bool added_value;
	enum record_tri empowered;
	struct record_mem *mem;
};

void record_survey_clear(struct survey_response *r);

/* ---- recognitions ---------------------------------------------------- */

#define RECOGNITION_REASON_MAX (16 * 1024)

/* As BSOFR's document lists recognition: "Awards and rewards",
 * "Recognition" (a letter), "Positive reinforcement". */
enum recognition_kind { RECOGNITION_AWARD = 0, RECOGNITION_LETTER, RECOGNITION_REINFORCEMENT };
/* "award", "letter", "reinforcement"; and back (-1 when unknown). */
const char *record_recognition_kind_name(enum recognition_kind k);
int record_recognition_kind_parse(const char *s);

struct recognition {
	int64_t id;               /* out */
	int64_t member_id;        /* who is recognized */
	int64_t by_id;            /* out: the supervisor (the actor) */
	int64_t logged_at;        /* out */
	enum recognition_kind kind;
	const char *reason;
	int64_t since, until;     /* the period it recognizes; 0: not said */
	const char *member_badge, *member_name, *by_badge;  /* out only */
	struct record_mem *mem;
};

void record_recognition_clear(struct recognition *r);

#endif
