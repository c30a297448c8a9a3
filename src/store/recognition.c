/* recognition.c - recognitions a supervisor records (an award, a
 * letter, positive reinforcement, as BSOFR's document lists them), and
 * the evidence a supervisor weighs before one: each member's
 * commendations, added value, perfect evaluations, survey answers about
 * their contacts, drill and quiz results over a period. */
#include <string.h>

#include "measures_int.h"

static const char SQL_INSERT[] =
	"INSERT INTO recognition (member_id, by_id, logged_at, kind, reason, since, until)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/* The event's detail: the hash of the row as written (internal.h:
 * ROW_RECOGNITION; verify_rows.c computes it again). */
static const char SQL_DETAIL[] = "SELECT json_object('member', ?2, 'kind', ?3,"
	" 'row', (SELECT " ROW_RECOGNITION " FROM recognition WHERE recognition.id = ?1))";
static const char SQL_LIST[] =
	"SELECT r.id, r.member_id, r.by_id, r.logged_at, r.kind, r.reason, r.since, r.until,"
	" m.badge, m.name, b.badge FROM recognition r JOIN member m ON m.id = r.member_id"
	" JOIN member b ON b.id = r.by_id"
	" WHERE (?1 = 0 OR r.logged_at >= ?1) AND (?2 = 0 OR r.logged_at <= ?2)"
	" AND (?4 = 0 OR r.member_id = ?4) ORDER BY r.logged_at DESC, r.id DESC";

/* The period's bounds: ?1 since, ?2 until (0: open); ?3 the headline
 * question; ?4 one member (0: all). */
#define IN(col) " (?1 = 0 OR " col " >= ?1) AND (?2 = 0 OR " col " <= ?2) "
static const char SQL_EVIDENCE[] =
	"SELECT m.id, m.badge, m.name,"
	" (SELECT count(*) FROM contact c WHERE c.member_id = m.id AND c.superseded_by IS NULL"
	"  AND" IN("c.at") "),"
	" (SELECT count(*) FROM contact c WHERE c.member_id = m.id AND c.superseded_by IS NULL"
	"  AND c.added_value IS NOT NULL AND" IN("c.at") "),"
	" (SELECT count(*) FROM review r JOIN contact c ON c.id = r.contact_id"
	"  WHERE c.member_id = m.id AND r.kind = 'commend' AND" IN("r.at") "),"
	" (SELECT count(*) FROM shopper s WHERE s.member_id = m.id AND" IN("s.at") "),"
	" (SELECT count(*) FROM shopper s WHERE s.member_id = m.id AND s.scored > 0"
	"  AND s.met = s.scored AND" IN("s.at") "),"
	" (SELECT count(*) FROM survey s JOIN contact c ON c.id = s.contact_id"
	"  JOIN survey_answer a ON a.survey_id = s.id AND a.question_id = ?3"
	"  WHERE c.member_id = m.id AND" IN("s.at") "),"
	" (SELECT count(*) FROM survey s JOIN contact c ON c.id = s.contact_id"
	"  JOIN survey_answer a ON a.survey_id = s.id AND a.question_id = ?3"
	"  WHERE c.member_id = m.id AND" IN("s.at")
	"  AND CASE WHEN a.scale = '1-5' THEN a.score >= 4 ELSE a.score = 1 END),"
	" (SELECT total(d.correct) FROM drill d WHERE d.member_id = m.id AND" IN("d.at") "),"
	" (SELECT total(d.total) FROM drill d WHERE d.member_id = m.id AND" IN("d.at") "),"
	" (SELECT count(*) FROM recognition r WHERE r.member_id = m.id AND" IN("r.logged_at") ")"
	" FROM member m WHERE (?4 = 0 OR m.id = ?4) ORDER BY m.name, m.id";

/* The items behind them, newest first, at most ?5 of each kind. */
static const char SQL_ITEMS[] =
	"SELECT * FROM ("
	" SELECT 0, c.id, r.at, 0, r.note, c.summary FROM review r"
	"  JOIN contact c ON c.id = r.contact_id WHERE c.member_id = ?4"
	"  AND r.kind = 'commend' AND" IN("r.at") "ORDER BY r.at DESC LIMIT ?5)"
	" UNION ALL SELECT * FROM ("
	" SELECT 1, c.id, c.at, 0, c.added_value, c.summary FROM contact c"
	"  WHERE c.member_id = ?4 AND c.superseded_by IS NULL AND c.added_value IS NOT NULL"
	"  AND" IN("c.at") "ORDER BY c.at DESC LIMIT ?5)"
	" UNION ALL SELECT * FROM ("
	" SELECT 2, s.id, s.at, s.met, s.channel, s.policy_id FROM shopper s"
	"  WHERE s.member_id = ?4 AND s.scored > 0 AND s.met = s.scored AND" IN("s.at")
	"  ORDER BY s.at DESC LIMIT ?5)"
	" UNION ALL SELECT * FROM ("
	" SELECT 3, s.id, s.at, a.score,"
	"  CASE WHEN EXISTS (SELECT 1 FROM survey_comment k WHERE k.survey_id = s.id)"
	"  THEN 'comment' END, c.summary FROM survey s JOIN contact c ON c.id = s.contact_id"
	"  JOIN survey_answer a ON a.survey_id = s.id AND a.question_id = ?3"
	"  WHERE c.member_id = ?4 AND" IN("s.at") "ORDER BY s.at DESC LIMIT ?5)"
	" UNION ALL SELECT * FROM ("
	" SELECT 4, r.id, r.logged_at, 0, r.kind, r.reason FROM recognition r"
	"  WHERE r.member_id = ?4 AND" IN("r.logged_at") "ORDER BY r.logged_at DESC LIMIT ?5)";

static int
check(const struct recognition *r, struct cs_err *err)
{
	int rc = check_text("the reason", r->reason, RECOGNITION_REASON_MAX, true, err);

	if (rc == CS_OK && (unsigned)r->kind > RECOGNITION_REINFORCEMENT)
		rc = cs_err_set(err, CS_DATAERR, "no such kind of recognition");
	if (rc == CS_OK)
		rc = check_time("the start of the period", r->since, false, err);
	if (rc == CS_OK)
		rc = check_time("the end of the period", r->until, false, err);
	if (rc == CS_OK && r->since != 0 && r->until != 0 && r->until < r->since)
		rc = cs_err_set(err, CS_DATAERR, "the period ends before it starts");
	return rc;
}

static int
write_recognition(struct store *st, int64_t actor_id, const struct recognition *r,
                  int64_t now, int64_t *id, struct cs_err *err)
{
	struct cval v[8];
	sqlite3_stmt *s;
	bool found;
	int i, rc = exists_member(st, r->member_id, &found, err);

	if (rc == CS_OK && !found)
		return cs_err_set(err, CS_NOUSER, "no member %lld", (long long)r->member_id);
	if (rc != CS_OK || (s = stmt_get(st, SQL_INSERT, err)) == NULL)
		return rc != CS_OK ? rc : err_code(err);
	cval_int(&v[0], 0);
	cval_int(&v[1], r->member_id);
	cval_int(&v[2], actor_id);
	cval_int(&v[3], now);
	cval_text(&v[4], record_recognition_kind_name(r->kind));
	cval_text(&v[5], r->reason);
	cval_id(&v[6], r->since);
	cval_id(&v[7], r->until);
	for (i = 1; i < 8; i++)
		cval_bind(s, i, &v[i]);
	if ((rc = stmt_done(st, s, "the recognition was not saved", err)) != CS_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	if ((s = stmt_get(st, SQL_DETAIL, err)) == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, *id);
	sqlite3_bind_int64(s, 2, r->member_id);
	bind_text(s, 3, record_recognition_kind_name(r->kind));
	return audit_append(st, actor_id, "recognition.add", "recognition", *id, now, s, err);
}

int
store_recognition_add(struct store *st, int64_t actor_id, const struct recognition *r,
                      int64_t now, int64_t *id, struct cs_err *err)
{
	int64_t new_id = 0;
	int rc = check(r, err);

	if (id != NULL)
		*id = 0;
	if (rc == CS_OK)
		rc = tx_begin_for(st, "the recognition was not saved", err);
	if (rc != CS_OK)
		return rc;
	rc = tx_end(st, write_recognition(st, actor_id, r, now, &new_id, err), err);
	if (id != NULL && rc == CS_OK)
		*id = new_id;
	return rc;
}

static int
decode(sqlite3_stmt *s, struct recognition *r, struct cs_err *err)
{
	struct record_mem *m = NULL;
	int k;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	r->member_id = sqlite3_column_int64(s, 1);
	r->by_id = sqlite3_column_int64(s, 2);
	r->logged_at = sqlite3_column_int64(s, 3);
	k = record_recognition_kind_parse((const char *)sqlite3_column_text(s, 4));
	r->kind = k < 0 ? RECOGNITION_REINFORCEMENT : (enum recognition_kind)k;
	r->reason = col_dup(&m, s, 5);
	r->since = sqlite3_column_int64(s, 6);
	r->until = sqlite3_column_int64(s, 7);
	r->member_badge = col_dup(&m, s, 8);
	r->member_name = col_dup(&m, s, 9);
	r->by_badge = col_dup(&m, s, 10);
	r->mem = m;
	if (r->reason == NULL || r->member_badge == NULL || r->member_name == NULL ||
	    r->by_badge == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	return CS_OK;
}

int
store_recognition_list(struct store *st, const struct measure_filter *f,
                       int (*cb)(void *ctx, const struct recognition *r), void *ctx,
                       struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_LIST, err);
	struct recognition r;
	bool row = true;
	int rc = CS_OK, stop = 0;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, f->since);
	sqlite3_bind_int64(s, 2, f->until);
	sqlite3_bind_int64(s, 4, f->member_id);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot read recognitions", err)) == CS_OK
	       && row) {
		rc = decode(s, &r, err);
		if (rc == CS_OK)
			stop = cb(ctx, &r);
		record_recognition_clear(&r);
		if (rc != CS_OK)
			break;
	}
	stmt_release(st, s);
	return rc;
}

static bool
any_evidence(const struct evidence *e)
{
	return e->contacts || e->commendations || e->evaluations || e->responses ||
	       e->drill_asked || e->recognitions;
}

int
store_evidence(struct store *st, const struct measure_filter *f, const char *headline,
               int (*cb)(void *ctx, const struct evidence *e), void *ctx, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_EVIDENCE, err);
	struct evidence e;
	bool row = true;
	int rc = CS_OK, stop = 0;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, f->since);
	sqlite3_bind_int64(s, 2, f->until);
	bind_text(s, 3, headline != NULL ? headline : "");
	sqlite3_bind_int64(s, 4, f->member_id);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the evidence", err)) == CS_OK
	       && row) {
		memset(&e, 0, sizeof e);
		e.member_id = sqlite3_column_int64(s, 0);
		e.badge = (const char *)sqlite3_column_text(s, 1);
		e.name = (const char *)sqlite3_column_text(s, 2);
		e.contacts = sqlite3_column_int64(s, 3);
		e.added_value = sqlite3_column_int64(s, 4);
		e.commendations = sqlite3_column_int64(s, 5);
		e.evaluations = sqlite3_column_int64(s, 6);
		e.perfect = sqlite3_column_int64(s, 7);
		e.responses = sqlite3_column_int64(s, 8);
		e.satisfied = sqlite3_column_int64(s, 9);
		e.drill_right = (int64_t)sqlite3_column_double(s, 10);
		e.drill_asked = (int64_t)sqlite3_column_double(s, 11);
		e.recognitions = sqlite3_column_int64(s, 12);
		if (e.badge == NULL || e.name == NULL) {
			rc = cs_err_set(err, CS_OSERR, "out of memory");
			break;
		}
		if (f->member_id != 0 || any_evidence(&e))
			stop = cb(ctx, &e);
	}
	stmt_release(st, s);
	return rc;
}

int
store_evidence_items(struct store *st, const struct measure_filter *f, int64_t member_id,
                     const char *headline, size_t each,
                     int (*cb)(void *ctx, const struct evidence_item *it), void *ctx,
                     struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_ITEMS, err);
	struct evidence_item it;
	bool row = true;
	int rc = CS_OK, stop = 0;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, f->since);
	sqlite3_bind_int64(s, 2, f->until);
	bind_text(s, 3, headline != NULL ? headline : "");
	sqlite3_bind_int64(s, 4, member_id);
	sqlite3_bind_int64(s, 5, each > 0 ? (int64_t)each : -1);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the evidence", err)) == CS_OK
	       && row) {
		it.kind = (enum evidence_kind)sqlite3_column_int(s, 0);
		it.id = sqlite3_column_int64(s, 1);
		it.at = sqlite3_column_int64(s, 2);
		it.score = sqlite3_column_int(s, 3);
		it.text = (const char *)sqlite3_column_text(s, 4);
		it.text2 = (const char *)sqlite3_column_text(s, 5);
		stop = cb(ctx, &it);
	}
	stmt_release(st, s);
	return rc;
}
