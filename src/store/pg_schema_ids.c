/* pg_schema_ids.c - the part of 'cslog admin init-server' (and of
 * 'admin upgrade-server') that keeps a server's contact numbers in
 * 1 .. 2^53 - 1, as a file's are (src/store/contact.c): after a contact
 * numbered 2^53 - 1 came in by import, the next one would be numbered
 * past it, and it is not saved (exit 65, naming the number) rather than
 * numbered so.  A trigger, so that every way a contact is written (log,
 * amend, import, copy) is held to it; its WHEN clause keeps the
 * function from being called for any other row (an import's million
 * rows pay a comparison each).
 *
 * Only new objects: a server that lacks this part gains it whole by an
 * upgrade. */
#include "pg_int.h"

const char *const pg_schema_ids[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE FUNCTION cslog.contact_id_in_range() RETURNS trigger\n"
"  LANGUAGE plpgsql SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"BEGIN\n"
"  IF NEW.id > 9007199254740991 THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '22003',\n"
"      MESSAGE = format('the contact was not saved: it would be numbered %s, beyond'\n"
"        ' 2^53 - 1, because the log holds a contact id that large', NEW.id);\n"
"  END IF;\n"
"  RETURN NEW;\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.contact_id_in_range() FROM PUBLIC;\n"
"CREATE TRIGGER contact_id_in_range BEFORE INSERT ON cslog.contact\n"
"  FOR EACH ROW WHEN (NEW.id > 9007199254740991)\n"
"  EXECUTE FUNCTION cslog.contact_id_in_range();\n"
"RESET ROLE;\n",
NULL,
};
