/* pg_verify.c - 'cslog verify' against a PostgreSQL server.
 *
 * The server computes the chain (pg_schema.c, cslog.audit_append); this
 * computes it again here, on the client, from the rows the server
 * gives: each event's SHA-256 over the hash before it and its own parts
 * (cslog.canon: each part as LENGTH:BYTES;, a NULL as -;), no id
 * skipped, no time going back; then each contact the member may read,
 * hashed again here and compared with the hash its event recorded.  The
 * customer data (which no one reads unrecorded) and the contacts of
 * others are compared by the server itself (cslog.verify_server), and
 * so are the members, reviews and follow-ups (cslog.verify_rows). */
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

#define PAGE 2000

/* Text of canon(parts) appended to a SHA-256 state. */
static void
canon_part(crypto_hash_sha256_state *h, const char *s)
{
	char len[24];
	int n;

	if (s == NULL) {
		crypto_hash_sha256_update(h, (const unsigned char *)"-;", 2);
		return;
	}
	n = snprintf(len, sizeof len, "%zu:", strlen(s));
	crypto_hash_sha256_update(h, (const unsigned char *)len, (size_t)n);
	crypto_hash_sha256_update(h, (const unsigned char *)s, strlen(s));
	crypto_hash_sha256_update(h, (const unsigned char *)";", 1);
}

static int
broken(struct store_verify_result *res, int64_t event, int64_t contact, struct cs_err *err,
       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
broken(struct store_verify_result *res, int64_t event, int64_t contact, struct cs_err *err,
       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->why, sizeof res->why, fmt, ap);
	va_end(ap);
	res->ok = false;
	res->bad_event = event;
	res->bad_contact = contact;
	return cs_err_set(err, CS_DATAERR, "%s", res->why);
}

/* The chain, page by page, after event last (0: from the start; else
 * prev and *last_at are that event's hash and time).  *first_contact
 * (when not NULL) gets the lowest contact a contact.log event of the
 * walk wrote (0: none). */
static int
chain(struct pgstore *pg, struct store_verify_result *res, int64_t last, int64_t *last_at,
      unsigned char prev[32], int64_t *first_contact, struct cs_err *err)
{
	char after[24], page[24];
	const char *v[3] = { pg->token, after, page };
	int i, n;

	snprintf(page, sizeof page, "%d", PAGE);
	for (;;) {
		PGresult *r;

		snprintf(after, sizeof after, "%lld", (long long)last);
		r = pgstore_exec(pg, "SELECT id, at, actor_id, action, entity, entity_id, detail,"
		                 " prev_hash, hash FROM cslog.audit_rows($1, $2, $3)", 3, v, err);
		if (r == NULL)
			return pgstore_code(err);
		n = PQntuples(r);
		for (i = 0; i < n; i++) {
			crypto_hash_sha256_state h;
			unsigned char got[32], want[32], back[32];
			int64_t id = pgstore_int(r, i, 0), at = pgstore_int(r, i, 1);
			const char *hp = PQgetvalue(r, i, 7), *hh = PQgetvalue(r, i, 8);
			int rc = CS_OK;

			if (id != last + 1)
				rc = id - 1 > last + 1 ?
				     broken(res, last + 1, 0, err, "audit events %lld-%lld are missing"
				            " (deleted)", (long long)(last + 1), (long long)(id - 1)) :
				     broken(res, last + 1, 0, err, "audit event %lld is missing (deleted)",
				            (long long)(last + 1));
			else if (sodium_hex2bin(back, 32, hp, strlen(hp), NULL, NULL, NULL) != 0 ||
			         sodium_hex2bin(want, 32, hh, strlen(hh), NULL, NULL, NULL) != 0 ||
			         sodium_memcmp(back, prev, 32) != 0)
				rc = broken(res, id, 0, err, "audit event %lld does not follow the one"
				            " before it (the chain was rewritten)", (long long)id);
			else if (at < *last_at)
				rc = broken(res, id, 0, err, "audit event %lld is stamped earlier than the"
				            " one before it", (long long)id);
			if (rc == CS_OK) {
				crypto_hash_sha256_init(&h);
				crypto_hash_sha256_update(&h, prev, 32);
				canon_part(&h, PQgetvalue(r, i, 0));
				canon_part(&h, PQgetvalue(r, i, 1));
				canon_part(&h, pgstore_val(r, i, 2));
				canon_part(&h, pgstore_val(r, i, 3));
				canon_part(&h, pgstore_val(r, i, 4));
				canon_part(&h, pgstore_val(r, i, 5));
				canon_part(&h, pgstore_val(r, i, 6));
				crypto_hash_sha256_final(&h, got);
				if (sodium_memcmp(got, want, 32) != 0)
					rc = broken(res, id, 0, err, "audit event %lld was changed (its hash"
					            " no longer matches its content)", (long long)id);
			}
			if (rc != CS_OK) {
				PQclear(r);
				return rc;
			}
			memcpy(prev, want, 32);
			if (first_contact != NULL && strcmp(PQgetvalue(r, i, 3), "contact.log") == 0 &&
			    (*first_contact == 0 || pgstore_int(r, i, 5) < *first_contact))
				*first_contact = pgstore_int(r, i, 5);
			last = id;
			*last_at = at;
			res->events++;
		}
		PQclear(r);
		if (n < PAGE)
			break;
	}
	return CS_OK;
}

/* "{a,b,NULL}" is a text[]: asked for as separate rows would be simpler,
 * but the parts come as one array; libpq gives its text form. */
static int
contacts(struct pgstore *pg, int64_t last, struct store_verify_result *res, struct cs_err *err)
{
	char after[24], page[24];
	const char *v[3] = { pg->token, after, page };
	int i, j, n;

	snprintf(page, sizeof page, "%d", PAGE);
	for (;;) {
		PGresult *r;

		snprintf(after, sizeof after, "%lld", (long long)last);
		r = pgstore_exec(pg, "SELECT c.id, c.content, p.n, p.part FROM"
		                 " cslog.contact_rows($1, $2, $3) c,"
		                 " unnest(c.parts) WITH ORDINALITY AS p(part, n)"
		                 " ORDER BY c.id, p.n", 3, v, err);
		if (r == NULL)
			return pgstore_code(err);
		n = PQntuples(r);
		for (i = 0; i < n; i = j) {
			crypto_hash_sha256_state h;
			unsigned char got[32];
			char hex[65];
			int64_t id = pgstore_int(r, i, 0);
			const char *want = pgstore_val(r, i, 1);

			crypto_hash_sha256_init(&h);
			/* canon() as text, then its SHA-256 in hex: cslog.sha. */
			for (j = i; j < n && pgstore_int(r, j, 0) == id; j++)
				canon_part(&h, pgstore_val(r, j, 3));
			crypto_hash_sha256_final(&h, got);
			sodium_bin2hex(hex, sizeof hex, got, 32);
			if (want == NULL) {
				PQclear(r);
				return broken(res, 0, id, err, "contact %lld has no audit event (written"
				              " behind cslog's back)", (long long)id);
			}
			if (strcmp(hex, want) != 0) {
				PQclear(r);
				return broken(res, 0, id, err, "contact %lld was changed behind cslog's"
				              " back (it no longer matches its audit event)", (long long)id);
			}
			last = id;
			res->contacts++;
		}
		PQclear(r);
		if (n == 0)
			break;
	}
	return CS_OK;
}

int
pgstore_head(struct pgstore *pg, struct store_head *h, struct cs_err *err)
{
	const char *v[1] = { pg->token };
	PGresult *r = pgstore_exec(pg, "SELECT id, at, hash FROM cslog.head($1)", 1, v, err);

	memset(h, 0, sizeof *h);
	if (r == NULL)
		return pgstore_code(err);
	if (PQntuples(r) > 0) {
		h->event = pgstore_int(r, 0, 0);
		h->at = pgstore_int(r, 0, 1);
		snprintf(h->hash, sizeof h->hash, "%s", PQgetvalue(r, 0, 2));
	}
	PQclear(r);
	return CS_OK;
}

/* Every member, review and follow-up against its newest event, and
 * the entities whose events remain without their row: compared on the
 * server (cslog.verify_rows, pg_schema_rows.c), which may read tables
 * the terminal role may not. */
static int
rows(struct pgstore *pg, struct store_verify_result *res, struct cs_err *err)
{
	const char *v[1] = { pg->token };
	const char *t, *why, *label, *noun;
	char name[120];
	long long id, ev;
	PGresult *r;
	int rc = CS_OK;

	if ((r = pgstore_exec(pg, "SELECT checked, tbl, row_id, label, event, why"
	                      " FROM cslog.verify_rows($1)", 1, v, err)) == NULL)
		return pgstore_code(err);
	if (PQntuples(r) != 1) {
		PQclear(r);
		return cs_err_set(err, CS_SOFTWARE, "verify: the server's row check answered"
		                  " nothing");
	}
	if ((t = pgstore_val(r, 0, 1)) != NULL) {
		id = (long long)pgstore_int(r, 0, 2);
		ev = (long long)pgstore_int(r, 0, 4);
		why = PQgetvalue(r, 0, 5);
		label = pgstore_val(r, 0, 3);
		noun = strcmp(t, "followup") == 0 ? "follow-up" : t;
		if (label != NULL)
			snprintf(name, sizeof name, "%s %lld (%.40s)", noun, id, label);
		else
			snprintf(name, sizeof name, "%s %lld", noun, id);
		if (strcmp(why, "no event") == 0)
			rc = broken(res, 0, 0, err, "%s has no audit event: it was written behind"
			            " cslog's back, or its event was removed (table %s; found on the"
			            " server)", name, t);
		else if (strcmp(why, "gone") == 0)
			rc = broken(res, ev, strcmp(t, "contact") == 0 ? id : 0, err, "%s of audit"
			            " event %lld is missing: it was deleted behind cslog's back"
			            " (table %s; found on the server)", name, ev, t);
		else
			rc = broken(res, ev, 0, err, "%s was changed behind cslog's back (table %s;"
			            " it no longer matches audit event %lld; found on the server)",
			            name, t, ev);
	}
	PQclear(r);
	return rc;
}

int
pgstore_verify(struct pgstore *pg, void (*progress)(void *ctx, int64_t done, int64_t total),
               void *ctx, struct store_verify_result *res, struct cs_err *err)
{
	unsigned char prev[32];
	char hex[65];
	struct store_head head;
	const char *v[1] = { pg->token };
	int64_t last_at = 0, server_n;
	PGresult *r;
	int rc;

	memset(res, 0, sizeof *res);
	res->ok = true;
	if ((rc = pgstore_head(pg, &head, err)) != CS_OK)
		return rc;
	memset(prev, 0, sizeof prev);
	if ((rc = chain(pg, res, 0, &last_at, prev, NULL, err)) != CS_OK)
		return rc;
	if (progress != NULL)
		progress(ctx, res->events, res->events);
	sodium_bin2hex(hex, sizeof hex, prev, 32);
	if (res->events < head.event)
		return broken(res, res->events + 1, 0, err, "audit events %lld-%lld are missing"
		              " (deleted) before the head of the chain",
		              (long long)res->events + 1, (long long)head.event);
	if (head.event != 0 && strcmp(hex, head.hash) != 0)
		return broken(res, head.event, 0, err, "the head of the chain does not match audit"
		              " event %lld", (long long)head.event);
	if ((rc = contacts(pg, 0, res, err)) != CS_OK)
		return rc;
	if ((r = pgstore_exec(pg, "SELECT contacts, bad_contact, why"
	                      " FROM cslog.verify_server($1)", 1, v, err)) == NULL)
		return pgstore_code(err);
	server_n = pgstore_int(r, 0, 0);
	if (pgstore_val(r, 0, 1) != NULL)
		rc = broken(res, 0, pgstore_int(r, 0, 1), err, "%s (found on the server)",
		            PQgetvalue(r, 0, 2));
	PQclear(r);
	if (rc == CS_OK && server_n > res->contacts)
		res->contacts = server_n;
	if (rc == CS_OK)
		rc = rows(pg, res, err);
	if (rc == CS_OK)
		rc = pgstore_verify_totals(pg, res, err);
	return rc == CS_OK ? pgstore_verify_segments(pg, res, err) : rc;
}

int
pgstore_event(struct pgstore *pg, int64_t id, struct store_head *h, bool *found,
              struct cs_err *err)
{
	char after[24];
	const char *v[3] = { pg->token, after, "1" };
	PGresult *r;

	memset(h, 0, sizeof *h);
	*found = false;
	snprintf(after, sizeof after, "%lld", (long long)(id - 1));
	if ((r = pgstore_exec(pg, "SELECT id, at, hash FROM cslog.audit_rows($1, $2, $3)", 3, v,
	                      err)) == NULL)
		return pgstore_code(err);
	if (PQntuples(r) > 0 && pgstore_int(r, 0, 0) == id) {
		*found = true;
		h->event = id;
		h->at = pgstore_int(r, 0, 1) / 1000000;
		snprintf(h->hash, sizeof h->hash, "%s", PQgetvalue(r, 0, 2));
	}
	PQclear(r);
	return CS_OK;
}

int
pgstore_verify_since(struct pgstore *pg, int64_t after, struct store_verify_result *res,
                     struct cs_err *err)
{
	char id[24];
	const char *v[3] = { pg->token, id, "1" };
	unsigned char prev[32];
	int64_t last_at = 0, first = 0;
	const char *hex;
	PGresult *r;
	int rc = CS_OK;

	memset(res, 0, sizeof *res);
	res->ok = true;
	/* The anchored event itself: its whole hash and its time. */
	snprintf(id, sizeof id, "%lld", (long long)(after - 1));
	if ((r = pgstore_exec(pg, "SELECT id, at, hash FROM cslog.audit_rows($1, $2, $3)", 3, v,
	                      err)) == NULL)
		return pgstore_code(err);
	if (PQntuples(r) == 0 || pgstore_int(r, 0, 0) != after)
		rc = broken(res, after, 0, err, "audit event %lld is missing", (long long)after);
	else if ((hex = PQgetvalue(r, 0, 2)) == NULL ||
	         sodium_hex2bin(prev, 32, hex, strlen(hex), NULL, NULL, NULL) != 0)
		rc = broken(res, after, 0, err, "audit event %lld has no hash", (long long)after);
	else
		last_at = pgstore_int(r, 0, 1);
	PQclear(r);
	if (rc == CS_OK)
		rc = chain(pg, res, after, &last_at, prev, &first, err);
	if (rc == CS_OK && first != 0)
		rc = contacts(pg, first - 1, res, err);
	return rc;
}
