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
	[ -f "$T/pg.fresh" ] && [ "$CSLOG_DB" = "${PG_URL:-}" ] && _pg_first "$@" && return
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

# ---- the backend: a SQLite file (default) or a PostgreSQL server --------
# CSLOG_TEST_BACKEND=pg (tests/run.sh's second pass): CSLOG_DB is a fresh
# database of its own on a throwaway cluster (the run's, whose socket
# directory is CSLOG_TEST_PG_HOST; or, run alone, one this suite starts),
# made when the suite first runs cslog; cslog connects as cslog_terminal.
#   backend_only NAME WHY   at a suite's top: the suite is NAME's only
#                           (skipped, with WHY, on the other)
#   file_only WHY && CHECK  one check the file's only (sqlite3 on the file,
#                           its modes...): on a server, a skip saying WHY
#   on_file                 true when CSLOG_DB is the suite's SQLite file
BACKEND=${CSLOG_TEST_BACKEND:-sqlite}
on_file() { [ "$BACKEND" = sqlite ]; }
backend_only() {
	[ "$BACKEND" = "$1" ] && return 0
	echo "ok 1 - # SKIP $1 only: $2"
	echo "1..1"
	exit 0
}
file_only() {
	on_file && return 0
	_n=$((_n + 1))
	echo "ok $_n - # SKIP file only: $1"
	return 1
}
if [ "$BACKEND" = pg ]; then
	_pgdb=t_$(basename "$T" | tr -c 'A-Za-z0-9\n' _)
	PG_HOST=${CSLOG_TEST_PG_HOST:-$T/pg}
	PG_URL="postgresql:///$_pgdb?host=$PG_HOST&user=cslog_terminal"
	PG_DBA_URL="postgresql:///$_pgdb?host=$PG_HOST&user=cslog_dba"
	export CSLOG_DB="$PG_URL"
	unset CSLOG_SNAPSHOTS   # docs/screens.md's screens are the file's
	: >"$T/pg.fresh"
fi

# sqlite3 [OPTIONS] DB [SQL]: on the suite's server (DB the server's URL),
# the query is psql's, as the database's owner, in schema cslog (and
# public, for a group_concat as SQLite's), its output as the sqlite3
# shell's (fields joined by |, no header), so that
# a suite's counts and lookups read whichever store it runs on.  A query
# in SQLite's own dialect (json_extract, hex...) fails there: such a
# check is marked file_only.  Any other DB is the sqlite3 shell's.
sqlite3() {
	_db=
	_q=
	_skip=
	for _a in "$@"; do
		if [ -n "$_skip" ]; then _skip=; continue; fi
		case $_a in
		-cmd) _skip=1 ;;
		-*) ;;
		*) if [ -z "$_db" ]; then _db=$_a; else _q=$_a; fi ;;
		esac
	done
	if [ "$BACKEND" != pg ] || [ "$_db" != "${PG_URL:-}" ]; then
		command sqlite3 "$@"
		return
	fi
	[ -n "$_q" ] || _q=$(cat)
	psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 "$PG_DBA_URL" \
	    -c "SET search_path = cslog, public" -c "$_q"
}

# _pg_first ARGS: the suite's first cslog on its server.  An empty file's
# first step is the first supervisor's `member add --role supervisor`;
# on a server `admin init-server` makes that supervisor (badge, name and
# PIN the same), so the database is made here and ARGS become that
# init-server (true: done).  A command before it (a policy check...) runs
# as it is (false), on the database made but empty.
_pg_first() {
	if [ ! -f "$T/pg.made" ]; then
		if [ -z "${CSLOG_TEST_PG_HOST:-}" ]; then
			. "$SRC/tests/pg_lib.sh"
			pg_need
			pg_new pg
			pg_start pg || { cat "$T/pg/log"; pg_skip_all "the server did not start"; }
		fi
		psql -X -q "postgresql:///postgres?host=$PG_HOST&user=cslog_dba" \
		    -c "CREATE DATABASE \"$_pgdb\"" >"$T/err" 2>&1 || { rc=69; return 0; }
		# SQLite's group_concat for the suites' checks (sqlite3 below),
		# in the test database's public schema, never in cslog's
		psql -X -q -v ON_ERROR_STOP=1 "$PG_DBA_URL" -c "
		    CREATE FUNCTION public.gc_step(a text, v text, sep text) RETURNS text
		      LANGUAGE sql IMMUTABLE AS
		      'SELECT CASE WHEN v IS NULL THEN a WHEN a IS NULL THEN v ELSE a || sep || v END';
		    CREATE FUNCTION public.gc_step(a text, v text) RETURNS text
		      LANGUAGE sql IMMUTABLE AS 'SELECT public.gc_step(a, v, '','')';
		    CREATE AGGREGATE public.group_concat(text, text) (sfunc = public.gc_step, stype = text);
		    CREATE AGGREGATE public.group_concat(text) (sfunc = public.gc_step, stype = text);" \
		    >"$T/err" 2>&1 || { rc=69; return 0; }
		: >"$T/pg.made"
	fi
	_sup='' _badge='' _name='' _pin='' _prev=''
	for _a in "$@"; do
		case $_prev in
		--badge) _badge=$_a ;;
		--name) _name=$_a ;;
		--role) [ "$_a" = supervisor ] && _sup=1 ;;
		esac
		[ "$_a" = --pin-stdin ] && _pin=--pin-stdin
		_prev=$_a
	done
	case " $* " in
	*" member add "*) ;;
	*) _sup= ;;
	esac
	if [ -n "$_sup" ] && [ -n "$_badge" ]; then
		rm -f "$T/pg.fresh"
		cslog admin init-server "$PG_DBA_URL" --badge "$_badge" --name "$_name" $_pin
		return 0
	fi
	return 1
}
