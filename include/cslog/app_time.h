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
 * "yesterday", or "-3d" / "-12h" relative to now.  end_of_day: a bare
 * date means its last second (for --until). */
int app_time_parse(const char *s, int64_t now, int end_of_day, int64_t *out,
                   struct cs_err *err);

/* "2026-11-24 09:13" in local time. */
void app_time_local(int64_t t, char *buf, size_t len);

/* "2026-11-24T09:13:05Z". */
void app_time_iso(int64_t t, char *buf, size_t len);

/* "2026-11-24" (UTC), for reports by day. */
void app_time_day(int64_t t, char *buf, size_t len);

/* The last second of the local day containing t. */
int64_t app_end_of_local_day(int64_t t);

#endif
