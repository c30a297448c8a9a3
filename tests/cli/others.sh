#!/bin/sh
# others.sh - another member's contact or follow-up, named by a member,
# a trainer or an evaluator: refused as not theirs (exit 77, the
# permission table's words), and one that is not there "no contact N" /
# "no follow-up N" (66), the same status and the same words on a file
# and on a server (tests/run.sh runs it against both; on a server the
# use case asks whose the record is, cslog.contact_owner and
# cslog.followup_owner, and decides by the same table: before, a server
# said "no contact N (or not one of yours to read)", 66).  Nothing of
# the other's contact is said: the words are the rule's.  The owner,
# a supervisor and nobody signed in as controls.  About 1 s on a file,
# 4 s on a server.
. "$(dirname "$0")/../lib.sh"

# The fixture runs plainly (never under valgrind): the refusals are the test.
first_supervisor
plain member add --badge M1 --name "Mo Member"
plain member add --badge M2 --name "Max Other"
plain member add --badge T1 --name "Tia Trainer" --role trainer --pin-stdin <"$T/pin"
plain member add --badge E1 --name "Eve Evaluator" --role evaluator --pin-stdin <"$T/pin"
status 0 "two members, a trainer and an evaluator"
due=$(date -u -d '+2 days' '+%Y-%m-%dT%H:%M:%SZ')
for who in M1 M2; do
	CSLOG_AS=$who CSLOG_PIN= plain log --policy bsofr --kind recipient --channel phone \
	    --outcome assisted --summary "the contact of $who" --customer-name "Customer of $who" \
	    --follow-up "$due" --follow-up-note "call back"
done
status 0 "M1's contact 1 and M2's contact 2, each with customer data and a follow-up"

# as WHO PIN ARGS: cslog ARGS as WHO (PIN: their PIN, or none)
as() {
	_who=$1 _pin=$2
	shift 2
	CSLOG_AS=$_who CSLOG_PIN=$_pin cslog "$@"
}
# refused WANT-STATUS WANT-STDERR WHAT: the last cslog's status and its
# whole standard error, word for word
refused() {
	is "$rc" "$1" "$3 (exit $1)"
	is "$(cat "$T/err")" "cslog: $2" "... saying: $2"
	lacks "$T/out" "Customer of" "... showing nothing of it"
}

rule="(members and trainers: their own; supervisors: everyone's)"
for who in "M1 member" "T1 trainer"; do
	b=${who%% *}
	r=${who#* }
	pin=
	[ "$b" = T1 ] && pin=1234
	as "$b" "$pin" show 2
	refused 77 "$b ($r) may list and show contacts of their own only $rule" \
	    "$b: show of M2's contact"
	as "$b" "$pin" show 2 --include-protected
	refused 77 "$b ($r) may see one contact's customer name, phone, address, e-mail of their own only $rule" \
	    "$b: show --include-protected of M2's contact"
	as "$b" "$pin" amend 2 --reason typo --summary corrected
	refused 77 "$b ($r) may amend a contact of their own only $rule" \
	    "$b: amend of M2's contact"
	as "$b" "$pin" followup done 2 --note called
	refused 77 "$b ($r) may see and close follow-ups of their own only $rule" \
	    "$b: followup done of M2's follow-up"
	as "$b" "$pin" followup pause 2 --reason waiting
	refused 77 "$b ($r) may see and close follow-ups of their own only $rule" \
	    "$b: followup pause of M2's follow-up"
	as "$b" "$pin" followup resume 2
	refused 77 "$b ($r) may see and close follow-ups of their own only $rule" \
	    "$b: followup resume of M2's follow-up"
done

# None there: the same "no such" at both ends.
for who in "M1 " "T1 1234"; do
	b=${who%% *}
	pin=${who#* }
	as "$b" "$pin" show 99
	refused 66 "no contact 99" "$b: show of a contact that is not there"
	as "$b" "$pin" show 99 --include-protected
	refused 66 "no contact 99" "$b: show --include-protected of one not there"
done
as M1 "" amend 99 --reason typo --summary corrected
refused 66 "no contact 99" "M1: amend of a contact not there"
as M1 "" followup done 99 --note called
refused 66 "no follow-up 99" "M1: followup done of a follow-up not there"
as M1 "" followup pause 99 --reason waiting
refused 66 "no follow-up 99" "M1: followup pause of one not there"

# An evaluator sees no contact at all, there or not: the table's words.
for c in 2 99; do
	as E1 1234 show "$c"
	refused 77 "E1 (evaluator) may not list and show contacts $rule" "E1: show $c"
done
as E1 1234 followup done 2 --note called
refused 77 "E1 (evaluator) may not see and close follow-ups $rule" "E1: followup done"

# Nobody signed in: refused as such.
CSLOG_AS= CSLOG_PIN= cslog show 2
is "$rc" 77 "nobody signed in: show refused (exit 77)"
has "$T/err" "show needs someone acting" "... saying someone must act"

# The controls: the owner and a supervisor.
as M2 "" show 2 --include-protected
status 0 "M2 shows their own contact, customer data and all"
has "$T/out" "Customer of M2" "... with its customer data"
as S1 1234 show 2
status 0 "a supervisor shows M2's contact"
as M2 "" followup done 2 --note called
status 0 "M2 closes their own follow-up"
as S1 1234 amend 1 --reason typo --summary corrected
status 0 "a supervisor amends M1's contact"

done_testing
