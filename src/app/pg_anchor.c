/* pg_anchor.c - 'verify --anchor' on a PostgreSQL server: the chain
 * still reaches a head noted outside the server (ID:HASH written down
 * at a shift change, or an anchor file), with the hash it had then.
 * The chain alone cannot show events cut off its end by someone who
 * also set the head back; a head kept elsewhere can.  As
 * app_anchor_check (anchor.c) does for a file. */
#include <stdio.h>
#include <string.h>

#include "app_int.h"
#include "cslog/app_time.h"
#include "cslog/pgstore.h"

int
app_pg_anchor_check(struct app *a, const struct app_anchor *an,
                    struct store_verify_result *res, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	struct store_head head, at;
	char what[64], when[32];
	bool found = false;
	int rc;

	if (pg == NULL)
		return app_err(err);
	if ((rc = pgstore_head(pg, &head, err)) != CS_OK || an->head.event == 0)
		return rc;
	app_time_local(an->head.at, when, sizeof when);
	if (an->head.at != 0)
		snprintf(what, sizeof what, "the anchor of %s", when);
	else
		snprintf(what, sizeof what, "the anchor %lld:%.16s", (long long)an->head.event,
		         an->head.hash);
	if (an->head.event > head.event) {
		res->ok = false;
		res->bad_event = head.event + 1;
		if (an->head.event == head.event + 1)
			snprintf(res->why, sizeof res->why, "audit event %lld is missing after %s"
			         " (%.300s; the server's head is %lld)", (long long)an->head.event,
			         what, an->source, (long long)head.event);
		else
			snprintf(res->why, sizeof res->why, "audit events %lld-%lld are missing after"
			         " %s (%.300s; the server's head is %lld)", (long long)head.event + 1,
			         (long long)an->head.event, what, an->source, (long long)head.event);
		return cs_err_set(err, CS_DATAERR, "%s", res->why);
	}
	rc = pgstore_event(pg, an->head.event, &at, &found, err);
	if (rc == CS_OK && (!found || strncmp(at.hash, an->head.hash, strlen(an->head.hash)) != 0)) {
		res->ok = false;
		res->bad_event = an->head.event;
		snprintf(res->why, sizeof res->why, "audit event %lld does not match %s (%.300s):"
		         " the trail was rewritten", (long long)an->head.event, what, an->source);
		return cs_err_set(err, CS_DATAERR, "%s", res->why);
	}
	if (rc == CS_OK)
		res->anchors++;
	return rc;
}
