/* pg_schema_io.c - what 'cslog admin init-server' adds for import: a
 * staging table the terminal fills with COPY, and the function that
 * writes what was staged as records of fact.
 *
 * The terminal role may INSERT (COPY) into cslog.import_stage and
 * nothing else there: not read it, not change it.  A staged row is
 * tagged with its transaction; cslog.import_commit, called in that
 * transaction by a supervisor, writes that transaction's rows, in id
 * order, each as cslog.contact_log would (its member found or added,
 * its audit event with the hash of its content and customer data,
 * chained by audit_append), keeping the file's ids and times, and
 * empties the table of every row it can see.  Nothing reaches a record
 * of fact but through it: the chain holds every imported contact.
 * The records were checked against their policies by cslog first, as a
 * contact logged by hand is. */
#include "pg_int.h"

const char *const pg_schema_io[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE TABLE cslog.import_stage (\n"
"  xact xid8 NOT NULL DEFAULT pg_current_xact_id(),\n"
"  line bigint NOT NULL, id bigint, at bigint NOT NULL, logged_at bigint,\n"
"  badge text NOT NULL, member_name text, policy_id text NOT NULL,\n"
"  policy_version text NOT NULL, kind text NOT NULL, channel text NOT NULL, outcome text,\n"
"  summary text NOT NULL, needs_met boolean, added_value text, empowered boolean,\n"
"  answers text, standards text, referral_to text, referee_contacted boolean,\n"
"  decision text, appeal_info text, call_ref text, negative boolean NOT NULL,\n"
"  amends bigint, amend_reason text, customer_name text, customer_phone text,\n"
"  customer_address text, customer_email text);\n"
/* The transactions writing in bulk: the aggregates' triggers leave
 * them to import_commit, which counts all its rows at once. */
"CREATE TABLE cslog.bulk_xact (xact xid8 PRIMARY KEY);\n"
/* The next event after head h, as audit_append writes it, but the head
 * kept by the caller: a bulk updates chain_head once, not per event
 * (a row updated 100,000 times in one transaction is walked through
 * every version it had at each read). */
"CREATE FUNCTION cslog.audit_next(h cslog.chain_head, p_actor bigint, p_action text,\n"
"    p_entity text, p_entity_id bigint, p_detail text) RETURNS cslog.chain_head\n"
"  LANGUAGE plpgsql SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE v_at timestamptz := clock_timestamp(); v_hash bytea;\n"
"BEGIN\n"
"  IF h.at IS NOT NULL AND v_at < h.at THEN v_at := h.at; END IF;\n"
"  v_hash := sha256(h.hash || convert_to(cslog.canon((h.id + 1)::text, cslog.us(v_at)::text,\n"
"    p_actor::text, p_action, p_entity, p_entity_id::text, p_detail), 'UTF8'));\n"
"  INSERT INTO cslog.audit VALUES (h.id + 1, v_at, p_actor, p_action, p_entity,\n"
"    p_entity_id, p_detail, h.hash, v_hash);\n"
"  RETURN ROW(true, h.id + 1, v_hash, v_at)::cslog.chain_head;\n"
"END $f$;\n"
/* Each staged row of this transaction: written, or (line, why) back.
 * The last row back: NULL line, the numbers imported and added. */
"CREATE FUNCTION cslog.import_commit(p_token text)\n"
"  RETURNS TABLE (line bigint, why text, imported bigint, members bigint)\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token); s cslog.import_stage; c cslog.contact;\n"
"  p cslog.contact_private; v_member bigint; v_prot text; n bigint := 0; nm bigint := 0;\n"
"  v_now timestamptz := clock_timestamp(); h cslog.chain_head;\n"
"BEGIN\n"
"  IF a.role <> 'supervisor' THEN\n"
"    PERFORM cslog.deny(format('%s (%s) may not import', a.badge, a.role));\n"
"  END IF;\n"
"  INSERT INTO cslog.bulk_xact VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;\n"
"  SELECT * INTO STRICT h FROM cslog.chain_head FOR UPDATE;\n"
"  SELECT greatest(max(x.id), 0) INTO n FROM (SELECT y.id FROM cslog.contact y UNION ALL\n"
"    SELECT z.id FROM cslog.import_stage z WHERE z.xact = pg_current_xact_id()) x;\n"
"  IF n > 0 THEN PERFORM setval(pg_get_serial_sequence('cslog.contact', 'id'), n); END IF;\n"
"  n := 0;\n"
"  FOR s IN SELECT * FROM cslog.import_stage x WHERE x.xact = pg_current_xact_id()\n"
"           ORDER BY x.id NULLS LAST, x.line LOOP\n"
"    IF s.id IS NOT NULL AND EXISTS (SELECT 1 FROM cslog.contact x WHERE x.id = s.id) THEN\n"
"      RETURN QUERY SELECT s.line, format('contact %s is in the log already', s.id),\n"
"        NULL::bigint, NULL::bigint;\n"
"      CONTINUE;\n"
"    END IF;\n"
"    IF s.amends IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cslog.contact x\n"
"                                            WHERE x.id = s.amends) THEN\n"
"      RETURN QUERY SELECT s.line, format('it amends contact %s, which is not in the log',\n"
"        s.amends), NULL::bigint, NULL::bigint;\n"
"      CONTINUE;\n"
"    END IF;\n"
"    SELECT m.id INTO v_member FROM cslog.member m WHERE m.badge = s.badge;\n"
"    IF NOT FOUND THEN   -- member_write appends through chain_head: put h back first\n"
"      UPDATE cslog.chain_head SET id = h.id, hash = h.hash, at = h.at;\n"
"      v_member := cslog.member_write(a.id, NULL, NULL, s.badge,\n"
"        coalesce(s.member_name, s.badge), 'member');\n"
"      SELECT * INTO STRICT h FROM cslog.chain_head;\n"
"      nm := nm + 1;\n"
"    END IF;\n",
"    INSERT INTO cslog.contact (id, member_id, logged_by, at, logged_at, policy_id,\n"
"        policy_version, kind, channel, outcome, summary, needs_met, added_value, empowered,\n"
"        answers, standards, referral_to, referee_contacted, decision, appeal_info, call_ref,\n"
"        negative, amends, amend_reason)\n"
"      OVERRIDING SYSTEM VALUE\n"
"      VALUES (coalesce(s.id, nextval(pg_get_serial_sequence('cslog.contact', 'id'))),\n"
"        v_member, a.id, to_timestamp(s.at), coalesce(to_timestamp(s.logged_at), v_now),\n"
"        s.policy_id, s.policy_version, s.kind, s.channel, s.outcome, s.summary, s.needs_met,\n"
"        s.added_value, s.empowered, s.answers, s.standards, s.referral_to,\n"
"        s.referee_contacted, s.decision, s.appeal_info, s.call_ref, s.negative, s.amends,\n"
"        s.amend_reason)\n"
"      RETURNING * INTO c;\n"
"    v_prot := NULL;\n"
"    IF coalesce(s.customer_name, s.customer_phone, s.customer_address,\n"
"                s.customer_email) IS NOT NULL THEN\n"
"      INSERT INTO cslog.contact_private VALUES (c.id, s.customer_name, s.customer_phone,\n"
"        s.customer_address, s.customer_email) RETURNING * INTO p;\n"
"      v_prot := cslog.sha(cslog.private_canon(p));\n"
"    END IF;\n"
"    h := cslog.audit_next(h, a.id, 'contact.log', 'contact', c.id,\n"
"      jsonb_build_object('content', cslog.sha(cslog.contact_canon(c)),\n"
"                         'protected', v_prot, 'imported', true)::text);\n"
"    n := n + 1;\n"
"  END LOOP;\n"
"  UPDATE cslog.chain_head SET id = h.id, hash = h.hash, at = h.at;\n"
"  PERFORM cslog.agg_bulk();\n"
"  DELETE FROM cslog.bulk_xact WHERE xact = pg_current_xact_id();\n"
"  DELETE FROM cslog.import_stage;\n"
"  RETURN QUERY SELECT NULL::bigint, NULL::text, n, nm;\n"
"END $f$;\n",
NULL,
};

const char *const pg_schema_io_grants[] = {
"SET LOCAL ROLE cslog_owner;\n"
"REVOKE ALL ON cslog.import_stage FROM PUBLIC;\n"
"REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA cslog FROM PUBLIC;\n"
"GRANT INSERT ON cslog.import_stage TO cslog_terminal;\n"
"GRANT EXECUTE ON FUNCTION cslog.import_commit(text) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
