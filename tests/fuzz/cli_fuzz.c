/* cli_fuzz.c - libFuzzer target for the command line (cli_main).
 *
 * The input is the argument list, the arguments separated by NUL bytes
 * ("list\0--format\0csv").  Each input runs cli_main in-process on a
 * fresh copy of a template database (supervisor S1, trainer T1, members
 * M7 and P1 (PIN 1234), three contacts, a review), in a temporary
 * directory that is HOME and, while cli_main runs, the working directory
 * (crash files go where -artifact_prefix says; make fuzz sets it), with standard
 * input from /dev/null and standard output and error sent to /dev/null
 * (sanitizer reports still reach the real standard error).  The clock is
 * fixed (CSLOG_NOW), CSLOG_PIN is unset.
 *
 * Kept out, so a run can neither leave the temporary directory nor
 * spend seconds on one input: arguments with a '/' (no path can name
 * anything outside), and --demo (and its abbreviations), which fills a
 * throw-away database with 2,000 contacts.  Without a command cli_main
 * would start the full-screen program; it refuses, as standard input is
 * not a terminal.  Files a command makes (backup, --db NAME) are removed
 * after each input.
 *
 *   build/fuzz/cli-fuzz tests/fuzz/cli_seeds */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sanitizer/common_interface_defs.h>

#include "cslog/cli.h"
#include "cslog/record.h"
#include "cslog/store.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 32

static char dir[PATH_MAX], work[PATH_MAX + 16];
static unsigned char *tmpl;
static size_t tmpl_len;
static int null_fd = -1, saved_out = -1, saved_err = -1, here_fd = -1, dir_fd = -1;

static void
die(const char *what)
{
	dprintf(saved_err >= 0 ? saved_err : 2, "cli_fuzz: cannot %s\n", what);
	abort();
}

static void
quiet(void)
{
	fflush(stdout);
	fflush(stderr);
	dup2(null_fd, STDOUT_FILENO);
	dup2(null_fd, STDERR_FILENO);
}

static void
loud(void)
{
	fflush(stdout);
	fflush(stderr);
	clearerr(stdout);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
}

/* Remove every file of the directory (commands make no directories:
 * no argument holds a '/'). */
static void
clean_dir(void)
{
	char path[PATH_MAX + 300];
	struct dirent *d;
	DIR *dp = opendir(dir);

	if (dp == NULL)
		die("read the temporary directory");
	while ((d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, d->d_name);
		unlink(path);
	}
	closedir(dp);
}

/* The supervisor and the trainer are added through the store, without
 * PINs: the command line insists on PINs for them, and argon2id would
 * cost a tenth of a second per input. */
static void
add_members(void)
{
	static const struct { const char *badge, *name; int role; } who[] = {
		{ "S1", "Sam Super", ROLE_SUPERVISOR }, { "T1", "Tia Trainer", ROLE_TRAINER },
		{ "M7", "Mia Member", ROLE_MEMBER },
	};
	struct store *st;
	struct member m = { 0 };
	struct cs_err e = { 0 };
	int64_t id, actor = 0;
	size_t i;

	if (store_open(work, 0, &st, &e) != CS_OK)
		die("create the template");
	for (i = 0; i < sizeof who / sizeof who[0]; i++) {
		m.badge = who[i].badge;
		m.name = who[i].name;
		m.role = who[i].role;
		if (store_member_add(st, actor, &m, NULL, 1790000000, &id, &e) != CS_OK)
			die("add a member");
		actor = actor ? actor : id;
	}
	m.badge = "P1"; m.name = "Pat Pin"; m.role = ROLE_MEMBER;
	if (store_member_add(st, actor, &m, "1234", 1790000000, &id, &e) != CS_OK)
		die("add a member");
	store_close(st);
}

/* Template commands, as inputs are written: NUL between arguments. */
#define CMD(s) { s, sizeof s - 1 }
static const struct { const char *text; size_t len; } fill[] = {
	CMD("log\0--as\0M7\0--policy\0bsofr\0--kind\0recipient\0--channel\0on-scene"
	    "\0--outcome\0resolved\0--summary\0Lift assist\0--answers"
	    "\0yes,yes,yes,yes,yes,yes,yes\0--added-value\0blanket"),
	CMD("log\0--as\0M7\0--policy\0phoenix\0--kind\0close\0--channel\0phone"
	    "\0--outcome\0referred\0--referral-to\0Red Cross\0--referee-contacted\0yes"
	    "\0--summary\0Referred\0--customer-name\0Ann\0--customer-phone\0" "555 0101"),
	CMD("log\0--as\0M7\0--policy\0bsofr\0--kind\0recipient\0--channel\0phone"
	    "\0--outcome\0resolved\0--summary\0Call back\0--follow-up\0" "2026-10-01T10:00:00Z"),
	CMD("review\0" "1\0--as\0S1\0--sign-off"),
};

static int run_input(const uint8_t *data, size_t size, bool fresh);

static void
make_template(void)
{
	FILE *f;
	long n = 0;
	size_t i;

	add_members();
	for (i = 0; i < sizeof fill / sizeof fill[0]; i++) {
		if (run_input((const uint8_t *)fill[i].text, fill[i].len, false) != 0) {
			dprintf(saved_err, "cli_fuzz: template command %zu failed\n", i);
			die("fill the template");
		}
	}
	if ((f = fopen(work, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0)
		die("read the template");
	tmpl_len = (size_t)n;
	if ((tmpl = malloc(tmpl_len)) == NULL || fread(tmpl, 1, tmpl_len, f) != tmpl_len)
		die("read the template");
	fclose(f);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *src = getenv("CSLOG_SOURCE_DIR");
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	char real[PATH_MAX], policies[PATH_MAX + 16];

	(void)argc; (void)argv;
	if (realpath(src != NULL ? src : ".", real) == NULL)
		die("find the source directory");
	snprintf(policies, sizeof policies, "%s/policies", real);
	snprintf(dir, sizeof dir, "%s/cslog-cli-fuzz.XXXXXX", base);
	if (mkdtemp(dir) == NULL || (dir_fd = open(dir, O_RDONLY | O_DIRECTORY)) < 0 ||
	    (here_fd = open(".", O_RDONLY | O_DIRECTORY)) < 0)
		die("make a temporary directory");
	snprintf(work, sizeof work, "%s/cslog.db", dir);
	setenv("CSLOG_NOW", "1790000000", 1);
	setenv("CSLOG_DB", work, 1);
	setenv("CSLOG_POLICY_PATH", policies, 1);
	setenv("HOME", dir, 1);
	setenv("TMPDIR", dir, 1);
	unsetenv("CSLOG_PIN");
	unsetenv("CSLOG_AS");
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("CSLOG_SOURCE_DIR");
	null_fd = open("/dev/null", O_RDWR);
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	if (null_fd < 0 || saved_out < 0 || saved_err < 0)
		die("open /dev/null");
	dup2(null_fd, STDIN_FILENO);
	__sanitizer_set_report_fd((void *)(intptr_t)saved_err);
	make_template();
	return 0;
}

/* The arguments may not leave the directory nor start the demo. */
static bool
allowed(const char *arg)
{
	size_t n = strlen(arg);

	if (strchr(arg, '/') != NULL)
		return false;
	return !(n >= 4 && strncmp(arg, "--demo", n < 6 ? n : 6) == 0);
}

/* Split data at NUL bytes into argv (argv[0] "cslog"); false when the
 * input is not one to run. */
static bool
split(char *buf, size_t size, char **argv, int *argc)
{
	size_t i, start = 0;

	static char prog[] = "cslog";

	*argc = 0;
	argv[(*argc)++] = prog;
	for (i = 0; i <= size; i++) {
		if (i < size && buf[i] != '\0')
			continue;
		if (*argc > MAX_ARGS)
			return false;
		buf[i] = '\0';
		argv[(*argc)++] = buf + start;
		if (!allowed(buf + start))
			return false;
		start = i + 1;
	}
	argv[*argc] = NULL;
	return true;
}

static void
reset_db(void)
{
	int fd;

	clean_dir();
	fd = open(work, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, tmpl, tmpl_len) != (ssize_t)tmpl_len)
		die("write the database");
	close(fd);
}

/* Run one input (on a fresh database when fresh); cli_main's status, or
 * -1 when the input is not one to run. */
static int
run_input(const uint8_t *data, size_t size, bool fresh)
{
	char *argv[MAX_ARGS + 2];
	char *buf;
	int argc, rc = -1;

	if ((buf = malloc(size + 1)) == NULL)
		return -1;
	memcpy(buf, data, size);
	if (split(buf, size, argv, &argc)) {
		if (fresh)
			reset_db();
		quiet();
		if (fchdir(dir_fd) != 0)
			die("enter the temporary directory");
		rc = cli_main(argc, argv, NULL);
		if (fchdir(here_fd) != 0)
			die("go back to the working directory");
		loud();
	}
	free(buf);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || size > 64 * 1024)
		return -1;
	run_input(data, size, true);
	return 0;
}
