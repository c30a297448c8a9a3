/* error.c - the error carrier. */
#include "cslog/error.h"

#include <stdarg.h>
#include <stdio.h>

int
cs_err_set(struct cs_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return code;
}

void
cs_err_clear(struct cs_err *e)
{
	if (e == NULL)
		return;
	e->code = CS_OK;
	e->msg[0] = '\0';
}
