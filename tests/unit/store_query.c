/* store_query.c - the log's filters and keyset paging against a model
 * kept in memory, and full-text search with hostile input. */
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

#define T0 INT64_C(1700000000)
#define N 2000
#define NOW (T0 + 600 * N / 2)

struct model {
	int64_t id;
	int member, policy, kind, channel, outcome, empowered;
	int64_t at;
	bool call, superseded, signed_off, overdue;
	int call_no;
};

static char dir[64];
static struct store *st;
static int64_t members[5];
static struct model rows[N + N / 50];
static size_t n_rows;

static const char *const policies[] = { "bsofr", "phoenix", "bes", "rochester" };
static const char *const kinds[] = { "recipient", "close", "internal" };
static const char *const channels[] = { "phone", "voicemail", "email", "in-person" };
static const char *const outcomes[] = { NULL, "resolved", "declined" };

static struct contact
contact_of(const struct model *m, int i, char *summary, size_t n)
{
	struct contact c = {
		.member_id = members[m->member], .at = m->at,
		.policy_id = policies[m->policy], .policy_version = "1",
		.kind = kinds[m->kind], .channel = channels[m->channel],
		.outcome = outcomes[m->outcome], .empowered = (enum record_tri)m->empowered,
	};
	char ref[32];

	snprintf(summary, n, "contact number%d routine visit", i);
	c.summary = summary;
	if (m->call) {
		snprintf(ref, sizeof ref, "CALL-%d", i / 10);
		c.call_ref = strdup(ref);
	}
	return c;
}

static void
make_rows(void)
{
	struct cs_err err;
	struct contact c;
	struct model *m;
	char summary[128];
	int64_t id, rid;
	int i;

	assert_int_equal(store_bulk_begin(st, &err), CS_OK);
	for (i = 0; i < N; i++) {
		m = &rows[n_rows++];
		*m = (struct model){ 0, i % 5, i % 4, (i / 3) % 3, (i / 7) % 4, (i / 2) % 3,
		                     i % 3, T0 + 600 * i - (i % 7) * 3000, i % 10 == 0,
		                     false, false, false, i / 10 };
		c = contact_of(m, i, summary, sizeof summary);
		if (i % 11 == 0) {
			c.followup_due = m->at + 3600;
			m->overdue = c.followup_due < NOW;
		}
		assert_int_equal(store_contact_insert(st, c.member_id, &c, T0, &id, &err), CS_OK);
		free((char *)(uintptr_t)c.call_ref);
		m->id = id;
		if (i % 3 == 0) {
			assert_int_equal(store_review_add(st, members[0], id, REVIEW_SIGN_OFF,
			                                  i == 9 ? "signed zanzibar" : NULL, T0, &rid,
			                                  &err), CS_OK);
			m->signed_off = true;
		}
	}
	assert_int_equal(store_bulk_commit(st, &err), CS_OK);
	/* Every 50th is amended (outside the bulk): the original is then
	 * superseded and its open follow-up moves to the new version. */
	for (i = 0; i < N; i += 50) {
		m = &rows[n_rows];
		*m = rows[i];
		c = contact_of(m, i, summary, sizeof summary);
		c.summary = "amended version";
		assert_int_equal(store_contact_amend(st, members[0], rows[i].id, &c, "fix", T0, &id,
		                                     &err), CS_OK);
		free((char *)(uintptr_t)c.call_ref);
		m->id = id;
		m->signed_off = false;
		rows[i].superseded = true;
		rows[i].overdue = false;
		n_rows++;
	}
}

static int
group_setup(void **state)
{
	struct cs_err err;
	char path[128], badge[16];
	struct member mb = { .role = ROLE_MEMBER };
	int i;

	(void)state;
	assert_non_null(tmpdir_make(dir, path, "query"));
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	for (i = 0; i < 5; i++) {
		snprintf(badge, sizeof badge, "M%d", i);
		mb.badge = mb.name = badge;
		assert_int_equal(store_member_add(st, 0, &mb, NULL, T0, &members[i], &err), CS_OK);
	}
	make_rows();
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

static bool
matches(const struct model *m, const struct contact_filter *f)
{
	if (m->superseded && !f->include_superseded)
		return false;
	if ((f->since && m->at < f->since) || (f->until && m->at > f->until))
		return false;
	if (f->member_id && members[m->member] != f->member_id)
		return false;
	if (f->policy_id && strcmp(policies[m->policy], f->policy_id) != 0)
		return false;
	if (f->kind && strcmp(kinds[m->kind], f->kind) != 0)
		return false;
	if (f->channel && strcmp(channels[m->channel], f->channel) != 0)
		return false;
	if (f->outcome && (outcomes[m->outcome] == NULL ||
	                   strcmp(outcomes[m->outcome], f->outcome) != 0))
		return false;
	if (f->call_ref && (!m->call || m->call_no != atoi(f->call_ref + 5)))
		return false;
	if (f->not_empowered && m->empowered != TRI_NO)
		return false;
	if (f->unreviewed && m->signed_off)
		return false;
	return !f->overdue || m->overdue;
}

static int
cmp_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y) - (x > y);
}

struct got {
	int64_t ids[N + N / 50];
	size_t n;
};

static int
take(void *ctx, const struct contact *c)
{
	struct got *g = ctx;

	assert_true(g->n < N + N / 50);
	g->ids[g->n++] = c->id;
	return 0;
}

/* Page through with a small page size; compare with the model. */
static void
check_filter(struct contact_filter f, size_t expect_min)
{
	static int64_t want[N + N / 50];
	static struct got got;
	struct store_cursor cur = { 0, false }, next;
	struct cs_err err;
	size_t n = 0, i, pages = 0;

	f.now = NOW;
	for (i = 0; i < n_rows; i++)
		if (matches(&rows[i], &f))
			want[n++] = rows[i].id;
	qsort(want, n, sizeof *want, cmp_desc);
	assert_true(n >= expect_min);
	got.n = 0;
	do {
		assert_int_equal(store_contact_query(st, &f, &cur, 37, take, &got, &next, &err),
		                 CS_OK);
		cur = next;
		pages++;
	} while (next.more && pages < 1000);
	assert_int_equal(got.n, n);
	for (i = 0; i < n; i++)
		assert_int_equal(got.ids[i], f.oldest_first ? want[n - 1 - i] : want[i]);
}

static void
every_row_once(void **state)
{
	struct contact_filter f = { 0 };

	(void)state;
	check_filter(f, N);
	f.oldest_first = true;
	check_filter(f, N);
	f.include_superseded = true;
	check_filter(f, N + N / 50);
}

static void
each_filter(void **state)
{
	struct contact_filter f;

	(void)state;
	f = (struct contact_filter){ .member_id = members[2] };
	check_filter(f, 300);
	f = (struct contact_filter){ .policy_id = "bes" };
	check_filter(f, 300);
	f = (struct contact_filter){ .kind = "close" };
	check_filter(f, 300);
	f = (struct contact_filter){ .channel = "email" };
	check_filter(f, 300);
	f = (struct contact_filter){ .outcome = "declined" };
	check_filter(f, 300);
	f = (struct contact_filter){ .call_ref = "CALL-7" };
	check_filter(f, 1);
	f = (struct contact_filter){ .not_empowered = true };
	check_filter(f, 300);
	f = (struct contact_filter){ .unreviewed = true };
	check_filter(f, 300);
	f = (struct contact_filter){ .overdue = true };
	check_filter(f, 50);
	f = (struct contact_filter){ .since = T0 + 600 * 1500 };
	check_filter(f, 300);
	f = (struct contact_filter){ .since = T0 + 600 * 100, .until = T0 + 600 * 130 };
	check_filter(f, 20);
	f = (struct contact_filter){ .until = T0 + 600 * 1000 };
	check_filter(f, 900);
	f = (struct contact_filter){ .member_id = members[1], .kind = "internal",
	                             .unreviewed = true, .include_superseded = true };
	check_filter(f, 10);
	f = (struct contact_filter){ .not_empowered = true, .channel = "phone",
	                             .since = T0 + 600 * 500, .oldest_first = true };
	check_filter(f, 10);
	f = (struct contact_filter){ .overdue = true, .member_id = members[0] };
	check_filter(f, 1);
	f = (struct contact_filter){ .kind = "nothing-like-this" };
	check_filter(f, 0);
}

static int
first(void *ctx, const struct contact *c)
{
	*(int64_t *)ctx = c->id;
	return 1;
}

static size_t
search(const char *text, bool prefix, int64_t *id)
{
	struct contact_filter f = { .search = text, .search_prefix = prefix, .now = NOW };
	struct got g = { .n = 0 };
	struct store_cursor next;
	struct cs_err err;

	assert_int_equal(store_contact_query(st, &f, NULL, 100, take, &g, &next, &err), CS_OK);
	if (id != NULL)
		*id = g.n > 0 ? g.ids[0] : 0;
	return g.n;
}

static void
search_is_safe(void **state)
{
	const char *const hostile[] = {
		"\"hello\"", "(loudly)", "AND", "NEAR", "col:x", "*star*", "-minus", "he\"",
		"'quoted'", "hello AND", "door: hello", "^hello", "hello)", "left; -minus", "+",
	};
	struct contact c = { .member_id = members[3], .at = T0, .policy_id = "bsofr",
	                     .policy_version = "1", .kind = "recipient", .channel = "phone",
	                     .summary = "He said \"hello\" (loudly) AND left; NEAR the door: "
	                                "col:x *star* -minus 'quoted' ^hello Ünïcödé caf\xc3\xa9" };
	struct cs_err err;
	int64_t id, found;
	size_t i;

	(void)state;
	assert_int_equal(store_contact_insert(st, members[3], &c, T0, &id, &err), CS_OK);
	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		if (strcmp(hostile[i], "+") == 0) {
			assert_int_equal(search(hostile[i], false, NULL), 0);
			continue;
		}
		if (search(hostile[i], false, &found) != 1)
			fail_msg("search for %s", hostile[i]);
		assert_int_equal(found, id);
	}
	assert_int_equal(search("\"", false, NULL), 0);
	assert_int_equal(search("OR hello", false, NULL), 0); /* "or" is a word here */
	assert_int_equal(search("NOT hello", false, NULL), 0);
	assert_int_equal(search("unicode cafe", false, &found), 1);
	assert_int_equal(search("hel", false, NULL), 0);
	assert_int_equal(search("hel", true, &found), 1);
	assert_int_equal(found, id);
	assert_int_equal(search("   ", false, NULL), 100); /* no words: no search */
	assert_int_equal(search("number1999", false, &found), 1);
	assert_int_equal(found, rows[1999].id);
	assert_int_equal(search("amended version", false, NULL), N / 50);
}

static void
search_sees_notes(void **state)
{
	struct contact_filter f = { .search = "zanzibar", .now = NOW };
	struct cs_err err;
	int64_t id = 0, rid, fid;

	(void)state;
	/* A sign-off note written inside the bulk. */
	assert_int_equal(search("zanzibar", false, &id), 1);
	assert_int_equal(id, rows[9].id);
	assert_int_equal(store_review_add(st, members[1], rows[5].id, REVIEW_DEBRIEF,
	                                  "debriefed about the xylophone", T0, &rid, &err), CS_OK);
	assert_int_equal(search("xylophone", false, &id), 1);
	assert_int_equal(id, rows[5].id);
	assert_int_equal(store_followup_add(st, members[1], rows[6].id, T0 + 99,
	                                    "bring the quokka", T0, &fid, &err), CS_OK);
	assert_int_equal(search("quokka", false, &id), 1);
	assert_int_equal(store_followup_done(st, members[1], fid, "quokka delivered with wombat",
	                                     T0 + 50, &err), CS_OK);
	assert_int_equal(search("wombat quokka", false, &id), 1);
	assert_int_equal(id, rows[6].id);
	assert_int_equal(search("number6", false, &id), 1);
	f.member_id = members[0];
	id = 0;
	assert_int_equal(store_contact_query(st, &f, NULL, 10, first, &id, NULL, &err), CS_OK);
	assert_int_equal(id, 0);  /* rows[9] belongs to members[4] */
	f.member_id = members[4];
	assert_int_equal(store_contact_query(st, &f, NULL, 10, first, &id, NULL, &err), CS_OK);
	assert_int_equal(id, rows[9].id);
}

static int
count_review(void *ctx, const struct review *r)
{
	(void)r;
	++*(int *)ctx;
	return 0;
}

/* An export reads each contact's reviews and member from its callback. */
static int
nested(void *ctx, const struct contact *c)
{
	struct member m;
	struct cs_err err;
	int *n = ctx, reviews = 0;

	assert_int_equal(store_review_list(st, c->id, count_review, &reviews, &err), CS_OK);
	assert_int_equal(reviews, c->n_reviews);
	assert_int_equal(store_member_get(st, c->member_id, &m, &err), CS_OK);
	assert_string_equal(m.badge, c->member_badge);
	record_member_clear(&m);
	(*n)++;
	return 0;
}

static void
callbacks_may_read(void **state)
{
	struct contact_filter f = { .oldest_first = true, .include_protected = true };
	struct store_cursor cur = { 0, false };
	struct cs_err err;
	int n = 0;

	(void)state;
	do
		assert_int_equal(store_contact_query(st, &f, &cur, 500, nested, &n, &cur, &err),
		                 CS_OK);
	while (cur.more);
	assert_true(n >= N);
}

static void
bad_page_size(void **state)
{
	struct contact_filter f = { 0 };
	struct got g = { .n = 0 };
	struct cs_err err;

	(void)state;
	assert_int_equal(store_contact_query(st, &f, NULL, 0, take, &g, NULL, &err), CS_USAGE);
	assert_int_equal(store_contact_query(st, &f, NULL, 10001, take, &g, NULL, &err),
	                 CS_USAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_row_once),
		cmocka_unit_test(each_filter),
		cmocka_unit_test(search_is_safe),
		cmocka_unit_test(search_sees_notes),
		cmocka_unit_test(callbacks_may_read),
		cmocka_unit_test(bad_page_size),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
