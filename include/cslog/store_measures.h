/* store_measures.h - where the measures are kept: secret-shopper
 * evaluations, survey responses (their comments apart, salted, like the
 * customer fields), recognitions, and the counts reports make of them.
 * The rules of store.h hold: one transaction per write, each write
 * audited with a hash of the record's content (verify.c checks it), the
 * rows records of fact (triggers refuse UPDATE and DELETE), times from
 * the caller.  Reports read these tables directly (a few thousand rows a
 * year): no aggregates are kept. */
#ifndef CSLOG_STORE_MEASURES_H
#define CSLOG_STORE_MEASURES_H

#include <stdbool.h>
#include <stdint.h>

#include "cslog/error.h"
#include "cslog/record_measures.h"

struct store;

/* Which records: the times (`at`: when the test contact was made, the
 * customer answered; a recognition's logged_at) from since to until
 * inclusive, 0 open; one policy or all; one member or everyone. */
struct measure_filter {
	int64_t since, until;
	const char *policy_id;   /* NULL: every policy */
	int64_t member_id;       /* evaluations: the member evaluated; surveys: the
	                            member of the linked contact; recognitions:
	                            the member recognized.  0: everyone */
	int64_t evaluator_id;    /* evaluations: entered by (0: anyone) */
	int64_t max_id;          /* surveys: none after this id (a bulk read
	                            audited first reads no more); 0: no bound */
};

/* ---- evaluations (shopper.c) ----------------------------------------- */

/* Keep an evaluation by actor_id (the evaluator); met and scored are
 * counted from the items.  CS_DATAERR malformed; CS_NOUSER no such
 * member evaluated. */
int store_shopper_add(struct store *st, int64_t actor_id, const struct shopper_eval *e,
                      int64_t now, int64_t *id, struct cs_err *err);
/* *out owned (record_shopper_clear); CS_NOINPUT when there is none. */
int store_shopper_get(struct store *st, int64_t id, struct shopper_eval *out,
                      struct cs_err *err);
/* The evaluations of f, newest first, with their items (borrowed). */
int store_shopper_list(struct store *st, const struct measure_filter *f,
                       int (*cb)(void *ctx, const struct shopper_eval *e), void *ctx,
                       struct cs_err *err);

enum shopper_by {
	SHOPPER_BY_ITEM = 0,   /* value: the item's id */
	SHOPPER_BY_CHANNEL,
	SHOPPER_BY_MEMBER,     /* the badge; "" not known */
	SHOPPER_BY_MONTH,      /* "YYYY-MM" (UTC) */
	SHOPPER_BY_ALL,        /* one row, value "all" */
};
struct shopper_tally {
	const char *value;
	int64_t evaluations;   /* evaluations in the group */
	int64_t perfect;       /* of them, every item scored met */
	int64_t met, scored;   /* items met, of items met or not met */
};
/* Counts by `by`, ordered by value. */
int store_shopper_tally(struct store *st, const struct measure_filter *f, enum shopper_by by,
                        int (*cb)(void *ctx, const struct shopper_tally *t), void *ctx,
                        struct cs_err *err);

/* ---- survey responses (survey.c) ------------------------------------- */

/* Keep a response entered by actor_id.  r->contact_id, when set, must be
 * a contact; r->ref, when set, must be new (CS_DATAERR naming it).  A
 * comment is kept apart with a fresh salt; the audit event holds a hash
 * keyed with it. */
int store_survey_add(struct store *st, int64_t actor_id, const struct survey_response *r,
                     int64_t now, int64_t *id, struct cs_err *err);
/* One response (*out owned: record_survey_clear), its comment only with
 * comment (the caller audits that read). */
int store_survey_get(struct store *st, int64_t id, bool comment, struct survey_response *out,
                     struct cs_err *err);
/* The responses of f, newest first (borrowed), comments with comments. */
int store_survey_list(struct store *st, const struct measure_filter *f, bool comments,
                      int (*cb)(void *ctx, const struct survey_response *r), void *ctx,
                      struct cs_err *err);
/* Is ref taken? */
int store_survey_ref_taken(struct store *st, const char *ref, bool *taken,
                           struct cs_err *err);
/* The largest survey id (0: none). */
int store_survey_max_id(struct store *st, int64_t *id, struct cs_err *err);

enum survey_by {
	SURVEY_BY_QUESTION = 0,  /* every question; value its id */
	SURVEY_BY_KIND,          /* the rest: one question's answers, of */
	SURVEY_BY_CHANNEL,       /* responses linked to a contact */
	SURVEY_BY_OUTCOME,
	SURVEY_BY_MEMBER,        /* the badge */
	SURVEY_BY_MONTH,         /* "YYYY-MM" of the answer (every response) */
	SURVEY_BY_DOCTRINE,      /* "added-value-empowered" or "other" */
	SURVEY_BY_ALL,           /* one row "all" (every response) */
};
struct survey_tally {
	const char *value;
	int64_t n;               /* answers */
	int64_t satisfied;       /* 4 or 5 on a 1-5 question; yes on yes-no */
	int64_t n_scale;         /* of them, on the 1-5 scale */
	double sum, sumsq;       /* of the 1-5 scores */
};
/* Counts by `by` of question's answers (NULL with SURVEY_BY_QUESTION:
 * every question), ordered by value. */
int store_survey_tally(struct store *st, const struct measure_filter *f, enum survey_by by,
                       const char *question,
                       int (*cb)(void *ctx, const struct survey_tally *t), void *ctx,
                       struct cs_err *err);
/* Responses of f, and how many of them are linked to a contact. */
int store_survey_count(struct store *st, const struct measure_filter *f, int64_t *responses,
                       int64_t *linked, struct cs_err *err);

/* ---- recognitions (recognition.c) ------------------------------------ */

int store_recognition_add(struct store *st, int64_t actor_id, const struct recognition *r,
                          int64_t now, int64_t *id, struct cs_err *err);
/* Recognitions logged in f's period (f->member_id: of one member),
 * newest first. */
int store_recognition_list(struct store *st, const struct measure_filter *f,
                           int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                           struct cs_err *err);

/* A member's evidence for recognition over a period: everything a
 * supervisor weighs, counted (the period: contacts, reviews, evaluations
 * and responses by their time; drills by theirs). */
struct evidence {
	int64_t member_id;
	const char *badge, *name;
	int64_t contacts;          /* current versions */
	int64_t added_value;       /* of them, with added value */
	int64_t commendations;     /* commendations of their contacts */
	int64_t evaluations, perfect;  /* secret-shopper evaluations; every item met */
	int64_t responses, satisfied;  /* answers to the headline question about
	                                  their contacts; satisfied (4-5) */
	int64_t drill_right, drill_asked;  /* drill and quiz answers */
	int64_t recognitions;      /* recognitions logged in the period */
};
/* Every member with any evidence (or member_id's alone), by name.
 * headline: the survey question counted. */
int store_evidence(struct store *st, const struct measure_filter *f, const char *headline,
                   int (*cb)(void *ctx, const struct evidence *e), void *ctx,
                   struct cs_err *err);

enum evidence_kind {
	EVIDENCE_COMMEND = 0,   /* id: the contact; text: the note */
	EVIDENCE_ADDED_VALUE,   /* id: the contact; text: what was added; text2: summary */
	EVIDENCE_PERFECT,       /* id: the evaluation; text: channel */
	EVIDENCE_SURVEY,        /* id: the response; score: headline; text2: has comment */
	EVIDENCE_RECOGNITION,   /* id: the recognition; text: kind; text2: reason */
};
struct evidence_item {
	enum evidence_kind kind;
	int64_t id, at;
	int score;
	const char *text, *text2;
};
/* The items behind member_id's evidence in f's period, newest first,
 * at most `each` of every kind. */
int store_evidence_items(struct store *st, const struct measure_filter *f, int64_t member_id,
                         const char *headline, size_t each,
                         int (*cb)(void *ctx, const struct evidence_item *it), void *ctx,
                         struct cs_err *err);

#endif
