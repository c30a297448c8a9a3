/* cli_drill.h - the quiz on paper and the grader's decisions, for
 * `cslog drill` (cli/drill_quiz.c). */
#ifndef CSLOG_CLI_DRILL_H
#define CSLOG_CLI_DRILL_H

#include <stdbool.h>
#include <stdint.h>

#include "cli_cmd.h"

/* drill answer --quiz: grade and keep member_id's typed answer `text` to
 * quiz item `item` of p (the actor is the trainer: --as); prints
 * "right: ..." or "not right: ..." and why.  An exit status. */
int cli_drill_quiz_answer(struct cli *c, const struct app_actor *who, const struct policy *p,
                          int64_t member_id, const char *item, const char *text,
                          const char *session);

/* The grader's decisions on every attempt kept at p's quiz items (quiz)
 * or scenarios: the grade given then, the grade now and (quizzes) why,
 * for member_id (0: everyone) since `since`.  only_changed: only those
 * graded otherwise now, after a heading (nothing when none is); format:
 * enum cli_format.  An exit status. */
int cli_drill_decisions(struct cli *c, const struct app_actor *who, const struct policy *p,
                        bool quiz, int64_t member_id, int64_t since, int format,
                        bool only_changed);

#endif
