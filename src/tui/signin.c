/* signin.c - the first run (create the first supervisor) and sign-in. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/store.h"
#include "cslog/tui_field.h"
#include "cslog/tui_screens.h"

#define MATCH_MAX 10

/* ---- first run ---------------------------------------------------- */

enum { FR_NAME, FR_BADGE, FR_PIN, FR_PIN2, FR_N };
static const char *const fr_labels[FR_N] = { "Your name", "Badge", "PIN", "PIN again" };

struct first_run {
	struct tui_field f[FR_N];
	int at;
};

static const struct tui_help_line fr_help[] = {
	{ "Enter, Tab", "next field; on the last, create the supervisor" },
	{ "Up, Shift-Tab", "previous field" },
	{ "Ctrl-C", "leave without creating anyone" },
	{ NULL, NULL },
};

static void
fr_draw(struct tui *t)
{
	struct first_run *s = tui_state(t);
	int i;

	tui_title(t, "cslog — first run", NULL);
	tui_text(2, 2, COLS - 4, "Welcome.  This database is empty: create the first supervisor.", A_BOLD);
	tui_text(3, 2, COLS - 4, "Supervisors review the log; they need a PIN of 4 or more characters.", 0);
	for (i = 0; i < FR_N; i++)
		tui_text(6 + 2 * i, 4, 12, fr_labels[i], i == s->at ? A_BOLD : 0);
	tui_keybar(t, "Enter next  Up previous  ? help  Ctrl-C quit");
	for (i = 0; i < FR_N; i++) {
		if (i != s->at)
			tui_field_draw(t, &s->f[i], 6 + 2 * i, 18, 1, 40);
	}
	tui_field_draw(t, &s->f[s->at], 6 + 2 * s->at, 18, 1, 40);
}

static int
fr_create(struct tui *t, struct first_run *s)
{
	struct cs_err err = { 0 };
	int64_t id = 0;

	if (strcmp(s->f[FR_PIN].text, s->f[FR_PIN2].text) != 0) {
		tui_say(t, true, "The two PINs differ; type them again.");
		tui_field_set(&s->f[FR_PIN], "");
		tui_field_set(&s->f[FR_PIN2], "");
		s->at = FR_PIN;
		return TUI_REDRAW;
	}
	if (strlen(s->f[FR_PIN].text) < 4) {
		tui_say(t, true, "A PIN has at least 4 characters.");
		s->at = FR_PIN;
		return TUI_REDRAW;
	}
	if (app_member_add(t->app, 0, s->f[FR_BADGE].text, s->f[FR_NAME].text,
	    ROLE_SUPERVISOR, s->f[FR_PIN].text, &id, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return TUI_REDRAW;
	}
	t->me_id = id;
	t->me_role = ROLE_SUPERVISOR;
	snprintf(t->me_badge, sizeof t->me_badge, "%s", s->f[FR_BADGE].text);
	snprintf(t->me_name, sizeof t->me_name, "%s", s->f[FR_NAME].text);
	t->me_policy[0] = '\0';
	tui_say(t, false, "Supervisor %s created.  Add members with 'cslog member add'.", t->me_badge);
	tui_pop_all(t);
	tui_open_home(t);
	return TUI_REDRAW;
}

static int
fr_key(struct tui *t, int ch, bool fk)
{
	struct first_run *s = tui_state(t);

	if ((!fk && (ch == '\r' || ch == '\t')) || (fk && ch == KEY_ENTER)) {
		if (s->f[s->at].len == 0) {
			tui_say(t, true, "%s is needed.", fr_labels[s->at]);
			return TUI_REDRAW;
		}
		if (s->at == FR_N - 1)
			return fr_create(t, s);
		s->at++;
		return TUI_REDRAW;
	}
	if (fk && (ch == KEY_UP || ch == KEY_BTAB)) {
		if (s->at > 0)
			s->at--;
		return TUI_REDRAW;
	}
	if (!fk && ch == 3)
		return TUI_QUIT;
	tui_field_key(&s->f[s->at], ch, fk);
	return TUI_REDRAW;
}

static void
fr_leave(struct tui *t)
{
	struct first_run *s = tui_state(t);
	int i;

	for (i = 0; i < FR_N; i++)
		tui_field_done(&s->f[i]);
	free(s);
}

static const struct tui_screen first_run_screen = {
	"First run", fr_help, fr_draw, fr_key, fr_leave, NULL,
};

static void
open_first_run(struct tui *t)
{
	struct first_run *s = calloc(1, sizeof *s);
	int i;

	if (s == NULL)
		return;
	tui_field_init(&s->f[FR_NAME], MEMBER_NAME_MAX, false);
	tui_field_init(&s->f[FR_BADGE], MEMBER_BADGE_MAX, false);
	tui_field_init(&s->f[FR_PIN], 64, false);
	tui_field_init(&s->f[FR_PIN2], 64, false);
	for (i = FR_PIN; i <= FR_PIN2; i++)
		s->f[i].secret = true;
	tui_push(t, &first_run_screen, s);
}

/* ---- sign-in ------------------------------------------------------ */

struct signin {
	struct tui_field who;
	struct tui_field pin;
	struct member match[MATCH_MAX];
	int n, sel;
	bool asking_pin;
};

static const struct tui_help_line si_help[] = {
	{ "type", "part of your name or badge" },
	{ "Up, Down", "choose among the matches" },
	{ "Enter", "sign in as the one chosen (then your PIN, if you have one)" },
	{ "Esc", "back from the PIN to the name" },
	{ "Ctrl-C", "leave cslog" },
	{ NULL, NULL },
};

static void
si_clear(struct signin *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		record_member_clear(&s->match[i]);
	s->n = 0;
}

static int
si_collect(void *ctx, const struct member *m)
{
	struct signin *s = ctx;

	if (s->n >= MATCH_MAX || record_member_copy(&s->match[s->n], m) != 0)
		return 1;
	s->n++;
	return 0;
}

static void
si_search(struct tui *t, struct signin *s)
{
	struct cs_err err = { 0 };
	struct store *st = app_store(t->app, &err);

	si_clear(s);
	s->sel = 0;
	if (st == NULL || store_member_search(st, s->who.text, MATCH_MAX, si_collect, s,
	    &err) != CS_OK)
		tui_say(t, true, "%s", err.msg);
}

static void
si_draw(struct tui *t)
{
	struct signin *s = tui_state(t);
	char line[300];
	int i;

	tui_title(t, "cslog — sign in", NULL);
	tui_text(2, 2, COLS - 4, "Who are you?  Type part of your name or badge.", A_BOLD);
	for (i = 0; i < s->n; i++) {
		snprintf(line, sizeof line, "%-10s %-40s %s", s->match[i].badge, s->match[i].name,
		    record_role_name(s->match[i].role));
		tui_text(6 + i, 4, COLS - 8, line, i == s->sel ? tui_attr(t, PAIR_SELECT) : 0);
	}
	if (s->n == 0 && s->who.len > 0)
		tui_text(6, 4, COLS - 8, "No member matches.", 0);
	if (s->asking_pin) {
		snprintf(line, sizeof line, "PIN for %s:", s->match[s->sel].badge);
		tui_text(18, 2, 30, line, A_BOLD);
		tui_keybar(t, "Enter sign in  Esc back  ? help  Ctrl-C quit");
		tui_field_draw(t, &s->pin, 18, 32, 1, 30);
		return;
	}
	tui_keybar(t, "Enter sign in  Up/Down choose  ? help  Ctrl-C quit");
	tui_text(4, 2, 8, "Name:", 0);
	tui_field_draw(t, &s->who, 4, 10, 1, 40);
}

static void
si_enter(struct tui *t, const struct member *m)
{
	t->me_id = m->id;
	t->me_role = m->role;
	snprintf(t->me_badge, sizeof t->me_badge, "%s", m->badge);
	snprintf(t->me_name, sizeof t->me_name, "%s", m->name);
	snprintf(t->me_policy, sizeof t->me_policy, "%s", m->last_policy ? m->last_policy : "");
	tui_pop_all(t);
	tui_open_home(t);
}

static int
si_check_pin(struct tui *t, struct signin *s)
{
	struct cs_err err = { 0 };
	struct pin_result res;
	const struct member *m = &s->match[s->sel];
	char until[32];

	if (app_sign_in(t->app, m->id, s->pin.text, &res, &err) != CS_OK) {
		tui_say(t, true, "%s", err.msg);
		return TUI_REDRAW;
	}
	tui_field_set(&s->pin, "");
	if (res.check == PIN_OK) {
		si_enter(t, m);
		return TUI_REDRAW;
	}
	if (res.check == PIN_LOCKED) {
		app_time_local(res.locked_until, until, sizeof until);
		tui_say(t, true, "Too many wrong PINs: %s is locked until %s.", m->badge, until);
		s->asking_pin = false;
	} else {
		tui_say(t, true, "Wrong PIN.  %d more tries before a 5-minute lock.",
		    res.attempts_left);
	}
	return TUI_REDRAW;
}

static int
si_key(struct tui *t, int ch, bool fk)
{
	struct signin *s = tui_state(t);
	bool enter = (!fk && ch == '\r') || (fk && ch == KEY_ENTER);

	if (!fk && ch == 3)
		return TUI_QUIT;
	if (s->asking_pin) {
		if (!fk && ch == 27) {
			s->asking_pin = false;
			tui_field_set(&s->pin, "");
		} else if (enter) {
			return si_check_pin(t, s);
		} else {
			tui_field_key(&s->pin, ch, fk);
		}
		return TUI_REDRAW;
	}
	if (fk && ch == KEY_DOWN && s->sel + 1 < s->n)
		s->sel++;
	else if (fk && ch == KEY_UP && s->sel > 0)
		s->sel--;
	else if (enter && s->n > 0) {
		if (!s->match[s->sel].has_pin) {
			si_enter(t, &s->match[s->sel]);
			return TUI_REDRAW;
		}
		s->asking_pin = true;
	} else if (tui_field_key(&s->who, ch, fk)) {
		si_search(t, s);
	}
	return TUI_REDRAW;
}

static void
si_leave(struct tui *t)
{
	struct signin *s = tui_state(t);

	si_clear(s);
	tui_field_done(&s->who);
	tui_field_done(&s->pin);
	free(s);
}

static const struct tui_screen signin_screen = {
	"Sign in", si_help, si_draw, si_key, si_leave, NULL,
};

void
tui_open_signin(struct tui *t)
{
	struct signin *s = calloc(1, sizeof *s);

	if (s == NULL)
		return;
	tui_field_init(&s->who, 64, false);
	tui_field_init(&s->pin, 64, false);
	s->pin.secret = true;
	t->me_id = 0;
	tui_push(t, &signin_screen, s);
	si_search(t, s);
}

void
tui_screens_start(struct tui *t)
{
	struct cs_err err = { 0 };
	struct store *st = app_store(t->app, &err);
	int64_t n = 0;

	if (st != NULL && store_member_count(st, &n, &err) == CS_OK && n == 0)
		open_first_run(t);
	else
		tui_open_signin(t);
	if (st == NULL)
		tui_say(t, true, "%s", err.msg);
}
