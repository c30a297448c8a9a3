#!/bin/sh
# faults.sh - the screens when the database is in trouble: found damaged
# by verify (every screen says so, logging still works), and written by
# an import (a contact saved meanwhile waits, its draft kept, and is
# saved once the import ends).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "damages the file and makes its writes fail"
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
# ---- an import holds the log: the save waits, the draft is kept, and
# the contact is saved as soon as the import ends.
export CSLOG_DB="$T/import.db"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia Member" --as S1
printf 'member,at,policy,kind,channel,outcome,summary\nM9,2026-03-02T10:00:00Z,bsofr,recipient,phone,resolved,imported\n' \
    >"$T/one.csv"
start
shows "Who are you?" "sign-in on a second database"
typ "mia"; keys Enter
shows "Log a customer contact" "home"
# The import holds the log (the test build holds it 25 s once it has it).
(cd "$SRC" && CSLOG_TEST_PAUSE=import-locked:25 CSLOG_PIN=1234 "$CSLOG_BIN" import \
    "$T/one.csv" --as S1 >"$T/imp.out" 2>&1; echo "exit $?" >>"$T/imp.out") &
imp=$!
i=0
while flock -n -s "$CSLOG_DB-import" true 2>/dev/null && [ $i -lt 200 ]; do
	sleep 0.1; i=$((i + 1))
done
ok "$(flock -n -s "$CSLOG_DB-import" true 2>/dev/null && echo 1 || echo 0)" \
    "the import holds its marker"
log_one "saved during the import"
keys Enter
shows "An import is writing the log: saved as soon as it ends" \
    "the save waits for the import, saying so"
is "$(sql "select count(*) from contact")" 0 "nothing is written meanwhile"
shows "Saved" "once the import ends the contact is saved" 40
wait "$imp"
has "$T/imp.out" "exit 0" "the import succeeded"
is "$(sql "select group_concat(summary, '|') from (select summary from contact order by id)")" \
    "imported|saved during the import" "both are in the log: the import's, then the crew's"
is "$(sql "select count(*) from draft")" 0 "and the draft went with the save"
keys Enter q
wait_for "EXITED 0" 5; ok $? "cslog leaves"
done_testing
