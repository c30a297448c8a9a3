/* store_tamper.c - every column of every table is covered by verify.
 *
 * A sample database holds at least one row in every table (members
 * with a PIN, a lockout and a wrong PIN counted; contacts with answers,
 * protected data, a redaction, an amendment that moved a follow-up;
 * follow-ups open, paused and done; every kind of review; a drill result
 * with its answers; a saved view; a draft; the queues and aggregates
 * they make; an evaluator's evaluation with its items, a survey response
 * with its answers and comment, read once, and a recognition).  Then, for every table in its schema and every column of
 * it, one row is altered in a copy with the triggers dropped, as someone
 * with the sqlite3 shell would, and store_verify must fail naming the
 * table and the row.  One row of every table is deleted the same way.
 * The columns docs/security.md lists as left out on purpose (between
 * "exclusions:begin" and "exclusions:end") are the exception, and for
 * them verify must still say "ok": the list and the program agree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "cslog/store.h"
#include "cslog/store_measures.h"
#include "tmpdir.h"

#define T0 INT64_C(1790000000)   /* 2026-09-21 */
#define MAX_EXCLUDED 64

static char dir[64], tpl[128], work[160];
static char excluded[MAX_EXCLUDED][80];
static size_t n_excluded;

/* ---- the sample ---------------------------------------------------------- */

static int64_t
member(struct store *st, const char *badge, enum member_role role, const char *pin)
{
	struct member m = { .badge = badge, .name = badge, .role = role };
	struct cs_err err = { 0 };
	int64_t id;

	assert_int_equal(store_member_add(st, 0, &m, pin, mono(T0), &id, &err), CS_OK);
	return id;
}

static int64_t
contact(struct store *st, int64_t who, bool negative, bool private, int64_t due)
{
	static const char *const std[] = { "courtesy", "follow-through" };
	struct cs_err err = { 0 };
	struct contact c = {
		.member_id = who, .at = mono(T0), .policy_id = "bsofr", .policy_version = "2",
		.kind = "recipient", .channel = "on-scene",
		.outcome = negative ? "complaint" : "resolved", .summary = "a call",
		.needs_met = TRI_YES, .added_value = "stayed with her", .empowered = TRI_NO,
		.n_answers = 2, .standards = std, .n_standards = 2, .referral_to = "Red Cross",
		.referee_contacted = TRI_YES, .decision = "no refund", .appeal_info = "write in",
		.call_ref = "F26-1", .negative = negative, .followup_due = due,
		.followup_note = due != 0 ? "call back" : NULL,
	};
	int64_t id;

	c.answers[0] = (struct contact_answer){ "right-for-customer", ANSWER_YES };
	c.answers[1] = (struct contact_answer){ "legal-ethical", ANSWER_NO };
	if (private) {
		c.customer_name = "Ann";
		c.customer_phone = "555-0100";
		c.customer_address = "1 Main St";
		c.customer_email = "ann@example.org";
	}
	assert_int_equal(store_contact_insert(st, who, &c, mono(T0), &id, &err), CS_OK);
	return id;
}

static int
keep_first(void *ctx, const struct followup *f)
{
	*(int64_t *)ctx = f->id;
	return 1;
}

static int64_t
followup_of(struct store *st, int64_t contact_id)
{
	struct cs_err err = { 0 };
	int64_t id = 0;

	assert_int_equal(store_followup_of_contact(st, contact_id, T0, keep_first, &id, &err),
	                 CS_OK);
	assert_true(id > 0);
	return id;
}

/* The measures: an evaluation (its first item not measured, so that
 * each column of an item has a value the table accepts changed), a
 * survey response on contact c (its first answer 1 of 1-5, so that it
 * may be yes-no too) with a comment, read once, and a recognition. */
static void
measures(struct store *st, int64_t sup, int64_t mem, int64_t eva, int64_t c)
{
	static const struct shopper_item items[] = {
		{ "listen", false, EVAL_MET, -1 },
		{ "four-rings", true, EVAL_NOT_MET, 6 },
		{ "refer", false, EVAL_NOT_OBSERVED, -1 },
	};
	struct shopper_eval e = {
		.at = mono(T0), .policy_id = "rochester", .policy_version = "1",
		.channel = "phone", .member_id = mem, .unit = "Station 2", .note = "brisk",
		.items = items, .n_items = 3,
	};
	struct recognition g = {
		.member_id = mem, .kind = RECOGNITION_LETTER, .reason = "kind on the phone",
		.since = mono(T0) - 86400, .until = mono(T0),
	};
	struct survey_response r;
	struct cs_err err = { 0 };
	int64_t id;

	assert_int_equal(store_shopper_add(st, eva, &e, mono(T0), &id, &err), CS_OK);
	memset(&r, 0, sizeof r);
	r.at = mono(T0);
	r.policy_id = "bes";
	r.policy_version = "1";
	r.source = SURVEY_CALLBACK;
	r.contact_id = c;
	r.ref = "R-1";
	r.comment = "Ann was kind";
	r.answers[r.n_answers++] = (struct survey_answer){ "overall", SCALE_1_5, 1 };
	r.answers[r.n_answers++] = (struct survey_answer){ "needs-met", SCALE_YES_NO, 1 };
	assert_int_equal(store_survey_add(st, sup, &r, mono(T0), &id, &err), CS_OK);
	assert_int_equal(store_audit_note(st, sup, "read.comment", "survey", id, NULL, mono(T0),
	                                  &err), CS_OK);
	assert_int_equal(store_recognition_add(st, sup, &g, mono(T0), &id, &err), CS_OK);
}

static void
make_sample(struct store *st)
{
	struct cs_err err = { 0 };
	struct pin_result r;
	struct drill_attempt d = {
		.policy_id = "bsofr", .policy_version = "2", .kind = DRILL_SCENARIO,
		.item_id = "pet-left-behind", .session_id = "s1", .quiz_answer = "typed",
		.correct = 1, .total = 2, .n_answers = 2,
	};
	struct contact amend;
	int64_t sup, mem, trainer, locked, eva, c1, c2, c3, c4, c5, c6, id;
	int i;

	sup = member(st, "S1", ROLE_SUPERVISOR, "1234");
	mem = member(st, "M1", ROLE_MEMBER, "2468");
	trainer = member(st, "T1", ROLE_TRAINER, "1357");
	locked = member(st, "L1", ROLE_MEMBER, "9999");
	eva = member(st, "E1", ROLE_EVALUATOR, "4321");
	assert_int_equal(store_member_check_pin(st, mem, "0000", mono(T0), &r, &err), CS_OK);
	for (i = 0; i < 5; i++)
		assert_int_equal(store_member_check_pin(st, locked, "0000", mono(T0), &r, &err),
		                 CS_OK);
	assert_int_equal(r.check, PIN_LOCKED);
	assert_int_equal(store_member_set_last_policy(st, mem, "bsofr", &err), CS_OK);

	c1 = contact(st, mem, true, true, mono(T0) + 86400);       /* debrief due */
	c2 = contact(st, mem, false, false, mono(T0) + 86400);     /* paused follow-up */
	c3 = contact(st, sup, false, true, mono(T0) + 86400);      /* done follow-up */
	c4 = contact(st, mem, true, false, mono(T0) + 86400);      /* amended */
	c6 = contact(st, mem, true, true, 0);                      /* redacted, debriefed */
	(void)c1;
	assert_int_equal(store_followup_pause(st, mem, followup_of(st, c2), "away",
	                                      mono(T0), &err), CS_OK);
	assert_int_equal(store_followup_done(st, sup, followup_of(st, c3), "called",
	                                     mono(T0), &err), CS_OK);
	memset(&amend, 0, sizeof amend);
	amend = (struct contact){ .member_id = mem, .at = mono(T0), .policy_id = "bsofr",
	    .policy_version = "2", .kind = "recipient", .channel = "phone",
	    .outcome = "complaint", .summary = "a call, corrected", .negative = true };
	assert_int_equal(store_contact_amend(st, mem, c4, &amend, "wrong channel", mono(T0),
	                                     &c5, &err), CS_OK);
	assert_int_equal(store_review_add(st, sup, c2, REVIEW_SIGN_OFF, "fine", mono(T0), &id,
	                                  &err), CS_OK);
	assert_int_equal(store_review_add(st, sup, c6, REVIEW_DEBRIEF, "talked", mono(T0), &id,
	                                  &err), CS_OK);
	assert_int_equal(store_review_add(st, sup, c3, REVIEW_COMMEND, "well done", mono(T0),
	                                  &id, &err), CS_OK);
	assert_int_equal(store_contact_redact(st, sup, c6, "asked", mono(T0), &err), CS_OK);
	d.member_id = mem;
	d.trainer_id = trainer;
	d.at = mono(T0);
	d.answers[0] = (struct drill_answer){ "right-for-customer", ANSWER_YES, ANSWER_YES };
	d.answers[1] = (struct drill_answer){ "legal-ethical", ANSWER_YES, ANSWER_NO };
	assert_int_equal(store_drill_add(st, trainer, &d, mono(T0), &id, &err), CS_OK);
	assert_int_equal(store_view_save(st, sup, 1, "night", "is:overdue", mono(T0), &err),
	                 CS_OK);
	assert_int_equal(store_draft_save(st, mem, "contact", "{\"step\":1}", mono(T0), &err),
	                 CS_OK);
	measures(st, sup, mem, eva, c2);
}

/* ---- the exclusions, from docs/security.md -------------------------------- */

static void
read_exclusions(void)
{
	FILE *f = fopen("docs/security.md", "r");
	char line[512], *p, *q;
	bool in = false;

	assert_non_null(f);
	n_excluded = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strstr(line, "<!-- exclusions:begin -->") != NULL) {
			in = true;
			continue;
		}
		if (strstr(line, "<!-- exclusions:end -->") != NULL)
			break;
		/* Each row starts with `table.column` (or `table.*`). */
		if (!in || (p = strchr(line, '`')) == NULL || (q = strchr(p + 1, '`')) == NULL)
			continue;
		assert_true(n_excluded < MAX_EXCLUDED);
		*q = '\0';
		snprintf(excluded[n_excluded++], sizeof excluded[0], "%s", p + 1);
	}
	fclose(f);
	assert_true(n_excluded > 0);
}

static bool
is_excluded(const char *table, const char *column)
{
	char a[80], b[80];
	size_t i;

	snprintf(a, sizeof a, "%s.%s", table, column);
	snprintf(b, sizeof b, "%s.*", table);
	for (i = 0; i < n_excluded; i++)
		if (strcmp(excluded[i], a) == 0 || strcmp(excluded[i], b) == 0)
			return true;
	return false;
}

/* ---- setup ------------------------------------------------------------- */

static int
setup(void **state)
{
	struct store *st;
	struct cs_err err = { 0 };

	(void)state;
	assert_non_null(tmpdir_make(dir, tpl, "tamper"));
	snprintf(work, sizeof work, "%s/work.db", dir);
	assert_int_equal(store_open(tpl, 0, &st, &err), CS_OK);
	make_sample(st);
	store_close(st);   /* the last connection: the WAL is folded in */
	read_exclusions();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tmpdir_remove(dir);
	return 0;
}

/* ---- tampering ------------------------------------------------------------ */

static void
copy_template(void)
{
	FILE *in = fopen(tpl, "rb"), *out = fopen(work, "wb");
	char buf[65536], wal[200];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
	snprintf(wal, sizeof wal, "%s-wal", work);
	remove(wal);
	snprintf(wal, sizeof wal, "%s-shm", work);
	remove(wal);
}

static void
exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
}

/* The shell, triggers dropped first. */
static sqlite3 *
shell(void)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char *sql;

	copy_template();
	assert_int_equal(sqlite3_open(work, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type ="
	                                    " 'trigger'", -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		sql = sqlite3_mprintf("DROP TRIGGER \"%w\"", sqlite3_column_text(s, 0));
		exec(db, sql);
		sqlite3_free(sql);
	}
	sqlite3_finalize(s);
	return db;
}

/* How a row of each table is named in verify's message (the noun before the key). */
struct naming {
	const char *table, *noun, *key, *where;
};

static const struct naming names[] = {
	{ "member", "member ", "id", "table member" },
	{ "contact", "contact ", "id", "table contact" },
	{ "contact_answer", "contact ", "contact_id", "contact_answer" },
	{ "contact_private", "contact ", "contact_id", "table contact_private" },
	{ "followup", "follow-up ", "id", "table followup" },
	{ "review", "review ", "id", "table review" },
	{ "unreviewed", "contact ", "contact_id", "table unreviewed" },
	{ "debrief_due", "contact ", "contact_id", "table debrief_due" },
	{ "drill", "drill result ", "id", "table drill" },
	{ "drill_answer", "drill result ", "drill_id", "drill_answer" },
	{ "saved_view", "of member ", "member_id", "table saved_view" },
	{ "agg", "on ", "day", "table agg" },
	{ "shopper", "evaluation ", "id", "table shopper" },
	{ "shopper_item", "evaluation ", "shopper_id", "shopper_item" },
	{ "survey", "survey response ", "id", "table survey" },
	{ "survey_answer", "survey response ", "survey_id", "survey_answer" },
	{ "survey_comment", "survey response ", "survey_id", "survey_comment" },
	{ "recognition", "recognition ", "id", "table recognition" },
	{ "audit", "audit event ", "id", "audit event" },
};

static const struct naming *
naming_of(const char *table)
{
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].table, table) == 0)
			return &names[i];
	return NULL;
}

/* Run verify on the copy: its message, or "" when it says ok. */
static void
verify_copy(char *why, size_t n)
{
	struct store_verify_result res;
	struct store *st;
	struct cs_err err = { 0 };
	int rc = store_open(work, STORE_EXISTING, &st, &err);

	why[0] = '\0';
	if (rc != CS_OK) {
		snprintf(why, n, "(cannot open: %s)", err.msg);
		return;
	}
	rc = store_verify(st, NULL, NULL, &res, &err);
	if (rc != CS_OK)
		snprintf(why, n, "%s", res.why[0] ? res.why : err.msg);
	store_close(st);
}

/* Does verify's message name the table and the row (by its key before
 * the change; when the key itself was changed, the table is enough: the
 * row is named by its new key, or by the one that went missing)? */
static bool
names_row(const char *why, const struct naming *nm, const char *key, bool key_changed)
{
	char a[128];

	snprintf(a, sizeof a, "%s%s", nm->noun, key);
	return strstr(why, nm->where) != NULL && (key_changed || strstr(why, a) != NULL);
}

/* The text of an expression's value in the row picked (a key, for
 * naming it), into out. */
static void
value_text(sqlite3 *db, const char *table, const char *expr, const char *where,
           char *out, size_t n)
{
	char *sql = sqlite3_mprintf("SELECT %s FROM \"%w\" WHERE %s", expr, table, where);
	sqlite3_stmt *s;

	out[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_free(sql);
}

/* A WHERE clause naming one row of table, preferring one whose column
 * col is not NULL: by rowid, or by the whole primary key. */
static char *
pick_row(sqlite3 *db, const char *table, const char *col)
{
	sqlite3_stmt *s;
	char *sql, *where = NULL, *part;
	bool rowid = true;

	sql = sqlite3_mprintf("SELECT sql LIKE '%%WITHOUT ROWID%%' FROM sqlite_schema"
	                      " WHERE name = %Q", table);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_free(sql);
	if (sqlite3_step(s) == SQLITE_ROW)
		rowid = sqlite3_column_int(s, 0) == 0;
	sqlite3_finalize(s);
	if (rowid) {
		sql = sqlite3_mprintf("SELECT rowid FROM \"%w\" ORDER BY \"%w\" IS NULL, rowid"
		                      " LIMIT 1", table, col);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
		sqlite3_free(sql);
		if (sqlite3_step(s) == SQLITE_ROW)
			where = sqlite3_mprintf("rowid = %lld",
			                        (long long)sqlite3_column_int64(s, 0));
		sqlite3_finalize(s);
		return where;
	}
	/* WITHOUT ROWID: quote each key column of the first row. */
	sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q) WHERE pk > 0 ORDER BY pk",
	                      table);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_free(sql);
	where = sqlite3_mprintf("1");
	while (sqlite3_step(s) == SQLITE_ROW) {
		char v[400];
		char *q = sqlite3_mprintf("quote(\"%w\")", sqlite3_column_text(s, 0));
		char *w = sqlite3_mprintf("1 ORDER BY \"%w\" IS NULL LIMIT 1", col);

		value_text(db, table, q, w, v, sizeof v);
		part = sqlite3_mprintf("%s AND \"%w\" = %s", where, sqlite3_column_text(s, 0), v);
		sqlite3_free(where);
		where = part;
		sqlite3_free(q);
		sqlite3_free(w);
	}
	sqlite3_finalize(s);
	return where;
}

/* Change column col of the row `where` to something else that the
 * table's checks accept; false when no candidate would do. */
static bool
alter(sqlite3 *db, const char *table, const char *col, const char *where)
{
	static const char *const candidates[] = {
		"\"%w\" + 1",
		"\"%w\" + 1000",
		"CASE \"%w\" WHEN 'yes' THEN 'no' WHEN 'no' THEN 'yes' WHEN 'member' THEN"
		" 'supervisor' WHEN 'supervisor' THEN 'trainer' WHEN 'trainer' THEN 'member'"
		" WHEN 'sign-off' THEN 'commend' WHEN 'commend' THEN 'debrief' WHEN 'debrief'"
		" THEN 'sign-off' WHEN 'scenario' THEN 'quiz' WHEN 'quiz' THEN 'scenario'"
		" WHEN 'evaluator' THEN 'member' WHEN 'met' THEN 'not-met' WHEN 'not-met' THEN"
		" 'not-observed' WHEN 'not-observed' THEN 'met' WHEN '1-5' THEN 'yes-no' WHEN"
		" 'yes-no' THEN '1-5' WHEN 'card' THEN 'callback' WHEN 'callback' THEN 'tool'"
		" WHEN 'script' THEN 'card' WHEN 'tool' THEN 'script' WHEN 'award' THEN 'letter'"
		" WHEN 'letter' THEN 'reinforcement' WHEN 'reinforcement' THEN 'award' END",
		"(\"%w\" + 1) %% 3",
		"CAST(\"%w\" || 'x' AS TEXT)",
		"randomblob(32)",
		"NULL",
		"1",
	};
	char *sql, *expr;
	size_t i;
	int rc;

	for (i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
		expr = sqlite3_mprintf(candidates[i], col);
		sql = sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = %s WHERE %s AND \"%w\" IS NOT %s",
		                      table, col, expr, where, col, expr);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
		sqlite3_free(expr);
		if (rc == SQLITE_OK && sqlite3_changes(db) == 1)
			return true;
	}
	return false;
}

struct tally {
	int altered, deleted, excluded;
	char failures[4096];
};

__attribute__((format(printf, 2, 3))) static void
note(struct tally *t, const char *fmt, ...)
{
	size_t n = strlen(t->failures);
	va_list ap;

	if (n + 200 >= sizeof t->failures)
		return;
	va_start(ap, fmt);
	vsnprintf(t->failures + n, sizeof t->failures - n, fmt, ap);
	va_end(ap);
}

/* Alter column col of one row of table and check what verify says. */
static void
one_column(const char *table, const char *col, struct tally *t)
{
	const struct naming *nm = naming_of(table);
	bool excl = is_excluded(table, col);
	char before[200] = "", why[1100];
	sqlite3 *db = shell();
	char *where = pick_row(db, table, col);

	if (where == NULL) {
		note(t, "\n  table %s has no row to alter: add one to the sample", table);
		sqlite3_close(db);
		return;
	}
	if (nm != NULL)
		value_text(db, table, nm->key, where, before, sizeof before);
	if (!alter(db, table, col, where)) {
		note(t, "\n  %s.%s: no change the table accepts", table, col);
		sqlite3_free(where);
		sqlite3_close(db);
		return;
	}
	sqlite3_free(where);
	sqlite3_close(db);
	verify_copy(why, sizeof why);
	if (excl) {
		t->excluded++;
		if (why[0] != '\0')
			note(t, "\n  %s.%s is listed as left out, but verify notices it (%s):"
			     " take it off the list", table, col, why);
		return;
	}
	t->altered++;
	if (why[0] == '\0')
		note(t, "\n  %s.%s altered: verify says ok", table, col);
	else if (nm == NULL)
		note(t, "\n  %s.%s: no naming for table %s in this test (verify: %s)", table, col,
		     table, why);
	else if (!names_row(why, nm, before, strcmp(col, nm->key) == 0))
		note(t, "\n  %s.%s altered (row %s): verify does not name the table and row: %s",
		     table, col, before, why);
}

/* Delete one row of table and check what verify says. */
static void
one_delete(const char *table, struct tally *t)
{
	const struct naming *nm = naming_of(table);
	char before[200] = "", why[1100], *sql;
	sqlite3 *db = shell();
	char *where = pick_row(db, table, "rowid");

	if (where == NULL) {
		sqlite3_close(db);
		return;
	}
	if (nm != NULL)
		value_text(db, table, nm->key, where, before, sizeof before);
	sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE %s", table, where);
	exec(db, sql);
	sqlite3_free(sql);
	sqlite3_free(where);
	sqlite3_close(db);
	verify_copy(why, sizeof why);
	t->deleted++;
	if (why[0] == '\0')
		note(t, "\n  a row of %s deleted: verify says ok", table);
	else if (nm != NULL && !names_row(why, nm, before, false))
		note(t, "\n  row %s of %s deleted: verify does not name it: %s", before, table, why);
}

static void
every_column_of_every_table(void **state)
{
	struct tally t = { 0 };
	sqlite3 *db;
	sqlite3_stmt *s, *c;
	char tables[32][64], cols[32][64];
	size_t nt = 0, nc, i, j;
	char *sql;

	(void)state;
	assert_int_equal(sqlite3_open(tpl, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE type ="
	                                    " 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
	                                    -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW && nt < 32)   /* not the virtual table */
		if (strncmp((const char *)sqlite3_column_text(s, 1), "CREATE VIRTUAL", 14) != 0)
			snprintf(tables[nt++], sizeof tables[0], "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	for (i = 0; i < nt; i++) {
		sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q)", tables[i]);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &c, NULL), SQLITE_OK);
		sqlite3_free(sql);
		for (nc = 0; sqlite3_step(c) == SQLITE_ROW && nc < 32; nc++)
			snprintf(cols[nc], sizeof cols[0], "%s", sqlite3_column_text(c, 0));
		sqlite3_finalize(c);
		for (j = 0; j < nc; j++)
			one_column(tables[i], cols[j], &t);
		if (!is_excluded(tables[i], "*"))
			one_delete(tables[i], &t);
	}
	sqlite3_close(db);
	print_message("# %d columns altered, %d rows deleted, %d columns left out as"
	              " documented, in %zu tables\n", t.altered, t.deleted, t.excluded, nt);
	if (t.failures[0] != '\0')
		fail_msg("%s", t.failures);
	assert_true(t.altered > 140);
}

/* The sample itself verifies: every failure above is the alteration's. */
static void
sample_verifies(void **state)
{
	char why[1100];

	(void)state;
	copy_template();
	verify_copy(why, sizeof why);
	assert_string_equal(why, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_verifies),
		cmocka_unit_test(every_column_of_every_table),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
