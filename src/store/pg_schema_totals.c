/* pg_schema_totals.c - the schema part "totals" (issue 18): the
 * all-time totals of the report aggregates, so that a report over all
 * time (the summary's nine dimensions above all) reads a row per value
 * instead of summing a row per day per value (at 100k, 366 days: about
 * 36,000 rows for the summary, 26.5 ms; at 1M 30.5 ms).
 *
 * cslog.agg_total counts, per dimension, policy and value, what
 * cslog.agg counts per day: its n is the sum of the daily rows' n.  It
 * is kept by a statement trigger on cslog.agg itself, in the statement
 * that changes the daily rows, from that statement's transition tables
 * (one upsert per statement: a contact's agg_bump, a bulk's agg_bulk,
 * an amendment, a follow-up or review moving its state, copy, import,
 * and anything added later that writes the daily rows).  Chosen over
 * changing agg_bump and agg_bulk: nothing that writes cslog.agg can
 * forget the totals.  Two writers wait for each other on a row, which
 * costs nothing: every write already holds the chain's head.
 *
 * Made on a server that has daily rows (admin upgrade-server), the
 * totals are filled from them, cslog.agg locked meanwhile so that no
 * write falls between the fill and the trigger.
 *
 * cslog.report_counts reads the totals when the range is all time and
 * no member is named (a member's own figures are counted from their
 * contacts, as before), the daily rows when a range of days is given. */
#include "pg_int.h"

const char *const pg_schema_totals[] = {
"SET LOCAL ROLE cslog_owner;\n"
"LOCK TABLE cslog.agg IN SHARE ROW EXCLUSIVE MODE;\n"
"CREATE TABLE cslog.agg_total (\n"
"  dim text NOT NULL,\n"
"  policy_id text NOT NULL,\n"
"  value text NOT NULL,\n"
"  n bigint NOT NULL,\n"
"  PRIMARY KEY (dim, policy_id, value) INCLUDE (n));\n"
"INSERT INTO cslog.agg_total (dim, policy_id, value, n)\n"
"  SELECT g.dim, g.policy_id, g.value, sum(g.n) FROM cslog.agg g GROUP BY 1, 2, 3;\n"
/* The daily rows' changes of one statement, added to the totals: what
 * was inserted, what an update made less what it was, less what was
 * deleted. */
"CREATE FUNCTION cslog.agg_total_keep() RETURNS trigger LANGUAGE plpgsql\n"
"  SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"BEGIN\n"
"  IF TG_OP = 'INSERT' THEN\n"
"    INSERT INTO cslog.agg_total AS t (dim, policy_id, value, n)\n"
"      SELECT d.dim, d.policy_id, d.value, sum(d.n) FROM agg_new d GROUP BY 1, 2, 3\n"
"    ON CONFLICT (dim, policy_id, value) DO UPDATE SET n = t.n + EXCLUDED.n;\n"
"  ELSIF TG_OP = 'UPDATE' THEN\n"
"    INSERT INTO cslog.agg_total AS t (dim, policy_id, value, n)\n"
"      SELECT d.dim, d.policy_id, d.value, sum(d.n)\n"
"        FROM (SELECT x.dim, x.policy_id, x.value, x.n FROM agg_new x\n"
"              UNION ALL SELECT o.dim, o.policy_id, o.value, -o.n FROM agg_old o) d\n"
"       GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0\n"
"    ON CONFLICT (dim, policy_id, value) DO UPDATE SET n = t.n + EXCLUDED.n;\n"
"  ELSE\n"
"    INSERT INTO cslog.agg_total AS t (dim, policy_id, value, n)\n"
"      SELECT o.dim, o.policy_id, o.value, -sum(o.n) FROM agg_old o GROUP BY 1, 2, 3\n"
"    ON CONFLICT (dim, policy_id, value) DO UPDATE SET n = t.n + EXCLUDED.n;\n"
"  END IF;\n"
"  RETURN NULL;\n"
"END $f$;\n"
"CREATE TRIGGER agg_total_ins AFTER INSERT ON cslog.agg\n"
"  REFERENCING NEW TABLE AS agg_new\n"
"  FOR EACH STATEMENT EXECUTE FUNCTION cslog.agg_total_keep();\n"
"CREATE TRIGGER agg_total_upd AFTER UPDATE ON cslog.agg\n"
"  REFERENCING OLD TABLE AS agg_old NEW TABLE AS agg_new\n"
"  FOR EACH STATEMENT EXECUTE FUNCTION cslog.agg_total_keep();\n"
"CREATE TRIGGER agg_total_del AFTER DELETE ON cslog.agg\n"
"  REFERENCING OLD TABLE AS agg_old\n"
"  FOR EACH STATEMENT EXECUTE FUNCTION cslog.agg_total_keep();\n"
/* A TRUNCATE has no transition table: the totals go with the rows. */
"CREATE FUNCTION cslog.agg_total_clear() RETURNS trigger LANGUAGE plpgsql\n"
"  SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"BEGIN\n"
"  TRUNCATE cslog.agg_total;\n"
"  RETURN NULL;\n"
"END $f$;\n"
"CREATE TRIGGER agg_total_trunc AFTER TRUNCATE ON cslog.agg\n"
"  FOR EACH STATEMENT EXECUTE FUNCTION cslog.agg_total_clear();\n"
"REVOKE EXECUTE ON FUNCTION cslog.agg_total_keep(), cslog.agg_total_clear() FROM PUBLIC;\n",
/* report_counts (pg_schema_report.c) as it was, but over all time for
 * everyone's contacts: the totals. */
"CREATE OR REPLACE FUNCTION cslog.report_counts(p_token text, p_dim text, p_since date,\n"
"    p_until date, p_policy text, p_member bigint)\n"
"  RETURNS TABLE (value text, n bigint)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"  v_since date := coalesce(p_since, '-infinity'::date);\n"
"  v_until date := coalesce(p_until, 'infinity'::date);\n"
"BEGIN\n"
"  PERFORM cslog.report_may(a, p_member, p_dim);\n"
"  IF p_member IS NULL AND p_since IS NULL AND p_until IS NULL THEN\n"
"    RETURN QUERY SELECT t.value, sum(t.n)::bigint FROM cslog.agg_total t\n"
"      WHERE t.dim = p_dim AND (p_policy IS NULL OR t.policy_id = p_policy)\n"
"      GROUP BY t.value HAVING sum(t.n) > 0 ORDER BY t.value COLLATE \"C\";\n"
"  ELSIF p_member IS NULL THEN\n"
"    RETURN QUERY SELECT g.value, sum(g.n)::bigint FROM cslog.agg g\n"
"      WHERE g.dim = p_dim AND g.day BETWEEN v_since AND v_until\n"
"        AND (p_policy IS NULL OR g.policy_id = p_policy)\n"
"      GROUP BY g.value HAVING sum(g.n) > 0 ORDER BY g.value COLLATE \"C\";\n"
"  ELSE\n"
"    RETURN QUERY SELECT d.value, sum(d.n)::bigint FROM cslog.contact c\n"
"      CROSS JOIN LATERAL (SELECT * FROM cslog.contact_dims(c)\n"
"                          UNION ALL SELECT * FROM cslog.contact_state_dims(c)) d\n"
"      WHERE c.member_id = p_member AND d.dim = p_dim\n"
"        AND NOT EXISTS (SELECT 1 FROM cslog.contact x WHERE x.amends = c.id)\n"
"        AND cslog.utc_day(c.at) BETWEEN v_since AND v_until\n"
"        AND (p_policy IS NULL OR c.policy_id = p_policy)\n"
"      GROUP BY d.value HAVING sum(d.n) > 0 ORDER BY d.value COLLATE \"C\";\n"
"  END IF;\n"
"END $f$;\n",
/* verify (pg_verify_totals.c): the first value whose total is not its
 * daily rows summed (none: no row); the counts not to a member, who may
 * not see figures member by member. */
"CREATE FUNCTION cslog.verify_totals(p_token text)\n"
"  RETURNS TABLE (dim text, policy_id text, value text, total bigint, daily bigint)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"BEGIN\n"
"  RETURN QUERY SELECT coalesce(d.dim, t.dim), coalesce(d.policy_id, t.policy_id),\n"
"      coalesce(d.value, t.value),\n"
"      CASE WHEN a.role <> 'member' THEN coalesce(t.n, 0) END,\n"
"      CASE WHEN a.role <> 'member' THEN coalesce(d.n, 0) END\n"
"    FROM (SELECT g.dim, g.policy_id, g.value, sum(g.n)::bigint AS n FROM cslog.agg g\n"
"           GROUP BY g.dim, g.policy_id, g.value) d\n"
"    FULL JOIN cslog.agg_total t\n"
"      ON t.dim = d.dim AND t.policy_id = d.policy_id AND t.value = d.value\n"
"   WHERE coalesce(t.n, 0) <> coalesce(d.n, 0)\n"
"   ORDER BY 1, 2, 3 LIMIT 1;\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.verify_totals(text) FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.verify_totals(text) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
