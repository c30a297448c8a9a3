/* measures_int.h - what the store's files of the measures share;
 * src/store only. */
#ifndef CSLOG_STORE_MEASURES_INT_H
#define CSLOG_STORE_MEASURES_INT_H

#include "cslog/store_measures.h"
#include "internal.h"

/* Is there a member id? */
int exists_member(struct store *st, int64_t id, bool *found, struct cs_err *err);

#endif
