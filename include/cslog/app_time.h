/* app_time.h - times as people type and read them (local time).
 *
 * Stored times are unix seconds, UTC.  People read local time; files
 * (CSV, JSON Lines) carry UTC in ISO 8601 ("2026-11-24T09:13:05Z"). */
#ifndef CSLOG_APP_TIME_H
#define CSLOG_APP_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "cslog/error.h"

/* Parse "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]"
 * (local time), with a trailing "Z" meaning UTC; or "now", "today",
 * "yesterday", "tomorrow", or "-3d" / "-12h" (ago) / "+3d" / "+12h"
 * (ahead) relative to now.  end_of_day: a bare date, today, yesterday or
 * tomorrow means its last second (for --until), else its first. */
int app_time_parse(const char *s, int64_t now, int end_of_day, int64_t *out,
                   struct cs_err *err);

/* The same parser for a follow-up's due time (a bare date: its last
 * second), its error naming the forms that make sense ahead. */
int app_time_parse_due(const char *s, int64_t now, int64_t *out, struct cs_err *err);

struct app;
struct policy;
/* A follow-up due time as typed on the screens: parsed, and judged by the
 * rule a save applies (a limit already past is refused, with the save's
 * message), for a contact of policy p on channel logged now. */
int app_followup_due(struct app *a, const struct policy *p, const char *channel,
                     const char *s, int64_t *out, struct cs_err *err);

/* "2026-11-24 09:13" in local time. */
void app_time_local(int64_t t, char *buf, size_t len);

/* "2026-11-24T09:13:05Z". */
void app_time_iso(int64_t t, char *buf, size_t len);

/* "2026-11-24" (UTC), for reports by day. */
void app_time_day(int64_t t, char *buf, size_t len);

/* The last second of the local day containing t. */
int64_t app_end_of_local_day(int64_t t);

#endif
