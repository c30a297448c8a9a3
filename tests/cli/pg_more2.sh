#!/bin/sh
# pg_more2.sh - the rest of the commands on a PostgreSQL server, and its
# schema's upgrade:
#  - show lists a contact's follow-ups (open, paused, done), its reviews,
#    the reviews of its earlier versions and its amendments, the file's
#    output byte for byte (times of writing compared apart when the two
#    ends wrote across a minute's edge), as a supervisor and as the
#    member; another's contact is refused to a member (77, in the
#    file's words; one not there is none, 66);
#  - admin upgrade-server: "up to date" on a new server; a server that
#    lacks the last part (its objects dropped and its row deleted, as a
#    server made by the cslog before it) refuses every command with exit
#    69 saying to upgrade, until the owner's upgrade makes that part, in
#    one transaction (a part that fails leaves nothing made); the
#    terminal role may not upgrade; a server made before the parts were
#    recorded, and a database that is not cslog's, are refused;
#  - redact and purge (--dry-run, by a policy's retention) as on a
#    file: the same lists, exits and show after; the customer data
#    emptied by cslog.contact_redact only, each an audit event; any other
#    change still refused; data changed behind cslog's back not redacted,
#    a redaction without its event found by verify;
#  - verify --since-anchor: the chain from a noted head, the contacts
#    written since; a contact or event changed since found, one changed
#    before left to a full verify;
#  - clock-accept: nothing to accept, or (the newest event ahead of the
#    server's clock) an audit event under the supervisor;
#  - backup on a server refuses (69), pointing at pg_dump;
#  - list --policy with a policy no contact has is a usage error (64) on
#    a server as on a file;
#  - a statement the server cancels (statement_timeout) is "try again"
#    (75).
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

# both ARGS: cslog ARGS on the file ($T/out.file, $frc), then the server
both() {
	CSLOG_DB="$FILE" cslog "$@" </dev/null
	frc=$rc
	cp "$T/out" "$T/out.file"
	cp "$T/err" "$T/err.file"
	CSLOG_DB="$URL" cslog "$@" </dev/null
}
# same WANT what: both exited WANT, their outputs the same bytes; when
# they differ only in a time of writing (YYYY-MM-DD HH:MM, or
# YYYY-MM-DDTHH:MM:SSZ in JSON: the two ends a moment apart), said so
same() {
	if [ "$frc" = "$1" ] && [ "$rc" = "$1" ] && cmp -s "$T/out" "$T/out.file"; then
		ok 0 "$2 (exit $1 at both ends, the same output)"
		return
	fi
	mask='s/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]\(:[0-9][0-9]Z\)\{0,1\}/TIME/g'
	sed "$mask" "$T/out" >"$T/out.m"
	sed "$mask" "$T/out.file" >"$T/out.file.m"
	if [ "$frc" = "$1" ] && [ "$rc" = "$1" ] && cmp -s "$T/out.m" "$T/out.file.m"; then
		ok 0 "$2 (exit $1 at both ends, the same output but a time of writing a moment apart)"
		return
	fi
	ok 1 "$2 (exit $1 at both ends, the same output)"
	printf '#   file: exit %s; server: exit %s\n' "$frc" "$rc"
	diff "$T/out.file" "$T/out" | head -20 | sed 's/^/#   /'
	sed 's/^/#   file stderr: /' "$T/err.file" | head -3
	sed 's/^/#   server stderr: /' "$T/err" | head -3
}

# ---- show: follow-ups, reviews, amendments ---------------------------------
due=$(date -u -d '+2 days' '+%Y-%m-%dT%H:%M:%SZ')
due2=$(date -u -d '+3 days' '+%Y-%m-%dT%H:%M:%SZ')
both --as M1 log --policy bsofr --kind recipient --channel phone --outcome assisted \
    --summary "promised a call back" --follow-up "$due" --follow-up-note "call M1 back"
both --as M1 log --policy bsofr --kind recipient --channel phone --outcome assisted \
    --summary "promised two things" --follow-up "$due2" --follow-up-note "send the leaflet"
both --as M2 log --policy bsofr --kind recipient --channel phone --outcome assisted \
    --summary "another's contact"
same 0 "three contacts, two with a follow-up"
both --as S1 show 3
same 0 "show of a contact with no follow-up, review or amendment: the file's"
has "$T/out" "Follow-ups" "its sections are there"
lacks "$T/out" "not yet shown" "no longer 'not yet shown'"
both --as S1 review 1 --sign-off --note "fine work"
both --as S1 review 1 --commend "kept the customer calm"
same 0 "two reviews of contact 1"
both --as M1 followup pause 2 --reason "the customer is away"
same 0 "a follow-up paused"
for who in S1 M1; do
	both --as "$who" show 1
	same 0 "show 1 as $who: its follow-up and two reviews, the file's"
	both --as "$who" show 2
	same 0 "show 2 as $who: its paused follow-up with the reason, the file's"
done
has "$T/out" "(paused: the customer is away)" "the pause's reason is shown"
both --as M1 amend 1 --reason "wrong outcome" --outcome resolved --summary "called back twice"
same 0 "contact 1 amended (4)"
both --as M1 followup done 1 --note "called back"
same 0 "its follow-up, moved to 4, done"
both --as S1 review 4 --note "talked it through"
same 0 "a review of the new version"
both --as M1 amend 4 --reason "the call's number" --summary "called back three times"
same 0 "amended again (5)"
for id in 1 4 5; do
	for who in S1 M1; do
		both --as "$who" show "$id"
		same 0 "show $id as $who (a chain of three versions): the file's"
	done
done
has "$T/out" "on the earlier version #1:" "the earlier version's reviews are listed"
has "$T/out" "amended" "the amendments are listed"
has "$T/out" "by M1 (Mo Member), reason: the call's number" "with who wrote each and why"
both --as S1 show 5 --format json
same 0 "show --format json: the file's"
both --as M2 show 1
same 77 "a member is refused another's contact, as on a file"
is "$(cat "$T/err")" "$(cat "$T/err.file")" "... in the file's words"
CSLOG_DB="$URL" cslog --as M2 show 1
lacks "$T/out" "called back" "and nothing of it"
# The server decides again: called by hand with M2's session.
tok=$(sql "SELECT 1")   # (the owner's psql works)
is "$tok" "1" "psql as the owner"
is "$(psql -X -q -A -t "$URL" -c "SELECT count(*) FROM cslog.review_list('nope', 1)" 2>&1 |
    grep -c 'not signed in')" "1" "review_list needs a session"
is "$(psql -X -q -A -t "$URL" -c "SELECT * FROM cslog.review" 2>&1 | grep -c 'permission denied')" \
    "1" "the terminal role still reads no table"

# ---- backup, list --policy, a cancelled statement ---------------------------
CSLOG_DB="$URL" cslog --as S1 backup "$T/copy.db"
status 69 "backup on a server refuses"
has "$T/err" "a PostgreSQL server's backups are its own: pg_dump -Fc -n cslog" \
    "saying the server's backups are pg_dump's"
has "$T/err" "pg_basebackup" "or pg_basebackup's"
CSLOG_DB="$URL" cslog --as S1 restore "$T/copy.db"
status 69 "restore on a server refuses too"
both --as S1 list --policy nope
same 64 "list --policy with a policy no contact has: a usage error at both ends"
has "$T/err" "policy:nope: no such policy" "the file's words"
both --as S1 list --kind nokind
same 64 "list --kind with a kind no policy has: the same"
sql "ALTER ROLE cslog_terminal IN DATABASE cslog SET statement_timeout = '1ms'" >/dev/null
CSLOG_DB="$URL" cslog --as S1 list
status 75 "a statement the server cancels (statement_timeout): try again"
has "$T/err" "try again" "saying so"
sql "ALTER ROLE cslog_terminal IN DATABASE cslog RESET statement_timeout" >/dev/null

# ---- redact and purge ---------------------------------------------------------
P="$T/policies"
mkdir -p "$P"
cp "$SRC/tests/fuzz/policy_seeds/minimal-all-parts.yaml" "$P/example.yaml"   # retention 365 days
plog() { # AT NAME: a contact of policy example, with customer data
	both --policies "$P" --as S1 log --policy example --kind recipient --channel on-scene \
	    --outcome resolved --summary "A contact on $1" --at "$1" --customer-name "$2" \
	    --customer-phone "555-0100"
}
plog "2023-03-01 10:00" "Old Anna"
plog "2024-01-15 10:00" "Old Bert"
plog now "New Carla"
both --policies "$P" --as S1 log --policy example --kind recipient --channel on-scene \
    --outcome resolved --summary "An old one with no customer data" --at "2023-05-01 10:00"
same 0 "four contacts of a policy keeping customer data 365 days (6 to 9)"
both --policies "$P" --as S1 purge --dry-run
same 0 "purge --dry-run: the file's list"
is "$(cut -f1 "$T/out" | tr '\n' ' ')" "6 7 " "the two old contacts with data"
has "$T/err" "2 contacts would be redacted (dry run" "saying nothing changed"
is "$(sql "SELECT count(*) FROM cslog.contact_private WHERE redacted_at IS NOT NULL")" "0" \
    "the dry run changed nothing"
both --policies "$P" --as M1 purge
same 77 "a member may not purge"
both --policies "$P" --as S1 purge --policy nonesuch
same 64 "an unknown policy is a usage error"
both --policies "$P" --as S1 purge
same 0 "purge: the file's list"
has "$T/err" "2 contacts redacted" "saying how many"
is "$(sql "SELECT contact_id || ' ' || (name IS NULL) || ' ' || (phone IS NULL) || ' ' || (redacted_by = 1) FROM cslog.contact_private WHERE redacted_at IS NOT NULL ORDER BY 1")" \
    "6 true true true
7 true true true" "the server emptied their data, by S1"
is "$(sql "SELECT detail::jsonb ->> 'reason' FROM cslog.audit WHERE action = 'contact.redact' AND entity_id = 7")" \
    "retention: older than 365 days (policy example)" "each an audit event with the rule as its reason"
both --policies "$P" --as S1 show 6 --include-protected
same 0 "show of a redacted contact: the file's"
lacks "$T/out" "Old Anna" "the name is gone"
has "$T/out" "Redacted" "show marks it redacted"
both --policies "$P" --as S1 purge --dry-run
same 0 "a second purge finds nothing more"
both --policies "$P" --as S1 redact 8
same 64 "redact needs a reason"
both --policies "$P" --as M1 redact 8 --reason "asked"
same 77 "a member may not redact"
both --policies "$P" --as S1 redact 99 --reason "asked"
same 66 "no such contact"
both --policies "$P" --as S1 redact 8 --reason "customer asked for removal"
same 0 "a supervisor redacts with a reason"
both --policies "$P" --as S1 redact 8 --reason "again"
same 65 "a redacted contact is not redacted again"
both --policies "$P" --as S1 redact 9 --reason "no data, a stub"
same 0 "a contact with no customer data: a stub saying it was redacted"
for id in 8 9; do
	both --policies "$P" --as S1 show "$id" --include-protected
	same 0 "show $id after its redaction: the file's"
done
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "verify passes after the redactions"
# The server refuses any other change of customer data, the owner's too,
# and the terminal role may not redact by hand.
is "$(sql "UPDATE cslog.contact_private SET name = 'X' WHERE contact_id = 6" | grep -c 'refused')" \
    "1" "an UPDATE of customer data by the owner is refused"
is "$(sql "BEGIN; SELECT set_config('cslog.redacting', '6', true); UPDATE cslog.contact_private SET name = 'X' WHERE contact_id = 6; COMMIT" | grep -c 'refused')" \
    "1" "and a change that is not a redaction, even under the redaction's setting"
is "$(psql -X -q -A -t "$URL" -c "UPDATE cslog.contact_private SET name = NULL" 2>&1 | grep -c 'permission denied')" \
    "1" "the terminal role may not UPDATE customer data"
# A redaction behind cslog's back (the trigger off) is found by verify;
# data changed behind its back is not redacted (nothing vouched for).
both --policies "$P" --as S1 log --policy example --kind recipient --channel on-scene \
    --outcome resolved --summary "data to tamper with" --customer-name "Dora"
same 0 "a tenth contact"
sql "SET session_replication_role = replica; UPDATE cslog.contact_private SET name = 'Dorothy' WHERE contact_id = 10" >/dev/null
CSLOG_DB="$URL" cslog --as S1 redact 10 --reason "asked"
status 65 "customer data changed behind cslog's back is not redacted"
has "$T/err" "was changed outside cslog (it no longer matches audit event" "saying so"
sql "SET session_replication_role = replica; UPDATE cslog.contact_private SET name = 'Dora' WHERE contact_id = 10" >/dev/null
sql "SET session_replication_role = replica; UPDATE cslog.contact_private SET name = NULL, redacted_at = now() WHERE contact_id = 10" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 65 "a redaction without its event: verify finds it"
has "$T/err" "contact 10 was redacted without an audit event" "naming it"
sql "SET session_replication_role = replica; UPDATE cslog.contact_private SET name = 'Dora', redacted_at = NULL WHERE contact_id = 10" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "put back, verify passes"

# ---- verify --since-anchor ----------------------------------------------------
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "a full verify"
H=$(sed -n 's/^head now: \([0-9]*:[0-9a-f]*\) .*/\1/p' "$T/out")
case $H in [0-9]*:????????????????*) ok 0 "it gives the head to note ($H)" ;;
	*) ok 1 "it gives the head to note (got '$H')" ;; esac
for s in "first since" "second since"; do
	CSLOG_DB="$URL" cslog --as M1 log --policy bsofr --kind recipient --channel phone \
	    --outcome assisted --summary "$s"
done
new1=$(sql "SELECT min(id) FROM cslog.contact WHERE summary = 'first since'")
CSLOG_DB="$URL" cslog --as S1 verify --since-anchor "$H"
status 0 "verify --since-anchor on a server"
has "$T/out" "ok: the chain reaches audit event ${H%%:*} as anchored;" "the anchor reached"
has "$T/out" "and 2 contacts written since verified" "the two contacts written since checked"
has "$T/out" "not checked: the customer data" "saying what it leaves to a full verify"
has "$T/out" "head now: " "and the head to note next"
CSLOG_DB="$URL" cslog --as S1 verify --since-anchor "${H%%:*}:0123456789abcdef"
status 65 "an anchor whose hash the chain no longer has"
sql "SET session_replication_role = replica; UPDATE cslog.contact SET summary = 'forged' WHERE id = $new1" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify --since-anchor "$H"
status 65 "a contact written since, changed behind cslog's back: found"
has "$T/err" "contact $new1 was changed behind cslog's back" "naming it"
sql "SET session_replication_role = replica; UPDATE cslog.contact SET summary = 'first since' WHERE id = $new1" >/dev/null
sql "SET session_replication_role = replica; UPDATE cslog.contact SET summary = 'forged' WHERE id = 1" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify --since-anchor "$H"
status 0 "one changed before the anchor is not looked at (a full verify's)"
CSLOG_DB="$URL" cslog --as S1 verify
status 65 "which a full verify finds"
sql "SET session_replication_role = replica; UPDATE cslog.contact SET summary = 'promised a call back' WHERE id = 1" >/dev/null
last=$(sql "SELECT max(id) FROM cslog.audit")
was=$(sql "SELECT detail FROM cslog.audit WHERE id = $last")
sql "SET session_replication_role = replica; UPDATE cslog.audit SET detail = '{}' WHERE id = $last" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify --since-anchor "$H"
status 65 "an event written since, changed: found"
has "$T/err" "audit event $last was changed" "naming it"
sql "SET session_replication_role = replica; UPDATE cslog.audit SET detail = \$d\$$was\$d\$ WHERE id = $last" >/dev/null
CSLOG_DB="$URL" cslog --as S1 verify --since-anchor "$H"
status 0 "put back, it passes"

# ---- admin upgrade-server --------------------------------------------------
cslog admin upgrade-server "$OWNER"
status 0 "upgrade-server on a new server"
has "$T/out" "up to date: nothing to do" "up to date"
cslog admin upgrade-server "$T/file.db"
status 64 "upgrade-server takes a connection string"
cslog admin upgrade-server
status 64 "and needs one"

# A server as the cslog before this one made it: without the part
# "story" (its functions dropped, its row deleted).
drop_story() {
	sql "BEGIN; SET LOCAL ROLE cslog_owner;
	     DROP FUNCTION cslog.followup_of_contact(text, bigint), cslog.review_list(text, bigint),
	       cslog.amendment_list(text, bigint), cslog.contact_readable(cslog.member, bigint);
	     DELETE FROM cslog.schema_part WHERE name = 'story'; COMMIT;"
}
is "$(drop_story)" "" "a server without the last part (as an older cslog made it)"
CSLOG_DB="$URL" cslog --as S1 list
status 69 "a command on a server that lacks a part: unavailable"
has "$T/err" "lacks parts of the schema this cslog needs (story): its owner runs 'cslog admin upgrade-server'" \
    "saying which, and to upgrade"
CSLOG_DB="$URL" cslog --as S1 show 1
status 69 "show too, before any call fails on a missing function"
cslog admin upgrade-server "$(pg_url main cslog_terminal)"
status 77 "the terminal role may not upgrade"
is "$(sql "SELECT count(*) FROM cslog.schema_part WHERE name = 'story'")" "0" "nothing made"
# A part that fails: one of its functions there already.
sql "SET ROLE cslog_owner; CREATE FUNCTION cslog.review_list(p_token text, p_id bigint)
     RETURNS int LANGUAGE sql AS 'SELECT 1'" >/dev/null
cslog admin upgrade-server "$OWNER"
status 65 "an upgrade whose part fails"
has "$T/err" "creating show's follow-ups, reviews and amendments failed" "naming the part"
is "$(sql "SELECT count(*) FROM cslog.schema_part WHERE name = 'story'") \
$(sql "SELECT count(*) FROM pg_proc WHERE proname = 'contact_readable'")" "0 0" \
    "nothing of it made: one transaction"
sql "DROP FUNCTION cslog.review_list(text, bigint)" >/dev/null
cslog admin upgrade-server "$OWNER"
status 0 "upgrade-server makes what the server lacks"
has "$T/out" "1 part made" "saying how many"
has "$T/out" "story (creating show's follow-ups, reviews and amendments)" "and which"
is "$(sql "SELECT string_agg(name, ',' ORDER BY made_at, name) FROM cslog.schema_part WHERE name = 'story'")" \
    "story" "recorded in cslog.schema_part"
cslog admin upgrade-server "$OWNER"
has "$T/out" "up to date: nothing to do" "a second upgrade has nothing to do"
both --as S1 show 5
same 0 "show after the upgrade: the file's"
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "verify passes after it all"

# ---- clock-accept ----------------------------------------------------------
CSLOG_DB="$URL" cslog --as S1 clock-accept
status 0 "clock-accept on a server"
has "$T/out" "nothing to accept: the clock" "nothing to accept while the server's clock is ahead of its record"
CSLOG_DB="$URL" cslog --as M1 clock-accept
status 77 "a member may not accept the clock"
# The newest event as if stamped by a clock that ran a day ahead (the
# head's time only: the server stamps at it until its clock passes it).
sql "UPDATE cslog.chain_head SET at = now() + interval '1 day'" >/dev/null
n0=$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'clock.accept'")
CSLOG_DB="$URL" cslog --as S1 clock-accept
status 0 "clock-accept with the server's clock behind its newest event"
has "$T/out" "accepted: the record's newest event was" "accepted"
is "$(sql "SELECT count(*) - $n0 || ' ' || (actor_id = 1) FROM cslog.audit WHERE action = 'clock.accept' GROUP BY actor_id")" \
    "1 true" "an audit event under the supervisor"
CSLOG_DB="$URL" cslog --as S1 verify
status 0 "verify passes after it"

# A server made before the parts were recorded; a database not cslog's.
sql "SET ROLE cslog_owner; DROP TABLE cslog.schema_part" >/dev/null
CSLOG_DB="$URL" cslog --as S1 list
status 69 "a command on a server older than the record of parts: unavailable"
has "$T/err" "it cannot be upgraded" "saying it cannot be upgraded"
has "$T/err" "cslog copy" "and how to move the log"
cslog admin upgrade-server "$OWNER"
status 65 "upgrade-server refuses it"
has "$T/err" "make a new database with 'cslog admin init-server'" "saying what to do"
pg_createdb main other
cslog admin upgrade-server "postgresql:///other?host=$T/main&user=cslog_dba"
status 65 "upgrade-server on a database that is not cslog's"
has "$T/err" "is not a cslog database" "saying so"

done_testing
