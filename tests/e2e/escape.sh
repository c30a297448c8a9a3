#!/bin/sh
# escape.sh - escape sequences stored in a member's name and a summary
# never reach the terminal raw: not on the sign-in list, the home screen,
# the review queue or a contact's detail, nor in list and show.  An OSC
# title change would rename the tmux pane; a CSI clear would blank it.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

ESC=$(printf '\033')
EVIL_NAME=$(printf 'Eve \033]0;pwned-name\007\033[31mRed\033[0m \302\233') # C1 CSI too
EVIL_SUM=$(printf 'Gas smell \033]2;pwned-summary\007\033[2J\033[H cleared?')

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "$EVIL_NAME" --role supervisor --pin-stdin <"$T/pin"
status 0 "a supervisor whose name holds escape sequences"
CSLOG_PIN=1234 cslog --as S1 log --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "$EVIL_SUM"
status 0 "a contact whose summary holds escape sequences"
export CSLOG_AS=S1 CSLOG_PIN=1234   # reading needs someone acting

cslog list --format table
lacks "$T/out" "$ESC" "list: no raw ESC"
has "$T/out" "^[" "list: ESC shown as ^["
cslog show 1
lacks "$T/out" "$ESC" "show: no raw ESC"
has "$T/out" "pwned-summary" "show: the text is there, neutralised"
cslog member list
lacks "$T/out" "$ESC" "member list: no raw ESC"
lacks "$T/out" "$(printf '\302\233')" "member list: no raw C1 CSI"

title() { tm display-message -p -t s '#{pane_title}'; }
start
shows "Who are you?" "sign-in"
typ "S1"
# (a server's sign-in asks for the whole badge and lists nobody: a
# terminal nobody signed in on may not list members, docs/postgresql.md)
if file_only "a server's sign-in lists no members"; then
	shows "Eve" "the member is listed by name"
	lacks "$T/screen" "$ESC" "sign-in list: no raw ESC on the screen"
fi
keys Enter; typ "1234"; keys Enter
shows "Review queue" "home"
keys r
shows "Gas smell" "the queue shows the summary"
keys Enter
shows "cleared?" "the detail shows the whole summary: the CSI clear did nothing"
has "$T/screen" "^[" "detail: ESC shown as ^["
case "$(title)" in
*pwned*) ok 1 "no OSC title change reached the terminal (title: $(title))" ;;
*) ok 0 "no OSC title change reached the terminal" ;;
esac
keys Escape Escape q

# CSV: to a file the bytes as stored (a faithful export); to a terminal
# neutralised, every row (the stream is asked once whether it is one).
cslog list --format csv
has "$T/out" "$ESC" "list --format csv to a file: the text as stored"
CSLOG_PIN=1234 cslog --as S1 log --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "$EVIL_SUM again"
start list --format csv
shows "EXITED 0" "list --format csv in a terminal"
lacks "$T/screen" "$ESC" "list --format csv in a terminal: no raw ESC"
is "$(tm capture-pane -p -J -t s | grep -c 'pwned-summary')" 2 \
    "both rows are there, neutralised"
case "$(title)" in
*pwned*) ok 1 "no OSC title change from list --format csv (title: $(title))" ;;
*) ok 0 "no OSC title change from list --format csv" ;;
esac
# Every format of every listing, written to a terminal (a pty, recorded
# byte for byte by script(1)): no raw control character at all, not even
# DEL, which JSON may leave raw, nor C1 (U+009B).
cslog member add --badge D1 --name "$(printf 'Del \177 C1 \302\233[2J end')" --as S1
status 0 "a member whose name holds DEL, and an 8-bit CSI"
CSLOG_PIN=1234 cslog --as S1 log --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "$(printf 'del \177 c1 \302\233[2J') promise" \
    --follow-up "$(date -d tomorrow +%Y-%m-%d)" --follow-up-note "$(printf 'note \177\033[2J')"
status 0 "a contact and a follow-up holding them too"
id=$(cat "$T/out")
# raw FILE: what script(1) recorded holds a control character (C0 but
# CR, LF and tab; DEL; C1) or a byte that is not UTF-8.
raw() {
	python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], "rb").read().split(b"\n")
text = b"\n".join(l for l in data if not l.startswith(b"Script ")).decode("utf-8", "replace")
bad = [c for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\r\n\t")
       or 127 <= ord(c) < 160]
if bad:
    print("#   found %r" % bad[:5])
sys.exit(0 if bad else 1)
PY
}
for cmd in "member list --format json" "member list --format csv" "member list" \
    "list --format json" "list --format csv" "list" "show $id --format json" "show $id" \
    "followup list --format json" "followup list --format csv" "followup list" \
    "report --by member --format json"; do
	(cd "$SRC" && script -qec "$CSLOG_BIN $cmd" "$T/tty" >/dev/null 2>&1 </dev/null)
	if raw "$T/tty"; then
		ok 1 "$cmd in a terminal: no raw control character"
	else
		ok 0 "$cmd in a terminal: no raw control character"
	fi
done

done_testing
