/* tui_drill.h - the drill screen's state, shared by drill.c (keys and
 * flow), drill_draw.c (drawing) and drill_pause.c (pause and resume). */
#ifndef CSLOG_TUI_DRILL_H
#define CSLOG_TUI_DRILL_H

#include "cslog/policy.h"
#include "cslog/tui_core.h"

#define DR_MAX_TRAINEES 12
#define DR_MAX_MEMBERS 500
#define DR_MAX_ITEMS 1000
#define DR_TYPED_MAX 200

enum dr_step {
	DR_RESUME,     /* a paused drill: resume it or start anew */
	DR_POLICY,     /* which policy */
	DR_MODE,       /* scenarios or quiz */
	DR_WHO,        /* pick the trainees */
	DR_ANSWER,     /* a scenario, each trainee answering each question */
	DR_RESULT,     /* expected answers beside theirs, with the rationale */
	DR_QUIZ,       /* a quiz item, each trainee typing an answer */
	DR_QUIZ_RESULT,
	DR_DONE,       /* the session's scores */
};

struct dr_person {
	int64_t id;
	char badge[40];
	char name[208];
	bool picked;
};

struct dr_trainee {
	int64_t id;
	char badge[40];
	char name[208];
	int right, asked;         /* this session */
	int item_right;           /* on the current item */
	bool quiz_right;
	char typed[DR_TYPED_MAX];
};

struct drill_ui {
	enum dr_step step;
	const struct policy *p;
	bool quiz;
	struct dr_person *people;  /* DR_WHO: owned */
	int n_people, sel, top;
	struct dr_trainee tr[DR_MAX_TRAINEES];
	int n_tr;
	size_t order[DR_MAX_ITEMS];
	size_t n_order, pos;       /* the item shown is order[pos] */
	int cur_tr, cur_q;         /* who answers which question */
	enum answer ans[DR_MAX_TRAINEES][POLICY_MAX_QUESTIONS];
	char session[64];
	char paused_what[160];     /* DR_RESUME: what the paused drill was */
};

/* drill_draw.c */
void dr_draw(struct tui *t, struct drill_ui *d);

/* drill_pause.c: keep the session for later (slot "drill" of the
 * signed-in trainer); take it back; 0 on success. */
int dr_pause(struct tui *t, const struct drill_ui *d);
int dr_resume(struct tui *t, struct drill_ui *d);
/* Is there a paused drill?  Describes it in d->paused_what. */
bool dr_paused(struct tui *t, struct drill_ui *d);
void dr_drop_paused(struct tui *t);

#endif
