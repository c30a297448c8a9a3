#!/bin/sh
# pg_standby.sh - cslog with a streaming hot standby (pg_basebackup -R),
# both started here:
#  - a contact logged on the primary is listed from the standby (its
#    server log shows the read ran there), shown, verified there;
#  - the sign-in a read needs, and a protected read's audit event (show,
#    list and export --include-protected), are written on the primary
#    named in the same connection string;
#  - writing commands on the standby (redact, upgrade-server too) are
#    refused with a message naming the standby and the primary, and
#    write nothing;
#  - a read waits until the standby has replayed its sign-in; with the
#    standby's replay paused it gives up (exit 75, 10 s);
#  - a connection string naming the standby alone cannot sign in, and
#    says why.
# Not under valgrind (tests/pg_lib.sh).
. "$(dirname "$0")/../lib.sh"
backend_only sqlite "starts its own PostgreSQL cluster and holds a file and a server side by side (tests/pg_lib.sh)"
. "$(dirname "$0")/../pg_lib.sh"

pg_need
pg_new main
pg_start main "-c log_statement=all" || { cat "$T/main/log"; pg_skip_all "the primary did not start"; }
pg_cslog_db main
sql() { pg_sql main "$1"; }
pg_standby main standby "-c log_statement=all"
ok $? "a hot standby made with pg_basebackup -R runs"
is "$(pg_sql standby "SELECT pg_is_in_recovery()")" "t" "it is in recovery"

cslog --as M1 log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "carried groceries in" --customer-name "Ann Customer"
status 0 "a contact logged on the primary"
C1=$(cat "$T/out")

# The standby first, the primary for what must write.
BOTH="postgresql:///cslog?host=$T/standby,$T/main&user=cslog_terminal&target_session_attrs=prefer-standby"
ONLY="$(pg_url standby cslog_terminal)"
reads() { grep -cE "contact_(list|find)" "$T/$1/log"; }
s0=$(reads standby)
p0=$(reads main)
CSLOG_DB="$BOTH" cslog --as M1 list
status 0 "list through a string naming the standby and the primary"
has "$T/out" "carried groceries in" "the contact logged on the primary is listed"
ok "$([ "$(reads standby)" -gt "$s0" ] && echo 0 || echo 1)" "the list ran on the standby"
is "$(reads main)" "$p0" "and not on the primary"
is "$(sql "SELECT count(*) FROM cslog.session s JOIN cslog.member m ON m.id = s.member_id
           WHERE m.badge = 'M1' AND s.closed_at IS NOT NULL")" "2" \
    "its sign-in and sign-out were written on the primary"

CSLOG_DB="$BOTH" cslog --as S1 list --format csv
status 0 "a supervisor (with a PIN) lists from the standby"
has "$T/out" "carried groceries in" "everyone's contacts"
CSLOG_PIN=0000 CSLOG_DB="$BOTH" cslog --as S1 list
status 77 "a wrong PIN through the standby is refused"
is "$(sql "SELECT failed_pins FROM cslog.member WHERE badge = 'S1'")" "1" \
    "and counted on the primary, for every station"
CSLOG_DB="$BOTH" cslog --as S1 show "$C1" --include-protected
status 0 "show --include-protected through the standby"
has "$T/out" "Ann Customer" "gives the customer data"
is "$(sql "SELECT count(*) FROM cslog.audit WHERE action = 'read.protected' AND entity_id = $C1")" \
    "1" "its read recorded on the primary"
bulk="SELECT count(*) FROM cslog.audit WHERE action = 'read.protected-bulk'"
b0=$(sql "$bulk")
CSLOG_DB="$BOTH" cslog --as S1 list --include-protected --format csv
status 0 "list --include-protected through the standby"
has "$T/out" "Ann Customer" "gives the customer data"
is "$(sql "$bulk")" "$((b0 + 1))" "its read recorded on the primary"
CSLOG_DB="$BOTH" cslog --as S1 export --include-protected --format jsonl
status 0 "export --include-protected through the standby"
has "$T/out" "Ann Customer" "gives the customer data"
is "$(sql "$bulk")" "$((b0 + 2))" "its read recorded on the primary"
CSLOG_DB="$BOTH" cslog --as S1 verify
status 0 "verify on the standby"
has "$T/out" "contacts verified" "it reports what it checked"
CSLOG_DB="$BOTH" cslog --as S1 member list
status 0 "member list on the standby"
has "$T/out" "Mo Member" "lists the members"

# Writing commands are refused there.
# Events but those of sign-in and of the follow-up opened by hand below.
EV="SELECT count(*) FROM cslog.audit WHERE action NOT IN ('followup.add', 'member.pin-ok')"
events=$(sql "$EV")
contacts=$(sql "SELECT count(*) FROM cslog.contact")
CSLOG_DB="$BOTH" cslog --as M1 log --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "written on the standby"
status 69 "log on the standby is refused"
has "$T/err" "(host=$T/standby port=5432) is a hot standby" "naming the standby reached"
has "$T/err" "host=$T/main" "and naming the primary"
has "$T/err" "logging a contact" "and what was refused"
CSLOG_DB="$BOTH" cslog --as S1 review "$C1" --sign-off
status 69 "review on the standby is refused"
has "$T/err" "hot standby" "saying why"
CSLOG_DB="$BOTH" cslog --as S1 member add --badge M9 --name "Not Here"
status 69 "member add on the standby is refused"
FU=$(sql "SELECT cslog.followup_open(1, $C1, now(), extract(epoch FROM now())::bigint + 3600, 0, NULL)")
CSLOG_DB="$BOTH" cslog --as M1 followup "done" "$FU"
status 69 "followup done on the standby is refused"
CSLOG_DB="$BOTH" cslog --as M1 followup pause "$FU" --reason "away"
status 69 "followup pause on the standby is refused"
has "$T/err" "pausing a follow-up" "saying what"
CSLOG_DB="$BOTH" cslog --as S1 member role M1 --role member
status 69 "member role on the standby is refused"
CSLOG_DB="$BOTH" cslog --as S1 member set-pin M1 --clear
status 69 "member set-pin on the standby is refused"
CSLOG_DB="$BOTH" cslog --as S1 redact "$C1" --reason "asked"
status 69 "redact on the standby is refused"
has "$T/err" "removing customer data" "saying what"
CSLOG_DB="$BOTH" cslog --as S1 purge --dry-run
status 0 "purge --dry-run reads on the standby"
cslog admin upgrade-server "$(pg_url standby cslog_dba)"
status 69 "upgrade-server on a standby is refused"
has "$T/err" "runs on the primary" "saying where it runs"
CSLOG_DB="$BOTH" cslog --as M1 followup list
status 0 "followup list reads on the standby"
is "$(sql "SELECT count(*) FROM cslog.contact")" "$contacts" "no contact was written"
is "$(sql "$EV")" "$events" "and no event"
# amend reads the customer data it carries on (recorded, on the primary),
# then its write is refused.
CSLOG_DB="$BOTH" cslog --as M1 amend "$C1" --reason "typo" --summary "on the standby"
status 69 "amend on the standby is refused"
has "$T/err" "amending a contact" "saying what"
is "$(sql "SELECT count(*) FROM cslog.contact")" "$contacts" "no version was written"

# The standby alone: reading needs a sign-in, which it cannot write.
CSLOG_DB="$ONLY" cslog --as M1 list
status 69 "list through a string naming the standby alone is refused"
has "$T/err" "a sign-in is written on the primary" "saying the sign-in needs the primary"
has "$T/err" "target_session_attrs=prefer-standby" "and how to name it"
CSLOG_DB="$ONLY" cslog --as M1 log --policy bsofr --kind recipient --channel on-scene \
    --outcome resolved --summary "written on the standby"
status 69 "a write through it is refused too"
has "$T/err" "hot standby" "saying why"
cslog admin init-server "$(pg_url standby cslog_dba)" --badge S1 --name x
status 69 "init-server on a standby is refused"
has "$T/err" "runs on the primary" "saying where it runs"

# A read waits until the standby has replayed its sign-in.
sessions() { sql "SELECT count(*) FROM cslog.session s JOIN cslog.member m ON m.id = s.member_id WHERE m.badge = 'M1'"; }
n0=$(sessions)
pg_sql standby "SELECT pg_wal_replay_pause()" >/dev/null
(cd "$SRC" && CSLOG_DB="$BOTH" "$CSLOG_BIN" --as M1 list >"$T/bg.out" 2>"$T/bg.err"
 echo $? >"$T/bg.rc") &
bg=$!
# Replay resumes once the sign-in is on the primary (or the read gave up).
while [ "$(sessions)" = "$n0" ] && kill -0 "$bg" 2>/dev/null; do sleep 0.05; done
pg_sql standby "SELECT pg_wal_replay_resume()" >/dev/null
wait "$bg"
is "$(cat "$T/bg.rc")" "0" "a read whose sign-in the standby has not yet replayed waits for it"
has "$T/bg.out" "carried groceries in" "then lists"
pg_sql standby "SELECT pg_wal_replay_pause()" >/dev/null
CSLOG_DB="$BOTH" cslog --as M1 list
status 75 "with the standby's replay paused, a read gives up after a while: try again"
has "$T/err" "has not replayed this sign-in" "saying the standby lags"
pg_sql standby "SELECT pg_wal_replay_resume()" >/dev/null

# A contact logged now reaches the standby too.
cslog --as M1 log --policy bsofr --kind recipient --channel on-scene --outcome resolved \
    --summary "logged after the standby started"
status 0 "another contact on the primary"
CSLOG_DB="$BOTH" cslog --as M1 list
has "$T/out" "logged after the standby started" "is listed from the standby"
done_testing
