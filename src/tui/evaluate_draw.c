/* evaluate_draw.c - the secret-shopper evaluation form drawn: the
 * policy and channel lists, the items with their answers, the chosen
 * item's standard whole, the score once saved. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/text.h"
#include "tui_evaluate.h"
#include "tui_measures.h"

static void
answer_text(const struct ev *s, size_t i, char *buf, size_t len)
{
	const struct eval_slot *sl = &s->slots[i];
	const struct shopper_item *it = &s->items[i];

	if (i == s->sel && s->typed[0] != '\0')
		snprintf(buf, len, "%s_", s->typed);
	else if (!s->answered[i])
		snprintf(buf, len, "%s", "·");
	else if (!eval_measured(sl) || it->value < 0)
		snprintf(buf, len, "%s", eval_result_name(it->result));
	else if (sl->measure->type == MEASURE_YES_NO)
		snprintf(buf, len, "%s", it->value ? "yes" : "no");
	else if (sl->measure->type == MEASURE_HOURS)
		snprintf(buf, len, "%g h", (double)it->value / 60.0);
	else
		snprintf(buf, len, "%ld", it->value);
}

static void
draw_items(struct tui *t, struct ev *s)
{
	const struct eval_slot *sl = s->n > 0 ? &s->slots[s->sel] : NULL;
	const char *text = sl == NULL ? "" : sl->measure != NULL ? sl->measure->label :
	                   sl->standard->text;
	int text_rows = tui_wrap_rows(COLS - 2, text);
	size_t rows, i;
	char left[160], ans[32], head[300], when[32];

	if (text_rows > (LINES - 8) / 2)
		text_rows = (LINES - 8) / 2;
	rows = (size_t)(LINES - 6 - text_rows);

	if (s->at != 0) {
		app_time_local(s->at, when, sizeof when);
		snprintf(head, sizeof head, "%s · %s · %s · %s", s->p->id, s->channel, s->who, when);
	} else {
		snprintf(head, sizeof head, "%s · %s · %s", s->p->id, s->channel, s->who);
	}
	tui_text(1, 1, COLS - 2, head, A_BOLD);
	tui_mscroll(s->n, rows, &s->sel, &s->top);
	for (i = s->top; i < s->n && i < s->top + rows; i++) {
		answer_text(s, i, ans, sizeof ans);
		/* padded by columns: "·" is one column of two bytes */
		snprintf(left, sizeof left, "%-*s %s", 13 + (int)strlen(ans) - text_width(ans), ans,
		         s->slots[i].id);
		tui_mrow(t, 2 + (int)(i - s->top), i == s->sel, left,
		         eval_measured(&s->slots[i]) ? measure_type_name(s->slots[i].measure->type) :
		         "by eye");
	}
	if (s->n == 0)
		return;
	tui_wrap(LINES - 3 - text_rows, 1, COLS - 2, text_rows, text, 0);
	if (s->confirm_drop) {
		tui_text(LINES - 3, 1, COLS - 2, "Drop this evaluation?  y drops it, n keeps it.",
		         A_BOLD);
	} else if (eval_measured(sl) && sl->at_most >= 0) {
		snprintf(head, sizeof head, "Held to: at most %g%s", sl->measure->type == MEASURE_HOURS
		         ? (double)sl->at_most / 60.0 : (double)sl->at_most,
		         sl->measure->type == MEASURE_HOURS ? " hours" : "");
		tui_text(LINES - 3, 1, COLS - 2, head, tui_attr(t, PAIR_DIM));
	} else {
		size_t left_n = 0;

		for (i = 0; i < s->n; i++)
			left_n += !s->answered[i];
		/* The save key is offered only once it can save: say so before. */
		if (left_n > 0) {
			snprintf(head, sizeof head, "%zu item%s left to answer; then s saves.",
			         left_n, left_n == 1 ? "" : "s");
			tui_text(LINES - 3, 1, COLS - 2, head, tui_attr(t, PAIR_DIM));
		}
	}
}

void
ev_draw(struct tui *t)
{
	struct ev *s = tui_state(t);
	size_t i, rows = (size_t)(LINES - 5), n = ev_list_n(t, s);
	char line[300];

	tui_title(t, "cslog — secret-shopper evaluation", s->step == EV_SAVED ? "saved" : NULL);
	if (s->step == EV_POLICY || s->step == EV_CHANNEL) {
		tui_text(1, 1, COLS - 2, s->step == EV_POLICY ? "Which policy is the test contact "
		         "held to?" : "How was the test contact made?", A_BOLD);
		tui_mscroll(n, rows, &s->sel, &s->top);
		for (i = s->top; i < n && i < s->top + rows; i++)
			tui_mrow(t, 2 + (int)(i - s->top), i == s->sel, s->step == EV_POLICY ?
			         t->app->policies.items[i]->name : s->p->channels[i].label,
			         s->step == EV_POLICY ? t->app->policies.items[i]->id :
			         s->p->channels[i].id);
	} else if (s->step == EV_ITEMS) {
		draw_items(t, s);
	} else {
		snprintf(line, sizeof line, "Evaluation %lld of %s (%s, %s): %d of %d items met.",
		         (long long)s->id, s->who, s->p->id, s->channel, s->met, s->scored);
		tui_wrap(2, 1, COLS - 2, 3, line, A_BOLD);
	}
	tui_keybar(t);
}
