/* pg_followup.c - follow-ups on a PostgreSQL server: listed (open or
 * done), paused and resumed (cslog.followup_list, followup_pause:
 * pg_schema_more.c).  Where each stands is decided here by core's
 * deadline.h, as on a file, at the server's clock. */
#include <stdio.h>
#include <string.h>

#include "cslog/deadline.h"

#include "pg_int.h"

/* Row i of followup_list into f (borrowed from r). */
static void
followup_from(const PGresult *r, int i, struct followup *f)
{
	const char *st = pgstore_val(r, i, 6), *g = pgstore_val(r, i, 16);
	int64_t now = pgstore_int(r, i, 17), paused_at;
	int grade = g != NULL ? deadline_grade_parse(g) : 0;

	memset(f, 0, sizeof *f);
	f->id = pgstore_int(r, i, 0);
	f->contact_id = pgstore_int(r, i, 1);
	f->member_id = pgstore_int(r, i, 2);
	f->created_at = pgstore_int(r, i, 3);
	f->due_at = pgstore_int(r, i, 4);
	f->due_eff = pgstore_int(r, i, 5);
	f->state = st != NULL && strcmp(st, "done") == 0 ? FOLLOWUP_DONE :
	           st != NULL && strcmp(st, "paused") == 0 ? FOLLOWUP_PAUSED : FOLLOWUP_OPEN;
	f->paused_at = pgstore_int(r, i, 7);
	f->pause_reason = pgstore_val(r, i, 8);
	f->paused_seconds = pgstore_int(r, i, 9);
	f->done_at = pgstore_int(r, i, 10);
	f->done_by = pgstore_int(r, i, 11);
	f->note = pgstore_val(r, i, 12);
	f->done_note = pgstore_val(r, i, 13);
	f->limit_at = pgstore_int(r, i, 14);
	f->limit_eff = pgstore_int(r, i, 15);
	f->grade = grade < 0 ? DEADLINE_LATE : (enum deadline_grade)grade;
	paused_at = f->state == FOLLOWUP_PAUSED ? f->paused_at : 0;
	f->overdue = deadline_overdue(f->limit_at, f->paused_seconds, paused_at,
	                              f->state == FOLLOWUP_DONE, now);
	f->clock = deadline_state(f->due_at, f->limit_at, f->paused_seconds, paused_at,
	    f->state == FOLLOWUP_DONE ? (f->done_at ? f->done_at : 1) : 0, now);
}

int
pgstore_followup_list(struct pgstore *pg, const struct followup_filter *f, size_t limit,
                      int (*cb)(void *ctx, const struct followup *fu), void *ctx,
                      struct cs_err *err)
{
	char member[24], lim[24];
	const char *v[] = { pg->token, f->member_id != 0 ? member : NULL,
	                    f->overdue_only ? "true" : "false", f->done ? "true" : "false",
	                    limit > 0 ? lim : NULL };
	PGresult *r;
	struct followup fu;
	int i;

	snprintf(member, sizeof member, "%lld", (long long)f->member_id);
	snprintf(lim, sizeof lim, "%zu", limit);
	r = pgstore_exec(pg, "SELECT * FROM cslog.followup_list($1, $2, $3, $4, $5)", 5, v, err);
	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r); i++) {
		followup_from(r, i, &fu);
		if (cb(ctx, &fu) != 0)
			break;
	}
	PQclear(r);
	return CS_OK;
}

int
pgstore_followup_pause(struct pgstore *pg, int64_t id, const char *reason, struct cs_err *err)
{
	char ids[24];
	const char *v[] = { pg->token, ids, reason };
	PGresult *r;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	r = pgstore_exec_write(pg, reason != NULL ? "pausing a follow-up" : "resuming a follow-up",
	                       "SELECT cslog.followup_pause($1, $2, $3)", 3, v, err);
	if (r == NULL)
		return pgstore_code(err);
	PQclear(r);
	return CS_OK;
}

int
pgstore_followup_of_contact(struct pgstore *pg, int64_t id,
                            int (*cb)(void *ctx, const struct followup *fu), void *ctx,
                            struct cs_err *err)
{
	char ids[24];
	const char *v[] = { pg->token, ids };
	PGresult *r;
	struct followup fu;
	int i;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	r = pgstore_exec(pg, "SELECT * FROM cslog.followup_of_contact($1, $2)", 2, v, err);
	if (r == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(r); i++) {
		followup_from(r, i, &fu);
		if (cb(ctx, &fu) != 0)
			break;
	}
	PQclear(r);
	return CS_OK;
}
