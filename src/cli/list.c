/* list.c - cslog list and cslog export: the log, filtered, paged by key.
 * Both take the same filter options. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_cmd.h"
#include "cslog/app_out.h"
#include "cslog/app_time.h"
#include "cslog/filter.h"

enum {
	O_SINCE = 1, O_UNTIL, O_MEMBER, O_POLICY, O_KIND, O_CHANNEL, O_OUTCOME, O_CALL,
	O_NOTEMP, O_UNREV, O_DEBRIEF, O_OVERDUE, O_SEARCH, O_PROT,
	/* list's own */
	O_FORMAT, O_LIMIT, O_AFTER,
	/* export's own */
	O_XFORMAT, O_OUTPUT,
};

static const struct cli_opt filter_opts[] = {
	{ "since", O_SINCE, CLI_VALUE, "TIME", "contacts that happened then or later (a bare\n"
	  "date counts whole days)" },
	{ "until", O_UNTIL, CLI_VALUE, "TIME", "... then or earlier" },
	{ "member", O_MEMBER, CLI_VALUE, "BADGE", "one member's contacts" },
	{ "policy", O_POLICY, CLI_VALUE, "ID", "contacts logged under one policy" },
	{ "kind", O_KIND, CLI_VALUE, "ID", "one customer kind" },
	{ "channel", O_CHANNEL, CLI_VALUE, "ID", "one channel" },
	{ "outcome", O_OUTCOME, CLI_VALUE, "ID", "one outcome" },
	{ "call", O_CALL, CLI_VALUE, "REF", "the contacts of one call" },
	{ "not-empowered", O_NOTEMP, CLI_FLAG, NULL, "an empowerment check that failed" },
	{ "unreviewed", O_UNREV, CLI_FLAG, NULL, "no supervisor sign-off yet" },
	{ "needs-debrief", O_DEBRIEF, CLI_FLAG, NULL, "a negative call not yet debriefed" },
	{ "overdue", O_OVERDUE, CLI_FLAG, NULL, "an open follow-up is past due" },
	{ "search", O_SEARCH, CLI_VALUE, "TEXT", "words in summaries and notes (all must match)" },
	{ "include-protected", O_PROT, CLI_FLAG, NULL,
	  "add customer name, phone, address, e-mail,\neach where the contact's policy classes"
	  " it\n'protected' ('restricted': empty); supervisors\nonly, and recorded in the audit"
	  " trail" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt list_opts[] = {
	{ "format", O_FORMAT, CLI_VALUE, "table|csv|json", "the format (default table)" },
	{ "limit", O_LIMIT, CLI_VALUE, "N", "at most N contacts (default 50; 0: all)" },
	{ "after", O_AFTER, CLI_VALUE, "ID", "continue after contact ID (the next page)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt export_opts[] = {
	{ "format", O_XFORMAT, CLI_VALUE, "csv|jsonl", "the format (default csv)" },
	{ "output", O_OUTPUT, CLI_VALUE, "FILE", "write FILE (mode 0600; put in place only"
	  " when\ncomplete) instead of standard output" },
	{ NULL, 0, 0, NULL, NULL },
};

/* The filter options into f. */
static int
filter(struct cli *c, struct cli_call *k, struct contact_filter *f)
{
	struct cs_err err = { 0 };
	int rc = 0;

	f->policy_id = k->val[O_POLICY];
	f->kind = k->val[O_KIND];
	f->channel = k->val[O_CHANNEL];
	f->outcome = k->val[O_OUTCOME];
	f->call_ref = k->val[O_CALL];
	f->search = k->val[O_SEARCH];
	f->not_empowered = cli_has(k, O_NOTEMP);
	f->unreviewed = cli_has(k, O_UNREV);
	f->needs_debrief = cli_has(k, O_DEBRIEF);
	f->overdue = cli_has(k, O_OVERDUE);
	f->include_protected = cli_has(k, O_PROT);
	/* The policies say which protected fields may leave cslog. */
	if (f->include_protected)
		rc = cli_need_policies(c);
	if (rc == 0 && cli_has(k, O_SINCE))
		rc = cli_time(c, "--since", k->val[O_SINCE], 0, &f->since);
	if (rc == 0 && cli_has(k, O_UNTIL))
		rc = cli_time(c, "--until", k->val[O_UNTIL], 1, &f->until);
	if (rc == 0 && cli_has(k, O_MEMBER))
		f->member_id = cli_member_id(c, k, k->val[O_MEMBER], &rc);
	if (rc == 0 && app_filter_check(&c->app, f, &err) != CS_OK)
		rc = err.code == CS_USAGE ? cli_usage(k->cmd->name, "%s", err.msg) : cli_fail(&err);
	return rc;
}

/* ---- list --------------------------------------------------------------- */

struct out_ctx {
	struct cli *c;
	int format;
	bool protected;
};

static void
table_row(FILE *f, const struct contact *c)
{
	char when[32], fl[5];

	app_time_local(c->at, when, sizeof when);
	app_contact_flags(c, fl);
	fprintf(f, "%7lld %s ", (long long)c->id, when);
	cli_cell(f, c->member_badge, 8);
	fputc(' ', f);
	cli_cell(f, c->policy_id, 9);
	fputc(' ', f);
	cli_cell(f, c->kind, 11);
	fputc(' ', f);
	cli_cell(f, c->channel, 10);
	fputc(' ', f);
	cli_cell(f, c->outcome, 20);
	fprintf(f, " %s ", fl);
	cli_cell(f, c->summary, 60);
	fputc('\n', f);
}

static int
print_contact(void *ctx, const struct contact *c)
{
	struct out_ctx *o = ctx;

	if (o->format == FORMAT_CSV)
		app_csv_contact(&o->c->app, o->c->out, c, o->protected);
	else if (o->format == FORMAT_JSON)
		return app_json_contact(&o->c->app, o->c->out, c, o->protected, false) != 0;
	else
		table_row(o->c->out, c);
	return 0;
}

static int
run_list(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct contact_filter f = { 0 };
	struct store_cursor after = { 0, false }, next = { 0, false };
	struct out_ctx o = { c, cli_format(k, O_FORMAT, FORMAT_TABLE), false };
	char *end = NULL;
	long limit = 50;
	int rc;

	if (o.format < 0)
		return CS_USAGE;
	if (cli_has(k, O_LIMIT)) {
		limit = strtol(k->val[O_LIMIT], &end, 10);
		if (k->val[O_LIMIT][0] == '\0' || *end != '\0' || limit < 0 || limit > 100000000)
			return cli_usage("list", "--limit takes a number (0: all), not '%s'",
			                 k->val[O_LIMIT]);
	}
	if (cli_has(k, O_AFTER) && (after.last_id = cli_parse_id(k->val[O_AFTER])) == 0)
		return cli_usage("list", "--after takes a contact id, not '%s'", k->val[O_AFTER]);
	if ((rc = filter(c, k, &f)) != 0)
		return rc;
	o.protected = f.include_protected;
	if (o.format == FORMAT_CSV)
		app_csv_contact_header(c->out, o.protected);
	else if (o.format == FORMAT_TABLE)
		fprintf(c->out, "%7s %-16s %-8s %-9s %-11s %-10s %-20s %-4s %s\n", "ID", "WHEN",
		        "MEMBER", "POLICY", "KIND", "CHANNEL", "OUTCOME", "FLAG", "SUMMARY");
	if (app_contact_each(&c->app, &k->who, &f, &after, (size_t)limit, print_contact, &o,
	                     &next, &err) != CS_OK)
		return cli_fail(&err);
	if (limit > 0 && next.more && o.format == FORMAT_TABLE)
		fprintf(stderr, "(more: cslog list --after %lld)\n", (long long)next.last_id);
	return 0;
}

const struct cli_cmd cli_cmd_list = {
	"list", NULL, 0, 0, "the log, filtered and paged",
	"The log, newest logged first (current versions: amended contacts show\n"
	"their latest version).  A member sees their own contacts, a supervisor\n"
	"everyone's.  In a table, FLAG is\n  " APP_FLAG_LEGEND "\n"
	"(F: a follow-up open).  A cut text ends in an ellipsis ('cslog show ID'\n"
	"gives it whole).  CSV and JSON hold every field.  A policy, kind,\n"
	"channel or outcome no policy knows and no contact carries is refused\n"
	"(exit 64), never answered with an empty list.\n",
	list_opts, filter_opts, WHO_SIGNED_IN, APP_READ, true, false, run_list,
};

/* ---- export ------------------------------------------------------------- */

struct sink {
	struct cli *c;
	FILE *f;
	bool jsonl, protected, failed;
};

static int
put_contact(void *ctx, const struct contact *c)
{
	struct sink *s = ctx;
	int rc = 0;

	if (!s->jsonl)
		app_csv_contact(&s->c->app, s->f, c, s->protected);
	else
		rc = app_json_contact(&s->c->app, s->f, c, s->protected, false);
	if (rc != 0 || ferror(s->f))
		s->failed = true;
	return s->failed;
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
	if (f != NULL)   /* whole buffers: an export writes hundreds of MB */
		setvbuf(f, NULL, _IOFBF, 1 << 16);
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

/* The head of the chain the export was read at, on standard error (the
 * data keeps its own format: the export of an imported log is the same
 * file): 'cslog verify --anchor ID:HASH' later checks the log reaches it. */
static void
tell_head(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct store_head h;
	char head[96];

	if (app_head(&c->app, &k->who, &h, &err) != CS_OK || h.event == 0)
		return;
	app_head_short(&h, head, sizeof head);
	fprintf(stderr, "cslog: exported as of audit event %lld, head %s\n",
	        (long long)h.event, head);
}

static int
run_export(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct contact_filter f = { 0 };
	struct sink s = { c, c->out, false, false, false };
	const char *fmt = k->val[O_XFORMAT], *out = k->val[O_OUTPUT];
	char *tmp = NULL;
	int rc;

	if (fmt != NULL && strcmp(fmt, "jsonl") != 0 && strcmp(fmt, "csv") != 0)
		return cli_usage("export", "unknown format '%s' (csv, jsonl)", fmt);
	s.jsonl = fmt != NULL && strcmp(fmt, "jsonl") == 0;
	if ((rc = filter(c, k, &f)) != 0)
		return rc;
	f.include_superseded = true;
	f.oldest_first = true;
	s.protected = f.include_protected;
	if (out != NULL && strcmp(out, "-") != 0 && (s.f = open_output(out, &tmp, &rc)) == NULL)
		return rc;
	if (!s.jsonl)
		app_csv_contact_header(s.f, s.protected);
	if (app_contact_each(&c->app, &k->who, &f, NULL, 0, put_contact, &s, NULL, &err) != CS_OK)
		rc = cli_fail(&err);
	else if (s.failed)
		rc = cli_error(CS_IOERR, "cannot write the export: %s", strerror(errno));
	if (tmp != NULL)
		rc = close_output(s.f, tmp, out, rc);
	free(tmp);
	if (rc == 0)
		tell_head(c, k);
	return rc;
}

const struct cli_cmd cli_cmd_export = {
	"export", NULL, 0, 0, "write contacts as CSV or JSON Lines",
	"Write the log - every contact and every version of an amended one,\n"
	"oldest first - as CSV (a header row, then one row per contact, RFC 4180)\n"
	"or JSON Lines (one object per line).  'cslog import' reads either back,\n"
	"and an export of the imported log is the same file.  A member exports\n"
	"their own contacts, a supervisor everyone's.  Times in the file are UTC\n"
	"(2026-11-24T09:13:05Z).\n",
	export_opts, filter_opts, WHO_SIGNED_IN, APP_EXPORT, true, false, run_export,
};
