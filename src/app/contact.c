/* contact.c - logging and amending contacts: one use case each. */
#include <string.h>

#include "cslog/app.h"
#include "cslog/contact_check.h"
#include "cslog/store.h"

struct store *
app_store(struct app *a, struct cs_err *err)
{
	const char *path;

	if (a->store != NULL)
		return a->store;
	path = app_db_path(a, err);
	if (path == NULL)
		return NULL;
	if (store_open(path, a->readonly ? STORE_READONLY : 0, &a->store, err) != CS_OK)
		a->store = NULL;
	return a->store;
}

static int
prepare(struct app *a, struct contact *c, const struct policy **pp, struct cs_err *err)
{
	const struct policy *p;

	if (c->policy_id == NULL || *c->policy_id == '\0')
		return cs_err_set(err, CS_USAGE, "say which policy the contact falls under");
	p = app_policy(a, c->policy_id, err);
	if (p == NULL)
		return err ? err->code : CS_USAGE;
	/* A contact keeps the version it was logged under; an amendment keeps
	 * the original's if that version is still the loaded one. */
	if (c->policy_version == NULL || strcmp(c->policy_version, p->version) != 0)
		c->policy_version = p->version;
	if (c->at == 0)
		c->at = a->now;
	*pp = p;
	return contact_check(p, c, err);
}

int
app_contact_log(struct app *a, int64_t actor_id, struct contact *c, int64_t *id,
                struct cs_err *err)
{
	const struct policy *p;
	struct store *st;
	int rc;

	if ((rc = prepare(a, c, &p, err)) != CS_OK)
		return rc;
	st = app_store(a, err);
	if (st == NULL)
		return err ? err->code : CS_SOFTWARE;
	rc = store_contact_insert(st, actor_id, c, a->now, id, err);
	if (rc == CS_OK)
		store_member_set_last_policy(st, c->member_id, p->id, NULL);
	return rc;
}

int
app_contact_amend(struct app *a, int64_t actor_id, int64_t original_id, struct contact *c,
                  const char *reason, int64_t *id, struct cs_err *err)
{
	const struct policy *p;
	struct store *st;
	int rc;

	c->amends = original_id;
	c->amend_reason = reason;
	if ((rc = prepare(a, c, &p, err)) != CS_OK)
		return rc;
	st = app_store(a, err);
	if (st == NULL)
		return err ? err->code : CS_SOFTWARE;
	return store_contact_amend(st, actor_id, original_id, c, reason, a->now, id, err);
}
