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

/* Where the segments are read from: cslog's functions with a session
 * (verify), or the tables themselves by the database's owner (copy). */
struct src {
	struct pgstore *pg;
	bool owner;
};

static const char HEADS_FN[] =
	"SELECT station, head_id, head_hash, merge_event FROM cslog.segment_heads($1)";
static const char HEADS_OWNER[] =
	"SELECT t.name, (x.detail::jsonb ->> 'head_id')::bigint, x.detail::jsonb ->> 'head_hash',"
	" t.merge_event FROM cslog.station t LEFT JOIN cslog.audit x ON x.id = t.merge_event"
	" ORDER BY t.name";
static const char PAGE_FN[] =
	"SELECT id, at, actor_id, action, entity, entity_id, detail, prev_hash, hash"
	" FROM cslog.segment_page($1, $2, $3, $4)";
static const char PAGE_OWNER[] =
	"SELECT s.id, s.at, s.actor_id, s.action, s.entity, s.entity_id, s.detail,"
	" encode(s.prev_hash, 'hex'), encode(s.hash, 'hex') FROM cslog.segment s"
	" WHERE s.station = $1 AND s.id > $2 ORDER BY s.id LIMIT $3";
#define PAGE 10000

/* One station's segment, page by page, from the zero hash to the head
 * its merge event (audit event merge) names. */
static int
segment(const struct src *sc, const char *station, int64_t head_id, const char *head_hex,
        int64_t merge, struct store_verify_result *res, struct cs_err *err)
{
	unsigned char prev[HASH_BYTES] = { 0 }, h[HASH_BYTES], stored[HASH_BYTES];
	char after[24], limit[24];
	const char *v[4] = { sc->pg->token, station, after, limit };
	int64_t want = 1;
	int i, n;

	snprintf(limit, sizeof limit, "%d", PAGE);
	do {
		PGresult *r;

		snprintf(after, sizeof after, "%lld", (long long)(want - 1));
		r = pgstore_exec(sc->pg, sc->owner ? PAGE_OWNER : PAGE_FN, sc->owner ? 3 : 4,
		                 sc->owner ? v + 1 : v, err);
		if (r == NULL)
			return pgstore_code(err);
		n = PQntuples(r);
		for (i = 0; i < n; i++, want++) {
			int64_t id = num(r, i, 0);
			int rc = CS_OK;

			if (id != want)
				rc = broken(res, err, 0, "the segment of station %s: event %lld is missing"
				            " (deleted behind cslog's back)", station, (long long)want);
			else if (!unhex(pgstore_val(r, i, 7), stored) ||
			         memcmp(stored, prev, HASH_BYTES) != 0)
				rc = broken(res, err, 0, "the segment of station %s: event %lld does not"
				            " follow the event before it", station, (long long)id);
			if (rc == CS_OK) {
				audit_hash(prev, id, num(r, i, 1), num(r, i, 2), PQgetvalue(r, i, 3),
				           PQgetvalue(r, i, 4), num(r, i, 5), PQgetvalue(r, i, 6), h);
				if (!unhex(pgstore_val(r, i, 8), stored) ||
				    memcmp(stored, h, HASH_BYTES) != 0)
					rc = broken(res, err, 0, "the segment of station %s: event %lld was"
					            " changed behind cslog's back (its BLAKE2b hash no"
					            " longer matches)", station, (long long)id);
			}
			if (rc != CS_OK) {
				PQclear(r);
				return rc;
			}
			memcpy(prev, h, HASH_BYTES);
			res->events++;
		}
		PQclear(r);
	} while (n == PAGE);
	if (want - 1 != head_id || !unhex(head_hex, stored) || memcmp(stored, prev, HASH_BYTES) != 0)
		return broken(res, err, merge, "the segment of station %s does not end at the head"
		              " its merge event (audit event %lld) names: events were cut off or"
		              " added behind cslog's back", station, (long long)merge);
	return CS_OK;
}

static int
segments(const struct src *sc, struct store_verify_result *res, struct cs_err *err)
{
	const char *v[1] = { sc->pg->token };
	PGresult *r = pgstore_exec(sc->pg, sc->owner ? HEADS_OWNER : HEADS_FN, sc->owner ? 0 : 1,
	                           v, err);
	int rc = CS_OK, i, n;

	if (r == NULL)
		return pgstore_code(err);
	n = PQntuples(r);
	for (i = 0; i < n && rc == CS_OK; i++)
		rc = pgstore_val(r, i, 2) == NULL ?
		     broken(res, err, num(r, i, 3), "the merge event of station %s (audit event"
		            " %lld) is missing or names no head: it was deleted or changed behind"
		            " cslog's back", PQgetvalue(r, i, 0), (long long)num(r, i, 3)) :
		     segment(sc, PQgetvalue(r, i, 0), num(r, i, 1), pgstore_val(r, i, 2),
		             num(r, i, 3), res, err);
	PQclear(r);
	return rc;
}

int
pgstore_verify_segments(struct pgstore *pg, struct store_verify_result *res,
                        struct cs_err *err)
{
	struct src sc = { pg, false };
	PGresult *r;
	int n;

	r = pgstore_exec(pg, "SELECT to_regprocedure('cslog.segment_heads(text)') IS NOT NULL",
	                 0, NULL, err);
	if (r == NULL)
		return pgstore_code(err);
	n = pgstore_tri(r, 0, 0) == TRI_YES;
	PQclear(r);
	return n ? segments(&sc, res, err) : CS_OK;   /* none before copy */
}

int
pgstore_owner_segments(struct pgstore *pg, struct store_verify_result *res,
                       struct cs_err *err)
{
	struct src sc = { pg, true };

	return segments(&sc, res, err);
}
