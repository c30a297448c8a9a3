#!/bin/sh
# followup_clock.sh - follow-up clocks as the documents write them: BES
# voice mail "same day or at very least 24 hours" is due by the end of the day of the
# call (its target) and overdue only 24 hours after it (its limit); the
# follow-up list, the report and `policy show` say so.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "sets the clock with CSLOG_NOW: a server stamps and judges times by its own clock (docs/postgresql.md)"

D=1789948800                  # 2026-09-21 00:00 UTC
printf '1234\n' >"$T/pin"
# The supervisor comes first, on the day (no stamp goes back in time).
CSLOG_NOW=$D cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin \
    <"$T/pin"
export CSLOG_AS=S1 CSLOG_PIN=1234 TZ=UTC
AT=$((D + 16 * 3600 + 1800))  # 16:30
H=3600

CSLOG_NOW=$AT cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
    --summary "Voice mail about a sewer smell" --follow-up auto
status 0 "a BES voice mail logged at 16:30 with the policy's follow-up"

fu() { # NOW: the follow-up list as CSV at NOW, without its header
	CSLOG_NOW=$1 cslog followup list --format csv
	tail -n +2 "$T/out" | tr -d '\r' >"$T/fu"
}
fu $((AT + H))
is "$(cut -d, -f3,4,5,6,7 "$T/fu")" "2026-09-21 23:59,2026-09-22 16:30,open,due,no" \
    "due by the end of that day (target), overdue after 24 hours (limit)"
fu $((D + 24 * H + 60))
is "$(cut -d, -f6,7 "$T/fu")" "past target,no" "at 00:01 the next day: past its target, not overdue"
fu $((AT + 24 * H))
is "$(cut -d, -f7 "$T/fu")" "no" "24 hours after the call: not yet overdue"
fu $((AT + 24 * H + 1))
is "$(cut -d, -f6,7 "$T/fu")" "OVERDUE,yes" "a second past 24 hours: overdue"
CSLOG_NOW=$((AT + 24 * H + 1)) cslog followup list --overdue --format csv
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 1 "followup list --overdue lists it"
CSLOG_NOW=$((AT + 23 * H)) cslog followup list --overdue --format csv
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 0 "...and not 23 hours after the call"
CSLOG_NOW=$((AT + 23 * H)) cslog list --overdue --format csv
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 0 "list --overdue agrees"
CSLOG_NOW=$((AT + 25 * H)) cslog list --overdue --format csv
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 1 "list --overdue past the limit"
id=$(cut -d, -f1 "$T/fu")

# Done after the target, within the limit; a second one late; a third
# one on target (those two logged the next night: stamps only go forward).
CSLOG_NOW=$((AT + 10 * H)) cslog followup done "$id" --note "called back"
status 0 "done the next morning"
AT2=$((AT + 11 * H))          # 2026-09-22 03:30
CSLOG_NOW=$AT2 cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
    --summary "Second voice mail" --follow-up auto
id2=$(cat "$T/out")
CSLOG_NOW=$AT2 cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
    --summary "Third voice mail" --follow-up auto
id3=$(cat "$T/out")
CSLOG_NOW=$AT2 cslog followup list --format csv
fid2=$(tail -n +2 "$T/out" | tr -d '\r' | awk -F, -v c="$id2" '$2 == c { print $1 }')
fid3=$(tail -n +2 "$T/out" | tr -d '\r' | awk -F, -v c="$id3" '$2 == c { print $1 }')
CSLOG_NOW=$((AT2 + H)) cslog followup done "$fid3"
status 0 "the third done within the hour"
CSLOG_NOW=$((AT2 + 30 * H)) cslog followup done "$fid2"
status 0 "the second done 30 hours after its call"
CSLOG_NOW=$((AT2 + 40 * H)) cslog report --by summary --format csv
tr -d '\r' <"$T/out" >"$T/sum"
has "$T/sum" "follow-ups done on target,1,3" "report: one of three done on target"
has "$T/sum" "follow-ups done within the limit,2,3" "report: two of three done within the limit"
cslog show 1
has "$T/out" "done within the limit" "show says how the first was done"

# A member's own due time keeps the document's limit when that is later
# (on a database of its own, whose clock starts on the day again).
CSLOG_DB=$T/fourth.db CSLOG_NOW=$D cslog member add --badge S1 --name "Sam Super" \
    --role supervisor --pin-stdin <"$T/pin"
CSLOG_DB=$T/fourth.db CSLOG_NOW=$AT cslog log --policy bes --kind customer \
    --channel voice-mail --outcome resolved --summary "Fourth" --follow-up "2026-09-21 18:00"
CSLOG_DB=$T/fourth.db CSLOG_NOW=$((AT + 2 * H)) cslog followup list --format csv
is "$(tail -n +2 "$T/out" | tr -d '\r' | cut -d, -f3,4)" "2026-09-21 18:00,2026-09-22 16:30" \
    "a due time set by the member, the document's 24-hour limit kept"

cslog policy show bes
hasf "$T/out" "due by same day (by the end of the day of the contact); overdue after 24 hours" \
    "policy show: the target and the limit"
hasf "$T/out" "the document: Respond to voice mail same day or at very least 24 hours" \
    "policy show: the words that give the clock"
cslog policy show bsofr
hasf "$T/out" "every channel no clock in the document" "policy show: a policy with no clock says so"

done_testing
