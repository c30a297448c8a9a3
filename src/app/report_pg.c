/* report_pg.c - report figures from a PostgreSQL server's aggregates
 * (pgstore_report): what report.c and report_summary.c read from a
 * file's store, read from the server instead.  The scope was decided
 * by report_scope; the server decides it again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "cslog/pgstore.h"
#include "cslog/report.h"

int
app_pg_report_counts(struct app *a, enum store_dim dim, const char *since,
                     const char *until, const char *policy, int64_t member,
                     store_report_cb cb, void *ctx, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);

	return pg == NULL ? app_err(err) : pgstore_report(pg, store_dim_name(dim), since, until,
	                                                  policy, member, cb, ctx, err);
}

struct badges {
	struct report *r;
	bool failed;
};

/* "Name (BADGE)" beside the badge, for the rows naming this member. */
static int
badge_rows(void *ctx, const struct member *m)
{
	struct badges *b = ctx;
	char id[24], *badge, *label;
	size_t i, len;

	snprintf(id, sizeof id, "%lld", (long long)m->id);
	for (i = 0; i < b->r->n; i++) {
		if (strcmp(b->r->rows[i].value, id) != 0)
			continue;
		len = strlen(m->name) + strlen(m->badge) + 4;
		badge = strdup(m->badge);
		label = malloc(len);
		if (badge == NULL || label == NULL) {
			free(badge);
			free(label);
			b->failed = true;
			return 1;
		}
		snprintf(label, len, "%s (%s)", m->name, m->badge);
		free(b->r->rows[i].value);
		free(b->r->rows[i].label);
		b->r->rows[i].value = badge;
		b->r->rows[i].label = label;
	}
	return 0;
}

int
app_pg_report_badges(struct app *a, const struct app_actor *who, struct report *r,
                     struct cs_err *err)
{
	struct badges b = { r, false };
	int rc = app_pg_member_list(a, who, badge_rows, &b, err);

	return rc == CS_OK && b.failed ? cs_err_set(err, CS_OSERR, "out of memory") : rc;
}

int
app_pg_followup_stats(struct app *a, const char *since, const char *until,
                      const char *policy, int64_t member, struct followup_stats *out,
                      int64_t *debrief_pending, struct cs_err *err)
{
	struct pgstore *pg = app_pg(a, err);
	int rc;

	memset(out, 0, sizeof *out);
	*debrief_pending = 0;
	if (pg == NULL)
		return app_err(err);
	rc = pgstore_report(pg, "followup_done", since, until, policy, member,
	                    store_followup_stats_add, out, err);
	if (rc == CS_OK)
		rc = pgstore_report(pg, "followup_open", since, until, policy, member, store_count_add,
		                    &out->unfinished, err);
	if (rc == CS_OK)
		rc = pgstore_report(pg, "debrief_due", since, until, policy, member, store_count_add,
		                    debrief_pending, err);
	if (rc == CS_OK)
		rc = pgstore_report_overdue(pg, since, until, policy, member, &out->overdue, err);
	return rc;
}
