/* measures_int.h - what the store's files of the measures share (the
 * content hashes verify.c recomputes); src/store only. */
#ifndef CSLOG_STORE_MEASURES_INT_H
#define CSLOG_STORE_MEASURES_INT_H

#include "cslog/store_measures.h"
#include "internal.h"

#define TAG_SHOPPER "cslog-shopper-1"
#define TAG_SURVEY "cslog-survey-1"
#define TAG_RECOGNITION "cslog-recognition-1"

/* Each record's content hash as it is stored now (*found false: no such
 * row), and a survey comment's keyed hash ("" when it has none). */
int shopper_hash(struct store *st, int64_t id, bool *found, char hex[HEX_LEN + 1],
                 struct cs_err *err);
int survey_hash(struct store *st, int64_t id, bool *found, char hex[HEX_LEN + 1],
                char comment_hex[HEX_LEN + 1], struct cs_err *err);
int recognition_hash(struct store *st, int64_t id, bool *found, char hex[HEX_LEN + 1],
                     struct cs_err *err);

/* Is there a member id? */
int exists_member(struct store *st, int64_t id, bool *found, struct cs_err *err);

/* Are the measures' rows intact: each has its audit event, and each
 * event's hash matches (verify.c calls this after the chain). */
int verify_measures(struct store *st, struct store_verify_result *res, struct cs_err *err);

#endif
