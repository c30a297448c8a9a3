/* review.c - supervisors' reviews of contacts: sign-off, debrief note,
 * commendation.  The role is checked here, so the command line and the
 * screens refuse a member the same way. */
#include "cslog/app.h"
#include "cslog/store.h"

int
app_is_supervisor(struct app *a, int64_t member_id, struct cs_err *err)
{
	struct store *st = app_store(a, err);
	struct member m = { 0 };
	int rc;

	if (st == NULL)
		return err != NULL ? err->code : CS_SOFTWARE;
	rc = store_member_get(st, member_id, &m, err);
	if (rc == CS_OK && m.role != ROLE_SUPERVISOR)
		rc = cs_err_set(err, CS_NOPERM, "only a supervisor may do that");
	record_member_clear(&m);
	return rc;
}

int
app_review_add(struct app *a, int64_t actor_id, int64_t contact_id, int kind,
               const char *note, int64_t *id, struct cs_err *err)
{
	int rc = app_is_supervisor(a, actor_id, err);

	if (rc != CS_OK)
		return rc;
	return store_review_add(app_store(a, err), actor_id, contact_id,
	                        (enum review_kind)kind, note, a->now, id, err);
}
