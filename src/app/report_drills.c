/* report_drills.c - the drills section of the reports: per member, the
 * drill and quiz answers right of those given in the period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cslog/app_time.h"
#include "cslog/report.h"

#include "app_int.h"

#define MAX_MEMBERS 4096

struct tally {
	int64_t member[MAX_MEMBERS];
	int64_t right[MAX_MEMBERS], given[MAX_MEMBERS];
	size_t n;
};

static int
count(void *ctx, const struct drill_attempt *d)
{
	struct tally *t = ctx;
	size_t i;

	for (i = 0; i < t->n && t->member[i] != d->member_id; i++)
		;
	if (i == t->n) {
		if (t->n == MAX_MEMBERS)
			return 0;
		t->member[t->n++] = d->member_id;
	}
	t->right[i] += d->correct;
	t->given[i] += d->total;
	return 0;
}

/* "YYYY-MM-DD" as the first second of that UTC day (+1 day: the end). */
static int
day_start(struct app *a, const char *day, int next, int64_t *out, struct cs_err *err)
{
	char iso[40];

	if (day == NULL || *day == '\0') {
		*out = 0;
		return CS_OK;
	}
	snprintf(iso, sizeof iso, "%.10sT00:00:00Z", day);
	if (app_time_parse(iso, a->now, 0, out, err) != CS_OK)
		return err != NULL ? err->code : CS_USAGE;
	*out += next ? 86400 - 1 : 0;
	return CS_OK;
}

int
report_drills(struct app *a, const struct app_actor *who, const char *since_day,
              const char *until_day, const char *policy, struct report *out,
              struct cs_err *err)
{
	struct drill_filter f = { .policy_id = policy };
	bool server = app_db_is_server(a);
	struct store *st = server ? NULL : app_store(a, err);
	struct tally *t = calloc(1, sizeof *t);
	struct member m = { 0 };
	char id[24];
	size_t i;
	int rc = t != NULL ? CS_OK : cs_err_set(err, CS_OSERR, "out of memory");

	memset(out, 0, sizeof *out);
	if (rc == CS_OK)
		rc = app_may(who, APP_REPORT_BY_MEMBER, 0, err);
	if (rc == CS_OK && st == NULL && !server)
		rc = err != NULL ? err->code : CS_SOFTWARE;
	if (rc == CS_OK)
		rc = day_start(a, since_day, 0, &f.since, err);
	if (rc == CS_OK)
		rc = day_start(a, until_day, 1, &f.until, err);
	if (rc == CS_OK)
		rc = app_drill_rows(a, &f, count, t, err);
	/* On a server: rows by member id, then by badge with the name. */
	for (i = 0; server && rc == CS_OK && i < t->n; i++) {
		snprintf(id, sizeof id, "%lld", (long long)t->member[i]);
		if (report_add(out, id, t->right[i], t->given[i]) != 0)
			rc = cs_err_set(err, CS_OSERR, "out of memory");
	}
	if (server && rc == CS_OK)
		rc = app_pg_report_badges(a, who, out, err);
	for (i = 0; !server && rc == CS_OK && t != NULL && i < t->n; i++) {
		if (store_member_get(st, t->member[i], &m, NULL) != CS_OK)
			continue;
		if (report_add(out, m.badge, t->right[i], t->given[i]) != 0)
			rc = cs_err_set(err, CS_OSERR, "out of memory");
		record_member_clear(&m);
	}
	if (rc != CS_OK)
		report_free(out);
	free(t);
	return rc;
}
