/* damage.c - a database verify found damaged: the whole of SQLite's
 * report, the damage recorded where every command and screen sees it
 * (store_damage_record), and what that record changes: a crew can still
 * log and is told; a backup needs --damaged and is named so; a
 * supervisor decides on a restore, which removes the record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "cslog/app_time.h"

#define RECHECK_SECONDS 5   /* the screens look again this often */

const char *
app_damage(struct app *a)
{
	int64_t now;

	if (a->store == NULL)
		return NULL;
	now = app_clock();
	if (a->damage_checked == 0 || now - a->damage_checked >= RECHECK_SECONDS ||
	    now < a->damage_checked) {
		free(a->damage);
		a->damage = store_damage_read(a->store);
		a->damage_checked = now;
	}
	return a->damage;
}

/* Forget what was read, so the next app_damage reads the file again. */
static void
forget(struct app *a)
{
	free(a->damage);
	a->damage = NULL;
	a->damage_checked = 0;
}

struct lines {
	void (*cb)(void *ctx, const char *line);
	void *ctx;
	size_t n;
	char first[400];
};

static int
one_line(void *ctx, const char *line)
{
	struct lines *l = ctx;

	if (l->n == 0)
		snprintf(l->first, sizeof l->first, "%s", line);
	if (l->n < APP_INTEGRITY_LINES && l->cb != NULL)
		l->cb(l->ctx, line);
	l->n++;
	return l->n > APP_INTEGRITY_LINES;
}

int
app_damage_report(struct app *a, const struct app_actor *who,
                  const struct store_verify_result *res,
                  void (*line)(void *ctx, const char *text), void *ctx,
                  struct app_damage_result *out, struct cs_err *err)
{
	struct lines l = { line, ctx, 0, "" };
	struct cs_err e = { 0 };
	struct store *st;
	char text[1024], when[32];
	int rc = app_may(who, APP_VERIFY, 0, err);

	memset(out, 0, sizeof *out);
	if (rc != CS_OK)
		return rc;
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	/* A file too damaged to be checked gives no report: verify's words. */
	if (store_integrity(st, APP_INTEGRITY_LINES + 1, one_line, &l, &e) != CS_OK || l.n == 0) {
		one_line(&l, e.msg[0] != '\0' ? e.msg : res->why);
		l.n = 1;
	}
	out->lines = l.n > APP_INTEGRITY_LINES ? APP_INTEGRITY_LINES : l.n;
	out->more = l.n > APP_INTEGRITY_LINES;
	app_time_local(app_now(a), when, sizeof when);
	snprintf(text, sizeof text, "verify found this database damaged on %s (run by %s):"
	         " %s%zu problem%s in SQLite's integrity check, the first: %s", when,
	         who->badge, out->more ? "more than " : "", out->lines,
	         out->lines == 1 && !out->more ? "" : "s", l.first);
	out->recorded = store_damage_record(st, text, &out->not_recorded) == CS_OK;
	forget(a);
	return CS_OK;
}

/* After a verify that found the file intact: an earlier record of damage
 * no longer holds. */
void
app_damage_cleared(struct app *a, bool *was)
{
	struct cs_err e = { 0 };

	*was = app_damage(a) != NULL;
	if (*was && store_damage_clear(a->store, &e) != CS_OK)
		*was = false;
	forget(a);
}

/* "x.db" -> "x-damaged.db", "x" -> "x-damaged". */
int
app_damaged_name(const char *path, char *out, size_t len, struct cs_err *err)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t stem;
	int n;

	if (dot == NULL || (slash != NULL && dot < slash) || dot == path ||
	    (slash != NULL && dot == slash + 1))
		dot = path + strlen(path);
	stem = (size_t)(dot - path);
	n = snprintf(out, len, "%.*s-damaged%s", (int)stem, path, dot);
	if (n < 0 || (size_t)n >= len)
		return cs_err_set(err, CS_USAGE, "the backup's name is too long");
	return CS_OK;
}
