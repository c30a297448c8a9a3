/* pg_member.c - members on a PostgreSQL server: sign-in (the server
 * checks the PIN with bcrypt and counts wrong ones for every station),
 * adding and listing.  No PIN hash ever leaves the server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

/* A member row of sign_in into *m (owned); c_policy the column of the
 * member's last policy. */
static int
member_from(const PGresult *r, int row, int c_id, int c_badge, int c_name, int c_role,
            int c_policy, struct member *m, struct cs_err *err)
{
	struct member tmp;
	int role;

	memset(&tmp, 0, sizeof tmp);
	tmp.id = pgstore_int(r, row, c_id);
	tmp.badge = pgstore_val(r, row, c_badge);
	tmp.name = pgstore_val(r, row, c_name);
	tmp.last_policy = pgstore_val(r, row, c_policy);
	role = record_role_parse(pgstore_val(r, row, c_role) ? pgstore_val(r, row, c_role) : "");
	tmp.role = role < 0 ? ROLE_MEMBER : (enum member_role)role;
	if (record_member_copy(m, &tmp) != 0)
		return cs_err_set(err, CS_OSERR, "out of memory");
	return CS_OK;
}

/* The row of cslog.sign_in (or sign_in_bare) r, with the member's last
 * policy, made *m and *res; r is cleared.  *needs (when not NULL) says
 * the member has a PIN that was not given (sign_in_bare's "pin": nobody
 * signed in). */
static int
sign_in_answer(struct pgstore *pg, const char *badge, PGresult *r, struct member *m,
               struct pin_result *res, bool *needs, struct cs_err *err)
{
	const char *status, *tok;
	int rc;

	if (r == NULL)
		return pgstore_code(err);
	status = pgstore_val(r, 0, 0);
	if (status == NULL || strcmp(status, "nouser") == 0) {
		PQclear(r);
		return cs_err_set(err, CS_NOUSER, "no member has the badge '%.40s'", badge);
	}
	if (needs != NULL)
		*needs = strcmp(status, "pin") == 0;
	if (needs != NULL && *needs) {
		PQclear(r);
		return CS_OK;
	}
	/* With the member's last policy (pg_schema_last_policy.c), as a
	 * file's member row holds it. */
	rc = member_from(r, 0, 1, 2, 3, 4, 10, m, err);
	if (rc == CS_OK) {
		m->has_pin = pgstore_tri(r, 0, 5) == TRI_YES;
		m->pin_reset = pgstore_tri(r, 0, 6) == TRI_YES;
		m->locked_until = pgstore_int(r, 0, 8);
		res->attempts_left = (int)pgstore_int(r, 0, 7);
		res->locked_until = m->locked_until;
		if (strcmp(status, "ok") == 0) {
			res->check = PIN_OK;
			tok = pgstore_val(r, 0, 9);
			snprintf(pg->token, sizeof pg->token, "%s", tok ? tok : "");
		} else {
			res->check = strcmp(status, "locked") == 0 ? PIN_LOCKED : PIN_WRONG;
		}
	}
	PQclear(r);
	/* On a standby: it must know the session before the reads. */
	if (rc == CS_OK && res->check == PIN_OK)
		rc = pgstore_standby_catch_up(pg, err);
	return rc;
}

int
pgstore_sign_in(struct pgstore *pg, const char *badge, const char *pin, struct member *m,
                struct pin_result *res, struct cs_err *err)
{
	const char *v[] = { badge, pin != NULL ? pin : "" };

	memset(m, 0, sizeof *m);
	memset(res, 0, sizeof *res);
	return sign_in_answer(pg, badge, pgstore_exec_primary(pg, "a sign-in",
	                      "SELECT status, member_id, badge, name, role, has_pin, pin_reset,"
	                      " attempts_left, locked_until, token,"
	                      " cslog.member_last_policy(token) FROM cslog.sign_in($1, $2)",
	                      2, v, err), m, res, NULL, err);
}

/* One round trip where there were two (sign_in_needs_pin, sign_in) for
 * a member with no PIN (pg_schema_speed.c); the last policy answered by
 * sign_in_bare itself (pg_schema_logcold.c). */
int
pgstore_sign_in_bare(struct pgstore *pg, const char *badge, struct member *m,
                     struct pin_result *res, bool *needs, struct cs_err *err)
{
	const char *v[] = { badge };

	memset(m, 0, sizeof *m);
	memset(res, 0, sizeof *res);
	*needs = false;
	return sign_in_answer(pg, badge, pgstore_exec_primary(pg, "a sign-in",
	                      "SELECT status, member_id, badge, name, role, has_pin, pin_reset,"
	                      " attempts_left, locked_until, token,"
	                      " last_policy FROM cslog.sign_in_bare($1)",
	                      1, v, err), m, res, needs, err);
}

int
pgstore_sign_in_needs_pin(struct pgstore *pg, const char *badge, bool *needs,
                          struct cs_err *err)
{
	const char *v[] = { badge };
	PGresult *r = pgstore_exec(pg, "SELECT cslog.sign_in_needs_pin($1)", 1, v, err);
	int rc = CS_OK;

	if (r == NULL)
		return pgstore_code(err);
	if (pgstore_val(r, 0, 0) == NULL)
		rc = cs_err_set(err, CS_NOUSER, "no member has the badge '%.40s'", badge);
	else
		*needs = pgstore_tri(r, 0, 0) == TRI_YES;
	PQclear(r);
	return rc;
}

int
pgstore_member_count(struct pgstore *pg, int64_t *n, struct cs_err *err)
{
	PGresult *r = pgstore_exec(pg, "SELECT cslog.member_count()", 0, NULL, err);

	if (r == NULL)
		return pgstore_code(err);
	*n = pgstore_int(r, 0, 0);
	PQclear(r);
	return CS_OK;
}

int
pgstore_member_add(struct pgstore *pg, const struct member *m, const char *pin, int64_t *id,
                   struct cs_err *err)
{
	const char *v[] = { pg->token, m->badge, m->name, record_role_name(m->role),
	                    pin != NULL && *pin != '\0' ? pin : NULL };
	PGresult *r = pgstore_exec_write(pg, "adding a member",
	                                 "SELECT cslog.member_add($1, $2, $3, $4, $5)", 5, v, err);

	if (r == NULL)
		return pgstore_code(err);
	*id = pgstore_int(r, 0, 0);
	PQclear(r);
	return CS_OK;
}

int
pgstore_member_list(struct pgstore *pg, int (*cb)(void *ctx, const struct member *m),
                    void *ctx, struct cs_err *err)
{
	const char *v[] = { pg->token };
	PGresult *r = pgstore_exec(pg, "SELECT id, badge, name, role, has_pin, failed_pins,"
	                           " locked_until, pin_reset, created_at"
	                           " FROM cslog.member_list($1)", 1, v, err);
	int i, rc = CS_OK;

	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r) && rc == CS_OK; i++) {
		struct member m = { 0 };
		int role = record_role_parse(PQgetvalue(r, i, 3));

		m.id = pgstore_int(r, i, 0);
		m.badge = pgstore_val(r, i, 1);
		m.name = pgstore_val(r, i, 2);
		m.role = role < 0 ? ROLE_MEMBER : (enum member_role)role;
		m.has_pin = pgstore_tri(r, i, 4) == TRI_YES;
		m.failed_pins = (int)pgstore_int(r, i, 5);
		m.locked_until = pgstore_int(r, i, 6);
		m.pin_reset = pgstore_tri(r, i, 7) == TRI_YES;
		m.created_at = pgstore_int(r, i, 8);
		if (cb(ctx, &m) != 0)
			break;
	}
	PQclear(r);
	return rc;
}

int
pgstore_member_policy(struct pgstore *pg, int64_t member, char *out, size_t len,
                      struct cs_err *err)
{
	char id[24];
	const char *v[] = { pg->token, id }, *p;
	PGresult *r;

	snprintf(id, sizeof id, "%lld", (long long)member);
	if ((r = pgstore_exec(pg, "SELECT cslog.member_policy_of($1, $2)", 2, v, err)) == NULL)
		return pgstore_code(err);
	p = pgstore_val(r, 0, 0);
	snprintf(out, len, "%s", p != NULL ? p : "");
	PQclear(r);
	return CS_OK;
}

/* A change to the member of badge through cslog.fn (what: for a
 * standby's refusal), with a third argument when arg3 is given. */
static int
member_change(struct pgstore *pg, const char *what, const char *sql, const char *badge,
              const char *arg3, int n, struct cs_err *err)
{
	const char *v[] = { pg->token, badge, arg3 };
	PGresult *r = pgstore_exec_write(pg, what, sql, n, v, err);

	if (r == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

int
pgstore_member_role(struct pgstore *pg, const char *badge, enum member_role role,
                    struct cs_err *err)
{
	return member_change(pg, "changing a role", "SELECT cslog.member_role($1, $2, $3)", badge,
	                     record_role_name(role), 3, err);
}

int
pgstore_member_unlock(struct pgstore *pg, const char *badge, struct cs_err *err)
{
	return member_change(pg, "unlocking an account", "SELECT cslog.member_unlock($1, $2)",
	                     badge, NULL, 2, err);
}

int
pgstore_member_set_pin(struct pgstore *pg, const char *badge, const char *pin,
                       struct cs_err *err)
{
	return member_change(pg, "setting a PIN", "SELECT cslog.member_set_pin($1, $2, $3)", badge,
	                     pin != NULL && *pin != '\0' ? pin : NULL, 3, err);
}
