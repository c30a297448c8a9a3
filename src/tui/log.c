/* log.c - log a contact: the steps, their keys, and saving. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/deadline.h"
#include "tui_log.h"
#include "tui_screens.h"

static const char *const titles[S_COUNT] = {
	[S_POLICY] = "Policy", [S_KIND] = "Customer", [S_CHANNEL] = "Channel",
	[S_SUMMARY] = "Summary", [S_OUTCOME] = "Outcome", [S_NEEDS] = "Needs met",
	[S_ADDED] = "Added value", [S_ADDED_TEXT] = "Added value",
	[S_QUESTION] = "Empowerment check", [S_RESULT] = "Empowerment check",
	[S_FOLLOWUP] = "Follow-up", [S_DUE] = "Follow-up", [S_REFERRAL] = "Referral",
	[S_REFEREE] = "Referral", [S_DECISION] = "Decision", [S_APPEAL] = "Appeal",
	[S_STANDARDS] = "Standards", [S_CONFIRM] = "Confirm", [S_SAVED] = "Saved",
	[S_PROMISE] = "Follow-up", [S_CALLBACK] = "Follow-up",
};

const char *
log_step_title(enum log_step s)
{
	return titles[s];
}

int
log_row_key(int i)
{
	return i < 9 ? '1' + i : 'a' + (i - 9);
}

static const struct policy_outcome *
outcome(const struct logform *lf)
{
	return &lf->p->outcomes[lf->out];
}

size_t
log_standards_shown(const struct logform *lf, size_t *idx, size_t max)
{
	struct policy_context ctx;
	size_t i, n = 0;

	memset(&ctx, 0, sizeof ctx);
	ctx.channel = lf->p->channels[lf->chan].id;
	ctx.added_value = lf->has_added;
	ctx.negative = outcome(lf)->negative;
	ctx.referral = outcome(lf)->requires == REQUIRES_REFERRAL;
	ctx.decision = outcome(lf)->requires == REQUIRES_APPEAL;
	ctx.follow_up = lf->has_followup;
	for (i = 0; i < lf->p->n_standards && n < max; i++) {
		if (policy_standard_applies(&lf->p->standards[i], &ctx))
			idx[n++] = i;
	}
	return n;
}

/* The step after s, skipping those that do not apply. */
static enum log_step
next_step(const struct logform *lf, enum log_step s)
{
	size_t idx[LOG_STD_MAX];

	switch (s) {
	case S_ADDED:
		return lf->has_added ? S_ADDED_TEXT : log_check_asked(lf) ? S_QUESTION : S_FOLLOWUP;
	case S_QUESTION: return lf->q + 1 < lf->p->n_questions ? S_QUESTION : S_RESULT;
	case S_FOLLOWUP: return lf->has_followup ? S_PROMISE : next_step(lf, S_CALLBACK);
	case S_DUE: return log_callback_kept(lf) ? S_CALLBACK : next_step(lf, S_CALLBACK);
	case S_PROMISE: return S_DUE;
	case S_CALLBACK:
		return outcome(lf)->requires == REQUIRES_REFERRAL ? S_REFERRAL :
		    next_step(lf, S_REFEREE);
	case S_REFEREE:
		return outcome(lf)->requires == REQUIRES_APPEAL ? S_DECISION :
		    next_step(lf, S_APPEAL);
	case S_APPEAL:
		return log_standards_shown(lf, idx, LOG_STD_MAX) ? S_STANDARDS : S_CONFIRM;
	default: return (enum log_step)(s + 1);
	}
}

static void
go(struct logform *lf, enum log_step s)
{
	if (lf->n_hist < LOG_HIST)
		lf->hist[lf->n_hist++] = lf->step;
	if (lf->step == S_QUESTION && s == S_QUESTION)
		lf->q++;
	else if (s == S_QUESTION)
		lf->q = 0;
	lf->step = s;
	lf->sel = 0;
}

static void
advance(struct logform *lf)
{
	go(lf, next_step(lf, lf->step));
	if (lf->step == S_CHANNEL)
		lf->sel = (int)lf->chan;
	if (lf->step == S_KIND)
		lf->sel = (int)lf->kind;
	if (lf->step == S_OUTCOME)
		lf->sel = (int)lf->out;
}

static bool
back(struct logform *lf)
{
	if (lf->n_hist == 0)
		return false;
	if (lf->step == S_QUESTION && lf->q > 0)
		lf->q--;
	else if (lf->step == S_RESULT)
		lf->q = lf->p->n_questions - 1;
	lf->step = lf->hist[--lf->n_hist];
	lf->sel = lf->step == S_KIND ? (int)lf->kind : lf->step == S_CHANNEL ?
	    (int)lf->chan : lf->step == S_OUTCOME ? (int)lf->out : 0;
	return true;
}

static size_t
list_len(const struct tui *t, const struct logform *lf)
{
	switch (lf->step) {
	case S_POLICY: return t->app->policies.n;
	case S_KIND: return lf->p->n_kinds;
	case S_CHANNEL: return lf->p->n_channels;
	case S_OUTCOME: return lf->p->n_outcomes;
	default: return 0;
	}
}

static void
choose(struct tui *t, struct logform *lf, size_t i)
{
	switch (lf->step) {
	case S_POLICY:
		if (lf->p != t->app->policies.items[i]) {
			lf->p = t->app->policies.items[i];
			lf->kind = lf->chan = lf->out = 0;
			memset(lf->std_on, 0, sizeof lf->std_on);
		}
		break;
	case S_KIND: lf->kind = i; break;
	case S_CHANNEL: lf->chan = i; break;
	case S_OUTCOME: lf->out = i; break;
	default: return;
	}
	advance(lf);
}

/* Keys of a list step: a row key picks at once; arrows, then Enter. */
static bool
list_key(struct tui *t, struct logform *lf, int ch, bool fk, bool enter)
{
	size_t n = list_len(t, lf);
	int i;

	if (n == 0)
		return false;
	if (fk && ch == KEY_DOWN && (size_t)lf->sel + 1 < n)
		lf->sel++;
	else if (fk && ch == KEY_UP && lf->sel > 0)
		lf->sel--;
	else if (enter)
		choose(t, lf, (size_t)lf->sel);
	else if (!fk) {
		for (i = 0; (size_t)i < n; i++) {
			if (ch == log_row_key(i)) {
				choose(t, lf, (size_t)i);
				break;
			}
		}
	}
	return true;
}

static int
yes_no(int ch)
{
	if (ch == 'y' || ch == 'Y')
		return TRI_YES;
	if (ch == 'n' || ch == 'N')
		return TRI_NO;
	return TRI_UNKNOWN;
}

static void
propose_due(struct tui *t, struct logform *lf)
{
	const struct policy_followup *r = policy_followup_for(lf->p, lf->p->channels[lf->chan].id);
	int64_t now = app_now(t->app), due;
	char buf[32];

	due = r ? deadline_propose(r, now, app_end_of_local_day(now)) : now + 86400;
	app_time_local(due, buf, sizeof buf);
	tui_field_set(&lf->due, buf);
}

static bool
yes_no_key(struct tui *t, struct logform *lf, int ch)
{
	int yn = yes_no(ch);

	if (yn == TRI_UNKNOWN)
		return false;
	switch (lf->step) {
	case S_NEEDS: lf->needs = (enum record_tri)yn; break;
	case S_ADDED: lf->has_added = yn == TRI_YES; break;
	case S_QUESTION: lf->ans[lf->q] = yn == TRI_YES ? ANSWER_YES : ANSWER_NO; break;
	case S_FOLLOWUP:
		lf->has_followup = yn == TRI_YES;
		if (lf->has_followup && lf->due.len == 0)
			propose_due(t, lf);
		break;
	case S_REFEREE: lf->contacted = (enum record_tri)yn; break;
	default: return false;
	}
	advance(lf);
	return true;
}

/* a: every question not answered yet is answered yes (they are all on
 * screen), and the result follows. */
static void
all_yes(struct logform *lf)
{
	size_t i;

	for (i = lf->q; i < lf->p->n_questions; i++)
		lf->ans[i] = ANSWER_YES;
	lf->q = lf->p->n_questions - 1;
	go(lf, S_RESULT);
}

static struct tui_field *
text_field(struct logform *lf)
{
	switch (lf->step) {
	case S_SUMMARY: return &lf->summary;
	case S_ADDED_TEXT: return &lf->added;
	case S_DUE: return &lf->due;
	case S_REFERRAL: return &lf->referral;
	case S_DECISION: return &lf->decision;
	case S_APPEAL: return &lf->appeal;
	case S_PROMISE: return &lf->promise;
	case S_CALLBACK: return &lf->callback;
	default: return NULL;
	}
}

static void
text_done(struct tui *t, struct logform *lf, struct tui_field *f)
{
	int64_t due;
	struct cs_err err = { 0 };

	if (f->len == 0 && lf->step != S_CALLBACK) {
		tui_say(t, true, "%s", lf->step == S_PROMISE ? "Say what you promised, and to "
		        "whom: the one who follows it up may not be you." : "Type it first, or Esc "
		        "to go back.");
		return;
	}
	/* The due time: the save's own rule, at this step (a time already
	 * past its limit is refused here, not only at Save). */
	if (lf->step == S_DUE && app_followup_due(t->app, lf->p, lf->p->channels[lf->chan].id,
	                                          f->text, &due, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return;
	}
	if (lf->step == S_DUE) {   /* "+1d" as the time it means, on Confirm and in the draft */
		char at[32];

		app_time_local(due, at, sizeof at);
		tui_field_set(f, at);
	}
	advance(lf);
}

static void
standards_key(struct logform *lf, int ch, bool fk, bool enter)
{
	size_t idx[LOG_STD_MAX], n = log_standards_shown(lf, idx, LOG_STD_MAX), i;
	bool all = true;

	if (fk && ch == KEY_DOWN && (size_t)lf->std_sel + 1 < n)
		lf->std_sel++;
	else if (fk && ch == KEY_UP && lf->std_sel > 0)
		lf->std_sel--;
	else if (!fk && ch == ' ' && n > 0)
		lf->std_on[idx[lf->std_sel]] = !lf->std_on[idx[lf->std_sel]];
	else if (!fk && ch == 'a') {
		for (i = 0; i < n; i++)
			all = all && lf->std_on[idx[i]];
		for (i = 0; i < n; i++)
			lf->std_on[idx[i]] = !all;
	} else if (enter)
		advance(lf);
}

static int
step_key(struct tui *t, struct logform *lf, int ch, bool fk, bool enter)
{
	struct tui_field *f = text_field(lf);

	if (f != NULL) {
		if (enter || (!fk && ch == '\t'))
			text_done(t, lf, f);
		else
			tui_field_key(f, ch, fk);
		return TUI_REDRAW;
	}
	switch (lf->step) {
	case S_POLICY: case S_KIND: case S_CHANNEL: case S_OUTCOME:
		list_key(t, lf, ch, fk, enter);
		break;
	case S_RESULT:
		if (enter)
			advance(lf);
		break;
	case S_STANDARDS:
		standards_key(lf, ch, fk, enter);
		break;
	case S_CONFIRM:
		if (enter || (!fk && ch == 's'))
			return log_save(t, lf);
		break;
	case S_QUESTION:
		if (!fk && ch == 'a' && lf->all_shown)
			all_yes(lf);
		else if (!fk)
			yes_no_key(t, lf, ch);
		break;
	default:
		if (!fk)
			yes_no_key(t, lf, ch);
	}
	return TUI_REDRAW;
}

static int
log_key(struct tui *t, int ch, bool fk)
{
	struct logform *lf = tui_state(t);
	bool enter = (!fk && ch == '\r') || (fk && ch == KEY_ENTER);
	int r;

	if (lf->step == S_SAVED) {
		/* Not after a contact was spooled: its draft's slot is its own
		 * until the server takes it (and removes the draft with it). */
		if (!fk && ch == 'n' && !lf->spooled) {
			log_next_of_call(lf);
			return TUI_REDRAW;
		}
		return enter || (!fk && ch == 'h') ? TUI_BACK : TUI_STAY;
	}
	r = step_key(t, lf, ch, fk, enter);
	if (lf->step != S_SAVED)
		log_draft_save(t, lf);
	return r;
}

/* About once a second without a key: a save (or a draft) that had to
 * wait for an import is tried again.  A save waiting is not idleness:
 * the screen does not lock over it. */
static int
log_tick(struct tui *t)
{
	struct logform *lf = tui_state(t);

	if (lf->save_pending && lf->step == S_CONFIRM) {
		t->last_key_at = app_now(t->app);
		return log_save(t, lf);
	}
	lf->save_pending = false;
	if (lf->draft_dirty && lf->step != S_SAVED) {
		log_draft_save(t, lf);
		return TUI_REDRAW;
	}
	return TUI_STAY;
}

/* Esc: one step back; from the first, leave (the draft stays). */
static int
log_esc(struct tui *t)
{
	struct logform *lf = tui_state(t);

	if (lf->step == S_SAVED)
		return TUI_BACK;
	if (!back(lf)) {
		if (lf->summary.len == 0)
			log_draft_drop(t, lf);   /* its own, empty: never another's */
		return TUI_BACK;
	}
	log_draft_save(t, lf);
	return TUI_REDRAW;
}

static bool
step_in(struct tui *t, const enum log_step *v, size_t n)
{
	const struct logform *lf = tui_state(t);
	size_t i;

	for (i = 0; i < n; i++)
		if (lf->step == v[i])
			return true;
	return false;
}

#define STEPS(name, ...) static bool name(struct tui *t) { \
	static const enum log_step v[] = { __VA_ARGS__ }; \
	return step_in(t, v, sizeof v / sizeof v[0]); }
STEPS(on_list, S_POLICY, S_KIND, S_CHANNEL, S_OUTCOME)
STEPS(on_note, S_SUMMARY, S_ADDED_TEXT, S_PROMISE)
STEPS(on_line, S_DUE, S_REFERRAL, S_DECISION, S_APPEAL, S_CALLBACK)
STEPS(on_yes_no, S_NEEDS, S_ADDED, S_QUESTION, S_FOLLOWUP, S_REFEREE)
STEPS(on_standards, S_STANDARDS)
STEPS(on_result, S_RESULT)
STEPS(on_question, S_QUESTION)
STEPS(on_confirm, S_CONFIRM)
STEPS(on_saved, S_SAVED)
#undef STEPS

static bool
on_text(struct tui *t)
{
	return on_note(t) || on_line(t);
}

static bool
all_on_screen(struct tui *t)
{
	return on_question(t) && ((struct logform *)tui_state(t))->all_shown;
}

static bool
saved_sent(struct tui *t)
{
	return on_saved(t) && !((struct logform *)tui_state(t))->spooled;
}

static bool
not_saved(struct tui *t)
{
	return !on_saved(t);
}

/* The keys of every step; the step decides (log_key). */
static const struct tui_key log_keys[] = {
	{ .name = "1-9, a-z", .label = "choose", .help = "choose from the list", .op = -1,
	  .when = on_list },
	{ .name = "Up/Down Enter", .label = "pick", .help = "move in the list, then take it",
	  .op = -1, .when = on_list },
	{ .name = "y", .label = "yes", .help = "answer yes", .op = -1, .when = on_yes_no },
	{ .name = "n", .label = "no", .help = "answer no", .op = -1, .when = on_yes_no },
	{ .name = "a", .label = "all yes", .help = "every question still open answered yes"
	  " (offered when they are all on screen)", .op = -1, .when = all_on_screen },
	{ .name = "Enter", .label = "done", .help = "done with the text: go on", .op = -1,
	  .when = on_text },
	{ .name = "Ctrl-J", .label = "new line", .help = "a new line in the text", .op = -1,
	  .when = on_note },
	{ .name = "Ctrl-W, Ctrl-U", .help = "delete a word, delete to the start of the line",
	  .op = -1, .when = on_text },
	{ .name = "Space", .label = "tick", .help = "tick or untick the standard", .op = -1,
	  .when = on_standards },
	{ .name = "a", .label = "all", .help = "tick every standard", .op = -1,
	  .when = on_standards },
	{ .name = "Enter", .label = "go on", .help = "go on", .op = -1, .when = on_standards },
	{ .name = "Enter", .label = "go on", .help = "go on to the follow-up", .op = -1,
	  .when = on_result },
	{ .name = "Enter", .label = "save", .help = "save the contact (and remove its draft,"
	  " in the same step)", .op = -1, .when = on_confirm },
	{ .name = "n", .label = "next contact of this call", .help = "another contact of the"
	  " same call (policy and channel kept)", .op = -1, .when = saved_sent },
	{ .name = "Enter", .label = "home", .help = "back home", .op = -1, .when = on_saved },
	{ .name = "Esc", .label = "back", .help = "back one step: every answer can be changed;"
	  " from the first step, home (the draft is kept)", .op = -1, .when = not_saved },
	{ .name = "", .help = "Everything is saved as you type: a crash or a closed terminal"
	  " loses nothing, and the draft is offered at your next sign-in.", .op = -1 },
	{ .name = NULL },
};

static void
log_leave(struct tui *t)
{
	struct logform *lf = tui_state(t);

	if (lf->draft_dirty && lf->step != S_SAVED && app_is_server(t->app)) {
		log_draft_save(t, lf);   /* the server may answer again */
		if (lf->draft_dirty)
			log_draft_spool(t, lf);
	}
	tui_field_done(&lf->summary);
	tui_field_done(&lf->added);
	tui_field_done(&lf->due);
	tui_field_done(&lf->referral);
	tui_field_done(&lf->decision);
	tui_field_done(&lf->appeal);
	tui_field_done(&lf->promise);
	tui_field_done(&lf->callback);
	free(lf);
}

static const struct tui_screen log_screen = {
	.title = "Log a contact", .keys = log_keys, .draw = log_draw, .key = log_key,
	.typing = on_text, .esc = log_esc, .leave = log_leave, .tick = log_tick,
};

static void
start_fresh(struct tui *t, struct logform *lf)
{
	const struct policy *p = policy_set_find(&t->app->policies, t->me.last_policy);

	snprintf(lf->call_ref, sizeof lf->call_ref, "%s-%lld", t->me.badge,
	    (long long)app_now(t->app));
	if (p == NULL && t->app->policies.n == 1)
		p = t->app->policies.items[0];   /* nothing to choose */
	lf->p = p ? p : t->app->policies.items[0];
	if (p != NULL) {  /* remembered or the only one: go straight to the customer */
		lf->hist[lf->n_hist++] = S_POLICY;
		lf->step = S_KIND;
	} else {
		lf->step = S_POLICY;
	}
}

void
tui_open_log(struct tui *t, const char *slot)
{
	struct cs_err err = { 0 };
	struct logform *lf;

	if (t->app->policies.n == 0) {
		tui_say(t, true, "No policy is loaded: see 'cslog policy list'.");
		return;
	}
	lf = calloc(1, sizeof *lf);
	if (lf == NULL)
		return;
	tui_field_init(&lf->summary, CONTACT_SUMMARY_MAX, true);
	tui_field_init(&lf->added, CONTACT_TEXT_MAX, true);
	tui_field_init(&lf->due, 32, false);
	tui_field_init(&lf->referral, 400, false);
	tui_field_init(&lf->decision, CONTACT_TEXT_MAX, false);
	tui_field_init(&lf->appeal, CONTACT_TEXT_MAX, false);
	tui_field_init(&lf->promise, CONTACT_TEXT_MAX, true);
	tui_field_init(&lf->callback, 64, false);
	if (slot != NULL)
		snprintf(lf->slot, sizeof lf->slot, "%s", slot);
	else if (app_draft_new_slot(t->app, &t->me, LOG_DRAFT_PREFIX, lf->slot, sizeof lf->slot,
	                            &err) != CS_OK) {
		char key[APP_KEY_LEN];

		tui_say(t, true, "The drafts cannot be read: %s", err.msg);
		/* Still a slot of its own (the server not answering): one no
		 * numbered slot can be, so it takes nobody's draft. */
		if (app_contact_key(key, &err) == CS_OK)
			snprintf(lf->slot, sizeof lf->slot, "%s-x%.16s", LOG_DRAFT_PREFIX, key);
	}
	if (slot == NULL || !log_draft_load(t, lf))
		start_fresh(t, lf);
	tui_push(t, &log_screen, lf);
}
