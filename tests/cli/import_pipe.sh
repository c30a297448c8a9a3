#!/bin/sh
# import_pipe.sh - import's writing pass takes the records the checking
# pass kept (not the input read again) and writes them while a second
# thread decodes and checks the next ones; the database it makes is
# the very one the old way made (the input read again, one thread: the
# test build's CSLOG_TEST_IMPORT_SERIAL=1), row for row and hash for
# hash, at the same clock; bad records are still refused by their line
# before anything is written; verify passes after.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "the file's second connection during an import"

first_supervisor
(cd "$SRC" && "$CSLOG_BIN" --demo export --format csv --output "$T/demo.csv") 2>"$T/err"
ok $? "a sample export (the demo's contacts, with amendments)"
if [ -n "${CSLOG_VALGRIND:-}" ]; then
	# under valgrind (every command's PIN check takes seconds there): the
	# new code's paths once each, on 300 contacts, then stop
	head -301 "$T/demo.csv" >"$T/short.csv"
	export CSLOG_NOW=$(($(date +%s) + 60))
	cp "$CSLOG_DB" "$T/vg.db"
	cslog --db "$T/vg.db" import "$T/short.csv"
	status 0 "CSV import, the new way"
	has "$T/err" "imported 300 contacts" "all 300"
	cp "$CSLOG_DB" "$T/vg2.db"
	{ cat "$T/short.csv"; echo "1,2026-03-02T10:00:00Z,,M7,,no-such-policy"; } >"$T/bad.csv"
	cslog --db "$T/vg2.db" import "$T/bad.csv"
	status 65 "a bad last record: nothing imported"
	has "$T/err" "line 302:" "by its line"
	cslog --db "$T/vg.db" export --format jsonl --output "$T/short.jsonl"
	{ head -150 "$T/short.jsonl"; echo 'not json'; tail -n +151 "$T/short.jsonl"; } \
	    >"$T/bad.jsonl"
	cp "$CSLOG_DB" "$T/vg3.db"
	cslog --db "$T/vg3.db" import "$T/bad.jsonl"
	status 65 "JSON Lines, parsed on two threads: a bad line refused"
	has "$T/err" "line 151:" "by its line"
	done_testing
	exit
fi
# one stopped clock for every import, a minute on: the same stamps
export CSLOG_NOW=$(($(date +%s) + 60))
n=$(($(wc -l <"$T/demo.csv") - 1))
base=$T/base.db
cp "$CSLOG_DB" "$base"

# import NAME FILE [ARGS]: into a copy of the log with S1 and M7, the
# new way; SERIAL=1 first in the environment for the old way
import() {
	_db=$T/$1.db
	shift
	cp "$base" "$_db"
	cslog --db "$_db" import "$@"
}
dump() { # the whole database as SQL, search index and all
	sqlite3 "$T/$1.db" .dump
}
same() { # A B description
	dump "$1" >"$T/$1.sql"
	dump "$2" >"$T/$2.sql"
	cmp -s "$T/$1.sql" "$T/$2.sql"
	ok $? "$3"
	cmp "$T/$1.sql" "$T/$2.sql" | sed 's/^/#   /'
}

import new-csv "$T/demo.csv"
status 0 "CSV import, the new way"
has "$T/err" "imported $n contacts" "all $n contacts"
CSLOG_TEST_IMPORT_SERIAL=1 import old-csv "$T/demo.csv"
status 0 "CSV import, the old way"
same new-csv old-csv "CSV: the same database both ways (rows, audit chain, search index)"
# the new way writes with SQLite's foreign-key checks off and each
# contact event's detail built in C: every reference still holds, and
# each detail is the very text SQLite's json_object gives
is "$(sqlite3 "$T/new-csv.db" "PRAGMA foreign_key_check" | wc -l)" 0 \
    "foreign keys off for the bulk: every reference holds"
is "$(sqlite3 "$T/new-csv.db" "SELECT count(*) FROM audit WHERE entity = 'contact'
    AND action IN ('contact.insert', 'contact.amend') AND detail IS NOT json_object(
    'content', detail->>'content', 'protected', detail->>'protected',
    'amends', detail->>'amends', 'debrief', detail->>'debrief')")" 0 \
    "each contact event's detail is json_object's own text"
is "$(sqlite3 "$T/new-csv.db" "SELECT count(*) FROM audit WHERE action = 'contact.amend'
    AND detail->>'amends' IS NOT NULL AND detail->>'protected' IS NOT NULL")" \
    "$(sqlite3 "$T/new-csv.db" "SELECT count(*) FROM audit a JOIN contact c ON c.id = a.entity_id
    JOIN contact_private p ON p.contact_id = c.id WHERE a.action = 'contact.amend'")" \
    "amendments with protected fields: both in the detail"
cslog --db "$T/new-csv.db" export --format jsonl --output "$T/demo.jsonl"
status 0 "the same contacts as JSON Lines"
is "$(sqlite3 "$T/new-csv.db" "select count(*) > 0 from contact where amends is not null")" 1 \
    "with amendments"

import new-jsonl "$T/demo.jsonl"
status 0 "JSON Lines import, the new way"
CSLOG_TEST_IMPORT_SERIAL=1 import old-jsonl "$T/demo.jsonl"
status 0 "JSON Lines import, the old way"
same new-jsonl old-jsonl "JSON Lines: the same database both ways"
same new-jsonl new-csv "JSON Lines and CSV of the same contacts: the same database"

cslog --db "$T/new-csv.db" verify
status 0 "verify passes after a CSV import"
cslog --db "$T/new-jsonl.db" verify
status 0 "verify passes after a JSON Lines import"

# JSON Lines' checking pass parses on two threads and takes the lines
# in order: bad lines of every kind, named by their lines with the very
# messages one thread gives, in the same order; --skip-bad the same
{ sed -n 1,300p "$T/demo.jsonl"; echo '{"id": 1, "id": 2}'; echo
  printf '{"summary":"a\000b"}\n'; echo 'not json'; sed -n 301,900p "$T/demo.jsonl"
  echo '{"nosuchfield":1}'; echo '[1,2]'; echo '{"member":"M9","policy":"no-such-policy"}'
  tail -n +901 "$T/demo.jsonl"; } >"$T/bad.jsonl"
import new-badj "$T/bad.jsonl"
status 65 "JSON Lines with bad lines: refused"
has "$T/err" "line 301:" "the first bad line named"
has "$T/err" "line 907:" "the last bad line named"
is "$(sqlite3 "$T/new-badj.db" "select count(*) from contact")" 0 "no contact written"
cp "$T/err" "$T/err.newj"
CSLOG_TEST_IMPORT_SERIAL=1 import old-badj "$T/bad.jsonl"
cmp -s "$T/err" "$T/err.newj"
ok $? "the same messages in the same order as one thread"
import new-skipj "$T/bad.jsonl" --skip-bad
status 65 "JSON Lines --skip-bad"
CSLOG_TEST_IMPORT_SERIAL=1 import old-skipj "$T/bad.jsonl" --skip-bad
same new-skipj old-skipj "JSON Lines --skip-bad: the same database both ways"
same new-skipj new-jsonl "... and the same as the file without the bad lines"

# standard input (a pipe): spooled by the old way, the checked records
# kept by the new
cp "$base" "$T/new-stdin.db"
cat "$T/demo.csv" | (cd "$SRC" &&
    "$CSLOG_BIN" --db "$T/new-stdin.db" import - --format csv) >/dev/null 2>&1
ok $? "CSV on standard input, the new way"
same new-stdin new-csv "standard input: the same database as the file"

# amendments before the versions they correct wait for them: the same
{ head -1 "$T/demo.csv"; tail -n +2 "$T/demo.csv" | sort -r; } >"$T/rev.csv"
import new-rev "$T/rev.csv"
status 0 "the contacts in reverse order, the new way"
CSLOG_TEST_IMPORT_SERIAL=1 import old-rev "$T/rev.csv"
same new-rev old-rev "amendments that wait for their original: the same both ways"

# protected fields: the detail names their hash, as json_object would
sed -n 1,3p "$T/demo.csv" | sed 's/\r$//; 1s/$/,customer_name,customer_email/;
    2s/$/,Ann Example,ann@example.org/; 3s/$/,,/' >"$T/prot.csv"
import new-prot "$T/prot.csv"
status 0 "contacts with protected fields"
is "$(sqlite3 "$T/new-prot.db" "SELECT count(*) FROM audit WHERE action = 'contact.insert'
    AND detail->>'protected' GLOB '[0-9a-f]*' AND detail IS json_object('content',
    detail->>'content', 'protected', detail->>'protected', 'amends', NULL, 'debrief',
    detail->>'debrief')")" 1 "the one with protected fields: its hash in json_object's text"
cslog --db "$T/new-prot.db" verify
status 0 "verify passes (the protected hash too)"

# ---- an id the file repeats: the writer's look-up is skipped only for
# ids above every id written so far, so the second one is still taken
{ cat "$T/demo.csv"; sed -n 2p "$T/demo.csv"; } >"$T/dup.csv"
import new-dup "$T/dup.csv"
status 65 "a contact id given twice: refused"
has "$T/err" "line $((n + 2)): contact id $(sed -n 2p "$T/demo.csv" | cut -d, -f1) is taken" \
    "the second one named by its line"
is "$(sqlite3 "$T/new-dup.db" "select count(*) from contact")" 0 "no contact written"
import new-dups "$T/dup.csv" --skip-bad
status 65 "--skip-bad: the repeated one skipped"
CSLOG_TEST_IMPORT_SERIAL=1 import old-dups "$T/dup.csv" --skip-bad
same new-dups old-dups "--skip-bad with a repeated id: the same database both ways"
same new-dups new-csv "... and the same as the file without it"

# ---- bad records: refused by their line, before anything is written
# line ID POLICY [AMENDS]: a record of the export's 24 columns
line() {
	printf '%s,2026-03-02T10:00:00Z,,M9,,%s,,recipient,phone,resolved,x,,,,,,,,,,,%s,%s,\n' \
	    "$1" "$2" "${3:-}" "${3:+typo}"
}
{ head -700 "$T/demo.csv"; line 900001 no-such-policy; tail -n +701 "$T/demo.csv"; } >"$T/bad.csv"
import new-bad "$T/bad.csv"
status 65 "refused"
has "$T/err" "line 701:" "by its line"
has "$T/err" "nothing was imported" "nothing was imported"
is "$(sqlite3 "$T/new-bad.db" "select count(*) from contact")" 0 "no contact written"
cp "$T/err" "$T/err.new"
CSLOG_TEST_IMPORT_SERIAL=1 import old-bad "$T/bad.csv"
cmp -s "$T/err" "$T/err.new"
ok $? "the same messages as the old way"

import new-skip "$T/bad.csv" --skip-bad
status 65 "--skip-bad: the good ones in, the bad one skipped (exit 65)"
has "$T/err" "1 bad record was skipped" "saying so"
CSLOG_TEST_IMPORT_SERIAL=1 import old-skip "$T/bad.csv" --skip-bad
same new-skip old-skip "--skip-bad: the same database both ways"
cslog --db "$T/new-skip.db" verify
status 0 "verify passes after a --skip-bad import"
{ head -1 "$T/demo.csv"; line 900001 no-such-policy; } >"$T/allbad.csv"
import new-allbad "$T/allbad.csv" --skip-bad
status 65 "--skip-bad with every record bad"
has "$T/err" "1 bad record was skipped" "saying so"
lacks "$T/err" "imported 0" "and not that it imported 0 contacts"

# an amendment whose original never comes: found only by the writer,
# after the others went in (on its thread), and all rolled back
{ head -1 "$T/demo.csv"; line 900001 bsofr 888888; tail -n +2 "$T/demo.csv"; } >"$T/orphan.csv"
import new-orphan "$T/orphan.csv"
status 65 "an amendment of a contact that is in neither the log nor the file"
has "$T/err" "line 2:" "refused by its line"
is "$(sqlite3 "$T/new-orphan.db" "select count(*) from contact")" 0 "nothing written"
CSLOG_TEST_IMPORT_SERIAL=1 import old-orphan "$T/orphan.csv"
same new-orphan old-orphan "the same (untouched) database both ways"

# ---- protected fields on many contacts: the same database both ways,
# but for each salt (drawn at random, so never the same twice) and what
# hangs on it: the protected hash in each detail and the chain's hashes
# (64 hex digits); verify checks those on each side
awk 'NR % 3 == 0 { sub(/}$/, ",\"customer_name\":\"Cust " NR "\",\"customer_email\":\"c" NR "@example.org\"}") } { print }' \
    "$T/demo.jsonl" >"$T/protj.jsonl"
import new-protj "$T/protj.jsonl"
status 0 "JSON Lines, a third of the contacts with protected fields"
CSLOG_TEST_IMPORT_SERIAL=1 import old-protj "$T/protj.jsonl"
status 0 "... the old way"
is "$(sqlite3 "$T/new-protj.db" "select count(*) from contact_private")" \
    "$(($(wc -l <"$T/protj.jsonl") / 3))" "each of them has its protected row"
masked() {
	sqlite3 "$T/$1.db" .dump | sed "s/X'[0-9a-f]\{64\}'/X''/g;
	    s/\"protected\":\"[0-9a-f]\{64\}\"/\"protected\":\"x\"/g" >"$T/$1.msql"
}
masked new-protj
masked old-protj
cmp -s "$T/new-protj.msql" "$T/old-protj.msql"
ok $? "protected fields: the same database both ways, salts and hashes aside"
cmp "$T/new-protj.msql" "$T/old-protj.msql" | sed 's/^/#   /'
cslog --db "$T/new-protj.db" verify
status 0 "verify passes (each protected hash from its staged salt)"

# ---- contacts with no id (numbered one above the largest), among them an
# amendment of a contact the log already holds, whose open follow-up it
# takes over (with its event): written row by row both ways
cp "$base" "$T/fu-base.db"
cslog --db "$T/fu-base.db" log --as M7 --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "promised a call back" \
    --follow-up "$(date -u -d "@$((CSLOG_NOW + 86400))" '+%Y-%m-%d %H:%M')"
status 0 "a contact with a follow-up in the log before the import"
fid=$(sqlite3 "$T/fu-base.db" "select max(id) from contact")
{ head -1 "$T/demo.csv"; i=0; while [ $i -lt 40 ]; do line "" bsofr; i=$((i + 1)); done
  line "" bsofr "$fid"; line "" bsofr; line "" bsofr 1000; line "" bsofr; } >"$T/fu.csv"
cp "$T/fu-base.db" "$T/new-fu.db"
cslog --db "$T/new-fu.db" import "$T/fu.csv" --skip-bad
status 65 "no ids, an amendment of a logged contact, one of a contact nowhere (skipped)"
has "$T/err" "line 44: no contact 1000" "the missing original named by its line"
cp "$T/fu-base.db" "$T/old-fu.db"
CSLOG_TEST_IMPORT_SERIAL=1 cslog --db "$T/old-fu.db" import "$T/fu.csv" --skip-bad
same new-fu old-fu "the same database both ways (ids given by the log, the follow-up moved)"
is "$(sqlite3 "$T/new-fu.db" "select count(*) from audit where action = 'followup.move'")" 1 \
    "the follow-up moved with its event"
cslog --db "$T/new-fu.db" verify
status 0 "verify passes"

# ---- the stage: a private file, gone when the import ends, whatever way
mkdir "$T/tmp"
TMPDIR=$T/tmp import new-tmp "$T/demo.csv"
status 0 "an import with its own temporary directory"
is "$(ls -A "$T/tmp" | wc -l)" 0 "nothing left in it"
TMPDIR=$T/tmp import new-tmpbad "$T/bad.csv"
status 65 "a refused import"
is "$(ls -A "$T/tmp" | wc -l)" 0 "nothing left in it either"
TMPDIR=$T/tmp import new-tmporph "$T/orphan.csv"
status 65 "an import refused under the lock (an original that never comes)"
is "$(ls -A "$T/tmp" | wc -l)" 0 "nothing left"
# killed while it checks (kill -9 runs no clean-up): the stage, customers'
# protected fields in it, is unlinked before its first record, so it is
# never seen in the directory and nothing of it outlives the process
mkfifo "$T/stall"
cp "$base" "$T/killed.db"
(cd "$SRC" && TMPDIR=$T/tmp exec "$CSLOG_BIN" --db "$T/killed.db" import - --format jsonl \
    <"$T/stall" >"$T/killed.out" 2>&1) &
killed=$!
exec 4>"$T/stall"          # the writer end: 300 records, then silent
head -300 "$T/protj.jsonl" >&4
stage=
i=0
while [ -z "$stage" ] && [ $i -lt 300 ]; do
	stage=$(ls -l /proc/"$killed"/fd 2>/dev/null | grep 'cslog-import' | sed 's/.* -> //')
	[ -n "$stage" ] || { sleep 0.1; i=$((i + 1)); }
done
case "$stage" in
*"$T/tmp/cslog-import-stage."*"(deleted)"*) ok 0 "while it checks, the stage is open, unlinked" ;;
*) ok 1 "while it checks, the stage is open, unlinked (open: '$stage')" ;;
esac
ls -A "$T/tmp" >"$T/seen"
is "$(wc -l <"$T/seen")" 0 "no file of it in TMPDIR meanwhile ($(cat "$T/seen"))"
kill -KILL "$killed"
{ wait "$killed"; } 2>/dev/null
exec 4>&-
is "$(ls -A "$T/tmp" | wc -l)" 0 "killed with SIGKILL while it checks: nothing left in TMPDIR"
is "$(sqlite3 "$T/killed.db" "select count(*) from contact")" \
    "$(sqlite3 "$base" "select count(*) from contact")" "and nothing imported"

# ---- where the checked records are kept
export TMPDIR="$T/no-such-dir"
import new-notmp "$T/demo.csv"
status 0 "no temporary directory: a regular file is read again instead"
same new-notmp new-csv "the same database"
cp "$base" "$T/stdin-notmp.db"
cat "$T/demo.csv" | (cd "$SRC" &&
    "$CSLOG_BIN" --db "$T/stdin-notmp.db" import - --format csv) >"$T/out" 2>"$T/err"
rc=$?
status 73 "standard input with nowhere to keep it: refused"
has "$T/err" "cannot make a file in $T/no-such-dir" "saying where"
unset TMPDIR
# no room for them: the file-size limit stands in for a full disk
cp "$base" "$T/full.db"
(trap '' XFSZ; ulimit -f 200; cd "$SRC" &&
    "$CSLOG_BIN" --db "$T/full.db" import "$T/demo.csv") >"$T/out" 2>"$T/err"
rc=$?
status 74 "the checked records do not fit: refused"
has "$T/err" "the input could not be held while it was checked (File too large)" "saying why"
has "$T/err" "nothing was imported" "nothing imported"
is "$(sqlite3 "$T/full.db" "select count(*) from contact")" 0 "no contact written"

done_testing
