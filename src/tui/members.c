/* members.c - the members, for supervisors: add one, change a role, set
 * or reset a PIN (typed twice, never echoed), clear a member's PIN, end a
 * lockout.  Every action is a use case of the app layer, which decides
 * who may, refuses what must not be (a supervisor's or trainer's PIN
 * cleared, one's own role changed, the last supervisor demoted) and
 * writes the audit trail.  A PIN set here for someone else is a reset:
 * its member chooses their own at the next sign-in (tui_open_own_pin). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/text.h"
#include "tui_screens.h"

#define MEMBERS_MAX 500

/* The prompts of a form, one after the other. */
enum next {
	N_NONE,                                                       /* the list */
	N_ADD_BADGE, N_ADD_NAME, N_ADD_ROLE, N_ADD_PIN, N_ADD_PIN2,   /* adding a member */
	N_PIN, N_PIN2,                                                /* a PIN for one */
};

struct members {
	struct member v[MEMBERS_MAX];
	int n, sel, top;
	enum next step;    /* the prompt on top of the list */
	enum next next;    /* the one after it: set by its answer (Esc leaves N_NONE) */
	char badge[MEMBER_BADGE_MAX + 1];   /* the new member's, or the one acted on */
	char name[MEMBER_NAME_MAX + 1];
	int role;                            /* the new member's; -1: not given yet */
	char pin[80];                        /* the PIN typed once, until typed again */
};

static void
members_clear(struct members *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		record_member_clear(&s->v[i]);
	s->n = 0;
}

static int
keep(void *ctx, const struct member *m)
{
	struct members *s = ctx;

	if (s->n >= MEMBERS_MAX || record_member_copy(&s->v[s->n], m) != 0)
		return 1;
	s->n++;
	return 0;
}

static void
load(struct tui *t, struct members *s)
{
	struct cs_err err = { 0 };

	members_clear(s);
	if (app_member_list(t->app, &t->me, keep, s, &err) != CS_OK)
		tui_say(t, true, "The members cannot be read: %s", err.msg);
	if (s->sel >= s->n)
		s->sel = s->n > 0 ? s->n - 1 : 0;
}

static const struct member *
chosen(struct tui *t)
{
	struct members *s = tui_state(t);

	return s->n > 0 ? &s->v[s->sel] : NULL;
}

/* The chosen member's badge (a key that needs one is offered only when
 * there is one). */
static const char *
chosen_badge(struct tui *t)
{
	const struct member *m = chosen(t);

	return m != NULL ? m->badge : "";
}

static bool
locked(struct tui *t, const struct member *m)
{
	return m->failed_pins > 0 || m->locked_until > app_now(t->app);
}

/* ---- drawing ----------------------------------------------------------- */

static void
pad(char *out, size_t len, const char *text, int cols)
{
	int w;

	text_fit_marked(text, cols, out, len);
	for (w = text_width(out); w < cols && strlen(out) + 1 < len; w++)
		strcat(out, " ");
}

static void
members_draw(struct tui *t)
{
	struct members *s = tui_state(t);
	const struct member *m;
	char badge[64], name[400], line[600], when[32];
	int i, rows = LINES - 6, a;

	tui_title(t, "cslog — members", NULL);
	tui_text(1, 0, COLS, " BADGE      NAME                         ROLE        PIN     ACCOUNT",
	         A_UNDERLINE);
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + rows)
		s->top = s->sel - rows + 1;
	for (i = 0; i < rows && s->top + i < s->n; i++) {
		m = &s->v[s->top + i];
		a = s->top + i == s->sel ? tui_attr(t, PAIR_SELECT) : 0;
		pad(badge, sizeof badge, m->badge, 10);
		pad(name, sizeof name, m->name, 28);
		if (m->locked_until > app_now(t->app)) {
			app_time_local(m->locked_until, when, sizeof when);
			snprintf(line, sizeof line, " %s %s %-11s %-7s locked until %s", badge, name,
			         record_role_name(m->role), !m->has_pin ? "none" : m->pin_reset ?
			         "reset" : "set", when + 11);
		} else {
			snprintf(line, sizeof line, " %s %s %-11s %-7s %s", badge, name,
			         record_role_name(m->role), !m->has_pin ? "none" : m->pin_reset ?
			         "reset" : "set", m->failed_pins > 0 ? "wrong PINs" : "");
		}
		if (a != 0) {
			attron(a);
			mvhline(2 + i, 0, ' ', COLS);
			attroff(a);
		}
		tui_text(2 + i, 0, COLS, line, a);
	}
	if (s->n > 0) {
		m = &s->v[s->sel];
		snprintf(line, sizeof line, "%s (%s): %s%s", m->name, m->badge,
		         !m->has_pin ? "no PIN" : m->pin_reset ? "a PIN set by a supervisor, to be "
		         "changed at the next sign-in" : "a PIN of their own",
		         m->id == t->me.id ? " — you" : "");
		tui_wrap(LINES - 4, 1, COLS - 2, 2, line, tui_attr(t, PAIR_DIM));
	}
	tui_keybar(t);
}

/* ---- the prompts, one after the other ----------------------------------
 * Adding a member: badge, name, role, then for all but a member a PIN
 * typed twice.  What each refuses is refused at its own prompt; after a
 * refusal the form goes on with what was typed (a PIN refused or two
 * that differ: the PIN is asked again, empty; the member not added: the
 * form again from the badge, each answer as typed).  Esc: back to the
 * list, nothing kept. */

static void
forget_pin(struct members *s)
{
	memset(s->pin, 0, sizeof s->pin);
}

static int
badge_done(struct tui *t, void *ctx, const char *text)
{
	struct members *s = ctx;
	const char *why = tui_badge_refusal(text);
	int i;

	if (why != NULL) {
		tui_say(t, true, "%s", why);
		return 1;
	}
	for (i = 0; i < s->n; i++) {
		if (strcmp(s->v[i].badge, text) == 0) {
			tui_say(t, true, "%s is %s's badge already.", s->v[i].badge, s->v[i].name);
			return 1;
		}
	}
	snprintf(s->badge, sizeof s->badge, "%s", text);
	s->next = N_ADD_NAME;
	return 0;
}

static int
name_done(struct tui *t, void *ctx, const char *text)
{
	struct members *s = ctx;

	(void)t;
	snprintf(s->name, sizeof s->name, "%s", text);
	s->next = N_ADD_ROLE;
	return 0;
}

/* "m", "s", "t", "e" or the role's name. */
static int
parse_role(const char *text)
{
	const char *p = text + strspn(text, " ");

	if (strlen(p) == 1)
		return *p == 'm' ? ROLE_MEMBER : *p == 's' ? ROLE_SUPERVISOR :
		       *p == 't' ? ROLE_TRAINER : *p == 'e' ? ROLE_EVALUATOR : -1;
	return record_role_parse(p);
}

/* Not added: the form again from the badge, as typed. */
static void
add_now(struct tui *t, struct members *s, const char *pin)
{
	struct cs_err err = { 0 };
	int64_t id = 0;

	if (app_member_add(t->app, &t->me, s->badge, s->name, s->role, pin, &id, &err) != CS_OK) {
		tui_say(t, true, "Not added: %s", err.msg);
		s->next = N_ADD_BADGE;
		return;
	}
	tui_say(t, false, "%s (%s) is %s %s now.", s->name, s->badge,
	        s->role == ROLE_EVALUATOR ? "an" : "a", record_role_name((enum member_role)s->role));
}

static int
role_done(struct tui *t, void *ctx, const char *text)
{
	struct members *s = ctx;
	int r = parse_role(text);

	if (r < 0) {
		tui_say(t, true, "m, s, t or e: member, supervisor, trainer or evaluator.");
		return 1;
	}
	s->role = r;
	/* A member may have no PIN (p sets one later); the others must. */
	if (r == ROLE_MEMBER)
		add_now(t, s, NULL);
	else
		s->next = N_ADD_PIN;
	return 0;
}

static int
pin1_done(struct tui *t, void *ctx, const char *text)
{
	struct members *s = ctx;
	const char *why = tui_pin_refusal(text);

	if (why != NULL) {   /* asked again, empty */
		tui_say(t, true, "%s", why);
		s->next = s->step;
		return 0;
	}
	snprintf(s->pin, sizeof s->pin, "%s", text);
	s->next = s->step == N_ADD_PIN ? N_ADD_PIN2 : N_PIN2;
	return 0;
}

static int
pin2_done(struct tui *t, void *ctx, const char *text)
{
	struct members *s = ctx;
	struct cs_err err = { 0 };

	if (strcmp(text, s->pin) != 0) {
		forget_pin(s);
		tui_say(t, true, "The two PINs differ: type the PIN again.");
		s->next = s->step == N_ADD_PIN2 ? N_ADD_PIN : N_PIN;
		return 0;
	}
	if (s->step == N_ADD_PIN2)
		add_now(t, s, s->pin);
	else if (app_member_set_pin(t->app, &t->me, s->badge, s->pin, &err) != CS_OK)
		tui_say(t, true, "The PIN was not set: %s", err.msg);
	else
		tui_say(t, false, "%s's PIN is set%s.", s->badge, strcmp(s->badge, t->me.badge) == 0 ?
		        "" : ": they choose their own at their next sign-in");
	forget_pin(s);
	return 0;   /* what went wrong is said */
}

static int
new_role_done(struct tui *t, void *ctx, const char *text)
{
	struct members *s = ctx;
	struct cs_err err = { 0 };
	int r = parse_role(text);

	if (r < 0) {
		tui_say(t, true, "m, s, t or e: member, supervisor, trainer or evaluator.");
		return 1;
	}
	if (app_member_set_role(t->app, &t->me, s->badge, r, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return 0;
	}
	tui_say(t, false, "%s is %s %s now.", s->badge, r == ROLE_EVALUATOR ? "an" : "a",
	        record_role_name((enum member_role)r));
	return 0;
}

static void
ask_pin(struct tui *t, struct members *s, bool again)
{
	char q[160];

	snprintf(q, sizeof q, again ? "The same PIN for %s again:" : "A PIN for %s (4 to 64 "
	         "characters; it is not shown):", s->badge);
	tui_prompt_pin(t, again ? "PIN, again" : "PIN", q, again ? pin2_done : pin1_done, s);
}

/* Step n of a form, from what was typed for it before. */
static void
ask(struct tui *t, struct members *s, enum next n)
{
	struct tui_prompt_spec badge_spec = {
		"Add a member", "Their badge (unique, no spaces; they sign in with it):", s->badge,
		MEMBER_BADGE_MAX, false, true,
	};
	struct tui_prompt_spec name_spec = {
		"Add a member", "Their name, as it should appear:", s->name, MEMBER_NAME_MAX, false,
		true,
	};
	struct tui_prompt_spec role_spec = {
		"Add a member", "Their role: m member, s supervisor, t trainer, e evaluator (only "
		"secret-shopper evaluations); all but a member must have a PIN:", s->role < 0 ? NULL :
		record_role_name((enum member_role)s->role), 16, false, true,
	};

	s->step = n;
	s->next = N_NONE;
	switch (n) {
	case N_ADD_BADGE: tui_prompt(t, &badge_spec, badge_done, s); break;
	case N_ADD_NAME: tui_prompt(t, &name_spec, name_done, s); break;
	case N_ADD_ROLE: tui_prompt(t, &role_spec, role_done, s); break;
	case N_ADD_PIN: case N_PIN: ask_pin(t, s, false); break;
	case N_ADD_PIN2: case N_PIN2: ask_pin(t, s, true); break;
	case N_NONE: break;
	}
}

/* Back from a prompt: the next one, or the list as it now is. */
static void
members_resume(struct tui *t)
{
	struct members *s = tui_state(t);

	if (s->next != N_NONE) {
		ask(t, s, s->next);
		return;
	}
	s->step = N_NONE;
	forget_pin(s);   /* Esc on a prompt: nothing half done is kept */
	load(t, s);
}

/* ---- keys ------------------------------------------------------------- */

static bool
any(struct tui *t)
{
	return chosen(t) != NULL;
}

/* Another member's role (nobody changes their own). */
static bool
other(struct tui *t)
{
	const struct member *m = chosen(t);

	return m != NULL && m->id != t->me.id;
}

static bool
is_locked(struct tui *t)
{
	const struct member *m = chosen(t);

	return m != NULL && locked(t, m);
}

/* Only a member's PIN may be cleared. */
static bool
clearable(struct tui *t)
{
	const struct member *m = chosen(t);

	return m != NULL && m->role == ROLE_MEMBER && m->has_pin;
}

static int
k_move(struct tui *t, int ch)
{
	struct members *s = tui_state(t);

	if ((ch == KEY_DOWN || ch == 'j') && s->sel + 1 < s->n)
		s->sel++;
	else if ((ch == KEY_UP || ch == 'k') && s->sel > 0)
		s->sel--;
	return TUI_REDRAW;
}

static int
k_add(struct tui *t, int ch)
{
	struct members *s = tui_state(t);

	(void)ch;
	s->badge[0] = s->name[0] = '\0';
	s->role = -1;
	ask(t, s, N_ADD_BADGE);
	return TUI_REDRAW;
}

static int
k_pin(struct tui *t, int ch)
{
	struct members *s = tui_state(t);

	(void)ch;
	snprintf(s->badge, sizeof s->badge, "%s", chosen_badge(t));
	ask(t, s, N_PIN);
	return TUI_REDRAW;
}

static int
k_role(struct tui *t, int ch)
{
	struct members *s = tui_state(t);
	struct tui_prompt_spec spec = {
		"Change the role", "The new role: m member, s supervisor, t trainer, e evaluator:",
		NULL, 16,
		false, true,
	};

	(void)ch;
	snprintf(s->badge, sizeof s->badge, "%s", chosen_badge(t));
	tui_prompt(t, &spec, new_role_done, s);
	return TUI_REDRAW;
}

static int
k_unlock(struct tui *t, int ch)
{
	struct members *s = tui_state(t);
	struct cs_err err = { 0 };

	(void)ch;
	if (app_member_unlock(t->app, &t->me, chosen_badge(t), &err) != CS_OK)
		tui_say(t, true, "%s", err.msg);
	else
		tui_say(t, false, "%s may sign in again.", chosen_badge(t));
	load(t, s);
	return TUI_REDRAW;
}

static int
k_clear(struct tui *t, int ch)
{
	struct members *s = tui_state(t);
	struct cs_err err = { 0 };

	(void)ch;
	if (app_member_set_pin(t->app, &t->me, chosen_badge(t), NULL, &err) != CS_OK)
		tui_say(t, true, "%s", err.msg);
	else
		tui_say(t, false, "%s signs in without a PIN now.", chosen_badge(t));
	load(t, s);
	return TUI_REDRAW;
}

static int
k_back(struct tui *t, int ch)
{
	(void)t;
	(void)ch;
	return TUI_BACK;
}

static const struct tui_key members_keys[] = {
	{ TUI_FKEY(KEY_DOWN), 'j', "Up/Down", NULL, "choose a member", -1, any, k_move, NULL },
	{ TUI_FKEY(KEY_UP), 'k', "Up", NULL, NULL, -1, any, k_move, NULL },
	{ 'a', 0, "a", "add", "add a member: badge, name, role, and a PIN for a supervisor or"
	  " trainer (typed twice)", APP_MEMBER_ADD, NULL, k_add, NULL },
	{ 'r', 0, "r", "role", "change the member's role (not your own; the last supervisor"
	  " stays one)", APP_MEMBER_ADD, other, k_role, NULL },
	{ 'p', 0, "p", "PIN", "set or reset the PIN, typed twice and never shown; one set for"
	  " someone else is changed by them at their next sign-in", APP_MEMBER_PIN, any, k_pin,
	  NULL },
	{ 'x', 0, "x", "clear PIN", "clear a member's PIN (a supervisor's or trainer's stays)",
	  APP_MEMBER_PIN, clearable, k_clear, NULL },
	{ 'u', 0, "u", "unlock", "end the lockout after wrong PINs", APP_MEMBER_ADD, is_locked,
	  k_unlock, NULL },
	{ 'q', 0, "Esc", "back", "back to home (q too)", -1, NULL, k_back, NULL },
	{ .name = NULL },
};

static void
members_leave(struct tui *t)
{
	struct members *s = tui_state(t);

	forget_pin(s);
	members_clear(s);
	free(s);
}

static const struct tui_screen members_screen = {
	.title = "Members", .keys = members_keys, .draw = members_draw,
	.leave = members_leave, .resume = members_resume,
	.notes = "Every change here is recorded in the audit trail under your name.  PIN: set"
	" (their own), reset (set by a supervisor, to be changed at their next sign-in), none.",
};

void
tui_open_members(struct tui *t)
{
	struct members *s = calloc(1, sizeof *s);

	if (s == NULL)
		return;
	tui_push(t, &members_screen, s);
	load(t, s);
}
