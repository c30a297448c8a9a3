/* drill.c - drills and quizzes: not written yet (issue 6). */
#include "cslog/tui_screens.h"

void
tui_open_drill(struct tui *t)
{
	tui_say(t, true, "Drills are not built yet.");
}
