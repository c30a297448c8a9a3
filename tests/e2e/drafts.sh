#!/bin/sh
# drafts.sh - unfinished contacts are never overwritten or thrown away
# without asking: l with one unfinished asks (continue, start another and
# keep both, discard), a member keeps several, Esc on that question keeps
# them, discarding names the one discarded and asks.  Each step compares
# the drafts' content in the database, not their number.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia Member" --as S1
status 0 "a supervisor and a member"
pos=$(cd "$SRC" && "$CSLOG_BIN" policy list | awk 'NR > 1 { n++ } $1 == "bsofr" { print n }')
drafts() { sql "select group_concat(json_extract(body, '$.summary'), '|') from
    (select body from draft where slot like 'contact%' order by slot)"; }
# (a server's drafts are the same JSON, as text: read with its operators)
on_file || drafts() { sql "select string_agg(body::json->>'summary', '|' order by slot)
    from draft where slot like 'contact%'"; }

start
shows "Who are you?" "sign-in"
typ "M1"; keys Enter
shows "Log a customer contact" "home"
keys l
shows "Which policy?" "no draft yet: l starts a contact at once"
keys "$pos" 1 1
shows "What happened?" "the summary"
typ "Alpha: water on the floor"
keys Escape Escape Escape Escape
shows "Continue your unfinished contact" "back home, the draft is offered"
is "$(drafts)" "Alpha: water on the floor" "the draft holds what was typed"

# ---- l with an unfinished contact asks, and Esc keeps it
keys l
shows "You have an unfinished contact." "l asks first"
has "$T/screen" "Alpha: water on the floor" "showing the draft's summary"
has "$T/screen" "n start another" "offering to start another"
snapshot drafts-ask
keys Escape
shows "Continue your unfinished contact" "Esc goes back home"
is "$(drafts)" "Alpha: water on the floor" "and the draft is untouched"

# ---- start another and keep both
keys l
shows "You have an unfinished contact." "asked again"
keys n
shows "Which policy?" "n starts another"
keys "$pos" 1 1
shows "What happened?" "its summary"
typ "Bravo: smoke alarm"
keys Escape Escape Escape Escape
shows "2 kept" "home says two are kept"
is "$(drafts)" "Alpha: water on the floor|Bravo: smoke alarm" "both drafts are kept, each whole"

# ---- continue the older one
keys c
shows "You have 2 unfinished contacts." "c lists them"
keys 2
shows "Your unfinished contact is back" "2 takes the second back"
keys "$pos" 1 1
shows "Alpha: water on the floor" "the one chosen, as it was left"
keys Escape Escape Escape Escape
wait_for "2 kept" >/dev/null

# ---- discarding asks, naming the one
keys c
shows "You have 2 unfinished contacts." "the list again"
# The latest saved comes first: Alpha when it was saved in a later second.
screen
grep -q "^ *1  saved .*Bravo" "$T/screen" || keys Down
keys x
shows "Discard the unfinished contact \"Bravo: smoke alarm\" for good?" "x asks, naming it"
keys n
wait_for "Continue one" >/dev/null
is "$(drafts)" "Alpha: water on the floor|Bravo: smoke alarm" "n keeps it"
keys x y
shows "Discarded." "y discards it"
is "$(drafts)" "Alpha: water on the floor" "only the one discarded is gone"

# ---- saving removes its own draft, not another's
keys Escape
keys l n
shows "Which policy?" "another one"
keys "$pos" 1 1
typ "Charlie: saved at once"
keys Enter 1 y n n a Enter
shows "Save this contact?" "the confirm screen"
keys Enter
shows "Saved as contact" "saved"
is "$(drafts)" "Alpha: water on the floor" "saving removed its own draft only"
is "$(sql "select count(*) from contact where summary = 'Charlie: saved at once'")" 1 \
    "the contact is there once"
keys Enter
keys C-c
done_testing
