/* tui_screens.h - the screens and how to open them (tui layer only). */
#ifndef CSLOG_TUI_SCREENS_H
#define CSLOG_TUI_SCREENS_H

#include "cslog/tui_core.h"

/* The first screen: creating the first supervisor on an empty database,
 * else sign-in. */
void tui_screens_start(struct tui *t);

void tui_open_signin(struct tui *t);
void tui_open_home(struct tui *t);
/* Log a contact; resume the member's draft when `resume`. */
void tui_open_log(struct tui *t, bool resume);

/* Supervisor screens (queue.c, detail.c, followups.c, reports.c). */
void tui_open_queue(struct tui *t);
void tui_open_followups(struct tui *t);
void tui_open_reports(struct tui *t);
/* Drills and quizzes (drill.c and friends). */
void tui_open_drill(struct tui *t);

#endif
