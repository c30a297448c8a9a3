#!/bin/sh
# import_lock.sh - import reads and checks the whole input before it
# takes the write lock, so an endless or stalled input never holds the
# log; standard input is spooled to a private file meanwhile; a record
# (and the CSV header) is capped at its size; and while an import does
# write, a crew member's `cslog log` waits for it, saying so, instead of
# failing - the import staying all or nothing.  The test build holds an
# import under its lock for CSLOG_TEST_PAUSE=import-locked:SECONDS.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "the file's write lock held against a stalled input"

first_supervisor
count() { sqlite3 "$CSLOG_DB" "select count(*) from contact"; }
log_m7() { # summary: log as M7, straight (no valgrind): status in $rc
	(cd "$SRC" && "$CSLOG_BIN" log --as M7 --policy bsofr --kind recipient \
	    --channel on-scene --outcome resolved --summary "$1") >"$T/out" 2>"$T/err"
	rc=$?
}
H='member,at,policy,kind,channel,outcome,summary'
{ echo "$H"; i=1; while [ $i -le 50 ]; do
	echo "M9,2026-03-02T10:00:00Z,bsofr,recipient,phone,resolved,imported $i"; i=$((i + 1)); done
} >"$T/fifty.csv"

# ---- an input with no end: refused at once, never holding anything
for fmt in csv jsonl; do
	(cd "$SRC" && timeout 60 "$CSLOG_BIN" import /dev/zero --format $fmt) >"$T/out" 2>"$T/err"
	rc=$?
	status 65 "import /dev/zero --format $fmt ends, refused"
	has "$T/err" "the most" "naming the limit ($fmt)"
	has "$T/err" "nothing was imported" "nothing was imported ($fmt)"
done
has "$T/err" "longer than 16 MiB" "a JSON line is capped at 16 MiB"
(cd "$SRC" && head -c 100000000 /dev/zero | timeout 60 "$CSLOG_BIN" import - --format csv) \
    >"$T/out" 2>"$T/err"
rc=$?
status 65 "/dev/zero on standard input ends, refused"
has "$T/err" "the first row is longer than 4096 bytes" "the CSV header is capped at 4 KiB"
{ printf 'member,at,policy'; head -c 5000 /dev/zero | tr '\0' x; echo; } >"$T/wide.csv"
cslog import "$T/wide.csv"
status 65 "a header row of 5000 bytes is refused"
has "$T/err" "line 1: the first row is longer than 4096 bytes" "saying so"
is "$(count)" 0 "nothing was imported"

# ---- a stalled pipe: the import waits for its input holding no lock
mkfifo "$T/stall"
(cd "$SRC" && timeout 120 "$CSLOG_BIN" import - --format csv <"$T/stall" >"$T/stall.out" 2>&1;
    echo "exit $?" >>"$T/stall.out") &
stalled=$!
exec 4>"$T/stall"          # the writer end, open and silent
echo "$H" >&4
sleep 1
start=$(date +%s)
log_m7 "while an import waits for its input"
took=$(( $(date +%s) - start ))
status 0 "cslog log succeeds while an import waits for a stalled pipe"
ok "$([ "$took" -lt 5 ] && echo 0 || echo 1)" "at once ($took s): the import holds no lock"
echo "M9,2026-03-02T10:00:00Z,bsofr,recipient,phone,resolved,from the pipe" >&4
exec 4>&-
wait "$stalled"
has "$T/stall.out" "exit 0" "the import goes on once its input ends"
has "$T/stall.out" "imported 1 contact" "and imports it"
is "$(count)" 2 "both are in the log"

# ---- an import that writes: cslog log waits for it, and nothing is lost
# (standard input from a pipe, which cannot be read twice: spooled)
(cd "$SRC" && cat "$T/fifty.csv" | CSLOG_TEST_PAUSE=import-locked:12 "$CSLOG_BIN" import - \
    --format csv >"$T/imp.out" 2>&1; echo "exit $?" >>"$T/imp.out") &
imp=$!
i=0
while flock -n -s "$CSLOG_DB-import" true 2>/dev/null && [ $i -lt 300 ]; do
	sleep 0.1; i=$((i + 1))
done
ok "$(flock -n -s "$CSLOG_DB-import" true 2>/dev/null && echo 1 || echo 0)" \
    "the import holds its marker ($CSLOG_DB-import)"
pid=$(cut -d' ' -f1 "$CSLOG_DB-import")
ok "$(kill -0 "$pid" 2>/dev/null && echo 0 || echo 1)" "which names its process"
# Standard input was spooled to a file of this user's alone, unlinked.
spool=$(ls -l /proc/"$pid"/fd 2>/dev/null | grep 'cslog-import' | sed 's/.* -> //')
case "$spool" in
*"(deleted)"*) ok 0 "the spool of standard input is unlinked ($spool)" ;;
*) ok 1 "the spool of standard input is unlinked (got '$spool')" ;;
esac
fd=$(ls -l /proc/"$pid"/fd 2>/dev/null | grep 'cslog-import' | awk '{ print $9 }' | head -1)
is "$(stat -L -c %a "/proc/$pid/fd/$fd" 2>/dev/null)" 600 "and is 0600"
log_m7 "saved while the import writes"
status 0 "cslog log during the import succeeds"
has "$T/err" "an import (process $pid" "it said which import it waited for"
has "$T/err" "waiting for it to end" "and that it waited"
wait "$imp"
has "$T/imp.out" "imported 50 contacts" "the import wrote all of its file"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from contact where summary like 'imported %'")" 50 \
    "all 50"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from contact where summary = 'saved while the import writes'")" 1 \
    "and the crew member's contact, after them"
cslog verify
status 0 "the log verifies"

# ---- a second import waits for the first too
sed 's/imported /second /' "$T/fifty.csv" >"$T/second.csv"
(cd "$SRC" && CSLOG_TEST_PAUSE=import-locked:6 "$CSLOG_BIN" import - --format csv \
    <"$T/fifty.csv" >"$T/imp.out" 2>&1; echo "exit $?" >>"$T/imp.out") &
imp=$!
i=0
while flock -n -s "$CSLOG_DB-import" true 2>/dev/null && [ $i -lt 300 ]; do
	sleep 0.1; i=$((i + 1))
done
cslog import "$T/second.csv"
status 0 "a second import waits for the first, then writes"
has "$T/err" "waiting for it to end" "it said it waited"
wait "$imp"
has "$T/imp.out" "exit 0" "the first wrote all of its file"
is "$(count)" 153 "both wrote theirs"
is "$(sqlite3 "$CSLOG_DB" "select min(id) > (select max(id) from contact where summary like 'imported %') from contact where summary like 'second %'")" 1 \
    "the second after the first, not in between"

# ---- a file changed while it is imported: nothing
{ echo "$H"; echo "M9,2026-03-03T10:00:00Z,bsofr,recipient,phone,resolved,one"; } >"$T/grow.csv"
(cd "$SRC" && CSLOG_TEST_PAUSE=import-locked:4 "$CSLOG_BIN" import "$T/grow.csv" \
    >"$T/imp.out" 2>&1; echo "exit $?" >>"$T/imp.out") &
imp=$!
i=0
while flock -n -s "$CSLOG_DB-import" true 2>/dev/null && [ $i -lt 300 ]; do
	sleep 0.1; i=$((i + 1))
done
echo "M9,2026-03-03T11:00:00Z,bsofr,recipient,phone,resolved,two" >>"$T/grow.csv"
wait "$imp"
has "$T/imp.out" "changed while it was imported" "a file changed between the check and the write"
has "$T/imp.out" "exit 65" "is refused"
is "$(count)" 153 "nothing of it was imported"

# ---- all or nothing, through the spool too
{ echo "$H"; echo "M9,2026-03-04T10:00:00Z,bsofr,recipient,phone,resolved,good";
  echo "M9,2026-03-04T10:00:00Z,bsofr,nosuchkind,phone,resolved,bad"; } >"$T/mixed.csv"
(cd "$SRC" && cat "$T/mixed.csv" | "$CSLOG_BIN" import - --format csv) >"$T/out" 2>"$T/err"
rc=$?
status 65 "a piped file with a bad record"
has "$T/err" "line 3: unknown customer kind" "the bad record is named"
is "$(count)" 153 "nothing was imported"
(cd "$SRC" && cat "$T/mixed.csv" | "$CSLOG_BIN" import - --format csv --skip-bad) \
    >"$T/out" 2>"$T/err"
rc=$?
status 65 "with --skip-bad"
has "$T/err" "imported 1 contact" "the good one goes in"
is "$(grep -c 'line 3' "$T/err")" 1 "the bad one is reported once"
has "$T/err" "1 bad record was skipped" "and the bad one is counted once"
is "$(count)" 154 "one more"
done_testing
