#!/bin/sh
# drill.sh - the trainer's drill screen in tmux: a single drill, a group
# drill of three (run from the home screen by following the key line at
# the bottom of each screen), a quiz, and a drill paused and resumed;
# every result checked in the database.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge T1 --name "Tia Trainer" --role supervisor --pin-stdin <"$T/pin"
status 0 "the first supervisor, who trains"
for b in M1 M2 M3; do CSLOG_PIN=1234 cslog member add --badge "$b" --name "Member $b" --as T1; done
sql() { sqlite3 -batch -noheader "$CSLOG_DB" "$1"; }
pos=$(cd "$SRC" && "$CSLOG_BIN" policy list | awk 'NR > 1 { n++ } $1 == "bsofr" { print n }')

signin() {
	start
	wait_for "Who are you?" 30 >/dev/null
	typ "T1"; keys Enter; typ "1234"; keys Enter
	wait_for "d drills" >/dev/null
}

# ---- a group drill of three, following the key line
signin
keys d
shows "1-9 choose the policy" "the drill screen says how to choose a policy"
snapshot drill-start
keys "$pos"
shows "d drill  q quiz" "then says d starts a drill"
keys d
shows "Space pick" "then says Space picks the trainees"
# The list is by name: M1, M2, M3, Tia.
keys Space Down Space Down Space Enter
shows "trainee 1 of 3" "three trainees: the first answers"
shows "y yes  n no" "the key line says how to answer"
snapshot drill-scenario
keys y y y y y y y
shows "trainee 2 of 3" "then the second"
keys y y y n y y y
keys y y y y y y n
shows "expected" "after the third, the expected answers beside theirs"
shows "Why:" "with the rationale"
shows "Enter next scenario" "and the key line says what comes next"
snapshot drill-result
is "$(sql "select count(*) from drill where kind = 'scenario'")" 3 "one attempt per trainee is kept"
is "$(sql "select count(distinct session_id) from drill")" 1 "in one session"
is "$(sql "select group_concat(m.badge || '=' || d.correct, ',') from drill d
    join member m on m.id = d.member_id")" "M1=7,M2=6,M3=6" "each trainee's score is kept"
is "$(sql "select count(*) from drill_answer where question_id = 'safe' and given = 'no'")" 1 \
    "the second trainee's 'no' to safe is kept"

# ---- pause after the first scenario, resume it
keys Enter
shows "Scenario 2 of" "Enter goes on to the next scenario"
keys p
shows "Drill paused" "p pauses the drill"
is "$(sql "select count(*) from draft where slot = 'drill'")" 1 "the paused drill is kept"
keys C-c
signin
keys d
shows "A paused drill is waiting" "the paused drill is offered again, after a restart"
shows "r resume it" "with the key to resume it"
keys r
shows "Scenario 2 of" "resumed at the second scenario"
shows "trainee 1 of 3" "with the same three trainees"
keys y y y y y y y y y y y y y y y y y y y y y
shows "expected" "the second scenario scored"
is "$(sql "select count(distinct session_id) from drill")" 1 "the same session goes on"
is "$(sql "select count(*) from drill")" 6 "six attempts: two scenarios, three trainees"
is "$(sql "select count(*) from draft where slot = 'drill'")" 0 "no paused drill left"
keys Escape
wait_for "d drills" >/dev/null

# ---- a single drill
keys d "$pos" d Space Enter
shows "trainee 1 of 1" "a drill for one"
keys y y y y y y y
shows "expected" "scored"
is "$(sql "select count(*) from drill")" 7 "a seventh attempt"
keys Escape
wait_for "d drills" >/dev/null

# ---- a quiz
keys d "$pos" q Space Enter
shows "Quiz item 1 of" "the quiz starts"
snapshot quiz
keys Enter
shows "your answer" "Enter asks the trainee to type"
first=$(sql "select count(*) from drill where kind = 'quiz'")
typ "The Answer Is Wrong"; keys Enter
shows "The answer:" "the right answer is shown"
shows "not" "the typed answer is marked not right"
is "$(sql "select quiz_answer || '|' || correct from drill where kind = 'quiz'")" \
    "The Answer Is Wrong|0" "the quiz answer is kept, not right"
keys C-c
done_testing
