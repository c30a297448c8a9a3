#!/bin/sh
# aliases.sh - changing an id does not orphan the record: a contact logged
# under an outcome since renamed (Rochester's conversation-ended, split in
# 2026.2) is still read, checked and shown; a drill scenario renamed keeps
# its history.
. "$(dirname "$0")/../lib.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
export CSLOG_AS=S1 CSLOG_PIN=1234
cslog member add --badge M1 --name "Mia Member"

cslog log --policy rochester --member M1 --kind external --channel phone \
    --outcome conversation-ended --summary "Caller shouted for ten minutes"
status 0 "the old id of a renamed outcome is still known"
id=$(cat "$T/out")
cslog show "$id"
has "$T/out" "outcome conversation-ended is now offensive-ended: Harassing or offensive conversation respectfully ended" \
    "show says what it is called now"
has "$T/out" "due: a negative call, not debriefed yet" "it is negative, as it was"
cslog log --policy rochester --member M1 --kind external --channel phone \
    --outcome lengthy-ended --summary "A long call, ended politely"
cslog list --needs-debrief --format csv
is "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 1 "a lengthy call ended is not a negative call"

# A scenario renamed, its old id kept as an alias: its attempts still count.
cslog drill answer --as S1 --member M1 --policy bsofr --scenario photo-album \
    --answers yes,yes,yes,yes,yes,yes,yes
mkdir -p "$T/new"
sed 's/^  - id: photo-album$/  - id: photo-album-in-fire\n    aliases: [photo-album]/' \
    "$SRC/policies/bsofr.yaml" >"$T/new/bsofr.yaml"
cslog --policies "$T/new" policy check "$T/new/bsofr.yaml"
status 0 "a scenario renamed with its old id as an alias"
cslog --policies "$T/new" drill results --policy bsofr --member M1 --format csv
is "$(sed -n 2p "$T/out" | cut -d, -f2,4 | tr -d '\r')" "photo-album-in-fire,1" \
    "the attempt under the old id comes back first, under the new one"
sed 's/^  - id: photo-album$/  - id: photo-album-in-fire\n    aliases: [pet-left-behind]/' \
    "$SRC/policies/bsofr.yaml" >"$T/new/bsofr.yaml"
cslog policy check "$T/new/bsofr.yaml"
status 65 "an alias that is another item's id is refused"
has "$T/err" "scenarios: alias 'pet-left-behind' is the id of an item" "...said so"

done_testing
