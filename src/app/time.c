/* time.c - parsing and showing times. */
#include "cslog/app_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* "-3d", "-12h" (ago) or "+3d", "+12h" (ahead). */
static int
relative(const char *s, int64_t now, int64_t *out)
{
	char *end = NULL;
	long n;
	int64_t sign = s[0] == '+' ? 1 : -1;

	if ((s[0] != '-' && s[0] != '+') || s[1] < '0' || s[1] > '9')
		return -1;
	n = strtol(s + 1, &end, 10);
	if (end == s + 1 || n < 0 || n > 100000)
		return -1;
	if (strcmp(end, "d") == 0)
		*out = now + sign * (int64_t)n * 86400;
	else if (strcmp(end, "h") == 0)
		*out = now + sign * (int64_t)n * 3600;
	else
		return -1;
	return 0;
}

static int
named(const char *s, int64_t now, int end_of_day, int64_t *out)
{
	int64_t day;

	if (strcmp(s, "now") == 0) {
		*out = now;
		return 0;
	}
	if (strcmp(s, "today") == 0)
		day = now;
	else if (strcmp(s, "yesterday") == 0)
		day = now - 86400;
	else if (strcmp(s, "tomorrow") == 0)
		day = now + 86400;
	else
		return -1;
	*out = app_end_of_local_day(day) - (end_of_day ? 0 : 86399);
	return 0;
}

/* The one parser; hint: the forms named when s is none of them. */
static int
parse(const char *s, int64_t now, int end_of_day, int64_t *out, struct cs_err *err,
      const char *what, const char *hint)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, fields;
	char sep = 0;
	size_t len = strlen(s);
	int utc = len > 0 && (s[len - 1] == 'Z' || s[len - 1] == 'z');
	time_t t;

	if (relative(s, now, out) == 0)
		return CS_OK;
	if (named(s, now, end_of_day, out) == 0)
		return CS_OK;
	fields = sscanf(s, "%4d-%2d-%2d%n%c%2d:%2d%n:%2d%n", &y, &mo, &d, &n, &sep, &h, &mi,
	    &n, &sec, &n);
	if (fields < 3 || (fields >= 4 && sep != ' ' && sep != 'T') || fields == 4 ||
	    fields == 5 || (size_t)n + (size_t)utc != len || mo < 1 || mo > 12 || d < 1 ||
	    d > 31 || h > 23 || mi > 59 || sec > 60 || y < 1970 || y > 9999)
		return cs_err_set(err, CS_USAGE, "bad %s '%s' (%s)", what, s, hint);
	if (fields == 3 && end_of_day)
		h = 23, mi = 59, sec = 59;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	t = utc ? timegm(&tm) : mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d)
		return cs_err_set(err, CS_USAGE, "bad date '%s': no such day", s);
	*out = (int64_t)t;
	return CS_OK;
}

int
app_time_parse(const char *s, int64_t now, int end_of_day, int64_t *out,
               struct cs_err *err)
{
	return parse(s, now, end_of_day, out, err, "time",
	             "YYYY-MM-DD, YYYY-MM-DD HH:MM, now, today, yesterday, -7d, -12h");
}

int
app_time_parse_due(const char *s, int64_t now, int64_t *out, struct cs_err *err)
{
	return parse(s, now, 1, out, err, "due time",
	             "a time ahead: +2h, +1d, today, tomorrow, YYYY-MM-DD, YYYY-MM-DD HH:MM");
}

void
app_time_local(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL || strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, len, "?");
}

void
app_time_iso(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL || strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "?");
}

void
app_time_day(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL || strftime(buf, len, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, len, "?");
}

int64_t
app_end_of_local_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL)
		return t;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 59;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}
