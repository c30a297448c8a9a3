/* clock.c - what time it is.
 *
 * The program reads the system clock and nothing else: a time given in
 * the environment could back-date a contact, close a follow-up "on
 * time" or wait out a PIN lockout in a second.  Only the test build
 * (compiled with -DCSLOG_TEST_CLOCK into build/test/cslog, never
 * installed) reads CSLOG_NOW, in unix seconds: "T" stops the clock at T
 * (every process of a test at that very second), "T:S" runs it from T
 * as of the real time S (several processes share one clock that goes
 * forward: an idle lock still falls due).  This file holds app_clock
 * alone, so that the test build can link its own copy in place of this
 * one. */
#include <stdint.h>
#include <time.h>

#include "app_int.h"

#ifdef CSLOG_TEST_CLOCK
#include <stdlib.h>

int64_t
app_clock(void)
{
	static int64_t offset, stopped;
	static int read;
	const char *fixed;
	char *end = NULL;
	long long t;

	if (!read) {
		read = 1;
		fixed = app_env("CSLOG_NOW");   /* never set-group-id */
		if (fixed != NULL && *fixed != '\0') {
			t = strtoll(fixed, &end, 10);
			if (end != NULL && *end == '\0')
				stopped = (int64_t)t;
			else if (end != NULL && *end == ':')
				offset = (int64_t)t - (int64_t)strtoll(end + 1, NULL, 10);
		}
	}
	return stopped != 0 ? stopped : (int64_t)time(NULL) + offset;
}
#else
int64_t
app_clock(void)
{
	return (int64_t)time(NULL);
}
#endif
