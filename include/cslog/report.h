/* report.h - report figures, shared by `cslog report` and the screens. */
#ifndef CSLOG_REPORT_H
#define CSLOG_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "cslog/app.h"

enum report_by {
	REPORT_KIND, REPORT_CHANNEL, REPORT_OUTCOME, REPORT_MEMBER, REPORT_DAY,
	REPORT_QUESTION, REPORT_EMPOWERED, REPORT_NEEDS_MET, REPORT_ADDED_VALUE,
	REPORT_MEMBER_ADDED,   /* contacts with added value per member, of all theirs */
	REPORT_SUMMARY,        /* the headline figures, each "n of `of`" */
	REPORT_DRILLS,         /* drill answers right per member, of those given */
};

struct report_row {
	char *value;   /* the id, day, badge ... */
	char *label;   /* what people read: the policy's label, "Name (BADGE)",
	                  the question's text; NULL: the value is its own */
	int64_t n;     /* contacts (question: times answered no) */
	int64_t of;    /* question: times asked; otherwise 0 */
};

struct report {
	struct report_row *rows;   /* owned */
	size_t n;
	int64_t total;             /* sum of n */
};

/* "kind", "channel", ...; -1 when unknown. */
int report_parse_by(const char *s);
const char *report_by_name(enum report_by by);

/* Compute a report over UTC days since..until ("YYYY-MM-DD" or NULL) for
 * one policy (or NULL: all).  Reads only the aggregates kept as contacts
 * are written.  Rows are members' badges, the policies' ids, days; each
 * with its label.  Days come in order, the summary in its own, every
 * other report the largest count first (then by value). */
int report_run(struct app *a, const struct app_actor *who, enum report_by by,
               const char *since_day, const char *until_day, const char *policy,
               struct report *out, struct cs_err *err);

/* Whose contacts who's report of `by` counts: *member_id their own (a
 * member) or 0 for everyone's; CS_NOPERM when who may not see it (the
 * figures member by member need APP_REPORT_BY_MEMBER). */
int report_scope(const struct app_actor *who, enum report_by by, int64_t *member_id,
                 struct cs_err *err);

void report_free(struct report *r);

/* The headline figures as rows "n of `of`": contacts, empowered (of
 * checks run), needs met, added value, the question failed most,
 * follow-ups done on time (of done), overdue (of unfinished), negative
 * calls debriefed (of negative calls, as the policies mark outcomes). */
int report_summary(struct app *a, const struct app_actor *who, const char *since_day,
                   const char *until_day, const char *policy, struct report *out,
                   struct cs_err *err);
/* Drill and quiz answers right per member (badge), "n of `of`", from
 * the attempts of the period (UTC days) and policy. */
int report_drills(struct app *a, const struct app_actor *who, const char *since_day,
                  const char *until_day, const char *policy, struct report *out,
                  struct cs_err *err);

/* The row's label, or its value when it has none. */
const char *report_row_label(const struct report_row *row);

/* Append a row (used by report_summary); -1 out of memory. */
int report_add(struct report *r, const char *value, int64_t n, int64_t of);

#endif
