/* export.c - cslog export: every contact, every version, oldest first. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cslog/app_time.h"
#include "cslog/cli_cmd.h"
#include "cslog/codec.h"
#include "cslog/store.h"

static const char export_help[] =
"Usage: cslog export [--format csv|jsonl] [--output FILE] [--include-protected]\n"
"                    [--since TIME] [--until TIME] [--policy ID]\n"
"\n"
"Write the log - every contact and every version of an amended one,\n"
"oldest first - as CSV (a header row, then one row per contact, RFC 4180)\n"
"or JSON Lines (one object per line).  'cslog import' reads either back,\n"
"and an export of the imported log is the same file.\n"
"\n"
"  --format csv|jsonl     the format (default csv)\n"
"  --output FILE          write FILE (mode 0600; put in place only when\n"
"                         complete) instead of standard output\n"
"  --include-protected    add the customer's name, phone, address, e-mail,\n"
"                         each where the contact's policy classes it\n"
"                         'protected' (a 'restricted' field stays empty)\n"
"  --since TIME, --until TIME   when the contact happened (a bare date\n"
"                               counts whole days)\n"
"  --policy ID            only contacts logged under this policy\n"
"\n"
"Times in the file are UTC (2026-11-24T09:13:05Z).\n";

#define PAGE 1000

enum export_format { EXPORT_CSV, EXPORT_JSONL };

struct export_args {
	struct contact_filter f;
	const char *since, *until, *output;
	enum export_format format;
};

struct sink {
	FILE *f;
	enum export_format format;
	bool protected;
	const struct policy_set *policies; /* each row's privacy classes */
	size_t json_flags;
	bool failed;      /* out of memory or a write error: stop */
};

static int
json_row(FILE *f, const struct contact *c, bool protected, unsigned withheld,
         size_t flags)
{
	json_t *o = codec_contact_json(c, protected, withheld);
	int rc;

	if (o == NULL)
		return -1;
	rc = json_dumpf(o, f, flags);
	json_decref(o);
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
	return rc;
}

static int
put_contact(void *ctx, const struct contact *c)
{
	struct sink *s = ctx;
	unsigned w = cli_withheld(s->policies, c, s->protected);
	int rc = 0;

	if (s->format == EXPORT_CSV)
		cli_csv_contact(s->f, c, s->protected, w);
	else
		rc = json_row(s->f, c, s->protected, w, s->json_flags);
	if (rc != 0 || ferror(s->f))
		s->failed = true;
	return s->failed;
}

/* Every matching contact, a page at a time. */
static int
write_all(struct store *st, const struct contact_filter *f, struct sink *s)
{
	struct cs_err err = { 0 };
	struct store_cursor cur = { 0, false }, next = { 0, false };

	if (s->format == EXPORT_CSV)
		cli_csv_contact_header(s->f, s->protected);
	do {
		if (store_contact_query(st, f, &cur, PAGE, put_contact, s, &next, &err) != CS_OK)
			return cli_fail(&err);
		if (s->failed)
			return cli_error(CS_IOERR, "cannot write the export: %s", strerror(errno));
		cur = next;
	} while (next.more);
	return 0;
}

/* A temporary file beside path, 0600, renamed over path at the end. */
static FILE *
open_output(const char *path, char **tmp, int *rc)
{
	size_t n = strlen(path) + sizeof ".XXXXXX";
	FILE *f = NULL;
	int fd;

	*tmp = malloc(n);
	if (*tmp == NULL) {
		*rc = cli_error(CS_OSERR, "out of memory");
		return NULL;
	}
	snprintf(*tmp, n, "%s.XXXXXX", path);
	fd = mkstemp(*tmp);
	if (fd >= 0 && fchmod(fd, 0600) == 0)
		f = fdopen(fd, "w");
	if (f == NULL) {
		*rc = cli_error(CS_CANTCREAT, "cannot create %s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
	}
	return f;
}

static int
close_output(FILE *f, const char *tmp, const char *path, int rc)
{
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
		if (rc == 0)
			rc = cli_error(CS_IOERR, "cannot write %s: %s", path, strerror(errno));
	}
	if (fclose(f) != 0 && rc == 0)
		rc = cli_error(CS_IOERR, "cannot write %s: %s", path, strerror(errno));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = cli_error(CS_CANTCREAT, "cannot create %s: %s", path, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	return rc;
}

static int
run_export(struct cli *c, struct export_args *ea, struct store *st)
{
	struct sink s = { c->out, ea->format, ea->f.include_protected, &c->app.policies,
	                  JSON_COMPACT, false };
	char *tmp = NULL;
	int rc = 0;

	if (ea->output != NULL && strcmp(ea->output, "-") != 0) {
		s.f = open_output(ea->output, &tmp, &rc);
		if (s.f == NULL)
			return rc;
	}
	if (isatty(fileno(s.f)))  /* a terminal gets no raw control characters */
		s.json_flags |= JSON_ENSURE_ASCII;
	rc = write_all(st, &ea->f, &s);
	if (tmp != NULL)
		rc = close_output(s.f, tmp, ea->output, rc);
	free(tmp);
	return rc;
}

static int
prepare(struct cli *c, struct export_args *ea)
{
	struct cs_err err = { 0 };

	ea->f.now = c->app.now;
	ea->f.include_superseded = true;
	ea->f.oldest_first = true;
	if (ea->since && app_time_parse(ea->since, c->app.now, 0, &ea->f.since, &err))
		return cli_fail(&err);
	if (ea->until && app_time_parse(ea->until, c->app.now, 1, &ea->f.until, &err))
		return cli_fail(&err);
	return 0;
}

enum { O_FORMAT = 1, O_OUTPUT, O_PROT, O_SINCE, O_UNTIL, O_POLICY };

static const struct option export_opts[] = {
	CLI_COMMON_OPTIONS,
	{ "format", required_argument, NULL, O_FORMAT },
	{ "output", required_argument, NULL, O_OUTPUT },
	{ "include-protected", no_argument, NULL, O_PROT },
	{ "since", required_argument, NULL, O_SINCE },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "policy", required_argument, NULL, O_POLICY },
	{ NULL, 0, NULL, 0 },
};

static int
export_option(struct export_args *ea, int opt, const char *arg)
{
	switch (opt) {
	case O_FORMAT:
		if (strcmp(arg, "csv") == 0)
			ea->format = EXPORT_CSV;
		else if (strcmp(arg, "jsonl") == 0)
			ea->format = EXPORT_JSONL;
		else
			return cli_usage("export", "unknown format '%s' (csv, jsonl)", arg);
		break;
	case O_OUTPUT: ea->output = arg; break;
	case O_PROT: ea->f.include_protected = true; break;
	case O_SINCE: ea->since = arg; break;
	case O_UNTIL: ea->until = arg; break;
	case O_POLICY: ea->f.policy_id = arg; break;
	default: return -1;
	}
	return 0;
}

int
cli_export(struct cli *c, int argc, char **argv)
{
	struct export_args ea;
	struct store *st;
	int opt, rc = 0;

	memset(&ea, 0, sizeof ea);
	cli_getopt_reset();
	while (rc == 0 && (opt = getopt_long(argc, argv, ":h", export_opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		if (opt == 'h')
			return cli_help(export_help);
		rc = export_option(&ea, opt, optarg);
		if (rc < 0)
			rc = cli_bad_option("export", argv, opt);
	}
	if (rc != 0)
		return rc;
	if (optind < argc)
		return cli_usage("export", "unexpected argument '%s'", argv[optind]);
	if ((rc = prepare(c, &ea)) != 0)
		return rc;
	/* The policies say which protected fields may leave cslog. */
	if (ea.f.include_protected && (rc = cli_need_policies(c)) != 0)
		return rc;
	c->app.readonly = true;
	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	return run_export(c, &ea, st);
}
