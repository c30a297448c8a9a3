/* filter.h - the filter line: what a supervisor types to narrow the log.
 *
 *   since:2026-11-01 until:today member:B12 policy:bsofr kind:recipient
 *   channel:phone outcome:referred call:R-7 is:unreviewed is:not-empowered
 *   is:debrief is:overdue  and any other words: full-text search
 *
 * Shared by the screens (the filter line, saved views) and kept in the
 * app layer so the rules are the same wherever a filter is typed. */
#ifndef CSLOG_FILTER_H
#define CSLOG_FILTER_H

#include "cslog/app.h"

#define FILTER_LINE_MAX 1024

struct app_filter {
	struct contact_filter f;   /* points into buf */
	char buf[FILTER_LINE_MAX * 2];
	char member_badge[40];     /* as typed, for showing the filter back */
};

/* Parse line (NULL or "" means everything) into out; member badges are
 * looked up in the store.  CS_USAGE with a message naming the word that
 * is wrong (unknown key, bad date, unknown member). */
int app_filter_parse(struct app *a, const char *line, struct app_filter *out,
                     struct cs_err *err);

/* Is every policy, kind, channel and outcome of f one a loaded policy
 * knows (by id or an earlier id) or one that contacts carry?  CS_USAGE
 * naming the first that is neither. */
int app_filter_check(struct app *a, const struct contact_filter *f, struct cs_err *err);

/* The filter in plain words for the screen: "waiting for sign-off ·
 * member M7 · from 2026-11-01"; "all contacts" when it is empty. */
void app_filter_words(struct app *a, const struct app_filter *af, char *buf, size_t len);

/* The quick keys: out is line with its "is:" words replaced by one,
 * 'u' unreviewed, 'n' not empowered, 'd' debrief due, 'o' overdue, or
 * by none (which 0); the other words stay.  -1 when out is too small. */
int app_filter_quick(const char *line, int which, char *out, size_t len);

#endif
