#!/bin/sh
# pg_rows.sh - verify on a PostgreSQL server compares every table's rows
# with the audit trail, as verify does on a file: a member, a review or
# a follow-up altered by the database's owner (who is not held by the
# terminal role's limits), a row written without an event, a row
# deleted with its events left: each found, naming the table and row.
# And verify --anchor ID:HASH: a head noted outside the server, which
# finds a tail cut off with the head set back (the chain alone cannot).
# Not under valgrind (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
pg_new main
pg_start main || { cat "$T/main/log"; pg_skip_all "the server did not start"; }
pg_cslog_db main
sql() { pg_sql main "$1"; }

cslog --as M1 log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "carried groceries in" --customer-name "Ann Customer"
status 0 "a contact logged"
C1=$(cat "$T/out")
cslog --as S1 review "$C1" --sign-off
status 0 "signed off"
FU=$(sql "SELECT cslog.followup_open(1, $C1, now(), extract(epoch FROM now())::bigint + 3600, 0, 'call back')")
CSLOG_PIN=0000 cslog --as S1 list
status 77 "a wrong PIN"
cslog --as S1 list
status 0 "then the right one (the count of misses goes back to 0, with its event)"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'member.pin-ok'")" "1" \
    "the reset count is an audit event holding the row's hash"
cslog --as S1 verify
status 0 "verify passes on an untouched server"
cslog --as M1 verify
status 0 "and for a member"

# expect_broken WHAT TEXT...: verify (as S1) exits 65 naming each TEXT.
expect_broken() {
	what=$1
	shift
	cslog --as S1 verify
	status 65 "verify finds $what"
	for t in "$@"; do has "$T/err" "$t" "naming '$t'"; done
	sed "s/^/# /" "$T/err"
}

sql "UPDATE cslog.member SET role = 'supervisor' WHERE badge = 'M1'" >/dev/null
expect_broken "a member's role changed by the owner" "member 2 (M1) was changed" "table member"
cslog --as M1 verify
status 65 "and so does the member it concerns"
sql "UPDATE cslog.member SET role = 'member' WHERE badge = 'M1'" >/dev/null
cslog --as S1 verify
status 0 "put back, it verifies"

sql "UPDATE cslog.followup SET due_at = due_at + interval '1 day' WHERE id = $FU" >/dev/null
expect_broken "a follow-up's due time moved" "follow-up $FU was changed" "table followup"
sql "UPDATE cslog.followup SET due_at = due_at - interval '1 day' WHERE id = $FU" >/dev/null

sql "ALTER TABLE cslog.review DISABLE TRIGGER review_fixed;
     UPDATE cslog.review SET note = 'forged' WHERE contact_id = $C1" >/dev/null
expect_broken "a review rewritten with the triggers off" "review 1 was changed" "table review"
sql "UPDATE cslog.review SET note = NULL WHERE contact_id = $C1" >/dev/null
cslog --as S1 verify
status 0 "put back, it verifies"

sql "INSERT INTO cslog.member (badge, name, role) OVERRIDING SYSTEM VALUE
     VALUES ('X9', 'Slipped In', 'supervisor')" >/dev/null
expect_broken "a member inserted without cslog" "(X9) has no audit event" "table member"
sql "DELETE FROM cslog.member WHERE badge = 'X9'" >/dev/null

# ---- a head noted outside the server ------------------------------------------
cslog --as S1 verify
HEAD=$(sed -n 's/^head now: \([0-9]*:[0-9a-f]*\) .*/\1/p' "$T/out")
is "$HEAD" "$(sql "SELECT id || ':' || left(encode(hash, 'hex'), 16) FROM cslog.chain_head")" \
    "verify prints the server's head to note"
cslog --as S1 verify --anchor "$HEAD"
status 0 "verify --anchor with the server's head, noted by hand"
has "$T/out" "the chain reaches 1 head kept outside the server" "saying the chain reaches it"
cslog --as S1 log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "logged after the head was noted"
C2=$(cat "$T/out")
cslog --as S1 verify --anchor "$HEAD"
status 0 "a head noted before more was written is still reached"
cslog --as S1 verify --anchor "${HEAD%%:*}:0123456789abcdef"
status 65 "a head whose hash the chain does not have is refused"
has "$T/err" "does not match the anchor" "saying the trail was rewritten"
cslog --as S1 verify --anchor "not-a-head"
status 66 "a head that is neither ID:HASH nor a file is refused"
# The tail cut off: the contact, its events, the head set back.
NEW=$(sql "SELECT id || ':' || encode(hash, 'hex') FROM cslog.chain_head")
first=$(sql "SELECT min(id) FROM cslog.audit WHERE entity = 'contact' AND entity_id = $C2")
sql "ALTER TABLE cslog.audit DISABLE TRIGGER audit_fixed;
     ALTER TABLE cslog.contact DISABLE TRIGGER contact_fixed;
     DELETE FROM cslog.contact_search WHERE contact_id = $C2;
     DELETE FROM cslog.contact WHERE id = $C2;
     DELETE FROM cslog.audit WHERE id >= $first;
     UPDATE cslog.chain_head SET (id, hash, at) =
       (SELECT id, hash, at FROM cslog.audit ORDER BY id DESC LIMIT 1);
     ALTER TABLE cslog.audit ENABLE TRIGGER audit_fixed;
     ALTER TABLE cslog.contact ENABLE TRIGGER contact_fixed" >"$T/cut"
ok $? "the tail cut off, as the database's owner can"
cslog --as S1 verify
status 0 "a tail cut off with the head set back leaves a whole chain (what an anchor is for)"
cslog --as S1 verify --anchor "$NEW"
status 65 "verify --anchor with the head noted before the cut finds it"
has "$T/err" "missing after the anchor ${NEW%%:*}:" "naming the events missing after it"

ev=$(sql "SELECT max(id) FROM cslog.audit WHERE entity = 'review'")
sql "DELETE FROM cslog.review WHERE contact_id = $C1;
     ALTER TABLE cslog.review ENABLE TRIGGER review_fixed" >/dev/null
expect_broken "a review deleted" "review 1 of audit event $ev is missing" "table review"

tsql_rc() { psql -X -q -A -t "$(pg_url main cslog_terminal)" -c "$1" >"$T/psql" 2>&1; echo $?; }
ok "$([ "$(tsql_rc "SELECT * FROM cslog.verify_rows('nope')")" -ne 0 ] && echo 0 || echo 1)" \
    "the row check refuses a call without a session"
has "$T/psql" "not signed in" "saying so"
ok "$([ "$(tsql_rc "SELECT cslog.review_canon(NULL::cslog.review)")" -ne 0 ] && echo 0 || echo 1)" \
    "the terminal role may not call the internal hashing"
done_testing
