#!/bin/sh
# forms.sh - what the screens' forms refuse, and what they keep: the
# first supervisor's form refuses a badge with a space at the badge and
# a short PIN at the first PIN, and after any PIN refusal both PINs are
# empty and typed again from the first (the PIN set is the one typed
# last, nothing of a refused one); adding a member keeps the badge, name
# and role after a PIN refusal and asks the PIN again; Esc leaves the
# form; a note typed on a contact (sign-off, debrief) or a follow-up
# (done) and left with Esc comes back when the same prompt is opened
# again, until it is saved; the sign-in screen offers Up/Down only with
# a list to choose from.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

# no_stars: the screen shows no PIN's stars (its PIN fields are empty).
no_stars() { screen; ! grep -qE '(PIN|PIN again) +\*' "$T/screen"; }

# ---- the first supervisor (a server's is init-server's)
if file_only "a server's first supervisor is init-server's, not the first-run screen's"; then
	start
	wait_for "create the first supervisor" 30 >/dev/null
	typ "Pat Chief"; keys Enter
	typ "S 1"; keys Enter
	shows "A badge has no spaces" "a badge with a space is refused at the badge"
	no_stars; ok $? "before any PIN is typed"
	keys C-u; typ "S1"
	wait_for "S1" >/dev/null
	grep -qE '^ *Badge +S1 *$' "$T/screen"; ok $? "typing goes to the badge still"
	# the terminal's cursor stands in the field typed, not at the status line
	row=$(grep -nE '^ *Badge +S1 *$' "$T/screen" | cut -d: -f1)
	cur=$(tm display-message -p -t s '#{cursor_y}')
	is "$((cur + 1))" "$row" "the cursor is on the badge's row (not the status line's)"
	keys Enter
	typ "12"; keys Enter
	shows "A PIN has 4 to 64 characters" "a short PIN is refused at the first PIN"
	no_stars; ok $? "the refused PIN is not kept"
	typ "5678"; keys Enter; typ "5679"; keys Enter
	shows "The two PINs differ" "two PINs that differ are refused"
	no_stars; ok $? "both PIN fields are empty again"
	typ "5678"; keys Enter
	wait_for "PIN again" >/dev/null
	screen
	grep -qE '^ *PIN +\*\*\*\* *$' "$T/screen"; ok $? "typing goes to the first PIN again"
	typ "5678"; keys Enter
	shows "Review queue" "the supervisor is created and signed in"
	keys C-c
	CSLOG_AS=S1 CSLOG_PIN=5678 cslog list
	status 0 "the PIN set is the one typed last, whole (5678, not 125678)"
else
	printf '5678\n' >"$T/pin"
	cslog member add --badge S1 --name "Pat Chief" --role supervisor --pin-stdin <"$T/pin"
	status 0 "the first supervisor, by init-server"
fi
export CSLOG_AS=S1 CSLOG_PIN=5678
cslog member add --badge M1 --name "Mia Member"
cslog log --as M1 --policy bsofr --kind recipient --channel phone --outcome resolved \
    --summary "Returned a call about a smoke alarm that chirps at night" \
    --follow-up "$(date -u -d "+1 day" +%Y-%m-%d)" --follow-up-note "Call back with the battery type"
status 0 "a member, and a contact with a follow-up"
unset CSLOG_AS CSLOG_PIN

# ---- sign-in: Up/Down only when there is a list to choose from
start
wait_for "Who are you?" 30 >/dev/null
if on_file; then
	shows "Mia Member" "a file lists its members"
	has "$T/screen" "Up/Down choose" "two to choose from: Up/Down offered"
	typ "Mia"
	wait_for "Mia Member" >/dev/null
	sleep 0.2; screen
	lacks "$T/screen" "Pat Chief" "one match"
	lacks "$T/screen" "Up/Down" "one match: no Up/Down"
	keys C-u
else
	sleep 0.3; screen
	lacks "$T/screen" "Up/Down" "a server's sign-in (the badge typed whole): no Up/Down"
	typ "S1"
	wait_for "known to the server" >/dev/null
	lacks "$T/screen" "Up/Down" "nor once the badge is typed"
	keys C-u
fi
typ "S1"; keys Enter; typ "5678"; keys Enter
shows "Review queue" "signed in"

# ---- add a member: what is refused, at its prompt; the rest kept
keys m
shows "cslog — members" "the members"
keys a
shows "Their badge" "a: the badge"
typ "T 2"; keys Enter
shows "A badge has no spaces" "a badge with a space is refused at the badge"
keys C-u; typ "M1"; keys Enter
shows "M1 is Mia Member's badge already" "a badge taken is refused at the badge"
keys C-u; typ "T2"; keys Enter
shows "Their name" "then the name"
typ "Tess Trainer"; keys Enter
shows "Their role" "the role"
typ "t"; keys Enter
shows "A PIN for T2" "a PIN"
typ "12"; keys Enter
shows "A PIN has 4 to 64 characters" "a short PIN is refused at the first PIN"
shows "A PIN for T2" "the first PIN is asked again"
lacks "$T/screen" "**" "empty"
typ "4321"; keys Enter
shows "The same PIN for T2 again" "asked twice"
typ "4322"; keys Enter
shows "The two PINs differ" "two that differ are refused"
shows "A PIN for T2" "the form stays: the first PIN asked again, the badge kept"
lacks "$T/screen" "**" "empty"
typ "4321"; keys Enter; typ "4321"; keys Enter
shows "Tess Trainer (T2) is a trainer now" "added with the name and role as typed"
is "$(sql "select name || ',' || role || ',' || cast(pin_hash is not null as integer) from member where badge = 'T2'")" \
    "Tess Trainer,trainer,1" "in the database"
CSLOG_AS=T2 CSLOG_PIN=4321 cslog list
status 0 "with the PIN typed last"
keys a; typ "T3"; keys Enter
shows "Their name" "another"
keys Escape
shows "Mia Member" "Esc leaves the form for the list"
lacks "$T/screen" "Their" "no prompt of the form is asked again"
keys Escape

# ---- a note left with Esc comes back (the same prompt, the same record)
shows "Review queue" "home"
keys r
shows "Returned a call" "the queue"
keys Enter
shows "cslog — contact #" "the contact"
keys s
shows "A note with the sign-off" "s: the sign-off note"
typ "Checked the battery advice"
keys Escape
shows "s sign off" "Esc: the contact"
keys s
shows "Checked the battery advice" "s again: the note as typed"
keys F1
shows "what you typed is kept" "the prompt's help says Esc keeps it"
keys Escape
keys Escape
wait_for "s sign off" >/dev/null
keys d
shows "What was discussed" "d: the debrief"
lacks "$T/screen" "Checked the battery" "a note of its own"
typ "Talked about the callback"
keys Escape
wait_for "s sign off" >/dev/null
keys d
shows "Talked about the callback" "d again: the debrief as typed"
keys Enter
shows "debrief saved" "saved"
keys d
shows "What was discussed" "d once more"
lacks "$T/screen" "Talked about the callback" "a note saved is not offered again"
keys Escape
wait_for "s sign off" >/dev/null
keys a
shows "The corrected summary" "a: the amendment's summary, the old one to edit"
typ " and the smoke alarm"
keys Escape
wait_for "s sign off" >/dev/null
keys a
shows "and the smoke alarm" "a again: the corrected summary as typed (Esc lost it before)"
keys Escape
wait_for "s sign off" >/dev/null
keys Escape
wait_for "Returned a call" >/dev/null
keys Escape
shows "Review queue" "home"
keys f
shows "Call back with the battery type" "the follow-ups"
keys x
shows "What was done" "x: what was done"
typ "Called, told her the battery type"
keys Escape
wait_for "x done" >/dev/null
keys x
shows "Called, told her the battery type" "x again: the note as typed"
keys Escape C-c
shows "EXITED 0" "cslog ends cleanly, the kept notes freed (a leak fails under ASan)"

done_testing
