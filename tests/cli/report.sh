#!/bin/sh
# report.sh - cslog report's summary and added value per member, and the
# debrief queue as the command line sees it.
. "$(dirname "$0")/../lib.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
export CSLOG_AS=S1 CSLOG_PIN=1234
cslog member add --badge M1 --name "Mia Member"
log() { cslog log --policy phoenix --member M1 --kind recipient --channel phone "$@"; }
log --outcome resolved --summary one --needs-met yes
log --outcome resolved --summary two --needs-met no \
    --added-value "fed the dog" --answers yes,yes,yes,no,yes,yes,yes
log --outcome complaint --summary three
first_neg=$(cat "$T/out")
log --outcome complaint --summary four
cslog log --policy phoenix --kind recipient --channel phone --outcome resolved --summary five \
    --added-value "tarp on the roof" --answers yes,yes,yes,yes,yes,yes,yes
status 0 "five contacts logged"

cslog list --needs-debrief --format csv
is "$(tail -n +2 "$T/out" | wc -l)" 2 "two negative calls wait for a debrief"
cslog review "$first_neg" --note "Talked it through"
status 0 "a debrief"
cslog list --needs-debrief --format csv
is "$(tail -n +2 "$T/out" | wc -l)" 1 "one left after the debrief"

cslog report --by summary
status 0 "report --by summary"
# The first column is as wide as its longest label: none is cut.
has "$T/out" "follow-ups done within the limit " "the longest label whole, never cut"
lacks "$T/out" "…" "nothing cut with an ellipsis"
has "$T/out" "contacts                                5" "five contacts"
has "$T/out" "empowered                               1        2  50.0%" "empowered: one of two checks"
has "$T/out" "needs met                               1        2  50.0%" "needs met: one of two asked"
has "$T/out" "most failed: safe                       1        2  50.0%" "the question failed most, in its id"
has "$T/out" "negative calls debriefed                1        2  50.0%" "one of two negative calls debriefed"
cslog report --by summary --format json
has "$T/out" '"summary": "negative calls debriefed"' "json summary rows"
has "$T/out" '"of": 2' "json carries 'of'"

cslog report --by added-value-by-member --format csv
has "$T/out" "M1,1,4" "M1: one contact with added value, of four"
has "$T/out" "S1,1,1" "S1: one of one"

# A member may not review.
CSLOG_AS=M1 CSLOG_PIN= cslog review "$first_neg" --sign-off
status 77 "a member cannot sign off"

done_testing
