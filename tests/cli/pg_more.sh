#!/bin/sh
# pg_more.sh - follow-ups and members' administration on a PostgreSQL
# server, each command run on a SQLite file and on the server alike:
#  - followup list (table, CSV, JSON; --done; --overdue), pause (with
#    its reason), resume, done: the file's output, byte for byte, and
#    the same exit status for every refusal; a pause moves the target
#    and the limit by its length when resumed (the promise kept); a
#    paused follow-up is never overdue; the report's summary stays the
#    file's;
#  - member role (never one's own, never the last supervisor, never to
#    a role that needs a PIN for someone without), member unlock, member
#    set-pin (a supervisor's is a reset its member replaces first; the
#    PIN hashed by the server with bcrypt): the same exit statuses as on
#    the file, member list the file's; each change an audit event under
#    the one who made it; verify passes after it all;
#  - amend: a new version pointing at the old (unchanged), the old one's
#    open follow-up moved to it; an amended contact not amended again;
#    list, search and reports after it the file's;
#  - members are refused by the server itself, called by hand with
#    their session; a member or follow-up changed behind cslog's back is
#    not changed further.
# Not under valgrind (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
pg_new main
pg_start main || { cat "$T/main/log"; pg_skip_all "the server did not start"; }
pg_cslog_db main
sql() { pg_sql main "$1"; }
URL=$CSLOG_DB
FILE="$T/file.db"
printf '1234\n' >"$T/pin"
CSLOG_DB="$FILE" cslog member add --badge S1 --name "Sam Super" --role supervisor \
    --pin-stdin <"$T/pin"
CSLOG_DB="$FILE" cslog --as S1 member add --badge M1 --name "Mo Member"
CSLOG_DB="$FILE" cslog --as S1 member add --badge M2 --name "Max Member"
status 0 "the file has the server's members"

IN=/dev/null   # both and same: tests/pg_lib.sh

# ---- follow-ups ------------------------------------------------------------
due=$(date -u -d '+2 days' '+%Y-%m-%dT%H:%M:%SZ')
due2=$(date -u -d '+3 days' '+%Y-%m-%dT%H:%M:%SZ')
for who in M1 M1 M2; do
	both --as "$who" log --policy bsofr --kind recipient --channel phone --outcome assisted \
	    --summary "promised a call back" --follow-up "$due" --follow-up-note "call $who back"
done
both --as S1 log --policy bsofr --kind recipient --channel phone --outcome assisted \
    --summary "promised a leaflet" --follow-up "$due2" --member M2
same 0 "four contacts with a follow-up each"
for fmt in table csv json; do
	both --as S1 followup list --format "$fmt"
	same 0 "followup list --format $fmt: the file's"
done
both --as M1 followup list
same 0 "a member's followup list: their own only"
both --as M1 followup list --member M2
same 77 "a member may not list another's"
both --as S1 followup list --member M2 --format csv
same 0 "a supervisor lists one member's"

both --as M1 followup pause 1 --reason "the customer is away until Friday"
same 0 "followup pause, with its reason"
both --as M1 followup pause 1 --reason "again"
same 65 "a paused follow-up is not paused again"
both --as M1 followup pause 2 --reason " "
same 64 "a pause needs a reason"
both --as M1 followup pause 3 --reason "not mine"
same 77 "a member may not pause another's follow-up"
both --as M1 followup resume 2
same 65 "an open follow-up is not resumed"
both --as S1 followup pause 99 --reason "no such"
same 66 "no such follow-up"
for fmt in table json; do
	both --as S1 followup list --format "$fmt"
	same 0 "the paused one listed as paused ($fmt): the file's"
done
has "$T/out" '"pause_reason": "the customer is away until Friday"' "with its reason"
is "$(sql "SELECT state || ' ' || pause_reason FROM cslog.followup WHERE id = 1")" \
    "paused the customer is away until Friday" "the server keeps the pause and its reason"
before=$(sql "SELECT cslog.secs(due_at) || ' ' || cslog.secs(limit_at) FROM cslog.followup WHERE id = 1")
sleep 2   # a pause of whole seconds, as the file counts them
both --as M1 followup resume 1
ok $([ "$frc" = 0 ] && [ "$rc" = 0 ] && echo 0 || echo 1) "followup resume at both ends"
set -- $before
moved=$(sql "SELECT paused_seconds || ' ' || cslog.secs(due_at) - paused_seconds || ' ' || cslog.secs(limit_at) - paused_seconds FROM cslog.followup WHERE id = 1")
case $moved in 0\ *) ok 1 "the pause counted (got $moved)" ;; *) ok 0 "the pause counted" ;; esac
is "${moved#* }" "$1 $2" "the target and the limit as set are kept; both moved by the pause"
is "$(sql "SELECT detail::jsonb ->> 'paused_seconds' FROM cslog.audit WHERE action = 'followup.resume'")" \
    "${moved%% *}" "the resume's audit event holds the pause's length"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'followup.pause' AND actor_id = 2 AND detail::jsonb ->> 'reason' = 'the customer is away until Friday'")" \
    "1" "the pause is an audit event under M1, with its reason"
cslog --as M1 followup list --format csv
grep '^1,1,' "$T/out" >"$T/line"
has "$T/line" ",open," "the resumed one is open again"
has "$T/line" ",no,call M1 back" "not overdue, its promise kept"

both --as M1 followup done 2 --note "called back"
same 0 "followup done"
for fmt in table csv json; do
	both --as S1 followup list --done --format "$fmt"
	same 0 "followup list --done --format $fmt: the file's"
done
# (a pause's whole seconds may differ between the two ends: compared apart)
d3=$(sql "SELECT cslog.secs(due_at) FROM cslog.followup WHERE id = 3")
both --as S1 followup pause 3 --reason "waiting for the landlord"
both --as S1 followup done 3 --note "called after all"
ok $([ "$frc" = 0 ] && [ "$rc" = 0 ] && echo 0 || echo 1) "a paused follow-up closed"
is "$(sql "SELECT state || ' ' || (paused_at IS NULL) || ' ' || (cslog.secs(due_at) - paused_seconds) FROM cslog.followup WHERE id = 3")" \
    "done true $d3" "its pause ended, the target as set kept"
CSLOG_DB="$URL" cslog --as S1 followup list --done --format csv
has "$T/out" "3,3," "listed among the done ones"
has "$T/out" ",done,done on target,no,call M2 back" "done on target, its promise kept"
both --as S1 followup list --done --overdue
same 64 "--done or --overdue, not both"
both --as S1 report --by summary --format json
same 0 "the report's summary after pauses and closures: the file's"

# ---- amend: a new version superseding the old ------------------------------
both --as M1 amend 1 --reason "wrong outcome" --outcome resolved --summary "called back twice"
same 0 "amend: the new version's id, as on a file"
is "$(cat "$T/out")" "5" "it is contact 5"
is "$(sql "SELECT summary || '|' || coalesce(outcome, '') FROM cslog.contact WHERE id = 1")" \
    "promised a call back|assisted" "the old version is unchanged"
is "$(sql "SELECT amends || '|' || amend_reason || '|' || member_id FROM cslog.contact WHERE id = 5")" \
    "1|wrong outcome|2" "the new one points at it, with the reason, under its member"
is "$(sql "SELECT contact_id FROM cslog.followup WHERE id = 1")" "5" \
    "its unfinished follow-up goes with the current version"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'followup.move' AND entity_id = 1")" \
    "1" "moved with an audit event"
both --as M1 amend 1 --reason "again" --summary "x"
same 65 "an amended contact is not amended again"
has "$T/err" "already amended by 5: amend 5 instead" "saying which to amend"
both --as M1 amend 3 --reason "not mine" --summary "x"
same 77 "a member may not amend another's contact"
is "$(cat "$T/err")" "$(cat "$T/err.file")" "... in the file's words"
both --as S1 amend 99 --reason "no such" --summary "x"
same 66 "no such contact"
both --as S1 amend 2 --summary "x"
same 64 "an amendment needs a reason"
for args in "--format csv" "--search twice --format csv" "--search call --format csv" \
    "--unreviewed --format csv"; do
	# shellcheck disable=SC2086
	both --as S1 list $args
	cut -d, -f1,4- "$T/out" >"$T/o1"   # but the times logged (the seconds may differ)
	cut -d, -f1,4- "$T/out.file" >"$T/o2"
	cp "$T/o1" "$T/out"
	cp "$T/o2" "$T/out.file"
	same 0 "list $args after the amendment: the file's"
done
both --as S1 report --by summary --format json
same 0 "the report's summary after the amendment: the file's"
both --as S1 report --by outcome --format json
same 0 "report --by outcome: the old version counted no more"
both --as S1 followup list --format csv
cut -d, -f1,2,5- "$T/out" >"$T/o1"
cut -d, -f1,2,5- "$T/out.file" >"$T/o2"
cmp -s "$T/o1" "$T/o2"
ok $? "followup list after the amendment: the file's (times apart: the pause's seconds)"

# Overdue at the server's clock; a paused follow-up never is.
late=$(sql "SELECT cslog.followup_open(1, 4, now(), extract(epoch FROM now())::bigint - 7200, 0, 'late one')")
CSLOG_DB="$URL" cslog --as S1 followup list --overdue --format csv
has "$T/out" "$late,4," "followup list --overdue lists one past its limit"
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" "1" "and only it"
CSLOG_DB="$URL" cslog --as S1 list --overdue --format csv
has "$T/out" "promised a leaflet" "list --overdue finds its contact"
CSLOG_DB="$URL" cslog --as S1 followup pause "$late" --reason "customer in hospital"
status 0 "the late one paused"
CSLOG_DB="$URL" cslog --as S1 followup list --overdue --format csv
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" "0" "paused: not overdue"
CSLOG_DB="$URL" cslog --as S1 list --overdue --format csv
lacks "$T/out" "promised a leaflet" "nor its contact"
is "$(sql "SELECT coalesce(sum(n), 0) FROM cslog.agg WHERE dim = 'followup_limit'")" \
    "$(sql "SELECT count(*) FROM cslog.followup WHERE state = 'open'")" \
    "the aggregates count the limits of the running ones only"

# ---- members ---------------------------------------------------------------
printf '5678\n' >"$T/pin5"
printf '2468\n' >"$T/pin2"
both --as S1 member role M1 --role trainer
same 77 "a member without a PIN cannot become a trainer"
has "$T/err" "must have a PIN" "saying why"
IN=$T/pin5 both --as S1 member set-pin M2 --pin-stdin
same 0 "S1 sets a PIN for M2 (a reset)"
is "$(sql "SELECT pin_hash LIKE '\$2a\$08\$%' AND pin_reset FROM cslog.member WHERE badge = 'M2'")" \
    "t" "hashed by the server with bcrypt, marked a reset"
both --as S1 member list --format csv
same 0 "member list shows the reset: the file's"
CSLOG_PIN=5678 both --as M2 list
same 77 "with a reset PIN, M2 may do nothing else"
has "$T/err" "choose your own first" "and is told what to do"
CSLOG_PIN=5678 IN=$T/pin5 both --as M2 member set-pin M1 --pin-stdin
same 77 "nor set another's PIN"
CSLOG_PIN=5678 IN=$T/pin2 both --as M2 member set-pin M2 --pin-stdin
same 0 "M2 chooses their own"
is "$(sql "SELECT pin_reset FROM cslog.member WHERE badge = 'M2'")" "f" "no longer a reset"
CSLOG_PIN=2468 both --as M2 report --by kind --format json
same 0 "M2 works with their own PIN"
CSLOG_PIN=2468 IN=$T/pin5 both --as M2 member set-pin M1 --pin-stdin
same 77 "a member may not set another's PIN"
IN=/dev/null
both --as S1 member role M1 --role supervisor
same 77 "a member without a PIN cannot become a supervisor"
both --as S1 member role M2 --role trainer
same 0 "a member with a PIN becomes a trainer"
both --as S1 member role M2 --role supervisor
same 0 "then a supervisor"
both --as S1 member role S1 --role member
same 77 "a supervisor cannot change their own role"
has "$T/err" "does not change their own role" "saying why"
CSLOG_PIN=2468 both --as M2 member role S1 --role member
same 0 "another supervisor may demote S1"
CSLOG_PIN=2468 both --as M2 member role M2 --role member
same 77 "M2 cannot demote themself"
both --as S1 member role M1 --role member
same 77 "S1, a member now, may not change roles"
CSLOG_PIN=2468 both --as M2 member role S1 --role supervisor
same 0 "S1 a supervisor again"
both --as S1 member role M2 --role member
same 0 "S1 demotes M2"
both --as S1 member set-pin S1 --clear
same 77 "a supervisor's PIN cannot be cleared"
both --as S1 member role M1 --role wizard
same 64 "an unknown role is a usage error"
both --as S1 member role NOPE --role member
same 66 "no such member"
both --as S1 member role M2 --role evaluator
same 0 "M2 made an evaluator (tests/cli/pg_measures.sh)"
both --as S1 member role M2 --role member
same 0 "and a member again"
both --as S1 member list --format csv
same 0 "member list after the role changes: the file's"

for i in 1 2 3 4 5; do CSLOG_PIN=0000 both --as M2 list; done
is "$(sql "SELECT locked_until > now() FROM cslog.member WHERE badge = 'M2'")" "t" "M2 is locked"
CSLOG_PIN=2468 both --as M2 list
same 77 "and refused, even with the right PIN"
both --as S1 member unlock M2
same 0 "S1 unlocks M2"
CSLOG_PIN=2468 both --as M2 list
same 0 "M2 signs in again"
both --as S1 member unlock M2
same 65 "unlocking an account that is not locked says so"
has "$T/err" "not locked" "in words"
CSLOG_PIN=2468 both --as M2 member unlock M2
same 77 "a member may not unlock"
is "$(sql "SELECT string_agg(action, ' ' ORDER BY id) FROM cslog.audit WHERE action IN ('member.update', 'member.unlock', 'member.pin_set', 'member.pin_clear')")" \
    "member.pin_set member.pin_set member.update member.update member.update member.update member.update member.update member.update member.unlock" \
    "each change an audit event"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'member.unlock' AND actor_id = 1")" "1" \
    "the unlock under S1"

# The server decides itself: a member's session, the functions by hand.
tok=$(sql "SELECT token FROM cslog.sign_in('M1', '')")
psql -X -q -A -t "$URL" -c "SELECT cslog.member_role('$tok', 'M2', 'supervisor')" >"$T/psql" 2>&1
ok $([ $? -ne 0 ] && echo 0 || echo 1) "a member's session cannot change a role"
has "$T/psql" "may not change roles" "the server says why"
psql -X -q -A -t "$URL" -c "SELECT cslog.member_set_pin('$tok', 'S1', '9999')" >"$T/psql" 2>&1
has "$T/psql" "may set only their own PIN" "nor set a supervisor's PIN"
psql -X -q -A -t "$URL" -c "SELECT * FROM cslog.followup_list('$tok', 3, false, false, NULL)" \
    >"$T/psql" 2>&1
has "$T/psql" "may list only their own follow-ups" "nor list another's follow-ups"
psql -X -q -A -t "$URL" -c "SELECT cslog.followup_pause('$tok', 3, NULL)" >"$T/psql" 2>&1
has "$T/psql" "may change only their own follow-ups" "nor resume another's"
psql -X -q -A -t "$URL" -c "SELECT cslog.followup_set(1, 'done', 1, 'x')" >"$T/psql" 2>&1
has "$T/psql" "permission denied" "the internal followup_set is not the terminal's"
psql -X -q -A -t "$URL" -c "SELECT pin_hash FROM cslog.member" >"$T/psql" 2>&1
has "$T/psql" "permission denied" "nor is any PIN hash"

cslog --as S1 verify
status 0 "verify passes on the server after it all"
CSLOG_DB="$FILE" cslog --as S1 verify
status 0 "and on the file"

# A row changed behind cslog's back is not vouched for by a change.
sql "UPDATE cslog.member SET name = 'Someone Else' WHERE badge = 'M1'" >/dev/null
cslog --as S1 member set-pin M1 --clear
status 65 "a member changed behind cslog's back is not changed further"
has "$T/err" "member 2 (M1) was changed outside cslog (it no longer matches audit event" \
    "saying so"
sql "UPDATE cslog.followup SET due_at = due_at + interval '10 days' WHERE id = 4" >/dev/null
cslog --as S1 followup pause 4 --reason "waiting"
status 65 "nor a follow-up"
cslog --as S1 followup done 4
status 65 "not even closed"
has "$T/err" "follow-up 4 was changed outside cslog" "saying so"
is "$(sql "SELECT state FROM cslog.followup WHERE id = 4")" "open" "it stays open"
done_testing
