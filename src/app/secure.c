/* secure.c - running set-group-id (the group deployment).
 *
 * When the kernel runs cslog with more rights than the person who ran
 * it (set-group-id cslog: glibc's "secure mode", AT_SECURE), nothing in
 * the environment may redirect it: the database, the policies, the
 * anchor file and the test hooks come from the installed configuration
 * only.  Every environment variable that names a path is read through
 * app_env, which gives nothing in that mode. */
#include <stdlib.h>
#include <sys/auxv.h>

#include "app_int.h"

bool
app_secure(void)
{
	return getauxval(AT_SECURE) != 0;
}

const char *
app_env(const char *name)
{
	const char *v;

	if (app_secure())
		return NULL;
	v = getenv(name);
	return v != NULL && *v != '\0' ? v : NULL;
}
