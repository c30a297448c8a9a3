/* pg_schema_logcold.c - the part of 'cslog admin init-server' (and of
 * 'admin upgrade-server') that makes a new backend's first `log` cheaper
 * (issue 18: `log` within 15 ms as a whole process, connecting directly).
 *
 * A process that connects directly gets a new backend, which compiles
 * each PL/pgSQL function it calls, plans each statement of theirs once,
 * opens each relation and index they touch and loads what their
 * functions need.  Measured per call in new backends (track_functions,
 * 20 backends): contact_log 10.7 ms, of it agg_trigger 4.5 (sixteen calls
 * of the totals' statement trigger among them), fts_trigger 1.8, the
 * actor's three nested functions 0.5; sign_in_bare 2.5 (sign_in inside
 * it, pgcrypto loaded for the token).  What this part changes, each with
 * the same results:
 *
 *  - agg_trigger counts a new contact with ONE statement (its
 *    dimensions as a VALUES list, in key order; a second one for the
 *    empowerment check's questions when it was asked) where it wrote a
 *    row a statement: the statement planned once, the totals'
 *    statement triggers (part "totals") fired twice instead of sixteen
 *    times.  The
 *    order of the rows no longer matters for deadlocks: every writer
 *    holds the chain's head before its first row (part "chain-first";
 *    the reason part "log-fast" kept a row a statement).  A new
 *    contact has no follow-ups or reviews yet (their foreign keys are
 *    not deferrable, and each is written after its contact), so of
 *    contact_state_dims only "debrief due" can count, read from NEW
 *    without reading the follow-up and review tables.
 *  - cslog.fts_fold takes a short way for text that is all ASCII
 *    (octet_length = length in a UTF-8 database, which fts_fold needs
 *    already for normalize): A-Z made a-z by translate and each run of
 *    characters not 0-9 or a-z made one space, neither depending on a
 *    collation.  For ASCII that is what ICU's lower case and alnum give
 *    (tests/cli/pg_logcold.sh compares the two ways over every
 *    ASCII character); the ICU collator is no longer opened
 *    (0.6 ms in a new backend) for the usual summary.
 *  - a session's token is 64 hex digits from two
 *    pg_catalog.gen_random_uuid() (PostgreSQL 13+: pg_strong_random,
 *    244 random bits; named with its schema, since pgcrypto, installed
 *    in cslog, has one of its own that search_path would find first)
 *    instead of pgcrypto's gen_random_bytes(32), so a member with no
 *    PIN signs in without loading pgcrypto (0.4 ms); crypt() still
 *    checks a PIN.
 *  - sign_in_bare signs in a member with no PIN itself instead of
 *    calling sign_in (one function compiled, not two), and answers the
 *    member's last policy too (a column more, last_policy: the terminal
 *    no longer calls member_last_policy, a SQL function planned at each
 *    call, beside it); a badge unknown or a member with failed PINs
 *    still counted goes through sign_in as before.  A terminal of an
 *    older cslog names the columns it reads and still works.
 *  - contact_log finds its actor with one statement of its own instead
 *    of three nested functions (actor, actor_any, actor_reset), in the
 *    same order of checks with the same errors.
 *
 * Only functions replaced (CREATE OR REPLACE keeps their triggers,
 * owner and grants); sign_in_bare, whose columns change, dropped and
 * made again with its grant. */
#include "pg_int.h"

const char *const pg_schema_logcold[] = {
"SET LOCAL ROLE cslog_owner;\n"
/* ---- the aggregates: one statement for a new contact ---------------- */
"CREATE OR REPLACE FUNCTION cslog.agg_trigger() RETURNS trigger LANGUAGE plpgsql\n"
"  SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE d record;\n"
"BEGIN\n"
"  IF EXISTS (SELECT 1 FROM cslog.bulk_xact b WHERE b.xact = pg_current_xact_id()) THEN\n"
"    RETURN NULL;   -- counted at the end by agg_bulk\n"
"  END IF;\n"
"  IF TG_TABLE_NAME = 'contact' THEN\n"
/* cslog.contact_dims(NEW) written out as one VALUES list (planned as one
 * scan, where the function's eleven UNION ALL branches were planned one
 * by one), its questions apart, only when the check was asked; keep
 * them as contact_dims counts (verify compares the counts with the
 * contacts: tests/cli/pg_totals.sh, pg_logcold.sh). */
"    INSERT INTO cslog.agg AS g (dim, day, policy_id, value, n)\n"
"      SELECT x.dim, cslog.utc_day(NEW.at), NEW.policy_id, x.value, 1\n"
"        FROM (VALUES ('day', to_char(cslog.utc_day(NEW.at), 'YYYY-MM-DD')),\n"
"          ('kind', NEW.kind), ('channel', NEW.channel),\n"
"          ('outcome', coalesce(NEW.outcome, '')), ('member', NEW.member_id::text),\n"
"          ('empowered', coalesce(cslog.tri(NEW.empowered), 'none')),\n"
"          ('added_value', CASE WHEN NEW.added_value IS NULL THEN 'no' ELSE 'yes' END),\n"
"          ('member_added_value', NEW.member_id::text),\n"
"          ('needs_met', coalesce(cslog.tri(NEW.needs_met), 'unknown')),\n"
"          ('debrief_due', 'due')) x(dim, value)\n"
"       WHERE (x.dim <> 'member_added_value' OR NEW.added_value IS NOT NULL)\n"
"         AND (x.dim <> 'debrief_due' OR NEW.negative)\n"
"       ORDER BY x.dim\n"
"    ON CONFLICT (dim, day, policy_id, value) DO UPDATE SET n = g.n + EXCLUDED.n;\n"
"    IF NEW.answers IS NOT NULL THEN\n"
"      INSERT INTO cslog.agg AS g (dim, day, policy_id, value, n)\n"
"        SELECT x.dim, cslog.utc_day(NEW.at), NEW.policy_id, x.value, count(*)\n"
"          FROM (SELECT 'question_asked' AS dim, split_part(q, '=', 1) AS value\n"
"                  FROM unnest(string_to_array(NEW.answers, ';')) AS q\n"
"                UNION ALL SELECT 'question_failed', split_part(q, '=', 1)\n"
"                  FROM unnest(string_to_array(NEW.answers, ';')) AS q\n"
"                 WHERE split_part(q, '=', 2) = 'no') x\n"
"         GROUP BY x.dim, x.value ORDER BY x.dim, x.value\n"
"      ON CONFLICT (dim, day, policy_id, value) DO UPDATE SET n = g.n + EXCLUDED.n;\n"
"    END IF;\n"
/* An amendment: the version it replaces is counted no more.  (Two IFs:
 * a contact that amends nothing no longer plans the query.) */
"    IF NEW.amends IS NOT NULL THEN\n"
"      IF NOT EXISTS (SELECT 1 FROM cslog.contact x\n"
"          WHERE x.amends = NEW.amends AND x.id <> NEW.id) THEN\n"
"        FOR d IN SELECT x.* FROM cslog.contact c, cslog.contact_dims(c) x\n"
"                 WHERE c.id = NEW.amends UNION ALL\n"
"                 SELECT x.* FROM cslog.contact c, cslog.contact_state_dims(c) x\n"
"                 WHERE c.id = NEW.amends LOOP\n"
"          PERFORM cslog.agg_bump(NEW.amends, d.dim, d.value, -d.n);\n"
"        END LOOP;\n"
"      END IF;\n"
"    END IF;\n"
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
"    IF OLD.state = 'open' THEN\n"
"      PERFORM cslog.agg_bump(NEW.contact_id, 'followup_limit',\n"
"        to_char(cslog.utc_day(OLD.limit_at), 'YYYY-MM-DD'), -1);\n"
"    END IF;\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_done', cslog.grade(NEW), 1);\n"
"  ELSIF TG_OP = 'UPDATE' AND OLD.state = 'open' AND NEW.state = 'paused' THEN\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_limit',\n"
"      to_char(cslog.utc_day(OLD.limit_at), 'YYYY-MM-DD'), -1);\n"
"  ELSIF TG_OP = 'UPDATE' AND OLD.state = 'paused' AND NEW.state = 'open' THEN\n"
"    PERFORM cslog.agg_bump(NEW.contact_id, 'followup_limit',\n"
"      to_char(cslog.utc_day(NEW.limit_at), 'YYYY-MM-DD'), 1);\n"
"  END IF;\n"
"  RETURN NULL;\n"
"END $f$;\n",
/* ---- the search's folding: ASCII without ICU ------------------------ */
"CREATE OR REPLACE FUNCTION cslog.fts_fold(t text) RETURNS text LANGUAGE sql\n"
"  IMMUTABLE PARALLEL SAFE AS $f$\n"
"  SELECT CASE WHEN octet_length(coalesce(t, '')) = length(coalesce(t, ''))\n"
"    THEN btrim(regexp_replace(translate(coalesce(t, ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',\n"
"      'abcdefghijklmnopqrstuvwxyz'), '[^0-9a-z]+', ' ', 'g'))\n"
"    ELSE btrim(regexp_replace(translate(lower(normalize(regexp_replace(\n"
"    normalize(coalesce(t, ''), NFD), '([A-Za-z])[\\u0300-\\u036f]+', '\\1', 'g'), NFC)\n"
"    COLLATE \"und-x-icu\"), E'\\u03c2\\u017f', E'\\u03c3s') COLLATE \"und-x-icu\",\n"
"    '[^[:alnum:]]+', ' ', 'g')) END\n"
"$f$;\n",
/* ---- signing in without pgcrypto, one function ---------------------- */
"DROP FUNCTION cslog.sign_in_bare(text);\n"
"CREATE FUNCTION cslog.sign_in_bare(p_badge text)\n"
"  RETURNS TABLE(status text, member_id bigint, badge text, name text, role text,\n"
"    has_pin boolean, pin_reset boolean, attempts_left integer, locked_until bigint,\n"
"    token text, last_policy text)\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE m cslog.member; v_tok text; v_last text;\n"
"BEGIN\n"
"  SELECT * INTO m FROM cslog.member mm WHERE mm.badge = p_badge FOR UPDATE;\n"
"  IF FOUND AND m.pin_hash IS NOT NULL THEN\n"
"    RETURN QUERY SELECT 'pin'::text, NULL::bigint, p_badge, NULL::text, NULL::text, true,\n"
"      false, 0, NULL::bigint, NULL::text, NULL::text;\n"
"    RETURN;\n"
"  END IF;\n"
"  IF NOT FOUND OR m.failed_pins <> 0 THEN   -- said, or counted, as sign_in does\n"
"    RETURN QUERY SELECT *, cslog.member_last_policy(s.token) FROM cslog.sign_in(p_badge, '') s;\n"
"    RETURN;\n"
"  END IF;\n"
"  v_tok := replace(pg_catalog.gen_random_uuid()::text || pg_catalog.gen_random_uuid()::text, '-', '');\n"
"  INSERT INTO cslog.session (token_hash, member_id, expires_at)\n"
"    VALUES (sha256(convert_to(v_tok, 'UTF8')), m.id, clock_timestamp() + interval '12 hours');\n"
"  SELECT p.policy_id INTO v_last FROM cslog.member_policy p WHERE p.member_id = m.id;\n"
"  RETURN QUERY SELECT 'ok'::text, m.id, m.badge, m.name, m.role, false, m.pin_reset, 5,\n"
"    NULL::bigint, v_tok, v_last;\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.sign_in_bare(text) FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.sign_in_bare(text) TO cslog_terminal;\n",
"CREATE OR REPLACE FUNCTION cslog.sign_in(p_badge text, p_pin text)\n"
"  RETURNS TABLE(status text, member_id bigint, badge text, name text, role text,\n"
"    has_pin boolean, pin_reset boolean, attempts_left integer, locked_until bigint,\n"
"    token text)\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE m cslog.member; v_now timestamptz := clock_timestamp(); v_tok text;\n"
"BEGIN\n"
"  SELECT * INTO m FROM cslog.member mm WHERE mm.badge = p_badge FOR UPDATE;\n"
"  IF NOT FOUND THEN\n"
"    RETURN QUERY SELECT 'nouser'::text, NULL::bigint, p_badge, NULL::text, NULL::text,\n"
"      false, false, 0, NULL::bigint, NULL::text;\n"
"    RETURN;\n"
"  END IF;\n"
"  IF m.pin_hash IS NOT NULL AND m.locked_until > v_now THEN\n"
"    RETURN QUERY SELECT 'locked'::text, m.id, m.badge, m.name, m.role, true, m.pin_reset,\n"
"      0, extract(epoch FROM m.locked_until)::bigint, NULL::text;\n"
"    RETURN;\n"
"  END IF;\n"
"  IF m.pin_hash IS NOT NULL AND crypt(coalesce(p_pin, ''), m.pin_hash) <> m.pin_hash THEN\n"
"    m.failed_pins := m.failed_pins + 1;\n"
"    IF m.failed_pins >= 5 THEN\n"
"      m.locked_until := v_now + interval '5 minutes';\n"
"      m.failed_pins := 0;\n"
"    END IF;\n"
"    UPDATE cslog.member SET failed_pins = m.failed_pins, locked_until = m.locked_until\n"
"     WHERE id = m.id;\n"
"    PERFORM cslog.audit_append(m.id, CASE WHEN m.failed_pins = 0 THEN 'member.locked'\n"
"      ELSE 'member.pin-wrong' END, 'member', m.id,\n"
"      jsonb_build_object('row', cslog.sha(cslog.member_canon(m)))::text);\n"
"    RETURN QUERY SELECT CASE WHEN m.failed_pins = 0 THEN 'locked' ELSE 'wrong' END,\n"
"      m.id, m.badge, m.name, m.role, true, m.pin_reset, 5 - m.failed_pins,\n"
"      extract(epoch FROM m.locked_until)::bigint, NULL::text;\n"
"    RETURN;\n"
"  END IF;\n"
"  IF m.failed_pins <> 0 THEN\n"
"    UPDATE cslog.member SET failed_pins = 0 WHERE id = m.id RETURNING * INTO m;\n"
"    PERFORM cslog.audit_append(m.id, 'member.pin-ok', 'member', m.id,\n"
"      jsonb_build_object('row', cslog.sha(cslog.member_canon(m)))::text);\n"
"  END IF;\n"
"  v_tok := replace(pg_catalog.gen_random_uuid()::text || pg_catalog.gen_random_uuid()::text, '-', '');\n"
"  INSERT INTO cslog.session (token_hash, member_id, expires_at)\n"
"    VALUES (sha256(convert_to(v_tok, 'UTF8')), m.id, v_now + interval '12 hours');\n"
"  RETURN QUERY SELECT 'ok'::text, m.id, m.badge, m.name, m.role, m.pin_hash IS NOT NULL,\n"
"    m.pin_reset, 5, NULL::bigint, v_tok;\n"
"END $f$;\n",
/* ---- logging: the actor found in place ------------------------------ */
"CREATE OR REPLACE FUNCTION cslog.contact_log(p_token text, p_member text, p_at bigint,\n"
"    p_policy text, p_version text, p_kind text, p_channel text, p_outcome text,\n"
"    p_summary text, p_needs_met boolean, p_added_value text, p_empowered boolean,\n"
"    p_answers text, p_standards text, p_referral_to text, p_referee boolean,\n"
"    p_decision text, p_appeal text, p_call text, p_negative boolean, p_name text,\n"
"    p_phone text, p_address text, p_email text, p_due bigint, p_limit bigint, p_note text)\n"
"  RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER\n"
"  SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member; v_member bigint; c cslog.contact;\n"
"  p cslog.contact_private; v_now timestamptz := clock_timestamp(); v_prot text;\n"
"BEGIN\n"
/* cslog.actor(p_token), its three functions' checks in their order */
"  SELECT mm.* INTO a FROM cslog.session s JOIN cslog.member mm ON mm.id = s.member_id\n"
"   WHERE s.token_hash = sha256(convert_to(coalesce(p_token, ''), 'UTF8'))\n"
"     AND s.closed_at IS NULL AND s.expires_at > clock_timestamp();\n"
"  IF NOT FOUND THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '28000',\n"
"      MESSAGE = 'not signed in (no session, or it ended): sign in again';\n"
"  END IF;\n"
"  IF a.pin_reset THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = format(\n"
"      '%s''s PIN was set by a supervisor: choose your own first', a.badge);\n"
"  END IF;\n"
"  IF a.role = 'evaluator' THEN\n"
"    PERFORM cslog.deny(format('%s (evaluator) may only record secret-shopper evaluations'\n"
"      ' and see those they entered', a.badge));\n"
"  END IF;\n"
"  IF p_member IS NULL OR p_member = a.badge THEN v_member := a.id;\n"
"  ELSE\n"
"    SELECT id INTO v_member FROM cslog.member WHERE badge = p_member;\n"
"    IF NOT FOUND THEN\n"
"      RAISE EXCEPTION USING ERRCODE = 'P0002', MESSAGE = format('no member has the badge %s', p_member);\n"
"    END IF;\n"
"    IF a.role <> 'supervisor' THEN\n"
"      PERFORM cslog.deny(format('%s (%s) may log a contact for another member only as a supervisor', a.badge, a.role));\n"
"    END IF;\n"
"  END IF;\n"
"  IF to_timestamp(p_at) > v_now + interval '1 day' THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE =\n"
"      'the contact''s time is more than a day ahead of the server''s clock';\n"
"  END IF;\n"
"  INSERT INTO cslog.contact (member_id, logged_by, at, logged_at, policy_id, policy_version,\n"
"      kind, channel, outcome, summary, needs_met, added_value, empowered, answers,\n"
"      standards, referral_to, referee_contacted, decision, appeal_info, call_ref, negative)\n"
"    VALUES (v_member, a.id, to_timestamp(p_at), v_now, p_policy, p_version, p_kind,\n"
"      p_channel, p_outcome, p_summary, p_needs_met, p_added_value, p_empowered, p_answers,\n"
"      p_standards, p_referral_to, p_referee, p_decision, p_appeal, p_call,\n"
"      coalesce(p_negative, false))\n"
"    RETURNING * INTO c;\n"
"  IF coalesce(p_name, p_phone, p_address, p_email) IS NOT NULL THEN\n"
"    INSERT INTO cslog.contact_private VALUES (c.id, p_name, p_phone, p_address, p_email)\n"
"      RETURNING * INTO p;\n"
"    v_prot := cslog.sha(cslog.private_canon(p));\n"
"  END IF;\n"
"  PERFORM cslog.audit_append(a.id, 'contact.log', 'contact', c.id,\n"
"    jsonb_build_object('content', cslog.sha(cslog.contact_canon(c)),\n"
"                       'protected', v_prot)::text);\n"
"  IF coalesce(p_due, 0) <> 0 THEN\n"
"    PERFORM cslog.followup_open(a.id, c.id, v_now, p_due, p_limit, p_note);\n"
"  END IF;\n"
"  RETURN c.id;\n"
"END $f$;\n"
"RESET ROLE;\n",
NULL,
};
