/* logdraw.c - drawing the contact form. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/deadline.h"
#include "tui_log.h"
#include "tui_screens.h"

/* The first row of the step's own area, below the header (log_draw sets
 * it for each drawing: the header takes the rows it needs). */
static int top_row = 5;
#define TOP top_row

/* Has the form passed step s (the header shows what was chosen there)? */
static bool
past(const struct logform *lf, enum log_step s)
{
	int i;

	for (i = 0; i < lf->n_hist; i++) {
		if (lf->hist[i] == s)
			return true;
	}
	return false;
}

/* What was chosen so far, whole, wrapped: returns the rows it took. */
static int
so_far(struct tui *t, const struct logform *lf)
{
	char line[1024];
	size_t off;

	off = (size_t)snprintf(line, sizeof line, "Policy %s %s", lf->p->id, lf->p->version);
	if (past(lf, S_KIND) && off < sizeof line)
		off += (size_t)snprintf(line + off, sizeof line - off, " · Customer: %s",
		                        lf->p->kinds[lf->kind].label);
	if (past(lf, S_CHANNEL) && off < sizeof line)
		off += (size_t)snprintf(line + off, sizeof line - off, " · Channel: %s",
		                        lf->p->channels[lf->chan].label);
	if (past(lf, S_OUTCOME) && off < sizeof line)
		snprintf(line + off, sizeof line - off, " · Outcome: %s",
		         lf->p->outcomes[lf->out].label);
	return tui_wrap(2, 2, COLS - 4, 4, line, tui_attr(t, PAIR_DIM));
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
	int rows = LINES - 3 - (TOP + 2), first = 0;
	char more[64];

	tui_text(TOP, 2, COLS - 4, prompt, A_BOLD);
	/* A list longer than the screen scrolls with the selection and says
	 * how much is above and below (every row keeps its key). */
	if ((int)n > rows) {
		rows -= 2;
		first = lf->sel - rows + 1 > 0 ? lf->sel - rows + 1 : 0;
	}
	if (first > 0) {
		snprintf(more, sizeof more, "↑ %d more above", first);
		tui_text(TOP + 1, 4, COLS - 8, more, tui_attr(t, PAIR_DIM));
	}
	for (i = (size_t)first; i < n && (int)i < first + rows; i++) {
		label = lf->step == S_POLICY ? t->app->policies.items[i]->name :
		    lf->step == S_KIND ? lf->p->kinds[i].label :
		    lf->step == S_CHANNEL ? lf->p->channels[i].label : lf->p->outcomes[i].label;
		y = TOP + 2 + (int)i - first;
		snprintf(key, sizeof key, "%c", log_row_key((int)i));
		tui_text(y, 4, 2, key, tui_attr(t, PAIR_KEY));
		tui_text(y, 7, COLS - 10, label, (int)i == lf->sel ? tui_attr(t, PAIR_SELECT) : 0);
	}
	if (i < n) {
		snprintf(more, sizeof more, "↓ %zu more below: Down scrolls", n - i);
		tui_text(TOP + 2 + rows, 4, COLS - 8, more, tui_attr(t, PAIR_DIM));
	}
}

static void
draw_yes_no(struct tui *t, const char *prompt, const char *more)
{
	int y = TOP + tui_wrap(TOP, 2, COLS - 4, 3, prompt, A_BOLD);

	if (more != NULL)
		y += tui_wrap(y, 2, COLS - 4, 3, more, 0);
	tui_text(y + 1, 4, 2, "y", tui_attr(t, PAIR_KEY));
	tui_text(y + 1, 7, 10, "yes", 0);
	tui_text(y + 2, 4, 2, "n", tui_attr(t, PAIR_KEY));
	tui_text(y + 2, 7, 10, "no", 0);
}

/* The question asked, then every question with the answers so far: all
 * of them on screen, so that one key may answer them all yes. */
static int
question_rows(const struct logform *lf)
{
	int rows = tui_wrap_rows(COLS - 8, lf->p->questions[lf->q].text);

	return rows < 4 ? rows : 4;
}

/* Do all the questions fit below the one asked? */
static bool
questions_fit(const struct logform *lf)
{
	size_t i;
	int list = 0;

	for (i = 0; i < lf->p->n_questions; i++)
		list += tui_wrap_rows(COLS - 12, lf->p->questions[i].text);
	return TOP + 2 + question_rows(lf) + 1 + 2 + list <= LINES - 3;
}

static void
draw_question(struct tui *t, struct logform *lf)
{
	char line[64];
	size_t i;
	int y = TOP + 2, a;

	snprintf(line, sizeof line, "Question %zu of %zu", lf->q + 1, lf->p->n_questions);
	tui_text(TOP, 2, COLS - 4, line, tui_attr(t, PAIR_DIM));
	y += tui_wrap(y, 4, COLS - 8, 4, lf->p->questions[lf->q].text, A_BOLD) + 1;
	tui_text(y, 4, 2, "y", tui_attr(t, PAIR_KEY));
	tui_text(y, 7, 6, "yes", 0);
	tui_text(y, 14, 2, "n", tui_attr(t, PAIR_KEY));
	tui_text(y, 17, 6, "no", 0);
	if (lf->all_shown) {
		tui_text(y, 24, 2, "a", tui_attr(t, PAIR_KEY));
		tui_text(y, 27, COLS - 30, "yes to every question still open (below)", 0);
	}
	y += 2;
	for (i = 0; i < lf->p->n_questions && y < LINES - 3; i++) {
		a = i == lf->q ? tui_attr(t, PAIR_SELECT) : 0;
		if (i < lf->q)
			tui_text(y, 4, 4, lf->ans[i] == ANSWER_YES ? "yes" : "NO",
			    lf->ans[i] == ANSWER_YES ? tui_attr(t, PAIR_OK) : tui_attr(t, PAIR_BAD));
		else if (i == lf->q)
			tui_text(y, 4, 4, "▶", 0);
		y += tui_wrap(y, 9, COLS - 12, LINES - 3 - y, lf->p->questions[i].text, a);
	}
}

/* EMPOWERED, or NOT EMPOWERED with the policy's guidance whole and the
 * questions answered no after it; from row y, at most to row max.
 * Returns the row after it. */
static int
check_result(struct tui *t, const struct logform *lf, int y, int max, bool guidance)
{
	size_t i, failed = 0;

	for (i = 0; i < lf->p->n_questions; i++)
		failed += lf->ans[i] == ANSWER_NO;
	if (failed == 0) {
		tui_text(y++, 2, COLS - 4, "EMPOWERED", tui_attr(t, PAIR_OK) | A_BOLD);
		if (guidance)
			y += tui_wrap(y + 1, 4, COLS - 8, max - y - 1, lf->p->msg_empowered, 0) + 1;
		return y;
	}
	/* The policy's guidance first, whole (it says the failed questions
	 * follow), then the questions answered no. */
	tui_text(y++, 2, COLS - 4, "NOT EMPOWERED", tui_attr(t, PAIR_BAD) | A_BOLD);
	if (guidance)
		y += tui_wrap(y + 1, 4, COLS - 8, max - y - 1, lf->p->msg_not_empowered, A_BOLD) + 2;
	tui_text(y++, 4, COLS - 8, "These answers were no:", 0);
	for (i = 0; i < lf->p->n_questions && y < max; i++) {
		if (lf->ans[i] == ANSWER_NO)
			y += tui_wrap(y, 6, COLS - 10, max - y, lf->p->questions[i].text,
			              tui_attr(t, PAIR_BAD));
	}
	return y;
}

static void
draw_result(struct tui *t, const struct logform *lf)
{
	check_result(t, lf, TOP, LINES - 3, true);
}

/* The checklist: each standard whole, wrapped; it scrolls with the
 * selection when it is longer than the screen, and says how many are
 * above and below. */
static void
draw_standards(struct tui *t, const struct logform *lf)
{
	size_t idx[LOG_STD_MAX], n = log_standards_shown(lf, idx, LOG_STD_MAX), i;
	int y0, y, last = LINES - 4, first = 0, used, h, total = 0;
	char more[64];

	y0 = TOP + 1 + tui_wrap(TOP, 2, COLS - 4, 2, "Confirm the standards you met (Space "
	                        "ticks, a ticks all):", A_BOLD);
	/* All of them fit (the row a "more below" would take included): no
	 * scrolling at all. */
	for (i = 0; i < n; i++)
		total += tui_wrap_rows(COLS - 12, lf->p->standards[idx[i]].text);
	if (total <= last + 1 - y0) {
		for (i = 0, y = y0; i < n; i++) {
			tui_text(y, 4, 4, lf->std_on[idx[i]] ? "[x]" : "[ ]", 0);
			y += tui_wrap(y, 8, COLS - 12, last + 1 - y, lf->p->standards[idx[i]].text,
			              (int)i == lf->std_sel ? tui_attr(t, PAIR_SELECT) : 0);
		}
		return;
	}
	/* The first item shown: the selection and what fits before it. */
	for (first = lf->std_sel, used = 0; first >= 0; first--) {
		h = tui_wrap_rows(COLS - 12, lf->p->standards[idx[first]].text);
		if (used + h > last - y0 - 1 && first < lf->std_sel)
			break;
		used += h;
	}
	first++;
	if (first > 0) {
		snprintf(more, sizeof more, "↑ %d more above", first);
		tui_text(y0 - 1, 4, COLS - 8, more, tui_attr(t, PAIR_DIM));
	}
	for (i = (size_t)first, y = y0; i < n && y < last; i++) {
		h = tui_wrap_rows(COLS - 12, lf->p->standards[idx[i]].text);
		if (y + h > last && (int)i != lf->std_sel)
			break;
		tui_text(y, 4, 4, lf->std_on[idx[i]] ? "[x]" : "[ ]", 0);
		y += tui_wrap(y, 8, COLS - 12, last - y, lf->p->standards[idx[i]].text,
		              (int)i == lf->std_sel ? tui_attr(t, PAIR_SELECT) : 0);
	}
	if (i < n) {
		snprintf(more, sizeof more, "↓ %zu more below: Down scrolls", n - i);
		tui_text(last, 4, COLS - 8, more, tui_attr(t, PAIR_DIM));
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

/* One line of the confirm screen, wrapped (at most rows rows). */
static void
put(int *y, const char *text, int rows)
{
	if (*y < LINES - 3)
		*y += tui_wrap(*y, 4, COLS - 8, rows < LINES - 3 - *y ? rows : LINES - 3 - *y,
		               text, 0);
}

/* The lines under the summary, each with the most rows it may take. */
#define CONFIRM_LINES 5
struct confirm_line {
	char text[1024];
	int rows;
};

static int
confirm_lines(const struct logform *lf, struct confirm_line *l)
{
	int n = 0;

	snprintf(l[n].text, sizeof l[n].text, "Needs met: %s",
	    lf->needs == TRI_YES ? "yes" : lf->needs == TRI_NO ? "no" : "not asked");
	l[n++].rows = 1;
	if (lf->has_added) {
		snprintf(l[n].text, sizeof l[n].text, "Added value: %s", lf->added.text);
		l[n++].rows = 2;
	}
	if (lf->has_followup) {
		snprintf(l[n].text, sizeof l[n].text, "Follow-up due %s: %s%s%s", lf->due.text,
		         lf->promise.text, lf->callback.len ? "; call back on " : "",
		         lf->callback.text);
		l[n++].rows = 3;
	}
	if (lf->referral.len > 0) {
		snprintf(l[n].text, sizeof l[n].text, "Referred to %s (contacted: %s)",
		         lf->referral.text, lf->contacted == TRI_YES ? "yes" : "no");
		l[n++].rows = 2;
	}
	if (lf->decision.len > 0) {
		snprintf(l[n].text, sizeof l[n].text, "Decision: %s; appeal: %s", lf->decision.text,
		    lf->appeal.text);
		l[n++].rows = 2;
	}
	return n;
}

/* The summary over the rows left once the lines under it have theirs:
 * cut only when it truly does not fit, and then saying how to read it. */
static void
confirm_summary(struct tui *t, const struct logform *lf, int *y, int below)
{
	int need = tui_wrap_rows(COLS - 8, lf->summary.text), room = LINES - 3 - *y - below;

	if (need <= room || room < 2) {
		put(y, lf->summary.text, room > 1 ? room : 1);
		return;
	}
	put(y, lf->summary.text, room - 1);
	tui_text((*y)++, 4, COLS - 8, "(Cut to fit: Esc back to the summary shows it whole.)",
	         tui_attr(t, PAIR_DIM));
}

static void
draw_confirm(struct tui *t, const struct logform *lf)
{
	struct confirm_line l[CONFIRM_LINES];
	size_t idx[LOG_STD_MAX];
	int y = TOP + 2, n = confirm_lines(lf, l), i, below = 0;
	bool stds = log_standards_shown(lf, idx, LOG_STD_MAX) > 0;

	tui_text(TOP, 2, COLS - 4, "Save this contact?  Enter saves, Esc goes back.", A_BOLD);
	/* The check's result, whenever it was asked: the one thing a
	 * supervisor will look at first. */
	if (log_check_asked(lf))
		y = check_result(t, lf, y, LINES - 3, false) + 1;
	else
		put(&y, "Empowerment check: not asked (no action beyond standard service).", 2);
	for (i = 0; i < n; i++) {
		int r = tui_wrap_rows(COLS - 8, l[i].text);

		below += r < l[i].rows ? r : l[i].rows;
	}
	confirm_summary(t, lf, &y, below + stds);
	put(&y, l[0].text, l[0].rows);
	if (lf->has_added)
		put(&y, l[1].text, l[1].rows);
	y += draw_confirm_standards(lf, y);
	for (i = lf->has_added ? 2 : 1; i < n; i++)
		put(&y, l[i].text, l[i].rows);
}

static void
draw_saved(struct tui *t, const struct logform *lf)
{
	char line[160];
	int rows;

	if (lf->spooled)
		snprintf(line, sizeof line, "Kept on this terminal: the server did not answer."
		         "  It will be sent when it does.");
	else
		snprintf(line, sizeof line, "Saved as contact #%lld.", (long long)lf->saved_id);
	/* Wrapped, never cut: on a narrow terminal the spool's words take
	 * two rows, and the keys move down. */
	rows = tui_wrap(TOP, 2, COLS - 4, 3, line,
	                tui_attr(t, lf->spooled ? PAIR_BAD : PAIR_OK) | A_BOLD);
	if (!lf->spooled) {
		tui_text(TOP + rows + 1, 4, 2, "n", tui_attr(t, PAIR_KEY));
		tui_text(TOP + rows + 1, 7, COLS - 10, "another contact of the same call (policy"
		         " and channel kept)", 0);
	}
	tui_text(TOP + rows + 2, 4, 6, "Enter", tui_attr(t, PAIR_KEY));
	tui_text(TOP + rows + 2, 11, COLS - 14, "back home", 0);
}

static void
draw_text_step(struct tui *t, const char *prompt, struct tui_field *f, int h)
{
	int rows = tui_wrap(TOP, 2, COLS - 4, 3, prompt, A_BOLD);

	tui_field_draw(t, f, TOP + rows + 1, 4, h, COLS - 8);
}

/* When the follow-up is due, with the policy's clock for the channel:
 * its words, the target proposed and the limit it will be overdue after. */
static void
draw_due(struct tui *t, struct logform *lf)
{
	const struct policy_followup *r = policy_followup_for(lf->p, lf->p->channels[lf->chan].id);
	struct deadline_clock c;
	char line[1200], target[32], limit[32];
	int64_t now = app_now(t->app);
	int y = TOP + 4;

	draw_text_step(t, "Follow-up due (+2h, tomorrow, YYYY-MM-DD HH:MM):", &lf->due, 1);
	if (r == NULL) {
		tui_wrap(y, 4, COLS - 8, 2, "The policy sets no clock for this channel: the time "
		         "you give is the one it is due by, and overdue after.", tui_attr(t, PAIR_DIM));
		return;
	}
	c = deadline_rule_clock(r, now, app_end_of_local_day(now));
	app_time_local(c.target, target, sizeof target);
	app_time_local(c.limit, limit, sizeof limit);
	snprintf(line, sizeof line, "The policy's clock for %s: %s%s%s — due by %s, overdue "
	         "after %s.", lf->p->channels[lf->chan].label, r->text ? "\"" : "",
	         r->text ? r->text : "", r->text ? "\"" : "", target, limit);
	tui_wrap(y, 4, COLS - 8, LINES - 3 - y, line, tui_attr(t, PAIR_DIM));
}

void
log_draw(struct tui *t)
{
	struct logform *lf = tui_state(t);

	tui_title(t, "cslog — log a contact", log_step_title(lf->step));
	top_row = 2 + so_far(t, lf) + 1;
	lf->top = top_row;
	lf->all_shown = lf->step == S_QUESTION && questions_fit(lf);
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
		    lf->p->ask_every_contact ? "The empowerment check follows either way: this "
		    "policy asks it on every contact." : "Yes leads to the empowerment check.");
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
	case S_DUE: draw_due(t, lf); break;
	case S_PROMISE:
		draw_text_step(t, "What did you promise, and to whom? (e.g. call Mrs Diaz back "
		    "with the permit date)", &lf->promise, 3);
		break;
	case S_CALLBACK:
		draw_text_step(t, "A number to call back (optional: Enter skips it).  Kept as "
		    "the customer's phone, a protected field: only you and supervisors see it.",
		    &lf->callback, 1);
		break;
	case S_REFERRAL: draw_text_step(t, "Referred to whom?", &lf->referral, 1); break;
	case S_DECISION: draw_text_step(t, "What was decided?", &lf->decision, 3); break;
	case S_APPEAL:
		draw_text_step(t, "What appeal information did you give?", &lf->appeal, 3);
		break;
	case S_COUNT: break;
	}
}
