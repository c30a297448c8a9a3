/* store_measures.c - evaluations, survey responses and recognitions in
 * the store: records of fact (the database refuses to change them),
 * each audited with the hash of its row, which verify checks; their
 * counts for reports; and the migration that brings them (v9, here from
 * a v6 file through v7's baseline), which also lets a member be an
 * evaluator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "cslog/store.h"
#include "cslog/store_measures.h"
#include "store_fixture.h"

#define T0 1790000000

static int64_t sup, mem, eva, contact_id;

static void
raw(const char *sql)
{
	sqlite3 *db;
	char *e = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &e) != SQLITE_OK)
		fail_msg("%s: %s", sql, e != NULL ? e : "?");
	sqlite3_close(db);
}

/* Does sql fail (a trigger refusing it)? */
static bool
refused(const char *sql)
{
	sqlite3 *db;
	int rc;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc != SQLITE_OK;
}

static long long
raw_int(const char *file, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long v = -1;

	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static int64_t
add_member(const char *badge, enum member_role role, const char *pin)
{
	struct member m = { 0 };
	struct cs_err err;
	int64_t id = 0;

	m.badge = badge;
	m.name = badge;
	m.role = role;
	assert_int_equal(store_member_add(st, 0, &m, pin, mono(T0), &id, &err), CS_OK);
	return id;
}

static int
setup(void **state)
{
	struct contact c = { 0 };
	struct cs_err err;

	(void)state;
	assert_non_null(tmpdir_make(dir, path, "measures"));
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	sup = add_member("S1", ROLE_SUPERVISOR, "1234");
	mem = add_member("M1", ROLE_MEMBER, NULL);
	eva = add_member("E1", ROLE_EVALUATOR, "1234");
	c.member_id = mem;
	c.at = T0;
	c.policy_id = "bes";
	c.policy_version = "1";
	c.kind = "customer";
	c.channel = "phone";
	c.summary = "a call";
	c.added_value = "stayed on the line";
	c.empowered = TRI_YES;
	assert_int_equal(store_contact_insert(st, mem, &c, mono(T0), &contact_id, &err), CS_OK);
	return 0;
}

static int64_t
add_eval(int64_t member, const char *ring_result)
{
	struct shopper_item items[3] = {
		{ "listen", false, EVAL_MET, -1 },
		{ "four-rings", true, strcmp(ring_result, "met") == 0 ? EVAL_MET : EVAL_NOT_MET,
		  strcmp(ring_result, "met") == 0 ? 3 : 7 },
		{ "refer", false, EVAL_NOT_OBSERVED, -1 },
	};
	struct shopper_eval e = { 0 };
	struct cs_err err;
	int64_t id = 0;

	e.at = T0;
	e.policy_id = "rochester";
	e.policy_version = "1";
	e.channel = "phone";
	e.member_id = member;
	e.items = items;
	e.n_items = 3;
	assert_int_equal(store_shopper_add(st, eva, &e, mono(T0 + 10), &id, &err), CS_OK);
	return id;
}

static int64_t
add_response(int64_t contact, int overall, const char *comment)
{
	struct survey_response r;
	struct cs_err err;
	int64_t id = 0;

	memset(&r, 0, sizeof r);
	r.at = T0;
	r.policy_id = "bes";
	r.policy_version = "1";
	r.source = SURVEY_CARD;
	r.contact_id = contact;
	r.comment = comment;
	r.answers[r.n_answers++] = (struct survey_answer){ "overall", SCALE_1_5, overall };
	r.answers[r.n_answers++] = (struct survey_answer){ "needs-met", SCALE_YES_NO, 1 };
	assert_int_equal(store_survey_add(st, sup, &r, mono(T0 + 20), &id, &err), CS_OK);
	return id;
}

static int64_t
add_recognition(void)
{
	struct recognition r = { 0 };
	struct cs_err err;
	int64_t id = 0;

	r.member_id = mem;
	r.kind = RECOGNITION_LETTER;
	r.reason = "kind on the phone";
	assert_int_equal(store_recognition_add(st, sup, &r, mono(T0 + 30), &id, &err), CS_OK);
	return id;
}

static int
verify(char *why, size_t len)
{
	struct store_verify_result res;
	struct cs_err err;
	int rc = store_verify(st, NULL, NULL, &res, &err);

	snprintf(why, len, "%s", res.why);
	return rc;
}

/* Close, run sql behind cslog's back, open again. */
static void
behind_back(const char *sql)
{
	struct cs_err err;

	store_close(st);
	st = NULL;
	raw(sql);
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
}

static void
kept_as_facts(void **state)
{
	char why[512];
	struct shopper_eval e;
	struct survey_response r;
	struct cs_err err;

	(void)state;
	assert_int_equal(add_eval(mem, "met"), 1);
	assert_int_equal(add_response(contact_id, 5, "Mia was kind"), 1);
	assert_int_equal(add_recognition(), 1);
	assert_int_equal(verify(why, sizeof why), CS_OK);
	assert_int_equal(store_shopper_get(st, 1, &e, &err), CS_OK);
	assert_int_equal(e.met, 2);
	assert_int_equal(e.scored, 2);
	assert_int_equal(e.n_items, 3);
	assert_int_equal(e.items[1].value, 3);
	assert_string_equal(e.member_badge, "M1");
	record_shopper_clear(&e);
	/* The comment comes only when asked for. */
	assert_int_equal(store_survey_get(st, 1, false, &r, &err), CS_OK);
	assert_null(r.comment);
	assert_true(r.has_comment);
	assert_string_equal(r.member_badge, "M1");
	record_survey_clear(&r);
	assert_int_equal(store_survey_get(st, 1, true, &r, &err), CS_OK);
	assert_string_equal(r.comment, "Mia was kind");
	record_survey_clear(&r);
	store_close(st);
	st = NULL;
	assert_true(refused("UPDATE shopper SET met = 0"));
	assert_true(refused("DELETE FROM shopper_item"));
	assert_true(refused("UPDATE survey_answer SET score = 1"));
	assert_true(refused("DELETE FROM survey_comment"));
	assert_true(refused("UPDATE recognition SET reason = 'x'"));
	assert_true(refused("DELETE FROM survey"));
	assert_int_equal(raw_int(path, "SELECT count(*) FROM audit WHERE action IN"
	                         " ('shopper.add', 'survey.add', 'recognition.add')"), 3);
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
}

static void
refused_when_malformed(void **state)
{
	struct survey_response r;
	struct recognition g = { 0 };
	struct cs_err err;

	(void)state;
	memset(&r, 0, sizeof r);
	r.at = T0;
	r.policy_id = "bes";
	r.policy_version = "1";
	r.answers[r.n_answers++] = (struct survey_answer){ "overall", SCALE_1_5, 6 };
	assert_int_equal(store_survey_add(st, sup, &r, mono(T0), NULL, &err), CS_DATAERR);
	r.answers[0].score = 4;
	r.contact_id = 99;
	assert_int_equal(store_survey_add(st, sup, &r, mono(T0), NULL, &err), CS_NOINPUT);
	r.contact_id = 0;
	r.ref = "R-1";
	assert_int_equal(store_survey_add(st, sup, &r, mono(T0), NULL, &err), CS_OK);
	assert_int_equal(store_survey_add(st, sup, &r, mono(T0), NULL, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "already kept"));
	r.ref = NULL;
	r.comment = "\xff\xfe";
	assert_int_equal(store_survey_add(st, sup, &r, mono(T0), NULL, &err), CS_DATAERR);
	g.member_id = 99;
	g.reason = "x";
	assert_int_equal(store_recognition_add(st, sup, &g, mono(T0), NULL, &err), CS_NOUSER);
	g.member_id = mem;
	g.reason = "";
	assert_int_equal(store_recognition_add(st, sup, &g, mono(T0), NULL, &err), CS_DATAERR);
}

static void
verify_finds(const char *sql, const char *want)
{
	char why[512];

	behind_back(sql);
	assert_int_equal(verify(why, sizeof why), CS_DATAERR);
	if (strstr(why, want) == NULL)
		fail_msg("verify said \"%s\", not \"%s\"", why, want);
}

static void
tampering_found(void **state)
{
	(void)state;
	add_eval(mem, "met");
	add_response(contact_id, 5, "Mia was kind");
	add_recognition();
	verify_finds("DROP TRIGGER shopper_item_no_update;"
	             "UPDATE shopper_item SET value = 9 WHERE shopper_id = 1 AND ord = 1",
	             "evaluation 1 was changed behind cslog's back");
}

static void
tampering_comment(void **state)
{
	(void)state;
	add_response(contact_id, 5, "Mia was kind");
	verify_finds("DROP TRIGGER survey_comment_no_update;"
	             "UPDATE survey_comment SET comment = 'rude'",
	             "survey response 1 was changed behind cslog's back (table survey,"
	             " with its answers in survey_answer and its comment in survey_comment");
}

static void
tampering_deleted(void **state)
{
	(void)state;
	add_recognition();
	verify_finds("DROP TRIGGER recognition_no_delete; DELETE FROM recognition",
	             "recognition 1 of audit event");
}

static void
tampering_unaudited(void **state)
{
	(void)state;
	add_eval(mem, "met");
	verify_finds("INSERT INTO shopper (evaluator_id, logged_at, at, policy_id, policy_version,"
	             " channel, met, scored) VALUES (3, 1, 1, 'x', '1', 'phone', 1, 1)",
	             "evaluation 2 has no audit event");
}

struct tally {
	char text[512];
};

static int
shopper_row(void *ctx, const struct shopper_tally *t)
{
	struct tally *x = ctx;
	size_t n = strlen(x->text);

	snprintf(x->text + n, sizeof x->text - n, "%s:%lld/%lld/%lld;", t->value,
	         (long long)t->met, (long long)t->scored, (long long)t->perfect);
	return 0;
}

static int
survey_row(void *ctx, const struct survey_tally *t)
{
	struct tally *x = ctx;
	size_t n = strlen(x->text);

	snprintf(x->text + n, sizeof x->text - n, "%s:%lld/%lld/%g;", t->value,
	         (long long)t->satisfied, (long long)t->n, t->sum);
	return 0;
}

static int
evidence_row(void *ctx, const struct evidence *e)
{
	struct tally *x = ctx;
	size_t n = strlen(x->text);

	snprintf(x->text + n, sizeof x->text - n, "%s:%lld,%lld,%lld/%lld,%lld/%lld,%lld;",
	         e->badge, (long long)e->added_value, (long long)e->contacts,
	         (long long)e->perfect, (long long)e->evaluations, (long long)e->satisfied,
	         (long long)e->responses, (long long)e->recognitions);
	return 0;
}

static void
counted_for_reports(void **state)
{
	struct measure_filter f = { 0 };
	struct tally x = { "" };
	struct cs_err err;
	int64_t n, linked;

	(void)state;
	add_eval(mem, "met");
	add_eval(mem, "not-met");
	add_eval(0, "met");
	add_response(contact_id, 5, NULL);
	add_response(contact_id, 2, NULL);
	add_response(0, 4, NULL);
	add_recognition();
	assert_int_equal(store_shopper_tally(st, &f, SHOPPER_BY_ITEM, shopper_row, &x, &err),
	                 CS_OK);
	assert_string_equal(x.text, "four-rings:2/3/0;listen:3/3/0;refer:0/0/0;");
	x.text[0] = '\0';
	assert_int_equal(store_shopper_tally(st, &f, SHOPPER_BY_MEMBER, shopper_row, &x, &err),
	                 CS_OK);
	assert_string_equal(x.text, ":2/2/1;M1:3/4/1;");
	x.text[0] = '\0';
	assert_int_equal(store_survey_tally(st, &f, SURVEY_BY_QUESTION, NULL, survey_row, &x,
	                                    &err), CS_OK);
	assert_string_equal(x.text, "needs-met:3/3/0;overall:2/3/11;");
	x.text[0] = '\0';
	assert_int_equal(store_survey_tally(st, &f, SURVEY_BY_DOCTRINE, "overall", survey_row,
	                                    &x, &err), CS_OK);
	assert_string_equal(x.text, "added-value-empowered:1/2/7;");
	assert_int_equal(store_survey_count(st, &f, &n, &linked, &err), CS_OK);
	assert_int_equal(n, 3);
	assert_int_equal(linked, 2);
	f.member_id = mem;    /* one member's: the responses about their contacts */
	assert_int_equal(store_survey_count(st, &f, &n, &linked, &err), CS_OK);
	assert_int_equal(n, 2);
	f.member_id = 0;
	x.text[0] = '\0';
	assert_int_equal(store_evidence(st, &f, "overall", evidence_row, &x, &err), CS_OK);
	assert_string_equal(x.text, "M1:1,1,1/2,1/2,1;");
}

static void
migrated_from_v6(void **state)
{
	struct store *old;
	struct cs_err err;
	char bak[300], why[512];

	(void)state;
	store_close(st);
	st = NULL;
	snprintf(path, sizeof path, "%s/old.db", dir);
	assert_int_equal(store_create_version(path, 6, &err), CS_OK);
	raw("INSERT INTO member (id, badge, name, role, created_at) VALUES"
	    " (1, 'S9', 'Sue', 'supervisor', 1), (2, 'T9', 'Tom', 'trainer', 1),"
	    " (3, 'M9', 'Max', 'member', 1);");
	assert_true(refused("INSERT INTO member (badge, name, role, created_at)"
	                    " VALUES ('E9', 'Eve', 'evaluator', 1)"));
	assert_int_equal(store_open(path, 0, &old, &err), CS_OK);
	st = old;
	assert_int_equal(raw_int(path, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(raw_int(path, "SELECT count(*) FROM member WHERE role = 'supervisor'"
	                         " AND badge = 'S9'"), 1);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM member WHERE role = 'trainer'"), 1);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* The role column was made anew; each member's row hash, which names
	 * its columns, is as v7's baseline recorded it. */
	if (verify(why, sizeof why) != CS_OK)
		fail_msg("after the upgrade: %s", why);
	eva = add_member("E9", ROLE_EVALUATOR, "1234");
	assert_true(eva > 0);
	assert_true(refused("INSERT INTO member (badge, name, role, created_at)"
	                    " VALUES ('X9', 'Xi', 'boss', 1)"));
	mem = 3;
	assert_int_equal(add_eval(3, "met"), 1);
	assert_int_equal(verify(why, sizeof why), CS_OK);
	snprintf(bak, sizeof bak, "%s.backup-v6", path);
	assert_int_equal(raw_int(bak, "PRAGMA user_version"), 6);
	assert_int_equal(raw_int(bak, "SELECT count(*) FROM member"), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(kept_as_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(refused_when_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(tampering_found, setup, teardown),
		cmocka_unit_test_setup_teardown(tampering_comment, setup, teardown),
		cmocka_unit_test_setup_teardown(tampering_deleted, setup, teardown),
		cmocka_unit_test_setup_teardown(tampering_unaudited, setup, teardown),
		cmocka_unit_test_setup_teardown(counted_for_reports, setup, teardown),
		cmocka_unit_test_setup_teardown(migrated_from_v6, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
