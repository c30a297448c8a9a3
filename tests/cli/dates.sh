#!/bin/sh
# dates.sh - times that cannot be right are refused, whichever way they
# come in: a contact more than a day ahead of the clock, a time logged
# (more than a day) before the contact or in the future, a follow-up
# whose limit is already past (unless the contact is entered late from
# a paper record, --from-paper).  On a file the clock is the test
# build's CSLOG_NOW, stopped at noon on 2030-06-15 (UTC); a server
# stamps and judges by its own clock, so there the times are the same
# distances from the real time (T0, now).
. "$(dirname "$0")/../lib.sh"

if on_file; then
	T0=$(date -u -d '2030-06-15 12:00:00' +%s)
	export CSLOG_NOW=$T0
else
	T0=$(date -u +%s)
fi
HR=3600
# at SECONDS-FROM-T0 [FORMAT]: that time, to the minute ("2030-06-15 12:00")
at() { date -u -d "@$((T0 + $1))" "+${2:-%Y-%m-%d %H:%M}"; }
iso() { at "$1" '%Y-%m-%dT%H:%M:%SZ'; }
first_supervisor
count() { sqlite3 "$CSLOG_DB" "select count(*) from contact"; }
base="--policy bsofr --kind recipient --channel on-scene --outcome resolved"

# ---- the contact's time
cslog log $base --summary "far future" --at 9999-12-31
status 65 "a contact dated 9999-12-31"
has "$T/err" "more than a day ahead of the" "says why (the clock; on a server, the server's)"
cslog log $base --summary "in two days" --at "$(at $((48 * HR)))"
status 65 "a contact two days ahead"
cslog log $base --summary "in twelve hours" --at "$(at $((12 * HR)))"
status 0 "a contact twelve hours ahead (the person's watch and the clock differ)"
is "$(count)" 1 "one contact so far"

# ---- a follow-up whose limit is already past
cslog log $base --summary "promise in the past" --follow-up 2000-01-01
status 65 "--follow-up 2000-01-01"
has "$T/err" "the follow-up's limit, 2000-01-01 23:59, is already past" "names the time"
has "$T/err" "--from-paper" "and the flag for a paper record"
cslog log $base --summary "promise an hour ago" --follow-up "$(at $((-HR)))"
status 65 "a follow-up due an hour ago"
is "$(count)" 1 "nothing was saved"
cslog log $base --summary "from paper" --at "$(at $((-14 * 24 * HR - 3 * HR)))" \
    --follow-up "$(at $((-13 * 24 * HR - 3 * HR)))" \
    --from-paper
status 0 "--from-paper keeps a follow-up already past due"
cslog followup list
has "$T/out" "OVERDUE" "and it shows overdue"

# A BES voice mail logged yesterday afternoon (21 hours ago): its target
# (the same day) is past, its 24-hour limit is not.
cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
    --summary "voice mail of yesterday" --at "$(at $((-21 * HR)))" --follow-up auto
status 0 "a voice mail of yesterday afternoon is still within its 24 hours"
id=$(cat "$T/out")
is "$(sqlite3 "$CSLOG_DB" "select count(*) from followup where contact_id = $id")" 1 \
    "its follow-up is kept"
cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
    --summary "voice mail of three days ago" --at "$(at $((-69 * HR)))" --follow-up auto
status 65 "a voice mail of three days ago is past its limit"
has "$T/err" "limit, $(at $((-45 * HR))), is already past" "its 24 hours, named"
cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
    --summary "voice mail of three days ago" --at "$(at $((-69 * HR)))" --follow-up auto \
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
imp "$(iso $((-14 * 24 * HR - 2 * HR)))" 2099-01-01T00:00:00Z "logged in 2099" 65
has "$T/err" "logged_at 2099-01-01T00:00:00Z is more than a day ahead" "names it"
imp "$(iso $((-10 * 24 * HR - 2 * HR)))" "$(iso $((-13 * 24 * HR - 2 * HR)))" \
    "logged three days before it happened" 65
has "$T/err" "logged_at $(iso $((-13 * 24 * HR - 2 * HR))) is before the contact's time" "says so"
is "$(count)" "$n" "nothing was imported"
imp "$(iso $((-13 * 24 * HR - 2 * HR)))" "$(iso $((-13 * 24 * HR - 3 * HR)))" \
    "logged an hour before (within the day allowed)" 0
imp "$(iso $((8 * HR)))" "" "eight hours ahead and logged now" 0

# What cslog itself logged (twelve hours ahead) goes out and comes back
# (into a file, from a file or from a server).
cslog export --format jsonl --output "$T/all.jsonl"
status 0 "export"
cslog --db "$T/b.db" member add --badge S1 --name "Sam Super" --role supervisor \
    --pin-stdin <"$T/pin"
cslog --db "$T/b.db" import "$T/all.jsonl"
status 0 "everything cslog wrote imports again"
done_testing
