#!/bin/sh
# followup_clock.sh - follow-up clocks as the documents write them: BES
# voice mail "same day or at very least 24 hours" is due by the end of the day of the
# call (its target) and overdue only 24 hours after it (its limit); the
# follow-up list, the report and `policy show` say so.
# On a file the clock is the test build's CSLOG_NOW, moved from check to
# check.  A server stamps and judges by its own clock: there the checks
# that move the clock are skipped, and the same rules are checked at the
# server's clock with contacts dated back (--at): one called yesterday
# at 23:59 (past its target, not overdue), one 25 hours ago from paper
# (overdue), one now.
. "$(dirname "$0")/../lib.sh"

H=3600
MOVES="moves the clock with CSLOG_NOW: a server judges by its own (docs/postgresql.md)"
fmt() { date -u -d "@$1" '+%Y-%m-%d %H:%M'; }
if on_file; then
	D=1789948800                  # 2026-09-21 00:00 UTC
	AT=$((D + 16 * 3600 + 1800))  # 16:30
else
	# Not in the day's last two minutes: the checks name today's date.
	s=$(( $(date -u +%s) % 86400 ))
	[ "$s" -ge $((86400 - 120)) ] && sleep $((86400 - s + 1))
	D=$(( $(date -u +%s) / 86400 * 86400 - 86400 ))   # yesterday 00:00
	AT=$((D + 86400 - 60))                            # yesterday 23:59
fi
# clk T ARGS: cslog ARGS, at T on a file; on a server, at its clock
clk() {
	_t=$1
	shift
	if on_file; then CSLOG_NOW=$_t cslog "$@"; else cslog "$@"; fi
}
printf '1234\n' >"$T/pin"
# The supervisor comes first, on the day (no stamp goes back in time).
clk $D member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin \
    <"$T/pin"
export CSLOG_AS=S1 CSLOG_PIN=1234 TZ=UTC

if on_file; then
	CSLOG_NOW=$AT cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
	    --summary "Voice mail about a sewer smell" --follow-up auto
	status 0 "a BES voice mail logged at 16:30 with the policy's follow-up"
else
	cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
	    --summary "Voice mail about a sewer smell" --follow-up auto --at "$(fmt $AT)"
	status 0 "a BES voice mail of yesterday 23:59 with the policy's follow-up"
fi

fu() { # NOW: the follow-up list as CSV at NOW, without its header
	clk "$1" followup list --format csv
	tail -n +2 "$T/out" | tr -d '\r' >"$T/fu"
}
fu $((AT + H))
if on_file; then
	is "$(cut -d, -f3,4,5,6,7 "$T/fu")" "2026-09-21 23:59,2026-09-22 16:30,open,due,no" \
	    "due by the end of that day (target), overdue after 24 hours (limit)"
else
	is "$(cut -d, -f3,4,5,6,7 "$T/fu")" "$(fmt $AT),$(fmt $((AT + 24 * H))),open,past target,no" \
	    "due by the end of that day (target), overdue after 24 hours (limit): past its target, not overdue"
fi
if file_only "$MOVES"; then
	fu $((D + 24 * H + 60))
	is "$(cut -d, -f6,7 "$T/fu")" "past target,no" "at 00:01 the next day: past its target, not overdue"
fi
if file_only "$MOVES"; then
	fu $((AT + 24 * H))
	is "$(cut -d, -f7 "$T/fu")" "no" "24 hours after the call: not yet overdue"
fi
if file_only "$MOVES"; then
	fu $((AT + 24 * H + 1))
	is "$(cut -d, -f6,7 "$T/fu")" "OVERDUE,yes" "a second past 24 hours: overdue"
	CSLOG_NOW=$((AT + 24 * H + 1)) cslog followup list --overdue --format csv
	is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 1 "followup list --overdue lists it"
fi
if file_only "$MOVES"; then
	CSLOG_NOW=$((AT + 23 * H)) cslog followup list --overdue --format csv
	is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 0 "...and not 23 hours after the call"
	CSLOG_NOW=$((AT + 23 * H)) cslog list --overdue --format csv
	is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 0 "list --overdue agrees"
fi
if file_only "$MOVES"; then
	CSLOG_NOW=$((AT + 25 * H)) cslog list --overdue --format csv
	is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 1 "list --overdue past the limit"
fi
id=$(cut -d, -f1 "$T/fu")

# Done after the target, within the limit; a second one late; a third
# one on target (those two logged the next night: stamps only go forward;
# on a server the second called 25 hours ago, entered from paper).
clk $((AT + 10 * H)) followup done "$id" --note "called back"
status 0 "done the next morning"
AT2=$((AT + 11 * H))          # 2026-09-22 03:30
if on_file; then
	CSLOG_NOW=$AT2 cslog log --policy bes --kind customer --channel voice-mail \
	    --outcome resolved --summary "Second voice mail" --follow-up auto
else
	cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
	    --summary "Second voice mail" --follow-up auto --from-paper \
	    --at "$(fmt $(($(date -u +%s) - 25 * H)))"
fi
id2=$(cat "$T/out")
clk $AT2 log --policy bes --kind customer --channel voice-mail --outcome resolved \
    --summary "Third voice mail" --follow-up auto
id3=$(cat "$T/out")
clk $AT2 followup list --format csv
fid2=$(tail -n +2 "$T/out" | tr -d '\r' | awk -F, -v c="$id2" '$2 == c { print $1 }')
fid3=$(tail -n +2 "$T/out" | tr -d '\r' | awk -F, -v c="$id3" '$2 == c { print $1 }')
if ! on_file; then
	cslog followup list --overdue --format csv
	is "$(tail -n +2 "$T/out" | cut -d, -f2 | tr -d '\r')" "$id2" \
	    "followup list --overdue: the one past its limit at the server's clock"
	cslog list --overdue --format csv
	is "$(tail -n +2 "$T/out" | cut -d, -f1 | tr -d '\r')" "$id2" "list --overdue agrees"
fi
clk $((AT2 + H)) followup done "$fid3"
status 0 "the third done within the hour"
clk $((AT2 + 30 * H)) followup done "$fid2"
status 0 "the second done 30 hours after its call"
clk $((AT2 + 40 * H)) report --by summary --format csv
tr -d '\r' <"$T/out" >"$T/sum"
has "$T/sum" "follow-ups done on target,1,3" "report: one of three done on target"
has "$T/sum" "follow-ups done within the limit,2,3" "report: two of three done within the limit"
cslog show 1
has "$T/out" "done within the limit" "show says how the first was done"

# A member's own due time keeps the document's limit when that is later
# (on a file, on a database of its own, whose clock starts on the day
# again; on a server, a contact of now due in 90 minutes).
if on_file; then
	CSLOG_DB=$T/fourth.db CSLOG_NOW=$D cslog member add --badge S1 --name "Sam Super" \
	    --role supervisor --pin-stdin <"$T/pin"
	CSLOG_DB=$T/fourth.db CSLOG_NOW=$AT cslog log --policy bes --kind customer \
	    --channel voice-mail --outcome resolved --summary "Fourth" --follow-up "2026-09-21 18:00"
	CSLOG_DB=$T/fourth.db CSLOG_NOW=$((AT + 2 * H)) cslog followup list --format csv
	is "$(tail -n +2 "$T/out" | tr -d '\r' | cut -d, -f3,4)" "2026-09-21 18:00,2026-09-22 16:30" \
	    "a due time set by the member, the document's 24-hour limit kept"
else
	at4=$(fmt "$(date -u +%s)")
	at4=$(date -u -d "$at4" +%s)
	cslog log --policy bes --kind customer --channel voice-mail --outcome resolved \
	    --summary "Fourth" --at "$(fmt "$at4")" --follow-up "$(fmt $((at4 + 90 * 60)))"
	id4=$(cat "$T/out")
	cslog followup list --format csv
	is "$(tail -n +2 "$T/out" | tr -d '\r' | awk -F, -v c="$id4" '$2 == c' | cut -d, -f3,4)" \
	    "$(fmt $((at4 + 90 * 60))),$(fmt $((at4 + 24 * H)))" \
	    "a due time set by the member, the document's 24-hour limit kept"
fi

cslog policy show bes
hasf "$T/out" "due by same day (by the end of the day of the contact); overdue after 24 hours" \
    "policy show: the target and the limit"
hasf "$T/out" "the document: Respond to voice mail same day or at very least 24 hours" \
    "policy show: the words that give the clock"
cslog policy show bsofr
hasf "$T/out" "every channel no clock in the document" "policy show: a policy with no clock says so"

done_testing
