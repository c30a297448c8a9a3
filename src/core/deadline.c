/* deadline.c - follow-up due times and the paused clock. */
#include "cslog/deadline.h"

int64_t
deadline_propose(const struct policy_followup *r, int64_t at, int64_t end_of_day)
{
	int64_t target, limit;

	if (r->target_minutes == POLICY_SAME_DAY)
		target = end_of_day;
	else
		target = at + (int64_t)r->target_minutes * 60;
	if (r->limit_minutes <= 0)
		return target;
	limit = at + (int64_t)r->limit_minutes * 60;
	return target < limit ? target : limit;
}

int64_t
deadline_effective(int64_t due, int64_t paused_seconds, int64_t paused_at, int64_t now)
{
	int64_t shift = paused_seconds;

	if (paused_at > 0 && now > paused_at)
		shift += now - paused_at;
	return due + shift;
}

bool
deadline_overdue(int64_t due, int64_t paused_seconds, int64_t paused_at, bool done,
                 int64_t now)
{
	if (done || paused_at > 0)
		return false;
	return now > deadline_effective(due, paused_seconds, 0, now);
}
