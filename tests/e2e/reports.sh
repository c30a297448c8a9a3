#!/bin/sh
# reports.sh - the report charts at 80x24 with more rows than fit: every
# chart scrolls and says how many rows are off screen, the largest count
# comes first (days in order), rows carry the policies' labels and the
# members' names with their badges, and the row under the cursor is
# shown whole.  `cslog report` gives the same rows with the ids to type.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

now=$(date +%s)
# Every event in time order (the record refuses a clock that goes back).
export CSLOG_NOW=$(( now - 5 * 86400 ))
printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "a supervisor"
export CSLOG_AS=S1 CSLOG_PIN=1234
i=1
while [ $i -le 21 ]; do
	cslog member add --badge "M$i" --name "Member Number $i"
	i=$((i + 1))
done
# The top logger is the last member added: with rows by id it would be
# the one hidden below the fold.
cslog member add --badge M99 --name "Top Logger"
status 0 "22 members"
unset CSLOG_AS CSLOG_PIN CSLOG_NOW
log() { # badge outcome days-ago
	CSLOG_NOW=$(( now - $3 * 86400 )) cslog log --as "$1" --policy phoenix --kind recipient \
	    --channel phone --outcome "$2" --summary "a contact by $1"
}
for d in 4 3 2 1 0; do
	i=1
	while [ $i -le 21 ]; do
		[ $((i % 5)) -eq $d ] && log "M$i" resolved $d
		i=$((i + 1))
	done
	[ $d -eq 2 ] && log M3 resolved 2
	if [ $d -eq 1 ]; then
		n=0
		while [ $n -lt 6 ]; do
			log M99 complaint 1
			n=$((n + 1))
		done
	fi
done
is "$(sql "select count(*) from contact")" 28 "28 contacts by 22 members"

start
wait_for "Who are you?" 30 >/dev/null  # slow builds (sanitizers) start late
typ "S1"; keys Enter; typ "1234"; keys Enter
shows "Review queue" "signed in"
keys p
shows "report: summary" "the reports"
keys m
shows "report: member" "the member chart"
screen
sed -n 5p "$T/screen" >"$T/row1"
has "$T/row1" "Top Logger (M99)" "the top logger comes first, by name with the badge"
snapshot report-members
has "$T/screen" "Member Number 3 (M3)" "then the next largest"
has "$T/screen" "more below" "the rows below the fold are counted"
below=$(sed -n 's/.*↓ \([0-9]*\) more below.*/\1/p' "$T/screen")
shown=$(grep -c "(M[0-9]*)  " "$T/screen")
is "$((below + shown))" 22 "shown and counted below: all 22 members"
has "$T/screen" "Top Logger (M99): 6 of 28 contacts" "the row under the cursor, whole"
keys PageDown
shows "more above" "PgDn scrolls, and says what is above"
keys PageDown PageDown
screen
lacks "$T/screen" "more below" "at the end nothing is below"
keys Down
screen
last=$(grep "(M[0-9]*)  " "$T/screen" | tail -1 | sed 's/^ *\([^(]*\) (.*/\1/')
has "$T/screen" "$last (" "the last row is reachable"
keys o
shows "report: outcome" "by outcome"
screen
sed -n 5p "$T/screen" >"$T/row1"
has "$T/row1" "Resolved" "the policy's label, the largest first"
lacks "$T/screen" " resolved " "not the id"
has "$T/screen" "Resolved (resolved): 22 of 28 contacts" "the whole row gives the id too"
keys y
shows "report: day" "by day"
screen
grep -o '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "$T/screen" | grep -v "^$" >"$T/days"
sort "$T/days" >"$T/sorted"
cmp -s "$T/days" "$T/sorted"; ok $? "days are in order"
has "$T/screen" "$(date -u +%Y-%m-%d -d @"$now") " "the latest day is shown (the cursor on it)"
keys "?"
shows "largest count first" "the help says how rows are ordered"
keys x Escape C-c

CSLOG_AS=S1 CSLOG_PIN=1234 cslog report --by outcome
status 0 "cslog report --by outcome"
head -2 "$T/out" | tail -1 >"$T/row1"
has "$T/row1" "resolved" "the command line: the largest first, the id to type"
has "$T/row1" "Resolved" "beside the label"
CSLOG_AS=S1 CSLOG_PIN=1234 cslog report --by member --format json
has "$T/out" '"label": "Top Logger (M99)"' "JSON rows carry the label"

done_testing
