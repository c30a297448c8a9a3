/* pg_schema_member_policy.c - the part of 'cslog admin init-server' (and
 * of 'admin upgrade-server') that reads another member's last policy:
 * 'cslog log --member X' without --policy starts from X's (what X would
 * get logging themself), as a file reads member.last_policy of X.  The
 * part "last-policy" (pg_schema_last_policy.c) keeps it and reads only
 * the session's own member's, in the sign-in.
 *
 *  - cslog.member_policy_of(token, member): the member's last policy
 *    (NULL: none yet), SECURITY DEFINER, EXECUTE for cslog_terminal.
 *    One's own for anyone; another member's only for a supervisor, who
 *    alone may log a contact for another (cslog.contact_log), with the
 *    same refusal. */
#include "pg_int.h"

const char *const pg_schema_member_policy[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE FUNCTION cslog.member_policy_of(p_token text, p_member bigint) RETURNS text\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"BEGIN\n"
"  IF p_member IS DISTINCT FROM a.id AND a.role <> 'supervisor' THEN\n"
"    PERFORM cslog.deny(format('%s (%s) may log a contact for another member only as a supervisor', a.badge, a.role));\n"
"  END IF;\n"
"  IF NOT EXISTS (SELECT 1 FROM cslog.member m WHERE m.id = p_member) THEN\n"
"    RAISE EXCEPTION USING ERRCODE = 'P0002', MESSAGE = format('no member %s', p_member);\n"
"  END IF;\n"
"  RETURN (SELECT p.policy_id FROM cslog.member_policy p WHERE p.member_id = p_member);\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.member_policy_of(text, bigint) FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.member_policy_of(text, bigint) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
