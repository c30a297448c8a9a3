/* measures_common.c - what the commands of the measures share: the
 * period of --since and --until, and a share with its interval. */
#include <string.h>

#include "cli_measures.h"
#include "cslog/app_time.h"

int
cli_period(struct cli *c, const struct cli_call *k, int since_id, int until_id,
           char since[16], char until[16], struct measure_filter *f)
{
	int64_t t;
	int rc = 0;

	memset(f, 0, sizeof *f);
	since[0] = until[0] = '\0';
	if (cli_has(k, since_id) && (rc = cli_time(c, "--since", k->val[since_id], 0, &t)) == 0)
		app_time_day(t, since, 16);
	if (rc == 0 && cli_has(k, until_id) &&
	    (rc = cli_time(c, "--until", k->val[until_id], 1, &t)) == 0)
		app_time_day(t, until, 16);
	if (rc == 0)
		app_day_bounds(since[0] ? since : NULL, until[0] ? until : NULL, &f->since,
		               &f->until);
	return rc;
}

void
cli_share(FILE *f, const struct stat_share *s, bool responses)
{
	if (s->n == 0) {
		fputs("none", f);
		return;
	}
	fprintf(f, "%lld of %lld (%.1f %%, 95 %% CI %.1f-%.1f)", (long long)s->k,
	        (long long)s->n, stats_pct(s->p), stats_pct(s->lo), stats_pct(s->hi));
	if (responses && s->few)
		fputs(" too few responses", f);
}
