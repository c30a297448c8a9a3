/* meeting.h - the staff-meeting report (app layer): every figure a
 * customer-service coordinator puts on the agenda for one period, made
 * once (meeting_make) and written as JSON (meeting_json) or as one
 * self-contained HTML page with inline SVG charts, each with its
 * figures in text beside it (meeting_html).  Both writers read the same
 * struct and the same rounding (stats_pct), so every figure of the page
 * is the JSON's; tests/cli/meeting.sh compares them, and `make
 * test-browser` the printed page's. */
#ifndef CSLOG_MEETING_H
#define CSLOG_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cslog/app_measures.h"
#include "cslog/report.h"

/* One bucket of the period: a week (7 days from `start`), or a month
 * when the period is longer than 26 weeks. */
struct meeting_bucket {
	char start[11], end[11];      /* UTC days, inclusive */
	int64_t contacts;
	struct stat_share empowered;  /* empowered, of the checks run */
};

struct meeting_recognition {
	char badge[MEMBER_BADGE_MAX + 1];
	char *name, *reason;          /* owned */
	enum recognition_kind kind;
	int64_t at;
};

struct meeting {
	char since[11], until[11];    /* the period (UTC days) */
	char *policy;                 /* owned; NULL: every policy */
	int64_t made_at;
	bool monthly;                 /* buckets are months */

	/* The log (report_summary's figures). */
	int64_t contacts;
	struct stat_share empowered, needs_met, added_value, debriefed;
	char most_failed[RECORD_ID_MAX + 1];     /* "" none */
	struct stat_share most_failed_share;     /* its "no" of times asked */
	struct meeting_bucket *buckets;          /* owned */
	size_t n_buckets;
	struct report questions;                 /* failed (n) of asked (of), by question */
	int64_t needs_unknown;                   /* contacts with needs met not recorded */
	int64_t fu_on_target, fu_within_limit, fu_late, fu_done;
	int64_t fu_open, fu_overdue;
	/* Knowledge tests: drill scenarios' and quiz answers right. */
	struct stat_share scenarios, quiz;
	int64_t members_tested;

	/* The measures. */
	int64_t evaluations, perfect;
	struct stat_share shopper;               /* items met of scored, all of them */
	struct mreport shopper_items;            /* by standard or measure */
	const char *headline;                    /* the satisfaction question counted */
	struct mreport satisfaction;             /* by question */
	struct mreport sat_month;                /* the headline, by month */
	struct mreport doctrine;                 /* added value and empowered, or not */
	int64_t responses, linked;
	struct stat_share response_rate;         /* responses per contact */
	struct meeting_recognition *recognitions; /* owned, newest first */
	size_t n_recognitions;
	int64_t recognized[3];                   /* by enum recognition_kind */
};

/* Make the report of UTC days since..until (NULL since: 30 days before
 * until; NULL until: today) for one policy or all (APP_MEETING).  *m
 * owned: meeting_free. */
int meeting_make(struct app *a, const struct app_actor *who, const char *since_day,
                 const char *until_day, const char *policy, struct meeting *m,
                 struct cs_err *err);
void meeting_free(struct meeting *m);

/* Write it: JSON (the figures, for machines and for the comparison),
 * or the page.  -1 when it could not be written. */
int meeting_json(const struct meeting *m, FILE *f);
/* paper: "letter" or "a4" sets the printed page's size (@page size);
 * NULL leaves it to the printer. */
int meeting_html(const struct meeting *m, const char *paper, FILE *f);

/* The report's JSON object of one measures report (also `cslog report
 * --by shopper... --format json`); NULL out of memory. */
struct json_t;
struct json_t *mreport_json(const struct mreport *r);

#endif
