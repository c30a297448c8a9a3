/* store_verify_state.c - verify's connections read one state of the
 * file (verify_conn.c): begun together, each still sees the file as it
 * was after a later write commits; while another connection holds the
 * write lock they are not begun (a later commit could fall between
 * them) and the store's connection is left as it was; the store's own
 * read transaction, used then, holds its state too; and a full verify
 * gives the same answer either way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store_fixture.h"

#include <sqlite3.h>

#include "internal.h"

#define T0 INT64_C(1700000000)
#define READERS 3

static int64_t ann;
static int64_t clock_now = T0 + 1;

static void
add_contact(void)
{
	struct contact c = { .member_id = ann, .at = T0, .policy_id = "bsofr",
	                     .policy_version = "1", .kind = "recipient", .channel = "phone",
	                     .summary = "a contact", .empowered = TRI_YES };
	struct cs_err err;
	int64_t id;

	assert_int_equal(store_contact_insert(st, ann, &c, clock_now++, &id, &err), CS_OK);
}

static int
setup(void **state)
{
	struct member a = { .badge = "A1", .name = "Ann" };
	struct cs_err err;
	int i;

	(void)state;
	assert_non_null(tmpdir_make(dir, path, "state"));
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	assert_int_equal(store_member_add(st, 0, &a, NULL, T0, &ann, &err), CS_OK);
	for (i = 0; i < 5; i++)
		add_contact();
	return 0;
}

static int64_t
count(sqlite3 *db, const char *table)
{
	char sql[80];
	sqlite3_stmt *s;
	int64_t n = -1;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void
open_readers(struct store *rd[READERS])
{
	int i;

	for (i = 0; i < READERS; i++)
		assert_non_null(rd[i] = verify_reader(st));
}

static void
close_readers(struct store *rd[READERS])
{
	int i;

	for (i = 0; i < READERS; i++)
		verify_reader_close(rd[i]);
}

/* Begun together, every reader keeps the state it began at through a
 * later commit; a reader begun after sees it. */
static void
readers_keep_their_state(void **state)
{
	struct store *rd[READERS], *late;
	int64_t events = count(st->db, "audit"), contacts = count(st->db, "contact");
	int i;

	(void)state;
	open_readers(rd);
	assert_true(verify_same_state(st, rd, READERS));
	assert_true(sqlite3_get_autocommit(st->db));   /* the write lock let go */
	add_contact();                                 /* so a writer can commit */
	for (i = 0; i < READERS; i++) {
		assert_int_equal(count(rd[i]->db, "audit"), events);
		assert_int_equal(count(rd[i]->db, "contact"), contacts);
	}
	assert_non_null(late = verify_reader(st));
	assert_int_equal(count(late->db, "contact"), contacts + 1);
	verify_reader_close(late);
	close_readers(rd);
}

/* Another connection holding the write lock: not begun, the store's
 * connection not left in a transaction. */
static void
not_begun_under_another_writer(void **state)
{
	struct store *rd[READERS];
	sqlite3 *w;

	(void)state;
	assert_int_equal(sqlite3_open(path, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	open_readers(rd);
	assert_false(verify_same_state(st, rd, READERS));   /* after a second */
	assert_true(sqlite3_get_autocommit(st->db));
	close_readers(rd);
	assert_int_equal(sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(w);
}

/* The store's own read transaction (verify run alone) holds its state
 * until it is ended. */
static void
alone_keeps_its_state(void **state)
{
	struct store *other;
	int64_t contacts = count(st->db, "contact");
	struct cs_err err;

	(void)state;
	assert_int_equal(store_open(path, 0, &other, &err), CS_OK);
	assert_true(verify_alone_begin(st));
	assert_int_equal(count(st->db, "contact"), contacts);
	{
		struct store *keep = st;   /* write through the other store */

		st = other;
		add_contact();
		st = keep;
	}
	assert_int_equal(count(st->db, "contact"), contacts);
	verify_alone_end(st, true);
	assert_true(sqlite3_get_autocommit(st->db));
	assert_int_equal(count(st->db, "contact"), contacts + 1);
	store_close(other);
}

/* A full verify says the same, beside or alone (another connection
 * holding the write lock makes it run alone); the store's connection is
 * left out of any transaction both ways. */
static void
verify_beside_and_alone(void **state)
{
	struct store_verify_result a, b;
	struct cs_err err;
	sqlite3 *w;

	(void)state;
	assert_int_equal(store_verify(st, NULL, NULL, &a, &err), CS_OK);
	assert_true(a.ok);
	assert_true(sqlite3_get_autocommit(st->db));
	assert_int_equal(sqlite3_open(path, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_verify(st, NULL, NULL, &b, &err), CS_OK);
	assert_int_equal(sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(w);
	assert_true(b.ok);
	assert_true(sqlite3_get_autocommit(st->db));
	assert_int_equal(a.events, b.events);
	assert_int_equal(a.contacts, b.contacts);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(readers_keep_their_state),
		cmocka_unit_test(not_begun_under_another_writer),
		cmocka_unit_test(alone_keeps_its_state),
		cmocka_unit_test(verify_beside_and_alone),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
