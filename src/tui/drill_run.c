/* drill_run.c - a drill or quiz under way: each trainee answers the
 * scenario's questions with y and n (or types the quiz answer), then
 * the expected answers appear beside theirs.  Every attempt is kept as
 * soon as the item is scored; p pauses; Esc asks before ending. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "cslog/app_drill.h"
#include "tui_drill.h"

bool
dr_running(const struct drill_ui *d)
{
	return d->step == DR_ANSWER || d->step == DR_RESULT || d->step == DR_QUIZ ||
	       d->step == DR_QUIZ_RESULT;
}

static void
fresh_item(struct drill_ui *d)
{
	memset(d->ans, 0, sizeof d->ans);
	d->cur_tr = d->cur_q = 0;
	d->scroll = d->col0 = 0;
	tui_field_set(&d->field, "");
}

/* The trainees are chosen: put the items in order and start. */
void
dr_begin(struct tui *t, struct drill_ui *d)
{
	struct cs_err err = { 0 };
	int64_t ids[DR_MAX_TRAINEES];
	int i;

	for (i = 0; i < d->n_tr; i++)
		ids[i] = d->tr[i].id;
	if (app_drill_group_order(t->app, &t->me, ids, (size_t)d->n_tr, d->p,
	                          d->quiz ? DRILL_QUIZ : DRILL_SCENARIO, d->order, &d->n_order,
	                          &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return;
	}
	if (d->n_order > DR_MAX_ITEMS)
		d->n_order = DR_MAX_ITEMS;
	snprintf(d->session, sizeof d->session, "%s-%lld", t->me.badge,
	         (long long)app_now(t->app));
	d->pos = 0;
	d->ended = d->confirm_end = false;
	fresh_item(d);
	d->step = d->n_order == 0 ? DR_DONE : d->quiz ? DR_QUIZ : DR_ANSWER;
	if (d->n_order == 0)
		tui_say(t, true, "Policy %s has no %s.", d->p->id, d->quiz ? "quiz" : "scenarios");
}

/* ---- the end: what each trainee missed, what comes first next time --- */

static void
missed_questions(struct tui *t, struct drill_ui *d, struct dr_trainee *tr)
{
	struct drill_tally tl[POLICY_MAX_QUESTIONS];
	size_t i, len = 0;

	tr->missed[0] = '\0';
	if (d->quiz || app_drill_tally(t->app, &t->me, tr->id, d->p, 0, d->session, tl, NULL) != CS_OK)
		return;
	for (i = 0; i < d->p->n_questions && i < 3 && tl[i].wrong > 0; i++)
		len += (size_t)snprintf(tr->missed + len, sizeof tr->missed - len, "%s%s (%zu)",
		                        i ? ", " : "", d->p->questions[tl[i].question].id,
		                        tl[i].wrong);
}

static void
next_first(struct tui *t, struct drill_ui *d, struct dr_trainee *tr)
{
	struct drill_due due[DR_MAX_ITEMS];
	size_t n = 0;
	enum drill_kind kind = d->quiz ? DRILL_QUIZ : DRILL_SCENARIO;

	tr->next_first[0] = '\0';
	if ((d->quiz ? d->p->n_quiz : d->p->n_scenarios) > DR_MAX_ITEMS ||
	    app_drill_schedule(t->app, &t->me, tr->id, d->p, kind, due, &n, NULL) != CS_OK || n == 0)
		return;
	snprintf(tr->next_first, sizeof tr->next_first, "%s", d->quiz ?
	         d->p->quiz[due[0].item].question : d->p->scenarios[due[0].item].title);
}

static void
finish(struct tui *t, struct drill_ui *d)
{
	int i;

	d->step = DR_DONE;
	d->scroll = 0;
	d->ended = true;
	for (i = 0; i < d->n_tr; i++) {
		missed_questions(t, d, &d->tr[i]);
		next_first(t, d, &d->tr[i]);
	}
	dr_drop_paused(t, d->slot);
}

static void
next_item(struct tui *t, struct drill_ui *d)
{
	fresh_item(d);
	if (++d->pos >= d->n_order)
		finish(t, d);
	else
		d->step = d->quiz ? DR_QUIZ : DR_ANSWER;
}

/* ---- scenarios --------------------------------------------------------- */

/* Every trainee has answered: score and keep each attempt. */
static void
score_scenario(struct tui *t, struct drill_ui *d)
{
	struct cs_err err = { 0 };
	int i, right;

	for (i = 0; i < d->n_tr; i++) {
		right = 0;
		if (app_drill_answer(t->app, &t->me, d->tr[i].id, d->p, d->order[d->pos], d->ans[i],
		                     d->session, &right, &err) != CS_OK)
			tui_say(t, true, "Not kept: %s", err.msg);
		d->tr[i].item_right = right;
		d->tr[i].right += right;
		d->tr[i].asked += (int)d->p->n_questions;
	}
	d->step = DR_RESULT;
	d->scroll = 0;
}

static void
answer_back(struct drill_ui *d)
{
	if (d->cur_q > 0)
		d->cur_q--;
	else if (d->cur_tr > 0) {
		d->cur_tr--;
		d->cur_q = (int)d->p->n_questions - 1;
	}
	d->ans[d->cur_tr][d->cur_q] = ANSWER_UNSET;
}

static int
key_answer(struct tui *t, struct drill_ui *d, int ch, bool fk)
{
	int nq = (int)d->p->n_questions;

	if (!fk && (ch == 'y' || ch == 'n' || ch == 'Y' || ch == 'N')) {
		d->ans[d->cur_tr][d->cur_q] = ch == 'y' || ch == 'Y' ? ANSWER_YES : ANSWER_NO;
		if (++d->cur_q == nq) {
			d->cur_q = 0;
			if (++d->cur_tr == d->n_tr) {
				d->cur_tr = 0;
				score_scenario(t, d);
			} else
				tui_say(t, false, "%s's answers are in (hidden).  Now %s.",
				        d->tr[d->cur_tr - 1].name, d->tr[d->cur_tr].name);
		}
	} else if (tui_is_backspace(ch, fk) || (fk && ch == KEY_LEFT))
		answer_back(d);
	else
		return TUI_STAY;
	return TUI_REDRAW;
}

/* ---- the quiz: each trainee types an answer in turn -------------------- */

/* Every trainee has typed: match each answer and keep the attempts. */
static void
score_quiz(struct tui *t, struct drill_ui *d)
{
	struct cs_err err = { 0 };
	int i;

	struct quiz_grade g;

	for (i = 0; i < d->n_tr; i++) {
		memset(&g, 0, sizeof g);
		d->tr[i].why[0] = '\0';
		if (app_drill_quiz_graded(t->app, &t->me, d->tr[i].id, d->p, d->order[d->pos],
		                          d->tr[i].typed, d->session, &g, &err) != CS_OK)
			tui_say(t, true, "Not kept: %s", err.msg);
		else
			quiz_grade_text(&d->p->quiz[d->order[d->pos]], &g, d->tr[i].why,
			                sizeof d->tr[i].why);
		d->tr[i].quiz_right = g.right;
		d->tr[i].right += d->tr[i].quiz_right;
		d->tr[i].asked++;
	}
	d->step = DR_QUIZ_RESULT;
	d->scroll = 0;
}

static int
key_quiz(struct tui *t, struct drill_ui *d, int ch, bool fk)
{
	struct dr_trainee *tr = &d->tr[d->cur_tr];

	if (tui_is_enter(ch, fk)) {
		snprintf(tr->typed, sizeof tr->typed, "%s", d->field.text);
		tui_field_set(&d->field, "");
		if (++d->cur_tr < d->n_tr)
			tui_say(t, false, "%s's answer is in.  Now %s.", tr->name, d->tr[d->cur_tr].name);
		else
			score_quiz(t, d);
		return TUI_REDRAW;
	}
	if (tui_is_backspace(ch, fk) && d->field.len == 0 && d->cur_tr > 0) {
		d->cur_tr--;
		tui_field_set(&d->field, d->tr[d->cur_tr].typed);
		return TUI_REDRAW;
	}
	return tui_field_key(&d->field, ch, fk) ? TUI_REDRAW : TUI_STAY;
}

/* ---- pausing and ending -------------------------------------------------- */

static int
pause_now(struct tui *t, struct drill_ui *d)
{
	d->confirm_end = false;
	if (dr_pause(t, d) != 0)
		return TUI_REDRAW;
	d->ended = true;
	tui_say(t, false, "Drill paused.  d on the home screen resumes it.");
	return TUI_BACK;
}

static int
key_confirm(struct tui *t, struct drill_ui *d, int ch, bool fk)
{
	if (fk)
		return TUI_STAY;
	if (ch == 'y' || ch == 'Y') {
		d->ended = true;
		tui_say(t, false, "Drill ended.  What was scored is kept.");
		return TUI_BACK;
	}
	if (ch == 'p')
		return pause_now(t, d);
	if (ch == 'n' || ch == TUI_ESC) {
		d->confirm_end = false;
		return TUI_REDRAW;
	}
	return TUI_STAY;
}

static int
key_scroll(struct drill_ui *d, int ch, bool fk)
{
	if (!fk)
		return TUI_STAY;
	if (ch == KEY_DOWN || ch == KEY_NPAGE)
		d->scroll += ch == KEY_DOWN ? 1 : LINES / 2;
	else if (ch == KEY_UP || ch == KEY_PPAGE)
		d->scroll -= ch == KEY_UP ? 1 : LINES / 2;
	else if (ch == KEY_RIGHT && d->step == DR_RESULT && d->col0 + d->col_page < d->n_tr)
		d->col0 += d->col_page;
	else if (ch == KEY_LEFT && d->step == DR_RESULT && d->col0 > 0)
		d->col0 = d->col0 > d->col_page ? d->col0 - d->col_page : 0;
	else
		return TUI_STAY;
	if (d->scroll < 0)
		d->scroll = 0;
	return TUI_REDRAW;
}

/* Esc while a drill runs: ask whether to end it (again: go on). */
int
dr_esc_run(struct tui *t, struct drill_ui *d)
{
	if (d->step == DR_DONE)
		return TUI_BACK;
	if (d->confirm_end)
		return key_confirm(t, d, TUI_ESC, false);
	d->confirm_end = true;
	return TUI_REDRAW;
}

int
dr_key_run(struct tui *t, struct drill_ui *d, int ch, bool fk)
{
	if (d->step == DR_DONE)
		return tui_is_enter(ch, fk) ? TUI_BACK : key_scroll(d, ch, fk);
	if (d->confirm_end)
		return key_confirm(t, d, ch, fk);
	if (d->step == DR_QUIZ)
		return key_quiz(t, d, ch, fk);
	if (!fk && ch == 'p')
		return pause_now(t, d);
	if (key_scroll(d, ch, fk) != TUI_STAY)
		return TUI_REDRAW;
	if (d->step == DR_ANSWER)
		return key_answer(t, d, ch, fk);
	if (tui_is_enter(ch, fk) || (!fk && ch == ' ')) {
		next_item(t, d);
		return TUI_REDRAW;
	}
	return TUI_STAY;
}
