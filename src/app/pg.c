/* pg.c - the use cases on a PostgreSQL server (pgstore.h).
 *
 * The same decisions as on a file (the permission table, the policy's
 * checks of a contact), taken here first; the server then takes them
 * again itself, for it trusts no client: it knows who is acting from the
 * session its sign-in gave, and stamps every time with its own clock.
 * A use case not yet written for the server refuses (CS_UNAVAILABLE,
 * exit 69) rather than run half-way: app_store() returns no store for a
 * server's connection string. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_int.h"
#include "cslog/app_time.h"
#include "cslog/contact_check.h"
#include "cslog/pgstore.h"

/* The group deployment: its server's service file, beside where its
 * SQLite file would be.  Present, it is the only way to the server. */
#define GROUP_SERVICE_FILE "pg_service.conf"

bool
app_db_is_server(struct app *a)
{
	struct cs_err err = { 0 };
	const char *db = app_db_path(a, &err);

	return db != NULL && pgstore_is_conninfo(db);
}

int
app_unavailable(struct app *a, struct cs_err *err)
{
	(void)a;
	return cs_err_set(err, CS_UNAVAILABLE, "this is not yet available on a PostgreSQL"
	                  " store (see docs/postgresql.md for what is)");
}

const char *
app_group_service(struct app *a)
{
	const char *dir = app_group_dir();
	size_t n;

	if (dir == NULL)
		return NULL;
	if (a->service_file[0] == '\0') {
		n = (size_t)snprintf(a->service_file, sizeof a->service_file, "%s/%s", dir,
		                     GROUP_SERVICE_FILE);
		if (n >= sizeof a->service_file)
			a->service_file[0] = '\0';
	}
	return a->service_file[0] != '\0' && access(a->service_file, F_OK) == 0 ?
	       a->service_file : NULL;
}

/* Set-group-id with a service file: libpq reads that file and nothing
 * the person could set (PG* variables, ~/.pgpass, ~/.pg_service.conf). */
static void
group_env(struct app *a)
{
	extern char **environ;
	const char *svc = app_group_service(a);
	char name[128];
	size_t i, n;

	if (svc == NULL)
		return;
	for (i = 0; environ[i] != NULL;) {
		if (strncmp(environ[i], "PG", 2) != 0) {
			i++;
			continue;
		}
		n = strcspn(environ[i], "=");
		snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1),
		         environ[i]);
		if (unsetenv(name) != 0)
			i++;
	}
	setenv("PGSERVICEFILE", svc, 1);
	setenv("PGPASSFILE", "/dev/null", 1);
}

struct pgstore *
app_pg(struct app *a, struct cs_err *err)
{
	const char *db;

	if (a->pg != NULL)
		return a->pg;
	if ((db = app_db_path(a, err)) == NULL)
		return NULL;
	group_env(a);
	if (pgstore_open(db, &a->pg, err) != CS_OK)
		a->pg = NULL;
	/* Once a connection: does the server have what this cslog calls? */
	else if (pgstore_schema_check(a->pg, err) != CS_OK) {
		pgstore_close(a->pg);
		a->pg = NULL;
	}
	return a->pg;
}

/* ---- admin init-server ------------------------------------------------- */

int
app_init_server(struct app *a, const char *url, const char *badge, const char *name,
                const char *pin, int64_t *id, struct cs_err *err)
{
	struct pgstore *pg = NULL;
	int rc;

	(void)a;
	if (!pgstore_is_conninfo(url))
		return cs_err_set(err, CS_USAGE, "init-server takes a PostgreSQL connection string"
		                  " (postgresql://... or service=NAME), not '%.200s'", url);
	if (badge == NULL || *badge == '\0' || name == NULL || *name == '\0')
		return cs_err_set(err, CS_USAGE, "init-server needs the first supervisor's --badge"
		                  " and --name");
	if (record_pin_check(pin, err) != CS_OK)
		return cs_err_set(err, CS_USAGE, "the first supervisor needs a PIN of %d to %d"
		                  " characters", RECORD_PIN_MIN, RECORD_PIN_MAX);
	if ((rc = pgstore_open(url, &pg, err)) != CS_OK)
		return rc;
	rc = pgstore_init_server(pg, badge, name, pin, id, err);
	pgstore_close(pg);
	return rc;
}

/* ---- who is acting ------------------------------------------------------ */

int
app_pg_authenticate(struct app *a, const char *badge, app_pin_fn ask, void *ctx,
                    struct app_actor *out, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	struct member m = { 0 };
	struct pin_result res;
	char pin[80] = "";
	bool needs = false;
	int rc;

	memset(out, 0, sizeof *out);
	if (pg == NULL)
		return app_err(err);
	if (badge == NULL || *badge == '\0')
		return cs_err_set(err, CS_NOPERM, "nobody is acting: say who you are");
	/* Signed in at once when the member has no PIN; a PIN asked only of
	 * those who have one (the server says). */
	rc = pgstore_sign_in_bare(pg, badge, &m, &res, &needs, err);
	if (rc == CS_NOUSER)
		return cs_err_set(err, CS_NOPERM, "no member has the badge '%.40s'", badge);
	if (rc != CS_OK || !needs)
		return app_pg_sign_in_judge(badge, rc, &res, &m, out, err);
	m.badge = badge;
	m.has_pin = true;
	rc = ask != NULL ? ask(ctx, &m, pin, sizeof pin, err) :
	     cs_err_set(err, CS_NOPERM, "%s has a PIN: it must be given", badge);
	memset(&m, 0, sizeof m);
	if (rc == CS_OK)
		rc = pgstore_sign_in(pg, badge, pin, &m, &res, err);
	memset(pin, 0, sizeof pin);
	return app_pg_sign_in_judge(badge, rc, &res, &m, out, err);
}

/* What a server's sign-in said (rc, res), made the person's answer: the
 * actor set only when the PIN was right.  m is cleared. */
int
app_pg_sign_in_judge(const char *badge, int rc, const struct pin_result *res,
                     struct member *m, struct app_actor *out, struct cs_err *err)
{
	char when[32];

	if (rc == CS_NOUSER)
		rc = cs_err_set(err, CS_NOPERM, "no member has the badge '%.40s'", badge);
	else if (rc == CS_OK && res->check == PIN_LOCKED) {
		app_time_local(res->locked_until, when, sizeof when);
		rc = cs_err_set(err, CS_NOPERM, "%s is locked after too many wrong PINs, until %s"
		                " (kept by the server, for every station)", badge, when);
	} else if (rc == CS_OK && res->check == PIN_WRONG)
		rc = cs_err_set(err, CS_NOPERM, "wrong PIN for %s (%d %s left before a %d-minute"
		                " lock)", badge, res->attempts_left,
		                res->attempts_left == 1 ? "try" : "tries",
		                STORE_PIN_LOCK_SECONDS / 60);
	if (rc == CS_OK)
		app_actor_set(out, m);
	record_member_clear(m);
	return rc;
}

/* ---- members ------------------------------------------------------------ */

int
app_pg_member_count(struct app *a, int64_t *n, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_member_count(pg, n, err);
}

int
app_pg_member_add(struct app *a, const struct app_actor *who, const char *badge,
                  const char *name, int role, const char *pin, int64_t *id,
                  struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	struct member m = { 0 };
	int rc;

	if (pg == NULL)
		return app_err(err);
	if (who == NULL || who->id == 0)
		return cs_err_set(err, CS_NOPERM, "on a PostgreSQL store the first supervisor is"
		                  " added by 'cslog admin init-server'; then a supervisor adds"
		                  " members");
	if ((rc = app_may(who, APP_MEMBER_ADD, 0, err)) != CS_OK)
		return rc;
	m.badge = badge;
	m.name = name;
	m.role = (enum member_role)role;
	return pgstore_member_add(pg, &m, pin, id, err);
}

int
app_pg_member_list(struct app *a, const struct app_actor *who,
                   int (*cb)(void *ctx, const struct member *m), void *ctx,
                   struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int rc = app_may(who, APP_MEMBER_LIST, 0, err);

	if (rc != CS_OK)
		return rc;
	return pg == NULL ? app_err(err) : pgstore_member_list(pg, cb, ctx, err);
}

struct find {
	const char *badge;
	int64_t id;
	struct member *out;
	int rc;
};

static int
find_one(void *ctx, const struct member *m)
{
	struct find *f = ctx;

	if ((f->badge != NULL && strcmp(m->badge, f->badge) == 0) ||
	    (f->badge == NULL && m->id == f->id)) {
		f->rc = record_member_copy(f->out, m) == 0 ? CS_OK : CS_OSERR;
		return 1;
	}
	return 0;
}

int
app_pg_member_find(struct app *a, const struct app_actor *who, const char *badge,
                   int64_t id, struct member *out, struct cs_err *err)
{
	struct find f = { badge, id, out, CS_NOINPUT };
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = app_pg_member_list(a, who, find_one, &f, err)) != CS_OK)
		return rc;
	if (f.rc == CS_NOINPUT)
		return badge != NULL ?
		       cs_err_set(err, CS_NOINPUT, "no member has the badge '%.40s'", badge) :
		       cs_err_set(err, CS_NOINPUT, "no member %lld", (long long)id);
	return f.rc == CS_OK ? CS_OK : cs_err_set(err, CS_OSERR, "out of memory");
}

/* ---- contacts ----------------------------------------------------------- */

/* One home for both ways in: judge (who may, the policy's checks and,
 * for a live save, the follow-up still keepable) before the server is
 * asked, so that what the screens spool when it does not answer has
 * been judged as a save would have been. */
static int
pg_log(struct app *a, const struct app_actor *who, struct contact *c, const char *key,
       const char *draft, bool live, int64_t *id, struct cs_err *err)
{
	struct pgstore *pg;
	struct member m = { 0 };
	const struct policy *p;
	bool own;
	int rc;

	app_now(a);
	if (c->member_id == 0)
		c->member_id = who != NULL ? who->id : 0;
	own = who != NULL && c->member_id == who->id;
	rc = app_may(who, own ? APP_LOG : APP_LOG_FOR, own ? c->member_id : 0, err);
	if (rc == CS_OK && (c->policy_id == NULL || *c->policy_id == '\0'))
		rc = cs_err_set(err, CS_USAGE, "say which policy the contact falls under");
	if (rc == CS_OK && (p = app_policy(a, c->policy_id, err)) == NULL)
		rc = app_err(err);
	if (rc != CS_OK)
		return rc;
	c->policy_version = p->version;
	if (c->at == 0)
		c->at = a->now;
	c->logged_at = a->now;   /* only for the check: the server stamps its own */
	if ((rc = contact_check(p, c, err)) != CS_OK)
		return rc;
	if (live && (rc = app_check_followup(p, c, a->now, err)) != CS_OK)
		return rc;
	if ((pg = app_pg(a, err)) == NULL)
		return app_err(err);
	c->member_badge = NULL;
	if (!own) {
		if ((rc = app_pg_member_find(a, who, NULL, c->member_id, &m, err)) != CS_OK)
			return rc;
		c->member_badge = m.badge;
	}
	rc = key != NULL || draft != NULL ?
	     pgstore_contact_log_keyed(pg, c, key, draft, id, err) :
	     pgstore_contact_log(pg, c, id, err);
	c->member_badge = NULL;
	record_member_clear(&m);
	return rc;
}

int
app_pg_contact_log(struct app *a, const struct app_actor *who, struct contact *c,
                   const char *key, const char *draft, int64_t *id, struct cs_err *err)
{
	return pg_log(a, who, c, key, draft, true, id, err);
}

int
app_pg_contact_replay(struct app *a, const struct app_actor *who, struct contact *c,
                      const char *key, const char *draft, int64_t *id, struct cs_err *err)
{
	return pg_log(a, who, c, key, draft, false, id, err);
}

int
app_pg_contact_query(struct app *a, const struct app_actor *who, struct contact_filter *f,
                     const struct store_cursor *after, size_t limit,
                     int (*cb)(void *ctx, const struct contact *c), void *ctx,
                     struct store_cursor *next, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int rc;

	if (pg == NULL)
		return app_err(err);
	if (app_scope_of(who, APP_READ) == SCOPE_OWN && f->member_id == 0)
		f->member_id = who->id;
	if ((rc = app_may(who, APP_READ, f->member_id, err)) != CS_OK)
		return rc;
	if (f->include_protected && (rc = app_may(who, APP_BULK_PROTECTED, 0, err)) != CS_OK)
		return rc;
	f->now = app_now(a);
	return pgstore_contact_query(pg, f, after, limit, cb, ctx, next, err);
}

int
app_pg_contact_get(struct app *a, const struct app_actor *who, int64_t id, bool protected,
                   struct contact *out, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int rc;

	memset(out, 0, sizeof *out);
	if (pg == NULL)
		return app_err(err);
	/* Whose it is first, then the table: another's is not theirs (77),
	 * as on a file, not "no contact" (pg_owner.c). */
	if ((rc = app_pg_may_contact(a, who, protected ? APP_READ_PROTECTED : APP_READ, id,
	                             err)) != CS_OK)
		return rc;
	rc = pgstore_contact_get(pg, id, protected, out, err);
	if (rc == CS_OK)
		rc = pgstore_contact_redacted(pg, id, &out->redacted_at, err);
	if (rc != CS_OK)
		record_contact_clear(out);
	return rc;
}

int
app_pg_review_add(struct app *a, const struct app_actor *who, int64_t contact_id, int kind,
                  const char *note, int64_t *id, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int rc = app_may(who, APP_REVIEW, 0, err);

	if (rc != CS_OK)
		return rc;
	if (kind < REVIEW_SIGN_OFF || kind > REVIEW_COMMEND)
		return cs_err_set(err, CS_USAGE, "unknown kind of review");
	return pg == NULL ? app_err(err) :
	       pgstore_review_add(pg, contact_id, (enum review_kind)kind, note, id, err);
}

int
app_pg_followup_done(struct app *a, const struct app_actor *who, int64_t id,
                     const char *note, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int rc = app_pg_may_followup(a, who, APP_FOLLOWUP, id, err);

	if (rc != CS_OK)
		return rc;
	return pg == NULL ? app_err(err) : pgstore_followup_done(pg, id, note, err);
}

/* ---- the chain ------------------------------------------------------------ */

int
app_pg_head(struct app *a, const struct app_actor *who, struct store_head *h,
            struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int rc = app_may(who, APP_VERIFY, 0, err);

	memset(h, 0, sizeof *h);
	if (rc != CS_OK)
		return rc;
	return pg == NULL ? app_err(err) : pgstore_head(pg, h, err);
}

int
app_pg_verify(struct app *a, const struct app_actor *who,
              void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx,
              struct store_verify_result *res, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int rc = app_may(who, APP_VERIFY, 0, err);

	memset(res, 0, sizeof *res);
	res->ok = true;
	if (rc != CS_OK)
		return rc;
	return pg == NULL ? app_err(err) : pgstore_verify(pg, progress, ctx, res, err);
}
