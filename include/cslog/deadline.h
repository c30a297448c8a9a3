/* deadline.h - follow-up clocks (core: no I/O).
 *
 * A follow-up has two times, as the documents write them (BES: "Respond
 * to voice mail same day or at very least 24 hours"):
 *
 *   target  when it should be done ("same day": the end of the local day
 *           of the contact);
 *   limit   the latest it may be done ("24 hours": clock hours from the
 *           contact's time).  A follow-up is overdue only past its limit.
 *
 * A rule with no limit has its limit at its target.  The clock stops
 * while a follow-up is paused (waiting on the customer): both times move
 * by the time paused.
 *
 * This file is the one home of the rules "overdue" and "done on target /
 * within the limit / late".  The store keeps, for each follow-up, the
 * columns its SQL filters and counts on (due_eff and limit_eff: the
 * target and limit after pauses; done_grade), computed by these
 * functions whenever a follow-up is written; its SQL test "open, not
 * paused and limit_eff < now" is deadline_overdue() on those columns,
 * and everything it decodes is decided here.
 *
 * Time zones need the system's zone files, so the caller computes the
 * end of the local day and passes it in; everything here is arithmetic
 * on unix seconds. */
#ifndef CSLOG_DEADLINE_H
#define CSLOG_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "cslog/policy.h"

struct deadline_clock {
	int64_t target;     /* due by */
	int64_t limit;      /* overdue after; never before target */
};

/* The clock of a follow-up of a contact made at `at` under rule r.
 * end_of_day is the last second of the local day containing `at` (for
 * a "same day" target).  A target later than the limit is brought back
 * to the limit. */
struct deadline_clock deadline_rule_clock(const struct policy_followup *r, int64_t at,
                                          int64_t end_of_day);

/* The target proposed on screen: deadline_rule_clock(...).target. */
int64_t deadline_propose(const struct policy_followup *r, int64_t at, int64_t end_of_day);

/* The limit of a follow-up due at `due` (the time the member set) for a
 * contact made at `at` under rule r (NULL: the channel has none): the
 * rule's limit when that is later than due, else due itself. */
int64_t deadline_limit_for(const struct policy_followup *r, int64_t at, int64_t due);

/* A time of the clock after pauses: t plus every second paused, the
 * current pause (paused_at, 0 when not paused now) counted up to now. */
int64_t deadline_effective(int64_t t, int64_t paused_seconds, int64_t paused_at,
                           int64_t now);

/* THE overdue rule: not done, not paused, and now past the limit after
 * pauses (deadline_effective(limit, paused_seconds, 0, now) < now). */
bool deadline_overdue(int64_t limit, int64_t paused_seconds, int64_t paused_at,
                      bool done, int64_t now);

/* How a follow-up done at done_at kept its clock (target and limit after
 * pauses).  The numbers are kept in the database: never renumber. */
enum deadline_grade {
	DEADLINE_ON_TARGET = 0,     /* done by the target */
	DEADLINE_WITHIN_LIMIT = 1,  /* after the target, by the limit */
	DEADLINE_LATE = 2,          /* after the limit */
};
#define DEADLINE_GRADES 3

enum deadline_grade deadline_grade(int64_t target_eff, int64_t limit_eff, int64_t done_at);
/* "on-target", "within-limit", "late" (reports, CSV, JSON); and back (-1). */
const char *deadline_grade_name(enum deadline_grade g);
int deadline_grade_parse(const char *s);
/* "done on target", "done within the limit", "done late". */
const char *deadline_grade_words(enum deadline_grade g);

/* Where a follow-up's clock stands at `now`. */
enum deadline_state {
	DEADLINE_DUE = 0,           /* open, before its target */
	DEADLINE_PAST_TARGET,       /* open, past its target, within its limit */
	DEADLINE_OVERDUE,           /* open, past its limit */
	DEADLINE_PAUSED,            /* waiting on the customer: the clock stands */
	DEADLINE_DONE,              /* see deadline_grade for how */
};

/* The state at now of a follow-up with this target and limit (as set),
 * pauses and done time (0: not done). */
enum deadline_state deadline_state(int64_t target, int64_t limit, int64_t paused_seconds,
                                   int64_t paused_at, int64_t done_at, int64_t now);
/* "due", "past target", "OVERDUE", "paused", "done". */
const char *deadline_state_words(enum deadline_state s);

#endif
