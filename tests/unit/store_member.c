/* store_member.c - members, PINs and the lockout, with a fixed clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store_fixture.h"

#include <ftw.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "cslog/store.h"

#define T0 INT64_C(1700000000)


static int
setup(void **state)
{
	struct cs_err err;

	(void)state;
	assert_non_null(tmpdir_make(dir, path, "member"));
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	return 0;
}

static int64_t
add(const char *badge, const char *name, enum member_role role, const char *pin)
{
	struct member m = { .badge = badge, .name = name, .role = role };
	struct cs_err err;
	int64_t id;

	assert_int_equal(store_member_add(st, 0, &m, pin, T0, &id, &err), CS_OK);
	return id;
}

static void
add_find_get(void **state)
{
	struct member m, dup = { .badge = "E-101", .name = "Other" };
	struct cs_err err;
	int64_t id, n, x;

	(void)state;
	assert_int_equal(store_member_count(st, &n, &err), CS_OK);
	assert_int_equal(n, 0);
	id = add("E-101", "Dana Ortiz", ROLE_SUPERVISOR, NULL);
	assert_int_equal(store_member_add(st, 0, &dup, NULL, T0, &x, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "badge E-101 is taken (by Dana Ortiz)"));
	assert_int_equal(store_member_find(st, "E-101", &m, &err), CS_OK);
	assert_int_equal(m.id, id);
	assert_string_equal(m.name, "Dana Ortiz");
	assert_int_equal(m.role, ROLE_SUPERVISOR);
	assert_false(m.has_pin);
	assert_int_equal(m.created_at, T0);
	record_member_clear(&m);
	assert_int_equal(store_member_find(st, "e-101", &m, &err), CS_NOUSER);
	assert_int_equal(store_member_get(st, id, &m, &err), CS_OK);
	record_member_clear(&m);
	assert_int_equal(store_member_get(st, id + 1, &m, &err), CS_NOUSER);
	dup.badge = "with space";
	assert_int_equal(store_member_add(st, 0, &dup, NULL, T0, &x, &err), CS_DATAERR);
	dup.badge = "123456789012345678901234567890123";
	assert_int_equal(store_member_add(st, 0, &dup, NULL, T0, &x, &err), CS_DATAERR);
	dup.badge = "B7";
	dup.name = "";
	assert_int_equal(store_member_add(st, 0, &dup, NULL, T0, &x, &err), CS_DATAERR);
	assert_int_equal(store_member_count(st, &n, &err), CS_OK);
	assert_int_equal(n, 1);
}

struct names {
	char text[256];
};

static int
collect(void *ctx, const struct member *m)
{
	struct names *n = ctx;

	strcat(n->text, m->badge);
	strcat(n->text, ";");
	return 0;
}

static void
search_and_list(void **state)
{
	struct names n = { "" };
	struct member m;
	struct cs_err err;
	int64_t id;

	(void)state;
	add("E-101", "Dana Ortiz", ROLE_MEMBER, NULL);
	id = add("F-7", "Ann Lee", ROLE_TRAINER, NULL);
	add("Z9", "Bo Danvers", ROLE_MEMBER, NULL);
	assert_int_equal(store_member_search(st, "dan", 0, collect, &n, &err), CS_OK);
	assert_string_equal(n.text, "Z9;E-101;");
	n.text[0] = '\0';
	assert_int_equal(store_member_search(st, "f-", 0, collect, &n, &err), CS_OK);
	assert_string_equal(n.text, "F-7;");
	n.text[0] = '\0';
	assert_int_equal(store_member_search(st, "%", 0, collect, &n, &err), CS_OK);
	assert_string_equal(n.text, "");
	assert_int_equal(store_member_list(st, collect, &n, &err), CS_OK);
	assert_string_equal(n.text, "F-7;Z9;E-101;");
	m = (struct member){ .id = id, .name = "Ann Lee-Smith", .role = ROLE_SUPERVISOR };
	assert_int_equal(store_member_update(st, 0, &m, T0, &err), CS_OK);
	assert_int_equal(store_member_get(st, id, &m, &err), CS_OK);
	assert_string_equal(m.name, "Ann Lee-Smith");
	assert_int_equal(m.role, ROLE_SUPERVISOR);
	record_member_clear(&m);
	assert_int_equal(store_member_set_last_policy(st, id, "bsofr", &err), CS_OK);
	assert_int_equal(store_member_get(st, id, &m, &err), CS_OK);
	assert_string_equal(m.last_policy, "bsofr");
	record_member_clear(&m);
	assert_int_equal(store_member_set_last_policy(st, 999, "bsofr", &err), CS_NOUSER);
}

static void
pin_is_hashed(void **state)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	struct member m;
	struct cs_err err;
	int64_t id;

	(void)state;
	id = add("P1", "Pat", ROLE_MEMBER, "4711");
	assert_int_equal(store_member_get(st, id, &m, &err), CS_OK);
	assert_true(m.has_pin);
	record_member_clear(&m);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT pin_hash FROM member", -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_non_null(strstr((const char *)sqlite3_column_text(s, 0), "$argon2id$"));
	assert_null(strstr((const char *)sqlite3_column_text(s, 0), "4711"));
	sqlite3_finalize(s);
	/* The PIN is nowhere in the trail (the row hash, 64 random hex
	 * digits, may hold "4711" by chance: it is left out of the search). */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM audit WHERE"
	                                    " replace(detail, coalesce(json_extract(detail,"
	                                    " '$.row'), '-'), '') LIKE '%4711%'", -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	m = (struct member){ .badge = "P2", .name = "Short" };
	assert_int_equal(store_member_add(st, 0, &m, "12", T0, &id, &err), CS_DATAERR);
}

/* The one text the sqlite3 library answers for q, or "" (owned by buf). */
static const char *
raw_text(const char *q, char *buf, size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *s;

	buf[0] = '\0';
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		snprintf(buf, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return buf;
}

/* A hash made with other settings (by an older cslog: the upgrade to v6
 * records the row as it was) is made again at the next right PIN, not
 * at a wrong one.  The same edit made after the upgrade, in the sqlite3
 * shell, is refused: no PIN is checked against a row cslog did not
 * write. */
static void
old_hash_is_made_again(void **state)
{
	char old[crypto_pwhash_STRBYTES], sql[400], buf[200];
	struct pin_result r;
	struct cs_err err;
	struct member m;
	int64_t id;
	sqlite3 *db;

	(void)state;
	assert_int_equal(crypto_pwhash_str_alg(old, "2468", 4, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                       crypto_pwhash_MEMLIMIT_INTERACTIVE,
	                                       crypto_pwhash_ALG_ARGON2ID13), 0);
	assert_non_null(tmpdir_make(dir, path, "member"));
	assert_int_equal(store_create_version(path, 5, &err), CS_OK);
	snprintf(sql, sizeof sql, "INSERT INTO member (badge, name, role, pin_hash, created_at)"
	         " VALUES ('P3', 'Old Hash', 'supervisor', '%s', %lld)", old, (long long)T0);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	assert_int_equal(store_member_find(st, "P3", &m, &err), CS_OK);
	id = m.id;
	record_member_clear(&m);
	assert_int_equal(store_member_check_pin(st, id, "1357", T0, &r, &err), CS_OK);
	assert_int_equal(r.check, PIN_WRONG);
	assert_non_null(strstr(raw_text("SELECT pin_hash FROM member WHERE badge = 'P3'", buf,
	                                sizeof buf), "m=65536"));
	assert_int_equal(store_member_check_pin(st, id, "2468", T0, &r, &err), CS_OK);
	assert_int_equal(r.check, PIN_OK);
	assert_non_null(strstr(raw_text("SELECT pin_hash FROM member WHERE badge = 'P3'", buf,
	                                sizeof buf), "m=7168,t=5"));
	assert_string_equal(raw_text("SELECT count(*) FROM audit WHERE action = 'member.pin_rehash'",
	                             buf, sizeof buf), "1");
	assert_int_equal(store_member_check_pin(st, id, "2468", T0, &r, &err), CS_OK);
	assert_int_equal(r.check, PIN_OK);
	assert_string_equal(raw_text("SELECT count(*) FROM audit WHERE action = 'member.pin_rehash'",
	                             buf, sizeof buf), "1");
	snprintf(sql, sizeof sql, "UPDATE member SET pin_hash = '%s' WHERE id = %lld", old,
	         (long long)id);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_member_check_pin(st, id, "2468", T0, &r, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "member P3's record was changed outside cslog"));
	assert_int_equal(store_member_attested(st, id, &err), CS_DATAERR);
}

static void
check(int64_t id, const char *pin, int64_t now, enum pin_check want, int left)
{
	struct pin_result r;
	struct cs_err err;

	assert_int_equal(store_member_check_pin(st, id, pin, now, &r, &err), CS_OK);
	assert_int_equal(r.check, want);
	if (want == PIN_WRONG)
		assert_int_equal(r.attempts_left, left);
}

static void
lockout_after_five(void **state)
{
	struct pin_result r;
	struct cs_err err;
	int64_t id, none;
	int i;

	(void)state;
	id = add("P1", "Pat", ROLE_MEMBER, "4711");
	none = add("N1", "Nobody", ROLE_MEMBER, NULL);
	check(none, "anything", T0, PIN_OK, 0);
	check(id, "4711", T0, PIN_OK, 0);
	for (i = 1; i <= 4; i++)
		check(id, "0000", T0 + i, PIN_WRONG, 5 - i);
	assert_int_equal(store_member_check_pin(st, id, "0000", T0 + 5, &r, &err), CS_OK);
	assert_int_equal(r.check, PIN_LOCKED);
	assert_int_equal(r.locked_until, T0 + 5 + STORE_PIN_LOCK_SECONDS);
	/* Locked: even the right PIN is not taken, and closing does not help. */
	check(id, "4711", T0 + 10, PIN_LOCKED, 0);
	store_close(st);
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	check(id, "4711", T0 + 5 + STORE_PIN_LOCK_SECONDS - 1, PIN_LOCKED, 0);
	check(id, "4711", T0 + 5 + STORE_PIN_LOCK_SECONDS, PIN_OK, 0);
	check(id, "0000", T0 + 400, PIN_WRONG, 4);
	check(id, "4711", T0 + 401, PIN_OK, 0);
	check(id, "0000", T0 + 402, PIN_WRONG, 4); /* a good PIN resets the count */
	assert_int_equal(store_member_check_pin(st, 999, "4711", T0, &r, &err), CS_NOUSER);
}

static void
set_pin_clears_lock(void **state)
{
	struct member m;
	struct cs_err err;
	int64_t id;
	int i;

	(void)state;
	id = add("P1", "Pat", ROLE_MEMBER, NULL);
	assert_int_equal(store_member_set_pin(st, 0, id, "2468", T0, &err), CS_OK);
	for (i = 0; i < 5; i++)
		check(id, "1111", T0, i < 4 ? PIN_WRONG : PIN_LOCKED, 4 - i);
	assert_int_equal(store_member_set_pin(st, 0, id, NULL, T0 + 1, &err), CS_OK);
	check(id, "whatever", T0 + 2, PIN_OK, 0);
	assert_int_equal(store_member_get(st, id, &m, &err), CS_OK);
	assert_false(m.has_pin);
	assert_int_equal(m.locked_until, 0);
	record_member_clear(&m);
	assert_int_equal(store_member_set_pin(st, 0, 999, NULL, T0, &err), CS_NOUSER);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(add_find_get, setup, teardown),
		cmocka_unit_test_setup_teardown(search_and_list, setup, teardown),
		cmocka_unit_test_setup_teardown(pin_is_hashed, setup, teardown),
		cmocka_unit_test_teardown(old_hash_is_made_again, teardown),
		cmocka_unit_test_setup_teardown(lockout_after_five, setup, teardown),
		cmocka_unit_test_setup_teardown(set_pin_clears_lock, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
