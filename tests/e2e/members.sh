#!/bin/sh
# members.sh - the members screen, for supervisors: add a member (a PIN
# typed twice, never shown), change a role, reset a PIN, end a lockout;
# what it refuses is never offered; a member signing in with a PIN a
# supervisor reset chooses their own before anything else.  Each checks
# the screen, the database and the audit trail.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia Member" --as S1
CSLOG_PIN=1234 cslog member add --badge T1 --name "Tom Trainer" --role trainer --pin-stdin \
    --as S1 <"$T/pin"
status 0 "a supervisor, a member, a trainer"
for i in 1 2 3 4 5; do CSLOG_AS=T1 CSLOG_PIN=0000 cslog list; done
# (a server's locked_until is a time, NULL once unlocked: docs/postgresql.md)
locked="locked_until > 0" unlocked=locked_until
on_file || locked="(locked_until > now())::int" unlocked="coalesce((locked_until > now())::int, 0)"
is "$(sql "select $locked from member where badge = 'T1'")" 1 "T1 is locked"
S1=$(sql "select id from member where badge = 'S1'")

# row BADGE: move the selection to BADGE's row (the line under the list
# names the one selected).
row() {
	for i in 1 2 3 4 5 6 7 8 9 10; do keys Up; done
	i=0
	while [ $i -lt 12 ]; do
		sleep 0.1; screen
		grep -q "($1):" "$T/screen" && return 0
		keys Down; i=$((i + 1))
	done
	return 1
}

start
wait_for "Who are you?" 30 >/dev/null  # slow builds (sanitizers) start late
typ "S1"; keys Enter; typ "1234"; keys Enter
shows "m members" "the supervisor's key line offers the members"
lacks "$T/screen" "…" "the key line is whole at 80 columns"
keys m
shows "cslog — members" "m: the members"
shows "locked until" "T1's lockout is shown"
snapshot members
row S1
screen
lacks "$T/screen" "r role" "on one's own row no role change is offered"
lacks "$T/screen" "x clear PIN" "nor clearing a supervisor's PIN"

# ---- add a trainer: the PINs must match, and are never shown
keys a
shows "Their badge" "a asks the badge"
typ "T2"; keys Enter
shows "Their name" "then the name"
typ "Tess Trainer"; keys Enter
shows "Their role" "then the role"
typ "t"; keys Enter
shows "A PIN for T2" "a trainer needs a PIN"
typ "4321"; keys Enter
shows "The same PIN for T2 again" "asked twice"
typ "4322"
sleep 0.2; screen
lacks "$T/screen" "4322" "the PIN is not shown"
keys Enter
shows "The two PINs differ" "two different PINs: nothing saved"
is "$(sql "select count(*) from member where badge = 'T2'")" 0 "T2 is not added"
shows "A PIN for T2" "the PIN asked again, the rest kept"
typ "4321"; keys Enter; typ "4321"; keys Enter
shows "Tess Trainer (T2) is a trainer now" "added"
is "$(sql "select role || ',' || cast(pin_hash is not null as integer) from member where badge = 'T2'")" \
    "trainer,1" "in the database, with a PIN"
is "$(sql "select count(*) from audit where action = 'member.add' and actor_id = $S1")" 3 \
    "the add is audited under S1"

# ---- change a role
row M1
keys r
shows "The new role" "r asks the new role"
typ "t"; keys Enter
shows "must have a PIN" "a member without a PIN cannot become a trainer"
is "$(sql "select role from member where badge = 'M1'")" member "M1 stays a member"

# ---- reset M1's PIN
keys p
shows "A PIN for M1" "p sets a PIN"
typ "5678"; keys Enter; typ "5678"; keys Enter
shows "they choose their own at their next sign-in" "a PIN set for another is a reset"
is "$(sql "select cast(pin_reset as integer) from member where badge = 'M1'")" 1 "marked in the database"
shows "reset" "and on screen"
keys r; typ "t"; keys Enter
shows "M1 is a trainer now" "with a PIN, M1 may become a trainer"
keys r; typ "m"; keys Enter
shows "M1 is a member now" "and a member again"
shows "x clear PIN" "a member's PIN may be cleared (offered)"

# ---- end T1's lockout
row T1
shows "u unlock" "a locked account offers u"
keys u
shows "T1 may sign in again" "u ends the lockout"
is "$(sql "select $unlocked from member where badge = 'T1'")" 0 "in the database"
is "$(sql "select count(*) from audit where action = 'member.unlock' and actor_id = $S1")" 1 \
    "audited"
lacks "$T/screen" "x clear PIN" "a trainer's PIN is never offered for clearing"
keys "?"
shows "Help: Members" "the help"
shows "recorded in the audit trail" "says every change is audited"
keys x Escape C-c

# ---- M1 signs in with the reset PIN: their own first
start
wait_for "Who are you?" 30 >/dev/null
typ "M1"; keys Enter; typ "5678"; keys Enter
shows "your PIN was set by a supervisor: choose your own" "M1 is asked for their own PIN"
keys Escape
shows "Who are you?" "Esc: back to sign-in, not signed in"
typ "M1"; keys Enter; typ "5678"; keys Enter
shows "choose your own" "asked again"
typ "2468"; keys Enter
shows "The same PIN again" "twice"
typ "2468"; keys Enter
shows "Your own PIN is set" "then home"
shows "Log a customer contact" "signed in"
is "$(sql "select cast(pin_reset as integer) from member where badge = 'M1'")" 0 "no longer a reset"
keys C-c
CSLOG_AS=M1 CSLOG_PIN=2468 cslog list
status 0 "the new PIN works on the command line too"
CSLOG_AS=S1 CSLOG_PIN=1234 cslog verify
status 0 "the record is intact"

done_testing
