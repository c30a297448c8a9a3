/* store_contact.c - contacts, amendments, follow-ups, reviews, drills,
 * drafts; and the database refusing changes to facts. */
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

static int
setup(void **state)
{
	struct member a = { .badge = "A1", .name = "Ann", .role = ROLE_MEMBER };
	struct member b = { .badge = "B2", .name = "Bob", .role = ROLE_SUPERVISOR };
	struct cs_err err;

	(void)state;
	assert_non_null(tmpdir_make(dir, path, "contact"));
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	assert_int_equal(store_member_add(st, 0, &a, NULL, T0, &ann, &err), CS_OK);
	assert_int_equal(store_member_add(st, 0, &b, NULL, T0, &bob, &err), CS_OK);
	return 0;
}

static const char *const stds[] = { "ask-needs", "appeal" };

static struct contact
sample(void)
{
	struct contact c = {
		.member_id = ann, .at = T0, .policy_id = "bsofr", .policy_version = "2019",
		.kind = "recipient", .channel = "phone", .outcome = "resolved",
		.summary = "Helped with a \"smoke\" alarm\x1f; ESC \x1b[31m stays text",
		.needs_met = TRI_YES, .added_value = "fitted a new battery",
		.empowered = TRI_NO, .n_answers = 2, .standards = stds, .n_standards = 2,
		.referral_to = "housing", .referee_contacted = TRI_YES,
		.decision = "permit refused", .appeal_info = "appeal within 30 days",
		.call_ref = "CALL-7", .customer_name = "Jane Doe",
		.customer_phone = "555-0100", .customer_email = "jane@example.org",
	};

	c.answers[0].question = "customer";
	c.answers[0].answer = ANSWER_YES;
	c.answers[1].question = "safe";
	c.answers[1].answer = ANSWER_NO;
	return c;
}

static int64_t
insert(const struct contact *c, int64_t now)
{
	struct cs_err err;
	int64_t id = 0;

	assert_int_equal(store_contact_insert(st, c->member_id, c, now, &id, &err), CS_OK);
	assert_true(id > 0);
	return id;
}

static void
round_trip(void **state)
{
	struct contact c = sample(), out;
	struct cs_err err;
	int64_t id;

	(void)state;
	id = insert(&c, T0 + 60);
	assert_int_equal(store_contact_get(st, id, STORE_PROTECTED, T0, &out, &err), CS_OK);
	assert_int_equal(out.id, id);
	assert_int_equal(out.member_id, ann);
	assert_int_equal(out.at, T0);
	assert_int_equal(out.logged_at, T0 + 60);
	assert_int_equal(out.logged_by, ann);
	assert_string_equal(out.policy_id, "bsofr");
	assert_string_equal(out.policy_version, "2019");
	assert_string_equal(out.kind, "recipient");
	assert_string_equal(out.channel, "phone");
	assert_string_equal(out.outcome, "resolved");
	assert_string_equal(out.summary, c.summary);
	assert_int_equal(out.needs_met, TRI_YES);
	assert_string_equal(out.added_value, "fitted a new battery");
	assert_int_equal(out.empowered, TRI_NO);
	assert_int_equal(out.n_answers, 2);
	assert_string_equal(out.answers[1].question, "safe");
	assert_int_equal(out.answers[1].answer, ANSWER_NO);
	assert_int_equal(out.n_standards, 2);
	assert_string_equal(out.standards[0], "ask-needs");
	assert_string_equal(out.standards[1], "appeal");
	assert_string_equal(out.referral_to, "housing");
	assert_int_equal(out.referee_contacted, TRI_YES);
	assert_string_equal(out.decision, "permit refused");
	assert_string_equal(out.appeal_info, "appeal within 30 days");
	assert_string_equal(out.call_ref, "CALL-7");
	assert_string_equal(out.customer_name, "Jane Doe");
	assert_string_equal(out.customer_phone, "555-0100");
	assert_null(out.customer_address);
	assert_string_equal(out.customer_email, "jane@example.org");
	assert_false(out.protected_hidden);
	assert_string_equal(out.member_badge, "A1");
	assert_false(out.signed_off);
	assert_int_equal(out.amends, 0);
	assert_int_equal(out.superseded_by, 0);
	record_contact_clear(&out);
	assert_null(out.summary);
	/* Without asking, protected fields stay out. */
	assert_int_equal(store_contact_get(st, id, 0, T0, &out, &err), CS_OK);
	assert_null(out.customer_name);
	assert_null(out.customer_phone);
	assert_true(out.protected_hidden);
	record_contact_clear(&out);
	assert_int_equal(store_contact_get(st, id + 1, 0, T0, &out, &err), CS_NOINPUT);
}

static void
copy_is_independent(void **state)
{
	struct contact c = sample(), out, copy;
	struct cs_err err;
	int64_t id = insert(&c, T0);

	(void)state;
	assert_int_equal(store_contact_get(st, id, STORE_PROTECTED, T0, &out, &err), CS_OK);
	assert_int_equal(record_contact_copy(&copy, &out), 0);
	record_contact_clear(&out);
	assert_string_equal(copy.summary, c.summary);
	assert_string_equal(copy.standards[1], "appeal");
	assert_string_equal(copy.answers[0].question, "customer");
	record_contact_clear(&copy);
}

static void
structural_checks(void **state)
{
	struct contact c = sample();
	struct cs_err err;
	char *big = malloc(CONTACT_SUMMARY_MAX + 2);
	int64_t id = 7;

	(void)state;
	assert_non_null(big);
	memset(big, 'a', CONTACT_SUMMARY_MAX + 1);
	big[CONTACT_SUMMARY_MAX + 1] = '\0';
	c.summary = big;
	assert_int_equal(store_contact_insert(st, ann, &c, T0, &id, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "summary is too long"));
	assert_int_equal(id, 0);
	big[CONTACT_SUMMARY_MAX] = '\0';
	assert_int_equal(store_contact_insert(st, ann, &c, T0, &id, &err), CS_OK);
	free(big);
	c = sample();
	c.kind = NULL;
	assert_int_equal(store_contact_insert(st, ann, &c, T0, &id, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "customer kind is required"));
	c = sample();
	c.channel = "two words";
	assert_int_equal(store_contact_insert(st, ann, &c, T0, &id, &err), CS_DATAERR);
	c = sample();
	c.member_id = 999;
	assert_int_equal(store_contact_insert(st, ann, &c, T0, &id, &err), CS_NOUSER);
	c = sample();
	c.at = -5;
	assert_int_equal(store_contact_insert(st, ann, &c, T0, &id, &err), CS_DATAERR);
	c = sample();
	c.answers[1].answer = ANSWER_UNSET;
	assert_int_equal(store_contact_insert(st, ann, &c, T0, &id, &err), CS_DATAERR);
	c = sample();
	c.id = 1;
	assert_int_equal(store_contact_insert(st, ann, &c, T0, &id, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "is taken"));
	c.id = 500;
	assert_int_equal(store_contact_insert(st, ann, &c, T0, &id, &err), CS_OK);
	assert_int_equal(id, 500);
}

static int
count_versions(void *ctx, const struct contact *c)
{
	int *n = ctx;

	(*n)++;
	assert_int_equal(c->id, *n == 1 ? 1 : *n == 2 ? 2 : 3);
	return 0;
}

static int
count_amendments(void *ctx, const struct amendment *a)
{
	int *n = ctx;

	(*n)++;
	assert_int_equal(a->original_id, a->id - 1);
	assert_string_equal(a->reason, *n == 1 ? "wrong channel" : "typo");
	return 0;
}

static void
amendments(void **state)
{
	struct contact c = sample(), out;
	struct cs_err err;
	int64_t id, id2, id3;
	int n = 0;

	(void)state;
	c.followup_due = T0 + 3600;
	c.followup_note = "call back";
	id = insert(&c, T0);
	c.channel = "voicemail";
	c.followup_due = 0;
	assert_int_equal(store_contact_amend(st, bob, id, &c, "", T0 + 5, &id2, &err),
	                 CS_DATAERR);
	assert_int_equal(store_contact_amend(st, bob, id, &c, "wrong channel", T0 + 5, &id2,
	                                     &err), CS_OK);
	assert_int_equal(store_contact_amend(st, bob, id, &c, "again", T0 + 6, &id3, &err),
	                 CS_DATAERR);
	assert_non_null(strstr(err.msg, "already amended"));
	assert_int_equal(store_contact_amend(st, bob, 999, &c, "x", T0 + 6, &id3, &err),
	                 CS_NOINPUT);
	c.summary = "fixed typo";
	assert_int_equal(store_contact_amend(st, bob, id2, &c, "typo", T0 + 7, &id3, &err),
	                 CS_OK);
	assert_int_equal(store_contact_get(st, id, 0, T0, &out, &err), CS_OK);
	assert_int_equal(out.superseded_by, id2);
	assert_int_equal(out.followup_id, 0); /* moved on */
	record_contact_clear(&out);
	assert_int_equal(store_contact_get(st, id3, 0, T0, &out, &err), CS_OK);
	assert_int_equal(out.amends, id2);
	assert_string_equal(out.amend_reason, "typo");
	assert_int_equal(out.logged_by, bob);
	assert_true(out.followup_id > 0);      /* the open follow-up came along */
	record_contact_clear(&out);
	assert_int_equal(store_contact_versions(st, id2, count_versions, &n, &err), CS_OK);
	assert_int_equal(n, 3);
	n = 0;
	assert_int_equal(store_amendment_list(st, id, count_amendments, &n, &err), CS_OK);
	assert_int_equal(n, 2);
}

/* Run SQL straight on the file, as someone with the sqlite3 shell. */
static int
raw(const char *sql, char *msg, size_t n)
{
	sqlite3 *db;
	char *e = NULL;
	int rc;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	rc = sqlite3_exec(db, sql, NULL, NULL, &e);
	if (msg != NULL)
		snprintf(msg, n, "%s", e != NULL ? e : "");
	sqlite3_free(e);
	sqlite3_close(db);
	return rc;
}

static void
database_refuses_changes_to_facts(void **state)
{
	struct contact c = sample();
	struct cs_err err;
	char msg[256];
	int64_t id = insert(&c, T0), id2, rid;

	(void)state;
	assert_int_equal(store_review_add(st, bob, id, REVIEW_DEBRIEF, "talked", T0, &rid, &err),
	                 CS_OK);
	assert_int_not_equal(raw("UPDATE contact SET summary = 'changed' WHERE id = 1", msg,
	                         sizeof msg), SQLITE_OK);
	assert_non_null(strstr(msg, "contacts are records of fact: use an amendment"));
	assert_int_not_equal(raw("DELETE FROM contact WHERE id = 1", msg, sizeof msg), SQLITE_OK);
	assert_non_null(strstr(msg, "use an amendment"));
	assert_int_not_equal(raw("UPDATE contact SET superseded_by = 1 WHERE id = 1", NULL, 0),
	                     SQLITE_OK);
	assert_int_not_equal(raw("UPDATE contact_answer SET answer = 'yes'", NULL, 0), SQLITE_OK);
	assert_int_not_equal(raw("DELETE FROM contact_answer", NULL, 0), SQLITE_OK);
	assert_int_not_equal(raw("UPDATE contact_private SET customer_name = 'X'", NULL, 0),
	                     SQLITE_OK);
	assert_int_not_equal(raw("DELETE FROM contact_private", NULL, 0), SQLITE_OK);
	assert_int_not_equal(raw("UPDATE review SET note = 'x'", NULL, 0), SQLITE_OK);
	assert_int_not_equal(raw("DELETE FROM review", NULL, 0), SQLITE_OK);
	assert_int_not_equal(raw("UPDATE audit SET at = 0", msg, sizeof msg), SQLITE_OK);
	assert_non_null(strstr(msg, "append-only"));
	assert_int_not_equal(raw("DELETE FROM audit", NULL, 0), SQLITE_OK);
	/* The store's own amendment still works, once. */
	c.summary = "corrected";
	assert_int_equal(store_contact_amend(st, bob, id, &c, "fix", T0, &id2, &err), CS_OK);
	assert_int_not_equal(raw("UPDATE contact SET superseded_by = NULL WHERE id = 1", NULL, 0),
	                     SQLITE_OK);
}

static void
redaction(void **state)
{
	struct contact c = sample(), out;
	struct cs_err err;
	int64_t id = insert(&c, T0);

	(void)state;
	assert_int_equal(store_contact_redact(st, bob, id, "test", T0 + 99, &err), CS_OK);
	assert_int_equal(store_contact_get(st, id, STORE_PROTECTED, T0, &out, &err), CS_OK);
	assert_null(out.customer_name);
	assert_null(out.customer_email);
	assert_int_equal(out.redacted_at, T0 + 99);
	assert_string_equal(out.summary, c.summary);
	record_contact_clear(&out);
	assert_int_equal(store_contact_redact(st, bob, id, "test", T0 + 100, &err), CS_DATAERR);
	assert_int_equal(store_contact_redact(st, bob, 999, "test", T0 + 100, &err), CS_NOINPUT);
	c.customer_name = c.customer_phone = c.customer_email = NULL;
	id = insert(&c, T0 + 100);
	assert_int_equal(store_contact_redact(st, bob, id, "test", T0 + 101, &err), CS_OK);
}

static int
keep_followup(void *ctx, const struct followup *f)
{
	return record_followup_copy(ctx, f) == 0 ? 1 : -1;
}

static void
followup_clock(void **state)
{
	struct contact c = sample(), out;
	struct followup f;
	struct followup_filter ff = { 0, true, T0 + 7200, false };
	struct cs_err err;
	int64_t id = insert(&c, T0), fid;

	(void)state;
	assert_int_equal(store_followup_add(st, ann, id, T0 + 3600, "promised a call", T0, &fid,
	                                    &err), CS_OK);
	assert_int_equal(store_followup_get(st, fid, T0 + 3601, &f, &err), CS_OK);
	assert_true(f.overdue);
	assert_string_equal(f.note, "promised a call");
	record_followup_clear(&f);
	assert_int_equal(store_contact_get(st, id, 0, T0 + 3601, &out, &err), CS_OK);
	assert_true(out.overdue);
	record_contact_clear(&out);
	/* Paused at +1800 for 1000 s: due moves to +4600. */
	assert_int_equal(store_followup_pause(st, ann, fid, "", T0 + 1800, &err), CS_DATAERR);
	assert_int_equal(store_followup_pause(st, ann, fid, "waiting on customer", T0 + 1800,
	                                      &err), CS_OK);
	assert_int_equal(store_followup_pause(st, ann, fid, "again", T0 + 1900, &err),
	                 CS_DATAERR);
	assert_int_equal(store_followup_get(st, fid, T0 + 9999, &f, &err), CS_OK);
	assert_false(f.overdue);
	assert_int_equal(f.state, FOLLOWUP_PAUSED);
	record_followup_clear(&f);
	assert_int_equal(store_followup_resume(st, ann, fid, T0 + 2800, &err), CS_OK);
	assert_int_equal(store_followup_get(st, fid, T0 + 4000, &f, &err), CS_OK);
	assert_int_equal(f.due_eff, T0 + 4600);
	assert_int_equal(f.paused_seconds, 1000);
	assert_false(f.overdue);
	record_followup_clear(&f);
	ff.now = T0 + 4601;
	memset(&f, 0, sizeof f);
	assert_int_equal(store_followup_list(st, &ff, 0, keep_followup, &f, &err), CS_OK);
	assert_int_equal(f.id, fid);
	assert_int_equal(f.member_id, ann);
	record_followup_clear(&f);
	assert_int_equal(store_followup_done(st, bob, fid, "called back", T0 + 5000, &err),
	                 CS_OK);
	assert_int_equal(store_followup_done(st, bob, fid, "twice", T0 + 5000, &err), CS_DATAERR);
	assert_int_equal(store_followup_get(st, fid, T0, &f, &err), CS_OK);
	assert_int_equal(f.state, FOLLOWUP_DONE);
	assert_int_equal(f.done_by, bob);
	assert_string_equal(f.done_note, "called back");
	record_followup_clear(&f);
	memset(&f, 0, sizeof f);
	assert_int_equal(store_followup_list(st, &ff, 0, keep_followup, &f, &err), CS_OK);
	assert_int_equal(f.id, 0);
	assert_int_equal(store_followup_resume(st, ann, 999, T0, &err), CS_NOINPUT);
}

/* Ids of the follow-ups listed, in order, into a short buffer. */
struct id_list {
	int64_t id[16];
	int64_t member[16];
	size_t n;
};

static int
note_id(void *ctx, const struct followup *f)
{
	struct id_list *l = ctx;

	if (l->n < 16) {
		l->id[l->n] = f->id;
		l->member[l->n] = f->member_id;
		l->n++;
	}
	return 0;
}

/* One member's open follow-ups (the home screen's list) are read by
 * another statement than everyone's: the two must agree.  Ann and Bob
 * each have open, paused and done follow-ups, due in mixed order. */
static void
followups_of_member(void **state)
{
	static const int due[] = { 50, 10, 40, 30, 20, 60 };
	struct contact c = sample();
	struct followup_filter all = { 0, false, T0, false }, mine = { ann, false, T0, false };
	struct id_list a = { 0 }, m = { 0 }, o = { 0 };
	struct cs_err err;
	int64_t fid[6], id;
	size_t i, k;

	(void)state;
	for (i = 0; i < 6; i++) {
		c.member_id = i % 2 ? bob : ann;
		id = insert(&c, T0);
		assert_int_equal(store_followup_add(st, ann, id, T0 + due[i] * 60, "call back", T0,
		                                    &fid[i], &err), CS_OK);
	}
	assert_int_equal(store_followup_done(st, bob, fid[2], "done", T0 + 60, &err), CS_OK);
	assert_int_equal(store_followup_pause(st, ann, fid[4], "waiting", T0 + 60, &err), CS_OK);
	assert_int_equal(store_followup_list(st, &all, 0, note_id, &a, &err), CS_OK);
	assert_int_equal(store_followup_list(st, &mine, 0, note_id, &m, &err), CS_OK);
	assert_int_equal(a.n, 5);
	/* Ann's: fid 0 (due 50), 4 (20, paused: due moves on) -- not 2 (done). */
	for (i = k = 0; i < a.n; i++) {
		if (a.member[i] != ann)
			continue;
		assert_true(k < m.n);
		assert_int_equal(m.id[k], a.id[i]);
		assert_int_equal(m.member[k], ann);
		k++;
	}
	assert_int_equal(k, m.n);
	assert_int_equal(m.n, 2);
	/* Overdue only, an hour on: the paused one is not overdue. */
	mine.overdue_only = true;
	mine.now = T0 + 3600;
	assert_int_equal(store_followup_list(st, &mine, 0, note_id, &o, &err), CS_OK);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.id[0], fid[0]);
	/* A limit keeps the soonest. */
	memset(&o, 0, sizeof o);
	mine.overdue_only = false;
	mine.member_id = bob;
	assert_int_equal(store_followup_list(st, &mine, 1, note_id, &o, &err), CS_OK);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.id[0], fid[1]);
}

static int
count_reviews(void *ctx, const struct review *r)
{
	int *n = ctx;

	(*n)++;
	assert_int_equal(r->member_id, bob);
	assert_string_equal(r->reviewer_name, "Bob");
	return 0;
}

static void
reviews(void **state)
{
	struct contact c = sample(), out;
	struct cs_err err;
	int64_t id = insert(&c, T0), rid;
	int n = 0;

	(void)state;
	assert_int_equal(store_review_add(st, bob, id, REVIEW_COMMEND, "", T0, &rid, &err),
	                 CS_DATAERR);
	assert_int_equal(store_review_add(st, bob, id, REVIEW_COMMEND, "well done", T0, &rid,
	                                  &err), CS_OK);
	assert_int_equal(store_contact_get(st, id, 0, T0, &out, &err), CS_OK);
	assert_false(out.signed_off);
	record_contact_clear(&out);
	assert_int_equal(store_review_add(st, bob, id, REVIEW_SIGN_OFF, NULL, T0, &rid, &err),
	                 CS_OK);
	assert_int_equal(store_contact_get(st, id, 0, T0, &out, &err), CS_OK);
	assert_true(out.signed_off);
	assert_int_equal(out.n_reviews, 2);
	record_contact_clear(&out);
	assert_int_equal(store_review_list(st, id, count_reviews, &n, &err), CS_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_review_add(st, bob, 999, REVIEW_SIGN_OFF, NULL, T0, &rid, &err),
	                 CS_NOINPUT);
	assert_int_equal(store_review_add(st, 999, id, REVIEW_SIGN_OFF, NULL, T0, &rid, &err),
	                 CS_NOUSER);
}

static int
keep_drill(void *ctx, const struct drill_attempt *d)
{
	int *n = ctx;

	(*n)++;
	assert_string_equal(d->item_id, *n == 1 ? "cat-in-tree" : "q1");
	if (*n == 1) {
		assert_int_equal(d->n_answers, 2);
		assert_int_equal(d->answers[1].given, ANSWER_UNSET);
		assert_int_equal(d->answers[1].expected, ANSWER_NO);
		assert_string_equal(d->session_id, "s1");
	} else {
		assert_string_equal(d->quiz_answer, "ask your officer");
	}
	return 0;
}

static void
drills(void **state)
{
	struct drill_attempt d = {
		.member_id = ann, .trainer_id = bob, .policy_id = "bsofr", .policy_version = "1",
		.kind = DRILL_SCENARIO, .item_id = "cat-in-tree", .at = T0, .session_id = "s1",
		.n_answers = 2, .correct = 1, .total = 2,
	};
	struct drill_filter f = { .member_id = ann };
	struct cs_err err;
	int64_t id;
	int n = 0;

	(void)state;
	d.answers[0] = (struct drill_answer){ "safe", ANSWER_YES, ANSWER_YES };
	d.answers[1] = (struct drill_answer){ "legal", ANSWER_UNSET, ANSWER_NO };
	assert_int_equal(store_drill_add(st, bob, &d, T0, &id, &err), CS_OK);
	d = (struct drill_attempt){ .member_id = ann, .policy_id = "bsofr",
	                            .policy_version = "1", .kind = DRILL_QUIZ, .item_id = "q1",
	                            .at = T0 + 10, .quiz_answer = "ask your officer",
	                            .correct = 1, .total = 1 };
	assert_int_equal(store_drill_add(st, ann, &d, T0, &id, &err), CS_OK);
	d.correct = 2;
	assert_int_equal(store_drill_add(st, ann, &d, T0, &id, &err), CS_DATAERR);
	assert_int_equal(store_drill_query(st, &f, keep_drill, &n, &err), CS_OK);
	assert_int_equal(n, 2);
	f.member_id = bob;
	n = 0;
	assert_int_equal(store_drill_query(st, &f, keep_drill, &n, &err), CS_OK);
	assert_int_equal(n, 0);
}

static void
drafts(void **state)
{
	struct cs_err err;
	char *body;
	int64_t at;

	(void)state;
	assert_int_equal(store_draft_load(st, ann, "contact", &body, &at, &err), CS_NOINPUT);
	assert_int_equal(store_draft_save(st, ann, "contact", "{\"summary\":\"half\"}", T0,
	                                  &err), CS_OK);
	assert_int_equal(store_draft_save(st, ann, "contact", "{\"summary\":\"half typed\"}",
	                                  T0 + 1, &err), CS_OK);
	assert_int_equal(store_draft_load(st, ann, "contact", &body, &at, &err), CS_OK);
	assert_string_equal(body, "{\"summary\":\"half typed\"}");
	assert_int_equal(at, T0 + 1);
	free(body);
	assert_int_equal(store_draft_delete(st, ann, "contact", &err), CS_OK);
	assert_int_equal(store_draft_delete(st, ann, "contact", &err), CS_OK);
	assert_int_equal(store_draft_load(st, ann, "contact", &body, &at, &err), CS_NOINPUT);
	/* Foreign keys are on: no draft for a member who does not exist. */
	assert_int_equal(store_draft_save(st, 999, "contact", "{}", T0, &err), CS_DATAERR);
}

static void
bulk_survives_bad_rows(void **state)
{
	struct contact c = sample();
	struct cs_err err;
	int64_t id, max;
	int i;

	(void)state;
	assert_int_equal(store_bulk_begin(st, &err), CS_OK);
	for (i = 0; i < 50; i++) {
		c.kind = i % 10 == 3 ? "bad kind" : "recipient";
		c.member_id = i % 10 == 7 ? 999 : ann;
		store_contact_insert(st, ann, &c, T0, &id, &err);
	}
	assert_int_equal(store_bulk_commit(st, &err), CS_OK);
	assert_int_equal(store_contact_max_id(st, &max, &err), CS_OK);
	assert_int_equal(max, 40);
	/* A rolled back bulk leaves nothing. */
	assert_int_equal(store_bulk_begin(st, &err), CS_OK);
	c.member_id = ann;
	c.kind = "recipient";
	insert(&c, T0);
	store_bulk_rollback(st);
	assert_int_equal(store_contact_max_id(st, &max, &err), CS_OK);
	assert_int_equal(max, 40);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(copy_is_independent, setup, teardown),
		cmocka_unit_test_setup_teardown(structural_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(amendments, setup, teardown),
		cmocka_unit_test_setup_teardown(database_refuses_changes_to_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(redaction, setup, teardown),
		cmocka_unit_test_setup_teardown(followup_clock, setup, teardown),
		cmocka_unit_test_setup_teardown(followups_of_member, setup, teardown),
		cmocka_unit_test_setup_teardown(reviews, setup, teardown),
		cmocka_unit_test_setup_teardown(drills, setup, teardown),
		cmocka_unit_test_setup_teardown(drafts, setup, teardown),
		cmocka_unit_test_setup_teardown(bulk_survives_bad_rows, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
