/* store_fixture.h - the database most store tests run against: opened
 * by each test program's own setup in a temporary directory, closed and
 * removed by the shared teardown.  Included by one test program each:
 * static objects.  Needs cmocka.h before it. */
#ifndef CSLOG_TEST_STORE_FIXTURE_H
#define CSLOG_TEST_STORE_FIXTURE_H

#include "cslog/store.h"
#include "tmpdir.h"

static char dir[64];
static char path[128];
static struct store *st;

static int
teardown(void **state)
{
	(void)state;
	store_close(st);
	st = NULL;
	tmpdir_remove(dir);
	return 0;
}

#endif
