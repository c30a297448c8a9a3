#!/bin/sh
# amend.sh - an amendment as the supervisor sees it: who amended it,
# when and why, on screen and in `cslog show`; the new version waits for
# a new sign-off and says so; the earlier version's reviews stay in
# view; a corrected summary is not lost on Esc before its reason.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
export CSLOG_AS=S1 CSLOG_PIN=1234
cslog member add --badge M7 --name "Mo Seven"
cslog log --as M7 --policy phoenix --kind recipient --channel phone --outcome resolved \
    --summary "Gave directions to the hospitl" --at "2026-12-01 10:00"
id=$(cat "$T/out")
cslog review "$id" --sign-off --note "well handled"
status 0 "a contact, signed off"
unset CSLOG_AS CSLOG_PIN

start
wait_for "Who are you?" 30 >/dev/null  # slow builds (sanitizers) start late
typ "S1"; keys Enter; typ "1234"; keys Enter
shows "Review queue" "signed in"
keys r a
shows "Showing: all contacts" "all contacts"
keys Enter
shows "contact #$id" "the contact"
shows "Service recipient (recipient)" "the customer kind by its label, the id beside it"
keys a
shows "The corrected summary" "a asks for the corrected summary"
keys C-u
typ "Words words words words words words words words words words words words sa traffic light"
shows "traffic light" "a long line in the editor"
screen
grep -q " sa$" "$T/screen"; ok $? "the line breaks after a whole word"
grep -q "^ *traffic light" "$T/screen"; ok $? "the next word starts the next row, whole"
! grep -q " t *$" "$T/screen"; ok $? "no word is broken at the edge"
keys C-u
typ "Gave directions to the hospital, walked the caller to the main entrance"
keys Enter
shows "Why it is corrected" "then the reason"
keys Escape
shows "not saved yet" "Esc at the reason says the amendment is not saved"
is "$(sql "select count(*) from contact")" 1 "nothing was written"
keys Escape
shows "Esc again" "Esc on the contact warns once before the work is lost"
keys a
shows "walked the caller to the main entrance" "a comes back to the corrected summary as written"
keys Enter
shows "Why it is corrected" "the reason"
typ "spelling, and what was done"
keys Enter
shows "needs a new sign-off" "the amendment says a new sign-off is needed"
nid=$(sql "select max(id) from contact")
shows "contact #$nid" "the new version is shown"
shows "sign-off: this is an amended" "its Review line says why it waits"
has "$T/screen" "every amendment needs a new sign-off" "(wrapped, whole)"
keys PageDown
shows "amended " "the amendment line, further down"
screen
has "$T/screen" "by S1 (Sam Super), reason: spelling" "says who and why"
has "$T/screen" "on the earlier version #$id:" "the earlier version's reviews are shown"
has "$T/screen" "sign-off by S1: well handled" "with the sign-off it had"
snapshot amended-contact
keys Escape Escape C-c

CSLOG_AS=S1 CSLOG_PIN=1234 cslog show "$nid"
status 0 "cslog show of the new version"
has "$T/out" "amended $(date -u +%Y-%m-%d)" "show: amended today (not the contact's own day)"
has "$T/out" "by S1 (Sam Super), reason: spelling, and what was done" "show: who and why"
has "$T/out" "#$nid replaced #$id" "show: which version replaced which"
has "$T/out" "none yet on this version" "show: no review yet on the new version"
has "$T/out" "on the earlier version #$id:" "show: the earlier version's reviews"

done_testing
