/* pg_more.c - more use cases on a PostgreSQL server: follow-ups listed,
 * paused and resumed; a member's role, lockout and PIN; a contact
 * amended (checked by contact.c first, as on a file).  The permission
 * table decides here first, as on a file (review.c, member.c); the
 * server's functions decide again (pg_schema_more.c), with what only
 * the server knows: the target's row, the count of supervisors. */
#include <string.h>

#include "app_int.h"
#include "cslog/pgstore.h"

int
app_pg_followup_list(struct app *a, const struct app_actor *who, struct followup_filter *f,
                     size_t limit, int (*cb)(void *ctx, const struct followup *fu), void *ctx,
                     struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int rc;

	if (pg == NULL)
		return app_err(err);
	if (app_scope_of(who, APP_FOLLOWUP) == SCOPE_OWN && f->member_id == 0)
		f->member_id = who->id;
	if ((rc = app_may(who, APP_FOLLOWUP, f->member_id, err)) != CS_OK)
		return rc;
	return pgstore_followup_list(pg, f, limit, cb, ctx, err);
}

int
app_pg_followup_pause(struct app *a, const struct app_actor *who, int64_t id,
                      const char *reason, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int rc = app_pg_may_followup(a, who, APP_FOLLOWUP, id, err);   /* pg_owner.c */

	if (rc != CS_OK)
		return rc;
	return pg == NULL ? app_err(err) : pgstore_followup_pause(pg, id, reason, err);
}

int
app_pg_member_role(struct app *a, const struct app_actor *who, const char *badge, int role,
                   struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	(void)who;   /* may they: member.c asked */
	if (pg == NULL)
		return app_err(err);
	return pgstore_member_role(pg, badge, (enum member_role)role, err);
}

int
app_pg_member_unlock(struct app *a, const struct app_actor *who, const char *badge,
                     struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	(void)who;   /* may they: member.c asked */
	return pg == NULL ? app_err(err) : pgstore_member_unlock(pg, badge, err);
}

int
app_pg_member_set_pin(struct app *a, const struct app_actor *who, const char *badge,
                      const char *pin, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	bool own = who != NULL && strcmp(who->badge, badge) == 0;
	int rc = app_may(who, APP_MEMBER_PIN, own ? who->id : 0, err);

	if (rc != CS_OK)
		return rc;
	return pg == NULL ? app_err(err) : pgstore_member_set_pin(pg, badge, pin, err);
}

int
app_pg_contact_amend(struct app *a, int64_t original_id, const struct contact *c,
                     const char *reason, int64_t *id, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_contact_amend(pg, original_id, c, reason, id,
	                                                         err);
}
