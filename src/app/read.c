/* read.c - reading the log: one contact, a page, or every contact of a
 * filter; who may read what, and the audit of every read of customer
 * data (one event per contact shown, one per bulk read). */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

#define PAGE 1000

/* Record that who read contact id's customer data. */
static int
note_read(struct store *st, const struct app_actor *who, int64_t id, int64_t now,
          struct cs_err *err)
{
	return store_audit_note(st, who->id, "read.protected", "contact", id, NULL, now,
	                        err);
}

/* Customer data is read only with the read recorded: not here. */
static int
unrecorded(struct store *st, struct cs_err *err)
{
	return cs_err_set(err, CS_CANTCREAT, "customer data is shown only with its reading"
	                  " recorded in the audit trail, and nothing can be written to %s (%s)",
	                  store_path(st), store_readonly(st));
}

int
app_contact_get(struct app *a, const struct app_actor *who, int64_t id, bool protected,
                struct contact *out, struct cs_err *err)
{
	struct store *st;
	int rc;

	if (app_db_is_server(a))
		return app_pg_contact_get(a, who, id, protected, out, err);
	memset(out, 0, sizeof *out);
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	app_now(a);
	if (!protected) {
		rc = store_contact_get(st, id, 0, a->now, out, err);
		if (rc == CS_OK)
			rc = app_may(who, APP_READ, out->member_id, err);
		if (rc != CS_OK)
			record_contact_clear(out);
		return rc;
	}
	/* The read and its audit event are one transaction: no event, no
	 * customer data (a database that cannot be written refuses). */
	if (store_readonly(st) != NULL)
		return unrecorded(st, err);
	if ((rc = app_begin(a, "the customer data was not read", &st, err)) != CS_OK)
		return rc;
	rc = store_contact_get(st, id, STORE_PROTECTED, a->now, out, err);
	if (rc == CS_OK)
		rc = app_may(who, APP_READ_PROTECTED, out->member_id, err);
	if (rc == CS_OK)
		rc = note_read(st, who, id, a->now, err);
	rc = app_end(a, rc, err);
	if (rc != CS_OK)
		record_contact_clear(out);
	return rc;
}

/* A member's scope is their own contacts: the filter says so. */
static int
scope(const struct app_actor *who, enum app_op op, struct contact_filter *f,
      struct cs_err *err)
{
	int rc;

	if (app_scope_of(who, op) == SCOPE_OWN && f->member_id == 0)
		f->member_id = who->id;
	rc = app_may(who, op, f->member_id, err);
	if (rc != CS_OK)
		return rc;
	if (f->include_protected)
		return app_may(who, APP_BULK_PROTECTED, 0, err);
	return CS_OK;
}

int
app_contact_query(struct app *a, const struct app_actor *who, struct contact_filter *f,
                  const struct store_cursor *after, size_t limit,
                  int (*cb)(void *ctx, const struct contact *c), void *ctx,
                  struct store_cursor *next, struct cs_err *err)
{
	struct store *st;
	int rc;

	if (app_db_is_server(a))
		return app_pg_contact_query(a, who, f, after, limit, cb, ctx, next, err);
	if ((rc = scope(who, APP_READ, f, err)) != CS_OK)
		return rc;
	if (f->include_protected)
		return cs_err_set(err, CS_SOFTWARE, "customer data comes in bulk only through"
		                  " app_contact_each");
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	f->now = app_now(a);
	return store_contact_query(st, f, after, limit, cb, ctx, next, err);
}

/* ---- a bulk read of customer data: counted and hashed first ---------- */

struct idsum {
	crypto_generichash_state h;
	int64_t n;
};

static int
sum_id(void *ctx, const struct contact *c)
{
	struct idsum *s = ctx;
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%lld,", (long long)c->id);

	crypto_generichash_update(&s->h, (const unsigned char *)buf, (size_t)n);
	s->n++;
	return 0;
}

/* Walk f's ids (up to limit) as the read will, without the contacts. */
static int
walk_ids(struct store *st, struct contact_filter *f, const struct store_cursor *after,
         size_t limit, struct idsum *sum, struct cs_err *err)
{
	struct store_cursor cur = after != NULL ? *after : (struct store_cursor){ 0, false };
	struct store_cursor next = { 0, false };
	size_t want;
	int rc = CS_OK;

	f->ids_only = true;
	do {
		want = limit > 0 ? limit - (size_t)sum->n : PAGE;
		if (want == 0)
			break;
		rc = store_contact_query(st, f, &cur, want > PAGE ? PAGE : want, sum_id, sum,
		                         &next, err);
		if (rc != CS_OK)
			break;
		cur = next;
	} while (next.more);
	f->ids_only = false;
	return rc;
}

static void
put_text(json_t *o, const char *k, const char *v)
{
	if (v != NULL && *v != '\0')
		json_object_set_new(o, k, json_string(v));
}

/* The audit event's detail: what was asked, how many, which. */
static char *
bulk_detail(const struct contact_filter *f, int64_t n, const unsigned char *h)
{
	char hex[2 * crypto_generichash_BYTES + 1];
	json_t *o = json_object();
	char *text;

	sodium_bin2hex(hex, sizeof hex, h, crypto_generichash_BYTES);
	json_object_set_new(o, "count", json_integer(n));
	json_object_set_new(o, "ids_blake2b", json_string(hex));
	json_object_set_new(o, "max_id", json_integer(f->max_id));
	if (f->since)
		json_object_set_new(o, "since", json_integer(f->since));
	if (f->until)
		json_object_set_new(o, "until", json_integer(f->until));
	if (f->member_id)
		json_object_set_new(o, "member_id", json_integer(f->member_id));
	put_text(o, "policy", f->policy_id);
	put_text(o, "kind", f->kind);
	put_text(o, "channel", f->channel);
	put_text(o, "outcome", f->outcome);
	put_text(o, "call", f->call_ref);
	put_text(o, "search", f->search);
	json_object_set_new(o, "flags", json_pack("[bbbbb]", f->not_empowered, f->unreviewed,
	                    f->overdue, f->needs_debrief, f->include_superseded));
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

/* Count and hash the ids the read will give, bounded by today's newest
 * contact so that exactly those are read, and record it. */
static int
audit_bulk(struct app *a, struct store *st, const struct app_actor *who,
           struct contact_filter *f, const struct store_cursor *after, size_t limit,
           struct cs_err *err)
{
	unsigned char h[crypto_generichash_BYTES];
	struct idsum sum;
	char *detail;
	int rc = store_contact_max_id(st, &f->max_id, err);

	if (rc != CS_OK)
		return rc;
	if (f->max_id == 0)
		f->max_id = 1;   /* nothing yet: nothing may be read later either */
	crypto_generichash_init(&sum.h, NULL, 0, sizeof h);
	sum.n = 0;
	if ((rc = walk_ids(st, f, after, limit, &sum, err)) != CS_OK)
		return rc;
	crypto_generichash_final(&sum.h, h, sizeof h);
	if ((detail = bulk_detail(f, sum.n, h)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	if ((rc = app_begin(a, "the customer data was not read", &st, err)) == CS_OK)
		rc = app_end(a, store_audit_note(st, who->id, "read.protected-bulk",
		                                 "contact", 0, detail, a->now, err), err);
	free(detail);
	return rc;
}

/* Counts what is delivered, and remembers a callback that stopped. */
struct counted {
	int (*cb)(void *ctx, const struct contact *c);
	void *ctx;
	size_t n;
	bool stopped;
};

static int
count_one(void *ctx, const struct contact *c)
{
	struct counted *k = ctx;

	k->n++;
	if (k->cb(k->ctx, c) != 0)
		k->stopped = true;
	return k->stopped;
}

int
app_contact_each(struct app *a, const struct app_actor *who, struct contact_filter *f,
                 const struct store_cursor *after, size_t limit,
                 int (*cb)(void *ctx, const struct contact *c), void *ctx,
                 struct store_cursor *next, struct cs_err *err)
{
	struct store_cursor cur = after != NULL ? *after : (struct store_cursor){ 0, false };
	struct store_cursor nx = cur;
	struct counted k = { cb, ctx, 0, false };
	struct store *st;
	size_t want;
	int rc;

	if (app_db_is_server(a))
		return app_pg_contact_query(a, who, f, after, limit, cb, ctx, next, err);
	rc = scope(who, APP_READ, f, err);

	if (rc != CS_OK)
		return rc;
	if ((st = app_store(a, err)) == NULL)
		return app_err(err);
	f->now = app_now(a);
	if (f->include_protected && store_readonly(st) != NULL)
		return unrecorded(st, err);
	if (f->include_protected && (rc = audit_bulk(a, st, who, f, after, limit, err)) != CS_OK)
		return rc;
	do {
		want = limit > 0 ? limit - k.n : PAGE;
		if (want == 0)
			break;
		rc = store_contact_query(st, f, &cur, want > PAGE ? PAGE : want, count_one, &k,
		                         &nx, err);
		cur = nx;
	} while (rc == CS_OK && nx.more && !k.stopped);
	if (next != NULL)
		*next = nx;
	return rc;
}
