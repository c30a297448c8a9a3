/* drill.c - cslog drill list | results | answer: drill attempts, what
 * comes back first for a member, item analysis, and answers given on
 * paper entered afterwards. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_drill.h"
#include "cslog/app_time.h"
#include "cslog/cli_cmd.h"
#include "cslog/cli_drill.h"
#include "cslog/empower.h"
#include "cslog/store.h"

static const char drill_help[] =
"Usage: cslog drill list [--member BADGE] [--policy ID] [--since TIME]\n"
"                        [--format table|csv|json]\n"
"       cslog drill results --policy ID [--member BADGE] [--since TIME]\n"
"                        [--quiz | --questions] [--format table|csv|json]\n"
"                        [--decisions]\n"
"       cslog drill answer --as TRAINER --member BADGE --policy ID\n"
"                        --scenario ID --answers yes,no,... [--session NAME]\n"
"       cslog drill answer --quiz --as TRAINER --member BADGE --policy ID\n"
"                        --item ID --text TEXT [--session NAME]\n"
"\n"
"list     every drill and quiz attempt kept, oldest first.\n"
"results  for the policy's scenarios (or quiz items with --quiz): how often\n"
"         members get each right (difficulty) and whether it separates strong\n"
"         members from weak ones (discrimination), with dubious items\n"
"         flagged.  --questions: the same for each question of each\n"
"         scenario.  With --member: that member's items in the order they\n"
"         come back next (what was got wrong first), with the box of each\n"
"         and how often it was got wrong; with --member and --questions:\n"
"         the questions that member gets wrong most often, first.  With\n"
"         --quiz the table is followed by the grader's decisions on every\n"
"         answer typed (right or not, and why); any attempt the policy now\n"
"         grades otherwise than it was graded is listed with both grades\n"
"         (the grade kept never changes).  --decisions: only the decisions,\n"
"         in any format.\n"
"answer   keep a trainee's answers to a scenario (a drill done on paper);\n"
"         prints how many were right.  With --quiz, a typed answer to a\n"
"         quiz item (a quiz taken on paper): prints right or not right, and\n"
"         why.  Trainers and supervisors.\n";

/* ---- one output for table, CSV and JSON ---------------------------- */

struct out {
	int format;
	const char *const *cols;
	const int *widths;      /* table; negative: a number, right-aligned */
	size_t n;
	json_t *arr;
};

static void
out_begin(struct out *o)
{
	size_t i;

	if (o->format == FORMAT_JSON) {
		o->arr = json_array();
		return;
	}
	for (i = 0; i < o->n; i++) {
		if (o->format == FORMAT_CSV)
			cli_csv(stdout, o->cols[i], i + 1 == o->n);
		else
			printf(o->widths[i] < 0 ? "%*s " : "%-*s ",
			       abs(o->widths[i]), o->cols[i]);
	}
	if (o->format == FORMAT_TABLE)
		putchar('\n');
}

static void
out_row(struct out *o, const char *const *v)
{
	json_t *obj;
	size_t i;

	if (o->format == FORMAT_JSON) {
		obj = json_object();
		for (i = 0; i < o->n; i++)
			json_object_set_new(obj, o->cols[i], o->widths[i] >= 0 || v[i][0] == '\0' ?
			                    json_string(v[i]) : strchr(v[i], '.') != NULL ?
			                    json_real(atof(v[i])) : json_integer(atoll(v[i])));
		json_array_append_new(o->arr, obj);
		return;
	}
	for (i = 0; i < o->n; i++) {
		if (o->format == FORMAT_CSV) {
			cli_csv(stdout, v[i], i + 1 == o->n);
		} else if (o->widths[i] < 0) {
			printf("%*s ", -o->widths[i], v[i]);
		} else {
			cli_cell(stdout, v[i], o->widths[i]);
			putchar(' ');
		}
	}
	if (o->format == FORMAT_TABLE)
		putchar('\n');
}

static void
out_end(struct out *o)
{
	if (o->format != FORMAT_JSON)
		return;
	json_dumpf(o->arr, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	putchar('\n');
	json_decref(o->arr);
}

/* ---- options --------------------------------------------------------- */

struct dargs {
	const char *member, *policy, *since, *scenario, *answers, *session, *item, *text;
	int format;
	bool quiz, questions, decisions;
	int64_t member_id, since_t;
};

static int
parse(struct cli *c, int argc, char **argv, struct dargs *d)
{
	enum { O_MEMBER = 1, O_POLICY, O_SINCE, O_FORMAT, O_QUIZ, O_SCEN, O_ANS, O_SESS, O_QUEST,
	       O_ITEM, O_TEXT, O_DEC };
	static const struct option opts[] = {
		CLI_COMMON_OPTIONS,
		{ "member", required_argument, NULL, O_MEMBER },
		{ "policy", required_argument, NULL, O_POLICY },
		{ "since", required_argument, NULL, O_SINCE },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "quiz", no_argument, NULL, O_QUIZ },
		{ "questions", no_argument, NULL, O_QUEST },
		{ "scenario", required_argument, NULL, O_SCEN },
		{ "answers", required_argument, NULL, O_ANS },
		{ "session", required_argument, NULL, O_SESS },
		{ "item", required_argument, NULL, O_ITEM },
		{ "text", required_argument, NULL, O_TEXT },
		{ "decisions", no_argument, NULL, O_DEC },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (cli_common_option(c, opt, optarg))
			continue;
		switch (opt) {
		case 'h': return cli_help(drill_help);
		case O_MEMBER: d->member = optarg; break;
		case O_POLICY: d->policy = optarg; break;
		case O_SINCE: d->since = optarg; break;
		case O_QUIZ: d->quiz = true; break;
		case O_QUEST: d->questions = true; break;
		case O_SCEN: d->scenario = optarg; break;
		case O_ANS: d->answers = optarg; break;
		case O_SESS: d->session = optarg; break;
		case O_ITEM: d->item = optarg; break;
		case O_TEXT: d->text = optarg; break;
		case O_DEC: d->decisions = true; break;
		case O_FORMAT:
			if ((d->format = cli_parse_format(optarg)) < 0)
				return cli_usage("drill", "unknown format '%s'", optarg);
			break;
		default: return cli_bad_option("drill", argv, opt);
		}
	}
	return -1;
}

/* Resolve --member and --since; 0 or an exit status. */
static int
resolve(struct cli *c, struct store *st, struct dargs *d)
{
	struct cs_err err = { 0 };
	struct member m = { 0 };

	if (d->since != NULL &&
	    app_time_parse(d->since, c->app.now, 0, &d->since_t, &err) != CS_OK)
		return cli_usage("drill", "%s", err.msg);
	if (d->member == NULL)
		return 0;
	if (store_member_find(st, d->member, &m, &err) != CS_OK)
		return cli_fail(&err);
	d->member_id = m.id;
	record_member_clear(&m);
	return 0;
}

/* ---- list -------------------------------------------------------------- */

struct list_ctx {
	struct out o;
	struct store *st;
};

static int
list_one(void *ctx, const struct drill_attempt *a)
{
	struct list_ctx *l = ctx;
	struct member m = { 0 };
	char id[24], at[32], right[16], of[16];
	const char *v[9];

	snprintf(id, sizeof id, "%lld", (long long)a->id);
	app_time_iso(a->at, at, sizeof at);
	snprintf(right, sizeof right, "%d", a->correct);
	snprintf(of, sizeof of, "%d", a->total);
	store_member_get(l->st, a->member_id, &m, NULL);
	v[0] = id; v[1] = at; v[2] = m.badge != NULL ? m.badge : "?"; v[3] = a->policy_id;
	v[4] = record_drill_kind_name(a->kind); v[5] = a->item_id; v[6] = right; v[7] = of;
	v[8] = a->session_id != NULL ? a->session_id : "";
	out_row(&l->o, v);
	record_member_clear(&m);
	return 0;
}

static int
drill_list(struct cli *c, struct store *st, struct dargs *d)
{
	static const char *const cols[] = { "id", "at", "member", "policy", "kind", "item",
	                                    "right", "of", "session" };
	static const int widths[] = { -6, 20, 8, 9, 8, 24, -5, -3, 16 };
	struct list_ctx l = { { d->format, cols, widths, 9, NULL }, st };
	struct drill_filter f = { .member_id = d->member_id, .policy_id = d->policy,
	                          .since = d->since_t };
	struct cs_err err = { 0 };
	int rc;

	(void)c;
	out_begin(&l.o);
	rc = store_drill_query(st, &f, list_one, &l, &err);
	out_end(&l.o);
	return rc == CS_OK ? 0 : cli_fail(&err);
}

/* ---- results -------------------------------------------------------------- */

static const char *
item_id(const struct policy *p, bool quiz, size_t i)
{
	return quiz ? p->quiz[i].id : p->scenarios[i].id;
}

/* One item's statistics as text: attempts, members, right %, discrimination, flag. */
struct stat_text {
	char att[24], mem[24], pct[32], disc[32];
	const char *flag;
};

static void
stat_text(const struct drill_item_stats *s, struct stat_text *x)
{
	snprintf(x->att, sizeof x->att, "%zu", s->attempts);
	snprintf(x->mem, sizeof x->mem, "%zu", s->members);
	x->pct[0] = x->disc[0] = '\0';
	if (s->attempts)
		snprintf(x->pct, sizeof x->pct, "%.0f", 100 * s->difficulty);
	if (s->members >= 2)
		snprintf(x->disc, sizeof x->disc, "%.2f", s->discrimination);
	x->flag = s->flag != NULL ? s->flag : s->enough || !s->attempts ? "" :
	          "too few members to judge";
}

/* Item analysis: of each scenario (or quiz item), or with --questions
 * of each question of each scenario (an extra column names it). */
static int
results_items(struct cli *c, const struct policy *p, struct dargs *d)
{
	static const char *const cols[] = { "item", "question", "attempts", "members",
	                                    "right_pct", "discrimination", "flag" };
	static const int widths[] = { 24, 11, -8, -7, -9, -14, 30 };
	static const char *const item_cols[] = { "item", "attempts", "members", "right_pct",
	                                         "discrimination", "flag" };
	static const int item_widths[] = { 24, -8, -7, -9, -14, 40 };
	bool cells = d->questions;
	struct out o = { d->format, cells ? cols : item_cols, cells ? widths : item_widths,
	                 cells ? 7 : 6, NULL };
	size_t nq = p->n_questions, i, k;
	size_t n = cells ? p->n_scenarios * nq : d->quiz ? p->n_quiz : p->n_scenarios;
	struct drill_item_stats *s = calloc(n + 1, sizeof *s);
	struct cs_err err = { 0 };
	struct stat_text x;
	const char *v[7];
	int rc;

	if (s == NULL)
		return cli_error(CS_OSERR, "out of memory");
	rc = cells ? app_drill_question_analysis(&c->app, p, d->since_t, s, &err) :
	     app_drill_analysis(&c->app, p, d->quiz ? DRILL_QUIZ : DRILL_SCENARIO, d->since_t, s,
	                        &err);
	if (rc != CS_OK) {
		free(s);
		return cli_fail(&err);
	}
	out_begin(&o);
	for (i = 0; i < n; i++) {
		stat_text(&s[i], &x);
		k = 0;
		v[k++] = cells ? p->scenarios[i / nq].id : item_id(p, d->quiz, i);
		if (cells)
			v[k++] = p->questions[i % nq].id;
		v[k++] = x.att; v[k++] = x.mem; v[k++] = x.pct; v[k++] = x.disc; v[k++] = x.flag;
		out_row(&o, v);
	}
	out_end(&o);
	free(s);
	return 0;
}

/* --member --questions: that member's questions, most often wrong first. */
static int
results_tally(struct cli *c, const struct policy *p, struct dargs *d)
{
	static const char *const cols[] = { "question", "asked", "wrong", "right_pct" };
	static const int widths[] = { 14, -6, -6, -9 };
	struct out o = { d->format, cols, widths, 4, NULL };
	struct drill_tally t[POLICY_MAX_QUESTIONS];
	struct cs_err err = { 0 };
	char asked[24], wrong[24], pct[24];
	const char *v[4];
	size_t i;

	if (app_drill_tally(&c->app, d->member_id, p, d->since_t, NULL, t, &err) != CS_OK)
		return cli_fail(&err);
	out_begin(&o);
	for (i = 0; i < p->n_questions; i++) {
		snprintf(asked, sizeof asked, "%zu", t[i].asked);
		snprintf(wrong, sizeof wrong, "%zu", t[i].wrong);
		pct[0] = '\0';
		if (t[i].asked)
			snprintf(pct, sizeof pct, "%.0f",
			         100.0 * (double)(t[i].asked - t[i].wrong) / (double)t[i].asked);
		v[0] = p->questions[t[i].question].id; v[1] = asked; v[2] = wrong; v[3] = pct;
		out_row(&o, v);
	}
	out_end(&o);
	return 0;
}

static int
results_member(struct cli *c, const struct policy *p, struct dargs *d)
{
	static const char *const cols[] = { "next", "item", "box", "times_wrong", "last" };
	static const int widths[] = { -4, 24, -3, -11, 20 };
	struct out o = { d->format, cols, widths, 5, NULL };
	size_t n = d->quiz ? p->n_quiz : p->n_scenarios, i, got;
	struct drill_due *due = calloc(n + 1, sizeof *due);
	struct cs_err err = { 0 };
	char nx[24], box[16], wrong[16], last[32];
	const char *v[5];

	if (due == NULL)
		return cli_error(CS_OSERR, "out of memory");
	if (app_drill_schedule(&c->app, d->member_id, p, d->quiz ? DRILL_QUIZ : DRILL_SCENARIO,
	                       due, &got, &err) != CS_OK) {
		free(due);
		return cli_fail(&err);
	}
	out_begin(&o);
	for (i = 0; i < got; i++) {
		snprintf(nx, sizeof nx, "%zu", i + 1);
		snprintf(box, sizeof box, "%d", due[i].box);
		snprintf(wrong, sizeof wrong, "%d", due[i].lapses);
		if (due[i].last_at != 0)
			app_time_iso(due[i].last_at, last, sizeof last);
		else
			strcpy(last, "never");
		v[0] = nx; v[1] = item_id(p, d->quiz, due[i].item); v[2] = box; v[3] = wrong;
		v[4] = last;
		out_row(&o, v);
	}
	out_end(&o);
	free(due);
	return 0;
}

/* ---- answer ------------------------------------------------------------- */

static int
drill_answer(struct cli *c, const struct policy *p, struct dargs *d)
{
	enum answer given[POLICY_MAX_QUESTIONS] = { 0 };
	struct cs_err err = { 0 };
	struct member actor = { 0 };
	char *buf, *tok, *save = NULL;
	size_t i, n = 0, idx = p->n_scenarios;
	int rc, right = 0;

	if (d->scenario == NULL || d->answers == NULL || d->member_id == 0)
		return cli_usage("drill", "answer needs --member, --scenario and --answers");
	for (i = 0; i < p->n_scenarios; i++)
		if (strcmp(p->scenarios[i].id, d->scenario) == 0)
			idx = i;
	if (idx == p->n_scenarios)
		return cli_usage("drill", "policy %s has no scenario '%s'", p->id, d->scenario);
	if ((buf = strdup(d->answers)) == NULL)
		return cli_error(CS_OSERR, "out of memory");
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (n < POLICY_MAX_QUESTIONS)
			given[n++] = empower_parse_answer(tok);
	free(buf);
	for (i = 0; i < n; i++)
		if (given[i] == ANSWER_UNSET)
			n = 0;
	if (n != p->n_questions)
		return cli_usage("drill", "--answers takes yes or no for each of %zu questions",
		                 p->n_questions);
	if ((rc = cli_actor(c, c->as, ROLE_TRAINER, &actor)) != 0)
		return rc;
	rc = app_drill_answer(&c->app, actor.id, d->member_id, p, idx, given, d->session, &right,
	                      &err);
	record_member_clear(&actor);
	if (rc != CS_OK)
		return cli_fail(&err);
	printf("%d of %zu right\n", right, p->n_questions);
	return 0;
}

/* results: the table asked for; in a table, then the grader's decisions
 * (--quiz) or the attempts graded otherwise now; --decisions alone. */
static int
drill_results(struct cli *c, const struct policy *p, struct dargs *d)
{
	int rc;

	if (d->decisions)
		return cli_drill_decisions(c, p, d->quiz, d->member_id, d->since_t, d->format,
		                           false);
	if (d->questions)
		rc = d->member_id != 0 ? results_tally(c, p, d) : results_items(c, p, d);
	else
		rc = d->member_id != 0 ? results_member(c, p, d) : results_items(c, p, d);
	if (rc != 0 || d->format != FORMAT_TABLE || d->questions)
		return rc;
	return cli_drill_decisions(c, p, d->quiz, d->member_id, d->since_t, d->format, !d->quiz);
}

int
cli_drill(struct cli *c, int argc, char **argv)
{
	struct dargs d = { .format = FORMAT_TABLE };
	struct cs_err err = { 0 };
	const struct policy *p = NULL;
	const char *sub = argc > 1 ? argv[1] : NULL;
	struct store *st;
	int rc;

	if (sub == NULL || strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0)
		return sub == NULL ? cli_usage("drill", "say what: list, results or answer")
		                   : cli_help(drill_help);
	if (strcmp(sub, "list") != 0 && strcmp(sub, "results") != 0 && strcmp(sub, "answer") != 0)
		return cli_usage("drill", "unknown drill command '%s'", sub);
	if ((rc = parse(c, argc - 1, argv + 1, &d)) >= 0)
		return rc;
	if (optind != argc - 1)
		return cli_usage("drill", "unexpected argument '%s'", argv[optind + 1]);
	if ((rc = cli_need_policies(c)) != 0)
		return rc;
	if (d.policy != NULL && (p = app_policy(&c->app, d.policy, &err)) == NULL)
		return cli_fail(&err);
	if ((st = cli_store(c, &rc)) == NULL)
		return rc;
	if ((rc = resolve(c, st, &d)) != 0)
		return rc;
	if (strcmp(sub, "list") == 0)
		return drill_list(c, st, &d);
	if (p == NULL)
		return cli_usage("drill", "%s needs --policy ID", sub);
	if (strcmp(sub, "answer") == 0)
		return d.quiz ? cli_drill_quiz_answer(c, p, d.member_id, d.item, d.text, d.session)
		              : drill_answer(c, p, &d);
	if (d.quiz && d.questions)
		return cli_usage("drill", "--quiz and --questions do not go together");
	return drill_results(c, p, &d);
}
