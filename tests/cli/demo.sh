#!/bin/sh
# demo.sh - cslog --demo: a throw-away database in $TMPDIR filled with
# sample data, used by a command like any other, and removed on exit.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "--demo makes a throw-away SQLite file"

export TMPDIR="$T/tmp"
mkdir -p "$TMPDIR"
left() { ls -A "$TMPDIR"; }

cslog --demo list --limit 5
status 0 "--demo list"
is "$(wc -l <"$T/out" | tr -d ' ')" 6 "a header and five contacts"
has "$T/err" "demo database $TMPDIR/cslog-demo." "says where the database is"
has "$T/err" "S1 (supervisor)" "names the supervisor to sign in as"
has "$T/err" "PIN 1234" "gives the demo PIN"
is "$(left)" "" "the directory is gone after the command"
[ ! -e "$CSLOG_DB" ]
ok $? "CSLOG_DB is left alone"

cslog --demo verify
status 0 "the demo data passes verify (audit chain, content hashes)"
has "$T/out" "integrity ok" "verify says so"

if [ -z "${CSLOG_VALGRIND:-}" ] && [ -z "${ASAN_OPTIONS:-}" ]; then
	cslog --demo report --by summary
	status 0 "--demo report"
	has "$T/out" "follow-ups overdue" "the summary has follow-ups"
	cslog --demo member list
	status 0 "--demo member list"
	has "$T/out" "T1" "a trainer"
	has "$T/out" "M101" "a member"
fi

cslog --demo --db "$T/other.db" list
status 64 "--demo with --db is refused"
has "$T/err" "leave out --db" "and says why"
[ ! -e "$T/other.db" ]
ok $? "nothing is made then"

cslog --demo no-such-command
status 64 "--demo with an unknown command"
is "$(left)" "" "no directory is left behind"

# A closed pipe (SIGPIPE) removes the demo database too.
(cd "$SRC" && "$CSLOG_BIN" --demo list --limit 0 2>/dev/null | head -1 >"$T/out")
has "$T/out" "SUMMARY" "--demo list | head: the first line"
is "$(left)" "" "and the demo directory is gone after the pipe closed"

# SIGKILL cannot be caught: the next --demo removes what a dead process
# left, and nothing else.
sh -c 'exit 0' & dead=$!
wait "$dead"
mkdir "$TMPDIR/cslog-demo.dead01" "$TMPDIR/cslog-demo.live01" "$TMPDIR/cslog-demo.other1"
echo "$dead" >"$TMPDIR/cslog-demo.dead01/owner.pid"
echo x >"$TMPDIR/cslog-demo.dead01/cslog.db"
echo "$$" >"$TMPDIR/cslog-demo.live01/owner.pid"
cslog --demo list --limit 1
status 0 "another --demo"
[ ! -e "$TMPDIR/cslog-demo.dead01" ]
ok $? "the directory of a process that is gone is removed"
[ -d "$TMPDIR/cslog-demo.live01" ]
ok $? "that of a live process is kept"
[ -d "$TMPDIR/cslog-demo.other1" ]
ok $? "and a directory without an owner's pid is left alone"
rm -rf "$TMPDIR"/cslog-demo.*

vg=${CSLOG_VALGRIND:-}; CSLOG_VALGRIND=   # valgrind itself needs a TMPDIR
TMPDIR="$T/missing" cslog --demo list
CSLOG_VALGRIND=$vg
status 73 "--demo with a TMPDIR that does not exist"
has "$T/err" "cannot make a directory" "says so"

done_testing
