/* pg_schema_more2.c - the part of 'cslog admin init-server' (and of
 * 'admin upgrade-server') that gives 'show' a contact's story: its
 * follow-ups, the reviews of a version, and the amendments of its chain.
 * Each function takes the session token and reads only a contact the
 * member may read (their own; a supervisor's, everyone's), as
 * contact_list decides; one the member may not read is "no contact", as
 * show says on a file for one not theirs to read.  Nothing here writes:
 * they run on a hot standby too.
 *
 * Only new functions: a server that lacks this part gains it whole by
 * an upgrade. */
#include "pg_int.h"

const char *const pg_schema_more2[] = {
"SET LOCAL ROLE cslog_owner;\n"
/* Contact p_id, if a may read it; else no contact (P0002). */
"CREATE FUNCTION cslog.contact_readable(a cslog.member, p_id bigint) RETURNS void\n"
"  LANGUAGE plpgsql STABLE SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE v_owner bigint;\n"
"BEGIN\n"
"  SELECT c.member_id INTO v_owner FROM cslog.contact c WHERE c.id = p_id;\n"
"  IF NOT FOUND OR (a.role <> 'supervisor' AND v_owner <> a.id) THEN\n"
"    RAISE EXCEPTION USING ERRCODE = 'P0002',\n"
"      MESSAGE = format('no contact %s (or not one of yours to read)', p_id);\n"
"  END IF;\n"
"END $f$;\n"
/* Every follow-up of one contact, oldest first: followup_list's columns. */
"CREATE FUNCTION cslog.followup_of_contact(p_token text, p_id bigint)\n"
"  RETURNS TABLE (id bigint, contact_id bigint, member_id bigint, created_at bigint,\n"
"    due_at bigint, due_eff bigint, state text, paused_at bigint, pause_reason text,\n"
"    paused_seconds bigint, done_at bigint, done_by bigint, note text, done_note text,\n"
"    limit_at bigint, limit_eff bigint, grade text, now bigint)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token); v_now timestamptz := clock_timestamp();\n"
"BEGIN\n"
"  PERFORM cslog.contact_readable(a, p_id);\n"
"  RETURN QUERY SELECT f.id, f.contact_id, c.member_id, cslog.secs(f.created_at),\n"
"    cslog.secs(f.due_at) - f.paused_seconds, cslog.secs(f.due_at), f.state,\n"
"    cslog.secs(f.paused_at), f.pause_reason, f.paused_seconds, cslog.secs(f.done_at),\n"
"    f.done_by, f.note, f.done_note, cslog.secs(f.limit_at) - f.paused_seconds,\n"
"    cslog.secs(f.limit_at), CASE WHEN f.state = 'done' THEN cslog.grade(f) END,\n"
"    cslog.secs(v_now)\n"
"    FROM cslog.followup f JOIN cslog.contact c ON c.id = f.contact_id\n"
"   WHERE f.contact_id = p_id ORDER BY f.id;\n"
"END $f$;\n"
/* The reviews of one version, oldest first, with the reviewer's badge
 * and name. */
"CREATE FUNCTION cslog.review_list(p_token text, p_id bigint)\n"
"  RETURNS TABLE (id bigint, contact_id bigint, member_id bigint, at bigint, kind text,\n"
"    note text, badge text, name text)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"BEGIN\n"
"  PERFORM cslog.contact_readable(a, p_id);\n"
"  RETURN QUERY SELECT r.id, r.contact_id, r.member_id, cslog.secs(r.at), r.kind, r.note,\n"
"    m.badge, m.name\n"
"    FROM cslog.review r JOIN cslog.member m ON m.id = r.member_id\n"
"   WHERE r.contact_id = p_id ORDER BY r.id;\n"
"END $f$;\n"
/* The amendments of the chain holding p_id, oldest first: each new
 * version, the one it replaced, when and by whom it was written, why. */
"CREATE FUNCTION cslog.amendment_list(p_token text, p_id bigint)\n"
"  RETURNS TABLE (id bigint, original_id bigint, at bigint, actor_id bigint, badge text,\n"
"    name text, reason text)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token); v_root bigint := p_id; v_up bigint;\n"
"BEGIN\n"
"  PERFORM cslog.contact_readable(a, p_id);\n"
"  LOOP\n"
"    SELECT c.amends INTO v_up FROM cslog.contact c WHERE c.id = v_root;\n"
"    EXIT WHEN v_up IS NULL;\n"
"    v_root := v_up;\n"
"  END LOOP;\n"
"  RETURN QUERY WITH RECURSIVE chain AS (\n"
"      SELECT c.* FROM cslog.contact c WHERE c.amends = v_root\n"
"      UNION ALL\n"
"      SELECT c.* FROM cslog.contact c JOIN chain ON c.amends = chain.id)\n"
"    SELECT ch.id, ch.amends, cslog.secs(ch.logged_at), ch.logged_by, m.badge, m.name,\n"
"      ch.amend_reason\n"
"      FROM chain ch JOIN cslog.member m ON m.id = ch.logged_by ORDER BY ch.id;\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.contact_readable(cslog.member, bigint),\n"
"  cslog.followup_of_contact(text, bigint), cslog.review_list(text, bigint),\n"
"  cslog.amendment_list(text, bigint) FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.followup_of_contact(text, bigint),\n"
"  cslog.review_list(text, bigint), cslog.amendment_list(text, bigint) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};

/* clock-accept on a server: the server stamps every event with its own
 * clock, never earlier than the newest (cslog.audit_append), so no write
 * ever waits on a clock there; when its clock is behind the newest event
 * (it ran ahead and was put right) events are stamped at the newest
 * one's time until it passes it.  A supervisor's acceptance records
 * that, as on a file: an audit event saying what the newest was. */
const char *const pg_schema_clock[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE FUNCTION cslog.clock_accept(p_token text)\n"
"  RETURNS TABLE (head_at bigint, now bigint, accepted boolean)\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token); h cslog.chain_head; v_now timestamptz;\n"
"BEGIN\n"
"  IF a.role <> 'supervisor' THEN\n"
"    PERFORM cslog.deny(format('%s (%s) may not accept the clock (supervisors only)',\n"
"      a.badge, a.role));\n"
"  END IF;\n"
"  SELECT * INTO STRICT h FROM cslog.chain_head FOR UPDATE;\n"
"  v_now := clock_timestamp();\n"
"  IF h.at IS NOT NULL AND cslog.secs(h.at) > cslog.secs(v_now) THEN\n"
"    PERFORM cslog.audit_append(a.id, 'clock.accept', 'clock', NULL,\n"
"      jsonb_build_object('newest_was',\n"
"        to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))::text);\n"
"    RETURN QUERY SELECT cslog.secs(h.at), cslog.secs(v_now), true;\n"
"  ELSE\n"
"    RETURN QUERY SELECT coalesce(cslog.secs(h.at), 0), cslog.secs(v_now), false;\n"
"  END IF;\n"
"END $f$;\n"
"REVOKE EXECUTE ON FUNCTION cslog.clock_accept(text) FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.clock_accept(text) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
