#!/bin/sh
# pg_measures.sh - the measures on a PostgreSQL server, each command run
# on a SQLite file and on the server alike:
#  - the role evaluator: added with a PIN (refused without, by the
#    server too), a member made one; an evaluator records evaluations
#    and sees those they entered, and may do nothing else: refused by
#    the server itself for everything else, called by hand;
#  - shopper add (every refusal with the file's exit status), list
#    (table, CSV, JSON; each role's scope), show, and report --by
#    shopper, shopper-channel, shopper-member, shopper-month: the file's
#    output byte for byte;
#  - survey add, list, show (with the comments: supervisors only, every
#    read an audit event written by the server), report --by
#    satisfaction* and response-rate: the file's output byte for byte;
#  - recognition add, the evidence (everyone's, one member's items, a
#    period) and the staff-meeting report (JSON, HTML): the file's
#    output, the times each store stamped set aside;
#  - each evaluation and response an audit event holding the row's
#    hash; verify finds one changed behind cslog's back; the terminal
#    role may not UPDATE, DELETE or read the tables.
# Survey import still refuses on a server (exit 69): checked here so that the day they run, this suite
# says so.
# Not under valgrind (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
pg_new main
pg_start main || { cat "$T/main/log"; pg_skip_all "the server did not start"; }
pg_cslog_db main
sql() { pg_sql main "$1"; }
URL=$CSLOG_DB
TERM_URL=$(pg_url main cslog_terminal)
tsql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$TERM_URL" -c "$1" >"$T/psql" 2>&1; rc=$?; }
refused() { # SQL what
	tsql "$1"
	ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "the terminal role is refused $2"
}
FILE="$T/file.db"
printf '1234\n' >"$T/pin"
CSLOG_DB="$FILE" cslog member add --badge S1 --name "Sam Super" --role supervisor \
    --pin-stdin <"$T/pin"
CSLOG_DB="$FILE" cslog --as S1 member add --badge M1 --name "Mo Member"
CSLOG_DB="$FILE" cslog --as S1 member add --badge M2 --name "Max Member"
status 0 "the file has the server's members"

IN=/dev/null

# ---- the evaluator ---------------------------------------------------------------
IN="$T/pin" both --as S1 member add --badge E1 --name "Eve Evaluator" --role evaluator \
    --pin-stdin
same 0 "an evaluator, with a PIN"
IN="$T/pin" both --as S1 member add --badge E2 --name "Ed Evaluator" --role evaluator \
    --pin-stdin
both --as S1 member add --badge E3 --name "No Pin" --role evaluator
same 64 "an evaluator must have a PIN"
IN="$T/pin" both --as S1 member add --badge T1 --name "Tia Trainer" --role trainer --pin-stdin
both --as S1 member role M2 --role evaluator
same 77 "a member without a PIN is not made an evaluator"
both --as S1 member list --format csv
same 0 "member list with the evaluators: the file's"
is "$(sql "SELECT role FROM cslog.member WHERE badge = 'E1'")" "evaluator" \
    "kept as an evaluator on the server"

# ---- evaluations -------------------------------------------------------------------
AT=2026-09-21T10:00:00Z
AT2=2026-10-02T15:30:00Z
both shopper add --as E1 --policy rochester --channel phone --member M1 --at "$AT" \
    --item four-rings=3 --item needs-met=yes --item appeal-given=not-observed --rest met \
    --note "answered on the third ring"
same 0 "an evaluation by an evaluator"
is "$(sql "SELECT met || '/' || scored FROM cslog.shopper WHERE id = 1")" "14/14" \
    "met and scored counted by the server: 14 of 14"
both shopper add --as E1 --policy rochester --channel phone --member M2 --at "$AT2" \
    --item four-rings=6 --item needs-met=no --item listen=not-met --item appeal-given=no \
    --rest not-observed
same 0 "a second one"
is "$(sql "SELECT result || ' ' || value FROM cslog.shopper_item WHERE shopper_id = 2 AND item_id = 'four-rings'")" \
    "not-met 6" "6 rings: not met, cslog's judgement kept"
both shopper add --as E2 --policy bes --channel voice-mail --unit "Station 4" --at "$AT2" \
    --item voice-mail=30.5 --item needs-met-asked=yes --item appeal-information=not-observed \
    --rest met
same 0 "BES voice mail, a unit evaluated"
both shopper add --as T1 --policy rochester --channel phone --member M1 --at "$AT2" \
    --item four-rings=2 --item needs-met=yes --item appeal-given=yes --rest met
same 0 "a trainer records one too"
both shopper add --as E1 --policy rochester --channel phone --item four-rings=met --rest met
same 64 "a measured item given by eye"
both shopper add --as E1 --policy rochester --channel phone --item four-rings=3 \
    --item needs-met=yes
same 64 "items left out"
both shopper add --as E1 --policy rochester --channel phone --member NOBODY --rest met \
    --item four-rings=1
same 66 "an unknown member"
both shopper add --as M1 --policy rochester --channel phone --item four-rings=1 --rest met
same 77 "a member may not record evaluations"
both shopper add --as E1 --policy rochester --channel phone --at 2099-01-01T00:00:00Z \
    --item four-rings=1 --item needs-met=yes --item appeal-given=no --rest met
same 65 "a test contact far ahead"
is "$(sql "SELECT count(*) FROM cslog.shopper")" 4 "nothing more was kept"

for fmt in table csv json; do
	both shopper list --as S1 --format "$fmt"
	same 0 "shopper list --format $fmt: the file's"
done
for who in T1 E1 E2 M1 M2; do
	both shopper list --as "$who" --format csv
	same 0 "shopper list as $who: the file's"
done
both shopper list --as S1 --policy rochester --since 2026-10-01 --format csv
same 0 "shopper list of a policy and a period"
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 2 "two evaluations there"
both shopper list --as M1 --member M2
same 77 "a member may not list another's"
for id in 1 2 3 4; do
	both shopper show "$id" --as S1
	same 0 "shopper show $id: the file's"
done
both shopper show 1 --as M1
same 0 "a member sees their own"
has "$T/out" "Evaluation 1: 14 of 14 (100.0 %)" "(its score, from the server)"
has "$T/out" "answered on the third ring" "(and its note)"
both shopper show 2 --as M1
same 77 "a member may not see another's evaluation"
both shopper show 3 --as E1
same 77 "an evaluator may not see another evaluator's"
both shopper show 9 --as S1
same 66 "no such evaluation"

for by in shopper shopper-channel shopper-member shopper-month; do
	both report --by "$by" --as S1 --format csv
	same 0 "report --by $by: the file's"
done
both report --by shopper-month --as S1 --format json
same 0 "report --by shopper-month --format json: the file's"
has "$T/out" '"2026-10"' "(by month, with the months)"
both report --by shopper --as S1
same 0 "report --by shopper as a table: the file's"
both report --by shopper --as M1
same 0 "a member's own figures"
both report --by shopper-member --as T1 --format csv
same 0 "a trainer's by member"
both report --by shopper-member --as M1
same 77 "figures member by member are not a member's"
both report --by shopper --as E1
same 77 "an evaluator has no reports"
both report --by shopper --as S1 --policy bes --since 2026-10-01 --format csv
same 0 "report of a policy and a period"

# ---- the evaluator may do nothing else ----------------------------------------------
both --as E1 list
same 77 "an evaluator may not list contacts"
both --as E1 log --policy bsofr --kind recipient --channel phone --outcome assisted \
    --summary "an evaluator's contact"
same 77 "nor log one"
both --as E1 drill list
same 77 "nor see drills"
tok=$(psql -X -q -A -t "$TERM_URL" -c "SELECT token FROM cslog.sign_in('E1', '1234')")
tsql "SELECT count(*) FROM cslog.contact_list('$tok', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 10, false, false, false, NULL)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "by hand, the server refuses an evaluator the log"
has "$T/psql" "may only record secret-shopper evaluations" "saying what an evaluator may do"
tsql "SELECT cslog.drill_add('$tok', 2, 'bsofr', '1', 'quiz', 'x', NULL, NULL, 1, 1, '{}', '{}', '{}')"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "nor keep drill answers"
tsql "SELECT count(*) FROM cslog.member_list('$tok')"
is "$rc:$(cat "$T/psql")" "0:6" "but may list the members (to find whom they evaluated)"
tsql "SELECT count(*) FROM cslog.shopper_list('$tok', NULL, NULL, NULL, NULL, NULL, 3)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "asking for another evaluator's list is refused"
tsql "SELECT count(DISTINCT evaluator_id) FROM cslog.shopper_list('$tok', NULL, NULL, NULL, NULL, NULL, NULL)"
is "$(cat "$T/psql")" "1" "asked for all, an evaluator gets those they entered"
mtok=$(psql -X -q -A -t "$TERM_URL" -c "SELECT token FROM cslog.sign_in('M1', '')")
tsql "SELECT cslog.shopper_add('$mtok', NULL, 'bsofr', '1', 'phone', NULL, NULL, NULL, '{x}', '{f}', '{met}', '{NULL}')"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "by hand, a member may not record an evaluation"
tsql "SELECT * FROM cslog.shopper_tally('$mtok', 'member', NULL, NULL, NULL, NULL, NULL)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "nor count them member by member"
sql "INSERT INTO cslog.member (badge, name, role) VALUES ('E9', 'No Pin', 'evaluator')" >"$T/psql"
has "$T/psql" "member_evaluator_pin" "the table itself refuses an evaluator without a PIN"
IN="$T/pin" both --as S1 member set-pin M2 --pin-stdin
both --as M2 member set-pin M2 --pin-stdin
IN="$T/pin" both --as M2 member set-pin M2 --pin-stdin
both --as S1 member role M2 --role evaluator
same 0 "a member with a PIN made an evaluator"
both --as S1 member set-pin M2 --clear
same 77 "an evaluator must keep a PIN"

# ---- survey responses ---------------------------------------------------------------
for who in M1 M1 M3; do
	[ "$who" = M3 ] && who=M2
	both --as S1 log --member "$who" --policy bes --kind customer --channel phone \
	    --outcome resolved --summary "a call" --call "CAD-$who"
done
same 0 "three contacts: 1 and 2 of M1, 3 of M2"
both survey add --as S1 --contact 1 --answer overall=5 --answer courtesy=4 \
    --answer needs-met=yes --comment "Mia was kind" --source card --at 2026-09-22T08:00:00Z
same 0 "a response about contact 1, with a comment"
is "$(sql "SELECT count(*) FROM cslog.survey_comment")" 1 "the comment kept apart"
both survey add --as S1 --call CAD-M2 --answer overall=2 --source callback \
    --at 2026-09-23T08:00:00Z
same 0 "by call reference"
is "$(sql "SELECT contact_id FROM cslog.survey WHERE id = 2")" 3 "linked to its contact"
both survey add --as S1 --contact 2 --answer overall=4 --answer courtesy=5 \
    --comment "quick" --at 2026-10-03T08:00:00Z
both survey add --as S1 --policy bes --answer overall=1 --answer needs-met=no \
    --comment "never called back" --at 2026-10-04T08:00:00Z
same 0 "one about no contact"
both survey add --as S1 --policy bes --answer overall=7
same 65 "a score out of range"
both survey add --as S1 --policy bes --answer sparkle=3
same 65 "an unknown question"
both survey add --as S1 --answer overall=4
same 64 "no policy and no contact"
both survey add --as S1 --contact 99 --answer overall=4
same 66 "no such contact"
both survey add --as M1 --contact 1 --answer overall=5
same 77 "a member may not enter responses"
both survey add --as T1 --policy bes --answer overall=5
same 77 "nor may a trainer"
both survey add --as E1 --policy bes --answer overall=5
same 77 "nor an evaluator"
is "$(sql "SELECT count(*) FROM cslog.survey")" 4 "nothing more was kept"

for fmt in table csv json; do
	both survey list --as S1 --format "$fmt"
	same 0 "survey list --format $fmt: the file's"
done
for who in T1 M1; do
	both survey list --as "$who" --format csv
	same 0 "survey list as $who: the file's"
done
lacks "$T/out" "Mia was kind" "no comment without asking"
both survey list --as S1 --include-comments --format json
same 0 "a supervisor's list with the comments: the file's"
has "$T/out" "Mia was kind" "(with them)"
is "$(sql "SELECT detail::jsonb ->> 'count' FROM cslog.audit WHERE action = 'read.comment-bulk'")" 3 \
    "the read is an audit event, holding how many comments were read"
both survey list --as M1 --include-comments
same 77 "a member may not read the comments"
both survey list --as M1 --member M2
same 77 "nor list another's"
both survey show 1 --as S1 --include-comment
same 0 "one response with its comment: the file's"
has "$T/out" "Mia was kind" "(with it)"
is "$(sql "SELECT actor_id || ':' || entity_id FROM cslog.audit WHERE action = 'read.comment'")" \
    "1:1" "that read is an audit event too, under S1"
both survey show 2 --as S1
same 0 "a response without asking for its comment"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'read.comment'")" 1 \
    "not recorded as a read"
both survey show 1 --as T1 --include-comment
same 77 "a trainer may not read a comment"
both survey show 2 --as M1
same 77 "a member may not see a response about another's contact"
both survey show 1 --as M1
same 0 "but may about their own"
both survey show 9 --as S1
same 66 "no such response"
tsql "SELECT comment FROM cslog.survey_get('$mtok', 1, true)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "by hand, a member may not read a comment"
tsql "SELECT count(*) FROM cslog.survey_list('$mtok', NULL, NULL, NULL, 3, false)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "nor another member's responses"
refused "SELECT * FROM cslog.survey_comment" "reading the comments unrecorded"

for by in satisfaction satisfaction-kind satisfaction-channel satisfaction-outcome \
    satisfaction-member satisfaction-month satisfaction-doctrine response-rate; do
	both report --by "$by" --as S1 --format json
	same 0 "report --by $by: the file's"
done
has "$T/out" '"responses"' "(the response rate, from the server)"
both report --by satisfaction --as S1
same 0 "report --by satisfaction as a table: the file's"
both report --by satisfaction --as M1 --format csv
same 0 "a member's own satisfaction"
both report --by satisfaction --as T1 --policy bes --since 2026-10-01 --format csv
same 0 "of a policy and a period"
both report --by satisfaction-member --as M1
same 77 "figures member by member are not a member's"

# ---- recognitions and the evidence --------------------------------------------------
both review 1 --commend "Above and beyond" --as S1
same 0 "a commendation"
both drill answer --as T1 --member M1 --policy bsofr --scenario stranded-family \
    --answers yes,yes,yes,yes,yes,yes,yes
both recognition add M1 --kind award --reason "Stayed with a stranded family" --as S1
same 0 "a recognition"
both recognition add M1 --kind letter --reason "Kind" --as T1
same 77 "a trainer may not record one"
both recognition add NOBODY --kind letter --reason x --as S1
same 66 "no such member"
both recognition add M1 --kind letter --reason "Kind" --as E1
same 77 "nor an evaluator"
# The times each store stamped itself, set aside.
NOTIME='s/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][T ][0-9:]*Z\{0,1\}/TIME/g'
for fmt in table json; do
	both recognition --as S1 --format "$fmt"
	same 0 "everyone's evidence --format $fmt: the file's"
done
has "$T/out" '"recognitions": 1' "(with the recognition)"
both recognition --as S1 --member M1 --since 2026-09-01
same 0 "the items behind M1's: the file's" "$NOTIME"
has "$T/out" "Above and beyond" "(the commendation, from the server)"
has "$T/out" "Mia was kind" "(the comment, for a supervisor)"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'read.comment'")" \
    "$(sqlite3 "$FILE" "SELECT count(*) FROM audit WHERE action = 'read.comment'")" \
    "each comment's read recorded by the server, as the file records it"
both recognition --as M1 --member M1 --since 2026-09-01
same 0 "a member's own items" "$NOTIME"
lacks "$T/out" "Mia was kind" "not the comment"
both recognition --as M1 --member M2
same 77 "not another's"
both recognition --as T1
same 0 "a trainer's own evidence"
both recognition --as S1 --since 2026-10-01 --until 2026-10-31 --format json
same 0 "evidence of a period"

# ---- the staff-meeting report -------------------------------------------------------
NOGEN='s/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][T ][0-9:]*\(Z\|[+-][0-9:]*\)\{0,1\}/TIME/g'
both report --format json --as S1
same 0 "the staff-meeting report as JSON: the file's" "$NOGEN"
has "$T/out" '"award": 1' "(it counts the recognition)"
both report --format json --as T1 --policy bes
same 0 "a trainer's, of one policy" "$NOGEN"
both report --format json --as M1
same 77 "not a member's"
both report --format html --as S1 --output "$T/meeting.html"
cp "$T/meeting.html" "$T/meeting.server.html"
CSLOG_DB="$FILE" cslog report --format html --as S1 --output "$T/meeting.html"
sed -e "$NOGEN" "$T/meeting.html" >"$T/a"
sed -e "$NOGEN" "$T/meeting.server.html" >"$T/b"
cmp -s "$T/a" "$T/b"
ok $? "report --format html: the file's bytes, the time it was made set aside"
diff "$T/a" "$T/b" | head -5 | sed 's/^/#   /'
has "$T/meeting.server.html" "Stayed with a stranded family" "(with the recognition)"

# ---- records of fact, verified --------------------------------------------------------
refused "UPDATE cslog.shopper SET met = scored" "UPDATE of an evaluation"
refused "DELETE FROM cslog.shopper" "DELETE of evaluations"
refused "UPDATE cslog.shopper_item SET result = 'met'" "UPDATE of an evaluation's item"
refused "DELETE FROM cslog.shopper_item" "DELETE of items"
refused "SELECT * FROM cslog.shopper" "reading the evaluations unchecked"
refused "UPDATE cslog.survey SET policy_id = 'x'" "UPDATE of a survey response"
refused "DELETE FROM cslog.survey_answer" "DELETE of survey answers"
refused "DELETE FROM cslog.survey_comment" "DELETE of a comment"
sql "UPDATE cslog.shopper SET met = 0 WHERE id = 1" >"$T/psql"
has "$T/psql" "a record of fact is never changed" "even the owner's UPDATE is refused by trigger"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'shopper.add'")" 4 \
    "one shopper.add event per evaluation"
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "verify passes with the evaluations"
sql "ALTER TABLE cslog.shopper_item DISABLE TRIGGER shopper_item_fixed;
     UPDATE cslog.shopper_item SET result = 'met' WHERE shopper_id = 2 AND item_id = 'listen';
     ALTER TABLE cslog.shopper_item ENABLE TRIGGER shopper_item_fixed" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 65 "verify finds an item changed behind cslog's back"
has "$T/err" "shopper 2 was changed behind cslog's back (table shopper" "and names it"
sql "ALTER TABLE cslog.shopper_item DISABLE TRIGGER shopper_item_fixed;
     UPDATE cslog.shopper_item SET result = 'not-met' WHERE shopper_id = 2 AND item_id = 'listen';
     ALTER TABLE cslog.shopper_item ENABLE TRIGGER shopper_item_fixed" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "put back, intact"
sql "ALTER TABLE cslog.survey_comment DISABLE TRIGGER survey_comment_fixed;
     UPDATE cslog.survey_comment SET comment = 'Mia was rude' WHERE survey_id = 1;
     ALTER TABLE cslog.survey_comment ENABLE TRIGGER survey_comment_fixed" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 65 "verify finds a comment changed behind cslog's back"
has "$T/err" "survey 1 was changed behind cslog's back (table survey" "and names its response"

# ---- survey import: one transaction at the server, each row a savepoint --------
cat >"$T/map.csv" <<'EOF'
header,question
How satisfied were you overall?,overall
Did we meet your needs?,needs-met
Response ID,ref
EOF
cat >"$T/tool.csv" <<'EOF'
Response ID,How satisfied were you overall?,Did we meet your needs?,contact
T-1,5,Yes,1
T-2,4,no,2
T-3,3,,
EOF
before=$(sql "SELECT count(*) FROM cslog.survey")
both survey import "$T/tool.csv" --map "$T/map.csv" --policy bes --as S1
same 0 "survey import of a tool's export: the file's"
is "$(sql "SELECT count(*) FROM cslog.survey")" "$((before + 3))" "three responses on the server"
both survey list --as S1 --format csv
same 0 "the responses listed: the file's (the time each store stamps masked)" 's/,[0-9T:-]*Z,/,TIME,/'
cat >"$T/tool-bad.csv" <<'EOF'
ref,overall,contact
U-1,5,1
U-2,4,999
U-3,7,1
U-4,3,2
EOF
before=$(sql "SELECT count(*) FROM cslog.survey")
both survey import "$T/tool-bad.csv" --policy bes --as S1
same 65 "bad rows, one refused by the server (no contact 999), one by cslog: the file's"
has "$T/err" "tool-bad.csv:3:" "the server's refusal named by its line"
has "$T/err" "tool-bad.csv:4:" "cslog's by its line"
is "$(sql "SELECT count(*) FROM cslog.survey")" "$before" "nothing kept on the server"
both survey import "$T/tool-bad.csv" --policy bes --skip-bad --as S1
same 65 "--skip-bad: the good rows kept, the bad still said: the file's"
is "$(sql "SELECT string_agg(ref, ',' ORDER BY id) FROM cslog.survey WHERE ref LIKE 'U-%'")" \
    "U-1,U-4" "the server kept U-1 and U-4 (a refused row rolled back to its savepoint)"
is "$(sql "SELECT name FROM cslog.schema_part WHERE name = 'measures'")" "measures" \
    "the part is recorded in cslog.schema_part"

done_testing
