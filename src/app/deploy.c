/* deploy.c - how this cslog is installed.
 *
 * The group deployment (make install-group, docs/security.md): a cslog
 * group owns the data directory (2770) and the database in it (0660),
 * and the program is set-group-id cslog, so the station's accounts run
 * cslog but cannot open the file with anything else.  Its directory is
 * compiled in (CSLOG_GROUP_DIR); every other build has none.  This file
 * holds it alone, so that the test of that deployment can link a copy
 * naming a directory of its own. */
#include "app_int.h"

#ifndef CSLOG_GROUP_DIR
#define CSLOG_GROUP_DIR ""
#endif

const char *
app_group_dir(void)
{
	return CSLOG_GROUP_DIR[0] != '\0' ? CSLOG_GROUP_DIR : NULL;
}
