#!/bin/sh
# checklist.sh - a policy with more standards than fit at 80x24: the
# checklist scrolls with the selection, says how many are shown, and the
# last standard can be ticked and is saved.  One whose standards all fit
# (Phoenix's nine) never scrolls.  The confirm screen gives a long
# summary the rows there are, and says how to read one cut.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

P="$T/policies"
mkdir -p "$P"
sed -n '1,/^standards:/p' "$SRC/tests/fuzz/policy_seeds/minimal-all-parts.yaml" >"$P/long.yaml"
i=1
while [ $i -le 25 ]; do
	printf '  - id: s%d\n    text: Standard number %d of twenty-five.\n    source: "Section 3.%d"\n' \
	    $i $i $i >>"$P/long.yaml"
	i=$((i + 1))
done
sed -n '/^outcomes:/,$p' "$SRC/tests/fuzz/policy_seeds/minimal-all-parts.yaml" >>"$P/long.yaml"
cslog --policies "$P" policy check "$P/long.yaml"
status 0 "a policy with 25 standards is valid"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "the first supervisor"
CSLOG_AS=S1 CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia Member"
status 0 "a member without a PIN"
start --policies "$P"
shows "Who are you?" "sign-in"
typ "M1"; keys Enter
shows "Log a customer contact" "home"
keys l
shows "Who was the customer?" "one policy: no need to choose it"
keys 1
shows "How did the contact happen?" "customer kind chosen"
keys 1
shows "What happened?" "channel chosen"
# A summary longer than any screen (about 20 rows at 80 columns).
long=$(i=1; while [ $i -le 160 ]; do printf 'word%d ' $i; i=$((i + 1)); done)
typ "Long checklist $long"; keys Enter
shows "How did it end?" "summary done"
keys Enter
keys y
shows "added value" "needs met answered"
keys n
wait_for "promise a follow-up" 5 >/dev/null && keys n
shows "Confirm the standards" "the standards checklist"
shows "more below: Down scrolls" "the checklist says it holds more than the screen"
lacks "$T/screen" "Standard number 25 " "the last standard is below the screen at first"
i=1
while [ $i -lt 25 ]; do keys Down; i=$((i + 1)); done
shows "Standard number 25 of twenty-five." "moving down scrolls to the last standard"
lacks "$T/screen" "Standard number 1 of" "the first has scrolled off"
has "$T/screen" "more above" "and says so"
keys Space Enter
shows "Save this contact?" "the confirm screen"
shows "Standards confirmed: 1 of 25" "the confirm screen counts the standards ticked"
has "$T/screen" "Cut to fit: Esc back to the summary shows it whole" "a summary cut says how to read it whole"
ok "$([ "$(grep -c "word[0-9]" "$T/screen")" -ge 8 ]; echo $?)" \
    "the summary takes the rows there are (more than 3)"
has "$T/screen" "Needs met: yes" "the lines under it still shown"
keys Enter
shows "Saved as contact #1." "saved"
is "$(sql "select standards from contact where id = 1")" 's25' "the last standard is saved as confirmed"
keys C-c

# Phoenix: with added value, nine standards, all fitting at 80x24.
mkdir -p "$T/ph"
cp "$SRC/policies/phoenix.yaml" "$T/ph/"
start --policies "$T/ph"
wait_for "Who are you?" >/dev/null
typ "M1"; keys Enter
wait_for "Log a customer contact" >/dev/null
keys l; wait_for "Who was the customer?" >/dev/null
keys 1; wait_for "How did the contact happen?" >/dev/null
keys 1; wait_for "What happened?" >/dev/null
mid=$(i=1; while [ $i -le 60 ]; do printf 'step%d ' $i; i=$((i + 1)); done)
typ "Opened $mid closing-words"; keys Enter
wait_for "How did it end?" >/dev/null; keys Enter
wait_for "needs met" >/dev/null; keys y
wait_for "added value" >/dev/null; keys y
wait_for "What did you do beyond" >/dev/null; typ "Fixed the alarm"; keys Enter
wait_for "Question 1 of" >/dev/null; keys a
wait_for "EMPOWERED" >/dev/null; keys Enter
wait_for "promise a follow-up" >/dev/null; keys n
shows "Confirm the standards" "Phoenix: the checklist"
is "$(grep -c '\[ \]' "$T/screen")" 9 "nine standards shown"
i=1
while [ $i -lt 9 ]; do keys Down; i=$((i + 1)); done
keys Space
wait_for "[x]" >/dev/null
lacks "$T/screen" "more above" "Down to the last: no scrolling while all fit"
has "$T/screen" "Treat all customers" "the first standard still shown"
keys Enter
shows "Save this contact?" "Phoenix: the confirm screen"
has "$T/screen" "closing-words" "a summary that fits the rows left is shown whole"
lacks "$T/screen" "…" "and not cut"
keys C-c
done_testing
