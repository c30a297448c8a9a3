/* pg_int.h - what the PostgreSQL store's files (pg_*.c) share. */
#ifndef CSLOG_STORE_PG_INT_H
#define CSLOG_STORE_PG_INT_H

#include <libpq-fe.h>

#include "cslog/pgstore.h"

struct pgstore {
	PGconn *conn;
	char where[256];      /* the connection string without a password */
	char token[80];       /* the session (hex), "" when not signed in */
};

/* The statements of 'admin init-server' (pg_schema.c). */
extern const char *const pg_schema_roles[], *const pg_schema_tables[],
	*const pg_schema_chain[],
	*const pg_schema_api[], *const pg_schema_grants[];
/* verify's comparison of every table's rows (pg_schema_rows.c). */
extern const char *const pg_schema_rows[];

/* Run sql with n text parameters (NULL: SQL NULL).  The result when its
 * status is PGRES_TUPLES_OK or PGRES_COMMAND_OK (PQclear it), else NULL
 * with err set from the server's message (pgstore_fail). */
PGresult *pgstore_exec(struct pgstore *pg, const char *sql, int n, const char *const *vals,
                       struct cs_err *err);

/* err from a failed result (or the connection when res is NULL), mapped
 * onto cs_status by SQLSTATE; returns the code. */
int pgstore_fail(struct pgstore *pg, const PGresult *res, struct cs_err *err);

/* Field (row, col) as text, NULL when SQL NULL. */
const char *pgstore_val(const PGresult *r, int row, int col);
int64_t pgstore_int(const PGresult *r, int row, int col);
/* A boolean column as record_tri. */
enum record_tri pgstore_tri(const PGresult *r, int row, int col);

/* The status in err, or CS_SOFTWARE when none was set. */
static inline int
pgstore_code(const struct cs_err *e)
{
	return e != NULL && e->code != CS_OK ? e->code : CS_SOFTWARE;
}

#endif
