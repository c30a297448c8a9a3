/* pg_schema_draft_order.c - the part of 'cslog admin init-server' (and
 * of 'admin upgrade-server') that lists a member's drafts newest first,
 * as a file does (src/store/draft.c: updated_at, then slot, descending):
 * the screens number the unfinished contacts in that order, and "2"
 * must take back the same one at a station and on a server.  The part
 * "drafts" listed them by slot, oldest first, and so did "drafts-evaluator"
 * (found by tests/e2e/drafts.sh run against a server).  As that part's,
 * the function takes any member's session, an evaluator's too
 * (cslog.actor_any).
 *
 * Only a function replaced (CREATE OR REPLACE keeps its grants). */
#include "pg_int.h"

const char *const pg_schema_draft_order[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE OR REPLACE FUNCTION cslog.draft_list(p_token text, p_prefix text, p_slot text)\n"
"  RETURNS TABLE (slot text, body text, updated_at bigint)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor_any(p_token);\n"
"BEGIN\n"
"  RETURN QUERY SELECT d.slot, d.body, floor(extract(epoch FROM d.updated_at))::bigint\n"
"    FROM cslog.draft d WHERE d.member_id = a.id\n"
"     AND (p_slot IS NULL OR d.slot = p_slot)\n"
"     AND (p_prefix IS NULL OR left(d.slot, length(p_prefix)) = p_prefix)\n"
"   ORDER BY 3 DESC, 1 DESC;\n"
"END $f$;\n"
"RESET ROLE;\n",
NULL,
};
