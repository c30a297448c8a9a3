/* app_drill.h - drills and quizzes: what the trainer's screen and
 * `cslog drill` share.  The rules are in drill.h (core). */
#ifndef CSLOG_APP_DRILL_H
#define CSLOG_APP_DRILL_H

#include "cslog/app.h"
#include "cslog/drill.h"
#include "cslog/quiz.h"
#include "cslog/record.h"

/* Drill and quiz attempts matching f, oldest first (a member's scope
 * is their own). */
int app_drill_list(struct app *a, const struct app_actor *who, struct drill_filter *f,
                   int (*cb)(void *ctx, const struct drill_attempt *d), void *ctx,
                   struct cs_err *err);

/* The members a trainer may drill, in the member list's order: every
 * member but the evaluators (they record secret-shopper evaluations and
 * nothing else, so they are never trainees).  The trainer's screen
 * offers these and only these; app_drill_answer and app_drill_quiz
 * refuse an evaluator named as the trainee (CS_DATAERR). */
int app_drill_trainees(struct app *a, const struct app_actor *who,
                       int (*cb)(void *ctx, const struct member *m), void *ctx,
                       struct cs_err *err);

/* The order member_id is offered policy p's scenarios (kind
 * DRILL_SCENARIO) or quiz items (DRILL_QUIZ): out has room for every
 * item; *n is set to their count.  From the member's stored history. */
int app_drill_schedule(struct app *a, const struct app_actor *who, int64_t member_id,
                       const struct policy *p, enum drill_kind kind, struct drill_due *out,
                       size_t *n, struct cs_err *err);

/* The order a group is offered p's items: each item at the lowest box
 * any of the n members has it in, then the longest ago tried.  out has
 * room for every item; *n_out their count. */
int app_drill_group_order(struct app *a, const struct app_actor *who, const int64_t *members,
                          size_t n, const struct policy *p, enum drill_kind kind,
                          size_t *out, size_t *n_out, struct cs_err *err);

/* Keep one trainee's answers to scenario idx of p (given: one per
 * question), under session; *right_out the number right (may be NULL).
 * The trainer (or the trainee, self-study) is actor_id. */
int app_drill_answer(struct app *a, const struct app_actor *who, int64_t member_id,
                     const struct policy *p, size_t idx, const enum answer *given,
                     const char *session, int *right_out, struct cs_err *err);

/* Check and keep a typed quiz answer to item idx of p; *right set. */
int app_drill_quiz(struct app *a, const struct app_actor *who, int64_t member_id,
                   const struct policy *p, size_t idx, const char *typed,
                   const char *session, bool *right, struct cs_err *err);

/* The same, with the grader's decision and why (quiz.h) in *g. */
int app_drill_quiz_graded(struct app *a, const struct app_actor *who, int64_t member_id,
                          const struct policy *p, size_t idx, const char *typed,
                          const char *session, struct quiz_grade *g, struct cs_err *err);

/* The index of item `id` (or an id it had before: its aliases) among
 * p's scenarios or quiz items; their count when p has no such item. */
size_t app_drill_item_index(const struct policy *p, enum drill_kind kind, const char *id);

/* ---- drill_stats.c ---- */

/* Item analysis of p's scenarios or quiz items from every attempt since
 * `since` (0: all); out has one entry per item. */
int app_drill_analysis(struct app *a, const struct app_actor *who, const struct policy *p,
                       enum drill_kind kind, int64_t since, struct drill_item_stats *out,
                       struct cs_err *err);

/* Item analysis of each question of each scenario: out has
 * p->n_scenarios * p->n_questions entries, scenario s, question q at
 * out[s * p->n_questions + q]. */
int app_drill_question_analysis(struct app *a, const struct app_actor *who,
                                const struct policy *p, int64_t since,
                                struct drill_item_stats *out, struct cs_err *err);

/* How often member_id (0: everybody) answered each of p's questions in
 * scenarios since `since`, in session (NULL: any), and how often
 * wrongly.  out has p->n_questions entries, sorted most often wrong
 * first (drill_weakest_first). */
int app_drill_tally(struct app *a, const struct app_actor *who, int64_t member_id,
                    const struct policy *p, int64_t since, const char *session,
                    struct drill_tally *out, struct cs_err *err);

/* ---- drill_regrade.c ---- */

/* An attempt kept, with the grade it was given then and the grade the
 * policy gives it now (a changed expected answer or quiz answer, a
 * stricter grader): kept grades are never changed, only shown beside. */
struct drill_regrade {
	const struct drill_attempt *d;   /* as kept (borrowed) */
	char member[MEMBER_BADGE_MAX + 1]; /* the trainee's badge ("?": unknown) */
	int item;              /* its index in p now (aliases followed); -1: gone */
	int now_correct;       /* the grade now, of d->total */
	int now_total;
	bool differs;          /* now_correct/now_total is not d->correct/d->total */
	struct quiz_grade g;   /* quizzes: the grader's decision now */
};

/* Each attempt at p's scenarios or quiz items (kind) since `since` (0:
 * all), for member_id (0: everyone), oldest first, regraded: cb(ctx, r)
 * for each (non-zero stops). */
int app_drill_regrade(struct app *a, const struct app_actor *who, const struct policy *p,
                      enum drill_kind kind, int64_t member_id, int64_t since,
                      int (*cb)(void *ctx, const struct drill_regrade *r), void *ctx,
                      struct cs_err *err);

#endif
