/* store_verify_scan.c - the chain walk's contact hashes, read forward
 * (content_scan_hash), are content_hash's for every contact, whatever
 * order the contacts are asked for in: ascending as the walk mostly
 * asks, descending (each ask starts the scans again), the same id twice,
 * ids that are not there, past the last, and a shuffled order; with
 * contacts that have no answers, several, protected fields, redacted
 * ones and an amendment. */
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
#define N 40   /* contacts, before the amendment */

static int64_t ann;

static int64_t
tick(void)
{
	static int64_t t = T0 + 1;

	return t++;
}

/* Contact i: i % 4 answers (0 to 3), protected fields on every third. */
static void
add_contact(int i)
{
	static const char *q[] = { "safe", "heard", "next" };
	struct contact c = { .member_id = ann, .at = T0, .policy_id = "bsofr",
	                     .policy_version = "1", .kind = "recipient", .channel = "phone",
	                     .summary = "a contact", .empowered = TRI_YES };
	struct cs_err err;
	int64_t id;
	int k;

	c.n_answers = (size_t)(i % 4);
	for (k = 0; k < i % 4; k++) {
		c.answers[k].question = q[k];
		c.answers[k].answer = k % 2 ? ANSWER_NO : ANSWER_YES;
	}
	if (i % 3 == 0)
		c.customer_phone = "555-0100";
	assert_int_equal(store_contact_insert(st, ann, &c, tick(), &id, &err), CS_OK);
}

static int
setup(void **state)
{
	struct member a = { .badge = "A1", .name = "Ann" };
	struct contact c = { .member_id = 1, .at = T0, .policy_id = "bsofr",
	                     .policy_version = "1", .kind = "close", .channel = "email",
	                     .summary = "amended text", .customer_name = "Someone" };
	struct cs_err err;
	int64_t id;
	int i;

	(void)state;
	assert_non_null(tmpdir_make(dir, path, "scan"));
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	assert_int_equal(store_member_add(st, 0, &a, NULL, T0, &ann, &err), CS_OK);
	for (i = 0; i < N; i++)
		add_contact(i);
	assert_int_equal(store_contact_amend(st, ann, 7, &c, "wrong kind", tick(), &id, &err),
	                 CS_OK);
	assert_int_equal(store_contact_redact(st, ann, 3, "test", tick(), &err), CS_OK);
	assert_int_equal(store_contact_redact(st, ann, 12, "test", tick(), &err), CS_OK);
	return 0;
}

/* Ask for ids[0..n) in that order through one scan; each answer equals
 * content_hash's.  Returns how many were found. */
static int
ask(const int64_t *ids, size_t n)
{
	struct content_scan cs = { 0 };
	char c1[HEX_LEN + 1], p1[HEX_LEN + 1], c2[HEX_LEN + 1], p2[HEX_LEN + 1];
	bool f1, f2, r1, r2;
	struct cs_err err;
	size_t i;
	int found = 0;

	for (i = 0; i < n; i++) {
		memset(c1, 0, sizeof c1);
		memset(c2, 0, sizeof c2);
		assert_int_equal(content_hash(st, ids[i], &f1, c1, p1, &r1, &err), CS_OK);
		assert_int_equal(content_scan_hash(st, &cs, ids[i], &f2, c2, p2, &r2, &err),
		                 CS_OK);
		assert_int_equal(f1, f2);
		if (!f1)
			continue;
		found++;
		assert_string_equal(c1, c2);
		assert_string_equal(p1, p2);
		assert_int_equal(r1, r2);
	}
	content_scan_end(st, &cs);
	return found;
}

static void
ascending(void **state)
{
	int64_t ids[N + 4];
	size_t i;

	(void)state;
	for (i = 0; i < N + 4; i++)
		ids[i] = (int64_t)i;   /* 0 and past the last: not there */
	assert_int_equal(ask(ids, N + 4), N + 1);
}

static void
descending(void **state)
{
	int64_t ids[N + 2];
	size_t i;

	(void)state;
	for (i = 0; i < N + 2; i++)
		ids[i] = (int64_t)(N + 2 - i);
	assert_int_equal(ask(ids, N + 2), N + 1);
}

static void
gaps_and_repeats(void **state)
{
	static const int64_t ids[] = { 5, 5, 9, 4, 4, 30, 31, 2, 41, 41, 1, 99, 40, 8, -3, 41 };

	(void)state;
	assert_int_equal(ask(ids, sizeof ids / sizeof ids[0]), 14);
}

static void
shuffled(void **state)
{
	int64_t ids[3 * N], t;
	size_t i, j;
	unsigned r = 12345;

	(void)state;
	for (i = 0; i < 3 * N; i++)
		ids[i] = (int64_t)(i % (N + 1)) + 1;
	for (i = 3 * N - 1; i > 0; i--) {
		r = r * 1103515245u + 12345u;
		j = (r >> 8) % (i + 1);
		t = ids[i];
		ids[i] = ids[j];
		ids[j] = t;
	}
	assert_int_equal(ask(ids, 3 * N), 3 * N);
}

/* A changed answer changes both hashes alike: the scan reads what is
 * stored, not what it read before (a new scan after the change). */
static void
after_a_change(void **state)
{
	static const int64_t ids[] = { 1, 2, 3, 6, 7, 10, 11 };
	sqlite3 *db;

	(void)state;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER answer_no_update;"
	                              " UPDATE contact_answer SET answer = 'no'"
	                              " WHERE contact_id = 6 AND ord = 0", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(ask(ids, sizeof ids / sizeof ids[0]), 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ascending),
		cmocka_unit_test(descending),
		cmocka_unit_test(gaps_and_repeats),
		cmocka_unit_test(shuffled),
		cmocka_unit_test(after_a_change),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
