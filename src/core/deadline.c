/* deadline.c - follow-up clocks: target and limit, the paused clock, and
 * the one rule of what is overdue (see deadline.h). */
#include "cslog/deadline.h"

#include <string.h>

struct deadline_clock
deadline_rule_clock(const struct policy_followup *r, int64_t at, int64_t end_of_day)
{
	struct deadline_clock k;

	if (r->target_minutes == POLICY_SAME_DAY)
		k.target = end_of_day;
	else
		k.target = at + (int64_t)r->target_minutes * 60;
	k.limit = r->limit_minutes > 0 ? at + (int64_t)r->limit_minutes * 60 : k.target;
	if (k.target > k.limit)
		k.target = k.limit;
	return k;
}

int64_t
deadline_propose(const struct policy_followup *r, int64_t at, int64_t end_of_day)
{
	return deadline_rule_clock(r, at, end_of_day).target;
}

int64_t
deadline_limit_for(const struct policy_followup *r, int64_t at, int64_t due)
{
	int64_t limit;

	if (r == NULL || r->limit_minutes <= 0)
		return due;
	limit = at + (int64_t)r->limit_minutes * 60;
	return limit > due ? limit : due;
}

int64_t
deadline_effective(int64_t t, int64_t paused_seconds, int64_t paused_at, int64_t now)
{
	int64_t shift = paused_seconds;

	if (paused_at > 0 && now > paused_at)
		shift += now - paused_at;
	return t + shift;
}

bool
deadline_overdue(int64_t limit, int64_t paused_seconds, int64_t paused_at, bool done,
                 int64_t now)
{
	if (done || paused_at > 0)
		return false;
	return deadline_effective(limit, paused_seconds, 0, now) < now;
}

enum deadline_grade
deadline_grade(int64_t target_eff, int64_t limit_eff, int64_t done_at)
{
	if (done_at <= target_eff)
		return DEADLINE_ON_TARGET;
	if (done_at <= limit_eff)
		return DEADLINE_WITHIN_LIMIT;
	return DEADLINE_LATE;
}

static const char *const grade_names[DEADLINE_GRADES] = {
	"on-target", "within-limit", "late",
};

const char *
deadline_grade_name(enum deadline_grade g)
{
	return (unsigned)g < DEADLINE_GRADES ? grade_names[g] : "?";
}

int
deadline_grade_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < DEADLINE_GRADES; i++)
		if (strcmp(s, grade_names[i]) == 0)
			return i;
	return -1;
}

const char *
deadline_grade_words(enum deadline_grade g)
{
	static const char *const words[DEADLINE_GRADES] = {
		"done on target", "done within the limit", "done late",
	};

	return (unsigned)g < DEADLINE_GRADES ? words[g] : "done";
}

enum deadline_state
deadline_state(int64_t target, int64_t limit, int64_t paused_seconds, int64_t paused_at,
               int64_t done_at, int64_t now)
{
	if (done_at != 0)
		return DEADLINE_DONE;
	if (paused_at > 0)
		return DEADLINE_PAUSED;
	if (deadline_overdue(limit, paused_seconds, 0, false, now))
		return DEADLINE_OVERDUE;
	if (deadline_effective(target, paused_seconds, 0, now) < now)
		return DEADLINE_PAST_TARGET;
	return DEADLINE_DUE;
}

const char *
deadline_state_words(enum deadline_state s)
{
	static const char *const words[] = {
		"due", "past target", "OVERDUE", "paused", "done",
	};

	return (unsigned)s < sizeof words / sizeof words[0] ? words[s] : "?";
}
