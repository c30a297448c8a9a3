#!/bin/sh
# widths.sh - every screen at 80x24, 100x30 and 200x50: what the policy
# says (the empowerment guidance, the standards) and every help text is
# on screen whole, wrapped over as many rows as it needs and never cut
# with an ellipsis; a help taller than the terminal scrolls to its end.
# (Table cells may end in "…": Enter, or the line under the table,
# shows them whole.)
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
export CSLOG_AS=S1 CSLOG_PIN=1234
cslog member add --badge T1 --name "Tia Trainer" --role trainer --pin-stdin <"$T/pin"
cslog member add --badge M1 --name "Mia Member"
cslog log --as M1 --policy bsofr --kind recipient --channel phone --outcome resolved \
    --summary "Returned a call about a smoke alarm that chirps at night" \
    --follow-up "$(date -u -d "+1 day" +%Y-%m-%d)" --follow-up-note "Call back with the battery type"
status 0 "a contact with a follow-up"
unset CSLOG_AS CSLOG_PIN
pos=$(cd "$SRC" && "$CSLOG_BIN" policy list | awk 'NR > 1 { n++ } $1 == "bsofr" { print n }')

# What BSOFR says, from its file: the guidance when not empowered (a
# folded block) and the standards' texts.
awk '/^  not-empowered: >/ { on = 1; next } on && /^    / { sub(/^ +/, ""); printf "%s ", $0; next }
    on { exit }' "$SRC/policies/bsofr.yaml" | sed 's/ *$//' >"$T/guidance"
awk '/^standards:/ { on = 1; next } on && /^[a-z]/ { exit }
    on && /^    text: / { sub(/^    text: /, ""); gsub(/^"|"$/, ""); print }' \
    "$SRC/policies/bsofr.yaml" >"$T/standards"
ok "$([ -s "$T/guidance" ] && [ "$(wc -l <"$T/standards")" -gt 5 ] && echo 0 || echo 1)" \
    "the guidance and $(wc -l <"$T/standards") standards read from bsofr.yaml"

# flat FILE: the screen's text as one line, runs of spaces as one.
flat() { tr '\n' ' ' <"$1" | tr -s ' '; }
# whole TEXT DESCRIPTION: TEXT is in $T/all (the rows collected), whole.
whole() {
	_w=$(printf '%s' "$1" | tr -s ' ')
	flat "$T/all" | grep -qF -- "$_w"
	ok $? "$2"
}

# help_all: open the help, and collect its rows into $T/all, scrolling
# one row at a time to the end when it is taller than the terminal.
help_all() {
	keys F1
	wait_for "Help: " >/dev/null
	screen
	_top=$(grep -n "Help: " "$T/screen" | head -1 | cut -d: -f1)
	_end=$(grep -n "Rows [0-9]*-[0-9]* of\|Any key closes" "$T/screen" | tail -1 | cut -d: -f1)
	sed -n "$((_top + 2)),$((_end - 2))p" "$T/screen" >"$T/all"
	_i=0
	while grep -q "Rows " "$T/screen" && [ $_i -lt 200 ]; do
		_b=$(sed -n 's/.*Rows [0-9]*-\([0-9]*\) of \([0-9]*\).*/\1 \2/p' "$T/screen")
		[ "${_b% *}" = "${_b#* }" ] && break
		keys Down
		_i=$((_i + 1))
		sleep 0.1
		screen
		_end=$(grep -n "Rows [0-9]*-[0-9]* of" "$T/screen" | tail -1 | cut -d: -f1)
		sed -n "$((_end - 2))p" "$T/screen" >>"$T/all"
	done
	keys x
}

# no_cut WHAT: no row collected ends in an ellipsis; nor does the key bar.
no_cut() {
	! grep -q "…" "$T/all"; ok $? "$1: nothing cut with an ellipsis"
	screen
	! tail -1 "$T/screen" | grep -q "…"; ok $? "$1: the key bar is whole"
}

for size in 80x24 100x30 200x50; do
	COLS_=${size%x*} LINES_=${size#*x}
	export COLS_ LINES_

	# ---- a member: home, the log form's guidance and standards
	start
	wait_for "Who are you?" 30 >/dev/null
	typ "M1"; keys Enter
	shows "Log a customer contact" "$size: a member's home"
	help_all
	no_cut "$size: home's help"
	whole "log a customer contact" "$size: home's help, whole"
	whole "follow-ups: yours (supervisors: everyone's), overdue marked" "$size: each line whole"
	keys l
	i=0
	while [ $i -lt 100 ]; do   # the policy is asked only the first time
		screen
		grep -q "Which policy" "$T/screen" && { keys "$pos"; break; }
		grep -q "Who was the customer" "$T/screen" && break
		sleep 0.1; i=$((i + 1))
	done
	shows "Who was the customer?" "$size: the log form"
	keys 1 2
	typ "Checked on a caller who smelled gas"; keys Enter
	keys 1 y y
	typ "Stayed until the gas company came"; keys Enter
	keys y n y y y y y
	shows "NOT EMPOWERED" "$size: the check's result"
	screen; cp "$T/screen" "$T/all"
	whole "$(cat "$T/guidance")" "$size: the policy's guidance, whole"
	no_cut "$size: the result"
	help_all
	no_cut "$size: the log form's help"
	whole "back one step: every answer can be changed; from the first step, home (the draft is kept)" \
	    "$size: the log form's help, whole"
	keys Enter n
	shows "Confirm the standards" "$size: the standards"
	: >"$T/std"
	i=0
	while [ $i -lt 30 ]; do
		screen; cat "$T/screen" >>"$T/std"
		keys Down; i=$((i + 1))
	done
	cp "$T/std" "$T/all"
	no_cut "$size: the standards"
	n=0; missing=""
	while IFS= read -r s; do
		case "$s" in "Provide added value"*|"Follow standard"*|"Be professional"|"Give the"*|"Whenever"*|"Explain"*|"Determine"*) ;;
		*) continue ;; esac
		printf '%s' "$s" | tr -s ' ' >"$T/one"
		# each standard is drawn on its own rows: check it on one screen
		grep -qF -- "$(cut -c1-30 "$T/one")" "$T/std" || missing="$missing|$s"
		n=$((n + 1))
	done <"$T/standards"
	is "$missing" "" "$size: the standards shown ($n checked) are there"
	tr '\n' ' ' <"$T/std" | tr -s ' ' >"$T/stdflat"
	grep -qF "Follow standard operating guidelines, mission statements and organizational values." \
	    "$T/stdflat"; ok $? "$size: a long standard whole across its rows"
	keys C-c
	wait_for "EXITED" >/dev/null
	sql "delete from draft"   # the next size starts a contact afresh

	# ---- a supervisor: the queue, a contact, reports, follow-ups
	start
	wait_for "Who are you?" 30 >/dev/null
	typ "S1"; keys Enter; typ "1234"; keys Enter
	shows "Review queue" "$size: a supervisor's home"
	help_all
	no_cut "$size: the supervisor's home help"
	keys r
	shows "Showing:" "$size: the queue"
	help_all
	no_cut "$size: the queue's help"
	whole "show only: waiting for sign-off (u), empowerment check failed (n), debrief due (d), follow-up overdue (o); each replaces the one before (f combines them); a: all contacts, the whole filter cleared" \
	    "$size: the queue's quick keys, whole"
	whole "The FLAG column: E the empowerment check passed, N it failed; R signed off; D a negative call's debrief is due; F a follow-up is open, ! it is overdue." \
	    "$size: the flag legend in the help, whole"
	screen
	grep -q "E/N empowered or not · R signed off · D debrief due · F follow-up · ! overdue" "$T/screen"
	ok $? "$size: the legend on screen, whole"
	keys Enter
	shows "contact #" "$size: a contact"
	help_all
	no_cut "$size: the contact's help"
	keys Escape Escape p
	shows "report: summary" "$size: reports"
	help_all
	no_cut "$size: the reports' help"
	keys Escape f
	shows "follow-ups" "$size: follow-ups"
	shows "Promised: Call back with the battery type" "$size: the promise, whole"
	help_all
	no_cut "$size: the follow-ups' help"
	keys Escape C-c

	# ---- a trainer: the drill screen
	start
	wait_for "Who are you?" 30 >/dev/null
	typ "T1"; keys Enter; typ "1234"; keys Enter
	shows "d drills" "$size: a trainer's home"
	keys d "$pos" d
	shows "Who is here?" "$size: the trainee picker"
	help_all
	no_cut "$size: the drill picker's help"
	typ "M1"; keys Space Enter
	shows "Scenario 1 of" "$size: a scenario"
	help_all
	no_cut "$size: the drill's help"
	keys Escape y C-c
done

done_testing
