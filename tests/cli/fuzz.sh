#!/bin/sh
# fuzz.sh - replay every input that once crashed a fuzz target, so the
# bug stays fixed (make fuzz finds them; see tests/fuzz/*_fuzz.c):
#
#   tests/fuzz/regress/cli/*     cslog's arguments, separated by NUL bytes
#   tests/fuzz/regress/import/*  first byte c/j (C/J: --skip-bad) for CSV or
#                                JSON Lines, then the file for cslog import
#   tests/fuzz/regress/policy/*  a policy file, for cslog policy check
#
# Each runs on a fresh copy of a small database, in an empty directory,
# with standard input from /dev/null.  It must end with an exit status,
# not a signal, and leave no sanitizer or valgrind report on stderr
# (make check and make valgrind run this suite too).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "replays fuzz inputs against the file's parsers and SQLite"

export CSLOG_NOW=1790000000 CSLOG_PIN=1234 CSLOG_POLICY_PATH="$SRC/policies"
REG=$SRC/tests/fuzz/regress
TPL=$T/template.db

# The database the inputs run on, like the fuzz targets' template.
echo 1234 >"$T/pin"
(cd "$SRC" && "$CSLOG_BIN" --db "$TPL" member add --badge S1 --name "Sam Super" \
    --role supervisor --pin-stdin) <"$T/pin" >/dev/null 2>"$T/err"
ok $? "template: supervisor S1"
cslog --db "$TPL" member add --badge M7 --name "Mia Member" --as S1
status 0 "template: member M7"
cslog --db "$TPL" log --as M7 --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "Lift assist" --customer-name Ann
status 0 "template: a contact"

# replay FILE ARGS...: run cslog on a fresh copy of the template with the
# NUL-separated arguments of FILE after ARGS; status in $T/status.
replay() {
	_in=$1
	shift
	rm -rf "$T/run" && mkdir "$T/run" && cp "$TPL" "$T/run/cslog.db"
	set -- "$CSLOG_BIN" "$@"
	if [ -n "${CSLOG_VALGRIND:-}" ]; then
		set -- valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect,possible "$@"
	fi
	# xargs -0 keeps empty arguments; the command's stdin is /dev/null.
	CSLOG_DB="$T/run/cslog.db" xargs -0 sh -c \
	    'cd "$1" && shift && { "$@"; echo $? >"$0"; }' "$T/status" "$T/run" "$@" \
	    <"$_in" >"$T/out" 2>"$T/err"
}

# survived NAME: the run ended with a status and no sanitizer report.
survived() {
	st=$(cat "$T/status" 2>/dev/null || echo none)
	case $st in
	none | 99 | 1[3-9][0-9] | 2[0-9][0-9])
		ok 1 "$1 (status $st)"; return ;;
	esac
	if grep -qE 'runtime error|Sanitizer|^==[0-9]+==' "$T/err"; then
		ok 1 "$1 (a sanitizer or valgrind report)"
		sed 's/^/#   /' "$T/err" | head -20
		return
	fi
	ok 0 "$1 (exit $st)"
}

n=0
for f in "$REG"/cli/*; do
	[ -f "$f" ] || continue
	replay "$f"
	survived "cli $(basename "$f")"
	n=$((n + 1))
done

for f in "$REG"/import/*; do
	[ -f "$f" ] || continue
	case $(head -c 1 "$f") in
	j) ext=jsonl skip= ;; J) ext=jsonl skip=--skip-bad ;;
	C) ext=csv skip=--skip-bad ;; *) ext=csv skip= ;;
	esac
	tail -c +2 "$f" >"$T/input.$ext"
	printf '%s\0' import "$T/input.$ext" --as S1 $skip | head -c -1 >"$T/args"
	replay "$T/args"
	survived "import $(basename "$f")"
	n=$((n + 1))
done
for f in "$REG"/policy/*; do
	[ -f "$f" ] || continue
	cp "$f" "$T/input.yaml"
	printf '%s\0' policy check "$T/input.yaml" | head -c -1 >"$T/args"
	replay "$T/args"
	survived "policy $(basename "$f")"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || echo "# no regression inputs yet"

done_testing
