/* pg_schema_search_rare.c - the schema part "search-rare" (issue 18):
 * a rare search word at a million contacts.
 *
 * cslog.contact_find (part "speed") tests a search as a semi-join on the
 * search rows.  At 100,000 contacts the planner drove a rare word from
 * the GIN index (1.7 ms); at 1,000,000 (make bench, 'kayak': 60 of
 * 1,004,021 contacts, estimated 736) it merged the word's rows with the
 * id index walked backwards, 816,190 ids read to find the page's 51:
 * 219 ms a query in the bench, 89 ms by EXPLAIN ANALYZE.  Here the
 * function first counts the word's contacts, at most 1,000 of them
 * (0.5 ms for 'kayak', 2 - 5 ms for 'smoke', 173,771 contacts); under
 * 1,000 it takes their ids from the GIN index and the page's among them
 * from the id index, in order (0.5 ms); from 1,000 on, the id index is
 * walked as before, a match at least every thousand contacts at 1M.
 * The same rows in the same order: only the plan differs.  The rest of
 * the function is the part "speed"'s, as shipped (a shipped part is
 * never edited: CREATE OR REPLACE here). */
#include "pg_int.h"

const char *const pg_schema_search_rare[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE OR REPLACE FUNCTION cslog.contact_find(p_token text, p_member bigint, p_policy text,\n"
"    p_kind text, p_channel text, p_outcome text, p_call text, p_since bigint,\n"
"    p_until bigint, p_after bigint, p_limit int, p_oldest boolean, p_superseded boolean,\n"
"    p_unreviewed boolean, p_search text, p_prefix boolean, p_not_empowered boolean,\n"
"    p_needs_debrief boolean, p_overdue boolean, p_protected boolean, p_max bigint)\n"
"  RETURNS TABLE (id bigint, member_id bigint, badge text, member_name text, logged_by bigint,\n"
"    at bigint, logged_at bigint, policy_id text, policy_version text, kind text,\n"
"    channel text, outcome text, summary text, needs_met boolean, added_value text,\n"
"    empowered boolean, answers text, standards text, referral_to text,\n"
"    referee_contacted boolean, decision text, appeal_info text, call_ref text,\n"
"    negative boolean, amends bigint, amend_reason text, superseded_by bigint,\n"
"    signed_off boolean, n_reviews int, debriefed boolean, followup_id bigint,\n"
"    followup_state text, followup_due bigint, followup_limit bigint, has_private boolean,\n"
"    customer_name text, customer_phone text, customer_address text, customer_email text)\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token); v_member bigint := p_member;\n"
"  v_q tsquery := cslog.fts_query(p_search, coalesce(p_prefix, false));\n"
"  v_now timestamptz := clock_timestamp(); v_ids bigint[]; v_hits bigint[]; v_n int;\n"
"  v_sql text := 'SELECT c.id FROM cslog.contact c WHERE true';\n"
"BEGIN\n"
"  IF a.role <> 'supervisor' THEN\n"
"    IF v_member IS NOT NULL AND v_member <> a.id THEN\n"
"      PERFORM cslog.deny(format('%s (%s) may list only their own contacts', a.badge, a.role));\n"
"    END IF;\n"
"    IF p_protected THEN\n"
"      PERFORM cslog.deny(format('%s (%s) may not list customer data', a.badge, a.role));\n"
"    END IF;\n"
"    v_member := a.id;\n"
"  END IF;\n"
/* Each test as the static query had it, a NULL flag too ("NOT p OR
 * test" and "p OR NOT EXISTS" kept only the rows passing the test). */
"  IF v_member IS NOT NULL THEN v_sql := v_sql || ' AND c.member_id = $1'; END IF;\n"
"  IF p_policy IS NOT NULL THEN v_sql := v_sql || ' AND c.policy_id = $2'; END IF;\n"
"  IF p_kind IS NOT NULL THEN v_sql := v_sql || ' AND c.kind = $3'; END IF;\n"
"  IF p_channel IS NOT NULL THEN v_sql := v_sql || ' AND c.channel = $4'; END IF;\n"
"  IF p_outcome IS NOT NULL THEN v_sql := v_sql || ' AND c.outcome = $5'; END IF;\n"
"  IF p_call IS NOT NULL THEN v_sql := v_sql || ' AND c.call_ref = $6'; END IF;\n"
"  IF p_since IS NOT NULL THEN v_sql := v_sql || ' AND c.at >= to_timestamp($7)'; END IF;\n"
"  IF p_until IS NOT NULL THEN v_sql := v_sql || ' AND c.at <= to_timestamp($8)'; END IF;\n"
"  IF p_max IS NOT NULL THEN v_sql := v_sql || ' AND c.id <= $9'; END IF;\n"
"  IF p_after IS NOT NULL THEN\n"
"    v_sql := v_sql || CASE WHEN p_oldest THEN ' AND c.id > $10' ELSE ' AND c.id < $10' END;\n"
"  END IF;\n"
"  IF p_superseded IS NOT TRUE THEN\n"
"    v_sql := v_sql || ' AND NOT EXISTS (SELECT 1 FROM cslog.contact x'\n"
"      ' WHERE x.amends = c.id AND x.amends IS NOT NULL)';\n"
"  END IF;\n"
"  IF p_unreviewed IS NOT FALSE THEN\n"
"    v_sql := v_sql || ' AND NOT EXISTS (SELECT 1 FROM cslog.review r'\n"
"      ' WHERE r.contact_id = c.id AND r.kind = ''sign-off'')';\n"
"  END IF;\n",
"  IF p_not_empowered IS NOT FALSE THEN\n"
"    v_sql := v_sql || ' AND c.empowered = false';\n"
"  END IF;\n"
"  IF p_needs_debrief IS NOT FALSE THEN\n"
"    v_sql := v_sql || ' AND c.negative AND NOT EXISTS (SELECT 1 FROM cslog.review r'\n"
"      ' WHERE r.contact_id = c.id AND r.kind = ''debrief'')';\n"
"  END IF;\n"
"  IF p_overdue IS NOT FALSE THEN\n"
"    v_sql := v_sql || ' AND EXISTS (SELECT 1 FROM cslog.followup f'\n"
"      ' WHERE f.contact_id = c.id AND f.state = ''open'' AND f.limit_at < $11)';\n"
"  END IF;\n"
/* A rare word (fewer than 1,000 contacts): its contacts' ids from the
 * GIN index first, the page's among them by the id index; a common one
 * as before, the id index walked until the page is full. */
"  IF v_q IS NOT NULL THEN\n"
"    SELECT count(*) INTO v_n FROM (SELECT 1 FROM cslog.contact_search s\n"
"      WHERE s.doc @@ v_q LIMIT 1000) x;\n"
"    IF v_n < 1000 THEN\n"
"      v_hits := ARRAY(SELECT s.contact_id FROM cslog.contact_search s WHERE s.doc @@ v_q);\n"
"      v_sql := v_sql || ' AND c.id = ANY ($14)';\n"
"    ELSE\n"
"      v_sql := v_sql || ' AND EXISTS (SELECT 1 FROM cslog.contact_search s'\n"
"        ' WHERE s.contact_id = c.id AND s.doc @@ $12)';\n"
"    END IF;\n"
"  END IF;\n"
"  v_sql := v_sql || CASE WHEN p_oldest THEN ' ORDER BY c.id ASC'\n"
"                         WHEN NOT p_oldest THEN ' ORDER BY c.id DESC' ELSE '' END\n"
"    || ' LIMIT $13';\n"
"  EXECUTE 'SELECT ARRAY(' || v_sql || ')' INTO v_ids\n"
"    USING v_member, p_policy, p_kind, p_channel, p_outcome, p_call, p_since, p_until,\n"
"      p_max, p_after, v_now, v_q, p_limit, v_hits;\n"
"  IF p_protected THEN\n"
"    PERFORM cslog.audit_append(a.id, 'read.protected-bulk', 'contact', NULL,\n"
"      jsonb_build_object('count', cardinality(v_ids),\n"
"        'ids_sha256', cslog.sha(array_to_string(v_ids, ',')))::text);\n"
"  END IF;\n",
"  RETURN QUERY SELECT c.id, c.member_id, m.badge, m.name, c.logged_by,\n"
"    floor(extract(epoch FROM c.at))::bigint, floor(extract(epoch FROM c.logged_at))::bigint,\n"
"    c.policy_id, c.policy_version, c.kind, c.channel, c.outcome, c.summary, c.needs_met,\n"
"    c.added_value, c.empowered, c.answers, c.standards, c.referral_to,\n"
"    c.referee_contacted, c.decision, c.appeal_info, c.call_ref, c.negative, c.amends,\n"
"    c.amend_reason, s.id,\n"
"    EXISTS (SELECT 1 FROM cslog.review r WHERE r.contact_id = c.id AND r.kind = 'sign-off'),\n"
"    (SELECT count(*)::int FROM cslog.review r WHERE r.contact_id = c.id),\n"
"    EXISTS (SELECT 1 FROM cslog.review r WHERE r.contact_id = c.id AND r.kind = 'debrief'),\n"
"    fu.id, fu.state, extract(epoch FROM fu.due_at)::bigint,\n"
"    extract(epoch FROM fu.limit_at)::bigint, p.contact_id IS NOT NULL,\n"
"    CASE WHEN p_protected THEN p.name END, CASE WHEN p_protected THEN p.phone END,\n"
"    CASE WHEN p_protected THEN p.address END, CASE WHEN p_protected THEN p.email END\n"
"  FROM unnest(v_ids) WITH ORDINALITY AS u(cid, n)\n"
"  JOIN cslog.contact c ON c.id = u.cid JOIN cslog.member m ON m.id = c.member_id\n"
"  LEFT JOIN cslog.contact_private p ON p.contact_id = c.id\n"
"  LEFT JOIN LATERAL (SELECT x.id FROM cslog.contact x WHERE x.amends = c.id\n"
"                     ORDER BY x.id LIMIT 1) s ON true\n"
"  LEFT JOIN LATERAL (SELECT f.id, f.state, f.due_at, f.limit_at FROM cslog.followup f\n"
"                     WHERE f.contact_id = c.id AND f.state <> 'done'\n"
"                     ORDER BY f.limit_at, f.id LIMIT 1) fu ON true\n"
"  ORDER BY u.n;\n"
"END $f$;\n",
NULL
};
