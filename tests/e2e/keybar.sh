#!/bin/sh
# keybar.sh - the home key bar at 80x24 for each role (crew, trainer,
# supervisor, evaluator): every key it shows has its word (a brief one
# when the full words do not fit), and every key the home screen lists
# is in the bar, or the bar ends with "? all keys" (the help lists them).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "the first supervisor"
export CSLOG_AS=S1 CSLOG_PIN=1234
cslog member add --badge T1 --name "Tia Trainer" --role trainer --pin-stdin <"$T/pin"
status 0 "a trainer"
cslog member add --badge E1 --name "Eve Evaluator" --role evaluator --pin-stdin <"$T/pin"
status 0 "an evaluator"
cslog member add --badge M1 --name "Mia Member"
status 0 "a member (crew)"
unset CSLOG_AS CSLOG_PIN

for who in M1 T1 S1 E1; do
	start
	wait_for "Who are you?" 30 >/dev/null
	typ "$who"; keys Enter
	[ "$who" = M1 ] || { wait_for "PIN" >/dev/null; typ "1234"; keys Enter; }
	wait_for "cslog — home" >/dev/null
	settle
	bar=$(tail -1 "$T/screen")
	# The keys the home screen lists, one a row at column 2.
	listed=$(sed -n '2,$p' "$T/screen" | sed -n 's/^  \([a-z]\)   .*/\1/p' | tr '\n' ' ')
	ok "$([ -n "$listed" ] && echo 0 || echo 1)" "$who: the home lists its keys ($listed)"
	# Each item of the bar is "KEY WORD": none is a bare key.
	bare=$(printf '%s\n' "$bar" | sed 's/  /\n/g' | grep -v '^[^ ]* [^ ]' | tr '\n' ' ')
	ok "$([ -z "$bare" ] && echo 0 || echo 1)" "$who: every key in the bar has its word: $bar"
	missing=
	for k in $listed; do
		printf '%s\n' "$bar" | grep -q "\(^\|  \)$k [^ ]" || missing="$missing $k"
	done
	ok "$([ -z "$missing" ] || printf '%s' "$bar" | grep -q '? all keys$'; echo $?)" \
	    "$who: every key listed is in the bar, or it ends with '? all keys' (missing:$missing)"
	ok "$(printf '%s' "$bar" | grep -q '? \(help\|all keys\)$'; echo $?)" "$who: the bar ends with ?"
	keys q
done
done_testing
