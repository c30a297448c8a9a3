#!/bin/sh
# measures.sh - the measures on the screens, at 80x24: an evaluator fills
# in the secret-shopper evaluation form (and is offered nothing else), a
# supervisor types in a survey response from a callback (each form left
# half done is kept and brought back) and recognizes a member on the
# recognition screen, the member sees their own evidence, and the results
# under reports; each checked on screen and in the database.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
printf '1234\n' >"$T/pin"
CSLOG_PIN=1234 cslog member add --badge E1 --name "Eve Evaluator" --role evaluator \
    --pin-stdin --as S1 <"$T/pin"
CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia Member" --as S1
CSLOG_PIN=1234 cslog log --as S1 --member M1 --policy rochester --kind external --channel phone \
    --outcome resolved --summary "Parking question at the civic center"
status 0 "a supervisor, an evaluator, a member and one contact"

# help_whole WHAT: the help overlay has nothing cut with an ellipsis.
help_whole() {
	keys F1
	wait_for "Help: " >/dev/null
	screen
	lacks "$T/screen" "…" "$1: its help whole"
	keys x
	sleep 0.2
}
# whole WHAT: nor has the screen itself (nor its key bar), nor its help.
whole() {
	screen
	lacks "$T/screen" "…" "$1: nothing cut with an ellipsis"
	help_whole "$1"
}

# ---- the evaluator: the form and nothing else
start
wait_for "Who are you?" 30 >/dev/null  # slow builds (sanitizers) start late
typ "E1"; keys Enter; typ "1234"; keys Enter
shows "Evaluate a test contact (secret shopper)" "the evaluator's home offers the form"
lacks "$T/screen" "Log a customer contact" "and no logging"
lacks "$T/screen" "open follow-ups" "nor follow-ups"
snapshot evaluator-home
whole "the evaluator's home"
keys e
shows "Which policy is the test contact held to?" "the form asks the policy"
keys Down Down Down Enter
shows "How was the test contact made?" "then the channel"
keys Down Enter
shows "Badge of the member evaluated" "then who was evaluated"
typ "M1"; keys Enter
shows "rochester · phone · M1 (Mia Member)" "the form of a Rochester phone call"
shows "four-rings" "with four rings, counted"
shows "items left to answer; then s saves." "save is not offered yet, and the form says when it will be"
shows "m n o met/not/unseen" "a standard chosen: the bar offers met, not met, unseen"
snapshot evaluation-form
whole "the evaluation form"
# listen .. refer-expertise by eye, needs-met yes, four-rings 3, appeal not observed
keys m o m
sleep 0.3
is "$(sql "select count(*) from draft where slot = 'evaluation'")" 1 \
    "the form under way is kept as a draft at every answer"
keys Escape
shows "The evaluation is kept: e brings it back." "Esc leaves it, kept"
keys e
shows "Your unfinished evaluation is back" "e brings it back"
screen
has "$T/screen" "met           listen" "its answers with it"
has "$T/screen" "y n o yes/no/unseen" "a yes-no item chosen: the bar offers yes, no, unseen"
lacks "$T/screen" "met/not/unseen" "... not met/not met"
keys y m o o m m m m o o
shows "0-9 Enter the figure" "a counted item chosen: the bar says to type the figure"
typ "3"; keys Enter
keys o
shows "s save" "every item answered: save is offered"
screen
lacks "$T/screen" "left to answer" "and nothing is left to answer"
has "$T/screen" "3             four-rings" "three rings, as typed"
keys s
shows "9 of 9 items met" "saved, with its score"
is "$(sql "select count(*) from draft where slot = 'evaluation'")" 0 "its draft is gone"
snapshot evaluation-saved
keys Escape
keys q
sleep 0.3
is "$(sql "select m.badge || ',' || e.badge || ',' || s.channel || ',' || s.met || '/' ||
    s.scored from shopper s join member m on m.id = s.member_id
    join member e on e.id = s.evaluator_id")" "M1,E1,phone,9/9" "in the database: M1 by E1"
is "$(sql "select value || ',' || result from shopper_item where item_id = 'four-rings'")" \
    "3,met" "three rings: met"
is "$(sql "select count(*) from audit where action = 'shopper.add'")" 1 "audited"

# ---- the supervisor: a survey response from a callback
start
wait_for "Who are you?" 30 >/dev/null
typ "S1"; keys Enter; typ "1234"; keys Enter
shows "Type in a survey response" "the supervisor's home offers survey entry"
keys u
shows "The contact the card or callback is about" "asks the contact first"
typ "1"; keys Enter
shows "About contact #1 · rochester · from a comment card" "the contact's policy"
keys 5 4 3
keys Escape
shows "The survey response is kept: u brings it back." "Esc leaves the response, kept"
keys u
shows "Your unfinished survey response is back" "u brings it back"
has "$T/screen" "4 of 5" "its answers with it"
keys Down
keys y
keys h
shows "from a callback" "h: it came by a callback"
keys c
shows "The customer's comment" "c: the comment"
typ "Very kind, and she called back"; keys Enter
shows "Comment: Very kind, and she called back" "the comment is on the form"
snapshot survey-entry
whole "survey entry"
keys s
shows "saved (4 answers, a comment)" "saved"
keys Escape
sleep 0.3
is "$(sql "select source || ',' || contact_id from survey")" "callback,1" \
    "in the database: a callback about contact 1"
is "$(sql "select group_concat(question_id || '=' || score, ' ') from survey_answer")" \
    "overall=5 courtesy=4 timeliness=3 needs-met=1" "its four answers"
is "$(sql "select comment from survey_comment")" "Very kind, and she called back" \
    "its comment, apart"

# ---- the recognition screen
keys g
shows "cslog — recognition" "the recognition screen"
shows "Mia Member" "M1's evidence"
screen
has "$T/screen" "M1        Mia Member" "a row for M1"
snapshot recognition
whole "the recognition screen"
keys Enter
shows "perfect evaluation: every item met" "Enter: the items behind it"
has "$T/screen" "survey: 5 of 5 (with a comment)" "the survey answer"
has "$T/screen" "Very kind, and she called back" "and, for a supervisor, its comment"
is "$(sql "select count(*) from audit where action = 'read.comment'")" 1 "that read recorded"
whole "the evidence"
keys Escape
shows "a l r recognize" "back to the list, recognizing offered"
keys a
shows "Why (kept with it" "a: an award, and why"
typ "Nine of nine on a test call"; keys Enter
shows "Recognition 1 of M1 saved (award)" "saved"
sleep 0.3
is "$(sql "select r.kind || ',' || m.badge || ',' || b.badge || ',' || r.reason
    from recognition r join member m on m.id = r.member_id join member b on b.id = r.by_id")" \
    "award,M1,S1,Nine of nine on a test call" "in the database: S1's award to M1"
is "$(sql "select count(*) from audit where action = 'recognition.add'")" 1 "audited"
keys Escape

# ---- the results under reports
keys p
shows "report: summary" "the reports"
keys w
shows "secret shopper: standards met" "w: the measures"
shows "four-rings" "the standards met"
shows "Up/Down choose" "every row shows: the bar says Up/Down chooses one"
keys u
shows "satisfaction by question" "u: satisfaction"
shows "too few responses" "one answer is too few"
snapshot measures-results
help_whole "the measures' results"
keys q
keys q
keys q
sleep 0.3

# ---- the member: their own evidence, no recognizing
start
wait_for "Who are you?" 30 >/dev/null
typ "M1"; keys Enter
shows "Recognition: your evidence and your recognitions" \
    "the member's home offers their own evidence"
lacks "$T/screen" "Evaluate a test contact" "but no evaluation form"
lacks "$T/screen" "Type in a survey response" "nor survey entry"
keys g
shows "Mia Member" "their own row"
lacks "$T/screen" "recognize" "recognizing is not offered"
keys a
sleep 0.3
screen
lacks "$T/screen" "Why (kept with it" "a does nothing for a member"
keys Enter
shows "recognized: award" "their recognition, in their evidence"
lacks "$T/screen" "Very kind" "but not the survey comment"
keys C-c

# ---- more standards than rows at 80x24 (the demo's): the bar says so
start --demo
wait_for "Who are you?" 60 >/dev/null
typ "S1"; keys Enter
wait_for "PIN"; typ "1234"; keys Enter
wait_for "Review queue"
keys p
wait_for "report: summary"
keys w
shows "Up/Down rows 1-" "more standards than fit: the bar says which rows show, and of how many"
# twenty presses: past the last row shown (15 or 16 at 80x24, as the
# chosen standard's words take three lines or two), fewer than the demo's
# standards (30 - 41); how far the rows move depends on the words of the
# standard reached, which the demo's random data picks
i=0
while [ "$i" -lt 20 ]; do keys Down; i=$((i + 1)); done
settle
screen
ok "$(grep -q "Up/Down rows [2-9][0-9]*-[0-9]* of" "$T/screen"; echo $?)" \
    "Down past the last row shown scrolls, and the bar follows"
# At 200x50 the label column is as wide as the longest label: the bars
# take what is left, and no label is cut.
resize 200 50
# back to the first rows (the twenty Downs above may have scrolled the
# longest id, an early row, off the top even at 50 rows)
i=0
while [ "$i" -lt 20 ]; do keys Up; i=$((i + 1)); done
settle
shows "added-value-opportunities " "200x50: the longest id whole (at 80 columns: cut)"
ok "$(grep -q '^ [^ ]*…' "$T/screen"; [ $? -eq 1 ]; echo $?)" \
    "200x50: no standard's id cut with an ellipsis"
keys q q q q

done_testing
