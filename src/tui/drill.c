/* drill.c - the trainer's drill screen: a policy, the members present
 * (one or a group), then each scenario with every trainee's answers and
 * the expected ones beside them; or the policy's quiz.  Items come in
 * the order drill.h describes (what was got wrong first).  p pauses the
 * session for later; every attempt is kept as it is scored. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_drill.h"
#include "cslog/store.h"
#include "cslog/tui_drill.h"
#include "cslog/tui_screens.h"

static const struct tui_help_line drill_help[] = {
	{ "1-9", "choose the policy" },
	{ "d, q", "a drill of scenarios, or the quiz" },
	{ "Space", "pick or unpick a trainee; Enter starts" },
	{ "y, n", "a trainee's answer to the question shown" },
	{ "Backspace", "back to the previous answer" },
	{ "Enter", "on to the next scenario or quiz item" },
	{ "p", "pause the drill; d on the home screen resumes it" },
	{ "Esc", "back; during a drill: end it (what was scored is kept)" },
	{ NULL, NULL },
};

static int
keep_person(void *ctx, const struct member *m)
{
	struct drill_ui *d = ctx;
	struct dr_person *p;

	if (d->n_people >= DR_MAX_MEMBERS)
		return 1;
	p = &d->people[d->n_people++];
	p->id = m->id;
	snprintf(p->badge, sizeof p->badge, "%s", m->badge);
	snprintf(p->name, sizeof p->name, "%s", m->name);
	p->picked = false;
	return 0;
}

static void
load_people(struct tui *t, struct drill_ui *d)
{
	struct cs_err err = { 0 };
	struct store *st = app_store(t->app, &err);

	d->n_people = d->sel = d->top = 0;
	if (d->people == NULL && (d->people = calloc(DR_MAX_MEMBERS, sizeof *d->people)) == NULL)
		return;
	if (st == NULL || store_member_list(st, keep_person, d, &err) != CS_OK)
		tui_say(t, true, "%s", err.msg);
}

static void
add_trainee(struct drill_ui *d, int64_t id, const char *badge, const char *name)
{
	struct dr_trainee *tr;

	if (d->n_tr >= DR_MAX_TRAINEES)
		return;
	tr = &d->tr[d->n_tr++];
	memset(tr, 0, sizeof *tr);
	tr->id = id;
	snprintf(tr->badge, sizeof tr->badge, "%s", badge);
	snprintf(tr->name, sizeof tr->name, "%s", name);
}

/* The trainees are chosen: put the items in order and start. */
static void
begin(struct tui *t, struct drill_ui *d)
{
	struct cs_err err = { 0 };
	int64_t ids[DR_MAX_TRAINEES];
	int i;

	for (i = 0; i < d->n_tr; i++)
		ids[i] = d->tr[i].id;
	if (app_drill_group_order(t->app, ids, (size_t)d->n_tr, d->p,
	                          d->quiz ? DRILL_QUIZ : DRILL_SCENARIO, d->order, &d->n_order,
	                          &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return;
	}
	snprintf(d->session, sizeof d->session, "%s-%lld", t->me_badge, (long long)t->app->now);
	d->pos = 0;
	d->cur_tr = d->cur_q = 0;
	d->step = d->n_order == 0 ? DR_DONE : d->quiz ? DR_QUIZ : DR_ANSWER;
	if (d->n_order == 0)
		tui_say(t, true, "Policy %s has no %s.", d->p->id, d->quiz ? "quiz" : "scenarios");
}

static void
after_mode(struct tui *t, struct drill_ui *d)
{
	if (t->me_role == ROLE_MEMBER) {   /* self-study: the member alone */
		d->n_tr = 0;
		add_trainee(d, t->me_id, t->me_badge, t->me_name);
		begin(t, d);
		return;
	}
	load_people(t, d);
	d->step = DR_WHO;
}

static int
key_policy(struct tui *t, struct drill_ui *d, int ch)
{
	size_t i = ch >= '1' && ch <= '9' ? (size_t)(ch - '1') : t->app->policies.n;

	if (i >= t->app->policies.n)
		return TUI_STAY;
	d->p = t->app->policies.items[i];
	d->step = DR_MODE;
	return TUI_REDRAW;
}

static int
key_mode(struct tui *t, struct drill_ui *d, int ch)
{
	if (ch != 'd' && ch != 'q')
		return TUI_STAY;
	d->quiz = ch == 'q';
	after_mode(t, d);
	return TUI_REDRAW;
}

static int
key_who(struct tui *t, struct drill_ui *d, int ch, bool fk)
{
	int i;

	if (fk && ch == KEY_DOWN && d->sel + 1 < d->n_people)
		d->sel++;
	else if (fk && ch == KEY_UP && d->sel > 0)
		d->sel--;
	else if (!fk && ch == ' ' && d->n_people > 0)
		d->people[d->sel].picked = !d->people[d->sel].picked;
	else if (!fk && (ch == '\n' || ch == '\r')) {
		d->n_tr = 0;
		for (i = 0; i < d->n_people; i++)
			if (d->people[i].picked)
				add_trainee(d, d->people[i].id, d->people[i].badge, d->people[i].name);
		if (d->n_tr == 0) {
			tui_say(t, true, "Pick at least one trainee with Space.");
			return TUI_REDRAW;
		}
		begin(t, d);
	} else
		return TUI_STAY;
	return TUI_REDRAW;
}

/* Every trainee has answered: score and keep each attempt. */
static void
score_scenario(struct tui *t, struct drill_ui *d)
{
	struct cs_err err = { 0 };
	int i, right;

	for (i = 0; i < d->n_tr; i++) {
		right = 0;
		if (app_drill_answer(t->app, t->me_id, d->tr[i].id, d->p, d->order[d->pos], d->ans[i],
		                     d->session, &right, &err) != CS_OK)
			tui_say(t, true, "Not kept: %s", err.msg);
		d->tr[i].item_right = right;
		d->tr[i].right += right;
		d->tr[i].asked += (int)d->p->n_questions;
	}
	d->step = DR_RESULT;
}

static int
key_answer(struct tui *t, struct drill_ui *d, int ch, bool fk)
{
	int nq = (int)d->p->n_questions;

	if (!fk && (ch == 'y' || ch == 'n')) {
		d->ans[d->cur_tr][d->cur_q] = ch == 'y' ? ANSWER_YES : ANSWER_NO;
		if (++d->cur_q == nq) {
			d->cur_q = 0;
			if (++d->cur_tr == d->n_tr) {
				d->cur_tr = 0;
				score_scenario(t, d);
			}
		}
	} else if ((fk && (ch == KEY_BACKSPACE || ch == KEY_LEFT)) || (!fk && (ch == 127 || ch == 8))) {
		if (d->cur_q > 0)
			d->cur_q--;
		else if (d->cur_tr > 0) {
			d->cur_tr--;
			d->cur_q = nq - 1;
		}
	} else
		return TUI_STAY;
	return TUI_REDRAW;
}

static void
next_item(struct tui *t, struct drill_ui *d)
{
	(void)t;
	memset(d->ans, 0, sizeof d->ans);
	d->cur_tr = d->cur_q = 0;
	if (++d->pos >= d->n_order) {
		d->step = DR_DONE;
		dr_drop_paused(t);
	} else
		d->step = d->quiz ? DR_QUIZ : DR_ANSWER;
}

/* ---- the quiz: each trainee types an answer in turn ----------------- */

static int
quiz_typed(struct tui *t, void *ctx, const char *text)
{
	struct drill_ui *d = ctx;
	struct dr_trainee *tr = &d->tr[d->cur_tr];
	struct cs_err err = { 0 };

	snprintf(tr->typed, sizeof tr->typed, "%s", text);
	tr->quiz_right = false;
	if (app_drill_quiz(t->app, t->me_id, tr->id, d->p, d->order[d->pos], text, d->session,
	                   &tr->quiz_right, &err) != CS_OK)
		tui_say(t, true, "Not kept: %s", err.msg);
	tr->right += tr->quiz_right;
	tr->asked++;
	if (++d->cur_tr == d->n_tr) {
		d->cur_tr = 0;
		d->step = DR_QUIZ_RESULT;
	}
	return 0;
}

static void
ask_quiz(struct tui *t, struct drill_ui *d)
{
	static char question[600];
	struct tui_prompt_spec spec = { "cslog — quiz", question, NULL, DR_TYPED_MAX - 1, false,
	                                false };

	snprintf(question, sizeof question, "%s, your answer:  %s", d->tr[d->cur_tr].name,
	         d->p->quiz[d->order[d->pos]].question);
	tui_prompt(t, &spec, quiz_typed, d);
}

/* ---- the screen ------------------------------------------------------- */

static void
drill_draw(struct tui *t)
{
	dr_draw(t, tui_state(t));
}

static int
pause_now(struct tui *t, struct drill_ui *d)
{
	if (dr_pause(t, d) != 0)
		return TUI_REDRAW;
	tui_say(t, false, "Drill paused.  d on the home screen resumes it.");
	return TUI_BACK;
}

static int
key_during(struct tui *t, struct drill_ui *d, int ch, bool fk)
{
	if (!fk && ch == 'p' && d->step != DR_DONE)
		return pause_now(t, d);
	switch (d->step) {
	case DR_ANSWER: return key_answer(t, d, ch, fk);
	case DR_QUIZ:
		if (fk || (ch != '\n' && ch != '\r' && ch != ' '))
			return TUI_STAY;
		ask_quiz(t, d);
		return TUI_REDRAW;
	case DR_RESULT: case DR_QUIZ_RESULT:
		if (fk || (ch != '\n' && ch != '\r' && ch != ' '))
			return TUI_STAY;
		next_item(t, d);
		return TUI_REDRAW;
	default:
		return !fk && (ch == '\n' || ch == '\r') ? TUI_BACK : TUI_STAY;
	}
}

static int
key_resume(struct tui *t, struct drill_ui *d, int ch)
{
	if (ch == 'r') {
		if (dr_resume(t, d) != 0)
			d->step = DR_POLICY;
	} else if (ch == 'n') {
		dr_drop_paused(t);
		d->step = DR_POLICY;
	} else
		return TUI_STAY;
	return TUI_REDRAW;
}

static int
drill_key(struct tui *t, int ch, bool fk)
{
	struct drill_ui *d = tui_state(t);

	if (!fk && ch == 27) {
		if (d->step == DR_MODE) {
			d->step = DR_POLICY;
			return TUI_REDRAW;
		}
		if (d->step == DR_WHO) {
			d->step = DR_MODE;
			return TUI_REDRAW;
		}
		return TUI_BACK;   /* what was scored is kept */
	}
	switch (d->step) {
	case DR_RESUME: return fk ? TUI_STAY : key_resume(t, d, ch);
	case DR_POLICY: return fk ? TUI_STAY : key_policy(t, d, ch);
	case DR_MODE: return fk ? TUI_STAY : key_mode(t, d, ch);
	case DR_WHO: return key_who(t, d, ch, fk);
	default: return key_during(t, d, ch, fk);
	}
}

/* The quiz prompt closed: the next trainee types at once. */
static void
drill_resume(struct tui *t)
{
	struct drill_ui *d = tui_state(t);

	if (d->step == DR_QUIZ && d->cur_tr > 0)
		ask_quiz(t, d);
}

static void
drill_leave(struct tui *t)
{
	struct drill_ui *d = tui_state(t);

	free(d->people);
	free(d);
}

static const struct tui_screen drill_screen = {
	"Drills and quizzes", drill_help, drill_draw, drill_key, drill_leave, drill_resume,
};

void
tui_open_drill(struct tui *t)
{
	struct drill_ui *d;

	if (t->app->policies.n == 0) {
		tui_say(t, true, "No policy is loaded: see 'cslog policy list'.");
		return;
	}
	if ((d = calloc(1, sizeof *d)) == NULL)
		return;
	d->step = dr_paused(t, d) ? DR_RESUME : DR_POLICY;
	if (d->step == DR_POLICY && t->app->policies.n == 1) {
		d->p = t->app->policies.items[0];
		d->step = DR_MODE;
	}
	tui_push(t, &drill_screen, d);
}
