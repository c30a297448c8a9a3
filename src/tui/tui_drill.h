/* tui_drill.h - the drill screen's state, shared by drill.c (opening it,
 * choosing the policy, mode and trainees), drill_run.c (running the
 * drill or quiz), drill_draw.c and drill_draw_run.c (drawing),
 * drill_text.c (wrapped,
 * scrolling text), drill_pause.c (pause and resume) and drill_stats.c
 * (the item analysis screen). */
#ifndef CSLOG_TUI_DRILL_H
#define CSLOG_TUI_DRILL_H

#include "cslog/policy.h"
#include "tui_core.h"
#include "tui_field.h"

#define DR_MAX_TRAINEES 12
#define DR_MAX_MEMBERS 500
#define DR_MAX_ITEMS 1000
#define DR_TYPED_MAX 200
#define DR_FIND_MAX 40
#define DR_LINES_MAX 160
#define DR_LINE_MAX 1024
#define DR_PAUSED_MAX 9            /* paused drills listed to choose from */

enum dr_step {
	DR_RESUME,     /* paused drills: resume one, drop one, or start anew */
	DR_POLICY,     /* which policy */
	DR_MODE,       /* scenarios or quiz (or the item analysis) */
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
	char why[320];            /* the grader's reason for quiz_right */
	char typed[DR_TYPED_MAX];
	char missed[120];         /* DR_DONE: questions missed most this session */
	char next_first[160];     /* DR_DONE: what comes back first next time */
};

/* Wrapped text, neutralised, one terminal line each. */
struct dr_line {
	int x, attr;
	char text[DR_LINE_MAX];
};

struct dr_lines {
	struct dr_line v[DR_LINES_MAX];
	int n;
};

struct drill_ui {
	enum dr_step step;
	const struct policy *p;
	bool quiz;
	struct dr_person *people;  /* DR_WHO: owned */
	int n_people, sel, top;
	char find[DR_FIND_MAX];    /* DR_WHO: typed to narrow the list */
	struct dr_trainee tr[DR_MAX_TRAINEES];
	int n_tr;
	size_t order[DR_MAX_ITEMS];
	size_t n_order, pos;       /* the item shown is order[pos] */
	int cur_tr, cur_q;         /* who answers which question */
	enum answer ans[DR_MAX_TRAINEES][POLICY_MAX_QUESTIONS];
	char session[64];
	char slot[48];             /* the draft this drill is kept in when paused */
	struct {
		char slot[48];
		char what[300];        /* "bsofr drill of 3 (M1, M2, M3), stopped ..." */
	} paused[DR_PAUSED_MAX];   /* DR_RESUME: the paused drills, latest first */
	int n_paused, psel;
	bool confirm_drop;         /* DR_RESUME: x pressed, drop paused[psel]? */
	int scroll;                /* first line of the text that scrolls */
	int col0, col_page;        /* DR_RESULT: first trainee column shown, how many fit */
	struct tui_field field;
	bool confirm_end;          /* Esc pressed: end the drill? */
	bool ended;                /* ended on purpose: nothing to keep on leaving */
	struct dr_lines lines;     /* scratch for drawing */
};

/* drill.c: is person i shown under the text typed to find (the start
 * of the badge or of a word of the name, any case)? */
bool dr_shown(const struct drill_ui *d, int i);

/* drill_run.c: keys while the drill or quiz runs; starting it. */
void dr_begin(struct tui *t, struct drill_ui *d);
int dr_key_run(struct tui *t, struct drill_ui *d, int ch, bool fk);
int dr_esc_run(struct tui *t, struct drill_ui *d);
/* Is a drill under way (something to pause)? */
bool dr_running(const struct drill_ui *d);

/* drill_draw.c: before the drill; drill_draw_run.c: while it runs. */
void dr_draw(struct tui *t, struct drill_ui *d);
void dr_draw_run(struct tui *t, struct drill_ui *d);

/* drill_text.c: lines of wrapped text, drawn with a scroll offset. */
void dr_lines_clear(struct dr_lines *l);
void dr_lines_add(struct dr_lines *l, int x, int attr, const char *text);
/* text neutralised and wrapped to width columns. */
void dr_lines_wrap(struct dr_lines *l, int x, int width, int attr, const char *text);
/* Draw lines[*scroll ..] in rows y .. y+h-1 (clamping *scroll); a line
 * says when more is above or below.  Returns the rows used. */
int dr_lines_draw(struct tui *t, const struct dr_lines *l, int y, int h, int *scroll);

/* drill_pause.c: keep the session for later (the trainer's draft
 * d->slot, "drill-N", given at the first pause); take paused[i] back; 0
 * on success.  A trainer keeps several (one per crew). */
int dr_pause(struct tui *t, struct drill_ui *d);
int dr_resume(struct tui *t, struct drill_ui *d, int i);
/* Are there paused drills?  Lists them in d->paused. */
bool dr_paused(struct tui *t, struct drill_ui *d);
/* Drop the draft of slot (a drill ended, or a paused one let go). */
void dr_drop_paused(struct tui *t, const char *slot);

/* drill_stats.c: the item analysis of policy p (trainers). */
void dr_open_stats(struct tui *t, const struct policy *p);

#endif
