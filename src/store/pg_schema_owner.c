/* pg_schema_owner.c - the part of 'cslog admin init-server' (and of
 * 'admin upgrade-server') that tells a terminal whose a contact or a
 * follow-up is, so that the use case (src/app/pg_owner.c) decides who
 * may read, amend or close it by the permission table, as on a file:
 * another member's contact is "not yours" (77), one that is not there
 * "no contact" (66).  Without it a server's functions hid another's
 * contact as not there.
 *
 * cslog.contact_owner(token, id) and cslog.followup_owner(token, id):
 * the member id of the contact's member (a follow-up's: its contact's),
 * or NULL when there is none.  Nothing else of the row: no customer data,
 * no summary; the owner's id is what a file's refusal tells anyone
 * signed in anyway (its message names the rule, the member list names
 * the members).  SECURITY DEFINER, for anyone signed in, an evaluator
 * too, as a file answers them (cslog.actor_any), EXECUTE for
 * cslog_terminal; they write nothing (a hot standby runs
 * them).  The functions that read or change the row decide again
 * themselves. */
#include "pg_int.h"

const char *const pg_schema_owner[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE FUNCTION cslog.contact_owner(p_token text, p_id bigint) RETURNS bigint\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp\n"
"  AS $f$\n"
"DECLARE a cslog.member := cslog.actor_any(p_token);\n"
"BEGIN\n"
"  RETURN (SELECT c.member_id FROM cslog.contact c WHERE c.id = p_id);\n"
"END $f$;\n"
"CREATE FUNCTION cslog.followup_owner(p_token text, p_id bigint) RETURNS bigint\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp\n"
"  AS $f$\n"
"DECLARE a cslog.member := cslog.actor_any(p_token);\n"
"BEGIN\n"
"  RETURN (SELECT c.member_id FROM cslog.followup f\n"
"    JOIN cslog.contact c ON c.id = f.contact_id WHERE f.id = p_id);\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.contact_owner(text, bigint),\n"
"  cslog.followup_owner(text, bigint) FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.contact_owner(text, bigint),\n"
"  cslog.followup_owner(text, bigint) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
