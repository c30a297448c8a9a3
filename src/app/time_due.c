/* time_due.c - a follow-up's due time as the screens take it: the one
 * parser (time.c), then the rule a save applies (app_check_followup), so
 * that the step refuses what the save would, with the same words. */
#include "cslog/app_time.h"

#include <string.h>

#include "app_int.h"

int
app_followup_due(struct app *a, const struct policy *p, const char *channel,
                 const char *s, int64_t *out, struct cs_err *err)
{
	struct contact c;
	int64_t now = app_now(a);
	int rc = app_time_parse_due(s, now, out, err);

	if (rc != CS_OK || p == NULL)
		return rc;
	memset(&c, 0, sizeof c);
	c.at = now;   /* a contact logged now, as the screens log one */
	c.channel = channel;
	c.followup_due = *out;
	return app_check_followup(p, &c, now, err);
}
