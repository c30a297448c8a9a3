/* shopper.c - secret-shopper evaluations: a test contact made by a
 * mystery caller or visitor, scored item by item.  One evaluation is one
 * transaction: its row, its items and the audit event holding the hash
 * of the row as written, items and all (ROW_SHOPPER). */
#include <stdlib.h>
#include <string.h>

#include "measures_int.h"

static const char SQL_MEMBER[] = "SELECT 1 FROM member WHERE id = ?1";
static const char SQL_INSERT[] =
	"INSERT INTO shopper (evaluator_id, logged_at, at, policy_id, policy_version, channel,"
	" member_id, unit, met, scored, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	" ?10, ?11)";
static const char SQL_ITEM[] =
	"INSERT INTO shopper_item (shopper_id, ord, item_id, measured, result, value)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
/* The event's detail: the hash of the row as written, items and all
 * (internal.h: ROW_SHOPPER; verify_rows.c computes it again). */
static const char SQL_DETAIL[] = "SELECT json_object('member', ?2,"
	" 'row', (SELECT " ROW_SHOPPER " FROM shopper WHERE shopper.id = ?1))";
static const char SQL_ROWS[] =
	"SELECT ord, item_id, measured, result, value FROM shopper_item"
	" WHERE shopper_id = ?1 ORDER BY ord";
static const char SQL_COUNT_ITEMS[] = "SELECT count(*) FROM shopper_item WHERE shopper_id = ?1";

#define EVAL_COLS \
	"SELECT s.id, s.evaluator_id, s.logged_at, s.at, s.policy_id, s.policy_version," \
	" s.channel, s.member_id, s.unit, s.met, s.scored, s.note, m.badge, e.badge" \
	" FROM shopper s LEFT JOIN member m ON m.id = s.member_id" \
	" JOIN member e ON e.id = s.evaluator_id "
#define WHERE \
	" WHERE (?1 = 0 OR s.at >= ?1) AND (?2 = 0 OR s.at <= ?2)" \
	" AND (?3 IS NULL OR s.policy_id = ?3) AND (?4 = 0 OR s.member_id = ?4)" \
	" AND (?5 = 0 OR s.evaluator_id = ?5) "
static const char SQL_GET[] = EVAL_COLS "WHERE s.id = ?1";
static const char SQL_LIST[] = EVAL_COLS WHERE "ORDER BY s.at DESC, s.id DESC";

static const char SQL_BY_ITEM[] =
	"SELECT i.item_id, count(DISTINCT s.id), 0, total(i.result = 'met'),"
	" total(i.result <> 'not-observed')"
	" FROM shopper s JOIN shopper_item i ON i.shopper_id = s.id" WHERE
	"GROUP BY i.item_id ORDER BY i.item_id";
#define GROUPED(expr, from) \
	"SELECT " expr ", count(*), total(s.scored > 0 AND s.met = s.scored), total(s.met)," \
	" total(s.scored) FROM shopper s " from WHERE "GROUP BY 1 ORDER BY 1"
static const char SQL_BY_CHANNEL[] = GROUPED("s.channel", "");
static const char SQL_BY_MEMBER[] =
	GROUPED("coalesce(m.badge, '')", "LEFT JOIN member m ON m.id = s.member_id");
static const char SQL_BY_MONTH[] = GROUPED("strftime('%Y-%m', s.at, 'unixepoch')", "");
static const char SQL_BY_ALL[] = GROUPED("'all'", "");

/* ---- writing ----------------------------------------------------------- */

static int
check(const struct shopper_eval *e, int *met, int *scored, struct cs_err *err)
{
	size_t i;
	int rc = check_id("the policy", e->policy_id, true, err);

	if (rc == CS_OK)
		rc = check_text("the policy version", e->policy_version, RECORD_ID_MAX, true, err);
	if (rc == CS_OK)
		rc = check_id("the channel", e->channel, true, err);
	if (rc == CS_OK)
		rc = check_time("the time of the test contact", e->at, true, err);
	if (rc == CS_OK)
		rc = check_text("the unit", e->unit, SHOPPER_UNIT_MAX, false, err);
	if (rc == CS_OK)
		rc = check_text("the note", e->note, SHOPPER_NOTE_MAX, false, err);
	if (rc == CS_OK && (e->n_items == 0 || e->n_items > SHOPPER_ITEMS_MAX))
		rc = cs_err_set(err, CS_DATAERR, "an evaluation has 1 to %d items",
		                SHOPPER_ITEMS_MAX);
	*met = *scored = 0;
	for (i = 0; rc == CS_OK && i < e->n_items; i++) {
		rc = check_id("an item", e->items[i].item_id, true, err);
		if (rc == CS_OK && (unsigned)e->items[i].result > EVAL_NOT_MET)
			rc = cs_err_set(err, CS_DATAERR, "item %s: no such result",
			                e->items[i].item_id);
		if (rc == CS_OK && e->items[i].measured && e->items[i].result != EVAL_NOT_OBSERVED
		    && (e->items[i].value < 0 || e->items[i].value > MEASURE_VALUE_MAX))
			rc = cs_err_set(err, CS_DATAERR, "item %s: the value is out of range",
			                e->items[i].item_id);
		*met += e->items[i].result == EVAL_MET;
		*scored += e->items[i].result != EVAL_NOT_OBSERVED;
	}
	return rc;
}

/* The row's values in SQL_INSERT order (v[0] unused). */
static void
row_values(const struct shopper_eval *e, int64_t actor_id, int64_t now, int met, int scored,
           struct cval v[12])
{
	cval_int(&v[0], 0);
	cval_int(&v[1], actor_id);
	cval_int(&v[2], now);
	cval_int(&v[3], e->at);
	cval_text(&v[4], e->policy_id);
	cval_text(&v[5], e->policy_version);
	cval_text(&v[6], e->channel);
	cval_id(&v[7], e->member_id);
	cval_text(&v[8], opt(e->unit));
	cval_int(&v[9], met);
	cval_int(&v[10], scored);
	cval_text(&v[11], opt(e->note));
}

static void
item_values(const struct shopper_item *it, size_t ord, struct cval v[5])
{
	cval_int(&v[0], (int64_t)ord);
	cval_text(&v[1], it->item_id);
	cval_int(&v[2], it->measured);
	cval_text(&v[3], eval_result_name(it->result));
	if (it->measured && it->result != EVAL_NOT_OBSERVED)
		cval_int(&v[4], it->value);
	else
		cval_text(&v[4], NULL);
}

static int
insert_items(struct store *st, int64_t id, const struct shopper_eval *e, struct cs_err *err)
{
	struct cval row[5];
	sqlite3_stmt *s;
	size_t i;
	int j, rc = CS_OK;

	for (i = 0; rc == CS_OK && i < e->n_items; i++) {
		item_values(&e->items[i], i, row);
		if ((s = stmt_get(st, SQL_ITEM, err)) == NULL)
			return err_code(err);
		sqlite3_bind_int64(s, 1, id);
		for (j = 0; j < 5; j++)
			cval_bind(s, 2 + j, &row[j]);
		rc = stmt_done(st, s, "the evaluation was not saved", err);
	}
	return rc;
}

static int
write_eval(struct store *st, int64_t actor_id, const struct shopper_eval *e, int met,
           int scored, int64_t now, int64_t *id, struct cs_err *err)
{
	struct cval v[12];
	sqlite3_stmt *s;
	bool found = true;
	int i, rc = CS_OK;

	if (e->member_id != 0)
		rc = exists_member(st, e->member_id, &found, err);
	if (rc == CS_OK && !found)
		return cs_err_set(err, CS_NOUSER, "no member %lld", (long long)e->member_id);
	if (rc != CS_OK || (s = stmt_get(st, SQL_INSERT, err)) == NULL)
		return rc != CS_OK ? rc : err_code(err);
	row_values(e, actor_id, now, met, scored, v);
	for (i = 1; i < 12; i++)
		cval_bind(s, i, &v[i]);
	if ((rc = stmt_done(st, s, "the evaluation was not saved", err)) != CS_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	if ((rc = insert_items(st, *id, e, err)) != CS_OK)
		return rc;
	if ((s = stmt_get(st, SQL_DETAIL, err)) == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, *id);
	bind_id(s, 2, e->member_id);
	return audit_append(st, actor_id, "shopper.add", "shopper", *id, now, s, err);
}

int
store_shopper_add(struct store *st, int64_t actor_id, const struct shopper_eval *e,
                  int64_t now, int64_t *id, struct cs_err *err)
{
	int64_t new_id = 0;
	int met, scored, rc = check(e, &met, &scored, err);

	if (id != NULL)
		*id = 0;
	if (rc == CS_OK)
		rc = tx_begin_for(st, "the evaluation was not saved", err);
	if (rc != CS_OK)
		return rc;
	rc = tx_end(st, write_eval(st, actor_id, e, met, scored, now, &new_id, err), err);
	if (id != NULL && rc == CS_OK)
		*id = new_id;
	return rc;
}

int
exists_member(struct store *st, int64_t id, bool *found, struct cs_err *err)
{
	int64_t v;

	return stmt_int64(st, SQL_MEMBER, id, &v, found, "cannot read the members", err);
}

/* ---- reading ----------------------------------------------------------- */

static int
decode_items(struct store *st, struct shopper_eval *e, struct record_mem **m,
             struct cs_err *err)
{
	struct shopper_item *v;
	sqlite3_stmt *s;
	int64_t n;
	size_t i = 0;
	bool row = true;
	int rc = stmt_int64(st, SQL_COUNT_ITEMS, e->id, &n, NULL, "cannot read evaluations", err);

	if (rc != CS_OK || n == 0)
		return rc;
	if ((v = mem_alloc(m, (size_t)n * sizeof *v)) == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	if ((s = stmt_get(st, SQL_ROWS, err)) == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, e->id);
	while (i < (size_t)n && (rc = stmt_row(st, s, &row, "cannot read evaluations", err))
	       == CS_OK && row) {
		v[i].item_id = col_dup(m, s, 1);
		v[i].measured = sqlite3_column_int(s, 2) != 0;
		v[i].result = (enum eval_result)eval_result_parse(
			(const char *)sqlite3_column_text(s, 3));
		v[i].value = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 :
		             (long)sqlite3_column_int64(s, 4);
		if (v[i].item_id == NULL) {
			rc = cs_err_set(err, CS_OSERR, "out of memory");
			break;
		}
		i++;
	}
	sqlite3_reset(s);
	e->items = v;
	e->n_items = i;
	return rc;
}

static int
decode(struct store *st, sqlite3_stmt *s, struct shopper_eval *e, struct cs_err *err)
{
	struct record_mem *m = NULL;
	int rc;

	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(s, 0);
	e->evaluator_id = sqlite3_column_int64(s, 1);
	e->logged_at = sqlite3_column_int64(s, 2);
	e->at = sqlite3_column_int64(s, 3);
	e->policy_id = col_dup(&m, s, 4);
	e->policy_version = col_dup(&m, s, 5);
	e->channel = col_dup(&m, s, 6);
	e->member_id = sqlite3_column_int64(s, 7);
	e->unit = col_dup(&m, s, 8);
	e->met = sqlite3_column_int(s, 9);
	e->scored = sqlite3_column_int(s, 10);
	e->note = col_dup(&m, s, 11);
	e->member_badge = col_dup(&m, s, 12);
	e->evaluator_badge = col_dup(&m, s, 13);
	e->mem = m;
	if (e->policy_id == NULL || e->channel == NULL || e->evaluator_badge == NULL)
		return cs_err_set(err, CS_OSERR, "out of memory");
	rc = decode_items(st, e, &m, err);
	e->mem = m;
	return rc;
}

int
store_shopper_get(struct store *st, int64_t id, struct shopper_eval *out, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_GET, err);
	bool row;
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, id);
	rc = stmt_row(st, s, &row, "cannot read evaluations", err);
	if (rc == CS_OK && !row)
		rc = cs_err_set(err, CS_NOINPUT, "no evaluation %lld", (long long)id);
	else if (rc == CS_OK)
		rc = decode(st, s, out, err);
	stmt_release(st, s);
	if (rc != CS_OK)
		record_shopper_clear(out);
	return rc;
}

static void
bind_filter(sqlite3_stmt *s, const struct measure_filter *f)
{
	sqlite3_bind_int64(s, 1, f->since);
	sqlite3_bind_int64(s, 2, f->until);
	bind_text(s, 3, f->policy_id);
	sqlite3_bind_int64(s, 4, f->member_id);
	sqlite3_bind_int64(s, 5, f->evaluator_id);
}

int
store_shopper_list(struct store *st, const struct measure_filter *f,
                   int (*cb)(void *ctx, const struct shopper_eval *e), void *ctx,
                   struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_LIST, err);
	struct shopper_eval e;
	bool row = true;
	int rc = CS_OK, stop = 0;

	if (s == NULL)
		return err_code(err);
	bind_filter(s, f);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot read evaluations", err)) == CS_OK
	       && row) {
		rc = decode(st, s, &e, err);
		if (rc == CS_OK)
			stop = cb(ctx, &e);
		record_shopper_clear(&e);
		if (rc != CS_OK)
			break;
	}
	stmt_release(st, s);
	return rc;
}

int
store_shopper_tally(struct store *st, const struct measure_filter *f, enum shopper_by by,
                    int (*cb)(void *ctx, const struct shopper_tally *t), void *ctx,
                    struct cs_err *err)
{
	static const char *const sql[] = { SQL_BY_ITEM, SQL_BY_CHANNEL, SQL_BY_MEMBER,
	                                   SQL_BY_MONTH, SQL_BY_ALL };
	struct shopper_tally t;
	sqlite3_stmt *s;
	bool row = true;
	int rc = CS_OK, stop = 0;

	if ((unsigned)by > SHOPPER_BY_ALL)
		return cs_err_set(err, CS_SOFTWARE, "no such count of evaluations");
	if ((s = stmt_hold(st, sql[by], err)) == NULL)
		return err_code(err);
	bind_filter(s, f);
	while (!stop && (rc = stmt_row(st, s, &row, "cannot count evaluations", err)) == CS_OK
	       && row) {
		t.value = (const char *)sqlite3_column_text(s, 0);
		t.evaluations = sqlite3_column_int64(s, 1);
		t.perfect = (int64_t)sqlite3_column_double(s, 2);
		t.met = (int64_t)sqlite3_column_double(s, 3);
		t.scored = (int64_t)sqlite3_column_double(s, 4);
		if (t.value == NULL)
			t.value = "";
		stop = cb(ctx, &t);
	}
	stmt_release(st, s);
	return rc;
}
