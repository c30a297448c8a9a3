/* admin.c - the database as a whole: a backup copy, verification, and a
 * supervisor accepting a clock that went back. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app_int.h"
#include "cslog/app_time.h"

int
app_backup(struct app *a, const struct app_actor *who, const char *path, bool damaged_ok,
           char *made, size_t len, struct store_head *head, struct cs_err *err)
{
	struct store_head h;
	struct store *st;
	int rc = app_may(who, APP_BACKUP, 0, err);

	if (head == NULL)
		head = &h;
	memset(head, 0, sizeof *head);
	if (rc != CS_OK)
		return rc;
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	if (app_damage(a) != NULL && !damaged_ok)
		return cs_err_set(err, CS_DATAERR, "%s: a backup of it would be damaged too, and"
		                  " could one day be restored as if it were sound.  A supervisor"
		                  " decides whether to restore a backup ('cslog restore'); a copy"
		                  " of it as it is needs --damaged, and is named so",
		                  app_damage(a));
	if (app_damage(a) != NULL)
		rc = app_damaged_name(path, made, len, err);
	else if ((size_t)snprintf(made, len, "%s", path) >= len)
		rc = cs_err_set(err, CS_USAGE, "the backup's name is too long");
	/* The copy's own newest event: what it proves the live log reached. */
	return rc != CS_OK ? rc : store_backup_head(st, made, head, err);
}

/* "<db>.before-restore-20261204T170200Z", or with "-2", "-3" ... */
static int
aside_name(struct app *a, const char *db, char *out, size_t len, struct cs_err *err)
{
	char when[32];
	struct stat sb;
	time_t t = (time_t)a->now;
	struct tm tm;
	int i, n;

	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y%m%dT%H%M%SZ", &tm);
	for (i = 1; i < 100; i++) {
		n = i == 1 ? snprintf(out, len, "%s.before-restore-%s", db, when)
		           : snprintf(out, len, "%s.before-restore-%s-%d", db, when, i);
		if (n < 0 || (size_t)n >= len)
			return cs_err_set(err, CS_CANTCREAT, "no name for the database kept aside");
		if (lstat(out, &sb) != 0)
			return CS_OK;
	}
	return cs_err_set(err, CS_CANTCREAT, "no name free for the database kept aside");
}

/* The restore as an event of the restored log, under the supervisor's
 * badge there (0: the program, when the backup has no such member). */
static int
record_restore(struct app *a, const struct app_actor *who, const char *path,
               const char *aside, const struct store_restore_result *res,
               struct cs_err *err)
{
	struct member m = { 0 };
	struct store *st;
	char *detail;
	json_t *o;
	int64_t actor = 0;
	int rc;

	if ((rc = app_begin(a, "the restore was not recorded", &st, err)) != CS_OK)
		return rc;
	if (store_member_find(st, who->badge, &m, NULL) == CS_OK)
		actor = m.id;
	record_member_clear(&m);
	o = json_pack("{s:s, s:s, s:s, s:I, s:I}", "backup", path, "kept", aside,
	              "badge", who->badge, "contacts_before", (json_int_t)res->old_contacts,
	              "events_before", (json_int_t)res->old_events);
	detail = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	rc = detail == NULL ? cs_err_set(err, CS_OSERR, "out of memory") :
	     store_audit_note(st, actor, "database.restore", "database", 0, detail, a->now, err);
	free(detail);
	return app_end(a, rc, err);
}

int
app_restore(struct app *a, const struct app_actor *who, const char *path, char *aside,
            size_t len, struct store_restore_result *res, bool *recorded,
            struct cs_err *note, struct cs_err *err)
{
	struct store *st;
	bool was;
	int rc = app_may(who, APP_RESTORE, 0, err);

	*recorded = false;
	if (rc != CS_OK)
		return rc;
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	app_now(a);
	if ((rc = aside_name(a, store_path(st), aside, len, err)) != CS_OK ||
	    (rc = store_restore(st, path, aside, res, err)) != CS_OK)
		return rc;
	app_damage_cleared(a, &was);   /* the damage stays with the file kept aside */
	app_anchor_restored(a, aside);
	*recorded = record_restore(a, who, path, aside, res, note) == CS_OK;
	return CS_OK;
}

/* The newest event stamped ahead of the clock (a clock that was set
 * forward, or the old test clock): intact as a chain, but no stamp may
 * be later than the time it was written, and nothing more is written
 * until a supervisor accepts the clock (clock-accept), which puts an
 * event of now at the end.  A few minutes' drift between terminals is
 * not a finding. */
#define CLOCK_SLACK 300

static int
future_head(struct app *a, struct store *st, struct store_verify_result *res,
            struct cs_err *err)
{
	char head[32], now[32];
	int64_t at = 0;
	int rc = store_clock_head(st, &at, err);

	if (rc != CS_OK || at <= app_now(a) + CLOCK_SLACK)
		return rc;
	app_time_local(at, head, sizeof head);
	app_time_local(a->now, now, sizeof now);
	res->ok = false;
	snprintf(res->why, sizeof res->why, "the newest audit event is stamped %s, after the "
	         "clock's %s: it was written by a clock set ahead.  Nothing more is written "
	         "until the clock is right or a supervisor accepts it (cslog clock-accept)",
	         head, now);
	return CS_OK;
}

int
app_verify(struct app *a, const struct app_actor *who, const struct app_anchor *given,
           void (*progress)(void *ctx, int64_t done, int64_t total), void *ctx,
           struct store_verify_result *res, struct cs_err *err)
{
	struct app_anchor file;
	struct store *st;
	int rc = app_may(who, APP_VERIFY, 0, err), anchors = 0;

	memset(res, 0, sizeof *res);
	res->ok = true;
	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a)) {   /* the head given first, as below */
		rc = given != NULL ? app_pg_anchor_check(a, given, res, err) : CS_OK;
		anchors = res->anchors;
		if (rc == CS_OK)
			rc = app_pg_verify(a, who, progress, ctx, res, err);
		res->anchors = anchors;
		return rc;
	}
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	/* The heads first: a tail cut off is the cause of what the rest would
	 * find missing, and is named as such. */
	if (a->anchor_seen.event != 0) {
		file.head = a->anchor_seen;
		snprintf(file.source, sizeof file.source, "the anchor file %.280s",
		         a->anchor_path);
		rc = app_anchor_check(a, &file, res, err);
	}
	if (rc == CS_OK && given != NULL)
		rc = app_anchor_check(a, given, res, err);
	anchors = res->anchors;
	if (rc == CS_OK)
		rc = store_verify(st, progress, ctx, res, err);
	res->anchors = anchors;
	if (rc == CS_OK && res->ok)
		rc = future_head(a, st, res, err);
	a->verify_cleared = false;
	if (rc == CS_OK && res->ok)
		app_damage_cleared(a, &a->verify_cleared);
	return rc;
}

int
app_verify_since(struct app *a, const struct app_actor *who, const struct app_anchor *from,
                 struct store_verify_result *res, struct cs_err *err)
{
	struct store *st;
	int rc = app_may(who, APP_VERIFY, 0, err);

	memset(res, 0, sizeof *res);
	res->ok = true;
	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a)) {   /* the chain still reaches the anchor, then since */
		rc = app_pg_anchor_check(a, from, res, err);
		return rc == CS_OK ? app_pg_verify_since(a, from->head.event, res, err) : rc;
	}
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	/* the chain still reaches the anchor, with the hash it had */
	if ((rc = app_anchor_check(a, from, res, err)) != CS_OK)
		return rc;
	return store_verify_since(st, from->head.event, res, err);
}

bool
app_verify_cleared(struct app *a)
{
	return a->verify_cleared;
}

int
app_clock_accept(struct app *a, const struct app_actor *who, int64_t *head_at,
                 int64_t *now, bool *accepted, struct cs_err *err)
{
	struct store *st;
	char detail[96], when[32];
	int rc = app_may(who, APP_CLOCK, 0, err);

	*now = a->now;
	if (rc != CS_OK)
		return rc;
	if (app_db_is_server(a))
		return app_pg_clock_accept(a, head_at, now, accepted, err);
	if ((rc = app_begin(a, "nothing was accepted", &st, err)) != CS_OK)
		return rc;
	rc = store_clock_head(st, head_at, err);
	*accepted = rc == CS_OK && *head_at > a->now;   /* else nothing to accept */
	*now = a->now;
	app_time_iso(*head_at, when, sizeof when);
	snprintf(detail, sizeof detail, "{\"newest_was\":\"%s\"}", when);
	if (*accepted)
		rc = store_audit_note(st, who->id, "clock.accept", "clock", 0, detail, a->now, err);
	return app_end(a, rc, err);
}
