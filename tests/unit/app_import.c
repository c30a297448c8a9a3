/* app_import.c - the CSV reader and the import use case, on a real
 * SQLite file in a temporary directory with the shipped policies (run
 * from the source tree). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cslog/app.h"
#include "csv.h"
#include "cslog/import.h"
#include "cslog/store.h"
#include "app_int.h"

struct fixture {
	char dir[64];
	char db[128];
	struct app a;
	struct store *st;
	int64_t sup;
};

struct errs {
	int n;
	long line[64];
	char msg[64][512];
};

static void
collect(void *ctx, long line, const char *msg)
{
	struct errs *e = ctx;

	if (e->n < 64) {
		e->line[e->n] = line;
		snprintf(e->msg[e->n], sizeof e->msg[0], "%s", msg);
	}
	e->n++;
}

static FILE *
file_with(struct fixture *fx, const char *name, const char *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", fx->dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	return f;
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct policy_diags diags = { 0 };
	struct cs_err err = { 0 };
	struct member m = { 0 };

	assert_non_null(fx);
	strcpy(fx->dir, "/tmp/cslog-import.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->db, sizeof fx->db, "%s/cslog.db", fx->dir);
	app_init(&fx->a);
	fx->a.db_path = fx->db;
	fx->a.policies_dir = "policies";
	assert_int_equal(app_load_policies(&fx->a, &diags, &err), CS_OK);
	policy_diags_free(&diags);
	fx->st = app_store(&fx->a, &err);
	assert_non_null(fx->st);
	m.badge = "sup";
	m.name = "The Supervisor";
	m.role = ROLE_SUPERVISOR;
	assert_int_equal(store_member_add(fx->st, 0, &m, NULL, fx->a.now, &fx->sup, &err),
	    CS_OK);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	struct dirent *d;
	DIR *dir;
	char path[512];

	app_done(&fx->a);
	dir = opendir(fx->dir);
	while (dir != NULL && (d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", fx->dir, d->d_name);
		unlink(path);
	}
	if (dir != NULL)
		closedir(dir);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* ---- the CSV reader ------------------------------------------------- */

static void
csv_quoting_and_line_breaks(void **state)
{
	static const char in[] = "a,b,c\r\n\"x,1\",\"he said \"\"hi\"\"\",\"one\r\ntwo\"\r\n"
	    "\r\n\nlast,,\rafter,cr\n";
	struct fixture *fx = *state;
	FILE *f = file_with(fx, "q.csv", in, sizeof in - 1);
	struct csv_reader *r = csv_reader_new(f);
	struct csv_record rec;
	struct cs_err err = { 0 };

	assert_int_equal(csv_read(r, &rec, &err), 1);
	assert_int_equal(rec.n, 3);
	assert_int_equal(rec.line, 1);
	assert_string_equal(rec.fields[2], "c");
	assert_int_equal(csv_read(r, &rec, &err), 1);
	assert_int_equal(rec.line, 2);
	assert_int_equal(rec.n, 3);
	assert_string_equal(rec.fields[0], "x,1");
	assert_string_equal(rec.fields[1], "he said \"hi\"");
	assert_string_equal(rec.fields[2], "one\r\ntwo");
	assert_int_equal(csv_read(r, &rec, &err), 1);  /* blank lines skipped */
	assert_int_equal(rec.line, 6);
	assert_int_equal(rec.n, 3);
	assert_string_equal(rec.fields[0], "last");
	assert_string_equal(rec.fields[1], "");
	assert_string_equal(rec.fields[2], "");
	assert_int_equal(csv_read(r, &rec, &err), 1);  /* a lone CR ends a line */
	assert_int_equal(rec.line, 7);
	assert_string_equal(rec.fields[1], "cr");
	assert_int_equal(csv_read(r, &rec, &err), 0);
	assert_int_equal(csv_read(r, &rec, &err), 0);
	csv_reader_free(r);
	fclose(f);
}

static void
csv_malformed_records(void **state)
{
	static const char in[] = "\xef\xbb\xbfh1,h2\nab\"c,d\nok,1\n\"x\"y,2\nn\0ul,3\n"
	    "fine,4\n\"open,5\nnever closed\n";
	struct fixture *fx = *state;
	FILE *f = file_with(fx, "bad.csv", in, sizeof in - 1);
	struct csv_reader *r = csv_reader_new(f);
	struct csv_record rec;
	struct cs_err err = { 0 };

	assert_int_equal(csv_read(r, &rec, &err), 1);
	assert_string_equal(rec.fields[0], "h1");  /* the BOM is gone */
	assert_int_equal(csv_read(r, &rec, &err), CS_DATAERR);
	assert_int_equal(rec.line, 2);
	assert_non_null(strstr(err.msg, "quote inside a field"));
	assert_int_equal(csv_read(r, &rec, &err), 1);
	assert_string_equal(rec.fields[0], "ok");
	assert_int_equal(csv_read(r, &rec, &err), CS_DATAERR);
	assert_int_equal(rec.line, 4);
	assert_non_null(strstr(err.msg, "after the closing quote"));
	assert_int_equal(csv_read(r, &rec, &err), CS_DATAERR);
	assert_int_equal(rec.line, 5);
	assert_non_null(strstr(err.msg, "NUL"));
	assert_int_equal(csv_read(r, &rec, &err), 1);
	assert_string_equal(rec.fields[0], "fine");
	assert_int_equal(rec.line, 6);
	assert_int_equal(csv_read(r, &rec, &err), CS_DATAERR);
	assert_int_equal(rec.line, 7);
	assert_non_null(strstr(err.msg, "never closed"));
	assert_int_equal(csv_read(r, &rec, &err), 0);
	csv_reader_free(r);
	fclose(f);
}

static void
csv_long_fields(void **state)
{
	struct fixture *fx = *state;
	size_t big = 1024 * 1024, huge = CSV_RECORD_MAX + 10, n = 0;
	char *in = malloc(huge + big + 64);
	struct csv_reader *r;
	struct csv_record rec;
	struct cs_err err = { 0 };
	FILE *f;

	assert_non_null(in);
	in[n++] = '"';
	memset(in + n, 'a', big);
	n += big;
	n += (size_t)sprintf(in + n, "\",x\n");
	memset(in + n, 'b', huge);
	n += huge;
	n += (size_t)sprintf(in + n, "\nafter,y\n");
	f = file_with(fx, "long.csv", in, n);
	r = csv_reader_new(f);
	assert_int_equal(csv_read(r, &rec, &err), 1);  /* a 1 MB field is fine */
	assert_int_equal(rec.lens[0], big);
	assert_string_equal(rec.fields[1], "x");
	assert_int_equal(csv_read(r, &rec, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "16 MiB"));
	/* Reading stops at a record too long: what follows is not read
	 * (an input with no line break, /dev/zero, would never end). */
	assert_true(csv_reader_lost(r));
	assert_int_equal(csv_read(r, &rec, &err), 0);
	csv_reader_free(r);
	fclose(f);
	free(in);
}

/* A smaller limit (a CSV header's), NUL bytes counted toward it, and
 * every byte read copied where asked (the spool of standard input). */
static void
csv_limit_and_copy(void **state)
{
	static const char in[] = "a,b\nxxxxxxxxxxxxxxxxxxxx\nnever,read\n";
	struct fixture *fx = *state;
	FILE *f = file_with(fx, "lim.csv", in, sizeof in - 1), *z, *copy = tmpfile();
	struct csv_reader *r = csv_reader_new(f);
	struct csv_record rec;
	struct cs_err err = { 0 };
	char got[64] = "";
	size_t n;

	assert_non_null(copy);
	csv_reader_copy_to(r, copy);
	csv_reader_limit(r, 8);
	assert_int_equal(csv_read(r, &rec, &err), 1);
	assert_string_equal(rec.fields[1], "b");
	assert_int_equal(csv_read(r, &rec, &err), CS_DATAERR);
	assert_non_null(strstr(err.msg, "longer than 8 bytes"));
	assert_true(csv_reader_lost(r));
	assert_int_equal(csv_read(r, &rec, &err), 0);
	assert_int_equal(csv_reader_copy_errno(r), 0);
	rewind(copy);
	n = fread(got, 1, sizeof got - 1, copy);
	assert_int_equal(n, sizeof in - 1);   /* the buffer read: the whole small file */
	csv_reader_free(r);
	fclose(f);
	fclose(copy);
	/* NUL bytes and no line break: the limit still ends it. */
	z = fopen("/dev/zero", "r");
	assert_non_null(z);
	r = csv_reader_new(z);
	csv_reader_limit(r, 4096);
	assert_int_equal(csv_read(r, &rec, &err), CS_DATAERR);
	assert_true(csv_reader_lost(r));
	csv_reader_free(r);
	r = csv_reader_new(z);
	assert_int_equal(csv_read_line(r, &rec, &err), CS_DATAERR);
	assert_true(csv_reader_lost(r));
	csv_reader_free(r);
	fclose(z);
}

static void
lines_for_json(void **state)
{
	static const char in[] = "\xef\xbb\xbf{\"a\":1}\r\n\n{\"b\":\"x\0y\"}\nlast";
	struct fixture *fx = *state;
	FILE *f = file_with(fx, "l.jsonl", in, sizeof in - 1);
	struct csv_reader *r = csv_reader_new(f);
	struct csv_record rec;
	struct cs_err err = { 0 };

	assert_int_equal(csv_read_line(r, &rec, &err), 1);
	assert_string_equal(rec.fields[0], "{\"a\":1}");
	assert_int_equal(csv_read_line(r, &rec, &err), 1);
	assert_int_equal(rec.lens[0], 0);
	assert_int_equal(csv_read_line(r, &rec, &err), 1);
	assert_int_equal(rec.line, 3);
	assert_int_equal(rec.lens[0], 11);  /* the NUL is kept for the caller */
	assert_int_equal(csv_read_line(r, &rec, &err), 1);
	assert_string_equal(rec.fields[0], "last");
	assert_int_equal(csv_read_line(r, &rec, &err), 0);
	csv_reader_free(r);
	fclose(f);
}

/* ---- import --------------------------------------------------------- */

static int
run_import(struct fixture *fx, const char *data, size_t len, enum import_format fmt,
           bool skip, struct errs *e, struct import_stats *s)
{
	struct import_opts o = { fmt, skip, collect, e };
	struct cs_err err = { 0 };
	struct app_actor who;
	FILE *f = file_with(fx, fmt == IMPORT_CSV ? "in.csv" : "in.jsonl", data, len);
	int rc;

	memset(e, 0, sizeof *e);
	assert_int_equal(app_actor_load(&fx->a, fx->sup, &who, &err), CS_OK);
	rc = import_file(&fx->a, &who, f, &o, s, &err);
	fclose(f);
	return rc;
}

static int64_t
max_id(struct fixture *fx)
{
	int64_t id = -1;

	assert_int_equal(store_contact_max_id(fx->st, &id, NULL), CS_OK);
	return id;
}

static bool
member_exists(struct fixture *fx, const char *badge)
{
	struct member m = { 0 };
	bool yes = store_member_find(fx->st, badge, &m, NULL) == CS_OK;

	record_member_clear(&m);
	return yes;
}

static const char good_csv[] =
	"id,member,member_name,at,logged_at,policy,kind,channel,outcome,summary,"
	"added_value,answers,referral_to,referee_contacted,customer_phone\r\n"
	"7,m1,Ann One,2026-03-01T10:00:00Z,2026-03-01T10:05:00Z,phoenix,recipient,phone,"
	"resolved,\"Fixed it, \"\"quickly\"\"\",,,,,555-0100\r\n"
	"9,m2,Bob Two,2026-03-02T10:00:00Z,,phoenix,close,on-scene,assisted,\"Fed the\n"
	"dog\",Fed the dog,customer=yes;department=yes;legal=yes;safe=yes;level=yes;"
	"accountable=yes;values=yes,,,\r\n"
	"12,m1,,2026-03-03T10:00:00Z,,bsofr,recipient,phone,referred,Sent on,,,"
	"Red Cross,yes,\r\n";

static void
import_good_rows(void **state)
{
	struct fixture *fx = *state;
	struct import_stats s;
	struct errs e;
	struct contact c = { 0 };
	struct member m = { 0 };

	assert_int_equal(run_import(fx, good_csv, sizeof good_csv - 1, IMPORT_CSV, false, &e,
	    &s), CS_OK);
	assert_int_equal(e.n, 0);
	assert_int_equal(s.imported, 3);
	assert_int_equal(s.members_created, 2);
	assert_int_equal(s.bad, 0);
	assert_int_equal(max_id(fx), 12);
	assert_int_equal(store_contact_get(fx->st, 7, STORE_PROTECTED, fx->a.now, &c, NULL),
	    CS_OK);
	assert_string_equal(c.summary, "Fixed it, \"quickly\"");
	assert_string_equal(c.customer_phone, "555-0100");
	assert_int_equal(c.logged_at, 1772359500);
	assert_string_equal(c.policy_version, "2026.2");   /* the loaded one */
	record_contact_clear(&c);
	assert_int_equal(store_contact_get(fx->st, 9, 0, fx->a.now, &c, NULL), CS_OK);
	assert_string_equal(c.summary, "Fed the\ndog");
	assert_int_equal(c.empowered, TRI_YES);
	assert_int_equal(c.n_answers, 7);
	record_contact_clear(&c);
	assert_int_equal(store_contact_get(fx->st, 12, 0, fx->a.now, &c, NULL), CS_OK);
	assert_string_equal(c.referral_to, "Red Cross");
	assert_int_equal(c.referee_contacted, TRI_YES);
	record_contact_clear(&c);
	assert_int_equal(store_member_find(fx->st, "m1", &m, NULL), CS_OK);
	assert_string_equal(m.name, "Ann One");
	assert_int_equal(m.role, ROLE_MEMBER);
	assert_false(m.has_pin);
	record_member_clear(&m);
	/* The same file again: every id is taken, nothing goes in. */
	assert_int_equal(run_import(fx, good_csv, sizeof good_csv - 1, IMPORT_CSV, false, &e,
	    &s), CS_DATAERR);
	assert_int_equal(e.n, 3);
	assert_non_null(strstr(e.msg[0], "taken"));
	assert_int_equal(s.imported, 0);
}

static const char mixed_csv[] =
	"member,member_name,at,policy,kind,channel,outcome,summary\n"
	"m1,Ann One,2026-03-01T10:00:00Z,phoenix,recipient,phone,resolved,\"two\n"
	"lines\"\n"
	"m1,Ann One,2026-03-01T11:00:00Z,phoenix,nosuchkind,phone,resolved,bad kind\n"
	"m2,Bob,2026-03-01T12:00:00Z,phoenix,recipient,phone,resolved,fine\n"
	"m3,Cy,yesterday,phoenix,recipient,phone,resolved,bad time\n"
	"m4,Di,2026-03-01T12:00:00Z,phoenix,recipient,phone,referred,no referral\n"
	"m5,Ed,2026-03-01T12:00:00Z,phoenix,recipient,phone\n"
	"m6,Flo,2026-03-01T12:00:00Z,nosuch,recipient,phone,resolved,unknown policy\n"
	"m7,Gus,2026-03-01T12:00:00Z,phoenix,recipient,phone,resolved,\"bad \xff utf8\"\n";

static void
expect_errors(const struct errs *e)
{
	assert_int_equal(e->n, 6);
	assert_int_equal(e->line[0], 4);
	assert_non_null(strstr(e->msg[0], "unknown customer kind 'nosuchkind'"));
	assert_int_equal(e->line[1], 6);
	assert_non_null(strstr(e->msg[1], "at: 'yesterday'"));
	assert_int_equal(e->line[2], 7);
	assert_non_null(strstr(e->msg[2], "needs the referral"));
	assert_int_equal(e->line[3], 8);
	assert_non_null(strstr(e->msg[3], "6 fields, but the header names 8"));
	assert_int_equal(e->line[4], 9);
	assert_non_null(strstr(e->msg[4], "unknown policy 'nosuch'"));
	assert_int_equal(e->line[5], 10);
	assert_non_null(strstr(e->msg[5], "summary: not valid UTF-8"));
}

static void
errors_import_nothing(void **state)
{
	struct fixture *fx = *state;
	struct import_stats s;
	struct errs e;

	assert_int_equal(run_import(fx, mixed_csv, sizeof mixed_csv - 1, IMPORT_CSV, false, &e,
	    &s), CS_DATAERR);
	expect_errors(&e);
	assert_int_equal(s.bad, 6);
	assert_int_equal(s.imported, 0);
	assert_int_equal(s.members_created, 0);
	assert_int_equal(max_id(fx), 0);
	assert_false(member_exists(fx, "m1"));
	assert_false(member_exists(fx, "m2"));
}

static void
skip_bad_imports_the_good(void **state)
{
	struct fixture *fx = *state;
	struct import_stats s;
	struct errs e;

	assert_int_equal(run_import(fx, mixed_csv, sizeof mixed_csv - 1, IMPORT_CSV, true, &e,
	    &s), CS_DATAERR);
	expect_errors(&e);
	assert_int_equal(s.imported, 2);
	assert_int_equal(s.members_created, 2);
	assert_int_equal(max_id(fx), 2);
	assert_true(member_exists(fx, "m1"));
	assert_true(member_exists(fx, "m2"));
	assert_false(member_exists(fx, "m3"));
	assert_false(member_exists(fx, "m4"));
}

static void
bad_headers(void **state)
{
	static const char *const files[] = {
		"member,at,policy,kind,channel,outcome,summary,colour\n",
		"member,at,policy,kind,channel,outcome\n",
		"member,at,member,policy,kind,channel,outcome,summary\n",
		"m1,2026-03-01T10:00:00Z,phoenix,recipient,phone,resolved,hi\n",
		"",
		"member,\"at\"x,policy\n",
	};
	static const char *const want[] = {
		"unknown column 'colour'", "no column 'summary'", "named twice",
		"unknown column 'm1'", "empty", "after the closing quote",
	};
	struct fixture *fx = *state;
	struct import_stats s;
	struct errs e;
	size_t i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		assert_int_equal(run_import(fx, files[i], strlen(files[i]), IMPORT_CSV, true,
		    &e, &s), CS_DATAERR);
		assert_true(s.unreadable);
		assert_int_equal(e.n, 1);
		assert_int_equal(e.line[0], 1);
		assert_non_null(strstr(e.msg[0], want[i]));
	}
	assert_int_equal(max_id(fx), 0);
}

/* A header-only file and a BOM: fine, nothing to do. */
static void
header_only_and_bom(void **state)
{
	static const char in[] = "\xef\xbb\xbfmember,at,policy,kind,channel,outcome,summary\r\n";
	struct fixture *fx = *state;
	struct import_stats s;
	struct errs e;

	assert_int_equal(run_import(fx, in, sizeof in - 1, IMPORT_CSV, false, &e, &s), CS_OK);
	assert_int_equal(s.imported, 0);
	assert_int_equal(run_import(fx, "", 0, IMPORT_JSONL, false, &e, &s), CS_OK);
	assert_int_equal(s.imported, 0);
}

#define J(id, extra) "{\"id\":" #id ",\"member\":\"m1\",\"at\":\"2026-03-01T10:00:00Z\"," \
	"\"policy\":\"phoenix\",\"kind\":\"recipient\",\"channel\":\"phone\"," \
	"\"outcome\":\"resolved\",\"summary\":\"v" #id "\"" extra "}\n"

/* Amendments come after what they correct, whatever the file's order. */
static void
amendments_relinked(void **state)
{
	static const char in[] =
	    J(5, ",\"amends\":3,\"amend_reason\":\"typo again\"")
	    J(3, ",\"amends\":1,\"amend_reason\":\"typo\",\"superseded_by\":5")
	    J(1, ",\"superseded_by\":3")
	    J(2, "");
	struct fixture *fx = *state;
	struct import_stats s;
	struct errs e;
	struct contact c = { 0 };

	assert_int_equal(run_import(fx, in, sizeof in - 1, IMPORT_JSONL, false, &e, &s), CS_OK);
	assert_int_equal(s.imported, 4);
	assert_int_equal(store_contact_get(fx->st, 1, 0, fx->a.now, &c, NULL), CS_OK);
	assert_int_equal(c.superseded_by, 3);
	record_contact_clear(&c);
	assert_int_equal(store_contact_get(fx->st, 3, 0, fx->a.now, &c, NULL), CS_OK);
	assert_int_equal(c.superseded_by, 5);
	assert_int_equal(c.amends, 1);
	record_contact_clear(&c);
	assert_int_equal(store_contact_get(fx->st, 5, 0, fx->a.now, &c, NULL), CS_OK);
	assert_int_equal(c.superseded_by, 0);
	assert_string_equal(c.amend_reason, "typo again");
	record_contact_clear(&c);
}

static void
jsonl_errors(void **state)
{
	static const char in[] =
	    J(1, "")
	    "{\"id\": 2, oops}\n"
	    "\n"
	    J(4, ",\"colour\":\"red\"")
	    J(5, ",\"amends\":99,\"amend_reason\":\"x\"")
	    J(6, ",\"empowered\":true")
	    "{\"id\":7,\"summary\":\"nul\\u0000\"}\n"
	    "{\"id\":8,\"summary\":\"\xc3\x28\"}\n"
	    "[1,2]\n"
	    J(10, ",\"needs_met\":\"maybe\"");
	static const long want_line[] = { 2, 4, 6, 7, 8, 9, 10, 5 };
	static const char *const want[] = {
		"not a valid JSON object", "unknown field 'colour'", "empowered: the file says yes",
		"not a valid JSON object", "not a valid JSON object", "must be a JSON object",
		"needs_met: 'maybe'", "no contact 99",
	};
	struct fixture *fx = *state;
	struct import_stats s;
	struct errs e;
	size_t i;

	assert_int_equal(run_import(fx, in, sizeof in - 1, IMPORT_JSONL, true, &e, &s),
	    CS_DATAERR);
	assert_int_equal(e.n, 8);
	for (i = 0; i < 8; i++) {
		assert_int_equal(e.line[i], want_line[i]);
		assert_non_null(strstr(e.msg[i], want[i]));
	}
	assert_int_equal(s.imported, 1);
	assert_int_equal(max_id(fx), 1);
}

/* A version other than the loaded one is kept, and counted. */
static void
policy_version_kept(void **state)
{
	static const char in[] = J(1, ",\"policy_version\":\"2025.9\"") J(2, "");
	struct fixture *fx = *state;
	struct import_stats s;
	struct errs e;
	struct contact c = { 0 };

	assert_int_equal(run_import(fx, in, sizeof in - 1, IMPORT_JSONL, false, &e, &s), CS_OK);
	assert_int_equal(s.other_version, 1);
	assert_int_equal(store_contact_get(fx->st, 1, 0, fx->a.now, &c, NULL), CS_OK);
	assert_string_equal(c.policy_version, "2025.9");
	record_contact_clear(&c);
	assert_int_equal(store_contact_get(fx->st, 2, 0, fx->a.now, &c, NULL), CS_OK);
	assert_string_equal(c.policy_version, "2026.2");   /* the loaded one */
	record_contact_clear(&c);
}

static void
formats_by_name(void **state)
{
	(void)state;
	assert_int_equal(import_format_of("a/b.csv"), IMPORT_CSV);
	assert_int_equal(import_format_of("x.jsonl"), IMPORT_JSONL);
	assert_int_equal(import_format_of("x.ndjson"), IMPORT_JSONL);
	assert_int_equal(import_format_of("x.txt"), IMPORT_AUTO);
	assert_int_equal(import_format_of("dir.csv/file"), IMPORT_AUTO);
	assert_int_equal(import_parse_format("jsonl"), IMPORT_JSONL);
	assert_int_equal(import_parse_format("xml"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(csv_quoting_and_line_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(csv_malformed_records, setup, teardown),
		cmocka_unit_test_setup_teardown(csv_long_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(csv_limit_and_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(lines_for_json, setup, teardown),
		cmocka_unit_test_setup_teardown(import_good_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_import_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(skip_bad_imports_the_good, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(header_only_and_bom, setup, teardown),
		cmocka_unit_test_setup_teardown(amendments_relinked, setup, teardown),
		cmocka_unit_test_setup_teardown(jsonl_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(policy_version_kept, setup, teardown),
		cmocka_unit_test(formats_by_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
