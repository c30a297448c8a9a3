#!/bin/sh
# verify_since.sh - `cslog verify --since-anchor HEAD` checks what was
# written after a noted head: the chain still reaches the head with its
# hash, the events since are chained and hashed, the contacts they wrote
# match their content hashes.  What it leaves to a full verify (older
# contacts) it says, and a full verify still finds.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "tampers with the file with the sqlite3 shell after a noted head"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
export CSLOG_PIN=1234 CSLOG_AS=S1
logn() { # from to
	i=$1
	while [ $i -le $2 ]; do
		cslog log --policy bsofr --kind recipient --channel on-scene \
		    --outcome resolved --summary "Contact number $i"
		i=$((i + 1))
	done
}
logn 1 3
head1=$(sqlite3 "$CSLOG_DB" "select id || ':' || lower(hex(hash)) from audit order by id desc limit 1")
short1=$(echo "$head1" | cut -c1-$((${#head1} - 48)))
logn 4 6

cslog verify --since-anchor "$head1"
status 0 "since a noted head: ok"
has "$T/out" "contacts written since verified" "says what it checked"
has "$T/out" "3 contacts" "... the three contacts written since"
has "$T/out" "not checked: SQLite's integrity check" "says what it skips"
has "$T/out" "next time: cslog verify --since-anchor" "gives the head to note"
cslog verify --since-anchor "$short1"
status 0 "a head of 16 hex digits, as report --by summary prints it"

# copy NAME: a copy of the database to tamper with, as CSLOG_DB.
good=$CSLOG_DB
copy() {
	CSLOG_DB=$T/$1.db
	cp "$good" "$CSLOG_DB"
	for x in -wal -shm; do [ -f "$good$x" ] && cp "$good$x" "$CSLOG_DB$x"; done
	return 0
}
tamper() { sqlite3 -batch "$CSLOG_DB" "$1" >/dev/null 2>"$T/sqlerr"; }

copy after
tamper "DROP TRIGGER contact_no_update; UPDATE contact SET summary = 'nothing' WHERE id = 5"
cslog verify --since-anchor "$head1"
status 65 "a contact written since, changed: NOT intact"
has "$T/err" "contact 5" "... named"

copy before
tamper "DROP TRIGGER contact_no_update; UPDATE contact SET summary = 'nothing' WHERE id = 2"
cslog verify --since-anchor "$head1"
status 0 "a contact older than the anchor is not looked at (as it says)"
cslog verify
status 65 "... a full verify finds it"

copy rewritten
n=${head1%%:*}
tamper "DROP TRIGGER audit_no_update; UPDATE audit SET hash = randomblob(32) WHERE id = $n"
cslog verify --since-anchor "$head1"
status 65 "the anchored event's hash changed: NOT intact"
has "$T/err" "the trail was rewritten" "... the trail was rewritten"

copy event-after
tamper "DROP TRIGGER audit_no_update; UPDATE audit SET detail = detail || ' ' WHERE id = $((n + 2))"
cslog verify --since-anchor "$head1"
status 65 "an event since, altered: NOT intact"

copy cut
tamper "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > $n"
cslog verify --since-anchor "$((n + 5)):0123456789abcdef"
status 65 "a head beyond the end: events missing"
has "$T/err" "missing" "... said so"

CSLOG_DB=$good
cslog verify --since-anchor "$head1" --anchor "$head1"
status 64 "--since-anchor with --anchor: one or the other"
cslog verify --since-anchor "nonsense"
status 66 "a head that is neither ID:HASH nor a file: as --anchor, no such file"

done_testing
