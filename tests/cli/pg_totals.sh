#!/bin/sh
# pg_totals.sh - the reports' all-time totals on a PostgreSQL server
# (schema part "totals", src/store/pg_schema_totals.c): each command run
# on a SQLite file and on a server alike, then
#  - report --by summary (and by kind, outcome, question, day) over all
#    time, read from cslog.agg_total, the file's byte for byte, after
#    logs, follow-ups done and paused, a debrief, amendments, an import,
#    and a copy into a new server; with --since/--until (the daily rows)
#    and as a member (their contacts) too;
#  - the totals are the daily rows summed, value by value, after each;
#    a daily row changed, deleted or truncated by the owner moves them
#    with it (the trigger on cslog.agg);
#  - verify passes, and fails (65) on a total changed or added by the
#    owner, naming it (the counts not to a member);
#  - a server made before the part: refused (69) until upgrade-server,
#    which makes it and fills the totals from the daily rows already
#    there; the summary the file's after it, and after more logging.
# Not under valgrind (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
pg_new main
pg_start main || { cat "$T/main/log"; pg_skip_all "the server did not start"; }
pg_cslog_db main
sql() { pg_sql main "$1"; }
URL=$CSLOG_DB
OWNER=$(pg_url main cslog_dba)
FILE="$T/file.db"
printf '1234\n' >"$T/pin"
CSLOG_DB="$FILE" cslog member add --badge S1 --name "Sam Super" --role supervisor \
    --pin-stdin <"$T/pin"
CSLOG_DB="$FILE" cslog --as S1 member add --badge M1 --name "Mo Member"
CSLOG_DB="$FILE" cslog --as S1 member add --badge M2 --name "Max Member"
status 0 "the file has the server's members"
is "$(sql "SELECT count(*) FROM cslog.schema_part WHERE name = 'totals'")" "1" \
    "init-server made the part totals"

# Values whose total is not the sum of their daily rows, on database DB.
drift() {
	psql -X -q -A -t "postgresql:///${1:-cslog}?host=$T/main&user=cslog_dba" -c "
	  SELECT count(*) FROM (SELECT dim, policy_id, value, sum(n) AS n FROM cslog.agg
	                        GROUP BY 1, 2, 3) d
	  FULL JOIN cslog.agg_total t USING (dim, policy_id, value)
	  WHERE coalesce(d.n, 0) <> coalesce(t.n, 0)" 2>&1
}
# compare WHAT [DB-URL]: every figure over all time the file's, the
# totals their daily rows summed.
compare() {
	_u=${2:-$URL}
	for by in summary kind outcome question day; do
		CSLOG_DB="$FILE" cslog --as S1 report --by "$by" --format json </dev/null
		cp "$T/out" "$T/out.file"
		CSLOG_DB="$_u" cslog --as S1 report --by "$by" --format json </dev/null
		frc=0
		same 0 "$1: report --by $by over all time, the file's"
	done
}

# ---- logs, follow-ups, reviews, amendments ---------------------------------
due=$(date -u -d '+2 days' '+%Y-%m-%dT%H:%M:%SZ')
i=0
for who in M1 M2 S1 M1 M2 M1; do
	i=$((i + 1))
	both --as S1 log --member "$who" --policy bsofr --kind recipient --channel phone \
	    --outcome assisted --summary "call $i" --at "-${i}d" --needs-met yes \
	    --added-value "stayed a while" --answers yes,yes,yes,no,yes,yes,yes \
	    --follow-up "$due"
done
both --as S1 log --policy phoenix --kind recipient --channel on-scene --outcome resolved \
    --summary "a phoenix call" --at -40d --needs-met no
both --as S1 log --policy bsofr --kind recipient --channel phone --outcome complaint \
    --summary "a complaint about the siren" --at -3d
same 0 "eight contacts under two policies over 40 days"
is "$(drift)" "0" "the totals are the daily rows summed"
compare "after the logs"

both --as S1 followup done 1 --note "called back"
both --as S1 followup pause 2 --reason "away"
both --as S1 review 8 --note "debriefed at the station"
both --as S1 amend 3 --reason "wrong outcome" --outcome resolved
both --as S1 amend 9 --reason "and the channel" --channel in-person
same 0 "a follow-up done and one paused, a debrief, an amendment amended again"
is "$(drift)" "0" "the totals still the daily rows summed"
compare "after follow-ups, a debrief and amendments"

both --as S1 report --by summary --since "$(date -u -d '-10 days' +%F)" --until "$(date -u +%F)" --format json
same 0 "the summary of the last ten days (the daily rows): the file's"
both --as S1 report --by kind --since "$(date -u -d '-100 days' +%F)" --until "$(date -u -d '-20 days' +%F)" --format json
same 0 "the kinds of a range of days: the file's"
both --as S1 report --by summary --policy phoenix --format json
same 0 "the summary of one policy over all time: the file's"
both --as M1 report --by summary --format json
same 0 "a member's own summary: the file's"

# ---- import ----------------------------------------------------------------
{
	echo "at,logged_at,member,policy,policy_version,kind,channel,outcome,summary,standards,call"
	for d in 11 12 13 14 15 16 17 18 19 20 21 22; do
		printf '2026-03-%02dT10:00:00Z,2026-03-%02dT11:00:00Z,M%d,phoenix,2026.2,recipient,on-scene,resolved,Imported %d,respect,CAD-%06d\n' \
		    "$d" "$d" $((d % 2 + 1)) "$d" "$d"
	done
} >"$T/in.csv"
both --as S1 import "$T/in.csv"
same 0 "twelve contacts imported"
is "$(drift)" "0" "the totals are the daily rows summed after the import (agg_bulk)"
compare "after the import"

# ---- copy into a new server -------------------------------------------------
pg_createdb main copied
COPIED=$(pg_url main cslog_dba | sed 's,/cslog?,/copied?,')
CSLOG_PIN=1234 cslog admin init-server "$COPIED" --badge ADM --name "Dana Admin"
status 0 "a second database made cslog's"
cslog copy --from "$FILE" --to "$COPIED"
status 0 "the file copied into it"
is "$(drift copied)" "0" "the totals are the daily rows summed after the copy"
CURL=$(echo "$COPIED" | sed 's/cslog_dba/cslog_terminal/')
for by in summary kind outcome question day; do
	CSLOG_DB="$FILE" cslog --as S1 report --by "$by" --format json </dev/null
	cp "$T/out" "$T/out.file"
	CSLOG_DB="$CURL" cslog --as ADM report --by "$by" --format json </dev/null
	frc=0
	same 0 "the copied server: report --by $by over all time, the file's"
done

# ---- the owner's writes move the totals with the daily rows -----------------
k=$(sql "SELECT n FROM cslog.agg_total WHERE dim = 'kind' AND policy_id = 'bsofr' AND value = 'recipient'")
sql "UPDATE cslog.agg SET n = n + 5 WHERE dim = 'kind' AND policy_id = 'bsofr'
     AND value = 'recipient' AND day = (SELECT max(day) FROM cslog.agg WHERE dim = 'kind'
     AND policy_id = 'bsofr')" >/dev/null
is "$(sql "SELECT n FROM cslog.agg_total WHERE dim = 'kind' AND policy_id = 'bsofr' AND value = 'recipient'")" \
    "$((k + 5))" "a daily row changed: its total moves with it"
sql "UPDATE cslog.agg SET n = n - 5 WHERE dim = 'kind' AND policy_id = 'bsofr'
     AND value = 'recipient' AND day = (SELECT max(day) FROM cslog.agg WHERE dim = 'kind'
     AND policy_id = 'bsofr')" >/dev/null
sql "BEGIN; DELETE FROM cslog.agg WHERE dim = 'outcome';
     SELECT count(*) FROM cslog.agg_total WHERE dim = 'outcome' AND n <> 0; ROLLBACK" >"$T/psql"
is "$(cat "$T/psql")" "0" "daily rows deleted: their totals come to nothing"
sql "BEGIN; TRUNCATE cslog.agg; SELECT count(*) FROM cslog.agg_total; ROLLBACK" >"$T/psql"
is "$(cat "$T/psql")" "0" "the daily rows truncated: the totals too"
is "$(drift)" "0" "all put back"
compare "after the owner's changes put back"
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "verify passes"
sql "UPDATE cslog.agg_total SET n = n + 1 WHERE dim = 'outcome' AND policy_id = 'bsofr'
     AND value = 'resolved'" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 65 "a total changed by the owner: verify fails"
has "$T/err" "the report totals were changed behind cslog's back: outcome 'resolved' under policy bsofr is not its days summed (2 over all time, 1 over its days) (table agg_total" \
    "naming the total, its policy and both counts"
CSLOG_DB="$URL" cslog --as M1 verify
status 65 "a member's verify finds it too"
has "$T/err" "outcome 'resolved' under policy bsofr is not its days summed (table agg_total" \
    "without the counts"
sql "UPDATE cslog.agg_total SET n = n - 1 WHERE dim = 'outcome' AND policy_id = 'bsofr'
     AND value = 'resolved'" >/dev/null
sql "INSERT INTO cslog.agg_total VALUES ('kind', 'bes', 'nobody', 4)" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 65 "a total with no daily rows: verify fails"
has "$T/err" "kind 'nobody' under policy bes is not its days summed (4 over all time, 0 over its days)" \
    "naming it"
sql "DELETE FROM cslog.agg_total WHERE value = 'nobody'" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "put back, verify passes"

# ---- a server made before the part, upgraded --------------------------------
drop_totals() {
	sql "BEGIN; SET LOCAL ROLE cslog_owner;
	     DROP TRIGGER agg_total_ins ON cslog.agg; DROP TRIGGER agg_total_upd ON cslog.agg;
	     DROP TRIGGER agg_total_del ON cslog.agg; DROP TRIGGER agg_total_trunc ON cslog.agg;
	     DROP FUNCTION cslog.agg_total_keep(), cslog.agg_total_clear(), cslog.verify_totals(text);
	     DROP TABLE cslog.agg_total;
	     DELETE FROM cslog.schema_part WHERE name = 'totals'; COMMIT;"
}
is "$(drop_totals)" "" "a server without the part totals (as the cslog before it made it)"
CSLOG_DB="$URL" cslog --as S1 report --by summary
status 69 "a report on it: unavailable"
has "$T/err" "lacks parts of the schema this cslog needs (totals)" "saying which part"
cslog admin upgrade-server "$OWNER"
status 0 "upgrade-server makes the part"
has "$T/out" "totals (keeping the reports' all-time totals)" "naming it"
is "$(sql "SELECT count(*) FROM cslog.agg_total WHERE n <> 0") $(drift)" \
    "$(sql "SELECT count(*) FROM (SELECT 1 FROM cslog.agg GROUP BY dim, policy_id, value HAVING sum(n) <> 0) x") 0" \
    "the totals filled from the daily rows already there"
compare "after the upgrade"
both --as S1 log --member M2 --policy bsofr --kind recipient --channel phone \
    --outcome assisted --summary "after the upgrade" --needs-met yes
both --as S1 followup done 4 --note "called back late"
same 0 "logging and a follow-up done after the upgrade"
is "$(drift)" "0" "the totals kept after the upgrade"
compare "after the upgrade and more logging"
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "verify passes after it all"

done_testing
