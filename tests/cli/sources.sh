#!/bin/sh
# sources.sh - each shipped policy held to its agency's document.
#
# The documents are not in the repository (the policies quote them): they
# are read from the directory CSLOG_SOURCES names (.ci/run sets it to
# ../shared/seeds, beside the checkout).  Set, it must hold them: a check
# that cannot be made fails.  Unset (a clone without the documents), the
# comparison is skipped and this says so.  What `cslog policy check`
# checks against a document is in src/core/srccheck.h; this suite runs it
# on the four files, then makes the edits a careless hand might (an
# invented standard, a changed clock, a wrong quiz answer, a replaced
# standard, a replaced customer kind), each to a copy, and expects each
# to be refused.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "needs no database: once is enough"

# Adopted empowerment questions are BSOFR's, word for word (no document
# needed for this one).
questions() {
	sed -n '/^  questions:/,/^  empowered:/p' "$SRC/policies/$1.yaml" | grep '^      text: '
}
for id in bes rochester; do
	grep -q '^  adopted-from: >' "$SRC/policies/$id.yaml"
	ok $? "$id says whose questions it adopts"
	is "$(questions "$id")" "$(questions bsofr)" "$id's questions are BSOFR's, word for word"
done

if [ -z "${CSLOG_SOURCES:-}" ]; then
	ok 0 "# skip CSLOG_SOURCES is not set: the policies were not compared with their documents"
	done_testing
	exit
fi
case $CSLOG_SOURCES in
/*) ;;
*) CSLOG_SOURCES=$SRC/$CSLOG_SOURCES ;;   # relative to the checkout, as .ci/run sets it
esac
export CSLOG_SOURCES
[ -d "$CSLOG_SOURCES" ]
ok $? "CSLOG_SOURCES ($CSLOG_SOURCES) is a directory"
for f in "$SRC"/policies/*.yaml; do
	grep -q '^format: 1' "$f" || continue   # measures.yaml is cslog's own, no document's
	doc=$(sed -n 's/^  document: //p' "$f")
	[ -n "$doc" ] && [ -f "$CSLOG_SOURCES/$doc" ]
	ok $? "$(basename "$f") names its document, and it is there ($doc)"
done

# The four files, each whole and faithful.
cslog policy check policies/bsofr.yaml policies/phoenix.yaml policies/bes.yaml \
    policies/rochester.yaml
status 0 "the four policies hold to their documents"
for id in bsofr phoenix bes rochester; do
	line=$(grep "^policies/$id.yaml: ok" "$T/out")
	case $line in
	*" items of the document; "*" omitted, with reasons)") ok 0 "$id: coverage reported" ;;
	*) ok 1 "$id: coverage reported"; echo "#   $line" ;;
	esac
	echo "# $id: ${line#*quiz items; }"
done
lacks "$T/out" "neither transcribed nor omitted" "no item of any document left unaccounted for"

# policy show says the same, and docs/policies/ID.txt is current.
for id in bsofr phoenix bes rochester; do
	cslog --policies policies policy show "$id"
	has "$T/out" "coverage: " "policy show $id gives the coverage"
	if cmp -s "$T/out" "$SRC/docs/policies/$id.txt"; then
		ok 0 "docs/policies/$id.txt is what policy show prints (make policy-docs)"
	else
		ok 1 "docs/policies/$id.txt is what policy show prints (make policy-docs)"
		diff "$SRC/docs/policies/$id.txt" "$T/out" | head -10 | sed 's/^/#   /'
	fi
done

# A document that cannot be read fails the check; it does not pass it.
CSLOG_SOURCES=$T/nowhere cslog policy check policies/bes.yaml
status 65 "a missing document fails the check"
has "$T/err" "the document of policy bes" "and says which"

# edit NAME ID SCRIPT: a copy of the four files with policies/ID.yaml
# passed through the shell SCRIPT (sed or awk); then check all four.
edit() {
	rm -rf "$T/m"
	mkdir -p "$T/m"
	cp "$SRC"/policies/*.yaml "$T/m/"
	sh -c "$3" <"$SRC/policies/$2.yaml" >"$T/m/$2.yaml"
	! cmp -s "$SRC/policies/$2.yaml" "$T/m/$2.yaml"
	ok $? "$1: the edit applies"
	cslog policy check "$T/m/bsofr.yaml" "$T/m/phoenix.yaml" "$T/m/bes.yaml" "$T/m/rochester.yaml"
	status 65 "$1 is refused"
}

# 1. An invented standard.
edit "an invented BES standard" bes "awk '{ print } /^standards:\$/ {
	print \"  - id: call-back-hour\"
	print \"    text: Return every call within one hour\"
	print \"    source: \\\"Expectations/Service standards, 10\\\"\" }'"
has "$T/err" "standards 'call-back-hour': not the document's words" "...as not the document's words"

# 2. A changed clock.
edit "BES voice mail changed to 2d/3d" bes \
    "sed -e 's/^    target: same-day\$/    target: 2d/' -e 's/^    limit: 24h\$/    limit: 3d/'"
has "$T/err" "the target, 48 hours, is not a time its text gives" "...the target (2d) is not the document's"
has "$T/err" "the limit, 3 days, is not a time its text gives" "...nor the limit"
edit "BES voice mail limit changed to 48h" bes "sed 's/^    limit: 24h\$/    limit: 48h/'"
has "$T/err" "the limit, 48 hours, is not a time its text gives" "...48 hours is not 24"
has "$T/err" "its text gives 24 hours, which is neither its target nor its limit" \
    "...and the document's 24 hours is carried by nothing"
edit "BES voice mail with its clock removed" bes \
    "awk '/^follow-ups:/ { skip = 1; next } skip && /^[a-z#]/ { skip = 0 } !skip'"
has "$T/err" "gives a time that no follow-up rule carries" "...a clock the document gives, lost"

# 3. A wrong quiz answer: a number changed, or another item's answer.
edit "a wrong BES quiz answer (48 hours)" bes \
    "sed 's/^    answer: same day or at very least 24 hours\$/    answer: same day or at very least 48 hours/'"
has "$T/err" "quiz 'voice-mail-clock': not the document's words" "...as not the document's words"
edit "a Rochester quiz answer taken from another standard" rochester \
    "sed 's/^    answer: a moderate tone\\.\$/    answer: I will be tolerant and patient./'"
has "$T/err" "quiz 'tone': not where its source says" "...as not where its source says"

# 4. A replaced standard: a paraphrase, or another standard's words.
edit "a paraphrased BES standard" bes \
    "sed 's/^    text: Explain a policy when providing it\$/    text: Explain the policy to the customer/'"
has "$T/err" "standards 'explain-policy': not the document's words" "...as not the document's words"
edit "a BES standard replaced by another" bes \
    "sed 's/^    text: Explain a policy when providing it\$/    text: Do not \"blame\"/'"
has "$T/err" "neither transcribed nor omitted (list it under omitted, with a reason): \"Explain a policy when providing it\"" \
    "...the standard it replaced no longer transcribed"

# 5. A replaced customer kind: invented words, or other words of the document.
edit "an invented BSOFR customer kind" bsofr \
    "sed 's/^    text: The actual service recipient\$/    text: Anyone who calls the station/'"
has "$T/err" "customer-kinds 'recipient': not the document's words" "...as not the document's words"
edit "a BSOFR customer kind replaced by a standard's words" bsofr \
    "sed 's/^    text: The actual service recipient\$/    text: Give the customer your undivided attention/'"
has "$T/err" "customer-kinds 'recipient': not where its source says" "...as not where its source says"

# And what is cslog's own must say so.
edit "a when not marked as cslog's" bsofr "awk '/^    own: \\[when\\]\$/ && !done { done = 1; next } { print }'"
has "$T/err" "when is cslog's choice, not the document's: say so (own: [when])" "...a when"
edit "a cslog channel not marked" bsofr "awk '/^    source: cslog\$/ && !done { done = 1; next } { print }'"
has "$T/err" "say where the document names it (source), or that it is cslog's" "...a channel"
edit "an item of the document dropped" bes "awk '/^  - id: sense-of-humor/ { skip = 3 } skip { skip--; next } { print }'"
has "$T/err" "\"Keep your sense of humor.\"" "...names the item dropped"

done_testing
