#!/bin/sh
# last_policy.sh - a member's last policy, remembered on a file
# (member.last_policy) and on a server (cslog.member_policy) alike:
# `cslog log` without --policy, like the screens' contact form, starts
# from it.  Set by logging a contact, one's own or a supervisor's for the
# member; left as it was by an amendment and by an import; none at first
# (64, "say which policy").  Signed in without a PIN (sign_in_bare on a
# server) and with one (sign_in).  `log --member X` without --policy
# starts from X's last policy, not the supervisor's (on a server read by
# cslog.member_policy_of); a member asking for another's is refused as
# logging for them is.
. "$(dirname "$0")/../lib.sh"

first_supervisor
cslog member add --badge M1 --name "Mia Member"
status 0 "a member without a PIN"

# policy_of ID: the policy of contact ID, as a supervisor lists it
policy_of() {
	CSLOG_AS=S1 CSLOG_PIN=1234 plain list --format csv --limit 1000
	awk -F, -v id="$1" '$1 == id { print $6 }' "$T/out"
}
m1() { CSLOG_AS=M1 CSLOG_PIN= cslog "$@"; }
bsofr="--kind recipient --channel phone --outcome assisted"
phoenix="--kind recipient --channel on-scene --outcome resolved"

m1 log $bsofr --summary "no policy said, none remembered"
status 64 "none remembered yet: the policy is asked"
has "$T/err" "say which policy" "... saying so"
m1 log --policy bsofr $bsofr --summary "under BSOFR"
status 0 "M1 logs under bsofr"
m1 log $bsofr --summary "no policy said"
status 0 "then without --policy"
is "$(policy_of "$(cat "$T/out")")" "bsofr" "... under M1's last policy, bsofr"

cslog log --member M1 --policy phoenix $phoenix --summary "logged for M1"
status 0 "a supervisor logs for M1 under phoenix"
m1 log $phoenix --summary "no policy said again"
status 0 "M1 then logs without --policy"
amended=$(cat "$T/out")
is "$(policy_of "$amended")" "phoenix" "... under phoenix, the policy of the contact logged for them"

cslog amend 1 --reason "the summary was wrong" --summary "under BSOFR, corrected"
status 0 "M1's bsofr contact amended"
cat >"$T/in.csv" <<'EOF'
at,logged_at,member,policy,policy_version,kind,channel,outcome,summary
2026-01-02T10:00:00Z,2026-01-02T10:05:00Z,M1,bsofr,2026.1,recipient,phone,assisted,imported under BSOFR
EOF
cslog import "$T/in.csv"
status 0 "a contact of M1's under bsofr imported"
m1 log $phoenix --summary "after the amendment and the import"
status 0 "M1 logs without --policy"
is "$(policy_of "$(cat "$T/out")")" "phoenix" "... still phoenix: neither the amendment nor the import changed it"

cslog log --policy bsofr $bsofr --summary "S1's own"
status 0 "the supervisor (with a PIN) logs under bsofr"
cslog log $bsofr --summary "S1's own, no policy said"
status 0 "then without --policy"
is "$(policy_of "$(cat "$T/out")")" "bsofr" "... under bsofr: remembered for one signing in with a PIN too"

# For another member: theirs, not the supervisor's (bsofr now).
cslog log --member M1 $phoenix --summary "for M1, no policy said"
status 0 "the supervisor logs for M1 without --policy"
is "$(policy_of "$(cat "$T/out")")" "phoenix" "... under M1's last policy, phoenix, not the supervisor's"
cslog member add --badge M2 --name "Max Member"
cslog log --member M2 $bsofr --summary "for M2, none remembered"
status 64 "for a member with no last policy: the policy is asked, as M2 would be"
has "$T/err" "say which policy" "... saying so"
cslog log --member M2 --policy bsofr $bsofr --summary "for M2 under bsofr"
status 0 "then given, for M2"
m1 log --member S1 --policy bsofr $bsofr --summary "M1 for S1, policy given"
status 77 "a member may not log for another"
cp "$T/err" "$T/err-given"
m1 log --member S1 $bsofr --summary "M1 for S1, no policy said"
status 77 "... nor learn their last policy by leaving --policy out"
is "$(cat "$T/err")" "$(cat "$T/err-given")" "... refused in the same words"
done_testing
