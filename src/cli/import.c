/* import.c - cslog import FILE: contacts from CSV or JSON Lines. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cslog/cli_cmd.h"
#include "cslog/import.h"
#include "cslog/store.h"

static const char import_help[] =
"Usage: cslog import FILE --as BADGE [--format csv|jsonl] [--skip-bad]\n"
"\n"
"Read contacts written by 'cslog export' into the log.  Every record is\n"
"checked against the policy it names, as if it were logged by hand; ids,\n"
"times and policy versions are kept as the file has them, and amendments\n"
"are linked again to the versions they correct.  A member the file names\n"
"who does not exist yet is added (role member, no PIN).  Only a\n"
"supervisor may import; every write is audited as theirs.\n"
"\n"
"  --format csv|jsonl   what FILE holds (default: from its name, .csv,\n"
"                       .jsonl or .ndjson); FILE '-' is standard input\n"
"  --skip-bad           import the good records of a file with bad ones\n"
"\n"
"A CSV file starts with a header row naming its columns (any order;\n"
"optional ones may be left out).  Each bad record is reported as\n"
"'line N: what is wrong'.  A file with any bad record imports nothing\n"
"unless --skip-bad; either way the exit status is then 65.\n";

#define SHOW_ERRORS 100  /* bad records reported one by one */

struct import_args {
	const char *file;
	int format;
	bool skip_bad;
};

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

static void
summary(const struct import_stats *s, const struct report *r, bool skip_bad)
{
	if (r->more > 0)
		cli_error(CS_DATAERR, "... and %zu more bad records", r->more);
	if (s->other_version > 0)
		fprintf(stderr, "cslog: note: %zu contact%s name%s a policy version other than "
		    "the one loaded; kept as written, checked against the loaded rules\n",
		    s->other_version, s->other_version == 1 ? "" : "s",
		    s->other_version == 1 ? "s" : "");
	if (s->unreadable || (s->bad > 0 && !skip_bad))
		return;
	fprintf(stderr, "imported %zu contact%s (%zu member%s created)\n", s->imported,
	    s->imported == 1 ? "" : "s", s->members_created,
	    s->members_created == 1 ? "" : "s");
}

static int
do_import(struct cli *c, struct import_args *ia, FILE *f)
{
	struct cs_err err = { 0 };
	struct member actor = { 0 };
	struct import_stats stats;
	struct report rep = { 0, 0 };
	struct import_opts o = { (enum import_format)ia->format, ia->skip_bad, 0, on_error,
	    &rep };
	int rc;

	if ((rc = cli_need_policies(c)) != 0)
		return rc;
	if ((rc = cli_actor(c, c->as, ROLE_SUPERVISOR, &actor)) != 0)
		return rc;
	o.actor_id = actor.id;
	record_member_clear(&actor);
	rc = import_file(&c->app, f, &o, &stats, &err);
	summary(&stats, &rep, ia->skip_bad);
	if (rc == CS_DATAERR && stats.bad > 0 && !ia->skip_bad && !stats.unreadable)
		return cli_error(rc, "%s (--skip-bad imports the good ones)", err.msg);
	if (rc != CS_OK)
		return cli_fail(&err);
	return 0;
}

static const struct option import_opts[] = {
	CLI_COMMON_OPTIONS,
	{ "format", required_argument, NULL, 'f' },
	{ "skip-bad", no_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 },
};

static int
parse(struct cli *c, struct import_args *ia, int argc, char **argv)
{
	int opt;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", import_opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		if (opt == 'h')
			return -1;
		if (opt == 's')
			ia->skip_bad = true;
		else if (opt == 'f' && (ia->format = import_parse_format(optarg)) < 0)
			return cli_usage("import", "unknown format '%s' (csv, jsonl)", optarg);
		else if (opt != 'f')
			return cli_bad_option("import", argv, opt);
	}
	if (optind >= argc)
		return cli_usage("import", "say which file to import");
	if (optind + 1 < argc)
		return cli_usage("import", "unexpected argument '%s'", argv[optind + 1]);
	ia->file = argv[optind];
	if (ia->format == IMPORT_AUTO)
		ia->format = import_format_of(ia->file);
	if (ia->format == IMPORT_AUTO)
		return cli_usage("import", "say what %s holds: --format csv or --format jsonl",
		    ia->file);
	return 0;
}

int
cli_import(struct cli *c, int argc, char **argv)
{
	struct import_args ia = { NULL, IMPORT_AUTO, false };
	FILE *f;
	int rc = parse(c, &ia, argc, argv);

	if (rc < 0)
		return cli_help(import_help);
	if (rc != 0)
		return rc;
	if ((f = open_input(ia.file, &rc)) == NULL)
		return rc;
	rc = do_import(c, &ia, f);
	if (f != stdin)
		fclose(f);
	return rc;
}
