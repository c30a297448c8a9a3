/* tui_evaluate.h - what the secret-shopper evaluation form's files share
 * (evaluate.c, evaluate_draw.c, evaluate_draft.c): its state.  The tui layer only. */
#ifndef CSLOG_TUI_EVALUATE_H
#define CSLOG_TUI_EVALUATE_H

#include "cslog/app_measures.h"
#include "tui_core.h"

enum ev_step { EV_POLICY, EV_CHANNEL, EV_ITEMS, EV_SAVED };

struct ev {
	enum ev_step step;
	size_t sel, top;
	const struct policy *p;
	const char *channel;
	int64_t member_id;
	char who[MEMBER_BADGE_MAX + MEMBER_NAME_MAX + 8];   /* "M1 (Mia)" or the unit */
	char unit[SHOPPER_UNIT_MAX + 1];
	struct eval_slot *slots;
	struct shopper_item *items;
	bool *answered;
	size_t n;
	char typed[16];       /* a value being typed */
	char note[SHOPPER_NOTE_MAX + 1];
	int64_t at;           /* when the test contact was made; 0: now */
	int64_t id;
	int met, scored;
	bool confirm_drop;    /* x pressed: drop the unsaved evaluation? */
};

/* The rows of the list on screen: policies, channels or items. */
size_t ev_list_n(struct tui *t, const struct ev *s);
/* The screen drawn (evaluate_draw.c). */
void ev_draw(struct tui *t);

/* The form of s->p and s->channel, nothing answered (false, said, when
 * it cannot be made). */
bool ev_make_form(struct tui *t, struct ev *s);
void ev_clear_form(struct ev *s);
/* Has anything been given on the form (an answer, a note, a time)? */
bool ev_started(const struct ev *s);

/* The form under way is the evaluator's draft (slot "evaluation"):
 * saved at every change, so that Esc, Ctrl-C, a closed terminal or the
 * idle lock lose nothing; brought back when the form is opened again;
 * dropped when it is saved or dropped on purpose (evaluate_draft.c). */
void ev_draft_save(struct tui *t, struct ev *s);
void ev_draft_drop(struct tui *t);
/* Bring the draft back into s (true: there was one, s is at EV_ITEMS). */
bool ev_draft_load(struct tui *t, struct ev *s);

#endif
