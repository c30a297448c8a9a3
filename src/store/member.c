/* member.c - members: adding, changing, finding. PINs are in pin.c. */
#include <string.h>

#include "internal.h"

#define MEMBER_COLS "SELECT id, badge, name, role, pin_hash IS NOT NULL, failed_pins," \
	" locked_until, created_at, last_policy, pin_reset FROM member "
static const char SQL_BY_ID[] = MEMBER_COLS "WHERE id = ?1";
static const char SQL_BY_BADGE[] = MEMBER_COLS "WHERE badge = ?1";
static const char SQL_SEARCH[] = MEMBER_COLS
	"WHERE instr(lower(name), lower(?1)) > 0 OR instr(lower(badge), lower(?1)) > 0"
	" ORDER BY name, id LIMIT ?2";
static const char SQL_LIST[] = MEMBER_COLS "ORDER BY name, id";
static const char SQL_COUNT[] = "SELECT count(*) FROM member";
static const char SQL_ADD[] =
	"INSERT INTO member (badge, name, role, pin_hash, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_ADD_DETAIL[] =
	"SELECT json_object('badge', ?1, 'name', ?2, 'role', ?3, 'pin', ?4,"
	" 'row', (SELECT " ROW_MEMBER " FROM member WHERE member.id = ?5))";
static const char SQL_UPDATE[] = "UPDATE member SET name = ?2, role = ?3 WHERE id = ?1";
static const char SQL_UPDATE_DETAIL[] =
	"SELECT json_object('name', ?1, 'role', ?2,"
	" 'row', (SELECT " ROW_MEMBER " FROM member WHERE member.id = ?3))";
static const char SQL_LAST_POLICY[] =
	"UPDATE member SET last_policy = ?2 WHERE id = ?1 AND last_policy IS NOT ?2";
static const char SQL_EXISTS[] = "SELECT 1 FROM member WHERE id = ?1";

static int
decode(sqlite3_stmt *s, struct member *m, struct cs_err *err)
{
	struct record_mem *mem = NULL;

	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(s, 0);
	m->badge = col_dup(&mem, s, 1);
	m->name = col_dup(&mem, s, 2);
	m->role = (enum member_role)record_role_parse((const char *)sqlite3_column_text(s, 3));
	m->has_pin = sqlite3_column_int(s, 4) != 0;
	m->failed_pins = sqlite3_column_int(s, 5);
	m->locked_until = sqlite3_column_int64(s, 6);
	m->created_at = sqlite3_column_int64(s, 7);
	m->last_policy = col_dup(&mem, s, 8);
	m->pin_reset = sqlite3_column_int(s, 9) != 0;
	m->mem = mem;
	if (m->badge == NULL || m->name == NULL) {
		record_member_clear(m);
		return cs_err_set(err, CS_OSERR, "out of memory");
	}
	if ((int)m->role < 0)
		m->role = ROLE_MEMBER;
	return CS_OK;
}

static int
get_one(struct store *st, const char *sql, int64_t id, const char *badge,
        struct member *out, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, sql, err);
	bool row;
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return err_code(err);
	if (badge != NULL)
		bind_text(s, 1, badge);
	else
		sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot read the members", err);
	if (rc == CS_OK && !row) {
		if (badge != NULL)
			rc = cs_err_set(err, CS_NOUSER, "no member with badge %.64s", badge);
		else
			rc = cs_err_set(err, CS_NOUSER, "no member %lld", (long long)id);
	} else if (rc == CS_OK) {
		rc = decode(s, out, err);
	}
	sqlite3_reset(s);
	return rc;
}

int
store_member_get(struct store *st, int64_t id, struct member *out, struct cs_err *err)
{
	return get_one(st, SQL_BY_ID, id, NULL, out, err);
}

int
store_member_find(struct store *st, const char *badge, struct member *out,
                  struct cs_err *err)
{
	if (badge == NULL)
		badge = "";
	return get_one(st, SQL_BY_BADGE, 0, badge, out, err);
}

static int
each(struct store *st, sqlite3_stmt *s, store_member_cb cb, void *ctx, struct cs_err *err)
{
	struct member m;
	bool row = true;
	int rc = CS_OK, stop = 0;

	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the members", err)) == CS_OK
	       && row) {
		rc = decode(s, &m, err);
		if (rc != CS_OK)
			break;
		stop = cb(ctx, &m);
		record_member_clear(&m);
	}
	stmt_release(st, s);
	return rc;
}

int
store_member_search(struct store *st, const char *text, size_t limit, store_member_cb cb,
                    void *ctx, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_SEARCH, err);

	if (s == NULL)
		return err_code(err);
	bind_text(s, 1, text != NULL ? text : "");
	sqlite3_bind_int64(s, 2, limit > 0 ? (int64_t)limit : -1);
	return each(st, s, cb, ctx, err);
}

int
store_member_list(struct store *st, store_member_cb cb, void *ctx, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_LIST, err);

	if (s == NULL)
		return err_code(err);
	return each(st, s, cb, ctx, err);
}

int
store_member_count(struct store *st, int64_t *n, struct cs_err *err)
{
	return stmt_int64(st, SQL_COUNT, 0, n, NULL, "cannot read the members", err);
}

static int
check_member(const struct member *m, struct cs_err *err)
{
	int rc;

	rc = check_text("badge", m->badge, MEMBER_BADGE_MAX, true, err);
	if (rc == CS_OK)
		rc = check_text("name", m->name, MEMBER_NAME_MAX, true, err);
	if (rc != CS_OK)
		return rc;
	if ((rc = record_badge_check(m->badge, err)) != CS_OK)
		return rc;
	if ((unsigned)m->role >= MEMBER_ROLES)
		return cs_err_set(err, CS_DATAERR, "no such role");
	return CS_OK;
}

static int
badge_free(struct store *st, const char *badge, struct cs_err *err)
{
	struct member other;
	int rc = store_member_find(st, badge, &other, err);

	if (rc == CS_NOUSER) {
		cs_err_clear(err);
		return CS_OK;
	}
	if (rc != CS_OK)
		return rc;
	rc = cs_err_set(err, CS_DATAERR, "badge %s is taken (by %s)", badge, other.name);
	record_member_clear(&other);
	return rc;
}

static int
insert(struct store *st, int64_t actor_id, const struct member *m, const char *hash,
       int64_t now, int64_t *id, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_ADD, err), *d;
	int rc;

	if (s == NULL)
		return err_code(err);
	bind_text(s, 1, m->badge);
	bind_text(s, 2, m->name);
	bind_text(s, 3, record_role_name(m->role));
	bind_text(s, 4, hash);
	sqlite3_bind_int64(s, 5, m->created_at != 0 ? m->created_at : now);
	rc = stmt_done(st, s, "the member was not added", err);
	if (rc != CS_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	d = stmt_get(st, SQL_ADD_DETAIL, err);
	if (d == NULL)
		return err_code(err);
	bind_text(d, 1, m->badge);
	bind_text(d, 2, m->name);
	bind_text(d, 3, record_role_name(m->role));
	sqlite3_bind_int(d, 4, hash != NULL);
	sqlite3_bind_int64(d, 5, *id);
	return audit_append(st, actor_id, "member.add", "member", *id, now, d, err);
}

int
store_member_add(struct store *st, int64_t actor_id, const struct member *m,
                 const char *pin, int64_t now, int64_t *id, struct cs_err *err)
{
	char hash[PIN_HASH_MAX];
	bool with_pin = pin != NULL && *pin != '\0';
	int64_t new_id = 0;
	int rc;

	if (id != NULL)
		*id = 0;
	rc = check_member(m, err);
	if (rc == CS_OK && with_pin)
		rc = pin_hash(pin, hash, err);
	if (rc != CS_OK)
		return rc;
	rc = tx_begin_for(st, "the member was not saved", err);
	if (rc != CS_OK)
		return rc;
	rc = badge_free(st, m->badge, err);
	if (rc == CS_OK)
		rc = insert(st, actor_id, m, with_pin ? hash : NULL, now, &new_id, err);
	rc = tx_end(st, rc, err);
	if (id != NULL)
		*id = rc == CS_OK ? new_id : 0;
	return rc;
}

static int
update(struct store *st, int64_t actor_id, const struct member *m, int64_t now,
       struct cs_err *err)
{
	sqlite3_stmt *s, *d;
	int rc = attest_member(st, m->id, err);

	if (rc != CS_OK)
		return rc;
	if ((s = stmt_get(st, SQL_UPDATE, err)) == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, m->id);
	bind_text(s, 2, m->name);
	bind_text(s, 3, record_role_name(m->role));
	rc = stmt_done(st, s, "the member was not changed", err);
	if (rc != CS_OK)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return cs_err_set(err, CS_NOUSER, "no member %lld", (long long)m->id);
	d = stmt_get(st, SQL_UPDATE_DETAIL, err);
	if (d == NULL)
		return err_code(err);
	bind_text(d, 1, m->name);
	bind_text(d, 2, record_role_name(m->role));
	sqlite3_bind_int64(d, 3, m->id);
	return audit_append(st, actor_id, "member.update", "member", m->id, now, d, err);
}

int
store_member_update(struct store *st, int64_t actor_id, const struct member *m,
                    int64_t now, struct cs_err *err)
{
	int rc;

	if ((unsigned)m->role >= MEMBER_ROLES)
		return cs_err_set(err, CS_DATAERR, "no such role");
	rc = check_text("name", m->name, MEMBER_NAME_MAX, true, err);
	if (rc == CS_OK)
		rc = tx_begin_for(st, "the member was not saved", err);
	if (rc != CS_OK)
		return rc;
	rc = update(st, actor_id, m, now, err);
	return tx_end(st, rc, err);
}

static int
exists(struct store *st, int64_t member_id, struct cs_err *err)
{
	int64_t one;
	bool row;
	int rc = stmt_int64(st, SQL_EXISTS, member_id, &one, &row, "cannot read the members", err);

	if (rc == CS_OK && !row)
		rc = cs_err_set(err, CS_NOUSER, "no member %lld", (long long)member_id);
	return rc;
}

int
store_member_set_last_policy(struct store *st, int64_t member_id, const char *policy_id,
                             struct cs_err *err)
{
	sqlite3_stmt *s;
	int rc = check_id("policy", policy_id, false, err);

	if (rc == CS_OK)
		rc = tx_begin_for(st, "the member was not saved", err);
	if (rc != CS_OK)
		return rc;
	s = stmt_get(st, SQL_LAST_POLICY, err);
	if (s == NULL)
		return tx_end(st, err_code(err), err);
	sqlite3_bind_int64(s, 1, member_id);
	bind_text(s, 2, policy_id != NULL && *policy_id != '\0' ? policy_id : NULL);
	rc = stmt_done(st, s, "the policy was not remembered", err);
	if (rc == CS_OK && sqlite3_changes(st->db) == 0)   /* the same policy, or nobody */
		rc = exists(st, member_id, err);
	return tx_end(st, rc, err);
}
