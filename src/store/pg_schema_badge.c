/* pg_schema_badge.c - the schema part "badge-rule": a badge has no space
 * or control character on a server too.
 *
 * The rule (record_badge_check, src/store/record.c) was the file's
 * store's only: on a server `cslog member add --badge "M 9"` was taken,
 * a badge nobody can type whole at a sign-in that reads it up to a space.
 * The use case now checks it for both stores (app_member_add), and the
 * server holds it as well, for a station's connection used by hand: the
 * same bytes refused (1 to 32 of them is the table's own check already).
 * NOT VALID: badges made before it are not read again. */
#include "pg_int.h"

const char *const pg_schema_badge[] = {
"SET LOCAL ROLE cslog_owner;\n"
"ALTER TABLE cslog.member ADD CONSTRAINT member_badge_plain\n"
"  CHECK (badge !~ '[\\x01-\\x20\\x7f]') NOT VALID;\n"
"RESET ROLE;\n",
NULL,
};
