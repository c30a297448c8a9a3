#!/bin/sh
# pg.sh - cslog on a real PostgreSQL server: a throwaway cluster started
# here (initdb and pg_ctl from Debian's postgresql package; as the
# unprivileged account nobody when run as root, for initdb refuses root;
# a Unix socket in the test's directory, no TCP), made cslog's by
# 'cslog admin init-server', then:
#  - the terminal role, through psql, is refused UPDATE, DELETE, TRUNCATE,
#    DDL, a PIN hash, a forged audit event and cslog's internal functions;
#  - log, list, show (customer data: its read recorded), verify, review,
#    followup done, member add work through cslog (more in pg_more.sh);
#    the rest refuse (69);
#  - the audit event's time is the server's, whatever the client's clock;
#  - wrong PINs from two stations lock the member out for both;
#  - the server stopped with 'pg_ctl stop -m immediate' amid writers and
#    started again: every acknowledged contact is there, verify passes;
#  - 4 writers x PG_WRITES (200) contacts at once: none lost;
#  - verify, recomputing the chain here, finds a row changed and an event
#    deleted by the database's superuser.
# Not under valgrind (make valgrind leaves the server runs out).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
pg_new pg
pg_start pg || { cat "$T/pg/log"; pg_skip_all "the server did not start"; }
DBA=$(pg_url pg cslog_dba)
TERM_URL=$(pg_url pg cslog_terminal)
sql() { pg_sql pg "$1"; }
tsql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$TERM_URL" -c "$1" >"$T/psql" 2>&1; rc=$?; }
pg_createdb pg
ok $? "a throwaway cluster runs ($PGBIN)"

# ---- init-server ------------------------------------------------------------
export CSLOG_PIN=1234
cslog admin init-server "$DBA" --badge S1 --name "Sam Super"
status 0 "admin init-server, as the database's owner"
has "$T/out" "cslog_terminal" "it names the terminal role"
is "$(sql "SELECT count(*) FROM cslog.schema_part")" \
   "$(grep -c '^	{ "[a-z0-9-]*", pg_schema' "$SRC/src/store/pg_conn.c")" \
   "every part of the schema made is recorded (cslog.schema_part), for an upgrade"
is "$(sql "SELECT name FROM cslog.schema_part WHERE name = 'amend'")" "amend" \
   "a part made before the table of parts is recorded too"
cslog admin init-server "$DBA" --badge S1 --name "Sam Super"
status 65 "a second init-server is refused"
has "$T/err" "has a schema cslog already" "it says why"
cslog admin init-server "$T/file.db" --badge S1 --name x
status 64 "init-server takes a server, not a file"

export CSLOG_DB="$TERM_URL"
cslog --as S1 member add --badge M1 --name "Mo Member"
status 0 "a supervisor adds a member on the server"
cslog --as S1 member add --badge M2 --name "Max Member"
cslog --as S1 member add --badge T1 --name "Tia Trainer" --role trainer --pin-stdin <<EOF
4321
EOF
status 0 "a trainer with a PIN"
cslog --as M1 member add --badge M9 --name "Not Allowed"
status 77 "a member may not add members"

# ---- log, list, show, verify ------------------------------------------------
cslog --as M1 log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "carried groceries in" --customer-name "Ann Customer" --customer-phone 555-0100
status 0 "log through the server"
C1=$(cat "$T/out")
is "$C1" "1" "the server gives the id"
cslog --as S1 log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "checked the smoke alarm" --member M2
status 0 "a supervisor logs for another member"
cslog --as M1 log --policy bsofr --kind recipient --channel on-scene --summary x --member M2
status 77 "a member may not log for another"
cslog --as M1 list
status 0 "list"
has "$T/out" "carried groceries in" "a member lists their own contact"
lacks "$T/out" "smoke alarm" "and not another's (the server keeps them to their own)"
cslog --as S1 list --format csv
has "$T/out" "smoke alarm" "a supervisor lists everyone's"
cslog --as M1 show "$C1"
status 0 "show"
has "$T/out" "carried groceries in" "show gives the contact"
lacks "$T/out" "Ann Customer" "without the customer's data"
cslog --as M1 show "$C1" --include-protected
status 0 "show --include-protected"
has "$T/out" "Ann Customer" "gives the customer's name"
n=$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'read.protected' AND entity_id = $C1")
is "$n" "1" "and the server recorded the read"
cslog --as M2 show "$C1"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "another member cannot show it (exit $rc)"
cslog --as S1 verify
status 0 "verify"
has "$T/out" "contacts verified" "verify reports what it checked"

cslog --as S1 review "$C1" --sign-off
status 0 "a supervisor signs off on the server"
fu=$(sql "SELECT cslog.followup_open(1, $C1, now(), extract(epoch FROM now())::bigint + 3600, 0, 'call back')")
cslog --as M1 followup done "$fu" --note "called back"
status 0 "followup done on the server"
cslog --as M1 followup done "$fu" --note "again"
status 65 "a follow-up is done once"

# ---- the server's clock ------------------------------------------------------
CSLOG_NOW=981173100 cslog --as M1 log --policy bsofr --kind recipient \
    --channel on-scene --outcome resolved --summary "client clock in 2001"
status 0 "a client whose clock says 2001 logs"
C2=$(cat "$T/out")
y=$(date -u +%Y)
is "$(sql "SELECT extract(year FROM at)::int FROM cslog.audit WHERE action = 'contact.log' AND entity_id = $C2")" \
    "$y" "its audit event is stamped by the server's clock"
is "$(sql "SELECT extract(year FROM logged_at)::int FROM cslog.contact WHERE id = $C2")" \
    "$y" "and so is its logged time"

# ---- the terminal role, by hand ----------------------------------------------
refused() { # SQL what
	tsql "$1"
	ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "the terminal role is refused $2"
}
refused "UPDATE cslog.contact SET summary = 'rewritten' WHERE id = $C1" "UPDATE of a contact"
refused "UPDATE cslog.member SET role = 'supervisor' WHERE badge = 'M1'" "UPDATE of a member"
refused "DELETE FROM cslog.audit" "DELETE of audit events"
refused "DELETE FROM cslog.contact WHERE id = $C1" "DELETE of a contact"
refused "TRUNCATE cslog.contact" "TRUNCATE"
refused "CREATE TABLE cslog.evil (x int)" "DDL in schema cslog"
refused "CREATE TABLE public.evil (x int)" "DDL in schema public"
refused "DROP FUNCTION cslog.sign_in(text, text)" "dropping a function"
refused "ALTER TABLE cslog.contact DISABLE TRIGGER ALL" "disabling the triggers"
refused "SELECT pin_hash FROM cslog.member" "reading a PIN hash"
refused "SELECT * FROM cslog.member" "reading the members' table"
refused "SELECT * FROM cslog.contact_private" "reading customer data unrecorded"
refused "SELECT * FROM cslog.session" "reading the sessions"
refused "INSERT INTO cslog.audit VALUES (999, now(), 1, 'contact.log', 'contact', 1, '{}', '\\x00', '\\x00')" \
    "inserting a forged audit event"
refused "SELECT cslog.audit_append(1, 'forged', 'contact', 1, '{}')" "appending to the chain itself"
refused "SELECT cslog.member_first('X1', 'Evil', '9999')" "making a supervisor"
refused "INSERT INTO cslog.contact_private VALUES ($C1, 'Someone Else', NULL, NULL, NULL)" \
    "customer data for a contact written before"
# A contact's empowerment flag is the server's to hold to its answers
# (part empowered-rule): a station's connection, signed in as M1, may
# not call a contact empowered without the check, or with a no in it.
forged() { # EMPOWERED ANSWERS
	echo "SELECT token AS tok FROM cslog.sign_in('M1', '') \\gset
SELECT cslog.contact_log(:'tok', 'M1', extract(epoch FROM now())::bigint, 'bsofr', '2026.2',
  'recipient', 'on-scene', 'resolved', 'forged', NULL, 'went further', $1, $2, NULL, NULL,
  NULL, NULL, NULL, NULL, false, NULL, NULL, NULL, NULL, 0, 0, NULL);"
}
tsqlf() { printf '%s\n' "$1" | psql -X -q -A -t -v ON_ERROR_STOP=1 "$TERM_URL" >"$T/psql" 2>&1; rc=$?; }
tsqlf "$(forged true NULL)"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "a contact 'empowered' with no answers is refused"
has "$T/psql" "contact_empowered_by_answers" "... by the rule that names it"
tsqlf "$(forged true "'customer=yes;department=no;legal=yes;safe=yes;level=yes;accountable=yes;values=yes'")"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "a contact 'empowered' with a no among its answers is refused"
tsqlf "$(forged false "'customer=yes;department=maybe'")"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "an answer that is neither yes nor no is refused"
tsqlf "$(forged false "'customer=yes;department=no;legal=yes;safe=yes;level=yes;accountable=yes;values=yes'")"
is "$rc" "0" "the same answers, not empowered, are taken"
# A badge is held to its rule by the server too (part badge-rule), for
# a station's connection used by hand: a supervisor's session, a space.
tsqlf "SELECT token AS tok FROM cslog.sign_in('S1', '1234') \\gset
SELECT cslog.member_add(:'tok', 'X 1', 'Spacey', 'member', NULL);"
ok "$([ "$rc" -ne 0 ] && echo 0 || echo 1)" "a badge with a space is refused by the server itself"
has "$T/psql" "member_badge_plain" "... by the rule that names it"
refused "SELECT * FROM cslog.contact_list('not-a-token', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 10, false, false, false, NULL)" \
    "listing without a session"
has "$T/psql" "not signed in" "and says so"
tsql "SELECT status FROM cslog.sign_in('M1', '')"
is "$(cat "$T/psql")" "ok" "a member without a PIN signs in through the function"
# Even the superuser cannot rewrite a record of fact with the triggers on.
r=$(sql "UPDATE cslog.contact SET summary = 'x' WHERE id = $C1")
has_text() { case "$1" in *"$2"*) ok 0 "$3" ;; *) ok 1 "$3"; echo "#   got: $1" ;; esac; }
has_text "$r" "record of fact" "the database's owner is refused UPDATE of a contact by trigger"
r=$(sql "TRUNCATE cslog.audit")
has_text "$r" "record of fact" "and TRUNCATE of the audit trail"

# ---- wrong PINs from two stations ----------------------------------------------
A="$TERM_URL&application_name=station-a"
B="$TERM_URL&application_name=station-b"
for i in 1 2 3; do CSLOG_PIN=0000 CSLOG_DB="$A" cslog --as T1 list; done
status 77 "station A: a wrong PIN is refused"
has "$T/err" "2 tries left" "three misses from station A leave two tries"
CSLOG_PIN=0000 CSLOG_DB="$B" cslog --as T1 list
has "$T/err" "1 try left" "station B counts on from station A's misses"
CSLOG_PIN=0000 CSLOG_DB="$B" cslog --as T1 list
has "$T/err" "locked" "the fifth miss, from station B, locks"
CSLOG_PIN=4321 CSLOG_DB="$A" cslog --as T1 list
status 77 "station A is refused the right PIN while locked"
has "$T/err" "locked after too many wrong PINs" "it says the member is locked"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action IN ('member.pin-wrong', 'member.locked')")" \
    "5" "each miss is an audit event"

# ---- what copies a SQLite file refuses, naming the server's own backups --------
for cmd in "backup $T/b.db" "restore $T/b.db"; do
	# shellcheck disable=SC2086
	cslog --as S1 $cmd
	status 69 "'$cmd' refuses on the server"
	has "$T/err" "pg_dump" "... naming the server's own backups"
done
cslog --as S1 list --search groceries
status 0 "list --search runs on the server (tests/cli/pg_query.sh)"
cslog --as S1 verify --anchor "1:0123456789abcdef"
status 65 "verify --anchor with a head the server's chain does not have (tests/cli/pg_rows.sh)"
cslog
status 64 "the full-screen program runs on a server: here, with no terminal, it says it needs one (tests/e2e/pg_screens.sh)"
CSLOG_DB="postgresql:///cslog?host=$T/nowhere&user=cslog_terminal" cslog --as S1 list
status 75 "an unreachable server: try again"
CSLOG_DB="postgresql://[bad" cslog --as S1 list
ok "$([ "$rc" -eq 64 ] || [ "$rc" -eq 75 ] && echo 0 || echo 1)" \
    "a malformed connection string is an error, not a crash (exit $rc)"
cslog --db "$T/plain.db" member add --badge S1 --name "File Sup" --role supervisor --pin-stdin <<EOF
1234
EOF
status 0 "a path still means a SQLite file"

# ---- writers, and the server killed amid them ------------------------------------
# writer N COUNT: log COUNT contacts as M1, each acknowledged id to $T/ack.N
writer() {
	i=0
	while [ "$i" -lt "$2" ]; do
		if id=$(cd "$SRC" && "$CSLOG_BIN" --as M1 log --policy bsofr --kind recipient \
		    --channel on-scene --outcome resolved --summary "writer $1 contact $i" \
		    2>>"$T/werr.$1"); then
			echo "$id" >>"$T/ack.$1"
		fi
		i=$((i + 1))
	done
}
before=$(sql "SELECT count(*) FROM cslog.contact")
rm -f "$T"/ack.* "$T"/werr.*
writer 1 150 & w1=$!
writer 2 150 & w2=$!
sleep 2
pg_stop pg
sleep 1
pg_start pg
ok $? "the server, stopped with -m immediate amid two writers, starts again"
wait "$w1" "$w2"
acked=$(cat "$T"/ack.* 2>/dev/null | wc -l)
lost=0
for id in $(cat "$T"/ack.*); do
	[ "$(sql "SELECT count(*) FROM cslog.contact WHERE id = $id")" = 1 ] || lost=$((lost + 1))
done
is "$lost" "0" "every acknowledged contact is there ($acked acknowledged)"
ok "$(grep -q 'try again' "$T"/werr.* && echo 0 || echo 1)" \
    "a writer cut off was told to try again (exit 75)"
cslog --as S1 verify
status 0 "verify passes after the crash"

PG_WRITES=${PG_WRITES:-200}
start=$(sql "SELECT count(*) FROM cslog.contact")
rm -f "$T"/ack.* "$T"/werr.*
t0=$(date +%s)
writer 1 "$PG_WRITES" & p1=$!
writer 2 "$PG_WRITES" & p2=$!
writer 3 "$PG_WRITES" & p3=$!
writer 4 "$PG_WRITES" & p4=$!
wait "$p1" "$p2" "$p3" "$p4"
t1=$(date +%s)
acked=$(cat "$T"/ack.* | wc -l)
is "$acked" "$((4 * PG_WRITES))" "4 writers x $PG_WRITES: every contact acknowledged ($((t1 - t0)) s)"
is "$(cat "$T"/werr.* | wc -l)" "0" "and no writer saw an error"
is "$(sql "SELECT count(*) FROM cslog.contact")" "$((start + 4 * PG_WRITES))" "none lost"
is "$(sort -u "$T"/ack.* | wc -l)" "$acked" "no id given twice"
cslog --as S1 verify
status 0 "verify passes after the writers"
echo "# pg: 4 x $PG_WRITES contacts in $((t1 - t0)) s; $before contacts before the crash run"

# ---- verify recomputes the chain here ---------------------------------------------
sql "ALTER TABLE cslog.contact DISABLE TRIGGER contact_fixed;
     UPDATE cslog.contact SET summary = 'rewritten by the superuser' WHERE id = $C1;" >/dev/null
cslog --as S1 verify
status 65 "verify finds a contact rewritten by the superuser"
has "$T/err" "contact $C1 was changed" "naming the contact"
sql "UPDATE cslog.contact SET summary = 'carried groceries in' WHERE id = $C1;
     ALTER TABLE cslog.contact ENABLE TRIGGER contact_fixed;" >/dev/null
cslog --as S1 verify
status 0 "put back, it verifies again"
sql "ALTER TABLE cslog.contact_private DISABLE TRIGGER private_fixed;
     UPDATE cslog.contact_private SET phone = '555-9999' WHERE contact_id = $C1;" >/dev/null
cslog --as S1 verify
status 65 "verify finds customer data rewritten"
has "$T/err" "customer data of contact $C1" "naming whose"
sql "ALTER TABLE cslog.audit DISABLE TRIGGER audit_fixed;
     DELETE FROM cslog.audit WHERE id = 3;" >/dev/null
cslog --as S1 verify
status 65 "verify finds an audit event deleted"
has "$T/err" "audit event 3 is missing" "naming it"
done_testing
