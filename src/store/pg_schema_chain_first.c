/* pg_schema_chain_first.c - the part of 'cslog admin init-server' (and
 * of 'admin upgrade-server') that makes every writer take the audit
 * chain's head before it counts anything.
 *
 * A contact logged counted itself in the aggregates (cslog.agg, and the
 * totals kept from it) as its row went in, and only then appended its
 * audit event, locking cslog.chain_head.  An import (and a copy) locks
 * the head first and counts its contacts at the end (agg_bulk).  So a
 * contact logged during an import held an aggregate row the import
 * would need, waiting for the head the import held: a deadlock, and
 * PostgreSQL ended one of the two (seen: the import of 3,000 contacts
 * refused whole, and a crew member's log, with four terminals logging).
 * Here each statement that writes a contact, a review or a follow-up
 * takes the head first (a statement trigger before it): every writer
 * now waits in one queue, the head's, before it holds anything else.
 * Writers were already one at a time from their audit event on; they
 * now are from their first row (about a millisecond earlier).
 * tests/cli/pg_many.sh imports while four terminals log. */
#include "pg_int.h"

const char *const pg_schema_chain_first[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE FUNCTION cslog.chain_first() RETURNS trigger LANGUAGE plpgsql\n"
"  SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"BEGIN\n"
"  PERFORM 1 FROM cslog.chain_head FOR UPDATE;\n"
"  RETURN NULL;\n"
"END $f$;\n"
"REVOKE ALL ON FUNCTION cslog.chain_first() FROM PUBLIC;\n"
"CREATE TRIGGER contact_chain_first BEFORE INSERT OR UPDATE OR DELETE ON cslog.contact\n"
"  FOR EACH STATEMENT EXECUTE FUNCTION cslog.chain_first();\n"
"CREATE TRIGGER review_chain_first BEFORE INSERT OR UPDATE OR DELETE ON cslog.review\n"
"  FOR EACH STATEMENT EXECUTE FUNCTION cslog.chain_first();\n"
"CREATE TRIGGER followup_chain_first BEFORE INSERT OR UPDATE OR DELETE ON cslog.followup\n"
"  FOR EACH STATEMENT EXECUTE FUNCTION cslog.chain_first();\n",
NULL
};
