#!/bin/sh
# log.sh - the full-screen program in tmux: first run, sign-in, logging a
# contact (not empowered; a routine one counted in keystrokes), a draft
# surviving kill -9, resize, help.  Each checks the screen and the database.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

# ---- first run: the first supervisor
# (on a server the first supervisor is admin init-server's: no first run)
if file_only "a server's first supervisor is init-server's, not the first-run screen's"; then
	start
	shows "create the first supervisor" "first run offers to create a supervisor"
	snapshot first-run
	typ "Sam Super"; keys Enter
	typ "S1"; keys Enter
	typ "1234"; keys Enter
	typ "1234"; keys Enter
	shows "Log a customer contact" "first run ends on the home screen"
	snapshot home
	is "$(sql "select badge||','||role||','||(pin_hash is not null) from member")" "S1,supervisor,1" \
	    "the database holds one supervisor with a PIN hash"
	keys q
	wait_for "EXITED 0" 5; ok $? "q leaves cslog with status 0"
else
	printf '1234\n' >"$T/pin"
	cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
	status 0 "the first supervisor, by init-server"
fi

# A member without a PIN, added on the command line.
CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia Member" --as S1
status 0 "member add by the supervisor"

# ---- sign-in by part of a name, then help
start
shows "Who are you?" "sign-in screen"
if on_file; then
	typ "mia"
	shows "Mia Member" "typing part of a name finds the member"
else   # a server's sign-in lists nobody: the whole badge (docs/postgresql.md)
	typ "M1"
	shows "M1" "the badge typed"
fi
snapshot sign-in
keys Enter
shows "Log a customer contact" "a member without a PIN signs in at once"
keys "?"
shows "Any key closes this help." "? shows the help overlay"
snapshot help
keys x
wait_for "Log a customer contact"; ok $? "a key closes the help"

# ---- a contact whose empowerment check fails
keys l
shows "Which policy?" "first contact asks for the policy"
snapshot log-policy
# The policies are listed by id; pick BSOFR by its place in the list.
pos=$(cd "$SRC" && "$CSLOG_BIN" policy list | awk 'NR > 1 { n++ } $1 == "bsofr" { print n }')
keys "$pos"
shows "Who was the customer?" "policy chosen with one key"
snapshot log-customer
keys 1
shows "How did the contact happen?" "customer kind chosen"
keys 1
shows "What happened?" "channel chosen"
typ "Neighbour asked to re-enter the house for a photo album"
wait_for "photo album" >/dev/null   # the snapshot shows the summary typed
snapshot log-summary
keys Enter
shows "How did it end?" "summary done"
keys Enter
keys y
shows "added value" "needs met answered"
keys y
typ "Considered fetching the album"; keys Enter
shows "Question 1 of 7" "the empowerment check starts"
snapshot log-question
keys y y y n
shows "Question 5 of 7" "four answers given"
keys Escape
shows "Question 4 of 7" "Esc goes back to change an answer"
keys n y y y
shows "NOT EMPOWERED" "a no makes the member not empowered"
shows "Is it safe?" "the failed question is named in the policy's words"
snapshot log-not-empowered
keys Enter
shows "promise a follow-up" "on to the follow-up"
keys n
shows "Confirm the standards" "the standards checklist"
snapshot log-standards
keys a Enter
shows "Save this contact?" "the confirm screen"
shows "Standards confirmed: 11 of 11" "the confirm screen says all standards were ticked"
snapshot log-confirm
keys Enter
shows "Saved as contact #1." "saved, showing the id"
snapshot log-saved
is "$(sql "select policy_id||','||kind||','||channel||','||cast(empowered as integer) from contact where id=1")" \
    "bsofr,recipient,on-scene,0" "the database holds the not-empowered contact"
file_only "a server keeps the answers in one column (contact.answers)" &&
    is "$(sql "select count(*) from contact_answer where contact_id=1 and answer='no'")" "1" \
    "one no answer is stored"

# ---- a routine contact: same policy, recipient, on scene, no added value,
# no follow-up.  Count the keystrokes besides the summary.
keys Enter
wait_for "Log a customer contact"
n=0
k() { keys "$@"; n=$((n + $#)); }
k l
wait_for "Who was the customer?"; k Enter
wait_for "How did the contact happen?"; k Enter
wait_for "What happened?"; typ "Routine lift assist, all well"; k Enter
wait_for "How did it end?"; k Enter
wait_for "needs met"; k y
wait_for "added value"; k n
wait_for "promise a follow-up"; k n
wait_for "Confirm the standards"; k a Enter
wait_for "Save this contact?"; k Enter
shows "Saved as contact #2." "the routine contact is saved"
ok "$([ "$n" -le 12 ] && echo 0 || echo 1)" "a routine contact takes $n keystrokes besides the summary (at most 12)"
is "$(sql "select summary from contact where id=2")" "Routine lift assist, all well" \
    "the routine contact is in the database"

# ---- a draft survives kill -9
keys Enter
wait_for "Log a customer contact"
keys l Enter Enter
wait_for "What happened?"
typ "Half typed when the next call dropped"
wait_for "next call dropped"
sleep 0.3
pkill -KILL -f "^$CSLOG_BIN" 
wait_for "EXITED 137" 5; ok $? "cslog was killed"
start
wait_for "Who are you?"
typ "M1"; keys Enter
shows "Continue your unfinished contact" "the draft is offered after the kill"
keys c
shows "Half typed when the next call dropped" "the draft comes back as typed"

# ---- resize keeps what was typed
resize 60 20
shows "cslog needs 80x24" "a small terminal says so"
snapshot too-small
resize 80 24
shows "Half typed when the next call dropped" "enlarged again, the text is still there"
typ " - more"
keys Enter
shows "How did it end?" "the form goes on after the resize"

done_testing
