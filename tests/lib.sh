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
cslog() {
	if [ -n "${CSLOG_VALGRIND:-}" ]; then
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

# pg_cluster: a throwaway PostgreSQL cluster for this suite (initdb and
# pg_ctl from Debian's postgresql package; as the account nobody when
# root, for initdb refuses root; a Unix socket in $T/pg, no TCP), with an
# empty database cslog owned by cslog_dba.  Sets PGBIN, P, DBA (the
# owner's connection string) and TERM_URL (the terminal role's), and
# pg_start, pg_stop, sql (as the owner).  Skips the whole suite when no
# server can run here; stops it at the end.
pg_skip_all() { echo "ok 1 - # SKIP $1"; echo "1..1"; exit 0; }
pg_cluster() {
	[ -n "${CSLOG_VALGRIND:-}" ] && pg_skip_all "the PostgreSQL runs stay out of make valgrind"
	PGBIN=
	for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && PGBIN=$d; done
	[ -n "$PGBIN" ] || pg_skip_all "no PostgreSQL server installed (tools/deps.sh test installs it)"
	command -v psql >/dev/null 2>&1 || pg_skip_all "no psql (postgresql-client)"
	P="$T/pg"
	mkdir -p "$P"
	as_pg() { "$@"; }
	if [ "$(id -u)" -eq 0 ]; then
		command -v setpriv >/dev/null 2>&1 || pg_skip_all "no setpriv to run initdb as nobody"
		id nobody >/dev/null 2>&1 || pg_skip_all "no account nobody to run the server as"
		chmod 0711 "$T"
		chown "nobody:$(id -gn nobody)" "$P"
		as_pg() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
	fi
	pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$P/data" -m immediate stop >/dev/null 2>&1; }
	pg_start() {
		as_pg "$PGBIN/pg_ctl" -D "$P/data" -l "$P/log" -w -t 60 \
		    -o "-c listen_addresses='' -k $P -c max_connections=20 -c shared_buffers=16MB" \
		    start >/dev/null 2>&1
	}
	trap 'pg_stop; _cleanup' EXIT
	as_pg env HOME="$P" "$PGBIN/initdb" -D "$P/data" -U cslog_dba --auth=trust --no-sync \
	    -E UTF8 --locale=C.UTF-8 >"$P/initdb.log" 2>&1 || {
		cat "$P/initdb.log"; pg_skip_all "initdb failed (see above)"; }
	pg_start || { cat "$P/log"; pg_skip_all "the server did not start"; }
	DBA="postgresql:///cslog?host=$P&user=cslog_dba"
	TERM_URL="postgresql:///cslog?host=$P&user=cslog_terminal"
	sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$DBA" -c "$1" 2>&1; }
	psql -X -q "postgresql:///postgres?host=$P&user=cslog_dba" -c "CREATE DATABASE cslog" \
	    >/dev/null 2>&1
}
