/* store_open.c - opening, creating, migrating and backing up the file. */
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
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cslog/store.h"

static char dir[64];
static char path[512];

static int
setup(void **state)
{
	(void)state;
	assert_non_null(tmpdir_make(dir, path, "open"));
	snprintf(path, sizeof path, "%s/sub/dir/cslog.db", dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tmpdir_remove(dir);
	return 0;
}

/* Run one SQL text on the file directly (tests only). */
static void
raw(const char *file, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
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
add_member(struct store *st, const char *badge)
{
	struct member m = { .badge = badge, .name = badge, .role = ROLE_MEMBER };
	struct cs_err err;
	int64_t id;

	assert_int_equal(store_member_add(st, 0, &m, NULL, 1000, &id, &err), CS_OK);
	return id;
}

static void
creates_private_files(void **state)
{
	struct store *st;
	struct cs_err err;
	struct stat sb;
	char sub[600];
	mode_t old = umask(0);

	(void)state;
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	umask(old);
	add_member(st, "B1");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	snprintf(sub, sizeof sub, "%s-wal", path);
	assert_int_equal(stat(sub, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	snprintf(sub, sizeof sub, "%s/sub", dir);
	assert_int_equal(stat(sub, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	snprintf(sub, sizeof sub, "%s/sub/dir", dir);
	assert_int_equal(stat(sub, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	store_close(st);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(raw_int(path, "PRAGMA application_id"), 0x63736c67);
}

static void
uses_wal(void **state)
{
	struct store *st;
	struct cs_err err;
	sqlite3 *db;
	sqlite3_stmt *s;

	(void)state;
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static void
reopen_keeps_data(void **state)
{
	struct store *st;
	struct cs_err err;
	int64_t n;

	(void)state;
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	add_member(st, "B1");
	store_close(st);
	assert_int_equal(store_open(path, STORE_READONLY, &st, &err), CS_OK);
	assert_int_equal(store_member_count(st, &n, &err), CS_OK);
	assert_int_equal(n, 1);
	store_close(st);
}

static void
readonly_needs_a_file_and_refuses_writes(void **state)
{
	struct store *st;
	struct cs_err err;
	struct member m = { .badge = "X", .name = "X" };
	int64_t id;

	(void)state;
	assert_int_equal(store_open(path, STORE_READONLY, &st, &err), CS_NOINPUT);
	assert_null(st);
	assert_non_null(strstr(err.msg, "no database at"));
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	store_close(st);
	assert_int_equal(store_open(path, STORE_READONLY, &st, &err), CS_OK);
	assert_int_equal(store_member_add(st, 0, &m, NULL, 1, &id, &err), CS_CANTCREAT);
	assert_non_null(strstr(err.msg, "read-only"));
	store_close(st);
}

static void
refuses_a_newer_database(void **state)
{
	struct store *st;
	struct cs_err err;

	(void)state;
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	store_close(st);
	raw(path, "PRAGMA user_version = 99");
	assert_int_equal(store_open(path, 0, &st, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "is version 99"));
	assert_non_null(strstr(err.msg, "upgrade cslog"));
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 99);
}

static void
refuses_what_is_not_a_database(void **state)
{
	struct store *st;
	struct cs_err err;
	FILE *f;
	int i;

	(void)state;
	store_close(NULL);
	snprintf(path, sizeof path, "%s/notes.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	for (i = 0; i < 200; i++)
		fputs("this is a shopping list, not a database\n", f);
	fclose(f);
	assert_int_equal(store_open(path, 0, &st, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "not a cslog database"));
	snprintf(path, sizeof path, "%s/other.db", dir);
	raw(path, "CREATE TABLE t (x)");
	assert_int_equal(store_open(path, 0, &st, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "not cslog's"));
}

/* A version 1 file, as an older cslog made it, with two contacts. */
static void
make_v1(const char *file)
{
	struct cs_err err;

	assert_int_equal(store_create_version(file, 1, &err), CS_OK);
	assert_int_equal(raw_int(file, "PRAGMA user_version"), 1);
	raw(file, "INSERT INTO member (id, badge, name, role, created_at)"
	          " VALUES (1, 'B1', 'Ann', 'member', 1);"
	          "INSERT INTO contact (id, member_id, at, logged_at, policy_id, policy_version,"
	          " kind, channel, outcome, summary, empowered, added_value)"
	          " VALUES (1, 1, 1700000000, 1700000000, 'bsofr', '1', 'recipient', 'phone',"
	          " 'resolved', 'old one', 0, 'went beyond'),"
	          " (2, 1, 1700090000, 1700090000, 'bes', '1', 'close', 'email', NULL,"
	          " 'old two', NULL, NULL);"
	          "INSERT INTO contact_answer VALUES (1, 0, 'safe', 'no'), (1, 1, 'legal', 'yes');"
	          "INSERT INTO followup (contact_id, created_at, due_at, due_eff, state, done_at)"
	          " VALUES (1, 1700000000, 1700086400, 1700086400, 2, 1700003600),"
	          " (2, 1700090000, 1700090001, 1700090001, 2, 1700190000),"
	          " (2, 1700090000, 1700090001, 1700090001, 0, NULL);");
}

struct rows {
	char text[512];
};

static int
collect(void *ctx, const char *value, int64_t n)
{
	struct rows *r = ctx;
	size_t len = strlen(r->text);

	snprintf(r->text + len, sizeof r->text - len, "%s=%lld;", value, (long long)n);
	return 0;
}

static void
migrates_after_a_backup(void **state)
{
	struct store *st;
	struct cs_err err;
	struct rows a, b;
	char bak[600];
	int d;

	(void)state;
	snprintf(path, sizeof path, "%s/cslog.db", dir);
	make_v1(path);
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	for (d = 0; d < DIM_COUNT; d++) {
		a.text[0] = b.text[0] = '\0';
		assert_int_equal(store_report(st, d, NULL, NULL, NULL, collect, &a, &err), CS_OK);
		assert_int_equal(store_report_fullscan(st, d, NULL, NULL, NULL, 0, collect, &b, &err),
		                 CS_OK);
		assert_string_equal(a.text, b.text);
		if (d != DIM_DEBRIEF_DUE)   /* no debrief queue before v3 */
			assert_true(a.text[0] != '\0');
	}
	a.text[0] = '\0';
	store_report(st, DIM_QUESTION_FAILED, NULL, NULL, NULL, collect, &a, &err);
	assert_string_equal(a.text, "safe=1;");
	a.text[0] = '\0';
	store_report(st, DIM_FOLLOWUP_DONE, NULL, NULL, NULL, collect, &a, &err);
	assert_string_equal(a.text, "late=1;on-target=1;");
	store_close(st);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), store_schema_version());
	snprintf(bak, sizeof bak, "%s.backup-v1", path);
	assert_int_equal(raw_int(bak, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(bak, "SELECT count(*) FROM contact"), 2);
	/* A second old file next to it does not overwrite that backup. */
	unlink(path);
	make_v1(path);
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	store_close(st);
	snprintf(bak, sizeof bak, "%s.backup-v1-2", path);
	assert_int_equal(raw_int(bak, "PRAGMA user_version"), 1);
}

/* Version 5 had one due time per follow-up.  Migrated to 6, each keeps
 * it as both its target and its limit, and each done one keeps how it
 * was done; follow-ups made afterwards have both. */
static void
migrates_v5_followups_to_target_and_limit(void **state)
{
	struct store *st;
	struct cs_err err;
	struct followup f;
	struct rows a;
	char bak[600];
	int64_t id, at = 1790000000;

	(void)state;
	snprintf(path, sizeof path, "%s/cslog.db", dir);
	assert_int_equal(store_create_version(path, 5, &err), CS_OK);
	raw(path, "INSERT INTO member (id, badge, name, role, created_at)"
	          " VALUES (1, 'B1', 'Ann', 'member', 1);"
	          "INSERT INTO contact (id, member_id, at, logged_at, policy_id, policy_version,"
	          " kind, channel, outcome, summary)"
	          " VALUES (1, 1, 1790000000, 1790000000, 'bes', '1', 'customer', 'voice-mail',"
	          " 'resolved', 'old one');"
	          "INSERT INTO contact_fts (rowid, summary, added_value, notes)"
	          " VALUES (1, 'old one', NULL, NULL);"
	          "INSERT INTO followup (contact_id, created_at, due_at, due_eff, state, done_at,"
	          " paused_seconds)"
	          " VALUES (1, 1790000000, 1790003600, 1790003600, 2, 1790001000, 0),"
	          " (1, 1790000000, 1790003600, 1790007200, 2, 1790007300, 3600),"
	          " (1, 1790000000, 1790003600, 1790003600, 0, NULL, 0);");
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM followup WHERE limit_at = due_at"
	                         " AND limit_eff = due_eff"), 3);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM followup WHERE done_grade IS NULL"),
	                 1);
	assert_int_equal(raw_int(path, "SELECT done_grade FROM followup WHERE id = 1"), 0);
	assert_int_equal(raw_int(path, "SELECT done_grade FROM followup WHERE id = 2"), 2);
	a.text[0] = '\0';
	store_report(st, DIM_FOLLOWUP_DONE, NULL, NULL, NULL, collect, &a, &err);
	assert_string_equal(a.text, "late=1;on-target=1;");
	/* The open one: due and overdue at the one time it had. */
	assert_int_equal(store_followup_get(st, 3, 1790003600, &f, &err), CS_OK);
	assert_int_equal(f.limit_at, f.due_at);
	assert_false(f.overdue);
	record_followup_clear(&f);
	assert_int_equal(store_followup_get(st, 3, 1790003601, &f, &err), CS_OK);
	assert_true(f.overdue);
	record_followup_clear(&f);
	/* A new one with a target and a later limit. */
	assert_int_equal(store_followup_add_clock(st, 0, 1, at + 3600, at + 86400, NULL, at, &id,
	                                          &err), CS_OK);
	assert_int_equal(store_followup_get(st, id, at + 7200, &f, &err), CS_OK);
	assert_false(f.overdue);
	assert_int_equal(f.clock, DEADLINE_PAST_TARGET);
	record_followup_clear(&f);
	assert_int_equal(store_followup_add_clock(st, 0, 1, at + 3600, at + 60, NULL, at, &id,
	                                          &err), CS_DATAERR);
	store_close(st);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), store_schema_version());
	snprintf(bak, sizeof bak, "%s.backup-v5", path);
	assert_int_equal(raw_int(bak, "PRAGMA user_version"), 5);
	assert_int_equal(raw_int(bak, "SELECT count(*) FROM followup"), 3);
}

static void
no_backup_no_migration(void **state)
{
	struct store *st;
	struct cs_err err;
	char name[300];

	(void)state;
	/* The backup's name is too long for the file system: it fails. */
	memset(name, 'x', 240);
	name[240] = '\0';
	snprintf(path, sizeof path, "%s/%s", dir, name);
	make_v1(path);
	assert_int_equal(store_open(path, 0, &st, &err), CS_CANTCREAT);
	assert_null(st);
	assert_non_null(strstr(err.msg, "was not upgraded"));
	assert_non_null(strstr(err.msg, "backup"));
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 1);
}

static void
backup_is_a_usable_copy(void **state)
{
	struct store *st, *copy;
	struct cs_err err;
	struct store_verify_result res;
	char dest[600];
	int64_t n;

	(void)state;
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	add_member(st, "B1");
	add_member(st, "B2");
	snprintf(dest, sizeof dest, "%s/copy.db", dir);
	assert_int_equal(store_backup(st, dest, &err), CS_OK);
	add_member(st, "B3");
	assert_int_equal(store_backup(st, dest, &err), CS_OK); /* replaces */
	store_close(st);
	assert_int_equal(store_open(dest, STORE_READONLY, &copy, &err), CS_OK);
	assert_int_equal(store_member_count(copy, &n, &err), CS_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_verify(copy, NULL, NULL, &res, &err), CS_OK);
	assert_true(res.ok);
	store_close(copy);
	snprintf(dest, sizeof dest, "%s/no/such/dir/copy.db", dir);
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	assert_int_equal(store_backup(st, dest, &err), CS_CANTCREAT);
	store_close(st);
}

/* A second writer waits for the first (BEGIN IMMEDIATE + busy timeout)
 * instead of failing. */
static void
writers_wait_for_each_other(void **state)
{
	struct store *st;
	struct cs_err err;
	sqlite3 *db;
	pid_t pid;
	int status;
	int64_t n;

	(void)state;
	/* The file exists before the child takes its lock; the store is
	 * opened after the fork, so the child has no copy of it to leak. */
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	store_close(st);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (sqlite3_open(path, &db) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		usleep(400 * 1000);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	usleep(100 * 1000);
	assert_int_equal(store_open(path, 0, &st, &err), CS_OK);
	add_member(st, "B1");
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(store_member_count(st, &n, &err), CS_OK);
	assert_int_equal(n, 1);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(creates_private_files, setup, teardown),
		cmocka_unit_test_setup_teardown(uses_wal, setup, teardown),
		cmocka_unit_test_setup_teardown(reopen_keeps_data, setup, teardown),
		cmocka_unit_test_setup_teardown(readonly_needs_a_file_and_refuses_writes, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(refuses_a_newer_database, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_what_is_not_a_database, setup, teardown),
		cmocka_unit_test_setup_teardown(migrates_after_a_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(migrates_v5_followups_to_target_and_limit, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(no_backup_no_migration, setup, teardown),
		cmocka_unit_test_setup_teardown(backup_is_a_usable_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(writers_wait_for_each_other, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
