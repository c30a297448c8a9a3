#!/bin/sh
# privacy.sh - protected customer data removed for good: by hand (cslog
# redact, a supervisor with a reason) and by a policy's retention rule
# (cslog purge, --dry-run first).  The contact stays; who, when and why
# are audited; the log still verifies.
. "$(dirname "$0")/../lib.sh"

P="$T/policies"
mkdir -p "$P"
cp "$SRC/tests/fuzz/policy_seeds/minimal-all-parts.yaml" "$P/example.yaml"   # retention 365 days
printf '1234\n' >"$T/pin"
cslog --policies "$P" member add --badge S1 --name "Sam Super" --role supervisor --pin-stdin <"$T/pin"
status 0 "the first supervisor"
export CSLOG_PIN=1234
cslog --policies "$P" member add --badge M1 --name "Mia Member" --as S1
export CSLOG_AS=S1   # reading needs someone acting too
log() { # AT NAME
	cslog --policies "$P" log --as S1 --policy example --kind recipient --channel on-scene --outcome resolved \
	    --summary "A contact on $1" --at "$1" --customer-name "$2" --customer-phone "555-0100"
}
log "2023-03-01 10:00" "Old Anna"; log "2024-01-15 10:00" "Old Bert"
log now "New Carla"
cslog --policies "$P" log --as S1 --policy example --kind recipient --channel on-scene --outcome resolved \
    --summary "An old one with no customer data" --at "2023-05-01 10:00"
status 0 "four contacts, two older than a year with customer data"

cslog --policies "$P" purge --dry-run --as S1
status 0 "purge --dry-run"
is "$(cut -f1 "$T/out" | tr '\n' ' ')" "1 2 " "the dry run lists the two old contacts with data"
has "$T/err" "2 contacts would be redacted (dry run" "and says nothing changed"
is "$(sqlite3 "$CSLOG_DB" "select count(*) from contact_private where redacted_at is not null")" 0 \
    "the dry run changed nothing"

cslog --policies "$P" purge --as M1
status 77 "a member may not purge"
CSLOG_PIN=1234 cslog --policies "$P" purge --policy nonesuch --as S1
status 64 "an unknown policy is a usage error"

cslog --policies "$P" purge --as S1
status 0 "purge"
has "$T/err" "2 contacts redacted" "purge says how many"
cslog --policies "$P" show 1 --include-protected
lacks "$T/out" "Old Anna" "the old customer's name is gone"
has "$T/out" "Redacted" "show marks the contact redacted"
has "$T/out" "A contact on 2023-03-01 10:00" "the contact itself stays"
cslog --policies "$P" show 3 --include-protected
has "$T/out" "New Carla" "a recent contact keeps its data"
# (a server's detail is the same JSON, as text: read with its operator)
reason="json_extract(detail, '\$.reason')"
on_file || reason="detail::json->>'reason'"
is "$(sqlite3 "$CSLOG_DB" "select $reason from audit where action = 'contact.redact' and entity_id = 2")" \
    "retention: older than 365 days (policy example)" "the audit trail keeps the rule as the reason"
cslog --policies "$P" purge --dry-run --as S1
has "$T/err" "0 contacts would be redacted" "a second purge finds nothing more"

cslog --policies "$P" redact 3 --as S1
status 64 "redact needs a reason"
cslog --policies "$P" redact 3 --as M1 --reason "asked"
status 77 "a member may not redact"
cslog --policies "$P" redact 3 --as S1 --reason "customer asked for removal"
status 0 "a supervisor redacts with a reason"
cslog --policies "$P" show 3 --include-protected
lacks "$T/out" "New Carla" "the name is gone"
cslog --policies "$P" redact 3 --as S1 --reason "again"
status 65 "redacting twice is refused"
cslog --policies "$P" redact 99 --as S1 --reason "x"
status 66 "no such contact"
cslog --policies "$P" export --format csv --include-protected
lacks "$T/out" "Carla" "the export holds no redacted data"
cslog --policies "$P" verify
status 0 "the log still verifies after redactions"
done_testing
