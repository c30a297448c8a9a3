/* view.c - each member's saved views of the log: a filter line kept
 * under a number key (1-9), so nobody retypes the same query every
 * shift.  The filter is the caller's text; the store keeps it as is.
 * Their events are about entity "saved_view", the member's id, with
 * the slot in the detail (before v6: entity "member"). */
#include "internal.h"

static const char SQL_SAVE[] =
	"INSERT INTO saved_view (member_id, slot, name, filter) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT (member_id, slot) DO UPDATE SET name = excluded.name,"
	" filter = excluded.filter";
static const char SQL_DROP[] = "DELETE FROM saved_view WHERE member_id = ?1 AND slot = ?2";
static const char SQL_LIST[] =
	"SELECT slot, name, filter FROM saved_view WHERE member_id = ?1 ORDER BY slot";
static const char SQL_DETAIL[] =
	"SELECT json_object('slot', ?1, 'name', ?2, 'filter', ?3, 'row', (SELECT " ROW_VIEW
	" FROM saved_view WHERE saved_view.member_id = ?4 AND saved_view.slot = ?1))";

static int
save(struct store *st, int64_t member_id, int slot, const char *name, const char *filter,
     int64_t now, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_get(st, filter != NULL ? SQL_SAVE : SQL_DROP, err);
	int rc;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, member_id);
	sqlite3_bind_int(s, 2, slot);
	if (filter != NULL) {
		bind_text(s, 3, name);
		bind_text(s, 4, filter);
	}
	rc = stmt_done(st, s, "the view was not saved", err);
	if (rc != CS_OK)
		return rc;
	s = stmt_get(st, SQL_DETAIL, err);
	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int(s, 1, slot);
	bind_text(s, 2, name);
	bind_text(s, 3, filter);
	sqlite3_bind_int64(s, 4, member_id);
	return audit_append(st, member_id, filter != NULL ? "view.save" : "view.drop",
	                    "saved_view", member_id, now, s, err);
}

int
store_view_save(struct store *st, int64_t member_id, int slot, const char *name,
                const char *filter, int64_t now, struct cs_err *err)
{
	int rc;

	if (slot < 1 || slot > STORE_VIEW_SLOTS)
		return cs_err_set(err, CS_USAGE, "a view is kept under a key from 1 to %d",
		                  STORE_VIEW_SLOTS);
	if (filter != NULL) {
		rc = check_text("the view's name", name, STORE_VIEW_TEXT_MAX, true, err);
		if (rc == CS_OK)
			rc = check_text("the view's filter", filter, STORE_VIEW_TEXT_MAX, false, err);
		if (rc != CS_OK)
			return rc;
	}
	rc = tx_begin_for(st, "the view was not saved", err);
	if (rc != CS_OK)
		return rc;
	return tx_end(st, save(st, member_id, slot, name, filter, now, err), err);
}

int
store_view_list(struct store *st, int64_t member_id, store_view_cb cb, void *ctx,
                struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_LIST, err);
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	sqlite3_bind_int64(s, 1, member_id);
	while ((rc = stmt_row(st, s, &row, "cannot read the saved views", err)) == CS_OK && row) {
		if (cb(ctx, sqlite3_column_int(s, 0), (const char *)sqlite3_column_text(s, 1),
		       (const char *)sqlite3_column_text(s, 2)) != 0)
			break;
	}
	stmt_release(st, s);
	return rc;
}
