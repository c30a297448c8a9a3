#!/bin/sh
# pg_screens.sh - the full-screen program on a PostgreSQL server, in
# tmux against a throwaway cluster: a member signs in by badge, logs a
# contact through the form (it is on the server once), the supervisor
# sees it in the queue and signs it off; keys whose use case is not on a
# server are not offered (every screen's use case runs there now:
# drills are offered); a PIN refused by the server is
# counted there.  Then the server is stopped before a save: the screen
# says so, the contact goes to the private spool (a file of mode 0600 in
# a directory of 0700), nothing is lost; started again, the next sign-in
# hands it over, exactly once (rows counted), and removes the file; its
# follow-up, whose limit passed while it waited, is not refused then.
# Not under valgrind (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../tmux.sh"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
trap '_pg_stop_all; _tmux_cleanup' EXIT
pg_new main
pg_start main || { cat "$T/main/log"; pg_skip_all "the server did not start"; }
pg_cslog_db main
unset CSLOG_PIN
psql_n() { pg_sql main "$1"; }
pos=$(cd "$SRC" && "$CSLOG_BIN" policy list | awk 'NR > 1 { n++ } $1 == "bsofr" { print n }')
SPOOL="$HOME/.local/state/cslog/spool"

# first_step: wait until the form (or the question about a draft) shows.
first_step() {
	_k=0
	while [ "$_k" -lt 100 ]; do
		screen
		grep -qE "Which policy\?|Who was the customer\?|unfinished contact" "$T/screen" &&
		    { settle; return 0; }
		sleep 0.05
		_k=$((_k + 1))
	done
}

# log_one SUMMARY [DUE]: the form from home to the confirm screen (a
# routine contact: recipient, on scene, needs met, no added value, no
# follow-up, or one due DUE, YYYY-MM-DD HH:MM).
log_one() {
	keys l
	first_step
	grep -qF "unfinished contact" "$T/screen" && { keys n; first_step; }
	grep -qF "Which policy?" "$T/screen" && keys "$pos"
	wait_for "Who was the customer?"; keys Enter
	wait_for "How did the contact happen?"; keys Enter
	wait_for "What happened?"; typ "$1"; keys Enter
	wait_for "How did it end?"; keys Enter
	wait_for "needs met"; keys y
	wait_for "added value"; keys n
	wait_for "promise a follow-up"
	if [ -n "${2:-}" ]; then
		keys y
		wait_for "What did you promise"; typ "Call back with the report"; keys Enter
		wait_for "Follow-up due"; keys C-u; typ "$2"; keys Enter
		wait_for "A number to call back"; keys Enter
	else
		keys n
	fi
	wait_for "Confirm the standards"; keys a Enter
	wait_for "Save this contact?"
}

# ---- a member signs in by badge and logs a contact
start
shows "Type your badge" "the sign-in asks for a badge on a server"
typ "M9"
shows "No member matches." "an unknown badge matches nobody"
keys BSpace; typ "1"
shows "known to the server" "the server knows M1"
keys Enter
shows "Log a customer contact" "M1 signs in (no PIN) and is home"
screen
not_has() { grep -qF -- "$2" "$1" && { echo "# found: $2"; return 1; }; return 0; }
has "$T/screen" "d drills" "the drills key is offered on a server (its use cases run there)"
keys "?"
shows "Any key closes this help." "the help"
has "$T/screen" "drills and quizzes" "and the help names it"
keys x
log_one "Server contact one: lift assist"
keys Enter
shows "Saved as contact #1." "saved on the server"
is "$(psql_n "select count(*) from cslog.contact where summary = 'Server contact one: lift assist'")" \
    1 "the contact is on the server once"
is "$(psql_n "select count(*) from cslog.contact_key where contact_id = 1")" 1 \
    "with its key"
is "$(psql_n "select count(*) from cslog.draft")" 0 "and its draft removed with it"
# The key is its member's: another member's session giving it is refused
# by the server, and logs nothing.
key1=$(psql_n "select key from cslog.contact_key where contact_id = 1")
psql -X -q -A -t "$(pg_url main cslog_terminal)" -c "select cslog.contact_log_keyed('$key1',
    null, (select token from cslog.sign_in('M2', '')), null, 1796464203, 'bsofr', '2026.2',
    'recipient', 'on-scene', null, 'M2 replays M1''s key', true, null, null, null, null, null,
    null, null, null, null, false, null, null, null, null, null, null, null)" >"$T/out" 2>&1
has "$T/out" "another member's" "another member's session giving M1's key is refused"
is "$(psql_n "select count(*) from cslog.contact")" 1 "and nothing is logged"
keys Enter
wait_for "Log a customer contact"

# ---- a draft kept on the server, offered again
keys l
first_step
keys Enter Enter
wait_for "What happened?"; typ "Half typed on a server"
wait_for "Half typed on a server"
keys Escape Escape Escape Escape
shows "Continue your unfinished contact" "back home, the draft is offered"
is "$(psql_n "select count(*) from cslog.draft d join cslog.member m on m.id = d.member_id
    where m.badge = 'M1' and d.body like '%Half typed on a server%'")" 1 \
    "the draft is M1's, on the server"
keys s
wait_for "Type your badge"
due=$(date -u -d '+2 days' '+%Y-%m-%dT%H:%M:%SZ')
cslog --as M1 log --policy bsofr --kind recipient --channel phone --outcome assisted \
    --summary "Promised a call back" --follow-up "$due" --follow-up-note "call M1's customer back"
status 0 "a contact with a follow-up, logged on the command line"

# ---- the supervisor: a wrong PIN counted by the server, then the queue
typ "S1"; keys Enter
shows "PIN for S1" "S1 is asked for a PIN"
typ "9999"; keys Enter
shows "Wrong PIN." "a wrong PIN is refused"
is "$(psql_n "select failed_pins from cslog.member where badge = 'S1'")" 1 \
    "and counted by the server"
typ "1234"; keys Enter
shows "review" "S1 is home, with the review queue"
screen
has "$T/screen" "d drills" "the supervisor is offered drills too"
keys d
shows "1-9 choose the policy" "the drill screen opens on a server"
keys Escape
shows "review" "and Esc goes back home"
keys r
shows "Server contact one" "the supervisor's queue shows M1's contact"
keys Down Enter
shows "Server contact one: lift assist" "its detail"
keys s
wait_for "sign-off"
keys Enter
sleep 0.5
is "$(psql_n "select count(*) from cslog.review where contact_id = 1")" 1 \
    "the sign-off is on the server"
keys Escape Escape Escape
wait_for "Log a customer contact"
fu() { psql_n "select state || ',' || coalesce(pause_reason, '-') from cslog.followup"; }
keys f
shows "call M1's customer back" "the follow-ups, from the server"
keys p
wait_for "Why"; typ "waiting for parts"; keys Enter
shows "paused: waiting" "paused"
keys r
shows "resumed" "resumed"
keys x
wait_for "What was done"; typ "called back"; keys Enter
shows "done." "done"
is "$(psql_n "select state || ',' || done_note from cslog.followup")" "done,called back" \
    "the follow-up is done on the server, with its note"
keys Escape
wait_for "Log a customer contact"
keys m
shows "Max Member" "the members, from the server"
keys Escape
wait_for "Log a customer contact"
keys p
shows "report: summary" "the reports, from the server's aggregates"
keys Escape
wait_for "Log a customer contact"
keys q
shows "EXITED 0" "q leaves cslog (status 0) after the supervisor's session" 5

# ---- an evaluator on a server: the form kept as a draft at every answer
printf '4321\n' >"$T/pin-e1"
CSLOG_PIN=1234 cslog --as S1 member add --badge E1 --name "Eve Evaluator" --role evaluator \
    --pin-stdin <"$T/pin-e1"
status 0 "an evaluator added on the server"
start
wait_for "Type your badge"
typ "E1"; keys Enter
wait_for "PIN for E1"; typ "4321"; keys Enter
shows "Evaluate a test contact" "the evaluator signs in, home offers the evaluation"
screen
lacks "$T/screen" "cannot be read" "... with no refusal of their drafts"
keys e
shows "Which policy is the test contact held to?" "the evaluation form opens on a server"
keys Enter
wait_for "How was the test contact made?"; keys Enter
wait_for "Badge of the member evaluated"; keys Enter
wait_for "may be left empty"; keys Enter
wait_for "items left to answer"
keys o
sleep 0.3
is "$(psql_n "select count(*) from cslog.draft d join cslog.member m on m.id = d.member_id
              where m.badge = 'E1'")" 1 "an answer keeps the form as the evaluator's draft on the server"
keys Escape
shows "The evaluation is kept: e brings it back." "Esc keeps it"
keys q
shows "EXITED 0" "q leaves cslog (status 0) after the evaluator's session" 5

# ---- the server stopped before a save: kept on the terminal.  Its
# follow-up is due an hour after the contact, by a terminal clock three
# hours behind: judged keepable at save, its limit past by the time it
# is handed over (at the real time, below), and not refused then.
now=$(date +%s)
due=$(date -u -d "@$((now - 7200))" '+%Y-%m-%d %H:%M')
EXTRA_ENV="CSLOG_NOW=$((now - 10800)):$now" start
wait_for "Type your badge"
typ "M1"; keys Enter
wait_for "Log a customer contact"
log_one "Spooled while the server was down" "$due"
pg_stop main
keys Enter
shows "Kept on this terminal: the server did not answer." "the screen says the contact is kept on the terminal"
has "$T/screen" "It will be sent when it" "and when it is sent"
has "$T/screen" "does." "... the sentence whole at 80 columns (wrapped, never cut)"
lacks "$T/screen" "…" "nothing on the screen is cut"
has "$T/screen" "Kept on this terminal: the PostgreSQL server (" "the status line names the server"
lacks "$T/screen" "terminated abnormally" "not libpq's account of the dropped socket"
n=$(ls "$SPOOL"/*.json 2>/dev/null | wc -l)
is "$n" 1 "one spool file"
f=$(ls "$SPOOL"/*.json)
is "$(stat -c %a "$f")" 600 "the spool file is mode 0600"
is "$(stat -c %a "$SPOOL")" 700 "in a directory of mode 0700"
has "$f" "Spooled while the server was down" "holding the contact"
keys Enter
shows "1 contact kept on this terminal waits" "home says one waits"

# ---- typing while the server is down, then Esc: the draft is kept here
keys l
first_step
grep -qF "Which policy?" "$T/screen" && keys "$pos"
wait_for "Who was the customer?"; keys Enter
wait_for "How did the contact happen?"; keys Enter
wait_for "What happened?"; typ "Typed while the server was down"
wait_for "Typed while the server was down"
keys Escape Escape Escape Escape
shows "1 unfinished contact kept on this terminal" "Esc keeps the unfinished contact on the terminal"
is "$(ls "$SPOOL"/*.draft | wc -l)" 1 "in a spooled draft"
is "$(stat -c %a "$SPOOL"/*.draft)" 600 "of mode 0600"

cp "$f" "$T/spool-copy.json"
# ---- the server again: handed over once, by a terminal at the real time
pg_start main || { cat "$T/main/log"; }
start
wait_for "Type your badge"
typ "M1"; keys Enter
shows "handed over to the server" "the sign-in hands the spooled contact over"
is "$(psql_n "select count(*) from cslog.contact where summary = 'Spooled while the server was down'")" \
    1 "the contact is on the server, once"
is "$(psql_n "select count(*) from cslog.followup f join cslog.contact c on c.id = f.contact_id
    where c.summary = 'Spooled while the server was down' and f.due_at < now()")" 1 \
    "with its follow-up, whose limit passed while it waited: judged when it was entered"
is "$(ls "$SPOOL" | wc -l)" 0 "the spool file is removed"
is "$(psql_n "select count(*) from cslog.draft d join cslog.member m on m.id = d.member_id
    where m.badge = 'M1' and d.body like '%Typed while the server was down%'")" 1 \
    "the unfinished contact is back on the server, as M1's draft"
# The same file again (as if its removal had been lost): its key, so
# nothing is logged twice.
keys s
wait_for "Type your badge"
cp "$T/spool-copy.json" "$f"
typ "M1"; keys Enter
shows "handed over to the server" "the same spooled contact handed over again"
is "$(psql_n "select count(*) from cslog.contact where summary = 'Spooled while the server was down'")" \
    1 "still one contact: the key made it the same"
is "$(ls "$SPOOL" | wc -l)" 0 "the spool file is removed again"
keys q
shows "EXITED 0" "q leaves cslog (status 0) after the hand-over" 5

# ---- a hot standby (CSLOG_PG_SCREENS_STANDBY=1: a base backup and a
# second server cost more than this suite's budget in make test): a
# draft typed on a reports terminal is written on the primary.
if [ -n "${CSLOG_PG_SCREENS_STANDBY:-}" ]; then
	pg_standby main stby || { cat "$T/stby/log"; pg_skip_all "no standby"; }
	CSLOG_DB="postgresql:///cslog?host=$T/stby,$T/main&user=cslog_terminal&target_session_attrs=prefer-standby"
	before=$(psql_n "select count(*) from cslog.draft")
	start
	wait_for "Type your badge"
	typ "M2"; keys Enter
	shows "Log a customer contact" "M2 signs in through the standby"
	keys l
	first_step
	grep -qF "Which policy?" "$T/screen" && keys "$pos"
	wait_for "Who was the customer?"; keys Enter
	wait_for "How did the contact happen?"; keys Enter
	wait_for "What happened?"; typ "Typed on a reports terminal"
	wait_for "Typed on a reports terminal"
	keys Escape Escape Escape Escape
	shows "Continue your unfinished contact" "back home, the draft is offered (read on the primary)"
	is "$(psql_n "select count(*) from cslog.draft where body like '%reports terminal%'")" 1 \
	    "the draft is on the primary"
	keys q
	shows "EXITED 0" "q leaves cslog (status 0) on the standby" 5
fi

done_testing
