#!/bin/sh
# wording.sh - each shipped policy quotes its source document.
#
# tests/policy/wording/<id>.txt holds, for policies/<id>.yaml, passages
# copied verbatim from the agency's document (the file's comments name the
# document and section): the empowerment questions in order, a sample of
# standards in order, the adopted-from attribution and the privacy notice.
# This suite compares them with what `cslog policy show <id>` prints, so a
# paraphrase, a reordering or a lost question in a policy file is caught
# without the source documents at hand.  Line formats are described at the
# top of tests/policy/wording/bsofr.txt.
. "$(dirname "$0")/../lib.sh"

W=$SRC/tests/policy/wording

# The questions of a `policy show` output, one a line, in order.
questions() {
	sed -n '/^Empowerment check/,/^  empowered:/p' "$1" |
	    sed -n 's/^  [0-9][0-9]*\. [a-z0-9_-]* *//p'
}

# The ids of the standards of a `policy show` output, in order.
standard_ids() {
	sed -n '/^Standards confirmed when logging$/,/^$/p' "$1" |
	    awk 'NR > 1 && NF > 0 { print $1 }'
}

# has_prefix FILE PREFIX: a line of FILE starts with PREFIX (fixed string).
has_prefix() {
	want=$2 awk 'index($0, ENVIRON["want"]) == 1 { found = 1 } END { exit !found }' "$1"
}

cslog --policies policies policy list
status 0 "policy list"
ids=$(awk 'NR > 1 { print $1 }' "$T/out")
for id in $ids; do
	[ -f "$W/$id.txt" ]
	ok $? "$id has a wording fixture (tests/policy/wording/$id.txt)"
done

cslog --policies policies policy show bsofr
cp "$T/out" "$T/show-bsofr"

for fx in "$W"/*.txt; do
	id=$(basename "$fx" .txt)
	cslog --policies policies policy show "$id"
	status 0 "policy show $id"
	show=$T/show-$id
	cp "$T/out" "$show"
	std=$T/std-$id
	sed -n '/^Standards confirmed when logging$/,/^$/p' "$show" >"$std"
	questions "$show" >"$T/got-q"
	: >"$T/want-q"
	: >"$T/want-std"
	: >"$T/want-priv"
	adopted=""
	adopts=""
	while IFS= read -r line; do
		case "$line" in
		"" | "#"*) ;;
		"question: "*)
			printf '%s\n' "${line#question: }" >>"$T/want-q" ;;
		"standard "*)
			rest=${line#standard }
			sid=${rest%%: *}
			text=${rest#*: }
			printf '%s\n' "$sid" >>"$T/want-std"
			if has_prefix "$std" "$(printf '  %-22s %s [' "$sid" "$text")"; then
				ok 0 "$id standard $sid quotes the document"
			else
				ok 1 "$id standard $sid quotes the document"
				printf '#   want: %s\n' "$text"
				awk -v id="$sid" '$1 == id { print "#   got:  " $0 }' "$std"
			fi ;;
		"adopted: "*)
			adopted=${line#adopted: } ;;
		"adopts: "*)
			adopts=${line#adopts: } ;;
		"privacy: "*)
			printf '%s\n' "${line#privacy: }" >>"$T/want-priv" ;;
		*)
			ok 1 "$id fixture line understood: $line" ;;
		esac
	done <"$fx"

	# Questions: the same number, then each in its place.
	is "$(wc -l <"$T/got-q" | tr -d ' ')" "$(wc -l <"$T/want-q" | tr -d ' ')" \
	    "$id has as many questions as its document"
	n=0
	while IFS= read -r want; do
		n=$((n + 1))
		is "$(sed -n "${n}p" "$T/got-q")" "$want" "$id question $n in the document's words"
	done <"$T/want-q"

	# The sampled standards keep the document's order.
	is "$(standard_ids "$show" | grep -Fx -f "$T/want-std" | tr '\n' ' ')" \
	    "$(tr '\n' ' ' <"$T/want-std")" "$id standards in the document's order"

	# Adopted questions: said so, and word for word the other policy's.
	if [ -n "$adopted" ]; then
		grep '^  adopted: ' "$show" >"$T/adopted"
		has "$T/adopted" "$adopted" "$id says whose questions it adopts"
	else
		lacks "$show" "  adopted: " "$id has its own questions, adopts none"
	fi
	if [ -n "$adopts" ]; then
		is "$(questions "$show" | tr '\n' '|')" "$(questions "$T/show-$adopts" | tr '\n' '|')" \
		    "$id's questions are $adopts's, word for word"
	fi

	# The privacy notice, as the document prints it (on one line).
	if [ -s "$T/want-priv" ]; then
		grep '^Privacy: ' "$show" >"$T/priv"
		is "$(cat "$T/priv")" "Privacy: $(tr '\n' ' ' <"$T/want-priv" | sed 's/ $//')" \
		    "$id privacy notice in the document's words"
	fi
done

done_testing
