#!/bin/sh
# pg_drills.sh - drills and quizzes on a PostgreSQL server, each command
# run on a SQLite file and on the server alike:
#  - drill answer (scenarios and quizzes, by a trainer for anyone, by a
#    member for themselves only): the same output and exit status;
#  - drill list, drill results (item analysis, per question, a member's
#    schedule, the quiz grader's decisions, what is graded otherwise
#    now), report --by drills: the file's output byte for byte (times
#    set aside: the server stamps its own);
#  - the server decides again: a member's own only, whoever asks, called
#    by hand with a session; a score that does not match its answers is
#    refused; the time is the server's;
#  - each attempt an audit event holding the row's hash; verify passes,
#    and finds an attempt or an answer changed or deleted behind cslog's
#    back; the terminal role may not UPDATE, DELETE or read the tables.
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
FILE="$T/file.db"
printf '1234\n' >"$T/pin"
CSLOG_DB="$FILE" cslog member add --badge S1 --name "Sam Super" --role supervisor \
    --pin-stdin <"$T/pin"
CSLOG_DB="$FILE" cslog --as S1 member add --badge M1 --name "Mo Member"
CSLOG_DB="$FILE" cslog --as S1 member add --badge M2 --name "Max Member"
status 0 "the file has the server's members"

IN=/dev/null
# Times in ISO form set aside (the server stamps its own clock).
NOTIME='s/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9:]*Z/TIME/g'

IN="$T/pin" both --as S1 member add --badge T1 --name "Tia Trainer" --role trainer --pin-stdin
same 0 "a trainer at both ends"
for b in M3 M4 M5; do both --as S1 member add --badge "$b" --name "Member $b"; done
same 0 "more members"

# ---- answers -----------------------------------------------------------------
Y7=yes,yes,yes,yes,yes,yes,yes
NOSAFE=yes,yes,yes,no,yes,yes,yes
ans() { # WHO MEMBER SCENARIO ANSWERS
	both --as "$1" drill answer --member "$2" --policy bsofr --scenario "$3" --answers "$4" \
	    --session s1
}
ans T1 M1 pet-left-behind "$Y7"
same 0 "a trainer keeps a member's answers"
is "$(cat "$T/out")" "7 of 7 right" "scored on the server's side as on the file's"
ans T1 M1 meal-at-hospital "$NOSAFE"
same 0 "a wrong answer kept"
is "$(cat "$T/out")" "6 of 7 right" "failing 'safe' scores 6 of 7"
for b in M2 M3 M4; do
	ans T1 "$b" tarp-before-rain "$Y7"
	ans S1 "$b" pet-left-behind "$Y7"
done
for b in M5 M1; do ans T1 "$b" tarp-before-rain "$NOSAFE"; done
same 0 "a supervisor keeps answers too"
ans M2 M2 stranded-family "$Y7"
same 0 "a member keeps their own (self-study)"
ans M2 M1 stranded-family "$Y7"
same 77 "a member may not keep another's"
both --as T1 drill answer --member M9 --policy bsofr --scenario pet-left-behind --answers "$Y7"
frc_nouser=$frc
ok "$([ "$frc" = "$rc" ] && [ "$rc" != 0 ] && echo 0 || echo 1)" \
    "no such member: refused at both ends alike (exit $frc_nouser)"
both --as T1 drill answer --member M1 --policy bsofr --scenario nonesuch --answers "$Y7"
same 64 "an unknown scenario"

quiz() { # WHO MEMBER POLICY ITEM TEXT
	both drill answer --quiz --as "$1" --member "$2" --policy "$3" --item "$4" --text "$5"
}
quiz T1 M3 phoenix organizational-behavior "Customer orientd"
same 0 "a quiz answer"
is "$(cat "$T/out")" "right: it holds the answer's key terms" "graded as on the file"
quiz T1 M4 phoenix organizational-behavior "customer focused"
same 0 "a quiz answer not right"
quiz M1 M2 bes anger "fear"
same 77 "a member may not enter another's quiz"

# ---- what is read back ---------------------------------------------------------
for fmt in table csv json; do
	both --as T1 drill list --format "$fmt"
	same 0 "drill list --format $fmt: the file's" "$NOTIME"
done
both --as T1 drill list --format csv
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 13 "every attempt listed from the server"
both --as M1 drill list --format csv
same 0 "a member's drill list: their own only" "$NOTIME"
is "$(tail -n +2 "$T/out" | cut -d, -f3 | sort -u | tr -d '\r')" "M1" "(M1's only, on the server)"
both --as M1 drill list --member M2
same 77 "a member may not list another's"
both --as T1 drill list --policy bsofr --member M2 --format csv
same 0 "one member's, one policy's" "$NOTIME"

for args in "--format csv" "--questions --format csv" "--format json" \
            "--member M1 --format csv" "--member M1 --questions --format csv"; do
	# shellcheck disable=SC2086
	both --as T1 drill results --policy bsofr $args
	same 0 "drill results $args: the file's" "$NOTIME"
done
both --as T1 drill results --policy phoenix --quiz --decisions --format csv
same 0 "the quiz grader's decisions: the file's" "$NOTIME"
both --as T1 drill results --policy phoenix --quiz
same 0 "quiz results: the file's" "$NOTIME"
both --as M1 drill results --policy bsofr --member M1 --format csv
same 0 "a member's own results" "$NOTIME"
both --as M1 drill results --policy bsofr --format csv
same 77 "a member may not see everyone's item analysis"

for fmt in table csv json; do
	both --as S1 report --by drills --format "$fmt"
	same 0 "report --by drills --format $fmt: the file's"
done
has "$T/out" '"Mo Member (M1)"' "with the members' names"
both --as T1 report --by drills --policy phoenix --format csv
same 0 "report --by drills of one policy"
both --as M1 report --by drills
same 77 "a member may not see figures member by member"

# ---- the server decides again ----------------------------------------------------
tok=$(psql -X -q -A -t "$TERM_URL" -c "SELECT token FROM cslog.sign_in('M1', '')")
m2=$(sql "SELECT id FROM cslog.member WHERE badge = 'M2'")
m1=$(sql "SELECT id FROM cslog.member WHERE badge = 'M1'")
tsql "SELECT cslog.drill_add('$tok', $m2, 'bsofr', '1', 'scenario', 'pet-left-behind', NULL, NULL, 1, 1, '{safe}', '{yes}', '{yes}')"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "by hand, a member may not keep another's attempt"
has "$T/psql" "of their own only" "the server says why"
tsql "SELECT cslog.drill_add('$tok', $m1, 'bsofr', '1', 'scenario', 'pet-left-behind', NULL, NULL, 1, 1, '{safe}', '{no}', '{yes}')"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "a score its answers do not give is refused"
has "$T/psql" "does not add up" "as not adding up"
tsql "SELECT count(*) FROM cslog.drill_list('$tok', $m2, NULL, NULL, NULL, NULL)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "by hand, a member may not read another's"
tsql "SELECT count(DISTINCT member_id) FROM cslog.drill_list('$tok', NULL, NULL, NULL, NULL, NULL)"
is "$(cat "$T/psql")" "1" "asked for everyone's, a member gets their own"
tsql "SELECT count(*) FROM cslog.drill_list('no-token', NULL, NULL, NULL, NULL, NULL)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "no session, nothing"
y=$(date -u +%Y)
is "$(sql "SELECT DISTINCT extract(year FROM at)::int FROM cslog.drill")" "$y" \
    "attempts stamped by the server's clock"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'drill.add'")" \
    "$(sql "SELECT count(*) FROM cslog.drill")" "one drill.add event per attempt"
is "$(sql "SELECT count(*) FROM cslog.drill d JOIN cslog.member m ON m.id = d.trainer_id WHERE m.badge = 'T1'")" \
    9 "the trainer kept beside each attempt they entered"
is "$(sql "SELECT count(*) FROM cslog.drill WHERE trainer_id IS NULL")" 1 \
    "none beside a member's own"

# ---- the terminal role, by hand ---------------------------------------------------
refused() { # SQL what
	tsql "$1"
	ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "the terminal role is refused $2"
}
refused "UPDATE cslog.drill SET correct = total" "UPDATE of a drill attempt"
refused "DELETE FROM cslog.drill" "DELETE of drill attempts"
refused "UPDATE cslog.drill_answer SET given = expected" "UPDATE of a drill answer"
refused "DELETE FROM cslog.drill_answer" "DELETE of drill answers"
refused "TRUNCATE cslog.drill_answer" "TRUNCATE of drill answers"
refused "SELECT * FROM cslog.drill" "reading the attempts unchecked"
refused "INSERT INTO cslog.drill (member_id, policy_id, policy_version, kind, item_id, at, correct, total) VALUES (1, 'bsofr', '1', 'quiz', 'x', now(), 1, 1)" \
    "writing an attempt directly"
refused "SELECT cslog.drill_canon(d) FROM cslog.drill d" "calling the internal functions"
sql "UPDATE cslog.drill SET correct = 0 WHERE id = 1" >"$T/psql"
has "$T/psql" "a record of fact is never changed" "even the owner's UPDATE is refused by trigger"

# ---- verify ------------------------------------------------------------------------
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "verify passes with the drills"
sql "ALTER TABLE cslog.drill_answer DISABLE TRIGGER drill_answer_fixed;
     UPDATE cslog.drill_answer SET given = 'yes' WHERE drill_id = 2 AND question_id = 'safe';
     ALTER TABLE cslog.drill_answer ENABLE TRIGGER drill_answer_fixed" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 65 "an answer changed behind cslog's back is found"
has "$T/err" "drill 2 was changed behind cslog's back (table drill" "named, with its table"
sql "ALTER TABLE cslog.drill_answer DISABLE TRIGGER drill_answer_fixed;
     UPDATE cslog.drill_answer SET given = 'no' WHERE drill_id = 2 AND question_id = 'safe';
     ALTER TABLE cslog.drill_answer ENABLE TRIGGER drill_answer_fixed" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "put back, verify passes again"
last=$(sql "SELECT max(id) FROM cslog.drill")
sql "ALTER TABLE cslog.drill DISABLE TRIGGER drill_fixed;
     ALTER TABLE cslog.drill_answer DISABLE TRIGGER drill_answer_fixed;
     DELETE FROM cslog.drill_answer WHERE drill_id = $last; DELETE FROM cslog.drill WHERE id = $last;
     ALTER TABLE cslog.drill ENABLE TRIGGER drill_fixed;
     ALTER TABLE cslog.drill_answer ENABLE TRIGGER drill_answer_fixed" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 65 "an attempt deleted behind cslog's back is found"
has "$T/err" "drill $last of audit event" "named, with its event"
is "$(sql "SELECT name FROM cslog.schema_part WHERE name = 'drill'")" "drill" \
    "the part is recorded in cslog.schema_part"

done_testing
