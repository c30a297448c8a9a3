/* pgstore_measures.h - the measures on a PostgreSQL server (pgstore.h's
 * rules): secret-shopper evaluations, survey responses, recognitions
 * and the evidence for them, as store_measures.h's on a file.
 * The server decides who may record and see which (an evaluator those
 * they entered, a member those of them), counts met and scored from the
 * items, and stamps the time an evaluation was logged. */
#ifndef CSLOG_PGSTORE_MEASURES_H
#define CSLOG_PGSTORE_MEASURES_H

#include <stdbool.h>
#include <stdint.h>

#include "cslog/error.h"
#include "cslog/query_measures.h"
#include "cslog/record_measures.h"

struct pgstore;

/* Keep e as the signed-in member's evaluation (e->at 0: now, by the
 * server's clock); *id gets its id. */
int pgstore_shopper_add(struct pgstore *pg, const struct shopper_eval *e, int64_t *id,
                        struct cs_err *err);
/* *out owned (record_shopper_clear); CS_NOINPUT when there is none,
 * CS_NOPERM when it is not the signed-in member's to see. */
int pgstore_shopper_get(struct pgstore *pg, int64_t id, struct shopper_eval *out,
                        struct cs_err *err);
/* As store_shopper_list and store_shopper_tally (records borrowed). */
int pgstore_shopper_list(struct pgstore *pg, const struct measure_filter *f,
                         int (*cb)(void *ctx, const struct shopper_eval *e), void *ctx,
                         struct cs_err *err);
int pgstore_shopper_tally(struct pgstore *pg, const struct measure_filter *f, enum shopper_by by,
                          int (*cb)(void *ctx, const struct shopper_tally *t), void *ctx,
                          struct cs_err *err);

/* Survey responses, as store_survey_add, _get, _list, _tally, _count;
 * a comment read (comment, comments) only with the read recorded by the
 * server in the same transaction (supervisors only). */
int pgstore_survey_add(struct pgstore *pg, const struct survey_response *r, int64_t *id,
                       struct cs_err *err);
int pgstore_survey_get(struct pgstore *pg, int64_t id, bool comment,
                       struct survey_response *out, struct cs_err *err);
int pgstore_survey_list(struct pgstore *pg, const struct measure_filter *f, bool comments,
                        int (*cb)(void *ctx, const struct survey_response *r), void *ctx,
                        struct cs_err *err);
int pgstore_survey_tally(struct pgstore *pg, const struct measure_filter *f, enum survey_by by,
                         const char *question,
                         int (*cb)(void *ctx, const struct survey_tally *t), void *ctx,
                         struct cs_err *err);
int pgstore_survey_count(struct pgstore *pg, const struct measure_filter *f,
                         int64_t *responses, int64_t *linked, struct cs_err *err);
/* Recognitions and the evidence for them, as store_recognition_add,
 * _list, store_evidence and store_evidence_items (records borrowed). */
int pgstore_recognition_add(struct pgstore *pg, const struct recognition *r, int64_t *id,
                            struct cs_err *err);
int pgstore_recognition_list(struct pgstore *pg, const struct measure_filter *f,
                             int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                             struct cs_err *err);
/* Every recognition of f's period, for the staff-meeting report
 * (supervisors and trainers). */
int pgstore_meeting_recognitions(struct pgstore *pg, const struct measure_filter *f,
                                 int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                                 struct cs_err *err);
int pgstore_evidence(struct pgstore *pg, const struct measure_filter *f, const char *headline,
                     int (*cb)(void *ctx, const struct evidence *e), void *ctx,
                     struct cs_err *err);
int pgstore_evidence_items(struct pgstore *pg, const struct measure_filter *f,
                           int64_t member_id, const char *headline, size_t each,
                           int (*cb)(void *ctx, const struct evidence_item *it), void *ctx,
                           struct cs_err *err);

#endif
