# lib.sh - shared by the shell test suites (tests/cli, tests/e2e).
#
# Each suite sources this file, calls the helpers, and ends with `done_testing`.
# Output is TAP ("ok N - what", "not ok N - what") so tests/run.sh can add
# it up.  Every suite gets its own temporary directory ($T), removed at
# the end, and a pinned environment.
set -u
: "${CSLOG_BIN:?}" "${CSLOG_SOURCE_DIR:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/cslog-test.XXXXXX")
export HOME="$T/home" TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
export CSLOG_DB="$T/cslog.db"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CONFIG_HOME CSLOG_POLICY_PATH NO_COLOR
SRC=$CSLOG_SOURCE_DIR
_n=0
_failed=0
_cleanup() { rm -rf "$T"; }
trap _cleanup EXIT

# cslog ARGS: run the binary (under valgrind when CSLOG_VALGRIND is set),
# from the source tree, stdout to $T/out, stderr to $T/err, status in $rc.
# It runs in a session of its own, with no controlling terminal: a PIN
# not given in CSLOG_PIN is refused instead of asked for (a suite run
# from a terminal must not wait for one).
NOTTY=
command -v setsid >/dev/null 2>&1 && NOTTY="setsid -w"
# Under make valgrind, a command line of a shape that has already run
# under valgrind CSLOG_VALGRIND_SAME times in this run (default 3) runs
# plainly: its shape is its option names and its plain lower-case words
# (commands, and values such as a policy or a kind), not its texts,
# numbers or paths ("log --as --policy bsofr --summary"), so a suite's
# hundredth such "log" is the same code again.  make check (ASan, UBSan) still runs
# every call; CSLOG_VALGRIND_SAME=0 (make valgrind-all) runs every call
# under valgrind too.
_vg_dir=${CSLOG_RUN_LOG:-$T}/valgrind-shapes
vg_fresh() { # ARGS: true if this shape still runs under valgrind
	_same=${CSLOG_VALGRIND_SAME:-3}
	[ "$_same" -eq 0 ] && return 0
	_shape=
	for _a in "$@"; do
		case $_a in
		-*) _shape="$_shape ${_a%%=*}" ;;
		*[!a-z-]*) ;;
		[a-z]*) _shape="$_shape $_a" ;;
		esac
	done
	_key=$(printf '%s' "$_shape" | cksum | cut -d' ' -f1)
	mkdir -p "$_vg_dir"
	echo . >>"$_vg_dir/$_key"
	[ "$(wc -l <"$_vg_dir/$_key")" -le "$_same" ]
}
cslog() {
	if [ -n "${CSLOG_VALGRIND:-}" ] && vg_fresh "$@"; then
		(cd "$SRC" && $NOTTY valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect,possible \
		    "$CSLOG_BIN" "$@") >"$T/out" 2>"$T/err"
	else
		(cd "$SRC" && $NOTTY "$CSLOG_BIN" "$@") >"$T/out" 2>"$T/err"
	fi
	rc=$?
}

ok() { # condition-status description
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_failed=$((_failed + 1))
		if [ -s "$T/err" ]; then sed 's/^/#   stderr: /' "$T/err" | head -10; fi
	fi
}

# is GOT WANT description
is() {
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2" | head -20
	fi
}

# status WANT description: the last cslog's exit status
status() { is "$rc" "$1" "$2 (exit $1)"; }

# has FILE TEXT description: FILE contains TEXT (fixed string)
has() {
	if grep -qF -- "$2" "$1"; then ok 0 "$3"; else
		ok 1 "$3"
		printf '#   %s has no %s; it holds:\n' "$1" "$2"
		sed 's/^/#     /' "$1" | head -10
	fi
}

# lacks FILE TEXT description
lacks() {
	if grep -qF -- "$2" "$1"; then ok 1 "$3"; sed 's/^/#     /' "$1" | head -5; else ok 0 "$3"; fi
}

# A new log: its first supervisor S1 (PIN 1234, kept in $T/pin), acting
# from here on (CSLOG_AS, CSLOG_PIN), and a member M7 without a PIN.
first_supervisor() {
	printf '1234\n' >"$T/pin"
	cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
	status 0 "the first supervisor"
	export CSLOG_AS=S1 CSLOG_PIN=1234
	cslog member add --badge M7 --name "Mia Member"
}

# plain ARGS: cslog, but never under valgrind: for the fixtures a suite
# builds and the checks that repeat a path valgrind already ran (a
# refusal, a second import), which under make valgrind only cost time.
plain() {
	_vg=${CSLOG_VALGRIND:-}
	CSLOG_VALGRIND=
	cslog "$@"
	CSLOG_VALGRIND=$_vg
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}

# hasf FILE TEXT description: FILE contains TEXT once its lines are joined
# (text wrapped to the terminal's width may break anywhere)
hasf() {
	tr '\n' ' ' <"$1" | tr -s ' ' >"$1.flat"
	if grep -qF -- "$2" "$1.flat"; then ok 0 "$3"; else
		ok 1 "$3"
		printf '#   %s has no %s\n' "$1" "$2"
	fi
}
