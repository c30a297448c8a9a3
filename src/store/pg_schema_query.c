/* pg_schema_query.c - what 'cslog admin init-server' adds for finding
 * contacts on a server: the search index and the list with every filter
 * (cslog.contact_find), the protected read in bulk recorded.
 *
 * Search matches what a SQLite file's FTS5 index (unicode61,
 * remove_diacritics 2) matches for the same words, so that both stores
 * return the same contacts:
 *  - text is folded by cslog.fts_fold: diacritics taken off Latin
 *    letters (NFD, marks U+0300..U+036F after A-Z/a-z dropped, NFC
 *    again), lower case, final sigma and long s as unicode61 folds them,
 *    every run of characters that are not letters or digits (ICU's
 *    alnum, whatever the database's own locale) one space;
 *  - the folded text goes to the `simple` configuration: only words of
 *    letters and digits are left for its parser, which would otherwise
 *    keep e-mail addresses, URLs, hyphenated and dotted words whole
 *    where unicode61 splits them (its words need a database whose
 *    LC_CTYPE is not C, which init-server checks);
 *  - summary, added value and notes are apart (a position left empty
 *    between them), as FTS5's columns are, so a phrase never spans two;
 *  - each word searched is a phrase of its tokens ("smoke-alarm":
 *    smoke <-> alarm), the phrases ANDed; a word with no token is
 *    ignored, a search of only such words finds nothing.
 * The extension unaccent is not used: it folds letters unicode61 keeps
 * (ae, o with stroke, l with stroke, sharp s...), so the server would
 * find contacts the file does not (docs/postgresql.md).
 *
 * The index row of a contact (cslog.contact_search, GIN) is written by
 * triggers: with the contact, and again when a review or follow-up adds
 * or changes a note. */
#include "pg_int.h"

const char *const pg_schema_search[] = {
"DO $ctype$ BEGIN\n"
"  IF (SELECT datctype FROM pg_database WHERE datname = current_database())\n"
"     IN ('C', 'POSIX') THEN\n"
"    RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = 'the database''s LC_CTYPE is C:'\n"
"      ' the search needs a UTF-8 one (createdb --locale=C.UTF-8, or en_US.UTF-8)';\n"
"  END IF;\n"
"END $ctype$;\n",
"SET LOCAL ROLE cslog_owner;\n"
"CREATE TABLE cslog.contact_search (\n"
"  contact_id bigint PRIMARY KEY REFERENCES cslog.contact,\n"
"  doc tsvector NOT NULL);\n"
"CREATE INDEX contact_search_doc ON cslog.contact_search USING gin (doc);\n"
"CREATE INDEX contact_not_empowered ON cslog.contact (id) WHERE empowered = false;\n"
"CREATE INDEX contact_negative ON cslog.contact (id) WHERE negative;\n"
"CREATE INDEX followup_open ON cslog.followup (limit_at) WHERE state = 'open';\n"
"CREATE INDEX contact_amends ON cslog.contact (amends) WHERE amends IS NOT NULL;\n"
"CREATE FUNCTION cslog.fts_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE\n"
"  AS $f$\n"
"  SELECT btrim(regexp_replace(translate(lower(normalize(regexp_replace(\n"
"    normalize(coalesce(t, ''), NFD), '([A-Za-z])[\\u0300-\\u036f]+', '\\1', 'g'), NFC)\n"
"    COLLATE \"und-x-icu\"), E'\\u03c2\\u017f', E'\\u03c3s') COLLATE \"und-x-icu\",\n"
"    '[^[:alnum:]]+', ' ', 'g'))\n"
"$f$;\n"
"CREATE FUNCTION cslog.fts_words(t text) RETURNS text[] LANGUAGE sql IMMUTABLE\n"
"  PARALLEL SAFE AS $f$\n"
"  SELECT CASE WHEN w = '' THEN '{}'::text[] ELSE string_to_array(w, ' ') END\n"
"    FROM cslog.fts_fold(t) AS w\n"
"$f$;\n"
/* The words at their positions: folded text is words of letters and
 * digits between single spaces, which the `simple` configuration keeps
 * as they are (in a database whose LC_CTYPE is not C: checked above);
 * '|' (never a word: fold keeps only letters and digits) holds a gap
 * between the fields. */
"CREATE FUNCTION cslog.fts_doc(p_summary text, p_added text, p_notes text) RETURNS tsvector\n"
"  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$\n"
"  SELECT to_tsvector('pg_catalog.simple', cslog.fts_fold(p_summary)) || '''|'':1'::tsvector\n"
"    || to_tsvector('pg_catalog.simple', cslog.fts_fold(p_added)) || '''|'':1'::tsvector\n"
"    || to_tsvector('pg_catalog.simple', cslog.fts_fold(p_notes))\n"
"$f$;\n"
/* The words searched as a tsquery: NULL when there are none (no
 * search), '~' (found nowhere) when there are words but no token. */
"CREATE FUNCTION cslog.fts_query(p_text text, p_prefix boolean) RETURNS tsquery\n"
"  LANGUAGE plpgsql IMMUTABLE AS $f$\n"
"DECLARE w text; toks text[]; parts text[] := '{}'; any_word boolean := false;\n"
"BEGIN\n"
"  FOREACH w IN ARRAY regexp_split_to_array(coalesce(p_text, ''), '[ \\t\\n\\r\\v\\f]+') LOOP\n"
"    CONTINUE WHEN w = '';\n"
"    any_word := true;\n"
"    toks := cslog.fts_words(w);\n"
"    CONTINUE WHEN cardinality(toks) = 0;\n"
"    parts := parts || ('(' || (SELECT string_agg('''' || x || '''', ' <-> ' ORDER BY n)\n"
"                              FROM unnest(toks) WITH ORDINALITY AS u(x, n)) || ')');\n"
"  END LOOP;\n"
"  IF NOT any_word THEN RETURN NULL; END IF;\n"
"  IF cardinality(parts) = 0 THEN RETURN '''~'''::tsquery; END IF;\n"
"  IF p_prefix THEN\n"
"    parts[cardinality(parts)] := left(parts[cardinality(parts)],\n"
"      -1) || ':*)';\n"
"  END IF;\n"
"  RETURN array_to_string(parts, ' & ')::tsquery;\n"
"END $f$;\n"
/* The notes in the order the file's view gathers them. */
"CREATE FUNCTION cslog.fts_index(p_contact bigint) RETURNS void LANGUAGE plpgsql\n"
"  SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"BEGIN\n"
"  INSERT INTO cslog.contact_search AS s (contact_id, doc)\n"
"  SELECT c.id, cslog.fts_doc(c.summary, c.added_value,\n"
"    (SELECT string_agg(t, E'\\n' ORDER BY k, i) FROM (\n"
"       SELECT 1 AS k, r.id AS i, r.note AS t FROM cslog.review r\n"
"        WHERE r.contact_id = c.id AND r.note IS NOT NULL\n"
"       UNION ALL SELECT 2, f.id, f.note FROM cslog.followup f\n"
"        WHERE f.contact_id = c.id AND f.note IS NOT NULL\n"
"       UNION ALL SELECT 3, f.id, f.done_note FROM cslog.followup f\n"
"        WHERE f.contact_id = c.id AND f.done_note IS NOT NULL) n))\n"
"    FROM cslog.contact c WHERE c.id = p_contact\n"
"  ON CONFLICT (contact_id) DO UPDATE SET doc = EXCLUDED.doc;\n"
"END $f$;\n"
"CREATE FUNCTION cslog.fts_trigger() RETURNS trigger LANGUAGE plpgsql\n"
"  SET search_path = cslog, pg_catalog, pg_temp AS $f$\n"
"BEGIN\n"
"  IF TG_TABLE_NAME = 'contact' THEN\n"
"    INSERT INTO cslog.contact_search VALUES (NEW.id,   -- no note yet\n"
"      cslog.fts_doc(NEW.summary, NEW.added_value, NULL));\n"
"  ELSIF TG_OP = 'INSERT' AND NEW.note IS NULL THEN\n"
"    NULL;\n"
"  ELSE\n"
"    PERFORM cslog.fts_index(NEW.contact_id);\n"
"  END IF;\n"
"  RETURN NULL;\n"
"END $f$;\n"
"CREATE TRIGGER contact_fts AFTER INSERT ON cslog.contact\n"
"  FOR EACH ROW EXECUTE FUNCTION cslog.fts_trigger();\n"
"CREATE TRIGGER review_fts AFTER INSERT ON cslog.review\n"
"  FOR EACH ROW EXECUTE FUNCTION cslog.fts_trigger();\n"
"CREATE TRIGGER followup_fts AFTER INSERT OR UPDATE OF note, done_note ON cslog.followup\n"
"  FOR EACH ROW EXECUTE FUNCTION cslog.fts_trigger();\n",
/* The log, every filter: the page's ids first (each filter an index or
 * a residual test, the planner's choice with the values known), then
 * their rows.  With p_protected (supervisors only) the customer data
 * too, its read recorded as one event of the same transaction: the
 * count and the SHA-256 of the ids delivered. */
"CREATE FUNCTION cslog.contact_find(p_token text, p_member bigint, p_policy text,\n"
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
"  v_now timestamptz := clock_timestamp(); v_ids bigint[];\n"
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
"  v_ids := ARRAY(SELECT c.id FROM cslog.contact c\n"
"    WHERE (v_member IS NULL OR c.member_id = v_member)\n"
"      AND (p_policy IS NULL OR c.policy_id = p_policy)\n"
"      AND (p_kind IS NULL OR c.kind = p_kind)\n"
"      AND (p_channel IS NULL OR c.channel = p_channel)\n"
"      AND (p_outcome IS NULL OR c.outcome = p_outcome)\n"
"      AND (p_call IS NULL OR c.call_ref = p_call)\n"
"      AND (p_since IS NULL OR c.at >= to_timestamp(p_since))\n"
"      AND (p_until IS NULL OR c.at <= to_timestamp(p_until))\n"
"      AND (p_max IS NULL OR c.id <= p_max)\n"
"      AND (p_after IS NULL OR (CASE WHEN p_oldest THEN c.id > p_after ELSE c.id < p_after END))\n"
"      AND (p_superseded OR NOT EXISTS (SELECT 1 FROM cslog.contact x WHERE x.amends = c.id))\n"
"      AND (NOT p_unreviewed OR NOT EXISTS (SELECT 1 FROM cslog.review r\n"
"           WHERE r.contact_id = c.id AND r.kind = 'sign-off'))\n"
"      AND (NOT p_not_empowered OR c.empowered = false)\n"
"      AND (NOT p_needs_debrief OR (c.negative AND NOT EXISTS (SELECT 1 FROM cslog.review r\n"
"           WHERE r.contact_id = c.id AND r.kind = 'debrief')))\n"
"      AND (NOT p_overdue OR EXISTS (SELECT 1 FROM cslog.followup f\n"
"           WHERE f.contact_id = c.id AND f.state = 'open' AND f.limit_at < v_now))\n"
"      AND (v_q IS NULL OR EXISTS (SELECT 1 FROM cslog.contact_search s\n"
"           WHERE s.contact_id = c.id AND s.doc @@ v_q))\n"
"    ORDER BY CASE WHEN p_oldest THEN c.id END ASC, CASE WHEN NOT p_oldest THEN c.id END DESC\n"
"    LIMIT p_limit);\n"
"  IF p_protected THEN\n",
"    PERFORM cslog.audit_append(a.id, 'read.protected-bulk', 'contact', NULL,\n"
"      jsonb_build_object('count', cardinality(v_ids),\n"
"        'ids_sha256', cslog.sha(array_to_string(v_ids, ',')))::text);\n"
"  END IF;\n"
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
NULL,
};

const char *const pg_schema_query_grants[] = {
"SET LOCAL ROLE cslog_owner;\n"
"REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA cslog FROM PUBLIC;\n"
"GRANT EXECUTE ON FUNCTION cslog.contact_find(text, bigint, text, text, text, text, text,\n"
"  bigint, bigint, bigint, int, boolean, boolean, boolean, text, boolean, boolean, boolean,\n"
"  boolean, boolean, bigint) TO cslog_terminal;\n"
"RESET ROLE;\n",
NULL,
};
