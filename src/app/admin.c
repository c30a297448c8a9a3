/* admin.c - the database as a whole: a backup copy, verification, and a
 * supervisor accepting a clock that went back. */
#include <stdio.h>
#include <string.h>

#include "app_int.h"
#include "cslog/app_time.h"

int
app_backup(struct app *a, const struct app_actor *who, const char *path,
           struct store_head *head, struct cs_err *err)
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
	/* The copy's own newest event: what it proves the live log reached. */
	return store_backup_head(st, path, head, err);
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
	return rc;
}

int
app_clock_accept(struct app *a, const struct app_actor *who, int64_t *head_at,
                 bool *accepted, struct cs_err *err)
{
	struct store *st;
	char detail[96], when[32];
	int rc = app_may(who, APP_CLOCK, 0, err);

	if (rc != CS_OK)
		return rc;
	if ((rc = app_begin(a, "nothing was accepted", &st, err)) != CS_OK)
		return rc;
	rc = store_clock_head(st, head_at, err);
	*accepted = rc == CS_OK && *head_at > a->now;   /* else nothing to accept */
	app_time_iso(*head_at, when, sizeof when);
	snprintf(detail, sizeof detail, "{\"newest_was\":\"%s\"}", when);
	if (*accepted)
		rc = store_audit_note(st, who->id, "clock.accept", "clock", 0, detail, a->now, err);
	return app_end(a, rc, err);
}
