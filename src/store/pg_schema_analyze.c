/* pg_schema_analyze.c - the part of the schema that brings the planner's
 * statistics up to date after a large import.  Until autovacuum gets to
 * it (a minute or more), a table that grew by tens of thousands of rows
 * is planned from its old statistics: a rare search word took 35 ms a
 * query against 2 ms once analysed (docs/performance.md).  The terminal
 * role may not ANALYZE the owner's tables; this function, the owner's,
 * does it for the tables an import writes, and only when the import
 * wrote enough to matter. */
#include "pg_int.h"

const char *const pg_schema_analyze[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE FUNCTION cslog.import_analyze(p_token text, p_rows bigint) RETURNS boolean\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"BEGIN\n"
"  IF p_rows < 1000 THEN\n"
"    RETURN false;\n"
"  END IF;\n"
"  ANALYZE cslog.contact, cslog.contact_private, cslog.contact_search, cslog.audit,\n"
"    cslog.agg, cslog.member;\n"
"  RETURN true;\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.import_analyze(text, bigint) FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.import_analyze(text, bigint) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
