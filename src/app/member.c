/* member.c - members: the first supervisor, adding members, PINs, and
 * finding members by badge or name. */
#include <stdio.h>
#include <string.h>

#include "app_int.h"
#include "cslog/pgstore.h"

int
app_member_count(struct app *a, int64_t *n, struct cs_err *err)
{
	struct store *st;

	*n = 0;
	if (app_db_is_server(a))
		return app_pg_member_count(a, n, err);
	st = app_store(a, err);
	return st == NULL ? app_err(err) : store_member_count(st, n, err);
}

int
app_member_search(struct app *a, const char *text, size_t limit,
                  int (*cb)(void *ctx, const struct member *m), void *ctx,
                  struct cs_err *err)
{
	struct store *st;

	if (app_db_is_server(a))   /* no list before a sign-in: the whole badge */
		return app_pg_member_search(a, text, cb, ctx, err);
	st = app_store(a, err);
	return st == NULL ? app_err(err) : store_member_search(st, text, limit, cb, ctx, err);
}

int
app_member_list(struct app *a, const struct app_actor *who,
                int (*cb)(void *ctx, const struct member *m), void *ctx,
                struct cs_err *err)
{
	struct store *st;
	int rc = app_may(who, APP_MEMBER_LIST, 0, err);

	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return app_pg_member_list(a, who, cb, ctx, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	return store_member_list(st, cb, ctx, err);
}

int
app_member_find(struct app *a, const struct app_actor *who, const char *badge,
                struct member *out, struct cs_err *err)
{
	struct store *st;
	int rc = app_may(who, APP_MEMBER_LIST, 0, err);

	memset(out, 0, sizeof *out);
	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return app_pg_member_find(a, who, badge, 0, out, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	rc = store_member_find(st, badge, out, err);
	if (rc == CS_NOUSER)
		rc = cs_err_set(err, CS_NOINPUT, "no member has the badge '%.40s'", badge);
	return rc;
}

int
app_member_last_policy(struct app *a, const struct app_actor *who, int64_t member_id,
                       char *out, size_t len, struct cs_err *err)
{
	struct member m = { 0 };
	struct store *st;
	struct pgstore *pg;
	bool own = who != NULL && member_id == who->id;
	int rc = app_may(who, own ? APP_LOG : APP_LOG_FOR, own ? member_id : 0, err);

	if (len > 0)
		out[0] = '\0';
	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return (pg = app_pg(a, err)) == NULL ? app_err(err) :
		       pgstore_member_policy(pg, member_id, out, len, err);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	rc = store_member_get(st, member_id, &m, err);
	if (rc == CS_NOUSER)
		return cs_err_set(err, CS_NOINPUT, "no member %lld", (long long)member_id);
	if (rc == CS_OK)
		snprintf(out, len, "%s", m.last_policy != NULL ? m.last_policy : "");
	record_member_clear(&m);
	return rc;
}

int
app_member_add(struct app *a, const struct app_actor *who, const char *badge,
               const char *name, int role, const char *pin, int64_t *id, struct cs_err *err)
{
	struct store *st;
	struct member m = { 0 };
	int64_t n = 0;
	int rc;

	if (role < ROLE_MEMBER || role >= MEMBER_ROLES)
		return cs_err_set(err, CS_USAGE, "unknown role");
	if (role != ROLE_MEMBER && (pin == NULL || *pin == '\0'))
		return cs_err_set(err, CS_USAGE, "a %s must have a PIN",
		                  record_role_name((enum member_role)role));
	if ((rc = record_badge_check(badge, err)) != CS_OK)   /* both stores */
		return rc;
	if (app_db_is_server(a))
		return app_pg_member_add(a, who, badge, name, role, pin, id, err);
	if ((rc = app_begin(a, "the member was not added", &st, err)) != CS_OK)
		return rc;
	rc = store_member_count(st, &n, err);
	if (rc == CS_OK && n == 0 && role != ROLE_SUPERVISOR)
		rc = cs_err_set(err, CS_USAGE, "the first member must be a supervisor");
	if (rc == CS_OK && n > 0)
		rc = app_may(who, APP_MEMBER_ADD, 0, err);
	m.badge = badge;
	m.name = name;
	m.role = (enum member_role)role;
	m.created_at = a->now;
	if (rc == CS_OK)
		rc = store_member_add(st, n > 0 ? who->id : 0, &m, pin, a->now, id, err);
	return app_end(a, rc, err);
}

int
app_member_set_pin(struct app *a, const struct app_actor *who, const char *badge,
                   const char *pin, struct cs_err *err)
{
	struct store *st;
	struct member m = { 0 };
	int rc;

	if (app_db_is_server(a))
		return app_pg_member_set_pin(a, who, badge, pin, err);
	if ((rc = app_begin(a, "the PIN was not changed", &st, err)) != CS_OK)
		return rc;
	rc = store_member_find(st, badge, &m, err);
	if (rc == CS_NOUSER)
		rc = cs_err_set(err, CS_NOINPUT, "no member has the badge '%.40s'", badge);
	if (rc == CS_OK)
		rc = app_may(who, APP_MEMBER_PIN, m.id, err);
	if (rc == CS_OK && (pin == NULL || *pin == '\0') && m.role != ROLE_MEMBER)
		rc = cs_err_set(err, CS_NOPERM, "a %s must keep a PIN", record_role_name(m.role));
	if (rc == CS_OK)
		rc = store_member_set_pin(st, who->id, m.id, pin, a->now, err);
	record_member_clear(&m);
	return app_end(a, rc, err);
}

/* The member of badge, in the transaction under way. */
static int
find_in(struct store *st, const char *badge, struct member *m, struct cs_err *err)
{
	int rc = store_member_find(st, badge, m, err);

	if (rc == CS_NOUSER)
		rc = cs_err_set(err, CS_NOINPUT, "no member has the badge '%.40s'", badge);
	return rc;
}

static int
count_supervisor(void *ctx, const struct member *m)
{
	*(int *)ctx += m->role == ROLE_SUPERVISOR;
	return 0;
}

int
app_member_set_role(struct app *a, const struct app_actor *who, const char *badge, int role,
                    struct cs_err *err)
{
	struct store *st;
	struct member m = { 0 };
	int rc = app_may(who, APP_MEMBER_ADD, 0, err), supervisors = 0;

	if (rc == CS_OK && (role < ROLE_MEMBER || role >= MEMBER_ROLES))
		rc = cs_err_set(err, CS_USAGE, "unknown role");
	if (rc == CS_OK && app_db_is_server(a))
		return app_pg_member_role(a, who, badge, role, err);
	if (rc != CS_OK || (rc = app_begin(a, "the role was not changed", &st, err)) != CS_OK)
		return rc;
	rc = find_in(st, badge, &m, err);
	if (rc == CS_OK && m.id == who->id && role != (int)m.role)
		rc = cs_err_set(err, CS_NOPERM, "a supervisor does not change their own role: "
		                "another supervisor may");
	if (rc == CS_OK && m.role == ROLE_SUPERVISOR && role != ROLE_SUPERVISOR)
		rc = store_member_list(st, count_supervisor, &supervisors, err);
	if (rc == CS_OK && m.role == ROLE_SUPERVISOR && role != ROLE_SUPERVISOR &&
	    supervisors <= 1)
		rc = cs_err_set(err, CS_NOPERM, "%s is the last supervisor: make another one first",
		                m.badge);
	if (rc == CS_OK && role != ROLE_MEMBER && !m.has_pin)
		rc = cs_err_set(err, CS_NOPERM, "a %s must have a PIN: set %s's first",
		                record_role_name((enum member_role)role), m.badge);
	if (rc == CS_OK && role != (int)m.role) {
		m.role = (enum member_role)role;
		rc = store_member_update(st, who->id, &m, a->now, err);
	}
	record_member_clear(&m);
	return app_end(a, rc, err);
}

int
app_member_unlock(struct app *a, const struct app_actor *who, const char *badge,
                  struct cs_err *err)
{
	struct store *st;
	struct member m = { 0 };
	int rc = app_may(who, APP_MEMBER_ADD, 0, err);

	if (rc == CS_OK && app_db_is_server(a))
		return app_pg_member_unlock(a, who, badge, err);
	if (rc != CS_OK || (rc = app_begin(a, "the account was not unlocked", &st, err)) != CS_OK)
		return rc;
	rc = find_in(st, badge, &m, err);
	if (rc == CS_OK && m.locked_until <= a->now && m.failed_pins == 0)
		rc = cs_err_set(err, CS_DATAERR, "%s is not locked", m.badge);
	if (rc == CS_OK)
		rc = store_member_unlock(st, who->id, m.id, a->now, err);
	record_member_clear(&m);
	return app_end(a, rc, err);
}
