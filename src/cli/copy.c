/* copy.c - cslog copy --from FILE|URL --to FILE|URL: a station's whole
 * log moved between a file and a PostgreSQL server (app_copy). */
#include <stdlib.h>
#include <string.h>

#include "cli_cmd.h"
#include "cslog/app_copy.h"

enum { O_FROM = 1, O_TO, O_STATION, O_PIN };

static const struct cli_opt copy_opts[] = {
	{ "from", O_FROM, CLI_VALUE, "FILE|URL", "the log to copy: a station's file, or\n"
	  "a server (its owner's URL or service=NAME)" },
	{ "to", O_TO, CLI_VALUE, "FILE|URL", "where: a server (its owner's connection\n"
	  "string), or a new file (never an existing one)" },
	{ "station", O_STATION, CLI_VALUE, "NAME", "the station's name on the server\n"
	  "(1 to 64 letters, digits, - _ .); default: the file's\nname without its extension" },
	{ "pin-stdin", O_PIN, CLI_FLAG, NULL, "into a file: the PIN (4 to 64 characters)\n"
	  "of the members who had one on the server, from the\nfirst line of standard input"
	  " (else CSLOG_PIN): a\nserver's PIN hashes do not carry" },
	{ NULL, 0, 0, NULL, NULL },
};

static void
head(FILE *f, const char *what, const struct store_head *h)
{
	fprintf(f, "  %s: %lld:%.16s\n", what, (long long)h->event, h->hash);
}

static void
measures(FILE *f, const struct pg_copy_result *m)
{
	if (m->last_policies > 0)
		fprintf(f, "  members' last policies %lld (the policy each one's next contact"
		        " starts from)\n", (long long)m->last_policies);
	if (m->drills > 0 || m->recognitions > 0 || m->evaluations > 0 || m->surveys > 0)
		fprintf(f, "  drill and quiz results %lld, recognitions %lld, evaluations %lld,"
		        " survey responses %lld\n", (long long)m->drills,
		        (long long)m->recognitions, (long long)m->evaluations,
		        (long long)m->surveys);
	if (m->redactions > 0)
		fprintf(f, "  redacted contacts %lld (redacted there too, each with its event)\n",
		        (long long)m->redactions);
}

static int
run_copy(struct cli *c, struct cli_call *k)
{
	struct app_copy_result res;
	struct cs_err err = { 0 };
	const struct pg_copy_result *m = &res.moved;
	char pin[80] = "";
	int rc;

	if (!cli_has(k, O_FROM) || !cli_has(k, O_TO))
		return cli_usage(k->cmd->name, "copy needs --from and --to");
	if (cli_has(k, O_PIN)) {
		if (fgets(pin, sizeof pin, stdin) == NULL)
			return cli_error(CS_USAGE, "--pin-stdin: no PIN on standard input");
		pin[strcspn(pin, "\r\n")] = '\0';
	} else if (getenv("CSLOG_PIN") != NULL) {
		snprintf(pin, sizeof pin, "%s", getenv("CSLOG_PIN"));
	}
	rc = app_copy(&c->app, k->val[O_FROM], k->val[O_TO], k->val[O_STATION], pin, &res, &err);
	memset(pin, 0, sizeof pin);
	if (rc != CS_OK)
		return err.code == CS_USAGE ? cli_usage(k->cmd->name, "%s", err.msg) :
		       cli_fail(&err);
	if (res.to_file) {
		fputs("copied the server's log into a new file, one transaction:\n", c->out);
		fprintf(c->out, "  members %lld, contacts %lld (every version), follow-ups %lld,"
		        " reviews %lld\n", (long long)m->members, (long long)m->contacts,
		        (long long)m->followups, (long long)m->reviews);
		measures(c->out, m);
		fputs("  ids and times kept; the file's own chain (BLAKE2b) begins with the copy\n",
		      c->out);
		head(c->out, "the server's head (its copy.out event)", &m->server_head);
		head(c->out, "the file's head", &m->segment_head);
		if (m->surveys_shared > 0)
			fprintf(c->out, "note: %lld survey response%s from stations share%s a"
			        " survey tool's reference with another response: in the file"
			        " each is\nSTATION:REFERENCE (a file keeps a reference once)\n",
			        (long long)m->surveys_shared, m->surveys_shared == 1 ? "" : "s",
			        m->surveys_shared == 1 ? "s" : "");
		return 0;
	}
	fprintf(c->out, "copied station %s into the server, one transaction:\n", res.station);
	fprintf(c->out, "  members %lld (%lld new on the server), contacts %lld (every"
	        " version), follow-ups %lld, reviews %lld\n", (long long)m->members,
	        (long long)m->members_new, (long long)m->contacts, (long long)m->followups,
	        (long long)m->reviews);
	measures(c->out, m);
	fprintf(c->out, "  audit events %lld, kept as the station's segment (BLAKE2b)\n",
	        (long long)m->events);
	fprintf(c->out, "  ids on the server: the file's + %lld\n", (long long)m->contact_offset);
	head(c->out, "the file's head (BLAKE2b)", &m->segment_head);
	head(c->out, "the server's head (SHA-256, its merge event)", &m->server_head);
	if (m->surveys_shared > 0)
		fprintf(c->out, "note: %lld survey response%s of the station share%s a survey"
		        " tool's reference with a response\nthe server already held: each is"
		        " kept apart, with its station\n", (long long)m->surveys_shared,
		        m->surveys_shared == 1 ? "" : "s", m->surveys_shared == 1 ? "s" : "");
	if (m->members_new > 0)
		fputs("note: a member new on the server who had a PIN at the station has none"
		      " there yet:\na supervisor sets one ('cslog member set-pin'), which the"
		      " member then changes\n", c->out);
	return 0;
}

const struct cli_cmd cli_cmd_copy = {
	"copy", NULL, 0, 0, "move a whole log between a station's file and a server",
	"Copy a station's whole log from its SQLite file (--from) into a PostgreSQL\n"
	"server (--to, the database owner's connection string, as for init-server):\n"
	"members, contacts with every version and their customer data, follow-ups,\n"
	"reviews, and the file's audit chain, kept whole as the station's segment,\n"
	"which verify on the server computes again (BLAKE2b); the server's own\n"
	"chain goes on from an event naming that segment's head.  The file must\n"
	"verify, or nothing is copied (exit 65); nothing is written on the file.\n"
	"Several stations merge into one server: each keeps (station, original id)\n"
	"in cslog.station_record; a later station's ids are its own plus the\n"
	"server's highest.  A station copied already is refused (65).  Drill and\n"
	"quiz results, recognitions, secret-shopper evaluations and survey\n"
	"responses (their comments as the protected data they are) are carried\n"
	"both ways, each with an event; an evaluator gets a PIN nobody knows on a\n"
	"server, which a supervisor sets.  A redacted contact stays redacted,\n"
	"with its event.  Two stations' survey responses of the same tool's\n"
	"reference are each kept, with their station (written STATION:REFERENCE\n"
	"in a file copied out, which keeps a reference once).  A server whose\n"
	"init-server predates these (no schema part copy2) is refused (69)\n"
	"when there are any.  Each member's last policy (the one their next\n"
	"contact starts from) is carried both ways; merged into a server, a\n"
	"member keeps the policy of their newest contact, the station's or the\n"
	"server's (a server without the part copy-last-policy is refused, 69,\n"
	"when there are any: 'cslog admin upgrade-server' adds it).  The copy is\n"
	"one transaction at the server: cut anywhere, it leaves nothing.\n"
	"\n"
	"From a server (--from, its owner's connection string) into a new file\n"
	"(--to; an existing file is refused, 73): the whole log, ids and times\n"
	"kept, after the server's chain and rows were checked (65 when not); the\n"
	"read is an event on the server.  The members who had a PIN get the one\n"
	"given with --pin-stdin or CSLOG_PIN.  The file is written under\n"
	"FILE.copying, verified, and only then named FILE.  See\n"
	"docs/postgresql.md, \"Moving a log\".\n",
	copy_opts, NULL, WHO_DB_OWNER, -1, false, true, run_copy,
};
