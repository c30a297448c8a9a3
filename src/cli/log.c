/* log.c - cslog log and cslog amend: a contact, every field an option.
 * Both take the contact's fields from one table of options. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli_cmd.h"
#include "cslog/app_time.h"
#include "cslog/deadline.h"
#include "cslog/empower.h"

/* The contact's fields, shared by log and amend. */
enum {
	O_AT = 1, O_KIND, O_CHANNEL, O_OUTCOME, O_SUMMARY, O_NEEDS, O_ADDED, O_ANSWERS,
	O_REFERRAL, O_CONTACTED, O_DECISION, O_APPEAL,
	/* log's own */
	O_POLICY, O_STANDARD, O_FOLLOWUP, O_FNOTE, O_CALL, O_CNAME, O_CPHONE, O_CADDR,
	O_CEMAIL, O_MEMBER, O_PAPER,
	/* amend's own */
	O_REASON,
};

static const struct cli_opt contact_opts[] = {
	{ "at", O_AT, CLI_VALUE, "TIME", "when the contact happened (default: now)" },
	{ "kind", O_KIND, CLI_VALUE, "KIND", "the customer kind (see 'cslog policy show ID')" },
	{ "channel", O_CHANNEL, CLI_VALUE, "CHANNEL", "how the contact was made" },
	{ "outcome", O_OUTCOME, CLI_VALUE, "OUTCOME", "how it ended" },
	{ "summary", O_SUMMARY, CLI_VALUE, "TEXT", "what happened ('-' reads standard input)" },
	{ "needs-met", O_NEEDS, CLI_VALUE, "yes|no", "did you ask, and were the customer's needs met" },
	{ "added-value", O_ADDED, CLI_VALUE, "TEXT",
	  "an action beyond standard service; needs --answers" },
	{ "answers", O_ANSWERS, CLI_VALUE, "yes,no,...",
	  "the empowerment check, in the policy's order" },
	{ "referral-to", O_REFERRAL, CLI_VALUE, "TEXT", "to whom the customer was referred" },
	{ "referee-contacted", O_CONTACTED, CLI_VALUE, "yes|no",
	  "was the one referred to contacted (no blind referral)" },
	{ "decision", O_DECISION, CLI_VALUE, "TEXT", "a decision given" },
	{ "appeal", O_APPEAL, CLI_VALUE, "TEXT", "the appeal information given with it" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt log_opts[] = {
	{ "policy", O_POLICY, CLI_VALUE, "ID", "the policy (default: the one you used last;\nwith --member, the one they used last)" },
	{ "standard", O_STANDARD, CLI_VALUE | CLI_REPEAT, "ID",
	  "a standard you confirm (repeat, or a,b,c)" },
	{ "standards", O_STANDARD, CLI_VALUE | CLI_REPEAT, "IDS", "the same" },
	{ "follow-up", O_FOLLOWUP, CLI_VALUE, "TIME|auto",
	  "a promised follow-up, due then ('auto': the\npolicy's rule for the channel)" },
	{ "follow-up-note", O_FNOTE, CLI_VALUE, "TEXT", "what was promised" },
	{ "from-paper", O_PAPER, CLI_FLAG, NULL, "the contact is entered late, from a paper"
	  "\nrecord: a follow-up already past due is kept\n(and shows overdue)" },
	{ "call", O_CALL, CLI_VALUE, "REF", "groups the contacts of one call" },
	{ "customer-name", O_CNAME, CLI_VALUE, "TEXT",
	  "protected fields: kept out of list and export\nunless --include-protected;"
	  " refused when the\npolicy does not keep the field (not-kept)" },
	{ "customer-phone", O_CPHONE, CLI_VALUE, "TEXT", "protected, as above" },
	{ "customer-address", O_CADDR, CLI_VALUE, "TEXT", "protected, as above" },
	{ "customer-email", O_CEMAIL, CLI_VALUE, "TEXT", "protected, as above" },
	{ "member", O_MEMBER, CLI_VALUE, "BADGE", "log for another member (supervisors)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt amend_opts[] = {
	{ "reason", O_REASON, CLI_VALUE, "TEXT", "why the contact is corrected (required)" },
	{ NULL, 0, 0, NULL, NULL },
};

#define MAX_STANDARDS 64

struct fields {
	struct contact c;
	const char *standards[MAX_STANDARDS];
	char *std_buf, *summary_buf, *answers_buf;   /* owned */
};

static void
fields_free(struct fields *f)
{
	free(f->std_buf);
	free(f->summary_buf);
	free(f->answers_buf);
}

static int
tri(const char *cmd, const char *what, const char *s, enum record_tri *out)
{
	enum answer a;

	if (s == NULL)
		return 0;
	a = empower_parse_answer(s);
	if (a == ANSWER_UNSET)
		return cli_usage(cmd, "%s takes yes or no, not '%s'", what, s);
	*out = a == ANSWER_YES ? TRI_YES : TRI_NO;
	return 0;
}

/* Read the whole of standard input (for --summary -). */
static int
read_stdin(struct fields *fl)
{
	size_t cap = 4096, n = 0, r;
	char *buf = malloc(cap), *p;

	while (buf != NULL && (r = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
		n += r;
		if (n + 1 == cap && cap < 2 * CONTACT_SUMMARY_MAX) {
			if ((p = realloc(buf, cap * 2)) == NULL)
				break;
			buf = p;
			cap *= 2;
		} else if (n + 1 == cap) {
			break;
		}
	}
	if (buf == NULL)
		return cli_error(CS_OSERR, "out of memory");
	fl->summary_buf = buf;
	if (memchr(buf, '\0', n) != NULL)
		return cli_error(CS_DATAERR, "the summary holds a NUL byte; text may not");
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	fl->c.summary = buf;
	return 0;
}

static int
answers(const struct cli_call *k, struct fields *fl, const struct policy *p)
{
	char *tok, *save = NULL;
	size_t i = 0;
	enum answer a;

	if (!cli_has(k, O_ANSWERS))
		return 0;
	if ((fl->answers_buf = strdup(k->val[O_ANSWERS])) == NULL)
		return cli_error(CS_OSERR, "out of memory");
	for (tok = strtok_r(fl->answers_buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		a = empower_parse_answer(tok);
		if (i >= p->n_questions || a == ANSWER_UNSET)
			return cli_usage(k->cmd->name, "--answers takes yes or no for each of the %zu"
			                 " questions of %s, not '%s'", p->n_questions, p->id, tok);
		fl->c.answers[i].question = p->questions[i].id;
		fl->c.answers[i].answer = a;
		i++;
	}
	fl->c.n_answers = i;
	return 0;
}

/* The fields both commands take, over what c already holds. */
static int
overlay(struct cli *c, const struct cli_call *k, struct fields *fl, const struct policy *p)
{
	struct contact *ct = &fl->c;
	const char *cmd = k->cmd->name;
	int rc;

#define SET(field, id) do { if (cli_has(k, id)) ct->field = k->val[id]; } while (0)
	SET(kind, O_KIND);
	SET(channel, O_CHANNEL);
	SET(outcome, O_OUTCOME);
	SET(summary, O_SUMMARY);
	SET(added_value, O_ADDED);
	SET(referral_to, O_REFERRAL);
	SET(decision, O_DECISION);
	SET(appeal_info, O_APPEAL);
#undef SET
	if (cli_has(k, O_ADDED) && *k->val[O_ADDED] == '\0') {
		ct->added_value = NULL;
		ct->n_answers = 0;
	}
	if (ct->summary != NULL && strcmp(ct->summary, "-") == 0 && (rc = read_stdin(fl)) != 0)
		return rc;
	if ((rc = tri(cmd, "--needs-met", k->val[O_NEEDS], &ct->needs_met)) != 0 ||
	    (rc = tri(cmd, "--referee-contacted", k->val[O_CONTACTED],
	              &ct->referee_contacted)) != 0)
		return rc;
	if (cli_has(k, O_AT) && (rc = cli_time(c, "--at", k->val[O_AT], 0, &ct->at)) != 0)
		return rc;
	return answers(k, fl, p);
}

/* ---- log --------------------------------------------------------------- */

static int
standards(const struct cli_call *k, struct fields *fl)
{
	char *tok, *save = NULL;
	size_t n = 0;

	if (!cli_has(k, O_STANDARD))
		return 0;
	if ((fl->std_buf = strdup(k->val[O_STANDARD])) == NULL)
		return cli_error(CS_OSERR, "out of memory");
	for (tok = strtok_r(fl->std_buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (n == MAX_STANDARDS)
			return cli_usage("log", "too many standards (at most %d)", MAX_STANDARDS);
		fl->standards[n++] = tok;
	}
	fl->c.standards = fl->standards;
	fl->c.n_standards = n;
	return 0;
}

static int
followup(struct cli *c, const struct cli_call *k, struct fields *fl, const struct policy *p)
{
	const struct policy_followup *rule;
	const char *v = k->val[O_FOLLOWUP];

	fl->c.followup_note = k->val[O_FNOTE];
	fl->c.followup_late = cli_has(k, O_PAPER);
	if (v == NULL)
		return 0;
	if (strcmp(v, "auto") != 0)
		return cli_time(c, "--follow-up", v, 1, &fl->c.followup_due);
	rule = policy_followup_for(p, fl->c.channel ? fl->c.channel : "");
	if (rule == NULL)
		return cli_usage("log", "policy %s has no follow-up rule for channel '%s': give a"
		                 " time", p->id, fl->c.channel ? fl->c.channel : "");
	fl->c.at = fl->c.at ? fl->c.at : app_now(&c->app);
	fl->c.followup_due = deadline_propose(rule, fl->c.at, app_end_of_local_day(fl->c.at));
	return 0;
}

/* Name what is missing before the policy's checks speak of ids. */
static int
required(const struct cli_call *k)
{
	static const struct { int id; const char *name; } need[] = {
		{ O_KIND, "--kind" }, { O_CHANNEL, "--channel" }, { O_SUMMARY, "--summary" },
	};
	size_t i;

	for (i = 0; i < sizeof need / sizeof need[0]; i++)
		if (!cli_has(k, need[i].id))
			return cli_usage("log", "a contact needs %s (see 'cslog log --help')",
			                 need[i].name);
	return 0;
}

static int
run_log(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct fields fl;
	const struct policy *p;
	const char *pol = k->val[O_POLICY];
	char last[RECORD_ID_MAX + 1];
	int64_t id = 0;
	int rc;

	memset(&fl, 0, sizeof fl);
	if ((rc = required(k)) != 0)
		return rc;
	if (cli_has(k, O_MEMBER) && strcmp(k->val[O_MEMBER], k->who.badge) != 0 &&
	    (fl.c.member_id = cli_member_id(c, k, k->val[O_MEMBER], &rc)) == 0)
		return rc;
	/* The policy the contact's member would start from logging it themself. */
	if (pol == NULL && fl.c.member_id != 0) {
		if (app_member_last_policy(&c->app, &k->who, fl.c.member_id, last, sizeof last,
		                           &err) != CS_OK)
			return cli_fail(&err);
		pol = last[0] != '\0' ? last : NULL;
	} else if (pol == NULL && k->who.last_policy[0] != '\0') {
		pol = k->who.last_policy;
	}
	if (pol == NULL && c->app.policies.n == 1)
		pol = c->app.policies.items[0]->id;
	if (pol == NULL)
		return cli_usage("log", "say which policy: --policy ID");
	if ((p = app_policy(&c->app, pol, &err)) == NULL)
		return cli_fail(&err);
	fl.c.policy_id = p->id;
	fl.c.call_ref = k->val[O_CALL];
	fl.c.customer_name = k->val[O_CNAME];
	fl.c.customer_phone = k->val[O_CPHONE];
	fl.c.customer_address = k->val[O_CADDR];
	fl.c.customer_email = k->val[O_CEMAIL];
	if ((rc = overlay(c, k, &fl, p)) == 0 && (rc = standards(k, &fl)) == 0 &&
	    (rc = followup(c, k, &fl, p)) == 0) {
		if (app_contact_log(&c->app, &k->who, &fl.c, NULL, &id, &err) != CS_OK) {
			rc = cli_fail(&err);
			if (rc == CS_DATAERR && fl.c.followup_due != 0 &&
			    strstr(err.msg, "follow-up's limit") != NULL)
				fputs("cslog: a contact entered from a paper record may keep it:"
				      " add --from-paper\n", stderr);
		} else if (fprintf(c->out, "%lld\n", (long long)id) < 0 || fflush(c->out) != 0) {
			rc = cli_error(CS_IOERR, "the contact was saved as %lld, but its id could not"
			               " be written: %s", (long long)id, strerror(errno));
		}
	}
	fields_free(&fl);
	return rc;
}

const struct cli_cmd cli_cmd_log = {
	"log", NULL, 0, 0, "log a customer contact",
	"Log one customer contact; prints the new contact's id.  --kind,\n"
	"--channel and --summary are needed, and --outcome where the policy has\n"
	"outcomes.  Every value is checked against the policy (see 'cslog policy\n"
	"show ID').  TIME is YYYY-MM-DD HH:MM (local time), YYYY-MM-DDTHH:MM:SSZ\n"
	"(UTC), now, today, yesterday, -2h or -1d.  The time logged is the\n"
	"clock's, never given; a contact more than a day ahead is refused, and\n"
	"so is a follow-up whose limit is already past (unless --from-paper).\n",
	log_opts, contact_opts, WHO_SIGNED_IN, APP_LOG, false, true, run_log,
};

/* ---- amend ------------------------------------------------------------- */

static int
run_amend(struct cli *c, struct cli_call *k)
{
	struct cs_err err = { 0 };
	struct contact orig = { 0 };
	struct fields fl;
	const struct policy *p;
	int64_t id, nid = 0;
	int rc = cli_arg_id(k, 0, "one contact", &id);

	if (rc != 0)
		return rc;
	if (!cli_has(k, O_REASON) || k->val[O_REASON][0] == '\0')
		return cli_usage("amend", "an amendment needs --reason TEXT");
	if (app_contact_for_amend(&c->app, &k->who, id, &orig, &err) != CS_OK)
		return cli_fail(&err);
	memset(&fl, 0, sizeof fl);
	fl.c = orig;
	fl.c.mem = NULL;
	fl.c.id = 0;
	fl.c.followup_due = 0;
	if ((p = app_policy(&c->app, orig.policy_id, &err)) == NULL)
		rc = cli_fail(&err);
	else if ((rc = overlay(c, k, &fl, p)) == 0) {
		if (app_contact_amend(&c->app, &k->who, id, &fl.c, k->val[O_REASON], &nid,
		                      &err) != CS_OK)
			rc = cli_fail(&err);
		else
			fprintf(c->out, "%lld\n", (long long)nid);
	}
	fields_free(&fl);
	record_contact_clear(&orig);
	return rc;
}

const struct cli_cmd cli_cmd_amend = {
	"amend", "ID", 1, 1, "correct a contact (a new version pointing at the old)",
	"Correct contact ID.  Contacts are records of fact and are never\n"
	"changed: the correction is a new version that points at the original,\n"
	"with the reason; 'cslog show' shows the history.  The fields not given\n"
	"keep their value.  An amended contact needs a new sign-off.\n",
	amend_opts, contact_opts, WHO_SIGNED_IN, APP_AMEND, false, true, run_amend,
};
