#!/bin/sh
# crash.sh - kill -9 the full-screen program at every step of logging a
# contact, while saving it, and while signing off a review: nothing
# committed is lost, the database stays intact and verifies, and an
# unfinished contact is offered back as a draft at the next sign-in.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "kills the screens amid the file's writes and reads the file with the sqlite3 shell"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
export CSLOG_PIN=1234 CSLOG_AS=S1
cslog member add --badge M1 --name "Mia Member" --as S1
cslog log --as S1 --member M1 --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "First, from the command line"
status 0 "a member whose policy is remembered"
unset CSLOG_PIN
sql() { sqlite3 -batch -noheader -cmd ".timeout 10000" "$CSLOG_DB" "$1"; }

kill9() {
	_pp=$(tm display-message -p -t s '#{pane_pid}')
	pkill -KILL -P "$_pp" -f "$CSLOG_BIN"
	wait_for "EXITED 137" 10 >/dev/null
}
signin_m1() {
	start
	wait_for "Who are you?" 30 >/dev/null
	typ "M1"; keys Enter
	wait_for "Log a customer contact" 10 >/dev/null
}
intact() { # what
	is "$(sql "pragma integrity_check")" ok "$1: integrity_check ok"
	CSLOG_PIN=1234 cslog verify
	status 0 "$1: cslog verify"
}

# step K: the K-th step of a routine contact, waiting for its screen.
step() {
	case $1 in
	1) keys l; wait_for "Who was the customer?" ;;
	2) keys Enter; wait_for "How did the contact happen?" ;;
	3) keys Enter; wait_for "What happened?" ;;
	4) typ "Crash run $2"; wait_for "Crash run $2" ;;
	5) keys Enter; wait_for "How did it end?" ;;
	6) keys Enter; wait_for "needs met" ;;
	7) keys y; wait_for "added value" ;;
	8) keys n; wait_for "promise a follow-up" ;;
	9) keys n; wait_for "Confirm the standards" ;;
	10) keys a Enter; wait_for "Save this contact?" ;;
	11) keys Enter; wait_for "Saved as contact" ;;
	esac >/dev/null
}

saved=$(sql "select count(*) from contact")
k=1
while [ $k -le 11 ]; do
	sql "delete from draft"   # one unfinished contact at a time (several: tests/e2e/drafts.sh)
	signin_m1
	i=1
	while [ $i -le $k ]; do step $i $k; i=$((i + 1)); done
	[ $k -eq 11 ] && saved=$((saved + 1))
	kill9
	is "$(sql "select count(*) from contact")" "$saved" "killed after step $k: every saved contact is there"
	signin_m1
	screen
	if [ $k -ge 2 ] && [ $k -lt 11 ]; then
		has "$T/screen" "Continue your unfinished contact" "killed after step $k: the draft is offered"
		if [ $k -ge 4 ]; then
			is "$(sql "select count(*) from draft where slot like 'contact%'
			    and body like '%Crash run $k%'")" 1 "killed after step $k: the draft holds what was typed"
			keys c
			shows "Your unfinished contact is back" "killed after step $k: c takes it back"
		fi
	elif [ $k -eq 11 ]; then
		lacks "$T/screen" "Continue your unfinished contact" "saved, then killed: no draft left"
	fi
	keys C-c
	k=$((k + 1))
done
intact "after eleven kills"

# Kill while saving: the Enter that saves and the kill race; the contact
# is then either all there or not at all.
r=1
while [ $r -le 4 ]; do
	sql "delete from draft"
	before=$(sql "select count(*) from contact")
	signin_m1
	i=1
	while [ $i -le 10 ]; do step $i race$r; i=$((i + 1)); done
	keys Enter
	kill9
	after=$(sql "select count(*) from contact")
	ok "$([ "$after" -eq "$before" ] || [ "$after" -eq $((before + 1)) ] && echo 0 || echo 1)" \
	    "kill while saving ($r): the contact is saved whole or not at all ($before -> $after)"
	is "$(sql "select count(*) from contact c where not exists (select 1 from audit a
	    where a.entity = 'contact' and a.entity_id = c.id)")" 0 "kill while saving ($r): every contact has its audit event"
	r=$((r + 1))
done
intact "after kills while saving"

# Kill while a supervisor signs off a review.
start
wait_for "Who are you?" 30 >/dev/null
typ "S1"; keys Enter; typ "1234"; keys Enter
wait_for "Review queue" 10 >/dev/null
keys r
shows "review queue" "the supervisor's queue"
keys Enter
shows "s sign off" "a contact to sign off"
keys s
kill9
n=$(sql "select count(*) from review")
ok "$([ "$n" -le 1 ] && echo 0 || echo 1)" "kill while signing off: at most the one review ($n)"
is "$(sql "select count(*) from review r where not exists (select 1 from audit a
    where a.action like 'review%' and a.entity_id = r.contact_id)")" 0 "a review is never without its audit event"
intact "after a kill while signing off"
done_testing
