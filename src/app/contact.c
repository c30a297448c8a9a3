/* contact.c - logging and amending contacts: one use case each, each one
 * transaction. */
#include <string.h>

#include "app_int.h"
#include "cslog/contact_check.h"

#define DAY 86400

struct store *
app_store(struct app *a, struct cs_err *err)
{
	const char *path;
	unsigned flags;

	if (a->store != NULL)
		return a->store;
	path = app_db_path(a, err);
	if (path == NULL || app_store_flags(a, path, &flags, err) != CS_OK)
		return NULL;
	if (store_open(path, flags, &a->store, err) != CS_OK)
		a->store = NULL;
	else
		app_anchor_open(a);
	return a->store;
}

int
app_begin(struct app *a, const char *what, struct store **st, struct cs_err *err)
{
	int rc;

	if ((*st = app_store(a, err)) == NULL)
		return app_err(err);
	if ((rc = store_tx_begin(*st, what, err)) != CS_OK)
		return rc;
	app_now(a);
	return CS_OK;
}

int
app_end(struct app *a, int rc, struct cs_err *err)
{
	rc = store_tx_end(a->store, rc, err);
	if (rc == CS_OK && !store_in_bulk(a->store))   /* a bulk's writes: at its commit */
		app_anchor(a);
	return rc;
}

/* The policy, its version and the time the person gave, checked. */
static int
prepare(struct app *a, struct contact *c, const struct policy **pp, struct cs_err *err)
{
	const struct policy *p;

	if (c->policy_id == NULL || *c->policy_id == '\0')
		return cs_err_set(err, CS_USAGE, "say which policy the contact falls under");
	p = app_policy(a, c->policy_id, err);
	if (p == NULL)
		return app_err(err);
	/* A contact keeps the version it was logged under; an amendment keeps
	 * the original's if that version is still the loaded one. */
	if (c->policy_version == NULL || strcmp(c->policy_version, p->version) != 0)
		c->policy_version = p->version;
	if (c->at == 0)
		c->at = a->now;
	if (c->at > a->now + DAY)
		return cs_err_set(err, CS_DATAERR, "the contact's time is more than a day ahead:"
		                  " contacts are logged after they happen");
	c->logged_at = a->now;   /* stamped by the clock, never given */
	*pp = p;
	return contact_check(p, c, err);
}

int
app_contact_log(struct app *a, const struct app_actor *who, struct contact *c,
                const char *draft_slot, int64_t *id, struct cs_err *err)
{
	const struct policy *p;
	struct store *st;
	int rc;

	app_now(a);
	if (c->member_id == 0)
		c->member_id = who != NULL ? who->id : 0;
	rc = app_may(who, c->member_id == (who ? who->id : 0) ? APP_LOG : APP_LOG_FOR,
	             c->member_id == (who ? who->id : 0) ? c->member_id : 0, err);
	if (rc == CS_OK)
		rc = prepare(a, c, &p, err);
	if (rc != CS_OK || (rc = app_begin(a, "the contact was not saved", &st, err)) != CS_OK)
		return rc;
	c->logged_at = a->now;
	rc = store_contact_insert(st, who->id, c, a->now, id, err);
	if (rc == CS_OK && draft_slot != NULL)
		rc = store_draft_delete(st, who->id, draft_slot, err);
	if (rc == CS_OK)
		rc = store_member_set_last_policy(st, c->member_id, p->id, err);
	return app_end(a, rc, err);
}

int
app_contact_for_amend(struct app *a, const struct app_actor *who, int64_t id,
                      struct contact *out, struct cs_err *err)
{
	struct store *st = app_store(a, err);
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return app_err(err);
	rc = store_contact_get(st, id, STORE_PROTECTED, app_now(a), out, err);
	if (rc == CS_OK)
		rc = app_may(who, APP_AMEND, out->member_id, err);
	if (rc != CS_OK)
		record_contact_clear(out);
	return rc;
}

int
app_contact_amend(struct app *a, const struct app_actor *who, int64_t original_id,
                  struct contact *c, const char *reason, int64_t *id, struct cs_err *err)
{
	struct contact orig = { 0 };
	const struct policy *p;
	struct store *st;
	int rc = app_contact_for_amend(a, who, original_id, &orig, err);

	if (rc != CS_OK)
		return rc;
	c->member_id = orig.member_id;
	record_contact_clear(&orig);
	c->amends = original_id;
	c->amend_reason = reason;
	if ((rc = prepare(a, c, &p, err)) != CS_OK ||
	    (rc = app_begin(a, "the amendment was not saved", &st, err)) != CS_OK)
		return rc;
	c->logged_at = a->now;
	return app_end(a, store_contact_amend(st, who->id, original_id, c, reason, a->now, id,
	                                      err), err);
}
