/* store_report.c - reports from the aggregates equal the same counts
 * made by scanning the contacts, for every dimension, over random data,
 * random day ranges and policies, with amendments in and out of bulks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tmpdir.h"

#include <ftw.h>
#include <sys/stat.h>

#include "cslog/store.h"

#define T0 INT64_C(1577836800)  /* 2020-01-01 00:00:00 UTC */
#define SPAN (INT64_C(3) * 366 * 86400)

static char dir[64];
static struct store *st;
static int64_t members[7];
static uint64_t seed = 42;

static const char *const policies[] = { "bsofr", "phoenix", "bes", "rochester" };
static const char *const kinds[] = { "recipient", "close", "workday", "internal" };
static const char *const channels[] = { "phone", "voicemail", "email", "in-person" };
static const char *const outcomes[] = { "resolved", "referred", "declined", "" };
static const char *const questions[] = { "customer", "department", "legal", "safe",
                                         "level", "accountable", "values" };

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)(seed >> 33) % n;
}

static struct contact
random_contact(void)
{
	struct contact c = {
		.member_id = members[rnd(7)], .at = T0 + (int64_t)rnd((unsigned)SPAN),
		.policy_id = policies[rnd(4)], .policy_version = "1", .kind = kinds[rnd(4)],
		.channel = channels[rnd(4)], .outcome = outcomes[rnd(4)], .summary = "s",
		.needs_met = (enum record_tri)rnd(3),
		.negative = rnd(5) == 0,
	};
	size_t i;

	if (rnd(3) == 0) {
		c.added_value = "extra";
		c.n_answers = 7;
		c.empowered = TRI_YES;
		for (i = 0; i < 7; i++) {
			c.answers[i].question = questions[i];
			c.answers[i].answer = rnd(6) == 0 ? ANSWER_NO : ANSWER_YES;
			if (c.answers[i].answer == ANSWER_NO)
				c.empowered = TRI_NO;
		}
	}
	return c;
}

/* A follow-up due a day later, now and then with a limit days after
 * that: left open, done in an hour (on time) or after three days
 * (late), paused, or paused and resumed (its limit moves). */
static void
add_followup(int64_t contact_id, int64_t member_id, int64_t at)
{
	struct cs_err err;
	int64_t fid, limit = rnd(2) ? 0 : at + 86400 * (int64_t)(1 + rnd(4));
	unsigned how = rnd(5);

	assert_int_equal(store_followup_add_clock(st, member_id, contact_id, at + 86400, limit,
	                                          NULL, mono(at), &fid, &err), CS_OK);
	if (how == 1 || how == 2)
		assert_int_equal(store_followup_done(st, member_id, fid, NULL,
		                                     mono(at + (how == 1 ? 3600 : 3 * 86400)), &err),
		                 CS_OK);
	if (how >= 3)
		assert_int_equal(store_followup_pause(st, member_id, fid, "away",
		                                      mono(at + 3600), &err), CS_OK);
	if (how == 4)
		assert_int_equal(store_followup_resume(st, member_id, fid,
		                                       mono(at + 86400 * (int64_t)(1 + rnd(3))), &err),
		                 CS_OK);
	if (how == 4 && rnd(3) == 0)
		assert_int_equal(store_followup_done(st, member_id, fid, NULL,
		                                     mono(at + 5 * 86400), &err), CS_OK);
}

static void
add_contacts(int n, bool amend_some)
{
	struct contact c;
	struct cs_err err;
	int64_t id, max, rid;
	int i;

	for (i = 0; i < n; i++) {
		c = random_contact();
		assert_int_equal(store_contact_insert(st, c.member_id, &c, mono(c.at), &id, &err), CS_OK);
		if (rnd(4) == 0)
			add_followup(id, c.member_id, c.at);
		if (c.negative && rnd(2) == 0)
			assert_int_equal(store_review_add(st, members[0], id, REVIEW_DEBRIEF, "talked",
			                                  mono(c.at + 3600), &rid, &err), CS_OK);
		if (amend_some && rnd(10) == 0) {
			assert_int_equal(store_contact_max_id(st, &max, &err), CS_OK);
			c = random_contact();
			/* Amend a random contact that has not been amended yet. */
			if (store_contact_amend(st, c.member_id, 1 + (int64_t)rnd((unsigned)max), &c,
			                        "fix", mono(c.at), &id, &err) != CS_OK)
				assert_int_equal(err.code, CS_DATAERR);
		}
	}
}

static int
group_setup(void **state)
{
	struct member m = { .role = ROLE_MEMBER };
	struct cs_err err;
	char path[128], badge[16];
	int i;

	(void)state;
	assert_non_null(tmpdir_make(dir, path, "report"));
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	for (i = 0; i < 7; i++) {
		snprintf(badge, sizeof badge, "M%d", i);
		m.badge = m.name = badge;
		assert_int_equal(store_member_add(st, 0, &m, NULL, T0, &members[i], &err), CS_OK);
	}
	assert_int_equal(store_bulk_begin(st, &err), CS_OK);
	add_contacts(3000, true);
	assert_int_equal(store_bulk_commit(st, &err), CS_OK);
	add_contacts(300, true);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	store_close(st);
	tmpdir_remove(dir);
	return 0;
}

struct text {
	char *s;
	size_t len, cap;
	int64_t total;
};

static int
collect(void *ctx, const char *value, int64_t n)
{
	struct text *t = ctx;
	size_t need = strlen(value) + 32;

	if (t->len + need >= t->cap) {
		t->cap = (t->cap + need) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	t->len += (size_t)sprintf(t->s + t->len, "%s=%lld\n", value, (long long)n);
	t->total += n;
	return 0;
}

static int64_t
same_report(enum store_dim dim, const char *since, const char *until, const char *policy)
{
	struct text a = { 0 }, b = { 0 };
	struct cs_err err;
	int64_t total;

	assert_int_equal(store_report(st, dim, since, until, policy, collect, &a, &err), CS_OK);
	assert_int_equal(store_report_fullscan(st, dim, since, until, policy, 0, collect, &b, &err),
	                 CS_OK);
	if (a.len != b.len || (a.len > 0 && memcmp(a.s, b.s, a.len) != 0))
		fail_msg("%s %s..%s %s:\n%.*s--- full scan:\n%.*s", store_dim_name(dim),
		         since ? since : "", until ? until : "", policy ? policy : "",
		         (int)a.len, a.s ? a.s : "", (int)b.len, b.s ? b.s : "");
	total = a.total;
	free(a.s);
	free(b.s);
	return total;
}

static void
random_day(char out[11])
{
	int y = 2019 + (int)rnd(5), m = 1 + (int)rnd(12), d = 1 + (int)rnd(28);

	if (rnd(4) == 0)
		d = m == 2 ? (y % 4 == 0 ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
	else if (rnd(4) == 0)
		d = 1;
	/* unsigned and bounded, so the compiler sees it fits in 11 bytes */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	         (unsigned)d % 100u);
}

static void
every_dim_equals_full_scan(void **state)
{
	int d;

	(void)state;
	for (d = 0; d < DIM_COUNT; d++) {
		same_report(d, NULL, NULL, NULL);
		same_report(d, NULL, NULL, "bes");
		same_report(d, "2020-01-01", "2022-12-31", NULL);
		same_report(d, "2020-02-29", "2020-02-29", NULL);
		same_report(d, "2020-03-01", "2020-03-31", "phoenix");
		same_report(d, "2020-12-31", "2021-01-01", NULL);
		same_report(d, "2020-06-15", "2022-07-14", NULL);
		same_report(d, "2021-01-01", NULL, NULL);
		same_report(d, NULL, "2021-11-30", "bsofr");
	}
}

static void
random_ranges(void **state)
{
	char a[11], b[11];
	int i;

	(void)state;
	for (i = 0; i < 300; i++) {
		random_day(a);
		random_day(b);
		same_report((enum store_dim)rnd(DIM_COUNT), strcmp(a, b) < 0 ? a : b,
		            strcmp(a, b) < 0 ? b : a, rnd(3) == 0 ? policies[rnd(4)] : NULL);
	}
}

static int
count_one(void *ctx, const struct contact *c)
{
	(void)c;
	++*(int64_t *)ctx;
	return 0;
}

static void
totals_match_the_log(void **state)
{
	struct contact_filter f = { 0 };
	struct store_cursor cur = { 0, false };
	struct cs_err err;
	int64_t n = 0;

	(void)state;
	do
		assert_int_equal(store_contact_query(st, &f, &cur, 1000, count_one, &n, &cur, &err),
		                 CS_OK);
	while (cur.more);
	assert_int_equal(same_report(DIM_DAY, NULL, NULL, NULL), n);
	assert_int_equal(same_report(DIM_KIND, NULL, NULL, NULL), n);
	assert_true(n > 3000);
}

/* "Overdue now" from the aggregate of limits by day (and today's
 * counted live) equals the live count of every member's own, added up,
 * at any time of day, over ranges and policies. */
static void
overdue_from_the_aggregate(void **state)
{
	struct followup_stats all, one;
	struct cs_err err;
	char a[11], b[11];
	const char *since, *until, *policy;
	int64_t now, sum;
	int i, m;

	(void)state;
	for (i = 0; i < 200; i++) {
		now = T0 + (int64_t)rnd((unsigned)(SPAN / 60 + 30 * 1440)) * 60;
		random_day(a);
		random_day(b);
		since = rnd(3) == 0 ? NULL : strcmp(a, b) < 0 ? a : b;
		until = rnd(3) == 0 ? NULL : strcmp(a, b) < 0 ? b : a;
		policy = rnd(3) == 0 ? policies[rnd(4)] : NULL;
		assert_int_equal(store_followup_stats(st, since, until, policy, 0, now, &all, &err),
		                 CS_OK);
		for (sum = 0, m = 0; m < 7; m++) {
			assert_int_equal(store_followup_stats(st, since, until, policy, members[m], now,
			                                      &one, &err), CS_OK);
			sum += one.overdue;
		}
		assert_int_equal(all.overdue, sum);
		if (since == NULL && until == NULL && policy == NULL && now > T0 + SPAN / 2)
			assert_true(sum > 0);
	}
}

/* verify recounts every dimension from the contacts, each source table
 * read once in id order (verify_agg.c), and finds them equal to the
 * counts kept as they were written: over contacts with and without
 * answers, follow-ups and debriefs, amended ones among them (whose rows
 * the scans pass over). */
static void
verify_recounts_the_same(void **state)
{
	struct store_verify_result res;
	struct cs_err err;

	(void)state;
	assert_int_equal(store_verify(st, NULL, NULL, &res, &err), CS_OK);
}

static void
bad_input(void **state)
{
	struct text a = { 0 };
	struct cs_err err;

	(void)state;
	assert_int_equal(store_report(st, DIM_KIND, "2021-02-30", NULL, NULL, collect, &a, &err),
	                 CS_DATAERR);
	assert_int_equal(store_report(st, DIM_KIND, "yesterday", NULL, NULL, collect, &a, &err),
	                 CS_DATAERR);
	assert_int_equal(store_report(st, DIM_COUNT, NULL, NULL, NULL, collect, &a, &err),
	                 CS_USAGE);
	assert_int_equal(store_report(st, DIM_KIND, "2022-01-01", "2021-01-01", NULL, collect, &a,
	                              &err), CS_OK);
	assert_int_equal(a.len, 0);
	assert_int_equal(store_dim_parse("question_failed"), DIM_QUESTION_FAILED);
	assert_int_equal(store_dim_parse("nope"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_dim_equals_full_scan),
		cmocka_unit_test(random_ranges),
		cmocka_unit_test(totals_match_the_log),
		cmocka_unit_test(overdue_from_the_aggregate),
		cmocka_unit_test(verify_recounts_the_same),
		cmocka_unit_test(bad_input),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
