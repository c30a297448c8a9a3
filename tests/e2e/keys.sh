#!/bin/sh
# keys.sh - the keys every screen shares, from the main loop and the key
# tables: Ctrl-C leaves even the too-small screen, which says keys typed
# there are not used; a member is offered (in the key line and the help)
# only what they may do; '?' typed in a text is text, and F1 is the help
# there.  Each checks the screen, and the database where it matters.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia Member" --as S1
status 0 "a supervisor and a member"

# ---- the too-small screen: the truth, and Ctrl-C
COLS_=60 LINES_=20 start
shows "cslog needs 80x24" "a small terminal is told the size cslog needs"
has "$T/screen" "not used" "and that keys typed meanwhile are not used"
typ "M1"; keys Enter
sleep 0.3
screen
lacks "$T/screen" "Who are you?" "keys typed on it are not acted on"
keys C-c
shows "EXITED 0" "Ctrl-C leaves the too-small screen"

# ---- a locale that is not UTF-8 is refused, with the fix
EXTRA_ENV="LC_ALL=C LANG=C"
start
shows "needs a UTF-8 locale" "the screens refuse a locale that is not UTF-8"
has "$T/screen" "LANG=C.UTF-8" "and say how to start them"
shows "EXITED 64" "with the usage status"
EXTRA_ENV=""

# ---- a closed terminal (SIGHUP) removes the demo database
mkdir -p "$T/tmp"
EXTRA_ENV="TMPDIR=$T/tmp"
start --demo
wait_for "Who are you?" 60 >/dev/null
ls "$T/tmp" | grep -q cslog-demo.; ok $? "the demo database is there while cslog runs"
tm kill-server
sleep 1
is "$(ls -A "$T/tmp")" "" "closing the terminal removes it"
EXTRA_ENV=""

# ---- a member is offered only what a member may do
start
shows "Who are you?" "sign-in"
typ "M1"; keys Enter
shows "Log a customer contact" "the member is home"
lacks "$T/screen" "r review" "no review key in the key line"
lacks "$T/screen" "Review queue" "no review queue on the home screen"
keys "?"
shows "Any key closes this help." "the help"
has "$T/screen" "log a customer contact" "the help lists what the member may do"
lacks "$T/screen" "review queue" "and not what they may not"
has "$T/screen" "Ctrl-C" "Ctrl-C is in every help"
keys x

# ---- '?' in a text is text; F1 is the help there
keys l
shows "Which policy?" "logging starts"
keys 1 1 1
shows "What happened?" "the summary"
typ "Did it rain?"
sleep 0.3
screen
has "$T/screen" "Did it rain?" "a '?' typed in the summary stays in the text"
lacks "$T/screen" "Any key closes this help." "and opens no help"
has "$T/screen" "F1 help" "the key line says F1 is the help here"
keys F1
shows "Any key closes this help." "F1 shows the help in a text"
keys x
shows "Did it rain?" "the text is still there after the help"
keys Escape Escape Escape Escape
keys C-c
shows "EXITED 0" "Ctrl-C leaves from anywhere"
is "$(sql "select count(*) from draft where body like '%Did it rain?%'")" 1 \
    "what was typed is kept as a draft"

# ---- a PIN from a person: asked on the terminal, the echo off
start list --as S1
shows "PIN for S1:" "a command asks the PIN on the terminal"
typ "1234"
sleep 0.2
screen
lacks "$T/screen" "1234" "what is typed is not echoed"
keys Enter
shows "EXITED 0" "the right PIN: the command runs"
has "$T/screen" "SUMMARY" "and lists the log"
CSLOG_PIN= cslog list --as S1 </dev/null
status 77 "with no terminal and no CSLOG_PIN, a PIN holder is refused"
has "$T/err" "CSLOG_PIN" "naming CSLOG_PIN"

done_testing
