/* log.c - cslog log: one contact, every field as an option. */
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/cli_cmd.h"
#include "cslog/deadline.h"
#include "cslog/empower.h"
#include "cslog/store.h"

static const char log_help[] =
"Usage: cslog log --as BADGE --kind KIND --channel CHANNEL --outcome OUTCOME\n"
"                 --summary TEXT [OPTIONS]\n"
"\n"
"Log one customer contact; prints the new contact's id.  Every value is\n"
"checked against the policy (see 'cslog policy show ID').\n"
"\n"
"  --policy ID             the policy (default: the one you used last)\n"
"  --at TIME               when the contact happened (default: now)\n"
"  --summary TEXT          what happened ('-' reads standard input)\n"
"  --needs-met yes|no      did you ask, and were the customer's needs met\n"
"  --added-value TEXT      an action beyond standard service; needs --answers\n"
"  --answers yes,no,...    the empowerment check, in the policy's order\n"
"  --standard ID           a standard you confirm (repeat, or a,b,c)\n"
"  --referral-to TEXT      to whom the customer was referred\n"
"  --referee-contacted yes|no\n"
"  --decision TEXT         a decision given\n"
"  --appeal TEXT           the appeal information given with it\n"
"  --follow-up TIME|auto   a promised follow-up, due then ('auto': the\n"
"                          policy's rule for the channel)\n"
"  --follow-up-note TEXT   what was promised\n"
"  --call REF              groups the contacts of one call\n"
"  --customer-name TEXT, --customer-phone TEXT, --customer-address TEXT,\n"
"  --customer-email TEXT   protected fields: kept out of list and export\n"
"                          unless --include-protected; refused when the\n"
"                          policy does not keep the field (not-kept)\n"
"  --member BADGE          log for another member (supervisors only)\n"
"\n"
"TIME is YYYY-MM-DD HH:MM (local time), YYYY-MM-DDTHH:MM:SSZ (UTC), now,\n"
"or -2h.  With a PIN, give it in CSLOG_PIN.\n";

#define MAX_STANDARDS 64

struct log_args {
	struct contact c;
	const char *member, *at, *answers, *followup, *needs, *contacted;
	const char *standards[MAX_STANDARDS];
	size_t n_std;
	char *std_buf;      /* owned: the split --standard values */
	char *summary_buf;  /* owned: --summary - */
	char *answers_buf;  /* owned */
};

static int
parse_tri(const char *what, const char *s, enum record_tri *out)
{
	enum answer a = empower_parse_answer(s);

	if (a == ANSWER_UNSET)
		return cli_usage("log", "%s takes yes or no, not '%s'", what, s);
	*out = a == ANSWER_YES ? TRI_YES : TRI_NO;
	return 0;
}

static int
add_standards(struct log_args *la, const char *arg)
{
	size_t old = la->std_buf ? strlen(la->std_buf) : 0, n = strlen(arg);
	char *buf = realloc(la->std_buf, old + n + 2), *tok, *save = NULL;

	if (buf == NULL)
		return cli_error(CS_OSERR, "out of memory");
	la->std_buf = buf;
	if (old > 0)
		buf[old++] = ',';
	memcpy(buf + old, arg, n + 1);
	la->n_std = 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (la->n_std == MAX_STANDARDS)
			return cli_usage("log", "too many standards");
		la->standards[la->n_std++] = tok;
	}
	return 0;
}

/* Read the whole of standard input (for --summary -).  *nul is set when
 * it holds a NUL byte, which text may not. */
static char *
read_stdin(bool *nul)
{
	size_t cap = 4096, n = 0, r;
	char *buf = malloc(cap), *p;

	while (buf != NULL && (r = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
		n += r;
		if (n + 1 == cap && cap < 2 * CONTACT_SUMMARY_MAX) {
			p = realloc(buf, cap * 2);
			if (p == NULL)
				break;
			buf = p;
			cap *= 2;
		} else if (n + 1 == cap) {
			break;
		}
	}
	if (buf != NULL) {
		*nul = memchr(buf, '\0', n) != NULL;
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			n--;
		buf[n] = '\0';
	}
	return buf;
}

static int
set_answers(struct log_args *la, const struct policy *p)
{
	char *tok, *save = NULL;
	size_t i = 0;
	enum answer a;

	if (la->answers == NULL)
		return 0;
	la->answers_buf = strdup(la->answers);
	if (la->answers_buf == NULL)
		return cli_error(CS_OSERR, "out of memory");
	for (tok = strtok_r(la->answers_buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (i >= p->n_questions)
			return cli_usage("log", "--answers: %s has %zu questions", p->id,
			    p->n_questions);
		a = empower_parse_answer(tok);
		if (a == ANSWER_UNSET)
			return cli_usage("log", "--answers takes yes or no for each question, not '%s'",
			    tok);
		la->c.answers[i].question = p->questions[i].id;
		la->c.answers[i].answer = a;
		i++;
	}
	la->c.n_answers = i;
	return 0;
}

static int
set_times(struct cli *c, struct log_args *la, const struct policy *p)
{
	struct cs_err err = { 0 };
	const struct policy_followup *rule;
	int64_t t;

	la->c.at = c->app.now;
	if (la->at != NULL) {
		if (app_time_parse(la->at, c->app.now, 0, &t, &err) != CS_OK)
			return cli_fail(&err);
		la->c.at = t;
	}
	if (la->followup == NULL)
		return 0;
	if (strcmp(la->followup, "auto") == 0) {
		rule = policy_followup_for(p, la->c.channel ? la->c.channel : "");
		if (rule == NULL)
			return cli_usage("log", "policy %s has no follow-up rule for channel '%s': give a time",
			    p->id, la->c.channel ? la->c.channel : "");
		la->c.followup_due = deadline_propose(rule, la->c.at,
		    app_end_of_local_day(la->c.at));
		return 0;
	}
	if (app_time_parse(la->followup, c->app.now, 1, &t, &err) != CS_OK)
		return cli_fail(&err);
	la->c.followup_due = t;
	return 0;
}

static int
resolve_member(struct cli *c, struct log_args *la, const struct member *actor)
{
	struct cs_err err = { 0 };
	struct member m = { 0 };

	la->c.member_id = actor->id;
	if (la->member == NULL || strcmp(la->member, actor->badge) == 0)
		return 0;
	if (actor->role != ROLE_SUPERVISOR)
		return cli_error(CS_NOPERM, "only a supervisor may log for another member");
	if (store_member_find(c->app.store, la->member, &m, &err) != CS_OK)
		return cli_fail(&err);
	la->c.member_id = m.id;
	record_member_clear(&m);
	return 0;
}

static int
do_log(struct cli *c, struct log_args *la)
{
	struct cs_err err = { 0 };
	struct member actor = { 0 };
	const struct policy *p;
	int64_t id = 0;
	int rc;

	if ((rc = cli_need_policies(c)) != 0)
		return rc;
	if ((rc = cli_actor(c, c->as, -1, &actor)) != 0)
		return rc;
	if (la->c.policy_id == NULL)
		la->c.policy_id = actor.last_policy;
	if (la->c.policy_id == NULL)
		rc = cli_usage("log", "say which policy: --policy ID");
	else if ((p = app_policy(&c->app, la->c.policy_id, &err)) == NULL)
		rc = cli_fail(&err);
	else if ((rc = resolve_member(c, la, &actor)) == 0 && (rc = set_answers(la, p)) == 0 &&
	    (rc = set_times(c, la, p)) == 0) {
		la->c.standards = la->standards;
		la->c.n_standards = la->n_std;
		if (app_contact_log(&c->app, actor.id, &la->c, &id, &err) != CS_OK)
			rc = cli_fail(&err);
		else
			fprintf(c->out, "%lld\n", (long long)id);
	}
	record_member_clear(&actor);
	return rc;
}

enum {
	O_POLICY = 1, O_AT, O_KIND, O_CHANNEL, O_OUTCOME, O_SUMMARY, O_NEEDS, O_ADDED,
	O_ANSWERS, O_STANDARD, O_REFERRAL, O_CONTACTED, O_DECISION, O_APPEAL, O_FOLLOWUP,
	O_FNOTE, O_CALL, O_CNAME, O_CPHONE, O_CADDR, O_CEMAIL, O_MEMBER,
};

static const struct option log_opts[] = {
	CLI_COMMON_OPTIONS,
	{ "policy", required_argument, NULL, O_POLICY },
	{ "at", required_argument, NULL, O_AT },
	{ "kind", required_argument, NULL, O_KIND },
	{ "channel", required_argument, NULL, O_CHANNEL },
	{ "outcome", required_argument, NULL, O_OUTCOME },
	{ "summary", required_argument, NULL, O_SUMMARY },
	{ "needs-met", required_argument, NULL, O_NEEDS },
	{ "added-value", required_argument, NULL, O_ADDED },
	{ "answers", required_argument, NULL, O_ANSWERS },
	{ "standard", required_argument, NULL, O_STANDARD },
	{ "standards", required_argument, NULL, O_STANDARD },
	{ "referral-to", required_argument, NULL, O_REFERRAL },
	{ "referee-contacted", required_argument, NULL, O_CONTACTED },
	{ "decision", required_argument, NULL, O_DECISION },
	{ "appeal", required_argument, NULL, O_APPEAL },
	{ "follow-up", required_argument, NULL, O_FOLLOWUP },
	{ "follow-up-note", required_argument, NULL, O_FNOTE },
	{ "call", required_argument, NULL, O_CALL },
	{ "customer-name", required_argument, NULL, O_CNAME },
	{ "customer-phone", required_argument, NULL, O_CPHONE },
	{ "customer-address", required_argument, NULL, O_CADDR },
	{ "customer-email", required_argument, NULL, O_CEMAIL },
	{ "member", required_argument, NULL, O_MEMBER },
	{ NULL, 0, NULL, 0 },
};

static int
log_option(struct log_args *la, int opt, const char *arg)
{
	struct contact *c = &la->c;

	switch (opt) {
	case O_POLICY: c->policy_id = arg; break;
	case O_AT: la->at = arg; break;
	case O_KIND: c->kind = arg; break;
	case O_CHANNEL: c->channel = arg; break;
	case O_OUTCOME: c->outcome = arg; break;
	case O_SUMMARY: c->summary = arg; break;
	case O_NEEDS: return parse_tri("--needs-met", arg, &c->needs_met);
	case O_ADDED: c->added_value = arg; break;
	case O_ANSWERS: la->answers = arg; break;
	case O_STANDARD: return add_standards(la, arg);
	case O_REFERRAL: c->referral_to = arg; break;
	case O_CONTACTED: return parse_tri("--referee-contacted", arg, &c->referee_contacted);
	case O_DECISION: c->decision = arg; break;
	case O_APPEAL: c->appeal_info = arg; break;
	case O_FOLLOWUP: la->followup = arg; break;
	case O_FNOTE: c->followup_note = arg; break;
	case O_CALL: c->call_ref = arg; break;
	case O_CNAME: c->customer_name = arg; break;
	case O_CPHONE: c->customer_phone = arg; break;
	case O_CADDR: c->customer_address = arg; break;
	case O_CEMAIL: c->customer_email = arg; break;
	case O_MEMBER: la->member = arg; break;
	default: return -1;
	}
	return 0;
}

int
cli_log(struct cli *c, int argc, char **argv)
{
	struct log_args la;
	bool nul = false;
	int opt, rc = 0;

	memset(&la, 0, sizeof la);
	cli_getopt_reset();
	while (rc == 0 && (opt = getopt_long(argc, argv, ":h", log_opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		if (opt == 'h') {   /* after --standard: free what was kept */
			free(la.std_buf);
			return cli_help(log_help);
		}
		rc = log_option(&la, opt, optarg);
		if (rc < 0)
			rc = cli_bad_option("log", argv, opt);
	}
	if (rc == 0 && optind < argc)
		rc = cli_usage("log", "unexpected argument '%s'", argv[optind]);
	if (rc == 0 && la.c.summary != NULL && strcmp(la.c.summary, "-") == 0) {
		la.summary_buf = read_stdin(&nul);
		la.c.summary = la.summary_buf;
		if (la.summary_buf == NULL)
			rc = cli_error(CS_OSERR, "out of memory");
		else if (nul)
			rc = cli_error(CS_DATAERR, "the summary holds a NUL byte; text may not");
	}
	if (rc == 0)
		rc = do_log(c, &la);
	free(la.std_buf);
	free(la.summary_buf);
	free(la.answers_buf);
	return rc;
}
