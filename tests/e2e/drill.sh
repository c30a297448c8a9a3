#!/bin/sh
# drill.sh - the trainer's drill screen in tmux, run from the home screen
# by following the key line at the bottom of each step: a group drill of
# three, a drill paused and resumed (and one kept when the program is
# closed mid-drill), Esc asking before it ends a drill, single drills
# whose first scenario shows what comes back first (a fixed clock), an
# evaluator never offered as a trainee, a
# quiz of two with lenient matching, the item analysis, help, NO_COLOR,
# and a name holding escape sequences.  Every result checked in the
# database.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

ESC=$(printf '\033')
printf '1234\n' >"$T/pin"
# The members are added before the drills' fixed clock (2023-11-14):
# no stamp may go back in time.
export CSLOG_NOW=1699990000:$(date +%s)
cslog member add --badge T1 --name "Tia Trainer" --role supervisor --pin-stdin <"$T/pin"
status 0 "the first supervisor, who trains"
for b in M1 M2 M3; do CSLOG_PIN=1234 cslog member add --badge "$b" --name "Member $b" --as T1; done
CSLOG_PIN=1234 cslog member add --badge M4 --as T1 \
    --name "$(printf 'Eve \033]0;pwned\007\033[2J')"
status 0 "a member whose name holds escape sequences"
CSLOG_PIN=1234 cslog member add --badge X1 --name "Xena Examiner" --role evaluator \
    --pin-stdin --as T1 <"$T/pin"
status 0 "an evaluator, who is never a trainee"
unset CSLOG_NOW
pos=$(cd "$SRC" && "$CSLOG_BIN" policy list | awk 'NR > 1 { n++ } $1 == "bsofr" { print n }')
# A fixed clock: every attempt at the same second, so only the boxes
# decide what comes back first.
EXTRA_ENV="CSLOG_NOW=1700000000"

signin() {
	start
	wait_for "Who are you?" 30 >/dev/null
	typ "T1"; keys Enter; typ "1234"; keys Enter
	wait_for "d drills" >/dev/null
}
# pick BADGE...: find each trainee by typing the badge, Space picks.
pick() {
	for b in "$@"; do typ "$b"; keys Space BSpace BSpace; done
}
y7() { keys y y y y y y y; }

# ---- a group drill of three, following the key line
signin
keys d
shows "1-9 choose the policy" "the drill screen says how to choose a policy"
snapshot drill-start
keys '?'
shows "Help: Drills and quizzes" "? shows the help"
keys Escape
keys "$pos"
shows "d drill  q quiz  a item analysis" "then says d starts a drill"
keys d
shows "type to find  Up/Down move  Space pick" "then says how to pick the trainees"
typ "M"
shows "Find: M_" "typing finds"
shows "^[" "a name's escape sequences are shown as ^["
lacks "$T/screen" "$ESC" "no raw ESC on the screen"
keys BSpace
typ "X"
shows "Find: X_" "typing the evaluator's badge"
lacks "$T/screen" "Xena Examiner" "the evaluator is not offered as a trainee"
keys BSpace
typ "Xena"
shows "Find: Xena_" "typing the evaluator's name"
lacks "$T/screen" "Xena Examiner" "... nor found by name"
keys BSpace BSpace BSpace BSpace
pick M1 M2 M3
shows "Enter start (3)" "three picked, and Enter starts"
shows "Picked: Member M1, Member M2, Member M3" "the picked ones are named"
snapshot drill-who
keys Enter
shows "Member M1 (trainee 1 of 3), question 1 of 7" "three trainees: the first answers"
shows "y yes  n no" "the key line says how to answer"
snapshot drill-scenario
y7
shows "Member M1's answers are in (hidden).  Now Member M2." "the next trainee is called"
shows "trainee 2 of 3" "then the second answers"
keys y y y n y y y
keys y y y y y y n
shows "expected" "after the third, the expected answers beside theirs"
shows "Why:" "with the rationale"
shows "Enter next scenario" "and the key line says what comes next"
has "$T/screen" "6/7" "a score per trainee for the scenario"
snapshot drill-result
is "$(sql "select count(*) from drill where kind = 'scenario'")" 3 "one attempt per trainee is kept"
is "$(sql "select count(distinct session_id) from drill")" 1 "in one session"
is "$(sql "select group_concat(m.badge || '=' || d.correct || '/' || d.total, ',') from drill d
    join member m on m.id = d.member_id")" "M1=7/7,M2=6/7,M3=6/7" "each trainee's score is kept"
is "$(sql "select m.badge from drill_answer a join drill d on d.id = a.drill_id
    join member m on m.id = d.member_id where question_id = 'safe' and given = 'no'")" M2 \
    "M2's 'no' to safe is kept"
is "$(sql "select count(*) from drill where trainer_id = (select id from member where badge = 'T1')")" 3 \
    "the trainer is kept with each attempt"

# ---- pause at the second scenario, resume after a restart
keys Enter
shows "Scenario 2 of" "Enter goes on to the next scenario"
keys p
shows "Drill paused" "p pauses the drill"
is "$(sql "select count(*) from draft where slot like 'drill%'")" 1 "the paused drill is kept"
keys C-c
signin
keys d
shows "A paused drill is waiting" "the paused drill is offered again, after a restart"
shows "drill of 3 (M1, M2, M3), stopped before scenario 2 of 9" "saying what it was"
shows "Enter, 1-9 resume" "with the key to resume it"
keys Enter
shows "Scenario 2 of" "resumed at the second scenario"
shows "trainee 1 of 3" "with the same three trainees"
y7; y7; y7
shows "expected" "the second scenario scored"
is "$(sql "select count(distinct session_id) from drill")" 1 "the same session goes on"
is "$(sql "select count(*) from drill")" 6 "six attempts: two scenarios, three trainees"
is "$(sql "select count(*) from draft where slot like 'drill%'")" 0 "no paused drill left"

# ---- Esc asks before it ends a drill
keys Escape
shows "End the drill?  y end it (what was scored is kept)  p pause it  n go on" "Esc asks first"
keys n
shows "Enter next scenario" "n goes on with the drill"
keys Escape y
shows "Drill ended" "y ends it"
wait_for "d drills" >/dev/null
is "$(sql "select count(*) from draft where slot like 'drill%'")" 0 "an ended drill is not kept as paused"

# ---- what comes back first (fixed clock): M2 failed 'safe' in the first
# scenario and answered the second right; M1 answered both right.
keys d "$pos" d
pick M2
keys Enter
shows "Scenario 1 of 9: The dog left behind" \
    "M2 sees first the scenario where 'safe' was failed"
y7
shows "7/7" "answered right this time"
keys Escape y
wait_for "d drills" >/dev/null
keys d "$pos" d
pick M1
keys Enter
shows "Scenario 1 of 9: Waive the re-inspection fee" \
    "M1, who answered both right, starts with one never tried"
is "$(sql "select count(*) from drill")" 7 "M2's attempt kept, nothing for M1 yet"

# ---- closing the terminal mid-drill (SIGHUP) keeps it as paused
keys y y y
sleep 0.3
tm kill-server
i=0
while [ "$(sql "select count(*) from draft where slot like 'drill%'")" != 1 ] && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
is "$(sql "select count(*) from draft where slot like 'drill%'")" 1 \
    "a closed terminal pauses the drill under way"
EXTRA_ENV="CSLOG_NOW=1700000000 NO_COLOR=1"
signin
keys d
shows "drill of 1 (M1), stopped before scenario 1 of 9" "a drill cut short is kept as paused"
keys n
shows "Which policy do you drill?" "n starts anew"
is "$(sql "select count(*) from draft where slot like 'drill%'")" 1 "and keeps the paused one"

# ---- the end of a drill: scores, what was missed, what comes first next
keys "$pos" d
pick M3
keys Enter
for i in 1 2 3 4 5 6 7 8 9; do
	keys y y y n y y y
	wait_for "Why: " >/dev/null
	keys Enter
done
shows "The drill is over" "after the last scenario, the scores"
shows "missed most: safe" "what the trainee missed most"
shows "first next time:" "and what comes back first next time"
has "$T/screen" "Enter back to home" "the key line says how to leave"
snapshot drill-done
keys Enter
wait_for "d drills" >/dev/null

# ---- several paused drills: a trainer runs more than one crew
keys d
shows "drill of 1 (M1), stopped before scenario 1 of 9" "the drill paused before is still there"
keys n "$pos" d
pick M2 M3
keys Enter
shows "Scenario 1 of" "a second crew's drill"
keys p
shows "Drill paused" "paused too"
is "$(sql "select count(*) from draft where slot like 'drill-%'")" 2 "two paused drills are kept"
keys d
shows "Paused drills are waiting" "both are offered"
screen
has "$T/screen" "drill of 2 (M2, M3)" "the second crew's"
has "$T/screen" "drill of 1 (M1)" "and the first"
keys Down x
shows "Drop it?" "x asks before it drops one"
keys n
shows "Paused drills are waiting" "any other key keeps it"
is "$(sql "select count(*) from draft where slot like 'drill-%'")" 2 "both still kept"
keys x y
shows "A paused drill is waiting" "x then y drops the chosen one"
lacks "$T/screen" "drill of 1 (M1)" "the first crew's is gone"
keys 1
shows "trainee 1 of 2" "1 resumes the one left: the second crew's"
keys Escape y
wait_for "d drills" >/dev/null
is "$(sql "select count(*) from draft where slot like 'drill%'")" 0 "nothing paused is left"

# ---- the picker: Ctrl-U clears what was typed
keys d "$pos" d
shows "Type part of a name or badge" "the trainee picker"
typ "zzz"
shows "Nobody matches" "nothing matches zzz"
keys C-u
shows "Type part of a name or badge" "Ctrl-U clears the find box"
lacks "$T/screen" "Nobody matches" "everyone is listed again"
keys Escape Escape Escape
wait_for "d drills" >/dev/null

# ---- a quiz of two: typed answers matched leniently
keys d "$pos" q
pick M1 M2
keys Enter
shows "Quiz item 1 of 23" "the quiz starts"
shows "Member M1 (trainee 1 of 2), type your answer:" "the first trainee types"
shows "Enter give it" "the key line says Enter gives the answer"
snapshot quiz
typ "Anyone who recieves our SERVICES!"; keys Enter
shows "Now Member M2" "then the second"
typ "no idea"; keys Enter
shows "The answer: any person who receives" "the right answer is shown"
shows "M1       right" "a small typo, case and punctuation forgiven"
shows "M2       not right no idea" "a wrong answer marked"
shows "not right:" "with the grader's reason under it"
snapshot quiz-result
is "$(sql "select m.badge || ':' || quiz_answer || ':' || correct from drill d
    join member m on m.id = d.member_id where kind = 'quiz' order by m.badge")" \
    "$(printf 'M1:Anyone who recieves our SERVICES!:1\nM2:no idea:0')" \
    "both quiz answers are kept, matched"
keys Escape y
wait_for "d drills" >/dev/null

# ---- the item analysis, for trainers
keys d "$pos" a
shows "Scenarios of Broward" "a shows the item analysis of the policy's scenarios"
shows "The dog left behind" "listing each scenario"
snapshot drill-analysis
keys e
shows "The dog left behind: safe" "e: each question of each scenario"
keys Escape
shows "d drill  q quiz" "Esc goes back"
keys Escape Escape
wait_for "d drills" >/dev/null
keys q

# ---- a trainer (not a supervisor): the key line offers what they may use
CSLOG_PIN=1234 cslog member add --badge TR --name "Theo Trainer" --role trainer --pin-stdin \
    --as T1 <"$T/pin"
status 0 "a trainer is added"
start
wait_for "Who are you?" 30 >/dev/null
typ "TR"; keys Enter; typ "1234"; keys Enter
shows "l log  f follow-ups  p reports  d drills" "a trainer's key line: log, follow-ups, reports, drills"
lacks "$T/screen" "r review" "and no review queue, which is for supervisors"
keys q
done_testing
