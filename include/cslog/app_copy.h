/* app_copy.h - cslog copy: a station's whole log between a SQLite file
 * and a PostgreSQL server (docs/postgresql.md, "Moving a log"). */
#ifndef CSLOG_APP_COPY_H
#define CSLOG_APP_COPY_H

#include "cslog/app.h"
#include "cslog/pgstore.h"

struct app_copy_result {
	char station[65];
	bool to_file;
	struct pg_copy_result moved;
};

/* Copy the log of from to to: a file (it must verify) into a server
 * (to: its owner's connection string), as station (NULL: the file's
 * name without its directory and extension), nothing written on the
 * file; or a server (from: its owner's) into a new file, the members
 * who had a PIN given pin.  One transaction at the destination.
 * res->to_file says which way it went.  CS_USAGE two files, two
 * servers, a bad station name, no pin where one is needed; CS_DATAERR
 * a log that does not verify, a station copied already; CS_CANTCREAT
 * the file exists; CS_UNAVAILABLE what a server does not keep yet;
 * CS_NOPERM the set-group-id deployment, or not the database's owner;
 * CS_TEMPFAIL the server unreachable. */
int app_copy(struct app *a, const char *from, const char *to, const char *station,
             const char *pin, struct app_copy_result *res, struct cs_err *err);

#endif
