#!/bin/sh
# shopper.sh - cslog shopper: the form of an evaluation under a policy and
# channel (the standards that can apply on it, a measure in its
# standard's place), an evaluation kept with every item once and the
# measured ones judged by cslog from their values, who sees which
# evaluations (a member those of them, an evaluator those they entered),
# the report by standard, and verify.
. "$(dirname "$0")/../lib.sh"

export CSLOG_PIN=1234 CSLOG_NOW="1790000000:$(date +%s)"   # 2026-09-21, a running clock
printf '1234\n' >"$T/pin"
plain member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
plain member add --badge E1 --name "Eve Evaluator" --role evaluator --pin-stdin --as S1 <"$T/pin"
status 0 "an evaluator is a role of its own"
cslog member add --badge E2 --name "Ed Evaluator" --role evaluator --as S1
status 64 "an evaluator must have a PIN"
printf '1234\n' >"$T/pin"
plain member add --badge E2 --name "Ed Evaluator" --role evaluator --pin-stdin --as S1 <"$T/pin"
plain member add --badge M1 --name "Mia Member" --as S1
plain member add --badge M2 --name "Max Other" --as S1
is "$(sqlite3 "$CSLOG_DB" "select role from member where badge = 'E1'")" evaluator \
    "kept as an evaluator"

# ---- the form
cslog shopper form --policy rochester --channel phone
status 0 "the form of a Rochester phone call"
has "$T/out" "four-rings             count       at most 4" "four rings, counted, held to 4"
has "$T/out" "needs-met              yes-no" "needs met asked: yes or no, in its standard's place"
lacks "$T/out" "assist-immediately" "no in-person standard on a phone call"
has "$T/out" "refer-expertise        met/not-met" "a referral's standard, by eye"
cslog shopper form --policy bes --channel voice-mail
has "$T/out" "voice-mail             hours       at most 24 h" \
    "BES voice mail: hours to the call back, held to the policy's 24-hour limit"
has "$T/out" "needs-met-asked        yes-no" "a measure alone where no standard is its"
cslog shopper form --policy bes --channel nowhere
status 64 "an unknown channel"
has "$T/err" "policy bes has no channel 'nowhere'" "says so"

# ---- an evaluation
cslog shopper add --as E1 --policy rochester --channel phone --member M1 \
    --item four-rings=3 --item needs-met=yes --item appeal-given=not-observed --rest met \
    --note "answered on the third ring"
status 0 "an evaluation"
is "$(cat "$T/out")" 1 "its id"
is "$(sqlite3 "$CSLOG_DB" "select met, scored from shopper where id = 1")" "14|14" \
    "14 items met of 14 scored (one not observed)"
is "$(sqlite3 "$CSLOG_DB" "select result, value from shopper_item where shopper_id = 1 \
    and item_id = 'four-rings'")" "met|3" "3 rings: met, cslog's judgement"
cslog shopper add --as E1 --policy rochester --channel phone --member M2 \
    --item four-rings=6 --item needs-met=no --item listen=not-met --item appeal-given=no \
    --rest not-observed
status 0 "a second one"
is "$(sqlite3 "$CSLOG_DB" "select result from shopper_item where shopper_id = 2 \
    and item_id = 'four-rings'")" "not-met" "6 rings: not met"
is "$(sqlite3 "$CSLOG_DB" "select met || '/' || scored from shopper where id = 2")" "0/4" \
    "nothing met of the four scored"
cslog shopper add --as E2 --policy bes --channel voice-mail --unit "Station 4" \
    --item voice-mail=30.5 --item needs-met-asked=yes --item appeal-information=not-observed \
    --rest met
status 0 "BES voice mail, a unit evaluated"
is "$(sqlite3 "$CSLOG_DB" "select value, result from shopper_item where shopper_id = 3 \
    and item_id = 'voice-mail'")" "1830|not-met" "30.5 hours: past the 24-hour limit"

# Wrong answers are refused, naming the item.
cslog shopper add --as E1 --policy rochester --channel phone --item four-rings=met --rest met
status 64 "a measured item given by eye"
has "$T/err" "item four-rings is measured" "says so"
cslog shopper add --as E1 --policy rochester --channel phone --item four-rings=2.5 --rest met
status 64 "a count that is not whole"
cslog shopper add --as E1 --policy rochester --channel phone --item four-rings=3 \
    --item listen=3 --rest met
status 64 "a number for an item judged by eye"
cslog shopper add --as E1 --policy rochester --channel phone --item four-rings=3 \
    --item needs-met=yes
status 64 "items left out"
has "$T/err" "is not given" "names the first missing"
cslog shopper add --as E1 --policy rochester --channel phone --item four-rings=3 \
    --item needs-met=yes --item appeal-given=no --item smile=met --rest met
status 64 "an item not on the form"
has "$T/err" "'smile' is not an item of this form" "says so"
cslog shopper add --as E1 --policy rochester --channel phone --member NOBODY --rest met \
    --item four-rings=1
status 66 "an unknown member"
plain shopper add --as M1 --policy rochester --channel phone --item four-rings=1 --rest met
status 77 "a member may not record evaluations"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from shopper")" 3 "nothing more was kept"

# ---- who sees what
cslog shopper list --as S1
status 0 "a supervisor lists all"
is "$(grep -c '^ *[0-9]' "$T/out")" 3 "three evaluations"
cslog shopper list --as E1
is "$(grep -c '^ *[0-9]' "$T/out")" 2 "an evaluator: the two they entered"
lacks "$T/out" "Station 4" "not E2's"
cslog shopper list --as M1
is "$(grep -c '^ *[0-9]' "$T/out")" 1 "a member: the one of them"
plain shopper show 2 --as M1
status 77 "a member may not see another's evaluation"
plain shopper show 3 --as E1
status 77 "an evaluator may not see another evaluator's"
cslog shopper show 1 --as M1
status 0 "a member sees their own"
has "$T/out" "Evaluation 1: 14 of 14 (100.0 %)" "with its score"
has "$T/out" "met           3        I will respond to your call or have voice mail" \
    "each item, its value and the standard's words"
has "$T/out" "answered on the third ring" "and the note"
cslog shopper list --as S1 --format json
jq -e 'length == 3 and (map(select(.id == 2))[0].scored == 4)' "$T/out" >/dev/null
ok $? "list as JSON"
cslog shopper list --as S1 --format csv
is "$(head -1 "$T/out" | tr -d '\r')" "id,at,policy,channel,member,unit,evaluator,met,scored" \
    "list as CSV"

# ---- the report by standard, channel, member, month
cslog report --by shopper --as S1
status 0 "report --by shopper"
has "$T/out" "four-rings                   2     1      2   50.0   9.5-90.5" \
    "four rings: met in one evaluation of two, with its 95 % interval"
lacks "$T/out" "…" "every standard and its words whole: the command line cuts nothing"
cslog report --by shopper --as S1 --format csv
awk -F, 'NR == 1 { next }
         $4 == "" { unscored = 1; next }
         unscored || (NR > 2 && ($4 + 0 < last + 0 || ($4 == last && $3 + 0 > n + 0))) { bad = 1 }
         { last = $4; n = $3 } END { exit bad }' "$T/out"
ok $? "standards met: the worst first (the share met ascending, more often scored first, never scored last)"
cslog report --by shopper-member --as S1
status 0 "by member"
has "$T/out" "M2                           1     0      4    0.0" "M2's"
plain report --by shopper-member --as M1
status 77 "figures member by member are not a member's"
cslog report --by shopper --as M1
status 0 "a member's own"
has "$T/out" "listen                       1     1      1  100.0" "their one evaluation"
plain report --by shopper --as E1
status 77 "an evaluator has no reports (they list what they entered)"
cslog report --by shopper-month --as S1 --format json
month=2026-09
on_file || month=$(date -u +%Y-%m)   # the month of the server's clock, not CSLOG_NOW's (docs/postgresql.md)
jq -e --arg m "$month" '.by == "shopper-month" and (.rows | length) == 1 and .rows[0].n == 21 and
    .rows[0].of == 26 and .rows[0].value == $m' "$T/out" >/dev/null
ok $? "by month, as JSON"

# ---- records of fact, verified
sqlite3 "$CSLOG_DB" "update shopper set met = 0 where id = 1" 2>"$T/sqlerr"
fact="evaluations are records of fact"
on_file || fact="a record of fact is never changed"   # a server's own words
has "$T/sqlerr" "$fact" "the database refuses a change"
plain verify --as S1
status 0 "verify: intact"
if file_only "drops the file's trigger with the sqlite3 shell (tests/cli/pg_measures.sh tampers with a server)"; then
	sqlite3 "$CSLOG_DB" "drop trigger shopper_item_no_update;
	    update shopper_item set result = 'met' where shopper_id = 2 and item_id = 'listen'"
	cslog verify --as S1
	status 65 "verify finds an item changed behind cslog's back"
	has "$T/err" "evaluation 2 was changed behind cslog's back" "and names it"
fi

done_testing
