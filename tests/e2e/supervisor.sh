#!/bin/sh
# supervisor.sh - the station's shared terminal in tmux: PIN lockout and
# its expiry, a member refused the supervisor's screens, the review
# queue (quick filter, search, filter line, saved view), a sign-off and
# a debrief made on screen and seen by `cslog show` and the audit trail,
# follow-ups done on screen, reports, and the idle lock keeping a draft.
# On a server, which judges a lock by its own clock, the lock's end five
# minutes on (CSLOG_NOW) is the file's only: there a second supervisor
# unlocks S1 (member unlock) instead.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "first supervisor"
CSLOG_AS=S1 CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia Member"
status 0 "a member without a PIN"
on_file || CSLOG_AS=S1 CSLOG_PIN=1234 cslog member add --badge S2 --name "Sal Second" \
    --role supervisor --pin-stdin <"$T/pin"
export CSLOG_PIN=1234
i=0
while [ $i -lt 30 ]; do
	i=$((i + 1))
	outcome=resolved
	[ $((i % 6)) -eq 0 ] && outcome=complaint
	cslog --as S1 log --policy phoenix --member M1 --kind recipient --channel phone \
	    --outcome "$outcome" --summary "Call $i: smoke alarm chirping at night" >/dev/null
done
# Its follow-up is overdue already (for the screens to mark): entered as
# from paper, since a follow-up past due is otherwise refused.
cslog --as S1 log --policy phoenix --member M1 --kind recipient --channel phone \
    --outcome resolved --summary "Fuel pump question from a farmer whose tractor leaks diesel near the barn; explained the spill kit, the county hazmat line and when to call again before harvest" \
    --follow-up "2026-01-02 10:00" --follow-up-note "send the leaflet" --from-paper
status 0 "a contact with a rare word and a follow-up"
pump=$(cat "$T/out")
unset CSLOG_PIN
is "$(sql "select count(*) from contact")" 31 "31 contacts logged"
S1=$(sql "select id from member where badge = 'S1'")

# ---- five wrong PINs lock the account; the lock is kept in the database
start
shows "Who are you?" "sign-in"
typ "S1"; keys Enter
for p in 1 2 3 4 5; do
	shows "PIN" "PIN asked ($p)"
	typ "999$p"; keys Enter
done
shows "is locked until" "five wrong PINs lock the account"
if on_file; then locked="locked_until > 0"; else locked="locked_until > now()"; fi
is "$(sql "select count(*) from member where badge = 'S1' and $locked")" 1 "the lock is in the database"
keys Enter
LATE="a server says the lock at sign-in, once the PIN is given (then not checked)"
if file_only "$LATE"; then
	shows "is locked until" "while locked, Enter says so again"
	lacks "$T/screen" "PIN for S1" "and no PIN is asked for (it would not be checked)"
fi
lacks "$T/screen" "Review queue" "no home screen while locked"
keys C-c

# A restart does not reset it; five minutes later it is over.
start
wait_for "Who are you?" 30 >/dev/null  # slow builds (sanitizers) start late
typ "S1"; keys Enter
if on_file; then
	shows "is locked until" "a restart keeps the lock"
	lacks "$T/screen" "PIN for S1" "the lock is said before any PIN is asked"
else
	shows "PIN for S1" "after a restart"
	typ "1234"; keys Enter
	shows "is locked until" "a restart keeps the lock: the right PIN is refused"
	lacks "$T/screen" "Review queue" "no home screen"
fi
keys C-c
if on_file; then
	later=$(( $(date +%s) + 301 ))
	# From here on the screens run five minutes ahead, past the lock.
	EXTRA_ENV="CSLOG_NOW=$later:$(date +%s)"   # a clock that runs (the idle lock)
	after="after five minutes"
else
	file_only "the lock's end five minutes on is CSLOG_NOW's; a server judges it by its own clock"
	CSLOG_AS=S2 CSLOG_PIN=1234 cslog member unlock S1
	status 0 "on a server, a second supervisor unlocks S1"
	after="once unlocked"
fi
start
wait_for "Who are you?" 30 >/dev/null  # slow builds (sanitizers) start late
typ "S1"; keys Enter; typ "1234"; keys Enter
shows "Review queue" "$after the right PIN signs in"
is "$(sql "select failed_pins from member where badge = 'S1'")" 0 "a good PIN clears the count"
keys q

# ---- a member cannot reach the review queue or the reports
start
wait_for "Who are you?" 30 >/dev/null  # slow builds (sanitizers) start late
typ "M1"; keys Enter
shows "Log a customer contact" "the member signs in"
lacks "$T/screen" "Review queue" "a member's home has no review queue"
lacks "$T/screen" "r review" "nor is r offered in the key line"
keys r
sleep 0.3
screen
lacks "$T/screen" "review queue" "r does nothing for a member"
keys p
shows "report: summary" "p shows the member's own figures"
lacks "$T/screen" "m members" "figures member by member are not offered"
keys m
sleep 0.3
screen
lacks "$T/screen" "report: member" "and m does nothing"
keys q q

# ---- the review queue
start
wait_for "Who are you?" 30 >/dev/null  # slow builds (sanitizers) start late
typ "S1"; keys Enter; typ "1234"; keys Enter
keys r
shows "Showing: waiting for sign-off" "the queue opens on what needs review, in plain words"
shows "Call 30: smoke alar…" "the newest contacts first, a long summary cut with an ellipsis"
snapshot review-queue
has "$T/screen" "FLAG SUMMARY" "the flags have a column header"
has "$T/screen" "E/N empowered or not · R signed off · D debrief due · F follow-up · ! overdue" \
    "and a legend on screen, whole at 80 columns"
keys "?"
shows "The FLAG column: E the empowerment check passed" "the help explains the flags"
keys PageDown
shows "! it is" "the help scrolls to the rest of its notes"
keys x
keys d
shows "Showing: debrief due" "d replaces the quick filter (it does not stack)"
lacks "$T/screen" "waiting for sign-off" "the one before is gone"
screen
is "$(grep -c ' Complaint ' "$T/screen")" 5 "five negative calls wait for a debrief, by their label"
lacks "$T/screen" " Resolved " "no other outcome is listed"
keys d
shows "Showing: debrief due" "d again keeps it (no toggling off)"
keys Enter
shows "Debrief             due" "the detail says a debrief is due"
snapshot review-detail
id=$(sed -n 's/.*contact #\([0-9]*\).*/\1/p' "$T/screen" | head -1)
keys d
shows "What was discussed" "d asks for the debrief note"
typ "Talked through the complaint with Mia"; keys Enter
shows "debrief saved on contact #$id" "the debrief is saved"
keys s
shows "A note with the sign-off" "s asks for an optional note"
keys Enter
shows "sign-off saved on contact #$id" "the sign-off is saved"
keys Escape
shows "Showing: debrief due" "back in the queue"
screen
is "$(grep -c ' Complaint ' "$T/screen")" 4 "the contact left the queue"
CSLOG_AS=S1 CSLOG_PIN=1234 cslog show "$id"
has "$T/out" "sign-off by S1" "cslog show lists the sign-off made on screen"
has "$T/out" "debrief  by S1: Talked through the complaint with Mia" "and the debrief"
is "$(sql "select count(*) from audit where actor_id = $S1 and action = 'review.add' and entity_id in (select id from review where contact_id = $id)")" 2 \
    "both reviews are in the audit trail under the supervisor"

# Search and filter line.
keys a
shows "Showing: all contacts" "a clears the filter"
keys /
shows "Words to find" "/ asks for words"
typ "pump"; keys Enter
shows 'Showing: with the words "pump"' "the search is in the filter line"
shows "Fuel pump question" "the search finds the rare word"
lacks "$T/screen" "smoke alarm" "and nothing else"
keys Enter
shows "   before harvest" "the detail shows a long summary in full, wrapped under its indent"
keys Escape
shows 'Showing: with the words "pump"' "Esc goes back to the search"
keys f
shows "since:2026-11-01" "f edits the filter line"
has "$T/screen" "is:overdue; other words are searched for.  Every" "its guidance is whole, wrapped"
keys C-u
typ "member:M1 outcome:complaint"; keys Enter
shows "Showing: member M1 · outcome: Complaint" "a filter line, shown in plain words"
screen
is "$(grep -c ' Complaint ' "$T/screen")" 5 "five complaints by M1"
keys f C-u
typ "outcome:nonsense"; keys Enter
shows "no policy has an outcome 'nonsense'" "an outcome no policy knows is refused, not 'Nothing matches'"
keys Escape
keys f C-u
typ "kind:alien policy:nowhere"; keys Enter
shows "kind:alien: no policy has a kind" "so is a kind"
keys Escape
shows "Showing: member M1 · outcome: Complaint" "the filter before stays"
# A view's name: its limit said, a longer one refused with a message.
keys S
shows "a name of at most 60 characters" "S says a view's name's limit"
typ "2 complaints by Mia Member on the night shift, kept for the monthly review"
keys Enter
shows "a view's name has at most 60: shorten it" "a longer name is refused, said, not cut"
keys C-u
typ "2 complaints by Mia on the night shift"; keys Enter
shows "Views: 2 complaints by Mia on the night shift" "a name within the limit is kept whole"
is "$(sql "select name from saved_view where slot = 2")" "complaints by Mia on the night shift" \
    "stored whole"
keys u
shows "Showing: waiting for sign-off · member M1 · outcome: Complaint" \
    "a quick key keeps the filter line's other words"
keys n
shows "Showing: empowerment check failed · member M1 · outcome: Complaint" \
    "and replaces only its own"
keys f
shows "is:not-empowered" "f shows the line with the quick word"
keys C-u
typ "member:M1 outcome:complaint"; keys Enter
keys f C-u
typ "colour:red"; keys Enter
shows "is not a filter" "a wrong filter word is explained"
keys Escape
keys S
shows "A key from 1 to 9" "S saves the view"
typ "2 complaints"; keys Enter
shows "Saved: key 2" "saved under 2"
keys a
shows "Showing: all contacts" "cleared again"
has "$T/screen" "Views: 2 complaints" "the saved view's name is on screen"
keys 2
shows "Showing: member M1 · outcome: Complaint" "2 brings the saved view back"
is "$(sql "select name || '|' || filter from saved_view")" "complaints|member:M1 outcome:complaint" \
    "the view is kept in the database"
keys Escape

# ---- follow-ups: overdue marked, done with a note
keys f
shows "follow-ups (everyone's)" "a supervisor sees everyone's follow-ups"
shows "OVERDUE" "the past-due follow-up is marked"
snapshot followups
keys x
shows "What was done" "x asks what was done"
typ "Leaflet posted"; keys Enter
shows "done." "the follow-up is done"
if on_file; then done=2; else done=done; fi   # a server's state is its word
is "$(sql "select state || '|' || done_note || '|' || done_by from followup where contact_id = $pump")" "$done|Leaflet posted|$S1" \
    "done, with the note and who did it"
keys Escape

# ---- reports
keys p
shows "report: summary" "p opens the report summary"
shows "negative calls debriefed" "the summary has the debrief figure"
shows "1 of 5" "one of five negative calls debriefed"
snapshot reports
keys o
shows "report: outcome" "o: by outcome"
shows "Complaint" "outcomes listed, by their labels"
keys Escape q
wait_for "EXITED 0" 5; ok $? "q leaves"

# ---- the idle lock keeps a draft
start --idle-lock 2
wait_for "Who are you?" 30 >/dev/null  # slow builds (sanitizers) start late
typ "M1"; keys Enter
shows "Log a customer contact" "member signed in"
keys l
shows "Who was the customer?" "logging starts (policy remembered)"
keys 1 1
shows "What happened?" "kind and channel chosen"
typ "Half-typed when called away"
sleep 4
shows "Locked after 2 s idle" "the terminal locks itself" 10
lacks "$T/screen" "Half-typed" "the draft is no longer on screen"
typ "M1"; keys Enter
shows "Continue your unfinished contact" "the draft is offered at the next sign-in"
is "$(sql "select count(*) from draft where body like '%Half-typed when called away%'")" 1 \
    "the draft is in the database"
keys c
shows "Half-typed when called away" "the draft comes back as typed"
keys C-c

done_testing
