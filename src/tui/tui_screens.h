/* tui_screens.h - the screens and how to open them (tui layer only). */
#ifndef CSLOG_TUI_SCREENS_H
#define CSLOG_TUI_SCREENS_H

#include "tui_core.h"

/* The first screen: creating the first supervisor on an empty database,
 * else sign-in. */
void tui_screens_start(struct tui *t);

void tui_open_signin(struct tui *t);
void tui_open_home(struct tui *t);
/* Log a contact: a new one with a draft slot of its own (slot NULL), or
 * the unfinished one kept in slot. */
void tui_open_log(struct tui *t, const char *slot);
/* The member's unfinished contacts: continue one, start another and keep
 * them (when starting), or discard one after saying which (drafts.c). */
void tui_open_drafts(struct tui *t, bool starting);

/* A question on its own screen (prompt.c).  On Enter, done(t, ctx,
 * text) is called while the prompt is still on top; it returns 0 to
 * close the prompt, non-zero to keep it (after tui_say-ing why). */
typedef int (*tui_prompt_done)(struct tui *t, void *ctx, const char *text);
struct tui_prompt_spec {
	const char *title;      /* the title bar */
	const char *question;   /* what to type */
	const char *initial;    /* text to start from, or NULL */
	size_t max;             /* bytes */
	bool multiline;
	bool required;          /* refuse an empty answer */
};
void tui_prompt(struct tui *t, const struct tui_prompt_spec *spec, tui_prompt_done done,
                void *ctx);
/* The same for a PIN: required, drawn as stars, never echoed. */
void tui_prompt_pin(struct tui *t, const char *title, const char *question,
                    tui_prompt_done done, void *ctx);

/* What was typed in a prompt that Esc left, for one record: it comes
 * back when the same prompt for the same record opens again, and is
 * forgotten once saved.  Held by the asking screen (whose state outlives
 * the prompt above it), freed with tui_kept_clear. */
struct tui_kept {
	int64_t id;     /* the record it was typed for */
	char *text;     /* owned; NULL: nothing kept */
};
/* tui_prompt, keeping in *kept what Esc leaves for record id; it starts
 * from kept->text when that was typed for id (else from spec->initial). */
void tui_prompt_keep(struct tui *t, const struct tui_prompt_spec *spec, tui_prompt_done done,
                     void *ctx, struct tui_kept *kept, int64_t id);
void tui_kept_clear(struct tui_kept *k);

/* What the forms refuse as it is typed, before the app layer (which
 * decides) is asked: NULL when acceptable, else why not (pin.c). */
const char *tui_pin_refusal(const char *pin);
const char *tui_badge_refusal(const char *badge);

/* Supervisor screens (queue.c, detail.c, followups.c, reports.c). */
void tui_open_queue(struct tui *t);
/* One contact in full, with the supervisor's actions (detail.c). */
void tui_open_detail(struct tui *t, int64_t contact_id);
void tui_open_followups(struct tui *t);
/* A follow-up in words: what was promised, with the pause reason or how
 * it was done beside it; and where its clock stands ("due", "past
 * target", "OVERDUE", "paused", "done on target", ...). */
void tui_followup_words(const struct followup *f, char *buf, size_t len);
void tui_followup_clock(const struct followup *f, char *buf, size_t len);
void tui_open_reports(struct tui *t);
/* The members, for supervisors; and, after signing in with a PIN a
 * supervisor set, choosing one's own before anything else (members.c). */
void tui_open_members(struct tui *t);
void tui_open_own_pin(struct tui *t);
/* Drills and quizzes (drill.c and friends). */
void tui_open_drill(struct tui *t);

#endif
