/* contact.c - logging and amending contacts: one use case each, each one
 * transaction. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app_int.h"
#include "cslog/app_screens.h"
#include "cslog/app_time.h"
#include "cslog/pgstore.h"
#include "cslog/contact_check.h"

struct store *
app_store(struct app *a, struct cs_err *err)
{
	const char *path;
	unsigned flags;

	if (a->store != NULL)
		return a->store;
	path = app_db_path(a, err);
	if (path != NULL && pgstore_is_conninfo(path)) {
		app_unavailable(a, err);
		return NULL;
	}
	if (path == NULL || app_store_flags(a, path, &flags, err) != CS_OK)
		return NULL;
	if (a->existing)
		flags |= STORE_FALLBACK_RO;
	if (store_open_mode(path, flags, a->db_mode, &a->store, err) != CS_OK)
		a->store = NULL;
	else
		app_anchor_open(a);
	return a->store;
}

int
app_writable(struct app *a, struct store *st, struct cs_err *err)
{
	static const struct timespec poll = { 0, 200 * 1000 * 1000 };
	struct store_bulk_info bi;
	char msg[CS_ERR_MAX], since[32] = "";
	bool told = false;

	while (store_bulk_holder(st, &bi)) {
		if (!told) {
			if (bi.since != 0)
				app_time_local(bi.since, since, sizeof since);
			snprintf(msg, sizeof msg, "an import (process %ld%s%s) is writing the log",
			         bi.pid, since[0] ? ", since " : "", since);
			if (a->wait_bulk == NULL || !a->wait_bulk(a->wait_bulk_ctx, msg))
				return cs_err_set(err, CS_TEMPFAIL, "%s", msg);
			told = true;
		}
		nanosleep(&poll, NULL);
	}
	return CS_OK;
}

int
app_begin(struct app *a, const char *what, struct store **st, struct cs_err *err)
{
	int rc;

	if ((*st = app_store(a, err)) == NULL)
		return app_err(err);
	/* An import that took the lock between the look and the BEGIN makes
	 * the BEGIN time out: then wait for it, and begin again. */
	do {
		if ((rc = app_writable(a, *st, err)) != CS_OK)
			return rc;
		rc = store_tx_begin(*st, what, err);
	} while (rc == CS_TEMPFAIL && store_bulk_holder(*st, NULL));
	if (rc != CS_OK)
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
	int rc;

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
	c->logged_at = a->now;   /* stamped by the clock, never given */
	if ((rc = app_check_times(c, a->now, err)) != CS_OK)
		return rc;
	*pp = p;
	return contact_check(p, c, err);
}

int
app_check_times(const struct contact *c, int64_t now, struct cs_err *err)
{
	int64_t logged = c->logged_at != 0 ? c->logged_at : now;
	char a[32], b[32];

	app_time_iso(c->at, a, sizeof a);
	if (c->at > now + APP_TIME_SLACK) {
		app_time_iso(now, b, sizeof b);
		return cs_err_set(err, CS_DATAERR, "the contact's time %s is more than a day"
		                  " ahead of the clock (%s): contacts are logged after they"
		                  " happen", a, b);
	}
	app_time_iso(logged, b, sizeof b);
	if (logged > now + APP_TIME_SLACK)
		return cs_err_set(err, CS_DATAERR, "logged_at %s is more than a day ahead of the"
		                  " clock: a contact cannot be logged in the future", b);
	if (c->at > logged + APP_TIME_SLACK)
		return cs_err_set(err, CS_DATAERR, "logged_at %s is before the contact's time %s"
		                  " (by more than a day): a contact is logged after it happens",
		                  b, a);
	return CS_OK;
}

/* A follow-up promised with the contact must still be keepable: its
 * limit not already past, unless the contact is entered late (from a
 * paper record) and says so.  The limit is the time due, or the
 * policy's hard limit for the channel when that is later (a BES voice
 * mail of yesterday afternoon: "same day" is past, its 24 hours not).
 * On a server too, for every live save (app_pg_contact_log: the
 * command line's and the screens'); a contact the screens spooled while
 * the server was away is handed over without it (app_pg_contact_replay):
 * it was judged when it was entered. */
int
app_check_followup(const struct policy *p, const struct contact *c, int64_t now,
                   struct cs_err *err)
{
	const struct policy_followup *rule = policy_followup_for(p, c->channel);
	int64_t limit = c->followup_due;
	char due[32], at[32];

	if (rule != NULL && rule->limit_minutes > 0 &&
	    c->at + (int64_t)rule->limit_minutes * 60 > limit)
		limit = c->at + (int64_t)rule->limit_minutes * 60;
	if (c->followup_due == 0 || limit >= now || c->followup_late)
		return CS_OK;
	app_time_local(limit, due, sizeof due);
	app_time_local(now, at, sizeof at);
	/* Only the command line can say a contact is entered from paper
	 * (log --from-paper, which it suggests itself): the screens log a
	 * contact at the end of its call, so the advice here is theirs too. */
	return cs_err_set(err, CS_DATAERR, "the follow-up's limit, %s, is already past (it is"
	                  " %s): give a time still ahead", due, at);
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
	if (app_db_is_server(a))
		return rc != CS_OK ? rc : app_pg_contact_log(a, who, c, NULL, draft_slot, id, err);
	if (rc == CS_OK)
		rc = prepare(a, c, &p, err);
	if (rc == CS_OK)
		rc = app_check_followup(p, c, a->now, err);
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
	struct store *st = app_db_is_server(a) ? NULL : app_store(a, err);
	int rc;

	memset(out, 0, sizeof *out);
	if (app_db_is_server(a)) {   /* may they (pg_owner.c), then its customer data read */
		rc = app_pg_may_contact(a, who, APP_AMEND, id, err);
		return rc != CS_OK ? rc : app_pg_contact_get(a, who, id, true, out, err);
	}
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
	bool server = app_db_is_server(a);
	int rc = server ? app_pg_may_contact(a, who, APP_AMEND, original_id, err) :
	         app_contact_for_amend(a, who, original_id, &orig, err);

	if (rc == CS_OK && server)
		rc = app_pg_contact_get(a, who, original_id, false, &orig, err);
	if (rc != CS_OK)
		return rc;
	c->member_id = orig.member_id;
	record_contact_clear(&orig);
	c->amends = original_id;
	c->amend_reason = reason;
	if ((rc = prepare(a, c, &p, err)) != CS_OK)
		return rc;
	if (server)
		return app_pg_contact_amend(a, original_id, c, reason, id, err);
	if ((rc = app_begin(a, "the amendment was not saved", &st, err)) != CS_OK)
		return rc;
	c->logged_at = a->now;
	return app_end(a, store_contact_amend(st, who->id, original_id, c, reason, a->now, id,
	                                      err), err);
}
