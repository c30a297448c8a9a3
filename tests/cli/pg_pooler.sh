#!/bin/sh
# pg_pooler.sh - cslog through PgBouncer in transaction pooling mode, the
# deployment that keeps the server's backends warm (docs/postgresql.md,
# "A connection pooler"): a throwaway cluster (tests/pg_lib.sh) with
# pgbouncer in front of it on a Unix socket in the suite's directory,
# a pool of two server connections, so that the terminals' transactions
# share backends and one command's statements may each land on another.
#  - log, list, show, report and verify through the pooler: the same
#    output and exit status as connected directly; export, and import
#    into another database, through it;
#  - wrong PINs through the pooler are counted and lock the member, the
#    right PIN is then refused, as directly;
#  - four processes at once, each logging and listing: every command
#    ends 0, every contact is saved once, the pool's backends stay
#    open after them (warm), no more than it holds, and verify passes;
#  - the report aggregates the insert trigger keeps (schema part
#    log-fast: one statement a contact) are a recount of the contacts;
#  - nothing cslog sends on these paths holds session state: no LISTEN,
#    no named prepared statement, no SET without LOCAL, no temporary
#    table outside a transaction (the server's log of the terminals'
#    statements, read after the run).
# Skips, saying why, when pgbouncer is not installed (the package
# pgbouncer: tools/deps.sh test installs it).  Not under valgrind
# (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and a pgbouncer in front of it (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
BOUNCER=$(command -v pgbouncer 2>/dev/null || true)
[ -z "$BOUNCER" ] && [ -x /usr/sbin/pgbouncer ] && BOUNCER=/usr/sbin/pgbouncer
[ -n "$BOUNCER" ] || pg_skip_all "no pgbouncer (the package pgbouncer; tools/deps.sh test installs it)"
pg_new main
pg_start main || { cat "$T/main/log"; pg_skip_all "the server did not start"; }
pg_cslog_db main
sql() { pg_sql main "$1"; }
DIRECT=$CSLOG_DB

# ---- pgbouncer on a Unix socket in $T/bnc, transaction pooling ------------------
_pg_dir bnc
cat >"$T/bnc/pgbouncer.ini" <<EOF
[databases]
* = host=$T/main
[pgbouncer]
listen_addr =
listen_port = 6432
unix_socket_dir = $T/bnc
auth_type = trust
auth_file = $T/bnc/users.txt
pool_mode = transaction
default_pool_size = 2
max_client_conn = 50
logfile = $T/bnc/log
pidfile = $T/bnc/pid
EOF
printf '"cslog_terminal" ""\n"cslog_dba" ""\n' >"$T/bnc/users.txt"
chmod 0644 "$T/bnc/pgbouncer.ini" "$T/bnc/users.txt"
bnc_stop() { [ -f "$T/bnc/pid" ] && kill "$(cat "$T/bnc/pid")" 2>/dev/null; return 0; }
trap 'bnc_stop; _pg_stop_all; _cleanup' EXIT
as_pg "$BOUNCER" -d -q "$T/bnc/pgbouncer.ini" >"$T/bnc/start.log" 2>&1
i=0
while [ ! -S "$T/bnc/.s.PGSQL.6432" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -S "$T/bnc/.s.PGSQL.6432" ] || { cat "$T/bnc/start.log" "$T/bnc/log" 2>/dev/null;
	pg_skip_all "pgbouncer did not start (see above)"; }
POOLED="postgresql:///cslog?host=$T/bnc&port=6432&user=cslog_terminal"
ok 0 "pgbouncer listens in transaction mode in front of the cluster"

# Log every statement the terminals send, to read what they rely on.
sql "ALTER ROLE cslog_terminal SET log_min_duration_statement = 0" >/dev/null
LOG="$T/main/log"
FROM=$(($(wc -c <"$LOG") + 1))

# ways ARGS: cslog ARGS directly ($T/out.direct, $drc), then through the
# pooler ($T/out, $rc)
ways() {
	CSLOG_DB="$DIRECT" cslog "$@"
	drc=$rc
	cp "$T/out" "$T/out.direct"
	CSLOG_DB="$POOLED" cslog "$@"
}
same_ways() { # WANT what: the last ways, direct and pooled
	if [ "$drc" = "$1" ] && [ "$rc" = "$1" ] && cmp -s "$T/out" "$T/out.direct"; then
		ok 0 "$2 (exit $1 both ways, the same output)"
	else
		ok 1 "$2 (exit $1 both ways, the same output)"
		printf '#   direct: exit %s; pooled: exit %s\n' "$drc" "$rc"
		diff "$T/out.direct" "$T/out" | head -10 | sed 's/^/#   /'
		sed 's/^/#   stderr: /' "$T/err" | head -3
	fi
}

# ---- one at a time --------------------------------------------------------------
CSLOG_DB="$POOLED" cslog --as M1 log --policy phoenix --kind recipient --channel on-scene \
    --outcome resolved --needs-met yes --summary "Smoke alarm checked through the pooler"
status 0 "a member with no PIN logs a contact through the pooler"
C1=$(cat "$T/out")
is "$(sql "SELECT summary FROM cslog.contact WHERE id = '$C1'")" \
    "Smoke alarm checked through the pooler" "the contact is on the server, under the id printed"
CSLOG_DB="$POOLED" cslog --as S1 log --policy bsofr --kind recipient --channel phone \
    --outcome assisted --summary "Promised a call back" --member M2 \
    --follow-up "$(date -u -d '+2 days' '+%Y-%m-%dT%H:%M:%SZ')" --follow-up-note "call back"
status 0 "a supervisor (PIN) logs one for another member, with a follow-up"
ways --as S1 list
same_ways 0 "list"
ways --as M1 list --limit 1
same_ways 0 "a member's list --limit 1"
ways --as S1 list --search smoke
same_ways 0 "list --search"
ways --as S1 show "$C1"
same_ways 0 "show"
ways --as S1 report --by kind
same_ways 0 "report --by kind"
ways --as S1 report --by summary
same_ways 0 "report --by summary"
ways --as S1 followup list
same_ways 0 "followup list"
ways --as M1 show 999999
same_ways 66 "show of no such contact"
ways --as S1 verify
same_ways 0 "verify"

# ---- export, and import into another database, through the pooler ------------
CSLOG_DB="$POOLED" cslog --as S1 export --format csv --output "$T/log.csv"
status 0 "export through the pooler"
pg_createdb main other
CSLOG_PIN=1234 cslog admin init-server "$(pg_url main cslog_dba | sed 's,/cslog?,/other?,')" \
    --badge S1 --name "Sam Super"
status 0 "a second database made cslog's (directly, by its owner)"
OTHER="postgresql:///other?host=$T/bnc&port=6432&user=cslog_terminal"
CSLOG_DB="$OTHER" cslog --as S1 import "$T/log.csv"
status 0 "import through the pooler (COPY and its commit in one transaction)"
CSLOG_DB="$DIRECT" cslog --as S1 report --by kind
cp "$T/out" "$T/out.direct"
CSLOG_DB="$OTHER" cslog --as S1 report --by kind
cmp -s "$T/out" "$T/out.direct"
ok $? "the imported log's report is the original's"
CSLOG_DB="$OTHER" cslog --as S1 verify
status 0 "verify of the imported log, through the pooler"

# ---- wrong PINs through the pooler ---------------------------------------------
CSLOG_DB="$DIRECT" cslog --as S1 member add --badge T1 --name "Tia Trainer" --role trainer \
    --pin-stdin <<EOF
4321
EOF
status 0 "a trainer with a PIN"
for i in 1 2 3 4; do CSLOG_PIN=0000 CSLOG_DB="$POOLED" cslog --as T1 list; done
status 77 "a wrong PIN through the pooler is refused"
has "$T/err" "1 try left" "four misses through the pooler leave one try"
CSLOG_PIN=0000 CSLOG_DB="$POOLED" cslog --as T1 list
has "$T/err" "locked" "the fifth miss locks"
CSLOG_PIN=4321 CSLOG_DB="$POOLED" cslog --as T1 list
status 77 "the right PIN is refused while locked, through the pooler"
has "$T/err" "locked after too many wrong PINs" "... saying the member is locked"
CSLOG_PIN=4321 CSLOG_DB="$DIRECT" cslog --as T1 list
status 77 "... and directly"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action IN ('member.pin-wrong', 'member.locked')")" \
    "5" "each miss is an audit event"

# ---- several processes at once ------------------------------------------------
# worker N: five contacts and a list, alternately M1 and M2, each exit
# status a line in $T/w.N
worker() {
	_who=M1
	[ $(($1 % 2)) -eq 0 ] && _who=M2
	: >"$T/w.$1"
	for _j in 1 2 3 4 5; do
		(cd "$SRC" && CSLOG_DB="$POOLED" $NOTTY "$CSLOG_BIN" --as "$_who" log --policy phoenix \
		    --kind recipient --channel on-scene --outcome resolved --needs-met yes \
		    --summary "Worker $1 contact $_j") >"$T/w.$1.out.$_j" 2>>"$T/w.$1.err"
		echo "log $?" >>"$T/w.$1"
		(cd "$SRC" && CSLOG_DB="$POOLED" $NOTTY "$CSLOG_BIN" --as "$_who" list --limit 1) \
		    >/dev/null 2>>"$T/w.$1.err"
		echo "list $?" >>"$T/w.$1"
	done
}
n0=$(sql "SELECT count(*) FROM cslog.contact")
for w in 1 2 3 4; do worker "$w" & done
wait
cat "$T"/w.1 "$T"/w.2 "$T"/w.3 "$T"/w.4 | sort | uniq -c | awk '{print $1, $2, $3}' \
    >"$T/statuses"
is "$(cat "$T/statuses")" "20 list 0
20 log 0" "four processes at once: 20 logs and 20 lists, every one exit 0"
cat "$T"/w.*.err | grep -v "^(more: " | head -5 | sed 's/^/#   stderr: /'
is "$(($(sql "SELECT count(*) FROM cslog.contact") - n0))" 20 "20 contacts saved"
is "$(cat "$T"/w.*.out.* | sort -u | wc -l | tr -d ' ')" 20 "each under an id of its own"
is "$(sql "SELECT count(DISTINCT summary) FROM cslog.contact WHERE summary LIKE 'Worker %'")" \
    20 "each contact once"
is "$(sql "SELECT count(*) BETWEEN 1 AND 2 FROM pg_stat_activity
           WHERE usename = 'cslog_terminal' AND datname = 'cslog'")" \
    t "the pool's backends outlive the processes (kept warm), no more than its two"
CSLOG_DB="$POOLED" cslog --as S1 verify
status 0 "verify passes after the concurrent run, through the pooler"

# ---- the aggregates the insert trigger kept (schema part log-fast) ------------
CSLOG_DB="$POOLED" cslog --as S1 log --policy bsofr --kind recipient --channel on-scene \
    --outcome assisted --answers yes,no,yes,yes,yes,yes,yes --added-value "kept the dog" \
    --summary "walked the dog"
status 0 "a contact with the empowerment check answered, one question failed"
CSLOG_DB="$POOLED" cslog --as S1 log --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --answers yes,yes,yes,yes,yes,yes,yes --added-value "drove them home" \
    --summary "drove them home"
status 0 "and one with every question yes"
# every current contact's dimensions summed afresh, against what the
# triggers counted one contact at a time: no row on either side alone
recount="SELECT d.dim, cslog.utc_day(c.at) AS day, c.policy_id, d.value, sum(d.n) AS n
  FROM cslog.contact c, LATERAL (SELECT * FROM cslog.contact_dims(c)
    UNION ALL SELECT * FROM cslog.contact_state_dims(c)) d
 WHERE NOT EXISTS (SELECT 1 FROM cslog.contact x WHERE x.amends = c.id)
 GROUP BY 1, 2, 3, 4"
kept="SELECT dim, day, policy_id, value, n FROM cslog.agg WHERE n <> 0"
is "$(sql "SELECT count(*) FROM (($kept EXCEPT $recount) UNION ALL ($recount EXCEPT $kept)) z")" \
    0 "the aggregates kept by the insert trigger are a recount of the contacts"
is "$(sql "SELECT count(DISTINCT dim) >= 10 FROM cslog.agg")" t \
    "... over ten dimensions (questions asked and failed, follow-ups, added value...)"

# ---- what the terminals sent: no session state ---------------------------------
sql "ALTER ROLE cslog_terminal RESET log_min_duration_statement" >/dev/null
tail -c "+$FROM" "$LOG" | sed -n 's/.*\(execute\|statement\|parse\) \{0,1\}[^:]*: //p' \
    >"$T/sent"
[ -s "$T/sent" ]
ok $? "the terminals' statements were logged ($(wc -l <"$T/sent" | tr -d ' ') lines)"
grep -i -E "^(LISTEN|PREPARE|DEALLOCATE|DECLARE .* WITH HOLD|SET (SESSION )?[a-z_]+ |RESET|CREATE TEMP)" \
    "$T/sent" | grep -v -i "^SET LOCAL" >"$T/stateful"
[ ! -s "$T/stateful" ]
ok $? "no LISTEN, PREPARE, SET without LOCAL, cursor WITH HOLD or temporary table"
head -3 "$T/stateful" | sed 's/^/#   /'
grep -q "execute [^<]" "$T/main/log"
ok $((!$?)) "no named prepared statement (only the unnamed one)"
done_testing
