/* pg_upgrade.c - a server's schema against this cslog's: the parts of
 * pg_schema_parts[] (pg_conn.c) each server records in cslog.schema_part
 * as it makes them.  'cslog admin upgrade-server' makes, in one
 * transaction, the parts a server lacks; every other command checks once,
 * when it connects, that the server has every part this cslog needs, so
 * that it says "upgrade" rather than fail on a missing function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

/* Every part's name as a text array literal: "{roles,tables,...}". */
static char *
part_names(void)
{
	size_t n = 3, i, off = 0;
	char *s;

	for (i = 0; pg_schema_parts[i].name != NULL; i++)
		n += strlen(pg_schema_parts[i].name) + 1;
	if ((s = malloc(n)) == NULL)
		return NULL;
	s[off++] = '{';
	for (i = 0; pg_schema_parts[i].name != NULL; i++)
		off += (size_t)snprintf(s + off, n - off, "%s%s", i ? "," : "",
		                        pg_schema_parts[i].name);
	s[off++] = '}';
	s[off] = '\0';
	return s;
}

/* Has the database a schema cslog, and in it the table of parts? */
static int
shape(struct pgstore *pg, PGconn *c, bool *schema, bool *parts, struct cs_err *err)
{
	PGresult *r = pgstore_exec_on(pg, c, "SELECT to_regnamespace('cslog') IS NOT NULL,"
	                              " to_regclass('cslog.schema_part') IS NOT NULL", 0, NULL,
	                              err);

	if (r == NULL)
		return pgstore_code(err);
	*schema = pgstore_tri(r, 0, 0) == TRI_YES;
	*parts = pgstore_tri(r, 0, 1) == TRI_YES;
	PQclear(r);
	return CS_OK;
}

static int
too_old(struct pgstore *pg, struct cs_err *err, int code)
{
	return cs_err_set(err, code, "%s was made by a cslog older than the record of its"
	                  " schema's parts (it has no cslog.schema_part), so it cannot be"
	                  " upgraded: make a new database with 'cslog admin init-server' and"
	                  " move the log into it ('cslog export --include-protected', then"
	                  " 'cslog import'; or 'cslog copy')", pg->where);
}

/* The parts this cslog needs that the server lacks, as "a, b" into buf
 * ("" when none).  Run on c (conn, or inside the upgrade's transaction). */
static int
missing(struct pgstore *pg, PGconn *c, char *buf, size_t len, int *n, struct cs_err *err)
{
	char *names = part_names();
	const char *v[] = { names };
	PGresult *r;
	size_t off = 0;
	int i;

	buf[0] = '\0';
	*n = 0;
	if (names == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	r = pgstore_exec_on(pg, c, "SELECT p.name FROM unnest($1::text[]) WITH ORDINALITY"
	                    " AS p(name, i) WHERE NOT EXISTS (SELECT 1 FROM cslog.schema_part s"
	                    " WHERE s.name = p.name) ORDER BY p.i", 1, v, err);
	free(names);
	if (r == NULL)
		return pgstore_code(err);
	*n = PQntuples(r);
	for (i = 0; i < *n && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? ", " : "",
		                        PQgetvalue(r, i, 0));
	PQclear(r);
	return CS_OK;
}

int
pgstore_schema_check(struct pgstore *pg, struct cs_err *err)
{
	char lack[512];
	bool schema = false, parts = false;
	int n = 0, rc;

	rc = missing(pg, pg->conn, lack, sizeof lack, &n, err);
	if (rc == CS_OK && n == 0)
		return CS_OK;
	if (rc == CS_OK)
		return cs_err_set(err, CS_UNAVAILABLE, "%s lacks parts of the schema this cslog"
		                  " needs (%s): its owner runs 'cslog admin upgrade-server'",
		                  pg->where, lack);
	/* No table of parts: an old server, or not cslog's at all (which the
	 * command's first call says, as before). */
	if ((rc = shape(pg, pg->conn, &schema, &parts, err)) != CS_OK)
		return rc;
	memset(err, 0, sizeof *err);
	return schema && !parts ? too_old(pg, err, CS_UNAVAILABLE) : CS_OK;
}

static int
exec0(struct pgstore *pg, const char *sql, struct cs_err *err)
{
	PGresult *r = pgstore_exec(pg, sql, 0, NULL, err);

	if (r == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

int
pgstore_upgrade_server(struct pgstore *pg, void (*made)(void *ctx, const char *name,
                       const char *what), void *ctx, int *n_made, struct cs_err *err)
{
	char lack[512];
	bool schema = false, parts = false;
	size_t i;
	int n = 0, rc;

	*n_made = 0;
	if (pg->standby)
		return cs_err_set(err, CS_UNAVAILABLE, "%s is a hot standby (read-only):"
		                  " upgrade-server runs on the primary", pg->standby_where);
	if ((rc = shape(pg, pg->conn, &schema, &parts, err)) != CS_OK)
		return rc;
	if (!schema)
		return cs_err_set(err, CS_DATAERR, "%s is not a cslog database (no schema cslog):"
		                  " 'cslog admin init-server' makes one", pg->where);
	if (!parts)
		return too_old(pg, err, CS_DATAERR);
	if ((rc = exec0(pg, "BEGIN", err)) != CS_OK)
		return rc;
	/* Two upgrades at once: the second waits, then finds nothing to do. */
	rc = exec0(pg, "SET LOCAL ROLE cslog_owner", err);
	if (rc == CS_OK)
		rc = exec0(pg, "LOCK TABLE cslog.schema_part IN SHARE ROW EXCLUSIVE MODE", err);
	if (rc == CS_OK)
		rc = exec0(pg, "RESET ROLE", err);
	if (rc == CS_NOPERM)
		cs_err_set(err, CS_NOPERM, "upgrade-server is for the database's owner (a member"
		           " of cslog_owner, as the one who ran init-server is): %s refused it",
		           pg->where);
	if (rc == CS_OK)
		rc = missing(pg, pg->conn, lack, sizeof lack, &n, err);
	for (i = 0; rc == CS_OK && n > 0 && pg_schema_parts[i].name != NULL; i++) {
		const char *v[] = { pg_schema_parts[i].name };
		PGresult *r = pgstore_exec(pg, "SELECT 1 FROM cslog.schema_part WHERE name = $1",
		                           1, v, err);

		if (r == NULL) {
			rc = pgstore_code(err);
			break;
		}
		if (PQntuples(r) == 0) {
			rc = pgstore_part_apply(pg, &pg_schema_parts[i], err);
			if (rc == CS_OK && made != NULL)
				made(ctx, pg_schema_parts[i].name, pg_schema_parts[i].what);
			if (rc == CS_OK)
				++*n_made;
		}
		PQclear(r);
	}
	if (rc == CS_OK)
		return exec0(pg, "COMMIT", err);
	*n_made = 0;
	PQclear(PQexec(pg->conn, "ROLLBACK"));
	return rc;
}
