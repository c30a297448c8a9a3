/* survey.c - citizen satisfaction survey responses.  A response is one
 * transaction: its row, its answers, its comment (kept apart with a
 * fresh salt, like the customer fields: free text from the public can
 * name people), and the audit event holding the hash of the row as
 * written, answers and comment (with its salt) included (ROW_SURVEY). */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "measures_int.h"

static const char SQL_CONTACT[] = "SELECT 1 FROM contact WHERE id = ?1";
static const char SQL_REF[] = "SELECT id FROM survey WHERE ref = ?1";
static const char SQL_MAX[] = "SELECT coalesce(max(id), 0) FROM survey";
static const char SQL_INSERT[] =
	"INSERT INTO survey (entered_by, logged_at, at, policy_id, policy_version, source,"
	" contact_id, ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_ANSWER[] =
	"INSERT INTO survey_answer (survey_id, ord, question_id, scale, score)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_COMMENT[] =
	"INSERT INTO survey_comment (survey_id, salt, comment) VALUES (?1, ?2, ?3)";
/* The event's detail: the hash of the row as written, with its answers
 * and its comment (internal.h: ROW_SURVEY; verify_rows.c computes it
 * again), and whether it has a comment. */
static const char SQL_DETAIL[] = "SELECT json_object('contact', ?2, 'comment', ?3,"
	" 'row', (SELECT " ROW_SURVEY " FROM survey WHERE survey.id = ?1))";
static const char SQL_ROWS[] =
	"SELECT ord, question_id, scale, score FROM survey_answer WHERE survey_id = ?1"
	" ORDER BY ord";
static const char SQL_COMMENT_READ[] = "SELECT comment FROM survey_comment WHERE survey_id = ?1";

#define RESPONSE_COLS \
	"SELECT s.id, s.entered_by, s.logged_at, s.at, s.policy_id, s.policy_version," \
	" s.source, s.contact_id, s.ref," \
	" EXISTS (SELECT 1 FROM survey_comment k WHERE k.survey_id = s.id)," \
	" c.member_id, m.badge, c.kind, c.channel, c.outcome, c.added_value IS NOT NULL," \
	" c.empowered "
#define FROM \
	" FROM survey s LEFT JOIN contact c ON c.id = s.contact_id" \
	" LEFT JOIN member m ON m.id = c.member_id "
#define WHERE \
	" WHERE (?1 = 0 OR s.at >= ?1) AND (?2 = 0 OR s.at <= ?2)" \
	" AND (?3 IS NULL OR s.policy_id = ?3) AND (?4 = 0 OR c.member_id = ?4)" \
	" AND (?5 = 0 OR s.id <= ?5) "
static const char SQL_GET[] = RESPONSE_COLS FROM "WHERE s.id = ?1";
static const char SQL_LIST[] = RESPONSE_COLS FROM WHERE "ORDER BY s.at DESC, s.id DESC";
static const char SQL_COUNT[] =
	"SELECT count(*), total(s.contact_id IS NOT NULL)" FROM WHERE;

/* The counts of a group of answers. */
#define TALLY(expr) \
	"SELECT " expr ", count(*)," \
	" total(CASE WHEN a.scale = '1-5' THEN a.score >= 4 ELSE a.score = 1 END)," \
	" total(a.scale = '1-5')," \
	" total(CASE WHEN a.scale = '1-5' THEN a.score END)," \
	" total(CASE WHEN a.scale = '1-5' THEN a.score * a.score END)" \
	FROM " JOIN survey_answer a ON a.survey_id = s.id" WHERE
#define ONE " AND a.question_id = ?6 "
#define LINKED " AND c.id IS NOT NULL "
#define BY " GROUP BY 1 ORDER BY 1"
static const char SQL_BY_QUESTION[] = TALLY("a.question_id") BY;
static const char SQL_BY_KIND[] = TALLY("c.kind") ONE LINKED BY;
static const char SQL_BY_CHANNEL[] = TALLY("c.channel") ONE LINKED BY;
static const char SQL_BY_OUTCOME[] = TALLY("coalesce(c.outcome, '')") ONE LINKED BY;
static const char SQL_BY_MEMBER[] = TALLY("m.badge") ONE LINKED BY;
static const char SQL_BY_MONTH[] = TALLY("strftime('%Y-%m', s.at, 'unixepoch')") ONE BY;
static const char SQL_BY_DOCTRINE[] =
	TALLY("CASE WHEN c.added_value IS NOT NULL AND c.empowered = 1"
	      " THEN 'added-value-empowered' ELSE 'other' END") ONE LINKED BY;
static const char SQL_BY_ALL[] = TALLY("'all'") ONE BY;

/* ---- writing ----------------------------------------------------------- */

static int
check(struct store *st, const struct survey_response *r, struct cs_err *err)
{
	size_t i;
	int64_t v;
	bool found = true;
	int rc = check_id("the policy", r->policy_id, true, err);

	if (rc == CS_OK)
		rc = check_text("the policy version", r->policy_version, RECORD_ID_MAX, true, err);
	if (rc == CS_OK)
		rc = check_time("the time of the response", r->at, true, err);
	if (rc == CS_OK)
		rc = check_text("the comment", r->comment, SURVEY_COMMENT_MAX, false, err);
	if (rc == CS_OK)
		rc = check_text("the response's reference", r->ref, SURVEY_REF_MAX, false, err);
	if (rc == CS_OK && (unsigned)r->source > SURVEY_TOOL)
		rc = cs_err_set(err, CS_DATAERR, "no such source of a response");
	if (rc == CS_OK && (r->n_answers == 0 || r->n_answers > SURVEY_ANSWERS_MAX))
		rc = cs_err_set(err, CS_DATAERR, "a response answers 1 to %d questions",
		                SURVEY_ANSWERS_MAX);
	for (i = 0; rc == CS_OK && i < r->n_answers; i++) {
		rc = check_id("a question", r->answers[i].question, true, err);
		if (rc == CS_OK && (r->answers[i].scale == SCALE_1_5 ?
		    r->answers[i].score < 1 || r->answers[i].score > 5 :
		    r->answers[i].score < 0 || r->answers[i].score > 1))
			rc = cs_err_set(err, CS_DATAERR, "question %s: the answer is out of range",
			                r->answers[i].question);
	}
	if (rc == CS_OK && r->contact_id != 0)
		rc = stmt_int64(st, SQL_CONTACT, r->contact_id, &v, &found, "cannot read the log",
		                err);
	if (rc == CS_OK && !found)
		return cs_err_set(err, CS_NOINPUT, "no contact %lld", (long long)r->contact_id);
	if (rc == CS_OK && opt(r->ref) != NULL) {
		bool taken;

		rc = store_survey_ref_taken(st, r->ref, &taken, err);
		if (rc == CS_OK && taken)
			rc = cs_err_set(err, CS_DATAERR, "response '%.64s' is already kept "
			                "(imported before?)", r->ref);
	}
	return rc;
}

static int
insert_answers(struct store *st, int64_t id, const struct survey_response *r,
               struct cs_err *err)
{
	struct cval row[4];
	sqlite3_stmt *s;
	size_t i;
	int j, rc = CS_OK;

	for (i = 0; rc == CS_OK && i < r->n_answers; i++) {
		cval_int(&row[0], (int64_t)i);
		cval_text(&row[1], r->answers[i].question);
		cval_text(&row[2], survey_scale_name(r->answers[i].scale));
		cval_int(&row[3], r->answers[i].score);
		if ((s = stmt_get(st, SQL_ANSWER, err)) == NULL)
			return err_code(err);
		sqlite3_bind_int64(s, 1, id);
		for (j = 0; j < 4; j++)
			cval_bind(s, 2 + j, &row[j]);
		rc = stmt_done(st, s, "the response was not saved", err);
	}
	return rc;
}

/* The comment apart, with a random salt (the row hash covers both, so
 * the trail holds nothing from which it could be guessed without the
 * file). */
static int
insert_comment(struct store *st, int64_t id, const char *comment, struct cs_err *err)
{
	unsigned char salt[HASH_BYTES];
	struct cval v;
	sqlite3_stmt *s;

	if (opt(comment) == NULL)
		return CS_OK;
	if ((s = stmt_get(st, SQL_COMMENT, err)) == NULL)
		return err_code(err);
	randombytes_buf(salt, sizeof salt);
	cval_text(&v, comment);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_blob(s, 2, salt, sizeof salt, SQLITE_STATIC);
	cval_bind(s, 3, &v);
	return stmt_done(st, s, "the response was not saved", err);
}

static int
write_response(struct store *st, int64_t actor_id, const struct survey_response *r,
               int64_t now, int64_t *id, struct cs_err *err)
{
	struct cval v[9];
	sqlite3_stmt *s;
	int i, rc = check(st, r, err);

	if (rc != CS_OK || (s = stmt_get(st, SQL_INSERT, err)) == NULL)
		return rc != CS_OK ? rc : err_code(err);
	cval_int(&v[0], 0);
	cval_int(&v[1], actor_id);
	cval_int(&v[2], now);
	cval_int(&v[3], r->at);
	cval_text(&v[4], r->policy_id);
	cval_text(&v[5], r->policy_version);
	cval_text(&v[6], record_survey_source_name(r->source));
	cval_id(&v[7], r->contact_id);
	cval_text(&v[8], opt(r->ref));
	for (i = 1; i < 9; i++)
		cval_bind(s, i, &v[i]);
	if ((rc = stmt_done(st, s, "the response was not saved", err)) != CS_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	rc = insert_answers(st, *id, r, err);
	if (rc == CS_OK)
		rc = insert_comment(st, *id, r->comment, err);
	if (rc != CS_OK)
		return rc;
	if ((s = stmt_get(st, SQL_DETAIL, err)) == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, *id);
	bind_id(s, 2, r->contact_id);
	sqlite3_bind_int(s, 3, opt(r->comment) != NULL);
	return audit_append(st, actor_id, "survey.add", "survey", *id, now, s, err);
}

int
store_survey_add(struct store *st, int64_t actor_id, const struct survey_response *r,
                 int64_t now, int64_t *id, struct cs_err *err)
{
	int64_t new_id = 0;
	int rc = tx_begin_for(st, "the response was not saved", err);

	if (id != NULL)
		*id = 0;
	if (rc != CS_OK)
		return rc;
	rc = tx_end(st, write_response(st, actor_id, r, now, &new_id, err), err);
	if (id != NULL && rc == CS_OK)
		*id = new_id;
	return rc;
}

int
store_survey_ref_taken(struct store *st, const char *ref, bool *taken, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_REF, err);
	int rc;

	*taken = false;
	if (s == NULL)
		return err_code(err);
	bind_text(s, 1, ref);
	rc = stmt_row(st, s, taken, "cannot read the responses", err);
	sqlite3_reset(s);
	return rc;
}

int
store_survey_max_id(struct store *st, int64_t *id, struct cs_err *err)
{
	return stmt_int64(st, SQL_MAX, 0, id, NULL, "cannot read the responses", err);
}

/* ---- reading ----------------------------------------------------------- */

static int
decode_answers(struct store *st, struct survey_response *r, struct record_mem **m,
               struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_ROWS, err);
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, r->id);
	while (r->n_answers < SURVEY_ANSWERS_MAX &&
	       (rc = stmt_row(st, s, &row, "cannot read the responses", err)) == CS_OK && row) {
		struct survey_answer *a = &r->answers[r->n_answers++];

		a->question = col_dup(m, s, 1);
		a->scale = survey_scale_parse((const char *)sqlite3_column_text(s, 2)) ==
		           SCALE_YES_NO ? SCALE_YES_NO : SCALE_1_5;
		a->score = sqlite3_column_int(s, 3);
		if (a->question == NULL) {
			rc = cs_err_set(err, CS_OSERR, "out of memory");
			break;
		}
	}
	sqlite3_reset(s);
	return rc;
}

static int
decode_comment(struct store *st, struct survey_response *r, struct record_mem **m,
               struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_COMMENT_READ, err);
	bool row;
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, r->id);
	rc = stmt_row(st, s, &row, "cannot read the responses", err);
	if (rc == CS_OK && row && (r->comment = col_dup(m, s, 0)) == NULL)
		rc = cs_err_set(err, CS_OSERR, "out of memory");
	sqlite3_reset(s);
	return rc;
}

static int
decode(struct store *st, sqlite3_stmt *s, bool comment, struct survey_response *r,
       struct cs_err *err)
{
	struct record_mem *m = NULL;
	int src, rc;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	r->entered_by = sqlite3_column_int64(s, 1);
	r->logged_at = sqlite3_column_int64(s, 2);
	r->at = sqlite3_column_int64(s, 3);
	r->policy_id = col_dup(&m, s, 4);
	r->policy_version = col_dup(&m, s, 5);
	src = record_survey_source_parse((const char *)sqlite3_column_text(s, 6));
	r->source = src < 0 ? SURVEY_SCRIPT : (enum survey_source)src;
	r->contact_id = sqlite3_column_int64(s, 7);
	r->ref = col_dup(&m, s, 8);
	r->has_comment = sqlite3_column_int(s, 9) != 0;
	r->member_id = sqlite3_column_int64(s, 10);
	r->member_badge = col_dup(&m, s, 11);
	r->kind = col_dup(&m, s, 12);
	r->channel = col_dup(&m, s, 13);
	r->outcome = col_dup(&m, s, 14);
	r->added_value = sqlite3_column_int(s, 15) != 0;
	r->empowered = col_tri(s, 16);
	r->mem = m;
	if (r->policy_id == NULL || r->policy_version == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	rc = decode_answers(st, r, &m, err);
	if (rc == CS_OK && comment && r->has_comment)
		rc = decode_comment(st, r, &m, err);
	r->mem = m;
	return rc;
}

int
store_survey_get(struct store *st, int64_t id, bool comment, struct survey_response *out,
                 struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_GET, err);
	bool row;
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot read the responses", err);
	if (rc == CS_OK && !row)
		rc = cs_err_set(err, CS_NOINPUT, "no survey response %lld", (long long)id);
	else if (rc == CS_OK)
		rc = decode(st, s, comment, out, err);
	stmt_release(st, s);
	if (rc != CS_OK)
		record_survey_clear(out);
	return rc;
}

static void
bind_filter(sqlite3_stmt *s, const struct measure_filter *f)
{
	sqlite3_bind_int64(s, 1, f->since);
	sqlite3_bind_int64(s, 2, f->until);
	bind_text(s, 3, f->policy_id);
	sqlite3_bind_int64(s, 4, f->member_id);
	sqlite3_bind_int64(s, 5, f->max_id);
}

int
store_survey_list(struct store *st, const struct measure_filter *f, bool comments,
                  int (*cb)(void *ctx, const struct survey_response *r), void *ctx,
                  struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_LIST, err);
	struct survey_response r;
	bool row = true;
	int rc = CS_OK, stop = 0;

	if (s == NULL)
		return err_code(err);
	bind_filter(s, f);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot read the responses", err)) == CS_OK
	       && row) {
		rc = decode(st, s, comments, &r, err);
		if (rc == CS_OK)
			stop = cb(ctx, &r);
		record_survey_clear(&r);
		if (rc != CS_OK)
			break;
	}
	stmt_release(st, s);
	return rc;
}

int
store_survey_tally(struct store *st, const struct measure_filter *f, enum survey_by by,
                   const char *question,
                   int (*cb)(void *ctx, const struct survey_tally *t), void *ctx,
                   struct cs_err *err)
{
	static const char *const sql[] = { SQL_BY_QUESTION, SQL_BY_KIND, SQL_BY_CHANNEL,
	                                   SQL_BY_OUTCOME, SQL_BY_MEMBER, SQL_BY_MONTH,
	                                   SQL_BY_DOCTRINE, SQL_BY_ALL };
	struct survey_tally t;
	sqlite3_stmt *s;
	bool row = true;
	int rc = CS_OK, stop = 0;

	if ((unsigned)by > SURVEY_BY_ALL || (by != SURVEY_BY_QUESTION && question == NULL))
		return cs_err_set(err, CS_SOFTWARE, "no such count of responses");
	if ((s = stmt_hold(st, sql[by], err)) == NULL)
		return err_code(err);
	bind_filter(s, f);
	if (by != SURVEY_BY_QUESTION)
		bind_text(s, 6, question);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot count the responses", err)) ==
	       CS_OK && row) {
		t.value = (const char *)sqlite3_column_text(s, 0);
		t.n = sqlite3_column_int64(s, 1);
		t.satisfied = (int64_t)sqlite3_column_double(s, 2);
		t.n_scale = (int64_t)sqlite3_column_double(s, 3);
		t.sum = sqlite3_column_double(s, 4);
		t.sumsq = sqlite3_column_double(s, 5);
		if (t.value == NULL)
			t.value = "";
		stop = cb(ctx, &t);
	}
	stmt_release(st, s);
	return rc;
}

int
store_survey_count(struct store *st, const struct measure_filter *f, int64_t *responses,
                   int64_t *linked, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_COUNT, err);
	bool row;
	int rc;

	*responses = *linked = 0;
	if (s == NULL)
		return err_code(err);
	bind_filter(s, f);
	rc = stmt_row(st, s, &row, "cannot count the responses", err);
	if (rc == CS_OK && row) {
		*responses = sqlite3_column_int64(s, 0);
		*linked = (int64_t)sqlite3_column_double(s, 1);
	}
	sqlite3_reset(s);
	return rc;
}
