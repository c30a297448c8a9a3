/* pg_schema_empowered.c - the schema part "empowered-rule" (issue 18):
 * the server holds a contact's empowerment flag to its answers.
 *
 * A contact is empowered when every question of the check was answered
 * yes (the only rule a policy may state: "rule: all-yes", checked by the
 * policy loader), and has no flag when the check was not asked.  cslog
 * works the flag out from the answers (src/core/contact_check.c) before
 * it writes, on a file and on a server; until this part the server took
 * the flag its caller gave, so a station's connection could log, under
 * its own member, a contact "empowered" with no answers, and the
 * reports counted it.  The policies themselves live with the terminals
 * (YAML files), so which kinds, channels and outcomes a policy has is
 * not the server's to check: what it can check without them is this.
 * One constraint on the table binds every writer: a contact logged or
 * amended, an import, a copy.  NOT VALID: rows written before it are
 * not read again (every cslog wrote them by the same rule). */
#include "pg_int.h"

const char *const pg_schema_empowered[] = {
"SET LOCAL ROLE cslog_owner;\n"
"ALTER TABLE cslog.contact ADD CONSTRAINT contact_empowered_by_answers CHECK (\n"
"  CASE WHEN answers IS NULL THEN empowered IS NULL\n"
"       ELSE answers ~ '^[^=;]+=(yes|no)(;[^=;]+=(yes|no))*$'\n"
"            AND empowered IS NOT DISTINCT FROM (answers !~ '=no(;|$)') END) NOT VALID;\n"
"RESET ROLE;\n",
NULL,
};
