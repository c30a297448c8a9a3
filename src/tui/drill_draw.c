/* drill_draw.c - drawing the drill screen before the drill starts: the
 * policy, the mode, who is here (the drill itself: drill_draw_run.c).
 * Every step ends with a line that says what the next key does, so a
 * trainer who has never seen the program can run a group drill from it. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "cslog/record.h"
#include "tui_drill.h"

#define TOP 2

static void
draw_policy(struct tui *t)
{
	const struct policy *p;
	char line[80];
	size_t i;
	int y = TOP + 2;

	/* Each name whole (wrapped under itself), its counts at the right. */
	tui_text(TOP, 2, COLS - 4, "Which policy do you drill?", A_BOLD);
	for (i = 0; i < t->app->policies.n && i < 9 && y < LINES - 3; i++) {
		p = t->app->policies.items[i];
		snprintf(line, sizeof line, "%zu", i + 1);
		tui_text(y, 4, 2, line, tui_attr(t, PAIR_KEY));
		snprintf(line, sizeof line, "%3zu scenarios %3zu quiz items", p->n_scenarios,
		         p->n_quiz);
		tui_text(y, COLS - 30, 29, line, tui_attr(t, PAIR_DIM));
		y += tui_wrap(y, 7, COLS - 7 - 32, LINES - 3 - y, p->name, 0);
	}
	tui_keybar(t);
}

static void
draw_mode(struct tui *t, const struct drill_ui *d)
{
	char line[200];

	snprintf(line, sizeof line, "Policy: %s", d->p->name);
	tui_text(TOP, 2, COLS - 4, line, A_BOLD);
	snprintf(line, sizeof line, "a drill: %zu scenarios, each trainee answering the %zu "
	         "questions", d->p->n_scenarios, d->p->n_questions);
	tui_text(TOP + 2, 4, 1, "d", tui_attr(t, PAIR_KEY));
	tui_text(TOP + 2, 7, COLS - 9, line, 0);
	snprintf(line, sizeof line, "the quiz: %zu questions, each trainee typing an answer",
	         d->p->n_quiz);
	tui_text(TOP + 3, 4, 1, "q", tui_attr(t, PAIR_KEY));
	tui_text(TOP + 3, 7, COLS - 9, line, 0);
	if (app_scope_of(&t->me, APP_DRILL_RUN) == SCOPE_OWN) {
		tui_text(TOP + 5, 4, COLS - 8, "Just you: a drill for yourself.",
		         tui_attr(t, PAIR_DIM));
		tui_keybar(t);
		return;
	}
	tui_text(TOP + 4, 4, 1, "a", tui_attr(t, PAIR_KEY));
	tui_text(TOP + 4, 7, COLS - 9, "item analysis: what members miss, and what misleads", 0);
	tui_text(TOP + 6, 4, COLS - 8, "Next you pick the members present: one, or a group.",
	         tui_attr(t, PAIR_DIM));
	tui_keybar(t);
}

static void
draw_picked(struct tui *t, const struct drill_ui *d, int y)
{
	char line[600];
	size_t len = 0;
	int i, n = 0;

	len = (size_t)snprintf(line, sizeof line, "Picked:");
	for (i = 0; i < d->n_people && len < sizeof line; i++)
		if (d->people[i].picked) {
			len += (size_t)snprintf(line + len, sizeof line - len, "%s %s", n ? "," : "",
			                        d->people[i].name);
			n++;
		}
	if (n == 0)
		snprintf(line, sizeof line, "Picked: nobody yet.");
	tui_text(y, 4, COLS - 8, line, n ? (int)A_BOLD : tui_attr(t, PAIR_DIM));
}

static void
draw_who(struct tui *t, struct drill_ui *d)
{
	int rows = LINES - TOP - 6, i, k, n = 0, at = 0;
	int idx[DR_MAX_MEMBERS];
	char line[300];

	for (i = 0; i < d->n_people; i++) {
		if (dr_shown(d, i)) {
			at = i == d->sel ? n : at;
			idx[n++] = i;
		}
	}
	tui_text(TOP, 2, COLS - 4, "Who is here?  Space picks each trainee (one, or a group).",
	         A_BOLD);
	if (d->find[0] != '\0')
		snprintf(line, sizeof line, "Find: %s_", d->find);
	else
		snprintf(line, sizeof line, "Type part of a name or badge to find someone.");
	tui_text(TOP + 1, 4, COLS - 8, line, d->find[0] ? 0 : tui_attr(t, PAIR_DIM));
	draw_picked(t, d, TOP + 2);
	if (at < d->top)
		d->top = at;
	if (at >= d->top + rows)
		d->top = at - rows + 1;
	if (d->top > n)
		d->top = 0;
	for (k = d->top; k < n && k < d->top + rows; k++) {
		i = idx[k];
		snprintf(line, sizeof line, "[%c] %-8s %s", d->people[i].picked ? 'x' : ' ',
		         d->people[i].badge, d->people[i].name);
		tui_text(TOP + 4 + k - d->top, 4, COLS - 8, line,
		         i == d->sel ? tui_attr(t, PAIR_SELECT) : 0);
	}
	if (n == 0)
		tui_text(TOP + 4, 4, COLS - 8, "Nobody matches: Backspace or Ctrl-U changes what you typed.", 0);
	tui_keybar(t);
}

/* The paused drills, each whole, the chosen one marked. */
static void
draw_paused(struct tui *t, const struct drill_ui *d)
{
	char key[16];
	int i, y = TOP + 2;

	tui_text(TOP, 2, COLS - 4, d->n_paused == 1 ? "A paused drill is waiting:" :
	         "Paused drills are waiting (the latest first):", A_BOLD);
	for (i = 0; i < d->n_paused && y < LINES - 3; i++) {
		snprintf(key, sizeof key, "%d", i + 1);
		tui_text(y, 4, 2, key, tui_attr(t, PAIR_KEY));
		y += tui_wrap(y, 7, COLS - 10, LINES - 3 - y, d->paused[i].what,
		              i == d->psel ? tui_attr(t, PAIR_SELECT) : 0);
	}
	tui_keybar(t);
}

void
dr_draw(struct tui *t, struct drill_ui *d)
{
	char right[64];

	curs_set(d->step == DR_QUIZ && !d->confirm_end ? 1 : 0);
	snprintf(right, sizeof right, "%s%s", d->p != NULL ? d->p->id : "",
	         d->n_tr > 1 && d->step >= DR_ANSWER ? "  group" : "");
	tui_title(t, d->quiz && d->step >= DR_ANSWER ? "cslog — quiz" : "cslog — drill", right);
	switch (d->step) {
	case DR_RESUME: draw_paused(t, d); break;
	case DR_POLICY: draw_policy(t); break;
	case DR_MODE: draw_mode(t, d); break;
	case DR_WHO: draw_who(t, d); break;
	default: dr_draw_run(t, d); break;
	}
}
