/* pg_copy_verify.c - verify on a server, after its own chain: each
 * station's segment (the audit chain of a file 'cslog copy' brought in)
 * computed again here with the file's own hashing (BLAKE2b, hash.c),
 * event by event from the zero hash, and its head compared with the
 * head the server's 'station.merge' event named (that event is in the
 * server's SHA-256 chain, checked before this). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "internal.h"
#include "pg_int.h"

static int broken(struct store_verify_result *res, struct cs_err *err, int64_t event,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A finding, as verify's others (pg_verify.c): res not ok, exit 65. */
static int
broken(struct store_verify_result *res, struct cs_err *err, int64_t event,
       const char *fmt, ...)
{
	va_list ap;

	res->ok = false;
	res->bad_event = event;
	va_start(ap, fmt);
	vsnprintf(res->why, sizeof res->why, fmt, ap);
	va_end(ap);
	return cs_err_set(err, CS_DATAERR, "%s", res->why);
}

static bool
unhex(const char *hex, unsigned char out[HASH_BYTES])
{
	size_t n = 0;

	return hex != NULL && sodium_hex2bin(out, HASH_BYTES, hex, strlen(hex), NULL, &n,
	                                     NULL) == 0 && n == HASH_BYTES;
}

static int64_t
num(const PGresult *r, int row, int col)
{
	return pgstore_val(r, row, col) != NULL ? pgstore_int(r, row, col) : 0;
}

/* One station's rows from..to-1 (its events in id order). */
static int
segment(const PGresult *r, int from, int to, struct store_verify_result *res,
        struct cs_err *err)
{
	const char *station = PQgetvalue(r, from, 0);
	unsigned char prev[HASH_BYTES] = { 0 }, h[HASH_BYTES], stored[HASH_BYTES];
	int64_t want = 1;
	int i;

	for (i = from; i < to; i++, want++) {
		int64_t id = num(r, i, 1);

		if (pgstore_val(r, i, 1) == NULL)
			return broken(res, err, 0, "the segment of station %s has no event left: its"
			              " events were deleted behind cslog's back", station);
		if (id != want)
			return broken(res, err, 0, "the segment of station %s: event %lld is missing"
			              " (deleted behind cslog's back)", station, (long long)want);
		if (!unhex(pgstore_val(r, i, 8), stored) || memcmp(stored, prev, HASH_BYTES) != 0)
			return broken(res, err, 0, "the segment of station %s: event %lld does not"
			              " follow the event before it", station, (long long)id);
		audit_hash(prev, id, num(r, i, 2), num(r, i, 3), PQgetvalue(r, i, 4),
		           PQgetvalue(r, i, 5), num(r, i, 6), PQgetvalue(r, i, 7), h);
		if (!unhex(pgstore_val(r, i, 9), stored) || memcmp(stored, h, HASH_BYTES) != 0)
			return broken(res, err, 0, "the segment of station %s: event %lld was changed"
			              " behind cslog's back (its BLAKE2b hash no longer matches)",
			              station, (long long)id);
		memcpy(prev, h, HASH_BYTES);
		res->events++;
	}
	if (want - 1 != num(r, from, 10) || !unhex(pgstore_val(r, from, 11), stored) ||
	    memcmp(stored, prev, HASH_BYTES) != 0)
		return broken(res, err, num(r, from, 12), "the segment of station %s does not end"
		              " at the head its merge event (audit event %lld) names: events were"
		              " cut off or added behind cslog's back", station,
		              (long long)num(r, from, 12));
	return CS_OK;
}

/* Every station's segment from r (as cslog.segment_rows gives them). */
static int
segments(PGresult *r, struct store_verify_result *res, struct cs_err *err)
{
	int rc = CS_OK, i, from = 0, n = PQntuples(r);

	for (i = 1; i <= n && rc == CS_OK && res->ok; i++)
		if (i == n || strcmp(PQgetvalue(r, i, 0), PQgetvalue(r, from, 0)) != 0) {
			rc = segment(r, from, i, res, err);
			from = i;
		}
	PQclear(r);
	return rc;
}

int
pgstore_verify_segments(struct pgstore *pg, struct store_verify_result *res,
                        struct cs_err *err)
{
	const char *v[1] = { pg->token };
	PGresult *r;
	int n;

	r = pgstore_exec(pg, "SELECT to_regprocedure('cslog.segment_rows(text)') IS NOT NULL",
	                 0, NULL, err);
	if (r == NULL)
		return pgstore_code(err);
	n = pgstore_tri(r, 0, 0) == TRI_YES;
	PQclear(r);
	if (!n)
		return CS_OK;   /* a server made before copy: no segment to check */
	if ((r = pgstore_exec(pg, "SELECT station, id, at, actor_id, action, entity, entity_id,"
	                      " detail, prev_hash, hash, head_id, head_hash, merge_event"
	                      " FROM cslog.segment_rows($1)", 1, v, err)) == NULL)
		return pgstore_code(err);
	return segments(r, res, err);
}

int
pgstore_owner_segments(struct pgstore *pg, struct store_verify_result *res,
                       struct cs_err *err)
{
	PGresult *r = pgstore_exec(pg,
	    "SELECT t.name, s.id, s.at, s.actor_id, s.action, s.entity, s.entity_id, s.detail,"
	    " encode(s.prev_hash, 'hex'), encode(s.hash, 'hex'),"
	    " (x.detail::jsonb ->> 'head_id')::bigint, x.detail::jsonb ->> 'head_hash',"
	    " t.merge_event FROM cslog.station t JOIN cslog.audit x ON x.id = t.merge_event"
	    " LEFT JOIN cslog.segment s ON s.station = t.name ORDER BY t.name, s.id",
	    0, NULL, err);

	if (r == NULL)
		return pgstore_code(err);
	return segments(r, res, err);
}
