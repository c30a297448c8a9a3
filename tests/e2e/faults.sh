#!/bin/sh
# faults.sh - the screens when the database is in trouble: found damaged
# by verify (every screen says so, logging still works), and written by
# an import (a contact saved meanwhile waits, its draft kept, and is
# saved once the import ends).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia Member" --as S1
status 0 "a supervisor and a member without a PIN"
CSLOG_PIN=1234 cslog log --as S1 --policy bsofr --kind recipient \
    --channel on-scene --outcome resolved --summary "before the damage"
status 0 "a contact"
pos=$(cd "$SRC" && "$CSLOG_BIN" policy list | awk 'NR > 1 { n++ } $1 == "bsofr" { print n }')

# log_one SUMMARY: the log screen, from home to the confirm screen.
log_one() {
	keys l
	wait_for "Which policy?" 5 >/dev/null || true
	keys "$pos"
	shows "Who was the customer?" "policy chosen"
	keys 1
	shows "How did the contact happen?" "customer kind chosen"
	keys 1
	shows "What happened?" "channel chosen"
	typ "$1"; keys Enter
	shows "How did it end?" "summary typed"
	keys Enter
	keys y
	shows "added value" "needs met"
	keys n
	shows "promise a follow-up" "no added value"
	keys n
	shows "Confirm the standards" "no follow-up"
	keys Enter
	shows "Save this contact?" "the confirm screen"
}

# ---- damaged: every screen says so, and a crew can still log
sql "PRAGMA writable_schema = 1; UPDATE sqlite_schema SET sql =
  replace(sql, 'ON contact(kind)', 'ON contact(channel)') WHERE name = 'contact_kind'"
CSLOG_PIN=1234 cslog verify --as S1
status 65 "verify finds the database damaged and records it"
start
shows "Verify found this database damaged" "the sign-in screen says so"
typ "mia"
shows "Mia Member" "the member is found"
keys Enter
shows "Log a customer contact" "home"
shows "Verify found this database damaged" "the home screen says so"
log_one "logged while damaged"
shows "Verify found this database damaged" "the log screen says so"
keys Enter
shows "Saved" "the contact is saved all the same"
is "$(sql "select count(*) from contact where summary = 'logged while damaged'")" 1 \
    "it is in the database"
keys Escape q
wait_for "EXITED 0" 5; ok $? "cslog leaves"
done_testing
