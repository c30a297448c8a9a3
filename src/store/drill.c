/* drill.c - drill attempts: one row per trainee and scenario or quiz
 * item, with the answer given and expected for each question. */
#include <string.h>

#include "internal.h"

static const char SQL_MEMBER[] = "SELECT 1 FROM member WHERE id = ?1";
static const char SQL_INSERT[] =
	"INSERT INTO drill (member_id, trainer_id, policy_id, policy_version, kind, item_id,"
	" at, session_id, quiz_answer, correct, total)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char SQL_ANSWER[] =
	"INSERT INTO drill_answer (drill_id, ord, question_id, given, expected)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_DETAIL[] =
	"SELECT json_object('member', ?1, 'item', ?2, 'correct', ?3, 'total', ?4,"
	" 'row', (SELECT " ROW_DRILL " FROM drill WHERE drill.id = ?5))";
static const char SQL_QUERY[] =
	"SELECT id, member_id, trainer_id, policy_id, policy_version, kind, item_id, at,"
	" session_id, quiz_answer, correct, total FROM drill"
	" WHERE (?1 IS NULL OR member_id = ?1) AND (?2 IS NULL OR policy_id = ?2)"
	" AND (?3 IS NULL OR session_id = ?3) AND at BETWEEN ?4 AND ?5 ORDER BY at, id";
static const char SQL_ANSWERS[] =
	"SELECT question_id, given, expected FROM drill_answer WHERE drill_id = ?1 ORDER BY ord";

static const char *
answer_text(enum answer a)
{
	return a == ANSWER_YES ? "yes" : a == ANSWER_NO ? "no" : NULL;
}

static enum answer
answer_of(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	if (t == NULL)
		return ANSWER_UNSET;
	return strcmp((const char *)t, "yes") == 0 ? ANSWER_YES : ANSWER_NO;
}

static int
check_drill(const struct drill_attempt *d, struct cs_err *err)
{
	size_t i;
	int rc = check_id("policy", d->policy_id, true, err);

	if (rc == CS_OK)
		rc = check_text("policy version", d->policy_version, RECORD_ID_MAX, true, err);
	if (rc == CS_OK)
		rc = check_id("drill item", d->item_id, true, err);
	if (rc == CS_OK)
		rc = check_text("session", d->session_id, RECORD_ID_MAX, false, err);
	if (rc == CS_OK)
		rc = check_text("quiz answer", d->quiz_answer, CONTACT_TEXT_MAX, false, err);
	if (rc == CS_OK)
		rc = check_time("drill time", d->at, true, err);
	if (rc == CS_OK && ((unsigned)d->kind > DRILL_QUIZ || d->correct < 0 ||
	                    d->total < d->correct || d->n_answers > POLICY_MAX_QUESTIONS))
		rc = cs_err_set(err, CS_DATAERR, "a drill result does not add up");
	for (i = 0; rc == CS_OK && i < d->n_answers; i++)
		rc = check_id("question", d->answers[i].question, true, err);
	return rc;
}

static int
insert_answers(struct store *st, int64_t id, const struct drill_attempt *d,
               struct cs_err *err)
{
	sqlite3_stmt *s;
	size_t i;
	int rc = CS_OK;

	for (i = 0; rc == CS_OK && i < d->n_answers; i++) {
		s = stmt_get(st, SQL_ANSWER, err);
		if (s == NULL)
			return err_code(err);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		bind_text(s, 3, d->answers[i].question);
		bind_text(s, 4, answer_text(d->answers[i].given));
		bind_text(s, 5, answer_text(d->answers[i].expected));
		rc = stmt_done(st, s, "the drill result was not saved", err);
	}
	return rc;
}

static int
insert(struct store *st, int64_t actor_id, const struct drill_attempt *d, int64_t now,
       int64_t *id, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_INSERT, err);
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, d->member_id);
	bind_id(s, 2, d->trainer_id);
	bind_text(s, 3, d->policy_id);
	bind_text(s, 4, d->policy_version);
	bind_text(s, 5, record_drill_kind_name(d->kind));
	bind_text(s, 6, d->item_id);
	sqlite3_bind_int64(s, 7, d->at);
	bind_text(s, 8, d->session_id != NULL && *d->session_id != '\0' ? d->session_id : NULL);
	bind_text(s, 9, d->quiz_answer);
	sqlite3_bind_int(s, 10, d->correct);
	sqlite3_bind_int(s, 11, d->total);
	rc = stmt_done(st, s, "the drill result was not saved", err);
	*id = sqlite3_last_insert_rowid(st->db);
	if (rc == CS_OK)
		rc = insert_answers(st, *id, d, err);
	if (rc != CS_OK)
		return rc;
	s = stmt_get(st, SQL_DETAIL, err);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, d->member_id);
	bind_text(s, 2, d->item_id);
	sqlite3_bind_int(s, 3, d->correct);
	sqlite3_bind_int(s, 4, d->total);
	sqlite3_bind_int64(s, 5, *id);
	return audit_append(st, actor_id, "drill.add", "drill", *id, now, s, err);
}

int
store_drill_add(struct store *st, int64_t actor_id, const struct drill_attempt *d,
                int64_t now, int64_t *id, struct cs_err *err)
{
	sqlite3_stmt *s;
	int64_t new_id = 0;
	bool found = false;
	int rc = check_drill(d, err);

	if (id != NULL)
		*id = 0;
	if (rc == CS_OK)
		rc = tx_begin_for(st, "the drill result was not saved", err);
	if (rc != CS_OK)
		return rc;
	s = stmt_get(st, SQL_MEMBER, err);
	if (s == NULL)
		return tx_end(st, err_code(err), err);
	sqlite3_bind_int64(s, 1, d->member_id);
	rc = stmt_row(st, s, &found, "cannot read the members", err);
	sqlite3_reset(s);
	if (rc == CS_OK && !found)
		rc = cs_err_set(err, CS_NOUSER, "no member %lld", (long long)d->member_id);
	if (rc == CS_OK)
		rc = insert(st, actor_id, d, now, &new_id, err);
	rc = tx_end(st, rc, err);
	if (id != NULL)
		*id = rc == CS_OK ? new_id : 0;
	return rc;
}

static int
read_answers(struct store *st, struct drill_attempt *d, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_ANSWERS, err);
	bool row = true;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, d->id);
	while ((rc = stmt_row(st, s, &row, "cannot read the drills", err)) == CS_OK && row &&
	       d->n_answers < POLICY_MAX_QUESTIONS) {
		d->answers[d->n_answers].question = col_dup(&d->mem, s, 0);
		d->answers[d->n_answers].given = answer_of(s, 1);
		d->answers[d->n_answers].expected = answer_of(s, 2);
		if (d->answers[d->n_answers++].question == NULL)
			rc = cs_err_set(err, CS_OSERR, "out of memory");
	}
	sqlite3_reset(s);
	return rc;
}

static int
decode(struct store *st, sqlite3_stmt *s, struct drill_attempt *d, struct cs_err *err)
{
	struct record_mem **m = &d->mem;

	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(s, 0);
	d->member_id = sqlite3_column_int64(s, 1);
	d->trainer_id = sqlite3_column_int64(s, 2);
	d->policy_id = col_dup(m, s, 3);
	d->policy_version = col_dup(m, s, 4);
	d->kind = strcmp((const char *)sqlite3_column_text(s, 5), "quiz") == 0 ? DRILL_QUIZ
	                                                                       : DRILL_SCENARIO;
	d->item_id = col_dup(m, s, 6);
	d->at = sqlite3_column_int64(s, 7);
	d->session_id = col_dup(m, s, 8);
	d->quiz_answer = col_dup(m, s, 9);
	d->correct = sqlite3_column_int(s, 10);
	d->total = sqlite3_column_int(s, 11);
	if (d->policy_id == NULL || d->policy_version == NULL || d->item_id == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	return read_answers(st, d, err);
}

int
store_drill_query(struct store *st, const struct drill_filter *f, store_drill_cb cb,
                  void *ctx, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_QUERY, err);
	struct drill_attempt d;
	bool row = true;
	int rc = CS_OK, stop = 0;

	if (s == NULL)
		return err_code(err);
	bind_id(s, 1, f->member_id);
	bind_text(s, 2, f->policy_id != NULL && *f->policy_id != '\0' ? f->policy_id : NULL);
	bind_text(s, 3, f->session_id != NULL && *f->session_id != '\0' ? f->session_id : NULL);
	sqlite3_bind_int64(s, 4, f->since);
	sqlite3_bind_int64(s, 5, f->until != 0 ? f->until : INT64_MAX);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the drills", err)) == CS_OK
	       && row) {
		rc = decode(st, s, &d, err);
		if (rc == CS_OK)
			stop = cb(ctx, &d);
		record_drill_clear(&d);
		if (rc != CS_OK)
			break;
	}
	stmt_release(st, s);
	return rc;
}
