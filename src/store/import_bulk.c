/* import_bulk.c - what an import's bulk changes in the connection.
 *
 * An import writes, per contact, the row, its answers, its queue rows,
 * its follow-up: each INSERT made SQLite look up the parent row of each
 * foreign key (2.8 % of a 100,000-contact import).  The importer has
 * resolved them all already (its members found or created in the bulk,
 * an amended contact looked up before it is written), so the checks are
 * off for the bulk and on again after it. */
#include "internal.h"

static const char SQL_FK_ON[] = "PRAGMA foreign_keys = ON";
static const char SQL_FK_OFF[] = "PRAGMA foreign_keys = OFF";

int
store_import_checks(struct store *st, bool on, struct cs_err *err)
{
	if (st->in_tx || st->bulk)
		return cs_err_set(err, CS_SOFTWARE, "the foreign-key checks change only"
		                  " outside a transaction");
	return sql_exec(st, on ? SQL_FK_ON : SQL_FK_OFF, "the log cannot be written", err);
}
