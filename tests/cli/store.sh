#!/bin/sh
# store.sh - the contact log through the command line: many writers at
# once, kill -9, the database refusing edits, bad input, a read-only or
# full disk and a locked database.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "the file's locking, kill -9 amid its writes, its modes (tests/cli/pg_many.sh does a server's)"

# Under valgrind every process is ~50x slower: fewer contacts.
PER=${CSLOG_TEST_PER_WRITER:-2500}
[ -n "${CSLOG_VALGRIND:-}" ] && PER=25
# Under the sanitizers each process starts ~10x slower: fewer, still at
# once (make test runs the 10,000; make check looks for memory errors).
[ -n "${ASAN_OPTIONS:-}" ] && [ -z "${CSLOG_TEST_PER_WRITER:-}" ] && PER=150

cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <<EOF2
1234
EOF2
status 0 "first supervisor"
for w in 1 2 3 4; do
	CSLOG_PIN=1234 cslog member add --badge "W$w" --name "Writer $w" --as S1
done
status 0 "writers added"
export CSLOG_AS=S1 CSLOG_PIN=1234   # reading needs someone acting too

# ---- 4 processes logging at once: every contact arrives, no error shown
writer() { # n
	i=1
	while [ "$i" -le "$PER" ]; do
		"$CSLOG_BIN" log --as "W$1" --policy bsofr --kind recipient --channel on-scene \
		    --outcome resolved --needs-met yes \
		    --summary "writer $1 contact $i — Zoë's \"quoted\", comma" \
		    >>"$T/ids.$1" 2>>"$T/errs.$1" || echo "FAILED $i" >>"$T/errs.$1"
		i=$((i + 1))
	done
}
(cd "$SRC" && for w in 1 2 3 4; do writer "$w" & done; wait)
is "$(cat "$T"/errs.* | wc -l)" "0" "4 concurrent writers: no error reached the user"
is "$(cat "$T"/ids.* | wc -l)" "$((PER * 4))" "every log call printed an id"
is "$(sqlite3 "$CSLOG_DB" 'select count(*) from contact')" "$((PER * 4))" \
    "the database holds $((PER * 4)) contacts"

# Read every one back through list and export: the same summaries.
for w in 1 2 3 4; do
	i=1
	while [ "$i" -le "$PER" ]; do
		echo "writer $w contact $i — Zoë's \"quoted\", comma"
		i=$((i + 1))
	done
done | sort >"$T/want"
cslog list --limit 0 --format json
python3 - "$T/out" >"$T/got" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    print(json.loads(line)["summary"])
PY
sort "$T/got" -o "$T/got"
cmp -s "$T/want" "$T/got"; ok $? "list gives back every contact, content identical"
cslog export --format csv
python3 - "$T/out" >"$T/got" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="")):
    print(row["summary"])
PY
sort "$T/got" -o "$T/got"
cmp -s "$T/want" "$T/got"; ok $? "export gives back every contact, content identical"

# ---- kill -9 in the middle of a run of log calls, many times over
rm -f "$T/acked"
k=0
while [ "$k" -lt 15 ]; do
	# The loop runs in a session of its own, so one kill reaches the
	# loop, the command substitution's shell and the cslog inside it:
	# killing only the loop's children once left a cslog running on,
	# orphaned, while the checks below read the file.
	rm -f "$T/acked.pid"
	(cd "$SRC" && exec setsid sh -c '
		echo $$ >"$2.pid"
		while :; do
			id=$("$0" log --as W1 --policy bsofr --kind recipient \
			    --channel on-scene --outcome resolved --summary "kill run $1") || exit
			echo "$id" >>"$2"
		done' "$CSLOG_BIN" "$k" "$T/acked") &
	sleep 0.$(( (k * 7) % 9 + 1 ))
	while [ ! -s "$T/acked.pid" ]; do sleep 0.05; done
	sid=$(cat "$T/acked.pid")
	kill -KILL "-$sid" 2>/dev/null
	wait
	while pgrep -s "$sid" >/dev/null; do pkill -KILL -s "$sid"; sleep 0.05; done
	k=$((k + 1))
done
missing=0
for id in $(cat "$T/acked"); do
	[ "$(sqlite3 "$CSLOG_DB" "select count(*) from contact where id=$id")" = 1 ] ||
	    missing=$((missing + 1))
done
is "$missing" "0" "after 15 kills, every contact whose log reported success is there ($(wc -l <"$T/acked") acked)"
is "$(sqlite3 "$CSLOG_DB" 'pragma integrity_check')" "ok" "integrity_check says ok after the kills"
cslog verify
status 0 "cslog verify after the kills"

# ---- the database refuses edits of contacts
sqlite3 "$CSLOG_DB" "update contact set summary='changed' where id=1" 2>"$T/err"
ok $(( $? == 0 )) "UPDATE of a contact through sqlite3 is refused"
has "$T/err" "records of fact" "the refusal says why"
sqlite3 "$CSLOG_DB" "delete from contact where id=1" 2>"$T/err"
ok $(( $? == 0 )) "DELETE of a contact through sqlite3 is refused"

# ---- bad input: a clear error, nothing stored
n0=$(sqlite3 "$CSLOG_DB" 'select count(*) from contact')
base="--as W1 --policy bsofr --channel on-scene --outcome resolved"
cslog log $base --kind alien --summary x
status 65 "unknown kind"
has "$T/err" "cslog: unknown customer kind 'alien' in policy bsofr" "unknown kind message"
cslog log $base --kind recipient --summary x --at 2026-13-45
status 64 "bad date"
has "$T/err" "bad time '2026-13-45'" "bad date message"
head -c 1048576 /dev/zero | tr '\0' 'a' >"$T/big"
(cd "$SRC" && "$CSLOG_BIN" log $base --kind recipient --summary - <"$T/big") >"$T/out" 2>"$T/err"
rc=$?
status 65 "a 1 MB summary"
has "$T/err" "summary is too long" "1 MB summary message"
cslog log $base --kind recipient --summary "$(printf 'bad \377\376 utf8')"
status 65 "invalid UTF-8"
has "$T/err" "not valid UTF-8" "invalid UTF-8 message"
printf 'nul\000byte' >"$T/nul"
(cd "$SRC" && "$CSLOG_BIN" log $base --kind recipient --summary - <"$T/nul") >"$T/out" 2>"$T/err"
rc=$?
status 65 "a NUL byte"
has "$T/err" "NUL byte" "NUL byte message"
cslog log $base --kind recipient --bogus
status 64 "unknown option"
is "$(sqlite3 "$CSLOG_DB" 'select count(*) from contact')" "$n0" "no bad input was stored"

# Escape sequences are stored as given and shown neutralised.
cslog log $base --kind recipient --summary "$(printf 'evil \033[2J\033]0;pwned\007 text')"
status 0 "a summary with escape sequences is stored"
id=$(cat "$T/out")
is "$(sqlite3 "$CSLOG_DB" "select hex(summary) from contact where id=$id" | grep -c 1B5B324A)" "1" \
    "stored exactly as given"
cslog list --limit 5
lacks "$T/out" "$(printf '\033')" "list shows no raw ESC"
has "$T/out" "evil ^[[2J^[]0;pwned^G text" "list shows the escapes neutralised"
cslog show "$id"
lacks "$T/out" "$(printf '\033')" "show shows no raw ESC"
long="A summary long enough to be cut in the table: sixty columns hold it only in part"
cslog log $base --kind recipient --summary "$long"
cslog list --limit 1
has "$T/out" "A summary long enough to be cut in the table: sixty columns…" \
    "a summary cut to its column in the table ends in an ellipsis"
cslog show "$(sqlite3 "$CSLOG_DB" 'select max(id) from contact')"
has "$T/out" "$long" "show gives the whole summary"

# ---- every filter word is checked: a mistake is said, not "nothing"
cslog list --member NOPE
status 66 "list --member with no such member: no such record"
has "$T/err" "NOPE" "naming the badge"
cslog list --outcome nonsense
status 64 "list --outcome no policy has and no contact carries: a usage error"
has "$T/err" "no policy has an outcome 'nonsense'" "saying so"
cslog list --kind alien
status 64 "so is a kind"
cslog list --channel nowhere
status 64 "and a channel"
cslog list --policy atlantis
status 64 "and a policy"
cslog list --outcome resolved --kind recipient --channel on-scene --policy bsofr --limit 1
status 0 "what the policies know is taken"
has "$T/out" "W1" "and finds the contacts"

# ---- a full disk and a read-only disk (needs mount: root)
if mkdir -p "$T/mnt" && mount -t tmpfs -o size=600k tmpfs "$T/mnt" 2>/dev/null; then
	export CSLOG_DB="$T/mnt/small.db"
	cslog member add --badge S1 --name "Sam" --role supervisor --pin-stdin <<EOF2
1234
EOF2
	CSLOG_PIN=1234 cslog member add --badge M1 --name "Mia" --as S1
	blob=$(head -c 30000 /dev/zero | tr '\0' 'x')
	n=0
	rc=0
	while [ "$rc" -eq 0 ] && [ "$n" -lt 200 ]; do
		cslog log $base --as M1 --kind recipient --summary "$n $blob"
		n=$((n + 1))
	done
	status 74 "a full disk"
	has "$T/err" "disk is full" "full disk message"
	is "$(sqlite3 "$CSLOG_DB" 'pragma integrity_check')" "ok" "the database is intact after the disk filled"
	is "$(sqlite3 "$CSLOG_DB" 'select count(*) from contact')" "$((n - 1))" \
	    "every contact acknowledged before the disk filled is there"
	mount -o remount,ro "$T/mnt"
	cslog log $base --as M1 --kind recipient --summary "read-only"
	ok $(( rc != 73 && rc != 74 )) "a read-only disk: exit $rc (73 or 74)"
	has "$T/err" "cslog: " "read-only disk gives a clear error"
	umount "$T/mnt"
	export CSLOG_DB="$T/cslog.db"
else
	ok 0 "# skip full and read-only disk: mounting a tmpfs needs root"
fi

# ---- a file-size limit (ulimit -f): past it a write fails with EFBIG,
# reported like a full disk (exit 74, "not saved"); cslog never dies of
# SIGXFSZ after a commit, so every contact acknowledged is there and
# none is there that was not.
if [ -n "${CSLOG_VALGRIND:-}" ]; then
	ok 0 "# skip the file-size limit under valgrind (it writes files of its own)"
else
	export CSLOG_DB="$T/fsize.db"
	cslog member add --badge S1 --name "Sam" --role supervisor --pin-stdin <<EOF2
1234
EOF2
	blob=$(head -c 60000 /dev/zero | tr '\0' 'x')
	rm -f "$T/fs.acked"
	n=0
	died=0
	refused=0
	# until the limit has refused a write three times (or 150 tries)
	while [ "$n" -lt 150 ] && [ "$refused" -lt 3 ]; do
		(ulimit -f 1000 && cd "$SRC" && exec "$CSLOG_BIN" log $base --as S1 --kind recipient \
		    --summary "$n $blob") >"$T/out" 2>"$T/err"
		rc=$?
		[ "$rc" -gt 128 ] && died=$((died + 1))
		if [ "$rc" -eq 0 ]; then cat "$T/out" >>"$T/fs.acked"; else
			[ "$rc" -eq 74 ] && grep -q "file-size limit" "$T/err" &&
			    grep -q "was not saved" "$T/err" && refused=$((refused + 1))
			cp "$T/err" "$T/fs.err"
		fi
		n=$((n + 1))
	done
	is "$died" 0 "under a file-size limit cslog never dies of a signal"
	ok "$([ "$refused" -gt 0 ] && echo 0 || echo 1)" \
	    "past the limit a write is refused: exit 74, the limit named, 'not saved' ($refused times)"
	sed 's/^/#   /' "$T/fs.err" | head -2
	is "$(sqlite3 "$CSLOG_DB" 'select count(*) from contact')" "$(wc -l <"$T/fs.acked" | tr -d ' ')" \
	    "exactly the contacts acknowledged are in the log"
	is "$(sqlite3 "$CSLOG_DB" 'pragma integrity_check')" "ok" "the database is intact"
	export CSLOG_DB="$T/cslog.db"
fi

# ---- a locked database: busy, try again (exit 75) after the timeout.
# The sqlite3 shell holds the lock until cslog has given up, however
# slow the machine (a FIFO, not a sleep, says when to let go).
mkfifo "$T/lock"
sqlite3 "$CSLOG_DB" <"$T/lock" >/dev/null &
lockpid=$!
exec 3>"$T/lock"
# The file "held" appears only once the shell has the lock.
printf '.bail on\n.timeout 10000\nBEGIN EXCLUSIVE;\n.system touch %s\n' "$T/held" >&3
i=0
while [ ! -e "$T/held" ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
cslog log $base --kind recipient --summary "while locked"
status 75 "a database locked by another program"
has "$T/err" "busy" "locked database message"
echo "ROLLBACK;" >&3
exec 3>&-
wait "$lockpid"
cslog log $base --kind recipient --summary "after the lock"
status 0 "after the lock is released, logging works"

done_testing
