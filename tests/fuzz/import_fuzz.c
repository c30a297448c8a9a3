/* import_fuzz.c - libFuzzer target for the importer (CSV and JSON Lines).
 *
 * The first byte of the input chooses the format and the mode: 'c' CSV,
 * 'j' JSON Lines; the upper-case letter ('C', 'J') imports with
 * skip_bad; any other byte is CSV.  The rest of the input is the file.
 *
 * Each input is imported into a fresh copy of a small template database
 * (a supervisor S1, the importer, and a member m1), made once in a
 * temporary directory,
 * so a run never depends on the inputs before it.  Policies come from
 * the source tree's policies/ (CSLOG_SOURCE_DIR, default the current
 * directory when the fuzzer starts, as `make fuzz` runs it).
 *
 *   build/fuzz/import-fuzz tests/fuzz/import_seeds */
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cslog/app.h"
#include "cslog/import.h"
#include "cslog/store.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct app app;
static char dir[PATH_MAX], work[PATH_MAX + 16], policies[PATH_MAX + 16];
static unsigned char *tmpl;
static size_t tmpl_len;
static int64_t actor;

static void
die(const char *what, const struct cs_err *e)
{
	fprintf(stderr, "import_fuzz: %s: %s\n", what, e != NULL ? e->msg : "");
	abort();
}

static void
seed_template(struct store *st)
{
	struct member m = { 0 };
	struct cs_err e = { 0 };
	int64_t id;

	m.badge = "S1"; m.name = "Sam Super"; m.role = ROLE_SUPERVISOR;
	if (store_member_add(st, 0, &m, NULL, app.now, &actor, &e) != CS_OK)
		die("supervisor", &e);
	m.badge = "m1"; m.name = "Ann O'Neil"; m.role = ROLE_MEMBER;
	if (store_member_add(st, actor, &m, NULL, app.now, &id, &e) != CS_OK)
		die("member", &e);
}

/* The template database, kept in memory as bytes. */
static void
make_template(void)
{
	char path[PATH_MAX + 16];
	struct store *st;
	struct cs_err e = { 0 };
	FILE *f;
	long n = 0;

	snprintf(path, sizeof path, "%s/template.db", dir);
	if (store_open(path, 0, &st, &e) != CS_OK)
		die("template", &e);
	seed_template(st);
	store_close(st);
	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0)
		die("read template", NULL);
	tmpl_len = (size_t)n;
	if ((tmpl = malloc(tmpl_len)) == NULL || fread(tmpl, 1, tmpl_len, f) != tmpl_len)
		die("read template", NULL);
	fclose(f);
	unlink(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *src = getenv("CSLOG_SOURCE_DIR");
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	struct policy_diags d = { 0 };
	struct cs_err e = { 0 };
	char real[PATH_MAX];

	(void)argc; (void)argv;
	if (realpath(src != NULL ? src : ".", real) == NULL)
		die("source directory", NULL);
	snprintf(policies, sizeof policies, "%s/policies", real);
	snprintf(dir, sizeof dir, "%s/cslog-import-fuzz.XXXXXX", base);
	if (mkdtemp(dir) == NULL)
		die("mkdtemp", NULL);
	snprintf(work, sizeof work, "%s/work.db", dir);
	setenv("CSLOG_NOW", "1790000000", 1);
	app_init(&app);
	app.policies_dir = policies;
	if (app_load_policies(&app, &d, &e) != CS_OK)
		die("policies", &e);
	policy_diags_free(&d);
	make_template();
	return 0;
}

/* A fresh copy of the template at work. */
static void
reset_db(void)
{
	char side[PATH_MAX + 32];
	int fd;

	snprintf(side, sizeof side, "%s-wal", work);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", work);
	unlink(side);
	fd = open(work, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, tmpl, tmpl_len) != (ssize_t)tmpl_len)
		die("write work db", NULL);
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o = { IMPORT_CSV, false, 0, NULL, NULL };
	struct import_stats stats;
	struct cs_err e = { 0 };
	char *buf;
	FILE *f;

	if (size == 0 || size > 1u << 20)
		return -1;
	o.format = (data[0] | 0x20) == 'j' ? IMPORT_JSONL : IMPORT_CSV;
	o.skip_bad = (data[0] == 'C' || data[0] == 'J');
	reset_db();
	app.db_path = work;
	if (app_store(&app, &e) == NULL)
		die("open work db", &e);
	o.actor_id = actor;
	/* fmemopen wants a non-empty buffer; the stream ends at size - 1. */
	if ((buf = malloc(size)) == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	f = size > 1 ? fmemopen(buf, size - 1, "r") : fopen("/dev/null", "r");
	if (f != NULL) {
		import_file(&app, f, &o, &stats, &e);
		fclose(f);
	}
	free(buf);
	store_close(app.store);
	app.store = NULL;
	return 0;
}
