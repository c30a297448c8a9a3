#!/bin/sh
# keyseq.sh - what a terminal sends is taken as what the person meant:
# a key whose escape sequence the terminal type does not define (Home,
# as tmux sends it, under TERM=xterm-256color) and escape sequences
# pasted into a field are dropped whole, never read as Esc (back a step)
# and then characters that choose and type; Alt-x is ignored; a lone Esc
# still goes back.  An unknown TERM is refused as TERM=dumb is (exit 64,
# saying what to set).  The follow-up's due step takes times ahead
# (+1d, tomorrow) and refuses one already past with the save's words.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "the keys and the due step's rule are the screens' own, the same" \
    "on either store (followups.sh and pg_screens.sh cover a server's save)"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia Member" --as S1
status 0 "a supervisor and a member"
pos=$(cd "$SRC" && "$CSLOG_BIN" policy list | awk 'NR > 1 { n++ } $1 == "bsofr" { print n }')

# ---- an unknown terminal type: cslog's refusal, not ncurses' exit 1
EXTRA_ENV="TERM=nonexistentterm"
start
shows "EXITED 64" "an unknown TERM exits with the usage status"
tm capture-pane -p -J -t s >"$T/joined"   # the message's lines as one
has "$T/joined" "cannot draw on a terminal of type 'nonexistentterm'" "naming the type"
has "$T/joined" "set TERM (e.g. TERM=xterm-256color)" "and saying what to set"
lacks "$T/joined" "Error opening terminal" "not ncurses' own message"

# ---- LINES and COLUMNS left in the environment: the terminal's own size
EXTRA_ENV="COLUMNS=20 LINES=5"
start
shows "Who are you?" "an 80x24 terminal with COLUMNS=20 LINES=5 set: the sign-in, not 'too small'"
lacks "$T/screen" "cslog needs 80x24" "... no refusal of a size the terminal does not have"

# ---- Home and a pasted sequence in the summary
EXTRA_ENV="TERM=xterm-256color"
start
wait_for "Who are you?" 30 >/dev/null
typ "M1"; keys Enter
shows "Log a customer contact" "signed in"
keys l
shows "Which policy?" "the policy"
keys "$pos"
shows "Who was the customer?" "BSOFR"
keys 1
shows "How did the contact happen?" "the channel"
keys 2
shows "What happened?" "phone"
typ "Gas smell"
wait_for "Gas smell" >/dev/null
keys Home
sleep 0.2   # (nothing to wait for: the screen must not change)
typ " reported"
shows "Gas smell reported" "typing goes on after Home"
has "$T/screen" "Channel: Phone" "Home did not go back and choose another channel"
lacks "$T/screen" "On scene" "... not On scene"
lacks "$T/screen" "~" "and typed nothing"
typ "$(printf ' by\033]0;PWN\007\033[31m phone')"
shows "Gas smell reported by phone" "a pasted OSC and CSI are dropped whole"
lacks "$T/screen" "PWN" "nothing of the OSC is typed"
lacks "$T/screen" "31m" "nothing of the CSI"
has "$T/screen" "Channel: Phone" "the channel still Phone"
keys M-y
sleep 0.2
typ "."
shows "Gas smell reported by phone." "Alt-y neither goes back nor types"
has "$T/screen" "What happened?" "still the summary"
keys Escape
shows "How did the contact happen?" "a lone Esc still goes back a step"
keys 2
shows "Gas smell reported by phone." "the summary kept"
keys Enter

# ---- the follow-up's due time
shows "How did it end?" "the outcome"
keys 1
wait_for "needs met" >/dev/null; keys y
wait_for "added value" >/dev/null; keys n
shows "promise a follow-up" "the follow-up"
keys y
wait_for "What did you promise" >/dev/null
typ "Call back with the gas company's findings"; keys Enter
shows "Follow-up due" "the due step"
keys C-u; typ "yesterday"; keys Enter
shows "is already past" "a time past its limit is refused at the step"
screen
tr -s ' \n' ' ' <"$T/screen" >"$T/flat"
has "$T/flat" "the follow-up's limit," "in the save's words"
has "$T/flat" "give a time still ahead" "saying what to give"
has "$T/screen" "Follow-up due" "and the step stays"
keys C-u; typ "soon"; keys Enter
shows "bad due time 'soon'" "a form it does not know"
screen
tr -s ' \n' ' ' <"$T/screen" >"$T/flat"
has "$T/flat" "+2h, +1d, today, tomorrow" "the hint names forms ahead"
lacks "$T/flat" "yesterday" "and no past ones"
keys C-u; typ "+1d"; keys Enter
shows "A number to call back" "+1d is taken"
keys Escape
shows "Follow-up due" "back at the due step"
want=$(date -d "@$(($(date +%s) + 86400))" '+%Y-%m-%d %H:')
has "$T/screen" "$want" "+1d is shown as the time it means"
keys C-u; typ "tomorrow"; keys Enter
shows "A number to call back" "tomorrow is taken"
keys Enter
wait_for "Confirm the standards" >/dev/null; keys Enter
shows "Save this contact?" "the confirm screen"
keys Enter
shows "Saved as contact" "saved"
end=$(TZ=UTC date -d "tomorrow 23:59" +%s)
got=$(sql "select due_at from followup f join contact c on c.id = f.contact_id
    where c.summary = 'Gas smell reported by phone.'")
[ -n "$got" ] && [ "$got" -ge $((end - 60)) ] && [ "$got" -le "$end" ]
ok $? "the follow-up is due at the end of tomorrow ($got, $end)"
keys Enter
keys q
shows "EXITED 0" "q leaves"

done_testing
