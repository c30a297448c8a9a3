#!/bin/sh
# clock.sh - what time it is, and who decides: the installed program
# reads the system clock whatever the environment says (the lockout holds,
# nothing is back-dated); stamps never go back (refused, until a
# supervisor accepts the clock); reads of customer data are audited; the
# command line refuses what a command does not take; a damaged database
# says so.  On a server, which stamps and judges by its own clock, the
# checks that move the test build's clock (CSLOG_NOW), the sqlite3
# shell's lock and the damaged copy are the file's only.
. "$(dirname "$0")/../lib.sh"

: "${CSLOG_SHIPPED_BIN:?set CSLOG_SHIPPED_BIN (the binary make builds, without the test clock)}"

# shipped ARGS: the installed program (no test clock), like cslog().
shipped() {
	if [ -n "${CSLOG_VALGRIND:-}" ]; then
		(cd "$SRC" && valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect,possible \
		    "$CSLOG_SHIPPED_BIN" "$@") >"$T/out" 2>"$T/err"
	else
		(cd "$SRC" && $NOTTY "$CSLOG_SHIPPED_BIN" "$@") >"$T/out" 2>"$T/err"
	fi
	rc=$?
}
sql() { sqlite3 -batch -noheader "$CSLOG_DB" "$1"; }
# secs COLUMN: a time column in unix seconds (a server's are timestamps;
# a file's 0 for none, a server's NULL)
secs() { if on_file; then echo "$1"; else echo "coalesce(cslog.secs($1), 0)"; fi; }
MOVES="moves the test build's clock (CSLOG_NOW): a server stamps by its own (docs/postgresql.md)"

printf '1234\n' >"$T/pin"
# (on a server the first supervisor is init-server's, the test build's:
# tests/lib.sh)
if on_file; then
	shipped member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
else
	cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
fi
status 0 "the first supervisor"
CSLOG_PIN=1234 shipped member add --badge S2 --name "Sal Second" --role supervisor \
    --pin-stdin --as S1 <"$T/pin"
CSLOG_PIN=1234 shipped member add --badge M7 --name "Mia Member" --as S1
status 0 "a second supervisor and a member"

# ---- back-dating through the environment is impossible
CSLOG_NOW=1000000000 shipped log --as M7 --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "logged with CSLOG_NOW set to 2001"
status 0 "the shipped binary logs with CSLOG_NOW set"
id=$(cat "$T/out")
now=$(date +%s)
logged=$(sql "select $(secs logged_at) from contact where id = $id")
ok "$([ $((now - logged)) -lt 60 ] && [ $((logged - now)) -lt 60 ] && echo 0 || echo 1)" \
    "the time logged is the real one, not 2001 (logged $logged, now $now)"
is "$(sql "select count(*) from (select at from audit order by id desc limit 1) e where $(secs at) >= $now - 60")" 1 \
    "and so is the audit event's"

# ---- the lockout holds whatever the environment says
i=1
while [ $i -le 5 ]; do
	CSLOG_NOW=$((now + 400 * i)) CSLOG_PIN=0000 shipped list --as S2
	i=$((i + 1))
done
status 77 "wrong PINs are refused"
CSLOG_NOW=$((now + 4000)) CSLOG_PIN=1234 shipped list --as S2
status 77 "the right PIN 'an hour later' by CSLOG_NOW: still locked"
has "$T/err" "locked" "and it says so"
until=$(sql "select $(secs locked_until) from member where badge = 'S2'")
ok "$([ "$until" -le $((now + 400)) ] && echo 0 || echo 1)" \
    "the lock ends five minutes from the real time, not from CSLOG_NOW"
CSLOG_NOW=9999999999 CSLOG_PIN=0000 shipped list --as S1
is "$(sql "select $(secs locked_until) from member where badge = 'S1'")" 0 \
    "CSLOG_NOW=9999999999 cannot lock anyone out until 2286"

# ---- the test build's clock (CSLOG_NOW) is what these tests drive
export CSLOG_PIN=1234
if file_only "$MOVES"; then
	CSLOG_NOW=$((now + 86400 * 2)) cslog log --as S1 --policy bsofr --kind recipient \
	    --channel on-scene --outcome resolved --summary "stamped two days ahead"
	status 0 "a stamp two days ahead (a clock that ran fast)"
	cslog log --as M7 --policy bsofr --kind recipient --channel on-scene --outcome resolved \
	    --summary "after the clock was put right"
	status 75 "then a write at the right time is refused: stamps never go back"
	has "$T/err" "the clock says" "naming the clock's time"
	has "$T/err" "already holds an event of" "and the newest event's"
	is "$(sql "select count(*) from contact where summary = 'after the clock was put right'")" 0 \
	    "nothing was saved"
	cslog verify --as S1
	status 65 "verify finds the stamp ahead of the clock"
	has "$T/err" "stamped" "naming it"
	has "$T/err" "clock-accept" "and what to do"
fi
cslog clock-accept --as M7
status 77 "only a supervisor may accept the clock"
if file_only "$MOVES"; then
	cslog clock-accept --as S1
	status 0 "a supervisor accepts it"
	has "$T/out" "accepted" "and is told so"
	is "$(sql "select count(*) from audit where action = 'clock.accept'")" 1 \
	    "the acceptance is an audit event"
fi
cslog log --as M7 --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "after the clock was put right"
status 0 "then writing goes on"
cslog clock-accept --as S1
status 0 "with nothing to accept"
has "$T/out" "nothing to accept" "clock-accept says so"
cslog verify --as S1
status 0 "and the log verifies"

# ---- a contact more than a day ahead is refused
cslog log --as M7 --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "from the future" --at "$(date -d '+3 days' +%Y-%m-%d) 10:00"
status 65 "a contact three days ahead is refused"

# ---- reads of customer data are audited
cslog log --as M7 --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "with a customer" --customer-name "Renée Customer"
cid=$(cat "$T/out")
before=$(sql "select count(*) from audit where action like 'read.%'")
cslog show "$cid" --include-protected --as S1
status 0 "a supervisor reads one contact's customer data"
has "$T/out" "Renée Customer" "and sees it"
is "$(sql "select count(*) from audit where action = 'read.protected' and entity_id = $cid and actor_id = (select id from member where badge = 'S1')")" 1 \
    "the read is an audit event naming the reader and the contact"
cslog show "$cid" --include-protected --as M7
status 0 "the member who logged it may read it too"
cslog export --as S1 --include-protected --format csv
status 0 "a supervisor's bulk export of customer data"
# (a server's JSON as jsonb gives it: a space after each colon)
detail=$(sql "select detail from audit where action = 'read.protected-bulk' order by id desc limit 1" |
    sed 's/": /":/g')
has_json() { printf '%s' "$detail" | grep -q "$1"; }
has_json '"count":' ; ok $? "the bulk read's event holds the count"
# (a file's a BLAKE2b; a server's its built-in sha256, docs/postgresql.md)
if on_file; then hash=ids_blake2b; else hash=ids_sha256; fi
has_json "\"$hash\":\"" ; ok $? "and a hash of the ids ($hash)"
is "$(tail -n +2 "$T/out" | grep -c .)" \
    "$(printf '%s' "$detail" | sed 's/.*"count":\([0-9]*\).*/\1/')" \
    "the export gives exactly as many contacts as the event says"
cslog export --as M7 --include-protected
status 77 "a member's bulk export of customer data is refused"
cslog report --by member --as M7
status 77 "a member's report member by member is refused"
after=$(sql "select count(*) from audit where action like 'read.%'")
is "$after" "$((before + 3))" "three reads recorded, the refused ones not"
# While another program holds the write lock, the read's event cannot be
# written: the read is refused (M7 has no PIN, so signing in writes nothing).
if file_only "holds the file's write lock with the sqlite3 shell"; then
mkfifo "$T/lock"
sqlite3 "$CSLOG_DB" <"$T/lock" >/dev/null &
lockpid=$!
exec 3>"$T/lock"
printf '.bail on\n.timeout 10000\nBEGIN EXCLUSIVE;\n.system touch %s\n' "$T/held" >&3
i=0
while [ ! -e "$T/held" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
cslog show "$cid" --include-protected --as M7
status 75 "where the read cannot be recorded, it is refused"
lacks "$T/out" "Renée" "and nothing is shown"
echo "ROLLBACK;" >&3
exec 3>&-
wait "$lockpid"
fi

# ---- a command refuses what it does not take
cslog followup list --note x --as S1
status 64 "followup list --note x is a usage error"
has "$T/err" "does not take the option '--note'" "naming the option"
cslog policy list --as S1
status 64 "policy list takes no --as"

# ---- a read the database cannot answer is an error, not an empty section
if file_only "damages a copy of the file with the sqlite3 shell (tests/cli/pg_rows.sh tampers with a server)"; then
cp "$CSLOG_DB" "$T/damaged.db"
sqlite3 "$T/damaged.db" "DROP TRIGGER IF EXISTS review_no_delete; DROP TABLE review"
cslog --db "$T/damaged.db" show "$cid" --as S1
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "show on a database with a missing table fails (exit $rc)"
has "$T/err" "review" "naming what is missing"
fi

done_testing
