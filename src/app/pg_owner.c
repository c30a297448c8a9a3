/* pg_owner.c - who may act on a contact or a follow-up on a server,
 * decided here by the permission table (perm.c), as on a file: the
 * record's owner first (the server tells only that: pg_schema_owner.c),
 * then app_may.  So a member who names another's contact is told it is
 * not theirs (77, the file's words), and one who names a contact that
 * is not there "no contact N" (66), at both ends alike.  The server's
 * functions decide again themselves (they trust no client). */
#include "app_int.h"
#include "cslog/pgstore.h"

static int
may(struct app *a, const struct app_actor *who, enum app_op op, bool followup, int64_t id,
    struct cs_err *err)
{
	struct pgstore *pg;
	int64_t owner = 0;
	int rc;

	/* Nobody signed in, or one whose PIN a supervisor set: refused by
	 * the table as they are (the server would refuse the session). */
	if (who == NULL || who->id == 0 || who->pin_reset)
		return app_may(who, op, 0, err);
	if ((pg = app_pg(a, err)) == NULL)
		return app_err(err);
	rc = followup ? pgstore_followup_owner(pg, id, &owner, err) :
	     pgstore_contact_owner(pg, id, &owner, err);
	if (rc == CS_OK && owner == 0)
		rc = followup ? cs_err_set(err, CS_NOINPUT, "no follow-up %lld", (long long)id) :
		     cs_err_set(err, CS_NOINPUT, "no contact %lld", (long long)id);
	return rc == CS_OK ? app_may(who, op, owner, err) : rc;
}

int
app_pg_may_contact(struct app *a, const struct app_actor *who, enum app_op op, int64_t id,
                   struct cs_err *err)
{
	return may(a, who, op, false, id, err);
}

int
app_pg_may_followup(struct app *a, const struct app_actor *who, enum app_op op, int64_t id,
                    struct cs_err *err)
{
	return may(a, who, op, true, id, err);
}
