#!/bin/sh
# tamper.sh - what someone with the sqlite3 shell does to records other
# than contacts (triggers dropped first, as someone set on it would),
# and what cslog then does: a forged member is refused at once (65)
# before acting or checking a PIN; a forged follow-up is not closed or
# paused over; `cslog verify` names the table and the row of each edit.
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "tampers with the file with the sqlite3 shell (tests/cli/pg_rows.sh does it on a server)"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "the first supervisor"
export CSLOG_PIN=1234 CSLOG_AS=S1
printf '5678\n' >"$T/pin"
cslog member add --badge S2 --name "Sue Second" --role supervisor --pin-stdin <"$T/pin"
printf '2468\n' >"$T/pin"
cslog member add --badge M7 --name "Mia Member" --pin-stdin <"$T/pin"
status 0 "a second supervisor and a member with a PIN"
i=1
while [ $i -le 4 ]; do
	cslog log --member M7 --policy bsofr --kind recipient --channel on-scene \
	    --outcome resolved --summary "Contact $i" --follow-up "$(date -u -d "+2 days" +%Y-%m-%d)"
	[ "$rc" -eq 0 ] || break
	i=$((i + 1))
done
status 0 "four contacts with a follow-up each"
cslog review 1 --sign-off
cslog review 2 --commend "kept calm"
status 0 "a sign-off and a commendation"
cslog drill answer --member M7 --policy bsofr --scenario pet-left-behind \
    --answers yes,yes,yes,yes,yes,yes,yes
status 0 "a drill result"
cslog verify
status 0 "the log verifies"

sql() { sqlite3 -batch "$CSLOG_DB" "$1"; }
good=$CSLOG_DB
copy() {
	CSLOG_DB=$T/$1.db
	cp "$good" "$CSLOG_DB"
	for x in -wal -shm; do [ -f "$good$x" ] && cp "$good$x" "$CSLOG_DB$x"; done
	return 0
}
tamper() { sqlite3 -batch "$CSLOG_DB" "$1" >/dev/null 2>"$T/sqlerr"; }
m7=$(sql "select id from member where badge = 'M7'")
s1=$(sql "select id from member where badge = 'S1'")

# ---- a member's role raised, used, set back
copy role
reviews=$(sql "select count(*) from review")
tamper "UPDATE member SET role = 'supervisor' WHERE badge = 'M7'"
CSLOG_PIN=2468 cslog --as M7 review 3 --sign-off
status 65 "a member whose role was raised in the shell is refused at once"
has "$T/err" "member M7's record was changed outside cslog" "with the reason"
is "$(sql "select count(*) from review")" "$reviews" "and signs nothing off"
CSLOG_PIN=2468 cslog --as M7 redact 3 --reason "asked"
status 65 "nor redacts"
cslog verify
status 65 "verify finds the raised role"
has "$T/err" "member $m7 (M7) was changed behind cslog's back (table member" \
    "naming the member and the table"
tamper "UPDATE member SET role = 'member' WHERE badge = 'M7'"
cslog verify
status 0 "set back before anything was done with it, nothing is left to find"
CSLOG_PIN=2468 cslog --as M7 list
status 0 "and the member acts again"

# ---- a PIN hash copied from another member, or cleared
copy pin-copied
tamper "UPDATE member SET pin_hash = (SELECT pin_hash FROM member WHERE badge = 'M7')
 WHERE badge = 'S1'"
CSLOG_PIN=2468 cslog --as S1 list
status 65 "a supervisor's PIN hash replaced by a member's is refused, with either PIN"
has "$T/err" "member S1's record was changed outside cslog" "naming the supervisor"
cslog --as S1 list
status 65 "the right PIN too: the row is forged"
has "$T/err" "member S1's record was changed outside cslog" "the same reason"
is "$(sql "select count(*) from audit where actor_id = $s1 and action like 'member.pin%'")" 0 \
    "and no PIN check was written over the forged row"
CSLOG_AS=S2 CSLOG_PIN=5678 cslog verify
status 65 "verify finds the copied hash"
has "$T/err" "member $s1 (S1) was changed behind cslog's back" "naming S1"
CSLOG_AS=S2 CSLOG_PIN=5678 cslog member set-pin S1 --pin-stdin <"$T/pin"
status 65 "a new PIN is not written over the forged row either"

copy pin-cleared
tamper "UPDATE member SET pin_hash = NULL WHERE badge = 'S1'"
CSLOG_PIN= cslog --as S1 list
status 65 "a supervisor whose PIN was cleared in the shell is refused"
has "$T/err" "member S1's record was changed outside cslog" "with the reason"

# ---- a badge or name changed
copy renamed
tamper "UPDATE member SET name = 'Somebody Else' WHERE badge = 'M7'"
cslog verify
status 65 "a changed name fails verify"
has "$T/err" "member $m7 (M7)" "naming the member"

# ---- lockout counters reset
copy lockout
for n in 1 2 3 4 5; do CSLOG_PIN=0000 cslog --as S2 list; done
status 77 "five wrong PINs lock S2"
has "$T/err" "locked" "so it says"
tamper "UPDATE member SET failed_pins = 0, locked_until = 0 WHERE badge = 'S2'"
CSLOG_PIN=5678 cslog --as S2 list
status 65 "the lock reset in the shell does not let S2 in"
has "$T/err" "member S2's record was changed outside cslog" "it says why"
cslog verify
status 65 "verify finds the reset lock"
has "$T/err" "(S2) was changed behind cslog's back (table member" "naming S2"

# ---- reviews
copy review-deleted
tamper "DROP TRIGGER review_no_delete; DELETE FROM review WHERE id = 2"
cslog verify
status 65 "a deleted review fails verify"
has "$T/err" "review 2 of audit event" "naming the review"
has "$T/err" "(table review)" "and the table"

copy signoff-inserted
tamper "INSERT INTO review (contact_id, member_id, at, kind) SELECT 4, $s1, max(at), 'sign-off'
 FROM audit; DELETE FROM unreviewed WHERE contact_id = 4"
cslog verify
status 65 "a sign-off inserted in the shell fails verify"
has "$T/err" "review 3 has no audit event" "naming the review without its event"

copy queue-row
tamper "DELETE FROM unreviewed WHERE contact_id = 3"
cslog verify
status 65 "a contact taken out of the unreviewed queue fails verify"
has "$T/err" "contact 3 is not signed off but was taken out of the unreviewed queue" \
    "naming the contact"

# ---- follow-ups
copy followup-done
tamper "UPDATE followup SET state = 2, done_at = created_at, done_by = $m7 WHERE id = 3"
cslog verify
status 65 "a follow-up marked done in the shell fails verify"
has "$T/err" "follow-up 3 was changed behind cslog's back (table followup" "naming it"

copy followup-later
tamper "UPDATE followup SET due_at = due_at + 864000, due_eff = due_eff + 864000 WHERE id = 2"
cslog followup done 2 --note "called back"
status 65 "a follow-up given a later due date is not closed over the forged date"
has "$T/err" "follow-up 2 was changed outside cslog" "it says why"
cslog followup pause 2 --reason waiting
status 65 "nor paused"
is "$(sql "select state from followup where id = 2")" 0 "it stays open"
cslog verify
status 65 "and verify finds the later due date"
has "$T/err" "follow-up 2 was changed behind cslog's back" "naming it"

copy followup-deleted
tamper "DELETE FROM followup WHERE id = 4"
cslog verify
status 65 "a deleted follow-up fails verify"
has "$T/err" "follow-up 4 of audit event" "naming it"

# ---- drills
copy drill-inserted
tamper "INSERT INTO drill (member_id, trainer_id, policy_id, policy_version, kind, item_id, at,
 correct, total) SELECT member_id, trainer_id, policy_id, policy_version, kind, item_id, at,
 total, total FROM drill WHERE id = 1"
cslog verify
status 65 "a drill result inserted in the shell fails verify"
has "$T/err" "drill result 2 has no audit event" "naming it"

# ---- the audit trail: an event's time
copy event-time
n=$(sql "select max(id) from audit where action = 'review.add'")
tamper "DROP TRIGGER audit_no_update; UPDATE audit SET at = at - 3600 WHERE id = $n"
cslog verify
status 65 "an event given another time fails verify"
has "$T/err" "audit event $n was altered" "naming the event"

CSLOG_DB=$good
cslog verify
status 0 "the original still verifies"
done_testing
