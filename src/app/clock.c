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
 * and the test build's other hooks, app_test_pause and app_test_flag,
 * alone, so that the test build can link its own copy in place of this
 * one. */
#include <stdint.h>
#include <time.h>

#include "app_int.h"

#ifdef CSLOG_TEST_CLOCK
#include <stdlib.h>
#include <string.h>

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

/* CSLOG_TEST_PAUSE=POINT:SECONDS holds the program that long at POINT
 * (the tests hold an import under its lock to show a save waiting). */
void
app_test_pause(const char *point)
{
	const char *p = getenv("CSLOG_TEST_PAUSE");
	size_t n = strlen(point);
	struct timespec ts;
	long s;

	if (p == NULL || strncmp(p, point, n) != 0 || p[n] != ':')
		return;
	s = strtol(p + n + 1, NULL, 10);
	ts.tv_sec = s > 0 && s < 600 ? s : 0;
	ts.tv_nsec = 0;
	nanosleep(&ts, NULL);
}

bool
app_test_flag(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && strcmp(v, "1") == 0;
}
#else
int64_t
app_clock(void)
{
	return (int64_t)time(NULL);
}

void
app_test_pause(const char *point)
{
	(void)point;
}

bool
app_test_flag(const char *name)
{
	(void)name;
	return false;
}
#endif
