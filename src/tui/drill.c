/* drill.c - the trainer's drill screen: a policy, then a drill of
 * scenarios or the quiz (or the item analysis), then the members present
 * (one or a group, found by typing part of a name or badge); the drill
 * itself runs in drill_run.c.  A drill left unfinished (the terminal
 * locked, the program closed) is kept as a paused one. */
#include <curses.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <limits.h>

#include "cslog/app_drill.h"
#include "tui_drill.h"
#include "tui_screens.h"

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

	d->n_people = d->sel = d->top = 0;
	d->find[0] = '\0';
	if (d->people == NULL && (d->people = calloc(DR_MAX_MEMBERS, sizeof *d->people)) == NULL)
		return;
	if (app_drill_trainees(t->app, &t->me, keep_person, d, &err) != CS_OK)
		tui_say(t, true, "The members cannot be read: %s", err.msg);
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

static void
after_mode(struct tui *t, struct drill_ui *d)
{
	if (app_scope_of(&t->me, APP_DRILL_RUN) == SCOPE_OWN) {   /* self-study: alone */
		d->n_tr = 0;
		add_trainee(d, t->me.id, t->me.badge, t->me.name);
		dr_begin(t, d);
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
	if (ch == 'a' && app_scope_of(&t->me, APP_DRILL_READ) == SCOPE_ALL) {
		dr_open_stats(t, d->p);
		return TUI_REDRAW;
	}
	if (ch != 'd' && ch != 'q')
		return TUI_STAY;
	d->quiz = ch == 'q';
	after_mode(t, d);
	return TUI_REDRAW;
}

/* ---- who is here ------------------------------------------------------ */

bool
dr_shown(const struct drill_ui *d, int i)
{
	const char *f = d->find;
	const char *name = d->people[i].name;
	size_t n = strlen(f), k;

	if (n == 0 || strncasecmp(d->people[i].badge, f, n) == 0)
		return true;
	for (k = 0; name[k] != '\0'; k++)
		if ((k == 0 || name[k - 1] == ' ') && strncasecmp(name + k, f, n) == 0)
			return true;
	return false;
}

/* Move the selection to the next shown person in direction dir (+1,
 * -1), or onto the first shown one when the selection is hidden. */
static void
move_sel(struct drill_ui *d, int dir)
{
	int i;

	for (i = d->sel + dir; dir != 0 && i >= 0 && i < d->n_people; i += dir)
		if (dr_shown(d, i)) {
			d->sel = i;
			return;
		}
	if (d->sel < d->n_people && dr_shown(d, d->sel))
		return;
	for (i = 0; i < d->n_people; i++)
		if (dr_shown(d, i)) {
			d->sel = i;
			return;
		}
}

static int
start_group(struct tui *t, struct drill_ui *d)
{
	int i;

	d->n_tr = 0;
	for (i = 0; i < d->n_people; i++)
		if (d->people[i].picked)
			add_trainee(d, d->people[i].id, d->people[i].badge, d->people[i].name);
	if (d->n_tr == 0) {
		tui_say(t, true, "Pick at least one trainee with Space.");
		return TUI_REDRAW;
	}
	dr_begin(t, d);
	return TUI_REDRAW;
}

static int
pick(struct tui *t, struct drill_ui *d)
{
	int i, picked = 0;

	if (d->n_people == 0 || !dr_shown(d, d->sel))
		return TUI_STAY;
	for (i = 0; i < d->n_people; i++)
		picked += d->people[i].picked;
	if (!d->people[d->sel].picked && picked >= DR_MAX_TRAINEES) {
		tui_say(t, true, "A group has at most %d trainees.", DR_MAX_TRAINEES);
		return TUI_REDRAW;
	}
	d->people[d->sel].picked = !d->people[d->sel].picked;
	return TUI_REDRAW;
}

static int
key_who(struct tui *t, struct drill_ui *d, int ch, bool fk)
{
	size_t n = strlen(d->find);

	if (fk && (ch == KEY_DOWN || ch == KEY_UP))
		move_sel(d, ch == KEY_DOWN ? 1 : -1);
	else if (!fk && ch == ' ')
		return pick(t, d);
	else if (tui_is_enter(ch, fk))
		return start_group(t, d);
	else if (tui_is_backspace(ch, fk) && n > 0) {
		while (n > 1 && ((unsigned char)d->find[n - 1] & 0xC0) == 0x80)
			n--;   /* a whole character */
		d->find[n - 1] = '\0';
		move_sel(d, 0);
	} else if (!fk && (ch == 21 || ch == 23)) {   /* Ctrl-U, Ctrl-W: start again */
		d->find[0] = '\0';
		move_sel(d, 0);
	} else if (!fk && (ch >= 128 || isprint(ch)) && n + MB_LEN_MAX < sizeof d->find) {
		mbstate_t ps;
		size_t k;
		memset(&ps, 0, sizeof ps);
		k = wcrtomb(d->find + n, (wchar_t)ch, &ps);
		d->find[k == (size_t)-1 ? n : n + k] = '\0';
		move_sel(d, 0);
	} else
		return TUI_STAY;
	return TUI_REDRAW;
}

/* ---- the screen ------------------------------------------------------- */

static void
drill_draw(struct tui *t)
{
	dr_draw(t, tui_state(t));
}

/* On to choosing the policy; with only one loaded, straight past it. */
static void
to_policy(struct tui *t, struct drill_ui *d)
{
	d->step = DR_POLICY;
	if (t->app->policies.n == 1) {
		d->p = t->app->policies.items[0];
		d->step = DR_MODE;
	}
}

/* The paused drills: Enter (or its number) resumes one, x drops one
 * (after a y), n starts a new drill and keeps them all. */
static int
key_resume(struct tui *t, struct drill_ui *d, int ch, bool fk)
{
	if (d->confirm_drop) {
		d->confirm_drop = false;
		if (!fk && ch == 'y') {
			dr_drop_paused(t, d->paused[d->psel].slot);
			if (!dr_paused(t, d))
				to_policy(t, d);
		}
		return TUI_REDRAW;
	}
	if (fk && ch == KEY_DOWN && d->psel + 1 < d->n_paused)
		d->psel++;
	else if (fk && ch == KEY_UP && d->psel > 0)
		d->psel--;
	else if (!fk && ch >= '1' && ch < '1' + d->n_paused)
		d->psel = ch - '1', ch = '\r';
	if (tui_is_enter(ch, fk) || (!fk && ch == 'r')) {
		if (dr_resume(t, d, d->psel) != 0)
			to_policy(t, d);
	} else if (!fk && ch == 'n') {
		to_policy(t, d);
	} else if (!fk && ch == 'x') {
		d->confirm_drop = true;
	}
	return TUI_REDRAW;
}

/* Esc before the drill starts: one step back. */
static int
step_back(struct tui *t, struct drill_ui *d)
{
	if (d->step == DR_WHO && d->find[0] != '\0') {
		d->find[0] = '\0';
		return TUI_REDRAW;
	}
	if (d->step == DR_WHO) {
		d->step = DR_MODE;
		return TUI_REDRAW;
	}
	if (d->step == DR_MODE && t->app->policies.n > 1) {
		d->step = DR_POLICY;
		return TUI_REDRAW;
	}
	return TUI_BACK;
}

static int
drill_key(struct tui *t, int ch, bool fk)
{
	struct drill_ui *d = tui_state(t);

	if (dr_running(d))
		return dr_key_run(t, d, ch, fk);
	switch (d->step) {
	case DR_RESUME: return key_resume(t, d, ch, fk);
	case DR_POLICY: return fk ? TUI_STAY : key_policy(t, d, ch);
	case DR_MODE: return fk ? TUI_STAY : key_mode(t, d, ch);
	case DR_WHO: return key_who(t, d, ch, fk);
	default: return dr_key_run(t, d, ch, fk);
	}
}

static int
drill_esc(struct tui *t)
{
	struct drill_ui *d = tui_state(t);

	if (dr_running(d) || d->step == DR_DONE)
		return dr_esc_run(t, d);
	return d->step == DR_RESUME ? TUI_BACK : step_back(t, d);
}

/* ---- the keys of each step ------------------------------------------- */

static struct drill_ui *
ui(struct tui *t)
{
	return tui_state(t);
}

static bool
asking_end(struct tui *t)
{
	return ui(t)->confirm_end;
}

#define STEP(name, cond) static bool name(struct tui *t) { \
	const struct drill_ui *d = ui(t); return !d->confirm_end && (cond); }
STEP(on_resume, d->step == DR_RESUME && !d->confirm_drop)
STEP(asking_drop, d->step == DR_RESUME && d->confirm_drop)
STEP(on_policy, d->step == DR_POLICY)
STEP(on_mode, d->step == DR_MODE)
STEP(on_who, d->step == DR_WHO)
STEP(on_answer, d->step == DR_ANSWER)
STEP(on_result, d->step == DR_RESULT || d->step == DR_QUIZ_RESULT)
STEP(on_quiz, d->step == DR_QUIZ)
STEP(on_done, d->step == DR_DONE)
STEP(on_group_result, d->step == DR_RESULT && d->n_tr > 1)
STEP(running, d->step >= DR_ANSWER && d->step <= DR_QUIZ_RESULT)
STEP(before, d->step <= DR_WHO)
STEP(scrolls, d->step >= DR_ANSWER && d->lines.n > LINES - 6)
#undef STEP

static bool
analysis(struct tui *t)
{
	return on_mode(t) && app_scope_of(&t->me, APP_DRILL_READ) == SCOPE_ALL;
}

static bool
typing(struct tui *t)
{
	return on_quiz(t) || on_who(t);
}

static void
start_label(struct tui *t, char *buf, size_t len)
{
	const struct drill_ui *d = ui(t);
	int i, n = 0;

	for (i = 0; i < d->n_people; i++)
		n += d->people[i].picked;
	snprintf(buf, len, "start (%d)", n);
}

static void
next_label(struct tui *t, char *buf, size_t len)
{
	const struct drill_ui *d = ui(t);

	snprintf(buf, len, "%s", d->pos + 1 >= d->n_order ? "see the scores" :
	         d->quiz ? "next quiz item" : "next scenario");
}

/* The steps decide (drill_key); this table says what each offers. */
static const struct tui_key drill_keys[] = {
	{ .name = "Enter, 1-9", .label = "resume", .help = "resume the paused drill chosen"
	  " (Up/Down), or the one of that number", .op = -1, .when = on_resume },
	{ .name = "n", .label = "new drill", .help = "start a new drill (the paused ones are"
	  " kept)", .op = -1, .when = on_resume },
	{ .name = "x", .label = "drop", .help = "drop the paused drill chosen (it asks first;"
	  " what was scored is kept)", .op = -1, .when = on_resume },
	{ .name = "Drop it?", .label = "", .op = -1, .when = asking_drop },
	{ .name = "y", .label = "drop it", .help = "drop the paused drill chosen", .op = -1,
	  .when = asking_drop },
	{ .name = "any other key", .label = "keep it", .help = "keep it", .op = -1,
	  .when = asking_drop },
	{ .name = "1-9", .label = "choose the policy", .help = "choose the policy", .op = -1,
	  .when = on_policy },
	{ .name = "d", .label = "drill", .help = "a drill of scenarios: each trainee answers"
	  " the questions", .op = -1, .when = on_mode },
	{ .name = "q", .label = "quiz", .help = "the quiz: each trainee types an answer",
	  .op = -1, .when = on_mode },
	{ .name = "a", .label = "item analysis", .help = "item analysis: what members miss, and"
	  " what misleads", .op = -1, .when = analysis },
	{ .name = "type", .label = "to find", .help = "find a trainee by part of a name or"
	  " badge; Backspace takes back a letter, Ctrl-U all of them", .op = -1, .when = on_who },
	{ .name = "Up/Down", .label = "move", .help = "move in the list", .op = -1,
	  .when = on_who },
	{ .name = "Space", .label = "pick", .help = "pick or unpick a trainee", .op = -1,
	  .when = on_who },
	{ .name = "Enter", .label = "start", .help = "start with those picked", .op = -1,
	  .when = on_who, .label_now = start_label },
	{ .name = "y", .label = "yes", .help = "the trainee's answer: yes", .op = -1,
	  .when = on_answer },
	{ .name = "n", .label = "no", .help = "the trainee's answer: no", .op = -1,
	  .when = on_answer },
	{ .name = "Backspace", .label = "previous answer", .help = "back to the previous"
	  " answer", .op = -1, .when = on_answer },
	{ .name = "type", .help = "the trainee's answer (a quiz answer may hold '?': F1 is"
	  " the help here)", .op = -1, .when = on_quiz },
	{ .name = "Enter", .label = "give it", .help = "give the quiz answer", .op = -1,
	  .when = on_quiz },
	{ .name = "Enter", .label = "next", .help = "on to the next item (after the last: the"
	  " scores)", .op = -1, .when = on_result, .label_now = next_label },
	{ .name = "Left/Right", .label = "trainees", .help = "more trainees in the results",
	  .op = -1, .when = on_group_result },
	{ .name = "Up/Down", .label = "more text", .help = "scroll a long text", .op = -1,
	  .when = scrolls },
	{ .name = "p", .label = "pause", .help = "pause the drill: d on the home screen resumes"
	  " it", .op = -1, .when = running },
	{ .name = "Esc", .label = "end", .help = "end the drill (it asks first; what was scored"
	  " is kept)", .op = -1, .when = running },
	{ .name = "End the drill?", .label = "", .op = -1, .when = asking_end },
	{ .name = "y", .label = "end it (what was scored is kept)", .help = "end the drill"
	  " (what was scored is kept)", .op = -1, .when = asking_end },
	{ .name = "p", .label = "pause it", .help = "pause it for later", .op = -1,
	  .when = asking_end },
	{ .name = "n", .label = "go on", .help = "go on with the drill", .op = -1,
	  .when = asking_end },
	{ .name = "Enter", .label = "back to home", .help = "back to home", .op = -1,
	  .when = on_done },
	{ .name = "Esc", .label = "back", .help = "one step back", .op = -1, .when = before },
	{ .name = NULL },
};

/* Leaving with a drill under way (the terminal locked, the program
 * closed): keep it as paused, so nothing is lost. */
static void
drill_leave(struct tui *t)
{
	struct drill_ui *d = tui_state(t);

	if (!d->ended && dr_running(d) && t->me.id != 0)
		dr_pause(t, d);
	tui_field_done(&d->field);
	curs_set(0);
	free(d->people);
	free(d);
}

static const struct tui_screen drill_screen = {
	.title = "Drills and quizzes", .keys = drill_keys, .draw = drill_draw, .key = drill_key,
	.typing = typing, .esc = drill_esc, .leave = drill_leave,
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
	tui_field_init(&d->field, DR_TYPED_MAX - 1, false);
	if (dr_paused(t, d))
		d->step = DR_RESUME;
	else
		to_policy(t, d);
	tui_push(t, &drill_screen, d);
}
