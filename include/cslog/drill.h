/* drill.h - the rules of empowerment drills (core: no I/O).
 *
 * Scoring: a scenario scores one point per question answered as the
 * policy expects; it is right when every answer is.
 *
 * What comes back first (Leitner boxes, with lapses): each item
 * (scenario or quiz item) of a member has a box.  An item never tried
 * is in box 1.  A wrong attempt puts it in box 0 and counts a lapse; a
 * right one moves it up one box, to 5 at most.  Items are offered by
 * box, lowest first; in box 0 the one got wrong most often (most lapses)
 * first; then, in any box, the one tried longest ago (never: first),
 * then the policy's order.  So what a member got wrong last time comes
 * first (what they keep getting wrong before what they missed once), new
 * items next, and what they know well last.  For a group, each item
 * takes the lowest box any member has it in (in box 0 the most lapses;
 * then the oldest attempt).
 *
 * Item analysis: for each item, difficulty is the share of attempts
 * answered right; discrimination is the correlation (point-biserial)
 * between getting the item right and the member's share right on all
 * the other items.  An item is flagged when it is almost always missed
 * (< 20 % right), almost always right (> 95 %), or does not separate
 * strong members from weak ones (discrimination < 0.2), given at least
 * 5 members tried it.  The same statistics are kept per question of
 * each scenario (a "cell"), where being almost always right is normal
 * and not flagged. */
#ifndef CSLOG_DRILL_H
#define CSLOG_DRILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cslog/policy.h"

#define DRILL_BOX_MAX 5
#define DRILL_BOX_NEW 1
#define DRILL_MIN_MEMBERS 5
#define DRILL_LOW_RIGHT 0.2
#define DRILL_HIGH_RIGHT 0.95
#define DRILL_LOW_DISCRIMINATION 0.2

/* One item's place in a member's schedule. */
struct drill_due {
	size_t item;        /* index into the policy's scenarios or quiz */
	int box;            /* 0 .. DRILL_BOX_MAX */
	int64_t last_at;    /* last attempt; 0: never */
	int lapses;         /* wrong attempts, all told */
};

/* A new item: box 1, never tried. */
struct drill_due drill_due_new(size_t item);

/* The box after an attempt. */
int drill_next_box(int box, bool right);

/* Record an attempt at time `at` (attempts come oldest first). */
void drill_due_record(struct drill_due *d, bool right, int64_t at);

/* Sort items into the order they are offered (see above). */
void drill_order(struct drill_due *items, size_t n);

/* Start a group's schedule (n items, none placed yet) and fold one
 * member's schedule (any order, items < n) into it. */
void drill_group_start(struct drill_due *group, size_t n);
void drill_group_merge(struct drill_due *group, size_t n, const struct drill_due *member,
                       size_t n_member);

/* Score given answers against a scenario's expected ones; the number
 * right out of n_questions. */
int drill_score(const struct policy_scenario *s, const enum answer *given,
                size_t n_questions);

/* The answers a scenario expects mean "empowered" (all yes)? */
bool drill_expects_empowered(const struct policy_scenario *s, size_t n_questions);

/* One member's result on one item, for item analysis. */
struct drill_score_row {
	int64_t member_id;
	size_t item;
	bool right;
};

struct drill_item_stats {
	size_t attempts, right, members;
	double difficulty;      /* share right, 0..1 */
	double discrimination;  /* -1..1; 0 when it cannot be computed */
	bool enough;            /* at least DRILL_MIN_MEMBERS members */
	const char *flag;       /* NULL, or why the item looks dubious */
};

/* Statistics for items 0..n_items-1 from rows (any order; rows of
 * items >= n_items are ignored).  out has n_items entries.  Returns -1
 * when out of memory. */
int drill_item_analysis(const struct drill_score_row *rows, size_t n_rows, size_t n_items,
                        struct drill_item_stats *out);

/* The same for the cells of scenarios: item = scenario * n_questions +
 * question; "almost always right" is not flagged. */
int drill_question_analysis(const struct drill_score_row *rows, size_t n_rows,
                            size_t n_items, struct drill_item_stats *out);

/* How often one member answered each question, and how often wrongly. */
struct drill_tally {
	size_t question;    /* index into the policy's questions */
	size_t asked, wrong;
};

/* Sort tallies most often wrong first: by the share wrong, then the
 * number wrong, then the policy's order; questions never asked last. */
void drill_weakest_first(struct drill_tally *t, size_t n);

#endif
