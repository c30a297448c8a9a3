/* signin.c - the first run (create the first supervisor) and sign-in. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/text.h"
#include "tui_field.h"
#include "cslog/generate.h"
#include "tui_screens.h"

#define MATCH_MAX 10

/* ---- first run ---------------------------------------------------- */

enum { FR_NAME, FR_BADGE, FR_PIN, FR_PIN2, FR_N };
static const char *const fr_labels[FR_N] = { "Your name", "Badge", "PIN", "PIN again" };

struct first_run {
	struct tui_field f[FR_N];
	int at;
};

static const struct tui_key fr_keys[] = {
	{ .name = "Enter", .label = "next", .help = "next field; on the last, create the"
	  " supervisor (Tab too)", .op = -1 },
	{ .name = "Up", .label = "previous", .help = "previous field (Shift-Tab too)", .op = -1 },
	{ .name = NULL },
};

static bool
always(struct tui *t)
{
	(void)t;
	return true;
}

static int
stay(struct tui *t)
{
	(void)t;
	return TUI_STAY;
}

static void
fr_draw(struct tui *t)
{
	struct first_run *s = tui_state(t);
	int i;

	tui_title(t, "cslog — first run", NULL);
	tui_wrap(2, 2, COLS - 4, 1, "Welcome.  This database is empty: create the first"
	         " supervisor.", A_BOLD);
	tui_wrap(3, 2, COLS - 4, 2, "Supervisors review the log; they need a PIN of 4 or more"
	         " characters.  Add the crew afterwards (Members on the home screen).", 0);
	for (i = 0; i < FR_N; i++)
		tui_text(6 + 2 * i, 4, 12, fr_labels[i], i == s->at ? A_BOLD : 0);
	tui_keybar(t);
	for (i = 0; i < FR_N; i++) {
		if (i != s->at)
			tui_field_draw(t, &s->f[i], 6 + 2 * i, 18, 1, 40);
	}
	tui_field_draw(t, &s->f[s->at], 6 + 2 * s->at, 18, 1, 40);
}

/* A PIN refused (too short, the two differ, not taken): both typed
 * again, from the first. */
static int
fr_pin_again(struct tui *t, struct first_run *s, const char *why)
{
	tui_say(t, true, "%s", why);
	tui_field_set(&s->f[FR_PIN], "");
	tui_field_set(&s->f[FR_PIN2], "");
	s->at = FR_PIN;
	return TUI_REDRAW;
}

static int
fr_create(struct tui *t, struct first_run *s)
{
	struct cs_err err = { 0 };
	struct pin_result res;
	char why[300];
	int64_t id = 0;

	if (strcmp(s->f[FR_PIN].text, s->f[FR_PIN2].text) != 0)
		return fr_pin_again(t, s, "The two PINs differ; type them again.");
	if (app_member_add(t->app, NULL, s->f[FR_BADGE].text, s->f[FR_NAME].text,
	    ROLE_SUPERVISOR, s->f[FR_PIN].text, &id, &err) != CS_OK) {
		snprintf(why, sizeof why, "Not created: %.280s", err.msg);
		return fr_pin_again(t, s, why);
	}
	if (app_sign_in(t->app, id, s->f[FR_PIN].text, &t->me, &res, &err) != CS_OK) {
		/* Created, but not signed in: the sign-in screen, as on any start. */
		tui_pop_all(t);
		tui_open_signin(t);
		tui_say(t, true, "Supervisor created; sign in: %s", err.msg);
		return TUI_REDRAW;
	}
	tui_say(t, false, "Supervisor %s created.  Add the crew from Members (m).",
	        t->me.badge);
	tui_pop_all(t);
	tui_open_home(t);
	return TUI_REDRAW;
}

static int
fr_key(struct tui *t, int ch, bool fk)
{
	struct first_run *s = tui_state(t);
	const char *why;

	if ((!fk && (ch == '\r' || ch == '\t')) || (fk && ch == KEY_ENTER)) {
		if (s->f[s->at].len == 0) {
			tui_say(t, true, "%s is needed.", fr_labels[s->at]);
			return TUI_REDRAW;
		}
		/* Each field's own refusal, at that field. */
		if (s->at == FR_BADGE && (why = tui_badge_refusal(s->f[FR_BADGE].text)) != NULL) {
			tui_say(t, true, "%s", why);
			return TUI_REDRAW;
		}
		if (s->at == FR_PIN && (why = tui_pin_refusal(s->f[FR_PIN].text)) != NULL)
			return fr_pin_again(t, s, why);
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
	.title = "First run", .keys = fr_keys, .draw = fr_draw, .key = fr_key,
	.typing = always, .esc = stay, .leave = fr_leave,
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

static bool
asking_pin(struct tui *t)
{
	return ((struct signin *)tui_state(t))->asking_pin;
}

static bool
typing_name(struct tui *t)
{
	return !asking_pin(t) && !app_is_server(t->app);
}

static bool
typing_badge(struct tui *t)
{
	return !asking_pin(t) && app_is_server(t->app);
}

/* Up/Down only with a list to choose from: a file's matches (a server
 * lists nobody before a sign-in, and one match is no choice). */
static bool
choosing(struct tui *t)
{
	return typing_name(t) && ((struct signin *)tui_state(t))->n > 1;
}

static const struct tui_key si_keys[] = {
	{ .name = "type", .help = "part of your name or badge", .op = -1, .when = typing_name },
	{ .name = "type", .help = "your badge, whole", .op = -1, .when = typing_badge },
	{ .name = "Enter", .label = "sign in", .help = "sign in as the one chosen (then your"
	  " PIN, if you have one)", .op = -1 },
	{ .name = "Up/Down", .label = "choose", .help = "choose among the matches", .op = -1,
	  .when = choosing },
	{ .name = "Esc", .label = "back", .help = "back from the PIN to the name", .op = -1,
	  .when = asking_pin },
	{ .name = NULL },
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

	si_clear(s);
	s->sel = 0;
	if (app_member_search(t->app, s->who.text, MATCH_MAX, si_collect, s, &err) != CS_OK)
		tui_say(t, true, "%s", err.msg);
}

/* "text" padded with spaces to `cols` display columns. */
static void
pad(char *out, size_t len, const char *text, int cols)
{
	int w;

	text_fit_marked(text, cols, out, len);
	w = text_width(out);
	while (w++ < cols && strlen(out) + 1 < len)
		strcat(out, " ");
}

#define DEMO_HINT "Demo: S1 (supervisor), T1 (trainer) and E1 (evaluator) sign in with" \
	" PIN " GENERATE_PIN ", M101 (a member) without one.  The demo database goes when cslog" \
	" ends."

static void
si_draw(struct tui *t)
{
	struct signin *s = tui_state(t);
	char line[600];
	int i;

	tui_title(t, "cslog — sign in", NULL);
	/* A server lists nobody before a sign-in: the whole badge, then. */
	tui_text(2, 2, COLS - 4, app_is_server(t->app) ? "Who are you?  Type your badge." :
	         "Who are you?  Type part of your name or badge.", A_BOLD);
	for (i = 0; i < s->n; i++) {
		char badge[64], name[400];

		pad(badge, sizeof badge, s->match[i].badge, 10);
		pad(name, sizeof name, s->match[i].name, 40);
		if (app_is_server(t->app))
			snprintf(line, sizeof line, "%s (known to the server; Enter signs in)", badge);
		else
			snprintf(line, sizeof line, "%s %s %s", badge, name,
			    record_role_name(s->match[i].role));
		tui_text(6 + i, 4, COLS - 8, line, i == s->sel ? tui_attr(t, PAIR_SELECT) : 0);
	}
	if (s->n == 0 && s->who.len > 0)
		tui_text(6, 4, COLS - 8, "No member matches.", 0);
	if (t->opt->demo)
		tui_wrap(LINES - 2 - tui_wrap_rows(COLS - 4, DEMO_HINT), 2, COLS - 4, 3, DEMO_HINT,
		         tui_attr(t, PAIR_DIM));
	if (s->asking_pin) {
		snprintf(line, sizeof line, "PIN for %s:", s->match[s->sel].badge);
		tui_text(18, 2, COLS - 40, line, A_BOLD);
		tui_keybar(t);
		tui_field_draw(t, &s->pin, 18, 3 + text_width(line), 1, 30);
		return;
	}
	tui_keybar(t);
	tui_text(4, 2, 8, app_is_server(t->app) ? "Badge:" : "Name:", 0);
	tui_field_draw(t, &s->who, 4, 10, 1, 40);
}

/* Sign in as m with pin ("" when none). */
static int
si_check_pin(struct tui *t, struct signin *s, const struct member *m, const char *pin)
{
	struct cs_err err = { 0 };
	struct pin_result res;
	char until[32];
	int rc = app_sign_in_badge(t->app, m->badge, pin, &t->me, &res, &err);

	tui_field_set(&s->pin, "");
	if (rc == CS_OK) {
		tui_pop_all(t);
		if (t->me.pin_reset)
			tui_open_own_pin(t);   /* a PIN a supervisor set: theirs first */
		else
			tui_open_home(t);   /* which hands over what this terminal kept */
		return TUI_REDRAW;
	}
	if (res.check == PIN_LOCKED) {
		app_time_local(res.locked_until, until, sizeof until);
		tui_say(t, true, "Too many wrong PINs: %s is locked until %s.", m->badge, until);
		s->asking_pin = false;
		si_search(t, s);   /* the lock, as the database now has it */
		tui_say(t, true, "Too many wrong PINs: %s is locked until %s.", s->n > 0 ?
		        s->match[s->sel].badge : "", until);
	} else if (res.check == PIN_WRONG) {
		tui_say(t, true, "Wrong PIN.  %d more %s before a 5-minute lock.",
		    res.attempts_left, res.attempts_left == 1 ? "try" : "tries");
	} else {
		tui_say(t, true, "%s", err.msg);
	}
	return TUI_REDRAW;
}

static int
si_esc(struct tui *t)
{
	struct signin *s = tui_state(t);

	if (s->asking_pin) {
		s->asking_pin = false;
		tui_field_set(&s->pin, "");
	} else if (s->who.len > 0) {
		tui_field_set(&s->who, "");
		si_search(t, s);
	}
	return TUI_REDRAW;
}

static int
si_key(struct tui *t, int ch, bool fk)
{
	struct signin *s = tui_state(t);
	bool enter = (!fk && ch == '\r') || (fk && ch == KEY_ENTER);
	const struct member *m = s->n > 0 ? &s->match[s->sel] : NULL;
	char until[32];

	if (s->asking_pin) {
		if (enter)
			return si_check_pin(t, s, m, s->pin.text);
		tui_field_key(&s->pin, ch, fk);
		return TUI_REDRAW;
	}
	if (fk && ch == KEY_DOWN && s->sel + 1 < s->n)
		s->sel++;
	else if (fk && ch == KEY_UP && s->sel > 0)
		s->sel--;
	else if (enter && m != NULL) {
		if (m->has_pin && m->locked_until > app_now(t->app)) {
			/* Say so before asking for a PIN that would not be checked. */
			app_time_local(m->locked_until, until, sizeof until);
			tui_say(t, true, "Too many wrong PINs: %s is locked until %s.", m->badge,
			        until);
			return TUI_REDRAW;
		}
		if (!m->has_pin)
			return si_check_pin(t, s, m, "");
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
	.title = "Sign in", .keys = si_keys, .draw = si_draw, .key = si_key, .typing = always,
	.esc = si_esc, .leave = si_leave,
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
	memset(&t->me, 0, sizeof t->me);
	tui_push(t, &signin_screen, s);
	si_search(t, s);
}

void
tui_screens_start(struct tui *t)
{
	struct cs_err err = { 0 };
	int64_t n = 0;
	int rc = app_member_count(t->app, &n, &err);

	if (rc == CS_OK && n == 0)
		open_first_run(t);
	else
		tui_open_signin(t);
	if (rc != CS_OK)
		tui_say(t, true, "%s", err.msg);
}
