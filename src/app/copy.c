/* copy.c - cslog copy: a station's file into a PostgreSQL server.  The
 * file is verified whole first (a log that does not verify is not
 * copied), then read in one read transaction and written at the server
 * in one transaction by the database's owner (pgstore_copy_from_file).
 * The other way, a server's whole log into a new file, also as the
 * owner (pgstore_copy_to_file). */
#include <stdio.h>
#include <string.h>

#include "cslog/app_copy.h"
#include "cslog/policy.h"
#include "cslog/store.h"

#include "app_int.h"

/* The station's name: 1 to 64 of letters, digits, '-', '_', '.'. */
static bool
station_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 64)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_' || s[i] == '.'))
			return false;
	return true;
}

/* The file's name without directory and extension. */
static void
station_of(const char *path, char *out, size_t len)
{
	const char *b = strrchr(path, '/'), *dot;
	size_t n;

	b = b != NULL ? b + 1 : path;
	dot = strrchr(b, '.');
	n = dot != NULL && dot != b ? (size_t)(dot - b) : strlen(b);
	if (n >= len)
		n = len - 1;
	memcpy(out, b, n);
	out[n] = '\0';
}

/* The policy says whether an outcome is negative; under a policy not
 * loaded here, a contact is negative only when the file's queue of
 * debriefs due holds it (pg_copy.c asks that first). */
static bool
negative(void *ctx, const char *policy_id, const char *policy_version, const char *outcome)
{
	struct app *a = ctx;
	const struct policy *p;
	const struct policy_outcome *o;

	(void)policy_version;
	if (policy_id == NULL || outcome == NULL ||
	    (p = policy_set_find(&a->policies, policy_id)) == NULL)
		return false;
	o = policy_outcome(p, outcome);
	return o != NULL && o->negative;
}

static int
file_to_server(struct app *a, const char *from, const char *to, struct app_copy_result *res,
               struct cs_err *err)
{
	struct store *st = NULL;
	struct pgstore *pg = NULL;
	struct store_verify_result vr;
	struct store_head h;
	struct cs_err why = { 0 };
	int rc;

	rc = store_open(from, STORE_READONLY | STORE_EXISTING | STORE_NO_UPGRADE, &st, &why);
	if (rc != CS_OK) {
		store_close(st);
		return cs_err_set(err, rc == CS_NOINPUT ? CS_NOINPUT : rc, "%s: %s", from, why.msg);
	}
	if ((rc = store_head(st, &h, err)) == CS_OK) {
		rc = store_verify(st, NULL, NULL, &vr, &why);
		if (rc == CS_OK && !vr.ok)
			rc = CS_DATAERR;
		if (rc != CS_OK)
			rc = cs_err_set(err, rc == CS_DATAERR || rc == CS_OK ? CS_DATAERR : rc,
			                "%s does not verify: %s; nothing was copied (a log that"
			                " does not verify is never copied)", from,
			                vr.why[0] != '\0' ? vr.why : why.msg);
	}
	if (rc == CS_OK && (rc = pgstore_open(to, &pg, err)) == CS_OK)
		rc = pgstore_copy_from_file(pg, st, res->station, h.event, negative, a,
		                            &res->moved, err);
	pgstore_close(pg);
	store_close(st);
	return rc;
}

static int
server_to_file(struct app *a, const char *from, const char *to, const char *pin,
               struct app_copy_result *res, struct cs_err *err)
{
	struct pgstore *pg = NULL;
	int rc = pgstore_open(from, &pg, err);

	res->to_file = true;
	if (rc == CS_OK)
		rc = pgstore_copy_to_file(pg, to, pin, app_now(a), &res->moved, err);
	pgstore_close(pg);
	return rc;
}

int
app_copy(struct app *a, const char *from, const char *to, const char *station,
         const char *pin, struct app_copy_result *res, struct cs_err *err)
{
	bool from_pg, to_pg;

	memset(res, 0, sizeof *res);
	if (from == NULL || to == NULL || *from == '\0' || *to == '\0')
		return cs_err_set(err, CS_USAGE, "copy needs --from and --to");
	if (app_secure())
		return cs_err_set(err, CS_NOPERM, "copy is not run through the shared station's"
		                  " cslog (set-group-id): the database's administrator runs it"
		                  " with the file in hand");
	from_pg = pgstore_is_conninfo(from);
	to_pg = pgstore_is_conninfo(to);
	if (from_pg == to_pg)
		return cs_err_set(err, CS_USAGE, "copy goes from a file to a server or from a server"
		                  " to a file, not between two %s", from_pg ? "servers" : "files");
	if (from_pg && station != NULL)
		return cs_err_set(err, CS_USAGE, "--station names a station copied into a server,"
		                  " not out of one");
	if (from_pg)
		return server_to_file(a, from, to, pin, res, err);
	if (station != NULL)
		snprintf(res->station, sizeof res->station, "%s", station);
	else
		station_of(from, res->station, sizeof res->station);
	if (!station_ok(res->station) || (station != NULL && strlen(station) > 64))
		return cs_err_set(err, CS_USAGE, "a station's name is 1 to 64 letters, digits, '-',"
		                  " '_' or '.' (give one with --station)");
	return file_to_server(a, from, to, res, err);
}
