/* drill.c - cslog drill list | results | answer: drill attempts, what
 * comes back first for a member, item analysis, and answers given on
 * paper entered afterwards. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_cmd.h"
#include "cslog/app_out.h"
#include "cli_drill.h"
#include "cslog/app_drill.h"
#include "cslog/app_time.h"
#include "cslog/empower.h"

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
	app_out_json(stdout, o->arr, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	json_decref(o->arr);
}

/* ---- options --------------------------------------------------------- */

enum { O_MEMBER = 1, O_POLICY, O_SINCE, O_FORMAT, O_QUIZ, O_SCEN, O_ANS, O_SESS, O_QUEST,
       O_ITEM, O_TEXT, O_DEC };

static const struct cli_opt list_opts[] = {
	{ "member", O_MEMBER, CLI_VALUE, "BADGE", "one member's attempts" },
	{ "policy", O_POLICY, CLI_VALUE, "ID", "one policy's" },
	{ "since", O_SINCE, CLI_VALUE, "TIME", "those made then or later" },
	{ "format", O_FORMAT, CLI_VALUE, "table|csv|json", "the format (default table)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt results_opts[] = {
	{ "policy", O_POLICY, CLI_VALUE, "ID", "the policy (required)" },
	{ "member", O_MEMBER, CLI_VALUE, "BADGE", "that member's items in the order they come"
	  " back\nnext; with --questions, the questions they get\nwrong most often" },
	{ "since", O_SINCE, CLI_VALUE, "TIME", "attempts made then or later" },
	{ "quiz", O_QUIZ, CLI_FLAG, NULL, "the quiz items instead of the scenarios" },
	{ "questions", O_QUEST, CLI_FLAG, NULL, "each question of each scenario" },
	{ "decisions", O_DEC, CLI_FLAG, NULL, "only the grader's decisions on every attempt:"
	  "\nthe grade then, the grade now and (quizzes) why" },
	{ "format", O_FORMAT, CLI_VALUE, "table|csv|json", "the format (default table)" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_opt answer_opts[] = {
	{ "member", O_MEMBER, CLI_VALUE, "BADGE", "the trainee (required)" },
	{ "policy", O_POLICY, CLI_VALUE, "ID", "the policy (required)" },
	{ "scenario", O_SCEN, CLI_VALUE, "ID", "the scenario (required)" },
	{ "answers", O_ANS, CLI_VALUE, "yes,no,...", "the trainee's answers, in the policy's"
	  " order" },
	{ "session", O_SESS, CLI_VALUE, "NAME", "groups the answers of one session" },
	{ "quiz", O_QUIZ, CLI_FLAG, NULL, "a typed answer to a quiz item instead (a quiz"
	  "\ntaken on paper): with --item and --text" },
	{ "item", O_ITEM, CLI_VALUE, "ID", "the quiz item" },
	{ "text", O_TEXT, CLI_VALUE, "TEXT", "the trainee's answer as written" },
	{ NULL, 0, 0, NULL, NULL },
};

struct dargs {
	const char *session;
	int format;
	bool quiz, questions, decisions;
	int64_t member_id, since_t;
};

/* --member, --since, --format and the policy into d; 0 or an exit status. */
static int
resolve(struct cli *c, struct cli_call *k, struct dargs *d, const struct policy **p)
{
	struct cs_err err = { 0 };
	int rc = 0;

	memset(d, 0, sizeof *d);
	d->format = cli_format(k, O_FORMAT, FORMAT_TABLE);
	d->quiz = cli_has(k, O_QUIZ);
	d->questions = cli_has(k, O_QUEST);
	d->decisions = cli_has(k, O_DEC);
	d->session = k->val[O_SESS];
	if (d->format < 0)
		return CS_USAGE;
	*p = NULL;
	if (cli_has(k, O_POLICY) && (*p = app_policy(&c->app, k->val[O_POLICY], &err)) == NULL)
		return cli_fail(&err);
	if (cli_has(k, O_SINCE) && (rc = cli_time(c, "--since", k->val[O_SINCE], 0,
	                                          &d->since_t)) != 0)
		return rc;
	if (cli_has(k, O_MEMBER))
		d->member_id = cli_member_id(c, k, k->val[O_MEMBER], &rc);
	return rc;
}

/* ---- list -------------------------------------------------------------- */

/* Badges by member id, read once. */
struct badges {
	int64_t *id;
	char **badge;
	size_t n, cap;
};

static int
keep_badge(void *ctx, const struct member *m)
{
	struct badges *b = ctx;
	void *p;

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		if ((p = realloc(b->id, b->cap * sizeof *b->id)) == NULL)
			return 1;
		b->id = p;
		if ((p = realloc(b->badge, b->cap * sizeof *b->badge)) == NULL)
			return 1;
		b->badge = p;
	}
	b->id[b->n] = m->id;
	if ((b->badge[b->n] = strdup(m->badge)) == NULL)
		return 1;
	b->n++;
	return 0;
}

static const char *
badge_of(const struct badges *b, int64_t id)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->id[i] == id)
			return b->badge[i];
	return "?";
}

struct list_ctx {
	struct out o;
	struct badges b;
};

static int
list_one(void *ctx, const struct drill_attempt *a)
{
	struct list_ctx *l = ctx;
	char id[24], at[32], right[16], of[16];
	const char *v[9];

	snprintf(id, sizeof id, "%lld", (long long)a->id);
	app_time_iso(a->at, at, sizeof at);
	snprintf(right, sizeof right, "%d", a->correct);
	snprintf(of, sizeof of, "%d", a->total);
	v[0] = id; v[1] = at; v[2] = badge_of(&l->b, a->member_id); v[3] = a->policy_id;
	v[4] = record_drill_kind_name(a->kind); v[5] = a->item_id; v[6] = right; v[7] = of;
	v[8] = a->session_id != NULL ? a->session_id : "";
	out_row(&l->o, v);
	return 0;
}

static int
run_list(struct cli *c, struct cli_call *k)
{
	static const char *const cols[] = { "id", "at", "member", "policy", "kind", "item",
	                                    "right", "of", "session" };
	static const int widths[] = { -6, 20, 8, 9, 8, 24, -5, -3, 16 };
	struct list_ctx l;
	struct drill_filter f = { 0 };
	struct cs_err err = { 0 };
	const struct policy *p;
	struct dargs d;
	size_t i;
	int rc = resolve(c, k, &d, &p);

	if (rc != 0)
		return rc;
	memset(&l, 0, sizeof l);
	l.o = (struct out){ d.format, cols, widths, 9, NULL };
	f.member_id = d.member_id;
	f.policy_id = p != NULL ? p->id : k->val[O_POLICY];
	f.since = d.since_t;
	rc = app_member_list(&c->app, &k->who, keep_badge, &l.b, &err);
	if (rc == CS_OK) {
		out_begin(&l.o);
		rc = app_drill_list(&c->app, &k->who, &f, list_one, &l, &err);
		out_end(&l.o);
	}
	for (i = 0; i < l.b.n; i++)
		free(l.b.badge[i]);
	free(l.b.id);
	free(l.b.badge);
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
results_items(struct cli *c, const struct app_actor *who, const struct policy *p,
              struct dargs *d)
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
	rc = cells ? app_drill_question_analysis(&c->app, who, p, d->since_t, s, &err) :
	     app_drill_analysis(&c->app, who, p, d->quiz ? DRILL_QUIZ : DRILL_SCENARIO,
	                        d->since_t, s, &err);
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
results_tally(struct cli *c, const struct app_actor *who, const struct policy *p,
              struct dargs *d)
{
	static const char *const cols[] = { "question", "asked", "wrong", "right_pct" };
	static const int widths[] = { 14, -6, -6, -9 };
	struct out o = { d->format, cols, widths, 4, NULL };
	struct drill_tally t[POLICY_MAX_QUESTIONS];
	struct cs_err err = { 0 };
	char asked[24], wrong[24], pct[24];
	const char *v[4];
	size_t i;

	if (app_drill_tally(&c->app, who, d->member_id, p, d->since_t, NULL, t, &err) != CS_OK)
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
results_member(struct cli *c, const struct app_actor *who, const struct policy *p,
               struct dargs *d)
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
	if (app_drill_schedule(&c->app, who, d->member_id, p, d->quiz ? DRILL_QUIZ :
	                       DRILL_SCENARIO, due, &got, &err) != CS_OK) {
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

/* ---- results and answer ------------------------------------------------ */

static int
run_results(struct cli *c, struct cli_call *k)
{
	const struct policy *p;
	struct dargs d;
	int rc = resolve(c, k, &d, &p);

	if (rc != 0)
		return rc;
	if (p == NULL)
		return cli_usage("drill results", "say which policy: --policy ID");
	if (d.quiz && d.questions)
		return cli_usage("drill results", "--quiz and --questions do not go together");
	/* The table asked for; in a table, then the grader's decisions (--quiz)
	 * or the attempts graded otherwise now; --decisions alone. */
	if (d.decisions)
		return cli_drill_decisions(c, &k->who, p, d.quiz, d.member_id, d.since_t, d.format,
		                           false);
	if (d.questions)
		rc = d.member_id != 0 ? results_tally(c, &k->who, p, &d) :
		     results_items(c, &k->who, p, &d);
	else
		rc = d.member_id != 0 ? results_member(c, &k->who, p, &d) :
		     results_items(c, &k->who, p, &d);
	if (rc != 0 || d.format != FORMAT_TABLE || d.questions)
		return rc;
	return cli_drill_decisions(c, &k->who, p, d.quiz, d.member_id, d.since_t, d.format,
	                           !d.quiz);
}

static int
run_answer(struct cli *c, struct cli_call *k)
{
	enum answer given[POLICY_MAX_QUESTIONS] = { 0 };
	struct cs_err err = { 0 };
	const struct policy *p;
	struct dargs d;
	char *buf, *tok, *save = NULL;
	size_t i, n = 0, idx;
	int rc = resolve(c, k, &d, &p), right = 0;

	if (rc != 0)
		return rc;
	if (p != NULL && d.quiz)
		return cli_drill_quiz_answer(c, &k->who, p, d.member_id, k->val[O_ITEM],
		                             k->val[O_TEXT], d.session);
	if (p == NULL || !cli_has(k, O_SCEN) || !cli_has(k, O_ANS) || d.member_id == 0)
		return cli_usage("drill answer", "answer needs --member, --policy, --scenario and"
		                 " --answers");
	idx = app_drill_item_index(p, DRILL_SCENARIO, k->val[O_SCEN]);
	if (idx == p->n_scenarios)
		return cli_usage("drill answer", "policy %s has no scenario '%s'", p->id,
		                 k->val[O_SCEN]);
	if ((buf = strdup(k->val[O_ANS])) == NULL)
		return cli_error(CS_OSERR, "out of memory");
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (n < POLICY_MAX_QUESTIONS)
			given[n++] = empower_parse_answer(tok);
	free(buf);
	for (i = 0; i < n; i++)
		if (given[i] == ANSWER_UNSET)
			n = 0;
	if (n != p->n_questions)
		return cli_usage("drill answer", "--answers takes yes or no for each of %zu"
		                 " questions", p->n_questions);
	if (app_drill_answer(&c->app, &k->who, d.member_id, p, idx, given, d.session, &right,
	                     &err) != CS_OK)
		return cli_fail(&err);
	printf("%d of %zu right\n", right, p->n_questions);
	return 0;
}

const struct cli_cmd cli_cmd_drill_list = {
	"drill list", NULL, 0, 0, "every drill and quiz attempt kept",
	"Every drill and quiz attempt kept, oldest first.  A member sees their\n"
	"own; trainers and supervisors everyone's.\n",
	list_opts, NULL, WHO_SIGNED_IN, APP_DRILL_READ, true, true, run_list,
};

const struct cli_cmd cli_cmd_drill_results = {
	"drill results", NULL, 0, 0, "item analysis, and what comes back first for a member",
	"For the policy's scenarios (or quiz items with --quiz): how often\n"
	"members get each right (difficulty) and whether it separates strong\n"
	"members from weak ones (discrimination), with dubious items flagged.\n"
	"--questions: the same for each question of each scenario.  With\n"
	"--member: that member's items in the order they come back next (what\n"
	"was got wrong first), with the box of each and how often it was got\n"
	"wrong.  With --quiz the table is followed by the grader's decisions on\n"
	"every answer typed (right or not, and why); an attempt the policy now\n"
	"grades otherwise than it was graded is listed with both grades (the\n"
	"grade kept never changes).  Item analysis over everyone is for trainers\n"
	"and supervisors; a member sees their own results with --member.\n",
	results_opts, NULL, WHO_SIGNED_IN, APP_DRILL_READ, true, true, run_results,
};

const struct cli_cmd cli_cmd_drill_answer = {
	"drill answer", NULL, 0, 0, "keep a trainee's answers to a scenario done on paper",
	"Keep a trainee's answers to a scenario (a drill done on paper); prints\n"
	"how many were right.  With --quiz, a typed answer to a quiz item (a quiz\n"
	"taken on paper): prints right or not right, and why.  Trainers and\n"
	"supervisors for anyone; a member for themselves (self-study).\n",
	answer_opts, NULL, WHO_SIGNED_IN, APP_DRILL_RUN, false, true, run_answer,
};
