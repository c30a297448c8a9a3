/* pg_schema_report.c - what 'cslog admin init-server' adds for reports:
 * the aggregates, kept by the server's own triggers in the transaction
 * that writes what they count, and the functions that read them.
 *
 * cslog.agg counts contacts per dimension value, policy and UTC day of
 * the contact (the dimensions and values of a SQLite file's table agg,
 * src/store/agg.c, at the day grain only): a report over a range of
 * days sums at most a row per day per value.  The contact's own
 * dimensions (cslog.contact_dims) are counted when it is written; its
 * follow-ups and debrief (cslog.contact_state_dims) move as they are
 * opened, done and given.  Bumps of one row by two writers wait for
 * each other, which costs nothing: every write already holds the
 * chain's head (cslog.audit_append) until it commits.
 *
 * A member's own figures are counted from their contacts with the same
 * two functions (as a file counts them, store_report_fullscan). */
#include "pg_int.h"

const char *const pg_schema_report[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE TABLE cslog.agg (\n"
"  dim text NOT NULL,\n"
"  day date NOT NULL,\n"
"  policy_id text NOT NULL,\n"
"  value text NOT NULL,\n"
"  n bigint NOT NULL,\n"
"  PRIMARY KEY (dim, day, policy_id, value));\n"
"CREATE FUNCTION cslog.utc_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $f$\n"
"  SELECT (t AT TIME ZONE 'UTC')::date\n"
"$f$;\n"
/* deadline_grade (src/core/deadline.c), on whole seconds as a file's. */
"CREATE FUNCTION cslog.grade(f cslog.followup) RETURNS text LANGUAGE sql IMMUTABLE AS $f$\n"
"  SELECT CASE WHEN cslog.us(f.done_at) / 1000000 <= cslog.us(f.due_at) / 1000000\n"
"              THEN 'on-target'\n"
"              WHEN cslog.us(f.done_at) / 1000000 <= cslog.us(f.limit_at) / 1000000\n"
"              THEN 'within-limit' ELSE 'late' END\n"
"$f$;\n"
"CREATE FUNCTION cslog.contact_dims(c cslog.contact)\n"
"  RETURNS TABLE (dim text, value text, n bigint) LANGUAGE sql STABLE AS $f$\n"
"  SELECT 'day', to_char(cslog.utc_day(c.at), 'YYYY-MM-DD'), 1::bigint\n"
"  UNION ALL SELECT 'kind', c.kind, 1\n"
"  UNION ALL SELECT 'channel', c.channel, 1\n"
"  UNION ALL SELECT 'outcome', coalesce(c.outcome, ''), 1\n"
"  UNION ALL SELECT 'member', c.member_id::text, 1\n"
"  UNION ALL SELECT 'empowered', coalesce(cslog.tri(c.empowered), 'none'), 1\n"
"  UNION ALL SELECT 'added_value', CASE WHEN c.added_value IS NULL THEN 'no' ELSE 'yes' END, 1\n"
"  UNION ALL SELECT 'member_added_value', c.member_id::text, 1 WHERE c.added_value IS NOT NULL\n"
"  UNION ALL SELECT 'needs_met', coalesce(cslog.tri(c.needs_met), 'unknown'), 1\n"
"  UNION ALL SELECT 'question_asked', split_part(q, '=', 1), 1\n"
"    FROM unnest(string_to_array(c.answers, ';')) AS q\n"
"  UNION ALL SELECT 'question_failed', split_part(q, '=', 1), 1\n"
"    FROM unnest(string_to_array(c.answers, ';')) AS q WHERE split_part(q, '=', 2) = 'no'\n"
"$f$;\n"
"CREATE FUNCTION cslog.contact_state_dims(c cslog.contact)\n"
"  RETURNS TABLE (dim text, value text, n bigint) LANGUAGE sql STABLE AS $f$\n"
"  SELECT 'followup_done', cslog.grade(f), count(*) FROM cslog.followup f\n"
"   WHERE f.contact_id = c.id AND f.state = 'done' GROUP BY 2\n"
"  UNION ALL SELECT 'followup_open', 'open', count(*) FROM cslog.followup f\n"
"   WHERE f.contact_id = c.id AND f.state <> 'done' HAVING count(*) > 0\n"
"  UNION ALL SELECT 'followup_limit', to_char(cslog.utc_day(f.limit_at), 'YYYY-MM-DD'),\n"
"    count(*) FROM cslog.followup f WHERE f.contact_id = c.id AND f.state <> 'done' GROUP BY 2\n"
"  UNION ALL SELECT 'debrief_due', 'due', 1 WHERE c.negative AND NOT EXISTS (\n"
"    SELECT 1 FROM cslog.review r WHERE r.contact_id = c.id AND r.kind = 'debrief')\n"
"$f$;\n",
"CREATE FUNCTION cslog.agg_bump(p_contact bigint, p_dim text, p_value text, p_n bigint)\n"
"  RETURNS void LANGUAGE sql SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"  INSERT INTO cslog.agg AS g (dim, day, policy_id, value, n)\n"
"    SELECT p_dim, cslog.utc_day(c.at), c.policy_id, p_value, p_n\n"
"      FROM cslog.contact c WHERE c.id = p_contact\n"
"  ON CONFLICT (dim, day, policy_id, value) DO UPDATE SET n = g.n + EXCLUDED.n\n"
"$f$;\n"
"CREATE FUNCTION cslog.agg_trigger() RETURNS trigger LANGUAGE plpgsql\n"
"  SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE d record;\n"
"BEGIN\n"
"  IF TG_TABLE_NAME = 'contact' THEN\n"
"    FOR d IN SELECT * FROM cslog.contact_dims(NEW)\n"
"             UNION ALL SELECT * FROM cslog.contact_state_dims(NEW) LOOP\n"
"      PERFORM cslog.agg_bump(NEW.id, d.dim, d.value, d.n);\n"
"    END LOOP;\n"
"  ELSIF TG_TABLE_NAME = 'review' THEN\n"
"    IF NEW.kind = 'debrief' AND EXISTS (SELECT 1 FROM cslog.contact c\n"
"         WHERE c.id = NEW.contact_id AND c.negative) AND NOT EXISTS (SELECT 1\n"
"         FROM cslog.review r WHERE r.contact_id = NEW.contact_id AND r.kind = 'debrief'\n"
"          AND r.id <> NEW.id) THEN\n"
"      PERFORM cslog.agg_bump(NEW.contact_id, 'debrief_due', 'due', -1);\n"
"    END IF;\n"
"  ELSIF TG_OP = 'INSERT' AND NEW.state <> 'done' THEN\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_open', 'open', 1);\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_limit',\n"
"      to_char(cslog.utc_day(NEW.limit_at), 'YYYY-MM-DD'), 1);\n"
"  ELSIF TG_OP = 'UPDATE' AND OLD.state <> 'done' AND NEW.state = 'done' THEN\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_open', 'open', -1);\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_limit',\n"
"      to_char(cslog.utc_day(OLD.limit_at), 'YYYY-MM-DD'), -1);\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_done', cslog.grade(NEW), 1);\n"
"  END IF;\n"
"  RETURN NULL;\n"
"END $f$;\n",
"CREATE TRIGGER contact_agg AFTER INSERT ON cslog.contact\n"
"  FOR EACH ROW EXECUTE FUNCTION cslog.agg_trigger();\n"
"CREATE TRIGGER review_agg AFTER INSERT ON cslog.review\n"
"  FOR EACH ROW EXECUTE FUNCTION cslog.agg_trigger();\n"
"CREATE TRIGGER followup_agg AFTER INSERT OR UPDATE OF state ON cslog.followup\n"
"  FOR EACH ROW EXECUTE FUNCTION cslog.agg_trigger();\n"
/* Who may see which figures: a member their own, not member by member;
 * trainers and supervisors everyone's (the permission table). */
"CREATE FUNCTION cslog.report_may(a cslog.member, p_member bigint, p_dim text)\n"
"  RETURNS void LANGUAGE plpgsql AS $f$\n"
"BEGIN\n"
"  IF a.role = 'member' AND (p_member IS DISTINCT FROM a.id\n"
"      OR p_dim IN ('member', 'member_added_value')) THEN\n"
"    PERFORM cslog.deny(format('%s (%s) may see only their own figures', a.badge, a.role));\n"
"  END IF;\n"
"END $f$;\n"
"CREATE FUNCTION cslog.report_counts(p_token text, p_dim text, p_since date, p_until date,\n"
"    p_policy text, p_member bigint)\n"
"  RETURNS TABLE (value text, n bigint)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"  v_since date := coalesce(p_since, '-infinity'::date);\n"
"  v_until date := coalesce(p_until, 'infinity'::date);\n"
"BEGIN\n"
"  PERFORM cslog.report_may(a, p_member, p_dim);\n"
"  IF p_member IS NULL THEN\n"
"    RETURN QUERY SELECT g.value, sum(g.n)::bigint FROM cslog.agg g\n"
"      WHERE g.dim = p_dim AND g.day BETWEEN v_since AND v_until\n"
"        AND (p_policy IS NULL OR g.policy_id = p_policy)\n"
"      GROUP BY g.value HAVING sum(g.n) > 0 ORDER BY g.value COLLATE \"C\";\n"
"  ELSE\n"
"    RETURN QUERY SELECT d.value, sum(d.n)::bigint FROM cslog.contact c\n"
"      CROSS JOIN LATERAL (SELECT * FROM cslog.contact_dims(c)\n"
"                          UNION ALL SELECT * FROM cslog.contact_state_dims(c)) d\n"
"      WHERE c.member_id = p_member AND d.dim = p_dim\n"
"        AND cslog.utc_day(c.at) BETWEEN v_since AND v_until\n"
"        AND (p_policy IS NULL OR c.policy_id = p_policy)\n"
"      GROUP BY d.value HAVING sum(d.n) > 0 ORDER BY d.value COLLATE \"C\";\n"
"  END IF;\n"
"END $f$;\n"
/* Follow-ups open past their limit at the server's clock, of the
 * contacts of those days (the open ones by limit, an index). */
"CREATE FUNCTION cslog.report_overdue(p_token text, p_since date, p_until date,\n"
"    p_policy text, p_member bigint) RETURNS bigint\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token); v bigint;\n"
"BEGIN\n"
"  PERFORM cslog.report_may(a, p_member, 'overdue');\n"
"  SELECT count(*) INTO v FROM cslog.followup f JOIN cslog.contact c ON c.id = f.contact_id\n"
"   WHERE f.state <> 'done' AND f.limit_at < clock_timestamp()\n"
"     AND cslog.utc_day(c.at) BETWEEN coalesce(p_since, '-infinity'::date)\n"
"                                 AND coalesce(p_until, 'infinity'::date)\n"
"     AND (p_policy IS NULL OR c.policy_id = p_policy)\n"
"     AND (p_member IS NULL OR c.member_id = p_member);\n"
"  RETURN v;\n"
"END $f$;\n",
NULL,
};

const char *const pg_schema_report_grants[] = {
"SET LOCAL ROLE cslog_owner;\n"
"REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA cslog FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.report_counts(text, text, date, date, text, bigint),\n"
"  cslog.report_overdue(text, date, date, text, bigint) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
