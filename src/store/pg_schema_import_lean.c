/* pg_schema_import_lean.c - the schema part "import-lean" (issue 18):
 * an import's staged rows in a temporary table, and less of the commit's
 * work that COPY of the same rows does not do.
 *
 * Until this part the terminal sent an import's records with COPY into
 * cslog.import_stage, a table of the database: every staged row was
 * written to the write-ahead log, and deleted (and written again) when
 * cslog.import_commit emptied it, its dead rows left for vacuum.  Now
 * cslog.import_begin, the owner's, makes the transaction's own stage,
 * pg_temp.cslog_import_stage (no write-ahead log, dropped at commit or
 * rollback, seen by no other session), and lets the terminal INSERT
 * (COPY) into it and nothing else: the terminal owns no table it could
 * shape, and import_commit reads the stage only when cslog_owner owns
 * it.  The terminal may no longer insert into cslog.import_stage (rows
 * put there outside any import stayed, unsigned, until an import
 * emptied the table): a cslog from before this part cannot import on
 * a server that has it, and is told to upgrade.
 *
 * import_commit itself is the part "import-set"'s (pg_schema_io2.c), as
 * shipped, but for where it reads the stage and two things that cost
 * time and changed no byte written:
 *  - each imported contact's event detail is written as text, in the
 *    bytes jsonb gives for the same three keys (its key order: by
 *    length, so content, imported, protected; only hex digits or null
 *    as values): jsonb_build_object(...)::text cost 0.1 - 0.15 s of
 *    100,000;
 *  - a file id given twice is still handed to the row-by-row function,
 *    which reads cslog.import_stage: the rows are copied there first.
 * And cslog.import_analyze samples at a statistics target of 30, not
 * 100 (0.16 s against 0.57 s after 100,000 contacts): it only stands
 * in for autovacuum's first analysis of the tables, which follows
 * within minutes at the database's own target.
 * tests/cli/pg_import2.sh compares it with the row-by-row function. */
#include "pg_int.h"

const char *const pg_schema_import_lean[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE FUNCTION cslog.import_begin(p_token text) RETURNS void\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"BEGIN\n"
"  IF a.role <> 'supervisor' THEN\n"
"    PERFORM cslog.deny(format('%s (%s) may not import', a.badge, a.role));\n"
"  END IF;\n"
"  CREATE TEMP TABLE cslog_import_stage (LIKE cslog.import_stage INCLUDING DEFAULTS)\n"
"    ON COMMIT DROP;\n"
"  GRANT INSERT ON pg_temp.cslog_import_stage TO cslog_terminal;\n"
"END $f$;\n"
"REVOKE INSERT ON cslog.import_stage FROM cslog_terminal;\n",
"CREATE OR REPLACE FUNCTION cslog.import_commit(p_token text)\n"
"  RETURNS TABLE (line bigint, why text, imported bigint, members bigint)\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp\n"
"  SET jit = off AS $f$\n",
"DECLARE a cslog.member := cslog.actor(p_token); h cslog.chain_head; n bigint; nm bigint;\n"
"  v_now timestamptz := clock_timestamp(); v_at timestamptz; v_top bigint; v_canon bytea[];\n"
"  v_hash bytea[]; v_at_c text;\n"
"BEGIN\n"
"  IF a.role <> 'supervisor' THEN\n"
"    PERFORM cslog.deny(format('%s (%s) may not import', a.badge, a.role));\n"
"  END IF;\n"
"  IF to_regclass('pg_temp.cslog_import_stage') IS NULL THEN\n"
"    PERFORM cslog.deny('an import begins with cslog.import_begin (a cslog older than'\n"
"      || ' the schema part import-lean cannot import here: upgrade it)');\n"
"  END IF;\n"
"  IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_roles o ON o.oid = c.relowner\n"
"                 WHERE c.oid = to_regclass('pg_temp.cslog_import_stage')\n"
"                   AND c.relkind = 'r' AND o.rolname = 'cslog_owner') THEN\n"
"    PERFORM cslog.deny('the import''s stage was not made by cslog.import_begin');\n"
"  END IF;\n"
"  IF EXISTS (SELECT 1 FROM pg_temp.cslog_import_stage s\n"
"             WHERE s.id IS NOT NULL GROUP BY s.id HAVING count(*) > 1) THEN\n"
"    INSERT INTO cslog.import_stage SELECT * FROM pg_temp.cslog_import_stage;\n"
"    RETURN QUERY SELECT * FROM cslog.import_commit_rows(p_token);\n"
"    RETURN;\n"
"  END IF;\n"
"  INSERT INTO cslog.bulk_xact VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;\n"
"  SELECT * INTO STRICT h FROM cslog.chain_head FOR UPDATE;\n"
"  SELECT greatest(max(x.id), 0) INTO v_top FROM (SELECT y.id FROM cslog.contact y UNION ALL\n"
"    SELECT z.id FROM pg_temp.cslog_import_stage z) x;\n"
"  DROP TABLE IF EXISTS pg_temp.import_rows, pg_temp.import_events;\n"
"  -- Each staged row in the order import_commit_rows takes them: written (ok)\n"
"  -- unless its id is in the log, or it amends a contact neither in the log\n"
"  -- nor written before it here; its id (the file's, or the next ones); and\n"
"  -- whether it is the first written of a member not yet known.\n"
"  CREATE TEMP TABLE import_rows ON COMMIT DROP AS\n"
"    WITH RECURSIVE s AS MATERIALIZED (\n"
"      SELECT row_number() OVER (ORDER BY x.id NULLS LAST, x.line) AS ord, x.line, x.id,\n"
"        x.amends, x.badge, x.member_name,\n"
"        x.id IS NOT NULL AND EXISTS (SELECT 1 FROM cslog.contact y WHERE y.id = x.id) AS dup\n"
"      FROM pg_temp.cslog_import_stage x),\n"
"    good AS (\n"
"      SELECT r.ord, r.id FROM s r WHERE NOT r.dup AND (r.amends IS NULL\n"
"        OR EXISTS (SELECT 1 FROM cslog.contact y WHERE y.id = r.amends))\n"
"      UNION ALL\n",
"      SELECT r.ord, r.id FROM good g JOIN s r ON r.amends = g.id AND r.ord > g.ord\n"
"       WHERE NOT r.dup AND NOT EXISTS (SELECT 1 FROM cslog.contact y WHERE y.id = r.amends))\n"
"    SELECT s.*, g.ord IS NOT NULL AS ok,\n"
"      CASE WHEN g.ord IS NOT NULL THEN coalesce(s.id, v_top + count(*) FILTER (WHERE\n"
"        g.ord IS NOT NULL AND s.id IS NULL) OVER (ORDER BY s.ord)) END AS cid,\n"
"      g.ord IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cslog.member m WHERE m.badge = s.badge)\n"
"        AND row_number() OVER (PARTITION BY s.badge, g.ord IS NULL ORDER BY s.ord) = 1\n"
"        AS first_of_member\n"
"    FROM s LEFT JOIN good g ON g.ord = s.ord;\n"
"  RETURN QUERY SELECT r.line, CASE WHEN r.dup THEN format('contact %s is in the log already',\n"
"      r.id) ELSE format('it amends contact %s, which is not in the log', r.amends) END,\n"
"      NULL::bigint, NULL::bigint FROM import_rows r WHERE NOT r.ok ORDER BY r.ord;\n",
"  INSERT INTO cslog.member (badge, name, role)\n"
"    SELECT r.badge, coalesce(r.member_name, r.badge), 'member' FROM import_rows r\n"
"     WHERE r.first_of_member ORDER BY r.ord;\n"
"  GET DIAGNOSTICS nm = ROW_COUNT;\n"
"  INSERT INTO cslog.contact (id, member_id, logged_by, at, logged_at, policy_id,\n"
"      policy_version, kind, channel, outcome, summary, needs_met, added_value, empowered,\n"
"      answers, standards, referral_to, referee_contacted, decision, appeal_info, call_ref,\n"
"      negative, amends, amend_reason)\n"
"    OVERRIDING SYSTEM VALUE\n"
"    SELECT r.cid, m.id, a.id, to_timestamp(s.at), coalesce(to_timestamp(s.logged_at), v_now),\n"
"      s.policy_id, s.policy_version, s.kind, s.channel, s.outcome, s.summary, s.needs_met,\n"
"      s.added_value, s.empowered, s.answers, s.standards, s.referral_to,\n"
"      s.referee_contacted, s.decision, s.appeal_info, s.call_ref, s.negative, s.amends,\n"
"      s.amend_reason\n"
"      FROM import_rows r JOIN pg_temp.cslog_import_stage s\n"
"        ON s.line = r.line JOIN cslog.member m ON m.badge = r.badge WHERE r.ok;\n"
"  GET DIAGNOSTICS n = ROW_COUNT;\n"
"  INSERT INTO cslog.contact_private (contact_id, name, phone, address, email)\n"
"    SELECT r.cid, s.customer_name, s.customer_phone,\n"
"      s.customer_address, s.customer_email\n"
"    FROM import_rows r JOIN pg_temp.cslog_import_stage s\n"
"      ON s.line = r.line\n"
"   WHERE r.ok AND coalesce(s.customer_name, s.customer_phone, s.customer_address,\n"
"                           s.customer_email) IS NOT NULL;\n"
"  IF EXISTS (SELECT 1 FROM import_rows r WHERE r.ok AND r.id IS NULL) THEN\n"
"    PERFORM setval(pg_get_serial_sequence('cslog.contact', 'id'),\n"
"                   (SELECT max(r.cid) FROM import_rows r WHERE r.ok AND r.id IS NULL));\n"
"  ELSIF v_top > 0 THEN\n"
"    PERFORM setval(pg_get_serial_sequence('cslog.contact', 'id'), v_top);\n"
"  END IF;\n"
"  -- The events in the row-by-row order (a new member's before its first\n"
"  -- contact's), one time for all (never earlier than the head's), their\n"
"  -- canonical bytes set-based, only the hashes folded in order.\n"
"  v_at := greatest(clock_timestamp(), h.at);\n"
"  v_at_c := cslog.canon1(cslog.us(v_at)::text) || cslog.canon1(a.id::text);\n",
"  CREATE TEMP TABLE import_events ON COMMIT DROP AS\n"
"    SELECT h.id + row_number() OVER (ORDER BY e.ord, e.sub) AS id, e.action, e.entity,\n"
"      e.entity_id, e.detail\n"
"    FROM (SELECT r.ord, 0 AS sub, 'member.add' AS action, 'member' AS entity, m.id AS entity_id,\n"
"            jsonb_build_object('row', cslog.sha(cslog.member_canon(m)), 'badge', m.badge,\n"
"                               'role', m.role)::text AS detail\n"
"            FROM import_rows r JOIN cslog.member m ON m.badge = r.badge WHERE r.first_of_member\n"
"          UNION ALL\n"
"          SELECT r.ord, 1, 'contact.log', 'contact', c.id,\n"
"            '{\"content\": \"' || encode(sha256(convert_to(\n"
"              cslog.contact_canon_flat(c), 'UTF8')), 'hex')\n"
"              || '\", \"imported\": true, \"protected\": ' || CASE WHEN p.contact_id IS NOT NULL\n"
"                THEN '\"' || encode(sha256(convert_to(\n"
"                cslog.canon1(p.contact_id::text) || cslog.canon1(p.name)\n"
"                || cslog.canon1(p.phone)\n"
"                || cslog.canon1(p.address) || cslog.canon1(p.email), 'UTF8')), 'hex') || '\"'\n"
"                ELSE 'null' END || '}'\n"
"            FROM import_rows r JOIN cslog.contact c ON c.id = r.cid\n"
"            LEFT JOIN cslog.contact_private p ON p.contact_id = c.id WHERE r.ok) e;\n"
"  SELECT array_agg(convert_to(cslog.canon1(e.id::text) || v_at_c || cslog.canon1(e.action)\n"
"      || cslog.canon1(e.entity)\n"
"      || cslog.canon1(e.entity_id::text) || cslog.canon1(e.detail), 'UTF8') ORDER BY e.id)\n"
"    INTO v_canon FROM import_events e;\n"
"  IF v_canon IS NOT NULL THEN\n"
"    v_hash := cslog.chain_fold(h.hash, v_canon);\n"
"    INSERT INTO cslog.audit SELECT e.id, v_at, a.id, e.action, e.entity, e.entity_id, e.detail,\n"
"        coalesce(lag(x.hash) OVER (ORDER BY e.id), h.hash), x.hash\n"
"      FROM import_events e JOIN unnest(v_hash) WITH ORDINALITY AS x(hash, k)\n"
"        ON e.id = h.id + x.k ORDER BY e.id;\n"
"    UPDATE cslog.chain_head SET id = h.id + cardinality(v_hash),\n"
"      hash = v_hash[cardinality(v_hash)], at = v_at;\n"
"  END IF;\n"
"  PERFORM cslog.agg_bulk();\n"
"  DELETE FROM cslog.bulk_xact WHERE xact = pg_current_xact_id();\n"
"  RETURN QUERY SELECT NULL::bigint, NULL::text, n, nm;\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.import_begin(text), cslog.import_commit(text) FROM PUBLIC;\n",
"GRANT EXECUTE ON FUNCTION cslog.import_begin(text), cslog.import_commit(text) TO cslog_terminal;\n"
"ALTER FUNCTION cslog.import_analyze(text, bigint) SET default_statistics_target = 30;\n"
"RESET ROLE;\n",
NULL,
};
