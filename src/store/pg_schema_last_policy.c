/* pg_schema_last_policy.c - the part of 'cslog admin init-server' (and
 * of 'admin upgrade-server') that remembers each member's last policy on
 * a server, as a file does in member.last_policy (src/app/contact.c):
 * the screens' contact form and 'cslog log' without --policy start from
 * it.
 *
 *  - cslog.member_policy: one row per member, the policy of the newest
 *    contact logged for them.  Not a record of fact and not audited (a
 *    file leaves member.last_policy out of the member's hash too);
 *  - written by a statement trigger on cslog.contact, so that every way
 *    a contact is logged (contact_log, contact_log_keyed, a spooled
 *    contact handed over) keeps it in the same transaction.  As on a
 *    file, neither an amendment nor an import or a copy changes it (an
 *    import's and a copy's transaction is marked in cslog.bulk_xact, as
 *    the report aggregates know it);
 *  - read by cslog.member_last_policy(token), SECURITY DEFINER, EXECUTE
 *    for cslog_terminal: the session's own member's, nobody else's.  It
 *    is asked in the sign-in's own statement (no round trip more). */
#include "pg_int.h"

const char *const pg_schema_last_policy[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE TABLE cslog.member_policy (\n"
"  member_id bigint PRIMARY KEY REFERENCES cslog.member,\n"
"  policy_id text NOT NULL CHECK (octet_length(policy_id) BETWEEN 1 AND 64));\n"
"CREATE FUNCTION cslog.member_policy_keep() RETURNS trigger LANGUAGE plpgsql\n"
"  SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"BEGIN\n"
"  IF EXISTS (SELECT 1 FROM cslog.bulk_xact b WHERE b.xact = pg_current_xact_id()) THEN\n"
"    RETURN NULL;\n"
"  END IF;\n"
"  INSERT INTO cslog.member_policy AS p (member_id, policy_id)\n"
"    SELECT DISTINCT ON (n.member_id) n.member_id, n.policy_id FROM new_contact n\n"
"     WHERE n.amends IS NULL ORDER BY n.member_id, n.id DESC\n"
"  ON CONFLICT (member_id) DO UPDATE SET policy_id = excluded.policy_id\n"
"    WHERE p.policy_id IS DISTINCT FROM excluded.policy_id;\n"
"  RETURN NULL;\n"
"END $f$;\n"
"CREATE TRIGGER contact_member_policy AFTER INSERT ON cslog.contact\n"
"  REFERENCING NEW TABLE AS new_contact FOR EACH STATEMENT\n"
"  EXECUTE FUNCTION cslog.member_policy_keep();\n"
/* Volatile: it is called in the statement whose sign_in opened the
 * session, and must see it. */
"CREATE FUNCTION cslog.member_last_policy(p_token text) RETURNS text LANGUAGE sql\n"
"  SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"  SELECT p.policy_id FROM cslog.session s\n"
"    JOIN cslog.member_policy p ON p.member_id = s.member_id\n"
"   WHERE p_token IS NOT NULL\n"
"     AND s.token_hash = sha256(convert_to(p_token, 'UTF8'))\n"
"     AND s.closed_at IS NULL AND s.expires_at > clock_timestamp()\n"
"$f$;\n"
"REVOKE ALL ON cslog.member_policy FROM PUBLIC;\n"
"REVOKE EXECUTE ON FUNCTION cslog.member_policy_keep(), cslog.member_last_policy(text)\n"
"  FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.member_last_policy(text) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
