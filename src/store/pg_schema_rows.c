/* pg_schema_rows.c - the part of 'cslog admin init-server' that lets
 * verify compare every table's rows with the audit trail, as the SQLite
 * verify does (verify_rows.c): each member, review and follow-up hashed
 * again and compared with the row hash its newest event recorded; each
 * entity whose events remain but whose row is gone.  The terminal role
 * may not read those tables (a member's row holds a PIN hash), so the
 * comparison runs on the server, in a function that writes nothing (it
 * runs on a hot standby too).
 *
 * Kept apart from pg_schema.c: run after its grants, with its own. */
#include "pg_int.h"

const char *const pg_schema_rows[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE FUNCTION cslog.review_canon(r cslog.review) RETURNS text LANGUAGE sql STABLE AS $f$\n"
"  SELECT cslog.canon(r.id::text, r.contact_id::text, r.member_id::text,\n"
"    cslog.us(r.at)::text, r.kind, r.note)\n"
"$f$;\n"
/* The first row that does not match its newest event holding a row
 * hash, or whose events remain without it; else one row of counts
 * (tbl NULL).  checked: the rows compared. */
"CREATE FUNCTION cslog.verify_rows(p_token text)\n"
"  RETURNS TABLE (checked bigint, tbl text, row_id bigint, label text, event bigint,\n"
"                 why text)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token); r record; n bigint := 0;\n"
"  v_ev bigint; v_was text;\n"
"BEGIN\n"
"  FOR r IN SELECT 1 AS ord, 'member' AS t, m.id, m.badge AS label,\n"
"        cslog.sha(cslog.member_canon(m)) AS now FROM cslog.member m\n"
"      UNION ALL SELECT 2, 'review', v.id, NULL, cslog.sha(cslog.review_canon(v))\n"
"        FROM cslog.review v\n"
"      UNION ALL SELECT 3, 'followup', f.id, NULL, cslog.sha(cslog.followup_canon(f))\n"
"        FROM cslog.followup f\n"
"      ORDER BY 1, 3\n"
"  LOOP\n"
"    n := n + 1;\n"
"    v_ev := NULL;\n"
"    v_was := NULL;\n"
"    SELECT x.id, x.detail::jsonb ->> 'row' INTO v_ev, v_was FROM cslog.audit x\n"
"     WHERE x.entity = r.t AND x.entity_id = r.id\n"
"       AND (x.detail::jsonb ->> 'row') IS NOT NULL\n"
"     ORDER BY x.id DESC LIMIT 1;\n"
"    IF v_ev IS NULL THEN\n"
"      RETURN QUERY SELECT n, r.t, r.id, r.label, NULL::bigint, 'no event'::text;\n"
"      RETURN;\n"
"    END IF;\n"
"    IF r.now IS DISTINCT FROM v_was THEN\n"
"      RETURN QUERY SELECT n, r.t, r.id, r.label, v_ev, 'changed'::text;\n"
"      RETURN;\n"
"    END IF;\n"
"  END LOOP;\n"
"  FOR r IN SELECT x.entity AS t, x.entity_id AS id, max(x.id) AS ev FROM cslog.audit x\n"
"     WHERE x.entity_id IS NOT NULL AND (\n"
"       (x.entity = 'member' AND NOT EXISTS (SELECT 1 FROM cslog.member t\n"
"          WHERE t.id = x.entity_id))\n"
"       OR (x.entity = 'review' AND NOT EXISTS (SELECT 1 FROM cslog.review t\n"
"          WHERE t.id = x.entity_id))\n"
"       OR (x.entity = 'followup' AND NOT EXISTS (SELECT 1 FROM cslog.followup t\n"
"          WHERE t.id = x.entity_id))\n"
"       OR (x.entity = 'contact' AND NOT EXISTS (SELECT 1 FROM cslog.contact t\n"
"          WHERE t.id = x.entity_id)))\n"
"     GROUP BY x.entity, x.entity_id ORDER BY 3 LIMIT 1\n"
"  LOOP\n"
"    RETURN QUERY SELECT n, r.t, r.id, NULL::text, r.ev, 'gone'::text;\n"
"    RETURN;\n"
"  END LOOP;\n"
"  RETURN QUERY SELECT n, NULL::text, NULL::bigint, NULL::text, NULL::bigint, NULL::text;\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.review_canon(cslog.review), cslog.verify_rows(text)\n"
"  FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.verify_rows(text) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
