#!/bin/sh
# pg.sh - make bench's PostgreSQL column: cslog against a server on this
# machine, each figure beside the same SQL run by psql.  Called by
# run.sh after the file's tables (BENCH_PG=0 leaves it out); shares only
# the environment and the sample databases with it.
#
# For each size: a throwaway cluster (initdb, as the account nobody when
# run as root, a Unix socket, no TCP, fsync on, the other settings
# PostgreSQL's defaults), a database made cslog's by init-server, the
# sample file's export (CSV) imported into it — timed, each run into a
# new database, against its floor: the very rows that import wrote
# (members, contacts, customer data, audit events) put back by psql's
# \copy into a new database of the same schema, under the same
# triggers (the search rows and the aggregates made as an import makes
# them), in one transaction.  Then (after VACUUM ANALYZE, as autovacuum
# does soon after an import) the commands, each a whole cslog
# process, against the SQL that very process sent (captured from the
# server's log once, replayed by psql as a whole process, its sign-in
# included: a supervisor's PIN costs a bcrypt on a server, by design);
# and the query alone ("query ms"): its statements run K = 21 times in
# one psql session less once, divided by 20 (no start, no sign-in).
#
# With pgbouncer installed (the package pgbouncer), the two bare
# commands, list --limit 1 and log by a member with no PIN, are timed a
# second time through it in transaction pooling mode (a Unix socket, a
# pool of 4), as a city's DBA would deploy it: the backends are warm, the
# process pays no backend start; their floor is psql through it too.
#
# Environment (beside run.sh's):
#   BENCH_PG_SIZES  sizes (default BENCH_SIZES, else "10k 100k 1m")
#   BENCH_PG_RUNS   runs per query figure (default BENCH_RUNS, else 7)
#   BENCH_PG_IO_RUNS runs of the import and its floor (default 1: at 1M
#                   an import takes minutes)
set -u
: "${CSLOG_BIN:?}" "${CSLOG_BENCH:?}" "${BENCH_DIR:?}"
SIZES=${BENCH_PG_SIZES:-${BENCH_SIZES:-"10k 100k 1m"}}
RUNS=${BENCH_PG_RUNS:-${BENCH_RUNS:-7}}
IO_RUNS=${BENCH_PG_IO_RUNS:-1}
export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 CSLOG_PIN=1234
unset CSLOG_DB CSLOG_POLICY_PATH CSLOG_NOW CSLOG_AS
cd "$(dirname "$0")/../.." || exit 1
mkdir -p "$BENCH_DIR" || exit 1
RESULTS=$BENCH_DIR/results-pg.txt
: >"$RESULTS"
say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }

PGBIN=
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && PGBIN=$d; done
# psql itself, not Debian's pg_wrapper (a Perl script: 40 ms of its own
# before psql starts, which the floor would carry and cslog not)
PSQL=psql
[ -n "$PGBIN" ] && [ -x "$PGBIN/psql" ] && PSQL=$PGBIN/psql
if [ -z "$PGBIN" ] || ! command -v "$PSQL" >/dev/null 2>&1; then
	say "PostgreSQL column: NOT MEASURED (no PostgreSQL server or psql here;"
	say "  tools/deps.sh test installs them)"
	exit 0
fi
W=$(mktemp -d "${TMPDIR:-/tmp}/cslog-pgbench.XXXXXX") || exit 1
as_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
	chmod 0711 "$W"
	as_pg() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
fi
mkdir -p "$W/pg" "$W/sql"
[ "$(id -u)" -eq 0 ] && chown nobody "$W/pg" && chmod 0777 "$W/sql"
pg_ctl_() { as_pg "$PGBIN/pg_ctl" -D "$W/pg/data" "$@" >/dev/null 2>&1; }
trap 'pg_ctl_ -m fast stop; rm -rf "$W"' EXIT
as_pg env HOME="$W/pg" "$PGBIN/initdb" -D "$W/pg/data" -U cslog_dba --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$W/pg/initdb.log" 2>&1 || { cat "$W/pg/initdb.log"; exit 1; }
pg_ctl_ -l "$W/pg/log" -w -t 120 -o "-c listen_addresses='' -k $W/pg" start || {
	cat "$W/pg/log"; exit 1; }
LOG=$W/pg/log
# pgbouncer, transaction mode, in front of the cluster (any database)
BOUNCER=$(command -v pgbouncer 2>/dev/null || true)
[ -z "$BOUNCER" ] && [ -x /usr/sbin/pgbouncer ] && BOUNCER=/usr/sbin/pgbouncer
if [ -n "$BOUNCER" ]; then
	mkdir -p "$W/bnc"
	[ "$(id -u)" -eq 0 ] && chown nobody "$W/bnc"
	cat >"$W/bnc/pgbouncer.ini" <<EOF
[databases]
* = host=$W/pg
[pgbouncer]
listen_addr =
listen_port = 6432
unix_socket_dir = $W/bnc
auth_type = trust
auth_file = $W/bnc/users.txt
pool_mode = transaction
default_pool_size = 4
max_client_conn = 100
logfile = $W/bnc/log
pidfile = $W/bnc/pid
EOF
	printf '"cslog_terminal" ""\n' >"$W/bnc/users.txt"
	chmod 0644 "$W/bnc/pgbouncer.ini" "$W/bnc/users.txt"
	trap '[ -f "$W/bnc/pid" ] && kill "$(cat "$W/bnc/pid")"; pg_ctl_ -m fast stop; rm -rf "$W"' EXIT
	as_pg "$BOUNCER" -d -q "$W/bnc/pgbouncer.ini" >/dev/null 2>&1
	_i=0
	while [ ! -S "$W/bnc/.s.PGSQL.6432" ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
	[ -S "$W/bnc/.s.PGSQL.6432" ] || BOUNCER=
fi
purl() { echo "postgresql:///$1?host=$W/bnc&port=6432&user=cslog_terminal"; }

dba() { "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 "$(url "${DB:-cslog}" cslog_dba)" "$@"; }

contacts_in() {
	case $1 in
	*k) echo $((${1%k} * 1000)) ;;
	*m) echo $((${1%m} * 1000000)) ;;
	*) echo "$1" ;;
	esac
}

ERR=$BENCH_DIR/stderr-pg.txt
t() { "$CSLOG_BENCH" time -n "$RUNS" --err "$ERR" "$@"; }
tio() { "$CSLOG_BENCH" time -n "$IO_RUNS" --err "$ERR" "$@"; }
ms() { echo "$1" | awk '{print $1}'; }

GOALS=$W/goals.txt
# goal NAME CSLOG-MS FLOOR-MS MAX-RATIO [LIMIT-MS ABS-MS WHAT] [NOTE]: the
# ratio to the floor, and ABS-MS (WHAT: the query alone, or the process)
# against LIMIT-MS
goal() {
	awk -v n="$1" -v c="$2" -v f="$3" -v m="$4" -v l="${5:-}" -v a="${6:-}" -v w="${7:-}" \
	    -v note="${8:-}" 'BEGIN {
	    if (c == "" || f == "" || f <= 0) { printf "%-36s %9s %9s %6s  %s\n", n, c, f, "-", "NOT MEASURED"; exit }
	    r = c / f; v = "<= " m "x " (r <= m ? "met" : "NOT MET")
	    if (l != "") v = v "; " w " " a " ms <= " l " " (a != "" && a <= l ? "met" : "NOT MET")
	    printf "%-36s %9.1f %9.1f %6.2f  %s %s\n", n, c, f, r, v, note }' >>"$GOALS"
}
row() { # NAME "CSLOG-TIMES" "PSQL-TIMES"
	say "$(awk -v n="$1" -v c="$(ms "$2")" -v s="$(ms "$3")" 'BEGIN {
	    printf "%-44s %10s %10s %7s", n, (c == "" ? "failed" : c), (s == "" ? "-" : s),
	      (c != "" && s > 0 ? sprintf("%.2f", c / s) : "-") }')"
}

# capture NAME ARGS...: run cslog ARGS once with the server logging every
# statement, and write what it sent as a psql script ($W/sql/NAME.sql):
# its sign-in as it was, every statement after it with its parameters
# written in and the session's token taken from that sign-in.
capture() {
	_name=$1
	shift
	dba -c "ALTER ROLE cslog_terminal SET log_min_duration_statement = 0" >/dev/null
	_from=$(($(wc -c <"$LOG") + 1))
	"$CSLOG_BIN" --db "$(url "$DB")" "$@" >/dev/null 2>"$ERR"
	dba -c "ALTER ROLE cslog_terminal RESET log_min_duration_statement" >/dev/null
	tail -c "+$_from" "$LOG" | awk -v q="'" '
	    function flush(  n, i, rest, k, vals, out, at, signin) {
		if (stmt == "") return
		n = 0; rest = params
		while (match(rest, "^[$][0-9]+ = (NULL|" q "([^" q "]|" q q ")*" q ")(, )?")) {
			k = substr(rest, 1, RLENGTH); rest = substr(rest, RLENGTH + 1)
			sub(/^[$][0-9]+ = /, "", k); sub(/, $/, "", k); vals[++n] = k
		}
		signin = stmt ~ /cslog[.]sign_in(_bare)?[(]/
		if (n >= 1 && !signin && stmt ~ /cslog[.][a-z_]+[(][$]1/ &&
		    stmt !~ /sign_in_needs_pin|member_first/)
			vals[1] = ":" q "token" q
		for (i = n; i >= 1; i--) {   # $i (not $i0) by its value
			out = ""; rest = stmt
			while ((at = index(rest, "$" i)) > 0) {
				k = substr(rest, at + length("$" i), 1)
				if (k ~ /[0-9]/) { out = out substr(rest, 1, at + length("$" i) - 1) }
				else out = out substr(rest, 1, at - 1) vals[i]
				rest = substr(rest, at + length("$" i))
			}
			stmt = out rest
		}
		if (signin) printf "%s \\gset\n", stmt
		else printf "%s;\n", stmt
		stmt = ""; params = ""
	    }
	    /LOG:  duration: / {
		flush()
		if ($0 ~ /(execute <unnamed>|statement): /) {
			stmt = $0; sub(/.*(execute <unnamed>|statement): /, "", stmt) }
		next }
	    /DETAIL:  parameters: / { params = $0; sub(/.*DETAIL:  parameters: /, "", params); next }
	    /^\t/ && stmt != "" { stmt = stmt " " substr($0, 2); next }
	    END { flush() }' >"$W/sql/$_name.sql"
}

# m NAME CAPTURE-NAME CSLOG-ARGS...: the whole process against its SQL in psql
m() {
	_n=$1 _c=$2
	shift 2
	capture "$_c" "$@"
	_ct=$(t -- "$CSLOG_BIN" --db "$(url "$DB")" "$@") || _ct=""
	_st=$(t --in "$W/sql/$_c.sql" -- "$PSQL" -X -q -v ON_ERROR_STOP=1 -o /dev/null \
	    "$(url "$DB")") || _st=""
	# the query alone: its statements K times in one psql session, less once
	grep -v 'pg_is_in_recovery\|sign_in\|sign_out' "$W/sql/$_c.sql" >"$W/sql/$_c.q"
	grep 'sign_in(\|sign_in_bare(' "$W/sql/$_c.sql" >"$W/sql/$_c.k"
	_i=0
	while [ $_i -lt $K ]; do cat "$W/sql/$_c.q" >>"$W/sql/$_c.k"; _i=$((_i + 1)); done
	grep 'sign_in(\|sign_in_bare(\|sign_out' "$W/sql/$_c.sql" >"$W/sql/$_c.1"
	cat "$W/sql/$_c.q" >>"$W/sql/$_c.1"
	_t1=$(t --in "$W/sql/$_c.1" -- "$PSQL" -X -q -o /dev/null "$(url "$DB")" | awk '{print $1}')
	_tk=$(t --in "$W/sql/$_c.k" -- "$PSQL" -X -q -o /dev/null "$(url "$DB")" | awk '{print $1}')
	LAST_Q=$(awk -v a="$_t1" -v b="$_tk" -v k=$K 'BEGIN { printf "%.2f", (b - a) / (k - 1) }')
	say "$(awk -v n="$_n" -v c="$(ms "$_ct")" -v s="$(ms "$_st")" -v q="$LAST_Q" 'BEGIN {
	    printf "%-44s %10s %10s %7s %9s", n, (c == "" ? "failed" : c), (s == "" ? "-" : s),
	      (c != "" && s > 0 ? sprintf("%.2f", c / s) : "-"), q }')"
	LAST_C=$(ms "$_ct") LAST_S=$(ms "$_st")
}
K=21

# mp NAME CAPTURE-NAME CSLOG-ARGS...: the whole process through pgbouncer,
# against the SQL m captured for it replayed by psql through pgbouncer
mp() {
	_n=$1 _c=$2
	shift 2
	"$CSLOG_BIN" --db "$(purl "$DB")" "$@" >/dev/null 2>>"$ERR"   # the pool filled
	_ct=$(t -- "$CSLOG_BIN" --db "$(purl "$DB")" "$@") || _ct=""
	_st=$(t --in "$W/sql/$_c.sql" -- "$PSQL" -X -q -v ON_ERROR_STOP=1 -o /dev/null \
	    "$(purl "$DB")") || _st=""
	row "$_n" "$_ct" "$_st"
	LAST_C=$(ms "$_ct") LAST_S=$(ms "$_st")
}

measure() { # SIZE
	_db=$BENCH_DIR/contacts-$1.db
	if [ ! -f "$_db" ]; then
		echo "== making $_db" >&2
		"$CSLOG_BENCH" gen --contacts "$(contacts_in "$1")" --members 300 "$_db.part" \
		    >"$BENCH_DIR/gen-$1.txt" && mv "$_db.part" "$_db" || exit 1
	fi
	_csv=$W/export-$1.csv
	"$CSLOG_BIN" --db "$_db" --as S1 export --format csv --output "$_csv" >/dev/null 2>&1 ||
	    { say "export of $_db failed"; return; }
	_n=$(($(wc -l <"$_csv") - 1))
	say ""
	say "== PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), $1: $_n contacts" \
	    "exported from $_db, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
	say "$(printf '%-44s %10s %10s %7s %9s' measurement 'cslog ms' 'psql ms' ratio 'query ms')"
	: >"$GOALS"
	# ---- import, and its floor
	_ct=$(tio --setup ". $W/fresh.sh; fresh cslog" -- "$CSLOG_BIN" \
	    --db "$(url cslog)" --as S1 import "$_csv") || _ct=""
	DB=cslog
	COLS="id, member_id, logged_by, at, logged_at, policy_id, policy_version, kind, channel,
	  outcome, summary, needs_met, added_value, empowered, answers, standards, referral_to,
	  referee_contacted, decision, appeal_info, call_ref, negative, amends, amend_reason"
	dba -c "\\copy (SELECT * FROM cslog.member WHERE id > 1 ORDER BY id) TO '$W/sql/f_member'" \
	    -c "\\copy (SELECT $COLS FROM cslog.contact ORDER BY id) TO '$W/sql/f_contact'" \
	    -c "\\copy (SELECT * FROM cslog.contact_private ORDER BY 1) TO '$W/sql/f_private'" \
	    -c "\\copy (SELECT * FROM cslog.audit WHERE id > 1 ORDER BY id) TO '$W/sql/f_audit'"
	cat >"$W/sql/floor.sql" <<EOF
BEGIN;
SET LOCAL ROLE cslog_owner;
INSERT INTO cslog.bulk_xact VALUES (pg_current_xact_id());
\\copy cslog.member FROM '$W/sql/f_member'
\\copy cslog.contact ($(echo $COLS)) FROM '$W/sql/f_contact'
\\copy cslog.contact_private FROM '$W/sql/f_private'
\\copy cslog.audit FROM '$W/sql/f_audit'
UPDATE cslog.chain_head SET (id, hash, at) = (SELECT id, hash, at FROM cslog.audit
  ORDER BY id DESC LIMIT 1);
SELECT cslog.agg_bulk();
DELETE FROM cslog.bulk_xact WHERE xact = pg_current_xact_id();
COMMIT;
EOF
	_st=$(tio --setup ". $W/fresh.sh; fresh floor" --in "$W/sql/floor.sql" \
	    -- "$PSQL" -X -q -v ON_ERROR_STOP=1 -o /dev/null "$(url floor cslog_dba)") || _st=""
	row "import csv: $(awk -v n="$_n" -v c="$(ms "$_ct")" 'BEGIN { if (c > 0) printf "%.0f", n / (c / 1000) }') contacts/s" "$_ct" "$_st"
	goal "import / \\copy of its rows ($1)" "$(ms "$_ct")" "$(ms "$_st")" 1.25
	# ---- commands on the imported database, as autovacuum leaves it a
	# minute or so after an import (its statistics and visibility map:
	# before them the planner guesses, e.g. a rare search word walks the
	# id index, 35 ms at 100k against 2 ms)
	dba -c "VACUUM ANALYZE" >/dev/null
	_mid=$(dba -c "SELECT max(id) / 2 FROM cslog.contact")
	export CSLOG_AS=S1
	m "list, first page (50)" list list
	goal "list, first page ($1)" "$LAST_C" "$LAST_S" 2 16 "$LAST_Q" query "(S1: bcrypt sign-in)"
	m "list, deep page (--after the middle id)" deep list --after "$_mid"
	goal "list --after ($1)" "$LAST_C" "$LAST_S" 2 16 "$LAST_Q" query "(S1: bcrypt sign-in)"
	m "list --search smoke (common)" smoke list --search smoke
	goal "list --search smoke ($1)" "$LAST_C" "$LAST_S" 2 16 "$LAST_Q" query "(S1: bcrypt sign-in)"
	m "list --search kayak (rare)" kayak list --search kayak
	goal "list --search kayak ($1)" "$LAST_C" "$LAST_S" 2 16 "$LAST_Q" query "(S1: bcrypt sign-in)"
	m "list --not-empowered" notemp list --not-empowered
	goal "list --not-empowered ($1)" "$LAST_C" "$LAST_S" 2 16 "$LAST_Q" query "(S1: bcrypt sign-in)"
	m "list --kind internal --channel written" kindch list --kind internal --channel written
	goal "list --kind --channel ($1)" "$LAST_C" "$LAST_S" 2 16 "$LAST_Q" query "(S1: bcrypt sign-in)"
	m "list --unreviewed (the review queue's rows)" unrev list --unreviewed
	goal "list --unreviewed ($1)" "$LAST_C" "$LAST_S" 2 16 "$LAST_Q" query "(S1: bcrypt sign-in)"
	for _by in kind summary day; do
		m "report --by $_by" "rep$_by" report --by "$_by"
		goal "report --by $_by ($1)" "$LAST_C" "$LAST_S" 2 16 "$LAST_Q" query "(S1: bcrypt sign-in)"
	done
	export CSLOG_AS=M150
	m "list --limit 1, member with no PIN" mlist list --limit 1
	goal "list --limit 1, no PIN ($1)" "$LAST_C" "$LAST_S" 2 16 "$LAST_Q" query "(the bare cost of a command)"
	m "log one contact (M101, no PIN)" log --as M101 log --policy phoenix --kind recipient \
	    --channel on-scene --outcome resolved --needs-met yes \
	    --summary "Benchmark contact: smoke alarm checked"
	goal "log, whole process ($1)" "$LAST_C" "$LAST_S" 2 15 "$LAST_C" process \
	    "(member with no PIN)"
	if [ -n "$BOUNCER" ]; then
		mp "list --limit 1, no PIN, through pgbouncer" mlist --as M150 list --limit 1
		goal "list --limit 1, pgbouncer ($1)" "$LAST_C" "$LAST_S" 2 16 "$LAST_C" process
		mp "log one contact (M101), through pgbouncer" log --as M101 log --policy phoenix \
		    --kind recipient --channel on-scene --outcome resolved --needs-met yes \
		    --summary "Benchmark contact: smoke alarm checked"
		goal "log, whole process, pgbouncer ($1)" "$LAST_C" "$LAST_S" 2 15 "$LAST_C" \
		    process "(member with no PIN)"
	else
		say "(through pgbouncer: NOT MEASURED, no pgbouncer here; the package pgbouncer)"
	fi
	unset CSLOG_AS
	say ""
	say "$(printf '%-40s %9s %9s %6s  %s' "issue 18 targets, server, $1" cslog floor ratio target)"
	while IFS= read -r _g; do say "$_g"; done <"$GOALS"
	say "(list --unreviewed stands for the review queue's screen: the same rows, timed as a whole process)"
	mkdir -p "$BENCH_DIR/pg-sql" && cp "$W"/sql/*.sql "$BENCH_DIR/pg-sql/"   # to read
	rm -f "$_csv" "$W"/sql/f_*
}

# fresh(), also for --setup, which runs in a shell of its own
cat >"$W/fresh.sh" <<EOF
W='$W' CSLOG_BIN='$CSLOG_BIN' PSQL='$PSQL'
EOF
cat >>"$W/fresh.sh" <<'EOF'
url() { echo "postgresql:///$1?host=$W/pg&user=${2:-cslog_terminal}"; }
# fresh DB: database DB made again, cslog's (S1, PIN 1234)
fresh() {
	# WITH (FORCE): PgBouncer keeps server connections to the last size's
	# database open, and a plain DROP would fail on them
	"$PSQL" -X -q "$(url postgres cslog_dba)" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
	    -c "CREATE DATABASE $1" >/dev/null 2>&1 &&
	"$CSLOG_BIN" admin init-server "$(url "$1" cslog_dba)" --badge S1 --name Importer \
	    >/dev/null 2>&1
}
EOF
. "$W/fresh.sh"

for SIZE in $SIZES; do
	measure "$SIZE"
done
echo "(the server's tables are also in $RESULTS; the SQL replayed in psql in $BENCH_DIR/pg-sql)" >&2
