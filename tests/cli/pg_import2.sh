#!/bin/sh
# pg_import2.sh - the server's set-based import (cslog.import_commit,
# src/store/pg_schema_io2.c), its records sent in one pass as they are
# checked, writes what the row-by-row one (cslog.import_commit_rows,
# pg_schema_io.c), sent in a second pass, writes.  Two databases on
# one throwaway cluster; in the second the old function is put back
# under the name the terminal calls.  The same files imported into both:
#  - a file's export (amendments, customer data, answers, awkward text,
#    a member not yet known and one known);
#  - hand-made rows: without ids (the next ids), an id in the log, one
#    amending a contact in the log, one amending a contact not there,
#    one amending a later row, one amending that refused row (refused
#    in turn), one amending an earlier row of the same file: refused by
#    line, with the same reasons, in the same order (--skip-bad keeps
#    the rest; without it nothing is written);
#  - one id twice in a file (the set-based function hands it to the
#    row-by-row one);
# then every table compared: members, contacts, customer data, search
# rows, aggregates, audit events (id, actor, action, entity, detail;
# the server's times and the hashes over them aside, and a new
# member's row hash, which holds its time), the chain's length, the
# contact ids' sequence; both verify.  Before them, the stage (part
# import-lean): the terminal may only insert into the temporary table
# cslog.import_begin makes; a stage of its own is refused.  No timing
# here: make bench.
# Not under valgrind (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
pg_new pg
pg_start pg || { cat "$T/pg/log"; pg_skip_all "the server did not start"; }
P="$T/pg"
printf '1234\n' >"$T/pin"
export CSLOG_PIN=1234

dba() { psql -X -q -A -t -v ON_ERROR_STOP=1 "postgresql:///$1?host=$P&user=cslog_dba" -c "$2" 2>&1; }
for db in setb rowb; do
	pg_createdb pg "$db"
	cslog admin init-server "postgresql:///$db?host=$P&user=cslog_dba" --badge S1 \
	    --name "Sam Super"
	status 0 "init-server $db"
	CSLOG_DB="postgresql:///$db?host=$P&user=cslog_terminal" cslog --as S1 member add \
	    --badge M1 --name "Mo Member"
	status 0 "$db: a member known before the import"
done
is "$(dba setb "SELECT count(*) FROM cslog.schema_part WHERE name = 'import-set'")" "1" \
    "init-server made the part import-set"
# (the terminal stages in its transaction's own table since the part
# import-lean: the row-by-row function reads cslog.import_stage, so in
# rowb the terminal's call copies the rows there first)
dba rowb "ALTER FUNCTION cslog.import_commit(text) RENAME TO import_commit_set;
  CREATE FUNCTION cslog.import_commit(p_token text)
    RETURNS TABLE (line bigint, why text, imported bigint, members bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = cslog, pg_catalog, pg_temp AS \$f\$
  BEGIN
    INSERT INTO cslog.import_stage SELECT * FROM pg_temp.cslog_import_stage;
    RETURN QUERY SELECT * FROM cslog.import_commit_rows(p_token);
  END \$f\$;
  ALTER FUNCTION cslog.import_commit(text) OWNER TO cslog_owner;
  GRANT EXECUTE ON FUNCTION cslog.import_commit(text) TO cslog_terminal" >"$T/psql"
ok $? "rowb: the row-by-row function put back where the terminal calls it"
is "$(dba setb "SELECT has_function_privilege('cslog_terminal',
  'cslog.import_commit_rows(text)', 'EXECUTE')")" "f" \
    "the row-by-row function is not the terminal's to call"

# ---- the stage is the transaction's, made by cslog.import_begin -------------
# The terminal, signed in as S1 by psql: it may put rows in the stage,
# not read them, not change its shape; a stage of its own making is
# refused, as is one made twice; a crew member may not begin an import.
term() { # SQL...: as cslog_terminal in one transaction on setb, S1's token in :tok
	{ echo "BEGIN;"
	  echo "SELECT token AS tok FROM cslog.sign_in('S1', '1234') \\gset"
	  for _q in "$@"; do echo "$_q;"; done
	  echo "ROLLBACK;"; } |
	psql -X -q -A -t -v ON_ERROR_STOP=1 "postgresql:///setb?host=$P&user=cslog_terminal" 2>&1
}
ROW="(line, at, badge, policy_id, policy_version, kind, channel, summary, negative)
  VALUES (1, 0, 'S1', 'bsofr', '1', 'recipient', 'phone', 'x', false)"
out=$(term "SELECT cslog.import_begin(:'tok')" \
    "INSERT INTO pg_temp.cslog_import_stage $ROW")
ok $? "the terminal puts a row in the stage import_begin made (${out:-ok})"
out=$(term "SELECT cslog.import_begin(:'tok')" "SELECT count(*) FROM pg_temp.cslog_import_stage")
case $out in *"permission denied"*) ok 0 "the terminal cannot read the stage" ;;
*) ok 1 "the terminal cannot read the stage"; echo "#   $out" ;; esac
out=$(term "SELECT cslog.import_begin(:'tok')" \
    "ALTER TABLE pg_temp.cslog_import_stage ADD COLUMN evil text")
case $out in *"must be owner"*) ok 0 "nor change its shape" ;;
*) ok 1 "nor change its shape"; echo "#   $out" ;; esac
out=$(term "CREATE TEMP TABLE cslog_import_stage AS SELECT 1::bigint AS line, 7::bigint AS id" \
    "SELECT * FROM cslog.import_commit(:'tok')")
case $out in *"not made by cslog.import_begin"*) ok 0 "a stage of the terminal's own is refused" ;;
*) ok 1 "a stage of the terminal's own is refused"; echo "#   $out" ;; esac
out=$(term "CREATE TEMP TABLE cslog_import_stage (line bigint)" \
    "SELECT cslog.import_begin(:'tok')")
case $out in *"already exists"*) ok 0 "and import_begin will not take it over" ;;
*) ok 1 "and import_begin will not take it over"; echo "#   $out" ;; esac
out=$(term "SELECT cslog.import_begin(:'tok')" "SELECT cslog.import_begin(:'tok')")
case $out in *"already exists"*) ok 0 "one stage a transaction" ;;
*) ok 1 "one stage a transaction"; echo "#   $out" ;; esac
out=$(psql -X -q -A -t -v ON_ERROR_STOP=1 "postgresql:///setb?host=$P&user=cslog_terminal" \
    -c "SELECT cslog.import_begin((SELECT token FROM cslog.sign_in('M1', '')))" 2>&1)
case $out in *"may not import"*) ok 0 "a crew member may not begin an import" ;;
*) ok 1 "a crew member may not begin an import"; echo "#   $out" ;; esac
is "$(dba setb "SELECT count(*) FROM pg_class WHERE relname = 'cslog_import_stage'")" "0" \
    "no stage outlives its transaction"
out=$(term "INSERT INTO cslog.import_stage $ROW")
case $out in *"permission denied"*) ok 0 "the shared table cslog.import_stage is no longer the terminal's to fill" ;;
*) ok 1 "the shared table cslog.import_stage is no longer the terminal's to fill"; echo "#   $out" ;; esac

# ---- the files ---------------------------------------------------------------
F="$T/source.db"
CSLOG_DB="$F" cslog member add --badge S1 --name "Sam Super" --role supervisor \
    --pin-stdin <"$T/pin"
CSLOG_DB="$F" cslog --as S1 member add --badge M5 --name "Max Fünf"
CSLOG_DB="$F" cslog --as S1 member add --badge M1 --name "Mo Member"
src() { CSLOG_DB="$F" cslog --as S1 "$@"; }
src log --policy bsofr --kind recipient --channel on-scene --outcome complaint --member M5 \
    --summary "$(printf 'tab\there, "quotes", back\\slash\nand a second line, café')" \
    --customer-name "Zoë Customer" --customer-email "zoe@example.com"
src log --policy bsofr --kind recipient --channel phone --outcome resolved --member M1 \
    --answers yes,no,yes,yes,yes,yes,yes --added-value "drove them to the shelter" \
    --summary "stranded at night" --customer-phone "555 0100"
src amend 1 --reason "wrong outcome" --outcome refused-service --summary "refused the ride"
src log --policy bsofr --kind recipient --channel on-scene --outcome assisted \
    --summary "lent a blanket" --needs-met yes
ok "$([ "$rc" -eq 0 ] && echo 0 || echo 1)" "a file with an amendment (exit $rc)"
src export --format csv --include-protected --output "$T/a.csv"
status 0 "exported"

H='id,at,logged_at,member,member_name,policy,kind,channel,outcome,summary,amends,amend_reason,customer_name'
{
	echo "$H"
	echo ',2026-01-02T00:00:00Z,2026-01-02T01:00:00Z,M9,Nia Nine,bsofr,recipient,phone,resolved,no id one,,,'
	echo '2,2026-01-02T00:00:00Z,2026-01-02T01:00:00Z,M9,,bsofr,recipient,phone,resolved,id in the log,,,'
	echo '20,2026-01-03T00:00:00Z,2026-01-03T01:00:00Z,M9,,bsofr,recipient,phone,resolved,amends in the log,2,typo,Ann'
	echo '21,2026-01-03T00:00:00Z,2026-01-03T01:00:00Z,M8,Ola Eight,bsofr,recipient,phone,resolved,amends none,99,typo,'
	echo '22,2026-01-03T00:00:00Z,2026-01-03T01:00:00Z,M8,,bsofr,recipient,phone,resolved,amends later,24,typo,'
	echo '23,2026-01-03T00:00:00Z,2026-01-03T01:00:00Z,M7,,bsofr,recipient,phone,resolved,amends refused,22,typo,'
	echo '24,2026-01-03T00:00:00Z,2026-01-03T01:00:00Z,M7,,bsofr,recipient,phone,resolved,the later one,,,Bo'
	echo '25,2026-01-03T00:00:00Z,2026-01-03T01:00:00Z,M1,,bsofr,recipient,phone,resolved,amends earlier,24,typo,'
	echo ',2026-01-04T00:00:00Z,2026-01-04T01:00:00Z,M6,,bsofr,recipient,phone,resolved,no id two,,,'
} >"$T/b.csv"
{
	echo "$H"
	echo '30,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,M1,,bsofr,recipient,phone,resolved,thirty,,,'
	echo '31,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,M4,,bsofr,recipient,phone,resolved,first 31,,,'
	echo '31,2026-01-05T00:00:00Z,2026-01-05T01:00:00Z,M4,,bsofr,recipient,phone,resolved,second 31,,,'
} >"$T/c.csv"

# imp DB FILE ARGS: import FILE into DB; stderr kept as $T/err.DB.FILE.
# Into rowb the old way whole: the records checked in a first pass, then
# sent again in a second (CSLOG_TEST_IMPORT_SERIAL=1); into setb sent as
# they are checked, in one pass.
imp() {
	_serial=
	[ "$1" = rowb ] && _serial=1
	CSLOG_TEST_IMPORT_SERIAL=$_serial \
	CSLOG_DB="postgresql:///$1?host=$P&user=cslog_terminal" cslog --as S1 import "$2" \
	    ${3:-}
	cp "$T/err" "$T/err.$1.$(basename "$2")"
	eval "rc_$1=$rc"
}
# same_err FILE WANT what: both exited WANT with the same messages
same_err() {
	if [ "$rc_setb" = "$2" ] && [ "$rc_rowb" = "$2" ] &&
	    cmp -s "$T/err.setb.$1" "$T/err.rowb.$1"; then
		ok 0 "$3 (exit $2 from both, the same messages)"
	else
		ok 1 "$3 (exit $2 from both, the same messages)"
		printf '#   set-based: exit %s; row-by-row: exit %s\n' "$rc_setb" "$rc_rowb"
		diff "$T/err.rowb.$1" "$T/err.setb.$1" | head -10 | sed 's/^/#   /'
	fi
}

for db in setb rowb; do imp "$db" "$T/a.csv"; done
same_err a.csv 0 "a file's export"
has "$T/err.setb.a.csv" "imported 4 contacts (1 member created)" "every contact, a new member"
for db in setb rowb; do imp "$db" "$T/b.csv"; done
same_err b.csv 65 "hand-made rows, some refused, without --skip-bad"
has "$T/err.setb.b.csv" "line 3: contact 2 is in the log already" "an id in the log, by line"
has "$T/err.setb.b.csv" "line 5: it amends contact 99, which is not in the log" \
    "a contact not in the log"
has "$T/err.setb.b.csv" "line 6: it amends contact 24, which is not in the log" \
    "a later row of the file"
has "$T/err.setb.b.csv" "line 7: it amends contact 22, which is not in the log" \
    "a refused row of the file"
lacks "$T/err.setb.b.csv" "line 9:" "an earlier row of the file is no refusal"
is "$(dba setb "SELECT count(*) FROM cslog.contact")" "4" "nothing written without --skip-bad"
for db in setb rowb; do imp "$db" "$T/b.csv" --skip-bad; done
same_err b.csv 65 "the same with --skip-bad"
has "$T/err.setb.b.csv" "4 bad records were skipped" "the four skipped"
is "$(dba setb "SELECT string_agg(id::text, ' ' ORDER BY id) FROM cslog.contact WHERE id > 4")" \
    "20 24 25 26 27" "the rest written, the rows without ids after the highest id staged"
for db in setb rowb; do imp "$db" "$T/c.csv" --skip-bad; done
same_err c.csv 65 "one id twice in a file"

# ---- every table ---------------------------------------------------------------
# Each query's rows, in a fixed order, from both databases.
cmp_q() { # what SQL
	dba setb "$2" >"$T/q.setb"
	dba rowb "$2" >"$T/q.rowb"
	if [ -s "$T/q.setb" ] && cmp -s "$T/q.setb" "$T/q.rowb"; then
		ok 0 "$1: the same ($(wc -l <"$T/q.setb") rows)"
	else
		ok 1 "$1: the same"
		diff "$T/q.rowb" "$T/q.setb" | head -10 | sed 's/^/#   /'
	fi
}
cmp_q "members" "SELECT id, badge, name, role, pin_hash IS NULL, failed_pins, locked_until, pin_reset
  FROM cslog.member ORDER BY id"
cmp_q "contacts" "SELECT id, member_id, logged_by, at, logged_at, policy_id, policy_version,
  kind, channel, outcome, summary, needs_met, added_value, empowered, answers, standards,
  referral_to, referee_contacted, decision, appeal_info, call_ref, negative, amends,
  amend_reason FROM cslog.contact ORDER BY id"
cmp_q "customer data" "SELECT * FROM cslog.contact_private ORDER BY contact_id"
cmp_q "search rows" "SELECT contact_id, doc FROM cslog.contact_search ORDER BY contact_id"
cmp_q "aggregates" "SELECT * FROM cslog.agg WHERE n <> 0 ORDER BY dim, day, policy_id, value"
cmp_q "audit events" "SELECT id, actor_id, action, entity, entity_id,
  CASE WHEN action = 'member.add' THEN (detail::jsonb - 'row')::text ELSE detail END
  FROM cslog.audit ORDER BY id"
cmp_q "the chain's head" "SELECT id FROM cslog.chain_head"
cmp_q "the contact ids' sequence" "SELECT last_value, is_called FROM cslog.contact_id_seq"
cmp_q "the staging table, empty" "SELECT count(*) FROM cslog.import_stage"
is "$(dba setb "SELECT count(DISTINCT at) FROM cslog.audit WHERE action = 'contact.log'
  AND detail::jsonb ->> 'content' IS NOT NULL AND entity_id BETWEEN 20 AND 27")" "1" \
    "the set-based import's events bear one time"
for db in setb rowb; do
	CSLOG_DB="postgresql:///$db?host=$P&user=cslog_terminal" cslog --as S1 verify
	status 0 "$db verifies (every hash chained, every contact its event's)"
done
CSLOG_DB="postgresql:///setb?host=$P&user=cslog_terminal" cslog --as S1 log --policy bsofr \
    --kind recipient --channel phone --outcome resolved --summary "after the imports"
is "$(cat "$T/out")" "32" "a contact logged after the imports takes the next id"
CSLOG_DB="postgresql:///setb?host=$P&user=cslog_terminal" cslog --as S1 verify
status 0 "and the chain goes on from the import's head"

# ---- a large import brings the planner's statistics up to date ---------------
analysed() { dba setb "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables
  WHERE schemaname = 'cslog' AND relname = 'contact'"; }
is "$(analysed)" "f" "after small imports the contacts were never analysed by cslog"
awk -v h="$H" 'BEGIN { print h; for (i = 0; i < 1000; i++)
  printf ",2026-02-01T00:00:00Z,2026-02-01T01:00:00Z,M1,,bsofr,recipient,phone,resolved,bulk %d,,,\n", i }' \
    >"$T/big.csv"
CSLOG_DB="postgresql:///setb?host=$P&user=cslog_terminal" cslog --as S1 import "$T/big.csv"
status 0 "1,000 contacts imported"
k=0
while [ "$(analysed)" != "t" ] && [ "$k" -lt 20 ]; do sleep 0.1; k=$((k + 1)); done
is "$(analysed)" "t" "after 1,000 the import analysed them (cslog.import_analyze)"

# ---- an input that stalls holds nothing of the log ---------------------------
# Sent as they are checked, the records wait on the server in the import's
# own transaction, which takes none of the log's locks until the input
# has ended: a crew logs meanwhile; a bad record at the end, and nothing
# of the import is written.
mkfifo "$T/fifo"
{
	echo "$H"
	echo ',2026-03-01T00:00:00Z,2026-03-01T01:00:00Z,M1,,bsofr,recipient,phone,resolved,stalled one,,,'
	echo ',2026-03-01T00:00:00Z,2026-03-01T01:00:00Z,M1,,bsofr,recipient,phone,resolved,stalled two,,,'
	sleep 3
	echo ',2026-03-01T00:00:00Z,2026-03-01T01:00:00Z,M1,,bsofr,recipient,phone,nonsense,stalled bad,,,'
} >"$T/fifo" &
feeder=$!
(cd "$SRC" && CSLOG_DB="postgresql:///setb?host=$P&user=cslog_terminal" "$CSLOG_BIN" --as S1 \
    import - --format csv <"$T/fifo" >"$T/stall.out" 2>"$T/stall.err"; echo $? >"$T/stall.rc") &
importer=$!
sleep 1
n0=$(dba setb "SELECT count(*) FROM cslog.contact")
CSLOG_DB="postgresql:///setb?host=$P&user=cslog_terminal" cslog --as S1 log --policy bsofr \
    --kind recipient --channel phone --outcome resolved --summary "during a stalled import"
status 0 "a contact logged while an import's input stalls"
is "$(cat "$T/stall.rc" 2>/dev/null)" "" "the import still waiting for its input meanwhile"
wait "$feeder" "$importer"
is "$(cat "$T/stall.rc")" "65" "the import, its last record bad, refused (exit 65)"
has "$T/stall.err" "line 4:" "naming the line"
is "$(dba setb "SELECT count(*) FROM cslog.contact")" "$((n0 + 1))" \
    "the logged contact written, nothing of the import"
is "$(dba setb "SELECT count(*) FROM cslog.contact WHERE summary LIKE 'stalled%'")" "0" \
    "not even the records sent before the bad one"

done_testing
