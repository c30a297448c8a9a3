/* admin.c - cslog backup FILE, cslog verify and cslog clock-accept. */
#include <string.h>

#include "cli_cmd.h"
#include "cslog/app_time.h"

enum { O_DAMAGED = 1 };

static const struct cli_opt backup_opts[] = {
	{ "damaged", O_DAMAGED, CLI_FLAG, NULL, "copy a database verify found damaged, as it"
	  " is,\nto FILE with -damaged before its extension" },
	{ NULL, 0, 0, NULL, NULL },
};

static int
run_backup(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct store_head h;
	char made[4096], when[32], head[96];

	if (app_backup(&c->app, &k->who, k->args[0], cli_has(k, O_DAMAGED), made, sizeof made,
	               &h, &err) != CS_OK)
		return cli_fail(&err);
	if (strcmp(made, k->args[0]) != 0)
		fprintf(c->out, "the copy of the damaged database is %s\n", made);
	app_time_local(h.at, when, sizeof when);
	app_head_short(&h, head, sizeof head);
	fputs("backed up: audit events 1 to ", c->out);
	fprintf(c->out, "%lld (%s), head %s\n", (long long)h.event, when, head);
	return 0;
}

const struct cli_cmd cli_cmd_backup = {
	"backup", "FILE", 1, 1, "a consistent copy of the database",
	"Write a consistent copy of the whole database to FILE (mode 0600), with\n"
	"SQLite's online backup: safe while other terminals are writing.  It holds\n"
	"the customers' protected data: supervisors only.  FILE may not be the\n"
	"database or one of its files (-wal, -shm, -journal), by any name.  The\n"
	"copy is in rollback-journal mode: it can be verified on a write-protected\n"
	"medium.  Once verify has found the database damaged, backup refuses\n"
	"(a damaged copy could be restored one day as if it were sound) unless\n"
	"--damaged, which names the copy so.  It prints the head of the copy's\n"
	"audit chain; 'cslog verify --anchor FILE' later checks that the live log\n"
	"still reaches it.\n",
	backup_opts, NULL, WHO_SIGNED_IN, APP_BACKUP, true, false, run_backup,
};

enum { O_ANCHOR = 1, O_SINCE };

static const struct cli_opt verify_opts[] = {
	{ "anchor", O_ANCHOR, CLI_VALUE, "FILE|ID:HASH", "also check that the chain still\n"
	  "reaches this head: an anchor file, a backup, or ID:HASH as noted from\n"
	  "'cslog report --by summary' or the system log (16 hex digits or more)" },
	{ "since-anchor", O_SINCE, CLI_VALUE, "FILE|ID:HASH", "check only what was\n"
	  "written after this head (as --anchor takes it): that the chain still\n"
	  "reaches it, the events since and the contacts they wrote; not SQLite's\n"
	  "integrity check, the queues and report figures, other records or\n"
	  "older contacts (a full verify does those)" },
	{ NULL, 0, 0, NULL, NULL },
};

static int
run_restore(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 }, note = { 0 };
	struct store_restore_result res;
	char aside[4096];
	bool recorded = false;

	if (app_restore(&c->app, &k->who, k->args[0], aside, sizeof aside, &res, &recorded,
	                &note, &err) != CS_OK)
		return cli_fail(&err);
	fprintf(c->out, "restored from %s: %lld contacts, audit events 1-%lld, verified\n",
	        k->args[0], (long long)res.contacts, (long long)res.events);
	if (res.old_events >= 0)
		fprintf(c->out, "the database as it was (%lld contacts, audit events 1-%lld) is"
		        " kept in %s\n", (long long)res.old_contacts, (long long)res.old_events,
		        aside);
	else
		fprintf(c->out, "the database as it was (it could not be read) is kept in %s\n",
		        aside);
	if (!recorded)
		cli_error(0, "note: the restore is not recorded in the audit trail: %s", note.msg);
	return 0;
}

const struct cli_cmd cli_cmd_restore = {
	"restore", "BACKUP", 1, 1, "replace the database with a verified backup (supervisors)",
	"Replace the whole database with BACKUP, a file 'cslog backup' wrote.  The\n"
	"backup must be cslog's, of this version, and verify (as 'cslog verify'\n"
	"does); otherwise nothing changes.  It is copied in with SQLite's backup\n"
	"API under the database's write lock, never renamed over it, so other\n"
	"terminals with the database open are safe.  The database as it was, and\n"
	"its -wal, are first copied byte for byte to DATABASE.before-restore-TIME:\n"
	"what was logged since the backup is there.  The restore is an audit event\n"
	"of the restored log.\n",
	NULL, NULL, WHO_SIGNED_IN, APP_RESTORE, true, false, run_restore,
};

static void
report_line(void *ctx, const char *line)
{
	(void)ctx;
	fputs("  ", stderr);
	cli_put(stderr, line, 0);
	fputc('\n', stderr);
}

/* The file itself is damaged: SQLite's whole report, and the damage
 * recorded for every command and screen. */
static int
damaged(struct cli *c, struct cli_call *k, const struct store_verify_result *res)
{
	struct app_damage_result d;
	struct cs_err err = { 0 };

	cli_error(0, "the log is NOT intact: the database file is damaged; SQLite's integrity"
	          " check reports:");
	if (app_damage_report(&c->app, &k->who, res, report_line, NULL, &d, &err) != CS_OK)
		return cli_fail(&err);
	if (d.more)
		fprintf(stderr, "  ... and more (the first %d are shown)\n", APP_INTEGRITY_LINES);
	if (d.recorded)
		cli_error(0, "the damage is recorded beside the database: every command and screen"
		          " now says so.  Logging still works.  A supervisor decides whether to"
		          " restore a backup ('cslog restore FILE'); 'cslog backup' copies it only"
		          " with --damaged");
	else
		cli_error(0, "the damage could not be recorded for the others: %s",
		          d.not_recorded.msg);
	return CS_DATAERR;
}

/* verify --since-anchor: the events after a noted head. */
static int
run_verify_since(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct store_verify_result res;
	struct app_anchor from;
	struct store_head h;
	char head[96];

	memset(&res, 0, sizeof res);
	if (app_anchor_parse(k->val[O_SINCE], &from, &err) != CS_OK)
		return err.code == CS_USAGE ? cli_usage("verify", "%s", err.msg) : cli_fail(&err);
	if (app_verify_since(&c->app, &k->who, &from, &res, &err) != CS_OK) {
		if (res.ok || err.code == CS_NOPERM)
			return cli_fail(&err);
		return cli_error(CS_DATAERR, "the log is NOT intact: %s", res.why);
	}
	fprintf(c->out, "ok: the chain reaches audit event %lld as anchored; %lld event%s and"
	        " %lld contact%s written since verified\n", (long long)from.head.event,
	        (long long)res.events, res.events == 1 ? "" : "s", (long long)res.contacts,
	        res.contacts == 1 ? "" : "s");
	if (app_db_is_server(&c->app))
		fprintf(c->out, "not checked: the customer data, contacts you may not read, other"
		        " records, anything older (a full 'cslog verify' does)\n");
	else
		fprintf(c->out, "not checked: SQLite's integrity check, the queues and report"
		        " figures, other records, anything older (a full 'cslog verify' does)\n");
	if (app_head(&c->app, &k->who, &h, &err) == CS_OK && h.event != 0) {
		app_head_short(&h, head, sizeof head);
		fprintf(c->out, "head now: %s (next time: cslog verify --since-anchor %s)\n",
		        head, head);
	}
	return 0;
}

/* On a server, verify prints its head, to be noted outside the server
 * (a log book, the shift report): --anchor checks it later. */
static void
server_head(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct store_head h;
	char head[96];

	if (app_head(&c->app, &k->who, &h, &err) != CS_OK || h.event == 0)
		return;
	app_head_short(&h, head, sizeof head);
	fprintf(c->out, "head now: %s (note it outside the server; later 'cslog verify"
	        " --anchor %s' checks the chain still reaches it)\n", head, head);
}

static int
run_verify(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct store_verify_result res;
	struct app_anchor given;
	const char *file;
	int rc;

	if (cli_has(k, O_SINCE) && cli_has(k, O_ANCHOR))
		return cli_usage("verify", "--since-anchor and --anchor: give one");
	if (cli_has(k, O_SINCE))
		return run_verify_since(c, k);
	memset(&res, 0, sizeof res);
	if (cli_has(k, O_ANCHOR) &&
	    app_anchor_parse(k->val[O_ANCHOR], &given, &err) != CS_OK)
		return err.code == CS_USAGE ? cli_usage("verify", "%s", err.msg) : cli_fail(&err);
	rc = app_verify(&c->app, &k->who, cli_has(k, O_ANCHOR) ? &given : NULL, NULL, NULL,
	                &res, &err);
	if (rc != CS_OK && res.ok)
		return cli_fail(&err);
	if (rc == CS_NOPERM)
		return cli_fail(&err);
	if (!res.ok && res.damaged)
		return damaged(c, k, &res);
	if (!res.ok)
		return cli_error(CS_DATAERR, "the log is NOT intact: %s", res.why);
	fprintf(c->out, "ok: %lld audit events and %lld contacts verified, integrity ok\n",
	    (long long)res.events, (long long)res.contacts);
	if (app_verify_cleared(&c->app))
		fprintf(c->out, "the damage recorded earlier is no longer found: its record is"
		        " removed\n");
	if (app_db_is_server(&c->app))   /* no anchor file: the head to note by hand */
		server_head(c, k);
	file = app_anchor_file(&c->app);
	if (res.anchors > 0)
		fprintf(c->out, "ok: the chain reaches %d head%s kept outside the %s%s%s\n",
		        res.anchors, res.anchors == 1 ? "" : "s",
		        app_db_is_server(&c->app) ? "server" : "file",
		        file ? "; anchor file " : "", file ? file : "");
	return 0;
}

const struct cli_cmd cli_cmd_verify = {
	"verify", NULL, 0, 0, "check the audit chain and the database's integrity",
	"Check that the log is intact: the hash chain of the audit trail event\n"
	"by event; every contact against the hash recorded when it was written;\n"
	"every member, review, follow-up, drill result, saved view and redaction\n"
	"against the hash its newest event recorded; the unreviewed and debrief\n"
	"queues and the report figures, computed again from the records; SQLite's\n"
	"integrity check; and that the chain still reaches the head recorded\n"
	"outside the file (the anchor file, and --anchor).  Exits 65 naming the\n"
	"first broken spot (the table and the row), for example after an edit made\n"
	"behind cslog's back, or audit events cut off the end.\n",
	verify_opts, NULL, WHO_SIGNED_IN, APP_VERIFY, true, false, run_verify,
};

static int
run_clock(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	char was[32], now[32];
	int64_t head = 0, at = 0;
	bool accepted = false;

	if (app_clock_accept(&c->app, &k->who, &head, &at, &accepted, &err) != CS_OK)
		return cli_fail(&err);
	app_time_local(head, was, sizeof was);
	app_time_local(at, now, sizeof now);
	if (!accepted)
		fprintf(c->out, "nothing to accept: the clock (%s) is not behind the record's"
		        " newest event (%s)\n", now, was);
	else
		fprintf(c->out, "accepted: the record's newest event was %s, the clock says %s\n",
		        was, now);
	return 0;
}

const struct cli_cmd cli_cmd_clock_accept = {
	"clock-accept", NULL, 0, 0, "accept a clock that is behind the record (supervisors)",
	"cslog never stamps an event earlier than the newest one in the record:\n"
	"when the clock is behind it (it had run ahead and was put right, or a\n"
	"stamp from the future is in the record) every write is refused, naming\n"
	"both times.  Once the clock is right, a supervisor accepts the jump: the\n"
	"acceptance is an audit event of its own, and writing goes on.\n",
	NULL, NULL, WHO_SIGNED_IN, APP_CLOCK, true, false, run_clock,
};
