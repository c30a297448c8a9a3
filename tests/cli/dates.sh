#!/bin/sh
# dates.sh - times that cannot be right are refused, whichever way they
# come in: a contact more than a day ahead of the clock, a time logged
# (more than a day) before the contact or in the future, a follow-up
# whose limit is already past (unless the contact is entered late from
# a paper record, --from-paper).  The clock is the test build's
# CSLOG_NOW, stopped at noon on 2030-06-15 (UTC).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "sets the clock with CSLOG_NOW: a server stamps and judges times by its own clock (docs/postgresql.md)"

T0=$(date -u -d '2030-06-15 12:00:00' +%s)
export CSLOG_NOW=$T0
first_supervisor
count() { sqlite3 "$CSLOG_DB" "select count(*) from contact"; }
base="--policy bsofr --kind recipient --channel on-scene --outcome resolved"

# ---- the contact's time
cslog log $base --summary "far future" --at 9999-12-31
status 65 "a contact dated 9999-12-31"
has "$T/err" "more than a day ahead of the clock" "says why"
cslog log $base --summary "in two days" --at "2030-06-17 12:00"
status 65 "a contact two days ahead"
cslog log $base --summary "in twelve hours" --at "2030-06-16 00:00"
status 0 "a contact twelve hours ahead (the person's watch and the clock differ)"
is "$(count)" 1 "one contact so far"

# ---- a follow-up whose limit is already past
cslog log $base --summary "promise in the past" --follow-up 2000-01-01
status 65 "--follow-up 2000-01-01"
has "$T/err" "the follow-up's limit, 2000-01-01 23:59, is already past" "names the time"
has "$T/err" "--from-paper" "and the flag for a paper record"
cslog log $base --summary "promise an hour ago" --follow-up "2030-06-15 11:00"
status 65 "a follow-up due an hour ago"
is "$(count)" 1 "nothing was saved"
cslog log $base --summary "from paper" --at "2030-06-01 09:00" --follow-up "2030-06-02 09:00" \
    --from-paper
status 0 "--from-paper keeps a follow-up already past due"
cslog followup list
has "$T/out" "OVERDUE" "and it shows overdue"

# A BES voice mail logged yesterday afternoon: its target (the same day)
# is past, its 24-hour limit is not.
cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
    --summary "voice mail of yesterday" --at "2030-06-14 15:00" --follow-up auto
status 0 "a voice mail of yesterday afternoon is still within its 24 hours"
id=$(cat "$T/out")
is "$(sqlite3 "$CSLOG_DB" "select count(*) from followup where contact_id = $id")" 1 \
    "its follow-up is kept"
cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
    --summary "voice mail of three days ago" --at "2030-06-12 15:00" --follow-up auto
status 65 "a voice mail of three days ago is past its limit"
has "$T/err" "limit, 2030-06-13 15:00, is already past" "its 24 hours, named"
cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
    --summary "voice mail of three days ago" --at "2030-06-12 15:00" --follow-up auto \
    --from-paper
status 0 "entered from paper, it is kept"

# ---- import
n=$(count)
H='member,at,logged_at,policy,kind,channel,outcome,summary'
imp() { # at logged_at what status
	printf '%s\nM7,%s,%s,bsofr,recipient,phone,resolved,%s\n' "$H" "$1" "$2" "$3" >"$T/d.csv"
	cslog import "$T/d.csv"
	status "$4" "import: $3"
}
imp 2099-01-01T00:00:00Z "" "dated 2099" 65
has "$T/err" "line 2: the contact's time 2099-01-01T00:00:00Z is more than a day ahead" \
    "names the time"
imp 2030-06-01T10:00:00Z 2099-01-01T00:00:00Z "logged in 2099" 65
has "$T/err" "logged_at 2099-01-01T00:00:00Z is more than a day ahead" "names it"
imp 2030-06-05T10:00:00Z 2030-06-02T10:00:00Z "logged three days before it happened" 65
has "$T/err" "logged_at 2030-06-02T10:00:00Z is before the contact's time" "says so"
is "$(count)" "$n" "nothing was imported"
imp 2030-06-02T10:00:00Z 2030-06-02T09:00:00Z "logged an hour before (within the day allowed)" 0
imp 2030-06-15T20:00:00Z "" "eight hours ahead and logged now" 0

# What cslog itself logged (twelve hours ahead) goes out and comes back.
cslog export --format jsonl --output "$T/all.jsonl"
status 0 "export"
cslog --db "$T/b.db" member add --badge S1 --name "Sam Super" --role supervisor \
    --pin-stdin <"$T/pin"
cslog --db "$T/b.db" import "$T/all.jsonl"
status 0 "everything cslog wrote imports again"
done_testing
