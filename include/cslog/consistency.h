/* consistency.h - drills a trainer can defend (core: no I/O).
 *
 * Every drill scenario says what kind of situation it is (`situation`,
 * one or more of policy_situations[]).  Scenarios of one kind, in any
 * of the policies checked together, must expect the same answer to each
 * question (matched by question id), unless a scenario gives, for that
 * question, the reason it is judged otherwise, citing its document
 * (`differs`). */
#ifndef CSLOG_CONSISTENCY_H
#define CSLOG_CONSISTENCY_H

#include <stddef.h>

#include "cslog/policy.h"

/* One problem: scenario s of policy p (its place is s->at), and what is
 * wrong. */
typedef void (*consistency_cb)(void *ctx, const struct policy *p,
                               const struct policy_scenario *s, const char *msg);

/* Check the scenarios of ps[0 .. n-1] together: a scenario with no
 * situation, and each answer that disagrees with the others of its kind
 * (the most common answer among them; on a tie, the first one's).
 * Returns the number of problems, or -1 when out of memory. */
int consistency_check(const struct policy *const *ps, size_t n, consistency_cb cb,
                      void *ctx);

#endif
