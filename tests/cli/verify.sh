#!/bin/sh
# verify.sh - edits made behind cslog's back with the sqlite3 shell (the
# triggers dropped first, as someone set on it would) make `cslog
# verify` fail with exit 65 and name the first broken spot; an intact
# log verifies.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "edits the file behind cslog's back with the sqlite3 shell (tests/cli/pg_rows.sh does it on a server)"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "the first supervisor"
export CSLOG_PIN=1234
i=1
while [ $i -le 5 ]; do
	cslog --as S1 log --policy bsofr --kind recipient --channel on-scene \
	    --outcome resolved --summary "Contact number $i" --customer-name "Person $i"
	i=$((i + 1))
done
cslog --as S1 review 3 --sign-off
status 0 "five contacts and a sign-off"
export CSLOG_AS=S1   # verify needs someone acting
cslog verify
status 0 "an intact log verifies"
has "$T/out" "integrity ok" "and says so"

# copy NAME: a copy of the intact database to tamper with, as CSLOG_DB.
good=$CSLOG_DB
copy() {
	CSLOG_DB=$T/$1.db
	cp "$good" "$CSLOG_DB"
	for x in -wal -shm; do [ -f "$good$x" ] && cp "$good$x" "$CSLOG_DB$x"; done
	return 0
}
tamper() { sqlite3 -batch "$CSLOG_DB" "$1" >/dev/null 2>"$T/sqlerr"; }

copy update-refused
tamper "UPDATE contact SET summary = 'nothing happened' WHERE id = 3"
r=$?
ok "$([ $r -ne 0 ] && echo 0 || echo 1)" "with the triggers in place the database refuses the UPDATE"
has "$T/sqlerr" "records of fact" "and says why"

copy summary
tamper "DROP TRIGGER contact_no_update; UPDATE contact SET summary = 'nothing happened' WHERE id = 3"
is "$(sqlite3 "$CSLOG_DB" "select summary from contact where id = 3")" "nothing happened" \
    "the shell changes a summary once the trigger is dropped"
cslog verify
status 65 "a changed summary fails verify"
has "$T/err" "contact 3" "verify names the contact changed"

copy protected
tamper "DROP TRIGGER private_redact_only; UPDATE contact_private SET customer_name = 'Someone Else' WHERE contact_id = 2"
cslog verify
status 65 "a changed protected field fails verify"
has "$T/err" "contact 2" "verify names that contact"

copy deleted
n=$(sqlite3 "$CSLOG_DB" "select id from audit where entity = 'contact' and entity_id = 4 limit 1")
tamper "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = $n"
cslog verify
status 65 "a deleted audit event fails verify"
has "$T/err" "event $n is missing" "verify names the missing event"

copy altered
tamper "DROP TRIGGER audit_no_update; UPDATE audit SET actor_id = NULL WHERE id = 2"
cslog verify
status 65 "an altered audit event fails verify"
has "$T/err" "event 2" "verify names the altered event"

copy inserted
tamper "DROP TRIGGER contact_no_update; INSERT INTO contact (member_id, at, logged_at, policy_id,
 policy_version, kind, channel, outcome, summary) SELECT member_id, at, logged_at, policy_id,
 policy_version, kind, channel, outcome, 'slipped in' FROM contact WHERE id = 1"
cslog verify
status 65 "a contact inserted without cslog fails verify"
has "$T/err" "contact 6" "verify names the contact with no event"

copy pages
sqlite3 "$CSLOG_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
size=$(stat -c %s "$CSLOG_DB")
# Scribble over a page in the middle of the file (not the header).
dd if=/dev/urandom of="$CSLOG_DB" bs=4096 seek=$((size / 4096 / 2)) count=1 conv=notrunc 2>/dev/null
cslog verify
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "a damaged page fails verify (exit $rc)"

CSLOG_DB=$good
cslog verify
status 0 "the original still verifies"
done_testing
