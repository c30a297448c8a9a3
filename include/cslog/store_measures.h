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
#include "cslog/query_measures.h"
#include "cslog/record_measures.h"

struct store;

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

/* Every member with any evidence (or member_id's alone), by name.
 * headline: the survey question counted. */
int store_evidence(struct store *st, const struct measure_filter *f, const char *headline,
                   int (*cb)(void *ctx, const struct evidence *e), void *ctx,
                   struct cs_err *err);

/* The items behind member_id's evidence in f's period, newest first,
 * at most `each` of every kind. */
int store_evidence_items(struct store *st, const struct measure_filter *f, int64_t member_id,
                         const char *headline, size_t each,
                         int (*cb)(void *ctx, const struct evidence_item *it), void *ctx,
                         struct cs_err *err);

#endif
