/* check.c - the structural checks the store makes before writing.
 * Everything about policies is checked above the store; a text is
 * checked by core's one rule (contact_check_text: required, length,
 * valid UTF-8). */
#include <string.h>

#include "cslog/contact_check.h"
#include "internal.h"

#define TIME_MAX INT64_C(253402300799) /* 9999-12-31 23:59:59 UTC */

int
check_text(const char *what, const char *s, size_t max, bool required,
           struct cs_err *err)
{
	return contact_check_text(what, s, max, required, err);
}

int
check_id(const char *what, const char *s, bool required, struct cs_err *err)
{
	const unsigned char *p;
	int rc = check_text(what, s, RECORD_ID_MAX, required, err);

	if (rc != CS_OK || s == NULL)
		return rc;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return cs_err_set(err, CS_DATAERR,
			                  "%s \"%.64s\" has a space or control character", what, s);
	return CS_OK;
}

int
check_time(const char *what, int64_t t, bool required, struct cs_err *err)
{
	if (t == 0 && !required)
		return CS_OK;
	if (t <= 0 || t > TIME_MAX)
		return cs_err_set(err, CS_DATAERR, "%s is not a valid time", what);
	return CS_OK;
}
