/* drill_quiz.c - cslog drill answer --quiz (a quiz taken on paper) and
 * the grader's decisions shown by cslog drill results. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_drill.h"
#include "cslog/app_time.h"
#include "cli_drill.h"
#include "cslog/text.h"

int
cli_drill_quiz_answer(struct cli *c, const struct app_actor *who, const struct policy *p,
                      int64_t member_id, const char *item, const char *text,
                      const char *session)
{
	struct cs_err err = { 0 };
	struct quiz_grade g;
	char why[QUIZ_DETAIL_MAX + 256];
	size_t idx;
	int rc;

	if (item == NULL || text == NULL || member_id == 0)
		return cli_usage("drill answer", "answer --quiz needs --member, --item and --text");
	idx = app_drill_item_index(p, DRILL_QUIZ, item);
	if (idx >= p->n_quiz)
		return cli_usage("drill answer", "policy %s has no quiz item '%s'", p->id, item);
	rc = app_drill_quiz_graded(&c->app, who, member_id, p, idx, text, session, &g, &err);
	if (rc != CS_OK)
		return cli_fail(&err);
	quiz_grade_text(&p->quiz[idx], &g, why, sizeof why);
	cli_put(c->out, why, TEXT_ONE_LINE);
	fputc('\n', c->out);
	return 0;
}

struct dec {
	struct cli *c;
	const struct policy *p;
	bool quiz, only_changed;
	int format;
	size_t shown;
	json_t *arr;
};

static const char *const cols[] = {
	"id", "at", "member", "item", "given", "then", "now", "why",
};

static void
grade(char *buf, size_t len, int correct, int total, bool quiz)
{
	if (quiz)
		snprintf(buf, len, "%s", correct ? "right" : "not right");
	else
		snprintf(buf, len, "%d of %d", correct, total);
}

/* What was given: the typed answer, or the yes/no answers. */
static void
given_text(const struct drill_attempt *d, char *buf, size_t len)
{
	size_t i, o = 0;

	buf[0] = '\0';
	if (d->kind == DRILL_QUIZ) {
		snprintf(buf, len, "%s", d->quiz_answer != NULL ? d->quiz_answer : "");
		return;
	}
	for (i = 0; i < d->n_answers && o + 5 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? "," : "",
		    d->answers[i].given == ANSWER_YES ? "yes" : d->answers[i].given == ANSWER_NO ?
		    "no" : "-");
}

static void
row(struct dec *x, const char *const *v)
{
	json_t *o;
	size_t i;

	if (x->format == FORMAT_JSON) {
		o = json_object();
		for (i = 0; i < 8; i++)
			json_object_set_new(o, cols[i], i == 0 ? json_integer(atoll(v[i])) :
			                    json_string(v[i]));
		json_array_append_new(x->arr, o);
		return;
	}
	if (x->format == FORMAT_CSV) {
		for (i = 0; i < 8; i++)
			cli_csv(x->c->out, v[i], i == 7);
		return;
	}
	fprintf(x->c->out, "%6s %-16s %-8s ", v[0], v[1], v[2]);
	cli_cell(x->c->out, v[3], 24);
	fputc(' ', x->c->out);
	cli_cell(x->c->out, v[4], x->quiz ? 30 : 20);
	fprintf(x->c->out, " %-9s %-9s ", v[5], v[6]);
	cli_put(x->c->out, v[7], TEXT_ONE_LINE);
	fputc('\n', x->c->out);
}

static void
header(struct dec *x)
{
	if (x->format == FORMAT_JSON) {
		x->arr = json_array();
		return;
	}
	if (x->only_changed)
		fprintf(x->c->out, "\nGraded otherwise under %s %s than when they were given "
		        "(the grade kept is 'then'):\n", x->p->id, x->p->version);
	else if (x->format == FORMAT_TABLE)
		fprintf(x->c->out, "\n%s decisions, under %s %s:\n", x->quiz ? "The grader's" :
		        "Scenario grades", x->p->id, x->p->version);
	if (x->format == FORMAT_CSV)
		fputs("id,at,member,item,given,then,now,why\r\n", x->c->out);
	else
		fprintf(x->c->out, "%6s %-16s %-8s %-24s %-*s %-9s %-9s %s\n", "ID", "AT", "MEMBER",
		        "ITEM", x->quiz ? 30 : 20, "GIVEN", "THEN", "NOW", "WHY");
}

static int
each(void *ctx, const struct drill_regrade *r)
{
	struct dec *x = ctx;
	char id[24], at[32], given[512], then[24], now[24], why[QUIZ_DETAIL_MAX + 256];
	const char *v[8];

	if (x->only_changed && !r->differs)
		return 0;
	if (x->shown++ == 0)
		header(x);
	snprintf(id, sizeof id, "%lld", (long long)r->d->id);
	app_time_iso(r->d->at, at, sizeof at);
	given_text(r->d, given, sizeof given);
	grade(then, sizeof then, r->d->correct, r->d->total, x->quiz);
	why[0] = '\0';
	if (r->item < 0) {
		snprintf(now, sizeof now, "-");
		snprintf(why, sizeof why, "the item is no longer in %s %s", x->p->id, x->p->version);
	} else {
		grade(now, sizeof now, r->now_correct, r->now_total, x->quiz);
		if (x->quiz)
			quiz_grade_text(&x->p->quiz[r->item], &r->g, why, sizeof why);
		else if (r->differs)
			snprintf(why, sizeof why, "the expected answers changed (kept under %s)",
			         r->d->policy_version);
	}
	v[0] = id; v[1] = at; v[2] = r->member; v[3] = r->d->item_id;
	v[4] = given; v[5] = then; v[6] = now; v[7] = why;
	row(x, v);
	return 0;
}

int
cli_drill_decisions(struct cli *c, const struct app_actor *who, const struct policy *p,
                    bool quiz, int64_t member_id,
                    int64_t since, int format, bool only_changed)
{
	struct cs_err err = { 0 };
	struct dec x = { c, p, quiz, only_changed, format, 0, NULL };
	int rc;

	rc = app_drill_regrade(&c->app, who, p, quiz ? DRILL_QUIZ : DRILL_SCENARIO, member_id, since,
	                       each, &x, &err);
	if (format == FORMAT_JSON && x.shown == 0 && !only_changed)
		x.arr = json_array();
	if (x.arr != NULL) {
		json_dumpf(x.arr, c->out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', c->out);
		json_decref(x.arr);
	}
	return rc == CS_OK ? 0 : cli_fail(&err);
}
