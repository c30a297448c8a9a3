/* drill_draw.c - drawing the drill screen.  Every step ends with a line
 * that says what the next key does, so a trainer who has never seen the
 * program can run a group drill from it. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "cslog/drill.h"
#include "cslog/tui_drill.h"

#define TOP 2

static const char *
yes_no(enum answer a)
{
	return a == ANSWER_YES ? "yes" : a == ANSWER_NO ? "no" : "-";
}

static void
draw_policy(struct tui *t)
{
	char line[200];
	size_t i;

	tui_text(TOP, 2, COLS - 4, "Which policy do you drill?", A_BOLD);
	for (i = 0; i < t->app->policies.n && i < 9; i++) {
		snprintf(line, sizeof line, "%zu  %s  (%zu scenarios, %zu quiz)", i + 1,
		         t->app->policies.items[i]->name, t->app->policies.items[i]->n_scenarios,
		         t->app->policies.items[i]->n_quiz);
		tui_text(TOP + 2 + (int)i, 4, COLS - 8, line, 0);
	}
	tui_keybar(t, "1-9 choose the policy  Esc back  ? help");
}

static void
draw_mode(struct tui *t, const struct drill_ui *d)
{
	char line[200];

	snprintf(line, sizeof line, "Policy: %s", d->p->name);
	tui_text(TOP, 2, COLS - 4, line, A_BOLD);
	snprintf(line, sizeof line, "d  a drill: %zu scenarios, each trainee answering the %zu "
	         "questions", d->p->n_scenarios, d->p->n_questions);
	tui_text(TOP + 2, 4, COLS - 8, line, 0);
	snprintf(line, sizeof line, "q  the quiz: %zu questions, each trainee typing an answer",
	         d->p->n_quiz);
	tui_text(TOP + 3, 4, COLS - 8, line, 0);
	tui_keybar(t, "d drill  q quiz  Esc back  ? help");
}

static void
draw_who(struct tui *t, struct drill_ui *d)
{
	int rows = LINES - TOP - 6, i, y, picked = 0;
	char line[300], bar[120];

	for (i = 0; i < d->n_people; i++)
		picked += d->people[i].picked;
	tui_text(TOP, 2, COLS - 4, "Who is here?  Space picks each trainee (one, or a group).",
	         A_BOLD);
	if (d->sel < d->top)
		d->top = d->sel;
	if (d->sel >= d->top + rows)
		d->top = d->sel - rows + 1;
	for (i = d->top; i < d->n_people && i < d->top + rows; i++) {
		y = TOP + 2 + i - d->top;
		snprintf(line, sizeof line, "[%c] %-8s %s", d->people[i].picked ? 'x' : ' ',
		         d->people[i].badge, d->people[i].name);
		tui_text(y, 4, COLS - 8, line, i == d->sel ? tui_attr(t, PAIR_SELECT) : 0);
	}
	snprintf(bar, sizeof bar, "Up/Down move  Space pick  Enter start with %d picked  Esc back",
	         picked);
	tui_keybar(t, bar);
}

/* The scenario's text, wrapped; returns the next free row. */
static int
draw_wrapped(int y, int x, int width, const char *text, int attr, int max_y)
{
	char line[512];
	size_t len = strlen(text), at = 0, n, cut;

	while (at < len && y < max_y) {
		n = len - at < (size_t)width ? len - at : (size_t)width;
		cut = n;
		if (at + n < len)
			while (cut > 0 && text[at + cut] != ' ')
				cut--;
		if (cut == 0)
			cut = n;
		snprintf(line, sizeof line, "%.*s", (int)cut, text + at);
		tui_text(y++, x, width, line, attr);
		at += cut;
		while (at < len && text[at] == ' ')
			at++;
	}
	return y;
}

static int
draw_item_head(struct tui *t, const struct drill_ui *d, const char *title, const char *text)
{
	char line[200];

	(void)t;
	snprintf(line, sizeof line, "%s %zu of %zu%s%s", d->quiz ? "Quiz item" : "Scenario",
	         d->pos + 1, d->n_order, title[0] ? ": " : "", title);
	tui_text(TOP, 2, COLS - 4, line, A_BOLD);
	return draw_wrapped(TOP + 2, 4, COLS - 8, text, 0, LINES - 12);
}

static void
draw_answer(struct tui *t, const struct drill_ui *d)
{
	const struct policy_scenario *s = &d->p->scenarios[d->order[d->pos]];
	const struct dr_trainee *tr = &d->tr[d->cur_tr];
	char line[300];
	int y = draw_item_head(t, d, s->title, s->text) + 1, q;

	snprintf(line, sizeof line, "%s (trainee %d of %d), question %d of %zu:", tr->name,
	         d->cur_tr + 1, d->n_tr, d->cur_q + 1, d->p->n_questions);
	tui_text(y++, 4, COLS - 8, line, A_BOLD);
	tui_text(y++, 6, COLS - 10, d->p->questions[d->cur_q].text, tui_attr(t, PAIR_KEY));
	for (q = 0; q < d->cur_q && y < LINES - 3; q++) {
		snprintf(line, sizeof line, "%-3s %s", yes_no(d->ans[d->cur_tr][q]),
		         d->p->questions[q].text);
		tui_text(++y, 6, COLS - 10, line, tui_attr(t, PAIR_DIM));
	}
	tui_keybar(t, "y yes  n no  Backspace previous answer  p pause  Esc end  ? help");
}

static void
draw_result(struct tui *t, const struct drill_ui *d)
{
	const struct policy_scenario *s = &d->p->scenarios[d->order[d->pos]];
	char line[2048], cell[16];
	int y = TOP + 2, i, q, x;

	snprintf(line, sizeof line, "Scenario %zu of %zu: %s — %s", d->pos + 1, d->n_order,
	         s->title, drill_expects_empowered(s, d->p->n_questions) ?
	         "empowered" : "NOT empowered");
	tui_text(TOP, 2, COLS - 4, line, A_BOLD);
	tui_text(y, 4, 30, "question", A_UNDERLINE);
	tui_text(y, 36, 8, "expected", A_UNDERLINE);
	for (i = 0, x = 46; i < d->n_tr && x < COLS - 8; i++, x += 9)
		tui_text(y, x, 8, d->tr[i].badge, A_UNDERLINE);
	for (q = 0; q < (int)d->p->n_questions && y < LINES - 8; q++) {
		y++;
		tui_text(y, 4, 30, d->p->questions[q].id, 0);
		tui_text(y, 36, 8, yes_no(s->expected[q]), A_BOLD);
		for (i = 0, x = 46; i < d->n_tr && x < COLS - 8; i++, x += 9) {
			bool ok = d->ans[i][q] == s->expected[q];
			snprintf(cell, sizeof cell, "%s %s", yes_no(d->ans[i][q]), ok ? "ok" : "X");
			tui_text(y, x, 8, cell, tui_attr(t, ok ? PAIR_OK : PAIR_BAD));
		}
	}
	y++;
	tui_text(y, 4, 30, "score", A_BOLD);
	for (i = 0, x = 46; i < d->n_tr && x < COLS - 8; i++, x += 9) {
		snprintf(cell, sizeof cell, "%d/%zu", d->tr[i].item_right, d->p->n_questions);
		tui_text(y, x, 8, cell, A_BOLD);
	}
	y += 2;
	snprintf(line, sizeof line, "Why: %s", s->rationale);
	draw_wrapped(y, 4, COLS - 8, line, 0, LINES - 2);
	tui_keybar(t, d->pos + 1 < d->n_order ?
	           "Enter next scenario  p pause  Esc end the drill  ? help" :
	           "Enter see the scores  Esc end the drill  ? help");
}

static void
draw_quiz(struct tui *t, const struct drill_ui *d)
{
	const struct policy_quiz *q = &d->p->quiz[d->order[d->pos]];
	char line[1200];
	int y = draw_item_head(t, d, "", q->question) + 1;

	snprintf(line, sizeof line, "Enter: %s (trainee %d of %d) types the answer.",
	         d->tr[d->cur_tr].name, d->cur_tr + 1, d->n_tr);
	tui_text(y, 4, COLS - 8, line, A_BOLD);
	tui_keybar(t, "Enter type the answer  p pause  Esc end  ? help");
}

static void
draw_quiz_result(struct tui *t, const struct drill_ui *d)
{
	const struct policy_quiz *q = &d->p->quiz[d->order[d->pos]];
	char line[1200];
	int y = draw_item_head(t, d, "", q->question) + 1, i;

	snprintf(line, sizeof line, "The answer: %s", q->answer);
	y = draw_wrapped(y, 4, COLS - 8, line, A_BOLD, LINES - 4);
	for (i = 0; i < d->n_tr && y < LINES - 3; i++) {
		snprintf(line, sizeof line, "%-8s %-5s %s", d->tr[i].badge,
		         d->tr[i].quiz_right ? "right" : "not", d->tr[i].typed);
		tui_text(++y, 4, COLS - 8, line, tui_attr(t, d->tr[i].quiz_right ? PAIR_OK : PAIR_BAD));
	}
	tui_keybar(t, d->pos + 1 < d->n_order ? "Enter next quiz item  p pause  Esc end  ? help" :
	           "Enter see the scores  Esc end  ? help");
}

static void
draw_done(struct tui *t, const struct drill_ui *d)
{
	char line[300];
	int i;

	tui_text(TOP, 2, COLS - 4, "The drill is over.  Scores of this session:", A_BOLD);
	for (i = 0; i < d->n_tr && TOP + 2 + i < LINES - 3; i++) {
		snprintf(line, sizeof line, "%-8s %-30s %4d of %-4d right", d->tr[i].badge,
		         d->tr[i].name, d->tr[i].right, d->tr[i].asked);
		tui_text(TOP + 2 + i, 4, COLS - 8, line, 0);
	}
	tui_keybar(t, "Enter back to home  ? help");
}

void
dr_draw(struct tui *t, struct drill_ui *d)
{
	char right[64];

	snprintf(right, sizeof right, "%s%s", d->p != NULL ? d->p->id : "",
	         d->n_tr > 1 ? "  group" : "");
	tui_title(t, d->quiz ? "cslog — quiz" : "cslog — drill", right);
	switch (d->step) {
	case DR_RESUME:
		tui_text(TOP, 2, COLS - 4, "A paused drill is waiting:", A_BOLD);
		tui_text(TOP + 2, 4, COLS - 8, d->paused_what, 0);
		tui_keybar(t, "r resume it  n start a new one (the paused one is dropped)  Esc back");
		break;
	case DR_POLICY: draw_policy(t); break;
	case DR_MODE: draw_mode(t, d); break;
	case DR_WHO: draw_who(t, d); break;
	case DR_ANSWER: draw_answer(t, d); break;
	case DR_RESULT: draw_result(t, d); break;
	case DR_QUIZ: draw_quiz(t, d); break;
	case DR_QUIZ_RESULT: draw_quiz_result(t, d); break;
	case DR_DONE: draw_done(t, d); break;
	}
}
