/* tui_log.h - the contact form's state, shared by its three files:
 * log.c (steps and keys), logdraw.c (drawing), logdraft.c (the draft). */
#ifndef CSLOG_TUI_LOG_H
#define CSLOG_TUI_LOG_H

#include <stdbool.h>
#include <stdint.h>

#include "cslog/policy.h"
#include "cslog/record.h"
#include "tui_core.h"
#include "tui_field.h"

/* Drafts keep a step by its number: a new step is added at the end. */
enum log_step {
	S_POLICY, S_KIND, S_CHANNEL, S_SUMMARY, S_OUTCOME, S_NEEDS, S_ADDED,
	S_ADDED_TEXT, S_QUESTION, S_RESULT, S_FOLLOWUP, S_DUE, S_REFERRAL, S_REFEREE,
	S_DECISION, S_APPEAL, S_STANDARDS, S_CONFIRM, S_SAVED,
	S_PROMISE,    /* the follow-up: what was promised, and to whom */
	S_CALLBACK,   /* ... and a number to call back (optional) */
	S_COUNT
};

#define LOG_HIST 64
#define LOG_DRAFT_PREFIX "contact"   /* a member's drafts of contacts: contact-1, ... */
#define LOG_STD_MAX 64

struct logform {
	enum log_step step;
	enum log_step hist[LOG_HIST];   /* steps behind this one, for Esc */
	int n_hist;
	const struct policy *p;
	size_t kind, chan, out;          /* indexes into the policy's lists */
	int sel;                         /* highlighted row of a list step */
	struct tui_field summary, added, due, referral, decision, appeal, promise, callback;
	enum record_tri needs, contacted;
	bool has_added, has_followup;
	enum answer ans[POLICY_MAX_QUESTIONS];
	size_t q;                        /* question being asked */
	bool std_on[LOG_STD_MAX];        /* by index into p->standards */
	int std_sel;
	char call_ref[48];
	int64_t saved_id;
	/* This contact's idempotency key, made at its first save: the same
	 * for every try, so the server logs it once (app_contact_log_keyed). */
	char key[APP_KEY_LEN];
	bool spooled;                    /* kept on this terminal, not yet sent */
	/* While an import holds the log: the save, or the draft, waits and
	 * is tried again every second (log_tick); nothing typed is lost. */
	bool save_pending, draft_dirty;
	char slot[48];                   /* this form's draft: it never takes another's */
	int top;                         /* first row of the step (below the header) */
	bool all_shown;                  /* every question is on screen (a: all yes) */
};

/* logdraw.c */
void log_draw(struct tui *t);

/* logdraft.c: save the form as the member's draft lf->slot (every
 * change), read it back, or drop it (an empty form left). */
void log_draft_save(struct tui *t, struct logform *lf);
bool log_draft_load(struct tui *t, struct logform *lf);
void log_draft_drop(struct tui *t, struct logform *lf);
/* The form is left while its draft could not reach the server: kept in
 * the private spool (app_spool_draft_put) instead of lost. */
void log_draft_spool(struct tui *t, struct logform *lf);
/* The summary typed in a draft's body, neutralised later by the drawing
 * ("" when none). */
void log_draft_summary(const char *body, char *buf, size_t len);

/* logsave.c: save the contact (and drop its draft, in one step); start
 * another contact of the same call; does the check apply to this contact
 * (added value, or a policy that asks it every time)? */
int log_save(struct tui *t, struct logform *lf);
void log_next_of_call(struct logform *lf);
bool log_check_asked(const struct logform *lf);
/* May the customer's phone (the callback number) be kept under lf's
 * policy? */
bool log_callback_kept(const struct logform *lf);

/* log.c */
const char *log_step_title(enum log_step s);
/* The standards shown for this contact: indexes into p->standards. */
size_t log_standards_shown(const struct logform *lf, size_t *idx, size_t max);
/* The key that picks row i of a list ('1'..'9', then 'a'..). */
int log_row_key(int i);

#endif
