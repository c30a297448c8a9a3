/* member.c - adding members and signing in: the rules of who may act. */
#include <string.h>

#include "cslog/app.h"
#include "cslog/store.h"

int
app_member_add(struct app *a, int64_t actor_id, const char *badge, const char *name,
               int role, const char *pin, int64_t *id, struct cs_err *err)
{
	struct store *st = app_store(a, err);
	struct member m = { 0 }, actor = { 0 };
	int64_t n = 0;
	int rc;

	if (st == NULL)
		return err ? err->code : CS_SOFTWARE;
	if (role < ROLE_MEMBER || role > ROLE_TRAINER)
		return cs_err_set(err, CS_USAGE, "unknown role");
	if (role != ROLE_MEMBER && (pin == NULL || *pin == '\0'))
		return cs_err_set(err, CS_USAGE, "a %s must have a PIN",
		    record_role_name((enum member_role)role));
	if ((rc = store_member_count(st, &n, err)) != CS_OK)
		return rc;
	if (n == 0 && role != ROLE_SUPERVISOR)
		return cs_err_set(err, CS_USAGE, "the first member must be a supervisor");
	if (n > 0) {
		if ((rc = store_member_get(st, actor_id, &actor, err)) != CS_OK)
			return rc;
		rc = actor.role == ROLE_SUPERVISOR ? CS_OK :
		    cs_err_set(err, CS_NOPERM, "only a supervisor may add members");
		record_member_clear(&actor);
		if (rc != CS_OK)
			return rc;
	}
	m.badge = badge;
	m.name = name;
	m.role = (enum member_role)role;
	m.created_at = a->now;
	return store_member_add(st, n > 0 ? actor_id : 0, &m, pin, a->now, id, err);
}

int
app_sign_in(struct app *a, int64_t member_id, const char *pin, struct pin_result *res,
            struct cs_err *err)
{
	struct store *st = app_store(a, err);

	if (st == NULL)
		return err ? err->code : CS_SOFTWARE;
	return store_member_check_pin(st, member_id, pin ? pin : "", a->now, res, err);
}
