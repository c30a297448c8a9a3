/* drill_draw_run.c - drawing a drill under way: the scenario and the
 * question each trainee answers; the expected answers beside theirs with
 * the rationale; the quiz; the scores at the end.  Long texts scroll;
 * the bottom line always says what the next key does. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/drill.h"
#include "tui_drill.h"

#define TOP 2

static const char *
yes_no(enum answer a)
{
	return a == ANSWER_YES ? "yes" : a == ANSWER_NO ? "no" : "-";
}

/* " (trainee 2 of 3)" in a group, "" alone. */
static const char *
who_of(const struct drill_ui *d, char *buf, size_t len)
{
	buf[0] = '\0';
	if (d->n_tr > 1)
		snprintf(buf, len, " (trainee %d of %d)", d->cur_tr + 1, d->n_tr);
	return buf;
}

static void
draw_head(const struct drill_ui *d, const char *title)
{
	char line[300];

	snprintf(line, sizeof line, "%s %zu of %zu%s%s", d->quiz ? "Quiz item" : "Scenario",
	         d->pos + 1, d->n_order, title[0] ? ": " : "", title);
	tui_text(TOP, 2, COLS - 4, line, A_BOLD);
}

static void
draw_answer(struct tui *t, struct drill_ui *d)
{
	const struct policy_scenario *s = &d->p->scenarios[d->order[d->pos]];
	const struct dr_trainee *tr = &d->tr[d->cur_tr];
	int nq = (int)d->p->n_questions, room, h, y, q;
	char line[400], who[40];
	bool more;

	draw_head(d, s->title);
	dr_lines_clear(&d->lines);
	dr_lines_wrap(&d->lines, 4, COLS - 8, 0, s->text);
	room = LINES - 2 - (TOP + 2) - (3 + nq);   /* what the questions leave */
	room = room < 4 ? 4 : room;
	more = d->lines.n > room;
	h = dr_lines_draw(t, &d->lines, TOP + 2, more ? room : d->lines.n, &d->scroll);
	y = TOP + 2 + h + 1;
	snprintf(line, sizeof line, "%s%s, question %d of %d:", tr->name,
	         who_of(d, who, sizeof who), d->cur_q + 1, nq);
	tui_text(y++, 4, COLS - 8, line, A_BOLD);
	tui_text(y++, 6, COLS - 10, d->p->questions[d->cur_q].text, tui_attr(t, PAIR_KEY));
	for (q = 0; q < d->cur_q && y + 1 < LINES - 2; q++) {
		snprintf(line, sizeof line, "%-3s  %s", yes_no(d->ans[d->cur_tr][q]),
		         d->p->questions[q].text);
		tui_text(++y, 6, COLS - 10, line, tui_attr(t, PAIR_DIM));
	}
	tui_keybar(t);
}

/* The result table: question, expected, then a column per trainee from
 * d->col0 on, as many as fit.  Returns the row after it; *shown_to the
 * first trainee not shown. */
static int
draw_table(struct tui *t, struct drill_ui *d, const struct policy_scenario *s, int *shown_to)
{
	int nq = (int)d->p->n_questions, qw = 8, w, x0, x, y = TOP + 2, i, q;
	char cell[32];
	bool ok;

	for (q = 0; q < nq; q++)
		if ((int)strlen(d->p->questions[q].id) + 2 > qw)
			qw = (int)strlen(d->p->questions[q].id) + 2;
	qw = qw > 16 ? 16 : qw;
	x0 = 4 + qw + 10;
	w = (COLS - 2 - x0) / (d->n_tr > 0 ? d->n_tr : 1);
	w = w > 10 ? 10 : w < 7 ? 7 : w;
	tui_text(y, 4, qw, "question", A_UNDERLINE);
	tui_text(y, 4 + qw, 9, "expected", A_UNDERLINE);
	for (i = d->col0, x = x0; i < d->n_tr && x + w <= COLS - 1; i++, x += w)
		tui_text(y, x, w - 1, d->tr[i].badge, A_UNDERLINE);
	*shown_to = i;
	d->col_page = (COLS - 1 - x0) / w > 0 ? (COLS - 1 - x0) / w : 1;
	if (d->col0 > 0)
		tui_text(y, x0 - 1, 1, "<", tui_attr(t, PAIR_KEY));
	if (i < d->n_tr)
		tui_text(y, x < COLS - 2 ? x : COLS - 2, 1, ">", tui_attr(t, PAIR_KEY));
	for (q = 0; q < nq; q++) {
		tui_text(++y, 4, qw - 1, d->p->questions[q].id, 0);
		tui_text(y, 4 + qw, 9, yes_no(s->expected[q]), A_BOLD);
		for (i = d->col0, x = x0; i < *shown_to; i++, x += w) {
			ok = d->ans[i][q] == s->expected[q];
			snprintf(cell, sizeof cell, "%s %s", yes_no(d->ans[i][q]), ok ? "ok" : "X");
			tui_text(y, x, w - 1, cell, tui_attr(t, ok ? PAIR_OK : PAIR_BAD));
		}
	}
	tui_text(++y, 4, qw, "score", A_BOLD);
	for (i = d->col0, x = x0; i < *shown_to; i++, x += w) {
		snprintf(cell, sizeof cell, "%d/%d", d->tr[i].item_right, nq);
		tui_text(y, x, w - 1, cell, A_BOLD);
	}
	return y + 2;
}

static void
draw_result(struct tui *t, struct drill_ui *d)
{
	const struct policy_scenario *s = &d->p->scenarios[d->order[d->pos]];
	char line[400], *why;
	int y, h, shown_to;

	snprintf(line, sizeof line, "%s — %s", s->title,
	         drill_expects_empowered(s, d->p->n_questions) ? "empowered (all yes)" :
	         "NOT empowered");
	draw_head(d, line);
	y = draw_table(t, d, s, &shown_to);
	dr_lines_clear(&d->lines);
	why = malloc(strlen(s->rationale) + 8);
	if (why != NULL)
		sprintf(why, "Why: %s", s->rationale);
	dr_lines_wrap(&d->lines, 4, COLS - 8, 0, why != NULL ? why : s->rationale);
	free(why);
	h = LINES - 2 - y;
	dr_lines_draw(t, &d->lines, y, h, &d->scroll);
	tui_keybar(t);
}

static void
draw_quiz(struct tui *t, struct drill_ui *d)
{
	const struct policy_quiz *q = &d->p->quiz[d->order[d->pos]];
	char line[400], who[40];
	int y;

	draw_head(d, "");
	dr_lines_clear(&d->lines);
	dr_lines_wrap(&d->lines, 4, COLS - 8, A_BOLD, q->question);
	y = TOP + 2 + dr_lines_draw(t, &d->lines, TOP + 2, LINES / 3, &d->scroll) + 1;
	snprintf(line, sizeof line, "%s%s, type your answer:", d->tr[d->cur_tr].name,
	         who_of(d, who, sizeof who));
	tui_text(y, 4, COLS - 8, line, tui_attr(t, PAIR_KEY));
	tui_text(y + 3, 4, COLS - 8, "Case, punctuation, a, an, the and a small typo do not "
	         "matter.", tui_attr(t, PAIR_DIM));
	tui_keybar(t);
	if (!d->confirm_end)
		tui_field_draw(t, &d->field, y + 1, 4, 1, COLS - 8);
}

static void
draw_quiz_result(struct tui *t, struct drill_ui *d)
{
	const struct policy_quiz *q = &d->p->quiz[d->order[d->pos]];
	char line[DR_TYPED_MAX + 80];
	int i, h;

	draw_head(d, "");
	dr_lines_clear(&d->lines);
	dr_lines_wrap(&d->lines, 4, COLS - 8, 0, q->question);
	dr_lines_add(&d->lines, 4, 0, "");
	snprintf(line, sizeof line, "The answer: %s", q->answer);
	dr_lines_wrap(&d->lines, 4, COLS - 8, A_BOLD, line);
	dr_lines_add(&d->lines, 4, 0, "");
	for (i = 0; i < d->n_tr; i++) {
		snprintf(line, sizeof line, "%-8s %-9s %s", d->tr[i].badge,
		         d->tr[i].quiz_right ? "right" : "not right",
		         d->tr[i].typed[0] ? d->tr[i].typed : "(no answer)");
		dr_lines_wrap(&d->lines, 4, COLS - 8,
		              tui_attr(t, d->tr[i].quiz_right ? PAIR_OK : PAIR_BAD), line);
		if (d->tr[i].why[0] != '\0')   /* the grader's reason, whole */
			dr_lines_wrap(&d->lines, 13, COLS - 17, tui_attr(t, PAIR_DIM), d->tr[i].why);
	}
	h = LINES - 2 - (TOP + 2);
	dr_lines_draw(t, &d->lines, TOP + 2, h, &d->scroll);
	tui_keybar(t);
}

static void
draw_done(struct tui *t, struct drill_ui *d)
{
	char line[600];
	int i;

	tui_text(TOP, 2, COLS - 4, "The drill is over.  Scores of this session:", A_BOLD);
	dr_lines_clear(&d->lines);
	for (i = 0; i < d->n_tr; i++) {
		snprintf(line, sizeof line, "%-8s %s: %d of %d right", d->tr[i].badge,
		         d->tr[i].name, d->tr[i].right, d->tr[i].asked);
		dr_lines_add(&d->lines, 4, A_BOLD, line);
		if (d->tr[i].missed[0] != '\0') {
			snprintf(line, sizeof line, "missed most: %s", d->tr[i].missed);
			dr_lines_wrap(&d->lines, 13, COLS - 15, 0, line);
		}
		if (d->tr[i].next_first[0] != '\0') {
			snprintf(line, sizeof line, "first next time: %s", d->tr[i].next_first);
			dr_lines_wrap(&d->lines, 13, COLS - 15, tui_attr(t, PAIR_DIM), line);
		}
	}
	dr_lines_draw(t, &d->lines, TOP + 2, LINES - 2 - (TOP + 2), &d->scroll);
	tui_keybar(t);
}

void
dr_draw_run(struct tui *t, struct drill_ui *d)
{
	switch (d->step) {
	case DR_ANSWER: draw_answer(t, d); break;
	case DR_RESULT: draw_result(t, d); break;
	case DR_QUIZ: draw_quiz(t, d); break;
	case DR_QUIZ_RESULT: draw_quiz_result(t, d); break;
	case DR_DONE: draw_done(t, d); break;
	default: break;
	}
}
