/* pg_standby.c - cslog on a PostgreSQL hot standby (pg_basebackup -R).
 *
 * A standby answers reads; it writes nothing.  Reading commands run
 * there, but what they must write goes to the primary: the sign-in (its
 * session, its count of wrong PINs: a standby that checked PINs without
 * counting misses would let anyone try all 10,000), the sign-out, and a
 * protected read's audit event with the read itself.  The primary is
 * found the way libpq finds one: the same connection string with
 * target_session_attrs=read-write, so that a string naming both hosts
 * ("host=standby,primary") serves; one naming the standby alone cannot
 * sign in, and says so.  Writing commands (log, review, ...) are refused
 * on a standby, naming the primary when one answers.
 *
 * After a sign-in on the primary the standby must have replayed it
 * before it knows the session: wait (a bounded time) until its replay
 * position passes the primary's position after the sign-in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pg_int.h"

/* How long a reading command waits for the standby to replay its
 * sign-in, and how often it looks. */
#define CATCH_UP_MS 10000
#define CATCH_UP_STEP_MS 20

int
pgstore_standby_detect(struct pgstore *pg, const char *conninfo, struct cs_err *err)
{
	/* A server of PostgreSQL 14 or later says it with the connection
	 * (no round trip); an older one is asked. */
	const char *hs = PQparameterStatus(pg->conn, "in_hot_standby");
	PGresult *r;

	if (hs != NULL) {
		pg->standby = strcmp(hs, "on") == 0;
	} else {
		if ((r = pgstore_exec(pg, "SELECT pg_is_in_recovery()", 0, NULL, err)) == NULL)
			return pgstore_code(err);
		pg->standby = pgstore_tri(r, 0, 0) == TRI_YES;
		PQclear(r);
	}
	if (!pg->standby)
		return CS_OK;
	snprintf(pg->standby_where, sizeof pg->standby_where, "host=%.80s port=%.10s",
	         PQhost(pg->conn), PQport(pg->conn));
	if ((pg->conninfo = strdup(conninfo)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	/* Every command on a server signs in, on the primary: find it now,
	 * while a set-group-id cslog still holds the group that may read
	 * the service file (docs/security.md); when none answers, the
	 * sign-in says so (and tries once more). */
	pgstore_primary(pg, "a sign-in", &(struct cs_err){ 0 });
	return CS_OK;
}

static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

PGconn *
pgstore_primary(struct pgstore *pg, const char *what, struct cs_err *err)
{
	static const char *const keys[] = { "dbname", "target_session_attrs",
	                                    "fallback_application_name", "client_encoding",
	                                    NULL };
	const char *vals[] = { pg->conninfo, "read-write", "cslog", "UTF8", NULL };
	char msg[300];
	size_t n;

	if (!pg->standby)
		return pg->conn;
	if (pg->primary != NULL && PQstatus(pg->primary) == CONNECTION_OK)
		return pg->primary;
	if (pg->primary != NULL)
		PQfinish(pg->primary);
	pg->primary = PQconnectdbParams(keys, vals, 1);
	if (pg->primary != NULL && PQstatus(pg->primary) == CONNECTION_OK) {
		PQsetNoticeProcessor(pg->primary, quiet, NULL);
		snprintf(pg->primary_where, sizeof pg->primary_where, "host=%.80s port=%.10s",
		         PQhost(pg->primary), PQport(pg->primary));
		return pg->primary;
	}
	snprintf(msg, sizeof msg, "%s", pg->primary ? PQerrorMessage(pg->primary) :
	         "out of memory");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (n = 0; msg[n] != '\0'; n++)
		if (msg[n] == '\n')
			msg[n] = ' ';
	PQfinish(pg->primary);
	pg->primary = NULL;
	cs_err_set(err, CS_UNAVAILABLE, "the server reached (%s) is a hot standby (read-only):"
	           " %s is written on the primary, and no host of the connection string is a"
	           " primary that answers (%s). Name the primary too, e.g."
	           " postgresql://standby,primary/cslog?target_session_attrs=prefer-standby"
	           " (docs/postgresql.md)", pg->standby_where, what, msg);
	return NULL;
}

PGresult *
pgstore_exec_primary(struct pgstore *pg, const char *what, const char *sql, int n,
                     const char *const *vals, struct cs_err *err)
{
	PGconn *c = pgstore_primary(pg, what, err);

	return c == NULL ? NULL : pgstore_exec_on(pg, c, sql, n, vals, err);
}

PGresult *
pgstore_exec_write(struct pgstore *pg, const char *what, const char *sql, int n,
                   const char *const *vals, struct cs_err *err)
{
	struct cs_err ignored = { 0 };

	if (!pg->standby)
		return pgstore_exec(pg, sql, n, vals, err);
	if (pgstore_primary(pg, what, &ignored) != NULL)
		cs_err_set(err, CS_UNAVAILABLE, "the server reached (%s) is a hot standby"
		           " (read-only), for reading: %s is refused here; connect to the primary"
		           " (%s) to write", pg->standby_where, what, pg->primary_where);
	else
		cs_err_set(err, CS_UNAVAILABLE, "the server reached (%s) is a hot standby"
		           " (read-only), for reading: %s is refused here; connect to the primary"
		           " to write (the connection string names none that answers)",
		           pg->standby_where, what);
	return NULL;
}

static void
nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int
pgstore_standby_catch_up(struct pgstore *pg, struct cs_err *err)
{
	PGresult *r;
	char lsn[64];
	const char *v[1] = { lsn };
	long waited = 0;
	bool there = false;

	if (!pg->standby || pg->primary == NULL)
		return CS_OK;
	if ((r = pgstore_exec_on(pg, pg->primary, "SELECT pg_current_wal_lsn()", 0, NULL,
	                         err)) == NULL)
		return pgstore_code(err);
	snprintf(lsn, sizeof lsn, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	for (;;) {
		r = pgstore_exec(pg, "SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)",
		                 1, v, err);
		if (r == NULL)
			return pgstore_code(err);
		there = pgstore_tri(r, 0, 0) == TRI_YES;
		PQclear(r);
		if (there || waited >= CATCH_UP_MS)
			break;
		nap(CATCH_UP_STEP_MS);
		waited += CATCH_UP_STEP_MS;
	}
	if (!there)
		return cs_err_set(err, CS_TEMPFAIL, "the hot standby (%s) has not replayed this"
		                  " sign-in from the primary within %d s (it lags behind, or its"
		                  " replay is paused); try again, or read from the primary",
		                  pg->standby_where, CATCH_UP_MS / 1000);
	return CS_OK;
}
