/* redact.c - which contacts a retention rule reaches. */
#include "internal.h"

static const char SQL_OLDER[] =
	"SELECT c.id FROM contact c JOIN contact_private p ON p.contact_id = c.id"
	" WHERE c.policy_id = ?1 AND c.at < ?2 AND p.redacted_at IS NULL"
	" AND coalesce(p.customer_name, p.customer_phone, p.customer_address,"
	" p.customer_email) IS NOT NULL ORDER BY c.id";

int
store_private_older(struct store *st, const char *policy_id, int64_t before,
                    int (*cb)(void *ctx, int64_t id), void *ctx, struct cs_err *err)
{
	sqlite3_stmt *s = stmt_hold(st, SQL_OLDER, err);
	bool row = true;
	int rc = CS_OK;

	if (s == NULL)
		return err_code(err);
	bind_text(s, 1, policy_id);
	sqlite3_bind_int64(s, 2, before);
	while ((rc = stmt_row(st, s, &row, "cannot read the log", err)) == CS_OK && row)
		if (cb(ctx, sqlite3_column_int64(s, 0)) != 0)
			break;
	stmt_release(st, s);
	return rc;
}
