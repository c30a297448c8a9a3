/* store_audit.c - the audit trail and its hash chain: intact, then
 * tampered with behind cslog's back (the sqlite3 shell, triggers dropped). */
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
#include <sqlite3.h>
#include <sys/stat.h>

#include "cslog/store.h"

#define T0 INT64_C(1700000000)

static int64_t ann, bob;

/* Stamps in time order, as the store requires. */
static int64_t
tick(void)
{
	static int64_t t = T0 + 1;

	return t++;
}

static void
add_contact(const char *summary, bool protected)
{
	struct contact c = { .member_id = ann, .at = T0, .policy_id = "bsofr",
	                     .policy_version = "1", .kind = "recipient", .channel = "phone",
	                     .summary = summary, .n_answers = 1, .empowered = TRI_YES };
	struct cs_err err;
	int64_t id;

	c.answers[0].question = "safe";
	c.answers[0].answer = ANSWER_YES;
	if (protected)
		c.customer_phone = "555-0100";
	assert_int_equal(store_contact_insert(st, ann, &c, tick(), &id, &err), CS_OK);
}

/* Members, four contacts (2 and 4 with protected data), an amendment,
 * a review, a follow-up closed, a drill, a wrong PIN. */
static int
setup(void **state)
{
	struct member a = { .badge = "A1", .name = "Ann" }, b = { .badge = "B2", .name = "Bob" };
	struct contact c = { .member_id = 1, .at = T0, .policy_id = "bsofr",
	                     .policy_version = "1", .kind = "close", .channel = "email",
	                     .summary = "amended text" };
	struct drill_attempt d = { .member_id = 1, .policy_id = "bsofr", .policy_version = "1",
	                           .kind = DRILL_QUIZ, .item_id = "q1", .at = T0, .total = 1 };
	struct pin_result pr;
	struct cs_err err;
	int64_t id;

	(void)state;
	assert_non_null(tmpdir_make(dir, path, "audit"));
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	assert_int_equal(store_member_add(st, 0, &a, NULL, T0, &ann, &err), CS_OK);
	assert_int_equal(store_member_add(st, 0, &b, "9876", T0, &bob, &err), CS_OK);
	add_contact("first", false);
	add_contact("second: the one tampered with", true);
	add_contact("third", false);
	add_contact("fourth", true);
	assert_int_equal(store_contact_amend(st, bob, 3, &c, "wrong kind", tick(), &id, &err),
	                 CS_OK);
	assert_int_equal(store_review_add(st, bob, 2, REVIEW_SIGN_OFF, "ok", tick(), &id, &err),
	                 CS_OK);
	assert_int_equal(store_followup_add(st, ann, 1, T0 + 99, "call", tick(), &id, &err),
	                 CS_OK);
	assert_int_equal(store_followup_done(st, ann, id, "called", tick(), &err), CS_OK);
	assert_int_equal(store_drill_add(st, bob, &d, tick(), &id, &err), CS_OK);
	assert_int_equal(store_member_check_pin(st, bob, "0000", tick(), &pr, &err), CS_OK);
	assert_int_equal(store_contact_redact(st, bob, 4, "test", tick(), &err), CS_OK);
	return 0;
}

static void
tamper(const char *sql)
{
	sqlite3 *db;
	char *e = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &e) != SQLITE_OK)
		fail_msg("%s: %s", sql, e);
	sqlite3_close(db);
}

static int64_t
event_of(const char *action, int64_t entity_id)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t id = 0;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM audit WHERE action = ?1"
	                                    " AND entity_id = ?2", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, action, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, entity_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	assert_true(id > 0);
	return id;
}

static void
expect_broken(int64_t event, int64_t contact, const char *why)
{
	struct store_verify_result res;
	struct cs_err err;

	assert_int_equal(store_verify(st, NULL, NULL, &res, &err), CS_DATAERR);
	assert_false(res.ok);
	assert_int_equal(res.bad_event, event);
	assert_int_equal(res.bad_contact, contact);
	if (strstr(res.why, why) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", res.why, why);
	assert_string_equal(err.msg, res.why);
}

static void
progress(void *ctx, int64_t done, int64_t total)
{
	int64_t *last = ctx;

	assert_true(done <= total);
	*last = done;
}

struct count {
	int n;
	int64_t last;
};

static int
count_events(void *ctx, const struct audit_event *e)
{
	struct count *c = ctx;

	c->n++;
	assert_true(c->last == 0 || e->id == c->last - 1);
	c->last = e->id;
	assert_non_null(strchr(e->detail, '{'));
	return 0;
}

static void
intact_chain_verifies(void **state)
{
	struct store_verify_result res;
	struct count cnt = { 0, 0 };
	struct cs_err err;
	int64_t last = -1;

	(void)state;
	assert_int_equal(store_verify(st, progress, &last, &res, &err), CS_OK);
	assert_true(res.ok);
	assert_int_equal(res.contacts, 5);
	assert_int_equal(res.events, 13);
	assert_int_equal(last, res.events);
	assert_int_equal(store_audit_list(st, NULL, 0, 0, 0, count_events, &cnt, &err), CS_OK);
	assert_int_equal(cnt.n, res.events);
	cnt = (struct count){ 0, 0 };
	assert_int_equal(store_audit_list(st, "contact", 3, 0, 0, count_events, &cnt, &err),
	                 CS_OK);
	assert_int_equal(cnt.n, 1);
	/* Reopened, the chain goes on from where it was. */
	store_close(st);
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	add_contact("after reopening", false);
	assert_int_equal(store_verify(st, NULL, NULL, &res, &err), CS_OK);
}

static void
changed_summary_is_found(void **state)
{
	(void)state;
	tamper("DROP TRIGGER contact_no_update;"
	       "UPDATE contact SET summary = 'nothing happened' WHERE id = 2");
	expect_broken(event_of("contact.insert", 2), 2, "contact 2 was changed");
}

static void
changed_answer_is_found(void **state)
{
	(void)state;
	tamper("DROP TRIGGER answer_no_update;"
	       "UPDATE contact_answer SET answer = 'no' WHERE contact_id = 1");
	expect_broken(event_of("contact.insert", 1), 1, "contact 1 was changed");
}

static void
changed_protected_data_is_found(void **state)
{
	(void)state;
	tamper("DROP TRIGGER private_redact_only;"
	       "UPDATE contact_private SET customer_phone = '555-9999' WHERE contact_id = 2");
	expect_broken(event_of("contact.insert", 2), 2, "protected data of contact 2");
}

static void
deleted_event_is_found(void **state)
{
	int64_t ev = event_of("review.add", 1);

	(void)state;
	tamper("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE action = 'review.add'");
	expect_broken(ev + 1, 0, "audit event");
}

static void
deleted_contact_event_is_found(void **state)
{
	(void)state;
	add_contact("last one", false);
	tamper("DROP TRIGGER audit_no_delete;"
	       "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)");
	expect_broken(0, 6, "contact 6 has no audit event");
}

static void
altered_event_is_found(void **state)
{
	int64_t ev = event_of("member.add", 2);
	char sql[256];

	(void)state;
	snprintf(sql, sizeof sql, "DROP TRIGGER audit_no_update;"
	         "UPDATE audit SET detail = '{\"badge\":\"B2\",\"role\":\"supervisor\"}'"
	         " WHERE id = %lld", (long long)ev);
	tamper(sql);
	expect_broken(ev, 0, "was altered");
}

static void
deleted_contact_is_found(void **state)
{
	(void)state;
	tamper("PRAGMA foreign_keys = OFF; DROP TRIGGER contact_no_delete;"
	       "DROP TRIGGER answer_no_delete;"
	       "DELETE FROM contact_answer WHERE contact_id = 1; DELETE FROM contact WHERE id = 1");
	expect_broken(event_of("contact.insert", 1), 1, "contact 1 of audit event");
}

static void
hidden_contact_is_found(void **state)
{
	(void)state;
	tamper("DROP TRIGGER contact_supersede_once;"
	       "UPDATE contact SET superseded_by = 2 WHERE id = 1");
	expect_broken(0, 1, "contact 1 is marked superseded");
}

static void
silent_insert_is_found(void **state)
{
	(void)state;
	tamper("INSERT INTO contact (id, member_id, at, logged_at, policy_id, policy_version,"
	       " kind, channel, summary) VALUES (100, 1, 1, 1, 'p', '1', 'k', 'c', 'forged')");
	expect_broken(0, 100, "contact 100 has no audit event");
}

static void
silent_redaction_is_found(void **state)
{
	(void)state;
	tamper("UPDATE contact_private SET salt = NULL, customer_name = NULL,"
	       " customer_phone = NULL, customer_address = NULL, customer_email = NULL,"
	       " redacted_at = 5 WHERE contact_id = 2");
	expect_broken(0, 2, "redacted without an audit event");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(intact_chain_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(changed_summary_is_found, setup, teardown),
		cmocka_unit_test_setup_teardown(changed_answer_is_found, setup, teardown),
		cmocka_unit_test_setup_teardown(changed_protected_data_is_found, setup, teardown),
		cmocka_unit_test_setup_teardown(deleted_event_is_found, setup, teardown),
		cmocka_unit_test_setup_teardown(deleted_contact_event_is_found, setup, teardown),
		cmocka_unit_test_setup_teardown(altered_event_is_found, setup, teardown),
		cmocka_unit_test_setup_teardown(deleted_contact_is_found, setup, teardown),
		cmocka_unit_test_setup_teardown(hidden_contact_is_found, setup, teardown),
		cmocka_unit_test_setup_teardown(silent_insert_is_found, setup, teardown),
		cmocka_unit_test_setup_teardown(silent_redaction_is_found, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
