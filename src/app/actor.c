/* actor.c - who is acting: the member, authenticated once by the front
 * end (the command line's --as and PIN, the screens' sign-in), then
 * handed to every use case.
 *
 * Before anything else, the member's row is checked against the hash
 * its newest audit event recorded (one indexed look-up): a role raised
 * or a PIN hash copied in the sqlite3 shell is refused at once (65),
 * before a PIN is even checked (a PIN check writes an event, which must
 * never record a forged row) and before the forged role can sign
 * anything off. */
#include <stdio.h>
#include <string.h>

#include "app_int.h"
#include "cslog/app_time.h"

void
app_actor_set(struct app_actor *out, const struct member *m)
{
	memset(out, 0, sizeof *out);
	out->id = m->id;
	out->role = m->role;
	out->has_pin = m->has_pin;
	snprintf(out->badge, sizeof out->badge, "%s", m->badge ? m->badge : "");
	snprintf(out->name, sizeof out->name, "%s", m->name ? m->name : "");
	snprintf(out->last_policy, sizeof out->last_policy, "%s",
	         m->last_policy ? m->last_policy : "");
	out->pin_reset = m->pin_reset;
}

int
app_actor_load(struct app *a, int64_t member_id, struct app_actor *out, struct cs_err *err)
{
	struct store *st = app_store(a, err);
	struct member m = { 0 };
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return app_err(err);
	rc = store_member_get(st, member_id, &m, err);
	if (rc == CS_OK)
		app_actor_set(out, &m);
	record_member_clear(&m);
	return rc;
}

/* The PIN check and what its outcome means for the one acting. */
static int
check(struct app *a, struct store *st, const struct member *m, const char *pin,
      struct pin_result *res, struct cs_err *err)
{
	char when[32];
	int rc = app_begin(a, "the PIN was not checked", &st, err);

	if (rc == CS_OK)
		rc = app_end(a, store_member_check_pin(st, m->id, pin != NULL ? pin : "", a->now,
		                                       res, err), err);
	if (rc != CS_OK)
		return rc;
	if (res->check == PIN_OK)
		return CS_OK;
	if (res->check == PIN_LOCKED) {
		app_time_local(res->locked_until, when, sizeof when);
		return cs_err_set(err, CS_NOPERM, "%s is locked after too many wrong PINs, until %s",
		                  m->badge, when);
	}
	return cs_err_set(err, CS_NOPERM, "wrong PIN for %s (%d %s left before a %d-minute lock)",
	                  m->badge, res->attempts_left, res->attempts_left == 1 ? "try" : "tries",
	                  STORE_PIN_LOCK_SECONDS / 60);
}

int
app_authenticate(struct app *a, const char *badge, app_pin_fn ask, void *ctx,
                 struct app_actor *out, struct cs_err *err)
{
	struct store *st;
	struct member m = { 0 };
	struct pin_result res;
	char pin[80] = "", when[32];
	int rc;

	if (app_db_is_server(a))
		return app_pg_authenticate(a, badge, ask, ctx, out, err);
	memset(out, 0, sizeof *out);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	if (badge == NULL || *badge == '\0')
		return cs_err_set(err, CS_NOPERM, "nobody is acting: say who you are");
	rc = store_member_find(st, badge, &m, err);
	if (rc == CS_NOUSER)
		return cs_err_set(err, CS_NOPERM, "no member has the badge '%.40s'", badge);
	if (rc == CS_OK)
		rc = store_member_attested(st, m.id, err);
	if (rc != CS_OK) {
		record_member_clear(&m);
		return rc;
	}
	if (m.has_pin && store_readonly(st) != NULL) {
		rc = cs_err_set(err, CS_CANTCREAT, "%s has a PIN, and every PIN tried is counted in"
		                " the database (five wrong ones lock the account), but nothing can"
		                " be written to %s (%s): no PIN is checked there; a member without"
		                " a PIN may read it, or copy it to a writable place", m.badge,
		                store_path(st), store_readonly(st));
	} else if (m.has_pin && m.locked_until > app_now(a)) {
		app_time_local(m.locked_until, when, sizeof when);
		rc = cs_err_set(err, CS_NOPERM, "%s is locked after too many wrong PINs, until %s",
		                m.badge, when);
	} else if (m.has_pin) {
		rc = ask != NULL ? ask(ctx, &m, pin, sizeof pin, err) :
		     cs_err_set(err, CS_NOPERM, "%s has a PIN: it must be given", m.badge);
		if (rc == CS_OK)
			rc = check(a, st, &m, pin, &res, err);
	}
	if (rc == CS_OK)
		app_actor_set(out, &m);
	memset(pin, 0, sizeof pin);
	record_member_clear(&m);
	return rc;
}

int
app_sign_in(struct app *a, int64_t member_id, const char *pin, struct app_actor *out,
            struct pin_result *res, struct cs_err *err)
{
	struct store *st = app_store(a, err);
	struct member m = { 0 };
	int rc;

	memset(out, 0, sizeof *out);
	memset(res, 0, sizeof *res);
	if (st == NULL)
		return app_err(err);
	rc = store_member_get(st, member_id, &m, err);
	if (rc == CS_OK)
		rc = store_member_attested(st, m.id, err);
	if (rc == CS_OK && m.has_pin && store_readonly(st) != NULL)
		rc = cs_err_set(err, CS_CANTCREAT, "no PIN can be checked: every PIN tried is"
		                " counted in the database, and nothing can be written to %s (%s)",
		                store_path(st), store_readonly(st));
	else if (rc == CS_OK && m.has_pin)
		rc = check(a, st, &m, pin, res, err);
	if (rc == CS_OK)
		app_actor_set(out, &m);
	record_member_clear(&m);
	return rc;
}
