/* copy.c - cslog copy --from FILE|URL --to FILE|URL: a station's whole
 * log moved between a file and a PostgreSQL server (app_copy). */
#include <string.h>

#include "cli_cmd.h"
#include "cslog/app_copy.h"

enum { O_FROM = 1, O_TO, O_STATION };

static const struct cli_opt copy_opts[] = {
	{ "from", O_FROM, CLI_VALUE, "FILE|URL", "the log to copy: a station's file" },
	{ "to", O_TO, CLI_VALUE, "FILE|URL", "where: a PostgreSQL server, its owner's\n"
	  "connection string (postgresql://... or service=NAME)" },
	{ "station", O_STATION, CLI_VALUE, "NAME", "the station's name on the server (1 to 64\n"
	  "letters, digits, - _ .); default: the file's name without\nits extension" },
	{ NULL, 0, 0, NULL, NULL },
};

static void
head(FILE *f, const char *what, const struct store_head *h)
{
	fprintf(f, "  %s: %lld:%.16s\n", what, (long long)h->event, h->hash);
}

static int
run_copy(struct cli *c, struct cli_call *k)
{
	struct app_copy_result res;
	struct cs_err err = { 0 };
	const struct pg_copy_result *m = &res.moved;

	if (!cli_has(k, O_FROM) || !cli_has(k, O_TO))
		return cli_usage(k->cmd->name, "copy needs --from and --to");
	if (app_copy(&c->app, k->val[O_FROM], k->val[O_TO], k->val[O_STATION], &res, &err) !=
	    CS_OK)
		return err.code == CS_USAGE ? cli_usage(k->cmd->name, "%s", err.msg) :
		       cli_fail(&err);
	fprintf(c->out, "copied station %s into the server, one transaction:\n", res.station);
	fprintf(c->out, "  members %lld (%lld new on the server), contacts %lld (every"
	        " version), follow-ups %lld, reviews %lld\n", (long long)m->members,
	        (long long)m->members_new, (long long)m->contacts, (long long)m->followups,
	        (long long)m->reviews);
	fprintf(c->out, "  audit events %lld, kept as the station's segment (BLAKE2b)\n",
	        (long long)m->events);
	fprintf(c->out, "  ids on the server: the file's + %lld\n", (long long)m->contact_offset);
	head(c->out, "the file's head (BLAKE2b)", &m->segment_head);
	head(c->out, "the server's head (SHA-256, its merge event)", &m->server_head);
	if (m->members_new > 0)
		fputs("note: a member new on the server who had a PIN at the station has none"
		      " there yet:\na supervisor sets one ('cslog member set-pin'), which the"
		      " member then changes\n", c->out);
	return 0;
}

const struct cli_cmd cli_cmd_copy = {
	"copy", NULL, 0, 0, "move a station's whole log from its file into a server",
	"Copy a station's whole log from its SQLite file (--from) into a PostgreSQL\n"
	"server (--to, the database owner's connection string, as for init-server):\n"
	"members, contacts with every version and their customer data, follow-ups,\n"
	"reviews, and the file's audit chain, kept whole as the station's segment,\n"
	"which verify on the server computes again (BLAKE2b); the server's own\n"
	"chain goes on from an event naming that segment's head.  The file must\n"
	"verify, or nothing is copied (exit 65); nothing is written on the file.\n"
	"Several stations merge into one server: each keeps (station, original id)\n"
	"in cslog.station_record; a later station's ids are its own plus the\n"
	"server's highest.  A station copied already is refused (65).  A file\n"
	"holding drills, measures, evaluators or redactions is refused (69): the\n"
	"server keeps none yet.  The copy is one transaction at the server: cut\n"
	"anywhere, it leaves nothing.  Copying a server into a file is not written\n"
	"yet (69).  See docs/postgresql.md, \"Moving a log\".\n",
	copy_opts, NULL, WHO_NOBODY, -1, false, true, run_copy,
};
