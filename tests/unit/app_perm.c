/* app_perm.c - the permission table and the use cases that read it,
 * without any front end: a member's scope is their own records (a
 * filter for another member is refused, an empty one becomes theirs),
 * customer data in bulk is a supervisor's, nobody may do anything that
 * needs someone, and the rule is said in words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app_int.h"
#include "cslog/report.h"
#include "tmpdir.h"

static char dir[64], path[128];
static struct app a;
static struct app_actor sup, tr, mem, other;

static void
actor(const char *badge, int role, const char *pin, struct app_actor *out)
{
	struct cs_err err = { 0 };
	int64_t id;

	assert_int_equal(app_member_add(&a, sup.id ? &sup : NULL, badge, badge, role, pin, &id,
	                                &err), CS_OK);
	assert_int_equal(app_actor_load(&a, id, out, &err), CS_OK);
}

static int64_t
log_one(const struct app_actor *who, const char *summary, const char *customer)
{
	struct contact c = { 0 };
	struct cs_err err = { 0 };
	int64_t id;

	c.policy_id = "bsofr";
	c.kind = "recipient";
	c.channel = "on-scene";
	c.outcome = "resolved";
	c.summary = summary;
	c.customer_name = customer;
	assert_int_equal(app_contact_log(&a, who, &c, NULL, &id, &err), CS_OK);
	return id;
}

static int
setup(void **state)
{
	struct policy_diags diags = { 0 };
	struct cs_err err = { 0 };

	(void)state;
	assert_non_null(tmpdir_make(dir, path, "perm"));
	app_init(&a);
	a.db_path = path;
	a.policies_dir = "policies";
	assert_int_equal(app_load_policies(&a, &diags, &err), CS_OK);
	policy_diags_free(&diags);
	actor("S1", ROLE_SUPERVISOR, "1234", &sup);
	actor("T1", ROLE_TRAINER, "1234", &tr);
	actor("M1", ROLE_MEMBER, NULL, &mem);
	actor("M2", ROLE_MEMBER, NULL, &other);
	log_one(&mem, "mine", "Customer One");
	log_one(&other, "theirs", "Customer Two");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	app_done(&a);
	tmpdir_remove(dir);
	return 0;
}

static void
the_table(void **state)
{
	struct cs_err err = { 0 };
	char words[200];

	(void)state;
	assert_int_equal(app_scope_of(&mem, APP_READ), SCOPE_OWN);
	assert_int_equal(app_scope_of(&sup, APP_READ), SCOPE_ALL);
	assert_int_equal(app_scope_of(&tr, APP_REPORT_BY_MEMBER), SCOPE_ALL);
	assert_int_equal(app_scope_of(&mem, APP_REVIEW), SCOPE_NONE);
	assert_int_equal(app_scope_of(NULL, APP_VERIFY), SCOPE_NONE);
	assert_int_equal(app_may(&mem, APP_READ, mem.id, &err), CS_OK);
	assert_int_equal(app_may(&mem, APP_READ, other.id, &err), CS_NOPERM);
	assert_non_null(strstr(err.msg, "of their own only"));
	assert_int_equal(app_may(&mem, APP_BULK_PROTECTED, 0, &err), CS_NOPERM);
	assert_non_null(strstr(err.msg, "supervisors only"));
	assert_int_equal(app_may(NULL, APP_READ, 0, &err), CS_NOPERM);
	assert_non_null(strstr(err.msg, "someone must be signed in"));
	app_perm_words(APP_READ, words, sizeof words);
	assert_string_equal(words, "members and trainers: their own; supervisors: everyone's");
	app_perm_words(APP_REVIEW, words, sizeof words);
	assert_string_equal(words, "supervisors only");
	app_perm_words(APP_VERIFY, words, sizeof words);
	assert_string_equal(words, "members, trainers and supervisors only");
	app_perm_words(APP_MEMBER_LIST, words, sizeof words);
	assert_string_equal(words, "everyone signed in");
	app_perm_words(APP_SHOPPER_READ, words, sizeof words);
	assert_string_equal(words, "members and evaluators: their own; trainers and "
	                    "supervisors: everyone's");
}

static int
count(void *ctx, const struct contact *c)
{
	(void)c;
	(*(int *)ctx)++;
	return 0;
}

static void
a_members_scope_is_their_own(void **state)
{
	struct contact_filter f = { 0 };
	struct contact c;
	struct cs_err err = { 0 };
	int n = 0;

	(void)state;
	assert_int_equal(app_contact_query(&a, &mem, &f, NULL, 100, count, &n, NULL, &err), CS_OK);
	assert_int_equal(n, 1);                      /* the empty filter became theirs */
	assert_int_equal(f.member_id, mem.id);
	memset(&f, 0, sizeof f);
	f.member_id = other.id;
	assert_int_equal(app_contact_query(&a, &mem, &f, NULL, 100, count, &n, NULL, &err),
	                 CS_NOPERM);
	memset(&f, 0, sizeof f);
	n = 0;
	assert_int_equal(app_contact_query(&a, &sup, &f, NULL, 100, count, &n, NULL, &err), CS_OK);
	assert_int_equal(n, 2);                      /* a supervisor's: everyone's */
	assert_int_equal(app_contact_get(&a, &mem, 2, false, &c, &err), CS_NOPERM);
	assert_int_equal(app_contact_get(&a, &mem, 1, true, &c, &err), CS_OK);
	assert_string_equal(c.customer_name, "Customer One");   /* their own, one at a time */
	record_contact_clear(&c);
}

static int
count_reads(void *ctx, const struct audit_event *e)
{
	if (strncmp(e->action, "read.", 5) == 0)
		(*(int *)ctx)++;
	return 0;
}

static void
customer_data_in_bulk_is_a_supervisors_and_recorded(void **state)
{
	struct contact_filter f = { 0 };
	struct cs_err err = { 0 };
	int n = 0, reads = 0;

	(void)state;
	f.include_protected = true;
	assert_int_equal(app_contact_each(&a, &mem, &f, NULL, 0, count, &n, NULL, &err),
	                 CS_NOPERM);
	assert_int_equal(n, 0);
	memset(&f, 0, sizeof f);
	f.include_protected = true;
	assert_int_equal(app_contact_each(&a, &sup, &f, NULL, 0, count, &n, NULL, &err), CS_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_audit_list(app_store(&a, &err), NULL, 0, 0, 0, count_reads,
	                                  &reads, &err), CS_OK);
	assert_int_equal(reads, 2);   /* the bulk read, and M1's read of one contact */
}

static void
nobody_may_do_what_needs_someone(void **state)
{
	struct contact c = { 0 };
	struct cs_err err = { 0 };
	struct report r;
	int64_t id;

	(void)state;
	assert_int_equal(app_review_add(&a, NULL, 1, REVIEW_SIGN_OFF, NULL, &id, &err),
	                 CS_NOPERM);
	assert_int_equal(app_contact_get(&a, NULL, 1, false, &c, &err), CS_NOPERM);
	assert_int_equal(report_run(&a, NULL, REPORT_SUMMARY, NULL, NULL, NULL, &r, &err),
	                 CS_NOPERM);
	assert_int_equal(report_run(&a, &mem, REPORT_MEMBER, NULL, NULL, NULL, &r, &err),
	                 CS_NOPERM);
	assert_int_equal(report_run(&a, &mem, REPORT_KIND, NULL, NULL, NULL, &r, &err), CS_OK);
	assert_int_equal(r.total, 1);   /* a member's figures: their own contact only */
	report_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_table),
		cmocka_unit_test(a_members_scope_is_their_own),
		cmocka_unit_test(customer_data_in_bulk_is_a_supervisors_and_recorded),
		cmocka_unit_test(nobody_may_do_what_needs_someone),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
