/* review.c - cslog review ID and cslog amend ID. */
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/cli_cmd.h"
#include "cslog/empower.h"
#include "cslog/store.h"

static const char review_help[] =
"Usage: cslog review ID (--sign-off | --note TEXT | --commend TEXT) --as BADGE\n"
"\n"
"A supervisor's review of contact ID: --sign-off (optionally with --note),\n"
"--note TEXT alone records a debrief, --commend TEXT a commendation\n"
"(recognition).  Needs a supervisor, with the PIN in CSLOG_PIN.\n";

static const char amend_help[] =
"Usage: cslog amend ID --reason TEXT --as BADGE [FIELD OPTIONS]\n"
"\n"
"Correct contact ID.  Contacts are records of fact and are never\n"
"changed: the correction is a new version that points at the original,\n"
"with the reason; 'cslog show' shows the history.  Field options are\n"
"those of 'cslog log' (--kind, --channel, --outcome, --summary,\n"
"--needs-met, --added-value, --answers, --referral-to,\n"
"--referee-contacted, --decision, --appeal, --at); the fields not given\n"
"keep their value.  Members may amend their own contacts, supervisors\n"
"any.\n";

int
cli_review(struct cli *c, int argc, char **argv)
{
	enum { O_SIGN = 1, O_NOTE, O_COMMEND };
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "sign-off", no_argument, NULL, O_SIGN },
		{ "note", required_argument, NULL, O_NOTE },
		{ "commend", required_argument, NULL, O_COMMEND },
		{ NULL, 0, NULL, 0 },
	};
	struct cs_err err = { 0 };
	struct member actor = { 0 };
	struct store *st;
	const char *note = NULL, *commend = NULL;
	bool sign = false;
	int opt, rc = 0;
	int64_t id, rid = 0;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		switch (opt) {
		case 'h': return cli_help(review_help);
		case O_SIGN: sign = true; break;
		case O_NOTE: note = optarg; break;
		case O_COMMEND: commend = optarg; break;
		default: return cli_bad_option("review", argv, opt);
		}
	}
	if (optind + 1 != argc || (id = cli_parse_id(argv[optind])) == 0)
		return cli_usage("review", "review takes one contact id");
	if (!sign && note == NULL && commend == NULL)
		return cli_usage("review", "say what: --sign-off, --note TEXT or --commend TEXT");
	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	if ((rc = cli_actor(c, c->as, ROLE_SUPERVISOR, &actor)) != 0)
		return rc;
	if (sign)
		rc = app_review_add(&c->app, actor.id, id, REVIEW_SIGN_OFF, note, &rid, &err);
	else if (note != NULL)
		rc = app_review_add(&c->app, actor.id, id, REVIEW_DEBRIEF, note, &rid, &err);
	if (rc == CS_OK && commend != NULL)
		rc = app_review_add(&c->app, actor.id, id, REVIEW_COMMEND, commend, &rid, &err);
	record_member_clear(&actor);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

struct amend_args {
	const char *reason, *at, *answers, *needs, *contacted;
	const char *kind, *channel, *outcome, *summary, *added, *referral, *decision, *appeal;
};

static int
apply_tri(const char *what, const char *s, enum record_tri *out)
{
	enum answer a;

	if (s == NULL)
		return 0;
	a = empower_parse_answer(s);
	if (a == ANSWER_UNSET)
		return cli_usage("amend", "%s takes yes or no, not '%s'", what, s);
	*out = a == ANSWER_YES ? TRI_YES : TRI_NO;
	return 0;
}

static int
apply_answers(struct contact *ct, const struct policy *p, char *buf)
{
	char *tok, *save = NULL;
	size_t i = 0;

	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (i >= p->n_questions || empower_parse_answer(tok) == ANSWER_UNSET)
			return cli_usage("amend", "--answers takes yes or no for each of %zu questions",
			    p->n_questions);
		ct->answers[i].question = p->questions[i].id;
		ct->answers[i].answer = empower_parse_answer(tok);
		i++;
	}
	ct->n_answers = i;
	return 0;
}

/* Overlay the options on the original's fields. */
static int
apply(struct cli *c, struct amend_args *aa, struct contact *ct, char *abuf)
{
	struct cs_err err = { 0 };
	const struct policy *p;
	int rc;

#define SET(field, v) do { if ((v) != NULL) ct->field = (v); } while (0)
	SET(kind, aa->kind);
	SET(channel, aa->channel);
	SET(outcome, aa->outcome);
	SET(summary, aa->summary);
	SET(added_value, aa->added);
	SET(referral_to, aa->referral);
	SET(decision, aa->decision);
	SET(appeal_info, aa->appeal);
#undef SET
	if (aa->added != NULL && *aa->added == '\0') {
		ct->added_value = NULL;
		ct->n_answers = 0;
	}
	if ((rc = apply_tri("--needs-met", aa->needs, &ct->needs_met)) != 0 ||
	    (rc = apply_tri("--referee-contacted", aa->contacted, &ct->referee_contacted)) != 0)
		return rc;
	if (aa->at != NULL && app_time_parse(aa->at, c->app.now, 0, &ct->at, &err) != CS_OK)
		return cli_fail(&err);
	if (abuf != NULL) {
		if ((p = app_policy(&c->app, ct->policy_id, &err)) == NULL)
			return cli_fail(&err);
		return apply_answers(ct, p, abuf);
	}
	return 0;
}

static int
do_amend(struct cli *c, int64_t id, struct amend_args *aa)
{
	struct cs_err err = { 0 };
	struct member actor = { 0 };
	struct contact orig = { 0 }, ct;
	struct store *st;
	char *abuf = aa->answers ? strdup(aa->answers) : NULL;
	int64_t nid = 0;
	int rc;

	if ((rc = cli_need_policies(c)) != 0 || (st = cli_store(c, &rc)) == NULL ||
	    (rc = cli_actor(c, c->as, -1, &actor)) != 0) {
		free(abuf);
		return rc;
	}
	if (store_contact_get(st, id, STORE_PROTECTED, c->app.now, &orig, &err) != CS_OK)
		rc = cli_fail(&err);
	else if (orig.member_id != actor.id && actor.role != ROLE_SUPERVISOR)
		rc = cli_error(CS_NOPERM, "only a supervisor may amend another member's contact");
	if (rc == 0) {
		ct = orig;
		ct.mem = NULL;
		ct.id = 0;
		ct.followup_due = 0;
		rc = apply(c, aa, &ct, abuf);
		if (rc == 0 && app_contact_amend(&c->app, actor.id, id, &ct, aa->reason, &nid,
		    &err) != CS_OK)
			rc = cli_fail(&err);
		if (rc == 0)
			fprintf(c->out, "%lld\n", (long long)nid);
	}
	record_contact_clear(&orig);
	record_member_clear(&actor);
	free(abuf);
	return rc;
}

int
cli_amend(struct cli *c, int argc, char **argv)
{
	enum { O_REASON = 1, O_AT, O_KIND, O_CHANNEL, O_OUTCOME, O_SUMMARY, O_NEEDS,
	       O_ADDED, O_ANSWERS, O_REFERRAL, O_CONTACTED, O_DECISION, O_APPEAL };
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "reason", required_argument, NULL, O_REASON },
		{ "at", required_argument, NULL, O_AT },
		{ "kind", required_argument, NULL, O_KIND },
		{ "channel", required_argument, NULL, O_CHANNEL },
		{ "outcome", required_argument, NULL, O_OUTCOME },
		{ "summary", required_argument, NULL, O_SUMMARY },
		{ "needs-met", required_argument, NULL, O_NEEDS },
		{ "added-value", required_argument, NULL, O_ADDED },
		{ "answers", required_argument, NULL, O_ANSWERS },
		{ "referral-to", required_argument, NULL, O_REFERRAL },
		{ "referee-contacted", required_argument, NULL, O_CONTACTED },
		{ "decision", required_argument, NULL, O_DECISION },
		{ "appeal", required_argument, NULL, O_APPEAL },
		{ NULL, 0, NULL, 0 },
	};
	struct amend_args aa;
	int opt;
	int64_t id;

	memset(&aa, 0, sizeof aa);
	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		switch (opt) {
		case 'h': return cli_help(amend_help);
		case O_REASON: aa.reason = optarg; break;
		case O_AT: aa.at = optarg; break;
		case O_KIND: aa.kind = optarg; break;
		case O_CHANNEL: aa.channel = optarg; break;
		case O_OUTCOME: aa.outcome = optarg; break;
		case O_SUMMARY: aa.summary = optarg; break;
		case O_NEEDS: aa.needs = optarg; break;
		case O_ADDED: aa.added = optarg; break;
		case O_ANSWERS: aa.answers = optarg; break;
		case O_REFERRAL: aa.referral = optarg; break;
		case O_CONTACTED: aa.contacted = optarg; break;
		case O_DECISION: aa.decision = optarg; break;
		case O_APPEAL: aa.appeal = optarg; break;
		default: return cli_bad_option("amend", argv, opt);
		}
	}
	if (optind + 1 != argc || (id = cli_parse_id(argv[optind])) == 0)
		return cli_usage("amend", "amend takes one contact id");
	if (aa.reason == NULL || *aa.reason == '\0')
		return cli_usage("amend", "an amendment needs --reason TEXT");
	return do_amend(c, id, &aa);
}
