#!/bin/sh
# run.sh - run every test suite and add up the results.
#
# Suites: each tests/cli/*.sh script and each unit-test program in
# $CSLOG_TEST_BIN_DIR (cmocka), several at a time, then each
# tests/e2e/*.sh script, one at a time; all write TAP (tests/lib.sh).
# A suite that crashes or times out counts as a failure.
# Each suite's line gives its wall-clock seconds (to see where CI's time
# goes).  The last line is "N passed, N failed".
#   --no-e2e    skip the terminal (tmux) suites (used under valgrind)
#   CSLOG_TEST_PG=1  then run the command-line and terminal suites a
#               second time against a PostgreSQL server (CSLOG_TEST_BACKEND=pg,
#               tests/lib.sh), named pg:cli/log etc.: one throwaway cluster
#               for the run, a database for each suite; a suite that is
#               the file's only says so (skipped, with its reason).  Never
#               under valgrind.
#   SUITE=name  run only suites whose name contains name
set -u
here=$(cd "$(dirname "$0")" && pwd)
e2e=1
[ "${1:-}" = "--no-e2e" ] && e2e=0
: "${CSLOG_BIN:?set CSLOG_BIN}" "${CSLOG_TEST_BIN_DIR:?set CSLOG_TEST_BIN_DIR}"
export CSLOG_BIN CSLOG_SOURCE_DIR="$(dirname "$here")"
export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 CMOCKA_MESSAGE_OUTPUT=TAP
unset CSLOG_DB CSLOG_POLICY_PATH NO_COLOR XDG_DATA_HOME XDG_CONFIG_HOME

# --exec NAME: run one suite (its command in $CSLOG_RUN_LOG/NAME.cmd, a
# word a line) and keep its output and exit status.
if [ "${1:-}" = "--exec" ]; then
	f="$CSLOG_RUN_LOG/$2"
	set --
	while IFS= read -r a; do set -- "$@" "$a"; done <"$f.cmd"
	t0=$(date +%s)
	timeout -k 5 "${CSLOG_SUITE_TIMEOUT:-600}" "$@" >"$f.out" 2>&1
	echo $? >"$f.rc"
	echo $(($(date +%s) - t0)) >"$f.time"
	exit 0
fi

log=$(mktemp -d "${TMPDIR:-/tmp}/cslog-run.XXXXXX")
trap 'rm -rf "$log"' EXIT
export CSLOG_RUN_LOG="$log"

# The PostgreSQL pass's cluster: tests/pg_lib.sh's, in $log/pg, started
# in a subshell (its set-up exits when no server can run here: the pass
# is then reported skipped), stopped when the run ends.
pg=0
[ -n "${CSLOG_TEST_PG:-}" ] && [ -z "${CSLOG_VALGRIND:-}" ] && pg=1
pg_skipped=""
pg_cluster() { # start|stop
	(
		T=$log
		_cleanup() { :; }
		. "$here/pg_lib.sh"
		pg_need
		trap - EXIT
		if [ "$1" = stop ]; then pg_stop pg; exit 0; fi
		pg_new pg
		pg_start pg || { cat "$T/pg/log"; exit 1; }
		# The roles are the cluster's: made once here, so that the
		# suites' init-servers, side by side, never race to make
		# them or to grant cslog_owner ("tuple concurrently updated").
		psql -X -q "postgresql:///postgres?host=$T/pg&user=cslog_dba" \
		    -c "CREATE ROLE cslog_owner NOLOGIN" -c "CREATE ROLE cslog_terminal LOGIN" \
		    -c "GRANT cslog_owner TO cslog_dba" \
		    >/dev/null || exit 1
		echo up >"$T/pg.up"
	) >"$log/pg.start" 2>&1
}
if [ "$pg" -eq 1 ]; then
	pg_cluster start
	if [ -f "$log/pg.up" ]; then
		export CSLOG_TEST_PG_HOST="$log/pg"
		trap 'pg_cluster stop; rm -rf "$log"' EXIT
		trap 'exit 130' INT TERM HUP   # the cluster is stopped then too
	else
		pg=0
		pg_skipped=$(sed -n 's/^ok 1 - # SKIP //p' "$log/pg.start")
		[ -n "$pg_skipped" ] || pg_skipped="the server did not start: $(tail -3 "$log/pg.start")"
	fi
fi
total_pass=0
total_fail=0
failed_suites=""
# Suites that need no terminal run CSLOG_JOBS at a time (default: the
# number of processors); each has its own temporary directory.  The
# terminal suites run one at a time: they wait for screens.
jobs=${CSLOG_JOBS:-$(nproc 2>/dev/null || echo 1)}

vg=""
if [ -n "${CSLOG_VALGRIND:-}" ]; then
	vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible"
fi

# add NAME COMMAND...: a suite to run, if SUITE picks it.
order=""
add() {
	case "$1" in *"${SUITE:-}"*) ;; *) return ;; esac
	_f=$(echo "$1" | tr / _)
	shift
	printf '%s\n' "$@" >"$log/$_f.cmd"
	order="$order $_f"
}

# report FILE-NAME: count one finished suite.
report() {
	name=$(echo "$1" | sed 's/_/\//')
	out="$log/$1.out"
	rc=$(cat "$log/$1.rc" 2>/dev/null || echo 1)
	if [ "$(grep -c '^ok \|^not ok ' "$out")" -eq 1 ] && grep -q '^ok 1 - # SKIP' "$out"; then
		printf '%-28s skipped: %s\n' "$name" "$(sed -n 's/^ok 1 - # SKIP //p' "$out")"
		return
	fi
	pass=$(grep -c '^ok ' "$out")
	fail=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
		fail=1
		echo "not ok - $name exited with status $rc" >>"$out"
	fi
	if [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ]; then
		fail=1
		echo "not ok - $name ran no test" >>"$out"
	fi
	secs=$(cat "$log/$1.time" 2>/dev/null || echo 0)
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	if [ "$fail" -gt 0 ]; then
		printf '%-28s %4d passed, %d failed  %4ds\n' "$name" "$pass" "$fail" "$secs"
		grep -v '^ok ' "$out" | sed 's/^/    /' | head -60
		failed_suites="$failed_suites $name"
	else
		printf '%-28s %4d passed  %4ds\n' "$name" "$pass" "$secs"
	fi
}

cd "$here/.."
# The command-line suites first: they take longest.
for s in "$here"/cli/*.sh; do
	[ -f "$s" ] && add "cli/$(basename "$s" .sh)" sh "$s"
done
for t in "$CSLOG_TEST_BIN_DIR"/*; do
	[ -x "$t" ] || continue
	# shellcheck disable=SC2086
	add "unit/$(basename "$t")" $vg "$t"
done
if [ "$pg" -eq 1 ]; then
	for s in "$here"/cli/*.sh; do
		[ -f "$s" ] && add "pg:cli/$(basename "$s" .sh)" env CSLOG_TEST_BACKEND=pg sh "$s"
	done
fi
parallel=$order
order=""
if [ "$e2e" -eq 1 ]; then
	for s in "$here"/e2e/*.sh; do
		[ -f "$s" ] && add "e2e/$(basename "$s" .sh)" sh "$s"
	done
	if [ "$pg" -eq 1 ]; then
		for s in "$here"/e2e/*.sh; do
			[ -f "$s" ] && add "pg:e2e/$(basename "$s" .sh)" env CSLOG_TEST_BACKEND=pg sh "$s"
		done
	fi
fi
serial=$order

for f in $parallel; do echo "$f"; done | xargs -r -P "$jobs" -n 1 sh "$here/run.sh" --exec
for f in $parallel; do report "$f"; done
for f in $serial; do
	sh "$here/run.sh" --exec "$f"
	report "$f"
done

[ -n "$pg_skipped" ] && echo "the PostgreSQL pass was skipped: $pg_skipped"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
