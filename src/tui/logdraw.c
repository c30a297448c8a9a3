/* logdraw.c - drawing the contact form. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui_log.h"

#define TOP 5   /* first row of the step's own area */

static void
so_far(struct tui *t, const struct logform *lf)
{
	char line[512];

	snprintf(line, sizeof line, "Policy %s %s", lf->p->id, lf->p->version);
	tui_text(2, 2, 30, line, tui_attr(t, PAIR_DIM));
	if (lf->step > S_KIND) {
		snprintf(line, sizeof line, "Customer: %s", lf->p->kinds[lf->kind].label);
		tui_text(2, 32, 46, line, tui_attr(t, PAIR_DIM));
	}
	if (lf->step > S_CHANNEL) {
		snprintf(line, sizeof line, "Channel: %s", lf->p->channels[lf->chan].label);
		tui_text(3, 2, 30, line, tui_attr(t, PAIR_DIM));
	}
	if (lf->step > S_OUTCOME) {
		snprintf(line, sizeof line, "Outcome: %s", lf->p->outcomes[lf->out].label);
		tui_text(3, 32, 46, line, tui_attr(t, PAIR_DIM));
	}
}

static void
draw_list(struct tui *t, const struct logform *lf, const char *prompt)
{
	const char *label;
	char key[4];
	size_t n = 0, i;
	int y;

	switch (lf->step) {
	case S_POLICY: n = t->app->policies.n; break;
	case S_KIND: n = lf->p->n_kinds; break;
	case S_CHANNEL: n = lf->p->n_channels; break;
	default: n = lf->p->n_outcomes;
	}
	tui_text(TOP, 2, COLS - 4, prompt, A_BOLD);
	for (i = 0; i < n && TOP + 2 + (int)i < LINES - 3; i++) {
		label = lf->step == S_POLICY ? t->app->policies.items[i]->name :
		    lf->step == S_KIND ? lf->p->kinds[i].label :
		    lf->step == S_CHANNEL ? lf->p->channels[i].label : lf->p->outcomes[i].label;
		y = TOP + 2 + (int)i;
		snprintf(key, sizeof key, "%c", log_row_key((int)i));
		tui_text(y, 4, 2, key, tui_attr(t, PAIR_KEY));
		tui_text(y, 7, COLS - 10, label, (int)i == lf->sel ? tui_attr(t, PAIR_SELECT) : 0);
	}
}

static void
draw_yes_no(struct tui *t, const char *prompt, const char *more)
{
	tui_text(TOP, 2, COLS - 4, prompt, A_BOLD);
	if (more != NULL)
		tui_text(TOP + 1, 2, COLS - 4, more, 0);
	tui_text(TOP + 3, 4, 2, "y", tui_attr(t, PAIR_KEY));
	tui_text(TOP + 3, 7, 10, "yes", 0);
	tui_text(TOP + 4, 4, 2, "n", tui_attr(t, PAIR_KEY));
	tui_text(TOP + 4, 7, 10, "no", 0);
}

static void
draw_question(struct tui *t, const struct logform *lf)
{
	char line[64];
	size_t i;

	snprintf(line, sizeof line, "Question %zu of %zu", lf->q + 1, lf->p->n_questions);
	tui_text(TOP, 2, COLS - 4, line, tui_attr(t, PAIR_DIM));
	tui_text(TOP + 2, 4, COLS - 8, lf->p->questions[lf->q].text, A_BOLD);
	tui_text(TOP + 4, 4, 2, "y", tui_attr(t, PAIR_KEY));
	tui_text(TOP + 4, 7, 10, "yes", 0);
	tui_text(TOP + 5, 4, 2, "n", tui_attr(t, PAIR_KEY));
	tui_text(TOP + 5, 7, 10, "no", 0);
	for (i = 0; i < lf->q; i++) {
		tui_text(TOP + 8 + (int)i, 4, 4, lf->ans[i] == ANSWER_YES ? "yes" : "NO",
		    lf->ans[i] == ANSWER_YES ? tui_attr(t, PAIR_OK) : tui_attr(t, PAIR_BAD));
		tui_text(TOP + 8 + (int)i, 9, COLS - 12, lf->p->questions[i].text, 0);
	}
}

static void
draw_result(struct tui *t, const struct logform *lf)
{
	size_t i, failed = 0;
	int y = TOP + 2;

	for (i = 0; i < lf->p->n_questions; i++)
		failed += lf->ans[i] == ANSWER_NO;
	if (failed == 0) {
		tui_text(TOP, 2, COLS - 4, "EMPOWERED", tui_attr(t, PAIR_OK) | A_BOLD);
		tui_wrap(y, 4, COLS - 8, LINES - 3 - y, lf->p->msg_empowered, 0);
		return;
	}
	/* The policy's guidance first, whole (it says the failed questions
	 * follow), then the questions answered no. */
	tui_text(TOP, 2, COLS - 4, "NOT EMPOWERED", tui_attr(t, PAIR_BAD) | A_BOLD);
	y += tui_wrap(y, 4, COLS - 8, LINES - 6 - y, lf->p->msg_not_empowered, A_BOLD) + 1;
	tui_text(y++, 4, COLS - 8, "These answers were no:", 0);
	for (i = 0; i < lf->p->n_questions && y < LINES - 3; i++) {
		if (lf->ans[i] == ANSWER_NO)
			y += tui_wrap(y, 6, COLS - 10, LINES - 3 - y, lf->p->questions[i].text,
			              tui_attr(t, PAIR_BAD));
	}
}

/* The checklist scrolls with the selection when it is longer than the
 * screen; a last line says how many more there are. */
static void
draw_standards(struct tui *t, const struct logform *lf)
{
	size_t idx[LOG_STD_MAX], n = log_standards_shown(lf, idx, LOG_STD_MAX), i;
	int rows = LINES - 3 - (TOP + 2), first = 0, y;
	char more[64];

	tui_text(TOP, 2, COLS - 4, "Confirm the standards you met (Space ticks, a ticks all):",
	    A_BOLD);
	if (rows < 2)
		rows = 2;
	if ((int)n > rows)
		rows--;   /* room for the "more" line */
	if (lf->std_sel >= rows)
		first = lf->std_sel - rows + 1;
	for (i = (size_t)first; i < n && (int)i < first + rows; i++) {
		y = TOP + 2 + (int)i - first;
		tui_text(y, 4, 4, lf->std_on[idx[i]] ? "[x]" : "[ ]", 0);
		tui_text(y, 8, COLS - 10, lf->p->standards[idx[i]].text,
		    (int)i == lf->std_sel ? tui_attr(t, PAIR_SELECT) : 0);
	}
	if ((int)n > rows) {
		snprintf(more, sizeof more, "%d of %zu shown: Up/Down scroll", rows, n);
		tui_text(TOP + 2 + rows, 4, COLS - 8, more, tui_attr(t, PAIR_DIM));
	}
}

/* How many of the standards shown were ticked: the one answer the
 * confirm screen would otherwise not repeat. */
static int
draw_confirm_standards(const struct logform *lf, int y)
{
	size_t idx[LOG_STD_MAX], n = log_standards_shown(lf, idx, LOG_STD_MAX), i, on = 0;
	char line[64];

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		on += lf->std_on[idx[i]];
	snprintf(line, sizeof line, "Standards confirmed: %zu of %zu", on, n);
	tui_text(y, 4, COLS - 8, line, 0);
	return 1;
}

static void
draw_confirm(struct tui *t, const struct logform *lf)
{
	char line[256];
	int y = TOP + 2;

	(void)t;
	tui_text(TOP, 2, COLS - 4, "Save this contact?  Enter saves, Esc goes back.", A_BOLD);
	tui_text(y++, 4, COLS - 8, lf->summary.text, 0);
	snprintf(line, sizeof line, "Needs met: %s",
	    lf->needs == TRI_YES ? "yes" : lf->needs == TRI_NO ? "no" : "not asked");
	tui_text(y++, 4, COLS - 8, line, 0);
	if (lf->has_added) {
		snprintf(line, sizeof line, "Added value: %s", lf->added.text);
		tui_text(y++, 4, COLS - 8, line, 0);
	}
	y += draw_confirm_standards(lf, y);
	if (lf->has_followup) {
		snprintf(line, sizeof line, "Follow-up due %s", lf->due.text);
		tui_text(y++, 4, COLS - 8, line, 0);
	}
	if (lf->referral.len > 0) {
		snprintf(line, sizeof line, "Referred to %s (contacted: %s)", lf->referral.text,
		    lf->contacted == TRI_YES ? "yes" : "no");
		tui_text(y++, 4, COLS - 8, line, 0);
	}
	if (lf->decision.len > 0) {
		snprintf(line, sizeof line, "Decision: %s; appeal: %s", lf->decision.text,
		    lf->appeal.text);
		tui_text(y++, 4, COLS - 8, line, 0);
	}
}

static void
draw_saved(struct tui *t, const struct logform *lf)
{
	char line[128];

	snprintf(line, sizeof line, "Saved as contact #%lld.", (long long)lf->saved_id);
	tui_text(TOP, 2, COLS - 4, line, tui_attr(t, PAIR_OK) | A_BOLD);
	tui_text(TOP + 2, 4, 2, "n", tui_attr(t, PAIR_KEY));
	tui_text(TOP + 2, 7, COLS - 10, "another contact of the same call (policy and channel kept)", 0);
	tui_text(TOP + 3, 4, 6, "Enter", tui_attr(t, PAIR_KEY));
	tui_text(TOP + 3, 11, COLS - 14, "back home", 0);
}

static void
draw_text_step(struct tui *t, const char *prompt, struct tui_field *f, int h)
{
	tui_text(TOP, 2, COLS - 4, prompt, A_BOLD);
	tui_field_draw(t, f, TOP + 2, 4, h, COLS - 8);
}

void
log_draw(struct tui *t)
{
	struct logform *lf = tui_state(t);

	tui_title(t, "cslog — log a contact", log_step_title(lf->step));
	so_far(t, lf);
	tui_keybar(t);
	curs_set(0);
	switch (lf->step) {
	case S_POLICY: draw_list(t, lf, "Which policy?"); break;
	case S_KIND: draw_list(t, lf, "Who was the customer?"); break;
	case S_CHANNEL: draw_list(t, lf, "How did the contact happen?"); break;
	case S_OUTCOME: draw_list(t, lf, "How did it end?"); break;
	case S_NEEDS: draw_yes_no(t, "Did you ask, and were the customer's needs met?", NULL); break;
	case S_ADDED:
		draw_yes_no(t, "Did you go beyond standard service (added value)?",
		    "Yes leads to the empowerment check.");
		break;
	case S_QUESTION: draw_question(t, lf); break;
	case S_RESULT: draw_result(t, lf); break;
	case S_FOLLOWUP: draw_yes_no(t, "Did you promise a follow-up?", NULL); break;
	case S_REFEREE:
		draw_yes_no(t, "Did you contact the one you referred the customer to?",
		    "No blind referrals: explain the reason for the referral to them.");
		break;
	case S_STANDARDS: draw_standards(t, lf); break;
	case S_CONFIRM: draw_confirm(t, lf); break;
	case S_SAVED: draw_saved(t, lf); break;
	case S_SUMMARY: draw_text_step(t, "What happened? (summary)", &lf->summary, 6); break;
	case S_ADDED_TEXT:
		draw_text_step(t, "What did you do beyond standard service?", &lf->added, 4);
		break;
	case S_DUE: draw_text_step(t, "Follow-up due (YYYY-MM-DD HH:MM):", &lf->due, 1); break;
	case S_REFERRAL: draw_text_step(t, "Referred to whom?", &lf->referral, 1); break;
	case S_DECISION: draw_text_step(t, "What was decided?", &lf->decision, 3); break;
	case S_APPEAL:
		draw_text_step(t, "What appeal information did you give?", &lf->appeal, 3);
		break;
	case S_COUNT: break;
	}
}
