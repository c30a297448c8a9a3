#!/bin/sh
# consistency.sh - drills a trainer can defend.  Every drill scenario says
# what kind of situation it is, from the fixed list in
# docs/policy-format.md; scenarios of one kind, across the four shipped
# policies, expect the same answer to each question, unless the file
# gives the reason one differs, citing its document.  The check is
# `cslog policy check` of the files together (src/core/consistency.h);
# this suite runs it on the four, then breaks it on copies.
. "$(dirname "$0")/../lib.sh"

# The comparison with the documents is sources.sh's: here only the drills.
unset CSLOG_SOURCES
FILES="policies/bsofr.yaml policies/phoenix.yaml policies/bes.yaml policies/rochester.yaml"

# shellcheck disable=SC2086
cslog policy check $FILES
status 0 "the four policies judge each kind of situation alike"
for f in $FILES; do
	s=$(awk '/^scenarios:/ { on = 1 } /^quiz:/ { on = 0 } on && /^    situation: / { n++ } END { print n + 0 }' "$SRC/$f")
	is "$s" "$(awk '/^scenarios:/ { on = 1 } /^quiz:/ { on = 0 } on && /^  - id: / { n++ } END { print n + 0 }' "$SRC/$f")" \
	    "$(basename "$f"): every scenario says its kind of situation"
done

# The fixed list: what the loader knows is what docs/policy-format.md lists.
awk '/^    situation: / && !d { print "    situation: nonesuch"; d = 1; next } { print }' \
    "$SRC/policies/bsofr.yaml" >"$T/bad.yaml"
cslog policy check "$T/bad.yaml"
status 65 "an unknown kind of situation is refused"
known=$(sed -n "s/.*situation: unknown kind 'nonesuch' (\(.*\))\$/\1/p" "$T/err" | tr -d ' ')
documented=$(sed -n '/^<!-- situations -->/,/^<!-- \/situations -->/p' "$SRC/docs/policy-format.md" |
    sed -n 's/^| `\([a-z-]*\)` .*/\1/p' | tr '\n' ',' | sed 's/,$//')
is "$documented" "$known" "docs/policy-format.md lists exactly the kinds cslog knows"

# copy ID SCRIPT: the four files, policies/ID.yaml through SCRIPT.
copy() {
	rm -rf "$T/m"
	mkdir -p "$T/m"
	cp "$SRC"/policies/*.yaml "$T/m/"
	sh -c "$2" <"$SRC/policies/$1.yaml" >"$T/m/$1.yaml"
	! cmp -s "$SRC/policies/$1.yaml" "$T/m/$1.yaml"
	ok $? "the edit to $1 applies"
	cslog policy check "$T/m/bsofr.yaml" "$T/m/phoenix.yaml" "$T/m/bes.yaml" "$T/m/rochester.yaml"
}

# BSOFR's fee waiver judged accountable again (as before 2026.2).
copy bsofr "awk '/^  - id: waive-inspection-fee/ { s = 1 } s && /^      accountable: no/ { sub(/no/, \"yes\"); s = 0 } { print }'"
status 65 "a waiver judged otherwise than the others is refused"
has "$T/err" "scenarios 'waive-inspection-fee' (waiver) expects accountable: yes, where the others of its kind expect no (bes take-charge-off, rochester refund-tickets)" \
    "...naming the scenario, the question and the others"
has "$T/err" "bsofr.yaml:" "...at its place in its file"

# Rochester's disclosure without its cited reason for 'safe'.
copy rochester "awk '/^    differs:/ && !done { skip = 1; done = 1; next } skip && /^    rationale:/ { skip = 0 } !skip'"
status 65 "a difference without its reason is refused"
has "$T/err" "scenarios 'who-complained' (disclosure) expects safe: no, where the others of its kind expect yes" \
    "...the question it differs on"

# Phoenix's neighbor judged on the member's level again.
copy phoenix "awk '/^  - id: neighbor-asks-condition/ { s = 1 } s && /^      level: no/ { sub(/no/, \"yes\"); s = 0 } { print }'"
status 65 "a disclosure judged on the member's level is refused"
has "$T/err" "scenarios 'neighbor-asks-condition' (disclosure) expects level: yes" "...named"

# A scenario that says no kind of situation.
copy bes "awk '/^    situation: / && !done { done = 1; next } { print }'"
status 65 "a scenario with no kind of situation is refused"
has "$T/err" "scenarios 'pet-left-behind' says no kind of situation" "...named"

# A reason that cites nothing is refused by the loader.
copy rochester "sed 's/\"protecting every individual\"/protecting every individual/'"
status 65 "a reason for a difference that cites nothing is refused"
has "$T/err" "differs: the reason for 'safe' must cite the document" "...said so"

done_testing
