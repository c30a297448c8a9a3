/* home.c - the member's home: one key per screen, open follow-ups, draft. */
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "cslog/app_time.h"
#include "tui_log.h"
#include "tui_measures.h"
#include "tui_screens.h"

#define HOME_FOLLOWUPS 8

struct home {
	struct followup fu[HOME_FOLLOWUPS];
	int n_fu;
	int n_drafts;          /* unfinished contacts */
	int64_t draft_at;      /* the latest one's */
	char error[CS_ERR_MAX + 64];   /* what could not be read, "" none */
	int spooled, refused;  /* kept on this terminal for the server; refused by it */
	int drafts_kept;       /* drafts kept on this terminal for the server */
	char spool[CS_ERR_MAX + 200];  /* what the hand-over said, "" nothing */
};

static int
collect_fu(void *ctx, const struct followup *f)
{
	struct home *h = ctx;

	if (h->n_fu >= HOME_FOLLOWUPS || record_followup_copy(&h->fu[h->n_fu], f) != 0)
		return 1;
	h->n_fu++;
	return 0;
}

static void
home_clear(struct home *h)
{
	int i;

	for (i = 0; i < h->n_fu; i++)
		record_followup_clear(&h->fu[i]);
	h->n_fu = 0;
}

static int
count_draft(void *ctx, const char *slot, const char *body, int64_t at)
{
	struct home *h = ctx;

	(void)slot;
	(void)body;
	if (h->n_drafts++ == 0)
		h->draft_at = at;
	return 0;
}

static void
spool_refused(void *ctx, const char *file, const char *why)
{
	struct home *h = ctx;

	snprintf(h->spool, sizeof h->spool, "Not handed over, kept in %s: %s", file, why);
}

/* On a server: hand over what this terminal kept while it did not
 * answer (each contact once, by its key), and count what still waits. */
static void
home_spool(struct tui *t, struct home *h)
{
	struct cs_err err = { 0 };
	int sent = 0;

	if (app_spool_count(t->app, &t->me, &h->spooled, &h->refused, &h->drafts_kept, &err) != CS_OK) {
		snprintf(h->spool, sizeof h->spool, "The spool cannot be read: %s", err.msg);
		return;
	}
	if (h->spooled > h->refused || h->drafts_kept > 0) {
		if (app_spool_send(t->app, &t->me, &sent, spool_refused, h, &err) != CS_OK)
			snprintf(h->spool, sizeof h->spool, "Not handed over yet: %s", err.msg);
		if (sent > 0)
			tui_say(t, false, "%d %s kept on this terminal handed over to the server.",
			        sent, sent == 1 ? "contact" : "contacts");
		app_spool_count(t->app, &t->me, &h->spooled, &h->refused, &h->drafts_kept, &err);
	}
}

/* Read what the home screen shows; called when it is (re)opened. */
static void
home_load(struct tui *t, struct home *h)
{
	struct cs_err err = { 0 };
	struct followup_filter f = { t->me.id, false, 0, false };

	h->spool[0] = '\0';
	home_spool(t, h);
	home_clear(h);
	h->n_drafts = 0;
	h->error[0] = '\0';
	if (tui_may(t, APP_FOLLOWUP) &&
	    app_followup_list(t->app, &t->me, &f, HOME_FOLLOWUPS, collect_fu, h, &err) != CS_OK)
		snprintf(h->error, sizeof h->error, "Follow-ups cannot be read: %s", err.msg);
	if (app_draft_list(t->app, &t->me, LOG_DRAFT_PREFIX, count_draft, h, &err) != CS_OK)
		snprintf(h->error, sizeof h->error, "The drafts cannot be read: %s", err.msg);
}

static bool
has_draft(struct tui *t)
{
	return ((struct home *)tui_state(t))->n_drafts > 0;
}

/* A new contact; with one unfinished, it asks first (drafts.c). */
static int
k_log(struct tui *t, int ch)
{
	(void)ch;
	tui_open_drafts(t, true);
	return TUI_REDRAW;
}

static int
k_continue(struct tui *t, int ch)
{
	(void)ch;
	tui_open_drafts(t, false);
	return TUI_REDRAW;
}

static int
k_followups(struct tui *t, int ch)
{
	(void)ch;
	tui_open_followups(t);
	return TUI_REDRAW;
}

static int
k_queue(struct tui *t, int ch)
{
	(void)ch;
	tui_open_queue(t);
	return TUI_REDRAW;
}

static int
k_reports(struct tui *t, int ch)
{
	(void)ch;
	tui_open_reports(t);
	return TUI_REDRAW;
}

static int
k_drills(struct tui *t, int ch)
{
	(void)ch;
	tui_open_drill(t);
	return TUI_REDRAW;
}

static int
k_evaluate(struct tui *t, int ch)
{
	(void)ch;
	tui_open_evaluate(t);
	return TUI_REDRAW;
}

static int
k_survey(struct tui *t, int ch)
{
	(void)ch;
	tui_open_survey_entry(t);
	return TUI_REDRAW;
}

static int
k_recognition(struct tui *t, int ch)
{
	(void)ch;
	tui_open_recognition(t);
	return TUI_REDRAW;
}

/* Those who see their own evidence only (members, trainers). */
static bool
not_recognizing(struct tui *t)
{
	return !tui_may(t, APP_RECOGNITION_ADD);
}

static int
k_members(struct tui *t, int ch)
{
	(void)ch;
	tui_open_members(t);
	return TUI_REDRAW;
}

static int
k_sign_out(struct tui *t, int ch)
{
	(void)ch;
	tui_pop_all(t);
	tui_open_signin(t);
	return TUI_REDRAW;
}

static int
k_quit(struct tui *t, int ch)
{
	(void)t;
	(void)ch;
	return TUI_QUIT;
}

static int
stay(struct tui *t)
{
	(void)t;
	return TUI_STAY;
}

/* The key bar (tui_keybar) gives every key its word, the last keys'
 * brief ones first at 80 columns; keys it must leave out are the last
 * here (the home lists them all, and so does ?). */
static const struct tui_key home_keys[] = {
	{ 'l', 0, "l", "log", "log a customer contact", APP_LOG, NULL, k_log, NULL },
	{ 'c', 0, "c", "continue", "continue the unfinished contact (a saved draft)", -1,
	  has_draft, k_continue, NULL },
	{ 'f', 0, "f", "follow-ups", "follow-ups: yours (supervisors: everyone's), overdue"
	  " marked", APP_FOLLOWUP, NULL, k_followups, NULL },
	{ 'r', 0, "r", "review", "review queue: sign off, debrief, commend", APP_REVIEW,
	  NULL, k_queue, NULL },
	{ 'p', 0, "p", "reports", "reports: empowerment rate, follow-ups on time, charts",
	  APP_REPORT, NULL, k_reports, NULL },
	{ 'd', 0, "d", "drills", "drills and quizzes", APP_DRILL_RUN, NULL, k_drills, NULL },
	{ 'm', 0, "m", "members", "members: add, change a role, set or reset a PIN, unlock",
	  APP_MEMBER_ADD, NULL, k_members, NULL },
	{ 'e', 0, "e", "evaluate", "evaluate a test contact (secret shopper)", APP_SHOPPER_ADD,
	  NULL, k_evaluate, NULL },
	{ 'u', 0, "u", "survey", "type in a survey response (comment card, callback)",
	  APP_SURVEY_ADD, NULL, k_survey, NULL },
	{ 'g', 0, "g", "recognition", "recognition: the evidence, and recognizing a member",
	  APP_RECOGNITION_ADD, NULL, k_recognition, NULL },
	{ 'g', 0, "g", "recognition", "recognition: your evidence and your recognitions",
	  APP_RECOGNITION_READ, not_recognizing, k_recognition, NULL },
	{ 's', 0, "s", "sign out", "sign out (the terminal goes back to sign-in)", -1, NULL,
	  k_sign_out, NULL },
	{ 'q', 0, "q", "quit", "leave cslog", -1, NULL, k_quit, NULL },
	{ .name = NULL },
};


/* Each open follow-up on a line: when it is due, where its clock stands,
 * what was promised (f shows each whole). */
static void
draw_followups(struct tui *t, struct home *h, int y)
{
	char due[32], clock[40], words[2048], line[2200];
	int i;

	tui_text(y, 2, COLS - 4, "Your open follow-ups (f shows each whole)", A_BOLD);
	if (h->n_fu == 0)
		tui_text(y + 1, 4, COLS - 8, "None.", 0);
	for (i = 0; i < h->n_fu && y + 1 + i < LINES - 2; i++) {
		app_time_local(h->fu[i].due_eff, due, sizeof due);
		tui_followup_clock(&h->fu[i], clock, sizeof clock);
		tui_followup_words(&h->fu[i], words, sizeof words);
		snprintf(line, sizeof line, "by %s  %s", due + 5, words);
		tui_text(y + 1 + i, 4, 12, clock, h->fu[i].overdue ? tui_attr(t, PAIR_BAD) : 0);
		tui_text(y + 1 + i, 17, COLS - 19, line, 0);
	}
}

static void
home_draw(struct tui *t)
{
	struct home *h = tui_state(t);
	const struct tui_key *k;
	char who[300], when[32], line[4400];
	int y = 2;

	snprintf(who, sizeof who, "%s (%s), %s", t->me.name, t->me.badge,
	    record_role_name(t->me.role));
	tui_title(t, "cslog — home", who);
	for (k = home_keys; k->name != NULL; k++) {
		if (!tui_may(t, k->op) || (k->when != NULL && !k->when(t)))
			continue;
		tui_text(y, 2, 4, k->name, tui_attr(t, PAIR_KEY));
		if (k->key == 'c') {
			app_time_local(h->draft_at, when, sizeof when);
			if (h->n_drafts == 1)
				snprintf(line, sizeof line, "Continue your unfinished contact (saved %s)",
				         when);
			else
				snprintf(line, sizeof line, "Continue an unfinished contact (%d kept;"
				         " the latest saved %s)", h->n_drafts, when);
			tui_text(y, 6, COLS - 8, line, tui_attr(t, PAIR_BAD));
		} else {
			snprintf(line, sizeof line, "%c%s", toupper((unsigned char)k->help[0]), k->help + 1);
			tui_text(y, 6, COLS - 8, line, 0);
		}
		y++;
	}
	if (h->spooled > h->refused) {
		snprintf(line, sizeof line, "%d %s kept on this terminal %s for the server: sent"
		         " when it answers", h->spooled - h->refused,
		         h->spooled - h->refused == 1 ? "contact" : "contacts",
		         h->spooled - h->refused == 1 ? "waits" : "wait");
		tui_text(y++, 2, COLS - 4, line, tui_attr(t, PAIR_BAD));
	}
	if (h->refused > 0) {
		char dir[4096];
		struct cs_err err = { 0 };

		if (app_spool_dir(dir, sizeof dir, &err) != CS_OK)
			snprintf(dir, sizeof dir, "the spool");
		snprintf(line, sizeof line, "%d kept on this terminal not taken (refused by the"
		         " server, or unreadable): in %s, each reason in KEY.refused", h->refused,
		         dir);
		y += tui_wrap(y, 2, COLS - 4, 2, line, tui_attr(t, PAIR_BAD));
	}
	if (h->drafts_kept > 0) {
		snprintf(line, sizeof line, "%d unfinished %s kept on this terminal: back on the"
		         " server (c) when it answers", h->drafts_kept,
		         h->drafts_kept == 1 ? "contact" : "contacts");
		tui_text(y++, 2, COLS - 4, line, tui_attr(t, PAIR_BAD));
	}
	if (h->spool[0] != '\0')
		y += tui_wrap(y, 2, COLS - 4, 2, h->spool, tui_attr(t, PAIR_BAD));
	if (h->error[0] != '\0')
		tui_wrap(y + 1, 2, COLS - 4, 2, h->error, tui_attr(t, PAIR_BAD));
	else if (tui_may(t, APP_FOLLOWUP))
		draw_followups(t, h, y + 1);
	tui_keybar(t);
}

static void
home_leave(struct tui *t)
{
	struct home *h = tui_state(t);

	home_clear(h);
	free(h);
}

static void
home_resume(struct tui *t)
{
	home_load(t, tui_state(t));
}

/* The words at 80 columns. */
static const struct tui_brief home_brief[] = {
	{ "c", "draft" }, { "f", "f-ups" }, { "e", "eval" }, { "g", "recog" }, { "s", "out" },
	{ NULL, NULL },
};

static const struct tui_screen home_screen = {
	.title = "Home", .keys = home_keys, .brief = home_brief, .keys_listed = true,
	.draw = home_draw, .esc = stay,
	.leave = home_leave, .resume = home_resume,
};

void
tui_open_home(struct tui *t)
{
	struct home *h = calloc(1, sizeof *h);

	if (h == NULL)
		return;
	home_load(t, h);
	tui_push(t, &home_screen, h);
}
