#!/bin/sh
# run.sh - run every test suite and add up the results.
#
# Suites: each unit-test program in $CSLOG_TEST_BIN_DIR (cmocka, TAP
# output), then each tests/cli/*.sh and tests/e2e/*.sh script (TAP from
# tests/lib.sh).  A suite that crashes or times out counts as a failure.
# The last line is "N passed, N failed".
#   --no-e2e    skip the terminal (tmux) suites (used under valgrind)
#   SUITE=name  run only suites whose name contains name
set -u
here=$(cd "$(dirname "$0")" && pwd)
e2e=1
[ "${1:-}" = "--no-e2e" ] && e2e=0
: "${CSLOG_BIN:?set CSLOG_BIN}" "${CSLOG_TEST_BIN_DIR:?set CSLOG_TEST_BIN_DIR}"
export CSLOG_BIN CSLOG_SOURCE_DIR="$(dirname "$here")"
export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 CMOCKA_MESSAGE_OUTPUT=TAP
unset CSLOG_DB CSLOG_POLICY_PATH NO_COLOR XDG_DATA_HOME XDG_CONFIG_HOME

log=$(mktemp -d "${TMPDIR:-/tmp}/cslog-run.XXXXXX")
trap 'rm -rf "$log"' EXIT
total_pass=0
total_fail=0
failed_suites=""

run_suite() { # name command...
	name=$1; shift
	case "$name" in *"${SUITE:-}"*) ;; *) return ;; esac
	out="$log/$(echo "$name" | tr / _).out"
	timeout -k 5 "${CSLOG_SUITE_TIMEOUT:-600}" "$@" >"$out" 2>&1
	rc=$?
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
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	if [ "$fail" -gt 0 ]; then
		printf '%-28s %4d passed, %d failed\n' "$name" "$pass" "$fail"
		grep -v '^ok ' "$out" | sed 's/^/    /' | head -60
		failed_suites="$failed_suites $name"
	else
		printf '%-28s %4d passed\n' "$name" "$pass"
	fi
}

vg=""
if [ -n "${CSLOG_VALGRIND:-}" ]; then
	vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible"
fi

cd "$here/.."
for t in "$CSLOG_TEST_BIN_DIR"/*; do
	[ -x "$t" ] || continue
	# shellcheck disable=SC2086
	run_suite "unit/$(basename "$t")" $vg "$t"
done

for dir in cli e2e; do
	[ "$dir" = e2e ] && [ "$e2e" -eq 0 ] && continue
	for s in "$here/$dir"/*.sh; do
		[ -f "$s" ] || continue
		run_suite "$dir/$(basename "$s" .sh)" sh "$s"
	done
done

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
