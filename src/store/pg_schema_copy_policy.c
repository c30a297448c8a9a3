/* pg_schema_copy_policy.c - the part of 'cslog admin init-server' (and
 * of 'admin upgrade-server') that lets 'cslog copy' carry each member's
 * last policy from a station's file into a server (the file keeps it in
 * member.last_policy, the server in cslog.member_policy, part
 * last-policy), so that a member copied in is not asked for a policy
 * again.  The other way, a server into a file, needs nothing here: the
 * owner reads cslog.member_policy (pg_copy_out.c).
 *
 * cslog.copy_commit_policy(station) runs after cslog.copy_commit, in
 * the copy's transaction, as the database's owner (granted to nobody),
 * from the members staged in pg_temp.copy_member (its column
 * last_policy).  The policy is the one of the member's newest contact:
 * a member the server knew already, who logged there after their newest
 * contact at the station, keeps the server's; otherwise the station's
 * is taken (ties go to the station copied).  Not a record of fact and
 * not audited, as on a file.  It returns how many members it set. */
#include "pg_int.h"

const char *const pg_schema_copy_policy[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE FUNCTION cslog.copy_commit_policy(p_station text) RETURNS bigint\n"
"  LANGUAGE plpgsql SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE v_off bigint; n bigint;\n"
"BEGIN\n"
"  SELECT s.contact_offset INTO STRICT v_off FROM cslog.station s WHERE s.name = p_station;\n"
/* The station's newest contact per member (one pass over the staged
 * contacts), against the member's newest on the server before the copy
 * (ids up to the offset; its index by member and id, newest first). */
"  WITH t AS (SELECT k.member_id, to_timestamp(max(k.logged_at)) AS at\n"
"              FROM pg_temp.copy_contact k WHERE k.amends IS NULL GROUP BY k.member_id)\n"
"  INSERT INTO cslog.member_policy AS p (member_id, policy_id)\n"
"    SELECT r.server_id, x.last_policy FROM pg_temp.copy_member x\n"
"      JOIN cslog.station_record r ON r.station = p_station AND r.kind = 'member'\n"
"       AND r.original_id = x.id\n"
"      LEFT JOIN t ON t.member_id = x.id\n"
"     WHERE octet_length(x.last_policy) BETWEEN 1 AND 64\n"
"       AND coalesce((SELECT c.logged_at FROM cslog.contact c WHERE c.member_id = r.server_id\n"
"             AND c.id <= v_off AND c.amends IS NULL ORDER BY c.id DESC LIMIT 1),\n"
"           '-infinity') <= coalesce(t.at, '-infinity')\n"
"  ON CONFLICT (member_id) DO UPDATE SET policy_id = excluded.policy_id;\n"
"  GET DIAGNOSTICS n = ROW_COUNT;\n"
"  RETURN n;\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.copy_commit_policy(text) FROM PUBLIC;\n"
"RESET ROLE;\n",
NULL,
};
