/* pg_schema_amend.c - the part of 'cslog admin init-server' that amends
 * a contact: a new version pointing at the old (amends, amend_reason),
 * written as cslog.contact_log writes a contact, with its audit event;
 * the old version is never changed (the records of fact refuse it), it
 * is superseded by the new one pointing at it.  Its unfinished
 * follow-ups go with the current version, as on a file
 * (src/store/contact.c supersede), each move an audit event; the
 * report aggregates count the old version out (pg_schema_report.c's
 * trigger) and the moved follow-ups in, under the new.
 *
 * Kept apart from pg_schema.c: run after pg_schema_more.c, with its own
 * grant. */
#include "pg_int.h"

const char *const pg_schema_amend[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE FUNCTION cslog.contact_amend(p_token text, p_old bigint, p_reason text, p_at bigint,\n"
"    p_version text, p_kind text, p_channel text, p_outcome text,\n"
"    p_summary text, p_needs_met boolean, p_added_value text, p_empowered boolean,\n"
"    p_answers text, p_standards text, p_referral_to text, p_referee boolean,\n"
"    p_decision text, p_appeal text, p_call text, p_negative boolean,\n"
"    p_name text, p_phone text, p_address text, p_email text) RETURNS bigint\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token); o cslog.contact; c cslog.contact;\n"
"  p cslog.contact_private; f cslog.followup; v_now timestamptz; v_prot text;\n"
"  v_sup bigint; v_moved int := 0;\n"
"BEGIN\n"
/* The chain's head first: two amendments of one contact wait for each
 * other, and the second finds the first. */
"  PERFORM 1 FROM cslog.chain_head FOR UPDATE;\n"
"  v_now := clock_timestamp();\n"
"  SELECT * INTO o FROM cslog.contact WHERE id = p_old;\n"
"  IF NOT FOUND THEN\n"
"    RAISE EXCEPTION USING ERRCODE = 'P0002', MESSAGE = format('no contact %s', p_old);\n"
"  END IF;\n"
"  IF a.role <> 'supervisor' AND o.member_id <> a.id THEN\n"
"    PERFORM cslog.deny(format('%s (%s) may amend only their own contacts', a.badge, a.role));\n"
"  END IF;\n"
"  IF coalesce(btrim(p_reason), '') = '' THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'an amendment needs a reason';\n"
"  END IF;\n"
"  SELECT x.id INTO v_sup FROM cslog.contact x WHERE x.amends = p_old ORDER BY x.id LIMIT 1;\n"
"  IF v_sup IS NOT NULL THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format(\n"
"      'contact %s was already amended by %s: amend %s instead', p_old, v_sup, v_sup);\n"
"  END IF;\n"
"  IF to_timestamp(p_at) > v_now + interval '1 day' THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE =\n"
"      'the contact''s time is more than a day ahead of the server''s clock';\n"
"  END IF;\n"
"  INSERT INTO cslog.contact (member_id, logged_by, at, logged_at, policy_id, policy_version,\n"
"      kind, channel, outcome, summary, needs_met, added_value, empowered, answers,\n"
"      standards, referral_to, referee_contacted, decision, appeal_info, call_ref, negative,\n"
"      amends, amend_reason)\n"
"    VALUES (o.member_id, a.id, to_timestamp(p_at), v_now, o.policy_id, p_version, p_kind,\n"
"      p_channel, p_outcome, p_summary, p_needs_met, p_added_value, p_empowered, p_answers,\n"
"      p_standards, p_referral_to, p_referee, p_decision, p_appeal, p_call,\n"
"      coalesce(p_negative, false), p_old, p_reason)\n"
"    RETURNING * INTO c;\n"
"  IF coalesce(p_name, p_phone, p_address, p_email) IS NOT NULL THEN\n"
"    INSERT INTO cslog.contact_private VALUES (c.id, p_name, p_phone, p_address, p_email)\n"
"      RETURNING * INTO p;\n"
"    v_prot := cslog.sha(cslog.private_canon(p));\n"
"  END IF;\n"
"  PERFORM cslog.audit_append(a.id, 'contact.log', 'contact', c.id,\n",
"    jsonb_build_object('content', cslog.sha(cslog.contact_canon(c)),\n"
"                       'protected', v_prot, 'amends', p_old)::text);\n"
"  FOR f IN SELECT * FROM cslog.followup x WHERE x.contact_id = p_old AND x.state <> 'done'\n"
"      ORDER BY x.id FOR UPDATE LOOP\n"
"    PERFORM cslog.attest('followup', f.id, cslog.sha(cslog.followup_canon(f)),\n"
"      format('follow-up %s', f.id));\n"
"    UPDATE cslog.followup SET contact_id = c.id WHERE id = f.id RETURNING * INTO f;\n"
"    PERFORM cslog.audit_append(a.id, 'followup.move', 'followup', f.id,\n"
"      jsonb_build_object('from', p_old, 'to', c.id,\n"
"                         'row', cslog.sha(cslog.followup_canon(f)))::text);\n"
"    PERFORM cslog.agg_bump(c.id, 'followup_open', 'open', 1);\n"
"    IF f.state = 'open' THEN\n"
"      PERFORM cslog.agg_bump(c.id, 'followup_limit',\n"
"        to_char(cslog.utc_day(f.limit_at), 'YYYY-MM-DD'), 1);\n"
"    END IF;\n"
"    v_moved := v_moved + 1;\n"
"  END LOOP;\n"
"  IF v_moved > 0 THEN   -- their notes are searched with the current version\n"
"    PERFORM cslog.fts_index(p_old);\n"
"    PERFORM cslog.fts_index(c.id);\n"
"  END IF;\n"
"  RETURN c.id;\n"
"END $f$;\n"
"REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA cslog FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.contact_amend(text, bigint, text, bigint, text, text, text,\n"
"  text, text, boolean, text, boolean, text, text, text, boolean, text, text, text, boolean,\n"
"  text, text, text, text) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};

/* Which parts of the schema a server has: every part made by
 * init-server (or, later, by an upgrade) is a row here, so that an
 * upgrade knows what it lacks.  The parts made before this one are
 * recorded with it. */
const char *const pg_schema_part_table[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE TABLE cslog.schema_part (\n"
"  name text PRIMARY KEY,\n"
"  made_at timestamptz NOT NULL DEFAULT now());\n"
"INSERT INTO cslog.schema_part (name) VALUES ('roles'), ('tables'), ('chain'), ('api'),\n"
"  ('search'), ('report'), ('io'), ('grants'), ('query-grants'), ('report-grants'),\n"
"  ('io-grants'), ('rows'), ('more'), ('amend'), ('parts');\n"
"GRANT SELECT ON cslog.schema_part TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
