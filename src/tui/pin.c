/* pin.c - PINs and badges on the screens: what a form refuses as it is
 * typed (the app layer and the store decide; this only says so at the
 * field, before a PIN is typed twice for nothing), and choosing one's
 * own PIN after signing in with one a supervisor set (members.c sets
 * it). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "tui_screens.h"

/* The record's rules (record_pin_check, record_badge_check), said here
 * as sentences: "A PIN has 4 to 64 characters." */
static const char *
sentence(const struct cs_err *err)
{
	static char msg[CS_ERR_MAX + 2];

	snprintf(msg, sizeof msg, "%s.", err->msg);
	msg[0] = (char)toupper((unsigned char)msg[0]);
	return msg;
}

const char *
tui_pin_refusal(const char *pin)
{
	struct cs_err err = { 0 };

	return record_pin_check(pin, &err) != CS_OK ? sentence(&err) : NULL;
}

const char *
tui_badge_refusal(const char *badge)
{
	struct cs_err err = { 0 };

	return record_badge_check(badge, &err) != CS_OK ? sentence(&err) : NULL;
}

/* ---- a PIN set by a supervisor: its member chooses their own ----------- */

enum own_next { O_CANCEL, O_AGAIN, O_DONE, O_RESTART };

struct own {
	enum own_next next;
	char pin[80];
};

static void
own_draw(struct tui *t)
{
	tui_title(t, "cslog — choose your PIN", NULL);
	tui_keybar(t);
}

static int
own1_done(struct tui *t, void *ctx, const char *text)
{
	struct own *o = ctx;
	const char *why = tui_pin_refusal(text);

	if (why != NULL) {   /* asked again, empty */
		tui_say(t, true, "%s", why);
		o->next = O_RESTART;
		return 0;
	}
	snprintf(o->pin, sizeof o->pin, "%s", text);
	o->next = O_AGAIN;
	return 0;
}

static int
own2_done(struct tui *t, void *ctx, const char *text)
{
	struct own *o = ctx;
	struct cs_err err = { 0 };

	if (strcmp(text, o->pin) != 0) {
		memset(o->pin, 0, sizeof o->pin);
		tui_say(t, true, "The two PINs differ: choose it again.");
		o->next = O_RESTART;
		return 0;
	}
	if (app_member_set_pin(t->app, &t->me, t->me.badge, o->pin, &err) != CS_OK) {
		memset(o->pin, 0, sizeof o->pin);
		tui_say(t, true, "%s", err.msg);
		o->next = O_RESTART;   /* both asked again */
		return 0;
	}
	memset(o->pin, 0, sizeof o->pin);
	t->me.pin_reset = false;
	o->next = O_DONE;
	return 0;
}

static void
own_ask(struct tui *t, struct own *o)
{
	char q[600];

	snprintf(q, sizeof q, "%s, your PIN was set by a supervisor: choose your own before "
	         "anything else (4 to 64 characters; it is not shown).  Esc signs out.",
	         t->me.name);
	o->next = O_CANCEL;
	tui_prompt_pin(t, "Choose your PIN", q, own1_done, o);
}

static void
own_resume(struct tui *t)
{
	struct own *o = tui_state(t);

	switch (o->next) {
	case O_AGAIN:
		o->next = O_CANCEL;
		tui_prompt_pin(t, "Choose your PIN", "The same PIN again:", own2_done, o);
		return;
	case O_DONE:
		tui_pop_all(t);
		tui_open_home(t);
		tui_say(t, false, "Your own PIN is set.");
		return;
	case O_CANCEL:
		/* Esc: not signed in after all. */
		memset(&t->me, 0, sizeof t->me);
		tui_pop_all(t);
		tui_open_signin(t);
		return;
	case O_RESTART:   /* the two differed: from the start */
		own_ask(t, o);
		return;
	}
}

static void
own_leave(struct tui *t)
{
	struct own *o = tui_state(t);

	memset(o->pin, 0, sizeof o->pin);
	free(o);
}

static const struct tui_key own_keys[] = {
	{ .name = NULL },
};

static const struct tui_screen own_screen = {
	.title = "Choose your PIN", .keys = own_keys, .draw = own_draw, .leave = own_leave,
	.resume = own_resume,
};

void
tui_open_own_pin(struct tui *t)
{
	struct own *o = calloc(1, sizeof *o);

	if (o == NULL)
		return;
	tui_push(t, &own_screen, o);
	own_ask(t, o);
}
