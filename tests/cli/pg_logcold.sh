#!/bin/sh
# pg_logcold.sh - the schema part "log-cold" (issue 18: a new backend's
# first `log` cheaper; src/store/pg_schema_logcold.c), on a server:
#  - cslog.fts_fold's short way for ASCII gives what its ICU way gives,
#    for every ASCII character and for words made of them;
#    text that is not ASCII still goes the ICU way;
#  - sign_in_bare: a member with no PIN signed in with a token of 64 hex
#    digits, a new one each time, without pgcrypto loaded in the backend
#    (checked from /proc when it can be read), and the member's last
#    policy in its column last_policy; a badge unknown "nouser"; a member
#    with no PIN whose failed PINs were still counted goes through
#    sign_in (the count cleared, a member.pin-ok event);
#  - contact_log finds its actor itself: no session, a closed one, an
#    expired one refused (28000) and nothing written;
#  - the aggregates a logged contact writes are what cslog.contact_dims
#    and contact_state_dims count for it, for contacts with and without
#    added value, the empowerment check's answers (a "no" among them),
#    negative, and an amendment; verify passes;
#  - a server made before the part: refused (69) until upgrade-server
#    makes it, with sign_in_bare as the part "speed" left it.
# Not under valgrind (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
pg_new main
pg_start main || { cat "$T/main/log"; pg_skip_all "the server did not start"; }
pg_cslog_db main
sql() { pg_sql main "$1"; }
URL=$CSLOG_DB
OWNER=$(pg_url main cslog_dba)
tsql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$URL" -c "$1" 2>&1; }
is "$(sql "SELECT count(*) FROM cslog.schema_part WHERE name = 'log-cold'")" "1" \
    "init-server made the part log-cold"

# ---- fts_fold: ASCII the short way, as ICU folds it -------------------------
# The part's ICU way, as the part "search" wrote fts_fold.
ICU="btrim(regexp_replace(translate(lower(normalize(regexp_replace(
    normalize(coalesce(t, ''), NFD), '([A-Za-z])[\\u0300-\\u036f]+', '\\1', 'g'), NFC)
    COLLATE \"und-x-icu\"), E'\\u03c2\\u017f', E'\\u03c3s') COLLATE \"und-x-icu\",
    '[^[:alnum:]]+', ' ', 'g'))"
is "$(sql "SELECT count(*) FROM (SELECT chr(i) || 'x' || chr(i) AS t FROM generate_series(1, 127) i
           UNION ALL SELECT 'Smoke-ALARM checked: 3 times @ 10:45, e-mail a.b@c.org (OK?)'
           UNION ALL SELECT '  __Z__  ' UNION ALL SELECT '' UNION ALL SELECT NULL) s
           WHERE cslog.fts_fold(t) IS DISTINCT FROM $ICU")" "0" \
    "every ASCII character, and words of them, folded as ICU folds them"
is "$(sql "SELECT cslog.fts_fold('Ça BRÛLE — Straße ΣΊΣΥΦΟΣ')")" "ca brule straße σίσυφοσ" \
    "text that is not ASCII still folded the ICU way (Latin diacritics off, final sigma)"

# ---- sign_in_bare ----------------------------------------------------------
cslog --as M1 log --policy phoenix --kind recipient --channel on-scene --outcome resolved \
    --needs-met yes --summary "Smoke alarm checked"
status 0 "M1 logs a contact"
is "$(tsql "SELECT status || '/' || length(token) || '/' || (token ~ '^[0-9a-f]{64}\$')
            || '/' || coalesce(last_policy, '-') FROM cslog.sign_in_bare('M1')")" \
    "ok/64/true/phoenix" "a member with no PIN: 'ok', 64 hex digits, the last policy"
is "$(tsql "SELECT coalesce(last_policy, '-') FROM cslog.sign_in_bare('M2')")" "-" \
    "a member who logged nothing: no last policy"
is "$(tsql "SELECT count(DISTINCT token) FROM generate_series(1, 20) i,
            LATERAL cslog.sign_in_bare(CASE WHEN i > 0 THEN 'M2' END)")" "20" "a new token each time"
is "$(tsql "SELECT status FROM cslog.sign_in_bare('NOBODY')")" "nouser" "no such badge: 'nouser'"
# pgcrypto's mappings in the backend's memory after SQL (as the
# terminal), read by the same psql; "unreadable" where /proc cannot be
maps() {
	psql -X -q -A -t "$URL" 2>/dev/null <<EOF | tail -1
SELECT pg_backend_pid() AS pid \gset
$1;
\setenv PID :pid
\! if [ -r /proc/\$PID/maps ]; then grep -c pgcrypto /proc/\$PID/maps; else echo unreadable; fi
EOF
}
m=$(maps "SELECT 1 FROM cslog.sign_in_bare('M2')")
if [ "$m" = unreadable ]; then
	ok 0 "# SKIP the backend's /proc/PID/maps cannot be read here"
else
	is "$m" "0" "a member with no PIN signed in: pgcrypto not loaded in the backend"
	m=$(maps "SELECT 1 FROM cslog.sign_in('S1', '1234')")
	ok $((m > 0 ? 0 : 1)) "a PIN checked: pgcrypto loaded (so the check above can fail)"
fi
sql "UPDATE cslog.member SET failed_pins = 2 WHERE badge = 'M2'" >/dev/null
n0=$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'member.pin-ok'")
is "$(tsql "SELECT status FROM cslog.sign_in_bare('M2')")" "ok" \
    "a member with no PIN and failed PINs counted: 'ok'"
is "$(sql "SELECT failed_pins FROM cslog.member WHERE badge = 'M2'")" "0" "the count cleared"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'member.pin-ok'")" "$((n0 + 1))" \
    "as sign_in clears it: a member.pin-ok event"

# ---- contact_log's actor ---------------------------------------------------
LOGARGS="extract(epoch FROM now())::bigint, 'phoenix', '2026.2', 'recipient', 'on-scene',
  'resolved', 'By hand', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL"
c0=$(sql "SELECT count(*) FROM cslog.contact")
has_err() { echo "$1" | grep -q "$2"; }
out=$(tsql "SELECT cslog.contact_log('$(printf '%064d' 0)', NULL, $LOGARGS)")
has_err "$out" "not signed in (no session, or it ended): sign in again"
ok $? "no session: refused"
tok=$(tsql "SELECT token FROM cslog.sign_in_bare('M1')")
tsql "SELECT cslog.sign_out('$tok')" >/dev/null
out=$(tsql "SELECT cslog.contact_log('$tok', NULL, $LOGARGS)")
has_err "$out" "not signed in"
ok $? "a session signed out: refused"
tok=$(tsql "SELECT token FROM cslog.sign_in_bare('M1')")
sql "UPDATE cslog.session SET expires_at = now() - interval '1 second'
     WHERE token_hash = sha256(convert_to('$tok', 'UTF8'))" >/dev/null
out=$(tsql "SELECT cslog.contact_log('$tok', NULL, $LOGARGS)")
has_err "$out" "not signed in"
ok $? "a session expired: refused"
is "$(sql "SELECT count(*) FROM cslog.contact")" "$c0" "nothing written"
tok=$(tsql "SELECT token FROM cslog.sign_in_bare('M1')")
out=$(tsql "SELECT cslog.contact_log('$tok', 'M2', $LOGARGS)")
has_err "$out" "may log a contact for another member only as a supervisor"
ok $? "a member logging for another: refused"
out=$(tsql "SELECT cslog.contact_log('$tok', NULL, $LOGARGS)")
is "$(sql "SELECT member_id || '/' || logged_by FROM cslog.contact WHERE id = ${out:-0}")" \
    "$(sql "SELECT id || '/' || id FROM cslog.member WHERE badge = 'M1'")" \
    "a live session: logged, as its member"

# ---- the aggregates: what contact_dims counts ------------------------------
cslog --as M1 log --policy phoenix --kind recipient --channel phone --outcome resolved \
    --needs-met no --summary "Went beyond" --added-value "Fitted a smoke alarm" \
    --answers yes,yes,yes,yes,yes,yes,yes
status 0 "a contact with added value and the check answered"
cslog --as M2 log --policy phoenix --kind recipient --channel written --outcome complaint \
    --needs-met yes --summary "Complaint" --added-value "Called the landlord" \
    --answers yes,no,yes,yes,yes,no,yes
status 0 "a negative contact (a complaint), a 'no' among the answers"
is "$(sql "SELECT count(*) FROM cslog.contact WHERE negative")" "1" "(negative)"
cslog --as S1 amend 1 --reason "wrong channel" --channel phone
status 0 "an amendment"
drift() {
	sql "SELECT count(*) FROM (
	       SELECT x.dim, cslog.utc_day(c.at) AS day, c.policy_id, x.value, sum(x.n) AS n
	         FROM cslog.contact c, LATERAL (SELECT * FROM cslog.contact_dims(c)
	                                        UNION ALL SELECT * FROM cslog.contact_state_dims(c)) x
	        WHERE NOT EXISTS (SELECT 1 FROM cslog.contact y WHERE y.amends = c.id)
	        GROUP BY 1, 2, 3, 4) d
	     FULL JOIN (SELECT * FROM cslog.agg WHERE n <> 0) g USING (dim, day, policy_id, value)
	     WHERE coalesce(d.n, 0) <> coalesce(g.n, 0)"
}
is "$(drift)" "0" "the daily rows are what contact_dims counts for the contacts"
is "$(sql "SELECT count(*) FROM cslog.agg WHERE dim IN ('question_asked', 'question_failed',
           'member_added_value', 'debrief_due') AND n <> 0")" \
    "$(sql "SELECT count(*) FROM (SELECT DISTINCT x.dim, x.value, cslog.utc_day(c.at), c.policy_id
           FROM cslog.contact c, LATERAL (SELECT * FROM cslog.contact_dims(c)
             UNION ALL SELECT * FROM cslog.contact_state_dims(c)) x
           WHERE x.dim IN ('question_asked', 'question_failed', 'member_added_value', 'debrief_due')
             AND NOT EXISTS (SELECT 1 FROM cslog.contact y WHERE y.amends = c.id)) q")" \
    "the questions, the added value and the debrief due among them"
is "$(sql "SELECT count(*) > 0 FROM cslog.agg WHERE dim = 'question_asked' AND n > 0")" "t" \
    "(questions were counted, so the comparison above can fail)"
cslog --as S1 verify
status 0 "verify passes"

# ---- a server made before the part -----------------------------------------
sql "BEGIN; SET LOCAL ROLE cslog_owner;
     DROP FUNCTION cslog.sign_in_bare(text);
     CREATE FUNCTION cslog.sign_in_bare(p_badge text)
       RETURNS TABLE (status text, member_id bigint, badge text, name text, role text,
                      has_pin boolean, pin_reset boolean, attempts_left int,
                      locked_until bigint, token text)
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS \$f\$
     BEGIN
       RETURN QUERY SELECT * FROM cslog.sign_in(p_badge, '');
     END \$f\$;
     DELETE FROM cslog.schema_part WHERE name = 'log-cold'; COMMIT;" >/dev/null
cslog --as M1 list --limit 1
status 69 "a server without the part: unavailable"
has "$T/err" "lacks parts of the schema this cslog needs (log-cold)" "saying which part"
cslog admin upgrade-server "$OWNER"
status 0 "upgrade-server makes the part"
has "$T/out" "log-cold" "naming it"
cslog --as M1 log --policy phoenix --kind recipient --channel on-scene --outcome resolved \
    --needs-met yes --summary "After the upgrade"
status 0 "a member with no PIN logs after the upgrade"
is "$(tsql "SELECT coalesce(last_policy, '-') FROM cslog.sign_in_bare('M1')")" "phoenix" \
    "sign_in_bare answers the last policy after it"
is "$(drift)" "0" "the daily rows still what contact_dims counts"
cslog --as S1 verify
status 0 "verify passes after it all"

done_testing
