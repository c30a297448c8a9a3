/* drill_stats.c - the trainer's item analysis of a policy: for each
 * scenario, quiz item, or question of a scenario, how many members
 * tried it, how often it is answered right, and whether it separates
 * strong members from weak ones; dubious items flagged with why (the
 * statistics: drill.h). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_drill.h"
#include "cslog/text.h"
#include "tui_drill.h"

#define TOP 2
#define LABEL_MAX 160

enum view { V_SCENARIOS, V_QUIZ, V_QUESTIONS };

struct dr_stats {
	const struct policy *p;
	enum view view;
	bool only_flagged;
	struct drill_item_stats *s;
	size_t n;
	int scroll;
	struct dr_lines lines;
};

static void
load(struct tui *t, struct dr_stats *x)
{
	struct cs_err err = { 0 };
	const struct policy *p = x->p;
	int rc;

	free(x->s);
	x->n = x->view == V_QUIZ ? p->n_quiz : x->view == V_SCENARIOS ? p->n_scenarios :
	       p->n_scenarios * p->n_questions;
	x->scroll = 0;
	if ((x->s = calloc(x->n + 1, sizeof *x->s)) == NULL) {
		x->n = 0;
		return;
	}
	rc = x->view == V_QUESTIONS ? app_drill_question_analysis(t->app, &t->me, p, 0, x->s,
	                                                          &err) :
	     app_drill_analysis(t->app, &t->me, p, x->view == V_QUIZ ? DRILL_QUIZ :
	                        DRILL_SCENARIO, 0, x->s, &err);
	if (rc != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		x->n = 0;
	}
}

/* label padded or cut to exactly cols columns. */
static void
fit(const char *label, int cols, char *out, size_t len)
{
	char *safe = text_safe(label, TEXT_ONE_LINE);
	int w = text_fit(safe != NULL ? safe : "", cols, out, len);
	size_t n = strlen(out);

	free(safe);
	while (w++ < cols && n + 1 < len)
		out[n++] = ' ';
	out[n] = '\0';
}

static void
item_label(const struct dr_stats *x, size_t i, char *out, size_t len)
{
	const struct policy *p = x->p;
	size_t nq = p->n_questions;

	if (x->view == V_SCENARIOS)
		snprintf(out, len, "%s", p->scenarios[i].title);
	else if (x->view == V_QUIZ)
		snprintf(out, len, "%s", p->quiz[i].question);
	else
		snprintf(out, len, "%s: %s", p->scenarios[i / nq].title, p->questions[i % nq].id);
}

static void
add_item(struct tui *t, struct dr_stats *x, size_t i, int label_cols)
{
	const struct drill_item_stats *s = &x->s[i];
	char label[LABEL_MAX], cell[LABEL_MAX * 4], line[LABEL_MAX * 4 + 64];

	item_label(x, i, label, sizeof label);
	fit(label, label_cols, cell, sizeof cell);
	if (s->attempts == 0)
		snprintf(line, sizeof line, "%c %s  %5s", ' ', cell, "-");
	else if (s->members < 2)
		snprintf(line, sizeof line, "%c %s  %5zu  %4.0f%%  %9s", ' ', cell, s->members,
		         100 * s->difficulty, "-");
	else
		snprintf(line, sizeof line, "%c %s  %5zu  %4.0f%%  %9.2f", s->flag ? '!' : ' ', cell,
		         s->members, 100 * s->difficulty, s->discrimination);
	dr_lines_add(&x->lines, 2, s->flag ? tui_attr(t, PAIR_BAD) : 0, line);
	if (s->flag != NULL)
		dr_lines_add(&x->lines, 6, tui_attr(t, PAIR_BAD), s->flag);
}

static void
stats_draw(struct tui *t)
{
	static const char *const what[] = { "Scenarios", "Quiz items", "Each question" };
	struct dr_stats *x = tui_state(t);
	int label_cols = COLS - 4 - 34, shown = 0;
	char head[LABEL_MAX * 4 + 64], cell[LABEL_MAX * 4];
	size_t i;

	tui_title(t, "cslog — item analysis", x->p->id);
	snprintf(head, sizeof head, "%s of %s", what[x->view], x->p->name);
	tui_text(TOP, 2, COLS - 4, head, A_BOLD);
	tui_text(TOP + 1, 2, COLS - 4, "tried: members  right: share right  "
	         "separates: 0.2+ is good  !: look again", tui_attr(t, PAIR_DIM));
	fit("item", label_cols, cell, sizeof cell);
	snprintf(head, sizeof head, "  %s  %5s  %5s  %9s", cell, "tried", "right", "separates");
	tui_text(TOP + 3, 2, COLS - 4, head, A_UNDERLINE);
	dr_lines_clear(&x->lines);
	for (i = 0; i < x->n; i++)
		if (!x->only_flagged || x->s[i].flag != NULL) {
			add_item(t, x, i, label_cols);
			shown++;
		}
	if (shown == 0)
		dr_lines_add(&x->lines, 4, 0, x->only_flagged ? "Nothing flagged (flags need 5 "
		             "members or more)." : "Nothing here yet.");
	dr_lines_draw(t, &x->lines, TOP + 4, LINES - 2 - (TOP + 4), &x->scroll);
	tui_keybar(t);
}

static int
k_scroll(struct tui *t, int ch)
{
	struct dr_stats *x = tui_state(t);

	x->scroll += ch == KEY_DOWN ? 1 : ch == KEY_UP ? -1 : ch == KEY_NPAGE ? LINES / 2
	                                                                    : -LINES / 2;
	x->scroll = x->scroll < 0 ? 0 : x->scroll;
	return TUI_REDRAW;
}

static int
k_flagged(struct tui *t, int ch)
{
	struct dr_stats *x = tui_state(t);

	(void)ch;
	x->only_flagged = !x->only_flagged;
	x->scroll = 0;
	return TUI_REDRAW;
}

static int
k_view(struct tui *t, int ch)
{
	struct dr_stats *x = tui_state(t);
	enum view v = x->view;

	x->view = ch == 's' ? V_SCENARIOS : ch == 'q' ? V_QUIZ : V_QUESTIONS;
	if (x->view != v)
		load(t, x);
	return TUI_REDRAW;
}

static const struct tui_key stats_keys[] = {
	{ 's', 0, "s", "scenarios", "scenarios", -1, NULL, k_view, NULL },
	{ 'q', 0, "q", "quiz", "quiz items", -1, NULL, k_view, NULL },
	{ 'e', 0, "e", "each question", "each question of each scenario", -1, NULL, k_view, NULL },
	{ 'f', 0, "f", "flagged / all", "only the flagged ones, or all", -1, NULL, k_flagged, NULL },
	{ TUI_FKEY(KEY_DOWN), 0, "Up/Down", "scroll", "scroll (PgUp, PgDn: a page)", -1, NULL,
	  k_scroll, NULL },
	{ TUI_FKEY(KEY_UP), 0, "Up", NULL, NULL, -1, NULL, k_scroll, NULL },
	{ TUI_FKEY(KEY_NPAGE), 0, "PgDn", NULL, NULL, -1, NULL, k_scroll, NULL },
	{ TUI_FKEY(KEY_PPAGE), 0, "PgUp", NULL, NULL, -1, NULL, k_scroll, NULL },
	{ .name = "right", .help = "the share of attempts answered right", .op = -1 },
	{ .name = "separates", .help = "how much more often strong members get it right"
	  " (-1 to 1; 0.2 or more is good)", .op = -1 },
	{ .name = "Esc", .label = "back", .help = "back to the drills", .op = -1 },
	{ .name = NULL },
};

static void
stats_leave(struct tui *t)
{
	struct dr_stats *x = tui_state(t);

	free(x->s);
	free(x);
}

static const struct tui_screen stats_screen = {
	.title = "Item analysis", .keys = stats_keys, .draw = stats_draw, .leave = stats_leave,
};

void
dr_open_stats(struct tui *t, const struct policy *p)
{
	struct dr_stats *x = calloc(1, sizeof *x);

	if (x == NULL)
		return;
	x->p = p;
	x->view = V_SCENARIOS;
	load(t, x);
	tui_push(t, &stats_screen, x);
}
