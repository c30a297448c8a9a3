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

#include "cslog/store.h"
#include "cslog/tui_drill.h"
#include "cslog/tui_screens.h"

static const struct tui_help_line drill_help[] = {
	{ "1-9", "choose the policy" },
	{ "d, q, a", "drill of scenarios, quiz, item analysis" },
	{ "letters", "find a trainee by name or badge" },
	{ "Space", "pick or unpick a trainee; Enter starts" },
	{ "y, n", "the trainee's answer to the question" },
	{ "Backspace", "back to the previous answer" },
	{ "Enter", "give a quiz answer; on to the next item" },
	{ "Up, Down", "scroll a long text" },
	{ "Left, Right", "more trainees in the results" },
	{ "p", "pause; d on the home screen resumes it" },
	{ "Esc", "back; in a drill: end it (scores are kept)" },
	{ "?", "this help (a quiz answer needs no ?)" },
	{ NULL, NULL },
};

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
	struct store *st = app_store(t->app, &err);

	d->n_people = d->sel = d->top = 0;
	d->find[0] = '\0';
	if (d->people == NULL && (d->people = calloc(DR_MAX_MEMBERS, sizeof *d->people)) == NULL)
		return;
	if (st == NULL || store_member_list(st, keep_person, d, &err) != CS_OK)
		tui_say(t, true, "%s", err.msg);
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
	if (t->me_role == ROLE_MEMBER) {   /* self-study: the member alone */
		d->n_tr = 0;
		add_trainee(d, t->me_id, t->me_badge, t->me_name);
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
	if (ch == 'a' && t->me_role != ROLE_MEMBER) {
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
		d->find[n - 1] = '\0';
		move_sel(d, 0);
	} else if (!fk && ch < 128 && isprint(ch) && n + 1 < sizeof d->find) {
		d->find[n] = (char)ch;
		d->find[n + 1] = '\0';
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

static int
key_resume(struct tui *t, struct drill_ui *d, int ch)
{
	if (ch == 'r') {
		if (dr_resume(t, d) != 0)
			d->step = DR_POLICY;
	} else if (ch == 'n') {
		dr_drop_paused(t);
		to_policy(t, d);
	} else
		return TUI_STAY;
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

	if (!fk && ch == 3)
		return TUI_QUIT;   /* a drill under way is kept as paused */
	if (dr_running(d))
		return dr_key_run(t, d, ch, fk);
	if (!fk && ch == 27)
		return d->step == DR_RESUME || d->step == DR_DONE ? TUI_BACK : step_back(t, d);
	switch (d->step) {
	case DR_RESUME: return fk ? TUI_STAY : key_resume(t, d, ch);
	case DR_POLICY: return fk ? TUI_STAY : key_policy(t, d, ch);
	case DR_MODE: return fk ? TUI_STAY : key_mode(t, d, ch);
	case DR_WHO: return key_who(t, d, ch, fk);
	default: return dr_key_run(t, d, ch, fk);
	}
}

/* Leaving with a drill under way (the terminal locked, the program
 * closed): keep it as paused, so nothing is lost. */
static void
drill_leave(struct tui *t)
{
	struct drill_ui *d = tui_state(t);

	if (!d->ended && dr_running(d) && t->me_id != 0)
		dr_pause(t, d);
	tui_field_done(&d->field);
	curs_set(0);
	free(d->people);
	free(d);
}

static const struct tui_screen drill_screen = {
	"Drills and quizzes", drill_help, drill_draw, drill_key, drill_leave, NULL,
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
