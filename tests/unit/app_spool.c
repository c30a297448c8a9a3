/* app_spool.c - the private local spool (src/app/spool.c): a contact
 * kept on the terminal with its key, in a file of mode 0600 in a
 * directory of 0700; read back whole; a file that is not a spool file
 * (not JSON, not cslog's, no key, no member, no contact) refused with a
 * message naming it, never a crash; counted for its server and member
 * only; a server that does not answer keeps every file; a spool
 * directory that is a link, or another's, is not used. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "app_int.h"
#include "cslog/app_screens.h"
#include "tmpdir.h"

#define SERVER "postgresql:///cslog?host=/nonexistent-cslog-test&user=cslog_terminal"

static char dir[64], db[128], spool[256];

static int
setup(void **state)
{
	char state_home[128];

	(void)state;
	if (tmpdir_make(dir, db, "spool") == NULL)
		return -1;
	snprintf(state_home, sizeof state_home, "%s/state", dir);
	setenv("XDG_STATE_HOME", state_home, 1);
	snprintf(spool, sizeof spool, "%s/cslog/spool", state_home);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tmpdir_remove(dir);
	return 0;
}

static void
server_app(struct app *a)
{
	app_init(a);
	a->db_path = SERVER;
}

static const struct app_actor m1 = { .id = 2, .badge = "M1", .name = "Mo Member" };

static void
a_contact(struct contact *c)
{
	static const char *const std[] = { "professional", "courteous-driving" };

	memset(c, 0, sizeof *c);
	c->at = 1796464203;
	c->policy_id = "bsofr";
	c->policy_version = "2026.2";
	c->kind = "recipient";
	c->channel = "on-scene";
	c->outcome = "resolved";
	c->summary = "Kept while the server was down";
	c->needs_met = TRI_YES;
	c->standards = std;
	c->n_standards = 2;
	c->customer_phone = "555-0100";
	c->followup_due = 1796550603;
	c->followup_note = "call back";
}

static void
write_file(const char *name, const char *text)
{
	char p[400];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", spool, name);
	assert_non_null(f = fopen(p, "w"));
	fputs(text, f);
	fclose(f);
}

#include <dirent.h>
static void
remove_drafts(const char *d)
{
	char p[4900];
	struct dirent *e;
	DIR *dd = opendir(d);

	while (dd != NULL && (e = readdir(dd)) != NULL) {
		if (strstr(e->d_name, ".draft") != NULL) {
			snprintf(p, sizeof p, "%s/%s", d, e->d_name);
			unlink(p);
		}
	}
	if (dd != NULL)
		closedir(dd);
}

static void
keys_are_random_hex(void **state)
{
	char k1[APP_KEY_LEN], k2[APP_KEY_LEN];
	struct cs_err err = { 0 };
	size_t i;

	(void)state;
	assert_int_equal(app_contact_key(k1, &err), CS_OK);
	assert_int_equal(app_contact_key(k2, &err), CS_OK);
	assert_int_equal(strlen(k1), 32);
	for (i = 0; i < 32; i++)
		assert_non_null(strchr("0123456789abcdef", k1[i]));
	assert_string_not_equal(k1, k2);
}

static void
kept_whole_private_and_counted(void **state)
{
	struct app a;
	struct contact c, back;
	struct cs_err err = { 0 };
	struct stat s;
	char key[APP_KEY_LEN], path[4400], k[APP_KEY_LEN], server[32];
	int64_t member = 0;
	int waiting = -1, refused = -1, sent = -1, drafts = -1;
	struct app_actor m2 = m1;

	(void)state;
	server_app(&a);
	a_contact(&c);
	assert_int_equal(app_contact_key(key, &err), CS_OK);
	assert_int_equal(app_spool_put(&a, &m1, &c, key, "contact-3", path, sizeof path, &err),
	                 CS_OK);
	assert_int_equal(stat(path, &s), 0);
	assert_int_equal(s.st_mode & 0777, 0600);
	assert_int_equal(stat(spool, &s), 0);
	assert_int_equal(s.st_mode & 0777, 0700);
	if (app_spool_read(path, &back, k, sizeof k, server, sizeof server, &member, &err) != CS_OK)
		fail_msg("%s", err.msg);
	assert_string_equal(k, key);
	assert_int_equal(member, 2);
	assert_string_equal(back.summary, c.summary);
	assert_string_equal(back.policy_id, "bsofr");
	assert_int_equal(back.at, c.at);
	assert_int_equal(back.n_standards, 2);
	assert_string_equal(back.customer_phone, "555-0100");
	assert_int_equal(back.followup_due, c.followup_due);
	assert_string_equal(back.followup_note, "call back");
	assert_int_equal(app_spool_count(&a, &m1, &waiting, &refused, &drafts, &err), CS_OK);
	assert_int_equal(waiting, 1);
	assert_int_equal(refused, 0);
	assert_int_equal(drafts, 0);
	/* A draft left while the server did not answer: kept, counted. */
	assert_int_equal(app_spool_draft_put(&a, &m1, "contact-4", "{\"summary\":\"half\"}",
	                                     &err), CS_OK);
	assert_int_equal(app_spool_draft_put(&a, &m1, "../x", "{}", &err), CS_SOFTWARE);
	assert_int_equal(app_spool_count(&a, &m1, &waiting, &refused, &drafts, &err), CS_OK);
	assert_int_equal(drafts, 1);
	m2.id = 3;   /* another member's: not counted for them */
	assert_int_equal(app_spool_count(&a, &m2, &waiting, &refused, &drafts, &err), CS_OK);
	assert_int_equal(waiting, 0);
	/* A server that does not answer: nothing sent, nothing lost. */
	assert_int_equal(app_spool_send(&a, &m1, &sent, NULL, NULL, &err), CS_TEMPFAIL);
	assert_int_equal(sent, 0);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(app_spool_count(&a, &m1, &waiting, &refused, &drafts, &err), CS_OK);
	assert_int_equal(drafts, 1);   /* still kept */
	unlink(path);
	{
		char d[4400];

		snprintf(d, sizeof d, "%s", path);
		*strrchr(d, '/') = '\0';
		remove_drafts(d);
	}
	app_done(&a);
}

static void
bad_files_refused_not_crashed(void **state)
{
	static const struct { const char *name, *text, *says; } bad[] = {
		{ "00000000000000000000000000000001.json", "not json at all", "is not cslog's" },
		{ "00000000000000000000000000000002.json", "{\"key\": 1}", "cslog_spool" },
		{ "00000000000000000000000000000003.json",
		  "{\"cslog_spool\": 1, \"key\": \"XYZ\", \"member_id\": 2}", "32 hex" },
		{ "00000000000000000000000000000004.json",
		  "{\"cslog_spool\": 1, \"key\": \"00000000000000000000000000000004\"}",
		  "names no member" },
		{ "00000000000000000000000000000005.json",
		  "{\"cslog_spool\": 1, \"key\": \"00000000000000000000000000000005\","
		  " \"member_id\": 2, \"contact\": {\"colour\": \"red\"}}", "no contact cslog can read" },
		{ "00000000000000000000000000000006.json",
		  "{\"cslog_spool\": 1, \"key\": \"00000000000000000000000000000006\","
		  " \"member_id\": 2, \"contact\": [1, 2]}", "no contact cslog can read" },
	};
	struct app a;
	struct contact c;
	struct cs_err err;
	char path[400], k[APP_KEY_LEN], server[32], dummy[4400];
	int64_t member;
	int waiting, refused, drafts;
	size_t i;

	(void)state;
	server_app(&a);
	assert_int_equal(app_spool_dir(dummy, sizeof dummy, &(struct cs_err){ 0 }), CS_OK);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_file(bad[i].name, bad[i].text);
		snprintf(path, sizeof path, "%s/%s", spool, bad[i].name);
		memset(&err, 0, sizeof err);
		assert_int_equal(app_spool_read(path, &c, k, sizeof k, server, sizeof server,
		                                &member, &err), CS_DATAERR);
		if (strstr(err.msg, bad[i].says) == NULL || strstr(err.msg, path) == NULL)
			fail_msg("%s: %s", bad[i].name, err.msg);
	}
	/* Counted as refused (shown), never dropped. */
	memset(&err, 0, sizeof err);
	assert_int_equal(app_spool_count(&a, &m1, &waiting, &refused, &drafts, &err), CS_OK);
	assert_int_equal(waiting, 6);
	assert_int_equal(refused, 6);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", spool, bad[i].name);
		assert_int_equal(access(path, F_OK), 0);
		unlink(path);
	}
	app_done(&a);
}

static void
a_linked_or_open_spool_is_not_used(void **state)
{
	struct cs_err err = { 0 };
	char out[4400], other[200];

	(void)state;
	assert_int_equal(app_spool_dir(out, sizeof out, &err), CS_OK);
	assert_int_equal(chmod(spool, 0755), 0);
	assert_int_equal(app_spool_dir(out, sizeof out, &err), CS_OK);   /* closed again */
	{
		struct stat s;

		assert_int_equal(stat(spool, &s), 0);
		assert_int_equal(s.st_mode & 0777, 0700);
	}
	assert_int_equal(rmdir(spool), 0);
	snprintf(other, sizeof other, "%s/elsewhere", dir);
	assert_int_equal(mkdir(other, 0700), 0);
	assert_int_equal(symlink(other, spool), 0);
	memset(&err, 0, sizeof err);
	assert_int_equal(app_spool_dir(out, sizeof out, &err), CS_CANTCREAT);
	assert_non_null(strstr(err.msg, "not a directory of yours"));
	unlink(spool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_are_random_hex),
		cmocka_unit_test(kept_whole_private_and_counted),
		cmocka_unit_test(bad_files_refused_not_crashed),
		cmocka_unit_test(a_linked_or_open_spool_is_not_used),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
