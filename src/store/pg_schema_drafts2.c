/* pg_schema_drafts2.c - the part of the schema that lets an evaluator
 * keep drafts on a server, as on a file: the evaluation form is saved as
 * a draft at every answer.  The part 'measures' made cslog.actor refuse
 * evaluators everywhere but their own functions, which left the drafts
 * of part 'drafts' (made before it) refusing them too; here the three
 * draft functions take any signed-in member (cslog.actor_any), each
 * still acting only on that member's own drafts. */
#include "pg_int.h"

const char *const pg_schema_drafts2[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE OR REPLACE FUNCTION cslog.draft_save(p_token text, p_slot text, p_body text)\n"
"  RETURNS void\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor_any(p_token);\n"
"BEGIN\n"
"  INSERT INTO cslog.draft VALUES (a.id, p_slot, clock_timestamp(), p_body)\n"
"    ON CONFLICT (member_id, slot) DO UPDATE SET body = excluded.body,\n"
"      updated_at = excluded.updated_at;\n"
"END $f$;\n"
"CREATE OR REPLACE FUNCTION cslog.draft_delete(p_token text, p_slot text) RETURNS void\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor_any(p_token);\n"
"BEGIN\n"
"  DELETE FROM cslog.draft WHERE member_id = a.id AND slot = p_slot;\n"
"END $f$;\n"
"CREATE OR REPLACE FUNCTION cslog.draft_list(p_token text, p_prefix text, p_slot text)\n"
"  RETURNS TABLE (slot text, body text, updated_at bigint)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor_any(p_token);\n"
"BEGIN\n"
"  RETURN QUERY SELECT d.slot, d.body, floor(extract(epoch FROM d.updated_at))::bigint\n"
"    FROM cslog.draft d WHERE d.member_id = a.id\n"
"     AND (p_slot IS NULL OR d.slot = p_slot)\n"
"     AND (p_prefix IS NULL OR left(d.slot, length(p_prefix)) = p_prefix)\n"
"   ORDER BY d.slot;\n"
"END $f$;\n"
"RESET ROLE;\n",
NULL,
};
