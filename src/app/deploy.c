/* deploy.c - where this cslog is installed.
 *
 * The installed share directory (the shipped policies, CSLOG_SHAREDIR)
 * and, in the group deployment (make install-group, docs/security.md),
 * the data directory the cslog group owns (CSLOG_GROUP_DIR; none in
 * every other build): a cslog group owns it (2770) and the database in
 * it (0660), and the program is set-group-id cslog, so the station's
 * accounts run cslog but cannot open the file with anything else.
 * Both are compiled in, never read from the environment.  This file
 * holds them alone, so that the test of the group deployment can link a
 * copy naming directories of its own. */
#include "app_int.h"

#ifndef CSLOG_GROUP_DIR
#define CSLOG_GROUP_DIR ""
#endif

const char *
app_group_dir(void)
{
	return CSLOG_GROUP_DIR[0] != '\0' ? CSLOG_GROUP_DIR : NULL;
}

const char *
app_share_dir(void)
{
	return CSLOG_SHAREDIR;
}
