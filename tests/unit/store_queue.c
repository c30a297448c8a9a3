/* store_queue.c - what the supervisor's screens read: the debrief queue
 * (negative calls until a debrief), saved views, follow-up and debrief
 * figures, each against a real database file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cslog/store.h"

#define T0 INT64_C(1790000000)   /* 2026-09-21 */

static char dir[64], path[96];
static struct store *st;
static int64_t sup;

static int
setup(void **state)
{
	struct cs_err err = { 0 };
	struct member m = { .badge = "S1", .name = "Sam", .role = ROLE_SUPERVISOR };

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/cslog-unit-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/q.db", dir);
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	assert_int_equal(store_member_add(st, 0, &m, "1234", T0, &sup, &err), CS_OK);
	return 0;
}

static int
teardown(void **state)
{
	char wal[128];

	(void)state;
	store_close(st);
	unlink(path);
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
	rmdir(dir);
	return 0;
}

static int64_t
add(bool negative, int64_t at, int64_t followup_due)
{
	struct cs_err err = { 0 };
	struct contact c = {
		.member_id = sup, .at = at, .policy_id = "rochester", .policy_version = "1",
		.kind = "recipient", .channel = "phone",
		.outcome = negative ? "complaint" : "resolved", .summary = "a call",
		.negative = negative, .followup_due = followup_due,
	};
	int64_t id = 0;

	assert_int_equal(store_contact_insert(st, sup, &c, at, &id, &err), CS_OK);
	return id;
}

static int
count_cb(void *ctx, const struct contact *c)
{
	int64_t *n = ctx;

	assert_true(c->debrief_due);
	(*n)++;
	return 0;
}

static int64_t
debriefs_due(void)
{
	struct contact_filter f = { .needs_debrief = true, .now = T0 };
	int64_t n = 0;

	assert_int_equal(store_contact_query(st, &f, NULL, 100, count_cb, &n, NULL, NULL), CS_OK);
	return n;
}

static void
negative_calls_wait_for_a_debrief(void **state)
{
	struct cs_err err = { 0 };
	int64_t a, b, rid, pending;

	(void)state;
	a = add(true, T0, 0);
	add(false, T0 + 1, 0);
	b = add(true, T0 + 2, 0);
	assert_int_equal(debriefs_due(), 2);
	/* A sign-off is not a debrief; a commendation neither. */
	assert_int_equal(store_review_add(st, sup, a, REVIEW_SIGN_OFF, NULL, T0 + 3, &rid, &err), CS_OK);
	assert_int_equal(store_review_add(st, sup, a, REVIEW_COMMEND, "kind", T0 + 4, &rid, &err), CS_OK);
	assert_int_equal(debriefs_due(), 2);
	assert_int_equal(store_review_add(st, sup, a, REVIEW_DEBRIEF, "talked", T0 + 5, &rid, &err),
	                 CS_OK);
	assert_int_equal(debriefs_due(), 1);
	assert_int_equal(store_debrief_pending(st, NULL, NULL, NULL, 0, &pending, &err), CS_OK);
	assert_int_equal(pending, 1);
	assert_int_equal(store_debrief_pending(st, NULL, NULL, "bsofr", 0, &pending, &err), CS_OK);
	assert_int_equal(pending, 0);
	(void)b;
}

static void
an_amendment_carries_the_debrief_over(void **state)
{
	struct cs_err err = { 0 };
	struct contact c = { 0 };
	int64_t a, nid;

	(void)state;
	a = add(true, T0, 0);
	assert_int_equal(store_contact_get(st, a, 0, T0, &c, &err), CS_OK);
	c.summary = "a call, corrected";
	c.negative = true;
	assert_int_equal(store_contact_amend(st, sup, a, &c, "typo", T0, &nid, &err), CS_OK);
	record_contact_clear(&c);
	/* One entry, for the current version only. */
	assert_int_equal(debriefs_due(), 1);
	assert_int_equal(store_contact_get(st, nid, 0, T0, &c, &err), CS_OK);
	assert_true(c.debrief_due);
	record_contact_clear(&c);
}

struct views {
	int n;
	char last[256];
};

static int
view_cb(void *ctx, int slot, const char *name, const char *filter)
{
	struct views *v = ctx;

	v->n++;
	snprintf(v->last, sizeof v->last, "%d|%s|%s", slot, name, filter);
	return 0;
}

static int
audit_cb(void *ctx, const struct audit_event *e)
{
	int *n = ctx;

	if (strncmp(e->action, "view.", 5) == 0 && e->actor_id == sup)
		(*n)++;
	return 0;
}

static void
views_are_kept_replaced_dropped_and_audited(void **state)
{
	struct cs_err err = { 0 };
	struct views v = { 0 };
	int audited = 0;

	(void)state;
	assert_int_equal(store_view_save(st, sup, 2, "night", "is:overdue", T0, &err), CS_OK);
	assert_int_equal(store_view_save(st, sup, 2, "night shift", "since:-1d", T0, &err), CS_OK);
	assert_int_equal(store_view_list(st, sup, view_cb, &v, &err), CS_OK);
	assert_int_equal(v.n, 1);
	assert_string_equal(v.last, "2|night shift|since:-1d");
	assert_int_equal(store_view_save(st, sup, 10, "x", "y", T0, &err), CS_USAGE);
	assert_int_equal(store_view_save(st, sup, 3, "", "y", T0, &err), CS_DATAERR);
	assert_int_equal(store_view_save(st, sup, 2, NULL, NULL, T0, &err), CS_OK);
	v.n = 0;
	assert_int_equal(store_view_list(st, sup, view_cb, &v, &err), CS_OK);
	assert_int_equal(v.n, 0);
	assert_int_equal(store_audit_list(st, "saved_view", sup, 0, 0, audit_cb, &audited, &err),
	                 CS_OK);
	assert_int_equal(audited, 3);
}

static void
followup_figures(void **state)
{
	struct cs_err err = { 0 };
	struct followup_stats fs;
	int64_t a, b, c, fa, fb, fc;
	struct followup f;

	(void)state;
	a = add(false, T0, T0 + 3600);
	b = add(false, T0, T0 + 3600);
	c = add(false, T0, T0 + 3600);
	add(false, T0, 0);
	/* The follow-up ids follow the contacts'. */
	fa = 1; fb = 2; fc = 3;
	assert_int_equal(store_followup_get(st, fa, T0, &f, &err), CS_OK);
	assert_int_equal(f.contact_id, a);
	record_followup_clear(&f);
	assert_int_equal(store_followup_done(st, sup, fa, "on time", T0 + 60, &err), CS_OK);
	assert_int_equal(store_followup_done(st, sup, fb, "late", T0 + 7200, &err), CS_OK);
	assert_int_equal(store_followup_stats(st, NULL, NULL, NULL, 0, T0 + 7200, &fs, &err), CS_OK);
	assert_int_equal(fs.done_on_time, 1);
	assert_int_equal(fs.done, 2);
	assert_int_equal(fs.unfinished, 1);
	assert_int_equal(fs.overdue, 1);
	/* Before it was due, the open one is not overdue. */
	assert_int_equal(store_followup_stats(st, NULL, NULL, NULL, 0, T0, &fs, &err), CS_OK);
	assert_int_equal(fs.overdue, 0);
	/* A period with no contacts counts nothing. */
	assert_int_equal(store_followup_stats(st, "2030-01-01", NULL, NULL, 0, T0, &fs, &err), CS_OK);
	assert_int_equal(fs.done, 0);
	(void)b;
	(void)c;
	(void)fc;
}

static int
plain_count(void *ctx, const struct contact *c)
{
	(void)c;
	(*(int64_t *)ctx)++;
	return 0;
}

static int64_t
matching(const char *policy, const char *kind, const char *outcome)
{
	struct contact_filter f = { .policy_id = policy, .kind = kind, .outcome = outcome,
	                            .now = T0 };
	int64_t n = 0;

	assert_int_equal(store_contact_query(st, &f, NULL, 100, plain_count, &n, NULL, NULL),
	                 CS_OK);
	return n;
}

/* Filters the report counts say nothing has answer at once, and the
 * answers agree with the rows themselves. */
static void
counted_filters_agree_with_rows(void **state)
{
	(void)state;
	add(true, T0, 0);
	add(false, T0, 0);
	add(false, T0, 0);
	assert_int_equal(matching(NULL, "recipient", NULL), 3);
	assert_int_equal(matching("rochester", "recipient", "resolved"), 2);
	assert_int_equal(matching("rochester", "recipient", "complaint"), 1);
	assert_int_equal(matching("bsofr", "recipient", NULL), 0);
	assert_int_equal(matching(NULL, "nosuch", NULL), 0);
	assert_int_equal(matching(NULL, NULL, "nosuch"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(negative_calls_wait_for_a_debrief, setup, teardown),
		cmocka_unit_test_setup_teardown(an_amendment_carries_the_debrief_over, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(views_are_kept_replaced_dropped_and_audited, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(followup_figures, setup, teardown),
		cmocka_unit_test_setup_teardown(counted_filters_agree_with_rows, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
