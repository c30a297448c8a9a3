#!/bin/sh
# pg_speed.sh - what the schema part "speed" (issue 18) changed on a
# server besides its plans, whose results tests/cli/pg_query.sh compares
# with a file's:
#  - the statements a command sends from connect to exit (the server's
#    log): `log` by a member with no PIN sends four (the schema's parts,
#    sign_in_bare, contact_log, sign_out), neither pg_is_in_recovery()
#    (the connection says it) nor sign_in_needs_pin; a member with a PIN
#    one more (sign_in with the PIN);
#  - cslog.sign_in_bare: "pin" for a member with a PIN, nothing counted
#    and no session; "nouser" for no such badge; "ok" with a session for
#    a member with none; a wrong PIN from the command line counted once;
#  - the indexes the part made in place of the one on amends alone.
# Not under valgrind (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
pg_new main
pg_start main || { cat "$T/main/log"; pg_skip_all "the server did not start"; }
pg_cslog_db main
sql() { pg_sql main "$1"; }
TERM_URL=$CSLOG_DB
tsql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$TERM_URL" -c "$1" 2>&1; }
LOG="$T/main/log"

# sent ARGS: cslog ARGS with every statement of the terminal role logged;
# the statements executed, one a line, in $T/sent
sent() {
	sql "ALTER ROLE cslog_terminal SET log_min_duration_statement = 0" >/dev/null
	_from=$(($(wc -c <"$LOG") + 1))
	cslog "$@"
	_rc=$rc
	sql "ALTER ROLE cslog_terminal RESET log_min_duration_statement" >/dev/null
	tail -c "+$_from" "$LOG" | sed -n 's/.*execute <unnamed>: //p' >"$T/sent"
	rc=$_rc
}

# ---- round trips ------------------------------------------------------------
sent --as M1 log --policy phoenix --kind recipient --channel on-scene --outcome resolved \
    --needs-met yes --summary "Smoke alarm checked"
status 0 "a member with no PIN logs a contact"
is "$(wc -l <"$T/sent" | tr -d ' ')" 4 "log sends four statements from connect to exit"
sed 's/.*FROM cslog[.]schema_part.*/parts/; s/.*cslog[.]\([a-z_]*\)[(].*/\1/' "$T/sent" |
    tr '\n' ' ' >"$T/names"
is "$(cat "$T/names")" "parts sign_in_bare contact_log sign_out " \
    "the schema's parts, sign_in_bare, contact_log, sign_out"
grep -q "pg_is_in_recovery\|sign_in_needs_pin" "$T/sent"
ok $((!$?)) "neither pg_is_in_recovery nor sign_in_needs_pin"
sent --as S1 list --limit 1
status 0 "a supervisor lists with the PIN"
grep -c "cslog[.]sign_in_bare(\|cslog[.]sign_in(" "$T/sent" >"$T/n"
is "$(cat "$T/n")" 2 "with a PIN: sign_in_bare says so, then sign_in with it"

# ---- sign_in_bare -------------------------------------------------------------
sql "UPDATE cslog.member SET failed_pins = 2 WHERE badge = 'S1'" >/dev/null
n0=$(sql "SELECT count(*) FROM cslog.audit")
s0=$(sql "SELECT count(*) FROM cslog.session")
is "$(tsql "SELECT status || '/' || coalesce(token, '-') FROM cslog.sign_in_bare('S1')")" \
    "pin/-" "a member with a PIN: 'pin', no token"
is "$(sql "SELECT failed_pins FROM cslog.member WHERE badge = 'S1'")" 2 "nothing counted"
is "$(sql "SELECT count(*) FROM cslog.audit")" "$n0" "no event"
is "$(sql "SELECT count(*) FROM cslog.session")" "$s0" "no session"
sql "UPDATE cslog.member SET failed_pins = 0 WHERE badge = 'S1'" >/dev/null
is "$(tsql "SELECT status FROM cslog.sign_in_bare('NOBODY')")" "nouser" "no such badge: 'nouser'"
is "$(tsql "SELECT status || '/' || length(token) FROM cslog.sign_in_bare('M2')")" "ok/64" \
    "a member with no PIN: 'ok' and a token"
is "$(sql "SELECT count(*) FROM cslog.session")" "$((s0 + 1))" "and a session"
cslog --as NOBODY list
status 77 "no such badge on the command line"
has "$T/err" "no member has the badge 'NOBODY'" "saying so"
CSLOG_PIN=0000 cslog --as S1 list
status 77 "a wrong PIN"
has "$T/err" "4 tries left" "counted once"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'member.pin-wrong'")" 1 \
    "one member.pin-wrong event"
CSLOG_PIN=1234 cslog --as S1 list --limit 1
status 0 "the right PIN after it"
is "$(sql "SELECT failed_pins FROM cslog.member WHERE badge = 'S1'")" 0 "the count cleared"

# ---- indexes ----------------------------------------------------------------
is "$(sql "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes
           WHERE schemaname = 'cslog' AND indexname IN ('contact_amends', 'contact_amends_id',
             'agg_cover')")" "agg_cover contact_amends_id" \
    "the amendments by (amends, id) and the counts covered; the index on amends alone gone"
cslog --as S1 list --limit 1
status 0 "a list after them"
done_testing
