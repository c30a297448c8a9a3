#!/bin/sh
# run.sh - make bench: time cslog on databases of 10k, 100k and 1M
# contacts, each figure against the same SQL run by the sqlite3 shell.
#
# The databases are made once by the helper (cslog-bench gen: 300
# members, a year of contacts under every shipped policy) under
# $BENCH_DIR and kept; delete them to make new ones.  Every figure is
# the median of several runs of a whole process: cslog (with its start,
# policy loading and output) or sqlite3 (the same query, its output to
# /dev/null).  The `log` runs add a few contacts to the kept databases.
#
# Environment:
#   BENCH_SIZES    databases to use (default "10k 100k 1m")
#   BENCH_RUNS     runs per figure (default 7)
#   BENCH_IO_RUNS  runs of export and import (default 3)
#   BENCH_IMPORT   sizes whose export is imported again (default all three)
#   BENCH_PARTS    what to measure (default "screens queue lists reports
#                  log io verify agg"; e.g. BENCH_PARTS=io for export and import)
#   BENCH_PG       0: no PostgreSQL column (tools/bench/pg.sh, its own settings)
#
# To add a measurement, add one line to measure_db: `m NAME SQL ARGS...`
# times `cslog --db DB ARGS...` against `sqlite3 DB SQL` (SQL "": no
# comparison); `io` and `rate` are the throughput variants.
set -u
: "${CSLOG_BIN:?}" "${CSLOG_BENCH:?}" "${BENCH_DIR:?}"
SIZES=${BENCH_SIZES:-"10k 100k 1m"}
RUNS=${BENCH_RUNS:-7}
IO_RUNS=${BENCH_IO_RUNS:-3}
IMPORT=${BENCH_IMPORT:-"10k 100k 1m"}
PARTS=${BENCH_PARTS:-"screens queue lists reports log io verify agg"}
# Every command acts as supervisor S1 (its PIN check, argon2id, about
# 9 ms, is in each figure) except where a member with no PIN is named
# (show, policy list: the issue-16 figures, measured without the PIN).
export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 CSLOG_PIN=1234 CSLOG_AS=S1
unset CSLOG_DB CSLOG_POLICY_PATH CSLOG_NOW
cd "$(dirname "$0")/../.." || exit 1   # the source tree: ./policies
mkdir -p "$BENCH_DIR" || exit 1
RESULTS=$BENCH_DIR/results.txt
: >"$RESULTS"

say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }

contacts_in() { # size word -> number
	case $1 in
	*k) echo $((${1%k} * 1000)) ;;
	*m) echo $((${1%m} * 1000000)) ;;
	*) echo "$1" ;;
	esac
}

# ensure_db SIZE: the cached database, made when missing.
ensure_db() {
	_db=$BENCH_DIR/contacts-$1.db
	if [ ! -f "$_db" ]; then
		echo "== making $_db ($(contacts_in "$1") contacts; kept for later runs)" >&2
		rm -f "$_db.part" "$_db.part-wal" "$_db.part-shm"
		"$CSLOG_BENCH" gen --contacts "$(contacts_in "$1")" --members 300 "$_db.part" \
		    >"$BENCH_DIR/gen-$1.txt" || exit 1
		mv "$_db.part" "$_db" || exit 1
		rm -f "$_db.part-import"   # the generator's import marker, named for .part
		sed 's/^/   /' "$BENCH_DIR/gen-$1.txt" >&2
	fi
	echo "$_db"
}

# ---- timing and the table ---------------------------------------------

ERR=$BENCH_DIR/stderr.txt   # the last run's messages, shown when it fails
t() { "$CSLOG_BENCH" time -n "$RUNS" --err "$ERR" -- "$@"; }
tio() { "$CSLOG_BENCH" time -n "$IO_RUNS" --err "$ERR" "$@"; }

header() {
	say "$(printf '%-44s %10s %10s %7s %9s' measurement 'cslog ms' 'sqlite3 ms' ratio 'rss KiB')"
}

# row NAME "CSLOG-TIMES" "SQLITE-TIMES": times are "median min max rss".
row() {
	_c=$(echo "$2" | awk '{print $1}')
	_rss=$(echo "$2" | awk '{print $4}')
	_s=$(echo "$3" | awk '{print $1}')
	_r=$(awk -v c="$_c" -v s="$_s" 'BEGIN { if (s > 0 && c != "")
	    printf (c / s < 0.1 ? "%.3f" : "%.2f"), c / s }')
	say "$(printf '%-44s %10s %10s %7s %9s' "$1" "${_c:-failed}" "${_s:--}" "${_r:--}" "$_rss")"
}

# m NAME SQL CSLOG-ARGS...
m() {
	_name=$1 _sql=$2
	shift 2
	_ct=$(t "$CSLOG_BIN" --db "$DB" "$@") || _ct=""
	_st=""
	[ -n "$_sql" ] && _st=$(t sqlite3 -readonly "$DB" "$_sql")
	row "$_name" "$_ct" "$_st"
	LAST_C=$(ms "$_ct") LAST_S=$(ms "$_st") LAST_CC=$(cpu "$_ct") LAST_SC=$(cpu "$_st")
}

# goal NAME CSLOG-MS FLOOR-MS MAX-RATIO [NOTE]: a target of issue 16, the
# figure beside its floor and the ratio, met or not; kept for the
# summary printed at the end of each size.
GOALS=$BENCH_DIR/goals.txt
goal() {
	_line=$(awk -v n="$1" -v c="$2" -v f="$3" -v m="$4" -v note="${5:-}" 'BEGIN {
	    if (c == "" || f == "" || f <= 0) { printf "%-44s %10s %10s %7s  <= %-5s %s %s", n, c, f, "-", m, "NOT MEASURED", note; exit }
	    r = c / f
	    printf "%-44s %10.2f %10.2f %7.2f  <= %-5s %s %s", n, c, f, r, m, (r <= m ? "met" : "NOT MET"), note }')
	printf '%s\n' "$_line" >>"$GOALS"
}

# goal_max NAME VALUE LIMIT UNIT: an absolute target (VALUE <= LIMIT).
goal_max() {
	_line=$(awk -v n="$1" -v v="$2" -v l="$3" -v u="$4" 'BEGIN {
	    if (v == "") { printf "%-44s %10s %10s %7s  <= %-5s %s", n, "-", l, u, l, "NOT MEASURED"; exit }
	    printf "%-44s %10s %10s %7s  <= %-5s %s", n, v, l, u, l, (v + 0 <= l + 0 ? "met" : "NOT MET") }')
	printf '%s\n' "$_line" >>"$GOALS"
}

# goal_min NAME VALUE LIMIT UNIT: an absolute target (VALUE >= LIMIT).
goal_min() {
	_line=$(awk -v n="$1" -v v="$2" -v l="$3" -v u="$4" 'BEGIN {
	    if (v == "") { printf "%-44s %10s %10s %7s  >= %-5s %s", n, "-", l, u, l, "NOT MEASURED"; exit }
	    printf "%-44s %10s %10s %7s  >= %-5s %s", n, v, l, u, l, (v + 0 >= l + 0 ? "met" : "NOT MET") }')
	printf '%s\n' "$_line" >>"$GOALS"
}

ms() { echo "$1" | awk '{print $1}'; }
cpu() { echo "$1" | awk '{print $5}'; }   # user + system time, all threads

# rate NAME N "TIMES": N items in the median time, as items per second.
rate() {
	_ms=$(echo "$3" | awk '{print $1}')
	awk -v n="$2" -v ms="$_ms" 'BEGIN { if (ms > 0) printf "%.0f", n / (ms / 1000) }'
}

# ---- the SQL cslog runs, written out for the sqlite3 shell -------------

COLS="c.id, c.member_id, c.at, c.logged_at, c.logged_by, c.policy_id, c.policy_version,
 c.kind, c.channel, c.outcome, c.summary, c.needs_met, c.added_value, c.empowered,
 c.standards, c.referral_to, c.referee_contacted, c.decision, c.appeal_info, c.call_ref,
 c.amends, c.amend_reason, c.superseded_by, m.badge, m.name,
 NOT EXISTS (SELECT 1 FROM unreviewed u WHERE u.contact_id = c.id),
 (SELECT count(*) FROM review r WHERE r.contact_id = c.id),
 EXISTS (SELECT 1 FROM debrief_due d WHERE d.contact_id = c.id),
 (SELECT min(f.due_eff) FROM followup f WHERE f.contact_id = c.id AND f.state < 2)"
FROM="FROM contact c JOIN member m ON m.id = c.member_id"
PAGE="AND c.superseded_by IS NULL ORDER BY c.id DESC LIMIT 51"

list_sql() { # WHERE
	echo "SELECT $COLS $FROM WHERE $1 $PAGE"
}

search_sql() { # word
	echo "SELECT $COLS FROM contact_fts s CROSS JOIN contact c ON c.id = s.rowid
 JOIN member m ON m.id = c.member_id WHERE contact_fts MATCH '\"$1\"'
 AND c.superseded_by IS NULL ORDER BY s.rowid DESC LIMIT 51"
}

agg_sql() { # dim...: the aggregate query cslog's report runs, per dimension
	for _d in "$@"; do
		printf "SELECT value, sum(n) FROM agg WHERE dim = '%s' AND grain = 1 GROUP BY value HAVING sum(n) > 0 ORDER BY value;" "$_d"
	done
}

BADGES="SELECT id, badge FROM member;"
FU_STATS="SELECT count(*) FILTER (WHERE f.state = 2 AND f.done_grade < 2),
 count(*) FILTER (WHERE f.state = 2), count(*) FILTER (WHERE f.state < 2),
 count(*) FILTER (WHERE f.state = 0 AND f.limit_eff < unixepoch())
 FROM followup f JOIN contact c ON c.id = f.contact_id WHERE c.superseded_by IS NULL;
 SELECT count(*) FROM debrief_due d JOIN contact c ON c.id = d.contact_id
 WHERE c.superseded_by IS NULL;"

show_sql() { # id
	echo "SELECT $COLS $FROM WHERE c.id = $1;
 SELECT * FROM contact_answer WHERE contact_id = $1 ORDER BY ord;
 SELECT * FROM contact_private WHERE contact_id = $1;
 SELECT * FROM followup WHERE contact_id = $1 ORDER BY id;
 SELECT r.*, m.badge, m.name FROM review r JOIN member m ON m.id = r.member_id
 WHERE r.contact_id = $1 ORDER BY r.id;
 SELECT id, amends, amend_reason FROM contact WHERE id = $1 OR amends = $1;"
}

# ---- one database --------------------------------------------------------

measure_lists() {
	_mid=$(sqlite3 -readonly "$DB" "SELECT max(id) / 2 FROM contact")
	CSLOG_AS=M150   # a member with no PIN
	m "start-up: --version / SELECT 1" "SELECT 1" --version
	_bare=$LAST_C
	# the policy cache (~/.cache/cslog) is written by the first run and
	# read by the others; CSLOG_POLICY_CACHE=off parses the YAML each time
	export CSLOG_POLICY_CACHE=off
	m "start-up: policy list, no cache (parses YAML)" "SELECT 1" policy list
	unset CSLOG_POLICY_CACHE
	m "start-up: policy list (loads the policies)" "SELECT 1" policy list
	goal "policy list / cslog --version ($SIZE)" "$LAST_C" "$_bare" 1.5 "(the bare work: start, no policies)"
	CSLOG_AS=S1
	m "list, first page (50)" "$(list_sql 1)" list
	m "list, deep page (--after the middle id)" "$(list_sql "c.id < $_mid")" list --after "$_mid"
	m "list --search smoke (common)" "$(search_sql smoke)" list --search smoke
	m "list --search kayak (rare)" "$(search_sql kayak)" list --search kayak
	m "list --not-empowered" "$(list_sql "c.empowered = 0")" list --not-empowered
	m "list --member M150" \
	    "$(list_sql "c.member_id = (SELECT id FROM member WHERE badge = 'M150')")" \
	    list --member M150
	m "list --overdue" "$(list_sql "c.id IN (SELECT contact_id FROM followup
	    WHERE state = 0 AND limit_eff < unixepoch())")" list --overdue
	m "list --kind internal --channel written" \
	    "$(list_sql "c.kind = 'internal' AND c.channel = 'written'")" \
	    list --kind internal --channel written
	_own=$(sqlite3 -readonly "$DB" "SELECT max(c.id) FROM contact c JOIN member m
	    ON m.id = c.member_id WHERE m.badge = 'M150' AND c.id <= $_mid")
	CSLOG_AS=M150
	m "show (one contact, its follow-ups, reviews)" "$(show_sql "$_own")" show "$_own"
	goal "show ID / its SQL in sqlite3 ($SIZE)" "$LAST_C" "$LAST_S" 2 "(member, no PIN)"
	goal "... CPU time, show / its SQL ($SIZE)" "$LAST_CC" "$LAST_SC" 2 \
	    "(user + system: the figure to read on a loaded machine)"
	CSLOG_AS=S1
}

measure_reports() {
	for _by in kind channel outcome day empowered; do
		m "report --by $_by" "$(agg_sql "$_by")" report --by "$_by"
	done
	m "report --by needs-met" "$(agg_sql needs_met)" report --by needs-met
	m "report --by added-value" "$(agg_sql added_value)" report --by added-value
	m "report --by member" "$(agg_sql member) $BADGES" report --by member
	m "report --by question" "$(agg_sql question_failed question_asked)" \
	    report --by question
	m "report --by added-value-by-member" \
	    "$(agg_sql member_added_value member) $BADGES" report --by added-value-by-member
	m "report --by summary" "$(agg_sql empowered needs_met added_value question_failed \
	    question_asked outcome) $FU_STATS" report --by summary
	m "report --by kind, plain GROUP BY (sqlite3)" \
	    "SELECT kind, count(*) FROM contact WHERE superseded_by IS NULL GROUP BY kind" \
	    report --by kind
}

# One durable write: cslog's whole process against one durable sqlite3
# transaction on a scratch WAL database on the same disk.
measure_log() {
	_scratch=$BENCH_DIR/scratch.db
	rm -f "$_scratch" "$_scratch-wal" "$_scratch-shm"
	sqlite3 "$_scratch" "PRAGMA journal_mode = WAL; CREATE TABLE t (x BLOB)" >/dev/null
	_ct=$(t "$CSLOG_BIN" --db "$DB" log --as M101 --policy phoenix --kind recipient \
	    --channel on-scene --outcome resolved --needs-met yes \
	    --summary "Benchmark contact: smoke alarm checked") || _ct=""
	_st=$(t sqlite3 "$_scratch" "PRAGMA synchronous = FULL; BEGIN IMMEDIATE;
	    INSERT INTO t VALUES (randomblob(400)); COMMIT;")
	row "log one contact (whole process, durable)" "$_ct" "$_st"
}

# Export throughput (CSV and JSONL), then import of the export into a
# new database against its floor: the very rows a cslog import wrote
# (members, contacts, answers, protected fields, follow-ups, queues,
# audit events, report counts), copied by one INSERT ... SELECT per
# table in the sqlite3 shell into a new database of cslog's own schema
# (its indexes and triggers), the search index filled from its view,
# in one transaction, durable, with the cache an import uses.  The rows
# come from a reference import (not timed) kept in a bare staging file.
# Each import's peak memory (ru_maxrss) is printed and held to 64 MiB.
IMPORT_TABLES="member contact contact_answer contact_private followup unreviewed
 debrief_due audit agg"
measure_io() {
	_n=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM contact")
	_csv=$BENCH_DIR/export-$SIZE.csv
	_ct=$(tio -- "$CSLOG_BIN" --db "$DB" export --format csv --output "$_csv") || _ct=""
	_st=$(tio -- sqlite3 -readonly -csv -header "$DB" \
	    "SELECT c.*, m.badge, m.name $FROM ORDER BY c.id")
	row "export csv: $(rate x "$_n" "$_ct") contacts/s" "$_ct" "$_st"
	_csv_ms=$(ms "$_ct")
	_ct=$(tio -- "$CSLOG_BIN" --db "$DB" export --format jsonl --output "$_csv.jsonl") || _ct=""
	row "export jsonl: $(rate x "$_n" "$_ct") contacts/s" "$_ct" "$_st"
	goal "export jsonl / export csv ($SIZE)" "$(ms "$_ct")" "$_csv_ms" 1.25 \
	    "(0.8x CSV's throughput)"
	goal_min "export jsonl, contacts/s ($SIZE)" "$(rate x "$_n" "$_ct")" 100000 "/s"
	case " $IMPORT " in *" $SIZE "*) ;; *) rm -f "$_csv" "$_csv.jsonl"; return ;; esac
	_new=$BENCH_DIR/import.db _stage=$BENCH_DIR/import-stage.db _fl=$BENCH_DIR/floor.sql
	_fresh="rm -f $_new $_new-wal $_new-shm; echo 1234 | $CSLOG_BIN --db $_new member add \
	    --badge S1 --name Importer --role supervisor --pin-stdin >/dev/null"
	# the reference import and its rows, bare
	sh -c "$_fresh" && "$CSLOG_BIN" --db "$_new" import "$_csv" --as S1 >/dev/null || return
	rm -f "$_stage"
	{ echo "ATTACH '$_stage' AS s;"
	  for _t in $IMPORT_TABLES; do
		case $_t in
		member|audit) echo "CREATE TABLE s.$_t AS SELECT * FROM $_t WHERE id > 1;" ;;
		*) echo "CREATE TABLE s.$_t AS SELECT * FROM $_t;" ;;
		esac
	  done; } | sqlite3 "$_new" || return
	{ echo "PRAGMA synchronous = FULL; PRAGMA cache_size = -16384;"
	  echo "ATTACH '$_stage' AS s; BEGIN IMMEDIATE;"
	  for _t in $IMPORT_TABLES; do
		echo "INSERT OR REPLACE INTO main.$_t SELECT * FROM s.$_t;"
	  done
	  echo "INSERT INTO contact_fts (rowid, summary, added_value, notes)"
	  echo " SELECT id, summary, added_value, notes FROM contact_fts_src;"
	  echo "COMMIT;"; } >"$_fl"
	_st=$(tio --setup "$_fresh" --in "$_fl" -- sqlite3 "$_new") || _st=""
	_fl_ms=$(ms "$_st")
	for _fmt in csv jsonl; do
		_in=$_csv
		[ "$_fmt" = jsonl ] && _in=$_csv.jsonl
		_ct=$(tio --setup "$_fresh" -- "$CSLOG_BIN" --db "$_new" import "$_in" --as S1) || _ct=""
		row "import $_fmt: $(rate x "$_n" "$_ct") contacts/s" "$_ct" "$_st"
		goal "import $_fmt / INSERT ... SELECT ($SIZE)" "$(ms "$_ct")" "$_fl_ms" 1.25 \
		    "(floor: the same rows in this schema)"
		goal_max "import $_fmt, peak KiB ($SIZE)" "$(echo "$_ct" | awk '{print $4}')" \
		    65536 KiB
	done
	say "$(printf '%-44s %10s %10s %7s %9s' "import floor: the same rows, INSERT ... SELECT" - \
	    "$(ms "$_st")" - "$(echo "$_st" | awk '{print $4}')")"
	rm -f "$_csv" "$_csv.jsonl" "$_new" "$_new-wal" "$_new-shm" "$_new-import" "$_stage" "$_fl"
}

# Full verify against SQLite's own integrity check of the same file, and
# verify --since-anchor from the head of a day before the newest event
# (a day's contacts, as a supervisor checks at a shift change).
measure_verify() {
	_ct=$(tio -- "$CSLOG_BIN" --db "$DB" verify) || _ct=""
	_st=$(tio -- sqlite3 -readonly "$DB" "PRAGMA integrity_check")
	row "verify (full)" "$_ct" "$_st"
	goal "verify / PRAGMA integrity_check ($SIZE)" "$(ms "$_ct")" "$(ms "$_st")" 2 \
	    "(wall time; verify uses both cores)"
	say "$(printf '%-44s %10s %10s %7s' "verify (full), CPU ms: user + system" "$(cpu "$_ct")" \
	    "$(cpu "$_st")" "$(awk -v c="$(cpu "$_ct")" -v s="$(cpu "$_st")" 'BEGIN { if (s > 0) printf "%.2f", c / s }')")"
	goal "verify / integrity_check, CPU ($SIZE)" "$(cpu "$_ct")" "$(cpu "$_st")" 2 \
	    "(CPU: user + system of every thread; holds under load)"
	_a=$(sqlite3 -readonly "$DB" "SELECT id || ':' || lower(hex(hash)) FROM audit
	    WHERE at <= (SELECT max(at) - 86400 FROM audit) ORDER BY id DESC LIMIT 1")
	_n=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM contact
	    WHERE logged_at > (SELECT max(at) - 86400 FROM audit)")
	m "verify --since-anchor (a day: $_n contacts)" "" verify --since-anchor "$_a"
	goal_max "verify --since-anchor, a day ($SIZE), ms" "$LAST_C" 100 ms
}

# The store's report from its aggregates against the same figures
# computed from the contacts, in one process (no start-up).
measure_agg() {
	say ""
	say "$(printf '%-44s %10s %10s %7s' 'report, in process' 'agg ms' 'scan ms' 'scan/agg')"
	"$CSLOG_BENCH" report -n "$RUNS" "$DB" >"$BENCH_DIR/agg.txt"
	_o=$(grep '^overdue_now ' "$BENCH_DIR/agg.txt" | awk '{print $2}')
	goal_max "summary: overdue now, in process ($SIZE)" "$_o" 5 ms
	while read -r _dim _agg _scan _rows _bad; do
		say "$(printf '%-44s %10s %10s %7s %s' "$_dim ($_rows rows)" "$_agg" "$_scan" \
		    "$(awk -v a="$_agg" -v s="$_scan" 'BEGIN { if (a > 0) printf "%.0f", s / a }')" \
		    "${_bad:-}")"
	done <"$BENCH_DIR/agg.txt"
}

# The review queue as the screen asks for it, in one process (no
# start-up: the screen is already open), against the very statements
# the store ran, replayed in the sqlite3 shell.  The shell's figure is
# per page: (time for K pages - time for 1) / (K - 1), so its own
# start-up is left out too.
K=51
measure_queue() {
	say ""
	say "$(printf '%-44s %10s %10s %7s %9s' 'review queue, one page (18 rows)' 'cslog ms' 'sqlite3 ms' ratio rows)"
	"$CSLOG_BENCH" queue -n "$RUNS" "$DB" >"$BENCH_DIR/queue.txt" || return
	grep -v '^sql ' "$BENCH_DIR/queue.txt" | while IFS="$(printf '\t')" read -r _name _ms _rows; do
		_sql=$(grep -F "sql $_name	" "$BENCH_DIR/queue.txt" | cut -f2-)
		_floor=""
		if [ -n "$_sql" ]; then
			printf '%s\n' "$_sql" >"$BENCH_DIR/q1.sql"
			_i=0; : >"$BENCH_DIR/qk.sql"
			while [ $_i -lt $K ]; do printf '%s\n' "$_sql" >>"$BENCH_DIR/qk.sql"; _i=$((_i + 1)); done
			_t1=$("$CSLOG_BENCH" time -n "$RUNS" --in "$BENCH_DIR/q1.sql" -- sqlite3 -readonly "$DB" | awk '{print $1}')
			_tk=$("$CSLOG_BENCH" time -n "$RUNS" --in "$BENCH_DIR/qk.sql" -- sqlite3 -readonly "$DB" | awk '{print $1}')
			_floor=$(awk -v a="$_t1" -v b="$_tk" -v k=$K 'BEGIN { f = (b - a) / (k - 1); printf "%.3f", f < 0.001 ? 0.001 : f }')
		fi
		_r=$(awk -v c="$_ms" -v s="$_floor" 'BEGIN { if (s > 0) printf "%.2f", c / s }')
		case $_name in
		"peak resident KiB") say "$(printf '%-44s %10s' "peak resident (KiB, in process)" "$_ms")" ;;
		*) say "$(printf '%-44s %10s %10s %7s %9s' "$_name" "$_ms" "${_floor:--}" "${_r:--}" "$_rows")" ;;
		esac
	done
	rm -f "$BENCH_DIR/q1.sql" "$BENCH_DIR/qk.sql"
}

# The whole full-screen program in an 80x24 pseudo-terminal.
measure_screens() {
	say ""
	say "$(printf '%-44s %10s' 'full-screen program (pty 80x24)' 'ms')"
	"$CSLOG_BENCH" startup -n "$RUNS" "$CSLOG_BIN" "$DB" | while IFS="$(printf '\t')" read -r _name _v; do
		say "$(printf '%-44s %10s' "$_name" "$_v")"
	done
}

measure_db() {
	say ""
	say "== $SIZE: $DB ($(($(stat -c %s "$DB") / 1048576)) MiB, $(nproc) cores, medians of $RUNS runs)"
	[ -f "$BENCH_DIR/gen-$SIZE.txt" ] && say "   made by: $(cat "$BENCH_DIR/gen-$SIZE.txt")"
	# the machine may be shared: its load says how far to trust wall times
	say "   load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
	header
	for _part in $PARTS; do
		"measure_$_part"
	done
}

for SIZE in $SIZES; do
	DB=$(ensure_db "$SIZE") || exit 1
	: >"$GOALS"
	measure_db
	# A database kept from an older build is brought up to date by the
	# first command that opens it, which keeps a copy beside it first
	# (as large as the database); the bench can make its databases again.
	rm -f "$DB".backup-v*
	say ""
	say "$(printf '%-44s %10s %10s %7s  %s' "issue 16 targets, $SIZE" 'cslog' 'floor' 'ratio' 'target')"
	while IFS= read -r _g; do say "$_g"; done <"$GOALS"
	say "   load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
done
[ "${BENCH_PG:-1}" = 0 ] || sh tools/bench/pg.sh   # the server's column (BENCH_PG=0: none)
echo "" >&2
echo "(the tables are also in $RESULTS)" >&2
