/* deadline.h - follow-up clocks (core: no I/O).
 *
 * Time zones need the system's zone files, so the caller computes the
 * end of the local day and passes it in; everything here is arithmetic
 * on unix seconds. */
#ifndef CSLOG_DEADLINE_H
#define CSLOG_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "cslog/policy.h"

/* The due time proposed for a follow-up of a contact made at `at` under
 * rule r: the earlier of the target and the hard limit.  end_of_day is
 * the last second of the local day containing `at` (for "same day"). */
int64_t deadline_propose(const struct policy_followup *r, int64_t at, int64_t end_of_day);

/* The due time after pauses: the clock stops while waiting on the
 * customer.  paused_at is 0 when not paused now. */
int64_t deadline_effective(int64_t due, int64_t paused_seconds, int64_t paused_at,
                           int64_t now);

/* Overdue: not done, not paused, and past its effective due time. */
bool deadline_overdue(int64_t due, int64_t paused_seconds, int64_t paused_at,
                      bool done, int64_t now);

#endif
