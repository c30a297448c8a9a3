/* pg_io.c - import onto a PostgreSQL server: the checked records sent
 * with COPY into the transaction's own stage, which cslog.import_begin
 * makes (pg_schema_import_lean.c), then written as records of fact by
 * cslog.import_commit in the same transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

static const char COPY_SQL[] =
	"COPY pg_temp.cslog_import_stage (line, id, at, logged_at, badge, member_name, policy_id,"
	" policy_version, kind, channel, outcome, summary, needs_met, added_value, empowered,"
	" answers, standards, referral_to, referee_contacted, decision, appeal_info, call_ref,"
	" negative, amends, amend_reason, customer_name, customer_phone, customer_address,"
	" customer_email) FROM STDIN";

#define N_COLS 29

int
pgstore_import_begin(struct pgstore *pg, struct cs_err *err)
{
	const char *v[1] = { pg->token };
	PGresult *r;
	int rc = pgstore_run(pg, "BEGIN", err);

	if (rc != CS_OK)
		return rc;
	if ((r = pgstore_exec(pg, "SELECT cslog.import_begin($1)", 1, v, err)) == NULL) {
		rc = pgstore_code(err);
		PQclear(PQexec(pg->conn, "ROLLBACK"));
		return rc;
	}
	PQclear(r);
	r = PQexec(pg->conn, COPY_SQL);
	if (r == NULL || PQresultStatus(r) != PGRES_COPY_IN) {
		rc = pgstore_fail(pg, r, err);
		PQclear(r);
		PQclear(PQexec(pg->conn, "ROLLBACK"));
		return rc;
	}
	PQclear(r);
	return CS_OK;
}

static const char *
tri(enum record_tri t)
{
	return t == TRI_YES ? "t" : t == TRI_NO ? "f" : NULL;
}

static const char *
nz(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

int
pgstore_import_row(struct pgstore *pg, long line, const struct contact *c, const char *badge,
                   const char *member_name, struct cs_err *err)
{
	char nums[5][24], *ans = pgstore_answers_text(c), *std = pgstore_standards_text(c);
	const char *v[N_COLS];
	size_t len = 1, off = 0;
	char *buf;
	int i, rc = CS_OK;

	snprintf(nums[0], 24, "%ld", line);
	snprintf(nums[1], 24, "%lld", (long long)c->id);
	snprintf(nums[2], 24, "%lld", (long long)c->at);
	snprintf(nums[3], 24, "%lld", (long long)c->logged_at);
	snprintf(nums[4], 24, "%lld", (long long)c->amends);
	v[0] = nums[0];
	v[1] = c->id != 0 ? nums[1] : NULL;
	v[2] = nums[2];
	v[3] = c->logged_at != 0 ? nums[3] : NULL;
	v[4] = badge;
	v[5] = nz(member_name);
	v[6] = c->policy_id;
	v[7] = c->policy_version;
	v[8] = c->kind;
	v[9] = c->channel;
	v[10] = nz(c->outcome);
	v[11] = c->summary;
	v[12] = tri(c->needs_met);
	v[13] = nz(c->added_value);
	v[14] = tri(c->empowered);
	v[15] = ans;
	v[16] = std;
	v[17] = nz(c->referral_to);
	v[18] = tri(c->referee_contacted);
	v[19] = nz(c->decision);
	v[20] = nz(c->appeal_info);
	v[21] = nz(c->call_ref);
	v[22] = c->negative ? "t" : "f";
	v[23] = c->amends != 0 ? nums[4] : NULL;
	v[24] = nz(c->amend_reason);
	v[25] = nz(c->customer_name);
	v[26] = nz(c->customer_phone);
	v[27] = nz(c->customer_address);
	v[28] = nz(c->customer_email);
	for (i = 0; i < N_COLS; i++)
		len += pgstore_copy_field(NULL, v[i]) + 1;
	if ((c->n_answers > 0 && ans == NULL) || (c->n_standards > 0 && std == NULL) ||
	    (buf = malloc(len)) == NULL) {
		free(ans);
		free(std);
		return cs_err_set(err, CS_OSERR, "out of memory");
	}
	for (i = 0; i < N_COLS; i++) {
		off += pgstore_copy_field(buf + off, v[i]);
		buf[off++] = i + 1 < N_COLS ? '\t' : '\n';
	}
	if (PQputCopyData(pg->conn, buf, (int)off) != 1)
		rc = pgstore_fail(pg, NULL, err);
	free(buf);
	free(ans);
	free(std);
	return rc;
}

/* Finish the COPY; with keep, write what was staged (each record the
 * server refuses to bad(ctx, line, why)), and commit unless a record was
 * refused and not skip_bad.  Otherwise roll back. */
int
pgstore_import_end(struct pgstore *pg, bool keep, bool skip_bad,
                   void (*bad)(void *ctx, long line, const char *why), void *ctx,
                   struct pg_import_result *res, struct cs_err *err)
{
	const char *v[1] = { pg->token };
	char rows[24];
	const char *a[2] = { pg->token, rows };
	struct cs_err ignored = { 0 };
	PGresult *r;
	int rc = CS_OK, i, n;

	memset(res, 0, sizeof *res);
	if (PQputCopyEnd(pg->conn, keep ? NULL : "the import was refused") != 1)
		rc = pgstore_fail(pg, NULL, err);
	while ((r = PQgetResult(pg->conn)) != NULL) {
		if (rc == CS_OK && keep && PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = pgstore_fail(pg, r, err);
		PQclear(r);
	}
	if (rc != CS_OK || !keep) {
		PQclear(PQexec(pg->conn, "ROLLBACK"));
		return rc;
	}
	r = pgstore_exec(pg, "SELECT line, why, imported, members FROM cslog.import_commit($1)",
	                 1, v, err);
	if (r == NULL) {
		rc = pgstore_code(err);
		PQclear(PQexec(pg->conn, "ROLLBACK"));
		return rc;
	}
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		if (pgstore_val(r, i, 0) == NULL) {
			res->imported = (size_t)pgstore_int(r, i, 2);
			res->members = (size_t)pgstore_int(r, i, 3);
		} else {
			res->bad++;
			bad(ctx, (long)pgstore_int(r, i, 0), pgstore_val(r, i, 1));
		}
	}
	PQclear(r);
	if (res->bad > 0 && !skip_bad) {
		PQclear(PQexec(pg->conn, "ROLLBACK"));
		res->imported = res->members = 0;
		return CS_OK;
	}
	rc = pgstore_run(pg, "COMMIT", err);
	if (rc != CS_OK) {
		res->imported = res->members = 0;
		return rc;
	}
	/* Committed: the planner's statistics brought up to date after a
	 * large import (best effort: the import stands either way). */
	snprintf(rows, sizeof rows, "%zu", res->imported);
	PQclear(pgstore_exec(pg, "SELECT cslog.import_analyze($1, $2)", 2, a, &ignored));
	return CS_OK;
}
