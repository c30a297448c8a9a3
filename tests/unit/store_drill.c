/* store_drill.c - drill attempts in a real SQLite file: kept with every
 * answer, read back by member, policy, session and time, audited,
 * refused when they do not add up, never changed afterwards; and the
 * trainer's paused drill kept as a draft. */
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

static int64_t trainer, ann, bob;

static int
setup(void **state)
{
	struct member t = { .badge = "T1", .name = "Tia", .role = ROLE_TRAINER };
	struct member a = { .badge = "A1", .name = "Ann" }, b = { .badge = "B2", .name = "Bob" };
	struct cs_err err;

	(void)state;
	assert_non_null(tmpdir_make(dir, path, "drill"));
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	assert_int_equal(store_member_add(st, 0, &t, "1234", T0, &trainer, &err), CS_OK);
	assert_int_equal(store_member_add(st, trainer, &a, NULL, T0, &ann, &err), CS_OK);
	assert_int_equal(store_member_add(st, trainer, &b, NULL, T0, &bob, &err), CS_OK);
	return 0;
}

/* A scenario attempt: three questions, "safe" answered no where yes was
 * expected. */
static struct drill_attempt
scenario_attempt(int64_t member, const char *policy, const char *item, int64_t at,
                 const char *session)
{
	static const char *const qs[] = { "customer", "legal", "safe" };
	struct drill_attempt d = { .member_id = member, .trainer_id = trainer,
	                           .policy_id = policy, .policy_version = "2",
	                           .kind = DRILL_SCENARIO, .item_id = item, .at = at,
	                           .session_id = session, .n_answers = 3, .correct = 2,
	                           .total = 3 };
	size_t i;

	for (i = 0; i < 3; i++) {
		d.answers[i].question = qs[i];
		d.answers[i].given = ANSWER_YES;
		d.answers[i].expected = ANSWER_YES;
	}
	d.answers[2].given = ANSWER_NO;
	return d;
}

static int64_t
add(const struct drill_attempt *d)
{
	struct cs_err err;
	int64_t id = -1;

	assert_int_equal(store_drill_add(st, trainer, d, mono(d->at + 1), &id, &err), CS_OK);
	assert_true(id > 0);
	return id;
}

/* Collects what a query returns. */
struct seen {
	size_t n;
	int64_t ids[16];
	char items[16][32];
	struct drill_attempt first;
	size_t stop_after;   /* 0: never stop */
};

static int
collect(void *ctx, const struct drill_attempt *d)
{
	struct seen *s = ctx;

	if (s->n == 0)
		assert_int_equal(record_drill_copy(&s->first, d), 0);
	if (s->n < 16) {
		s->ids[s->n] = d->id;
		snprintf(s->items[s->n], sizeof s->items[0], "%s", d->item_id);
	}
	s->n++;
	return s->stop_after != 0 && s->n >= s->stop_after;
}

static struct seen
query(struct drill_filter f)
{
	struct seen s;
	struct cs_err err;

	memset(&s, 0, sizeof s);
	assert_int_equal(store_drill_query(st, &f, collect, &s, &err), CS_OK);
	return s;
}

static int64_t
count_sql(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t n = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

static void
kept_with_every_answer(void **state)
{
	struct drill_attempt d = scenario_attempt(ann, "bsofr", "pet-left-behind", T0 + 10, "s1");
	struct drill_attempt q = { .member_id = bob, .trainer_id = trainer, .policy_id = "bsofr",
	                           .policy_version = "2", .kind = DRILL_QUIZ,
	                           .item_id = "what-is-a-customer", .at = T0 + 20,
	                           .session_id = "s1", .quiz_answer = "any person", .correct = 1,
	                           .total = 1 };
	struct seen s;
	int64_t id;

	(void)state;
	id = add(&d);
	add(&q);
	s = query((struct drill_filter){ 0 });
	assert_int_equal(s.n, 2);
	assert_int_equal(s.ids[0], id);
	assert_int_equal(s.first.member_id, ann);
	assert_int_equal(s.first.trainer_id, trainer);
	assert_string_equal(s.first.policy_id, "bsofr");
	assert_string_equal(s.first.policy_version, "2");
	assert_int_equal(s.first.kind, DRILL_SCENARIO);
	assert_string_equal(s.first.session_id, "s1");
	assert_int_equal(s.first.at, T0 + 10);
	assert_int_equal(s.first.correct, 2);
	assert_int_equal(s.first.total, 3);
	assert_int_equal(s.first.n_answers, 3);
	assert_string_equal(s.first.answers[2].question, "safe");
	assert_int_equal(s.first.answers[2].given, ANSWER_NO);
	assert_int_equal(s.first.answers[2].expected, ANSWER_YES);
	assert_null(s.first.quiz_answer);
	record_drill_clear(&s.first);
	s = query((struct drill_filter){ .member_id = bob });
	assert_int_equal(s.n, 1);
	assert_int_equal(s.first.kind, DRILL_QUIZ);
	assert_string_equal(s.first.quiz_answer, "any person");
	assert_int_equal(s.first.n_answers, 0);
	record_drill_clear(&s.first);
	assert_int_equal(count_sql("SELECT count(*) FROM drill_answer"), 3);
}

static void
filtered_and_in_order(void **state)
{
	struct drill_attempt d;
	struct seen s;

	(void)state;
	/* Added out of time order: read back oldest first. */
	d = scenario_attempt(ann, "bsofr", "late", T0 + 300, "s2");
	add(&d);
	d = scenario_attempt(ann, "bsofr", "early", T0 + 100, "s1");
	add(&d);
	d = scenario_attempt(bob, "phoenix", "middle", T0 + 200, NULL);
	add(&d);
	s = query((struct drill_filter){ 0 });
	assert_int_equal(s.n, 3);
	assert_string_equal(s.items[0], "early");
	assert_string_equal(s.items[1], "middle");
	assert_string_equal(s.items[2], "late");
	record_drill_clear(&s.first);
	s = query((struct drill_filter){ .member_id = ann });
	assert_int_equal(s.n, 2);
	record_drill_clear(&s.first);
	s = query((struct drill_filter){ .policy_id = "phoenix" });
	assert_int_equal(s.n, 1);
	assert_null(s.first.session_id);   /* no session kept as none */
	record_drill_clear(&s.first);
	s = query((struct drill_filter){ .session_id = "s2" });
	assert_int_equal(s.n, 1);
	assert_string_equal(s.items[0], "late");
	record_drill_clear(&s.first);
	s = query((struct drill_filter){ .since = T0 + 150, .until = T0 + 250 });
	assert_int_equal(s.n, 1);
	assert_string_equal(s.items[0], "middle");
	record_drill_clear(&s.first);
	s = query((struct drill_filter){ .since = T0 + 200 });   /* inclusive */
	assert_int_equal(s.n, 2);
	record_drill_clear(&s.first);
	s = query((struct drill_filter){ .policy_id = "bes" });
	assert_int_equal(s.n, 0);
	/* A callback that says stop stops the query. */
	memset(&s, 0, sizeof s);
	s.stop_after = 1;
	assert_int_equal(store_drill_query(st, &(struct drill_filter){ 0 }, collect, &s, NULL),
	                 CS_OK);
	assert_int_equal(s.n, 1);
	record_drill_clear(&s.first);
}

struct audit_seen {
	size_t n;
	int64_t actor, entity_id;
	char detail[256];
};

static int
audit_one(void *ctx, const struct audit_event *e)
{
	struct audit_seen *a = ctx;

	if (strcmp(e->action, "drill.add") != 0)
		return 0;
	if (a->n++ == 0) {
		a->actor = e->actor_id;
		a->entity_id = e->entity_id;
		snprintf(a->detail, sizeof a->detail, "%s", e->detail);
	}
	return 0;
}

static void
audited(void **state)
{
	struct drill_attempt d = scenario_attempt(ann, "bsofr", "pet-left-behind", T0, "s1");
	struct audit_seen a = { 0 };
	struct cs_err err;
	int64_t id;

	(void)state;
	id = add(&d);
	assert_int_equal(store_audit_list(st, "drill", id, 0, 0, audit_one, &a, &err), CS_OK);
	assert_int_equal(a.n, 1);
	assert_int_equal(a.actor, trainer);
	assert_int_equal(a.entity_id, id);
	assert_non_null(strstr(a.detail, "pet-left-behind"));
	assert_non_null(strstr(a.detail, "\"correct\":2"));
}

static void
refused_when_it_does_not_add_up(void **state)
{
	struct drill_attempt d;
	struct cs_err err;
	int64_t id = 99;

	(void)state;
	d = scenario_attempt(4242, "bsofr", "x", T0, NULL);
	assert_int_equal(store_drill_add(st, trainer, &d, T0, &id, &err), CS_NOUSER);
	assert_int_equal(id, 0);
	d = scenario_attempt(ann, "bsofr", "x", T0, NULL);
	d.correct = 4;
	assert_int_equal(store_drill_add(st, trainer, &d, T0, &id, &err), CS_DATAERR);
	d = scenario_attempt(ann, "bsofr", "x", T0, NULL);
	d.correct = -1;
	assert_int_equal(store_drill_add(st, trainer, &d, T0, &id, &err), CS_DATAERR);
	d = scenario_attempt(ann, NULL, "x", T0, NULL);
	assert_int_not_equal(store_drill_add(st, trainer, &d, T0, &id, &err), CS_OK);
	d = scenario_attempt(ann, "bsofr", "", T0, NULL);
	assert_int_not_equal(store_drill_add(st, trainer, &d, T0, &id, &err), CS_OK);
	d = scenario_attempt(ann, "bsofr", "x", T0, NULL);
	d.kind = (enum drill_kind)7;
	assert_int_equal(store_drill_add(st, trainer, &d, T0, &id, &err), CS_DATAERR);
	d = scenario_attempt(ann, "bsofr", "x", T0, NULL);
	d.answers[1].question = NULL;
	assert_int_not_equal(store_drill_add(st, trainer, &d, T0, &id, &err), CS_OK);
	/* Nothing half written: no attempt, no answer, no audit event. */
	assert_int_equal(count_sql("SELECT count(*) FROM drill"), 0);
	assert_int_equal(count_sql("SELECT count(*) FROM drill_answer"), 0);
	assert_int_equal(count_sql("SELECT count(*) FROM audit WHERE action = 'drill.add'"), 0);
}

static void
never_changed(void **state)
{
	struct drill_attempt d = scenario_attempt(ann, "bsofr", "pet-left-behind", T0, "s1");
	sqlite3 *db;

	(void)state;
	add(&d);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE drill SET correct = 3", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM drill", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE drill_answer SET given = 'yes'", NULL, NULL,
	                                  NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM drill_answer", NULL, NULL, NULL),
	                     SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(count_sql("SELECT correct FROM drill"), 2);
	assert_int_equal(count_sql("SELECT count(*) FROM drill_answer WHERE given = 'no'"), 1);
}

/* The paused drill: the trainer's draft in slot "drill", apart from a
 * contact draft, replaced when paused again, gone when dropped. */
static void
paused_drill_kept_as_a_draft(void **state)
{
	struct cs_err err;
	char *body = NULL;
	int64_t at = 0;

	(void)state;
	assert_int_equal(store_draft_save(st, trainer, "drill", "{\"pos\":1}", T0, &err), CS_OK);
	assert_int_equal(store_draft_save(st, trainer, "contact", "{}", T0, &err), CS_OK);
	assert_int_equal(store_draft_save(st, trainer, "drill", "{\"pos\":2}", T0 + 5, &err),
	                 CS_OK);
	assert_int_equal(store_draft_load(st, trainer, "drill", &body, &at, &err), CS_OK);
	assert_string_equal(body, "{\"pos\":2}");
	assert_int_equal(at, T0 + 5);
	free(body);
	body = NULL;
	assert_int_equal(store_draft_load(st, ann, "drill", &body, NULL, &err), CS_NOINPUT);
	assert_int_equal(store_draft_delete(st, trainer, "drill", &err), CS_OK);
	assert_int_equal(store_draft_load(st, trainer, "drill", &body, NULL, &err), CS_NOINPUT);
	assert_int_equal(store_draft_load(st, trainer, "contact", &body, NULL, &err), CS_OK);
	free(body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(kept_with_every_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(filtered_and_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(audited, setup, teardown),
		cmocka_unit_test_setup_teardown(refused_when_it_does_not_add_up, setup, teardown),
		cmocka_unit_test_setup_teardown(never_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(paused_drill_kept_as_a_draft, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
