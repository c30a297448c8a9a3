/* hash.c - canonical forms and hashes for the tamper-evident trail.
 *
 * Audit event hash (BLAKE2b-256, libsodium crypto_generichash):
 *
 *   hash = H(prev_hash || id US at US actor US action US entity US
 *            entity_id US detail)
 *
 * where US is the byte 0x1f, integers are written in decimal, a NULL
 * actor or entity_id is written as nothing, and prev_hash is the raw 32
 * bytes of the previous event's hash (32 zero bytes for the first).
 * detail is JSON made by SQLite, which escapes control characters, so
 * none of the fields can contain 0x1f and the joining is unambiguous.
 *
 * Contact content hash: H("cslog-contact-1" then, for each column of
 * CONTENT_SQL in order, US and the value; then for each answer row, RS
 * (0x1e) and its three columns each after US).  A value is written with
 * its type: "n" for NULL, "i<decimal>" for an integer, "t<length>:<bytes>"
 * for text, "r<length>:<text of the real>" for a real, "b<length>:<bytes>"
 * for a blob (a changed type is a changed value).  Lengths make any text
 * safe, including 0x1e and 0x1f.  contact.c hashes the very values it
 * binds (struct cval); verify.c hashes what it reads back.
 *
 * Protected hash: the same encoding of the four protected fields, hashed
 * with the row's random 32-byte salt as the key.  Redaction clears the
 * salt with the fields, so the trail keeps nothing from which a phone
 * number could be guessed back.
 *
 * Row hash, for every other table that holds records (members, reviews,
 * follow-ups, drill results, saved views, redactions, evaluations, survey
 * responses, recognitions): the SQL function
 * cslog_row(TABLE, value...), H("cslog-row-1" US TABLE, then US and
 * each value in the same typed encoding).  The columns it covers are
 * written once, in internal.h (ROW_MEMBER ...): the event of each write
 * records the hash of the row as it stands after the write, computed by
 * the same statement that makes the event's detail, and verify.c and
 * attest.c compute it again from what is stored. */
#include <string.h>

#include <sodium.h>

#include "internal.h"

/* The hashes are fed a few bytes at a time (a separator, a type tag, a
 * number): a few hundred calls per contact.  Each call into libsodium
 * costs more than the bytes it hashes, so they are gathered here and
 * handed over a block at a time; a value as long as the block or longer
 * is handed over as it is, without a copy.  The digest is the same. */
struct hb {
	crypto_generichash_state h;
	size_t n;
	unsigned char b[256];
};

static void
hb_init(struct hb *b, const void *key, size_t keylen)
{
	crypto_generichash_init(&b->h, key, keylen, HASH_BYTES);
	b->n = 0;
}

static void
hb_flush(struct hb *b)
{
	if (b->n > 0)
		crypto_generichash_update(&b->h, b->b, b->n);
	b->n = 0;
}

static void
hb_put(struct hb *b, const void *p, size_t n)
{
	if (n > sizeof b->b - b->n) {
		hb_flush(b);
		if (n >= sizeof b->b) {
			crypto_generichash_update(&b->h, p, n);
			return;
		}
	}
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void
hb_final(struct hb *b, unsigned char out[HASH_BYTES])
{
	hb_flush(b);
	crypto_generichash_final(&b->h, out, HASH_BYTES);
}

#define CONTENT_COLS "id, member_id, at, logged_at, logged_by, policy_id, policy_version," \
	" kind, channel, outcome, summary, needs_met, added_value, empowered," \
	" standards, referral_to, referee_contacted, decision, appeal_info, call_ref," \
	" amends, amend_reason"
#define PRIVATE_COLS "salt, customer_name, customer_phone, customer_address," \
	" customer_email, redacted_at"
static const char CONTENT_SQL[] = "SELECT " CONTENT_COLS " FROM contact WHERE id = ?1";
static const char ANSWERS_SQL[] =
	"SELECT ord, question_id, answer FROM contact_answer"
	" WHERE contact_id = ?1 ORDER BY ord";
static const char PRIVATE_SQL[] =
	"SELECT " PRIVATE_COLS " FROM contact_private WHERE contact_id = ?1";
/* The same, read forward from an id (content_scan_hash): each row keyed
 * by its contact's id in column 0. */
static const char SCAN_CONTENT_SQL[] =
	"SELECT id, " CONTENT_COLS " FROM contact WHERE id >= ?1 ORDER BY id";
static const char SCAN_ANSWERS_SQL[] =
	"SELECT contact_id, ord, question_id, answer FROM contact_answer"
	" WHERE contact_id >= ?1 ORDER BY contact_id, ord";
static const char SCAN_PRIVATE_SQL[] =
	"SELECT contact_id, " PRIVATE_COLS " FROM contact_private"
	" WHERE contact_id >= ?1 ORDER BY contact_id";

static const unsigned char US = 0x1f, RS = 0x1e;

void
hex_encode(const unsigned char *b, size_t n, char *out)
{
	sodium_bin2hex(out, 2 * n + 1, b, n);
}

static void
put_int(struct hb *h, int64_t v)
{
	char num[24];
	size_t n = int_text(v, num);

	hb_put(h, (const unsigned char *)num, n);
}

static void
finish_hex(struct hb *h, char hex[HEX_LEN + 1])
{
	unsigned char d[HASH_BYTES];

	hb_final(h, d);
	hex_encode(d, HASH_BYTES, hex);
}

void
cval_text(struct cval *v, const char *s)
{
	memset(v, 0, sizeof *v);
	v->type = s != NULL ? SQLITE_TEXT : SQLITE_NULL;
	v->s = s;
	v->n = s != NULL ? strlen(s) : 0;
}

void
cval_int(struct cval *v, int64_t i)
{
	memset(v, 0, sizeof *v);
	v->type = SQLITE_INTEGER;
	v->i = i;
}

void
cval_id(struct cval *v, int64_t id)
{
	if (id == 0)
		cval_text(v, NULL);
	else
		cval_int(v, id);
}

void
cval_tri(struct cval *v, enum record_tri t)
{
	if (t == TRI_UNKNOWN)
		cval_text(v, NULL);
	else
		cval_int(v, t == TRI_YES);
}

int
cval_bind(sqlite3_stmt *s, int i, const struct cval *v)
{
	switch (v->type) {
	case SQLITE_INTEGER:
		return sqlite3_bind_int64(s, i, v->i);
	case SQLITE_TEXT:
		return sqlite3_bind_text(s, i, v->s, (int)v->n, SQLITE_STATIC);
	default:
		return sqlite3_bind_null(s, i);
	}
}

/* Column i of s as a value (pointers valid until s moves on). */
static void
col_val(sqlite3_stmt *s, int i, struct cval *v)
{
	memset(v, 0, sizeof *v);
	v->type = sqlite3_column_type(s, i);
	if (v->type == SQLITE_INTEGER) {
		v->i = sqlite3_column_int64(s, i);
	} else if (v->type == SQLITE_BLOB) {
		v->s = sqlite3_column_blob(s, i);
		v->n = (size_t)sqlite3_column_bytes(s, i);
	} else if (v->type != SQLITE_NULL) {
		v->s = (const char *)sqlite3_column_text(s, i);
		v->n = (size_t)sqlite3_column_bytes(s, i);
	}
}

static void
put_val(struct hb *h, const struct cval *v)
{
	const char *tag = v->type == SQLITE_BLOB ? "b" : v->type == SQLITE_FLOAT ? "r" : "t";

	hb_put(h, &US, 1);
	if (v->type == SQLITE_NULL) {
		hb_put(h, (const unsigned char *)"n", 1);
		return;
	}
	if (v->type == SQLITE_INTEGER) {
		hb_put(h, (const unsigned char *)"i", 1);
		put_int(h, v->i);
		return;
	}
	hb_put(h, (const unsigned char *)tag, 1);
	put_int(h, (int64_t)v->n);
	hb_put(h, (const unsigned char *)":", 1);
	if (v->n > 0)
		hb_put(h, (const unsigned char *)v->s, v->n);
}

/* Argument v of an SQL function as a value (valid during the call). */
static void
arg_val(sqlite3_value *a, struct cval *v)
{
	memset(v, 0, sizeof *v);
	v->type = sqlite3_value_type(a);
	if (v->type == SQLITE_INTEGER) {
		v->i = sqlite3_value_int64(a);
	} else if (v->type == SQLITE_BLOB) {
		v->s = sqlite3_value_blob(a);
		v->n = (size_t)sqlite3_value_bytes(a);
	} else if (v->type != SQLITE_NULL) {
		v->s = (const char *)sqlite3_value_text(a);
		v->n = (size_t)sqlite3_value_bytes(a);
	}
}

/* cslog_row(TABLE, value...): the row hash, in hex. */
static void
row_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct hb h;
	char hex[HEX_LEN + 1];
	const unsigned char *table;
	struct cval v;
	int i;

	table = argc > 0 ? sqlite3_value_text(argv[0]) : NULL;
	if (table == NULL) {
		sqlite3_result_error(ctx, "cslog_row needs a table name", -1);
		return;
	}
	hb_init(&h, NULL, 0);
	hb_put(&h, (const unsigned char *)"cslog-row-1", 11);
	hb_put(&h, &US, 1);
	hb_put(&h, table, (size_t)sqlite3_value_bytes(argv[0]));
	for (i = 1; i < argc; i++) {
		arg_val(argv[i], &v);
		put_val(&h, &v);
	}
	finish_hex(&h, hex);
	sqlite3_result_text(ctx, hex, HEX_LEN, SQLITE_TRANSIENT);
}

int
hash_register(sqlite3 *db)
{
	/* Direct only: no view or trigger in the file can call it. */
	return sqlite3_create_function_v2(db, "cslog_row", -1, SQLITE_UTF8 |
	                                  SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
	                                  row_fn, NULL, NULL, NULL);
}

static void
put_cols(struct hb *h, sqlite3_stmt *s, int from, int to)
{
	struct cval v;
	int i;

	for (i = from; i < to; i++) {
		col_val(s, i, &v);
		put_val(h, &v);
	}
}

static void
content_start(struct hb *h)
{
	hb_init(h, NULL, 0);
	hb_put(h, (const unsigned char *)"cslog-contact-1", 15);
}

void
content_digest(const struct cval *cols, size_t ncols, const struct cval *answers,
               size_t nrows, char hex[HEX_LEN + 1])
{
	struct hb h;
	size_t i, j;

	content_start(&h);
	for (i = 0; i < ncols; i++)
		put_val(&h, &cols[i]);
	for (i = 0; i < nrows; i++) {
		hb_put(&h, &RS, 1);
		for (j = 0; j < 3; j++)
			put_val(&h, &answers[3 * i + j]);
	}
	finish_hex(&h, hex);
}

void
protected_digest(const unsigned char salt[HASH_BYTES], const struct cval f[4],
                 char hex[HEX_LEN + 1])
{
	struct hb h;
	int i;

	hb_init(&h, salt, HASH_BYTES);
	for (i = 0; i < 4; i++)
		put_val(&h, &f[i]);
	finish_hex(&h, hex);
}

void
audit_hash(const unsigned char prev[HASH_BYTES], int64_t id, int64_t at,
           int64_t actor_id, const char *action, const char *entity, int64_t entity_id,
           const char *detail, unsigned char out[HASH_BYTES])
{
	struct hb h;

	hb_init(&h, NULL, 0);
	hb_put(&h, prev, HASH_BYTES);
	put_int(&h, id);
	hb_put(&h, &US, 1);
	put_int(&h, at);
	hb_put(&h, &US, 1);
	if (actor_id != 0)
		put_int(&h, actor_id);
	hb_put(&h, &US, 1);
	hb_put(&h, (const unsigned char *)action, strlen(action));
	hb_put(&h, &US, 1);
	hb_put(&h, (const unsigned char *)entity, strlen(entity));
	hb_put(&h, &US, 1);
	if (entity_id != 0)
		put_int(&h, entity_id);
	hb_put(&h, &US, 1);
	hb_put(&h, (const unsigned char *)detail, strlen(detail));
	hb_final(&h, out);
}

static int
hash_answers(struct store *st, int64_t id, struct hb *h,
             struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, ANSWERS_SQL, err);
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	while (rc == CS_OK && (rc = stmt_row(st, s, &row, "cannot read", err)) == CS_OK && row) {
		hb_put(h, &RS, 1);
		put_cols(h, s, 0, 3);
	}
	sqlite3_reset(s);
	return rc;
}

/* The protected hash of a contact_private row whose salt is column at. */
static void
private_row(sqlite3_stmt *s, int at, char out[HEX_LEN + 1], bool *redacted)
{
	struct hb h;

	*redacted = sqlite3_column_type(s, at + 5) != SQLITE_NULL;
	if (!*redacted && sqlite3_column_bytes(s, at) == HASH_BYTES) {
		hb_init(&h, sqlite3_column_blob(s, at), HASH_BYTES);
		put_cols(&h, s, at + 1, at + 5);
		finish_hex(&h, out);
	} else if (!*redacted) {
		str_copy(out, HEX_LEN + 1, "unsalted");
	}
}

int
hash_private(struct store *st, int64_t id, char out[HEX_LEN + 1], bool *redacted,
             struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, PRIVATE_SQL, err);
	bool row;
	int rc;

	out[0] = '\0';
	*redacted = false;
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot read", err);
	if (rc != CS_OK || !row) {
		sqlite3_reset(s);
		return rc;
	}
	private_row(s, 0, out, redacted);
	sqlite3_reset(s);
	return CS_OK;
}

int
content_hash(struct store *st, int64_t id, bool *found, char content_hex[HEX_LEN + 1],
             char protected_hex[HEX_LEN + 1], bool *redacted, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, CONTENT_SQL, err);
	struct hb h;
	int rc;

	*found = false;
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, found, "cannot read", err);
	if (rc != CS_OK || !*found) {
		sqlite3_reset(s);
		return rc;
	}
	content_start(&h);
	put_cols(&h, s, 0, sqlite3_column_count(s));
	sqlite3_reset(s);
	rc = hash_answers(st, id, &h, err);
	if (rc != CS_OK)
		return rc;
	finish_hex(&h, content_hex);
	return hash_private(st, id, protected_hex, redacted, err);
}

/* ---- the same hashes, read forward (the chain walk of verify) ----
 *
 * The walk asks for contacts in the order of their events, which is the
 * order of their ids but for a few (an import's amendment that waited
 * for its original).  Each scan reads forward from an id; asked for an
 * id at or after the one asked before, it steps on (a step through the
 * B-tree instead of a search from its root and a statement run per
 * contact); asked for one before, it starts again from there.  What is
 * hashed is what content_hash() hashes, in the same order. */

static int
scan_step(struct store *st, struct scan *c, struct cs_err *err)
{
	int rc = stmt_row(st, c->s, &c->row, "cannot verify", err);

	c->key = rc == CS_OK && c->row ? sqlite3_column_int64(c->s, 0) : INT64_MAX;
	if (rc != CS_OK)
		c->live = false;
	return rc;
}

/* c on the first row whose key is id or more (c->row false: none).  No
 * row has a key in [c->below, c->key): from there on it can step. */
static int
scan_seek(struct store *st, struct scan *c, const char *sql, int64_t id, struct cs_err *err)
{
	int rc = CS_OK;

	if (c->s == NULL && (c->s = stmt_hold(st, sql, err)) == NULL)
		return err_code(err);
	if (!c->live || id < c->below) {
		sqlite3_reset(c->s);
		sqlite3_bind_int64(c->s, 1, id);
		c->live = true;
		rc = scan_step(st, c, err);
	}
	while (rc == CS_OK && c->row && c->key < id)
		rc = scan_step(st, c, err);
	c->below = id;
	return rc;
}

int
content_scan_hash(struct store *st, struct content_scan *cs, int64_t id, bool *found,
                  char content_hex[HEX_LEN + 1], char protected_hex[HEX_LEN + 1],
                  bool *redacted, struct cs_err *err)
{
	struct hb h;
	int rc = scan_seek(st, &cs->c, SCAN_CONTENT_SQL, id, err);

	*found = rc == CS_OK && cs->c.row && cs->c.key == id;
	protected_hex[0] = '\0';
	*redacted = false;
	if (rc != CS_OK || !*found)
		return rc;
	content_start(&h);
	put_cols(&h, cs->c.s, 1, sqlite3_column_count(cs->c.s));
	rc = scan_seek(st, &cs->a, SCAN_ANSWERS_SQL, id, err);
	while (rc == CS_OK && cs->a.row && cs->a.key == id) {
		hb_put(&h, &RS, 1);
		put_cols(&h, cs->a.s, 1, 4);
		rc = scan_step(st, &cs->a, err);
	}
	if (rc != CS_OK)
		return rc;
	cs->a.below = id + 1;   /* its answers read: the scan stands after them */
	finish_hex(&h, content_hex);
	rc = scan_seek(st, &cs->p, SCAN_PRIVATE_SQL, id, err);
	if (rc == CS_OK && cs->p.row && cs->p.key == id)
		private_row(cs->p.s, 1, protected_hex, redacted);
	return rc;
}

void
content_scan_end(struct store *st, struct content_scan *cs)
{
	stmt_release(st, cs->c.s);
	stmt_release(st, cs->a.s);
	stmt_release(st, cs->p.s);
	memset(cs, 0, sizeof *cs);
}
