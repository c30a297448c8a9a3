/* queue.c - the supervisor's review queue (being written). */
#include "cslog/tui_screens.h"

void
tui_open_queue(struct tui *t)
{
	tui_say(t, true, "The review queue is not built yet.");
}

void
tui_open_followups(struct tui *t)
{
	tui_say(t, true, "Follow-ups are not built yet.");
}

void
tui_open_reports(struct tui *t)
{
	tui_say(t, true, "Reports are not built yet.");
}
