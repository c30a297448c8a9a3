/* draft.c - drafts saved as they are typed: one per member and slot,
 * mutable, and not audited (they are not records of fact). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define DRAFT_MAX (1024 * 1024)

static const char SQL_SAVE[] =
	"INSERT INTO draft (member_id, slot, updated_at, body) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT (member_id, slot) DO UPDATE SET updated_at = excluded.updated_at,"
	" body = excluded.body";
static const char SQL_LOAD[] =
	"SELECT body, updated_at FROM draft WHERE member_id = ?1 AND slot = ?2";
static const char SQL_DELETE[] = "DELETE FROM draft WHERE member_id = ?1 AND slot = ?2";
static const char SQL_LIST[] =
	"SELECT slot, body, updated_at FROM draft WHERE member_id = ?1"
	" AND substr(slot, 1, length(?2)) = ?2 ORDER BY updated_at DESC, slot DESC";

int
store_draft_save(struct store *st, int64_t member_id, const char *slot, const char *body,
                 int64_t now, struct cs_err *err)
{
	sqlite3_stmt *s;
	int rc = check_id("draft slot", slot, true, err);

	if (rc == CS_OK)
		rc = check_text("draft", body, DRAFT_MAX, true, err);
	if (rc == CS_OK)
		rc = tx_begin_for(st, "the draft was not saved", err);
	if (rc != CS_OK)
		return rc;
	s = stmt_get(st, SQL_SAVE, err);
	if (s == NULL)
		return tx_end(st, err_code(err), err);
	sqlite3_bind_int64(s, 1, member_id);
	bind_text(s, 2, slot);
	sqlite3_bind_int64(s, 3, now);
	bind_text(s, 4, body);
	return tx_end(st, stmt_done(st, s, "the draft was not saved", err), err);
}

int
store_draft_load(struct store *st, int64_t member_id, const char *slot, char **body,
                 int64_t *updated_at, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, SQL_LOAD, err);
	bool row;
	int rc;

	*body = NULL;
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, member_id);
	bind_text(s, 2, slot);
	rc = stmt_row(st, s, &row, "cannot read the draft", err);
	if (rc == CS_OK && !row)
		rc = cs_err_set(err, CS_NOINPUT, "no draft");
	if (rc == CS_OK) {
		const unsigned char *t = sqlite3_column_text(s, 0);
		*body = strdup(t != NULL ? (const char *)t : "");
		if (updated_at != NULL)
			*updated_at = sqlite3_column_int64(s, 1);
		if (*body == NULL)
			rc = cs_err_set(err, CS_OSERR, "out of memory");
	}
	sqlite3_reset(s);
	return rc;
}

int
store_draft_delete(struct store *st, int64_t member_id, const char *slot,
                   struct cs_err *err)
{
	sqlite3_stmt *s;
	int rc = tx_begin_for(st, "the draft was not saved", err);

	if (rc != CS_OK)
		return rc;
	s = stmt_get(st, SQL_DELETE, err);
	if (s == NULL)
		return tx_end(st, err_code(err), err);
	sqlite3_bind_int64(s, 1, member_id);
	bind_text(s, 2, slot);
	return tx_end(st, stmt_done(st, s, "the draft was not deleted", err), err);
}

int
store_draft_list(struct store *st, int64_t member_id, const char *prefix,
                 int (*cb)(void *ctx, const char *slot, const char *body, int64_t updated_at),
                 void *ctx, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_LIST, err);
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, member_id);
	bind_text(s, 2, prefix != NULL ? prefix : "");
	while ((rc = stmt_row(st, s, &row, "cannot read the drafts", err)) == CS_OK && row) {
		if (cb(ctx, (const char *)sqlite3_column_text(s, 0),
		       (const char *)sqlite3_column_text(s, 1), sqlite3_column_int64(s, 2)) != 0)
			break;
	}
	stmt_release(st, s);
	return rc;
}
