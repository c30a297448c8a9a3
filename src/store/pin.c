/* pin.c - PINs: argon2id hashes (libsodium), checks and lockout.
 *
 * The PIN itself is never stored, logged or put in an audit detail.
 * Hashing is slow on purpose (about 0.1 s), so it happens outside any
 * transaction; the counter of misses is then updated inside one, so two
 * terminals guessing at once still count every miss.
 *
 * Cost: argon2id with 7 MiB and 5 passes, one of the settings OWASP's
 * password storage guide gives as equal in strength to its 19 MiB, 2
 * passes (libsodium's "interactive" asks for 64 MiB, which would be most
 * of the program's memory).  A short PIN cannot resist an offline guess
 * at any cost; what protects it is the lockout and the file's mode.  A
 * hash made with other settings is made again at the next right PIN. */
#include <string.h>

#include <sodium.h>

#include "internal.h"

#define PIN_OPSLIMIT 5
#define PIN_MEMLIMIT (7u << 20)

static const char SQL_STATE[] =
	"SELECT pin_hash, failed_pins, locked_until FROM member WHERE id = ?1";
static const char SQL_SET[] =
	"UPDATE member SET pin_hash = ?2, failed_pins = 0, locked_until = 0, pin_reset = ?3"
	" WHERE id = ?1";
/* The same PIN, hashed again with today's settings: a reset stays one. */
static const char SQL_REHASH[] =
	"UPDATE member SET pin_hash = ?2, failed_pins = 0, locked_until = 0 WHERE id = ?1";
static const char SQL_UNLOCK[] =
	"UPDATE member SET failed_pins = 0, locked_until = 0 WHERE id = ?1";
static const char SQL_MISS[] =
	"UPDATE member SET failed_pins = ?2, locked_until = ?3 WHERE id = ?1";
static const char SQL_MISS_DETAIL[] =
	"SELECT json_object('failed', ?1, 'locked_until', ?2,"
	" 'row', (SELECT " ROW_MEMBER " FROM member WHERE member.id = ?3))";
static const char SQL_ROW_DETAIL[] =
	"SELECT json_object('row', (SELECT " ROW_MEMBER " FROM member WHERE member.id = ?1))";

_Static_assert(PIN_HASH_MAX == crypto_pwhash_STRBYTES, "PIN hash size");

int
pin_hash(const char *pin, char out[PIN_HASH_MAX], struct cs_err *err)
{
	int rc = record_pin_check(pin, err);

	if (rc != CS_OK)
		return rc;
	if (crypto_pwhash_str_alg(out, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT,
	                          crypto_pwhash_ALG_ARGON2ID13) != 0)
		return cs_err_set(err, CS_OSERR, "out of memory while hashing the PIN");
	return CS_OK;
}

/* An event about member id whose detail is the member's row hash. */
static int
audit_member_row(struct store *st, int64_t actor_id, const char *action, int64_t id,
                 int64_t now, struct cs_err *err)
{
	sqlite3_stmt *d = stmt_get(st, SQL_ROW_DETAIL, err);

	if (d == NULL)
		return err_code(err);
	sqlite3_bind_int64(d, 1, id);
	return audit_append(st, actor_id, action, "member", id, now, d, err);
}

int
store_member_set_pin(struct store *st, int64_t actor_id, int64_t member_id,
                     const char *pin, int64_t now, struct cs_err *err)
{
	char hash[PIN_HASH_MAX];
	bool set = pin != NULL && *pin != '\0';
	sqlite3_stmt *s;
	int rc = set ? pin_hash(pin, hash, err) : CS_OK;

	if (rc == CS_OK)
		rc = tx_begin_for(st, "the PIN was not recorded", err);
	if (rc != CS_OK)
		return rc;
	rc = attest_member(st, member_id, err);
	s = rc == CS_OK ? stmt_get(st, SQL_SET, err) : NULL;
	if (s == NULL)
		return tx_end(st, err_code(err), err);
	sqlite3_bind_int64(s, 1, member_id);
	if (set)
		sqlite3_bind_text(s, 2, hash, -1, SQLITE_TRANSIENT);
	/* Set by someone else: a reset, which its member changes first. */
	sqlite3_bind_int(s, 3, set && actor_id != 0 && actor_id != member_id);
	rc = stmt_done(st, s, "the PIN was not changed", err);
	if (rc == CS_OK && sqlite3_changes(st->db) == 0)
		rc = cs_err_set(err, CS_NOUSER, "no member %lld", (long long)member_id);
	if (rc == CS_OK)
		rc = audit_member_row(st, actor_id, set ? "member.pin_set" : "member.pin_clear",
		                      member_id, now, err);
	return tx_end(st, rc, err);
}

int
store_member_unlock(struct store *st, int64_t actor_id, int64_t member_id, int64_t now,
                    struct cs_err *err)
{
	sqlite3_stmt *s;
	int rc = tx_begin_for(st, "the account was not unlocked", err);

	if (rc != CS_OK)
		return rc;
	rc = attest_member(st, member_id, err);
	s = rc == CS_OK ? stmt_get(st, SQL_UNLOCK, err) : NULL;
	if (s == NULL)
		return tx_end(st, err_code(err), err);
	sqlite3_bind_int64(s, 1, member_id);
	rc = stmt_done(st, s, "the account was not unlocked", err);
	if (rc == CS_OK && sqlite3_changes(st->db) == 0)
		rc = cs_err_set(err, CS_NOUSER, "no member %lld", (long long)member_id);
	if (rc == CS_OK)
		rc = audit_member_row(st, actor_id, "member.unlock", member_id, now, err);
	return tx_end(st, rc, err);
}

struct pin_state {
	char hash[PIN_HASH_MAX];
	bool has_pin;
	int failed;
	int64_t locked_until;
};

static int
read_state(struct store *st, int64_t id, struct pin_state *ps, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_STATE, err);
	const unsigned char *h;
	bool row;
	int rc;

	memset(ps, 0, sizeof *ps);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot read the member", err);
	if (rc == CS_OK && !row)
		rc = cs_err_set(err, CS_NOUSER, "no member %lld", (long long)id);
	if (rc == CS_OK) {
		h = sqlite3_column_text(s, 0);
		ps->has_pin = h != NULL;
		if (h != NULL)
			str_copy(ps->hash, sizeof ps->hash, (const char *)h);
		ps->failed = sqlite3_column_int(s, 1);
		ps->locked_until = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	return rc;
}

static int
save_state(struct store *st, int64_t id, int failed, int64_t locked_until,
           const char *action, int64_t now, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_MISS, err), *d;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, failed);
	sqlite3_bind_int64(s, 3, locked_until);
	rc = stmt_done(st, s, "the PIN check was not recorded", err);
	if (rc != CS_OK)
		return rc;
	d = stmt_get(st, SQL_MISS_DETAIL, err);
	if (d == NULL)
		return err_code(err);
	sqlite3_bind_int(d, 1, failed);
	sqlite3_bind_int64(d, 2, locked_until);
	sqlite3_bind_int64(d, 3, id);
	return audit_append(st, id, action, "member", id, now, d, err);
}

/* A right PIN whose hash was made with other settings: store the new
 * one (made outside the transaction). */
static int
rehash(struct store *st, int64_t id, const char *fresh, int64_t now, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_REHASH, err);
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, fresh, -1, SQLITE_TRANSIENT);
	rc = stmt_done(st, s, "the PIN was not recorded", err);
	return rc == CS_OK ? audit_member_row(st, id, "member.pin_rehash", id, now, err) : rc;
}

/* Inside the transaction: count the outcome against the current state. */
static int
record_outcome(struct store *st, int64_t id, bool right, const char *fresh, int64_t now,
               struct pin_result *res, struct cs_err *err)
{
	struct pin_state ps;
	int rc = attest_member(st, id, err);

	if (rc == CS_OK)
		rc = read_state(st, id, &ps, err);
	if (rc != CS_OK)
		return rc;
	if (ps.locked_until > now) {
		res->check = PIN_LOCKED;
		res->locked_until = ps.locked_until;
		return CS_OK;
	}
	if (right) {
		res->check = PIN_OK;
		res->attempts_left = STORE_PIN_TRIES;
		if (fresh != NULL)
			return rehash(st, id, fresh, now, err);
		if (ps.failed == 0 && ps.locked_until == 0)
			return CS_OK;
		return save_state(st, id, 0, 0, "member.pin_ok", now, err);
	}
	if (ps.failed + 1 >= STORE_PIN_TRIES) {
		res->check = PIN_LOCKED;
		res->locked_until = now + STORE_PIN_LOCK_SECONDS;
		return save_state(st, id, 0, res->locked_until, "member.locked", now, err);
	}
	res->check = PIN_WRONG;
	res->attempts_left = STORE_PIN_TRIES - (ps.failed + 1);
	return save_state(st, id, ps.failed + 1, ps.locked_until, "member.pin_wrong", now, err);
}

int
store_member_check_pin(struct store *st, int64_t member_id, const char *pin, int64_t now,
                       struct pin_result *res, struct cs_err *err)
{
	struct pin_state ps;
	char fresh[PIN_HASH_MAX];
	bool right, again = false;
	int rc;

	memset(res, 0, sizeof *res);
	rc = read_state(st, member_id, &ps, err);
	if (rc != CS_OK)
		return rc;
	if (ps.locked_until > now) {
		res->check = PIN_LOCKED;
		res->locked_until = ps.locked_until;
		return CS_OK;
	}
	if (!ps.has_pin) {
		res->check = PIN_OK;
		res->attempts_left = STORE_PIN_TRIES;
		return CS_OK;
	}
	right = pin != NULL &&
	        crypto_pwhash_str_verify(ps.hash, pin, strlen(pin)) == 0;
	if (right && crypto_pwhash_str_needs_rehash(ps.hash, PIN_OPSLIMIT, PIN_MEMLIMIT) != 0)
		again = pin_hash(pin, fresh, NULL) == CS_OK;
	rc = tx_begin_for(st, "the PIN was not recorded", err);
	if (rc != CS_OK)
		return rc;
	rc = record_outcome(st, member_id, right, again ? fresh : NULL, now, res, err);
	return tx_end(st, rc, err);
}
