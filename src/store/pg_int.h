/* pg_int.h - what the PostgreSQL store's files (pg_*.c) share. */
#ifndef CSLOG_STORE_PG_INT_H
#define CSLOG_STORE_PG_INT_H

#include <libpq-fe.h>

#include "cslog/pgstore.h"

struct pgstore {
	PGconn *conn;
	char where[256];      /* the connection string without a password */
	char token[80];       /* the session (hex), "" when not signed in */
	/* A hot standby (pg_standby.c): conn is read-only; what must write
	 * goes to the primary, found by the same string with
	 * target_session_attrs=read-write, connected when first needed. */
	bool standby;
	char *conninfo;       /* as given (on a standby only; freed at close) */
	PGconn *primary;      /* NULL until needed, or when conn is the primary */
	char primary_where[128];
	char standby_where[128];   /* the standby reached: "host=... port=..." */
	/* Was conn (primary) inside a transaction after its last statement?
	 * A connection dropped then is not made again behind the caller's
	 * back: its next statements would each commit on their own. */
	bool conn_xact, primary_xact;
};

/* ---- a hot standby (pg_standby.c) ---------------------------------------- */

/* Is conn a hot standby (pg_is_in_recovery())?  Keeps conninfo when so. */
int pgstore_standby_detect(struct pgstore *pg, const char *conninfo, struct cs_err *err);
/* The connection that writes: conn itself on a primary; on a standby the
 * primary, connected now if need be.  NULL with err (CS_UNAVAILABLE)
 * when the connection string names no primary that answers; what says
 * what needs it ("a sign-in"). */
PGconn *pgstore_primary(struct pgstore *pg, const char *what, struct cs_err *err);
/* sql run on the primary, for what a reading command must write (its
 * sign-in, a protected read's event): as pgstore_exec. */
PGresult *pgstore_exec_primary(struct pgstore *pg, const char *what, const char *sql, int n,
                               const char *const *vals, struct cs_err *err);
/* sql for a writing command (what: "logging a contact"): refused on a
 * standby (CS_UNAVAILABLE, naming the primary when one answers), else
 * as pgstore_exec. */
PGresult *pgstore_exec_write(struct pgstore *pg, const char *what, const char *sql, int n,
                             const char *const *vals, struct cs_err *err);
/* After a sign-in on the primary, wait (a bounded time) until the
 * standby has replayed it, so that it knows the session. */
int pgstore_standby_catch_up(struct pgstore *pg, struct cs_err *err);
/* Run sql on connection c (conn or primary), errors as pgstore_fail. */
PGresult *pgstore_exec_on(struct pgstore *pg, PGconn *c, const char *sql, int n,
                          const char *const *vals, struct cs_err *err);

/* The statements of 'admin init-server' (pg_schema.c). */
extern const char *const pg_schema_roles[], *const pg_schema_tables[],
	*const pg_schema_chain[],
	*const pg_schema_api[], *const pg_schema_grants[];
/* Search, the list with every filter (pg_schema_query.c). */
extern const char *const pg_schema_search[], *const pg_schema_query_grants[];
/* The report aggregates and their functions (pg_schema_report.c). */
extern const char *const pg_schema_report[], *const pg_schema_report_grants[];
/* Import's staging table and its function (pg_schema_io.c). */
extern const char *const pg_schema_io[], *const pg_schema_io_grants[];
/* Import's commit set-based, the row-by-row one kept (pg_schema_io2.c). */
extern const char *const pg_schema_io2[];
/* verify's comparison of every table's rows (pg_schema_rows.c). */
extern const char *const pg_schema_rows[];
/* Follow-ups listed, paused, resumed; members' role, lockout, PIN
 * (pg_schema_more.c). */
extern const char *const pg_schema_more[];
/* amend: a new version superseding the old (pg_schema_amend.c). */
extern const char *const pg_schema_amend[];
/* cslog copy: stations, their segments and records (pg_schema_copy.c). */
extern const char *const pg_schema_copy[];
/* verify: each station's segment computed again with BLAKE2b
 * (pg_copy_verify.c); a finding goes in res as verify's others. */
int pgstore_verify_segments(struct pgstore *pg, struct store_verify_result *res,
                            struct cs_err *err);
/* The same, read by the database's owner without a session (copy). */
int pgstore_owner_segments(struct pgstore *pg, struct store_verify_result *res,
                           struct cs_err *err);
/* Drafts, saved views, contacts' keys (pg_schema_drafts.c). */
extern const char *const pg_schema_drafts[];
/* Drills and quizzes, and verify's row check with them
 * (pg_schema_drill.c). */
extern const char *const pg_schema_drill[];
/* The evaluator, secret-shopper evaluations, and verify's row check
 * with them (pg_schema_measures.c). */
extern const char *const pg_schema_measures[];
/* Survey responses, their comments read on record
 * (pg_schema_survey.c). */
extern const char *const pg_schema_survey[];
/* Recognitions, the evidence for them, and verify's row check with
 * every measure (pg_schema_recognition.c). */
extern const char *const pg_schema_recognition[];
/* The table of the schema's parts made so far (pg_schema_amend.c). */
extern const char *const pg_schema_part_table[];
/* show's follow-ups, reviews and amendments of a contact
 * (pg_schema_more2.c). */
extern const char *const pg_schema_more2[];
/* clock-accept (pg_schema_more2.c). */
extern const char *const pg_schema_clock[];
/* redact and purge (pg_schema_privacy.c). */
extern const char *const pg_schema_privacy[];
/* The list, its search and the reports made faster (pg_schema_speed.c). */
extern const char *const pg_schema_speed[];
/* Contact numbers within 2^53 - 1, as a file's (pg_schema_ids.c). */
extern const char *const pg_schema_ids[];
/* A member's drafts listed newest first, as a file's (pg_schema_draft_order.c). */
extern const char *const pg_schema_draft_order[];

/* One part of the schema: a name recorded once made, its statements,
 * and what it does (for an error).  pg_schema_parts lists them in the
 * order they are made, ending with a NULL name (pg_conn.c); a new part
 * goes at the end, and a shipped part is never edited. */
struct pg_schema_part {
	const char *name;
	const char *const *text;
	const char *what;
};
extern const struct pg_schema_part pg_schema_parts[];
/* The planner's statistics after a large import (pg_schema_analyze.c). */
extern const char *const pg_schema_analyze[];
/* An evaluator's drafts (pg_schema_drafts2.c). */
extern const char *const pg_schema_drafts2[];
/* cslog copy's drills and recognitions (pg_schema_copy2.c). */
extern const char *const pg_schema_copy2[];
/* The reports' all-time totals (pg_schema_totals.c). */
extern const char *const pg_schema_totals[];
/* A full verify's check of those totals against their daily rows
 * (pg_verify_totals.c). */
int pgstore_verify_totals(struct pgstore *pg, struct store_verify_result *res,
                          struct cs_err *err);
/* Each member's last policy (pg_schema_last_policy.c). */
extern const char *const pg_schema_last_policy[];
/* A survey response's reference once per station (pg_schema_survey_ref.c). */
extern const char *const pg_schema_survey_ref[];
/* A contact counted in the aggregates by one statement (pg_schema_logfast.c). */
extern const char *const pg_schema_logfast[];
/* Every writer takes the audit chain's head first (pg_schema_chain_first.c). */
extern const char *const pg_schema_chain_first[];
/* A rare search word's contacts from the GIN index first (pg_schema_search_rare.c). */
extern const char *const pg_schema_search_rare[];
/* An import's stage in a temporary table; a leaner commit (pg_schema_import_lean.c). */
extern const char *const pg_schema_import_lean[];
/* A contact's empowerment flag held to its answers (pg_schema_empowered.c). */
extern const char *const pg_schema_empowered[];
/* A badge with no space or control character (pg_schema_badge.c). */
extern const char *const pg_schema_badge[];
/* cslog copy carrying each member's last policy (pg_schema_copy_policy.c). */
extern const char *const pg_schema_copy_policy[];
/* Whose a contact or a follow-up is, for the use case to decide (pg_schema_owner.c). */
extern const char *const pg_schema_owner[];
/* Another member's last policy, for logging for them (pg_schema_member_policy.c). */
extern const char *const pg_schema_member_policy[];
/* A new backend's first log cheaper (pg_schema_logcold.c). */
extern const char *const pg_schema_logcold[];
/* A server's drills and recognitions into the file st a copy writes,
 * in its transaction, members mapped by map (pg_copy_out2.c). */
int pg_copy_out_measures(struct pgstore *pg, struct store *st,
                         int64_t (*map)(void *ctx, int64_t server_member), void *ctx,
                         int64_t now, struct pg_copy_result *res, struct cs_err *err);
/* Make part (one of pg_schema_parts) and record it in cslog.schema_part,
 * inside the caller's transaction. */
int pgstore_part_apply(struct pgstore *pg, const struct pg_schema_part *part,
                       struct cs_err *err);

/* Run sql (no parameter, no rows wanted): CS_OK or the error's code. */
int pgstore_run(struct pgstore *pg, const char *sql, struct cs_err *err);
/* One field of COPY's text format into out (NULL: only counted): \N for
 * NULL, backslash, tab, newline and carriage return escaped.  Returns
 * its length (no NUL written). */
size_t pgstore_copy_field(char *out, const char *v);

/* Run sql with n text parameters (NULL: SQL NULL).  The result when its
 * status is PGRES_TUPLES_OK or PGRES_COMMAND_OK (PQclear it), else NULL
 * with err set from the server's message (pgstore_fail). */
PGresult *pgstore_exec(struct pgstore *pg, const char *sql, int n, const char *const *vals,
                       struct cs_err *err);

/* err from a failed result (or the connection when res is NULL), mapped
 * onto cs_status by SQLSTATE; returns the code. */
int pgstore_fail(struct pgstore *pg, const PGresult *res, struct cs_err *err);
int pgstore_fail_on(struct pgstore *pg, PGconn *c, const PGresult *res, struct cs_err *err);

/* Field (row, col) as text, NULL when SQL NULL. */
const char *pgstore_val(const PGresult *r, int row, int col);
int64_t pgstore_int(const PGresult *r, int row, int col);
/* A boolean column as record_tri. */
enum record_tri pgstore_tri(const PGresult *r, int row, int col);

/* A contact's answers as "q1=yes;q2=no" and standards as "a;b", as the
 * server keeps them (malloc'd; NULL when none, or out of memory). */
char *pgstore_answers_text(const struct contact *c);
char *pgstore_standards_text(const struct contact *c);

/* A PostgreSQL array literal of n elements, each given by el(ctx, i,
 * buf of 32 bytes) (NULL: SQL NULL), quoted; malloc'd (NULL: out of
 * memory).  pg_measures.c. */
char *pgstore_array_lit(const char *(*el)(const void *ctx, size_t i, char *buf),
                        const void *ctx, size_t n);

/* The status in err, or CS_SOFTWARE when none was set. */
static inline int
pgstore_code(const struct cs_err *e)
{
	return e != NULL && e->code != CS_OK ? e->code : CS_SOFTWARE;
}

#endif
