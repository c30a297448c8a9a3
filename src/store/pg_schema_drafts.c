/* pg_schema_drafts.c - the part of the schema the full-screen program
 * needs on a server: each member's drafts (a contact as it is typed)
 * and saved views of the review queue, and the idempotency key of a
 * contact logged from a terminal.
 *
 * Drafts and views are a person's own: every function takes the session
 * token and acts on the member it names, never another's.  They are not
 * records of fact (not audited, changed and deleted freely), as on a
 * file.  A saved view on a file is an audit event; here it is not: the
 * server's verify knows only the tables of record.
 *
 * The key: a terminal makes 128 random bits for each contact it logs
 * and cslog.contact_log_keyed writes it in cslog.contact_key (the key
 * unique) in the transaction that logs the contact.  The same key again
 * (a retry after a lost answer, or the local spool handing over a
 * contact) gives the contact already logged, never a second one; two
 * at once wait for each other on the key's row.  A draft named with the
 * contact goes in the same transaction, as on a file. */
#include "pg_int.h"

const char *const pg_schema_drafts[] = {
"SET LOCAL ROLE cslog_owner;\n"
"CREATE TABLE cslog.draft (\n"
"  member_id bigint NOT NULL REFERENCES cslog.member(id),\n"
"  slot text NOT NULL CHECK (octet_length(slot) BETWEEN 1 AND 64),\n"
"  updated_at timestamptz NOT NULL,\n"
"  body text NOT NULL CHECK (octet_length(body) <= 1048576),\n"
"  PRIMARY KEY (member_id, slot));\n"
"CREATE TABLE cslog.saved_view (\n"
"  member_id bigint NOT NULL REFERENCES cslog.member(id),\n"
"  slot int NOT NULL CHECK (slot BETWEEN 1 AND 9),\n"
"  name text NOT NULL CHECK (octet_length(name) BETWEEN 1 AND 1024),\n"
"  filter text NOT NULL CHECK (octet_length(filter) <= 1024),\n"
"  PRIMARY KEY (member_id, slot));\n"
"CREATE TABLE cslog.contact_key (\n"
"  key text PRIMARY KEY CHECK (key ~ '^[0-9a-f]{32}$'),\n"
"  member_id bigint NOT NULL REFERENCES cslog.member(id),\n"
"  contact_id bigint REFERENCES cslog.contact(id));\n",
"CREATE FUNCTION cslog.draft_save(p_token text, p_slot text, p_body text) RETURNS void\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"BEGIN\n"
"  INSERT INTO cslog.draft VALUES (a.id, p_slot, clock_timestamp(), p_body)\n"
"    ON CONFLICT (member_id, slot) DO UPDATE SET body = excluded.body,\n"
"      updated_at = excluded.updated_at;\n"
"END $f$;\n"
"CREATE FUNCTION cslog.draft_delete(p_token text, p_slot text) RETURNS void\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"BEGIN\n"
"  DELETE FROM cslog.draft WHERE member_id = a.id AND slot = p_slot;\n"
"END $f$;\n",
/* The member's drafts whose slot starts with the prefix (NULL: all),
 * by slot; p_slot names one. */
"CREATE FUNCTION cslog.draft_list(p_token text, p_prefix text, p_slot text)\n"
"  RETURNS TABLE (slot text, body text, updated_at bigint)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"BEGIN\n"
"  RETURN QUERY SELECT d.slot, d.body, floor(extract(epoch FROM d.updated_at))::bigint\n"
"    FROM cslog.draft d WHERE d.member_id = a.id\n"
"     AND (p_slot IS NULL OR d.slot = p_slot)\n"
"     AND (p_prefix IS NULL OR left(d.slot, length(p_prefix)) = p_prefix)\n"
"   ORDER BY d.slot;\n"
"END $f$;\n",
/* A view saved (p_filter NULL: dropped). */
"CREATE FUNCTION cslog.view_save(p_token text, p_slot int, p_name text, p_filter text)\n"
"  RETURNS void\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"BEGIN\n"
"  IF a.role <> 'supervisor' THEN\n"
"    PERFORM cslog.deny(format('%s (%s) may not keep views of the review queue', a.badge, a.role));\n"
"  END IF;\n"
"  IF p_filter IS NULL THEN\n"
"    DELETE FROM cslog.saved_view WHERE member_id = a.id AND slot = p_slot;\n"
"  ELSE\n"
"    INSERT INTO cslog.saved_view VALUES (a.id, p_slot, p_name, p_filter)\n"
"      ON CONFLICT (member_id, slot) DO UPDATE SET name = excluded.name,\n"
"        filter = excluded.filter;\n"
"  END IF;\n"
"END $f$;\n"
"CREATE FUNCTION cslog.view_list(p_token text)\n"
"  RETURNS TABLE (slot int, name text, filter text)\n"
"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token);\n"
"BEGIN\n"
"  RETURN QUERY SELECT v.slot, v.name, v.filter FROM cslog.saved_view v\n"
"    WHERE v.member_id = a.id ORDER BY v.slot;\n"
"END $f$;\n",
/* cslog.contact_log with a key first and a draft to remove last; the
 * key seen committed already: that contact's id (the same member's
 * only), nothing written. */
"CREATE FUNCTION cslog.contact_log_keyed(p_key text, p_draft text, p_token text,\n"
"    p_member text, p_at bigint,\n"
"    p_policy text, p_version text, p_kind text, p_channel text, p_outcome text,\n"
"    p_summary text, p_needs_met boolean, p_added_value text, p_empowered boolean,\n"
"    p_answers text, p_standards text, p_referral_to text, p_referee boolean,\n"
"    p_decision text, p_appeal text, p_call text, p_negative boolean,\n"
"    p_name text, p_phone text, p_address text, p_email text,\n"
"    p_due bigint, p_limit bigint, p_note text) RETURNS bigint\n"
"  LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"DECLARE a cslog.member := cslog.actor(p_token); k cslog.contact_key; v_id bigint;\n"
"BEGIN\n"
"  IF p_key IS NULL OR p_key !~ '^[0-9a-f]{32}$' THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'a contact''s key is 32 hex digits';\n"
"  END IF;\n"
"  INSERT INTO cslog.contact_key (key, member_id) VALUES (p_key, a.id)\n"
"    ON CONFLICT (key) DO NOTHING;\n"
"  IF NOT FOUND THEN\n"
"    SELECT * INTO k FROM cslog.contact_key WHERE key = p_key;\n"
"    IF k.member_id <> a.id THEN\n"
"      PERFORM cslog.deny('that contact''s key is another member''s');\n"
"    END IF;\n"
"    IF p_draft IS NOT NULL THEN\n"
"      DELETE FROM cslog.draft WHERE member_id = a.id AND slot = p_draft;\n"
"    END IF;\n"
"    RETURN k.contact_id;\n"
"  END IF;\n"
"  v_id := cslog.contact_log(p_token, p_member, p_at, p_policy, p_version, p_kind,\n"
"    p_channel, p_outcome, p_summary, p_needs_met, p_added_value, p_empowered, p_answers,\n"
"    p_standards, p_referral_to, p_referee, p_decision, p_appeal, p_call, p_negative,\n"
"    p_name, p_phone, p_address, p_email, p_due, p_limit, p_note);\n"
"  UPDATE cslog.contact_key SET contact_id = v_id WHERE key = p_key;\n"
"  IF p_draft IS NOT NULL THEN\n"
"    DELETE FROM cslog.draft WHERE member_id = a.id AND slot = p_draft;\n"
"  END IF;\n"
"  RETURN v_id;\n"
"END $f$;\n",
"REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA cslog FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.draft_save(text, text, text),\n"
"  cslog.draft_delete(text, text), cslog.draft_list(text, text, text),\n"
"  cslog.view_save(text, int, text, text), cslog.view_list(text),\n"
"  cslog.contact_log_keyed(text, text, text, text, bigint, text, text, text, text, text,\n"
"    text, boolean, text, boolean, text, text, text, boolean, text, text, text, boolean,\n"
"    text, text, text, text, bigint, bigint, text) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
