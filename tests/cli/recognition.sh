#!/bin/sh
# recognition.sh - cslog recognition: each member's evidence over a period
# (commendations, contacts with added value, perfect secret-shopper
# evaluations, satisfaction on their contacts, drill results,
# recognitions given), the items behind one member's, and a supervisor's
# recognition (an award, a letter, positive reinforcement), audited,
# shown in the member's evidence and counted in the staff-meeting report.
. "$(dirname "$0")/../lib.sh"

export CSLOG_PIN=1234 CSLOG_NOW="1790000000:$(date +%s)"   # 2026-09-21, a running clock
printf '1234\n' >"$T/pin"
plain member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
for r in trainer evaluator; do
	printf '1234\n' >"$T/pin"
	plain member add --badge "$(echo $r | cut -c1 | tr a-z A-Z)1" --name "A $r" --role "$r" \
	    --pin-stdin --as S1 <"$T/pin"
done
plain member add --badge M1 --name "Mia Member" --as S1
plain member add --badge M2 --name "Max Other" --as S1
plain log --as S1 --member M1 --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "Lift assist; stayed until the daughter came" \
    --added-value "waited with her" --answers yes,yes,yes,yes,yes,yes,yes
plain log --as S1 --member M1 --policy bsofr --kind recipient --channel phone \
    --outcome resolved --summary "Burn permit question"
plain log --as S1 --member M2 --policy bsofr --kind recipient --channel phone \
    --outcome resolved --summary "Hydrant flushing question"
status 0 "three contacts"
plain review 1 --commend "Above and beyond" --as S1
plain shopper add --as E1 --policy bsofr --channel phone --member M1 --rest met \
    --item needs-met-asked=yes --item appeal-given=not-observed
plain survey add --as S1 --contact 1 --answer overall=5 --comment "She was wonderful"
plain drill answer --as T1 --member M1 --policy bsofr --scenario stranded-family \
    --answers yes,yes,yes,yes,yes,yes,yes
status 0 "a commendation, a perfect evaluation, a survey answer, a drill"

# ---- recognizing a member
cslog recognition add M1 --kind award --reason "Stayed with a stranded family" --as S1
status 0 "a supervisor recognizes M1"
is "$(cat "$T/out")" 1 "its id"
is "$(sqlite3 "$CSLOG_DB" "select kind, reason from recognition")" \
    "award|Stayed with a stranded family" "kept"
if on_file; then
	is "$(sqlite3 "$CSLOG_DB" "select count(*) from audit where action = 'recognition.add' \
	    and json_extract(detail, '$.member') = 4 and json_extract(detail, '$.row') \
	    is not null")" 1 "audited with a hash of its row"
else   # a server's detail is the same JSON, as text
	is "$(sqlite3 "$CSLOG_DB" "select count(*) from audit where action = 'recognition.add' \
	    and (detail::json->>'member')::int = 4 and detail::json->>'row' \
	    is not null")" 1 "audited with a hash of its row"
fi
plain recognition add M2 --kind letter --reason "Kind" --as T1
status 77 "a trainer may not"
plain recognition add M2 --kind letter --reason "Kind" --as M1
status 77 "nor a member"
cslog recognition add M2 --kind medal --reason "Kind" --as S1
status 64 "an unknown kind"
has "$T/err" "award, letter or reinforcement" "names the kinds"
cslog recognition add M2 --kind letter --as S1
status 64 "no reason"
cslog recognition add NOBODY --kind letter --reason x --as S1
status 66 "an unknown member"
sqlite3 "$CSLOG_DB" "delete from recognition" 2>"$T/sqlerr"
fact="recognitions are records of fact"
on_file || fact="a record of fact is never changed"   # a server's own words
has "$T/sqlerr" "$fact" "the database refuses to remove one"

# ---- the evidence
cslog recognition --as S1
status 0 "everyone's evidence"
has "$T/out" "M1       Mia Member                1    1    2    1/1       1 100.0% 100.0%    1" \
    "M1: a commendation, added value on 1 of 2 contacts, a perfect evaluation, a satisfied answer, drills right, a recognition"
has "$T/out" "M2       Max Other                 0    0    1    0/0       0      -      -    0" \
    "M2: a contact, nothing else"
cslog recognition --as M1
status 0 "a member's own"
lacks "$T/out" "M2" "no one else's"
plain recognition --as M1 --member M2
status 77 "not another's"
plain recognition --as E1
status 77 "an evaluator has none to see"
cslog recognition --as S1 --member M1
status 0 "the items behind M1's"
has "$T/out" "Commendations:" "commendations"
has "$T/out" "Above and beyond — Lift assist; stayed until the daughter came" \
    "the commendation with its contact's summary"
has "$T/out" "waited with her — Lift assist" "the added value with the summary"
has "$T/out" "Perfect secret-shopper evaluations:" "the perfect evaluation"
has "$T/out" "satisfaction 5 of 5, with a comment" "the survey answer"
has "$T/out" "She was wonderful" "its comment, for a supervisor"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from audit where action = 'read.comment'")" 1 \
    "that read recorded"
cslog recognition --as M1 --member M1
has "$T/out" "satisfaction 5 of 5, with a comment" "the member sees the answer"
lacks "$T/out" "She was wonderful" "not the comment"
has "$T/out" "Survey comments are read by supervisors" "and says why"
has "$T/out" "award: Stayed with a stranded family" "the recognition, in the member's history"
cslog recognition --as S1 --format json
jq -e '.[] | select(.member == "M1") | .recognitions == 1 and .perfect == 1' "$T/out" \
    >/dev/null
ok $? "as JSON"
if file_only "the time is the server's clock there, not CSLOG_NOW (docs/postgresql.md)"; then
	cslog recognition --as S1 --since 2026-10-01
	has "$T/out" "No evidence in this period." "a later period has none"
fi

# ---- counted in the staff-meeting report
# (on a server the recognition is stamped by its clock, after the
# report's period, which is CSLOG_NOW's)
if file_only "the time is the server's clock there, not CSLOG_NOW (docs/postgresql.md)"; then
	cslog report --format json --as S1
	jq -e '.recognitions.award == 1 and .recognitions.list[0].member == "M1"' "$T/out" >/dev/null
	ok $? "the staff-meeting report counts and lists it"
fi
plain verify --as S1
status 0 "verify: intact"

done_testing
