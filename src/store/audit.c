/* audit.c - appending to the audit trail and reading it back.  The
 * hash of each event covers the one before it (see hash.c). */
#include <string.h>

#include "internal.h"

static const char SQL_HEAD[] = "SELECT id, hash, at FROM audit ORDER BY id DESC LIMIT 1";
static const char SQL_EVENT[] = "SELECT id, hash, at FROM audit WHERE id = ?1";
static const char SQL_APPEND[] =
	"INSERT INTO audit (id, at, actor_id, action, entity, entity_id, detail,"
	" prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
#define EVENT_COLS "SELECT id, at, actor_id, action, entity, entity_id, detail," \
	" prev_hash, hash FROM audit "
static const char SQL_LIST_ALL[] =
	EVENT_COLS "WHERE id < ?3 ORDER BY id DESC LIMIT ?4";
static const char SQL_LIST_ENTITY[] =
	EVENT_COLS "WHERE entity = ?1 AND entity_id = ?2 AND id < ?3"
	" ORDER BY id DESC LIMIT ?4";

static int
load_head(struct store *st, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_HEAD, err);
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	rc = stmt_row(st, s, &row, "cannot read the audit trail", err);
	if (rc != CS_OK)
		return rc;
	memset(st->head_hash, 0, HASH_BYTES);
	st->head_id = 0;
	st->head_at = 0;
	if (row) {
		st->head_id = sqlite3_column_int64(s, 0);
		st->head_at = sqlite3_column_int64(s, 2);
		if (sqlite3_column_bytes(s, 1) == HASH_BYTES)
			memcpy(st->head_hash, sqlite3_column_blob(s, 1), HASH_BYTES);
	}
	sqlite3_reset(s);
	st->head_valid = true;
	return CS_OK;
}

/* A stamp is never earlier than the newest event of the record: a
 * clock that went back (or an event stamped in the future) is a
 * supervisor's to look at, not something to write past. */
static int
clock_behind(struct store *st, int64_t now, struct cs_err *err)
{
	char a[32], b[32];

	day_time(now, a);
	day_time(st->head_at, b);
	return cs_err_set(err, CS_TEMPFAIL,
	    "the clock says %s UTC but the record already holds an event of %s UTC:"
	    " nothing was saved; check the system clock, or have a supervisor accept"
	    " it ('cslog clock-accept')", a, b);
}

static int
insert_event(struct store *st, int64_t actor_id, const char *action, const char *entity,
             int64_t entity_id, int64_t now, const char *detail, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_APPEND, err);
	unsigned char h[HASH_BYTES];
	int64_t id = st->head_id + 1;
	int rc;

	if (s == NULL)
		return err_code(err);
	if (now < st->head_at && strcmp(action, "clock.accept") != 0)
		return clock_behind(st, now, err);
	audit_hash(st->head_hash, id, now, actor_id, action, entity, entity_id, detail, h);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	bind_id(s, 3, actor_id);
	bind_text(s, 4, action);
	bind_text(s, 5, entity);
	bind_id(s, 6, entity_id);
	bind_text(s, 7, detail);
	sqlite3_bind_blob(s, 8, st->head_hash, HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(s, 9, h, HASH_BYTES, SQLITE_STATIC);
	rc = stmt_done(st, s, "nothing was saved", err);
	if (rc != CS_OK)
		return rc;
	st->head_id = id;
	st->head_at = now;
	memcpy(st->head_hash, h, HASH_BYTES);
	return CS_OK;
}

int
audit_append(struct store *st, int64_t actor_id, const char *action, const char *entity,
             int64_t entity_id, int64_t now, sqlite3_stmt *detail, struct cs_err *err)
{
	const char *text = "{}";
	bool row = false;
	int rc = CS_OK;

	if (!st->head_valid)
		rc = load_head(st, err);
	if (rc == CS_OK && detail != NULL) {
		rc = stmt_row(st, detail, &row, "nothing was saved", err);
		if (rc == CS_OK && row && sqlite3_column_text(detail, 0) != NULL)
			text = (const char *)sqlite3_column_text(detail, 0);
	}
	if (rc == CS_OK)
		rc = insert_event(st, actor_id, action, entity, entity_id, now, text, err);
	if (detail != NULL)
		sqlite3_reset(detail);
	return rc;
}

/* The same with the detail already as text (built in C by the caller:
 * no statement stepped for it). */
int
audit_append_text(struct store *st, int64_t actor_id, const char *action, const char *entity,
                  int64_t entity_id, int64_t now, const char *detail, struct cs_err *err)
{
	int rc = st->head_valid ? CS_OK : load_head(st, err);

	if (rc == CS_OK)
		rc = insert_event(st, actor_id, action, entity, entity_id, now,
		                  detail != NULL ? detail : "{}", err);
	return rc;
}

static int
decode_event(sqlite3_stmt *s, struct audit_event *e)
{
	struct record_mem *m = NULL;

	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(s, 0);
	e->at = sqlite3_column_int64(s, 1);
	e->actor_id = sqlite3_column_int64(s, 2);
	e->action = col_dup(&m, s, 3);
	e->entity = col_dup(&m, s, 4);
	e->entity_id = sqlite3_column_int64(s, 5);
	e->detail = col_dup(&m, s, 6);
	if (sqlite3_column_bytes(s, 7) == HASH_BYTES)
		memcpy(e->prev_hash, sqlite3_column_blob(s, 7), HASH_BYTES);
	if (sqlite3_column_bytes(s, 8) == HASH_BYTES)
		memcpy(e->hash, sqlite3_column_blob(s, 8), HASH_BYTES);
	e->mem = m;
	return e->action != NULL && e->entity != NULL && e->detail != NULL ? 0 : -1;
}

int
store_audit_list(struct store *st, const char *entity, int64_t entity_id,
                 int64_t before_id, size_t limit, store_audit_cb cb, void *ctx,
                 struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, entity != NULL ? SQL_LIST_ENTITY : SQL_LIST_ALL, err);
	struct audit_event e;
	bool row = true;
	int rc = CS_OK, stop = 0;

	if (s == NULL)
		return err_code(err);
	bind_text(s, 1, entity);
	sqlite3_bind_int64(s, 2, entity_id);
	sqlite3_bind_int64(s, 3, before_id > 0 ? before_id : INT64_MAX);
	sqlite3_bind_int64(s, 4, limit > 0 ? (int64_t)limit : -1);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the audit trail", err)) == CS_OK
	       && row) {
		if (decode_event(s, &e) != 0) {
			record_audit_clear(&e);
			rc = cs_err_set(err, CS_OSERR, "out of memory");
			break;
		}
		stop = cb(ctx, &e);
		record_audit_clear(&e);
	}
	stmt_release(st, s);
	return rc;
}

int
store_audit_note(struct store *st, int64_t actor_id, const char *action,
                 const char *entity, int64_t entity_id, const char *detail, int64_t now,
                 struct cs_err *err)
{
	int rc = tx_begin_for(st, "nothing was read", err);

	if (rc != CS_OK)
		return rc;
	if (!st->head_valid)
		rc = load_head(st, err);
	if (rc == CS_OK)
		rc = insert_event(st, actor_id, action, entity, entity_id, now,
		                  detail != NULL ? detail : "{}", err);
	return tx_end(st, rc, err);
}

int
audit_head(struct store *st, int64_t *id, int64_t *at, unsigned char hash[HASH_BYTES],
           struct cs_err *err)
{
	int rc = st->head_valid ? CS_OK : load_head(st, err);

	*id = rc == CS_OK ? st->head_id : 0;
	*at = rc == CS_OK ? st->head_at : 0;
	memcpy(hash, st->head_hash, HASH_BYTES);
	return rc;
}

int
store_head(struct store *st, struct store_head *h, struct cs_err *err)
{
	unsigned char hash[HASH_BYTES];
	int rc = load_head(st, err);

	memset(h, 0, sizeof *h);
	if (rc != CS_OK)
		return rc;
	rc = audit_head(st, &h->event, &h->at, hash, err);
	if (rc == CS_OK && h->event != 0)
		hex_encode(hash, HASH_BYTES, h->hash);
	if (!st->in_tx)   /* read outside a write: another terminal may append */
		st->head_valid = false;
	return rc;
}

int
store_event(struct store *st, int64_t id, struct store_head *h, bool *found,
            struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_EVENT, err);
	int rc;

	memset(h, 0, sizeof *h);
	*found = false;
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, found, "cannot read the audit trail", err);
	if (rc == CS_OK && *found) {
		h->event = sqlite3_column_int64(s, 0);
		h->at = sqlite3_column_int64(s, 2);
		if (sqlite3_column_bytes(s, 1) == HASH_BYTES)
			hex_encode(sqlite3_column_blob(s, 1), HASH_BYTES, h->hash);
	}
	sqlite3_reset(s);
	return rc;
}

int
store_clock_head(struct store *st, int64_t *at, struct cs_err *err)
{
	int rc = load_head(st, err);

	*at = rc == CS_OK ? st->head_at : 0;
	st->head_valid = false;
	return rc;
}
