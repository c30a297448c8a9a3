/* import.c - cslog import FILE: contacts from CSV or JSON Lines. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_cmd.h"
#include "cslog/import.h"

#define SHOW_ERRORS 100  /* bad records reported one by one */


struct report {
	size_t shown, more;
};

static void
on_error(void *ctx, long line, const char *msg)
{
	struct report *r = ctx;

	if (r->shown == SHOW_ERRORS) {
		r->more++;
		return;
	}
	r->shown++;
	cli_error(CS_DATAERR, "line %ld: %s", line, msg);
}

static FILE *
open_input(const char *path, int *rc)
{
	struct stat sb;
	FILE *f;

	if (strcmp(path, "-") == 0)
		return stdin;
	f = fopen(path, "r");
	if (f == NULL) {
		*rc = cli_error(CS_NOINPUT, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		*rc = cli_error(CS_NOINPUT, "%s is a directory", path);
		return NULL;
	}
	return f;
}

/* What was imported: said only when something was, or nothing failed
 * (a failed import says why instead of "imported 0 contacts"). */
static void
summary(const struct import_stats *s, const struct report *r, bool skip_bad, int rc)
{
	if (r->more > 0)
		cli_error(CS_DATAERR, "... and %zu more bad records", r->more);
	if (s->other_version > 0)
		fprintf(stderr, "cslog: note: %zu contact%s name%s a policy version other than "
		    "the one loaded; kept as written, checked against the loaded rules\n",
		    s->other_version, s->other_version == 1 ? "" : "s",
		    s->other_version == 1 ? "s" : "");
	if (s->unreadable || (s->bad > 0 && !skip_bad) || (rc != CS_OK && s->imported == 0))
		return;
	fprintf(stderr, "imported %zu contact%s (%zu member%s created)\n", s->imported,
	    s->imported == 1 ? "" : "s", s->members_created,
	    s->members_created == 1 ? "" : "s");
}

enum { O_FORMAT = 1, O_SKIP };

static const struct cli_opt import_opts[] = {
	{ "format", O_FORMAT, CLI_VALUE, "csv|jsonl", "what FILE holds (default: from its name,"
	  "\n.csv, .jsonl or .ndjson); FILE '-' is standard\ninput" },
	{ "skip-bad", O_SKIP, CLI_FLAG, NULL, "import the good records of a file with bad ones" },
	{ NULL, 0, 0, NULL, NULL },
};

static int
run_import(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct import_stats stats;
	struct report rep = { 0, 0 };
	struct import_opts o = { IMPORT_AUTO, cli_has(k, O_SKIP), on_error, &rep };
	const char *file = k->args[0];
	FILE *f;
	int rc = 0;

	if (cli_has(k, O_FORMAT) && (int)(o.format = (enum import_format)import_parse_format(
	                                                  k->val[O_FORMAT])) < 0)
		return cli_usage("import", "unknown format '%s' (csv, jsonl)", k->val[O_FORMAT]);
	if (o.format == IMPORT_AUTO)
		o.format = import_format_of(file);
	if (o.format == IMPORT_AUTO)
		return cli_usage("import", "say what %s holds: --format csv or --format jsonl", file);
	if ((f = open_input(file, &rc)) == NULL)
		return rc;
	rc = import_file(&c->app, &k->who, f, &o, &stats, &err);
	if (f != stdin)
		fclose(f);
	summary(&stats, &rep, o.skip_bad, rc);
	if (rc == CS_DATAERR && stats.bad > 0 && !o.skip_bad && !stats.unreadable)
		return cli_error(rc, "%s (--skip-bad imports the good ones)", err.msg);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

const struct cli_cmd cli_cmd_import = {
	"import", "FILE", 1, 1, "read contacts from CSV or JSON Lines",
	"Read contacts written by 'cslog export' into the log.  Every record is\n"
	"checked against the policy it names, as if it were logged by hand; ids,\n"
	"times and policy versions are kept as the file has them, and amendments\n"
	"are linked again to the versions they correct.  A member the file names\n"
	"who does not exist yet is added (role member, no PIN).  Every write is\n"
	"audited as the importer's.  A CSV file starts with a header row naming\n"
	"its columns (any order; optional ones may be left out).  Each bad record\n"
	"is reported as 'line N: what is wrong'.  A file with any bad record\n"
	"imports nothing unless --skip-bad; either way the exit status is then 65.\n",
	import_opts, NULL, WHO_SIGNED_IN, APP_IMPORT, false, true, run_import,
};
