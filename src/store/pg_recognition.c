/* pg_recognition.c - recognitions and the evidence for them on a
 * PostgreSQL server (cslog.recognition_add, recognition_list, evidence,
 * evidence_items: pg_schema_recognition.c), as a file's
 * store_recognition_* and store_evidence* (recognition.c).  Who may
 * record one and whose evidence may be weighed is the server's
 * decision again, from the session. */
#include <stdio.h>
#include <string.h>

#include "cslog/pgstore_measures.h"

#include "internal.h"
#include "pg_int.h"

int
pgstore_recognition_add(struct pgstore *pg, const struct recognition *r, int64_t *id,
                        struct cs_err *err)
{
	char member[24], since[24], until[24];
	const char *v[] = { pg->token, member, record_recognition_kind_name(r->kind), r->reason,
	                    r->since != 0 ? since : NULL, r->until != 0 ? until : NULL };
	PGresult *res;

	*id = 0;
	snprintf(member, sizeof member, "%lld", (long long)r->member_id);
	snprintf(since, sizeof since, "%lld", (long long)r->since);
	snprintf(until, sizeof until, "%lld", (long long)r->until);
	res = pgstore_exec_write(pg, "recording a recognition",
	                         "SELECT cslog.recognition_add($1, $2, $3, $4, $5, $6)", 6, v, err);
	if (res == NULL)
		return pgstore_code(err);
	*id = pgstore_int(res, 0, 0);
	PQclear(res);
	return CS_OK;
}

/* since, until, member of f as parameters v[0..2] (NULL: open). */
struct period {
	char since[24], until[24], member[24];
};

static void
period(const struct measure_filter *f, int64_t member, struct period *p, const char **v)
{
	snprintf(p->since, sizeof p->since, "%lld", (long long)f->since);
	snprintf(p->until, sizeof p->until, "%lld", (long long)f->until);
	snprintf(p->member, sizeof p->member, "%lld", (long long)member);
	v[0] = f->since != 0 ? p->since : NULL;
	v[1] = f->until != 0 ? p->until : NULL;
	v[2] = member != 0 ? p->member : NULL;
}

/* recognition_list (meeting: meeting_recognitions, every one). */
static int
recognitions(struct pgstore *pg, const struct measure_filter *f, bool meeting,
             int (*cb)(void *ctx, const struct recognition *r), void *ctx, struct cs_err *err)
{
	struct period p;
	const char *v[4] = { pg->token };
	struct recognition r;
	PGresult *res;
	int i, k;

	period(f, f->member_id, &p, v + 1);
	res = meeting ? pgstore_exec(pg, "SELECT * FROM cslog.meeting_recognitions($1, $2, $3)",
	                             3, v, err)
	              : pgstore_exec(pg, "SELECT * FROM cslog.recognition_list($1, $2, $3, $4)",
	                             4, v, err);
	if (res == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(res); i++) {
		memset(&r, 0, sizeof r);
		r.id = pgstore_int(res, i, 0);
		r.member_id = pgstore_int(res, i, 1);
		r.by_id = pgstore_int(res, i, 2);
		r.logged_at = pgstore_int(res, i, 3);
		k = record_recognition_kind_parse(PQgetvalue(res, i, 4));
		r.kind = k < 0 ? RECOGNITION_REINFORCEMENT : (enum recognition_kind)k;
		r.reason = pgstore_val(res, i, 5);
		r.since = pgstore_int(res, i, 6);
		r.until = pgstore_int(res, i, 7);
		r.member_badge = pgstore_val(res, i, 8);
		r.member_name = pgstore_val(res, i, 9);
		r.by_badge = pgstore_val(res, i, 10);
		if (cb(ctx, &r) != 0)
			break;
	}
	PQclear(res);
	return CS_OK;
}

int
pgstore_recognition_list(struct pgstore *pg, const struct measure_filter *f,
                         int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                         struct cs_err *err)
{
	return recognitions(pg, f, false, cb, ctx, err);
}

int
pgstore_meeting_recognitions(struct pgstore *pg, const struct measure_filter *f,
                             int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                             struct cs_err *err)
{
	return recognitions(pg, f, true, cb, ctx, err);
}

static bool
any_evidence(const struct evidence *e)
{
	return e->contacts || e->commendations || e->evaluations || e->responses ||
	       e->drill_asked || e->recognitions;
}

int
pgstore_evidence(struct pgstore *pg, const struct measure_filter *f, const char *headline,
                 int (*cb)(void *ctx, const struct evidence *e), void *ctx,
                 struct cs_err *err)
{
	struct period p;
	const char *v[5] = { pg->token };
	struct evidence e;
	PGresult *res;
	int i;

	period(f, f->member_id, &p, v + 1);
	v[4] = v[3];
	v[3] = headline != NULL ? headline : "";
	res = pgstore_exec(pg, "SELECT * FROM cslog.evidence($1, $2, $3, $4, $5)", 5, v, err);
	if (res == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(res); i++) {
		memset(&e, 0, sizeof e);
		e.member_id = pgstore_int(res, i, 0);
		e.badge = PQgetvalue(res, i, 1);
		e.name = PQgetvalue(res, i, 2);
		e.contacts = pgstore_int(res, i, 3);
		e.added_value = pgstore_int(res, i, 4);
		e.commendations = pgstore_int(res, i, 5);
		e.evaluations = pgstore_int(res, i, 6);
		e.perfect = pgstore_int(res, i, 7);
		e.responses = pgstore_int(res, i, 8);
		e.satisfied = pgstore_int(res, i, 9);
		e.drill_right = pgstore_int(res, i, 10);
		e.drill_asked = pgstore_int(res, i, 11);
		e.recognitions = pgstore_int(res, i, 12);
		if ((f->member_id != 0 || any_evidence(&e)) && cb(ctx, &e) != 0)
			break;
	}
	PQclear(res);
	return CS_OK;
}

int
pgstore_evidence_items(struct pgstore *pg, const struct measure_filter *f, int64_t member_id,
                       const char *headline, size_t each,
                       int (*cb)(void *ctx, const struct evidence_item *it), void *ctx,
                       struct cs_err *err)
{
	struct period p;
	char n[24];
	const char *v[6] = { pg->token };
	struct evidence_item it;
	PGresult *res;
	int i;

	period(f, member_id, &p, v + 1);
	v[4] = v[3];
	v[3] = headline != NULL ? headline : "";
	snprintf(n, sizeof n, "%zu", each);
	v[5] = each > 0 ? n : NULL;
	res = pgstore_exec(pg, "SELECT * FROM cslog.evidence_items($1, $2, $3, $4, $5, $6)", 6, v,
	                   err);
	if (res == NULL)
		return pgstore_code(err);
	for (i = 0; i < PQntuples(res); i++) {
		it.kind = (enum evidence_kind)pgstore_int(res, i, 0);
		it.id = pgstore_int(res, i, 1);
		it.at = pgstore_int(res, i, 2);
		it.score = (int)pgstore_int(res, i, 3);
		it.text = pgstore_val(res, i, 4);
		it.text2 = pgstore_val(res, i, 5);
		if (cb(ctx, &it) != 0)
			break;
	}
	PQclear(res);
	return CS_OK;
}
