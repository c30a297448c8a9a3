#!/bin/sh
# members.sh - the members' administration on the command line: a role
# changed (never one's own, never the last supervisor's, never to one that
# needs a PIN for someone without; an evaluator too), a lockout ended, a PIN reset that its
# member must replace before anything else; each change in the audit
# trail under the supervisor.
. "$(dirname "$0")/../lib.sh"

printf '1234\n' >"$T/pin"
cslog member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
export CSLOG_AS=S1 CSLOG_PIN=1234
cslog member add --badge M7 --name "Mia Member"
cslog member add --badge M8 --name "Max Member" --pin-stdin <"$T/pin"
status 0 "a supervisor and two members"
cslog member add --badge "M 9" --name "Spacey Member"
status 65 "a badge with a space is refused (on a server too: the rule is the use case's)"
has "$T/err" "a badge has no spaces or control characters" "... saying why"
cslog member add --badge "$(printf 'M\0339')" --name "Escaped Member"
status 65 "and one with a control character"
printf '123\n' | cslog member add --badge M10 --name "Short Pin" --pin-stdin
status 65 "a PIN of 3 characters is refused (the record's rule, record_pin_check)"
has "$T/err" "a PIN has 4 to 64 characters" "... saying the rule"
sql() { sqlite3 -batch -noheader "$CSLOG_DB" "$1"; }
S1=$(sql "select id from member where badge = 'S1'")

# ---- roles
cslog member role M7 --role trainer
status 77 "a member without a PIN cannot become a trainer"
has "$T/err" "must have a PIN" "saying why"
cslog member role M8 --role trainer
status 0 "a member with a PIN becomes a trainer"
is "$(sql "select role from member where badge = 'M8'")" trainer "the role is changed"
is "$(sql "select count(*) from audit where action = 'member.update' and actor_id = $S1")" 1 \
    "in the audit trail, under the supervisor"
cslog member role S1 --role member
status 77 "a supervisor cannot change their own role"
cslog member role M8 --role supervisor
status 0 "M8 becomes a supervisor"
CSLOG_AS=M8 cslog member role S1 --role member
status 0 "another supervisor may demote S1"
CSLOG_AS=M8 cslog member role M8 --role member
status 77 "M8 cannot demote themself"
cslog member role M8 --role member
status 77 "S1, a member now, may not change roles"
CSLOG_AS=M8 cslog member role S1 --role supervisor
status 0 "S1 made a supervisor again"
cslog member role M8 --role member
status 0 "S1 demotes M8"
cslog member role S1 --role member
status 77 "nor their own role when they are the last supervisor"
cslog member role M7 --role evaluator
status 77 "nor an evaluator"
cslog member role M8 --role evaluator
status 0 "a member with a PIN may become an evaluator"
is "$(sql "select role from member where badge = 'M8'")" evaluator "the role is changed"
CSLOG_AS=M8 cslog shopper list
status 0 "the evaluator lists their evaluations"
CSLOG_AS=M8 cslog list
status 77 "and sees no contacts"
cslog member set-pin M8 --clear
status 77 "an evaluator's PIN cannot be cleared"
cslog member role M8 --role member
status 0 "back to a member"
cslog member role M7 --role wizard
status 64 "an unknown role is a usage error"
cslog member role NOPE --role member
status 66 "no such member"

# ---- a lockout ended
for i in 1 2 3 4 5; do CSLOG_AS=M8 CSLOG_PIN=0000 cslog list; done
if on_file; then
	is "$(sql "select locked_until > 0 from member where badge = 'M8'")" 1 "M8 is locked"
else
	is "$(sql "select (locked_until > now())::int from member where badge = 'M8'")" 1 "M8 is locked"
fi
CSLOG_AS=M8 cslog list
status 77 "and refused, even with the right PIN"
cslog member unlock M8
status 0 "S1 unlocks M8"
CSLOG_AS=M8 cslog list
status 0 "M8 signs in again"
cslog member unlock M8
status 65 "unlocking an account that is not locked says so"
has "$T/err" "not locked" "in words"
CSLOG_AS=M8 cslog member unlock M8
status 77 "a member may not unlock"
is "$(sql "select count(*) from audit where action = 'member.unlock' and actor_id = $S1")" 1 \
    "the unlock is in the audit trail"

# ---- a PIN reset: its member's own comes first
printf '5678\n' >"$T/pin5"; printf '2468\n' >"$T/pin2"
cslog member set-pin M7 --pin-stdin <"$T/pin5"
status 0 "S1 sets a PIN for M7"
is "$(sql "select cast(pin_reset as integer) from member where badge = 'M7'")" 1 "it is marked as a reset"
cslog member list
has "$T/out" "reset" "member list shows it"
CSLOG_AS=M7 CSLOG_PIN=5678 cslog list
status 77 "with a reset PIN, M7 may do nothing else"
has "$T/err" "choose your own first" "and is told what to do"
CSLOG_AS=M7 CSLOG_PIN=5678 cslog member set-pin M7 --pin-stdin <"$T/pin2"
status 0 "M7 sets their own"
is "$(sql "select cast(pin_reset as integer) from member where badge = 'M7'")" 0 "no longer a reset"
CSLOG_AS=M7 CSLOG_PIN=2468 cslog list
status 0 "M7 works with their own PIN"
cslog member set-pin S1 --clear
status 77 "a supervisor's PIN cannot be cleared"
cslog verify
status 0 "the record is intact after it all"

done_testing
