#!/bin/sh
# ids.sh - a record's number is 1 .. 2^53 - 1 on every way in: an id out
# of range is refused, naming it (exit 65 in a file, 64 as an argument),
# never clamped to 2^63 - 1 nor answered with a random 63-bit id.
. "$(dirname "$0")/../lib.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "the first supervisor"
export CSLOG_AS=S1 CSLOG_PIN=1234
cslog log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "the first contact" --follow-up "$(date -d tomorrow +%Y-%m-%d)"
status 0 "a contact with a follow-up"
count() { sqlite3 "$CSLOG_DB" "select count(*) from contact"; }

# ---- import: CSV and JSON Lines
H='id,member,at,policy,kind,channel,outcome,summary'
row() { printf '%s\n%s,M7,2026-03-02T10:00:00Z,bsofr,recipient,phone,resolved,x\n' "$H" "$1"; }
for id in 99999999999999999999999 9223372036854775807 9007199254740992 0; do
	row "$id" >"$T/id.csv"
	cslog import "$T/id.csv"
	status 65 "import of id $id is refused"
	has "$T/err" "line 2: id: $id is outside 1 to 2^53 - 1" "naming the id $id"
done
for id in -5 1e3 0x10; do
	row "$id" >"$T/id.csv"
	cslog import "$T/id.csv"
	status 65 "import of id '$id' is refused"
	has "$T/err" "'$id' is not a positive number" "naming '$id'"
done
json() { printf '{"id":%s,"member":"M7","at":"2026-03-02T10:00:00Z","policy":"bsofr","kind":"recipient","channel":"phone","outcome":"resolved","summary":"x"%s}\n' "$1" "${2:-}"; }
json 99999999999999999999999 >"$T/id.jsonl"
cslog import "$T/id.jsonl"
status 65 "JSON: an id too big for any integer is refused"
has "$T/err" "99999999999999999999999" "naming it"
json 9007199254740993 >"$T/id.jsonl"
cslog import "$T/id.jsonl"
status 65 "JSON: an id past 2^53 - 1 is refused"
has "$T/err" "id: 9007199254740993 is outside 1 to 2^53 - 1" "naming it"
json 5 ',"amends":9007199254740993,"amend_reason":"typo"' >"$T/id.jsonl"
cslog import "$T/id.jsonl"
status 65 "JSON: an amendment of an id past 2^53 - 1 is refused"
has "$T/err" "amends: 9007199254740993 is outside" "naming it"
is "$(count)" 1 "nothing was imported"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from member where badge = 'M7'")" 0 \
    "no member was created"

# The largest id there may be goes in, and is listed and queued.
row 9007199254740991 >"$T/id.csv"
cslog import "$T/id.csv"
status 0 "import of id 2^53 - 1"
cslog list --unreviewed
has "$T/out" "9007199254740991" "it is listed and in the review queue"
# The next id SQLite (or a server's identity) would give is past the
# range: refused, not randomised.
cslog log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "after the largest"
status 65 "a contact that would be numbered 2^53 is not saved"
has "$T/err" "9007199254740992" "naming the number"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from contact where id > 9007199254740991")" 0 \
    "no contact is numbered past 2^53 - 1"

# ---- arguments: show, amend, review, followup, redact, --after, --limit
for id in 9007199254740992 99999999999999999999999 0 -1 abc; do
	for cmd in "show $id" "amend $id --reason x --summary y" "review $id --sign-off" \
	    "followup done $id" "redact $id --reason x" "list --after $id"; do
		cslog $cmd
		status 64 "$cmd"
		has "$T/err" "'$id'" "$cmd names the value"
	done
done
cslog list --limit 99999999999999999999
status 64 "--limit past any number"
has "$T/err" "'99999999999999999999'" "naming it"
cslog list --limit -1
status 64 "--limit -1"
is "$(count)" 2 "nothing changed"
done_testing
